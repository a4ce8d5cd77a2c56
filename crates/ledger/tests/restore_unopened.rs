//! The 无法打开 screen's 从备份恢复 on real files: a ledger file that cannot be opened at all (0
//! bytes, or not a ledger) is replaced by a chosen backup; the unopenable file is kept, the restored
//! ledger opens and says so in its audit trail.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::{NaiveDate, NaiveDateTime};
use ledger::domain::model::{PersonFields, PersonInput};
use ledger::store::{backup, opening};
use ledger::tables::people;
use ledger::{Ledger, Stamp};
use std::path::Path;

fn at(h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(h, 0, 0).unwrap()
}

fn stamp(now: NaiveDateTime) -> Stamp {
    Stamp { actor: "李干事".into(), now }
}

fn ledger_with_backup(path: &Path) -> backup::BackupInfo {
    let ledger = Ledger::open(path).unwrap();
    for name in ["张三", "李四"] {
        let fields = PersonFields { name: name.into(), ..Default::default() };
        people::insert(ledger.conn(), &stamp(at(8)), &PersonInput { fields, family: vec![] })
            .unwrap();
    }
    backup::create(&ledger, backup::MANUAL, at(9)).unwrap().unwrap()
}

#[test]
fn a_zero_byte_ledger_is_restored_from_a_chosen_backup_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let good = ledger_with_backup(&path);
    // What a killed copy leaves: the ledger emptied to 0 bytes, a stale -wal beside it.
    std::fs::write(&path, b"").unwrap();
    std::fs::write(dir.path().join("ledger.db-wal"), b"stale").unwrap();
    let refused = opening::open_existing(&path).err().unwrap();
    assert!(refused.to_string().contains("0 字节"), "{refused}");
    // The screen lists the backups without opening the ledger.
    let listed = backup::list(&path);
    assert_eq!(listed[0].path, good.path);

    let (ledger, restored) =
        backup::restore_unopened(&path, Path::new(&good.path), &stamp(at(10))).unwrap();
    assert_eq!(restored.contents.people, 2);
    let kept = restored.before.unwrap();
    assert!(kept.path.ends_with("恢复前-已损坏.db"), "{}", kept.path);
    assert_eq!(
        std::fs::metadata(&kept.path).unwrap().len(),
        0,
        "the 0-byte file is kept as it was"
    );
    assert!(
        !dir.path().join("ledger.db-wal").exists() || {
            // The restored ledger is in WAL mode again: its own -wal, not the stale one.
            std::fs::read(dir.path().join("ledger.db-wal")).unwrap() != b"stale"
        }
    );
    let action: String = ledger
        .conn()
        .query_row("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(action, "restore");
    drop(ledger);
    let reopened = opening::open_existing(&path).unwrap();
    assert!(reopened.damage.is_none());
    assert_eq!(backup::contents(reopened.ledger.conn()).unwrap().people, 2);
}

#[test]
fn a_foreign_file_is_kept_and_a_broken_backup_is_refused_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let good = ledger_with_backup(&path);
    let foreign = b"PK\x03\x04 this is a spreadsheet someone saved as ledger.db".repeat(100);
    std::fs::write(&path, &foreign).unwrap();
    assert!(opening::open_existing(&path).is_err());

    // A half backup is refused, and the ledger file is left exactly as it was.
    let half = dir.path().join("backups").join("ledger-20261203-080000-手动.db");
    let whole = std::fs::read(&good.path).unwrap();
    std::fs::write(&half, &whole[..whole.len() / 2]).unwrap();
    let err = backup::restore_unopened(&path, &half, &stamp(at(10))).err().unwrap();
    assert!(err.to_string().contains("不能用这个文件恢复"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), foreign);

    let (_, restored) =
        backup::restore_unopened(&path, Path::new(&good.path), &stamp(at(11))).unwrap();
    assert_eq!(std::fs::read(restored.before.unwrap().path).unwrap(), foreign);
    assert_eq!(opening::open_existing(&path).unwrap().ledger.path(), Some(path.as_path()));
}
