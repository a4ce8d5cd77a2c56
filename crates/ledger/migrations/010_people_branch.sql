-- People linked to their party branch's record (issue 13): `people.branch_id` names the
-- party_branches row whose name is the person's 所在党支部. The text stays what the clerk typed and
-- what the roster prints and audits; the link follows it here, in one place, whichever code writes
-- either table: existing names are linked now, and the triggers keep the link as names are typed,
-- branches are entered, renamed or voided. A name with no record is simply not linked (yet).
ALTER TABLE people ADD COLUMN branch_id INTEGER REFERENCES party_branches (id);

UPDATE people SET branch_id = (
    SELECT b.id FROM party_branches b WHERE b.name = people.party_branch AND b.voided_at IS NULL
) WHERE party_branch <> '';

CREATE INDEX people_branch ON people (branch_id) WHERE branch_id IS NOT NULL;

CREATE TRIGGER people_branch_on_insert AFTER INSERT ON people
WHEN NEW.party_branch <> ''
BEGIN
    UPDATE people SET branch_id = (
        SELECT b.id FROM party_branches b WHERE b.name = NEW.party_branch AND b.voided_at IS NULL
    ) WHERE id = NEW.id;
END;

CREATE TRIGGER people_branch_on_update AFTER UPDATE OF party_branch ON people
BEGIN
    UPDATE people SET branch_id = (
        SELECT b.id FROM party_branches b WHERE b.name = NEW.party_branch AND b.voided_at IS NULL
    ) WHERE id = NEW.id;
END;

CREATE TRIGGER branch_links_people AFTER INSERT ON party_branches
WHEN NEW.voided_at IS NULL
BEGIN
    UPDATE people SET branch_id = NEW.id WHERE party_branch = NEW.name;
END;

CREATE TRIGGER branch_renamed AFTER UPDATE OF name ON party_branches
WHEN NEW.voided_at IS NULL
BEGIN
    UPDATE people SET branch_id = NULL WHERE branch_id = NEW.id AND party_branch <> NEW.name;
    UPDATE people SET branch_id = NEW.id WHERE party_branch = NEW.name;
END;

CREATE TRIGGER branch_voided AFTER UPDATE OF voided_at ON party_branches
WHEN NEW.voided_at IS NOT NULL
BEGIN
    UPDATE people SET branch_id = NULL WHERE branch_id = NEW.id;
END;
