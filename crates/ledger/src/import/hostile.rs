//! Text a cell must not bring into the ledger (issue 12): more than a spreadsheet cell can hold (an
//! export would later fail on it), and invisible characters — control characters such as NUL and
//! ESC, bidirectional overrides that make `张三` display as something else, zero-width characters.
//! The first is refused for its row and column; the others are removed with a warning.

use std::borrow::Cow;

/// What an Excel or WPS cell holds at most, in characters.
pub const MAX_CELL_CHARS: usize = crate::domain::limits::CELL_MAX_CHARS;

/// Whether `c` is invisible and never meant in a roster cell. Tabs and line breaks are kept (the
/// normalisation of each field turns them into spaces).
pub fn is_invisible(c: char) -> bool {
    crate::domain::invisible::is_invisible(c)
}

/// The cell's text with invisible characters removed, and a warning saying how many were removed;
/// an error when the text is longer than a cell can hold.
pub fn clean(text: &str) -> Result<(Cow<'_, str>, Option<String>), String> {
    let chars = text.chars().count();
    if chars > MAX_CELL_CHARS {
        return Err(format!(
            "这一格有 {chars} 个字符，超过了 Excel 单元格最多能容纳的 {MAX_CELL_CHARS} 个字符，无法导入。请在原表中删减这一格的内容后再导入"
        ));
    }
    if !text.chars().any(is_invisible) {
        return Ok((Cow::Borrowed(text), None));
    }
    let removed = text.chars().filter(|c| is_invisible(*c)).count();
    let kept: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    Ok((
        Cow::Owned(kept),
        Some(format!(
            "去掉了 {removed} 个看不见的控制字符（如空字符、ESC、改变文字方向的标记），请核对这一格的内容"
        )),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_removed_with_a_warning() {
        let cases = [
            ("张三", "张三", false),
            ("张\u{0}三", "张三", true),
            ("\u{1b}[31m李四", "[31m李四", true),
            ("\u{202E}三张", "三张", true),
            ("11010519451003001\u{200B}X", "11010519451003001X", true),
            ("北京市\n东城区\t1号", "北京市\n东城区\t1号", false),
        ];
        for (input, want, warned) in cases {
            let (text, warning) = clean(input).unwrap();
            assert_eq!(text, want, "{input:?}");
            assert_eq!(warning.is_some(), warned, "{input:?}");
        }
    }

    #[test]
    fn text_longer_than_a_cell_is_refused() {
        assert!(clean(&"字".repeat(MAX_CELL_CHARS)).is_ok());
        let err = clean(&"字".repeat(MAX_CELL_CHARS + 1)).unwrap_err();
        assert!(err.contains("32768 个字符") && err.contains("32767"), "{err}");
    }
}

/// The hostile files of issue 12, each through the real preview.
#[cfg(test)]
mod files {
    use super::super::{preview, RowStatus, Severity};
    use crate::progress::Silent;
    use crate::store::db::Ledger;
    use std::io::Write;
    use std::path::{Path, PathBuf};

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// A BIFF8 workbook stream: globals, then one sheet with NUMBER cells at these (row, col).
    fn xls(cells: &[(u16, u16)]) -> Vec<u8> {
        let record = |kind: u16, data: &[u8]| {
            let mut r = kind.to_le_bytes().to_vec();
            r.extend((data.len() as u16).to_le_bytes());
            r.extend(data);
            r
        };
        let bof = |dt: u16| {
            record(0x0809, &[&0x0600u16.to_le_bytes()[..], &dt.to_le_bytes(), &[0; 12]].concat())
        };
        let mut stream = [bof(0x0005), record(0x000A, &[])].concat();
        stream.extend(bof(0x0010));
        for (r, c) in cells {
            let data =
                [&r.to_le_bytes()[..], &c.to_le_bytes(), &[0, 0], &1.0f64.to_le_bytes()].concat();
            stream.extend(record(0x0203, &data));
        }
        stream.extend(record(0x000A, &[]));
        let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        cfb.create_stream("/Workbook").unwrap().write_all(&stream).unwrap();
        cfb.flush().unwrap();
        cfb.into_inner().into_inner()
    }

    #[test]
    fn an_xls_with_one_cell_at_iv65536_is_refused_before_it_is_expanded() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_in_memory().unwrap();
        let bytes = xls(&[(0, 0), (65535, 255)]);
        assert!(bytes.len() < 32_000, "a small file: {}", bytes.len());
        let e = super::super::bounds::xls_extent(&bytes).unwrap();
        assert_eq!((e.grid, e.cells), (65536 * 256, 2));
        let path = write(dir.path(), "sparse.xls", &bytes);
        let started = std::time::Instant::now();
        let err = preview(ledger.conn(), &path, &Silent).err().unwrap();
        assert!(err.to_string().contains("删除表格下方和右侧多余的行、列"), "{err}");
        assert!(started.elapsed().as_secs() < 5);
        let dense =
            super::super::bounds::xls_extent(&xls(&[(0, 0), (0, 1), (1, 0), (1, 1)])).unwrap();
        assert_eq!((dense.grid, dense.cells), (4, 4));
    }

    #[test]
    fn a_sparse_ods_is_refused_before_it_is_expanded() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_in_memory().unwrap();
        let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let path = write(dir.path(), "sparse.ods", &bytes);
        let err = preview(ledger.conn(), &path, &Silent).err().unwrap();
        assert!(err.to_string().contains("另存为 .xlsx"), "{err}");
    }

    #[test]
    fn text_longer_than_a_cell_is_an_error_for_its_row_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_in_memory().unwrap();
        let long = "长".repeat(40_000);
        let path = write(
            dir.path(),
            "long.csv",
            format!("姓名,出生年月,备注\n张三,1945.10,{long}\n李四,1946.01,\n").as_bytes(),
        );
        let p = preview(ledger.conn(), &path, &Silent).unwrap();
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[0].status, RowStatus::Invalid);
        let issue = &p.rows[0].issues[0];
        assert_eq!((issue.row, issue.column.as_str()), (2, "备注"));
        assert!(issue.message.contains("32767"), "{}", issue.message);
        assert_eq!(p.rows[1].status, RowStatus::New);
    }

    #[test]
    fn an_unclosed_csv_quote_is_an_error_for_its_row_not_a_merge() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_in_memory().unwrap();
        let text = "姓名,出生年月,住址\n张三,1945.10,\"北京市东城区\n李四,1946.01,上海\n王五,1947.02,\"广州\n一路\"\n";
        let path = write(dir.path(), "quote.csv", text.as_bytes());
        let p = preview(ledger.conn(), &path, &Silent).unwrap();
        let rows: Vec<(u32, &str, RowStatus)> =
            p.rows.iter().map(|r| (r.row, r.fields.name.as_str(), r.status)).collect();
        assert_eq!(
            rows,
            [
                (2, "张三", RowStatus::Invalid),
                (3, "李四", RowStatus::New),
                (4, "王五", RowStatus::New)
            ]
        );
        let issue = &p.rows[0].issues[0];
        assert_eq!(issue.column, "住址");
        assert!(issue.message.contains("引号没有配对"), "{}", issue.message);
        assert_eq!(
            p.rows[2].fields.address, "广州 一路",
            "a real line break in a quoted cell stays"
        );
    }

    #[test]
    fn invisible_characters_are_stripped_from_names_and_ids_with_a_warning_per_cell() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_in_memory().unwrap();
        let id = "11010519451003001X";
        let text =
            format!("姓名,身份证号\n张\u{0}三,{id}\n\u{202E}李四,{}\u{1b}\n", "110105194610030016");
        let path = write(dir.path(), "controls.csv", text.as_bytes());
        let p = preview(ledger.conn(), &path, &Silent).unwrap();
        assert_eq!(p.rows[0].fields.name, "张三");
        assert_eq!(p.rows[1].fields.name, "李四");
        assert_eq!(p.rows[1].fields.id_number, "110105194610030016");
        let warned: Vec<(u32, &str)> = p
            .rows
            .iter()
            .flat_map(|r| &r.issues)
            .filter(|i| i.severity == Severity::Warning && i.message.contains("控制字符"))
            .map(|i| (i.row, i.column.as_str()))
            .collect();
        assert_eq!(warned, [(2, "姓名"), (3, "姓名"), (3, "身份证号")]);

        // The same through an .xlsx.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "姓名").unwrap();
        sheet.write(0, 1, "出生年月").unwrap();
        sheet.write(1, 0, "王\u{1b}五\u{200B}").unwrap();
        sheet.write(1, 1, "1945.10").unwrap();
        let path = dir.path().join("controls.xlsx");
        book.save(&path).unwrap();
        let p = preview(ledger.conn(), &path, &Silent).unwrap();
        assert_eq!(p.rows[0].fields.name, "王五");
        assert!(p.rows[0].issues.iter().any(|i| i.message.contains("控制字符")));
    }
}
