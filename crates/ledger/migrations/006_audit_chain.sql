-- Tamper evidence (issue 12): every audit entry carries the hash of the entry before it and a hash
-- of its own content and that link (SHA-256, hex). Entries written before this migration are
-- sealed by the migration's hook (`audit_chain::seal_existing`), in id order.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
