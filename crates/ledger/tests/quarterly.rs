//! The quarterly submission workbook on a real demo ledger: its contents against a reviewed
//! snapshot, and every 合计 row against the ledger itself.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use ledger::domain::period::Period;
use ledger::export::{quarterly, LedgerTable};
use ledger::progress::Silent;
use ledger::{Ledger, Stamp};
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// A sheet's name and its cells.
type Sheet = (String, Vec<Vec<Data>>);

/// A demo ledger (fixed seed, fixed day) and its 2026 Q3 workbook read back, sheet by sheet.
fn workbook(dir: &Path) -> (Ledger, Vec<Sheet>) {
    let mut ledger = Ledger::open(&dir.join("ledger.db")).unwrap();
    let stamp = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &stamp, 300, 5, today(), &Silent).unwrap();
    let path = dir.join("季度.xlsx");
    let q3 = Period::new(2026, Some(3)).unwrap();
    quarterly(ledger.conn(), q3, today(), &path, &Silent).unwrap();
    let mut wb = open_workbook_auto(&path).unwrap();
    let sheets = wb
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            (name, range.rows().map(<[Data]>::to_vec).collect())
        })
        .collect();
    (ledger, sheets)
}

/// One line per non-empty row, cells separated by ` | `: easy to review in a diff.
fn render(sheets: &[Sheet]) -> String {
    let mut out = String::new();
    for (name, rows) in sheets {
        out.push_str(&format!("=== {name}\n"));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| c.to_string().replace('\n', "⏎")).collect();
            if cells.iter().any(|c| !c.is_empty()) {
                out.push_str(cells.join(" | ").trim_end_matches([' ', '|']));
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn the_quarterly_workbook_matches_its_reviewed_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (_, sheets) = workbook(dir.path());
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    let expected: Vec<&str> = LedgerTable::ALL.iter().map(|t| t.label()).collect();
    assert_eq!(names, expected);

    let got = render(&sheets);
    let snapshot =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/quarterly_2026q3.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, &got).unwrap();
    }
    let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
    if got != want {
        let first = got.lines().zip(want.lines()).position(|(a, b)| a != b);
        panic!(
            "the workbook differs from {} (first differing line {:?}); review the change and run \
             with UPDATE_SNAPSHOTS=1 to accept it",
            snapshot.display(),
            first.map(|i| (i + 1, got.lines().nth(i), want.lines().nth(i)))
        );
    }
}

#[test]
fn the_quarterly_workbook_carries_only_the_quarters_checkups() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, sheets) = workbook(dir.path());
    let (_, rows) = sheets.iter().find(|(n, _)| n == "健康体检台账").unwrap();
    // Body rows are those whose 序号 is a number; 体检日期 is the fifth column.
    let dates: Vec<String> = rows
        .iter()
        .filter(|r| matches!(r.first(), Some(Data::Float(_) | Data::Int(_))))
        .map(|r| r[4].to_string())
        .collect();
    assert!(!dates.is_empty(), "the demo ledger has checkups in Q3");
    assert!(dates.iter().all(|d| ("2026.07.01"..="2026.09.30").contains(&d.as_str())), "{dates:?}");
    let in_q3: i64 = ledger
        .conn()
        .query_row(
            "SELECT count(*) FROM checkups WHERE voided_at IS NULL AND attended = 1
             AND date BETWEEN '2026-07-01' AND '2026-09-30'
             AND person_id IN (SELECT id FROM people WHERE voided_at IS NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dates.len() as i64, in_q3);
}

/// The number under `header` in the sheet's 合计 row.
fn total(rows: &[Vec<Data>], header: &str) -> f64 {
    let col = rows
        .iter()
        .find_map(|r| r.iter().position(|c| c.to_string().replace('\n', "") == header))
        .unwrap_or_else(|| panic!("no column {header}"));
    let row = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c.to_string().starts_with('合')))
        .unwrap_or_else(|| panic!("no 合计 row"));
    match &row[col] {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("合计 under {header} is {other:?}"),
    }
}

fn sum_fen(ledger: &Ledger, sql: &str) -> f64 {
    let fen: i64 = ledger.conn().query_row(sql, [], |r| r.get(0)).unwrap();
    fen as f64 / 100.0
}

#[test]
fn every_total_row_equals_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, sheets) = workbook(dir.path());
    let sheet = |name: &str| &sheets.iter().find(|(n, _)| n == name).unwrap().1;
    let q3 = "BETWEEN '2026-07-01' AND '2026-09-30' AND voided_at IS NULL";

    let visits = sum_fen(
        &ledger,
        &format!("SELECT COALESCE(SUM(amount_fen),0) FROM visits WHERE date {q3}"),
    );
    assert!(visits > 0.0, "the demo has holiday visits with money in the quarter");
    assert_eq!(total(sheet("走访慰问台账"), "慰问金(元)"), visits);

    let subsidies = sum_fen(
        &ledger,
        &format!("SELECT COALESCE(SUM(amount_fen),0) FROM subsidies WHERE paid_on {q3}"),
    );
    assert!(subsidies > 0.0, "the demo pays subsidies in the quarter");
    assert_eq!(total(sheet("补贴发放明细"), "金额(元)"), subsidies);

    let funeral = sum_fen(
        &ledger,
        &format!("SELECT COALESCE(SUM(funeral_fen),0) FROM deaths WHERE died_on {q3}"),
    );
    assert!(funeral > 0.0, "the demo has a death in the quarter");
    assert_eq!(total(sheet("去世及遗属登记"), "丧葬费(元)"), funeral);

    let participants: i64 = ledger
        .conn()
        .query_row(
            &format!(
                "SELECT COUNT(*) FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id
                 WHERE a.date {q3} AND ap.removed_at IS NULL"
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(total(sheet("活动登记"), "参加人数"), participants as f64);

    // The work-report summary and the workbook tell the same story.
    let summary =
        ledger::reports::summary::compute(ledger.conn(), Period::new(2026, Some(3)).unwrap())
            .unwrap();
    assert_eq!(summary.visits_total.amount.0 as f64 / 100.0, visits);
    assert_eq!(summary.subsidies_total.amount.0 as f64 / 100.0, subsidies);
}
