//! Periods: the quarter or year a report covers ([`Period`]), and the period a subsidy is paid
//! for ([`PayPeriod`]: a year, a quarter or a month).

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

/// `第一季度` … `第四季度`, in order, as the period pickers name them.
pub fn quarter_names() -> Vec<String> {
    QUARTERS.iter().map(|q| format!("第{q}季度")).collect()
}

/// The years a report, campaign, checkup round or pay period may name: from 1949, the earliest year
/// any ledger record of this office can belong to, to far enough ahead for any plan. The app, the
/// tool and every table check a year through [`check_year`], so they agree.
pub const YEARS: std::ops::RangeInclusive<i32> = 1949..=2200;

/// A year inside [`YEARS`], or a message saying what a year should look like.
pub fn check_year(year: i32) -> Result<i32> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(Error::invalid(format!(
            "年份“{year}”不合理：请写{}至{}年之间的四位年份，如 2026。",
            YEARS.start(),
            YEARS.end()
        )))
    }
}

/// The period of a report: a whole year, or one quarter of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Period {
    pub year: i32,
    /// 1–4; `None` for the whole year.
    pub quarter: Option<u8>,
}

impl Period {
    pub fn new(year: i32, quarter: Option<u8>) -> Result<Self> {
        check_year(year)?;
        if let Some(q) = quarter {
            if !(1..=4).contains(&q) {
                return Err(Error::invalid(format!("季度应为1–4，收到的是{q}。")));
            }
        }
        Ok(Period { year, quarter })
    }

    pub fn year(year: i32) -> Self {
        Period { year, quarter: None }
    }

    /// The quarter a day falls in.
    pub fn quarter_of(day: NaiveDate) -> Self {
        Period { year: day.year(), quarter: Some(day.month0() as u8 / 3 + 1) }
    }

    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        let month = self.quarter.map_or(1, |q| u32::from(q) * 3 - 2);
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the period (inclusive).
    pub fn end(&self) -> NaiveDate {
        let (year, month) = match self.quarter {
            Some(4) | None => (self.year + 1, 1),
            Some(q) => (self.year, u32::from(q) * 3 + 1),
        };
        NaiveDate::from_ymd_opt(year, month, 1).and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start() <= day && day <= self.end()
    }

    /// `2026年第三季度` or `2026年`, as titles and file names use it.
    pub fn label(&self) -> String {
        match self.quarter {
            Some(q) => format!("{}年第{}季度", self.year, QUARTERS[usize::from(q - 1)]),
            None => format!("{}年", self.year),
        }
    }

    /// `2026年第三季度` or `2026年度`, for headings that name a whole year as 年度.
    pub fn heading(&self) -> String {
        match self.quarter {
            Some(_) => self.label(),
            None => format!("{}年度", self.year),
        }
    }
}

/// How often a subsidy kind is paid to the same people (a unit setting per kind): 每月, 每季度 or 每年.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Month,
    Quarter,
    Year,
}

impl Recurrence {
    pub const ALL: [Recurrence; 3] = [Recurrence::Month, Recurrence::Quarter, Recurrence::Year];

    pub fn label(self) -> &'static str {
        match self {
            Recurrence::Month => "每月",
            Recurrence::Quarter => "每季度",
            Recurrence::Year => "每年",
        }
    }

    /// The pay period of this cadence that holds `on`.
    pub fn period_of(self, on: NaiveDate) -> PayPeriod {
        let (y, m) = (on.year(), on.month() as u8);
        match self {
            Recurrence::Month => PayPeriod::Month(y, m),
            Recurrence::Quarter => PayPeriod::Quarter(y, (m - 1) / 3 + 1),
            Recurrence::Year => PayPeriod::Year(y),
        }
    }

    /// The period before `period` (of the same cadence).
    pub fn previous(self, period: PayPeriod) -> PayPeriod {
        match period {
            PayPeriod::Month(y, 1) => PayPeriod::Month(y - 1, 12),
            PayPeriod::Month(y, m) => PayPeriod::Month(y, m - 1),
            PayPeriod::Quarter(y, 1) => PayPeriod::Quarter(y - 1, 4),
            PayPeriod::Quarter(y, q) => PayPeriod::Quarter(y, q - 1),
            PayPeriod::Year(y) => PayPeriod::Year(y - 1),
        }
    }
}

/// 所属期间 of a subsidy. Stored and serialised as `2026`, `2026-Q3` or `2026-07`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PayPeriod {
    Year(i32),
    Quarter(i32, u8),
    Month(i32, u8),
}

impl PayPeriod {
    pub fn code(&self) -> String {
        match *self {
            PayPeriod::Year(y) => format!("{y}"),
            PayPeriod::Quarter(y, q) => format!("{y}-Q{q}"),
            PayPeriod::Month(y, m) => format!("{y}-{m:02}"),
        }
    }

    /// `2026年`, `2026年第三季度`, `2026年7月`.
    pub fn label(&self) -> String {
        match *self {
            PayPeriod::Year(y) => format!("{y}年"),
            PayPeriod::Quarter(y, q) => Period { year: y, quarter: Some(q) }.label(),
            PayPeriod::Month(y, m) => format!("{y}年{m}月"),
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            PayPeriod::Year(y) | PayPeriod::Quarter(y, _) | PayPeriod::Month(y, _) => y,
        }
    }

    /// The first day of the period's last month (when a payment still missing falls due) and
    /// the period's last day.
    pub fn last_month_and_end(&self) -> (NaiveDate, NaiveDate) {
        let (y, last_month) = match *self {
            PayPeriod::Year(y) => (y, 12),
            PayPeriod::Quarter(y, q) => (y, u32::from(q) * 3),
            PayPeriod::Month(y, m) => (y, u32::from(m)),
        };
        let first = NaiveDate::from_ymd_opt(y, last_month, 1).unwrap_or(NaiveDate::MAX);
        let end = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        (first, end)
    }

    /// Reads a code (`2026-Q3`) or a label as clerks write it (`2026年第三季度`, `2026年3季度`,
    /// `2026年7月`, `2026年`, `2026`).
    pub fn parse(text: &str) -> Result<Self> {
        let t = crate::domain::text::compact(text);
        let bad = || {
            Error::invalid(format!(
                "所属期间“{text}”无法识别，请写成“2026年”“2026年第三季度”或“2026年7月”。"
            ))
        };
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let year: i32 = digits.parse().map_err(|_| bad())?;
        if !YEARS.contains(&year) {
            return Err(bad());
        }
        let rest = t[digits.len()..].trim_start_matches(['年', '-']);
        if rest.is_empty() || rest == "度" {
            return Ok(PayPeriod::Year(year));
        }
        let quarter =
            rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')).map(str::to_string).or_else(
                || rest.strip_suffix("季度").map(|q| q.trim_start_matches('第').to_string()),
            );
        if let Some(q) = quarter {
            let n = match q.as_str() {
                "1" | "一" => 1,
                "2" | "二" => 2,
                "3" | "三" => 3,
                "4" | "四" => 4,
                _ => return Err(bad()),
            };
            return Ok(PayPeriod::Quarter(year, n));
        }
        let month: u8 = rest.trim_end_matches('月').parse().map_err(|_| bad())?;
        if (1..=12).contains(&month) {
            Ok(PayPeriod::Month(year, month))
        } else {
            Err(bad())
        }
    }
}

impl Serialize for PayPeriod {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for PayPeriod {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PayPeriod::parse(&text).map_err(serde::de::Error::custom)
    }
}

crate::ts_as_string!(PayPeriod);

impl rusqlite::types::ToSql for PayPeriod {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.code().into())
    }
}

impl rusqlite::types::FromSql for PayPeriod {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        PayPeriod::parse(v.as_str()?).map_err(|e| rusqlite::types::FromSqlError::Other(e.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters_cover_the_year() {
        let cases = [
            (Some(1), d(2026, 1, 1), d(2026, 3, 31), "2026年第一季度"),
            (Some(2), d(2026, 4, 1), d(2026, 6, 30), "2026年第二季度"),
            (Some(3), d(2026, 7, 1), d(2026, 9, 30), "2026年第三季度"),
            (Some(4), d(2026, 10, 1), d(2026, 12, 31), "2026年第四季度"),
            (None, d(2026, 1, 1), d(2026, 12, 31), "2026年"),
        ];
        for (quarter, start, end, label) in cases {
            let p = Period::new(2026, quarter).unwrap();
            assert_eq!((p.start(), p.end(), p.label().as_str()), (start, end, label));
        }
        assert_eq!(Period::quarter_of(d(2026, 9, 30)), Period::new(2026, Some(3)).unwrap());
        assert!(Period::new(2026, Some(5)).is_err());
    }

    #[test]
    fn pay_periods_read_what_clerks_write() {
        let cases = [
            ("2026", PayPeriod::Year(2026)),
            ("2026年", PayPeriod::Year(2026)),
            ("2026年度", PayPeriod::Year(2026)),
            ("2026-Q3", PayPeriod::Quarter(2026, 3)),
            ("2026年第三季度", PayPeriod::Quarter(2026, 3)),
            ("2026年3季度", PayPeriod::Quarter(2026, 3)),
            ("2026-07", PayPeriod::Month(2026, 7)),
            ("2026年7月", PayPeriod::Month(2026, 7)),
        ];
        for (text, want) in cases {
            assert_eq!(PayPeriod::parse(text).unwrap(), want, "{text}");
            assert_eq!(PayPeriod::parse(&want.code()).unwrap(), want);
        }
        for bad in ["", "明年", "2026年13月", "2026年第五季度"] {
            assert!(PayPeriod::parse(bad).is_err(), "{bad}");
        }
    }
}
