//! The drawer's person on a real ledger file: ID, phone and address come masked; a form saved with
//! them still masked keeps the stored values; a changed value is saved; the reveal is logged and
//! shows in the 修改记录.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::domain::model::{PersonFields, PersonInput};
use ledger::reports::audit_log::{self, AuditQuery};
use ledger::tables::{people, people_masked};
use ledger::{Ledger, PartialDate, Stamp};

#[test]
fn the_drawer_shows_masked_values_until_a_logged_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let conn = ledger.conn();
    let stamp = Stamp {
        actor: "李干事".into(),
        now: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    };
    let fields = PersonFields {
        name: "张三".into(),
        birth: PartialDate::parse("1945-10").ok(),
        id_number: "110105194510030017".into(),
        phone: "13812345678".into(),
        emergency_phone: "13900002222".into(),
        address: "北京市东城区和平里街道3号楼2单元501".into(),
        ..Default::default()
    };
    let id =
        people::insert(conn, &stamp, &PersonInput { fields, family: vec![] }).unwrap().person.id;

    let shown = people_masked::get(conn, id).unwrap();
    assert_eq!(shown.fields.id_number, "110105********0017");
    assert_eq!(shown.fields.phone, "138****5678");
    assert_eq!(shown.fields.emergency_phone, "139****2222");
    assert_eq!(shown.fields.address, "北京市东城区****");

    // Saved as shown, with only the name changed: the stored values stay.
    let mut form = PersonInput { fields: shown.fields.clone(), family: shown.family.clone() };
    form.fields.name = "张三丰".into();
    let saved = people_masked::update(conn, &stamp, id, &form).unwrap();
    assert_eq!(saved.person.fields.phone, "138****5678", "the saved person comes back masked");
    let stored = people::get(conn, id).unwrap().fields;
    assert_eq!(
        (stored.name.as_str(), stored.id_number.as_str(), stored.phone.as_str()),
        ("张三丰", "110105194510030017", "13812345678")
    );
    assert_eq!(stored.address, "北京市东城区和平里街道3号楼2单元501");
    assert_eq!(stored.emergency_phone, "13900002222");

    // The form checks as the stored values, and its normalised fields stay masked.
    let v = people_masked::validate(conn, id, &form.fields).unwrap();
    assert!(v.errors.is_empty(), "{:?}", v.errors);
    assert_eq!(v.fields.id_number, "110105********0017");

    // A value the clerk changed is saved.
    form.fields.phone = "13900001111".into();
    people_masked::update(conn, &stamp, id, &form).unwrap();
    assert_eq!(people::get(conn, id).unwrap().fields.phone, "13900001111");

    // The reveal gives the full values and is in the 修改记录, by its operator.
    let contact = people::reveal(conn, &stamp, id).unwrap();
    assert_eq!(contact.address, "北京市东城区和平里街道3号楼2单元501");
    assert_eq!(contact.emergency_phone, "13900002222");
    let log =
        audit_log::page(conn, &AuditQuery { person_id: Some(id), ..Default::default() }).unwrap();
    let newest = &log.rows[0];
    assert_eq!((newest.action_label.as_str(), newest.actor.as_str()), ("查看完整信息", "李干事"));
    // The update stored the name and the phone typed, never a masked value; 修改记录 shows the
    // phone masked.
    let stored: Vec<String> = conn
        .prepare("SELECT COALESCE(changes, '') FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(stored.iter().all(|c| !c.contains("****")), "{stored:?}");
    let shown: Vec<String> = log
        .rows
        .iter()
        .flat_map(|r| r.lines.iter().map(|l| format!("{}{}", l.old, l.new)))
        .collect();
    assert!(shown.iter().all(|c| !c.contains("13900001111")), "{shown:?}");
}
