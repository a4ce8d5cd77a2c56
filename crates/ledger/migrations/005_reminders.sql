-- What is due (reminders.rs). Reminders themselves are computed from the ledger each time and
-- never stored: a reminder goes away by itself when the record that fulfils it is entered. Only
-- what the clerk decides is kept here: 五必访 cases opened, the 送学上门 list, and reminders
-- dismissed for their period. Nothing is deleted: rows are voided or closed with a reason.

-- A 五必访 case: the office learned of an illness, a family conflict … on `learned_on`. It is due
-- until a visit to the person on or after that day closes it (computed, not stored).
CREATE TABLE must_visit_cases (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    learned_on  TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE INDEX must_visit_cases_person ON must_visit_cases (person_id);

-- 送学上门名单: elders who cannot come to study (年高体弱、行动不便) and get documents, study
-- material and newspapers brought home every month. Taken off the list with a reason; the row stays.
CREATE TABLE delivery_list (
    person_id      INTEGER PRIMARY KEY REFERENCES people (id),
    reason         TEXT NOT NULL DEFAULT '',
    added_on       TEXT NOT NULL,
    removed_at     TEXT,
    removed_reason TEXT
) STRICT;

-- A reminder dismissed for its period (e.g. 本人在外地随子女居住). `reminder_key` names the duty
-- (kind, person, subject) and `due` the occurrence dismissed; `until` keeps a standing duty such as
-- regular contact away up to that day. A dismissal can be withdrawn (voided); audited either way.
CREATE TABLE reminder_dismissals (
    id           INTEGER PRIMARY KEY,
    reminder_key TEXT NOT NULL,
    due          TEXT NOT NULL,
    until        TEXT,
    reason       TEXT NOT NULL CHECK (reason <> ''),
    actor        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    voided_at    TEXT,
    void_reason  TEXT
) STRICT;
CREATE INDEX reminder_dismissals_key ON reminder_dismissals (reminder_key) WHERE voided_at IS NULL;

-- Regular contact (一对一联系) asks, for every person, the day of the last visit or call: this index
-- answers it from the index alone, without reading ten visits per person from the table.
CREATE INDEX visits_contact ON visits (person_id, date, kind)
    WHERE voided_at IS NULL AND survivor_id IS NULL;
