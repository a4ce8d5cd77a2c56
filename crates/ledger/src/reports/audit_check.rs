//! Checking the tamper-evident audit trail (issue 12), and listing it.
//!
//! Every entry of `audit_log` carries `prev_hash` and `hash` (see `store::audit_chain`). Removing,
//! editing, inserting or reordering entries with sqlite3 breaks the chain, and [`verify`] names the
//! entry. Removing entries from the end leaves a whole chain, so the newest hash is also kept outside
//! the ledger, in every backup's manifest ([`crate::store::backup::Contents::audit_head`]), and
//! checked against it. Finally every person and family member must agree with the values their
//! audit entries last recorded: a record changed with sqlite3 is named with the field.
//!
//! This makes changes made outside the program visible; it cannot stop someone who rewrites the
//! whole chain and every backup with a copy of this program's rules.

use crate::error::Result;
use crate::store::audit_chain::{entry_hash, read_row, Row, GENESIS, ROW_COLUMNS};
use crate::store::backup::Contents;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// One thing found wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    /// The audit entry concerned (its id), if any.
    #[ts(type = "number | null")]
    pub entry: Option<i64>,
    /// The record concerned: `person`, `family_member` …, empty for the chain itself.
    pub entity: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    /// The field concerned (its Chinese name), empty when not one field.
    pub field: String,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Verification {
    pub intact: bool,
    #[ts(type = "number")]
    pub entries: u64,
    /// People and family members compared with their audited values.
    #[ts(type = "number")]
    pub records: u64,
    /// Backup manifests whose anchor was checked.
    pub anchors: u32,
    pub findings: Vec<Finding>,
}

fn finding(
    entry: Option<i64>,
    entity: &str,
    entity_id: Option<i64>,
    field: &str,
    message: String,
) -> Finding {
    Finding { entry, entity: entity.into(), entity_id, field: field.into(), message }
}

/// Checks the chain, the anchors (backup time and contents from the manifests, see
/// [`crate::store::backup::anchors`]) and that every
/// person and family member agrees with their last audited values.
pub fn verify(conn: &Connection, anchors: &[(String, Contents)]) -> Result<Verification> {
    let mut findings = Vec::new();
    let mut stmt =
        conn.prepare(&format!("SELECT {ROW_COLUMNS}, prev_hash, hash FROM audit_log ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut previous_id: Option<i64> = None;
    let mut entries = 0u64;
    let mut hashes: HashMap<i64, String> = HashMap::new();
    let mut last_restore_at = String::new();
    let mut states: HashMap<(String, i64), Folded> = HashMap::new();
    while let Some(r) = rows.next()? {
        entries += 1;
        let row = read_row(r)?;
        let prev: Option<String> = r.get(8)?;
        let hash: Option<String> = r.get(9)?;
        let what = format!(
            "第 {} 条修改记录（{} {} {}）",
            row.id,
            row.at,
            row.actor,
            describe_action(&row)
        );
        match (&prev, &hash) {
            (Some(prev), Some(hash)) => {
                if &entry_hash(prev, &row) != hash {
                    findings.push(finding(
                        Some(row.id),
                        &row.entity,
                        row.entity_id,
                        "",
                        format!("{what}的内容在程序之外被改动过（校验值不符）。"),
                    ));
                }
                if prev != &expected_prev {
                    let after = previous_id
                        .map(|p| format!("第 {p} 条与第 {} 条之间", row.id))
                        .unwrap_or_else(|| format!("第 {} 条之前", row.id));
                    findings.push(finding(
                        Some(row.id),
                        "",
                        None,
                        "",
                        format!(
                            "{after}的修改记录被删除、插入或调换了顺序（第 {} 条接不上前一条）。",
                            row.id
                        ),
                    ));
                }
                expected_prev = hash.clone();
                hashes.insert(row.id, hash.clone());
            }
            _ => findings.push(finding(
                Some(row.id),
                &row.entity,
                row.entity_id,
                "",
                format!("{what}没有校验值：不是本程序写入的，是在程序之外添加的。"),
            )),
        }
        previous_id = Some(row.id);
        if row.entity == "ledger" && row.action == "restore" {
            last_restore_at = row.at.clone();
        }
        if let Some(id) =
            row.entity_id.filter(|_| row.entity == "person" || row.entity == "family_member")
        {
            states.entry((row.entity.clone(), id)).or_default().apply(&row);
        }
    }
    drop(rows);
    drop(stmt);

    // Anchors kept outside the ledger: the newest entry when each backup was made must still be there.
    let mut checked = 0u32;
    for (label, c) in anchors {
        // A restore brings back an older chain: backups made before it anchor the replaced one.
        if c.audit_last_id == 0
            || c.audit_head.is_empty()
            || label.as_str() <= last_restore_at.as_str()
        {
            continue;
        }
        checked += 1;
        match hashes.get(&c.audit_last_id) {
            Some(h) if h == &c.audit_head => {}
            found => findings.push(finding(
                Some(c.audit_last_id),
                "",
                None,
                "",
                format!(
                    "备份（{label}）记下的第 {} 条修改记录{}：此后的修改记录在程序之外被删改过。",
                    c.audit_last_id,
                    if found.is_some() { "与现在的不同" } else { "现在已不存在" }
                ),
            )),
        }
    }

    let records = check_records(conn, &states, &mut findings)?;
    Ok(Verification { intact: findings.is_empty(), entries, records, anchors: checked, findings })
}

fn describe_action(row: &Row) -> String {
    let entity = match row.entity.as_str() {
        "person" => "人员",
        "family_member" => "家属",
        "settings" => "单位设置",
        "operator" => "操作员",
        "ledger" => "台账",
        other => other,
    };
    let action = match row.action.as_str() {
        "create" => "新增",
        "update" => "修改",
        "void" => "作废",
        "reveal" => "查看完整号码",
        "restore" if row.entity == "ledger" => "恢复备份",
        "restore" => "恢复",
        other => other,
    };
    match row.entity_id {
        Some(id) => format!("{action}{entity} {id}"),
        None => format!("{action}{entity}"),
    }
}

/// A record's values as its audit entries last recorded them.
#[derive(Default)]
struct Folded {
    values: BTreeMap<String, Value>,
    created: bool,
    voided: bool,
}

impl Folded {
    fn apply(&mut self, row: &Row) {
        match row.action.as_str() {
            "create" => {
                self.created = true;
                self.values = match serde_json::from_str::<Value>(&row.changes) {
                    Ok(Value::Object(map)) => map.into_iter().collect(),
                    Ok(Value::Array(list)) => list
                        .into_iter()
                        .filter_map(|c| {
                            Some((c.get("field")?.as_str()?.to_string(), c.get("new")?.clone()))
                        })
                        .collect(),
                    _ => BTreeMap::new(),
                };
            }
            "update" => {
                if let Ok(Value::Array(list)) = serde_json::from_str::<Value>(&row.changes) {
                    for c in list {
                        if let (Some(field), Some(new)) =
                            (c.get("field").and_then(Value::as_str), c.get("new"))
                        {
                            self.values.insert(field.to_string(), new.clone());
                        }
                    }
                }
            }
            "void" => self.voided = true,
            "restore" => self.voided = false,
            _ => {}
        }
    }
}

/// Values that say "nothing" compare equal to an absent field (a field added to the program later
/// starts empty without an audit entry).
fn meaningful(values: impl IntoIterator<Item = (String, Value)>) -> BTreeMap<String, Value> {
    values
        .into_iter()
        .filter(|(k, v)| {
            k != "id"
                && !matches!(v, Value::Null | Value::Bool(false))
                && v != &Value::String(String::new())
                && v != &Value::Array(vec![])
                && v != &Value::Object(Default::default())
        })
        .collect()
}

fn person_field_label(field: &str) -> String {
    for c in crate::domain::roster::COLUMNS {
        let name = format!("{:?}", c.field);
        let mut snake = String::new();
        for (i, ch) in name.chars().enumerate() {
            if ch.is_ascii_uppercase() {
                if i > 0 {
                    snake.push('_');
                }
                snake.push(ch.to_ascii_lowercase());
            } else {
                snake.push(ch);
            }
        }
        if snake == field {
            return c.header.to_string();
        }
    }
    field.to_string()
}

fn family_field_label(field: &str) -> String {
    match field {
        "name" => "姓名",
        "relation" => "关系",
        "birth" => "出生年月",
        "phone" => "电话",
        "address" => "住址",
        "is_survivor" => "遗属",
        "survivor_aid" => "享受遗属补助",
        "notes" => "备注",
        other => other,
    }
    .to_string()
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None => "（空）".into(),
        Some(Value::String(s)) => format!("“{s}”"),
        Some(v) => v.to_string(),
    }
}

/// Compares every person and family member with their folded audit values.
fn check_records(
    conn: &Connection,
    states: &HashMap<(String, i64), Folded>,
    findings: &mut Vec<Finding>,
) -> Result<u64> {
    let mut records = 0u64;
    let mut seen: std::collections::HashSet<(String, i64)> = Default::default();
    // People: live ones with their fields; voided ones only for their void.
    let live: HashMap<i64, crate::domain::model::PersonFields> =
        crate::tables::people::all_fields(conn)?.into_iter().map(|(id, f)| (id.0, f)).collect();
    let mut stmt =
        conn.prepare("SELECT id, name, voided_at IS NOT NULL FROM people ORDER BY id")?;
    let people: Vec<(i64, String, bool)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name, voided) in people {
        records += 1;
        seen.insert(("person".into(), id));
        let who = format!("人员“{name}”（编号 {id}）");
        let current = live.get(&id).and_then(|f| serde_json::to_value(f).ok());
        compare(
            "person",
            id,
            &who,
            voided,
            current,
            states.get(&("person".to_string(), id)),
            person_field_label,
            findings,
        );
    }
    let mut stmt = conn.prepare(
        "SELECT id, name, relation, birth, phone, address, is_survivor, notes, survivor_aid,
                voided_at IS NOT NULL
         FROM family_members ORDER BY id",
    )?;
    let members = stmt.query_map([], |r| {
        Ok((
            crate::domain::model::FamilyMember {
                id: r.get(0)?,
                name: r.get(1)?,
                relation: r.get(2)?,
                birth: r.get(3)?,
                phone: r.get(4)?,
                address: r.get(5)?,
                is_survivor: r.get(6)?,
                notes: r.get(7)?,
                survivor_aid: r.get(8)?,
            },
            r.get::<_, bool>(9)?,
        ))
    })?;
    for m in members {
        let (m, voided) = m?;
        let id = m.id.unwrap_or_default();
        records += 1;
        seen.insert(("family_member".into(), id));
        let who = format!("家属“{}”（编号 {id}）", m.name);
        compare(
            "family_member",
            id,
            &who,
            voided,
            if voided { None } else { serde_json::to_value(&m).ok() },
            states.get(&("family_member".to_string(), id)),
            family_field_label,
            findings,
        );
    }
    let mut gone: Vec<&(String, i64)> = states.keys().filter(|k| !seen.contains(*k)).collect();
    gone.sort();
    for (entity, id) in gone {
        let what = if entity == "person" { "人员" } else { "家属" };
        findings.push(finding(
            None,
            entity,
            Some(*id),
            "",
            format!("{what}（编号 {id}）有修改记录，但这条记录已从台账中删除（在程序之外删除）。"),
        ));
    }
    Ok(records)
}

#[allow(clippy::too_many_arguments)]
fn compare(
    entity: &str,
    id: i64,
    who: &str,
    voided: bool,
    current: Option<Value>,
    folded: Option<&Folded>,
    label: fn(&str) -> String,
    findings: &mut Vec<Finding>,
) {
    let Some(folded) = folded.filter(|f| f.created) else {
        findings.push(finding(
            None,
            entity,
            Some(id),
            "",
            format!("{who}没有新增的修改记录：是在程序之外添加的。"),
        ));
        return;
    };
    if voided != folded.voided {
        let message = if voided {
            format!("{who}已作废，但修改记录中没有作废：是在程序之外作废的。")
        } else {
            format!("{who}在修改记录中已作废，现在却是有效的：是在程序之外恢复的。")
        };
        findings.push(finding(None, entity, Some(id), "", message));
        return;
    }
    let Some(Value::Object(current)) = current else { return };
    let now = meaningful(current);
    let then = meaningful(folded.values.clone());
    let mut fields: Vec<&String> = now.keys().chain(then.keys()).collect();
    fields.sort();
    fields.dedup();
    for field in fields {
        let (a, b) = (then.get(field), now.get(field));
        if a != b {
            let name = label(field);
            findings.push(finding(
                None,
                entity,
                Some(id),
                &name,
                format!(
                    "{who}的“{name}”与修改记录不符：修改记录为 {}，台账中为 {}（在程序之外被改动）。",
                    shown(a),
                    shown(b)
                ),
            ));
        }
    }
}

/// One entry as listed by `audit list`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ListedEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    pub entry: crate::store::audit::AuditEntry,
}

/// The audit log, newest first; for one person, their entries and their family members'.
pub fn list(conn: &Connection, person: Option<i64>) -> Result<Vec<ListedEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, entity, entity_id, action, changes, reason FROM audit_log
         WHERE ?1 IS NULL
            OR (entity = 'person' AND entity_id = ?1)
            OR (entity = 'family_member'
                AND entity_id IN (SELECT id FROM family_members WHERE person_id = ?1))
         ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([person], |r| {
        let changes: String = r.get(6)?;
        Ok(ListedEntry {
            id: r.get(0)?,
            entry: crate::store::audit::AuditEntry {
                at: r.get(1)?,
                actor: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                action: r.get(5)?,
                changes: crate::store::audit::parse_changes(&changes),
                reason: r.get(7)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{FamilyMember, PersonFields, PersonId, PersonInput};
    use crate::domain::stamp::Stamp;
    use crate::store::db::Ledger;

    fn stamp(h: u32) -> Stamp {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap();
        Stamp { actor: "王会计".into(), now }
    }

    /// A ledger with two people (one with family), an update, a reveal and a void.
    fn ledger(dir: &std::path::Path) -> (Ledger, PersonId) {
        let ledger = Ledger::open(&dir.join("ledger.db")).unwrap();
        let c = ledger.conn();
        let fields =
            PersonFields {
                name: "张三".into(), phone: "13812345678".into(), ..Default::default()
            };
        let family = vec![FamilyMember {
            name: "李梅".into(),
            relation: "配偶".into(),
            ..Default::default()
        }];
        let zhang = crate::tables::people::insert(c, &stamp(9), &PersonInput { fields, family })
            .unwrap()
            .person;
        let li = crate::tables::people::insert(
            c,
            &stamp(9),
            &PersonInput {
                fields: PersonFields { name: "李四".into(), ..Default::default() },
                family: vec![],
            },
        )
        .unwrap()
        .person;
        let mut input = PersonInput { fields: zhang.fields.clone(), family: zhang.family.clone() };
        input.fields.address = "东城区1号".into();
        input.family[0].phone = "13900000000".into();
        crate::tables::people::update(c, &stamp(10), zhang.id, &input).unwrap();
        crate::tables::people::reveal(c, &stamp(11), zhang.id).unwrap();
        crate::tables::people::void(c, &stamp(12), li.id, "重复录入").unwrap();
        (ledger, zhang.id)
    }

    fn check(ledger: &Ledger) -> Verification {
        verify(ledger.conn(), &crate::store::backup::anchors(ledger.path().unwrap())).unwrap()
    }

    fn messages(v: &Verification) -> String {
        v.findings.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_ledger_written_by_the_program_is_intact() {
        let dir = tempfile::tempdir().unwrap();
        let (ledger, _) = ledger(dir.path());
        let v = check(&ledger);
        assert!(v.intact, "{}", messages(&v));
        assert_eq!((v.entries, v.records), (7, 3));
    }

    #[test]
    fn a_demo_ledger_with_every_kind_of_record_is_intact() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        crate::demo::populate(&mut ledger, &stamp(9), 60, 3, today, &crate::progress::Silent)
            .unwrap();
        let v = verify(ledger.conn(), &[]).unwrap();
        assert!(v.intact, "{}", messages(&v));
        assert!(v.records > 60);
    }

    #[test]
    fn an_audit_row_deleted_edited_inserted_or_reordered_is_found() {
        let cases: [(&str, &str, i64); 4] = [
            ("DELETE FROM audit_log WHERE id = 3", "第 2 条与第 4 条之间", 4),
            ("UPDATE audit_log SET actor = '别人' WHERE id = 5", "改动过", 5),
            (
                "INSERT INTO audit_log (at, actor, entity, entity_id, action, changes)
                 VALUES ('2026-11-21 13:00:00', '某人', 'person', 1, 'reveal', '[]')",
                "没有校验值",
                8,
            ),
            (
                "UPDATE audit_log SET id = 100 WHERE id = 4;
                 UPDATE audit_log SET id = 4 WHERE id = 5;
                 UPDATE audit_log SET id = 5 WHERE id = 100;",
                "改动过",
                4,
            ),
        ];
        for (sql, says, entry) in cases {
            let dir = tempfile::tempdir().unwrap();
            let (ledger, _) = ledger(dir.path());
            ledger.conn().execute_batch(sql).unwrap();
            let v = check(&ledger);
            assert!(!v.intact, "{sql}");
            assert!(
                v.findings.iter().any(|f| f.message.contains(says) && f.entry == Some(entry)),
                "{sql}: {}",
                messages(&v)
            );
        }
    }

    #[test]
    fn a_record_changed_added_removed_or_voided_outside_the_program_is_found() {
        let cases: [(&str, &str, &str); 5] = [
            (
                "UPDATE people SET phone = '13800000000' WHERE name = '张三'",
                "联系电话",
                "13812345678",
            ),
            ("UPDATE family_members SET relation = '子' WHERE name = '李梅'", "关系", "配偶"),
            (
                "INSERT INTO people (name, search_key, created_at, updated_at)
                 VALUES ('冒名', 'maoming', '2026-11-21', '2026-11-21')",
                "冒名",
                "在程序之外添加",
            ),
            ("UPDATE people SET voided_at = NULL WHERE name = '李四'", "李四", "恢复"),
            ("DELETE FROM family_members WHERE name = '李梅'", "家属", "删除"),
        ];
        for (sql, names, says) in cases {
            let dir = tempfile::tempdir().unwrap();
            let (ledger, _) = ledger(dir.path());
            ledger.conn().execute_batch(sql).unwrap();
            let v = check(&ledger);
            assert!(!v.intact, "{sql}");
            let m = messages(&v);
            assert!(m.contains(names) && m.contains(says), "{sql}: {m}");
            assert!(v.findings.iter().all(|f| f.entry.is_none()), "the chain itself is whole: {m}");
        }
    }

    #[test]
    fn entries_removed_from_the_end_are_found_by_the_backup_anchor() {
        let dir = tempfile::tempdir().unwrap();
        let (ledger, zhang) = ledger(dir.path());
        crate::tables::people::reveal(ledger.conn(), &stamp(13), zhang).unwrap();
        crate::store::backup::create(&ledger, crate::store::backup::MANUAL, stamp(14).now).unwrap();
        ledger.conn().execute("DELETE FROM audit_log WHERE id = 8", []).unwrap();
        let v = check(&ledger);
        assert_eq!(v.anchors, 1);
        assert!(messages(&v).contains("第 8 条修改记录现在已不存在"), "{}", messages(&v));
    }

    #[test]
    fn a_restore_starts_from_the_restored_chain() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ledger, zhang) = ledger(dir.path());
        let old =
            crate::store::backup::create(&ledger, crate::store::backup::MANUAL, stamp(13).now)
                .unwrap()
                .unwrap();
        crate::tables::people::reveal(ledger.conn(), &stamp(14), zhang).unwrap();
        crate::store::backup::create(&ledger, crate::store::backup::MANUAL, stamp(15).now).unwrap();
        crate::store::backup::restore(&mut ledger, std::path::Path::new(&old.path), &stamp(16))
            .unwrap();
        let v = check(&ledger);
        assert!(v.intact, "{}", messages(&v));
        crate::tables::people::reveal(ledger.conn(), &stamp(17), zhang).unwrap();
        crate::store::backup::create(&ledger, crate::store::backup::MANUAL, stamp(18).now).unwrap();
        let v = check(&ledger);
        assert!(v.intact && v.anchors == 1, "{}", messages(&v));
    }

    #[test]
    fn entries_written_before_the_chain_are_sealed_by_the_migration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            crate::store::db::tests_support::migrate_to(&mut conn, 4);
            conn.execute_batch(
                "INSERT INTO people (id, name, search_key, created_at, updated_at)
                 VALUES (1, '老张', 'laozhang', '2025-01-01', '2025-01-01');
                 INSERT INTO audit_log (at, actor, entity, entity_id, action, changes)
                 VALUES ('2025-01-01 09:00:00', '旧版', 'person', 1, 'create', '[{\"field\":\"name\",\"old\":null,\"new\":\"老张\"}]'),
                        ('2025-01-02 09:00:00', '旧版', 'person', 1, 'reveal', '[]');",
            )
            .unwrap();
        }
        let ledger = Ledger::open(&path).unwrap();
        let v = check(&ledger);
        assert!(v.intact, "{}", messages(&v));
        assert_eq!(v.entries, 2);
        crate::tables::people::reveal(ledger.conn(), &stamp(9), PersonId(1)).unwrap();
        assert!(check(&ledger).intact);
    }

    #[test]
    fn list_shows_a_person_and_their_family_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let (ledger, zhang) = ledger(dir.path());
        let entries = list(ledger.conn(), Some(zhang.0)).unwrap();
        let actions: Vec<(&str, &str)> =
            entries.iter().map(|e| (e.entry.entity.as_str(), e.entry.action.as_str())).collect();
        assert_eq!(
            actions,
            [
                ("person", "reveal"),
                ("family_member", "update"),
                ("person", "update"),
                ("family_member", "create"),
                ("person", "create")
            ]
        );
        assert_eq!(list(ledger.conn(), None).unwrap().len(), 7);
    }
}
