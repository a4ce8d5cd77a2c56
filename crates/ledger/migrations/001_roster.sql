-- The roster: people, their family, unit settings, the audit log and reported year-end counts.
-- Nothing is ever deleted: records carry voided_at / void_reason instead.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL CHECK (name <> ''),
    sex               TEXT,
    ethnicity         TEXT NOT NULL DEFAULT '',
    native_place      TEXT NOT NULL DEFAULT '',
    birth             TEXT,
    id_number         TEXT NOT NULL DEFAULT '',
    political_status  TEXT,
    party_joined      TEXT,
    party_confirmed   TEXT,
    education         TEXT NOT NULL DEFAULT '',
    work_started      TEXT,
    retired_on        TEXT,
    retirement_kind   TEXT,
    former_post       TEXT NOT NULL DEFAULT '',
    grade             TEXT,
    unit_kind         TEXT,
    health            TEXT,
    care_level        TEXT,
    living            TEXT,
    residence         TEXT,
    address           TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    emergency_contact TEXT NOT NULL DEFAULT '',
    emergency_phone   TEXT NOT NULL DEFAULT '',
    party_branch      TEXT NOT NULL DEFAULT '',
    liaison           TEXT NOT NULL DEFAULT '',
    lunar_month       INTEGER CHECK (lunar_month BETWEEN 1 AND 12),
    lunar_day         INTEGER CHECK (lunar_day BETWEEN 1 AND 30),
    lunar_leap        INTEGER NOT NULL DEFAULT 0,
    died_on           TEXT,
    notes             TEXT NOT NULL DEFAULT '',
    -- Name, full pinyin, initials, ID and phone, lower-case, for one LIKE scan (see search.rs).
    search_key        TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    voided_at         TEXT,
    void_reason       TEXT
) STRICT;

-- One living record per ID number; voided records may share it with their replacement.
CREATE UNIQUE INDEX people_id_number_unique ON people (id_number)
    WHERE id_number <> '' AND voided_at IS NULL;
CREATE INDEX people_name ON people (name);

CREATE TABLE family_members (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    name        TEXT NOT NULL,
    relation    TEXT NOT NULL DEFAULT '',
    birth       TEXT,
    phone       TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    is_survivor INTEGER NOT NULL DEFAULT 0,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE INDEX family_members_person ON family_members (person_id);

-- Who changed what and when. `changes` is a JSON array of {field, old, new}.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '[]',
    reason    TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- The year-end count as reported upward, per unit kind and retirement kind, so next year's
-- reconciliation starts from the figure the bureau actually received.
CREATE TABLE year_end_counts (
    year            INTEGER NOT NULL,
    unit_kind       TEXT NOT NULL,
    retirement_kind TEXT NOT NULL,
    total           INTEGER NOT NULL,
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (year, unit_kind, retirement_kind)
) STRICT;
