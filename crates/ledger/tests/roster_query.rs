//! 导出当前列表: the roster page's filtered view exported with the clerk's columns, on a real demo
//! ledger, read back with calamine and compared with the people SQLite selects.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use ledger::domain::idcard;
use ledger::domain::privacy::mask_address;
use ledger::export::roster_query;
use ledger::progress::Silent;
use ledger::tables::people::{LifeStatus, PeopleQuery};
use ledger::tables::profiles::ProfileList;
use ledger::tables::roster_columns;
use ledger::{Ledger, Stamp};
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb = open_workbook_auto(path).unwrap();
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Float(f) => format!("{f}"),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn the_filtered_view_exports_every_page_with_the_picked_columns_masked_or_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let st = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &st, 400, 7, today(), &Silent).unwrap();
    let conn = ledger.conn();
    // The page's query, on page 2 of 10 a page: the export takes every page.
    let query = PeopleQuery {
        status: LifeStatus::Living,
        list: Some(ProfileList::Ill),
        offset: 10,
        limit: 10,
        ..Default::default()
    };
    let want: Vec<(String, String, String, String)> = conn
        .prepare(&format!(
            "SELECT name, phone, address, id_number FROM people
             WHERE voided_at IS NULL AND died_on IS NULL AND {} ORDER BY id",
            ProfileList::Ill.sql()
        ))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(want.len() > 20, "the demo ledger has more than two pages of 患病 people");

    // Ticked out of order; printed in the 花名册's order.
    let codes: Vec<String> = ["phone", "id_number", "name", "address"].map(String::from).to_vec();
    let fields = roster_columns::fields_of(&codes).unwrap();
    for masked in [true, false] {
        let path = dir.path().join(format!("view-{masked}.xlsx"));
        let n = roster_query::export(conn, &query, &fields, masked, today(), &path).unwrap();
        assert_eq!(n as usize, want.len());
        let book = sheets(&path);
        assert_eq!(book.len(), 1, "only the chosen columns: no full register after them");
        let rows = &book[0].1;
        let header = rows.iter().find(|r| r[0] == "序号").unwrap();
        assert_eq!(header[..5], ["序号", "姓名", "身份证号码", "现住址", "联系电话"]);
        assert!(header[5..].iter().all(String::is_empty), "{header:?}");
        let body: Vec<&Vec<String>> = rows.iter().filter(|r| r[0].parse::<f64>().is_ok()).collect();
        assert_eq!(body.len(), want.len());
        for (row, (name, phone, address, id)) in body.iter().zip(&want) {
            assert_eq!(&row[1], name);
            if masked {
                assert_eq!(row[2], idcard::mask(id));
                assert_eq!(row[3], mask_address(address));
                assert_eq!(row[4], idcard::mask_phone(phone));
            } else {
                assert_eq!((&row[2], &row[3], &row[4]), (id, address, phone));
            }
        }
        assert!(rows.iter().any(|r| r[0] == "筛选条件：患病人员；在世"), "the filter is said");
        assert_eq!(
            rows.iter().any(|r| r[0].contains("本表为脱敏版")),
            masked,
            "the masked copy says so"
        );
    }
}

#[test]
fn the_filter_is_said_in_words() {
    let q = PeopleQuery {
        search: " 张 ".into(),
        party_branch: "第一支部".into(),
        age_min: Some(80),
        party_member: Some(true),
        ..Default::default()
    };
    assert_eq!(
        roster_query::describe(&q).unwrap(),
        "筛选条件：搜索“张”；中共党员；所在党支部=第一支部；80岁及以上"
    );
    assert_eq!(roster_query::describe(&PeopleQuery::default()), None);
}
