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
use ts_rs::TS;

/// The kinds the form counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
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
    #[ts(type = "string | null")]
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
        match self.due_on() {
            None => true,
            Some(due) => today >= due,
        }
    }

    /// The day the committee's term runs out, when an election is recorded.
    pub fn due_on(&self) -> Option<NaiveDate> {
        let last = self.fields.last_election?.earliest();
        Some(last.with_year(last.year() + self.fields.kind.term_years()).unwrap_or(NaiveDate::MAX))
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

/// Changes a branch. A new name must not be taken by another branch on record; the people linked
/// to the branch are renamed with it (their 所在党支部 follows the record, each change audited), so
/// nobody loses their branch to a corrected spelling.
pub fn update(conn: &Connection, stamp: &Stamp, id: i64, input: &BranchInput) -> Result<()> {
    let b = validate(input)?;
    let old = list_one(conn, id)?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM party_branches
                        WHERE name = ?1 AND voided_at IS NULL AND id <> ?2)",
        params![b.name, id],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(format!(
            "已有名为“{}”的党组织，请换一个名称；若两个支部已合并，请作废其中一个。",
            b.name
        )));
    }
    let changes = audit::diff(&old, &b);
    if changes.is_empty() {
        return Ok(());
    }
    let at = stamp.at();
    // The people linked now, before the rename unlinks them (migration 010's triggers).
    let linked: Vec<i64> = if old.name != b.name {
        let mut stmt = conn.prepare(
            "SELECT id FROM people WHERE branch_id = ?1 AND voided_at IS NULL ORDER BY id",
        )?;
        let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        ids
    } else {
        Vec::new()
    };
    conn.execute(
        "UPDATE party_branches SET name = ?1, kind = ?2, secretary = ?3, committee = ?4,
             groups = ?5, last_election = ?6, updated_at = ?7
         WHERE id = ?8 AND voided_at IS NULL",
        params![
            b.name,
            b.kind.code(),
            b.secretary,
            b.committee,
            b.groups,
            b.last_election.map(|d| d.iso()),
            at,
            id
        ],
    )?;
    audit::record(conn, stamp, "party_branch", Some(id), "update", &changes, None)?;
    for person in linked {
        conn.execute(
            "UPDATE people SET party_branch = ?1, updated_at = ?2 WHERE id = ?3",
            params![b.name, at, person],
        )?;
        let change = audit::FieldChange {
            field: "party_branch".into(),
            old: old.name.clone().into(),
            new: b.name.clone().into(),
        };
        audit::record(conn, stamp, "person", Some(person), "update", &[change], None)?;
    }
    Ok(())
}

/// One branch on record, as entered.
fn list_one(conn: &Connection, id: i64) -> Result<BranchInput> {
    list(conn)?
        .into_iter()
        .find(|b| b.id == id)
        .map(|b| b.fields)
        .ok_or_else(|| Error::NotFound("找不到这个党组织，可能已被作废。请刷新后重试。".into()))
}

/// A branch as the 支部 panel lists it: the record, when its committee is due for re-election,
/// and how many living people on the roster are linked to it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BranchRow {
    #[ts(type = "number")]
    pub id: i64,
    pub fields: BranchInput,
    /// The day the term runs out (ISO), when an election is recorded.
    pub due_on: Option<String>,
    /// 换届到期: the term has run out, or no election is recorded.
    pub election_due: bool,
    /// Living people whose 所在党支部 is this branch.
    pub members: u32,
}

/// Every branch on record with its term and its people, by name.
pub fn rows(conn: &Connection, today: NaiveDate) -> Result<Vec<BranchRow>> {
    let mut counts: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT branch_id, count(*) FROM people
         WHERE branch_id IS NOT NULL AND voided_at IS NULL AND died_on IS NULL
         GROUP BY branch_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))? {
        let (id, n) = row?;
        counts.insert(id, n);
    }
    Ok(list(conn)?
        .into_iter()
        .map(|b| BranchRow {
            id: b.id,
            due_on: b.due_on().map(|d| d.format("%Y-%m-%d").to_string()),
            election_due: b.election_due(today),
            members: counts.get(&b.id).copied().unwrap_or(0),
            fields: b.fields,
        })
        .collect())
}

/// Names of the branches on record that `names` do not yet carry: the import's 新建这些支部.
/// Creates one 退休干部党支部 record per name (the clerk corrects the kind in the 支部 panel),
/// audited; names already on record are skipped. Returns how many were created.
pub fn create_missing(conn: &Connection, stamp: &Stamp, names: &[String]) -> Result<u32> {
    let mut created = 0;
    let mut seen = std::collections::HashSet::new();
    for name in names {
        let name = crate::domain::text::normalize(name);
        if name.is_empty() || !seen.insert(name.clone()) {
            continue;
        }
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM party_branches WHERE name = ?1 AND voided_at IS NULL)",
            [&name],
            |r| r.get(0),
        )?;
        if exists {
            continue;
        }
        insert(
            conn,
            stamp,
            &BranchInput {
                name,
                kind: BranchKind::Tuixiu,
                secretary: String::new(),
                committee: String::new(),
                groups: 0,
                last_election: None,
            },
        )?;
        created += 1;
    }
    Ok(created)
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

    #[test]
    fn an_update_is_checked_audited_and_carries_the_people_along() {
        use crate::testing::{add, simple};
        let l = ledger();
        let c = l.conn();
        let st = stamp();
        let first = insert(c, &st, &branch("离退休第一支部", BranchKind::Tuixiu, None)).unwrap();
        insert(c, &st, &branch("离休干部党支部", BranchKind::Lixiu, Some("2024-06"))).unwrap();
        let a = add(
            c,
            crate::domain::model::PersonFields {
                party_branch: "离退休第一支部".into(),
                ..simple("张三")
            },
        );
        // A name taken by another branch is refused, in Chinese, and nothing changes.
        let clash = update(c, &st, first, &branch("离休干部党支部", BranchKind::Tuixiu, None));
        assert!(clash.unwrap_err().to_string().contains("已有名为"));
        let blank = update(c, &st, first, &branch(" ", BranchKind::Tuixiu, None));
        assert!(blank.unwrap_err().to_string().contains("不能为空"));
        // Renamed and re-elected: the person follows the record, every change in the log.
        let renamed = BranchInput {
            groups: 3,
            ..branch("离退休干部第一党支部", BranchKind::Combined, Some("2025-03-01"))
        };
        update(c, &st, first, &renamed).unwrap();
        let row = rows(c, today()).unwrap().into_iter().find(|r| r.id == first).unwrap();
        assert_eq!(row.fields, renamed);
        assert_eq!(row.members, 1);
        assert_eq!(row.due_on.as_deref(), Some("2028-03-01"));
        assert!(!row.election_due);
        let person = crate::tables::people::get(c, a).unwrap();
        assert_eq!(person.fields.party_branch, "离退休干部第一党支部");
        assert_eq!(crate::tables::branch_link::branch_of(c, a).unwrap(), Some(first));
        let logged: Vec<(String, String)> = c
            .prepare("SELECT entity, changes FROM audit_log WHERE action = 'update' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(logged.len(), 2, "{logged:?}");
        assert_eq!(logged[0].0, "party_branch");
        for field in ["name", "kind", "groups", "last_election"] {
            assert!(logged[0].1.contains(field), "{field} in {}", logged[0].1);
        }
        assert_eq!(logged[1].0, "person");
        assert!(
            logged[1].1.contains("离退休第一支部") && logged[1].1.contains("离退休干部第一党支部")
        );
        // The audit chain still agrees with the person as stored.
        let check = crate::reports::audit_check::verify(c, &[]).unwrap();
        assert!(check.intact && check.findings.is_empty(), "{:?}", check.findings);
        // Saving unchanged logs nothing more.
        update(c, &st, first, &renamed).unwrap();
        let n: i64 = c
            .query_row("SELECT count(*) FROM audit_log WHERE action = 'update'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);
    }

    #[test]
    fn missing_branches_are_created_once_each() {
        let l = ledger();
        let c = l.conn();
        let st = stamp();
        insert(c, &st, &branch("第一支部", BranchKind::Lixiu, None)).unwrap();
        let names: Vec<String> =
            ["第一支部", "第二支部", " 第二支部 ", "", "第三支部"].map(String::from).to_vec();
        assert_eq!(create_missing(c, &st, &names).unwrap(), 2);
        let all: Vec<String> = list(c).unwrap().into_iter().map(|b| b.fields.name).collect();
        assert_eq!(all, ["第一支部", "第三支部", "第二支部"]);
    }
}
