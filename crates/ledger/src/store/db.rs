//! The one place that opens the ledger: pragmas, migrations, transactions.
//!
//! Every connection — the app's, the command-line tool's, every test's — goes through [`Ledger::open`]
//! or [`Ledger::open_in_memory`], so durability settings can never be forgotten.

use crate::error::{Error, Result};
use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};

/// Numbered, embedded, forward-only. Never edit a migration that has shipped: add a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/001_roster.sql"),
    include_str!("../../migrations/002_search_index.sql"),
    include_str!("../../migrations/003_work_ledgers.sql"),
    include_str!("../../migrations/004_activity_participants_kept.sql"),
    include_str!("../../migrations/005_reminders.sql"),
    crate::store::audit_chain::MIGRATION,
    include_str!("../../migrations/007_party_branches.sql"),
    include_str!("../../migrations/008_audit_log_filters.sql"),
    include_str!("../../migrations/009_visit_made_by.sql"),
    include_str!("../../migrations/010_people_branch.sql"),
    include_str!("../../migrations/011_operators.sql"),
    include_str!("../../migrations/012_management_status.sql"),
    include_str!("../../migrations/013_people_reminder_facts.sql"),
    include_str!("../../migrations/014_visits_period_figures.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .map(|sql| {
                if *sql == crate::store::audit_chain::MIGRATION {
                    // Chains the entries written before it.
                    M::up_with_hook(sql, crate::store::audit_chain::seal_existing)
                } else {
                    M::up(sql)
                }
            })
            .collect(),
    )
}

/// The schema version a fully migrated ledger has.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

pub use crate::domain::stamp::Stamp;

pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
    /// The password the file was opened with; `None` for a plain ledger (see `store::crypt`).
    key: Option<String>,
}

impl Ledger {
    /// Opens (creating if needed) the ledger file, sets WAL, `synchronous=FULL`, `foreign_keys=ON`,
    /// and brings the schema up to date. A file newer than this program is refused, not touched.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with_key(path, None)
    }

    /// [`Ledger::open`] for a ledger that may be encrypted: `key` is given to SQLCipher first thing
    /// when the file is encrypted (or new); a plain file ignores it. A wrong key fails here.
    pub fn open_with_key(path: &Path, key: Option<&str>) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                Error::File(format!("无法创建台账所在文件夹 {}：{e}", dir.display()))
            })?;
        }
        let conn = Connection::open(path).map_err(|e| {
            Error::Database(format!("无法打开台账文件 {}：{e}。请检查路径和权限。", path.display()))
        })?;
        let key = crate::store::cipher::key_for(path, key);
        if let Some(k) = &key {
            crate::store::cipher::apply_key(&conn, k)?;
        }
        let mut ledger = Self::setup(conn, Some(path.to_path_buf()))?;
        ledger.key = key;
        Ok(ledger)
    }

    /// Opens the ledger file read-only, as it is: no pragmas written, no migrations. For a damaged
    /// ledger, so it can be read (and backed up by copying) but never written (see [`crate::store::opening`]).
    pub fn open_read_only(path: &Path) -> Result<Self> {
        Self::open_read_only_with_key(path, None)
    }

    /// [`Ledger::open_read_only`] for a ledger that may be encrypted.
    pub fn open_read_only_with_key(path: &Path, key: Option<&str>) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| {
            Error::Database(format!("无法打开台账文件 {}：{e}。请检查路径和权限。", path.display()))
        })?;
        let key = crate::store::cipher::key_for(path, key);
        if let Some(k) = &key {
            crate::store::cipher::apply_key(&conn, k)?;
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Self { conn, path: Some(path.to_path_buf()), key })
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
        Ok(Self { conn, path, key: None })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The password of an encrypted ledger, `None` for a plain one.
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
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
}

#[cfg(test)]
pub(crate) mod tests_support {
    /// Brings a bare connection to an earlier schema version, as an older build left it.
    pub fn migrate_to(conn: &mut rusqlite::Connection, version: usize) {
        super::migrations().to_version(conn, version).expect("earlier schema");
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
    fn backups_are_consistent_copies() {
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
        let first = ledger.backup_before("导入前", base).unwrap().unwrap();
        let second = ledger.backup_before("导入前", base).unwrap().unwrap();
        assert_ne!(first, second, "two backups in one second get two names");
        let copy = Ledger::open(&second).unwrap();
        let v: String =
            copy.conn().query_row("SELECT value FROM settings", [], |r| r.get(0)).unwrap();
        assert_eq!(v, "审计局");
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
