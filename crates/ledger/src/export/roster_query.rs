//! 导出当前列表: the roster as the clerk has filtered it on the 花名册 page (the same
//! [`PeopleQuery`] the page lists with, in its order), with the columns the clerk ticked and masked
//! when asked. The workbook is the roster's 打印 sheet (`roster_workbook_with_options`) with the
//! chosen columns only (no full register after it), the filter said under the 合计.

use crate::domain::model::{PersonFields, PersonId};
use crate::domain::roster::Field;
use crate::error::Result;
use crate::export::roster_print::RosterOptions;
use crate::tables::people::{LifeStatus, PeopleQuery};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

/// The people `query` lists (every page, in the page's order), with their fields.
pub fn people_of(
    conn: &Connection,
    query: &PeopleQuery,
    today: NaiveDate,
) -> Result<Vec<(PersonId, PersonFields)>> {
    let all = PeopleQuery { offset: 0, limit: 0, ..query.clone() };
    let order: Vec<PersonId> =
        crate::tables::people::list(conn, &all, today)?.rows.into_iter().map(|r| r.id).collect();
    let mut fields: HashMap<i64, PersonFields> =
        crate::tables::people::all_fields(conn)?.into_iter().map(|(id, p)| (id.0, p)).collect();
    Ok(order.into_iter().filter_map(|id| fields.remove(&id.0).map(|p| (id, p))).collect())
}

/// The filter in words, for the line under the 合计 (`筛选条件：退休；在世；所在党支部=第一支部`);
/// `None` for the whole roster.
pub fn describe(query: &PeopleQuery) -> Option<String> {
    let mut said = Vec::new();
    if let Some(list) = query.list {
        said.push(format!("{}人员", list.label()));
    }
    if !query.search.trim().is_empty() {
        said.push(format!("搜索“{}”", query.search.trim()));
    }
    if let Some(k) = query.retirement_kind {
        said.push(k.label().to_string());
    }
    match query.status {
        LifeStatus::All => {}
        LifeStatus::Living => said.push("在世".into()),
        LifeStatus::Deceased => said.push("已去世".into()),
    }
    if let Some(k) = query.unit_kind {
        said.push(k.label().to_string());
    }
    match query.party_member {
        Some(true) => said.push("中共党员".into()),
        Some(false) => said.push("非中共党员".into()),
        None => {}
    }
    if let Some(c) = query.care {
        said.push(c.label().to_string());
    }
    if !query.party_branch.trim().is_empty() {
        said.push(format!("所在党支部={}", query.party_branch.trim()));
    }
    if !query.liaison.trim().is_empty() {
        said.push(format!("联系人={}", query.liaison.trim()));
    }
    match (query.age_min, query.age_max) {
        (Some(a), Some(b)) => said.push(format!("{a}至{b}岁")),
        (Some(a), None) => said.push(format!("{a}岁及以上")),
        (None, Some(b)) => said.push(format!("{b}岁及以下")),
        (None, None) => {}
    }
    (!said.is_empty()).then(|| format!("筛选条件：{}", said.join("；")))
}

/// Writes the filtered roster with `columns` (in the 花名册's order) to `path`, masked when asked.
/// Returns how many people it lists.
pub fn export(
    conn: &Connection,
    query: &PeopleQuery,
    columns: &[Field],
    masked: bool,
    today: NaiveDate,
    path: &Path,
) -> Result<u32> {
    let settings = crate::tables::settings::get(conn)?;
    let people = people_of(conn, query, today)?;
    let mut notes: Vec<String> = describe(query).into_iter().collect();
    if masked {
        notes.push("本表为脱敏版：身份证号码、电话和住址已部分隐藏。".into());
    }
    let options = RosterOptions {
        masked,
        columns: Some(columns.to_vec()),
        notes,
        profiles: crate::tables::profiles::all(conn)?,
        print_only: true,
    };
    let mut wb = super::roster_workbook_with_options(
        &people,
        &settings,
        today,
        &crate::progress::Silent,
        &options,
    )?;
    super::save(&mut wb, path)?;
    Ok(people.len() as u32)
}
