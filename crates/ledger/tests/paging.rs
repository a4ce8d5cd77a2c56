//! Paged ledger lists on a real demo ledger file: walking every page gives exactly the rows of the
//! unpaged list the exports use, in the same order; sorting orders the whole selection; filters
//! select what the unpaged list selects; the totals beside a page are the sums over all pages.
#![allow(clippy::unwrap_used)] // Test helpers panic on purpose: a failed setup is a failed test.

use chrono::NaiveDate;
use ledger::domain::model::VisitKind;
use ledger::domain::period::Period;
use ledger::progress::Silent;
use ledger::tables::hospital::{HospitalStay, StayQuery};
use ledger::tables::paging::hospital::StaySort;
use ledger::tables::paging::subsidies::SubsidySort;
use ledger::tables::paging::visits::VisitSort;
use ledger::tables::paging::{Page, PageRequest};
use ledger::tables::subsidies::SubsidyQuery;
use ledger::tables::visits::VisitQuery;
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
        let all = ledger::tables::visits::list(conn, &q).unwrap();
        let req = PageRequest::first(q.clone(), 0);
        let (rows, total, totals) =
            all_pages(&req, 37, |r| ledger::tables::paging::visits::page(conn, r).unwrap());
        assert!(all.len() > 37, "the demo gives more than one page for {q:?}");
        assert_eq!(total as usize, all.len(), "{q:?}");
        assert_eq!(rows, all, "pages in the natural order are the unpaged list: {q:?}");
        let amount: i64 = all.iter().map(|v| v.input.amount.0).sum();
        let persons = all.iter().map(|v| v.input.person_id).collect::<HashSet<_>>().len();
        assert_eq!((totals.amount.0, totals.persons as usize), (amount, persons), "{q:?}");
    }

    let q = VisitQuery { period: Some(year), ..Default::default() };
    let all_ids: HashSet<_> =
        ledger::tables::visits::list(conn, &q).unwrap().iter().map(|v| v.id).collect();
    for (sort, desc) in
        [(VisitSort::Amount, true), (VisitSort::PersonName, false), (VisitSort::Date, false)]
    {
        let req = PageRequest { sort: Some(sort), desc, ..PageRequest::first(q.clone(), 0) };
        let (rows, _, _) =
            all_pages(&req, 50, |r| ledger::tables::paging::visits::page(conn, r).unwrap());
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
    let period_totals = ledger::tables::subsidies::totals(conn, year).unwrap();
    // The kind paid most often, so its filter still spans several pages.
    let some_kind = period_totals.kinds.iter().max_by_key(|k| k.count).unwrap().kind.clone();
    for q in [
        SubsidyQuery { period: Some(year), ..Default::default() },
        SubsidyQuery { period: Some(year), kind: Some(some_kind), ..Default::default() },
    ] {
        let all = ledger::tables::subsidies::list(conn, &q).unwrap();
        let (rows, total, totals) = all_pages(&PageRequest::first(q.clone(), 0), 9, |r| {
            ledger::tables::paging::subsidies::page(conn, r).unwrap()
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
    let (rows, _, _) =
        all_pages(&req, 40, |r| ledger::tables::paging::subsidies::page(conn, r).unwrap());
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
        let stay = ledger::tables::hospital::HospitalStayInput {
            person_id: ledger::domain::model::PersonId(person),
            hospital: "市第一人民医院".into(),
            department: String::new(),
            condition: String::new(),
            admitted_on: today(),
            discharged_on: None,
            notes: String::new(),
        };
        ledger::tables::hospital::insert(conn, &stamp, &stay, today()).unwrap();
    }
    let flagged = |all: &[HospitalStay], flag: ledger::tables::hospital::StayFlag| {
        all.iter().filter(|s| s.flags.contains(&flag)).count() as u32
    };
    for q in [
        StayQuery::default(),
        StayQuery { period: Some(Period::new(2025, None).unwrap()), ..Default::default() },
        StayQuery { flagged_only: true, ..Default::default() },
        StayQuery { open_only: true, ..Default::default() },
    ] {
        let all = ledger::tables::hospital::list(conn, &q, today()).unwrap();
        let (rows, total, totals) = all_pages(&PageRequest::first(q.clone(), 0), 7, |r| {
            ledger::tables::paging::hospital::page(conn, r, today()).unwrap()
        });
        assert!(!all.is_empty(), "the demo has stays for {q:?}");
        assert_eq!((total as usize, &rows), (all.len(), &all), "{q:?}");
        let persons = all.iter().map(|s| s.input.person_id).collect::<HashSet<_>>().len();
        let open = all.iter().filter(|s| s.input.discharged_on.is_none()).count() as u32;
        assert_eq!(
            totals,
            ledger::tables::paging::hospital::StayTotals {
                persons: persons as u32,
                in_hospital: open,
                not_visited: flagged(&all, ledger::tables::hospital::StayFlag::NotVisited),
                no_follow_up: flagged(&all, ledger::tables::hospital::StayFlag::NoFollowUp),
            },
            "{q:?}"
        );
    }
    let q = StayQuery::default();
    let req =
        PageRequest { sort: Some(StaySort::AdmittedOn), desc: false, ..PageRequest::first(q, 0) };
    let (rows, _, _) =
        all_pages(&req, 10, |r| ledger::tables::paging::hospital::page(conn, r, today()).unwrap());
    assert!(is_sorted_by(&rows, |s| s.input.admitted_on, false));
}

#[test]
fn checkup_pages_are_the_round() {
    use ledger::tables::checkups::CheckupStatus;
    use ledger::tables::paging::checkups::{CheckupFilter, CheckupSort};
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path());
    let conn = ledger.conn();
    for year in [2024, 2026] {
        let round = ledger::tables::checkups::round(conn, year).unwrap();
        for status in [None, Some(CheckupStatus::Attended), Some(CheckupStatus::NotRecorded)] {
            let filter = CheckupFilter { year, status, search: String::new() };
            let (rows, total, totals) = all_pages(&PageRequest::first(filter, 0), 45, |r| {
                ledger::tables::paging::checkups::page(conn, r).unwrap()
            });
            let want: Vec<_> = round
                .rows
                .iter()
                .filter(|r| status.is_none_or(|s| r.status == s))
                .cloned()
                .collect();
            // (A past year's round may have nobody left unrecorded.)
            assert!(status.is_some() || want.len() > 45, "{year}: more than one page");
            assert_eq!((total as usize, &rows), (want.len(), &want), "{year} {status:?}");
            assert_eq!(
                (totals.living, totals.attended, totals.absent, totals.not_recorded),
                (round.living, round.attended, round.absent, round.not_recorded),
                "the round's figures whatever the filter"
            );
            assert!((totals.rate - round.rate).abs() < 1e-12);
        }
    }
    // A name search and a sort by status.
    let round = ledger::tables::checkups::round(conn, 2026).unwrap();
    let name = round.rows[round.rows.len() / 2].name.clone();
    let filter = CheckupFilter { year: 2026, status: None, search: name.clone() };
    let page =
        ledger::tables::paging::checkups::page(conn, &PageRequest::first(filter, 0)).unwrap();
    assert!(!page.rows.is_empty() && page.rows.iter().all(|r| r.name.contains(&name)));
    let filter = CheckupFilter { year: 2026, status: None, search: String::new() };
    let req = PageRequest {
        sort: Some(CheckupSort::Status),
        desc: false,
        ..PageRequest::first(filter, 0)
    };
    let (rows, _, _) =
        all_pages(&req, 100, |r| ledger::tables::paging::checkups::page(conn, r).unwrap());
    let code = |s: CheckupStatus| serde_json::to_string(&s).unwrap();
    assert!(is_sorted_by(&rows, |r| code(r.status), false));
}

#[test]
fn campaign_target_pages_are_the_coverage() {
    use ledger::tables::paging::campaigns::{CoverageFilter, CoverageShow, CoverageSort};
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path());
    let conn = ledger.conn();
    // The demo's largest campaign, with some people visited and some not.
    let summary = ledger::tables::campaigns::list(conn, None)
        .unwrap()
        .into_iter()
        .filter(|c| c.visited > 0 && c.visited < c.total)
        .max_by_key(|c| c.total)
        .expect("a campaign part-way through");
    let id = summary.campaign.id;
    let coverage = ledger::tables::campaigns::coverage(conn, id).unwrap();
    for show in [CoverageShow::All, CoverageShow::Todo, CoverageShow::Done] {
        let filter = CoverageFilter { campaign_id: id, show, search: String::new() };
        let (rows, total, totals) = all_pages(&PageRequest::first(filter, 0), 13, |r| {
            ledger::tables::paging::campaigns::page(conn, r).unwrap()
        });
        let want: Vec<_> = coverage
            .rows
            .iter()
            .filter(|r| match show {
                CoverageShow::All => true,
                CoverageShow::Todo => r.visited_on.is_none(),
                CoverageShow::Done => r.visited_on.is_some(),
            })
            .cloned()
            .collect();
        assert!(!want.is_empty(), "{show:?}");
        assert_eq!((total as usize, &rows), (want.len(), &want), "{show:?}");
        assert_eq!((totals.targets, totals.visited), (coverage.total, coverage.visited));
    }
    let todo: HashSet<_> = ledger::tables::paging::campaigns::todo(conn, id)
        .unwrap()
        .into_iter()
        .map(|t| (t.person_id, t.name))
        .collect();
    let want: HashSet<_> = coverage
        .rows
        .iter()
        .filter(|r| r.visited_on.is_none())
        .map(|r| (r.person_id, r.name.clone()))
        .collect();
    assert_eq!(todo, want);

    let filter = CoverageFilter { campaign_id: id, show: CoverageShow::All, search: String::new() };
    let req =
        PageRequest { sort: Some(CoverageSort::Name), desc: true, ..PageRequest::first(filter, 0) };
    let (rows, _, _) =
        all_pages(&req, 20, |r| ledger::tables::paging::campaigns::page(conn, r).unwrap());
    assert!(is_sorted_by(&rows, |r| r.name.clone(), true));
}

#[test]
fn survivor_pages_are_the_survivor_list() {
    use ledger::tables::paging::deaths::{SurvivorFilter, SurvivorSort};
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path());
    let conn = ledger.conn();
    let all = ledger::tables::deaths::survivors(conn).unwrap();
    assert!(all.len() > 5, "the demo has survivors");
    let someone = all[all.len() / 2].name.clone();
    let cases = [
        (SurvivorFilter::default(), all.clone()),
        (
            SurvivorFilter { aid_only: true, ..Default::default() },
            all.iter().filter(|s| s.survivor_aid).cloned().collect(),
        ),
        (
            SurvivorFilter { search: someone.clone(), ..Default::default() },
            all.iter()
                .filter(|s| s.name.contains(&someone) || s.deceased_name.contains(&someone))
                .cloned()
                .collect(),
        ),
    ];
    for (filter, want) in cases {
        let (rows, total, totals) = all_pages(&PageRequest::first(filter.clone(), 0), 4, |r| {
            ledger::tables::paging::deaths::page(conn, r).unwrap()
        });
        assert!(!want.is_empty(), "{filter:?}");
        assert_eq!((total as usize, &rows), (want.len(), &want), "{filter:?}");
        let deceased = want.iter().map(|s| s.person_id).collect::<HashSet<_>>().len() as u32;
        let with_aid = want.iter().filter(|s| s.survivor_aid).count() as u32;
        assert_eq!((totals.deceased, totals.with_aid), (deceased, with_aid), "{filter:?}");
    }
    let req = PageRequest {
        sort: Some(SurvivorSort::Name),
        desc: false,
        ..PageRequest::first(SurvivorFilter::default(), 0)
    };
    let (rows, _, _) =
        all_pages(&req, 10, |r| ledger::tables::paging::deaths::page(conn, r).unwrap());
    assert!(is_sorted_by(&rows, |s| s.name.clone(), false));
}

#[test]
fn member_pages_are_the_member_list() {
    use ledger::domain::model::PartyContact;
    use ledger::tables::paging::party::{MemberFilter, MemberSort};
    use ledger::tables::party::dues_behind;
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path());
    let conn = ledger.conn();
    let all = ledger::tables::party::list_members(conn, None).unwrap();
    assert!(all.len() > 50, "the demo has members");
    let branch = all[all.len() / 2].branch.clone();
    let someone = all[all.len() / 3].name.clone();
    let cases = [
        (MemberFilter::default(), all.clone()),
        (
            MemberFilter { branch: Some(branch.clone()), ..Default::default() },
            all.iter().filter(|m| m.branch == branch).cloned().collect(),
        ),
        (
            MemberFilter { search: someone.clone(), ..Default::default() },
            all.iter().filter(|m| m.name.contains(&someone)).cloned().collect(),
        ),
    ];
    for (filter, want) in cases {
        let (rows, total, totals) = all_pages(&PageRequest::first(filter.clone(), 0), 7, |r| {
            ledger::tables::paging::party::page(conn, r, today(), 3).unwrap()
        });
        assert!(!want.is_empty(), "{filter:?}");
        let got: Vec<_> = rows.iter().map(|r| r.member.clone()).collect();
        assert_eq!((total as usize, &got), (want.len(), &want), "{filter:?}");
        let behind = want.iter().filter(|m| dues_behind(m.info.dues_paid_to, today(), 3)).count();
        let not_normal = want.iter().filter(|m| m.info.contact != PartyContact::Normal).count();
        assert_eq!(
            (totals.dues_behind as usize, totals.not_normal as usize),
            (behind, not_normal),
            "{filter:?}"
        );
        assert!(rows
            .iter()
            .all(|r| r.dues_behind == dues_behind(r.member.info.dues_paid_to, today(), 3)));
        assert!(totals.branches.contains(&branch));
    }
    let req = PageRequest {
        sort: Some(MemberSort::Name),
        desc: true,
        ..PageRequest::first(MemberFilter::default(), 0)
    };
    let (rows, _, _) =
        all_pages(&req, 50, |r| ledger::tables::paging::party::page(conn, r, today(), 3).unwrap());
    assert!(is_sorted_by(&rows, |r| r.member.name.clone(), true));
}
