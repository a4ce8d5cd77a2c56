//! The clerk's working lists and the filtered roster on a real demo ledger, read back from the
//! files and compared with counts taken straight from SQLite.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use ledger::domain::model::PersonId;
use ledger::export::lists::{self, WorkingList};
use ledger::export::roster_print::{RosterOptions, PRINT_SHEET};
use ledger::progress::Silent;
use ledger::tables::profiles::{self, MaritalStatus, Profile};
use ledger::{Ledger, Stamp};
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// The sheet's rows as text.
fn rows(path: &Path, sheet: Option<&str>) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let name = sheet.map_or_else(|| wb.sheet_names()[0].clone(), str::to_string);
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// Names in the body (rows whose 序号 is a number).
fn names(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter().filter(|r| r[0].parse::<f64>().is_ok()).map(|r| r[1].clone()).collect()
}

#[test]
fn each_working_list_lists_exactly_the_living_people_it_concerns() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let st = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &st, 200, 3, today(), &Silent).unwrap();
    let conn = ledger.conn();
    // Profiles for every seventh person, the deceased among them (who must not be listed).
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM people WHERE voided_at IS NULL ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (n, id) in ids.iter().enumerate().filter(|(n, _)| n % 7 == 0) {
        let p = Profile {
            marital_status: Some(if n % 2 == 0 {
                MaritalStatus::Widowed
            } else {
                MaritalStatus::Married
            }),
            illnesses: if n % 3 == 0 { "高血压".into() } else { String::new() },
            hobbies: if n % 4 == 0 { "书法、太极拳".into() } else { String::new() },
            needs: if n % 5 == 0 { "希望定期上门理发".into() } else { String::new() },
            hardship: if n % 6 == 0 {
                "老伴长期住院，医疗费负担重".into()
            } else {
                String::new()
            },
            has_hardship: n % 6 == 0,
            ..Default::default()
        };
        profiles::save(conn, &st, PersonId(*id), &p).unwrap();
    }

    let living = "p.voided_at IS NULL AND p.died_on IS NULL";
    let join = "FROM people p LEFT JOIN person_profiles f ON f.person_id = p.id";
    let sql = [
        (WorkingList::Ill, "(f.illnesses <> '' OR p.health IN ('chronic', 'dependent'))"),
        (WorkingList::Widowed, "f.marital_status = 'widowed'"),
        (WorkingList::Alone, "p.living = 'alone'"),
        (WorkingList::Hobbies, "f.hobbies <> ''"),
        (WorkingList::Needs, "f.needs <> ''"),
        (WorkingList::Hardship, "(f.has_hardship = 1 OR f.hardship <> '')"),
    ];
    for (list, cond) in sql {
        let want: Vec<String> = conn
            .prepare(&format!("SELECT p.name {join} WHERE {living} AND {cond} ORDER BY p.id"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(!want.is_empty(), "{} should have people in this test", list.label());
        let path = dir.path().join(format!("{}.xlsx", list.label()));
        let n = lists::working_list(conn, list, today(), &path).unwrap();
        let got = rows(&path, None);
        assert_eq!(names(&got), want, "{}", list.label());
        assert_eq!(n as usize, want.len());
        assert!(got[0][0].ends_with(&format!("离退休干部{}人员清单", list.label())));
        assert!(got.iter().any(|r| r[0] == format!("合计：{} 人", want.len())));
    }
    let err = WorkingList::from_label("高龄").unwrap_err().to_string();
    assert!(err.contains("患病、丧偶、独居、特长爱好、个性需求、特殊困难"), "{err}");
}

#[test]
fn the_filtered_roster_keeps_the_matching_people_and_the_picked_columns() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let st = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &st, 200, 3, today(), &Silent).unwrap();
    let conn = ledger.conn();
    let filters = vec![
        lists::parse_filter("居住状况=独居").unwrap(),
        lists::parse_filter("离休/退休=退休").unwrap(),
    ];
    let columns = lists::parse_columns("姓名,联系电话，身份证号码").unwrap();
    let options = RosterOptions { masked: true, columns: Some(columns), ..Default::default() };
    let path = dir.path().join("独居.xlsx");
    let n = lists::roster_view(conn, &filters, &options, today(), &path).unwrap();

    let want: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, id_number FROM people WHERE voided_at IS NULL AND living = 'alone'
             AND retirement_kind = 'tuixiu' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(n as usize, want.len());
    let printed = rows(&path, Some(PRINT_SHEET));
    assert_eq!(printed[2][..4], ["序号", "姓名", "联系电话", "身份证号码"]);
    let body: Vec<&Vec<String>> = printed.iter().filter(|r| r[0].parse::<f64>().is_ok()).collect();
    assert_eq!(body.len(), want.len());
    for (row, (name, id)) in body.iter().zip(&want) {
        assert_eq!(&row[1], name);
        assert_eq!(row[3], ledger::domain::idcard::mask(id));
    }
    assert!(printed.iter().any(|r| r[0] == "筛选条件：居住状况=独居；离休/退休=退休"));
    // The register sheet holds the same people, IDs whole.
    let register = rows(&path, Some("花名册"));
    assert_eq!(names(&register), want.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>());

    let bad = lists::parse_filter("爱好").unwrap_err().to_string();
    assert!(bad.contains("列名=值"), "{bad}");
    let bad = lists::parse_columns("姓名,星座").unwrap_err().to_string();
    assert!(bad.contains("星座"), "{bad}");
}

/// The roster page shows a working list by filtering in SQL (`PeopleQuery::list`); it lists the
/// same living people as the exported list, for each of the six. The 联系人 filter keeps exactly
/// the people whose liaison it names.
#[test]
fn the_rosters_list_filter_agrees_with_the_exported_lists() {
    use ledger::tables::people::{self, LifeStatus, PeopleQuery};
    use ledger::tables::profiles::ProfileList;
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let st = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &st, 300, 5, today(), &Silent).unwrap();
    let conn = ledger.conn();
    let ids = |q: PeopleQuery| -> Vec<i64> {
        people::list(conn, &q, today()).unwrap().rows.iter().map(|r| r.id.0).collect()
    };
    for list in ProfileList::ALL {
        let working = WorkingList::from_label(list.label()).unwrap();
        let want: Vec<i64> =
            lists::members(conn, working).unwrap().iter().map(|(id, _, _)| id.0).collect();
        assert!(!want.is_empty(), "{} has people in the demo ledger", list.label());
        let q = PeopleQuery { list: Some(list), status: LifeStatus::Living, ..Default::default() };
        assert_eq!(ids(q), want, "{}", list.label());
    }
    let liaisons = ledger::reports::reminders::liaison::liaisons(conn).unwrap();
    assert!(liaisons.len() > 1, "{liaisons:?}");
    let who = &liaisons[0].liaison;
    let want: Vec<i64> = conn
        .prepare(
            "SELECT id FROM people WHERE voided_at IS NULL AND died_on IS NULL AND liaison = ?1
             ORDER BY id",
        )
        .unwrap()
        .query_map([who], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let q = PeopleQuery { liaison: who.clone(), status: LifeStatus::Living, ..Default::default() };
    assert_eq!(ids(q), want);

    // 脱敏: the 丧偶 list with phones and addresses masked holds no full number or address.
    let path = dir.path().join("丧偶-脱敏.xlsx");
    let n = lists::working_list_with(conn, WorkingList::Widowed, today(), &path, true).unwrap();
    let got = rows(&path, None);
    let head = got.iter().position(|r| r.get(1).is_some_and(|c| c == "姓名")).unwrap();
    let phone_col = got[head].iter().position(|c| c == "联系电话").unwrap();
    let body = &got[head + 1..head + 1 + n as usize];
    let (phones, addresses): (Vec<String>, Vec<String>) = conn
        .prepare(
            "SELECT phone, address FROM people p JOIN person_profiles f ON f.person_id = p.id
             WHERE p.voided_at IS NULL AND p.died_on IS NULL AND f.marital_status = 'widowed'
             ORDER BY p.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .unzip();
    let shown: Vec<&String> = body.iter().map(|r| &r[phone_col]).collect();
    let masked: Vec<String> =
        phones.iter().map(|p| ledger::domain::idcard::mask_phone(p)).collect();
    assert_eq!(shown, masked.iter().collect::<Vec<_>>());
    let every_cell: Vec<&String> = body.iter().flatten().collect();
    for secret in phones.iter().chain(&addresses).filter(|s| s.chars().count() > 6) {
        assert!(!every_cell.contains(&secret), "{secret} is printed whole");
    }
    assert!(got.iter().any(|r| r[0].starts_with("本表已脱敏")));
}
