//! Demo party posts, dues and medals.

use crate::domain::date::PartialDate;
use crate::domain::model::PartyContact;
use crate::domain::model::{PersonFields, PersonId};
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::tables::party::{self, medal_list, present_medal, PartyInfo};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;

/// Demo data: a 书记, 组织委员 and 宣传委员 in every branch, dues paid to last month for most
/// members, a few flowing members; medals presented on June 28 of each year to those due them.
pub(super) fn posts_and_medals(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut super::Rng,
    people: &[(PersonId, PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    let last_month = today.checked_sub_months(Months::new(1)).unwrap_or(today);
    let mut posts_given: std::collections::HashMap<&str, usize> = Default::default();
    const POSTS: [&str; 3] = ["书记", "组织委员", "宣传委员"];
    for (id, p) in people {
        if p.died_on.is_some() || !p.is_party_member() {
            continue;
        }
        let given = posts_given.entry(p.party_branch.as_str()).or_default();
        let post = if *given < POSTS.len() && !p.party_branch.is_empty() {
            *given += 1;
            POSTS[*given - 1]
        } else {
            ""
        };
        let contact = if rng.chance(0.03) { PartyContact::Flowing } else { PartyContact::Normal };
        let dues = if rng.chance(0.9) { last_month } else { today - chrono::Duration::days(200) };
        let dues = PartialDate::year_month(dues.year(), dues.month()).ok();
        party::set(
            conn,
            stamp,
            *id,
            &PartyInfo { post: post.into(), dues_paid_to: dues, contact },
        )?;
    }
    for year in today.year() - 2..=today.year() {
        let Some(on) = NaiveDate::from_ymd_opt(year, 6, 28).filter(|d| *d <= today) else {
            continue;
        };
        for c in medal_list(conn, year)? {
            if c.presented.is_none() {
                present_medal(conn, stamp, c.person_id, year, on, "七一前夕集中颁发")?;
            }
        }
    }
    Ok(())
}
