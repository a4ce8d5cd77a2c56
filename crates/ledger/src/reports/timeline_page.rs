//! One page of a person's history, newest first, listed in SQL: a person with years of visits,
//! calls and subsidies has hundreds of entries, and the drawer shows the newest and loads more on
//! demand instead of sending them all to the page.
//!
//! One `UNION ALL` over the same sources as [`timeline`](super::timeline) lists every entry's date,
//! source and key; only the page's entries are then read in full, through the source's own query.

use super::timeline::{TimelineEntry, SOURCES};
use crate::domain::date::PartialDate;
use crate::domain::model::PersonId;
use crate::error::Result;
use crate::tables::paging::MAX_LIMIT;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A page of one person's history and how many entries it has in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelinePage {
    pub entries: Vec<TimelineEntry>,
    pub total: u32,
}

/// The source index the party dates get in the listing (after every table source).
const JOINED: usize = SOURCES.len();
const CONFIRMED: usize = SOURCES.len() + 1;

/// Every entry's (date, source, key), as one query. Each source's own `WHERE` (person, not voided)
/// is kept by selecting from its query as a subquery.
fn listing() -> &'static str {
    use std::sync::OnceLock;
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        let mut parts: Vec<String> = SOURCES
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let from = &s.sql[s.sql.find("FROM").unwrap_or(0)..];
                format!("SELECT {} AS date, {i} AS source, {} AS key {from}", s.date, s.key)
            })
            .collect();
        for (i, column) in [(JOINED, "party_joined"), (CONFIRMED, "party_confirmed")] {
            parts.push(format!(
                "SELECT {column} AS date, {i} AS source, id AS key FROM people
                 WHERE id = ?1 AND voided_at IS NULL AND {column} IS NOT NULL"
            ));
        }
        parts.join("\nUNION ALL\n")
    })
}

/// Entries `offset ..offset + limit` of the person's history, newest first (ties in source order,
/// then by record), with the number of entries in all. A `limit` of 0 or above
/// [`MAX_LIMIT`] is cut to it.
pub fn page(conn: &Connection, person: PersonId, offset: u32, limit: u32) -> Result<TimelinePage> {
    let limit = if limit == 0 { MAX_LIMIT } else { limit.min(MAX_LIMIT) };
    let total: u32 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM ({})", listing()))?
        .query_row([person.0], |r| r.get(0))?;
    let keys: Vec<(i64, i64)> = conn
        .prepare_cached(&format!(
            "SELECT source, key FROM ({}) ORDER BY date DESC, source, key LIMIT ?2 OFFSET ?3",
            listing()
        ))?
        .query_map(params![person.0, limit, offset], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut entries = Vec::with_capacity(keys.len());
    for (source, key) in keys {
        entries.push(entry(conn, person, usize::try_from(source).unwrap_or(usize::MAX), key)?);
    }
    Ok(TimelinePage { entries, total })
}

/// One entry in full, read through its source's query narrowed to one record.
fn entry(conn: &Connection, person: PersonId, source: usize, key: i64) -> Result<TimelineEntry> {
    if let Some(s) = SOURCES.get(source) {
        let sql = format!("{} AND {} = ?2", s.sql, s.key);
        let e = conn.prepare_cached(&sql)?.query_row(params![person.0, key], |r| {
            let (date, title, detail) = (s.read)(r)?;
            Ok(TimelineEntry {
                date,
                kind: s.kind.into(),
                kind_label: s.kind_label.into(),
                title,
                detail,
                entity: s.entity.into(),
                entity_id: Some(key),
            })
        })?;
        return Ok(e);
    }
    let (column, title) = if source == JOINED {
        ("party_joined", "入党")
    } else {
        ("party_confirmed", "转为正式党员")
    };
    let date: PartialDate = conn
        .prepare_cached(&format!("SELECT {column} FROM people WHERE id = ?1"))?
        .query_row([key], |r| r.get(0))?;
    Ok(TimelineEntry {
        date: date.iso(),
        kind: "party".into(),
        kind_label: "党员".into(),
        title: title.into(),
        detail: String::new(),
        entity: "person".into(),
        entity_id: Some(key),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::VisitKind;
    use crate::store::db::Ledger;
    use crate::tables::visits::tests::{add, d, stamp};
    use crate::tables::visits::{self, VisitInput};
    use crate::testing::builder::retiree;

    #[test]
    fn walking_the_pages_gives_the_whole_history_in_order() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (p, _) = add(conn, retiree("张三").born("1935-03").party().build(), &[]);
        let (other, _) = add(conn, retiree("李四").born("1936-03").build(), &[]);
        conn.execute("UPDATE people SET party_joined = '1965-07' WHERE id = ?1", [p.0]).unwrap();
        // Several visits on one day, so ties must be ordered the same on every page.
        for (i, day) in ["2026-01-05", "2026-03-01", "2026-03-01", "2026-03-01", "2025-12-31"]
            .iter()
            .enumerate()
        {
            let mut v = VisitInput::new(p, VisitKind::Phone, d(day));
            v.reason = format!("第{}次", i + 1);
            visits::insert(conn, &stamp(), &v).unwrap();
        }
        visits::insert(conn, &stamp(), &VisitInput::new(other, VisitKind::Phone, d("2026-02-01")))
            .unwrap();
        let voided =
            visits::insert(conn, &stamp(), &VisitInput::new(p, VisitKind::Phone, d("2026-04-01")))
                .unwrap();
        visits::void(conn, &stamp(), voided.id, "录入错误").unwrap();

        let whole = page(conn, p, 0, 0).unwrap();
        assert_eq!(
            whole.total, 6,
            "five visits and 入党; not the voided one nor the other person's"
        );
        let dates: Vec<&str> = whole.entries.iter().map(|e| e.date.as_str()).collect();
        assert_eq!(
            dates,
            ["2026-03-01", "2026-03-01", "2026-03-01", "2026-01-05", "2025-12-31", "1965-07"]
        );
        assert_eq!(whole.entries[5].title, "入党");
        assert_eq!(whole.entries[3].title, "电话问候：第1次");

        let mut walked = Vec::new();
        for offset in (0..whole.total).step_by(2) {
            let one = page(conn, p, offset, 2).unwrap();
            assert_eq!(one.total, whole.total);
            assert!(one.entries.len() <= 2);
            walked.extend(one.entries);
        }
        assert_eq!(walked, whole.entries);
        assert!(page(conn, p, 6, 2).unwrap().entries.is_empty());
    }

    #[test]
    fn the_unpaged_history_has_the_same_entries() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (p, _) = add(conn, retiree("王五").born("1935-03").build(), &[]);
        for day in ["2026-05-01", "2024-05-01", "2025-05-01"] {
            visits::insert(conn, &stamp(), &VisitInput::new(p, VisitKind::Routine, d(day)))
                .unwrap();
        }
        let paged = page(conn, p, 0, 10).unwrap().entries;
        assert_eq!(paged, super::super::timeline::for_person(conn, p).unwrap());
    }
}
