//! A year's checkup round (健康体检), one page at a time. The round's rule — everyone on the
//! roster alive on Jan 1 of the year and retired by its end, plus anyone with a record for the
//! year — is [`crate::tables::checkups::round`]'s, written here as SQL over the year part of the stored
//! partial dates (`1945`, `1945-10`, `1945-10-03` all start with the year);
//! `checkup_pages_are_the_round` in the tests holds the two together.

use super::{Filter, Page, PageRequest, SortKey};
use crate::domain::date::PartialDate;
use crate::domain::model::PersonId;
use crate::error::Result;
use crate::tables::checkups::{CheckupRow, CheckupStatus};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which part of a round to list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckupFilter {
    pub year: i32,
    #[serde(default)]
    pub status: Option<CheckupStatus>,
    /// Name, pinyin, initials, ID or phone digits, as in the roster search.
    #[serde(default)]
    pub search: String,
}

/// The columns the round can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckupSort {
    Name,
    Status,
    Date,
}

impl SortKey for CheckupSort {
    fn column(self) -> &'static str {
        match self {
            CheckupSort::Name => "p.name",
            CheckupSort::Status => "status",
            CheckupSort::Date => "c.date",
        }
    }
}

/// The figures of the whole round (whatever the status or name filter): 应检, 参检, 未参检,
/// 未登记 and the 参检率 the bureau asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckupTotals {
    pub living: u32,
    pub attended: u32,
    pub absent: u32,
    pub not_recorded: u32,
    /// attended ÷ listed, 0–1.
    pub rate: f64,
}

pub type CheckupPageRequest = PageRequest<CheckupFilter, CheckupSort>;
pub type CheckupPage = Page<CheckupRow, CheckupTotals>;

const FROM: &str = "FROM people p
    LEFT JOIN checkups c ON c.person_id = p.id AND c.year = ?1 AND c.voided_at IS NULL";

/// 'attended' / 'absent' / 'not_recorded', as `CheckupStatus` serialises.
const STATUS: &str = "CASE WHEN c.id IS NULL THEN 'not_recorded'
    WHEN c.attended THEN 'attended' ELSE 'absent' END";

/// Everyone the round lists; `?1` is the year (the join in `FROM` names it too).
fn round_filter(year: i32) -> Filter {
    let mut f = Filter::new("p.voided_at IS NULL");
    f.and(
        "(c.id IS NOT NULL OR (
           (p.died_on IS NULL OR CAST(substr(p.died_on, 1, 4) AS INTEGER) > ?)
           AND (p.retired_on IS NULL OR CAST(substr(p.retired_on, 1, 4) AS INTEGER) <= ?)))",
        year,
    );
    f
}

/// One page of a year's round, in roster order (by entry) unless sorted otherwise, with the
/// figures of the whole round.
pub fn page(conn: &Connection, req: &CheckupPageRequest) -> Result<CheckupPage> {
    let q = &req.filter;
    let all = round_filter(q.year);
    let (living, attended, absent): (u32, u32, u32) = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*), COALESCE(SUM(c.attended = 1), 0), COALESCE(SUM(c.attended = 0), 0)
             {FROM}{}",
            all.sql
        ))?
        .query_row(all.params(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let mut f = round_filter(q.year);
    if let Some(s) = q.status {
        let code = match s {
            CheckupStatus::Attended => "attended",
            CheckupStatus::Absent => "absent",
            CheckupStatus::NotRecorded => "not_recorded",
        };
        f.and(&format!("{STATUS} = ?"), code);
    }
    let needle = crate::tables::search::normalize_query(&q.search);
    if !needle.is_empty() {
        f.and("instr(p.search_key, ?) > 0", needle);
    }
    let total: u32 = conn
        .prepare_cached(&format!("SELECT COUNT(*) {FROM}{}", f.sql))?
        .query_row(f.params(), |r| r.get(0))?;
    let sql = format!(
        "SELECT p.id, p.name, p.sex, p.birth, p.retirement_kind, {STATUS} AS status, c.id,
           c.date, c.hospital, c.findings, c.advice, c.absence_reason, c.notes
         {FROM}{}{}",
        f.sql,
        f.order_and_window(req, "p.id")
    );
    let dec31 = NaiveDate::from_ymd_opt(q.year, 12, 31).unwrap_or(NaiveDate::MAX);
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(f.params(), |r| {
            let birth: Option<PartialDate> = r.get(3)?;
            let status: String = r.get(5)?;
            let text = |i: usize| -> rusqlite::Result<String> {
                Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
            };
            Ok(CheckupRow {
                person_id: PersonId(r.get(0)?),
                name: r.get(1)?,
                sex: r.get(2)?,
                age: birth.map(|b| b.age_on(dec31)),
                retirement_kind: r.get(4)?,
                status: match status.as_str() {
                    "attended" => CheckupStatus::Attended,
                    "absent" => CheckupStatus::Absent,
                    _ => CheckupStatus::NotRecorded,
                },
                checkup_id: r.get(6)?,
                date: r.get(7)?,
                hospital: text(8)?,
                findings: text(9)?,
                advice: text(10)?,
                absence_reason: text(11)?,
                notes: text(12)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let rate = if living == 0 { 0.0 } else { f64::from(attended) / f64::from(living) };
    Ok(Page {
        rows,
        total,
        totals: CheckupTotals {
            living,
            attended,
            absent,
            not_recorded: living - attended - absent,
            rate,
        },
    })
}
