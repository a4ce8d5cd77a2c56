//! The figures that appear in more than one place — on the home page, in the work-report
//! paragraph, in the statistics and in the exported tables — defined once, so that the same
//! figure never reads differently in two places (the 参检率 once read 50.9% on the home page and
//! 51.1% in the checkup table, because two modules defined 应检 differently).
//!
//! - 应检 / 参检 / 参检率: the people listed in the year's checkup round ([`crate::tables::checkups::round`]:
//!   on the roster at the end of the year, plus anyone with a record for the year), those
//!   who attended, and attended ÷ listed as a percentage with one decimal ([`percent`]).
//! - 在册: on the roster at the end of a year ([`crate::reports::stats::counted_at_end`]): retired by then
//!   and alive on Dec 31.
//! - 人次 / 人数: records, and distinct people among them (visits, subsidies, activities).

use crate::domain::model::PersonFields;
use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;

pub use crate::domain::rate::{percent, percent_text};

/// A year's checkup figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CheckupCount {
    pub year: i32,
    /// 应检
    pub due: u32,
    /// 参检
    pub attended: u32,
    /// 未参检 (recorded as absent)
    pub absent: u32,
    /// 未登记
    pub not_recorded: u32,
}

impl CheckupCount {
    /// 参检率 in percent, one decimal.
    pub fn rate(&self) -> Option<f64> {
        percent(self.attended, self.due)
    }
}

/// The checkup figures of `year`, from the round itself.
pub fn checkups(conn: &Connection, year: i32) -> Result<CheckupCount> {
    let r = crate::tables::checkups::round(conn, year)?;
    Ok(CheckupCount {
        year,
        due: r.living,
        attended: r.attended,
        absent: r.absent,
        not_recorded: r.not_recorded,
    })
}

/// 在册 at the end of `year`.
pub fn on_roster_at_end(people: &[PersonFields], year: i32) -> u32 {
    people.iter().filter(|p| crate::reports::stats::counted_at_end(p, year)).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_half_away_from_zero_to_one_decimal() {
        // (part, whole, percent): 1/8 = 12.5% exactly; 139/272 = 51.102…%; 2/3 = 66.666…%.
        let cases = [(1, 8, Some(12.5)), (139, 272, Some(51.1)), (2, 3, Some(66.7)), (0, 0, None)];
        for (part, whole, want) in cases {
            assert_eq!(percent(part, whole), want, "{part}/{whole}");
        }
        assert_eq!(percent_text(1, 3), "33.3%");
        assert_eq!(percent_text(1, 0), "—");
    }
}
