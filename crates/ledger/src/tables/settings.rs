//! Unit settings (填报单位, 单位负责人, 审核人, 填表人, 联系电话), kept as key/value rows.

use crate::domain::model::UnitSettings;
use crate::domain::stamp::Stamp;
use crate::error::Result;
use crate::store::audit;
use rusqlite::{Connection, OptionalExtension};

const KEYS: [&str; 5] = ["unit_name", "head", "reviewer", "preparer", "phone"];

pub fn get(conn: &Connection) -> Result<UnitSettings> {
    let value = |key: &str| -> Result<String> {
        Ok(conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    };
    Ok(UnitSettings {
        unit_name: value(KEYS[0])?,
        head: value(KEYS[1])?,
        reviewer: value(KEYS[2])?,
        preparer: value(KEYS[3])?,
        phone: value(KEYS[4])?,
    })
}

pub fn save(conn: &Connection, stamp: &Stamp, new: &UnitSettings) -> Result<()> {
    let old = get(conn)?;
    let normalized = UnitSettings {
        unit_name: crate::domain::text::normalize(&new.unit_name),
        head: crate::domain::text::normalize(&new.head),
        reviewer: crate::domain::text::normalize(&new.reviewer),
        preparer: crate::domain::text::normalize(&new.preparer),
        phone: crate::domain::text::normalize_value(&new.phone),
    };
    let values = [
        &normalized.unit_name,
        &normalized.head,
        &normalized.reviewer,
        &normalized.preparer,
        &normalized.phone,
    ];
    for (key, value) in KEYS.iter().zip(values) {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value.as_str()],
        )?;
    }
    let changes = audit::diff(&old, &normalized);
    if !changes.is_empty() {
        audit::record(conn, stamp, "settings", None, "update", &changes, None)?;
    }
    Ok(())
}

/// A flag kept in the settings table (e.g. whether the welcome step has been completed).
pub fn get_flag(conn: &Connection, key: &str) -> Result<bool> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    Ok(v.as_deref() == Some("1"))
}

pub fn set_flag(conn: &Connection, key: &str, on: bool) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, if on { "1" } else { "0" }],
    )?;
    Ok(())
}
