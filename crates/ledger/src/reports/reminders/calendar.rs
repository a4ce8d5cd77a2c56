//! 日历: a month as Chinese wall calendars show it — the lunar date under each day, the festivals
//! (the lunar ones from the lunar calendar), each day's birthdays with 整寿 marked, and what falls
//! due that day, including the quarterly submission deadline.

use super::birthday_list::{self, BirthdayRow};
use super::{compute, ReminderKind, ReminderQuery};
use crate::error::{Error, Result};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Something due on a day (a reminder other than a birthday).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CalendarDue {
    pub kind: ReminderKind,
    pub name: String,
    pub message: String,
}

/// One day of the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CalendarDay {
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Under the day number: the lunar day (`十五`), or the month's name on its first day (`八月`).
    pub lunar: String,
    /// 春节, 元宵节, 七一, 中秋节, 重阳节 …, and the quarterly submission deadline.
    pub festivals: Vec<String>,
    /// Birthdays kept on this day (a birth known only to the month is on the list, not a day).
    pub birthdays: Vec<BirthdayRow>,
    pub due: Vec<CalendarDue>,
}

/// The month's calendar and the birthdays whose day is not known (日期不详).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CalendarMonth {
    pub year: i32,
    pub month: u32,
    pub days: Vec<CalendarDay>,
    pub month_birthdays: Vec<BirthdayRow>,
}

/// The lunar festivals shown on the calendar: (month, day, name).
const LUNAR_FESTIVALS: [(u8, u8, &str); 5] =
    [(1, 1, "春节"), (1, 15, "元宵节"), (5, 5, "端午节"), (8, 15, "中秋节"), (9, 9, "重阳节")];
/// The solar ones.
const SOLAR_FESTIVALS: [(u32, u32, &str); 3] =
    [(1, 1, "元旦"), (7, 1, "七一建党节"), (10, 1, "国庆节")];

/// The calendar of `year`-`month`.
pub fn month(conn: &Connection, year: i32, month: u32) -> Result<CalendarMonth> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
        Error::invalid(format!("{year}年{month}月不是有效的月份，月份应为1到12。"))
    })?;
    let next = first.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX);
    let settings = super::rules::get(conn)?;
    let all_birthdays = birthday_list::month(conn, year, month)?;
    let (dated, month_birthdays): (Vec<_>, Vec<_>) =
        all_birthdays.into_iter().partition(|b| b.day_known);
    let mut q = ReminderQuery::new(first, (next - first).num_days() as u32);
    q.kinds = super::RULES
        .iter()
        .map(|r| r.kind)
        .filter(|k| *k != ReminderKind::Birthday && *k != ReminderKind::CareContact)
        .collect();
    let due = compute(conn, &q)?;
    let mut days = Vec::new();
    let mut d = first;
    while d < next {
        let mut festivals: Vec<String> = SOLAR_FESTIVALS
            .iter()
            .filter(|(m, day, _)| d.month() == *m && d.day() == *day)
            .map(|(_, _, n)| n.to_string())
            .collect();
        let mut lunar = String::new();
        if let Some(l) = crate::domain::lunar::to_lunar(d) {
            let label = l.label();
            let day_name: String =
                label.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
            lunar =
                if l.day == 1 { label.trim_end_matches(&day_name).to_string() } else { day_name };
            if !l.leap {
                festivals.extend(
                    LUNAR_FESTIVALS
                        .iter()
                        .filter(|(m, day, _)| l.month == *m && l.day == *day)
                        .map(|(_, _, n)| n.to_string()),
                );
            }
            // 除夕: the last day of 腊月, whether it has 29 days or 30.
            if !l.leap
                && l.month == 12
                && crate::domain::lunar::to_lunar(d.succ_opt().unwrap_or(d))
                    .is_some_and(|n| n.month == 1 && n.day == 1)
            {
                festivals.push("除夕".into());
            }
        }
        if matches!(month, 1 | 4 | 7 | 10) && d.day() == settings.deadline_day {
            festivals.push("季度台账报送截止".into());
        }
        days.push(CalendarDay {
            date: d,
            lunar,
            festivals,
            birthdays: dated.iter().filter(|b| b.date == d).cloned().collect(),
            due: due
                .iter()
                .filter(|r| r.due == d)
                .map(|r| CalendarDue {
                    kind: r.kind,
                    name: r.name.clone(),
                    message: r.message.clone(),
                })
                .collect(),
        });
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
    Ok(CalendarMonth { year, month, days, month_birthdays })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{LunarBirthday, PersonFields};
    use crate::testing::{add, day, simple};
    use crate::PartialDate;

    #[test]
    fn a_month_shows_lunar_dates_festivals_and_a_lunar_birthday_on_its_day() {
        let dir = tempfile::tempdir().unwrap();
        let l = crate::Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = l.conn();
        add(
            c,
            PersonFields {
                birth: Some(PartialDate::parse("1946-09-10").unwrap()),
                lunar_birthday: Some(LunarBirthday { month: 8, day: 15, leap: false }),
                ..simple("张老")
            },
        );
        let cal = month(c, 2026, 9).unwrap();
        assert_eq!(cal.days.len(), 30);
        let on = |s: &str| cal.days.iter().find(|d| d.date == day(s)).unwrap();
        // months.tsv (sxtwl): 2026 八月 starts 2026-09-11, so 09-25 is 八月十五, 中秋节.
        assert_eq!(on("2026-09-11").lunar, "八月");
        assert_eq!(on("2026-09-25").lunar, "十五");
        assert_eq!(on("2026-09-25").festivals, ["中秋节"]);
        let b = &on("2026-09-25").birthdays;
        assert_eq!((b.len(), b[0].name.as_str(), b[0].round), (1, "张老", true));
        // 2026 重阳 is 10-18; the quarterly deadline on the 10th (default) after Q3.
        let oct = month(c, 2026, 10).unwrap();
        let o = |n: usize| &oct.days[n - 1];
        assert_eq!(o(18).festivals, ["重阳节"]);
        assert_eq!(o(1).festivals, ["国庆节"]);
        assert_eq!(o(10).festivals, ["季度台账报送截止"]);
        // 2026-02-16 is 除夕 and 02-17 春节 (国务院 holiday notice for 2026).
        let feb = month(c, 2026, 2).unwrap();
        assert_eq!(
            (feb.days[15].festivals.clone(), feb.days[16].festivals.clone()),
            (vec!["除夕".to_string()], vec!["春节".to_string()])
        );
        assert_eq!(feb.days[16].lunar, "正月");
    }
}
