//! The 基本情况统计表 workbook: three print-ready sheets made from [`crate::reports::stats::YearlyStats`]
//! — 基本情况统计表, 离休干部参加革命工作时间, 人数变动情况 — each with a `合    计` row of SUM
//! formulas (with cached results) and its 说明 lines.

use super::sheet::{new_workbook, Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::{Grade, UnitSettings};
use crate::error::Result;
use crate::reports::stats::{unit_label, YearlyStats, WORK_PERIODS};
use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, Worksheet};

pub(crate) const SHEETS: [&str; 3] = ["基本情况统计表", "离休干部参加革命工作时间", "人数变动情况"];

fn basic_columns() -> Vec<Column> {
    let mut cols = vec![
        Column::new("类别", 10.0, Kind::Text),
        Column::new("总人数", 7.0, Kind::Count),
        Column::new("离休", 6.0, Kind::Count).group("其中"),
        Column::new("退休\n（含退职）", 8.0, Kind::Count).group("其中"),
        Column::new("中共党员", 6.0, Kind::Count).group("其中"),
        Column::new("生活不能\n自理", 7.0, Kind::Count).group("其中"),
        Column::new("70—79岁", 7.0, Kind::Count).group("年龄"),
        Column::new("80岁及\n以上", 7.0, Kind::Count).group("年龄"),
    ];
    cols.extend(Grade::ALL.iter().map(|g| Column::new(g.label(), 7.0, Kind::Count).group("职级")));
    cols
}

fn period_columns() -> Vec<Column> {
    let mut cols = vec![
        Column::new("类别", 10.0, Kind::Text),
        Column::new("离休干部\n人数", 9.0, Kind::Count),
    ];
    cols.extend(
        WORK_PERIODS
            .iter()
            .map(|(label, _)| Column::new(*label, 12.0, Kind::Count).group("参加革命工作时间")),
    );
    cols.push(Column::new("未填写", 8.0, Kind::Count).group("参加革命工作时间"));
    cols
}

fn change_columns() -> Vec<Column> {
    vec![
        Column::new("类别", 12.0, Kind::Text),
        Column::new("上年末人数", 11.0, Kind::Count),
        Column::new("本年新增", 11.0, Kind::Count),
        Column::new("本年去世", 11.0, Kind::Count),
        Column::new("应有年末人数", 12.0, Kind::Count),
        Column::new("实有年末人数", 12.0, Kind::Count),
        Column::new("差额\n（实有－应有）", 12.0, Kind::Count),
    ]
}

fn n(v: u32) -> Cell<'static> {
    Cell::Number(i64::from(v))
}

/// Writes one table: heading, rows, 合计, 说明 lines, signature.
fn table(
    ws: &mut Worksheet,
    styles: &Styles,
    heading: &Heading<'_>,
    columns: &[Column],
    rows: &[Vec<Cell<'_>>],
    notes: &[String],
    settings: &UnitSettings,
) -> Result<()> {
    let mut t = TableSheet::start(ws, styles, heading, columns)?;
    for r in rows {
        t.row(ws, r)?;
    }
    t.total_row(ws)?;
    for line in notes {
        t.line(ws, line)?;
    }
    t.signature(ws, settings)
}

/// The three sheets of the yearly statistics, as their own workbook.
pub fn stats_workbook(
    stats: &YearlyStats,
    settings: &UnitSettings,
    today: NaiveDate,
) -> Result<Workbook> {
    let title = format!("{}{}年度离退休干部基本情况统计表", settings.unit_name, stats.year);
    let mut wb = new_workbook(&title, settings, today)?;
    add_stats_sheets(&mut wb, stats, settings, today)?;
    Ok(wb)
}

/// Adds the three sheets of the yearly statistics to `wb` (after the official forms, in the
/// statistics export).
pub(crate) fn add_stats_sheets(
    wb: &mut Workbook,
    stats: &YearlyStats,
    settings: &UnitSettings,
    today: NaiveDate,
) -> Result<()> {
    let unit = &settings.unit_name;
    let year = stats.year;
    let titles = [
        format!("{unit}{year}年度离退休干部基本情况统计表"),
        format!("{unit}{year}年度离休干部参加革命工作时间统计表"),
        format!("{unit}{year}年度离退休干部人数变动情况表"),
    ];
    let styles = Styles::new();
    let right = format!("填报日期：{}", chinese_date(today));
    let heading = |i: usize| Heading { title: &titles[i], unit_name: unit, right: &right };

    let basic: Vec<Vec<Cell<'_>>> = stats
        .basic
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::Text(unit_label(r.unit_kind)),
                n(r.total),
                n(r.lixiu),
                n(r.tuixiu),
                n(r.party_members),
                n(r.dependent),
                n(r.aged_70_79),
                n(r.aged_80_plus),
            ];
            cells.extend(r.by_grade.iter().map(|v| n(*v)));
            cells
        })
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(SHEETS[0])?;
    table(ws, &styles, &heading(0), &basic_columns(), &basic, &stats.basic_notes, settings)?;

    let periods: Vec<Vec<Cell<'_>>> = stats
        .work_periods
        .iter()
        .map(|r| {
            let mut cells = vec![Cell::Text(unit_label(r.unit_kind)), n(r.total)];
            cells.extend(r.by_period.iter().map(|v| n(*v)));
            cells.push(n(r.missing));
            cells
        })
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(SHEETS[1])?;
    table(
        ws,
        &styles,
        &heading(1),
        &period_columns(),
        &periods,
        &stats.work_period_notes,
        settings,
    )?;

    let changes: Vec<Vec<Cell<'_>>> = stats
        .changes
        .iter()
        .map(|r| {
            vec![
                Cell::Text(unit_label(r.unit_kind)),
                Cell::Number(r.last_year_end),
                Cell::Number(r.new),
                Cell::Number(r.deaths),
                Cell::Number(r.expected),
                Cell::Number(r.actual),
                Cell::Number(r.difference),
            ]
        })
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(SHEETS[2])?;
    table(ws, &styles, &heading(2), &change_columns(), &changes, &stats.change_notes, settings)?;

    Ok(())
}
