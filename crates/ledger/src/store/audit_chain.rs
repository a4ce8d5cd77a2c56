//! The tamper-evident audit trail's chain: every entry of `audit_log` carries `prev_hash`, the hash
//! of the entry before it, and `hash`, a SHA-256 of its id, its content and `prev_hash`; this module
//! writes entries onto the chain ([`append`]) and seals the entries older than the chain. Checking
//! the chain and the records against it is a report: `reports::audit_check`.

use crate::domain::stamp::Stamp;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// The migration that adds the chain; [`seal_existing`] runs as its hook.
pub const MIGRATION: &str = include_str!("../../migrations/006_audit_chain.sql");

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "";

/// One audit entry's stored columns.
pub(crate) struct Row {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub changes: String,
    pub reason: Option<String>,
}

/// SHA-256 (hex) of an entry's id, content and the previous hash. Each part is length-prefixed so
/// that no two different entries write the same bytes.
pub(crate) fn entry_hash(prev: &str, row: &Row) -> String {
    let mut h = Sha256::new();
    let mut part = |bytes: Option<&[u8]>| match bytes {
        None => h.update([0u8]),
        Some(b) => {
            h.update([1u8]);
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        }
    };
    part(Some(prev.as_bytes()));
    part(Some(row.id.to_string().as_bytes()));
    part(Some(row.at.as_bytes()));
    part(Some(row.actor.as_bytes()));
    part(Some(row.entity.as_bytes()));
    let entity_id = row.entity_id.map(|i| i.to_string());
    part(entity_id.as_deref().map(str::as_bytes));
    part(Some(row.action.as_bytes()));
    part(Some(row.changes.as_bytes()));
    part(row.reason.as_deref().map(str::as_bytes));
    let digest = h.finalize();
    let mut hex = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// Appends one entry to the chain (the one way the program writes `audit_log`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn append(
    conn: &Connection,
    stamp: &Stamp,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    changes: &str,
    reason: Option<&str>,
) -> Result<()> {
    let last: Option<(i64, Option<String>)> = conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (last_id, prev) =
        last.map(|(id, h)| (id, h.unwrap_or_default())).unwrap_or((0, GENESIS.into()));
    let row = Row {
        id: last_id + 1,
        at: stamp.at(),
        actor: stamp.actor.clone(),
        entity: entity.into(),
        entity_id,
        action: action.into(),
        changes: changes.into(),
        reason: reason.map(str::to_string),
    };
    let hash = entry_hash(&prev, &row);
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes, reason, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(rusqlite::params![
        row.id, row.at, row.actor, row.entity, row.entity_id, row.action, row.changes, row.reason,
        prev, hash
    ])?;
    Ok(())
}

pub(crate) fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        action: r.get(5)?,
        changes: r.get(6)?,
        reason: r.get(7)?,
    })
}

pub(crate) const ROW_COLUMNS: &str = "id, at, actor, entity, entity_id, action, changes, reason";

/// The hook of [`MIGRATION`]: chains the entries written before it, in id order, once.
pub fn seal_existing(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    let rows: Vec<Row> = {
        let mut stmt = tx.prepare(&format!("SELECT {ROW_COLUMNS} FROM audit_log ORDER BY id"))?;
        let rows = stmt.query_map([], read_row)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = tx.prepare("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
    let mut prev = GENESIS.to_string();
    for row in &rows {
        let hash = entry_hash(&prev, row);
        update.execute(rusqlite::params![prev, hash, row.id])?;
        prev = hash;
    }
    Ok(())
}
