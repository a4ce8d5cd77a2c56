//! Hospital stays (住院登记), one page at a time. The flags (未探视, 出院一周内未回访) are the
//! rule of [`crate::tables::hospital`], written once more here as SQL so "flagged only" filters and counts
//! in the database; `flag_counts_match_the_rule` in the tests holds the two together.

use super::{Filter, Page, PageRequest, SortKey};
use crate::error::Result;
use crate::tables::hospital::{from_row, select_sql, HospitalStay, StayQuery, FOLLOW_UP_DAYS};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The columns the stay table can be sorted by (names of the inner query's columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StaySort {
    AdmittedOn,
    DischargedOn,
    PersonName,
    Hospital,
    VisitedOn,
}

impl SortKey for StaySort {
    fn column(self) -> &'static str {
        match self {
            StaySort::AdmittedOn => "admitted_on",
            StaySort::DischargedOn => "discharged_on",
            StaySort::PersonName => "name",
            StaySort::Hospital => "hospital",
            StaySort::VisitedOn => "visited_on",
        }
    }
}

/// The counts above the stay table, over every matching stay.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StayTotals {
    pub persons: u32,
    /// 仍在住院: no discharge date.
    pub in_hospital: u32,
    /// 未探视.
    pub not_visited: u32,
    /// 出院一周内未回访, as of today.
    pub no_follow_up: u32,
}

pub type StayPageRequest = PageRequest<StayQuery, StaySort>;
pub type StayPage = Page<HospitalStay, StayTotals>;

/// The two flags as SQL over the inner query's columns; `?1` is today.
fn not_visited() -> &'static str {
    "visited_on IS NULL"
}
fn no_follow_up() -> String {
    let due = format!("date(discharged_on, '+{FOLLOW_UP_DAYS} days')");
    format!(
        "(discharged_on IS NOT NULL AND ?1 > {due}
          AND (follow_up_on IS NULL OR follow_up_on > {due}))"
    )
}

/// One page of stays, newest admission first unless sorted otherwise, with flags as of `today`.
pub fn page(conn: &Connection, req: &StayPageRequest, today: NaiveDate) -> Result<StayPage> {
    let q = &req.filter;
    // ?1 is today in every statement, so the flag SQL can name it.
    let mut inner = Filter::new("s.voided_at IS NULL AND p.voided_at IS NULL");
    inner.and("(?) IS NOT NULL", today);
    if let Some(p) = q.period {
        inner.and("s.admitted_on <= ?", p.end());
        inner.and("(s.discharged_on IS NULL OR s.discharged_on >= ?)", p.start());
    }
    if q.open_only {
        inner.and_raw("s.discharged_on IS NULL");
    }
    if let Some(p) = q.person_id {
        inner.and("s.person_id = ?", p.0);
    }
    let mut outer = format!("FROM ({}{}) AS x", select_sql(), inner.sql);
    if q.flagged_only {
        outer.push_str(&format!(" WHERE ({} OR {})", not_visited(), no_follow_up()));
    }
    let (total, persons, in_hospital, not_visited_n, no_follow_up_n): (u32, u32, u32, u32, u32) =
        conn.prepare_cached(&format!(
            "SELECT COUNT(*), COUNT(DISTINCT person_id),
               COALESCE(SUM(discharged_on IS NULL), 0),
               COALESCE(SUM({}), 0), COALESCE(SUM({}), 0) {outer}",
            not_visited(),
            no_follow_up()
        ))?
        .query_row(inner.params(), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let sql =
        format!("SELECT * {outer}{}", inner.order_and_window(req, "admitted_on DESC, id DESC"));
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(inner.params(), |r| from_row(r, today))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page {
        rows,
        total,
        totals: StayTotals {
            persons,
            in_hospital,
            not_visited: not_visited_n,
            no_follow_up: no_follow_up_n,
        },
    })
}
