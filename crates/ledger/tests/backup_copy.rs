//! Backups on real ledger files: the copy to the folder the clerk chose (present, absent, rotated
//! there too) and the backup on a clean exit, made only when the ledger changed since the newest one.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::{NaiveDate, NaiveDateTime};
use ledger::domain::model::{PersonFields, PersonInput};
use ledger::store::backup::{self, check_file};
use ledger::store::backup_copy;
use ledger::tables::people;
use ledger::{Ledger, Stamp};
use std::path::Path;

fn at(d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
}

fn stamp(now: NaiveDateTime) -> Stamp {
    Stamp { actor: "李干事".into(), now }
}

fn add(ledger: &Ledger, name: &str, now: NaiveDateTime) {
    let fields = PersonFields { name: name.into(), ..Default::default() };
    people::insert(ledger.conn(), &stamp(now), &PersonInput { fields, family: vec![] }).unwrap();
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn each_backup_is_copied_whole_to_the_chosen_folder_when_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let ledger = Ledger::open(&path).unwrap();
    add(&ledger, "张三", at(1, 9));
    let usb = dir.path().join("U盘");
    backup_copy::set_folder(ledger.conn(), &stamp(at(1, 9)), Some(&usb)).unwrap();

    // The stick is not plugged in: the backup is made, nothing fails, the page says why.
    let first = backup::create(&ledger, backup::MANUAL, at(1, 10)).unwrap().unwrap();
    assert!(first.ok);
    let status = backup::copy_status(ledger.conn(), &path).unwrap();
    assert_eq!(status.folder, usb.display().to_string());
    assert!(status.problem.contains("找不到"), "{status:?}");
    assert_eq!((status.last_copy.as_str(), status.copies), ("", 0));

    // Plugged in: the next backup goes there too, whole, with its manifest and no leftovers.
    std::fs::create_dir(&usb).unwrap();
    add(&ledger, "李四", at(2, 9));
    let second = backup::create(&ledger, backup::BEFORE_IMPORT, at(2, 10)).unwrap().unwrap();
    let name = Path::new(&second.path).file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(names_in(&usb), vec![name.clone(), name.replace(".db", ".json")]);
    assert_eq!(check_file(&usb.join(&name)).unwrap().people, 2);
    let status = backup::copy_status(ledger.conn(), &path).unwrap();
    assert_eq!(status.problem, "");
    assert_eq!((status.last_copy.as_str(), status.copies), ("2026-12-02 10:00:00", 1));
    // The copy is byte for byte the backup.
    assert_eq!(std::fs::read(&second.path).unwrap(), std::fs::read(usb.join(&name)).unwrap());
}

#[test]
fn the_chosen_folder_is_rotated_by_the_same_policy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let ledger = Ledger::open(&path).unwrap();
    add(&ledger, "张三", at(1, 8));
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    backup_copy::set_folder(ledger.conn(), &stamp(at(1, 8)), Some(&usb)).unwrap();
    // Three daily backups on one day: the day keeps its newest, here as at home.
    for h in [9, 10, 11] {
        backup::create(&ledger, backup::DAILY, at(1, h)).unwrap();
    }
    let home = backup::list(&path);
    assert_eq!(home.len(), 1);
    assert_eq!(names_in(&usb).len(), 2, "one .db and its manifest: {:?}", names_in(&usb));
    assert_eq!(backup::copy_status(ledger.conn(), &path).unwrap().last_copy, home[0].at);
}

#[test]
fn a_restore_keeps_the_chosen_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let mut ledger = Ledger::open(&path).unwrap();
    add(&ledger, "张三", at(1, 8));
    let old = backup::create(&ledger, backup::MANUAL, at(1, 9)).unwrap().unwrap();
    let usb = dir.path().join("usb");
    backup_copy::set_folder(ledger.conn(), &stamp(at(1, 10)), Some(&usb)).unwrap();
    backup::restore(&mut ledger, Path::new(&old.path), &stamp(at(1, 11))).unwrap();
    assert_eq!(backup_copy::folder(ledger.conn()).unwrap(), Some(usb));
}

#[test]
fn a_clean_exit_backs_up_only_what_changed_since_the_newest_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let ledger = Ledger::open(&path).unwrap();
    // An empty ledger has nothing to keep.
    assert!(!backup::changed_since_newest(&ledger).unwrap());
    assert!(backup::on_exit_if_changed(&ledger, at(1, 17)).unwrap().is_none());

    add(&ledger, "张三", at(1, 9));
    assert!(backup::changed_since_newest(&ledger).unwrap(), "no backup yet");
    let daily = backup::daily_if_due(&ledger, at(1, 9)).unwrap().unwrap();
    assert!(!backup::changed_since_newest(&ledger).unwrap(), "just backed up");
    assert!(backup::on_exit_if_changed(&ledger, at(1, 17)).unwrap().is_none());

    add(&ledger, "李四", at(1, 10));
    assert!(backup::changed_since_newest(&ledger).unwrap());
    let exit = backup::on_exit_if_changed(&ledger, at(1, 17)).unwrap().unwrap();
    assert_eq!((exit.reason.as_str(), exit.contents.people), (backup::ON_EXIT, 2));
    assert!(!backup::changed_since_newest(&ledger).unwrap());
    assert!(backup::on_exit_if_changed(&ledger, at(1, 18)).unwrap().is_none(), "twice: once");

    // A reveal is a change the trail records, so it is a change worth the copy.
    let id: i64 = ledger.conn().query_row("SELECT MIN(id) FROM people", [], |r| r.get(0)).unwrap();
    people::reveal(ledger.conn(), &stamp(at(1, 19)), ledger::domain::model::PersonId(id)).unwrap();
    assert!(backup::changed_since_newest(&ledger).unwrap());

    // An exit copy rotates like a daily one: the day keeps its newest, and the next open on the
    // same day makes no daily copy.
    backup::on_exit_if_changed(&ledger, at(1, 20)).unwrap().unwrap();
    let reasons: Vec<String> = backup::list(&path).into_iter().map(|b| b.reason).collect();
    assert_eq!(reasons, vec![backup::ON_EXIT.to_string()], "{daily:?}");
    assert!(backup::daily_if_due(&ledger, at(1, 21)).unwrap().is_none());
}
