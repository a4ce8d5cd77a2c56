//! The 修改记录 of the whole ledger: every audit entry of every table, filtered by person, record
//! kind, operator and period in SQL, one page at a time, with each change decoded into the words
//! the clerk uses (field labels, enums in Chinese, amounts in yuan, dates as `1945.10`).
//!
//! The log itself is written by `store::audit` and chained by `store::audit_chain`; this module only
//! reads it. A record of a work ledger (a visit, a subsidy…) names its person through its own table,
//! so "the entries about 张三" are his own entries plus those of every record that points at him:
//! the filter is an `OR` of `(entity, entity_id)` lookups, each one served by `audit_log_entity`.

use crate::domain::date::PartialDate;
use crate::domain::model::*;
use crate::domain::money::Fen;
use crate::domain::roster::COLUMNS;
use crate::error::Result;
use crate::store::audit::parse_changes;
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

/// The page size when a query names none, and the most one page may hold.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

/// What the 修改记录 page asks for. Every filter is optional; `from` and `to` are inclusive days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AuditQuery {
    pub person_id: Option<PersonId>,
    /// A record kind's code (`visit`, `person`…), as [`kinds`] lists them.
    pub entity: Option<String>,
    /// An operator's name exactly as recorded.
    pub actor: Option<String>,
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    pub offset: u32,
    /// 0 means [`DEFAULT_LIMIT`]; more than [`MAX_LIMIT`] is cut to it.
    pub limit: u32,
}

/// One changed field in the clerk's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditLine {
    /// The stored field name (`id_number`).
    pub field: String,
    /// Its Chinese label (`身份证号码`).
    pub label: String,
    pub old: String,
    pub new: String,
}

/// One audit entry as the page and the Excel export show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditRow {
    #[ts(type = "number")]
    pub id: i64,
    /// `2026-01-05 09:00:00`.
    pub at: String,
    pub actor: String,
    pub entity: String,
    /// 记录类别, e.g. 走访慰问.
    pub entity_label: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    /// The person the record is about, when it is about one.
    pub person_id: Option<PersonId>,
    pub person_name: String,
    pub action: String,
    /// 新增, 修改, 作废, 查看完整信息…
    pub action_label: String,
    pub lines: Vec<AuditLine>,
    pub reason: Option<String>,
}

/// One page of the log, newest first, and how many entries match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditPage {
    pub total: u32,
    pub rows: Vec<AuditRow>,
}

/// A choice for the record-kind filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditKind {
    pub code: String,
    pub label: String,
}

/// How a record kind finds its person: `Some(table)` when the entry's `entity_id` is a row of that
/// table with a `person_id`, `None` when `entity_id` is the person's id itself.
struct Kind {
    code: &'static str,
    label: &'static str,
    person: Option<Option<&'static str>>,
}

const fn kind(
    code: &'static str,
    label: &'static str,
    person: Option<Option<&'static str>>,
) -> Kind {
    Kind { code, label, person }
}

/// Every record kind the program logs, in the order the filter offers them.
const KINDS: &[Kind] = &[
    kind("person", "人员信息", Some(None)),
    kind("family_member", "家属", Some(Some("family_members"))),
    kind("person_profile", "个人情况", Some(None)),
    kind("party_info", "党员信息", Some(None)),
    kind("medal", "纪念章", Some(Some("medals"))),
    kind("visit", "走访慰问", Some(Some("visits"))),
    kind("campaign", "集中走访", None),
    kind("hospital_stay", "住院探望", Some(Some("hospital_stays"))),
    kind("subsidy", "补助发放", Some(Some("subsidies"))),
    kind("subsidy_batch", "补助批次", None),
    kind("checkup", "健康体检", Some(Some("checkups"))),
    kind("death", "去世登记", Some(Some("deaths"))),
    kind("activity", "活动", None),
    kind("must_visit_case", "五必访", Some(Some("must_visit_cases"))),
    kind("delivery_list", "送学上门名单", Some(None)),
    kind("reminder_dismissal", "提醒处理", None),
    kind("party_branch", "党组织", None),
    kind("operator", "操作员", None),
    kind("settings", "设置", None),
    kind("ledger", "台账", None),
];

/// The record kinds for the filter.
pub fn kinds() -> Vec<AuditKind> {
    KINDS.iter().map(|k| AuditKind { code: k.code.into(), label: k.label.into() }).collect()
}

/// The Chinese name of a record kind; an unknown code is shown as it is.
pub fn kind_label(code: &str) -> String {
    KINDS.iter().find(|k| k.code == code).map_or_else(|| code.to_string(), |k| k.label.to_string())
}

/// Every action code the audit log records, for the UI's labels (`contract.rs`).
pub const ACTIONS: [&str; 17] = [
    "create",
    "insert",
    "update",
    "void",
    "restore",
    "reveal",
    "reveal_contact",
    "add_targets",
    "remove_target",
    "add",
    "remove",
    "import",
    "import_add",
    "import_update",
    "encrypt",
    "passwd",
    "decrypt",
];

/// The Chinese name of an action.
pub fn action_label(action: &str) -> String {
    match action {
        "create" | "insert" => "新增",
        "update" => "修改",
        "void" => "作废",
        "restore" => "恢复",
        "reveal" | "reveal_contact" => "查看完整信息",
        "add_targets" => "添加走访对象",
        "remove_target" => "移出走访对象",
        "add" => "加入",
        "remove" => "移出",
        "import" | "import_add" => "导入新增",
        "import_update" => "导入更新",
        "encrypt" => "启用加密",
        "passwd" => "修改密码",
        "decrypt" => "取消加密",
        other => return other.to_string(),
    }
    .to_string()
}

/// The choices the page's filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditFilters {
    pub kinds: Vec<AuditKind>,
    /// Everyone who has made a change.
    pub actors: Vec<String>,
}

pub fn filters(conn: &Connection) -> Result<AuditFilters> {
    Ok(AuditFilters { kinds: kinds(), actors: actors(conn)? })
}

/// Everyone who has made a change, for the operator filter (names as recorded, in name order).
pub fn actors(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The SQL expression that gives an entry's person (`a` is the audit row).
fn person_of_entry() -> String {
    let mut sql = String::from("CASE a.entity");
    for k in KINDS {
        match k.person {
            Some(None) => sql.push_str(&format!(" WHEN '{}' THEN a.entity_id", k.code)),
            Some(Some(table)) => sql.push_str(&format!(
                " WHEN '{}' THEN (SELECT person_id FROM {table} WHERE id = a.entity_id)",
                k.code
            )),
            None => {}
        }
    }
    sql.push_str(" END");
    sql
}

/// The `WHERE` clause and its parameters for a query.
fn filter(q: &AuditQuery) -> (String, Vec<SqlValue>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if let Some(person) = q.person_id {
        args.push(SqlValue::Integer(person.0));
        let p = args.len();
        let mut any: Vec<String> = Vec::new();
        let direct: Vec<String> = KINDS
            .iter()
            .filter(|k| k.person == Some(None))
            .map(|k| format!("'{}'", k.code))
            .collect();
        any.push(format!("(a.entity IN ({}) AND a.entity_id = ?{p})", direct.join(",")));
        for k in KINDS {
            if let Some(Some(table)) = k.person {
                any.push(format!(
                    "(a.entity = '{}' AND a.entity_id IN (SELECT id FROM {table} WHERE person_id = ?{p}))",
                    k.code
                ));
            }
        }
        clauses.push(format!("({})", any.join(" OR ")));
    }
    if let Some(entity) = q.entity.as_ref().filter(|e| !e.is_empty()) {
        args.push(SqlValue::Text(entity.clone()));
        clauses.push(format!("a.entity = ?{}", args.len()));
    }
    if let Some(actor) = q.actor.as_ref().filter(|a| !a.is_empty()) {
        args.push(SqlValue::Text(actor.clone()));
        clauses.push(format!("a.actor = ?{}", args.len()));
    }
    // `at` is `YYYY-MM-DD hh:mm:ss`: a day's entries sort between the day and the next day.
    if let Some(from) = q.from {
        args.push(SqlValue::Text(from.format("%Y-%m-%d").to_string()));
        clauses.push(format!("a.at >= ?{}", args.len()));
    }
    if let Some(to) = q.to.and_then(|d| d.succ_opt()) {
        args.push(SqlValue::Text(to.format("%Y-%m-%d").to_string()));
        clauses.push(format!("a.at < ?{}", args.len()));
    }
    let sql =
        if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (sql, args)
}

/// One page of the log, newest first.
pub fn page(conn: &Connection, q: &AuditQuery) -> Result<AuditPage> {
    let (where_sql, mut args) = filter(q);
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM audit_log a {where_sql}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let limit = match q.limit {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    };
    args.push(SqlValue::Integer(limit.into()));
    args.push(SqlValue::Integer(q.offset.into()));
    let n = args.len();
    // The window is chosen on ids alone; only its rows are read whole and linked to their person.
    let sql = format!(
        "SELECT a.id, a.at, a.actor, a.entity, a.entity_id, a.action, a.changes, a.reason,
                p.id, p.name
         FROM (SELECT a.id FROM audit_log a {where_sql}
               ORDER BY a.id DESC LIMIT ?{} OFFSET ?{n}) w
         JOIN audit_log a ON a.id = w.id
         LEFT JOIN people p ON p.id = {person}
         ORDER BY a.id DESC",
        n - 1,
        person = person_of_entry(),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        let entity: String = r.get(3)?;
        let action: String = r.get(5)?;
        let changes: String = r.get(6)?;
        let lines = parse_changes(&changes)
            .into_iter()
            .map(|c| AuditLine {
                label: field_label(&entity, &c.field),
                old: value_text(&entity, &c.field, &c.old),
                new: value_text(&entity, &c.field, &c.new),
                field: c.field,
            })
            .collect();
        Ok(AuditRow {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            entity_label: kind_label(&entity),
            entity,
            entity_id: r.get(4)?,
            action_label: action_label(&action),
            action,
            lines,
            reason: r.get(7)?,
            person_id: r.get::<_, Option<i64>>(8)?.map(PersonId),
            person_name: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        })
    })?;
    let mut rows: Vec<AuditRow> = rows.collect::<rusqlite::Result<_>>()?;
    for row in &mut rows {
        name_linked_records(conn, row)?;
    }
    Ok(AuditPage { total: total as u32, rows })
}

/// A change that links a person or a family member by number shows their name instead.
fn name_linked_records(conn: &Connection, row: &mut AuditRow) -> Result<()> {
    for line in &mut row.lines {
        let table = match line.field.as_str() {
            "person_id" => "people",
            "survivor_id" => "family_members",
            _ => continue,
        };
        for text in [&mut line.old, &mut line.new] {
            let Ok(id) = text.parse::<i64>() else { continue };
            let name: Option<String> = conn
                .prepare_cached(&format!("SELECT name FROM {table} WHERE id = ?1"))?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(name) = name {
                *text = name;
            }
        }
    }
    Ok(())
}

/// The Chinese label of a stored field name. A person's fields take their 花名册 header.
pub fn field_label(entity: &str, field: &str) -> String {
    if matches!(entity, "person" | "family_member") {
        if let Some(header) = person_field(field).map(|c| c.header) {
            if entity == "person" || !matches!(field, "name" | "birth" | "phone" | "address") {
                return header.to_string();
            }
        }
    }
    let label = match field {
        "name" => "姓名",
        "relation" => "关系",
        "birth" => "出生年月",
        "phone" => "电话",
        "address" => "住址",
        "is_survivor" => "遗属",
        "survivor_aid" => "遗属补助",
        "family" => "家属",
        "person_id" => "人员",
        "survivor_id" => "遗属",
        "kind" => "类别",
        "reason" => "事由",
        "campaign_id" => "集中走访",
        "hospital_stay_id" => "住院记录",
        "date" => "日期",
        "leader" => "带队领导",
        "participants" => "参加人员",
        "gifts" => "慰问品",
        "content" => "内容",
        "hospital" => "医院",
        "department" => "科室",
        "condition" => "病情",
        "admitted_on" => "入院日期",
        "discharged_on" => "出院日期",
        "period" => "所属期间",
        "amount" => "金额",
        "paid_on" => "发放日期",
        "method" => "发放方式",
        "handler" => "经办人",
        "approver" => "审批人",
        "year" => "年度",
        "attended" => "是否参检",
        "findings" => "体检结论",
        "advice" => "医生建议",
        "absence_reason" => "未参检原因",
        "died_on" => "去世日期",
        "cause" => "去世原因",
        "farewell" => "告别仪式",
        "funeral" => "丧葬费",
        "pension" => "抚恤金",
        "recipient" => "领取人",
        "survivors" => "遗属",
        "title" => "活动名称",
        "place" => "地点",
        "festival" => "节日",
        "targets" => "走访对象",
        "notes" => "备注",
        "recipients" => "发放对象",
        "marital_status" => "婚姻状况",
        "diseases" => "主要疾病",
        "hobbies" => "特长爱好",
        "needs" => "个性需求",
        "difficulties" => "特殊困难",
        "pension_socialized" => "养老金社会化发放",
        "local_medical_insurance" => "参加属地医疗保险",
        "party_transferred" => "党组织关系移交地方",
        "file_transferred" => "人事档案移交地方",
        "managed_elsewhere" => "异地管理",
        "branch" | "party_branch" => "所在党支部",
        "has_password" => "登录密码",
        "idle_lock_minutes" => "无操作自动锁定（分钟）",
        _ => return field.to_string(),
    };
    label.to_string()
}

/// The roster column of a person's field, found by reading `{field: value}` into the fields and
/// seeing which column prints: the roster table stays the one list of a person's fields.
fn person_field(field: &str) -> Option<&'static crate::domain::roster::Column> {
    // A value every field's type accepts from text or as itself is hard to pick, so look the field
    // up by the serde name each column's enum variant maps to.
    COLUMNS.iter().find(|c| column_key(c.field) == field)
}

/// The stored (serde) name of a roster field.
fn column_key(f: crate::domain::roster::Field) -> &'static str {
    use crate::domain::roster::Field::*;
    match f {
        Name => "name",
        Sex => "sex",
        Ethnicity => "ethnicity",
        NativePlace => "native_place",
        Birth => "birth",
        IdNumber => "id_number",
        PoliticalStatus => "political_status",
        PartyJoined => "party_joined",
        PartyConfirmed => "party_confirmed",
        Education => "education",
        WorkStarted => "work_started",
        RetiredOn => "retired_on",
        RetirementKind => "retirement_kind",
        FormerPost => "former_post",
        Grade => "grade",
        UnitKind => "unit_kind",
        Health => "health",
        CareLevel => "care_level",
        Living => "living",
        Residence => "residence",
        Address => "address",
        Phone => "phone",
        EmergencyContact => "emergency_contact",
        EmergencyPhone => "emergency_phone",
        PartyBranch => "party_branch",
        Liaison => "liaison",
        LunarBirthday => "lunar_birthday",
        DiedOn => "died_on",
        Notes => "notes",
    }
}

const EMPTY: &str = "（空）";

/// One stored value in the clerk's words.
pub fn value_text(entity: &str, field: &str, value: &Value) -> String {
    match value {
        Value::Null => return EMPTY.into(),
        Value::String(s) if s.is_empty() => return EMPTY.into(),
        Value::String(s) => {
            if let Some(masked) = crate::domain::privacy::mask_stored(field, s) {
                return masked;
            }
        }
        _ => {}
    }
    if entity == "person" {
        if let Some(column) = person_field(field) {
            let mut object = serde_json::Map::new();
            object.insert(field.to_string(), value.clone());
            if let Ok(fields) = serde_json::from_value::<PersonFields>(Value::Object(object)) {
                let text = column.field.text(&fields);
                if !text.is_empty() {
                    return text;
                }
            }
        }
    }
    let code = value.as_str();
    let enum_label = |code: Option<&str>| -> Option<&'static str> {
        let code = code?;
        match (entity, field) {
            ("visit", "kind") => VisitKind::from_code(code).map(VisitKind::label),
            ("activity", "kind") => ActivityKind::from_code(code).map(ActivityKind::label),
            (_, "festival") => Festival::from_code(code).map(Festival::label),
            (_, "method") => PayMethod::from_code(code).map(PayMethod::label),
            (_, "sex") => Sex::from_code(code).map(Sex::label),
            _ => None,
        }
    };
    if let Some(label) = enum_label(code) {
        return label.into();
    }
    match value {
        Value::Bool(b) if field == "has_password" => (if *b { "已设置" } else { "未设置" }).into(),
        Value::Bool(b) => (if *b { "是" } else { "否" }).into(),
        Value::Number(n) if matches!(field, "amount" | "funeral" | "pension" | "survivor_aid") => {
            n.as_i64().map_or_else(|| n.to_string(), |f| format!("{}元", Fen(f).yuan_text()))
        }
        Value::Number(n) => n.to_string(),
        Value::String(s) if looks_like_date(s) => {
            PartialDate::parse(s).map(|d| d.dotted()).unwrap_or_else(|_| s.clone())
        }
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|v| value_text(entity, field, v)).collect();
            if parts.is_empty() {
                EMPTY.into()
            } else {
                parts.join("、")
            }
        }
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}：{}", field_label(entity, k), value_text(entity, k, v)))
            .collect::<Vec<_>>()
            .join("；"),
        Value::Null => EMPTY.into(),
    }
}

/// `1945`, `1945-10` or `1945-10-03`.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_the_clerk_writes_them() {
        let cases: &[(&str, &str, Value, &str)] = &[
            ("person", "retirement_kind", "lixiu".into(), "离休"),
            ("person", "birth", "1945-10".into(), "1945.10"),
            ("person", "id_number", "11010519451003001X".into(), "110105********001X"),
            ("person", "phone", "13812345678".into(), "138****5678"),
            ("person", "address", "北京市东城区和平里3号楼501".into(), "北京市东城区****"),
            (
                "person",
                "family",
                serde_json::json!([{ "name": "韩丽", "phone": "13612346419" }]),
                "姓名：韩丽；联系电话：136****6419",
            ),
            ("person", "phone", Value::Null, EMPTY),
            ("visit", "kind", "holiday".into(), "节日"),
            ("visit", "date", "2026-01-20".into(), "2026.01.20"),
            ("subsidy", "amount", 123456.into(), "1,234.56元"),
            ("checkup", "attended", true.into(), "是"),
            ("checkup", "year", 2025.into(), "2025"),
            ("campaign", "targets", serde_json::json!([1, 2]), "1、2"),
        ];
        for (entity, field, value, want) in cases {
            assert_eq!(value_text(entity, field, value), *want, "{entity}.{field} = {value}");
        }
        assert_eq!(field_label("person", "id_number"), "身份证号码");
        assert_eq!(field_label("subsidy", "amount"), "金额");
        assert_eq!(kind_label("visit"), "走访慰问");
        assert_eq!(action_label("reveal"), "查看完整信息");
    }

    /// Every roster column has a stored name, and the stored names are those serde writes.
    #[test]
    fn every_roster_column_has_its_stored_name() {
        let object = serde_json::to_value(PersonFields::default()).unwrap();
        let keys: Vec<&String> = object.as_object().unwrap().keys().collect();
        for c in COLUMNS {
            let key = column_key(c.field);
            assert!(keys.iter().any(|k| k.as_str() == key), "{key} is not a field of PersonFields");
        }
    }
}
