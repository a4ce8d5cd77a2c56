//! What the shell keeps between commands: the open ledger, the last import preview, the cancel flag
//! of the running job.

use ledger::import::ImportPreview;
use ledger::progress::{Progress, Stage};
use ledger::{Error, Ledger, Result, Stamp};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter};

pub struct AppState {
    ledger: Mutex<Ledger>,
    /// The preview the clerk is looking at; `import_apply` writes exactly this.
    pub preview: Mutex<Option<ImportPreview>>,
    pub cancel: Arc<AtomicBool>,
}

impl AppState {
    /// Opens the ledger with its checks. A missing file is the first run: it is created and the
    /// welcome step shows. An empty (0-byte) or foreign file is refused; a damaged one is opened
    /// read-only (see `ledger::store::opening`). The day's first open of a ledger backs it up, in
    /// the background.
    pub fn open(path: &Path) -> Result<Self> {
        let (ledger, damaged) = if path.exists() {
            let opened = ledger::store::opening::open_existing(path)?;
            if let Some(damage) = &opened.damage {
                eprintln!("{damage}");
            }
            (opened.ledger, opened.damage.is_some())
        } else {
            (Ledger::open(path)?, false)
        };
        // A damaged ledger is not copied: its copies would rotate the good backups out.
        if let Some(path) = ledger.path().filter(|_| !damaged) {
            daily_backup_in_background(path.to_path_buf());
        }
        Ok(Self {
            ledger: Mutex::new(ledger),
            preview: Mutex::new(None),
            cancel: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The ledger, or a clear error if an earlier command panicked while holding it.
    pub fn ledger(&self) -> Result<MutexGuard<'_, Ledger>> {
        self.ledger.lock().map_err(|_| {
            Error::Database("台账暂时不可用，请关闭程序后重新打开。数据不会丢失。".into())
        })
    }
}

/// The day's first backup (a copy of a 10,000-person ledger, checked: about a second) runs on its
/// own connection so the window opens without waiting for it. WAL lets it read a consistent
/// snapshot while the clerk works; the copy is written under a temporary name and renamed only
/// once verified, so closing the app meanwhile leaves no half backup.
fn daily_backup_in_background(path: std::path::PathBuf) {
    let spawned = std::thread::Builder::new().name("daily-backup".into()).spawn(move || {
        let done = Ledger::open(&path)
            .and_then(|ledger| ledger::store::backup::daily_if_due(&ledger, stamp().now));
        if let Err(e) = done {
            eprintln!("今天的自动备份没有做成：{e}");
        }
    });
    if let Err(e) = spawned {
        eprintln!("今天的自动备份没有做成：{e}");
    }
}

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn stamp() -> Stamp {
    Stamp { actor: ledger::app::os_user(), now: chrono::Local::now().naive_local() }
}

/// Forwards progress to the window as `job-progress` events (at most ~10 a second) and reads the
/// cancel flag set by `cancel_job`.
pub struct WindowProgress {
    app: AppHandle,
    cancel: Arc<AtomicBool>,
    last: Mutex<Instant>,
}

impl WindowProgress {
    pub fn new(app: AppHandle, cancel: Arc<AtomicBool>) -> Self {
        cancel.store(false, Ordering::SeqCst);
        Self { app, cancel, last: Mutex::new(Instant::now() - Duration::from_secs(1)) }
    }
}

impl Progress for WindowProgress {
    fn step(&self, stage: Stage, done: u64, total: u64) {
        let Ok(mut last) = self.last.lock() else { return };
        if last.elapsed() < Duration::from_millis(100) && done < total {
            return;
        }
        *last = Instant::now();
        let stage = serde_json::to_value(stage)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = self.app.emit("job-progress", ledger::app::JobProgress { stage, done, total });
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}
