//! A campaign's target list (应走访名单), one page at a time: a 春节 campaign for every living
//! retiree is the whole roster. Those not yet visited come first, as in
//! [`crate::tables::campaigns::coverage`], whose query this one pages; the counts are of the whole list.

use super::{Filter, Page, PageRequest, SortKey};
use crate::domain::date::PartialDate;
use crate::domain::model::PersonId;
use crate::error::Result;
use crate::tables::campaigns::{self, Campaign, CampaignId, CoverageRow};
use crate::tables::visits::VisitId;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which targets to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CoverageShow {
    #[default]
    All,
    /// 未走访
    Todo,
    /// 已走访
    Done,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CoverageFilter {
    pub campaign_id: CampaignId,
    #[serde(default)]
    pub show: CoverageShow,
    /// Name, pinyin, initials, ID or phone digits, as in the roster search.
    #[serde(default)]
    pub search: String,
}

/// The columns the target list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CoverageSort {
    Name,
    Branch,
    VisitedOn,
}

impl SortKey for CoverageSort {
    fn column(self) -> &'static str {
        match self {
            CoverageSort::Name => "p.name",
            CoverageSort::Branch => "p.party_branch",
            CoverageSort::VisitedOn => "v.first",
        }
    }
}

/// The campaign, and 已走访 / 应走访 of its whole list whatever the filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CoverageTotals {
    pub campaign: Campaign,
    pub targets: u32,
    pub visited: u32,
}

pub type CoveragePageRequest = PageRequest<CoverageFilter, CoverageSort>;
pub type CoveragePage = Page<CoverageRow, CoverageTotals>;

/// `?1` is the campaign in every statement.
const FROM: &str = "FROM campaign_targets t JOIN people p ON p.id = t.person_id
    LEFT JOIN (SELECT person_id, MIN(date) AS first, id FROM visits
               WHERE campaign_id = ?1 AND voided_at IS NULL AND survivor_id IS NULL
               GROUP BY person_id) v ON v.person_id = t.person_id";

fn filter(q: &CoverageFilter) -> Filter {
    let mut f = Filter::new("t.removed_at IS NULL AND p.voided_at IS NULL");
    f.and("t.campaign_id = ?", q.campaign_id.0);
    match q.show {
        CoverageShow::All => {}
        CoverageShow::Todo => f.and_raw("v.first IS NULL"),
        CoverageShow::Done => f.and_raw("v.first IS NOT NULL"),
    }
    let needle = crate::tables::search::normalize_query(&q.search);
    if !needle.is_empty() {
        f.and("instr(p.search_key, ?) > 0", needle);
    }
    f
}

/// One page of a campaign's targets, not yet visited first unless sorted otherwise.
pub fn page(conn: &Connection, req: &CoveragePageRequest) -> Result<CoveragePage> {
    let campaign = campaigns::get(conn, req.filter.campaign_id)?;
    let age_on = campaign
        .date
        .or_else(|| NaiveDate::from_ymd_opt(campaign.year, 12, 31))
        .unwrap_or(NaiveDate::MIN);
    let whole = filter(&CoverageFilter {
        campaign_id: req.filter.campaign_id,
        show: CoverageShow::All,
        search: String::new(),
    });
    let (targets, visited): (u32, u32) = conn
        .prepare_cached(&format!("SELECT COUNT(*), COUNT(v.first) {FROM}{}", whole.sql))?
        .query_row(whole.params(), |r| Ok((r.get(0)?, r.get(1)?)))?;
    let f = filter(&req.filter);
    let total: u32 = conn
        .prepare_cached(&format!("SELECT COUNT(*) {FROM}{}", f.sql))?
        .query_row(f.params(), |r| r.get(0))?;
    let sql = format!(
        "SELECT t.person_id, p.name, p.birth, p.retirement_kind, p.party_branch, v.first, v.id
         {FROM}{}{}",
        f.sql,
        f.order_and_window(req, "v.first IS NOT NULL, t.person_id")
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(f.params(), |r| {
            let birth: Option<PartialDate> = r.get(2)?;
            Ok(CoverageRow {
                person_id: PersonId(r.get(0)?),
                name: r.get(1)?,
                age: birth.map(|b| b.age_on(age_on)),
                retirement_kind: r.get(3)?,
                branch: r.get(4)?,
                visited_on: r.get(5)?,
                visit_id: r.get::<_, Option<i64>>(6)?.map(VisitId),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { rows, total, totals: CoverageTotals { campaign, targets, visited } })
}

/// A person on a campaign's list, by name: what the record-visits dialog needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TargetName {
    pub person_id: PersonId,
    pub name: String,
}

/// Everyone on the list not yet visited, for 全选未走访: ids and names only, so a list of
/// thousands stays small on its way to the page.
pub fn todo(conn: &Connection, campaign: CampaignId) -> Result<Vec<TargetName>> {
    let f = filter(&CoverageFilter {
        campaign_id: campaign,
        show: CoverageShow::Todo,
        search: String::new(),
    });
    let people = conn
        .prepare_cached(&format!(
            "SELECT t.person_id, p.name {FROM}{} ORDER BY t.person_id",
            f.sql
        ))?
        .query_map(f.params(), |r| {
            Ok(TargetName { person_id: PersonId(r.get(0)?), name: r.get(1)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(people)
}
