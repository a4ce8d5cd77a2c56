//! 健康体检: the yearly physical the unit pays for. One record per person and year (attended, or
//! absent with a reason); a year's round lists everyone due a checkup with their status, and counts
//! 应检 / 参检 / 未参检 / 未登记 and the 参检率 the bureau asks for.

use crate::domain::date::PartialDate;
use crate::domain::model::*;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// What the clerk records for one person's checkup in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckupInput {
    pub person_id: PersonId,
    pub year: i32,
    pub attended: bool,
    /// Required when attended, and within the year.
    #[ts(type = "string | null")]
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub hospital: String,
    /// 主要异常
    #[serde(default)]
    pub findings: String,
    /// 复查建议
    #[serde(default)]
    pub advice: String,
    /// 未参检原因: required when not attended.
    #[serde(default)]
    pub absence_reason: String,
    #[serde(default)]
    pub notes: String,
}

/// A checkup record as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Checkup {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub input: CheckupInput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckupStatus {
    Attended,
    Absent,
    NotRecorded,
}

impl CheckupStatus {
    /// 是否参检, as the table prints it.
    pub fn label(self) -> &'static str {
        match self {
            CheckupStatus::Attended => "是",
            CheckupStatus::Absent => "否",
            CheckupStatus::NotRecorded => "未登记",
        }
    }
}

/// One person in a year's round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckupRow {
    pub person_id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    /// Age on Dec 31 of the year (DOMAIN.md rule 6).
    pub age: Option<i32>,
    pub retirement_kind: Option<RetirementKind>,
    pub status: CheckupStatus,
    #[ts(type = "string | null")]
    pub date: Option<NaiveDate>,
    pub hospital: String,
    pub findings: String,
    pub advice: String,
    pub absence_reason: String,
    pub notes: String,
    #[ts(type = "number | null")]
    pub checkup_id: Option<i64>,
}

/// A year's checkup round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckupRound {
    pub year: i32,
    pub rows: Vec<CheckupRow>,
    /// 应检: everyone listed.
    pub living: u32,
    pub attended: u32,
    pub absent: u32,
    pub not_recorded: u32,
    /// 参检率: attended ÷ listed, 0–1 (0 when nobody is listed).
    pub rate: f64,
}

impl CheckupRound {
    /// `参检率 85.3%`, one decimal, as the tables print it.
    pub fn rate_text(&self) -> String {
        crate::domain::rate::percent_text(self.attended, self.living)
    }
}

const COLUMNS: &str = "c.id, c.person_id, c.year, c.attended, c.date, c.hospital, c.findings,
    c.advice, c.absence_reason, c.notes";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Checkup> {
    Ok(Checkup {
        id: r.get(0)?,
        input: CheckupInput {
            person_id: PersonId(r.get(1)?),
            year: r.get(2)?,
            attended: r.get(3)?,
            date: r.get(4)?,
            hospital: r.get(5)?,
            findings: r.get(6)?,
            advice: r.get(7)?,
            absence_reason: r.get(8)?,
            notes: r.get(9)?,
        },
    })
}

/// The round of `year`: everyone who was on the roster and alive on Jan 1 of the year and has not
/// died since (they are still due a checkup), plus anyone with a record for the year (someone
/// who was checked and then died stays listed). People retired after the year are not listed.
pub fn round(conn: &Connection, year: i32) -> Result<CheckupRound> {
    let mut records: HashMap<i64, Checkup> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM checkups c WHERE c.year = ?1 AND c.voided_at IS NULL"
        ))?;
        let rows = stmt.query_map([year], from_row)?;
        for c in rows {
            let c = c?;
            records.insert(c.input.person_id.0, c);
        }
    }
    let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, sex, birth, retirement_kind, died_on, retired_on FROM people
         WHERE voided_at IS NULL ORDER BY id",
    )?;
    let mut rows = Vec::new();
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let id: i64 = r.get(0)?;
        let died_on: Option<PartialDate> = r.get(5)?;
        let retired_on: Option<PartialDate> = r.get(6)?;
        let record = records.remove(&id);
        let due =
            died_on.is_none_or(|d| d.year() > year) && retired_on.is_none_or(|d| d.year() <= year);
        if record.is_none() && !due {
            continue;
        }
        let birth: Option<PartialDate> = r.get(3)?;
        let mut row = CheckupRow {
            person_id: PersonId(id),
            name: r.get(1)?,
            sex: r.get(2)?,
            age: birth.map(|b| b.age_on(dec31)),
            retirement_kind: r.get(4)?,
            status: CheckupStatus::NotRecorded,
            date: None,
            hospital: String::new(),
            findings: String::new(),
            advice: String::new(),
            absence_reason: String::new(),
            notes: String::new(),
            checkup_id: None,
        };
        if let Some(c) = record {
            let i = c.input;
            row.status = if i.attended { CheckupStatus::Attended } else { CheckupStatus::Absent };
            row.date = i.date;
            row.hospital = i.hospital;
            row.findings = i.findings;
            row.advice = i.advice;
            row.absence_reason = i.absence_reason;
            row.notes = i.notes;
            row.checkup_id = Some(c.id);
        }
        rows.push(row);
    }
    let count = |s: CheckupStatus| rows.iter().filter(|r| r.status == s).count() as u32;
    let (attended, absent, not_recorded) = (
        count(CheckupStatus::Attended),
        count(CheckupStatus::Absent),
        count(CheckupStatus::NotRecorded),
    );
    let living = rows.len() as u32;
    let rate = if living == 0 { 0.0 } else { f64::from(attended) / f64::from(living) };
    Ok(CheckupRound { year, rows, living, attended, absent, not_recorded, rate })
}

/// Checks and normalises a record: attended needs a date in that year (and not after a death),
/// absent needs a reason and keeps no date, hospital or findings.
fn check(conn: &Connection, input: &CheckupInput) -> Result<CheckupInput> {
    let who = records::person(conn, input.person_id)?;
    let mut c = input.clone();
    for text in
        [&mut c.hospital, &mut c.findings, &mut c.advice, &mut c.absence_reason, &mut c.notes]
    {
        *text = crate::domain::text::normalize(text);
    }
    crate::domain::period::check_year(c.year)?;
    if c.attended {
        let Some(date) = c.date else {
            return Err(Error::invalid(format!("{}已参检，请填写体检日期。", who.name)));
        };
        if date.year() != c.year {
            return Err(Error::invalid(format!(
                "{}的体检日期{}不在{}年内。请核对日期，或把记录登记到{}年度。",
                who.name,
                crate::domain::date::chinese_date(date),
                c.year,
                date.year()
            )));
        }
        if let Some(died) = who.died_on.filter(|d| d.is_before(date)) {
            return Err(Error::invalid(format!(
                "{}已于{}去世，体检日期{}晚于去世日期，请核对。",
                who.name,
                died.chinese(),
                crate::domain::date::chinese_date(date)
            )));
        }
        c.absence_reason.clear();
    } else {
        if c.absence_reason.is_empty() {
            return Err(Error::invalid(format!(
                "{}未参检，请填写未参检原因，如“住院治疗”“外出探亲”“本人不愿参加”。",
                who.name
            )));
        }
        // Nobody was examined: a hospital or findings left in the form from an earlier entry
        // would print as if they had been.
        c.date = None;
        c.hospital.clear();
        c.findings.clear();
        c.advice.clear();
    }
    Ok(c)
}

fn existing(conn: &Connection, person: PersonId, year: i32) -> Result<Option<Checkup>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM checkups c
             WHERE c.person_id = ?1 AND c.year = ?2 AND c.voided_at IS NULL"
        ))?
        .query_row(params![person.0, year], from_row)
        .optional()?)
}

fn write(conn: &Connection, stamp: &Stamp, c: &CheckupInput) -> Result<Checkup> {
    match existing(conn, c.person_id, c.year)? {
        Some(old) => {
            let changes = audit::diff(&old.input, c);
            if !changes.is_empty() {
                conn.prepare_cached(
                    "UPDATE checkups SET attended = ?1, date = ?2, hospital = ?3, findings = ?4,
                       advice = ?5, absence_reason = ?6, notes = ?7, updated_at = ?8
                     WHERE id = ?9",
                )?
                .execute(params![
                    c.attended,
                    c.date,
                    c.hospital,
                    c.findings,
                    c.advice,
                    c.absence_reason,
                    c.notes,
                    stamp.at(),
                    old.id
                ])?;
                audit::record(conn, stamp, "checkup", Some(old.id), "update", &changes, None)?;
            }
            Ok(Checkup { id: old.id, input: c.clone() })
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO checkups (person_id, year, attended, date, hospital, findings, advice,
                   absence_reason, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?
            .execute(params![
                c.person_id.0,
                c.year,
                c.attended,
                c.date,
                c.hospital,
                c.findings,
                c.advice,
                c.absence_reason,
                c.notes,
                stamp.at()
            ])?;
            let id = conn.last_insert_rowid();
            audit::record_created(conn, stamp, "checkup", id, c)?;
            Ok(Checkup { id, input: c.clone() })
        }
    }
}

/// Records a person's checkup for a year, replacing (and auditing the change to) the year's
/// earlier record if there is one.
pub fn record(conn: &Connection, stamp: &Stamp, input: &CheckupInput) -> Result<Checkup> {
    let c = check(conn, input)?;
    write(conn, stamp, &c)
}

/// "All of these attended on `date` at `hospital`": one record per person, all or nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckupGroup {
    pub person_ids: Vec<PersonId>,
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[serde(default)]
    pub hospital: String,
    #[serde(default)]
    pub notes: String,
}

/// Records a group attendance (the year is the date's); returns how many were recorded.
pub fn record_many(conn: &Connection, stamp: &Stamp, group: &CheckupGroup) -> Result<u32> {
    if group.person_ids.is_empty() {
        return Err(Error::invalid("请至少选择一位参检人员。"));
    }
    records::all_or_nothing(conn, || {
        for p in &group.person_ids {
            let input = CheckupInput {
                person_id: *p,
                year: group.date.year(),
                attended: true,
                date: Some(group.date),
                hospital: group.hospital.clone(),
                findings: String::new(),
                advice: String::new(),
                absence_reason: String::new(),
                notes: group.notes.clone(),
            };
            let c = check(conn, &input)?;
            // A group entry does not wipe findings already recorded for someone.
            let keep = existing(conn, *p, c.year)?.filter(|old| old.input.attended);
            let c = match keep {
                Some(old) => CheckupInput {
                    findings: old.input.findings,
                    advice: old.input.advice,
                    notes: if c.notes.is_empty() { old.input.notes } else { c.notes },
                    ..c
                },
                None => c,
            };
            write(conn, stamp, &c)?;
        }
        Ok(group.person_ids.len() as u32)
    })
}

const NOT_FOUND: &str = "找不到这条体检记录，可能已被作废。请刷新列表。";

/// A record that is not voided.
pub fn get(conn: &Connection, id: i64) -> Result<Checkup> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM checkups c WHERE c.id = ?1 AND c.voided_at IS NULL"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound(NOT_FOUND.into()))
}

/// Voids a record with a reason; the person shows as 未登记 again.
pub fn void(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::void_row(conn, stamp, "checkups", "checkup", id, reason, NOT_FOUND)
}

/// Restores a voided checkup with a reason, unless the person has since been voided or another
/// live checkup of the same year exists.
pub fn restore(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "checkups",
            "checkup",
            id,
            reason,
            "找不到这条已作废的体检记录，可能已被恢复。请刷新列表。",
            "不能恢复：此人当年已有一条体检记录。如需替换，请先作废那一条。",
        )?;
        let person: i64 =
            conn.query_row("SELECT person_id FROM checkups WHERE id = ?1", [id], |r| r.get(0))?;
        records::person(conn, PersonId(person)).map_err(|_| {
            Error::invalid("不能恢复：这位人员已被作废。请先恢复人员，再恢复其体检记录。")
        })?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn attended(person: PersonId, date: &str) -> CheckupInput {
        let d = day(date);
        CheckupInput {
            person_id: person,
            year: d.year(),
            attended: true,
            date: Some(d),
            hospital: "市第一人民医院".into(),
            findings: String::new(),
            advice: String::new(),
            absence_reason: String::new(),
            notes: String::new(),
        }
    }

    fn absent(person: PersonId, year: i32, reason: &str) -> CheckupInput {
        CheckupInput {
            attended: false,
            date: None,
            year,
            absence_reason: reason.into(),
            ..attended(person, "2026-01-01")
        }
    }

    fn died(name: &str, on: &str) -> PersonFields {
        PersonFields { died_on: PartialDate::parse(on).ok(), ..simple(name) }
    }

    #[test]
    fn the_round_lists_who_is_due_and_counts_the_rate() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("参检甲"));
        let b = add(conn, simple("参检乙"));
        let c = add(conn, simple("未参检丙"));
        let _d = add(conn, simple("未登记丁"));
        let e = add(conn, died("年内去世已检", "2026-10-01"));
        let _f = add(conn, died("年内去世未检", "2026-02-01"));
        let _g = add(conn, died("去年去世", "2025-12-31"));
        let _h = add(conn, died("次年去世", "2027-01-05"));
        let late = PersonFields {
            retired_on: PartialDate::parse("2027-03").ok(),
            ..simple("次年退休")
        };
        add(conn, late);
        record(conn, &st, &attended(a, "2026-09-10")).unwrap();
        record(conn, &st, &attended(b, "2026-09-11")).unwrap();
        record(conn, &st, &absent(c, 2026, "住院治疗")).unwrap();
        record(conn, &st, &attended(e, "2026-09-12")).unwrap();

        let r = round(conn, 2026).unwrap();
        let names: Vec<_> = r.rows.iter().map(|x| (x.name.as_str(), x.status)).collect();
        use CheckupStatus::*;
        assert_eq!(
            names,
            [
                ("参检甲", Attended),
                ("参检乙", Attended),
                ("未参检丙", Absent),
                ("未登记丁", NotRecorded),
                ("年内去世已检", Attended),
                ("次年去世", NotRecorded),
            ]
        );
        // (应检, 参检, 未参检, 未登记)
        assert_eq!((r.living, r.attended, r.absent, r.not_recorded), (6, 3, 1, 2));
        assert_eq!(r.rate_text(), "50.0%");
        assert_eq!(r.rows[0].age, Some(78), "age on Dec 31");
        assert_eq!(
            round(conn, 2030).unwrap().rows.iter().filter(|r| r.name.contains("去世")).count(),
            0
        );
    }

    #[test]
    fn a_record_needs_a_date_in_its_year_or_a_reason() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("甲"));
        let gone = add(conn, died("乙", "2026-05-03"));
        let no_date = CheckupInput { date: None, ..attended(a, "2026-09-10") };
        let wrong_year = CheckupInput { year: 2025, ..attended(a, "2026-09-10") };
        // (input, expected refusal)
        let cases = [
            (no_date, "请填写体检日期"),
            (wrong_year, "不在2025年内"),
            (absent(a, 2026, "  "), "请填写未参检原因"),
            (attended(gone, "2026-06-01"), "晚于去世日期"),
            (absent(a, 1900, "住院"), "年份“1900”不合理"),
        ];
        for (input, refusal) in cases {
            let err = record(conn, &st, &input).unwrap_err().to_string();
            assert!(err.contains(refusal), "{err}");
        }
        record(conn, &st, &attended(gone, "2026-04-20")).unwrap();
    }

    #[test]
    fn recording_again_updates_the_year_and_is_audited() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("甲"));
        let first = record(conn, &st, &absent(a, 2026, "外出")).unwrap();
        let mut again = attended(a, "2026-10-08");
        again.findings = "血压偏高".into();
        let second = record(conn, &st, &again).unwrap();
        assert_eq!(first.id, second.id, "one record per person and year");
        assert_eq!(get(conn, first.id).unwrap().input.absence_reason, "", "cleared when attended");
        let log = audit::list_for(conn, "checkup", first.id).unwrap();
        assert_eq!((log.len(), log[0].action.as_str()), (2, "update"));

        void(conn, &st, first.id, "录错人").unwrap();
        assert_eq!(round(conn, 2026).unwrap().not_recorded, 1);
        let fresh = record(conn, &st, &attended(a, "2026-10-09")).unwrap();
        assert_ne!(fresh.id, first.id, "a voided record leaves room for a new one");
    }

    #[test]
    fn a_group_attendance_is_all_or_nothing() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("甲"));
        let b = add(conn, simple("乙"));
        let gone = add(conn, died("丙", "2026-03-01"));
        let mut keep = attended(a, "2026-09-01");
        keep.findings = "血糖偏高".into();
        record(conn, &st, &keep).unwrap();
        let group = |ids: Vec<PersonId>| CheckupGroup {
            person_ids: ids,
            date: day("2026-09-20"),
            hospital: "市中医院".into(),
            notes: String::new(),
        };
        let err = record_many(conn, &st, &group(vec![a, b, gone])).unwrap_err();
        assert!(err.to_string().contains("丙已于2026年3月1日去世"), "{err}");
        assert_eq!(round(conn, 2026).unwrap().attended, 1, "nothing of the failed group was kept");
        assert_eq!(record_many(conn, &st, &group(vec![a, b])).unwrap(), 2);
        let r = round(conn, 2026).unwrap();
        assert_eq!((r.attended, r.rows[0].findings.as_str()), (2, "血糖偏高"));
        assert_eq!(r.rows[0].hospital, "市中医院");
    }
}
