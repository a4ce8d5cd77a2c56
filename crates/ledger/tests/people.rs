//! The roster table on a real SQLite file: saving, validation, duplicates, voiding, audit, search.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::domain::model::*;
use ledger::tables::people::{self, CareFilter, LifeStatus, PeopleQuery};
use ledger::{Ledger, PartialDate, Stamp};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn stamp() -> Stamp {
    Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 30, 0).unwrap() }
}

/// A builder that reads like the domain: `retiree("张三").born("1945-10").lixiu()`.
struct Retiree(PersonFields);

fn retiree(name: &str) -> Retiree {
    Retiree(PersonFields { name: name.into(), ..Default::default() })
}

impl Retiree {
    fn born(mut self, d: &str) -> Self {
        self.0.birth = Some(PartialDate::parse(d).unwrap());
        self
    }
    fn id(mut self, id: &str) -> Self {
        self.0.id_number = id.into();
        self
    }
    fn phone(mut self, p: &str) -> Self {
        self.0.phone = p.into();
        self
    }
    fn lixiu(mut self) -> Self {
        self.0.retirement_kind = Some(RetirementKind::Lixiu);
        self
    }
    fn tuixiu(mut self) -> Self {
        self.0.retirement_kind = Some(RetirementKind::Tuixiu);
        self
    }
    fn party(mut self) -> Self {
        self.0.political_status = Some(PoliticalStatus::CpcMember);
        self
    }
    fn living(mut self, l: Living) -> Self {
        self.0.living = Some(l);
        self
    }
    fn care(mut self, c: CareLevel) -> Self {
        self.0.care_level = Some(c);
        self
    }
    fn died(mut self, d: &str) -> Self {
        self.0.died_on = Some(PartialDate::parse(d).unwrap());
        self
    }
    fn input(self) -> PersonInput {
        PersonInput { fields: self.0, family: Vec::new() }
    }
}

fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    (dir, ledger)
}

fn add(ledger: &mut Ledger, r: Retiree) -> PersonId {
    ledger.with_tx(|tx| people::insert(tx, &stamp(), &r.input())).unwrap().person.id
}

fn names(ledger: &Ledger, q: PeopleQuery) -> Vec<String> {
    people::list(ledger.conn(), &q, today()).unwrap().rows.into_iter().map(|r| r.name).collect()
}

fn search(ledger: &Ledger, text: &str) -> Vec<String> {
    names(ledger, PeopleQuery { search: text.into(), ..Default::default() })
}

#[test]
fn id_number_fills_birth_and_sex_and_survives_reopening() {
    let (dir, mut ledger) = ledger();
    let saved = ledger
        .with_tx(|tx| {
            people::insert(tx, &stamp(), &retiree("张三").id("11010519491231002x").input())
        })
        .unwrap();
    assert_eq!(saved.person.fields.id_number, "11010519491231002X");
    assert_eq!(saved.person.fields.birth.unwrap().iso(), "1949-12-31");
    assert_eq!(saved.person.fields.sex, Some(Sex::Female));
    drop(ledger);
    let reopened = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let p = people::get(reopened.conn(), saved.person.id).unwrap();
    assert_eq!(p.fields.name, "张三");
}

#[test]
fn mismatch_with_id_is_a_warning_not_a_fix() {
    let (_dir, mut ledger) = ledger();
    let mut r = retiree("李四").id("11010519491231002X").born("1949-11");
    r.0.sex = Some(Sex::Male);
    let saved = ledger.with_tx(|tx| people::insert(tx, &stamp(), &r.input())).unwrap();
    assert_eq!(saved.person.fields.birth.unwrap().iso(), "1949-11", "kept as entered");
    let fields: Vec<&str> = saved.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(fields, ["birth", "sex"]);
    assert!(saved.warnings[0].message.contains("不一致"));
}

#[test]
fn invalid_input_writes_nothing_and_says_why() {
    let (_dir, mut ledger) = ledger();
    let err = ledger
        .with_tx(|tx| {
            people::insert(tx, &stamp(), &retiree("王五").id("110105194912310021").input())
        })
        .unwrap_err();
    assert!(err.to_string().contains("校验位"), "{err}");
    let err =
        ledger.with_tx(|tx| people::insert(tx, &stamp(), &retiree("  ").input())).unwrap_err();
    assert!(err.to_string().contains("姓名不能为空"));
    assert_eq!(people::count_live(ledger.conn()).unwrap(), 0);
}

#[test]
fn the_same_id_number_cannot_be_entered_twice() {
    let (_dir, mut ledger) = ledger();
    add(&mut ledger, retiree("张三").id("11010519491231002X"));
    let err = ledger
        .with_tx(|tx| {
            people::insert(tx, &stamp(), &retiree("张叁").id("11010519491231002X").input())
        })
        .unwrap_err();
    assert!(err.to_string().contains("已登记在“张三”名下"), "{err}");
    assert_eq!(people::count_live(ledger.conn()).unwrap(), 1);
}

#[test]
fn updates_are_audited_with_old_and_new_values_and_voids_keep_the_record() {
    let (_dir, mut ledger) = ledger();
    let id = add(&mut ledger, retiree("张三").born("1945-10").phone("13800000000"));
    let mut input = people::get(ledger.conn(), id).unwrap();
    input.fields.phone = "13911112222".into();
    let input = PersonInput { fields: input.fields, family: Vec::new() };
    ledger.with_tx(|tx| people::update(tx, &stamp(), id, &input)).unwrap();
    let log = ledger::store::audit::list_for(ledger.conn(), "person", id.0).unwrap();
    assert_eq!(log[0].action, "update");
    assert_eq!(log[0].actor, "测试员");
    assert_eq!(log[0].changes[0].field, "phone");
    assert_eq!(log[0].changes[0].old, "13800000000");
    assert_eq!(log[0].changes[0].new, "13911112222");

    let err = ledger.with_tx(|tx| people::void(tx, &stamp(), id, " ")).unwrap_err();
    assert!(err.to_string().contains("原因"));
    ledger.with_tx(|tx| people::void(tx, &stamp(), id, "重复录入")).unwrap();
    assert!(people::get(ledger.conn(), id).is_err());
    let still_there: i64 = ledger
        .conn()
        .query_row("SELECT COUNT(*) FROM people WHERE id = ?1", [id.0], |r| r.get(0))
        .unwrap();
    assert_eq!(still_there, 1, "voided, not deleted");
    let log = ledger::store::audit::list_for(ledger.conn(), "person", id.0).unwrap();
    assert_eq!((log[0].action.as_str(), log[0].reason.as_deref()), ("void", Some("重复录入")));
}

#[test]
fn family_members_are_saved_updated_and_voided() {
    let (_dir, mut ledger) = ledger();
    let mut input = retiree("张三").input();
    input.family =
        vec![FamilyMember {
            name: "李梅".into(), relation: "配偶".into(), ..Default::default()
        }];
    let saved = ledger.with_tx(|tx| people::insert(tx, &stamp(), &input)).unwrap();
    assert_eq!(saved.person.family.len(), 1);
    let mut member = saved.person.family[0].clone();
    member.phone = "13812345678".into();
    let input = PersonInput { fields: saved.person.fields.clone(), family: vec![member] };
    let saved = ledger.with_tx(|tx| people::update(tx, &stamp(), saved.person.id, &input)).unwrap();
    assert_eq!(saved.person.family[0].phone, "13812345678");
    let input = PersonInput { fields: saved.person.fields.clone(), family: vec![] };
    let saved = ledger.with_tx(|tx| people::update(tx, &stamp(), saved.person.id, &input)).unwrap();
    assert!(saved.person.family.is_empty());
    let kept: i64 =
        ledger.conn().query_row("SELECT COUNT(*) FROM family_members", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 1);
}

#[test]
fn search_by_name_pinyin_initials_id_and_phone() {
    let (_dir, mut ledger) = ledger();
    add(&mut ledger, retiree("张三丰").id("11010519491231002X").phone("138 1234 5678"));
    add(&mut ledger, retiree("单雄信").phone("13900001111"));
    add(&mut ledger, retiree("曾国藩"));
    add(&mut ledger, retiree("李明"));
    // (query, expected names) — what a clerk types and whom they expect to find.
    let cases: &[(&str, &[&str])] = &[
        ("张三", &["张三丰"]),
        ("zsf", &["张三丰"]),
        ("ZSF", &["张三丰"]),
        ("zhangsanfeng", &["张三丰"]),
        ("zhang san", &["张三丰"]),
        ("sxx", &["单雄信"]),
        ("shanxiong", &["单雄信"]),
        ("zgf", &["曾国藩"]),
        ("1949123", &["张三丰"]),
        ("002x", &["张三丰"]),
        ("5678", &["张三丰"]),
        ("0000111", &["单雄信"]),
        ("明", &["李明"]),
        ("%", &[]),
        ("王", &[]),
    ];
    for (q, want) in cases {
        assert_eq!(search(&ledger, q), *want, "query {q:?}");
    }
}

#[test]
fn filters_and_age_bands() {
    let (_dir, mut ledger) = ledger();
    add(&mut ledger, retiree("甲").born("1930-03").lixiu().party().living(Living::Alone));
    add(&mut ledger, retiree("乙").born("1946-12").tuixiu().care(CareLevel::PartlyDisabled));
    add(&mut ledger, retiree("丙").born("1956-11-22").tuixiu().living(Living::EmptyNest));
    add(&mut ledger, retiree("丁").born("1940-01").tuixiu().died("2024-05-01"));
    let q = |f: fn(&mut PeopleQuery)| {
        let mut q = PeopleQuery::default();
        f(&mut q);
        q
    };
    let cases: Vec<(PeopleQuery, &[&str])> = vec![
        (q(|q| q.retirement_kind = Some(RetirementKind::Lixiu)), &["甲"]),
        (q(|q| q.status = LifeStatus::Living), &["甲", "乙", "丙"]),
        (q(|q| q.status = LifeStatus::Deceased), &["丁"]),
        (q(|q| q.party_member = Some(true)), &["甲"]),
        (q(|q| q.care = Some(CareFilter::Alone)), &["甲"]),
        (q(|q| q.care = Some(CareFilter::EmptyNest)), &["丙"]),
        (q(|q| q.care = Some(CareFilter::Disabled)), &["乙"]),
        // On 2026-11-21: 甲 96, 乙 79 (80 only in December), 丙 69 (70 tomorrow), 丁 86 but dead.
        (q(|q| q.age_min = Some(90)), &["甲"]),
        (
            q(|q| {
                q.age_min = Some(70);
                q.age_max = Some(79)
            }),
            &["乙"],
        ),
        (
            q(|q| {
                q.age_max = Some(69);
                q.status = LifeStatus::Living
            }),
            &["丙"],
        ),
        (
            q(|q| {
                q.age_min = Some(80);
                q.age_max = Some(89)
            }),
            &["丁"],
        ),
    ];
    for (query, want) in cases {
        assert_eq!(names(&ledger, query.clone()), want, "{query:?}");
    }
    let page = people::list(
        ledger.conn(),
        &PeopleQuery { limit: 2, offset: 1, ..Default::default() },
        today(),
    )
    .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["乙", "丙"]);
    assert_eq!(page.rows[0].age, Some(79));
}

#[test]
fn list_masks_id_and_phone_and_reveal_is_logged() {
    let (_dir, mut ledger) = ledger();
    let id = add(&mut ledger, retiree("张三").id("11010519491231002X").phone("13812345678"));
    let row = &people::list(ledger.conn(), &PeopleQuery::default(), today()).unwrap().rows[0];
    assert_eq!(row.id_number_masked, "110105********002X");
    assert_eq!(row.phone_masked, "138****5678");
    let contact = ledger.with_tx(|tx| people::reveal(tx, &stamp(), id)).unwrap();
    assert_eq!(contact.id_number, "11010519491231002X");
    let log = ledger::store::audit::list_for(ledger.conn(), "person", id.0).unwrap();
    assert_eq!(log[0].action, "reveal");
}

#[test]
fn welcome_step_with_demo_data() {
    let (_dir, mut ledger) = ledger();
    assert!(ledger::app::info(&ledger, today()).unwrap().first_run);
    let err = ledger::app::setup(&mut ledger, &stamp(), "  ", None, today()).unwrap_err();
    assert!(err.to_string().contains("单位名称"));
    let info =
        ledger::app::setup(&mut ledger, &stamp(), "某某市审计局", Some(120), today()).unwrap();
    assert!(!info.first_run);
    assert_eq!(info.unit_name, "某某市审计局");
    assert_eq!(info.people_count, 120);
}

#[test]
fn branches_lists_each_living_members_branch_once() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    for (name, branch, died) in [
        ("张三", "第一支部", None),
        ("李四", "第一支部", None),
        ("王五", "第二支部", None),
        ("赵六", "第三支部", Some("2025-03")),
        ("孙七", "", None),
    ] {
        let fields = PersonFields {
            name: name.into(),
            party_branch: branch.into(),
            died_on: died.map(|d| PartialDate::parse(d).unwrap()),
            ..Default::default()
        };
        ledger
            .with_tx(|tx| {
                people::insert(tx, &stamp(), &PersonInput { fields, ..Default::default() })
            })
            .unwrap();
    }
    assert_eq!(people::branches(ledger.conn()).unwrap(), ["第一支部", "第二支部"]);
}

/// The form path strips what the import strips (NUL, ESC, bidi overrides, zero-width characters)
/// from names and IDs, with a warning under each field, and what is saved is the clean text.
#[test]
fn invisible_characters_typed_into_the_form_are_stripped_with_a_warning() {
    let (_dir, mut ledger) = ledger();
    let r = retiree("\u{202E}张\u{0}三\u{202C}").id("1101051949\u{200B}1231002X");
    let v = people::validate(&r.0);
    assert_eq!(v.fields.name, "张三");
    assert_eq!(v.fields.id_number, "11010519491231002X");
    let warned: Vec<(&str, &str)> =
        v.warnings.iter().map(|w| (w.field.as_str(), w.message.as_str())).collect();
    assert!(
        warned.contains(&(
            "name",
            "去掉了 3 个看不见的控制字符（如空字符、ESC、改变文字方向的标记），请核对这一项的内容"
        )),
        "{warned:?}"
    );
    assert!(
        warned.iter().any(|(f, m)| *f == "id_number" && m.starts_with("去掉了 1 个")),
        "{warned:?}"
    );
    let saved = ledger.with_tx(|tx| people::insert(tx, &stamp(), &r.input())).unwrap();
    assert_eq!(saved.person.fields.name, "张三");
    assert!(saved.warnings.iter().any(|w| w.field == "name"));
    assert_eq!(search(&ledger, "张三"), vec!["张三".to_string()]);
}
