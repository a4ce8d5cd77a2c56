//! Importing a roster from the files clerks actually have (DOMAIN.md, "Files clerks will try to
//! import"): `.xlsx`, `.xls`, WPS `.et`, `.csv` in UTF-8 or GBK; title rows above the header, two-row
//! merged headers, header synonyms, notes rows below the data, every date form, IDs stored as numbers.
//!
//! Two steps: [`preview`] reads and checks every row without writing anything; [`apply`] writes the
//! preview's good rows in one transaction (all or nothing).

use crate::model::{PersonFields, PersonId};
use serde::{Deserialize, Serialize};
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
    pub duplicate_of: Option<PersonId>,
    /// Why it is a duplicate (`身份证号相同`, `姓名和出生年月相同`), empty otherwise.
    pub duplicate_reason: String,
    pub issues: Vec<ImportIssue>,
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
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self { on_duplicate: DuplicateAction::Update, skip_invalid: false, overrides: Vec::new() }
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
}
