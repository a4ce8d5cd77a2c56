//! Subsidy payments (补贴发放), one page at a time, with the count, recipients and amount of the
//! whole selection. The per-kind totals of a period stay in [`crate::tables::subsidies::totals`].

use super::{Filter, Page, PageRequest, SortKey};
use crate::domain::money::Fen;
use crate::error::Result;
use crate::tables::subsidies::{from_row, Subsidy, SubsidyQuery, SELECT};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The columns the payment table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SubsidySort {
    PaidOn,
    PersonName,
    Kind,
    Period,
    Amount,
}

impl SortKey for SubsidySort {
    fn column(self) -> &'static str {
        match self {
            SubsidySort::PaidOn => "s.paid_on",
            SubsidySort::PersonName => "p.name",
            SubsidySort::Kind => "s.kind",
            SubsidySort::Period => "s.period",
            SubsidySort::Amount => "s.amount_fen",
        }
    }
}

/// The footer of the payment table, over every matching payment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubsidyPageTotals {
    /// Distinct recipients (a survivor counts apart from the retiree), as in the period totals.
    pub persons: u32,
    pub amount: Fen,
}

pub type SubsidyPageRequest = PageRequest<SubsidyQuery, SubsidySort>;
pub type SubsidyPage = Page<Subsidy, SubsidyPageTotals>;

fn filter(q: &SubsidyQuery) -> Filter {
    let mut f = Filter::new("s.voided_at IS NULL");
    if let Some(p) = q.period {
        f.and("s.paid_on >= ?", p.start());
        f.and("s.paid_on <= ?", p.end());
    }
    if let Some(k) = &q.kind {
        f.and("s.kind = ?", k.clone());
    }
    if let Some(p) = q.person_id {
        f.and("s.person_id = ?", p.0);
    }
    f
}

/// One page of payments, in the order of [`crate::tables::subsidies::list`] (发放日期, then entry) unless
/// sorted otherwise.
pub fn page(conn: &Connection, req: &SubsidyPageRequest) -> Result<SubsidyPage> {
    let f = filter(&req.filter);
    let (total, persons, amount): (u32, u32, i64) = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*), COUNT(DISTINCT s.person_id || '-' || COALESCE(s.survivor_id, '')),
             COALESCE(SUM(s.amount_fen), 0) FROM subsidies s{}",
            f.sql
        ))?
        .query_row(f.params(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    // SELECT already ends in its own WHERE; the filter's conditions follow it with AND.
    let conditions = f.sql.replacen(" WHERE s.voided_at IS NULL", "", 1);
    let sql = format!("{SELECT}{conditions}{}", f.order_and_window(req, "s.paid_on, s.id"));
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(f.params(), from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page { rows, total, totals: SubsidyPageTotals { persons, amount: Fen(amount) } })
}
