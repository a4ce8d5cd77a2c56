//! The survivors (遗属) of deceased retirees, one page at a time: over the years the list only
//! grows. The deaths of one period stay whole ([`crate::tables::deaths::list`]): a year holds a few
//! dozen at a large unit, each with their family.

use super::{Filter, Page, PageRequest, SortKey};
use crate::error::Result;
use crate::tables::deaths::{survivor_from_row, SurvivorRow, SURVIVOR_COLUMNS};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which survivors to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SurvivorFilter {
    /// Part of the survivor's name, or the deceased's name, pinyin or initials.
    pub search: String,
    /// Only those who receive 遗属补助.
    pub aid_only: bool,
}

/// The columns the survivor table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SurvivorSort {
    DeceasedName,
    DiedOn,
    Name,
}

impl SortKey for SurvivorSort {
    fn column(self) -> &'static str {
        match self {
            SurvivorSort::DeceasedName => "p.name",
            SurvivorSort::DiedOn => "p.died_on",
            SurvivorSort::Name => "f.name",
        }
    }
}

/// How many survivors match, and how many of them receive 遗属补助.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SurvivorTotals {
    /// Deceased retirees the matching survivors belong to.
    pub deceased: u32,
    pub with_aid: u32,
}

pub type SurvivorPageRequest = PageRequest<SurvivorFilter, SurvivorSort>;
pub type SurvivorPage = Page<SurvivorRow, SurvivorTotals>;

const FROM: &str = "FROM family_members f JOIN people p ON p.id = f.person_id";

fn filter(q: &SurvivorFilter) -> Filter {
    let mut f = Filter::new(
        "f.is_survivor = 1 AND f.voided_at IS NULL AND p.voided_at IS NULL
         AND p.died_on IS NOT NULL",
    );
    let text = crate::domain::text::normalize(&q.search);
    if !text.is_empty() {
        let needle = crate::tables::search::normalize_query(&q.search);
        f.and("(instr(f.name, ?) > 0", text);
        f.or("instr(p.search_key, ?) > 0)", needle);
    }
    if q.aid_only {
        f.and_raw("f.survivor_aid = 1");
    }
    f
}

/// One page of survivors, in the order of [`crate::tables::deaths::survivors`] (the deceased's order of
/// entry) unless sorted otherwise.
pub fn page(conn: &Connection, req: &SurvivorPageRequest) -> Result<SurvivorPage> {
    let f = filter(&req.filter);
    let (total, deceased, with_aid): (u32, u32, u32) = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*), COUNT(DISTINCT p.id), COALESCE(SUM(f.survivor_aid), 0) {FROM}{}",
            f.sql
        ))?
        .query_row(f.params(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let sql = format!(
        "SELECT {SURVIVOR_COLUMNS} {FROM}{}{}",
        f.sql,
        f.order_and_window(req, "p.id, f.id")
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(f.params(), survivor_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { rows, total, totals: SurvivorTotals { deceased, with_aid } })
}
