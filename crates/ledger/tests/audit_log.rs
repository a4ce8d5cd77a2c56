//! The 修改记录 of the whole ledger on a real demo ledger file: filtering by person finds the entries
//! of every record about that person (the person filter and the person shown on a row are two
//! different SQL paths, and they must agree), the other filters select what a scan of every entry
//! selects, pages walk the whole selection once, and a logged reveal shows up in Chinese.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::domain::model::PersonId;
use ledger::progress::Silent;
use ledger::reports::audit_log::{self, AuditQuery, AuditRow};
use ledger::tables::people;
use ledger::{Ledger, Stamp};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn stamp(actor: &str, day: NaiveDate) -> Stamp {
    Stamp { actor: actor.into(), now: day.and_hms_opt(9, 0, 0).unwrap() }
}

/// Every row of a query, walked 97 at a time; each page's total is the whole selection's.
fn all(conn: &rusqlite::Connection, q: &AuditQuery) -> Vec<AuditRow> {
    let mut q = q.clone();
    q.limit = 97;
    q.offset = 0;
    let mut rows = Vec::new();
    let total = audit_log::page(conn, &q).unwrap().total;
    loop {
        let page = audit_log::page(conn, &q).unwrap();
        assert_eq!(page.total, total);
        if page.rows.is_empty() {
            break;
        }
        q.offset += page.rows.len() as u32;
        rows.extend(page.rows);
    }
    assert_eq!(rows.len() as u32, total, "the pages hold the whole selection once");
    assert!(rows.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    rows
}

#[test]
fn the_whole_log_filters_pages_and_reads_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    ledger::demo::populate(&mut ledger, &stamp("测试员", today()), 300, 11, today(), &Silent)
        .unwrap();
    let conn = ledger.conn();

    // A person with work records of several kinds.
    let busiest: i64 = conn
        .query_row(
            "SELECT person_id FROM visits GROUP BY person_id ORDER BY COUNT(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let later = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let contact = people::reveal(conn, &stamp("王会计", later), PersonId(busiest)).unwrap();
    assert!(!contact.id_number.is_empty());

    let everything = all(conn, &AuditQuery::default());
    assert!(everything.len() > 1000, "a demo ledger logs every record: {}", everything.len());

    // By person: the OR of lookups agrees with the person each row names.
    let by_person =
        all(conn, &AuditQuery { person_id: Some(PersonId(busiest)), ..Default::default() });
    let want: Vec<i64> = everything
        .iter()
        .filter(|r| r.person_id == Some(PersonId(busiest)))
        .map(|r| r.id)
        .collect();
    assert_eq!(by_person.iter().map(|r| r.id).collect::<Vec<_>>(), want);
    let kinds: std::collections::HashSet<&str> =
        by_person.iter().map(|r| r.entity.as_str()).collect();
    assert!(kinds.contains("person") && kinds.contains("visit"), "{kinds:?}");

    // The reveal: newest, by its operator, in Chinese, with the person's name.
    let reveal = &by_person[0];
    assert_eq!(
        (reveal.action_label.as_str(), reveal.actor.as_str(), reveal.entity_label.as_str()),
        ("查看完整信息", "王会计", "人员信息")
    );
    assert!(!reveal.person_name.is_empty());

    // By kind, operator and period: what a scan of every entry selects.
    let visits = all(conn, &AuditQuery { entity: Some("visit".into()), ..Default::default() });
    assert_eq!(visits.len(), everything.iter().filter(|r| r.entity == "visit").count());
    assert!(visits.iter().all(|r| r.entity_label == "走访慰问" && r.person_id.is_some()));
    let by_actor = all(conn, &AuditQuery { actor: Some("王会计".into()), ..Default::default() });
    assert_eq!(by_actor.iter().map(|r| r.id).collect::<Vec<_>>(), vec![reveal.id]);
    let on_day =
        all(conn, &AuditQuery { from: Some(later), to: Some(later), ..Default::default() });
    assert_eq!(on_day.len(), 1);
    let before = all(conn, &AuditQuery { to: Some(today()), ..Default::default() });
    assert_eq!(before.len(), everything.len() - 1);
    assert_eq!(audit_log::actors(conn).unwrap(), vec!["测试员".to_string(), "王会计".to_string()]);

    // A creation reads as labelled values, never as codes or JSON.
    let created = visits.iter().find(|r| r.action == "create").unwrap();
    assert_eq!(created.action_label, "新增");
    let kind = created.lines.iter().find(|l| l.field == "kind").unwrap();
    assert_eq!(kind.label, "类别");
    assert!(!kind.new.is_ascii(), "the kind in Chinese: {}", kind.new);
    let date = created.lines.iter().find(|l| l.field == "date").unwrap();
    assert!(date.new.contains('.') && date.old == "（空）", "{date:?}");
    // A linked person reads as their name, not their number.
    let person = created.lines.iter().find(|l| l.field == "person_id").unwrap();
    assert_eq!(person.new, created.person_name);
}

/// The Excel export holds the page's selection, every page of it, in the page's words.
#[test]
fn the_export_holds_the_selection_in_chinese() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    ledger::demo::populate(&mut ledger, &stamp("测试员", today()), 120, 5, today(), &Silent)
        .unwrap();
    let conn = ledger.conn();
    let q = AuditQuery { entity: Some("visit".into()), ..Default::default() };
    let want = all(conn, &q);
    assert!(want.len() > audit_log::MAX_LIMIT as usize, "more than one page: {}", want.len());
    let path = dir.path().join(ledger::export::names::audit_log_file_name("测试单位", today()));
    let n = ledger::export::audit_log::export(conn, &q, today(), &path).unwrap();
    assert_eq!(n as usize, want.len());

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("修改记录").unwrap();
    let text = |r: u32, c: u32| sheet.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
    let header: Vec<String> = (0..8).map(|c| text(2, c)).collect();
    assert_eq!(header[1..4], ["时间", "操作人", "记录类别"]);
    for (i, row) in want.iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(text(r, 1), row.at);
        assert_eq!(text(r, 3), "走访慰问");
        assert_eq!(text(r, 4), row.person_name);
        let first = &row.lines[0];
        assert!(
            text(r, 6).starts_with(&format!("{}：{} → {}", first.label, first.old, first.new)),
            "row {r}: {}",
            text(r, 6)
        );
    }
    assert_eq!(text(3 + want.len() as u32, 0), format!("合计：{} 条", want.len()));
}

/// Timings of the 修改记录 page on a large ledger (not a timed test: run by hand with
/// `AUDIT_BENCH_DB=/path/ledger.db cargo test -p ledger --release --test audit_log -- --ignored --nocapture`).
#[test]
#[ignore = "a measurement on a ledger named by AUDIT_BENCH_DB"]
fn measure_pages_on_a_large_ledger() {
    let Some(path) = std::env::var_os("AUDIT_BENCH_DB") else { return };
    let ledger = Ledger::open(std::path::Path::new(&path)).unwrap();
    let conn = ledger.conn();
    let busiest: i64 = conn
        .query_row(
            "SELECT person_id FROM visits GROUP BY person_id ORDER BY COUNT(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let cases = [
        ("everything, first page", AuditQuery::default()),
        ("everything, page 1000", AuditQuery { offset: 50_000, ..Default::default() }),
        ("one person", AuditQuery { person_id: Some(PersonId(busiest)), ..Default::default() }),
        ("visits", AuditQuery { entity: Some("visit".into()), ..Default::default() }),
        ("one operator", AuditQuery { actor: Some("nobody".into()), ..Default::default() }),
        (
            "one month",
            AuditQuery {
                from: NaiveDate::from_ymd_opt(2026, 3, 1),
                to: NaiveDate::from_ymd_opt(2026, 3, 31),
                ..Default::default()
            },
        ),
    ];
    for (name, q) in cases {
        let mut times: Vec<f64> = (0..15)
            .map(|_| {
                let t = std::time::Instant::now();
                let page = audit_log::page(conn, &q).unwrap();
                assert!(page.rows.len() <= 50);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let total = audit_log::page(conn, &q).unwrap().total;
        println!("{name:>24}: median {:.1} ms ({total} entries)", times[times.len() / 2]);
    }
}
