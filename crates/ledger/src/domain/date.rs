//! Partial dates: many dates on a roster are known only to the month ("1945-10") or even the year.
//! The precision is part of the value — a day is never invented (DOMAIN.md rule 1).
//!
//! Text forms: ISO-like `1945`, `1945-10`, `1945-10-03` for storage and JSON; `1945.10` and
//! `1945年10月` for display and export. Parsing accepts every form clerks type (see [`PartialDate::parse`]).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    /// 1–12, or `None` when only the year is known.
    month: Option<u8>,
    /// 1–31, only when the month is known.
    day: Option<u8>,
}

/// Why a text is not a date, in words for the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Years a retiree's dates can plausibly fall in; anything else is a typing error.
const MIN_YEAR: i32 = 1880;
const MAX_YEAR: i32 = 2200;

impl PartialDate {
    pub fn year_only(year: i32) -> Result<Self, DateError> {
        check_year(year)?;
        Ok(Self { year, month: None, day: None })
    }

    pub fn year_month(year: i32, month: u32) -> Result<Self, DateError> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(DateError(format!("月份“{month}”不存在，应为1到12")));
        }
        Ok(Self { year, month: Some(month as u8), day: None })
    }

    pub fn ymd(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        let ym = Self::year_month(year, month)?;
        if NaiveDate::from_ymd_opt(year, month, day).is_none() {
            return Err(DateError(format!("{year}年{month}月没有{day}日")));
        }
        Ok(Self { day: Some(day as u8), ..ym })
    }

    pub fn from_date(d: NaiveDate) -> Self {
        Self { year: d.year(), month: Some(d.month() as u8), day: Some(d.day() as u8) }
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn month(&self) -> Option<u32> {
        self.month.map(u32::from)
    }

    pub fn day(&self) -> Option<u32> {
        self.day.map(u32::from)
    }

    /// The full date, when the day is known.
    pub fn to_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month()?, self.day()?)
    }

    /// The first day the value can mean: used to place a partial date in a period (e.g. "joined
    /// revolutionary work before 1937-07-07"). Callers that need this say so; it is never stored.
    pub fn earliest(&self) -> NaiveDate {
        let m = self.month().unwrap_or(1);
        let d = self.day().unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// Whether this date certainly fell before `day`, compared at the precision recorded: a full
    /// date strictly before it, a month or a year only when the whole of it lies before `day`'s
    /// month or year ("2026-05" is before 2026-06-01, not before 2026-05-20). No day is invented.
    pub fn is_before(&self, day: NaiveDate) -> bool {
        match (self.to_date(), self.month()) {
            (Some(d), _) => d < day,
            (None, Some(m)) => (self.year, m) < (day.year(), day.month()),
            (None, None) => self.year < day.year(),
        }
    }

    /// Like [`PartialDate::is_before`], but a full date on `day` itself counts too: "had died by
    /// the day of the visit" includes a death that day.
    pub fn is_on_or_before(&self, day: NaiveDate) -> bool {
        match self.to_date() {
            Some(d) => d <= day,
            None => self.is_before(day),
        }
    }

    /// Whole years of age on `on`. With month precision the birthday counts as reached once its month
    /// has begun; with year precision, once the year has begun — the custom of 周岁 counted by month.
    pub fn age_on(&self, on: NaiveDate) -> i32 {
        let mut age = on.year() - self.year;
        if let Some(m) = self.month() {
            let reached = match self.day() {
                Some(d) => (on.month(), on.day()) >= (m, d),
                None => on.month() >= m,
            };
            if !reached {
                age -= 1;
            }
        }
        age
    }

    /// `1945.10`, `1945.10.03` or `1945` — the compact form used in tables.
    pub fn dotted(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}.{:02}.{:02}", self.year, m, d),
            (Some(m), None) => format!("{}.{:02}", self.year, m),
            _ => format!("{}", self.year),
        }
    }

    /// `1945年10月3日`, `1945年10月` or `1945年`.
    pub fn chinese(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}年{}月{}日", self.year, m, d),
            (Some(m), None) => format!("{}年{}月", self.year, m),
            _ => format!("{}年", self.year),
        }
    }

    /// `1945-10-03`, `1945-10` or `1945` — the stored form.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// Parses what clerks type or what spreadsheets hold as text: `1945-10`, `1945.1`, `1945/10/3`,
    /// `1945年10月`, `1945年10月3日`, `19451003`, `194510`, `1945`, with full-width digits and stray
    /// spaces tolerated. Excel serial numbers are handled by the importer, which knows the cell type.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let s = crate::domain::text::normalize_value(text);
        let s = s.trim().trim_end_matches(['日', '号']);
        if s.is_empty() {
            return Err(DateError("日期为空".into()));
        }
        let unexpected = || {
            DateError(format!(
                "“{}”不是可识别的日期，应写成如 1945.10、1945-10-03 或 1945年10月",
                text.trim()
            ))
        };
        // Pure digits: 1945, 194510, 19451003.
        if s.chars().all(|c| c.is_ascii_digit()) {
            let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().map_err(|_| unexpected());
            return match s.len() {
                4 => Self::year_only(n(0..4)? as i32),
                6 => Self::year_month(n(0..4)? as i32, n(4..6)?),
                8 => Self::ymd(n(0..4)? as i32, n(4..6)?, n(6..8)?),
                _ => Err(unexpected()),
            };
        }
        let parts: Vec<&str> = s
            .split(['-', '.', '/', '年', '月', '\\'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty()
            || parts.len() > 3
            || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(unexpected());
        }
        let num = |p: &str| p.parse::<u32>().map_err(|_| unexpected());
        let year = num(parts[0])?;
        if parts[0].len() != 4 {
            return Err(DateError(format!("“{}”的年份应写满四位，如 1945", text.trim())));
        }
        match parts.len() {
            1 => Self::year_only(year as i32),
            2 => Self::year_month(year as i32, num(parts[1])?),
            _ => Self::ymd(year as i32, num(parts[1])?, num(parts[2])?),
        }
    }
}

/// The answer to "is this text a date?" for a form field: the stored form and the display form, or
/// the reason it is not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DateCheck {
    pub iso: Option<String>,
    pub display: String,
    pub error: Option<String>,
}

pub fn check(text: &str) -> DateCheck {
    if crate::domain::text::compact(text).is_empty() {
        return DateCheck { iso: None, display: String::new(), error: None };
    }
    match PartialDate::parse(text) {
        Ok(d) => DateCheck { iso: Some(d.iso()), display: d.dotted(), error: None },
        Err(e) => DateCheck { iso: None, display: text.trim().to_string(), error: Some(e.0) },
    }
}

fn check_year(year: i32) -> Result<(), DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(DateError(format!("年份“{year}”不合理，请检查是否输错")))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dotted())
    }
}

impl std::str::FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

crate::ts_as_string!(PartialDate);

impl rusqlite::types::ToSql for PartialDate {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.iso().into())
    }
}

impl rusqlite::types::FromSql for PartialDate {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = v.as_str()?;
        Self::parse(s).map_err(|e| rusqlite::types::FromSqlError::Other(e.0.into()))
    }
}

/// `2026年11月21日`, the way a full date is written in sentences and in the lines above and below a
/// table.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_compared_with_a_day_at_its_recorded_precision() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let p = |s: &str| PartialDate::parse(s).unwrap();
        // (recorded, day, is_before, is_on_or_before)
        let cases = [
            ("2026-05-19", "2026-05-20", true, true),
            ("2026-05-20", "2026-05-20", false, true),
            ("2026-05-21", "2026-05-20", false, false),
            ("2026-05", "2026-05-20", false, false),
            ("2026-05", "2026-05-31", false, false),
            ("2026-05", "2026-06-01", true, true),
            ("2026", "2026-12-31", false, false),
            ("2025", "2026-01-01", true, true),
        ];
        for (recorded, on, before, by) in cases {
            assert_eq!(p(recorded).is_before(d(on)), before, "{recorded} before {on}");
            assert_eq!(p(recorded).is_on_or_before(d(on)), by, "{recorded} on or before {on}");
        }
    }

    #[test]
    fn parses_every_form_clerks_type() {
        // (input, stored form) — the forms listed in DOMAIN.md "Files clerks will try to import".
        let cases = [
            ("2000-01", "2000-01"),
            ("2000.1", "2000-01"),
            ("2000.10", "2000-10"),
            ("2000年1月", "2000-01"),
            ("2000年1月5日", "2000-01-05"),
            ("20000101", "2000-01-01"),
            ("200001", "2000-01"),
            ("2000", "2000"),
            ("2000/1/5", "2000-01-05"),
            ("  1945.10 ", "1945-10"),
            ("１９４５．１０", "1945-10"),
            ("1945-10-03", "1945-10-03"),
            ("1945年", "1945"),
            ("1945年10月3号", "1945-10-03"),
        ];
        for (input, want) in cases {
            assert_eq!(PartialDate::parse(input).map(|d| d.iso()), Ok(want.to_string()), "{input}");
        }
    }

    #[test]
    fn rejects_nonsense_with_a_reason() {
        for bad in ["", "abc", "1945.13", "45.10", "2023-02-30", "1945-10-03-01", "1066.1"] {
            let err = PartialDate::parse(bad).expect_err(bad);
            assert!(!err.0.is_empty());
        }
    }

    #[test]
    fn display_keeps_precision() {
        let d = PartialDate::parse("1945.10").unwrap();
        assert_eq!(d.dotted(), "1945.10");
        assert_eq!(d.chinese(), "1945年10月");
        assert_eq!(d.day(), None);
        assert_eq!(PartialDate::parse("1945").unwrap().chinese(), "1945年");
    }

    #[test]
    fn age_counts_by_month_when_day_unknown() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let born = PartialDate::parse("1945-10").unwrap();
        assert_eq!(born.age_on(d("2026-09-30")), 80);
        assert_eq!(born.age_on(d("2026-10-01")), 81);
        assert_eq!(born.age_on(d("2026-12-31")), 81);
        let exact = PartialDate::parse("1945-10-15").unwrap();
        assert_eq!(exact.age_on(d("2026-10-14")), 80);
        assert_eq!(exact.age_on(d("2026-10-15")), 81);
    }
}
