-- The 修改记录 page filters the whole log by operator and by period (issue 12). Without these a
-- filter reads every entry (a 10,000-person ledger logs about 136,000); with them it reads only
-- the entries it shows. Entries are never updated, so the indexes cost one write per entry.
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_at ON audit_log (at);
