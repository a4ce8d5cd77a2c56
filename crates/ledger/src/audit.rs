//! The audit log: who changed what and when, with old and new values (DOMAIN.md rule 10).

use crate::db::Stamp;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    #[ts(type = "unknown")]
    pub old: Value,
    #[ts(type = "unknown")]
    pub new: Value,
}

/// One entry of the log as shown to the clerk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub entity: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    pub action: String,
    pub changes: Vec<FieldChange>,
    pub reason: Option<String>,
}

/// The fields that differ between two serialisable values (compared as JSON objects).
pub fn diff<T: Serialize>(old: &T, new: &T) -> Vec<FieldChange> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) =
        (serde_json::to_value(old), serde_json::to_value(new))
    else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    for (field, new_value) in &new {
        let old_value = old.get(field).cloned().unwrap_or(Value::Null);
        if &old_value != new_value {
            changes.push(FieldChange {
                field: field.clone(),
                old: old_value,
                new: new_value.clone(),
            });
        }
    }
    changes
}

/// Every field of a new record, as changes from nothing.
pub fn created<T: Serialize>(new: &T) -> Vec<FieldChange> {
    let Ok(Value::Object(new)) = serde_json::to_value(new) else { return Vec::new() };
    new.into_iter()
        .filter(|(_, v)| !matches!(v, Value::Null) && v != &Value::String(String::new()))
        .map(|(field, new)| FieldChange { field, old: Value::Null, new })
        .collect()
}

pub fn record(
    conn: &rusqlite::Connection,
    stamp: &Stamp,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    changes: &[FieldChange],
    reason: Option<&str>,
) -> Result<()> {
    let changes = serde_json::to_string(changes).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, changes, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        stamp.at(),
        stamp.actor,
        entity,
        entity_id,
        action,
        changes,
        reason
    ])?;
    Ok(())
}

/// The log of one record, newest first.
pub fn list_for(
    conn: &rusqlite::Connection,
    entity: &str,
    entity_id: i64,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT at, actor, entity, entity_id, action, changes, reason FROM audit_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map(rusqlite::params![entity, entity_id], |r| {
        let changes: String = r.get(5)?;
        Ok(AuditEntry {
            at: r.get(0)?,
            actor: r.get(1)?,
            entity: r.get(2)?,
            entity_id: r.get(3)?,
            action: r.get(4)?,
            changes: serde_json::from_str(&changes).unwrap_or_default(),
            reason: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
