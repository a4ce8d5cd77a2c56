//! 光荣在党50年名单: the year's members due the medal, each with the reason (认定依据) and what to
//! check (备注), and the date it was presented.

use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::domain::period::Period;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

pub(crate) const SHEET: &str = "光荣在党50年名单";

pub(crate) fn write_sheet(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    period: Period,
    today: NaiveDate,
) -> Result<()> {
    let year = period.year;
    let list = crate::tables::party::medal_list(conn, year)?;
    let title = format!("{year}年“光荣在党50年”纪念章颁发对象名单");
    let right = format!("填报日期：{}", chinese_date(today));
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("姓名", 10.0, Kind::Center),
        Column::new("性别", 6.0, Kind::Center),
        Column::new("出生年月", 10.0, Kind::Center),
        Column::new("所在党支部", 18.0, Kind::Text),
        Column::new("入党时间", 11.0, Kind::Center),
        Column::new("转正时间", 11.0, Kind::Center),
        Column::new("党龄(年)", 8.0, Kind::Center),
        Column::new("认定依据", 30.0, Kind::Text),
        Column::new("颁发日期", 12.0, Kind::Center),
        Column::new("备注", 28.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, styles, &heading, &columns)?;
    let dotted = |d: Option<crate::PartialDate>| d.map(|d| d.dotted()).unwrap_or_default();
    for (i, c) in list.iter().enumerate() {
        let (birth, joined, confirmed) =
            (dotted(c.birth), dotted(c.party_joined), dotted(c.party_confirmed));
        let presented = c
            .presented
            .as_ref()
            .map(|p| p.presented_on.format("%Y.%m.%d").to_string())
            .unwrap_or_default();
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&c.name),
                Cell::Text(c.sex.map(|s| s.label()).unwrap_or("")),
                Cell::Text(&birth),
                Cell::Text(&c.branch),
                Cell::Text(&joined),
                Cell::Text(&confirmed),
                Cell::Number(i64::from(c.years)),
                Cell::Text(&c.reason),
                Cell::Text(&presented),
                Cell::Text(c.note.as_deref().unwrap_or("")),
            ],
        )?;
    }
    t.line(ws, &format!("合计：{} 人", list.len()))?;
    t.line(
        ws,
        &format!(
            "说明：党龄自转正之日起计算，截至{year}年7月1日满50年；已在以前年度颁发的不再列入。"
        ),
    )?;
    t.signature(ws, settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn the_list_gives_each_reason_and_the_count() {
        let l = ledger();
        let conn = l.conn();
        let a = add(conn, member("张老", "1975-06", "1976-06"));
        add(conn, member("李老", "1975-05-04", ""));
        add(conn, member("王年轻", "1980-01", "1981-01"));
        crate::tables::party::present_medal(conn, &stamp(), a, 2026, day("2026-06-28"), "")
            .unwrap();

        let mut wb = Workbook::new();
        let period = Period::year(2026);
        write_sheet(&mut wb, &Styles::new(), conn, &UnitSettings::default(), period, today())
            .unwrap();
        let (_dir, r, _) = save_and_read(&mut wb, SHEET);
        assert_eq!(cell(&r, 0, 0), "2026年“光荣在党50年”纪念章颁发对象名单");
        assert_eq!(
            header(&r),
            [
                "序号",
                "姓名",
                "性别",
                "出生年月",
                "所在党支部",
                "入党时间",
                "转正时间",
                "党龄(年)",
                "认定依据",
                "颁发日期",
                "备注"
            ]
        );
        let row = |n: u32| (0..11).map(|c| cell(&r, n, c)).collect::<Vec<_>>();
        assert_eq!(
            row(3),
            [
                "1",
                "李老",
                "男",
                "1950.03",
                "离退休干部第一党支部",
                "1975.05.04",
                "",
                "50",
                "1975年5月4日入党（未登记转正时间），至2026年7月1日党龄满50年",
                "",
                "未登记转正时间，按入党时间加一年计算，请核对"
            ]
        );
        assert_eq!(row(4)[1], "张老");
        assert_eq!(row(4)[9], "2026.06.28");
        assert_eq!(row(4)[10], "转正时间只登记到1976年6月，按当月1日计算");
        assert_eq!(cell(&r, 5, 0), "合计：2 人");
    }
}
