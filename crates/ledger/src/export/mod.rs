//! Excel exports: the tables the clerk prints or sends upward.
//!
//! Each table has a pure layer (`*_workbook`: ledger data in, [`Workbook`] out — what tests and
//! benchmarks use) and a thin layer that reads the ledger and writes the file. All tables share
//! the layout of [`sheet`]. A file is never left half-written: the workbook is saved to a temporary
//! file next to the target and renamed over it only when complete, so a failed or cancelled export
//! leaves whatever was at `path` before.
//!
//! Output is deterministic: the document's creation time is derived from `today` (the core never
//! reads the clock), so the same ledger exported on the same day gives the same bytes.

// The work-ledger sheets each add one worksheet; `ledgers` dispatches them, alone or all together
// as the quarterly workbook.
mod activities;
pub mod audit_log;
mod checkups;
mod deaths;
pub mod duty_lists;
pub mod forms;
mod hospital;
pub mod layout;
#[cfg(test)]
mod ledger_tests;
mod ledgers;
pub mod lists;
mod medals;
pub mod names;
mod roster;
pub mod roster_print;
pub mod roster_query;
pub mod sheet;
mod subsidies;
mod template;
mod visits;
mod yearly;

pub use ledgers::{
    ledger_table, ledger_table_with, ledger_table_workbook, ledger_table_workbook_with, quarterly,
    quarterly_with, quarterly_workbook, quarterly_workbook_with, LedgerTable,
};
pub use names::{quarterly_file_name, table_file_name};
pub use roster::{roster_workbook, roster_workbook_with_options, roster_workbook_with_progress};
pub use template::template_workbook;
pub use yearly::stats_workbook;

use crate::error::{Error, Result};
use crate::progress::Progress;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::path::{Path, PathBuf};

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Self {
        Error::File(format!("生成Excel表格时出错：{e}。请重试；如反复出现，请联系技术人员。"))
    }
}

/// Writes the 花名册 of every person in the ledger (voided records excluded; the deceased are
/// included with their 去世日期, so that exporting and importing gives back the same roster).
/// Returns the number of people written.
pub fn roster(
    conn: &Connection,
    today: NaiveDate,
    path: &Path,
    progress: &dyn Progress,
) -> Result<u32> {
    let people = crate::tables::people::all_fields(conn)?;
    let settings = crate::tables::settings::get(conn)?;
    let options = roster_print::RosterOptions {
        profiles: crate::tables::profiles::all(conn)?,
        ..Default::default()
    };
    let mut wb = roster_workbook_with_options(&people, &settings, today, progress, &options)?;
    save(&mut wb, path)?;
    Ok(people.len() as u32)
}

/// Writes the official yearly forms for `year` (one sheet per form, [`crate::reports::forms`]) followed by
/// the combined 基本情况统计表 the home page summarises, and records this year's year-end count in
/// `year_end_counts`, so next year's reconciliation starts from the figure sent. The caller runs
/// this in a transaction; the count is recorded only after the file has been written.
pub fn stats(conn: &Connection, year: i32, today: NaiveDate, path: &Path) -> Result<()> {
    let with_ids = crate::tables::people::all_fields(conn)?;
    let profiles = crate::tables::profiles::all(conn)?;
    let people: Vec<_> = with_ids.iter().map(|(_, p)| p.clone()).collect();
    let settings = crate::tables::settings::get(conn)?;
    let last = crate::reports::stats::load_year_end(conn, year - 1)?;
    let stats = crate::reports::stats::yearly(&people, year, last.as_ref());
    let branches = crate::tables::branches::list(conn)?;
    let local = crate::reports::forms::local_label(conn)?;
    let mut forms = crate::reports::forms::yearly_forms(
        &people,
        &branches,
        year,
        last.as_ref(),
        &settings.unit_name,
        &local,
    );
    forms.push(crate::reports::forms::management_form(
        &with_ids,
        &profiles,
        &settings.unit_name,
        year,
    ));
    let mut wb = forms::forms_workbook(&forms, &stats, &settings, today)?;
    save(&mut wb, path)?;
    crate::reports::stats::record_year_end(
        conn,
        &stats.year_end,
        &today.format("%Y-%m-%d").to_string(),
    )
}

/// Writes the blank import template (导入模板.xlsx): the roster's header and a 填写说明 sheet.
pub fn template(path: &Path) -> Result<()> {
    let mut wb = template_workbook()?;
    save(&mut wb, path)
}

/// Writes the printable 签收表 of one subsidy batch: one tall row per recipient to sign in, the
/// total in figures and in capitals, 经办人 and 审批人.
pub fn subsidy_receipt(
    conn: &Connection,
    batch_id: i64,
    today: NaiveDate,
    path: &Path,
) -> Result<()> {
    let settings = crate::tables::settings::get(conn)?;
    let batch = crate::tables::subsidies::get_batch(conn, batch_id)?;
    let mut wb = sheet::new_workbook(&subsidies::receipt_title(&batch), &settings, today)?;
    subsidies::write_receipt_sheet(
        &mut wb,
        &sheet::Styles::new(),
        conn,
        &settings,
        batch_id,
        today,
    )?;
    save(&mut wb, path)
}

/// The temporary file an export is written to before it is renamed to `path`.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".part");
    path.with_file_name(name)
}

/// Saves to a temporary file next to `path`, then renames it over `path`.
pub fn save(wb: &mut Workbook, path: &Path) -> Result<()> {
    let part = partial_path(path);
    if let Err(e) = wb.save(&part) {
        let _ = std::fs::remove_file(&part);
        return Err(Error::File(format!(
            "无法写入 {}：{e}。请检查文件夹是否存在、是否有写入权限、磁盘空间是否足够。",
            path.display()
        )));
    }
    std::fs::rename(&part, path).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        Error::File(format!(
            "无法保存到 {}：{e}。如果该文件正在 Excel 或 WPS 中打开，请先关闭再导出。",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests;
