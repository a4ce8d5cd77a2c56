//! What the clerk decides about duties (migration 005): 五必访 cases opened, the 送学上门 list, and
//! reminders dismissed for their period. Every change is audited; nothing is deleted.

use crate::domain::model::PersonId;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::db::Stamp;
use crate::store::records;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// A 五必访 case as the clerk opens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MustVisitCaseInput {
    pub person_id: PersonId,
    /// One of the unit's 五必访 reasons.
    pub reason: String,
    /// The day the office learned of it.
    #[ts(type = "string")]
    pub learned_on: NaiveDate,
    #[serde(default)]
    pub notes: String,
}

/// Opens a 五必访 case: due until a visit on or after `learned_on` closes it. Returns its id.
pub fn open_must_visit(
    conn: &Connection,
    stamp: &Stamp,
    input: &MustVisitCaseInput,
) -> Result<i64> {
    let person = records::person(conn, input.person_id)?;
    if person.died_on.is_some() {
        return Err(Error::invalid(format!(
            "{}已登记去世，不能再开五必访。如需慰问家属，请登记遗属慰问。",
            person.name
        )));
    }
    let mut input = input.clone();
    input.reason = crate::domain::text::normalize(&input.reason);
    input.notes = crate::domain::text::normalize(&input.notes);
    let reasons = crate::tables::visits::must_visit_reasons(conn)?;
    if !reasons.contains(&input.reason) {
        return Err(Error::invalid(format!(
            "五必访事由“{}”不在本单位的清单中，应为：{}。可在“单位设置”中修改清单。",
            input.reason,
            reasons.join("、")
        )));
    }
    conn.prepare_cached(
        "INSERT INTO must_visit_cases (person_id, reason, learned_on, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![input.person_id.0, input.reason, input.learned_on, input.notes, stamp.at()])?;
    let id = conn.last_insert_rowid();
    audit::record_created(conn, stamp, "must_visit_case", id, &input)?;
    Ok(id)
}

/// Voids a case opened by mistake (a case is normally closed by the visit, not voided).
pub fn void_must_visit(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::void_row(
        conn,
        stamp,
        "must_visit_cases",
        "must_visit_case",
        id,
        reason,
        "找不到这条五必访记录，可能已被作废。请刷新后再试。",
    )
}

/// Puts a person on the 送学上门 list (年高体弱、行动不便); putting someone back who was taken
/// off starts them again.
pub fn add_to_delivery_list(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    reason: &str,
    on: NaiveDate,
) -> Result<()> {
    let p = records::person(conn, person)?;
    if p.died_on.is_some() {
        return Err(Error::invalid(format!("{}已登记去世，不能列入送学上门名单。", p.name)));
    }
    let reason = crate::domain::text::normalize(reason);
    conn.prepare_cached(
        "INSERT INTO delivery_list (person_id, reason, added_on) VALUES (?1, ?2, ?3)
         ON CONFLICT (person_id) DO UPDATE SET reason = excluded.reason,
           added_on = excluded.added_on, removed_at = NULL, removed_reason = NULL",
    )?
    .execute(params![person.0, reason, on])?;
    let change = audit::FieldChange {
        field: "delivery_list".into(),
        old: serde_json::Value::Null,
        new: serde_json::json!(reason),
    };
    audit::record(conn, stamp, "delivery_list", Some(person.0), "add", &[change], None)
}

/// Takes a person off the 送学上门 list with a reason; the row stays.
pub fn remove_from_delivery_list(
    conn: &Connection,
    stamp: &Stamp,
    person: PersonId,
    reason: &str,
) -> Result<()> {
    let reason = records::require_reason(reason)?;
    let n = conn
        .prepare_cached(
            "UPDATE delivery_list SET removed_at = ?1, removed_reason = ?2
             WHERE person_id = ?3 AND removed_at IS NULL",
        )?
        .execute(params![stamp.at(), reason, person.0])?;
    if n == 0 {
        return Err(Error::NotFound("这位老同志不在送学上门名单中，请刷新后再试。".into()));
    }
    audit::record(conn, stamp, "delivery_list", Some(person.0), "remove", &[], Some(&reason))
}

/// One person on the 送学上门 list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeliveryEntry {
    pub person_id: PersonId,
    pub name: String,
    pub reason: String,
    #[ts(type = "string")]
    pub added_on: NaiveDate,
}

/// The 送学上门 list of living people, by name.
pub fn delivery_list(conn: &Connection) -> Result<Vec<DeliveryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.person_id, p.name, d.reason, d.added_on FROM delivery_list d
         JOIN people p ON p.id = d.person_id
         WHERE d.removed_at IS NULL AND p.voided_at IS NULL AND p.died_on IS NULL
         ORDER BY p.name, p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(DeliveryEntry {
            person_id: PersonId(r.get(0)?),
            name: r.get(1)?,
            reason: r.get(2)?,
            added_on: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which reminder to dismiss: its key and due day, and how long a standing duty stays away
/// (the reminder's `dismiss_until`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dismissal {
    pub key: String,
    #[ts(type = "string")]
    pub due: NaiveDate,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub until: Option<NaiveDate>,
    /// Why (本人在外地随子女居住 …); required.
    pub reason: String,
}

/// Dismisses a reminder for its period, with a reason (audited). Returns the dismissal's id.
pub fn dismiss(conn: &Connection, stamp: &Stamp, d: &Dismissal) -> Result<i64> {
    let reason = crate::domain::text::normalize(&d.reason);
    if reason.is_empty() {
        return Err(Error::invalid("暂不提醒必须填写原因，例如“本人在外地随子女居住”。"));
    }
    if d.key.trim().is_empty() {
        return Err(Error::invalid("没有指明要暂不提醒的事项，请刷新待办后再试。"));
    }
    conn.prepare_cached(
        "INSERT INTO reminder_dismissals (reminder_key, due, until, reason, actor, created_at,
           updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![d.key, d.due, d.until, reason, stamp.actor, stamp.at()])?;
    let id = conn.last_insert_rowid();
    let d = Dismissal { reason, ..d.clone() };
    audit::record_created(conn, stamp, "reminder_dismissal", id, &d)?;
    Ok(id)
}

/// Withdraws a dismissal: the reminder comes back.
pub fn undo_dismissal(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::void_row(
        conn,
        stamp,
        "reminder_dismissals",
        "reminder_dismissal",
        id,
        reason,
        "找不到这条暂不提醒记录，可能已被撤销。请刷新后再试。",
    )
}

/// The dismissals in force: reminder key → (due, until) of each.
pub(crate) type Dismissed = HashMap<String, Vec<(NaiveDate, Option<NaiveDate>)>>;

pub(crate) fn active_dismissals(conn: &Connection) -> Result<Dismissed> {
    let mut out = Dismissed::new();
    let mut stmt = conn.prepare_cached(
        "SELECT reminder_key, due, until FROM reminder_dismissals WHERE voided_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?));
    }
    Ok(out)
}
