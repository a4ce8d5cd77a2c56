//! Finding the header among the first rows of a sheet and saying which roster field each column
//! holds. Title rows (`XX单位离退休干部花名册`, `填报单位：…`) map to no field and lose to the real
//! header; a two-row header with merged group cells (`基础信息` over 性别 / 出生日期 / 民族) is read
//! column by column, taking the lower row's text where it names a field and the upper row's
//! otherwise. Which texts name which field is [`crate::domain::roster`]'s table, nothing here.
//!
//! Merged cells keep their text only in their first cell, so a group title is carried right across
//! the columns under it: while the upper cell is empty and the lower one is not, the column belongs
//! to the nearest group title on its left.

use super::read::{Cell, SheetRow};
use crate::domain::roster::{field_for_header, field_for_header_in, Field};
use std::collections::HashSet;

/// How many non-empty rows at the top of a sheet may hold the header.
pub(crate) const SCAN_ROWS: usize = 20;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HeaderColumn {
    pub index: usize,
    /// The header as found (two-row headers joined with `/`).
    pub text: String,
    /// `None` when the column is ignored (序号, unknown headers, a second column for the same field).
    pub field: Option<Field>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    /// The header's row numbers as the spreadsheet shows them.
    pub row_numbers: Vec<u32>,
    /// Index into the sheet's rows of the first row after the header.
    pub data_start: usize,
    pub columns: Vec<HeaderColumn>,
}

impl Header {
    pub(crate) fn column_for(&self, field: Field) -> Option<&HeaderColumn> {
        self.columns.iter().find(|c| c.field == Some(field))
    }
}

/// The spreadsheet's name for a column index: `A`, `Z`, `AA` …
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

fn texts(row: &SheetRow) -> Vec<String> {
    row.cells.iter().map(|c| c.display()).collect()
}

/// The header columns of one row alone.
fn single(row: &SheetRow) -> Vec<HeaderColumn> {
    texts(row)
        .into_iter()
        .enumerate()
        .map(|(index, text)| HeaderColumn { index, field: field_for_header(&text), text })
        .collect()
}

/// The header columns of two rows read together, or `None` when the lower row is not part of the
/// header (it looks like data: text under a column the upper row names, that names no field).
fn double(upper: &SheetRow, lower: &SheetRow) -> Option<Vec<HeaderColumn>> {
    let up = texts(upper);
    let low = texts(lower);
    let width = up.len().max(low.len());
    let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
    let mut group: Option<String> = None;
    let mut columns = Vec::with_capacity(width);
    let mut lower_named = 0;
    for index in 0..width {
        let (u, l) = (at(&up, index), at(&low, index));
        let u = if u.is_empty() {
            if l.is_empty() {
                group = None;
            }
            if l.is_empty() {
                String::new()
            } else {
                group.clone().unwrap_or_default()
            }
        } else {
            group = (!l.is_empty()).then(|| u.clone());
            u
        };
        let (lf, uf) = (field_for_header(&l), field_for_header(&u));
        if !l.is_empty() && lf.is_none() && uf.is_some() {
            return None;
        }
        if lf.is_some() {
            lower_named += 1;
        }
        let text = match (u.is_empty(), l.is_empty()) {
            (false, false) if u != l => format!("{u}/{l}"),
            (false, _) => u,
            (true, _) => l,
        };
        columns.push(HeaderColumn { index, text, field: lf.or(uf) });
    }
    (lower_named > 0).then_some(columns)
}

/// Distinct fields named, and whether 姓名 is one of them.
fn score(columns: &[HeaderColumn]) -> (usize, bool) {
    let fields: HashSet<Field> = columns.iter().filter_map(|c| c.field).collect();
    (fields.len(), fields.contains(&Field::Name))
}

/// Keeps only the first column for each field: a second `电话` column is shown as ignored.
fn dedupe(mut columns: Vec<HeaderColumn>) -> Vec<HeaderColumn> {
    let mut seen = HashSet::new();
    for c in &mut columns {
        if let Some(f) = c.field {
            if !seen.insert(f) {
                c.field = None;
            }
        }
    }
    columns
}

/// The header of a sheet: the row (or pair of rows) among the first [`SCAN_ROWS`] that names the most
/// roster fields, at least two of them including 姓名. Ties go to the single row, then the earlier.
pub(crate) fn find(rows: &[SheetRow]) -> Option<Header> {
    let top = &rows[..rows.len().min(SCAN_ROWS)];
    let mut best: Option<(usize, Header)> = None;
    let mut consider = |count: usize, header: Header| {
        if best.as_ref().is_none_or(|(c, _)| count > *c) {
            best = Some((count, header));
        }
    };
    for (i, row) in top.iter().enumerate() {
        let one = single(row);
        let (one_count, one_name) = score(&one);
        if one_name && one_count >= 2 {
            consider(
                one_count,
                Header { row_numbers: vec![row.number], data_start: i + 1, columns: one },
            );
        }
        let Some(next) = top.get(i + 1).filter(|n| n.number == row.number + 1) else {
            continue;
        };
        if let Some(two) = double(row, next) {
            // Both rows must add something, or the pair is a title row above a header (or a
            // header above a row that happens to hold header words).
            let (two_count, two_name) = score(&two);
            let (next_count, _) = score(&single(next));
            if two_name && two_count >= 2 && two_count > one_count.max(next_count) {
                consider(
                    two_count,
                    Header {
                        row_numbers: vec![row.number, next.number],
                        data_start: i + 2,
                        columns: two,
                    },
                );
            }
        }
    }
    best.map(|(_, h)| Header { columns: dedupe(h.columns), ..h })
}

/// Whether a row repeats the header (files pasted together from printed pages do that).
///
/// Asked of every data row, so text cells are compared without copying them: only their header
/// key is built, in one reused buffer. Other cells go through their displayed text as before.
pub(crate) fn is_repeated_header(row: &SheetRow) -> bool {
    let mut key = String::new();
    let (mut texts, mut named) = (0, 0);
    for cell in &row.cells {
        let is_named = match cell {
            Cell::Empty => continue,
            // The same test as `display()` being empty: normalising keeps any non-space.
            Cell::Text(t) if crate::domain::text::is_blank(t) => continue,
            Cell::Text(t) => field_for_header_in(t, &mut key).is_some(),
            other => {
                let text = other.display();
                if text.is_empty() {
                    continue;
                }
                field_for_header_in(&text, &mut key).is_some()
            }
        };
        texts += 1;
        named += usize::from(is_named);
    }
    named >= 2 && named * 2 >= texts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::Sheet;

    fn row(number: u32, cells: &[&str]) -> SheetRow {
        SheetRow {
            number,
            cells: cells
                .iter()
                .map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) })
                .collect(),
        }
    }

    fn sheet(rows: Vec<SheetRow>) -> Sheet {
        Sheet { name: "Sheet1".into(), rows }
    }

    #[test]
    fn column_letters() {
        let cases = [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")];
        for (i, want) in cases {
            assert_eq!(column_letter(i), want);
        }
    }

    #[test]
    fn skips_title_rows_and_maps_wrapped_headers() {
        let s = sheet(vec![
            row(1, &["某某局离退休干部花名册"]),
            row(2, &["填报单位（盖章）：某某局", "", "", "填报日期：2026年1月5日"]),
            row(3, &["序号", "姓  名", "出生\n年月", "职务\n（职级）", "身份证号"]),
            row(4, &["1", "张三", "1945.10", "", "110105194510030012"]),
        ]);
        let h = find(&s.rows).unwrap();
        assert_eq!(h.row_numbers, vec![3]);
        assert_eq!(h.data_start, 3);
        let fields: Vec<Option<Field>> = h.columns.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![
                None,
                Some(Field::Name),
                Some(Field::Birth),
                Some(Field::Grade),
                Some(Field::IdNumber)
            ]
        );
    }

    #[test]
    fn reads_a_two_row_header_with_merged_groups() {
        let s = sheet(vec![
            row(1, &["花名册"]),
            row(3, &["序号", "姓名", "基础信息", "", "", "身份证号码", "联系方式", ""]),
            row(4, &["", "", "性别", "出生日期", "民族", "", "本人电话", "紧急联系人"]),
            row(5, &["1", "张三", "男", "1945.10", "汉族", "110105194510030012", "", ""]),
        ]);
        let h = find(&s.rows).unwrap();
        assert_eq!(h.row_numbers, vec![3, 4]);
        assert_eq!(h.data_start, 3);
        let got: Vec<(&str, Option<Field>)> =
            h.columns.iter().map(|c| (c.text.as_str(), c.field)).collect();
        assert_eq!(
            got,
            vec![
                ("序号", None),
                ("姓名", Some(Field::Name)),
                ("基础信息/性别", Some(Field::Sex)),
                ("基础信息/出生日期", Some(Field::Birth)),
                ("基础信息/民族", Some(Field::Ethnicity)),
                ("身份证号码", Some(Field::IdNumber)),
                ("联系方式/本人电话", Some(Field::Phone)),
                ("联系方式/紧急联系人", Some(Field::EmergencyContact)),
            ]
        );
    }

    #[test]
    fn a_data_row_under_a_single_header_is_not_a_second_header_row() {
        let s = sheet(vec![
            row(1, &["姓名", "性别", "出生年月", "职务"]),
            row(2, &["张三", "男", "1945.10", "局长"]),
        ]);
        let h = find(&s.rows).unwrap();
        assert_eq!(h.row_numbers, vec![1]);
        assert_eq!(h.data_start, 1);
    }

    #[test]
    fn no_header_without_a_name_column() {
        let s = sheet(vec![row(1, &["性别", "出生年月"]), row(2, &["男", "1945.10"])]);
        assert_eq!(find(&s.rows), None);
    }

    #[test]
    fn second_column_for_the_same_field_is_ignored() {
        let s = sheet(vec![row(1, &["姓名", "电话", "手机"])]);
        let h = find(&s.rows).unwrap();
        assert_eq!(h.columns[1].field, Some(Field::Phone));
        assert_eq!(h.columns[2].field, None);
    }
}
