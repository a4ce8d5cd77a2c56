//! Prints a [`crate::reports::forms::Form`] the way the bureau's forms look: title, 填报单位 line, a header
//! of up to three rows built from each column's header path (merged where columns share a group),
//! the 项目 and 编号 columns, the figures, a `合    计` row of SUM formulas with cached results,
//! 说明 lines and the signature. Widths and heights come from [`super::layout`], like every table.

use super::layout;
use super::sheet::{signature_text, write_merged, Styles, LINE_FONT};
use crate::domain::date::chinese_date;
use crate::domain::model::UnitSettings;
use crate::error::Result;
use crate::reports::forms::{Form, Paper};
use chrono::NaiveDate;
use rust_xlsxwriter::{utility::row_col_to_cell, ColNum, Formula, RowNum, Workbook};

/// Widths of the 项目 and 编号 columns, before widening for the labels.
const LABEL_WIDTH: f64 = 12.0;
const NUMBER_WIDTH: f64 = 5.0;
/// A figure column is at least this wide; a longer leaf header wraps up to [`MAX_LEAF`] wide.
const MIN_FIGURE: f64 = 6.0;
const MAX_LEAF: f64 = 16.0;

/// One header cell: its text and the rectangle it covers (header rows are counted from 0).
struct HeaderCell {
    text: String,
    top: usize,
    bottom: usize,
    first: usize,
    last: usize,
}

/// The header cells of a form: 项目 and 编号 spanning every header row, then each figure column's
/// path, merged across adjacent columns with the same group at the same depth, and a leaf shorter
/// than the deepest path spanning down to the last header row.
fn header_cells(form: &Form) -> (usize, Vec<HeaderCell>) {
    let depth = form.columns.iter().map(Vec::len).max().unwrap_or(1);
    let mut cells = vec![
        HeaderCell { text: "项目".into(), top: 0, bottom: depth - 1, first: 0, last: 0 },
        HeaderCell { text: "编号".into(), top: 0, bottom: depth - 1, first: 1, last: 1 },
    ];
    for level in 0..depth {
        let mut i = 0;
        while i < form.columns.len() {
            let p = &form.columns[i];
            if level >= p.len() {
                i += 1;
                continue;
            }
            let leaf = level + 1 == p.len();
            let mut end = i;
            if !leaf {
                while end + 1 < form.columns.len()
                    && form.columns[end + 1].len() > level + 1
                    && form.columns[end + 1][..=level] == p[..=level]
                {
                    end += 1;
                }
            }
            cells.push(HeaderCell {
                text: p[level].clone(),
                top: level,
                bottom: if leaf { depth - 1 } else { level },
                first: i + 2,
                last: end + 2,
            });
            i = end + 1;
        }
    }
    (depth, cells)
}

/// Column widths: labels fit whole, leaf headers up to [`MAX_LEAF`], groups spread over their
/// columns (the last column of a group widened when the group's text needs more).
fn widths(form: &Form, cells: &[HeaderCell]) -> Vec<f64> {
    let label_px =
        form.rows.iter().map(|r| layout::text_px(&r.label, layout::BODY)).fold(0.0, f64::max);
    let mut w = vec![LABEL_WIDTH.max(layout::width_for_px(label_px)), NUMBER_WIDTH];
    w.extend(form.columns.iter().map(|p| {
        let leaf = p.last().map(String::as_str).unwrap_or("");
        MIN_FIGURE.max(layout::header_width(leaf, layout::HEADER, MAX_LEAF))
    }));
    for c in cells.iter().filter(|c| c.last > c.first) {
        let need = layout::width_for_px(layout::unbreakable_px(&c.text, layout::HEADER));
        let have: f64 = w[c.first..=c.last].iter().sum();
        if need > have {
            w[c.last] += need - have;
        }
    }
    w
}

/// Heights of the header rows: each cell's lines at its width fit the rows it covers.
fn header_heights(depth: usize, cells: &[HeaderCell], widths: &[f64]) -> Vec<f64> {
    let mut h = vec![layout::row_height(1, layout::HEADER).max(20.0); depth];
    let mut by_span: Vec<&HeaderCell> = cells.iter().collect();
    by_span.sort_by_key(|c| c.bottom - c.top);
    for c in by_span {
        let width: f64 = widths[c.first..=c.last].iter().sum();
        let need =
            layout::row_height(layout::lines(&c.text, layout::HEADER, width), layout::HEADER);
        let have: f64 = h[c.top..=c.bottom].iter().sum();
        if need > have {
            h[c.bottom] += need - have;
        }
    }
    h
}

/// The statistics workbook: every official form, one sheet each, then the three combined sheets.
pub fn forms_workbook(
    forms: &[Form],
    stats: &crate::reports::stats::YearlyStats,
    settings: &UnitSettings,
    today: NaiveDate,
) -> Result<Workbook> {
    let title = format!("{}{}年度离退休干部统计报表", settings.unit_name, stats.year);
    let mut wb = super::sheet::new_workbook(&title, settings, today)?;
    let styles = Styles::new();
    for form in forms {
        write_form(&mut wb, &styles, form, settings, today)?;
    }
    super::yearly::add_stats_sheets(&mut wb, stats, settings, today)?;
    Ok(wb)
}

/// Adds one sheet for `form`.
pub fn write_form(
    wb: &mut Workbook,
    styles: &Styles,
    form: &Form,
    settings: &UnitSettings,
    today: NaiveDate,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(&form.sheet)?;
    let (depth, cells) = header_cells(form);
    let widths = widths(form, &cells);
    let last = (widths.len() - 1) as ColNum;
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as ColNum, *w)?;
    }
    let total_width: f64 = widths.iter().sum();

    ws.set_row_height(0, 40)?;
    write_merged(ws, 0, 0, last, &form.title, &styles.title)?;
    ws.set_row_height(1, 22)?;
    let split = (last / 2).max(1);
    let unit = format!("填报单位（盖章）：{}", settings.unit_name);
    write_merged(ws, 1, 0, split, &unit, &styles.info_left)?;
    let right = format!("填报日期：{}", chinese_date(today));
    write_merged(ws, 1, split + 1, last, &right, &styles.info_right)?;

    let top: RowNum = 2;
    for (i, h) in header_heights(depth, &cells, &widths).iter().enumerate() {
        ws.set_row_height(top + i as RowNum, *h)?;
    }
    for c in &cells {
        let (r1, r2) = (top + c.top as RowNum, top + c.bottom as RowNum);
        let (c1, c2) = (c.first as ColNum, c.last as ColNum);
        if r1 == r2 && c1 == c2 {
            ws.write_string_with_format(r1, c1, &c.text, &styles.header)?;
        } else {
            ws.merge_range(r1, c1, r2, c2, &c.text, &styles.header)?;
        }
    }

    let first_body = top + depth as RowNum;
    let mut r = first_body;
    let data_rows = if form.total { form.rows.len() - 1 } else { form.rows.len() };
    for (i, row) in form.rows.iter().enumerate() {
        let is_total = form.total && i == form.rows.len() - 1;
        let (label_f, num_f) = if is_total {
            (&styles.total_label, &styles.total_number)
        } else {
            (&styles.text, &styles.number)
        };
        let lines = layout::lines(&row.label, layout::BODY, widths[0]);
        if lines > 1 {
            ws.set_row_height(r, layout::row_height(lines, layout::BODY))?;
        }
        super::sheet::write_text(ws, r, 0, &row.label, label_f)?;
        ws.write_string_with_format(r, 1, &row.number, num_f)?;
        for (j, v) in row.values.iter().enumerate() {
            let col = (j + 2) as ColNum;
            if is_total && data_rows > 0 {
                let range = format!(
                    "SUM({}:{})",
                    row_col_to_cell(first_body, col),
                    row_col_to_cell(r - 1, col)
                );
                ws.write_formula_with_format(
                    r,
                    col,
                    Formula::new(range).set_result(v.to_string()),
                    num_f,
                )?;
            } else {
                ws.write_number_with_format(r, col, *v as f64, num_f)?;
            }
        }
        r += 1;
    }
    for note in &form.notes {
        write_merged(ws, r, 0, last, note, &styles.line)?;
        let lines = layout::lines(note, LINE_FONT, total_width);
        ws.set_row_height(r, layout::row_height(lines, LINE_FONT))?;
        r += 1;
    }
    r += 1;
    let signature = signature_text(settings, total_width);
    write_merged(ws, r, 0, last, &signature, &styles.line)?;
    let lines = layout::lines(&signature, LINE_FONT, total_width);
    ws.set_row_height(r, layout::row_height(lines, LINE_FONT).max(24.0))?;

    ws.set_paper_size(match form.paper {
        Paper::A4 => 9,
        Paper::A3 => 8,
    });
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.7, 0.3, 0.3);
    ws.set_repeat_rows(top, first_body - 1)?;
    ws.set_footer("&C第 &P 页，共 &N 页");
    ws.set_print_first_page_number(1);
    ws.set_freeze_panes(first_body, 2)?;
    Ok(())
}
