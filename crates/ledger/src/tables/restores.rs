//! Restore (恢复) of the voided records that had none: 慰问活动 (campaigns), 活动 (activities),
//! 纪念章 (medals), 五必访 cases and whole subsidy batches. Each goes through
//! `records::restore_row` (a reason, audited as `restore`) and then its table's own checks, inside
//! one savepoint, so a refused restore changes nothing.
//!
//! Party branches (`party_branches`) are voided through their own form and 暂不提醒 dismissals are
//! withdrawn rather than voided; neither is restored here.

use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::records;
use crate::tables::subsidies;
use rusqlite::{Connection, OptionalExtension};

pub fn restore_campaign(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "campaigns",
            "campaign",
            id,
            reason,
            "找不到这条已作废的慰问活动，可能已被恢复。请刷新列表。",
            "",
        )
    })
}

pub fn restore_activity(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "activities",
            "activity",
            id,
            reason,
            "找不到这条已作废的活动记录，可能已被恢复。请刷新列表。",
            "",
        )
    })
}

/// A medal comes back only for a person still on the roster who has no other medal record (one
/// per person: the unique index refuses a second).
pub fn restore_medal(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "medals",
            "medal",
            id,
            reason,
            "找不到这条已作废的纪念章颁发记录，可能已被恢复。请刷新列表。",
            "不能恢复：这位老同志已有一条有效的纪念章颁发记录，每人只颁发一次。请核对后再操作。",
        )?;
        person_on_roster(conn, "medals", id, "纪念章颁发记录")
    })
}

/// A 五必访 case comes back only for a person still on the roster.
pub fn restore_must_visit_case(
    conn: &Connection,
    stamp: &Stamp,
    id: i64,
    reason: &str,
) -> Result<()> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "must_visit_cases",
            "must_visit_case",
            id,
            reason,
            "找不到这条已作废的五必访记录，可能已被恢复。请刷新列表。",
            "",
        )?;
        person_on_roster(conn, "must_visit_cases", id, "五必访记录")
    })
}

/// Restores a voided batch and the payments its void took with it (those voided `整批作废：…`),
/// each through the payment's own restore and checks; payments voided one by one before stay
/// voided. All or nothing: one payment that cannot come back keeps the whole batch voided.
/// Returns how many payments came back.
pub fn restore_subsidy_batch(
    conn: &Connection,
    stamp: &Stamp,
    batch_id: i64,
    reason: &str,
) -> Result<u32> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "subsidy_batches",
            "subsidy_batch",
            batch_id,
            reason,
            "找不到这批已作废的补贴发放，可能已被恢复。请刷新列表。",
            "",
        )?;
        let ids: Vec<i64> = conn
            .prepare_cached(
                "SELECT id FROM subsidies WHERE batch_id = ?1 AND voided_at IS NOT NULL
                 AND void_reason LIKE '整批作废：%' ORDER BY id",
            )?
            .query_map([batch_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &ids {
            subsidies::restore(conn, stamp, *id, &format!("整批恢复：{reason}"))?;
        }
        Ok(ids.len() as u32)
    })
}

/// Refuses a restore whose person has been voided from the roster since.
fn person_on_roster(conn: &Connection, table: &str, id: i64, what: &str) -> Result<()> {
    let voided: Option<bool> = conn
        .query_row(
            &format!(
                "SELECT p.voided_at IS NOT NULL FROM {table} r JOIN people p ON p.id = r.person_id
                 WHERE r.id = ?1"
            ),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if voided == Some(true) {
        return Err(Error::invalid(format!(
            "不能恢复：这位老同志已从花名册作废。请先在花名册的已作废记录中恢复此人，再恢复这条{what}。"
        )));
    }
    Ok(())
}
