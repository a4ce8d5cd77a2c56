//! 走访慰问: every visit or call made to a retiree or to one of their survivors (遗属).
//!
//! A visit may belong to a holiday campaign (`campaign_id`, see [`crate::tables::campaigns`]) or to a
//! hospital stay (`hospital_stay_id`, see [`crate::tables::hospital`]). Records are voided with a reason,
//! never deleted, and every change is in the audit log.

use crate::domain::date::PartialDate;
use crate::domain::model::{PersonId, RetirementKind, Sex, VisitKind};
use crate::domain::money::Fen;
use crate::domain::period::Period;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use crate::tables::people::FieldIssue;
use chrono::NaiveDate;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The row id of a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(type = "number")]
pub struct VisitId(pub i64);

/// What the clerk records about one visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VisitInput {
    pub person_id: PersonId,
    /// The survivor (遗属) visited, a family member of the deceased `person_id`.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub survivor_id: Option<i64>,
    pub kind: VisitKind,
    /// 节日或事由: the festival, the 五必访 reason, the round birthday …
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub campaign_id: Option<i64>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub hospital_stay_id: Option<i64>,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// 带队领导
    #[serde(default)]
    pub leader: String,
    /// 参加人员
    #[serde(default)]
    pub participants: String,
    /// 走访人: who made the visit or call (the form offers the person's liaison).
    #[serde(default)]
    pub made_by: String,
    /// 慰问品
    #[serde(default)]
    pub gifts: String,
    /// 慰问金
    #[serde(default)]
    pub amount: Fen,
    /// 老同志身体状况
    #[serde(default)]
    pub condition: String,
    /// 反映问题及诉求
    #[serde(default)]
    pub problems: String,
    /// 办理情况
    #[serde(default)]
    pub handling: String,
    #[serde(default)]
    pub notes: String,
}

impl VisitInput {
    /// A visit with only the essentials; the rest is empty.
    pub fn new(person_id: PersonId, kind: VisitKind, date: NaiveDate) -> Self {
        Self {
            person_id,
            survivor_id: None,
            kind,
            reason: String::new(),
            campaign_id: None,
            hospital_stay_id: None,
            date,
            leader: String::new(),
            participants: String::new(),
            made_by: String::new(),
            gifts: String::new(),
            amount: Fen(0),
            condition: String::new(),
            problems: String::new(),
            handling: String::new(),
            notes: String::new(),
        }
    }
}

/// A stored visit with what the list and the ledger table show about the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Visit {
    pub id: VisitId,
    #[serde(flatten)]
    pub input: VisitInput,
    pub person_name: String,
    pub person_sex: Option<Sex>,
    pub person_birth: Option<PartialDate>,
    pub retirement_kind: Option<RetirementKind>,
    /// The survivor's name, for a survivor visit.
    pub survivor_name: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The visit list: filters, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VisitQuery {
    pub period: Option<Period>,
    pub kind: Option<VisitKind>,
    pub person_id: Option<PersonId>,
    #[ts(type = "number | null")]
    pub campaign_id: Option<i64>,
    /// Name, pinyin, initials or phone digits of the person, as in the roster search.
    pub search: String,
}

/// The 五必访 reasons most places use (DOMAIN.md glossary); each unit can change the list.
pub const DEFAULT_MUST_VISIT_REASONS: [&str; 5] =
    ["生病", "住院", "家庭发生重大变故", "邻里纠纷", "思想有波动"];

const MUST_VISIT_KEY: &str = "must_visit_reasons";

/// The unit's 五必访 reasons (the defaults until the clerk changes them).
pub fn must_visit_reasons(conn: &Connection) -> Result<Vec<String>> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([MUST_VISIT_KEY], |r| r.get(0))
        .optional()?;
    Ok(match stored.and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok()) {
        Some(list) if !list.is_empty() => list,
        _ => DEFAULT_MUST_VISIT_REASONS.iter().map(|s| s.to_string()).collect(),
    })
}

/// Replaces the unit's 五必访 reasons. Blank and repeated entries are dropped; the list may not be
/// empty. Audited.
pub fn set_must_visit_reasons(
    conn: &Connection,
    stamp: &Stamp,
    reasons: &[String],
) -> Result<Vec<String>> {
    let mut list: Vec<String> = Vec::new();
    for r in reasons {
        let r = crate::domain::text::normalize(r);
        if !r.is_empty() && !list.contains(&r) {
            list.push(r);
        }
    }
    if list.is_empty() {
        return Err(Error::invalid("五必访事由至少要有一项，例如“生病”“住院”。"));
    }
    let old = must_visit_reasons(conn)?;
    if old == list {
        return Ok(list);
    }
    let json = serde_json::to_string(&list).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [MUST_VISIT_KEY, json.as_str()],
    )?;
    let change = audit::FieldChange {
        field: MUST_VISIT_KEY.into(),
        old: serde_json::json!(old),
        new: serde_json::json!(list),
    };
    audit::record(conn, stamp, "settings", None, "update", &[change], None)?;
    Ok(list)
}

/// The outcome of checking a visit: the normalised input and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VisitCheck {
    pub input: VisitInput,
    pub errors: Vec<FieldIssue>,
}

fn issue(field: &str, label: &str, message: impl Into<String>) -> FieldIssue {
    FieldIssue { field: field.into(), label: label.into(), message: message.into() }
}

/// Checks a visit against the ledger: the person exists; a survivor belongs to them; the kind fits
/// whether they are alive; the 五必访 reason is one of the unit's; linked records exist.
pub fn validate(conn: &Connection, input: &VisitInput) -> Result<VisitCheck> {
    let mut v = input.clone();
    for text in [
        &mut v.reason,
        &mut v.leader,
        &mut v.participants,
        &mut v.made_by,
        &mut v.gifts,
        &mut v.condition,
        &mut v.problems,
        &mut v.handling,
        &mut v.notes,
    ] {
        *text = crate::domain::text::normalize(text);
    }
    let mut errors = Vec::new();
    let person: Option<(String, Option<PartialDate>)> = conn
        .prepare_cached("SELECT name, died_on FROM people WHERE id = ?1 AND voided_at IS NULL")?
        .query_row([v.person_id.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((_, died_on)) = person else {
        errors.push(issue(
            "person_id",
            "姓名",
            "找不到这位人员，可能已被作废。请从花名册中重新选择。",
        ));
        return Ok(VisitCheck { input: v, errors });
    };
    if v.amount.0 < 0 {
        errors.push(issue("amount", "慰问金(元)", "慰问金不能为负数，没有慰问金请填0。"));
    }
    let for_the_dead = matches!(v.kind, VisitKind::Condolence | VisitKind::Survivor);
    match died_on {
        None if for_the_dead => errors.push(issue(
            "kind",
            "走访类型",
            format!(
                "该同志尚未登记去世，不能登记“{}”。如已去世，请先办理去世登记；否则请改选走访类型。",
                v.kind.label()
            ),
        )),
        Some(died) if !for_the_dead && died.is_on_or_before(v.date) => {
            let message = if matches!(v.kind, VisitKind::Holiday | VisitKind::Birthday) {
                "该同志已去世，请改为遗属慰问".to_string()
            } else {
                format!(
                    "该同志已于{}去世，走访日期在此之后，请改为遗属慰问或吊唁。",
                    died.chinese()
                )
            };
            errors.push(issue("kind", "走访类型", message));
        }
        _ => {}
    }
    if let Some(survivor) = v.survivor_id {
        if v.kind != VisitKind::Survivor && v.kind != VisitKind::Condolence {
            errors.push(issue(
                "survivor_id",
                "遗属",
                "只有“遗属慰问”和“吊唁”可以选择遗属，请改选走访类型或清空遗属。",
            ));
        }
        let member: Option<bool> = conn
            .prepare_cached(
                "SELECT is_survivor FROM family_members
                 WHERE id = ?1 AND person_id = ?2 AND voided_at IS NULL",
            )?
            .query_row([survivor, v.person_id.0], |r| r.get(0))
            .optional()?;
        match member {
            None => errors.push(issue(
                "survivor_id",
                "遗属",
                "所选遗属不是该同志的家属（或已被移除），请重新选择。",
            )),
            Some(false) => errors.push(issue(
                "survivor_id",
                "遗属",
                "所选家属尚未登记为遗属，请先在该同志的家属信息中勾选“遗属”。",
            )),
            Some(true) => {}
        }
    } else if v.kind == VisitKind::Survivor {
        errors.push(issue("survivor_id", "遗属", "遗属慰问请选择慰问的是哪位遗属。"));
    }
    if v.kind == VisitKind::MustVisit {
        let reasons = must_visit_reasons(conn)?;
        if !reasons.contains(&v.reason) {
            errors.push(issue(
                "reason",
                "节日或事由",
                format!(
                    "五必访的事由应为：{}。如需其他事由，请在设置中添加，或改选其他走访类型。",
                    reasons.join("、")
                ),
            ));
        }
    }
    if let Some(campaign) = v.campaign_id {
        let found: Option<i64> = conn
            .prepare_cached("SELECT id FROM campaigns WHERE id = ?1 AND voided_at IS NULL")?
            .query_row([campaign], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            errors.push(issue(
                "campaign_id",
                "慰问活动",
                "所选慰问活动不存在或已作废，请重新选择。",
            ));
        }
    }
    if let Some(stay) = v.hospital_stay_id {
        let owner: Option<i64> = conn
            .prepare_cached(
                "SELECT person_id FROM hospital_stays WHERE id = ?1 AND voided_at IS NULL",
            )?
            .query_row([stay], |r| r.get(0))
            .optional()?;
        match owner {
            None => errors.push(issue(
                "hospital_stay_id",
                "住院记录",
                "所选住院记录不存在或已作废，请重新选择。",
            )),
            Some(p) if p != v.person_id.0 => errors.push(issue(
                "hospital_stay_id",
                "住院记录",
                "所选住院记录不是这位同志的，请重新选择。",
            )),
            Some(_) => {}
        }
    }
    Ok(VisitCheck { input: v, errors })
}

/// Rejects a check with errors, with all of them in one message.
pub(crate) fn ensure_valid(errors: &[FieldIssue]) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = errors.iter().map(|e| format!("{}：{}", e.label, e.message)).collect();
    Err(Error::invalid(format!("未保存，请先改正：{}", list.join("；"))))
}

const INSERT_SQL: &str = "INSERT INTO visits (person_id, survivor_id, kind, reason, campaign_id,
    hospital_stay_id, date, leader, participants, gifts, amount_fen, condition, problems, handling,
    notes, made_by, created_at, updated_at)
    VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?17)";

/// The stored columns of a visit in the order INSERT_SQL and the UPDATE number them (?1–?17, the
/// last being the time of the change), so the two statements cannot drift apart.
fn columns<'a>(v: &'a VisitInput, at: &'a dyn ToSql) -> [&'a dyn ToSql; 17] {
    [
        &v.person_id.0,
        &v.survivor_id,
        &v.kind,
        &v.reason,
        &v.campaign_id,
        &v.hospital_stay_id,
        &v.date,
        &v.leader,
        &v.participants,
        &v.gifts,
        &v.amount.0,
        &v.condition,
        &v.problems,
        &v.handling,
        &v.notes,
        &v.made_by,
        at,
    ]
}

/// Inserts a visit that has already been validated; audited. The bulk path campaigns use.
pub(crate) fn insert_validated(
    conn: &Connection,
    stamp: &Stamp,
    v: &VisitInput,
) -> Result<VisitId> {
    let at = stamp.at();
    conn.prepare_cached(INSERT_SQL)?.execute(params_from_iter(columns(v, &at)))?;
    let id = conn.last_insert_rowid();
    audit::record_created(conn, stamp, "visit", id, v)?;
    Ok(VisitId(id))
}

pub fn insert(conn: &Connection, stamp: &Stamp, input: &VisitInput) -> Result<Visit> {
    let check = validate(conn, input)?;
    ensure_valid(&check.errors)?;
    let id = insert_validated(conn, stamp, &check.input)?;
    get(conn, id)
}

/// Replaces a visit's details; audited with the changed fields.
pub fn update(conn: &Connection, stamp: &Stamp, id: VisitId, input: &VisitInput) -> Result<Visit> {
    let old = get(conn, id)?;
    let check = validate(conn, input)?;
    ensure_valid(&check.errors)?;
    let v = check.input;
    let changes = audit::diff(&old.input, &v);
    if changes.is_empty() {
        return Ok(old);
    }
    conn.prepare_cached(
        "UPDATE visits SET person_id=?1, survivor_id=?2, kind=?3, reason=?4, campaign_id=?5,
         hospital_stay_id=?6, date=?7, leader=?8, participants=?9, gifts=?10, amount_fen=?11,
         condition=?12, problems=?13, handling=?14, notes=?15, made_by=?16, updated_at=?17
         WHERE id=?18 AND voided_at IS NULL",
    )?
    .execute(params_from_iter(columns(&v, &stamp.at()).into_iter().chain([&id.0 as &dyn ToSql])))?;
    audit::record(conn, stamp, "visit", Some(id.0), "update", &changes, None)?;
    get(conn, id)
}

const NOT_FOUND: &str = "找不到这条走访记录，可能已被作废。请刷新列表。";

fn not_found() -> Error {
    Error::NotFound(NOT_FOUND.into())
}

/// Voids a visit with a reason; the record stays, marked void, and in the audit log.
pub fn void(conn: &Connection, stamp: &Stamp, id: VisitId, reason: &str) -> Result<()> {
    records::void_row(conn, stamp, "visits", "visit", id.0, reason, NOT_FOUND)
}

/// Restores a voided visit with a reason, if it would still be accepted as entered (the person
/// live and not dead before the visit date); otherwise nothing changes.
pub fn restore(conn: &Connection, stamp: &Stamp, id: VisitId, reason: &str) -> Result<Visit> {
    records::all_or_nothing(conn, || {
        records::restore_row(conn, stamp, "visits", "visit", id.0, reason, VOIDED_NOT_FOUND, "")?;
        let v = get(conn, id)?;
        ensure_restorable(&validate(conn, &v.input)?.errors)?;
        Ok(v)
    })
}

const VOIDED_NOT_FOUND: &str = "找不到这条已作废的走访记录，可能已被恢复。请刷新列表。";

/// Refuses a restore whose record no longer passes its ledger's checks, saying why.
pub(crate) fn ensure_restorable(errors: &[FieldIssue]) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = errors.iter().map(|e| format!("{}：{}", e.label, e.message)).collect();
    Err(Error::invalid(format!(
        "不能恢复：{}。请改为重新录入一条正确的记录。",
        list.join("；").trim_end_matches('。')
    )))
}

pub(crate) const SELECT: &str =
    "SELECT v.id, v.person_id, v.survivor_id, v.kind, v.reason, v.campaign_id,
    v.hospital_stay_id, v.date, v.leader, v.participants, v.gifts, v.amount_fen, v.condition,
    v.problems, v.handling, v.notes, v.created_at, v.updated_at,
    p.name, p.sex, p.birth, p.retirement_kind, f.name, v.made_by
    FROM visits v JOIN people p ON p.id = v.person_id
    LEFT JOIN family_members f ON f.id = v.survivor_id";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: VisitId(r.get(0)?),
        input: VisitInput {
            person_id: PersonId(r.get(1)?),
            survivor_id: r.get(2)?,
            kind: r.get(3)?,
            reason: r.get(4)?,
            campaign_id: r.get(5)?,
            hospital_stay_id: r.get(6)?,
            date: r.get(7)?,
            leader: r.get(8)?,
            participants: r.get(9)?,
            gifts: r.get(10)?,
            amount: Fen(r.get(11)?),
            condition: r.get(12)?,
            problems: r.get(13)?,
            handling: r.get(14)?,
            notes: r.get(15)?,
            made_by: r.get(23)?,
        },
        created_at: r.get(16)?,
        updated_at: r.get(17)?,
        person_name: r.get(18)?,
        person_sex: r.get(19)?,
        person_birth: r.get(20)?,
        retirement_kind: r.get(21)?,
        survivor_name: r.get(22)?,
    })
}

/// A visit that is not voided.
pub fn get(conn: &Connection, id: VisitId) -> Result<Visit> {
    conn.prepare_cached(&format!("{SELECT} WHERE v.id = ?1 AND v.voided_at IS NULL"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or_else(not_found)
}

/// Visits matching the query, newest first (by date, then by entry).
pub fn list(conn: &Connection, q: &VisitQuery) -> Result<Vec<Visit>> {
    let mut sql = format!("{SELECT} WHERE v.voided_at IS NULL");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let mut arg = |sql: &mut String, clause: &str, v: Box<dyn rusqlite::ToSql>| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(p) = q.period {
        arg(&mut sql, " AND v.date >= ?", Box::new(p.start()));
        arg(&mut sql, " AND v.date <= ?", Box::new(p.end()));
    }
    if let Some(k) = q.kind {
        arg(&mut sql, " AND v.kind = ?", Box::new(k));
    }
    if let Some(p) = q.person_id {
        arg(&mut sql, " AND v.person_id = ?", Box::new(p.0));
    }
    if let Some(c) = q.campaign_id {
        arg(&mut sql, " AND v.campaign_id = ?", Box::new(c));
    }
    let needle = crate::tables::search::normalize_query(&q.search);
    if !needle.is_empty() {
        arg(&mut sql, " AND instr(p.search_key, ?) > 0", Box::new(needle));
    }
    sql.push_str(" ORDER BY v.date DESC, v.id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows =
        stmt.query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::model::{FamilyMember, PersonInput};
    use crate::store::db::Ledger;
    use crate::testing::builder::retiree;

    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn stamp() -> Stamp {
        Stamp { actor: "测试员".into(), now: d("2026-11-21").and_hms_opt(9, 30, 0).unwrap() }
    }

    /// Adds a person with an optional family; returns the id and the family member ids.
    pub(crate) fn add(
        conn: &Connection,
        fields: crate::domain::model::PersonFields,
        family: &[(&str, &str, bool)],
    ) -> (PersonId, Vec<i64>) {
        let family = family
            .iter()
            .map(|(name, relation, survivor)| FamilyMember {
                name: name.to_string(),
                relation: relation.to_string(),
                is_survivor: *survivor,
                phone: "13800001111".into(),
                address: "人民路1号".into(),
                ..Default::default()
            })
            .collect();
        let saved =
            crate::tables::people::insert(conn, &stamp(), &PersonInput { fields, family }).unwrap();
        (saved.person.id, saved.person.family.iter().filter_map(|f| f.id).collect())
    }

    fn message(conn: &Connection, v: &VisitInput) -> String {
        let check = validate(conn, v).unwrap();
        check.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn visit_validation_speaks_to_the_clerk() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (alive, alive_family) =
            add(conn, retiree("张三").born("1940-03").build(), &[("李梅", "配偶", false)]);
        let (dead, dead_family) = add(
            conn,
            retiree("王五").born("1935-05").died("2026-03-02").build(),
            &[("赵兰", "配偶", true), ("王小", "儿子", false)],
        );
        let (dead_by_month, _) =
            add(conn, retiree("孙六").born("1932").died("2026-05").build(), &[]);
        let visit = |p: PersonId, kind: VisitKind, date: &str| VisitInput::new(p, kind, d(date));
        let with = |mut v: VisitInput, f: &dyn Fn(&mut VisitInput)| {
            f(&mut v);
            v
        };
        // (case, input, expected message fragment; "" means valid)
        let cases: Vec<(&str, VisitInput, &str)> = vec![
            ("holiday to the living", visit(alive, VisitKind::Holiday, "2026-02-10"), ""),
            (
                "holiday to the deceased",
                visit(dead, VisitKind::Holiday, "2026-10-18"),
                "该同志已去世，请改为遗属慰问",
            ),
            (
                "birthday to the deceased",
                visit(dead, VisitKind::Birthday, "2026-05-05"),
                "该同志已去世，请改为遗属慰问",
            ),
            ("holiday before the death", visit(dead, VisitKind::Holiday, "2026-02-10"), ""),
            (
                "death known to the month: a visit in that month is not refused",
                visit(dead_by_month, VisitKind::Routine, "2026-05-20"),
                "",
            ),
            (
                "routine visit after a death known to the month",
                visit(dead_by_month, VisitKind::Routine, "2026-06-01"),
                "请改为遗属慰问或吊唁",
            ),
            (
                "condolence to the living",
                visit(alive, VisitKind::Condolence, "2026-03-03"),
                "尚未登记去世",
            ),
            (
                "survivor visit to the living",
                with(visit(alive, VisitKind::Survivor, "2026-03-03"), &|v| {
                    v.survivor_id = Some(alive_family[0])
                }),
                "尚未登记去世",
            ),
            ("condolence to the deceased", visit(dead, VisitKind::Condolence, "2026-03-03"), ""),
            (
                "survivor visit names the survivor",
                with(visit(dead, VisitKind::Survivor, "2026-10-18"), &|v| {
                    v.survivor_id = Some(dead_family[0])
                }),
                "",
            ),
            (
                "survivor visit without a survivor",
                visit(dead, VisitKind::Survivor, "2026-10-18"),
                "请选择慰问的是哪位遗属",
            ),
            (
                "a family member not marked survivor",
                with(visit(dead, VisitKind::Survivor, "2026-10-18"), &|v| {
                    v.survivor_id = Some(dead_family[1])
                }),
                "尚未登记为遗属",
            ),
            (
                "someone else's family member",
                with(visit(dead, VisitKind::Survivor, "2026-10-18"), &|v| {
                    v.survivor_id = Some(alive_family[0])
                }),
                "不是该同志的家属",
            ),
            (
                "五必访 with a listed reason",
                with(visit(alive, VisitKind::MustVisit, "2026-06-01"), &|v| {
                    v.reason = " 邻里纠纷 ".into()
                }),
                "",
            ),
            (
                "五必访 with an unlisted reason",
                with(visit(alive, VisitKind::MustVisit, "2026-06-01"), &|v| {
                    v.reason = "搬家".into()
                }),
                "五必访的事由应为：生病、住院、家庭发生重大变故、邻里纠纷、思想有波动",
            ),
            (
                "negative amount",
                with(visit(alive, VisitKind::Routine, "2026-06-01"), &|v| v.amount = Fen(-1)),
                "慰问金不能为负数",
            ),
            (
                "unknown person",
                visit(PersonId(999), VisitKind::Routine, "2026-06-01"),
                "找不到这位人员",
            ),
            (
                "unknown hospital stay",
                with(visit(alive, VisitKind::Hospital, "2026-06-01"), &|v| {
                    v.hospital_stay_id = Some(5)
                }),
                "住院记录不存在",
            ),
        ];
        for (case, input, want) in cases {
            let got = message(conn, &input);
            if want.is_empty() {
                assert_eq!(got, "", "{case}");
            } else {
                assert!(got.contains(want), "{case}: {got}");
            }
        }
    }

    #[test]
    fn must_visit_reasons_are_configurable() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        assert_eq!(must_visit_reasons(conn).unwrap(), DEFAULT_MUST_VISIT_REASONS);
        let set = set_must_visit_reasons(
            conn,
            &stamp(),
            &["生病".into(), " 子女不孝 ".into(), "".into(), "生病".into()],
        )
        .unwrap();
        assert_eq!(set, ["生病", "子女不孝"]);
        assert_eq!(must_visit_reasons(conn).unwrap(), ["生病", "子女不孝"]);
        let err = set_must_visit_reasons(conn, &stamp(), &[" ".into()]).unwrap_err();
        assert!(err.to_string().contains("至少要有一项"));
        let (p, _) = add(conn, retiree("张三").born("1940-03").build(), &[]);
        let mut v = VisitInput::new(p, VisitKind::MustVisit, d("2026-06-01"));
        v.reason = "子女不孝".into();
        assert!(insert(conn, &stamp(), &v).is_ok());
    }

    #[test]
    fn visits_are_saved_updated_voided_and_audited() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (p, _) = add(conn, retiree("张三").born("1940-03").build(), &[]);
        let (q, _) = add(conn, retiree("李四").born("1941-03").build(), &[]);
        let mut v = VisitInput::new(p, VisitKind::Holiday, d("2026-02-10"));
        v.reason = "春节".into();
        v.amount = Fen(80000);
        v.leader = "  周局长 ".into();
        let saved = insert(conn, &stamp(), &v).unwrap();
        assert_eq!(saved.person_name, "张三");
        assert_eq!(saved.input.leader, "周局长");
        insert(conn, &stamp(), &VisitInput::new(q, VisitKind::Phone, d("2026-03-01"))).unwrap();
        insert(conn, &stamp(), &VisitInput::new(p, VisitKind::Routine, d("2025-12-01"))).unwrap();

        let mut changed = saved.input.clone();
        changed.problems = "希望解决住房维修".into();
        let updated = update(conn, &stamp(), saved.id, &changed).unwrap();
        assert_eq!(updated.input.problems, "希望解决住房维修");
        let log = audit::list_for(conn, "visit", saved.id.0).unwrap();
        assert_eq!(log[0].action, "update");
        assert_eq!(log[0].changes[0].field, "problems");

        let q1 =
            VisitQuery { period: Some(Period::new(2026, Some(1)).unwrap()), ..Default::default() };
        let dates: Vec<String> =
            list(conn, &q1).unwrap().iter().map(|v| v.input.date.to_string()).collect();
        assert_eq!(dates, ["2026-03-01", "2026-02-10"], "newest first, only the quarter");
        let by_name = VisitQuery { search: "zhangsan".into(), ..Default::default() };
        assert_eq!(list(conn, &by_name).unwrap().len(), 2);

        assert!(void(conn, &stamp(), saved.id, " ").unwrap_err().to_string().contains("原因"));
        void(conn, &stamp(), saved.id, "重复录入").unwrap();
        assert_eq!(get(conn, saved.id).unwrap_err().kind(), crate::ErrorKind::NotFound);
        assert_eq!(list(conn, &q1).unwrap().len(), 1);
        let log = audit::list_for(conn, "visit", saved.id.0).unwrap();
        assert_eq!((log[0].action.as_str(), log[0].reason.as_deref()), ("void", Some("重复录入")));
    }
}
