//! Demo checkup rounds.

use crate::domain::model::{PersonFields, PersonId};
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::tables::checkups::{self, CheckupInput};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

/// Demo data: a round each year for everyone due, about 85% attended in September–October. The
/// current year's round is partly recorded while it runs; once the unit's checkup month is over,
/// only a few stragglers are left for 待办, as in an office that keeps its ledger up to date.
pub(super) fn rounds(
    conn: &Connection,
    stamp: &Stamp,
    rng: &mut super::Rng,
    people: &[(PersonId, PersonFields)],
    today: NaiveDate,
) -> Result<()> {
    let round_over =
        today.month() > crate::reports::reminders::ReminderSettings::default().checkup_month;
    let unrecorded = if round_over { 0.03 } else { 0.4 };
    for year in today.year() - 2..=today.year() {
        let current = year == today.year();
        for (id, p) in people {
            if p.died_on.is_some_and(|d| d.year() <= year)
                || p.retired_on.is_some_and(|d| d.year() > year)
            {
                continue;
            }
            if current && rng.chance(unrecorded) {
                continue;
            }
            let attended = rng.chance(0.85);
            let date = NaiveDate::from_ymd_opt(year, 9, 1)
                .map(|d| d + chrono::Duration::days(rng.range(0, 55)))
                .filter(|d| *d <= today)
                .or_else(|| NaiveDate::from_ymd_opt(year, 3, 15).filter(|d| *d <= today));
            if current && date.is_none() {
                continue;
            }
            let input = match (attended, date) {
                (true, Some(date)) => {
                    let (findings, advice) = if rng.chance(0.4) {
                        let (f, a) = *rng.pick(&FINDINGS);
                        (f.to_string(), a.to_string())
                    } else {
                        ("未见明显异常".to_string(), String::new())
                    };
                    CheckupInput {
                        person_id: *id,
                        year,
                        attended: true,
                        date: Some(date),
                        hospital: rng.pick(&HOSPITALS).to_string(),
                        findings,
                        advice,
                        absence_reason: String::new(),
                        notes: String::new(),
                    }
                }
                _ => CheckupInput {
                    person_id: *id,
                    year,
                    attended: false,
                    date: None,
                    hospital: String::new(),
                    findings: String::new(),
                    advice: String::new(),
                    absence_reason: rng.pick(&ABSENCE).to_string(),
                    notes: String::new(),
                },
            };
            checkups::record(conn, stamp, &input)?;
        }
    }
    Ok(())
}

const HOSPITALS: [&str; 3] = ["市第一人民医院体检中心", "市中医院体检中心", "市老年病医院"];
const FINDINGS: [(&str, &str); 6] = [
    ("血压偏高", "低盐饮食，定期监测血压"),
    ("血糖偏高", "控制饮食，三个月后复查空腹血糖"),
    ("血脂异常", "低脂饮食，适量运动，半年后复查"),
    ("颈动脉斑块", "心内科门诊随诊"),
    ("肺部结节", "六个月后复查胸部CT"),
    ("骨质疏松", "补充钙剂和维生素D"),
];
const ABSENCE: [&str; 4] = ["住院治疗", "外出探亲", "本人不愿参加", "行动不便，已自行体检"];
