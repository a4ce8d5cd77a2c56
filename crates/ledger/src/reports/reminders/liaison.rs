//! The liaison's duties (一对一联系人): whom a liaison keeps in touch with, when each was last
//! contacted (any visit or call to the person), and what is due for each — the liaison view, the
//! 联系人任务单 and the 送学上门名单 read these rows.
//!
//! The people, their last contact and the paging are SQL; what is due comes from [`compute`] with
//! the liaison filter, so the view says exactly what 待办 says.

use super::birthday_list::mask_address;
use super::{compute, Reminder, ReminderQuery, CONTACT_KINDS};
use crate::domain::date::PartialDate;
use crate::domain::idcard::mask_phone;
use crate::domain::model::{PersonId, Sex, VisitKind};
use crate::error::{Error, Result};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// A liaison and how many living people they look after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LiaisonCount {
    pub liaison: String,
    #[ts(type = "number")]
    pub people: i64,
}

/// Every liaison named on a living person, by name; people with none recorded are not counted.
pub fn liaisons(conn: &Connection) -> Result<Vec<LiaisonCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT liaison, COUNT(*) FROM people
         WHERE voided_at IS NULL AND died_on IS NULL AND liaison <> ''
         GROUP BY liaison ORDER BY liaison",
    )?;
    let rows =
        stmt.query_map([], |r| Ok(LiaisonCount { liaison: r.get(0)?, people: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One page of a liaison's people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LiaisonQuery {
    pub liaison: String,
    #[ts(type = "string")]
    pub on: NaiveDate,
    /// What falls due within this many days after `on` (overdue duties are always shown).
    pub days: u32,
    #[serde(default)]
    pub offset: u32,
    /// Rows per page; 0 means all.
    #[serde(default)]
    pub limit: u32,
}

/// One person a liaison looks after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LiaisonRow {
    pub person_id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    pub age: Option<i32>,
    pub phone_masked: String,
    /// The address with its detail hidden, as lists show it.
    pub address: String,
    /// The last visit or call to the person on or before the day asked about.
    #[ts(type = "string | null")]
    pub last_contact: Option<NaiveDate>,
    pub last_contact_kind: Option<VisitKind>,
    /// Who made that contact (走访人), empty when not recorded.
    pub last_contact_by: String,
    /// What is due for the person, overdue first.
    pub due: Vec<Reminder>,
}

/// A page of a liaison's people: the longest without contact first (never contacted at the top).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LiaisonPage {
    pub liaison: String,
    /// All the liaison's living people, not only this page.
    #[ts(type = "number")]
    pub total: i64,
    /// How many of them have an overdue duty.
    #[ts(type = "number")]
    pub overdue_people: i64,
    pub rows: Vec<LiaisonRow>,
}

/// The liaison's people with their last contact and what is due, one page.
pub fn people(conn: &Connection, q: &LiaisonQuery) -> Result<LiaisonPage> {
    let liaison = crate::domain::text::normalize(&q.liaison);
    if liaison.is_empty() {
        return Err(Error::invalid("请先选择一位一对一联系人。"));
    }
    let total: i64 = conn
        .prepare_cached(
            "SELECT COUNT(*) FROM people
             WHERE voided_at IS NULL AND died_on IS NULL AND liaison = ?1",
        )?
        .query_row([&liaison], |r| r.get(0))?;
    let limit: i64 = if q.limit == 0 { -1 } else { i64::from(q.limit) };
    let mut stmt = conn.prepare_cached(&format!(
        "WITH mine AS (
           SELECT p.id, p.name, p.sex, p.birth, p.phone, p.address,
             (SELECT v.id FROM visits v
               WHERE v.person_id = p.id AND v.voided_at IS NULL AND v.survivor_id IS NULL
                 AND v.kind IN {CONTACT_KINDS} AND v.date <= ?2
               ORDER BY v.date DESC, v.id DESC LIMIT 1) AS last_id
           FROM people p
           WHERE p.voided_at IS NULL AND p.died_on IS NULL AND p.liaison = ?1)
         SELECT m.id, m.name, m.sex, m.birth, m.phone, m.address, v.date, v.kind, v.made_by
         FROM mine m LEFT JOIN visits v ON v.id = m.last_id
         ORDER BY v.date IS NOT NULL, v.date, m.name, m.id
         LIMIT ?3 OFFSET ?4"
    ))?;
    let mut rows = stmt
        .query_map(params![liaison, q.on, limit, i64::from(q.offset)], |r| {
            let birth: Option<PartialDate> = r.get(3)?;
            let phone: String = r.get(4)?;
            let address: String = r.get(5)?;
            Ok(LiaisonRow {
                person_id: PersonId(r.get(0)?),
                name: r.get(1)?,
                sex: r.get(2)?,
                age: birth.map(|b| b.age_on(q.on)),
                phone_masked: mask_phone(&phone),
                address: mask_address(&address),
                last_contact: r.get(6)?,
                last_contact_kind: r.get(7)?,
                last_contact_by: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                due: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let all = compute(
        conn,
        &ReminderQuery {
            on: q.on,
            days: q.days,
            kinds: Vec::new(),
            liaison: Some(liaison.clone()),
        },
    )?;
    let mut overdue_people = std::collections::HashSet::new();
    let mut by_person: HashMap<i64, Vec<Reminder>> = HashMap::new();
    for r in all {
        let Some(p) = r.person_id else { continue };
        if r.overdue {
            overdue_people.insert(p.0);
        }
        by_person.entry(p.0).or_default().push(r);
    }
    for row in &mut rows {
        row.due = by_person.remove(&row.person_id.0).unwrap_or_default();
    }
    Ok(LiaisonPage { liaison, total, overdue_people: overdue_people.len() as i64, rows })
}

/// One person on the 送学上门 list for a month, with what was brought to them that month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DeliveryRow {
    pub person_id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    pub age: Option<i32>,
    /// The address with its detail hidden, as the roster shows it.
    pub address: String,
    pub liaison: String,
    /// Why the person is on the list (年高体弱、行动不便 …).
    pub reason: String,
    /// This month's deliveries: `送文件 11.03（王明）`, in date order.
    pub delivered: Vec<String>,
}

/// The 送学上门 list for `year`-`month`: living people on the list, by name, with what was
/// delivered to them in the month (送文件, 送学习资料, 送报刊).
pub fn delivery_month(conn: &Connection, year: i32, month: u32) -> Result<Vec<DeliveryRow>> {
    crate::domain::period::check_year(year)?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
        Error::invalid(format!("{year}年{month}月不是有效的月份，月份应为1到12。"))
    })?;
    let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
    let mut stmt = conn.prepare_cached(
        "SELECT d.person_id, p.name, p.sex, p.birth, p.address, p.liaison, d.reason
         FROM delivery_list d JOIN people p ON p.id = d.person_id
         WHERE d.removed_at IS NULL AND p.voided_at IS NULL AND p.died_on IS NULL
         ORDER BY p.name, p.id",
    )?;
    let mut out = stmt
        .query_map([], |r| {
            let birth: Option<PartialDate> = r.get(3)?;
            let address: String = r.get(4)?;
            Ok(DeliveryRow {
                person_id: PersonId(r.get(0)?),
                name: r.get(1)?,
                sex: r.get(2)?,
                age: birth.map(|b| b.age_on(last)),
                address: mask_address(&address),
                liaison: r.get(5)?,
                reason: r.get(6)?,
                delivered: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut delivered: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT v.person_id, v.kind, v.date, v.made_by FROM visits v
         JOIN delivery_list d ON d.person_id = v.person_id AND d.removed_at IS NULL
         WHERE v.voided_at IS NULL AND v.date >= ?1 AND v.date <= ?2
           AND v.kind IN ('deliver_documents', 'deliver_study', 'deliver_papers')
         ORDER BY v.date, v.id",
    )?;
    let mut rows = stmt.query(params![first, last])?;
    while let Some(r) = rows.next()? {
        let kind: VisitKind = r.get(1)?;
        let date: NaiveDate = r.get(2)?;
        let by: String = r.get(3)?;
        let mut text = format!("{} {}", kind.label(), date.format("%m.%d"));
        if !by.is_empty() {
            text.push_str(&format!("（{by}）"));
        }
        delivered.entry(r.get(0)?).or_default().push(text);
    }
    for row in &mut out {
        row.delivered = delivered.remove(&row.person_id.0).unwrap_or_default();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::PersonFields;
    use crate::reports::reminders::ReminderKind;
    use crate::tables::reminder_cases::add_to_delivery_list;
    use crate::testing::{add, day, simple, stamp};
    use crate::testing::{liaison_person as person, visit_by as visit};

    #[test]
    fn a_liaison_sees_their_people_longest_without_contact_first_with_what_is_due() {
        let dir = tempfile::tempdir().unwrap();
        let l = crate::Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = l.conn();
        let a = person(c, "甲老", "王联络");
        let b = person(c, "乙老", "王联络");
        let never = person(c, "丙老", "王联络");
        person(c, "丁老", "李联络");
        add(
            c,
            PersonFields {
                liaison: "王联络".into(),
                died_on: PartialDate::parse("2025-01").ok(),
                ..simple("故老")
            },
        );
        visit(c, a, VisitKind::Routine, "2026-06-01", "");
        visit(c, a, VisitKind::Phone, "2026-10-01", "王联络");
        visit(c, b, VisitKind::Routine, "2026-09-01", "张科长");
        // After the day asked about: not yet a contact.
        visit(c, b, VisitKind::Routine, "2026-12-01", "");

        let counts = liaisons(c).unwrap();
        let counts: Vec<(&str, i64)> =
            counts.iter().map(|x| (x.liaison.as_str(), x.people)).collect();
        assert_eq!(counts, [("李联络", 1), ("王联络", 3)], "the deceased are not counted");

        let q = |offset, limit| LiaisonQuery {
            liaison: " 王联络 ".into(),
            on: day("2026-11-20"),
            days: 30,
            offset,
            limit,
        };
        let page = people(c, &q(0, 2)).unwrap();
        assert_eq!(page.total, 3);
        let names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["丙老", "乙老"], "never contacted first, then the longest ago");
        assert_eq!((page.rows[0].person_id, page.rows[0].last_contact), (never, None));
        assert_eq!(page.rows[1].last_contact, Some(day("2026-09-01")));
        assert_eq!(page.rows[1].last_contact_by, "张科长");
        assert_eq!(page.rows[0].phone_masked, "138****5678");
        assert_eq!(page.rows[0].address, "北京市东城区****");
        // Never contacted: regular contact is due today; 乙老 was contacted within 180 days.
        let kinds = |r: &LiaisonRow| r.due.iter().map(|d| d.kind).collect::<Vec<_>>();
        assert!(
            kinds(&page.rows[0]).contains(&ReminderKind::CareContact),
            "{:?}",
            page.rows[0].due
        );
        assert!(!kinds(&page.rows[1]).contains(&ReminderKind::CareContact));
        // No checkup this year by October: overdue for all three.
        assert_eq!(page.overdue_people, 3);

        let rest = people(c, &q(2, 2)).unwrap();
        assert_eq!(rest.rows.len(), 1);
        let r = &rest.rows[0];
        assert_eq!((r.name.as_str(), r.last_contact), ("甲老", Some(day("2026-10-01"))));
        assert_eq!(
            (r.last_contact_kind, r.last_contact_by.as_str()),
            (Some(VisitKind::Phone), "王联络")
        );
        assert_eq!(people(c, &q(0, 0)).unwrap().rows.len(), 3, "0 means the whole list");
        let blank = LiaisonQuery { liaison: " ".into(), ..q(0, 0) };
        assert!(people(c, &blank).unwrap_err().to_string().contains("请先选择"));
    }

    #[test]
    fn the_delivery_list_shows_what_was_brought_this_month() {
        let dir = tempfile::tempdir().unwrap();
        let l = crate::Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = l.conn();
        let a = person(c, "甲老", "王联络");
        let b = person(c, "乙老", "");
        let off = person(c, "丙老", "");
        person(c, "不在名单", "");
        for p in [a, b, off] {
            add_to_delivery_list(c, &stamp(), p, "年高体弱", day("2026-01-05")).unwrap();
        }
        crate::tables::reminder_cases::remove_from_delivery_list(
            c,
            &stamp(),
            off,
            "已能参加集中学习",
        )
        .unwrap();
        visit(c, a, VisitKind::DeliverPapers, "2026-11-05", "王联络");
        visit(c, a, VisitKind::DeliverDocuments, "2026-11-02", "");
        visit(c, a, VisitKind::DeliverStudy, "2026-10-30", "");
        visit(c, off, VisitKind::DeliverStudy, "2026-11-03", "");
        let rows = delivery_month(c, 2026, 11).unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["乙老", "甲老"]);
        assert_eq!(rows[1].delivered, ["送文件 11.02", "送报刊 11.05（王联络）"]);
        assert!(rows[0].delivered.is_empty());
        assert_eq!((rows[1].age, rows[1].reason.as_str()), (Some(78), "年高体弱"));
        assert_eq!(rows[1].address, "北京市东城区****");
        assert!(delivery_month(c, 2026, 13).unwrap_err().to_string().contains("月份应为1到12"));
    }
}
