//! Bookkeeping every table module shares: voiding a
//! record with a required reason, running a group of writes all-or-nothing, and looking up the
//! person a record is about.

use crate::domain::date::PartialDate;
use crate::domain::model::PersonId;
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension};

/// The reason a record is voided, normalised; an empty one is refused.
pub(crate) fn require_reason(reason: &str) -> Result<String> {
    let reason = crate::domain::text::normalize(reason);
    if reason.is_empty() {
        return Err(Error::invalid("作废必须填写原因，例如“重复录入”或“录入错误”。"));
    }
    Ok(reason)
}

/// Voids one row of `table` (which has `voided_at` / `void_reason`) and logs it under `entity`.
/// `missing` is the message when there is no such live row.
pub(crate) fn void_row(
    conn: &Connection,
    stamp: &Stamp,
    table: &str,
    entity: &str,
    id: i64,
    reason: &str,
    missing: &str,
) -> Result<()> {
    let reason = require_reason(reason)?;
    let n = conn
        .prepare_cached(&format!(
            "UPDATE {table} SET voided_at = ?1, void_reason = ?2, updated_at = ?1
             WHERE id = ?3 AND voided_at IS NULL"
        ))?
        .execute(params![stamp.at(), reason, id])?;
    if n == 0 {
        return Err(Error::NotFound(missing.into()));
    }
    audit::record(conn, stamp, entity, Some(id), "void", &[], Some(&reason))
}

/// Restores one voided row of `table`: clears `voided_at` / `void_reason` and logs action
/// `restore` under `entity` with the (required) reason. `missing` is the message when there is no
/// such voided row; `duplicate` when a unique index refuses the row back beside a live one.
/// The caller re-applies its table's own checks afterwards, inside the same transaction.
#[allow(clippy::too_many_arguments)]
pub(crate) fn restore_row(
    conn: &Connection,
    stamp: &Stamp,
    table: &str,
    entity: &str,
    id: i64,
    reason: &str,
    missing: &str,
    duplicate: &str,
) -> Result<()> {
    let reason = crate::domain::text::normalize(reason);
    if reason.is_empty() {
        return Err(Error::invalid("恢复必须填写原因，例如“误作废”。"));
    }
    let n = conn
        .prepare_cached(&format!(
            "UPDATE {table} SET voided_at = NULL, void_reason = NULL, updated_at = ?1
             WHERE id = ?2 AND voided_at IS NOT NULL"
        ))?
        .execute(params![stamp.at(), id]);
    let n = match n {
        Ok(n) => n,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            return Err(Error::invalid(if duplicate.is_empty() {
                "不能恢复：与台账中现有的记录冲突。请刷新列表后核对。"
            } else {
                duplicate
            }));
        }
        Err(e) => return Err(e.into()),
    };
    if n == 0 {
        return Err(Error::NotFound(missing.into()));
    }
    audit::record(conn, stamp, entity, Some(id), "restore", &[], Some(&reason))
}

/// Runs `f` inside a savepoint: every write it makes stays only if it returns `Ok`. Works on a bare
/// connection and inside a caller's transaction alike, so a batch is all-or-nothing either way.
pub(crate) fn all_or_nothing<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT work_ledger")?;
    match f() {
        Ok(v) => {
            conn.execute_batch("RELEASE work_ledger")?;
            Ok(v)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO work_ledger; RELEASE work_ledger")?;
            Err(e)
        }
    }
}

/// The few facts about a person that the work ledgers check.
#[derive(Debug, Clone)]
pub(crate) struct PersonBrief {
    pub name: String,
    pub died_on: Option<PartialDate>,
}

/// A live (not voided) person, or a message that says the record is gone.
pub(crate) fn person(conn: &Connection, id: PersonId) -> Result<PersonBrief> {
    conn.prepare_cached("SELECT name, died_on FROM people WHERE id = ?1 AND voided_at IS NULL")?
        .query_row([id.0], |r| Ok(PersonBrief { name: r.get(0)?, died_on: r.get(1)? }))
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "找不到编号为{}的人员，可能已被作废。请刷新列表后重新选择。",
                id.0
            ))
        })
}
