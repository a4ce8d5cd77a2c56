//! Each figure that is shown in more than one place, computed every way it is shown on one demo
//! ledger — the core's definition, the home page summary, the work-report paragraph, the exported
//! tables' 说明 lines — and straight from SQLite, and required to agree.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use ledger::domain::period::Period;
use ledger::export::{ledger_table, LedgerTable};
use ledger::progress::Silent;
use ledger::{Ledger, Stamp};
use rusqlite::Connection;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn count(conn: &Connection, sql: &str) -> u32 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every text cell of a table's first sheet that starts with `prefix`.
fn line_starting(path: &Path, prefix: &str) -> String {
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .cells()
        .find_map(|(_, _, c)| match c {
            Data::String(s) if s.starts_with(prefix) => Some(s.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no line starting {prefix} in {}", path.display()))
}

#[test]
fn every_figure_reads_the_same_wherever_it_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let stamp = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &stamp, 300, 5, today(), &Silent).unwrap();
    let conn = ledger.conn();

    // 应检 / 参检 / 参检率 for 2026.
    let core = ledger::reports::figures::checkups(conn, 2026).unwrap();
    let due_sql = count(
        conn,
        "SELECT count(*) FROM people p WHERE p.voided_at IS NULL AND (
             ((p.retired_on IS NULL OR substr(p.retired_on, 1, 4) <= '2026')
              AND (p.died_on IS NULL OR substr(p.died_on, 1, 4) > '2026'))
             OR EXISTS (SELECT 1 FROM checkups c WHERE c.person_id = p.id AND c.year = 2026
                        AND c.voided_at IS NULL))",
    );
    let attended_sql = count(
        conn,
        "SELECT count(*) FROM checkups c JOIN people p ON p.id = c.person_id
         WHERE c.year = 2026 AND c.voided_at IS NULL AND p.voided_at IS NULL AND c.attended = 1",
    );
    assert_eq!((core.due, core.attended), (due_sql, attended_sql), "core vs SQLite");
    assert!(core.attended > 0 && core.due > core.attended, "the demo has a partial round");
    let rate = core.rate().unwrap();
    assert_eq!(rate, (f64::from(attended_sql) * 1000.0 / f64::from(due_sql)).round() / 10.0);

    let summary = ledger::reports::summary::compute(conn, Period::year(2026)).unwrap();
    assert_eq!(
        (summary.checkups.due, summary.checkups.attended, summary.checkups.rate),
        (core.due, core.attended, Some(rate)),
        "home page summary"
    );
    assert!(
        summary.paragraph.contains(&format!("健康体检{}人，参检率{rate:.1}%", core.attended)),
        "work-report paragraph: {}",
        summary.paragraph
    );

    let table = dir.path().join("体检.xlsx");
    ledger_table(conn, LedgerTable::Checkups, Period::year(2026), today(), &table).unwrap();
    let note = line_starting(&table, "说明：");
    let want = format!("应检{}人，参检{}人", core.due, core.attended);
    assert!(note.contains(&want), "checkup table: {note}");
    assert!(note.contains(&format!("参检率{rate:.1}%")), "checkup table: {note}");

    let q3 = Period::new(2026, Some(3)).unwrap();
    let table = dir.path().join("体检Q3.xlsx");
    ledger_table(conn, LedgerTable::Checkups, q3, today(), &table).unwrap();
    let note = line_starting(&table, "说明：");
    assert!(note.contains(&want) && note.contains(&format!("{rate:.1}%")), "quarter: {note}");

    // 人次 / 人数 of visits in Q3.
    let times_sql = count(
        conn,
        "SELECT count(*) FROM visits WHERE voided_at IS NULL
         AND date BETWEEN '2026-07-01' AND '2026-09-30'",
    );
    let persons_sql = count(
        conn,
        "SELECT count(DISTINCT person_id) FROM visits WHERE voided_at IS NULL
         AND date BETWEEN '2026-07-01' AND '2026-09-30'",
    );
    assert!(times_sql > persons_sql, "the demo visits some people more than once");
    let summary = ledger::reports::summary::compute(conn, q3).unwrap();
    assert_eq!(
        (summary.visits_total.persons, summary.visits_total.times),
        (persons_sql, times_sql)
    );
    assert!(summary.paragraph.contains(&format!("走访慰问{persons_sql}人、{times_sql}人次")));
    let table = dir.path().join("走访.xlsx");
    ledger_table(conn, LedgerTable::Visits, q3, today(), &table).unwrap();
    let note = line_starting(&table, "说明：");
    assert!(note.starts_with(&format!("说明：本期走访{persons_sql}人、{times_sql}人次")), "{note}");

    // 在册 at the end of 2026: the core, the statistics and the official forms.
    let people: Vec<_> =
        ledger::tables::people::all_fields(conn).unwrap().into_iter().map(|(_, p)| p).collect();
    let on_roster = ledger::reports::figures::on_roster_at_end(&people, 2026);
    let sql = count(
        conn,
        "SELECT count(*) FROM people WHERE voided_at IS NULL
         AND (retired_on IS NULL OR substr(retired_on, 1, 4) <= '2026')
         AND (died_on IS NULL OR substr(died_on, 1, 4) > '2026')",
    );
    assert_eq!(on_roster, sql);
    let stats = ledger::reports::stats::yearly(&people, 2026, None);
    assert_eq!(stats.basic_total.total, on_roster, "statistics");
    let forms = ledger::reports::forms::yearly_forms(&people, &[], 2026, None, "单位", "本地");
    let change_actual: i64 = forms
        .iter()
        .filter(|f| f.sheet.ends_with("两年变化"))
        .map(|f| {
            let col = f.column(None, "本年12月底实有数").unwrap();
            f.rows.last().unwrap().values[col]
        })
        .sum();
    let without_kind = count(
        conn,
        "SELECT count(*) FROM people WHERE voided_at IS NULL AND retirement_kind IS NULL
         AND (retired_on IS NULL OR substr(retired_on, 1, 4) <= '2026')
         AND (died_on IS NULL OR substr(died_on, 1, 4) > '2026')",
    );
    assert_eq!(change_actual + i64::from(without_kind), i64::from(on_roster), "the forms");
}
