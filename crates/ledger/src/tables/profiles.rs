//! The six things a liaison must know of each person (六清楚) that the roster does not hold:
//! 婚姻状况, 主要疾病, 特长爱好, 个性需求 and 特殊困难 (text and a flag), one row per person in
//! `person_profiles` (migration 007). They feed the clerk's working lists (分类服务清单, see
//! `export::lists`).
//!
//! Kept minimal for now: the drawer, the import template and the roster export do not show these
//! fields yet; they are set here (and by the demo data and tests).

use crate::domain::model::PersonId;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 婚姻状况
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MaritalStatus {
    Married,
    Widowed,
    Divorced,
    Single,
}

impl MaritalStatus {
    pub const ALL: [MaritalStatus; 4] = [
        MaritalStatus::Married,
        MaritalStatus::Widowed,
        MaritalStatus::Divorced,
        MaritalStatus::Single,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MaritalStatus::Married => "married",
            MaritalStatus::Widowed => "widowed",
            MaritalStatus::Divorced => "divorced",
            MaritalStatus::Single => "single",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MaritalStatus::Married => "已婚",
            MaritalStatus::Widowed => "丧偶",
            MaritalStatus::Divorced => "离异",
            MaritalStatus::Single => "未婚",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// A person's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    pub marital_status: Option<MaritalStatus>,
    /// 主要疾病
    pub illnesses: String,
    /// 特长爱好
    pub hobbies: String,
    /// 个性需求
    pub needs: String,
    /// 特殊困难
    pub hardship: String,
    /// Whether the person is on the 特殊困难 list (the text says what the hardship is).
    pub has_hardship: bool,
}

/// The profile of `person`; an empty one when nothing is recorded.
pub fn get(conn: &Connection, person: PersonId) -> Result<Profile> {
    let row = conn
        .query_row(
            "SELECT marital_status, illnesses, hobbies, needs, hardship, has_hardship
             FROM person_profiles WHERE person_id = ?1",
            [person.0],
            |r| {
                let m: Option<String> = r.get(0)?;
                Ok(Profile {
                    marital_status: m.as_deref().and_then(MaritalStatus::from_code),
                    illnesses: r.get(1)?,
                    hobbies: r.get(2)?,
                    needs: r.get(3)?,
                    hardship: r.get(4)?,
                    has_hardship: r.get(5)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Saves `person`'s profile, audited as a change of the person's record.
pub fn save(conn: &Connection, stamp: &Stamp, person: PersonId, new: &Profile) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND voided_at IS NULL)",
        [person.0],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::NotFound("找不到这位老同志，可能已被作废。请刷新后重试。".into()));
    }
    let n = |s: &str| crate::domain::text::normalize(s);
    let new = Profile {
        marital_status: new.marital_status,
        illnesses: n(&new.illnesses),
        hobbies: n(&new.hobbies),
        needs: n(&new.needs),
        hardship: n(&new.hardship),
        has_hardship: new.has_hardship,
    };
    let old = get(conn, person)?;
    conn.execute(
        "INSERT INTO person_profiles
             (person_id, marital_status, illnesses, hobbies, needs, hardship, has_hardship, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (person_id) DO UPDATE SET marital_status = excluded.marital_status,
             illnesses = excluded.illnesses, hobbies = excluded.hobbies, needs = excluded.needs,
             hardship = excluded.hardship, has_hardship = excluded.has_hardship,
             updated_at = excluded.updated_at",
        params![
            person.0,
            new.marital_status.map(MaritalStatus::code),
            new.illnesses,
            new.hobbies,
            new.needs,
            new.hardship,
            new.has_hardship,
            stamp.at()
        ],
    )?;
    let changes = audit::diff(&old, &new);
    if !changes.is_empty() {
        audit::record(conn, stamp, "person_profile", Some(person.0), "update", &changes, None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn a_profile_is_saved_normalised_and_audited() {
        let l = ledger();
        let conn = l.conn();
        let p = add(conn, simple("张三"));
        assert_eq!(get(conn, p).unwrap(), Profile::default());
        let profile = Profile {
            marital_status: Some(MaritalStatus::Widowed),
            illnesses: " 高血压、糖尿病 ".into(),
            hobbies: "书法".into(),
            has_hardship: true,
            hardship: "独自居住，行动不便".into(),
            ..Default::default()
        };
        save(conn, &stamp(), p, &profile).unwrap();
        let back = get(conn, p).unwrap();
        assert_eq!(back.illnesses, "高血压、糖尿病");
        assert_eq!(back.marital_status, Some(MaritalStatus::Widowed));
        save(conn, &stamp(), p, &back).unwrap();
        let logged: i64 = conn
            .query_row("SELECT count(*) FROM audit_log WHERE entity = 'person_profile'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(logged, 1, "saving the same profile again changes nothing");
        assert!(save(conn, &stamp(), PersonId(999), &back).is_err());
    }
}
