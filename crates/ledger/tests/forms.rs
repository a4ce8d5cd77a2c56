//! The official yearly forms on a real demo ledger: written by `export::stats` (what the CLI and
//! the app call), read back with calamine, each figure compared with a count taken straight from
//! SQLite, and the layout of every form against a reviewed snapshot.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use ledger::domain::date::PartialDate;
use ledger::progress::Silent;
use ledger::tables::branches::{self, BranchInput, BranchKind};
use ledger::{Ledger, Stamp};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 8).unwrap()
}

fn stamp() -> Stamp {
    Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() }
}

/// A sheet's cells as text.
type Grid = Vec<Vec<String>>;

fn text(d: &Data) -> String {
    match d {
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

/// A demo ledger with branches and a 在京 label, its 2025 statistics exported (which records the
/// 2025 year-end count) and then its 2026 statistics; returns the ledger and the 2026 sheets.
fn setup(dir: &Path) -> (Ledger, Vec<(String, Grid)>, std::path::PathBuf) {
    let mut ledger = Ledger::open(&dir.join("ledger.db")).unwrap();
    let st = stamp();
    ledger::demo::populate(
        &mut ledger,
        &st,
        400,
        7,
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        &Silent,
    )
    .unwrap();
    let conn = ledger.conn();
    ledger::reports::forms::set_local_label(conn, &st, "在京").unwrap();
    let branch = |name: &str, kind, groups, last: &str| BranchInput {
        name: name.into(),
        kind,
        secretary: "王书记".into(),
        committee: String::new(),
        groups,
        last_election: PartialDate::parse(last).ok(),
    };
    for b in [
        branch("离退休干部党总支", BranchKind::General, 0, "2022-06"),
        branch("离休干部党支部", BranchKind::Lixiu, 1, "2024-06"),
        branch("退休第一党支部", BranchKind::Tuixiu, 3, "2024-06"),
        branch("退休第二党支部", BranchKind::Tuixiu, 2, "2023-06"),
        branch("离退休合编党支部", BranchKind::Combined, 2, "2025-03"),
    ] {
        branches::insert(conn, &st, &b).unwrap();
    }
    let old = dir.join("2025.xlsx");
    ledger.with_tx(|tx| ledger::export::stats(tx, 2025, today(), &old)).unwrap();
    // Entered after the 2025 figure was sent: retired in 2020, so not one of 2026's new
    // retirements. The 2026 reconciliation must show the difference and explain it.
    let late = ledger::domain::model::PersonFields {
        name: "补录人员".into(),
        retirement_kind: Some(ledger::domain::model::RetirementKind::Tuixiu),
        unit_kind: Some(ledger::domain::model::UnitKind::Enterprise),
        retired_on: PartialDate::parse("2020-05").ok(),
        birth: PartialDate::parse("1960-03").ok(),
        ..Default::default()
    };
    let input = ledger::domain::model::PersonInput { fields: late, family: Vec::new() };
    ledger::tables::people::insert(ledger.conn(), &st, &input).unwrap();
    let path = dir.join("2026.xlsx");
    ledger.with_tx(|tx| ledger::export::stats(tx, 2026, today(), &path)).unwrap();
    let mut wb = open_workbook_auto(&path).unwrap();
    let sheets = wb
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let grid = range.rows().map(|r| r.iter().map(text).collect()).collect();
            (name, grid)
        })
        .collect();
    (ledger, sheets, path)
}

/// People counted at the end of 2026, as SQL: alive on Dec 31 and retired by then.
const AT_END: &str = "voided_at IS NULL
    AND (retired_on IS NULL OR substr(retired_on, 1, 4) <= '2026')
    AND (died_on IS NULL OR substr(died_on, 1, 4) > '2026')";
const PARTY: &str = "political_status IN ('cpc_member', 'cpc_probationary')";
const DEPENDENT: &str = "(care_level IN ('disabled', 'partly_disabled') OR health = 'dependent')";
/// Age on Dec 31, 2026 is 2026 minus the year of birth, whatever the month and day.
const AGE: &str = "(2026 - CAST(substr(birth, 1, 4) AS INTEGER))";
/// The earliest day a recorded 参加工作时间 can mean.
const WORK_FROM: &str = "CASE length(work_started) WHEN 4 THEN work_started || '-01-01'
    WHEN 7 THEN work_started || '-01' ELSE work_started END";

fn sql_count(conn: &Connection, filter: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM people WHERE {filter}"), [], |r| r.get(0))
        .unwrap()
}

fn sheet<'a>(sheets: &'a [(String, Grid)], name: &str) -> &'a Grid {
    &sheets.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no sheet {name}")).1
}

/// The figures of the row whose 项目 is `label` (from the third column on).
fn row(grid: &Grid, label: &str) -> Vec<i64> {
    let r = grid.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("no row {label}"));
    r[2..].iter().take_while(|c| !c.is_empty()).map(|c| c.parse::<f64>().unwrap() as i64).collect()
}

#[test]
fn every_form_figure_equals_a_count_taken_straight_from_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let (ledger, sheets, _) = setup(dir.path());
    let conn = ledger.conn();
    let unit: String = conn
        .query_row("SELECT value FROM settings WHERE key = 'unit_name'", [], |r| r.get(0))
        .unwrap();
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names[..9],
        [
            "离休干部（机关）",
            "离休干部（事业单位）",
            "离休干部（企业）",
            "退休干部",
            "离休两年变化",
            "退休两年变化",
            "党组织设置",
            "管理现状",
            "基本情况统计表"
        ]
    );

    // 离休干部基本情况统计表, per unit kind.
    let periods = [
        ("0000-00-00", "1927-07-31"),
        ("1927-07-31", "1937-07-06"),
        ("1937-07-06", "1942-12-31"),
        ("1942-12-31", "1945-09-02"),
        ("1945-09-02", "1949-09-30"),
    ];
    let mut lixiu_seen = 0;
    for (code, label) in [("organ", "机关"), ("institution", "事业单位"), ("enterprise", "企业")]
    {
        let grid = sheet(&sheets, &format!("离休干部（{label}）"));
        let base = format!("{AT_END} AND retirement_kind = 'lixiu' AND unit_kind = '{code}'");
        let mut want = vec![
            sql_count(conn, &base),
            sql_count(conn, &format!("{base} AND {PARTY}")),
            sql_count(conn, &format!("{base} AND {DEPENDENT}")),
            sql_count(conn, &format!("{base} AND {AGE} BETWEEN 70 AND 79")),
            sql_count(conn, &format!("{base} AND {AGE} >= 80")),
        ];
        for (after, upto) in periods {
            let p = format!("{base} AND {WORK_FROM} > '{after}' AND {WORK_FROM} <= '{upto}'");
            want.push(sql_count(conn, &p));
            want.push(sql_count(conn, &format!("{p} AND residence = 'local'")));
        }
        assert_eq!(row(grid, &unit), want, "{label}");
        assert_eq!(row(grid, "合    计"), want, "{label} 合计");
        lixiu_seen += want[0];
        // The 在京 label is the unit's setting.
        assert!(grid.iter().flatten().any(|c| c == "在京"), "{label}");
    }
    assert!(
        lixiu_seen > 0,
        "the demo ledger should have 离休 cadres for this test to mean anything"
    );

    // 退休干部基本情况统计表: rows 总数 and 其中…, columns 总数 then per unit kind 合计 + grades.
    let grid = sheet(&sheets, "退休干部");
    let retirees = format!("{AT_END} AND retirement_kind IN ('tuixiu', 'tuizhi')");
    let grades = [
        "provincial_full",
        "provincial_deputy",
        "bureau_full",
        "bureau_deputy",
        "county_full",
        "county_deputy",
        "section_full",
        "section_deputy",
        "staff_other",
    ];
    for (label, extra) in [
        ("总数", "1"),
        ("其中：中共党员", PARTY),
        ("生活不能自理", DEPENDENT),
        ("70岁至79岁", &format!("{AGE} BETWEEN 70 AND 79") as &str),
        ("80岁及以上", &format!("{AGE} >= 80")),
    ] {
        let base = format!("{retirees} AND {extra}");
        let mut want = vec![sql_count(conn, &base)];
        for unit_kind in ["organ", "institution", "enterprise"] {
            let of_unit = format!("{base} AND unit_kind = '{unit_kind}'");
            want.push(sql_count(conn, &of_unit));
            for g in grades {
                want.push(sql_count(conn, &format!("{of_unit} AND grade = '{g}'")));
            }
        }
        assert_eq!(row(grid, label), want, "退休 {label}");
    }

    // 两年数字变化情况统计表: 上年 from the recorded 2025 count, the rest from the roster.
    for (sheet_name, kinds) in
        [("离休两年变化", "('lixiu')"), ("退休两年变化", "('tuixiu', 'tuizhi')")]
    {
        let grid = sheet(&sheets, sheet_name);
        let mut totals = vec![0i64; 8];
        for (code, label) in
            [("organ", "机关"), ("institution", "事业单位"), ("enterprise", "企业")]
        {
            let mine = format!(
                "voided_at IS NULL AND retirement_kind IN {kinds} AND unit_kind = '{code}'"
            );
            let last: i64 = conn
                .query_row(
                    &format!(
                        "SELECT coalesce(sum(total), 0) FROM year_end_counts
                         WHERE year = 2025 AND unit_kind = '{code}' AND retirement_kind IN {kinds}"
                    ),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            let new = sql_count(conn, &format!("{mine} AND substr(retired_on, 1, 4) = '2026'"));
            let deaths = sql_count(
                conn,
                &format!(
                    "{mine} AND substr(died_on, 1, 4) = '2026'
                     AND (retired_on IS NULL OR substr(retired_on, 1, 4) <= '2026')"
                ),
            );
            let end = format!("{mine} AND {AT_END}");
            let want = vec![
                last,
                new,
                deaths,
                last + new - deaths,
                sql_count(conn, &end),
                sql_count(conn, &format!("{end} AND residence = 'local'")),
                sql_count(conn, &format!("{end} AND {PARTY}")),
                sql_count(conn, &format!("{end} AND {WORK_FROM} <= '1949-09-30'")),
            ];
            assert_eq!(row(grid, label), want, "{sheet_name} {label}");
            for (t, w) in totals.iter_mut().zip(&want) {
                *t += w;
            }
        }
        assert_eq!(row(grid, "合    计"), totals, "{sheet_name} 合计");
        // The reconciliation's 说明 says whether 实有 agrees with 应有.
        let agrees = totals[3] == totals[4];
        let said = grid.iter().flatten().any(|c| c.contains("实有数与应有数相符"));
        assert_eq!(said, agrees, "{sheet_name}");
        if sheet_name == "退休两年变化" {
            assert_eq!(totals[4] - totals[3], 1, "the late entry makes 实有 one more than 应有");
            assert!(grid.iter().flatten().any(|c| c.contains("企业实有数比应有数多1人")));
        }
    }

    // 离退休干部党组织设置情况, from the branches table.
    let grid = sheet(&sheets, "党组织设置");
    let of = |kind: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM party_branches WHERE voided_at IS NULL AND kind = ?1",
            [kind],
            |r| r.get(0),
        )
        .unwrap()
    };
    let branches: i64 = conn
        .query_row(
            "SELECT count(*) FROM party_branches WHERE voided_at IS NULL AND kind <> 'general'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let groups: i64 = conn
        .query_row("SELECT sum(groups) FROM party_branches WHERE voided_at IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    let want = vec![
        of("general"),
        branches,
        of("lixiu"),
        of("combined"),
        of("tuixiu"),
        of("lixiu_with_serving"),
        of("tuixiu_with_serving"),
        groups,
    ];
    assert_eq!(row(grid, &unit), want);
    assert_eq!(want, [1, 4, 1, 1, 2, 0, 0, 8]);

    // 管理现状统计表, from the profiles of the people counted at the year end; a person without a
    // profile (the late entry) counts in 总数 only, the deceased and the voided not at all.
    let grid = sheet(&sheets, "管理现状");
    let flagged = |column: &str| {
        sql_count(
            conn,
            &format!(
                "{AT_END} AND id IN (SELECT person_id FROM person_profiles WHERE {column} = 1)"
            ),
        )
    };
    let want = vec![
        sql_count(conn, AT_END),
        flagged("pension_socialized"),
        flagged("local_medical_insurance"),
        flagged("party_transferred"),
        flagged("file_transferred"),
        flagged("managed_elsewhere"),
    ];
    assert_eq!(row(grid, &unit), want);
    assert_eq!(row(grid, "合    计"), want);
    let flagged_dead: i64 = conn
        .query_row(
            "SELECT count(*) FROM people JOIN person_profiles ON person_id = id
             WHERE died_on IS NOT NULL AND pension_socialized = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(flagged_dead > 0, "the demo flags some of the deceased, whom the form leaves out");
    assert!(want[1] > want[0] / 2 && want[5] < want[0] / 4, "the demo's shares: {want:?}");
    assert!(want[1..].iter().all(|n| *n > 0), "every column has someone: {want:?}");
}

/// The forms' text, row by row, with each sheet's merged ranges and paper size: what a reviewer
/// checks against the bureau's printed forms.
fn render(sheets: &[(String, Grid)], path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    for (i, (name, grid)) in sheets.iter().enumerate().take(8) {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let merges: Vec<&str> =
            xml.split("<mergeCell ref=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        let paper = xml.split("paperSize=\"").nth(1).map_or("", |s| &s[..s.find('"').unwrap()]);
        out.push_str(&format!("=== {name} (paper {paper}; merged {})\n", merges.join(" ")));
        for r in grid {
            if r.iter().any(|c| !c.is_empty()) {
                let line: Vec<String> = r.iter().map(|c| c.replace('\n', "⏎")).collect();
                out.push_str(line.join(" | ").trim_end_matches([' ', '|']));
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn the_forms_match_their_reviewed_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (_ledger, sheets, path) = setup(dir.path());
    let got = render(&sheets, &path);
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/forms_2026.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &got).unwrap();
    }
    if let Some(keep) = std::env::var_os("KEEP_FORMS_FILE") {
        std::fs::copy(&path, Path::new(&keep)).unwrap();
    }
    let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
    if got != want {
        let first = got.lines().zip(want.lines()).position(|(a, b)| a != b);
        panic!(
            "the forms differ from {} (first differing line {:?}); review the change and run with \
             UPDATE_SNAPSHOTS=1 to accept it",
            snapshot.display(),
            first.map(|i| (i + 1, got.lines().nth(i), want.lines().nth(i)))
        );
    }
}
