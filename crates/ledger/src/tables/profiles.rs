//! The six things a liaison must know of each person (六清楚) that the roster does not hold:
//! 婚姻状况, 主要疾病, 特长爱好, 个性需求 and 特殊困难 (text and a flag), one row per person in
//! `person_profiles` (migration 007). They feed the clerk's working lists (分类服务清单, see
//! `export::lists`).
//!
//! The drawer edits them (`PersonProfileForm`); the 花名册 register, the import template and the
//! importer carry them as the columns of [`PROFILE_COLUMNS`], after the roster's own.

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

impl MaritalStatus {
    /// Reads a label or a spelling seen in real files (`有配偶`, `离婚`, `未婚`).
    pub fn from_label(text: &str) -> Option<Self> {
        match crate::domain::text::compact(text).as_str() {
            "已婚" | "有配偶" | "在婚" | "初婚" | "再婚" => Some(MaritalStatus::Married),
            "丧偶" | "配偶已故" | "配偶去世" => Some(MaritalStatus::Widowed),
            "离异" | "离婚" => Some(MaritalStatus::Divorced),
            "未婚" | "单身" => Some(MaritalStatus::Single),
            _ => None,
        }
    }
}

/// The six working lists (分类服务清单) as roster filters: who is on each, decided in SQL so the
/// paged roster can show a list. The same rules as [`crate::export::lists::WorkingList`]'s, which
/// a test checks against these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileList {
    /// 患病: an illness recorded, or 长年有病 / 生活不能自理 in health.
    Ill,
    /// 丧偶
    Widowed,
    /// 独居
    Alone,
    /// 特长爱好
    Hobbies,
    /// 个性需求
    Needs,
    /// 特殊困难
    Hardship,
}

impl ProfileList {
    pub const ALL: [ProfileList; 6] = [
        ProfileList::Ill,
        ProfileList::Widowed,
        ProfileList::Alone,
        ProfileList::Hobbies,
        ProfileList::Needs,
        ProfileList::Hardship,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProfileList::Ill => "ill",
            ProfileList::Widowed => "widowed",
            ProfileList::Alone => "alone",
            ProfileList::Hobbies => "hobbies",
            ProfileList::Needs => "needs",
            ProfileList::Hardship => "hardship",
        }
    }

    /// The list's name, as the clerk's 清单 are called (`患病人员清单`).
    pub fn label(self) -> &'static str {
        match self {
            ProfileList::Ill => "患病",
            ProfileList::Widowed => "丧偶",
            ProfileList::Alone => "独居",
            ProfileList::Hobbies => "特长爱好",
            ProfileList::Needs => "个性需求",
            ProfileList::Hardship => "特殊困难",
        }
    }

    /// The condition on a row of `people` (its columns unqualified) that puts it on the list.
    pub fn sql(self) -> &'static str {
        match self {
            ProfileList::Ill => {
                "(health IN ('chronic', 'dependent') OR id IN
                  (SELECT person_id FROM person_profiles WHERE illnesses <> ''))"
            }
            ProfileList::Widowed => {
                "id IN (SELECT person_id FROM person_profiles WHERE marital_status = 'widowed')"
            }
            ProfileList::Alone => "living = 'alone'",
            ProfileList::Hobbies => {
                "id IN (SELECT person_id FROM person_profiles WHERE hobbies <> '')"
            }
            ProfileList::Needs => "id IN (SELECT person_id FROM person_profiles WHERE needs <> '')",
            ProfileList::Hardship => {
                "id IN (SELECT person_id FROM person_profiles
                        WHERE has_hardship = 1 OR hardship <> '')"
            }
        }
    }
}

/// A column of the profile in the 花名册 register and the import template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProfileField {
    Marital,
    Illnesses,
    Hobbies,
    Needs,
    Hardship,
    /// The five 管理现状 flags, 是/否 cells.
    PensionSocialized,
    LocalMedicalInsurance,
    PartyTransferred,
    FileTransferred,
    ManagedElsewhere,
}

pub struct ProfileColumn {
    pub field: ProfileField,
    pub header: &'static str,
    /// Other headers seen in real files (compared as [`crate::domain::roster::header_key`] does).
    pub synonyms: &'static [&'static str],
    /// Width in characters in the exported sheet.
    pub width: f64,
}

/// The profile's columns, printed after the roster's in the register and the template.
pub const PROFILE_COLUMNS: &[ProfileColumn] = &[
    ProfileColumn {
        field: ProfileField::Marital,
        header: "婚姻状况",
        synonyms: &["婚姻情况", "婚否"],
        width: 8.0,
    },
    ProfileColumn {
        field: ProfileField::Illnesses,
        header: "主要疾病",
        synonyms: &["患病情况", "所患疾病", "疾病情况", "主要病史"],
        width: 14.0,
    },
    ProfileColumn {
        field: ProfileField::Hobbies,
        header: "特长爱好",
        synonyms: &["兴趣爱好", "爱好特长", "特长", "爱好"],
        width: 12.0,
    },
    ProfileColumn {
        field: ProfileField::Needs,
        header: "个性需求",
        synonyms: &["个性化需求", "服务需求", "特殊需求"],
        width: 14.0,
    },
    ProfileColumn {
        field: ProfileField::Hardship,
        header: "特殊困难",
        synonyms: &["困难情况", "特殊困难情况", "家庭困难"],
        width: 14.0,
    },
    ProfileColumn {
        field: ProfileField::PensionSocialized,
        header: "养老金社会化发放",
        synonyms: &["养老金社会化", "社会化发放"],
        width: 9.0,
    },
    ProfileColumn {
        field: ProfileField::LocalMedicalInsurance,
        header: "参加属地医疗保险",
        synonyms: &["属地医疗保险", "属地医保", "参加属地医保"],
        width: 9.0,
    },
    ProfileColumn {
        field: ProfileField::PartyTransferred,
        header: "党组织关系移交地方",
        synonyms: &["党组织关系移交", "党员关系移交地方"],
        width: 9.0,
    },
    ProfileColumn {
        field: ProfileField::FileTransferred,
        header: "人事档案移交地方",
        synonyms: &["人事档案移交", "档案移交地方"],
        width: 9.0,
    },
    ProfileColumn {
        field: ProfileField::ManagedElsewhere,
        header: "异地管理",
        synonyms: &["异地安置管理"],
        width: 7.0,
    },
];

/// Reads a 是/否 cell (`√`, `有` and `否`, `×`, `无` as written in real files).
fn yes_no(text: &str) -> Option<bool> {
    match crate::domain::text::compact(text).as_str() {
        "是" | "√" | "✓" | "有" | "Y" | "y" => Some(true),
        "否" | "×" | "✗" | "无" | "N" | "n" => Some(false),
        _ => None,
    }
}

/// The profile field a header names, if any.
pub fn field_for_header(text: &str) -> Option<ProfileField> {
    let key = crate::domain::roster::header_key(text);
    if key.is_empty() {
        return None;
    }
    PROFILE_COLUMNS
        .iter()
        .find(|c| {
            std::iter::once(&c.header)
                .chain(c.synonyms)
                .any(|h| crate::domain::roster::header_key(h) == key)
        })
        .map(|c| c.field)
}

impl ProfileField {
    /// The value as printed in the register.
    pub fn text(self, p: &Profile) -> String {
        match self {
            ProfileField::Marital => {
                p.marital_status.map(MaritalStatus::label).unwrap_or("").into()
            }
            ProfileField::Illnesses => p.illnesses.clone(),
            ProfileField::Hobbies => p.hobbies.clone(),
            ProfileField::Needs => p.needs.clone(),
            ProfileField::Hardship => p.hardship.clone(),
            flag => if *flag.flag(p) { "是" } else { "否" }.into(),
        }
    }

    /// Whether the field is one of the 管理现状 yes/no flags.
    pub fn is_flag(self) -> bool {
        !matches!(
            self,
            ProfileField::Marital
                | ProfileField::Illnesses
                | ProfileField::Hobbies
                | ProfileField::Needs
                | ProfileField::Hardship
        )
    }

    fn flag(self, p: &Profile) -> &bool {
        match self {
            ProfileField::PensionSocialized => &p.pension_socialized,
            ProfileField::LocalMedicalInsurance => &p.local_medical_insurance,
            ProfileField::PartyTransferred => &p.party_transferred,
            ProfileField::FileTransferred => &p.file_transferred,
            _ => &p.managed_elsewhere,
        }
    }

    fn flag_mut(self, p: &mut Profile) -> &mut bool {
        match self {
            ProfileField::PensionSocialized => &mut p.pension_socialized,
            ProfileField::LocalMedicalInsurance => &mut p.local_medical_insurance,
            ProfileField::PartyTransferred => &mut p.party_transferred,
            ProfileField::FileTransferred => &mut p.file_transferred,
            _ => &mut p.managed_elsewhere,
        }
    }

    /// Sets the field from a cell's text; empty text changes nothing. A hardship written down puts
    /// the person on the 特殊困难 list. The error says what was expected.
    pub fn set_text(self, p: &mut Profile, raw: &str) -> std::result::Result<(), String> {
        let text = raw.trim();
        if text.is_empty() {
            return Ok(());
        }
        match self {
            ProfileField::Marital => {
                p.marital_status = Some(MaritalStatus::from_label(text).ok_or_else(|| {
                    format!("婚姻状况“{text}”无法识别，应为：已婚、丧偶、离异、未婚")
                })?)
            }
            ProfileField::Illnesses => p.illnesses = text.into(),
            ProfileField::Hobbies => p.hobbies = text.into(),
            ProfileField::Needs => p.needs = text.into(),
            ProfileField::Hardship => {
                p.hardship = text.into();
                p.has_hardship = true;
            }
            flag => {
                let header =
                    PROFILE_COLUMNS.iter().find(|c| c.field == flag).map_or("", |c| c.header);
                *flag.flag_mut(p) = yes_no(text)
                    .ok_or_else(|| format!("{header}“{text}”无法识别，应填“是”或“否”"))?
            }
        }
        Ok(())
    }
}

/// `old` with every value `row` has written over it; what the row leaves empty keeps the old value
/// (a 管理现状 flag a row does not set, or sets 否, keeps the old one: an import only adds 是).
pub fn merge(old: &Profile, row: &Profile) -> Profile {
    let pick = |o: &String, r: &String| if r.is_empty() { o.clone() } else { r.clone() };
    Profile {
        marital_status: row.marital_status.or(old.marital_status),
        illnesses: pick(&old.illnesses, &row.illnesses),
        hobbies: pick(&old.hobbies, &row.hobbies),
        needs: pick(&old.needs, &row.needs),
        hardship: pick(&old.hardship, &row.hardship),
        has_hardship: old.has_hardship || row.has_hardship,
        pension_socialized: old.pension_socialized || row.pension_socialized,
        local_medical_insurance: old.local_medical_insurance || row.local_medical_insurance,
        party_transferred: old.party_transferred || row.party_transferred,
        file_transferred: old.file_transferred || row.file_transferred,
        managed_elsewhere: old.managed_elsewhere || row.managed_elsewhere,
    }
}

/// Every recorded profile, by person id (for the register and the lists).
pub fn all(conn: &Connection) -> Result<std::collections::HashMap<i64, Profile>> {
    let mut stmt = conn.prepare(
        "SELECT person_id, marital_status, illnesses, hobbies, needs, hardship, has_hardship,
                pension_socialized, local_medical_insurance, party_transferred, file_transferred,
                managed_elsewhere
         FROM person_profiles",
    )?;
    let rows = stmt.query_map([], |r| {
        let m: Option<String> = r.get(1)?;
        Ok((
            r.get::<_, i64>(0)?,
            Profile {
                marital_status: m.as_deref().and_then(MaritalStatus::from_code),
                illnesses: r.get(2)?,
                hobbies: r.get(3)?,
                needs: r.get(4)?,
                hardship: r.get(5)?,
                has_hardship: r.get(6)?,
                pension_socialized: r.get(7)?,
                local_medical_insurance: r.get(8)?,
                party_transferred: r.get(9)?,
                file_transferred: r.get(10)?,
                managed_elsewhere: r.get(11)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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
    /// 管理现状 (migration 012, the 管理现状统计表): 养老金社会化发放
    pub pension_socialized: bool,
    /// 参加属地医疗保险
    pub local_medical_insurance: bool,
    /// 党组织关系移交地方
    pub party_transferred: bool,
    /// 人事档案移交地方
    pub file_transferred: bool,
    /// 异地管理
    pub managed_elsewhere: bool,
}

/// The profile of `person`; an empty one when nothing is recorded.
pub fn get(conn: &Connection, person: PersonId) -> Result<Profile> {
    let row = conn
        .query_row(
            "SELECT marital_status, illnesses, hobbies, needs, hardship, has_hardship,
                    pension_socialized, local_medical_insurance, party_transferred,
                    file_transferred, managed_elsewhere
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
                    pension_socialized: r.get(6)?,
                    local_medical_insurance: r.get(7)?,
                    party_transferred: r.get(8)?,
                    file_transferred: r.get(9)?,
                    managed_elsewhere: r.get(10)?,
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
        ..new.clone()
    };
    let old = get(conn, person)?;
    conn.execute(
        "INSERT INTO person_profiles
             (person_id, marital_status, illnesses, hobbies, needs, hardship, has_hardship,
              pension_socialized, local_medical_insurance, party_transferred, file_transferred,
              managed_elsewhere, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (person_id) DO UPDATE SET marital_status = excluded.marital_status,
             illnesses = excluded.illnesses, hobbies = excluded.hobbies, needs = excluded.needs,
             hardship = excluded.hardship, has_hardship = excluded.has_hardship,
             pension_socialized = excluded.pension_socialized,
             local_medical_insurance = excluded.local_medical_insurance,
             party_transferred = excluded.party_transferred,
             file_transferred = excluded.file_transferred,
             managed_elsewhere = excluded.managed_elsewhere,
             updated_at = excluded.updated_at",
        params![
            person.0,
            new.marital_status.map(MaritalStatus::code),
            new.illnesses,
            new.hobbies,
            new.needs,
            new.hardship,
            new.has_hardship,
            new.pension_socialized,
            new.local_medical_insurance,
            new.party_transferred,
            new.file_transferred,
            new.managed_elsewhere,
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
    fn profile_headers_and_values_read_back() {
        let cases = [
            ("婚姻状况", Some(ProfileField::Marital)),
            ("婚姻\n情况", Some(ProfileField::Marital)),
            ("兴趣爱好", Some(ProfileField::Hobbies)),
            ("患病情况", Some(ProfileField::Illnesses)),
            ("个性化需求", Some(ProfileField::Needs)),
            ("特殊困难（情况）", Some(ProfileField::Hardship)),
            ("姓名", None),
            ("", None),
        ];
        for (header, want) in cases {
            assert_eq!(field_for_header(header), want, "{header:?}");
        }
        let full = Profile {
            marital_status: Some(MaritalStatus::Divorced),
            illnesses: "高血压".into(),
            hobbies: "书法".into(),
            needs: "理发".into(),
            hardship: "独居".into(),
            has_hardship: true,
            pension_socialized: true,
            party_transferred: true,
            ..Default::default()
        };
        let mut back = Profile::default();
        for c in PROFILE_COLUMNS {
            c.field.set_text(&mut back, &c.field.text(&full)).unwrap();
        }
        assert_eq!(back, full);
        let mut p = Profile::default();
        assert_eq!(
            ProfileField::Marital.set_text(&mut p, "有配偶").map(|()| p.marital_status),
            Ok(Some(MaritalStatus::Married))
        );
        assert!(ProfileField::Marital.set_text(&mut p, "同居").unwrap_err().contains("应为"));
        assert_eq!(
            ProfileField::ManagedElsewhere.set_text(&mut p, " √ ").map(|()| p.managed_elsewhere),
            Ok(true)
        );
        let err = ProfileField::FileTransferred.set_text(&mut p, "已移交").unwrap_err();
        assert!(err.contains("人事档案移交地方") && err.contains("“是”或“否”"), "{err}");
        assert_eq!(
            field_for_header("参加属地\n医疗保险"),
            Some(ProfileField::LocalMedicalInsurance)
        );
        let merged = merge(&full, &Profile { hobbies: "京剧".into(), ..Default::default() });
        assert_eq!((merged.hobbies.as_str(), merged.illnesses.as_str()), ("京剧", "高血压"));
    }

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
