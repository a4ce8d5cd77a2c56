//! The retirees' party organisations (离退休干部党组织) as records: what the
//! 离退休干部党组织设置情况 form counts (DOMAIN.md, "The yearly statistics the bureau collects",
//! form 4), and when each committee is due for re-election (换届: every 3 years, 5 for a 总支).
//!
//! People name their branch as text (`people.party_branch`) and are linked to the record of that
//! name by `people.branch_id` (migration 010, [`crate::tables::branch_link`]); the import creating
//! a record from a branch name comes later.

use crate::domain::date::PartialDate;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// The kinds the form counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchKind {
    /// 党总支
    General,
    /// 离休干部党支部
    Lixiu,
    /// 退休干部党支部
    Tuixiu,
    /// 离退休干部合编党支部
    Combined,
    /// 离休干部与在职党员合编
    LixiuWithServing,
    /// 退休干部与在职党员合编
    TuixiuWithServing,
}

impl BranchKind {
    pub const ALL: [BranchKind; 6] = [
        BranchKind::General,
        BranchKind::Lixiu,
        BranchKind::Combined,
        BranchKind::Tuixiu,
        BranchKind::LixiuWithServing,
        BranchKind::TuixiuWithServing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BranchKind::General => "general",
            BranchKind::Lixiu => "lixiu",
            BranchKind::Tuixiu => "tuixiu",
            BranchKind::Combined => "combined",
            BranchKind::LixiuWithServing => "lixiu_with_serving",
            BranchKind::TuixiuWithServing => "tuixiu_with_serving",
        }
    }

    /// The form's column header for this kind.
    pub fn label(self) -> &'static str {
        match self {
            BranchKind::General => "党总支",
            BranchKind::Lixiu => "离休干部党支部",
            BranchKind::Tuixiu => "退休干部党支部",
            BranchKind::Combined => "离退休干部合编党支部",
            BranchKind::LixiuWithServing => "离休干部与在职党员合编",
            BranchKind::TuixiuWithServing => "退休干部与在职党员合编",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Years between elections: a 总支 committee serves 5 years, a branch committee 3.
    pub fn term_years(self) -> i32 {
        if self == BranchKind::General {
            5
        } else {
            3
        }
    }
}

/// A branch as the clerk enters it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BranchInput {
    pub name: String,
    pub kind: BranchKind,
    /// 书记
    pub secretary: String,
    /// 支委 (names, separated by 、)
    pub committee: String,
    /// 党小组数
    pub groups: u32,
    /// 上次换届时间
    pub last_election: Option<PartialDate>,
}

/// A branch on record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Branch {
    pub id: i64,
    #[serde(flatten)]
    pub fields: BranchInput,
}

impl Branch {
    /// Whether the committee is due for re-election on `today`: its term has run out since the
    /// last election (or no election is recorded).
    pub fn election_due(&self, today: NaiveDate) -> bool {
        match self.fields.last_election {
            None => true,
            Some(d) => {
                let last = d.earliest();
                let due = last
                    .with_year(last.year() + self.fields.kind.term_years())
                    .unwrap_or(NaiveDate::MAX);
                today >= due
            }
        }
    }
}

use chrono::Datelike;

fn validate(input: &BranchInput) -> Result<BranchInput> {
    let name = crate::domain::text::normalize(&input.name);
    if name.is_empty() {
        return Err(Error::invalid("党组织名称不能为空，请填写支部名称，如“离退休第一党支部”。"));
    }
    Ok(BranchInput {
        name,
        secretary: crate::domain::text::normalize(&input.secretary),
        committee: crate::domain::text::normalize(&input.committee),
        ..input.clone()
    })
}

/// Adds a branch; its name must not be taken by another branch on record.
pub fn insert(conn: &Connection, stamp: &Stamp, input: &BranchInput) -> Result<i64> {
    let b = validate(input)?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM party_branches WHERE name = ?1 AND voided_at IS NULL)",
        [&b.name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(format!(
            "已有名为“{}”的党组织，请换一个名称，或修改已有的记录。",
            b.name
        )));
    }
    let at = stamp.at();
    conn.execute(
        "INSERT INTO party_branches
             (name, kind, secretary, committee, groups, last_election, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            b.name,
            b.kind.code(),
            b.secretary,
            b.committee,
            b.groups,
            b.last_election.map(|d| d.iso()),
            at
        ],
    )?;
    let id = conn.last_insert_rowid();
    audit::record_created(conn, stamp, "party_branch", id, &b)?;
    Ok(id)
}

/// Voids a branch (dissolved, merged, or entered by mistake), with the reason, audited.
pub fn void(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    let reason = crate::domain::text::normalize(reason);
    if reason.is_empty() {
        return Err(Error::invalid("请填写作废原因，如“已与第二支部合并”。"));
    }
    let n = conn.execute(
        "UPDATE party_branches SET voided_at = ?1, void_reason = ?2, updated_at = ?1
         WHERE id = ?3 AND voided_at IS NULL",
        params![stamp.at(), reason, id],
    )?;
    if n == 0 {
        return Err(Error::NotFound("找不到这个党组织，可能已被作废。请刷新后重试。".into()));
    }
    audit::record(conn, stamp, "party_branch", Some(id), "void", &[], Some(&reason))
}

/// Every branch on record (voided ones left out), by name.
pub fn list(conn: &Connection) -> Result<Vec<Branch>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, kind, secretary, committee, groups, last_election
         FROM party_branches WHERE voided_at IS NULL ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(2)?;
        let last: Option<String> = r.get(6)?;
        Ok((r.get(0)?, r.get(1)?, kind, r.get(3)?, r.get(4)?, r.get(5)?, last))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, kind, secretary, committee, groups, last): (
            i64,
            String,
            String,
            String,
            String,
            u32,
            Option<String>,
        ) = row?;
        let kind = BranchKind::from_code(&kind).ok_or_else(|| {
            Error::Database(format!("党组织“{name}”的类别无法识别。请升级本程序后再打开台账。"))
        })?;
        let last_election = last.and_then(|t| PartialDate::parse(&t).ok());
        out.push(Branch {
            id,
            fields: BranchInput { name, kind, secretary, committee, groups, last_election },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ledger, stamp, today};

    fn branch(name: &str, kind: BranchKind, last: Option<&str>) -> BranchInput {
        BranchInput {
            name: name.into(),
            kind,
            secretary: "王书记".into(),
            committee: "李委员、赵委员".into(),
            groups: 2,
            last_election: last.map(|t| PartialDate::parse(t).unwrap()),
        }
    }

    #[test]
    fn branches_are_kept_listed_and_voided_with_a_reason() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = insert(conn, &st, &branch("离退休第一党支部", BranchKind::Combined, None)).unwrap();
        insert(conn, &st, &branch("离休干部党支部", BranchKind::Lixiu, Some("2024-06"))).unwrap();
        let again = insert(conn, &st, &branch("离退休第一党支部", BranchKind::Tuixiu, None));
        assert!(again.unwrap_err().to_string().contains("已有名为"));
        assert_eq!(list(conn).unwrap().len(), 2);
        assert!(void(conn, &st, a, " ").is_err());
        void(conn, &st, a, "已与第二支部合并").unwrap();
        let left = list(conn).unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].fields.kind, BranchKind::Lixiu);
        assert_eq!(left[0].fields.last_election.unwrap().iso(), "2024-06");
        let logged: i64 = conn
            .query_row("SELECT count(*) FROM audit_log WHERE entity = 'party_branch'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(logged, 3);
    }

    #[test]
    fn a_committee_is_due_when_its_term_has_run() {
        // (kind, last election, due on the test day 2026-11-21?) — terms: branch 3 years, 总支 5.
        let cases = [
            (BranchKind::Tuixiu, Some("2023-11-21"), true),
            (BranchKind::Tuixiu, Some("2023-11-22"), false),
            (BranchKind::General, Some("2023-06"), false),
            (BranchKind::General, Some("2021-11"), true),
            (BranchKind::Lixiu, None, true),
        ];
        for (kind, last, due) in cases {
            let b = Branch { id: 1, fields: branch("支部", kind, last) };
            assert_eq!(b.election_due(today()), due, "{kind:?} {last:?}");
        }
    }
}
