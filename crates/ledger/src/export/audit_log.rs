//! 修改记录 to Excel: the entries the 修改记录 page selects (every page of them, newest first), one
//! row per entry, each change on its own line as `字段：旧 → 新`, in the bureau layout.

use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::error::Result;
use crate::reports::audit_log::{self, AuditQuery, MAX_LIMIT};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::path::Path;

/// Writes the selection of `query` (its paging is ignored) to `path`; returns the number of entries.
pub fn export(conn: &Connection, query: &AuditQuery, today: NaiveDate, path: &Path) -> Result<u32> {
    let settings = crate::tables::settings::get(conn)?;
    let mut wb = super::sheet::new_workbook("修改记录", &settings, today)?;
    let styles = Styles::new();
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("时间", 17.0, Kind::Center),
        Column::new("操作人", 9.0, Kind::Center),
        Column::new("记录类别", 10.0, Kind::Center),
        Column::new("人员", 9.0, Kind::Center),
        Column::new("操作", 10.0, Kind::Center),
        Column::new("修改内容（原值 → 新值）", 48.0, Kind::Text),
        Column::new("原因", 16.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name("修改记录")?;
    let right = format!("导出日期：{}", chinese_date(today));
    let heading = Heading { title: "修改记录", unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, &styles, &heading, &columns)?;
    let mut q = AuditQuery { offset: 0, limit: MAX_LIMIT, ..query.clone() };
    let mut n = 0u32;
    loop {
        let page = audit_log::page(conn, &q)?;
        if page.rows.is_empty() {
            break;
        }
        q.offset += page.rows.len() as u32;
        for row in &page.rows {
            n += 1;
            let changes: Vec<String> =
                row.lines.iter().map(|l| format!("{}：{} → {}", l.label, l.old, l.new)).collect();
            t.row(
                ws,
                &[
                    Cell::Number(i64::from(n)),
                    Cell::Text(&row.at),
                    Cell::Text(&row.actor),
                    Cell::Text(&row.entity_label),
                    Cell::Text(&row.person_name),
                    Cell::Text(&row.action_label),
                    Cell::Text(&changes.join("\n")),
                    Cell::Text(row.reason.as_deref().unwrap_or("")),
                ],
            )?;
        }
    }
    t.line(ws, &format!("合计：{n} 条"))?;
    super::save(&mut wb, path)?;
    Ok(n)
}
