//! 住院登记: hospital stays, and whether each was visited and followed up.
//!
//! The visits themselves are ordinary [`crate::tables::visits`] records linked by `hospital_stay_id`: a
//! visit during the stay (kind 住院), and after discharge a call or home visit (DOMAIN.md: "a call
//! or home visit within a week of discharge"). This module only computes, for a given `today`,
//! which stays still need one.

use crate::domain::model::{PersonId, Sex};
use crate::domain::period::Period;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use crate::tables::people::FieldIssue;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Days after discharge within which a follow-up call or visit is due.
pub const FOLLOW_UP_DAYS: i64 = 7;

/// The visit kinds that count as a follow-up after discharge (DOMAIN.md: a call or a home visit).
const FOLLOW_UP_KINDS: &str = "('phone', 'routine', 'hospital')";

/// The row id of a hospital stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(type = "number")]
pub struct StayId(pub i64);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HospitalStayInput {
    pub person_id: PersonId,
    #[serde(default)]
    pub hospital: String,
    #[serde(default)]
    pub department: String,
    /// 病情
    #[serde(default)]
    pub condition: String,
    #[ts(type = "string")]
    pub admitted_on: NaiveDate,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub discharged_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

/// What still needs doing for a stay, as of `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StayFlag {
    /// No visit linked to the stay since admission.
    NotVisited,
    /// Discharged more than [`FOLLOW_UP_DAYS`] days ago with no call or visit within that week.
    NoFollowUp,
}

impl StayFlag {
    pub const ALL: [StayFlag; 2] = [StayFlag::NotVisited, StayFlag::NoFollowUp];

    pub fn label(self) -> &'static str {
        match self {
            StayFlag::NotVisited => "未探视",
            StayFlag::NoFollowUp => "出院一周内未回访",
        }
    }
}

/// A stay as listed, with the person and the visit dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HospitalStay {
    pub id: StayId,
    #[serde(flatten)]
    pub input: HospitalStayInput,
    pub person_name: String,
    pub person_sex: Option<Sex>,
    /// The first visit linked to the stay (on or after admission).
    #[ts(type = "string | null")]
    pub visited_on: Option<NaiveDate>,
    /// The first call or visit linked to the stay on or after discharge.
    #[ts(type = "string | null")]
    pub follow_up_on: Option<NaiveDate>,
    pub flags: Vec<StayFlag>,
}

/// Which stays to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StayQuery {
    /// Stays that overlap the period (admitted before its end, not discharged before its start).
    pub period: Option<Period>,
    /// Only stays without a discharge date.
    pub open_only: bool,
    pub person_id: Option<PersonId>,
    /// Only stays with at least one flag.
    pub flagged_only: bool,
}

fn issue(field: &str, label: &str, message: impl Into<String>) -> FieldIssue {
    FieldIssue { field: field.into(), label: label.into(), message: message.into() }
}

/// Normalises a stay and lists what is wrong with it.
pub fn validate(
    conn: &Connection,
    input: &HospitalStayInput,
) -> Result<(HospitalStayInput, Vec<FieldIssue>)> {
    let mut s = input.clone();
    for t in [&mut s.hospital, &mut s.department, &mut s.condition, &mut s.notes] {
        *t = crate::domain::text::normalize(t);
    }
    let mut errors = Vec::new();
    let died: Option<Option<crate::PartialDate>> = conn
        .prepare_cached("SELECT died_on FROM people WHERE id = ?1 AND voided_at IS NULL")?
        .query_row([s.person_id.0], |r| r.get(0))
        .optional()?;
    match died {
        None => errors.push(issue(
            "person_id",
            "姓名",
            "找不到这位人员，可能已被作废。请从花名册中重新选择。",
        )),
        Some(Some(d)) if d.is_on_or_before(s.admitted_on) => errors.push(issue(
            "admitted_on",
            "入院日期",
            format!("该同志已于{}去世，入院日期不能在此之后，请核对。", d.chinese()),
        )),
        Some(_) => {}
    }
    if s.hospital.is_empty() {
        errors.push(issue("hospital", "医院", "请填写住院的医院。"));
    }
    if let Some(out) = s.discharged_on {
        if out < s.admitted_on {
            errors.push(issue("discharged_on", "出院日期", "出院日期早于入院日期，请核对。"));
        }
    }
    Ok((s, errors))
}

pub fn insert(
    conn: &Connection,
    stamp: &Stamp,
    input: &HospitalStayInput,
    today: NaiveDate,
) -> Result<HospitalStay> {
    let (s, errors) = validate(conn, input)?;
    crate::tables::visits::ensure_valid(&errors)?;
    let id = insert_validated(conn, stamp, &s)?;
    get(conn, id, today)
}

pub(crate) fn insert_validated(
    conn: &Connection,
    stamp: &Stamp,
    s: &HospitalStayInput,
) -> Result<StayId> {
    conn.prepare_cached(
        "INSERT INTO hospital_stays (person_id, hospital, department, condition, admitted_on,
         discharged_on, notes, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?8)",
    )?
    .execute(params![
        s.person_id.0,
        s.hospital,
        s.department,
        s.condition,
        s.admitted_on,
        s.discharged_on,
        s.notes,
        stamp.at()
    ])?;
    let id = conn.last_insert_rowid();
    audit::record_created(conn, stamp, "hospital_stay", id, s)?;
    Ok(StayId(id))
}

/// Replaces a stay's details (typically to add the discharge date); audited.
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: StayId,
    input: &HospitalStayInput,
    today: NaiveDate,
) -> Result<HospitalStay> {
    let old = get(conn, id, today)?;
    let (s, errors) = validate(conn, input)?;
    crate::tables::visits::ensure_valid(&errors)?;
    if s.person_id != old.input.person_id {
        return Err(Error::invalid(
            "住院记录不能改到另一位同志名下：请作废这条记录，再为正确的人员新登记。",
        ));
    }
    let changes = audit::diff(&old.input, &s);
    if changes.is_empty() {
        return Ok(old);
    }
    conn.prepare_cached(
        "UPDATE hospital_stays SET hospital=?1, department=?2, condition=?3, admitted_on=?4,
         discharged_on=?5, notes=?6, updated_at=?7 WHERE id=?8 AND voided_at IS NULL",
    )?
    .execute(params![
        s.hospital,
        s.department,
        s.condition,
        s.admitted_on,
        s.discharged_on,
        s.notes,
        stamp.at(),
        id.0
    ])?;
    audit::record(conn, stamp, "hospital_stay", Some(id.0), "update", &changes, None)?;
    get(conn, id, today)
}

const NOT_FOUND: &str = "找不到这条住院记录，可能已被作废。请刷新列表。";

fn not_found() -> Error {
    Error::NotFound(NOT_FOUND.into())
}

/// Voids a stay with a reason. Visits linked to it keep their link and stay in the visit ledger.
pub fn void(conn: &Connection, stamp: &Stamp, id: StayId, reason: &str) -> Result<()> {
    records::void_row(conn, stamp, "hospital_stays", "hospital_stay", id.0, reason, NOT_FOUND)
}

/// Restores a voided stay with a reason, if it would still be accepted as entered.
pub fn restore(
    conn: &Connection,
    stamp: &Stamp,
    id: StayId,
    reason: &str,
    today: NaiveDate,
) -> Result<HospitalStay> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "hospital_stays",
            "hospital_stay",
            id.0,
            reason,
            "找不到这条已作废的住院记录，可能已被恢复。请刷新列表。",
            "",
        )?;
        let s = get(conn, id, today)?;
        crate::tables::visits::ensure_restorable(&validate(conn, &s.input)?.1)?;
        Ok(s)
    })
}

/// One query computes the first visit, the first follow-up and whether a follow-up fell within the
/// week, so a list of any length is one pass over the linked visits (indexed by `visits_stay`).
pub(crate) fn select_sql() -> String {
    format!(
        "SELECT s.id, s.person_id, s.hospital, s.department, s.condition, s.admitted_on,
         s.discharged_on, s.notes, p.name, p.sex,
         (SELECT MIN(v.date) FROM visits v WHERE v.hospital_stay_id = s.id
            AND v.voided_at IS NULL AND v.date >= s.admitted_on) AS visited_on,
         (SELECT MIN(v.date) FROM visits v WHERE v.hospital_stay_id = s.id
            AND v.voided_at IS NULL AND v.kind IN {FOLLOW_UP_KINDS}
            AND v.date >= s.discharged_on) AS follow_up_on
         FROM hospital_stays s JOIN people p ON p.id = s.person_id"
    )
}

pub(crate) fn from_row(r: &Row<'_>, today: NaiveDate) -> rusqlite::Result<HospitalStay> {
    let input = HospitalStayInput {
        person_id: PersonId(r.get(1)?),
        hospital: r.get(2)?,
        department: r.get(3)?,
        condition: r.get(4)?,
        admitted_on: r.get(5)?,
        discharged_on: r.get(6)?,
        notes: r.get(7)?,
    };
    let visited_on: Option<NaiveDate> = r.get(10)?;
    let follow_up_on: Option<NaiveDate> = r.get(11)?;
    let flags = flags(&input, visited_on, follow_up_on, today);
    Ok(HospitalStay {
        id: StayId(r.get(0)?),
        input,
        person_name: r.get(8)?,
        person_sex: r.get(9)?,
        visited_on,
        follow_up_on,
        flags,
    })
}

/// The rule, apart from the database: not visited since admission; discharged more than a week
/// ago without a follow-up within that week (a late follow-up is recorded but the flag stays, so
/// the table shows the week was missed).
fn flags(
    s: &HospitalStayInput,
    visited_on: Option<NaiveDate>,
    follow_up_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<StayFlag> {
    let mut out = Vec::new();
    if visited_on.is_none() {
        out.push(StayFlag::NotVisited);
    }
    if let Some(out_on) = s.discharged_on {
        let due = out_on + chrono::Duration::days(FOLLOW_UP_DAYS);
        let in_time = follow_up_on.is_some_and(|f| f <= due);
        if today > due && !in_time {
            out.push(StayFlag::NoFollowUp);
        }
    }
    out
}

pub fn get(conn: &Connection, id: StayId, today: NaiveDate) -> Result<HospitalStay> {
    conn.prepare_cached(&format!("{} WHERE s.id = ?1 AND s.voided_at IS NULL", select_sql()))?
        .query_row([id.0], |r| from_row(r, today))
        .optional()?
        .ok_or_else(not_found)
}

/// Stays matching the query, newest admission first, with their flags as of `today`.
pub fn list(conn: &Connection, q: &StayQuery, today: NaiveDate) -> Result<Vec<HospitalStay>> {
    let mut sql = format!("{} WHERE s.voided_at IS NULL AND p.voided_at IS NULL", select_sql());
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    if let Some(p) = q.period {
        args.push(Box::new(p.end()));
        args.push(Box::new(p.start()));
        sql.push_str(
            " AND s.admitted_on <= ?1 AND (s.discharged_on IS NULL OR s.discharged_on >= ?2)",
        );
    }
    if q.open_only {
        sql.push_str(" AND s.discharged_on IS NULL");
    }
    if let Some(p) = q.person_id {
        args.push(Box::new(p.0));
        sql.push_str(&format!(" AND s.person_id = ?{}", args.len()));
    }
    sql.push_str(" ORDER BY s.admitted_on DESC, s.id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), |r| {
            from_row(r, today)
        })?;
    let mut out: Vec<HospitalStay> = rows.collect::<rusqlite::Result<_>>()?;
    if q.flagged_only {
        out.retain(|s| !s.flags.is_empty());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::VisitKind;
    use crate::store::db::Ledger;
    use crate::tables::visits::tests::{add, d, stamp};
    use crate::tables::visits::{self, VisitInput};
    use crate::testing::builder::retiree;

    fn stay(p: PersonId, admitted: &str, discharged: Option<&str>) -> HospitalStayInput {
        HospitalStayInput {
            person_id: p,
            hospital: "市第一人民医院".into(),
            department: "心内科".into(),
            condition: "冠心病".into(),
            admitted_on: d(admitted),
            discharged_on: discharged.map(d),
            notes: String::new(),
        }
    }

    #[test]
    fn follow_up_is_due_within_a_week_of_discharge() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (p, _) = add(conn, retiree("张三").born("1940-03").build(), &[]);
        // Discharged 2026-11-10: the week runs to 11-17 inclusive.
        // (case, visits as (kind, date), today, expected flags, follow_up_on)
        type Case<'a> =
            (&'a str, Vec<(VisitKind, &'a str)>, &'a str, Vec<StayFlag>, Option<&'a str>);
        let cases: Vec<Case<'_>> = vec![
            (
                "on the 7th day, nothing yet: not overdue",
                vec![],
                "2026-11-17",
                vec![StayFlag::NotVisited],
                None,
            ),
            (
                "the 8th day with no call",
                vec![(VisitKind::Hospital, "2026-11-05")],
                "2026-11-18",
                vec![StayFlag::NoFollowUp],
                None,
            ),
            (
                "a call on the 7th day is in time",
                vec![(VisitKind::Hospital, "2026-11-05"), (VisitKind::Phone, "2026-11-17")],
                "2026-11-30",
                vec![],
                Some("2026-11-17"),
            ),
            (
                "a call on the discharge day counts",
                vec![(VisitKind::Hospital, "2026-11-05"), (VisitKind::Routine, "2026-11-10")],
                "2026-11-30",
                vec![],
                Some("2026-11-10"),
            ),
            (
                "a call on the 8th day is late: recorded, still flagged",
                vec![(VisitKind::Hospital, "2026-11-05"), (VisitKind::Phone, "2026-11-18")],
                "2026-11-30",
                vec![StayFlag::NoFollowUp],
                Some("2026-11-18"),
            ),
            (
                "a visit before discharge is not a follow-up",
                vec![(VisitKind::Hospital, "2026-11-09")],
                "2026-11-30",
                vec![StayFlag::NoFollowUp],
                None,
            ),
        ];
        for (case, visits, today, want_flags, want_follow_up) in cases {
            let id = insert(conn, &stamp(), &stay(p, "2026-11-01", Some("2026-11-10")), d(today))
                .unwrap()
                .id;
            for (kind, date) in visits {
                let mut v = VisitInput::new(p, kind, d(date));
                v.hospital_stay_id = Some(id.0);
                visits::insert(conn, &stamp(), &v).unwrap();
            }
            let got = get(conn, id, d(today)).unwrap();
            assert_eq!(got.flags, want_flags, "{case}");
            assert_eq!(got.follow_up_on, want_follow_up.map(d), "{case}");
        }
    }

    #[test]
    fn open_stays_wait_for_a_visit() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (p, _) = add(conn, retiree("张三").born("1940-03").build(), &[]);
        let today = d("2026-11-21");
        let open = insert(conn, &stamp(), &stay(p, "2026-11-18", None), today).unwrap();
        assert_eq!(open.flags, [StayFlag::NotVisited]);
        let old =
            insert(conn, &stamp(), &stay(p, "2026-03-01", Some("2026-03-09")), today).unwrap();
        let mut v = VisitInput::new(p, VisitKind::Hospital, d("2026-11-19"));
        v.hospital_stay_id = Some(open.id.0);
        visits::insert(conn, &stamp(), &v).unwrap();
        let open = get(conn, open.id, today).unwrap();
        assert_eq!((open.visited_on, open.flags.clone()), (Some(d("2026-11-19")), vec![]));

        let only_open = StayQuery { open_only: true, ..Default::default() };
        assert_eq!(list(conn, &only_open, today).unwrap().len(), 1);
        let q4 =
            StayQuery { period: Some(Period::new(2026, Some(4)).unwrap()), ..Default::default() };
        let ids: Vec<StayId> = list(conn, &q4, today).unwrap().iter().map(|s| s.id).collect();
        assert_eq!(ids, [open.id]);
        let flagged = StayQuery { flagged_only: true, ..Default::default() };
        assert_eq!(list(conn, &flagged, today).unwrap()[0].id, old.id);

        let mut wrong = stay(p, "2026-11-18", Some("2026-11-01"));
        wrong.hospital = " ".into();
        let err = insert(conn, &stamp(), &wrong, today).unwrap_err().to_string();
        assert!(err.contains("请填写住院的医院") && err.contains("出院日期早于入院日期"), "{err}");

        let mut discharged = open.input.clone();
        discharged.discharged_on = Some(d("2026-11-20"));
        let after = update(conn, &stamp(), open.id, &discharged, today).unwrap();
        assert_eq!(after.input.discharged_on, Some(d("2026-11-20")));
        void(conn, &stamp(), old.id, "录入错误").unwrap();
        assert!(list(conn, &flagged, today).unwrap().is_empty());
    }
}
