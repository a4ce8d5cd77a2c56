//! The liaison's printed lists, in the bureau-table layout: the 联系人任务单 (one liaison's people,
//! when each was last contacted, what is due, and a blank column for the result) and the
//! 送学上门名单 of a month (who gets documents, study material and newspapers brought home, what
//! was brought this month, and blank columns for the month's deliveries).

use super::sheet::{new_workbook, Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::error::Result;
use crate::reports::reminders::liaison::{self, DeliveryRow, LiaisonPage, LiaisonQuery};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use std::path::Path;

pub const TASKS_SHEET: &str = "联系人任务单";
pub const DELIVERY_SHEET: &str = "送学上门名单";

/// A row with room to write in by hand: two body lines, for rows whose text needs only one.
fn writing_row() -> f64 {
    super::layout::row_height(2, super::layout::BODY)
}

fn dotted(d: NaiveDate) -> String {
    d.format("%Y.%m.%d").to_string()
}

/// The 联系人任务单 workbook of one liaison on `on` (pure: rows in, workbook out).
pub fn tasks_workbook(
    page: &LiaisonPage,
    settings: &UnitSettings,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Workbook> {
    let title = format!("一对一联系人任务单（{}）", page.liaison);
    let mut wb = new_workbook(&title, settings, today)?;
    let styles = Styles::new();
    let right = format!("截至：{}", chinese_date(on));
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("姓名", 10.0, Kind::Center),
        Column::new("性别", 6.0, Kind::Center),
        Column::new("年龄", 7.0, Kind::Center),
        Column::new("联系电话", 14.0, Kind::Center),
        Column::new("住址", 20.0, Kind::Text),
        Column::new("上次联系", 16.0, Kind::Center),
        Column::new("待办事项", 40.0, Kind::Text),
        Column::new("联系情况（日期、方式、结果）", 30.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(TASKS_SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, &styles, &heading, &columns)?;
    for (i, r) in page.rows.iter().enumerate() {
        let age = r.age.map(|a| format!("{a}岁")).unwrap_or_default();
        let last = match (r.last_contact, r.last_contact_kind) {
            (Some(d), Some(k)) => format!("{}\n{}", dotted(d), k.label()),
            (Some(d), None) => dotted(d),
            _ => "尚无记录".to_string(),
        };
        let due: Vec<String> = r
            .due
            .iter()
            .map(|d| {
                let when = if d.overdue { "已逾期" } else { "" };
                format!("【{}{when}】{}（{}）", d.kind.label(), d.message, d.due.format("%m.%d"))
            })
            .collect();
        let due = due.join("\n");
        let row_no = t.next_row();
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&r.name),
                Cell::Text(r.sex.map(|s| s.label()).unwrap_or("")),
                Cell::Text(&age),
                Cell::Text(&r.phone_masked),
                Cell::Text(&r.address),
                Cell::Text(&last),
                Cell::Text(&due),
                Cell::Blank,
            ],
        )?;
        // A row holding only one line of text still leaves room to write the result.
        if r.due.is_empty() && r.last_contact.is_none() {
            ws.set_row_height(row_no, writing_row())?;
        }
    }
    let with_due = page.rows.iter().filter(|r| !r.due.is_empty()).count();
    t.line(
        ws,
        &format!(
            "合计：联系 {} 人，其中有待办事项 {with_due} 人、已逾期 {} 人",
            page.total, page.overdue_people
        ),
    )?;
    t.line(
        ws,
        "说明：“上次联系”为截至当日最近一次走访或电话；“待办事项”含已逾期的和今后30天内到期的。联系后请在台账中登记走访或电话，提醒即自动消除。",
    )?;
    t.signature(ws, settings)?;
    Ok(wb)
}

/// Writes the 联系人任务单 of `liaison` on `on` (all their people) to `path`, whole or not at all.
/// Returns the number of people.
pub fn export_tasks(
    conn: &Connection,
    liaison_name: &str,
    on: NaiveDate,
    today: NaiveDate,
    path: &Path,
) -> Result<usize> {
    let page = liaison::people(
        conn,
        &LiaisonQuery { liaison: liaison_name.into(), on, days: 30, offset: 0, limit: 0 },
    )?;
    if page.total == 0 {
        let known: Vec<String> = liaison::liaisons(conn)?.into_iter().map(|l| l.liaison).collect();
        let hint = if known.is_empty() {
            "花名册中还没有登记一对一联系人，请先在人员信息中填写“联系人”。".to_string()
        } else {
            format!("现有联系人：{}。", known.join("、"))
        };
        return Err(crate::error::Error::invalid(format!(
            "没有以“{}”为一对一联系人的在世人员，请检查姓名。{hint}",
            page.liaison
        )));
    }
    let settings = crate::tables::settings::get(conn)?;
    let mut wb = tasks_workbook(&page, &settings, on, today)?;
    super::save(&mut wb, path)?;
    Ok(page.rows.len())
}

/// The 送学上门名单 workbook of `year`-`month` (pure: rows in, workbook out).
pub fn delivery_workbook(
    rows: &[DeliveryRow],
    settings: &UnitSettings,
    year: i32,
    month: u32,
    today: NaiveDate,
) -> Result<Workbook> {
    let title = format!("{year}年{month}月送学上门名单");
    let mut wb = new_workbook(&title, settings, today)?;
    let styles = Styles::new();
    let right = format!("填报日期：{}", chinese_date(today));
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("姓名", 10.0, Kind::Center),
        Column::new("性别", 6.0, Kind::Center),
        Column::new("年龄", 7.0, Kind::Center),
        Column::new("住址", 20.0, Kind::Text),
        Column::new("联系人", 10.0, Kind::Center),
        Column::new("列入原因", 12.0, Kind::Text),
        Column::new("本月已送", 26.0, Kind::Text),
        Column::new("送文件\n（日期）", 10.0, Kind::Center),
        Column::new("送学习资料\n（日期）", 11.0, Kind::Center),
        Column::new("送报刊\n（日期）", 10.0, Kind::Center),
        Column::new("本人或家属签字", 14.0, Kind::Center),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(DELIVERY_SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, &styles, &heading, &columns)?;
    for (i, r) in rows.iter().enumerate() {
        let age = r.age.map(|a| format!("{a}岁")).unwrap_or_default();
        let delivered = r.delivered.join("\n");
        let row_no = t.next_row();
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&r.name),
                Cell::Text(r.sex.map(|s| s.label()).unwrap_or("")),
                Cell::Text(&age),
                Cell::Text(&r.address),
                Cell::Text(&r.liaison),
                Cell::Text(&r.reason),
                Cell::Text(&delivered),
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
            ],
        )?;
        if r.delivered.len() <= 1 {
            ws.set_row_height(row_no, writing_row())?;
        }
    }
    let waiting = rows.iter().filter(|r| r.delivered.is_empty()).count();
    t.line(ws, &format!("合计：{} 人，本月尚未送达 {waiting} 人", rows.len()))?;
    t.line(
        ws,
        "说明：送学上门名单为年高体弱、行动不便、不能参加集中学习的老同志；每月送文件、送学习资料、送报刊上门，送达后请在台账中登记。",
    )?;
    t.signature(ws, settings)?;
    Ok(wb)
}

/// Writes the month's 送学上门名单 to `path`, whole or not at all. Returns the number of people.
pub fn export_delivery(
    conn: &Connection,
    year: i32,
    month: u32,
    today: NaiveDate,
    path: &Path,
) -> Result<usize> {
    let rows = liaison::delivery_month(conn, year, month)?;
    let settings = crate::tables::settings::get(conn)?;
    let mut wb = delivery_workbook(&rows, &settings, year, month, today)?;
    super::save(&mut wb, path)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::VisitKind;
    use crate::tables::reminder_cases::add_to_delivery_list;
    use crate::testing::{cell, day, stamp};
    use crate::testing::{liaison_person as person, visit_by as visit};
    use calamine::Reader;

    fn read(path: &Path, sheet: &str) -> calamine::Range<calamine::Data> {
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
        book.worksheet_range(sheet).unwrap()
    }

    #[test]
    fn the_liaison_task_list_exports_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let l = crate::Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = l.conn();
        let a = person(c, "甲老", "王联络");
        person(c, "乙老", "王联络");
        person(c, "丁老", "李联络");
        visit(c, a, VisitKind::Phone, "2026-10-01", "王联络");
        let out = dir.path().join("任务单.xlsx");
        assert_eq!(
            export_tasks(c, "王联络", day("2026-11-20"), day("2026-11-21"), &out).unwrap(),
            2
        );
        let r = read(&out, TASKS_SHEET);
        assert_eq!(cell(&r, 0, 0), "一对一联系人任务单（王联络）");
        assert!((0..9).any(|col| cell(&r, 1, col) == "截至：2026年11月20日"));
        let row = |n: u32| (0..9).map(|col| cell(&r, n, col)).collect::<Vec<_>>();
        assert_eq!(row(2)[7], "待办事项");
        // Never contacted first: 一对一联系 is due today; both are past the checkup month.
        let first = row(3);
        assert_eq!(
            first[..7],
            ["1", "乙老", "女", "78岁", "138****5678", "北京市东城区****", "尚无记录"]
        );
        assert!(first[7].contains("【一对一联系】"), "{}", first[7]);
        assert!(first[7].contains("【健康体检已逾期】"), "{}", first[7]);
        assert_eq!(first[8], "", "the result is written by hand");
        let second = row(4);
        assert_eq!((second[1].as_str(), second[6].as_str()), ("甲老", "2026.10.01\n电话问候"));
        assert!(!second[7].contains("一对一联系"), "{}", second[7]);
        assert_eq!(cell(&r, 5, 0), "合计：联系 2 人，其中有待办事项 2 人、已逾期 2 人");
        let err = export_tasks(c, "", day("2026-11-20"), day("2026-11-21"), &out).unwrap_err();
        assert!(err.to_string().contains("请先选择一位一对一联系人"));
        let err =
            export_tasks(c, "王联洛", day("2026-11-20"), day("2026-11-21"), &out).unwrap_err();
        assert!(err.to_string().contains("现有联系人：李联络、王联络"), "{err}");
    }

    #[test]
    fn the_delivery_list_exports_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let l = crate::Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = l.conn();
        let a = person(c, "甲老", "王联络");
        let b = person(c, "乙老", "");
        for p in [a, b] {
            add_to_delivery_list(c, &stamp(), p, "年高体弱", day("2026-01-05")).unwrap();
        }
        visit(c, a, VisitKind::DeliverPapers, "2026-11-05", "王联络");
        let out = dir.path().join("送学.xlsx");
        assert_eq!(export_delivery(c, 2026, 11, day("2026-11-21"), &out).unwrap(), 2);
        let r = read(&out, DELIVERY_SHEET);
        assert_eq!(cell(&r, 0, 0), "2026年11月送学上门名单");
        let row = |n: u32| (0..12).map(|col| cell(&r, n, col)).collect::<Vec<_>>();
        assert_eq!(
            row(2)[8..],
            ["送文件\n（日期）", "送学习资料\n（日期）", "送报刊\n（日期）", "本人或家属签字"]
        );
        assert_eq!(
            row(3),
            ["1", "乙老", "女", "78岁", "北京市东城区****", "", "年高体弱", "", "", "", "", ""]
        );
        assert_eq!(
            row(4)[..8],
            [
                "2",
                "甲老",
                "女",
                "78岁",
                "北京市东城区****",
                "王联络",
                "年高体弱",
                "送报刊 11.05（王联络）"
            ]
        );
        assert_eq!(cell(&r, 5, 0), "合计：2 人，本月尚未送达 1 人");
    }
}
