//! 脱敏导出 of the ledger tables on a real ledger file, read back with calamine: the deaths table
//! (the only ledger sheet with phones and addresses: its survivors') and the quarterly workbook
//! that holds it show no full phone or address in any cell when masked, and do when not.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use calamine::{open_workbook_auto, Reader};
use chrono::NaiveDate;
use ledger::domain::model::{FamilyMember, PersonFields, PersonInput};
use ledger::domain::period::Period;
use ledger::export::{self, LedgerTable};
use ledger::progress::Silent;
use ledger::tables::{deaths, people};
use ledger::{Ledger, PartialDate, Stamp};
use std::path::Path;

const PHONE: &str = "13987654321";
const ADDRESS: &str = "北京市东城区和平里七区5号楼2单元301";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// Every cell of every sheet, as text.
fn all_cells(path: &Path) -> Vec<String> {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        out.extend(range.rows().flat_map(|r| r.iter().map(|c| c.to_string())));
    }
    out
}

fn ledger_with_a_survivor(dir: &Path) -> Ledger {
    let ledger = Ledger::open(&dir.join("ledger.db")).unwrap();
    let conn = ledger.conn();
    let stamp = Stamp { actor: "李干事".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    let fields = PersonFields {
        name: "张三".into(),
        birth: PartialDate::parse("1935-10").ok(),
        id_number: "110105193510030012".into(),
        phone: "13812345678".into(),
        ..Default::default()
    };
    let spouse = FamilyMember {
        name: "王秀兰".into(),
        relation: "配偶".into(),
        phone: PHONE.into(),
        address: ADDRESS.into(),
        ..Default::default()
    };
    let saved =
        people::insert(conn, &stamp, &PersonInput { fields, family: vec![spouse] }).unwrap();
    let member = saved.person.family[0].id.unwrap();
    let input: deaths::DeathInput = serde_json::from_value(serde_json::json!({
        "person_id": saved.person.id, "died_on": "2026-08-01", "survivors": [member]
    }))
    .unwrap();
    deaths::record_death(conn, &stamp, &input, today()).unwrap();
    ledger
}

#[test]
fn masked_ledger_exports_show_no_full_phone_or_address_in_any_cell() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = ledger_with_a_survivor(dir.path());
    let conn = ledger.conn();
    let q3 = Period::new(2026, Some(3)).unwrap();
    let leaks = |cells: &[String]| {
        cells
            .iter()
            .filter(|c| c.contains(PHONE) || c.contains("和平里"))
            .cloned()
            .collect::<Vec<_>>()
    };

    let full = dir.path().join("deaths.xlsx");
    export::ledger_table(conn, LedgerTable::Deaths, q3, today(), &full).unwrap();
    let cells = all_cells(&full);
    assert!(cells.iter().any(|c| c == PHONE), "the unmasked table keeps the survivor's phone");
    assert!(cells.iter().any(|c| c == ADDRESS));

    let masked = dir.path().join("deaths-masked.xlsx");
    export::ledger_table_with(conn, LedgerTable::Deaths, q3, today(), &masked, true).unwrap();
    let cells = all_cells(&masked);
    assert!(leaks(&cells).is_empty(), "{:?}", leaks(&cells));
    assert!(cells.iter().any(|c| c == "139****4321"), "the masked phone is there instead");
    assert!(cells.iter().any(|c| c == "北京市东城区****"));
    assert!(cells.iter().any(|c| c == "王秀兰"), "names stay");

    let quarterly = dir.path().join("quarterly-masked.xlsx");
    export::quarterly_with(conn, q3, today(), &quarterly, &Silent, true).unwrap();
    let cells = all_cells(&quarterly);
    assert!(cells.iter().any(|c| c == "王秀兰"));
    assert!(leaks(&cells).is_empty(), "{:?}", leaks(&cells));
}

#[test]
fn a_masked_file_is_named_so_once() {
    let q3 = Period::new(2026, Some(3)).unwrap();
    let name = export::names::masked_file_name(&export::table_file_name(
        "审计局",
        LedgerTable::Deaths,
        q3,
    ));
    assert_eq!(name, "审计局_2026年第三季度_去世及遗属登记_脱敏.xlsx");
    assert_eq!(export::names::masked_file_name(&name), name);
}
