//! Demo activities and their participants.

use crate::domain::model::{ActivityKind, PersonFields, PersonId};
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::tables::activities::{self, ActivityInput};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use std::collections::HashSet;

/// Demo data: the ten activities of the plan each year up to today, each with 10–60 of the
/// people living on the day.
pub(super) fn plan(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut super::Rng,
    people: &[(PersonId, PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    for year in today.year() - 2..=today.year() {
        for (month, day, title, kind, place) in PLAN {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day).filter(|d| *d <= today)
            else {
                continue;
            };
            let living: Vec<PersonId> = people
                .iter()
                .filter(|(_, p)| p.died_on.is_none_or(|d| d.earliest() > date))
                .map(|(id, _)| *id)
                .collect();
            if living.is_empty() {
                continue;
            }
            let want = (rng.range(10, 60) as usize).min(living.len());
            let mut chosen = HashSet::new();
            while chosen.len() < want {
                chosen.insert(*rng.pick(&living));
            }
            let mut participants: Vec<PersonId> = chosen.into_iter().collect();
            participants.sort();
            let input = ActivityInput {
                date,
                title: format!("{year}年{title}"),
                kind,
                place: place.to_string(),
                notes: String::new(),
                participants,
            };
            activities::insert(conn, stamp, &input)?;
        }
    }
    Ok(())
}

/// A year's activities for the demo: (month, day, title, kind, place).
const PLAN: [(u32, u32, &str, ActivityKind, &str); 10] = [
    (1, 15, "新春团拜会", ActivityKind::Forum, "机关三楼会议室"),
    (3, 12, "学习全国两会精神", ActivityKind::Study, "老干部活动室"),
    (4, 18, "春季踏青游", ActivityKind::Outing, "植物园"),
    (5, 20, "健康知识讲座", ActivityKind::HealthTalk, "老干部活动室"),
    (6, 28, "七一主题党日", ActivityKind::PartyDay, "革命纪念馆"),
    (7, 10, "光荣在党50年纪念章颁发仪式", ActivityKind::PartyDay, "机关三楼会议室"),
    (9, 16, "通报单位发展情况座谈会", ActivityKind::Forum, "机关三楼会议室"),
    (10, 11, "重阳节登高", ActivityKind::Outing, "紫金山"),
    (11, 8, "书画摄影作品展", ActivityKind::Recreation, "老年大学展厅"),
    (12, 5, "冬季养生讲座", ActivityKind::HealthTalk, "老干部活动室"),
];
