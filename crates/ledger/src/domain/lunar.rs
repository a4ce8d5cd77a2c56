//! The Chinese lunar calendar (农历): converting birth dates, placing lunar birthdays in a solar year
//! (DOMAIN.md rule 3) and finding the festivals that move (rule 4: 春节, 重阳节; 七一 is fixed).
//!
//! The arithmetic is ICU4X's `icu_calendar` Chinese calendar. For the lunar years 1900–2100 it reads
//! precomputed tables: GB/T 33661-2017 from 1912, the historical almanac for 1900–1911, both checked
//! by ICU against the Purple Mountain Observatory and Hong Kong Observatory tables. Outside that range
//! it falls back to an approximation, so this module refuses those dates (`None`) instead of guessing.
//!
//! Years are counted the way ICU counts them: a lunar year is named by the solar (ISO) year in which
//! its 正月初一 falls, so 2025-01-28 (腊月廿九) belongs to lunar year 2024.

use chrono::{Datelike, NaiveDate};
use icu_calendar::cal::ChineseTraditional;
use icu_calendar::types::Month;
use icu_calendar::{Date, Iso};
use serde::{Deserialize, Serialize};

/// The first and last lunar year for which ICU has almanac data rather than an approximation.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

/// A date in the Chinese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LunarDate {
    /// The ISO year in which this lunar year starts (its 正月初一).
    pub year: i32,
    /// 1–12; a leap month carries the number of the month it follows.
    pub month: u8,
    /// 1–30.
    pub day: u8,
    /// Whether this is the leap month (闰月) that follows the ordinary month `month`.
    pub leap: bool,
}

impl LunarDate {
    /// The month and day as written on a calendar: `九月初九`, `闰四月廿三`, `腊月三十`.
    pub fn label(&self) -> String {
        let leap = if self.leap { "闰" } else { "" };
        format!("{leap}{}{}", month_name(self.month), day_name(self.day))
    }
}

/// The traditional month names: 正月 for the first, 冬月 and 腊月 for the last two.
fn month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月",
        "腊月",
    ];
    NAMES.get(usize::from(month).wrapping_sub(1)).copied().unwrap_or("?月")
}

/// The traditional day names: 初一…初十, 十一…十九, 二十, 廿一…廿九, 三十.
fn day_name(day: u8) -> &'static str {
    const NAMES: [&str; 30] = [
        "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十", //
        "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", //
        "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
    ];
    NAMES.get(usize::from(day).wrapping_sub(1)).copied().unwrap_or("?日")
}

fn supported(lunar_year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&lunar_year)
}

fn icu_month(month: u8, leap: bool) -> Month {
    if leap {
        Month::leap(month)
    } else {
        Month::new(month)
    }
}

fn from_icu(date: Date<Iso>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        date.year().extended_year(),
        u32::from(date.month().number()),
        u32::from(date.day_of_month().0),
    )
}

/// The lunar date of a solar date; `None` outside the lunar years 1900–2100 (solar 1900-01-31 to
/// 2101-01-28), where ICU has no almanac data.
pub fn to_lunar(date: NaiveDate) -> Option<LunarDate> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    let iso = Date::try_new_iso(date.year(), month, day).ok()?;
    let lunar = iso.to_calendar(ChineseTraditional::new());
    let year = lunar.cyclic_year().related_iso;
    if !supported(year) {
        return None;
    }
    let month = lunar.month().to_input();
    Some(LunarDate {
        year,
        month: month.number(),
        day: lunar.day_of_month().0,
        leap: month.is_leap(),
    })
}

/// The solar date of a lunar date; `None` when that date does not exist (a 30th in a 29-day month, a
/// leap month the year does not have) or lies outside the lunar years 1900–2100.
pub fn to_solar(year: i32, month: u8, day: u8, leap: bool) -> Option<NaiveDate> {
    if !supported(year) || !(1..=12).contains(&month) {
        return None;
    }
    let lunar = Date::try_new_chinese_traditional(year, icu_month(month, leap), day).ok()?;
    from_icu(lunar.to_calendar(Iso))
}

/// The number of days (29 or 30) of an ordinary lunar month.
fn days_in_month(year: i32, month: u8) -> Option<u8> {
    if !supported(year) || !(1..=12).contains(&month) {
        return None;
    }
    let first = Date::try_new_chinese_traditional(year, Month::new(month), 1).ok()?;
    Some(first.days_in_month())
}

/// Where a lunar birthday falls in the given lunar year, by DOMAIN.md rule 3: always in the ordinary
/// month of that number, and on the 29th when the month has no 30th.
fn birthday_in_lunar_year(lunar_year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    if !(1..=30).contains(&day) {
        return None;
    }
    let day = day.min(days_in_month(lunar_year, month)?);
    to_solar(lunar_year, month, day, false)
}

/// The solar dates in `solar_year` on which a lunar birthday is celebrated (DOMAIN.md rule 3), sorted.
///
/// A leap-month birthday (`leap`) is celebrated every year in the ordinary month of the same number,
/// so the flag does not move the date. A solar year holds the end of one lunar year and the start of
/// the next, so a birthday in 冬月 or 腊月 can fall in it twice (early January and late December) or
/// not at all; every other birthday falls in it exactly once.
pub fn birthday_dates_in(solar_year: i32, month: u8, day: u8, leap: bool) -> Vec<NaiveDate> {
    // The leap flag only records how the person was born; rule 3 keeps the celebration in the
    // ordinary month, so every branch below treats both alike.
    let _ = leap;
    let mut dates: Vec<NaiveDate> = [solar_year.saturating_sub(1), solar_year]
        .into_iter()
        .filter_map(|lunar_year| birthday_in_lunar_year(lunar_year, month, day))
        .filter(|date| date.year() == solar_year)
        .collect();
    dates.sort();
    dates
}

/// The first day on or after `from` on which the lunar birthday is celebrated.
pub fn next_birthday(from: NaiveDate, month: u8, day: u8, leap: bool) -> Option<NaiveDate> {
    // A 冬月/腊月 birthday can skip a whole solar year (see `birthday_dates_in`), so look two ahead.
    (from.year()..=from.year() + 2)
        .flat_map(|year| birthday_dates_in(year, month, day, leap))
        .find(|date| *date >= from)
}

/// 春节: 正月初一 of the lunar year that starts in `year`.
pub fn spring_festival(year: i32) -> Option<NaiveDate> {
    to_solar(year, 1, 1, false)
}

/// 重阳节: 九月初九 of the lunar year that starts in `year` (always in October or on Nov 1).
pub fn double_ninth(year: i32) -> Option<NaiveDate> {
    to_solar(year, 9, 9, false)
}

/// 七一, the Party's founding day: July 1. Saturates at chrono's limits for years it cannot represent.
pub fn party_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 7, 1).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// The festivals on which units visit their retirees (DOMAIN.md rule 4); `Other` has no fixed day.
impl crate::domain::model::Festival {
    /// The festival's date in the given solar year; `None` for `Other`, and outside the lunar
    /// years 1900–2100.
    pub fn date(self, year: i32) -> Option<NaiveDate> {
        use crate::domain::model::Festival;
        match self {
            Festival::SpringFestival => spring_festival(year),
            Festival::PartyDay => Some(party_day(year)),
            Festival::DoubleNinth => double_ninth(year),
            Festival::Other => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Festival;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn lunar(year: i32, month: u8, day: u8, leap: bool) -> LunarDate {
        LunarDate { year, month, day, leap }
    }

    // Sources used below. "lunardate" is the PyPI package lunardate 0.3.0, an independent month-length
    // table (not ICU): every expected value marked so was checked against it when these tests were
    // written. It agrees with ICU on every day of 1900–2099 except three whole months (1933-07/08,
    // 1954-11/12, 1978-09/10); for 1933 the Hong Kong Observatory (HKO) table sides with ICU (see
    // github.com/jjonline/calendar.js issue 11). No case below lies in those months except the 1933
    // one, which cites HKO. ICU's own documentation states its data matches the Purple Mountain
    // Observatory (1900–2025) and HKO (1901–2100) tables.

    #[test]
    fn birth_dates_convert_as_in_the_almanac() {
        let cases = [
            // 1909 春节 (宣统元年正月初一): lunardate.
            ("1909-01-22", lunar(1909, 1, 1, false)),
            // 武昌起义, 辛亥年八月十九: the date every history of 1911 gives; lunardate agrees.
            ("1911-10-10", lunar(1911, 8, 19, false)),
            // 民国元年春节: lunardate.
            ("1912-02-18", lunar(1912, 1, 1, false)),
            // 1933 闰五月 has 30 days: HKO (jjonline/calendar.js#11); the old table in lunardate and
            // many JavaScript libraries says 六月初一 here, one day early for the whole month.
            ("1933-07-22", lunar(1933, 5, 30, true)),
            // 七七事变, 丁丑年五月廿九: lunardate, and Chinese/Korean pages on the incident
            // (1937년 7월 7일(정축년 5월 29일)). It is often misquoted as 六月初一, which is the next day.
            ("1937-07-07", lunar(1937, 5, 29, false)),
            ("1937-07-08", lunar(1937, 6, 1, false)),
            // 日本投降, 乙酉年七月初八: lunardate.
            ("1945-08-15", lunar(1945, 7, 8, false)),
            // 开国大典, 己丑年八月初十: widely cited; lunardate.
            ("1949-10-01", lunar(1949, 8, 10, false)),
            // lunardate.
            ("1950-10-25", lunar(1950, 9, 15, false)),
            // 1957 had 闰八月: lunardate.
            ("1957-10-04", lunar(1957, 8, 11, true)),
            ("1957-08-20", lunar(1957, 7, 25, false)),
        ];
        for (solar, expected) in cases {
            assert_eq!(to_lunar(d(solar)), Some(expected), "{solar}");
            assert_eq!(
                to_solar(expected.year, expected.month, expected.day, expected.leap),
                Some(d(solar)),
                "{solar}"
            );
        }
    }

    #[test]
    fn leap_months_convert_both_ways() {
        let cases = [
            // 2023 had 闰二月 starting 2023-03-22: lunardate.
            ("2023-03-22", lunar(2023, 2, 1, true)),
            ("2023-02-20", lunar(2023, 2, 1, false)),
            // 2020 had 闰四月 starting 2020-05-23: lunardate.
            ("2020-05-23", lunar(2020, 4, 1, true)),
            ("2020-04-23", lunar(2020, 4, 1, false)),
            // 2020-06-14 is 闰四月廿三 (22 days after 05-23).
            ("2020-06-14", lunar(2020, 4, 23, true)),
        ];
        for (solar, expected) in cases {
            assert_eq!(to_lunar(d(solar)), Some(expected), "{solar}");
            assert_eq!(
                to_solar(expected.year, expected.month, expected.day, expected.leap),
                Some(d(solar)),
                "{solar}"
            );
        }
        // The leap flag is not ignored: 2023 has 闰二月 but no 闰四月.
        assert_eq!(to_solar(2023, 4, 1, true), None);
        // 2024 has no leap month at all (lunardate).
        assert_eq!(to_solar(2024, 2, 1, true), None);
    }

    #[test]
    fn dates_that_do_not_exist_or_lie_outside_the_data() {
        // 甲辰年 (lunar 2024) 腊月 has 29 days: 2025 had no 年三十 (lunardate).
        assert_eq!(to_solar(2024, 12, 30, false), None);
        assert_eq!(to_solar(2024, 12, 29, false), Some(d("2025-01-28")));
        assert_eq!(to_solar(2024, 13, 1, false), None);
        assert_eq!(to_solar(2024, 0, 1, false), None);
        assert_eq!(to_solar(2024, 1, 0, false), None);
        assert_eq!(to_solar(2024, 1, 31, false), None);
        // ICU's almanac data covers the lunar years 1900–2100; outside it we refuse to guess.
        assert_eq!(to_lunar(d("1900-01-30")), None);
        assert_eq!(to_lunar(d("1900-01-31")), Some(lunar(1900, 1, 1, false)));
        assert_eq!(to_lunar(d("2101-01-28")), Some(lunar(2100, 12, 29, false)));
        assert_eq!(to_lunar(d("2101-01-29")), None);
        assert_eq!(to_solar(1899, 12, 1, false), None);
        assert_eq!(to_solar(2101, 1, 1, false), None);
        // A lunar year is named by the solar year of its 正月初一.
        assert_eq!(to_lunar(d("2025-01-28")), Some(lunar(2024, 12, 29, false)));
    }

    #[test]
    fn labels_read_like_a_calendar() {
        let cases = [
            (lunar(2025, 9, 9, false), "九月初九"),
            (lunar(2020, 4, 23, true), "闰四月廿三"),
            (lunar(2025, 1, 1, false), "正月初一"),
            (lunar(2023, 12, 30, false), "腊月三十"),
            (lunar(2025, 11, 15, false), "冬月十五"),
            (lunar(2025, 10, 20, false), "十月二十"),
            (lunar(2025, 2, 11, false), "二月十一"),
            (lunar(2025, 6, 10, false), "六月初十"),
            (lunar(2025, 7, 21, false), "七月廿一"),
        ];
        for (date, expected) in cases {
            assert_eq!(date.label(), expected, "{date:?}");
        }
    }

    #[test]
    fn festivals_fall_on_the_published_dates() {
        // 春节: 国务院办公厅 holiday notices for 2024, 2025 and 2026; 2027 from lunardate (which agrees
        // on the other three too).
        let spring = [
            (2024, "2024-02-10"),
            (2025, "2025-01-29"),
            (2026, "2026-02-17"),
            (2027, "2027-02-06"),
        ];
        for (year, expected) in spring {
            assert_eq!(spring_festival(year), Some(d(expected)), "{year}");
            assert_eq!(Festival::SpringFestival.date(year), Some(d(expected)));
        }
        // 重阳节: lunardate.
        let double_ninth_cases = [(2024, "2024-10-11"), (2025, "2025-10-29"), (2026, "2026-10-18")];
        for (year, expected) in double_ninth_cases {
            assert_eq!(double_ninth(year), Some(d(expected)), "{year}");
            assert_eq!(Festival::DoubleNinth.date(year), Some(d(expected)));
        }
        assert_eq!(party_day(2026), d("2026-07-01"));
        assert_eq!(Festival::PartyDay.date(2026), Some(d("2026-07-01")));
        assert_eq!(Festival::Other.date(2026), None);
    }

    #[test]
    fn double_ninth_always_falls_in_october_or_on_november_first() {
        // DOMAIN.md rule 4.
        for year in 1950..=2100 {
            let date = double_ninth(year).unwrap();
            assert!(
                d(&format!("{year}-10-01")) <= date && date <= d(&format!("{year}-11-01")),
                "{year}: {date}"
            );
        }
    }

    #[test]
    fn conversion_round_trips_over_the_whole_range() {
        let mut day = d("1900-01-31");
        let last = d("2100-12-31");
        let mut checked = 0;
        while day <= last {
            let l = to_lunar(day).unwrap();
            assert_eq!(to_solar(l.year, l.month, l.day, l.leap), Some(day), "{day}");
            checked += 1;
            day = day.checked_add_days(chrono::Days::new(7)).unwrap();
        }
        assert!(checked > 10_000);
    }

    #[test]
    fn birthdays_land_in_the_ordinary_month_of_the_year() {
        let cases: [(i32, u8, u8, bool, &[&str]); 9] = [
            // An ordinary birthday: 九月初九 of lunar 2025 is 重阳 2025.
            (2025, 9, 9, false, &["2025-10-29"]),
            // Born 2020-05-23 (闰四月初一): in 2020 celebrated once, on the ordinary 四月初一 …
            (2020, 4, 1, true, &["2020-04-23"]),
            // … and in 2021, which has no 闰四月, on 四月初一 as well (lunardate: 2021-05-12).
            (2021, 4, 1, true, &["2021-05-12"]),
            // Born on a 腊月三十: lunar 2024's 腊月 has only 29 days, so the 29th (2025-01-28), a
            // January date because 腊月 of lunar 2024 runs into solar 2025.
            (2025, 12, 30, false, &["2025-01-28"]),
            // Lunar 2023's 腊月 has a 30th: 2024-02-09 (除夕 2024; lunardate).
            (2024, 12, 30, false, &["2024-02-09"]),
            // 冬月十五: lunar 2024's falls on 2024-12-15 and lunar 2025's on 2026-01-03 (lunardate),
            // so solar 2025 has none and solar 2026 has two.
            (2025, 11, 15, false, &[]),
            (2026, 11, 15, false, &["2026-01-03", "2026-12-23"]),
            // Impossible birthdays give nothing rather than a wrong date.
            (2025, 13, 1, false, &[]),
            (2025, 1, 31, false, &[]),
        ];
        for (year, month, day, leap, expected) in cases {
            let expected: Vec<NaiveDate> = expected.iter().map(|t| d(t)).collect();
            assert_eq!(
                birthday_dates_in(year, month, day, leap),
                expected,
                "{year} {month}/{day} leap={leap}"
            );
        }
    }

    #[test]
    fn next_birthday_looks_ahead_across_years() {
        let cases = [
            // The day itself counts.
            ("2025-10-29", 9, 9, false, Some("2025-10-29")),
            ("2025-10-30", 9, 9, false, Some("2026-10-18")),
            // 冬月十五 skips solar 2025 entirely (see above).
            ("2025-01-01", 11, 15, false, Some("2026-01-03")),
            ("2026-01-04", 11, 15, false, Some("2026-12-23")),
            // A 腊月三十 birthday in a 29-day 腊月.
            ("2025-01-01", 12, 30, false, Some("2025-01-28")),
            // A leap-month birthday is met in the ordinary month.
            ("2020-05-01", 4, 1, true, Some("2021-05-12")),
            ("2025-01-01", 0, 1, false, None),
        ];
        for (from, month, day, leap, expected) in cases {
            assert_eq!(
                next_birthday(d(from), month, day, leap),
                expected.map(d),
                "{from} {month}/{day}"
            );
        }
    }
}
