//! Where a person's birthday falls in a stretch of days (DOMAIN.md rule 3), by the lunar birthday
//! when one is recorded and otherwise by the solar birth date. Pure: no database.
//!
//! The lunar arithmetic is [`crate::domain::lunar`]'s; [`LunarMonths`] only remembers each lunar month's
//! first day and length, so placing ten thousand birthdays converts each month once, not once per
//! person.

use crate::domain::date::PartialDate;
use crate::domain::model::LunarBirthday;
use chrono::{Datelike, Days, NaiveDate};
use std::collections::HashMap;

/// The first solar day and the length of ordinary lunar months, looked up once each.
#[derive(Default)]
pub struct LunarMonths {
    months: HashMap<(i32, u8), Option<(NaiveDate, u8)>>,
}

impl LunarMonths {
    /// The first day and length (29 or 30) of the ordinary month `month` of lunar year `year`;
    /// `None` outside the almanac's years 1900–2100.
    pub fn month(&mut self, year: i32, month: u8) -> Option<(NaiveDate, u8)> {
        *self.months.entry((year, month)).or_insert_with(|| {
            let first = crate::domain::lunar::to_solar(year, month, 1, false)?;
            let days = if crate::domain::lunar::to_solar(year, month, 30, false).is_some() {
                30
            } else {
                29
            };
            Some((first, days))
        })
    }

    /// Rule 3: a lunar birthday is kept in the ordinary month of its number (a leap-month birthday
    /// included), and on the 29th when that month has no 30th.
    pub fn place(&mut self, lunar_year: i32, month: u8, day: u8) -> Option<NaiveDate> {
        if !(1..=30).contains(&day) {
            return None;
        }
        let (first, days) = self.month(lunar_year, month)?;
        first.checked_add_days(Days::new(u64::from(day.min(days)) - 1))
    }
}

/// One birthday in the stretch of days asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// The day of the celebration; for a birth known only to the month, the first of the month.
    pub date: NaiveDate,
    /// False for a birth known only to the month: the entry stands for the whole month.
    pub day_known: bool,
    /// The last day on which it is not yet missed: the day itself, or the month's last day.
    pub last_day: NaiveDate,
    pub lunar: bool,
    /// Whole years reached on this birthday (lunar years for a lunar birthday).
    pub age: i32,
    /// How the day is written: `农历八月十五`, `10月3日`, `3月（日期不详）`.
    pub label: String,
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first)
}

/// The lunar year in which a person was born. A birth known to the day converts exactly; one
/// known only to the month is taken as that solar year, except that a January or February birth
/// with a birthday in lunar months 10–12 belongs to the lunar year before (the lunar year starts
/// late January to mid February).
fn lunar_birth_year(birth: PartialDate, lunar_month: u8, months: &mut LunarMonths) -> i32 {
    if let Some(d) = birth.to_date() {
        // The lunar year that starts on or before the day: its 正月初一 from the cache, so ten
        // thousand birth dates cost a few hundred conversions, not ten thousand.
        if let Some((new_year, _)) = months.month(d.year(), 1) {
            return if d < new_year { d.year() - 1 } else { d.year() };
        }
    }
    match birth.month() {
        Some(m) if m <= 2 && lunar_month >= 10 => birth.year() - 1,
        _ => birth.year(),
    }
}

/// Every birthday of a person that could fall on a day in `from..until` (solar, `until` not
/// included), sorted. A birth known only to the year gives nothing: no day is invented.
pub fn occurrences(
    birth: Option<PartialDate>,
    lunar: Option<LunarBirthday>,
    from: NaiveDate,
    until: NaiveDate,
    months: &mut LunarMonths,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    if from >= until {
        return out;
    }
    if let Some(l) = lunar {
        let born = birth.map(|b| lunar_birth_year(b, l.month, months));
        // A solar year holds the end of one lunar year and the start of the next (rule 3).
        for lunar_year in from.year() - 1..=until.year() {
            let Some(date) = months.place(lunar_year, l.month, l.day) else { continue };
            if date < from || date >= until {
                continue;
            }
            let Some(age) = born.map(|b| lunar_year - b).filter(|a| *a > 0) else { continue };
            let label = crate::domain::lunar::LunarDate {
                year: lunar_year,
                month: l.month,
                day: l.day,
                leap: l.leap,
            }
            .label();
            out.push(Occurrence {
                date,
                day_known: true,
                last_day: date,
                lunar: true,
                age,
                label: format!("农历{label}"),
            });
        }
        return out;
    }
    let Some(birth) = birth else { return out };
    let Some(month) = birth.month() else { return out };
    for year in from.year()..=until.year() {
        let age = year - birth.year();
        if age <= 0 {
            continue;
        }
        let occurrence = match birth.day() {
            Some(day) => {
                // Feb 29 falls on Feb 28 in other years.
                let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
                    .or_else(|| NaiveDate::from_ymd_opt(year, month, day - 1))
                else {
                    continue;
                };
                if date < from || date >= until {
                    continue;
                }
                Occurrence {
                    date,
                    day_known: true,
                    last_day: date,
                    lunar: false,
                    age,
                    label: format!("{month}月{day}日"),
                }
            }
            None => {
                let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else { continue };
                let last = last_of_month(first);
                if last < from || first >= until {
                    continue;
                }
                Occurrence {
                    date: first,
                    day_known: false,
                    last_day: last,
                    lunar: false,
                    age,
                    label: format!("{month}月（日期不详）"),
                }
            }
        };
        out.push(occurrence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn p(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).unwrap())
    }

    fn lunar(month: u8, day: u8, leap: bool) -> Option<LunarBirthday> {
        Some(LunarBirthday { month, day, leap })
    }

    /// (date, label, age, day_known) of every occurrence in the solar year.
    fn in_year(
        birth: Option<PartialDate>,
        l: Option<LunarBirthday>,
        year: i32,
    ) -> Vec<(String, String, i32, bool)> {
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let until = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap();
        occurrences(birth, l, from, until, &mut LunarMonths::default())
            .into_iter()
            .map(|o| (o.date.to_string(), o.label, o.age, o.day_known))
            .collect()
    }

    fn one(date: &str, label: &str, age: i32) -> Vec<(String, String, i32, bool)> {
        vec![(date.into(), label.into(), age, true)]
    }

    #[test]
    fn lunar_birthdays_follow_rule_three() {
        // Expected dates from the committed almanac table tests/lunar_table/months.tsv (sxtwl,
        // independent of ICU): the row's first day plus the day number minus one.
        let cases = [
            // 2026 八月 starts 2026-09-11 → 十五 is 09-25; born 1946-09-10 = lunar 1946 八月十五.
            (p("1946-09-10"), lunar(8, 15, false), 2026, one("2026-09-25", "农历八月十五", 80)),
            // Leap month kept in the ordinary month: 2025 六月 starts 06-25 (闰六月 07-25), so a
            // 闰六月初一 birthday is 2025-06-25; born 1949 (no 闰六月 needed for the rule).
            (p("1949-07"), lunar(6, 1, true), 2025, one("2025-06-25", "农历闰六月初一", 76)),
            // 2023 二月 starts 02-20, 闰二月 03-22: a 闰二月十日 birthday falls 2023-03-01.
            (p("1946-04"), lunar(2, 10, true), 2023, one("2023-03-01", "农历闰二月初十", 77)),
            // 2020 四月 starts 04-23 (闰四月 05-23): 四月廿三 = 2020-05-15.
            (p("1940-05"), lunar(4, 23, false), 2020, one("2020-05-15", "农历四月廿三", 80)),
            // A 30th in a 29-day month: 2025 二月 has 29 days (starts 02-28) → the 29th, 03-28.
            (p("1945-04"), lunar(2, 30, false), 2025, one("2025-03-28", "农历二月三十", 80)),
            // ... and in a 30-day month it is the 30th: 2025 正月 (01-29, 30 days) → 02-27.
            (p("1945-03"), lunar(1, 30, false), 2025, one("2025-02-27", "农历正月三十", 80)),
        ];
        for (birth, l, year, expected) in cases {
            assert_eq!(in_year(birth, l, year), expected, "{l:?} in {year}");
        }
    }

    #[test]
    fn late_lunar_months_are_looked_for_in_both_lunar_years() {
        // 冬月十五: lunar 2025 冬月 starts 2025-12-20 → 2026-01-03; lunar 2026 冬月 starts
        // 2026-12-09 → 2026-12-23 (months.tsv). Two birthdays in solar 2026, none in 2025 (lunar
        // 2024 冬月 starts 2024-12-01 → 2024-12-15; lunar 2025's is in 2026).
        let b = p("1946-12");
        assert_eq!(
            in_year(b, lunar(11, 15, false), 2026),
            vec![
                ("2026-01-03".into(), "农历冬月十五".into(), 79, true),
                ("2026-12-23".into(), "农历冬月十五".into(), 80, true),
            ]
        );
        assert_eq!(in_year(b, lunar(11, 15, false), 2025), vec![]);
        // 腊月三十 in lunar 2024, whose 腊月 has 29 days (starts 2024-12-31): 腊月廿九 2025-01-28.
        // Born in January 1944 with a 腊月 birthday: lunar year 1943 (1943 腊月 starts
        // 1943-12-27), so 81 in lunar 2024.
        assert_eq!(
            in_year(p("1944-01"), lunar(12, 30, false), 2025),
            one("2025-01-28", "农历腊月三十", 81)
        );
    }

    #[test]
    fn solar_birthdays_and_what_is_not_known() {
        let cases = [
            (p("1946-10-03"), 2026, one("2026-10-03", "10月3日", 80)),
            // Feb 29 falls on Feb 28 in a common year, on Feb 29 in a leap year.
            (p("1936-02-29"), 2026, one("2026-02-28", "2月29日", 90)),
            (p("1936-02-29"), 2028, one("2028-02-29", "2月29日", 92)),
            // Known only to the month: one month-level entry, no invented day.
            (p("1946-03"), 2026, vec![("2026-03-01".into(), "3月（日期不详）".into(), 80, false)]),
            // Known only to the year: nothing.
            (p("1946"), 2026, vec![]),
            (None, 2026, vec![]),
        ];
        for (birth, year, expected) in cases {
            assert_eq!(in_year(birth, None, year), expected, "{birth:?} {year}");
        }
    }

    #[test]
    fn a_month_level_entry_covers_its_whole_month() {
        let mut months = LunarMonths::default();
        let o = occurrences(p("1946-03"), None, d("2026-03-20"), d("2026-04-19"), &mut months);
        assert_eq!(o.len(), 1);
        assert_eq!((o[0].date, o[0].last_day), (d("2026-03-01"), d("2026-03-31")));
        assert!(occurrences(p("1946-03"), None, d("2026-04-01"), d("2026-05-01"), &mut months)
            .is_empty());
    }
}
