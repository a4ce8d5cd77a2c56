//! The visit ledger (走访记录), one page at a time: the filters of [`VisitQuery`], a sort from
//! [`VisitSort`], and the 人次 / 人数 / 慰问金 of the whole selection.

use super::{Filter, Page, PageRequest, SortKey};
use crate::domain::money::Fen;
use crate::error::Result;
use crate::tables::visits::{from_row, Visit, VisitQuery, SELECT};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The columns the visit table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VisitSort {
    Date,
    PersonName,
    Kind,
    Reason,
    Leader,
    Amount,
}

impl SortKey for VisitSort {
    fn column(self) -> &'static str {
        match self {
            VisitSort::Date => "v.date",
            VisitSort::PersonName => "p.name",
            VisitSort::Kind => "v.kind",
            VisitSort::Reason => "v.reason",
            VisitSort::Leader => "v.leader",
            VisitSort::Amount => "v.amount_fen",
        }
    }
}

/// The footer line of the visit table, over every matching visit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitTotals {
    /// 人数: how many different people the visits went to.
    pub persons: u32,
    /// 慰问金合计.
    pub amount: Fen,
}

pub type VisitPageRequest = PageRequest<VisitQuery, VisitSort>;
pub type VisitPage = Page<Visit, VisitTotals>;

/// The `WHERE` clause of a visit query, over `visits v JOIN people p`; the same filters as
/// [`crate::tables::visits::list`].
fn filter(q: &VisitQuery) -> Filter {
    let mut f = Filter::new("v.voided_at IS NULL");
    if let Some(p) = q.period {
        f.and("v.date >= ?", p.start());
        f.and("v.date <= ?", p.end());
    }
    if let Some(k) = q.kind {
        f.and("v.kind = ?", k);
    }
    if let Some(p) = q.person_id {
        f.and("v.person_id = ?", p.0);
    }
    if let Some(c) = q.campaign_id {
        f.and("v.campaign_id = ?", c);
    }
    let needle = crate::tables::search::normalize_query(&q.search);
    if !needle.is_empty() {
        f.and("instr(p.search_key, ?) > 0", needle);
    }
    f
}

/// The totals' query. The person is joined only for a search by name: without one, the totals are
/// read from the covering index `visits_period_figures` alone (migration 014).
fn totals_sql(q: &VisitQuery, f: &Filter) -> String {
    let searching = !crate::tables::search::normalize_query(&q.search).is_empty();
    format!(
        "SELECT COUNT(*), COUNT(DISTINCT v.person_id), COALESCE(SUM(v.amount_fen), 0)
         FROM visits v{}{}",
        if searching { " JOIN people p ON p.id = v.person_id" } else { "" },
        f.sql
    )
}

/// One page of visits, newest first unless sorted otherwise, with the totals of the selection.
pub fn page(conn: &Connection, req: &VisitPageRequest) -> Result<VisitPage> {
    let f = filter(&req.filter);
    let (total, persons, amount): (u32, u32, i64) = conn
        .prepare_cached(&totals_sql(&req.filter, &f))?
        .query_row(f.params(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let sql = format!("{SELECT}{}{}", f.sql, f.order_and_window(req, "v.date DESC, v.id DESC"));
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(f.params(), from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { rows, total, totals: VisitTotals { persons, amount: Fen(amount) } })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Period;
    use crate::store::db::Ledger;

    /// Without a search, the page's totals read only the covering index; with one, the person's
    /// search key too.
    #[test]
    fn the_totals_read_the_covering_index() {
        let ledger = Ledger::open_in_memory().unwrap();
        let mut q = VisitQuery {
            period: Some(Period { year: 2026, quarter: Some(4) }),
            ..Default::default()
        };
        for search in ["", "张"] {
            q.search = search.into();
            let plan = crate::testing::query_plan(ledger.conn(), &totals_sql(&q, &filter(&q)));
            assert!(
                plan.iter().any(|s| s.contains("COVERING INDEX visits_period_figures")),
                "search {search:?}: the query plan was {plan:?}"
            );
            assert_eq!(plan.iter().any(|s| s.contains("SEARCH p")), !search.is_empty(), "{plan:?}");
        }
    }
}
