-- Taking someone off an activity's list marks the link instead of deleting it, like every other
-- record in the ledger: who was on the list, and when they were taken off, stays in the file.
ALTER TABLE activity_participants ADD COLUMN removed_at TEXT;
