-- What the reminder engine reads of every person, as one covering index (issue 11). The engine
-- reads these fifteen columns of every living record each time 待办 opens; from the table they cost
-- a walk over its wide rows (about 450 bytes each), from this index about a quarter of the pages.
-- `reports::reminders` has a test that its query still uses this index: a column added to the
-- query must be added here too, in a new migration.
CREATE INDEX people_reminder_facts ON people (
    voided_at, id, name, birth, lunar_month, lunar_day, lunar_leap, political_status,
    party_joined, party_confirmed, retirement_kind, health, care_level, living, liaison, died_on
);
