//! One person's history, newest first: visits, hospital stays, subsidies, checkups, party dates and
//! medal, activities and death, for the person drawer.
//!
//! It reads the tables directly (schema in `003_work_ledgers.sql`) rather than through their
//! modules, so the drawer depends only on the schema. Voided records are left out.

use crate::domain::date::PartialDate;
use crate::domain::model::{ActivityKind, PayMethod, PersonId, VisitKind};
use crate::domain::period::PayPeriod;
use crate::error::Result;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One event in a person's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    /// ISO text, `2026-10-15`; party dates may be `1965-07` or `1965` (their recorded precision).
    pub date: String,
    /// visit / hospital / subsidy / checkup / party / medal / activity / death
    pub kind: String,
    /// 走访慰问 / 住院 / 补贴 / 体检 / 党员 / 活动 / 去世
    pub kind_label: String,
    pub title: String,
    pub detail: String,
    /// The table the record lives in, for opening it (`visit`, `hospital_stay`, `person` …).
    pub entity: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
}

/// `1,000.00元`.
fn yuan(fen: i64) -> String {
    let abs = fen.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{grouped}.{:02}元", abs % 100)
}

/// Joins the non-empty parts with `；`.
fn join(parts: &[String]) -> String {
    parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join("；")
}

fn labelled(label: &str, value: String) -> String {
    if value.is_empty() {
        value
    } else {
        format!("{label}：{value}")
    }
}

pub(super) struct Source {
    pub(super) kind: &'static str,
    pub(super) kind_label: &'static str,
    pub(super) entity: &'static str,
    /// The record's key and date columns in `sql`, for listing one page of the history
    /// (`timeline_page`).
    pub(super) key: &'static str,
    pub(super) date: &'static str,
    pub(super) sql: &'static str,
    /// (date, title, detail) from a row whose first column is the id.
    pub(super) read: fn(&Row<'_>) -> rusqlite::Result<(String, String, String)>,
}

pub(super) const SOURCES: &[Source] = &[
    Source {
        kind: "visit",
        kind_label: "走访慰问",
        entity: "visit",
        key: "v.id",
        date: "v.date",
        sql: "SELECT v.id, v.date, v.kind, v.reason, v.amount_fen, v.leader, f.name, v.problems
              FROM visits v LEFT JOIN family_members f ON f.id = v.survivor_id
              WHERE v.person_id = ?1 AND v.voided_at IS NULL",
        read: |r| {
            let kind: VisitKind = r.get(2)?;
            let reason: String = r.get(3)?;
            let amount: i64 = r.get(4)?;
            let title = if reason.is_empty() {
                kind.label().to_string()
            } else {
                format!("{}：{reason}", kind.label())
            };
            let detail = join(&[
                labelled("遗属", r.get::<_, Option<String>>(6)?.unwrap_or_default()),
                labelled("带队", r.get(5)?),
                if amount > 0 { format!("慰问金{}", yuan(amount)) } else { String::new() },
                labelled("反映问题", r.get(7)?),
            ]);
            Ok((r.get(1)?, title, detail))
        },
    },
    Source {
        kind: "hospital",
        kind_label: "住院",
        entity: "hospital_stay",
        key: "id",
        date: "admitted_on",
        sql: "SELECT id, admitted_on, hospital, department, condition, discharged_on
              FROM hospital_stays WHERE person_id = ?1 AND voided_at IS NULL",
        read: |r| {
            let hospital: String = r.get(2)?;
            let department: String = r.get(3)?;
            let out: Option<String> = r.get(5)?;
            let detail = join(&[
                labelled("病情", r.get(4)?),
                out.map_or_else(|| "仍在院".to_string(), |d| format!("{d}出院")),
            ]);
            Ok((r.get(1)?, format!("住院：{hospital}{department}"), detail))
        },
    },
    Source {
        kind: "subsidy",
        kind_label: "补贴",
        entity: "subsidy",
        key: "s.id",
        date: "s.paid_on",
        sql: "SELECT s.id, s.paid_on, s.kind, s.period, s.amount_fen, s.method, f.name
              FROM subsidies s LEFT JOIN family_members f ON f.id = s.survivor_id
              WHERE s.person_id = ?1 AND s.voided_at IS NULL",
        read: |r| {
            let kind: String = r.get(2)?;
            let period: String = r.get(3)?;
            let period = PayPeriod::parse(&period).map(|p| p.label()).unwrap_or(period);
            let method: String = r.get(5)?;
            let method = PayMethod::from_code(&method).map_or(method, |m| m.label().to_string());
            let detail = join(&[
                labelled("所属期间", period),
                labelled("发放方式", method),
                labelled("遗属", r.get::<_, Option<String>>(6)?.unwrap_or_default()),
            ]);
            Ok((r.get(1)?, format!("{kind} {}", yuan(r.get(4)?)), detail))
        },
    },
    Source {
        kind: "checkup",
        kind_label: "体检",
        entity: "checkup",
        key: "id",
        date: "COALESCE(date, CAST(year AS TEXT))",
        sql: "SELECT id, COALESCE(date, CAST(year AS TEXT)), year, attended, hospital, findings,
                     absence_reason
              FROM checkups WHERE person_id = ?1 AND voided_at IS NULL",
        read: |r| {
            let year: i32 = r.get(2)?;
            let attended: bool = r.get(3)?;
            let (title, detail) = if attended {
                (
                    format!("{year}年度健康体检"),
                    join(&[labelled("医院", r.get(4)?), labelled("主要异常", r.get(5)?)]),
                )
            } else {
                (format!("未参加{year}年度体检"), labelled("原因", r.get(6)?))
            };
            Ok((r.get(1)?, title, detail))
        },
    },
    Source {
        kind: "medal",
        kind_label: "党员",
        entity: "medal",
        key: "id",
        date: "presented_on",
        sql: "SELECT id, presented_on, year, notes FROM medals
              WHERE person_id = ?1 AND voided_at IS NULL",
        read: |r| {
            let year: i32 = r.get(2)?;
            Ok((r.get(1)?, format!("颁发“光荣在党50年”纪念章（{year}年）"), r.get(3)?))
        },
    },
    Source {
        kind: "activity",
        kind_label: "活动",
        entity: "activity",
        key: "a.id",
        date: "a.date",
        sql: "SELECT a.id, a.date, a.title, a.kind, a.place
              FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id
              WHERE ap.person_id = ?1 AND ap.removed_at IS NULL AND a.voided_at IS NULL",
        read: |r| {
            let kind: String = r.get(3)?;
            let kind = ActivityKind::from_code(&kind).map_or(kind, |k| k.label().to_string());
            Ok((r.get(1)?, r.get(2)?, join(&[kind, labelled("地点", r.get(4)?)])))
        },
    },
    Source {
        kind: "death",
        kind_label: "去世",
        entity: "death",
        key: "id",
        date: "died_on",
        sql: "SELECT id, died_on, cause, farewell FROM deaths
              WHERE person_id = ?1 AND voided_at IS NULL",
        read: |r| {
            Ok((
                r.get(1)?,
                "去世".into(),
                join(&[labelled("原因", r.get(2)?), labelled("送别方式", r.get(3)?)]),
            ))
        },
    },
];

/// The person's history, newest first. Party dates (入党, 转正) come from the roster with their
/// recorded precision.
pub fn for_person(conn: &Connection, person: PersonId) -> Result<Vec<TimelineEntry>> {
    let mut out = Vec::new();
    for s in SOURCES {
        let mut stmt = conn.prepare_cached(s.sql)?;
        let rows = stmt.query_map([person.0], |r| {
            let (date, title, detail) = (s.read)(r)?;
            Ok(TimelineEntry {
                date,
                kind: s.kind.into(),
                kind_label: s.kind_label.into(),
                title,
                detail,
                entity: s.entity.into(),
                entity_id: Some(r.get(0)?),
            })
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    let party: Option<(Option<PartialDate>, Option<PartialDate>)> = conn
        .prepare_cached(
            "SELECT party_joined, party_confirmed FROM people WHERE id = ?1 AND voided_at IS NULL",
        )?
        .query_row([person.0], |r| Ok((r.get(0)?, r.get(1)?)))
        .ok();
    if let Some((joined, confirmed)) = party {
        for (date, title) in [(joined, "入党"), (confirmed, "转为正式党员")] {
            if let Some(d) = date {
                out.push(TimelineEntry {
                    date: d.iso(),
                    kind: "party".into(),
                    kind_label: "党员".into(),
                    title: title.into(),
                    detail: String::new(),
                    entity: "person".into(),
                    entity_id: Some(person.0),
                });
            }
        }
    }
    // ISO text sorts by date; a partial date sorts before the full dates of its month or year.
    out.sort_by(|a, b| b.date.cmp(&a.date));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Fen;
    use crate::store::db::Ledger;
    use crate::tables::visits::tests::{add, d, stamp};
    use crate::tables::visits::{self, VisitInput};
    use crate::testing::builder::retiree;

    #[test]
    fn a_persons_history_reads_newest_first() {
        let ledger = Ledger::open_in_memory().unwrap();
        let conn = ledger.conn();
        let (p, _) =
            add(conn, retiree("张三").born("1935-03").party().build(), &[("李梅", "配偶", false)]);
        let (other, _) = add(conn, retiree("李四").born("1936-03").build(), &[]);
        conn.execute("UPDATE people SET party_joined = '1965-07' WHERE id = ?1", [p.0]).unwrap();
        let mut v = VisitInput::new(p, VisitKind::Holiday, d("2026-10-15"));
        v.reason = "重阳节".into();
        v.amount = Fen(123_456);
        v.leader = "周局长".into();
        visits::insert(conn, &stamp(), &v).unwrap();
        visits::insert(conn, &stamp(), &VisitInput::new(other, VisitKind::Phone, d("2026-10-16")))
            .unwrap();
        let voided =
            visits::insert(conn, &stamp(), &VisitInput::new(p, VisitKind::Phone, d("2026-11-01")))
                .unwrap();
        visits::void(conn, &stamp(), voided.id, "录入错误").unwrap();
        let at = "2026-11-21 09:00:00";
        conn.execute_batch(&format!(
            "INSERT INTO hospital_stays (person_id, hospital, department, condition, admitted_on,
               created_at, updated_at) VALUES ({p}, '市一院', '心内科', '冠心病', '2026-09-01', '{at}', '{at}');
             INSERT INTO subsidies (person_id, kind, period, amount_fen, paid_on, method, created_at,
               updated_at) VALUES ({p}, '困难补贴', '2026-Q3', 200000, '2026-08-20', 'transfer', '{at}', '{at}');
             INSERT INTO checkups (person_id, year, attended, date, hospital, findings, created_at,
               updated_at) VALUES ({p}, 2026, 1, '2026-05-10', '市体检中心', '血压偏高', '{at}', '{at}');
             INSERT INTO checkups (person_id, year, attended, absence_reason, created_at, updated_at)
               VALUES ({p}, 2025, 0, '住院', '{at}', '{at}');
             INSERT INTO medals (person_id, year, presented_on, created_at, updated_at)
               VALUES ({p}, 2016, '2016-06-30', '{at}', '{at}');
             INSERT INTO activities (id, date, title, kind, place, created_at, updated_at)
               VALUES (1, '2026-04-15', '春季踏青', 'outing', '植物园', '{at}', '{at}');
             INSERT INTO activity_participants (activity_id, person_id) VALUES (1, {p});",
            p = p.0
        ))
        .unwrap();
        let got: Vec<(String, String, String, String)> = for_person(conn, p)
            .unwrap()
            .into_iter()
            .map(|e| (e.date, e.kind_label, e.title, e.detail))
            .collect();
        let want = [
            ("2026-10-15", "走访慰问", "节日：重阳节", "带队：周局长；慰问金1,234.56元"),
            ("2026-09-01", "住院", "住院：市一院心内科", "病情：冠心病；仍在院"),
            (
                "2026-08-20",
                "补贴",
                "困难补贴 2,000.00元",
                "所属期间：2026年第三季度；发放方式：转账",
            ),
            ("2026-05-10", "体检", "2026年度健康体检", "医院：市体检中心；主要异常：血压偏高"),
            ("2026-04-15", "活动", "春季踏青", "春秋游；地点：植物园"),
            ("2025", "体检", "未参加2025年度体检", "原因：住院"),
            ("2016-06-30", "党员", "颁发“光荣在党50年”纪念章（2016年）", ""),
            ("1965-07", "党员", "入党", ""),
        ];
        let want: Vec<(String, String, String, String)> = want
            .iter()
            .map(|(a, b, c, e)| (a.to_string(), b.to_string(), c.to_string(), e.to_string()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(yuan(5), "0.05元");
        assert_eq!(yuan(100_000_000), "1,000,000.00元");
    }
}
