//! Paged ledger lists on a real demo ledger file: walking every page gives exactly the rows of the
//! unpaged list the exports use, in the same order; sorting orders the whole selection; filters
//! select what the unpaged list selects; the totals beside a page are the sums over all pages.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::hospital::{HospitalStay, StayQuery};
use ledger::model::VisitKind;
use ledger::paging::hospital::StaySort;
use ledger::paging::subsidies::SubsidySort;
use ledger::paging::visits::VisitSort;
use ledger::paging::{Page, PageRequest};
use ledger::period::Period;
use ledger::progress::Silent;
use ledger::subsidies::SubsidyQuery;
use ledger::visits::VisitQuery;
use ledger::{Ledger, Stamp};
use std::collections::HashSet;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn demo(dir: &std::path::Path) -> Ledger {
    let mut ledger = Ledger::open(&dir.join("ledger.db")).unwrap();
    let stamp = Stamp { actor: "测试员".into(), now: today().and_hms_opt(9, 0, 0).unwrap() };
    ledger::demo::populate(&mut ledger, &stamp, 300, 11, today(), &Silent).unwrap();
    ledger
}

/// Every page of a request, `limit` rows at a time; checks each page's count and totals agree
/// with the first page's (they describe the whole selection, not the page).
fn all_pages<F: Clone, K: Clone, T, S: PartialEq + std::fmt::Debug>(
    req: &PageRequest<F, K>,
    limit: u32,
    fetch: impl Fn(&PageRequest<F, K>) -> Page<T, S>,
) -> (Vec<T>, u32, S) {
    let mut req = req.clone();
    req.limit = limit;
    req.offset = 0;
    let first = fetch(&req);
    let (total, totals) = (first.total, first.totals);
    let mut rows = first.rows;
    while (rows.len() as u32) < total {
        req.offset = rows.len() as u32;
        let page = fetch(&req);
        assert_eq!((page.total, &page.totals), (total, &totals), "offset {}", req.offset);
        assert!(!page.rows.is_empty() && page.rows.len() as u32 <= limit);
        rows.extend(page.rows);
    }
    req.offset = total;
    assert!(fetch(&req).rows.is_empty(), "nothing after the last page");
    (rows, total, totals)
}

fn is_sorted_by<T, V: PartialOrd>(rows: &[T], key: impl Fn(&T) -> V, desc: bool) -> bool {
    rows.windows(2).all(|w| {
        let (a, b) = (key(&w[0]), key(&w[1]));
        if desc {
            a >= b
        } else {
            a <= b
        }
    })
}

#[test]
fn visit_pages_walk_the_whole_selection_with_its_totals() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path());
    let conn = ledger.conn();
    let year = Period::new(2026, None).unwrap();
    let filters = [
        VisitQuery { period: Some(year), ..Default::default() },
        VisitQuery { period: Some(Period::new(2026, Some(1)).unwrap()), ..Default::default() },
        VisitQuery { period: Some(year), kind: Some(VisitKind::Holiday), ..Default::default() },
        VisitQuery { period: Some(year), search: "zh".into(), ..Default::default() },
        VisitQuery::default(),
    ];
    for q in filters {
        let all = ledger::visits::list(conn, &q).unwrap();
        let req = PageRequest::first(q.clone(), 0);
        let (rows, total, totals) =
            all_pages(&req, 37, |r| ledger::paging::visits::page(conn, r).unwrap());
        assert!(all.len() > 37, "the demo gives more than one page for {q:?}");
        assert_eq!(total as usize, all.len(), "{q:?}");
        assert_eq!(rows, all, "pages in the natural order are the unpaged list: {q:?}");
        let amount: i64 = all.iter().map(|v| v.input.amount.0).sum();
        let persons = all.iter().map(|v| v.input.person_id).collect::<HashSet<_>>().len();
        assert_eq!((totals.amount.0, totals.persons as usize), (amount, persons), "{q:?}");
    }

    let q = VisitQuery { period: Some(year), ..Default::default() };
    let all_ids: HashSet<_> =
        ledger::visits::list(conn, &q).unwrap().iter().map(|v| v.id).collect();
    for (sort, desc) in
        [(VisitSort::Amount, true), (VisitSort::PersonName, false), (VisitSort::Date, false)]
    {
        let req = PageRequest { sort: Some(sort), desc, ..PageRequest::first(q.clone(), 0) };
        let (rows, _, _) = all_pages(&req, 50, |r| ledger::paging::visits::page(conn, r).unwrap());
        assert_eq!(rows.iter().map(|v| v.id).collect::<HashSet<_>>(), all_ids, "{sort:?}");
        let ok = match sort {
            VisitSort::Amount => is_sorted_by(&rows, |v| v.input.amount.0, desc),
            VisitSort::PersonName => is_sorted_by(&rows, |v| v.person_name.clone(), desc),
            _ => is_sorted_by(&rows, |v| v.input.date, desc),
        };
        assert!(ok, "sorted by {sort:?}");
    }
}

#[test]
fn subsidy_pages_walk_the_whole_selection_with_its_totals() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path());
    let conn = ledger.conn();
    let year = Period::new(2025, None).unwrap();
    let period_totals = ledger::subsidies::totals(conn, year).unwrap();
    // The kind paid most often, so its filter still spans several pages.
    let some_kind = period_totals.kinds.iter().max_by_key(|k| k.count).unwrap().kind.clone();
    for q in [
        SubsidyQuery { period: Some(year), ..Default::default() },
        SubsidyQuery { period: Some(year), kind: Some(some_kind), ..Default::default() },
    ] {
        let all = ledger::subsidies::list(conn, &q).unwrap();
        let (rows, total, totals) = all_pages(&PageRequest::first(q.clone(), 0), 9, |r| {
            ledger::paging::subsidies::page(conn, r).unwrap()
        });
        assert!(all.len() > 9, "more than one page for {q:?}");
        assert_eq!((total as usize, &rows), (all.len(), &all), "{q:?}");
        let amount: i64 = all.iter().map(|s| s.amount.0).sum();
        let recipients =
            all.iter().map(|s| (s.person_id, s.survivor_id)).collect::<HashSet<_>>().len();
        assert_eq!((totals.amount.0, totals.persons as usize), (amount, recipients));
        if q.kind.is_none() {
            // The same figures as the period's totals by kind.
            assert_eq!(
                (total, totals.persons, totals.amount),
                (period_totals.count, period_totals.persons, period_totals.amount)
            );
        }
    }
    let q = SubsidyQuery { period: Some(year), ..Default::default() };
    let req =
        PageRequest { sort: Some(SubsidySort::Amount), desc: true, ..PageRequest::first(q, 0) };
    let (rows, _, _) = all_pages(&req, 40, |r| ledger::paging::subsidies::page(conn, r).unwrap());
    assert!(is_sorted_by(&rows, |s| s.amount.0, true));
}

#[test]
fn stay_pages_filter_and_count_flags_as_the_rule_does() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path());
    let conn = ledger.conn();
    // The demo discharges everyone by the day it is made: admit two people today, so "still in
    // hospital" selects something.
    let stamp = Stamp { actor: "测试员".into(), now: today().and_hms_opt(10, 0, 0).unwrap() };
    for person in [1, 2] {
        let stay = ledger::hospital::HospitalStayInput {
            person_id: ledger::model::PersonId(person),
            hospital: "市第一人民医院".into(),
            department: String::new(),
            condition: String::new(),
            admitted_on: today(),
            discharged_on: None,
            notes: String::new(),
        };
        ledger::hospital::insert(conn, &stamp, &stay, today()).unwrap();
    }
    let flagged = |all: &[HospitalStay], flag: ledger::hospital::StayFlag| {
        all.iter().filter(|s| s.flags.contains(&flag)).count() as u32
    };
    for q in [
        StayQuery::default(),
        StayQuery { period: Some(Period::new(2025, None).unwrap()), ..Default::default() },
        StayQuery { flagged_only: true, ..Default::default() },
        StayQuery { open_only: true, ..Default::default() },
    ] {
        let all = ledger::hospital::list(conn, &q, today()).unwrap();
        let (rows, total, totals) = all_pages(&PageRequest::first(q.clone(), 0), 7, |r| {
            ledger::paging::hospital::page(conn, r, today()).unwrap()
        });
        assert!(!all.is_empty(), "the demo has stays for {q:?}");
        assert_eq!((total as usize, &rows), (all.len(), &all), "{q:?}");
        let persons = all.iter().map(|s| s.input.person_id).collect::<HashSet<_>>().len();
        let open = all.iter().filter(|s| s.input.discharged_on.is_none()).count() as u32;
        assert_eq!(
            totals,
            ledger::paging::hospital::StayTotals {
                persons: persons as u32,
                in_hospital: open,
                not_visited: flagged(&all, ledger::hospital::StayFlag::NotVisited),
                no_follow_up: flagged(&all, ledger::hospital::StayFlag::NoFollowUp),
            },
            "{q:?}"
        );
    }
    let q = StayQuery::default();
    let req =
        PageRequest { sort: Some(StaySort::AdmittedOn), desc: false, ..PageRequest::first(q, 0) };
    let (rows, _, _) =
        all_pages(&req, 10, |r| ledger::paging::hospital::page(conn, r, today()).unwrap());
    assert!(is_sorted_by(&rows, |s| s.input.admitted_on, false));
}
