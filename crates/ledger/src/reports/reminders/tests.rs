//! The reminder engine on real ledger files: each duty appears when it is due, and goes away by
//! itself when the record that fulfils it is entered.

use super::*;
use crate::store::db::Ledger;
use crate::tables::reminder_cases::{self as cases, Dismissal, MustVisitCaseInput};
use crate::tables::visits::VisitInput;
use crate::testing::{add, add_with_family, day, member, simple, stamp};
use crate::PartialDate;

struct Fixture {
    _dir: tempfile::TempDir,
    ledger: Ledger,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
    Fixture { _dir: dir, ledger }
}

fn pd(s: &str) -> Option<PartialDate> {
    Some(PartialDate::parse(s).unwrap())
}

/// Reminders of one kind from `on` over `days`.
fn of_kind(conn: &Connection, kind: ReminderKind, on: &str, days: u32) -> Vec<Reminder> {
    let mut q = ReminderQuery::new(day(on), days);
    q.kinds = vec![kind];
    compute(conn, &q).unwrap()
}

fn visit(conn: &Connection, person: PersonId, kind: VisitKind, on: &str) {
    let mut v = VisitInput::new(person, kind, day(on));
    if kind == VisitKind::MustVisit {
        v.reason = "家庭发生重大变故".into();
    }
    crate::tables::visits::insert(conn, &stamp(), &v).unwrap();
}

/// A retiree aged by `birth`, with a liaison.
fn elder(name: &str, birth: &str) -> PersonFields {
    PersonFields { birth: pd(birth), liaison: "王联络".into(), ..simple(name) }
}

#[test]
fn a_lunar_birthday_is_due_and_a_birthday_visit_clears_it() {
    let f = fixture();
    let c = f.ledger.conn();
    // Born 1946-09-10 = lunar 1946 八月十五 (months.tsv: 1946 八月 starts 1946-08-27); lunar 2026
    // 八月 starts 2026-09-11, so 十五 is 2026-09-25, his 80th.
    let id = add(
        c,
        PersonFields {
            lunar_birthday: Some(LunarBirthday { month: 8, day: 15, leap: false }),
            ..elder("张老", "1946-09-10")
        },
    );
    let r = of_kind(c, ReminderKind::Birthday, "2026-09-20", 30);
    assert_eq!(r.len(), 1, "{r:?}");
    let r = &r[0];
    assert_eq!(r.message, "农历八月十五生日（2026年9月25日），满80周岁整寿");
    assert_eq!((r.due, r.overdue, r.person_id), (day("2026-09-25"), false, Some(id)));
    assert_eq!(
        (r.lunar, r.age, r.round, r.day_known),
        (Some(true), Some(80), Some(true), Some(true))
    );
    assert_eq!((r.liaison.as_str(), r.action.as_str()), ("王联络", "登记生日慰问"));
    assert!(
        matches!(&r.fulfil, Fulfil::Visit { kind: VisitKind::Birthday, reason, .. } if reason == "80岁整寿")
    );
    // Only the lunar one: the solar September 10 is not a reminder.
    assert!(of_kind(c, ReminderKind::Birthday, "2026-09-01", 10).is_empty());
    // Missed: overdue the day after; gone once visited.
    assert!(of_kind(c, ReminderKind::Birthday, "2026-09-26", 30)[0].overdue);
    visit(c, id, VisitKind::Birthday, "2026-09-27");
    assert!(of_kind(c, ReminderKind::Birthday, "2026-09-26", 30).is_empty());
}

#[test]
fn which_birthdays_are_reminded() {
    let f = fixture();
    let c = f.ledger.conn();
    // On 2026-03-01 over 31 days (March 2026). Ages are 2026 − birth year.
    let cases = [
        // (birth, expected message or None) — 整寿 70/80/90/100 and every birthday from 90.
        ("1956-03-10", Some("3月10日生日（2026年3月10日），满70周岁整寿")),
        ("1947-03-10", None),
        ("1936-03-10", Some("3月10日生日（2026年3月10日），满90周岁整寿")),
        ("1933-03-12", Some("3月12日生日（2026年3月12日），93周岁")),
        ("1926-03-31", Some("3月31日生日（2026年3月31日），满100周岁整寿")),
        // Known only to the month: one entry for the month, no invented day.
        ("1946-03", Some("3月（日期不详）生日，满80周岁整寿")),
        // Known only to the year: nothing to place.
        ("1946", None),
    ];
    for (i, (birth, _)) in cases.iter().enumerate() {
        add(c, elder(&format!("人员{i}"), birth));
    }
    let r = of_kind(c, ReminderKind::Birthday, "2026-03-01", 31);
    for (i, (birth, expected)) in cases.iter().enumerate() {
        let got = r.iter().find(|r| r.name == format!("人员{i}")).map(|r| r.message.as_str());
        assert_eq!(got, *expected, "{birth}");
    }
    let month_level = r.iter().find(|r| r.message.contains("日期不详")).unwrap();
    assert_eq!((month_level.due, month_level.day_known), (day("2026-03-01"), Some(false)));
    // A month-level entry is not overdue until its month is over.
    let later = of_kind(c, ReminderKind::Birthday, "2026-03-20", 5);
    assert!(!later.iter().find(|r| r.message.contains("日期不详")).unwrap().overdue);
    assert!(
        of_kind(c, ReminderKind::Birthday, "2026-04-01", 5)
            .iter()
            .find(|r| r.message.contains("日期不详"))
            .unwrap()
            .overdue
    );
}

#[test]
fn feb_29_and_the_round_ages_setting() {
    let f = fixture();
    let c = f.ledger.conn();
    add(c, elder("闰日", "1944-02-29"));
    // 1944-02-29 → 2026-02-28 (common year), 82: not round by default.
    assert!(of_kind(c, ReminderKind::Birthday, "2026-02-01", 28).is_empty());
    let s = ReminderSettings { round_ages: vec![82], ..Default::default() };
    rules::save(c, &stamp(), &s).unwrap();
    let r = of_kind(c, ReminderKind::Birthday, "2026-02-01", 28);
    assert_eq!(r.len(), 1);
    assert_eq!(
        (r[0].due, r[0].message.as_str()),
        (day("2026-02-28"), "2月29日生日（2026年2月28日），满82周岁整寿")
    );
    // The setting change is audited.
    let n: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'settings' AND changes LIKE '%round_ages%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_death_removes_every_reminder_of_the_person_in_the_same_transaction() {
    let mut f = fixture();
    let spouse =
        FamilyMember { name: "李梅".into(), relation: "配偶".into(), ..Default::default() };
    let id = {
        let c = f.ledger.conn();
        let id = add_with_family(
            c,
            PersonFields {
                retirement_kind: Some(RetirementKind::Lixiu),
                ..member("赵老", "1950-05-01", "1951-05-01")
            },
            vec![spouse],
        );
        cases::open_must_visit(
            c,
            &stamp(),
            &MustVisitCaseInput {
                person_id: id,
                reason: "生病".into(),
                learned_on: day("2026-11-01"),
                notes: String::new(),
            },
        )
        .unwrap();
        id
    };
    let mine = |c: &Connection, on: &str| {
        compute(c, &ReminderQuery::new(day(on), 30))
            .unwrap()
            .into_iter()
            .filter(|r| r.person_id == Some(id))
            .collect::<Vec<_>>()
    };
    let before: HashSet<ReminderKind> =
        mine(f.ledger.conn(), "2026-11-21").iter().map(|r| r.kind).collect();
    assert!(
        before.contains(&ReminderKind::MustVisit) && before.contains(&ReminderKind::CareContact)
    );
    f.ledger
        .with_tx(|tx| {
            let family = crate::tables::people::list_family(tx, id)?;
            let input = crate::tables::deaths::DeathInput {
                person_id: id,
                died_on: day("2026-11-20"),
                cause: String::new(),
                farewell: String::new(),
                funeral: crate::domain::money::Fen(0),
                pension: crate::domain::money::Fen(0),
                paid_on: None,
                recipient: String::new(),
                notes: String::new(),
                survivors: family.iter().filter_map(|m| m.id).collect(),
            };
            crate::tables::deaths::record_death(tx, &stamp(), &input, day("2026-11-21"))?;
            // Inside the same transaction, nothing is due to the deceased any more.
            assert!(mine(tx, "2026-11-21").is_empty());
            Ok(())
        })
        .unwrap();
    assert!(mine(f.ledger.conn(), "2026-11-21").is_empty());
    // Only the survivor's 春节 visit remains (2027 春节 is 2027-02-06).
    let left = mine(f.ledger.conn(), "2027-01-20");
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!((left[0].kind, left[0].name.as_str()), (ReminderKind::Festival, "李梅"));
    assert_eq!(left[0].message, "遗属（赵老之配偶）春节慰问（2027年2月6日）");
}

#[test]
fn care_contact_intervals_end_on_their_edge_day() {
    let f = fixture();
    let c = f.ledger.conn();
    // DOMAIN.md defaults: 离休 30 days, ≥ 80 / 独居 … 90 days, everyone else 180 days.
    let lixiu = add(
        c,
        PersonFields { retirement_kind: Some(RetirementKind::Lixiu), ..elder("离休", "1930-01") },
    );
    let alone = add(c, PersonFields { living: Some(Living::Alone), ..elder("独居", "1956-01") });
    let other = add(c, elder("普通", "1956-01"));
    visit(c, lixiu, VisitKind::Phone, "2026-10-22"); // + 30 = 2026-11-21
    visit(c, alone, VisitKind::Routine, "2026-08-23"); // + 90 = 2026-11-21
    visit(c, other, VisitKind::Birthday, "2026-05-25"); // + 180 = 2026-11-21
    for id in [lixiu, alone, other] {
        let due = |on: &str| {
            of_kind(c, ReminderKind::CareContact, on, 1)
                .into_iter()
                .find(|r| r.person_id == Some(id))
                .map(|r| (r.due, r.overdue))
        };
        // The day before the edge, nothing within a 1-day window; on the edge due, not overdue;
        // the day after, overdue.
        assert_eq!(due("2026-11-20"), None, "{id:?}");
        assert_eq!(due("2026-11-21"), Some((day("2026-11-21"), false)), "{id:?}");
        assert_eq!(due("2026-11-22"), Some((day("2026-11-21"), true)), "{id:?}");
    }
    let r = of_kind(c, ReminderKind::CareContact, "2026-11-22", 1);
    let lx = r.iter().find(|r| r.person_id == Some(lixiu)).unwrap();
    // 1930-01 is 96: 高龄 too, but 离休's shorter interval wins.
    assert_eq!(lx.message, "离休干部，每30天至少联系一次，上次联系2026年10月22日");
    // A call clears it.
    visit(c, lixiu, VisitKind::Phone, "2026-11-22");
    assert!(!of_kind(c, ReminderKind::CareContact, "2026-11-22", 1)
        .iter()
        .any(|r| r.person_id == Some(lixiu)));
}

#[test]
fn the_medal_is_due_on_july_first_to_those_with_fifty_years_by_then() {
    let f = fixture();
    let c = f.ledger.conn();
    // Rule 5: standing from 转正; 1976-07-01 → exactly 50 years on 2026-07-01; 1976-07-02 → 49.
    let on_day = add(c, member("七一满", "1975-07-01", "1976-07-01"));
    let day_late = add(c, member("差一天", "1975-07-02", "1976-07-02"));
    let june30 = add(c, member("六月底", "1975-06-30", "1976-06-30"));
    let r = of_kind(c, ReminderKind::Medal, "2026-06-15", 30);
    let ids: Vec<_> = r.iter().filter_map(|r| r.person_id).collect();
    assert!(ids.contains(&on_day) && ids.contains(&june30) && !ids.contains(&day_late), "{r:?}");
    assert!(r.iter().all(|r| r.due == day("2026-07-01") && !r.overdue));
    assert_eq!(
        r.iter().find(|r| r.person_id == Some(on_day)).unwrap().message,
        "1976年7月1日转正，至2026年7月1日党龄满50年，应颁发“光荣在党50年”纪念章"
    );
    // After July 1 it is overdue until presented; presenting clears it.
    assert!(of_kind(c, ReminderKind::Medal, "2026-07-02", 30).iter().all(|r| r.overdue));
    crate::tables::party::present_medal(c, &stamp(), on_day, 2026, day("2026-07-01"), "").unwrap();
    let left = of_kind(c, ReminderKind::Medal, "2026-07-02", 30);
    assert_eq!(left.iter().filter_map(|r| r.person_id).collect::<Vec<_>>(), vec![june30]);
}

#[test]
fn hospital_stays_need_a_visit_and_a_follow_up() {
    let f = fixture();
    let c = f.ledger.conn();
    let id = add(c, elder("住院", "1940-01"));
    let stay = |admitted: &str, out: Option<&str>| crate::tables::hospital::HospitalStayInput {
        person_id: id,
        hospital: "市人民医院".into(),
        department: String::new(),
        condition: String::new(),
        admitted_on: day(admitted),
        discharged_on: out.map(day),
        notes: String::new(),
    };
    let s =
        crate::tables::hospital::insert(c, &stamp(), &stay("2026-11-10", None), day("2026-11-21"))
            .unwrap();
    let r = of_kind(c, ReminderKind::HospitalVisit, "2026-11-21", 30);
    assert_eq!(r.len(), 1);
    // Due 3 days after admission (the default), so overdue on 11-21.
    assert_eq!((r[0].due, r[0].overdue), (day("2026-11-13"), true));
    assert_eq!(r[0].message, "2026年11月10日入院在市人民医院住院，尚未探视");
    let mut v = VisitInput::new(id, VisitKind::Hospital, day("2026-11-21"));
    v.hospital_stay_id = Some(s.id.0);
    crate::tables::visits::insert(c, &stamp(), &v).unwrap();
    // Visited: the next visit of a long stay is due 30 days later.
    let r = of_kind(c, ReminderKind::HospitalVisit, "2026-11-22", 20);
    assert!(r.is_empty(), "{r:?}");
    let r = of_kind(c, ReminderKind::HospitalVisit, "2026-12-15", 30);
    assert_eq!(r[0].due, day("2026-12-21"));

    // Discharged on 11-25: a call is due by 12-02 (7 days); a call on 11-28 clears it.
    crate::tables::hospital::update(
        c,
        &stamp(),
        s.id,
        &stay("2026-11-10", Some("2026-11-25")),
        day("2026-11-26"),
    )
    .unwrap();
    let r = of_kind(c, ReminderKind::HospitalFollowUp, "2026-11-26", 30);
    assert_eq!((r.len(), r[0].due, r[0].overdue), (1, day("2026-12-02"), false));
    assert!(of_kind(c, ReminderKind::HospitalVisit, "2026-11-26", 60).is_empty());
    visit(c, id, VisitKind::Phone, "2026-11-28");
    assert!(of_kind(c, ReminderKind::HospitalFollowUp, "2026-11-29", 30).is_empty());
}

#[test]
fn must_visit_cases_are_due_until_a_visit_and_are_audited() {
    let f = fixture();
    let c = f.ledger.conn();
    let id = add(c, elder("五必访", "1945-05"));
    let input = MustVisitCaseInput {
        person_id: id,
        reason: "家庭发生重大变故".into(),
        learned_on: day("2026-11-18"),
        notes: String::new(),
    };
    let case = cases::open_must_visit(c, &stamp(), &input).unwrap();
    let r = of_kind(c, ReminderKind::MustVisit, "2026-11-21", 30);
    assert_eq!((r.len(), r[0].due), (1, day("2026-11-25")));
    assert_eq!(r[0].message, "2026年11月18日得知“家庭发生重大变故”，五必访应在7天内上门");
    // A reason not on the unit's list is refused, in Chinese.
    let bad = MustVisitCaseInput { reason: "不知道".into(), ..input.clone() };
    assert!(cases::open_must_visit(c, &stamp(), &bad)
        .unwrap_err()
        .to_string()
        .contains("不在本单位的清单中"));
    // A phone call does not close it; a visit does.
    visit(c, id, VisitKind::Phone, "2026-11-19");
    assert_eq!(of_kind(c, ReminderKind::MustVisit, "2026-11-21", 30).len(), 1);
    visit(c, id, VisitKind::MustVisit, "2026-11-22");
    assert!(of_kind(c, ReminderKind::MustVisit, "2026-11-22", 30).is_empty());
    let logged: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'must_visit_case' AND entity_id = ?1",
            [case],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
}

#[test]
fn a_dismissed_reminder_stays_away_for_its_period_and_can_come_back() {
    let f = fixture();
    let c = f.ledger.conn();
    add(c, elder("在外地", "1936-12-05"));
    let r = of_kind(c, ReminderKind::Birthday, "2026-12-01", 30).remove(0);
    let d = Dismissal {
        key: r.key.clone(),
        due: r.due,
        until: r.dismiss_until,
        reason: "本人在外地随子女居住".into(),
    };
    assert!(cases::dismiss(c, &stamp(), &Dismissal { reason: " ".into(), ..d.clone() }).is_err());
    let id = cases::dismiss(c, &stamp(), &d).unwrap();
    assert!(of_kind(c, ReminderKind::Birthday, "2026-12-01", 30).is_empty());
    // Next year's birthday (91) is a new occurrence and is reminded again.
    assert_eq!(of_kind(c, ReminderKind::Birthday, "2027-12-01", 30).len(), 1);
    cases::undo_dismissal(c, &stamp(), id, "误操作").unwrap();
    assert_eq!(of_kind(c, ReminderKind::Birthday, "2026-12-01", 30).len(), 1);

    // A standing duty (regular contact) stays away for one interval from the dismissal.
    let r = of_kind(c, ReminderKind::CareContact, "2026-12-01", 1).remove(0);
    let d =
        Dismissal { key: r.key, due: r.due, until: r.dismiss_until, reason: "住在外地".into() };
    cases::dismiss(c, &stamp(), &d).unwrap();
    assert!(of_kind(c, ReminderKind::CareContact, "2027-02-01", 1).is_empty());
    assert_eq!(of_kind(c, ReminderKind::CareContact, "2027-03-05", 1).len(), 1);
}

#[test]
fn deliveries_dues_checkups_and_the_committee_allowance() {
    let f = fixture();
    let c = f.ledger.conn();
    let weak = add(c, elder("体弱", "1935-06"));
    cases::add_to_delivery_list(c, &stamp(), weak, "年高体弱", day("2026-01-05")).unwrap();
    let r = of_kind(c, ReminderKind::Delivery, "2026-11-21", 30);
    assert_eq!((r.len(), r[0].due, r[0].overdue), (1, day("2026-11-01"), false));
    visit(c, weak, VisitKind::DeliverPapers, "2026-11-03");
    assert!(of_kind(c, ReminderKind::Delivery, "2026-11-21", 30).is_empty());
    // Next month is due again.
    assert_eq!(of_kind(c, ReminderKind::Delivery, "2026-12-01", 30).len(), 1);

    // Dues paid to 2026-07 are more than 3 months behind from 2026-11-01; to 2026-08 from 12-01.
    let behind = add(c, member("欠缴", "1980-01-01", "1981-01-01"));
    let nearly = add(c, member("将欠", "1980-01-01", "1981-01-01"));
    let info = |to: &str| crate::tables::party::PartyInfo {
        post: "书记".into(),
        dues_paid_to: pd(to),
        contact: PartyContact::Normal,
    };
    crate::tables::party::set(c, &stamp(), behind, &info("2026-07")).unwrap();
    crate::tables::party::set(
        c,
        &stamp(),
        nearly,
        &crate::tables::party::PartyInfo { post: String::new(), ..info("2026-08") },
    )
    .unwrap();
    let r = of_kind(c, ReminderKind::Dues, "2026-11-21", 30);
    let get = |id| r.iter().find(|r| r.person_id == Some(id)).map(|r| (r.due, r.overdue));
    assert_eq!(get(behind), Some((day("2026-11-01"), true)));
    assert_eq!(get(nearly), Some((day("2026-12-01"), false)));
    assert_eq!(r[0].message, "党费缴至2026年7月，已欠缴4个月（超过3个月提醒）");

    // Checkups: due by the end of October; a record (even of absence) clears it.
    let r = of_kind(c, ReminderKind::Checkup, "2026-10-15", 30);
    assert!(r.iter().any(|r| r.person_id == Some(weak) && r.due == day("2026-10-31")));
    assert!(of_kind(c, ReminderKind::Checkup, "2026-09-15", 30).is_empty());
    let absent = crate::tables::checkups::CheckupInput {
        person_id: weak,
        year: 2026,
        attended: false,
        date: None,
        hospital: String::new(),
        findings: String::new(),
        advice: String::new(),
        absence_reason: "行动不便".into(),
        notes: String::new(),
    };
    crate::tables::checkups::record(c, &stamp(), &absent).unwrap();
    assert!(!of_kind(c, ReminderKind::Checkup, "2026-10-15", 30)
        .iter()
        .any(|r| r.person_id == Some(weak)));

    // 支委工作补贴: the 书记 is due this quarter's from its last month (December for Q4).
    let r = of_kind(c, ReminderKind::Subsidy, "2026-11-21", 30);
    assert_eq!(
        r.iter().map(|r| (r.person_id, r.due)).collect::<Vec<_>>(),
        vec![(Some(behind), day("2026-12-01"))]
    );
    let pay = crate::tables::subsidies::SubsidyInput {
        person_id: behind,
        survivor_id: None,
        kind: crate::tables::subsidies::COMMITTEE_ALLOWANCE.into(),
        period: crate::domain::period::PayPeriod::Quarter(2026, 4),
        amount: crate::domain::money::Fen(30_000),
        paid_on: day("2026-11-21"),
        method: PayMethod::Transfer,
        handler: String::new(),
        approver: String::new(),
        notes: String::new(),
    };
    crate::tables::subsidies::insert(c, &stamp(), &pay).unwrap();
    assert!(of_kind(c, ReminderKind::Subsidy, "2026-11-21", 30).is_empty());
}

#[test]
fn festivals_without_a_campaign_and_the_liaison_filter() {
    let f = fixture();
    let c = f.ledger.conn();
    add(c, elder("甲", "1936-09-25"));
    add(c, PersonFields { liaison: "李联络".into(), ..elder("乙", "1936-09-26") });
    // 重阳节 2026 is 2026-10-18 (lunar.rs tests, lunardate).
    let r = of_kind(c, ReminderKind::Festival, "2026-09-20", 30);
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].name.as_str(), r[0].due), ("2026年重阳节慰问", day("2026-10-18")));
    assert_eq!(r[0].message, "重阳节（2026年10月18日）还有28天，尚未建立慰问活动、确定慰问名单");
    let mut q = ReminderQuery::new(day("2026-09-20"), 30);
    q.kinds = vec![ReminderKind::Birthday];
    q.liaison = Some("李联络".into());
    let r = compute(c, &q).unwrap();
    assert_eq!(r.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["乙"]);
}

#[test]
fn political_birthdays_come_up_for_the_months_party_day() {
    let f = fixture();
    let c = f.ledger.conn();
    let full = add(c, member("全日期", "1976-06-12", "1977-06-12"));
    let month_only = add(c, member("只到月", "1986-06", "1987-06"));
    let r = of_kind(c, ReminderKind::PoliticalBirthday, "2026-06-01", 30);
    let got: Vec<_> = r.iter().map(|r| (r.person_id, r.due, r.message.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (
                Some(month_only),
                day("2026-06-01"),
                "1986年6月入党，入党40周年，请在6月主题党日一同过政治生日"
            ),
            (
                Some(full),
                day("2026-06-12"),
                "1976年6月12日入党，入党50周年，请在6月主题党日一同过政治生日"
            ),
        ]
    );
    // Taking part in June's 主题党日 fulfils it.
    let party_day = crate::tables::activities::ActivityInput {
        date: day("2026-06-20"),
        title: "6月主题党日".into(),
        kind: ActivityKind::PartyDay,
        place: String::new(),
        notes: String::new(),
        participants: vec![full],
    };
    crate::tables::activities::insert(c, &stamp(), &party_day).unwrap();
    let r = of_kind(c, ReminderKind::PoliticalBirthday, "2026-06-01", 30);
    assert_eq!(r.iter().map(|r| r.person_id).collect::<Vec<_>>(), vec![Some(month_only)]);
    // Not chased once the day (or, for a month-only date, the month) has passed.
    assert!(of_kind(c, ReminderKind::PoliticalBirthday, "2026-07-01", 20).is_empty());
}

#[test]
fn a_recurring_subsidy_kind_is_due_to_last_periods_recipients() {
    use crate::domain::period::{PayPeriod, Recurrence};
    use crate::tables::subsidies::{self, SubsidyInput};
    let f = fixture();
    let c = f.ledger.conn();
    let cared = add(c, elder("护理", "1930-02"));
    let died = add(c, elder("已故", "1929-03"));
    let once = add(c, elder("一次", "1931-04"));
    let mut kinds = subsidies::kinds(c).unwrap();
    for k in &mut kinds {
        if k.name == "护理费" {
            k.recurring = Some(Recurrence::Month);
        }
    }
    subsidies::set_kinds(c, &stamp(), &kinds).unwrap();
    let pay = |person, kind: &str, period| SubsidyInput {
        person_id: person,
        survivor_id: None,
        kind: kind.into(),
        period,
        amount: crate::domain::money::Fen(50_000),
        paid_on: day("2026-10-20"),
        method: PayMethod::Transfer,
        handler: String::new(),
        approver: String::new(),
        notes: String::new(),
    };
    for p in [cared, died] {
        subsidies::insert(c, &stamp(), &pay(p, "护理费", PayPeriod::Month(2026, 10))).unwrap();
    }
    // 困难补贴 is paid as needed: no reminder for it.
    subsidies::insert(c, &stamp(), &pay(once, "困难补贴", PayPeriod::Month(2026, 10))).unwrap();
    let died_input = crate::tables::deaths::DeathInput {
        person_id: died,
        died_on: day("2026-11-02"),
        cause: String::new(),
        farewell: String::new(),
        funeral: crate::domain::money::Fen(0),
        pension: crate::domain::money::Fen(0),
        paid_on: None,
        recipient: String::new(),
        notes: String::new(),
        survivors: Vec::new(),
    };
    crate::tables::deaths::record_death(c, &stamp(), &died_input, day("2026-11-03")).unwrap();

    // November: due from the 1st, overdue only once the month is over; the deceased is not due.
    let r = of_kind(c, ReminderKind::Subsidy, "2026-11-21", 30);
    assert_eq!(
        r.iter().map(|r| (r.person_id, r.due, r.overdue)).collect::<Vec<_>>(),
        vec![(Some(cared), day("2026-11-01"), false)]
    );
    assert_eq!(r[0].message, "护理费（每月发放）：2026年10月已发放，2026年11月尚未发放");
    subsidies::insert(c, &stamp(), &pay(cared, "护理费", PayPeriod::Month(2026, 11))).unwrap();
    assert!(of_kind(c, ReminderKind::Subsidy, "2026-11-21", 30).is_empty());
    // December: November's recipient is due again.
    assert_eq!(of_kind(c, ReminderKind::Subsidy, "2026-12-03", 30).len(), 1);
}

/// The engine reads every living person each time 待办 opens; at 10,000 people the wide rows of
/// `people` cost more than every rule together, so the read must stay on its covering index.
#[test]
fn the_people_facts_are_read_from_their_covering_index() {
    let f = fixture();
    let plan = crate::testing::query_plan(f.ledger.conn(), PEOPLE_FACTS);
    assert!(
        plan.iter().any(|step| step.contains("COVERING INDEX people_reminder_facts")),
        "the query plan was {plan:?}"
    );
}

/// The last-contact scan reads each person's visits in person order from `visits_contact`, not
/// every visit up to the day from the period figures' index.
#[test]
fn the_last_contacts_are_read_in_person_order() {
    let f = fixture();
    let plan = crate::testing::query_plan(f.ledger.conn(), &last_contacts_sql());
    assert!(plan.iter().any(|step| step.contains("visits_contact")), "the query plan was {plan:?}");
}

/// Every kind is computed, and by one rule only (a kind listed twice would be reported twice).
#[test]
fn every_kind_has_exactly_one_rule() {
    for rule in RULES {
        let n = ENGINE.iter().filter(|(kinds, _)| kinds.contains(&rule.kind)).count();
        assert_eq!(n, 1, "{:?} is computed by {n} rules", rule.kind);
    }
    let listed: usize = ENGINE.iter().map(|(kinds, _)| kinds.len()).sum();
    assert_eq!(listed, RULES.len());
}

/// The grouped view counts every reminder of the list and keeps the list's order within a kind.
#[test]
fn groups_count_every_reminder_and_cut_each_to_its_first_lines() {
    let f = fixture();
    let conn = f.ledger.conn();
    for i in 0..5 {
        let mut p = simple(&format!("张{i}"));
        p.birth = pd(&format!("1936-12-{:02}", 10 + i));
        add(conn, p);
    }
    let q = ReminderQuery::new(day("2026-12-03"), 30);
    let all = compute(conn, &q).unwrap();
    let groups = groups::groups(conn, &q, 2).unwrap();
    assert_eq!(groups.iter().map(|g| g.total as usize).sum::<usize>(), all.len());
    for g in &groups {
        let of_kind: Vec<&Reminder> = all.iter().filter(|r| r.kind == g.kind).collect();
        assert_eq!(g.total as usize, of_kind.len());
        assert_eq!(g.overdue as usize, of_kind.iter().filter(|r| r.overdue).count());
        assert_eq!(g.items.len(), of_kind.len().min(2));
        assert!(g.items.iter().zip(&of_kind).all(|(a, b)| a == *b));
    }
    let birthdays = groups.iter().find(|g| g.kind == ReminderKind::Birthday).unwrap();
    assert_eq!(birthdays.total, 5, "five 90th birthdays fall in the window");
}
