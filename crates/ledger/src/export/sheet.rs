//! The look every table sent upward shares (DOMAIN.md, "How a table sent upward looks"): a merged
//! title, the 填报单位 / 填报日期 line, one- or two-row headers, bordered body cells, a `合    计` row
//! with SUM formulas and their cached results, 说明 lines, the signature line, and the print setup
//! (A4 landscape, one page wide, header rows repeated, page numbers, frozen header).
//!
//! Every table — the roster and the statistics now, the visit and subsidy ledgers later — is written
//! through [`TableSheet`], so they all look alike and none can let text become a formula: user text
//! only ever goes through `write_string*`/`merge_range`, and text starting with `=`, `+`, `-` or `@`
//! also gets the quote prefix so that editing the cell in Excel keeps it text.

use super::layout::{self, Face, Font};
use crate::domain::model::UnitSettings;
use crate::error::Result;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    utility::row_col_to_cell, ColNum, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, RowNum, Workbook, Worksheet,
};

/// How a column's body cells are written and aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A running number (序号): centred, never summed.
    Serial,
    /// Short text printed centred: sex, dates, enum labels.
    Center,
    /// Free text: left-aligned and wrapped.
    Text,
    /// A count of people: centred, summed in the 合计 row.
    Count,
    /// Money in fen, printed in yuan as `#,##0.00`, summed in the 合计 row.
    Money,
}

impl Kind {
    fn summed(self) -> bool {
        matches!(self, Kind::Count | Kind::Money)
    }
}

/// One column of a table: its header, an optional group header above it (two-row headers), its
/// width in characters and its kind.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub group: Option<String>,
    pub width: f64,
    pub kind: Kind,
}

impl Column {
    pub fn new(header: impl Into<String>, width: f64, kind: Kind) -> Self {
        Self { header: header.into(), group: None, width, kind }
    }

    /// Puts the column under a merged group header (`年龄` over `70–79岁` and `80岁及以上`).
    /// Adjacent columns with the same group share one merged cell.
    pub fn group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }
}

/// A body cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(i64),
    /// Money in fen.
    Fen(i64),
    Blank,
}

/// The formats of one workbook, made once and shared by all its tables.
pub struct Styles {
    /// Row 1: 黑体 20 pt bold, centred.
    pub title: Format,
    /// Row 2, left and right: 宋体 12 pt, no borders.
    pub info_left: Format,
    pub info_right: Format,
    /// Header cells: 黑体 11 pt, centred, wrapped, thin borders.
    pub header: Format,
    /// Body cells: 宋体 11 pt, thin borders.
    pub center: Format,
    pub text: Format,
    pub number: Format,
    pub money: Format,
    /// The 合计 row.
    pub total_label: Format,
    pub total_number: Format,
    pub total_money: Format,
    /// Lines under the table (合计：N 人, 说明, signature): 宋体 12 pt, no borders.
    pub line: Format,
}

const SONG: &str = "宋体";
const HEI: &str = "黑体";

impl Default for Styles {
    fn default() -> Self {
        Self::new()
    }
}

impl Styles {
    pub fn new() -> Self {
        let plain = Format::new().set_font_name(SONG).set_font_size(12);
        let cell = Format::new()
            .set_font_name(SONG)
            .set_font_size(11)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let centred = cell.clone().set_align(FormatAlign::Center);
        Self {
            title: Format::new()
                .set_font_name(HEI)
                .set_font_size(20)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            info_left: plain.clone().set_align(FormatAlign::Left),
            info_right: plain.clone().set_align(FormatAlign::Right),
            header: centred.clone().set_font_name(HEI).set_text_wrap(),
            center: centred.clone().set_text_wrap(),
            text: cell.clone().set_align(FormatAlign::Left).set_text_wrap(),
            number: centred.clone(),
            money: cell.clone().set_align(FormatAlign::Right).set_num_format("#,##0.00"),
            total_label: centred.clone().set_bold(),
            total_number: centred.clone().set_bold(),
            total_money: cell
                .clone()
                .set_align(FormatAlign::Right)
                .set_num_format("#,##0.00")
                .set_bold(),
            line: plain.set_align(FormatAlign::Left).set_text_wrap(),
        }
    }
}

/// Whether Excel would read the text as a formula if it were typed in; such text gets the quote
/// prefix so it stays text when the clerk edits the cell.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@'])
}

/// Writes user text as a string, never as a formula.
pub fn write_text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    text: &str,
    f: &Format,
) -> Result<()> {
    if looks_like_formula(text) {
        ws.write_string_with_format(row, col, text, &f.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, text, f)?;
    }
    Ok(())
}

/// Writes text across `first_col..=last_col` of one row (merged when more than one column).
pub fn write_merged(
    ws: &mut Worksheet,
    row: RowNum,
    first_col: ColNum,
    last_col: ColNum,
    text: &str,
    f: &Format,
) -> Result<()> {
    let quoted;
    let f = if looks_like_formula(text) {
        quoted = f.clone().set_quote_prefix();
        &quoted
    } else {
        f
    };
    if last_col > first_col {
        ws.merge_range(row, first_col, row, last_col, text, f)?;
    } else {
        ws.write_string_with_format(row, first_col, text, f)?;
    }
    Ok(())
}

/// A workbook whose document properties are fixed by `today`, so the same ledger on the same day
/// gives the same bytes (rust_xlsxwriter otherwise stamps the current time).
pub fn new_workbook(title: &str, settings: &UnitSettings, today: NaiveDate) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(today.year()).unwrap_or(2000),
        today.month() as u8,
        today.day() as u8,
    )?;
    let props = DocProperties::new()
        .set_title(title)
        .set_company(&settings.unit_name)
        .set_author(&settings.preparer)
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

/// Fen as the decimal text of yuan (`123456` → `1234.56`), for cached formula results.
fn yuan_text(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// How many lines `text` takes in a wrapped body cell `width` characters wide, by the rules of
/// [`super::layout`] (宋体 11 pt; dates and numbers kept whole).
pub fn wrapped_lines(text: &str, width: f64) -> u32 {
    layout::lines(text, layout::BODY, width)
}

/// 宋体 12 pt: the lines above and below a table.
pub(crate) const LINE_FONT: Font = Font::new(Face::Song, 12.0);
/// A header's explicit lines are kept whole up to this width; beyond it the header wraps.
const MAX_HEADER_WIDTH: f64 = 16.0;
/// A column is widened for a date, a number or an unbroken word up to this width; beyond it the
/// text is split (a pasted web address in 备注, say).
const MAX_WIDEN: f64 = 30.0;

/// Money as the `#,##0.00` format prints it, to measure it.
fn money_text(fen: i64) -> String {
    let yuan = yuan_text(fen);
    let (int, dec) = yuan.split_once('.').unwrap_or((&yuan, "00"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{dec}")
}

/// Each column's width: the width asked for, widened so that every explicit line of its header
/// fits whole (up to [`MAX_HEADER_WIDTH`]); a group header wider than its columns widens the last
/// of them.
pub(crate) fn header_widths(columns: &[Column]) -> Vec<f64> {
    let mut widths: Vec<f64> = columns
        .iter()
        .map(|c| c.width.max(layout::header_width(&c.header, layout::HEADER, MAX_HEADER_WIDTH)))
        .collect();
    for (group, span) in groups(columns) {
        let need = layout::header_width(group, layout::HEADER, f64::MAX);
        let have: f64 = widths[span.clone()].iter().sum();
        if need > have {
            widths[span.end - 1] += need - have;
        }
    }
    widths
}

/// The runs of adjacent columns that share a group header, with the group's text.
fn groups(columns: &[Column]) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < columns.len() {
        if let Some(g) = &columns[i].group {
            let mut end = i + 1;
            while end < columns.len() && columns[end].group.as_ref() == Some(g) {
                end += 1;
            }
            out.push((g.as_str(), i..end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The heights of the header rows (the second is used only for a two-row header): tall enough for
/// every header's lines at its column's width, so none is clipped. A header spanning both rows
/// gets the sum of the two.
pub(crate) fn header_heights(columns: &[Column], widths: &[f64]) -> (f64, f64) {
    let need = |text: &str, width: f64| layout::lines(text, layout::HEADER, width);
    let two_rows = columns.iter().any(|c| c.group.is_some());
    if !two_rows {
        let n = columns.iter().zip(widths).map(|(c, &w)| need(&c.header, w)).max().unwrap_or(1);
        return (layout::row_height(n, layout::HEADER).max(30.0), 0.0);
    }
    let top_lines = groups(columns)
        .iter()
        .map(|(g, span)| need(g, widths[span.clone()].iter().sum()))
        .max()
        .unwrap_or(1);
    let bottom_lines = columns
        .iter()
        .zip(widths)
        .filter(|(c, _)| c.group.is_some())
        .map(|(c, &w)| need(&c.header, w))
        .max()
        .unwrap_or(1);
    let top = layout::row_height(top_lines, layout::HEADER).max(20.0);
    let mut bottom = layout::row_height(bottom_lines, layout::HEADER).max(20.0);
    for (c, &w) in columns.iter().zip(widths).filter(|(c, _)| c.group.is_none()) {
        let spanning = layout::row_height(need(&c.header, w), layout::HEADER);
        if spanning > top + bottom {
            bottom = spanning - top;
        }
    }
    (top, bottom)
}

/// What goes above a table.
pub struct Heading<'a> {
    /// Row 1, merged across the table.
    pub title: &'a str,
    /// The unit, printed as `填报单位（盖章）：…` on the left of row 2.
    pub unit_name: &'a str,
    /// The right of row 2: `填报日期：2026年11月21日`, or `单位：元`.
    pub right: &'a str,
}

/// Writes one table onto a worksheet, top to bottom (so it also works with constant-memory
/// worksheets, which cannot go back to an earlier row).
pub struct TableSheet<'s> {
    styles: &'s Styles,
    kinds: Vec<Kind>,
    widths: Vec<f64>,
    next_row: RowNum,
    first_body_row: RowNum,
    sums: Vec<i64>,
    body_rows: u32,
}

impl<'s> TableSheet<'s> {
    /// Writes the title, the unit/date line and the header, sets column widths and the print setup.
    pub fn start(
        ws: &mut Worksheet,
        styles: &'s Styles,
        heading: &Heading<'_>,
        columns: &[Column],
    ) -> Result<Self> {
        let ncols = columns.len();
        if ncols < 2 {
            return Err(crate::Error::invalid("表格至少需要两列"));
        }
        let last = (ncols - 1) as ColNum;
        let widths = header_widths(columns);
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(i as ColNum, *w)?;
        }

        ws.set_row_height(0, 40)?;
        write_merged(ws, 0, 0, last, heading.title, &styles.title)?;

        ws.set_row_height(1, 22)?;
        let split = last / 2;
        let unit = format!("填报单位（盖章）：{}", heading.unit_name);
        write_merged(ws, 1, 0, split, &unit, &styles.info_left)?;
        write_merged(ws, 1, split + 1, last, heading.right, &styles.info_right)?;

        let two_rows = columns.iter().any(|c| c.group.is_some());
        let top: RowNum = 2;
        let bottom: RowNum = if two_rows { 3 } else { 2 };
        // Heights first: a constant-memory worksheet flushes a row as soon as a later one is written.
        let (top_height, bottom_height) = header_heights(columns, &widths);
        ws.set_row_height(top, top_height)?;
        if two_rows {
            ws.set_row_height(bottom, bottom_height)?;
        }
        let mut i = 0;
        while i < ncols {
            let col = i as ColNum;
            match &columns[i].group {
                None => {
                    if two_rows {
                        ws.merge_range(top, col, bottom, col, &columns[i].header, &styles.header)?;
                    } else {
                        ws.write_string_with_format(top, col, &columns[i].header, &styles.header)?;
                    }
                    i += 1;
                }
                Some(group) => {
                    let mut end = i;
                    while end + 1 < ncols && columns[end + 1].group.as_ref() == Some(group) {
                        end += 1;
                    }
                    write_merged(ws, top, col, end as ColNum, group, &styles.header)?;
                    for (j, c) in columns.iter().enumerate().take(end + 1).skip(i) {
                        ws.write_string_with_format(
                            bottom,
                            j as ColNum,
                            &c.header,
                            &styles.header,
                        )?;
                    }
                    i = end + 1;
                }
            }
        }

        let first_body_row = bottom + 1;
        ws.set_paper_size(9);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_margins(0.4, 0.4, 0.6, 0.7, 0.3, 0.3);
        ws.set_repeat_rows(top, bottom)?;
        ws.set_footer("&C第 &P 页，共 &N 页");
        // Each sheet is its own table: its pages count from 1 even when the whole workbook is
        // printed at once (LibreOffice otherwise numbers on from the previous sheet).
        ws.set_print_first_page_number(1);
        ws.set_freeze_panes(first_body_row, 0)?;

        Ok(Self {
            styles,
            kinds: columns.iter().map(|c| c.kind).collect(),
            widths,
            next_row: first_body_row,
            first_body_row,
            sums: vec![0; ncols],
            body_rows: 0,
        })
    }

    /// The 0-based row the next write goes to.
    pub fn next_row(&self) -> RowNum {
        self.next_row
    }

    /// Writes one body row; numbers in Count and Money columns are added to the 合计.
    pub fn row(&mut self, ws: &mut Worksheet, cells: &[Cell<'_>]) -> Result<()> {
        let r = self.next_row;
        let st = self.styles;
        // Spreadsheet programs do not all grow a row for wrapped text when they open a file
        // (LibreOffice and WPS often do not), so the height is set from the text: a long 反映问题
        // stays readable on screen and on paper instead of spilling over the next row. A column too
        // narrow for a date, a number or an ID is widened first (widths are written when the file
        // is saved, and a wider column only ever needs fewer lines than earlier rows were given).
        let mut lines = 1;
        let mut formatted: String;
        for (i, cell) in cells.iter().enumerate().take(self.kinds.len()) {
            let text: &str = match cell {
                Cell::Text(t) => t,
                Cell::Number(n) => {
                    formatted = n.to_string();
                    &formatted
                }
                Cell::Fen(f) => {
                    formatted = money_text(*f);
                    &formatted
                }
                Cell::Blank => continue,
            };
            // Most cells fit on one line: one pass over the characters settles them.
            if !text.contains('\n')
                && layout::text_px(text, layout::BODY) <= layout::usable_px(self.widths[i])
            {
                continue;
            }
            let whole = if self.kinds[i] == Kind::Text {
                layout::unbreakable_px(text, layout::BODY)
            } else {
                layout::text_px(text, layout::BODY)
            };
            let need = layout::width_for_px(whole).min(MAX_WIDEN);
            if need > self.widths[i] {
                self.widths[i] = need;
                ws.set_column_width(i as ColNum, need)?;
            }
            lines = lines.max(layout::lines(text, layout::BODY, self.widths[i]));
        }
        if lines > 1 {
            ws.set_row_height(r, layout::row_height(lines, layout::BODY))?;
        }
        for (i, kind) in self.kinds.iter().enumerate() {
            let col = i as ColNum;
            let cell = cells.get(i).copied().unwrap_or(Cell::Blank);
            let f = match kind {
                Kind::Center => &st.center,
                Kind::Text => &st.text,
                Kind::Serial | Kind::Count => &st.number,
                Kind::Money => &st.money,
            };
            match cell {
                Cell::Text("") => {
                    ws.write_blank(r, col, f)?;
                }
                Cell::Text(t) => write_text(ws, r, col, t, f)?,
                Cell::Number(n) => {
                    ws.write_number_with_format(r, col, n as f64, f)?;
                    if kind.summed() {
                        self.sums[i] += n;
                    }
                }
                Cell::Fen(fen) => {
                    ws.write_number_with_format(r, col, fen as f64 / 100.0, f)?;
                    if kind.summed() {
                        self.sums[i] += fen;
                    }
                }
                Cell::Blank => {
                    ws.write_blank(r, col, f)?;
                }
            }
        }
        self.next_row += 1;
        self.body_rows += 1;
        Ok(())
    }

    /// The `合    计` row: the label across the leading columns that are not summed, then a SUM
    /// formula with its cached result under every Count and Money column (readers that do not
    /// recalculate, such as previewers and importers, still see the right figure).
    pub fn total_row(&mut self, ws: &mut Worksheet) -> Result<()> {
        let r = self.next_row;
        let st = self.styles;
        let ncols = self.kinds.len();
        let label_end = self.kinds.iter().position(|k| k.summed()).unwrap_or(ncols).max(1) - 1;
        write_merged(ws, r, 0, label_end as ColNum, "合    计", &st.total_label)?;
        for i in label_end + 1..ncols {
            let col = i as ColNum;
            let kind = self.kinds[i];
            if !kind.summed() {
                ws.write_blank(r, col, &st.total_label)?;
                continue;
            }
            let (result, f) = match kind {
                Kind::Money => (yuan_text(self.sums[i]), &st.total_money),
                _ => (self.sums[i].to_string(), &st.total_number),
            };
            let formula = if self.body_rows == 0 {
                Formula::new("0").set_result(result)
            } else {
                let first = row_col_to_cell(self.first_body_row, col);
                let last = row_col_to_cell(r - 1, col);
                Formula::new(format!("SUM({first}:{last})")).set_result(result)
            };
            ws.write_formula_with_format(r, col, formula, f)?;
        }
        self.next_row += 1;
        Ok(())
    }

    /// A line of text across the whole table, without borders: `合计：N 人`, `说明：…`.
    pub fn line(&mut self, ws: &mut Worksheet, text: &str) -> Result<()> {
        let r = self.next_row;
        let last = (self.kinds.len() - 1) as ColNum;
        write_merged(ws, r, 0, last, text, &self.styles.line)?;
        // Long notes wrap; give them room, as row heights are not recomputed on opening.
        let lines = layout::lines(text, LINE_FONT, self.widths.iter().sum());
        ws.set_row_height(r, layout::row_height(lines, LINE_FONT).max(18.0))?;
        self.next_row += 1;
        Ok(())
    }

    /// The signature line under the table:
    /// `单位负责人：…      审核人：…      填表人：…      联系电话：…`.
    pub fn signature(&mut self, ws: &mut Worksheet, settings: &UnitSettings) -> Result<()> {
        self.next_row += 1;
        let text = signature_text(settings, self.widths.iter().sum());
        let r = self.next_row;
        let last = (self.kinds.len() - 1) as ColNum;
        write_merged(ws, r, 0, last, &text, &self.styles.line)?;
        let lines = layout::lines(&text, LINE_FONT, self.widths.iter().sum());
        ws.set_row_height(r, layout::row_height(lines, LINE_FONT).max(24.0))?;
        self.next_row += 1;
        Ok(())
    }
}

/// The signature line's text for a table `width` units wide; an empty name leaves room to sign by
/// hand. Where the four parts do not fit on one line they go on as many lines as they need, each
/// part whole: left to the spreadsheet, a narrow form broke the phone number at its hyphen.
pub fn signature_text(s: &UnitSettings, width: f64) -> String {
    let or_blank = |v: &str| if v.is_empty() { "          ".to_string() } else { v.to_string() };
    let parts = [
        format!("单位负责人：{}", or_blank(&s.head)),
        format!("审核人：{}", or_blank(&s.reviewer)),
        format!("填表人：{}", or_blank(&s.preparer)),
        format!("联系电话：{}", or_blank(&s.phone)),
    ];
    const GAP: &str = "      ";
    // A little room to spare: renderers measure slightly wider than the layout engine.
    let room = layout::usable_px(width) * 0.95;
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if layout::text_px(&format!("{line}{GAP}{part}"), LINE_FONT) <= room => {
                line.push_str(GAP);
                line.push_str(&part);
            }
            _ => lines.push(part),
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_line_breaks_between_its_parts_never_inside_one() {
        let s = UnitSettings {
            head: "周建平".into(),
            reviewer: "吴敏".into(),
            preparer: "王丽".into(),
            phone: "0371-65550123".into(),
            ..Default::default()
        };
        let wide = signature_text(&s, 200.0);
        assert_eq!(wide.lines().count(), 1, "{wide}");
        let narrow = signature_text(&s, 70.0);
        assert!(narrow.lines().count() > 1, "{narrow}");
        assert!(narrow.lines().any(|l| l.contains("联系电话：0371-65550123")), "{narrow}");
        for line in narrow.lines() {
            assert!(layout::lines(line, LINE_FONT, 70.0) == 1, "{line} fits its line");
        }
    }

    #[test]
    fn formula_like_text_is_recognised() {
        for t in ["=SUM(A1)", "+8613800000000", "-1", "@cmd"] {
            assert!(looks_like_formula(t), "{t}");
        }
        for t in ["张三", "1945.10", "", " =x"] {
            assert!(!looks_like_formula(t), "{t}");
        }
    }

    #[test]
    fn yuan_text_keeps_every_fen() {
        assert_eq!(yuan_text(123456), "1234.56");
        assert_eq!(yuan_text(5), "0.05");
        assert_eq!(yuan_text(-120005), "-1200.05");
    }
}
