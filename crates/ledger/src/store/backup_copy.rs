//! The backup folder the clerk chooses (a USB stick or a network share): where it is kept, whether
//! it can be written now, and copying one verified backup into it whole.
//!
//! The folder is a setting of the ledger (`settings` row [`FOLDER_KEY`]); the app's shell picks it
//! with a native dialog, the page never sends a path. After each backup [`crate::store::backup`]
//! copies the new file here when the folder is present and writable, with the same rule as the
//! backup itself: a hidden temporary name, fsync, the copy checked, its manifest, then the rename. An
//! absent folder (the stick is not plugged in) makes nothing fail: the settings page says so.
//!
//! This module sits under `backup` (which calls it), so it knows nothing of backups' names or rules.

use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit::{self, FieldChange};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// The settings row that holds the chosen folder (absent or empty: none chosen).
pub const FOLDER_KEY: &str = "backup_copy_folder";

/// The chosen folder, if any.
pub fn folder(conn: &Connection) -> Result<Option<PathBuf>> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [FOLDER_KEY], |r| r.get(0))
        .optional()?;
    Ok(v.filter(|v| !v.trim().is_empty()).map(PathBuf::from))
}

/// Sets (or with `None` clears) the chosen folder, audited as a settings change.
pub fn set_folder(conn: &Connection, stamp: &Stamp, new: Option<&Path>) -> Result<()> {
    let old = folder(conn)?.map(|p| p.display().to_string()).unwrap_or_default();
    let new = new.map(|p| p.display().to_string()).unwrap_or_default();
    if old == new {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [FOLDER_KEY, new.as_str()],
    )?;
    let change = FieldChange { field: FOLDER_KEY.into(), old: old.into(), new: new.into() };
    audit::record(conn, stamp, "settings", None, "update", &[change], None)
}

/// Why a copy cannot go to `dir` now, as a plain Chinese line; `None` when it can.
pub fn unavailable(dir: &Path) -> Option<String> {
    match std::fs::metadata(dir) {
        Err(_) => Some(format!(
            "备份文件夹 {} 现在找不到（U盘未插入或网络共享未连接）。插好后，下次备份会自动复制过去。",
            dir.display()
        )),
        Ok(m) if !m.is_dir() => {
            Some(format!("{} 不是文件夹。请在设置中重新选择备份文件夹。", dir.display()))
        }
        Ok(_) => {
            // Writable is known only by writing: a small hidden file, removed at once.
            let probe = dir.join(".cadre-ledger-probe.tmp");
            match std::fs::write(&probe, b"") {
                Ok(()) => {
                    let _ = std::fs::remove_file(&probe);
                    None
                }
                Err(e) => Some(format!(
                    "备份文件夹 {} 无法写入（{e}）。请检查U盘是否写保护或共享是否有写权限。",
                    dir.display()
                )),
            }
        }
    }
}

/// Copies the file `src` (with its manifest `src.json`, when there is one) to `dest` whole: a
/// hidden temporary name, fsync, `check` on the copy, the manifest written whole, then the rename.
/// Nothing is left under `dest`'s name unless the copy passed `check`.
pub fn copy_verified(
    src: &Path,
    dest: &Path,
    check: impl Fn(&Path) -> std::result::Result<(), String>,
) -> Result<()> {
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dest.with_file_name(format!(".{name}.tmp"));
    let failed = |what: String| {
        let _ = std::fs::remove_file(&tmp);
        Error::File(format!(
            "复制备份到 {} 失败：{what}。本机的备份不受影响；请检查U盘或共享文件夹。",
            dest.display()
        ))
    };
    std::fs::copy(src, &tmp).map_err(|e| failed(e.to_string()))?;
    fsync(&tmp).map_err(|e| failed(e.to_string()))?;
    check(&tmp).map_err(&failed)?;
    let manifest = src.with_extension("json");
    if manifest.exists() {
        let json_dest = dest.with_extension("json");
        let json_tmp = dest.with_file_name(format!(".{name}.json.tmp"));
        let written = std::fs::copy(&manifest, &json_tmp)
            .and_then(|_| fsync(&json_tmp))
            .and_then(|()| std::fs::rename(&json_tmp, &json_dest));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&json_tmp);
            return Err(failed(e.to_string()));
        }
    }
    std::fs::rename(&tmp, dest).map_err(|e| failed(e.to_string()))?;
    #[cfg(unix)]
    if let Some(Ok(d)) = dest.parent().map(std::fs::File::open) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn fsync(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().read(true).write(true).open(path)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db::Ledger;

    #[test]
    fn the_folder_is_a_setting_audited_and_an_absent_folder_is_said_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
        assert_eq!(folder(ledger.conn()).unwrap(), None);
        let stamp = Stamp {
            actor: "测试".into(),
            now: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        };
        let usb = dir.path().join("usb");
        set_folder(ledger.conn(), &stamp, Some(&usb)).unwrap();
        assert_eq!(folder(ledger.conn()).unwrap(), Some(usb.clone()));
        let n: i64 = ledger
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'settings' AND changes LIKE ?1",
                [format!("%{FOLDER_KEY}%")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
        assert!(unavailable(&usb).unwrap().contains("找不到"));
        std::fs::create_dir(&usb).unwrap();
        assert_eq!(unavailable(&usb), None);
        set_folder(ledger.conn(), &stamp, None).unwrap();
        assert_eq!(folder(ledger.conn()).unwrap(), None);
    }
}
