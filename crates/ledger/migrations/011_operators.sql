-- Operators (issue 12): the short list of people who work on the ledger, set by the unit, so every
-- audit entry names the operator who made the change rather than the shared office PC's login.
-- A password is optional and never stored in clear: `password_hash` is an Argon2id PHC string
-- (`$argon2id$v=19$…`, salt included), NULL when the operator has none. Nothing is deleted: an
-- operator who leaves is voided with a reason, and their name stays on the entries they made.
CREATE TABLE operators (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    password_hash TEXT CHECK (password_hash IS NULL OR password_hash LIKE '$argon2%'),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    voided_at     TEXT,
    void_reason   TEXT
) STRICT;
CREATE UNIQUE INDEX operators_name ON operators (name) WHERE voided_at IS NULL;
