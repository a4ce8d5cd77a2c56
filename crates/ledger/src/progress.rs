//! Progress and cancellation for long operations (imports and exports of many rows). The caller
//! supplies an implementation: the app forwards steps to the window and sets the flag when the clerk
//! presses 取消; the command-line tool ignores steps.

use std::sync::atomic::{AtomicBool, Ordering};

pub trait Progress: Sync {
    /// `done` of `total` units of the current stage (rows read, rows written …).
    fn step(&self, stage: Stage, done: u64, total: u64);
    /// Whether the clerk asked to stop. Operations check this between rows and, when it is set,
    /// undo what they did and return [`crate::Error::Cancelled`].
    fn cancelled(&self) -> bool;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading the file (an import checks the rows read so far at the same time).
    Reading,
    /// Checking rows.
    Checking,
    /// Writing to the ledger.
    Saving,
    /// Writing a spreadsheet.
    Writing,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Reading, Stage::Checking, Stage::Saving, Stage::Writing];

    /// What the progress bar says during the stage.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "正在读取并检查数据",
            Stage::Checking => "正在检查数据",
            Stage::Saving => "正在写入台账",
            Stage::Writing => "正在写出文件",
        }
    }
}

/// For callers that do not show progress and never cancel.
pub struct Silent;

impl Progress for Silent {
    fn step(&self, _: Stage, _: u64, _: u64) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// A progress sink that only carries a cancel flag, e.g. for tests of cancellation.
#[derive(Default)]
pub struct CancelFlag(pub AtomicBool);

impl Progress for CancelFlag {
    fn step(&self, _: Stage, _: u64, _: u64) {}
    fn cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Returns `Err(Cancelled)` when the clerk asked to stop.
pub fn check(progress: &dyn Progress) -> crate::Result<()> {
    if progress.cancelled() {
        Err(crate::Error::Cancelled)
    } else {
        Ok(())
    }
}
