-- The retirees' party organisations as records, for the 离退休干部党组织设置情况 form: each branch
-- (or general branch, 党总支) with its kind, 书记, committee, number of 党小组 and last election.
-- People still name their branch in people.party_branch (free text); linking them to these
-- records is a later step. Nothing is deleted: a branch dissolved or entered by mistake is voided.
CREATE TABLE party_branches (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    kind          TEXT NOT NULL CHECK (kind IN ('general', 'lixiu', 'tuixiu', 'combined',
                                                'lixiu_with_serving', 'tuixiu_with_serving')),
    secretary     TEXT NOT NULL DEFAULT '',
    committee     TEXT NOT NULL DEFAULT '',
    groups        INTEGER NOT NULL DEFAULT 0 CHECK (groups >= 0),
    last_election TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    voided_at     TEXT,
    void_reason   TEXT
) STRICT;
CREATE UNIQUE INDEX party_branches_name ON party_branches (name) WHERE voided_at IS NULL;

-- What the liaison must know of each person beyond the roster (六清楚), for the clerk's working
-- lists (分类服务清单: 患病、丧偶、独居、特长爱好、个性需求、特殊困难). One row per person, kept
-- apart from `people` so the roster's columns and its import stay as they are; a person without a
-- row has nothing recorded. Changes are audited like every other record.
CREATE TABLE person_profiles (
    person_id      INTEGER PRIMARY KEY REFERENCES people (id),
    marital_status TEXT CHECK (marital_status IN ('married', 'widowed', 'divorced', 'single')),
    illnesses      TEXT NOT NULL DEFAULT '',
    hobbies        TEXT NOT NULL DEFAULT '',
    needs          TEXT NOT NULL DEFAULT '',
    hardship       TEXT NOT NULL DEFAULT '',
    has_hardship   INTEGER NOT NULL DEFAULT 0 CHECK (has_hardship IN (0, 1)),
    updated_at     TEXT NOT NULL
) STRICT;
