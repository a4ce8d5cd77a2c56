//! Bounded work for sparse files (issue 12). calamine reads an `.xls` or `.ods` sheet into one dense
//! grid from its first to its last used cell, so a file of a few hundred bytes with a value in A1
//! and another in IV65536 (or an ODS row "repeated" a million times before a value) asks for
//! gigabytes. Before calamine opens such a file, the cells are counted from the file itself: where
//! the grid would be much larger than the cells really there, the file is refused with a message.

use crate::error::{Error, Result};
use std::io::{Cursor, Read};

/// A grid up to this many cells is always accepted (a 200,000-row roster of 30 columns is 6 million).
pub(crate) const FREE_CELLS: u64 = 8_000_000;
/// Above [`FREE_CELLS`], the grid may be at most this many times the cells really there.
pub(crate) const MAX_SPARSENESS: u64 = 20;

/// The dense grid one sheet asks for and the cells it really holds.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Extent {
    pub grid: u64,
    pub cells: u64,
}

fn check(extent: Extent) -> Result<()> {
    if extent.grid <= FREE_CELLS || extent.grid <= extent.cells.saturating_mul(MAX_SPARSENESS) {
        return Ok(());
    }
    Err(Error::file(format!(
        "这个表格里只有约 {} 个单元格有内容，却分布在约 {} 个单元格的范围内（很远的行或列里有零星内容，或大量重复的空行空列），读取它需要的内存远超正常花名册，已拒绝导入。上限是 {} 万个单元格。请在 Excel 或 WPS 中删除表格下方和右侧多余的行、列后另存为 .xlsx 再导入。",
        extent.cells,
        extent.grid,
        FREE_CELLS / 10_000
    )))
}

/// Tracks the bounding box of the cells of one sheet.
#[derive(Default)]
struct Boxed {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
    cells: u64,
    /// The grid a sheet declares before its cells (an `.xls` DIMENSIONS record), for which the
    /// reader reserves memory whatever the cells turn out to be.
    declared: u64,
}

impl Boxed {
    fn add(&mut self, row: u64, col: u64, count: u64) {
        let widen = |r: &mut Option<(u64, u64)>, lo: u64, hi: u64| {
            *r = Some(r.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        };
        widen(&mut self.rows, row, row);
        widen(&mut self.cols, col, col + count.saturating_sub(1));
        self.cells = self.cells.saturating_add(count);
    }

    fn extent(&self) -> Extent {
        let span = |r: Option<(u64, u64)>| r.map_or(0, |(a, b)| b - a + 1);
        let grid = span(self.rows).saturating_mul(span(self.cols)).max(self.declared);
        Extent { grid, cells: self.cells }
    }
}

/// How many cells a DIMENSIONS record makes calamine reserve (MS-XLS 2.4.90: the first row, the
/// row after the last, the first column, the column after the last; BIFF5 has 16-bit rows),
/// computed as calamine does, 32-bit wrap included, so a forged record is seen at the size it
/// would really ask for.
fn declared_cells(data: &[u8]) -> u64 {
    let u16_at =
        |i: usize| data.get(i..i + 2).map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])));
    let u32_at =
        |i: usize| data.get(i..i + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return 0,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row == 0 || last_col == 0 {
        return 1;
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(cols))
}

/// The largest sheet of an `.xls` (BIFF8) workbook, from its cell records.
pub(crate) fn xls_extent(bytes: &[u8]) -> Option<Extent> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let name = if cfb.exists("/Workbook") { "/Workbook" } else { "/Book" };
    let mut stream = Vec::new();
    cfb.open_stream(name).ok()?.read_to_end(&mut stream).ok()?;
    let mut worst = Extent::default();
    let mut sheet = Boxed::default();
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = stream.get(at + 4..at + 4 + len).unwrap_or(&[]);
        at += 4 + len;
        let rc = || {
            Some((
                u64::from(u16::from_le_bytes([*data.first()?, *data.get(1)?])),
                u64::from(u16::from_le_bytes([*data.get(2)?, *data.get(3)?])),
            ))
        };
        match kind {
            // BOF: a new substream (sheet); EOF ends it.
            0x0809 | 0x000A => {
                let e = sheet.extent();
                if e.grid > worst.grid {
                    worst = e;
                }
                sheet = Boxed::default();
            }
            // LABELSST, NUMBER, RK, LABEL, BOOLERR, FORMULA, BLANK, RSTRING
            0x00FD | 0x0203 | 0x027E | 0x0204 | 0x0205 | 0x0006 | 0x0201 | 0x00D6 => {
                if let Some((r, c)) = rc() {
                    sheet.add(r, c, 1);
                }
            }
            // DIMENSIONS: the sheet's declared range, which calamine reserves cells for.
            0x0200 => sheet.declared = declared_cells(data),
            // MULRK, MULBLANK: row, first column, …, last column (last two bytes).
            0x00BD | 0x00BE if data.len() >= 6 => {
                if let Some((r, c)) = rc() {
                    let last =
                        u64::from(u16::from_le_bytes([data[data.len() - 2], data[data.len() - 1]]));
                    sheet.add(r, c, last.saturating_sub(c) + 1);
                }
            }
            _ => {}
        }
    }
    let e = sheet.extent();
    Some(if e.grid > worst.grid { e } else { worst })
}

/// Refuses an `.xls` whose sheets would make a grid far larger than their cells.
pub(crate) fn check_xls(bytes: &[u8]) -> Result<()> {
    // calamine's own compound-file reader is lenient: from a container with a broken directory or
    // sector table it reads whatever the broken pointers give, and cell positions read from that
    // garbage asked it for 137 GB at once (found by fuzzing). A container the strict `cfb` reader
    // refuses is damaged, so it is refused here, before calamine sees it. (A container that is
    // sound but holds no workbook, such as a password-protected .xlsx, goes on to its own message.)
    if cfb::CompoundFile::open(Cursor::new(bytes)).is_err() {
        return Err(Error::file(
            "无法读取这个表格文件（文件内部结构已损坏）。请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入；若打不开，请找回原始文件。",
        ));
    }
    xls_extent(bytes).map_or(Ok(()), check)
}

/// The value of `name="…"` in a tag's text.
fn attribute(tag: &str, name: &str) -> Option<u64> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    tag[start..end].parse().ok()
}

/// The largest table of an ODS `content.xml`, expanding repeats only up to the last cell with a value
/// (trailing empty repeats, which LibreOffice writes in every file, cost calamine nothing).
pub(crate) fn ods_extent(xml: &str) -> Extent {
    let mut worst = Extent::default();
    let mut sheet = Boxed::default();
    let mut row: u64 = 0;
    let mut col: u64 = 0;
    let mut row_repeat: u64 = 1;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        let self_closing = tag.ends_with('/');
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').find(|n| !n.is_empty());
        let closing = tag.starts_with('/');
        match (closing, name.unwrap_or("")) {
            (false, "table:table") => {
                sheet = Boxed::default();
                row = 0;
            }
            (true, "table:table") => {
                let e = sheet.extent();
                if e.grid > worst.grid {
                    worst = e;
                }
            }
            (false, "table:table-row") => {
                row_repeat = attribute(tag, "table:number-rows-repeated").unwrap_or(1).max(1);
                col = 0;
                if self_closing {
                    row = row.saturating_add(row_repeat);
                }
            }
            (true, "table:table-row") => row = row.saturating_add(row_repeat),
            (false, "table:table-cell" | "table:covered-table-cell") => {
                let repeat = attribute(tag, "table:number-columns-repeated").unwrap_or(1).max(1);
                if !self_closing || tag.contains("office:value-type") {
                    sheet.add(row, col, repeat);
                    if row_repeat > 1 {
                        sheet.add(row.saturating_add(row_repeat - 1), col, repeat);
                        let more = repeat.saturating_mul(row_repeat - 2);
                        sheet.cells = sheet.cells.saturating_add(more);
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
        rest = &rest[close + 1..];
    }
    let e = sheet.extent();
    if e.grid > worst.grid {
        e
    } else {
        worst
    }
}

/// Refuses an `.ods` whose tables would make a grid far larger than their cells.
pub(crate) fn check_ods(bytes: &[u8]) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let Ok(mut entry) = zip.by_name("content.xml") else { return Ok(()) };
    let mut xml = String::new();
    if entry.read_to_string(&mut xml).is_err() {
        return Ok(()); // calamine reports what is wrong with it
    }
    check(ods_extent(&xml))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dense_roster_passes_and_a_sparse_grid_is_refused() {
        let cases = [
            (Extent { grid: 6_000_000, cells: 10 }, true),
            (Extent { grid: 16_777_216, cells: 2 }, false),
            (Extent { grid: 16_000_000, cells: 1_000_000 }, true),
            (Extent { grid: u64::MAX, cells: 3 }, false),
        ];
        for (extent, ok) in cases {
            assert_eq!(check(extent).is_ok(), ok, "{extent:?}");
        }
        let err = check(Extent { grid: 16_777_216, cells: 2 }).unwrap_err();
        assert!(err.to_string().contains("另存为 .xlsx"), "{err}");
    }

    #[test]
    fn ods_repeats_count_up_to_the_last_value() {
        let row = |cells: &str, repeat: u64| {
            format!("<table:table-row table:number-rows-repeated=\"{repeat}\">{cells}</table:table-row>")
        };
        let value = "<table:table-cell office:value-type=\"string\"><text:p>张三</text:p></table:table-cell>";
        let empty = |n: u64| format!("<table:table-cell table:number-columns-repeated=\"{n}\"/>");
        let table = |rows: &str| format!("<table:table table:name=\"S\">{rows}</table:table>");
        // LibreOffice's trailing empty rows and columns cost nothing.
        let normal = table(&format!(
            "{}{}",
            row(&format!("{value}{value}{}", empty(1022)), 1),
            row(&empty(1024), 1_048_575)
        ));
        assert_eq!(ods_extent(&normal), Extent { grid: 2, cells: 2 });
        // A value after a million repeated empty rows and 16,000 empty columns.
        let hostile = table(&format!(
            "{}{}{}",
            row(value, 1),
            row(&empty(1024), 1_048_000),
            row(&format!("{}{value}", empty(16_000)), 1)
        ));
        let e = ods_extent(&hostile);
        assert_eq!(e.cells, 2);
        assert!(e.grid > 1_000_000 * 16_000, "{e:?}");
        assert!(check(e).is_err());
    }
}

#[cfg(test)]
mod declared {
    use super::declared_cells;

    fn biff8(first_row: u32, row_after: u32, first_col: u16, col_after: u16) -> Vec<u8> {
        let mut d = Vec::new();
        d.extend(first_row.to_le_bytes());
        d.extend(row_after.to_le_bytes());
        d.extend(first_col.to_le_bytes());
        d.extend(col_after.to_le_bytes());
        d.extend([0, 0]);
        d
    }

    #[test]
    fn a_declared_range_counts_the_cells_calamine_reserves() {
        assert_eq!(declared_cells(&biff8(0, 1000, 0, 30)), 30_000);
        assert_eq!(declared_cells(&biff8(0, 65_536, 0, 256)), 65_536 * 256);
        // The last row before the first wraps in calamine's 32-bit arithmetic: billions of cells.
        assert!(declared_cells(&biff8(10, 5, 0, 256)) > 1_000_000_000);
        // An empty sheet, and a record of no known length.
        assert_eq!(declared_cells(&biff8(0, 0, 0, 0)), 1);
        assert_eq!(declared_cells(&[1, 2, 3]), 0);
    }
}
