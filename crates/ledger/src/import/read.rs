//! Reading a file into plain rows of cells, whatever its format. The format is sniffed from the
//! first bytes, never from the extension: clerks' ".xls" files are often HTML pages or tab-separated
//! text saved by web systems, and WPS `.et` files are really `.xls` or `.xlsx`.
//!
//! Hostile or broken files are refused with a message before they can exhaust memory: files over
//! [`MAX_FILE_BYTES`], zip bombs (checked in the zip directory before calamine opens the workbook), more than [`MAX_DATA_ROWS`] rows. Only non-empty rows are kept, and cells far
//! to the right ([`MAX_COLUMNS`]) are dropped, so a stray value in cell XFD1048576 costs nothing.

use crate::error::{Error, Result};
use crate::progress::{self, Progress, Stage};
use calamine::{Data, DataRef, ExcelDateTime, Reader};
use chrono::NaiveDate;
use std::io::Cursor;
use std::path::Path;

/// Larger files are refused: a roster of a few thousand people is well under 5 MB.
pub(crate) const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// The most rows one import accepts.
pub(crate) const MAX_DATA_ROWS: usize = 200_000;
/// Title, header and notes rows allowed on top of [`MAX_DATA_ROWS`].
const SLACK_ROWS: usize = 100;
/// Cells right of this column are ignored; the roster has about 30 columns.
pub(crate) const MAX_COLUMNS: usize = 256;
/// The most a workbook may inflate to. A 200,000-row roster is about 150 MB of sheet XML.
const MAX_UNZIPPED_BYTES: u64 = 300 * 1024 * 1024;
/// Real workbooks compress sheet XML about 5–20 times; a zip bomb compresses by thousands.
const MAX_RATIO: u64 = 200;
/// Entries smaller than this are not ratio-checked (a tiny empty sheet compresses very well).
const RATIO_FLOOR: u64 = 10 * 1024 * 1024;

/// One cell as read, before it is interpreted for a column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel stores as a date (a number with a date format).
    Date(NaiveDate),
    Bool(bool),
    /// An error value such as `#N/A` or `#REF!`.
    Error(String),
    /// A cell the reader could not take apart (a CSV quote never closed): the message says why, and
    /// the row is an error (see `import::check`).
    Unreadable(String),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => crate::domain::text::is_blank(t),
            _ => false,
        }
    }

    /// The cell as a person reads it, for headers and messages.
    pub(crate) fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => crate::domain::text::normalize(t),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.into(),
            Cell::Error(e) => e.clone(),
            Cell::Unreadable(_) => String::new(),
        }
    }
}

/// A whole number without `.0`; other numbers as Rust prints them (shortest exact form).
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// A non-empty row: its number as the spreadsheet shows it (1-based) and its cells from column A.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SheetRow {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl SheetRow {
    pub(crate) fn cell(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sheet {
    pub name: String,
    pub rows: Vec<SheetRow>,
}

/// An opened file: a workbook whose sheets are read one at a time, or text that is one sheet.
pub(crate) enum Book {
    Xlsx(Box<calamine::Xlsx<Cursor<Vec<u8>>>>),
    Other(Box<calamine::Sheets<Cursor<Vec<u8>>>>),
    Text(Sheet),
}

impl Book {
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(x) => x.sheet_names(),
            Book::Other(s) => s.sheet_names(),
            Book::Text(sheet) => vec![sheet.name.clone()],
        }
    }

    /// A sheet's non-empty rows, sorted by row number.
    pub(crate) fn read_sheet(&mut self, index: usize, progress: &dyn Progress) -> Result<Sheet> {
        let name = self.sheet_names().get(index).cloned().unwrap_or_default();
        let mut rows = Vec::new();
        self.stream_sheet(index, progress, &mut |row| {
            rows.push(row);
            Ok(())
        })?;
        // Sheets store rows in order, but nothing forces them to.
        if !rows.is_sorted_by_key(|r| r.number) {
            rows.sort_by_key(|r| r.number);
        }
        Ok(Sheet { name, rows })
    }

    /// Hands a sheet's non-empty rows to `sink` one at a time, in the order the file stores them
    /// (ascending in every file Excel, WPS or LibreOffice writes; the caller checks). An error from
    /// `sink` stops the reading and is returned.
    pub(crate) fn stream_sheet(
        &mut self,
        index: usize,
        progress: &dyn Progress,
        sink: &mut dyn FnMut(SheetRow) -> Result<()>,
    ) -> Result<()> {
        let name = self.sheet_names().get(index).cloned().unwrap_or_default();
        match self {
            Book::Xlsx(x) => guarded(|| stream_xlsx_sheet(x, &name, progress, sink)),
            Book::Other(s) => {
                let range =
                    guarded(|| s.worksheet_range(&name).map_err(|e| unreadable(&e.to_string())))?;
                stream_range(&range, progress, sink)
            }
            Book::Text(sheet) => sheet.rows.iter().try_for_each(|row| sink(row.clone())),
        }
    }
}

/// Runs a step of calamine's reading with a panic turned into the file's error. calamine can panic
/// on a malformed file (found by fuzzing, `fuzz/`: an .xls whose compound-file sector chain points
/// past the file's end panics in its cfb reader); such a file is the file's fault, so it gets the
/// same 无法读取 message as any unreadable file instead of crashing the app or the tool.
fn guarded<T>(step: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step))
        .unwrap_or_else(|_| Err(unreadable("文件内部结构已损坏")))
}

fn unreadable(detail: &str) -> Error {
    Error::file(format!(
        "无法读取这个表格文件（{detail}）。文件可能已损坏或格式不受支持，请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入。"
    ))
}

fn unrecognised() -> Error {
    Error::file(
        "无法识别的文件格式：它不是 Excel、WPS 表格或 CSV 文件。请选择 .xlsx / .xls / .et / .csv 文件。",
    )
}

fn too_many_rows() -> Error {
    Error::file(format!(
        "行数超过{}万，一次导入不了这么多行。请把表格拆分成几个文件分别导入。",
        MAX_DATA_ROWS / 10_000
    ))
}

/// Reads the file and recognises its format.
pub(crate) fn open(path: &Path, progress: &dyn Progress) -> Result<Book> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::file(format!("无法打开文件 {shown}：{e}。请确认文件存在且没有被其他程序独占。"))
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::file(format!(
            "文件太大（{} MB），超过了 {} MB 的上限。花名册通常只有几 MB，请确认选对了文件，或拆分后再导入。",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Error::file(format!(
            "读取文件 {shown} 失败：{e}。如果文件正在 Excel 或 WPS 中打开，请先关闭。"
        ))
    })?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
    open_bytes(bytes, &ext, &stem, progress)
}

pub(crate) fn open_bytes(
    bytes: Vec<u8>,
    ext: &str,
    stem: &str,
    progress: &dyn Progress,
) -> Result<Book> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::file("文件是空的，里面没有任何内容。请确认选对了文件。"));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return guarded(move || open_zip(bytes));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return guarded(move || open_cfb(bytes));
    }
    let text = decode_text(&bytes).ok_or_else(unrecognised)?;
    if looks_like_markup(&text) {
        let ext =
            if ext.is_empty() { String::new() } else { format!("虽然扩展名是 .{ext}，") };
        return Err(Error::file(format!(
            "这个文件{ext}实际上是网页（HTML）或 XML 格式，通常是从网上系统导出的，不是真正的 Excel 表格。请用 Excel 或 WPS 打开它，再“另存为” .xlsx 格式后导入。"
        )));
    }
    Ok(Book::Text(read_delimited(&text, stem, progress)?))
}

/// Text in UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode 文本"), or else GBK
/// (what Chinese Excel and WPS write for "CSV"). `None` when the bytes are not text at all.
fn decode_text(bytes: &[u8]) -> Option<String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        if had_errors {
            return None;
        }
        text.into_owned()
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        s.to_string()
    } else {
        let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
        if had_errors {
            return None;
        }
        text.into_owned()
    };
    // Binary data decodes into many control characters; a text file has none but tabs and line
    // breaks, or a stray few, which the cells then lose with a warning (`hostile::clean`).
    let controls =
        text.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n')).count();
    (controls <= text.len() / 1000 + 3).then_some(text)
}

fn looks_like_markup(text: &str) -> bool {
    let start: String =
        text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']).chars().take(1).collect();
    start == "<"
}

/// CSV with proper quoting; tab-separated when the first line has more tabs than commas (web
/// systems' fake ".xls" and Excel's "文本文件(制表符分隔)").
fn read_delimited(text: &str, name: &str, progress: &dyn Progress) -> Result<Sheet> {
    let first_line = text.lines().next().unwrap_or("");
    let tabs = first_line.matches('\t').count();
    let commas = first_line.matches(',').count();
    let delimiter = if tabs > commas { b'\t' } else { b',' };
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(true).delimiter(delimiter);
    let mut rows = Vec::new();
    // Where parsing (re)starts: after a record whose quote never closed, the next line.
    let mut start = 0usize;
    let mut i = 0usize;
    'text: loop {
        let mut reader = builder.from_reader(&text.as_bytes()[start..]);
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break 'text,
                Ok(true) => {}
                Err(e) => {
                    return Err(Error::file(format!(
                    "CSV 文件第{}行格式有误（{e}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
                    i + 1
                )))
                }
            }
            if i % 500 == 0 {
                progress.step(Stage::Reading, i as u64, 0);
                progress::check(progress)?;
            }
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            i += 1;
            if let Some(broken) = unclosed_quote(&record, delimiter) {
                // That row is an error; the rows the quote swallowed are read again on their own.
                let mut cells: Vec<Cell> = record
                    .iter()
                    .take(broken.min(MAX_COLUMNS))
                    .map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) })
                    .collect();
                cells.push(Cell::Unreadable(
                    "这一格以引号开头，但引号没有配对，后面几行被并进了这一格。这一行没有导入，请在原表中删去或补全这个引号后重新导入".into(),
                ));
                rows.push(SheetRow { number, cells });
                let at = start + record.position().map_or(0, |p| p.byte() as usize);
                match text[at..].find('\n') {
                    Some(nl) => {
                        start = at + nl + 1;
                        continue 'text;
                    }
                    None => break 'text,
                }
            }
            let cells: Vec<Cell> = record
                .iter()
                .take(MAX_COLUMNS)
                .map(|s| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) })
                .collect();
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            rows.push(SheetRow { number, cells });
            if rows.len() > MAX_DATA_ROWS + SLACK_ROWS {
                return Err(too_many_rows());
            }
        }
    }
    Ok(Sheet { name: name.to_string(), rows })
}

/// The field of `record` whose opening quote swallowed the lines after it: a field spanning lines
/// whose later lines hold the delimiter, as rows of the file do. (A cell with a real line break, an
/// address typed on two lines, holds no delimiter after its break.)
fn unclosed_quote(record: &csv::StringRecord, delimiter: u8) -> Option<usize> {
    let delimiter = char::from(delimiter);
    record.iter().position(|field| field.split('\n').skip(1).any(|line| line.contains(delimiter)))
}

fn open_zip(bytes: Vec<u8>) -> Result<Book> {
    check_zip(&bytes)?;
    let names: Vec<String> = {
        let zip = zip::ZipArchive::new(Cursor::new(bytes.as_slice()))
            .map_err(|e| unreadable(&e.to_string()))?;
        zip.file_names().filter_map(|n| n.ok().map(|n| n.to_lowercase())).collect()
    };
    let has = |n: &str| names.iter().any(|x| x == n);
    let cursor = Cursor::new(bytes);
    if has("xl/workbook.xml") {
        let xlsx = calamine::Xlsx::new(cursor).map_err(|e| match e {
            calamine::XlsxError::Password => password_protected(),
            e => unreadable(&e.to_string()),
        })?;
        return Ok(Book::Xlsx(Box::new(xlsx)));
    }
    let sheets = if has("xl/workbook.bin") {
        calamine::Xlsb::new(cursor).map(calamine::Sheets::Xlsb).map_err(|e| e.to_string())
    } else if has("content.xml") {
        super::bounds::check_ods(cursor.get_ref())?;
        calamine::Ods::new(cursor).map(calamine::Sheets::Ods).map_err(|e| e.to_string())
    } else {
        return Err(Error::file(
            "这是一个压缩包（zip），不是表格文件。请解压后选择其中的 .xlsx / .xls / .csv 文件。",
        ));
    };
    Ok(Book::Other(Box::new(sheets.map_err(|e| unreadable(&e))?)))
}

fn password_protected() -> Error {
    Error::file("这个表格设置了打开密码，无法读取。请在 Excel 或 WPS 中打开后取消密码（文件→信息→保护工作簿），保存后再导入。")
}

fn zip_bomb() -> Error {
    Error::file(
        "这个文件解压后异常巨大（可能已损坏，或是恶意构造的文件），为保护电脑已拒绝读取。请确认文件来源，或用 Excel 或 WPS 打开后重新保存再导入。",
    )
}

/// Refuses zip bombs before calamine inflates anything, from the sizes the zip directory declares:
/// their total ([`MAX_UNZIPPED_BYTES`]) and their ratio to the compressed sizes. A crafted file that
/// declares small sizes and inflates to more is stopped by the `zip` crate itself, which since
/// version 9 fails a read that goes past the declared size (tested below with such a file).
fn check_zip(bytes: &[u8]) -> Result<()> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&format!("zip：{e}")))?;
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| unreadable(&format!("zip：{e}")))?;
        let size = entry.size();
        declared = declared.saturating_add(size);
        if size > RATIO_FLOOR && size / entry.compressed_size().max(1) > MAX_RATIO {
            return Err(zip_bomb());
        }
    }
    if declared > MAX_UNZIPPED_BYTES {
        return Err(zip_bomb());
    }
    Ok(())
}

fn open_cfb(bytes: Vec<u8>) -> Result<Book> {
    // An xlsx with an opening password is stored inside a compound file as "EncryptedPackage".
    let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let encrypted = bytes.windows(marker.len()).any(|w| w == marker.as_slice());
    super::bounds::check_xls(&bytes)?;
    match calamine::Xls::new(Cursor::new(bytes)) {
        Ok(xls) => Ok(Book::Other(Box::new(calamine::Sheets::Xls(xls)))),
        Err(_) if encrypted => Err(password_protected()),
        Err(calamine::XlsError::Password) => Err(password_protected()),
        Err(e) => Err(unreadable(&e.to_string())),
    }
}

/// An Excel date cell as a calendar date; the time of day is dropped.
fn excel_date(dt: &ExcelDateTime) -> Option<NaiveDate> {
    if !dt.is_datetime() {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
}

fn iso_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn from_data_ref(v: DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(i as f64),
        DataRef::Float(f) => Cell::Number(f),
        DataRef::String(s) => Cell::Text(s),
        DataRef::SharedString(s) => Cell::Text(s.to_string()),
        DataRef::Bool(b) => Cell::Bool(b),
        DataRef::DateTime(dt) => excel_date(&dt).map_or(Cell::Number(dt.as_f64()), Cell::Date),
        DataRef::DateTimeIso(s) => iso_date(&s).map_or(Cell::Text(s), Cell::Date),
        DataRef::DurationIso(s) => Cell::Text(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn from_data(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_date(dt).map_or(Cell::Number(dt.as_f64()), Cell::Date),
        Data::DateTimeIso(s) => iso_date(s).map_or(Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Gathers cells into non-empty rows as they stream in (row by row, as sheets store them) and hands
/// each finished row on, refusing a sheet with more rows than an import accepts.
struct RowStream<'a> {
    sink: &'a mut dyn FnMut(SheetRow) -> Result<()>,
    current: Option<SheetRow>,
    count: usize,
}

impl<'a> RowStream<'a> {
    fn new(sink: &'a mut dyn FnMut(SheetRow) -> Result<()>) -> Self {
        Self { sink, current: None, count: 0 }
    }

    fn push(&mut self, row: u32, col: u32, cell: Cell) -> Result<()> {
        let col = col as usize;
        if col >= MAX_COLUMNS || cell.is_empty() {
            return Ok(());
        }
        let number = row.saturating_add(1);
        if self.current.as_ref().is_some_and(|r| r.number != number) {
            self.finish_row()?;
        }
        let current = self.current.get_or_insert_with(|| SheetRow { number, cells: Vec::new() });
        if current.cells.len() <= col {
            current.cells.resize(col + 1, Cell::Empty);
        }
        current.cells[col] = cell;
        Ok(())
    }

    fn finish_row(&mut self) -> Result<()> {
        if let Some(row) = self.current.take() {
            self.count += 1;
            if self.count > MAX_DATA_ROWS + SLACK_ROWS {
                return Err(too_many_rows());
            }
            (self.sink)(row)?;
        }
        Ok(())
    }
}

fn stream_xlsx_sheet(
    xlsx: &mut calamine::Xlsx<Cursor<Vec<u8>>>,
    name: &str,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(SheetRow) -> Result<()>,
) -> Result<()> {
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(|e| unreadable(&e.to_string()))?;
    let total = u64::from(reader.dimensions().end.0) + 1;
    let mut rows = RowStream::new(sink);
    let mut last_reported = 0u32;
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e.to_string()))? {
        let (r, c) = cell.get_position();
        if r >= last_reported + 500 {
            last_reported = r;
            progress.step(Stage::Reading, u64::from(r), total);
            progress::check(progress)?;
        }
        rows.push(r, c, from_data_ref(cell.get_value().clone()))?;
    }
    rows.finish_row()
}

fn stream_range(
    range: &calamine::Range<Data>,
    progress: &dyn Progress,
    sink: &mut dyn FnMut(SheetRow) -> Result<()>,
) -> Result<()> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let total = range.height() as u64;
    let mut rows = RowStream::new(sink);
    for (i, row) in range.rows().enumerate() {
        if i % 500 == 0 {
            progress.step(Stage::Reading, i as u64, total);
            progress::check(progress)?;
        }
        let r = row0.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        for (j, v) in row.iter().enumerate() {
            let c = col0.saturating_add(u32::try_from(j).unwrap_or(u32::MAX));
            rows.push(r, c, from_data(v))?;
        }
        rows.finish_row()?;
    }
    Ok(())
}
