//! Restoring voided campaigns, activities, medals, 五必访 cases and whole subsidy batches on a real
//! ledger file: each is listed among the voided records, comes back with a reason (audited), and is
//! refused with a Chinese message when its own checks fail, changing nothing.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::domain::model::{PersonFields, PersonId, PersonInput};
use ledger::tables::paging::voided::{self, VoidedLedger, VoidedPageRequest, VoidedQuery};
use ledger::tables::{activities, campaigns, party, people, reminder_cases, restores, subsidies};
use ledger::{Ledger, Stamp};
use rusqlite::Connection;
use serde_json::json;

fn stamp() -> Stamp {
    Stamp {
        actor: "王会计".into(),
        now: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    }
}

fn person(conn: &Connection, name: &str) -> PersonId {
    let fields = PersonFields { name: name.into(), ..Default::default() };
    people::insert(conn, &stamp(), &PersonInput { fields, family: vec![] }).unwrap().person.id
}

fn voided(conn: &Connection, ledger: VoidedLedger) -> Vec<(i64, String)> {
    let page = voided::page(conn, &VoidedPageRequest::first(VoidedQuery { ledger }, 50)).unwrap();
    page.rows.into_iter().map(|r| (r.id, r.what)).collect()
}

fn audit_restores(conn: &Connection, entity: &str) -> i64 {
    conn.query_row(
        "SELECT COUNT(*) FROM audit_log WHERE entity = ?1 AND action = 'restore'",
        [entity],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn campaigns_activities_and_must_visit_cases_come_back_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let c = ledger.conn();
    let zhang = person(c, "张三");
    let input: campaigns::CampaignInput = serde_json::from_value(json!({
        "name": "2026年重阳节慰问", "festival": "double_ninth", "year": 2026,
        "date": "2026-10-18", "notes": "", "targets": [zhang.0] }))
    .unwrap();
    let campaign = campaigns::create(c, &stamp(), &input).unwrap();
    campaigns::void(c, &stamp(), campaign, "建重了").unwrap();
    assert_eq!(voided(c, VoidedLedger::Campaigns), vec![(campaign.0, "2026年重阳节慰问".into())]);
    assert!(
        restores::restore_campaign(c, &stamp(), campaign.0, " ").is_err(),
        "a reason is needed"
    );
    restores::restore_campaign(c, &stamp(), campaign.0, "误作废").unwrap();
    assert!(voided(c, VoidedLedger::Campaigns).is_empty());
    assert_eq!(audit_restores(c, "campaign"), 1);
    let again = restores::restore_campaign(c, &stamp(), campaign.0, "误作废").unwrap_err();
    assert!(again.to_string().contains("可能已被恢复"), "{again}");

    let input: activities::ActivityInput = serde_json::from_value(json!({
        "date": "2026-11-02", "title": "学习二十届四中全会精神", "kind": "study",
        "participants": [zhang.0] }))
    .unwrap();
    let activity = activities::insert(c, &stamp(), &input).unwrap();
    activities::void(c, &stamp(), activity.id, "录错").unwrap();
    assert_eq!(voided(c, VoidedLedger::Activities).len(), 1);
    restores::restore_activity(c, &stamp(), activity.id, "误作废").unwrap();
    assert!(voided(c, VoidedLedger::Activities).is_empty());
    assert_eq!(audit_restores(c, "activity"), 1);

    let input: reminder_cases::MustVisitCaseInput = serde_json::from_value(json!({
        "person_id": zhang.0, "reason": "住院", "learned_on": "2026-11-20" }))
    .unwrap();
    let case = reminder_cases::open_must_visit(c, &stamp(), &input).unwrap();
    reminder_cases::void_must_visit(c, &stamp(), case, "弄错人").unwrap();
    assert_eq!(voided(c, VoidedLedger::MustVisitCases)[0].1, "住院");
    // The person voided since: refused, and the case stays voided.
    people::void(c, &stamp(), zhang, "重复录入").unwrap();
    let err = restores::restore_must_visit_case(c, &stamp(), case, "误作废").unwrap_err();
    assert!(err.to_string().contains("已从花名册作废"), "{err}");
    assert_eq!(voided(c, VoidedLedger::MustVisitCases).len(), 1);
    people::restore(c, &stamp(), zhang, "误作废").unwrap();
    restores::restore_must_visit_case(c, &stamp(), case, "误作废").unwrap();
    assert!(voided(c, VoidedLedger::MustVisitCases).is_empty());
}

#[test]
fn a_medal_comes_back_only_when_the_person_has_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let c = ledger.conn();
    let li = person(c, "李四");
    // Medal rows as `present_medal` writes them (its eligibility rule is tested with the party table).
    let medal = |notes: &str| -> i64 {
        c.execute(
            "INSERT INTO medals (person_id, year, presented_on, notes, created_at, updated_at)
             VALUES (?1, 2026, '2026-06-28', ?2, '2026-06-28 09:00:00', '2026-06-28 09:00:00')",
            rusqlite::params![li.0, notes],
        )
        .unwrap();
        c.last_insert_rowid()
    };
    let first = medal("第一次");
    party::void_medal(c, &stamp(), first, "录错日期").unwrap();
    let second = medal("重新登记");
    assert_eq!(voided(c, VoidedLedger::Medals).len(), 1);
    let err = restores::restore_medal(c, &stamp(), first, "误作废").unwrap_err();
    assert!(err.to_string().contains("已有一条有效的纪念章"), "{err}");
    assert_eq!(voided(c, VoidedLedger::Medals).len(), 1, "refused: nothing changed");
    party::void_medal(c, &stamp(), second, "重复").unwrap();
    restores::restore_medal(c, &stamp(), first, "原记录正确").unwrap();
    assert_eq!(
        voided(c, VoidedLedger::Medals),
        vec![(second, "光荣在党50年纪念章（2026年）".into())]
    );
}

#[test]
fn a_voided_batch_comes_back_with_the_payments_its_void_took_and_no_others() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let c = ledger.conn();
    let (zhang, li) = (person(c, "张三"), person(c, "李四"));
    let input: subsidies::BatchInput = serde_json::from_value(json!({
        "kind": "护理费", "period": "2026", "paid_on": "2026-11-20", "method": "cash",
        "amount": 50000, "recipients": [{ "person_id": zhang.0 }, { "person_id": li.0 }] }))
    .unwrap();
    let batch = subsidies::issue_batch(c, &stamp(), &input).unwrap().batch_id;
    let payments = subsidies::batch_payments(c, batch).unwrap();
    // 李四's payment was voided on its own before the whole batch was.
    subsidies::void(c, &stamp(), payments[1].id, "李四已领过").unwrap();
    assert_eq!(subsidies::void_batch(c, &stamp(), batch, "重复发放").unwrap(), 1);
    let listed = voided(c, VoidedLedger::SubsidyBatches);
    assert_eq!(listed.len(), 1);
    assert!(listed[0].1.contains("护理费"), "{listed:?}");

    // 张三 voided since: the whole batch stays voided.
    people::void(c, &stamp(), zhang, "重复录入").unwrap();
    assert!(restores::restore_subsidy_batch(c, &stamp(), batch, "误作废").is_err());
    assert_eq!(voided(c, VoidedLedger::SubsidyBatches).len(), 1);
    people::restore(c, &stamp(), zhang, "误作废").unwrap();

    assert_eq!(restores::restore_subsidy_batch(c, &stamp(), batch, "误作废").unwrap(), 1);
    assert!(voided(c, VoidedLedger::SubsidyBatches).is_empty());
    let standing: Vec<i64> = c
        .prepare("SELECT id FROM subsidies WHERE batch_id = ?1 AND voided_at IS NULL")
        .unwrap()
        .query_map([batch], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(standing, vec![payments[0].id], "李四's own void stays");
}
