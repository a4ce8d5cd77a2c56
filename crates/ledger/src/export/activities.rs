//! 活动登记: the period's activities with who took part, and a 合计 of 参加人数 (person-times).

use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::domain::period::Period;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

pub(crate) const SHEET: &str = "活动登记";

pub(crate) fn write_sheet(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    period: Period,
    today: NaiveDate,
) -> Result<()> {
    let list = crate::tables::activities::list(conn, period)?;
    let title = format!("{}离退休干部活动登记表", period.label());
    let right = format!("填报日期：{}", chinese_date(today));
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("日期", 12.0, Kind::Center),
        Column::new("名称", 24.0, Kind::Text),
        Column::new("类型", 10.0, Kind::Center),
        Column::new("地点", 16.0, Kind::Text),
        Column::new("参加人数", 9.0, Kind::Count),
        Column::new("参加人员", 40.0, Kind::Text),
        Column::new("备注", 16.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, styles, &heading, &columns)?;
    for (i, a) in list.iter().enumerate() {
        let date = a.date.format("%Y.%m.%d").to_string();
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&date),
                Cell::Text(&a.title),
                Cell::Text(a.kind.label()),
                Cell::Text(&a.place),
                Cell::Number(i64::from(a.count)),
                Cell::Text(&a.names),
                Cell::Text(&a.notes),
            ],
        )?;
    }
    t.total_row(ws)?;
    t.signature(ws, settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::ActivityKind;
    use crate::tables::activities::{self, ActivityInput};
    use crate::testing::*;

    #[test]
    fn the_register_names_participants_and_totals_them() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("张三"));
        let b = add(conn, simple("李四"));
        let act = |title: &str, date: &str, who: Vec<_>| ActivityInput {
            date: day(date),
            title: title.into(),
            kind: ActivityKind::Study,
            place: "老干部活动室".into(),
            notes: String::new(),
            participants: who,
        };
        activities::insert(conn, &st, &act("学习二十届全会精神", "2026-11-05", vec![a, b]))
            .unwrap();
        activities::insert(conn, &st, &act("重阳节座谈", "2026-10-29", vec![a])).unwrap();
        activities::insert(conn, &st, &act("上季度活动", "2026-09-29", vec![a])).unwrap();

        let period = Period::new(2026, Some(4)).unwrap();
        let mut wb = Workbook::new();
        write_sheet(&mut wb, &Styles::new(), conn, &UnitSettings::default(), period, today())
            .unwrap();
        let (_dir, r, f) = save_and_read(&mut wb, SHEET);
        assert_eq!(cell(&r, 0, 0), "2026年第四季度离退休干部活动登记表");
        assert_eq!(
            header(&r),
            ["序号", "日期", "名称", "类型", "地点", "参加人数", "参加人员", "备注"]
        );
        let row = |n: u32| (0..8).map(|c| cell(&r, n, c)).collect::<Vec<_>>();
        assert_eq!(
            row(4),
            [
                "2",
                "2026.11.05",
                "学习二十届全会精神",
                "学习",
                "老干部活动室",
                "2",
                "张三、李四",
                ""
            ]
        );
        let total = row_of(&r, "合");
        let ledger_total: u32 =
            activities::list(conn, period).unwrap().iter().map(|a| a.count).sum();
        assert_eq!(cell(&r, total, 5), ledger_total.to_string());
        assert_eq!(f.get_value((total, 5)).map(String::as_str), Some("SUM(F4:F5)"));
    }
}
