//! 住院探视登记: the stays that overlap the period, whether each was visited, and the follow-up
//! after discharge, as of the day the table is made.

use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use super::visits::dotted;
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::domain::period::Period;
use crate::error::Result;
use crate::tables::hospital::{self, StayFlag, StayQuery};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

pub(crate) const SHEET: &str = "住院探视登记";

fn columns() -> Vec<Column> {
    vec![
        Column::new("序号", 5.0, Kind::Serial),
        Column::new("姓名", 9.0, Kind::Text),
        Column::new("医院", 18.0, Kind::Text),
        Column::new("科室", 10.0, Kind::Text),
        Column::new("入院日期", 11.0, Kind::Center),
        Column::new("出院日期", 11.0, Kind::Center),
        Column::new("病情", 18.0, Kind::Text),
        Column::new("是否已探视", 8.0, Kind::Center),
        Column::new("探视日期", 11.0, Kind::Center),
        Column::new("出院后回访日期", 11.0, Kind::Center),
    ]
}

pub(crate) fn write_sheet(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    period: Period,
    today: NaiveDate,
) -> Result<()> {
    let mut stays =
        hospital::list(conn, &StayQuery { period: Some(period), ..Default::default() }, today)?;
    stays.reverse();
    let title = format!("{}离退休干部住院探视登记表", period.label());
    let right = format!("填报日期：{}", chinese_date(today));
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let mut t = TableSheet::start(ws, styles, &heading, &columns())?;
    let text = |d: Option<NaiveDate>| d.map(dotted).unwrap_or_default();
    for (n, s) in stays.iter().enumerate() {
        let admitted = dotted(s.input.admitted_on);
        let discharged = match s.input.discharged_on {
            Some(d) => dotted(d),
            None => "在院".into(),
        };
        let visited = text(s.visited_on);
        let follow_up = text(s.follow_up_on);
        t.row(
            ws,
            &[
                Cell::Number(n as i64 + 1),
                Cell::Text(&s.person_name),
                Cell::Text(&s.input.hospital),
                Cell::Text(&s.input.department),
                Cell::Text(&admitted),
                Cell::Text(&discharged),
                Cell::Text(&s.input.condition),
                Cell::Text(if s.visited_on.is_some() { "是" } else { "否" }),
                Cell::Text(&visited),
                Cell::Text(&follow_up),
            ],
        )?;
    }
    let visited = stays.iter().filter(|s| s.visited_on.is_some()).count();
    let missed = stays.iter().filter(|s| s.flags.contains(&StayFlag::NoFollowUp)).count();
    let open = stays.iter().filter(|s| s.input.discharged_on.is_none()).count();
    t.line(
        ws,
        &format!(
            "说明：本期住院{}人次（截至{}仍在院{}人次），已探视{}人次；出院后一周内未回访{}人次。",
            stays.len(),
            chinese_date(today),
            open,
            visited,
            missed
        ),
    )?;
    t.signature(ws, settings)
}
