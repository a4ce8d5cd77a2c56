//! 去世及遗属登记: the deaths of the period with the one-off payments, and under a two-row 遗属
//! header one row per survivor. A death with several survivors spans their rows (its cells merged
//! down), so its money is written, and summed, once.

use super::sheet::{write_text, Cell, Column, Heading, Kind, Styles, TableSheet};
use super::visits::dotted;
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::domain::period::Period;
use crate::error::Result;
use crate::tables::deaths;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{ColNum, Workbook};

pub(crate) const SHEET: &str = "去世及遗属登记";

/// The columns before the survivors' group: one value per death.
const DEATH_COLUMNS: usize = 12;

fn columns() -> Vec<Column> {
    let group = "遗属";
    vec![
        Column::new("序号", 5.0, Kind::Serial),
        Column::new("姓名", 8.0, Kind::Text),
        Column::new("性别", 5.0, Kind::Center),
        Column::new("出生年月", 9.0, Kind::Center),
        Column::new("离退休\n类型", 7.0, Kind::Center),
        Column::new("去世日期", 11.0, Kind::Center),
        Column::new("原因", 10.0, Kind::Text),
        Column::new("送别方式", 9.0, Kind::Text),
        Column::new("丧葬费(元)", 11.0, Kind::Money),
        Column::new("抚恤金(元)", 11.0, Kind::Money),
        Column::new("发放日期", 11.0, Kind::Center),
        Column::new("领取人", 8.0, Kind::Text),
        Column::new("姓名", 8.0, Kind::Text).group(group),
        Column::new("关系", 6.0, Kind::Text).group(group),
        Column::new("出生年月", 9.0, Kind::Center).group(group),
        Column::new("联系电话", 13.0, Kind::Center).group(group),
        Column::new("住址", 22.0, Kind::Text).group(group),
        Column::new("是否享受\n遗属补助", 8.0, Kind::Center).group(group),
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
    write_sheet_with(wb, styles, conn, settings, period, today, false)
}

/// [`write_sheet`], with the survivors' phones and addresses masked (脱敏导出) when `masked`.
pub(crate) fn write_sheet_with(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    period: Period,
    today: NaiveDate,
    masked: bool,
) -> Result<()> {
    let mut list = deaths::list(conn, period)?;
    if masked {
        // 脱敏导出: survivors' phones and addresses as the lists show them.
        list.iter_mut()
            .flat_map(|d| d.survivors.iter_mut())
            .for_each(crate::domain::privacy::mask_member);
    }
    let title = format!("{}离退休干部去世及遗属登记表", period.label());
    let right = format!("填报日期：{}", chinese_date(today));
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let columns = columns();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let mut t = TableSheet::start(ws, styles, &heading, &columns)?;
    let mut survivors = 0;
    for (n, d) in list.iter().enumerate() {
        let birth = d.birth.map(|b| b.dotted()).unwrap_or_default();
        let died = dotted(d.died_on);
        let paid = d.paid_on.map(dotted).unwrap_or_default();
        let serial = n as i64 + 1;
        let death_cells = [
            Cell::Number(serial),
            Cell::Text(&d.name),
            Cell::Text(d.sex.map_or("", |s| s.label())),
            Cell::Text(&birth),
            Cell::Text(d.retirement_kind.map_or("", |k| k.label())),
            Cell::Text(&died),
            Cell::Text(&d.cause),
            Cell::Text(&d.farewell),
            Cell::Fen(d.funeral.0),
            Cell::Fen(d.pension.0),
            Cell::Text(&paid),
            Cell::Text(&d.recipient),
        ];
        let first_row = t.next_row();
        if d.survivors.is_empty() {
            t.row(ws, &death_cells)?;
            continue;
        }
        for (i, s) in d.survivors.iter().enumerate() {
            survivors += 1;
            let s_birth = s.birth.map(|b| b.dotted()).unwrap_or_default();
            let mut cells: Vec<Cell<'_>> =
                if i == 0 { death_cells.to_vec() } else { vec![Cell::Blank; DEATH_COLUMNS] };
            cells.extend([
                Cell::Text(&s.name),
                Cell::Text(&s.relation),
                Cell::Text(&s_birth),
                Cell::Text(&s.phone),
                Cell::Text(&s.address),
                Cell::Text(if s.survivor_aid { "是" } else { "否" }),
            ]);
            t.row(ws, &cells)?;
        }
        let last_row = t.next_row() - 1;
        if last_row > first_row {
            // Merge each death cell down over its survivors' rows; the merge writes an empty
            // string, so the value is written again over its top-left cell.
            for (c, cell) in death_cells.iter().enumerate() {
                let col = c as ColNum;
                let kind = columns[c].kind;
                let f = match kind {
                    Kind::Center => &styles.center,
                    Kind::Text => &styles.text,
                    Kind::Serial | Kind::Count => &styles.number,
                    Kind::Money => &styles.money,
                };
                ws.merge_range(first_row, col, last_row, col, "", f)?;
                match *cell {
                    Cell::Text(text) => write_text(ws, first_row, col, text, f)?,
                    Cell::Number(v) => {
                        ws.write_number_with_format(first_row, col, v as f64, f)?;
                    }
                    Cell::Fen(fen) => {
                        ws.write_number_with_format(first_row, col, fen as f64 / 100.0, f)?;
                    }
                    Cell::Blank => {}
                }
            }
        }
    }
    t.total_row(ws)?;
    let aided = list.iter().flat_map(|d| &d.survivors).filter(|s| s.survivor_aid).count();
    t.line(
        ws,
        &format!(
            "说明：本期去世{}人，登记遗属{}人，其中享受遗属补助{}人。",
            list.len(),
            survivors,
            aided
        ),
    )?;
    t.signature(ws, settings)
}
