//! The voided records of one ledger (已作废记录), newest void first, one page at a time: what each
//! record was (person, date, kind and amount as the ledger shows them) and when and why it was
//! voided, so a clerk can find a mistaken void and restore it (see each table's `restore`).

use super::{Page, PageRequest};
use crate::domain::model::{RetirementKind, VisitKind};
use crate::domain::money::Fen;
use crate::error::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The ledgers whose voided records can be listed and restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoidedLedger {
    Visits,
    Hospital,
    Subsidies,
    Checkups,
    Deaths,
    People,
    Campaigns,
    Activities,
    Medals,
    MustVisitCases,
    SubsidyBatches,
}

/// Which ledger's voided records to list; no filter beyond the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoidedQuery {
    pub ledger: VoidedLedger,
}

/// No sort choice: the list is always newest void first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoidedSort {
    VoidedAt,
}

/// One voided record as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoidedRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub person_name: String,
    /// The record's own date as entered (走访日期, 入院日期, 发放日期, 体检日期 or 年度, 去世日期, 出生年月).
    pub date: String,
    /// What it was, as the ledger shows it: e.g. "生日 · 500.00元", "市一医院", "高龄补贴 · 300.00元".
    pub what: String,
    pub voided_at: String,
    pub void_reason: String,
}

/// No footer sums: the count is enough.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VoidedTotals {}

pub type VoidedPageRequest = PageRequest<VoidedQuery, VoidedSort>;
pub type VoidedPage = Page<VoidedRecord, VoidedTotals>;

/// `FROM … WHERE` of one ledger's voided rows, and the columns: id, name, date, kind, amount
/// (fen, 0 when none), detail, voided_at, void_reason.
fn source(ledger: VoidedLedger) -> (&'static str, &'static str) {
    match ledger {
        VoidedLedger::Visits => (
            "visits r JOIN people p ON p.id = r.person_id",
            "r.id, p.name, r.date, r.kind, r.amount_fen, r.reason",
        ),
        VoidedLedger::Hospital => (
            "hospital_stays r JOIN people p ON p.id = r.person_id",
            "r.id, p.name, r.admitted_on, '', 0, r.hospital",
        ),
        VoidedLedger::Subsidies => (
            "subsidies r JOIN people p ON p.id = r.person_id",
            "r.id, p.name, r.paid_on, r.kind, r.amount_fen, r.period",
        ),
        VoidedLedger::Checkups => (
            "checkups r JOIN people p ON p.id = r.person_id",
            "r.id, p.name, COALESCE(r.date, r.year || '年'), '', 0,
             CASE r.attended WHEN 1 THEN r.hospital ELSE '未参加' END",
        ),
        VoidedLedger::Deaths => (
            "deaths r JOIN people p ON p.id = r.person_id",
            "r.id, p.name, r.died_on, '', 0, r.cause",
        ),
        VoidedLedger::People => (
            "people r JOIN people p ON p.id = r.id",
            "r.id, p.name, COALESCE(r.birth, ''), r.retirement_kind, 0, r.party_branch",
        ),
        // Records of no one person: the name column is empty.
        VoidedLedger::Campaigns => {
            ("campaigns r", "r.id, '', COALESCE(r.date, r.year || '年'), '', 0, r.name")
        }
        VoidedLedger::Activities => ("activities r", "r.id, '', r.date, '', 0, r.title"),
        VoidedLedger::Medals => (
            "medals r JOIN people p ON p.id = r.person_id",
            "r.id, p.name, r.presented_on, '', 0, '光荣在党50年纪念章（' || r.year || '年）'",
        ),
        VoidedLedger::MustVisitCases => (
            "must_visit_cases r JOIN people p ON p.id = r.person_id",
            "r.id, p.name, r.learned_on, '', 0, r.reason",
        ),
        VoidedLedger::SubsidyBatches => (
            "subsidy_batches r",
            "r.id, '', r.paid_on, r.kind,
             (SELECT COALESCE(SUM(s.amount_fen), 0) FROM subsidies s WHERE s.batch_id = r.id),
             r.period || '（' || (SELECT COUNT(*) FROM subsidies s WHERE s.batch_id = r.id) || '人）'",
        ),
    }
}

fn describe(ledger: VoidedLedger, kind: Option<String>, amount: i64, detail: String) -> String {
    let kind = kind.unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    match ledger {
        VoidedLedger::Visits => {
            parts.push(VisitKind::from_code(&kind).map_or(kind, |k| k.label().to_string()))
        }
        VoidedLedger::People => {
            parts.push(RetirementKind::from_code(&kind).map_or(kind, |k| k.label().to_string()))
        }
        _ => parts.push(kind),
    }
    parts.push(detail);
    if amount > 0 {
        parts.push(format!("{}元", Fen(amount).yuan_text()));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// One page of a ledger's voided records, newest void first.
pub fn page(conn: &Connection, req: &VoidedPageRequest) -> Result<VoidedPage> {
    let ledger = req.filter.ledger;
    let (from, columns) = source(ledger);
    let total: u32 = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM {from} WHERE r.voided_at IS NOT NULL"))?
        .query_row([], |r| r.get(0))?;
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {columns}, r.voided_at, COALESCE(r.void_reason, '') FROM {from}
             WHERE r.voided_at IS NOT NULL ORDER BY r.voided_at DESC, r.id DESC
             LIMIT ?1 OFFSET ?2"
        ))?
        .query_map(params![req.window(), req.offset], |r| {
            Ok(VoidedRecord {
                id: r.get(0)?,
                person_name: r.get(1)?,
                date: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                what: describe(ledger, r.get(3)?, r.get(4)?, r.get(5)?),
                voided_at: r.get(6)?,
                void_reason: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page { rows, total, totals: VoidedTotals {} })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::PartialDate;
    use crate::domain::model::{PersonId, PersonInput};
    use crate::domain::stamp::Stamp;
    use crate::store::db::Ledger;
    use crate::tables::{checkups, deaths, hospital, people, subsidies, visits};
    use crate::testing::builder::retiree;
    use crate::testing::{add, day, today};

    fn at(h: u32, m: u32) -> Stamp {
        Stamp { actor: "王会计".into(), now: today().and_hms_opt(h, m, 0).unwrap() }
    }

    fn page_of(conn: &Connection, ledger: VoidedLedger, offset: u32, limit: u32) -> VoidedPage {
        let mut req = VoidedPageRequest::first(VoidedQuery { ledger }, limit);
        req.offset = offset;
        page(conn, &req).unwrap()
    }

    fn verify_intact(ledger: &Ledger) {
        let v = crate::reports::audit_check::verify(
            ledger.conn(),
            &crate::store::backup::anchors(ledger.path().unwrap()),
        )
        .unwrap();
        let found: Vec<String> = v.findings.iter().map(|f| format!("{f:?}")).collect();
        assert!(v.intact, "{}", found.join("\n"));
    }

    fn visit(conn: &Connection, p: PersonId, date: &str, yuan: i64) -> visits::Visit {
        let mut v = visits::VisitInput::new(p, VisitKind::Birthday, day(date));
        v.amount = Fen(yuan * 100);
        visits::insert(conn, &at(9, 0), &v).unwrap()
    }

    #[test]
    fn each_kind_is_listed_when_voided_and_comes_back_when_restored_with_the_audit_intact() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = ledger.conn();
        let zhang = add(c, retiree("张三").born("1940-05").0);
        let li = add(c, retiree("李四").born("1942-03").0);
        let v = visit(c, zhang, "2026-10-01", 500);
        let stay = hospital::insert(
            c,
            &at(9, 0),
            &hospital::HospitalStayInput {
                person_id: zhang,
                hospital: "市第一人民医院".into(),
                department: "心内科".into(),
                condition: String::new(),
                admitted_on: day("2026-09-01"),
                discharged_on: None,
                notes: String::new(),
            },
            today(),
        )
        .unwrap();
        let pay = subsidies::insert(
            c,
            &at(9, 0),
            &subsidies::SubsidyInput {
                person_id: zhang,
                survivor_id: None,
                kind: "困难补贴".into(),
                period: crate::domain::period::PayPeriod::Year(2026),
                amount: Fen(30_000),
                paid_on: day("2026-07-05"),
                method: crate::domain::model::PayMethod::Cash,
                handler: "王丽".into(),
                approver: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
        let check = checkups::record(
            c,
            &at(9, 0),
            &checkups::CheckupInput {
                person_id: zhang,
                year: 2026,
                attended: true,
                date: Some(day("2026-06-10")),
                hospital: "市第一人民医院".into(),
                findings: String::new(),
                advice: String::new(),
                absence_reason: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();

        visits::void(c, &at(10, 1), v.id, "录入错误").unwrap();
        hospital::void(c, &at(10, 2), stay.id, "重复录入").unwrap();
        subsidies::void(c, &at(10, 3), pay.id, "发错人").unwrap();
        checkups::void(c, &at(10, 4), check.id, "重复录入").unwrap();
        people::void(c, &at(10, 5), li, "重复录入").unwrap();

        let shown = |l| page_of(c, l, 0, 10).rows;
        let visit_row = &shown(VoidedLedger::Visits)[0];
        assert_eq!(
            (visit_row.person_name.as_str(), visit_row.date.as_str(), visit_row.what.as_str()),
            ("张三", "2026-10-01", "生日 · 500.00元")
        );
        assert_eq!(visit_row.void_reason, "录入错误");
        assert!(visit_row.voided_at.contains("10:01"), "{}", visit_row.voided_at);
        assert_eq!(shown(VoidedLedger::Hospital)[0].what, "市第一人民医院");
        assert_eq!(shown(VoidedLedger::Subsidies)[0].what, "困难补贴 · 2026 · 300.00元");
        assert_eq!(shown(VoidedLedger::Checkups)[0].date, "2026-06-10");
        assert_eq!(shown(VoidedLedger::People)[0].person_name, "李四");
        verify_intact(&ledger);

        // A reason is required, and nothing changes without one.
        let err = visits::restore(c, &at(11, 0), v.id, "  ").unwrap_err().to_string();
        assert!(err.contains("恢复必须填写原因"), "{err}");
        assert_eq!(shown(VoidedLedger::Visits).len(), 1);

        assert_eq!(visits::restore(c, &at(11, 1), v.id, "误作废").unwrap().id, v.id);
        hospital::restore(c, &at(11, 2), stay.id, "误作废", today()).unwrap();
        subsidies::restore(c, &at(11, 3), pay.id, "误作废").unwrap();
        checkups::restore(c, &at(11, 4), check.id, "误作废").unwrap();
        people::restore(c, &at(11, 5), li, "误作废").unwrap();
        for l in [
            VoidedLedger::Visits,
            VoidedLedger::Hospital,
            VoidedLedger::Subsidies,
            VoidedLedger::Checkups,
            VoidedLedger::People,
        ] {
            assert_eq!(page_of(c, l, 0, 10).total, 0, "{l:?}");
        }
        assert_eq!(visits::get(c, v.id).unwrap().input.amount, Fen(50_000));
        assert_eq!(people::get(c, li).unwrap().fields.name, "李四");
        // Restoring twice says it is no longer voided.
        let err = visits::restore(c, &at(11, 6), v.id, "误作废").unwrap_err().to_string();
        assert!(err.contains("可能已被恢复"), "{err}");

        let restores: Vec<(String, Option<String>)> = c
            .prepare("SELECT entity, reason FROM audit_log WHERE action = 'restore' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let entities: Vec<&str> = restores.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(entities, ["visit", "hospital_stay", "subsidy", "checkup", "person"]);
        assert!(restores.iter().all(|(_, r)| r.as_deref() == Some("误作废")));
        // A person voided, restored and edited again still agrees with the audit chain.
        people::void(c, &at(12, 0), li, "再次作废").unwrap();
        people::restore(c, &at(12, 1), li, "核实后恢复").unwrap();
        let mut input = PersonInput { fields: people::get(c, li).unwrap().fields, family: vec![] };
        input.fields.address = "东城区2号".into();
        people::update(c, &at(12, 2), li, &input).unwrap();
        verify_intact(&ledger);
    }

    #[test]
    fn a_restore_the_ledger_would_no_longer_accept_is_refused_and_changes_nothing() {
        let ledger = crate::testing::ledger();
        let c = ledger.conn();
        let zhang = add(c, retiree("张三").born("1940-05").id("11010519491231002X").0);
        let v = visit(c, zhang, "2026-10-01", 100);
        visits::void(c, &at(10, 0), v.id, "录入错误").unwrap();
        // Since the void, the roster says he died before the visit date.
        let mut input =
            PersonInput { fields: people::get(c, zhang).unwrap().fields, family: vec![] };
        input.fields.died_on = PartialDate::parse("2026-09-15").ok();
        people::update(c, &at(10, 1), zhang, &input).unwrap();
        let err = visits::restore(c, &at(10, 2), v.id, "误作废").unwrap_err().to_string();
        assert!(err.starts_with("不能恢复："), "{err}");
        assert!(err.contains("去世"), "{err}");
        assert_eq!(page_of(c, VoidedLedger::Visits, 0, 10).total, 1);

        // A checkup of the same year was entered again after the void.
        let input = checkups::CheckupInput {
            person_id: zhang,
            year: 2025,
            attended: false,
            date: None,
            hospital: String::new(),
            findings: String::new(),
            advice: String::new(),
            absence_reason: "住院".into(),
            notes: String::new(),
        };
        let first = checkups::record(c, &at(10, 3), &input).unwrap();
        checkups::void(c, &at(10, 4), first.id, "录入错误").unwrap();
        checkups::record(c, &at(10, 5), &input).unwrap();
        let err = checkups::restore(c, &at(10, 6), first.id, "误作废").unwrap_err().to_string();
        assert!(err.contains("当年已有一条体检记录"), "{err}");

        // A person whose ID number a live person now holds.
        people::void(c, &at(10, 7), zhang, "重复录入").unwrap();
        add(c, retiree("张三丰").id("11010519491231002X").0);
        let err = people::restore(c, &at(10, 8), zhang, "误作废").unwrap_err().to_string();
        assert!(err.contains("身份证号相同"), "{err}");
        assert_eq!(page_of(c, VoidedLedger::People, 0, 10).total, 1);
        let audited: u32 = c
            .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'restore'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(audited, 0);
    }

    #[test]
    fn paging_walks_the_whole_list_newest_void_first() {
        let ledger = crate::testing::ledger();
        let c = ledger.conn();
        let p = add(c, retiree("张三").born("1940-05").0);
        let mut ids = Vec::new();
        for i in 0..23 {
            let v = visit(c, p, &format!("2026-10-{:02}", i + 1), 0);
            visits::void(c, &at(10, i), v.id, &format!("原因{i}")).unwrap();
            ids.push(v.id.0);
        }
        visit(c, p, "2026-11-01", 0); // a live one is never listed
        let mut seen = Vec::new();
        let mut offset = 0;
        loop {
            let pg = page_of(c, VoidedLedger::Visits, offset, 10);
            assert_eq!(pg.total, 23);
            if pg.rows.is_empty() {
                break;
            }
            offset += pg.rows.len() as u32;
            seen.extend(pg.rows.into_iter().map(|r| r.id));
        }
        ids.reverse();
        assert_eq!(seen, ids);
    }

    #[test]
    fn a_restored_death_puts_the_date_back_on_the_roster_and_a_second_live_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = ledger.conn();
        let p = add(c, retiree("张三").born("1930-05").0);
        let input = deaths::DeathInput {
            person_id: p,
            died_on: day("2026-09-12"),
            cause: "病故".into(),
            farewell: String::new(),
            funeral: Fen(0),
            pension: Fen(0),
            paid_on: None,
            recipient: String::new(),
            notes: String::new(),
            survivors: vec![],
        };
        let first = deaths::record_death(c, &at(9, 0), &input, today()).unwrap().death_id;
        deaths::void(c, &at(9, 1), first, "登记错了人").unwrap();
        assert_eq!(people::get(c, p).unwrap().fields.died_on, None);
        let row = &page_of(c, VoidedLedger::Deaths, 0, 10).rows[0];
        assert_eq!((row.date.as_str(), row.what.as_str()), ("2026-09-12", "病故"));

        deaths::restore(c, &at(9, 2), first, "核实确已去世").unwrap();
        assert_eq!(
            people::get(c, p).unwrap().fields.died_on,
            PartialDate::parse("2026-09-12").ok()
        );
        verify_intact(&ledger);

        // Voided again and recorded anew: the old one cannot come back beside the new one.
        deaths::void(c, &at(9, 3), first, "日期有误").unwrap();
        let input = deaths::DeathInput { died_on: day("2026-09-13"), ..input };
        deaths::record_death(c, &at(9, 4), &input, today()).unwrap();
        let err = deaths::restore(c, &at(9, 5), first, "误作废").unwrap_err().to_string();
        assert!(err.contains("已有另一条去世记录"), "{err}");
        assert_eq!(
            people::get(c, p).unwrap().fields.died_on,
            PartialDate::parse("2026-09-13").ok()
        );
        verify_intact(&ledger);
    }
}
