//! Work-report figures for a period: the blanks of the summaries units write every quarter and
//! every year ("全年走访慰问*人次，发放慰问金*元 …"), computed by aggregate queries over the ledgers,
//! and the same figures as a ready paragraph of Chinese text.

use crate::domain::date::PartialDate;
use crate::domain::model::{RetirementKind, UnitKind, VisitKind};
use crate::domain::money::Fen;
use crate::domain::period::Period;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who is on the roster at the end of the period (alive then), by category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PeopleFigures {
    pub total: u32,
    pub lixiu: u32,
    pub tuixiu: u32,
    pub tuizhi: u32,
    pub organ: u32,
    pub institution: u32,
    pub enterprise: u32,
    pub party_members: u32,
    /// Aged 80 or more on the last day of the period.
    pub aged_80_plus: u32,
    /// 遗属 recorded for people who have died.
    pub survivors: u32,
}

/// Visits of one kind, or subsidies of one kind: persons reached, person-times (人次), money.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CountFigure {
    /// The kind's code (`holiday`) for visits, or the subsidy kind's name.
    pub code: String,
    pub label: String,
    pub persons: u32,
    pub times: u32,
    pub amount: Fen,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckupFigures {
    pub year: i32,
    /// 应检: the people of the year's checkup round (see [`crate::reports::figures`]).
    pub due: u32,
    pub attended: u32,
    pub absent: u32,
    /// Attended / due, in percent with one decimal; `None` when nobody is due.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityFigures {
    pub count: u32,
    pub person_times: u32,
    pub persons: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Summary {
    pub period: Period,
    /// `2026年第三季度` / `2026年`.
    pub label: String,
    pub people: PeopleFigures,
    /// Every visit kind, in the order of [`VisitKind::ALL`], including kinds with no visits.
    pub visits: Vec<CountFigure>,
    pub visits_total: CountFigure,
    /// Subsidy kinds paid in the period, largest amount first.
    pub subsidies: Vec<CountFigure>,
    pub subsidies_total: CountFigure,
    pub checkups: CheckupFigures,
    /// Hospital stays that began in the period, and the people they concern.
    pub hospital_stays: u32,
    pub hospital_persons: u32,
    pub deaths: u32,
    pub new_retirements: u32,
    pub medals: u32,
    pub activities: ActivityFigures,
    /// The year-end figures of a yearly summary (`None` for a quarter).
    pub year_end: Option<YearEndFigures>,
    /// The figures as a paragraph to paste into the unit's work report.
    pub paragraph: String,
}

/// Party organisations of one kind, as the 党组织设置情况 form counts them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct BranchFigure {
    /// The kind's code (`tuixiu`).
    pub code: String,
    pub label: String,
    pub count: u32,
}

/// What a yearly summary states as of Dec 31 of the year, by the definitions the yearly statistics
/// use: 在册 is [`crate::reports::stats::counted_at_end`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct YearEndFigures {
    /// 离退休人员 on the roster at the end of the year.
    pub retirees: u32,
    pub organ: u32,
    pub institution: u32,
    pub enterprise: u32,
    /// On the roster with no unit kind recorded.
    pub unit_unknown: u32,
    /// 离休干部 on the roster.
    pub lixiu: u32,
    /// 离退休党员 on the roster, and those of 机关 and of 企业.
    pub party_members: u32,
    pub party_organ: u32,
    pub party_enterprise: u32,
    /// Those of 事业单位, and of no recorded unit kind, so that the split adds up.
    pub party_institution: u32,
    pub party_unit_unknown: u32,
    /// Party members as a percentage of the retirees on the roster, one decimal.
    pub party_share: Option<f64>,
    /// Party organisations on record, by kind (kinds with none left out), in the form's order.
    pub branches: Vec<BranchFigure>,
    pub branches_total: u32,
    /// 党小组 of all the organisations.
    pub groups: u32,
    /// “光荣在党50年” medals presented up to Dec 31 of the year.
    pub medals_cumulative: u32,
}

/// The year-end figures of `year`.
fn year_end_figures(conn: &Connection, year: i32) -> Result<YearEndFigures> {
    let mut f = YearEndFigures::default();
    for (_, p) in crate::tables::people::all_fields(conn)? {
        if !crate::reports::stats::counted_at_end(&p, year) {
            continue;
        }
        f.retirees += 1;
        match p.unit_kind {
            Some(UnitKind::Organ) => f.organ += 1,
            Some(UnitKind::Institution) => f.institution += 1,
            Some(UnitKind::Enterprise) => f.enterprise += 1,
            None => f.unit_unknown += 1,
        }
        if p.retirement_kind == Some(RetirementKind::Lixiu) {
            f.lixiu += 1;
        }
        if p.is_party_member() {
            f.party_members += 1;
            match p.unit_kind {
                Some(UnitKind::Organ) => f.party_organ += 1,
                Some(UnitKind::Enterprise) => f.party_enterprise += 1,
                Some(UnitKind::Institution) => f.party_institution += 1,
                None => f.party_unit_unknown += 1,
            }
        }
    }
    f.party_share = crate::reports::figures::percent(f.party_members, f.retirees);
    let branches = crate::tables::branches::list(conn)?;
    f.branches = crate::tables::branches::BranchKind::ALL
        .iter()
        .map(|k| BranchFigure {
            code: k.code().into(),
            label: k.label().into(),
            count: branches.iter().filter(|b| b.fields.kind == *k).count() as u32,
        })
        .filter(|b| b.count > 0)
        .collect();
    f.branches_total = branches.len() as u32;
    f.groups = branches.iter().map(|b| b.fields.groups).sum();
    f.medals_cumulative = u32_of(conn.query_row(
        "SELECT COUNT(*) FROM medals WHERE voided_at IS NULL AND presented_on <= ?1",
        params![format!("{year}-12-31")],
        |r| r.get(0),
    )?);
    Ok(f)
}

/// Whether a partial date falls in the period. A month-precision date counts in the period that
/// holds its month; a year-only date counts in a yearly period only.
fn in_period(date: PartialDate, period: &Period) -> bool {
    if date.month().is_none() && period.quarter.is_some() {
        return false;
    }
    let start = date.earliest();
    period.contains(start)
}

fn on_or_before(date: PartialDate, day: NaiveDate) -> bool {
    date.earliest() <= day
}

fn u32_of(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// The period's visits by kind, and in all; read from the covering index `visits_period_figures`.
const VISITS_BY_KIND: &str =
    "SELECT kind, COUNT(DISTINCT person_id), COUNT(*), COALESCE(SUM(amount_fen), 0)
     FROM visits WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2 GROUP BY kind";
const VISITS_TOTAL: &str =
    "SELECT COUNT(DISTINCT person_id), COUNT(*), COALESCE(SUM(amount_fen), 0)
     FROM visits WHERE voided_at IS NULL AND date BETWEEN ?1 AND ?2";

pub fn compute(conn: &Connection, period: Period) -> Result<Summary> {
    let start = period.start();
    let end = period.end();
    let (start_s, end_s) = (start.to_string(), end.to_string());

    let mut people = PeopleFigures::default();
    let (mut deaths, mut new_retirements) = (0, 0);
    {
        let mut stmt = conn.prepare_cached(
            "SELECT retirement_kind, unit_kind, political_status, birth, retired_on, died_on
             FROM people WHERE voided_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind: Option<RetirementKind> = r.get(0)?;
            let unit: Option<UnitKind> = r.get(1)?;
            let party: Option<crate::domain::model::PoliticalStatus> = r.get(2)?;
            let birth: Option<PartialDate> = r.get(3)?;
            let retired: Option<PartialDate> = r.get(4)?;
            let died: Option<PartialDate> = r.get(5)?;
            if died.is_some_and(|d| in_period(d, &period)) {
                deaths += 1;
            }
            if retired.is_some_and(|d| in_period(d, &period)) {
                new_retirements += 1;
            }
            // On the roster at the end of the period: retired by then and not dead by then.
            if died.is_some_and(|d| on_or_before(d, end))
                || retired.is_some_and(|d| !on_or_before(d, end))
            {
                continue;
            }
            people.total += 1;
            match kind {
                Some(RetirementKind::Lixiu) => people.lixiu += 1,
                Some(RetirementKind::Tuixiu) => people.tuixiu += 1,
                Some(RetirementKind::Tuizhi) => people.tuizhi += 1,
                None => {}
            }
            match unit {
                Some(UnitKind::Organ) => people.organ += 1,
                Some(UnitKind::Institution) => people.institution += 1,
                Some(UnitKind::Enterprise) => people.enterprise += 1,
                None => {}
            }
            if party.is_some_and(crate::domain::model::PoliticalStatus::is_party_member) {
                people.party_members += 1;
            }
            if birth.is_some_and(|b| b.age_on(end) >= 80) {
                people.aged_80_plus += 1;
            }
        }
    }
    people.survivors = u32_of(conn.query_row(
        "SELECT COUNT(*) FROM family_members f JOIN people p ON p.id = f.person_id
         WHERE f.is_survivor = 1 AND f.voided_at IS NULL AND p.voided_at IS NULL
           AND p.died_on IS NOT NULL",
        [],
        |r| r.get(0),
    )?);

    let mut visits: Vec<CountFigure> = VisitKind::ALL
        .iter()
        .map(|k| CountFigure {
            code: k.code().into(),
            label: k.label().into(),
            ..Default::default()
        })
        .collect();
    {
        let mut stmt = conn.prepare_cached(VISITS_BY_KIND)?;
        let mut rows = stmt.query(params![start_s, end_s])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            if let Some(f) = visits.iter_mut().find(|f| f.code == code) {
                f.persons = u32_of(r.get(1)?);
                f.times = u32_of(r.get(2)?);
                f.amount = Fen(r.get(3)?);
            }
        }
    }
    let visits_total = conn.query_row(VISITS_TOTAL, params![start_s, end_s], |r| {
        Ok(CountFigure {
            code: "total".into(),
            label: "合计".into(),
            persons: u32_of(r.get(0)?),
            times: u32_of(r.get(1)?),
            amount: Fen(r.get(2)?),
        })
    })?;

    let subsidies = {
        let mut stmt = conn.prepare_cached(
            "SELECT kind, COUNT(DISTINCT person_id), COUNT(*), SUM(amount_fen)
             FROM subsidies WHERE voided_at IS NULL AND paid_on BETWEEN ?1 AND ?2
             GROUP BY kind ORDER BY SUM(amount_fen) DESC, kind",
        )?;
        let rows = stmt.query_map(params![start_s, end_s], |r| {
            let kind: String = r.get(0)?;
            Ok(CountFigure {
                code: kind.clone(),
                label: kind,
                persons: u32_of(r.get(1)?),
                times: u32_of(r.get(2)?),
                amount: Fen(r.get(3)?),
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let subsidies_total = conn.query_row(
        "SELECT COUNT(DISTINCT person_id), COUNT(*), COALESCE(SUM(amount_fen), 0)
         FROM subsidies WHERE voided_at IS NULL AND paid_on BETWEEN ?1 AND ?2",
        params![start_s, end_s],
        |r| {
            Ok(CountFigure {
                code: "total".into(),
                label: "合计".into(),
                persons: u32_of(r.get(0)?),
                times: u32_of(r.get(1)?),
                amount: Fen(r.get(2)?),
            })
        },
    )?;

    let checkups = checkup_figures(conn, period.year)?;

    let (hospital_stays, hospital_persons) = conn.query_row(
        "SELECT COUNT(*), COUNT(DISTINCT person_id) FROM hospital_stays
         WHERE voided_at IS NULL AND admitted_on BETWEEN ?1 AND ?2",
        params![start_s, end_s],
        |r| Ok((u32_of(r.get(0)?), u32_of(r.get(1)?))),
    )?;
    let medals = u32_of(conn.query_row(
        "SELECT COUNT(*) FROM medals WHERE voided_at IS NULL AND presented_on BETWEEN ?1 AND ?2",
        params![start_s, end_s],
        |r| r.get(0),
    )?);
    let activities = conn.query_row(
        "SELECT COUNT(DISTINCT a.id), COUNT(ap.person_id), COUNT(DISTINCT ap.person_id)
         FROM activities a
         LEFT JOIN activity_participants ap ON ap.activity_id = a.id AND ap.removed_at IS NULL
         WHERE a.voided_at IS NULL AND a.date BETWEEN ?1 AND ?2",
        params![start_s, end_s],
        |r| {
            Ok(ActivityFigures {
                count: u32_of(r.get(0)?),
                person_times: u32_of(r.get(1)?),
                persons: u32_of(r.get(2)?),
            })
        },
    )?;

    let mut summary = Summary {
        period,
        label: period.label(),
        people,
        visits,
        visits_total,
        subsidies,
        subsidies_total,
        checkups,
        hospital_stays,
        hospital_persons,
        deaths,
        new_retirements,
        medals,
        activities,
        year_end: if period.quarter.is_none() {
            Some(year_end_figures(conn, period.year)?)
        } else {
            None
        },
        paragraph: String::new(),
    };
    summary.paragraph = paragraph(&summary);
    Ok(summary)
}

/// The year's checkup figures, as [`crate::reports::figures::checkups`] defines them (the same as the
/// checkup table's 说明 line).
fn checkup_figures(conn: &Connection, year: i32) -> Result<CheckupFigures> {
    let c = crate::reports::figures::checkups(conn, year)?;
    Ok(CheckupFigures { year, due: c.due, attended: c.attended, absent: c.absent, rate: c.rate() })
}

fn yuan(fen: Fen) -> String {
    fen.yuan_text()
}

/// `（机关3人、企业2人）` from the non-zero parts of a total, `（均为企业）` when one part is all of
/// it, nothing when no part is known.
fn split(parts: &[(&str, u32)], total: u32, unit: &str) -> String {
    let known: Vec<&(&str, u32)> = parts.iter().filter(|(_, n)| *n > 0).collect();
    match known.as_slice() {
        [] => String::new(),
        [(name, n)] if *n == total => format!("（均为{name}）"),
        _ => {
            let text: Vec<String> =
                known.iter().map(|(name, n)| format!("{name}{n}{unit}")).collect();
            format!("（{}）", text.join("、"))
        }
    }
}

/// The opening of a yearly paragraph: who is on the roster on Dec 31, the party members and the
/// party organisations.
fn year_end_clauses(s: &Summary, y: &YearEndFigures) -> Vec<String> {
    let mut parts = Vec::new();
    let as_of = format!("截至{}年12月31日", s.period.year);
    if y.retirees == 0 {
        parts.push(format!("{as_of}，我单位暂无在册离退休人员"));
    } else {
        let units = split(
            &[
                ("机关", y.organ),
                ("事业单位", y.institution),
                ("企业", y.enterprise),
                ("单位类别未填", y.unit_unknown),
            ],
            y.retirees,
            "人",
        );
        let lixiu = if y.lixiu > 0 {
            format!("其中离休干部{}人", y.lixiu)
        } else {
            "其中无离休干部".to_string()
        };
        let aged = match s.people.aged_80_plus {
            0 => "无80岁及以上人员".to_string(),
            n => format!("80岁及以上{n}人"),
        };
        parts
            .push(format!("{as_of}，我单位共有离退休人员{}人{units}，{lixiu}，{aged}", y.retirees));
    }
    if y.party_members == 0 {
        if y.retirees > 0 {
            parts.push("离退休人员中暂无中共党员".to_string());
        }
    } else {
        let units = split(
            &[
                ("机关", y.party_organ),
                ("企业", y.party_enterprise),
                ("事业单位", y.party_institution),
                ("单位类别未填", y.party_unit_unknown),
            ],
            y.party_members,
            "人",
        );
        let share = y.party_share.map(|r| format!("，占离退休人员的{r:.1}%")).unwrap_or_default();
        parts.push(format!("离退休党员{}人{units}{share}", y.party_members));
    }
    if y.branches_total == 0 {
        parts.push("尚未登记离退休干部党组织".to_string());
    } else {
        let kinds: Vec<(&str, u32)> =
            y.branches.iter().map(|b| (b.label.as_str(), b.count)).collect();
        let groups = if y.groups > 0 {
            format!("党小组{}个", y.groups)
        } else {
            "未设党小组".to_string()
        };
        parts.push(format!(
            "设有离退休干部党组织{}个{}，{groups}",
            y.branches_total,
            split(&kinds, y.branches_total, "个")
        ));
    }
    parts
}

/// The figures as the paragraph a unit's work report carries. A figure that is zero is said in
/// words ("无人去世"), never left as a blank or a bare 0.
fn paragraph(s: &Summary) -> String {
    let p = &s.people;
    let mut parts = match &s.year_end {
        Some(y) => year_end_clauses(s, y),
        None => vec![format!(
            "{}，我单位共有离退休干部{}人（离休{}人、退休{}人{}），其中中共党员{}人，80岁及以上{}人",
            s.label,
            p.total,
            p.lixiu,
            p.tuixiu,
            if p.tuizhi > 0 { format!("、退职{}人", p.tuizhi) } else { String::new() },
            p.party_members,
            p.aged_80_plus
        )],
    };
    let v = &s.visits_total;
    if v.times == 0 {
        parts.push("未登记走访慰问".to_string());
    } else {
        let mut visit = format!("走访慰问{}人、{}人次", v.persons, v.times);
        let by_kind: Vec<String> = s
            .visits
            .iter()
            .filter(|f| f.times > 0)
            .map(|f| format!("{}{}人次", f.label, f.times))
            .collect();
        if !by_kind.is_empty() {
            visit.push_str(&format!("（{}）", by_kind.join("、")));
        }
        if v.amount.0 > 0 {
            visit.push_str(&format!("，发放慰问金{}元", yuan(v.amount)));
        }
        parts.push(visit);
    }
    if s.subsidies_total.times > 0 {
        let kinds: Vec<String> =
            s.subsidies.iter().map(|f| format!("{}{}元", f.label, yuan(f.amount))).collect();
        parts.push(format!(
            "发放各类补贴{}人次、共{}元（{}）",
            s.subsidies_total.times,
            yuan(s.subsidies_total.amount),
            kinds.join("、")
        ));
    } else if v.amount.0 == 0 {
        parts.push("未发放慰问金和补贴".to_string());
    }
    let c = &s.checkups;
    if c.attended + c.absent > 0 {
        let rate = c.rate.map(|r| format!("，参检率{r:.1}%")).unwrap_or_default();
        parts.push(format!("组织{}年度健康体检{}人{rate}", c.year, c.attended));
    } else if s.year_end.is_some() {
        parts.push(format!("未登记{}年度健康体检", c.year));
    }
    if s.hospital_stays > 0 {
        let visits = s.visits.iter().find(|f| f.code == VisitKind::Hospital.code());
        parts.push(format!(
            "登记住院{}人次，住院探视{}人次",
            s.hospital_stays,
            visits.map_or(0, |f| f.times)
        ));
    }
    if s.activities.count > 0 {
        parts.push(format!(
            "开展活动{}次、参加{}人次",
            s.activities.count, s.activities.person_times
        ));
    }
    const MEDAL: &str = "“光荣在党50年”纪念章";
    match &s.year_end {
        Some(y) if y.medals_cumulative == 0 => parts.push(format!("尚未颁发{MEDAL}")),
        Some(y) if s.medals == 0 => {
            parts.push(format!("累计颁发{MEDAL}{}枚，本年未颁发", y.medals_cumulative))
        }
        Some(y) => {
            parts.push(format!("累计颁发{MEDAL}{}枚，其中本年{}枚", y.medals_cumulative, s.medals))
        }
        None if s.medals > 0 => parts.push(format!("颁发{MEDAL}{}枚", s.medals)),
        None => {}
    }
    let retired = if s.new_retirements > 0 {
        format!("新增退休{}人", s.new_retirements)
    } else {
        "无新增退休人员".to_string()
    };
    let died =
        if s.deaths > 0 { format!("去世{}人", s.deaths) } else { "无人去世".to_string() };
    parts.push(format!("{retired}，{died}"));
    parts.join("；") + "。"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{PersonFields, PersonInput, PoliticalStatus};
    use crate::store::db::{Ledger, Stamp};

    /// A quarter's visits are about 12,000 rows at 10,000 people: the figures must read them from
    /// their covering index, not one table lookup each.
    #[test]
    fn visit_figures_are_read_from_their_covering_index() {
        let ledger = Ledger::open_in_memory().unwrap();
        for sql in [VISITS_BY_KIND, VISITS_TOTAL] {
            let plan = crate::testing::query_plan(ledger.conn(), sql);
            assert!(
                plan.iter().any(|s| s.contains("COVERING INDEX visits_period_figures")),
                "{sql}: the query plan was {plan:?}"
            );
        }
    }

    fn stamp() -> Stamp {
        Stamp {
            actor: "测试".into(),
            now: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap().and_hms_opt(9, 0, 0).unwrap(),
        }
    }

    fn person(ledger: &mut Ledger, name: &str, birth: &str, kind: RetirementKind) -> i64 {
        let fields = PersonFields {
            name: name.into(),
            birth: Some(birth.parse().unwrap()),
            retirement_kind: Some(kind),
            retired_on: Some("2000-01".parse().unwrap()),
            political_status: Some(PoliticalStatus::CpcMember),
            unit_kind: Some(UnitKind::Organ),
            ..Default::default()
        };
        ledger
            .with_tx(|tx| {
                crate::tables::people::insert(
                    tx,
                    &stamp(),
                    &PersonInput { fields, ..Default::default() },
                )
            })
            .unwrap()
            .person
            .id
            .0
    }

    fn visit(ledger: &Ledger, person: i64, kind: &str, date: &str, fen: i64) {
        ledger
            .conn()
            .execute(
                "INSERT INTO visits (person_id, kind, date, amount_fen, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'now', 'now')",
                params![person, kind, date, fen],
            )
            .unwrap();
    }

    #[test]
    fn visits_count_persons_and_person_times_in_the_period_only() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let a = person(&mut ledger, "张三", "1940-03", RetirementKind::Lixiu);
        let b = person(&mut ledger, "李四", "1956-05", RetirementKind::Tuixiu);
        visit(&ledger, a, "holiday", "2026-10-18", 100_000);
        visit(&ledger, a, "birthday", "2026-09-30", 50_000);
        visit(&ledger, b, "holiday", "2026-10-19", 100_000);
        visit(&ledger, b, "phone", "2026-10-01", 0);
        // Outside the fourth quarter, and a voided visit: neither counts.
        visit(&ledger, b, "holiday", "2026-02-17", 100_000);
        ledger
            .conn()
            .execute("UPDATE visits SET voided_at = 'x' WHERE date = '2026-10-01'", [])
            .unwrap();

        let q4 = compute(ledger.conn(), Period::new(2026, Some(4)).unwrap()).unwrap();
        assert_eq!((q4.visits_total.persons, q4.visits_total.times), (2, 2));
        assert_eq!(q4.visits_total.amount, Fen(200_000));
        let holiday = q4.visits.iter().find(|f| f.code == "holiday").unwrap();
        assert_eq!((holiday.persons, holiday.times), (2, 2));
        assert_eq!(q4.people.total, 2);
        assert_eq!((q4.people.lixiu, q4.people.tuixiu), (1, 1));
        assert_eq!(q4.people.aged_80_plus, 1);
        assert!(q4.paragraph.contains("走访慰问2人、2人次"), "{}", q4.paragraph);
        assert!(q4.paragraph.contains("发放慰问金2,000.00元"), "{}", q4.paragraph);

        let year = compute(ledger.conn(), Period::year(2026)).unwrap();
        assert_eq!((year.visits_total.persons, year.visits_total.times), (2, 4));
        assert_eq!(year.visits_total.amount, Fen(350_000));
    }

    #[test]
    fn deaths_and_retirements_count_by_precision() {
        let cases: [(&str, Option<u8>, u32); 4] = [
            // A death known to the month counts in its quarter and its year.
            ("2026-08", Some(3), 1),
            ("2026-08", None, 1),
            ("2026-08", Some(4), 0),
            // A death known only to the year cannot be placed in a quarter.
            ("2026", Some(3), 0),
        ];
        for (died, quarter, want) in cases {
            let mut ledger = Ledger::open_in_memory().unwrap();
            let id = person(&mut ledger, "王五", "1930-01", RetirementKind::Lixiu);
            ledger
                .conn()
                .execute("UPDATE people SET died_on = ?1 WHERE id = ?2", params![died, id])
                .unwrap();
            let s = compute(ledger.conn(), Period::new(2026, quarter).unwrap()).unwrap();
            assert_eq!(s.deaths, want, "{died} in {quarter:?}");
        }
    }

    #[test]
    fn checkup_rate_is_attended_over_the_people_of_the_round() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let ids: Vec<i64> = (0..4)
            .map(|i| person(&mut ledger, &format!("赵{i}"), "1950-01", RetirementKind::Tuixiu))
            .collect();
        for (id, attended) in [(ids[0], 1), (ids[1], 1), (ids[2], 0)] {
            ledger
                .conn()
                .execute(
                    "INSERT INTO checkups (person_id, year, attended, created_at, updated_at)
                     VALUES (?1, 2026, ?2, 'now', 'now')",
                    params![id, attended],
                )
                .unwrap();
        }
        let s = compute(ledger.conn(), Period::year(2026)).unwrap();
        assert_eq!((s.checkups.due, s.checkups.attended, s.checkups.absent), (4, 2, 1));
        assert_eq!(s.checkups.rate, Some(50.0));
    }
    /// A yearly summary with nothing recorded but the year-end figures given.
    fn yearly(y: YearEndFigures) -> Summary {
        let period = Period::year(2026);
        let mut s = Summary {
            period,
            label: period.label(),
            people: PeopleFigures::default(),
            visits: Vec::new(),
            visits_total: CountFigure::default(),
            subsidies: Vec::new(),
            subsidies_total: CountFigure::default(),
            checkups: CheckupFigures { year: 2026, ..Default::default() },
            hospital_stays: 0,
            hospital_persons: 0,
            deaths: 0,
            new_retirements: 0,
            medals: 0,
            activities: ActivityFigures::default(),
            year_end: Some(y),
            paragraph: String::new(),
        };
        s.paragraph = paragraph(&s);
        s
    }

    fn branch(label: &str, count: u32) -> BranchFigure {
        BranchFigure { code: String::new(), label: label.into(), count }
    }

    #[test]
    fn the_yearly_paragraph_words_every_figure_zero_or_not() {
        let full = YearEndFigures {
            retirees: 10,
            organ: 6,
            institution: 1,
            enterprise: 3,
            lixiu: 2,
            party_members: 5,
            party_organ: 4,
            party_enterprise: 1,
            party_share: Some(50.0),
            branches: vec![branch("党总支", 1), branch("退休干部党支部", 2)],
            branches_total: 3,
            groups: 4,
            medals_cumulative: 7,
            ..Default::default()
        };
        let only_enterprise = YearEndFigures {
            retirees: 4,
            enterprise: 4,
            party_members: 1,
            party_enterprise: 1,
            party_share: Some(25.0),
            branches: vec![branch("退休干部党支部", 1)],
            branches_total: 1,
            ..Default::default()
        };
        let unknown_unit = YearEndFigures {
            retirees: 3,
            organ: 1,
            unit_unknown: 2,
            party_members: 2,
            party_organ: 1,
            party_unit_unknown: 1,
            party_share: Some(66.7),
            ..Default::default()
        };
        // (figures, medals this year, deaths, new retirements, must contain, must not contain)
        type Case = (YearEndFigures, u32, u32, u32, Vec<&'static str>, Vec<&'static str>);
        let cases: Vec<Case> = vec![
            (
                full,
                2,
                1,
                3,
                vec![
                    "截至2026年12月31日，我单位共有离退休人员10人（机关6人、事业单位1人、企业3人），其中离休干部2人",
                    "离退休党员5人（机关4人、企业1人），占离退休人员的50.0%",
                    "设有离退休干部党组织3个（党总支1个、退休干部党支部2个），党小组4个",
                    "累计颁发“光荣在党50年”纪念章7枚，其中本年2枚",
                    "新增退休3人，去世1人。",
                ],
                vec![],
            ),
            (
                only_enterprise,
                0,
                0,
                0,
                vec![
                    "共有离退休人员4人（均为企业），其中无离休干部",
                    "离退休党员1人（均为企业），占离退休人员的25.0%",
                    "设有离退休干部党组织1个（均为退休干部党支部），未设党小组",
                    "尚未颁发“光荣在党50年”纪念章",
                    "无新增退休人员，无人去世。",
                ],
                vec!["0人", "0个", "0枚"],
            ),
            (
                unknown_unit,
                0,
                0,
                0,
                vec![
                    "共有离退休人员3人（机关1人、单位类别未填2人）",
                    "离退休党员2人（机关1人、单位类别未填1人），占离退休人员的66.7%",
                    "尚未登记离退休干部党组织",
                ],
                vec!["0人", "0个"],
            ),
            (
                YearEndFigures { medals_cumulative: 3, ..Default::default() },
                0,
                0,
                0,
                vec![
                    "截至2026年12月31日，我单位暂无在册离退休人员",
                    "累计颁发“光荣在党50年”纪念章3枚，本年未颁发",
                    "未登记走访慰问",
                    "未发放慰问金和补贴",
                    "未登记2026年度健康体检",
                ],
                vec!["暂无中共党员", "0人"],
            ),
        ];
        for (y, medals, deaths, retired, want, not) in cases {
            let mut s = yearly(y);
            (s.medals, s.deaths, s.new_retirements) = (medals, deaths, retired);
            let text = paragraph(&s);
            for w in want {
                assert!(text.contains(w), "want “{w}” in {text}");
            }
            for n in not {
                assert!(!text.contains(n), "no “{n}” in {text}");
            }
            assert!(!text.contains("；；") && !text.contains("（）"), "{text}");
        }
    }

    #[test]
    fn a_quarter_has_no_year_end_figures() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        person(&mut ledger, "张三", "1940-03", RetirementKind::Lixiu);
        let q = compute(ledger.conn(), Period::new(2026, Some(2)).unwrap()).unwrap();
        assert!(q.year_end.is_none());
        assert!(
            q.paragraph.starts_with("2026年第二季度，我单位共有离退休干部1人"),
            "{}",
            q.paragraph
        );
        let y = compute(ledger.conn(), Period::year(2026)).unwrap();
        let e = y.year_end.unwrap();
        assert_eq!((e.retirees, e.organ, e.lixiu, e.party_members, e.party_organ), (1, 1, 1, 1, 1));
        assert!(
            y.paragraph.contains("共有离退休人员1人（均为机关），其中离休干部1人"),
            "{}",
            y.paragraph
        );
    }
}
