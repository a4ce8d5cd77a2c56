//! Family members (家属, 遗属) on a real ledger file: their phones and addresses come masked to the
//! drawer, the deaths page and the survivor lists; a form saved with them still masked keeps the
//! stored values; the reveal gives the full ones and each is a line of the 修改记录.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::domain::model::{FamilyMember, PersonFields, PersonInput};
use ledger::reports::audit_log::{self, AuditQuery};
use ledger::tables::{deaths, people, people_masked};
use ledger::{Ledger, PartialDate, Stamp};

const PHONE: &str = "13987654321";
const ADDRESS: &str = "北京市东城区和平里七区5号楼2单元301";

fn spouse() -> FamilyMember {
    FamilyMember {
        name: "王秀兰".into(),
        relation: "配偶".into(),
        phone: PHONE.into(),
        address: ADDRESS.into(),
        is_survivor: true,
        ..Default::default()
    }
}

#[test]
fn family_phones_and_addresses_are_masked_until_a_logged_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let conn = ledger.conn();
    let stamp = Stamp {
        actor: "李干事".into(),
        now: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    };
    let fields = PersonFields {
        name: "张三".into(),
        birth: PartialDate::parse("1935-10").ok(),
        died_on: PartialDate::parse("2026-03-01").ok(),
        ..Default::default()
    };
    let input = PersonInput { fields, family: vec![spouse()] };
    let id = people::insert(conn, &stamp, &input).unwrap().person.id;

    let shown = people_masked::get(conn, id).unwrap();
    let m = &shown.family[0];
    assert_eq!((m.phone.as_str(), m.address.as_str()), ("139****4321", "北京市东城区****"));

    // The survivor list sends only the masked values to the page; the full ones stay for exports.
    let row = &deaths::survivors(conn).unwrap()[0];
    assert_eq!(
        (row.phone_masked.as_str(), row.address_masked.as_str()),
        ("139****4321", "北京市东城区****")
    );
    let json = serde_json::to_string(row).unwrap();
    assert!(!json.contains(PHONE) && !json.contains("和平里"), "{json}");

    // Saved as shown with the relation changed: the stored phone and address stay.
    let mut form = PersonInput { fields: shown.fields.clone(), family: shown.family.clone() };
    form.family[0].relation = "妻子".into();
    let saved = people_masked::update(conn, &stamp, id, &form).unwrap();
    assert_eq!(saved.person.family[0].phone, "139****4321", "the saved family comes back masked");
    let stored = &people::get(conn, id).unwrap().family[0];
    assert_eq!(
        (stored.relation.as_str(), stored.phone.as_str(), stored.address.as_str()),
        ("妻子", PHONE, ADDRESS)
    );

    // A phone the clerk typed over the masked one is saved.
    form.family[0].phone = "13700002222".into();
    people_masked::update(conn, &stamp, id, &form).unwrap();
    assert_eq!(people::get(conn, id).unwrap().family[0].phone, "13700002222");

    // The reveal gives the full values, one logged line per member shown.
    let member = stored.id.unwrap();
    let full = people_masked::reveal_family(conn, &stamp, id, Some(member)).unwrap();
    assert_eq!((full[0].phone.as_str(), full[0].address.as_str()), ("13700002222", ADDRESS));
    let all = people_masked::reveal_family(conn, &stamp, id, None).unwrap();
    assert_eq!(all.len(), 1);
    let log = audit_log::page(conn, &AuditQuery::default()).unwrap();
    let reveals =
        log.rows.iter().filter(|r| r.action_label == "查看完整信息" && r.actor == "李干事").count();
    assert_eq!(reveals, 2, "{:?}", log.rows.iter().map(|r| &r.action_label).collect::<Vec<_>>());
    // Nothing masked was ever written as a change (the stored log, not 修改记录's masked display).
    let stored_changes: Vec<String> = conn
        .prepare("SELECT COALESCE(changes, '') FROM audit_log")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(stored_changes.iter().all(|c| !c.contains("****")), "{stored_changes:?}");
    // 修改记录 itself shows the family's phones masked.
    assert!(log.rows.iter().flat_map(|r| &r.lines).all(|l| !l.new.contains("13700002222")));

    // A member of someone else cannot be revealed through this person.
    let other = people::insert(
        conn,
        &stamp,
        &PersonInput {
            fields: PersonFields { name: "李四".into(), ..Default::default() },
            family: vec![],
        },
    )
    .unwrap()
    .person
    .id;
    let err = people_masked::reveal_family(conn, &stamp, other, Some(member)).unwrap_err();
    assert!(err.to_string().contains("找不到这位家属"), "{err}");
}
