//! 换届: a party branch's committee serves 3 years, a general branch's (党总支) 5 (DOMAIN.md,
//! "Duties that come round"). The reminder is due on the day the term ends, counted from the last
//! election recorded on the branch (`party_branches.last_election`, migration 007), and goes away
//! when the new election is recorded. A branch with no election recorded is asked for it.

use super::{cn, Facts, Fulfil, ReminderKind, Run};
use crate::domain::date::PartialDate;
use crate::error::Result;
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;

/// The day a term that began with an election on `elected` ends: the same day `years` later (as
/// `Branch::election_due` counts it); an election known only to the month or the year ends on the
/// first day of that month or year.
pub fn term_end(elected: PartialDate, years: i32) -> NaiveDate {
    let start = elected.earliest();
    start.checked_add_months(Months::new(12 * years.max(0) as u32)).unwrap_or(NaiveDate::MAX)
}

pub(super) fn election(conn: &Connection, run: &mut Run<'_>, _: &Facts<'_>) -> Result<()> {
    let on = run.q.on;
    for b in crate::tables::branches::list(conn)? {
        let years = b.fields.kind.term_years();
        let (due, message) = match b.fields.last_election {
            Some(elected) => {
                let end = term_end(elected, years);
                let verb = if end < on { "已于" } else { "将于" };
                (
                    end,
                    format!(
                        "{}选举产生的委员会任期{years}年，{verb}{}届满，请按期换届",
                        elected.chinese(),
                        cn(end)
                    ),
                )
            }
            None => (on, "尚未登记上次换届时间，请在党组织设置中补录，以便按期换届".to_string()),
        };
        run.push(
            ReminderKind::Election,
            format!("election:{}:{}", b.id, due.year()),
            None,
            &b.fields.name,
            due,
            due,
            message,
            Fulfil::Election { branch_id: b.id },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::reminders::{compute, ReminderQuery};
    use crate::tables::branches::{self, BranchInput, BranchKind};
    use crate::testing::{day, stamp};

    fn branch(c: &Connection, name: &str, kind: BranchKind, last: Option<&str>) -> i64 {
        let input = BranchInput {
            name: name.into(),
            kind,
            secretary: String::new(),
            committee: String::new(),
            groups: 0,
            last_election: last.map(|s| PartialDate::parse(s).unwrap()),
        };
        branches::insert(c, &stamp(), &input).unwrap()
    }

    #[test]
    fn a_branch_is_due_its_election_when_the_term_ends() {
        let dir = tempfile::tempdir().unwrap();
        let l = crate::Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = l.conn();
        // 支部: 3 years from 2023-12-10 → 2026-12-10, inside a 30-day window from 2026-11-20.
        branch(c, "第一支部", BranchKind::Tuixiu, Some("2023-12-10"));
        // 总支: 5 years from 2021-11 → 2026-11-01, past: overdue.
        branch(c, "离退休总支", BranchKind::General, Some("2021-11"));
        // 3 years from 2024-06-01 → 2027-06-01: not yet.
        branch(c, "第二支部", BranchKind::Lixiu, Some("2024-06-01"));
        branch(c, "第三支部", BranchKind::Combined, None);
        let mut q = ReminderQuery::new(day("2026-11-20"), 30);
        q.kinds = vec![ReminderKind::Election];
        let got: Vec<(String, NaiveDate, bool)> =
            compute(c, &q).unwrap().into_iter().map(|r| (r.name, r.due, r.overdue)).collect();
        assert_eq!(
            got,
            [
                ("离退休总支".to_string(), day("2026-11-01"), true),
                ("第三支部".to_string(), day("2026-11-20"), false),
                ("第一支部".to_string(), day("2026-12-10"), false),
            ]
        );
        let all = compute(c, &q).unwrap();
        assert_eq!(
            all[0].message,
            "2021年11月选举产生的委员会任期5年，已于2026年11月1日届满，请按期换届"
        );
        assert_eq!(all[0].person_id, None);
        // The branch's own rule agrees: due on the end day, not the day before.
        let listed = branches::list(c).unwrap();
        let first = listed.iter().find(|b| b.fields.name == "第一支部").unwrap();
        assert!(!first.election_due(day("2026-12-09")) && first.election_due(day("2026-12-10")));
        // A branch re-entered with its new election (branches are voided, not edited) is clear.
        let id = branch(c, "第四支部", BranchKind::Tuixiu, Some("2023-11-15"));
        assert!(compute(c, &q).unwrap().iter().any(|r| r.name == "第四支部" && r.overdue));
        branches::void(c, &stamp(), id, "已换届，重新登记").unwrap();
        branch(c, "第四支部", BranchKind::Tuixiu, Some("2026-11-18"));
        assert!(!compute(c, &q).unwrap().iter().any(|r| r.name == "第四支部"));
    }
}
