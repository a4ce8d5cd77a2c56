//! Types the desktop shell and the command-line tool share about the ledger as a whole.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the window needs to know when it opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// Where the ledger file is (shown in 设置 so the clerk can back it up).
    pub db_path: String,
    /// The welcome step has not been completed yet.
    pub first_run: bool,
    pub unit_name: String,
    pub people_count: u32,
    /// Today as the app sees it (ISO date), so ages in the UI agree with the core's.
    pub today: String,
}

/// A progress event sent to the window during a long import or export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct JobProgress {
    pub stage: String,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}
