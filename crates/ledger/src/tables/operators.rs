//! Operators (操作员, issue 12): the short list of people the unit lets work on the ledger, each with
//! an optional password, so that every audit entry names who made the change instead of the
//! office PC's shared login.
//!
//! An operator is a record like any other: created and voided (with a reason) through the audit
//! log, never deleted. Names are unique among the live operators. A password is kept only as an
//! Argon2id hash in the PHC string format (salt and parameters included, RustCrypto's `argon2`);
//! the audit log records only whether one is set, never the password or its hash.
//!
//! A ledger with no operators works as before: the caller's default actor (the OS user) stamps the
//! changes. Who is signed in is the caller's state (the app's session, the tool's `--operator`):
//! this module only keeps the list and checks a name and password ([`sign_in`]).

use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::{audit, records};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// The longest name or password accepted, in characters: an operator's name is a person's name,
/// and a longer password only makes hashing slower.
const MAX_NAME: usize = 30;
const MAX_PASSWORD: usize = 128;

/// An operator as the settings page and the sign-in step show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Operator {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Whether signing in as this operator asks for a password.
    pub has_password: bool,
}

/// What the audit log records of an operator: never the password or its hash.
#[derive(Serialize)]
struct Logged<'a> {
    name: &'a str,
    has_password: bool,
}

/// The operator's name as stored: trimmed, normalised like every name, invisible characters
/// (NUL, ESC, bidi overrides, zero-width) removed.
fn clean_name(name: &str) -> Result<String> {
    let mut name = name.to_string();
    crate::domain::invisible::strip(&mut name);
    let name = crate::domain::text::normalize(&name);
    if name.is_empty() {
        return Err(Error::invalid("操作员姓名不能为空，请填写姓名，如“王红”。"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::invalid(format!(
            "操作员姓名太长（最多 {MAX_NAME} 个字），请只填写姓名。"
        )));
    }
    Ok(name)
}

/// A new password, hashed; an empty or over-long one is refused with what to do.
fn hash(password: &str) -> Result<String> {
    if password.is_empty() {
        return Err(Error::invalid(
            "密码不能为空。不需要密码的话，请选择“清除密码”，该操作员登录时只需选择姓名。",
        ));
    }
    if password.chars().count() > MAX_PASSWORD {
        return Err(Error::invalid(format!(
            "密码太长（最多 {MAX_PASSWORD} 个字符），请换一个短一些的密码。"
        )));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Database(format!("无法为密码加密（{e}）。密码没有保存，请重新设置。")))
}

/// Every live operator, in the order they were added.
pub fn list(conn: &Connection) -> Result<Vec<Operator>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, password_hash IS NOT NULL FROM operators
         WHERE voided_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Operator { id: r.get(0)?, name: r.get(1)?, has_password: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether the unit has set up operators: then someone must sign in before changing anything.
pub fn any(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM operators WHERE voided_at IS NULL)")?
        .query_row([], |r| r.get(0))?)
}

/// Adds an operator, with a password or without; the name must not be taken by a live operator.
pub fn insert(
    conn: &Connection,
    stamp: &Stamp,
    name: &str,
    password: Option<&str>,
) -> Result<Operator> {
    let name = clean_name(name)?;
    let taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM operators WHERE name = ?1 AND voided_at IS NULL)",
        )?
        .query_row([&name], |r| r.get(0))?;
    if taken {
        return Err(Error::invalid(format!(
            "已有名为“{name}”的操作员。同名的两位请加以区分，如“{name}（财务）”。"
        )));
    }
    let hashed = password.map(hash).transpose()?;
    let at = stamp.at();
    conn.execute(
        "INSERT INTO operators (name, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![name, hashed, at],
    )?;
    let id = conn.last_insert_rowid();
    let has_password = hashed.is_some();
    audit::record_created(conn, stamp, "operator", id, &Logged { name: &name, has_password })?;
    Ok(Operator { id, name, has_password })
}

/// Voids an operator (left the office, entered by mistake) with the reason, audited. The entries
/// they made keep their name.
pub fn void(conn: &Connection, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    records::void_row(
        conn,
        stamp,
        "operators",
        "operator",
        id,
        reason,
        "找不到这位操作员，可能已被作废。请刷新后重试。",
    )
}

/// Sets (`Some`) or clears (`None`) an operator's password, audited as a change of 密码 from
/// 未设置 to 已设置 or back.
pub fn set_password(
    conn: &Connection,
    stamp: &Stamp,
    id: i64,
    password: Option<&str>,
) -> Result<()> {
    let had: bool = conn
        .prepare_cached(
            "SELECT password_hash IS NOT NULL FROM operators WHERE id = ?1 AND voided_at IS NULL",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到这位操作员，可能已被作废。请刷新后重试。".into()))?;
    let hashed = password.map(hash).transpose()?;
    conn.execute(
        "UPDATE operators SET password_hash = ?1, updated_at = ?2 WHERE id = ?3",
        params![hashed, stamp.at(), id],
    )?;
    let changes = [audit::FieldChange {
        field: "has_password".into(),
        old: had.into(),
        new: hashed.is_some().into(),
    }];
    audit::record(conn, stamp, "operator", Some(id), "update", &changes, None)
}

/// Checks a live operator's name and password and returns the operator. An operator without a
/// password signs in with the name alone (a password given then is ignored). Wrong names and
/// passwords get a Chinese message that says what to do; a forgotten password is cleared or reset
/// by another operator on the settings page.
pub fn sign_in(conn: &Connection, name: &str, password: Option<&str>) -> Result<Operator> {
    let name = clean_name(name)?;
    let found: Option<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, password_hash FROM operators WHERE name = ?1 AND voided_at IS NULL",
        )?
        .query_row([&name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((id, stored)) = found else {
        return Err(Error::invalid(format!(
            "没有名为“{name}”的操作员。请从列表中选择姓名，或请单位在“单位设置 → 操作员”中添加。"
        )));
    };
    let Some(stored) = stored else {
        return Ok(Operator { id, name, has_password: false });
    };
    let typed = password.unwrap_or_default();
    if typed.is_empty() {
        return Err(Error::invalid(format!("操作员“{name}”设有密码，请输入密码。")));
    }
    let parsed = PasswordHash::new(&stored).map_err(|_| {
        Error::Database(format!(
            "操作员“{name}”保存的密码无法识别。请另一位操作员在“单位设置 → 操作员”中为其重新设置密码。"
        ))
    })?;
    if Argon2::default().verify_password(typed.as_bytes(), &parsed).is_err() {
        return Err(Error::invalid(format!(
            "操作员“{name}”的密码不对，请重新输入（注意大小写和输入法）。忘记密码的，请另一位操作员在“单位设置 → 操作员”中重新设置。"
        )));
    }
    Ok(Operator { id, name, has_password: true })
}

/// The actor to stamp changes with, for a caller that may name an operator (the tool's
/// `--operator`): with no name, `fallback` (the OS user, as before operators existed); with one,
/// that operator once [`sign_in`] accepts the password.
pub fn actor_for(
    conn: &Connection,
    name: Option<&str>,
    password: Option<&str>,
    fallback: &str,
) -> Result<String> {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        None => Ok(fallback.to_string()),
        Some(name) => {
            if !any(conn)? {
                return Err(Error::invalid(
                    "这本台账还没有设置操作员，不能以操作员身份修改。请先在“单位设置 → 操作员”中添加，或去掉操作员参数。",
                ));
            }
            Ok(sign_in(conn, name, password)?.name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ledger, stamp};

    fn entries(conn: &Connection) -> Vec<(String, Option<i64>, String, String)> {
        let mut stmt = conn
            .prepare(
                "SELECT actor, entity_id, action, changes FROM audit_log
                 WHERE entity = 'operator' ORDER BY id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn names_are_cleaned_and_unique_among_live_operators() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        assert!(!any(conn).unwrap());
        let wang = insert(conn, &st, "  王\u{200B}红\u{202E} ", None).unwrap();
        assert_eq!(wang.name, "王红");
        let again = insert(conn, &st, "王红", None).unwrap_err().to_string();
        assert!(again.contains("已有名为“王红”的操作员"), "{again}");
        assert!(insert(conn, &st, " \u{0}", None).unwrap_err().to_string().contains("不能为空"));
        assert!(insert(conn, &st, &"长".repeat(31), None).is_err());
        insert(conn, &st, "李明", Some("li-2026")).unwrap();
        assert!(any(conn).unwrap());
        let names: Vec<(String, bool)> =
            list(conn).unwrap().into_iter().map(|o| (o.name, o.has_password)).collect();
        assert_eq!(names, [("王红".to_string(), false), ("李明".to_string(), true)]);
        // A voided operator's name may be given to a new one.
        void(conn, &st, wang.id, "调离").unwrap();
        insert(conn, &st, "王红", None).unwrap();
    }

    #[test]
    fn a_password_is_verified_and_never_stored_or_logged_in_clear() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let li = insert(conn, &st, "李明", Some("li-2026")).unwrap();
        let stored: String = conn
            .query_row("SELECT password_hash FROM operators WHERE id = ?1", [li.id], |r| r.get(0))
            .unwrap();
        assert!(stored.starts_with("$argon2id$") && !stored.contains("li-2026"), "{stored}");
        let logged: String = entries(conn).iter().map(|e| e.3.clone()).collect();
        assert!(!logged.contains("li-2026") && !logged.contains("argon2"), "{logged}");

        assert_eq!(sign_in(conn, "李明", Some("li-2026")).unwrap(), li);
        let wrong = sign_in(conn, "李明", Some("LI-2026")).unwrap_err();
        assert_eq!(wrong.kind(), crate::error::ErrorKind::Invalid);
        assert!(wrong.to_string().contains("密码不对"), "{wrong}");
        assert!(sign_in(conn, "李明", None).unwrap_err().to_string().contains("请输入密码"));
        assert!(sign_in(conn, "李 明", Some("li-2026"))
            .unwrap_err()
            .to_string()
            .contains("没有名为"));

        // Cleared, the name alone signs in; set again, only the new password does.
        set_password(conn, &st, li.id, None).unwrap();
        assert!(!sign_in(conn, "李明", None).unwrap().has_password);
        set_password(conn, &st, li.id, Some("新密码")).unwrap();
        assert!(sign_in(conn, "李明", Some("li-2026")).is_err());
        assert!(sign_in(conn, "李明", Some("新密码")).is_ok());
        assert!(set_password(conn, &st, li.id, Some(""))
            .unwrap_err()
            .to_string()
            .contains("清除密码"));
        let changes: Vec<String> =
            entries(conn).into_iter().filter(|e| e.2 == "update").map(|e| e.3).collect();
        assert_eq!(changes.len(), 2);
        assert!(changes[0].contains("\"has_password\"") && changes[0].contains("false"));
    }

    #[test]
    fn a_voided_operator_cannot_sign_in_and_the_void_is_audited() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let wang = insert(conn, &st, "王红", None).unwrap();
        assert!(void(conn, &st, wang.id, " ").unwrap_err().to_string().contains("原因"));
        void(conn, &st, wang.id, "已调离").unwrap();
        assert!(void(conn, &st, wang.id, "再次").is_err());
        assert!(list(conn).unwrap().is_empty() && !any(conn).unwrap());
        assert!(sign_in(conn, "王红", None).is_err());
        let rows: i64 = conn.query_row("SELECT count(*) FROM operators", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1, "voided, not deleted");
        let logged = entries(conn);
        assert_eq!(logged.len(), 2);
        assert_eq!((logged[1].1, logged[1].2.as_str()), (Some(wang.id), "void"));
        assert!(logged.iter().all(|e| e.0 == "测试员"));
    }

    #[test]
    fn the_actor_is_the_named_operator_or_the_fallback() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        assert_eq!(actor_for(conn, None, None, "root（命令行）").unwrap(), "root（命令行）");
        let none = actor_for(conn, Some("王红"), None, "root").unwrap_err().to_string();
        assert!(none.contains("还没有设置操作员"), "{none}");
        insert(conn, &st, "王红", Some("wh")).unwrap();
        assert_eq!(actor_for(conn, None, None, "root").unwrap(), "root");
        assert_eq!(actor_for(conn, Some(" 王红 "), Some("wh"), "root").unwrap(), "王红");
        assert!(actor_for(conn, Some("王红"), Some("x"), "root").is_err());
    }
}
