//! Turning one cell into the text a roster field reads ([`crate::domain::roster::Field::set_text`]), using what
//! the cell type tells: a number in a date column is an Excel serial date (or `194510` typed as a
//! number), a number in the ID column has lost its last digits, a phone number must not get `.0`.

use super::read::{number_text, Cell};
use crate::domain::date::PartialDate;
use crate::domain::roster::Field;
use chrono::{Days, NaiveDate};
use std::borrow::Cow;

/// The text to give the field, and a warning when the reading had to guess.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellText<'a> {
    /// Borrowed from a text cell, which the field then normalises as it reads it.
    pub text: Cow<'a, str>,
    pub warning: Option<String>,
}

fn plain<'a>(text: impl Into<Cow<'a, str>>) -> CellText<'a> {
    CellText { text: text.into(), warning: None }
}

/// `Ok(None)` for an empty cell; `Err` says what is wrong with the cell, in words for the clerk.
pub(crate) fn field_text(field: Field, cell: &Cell) -> Result<Option<CellText<'_>>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    let text = match cell {
        // Reported once for the row (`import::check`), whatever the column.
        Cell::Empty | Cell::Unreadable(_) => return Ok(None),
        Cell::Error(e) => {
            return Err(format!("单元格是错误值“{e}”，请在原表中改正公式或直接填写内容"));
        }
        Cell::Text(t) => {
            let (text, warning) = super::hostile::clean(t)?;
            CellText { text, warning }
        }
        Cell::Bool(_) => plain(cell.display()),
        Cell::Date(d) if field.is_date() => plain(PartialDate::from_date(*d).iso()),
        Cell::Date(d) => plain(d.format("%Y-%m-%d").to_string()),
        Cell::Number(n) if field.is_date() => number_as_date(*n)?,
        Cell::Number(n) if field == Field::IdNumber => plain(id_from_number(*n)?),
        Cell::Number(n) => plain(number_text(*n)),
    };
    Ok(Some(text))
}

/// An ID number that arrived as a number. Excel keeps 15 significant digits, so only a legacy
/// 15-digit ID can survive; anything longer has lost its last digits (DOMAIN.md rule 2).
fn id_from_number(n: f64) -> Result<String, String> {
    let digits = number_text(n);
    if n.fract() == 0.0
        && n > 0.0
        && digits.len() == 15
        && crate::domain::idcard::parse(&digits).is_ok()
    {
        return Ok(digits);
    }
    Err(format!(
        "身份证号被存成了数字（{n:.0}），后几位已丢失，无法恢复。请在原表中把该列设为“文本”格式，重新输入完整的18位号码后再导入"
    ))
}

/// A number found in a date column: `1945` (a year), `194510` or `19451003` typed as numbers,
/// `1945.1` / `1945.10` typed as a decimal, or an Excel serial date (1900 date system).
fn number_as_date(n: f64) -> Result<CellText<'static>, String> {
    let whole = n.fract() == 0.0;
    let year_range = 1880.0..2201.0;
    let digits_date = year_range.contains(&n)
        || (188_001.0..=220_012.0).contains(&n)
        || (18_800_101.0..=22_001_231.0).contains(&n);
    if whole && digits_date {
        return PartialDate::parse(&number_text(n)).map(|d| plain(d.iso())).map_err(|e| e.0);
    }
    if !whole && year_range.contains(&n.trunc()) {
        // 1945.10 typed into a number cell is stored as 1945.1, the same number as 1945.1 meaning
        // January, so the two cannot be told apart: read the usual yyyy.mm and ask to check. 1945.2
        // to 1945.9 can only mean February to September.
        let year = n.trunc() as i32;
        let cents = ((n - n.trunc()) * 100.0).round() as u32;
        let month = if cents > 12 && cents % 10 == 0 { cents / 10 } else { cents };
        let date = PartialDate::year_month(year, month).map_err(|_| {
            format!("“{n}”不是可识别的日期，应写成如 1945.10、1945-10-03 或 1945年10月")
        })?;
        return Ok(CellText {
            text: date.iso().into(),
            warning: (cents == 10).then(|| {
                format!(
                    "“{n}”是数字格式，已按{}读入；如果本意是{year}年1月，请把该单元格改为文本“{year}.01”",
                    date.chinese()
                )
            }),
        });
    }
    serial_date(n).map(|d| plain(PartialDate::from_date(d).iso())).ok_or_else(|| {
        format!("“{}”不是可识别的日期，应写成如 1945.10、1945-10-03 或 1945年10月", number_text(n))
    })
}

/// An Excel serial date in the 1900 date system: day 1 is 1900-01-01, and day 60 is the
/// 1900-02-29 that never was (Lotus 1-2-3's leap-year bug, kept by Excel), so later days are one off.
pub(crate) fn serial_date(n: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let day = n.trunc() as u64;
    if day == 60 {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, if day < 60 { 31 } else { 30 })?;
    epoch.checked_add_days(Days::new(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(field: Field, cell: Cell) -> Result<Option<String>, String> {
        field_text(field, &cell).map(|t| t.map(|t| t.text.into_owned()))
    }

    #[test]
    fn serial_dates() {
        // Expected values from Excel: =TEXT(n,"yyyy-mm-dd").
        let cases = [
            (1.0, Some("1900-01-01")),
            (59.0, Some("1900-02-28")),
            (60.0, None),
            (61.0, Some("1900-03-01")),
            (16_713.0, Some("1945-10-03")),
            (36_526.0, Some("2000-01-01")),
            (36_526.75, Some("2000-01-01")),
            (45_943.5, Some("2025-10-13")),
            (0.0, None),
            (-5.0, None),
        ];
        for (n, want) in cases {
            let got = serial_date(n).map(|d| d.format("%Y-%m-%d").to_string());
            assert_eq!(got.as_deref(), want, "{n}");
        }
    }

    #[test]
    fn numbers_in_date_columns() {
        let cases = [
            (16_713.0, Ok(Some("1945-10-03"))),
            (1945.0, Ok(Some("1945"))),
            (194_510.0, Ok(Some("1945-10"))),
            (19_451_003.0, Ok(Some("1945-10-03"))),
            (1945.01, Ok(Some("1945-01"))),
            (1945.1, Ok(Some("1945-10"))),
            (1945.12, Ok(Some("1945-12"))),
            (1945.2, Ok(Some("1945-02"))),
        ];
        for (n, want) in cases {
            let want = want.map(|o: Option<&str>| o.map(String::from));
            assert_eq!(text(Field::Birth, Cell::Number(n)), want, "{n}");
        }
        assert!(text(Field::Birth, Cell::Number(1945.13)).is_err());
        assert!(text(Field::Birth, Cell::Number(60.0)).is_err());
        let w = field_text(Field::Birth, &Cell::Number(1945.1)).unwrap().unwrap();
        assert!(w.warning.unwrap().contains("1945年10月"));
    }

    #[test]
    fn id_numbers_stored_as_numbers() {
        let lost = text(Field::IdNumber, Cell::Number(110_105_194_510_030_000.0)).unwrap_err();
        assert!(lost.contains("被存成了数字") && lost.contains("110105194510030000"), "{lost}");
        // A valid legacy 15-digit number survives Excel's 15 significant digits.
        assert_eq!(
            text(Field::IdNumber, Cell::Number(110_105_451_003_001.0)),
            Ok(Some("110105451003001".into()))
        );
        assert!(text(Field::IdNumber, Cell::Number(123_456.0)).is_err());
    }

    #[test]
    fn other_cells() {
        assert_eq!(
            text(Field::Phone, Cell::Number(13_812_345_678.0)),
            Ok(Some("13812345678".into()))
        );
        assert_eq!(text(Field::Notes, Cell::Number(2.5)), Ok(Some("2.5".into())));
        assert_eq!(text(Field::Name, Cell::Text("　".into())), Ok(None));
        assert_eq!(
            text(Field::Birth, Cell::Date(NaiveDate::from_ymd_opt(1945, 10, 3).unwrap())),
            Ok(Some("1945-10-03".into()))
        );
        assert!(text(Field::Name, Cell::Error("#N/A".into())).unwrap_err().contains("#N/A"));
    }
}
