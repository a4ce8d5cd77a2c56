//! The 打印 sheet of the 花名册: the columns a printed roster carries (序号, 姓名, 性别, 出生年月,
//! 身份证号码, 离/退休, 人员类别, 职级, 原单位及职务, 联系电话, 备注) on A4 landscape, at a width that
//! prints the body at 9 pt or more. The full register (every column, what the importer reads back)
//! follows as the 花名册 sheet on A3. The importer passes this sheet over by its name.

use super::layout;
use super::sheet::{Cell, Column, Heading, Kind, Styles, TableSheet};
use crate::domain::idcard;
use crate::domain::model::{PersonFields, PersonId, UnitSettings};
use crate::domain::roster::Field;
use crate::error::Result;
use rust_xlsxwriter::Worksheet;

/// The sheet's name; the importer skips a sheet of this name.
pub const PRINT_SHEET: &str = "打印";

/// How the roster is exported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterOptions {
    /// Print ID numbers and phone numbers masked (`110105********002X`, `138****5678`) on the
    /// 打印 sheet, for a copy that leaves the office. The 花名册 sheet always keeps them whole, as
    /// it is the file the ledger can be rebuilt from.
    pub masked: bool,
    /// The 打印 sheet's columns after 序号, when the clerk picks them; the printed roster's
    /// columns otherwise.
    pub columns: Option<Vec<Field>>,
    /// Lines printed under the 合计 (the filter a view was made with, say).
    pub notes: Vec<String>,
    /// The people's 六清楚 profiles by person id, printed in the register's last columns (people
    /// without one leave them empty).
    pub profiles: std::collections::HashMap<i64, crate::tables::profiles::Profile>,
    /// Only the 打印 sheet, without the full register after it: a view with the clerk's columns
    /// (导出当前列表), where every other column would be what they chose to leave out.
    pub print_only: bool,
}

/// The printed columns, each with the roster field it shows (`None` for 序号).
fn columns() -> Vec<(Option<Field>, Column)> {
    vec![
        (None, Column::new("序号", 5.0, Kind::Serial)),
        (Some(Field::Name), Column::new("姓名", 8.0, Kind::Center)),
        (Some(Field::Sex), Column::new("性别", 5.0, Kind::Center)),
        (Some(Field::Birth), Column::new("出生年月", 9.0, Kind::Center)),
        (Some(Field::IdNumber), Column::new("身份证号码", 21.0, Kind::Center)),
        (Some(Field::RetirementKind), Column::new("离/退休", 7.0, Kind::Center)),
        (Some(Field::UnitKind), Column::new("人员类别", 9.0, Kind::Center)),
        (Some(Field::Grade), Column::new("职级", 10.0, Kind::Center)),
        (Some(Field::FormerPost), Column::new("原单位及职务", 22.0, Kind::Text)),
        (Some(Field::Phone), Column::new("联系电话", 13.0, Kind::Text)),
        (Some(Field::Notes), Column::new("备注", 16.0, Kind::Text)),
    ]
}

/// The fields the printed roster carries unless the clerk picks others, in order (after 序号).
pub fn default_fields() -> Vec<Field> {
    columns().into_iter().filter_map(|(f, _)| f).collect()
}

/// `合计：N 人（在世 X 人，已去世 Y 人）`: the roster lists the deceased too, so its total says
/// how many, and agrees with the statistics' count of the living.
/// A field's printed text as the masked roster shows it: ID numbers, phones (also the emergency
/// contact's) and addresses masked as the lists mask them; other fields as they are.
pub fn masked_text(f: Field, text: String) -> String {
    if text.is_empty() {
        return text;
    }
    match f {
        Field::IdNumber => idcard::mask(&text),
        Field::Phone | Field::EmergencyPhone => idcard::mask_phone(&text),
        Field::Address => crate::domain::privacy::mask_address(&text),
        _ => text,
    }
}

pub fn total_line(people: &[(PersonId, PersonFields)]) -> String {
    let deceased = people.iter().filter(|(_, p)| p.died_on.is_some()).count();
    format!(
        "合计：{} 人（在世 {} 人，已去世 {} 人）",
        people.len(),
        people.len() - deceased,
        deceased
    )
}

/// Points of the body text when the sheet is printed one page wide on A4 landscape: the fit
/// shrinks a table wider than the page.
pub fn printed_body_points(widths: &[f64]) -> f64 {
    // A4 landscape is 297 mm; the margins are 0.4 in on each side.
    let printable_px = (297.0 / 25.4 - 0.8) * 96.0;
    let table_px: f64 = widths.iter().map(|w| 7.0 * w + 5.0).sum();
    layout::BODY.size * (printable_px / table_px).min(1.0)
}

/// Writes the 打印 sheet onto `ws`, top to bottom (it may be a constant-memory worksheet).
pub fn write(
    ws: &mut Worksheet,
    styles: &Styles,
    heading: &Heading<'_>,
    people: &[(PersonId, PersonFields)],
    settings: &UnitSettings,
    options: &RosterOptions,
) -> Result<()> {
    ws.set_name(PRINT_SHEET)?;
    let cols = match &options.columns {
        None => columns(),
        Some(fields) => std::iter::once((None, Column::new("序号", 5.0, Kind::Serial)))
            .chain(fields.iter().filter_map(|f| {
                let c = crate::domain::roster::COLUMNS.iter().find(|c| c.field == *f)?;
                Some((Some(*f), Column::new(c.header, c.width, super::roster::kind(*f))))
            }))
            .collect(),
    };
    let columns: Vec<Column> = cols.iter().map(|(_, c)| c.clone()).collect();
    let mut t = TableSheet::start(ws, styles, heading, &columns)?;
    let mut texts: Vec<String> = Vec::with_capacity(cols.len());
    for (i, (_, p)) in people.iter().enumerate() {
        texts.clear();
        texts.extend(cols.iter().skip(1).map(|(f, _)| {
            let f = f.unwrap_or(Field::Name);
            let text = f.text(p);
            if options.masked {
                masked_text(f, text)
            } else {
                text
            }
        }));
        let cells: Vec<Cell<'_>> = std::iter::once(Cell::Number(i as i64 + 1))
            .chain(texts.iter().map(|t| Cell::Text(t)))
            .collect();
        t.row(ws, &cells)?;
    }
    t.line(ws, &total_line(people))?;
    for note in &options.notes {
        t.line(ws, note)?;
    }
    t.signature(ws, settings)
}
