//! The lunar calendar and the lunar-birthday rule (DOMAIN.md rule 3) checked over the whole of
//! the lunar years 1901–2100 against `lunar_table/months.tsv`, a table of every lunar month made
//! once from an almanac independent of ICU4X (sxtwl, 寿星天文历) by `lunar_table/make_table.py`,
//! which says how.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::{Datelike, Days, NaiveDate};
use ledger::domain::lunar::{self, LunarDate};
use ledger::domain::model::LunarBirthday;
use ledger::reports::reminders::birthdays::{occurrences, LunarMonths};
use std::collections::HashMap;

struct Month {
    year: i32,
    month: u8,
    leap: bool,
    first: NaiveDate,
    days: u8,
}

fn table() -> Vec<Month> {
    let text = include_str!("lunar_table/months.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Month {
                year: f[0].parse().unwrap(),
                month: f[1].parse().unwrap(),
                leap: f[2] == "1",
                first: NaiveDate::parse_from_str(f[3], "%Y-%m-%d").unwrap(),
                days: f[4].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn the_table_covers_1901_to_2100_without_gaps() {
    let t = table();
    assert_eq!((t[0].year, t[0].month), (1901, 1));
    assert_eq!((t.last().unwrap().year, t.last().unwrap().month), (2100, 12));
    for w in t.windows(2) {
        assert_eq!(w[0].first + Days::new(u64::from(w[0].days)), w[1].first, "{}", w[1].first);
    }
    // The leap months the issue names: 2025 闰六月, 2023 闰二月, 2020 闰四月.
    let leaps: HashMap<i32, u8> = t.iter().filter(|m| m.leap).map(|m| (m.year, m.month)).collect();
    assert_eq!((leaps[&2025], leaps[&2023], leaps[&2020]), (6, 2, 4));
}

#[test]
fn every_day_converts_as_the_independent_almanac_says() {
    for m in table() {
        assert_eq!(lunar::to_solar(m.year, m.month, 1, m.leap), Some(m.first), "{}", m.first);
        let has_30th = lunar::to_solar(m.year, m.month, 30, m.leap).is_some();
        assert_eq!(has_30th, m.days == 30, "{}-{}", m.year, m.month);
        for day in 1..=m.days {
            let solar = m.first + Days::new(u64::from(day) - 1);
            let expected = LunarDate { year: m.year, month: m.month, day, leap: m.leap };
            assert_eq!(lunar::to_lunar(solar), Some(expected), "{solar}");
        }
    }
}

#[test]
fn lunar_birthdays_fall_where_rule_three_puts_them_in_every_year() {
    // Rule 3 from the table alone: a birthday (month, day, leap or not) is kept in the ordinary
    // month of that number, on the 29th when the month has no 30th, and a solar year is searched
    // in the lunar year that ends in it and the one that starts in it.
    let ordinary: HashMap<(i32, u8), (NaiveDate, u8)> = table()
        .into_iter()
        .filter(|m| !m.leap)
        .map(|m| ((m.year, m.month), (m.first, m.days)))
        .collect();
    let mut months = LunarMonths::default();
    let mut checked = 0;
    for year in 1902..=2100 {
        // (1901 itself lacks lunar 1900, which the table does not hold.)
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let until = NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap();
        for month in 1..=12u8 {
            for day in [1u8, 15, 29, 30] {
                let mut expected: Vec<NaiveDate> = [year - 1, year]
                    .iter()
                    .filter_map(|ly| ordinary.get(&(*ly, month)))
                    .map(|(first, days)| *first + Days::new(u64::from(day.min(*days)) - 1))
                    .filter(|d| d.year() == year)
                    .collect();
                expected.sort();
                for leap in [false, true] {
                    assert_eq!(
                        lunar::birthday_dates_in(year, month, day, leap),
                        expected,
                        "{year}: {month}/{day} leap={leap}"
                    );
                    // Born long before, so every year has an age to reach.
                    let birth = ledger::PartialDate::year_only(1880).ok();
                    let placed: Vec<NaiveDate> = occurrences(
                        birth,
                        Some(LunarBirthday { month, day, leap }),
                        from,
                        until,
                        &mut months,
                    )
                    .into_iter()
                    .map(|o| o.date)
                    .collect();
                    assert_eq!(placed, expected, "{year}: {month}/{day} leap={leap}");
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 199 * 12 * 4 * 2);
}
