//! The 六清楚 profile through the files: the 花名册 register carries it, importing that file into
//! an empty ledger gives the same profiles back (compared in SQLite), a clerk's own file with other
//! headers is understood, and a row for a person already in the ledger fills in their profile,
//! audited, without wiping what the file leaves empty.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::import::{self, ImportOptions, Severity};
use ledger::progress::Silent;
use ledger::tables::profiles::{self, MaritalStatus};
use ledger::{Ledger, Stamp};
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn stamp() -> Stamp {
    Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() }
}

/// Every profile in the ledger keyed by the person's name and ID number, as text, sorted.
fn profiles_by_person(ledger: &Ledger) -> Vec<String> {
    let mut stmt = ledger
        .conn()
        .prepare(
            "SELECT p.name || '|' || p.id_number || '|' || ifnull(f.marital_status, '') || '|' ||
                    f.illnesses || '|' || f.hobbies || '|' || f.needs || '|' || f.hardship || '|' ||
                    f.has_hardship
             FROM person_profiles f JOIN people p ON p.id = f.person_id
             WHERE p.voided_at IS NULL AND (f.marital_status IS NOT NULL OR f.illnesses <> ''
                   OR f.hobbies <> '' OR f.needs <> '' OR f.hardship <> '')
             ORDER BY 1",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

fn import_file(ledger: &mut Ledger, path: &Path) -> (import::ImportPreview, import::ImportSummary) {
    let preview = import::preview(ledger.conn(), path, &Silent).unwrap();
    let options = ImportOptions::default();
    let summary =
        ledger.with_tx(|tx| import::apply(tx, &stamp(), &preview, &options, &Silent)).unwrap();
    (preview, summary)
}

#[test]
fn the_register_carries_the_profiles_and_imports_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut from = Ledger::open(&dir.path().join("from.db")).unwrap();
    ledger::demo::populate(&mut from, &stamp(), 300, 3, today(), &Silent).unwrap();
    let want = profiles_by_person(&from);
    assert!(want.len() > 30, "the demo ledger records profiles: {}", want.len());

    let file = dir.path().join("花名册.xlsx");
    ledger::export::roster(from.conn(), today(), &file, &Silent).unwrap();
    let mut to = Ledger::open(&dir.path().join("to.db")).unwrap();
    let (preview, summary) = import_file(&mut to, &file);
    for header in ["婚姻状况", "主要疾病", "特长爱好", "个性需求", "特殊困难"] {
        assert!(
            preview.columns.iter().any(|c| c.field.as_deref() == Some(header)),
            "the preview maps {header}"
        );
    }
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    assert_eq!(profiles_by_person(&to), want);
}

#[test]
fn a_clerks_file_fills_in_profiles_by_other_headers_and_keeps_what_it_leaves_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let first = dir.path().join("first.csv");
    std::fs::write(
        &first,
        "姓名,性别,出生年月,离退休类型,婚姻情况,兴趣爱好,患病情况,困难情况\n\
         张三,男,1940.03,离休,丧偶,书法,高血压,\n\
         李四,女,1950.07,退休,有配偶,,,独居，行动不便\n\
         王五,男,1948.01,退休,同居,,,\n",
    )
    .unwrap();
    let preview = import::preview(ledger.conn(), &first, &Silent).unwrap();
    let bad = preview.rows.iter().find(|r| r.fields.name == "王五").unwrap();
    let error = bad.issues.iter().find(|i| i.severity == Severity::Error).unwrap();
    assert_eq!(error.column, "婚姻情况");
    assert!(error.message.contains("已婚、丧偶、离异、未婚"), "{}", error.message);
    let options = ImportOptions { skip_invalid: true, ..Default::default() };
    let summary =
        ledger.with_tx(|tx| import::apply(tx, &stamp(), &preview, &options, &Silent)).unwrap();
    assert_eq!(summary.added, 2);

    let id_of = |ledger: &Ledger, name: &str| -> i64 {
        ledger
            .conn()
            .query_row("SELECT id FROM people WHERE name = ?1", [name], |r| r.get(0))
            .unwrap()
    };
    let li = ledger::domain::model::PersonId(id_of(&ledger, "李四"));
    let p = profiles::get(ledger.conn(), li).unwrap();
    assert_eq!(p.marital_status, Some(MaritalStatus::Married));
    assert!(p.has_hardship, "a hardship written down puts the person on the list");
    assert!(p.hardship.starts_with("独居"), "{}", p.hardship);

    // A second file names 张三 again with only a need: the need is added, the rest kept.
    let second = dir.path().join("second.csv");
    std::fs::write(&second, "姓名,出生年月,个性化需求\n张三,1940.03,希望上门理发\n").unwrap();
    let (_, summary) = import_file(&mut ledger, &second);
    assert_eq!((summary.added, summary.updated), (0, 1), "{summary:?}");
    let zhang = ledger::domain::model::PersonId(id_of(&ledger, "张三"));
    let p = profiles::get(ledger.conn(), zhang).unwrap();
    assert_eq!(
        (p.marital_status, p.hobbies.as_str(), p.illnesses.as_str(), p.needs.as_str()),
        (Some(MaritalStatus::Widowed), "书法", "高血压", "希望上门理发")
    );
    let audited: i64 = ledger
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = 'person_profile' AND entity_id = ?1",
            [zhang.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 2, "the first import and the added need are each audited");
}

/// Once branches are records, a row naming a branch with no record is imported as written but
/// warned about in the preview, and the people whose branch has a record are linked to it.
#[test]
fn a_branch_with_no_record_is_named_in_the_preview_and_the_rest_are_linked() {
    use ledger::tables::branch_link;
    use ledger::tables::branches::{self, BranchInput, BranchKind};
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let file = dir.path().join("branches.csv");
    std::fs::write(
        &file,
        "姓名,性别,出生年月,离退休类型,所在党支部\n\
         张三,男,1940.03,离休,离退休第一党支部\n\
         李四,女,1950.07,退休,离退休第一支部\n",
    )
    .unwrap();
    // No records yet: nothing to warn about.
    let preview = import::preview(ledger.conn(), &file, &Silent).unwrap();
    assert_eq!(preview.warning_count, 0, "{:?}", preview.rows);

    let input = BranchInput {
        name: "离退休第一党支部".into(),
        kind: BranchKind::Combined,
        secretary: String::new(),
        committee: String::new(),
        groups: 1,
        last_election: None,
    };
    let id = ledger.with_tx(|tx| branches::insert(tx, &stamp(), &input)).unwrap();
    let (preview, summary) = import_file(&mut ledger, &file);
    let warned: Vec<(&str, &str)> = preview
        .rows
        .iter()
        .flat_map(|r| r.issues.iter().map(move |i| (r.fields.name.as_str(), i.message.as_str())))
        .filter(|(_, m)| m.contains("还没有党组织记录"))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(warned[0].0, "李四");
    assert!(warned[0].1.contains("“离退休第一支部”"), "{}", warned[0].1);
    assert_eq!(summary.added, 2, "a warning does not stop the row");
    let conn = ledger.conn();
    let person = |name: &str| -> ledger::domain::model::PersonId {
        ledger::domain::model::PersonId(
            conn.query_row("SELECT id FROM people WHERE name = ?1", [name], |r| r.get(0)).unwrap(),
        )
    };
    assert_eq!(branch_link::branch_of(conn, person("张三")).unwrap(), Some(id));
    assert_eq!(branch_link::branch_of(conn, person("李四")).unwrap(), None);
    assert_eq!(branch_link::unlinked_names(conn).unwrap(), vec![("离退休第一支部".to_string(), 1)]);
}
