-- The work ledgers: everything the unit does for its retirees. Every table keeps its records
-- forever: a mistake is voided with a reason (voided_at / void_reason), never deleted.
-- Exact dates are ISO text (YYYY-MM-DD); money is integer fen.

-- A holiday or other campaign (春节 / 七一 / 重阳 / any named one) and the people it is due to.
CREATE TABLE campaigns (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    -- spring_festival / party_day / double_ninth / other
    festival    TEXT NOT NULL,
    year        INTEGER NOT NULL,
    -- The festival's solar date this year (重阳 is lunar 9/9), or the day the campaign is about.
    date        TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;

CREATE TABLE campaign_targets (
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
    person_id      INTEGER NOT NULL REFERENCES people (id),
    added_at       TEXT NOT NULL,
    -- Taken off the list (for example on death), with the reason; the row stays.
    removed_at     TEXT,
    removed_reason TEXT,
    PRIMARY KEY (campaign_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX campaign_targets_person ON campaign_targets (person_id);

-- A hospital stay (住院登记). Visits made for it point at it.
CREATE TABLE hospital_stays (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    hospital      TEXT NOT NULL DEFAULT '',
    department    TEXT NOT NULL DEFAULT '',
    condition     TEXT NOT NULL DEFAULT '',
    admitted_on   TEXT NOT NULL,
    discharged_on TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    voided_at     TEXT,
    void_reason   TEXT
) STRICT;
CREATE INDEX hospital_stays_person ON hospital_stays (person_id);
CREATE INDEX hospital_stays_admitted ON hospital_stays (admitted_on);

-- 走访慰问: any visit or call, to a retiree or (survivor_id set) to one of their survivors.
CREATE TABLE visits (
    id               INTEGER PRIMARY KEY,
    person_id        INTEGER NOT NULL REFERENCES people (id),
    survivor_id      INTEGER REFERENCES family_members (id),
    -- birthday / hospital / holiday / routine / phone / condolence / survivor / must_visit
    kind             TEXT NOT NULL,
    -- 节日或事由: the festival, the 五必访 reason, the round birthday …
    reason           TEXT NOT NULL DEFAULT '',
    campaign_id      INTEGER REFERENCES campaigns (id),
    hospital_stay_id INTEGER REFERENCES hospital_stays (id),
    date             TEXT NOT NULL,
    leader           TEXT NOT NULL DEFAULT '',
    participants     TEXT NOT NULL DEFAULT '',
    gifts            TEXT NOT NULL DEFAULT '',
    amount_fen       INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    condition        TEXT NOT NULL DEFAULT '',
    problems         TEXT NOT NULL DEFAULT '',
    handling         TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    voided_at        TEXT,
    void_reason      TEXT
) STRICT;
CREATE INDEX visits_date ON visits (date);
CREATE INDEX visits_person ON visits (person_id, date);
CREATE INDEX visits_campaign ON visits (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX visits_stay ON visits (hospital_stay_id) WHERE hospital_stay_id IS NOT NULL;

-- One issuance of a subsidy to a group (e.g. the quarter's 支委工作补贴): shared details and the
-- printable 签收表. Single payments have no batch.
CREATE TABLE subsidy_batches (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind <> ''),
    period      TEXT NOT NULL,
    paid_on     TEXT NOT NULL,
    method      TEXT NOT NULL,
    handler     TEXT NOT NULL DEFAULT '',
    approver    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;

-- 补贴发放: one payment to one person (or one survivor).
CREATE TABLE subsidies (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    survivor_id INTEGER REFERENCES family_members (id),
    batch_id    INTEGER REFERENCES subsidy_batches (id),
    kind        TEXT NOT NULL CHECK (kind <> ''),
    -- 所属期间: 2026 / 2026-Q3 / 2026-07
    period      TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    paid_on     TEXT NOT NULL,
    -- cash / transfer / goods
    method      TEXT NOT NULL,
    handler     TEXT NOT NULL DEFAULT '',
    approver    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE INDEX subsidies_paid_on ON subsidies (paid_on);
CREATE INDEX subsidies_person ON subsidies (person_id);
CREATE INDEX subsidies_batch ON subsidies (batch_id) WHERE batch_id IS NOT NULL;

-- 健康体检: one person's yearly checkup, attended or not.
CREATE TABLE checkups (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES people (id),
    year           INTEGER NOT NULL,
    attended       INTEGER NOT NULL CHECK (attended IN (0, 1)),
    date           TEXT,
    hospital       TEXT NOT NULL DEFAULT '',
    findings       TEXT NOT NULL DEFAULT '',
    advice         TEXT NOT NULL DEFAULT '',
    absence_reason TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    voided_at      TEXT,
    void_reason    TEXT
) STRICT;
CREATE UNIQUE INDEX checkups_person_year ON checkups (person_id, year) WHERE voided_at IS NULL;
CREATE INDEX checkups_year ON checkups (year);

-- 去世: the death of a retiree and the one-off payments to the family. people.died_on mirrors it.
CREATE TABLE deaths (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    died_on         TEXT NOT NULL,
    cause           TEXT NOT NULL DEFAULT '',
    -- 送别方式: 遗体告别 …
    farewell        TEXT NOT NULL DEFAULT '',
    funeral_fen     INTEGER NOT NULL DEFAULT 0 CHECK (funeral_fen >= 0),
    pension_fen     INTEGER NOT NULL DEFAULT 0 CHECK (pension_fen >= 0),
    paid_on         TEXT,
    recipient       TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    voided_at       TEXT,
    void_reason     TEXT
) STRICT;
CREATE UNIQUE INDEX deaths_person ON deaths (person_id) WHERE voided_at IS NULL;
CREATE INDEX deaths_died_on ON deaths (died_on);

-- 是否享受遗属补助
ALTER TABLE family_members ADD COLUMN survivor_aid INTEGER NOT NULL DEFAULT 0;

-- 党员情况 beyond the roster's branch and dates: post, dues, flow or lost contact.
CREATE TABLE party_info (
    person_id    INTEGER PRIMARY KEY REFERENCES people (id),
    post         TEXT NOT NULL DEFAULT '',
    dues_paid_to TEXT,
    -- normal / flowing / lost
    contact      TEXT NOT NULL DEFAULT 'normal',
    updated_at   TEXT NOT NULL
) STRICT;

-- 光荣在党50年 medals presented.
CREATE TABLE medals (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    year         INTEGER NOT NULL,
    presented_on TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    voided_at    TEXT,
    void_reason  TEXT
) STRICT;
CREATE UNIQUE INDEX medals_person ON medals (person_id) WHERE voided_at IS NULL;

-- 活动 and who took part.
CREATE TABLE activities (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL,
    title       TEXT NOT NULL CHECK (title <> ''),
    -- study / party_day / forum / outing / recreation / health_talk / other
    kind        TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE INDEX activities_date ON activities (date);

CREATE TABLE activity_participants (
    activity_id INTEGER NOT NULL REFERENCES activities (id),
    person_id   INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (activity_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_participants_person ON activity_participants (person_id);
