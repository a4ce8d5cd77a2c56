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
