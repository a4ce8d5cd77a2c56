//! 活动: study sessions, 主题党日, forums, outings … and who took part. Changing the participants
//! is audited as the list before and after; an activity entered by mistake is voided with a reason.

use crate::domain::model::*;
use crate::domain::period::Period;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// What the clerk submits for an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivityInput {
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub title: String,
    pub kind: ActivityKind,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub participants: Vec<PersonId>,
}

/// Someone who took part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Participant {
    pub person_id: PersonId,
    pub name: String,
}

/// An activity with its participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Activity {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub title: String,
    pub kind: ActivityKind,
    pub place: String,
    pub notes: String,
    pub participants: Vec<Participant>,
}

/// A line of the activity list: the participants counted and named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ActivitySummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub title: String,
    pub kind: ActivityKind,
    pub place: String,
    pub notes: String,
    pub count: u32,
    /// `张三、李四、…` in roster order.
    pub names: String,
}

/// The audited form of an activity: participants as names, so the log reads like the list.
#[derive(Serialize)]
struct Audited<'a> {
    date: NaiveDate,
    title: &'a str,
    kind: ActivityKind,
    place: &'a str,
    notes: &'a str,
    participants: Vec<&'a str>,
}

fn audited<'a>(a: &'a ActivityInput, names: &'a [Participant]) -> Audited<'a> {
    Audited {
        date: a.date,
        title: &a.title,
        kind: a.kind,
        place: &a.place,
        notes: &a.notes,
        participants: names.iter().map(|p| p.name.as_str()).collect(),
    }
}

/// Normalises the input and looks up every participant (each once; nobody voided, nobody who had
/// died before the day).
fn check(conn: &Connection, input: &ActivityInput) -> Result<(ActivityInput, Vec<Participant>)> {
    let mut a = input.clone();
    a.title = crate::domain::text::normalize(&a.title);
    a.place = crate::domain::text::normalize(&a.place);
    a.notes = crate::domain::text::normalize(&a.notes);
    if a.title.is_empty() {
        return Err(Error::invalid("活动名称不能为空，请填写，例如“七一主题党日”。"));
    }
    let mut seen = HashSet::new();
    a.participants.retain(|p| seen.insert(*p));
    let mut names = Vec::with_capacity(a.participants.len());
    for p in &a.participants {
        let who = records::person(conn, *p)?;
        if let Some(d) = who.died_on.filter(|d| d.is_before(a.date)) {
            return Err(Error::invalid(format!(
                "{}已于{}去世，不能登记为{}的参加人员。请从名单中去掉。",
                who.name,
                d.chinese(),
                crate::domain::date::chinese_date(a.date)
            )));
        }
        names.push(Participant { person_id: *p, name: who.name });
    }
    Ok((a, names))
}

/// Puts people on an activity's list (back on it, if they had been taken off).
fn write_participants(conn: &Connection, id: i64, people: &[PersonId]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO activity_participants (activity_id, person_id) VALUES (?1, ?2)
         ON CONFLICT (activity_id, person_id) DO UPDATE SET removed_at = NULL",
    )?;
    for p in people {
        stmt.execute(params![id, p.0])?;
    }
    Ok(())
}

/// Records an activity with its participants.
pub fn insert(conn: &Connection, stamp: &Stamp, input: &ActivityInput) -> Result<Activity> {
    let (a, names) = check(conn, input)?;
    records::all_or_nothing(conn, || {
        conn.prepare_cached(
            "INSERT INTO activities (date, title, kind, place, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )?
        .execute(params![a.date, a.title, a.kind, a.place, a.notes, stamp.at()])?;
        let id = conn.last_insert_rowid();
        write_participants(conn, id, &a.participants)?;
        audit::record_created(conn, stamp, "activity", id, &audited(&a, &names))?;
        Ok(id)
    })
    .and_then(|id| get(conn, id))
}

/// Corrects an activity; the changed fields and the participant list before and after are audited.
/// A participant taken off the list is unlinked (the link has no life of its own; the audit log
/// keeps who was on it).
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: i64,
    input: &ActivityInput,
) -> Result<Activity> {
    let old = get(conn, id)?;
    let (a, names) = check(conn, input)?;
    let old_input = ActivityInput {
        date: old.date,
        title: old.title.clone(),
        kind: old.kind,
        place: old.place.clone(),
        notes: old.notes.clone(),
        participants: old.participants.iter().map(|p| p.person_id).collect(),
    };
    let changes = audit::diff(&audited(&old_input, &old.participants), &audited(&a, &names));
    if changes.is_empty() {
        return Ok(old);
    }
    records::all_or_nothing(conn, || {
        conn.prepare_cached(
            "UPDATE activities SET date = ?1, title = ?2, kind = ?3, place = ?4, notes = ?5,
               updated_at = ?6 WHERE id = ?7 AND voided_at IS NULL",
        )?
        .execute(params![a.date, a.title, a.kind, a.place, a.notes, stamp.at(), id])?;
        let keep: HashSet<PersonId> = a.participants.iter().copied().collect();
        // Taken off the list: the link is marked, not deleted (the audit entry names them too).
        let mut remove = conn.prepare_cached(
            "UPDATE activity_participants SET removed_at = ?3
             WHERE activity_id = ?1 AND person_id = ?2 AND removed_at IS NULL",
        )?;
        for p in old.participants.iter().filter(|p| !keep.contains(&p.person_id)) {
            remove.execute(params![id, p.person_id.0, stamp.at()])?;
        }
        write_participants(conn, id, &a.participants)?;
        audit::record(conn, stamp, "activity", Some(id), "update", &changes, None)
    })?;
    get(conn, id)
}

const NOT_FOUND: &str = "找不到这项活动，可能已被作废。请刷新列表。";

pub fn void(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::void_row(conn, stamp, "activities", "activity", id, reason, NOT_FOUND)
}

fn header(r: &Row<'_>) -> rusqlite::Result<Activity> {
    Ok(Activity {
        id: r.get(0)?,
        date: r.get(1)?,
        title: r.get(2)?,
        kind: r.get(3)?,
        place: r.get(4)?,
        notes: r.get(5)?,
        participants: Vec::new(),
    })
}

/// An activity that is not voided, with its participants.
pub fn get(conn: &Connection, id: i64) -> Result<Activity> {
    let mut a = conn
        .prepare_cached(
            "SELECT id, date, title, kind, place, notes FROM activities
             WHERE id = ?1 AND voided_at IS NULL",
        )?
        .query_row([id], header)
        .optional()?
        .ok_or_else(|| Error::NotFound(NOT_FOUND.into()))?;
    // The link table has no rowid (WITHOUT ROWID), so participants are listed by person.
    let mut stmt = conn.prepare_cached(
        "SELECT ap.person_id, p.name FROM activity_participants ap
         JOIN people p ON p.id = ap.person_id
         WHERE ap.activity_id = ?1 AND ap.removed_at IS NULL ORDER BY ap.person_id",
    )?;
    let rows = stmt
        .query_map([id], |r| Ok(Participant { person_id: PersonId(r.get(0)?), name: r.get(1)? }))?;
    a.participants = rows.collect::<rusqlite::Result<_>>()?;
    Ok(a)
}

/// The activities held in a period, by date, with participant counts and names (in entry order of the roster).
pub fn list(conn: &Connection, period: Period) -> Result<Vec<ActivitySummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.date, a.title, a.kind, a.place, a.notes,
                COUNT(p.id), COALESCE(group_concat(p.name, '、'), '')
         FROM activities a
         LEFT JOIN (SELECT ap.activity_id, pp.id, pp.name FROM activity_participants ap
                    JOIN people pp ON pp.id = ap.person_id
                    WHERE ap.removed_at IS NULL ORDER BY pp.id) p
           ON p.activity_id = a.id
         WHERE a.voided_at IS NULL AND a.date BETWEEN ?1 AND ?2
         GROUP BY a.id ORDER BY a.date, a.id",
    )?;
    let rows = stmt.query_map(params![period.start(), period.end()], |r| {
        Ok(ActivitySummary {
            id: r.get(0)?,
            date: r.get(1)?,
            title: r.get(2)?,
            kind: r.get(3)?,
            place: r.get(4)?,
            notes: r.get(5)?,
            count: r.get(6)?,
            names: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn activity(title: &str, date: &str, participants: &[PersonId]) -> ActivityInput {
        ActivityInput {
            date: day(date),
            title: title.into(),
            kind: ActivityKind::PartyDay,
            place: "老干部活动室".into(),
            notes: String::new(),
            participants: participants.to_vec(),
        }
    }

    #[test]
    fn participants_are_counted_named_and_their_changes_audited() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("张三"));
        let b = add(conn, simple("李四"));
        let c = add(conn, simple("王五"));
        let first = insert(conn, &st, &activity("七一主题党日", "2026-07-01", &[a, b, b])).unwrap();
        assert_eq!(first.participants.len(), 2, "a person is listed once");
        insert(conn, &st, &activity("重阳节登高", "2026-10-29", &[c])).unwrap();
        insert(conn, &st, &activity("春季踏青", "2026-04-10", &[])).unwrap();

        let q3 = list(conn, Period::new(2026, Some(3)).unwrap()).unwrap();
        assert_eq!(q3.len(), 1);
        assert_eq!((q3[0].count, q3[0].names.as_str()), (2, "张三、李四"));
        let year: Vec<_> = list(conn, Period::year(2026))
            .unwrap()
            .into_iter()
            .map(|s| (s.title, s.count))
            .collect();
        assert_eq!(
            year,
            [("春季踏青".to_string(), 0), ("七一主题党日".into(), 2), ("重阳节登高".into(), 1)]
        );

        let edited =
            update(conn, &st, first.id, &activity("七一主题党日", "2026-07-01", &[b, c])).unwrap();
        let names: Vec<_> = edited.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), 2);
        assert!(names.contains(&"李四") && names.contains(&"王五"));
        let log = audit::list_for(conn, "activity", first.id).unwrap();
        assert_eq!(log[0].changes.len(), 1);
        assert_eq!(log[0].changes[0].field, "participants");
        assert_eq!(log[0].changes[0].old, serde_json::json!(["张三", "李四"]));
        // Taken off the list, 张三 is still in the file, marked; put back, the same link returns.
        let links: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM activity_participants WHERE activity_id = ?1",
                [first.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(links, 3);
        let back = update(conn, &st, first.id, &activity("七一主题党日", "2026-07-01", &[a, b, c]))
            .unwrap();
        assert_eq!(back.participants.len(), 3);

        void(conn, &st, first.id, "重复录入").unwrap();
        assert!(get(conn, first.id).is_err());
        assert_eq!(list(conn, Period::year(2026)).unwrap().len(), 2);
    }

    #[test]
    fn activities_refuse_an_empty_title_and_the_deceased() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let gone = add(
            conn,
            PersonFields { died_on: crate::PartialDate::parse("2026-03").ok(), ..simple("赵六") },
        );
        let err = insert(conn, &st, &activity(" ", "2026-07-01", &[])).unwrap_err();
        assert!(err.to_string().contains("活动名称不能为空"));
        let err = insert(conn, &st, &activity("学习", "2026-07-01", &[gone])).unwrap_err();
        assert!(err.to_string().contains("赵六已于2026年3月去世"), "{err}");
        // Within the month of death it cannot be ruled out: accepted.
        insert(conn, &st, &activity("学习", "2026-03-05", &[gone])).unwrap();
        let err = insert(conn, &st, &activity("学习", "2026-07-01", &[PersonId(77)])).unwrap_err();
        assert!(err.to_string().contains("找不到"));
        assert_eq!(list(conn, Period::year(2026)).unwrap().len(), 1);
    }
}
