//! Demo 一对一联系: each living person's liaison calls them often enough for the unit's contact
//! interval (30 days for 离休, 90 for the priority groups, 180 for others by default), over the
//! last year, so 待办 shows what a real office's shows — a few people overdue, not half the roster.

use crate::domain::model::*;
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::reports::reminders::ReminderSettings;
use crate::tables::visits::{self, VisitInput};
use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

/// The person's contact interval by the unit's numbers: the shortest of the groups they are in.
fn interval(p: &PersonFields, s: &ReminderSettings, today: NaiveDate) -> i64 {
    let mut days = s.other_contact_days;
    let priority = p.birth.is_some_and(|b| b.age_on(today) >= s.priority_age)
        || matches!(p.living, Some(Living::Alone | Living::EmptyNest))
        || matches!(p.care_level, Some(CareLevel::Disabled | CareLevel::PartlyDisabled))
        || matches!(p.health, Some(Health::Chronic | Health::Dependent));
    if priority {
        days = days.min(s.priority_contact_days);
    }
    if p.retirement_kind == Some(RetirementKind::Lixiu) {
        days = days.min(s.lixiu_contact_days);
    }
    days.max(7)
}

/// The liaison's calls over the year up to `today`: the last one within the interval for about
/// 97 people in 100 (the rest a little overdue), earlier ones a little less than an interval apart.
/// Made by the liaison (走访人), or by the office when the person has none.
pub(super) fn keep_in_touch(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut super::Rng,
    people: &[(PersonId, PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    let settings = crate::reports::reminders::rules::get(conn)?;
    let year_ago = today - Duration::days(365);
    for (id, p) in people {
        if p.died_on.is_some() {
            continue;
        }
        let every = interval(p, &settings, today);
        let late = rng.chance(0.03);
        let mut on = if late {
            today - Duration::days(every + rng.range(1, every.min(30)))
        } else {
            today - Duration::days(rng.range(0, every * 9 / 10))
        };
        while on > year_ago {
            let mut v = VisitInput::new(*id, VisitKind::Phone, on);
            v.reason = "电话问候".into();
            v.made_by =
                if p.liaison.is_empty() { "老干部科".into() } else { p.liaison.clone() };
            if rng.chance(0.1) {
                v.condition = "身体状况稳定".into();
            }
            visits::insert_validated(conn, stamp, &v)?;
            on -= Duration::days(rng.range(every * 7 / 10, every * 19 / 20).max(1));
        }
    }
    Ok(())
}

/// The 送学上门 list (people of 90 and over, or disabled, about one in four of them) with this
/// month's and last month's deliveries, most made, and a few 五必访 cases learned in the last
/// fortnight, some already visited.
pub(super) fn duties(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut super::Rng,
    people: &[(PersonId, PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    use crate::tables::reminder_cases::{self as cases, MustVisitCaseInput};
    use chrono::Datelike;
    let month_start = today.with_day(1).unwrap_or(today);
    let last_month = (month_start - Duration::days(1)).with_day(1).unwrap_or(month_start);
    for (id, p) in people {
        if p.died_on.is_some() {
            continue;
        }
        let frail = p.birth.is_some_and(|b| b.age_on(today) >= 90) || p.is_dependent();
        if frail && rng.chance(0.25) {
            let reason = if p.is_dependent() { "行动不便" } else { "年高体弱" };
            cases::add_to_delivery_list(conn, stamp, *id, reason, last_month - Duration::days(40))?;
            for (from, chance) in [(last_month, 0.95), (month_start, 0.6)] {
                let span = (today - from).num_days().clamp(0, 27);
                if rng.chance(chance) {
                    let kind = *rng.pick(&[
                        VisitKind::DeliverDocuments,
                        VisitKind::DeliverStudy,
                        VisitKind::DeliverPapers,
                    ]);
                    let mut v =
                        VisitInput::new(*id, kind, from + Duration::days(rng.range(0, span)));
                    v.reason = "送学上门".into();
                    v.made_by = if p.liaison.is_empty() {
                        "老干部科".into()
                    } else {
                        p.liaison.clone()
                    };
                    visits::insert_validated(conn, stamp, &v)?;
                }
            }
        } else if rng.chance(0.004) {
            let learned = today - Duration::days(rng.range(0, 14));
            let reason = rng.pick(&visits::DEFAULT_MUST_VISIT_REASONS).to_string();
            let case = MustVisitCaseInput {
                person_id: *id,
                reason,
                learned_on: learned,
                notes: String::new(),
            };
            cases::open_must_visit(conn, stamp, &case)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::reports::reminders::{compute, ReminderKind, ReminderQuery};
    use crate::testing::{day, stamp};
    use crate::Ledger;

    #[test]
    fn demo_contacts_keep_pace_with_the_intervals_so_few_are_overdue() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = day("2026-11-21");
        crate::demo::populate(&mut ledger, &stamp(), 400, 3, today, &crate::progress::Silent)
            .unwrap();
        let conn = ledger.conn();
        let living: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM people WHERE voided_at IS NULL AND died_on IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let mut q = ReminderQuery::new(today, 30);
        q.kinds = vec![ReminderKind::CareContact];
        let list = compute(conn, &q).unwrap();
        let overdue = list.iter().filter(|r| r.overdue).count() as i64;
        // About 3 in 100 are left a little late, as in a real office; never half the roster.
        assert!(overdue > 0 && overdue * 100 <= living * 8, "{overdue} of {living} overdue");
        let by_liaison: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM visits v JOIN people p ON p.id = v.person_id
                 WHERE v.kind = 'phone' AND p.liaison <> '' AND v.made_by = p.liaison",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(by_liaison >= living, "the liaisons made their calls: {by_liaison}");
        let on_list = crate::tables::reminder_cases::delivery_list(conn).unwrap().len();
        assert!(on_list > 0, "someone is on the 送学上门 list");
    }
}
