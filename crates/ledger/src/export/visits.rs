//! 走访慰问台账: every visit of the period, oldest first, in the bureau's column order, with the
//! 慰问金 total and a 说明 line counting people and visits.

use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::{UnitSettings, VisitKind};
use crate::domain::period::Period;
use crate::error::Result;
use crate::tables::visits::{self, VisitQuery};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use std::collections::HashSet;

pub(crate) const SHEET: &str = "走访慰问台账";

fn columns() -> Vec<Column> {
    vec![
        Column::new("序号", 5.0, Kind::Serial),
        Column::new("姓名", 9.0, Kind::Text),
        Column::new("性别", 5.0, Kind::Center),
        Column::new("出生年月", 9.0, Kind::Center),
        Column::new("离退休\n类型", 7.0, Kind::Center),
        Column::new("走访类型", 8.0, Kind::Center),
        Column::new("节日或事由", 11.0, Kind::Text),
        Column::new("日期", 11.0, Kind::Center),
        Column::new("带队领导", 9.0, Kind::Text),
        Column::new("参加人员", 12.0, Kind::Text),
        Column::new("走访人", 9.0, Kind::Text),
        Column::new("慰问品", 11.0, Kind::Text),
        Column::new("慰问金(元)", 11.0, Kind::Money),
        Column::new("老同志身体状况", 13.0, Kind::Text),
        Column::new("反映问题及诉求", 15.0, Kind::Text),
        Column::new("办理情况", 13.0, Kind::Text),
        Column::new("备注", 10.0, Kind::Text),
    ]
}

/// The dotted form tables print (`2026.10.15`).
pub(crate) fn dotted(d: NaiveDate) -> String {
    d.format("%Y.%m.%d").to_string()
}

pub(crate) fn write_sheet(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    period: Period,
    today: NaiveDate,
) -> Result<()> {
    let mut list = visits::list(conn, &VisitQuery { period: Some(period), ..Default::default() })?;
    // The ledger reads in the order things happened.
    list.reverse();
    let title = format!("{}离退休干部走访慰问台账", period.label());
    let right = format!("填报日期：{}", chinese_date(today));
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let mut t = TableSheet::start(ws, styles, &heading, &columns())?;
    for (n, v) in list.iter().enumerate() {
        let name = match &v.survivor_name {
            Some(s) => format!("{}（遗属：{}）", v.person_name, s),
            None => v.person_name.clone(),
        };
        let birth = v.person_birth.map(|b| b.dotted()).unwrap_or_default();
        let date = dotted(v.input.date);
        let i = &v.input;
        t.row(
            ws,
            &[
                Cell::Number(n as i64 + 1),
                Cell::Text(&name),
                Cell::Text(v.person_sex.map_or("", |s| s.label())),
                Cell::Text(&birth),
                Cell::Text(v.retirement_kind.map_or("", |k| k.label())),
                Cell::Text(i.kind.label()),
                Cell::Text(&i.reason),
                Cell::Text(&date),
                Cell::Text(&i.leader),
                Cell::Text(&i.participants),
                Cell::Text(&i.made_by),
                Cell::Text(&i.gifts),
                // A call or a routine visit with no money leaves the cell empty rather than 0.00.
                if i.amount.0 == 0 { Cell::Blank } else { Cell::Fen(i.amount.0) },
                Cell::Text(&i.condition),
                Cell::Text(&i.problems),
                Cell::Text(&i.handling),
                Cell::Text(&i.notes),
            ],
        )?;
    }
    t.total_row(ws)?;
    let people: HashSet<i64> = list.iter().map(|v| v.input.person_id.0).collect();
    let by_kind: Vec<String> = VisitKind::ALL
        .iter()
        .filter_map(|k| {
            let n = list.iter().filter(|v| v.input.kind == *k).count();
            (n > 0).then(|| format!("{}{n}人次", k.label()))
        })
        .collect();
    let mut note = format!("说明：本期走访{}人、{}人次", people.len(), list.len());
    if !by_kind.is_empty() {
        note.push_str(&format!("，其中{}", by_kind.join("、")));
    }
    note.push('。');
    t.line(ws, &note)?;
    t.signature(ws, settings)
}
