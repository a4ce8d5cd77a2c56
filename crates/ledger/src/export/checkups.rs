//! 健康体检台账: for a year, the year's round, one row per person due a checkup; for a quarter
//! (the quarterly workbook), only the checkups done in that quarter. Both end with a 说明 line
//! giving the year's 应检 / 参检 / 参检率.

use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::domain::period::Period;
use crate::error::Result;
use crate::tables::checkups;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

pub(crate) const SHEET: &str = "健康体检台账";

/// The round of `period.year`, or for a quarter the checkups dated in it (a quarterly submission
/// carries what happened in its quarter; the year's figures stay in the 说明 line).
pub(crate) fn write_sheet(
    wb: &mut Workbook,
    styles: &Styles,
    conn: &Connection,
    settings: &UnitSettings,
    period: Period,
    today: NaiveDate,
) -> Result<()> {
    let year = period.year;
    let round = checkups::round(conn, year)?;
    let rows: Vec<_> = match period.quarter {
        None => round.rows.iter().collect(),
        Some(_) => {
            round.rows.iter().filter(|r| r.date.is_some_and(|d| period.contains(d))).collect()
        }
    };
    let title = match period.quarter {
        None => format!("{year}年度离退休干部健康体检台账"),
        Some(_) => format!("{}离退休干部健康体检台账", period.label()),
    };
    let right = format!("填报日期：{}", chinese_date(today));
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("姓名", 10.0, Kind::Center),
        Column::new("年度", 7.0, Kind::Center),
        Column::new("是否参检", 8.0, Kind::Center),
        Column::new("体检日期", 12.0, Kind::Center),
        Column::new("体检医院", 18.0, Kind::Text),
        Column::new("主要异常", 20.0, Kind::Text),
        Column::new("复查建议", 20.0, Kind::Text),
        Column::new("未参检原因", 14.0, Kind::Text),
        Column::new("备注", 14.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, styles, &heading, &columns)?;
    let year_text = year.to_string();
    for (i, r) in rows.iter().enumerate() {
        let date = r.date.map(|d| d.format("%Y.%m.%d").to_string()).unwrap_or_default();
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&r.name),
                Cell::Text(&year_text),
                Cell::Text(r.status.label()),
                Cell::Text(&date),
                Cell::Text(&r.hospital),
                Cell::Text(&r.findings),
                Cell::Text(&r.advice),
                Cell::Text(&r.absence_reason),
                Cell::Text(&r.notes),
            ],
        )?;
    }
    let quarter = match period.quarter {
        None => String::new(),
        Some(_) => format!("本季度体检{}人；{year}年度", rows.len()),
    };
    t.line(
        ws,
        &format!(
            "说明：{quarter}应检{}人，参检{}人，未参检{}人，未登记{}人，参检率{}。",
            round.living,
            round.attended,
            round.absent,
            round.not_recorded,
            round.rate_text()
        ),
    )?;
    t.signature(ws, settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::checkups::CheckupInput;
    use crate::testing::*;
    use chrono::Datelike;

    #[test]
    fn the_ledger_lists_the_round_and_states_the_rate() {
        let l = ledger();
        let conn = l.conn();
        let st = stamp();
        let a = add(conn, simple("张三"));
        let b = add(conn, simple("李四"));
        add(conn, simple("王五"));
        let attended = |p, date: &str| CheckupInput {
            person_id: p,
            year: day(date).year(),
            attended: true,
            date: Some(day(date)),
            hospital: "市第一人民医院".into(),
            findings: "血压偏高".into(),
            advice: "定期监测血压".into(),
            absence_reason: String::new(),
            notes: String::new(),
        };
        checkups::record(conn, &st, &attended(a, "2026-09-10")).unwrap();
        let away = CheckupInput {
            attended: false,
            date: None,
            absence_reason: "外出探亲".into(),
            ..attended(b, "2026-09-10")
        };
        checkups::record(conn, &st, &away).unwrap();

        let mut wb = Workbook::new();
        let period = Period::year(2026);
        write_sheet(&mut wb, &Styles::new(), conn, &UnitSettings::default(), period, today())
            .unwrap();
        let (_dir, r, _) = save_and_read(&mut wb, SHEET);
        assert_eq!(cell(&r, 0, 0), "2026年度离退休干部健康体检台账");
        assert_eq!(cell(&r, 1, 5), "填报日期：2026年11月21日");
        assert_eq!(
            header(&r),
            [
                "序号",
                "姓名",
                "年度",
                "是否参检",
                "体检日期",
                "体检医院",
                "主要异常",
                "复查建议",
                "未参检原因",
                "备注"
            ]
        );
        let row = |n: u32| (0..10).map(|c| cell(&r, n, c)).collect::<Vec<_>>();
        assert_eq!(
            row(3),
            [
                "1",
                "张三",
                "2026",
                "是",
                "2026.09.10",
                "市第一人民医院",
                "血压偏高",
                "定期监测血压",
                "",
                ""
            ]
        );
        assert_eq!(row(4)[3..9], ["否", "", "", "", "", "外出探亲"]);
        assert_eq!(row(5)[3], "未登记");
        assert_eq!(cell(&r, 6, 0), "说明：应检3人，参检1人，未参检1人，未登记1人，参检率33.3%。");

        // A quarter carries only the checkups dated in it, and the year's figures in its 说明.
        for (quarter, rows) in [(3, vec!["张三"]), (4, vec![])] {
            let mut wb = Workbook::new();
            let period = Period::new(2026, Some(quarter)).unwrap();
            write_sheet(&mut wb, &Styles::new(), conn, &UnitSettings::default(), period, today())
                .unwrap();
            let (_dir, r, _) = save_and_read(&mut wb, SHEET);
            assert_eq!(cell(&r, 0, 0), format!("{}离退休干部健康体检台账", period.label()));
            let names: Vec<String> = (3..3 + rows.len() as u32).map(|n| cell(&r, n, 1)).collect();
            assert_eq!(names, rows, "Q{quarter}");
            let note = cell(&r, 3 + rows.len() as u32, 0);
            assert_eq!(
                note,
                format!(
                    "说明：本季度体检{}人；2026年度应检3人，参检1人，未参检1人，未登记1人，参检率33.3%。",
                    rows.len()
                )
            );
        }
    }
}
