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

/// Where the idle time before the window locks is kept (issue 12, with the operators).
const IDLE_LOCK_KEY: &str = "idle_lock_minutes";

/// Minutes without mouse or keyboard before the window locks, when the unit has not chosen.
pub const IDLE_LOCK_DEFAULT: u32 = 10;

/// The settings page's label and one-line description of the idle lock.
pub const IDLE_LOCK_LABEL: &str = "无操作自动锁定（分钟）";
pub const IDLE_LOCK_HELP: &str =
    "设有操作员时，这么多分钟没有操作就锁定窗口，需重新选择操作员登录；0 表示不锁定（默认10分钟）";

/// Minutes without activity before the app locks (0: never); only used when operators exist.
pub fn idle_lock_minutes(conn: &Connection) -> Result<u32> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [IDLE_LOCK_KEY], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(IDLE_LOCK_DEFAULT))
}

/// Sets the idle minutes (0 to 480), audited as a change of the setting.
pub fn set_idle_lock_minutes(conn: &Connection, stamp: &Stamp, minutes: u32) -> Result<()> {
    if minutes > 480 {
        return Err(crate::error::Error::invalid(
            "自动锁定的分钟数不合理，请填写0到480之间的分钟数（0 表示不锁定）。",
        ));
    }
    let old = idle_lock_minutes(conn)?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [IDLE_LOCK_KEY, &minutes.to_string()],
    )?;
    if old != minutes {
        let change = audit::FieldChange {
            field: IDLE_LOCK_KEY.into(),
            old: old.into(),
            new: minutes.into(),
        };
        audit::record(conn, stamp, "settings", None, "update", &[change], None)?;
    }
    Ok(())
}

#[cfg(test)]
mod idle_lock_tests {
    use super::*;
    use crate::testing::{ledger, stamp};

    #[test]
    fn the_idle_lock_defaults_to_ten_minutes_and_is_audited_when_changed() {
        let l = ledger();
        let conn = l.conn();
        assert_eq!(idle_lock_minutes(conn).unwrap(), IDLE_LOCK_DEFAULT);
        set_idle_lock_minutes(conn, &stamp(), 0).unwrap();
        assert_eq!(idle_lock_minutes(conn).unwrap(), 0);
        set_idle_lock_minutes(conn, &stamp(), 0).unwrap();
        assert!(set_idle_lock_minutes(conn, &stamp(), 481).is_err());
        let logged: Vec<String> = conn
            .prepare("SELECT changes FROM audit_log WHERE entity = 'settings'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(logged.len(), 1, "only a real change is logged");
        assert!(logged[0].contains("idle_lock_minutes"));
    }
}
