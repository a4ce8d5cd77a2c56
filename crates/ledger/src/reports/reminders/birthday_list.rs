//! 本月生日名单: everyone alive whose birthday falls in a month (by the lunar birthday when one is
//! recorded), with 整寿 marked, printed in the bureau-table layout with a blank column for the
//! visit. The same rows feed the calendar.

use super::birthdays::{occurrences, LunarMonths};
use crate::domain::date::chinese_date;
use crate::domain::date::PartialDate;
use crate::domain::model::{LunarBirthday, PersonId, Sex};
use crate::error::{Error, Result};
use crate::export::sheet::{new_workbook, Cell, Column, Heading, Kind, Styles, TableSheet};
use chrono::{Months, NaiveDate};
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One birthday of the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BirthdayRow {
    pub person_id: PersonId,
    pub name: String,
    pub sex: Option<Sex>,
    /// The age reached on this birthday (lunar years for a lunar birthday).
    pub age: i32,
    /// 整寿, by the unit's set.
    pub round: bool,
    /// The solar day; for a birth known only to the month, the month's first day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// False when only the month of birth is known (日期不详).
    pub day_known: bool,
    /// `农历八月十五` when kept by the lunar calendar.
    pub lunar: Option<String>,
    pub liaison: String,
    /// The address with its detail hidden, as lists show it.
    pub address: String,
}

/// Hides the detail of an address (building, flat) the way lists hide ID and phone numbers: the
/// first six characters stay, enough to know the district and street.
pub fn mask_address(address: &str) -> String {
    crate::domain::privacy::mask_address(address)
}

/// The birthdays of living people in `year`-`month`, by day then name.
pub fn month(conn: &Connection, year: i32, month: u32) -> Result<Vec<BirthdayRow>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
        Error::invalid(format!("{year}年{month}月不是有效的月份，月份应为1到12。"))
    })?;
    let next = first.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX);
    let settings = super::rules::get(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, sex, birth, lunar_month, lunar_day, lunar_leap, liaison, address
         FROM people WHERE voided_at IS NULL AND died_on IS NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut months = LunarMonths::default();
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let birth: Option<PartialDate> = r.get(3)?;
        let lm: Option<u8> = r.get(4)?;
        let ld: Option<u8> = r.get(5)?;
        let leap: i64 = r.get(6)?;
        let lunar = lm.zip(ld).map(|(month, day)| LunarBirthday { month, day, leap: leap != 0 });
        for o in occurrences(birth, lunar, first, next, &mut months) {
            let address: String = r.get(8)?;
            out.push(BirthdayRow {
                person_id: PersonId(r.get(0)?),
                name: r.get(1)?,
                sex: r.get(2)?,
                age: o.age,
                round: settings.round_ages.contains(&o.age),
                date: o.date,
                day_known: o.day_known,
                lunar: o.lunar.then(|| o.label.clone()),
                liaison: r.get(7)?,
                address: mask_address(&address),
            });
        }
    }
    out.sort_by(|a, b| (a.date, !a.day_known, &a.name).cmp(&(b.date, !b.day_known, &b.name)));
    Ok(out)
}

pub const SHEET: &str = "本月生日名单";

/// The 本月生日名单 workbook (pure: rows in, workbook out).
pub fn workbook(
    rows: &[BirthdayRow],
    settings: &crate::domain::model::UnitSettings,
    year: i32,
    month: u32,
    today: NaiveDate,
) -> Result<Workbook> {
    let title = format!("{year}年{month}月离退休干部生日名单");
    let mut wb = new_workbook(&title, settings, today)?;
    let styles = Styles::new();
    let right = format!("填报日期：{}", chinese_date(today));
    let columns = [
        Column::new("序号", 6.0, Kind::Serial),
        Column::new("姓名", 10.0, Kind::Center),
        Column::new("性别", 6.0, Kind::Center),
        Column::new("年龄", 7.0, Kind::Center),
        Column::new("整寿", 7.0, Kind::Center),
        Column::new("生日（公历）", 14.0, Kind::Center),
        Column::new("农历生日", 14.0, Kind::Center),
        Column::new("联系人", 10.0, Kind::Center),
        Column::new("住址", 22.0, Kind::Text),
        Column::new("走访情况（日期、走访人）", 26.0, Kind::Text),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let heading = Heading { title: &title, unit_name: &settings.unit_name, right: &right };
    let mut t = TableSheet::start(ws, &styles, &heading, &columns)?;
    for (i, b) in rows.iter().enumerate() {
        let age = format!("{}岁", b.age);
        let round = if b.round { format!("{}岁整寿", b.age) } else { String::new() };
        let solar = if b.day_known {
            b.date.format("%Y.%m.%d").to_string()
        } else {
            format!("{month}月（日期不详）")
        };
        t.row(
            ws,
            &[
                Cell::Number(i as i64 + 1),
                Cell::Text(&b.name),
                Cell::Text(b.sex.map(|s| s.label()).unwrap_or("")),
                Cell::Text(&age),
                Cell::Text(&round),
                Cell::Text(&solar),
                Cell::Text(b.lunar.as_deref().unwrap_or("")),
                Cell::Text(&b.liaison),
                Cell::Text(&b.address),
                Cell::Blank,
            ],
        )?;
    }
    let rounds = rows.iter().filter(|b| b.round).count();
    t.line(ws, &format!("合计：{} 人，其中整寿 {rounds} 人", rows.len()))?;
    t.line(
        ws,
        "说明：登记了农历生日的按农历生日排入当月（农历无三十日的月份按廿九，闰月生日按平月）；出生日期只登记到月的标为“日期不详”。",
    )?;
    t.signature(ws, settings)?;
    Ok(wb)
}

/// Writes the month's 本月生日名单 to `path` (whole or not at all). Returns the number of rows.
pub fn export(
    conn: &Connection,
    year: i32,
    month_no: u32,
    today: NaiveDate,
    path: &Path,
) -> Result<usize> {
    let rows = month(conn, year, month_no)?;
    let settings = crate::tables::settings::get(conn)?;
    let mut wb = workbook(&rows, &settings, year, month_no, today)?;
    crate::export::save(&mut wb, path)?;
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::PersonFields;
    use crate::testing::{add, cell, day, simple};

    #[test]
    fn the_month_list_exports_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let l = crate::Ledger::open(&dir.path().join("ledger.db")).unwrap();
        let c = l.conn();
        let p = |s: &str| Some(PartialDate::parse(s).unwrap());
        // Lunar 八月十五 → 2026-09-25 (months.tsv: 2026 八月 starts 09-11); born 1946-09-10.
        add(
            c,
            PersonFields {
                birth: p("1946-09-10"),
                lunar_birthday: Some(LunarBirthday { month: 8, day: 15, leap: false }),
                liaison: "王联络".into(),
                address: "北京市东城区和平里街道3号楼2单元501".into(),
                ..simple("张老")
            },
        );
        add(c, PersonFields { birth: p("1950-09-03"), ..simple("李老") });
        add(c, PersonFields { birth: p("1951-09"), ..simple("赵老") });
        add(c, PersonFields { birth: p("1951-10-01"), ..simple("不在本月") });
        let rows = month(c, 2026, 9).unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["赵老", "李老", "张老"]);
        assert_eq!(rows[2].lunar.as_deref(), Some("农历八月十五"));
        assert_eq!((rows[2].date, rows[2].age, rows[2].round), (day("2026-09-25"), 80, true));
        assert_eq!(rows[2].address, "北京市东城区****");

        let out = dir.path().join("生日.xlsx");
        assert_eq!(export(c, 2026, 9, day("2026-09-01"), &out).unwrap(), 3);
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
        let r = book.worksheet_range(SHEET).unwrap();
        assert_eq!(cell(&r, 0, 0), "2026年9月离退休干部生日名单");
        let row = |n: u32| (0..10).map(|c| cell(&r, n, c)).collect::<Vec<_>>();
        assert_eq!(row(3)[..9], ["1", "赵老", "女", "75岁", "", "9月（日期不详）", "", "", ""]);
        assert_eq!(
            row(5)[..9],
            [
                "3",
                "张老",
                "女",
                "80岁",
                "80岁整寿",
                "2026.09.25",
                "农历八月十五",
                "王联络",
                "北京市东城区****"
            ]
        );
        assert_eq!(cell(&r, 6, 0), "合计：3 人，其中整寿 1 人");
        assert!(month(c, 2026, 13).unwrap_err().to_string().contains("月份应为1到12"));
    }
}
