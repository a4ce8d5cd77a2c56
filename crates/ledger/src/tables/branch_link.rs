//! People linked to their party branch's record (`people.branch_id`, migration 010). The link
//! follows the 所在党支部 text: SQLite triggers set it when a person's branch name is written, when a
//! branch with that name is entered or renamed, and clear it when the branch is voided, so every
//! writer keeps it right without knowing of it. Names with no record stay unlinked; they are what
//! the clerk still has to enter as records.

use crate::domain::model::PersonId;
use crate::error::Result;
use rusqlite::Connection;

/// The branch record `person` is linked to, if any.
pub fn branch_of(conn: &Connection, person: PersonId) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT branch_id FROM people WHERE id = ?1", [person.0], |r| r.get(0))?)
}

/// The branch names on the roster (living people) that no record carries, with how many people
/// name each: the branches still to enter as records.
pub fn unlinked_names(conn: &Connection) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT party_branch, count(*) FROM people
         WHERE voided_at IS NULL AND died_on IS NULL AND party_branch <> '' AND branch_id IS NULL
         GROUP BY party_branch ORDER BY party_branch",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::PersonInput;
    use crate::tables::branches::{self, BranchInput, BranchKind};
    use crate::testing::*;

    fn with_branch(name: &str, branch: &str) -> crate::domain::model::PersonFields {
        crate::domain::model::PersonFields { party_branch: branch.into(), ..simple(name) }
    }

    fn branch(name: &str) -> BranchInput {
        BranchInput {
            name: name.into(),
            kind: BranchKind::Tuixiu,
            secretary: String::new(),
            committee: String::new(),
            groups: 2,
            last_election: None,
        }
    }

    #[test]
    fn the_link_follows_the_branch_name_through_every_write() {
        let l = ledger();
        let c = l.conn();
        let first = branches::insert(c, &stamp(), &branch("离退休第一党支部")).unwrap();
        let a = add(c, with_branch("张三", "离退休第一党支部"));
        let b = add(c, with_branch("李四", "离退休第二党支部"));
        let none = add(c, simple("王五"));
        assert_eq!(branch_of(c, a).unwrap(), Some(first), "a typed name that has a record");
        assert_eq!(branch_of(c, b).unwrap(), None, "a name with no record yet");
        assert_eq!(branch_of(c, none).unwrap(), None);
        assert_eq!(unlinked_names(c).unwrap(), vec![("离退休第二党支部".to_string(), 1)]);

        // Entering the record links the people who already name it.
        let second = branches::insert(c, &stamp(), &branch("离退休第二党支部")).unwrap();
        assert_eq!(branch_of(c, b).unwrap(), Some(second));
        assert!(unlinked_names(c).unwrap().is_empty());

        // Moving a person to another branch (an ordinary audited update) moves the link.
        let mut moved = PersonInput {
            fields: crate::tables::people::get(c, a).unwrap().fields,
            family: Vec::new(),
        };
        moved.fields.party_branch = "离退休第二党支部".into();
        crate::tables::people::update(c, &stamp(), a, &moved).unwrap();
        assert_eq!(branch_of(c, a).unwrap(), Some(second));

        // Renaming a record relinks by the new name; voiding one unlinks its people.
        c.execute("UPDATE party_branches SET name = '离退休第三党支部' WHERE id = ?1", [second])
            .unwrap();
        assert_eq!(branch_of(c, a).unwrap(), None);
        branches::void(c, &stamp(), first, "合并到第二支部").unwrap();
        let all: i64 = c
            .query_row("SELECT count(*) FROM people WHERE branch_id IS NOT NULL", [], |r| r.get(0))
            .unwrap();
        assert_eq!(all, 0, "nobody is linked to a voided or renamed-away record");
        assert_eq!(unlinked_names(c).unwrap(), vec![("离退休第二党支部".to_string(), 2)]);
    }
}
