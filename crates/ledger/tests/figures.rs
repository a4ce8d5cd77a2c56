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

/// The yearly work-report paragraph's figures as of Dec 31, each against SQLite directly, and each
/// as the paragraph words it.
#[test]
fn the_yearly_paragraph_states_the_year_end_figures_sqlite_gives() {
    use ledger::tables::branches::{self, BranchInput, BranchKind};
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    let stamp = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &stamp, 300, 5, today(), &Silent).unwrap();
    for (name, kind, groups) in [
        ("离退休党总支", BranchKind::General, 0),
        ("退休第一党支部", BranchKind::Tuixiu, 3),
        ("退休第二党支部", BranchKind::Tuixiu, 2),
        ("离休党支部", BranchKind::Lixiu, 1),
        ("已撤销党支部", BranchKind::Combined, 4),
    ] {
        let input = BranchInput {
            name: name.into(),
            kind,
            secretary: String::new(),
            committee: String::new(),
            groups,
            last_election: None,
        };
        ledger.with_tx(|tx| branches::insert(tx, &stamp, &input)).unwrap();
    }
    let voided = branches::list(ledger.conn()).unwrap();
    let voided = voided.iter().find(|b| b.fields.name == "已撤销党支部").unwrap().id;
    ledger.with_tx(|tx| branches::void(tx, &stamp, voided, "合并")).unwrap();
    let conn = ledger.conn();

    let s = ledger::reports::summary::compute(conn, Period::year(2026)).unwrap();
    let y = s.year_end.clone().expect("a yearly summary has year-end figures");
    let text = &s.paragraph;
    let roster = "voided_at IS NULL
         AND (retired_on IS NULL OR substr(retired_on, 1, 4) <= '2026')
         AND (died_on IS NULL OR substr(died_on, 1, 4) > '2026')";
    let on_roster =
        |extra: &str| count(conn, &format!("SELECT count(*) FROM people WHERE {roster} {extra}"));
    let party = "AND political_status IN ('cpc_member', 'cpc_probationary')";

    let retirees = on_roster("");
    let (organ, institution, enterprise) = (
        on_roster("AND unit_kind = 'organ'"),
        on_roster("AND unit_kind = 'institution'"),
        on_roster("AND unit_kind = 'enterprise'"),
    );
    assert_eq!(
        (y.retirees, y.organ, y.institution, y.enterprise, y.unit_unknown),
        (retirees, organ, institution, enterprise, on_roster("AND unit_kind IS NULL"))
    );
    let people: Vec<_> =
        ledger::tables::people::all_fields(conn).unwrap().into_iter().map(|(_, p)| p).collect();
    let stats = ledger::reports::stats::yearly(&people, 2026, None);
    assert_eq!(y.retirees, stats.basic_total.total, "the statistics' 在册");
    assert!(organ > 0 && enterprise > 0, "the demo has 机关 and 企业 people");
    assert!(text.contains(&format!("共有离退休人员{retirees}人（机关{organ}人")), "{text}");
    assert!(text.contains(&format!("企业{enterprise}人")), "{text}");

    let lixiu = on_roster("AND retirement_kind = 'lixiu'");
    assert_eq!(y.lixiu, lixiu);
    assert!(text.contains(&format!("其中离休干部{lixiu}人")), "{text}");

    let members = on_roster(party);
    let (m_organ, m_enterprise) = (
        on_roster(&format!("{party} AND unit_kind = 'organ'")),
        on_roster(&format!("{party} AND unit_kind = 'enterprise'")),
    );
    assert_eq!(
        (y.party_members, y.party_organ, y.party_enterprise),
        (members, m_organ, m_enterprise)
    );
    assert_eq!(y.party_institution, on_roster(&format!("{party} AND unit_kind = 'institution'")));
    assert_eq!(
        y.party_organ + y.party_enterprise + y.party_institution + y.party_unit_unknown,
        y.party_members
    );
    let share = (f64::from(members) * 1000.0 / f64::from(retirees)).round() / 10.0;
    assert_eq!(y.party_share, Some(share));
    assert!(
        text.contains(&format!("离退休党员{members}人（机关{m_organ}人、企业{m_enterprise}人")),
        "{text}"
    );
    assert!(text.contains(&format!("占离退休人员的{share:.1}%")), "{text}");

    let branches_sql = count(conn, "SELECT count(*) FROM party_branches WHERE voided_at IS NULL");
    let groups_sql =
        count(conn, "SELECT COALESCE(SUM(groups), 0) FROM party_branches WHERE voided_at IS NULL");
    assert_eq!((y.branches_total, y.groups, branches_sql, groups_sql), (4, 6, 4, 6));
    assert!(
        text.contains(
            "设有离退休干部党组织4个（党总支1个、离休干部党支部1个、退休干部党支部2个），党小组6个"
        ),
        "{text}"
    );

    let medals_year = count(
        conn,
        "SELECT count(*) FROM medals WHERE voided_at IS NULL AND substr(presented_on, 1, 4) = '2026'",
    );
    let medals_all = count(
        conn,
        "SELECT count(*) FROM medals WHERE voided_at IS NULL AND presented_on <= '2026-12-31'",
    );
    assert_eq!((s.medals, y.medals_cumulative), (medals_year, medals_all));
    assert!(medals_year > 0, "the demo presents medals in 2026");
    assert!(
        text.contains(&format!(
            "累计颁发“光荣在党50年”纪念章{medals_all}枚，其中本年{medals_year}枚"
        )),
        "{text}"
    );

    let deaths = count(
        conn,
        "SELECT count(*) FROM people WHERE voided_at IS NULL AND substr(died_on, 1, 4) = '2026'",
    );
    let retired = count(
        conn,
        "SELECT count(*) FROM people WHERE voided_at IS NULL AND substr(retired_on, 1, 4) = '2026'",
    );
    assert_eq!((s.deaths, s.new_retirements), (deaths, retired));
    let retired_text = if retired > 0 {
        format!("新增退休{retired}人")
    } else {
        "无新增退休人员".into()
    };
    let deaths_text = if deaths > 0 { format!("去世{deaths}人") } else { "无人去世".into() };
    assert!(text.ends_with(&format!("{retired_text}，{deaths_text}。")), "{text}");

    let (times, persons) = (
        count(
            conn,
            "SELECT count(*) FROM visits WHERE voided_at IS NULL AND substr(date, 1, 4) = '2026'",
        ),
        count(
            conn,
            "SELECT count(DISTINCT person_id) FROM visits WHERE voided_at IS NULL
             AND substr(date, 1, 4) = '2026'",
        ),
    );
    assert!(text.contains(&format!("走访慰问{persons}人、{times}人次")), "{text}");
    let core = ledger::reports::figures::checkups(conn, 2026).unwrap();
    assert!(
        text.contains(&format!("健康体检{}人，参检率{:.1}%", core.attended, core.rate().unwrap())),
        "{text}"
    );
}
