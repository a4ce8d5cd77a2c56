//! Paged ledger lists: one page of rows, filtered and sorted in SQL, with the count and the totals
//! of the whole selection beside it.
//!
//! A WebView holding 5,000 table rows takes seconds and gigabytes; SQLite answers one page of an
//! indexed query in well under a millisecond. So every ledger page asks for a [`PageRequest`] and
//! gets a [`Page`]: the rows it shows, how many match in all (for the pager) and the sums the
//! footer line shows (人次, 人数, 金额) over every matching row, not just the page.
//!
//! The sort key is an enum per ledger ([`SortKey`]), so only whitelisted SQL reaches `ORDER BY`.
//! The unpaged `list` functions of the table modules stay: the exports need every row.

pub mod campaigns;
pub mod checkups;
pub mod deaths;
pub mod hospital;
pub mod party;
pub mod subsidies;
pub mod visits;
pub mod voided;

use rusqlite::types::ToSql;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The page size a request gets when it names none (the UI's default).
pub const DEFAULT_LIMIT: u32 = 50;
/// The largest page a request may ask for; the pager offers up to 200.
pub const MAX_LIMIT: u32 = 500;

/// Which page of a ledger to list: the ledger's own filters, an optional sort and the window.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PageRequest<F, K> {
    pub filter: F,
    /// The column to sort by; `None` (or absent) is the ledger's natural order. No
    /// `#[serde(default)]` here: serde would then ask every sort key to be `Default`.
    pub sort: Option<K>,
    /// Descending instead of ascending (only with `sort`).
    #[serde(default)]
    pub desc: bool,
    #[serde(default)]
    pub offset: u32,
    /// Rows per page; 0 means [`DEFAULT_LIMIT`], more than [`MAX_LIMIT`] is cut to it.
    #[serde(default)]
    pub limit: u32,
}

impl<F, K> PageRequest<F, K> {
    /// The first page of a filter, in the natural order.
    pub fn first(filter: F, limit: u32) -> Self {
        PageRequest { filter, sort: None, desc: false, offset: 0, limit }
    }

    /// The number of rows to fetch.
    pub fn window(&self) -> u32 {
        match self.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(MAX_LIMIT),
        }
    }
}

/// One page of a ledger: its rows, how many rows match in all, and the totals of all of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Page<T, S> {
    pub rows: Vec<T>,
    pub total: u32,
    pub totals: S,
}

/// A sortable column of one ledger, mapped to a fixed SQL expression.
pub trait SortKey: Copy {
    /// The SQL expression to sort by (never user text).
    fn column(self) -> &'static str;
}

/// A `WHERE` clause built from filters, with its numbered arguments.
pub(crate) struct Filter {
    pub sql: String,
    args: Vec<Box<dyn ToSql>>,
}

impl Filter {
    /// Starts from the conditions every row needs (e.g. not voided).
    pub fn new(base: &str) -> Self {
        Filter { sql: format!(" WHERE {base}"), args: Vec::new() }
    }

    /// Adds ` AND clause`, where each `?` in `clause` is this one argument.
    pub fn and(&mut self, clause: &str, value: impl ToSql + 'static) {
        self.args.push(Box::new(value));
        let n = self.args.len();
        self.sql.push_str(" AND ");
        self.sql.push_str(&clause.replace('?', &format!("?{n}")));
    }

    /// Adds ` OR clause`, where each `?` in `clause` is this one argument (for a bracket opened
    /// by the clause before it).
    pub fn or(&mut self, clause: &str, value: impl ToSql + 'static) {
        self.args.push(Box::new(value));
        let n = self.args.len();
        self.sql.push_str(" OR ");
        self.sql.push_str(&clause.replace('?', &format!("?{n}")));
    }

    /// Adds ` AND clause` with no argument.
    pub fn and_raw(&mut self, clause: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(clause);
    }

    pub fn params(&self) -> rusqlite::ParamsFromIter<impl Iterator<Item = &dyn ToSql>> {
        rusqlite::params_from_iter(self.args.iter().map(|b| b.as_ref()))
    }

    /// `ORDER BY … LIMIT … OFFSET …` for a request: the chosen column, then the natural order
    /// (which ends in the row id, so pages never overlap or skip a row).
    pub fn order_and_window<F, K: SortKey>(
        &self,
        req: &PageRequest<F, K>,
        natural: &str,
    ) -> String {
        let order = match req.sort {
            Some(k) => {
                format!("{} {}, {natural}", k.column(), if req.desc { "DESC" } else { "ASC" })
            }
            None => natural.to_string(),
        };
        format!(" ORDER BY {order} LIMIT {} OFFSET {}", req.window(), req.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy)]
    struct ByName;
    impl SortKey for ByName {
        fn column(self) -> &'static str {
            "p.name"
        }
    }

    #[test]
    fn the_window_is_bounded_and_the_order_ends_in_the_natural_one() {
        // (limit asked, limit used)
        for (asked, used) in
            [(0, DEFAULT_LIMIT), (20, 20), (MAX_LIMIT, MAX_LIMIT), (100_000, MAX_LIMIT)]
        {
            let req: PageRequest<(), ByName> = PageRequest::first((), asked);
            assert_eq!(req.window(), used, "limit {asked}");
        }
        let f = Filter::new("v.voided_at IS NULL");
        let mut req: PageRequest<(), ByName> = PageRequest::first((), 50);
        req.offset = 100;
        assert_eq!(
            f.order_and_window(&req, "v.date DESC, v.id DESC"),
            " ORDER BY v.date DESC, v.id DESC LIMIT 50 OFFSET 100"
        );
        req.sort = Some(ByName);
        req.desc = true;
        assert_eq!(
            f.order_and_window(&req, "v.id DESC"),
            " ORDER BY p.name DESC, v.id DESC LIMIT 50 OFFSET 100"
        );
    }

    #[test]
    fn filters_number_their_arguments_in_order() {
        let mut f = Filter::new("x IS NULL");
        f.and("a >= ? AND a <= ?", 1);
        f.and_raw("b IS NOT NULL");
        f.and("c = ?", "z");
        assert_eq!(f.sql, " WHERE x IS NULL AND a >= ?1 AND a <= ?1 AND b IS NOT NULL AND c = ?2");
    }
}
