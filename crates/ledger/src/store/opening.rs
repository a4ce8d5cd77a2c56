//! Opening a ledger the clerk already has, with checks (issue 12): a missing or empty file is never
//! silently turned into a new empty ledger (only `init` and the app's welcome step create one), and a
//! damaged ledger is opened read-only with a message that offers the newest good backup.

use crate::error::{Error, Result};
use crate::store::backup;
use crate::store::cipher as crypt;
use crate::store::db::Ledger;
use rusqlite::OpenFlags;
use std::path::Path;

/// A ledger opened by [`open_existing`].
pub struct Opened {
    pub ledger: Ledger,
    /// Set when the ledger failed its check and was opened read-only: what is wrong and what to do.
    pub damage: Option<String>,
}

/// How to offer the newest good backup, in a sentence (empty when there is none).
pub fn backup_offer(path: &Path) -> String {
    match backup::newest_good(path) {
        Some(b) => format!(
            "可以恢复最新的可用备份：{}（{}，{}，{} 人）。",
            b.path, b.at, b.reason, b.contents.people
        ),
        None => format!("在 {} 中没有找到可用的备份。", backup::folder(path).display()),
    }
}

/// Opens the ledger at `path`, which must exist and not be empty. `PRAGMA quick_check` runs on it
/// first: a damaged ledger is opened read-only (never migrated or written) and [`Opened::damage`]
/// says so. A file that is not a ledger at all is refused.
pub fn open_existing(path: &Path) -> Result<Opened> {
    open_existing_with_key(path, None)
}

/// [`open_existing`] for a ledger that may be encrypted (see `store::cipher`): an encrypted
/// file without `key`, or with a wrong one, is refused with [`Error::Locked`]. A plain file ignores `key`.
pub fn open_existing_with_key(path: &Path, key: Option<&str>) -> Result<Opened> {
    let meta = std::fs::metadata(path).map_err(|_| {
        Error::NotFound(format!(
            "找不到台账文件 {}。请检查路径是否写错；要新建台账，请在程序的欢迎页新建，或运行 cadre-ledger --db \"{}\" init。",
            path.display(),
            path.display()
        ))
    })?;
    if meta.is_dir() {
        return Err(Error::File(format!(
            "{} 是一个文件夹，不是台账文件。请指定台账文件的路径。",
            path.display()
        )));
    }
    if meta.len() == 0 {
        return Err(Error::File(format!(
            "台账文件 {} 是空的（0 字节），可能是上次写入或复制时中断。为免被当作新的空台账使用，程序没有打开它。{}",
            path.display(),
            backup_offer(path)
        )));
    }
    let encrypted = crypt::is_encrypted(path);
    if encrypted && key.is_none() {
        return Err(crypt::needs_password(path));
    }
    match quick_check(path, key) {
        Ok(()) => Ok(Opened { ledger: Ledger::open_with_key(path, key)?, damage: None }),
        Err(Check::NotALedger(_)) if encrypted => Err(crypt::wrong_password(path)),
        Err(Check::NotALedger(e)) => Err(Error::Database(format!(
            "{} 不是台账数据库，或已严重损坏（{e}）。请选择正确的台账文件。{}",
            path.display(),
            backup_offer(path)
        ))),
        Err(Check::Damaged(detail)) => {
            let ledger = Ledger::open_read_only_with_key(path, key)?;
            let damage = format!(
                "台账文件 {} 已损坏（完整性检查：{detail}）。为保护现有数据，台账以只读方式打开，不能保存任何修改。{}恢复前程序会先保留损坏的文件。",
                path.display(),
                backup_offer(path)
            );
            Ok(Opened { ledger, damage: Some(damage) })
        }
    }
}

enum Check {
    NotALedger(String),
    Damaged(String),
}

/// `PRAGMA quick_check` before the program writes anything to the file. The connection may write
/// (never creates): a ledger whose program was killed has a -wal file that SQLite must recover when
/// it is first opened, and a read-only connection cannot.
fn quick_check(path: &Path, key: Option<&str>) -> std::result::Result<(), Check> {
    let conn = crypt::open_conn(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| Check::NotALedger(e.to_string()))?;
    let _ = conn.busy_timeout(std::time::Duration::from_secs(5));
    let result: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA quick_check(3)")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match result {
        Ok(lines) if lines == ["ok"] => Ok(()),
        Ok(lines) => Err(Check::Damaged(lines.join("；"))),
        Err(e) if e.to_string().contains("not a database") => Err(Check::NotALedger(e.to_string())),
        Err(e) => Err(Check::Damaged(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{PersonFields, PersonInput};
    use crate::domain::stamp::Stamp;

    fn ledger_with_people(path: &Path, n: usize) {
        let ledger = Ledger::open(path).unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let stamp = Stamp { actor: "测试".into(), now };
        ledger.conn().execute_batch("BEGIN").unwrap();
        for i in 0..n {
            let fields = PersonFields {
                name: format!("张{i}"),
                notes: "备注".repeat(50),
                ..Default::default()
            };
            crate::tables::people::insert(
                ledger.conn(),
                &stamp,
                &PersonInput { fields, family: vec![] },
            )
            .unwrap();
        }
        ledger.conn().execute_batch("COMMIT").unwrap();
        backup::create(&ledger, backup::MANUAL, now).unwrap();
    }

    #[test]
    fn a_missing_or_empty_file_is_named_and_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("台账.db");
        let err = open_existing(&missing).err().unwrap();
        assert!(
            err.to_string().contains("找不到台账文件") && err.to_string().contains("台账.db"),
            "{err}"
        );
        assert!(!missing.exists(), "nothing created");

        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        let err = open_existing(&empty).err().unwrap();
        assert!(err.to_string().contains("0 字节"), "{err}");
        assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "left as it was");

        let garbage = dir.path().join("garbage.db");
        std::fs::write(&garbage, vec![0x5Au8; 8192]).unwrap();
        let err = open_existing(&garbage).err().unwrap();
        assert!(err.to_string().contains("不是台账数据库"), "{err}");
    }

    #[test]
    fn a_damaged_ledger_opens_read_only_and_offers_the_newest_good_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        ledger_with_people(&path, 300);
        let good = open_existing(&path).unwrap();
        assert!(good.damage.is_none());
        drop(good);

        // Scribble over pages in the middle of the file (not the header).
        let mut bytes = std::fs::read(&path).unwrap();
        let page = 4096;
        assert!(bytes.len() > 8 * page, "{}", bytes.len());
        for b in &mut bytes[3 * page..6 * page] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();

        let opened = open_existing(&path).unwrap();
        let damage = opened.damage.expect("damage is reported");
        assert!(damage.contains("已损坏") && damage.contains("只读"), "{damage}");
        assert!(damage.contains("手动") && damage.contains("300 人"), "{damage}");
        let err = opened
            .ledger
            .conn()
            .execute("INSERT INTO settings (key, value) VALUES ('a', 'b')", [])
            .unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "the damaged file is not touched");

        // Restoring the offered backup replaces it, keeping the damaged file aside.
        let mut ledger = opened.ledger;
        let newest = backup::newest_good(&path).unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let stamp = Stamp { actor: "测试".into(), now };
        let restored = backup::restore(&mut ledger, Path::new(&newest.path), &stamp).unwrap();
        assert_eq!(restored.contents.people, 300);
        let kept = restored.before.unwrap();
        assert_eq!(std::fs::read(&kept.path).unwrap(), bytes);
        drop(ledger);
        assert!(open_existing(&path).unwrap().damage.is_none());
    }
}
