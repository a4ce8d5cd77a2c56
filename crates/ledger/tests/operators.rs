//! Operators on a real ledger file (issue 12): a change made after signing in as an operator is in
//! the 修改记录 under that operator's name (the page's operator filter finds it), the operator list
//! and passwords survive closing and reopening the file, and a ledger without operators stamps
//! changes as before.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::domain::model::{PersonId, PersonInput};
use ledger::progress::Silent;
use ledger::reports::audit_log::{self, AuditQuery};
use ledger::tables::{operators, people};
use ledger::{Ledger, Stamp};

fn stamp(actor: &str) -> Stamp {
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    Stamp { actor: actor.into(), now: day.and_hms_opt(9, 0, 0).unwrap() }
}

#[test]
fn an_operators_changes_are_logged_under_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    {
        let mut ledger = Ledger::open(&path).unwrap();
        ledger::demo::populate(&mut ledger, &stamp("本机用户"), 20, 3, today, &Silent).unwrap();
        let conn = ledger.conn();
        assert!(!operators::any(conn).unwrap(), "a ledger starts without operators");
        ledger
            .with_tx(|tx| {
                operators::insert(tx, &stamp("本机用户"), "王红", Some("wh-2026"))?;
                operators::insert(tx, &stamp("本机用户"), "李明", None)
            })
            .unwrap();
    }

    // Reopened: the list and the password are kept; signing in gives the actor.
    let mut ledger = Ledger::open(&path).unwrap();
    let wang = operators::sign_in(ledger.conn(), "王红", Some("wh-2026")).unwrap();
    assert!(operators::sign_in(ledger.conn(), "王红", Some("wrong")).is_err());
    let as_wang = stamp(&wang.name);
    let id =
        PersonId(ledger.conn().query_row("SELECT min(id) FROM people", [], |r| r.get(0)).unwrap());
    let person = people::get(ledger.conn(), id).unwrap();
    let mut input = PersonInput { fields: person.fields, family: person.family };
    input.fields.notes = "王红改的备注".into();
    ledger.with_tx(|tx| people::update(tx, &as_wang, id, &input)).unwrap();

    let conn = ledger.conn();
    assert!(audit_log::actors(conn).unwrap().contains(&"王红".to_string()));
    let q = AuditQuery { actor: Some("王红".into()), ..Default::default() };
    let page = audit_log::page(conn, &q).unwrap();
    assert_eq!(page.total, 1, "only 王红's change");
    let row = &page.rows[0];
    assert_eq!(
        (row.actor.as_str(), row.entity.as_str(), row.person_id),
        ("王红", "person", Some(id))
    );
    assert!(row.lines.iter().any(|l| l.new == "王红改的备注"), "{:?}", row.lines);

    // The operators' own records are in the log too, in Chinese, without the password.
    let q = AuditQuery { entity: Some("operator".into()), ..Default::default() };
    let page = audit_log::page(conn, &q).unwrap();
    assert_eq!(page.total, 2);
    assert!(page.rows.iter().all(|r| r.entity_label == "操作员" && r.actor == "本机用户"));
    let text = format!("{:?}", page.rows);
    assert!(!text.contains("wh-2026") && !text.contains("argon2"), "{text}");
}
