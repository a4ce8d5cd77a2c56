//! Branch names in an imported roster that no party-branch record carries. Once the unit keeps its
//! branches as records, a row naming another branch is imported as written but not linked to a
//! record (`people.branch_id`, migration 010); the preview says so on the row, so the clerk can
//! enter the branch first or correct a misspelt name.

use crate::error::Result;
use rusqlite::Connection;
use std::collections::HashSet;

/// The names of the branch records, or `None` when the unit keeps none (then no row is warned).
pub(crate) fn records(conn: &Connection) -> Result<Option<HashSet<String>>> {
    let mut stmt = conn.prepare("SELECT name FROM party_branches WHERE voided_at IS NULL")?;
    let names: HashSet<String> =
        stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok((!names.is_empty()).then_some(names))
}

/// The branch names of the rows to be imported (not the invalid ones) that no record carries, each
/// once, in the file's order: what 新建这些支部 would create.
pub(crate) fn missing(conn: &Connection, rows: &[super::PreviewRow]) -> Result<Vec<String>> {
    let records = records(conn)?.unwrap_or_default();
    let mut seen = HashSet::new();
    Ok(rows
        .iter()
        .filter(|r| r.status != super::RowStatus::Invalid)
        .map(|r| r.fields.party_branch.trim())
        .filter(|name| !name.is_empty() && !records.contains(*name))
        .filter(|name| seen.insert(name.to_string()))
        .map(str::to_string)
        .collect())
}

/// The warning for a row whose branch has no record.
pub(crate) fn warning(name: &str) -> String {
    format!(
        "所在党支部“{name}”还没有党组织记录，导入后不会关联到党支部。如是新支部，请先在党员管理中添加；如是笔误，请改正后再导入"
    )
}
