//! Importing a roster from the files clerks actually have (DOMAIN.md, "Files clerks will try to
//! import"): `.xlsx`, `.xls`, WPS `.et`, `.csv` in UTF-8 or GBK; title rows above the header, two-row
//! merged headers, header synonyms, notes rows below the data, every date form, IDs stored as numbers.
//!
//! Two steps: [`preview`] reads and checks every row without writing anything; [`apply`] writes the
//! preview's good rows in one transaction (all or nothing).

mod bounds;
mod branch_names;
mod cells;
mod guarded;
mod header;
pub mod hostile;
mod profile_cells;
mod read;
mod relay;
#[cfg(test)]
mod tests;

use crate::domain::model::{PersonFields, PersonId};
use crate::domain::roster::{self, Field};
use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::progress::{self, Progress, Stage};
use crate::tables::people::{self, FieldIssue};
pub use guarded::{apply_with_backup, writes_anything};
use header::Header;
use read::{Sheet, SheetRow};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use ts_rs::TS;

/// What to do with a row that matches a person already in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateAction {
    /// Add as a new person anyway (a namesake, not the same person).
    Add,
    /// Fill the existing person's fields from the row (non-empty cells only).
    #[default]
    Update,
    /// Leave the existing person as they are.
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the file: row number as the spreadsheet shows it, the column's header, what is
/// wrong and what was expected — in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportIssue {
    pub row: u32,
    pub column: String,
    pub message: String,
    pub severity: Severity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Not in the ledger yet: will be added.
    New,
    /// Matches a person in the ledger (or an earlier row of the same file).
    Duplicate,
    /// Has errors: will not be written.
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviewRow {
    /// The row number as the spreadsheet shows it (1-based).
    pub row: u32,
    pub status: RowStatus,
    /// The row's values after normalisation and checking.
    pub fields: PersonFields,
    /// The ID number as the preview shows it (`110105********002X`), masked by the core.
    pub id_masked: String,
    pub duplicate_of: Option<PersonId>,
    /// Why it is a duplicate (`身份证号相同`, `姓名和出生年月相同`), empty otherwise.
    pub duplicate_reason: String,
    pub issues: Vec<ImportIssue>,
    /// The row's 六清楚 values, when the file has such columns and the row fills any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub profile: Option<crate::tables::profiles::Profile>,
}

/// How a column of the file was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// The spreadsheet column letter (`A`, `B` …).
    pub column: String,
    /// The header as found in the file (two-row headers joined: `基础信息/性别`).
    pub header: String,
    /// The roster field's header it maps to (`身份证号码`), or `None` when the column is ignored.
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub file_name: String,
    pub sheet_name: String,
    /// The rows (1-based) that formed the header.
    pub header_rows: Vec<u32>,
    pub columns: Vec<ColumnMapping>,
    pub rows: Vec<PreviewRow>,
    pub new_count: u32,
    pub duplicate_count: u32,
    pub invalid_count: u32,
    pub warning_count: u32,
    /// The branch names the rows to import carry that no party-branch record has: what the clerk
    /// may tick 新建这些支部 for (`ImportOptions::create_branches`).
    #[serde(default)]
    pub missing_branches: Vec<String>,
}

impl ImportPreview {
    /// The preview as the page receives it: each row's ID number, phone and address masked as the
    /// lists mask them. The shell keeps the full preview to apply; the page only shows it.
    pub fn masked(&self) -> ImportPreview {
        let mut page = self.clone();
        for row in &mut page.rows {
            crate::domain::privacy::mask_contact(&mut row.fields);
        }
        page
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportOptions {
    pub on_duplicate: DuplicateAction,
    /// Write the good rows even when some rows have errors. Without it, any error stops the import
    /// and nothing is written.
    pub skip_invalid: bool,
    /// Per-row choices that override `on_duplicate` (row number, action).
    pub overrides: Vec<(u32, DuplicateAction)>,
    /// 新建这些支部: create a record for each of the preview's `missing_branches`, in the import's
    /// transaction, so the rows are linked to them.
    pub create_branches: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            on_duplicate: DuplicateAction::Update,
            skip_invalid: false,
            overrides: Vec::new(),
            create_branches: false,
        }
    }
}

/// The outcome of an import, as the command-line tool prints it with `--json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub added: u32,
    pub updated: u32,
    pub skipped: u32,
    pub errors: Vec<ImportIssue>,
    pub warnings: Vec<ImportIssue>,
    /// Branch records created for the rows (新建这些支部).
    #[serde(default)]
    pub branches_created: u32,
}

/// First non-empty cells that start the notes under a table (or a total row): not people.
const NOTES_PREFIXES: &[&str] = &[
    "说明",
    "注:",
    "注：",
    "备注:",
    "备注：",
    "填表说明",
    "填表人",
    "单位负责人",
    "负责人:",
    "负责人：",
    "制表",
    "审核",
    "合计",
    "总计",
    "小计",
];

/// A row without a name is skipped quietly when it has fewer values than this (a group title such as
/// `一、离休干部`, a stray number); with more it is probably a person whose name was left out.
const NAMELESS_VALUES: usize = 3;

/// Reads and checks every row; writes nothing.
///
/// The file is read on a second thread while this one checks the rows already read, so a large
/// roster costs about as long as the slower of the two rather than both together.
pub fn preview(conn: &Connection, path: &Path, progress: &dyn Progress) -> Result<ImportPreview> {
    let mut book = read::open(path, progress)?;
    let Checked { sheet_name, header, rows } = check_book(conn, &mut book, progress)?;
    let count = |s: RowStatus| rows.iter().filter(|r| r.status == s).count() as u32;
    let missing_branches = branch_names::missing(conn, &rows)?;
    Ok(ImportPreview {
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        sheet_name,
        header_rows: header.row_numbers.clone(),
        columns: header
            .columns
            .iter()
            .map(|c| ColumnMapping {
                column: header::column_letter(c.index),
                header: c.text.clone(),
                field: c.field.map(|f| roster::column(f).header.to_string()).or_else(|| {
                    profile_cells::field_of(c).map(|f| profile_cells::header_of(f).to_string())
                }),
            })
            .collect(),
        new_count: count(RowStatus::New),
        duplicate_count: count(RowStatus::Duplicate),
        invalid_count: count(RowStatus::Invalid),
        warning_count: rows
            .iter()
            .filter(|r| r.issues.iter().any(|i| i.severity == Severity::Warning))
            .count() as u32,
        rows,
        missing_branches,
    })
}

/// The sheet that was imported, its header and its checked rows.
struct Checked {
    sheet_name: String,
    header: Header,
    rows: Vec<PreviewRow>,
}

/// What checking one sheet came to.
enum SheetOutcome {
    Checked(Header, Vec<PreviewRow>),
    /// No non-empty rows: passed over.
    Empty,
    /// Rows, but no header among the first ones: passed over, named if no sheet has a header.
    NoHeader,
    /// The file stores the sheet's rows out of order, so they are read whole and sorted first.
    OutOfOrder,
}

/// Rows handed from one import thread to the other at a time (see [`relay`]).
const BATCH_ROWS: usize = 256;

/// The first sheet whose header is found is checked; sheets without data are passed over.
fn check_book(
    conn: &Connection,
    book: &mut read::Book,
    progress: &dyn Progress,
) -> Result<Checked> {
    let mut without_header: Option<String> = None;
    for (i, sheet_name) in book.sheet_names().into_iter().enumerate() {
        // The roster export's 打印 sheet has only the printed columns (and may mask IDs); the
        // full register follows it.
        if sheet_name == crate::export::roster_print::PRINT_SHEET {
            continue;
        }
        let outcome = match stream_check(conn, book, i, progress)? {
            SheetOutcome::OutOfOrder => {
                check_sorted(conn, book.read_sheet(i, progress)?, progress)?
            }
            outcome => outcome,
        };
        match outcome {
            SheetOutcome::Checked(header, rows) => return Ok(Checked { sheet_name, header, rows }),
            SheetOutcome::Empty => {}
            SheetOutcome::NoHeader | SheetOutcome::OutOfOrder => {
                without_header.get_or_insert(sheet_name);
            }
        }
    }
    Err(match without_header {
        None => Error::file("表格里没有任何数据。请确认选对了文件，并且人员名单在第一个有内容的工作表里。"),
        Some(name) => Error::file(format!(
            "在工作表“{name}”的前20行没有找到表头。表头一行应包含“姓名”以及至少另一列（如“性别”“出生年月”“身份证号码”）。请检查表头文字，或把名单复制到导入模板里再导入。"
        )),
    })
}

/// Reads sheet `index` on a second thread and checks its rows on this one as they arrive, in
/// batches that go back to the reading thread once checked (see [`relay`]).
fn stream_check(
    conn: &Connection,
    book: &mut read::Book,
    index: usize,
    progress: &dyn Progress,
) -> Result<SheetOutcome> {
    let (read, checked) = relay::relay(
        |outbox| {
            // A failed send: the checker hung up, as it has what it needs, or it failed.
            let hung_up = || Err(Error::Cancelled);
            let mut batch = Vec::with_capacity(BATCH_ROWS);
            book.stream_sheet(index, progress, &mut |row| {
                batch.push(row);
                if batch.len() == BATCH_ROWS
                    && !outbox.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS)))
                {
                    return hung_up();
                }
                Ok(())
            })?;
            if !batch.is_empty() && !outbox.send(batch) {
                return hung_up();
            }
            Ok(())
        },
        |batches, returns| check_stream(conn, batches, &|b| returns.give_back(b), progress),
    );
    match checked {
        // Every row was taken, so a reading error means the rows are incomplete.
        Ok((outcome, true)) => read.map(|()| outcome),
        // The checker stopped early (no header, or the rows came out of order): whatever the rest
        // of the sheet holds does not matter.
        Ok((outcome, false)) => Ok(outcome),
        Err(e) => Err(e),
    }
}

/// Finds the header in the first rows, then checks the rest batch by batch as they come, handing
/// each checked batch to `give_back`. Returns the outcome and whether every row was taken.
fn check_stream(
    conn: &Connection,
    mut batches: impl Iterator<Item = Vec<SheetRow>>,
    give_back: &dyn Fn(Vec<SheetRow>),
    progress: &dyn Progress,
) -> Result<(SheetOutcome, bool)> {
    // The header is looked for in the first rows, which may span several small batches.
    let mut top: Vec<SheetRow> = Vec::new();
    let mut complete = true;
    for batch in batches.by_ref() {
        top.extend(batch);
        if top.len() >= header::SCAN_ROWS {
            complete = false;
            break;
        }
    }
    if top.is_empty() {
        return Ok((SheetOutcome::Empty, true));
    }
    if !top.is_sorted_by_key(|r| r.number) {
        return Ok((SheetOutcome::OutOfOrder, complete));
    }
    let Some(header) = header::find(&top) else {
        return Ok((SheetOutcome::NoHeader, complete));
    };
    let mut checker = RowChecker::new(conn, &header);
    let mut last = top.last().map_or(0, |r| r.number);
    for row in &top[header.data_start..] {
        checker.check(row, progress)?;
    }
    give_back(top);
    for batch in batches {
        for row in &batch {
            if row.number <= last {
                return Ok((SheetOutcome::OutOfOrder, false));
            }
            last = row.number;
            checker.check(row, progress)?;
        }
        give_back(batch);
    }
    let rows = checker.finish(progress);
    Ok((SheetOutcome::Checked(header, rows), true))
}

/// Checks a sheet read whole and sorted (the rare file that stores rows out of order).
fn check_sorted(conn: &Connection, sheet: Sheet, progress: &dyn Progress) -> Result<SheetOutcome> {
    let Some(header) = header::find(&sheet.rows) else {
        return Ok(if sheet.rows.is_empty() {
            SheetOutcome::Empty
        } else {
            SheetOutcome::NoHeader
        });
    };
    let mut checker = RowChecker::new(conn, &header);
    for row in &sheet.rows[header.data_start..] {
        checker.check(row, progress)?;
    }
    Ok(SheetOutcome::Checked(header.clone(), checker.finish(progress)))
}

fn issue(row: u32, column: &str, message: impl Into<String>, severity: Severity) -> ImportIssue {
    ImportIssue { row, column: column.to_string(), message: message.into(), severity }
}

fn is_notes(row: &SheetRow) -> bool {
    let starts_notes = |t: &str| NOTES_PREFIXES.iter().any(|p| t.starts_with(p));
    match row.cells.iter().find(|c| !c.is_empty()) {
        None => false,
        // Compacting text compacts its normalised form too: no need to build `display()` first.
        Some(read::Cell::Text(t)) => starts_notes(&crate::domain::text::compacted(t)),
        Some(other) => starts_notes(&crate::domain::text::compact(&other.display())),
    }
}

/// The file's own header for the field a validation issue names, so the clerk finds the column.
fn column_text(header: &Header, issue: &FieldIssue) -> String {
    roster::field_for_header(&issue.label)
        .and_then(|f| header.column_for(f))
        .map_or_else(|| issue.label.clone(), |c| c.text.clone())
}

/// `yyyy-mm` of a birth date known at least to the month: half of the name + birth-month key.
fn birth_month(p: &PersonFields) -> Option<String> {
    let b = p.birth?;
    Some(format!("{:04}-{:02}", b.year(), b.month()?))
}

/// The rows seen so far, to find a person listed twice in the same file. The name + birth-month
/// rule applies, as in [`people::find_duplicate`], only when one of the two rows has no ID number.
#[derive(Default)]
struct Seen {
    by_id: HashMap<String, u32>,
    /// (name, birth month) → (first row, first row without an ID number).
    by_name_month: HashMap<(String, String), (u32, Option<u32>)>,
    /// Ledger person → the first row that matched them.
    ledger: HashMap<PersonId, u32>,
}

impl Seen {
    fn earlier(&self, p: &PersonFields) -> Option<(u32, &'static str)> {
        if let Some(&row) = self.by_id.get(&p.id_number).filter(|_| !p.id_number.is_empty()) {
            return Some((row, "身份证号相同"));
        }
        let key = (p.name.clone(), birth_month(p)?);
        let &(any, without_id) = self.by_name_month.get(&key)?;
        let row = if p.id_number.is_empty() { Some(any) } else { without_id }?;
        Some((row, "姓名和出生年月相同"))
    }

    fn add(&mut self, row: u32, p: &PersonFields) {
        if !p.id_number.is_empty() {
            self.by_id.entry(p.id_number.clone()).or_insert(row);
        }
        if let Some(month) = birth_month(p) {
            let entry = self.by_name_month.entry((p.name.clone(), month)).or_insert((row, None));
            if p.id_number.is_empty() && entry.1.is_none() {
                entry.1 = Some(row);
            }
        }
    }
}

/// Checks data rows one by one, remembering the rows seen so far to find a person listed twice.
struct RowChecker<'a> {
    conn: &'a Connection,
    header: &'a Header,
    name_column: String,
    id_column: String,
    seen: Seen,
    data_rows: usize,
    out: Vec<PreviewRow>,
    profile_columns: Vec<profile_cells::ProfileColumn>,
    /// The branch records' names, read at the first row (`None` inside: the unit keeps none).
    branch_records: Option<Option<HashSet<String>>>,
}

impl<'a> RowChecker<'a> {
    fn new(conn: &'a Connection, header: &'a Header) -> Self {
        let column = |field: Field, default: &str| {
            header.column_for(field).map_or(default.to_string(), |c| c.text.clone())
        };
        Self {
            conn,
            header,
            name_column: column(Field::Name, "姓名"),
            id_column: column(Field::IdNumber, "身份证号码"),
            seen: Seen::default(),
            data_rows: 0,
            out: Vec::new(),
            profile_columns: profile_cells::columns(header),
            branch_records: None,
        }
    }

    fn finish(self, progress: &dyn Progress) -> Vec<PreviewRow> {
        let total = self.data_rows as u64;
        progress.step(Stage::Checking, total, total);
        self.out
    }

    fn check(&mut self, row: &SheetRow, progress: &dyn Progress) -> Result<()> {
        self.data_rows += 1;
        if self.data_rows > read::MAX_DATA_ROWS {
            return Err(Error::file(format!(
                "行数超过{}万，一次导入不了这么多行。请把表格拆分成几个文件分别导入。",
                read::MAX_DATA_ROWS / 10_000
            )));
        }
        if self.data_rows % 500 == 0 {
            progress::check(progress)?;
        }
        if is_notes(row) || header::is_repeated_header(row) {
            return Ok(());
        }
        let (header, name_column, id_column) = (self.header, &self.name_column, &self.id_column);
        let mut fields = PersonFields::default();
        let mut issues = Vec::new();
        let mut filled = 0;
        for col in &header.columns {
            let Some(field) = col.field else { continue };
            match cells::field_text(field, row.cell(col.index)) {
                Ok(None) => {}
                Ok(Some(t)) => {
                    filled += 1;
                    if let Some(w) = t.warning {
                        issues.push(issue(row.number, &col.text, w, Severity::Warning));
                    }
                    if let Err(e) = field.set_text(&mut fields, &t.text) {
                        issues.push(issue(row.number, &col.text, e, Severity::Error));
                    }
                }
                Err(e) => {
                    filled += 1;
                    issues.push(issue(row.number, &col.text, e, Severity::Error));
                }
            }
        }
        let (profile, profile_filled) =
            profile_cells::read(&self.profile_columns, row, &mut issues);
        filled += profile_filled;
        for (index, cell) in row.cells.iter().enumerate() {
            if let read::Cell::Unreadable(message) = cell {
                let column = header.columns.iter().find(|c| c.index == index).map_or_else(
                    || format!("第{}列", header::column_letter(index)),
                    |c| c.text.clone(),
                );
                issues.push(issue(row.number, &column, message.as_str(), Severity::Error));
            }
        }
        let broken = row.cells.iter().any(|c| matches!(c, read::Cell::Unreadable(_)));
        let nameless = crate::domain::text::compact(&fields.name).is_empty();
        if nameless && !broken {
            if filled < NAMELESS_VALUES {
                return Ok(());
            }
            issues.insert(
                0,
                issue(
                    row.number,
                    name_column,
                    "这一行有内容但没有姓名。如果是人员，请补上姓名；如果不是（如小计、分组标题），请在原表中删去这一行",
                    Severity::Error,
                ),
            );
        }
        let v = people::validate_owned(fields);
        for e in v.errors.iter().filter(|e| !(nameless && e.field == "name")) {
            issues.push(issue(row.number, &column_text(header, e), &e.message, Severity::Error));
        }
        for w in &v.warnings {
            issues.push(issue(row.number, &column_text(header, w), &w.message, Severity::Warning));
        }
        let fields = v.fields;
        if self.branch_records.is_none() {
            self.branch_records = Some(branch_names::records(self.conn)?);
        }
        if let Some(Some(records)) = &self.branch_records {
            if !fields.party_branch.is_empty() && !records.contains(&fields.party_branch) {
                let column = header
                    .column_for(Field::PartyBranch)
                    .map_or_else(|| "所在党支部".to_string(), |c| c.text.clone());
                issues.push(issue(
                    row.number,
                    &column,
                    branch_names::warning(&fields.party_branch),
                    Severity::Warning,
                ));
            }
        }
        let mut status = if issues.iter().any(|i| i.severity == Severity::Error) {
            RowStatus::Invalid
        } else {
            RowStatus::New
        };
        let mut duplicate_of = None;
        let mut duplicate_reason = String::new();
        if let Some((earlier, why)) = self.seen.earlier(&fields) {
            let column = if why == "身份证号相同" { id_column } else { name_column };
            issues.push(issue(
                row.number,
                column,
                format!("与第{earlier}行重复（{why}），同一人只能导入一次。请删去其中一行，或核对是否填错"),
                Severity::Error,
            ));
            status = RowStatus::Invalid;
        } else if status == RowStatus::New {
            if let Some((id, why)) = people::find_duplicate(self.conn, &fields)? {
                if let Some(earlier) = self.seen.ledger.get(&id) {
                    issues.push(issue(
                        row.number,
                        name_column,
                        format!("与第{earlier}行对应台账中的同一人员（{why}），请核对这两行是否是同一人"),
                        Severity::Error,
                    ));
                    status = RowStatus::Invalid;
                } else {
                    self.seen.ledger.insert(id, row.number);
                    status = RowStatus::Duplicate;
                    duplicate_of = Some(id);
                    duplicate_reason = why;
                }
            }
        }
        if !nameless {
            self.seen.add(row.number, &fields);
        }
        self.out.push(PreviewRow {
            row: row.number,
            status,
            id_masked: crate::domain::idcard::mask(&fields.id_number),
            fields,
            duplicate_of,
            duplicate_reason,
            issues,
            profile,
        });
        Ok(())
    }
}

/// The existing person's fields with every non-empty field of the row written over them; fields the
/// row leaves empty keep what the ledger has. Goes through the roster table's text forms, which
/// round-trip every field (tested in `roster`).
fn merge(existing: &PersonFields, row: &PersonFields) -> PersonFields {
    let mut out = existing.clone();
    for c in roster::COLUMNS {
        let text = c.field.text(row);
        // A value that does not read back (it cannot happen for validated fields) keeps the old one.
        if !text.is_empty() && c.field.set_text(&mut out, &text).is_err() {
            continue;
        }
    }
    out
}

fn field_issues(row: u32, list: &[FieldIssue], severity: Severity) -> Vec<ImportIssue> {
    list.iter().map(|f| issue(row, &f.label, &f.message, severity)).collect()
}

/// Adds warnings, leaving out ones already listed for the row.
fn add_warnings(to: &mut Vec<ImportIssue>, new: impl IntoIterator<Item = ImportIssue>) {
    for w in new {
        if !to.iter().any(|x| x.row == w.row && x.message == w.message) {
            to.push(w);
        }
    }
}

/// Writes the preview's rows. Call inside one transaction ([`crate::Ledger::with_tx`]); returning
/// `Err` rolls back.
///
/// Each row is re-checked against the ledger as it is now (duplicates are merged and validated
/// again, a new person's ID number must still be free). If any row has errors and
/// `options.skip_invalid` is not set, nothing is written — the rows already written are rolled
/// back to a savepoint — and the summary lists the errors (added = updated = 0). `skipped` counts
/// every row not written — invalid rows, duplicates set to 跳过, and duplicates whose update
/// changed nothing — so added + updated + skipped is the number of rows. Cancelling between rows
/// returns [`Error::Cancelled`], and the caller's transaction rolls back.
///
/// New people are validated and prepared (search key, audit entry) on a second thread a few
/// batches ahead of the SQLite writes on this one; the prepared parts go back to that thread to be
/// freed (see [`relay`] for why).
pub fn apply(
    conn: &Connection,
    stamp: &Stamp,
    preview: &ImportPreview,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary> {
    conn.execute_batch("SAVEPOINT import_rows")?;
    // Branches first: a record created here links the rows as they are written (migration 010).
    let created = if options.create_branches {
        crate::tables::branches::create_missing(conn, stamp, &preview.missing_branches)
    } else {
        Ok(0)
    };
    let written = created.and_then(|created| {
        write_rows(conn, stamp, preview, options, progress)
            .map(|s| ImportSummary { branches_created: created, ..s })
    });
    let undo = !matches!(&written, Ok(s) if s.errors.is_empty() || options.skip_invalid);
    if undo {
        conn.execute_batch("ROLLBACK TO import_rows")?;
    }
    conn.execute_batch("RELEASE import_rows")?;
    let summary = written?;
    if undo {
        return Ok(ImportSummary { errors: summary.errors, ..Default::default() });
    }
    let rows = summary_rows(&summary);
    progress.step(Stage::Saving, rows, rows);
    Ok(summary)
}

fn summary_rows(s: &ImportSummary) -> u64 {
    u64::from(s.added + s.updated + s.skipped)
}

/// What one row comes to before it reaches the ledger.
enum Ready {
    /// Not written: the errors say why (none for a duplicate set to 跳过).
    Refused(Vec<ImportIssue>),
    /// A new person, validated, with what writing them takes.
    Insert(people::ValidPerson, people::InsertExtras),
    /// A duplicate to fill in from the row; merged with the ledger's person when written.
    Update(PersonId, PersonFields),
}

/// What the preparing thread makes of one preview row; it needs no ledger.
fn prepare(
    row: &PreviewRow,
    overrides: &HashMap<u32, DuplicateAction>,
    on_duplicate: DuplicateAction,
) -> Ready {
    let action = match (row.status, row.duplicate_of) {
        (RowStatus::Invalid, _) => {
            let mut errors: Vec<ImportIssue> =
                row.issues.iter().filter(|x| x.severity == Severity::Error).cloned().collect();
            if errors.is_empty() {
                errors.push(issue(row.row, "", "这一行有错误，未导入", Severity::Error));
            }
            return Ready::Refused(errors);
        }
        (RowStatus::Duplicate, Some(id)) => {
            (overrides.get(&row.row).copied().unwrap_or(on_duplicate), Some(id))
        }
        _ => (DuplicateAction::Add, None),
    };
    match action {
        (DuplicateAction::Skip, _) => Ready::Refused(Vec::new()),
        (DuplicateAction::Update, Some(id)) => Ready::Update(id, row.fields.clone()),
        (_, _) => {
            let v = people::validate(&row.fields);
            let errors = field_issues(row.row, &v.errors, Severity::Error);
            match v.into_valid() {
                Ok(valid) => {
                    let extras = people::InsertExtras::of(&valid);
                    Ready::Insert(valid, extras)
                }
                Err(_) => Ready::Refused(errors),
            }
        }
    }
}

fn write_rows(
    conn: &Connection,
    stamp: &Stamp,
    preview: &ImportPreview,
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary> {
    let overrides: HashMap<u32, DuplicateAction> = options.overrides.iter().copied().collect();
    let total = preview.rows.len() as u64;
    let mut summary = ImportSummary::default();
    let ((), written) = relay::relay(
        |outbox| {
            for rows in preview.rows.chunks(BATCH_ROWS) {
                let batch =
                    rows.iter().map(|r| prepare(r, &overrides, options.on_duplicate)).collect();
                // A failed send: the writer stopped (an error or 取消).
                if !outbox.send(batch) {
                    break;
                }
            }
        },
        |batches, returns| {
            let mut rows = preview.rows.iter();
            let mut ids_in_ledger: HashSet<String> = HashSet::new();
            for batch in batches {
                let mut used = Vec::with_capacity(batch.len());
                for (ready, row) in batch.into_iter().zip(rows.by_ref()) {
                    let done = summary_rows(&summary);
                    if done % 500 == 0 {
                        progress.step(Stage::Saving, done, total);
                    }
                    progress::check(progress)?;
                    if let Some(extras) =
                        write_row(conn, stamp, row, ready, &mut ids_in_ledger, &mut summary)?
                    {
                        used.push(extras);
                    }
                }
                returns.give_back(used);
            }
            Ok::<_, Error>(())
        },
    );
    written?;
    Ok(summary)
}

/// Writes one prepared row, or refuses it, counting it into `summary`. Returns the extras of a
/// person written, to be freed by the thread that made them.
fn write_row(
    conn: &Connection,
    stamp: &Stamp,
    row: &PreviewRow,
    ready: Ready,
    ids_in_ledger: &mut HashSet<String>,
    summary: &mut ImportSummary,
) -> Result<Option<people::InsertExtras>> {
    let warnings = || row.issues.iter().filter(|x| x.severity == Severity::Warning).cloned();
    let refuse = |summary: &mut ImportSummary, errors: Vec<ImportIssue>| {
        summary.skipped += 1;
        summary.errors.extend(errors);
        Ok(None)
    };
    match ready {
        Ready::Refused(errors) => refuse(summary, errors),
        Ready::Insert(person, extras) => {
            let fields = person.fields();
            let taken = !fields.id_number.is_empty()
                && (ids_in_ledger.contains(&fields.id_number)
                    || id_in_ledger(conn, &fields.id_number)?);
            if taken {
                return refuse(
                    summary,
                    vec![issue(
                        row.row,
                        "身份证号码",
                        "台账中已有相同身份证号的人员，不能作为新人员添加。请对这一行选择“更新”或“跳过”",
                        Severity::Error,
                    )],
                );
            }
            let id = people::insert_prepared(conn, stamp, &person, &extras)?;
            if let Some(profile) = &row.profile {
                crate::tables::profiles::save(conn, stamp, id, profile)?;
            }
            if !fields.id_number.is_empty() {
                ids_in_ledger.insert(fields.id_number.clone());
            }
            summary.added += 1;
            summary.warnings.extend(warnings());
            Ok(Some(extras))
        }
        Ready::Update(id, fields) => {
            let existing = match people::get(conn, id) {
                Ok(p) => p.fields,
                Err(Error::NotFound(_)) => {
                    return refuse(
                        summary,
                        vec![issue(
                            row.row,
                            "",
                            "台账中对应的人员已不存在（可能刚被作废），请重新预览后再导入",
                            Severity::Error,
                        )],
                    );
                }
                Err(e) => return Err(e),
            };
            let v = people::validate(&merge(&existing, &fields));
            if !v.errors.is_empty() {
                return refuse(summary, field_issues(row.row, &v.errors, Severity::Error));
            }
            let warned = field_issues(row.row, &v.warnings, Severity::Warning);
            let profile_changed = match &row.profile {
                Some(profile) => {
                    let old = crate::tables::profiles::get(conn, id)?;
                    let new = crate::tables::profiles::merge(&old, profile);
                    crate::tables::profiles::save(conn, stamp, id, &new)?;
                    crate::tables::profiles::get(conn, id)? != old
                }
                None => false,
            };
            let person_changed = people::update_validated(conn, stamp, id, &v.into_valid()?)?;
            if person_changed || profile_changed {
                summary.updated += 1;
            } else {
                summary.skipped += 1;
            }
            let mut all: Vec<ImportIssue> = warnings().collect();
            add_warnings(&mut all, warned);
            summary.warnings.extend(all);
            Ok(None)
        }
    }
}

fn id_in_ledger(conn: &Connection, id_number: &str) -> Result<bool> {
    Ok(conn.prepare_cached(people::ID_LOOKUP)?.exists([id_number])?)
}
