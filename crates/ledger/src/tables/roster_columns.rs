//! The columns the clerk picked for the roster's 导出当前列表, remembered per list in the ledger's
//! settings (so the choice survives a restart and travels with the ledger): one key per working
//! list (`roster_columns.ill` …) and one for the whole roster (`roster_columns.all`). Columns are
//! the 花名册's own (`domain::roster::COLUMNS`), named by their field codes.

use crate::domain::roster::{Field, COLUMNS};
use crate::error::{Error, Result};
use crate::tables::profiles::ProfileList;
use rusqlite::{Connection, OptionalExtension};

fn key(list: Option<ProfileList>) -> String {
    format!("roster_columns.{}", list.map_or("all", |l| l.code()))
}

/// The roster field of a column code (`name`, `id_number` …).
pub fn field_of(code: &str) -> Option<Field> {
    COLUMNS.iter().map(|c| c.field).find(|f| f.code() == code)
}

/// The fields of `codes`, in the 花名册's column order, each once. An unknown code is refused in
/// Chinese; no column at all is refused too (an empty table helps nobody).
pub fn fields_of(codes: &[String]) -> Result<Vec<Field>> {
    let mut picked = Vec::new();
    for code in codes {
        let field = field_of(code).ok_or_else(|| {
            Error::invalid(format!("花名册没有“{code}”这一列。请重新打开导出对话框再选择列。"))
        })?;
        picked.push(field);
    }
    let fields: Vec<Field> =
        COLUMNS.iter().map(|c| c.field).filter(|f| picked.contains(f)).collect();
    if fields.is_empty() {
        return Err(Error::invalid("请至少勾选一列再导出，如“姓名”。"));
    }
    Ok(fields)
}

/// The columns last exported for `list`, or `None` when none were chosen yet. Codes no longer
/// known (a column renamed by a later version) are dropped.
pub fn saved(conn: &Connection, list: Option<ProfileList>) -> Result<Option<Vec<String>>> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key(list)], |r| r.get(0))
        .optional()?;
    Ok(value
        .map(|v| {
            v.split(',').filter(|c| field_of(c).is_some()).map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|v| !v.is_empty()))
}

/// Remembers the columns exported for `list` (checked, in the 花名册's order).
pub fn save(conn: &Connection, list: Option<ProfileList>, codes: &[String]) -> Result<()> {
    let fields = fields_of(codes)?;
    let value: Vec<&str> = fields.iter().map(|f| f.code()).collect();
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key(list), value.join(",")],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_is_kept_per_list_in_column_order() {
        let l = crate::testing::ledger();
        let c = l.conn();
        assert_eq!(saved(c, None).unwrap(), None);
        let picked: Vec<String> = ["phone", "name", "address", "name"].map(String::from).to_vec();
        save(c, Some(ProfileList::Widowed), &picked).unwrap();
        assert_eq!(
            saved(c, Some(ProfileList::Widowed)).unwrap().unwrap(),
            ["name", "address", "phone"]
        );
        assert_eq!(saved(c, None).unwrap(), None, "another list keeps its own");
        let bad = save(c, None, &["salary".to_string()]).unwrap_err().to_string();
        assert!(bad.contains("没有“salary”这一列"), "{bad}");
        assert!(save(c, None, &[]).unwrap_err().to_string().contains("至少勾选一列"));
    }
}
