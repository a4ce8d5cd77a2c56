//! 补贴发放: payments to retirees (or to a deceased retiree's survivor), one at a time or as a batch
//! (a 签收表 issuance such as the quarter's 支委工作补贴), the configurable list of subsidy kinds,
//! and the totals a period's table prints. Money is integer fen (DOMAIN.md rule 8); a mistaken
//! payment is voided with a reason, never deleted.

use crate::domain::model::*;
use crate::domain::money::Fen;
use crate::domain::period::{PayPeriod, Period, Recurrence};
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use crate::store::records;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// 遗属困难补助: paid to a survivor of a deceased retiree.
pub const SURVIVOR_AID: &str = "遗属困难补助";
/// 支委工作补贴: paid each quarter to the branch committee members.
pub const COMMITTEE_ALLOWANCE: &str = "支委工作补贴";
/// The kinds a new ledger starts with.
pub const DEFAULT_KINDS: [&str; 7] =
    ["困难补贴", "生活补贴", "慰问金", "老年大学学费", COMMITTEE_ALLOWANCE, "护理费", SURVIVOR_AID];

const KINDS_KEY: &str = "subsidy_kinds";

/// A subsidy kind as configured. A kind that has payments cannot be removed, only hidden (hidden
/// kinds are not offered for new payments but old payments keep them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubsidyKind {
    pub name: String,
    #[serde(default)]
    pub hidden: bool,
    /// Filled in when read: whether any payment (not voided) uses this kind.
    #[serde(default)]
    pub in_use: bool,
    /// Paid to the same people every month, quarter or year: those paid last period are reminded
    /// until paid this period (`reports::reminders`, kind 补贴). `None` for a kind paid as needed.
    #[serde(default)]
    pub recurring: Option<Recurrence>,
}

fn stored_kinds(conn: &Connection) -> Result<Vec<SubsidyKind>> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KINDS_KEY], |r| r.get(0))
        .optional()?;
    Ok(raw.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_else(|| {
        DEFAULT_KINDS
            .iter()
            .map(|k| SubsidyKind {
                name: (*k).into(),
                hidden: false,
                in_use: false,
                recurring: (*k == COMMITTEE_ALLOWANCE).then_some(Recurrence::Quarter),
            })
            .collect()
    }))
}

fn kinds_in_use(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT kind FROM subsidies WHERE voided_at IS NULL")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The configured kinds in their order, each marked whether it is in use.
pub fn kinds(conn: &Connection) -> Result<Vec<SubsidyKind>> {
    let used = kinds_in_use(conn)?;
    Ok(stored_kinds(conn)?
        .into_iter()
        .map(|k| SubsidyKind { in_use: used.contains(&k.name), ..k })
        .collect())
}

/// Replaces the list of kinds (order, names, hidden flags). A kind that payments use cannot be
/// left out; names must be non-empty and distinct. Audited as a settings change.
pub fn set_kinds(
    conn: &Connection,
    stamp: &Stamp,
    new: &[SubsidyKind],
) -> Result<Vec<SubsidyKind>> {
    let mut seen = HashSet::new();
    let mut clean = Vec::new();
    for k in new {
        let name = crate::domain::text::compact(&k.name);
        if name.is_empty() {
            return Err(Error::invalid("补贴类型名称不能为空，请填写名称或删去这一行。"));
        }
        if name.chars().count() > 20 {
            return Err(Error::invalid(format!("补贴类型“{name}”太长，请控制在20个字以内。")));
        }
        if !seen.insert(name.clone()) {
            return Err(Error::invalid(format!("补贴类型“{name}”重复了，请删去重复的一行。")));
        }
        clean.push(SubsidyKind { name, hidden: k.hidden, in_use: false, recurring: k.recurring });
    }
    let mut missing: Vec<String> =
        kinds_in_use(conn)?.into_iter().filter(|k| !seen.contains(k)).collect();
    if !missing.is_empty() {
        missing.sort();
        return Err(Error::invalid(format!(
            "补贴类型“{}”已有发放记录，不能删除。如不再使用，请勾选“隐藏”。",
            missing.join("”“")
        )));
    }
    let old = stored_kinds(conn)?;
    let json = serde_json::to_string(&clean).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![KINDS_KEY, json],
    )?;
    let change = audit::FieldChange {
        field: KINDS_KEY.into(),
        old: serde_json::to_value(&old).unwrap_or_default(),
        new: serde_json::to_value(&clean).unwrap_or_default(),
    };
    if change.old != change.new {
        audit::record(conn, stamp, "settings", None, "update", &[change], None)?;
    }
    kinds(conn)
}

/// What the clerk submits for one payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SubsidyInput {
    pub person_id: PersonId,
    /// A survivor (遗属) of the person who receives the payment; required for 遗属困难补助.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub survivor_id: Option<i64>,
    pub kind: String,
    /// 所属期间: `2026`, `2026-Q3`, `2026-07`.
    pub period: PayPeriod,
    pub amount: Fen,
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    pub method: PayMethod,
    #[serde(default)]
    pub handler: String,
    #[serde(default)]
    pub approver: String,
    #[serde(default)]
    pub notes: String,
}

/// A payment as stored, with the names it refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Subsidy {
    #[ts(type = "number")]
    pub id: i64,
    pub person_id: PersonId,
    pub person_name: String,
    #[ts(type = "number | null")]
    pub survivor_id: Option<i64>,
    /// Empty unless paid to a survivor.
    pub survivor_name: String,
    #[ts(type = "number | null")]
    pub batch_id: Option<i64>,
    pub kind: String,
    pub period: PayPeriod,
    pub amount: Fen,
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    pub method: PayMethod,
    pub handler: String,
    pub approver: String,
    pub notes: String,
}

impl Subsidy {
    /// Who received it, as tables print it: `李秀英（张建国遗属）` for a survivor.
    pub fn recipient(&self) -> String {
        if self.survivor_name.is_empty() {
            self.person_name.clone()
        } else {
            format!("{}（{}遗属）", self.survivor_name, self.person_name)
        }
    }

    fn input(&self) -> SubsidyInput {
        SubsidyInput {
            person_id: self.person_id,
            survivor_id: self.survivor_id,
            kind: self.kind.clone(),
            period: self.period,
            amount: self.amount,
            paid_on: self.paid_on,
            method: self.method,
            handler: self.handler.clone(),
            approver: self.approver.clone(),
            notes: self.notes.clone(),
        }
    }
}

pub(crate) const SELECT: &str =
    "SELECT s.id, s.person_id, p.name, s.survivor_id, COALESCE(f.name, ''),
    s.batch_id, s.kind, s.period, s.amount_fen, s.paid_on, s.method, s.handler, s.approver, s.notes
    FROM subsidies s JOIN people p ON p.id = s.person_id
    LEFT JOIN family_members f ON f.id = s.survivor_id
    WHERE s.voided_at IS NULL";

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Subsidy> {
    Ok(Subsidy {
        id: r.get(0)?,
        person_id: PersonId(r.get(1)?),
        person_name: r.get(2)?,
        survivor_id: r.get(3)?,
        survivor_name: r.get(4)?,
        batch_id: r.get(5)?,
        kind: r.get(6)?,
        period: r.get(7)?,
        amount: Fen(r.get(8)?),
        paid_on: r.get(9)?,
        method: r.get(10)?,
        handler: r.get(11)?,
        approver: r.get(12)?,
        notes: r.get(13)?,
    })
}

/// Checks a payment and returns it normalised. `old_kind` is the kind the record had before an
/// edit: a hidden kind may stay on an old record but is not offered for new ones.
fn check(conn: &Connection, input: &SubsidyInput, old_kind: Option<&str>) -> Result<SubsidyInput> {
    let who = records::person(conn, input.person_id)?;
    let mut s = input.clone();
    s.kind = crate::domain::text::compact(&s.kind);
    s.handler = crate::domain::text::normalize(&s.handler);
    s.approver = crate::domain::text::normalize(&s.approver);
    s.notes = crate::domain::text::normalize(&s.notes);
    if s.kind.is_empty() {
        return Err(Error::invalid("请选择补贴类型。"));
    }
    if old_kind != Some(s.kind.as_str()) {
        match stored_kinds(conn)?.into_iter().find(|k| k.name == s.kind) {
            None => {
                return Err(Error::invalid(format!(
                    "补贴类型“{}”不在设置的补贴类型中。请从列表中选择，或先在设置中添加。",
                    s.kind
                )))
            }
            Some(k) if k.hidden => {
                return Err(Error::invalid(format!(
                    "补贴类型“{}”已隐藏停用。如需使用，请先在设置中取消隐藏。",
                    s.kind
                )))
            }
            Some(_) => {}
        }
    }
    if s.amount.0 <= 0 {
        return Err(Error::invalid(format!(
            "发给{}的{}金额必须大于0元，请填写实际发放的金额。",
            who.name, s.kind
        )));
    }
    if s.kind == SURVIVOR_AID {
        if who.died_on.is_none() {
            return Err(Error::invalid(format!(
                "{}尚未登记去世，不能发放遗属困难补助。如该同志已去世，请先登记去世日期。",
                who.name
            )));
        }
        if s.survivor_id.is_none() {
            return Err(Error::invalid(format!(
                "遗属困难补助须选择领取的遗属：请在{}的家属中选择一位遗属。",
                who.name
            )));
        }
    }
    if let Some(sid) = s.survivor_id {
        let survivor: Option<(String, bool)> = conn
            .prepare_cached(
                "SELECT name, is_survivor FROM family_members
                 WHERE id = ?1 AND person_id = ?2 AND voided_at IS NULL",
            )?
            .query_row(params![sid, s.person_id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match survivor {
            None => {
                return Err(Error::invalid(format!(
                    "所选领取人不是{}的家属（或已从家属中移除）。请重新选择。",
                    who.name
                )))
            }
            Some((name, false)) => {
                return Err(Error::invalid(format!(
                    "{name}未登记为{}的遗属。请先在家属信息中勾选“遗属”，再发放。",
                    who.name
                )))
            }
            Some(_) => {}
        }
    }
    Ok(s)
}

fn write(conn: &Connection, stamp: &Stamp, s: &SubsidyInput, batch_id: Option<i64>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO subsidies (person_id, survivor_id, batch_id, kind, period, amount_fen, paid_on,
           method, handler, approver, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        s.person_id.0,
        s.survivor_id,
        batch_id,
        s.kind,
        s.period,
        s.amount.0,
        s.paid_on,
        s.method,
        s.handler,
        s.approver,
        s.notes,
        stamp.at()
    ])?;
    let id = conn.last_insert_rowid();
    audit::record_created(conn, stamp, "subsidy", id, s)?;
    Ok(id)
}

/// Records one payment.
pub fn insert(conn: &Connection, stamp: &Stamp, input: &SubsidyInput) -> Result<Subsidy> {
    let s = check(conn, input, None)?;
    let id = write(conn, stamp, &s, None)?;
    get(conn, id)
}

/// Corrects a payment; the changed fields are audited.
pub fn update(conn: &Connection, stamp: &Stamp, id: i64, input: &SubsidyInput) -> Result<Subsidy> {
    let old = get(conn, id)?;
    let s = check(conn, input, Some(&old.kind))?;
    let changes = audit::diff(&old.input(), &s);
    if changes.is_empty() {
        return Ok(old);
    }
    conn.prepare_cached(
        "UPDATE subsidies SET person_id = ?1, survivor_id = ?2, kind = ?3, period = ?4,
           amount_fen = ?5, paid_on = ?6, method = ?7, handler = ?8, approver = ?9, notes = ?10,
           updated_at = ?11
         WHERE id = ?12 AND voided_at IS NULL",
    )?
    .execute(params![
        s.person_id.0,
        s.survivor_id,
        s.kind,
        s.period,
        s.amount.0,
        s.paid_on,
        s.method,
        s.handler,
        s.approver,
        s.notes,
        stamp.at(),
        id
    ])?;
    audit::record(conn, stamp, "subsidy", Some(id), "update", &changes, None)?;
    get(conn, id)
}

const NOT_FOUND: &str = "找不到这条补贴发放记录，可能已被作废。请刷新列表。";

/// Voids one payment with a reason.
pub fn void(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::void_row(conn, stamp, "subsidies", "subsidy", id, reason, NOT_FOUND)
}

/// Restores a voided payment with a reason, if its person is still on the roster.
pub fn restore(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<Subsidy> {
    records::all_or_nothing(conn, || {
        records::restore_row(
            conn,
            stamp,
            "subsidies",
            "subsidy",
            id,
            reason,
            "找不到这条已作废的补贴发放记录，可能已被恢复。请刷新列表。",
            "",
        )?;
        let s = get(conn, id)?;
        check(conn, &s.input(), Some(&s.kind)).map_err(|e| match e {
            Error::Invalid(m) | Error::NotFound(m) => Error::invalid(format!("不能恢复：{m}")),
            e => e,
        })?;
        Ok(s)
    })
}

/// A payment that is not voided.
pub fn get(conn: &Connection, id: i64) -> Result<Subsidy> {
    conn.prepare_cached(&format!("{SELECT} AND s.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(NOT_FOUND.into()))
}

/// Which payments a list shows; every filter is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SubsidyQuery {
    /// Payments whose 发放日期 falls in this period.
    pub period: Option<Period>,
    pub kind: Option<String>,
    pub person_id: Option<PersonId>,
}

/// Payments by 发放日期, then in the order entered.
pub fn list(conn: &Connection, q: &SubsidyQuery) -> Result<Vec<Subsidy>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} AND (?1 IS NULL OR s.paid_on BETWEEN ?1 AND ?2)
           AND (?3 IS NULL OR s.kind = ?3) AND (?4 IS NULL OR s.person_id = ?4)
         ORDER BY s.paid_on, s.id"
    ))?;
    let rows = stmt.query_map(
        params![
            q.period.map(|p| p.start()),
            q.period.map(|p| p.end()),
            q.kind,
            q.person_id.map(|p| p.0)
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One kind's line of a period's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KindTotal {
    pub kind: String,
    /// Payments.
    pub count: u32,
    /// Distinct recipients (a survivor counts apart from the retiree).
    pub persons: u32,
    pub amount: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SubsidyTotals {
    pub period: Period,
    /// In the configured order of kinds; kinds no longer configured come last.
    pub kinds: Vec<KindTotal>,
    pub count: u32,
    pub persons: u32,
    pub amount: Fen,
}

/// Totals by kind of the payments made (发放日期) in a period, and the grand total.
pub fn totals(conn: &Connection, period: Period) -> Result<SubsidyTotals> {
    const RECIPIENT: &str = "person_id || '-' || COALESCE(survivor_id, '')";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT kind, COUNT(*), COUNT(DISTINCT {RECIPIENT}), SUM(amount_fen) FROM subsidies
         WHERE voided_at IS NULL AND paid_on BETWEEN ?1 AND ?2 GROUP BY kind"
    ))?;
    let mut rows: Vec<KindTotal> = stmt
        .query_map(params![period.start(), period.end()], |r| {
            Ok(KindTotal {
                kind: r.get(0)?,
                count: r.get(1)?,
                persons: r.get(2)?,
                amount: Fen(r.get(3)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let order: Vec<String> = stored_kinds(conn)?.into_iter().map(|k| k.name).collect();
    rows.sort_by_key(|t| {
        (order.iter().position(|k| *k == t.kind).unwrap_or(usize::MAX), t.kind.clone())
    });
    let (count, persons, amount) = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*), COUNT(DISTINCT {RECIPIENT}), COALESCE(SUM(amount_fen), 0)
             FROM subsidies WHERE voided_at IS NULL AND paid_on BETWEEN ?1 AND ?2"
        ))?
        .query_row(params![period.start(), period.end()], |r| {
            Ok((r.get(0)?, r.get(1)?, Fen(r.get(2)?)))
        })?;
    Ok(SubsidyTotals { period, kinds: rows, count, persons, amount })
}

/// One recipient of a batch. `amount` overrides the batch's amount per person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchRecipient {
    pub person_id: PersonId,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub survivor_id: Option<i64>,
    #[serde(default)]
    pub amount: Option<Fen>,
}

/// One issuance to a group, printed as one 签收表.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BatchInput {
    pub kind: String,
    pub period: PayPeriod,
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    pub method: PayMethod,
    #[serde(default)]
    pub handler: String,
    #[serde(default)]
    pub approver: String,
    #[serde(default)]
    pub notes: String,
    /// The amount each recipient gets unless their own amount is given.
    pub amount: Fen,
    pub recipients: Vec<BatchRecipient>,
    /// Issue even to recipients who already received this kind for this period.
    #[serde(default)]
    pub allow_repeat: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BatchResult {
    #[ts(type = "number")]
    pub batch_id: i64,
    pub count: u32,
    pub total: Fen,
}

#[derive(Serialize)]
struct BatchRecord<'a> {
    kind: &'a str,
    period: PayPeriod,
    paid_on: NaiveDate,
    method: PayMethod,
    handler: &'a str,
    approver: &'a str,
    notes: &'a str,
    count: u32,
    total: Fen,
}

/// Issues a subsidy to every recipient at once, all or nothing: if any recipient is refused
/// (unknown person, a non-survivor, no amount) nothing is written. Recipients who already received
/// the same kind for the same period are refused by name unless `allow_repeat` is set.
pub fn issue_batch(conn: &Connection, stamp: &Stamp, input: &BatchInput) -> Result<BatchResult> {
    if input.recipients.is_empty() {
        return Err(Error::invalid("请至少选择一位领取人。"));
    }
    let mut seen = HashSet::new();
    let mut payments = Vec::with_capacity(input.recipients.len());
    for r in &input.recipients {
        if !seen.insert((r.person_id, r.survivor_id)) {
            let name = records::person(conn, r.person_id)?.name;
            return Err(Error::invalid(format!("{name}在领取人中出现了两次，请删去重复的一行。")));
        }
        let one = SubsidyInput {
            person_id: r.person_id,
            survivor_id: r.survivor_id,
            kind: input.kind.clone(),
            period: input.period,
            amount: r.amount.unwrap_or(input.amount),
            paid_on: input.paid_on,
            method: input.method,
            handler: input.handler.clone(),
            approver: input.approver.clone(),
            notes: String::new(),
        };
        payments.push(check(conn, &one, None)?);
    }
    let kind = payments[0].kind.clone();
    if !input.allow_repeat {
        let mut already = conn.prepare_cached(
            "SELECT 1 FROM subsidies WHERE voided_at IS NULL AND person_id = ?1
               AND survivor_id IS ?2 AND kind = ?3 AND period = ?4",
        )?;
        let mut names = Vec::new();
        for p in &payments {
            if already.exists(params![p.person_id.0, p.survivor_id, kind, input.period])? {
                let s = records::person(conn, p.person_id)?.name;
                names.push(s);
            }
        }
        if !names.is_empty() {
            return Err(Error::invalid(format!(
                "以下人员已领取过{}的{kind}：{}。请从名单中去掉他们；如确需再次发放，请勾选“允许重复发放”。",
                input.period.label(),
                names.join("、")
            )));
        }
    }
    let handler = crate::domain::text::normalize(&input.handler);
    let approver = crate::domain::text::normalize(&input.approver);
    let notes = crate::domain::text::normalize(&input.notes);
    let total = Fen(payments.iter().map(|p| p.amount.0).sum());
    let count = payments.len() as u32;
    records::all_or_nothing(conn, || {
        conn.prepare_cached(
            "INSERT INTO subsidy_batches (kind, period, paid_on, method, handler, approver, notes,
               created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?
        .execute(params![
            kind,
            input.period,
            input.paid_on,
            input.method,
            handler,
            approver,
            notes,
            stamp.at()
        ])?;
        let batch_id = conn.last_insert_rowid();
        let record = BatchRecord {
            kind: &kind,
            period: input.period,
            paid_on: input.paid_on,
            method: input.method,
            handler: &handler,
            approver: &approver,
            notes: &notes,
            count,
            total,
        };
        audit::record_created(conn, stamp, "subsidy_batch", batch_id, &record)?;
        for p in &payments {
            write(conn, stamp, p, Some(batch_id))?;
        }
        Ok(BatchResult { batch_id, count, total })
    })
}

/// A batch as listed: its shared details and what was paid under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SubsidyBatch {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub period: PayPeriod,
    #[ts(type = "string")]
    pub paid_on: NaiveDate,
    pub method: PayMethod,
    pub handler: String,
    pub approver: String,
    pub notes: String,
    pub count: u32,
    pub total: Fen,
}

const BATCH_SELECT: &str = "SELECT b.id, b.kind, b.period, b.paid_on, b.method, b.handler,
    b.approver, b.notes, COUNT(s.id), COALESCE(SUM(s.amount_fen), 0)
    FROM subsidy_batches b
    LEFT JOIN subsidies s ON s.batch_id = b.id AND s.voided_at IS NULL
    WHERE b.voided_at IS NULL";

fn batch_from_row(r: &Row<'_>) -> rusqlite::Result<SubsidyBatch> {
    Ok(SubsidyBatch {
        id: r.get(0)?,
        kind: r.get(1)?,
        period: r.get(2)?,
        paid_on: r.get(3)?,
        method: r.get(4)?,
        handler: r.get(5)?,
        approver: r.get(6)?,
        notes: r.get(7)?,
        count: r.get(8)?,
        total: Fen(r.get(9)?),
    })
}

const BATCH_NOT_FOUND: &str = "找不到这批补贴发放记录，可能已被作废。请刷新列表。";

pub fn get_batch(conn: &Connection, id: i64) -> Result<SubsidyBatch> {
    conn.prepare_cached(&format!("{BATCH_SELECT} AND b.id = ?1 GROUP BY b.id"))?
        .query_row([id], batch_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(BATCH_NOT_FOUND.into()))
}

/// Batches paid (发放日期) in a period, or all of them, newest first.
pub fn list_batches(conn: &Connection, period: Option<Period>) -> Result<Vec<SubsidyBatch>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{BATCH_SELECT} AND (?1 IS NULL OR b.paid_on BETWEEN ?1 AND ?2)
         GROUP BY b.id ORDER BY b.paid_on DESC, b.id DESC"
    ))?;
    let rows = stmt
        .query_map(params![period.map(|p| p.start()), period.map(|p| p.end())], batch_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The payments of one batch, in the order issued (the order of the 签收表).
pub fn batch_payments(conn: &Connection, batch_id: i64) -> Result<Vec<Subsidy>> {
    get_batch(conn, batch_id)?;
    let mut stmt = conn.prepare_cached(&format!("{SELECT} AND s.batch_id = ?1 ORDER BY s.id"))?;
    let rows = stmt.query_map([batch_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Voids a batch and every payment still standing in it, with one reason. Returns how many
/// payments were voided.
pub fn void_batch(conn: &Connection, stamp: &Stamp, batch_id: i64, reason: &str) -> Result<u32> {
    let reason = records::require_reason(reason)?;
    let payments = batch_payments(conn, batch_id)?;
    records::all_or_nothing(conn, || {
        records::void_row(
            conn,
            stamp,
            "subsidy_batches",
            "subsidy_batch",
            batch_id,
            &reason,
            BATCH_NOT_FOUND,
        )?;
        for p in &payments {
            void(conn, stamp, p.id, &format!("整批作废：{reason}"))?;
        }
        Ok(payments.len() as u32)
    })
}

/// The branch committee members, proposed as recipients of the quarter's 支委工作补贴.
pub fn branch_committee_members(
    conn: &Connection,
) -> Result<Vec<crate::tables::party::CommitteeMember>> {
    crate::tables::party::committee_members(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    fn payment(person: PersonId, kind: &str, yuan: i64, paid_on: &str) -> SubsidyInput {
        SubsidyInput {
            person_id: person,
            survivor_id: None,
            kind: kind.into(),
            period: PayPeriod::Year(2026),
            amount: Fen(yuan * 100),
            paid_on: day(paid_on),
            method: PayMethod::Cash,
            handler: "王丽".into(),
            approver: "周建平".into(),
            notes: String::new(),
        }
    }

    fn batch(kind: &str, period: PayPeriod, recipients: &[PersonId]) -> BatchInput {
        BatchInput {
            kind: kind.into(),
            period,
            paid_on: day("2026-09-25"),
            method: PayMethod::Transfer,
            handler: "王丽".into(),
            approver: "周建平".into(),
            notes: String::new(),
            amount: Fen(30_000),
            recipients: recipients
                .iter()
                .map(|p| BatchRecipient { person_id: *p, survivor_id: None, amount: None })
                .collect(),
            allow_repeat: false,
        }
    }

    fn count(conn: &Connection, table: &str) -> i64 {
        conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn payments_are_checked_with_chinese_reasons() {
        let l = ledger();
        let conn = l.conn();
        let alive = add(conn, simple("张三"));
        let mut gone = simple("李四");
        gone.died_on = crate::PartialDate::parse("2025-03-02").ok();
        let spouse = FamilyMember {
            name: "王秀英".into(),
            relation: "配偶".into(),
            is_survivor: true,
            ..Default::default()
        };
        let child =
            FamilyMember { name: "李明".into(), relation: "儿子".into(), ..Default::default() };
        let dead = add_with_family(conn, gone, vec![spouse, child]);
        let family = crate::tables::people::list_family(conn, dead).unwrap();
        let (spouse_id, child_id) = (family[0].id, family[1].id);

        let with = |p: PersonId, kind: &str, yuan: i64, survivor: Option<i64>| SubsidyInput {
            survivor_id: survivor,
            ..payment(p, kind, yuan, "2026-03-10")
        };
        // (input, expected refusal)
        let cases = [
            (with(alive, "困难补贴", 0, None), "金额必须大于0元"),
            (with(alive, "", 100, None), "请选择补贴类型"),
            (with(alive, "买菜补贴", 100, None), "不在设置的补贴类型中"),
            (with(alive, SURVIVOR_AID, 100, None), "尚未登记去世"),
            (with(dead, SURVIVOR_AID, 100, None), "须选择领取的遗属"),
            (with(dead, SURVIVOR_AID, 100, child_id), "未登记为李四的遗属"),
            (with(alive, "慰问金", 100, spouse_id), "不是张三的家属"),
            (with(PersonId(999), "慰问金", 100, None), "找不到编号为999的人员"),
        ];
        for (input, refusal) in cases {
            let err = insert(conn, &stamp(), &input).unwrap_err().to_string();
            assert!(err.contains(refusal), "{err}");
        }
        let s = insert(conn, &stamp(), &with(dead, SURVIVOR_AID, 800, spouse_id)).unwrap();
        assert_eq!(s.recipient(), "王秀英（李四遗属）");
        assert_eq!(count(conn, "subsidies"), 1);
    }

    #[test]
    fn totals_by_kind_match_the_ledger_and_ignore_voided_payments() {
        let l = ledger();
        let conn = l.conn();
        let a = add(conn, simple("甲"));
        let b = add(conn, simple("乙"));
        let st = stamp();
        insert(conn, &st, &payment(a, "困难补贴", 1000, "2026-07-05")).unwrap();
        insert(conn, &st, &payment(b, "困难补贴", 1500, "2026-08-05")).unwrap();
        insert(conn, &st, &payment(a, "慰问金", 500, "2026-09-30")).unwrap();
        let wrong = insert(conn, &st, &payment(b, "慰问金", 9999, "2026-09-01")).unwrap();
        insert(conn, &st, &payment(b, "慰问金", 300, "2026-10-01")).unwrap(); // next quarter
        void(conn, &st, wrong.id, "金额录错").unwrap();
        assert!(void(conn, &st, wrong.id, "再次").is_err(), "voided already");

        let t = totals(conn, Period::new(2026, Some(3)).unwrap()).unwrap();
        let rows: Vec<_> =
            t.kinds.iter().map(|k| (k.kind.as_str(), k.count, k.persons, k.amount.0)).collect();
        // (kind, payments, recipients, fen) — configured order: 困难补贴 before 慰问金.
        assert_eq!(rows, [("困难补贴", 2, 2, 250_000), ("慰问金", 1, 1, 50_000)]);
        assert_eq!((t.count, t.persons, t.amount), (3, 2, Fen(300_000)));
        let year = totals(conn, Period::year(2026)).unwrap();
        assert_eq!(year.amount, Fen(330_000));

        let q = SubsidyQuery {
            period: Some(Period::year(2026)),
            kind: Some("慰问金".into()),
            person_id: None,
        };
        assert_eq!(list(conn, &q).unwrap().len(), 2);
        let mine = SubsidyQuery { person_id: Some(a), ..Default::default() };
        assert_eq!(list(conn, &mine).unwrap().len(), 2);

        let mut edit = payment(a, "困难补贴", 1200, "2026-07-05");
        edit.notes = "补发差额".into();
        let first = list(conn, &SubsidyQuery::default()).unwrap()[0].id;
        update(conn, &st, first, &edit).unwrap();
        let log = audit::list_for(conn, "subsidy", first).unwrap();
        let fields: Vec<_> = log[0].changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["amount", "notes"]);
    }

    #[test]
    fn a_batch_is_all_or_nothing_and_refuses_repeats_by_name() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("张书记"));
        let b = add(conn, simple("李委员"));
        let c = add(conn, simple("王委员"));
        let q3 = PayPeriod::Quarter(2026, 3);

        // One bad recipient (a voided person) and nothing is written.
        crate::tables::people::void(conn, &st, c, "重复录入").unwrap();
        let err = issue_batch(conn, &st, &batch(COMMITTEE_ALLOWANCE, q3, &[a, b, c])).unwrap_err();
        assert!(err.to_string().contains("找不到"), "{err}");
        assert_eq!((count(conn, "subsidy_batches"), count(conn, "subsidies")), (0, 0));

        let mut input = batch(COMMITTEE_ALLOWANCE, q3, &[a, b]);
        input.recipients[0].amount = Some(Fen(50_000));
        let r = issue_batch(conn, &st, &input).unwrap();
        assert_eq!((r.count, r.total), (2, Fen(80_000)));
        let listed = list_batches(conn, Some(Period::year(2026))).unwrap();
        assert_eq!((listed.len(), listed[0].count, listed[0].total), (1, 2, Fen(80_000)));

        // The same kind for the same quarter again: refused with the names.
        let err = issue_batch(conn, &st, &batch(COMMITTEE_ALLOWANCE, q3, &[a, b])).unwrap_err();
        assert!(
            err.to_string().contains("已领取过2026年第三季度的支委工作补贴：张书记、李委员"),
            "{err}"
        );
        assert_eq!(count(conn, "subsidies"), 2);
        // Another quarter is fine; so is a repeat when explicitly allowed.
        issue_batch(conn, &st, &batch(COMMITTEE_ALLOWANCE, PayPeriod::Quarter(2026, 4), &[a]))
            .unwrap();
        let mut again = batch(COMMITTEE_ALLOWANCE, q3, &[a]);
        again.allow_repeat = true;
        issue_batch(conn, &st, &again).unwrap();
        let dup = batch(COMMITTEE_ALLOWANCE, PayPeriod::Quarter(2026, 1), &[a, a]);
        assert!(issue_batch(conn, &st, &dup).unwrap_err().to_string().contains("出现了两次"));

        // Voiding the batch voids its payments, and then the quarter may be issued again.
        assert_eq!(void_batch(conn, &st, r.batch_id, "发放名单有误").unwrap(), 2);
        assert!(batch_payments(conn, r.batch_id).is_err());
        let live: i64 = conn
            .query_row("SELECT COUNT(*) FROM subsidies WHERE voided_at IS NULL", [], |r| r.get(0))
            .unwrap();
        assert_eq!(live, 2);
        issue_batch(conn, &st, &batch(COMMITTEE_ALLOWANCE, q3, &[b])).unwrap();
    }

    #[test]
    fn kinds_in_use_can_be_hidden_but_not_removed() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("甲"));
        assert_eq!(kinds(conn).unwrap().len(), DEFAULT_KINDS.len());
        insert(conn, &st, &payment(a, "护理费", 100, "2026-03-01")).unwrap();
        let mut list = kinds(conn).unwrap();
        assert!(list.iter().find(|k| k.name == "护理费").unwrap().in_use);

        let without: Vec<_> = list.iter().filter(|k| k.name != "护理费").cloned().collect();
        let err = set_kinds(conn, &st, &without).unwrap_err();
        assert!(err.to_string().contains("“护理费”已有发放记录，不能删除"), "{err}");

        for k in &mut list {
            k.hidden = k.name == "护理费";
        }
        list.push(SubsidyKind {
            name: " 高龄补贴 ".into(),
            hidden: false,
            in_use: false,
            recurring: None,
        });
        let saved = set_kinds(conn, &st, &list).unwrap();
        assert_eq!(saved.last().unwrap().name, "高龄补贴");
        let err = insert(conn, &st, &payment(a, "护理费", 100, "2026-04-01")).unwrap_err();
        assert!(err.to_string().contains("已隐藏停用"), "{err}");
        // The old payment can still be corrected under its hidden kind.
        let old = list_all(conn)[0].id;
        update(conn, &st, old, &payment(a, "护理费", 120, "2026-03-01")).unwrap();
        insert(conn, &st, &payment(a, "高龄补贴", 100, "2026-04-01")).unwrap();
        let mut twice = list.clone();
        twice.push(SubsidyKind {
            name: "高龄补贴".into(),
            hidden: false,
            in_use: false,
            recurring: None,
        });
        assert!(set_kinds(conn, &st, &twice).unwrap_err().to_string().contains("重复"));
    }

    fn list_all(conn: &Connection) -> Vec<Subsidy> {
        list(conn, &SubsidyQuery::default()).unwrap()
    }
}
