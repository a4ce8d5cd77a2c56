//! The one place that opens the ledger: pragmas, migrations, transactions.
//!
//! Every connection — the app's, the command-line tool's, every test's — goes through [`Ledger::open`]
//! or [`Ledger::open_in_memory`], so durability settings can never be forgotten.

use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};

/// Numbered, embedded, forward-only. Never edit a migration that has shipped: add a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/001_roster.sql"),
    include_str!("../migrations/002_search_index.sql"),
    include_str!("../migrations/003_work_ledgers.sql"),
    include_str!("../migrations/004_activity_participants_kept.sql"),
    include_str!("../migrations/005_reminders.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version a fully migrated ledger has.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// Who makes a change and when; passed in so the core never reads the wall clock.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub actor: String,
    pub now: NaiveDateTime,
}

impl Stamp {
    /// `2026-01-05 09:00:00`. Written field by field: it is asked for twice per row written, and
    /// chrono's `format` parses its pattern on every call.
    pub fn at(&self) -> String {
        use chrono::{Datelike, Timelike};
        let n = &self.now;
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            n.year(),
            n.month(),
            n.day(),
            n.hour(),
            n.minute(),
            n.second()
        )
    }
}

pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Ledger {
    /// Opens (creating if needed) the ledger file, sets WAL, `synchronous=FULL`, `foreign_keys=ON`,
    /// and brings the schema up to date. A file newer than this program is refused, not touched.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::File(format!("无法创建台账所在文件夹 {}：{e}", dir.display()))
            })?;
        }
        let conn = Connection::open(path).map_err(|e| {
            Error::Database(format!("无法打开台账文件 {}：{e}。请检查路径和权限。", path.display()))
        })?;
        Self::setup(conn, Some(path.to_path_buf()))
    }

    pub fn open_in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // A file that is not SQLite at all fails here, before anything is written.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| {
            Error::Database(format!(
                "这个文件不是台账数据库，或已损坏（{e}）。请选择正确的台账文件。"
            ))
        })?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 16 MiB of page cache instead of SQLite's 2 MiB: an import of 100,000 people inserts into
        // three indexes in random order, and with the small cache the transaction spills pages
        // and reads them back (measured: 4.8 s → 3.9 s for that import; 64 MiB is no faster).
        conn.pragma_update(None, "cache_size", -16 * 1024)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > schema_version() as i64 {
            return Err(Error::Database(format!(
                "这个台账由更新版本的程序创建（数据版本 {version}），当前程序只支持到 {}。请升级程序后再打开。",
                schema_version()
            )));
        }
        migrations().to_latest(&mut conn)?;
        Ok(Self { conn, path })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one transaction: committed when it returns `Ok`, rolled back on `Err`.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in a transaction that is always rolled back: a dry run that sees exactly what a real
    /// run would do (constraints, duplicates) and leaves the ledger untouched.
    pub fn with_rollback<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = f(&tx);
        tx.rollback()?;
        value
    }

    /// Backs the ledger up next to itself (`backups/ledger-20261121-093000-导入前.db`) before a risky
    /// operation, keeping the newest [`KEEP_BACKUPS`]. An in-memory ledger has nothing to back up.
    pub fn backup_before(&self, label: &str, now: NaiveDateTime) -> Result<Option<PathBuf>> {
        let Some(path) = &self.path else { return Ok(None) };
        let dir = path.parent().unwrap_or(Path::new(".")).join("backups");
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let base = format!("{stem}-{}-{label}", now.format("%Y%m%d-%H%M%S"));
        // Two risky operations within one second get numbered copies rather than a clash.
        let dest = (1..)
            .map(|n| dir.join(if n == 1 { format!("{base}.db") } else { format!("{base}-{n}.db") }))
            .find(|p| !p.exists())
            .unwrap_or_else(|| dir.join(format!("{base}.db")));
        self.backup_to(&dest)?;
        prune_backups(&dir, &stem);
        Ok(Some(dest))
    }

    /// Copies the ledger to `dest` with SQLite's online backup, so the copy is consistent even while
    /// the app has the ledger open. Used before risky operations (imports).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::File(format!("无法创建备份文件夹 {}：{e}", dir.display())))?;
        }
        self.conn
            .execute("VACUUM INTO ?1", [dest.to_string_lossy().as_ref()])
            .map_err(|e| Error::File(format!("备份台账到 {} 失败：{e}", dest.display())))?;
        Ok(())
    }
}

/// How many automatic backups are kept per ledger.
pub const KEEP_BACKUPS: usize = 20;

/// Removes the oldest automatic backups beyond [`KEEP_BACKUPS`]. Best effort: a backup that cannot
/// be removed is left in place.
fn prune_backups(dir: &Path, stem: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!("{stem}-");
    let mut names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
                && p.extension().is_some_and(|e| e == "db")
        })
        .collect();
    names.sort();
    while names.len() > KEEP_BACKUPS {
        let oldest = names.remove(0);
        let _ = std::fs::remove_file(oldest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_time_is_zero_padded_to_the_second() {
        let cases = [
            ((2026, 1, 5), (9, 0, 0), "2026-01-05 09:00:00"),
            ((2026, 12, 31), (23, 59, 59), "2026-12-31 23:59:59"),
            ((999, 7, 1), (0, 5, 7), "0999-07-01 00:05:07"),
        ];
        for ((y, m, d), (h, min, sec), want) in cases {
            let now = chrono::NaiveDate::from_ymd_opt(y, m, d)
                .and_then(|d| d.and_hms_milli_opt(h, min, sec, 900))
                .unwrap();
            let stamp = Stamp { actor: String::new(), now };
            assert_eq!(stamp.at(), want);
            assert_eq!(stamp.at(), now.format("%Y-%m-%d %H:%M:%S").to_string());
        }
    }

    #[test]
    fn backups_are_consistent_copies_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
        ledger
            .with_tx(|tx| {
                Ok(tx.execute(
                    "INSERT INTO settings (key, value) VALUES ('unit_name', '审计局')",
                    [],
                )?)
            })
            .unwrap();
        let base =
            chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let mut last = None;
        for i in 0..(KEEP_BACKUPS as i64 + 3) {
            last = ledger.backup_before("导入前", base + chrono::Duration::seconds(i)).unwrap();
        }
        let copy = Ledger::open(&last.unwrap()).unwrap();
        let v: String =
            copy.conn().query_row("SELECT value FROM settings", [], |r| r.get(0)).unwrap();
        assert_eq!(v, "审计局");
        let kept = std::fs::read_dir(dir.path().join("backups"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "db"))
            .count();
        assert_eq!(kept, KEEP_BACKUPS);
    }

    #[test]
    fn rollback_leaves_nothing() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let n = ledger
            .with_rollback(|tx| {
                Ok(tx.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')", [])?)
            })
            .unwrap();
        assert_eq!(n, 1);
        let count: i64 =
            ledger.conn().query_row("SELECT COUNT(*) FROM settings", [], |r| r.get(0)).unwrap();
        assert_eq!(count, 0);
    }

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn open_sets_durable_pragmas_on_a_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("sub/ledger.db")).unwrap();
        let q = |p: &str| -> String {
            ledger
                .conn()
                .pragma_query_value(None, p, |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        assert!(q("journal_mode").contains("wal"));
        assert!(q("synchronous").contains('2'), "FULL is 2");
        assert!(q("foreign_keys").contains('1'));
    }

    #[test]
    fn migrates_from_every_earlier_version() {
        let dir = tempfile::tempdir().unwrap();
        for from in 0..schema_version() {
            let path = dir.path().join(format!("v{from}.db"));
            {
                let mut conn = Connection::open(&path).unwrap();
                migrations().to_version(&mut conn, from).unwrap();
            }
            let ledger = Ledger::open(&path).unwrap();
            let v: i64 =
                ledger.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
            assert_eq!(v, schema_version() as i64, "from version {from}");
        }
    }

    #[test]
    fn refuses_a_newer_ledger_and_garbage() {
        let dir = tempfile::tempdir().unwrap();
        let newer = dir.path().join("newer.db");
        {
            let conn = Connection::open(&newer).unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let err = Ledger::open(&newer).err().unwrap();
        assert!(err.to_string().contains("更新版本"));

        let garbage = dir.path().join("garbage.db");
        std::fs::write(&garbage, vec![0x5Au8; 8192]).unwrap();
        let err = Ledger::open(&garbage).err().unwrap();
        assert!(err.to_string().contains("不是台账数据库"), "{err}");
    }
}
