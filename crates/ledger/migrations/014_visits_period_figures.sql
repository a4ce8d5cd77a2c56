-- What the period's visit figures read (issue 10): 工作概览's and 统计报表's summary counts each
-- kind's visits, persons and amounts over a quarter, and 走访慰问 shows the same totals beside its
-- page. From `visits_date` each of the quarter's visits (about 12,000 at 10,000 people) was a lookup
-- into the table's rows; this index holds every column those figures read. Tests check that the
-- summary's and the page's totals still read only it. The date leads: with `voided_at` first, the
-- planner took the index for any query on live visits up to a day, among them the reminders' scan
-- of each person's last contact, which then looked up every visit ever made.
CREATE INDEX visits_period_figures ON visits (date, kind, person_id, amount_fen, voided_at);
