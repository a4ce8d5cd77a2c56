//! What the shell keeps between commands: the open ledger, the last import preview, the cancel flag
//! of the running job.

use ledger::import::ImportPreview;
use ledger::progress::{Progress, Stage};
use ledger::{Error, Ledger, Result, Stamp};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter};

pub struct AppState {
    /// The first opening, still running on its own thread (see [`AppState::opening`]); the first
    /// caller that needs the ledger waits for it and puts its outcome in place.
    pending: Mutex<Option<JoinHandle<Result<Opened>>>>,
    ledger: Mutex<Ledger>,
    /// Why no ledger is open yet: encrypted and waiting for its password, or it could not be
    /// opened at all. Every command then answers with this error, so the window shows it (and, for
    /// a password, the unlock step) instead of the app exiting with nothing shown.
    closed: Mutex<Option<Closed>>,
    /// The ledger file the app was started on, or the one the clerk picked on the 无法打开 screen
    /// (the page never sends a path).
    path: Mutex<PathBuf>,
    /// What is wrong with a damaged ledger opened read-only; shown on every page.
    pub damage: Mutex<Option<String>>,
    /// The preview the clerk is looking at; `import_apply` writes exactly this.
    pub preview: Mutex<Option<ImportPreview>>,
    pub cancel: Arc<AtomicBool>,
}

impl AppState {
    /// Opens the ledger with its checks. A missing file is the first run: it is created and the
    /// welcome step shows. An empty (0-byte) or foreign file is refused; a damaged one is opened
    /// read-only (see `ledger::store::opening`). The day's first open of a ledger backs it up, in
    /// the background.
    #[cfg(test)]
    pub fn open(path: &Path) -> Result<Self> {
        Ok(Self::with(path, Ok(open_ledger(path, None)?)))
    }

    /// [`AppState::open`], or, when the ledger cannot be opened (or needs its password), a state
    /// whose every command answers why.
    pub fn open_or_explain(path: &Path) -> Self {
        Self::with(path, open_ledger(path, None))
    }

    /// [`AppState::open_or_explain`] on a thread of its own, so the window and WebKit start while
    /// the ledger is checked: the integrity check reads the whole file (a quarter of a second at
    /// 10,000 people, seconds at 100,000). Every method waits for the opening before it answers.
    pub fn opening(path: &Path) -> Self {
        let file = path.to_path_buf();
        match std::thread::Builder::new()
            .name("open-ledger".into())
            .spawn(move || open_ledger(&file, None))
        {
            Ok(handle) => {
                let state = Self::with(path, Ok((placeholder(), None)));
                if let Ok(mut pending) = state.pending.lock() {
                    *pending = Some(handle);
                }
                state
            }
            Err(_) => Self::open_or_explain(path),
        }
    }

    fn with(path: &Path, opened: Result<Opened>) -> Self {
        let (ledger, damage, closed) = match opened {
            Ok((ledger, damage)) => (ledger, damage, None),
            Err(e) => {
                eprintln!("无法打开台账 {}：{e}", path.display());
                (placeholder(), None, Some(Closed::from(&e)))
            }
        };
        Self {
            pending: Mutex::new(None),
            ledger: Mutex::new(ledger),
            closed: Mutex::new(closed),
            path: Mutex::new(path.to_path_buf()),
            damage: Mutex::new(damage),
            preview: Mutex::new(None),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Whether the first opening is still running. Never waits: the window's thread asks it.
    pub fn still_opening(&self) -> bool {
        match self.pending.try_lock() {
            Ok(pending) => pending.as_ref().is_some_and(|h| !h.is_finished()),
            // Someone is putting the opening in place right now.
            Err(_) => true,
        }
    }

    /// Waits for the first opening, if it is still running, and puts its outcome in place. Called
    /// first by every method that reads what it sets, before they take any other lock.
    fn settle(&self) {
        let Ok(mut pending) = self.pending.lock() else { return };
        let Some(handle) = pending.take() else { return };
        let opened = handle.join().unwrap_or_else(|_| Err(unavailable()));
        let (Ok(mut closed), Ok(mut ledger), Ok(mut damage)) =
            (self.closed.lock(), self.ledger.lock(), self.damage.lock())
        else {
            return;
        };
        match opened {
            Ok((opened, found)) => {
                *ledger = opened;
                *damage = found;
            }
            Err(e) => {
                eprintln!("无法打开台账 {}：{e}", self.path().display());
                *closed = Some(Closed::from(&e));
            }
        }
    }

    /// Opens the encrypted ledger with `password`; a wrong one leaves the app locked.
    pub fn unlock(&self, password: &str) -> Result<()> {
        self.settle();
        // Locks in the order `ledger()` takes them: closed, then ledger.
        let mut closed = self.closed.lock().map_err(|_| unavailable())?;
        let (ledger, damage) = open_ledger(&self.path(), Some(password))?;
        *self.ledger.lock().map_err(|_| unavailable())? = ledger;
        *self.damage.lock().map_err(|_| unavailable())? = damage;
        *closed = None;
        Ok(())
    }

    /// Whether no ledger is open (waiting for its password, or it could not be opened).
    pub fn closed(&self) -> bool {
        self.settle();
        self.closed.lock().map(|c| c.is_some()).unwrap_or(true)
    }

    /// Whether the ledger is encrypted and waiting for its password.
    pub fn locked(&self) -> bool {
        self.settle();
        self.closed.lock().map(|c| c.as_ref().is_some_and(|c| c.locked)).unwrap_or(false)
    }

    pub fn path(&self) -> PathBuf {
        self.path.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Goes on with another ledger file (the 无法打开 screen's 选择其他台账文件, or after a restore
    /// over the file that could not be opened): opened with its checks, or the state says why not.
    pub fn switch_to(&self, path: &Path) -> Result<()> {
        self.settle();
        let mut closed = self.closed.lock().map_err(|_| unavailable())?;
        *self.path.lock().map_err(|_| unavailable())? = path.to_path_buf();
        match open_ledger(path, None) {
            Ok((ledger, damage)) => {
                *self.ledger.lock().map_err(|_| unavailable())? = ledger;
                *self.damage.lock().map_err(|_| unavailable())? = damage;
                *closed = None;
            }
            Err(e) => {
                *self.ledger.lock().map_err(|_| unavailable())? = placeholder();
                *closed = Some(Closed::from(&e));
            }
        }
        Ok(())
    }

    /// Puts `ledger` (just restored over the file that could not be opened) in place.
    pub fn reopened(&self, ledger: Ledger) -> Result<()> {
        self.settle();
        let mut closed = self.closed.lock().map_err(|_| unavailable())?;
        *self.ledger.lock().map_err(|_| unavailable())? = ledger;
        *self.damage.lock().map_err(|_| unavailable())? = None;
        *closed = None;
        Ok(())
    }

    /// The ledger, or a clear error if an earlier command panicked while holding it.
    pub fn ledger(&self) -> Result<MutexGuard<'_, Ledger>> {
        self.settle();
        let mut closed = self.closed.lock().map_err(|_| unavailable())?;
        // A ledger that could not be opened is tried again (the page's 重试, after the clerk put
        // the right file back); one waiting for its password waits for `unlock`.
        if closed.as_ref().is_some_and(|c| !c.locked) {
            if let Ok((ledger, damage)) = open_ledger(&self.path(), None) {
                *self.ledger.lock().map_err(|_| unavailable())? = ledger;
                *self.damage.lock().map_err(|_| unavailable())? = damage;
                *closed = None;
            }
        }
        if let Some(closed) = closed.as_ref() {
            return Err(if closed.locked {
                Error::Locked(closed.message.clone())
            } else {
                Error::Database(closed.message.clone())
            });
        }
        self.ledger.lock().map_err(|_| unavailable())
    }
}

/// Why no ledger is open.
struct Closed {
    locked: bool,
    message: String,
}

impl From<&Error> for Closed {
    fn from(e: &Error) -> Self {
        Closed { locked: e.kind() == ledger::ErrorKind::Locked, message: e.to_string() }
    }
}

/// An opened ledger, and what is wrong with it when it is damaged and open read-only.
type Opened = (Ledger, Option<String>);

fn unavailable() -> Error {
    Error::Database("台账暂时不可用，请关闭程序后重新打开。数据不会丢失。".into())
}

/// Stands in for the ledger until it is opened; never written (every command is refused first).
fn placeholder() -> Ledger {
    Ledger::open_in_memory().unwrap_or_else(|e| panic!("SQLite 无法在内存中打开：{e}"))
}

/// Opens the ledger with its checks. A missing file is the first run: it is created and the
/// welcome step shows. An empty (0-byte) or foreign file is refused; an encrypted one needs
/// `password`; a damaged one is opened read-only (see `ledger::store::opening`), with what is wrong.
/// The day's first open of a sound ledger backs it up, in the background.
fn open_ledger(path: &Path, password: Option<&str>) -> Result<Opened> {
    let (ledger, damage) = if path.exists() {
        let opened = ledger::store::opening::open_existing_with_key(path, password)?;
        if let Some(damage) = &opened.damage {
            eprintln!("{damage}");
        }
        (opened.ledger, opened.damage)
    } else {
        (Ledger::open(path)?, None)
    };
    crate::operators::refresh(&ledger);
    // A damaged ledger is not copied: its copies would rotate the good backups out.
    if let Some(path) = ledger.path().filter(|_| damage.is_none()) {
        daily_backup_in_background(path.to_path_buf(), ledger.key().map(str::to_owned));
    }
    Ok((ledger, damage))
}

/// The day's first backup (a copy of a 10,000-person ledger, checked: about a second) runs on its
/// own connection and a low-priority thread, so the window opens without waiting for it and the
/// first pages are not slowed by it. WAL lets it read a consistent
/// snapshot while the clerk works; the copy is written under a temporary name and renamed only
/// once verified, so closing the app meanwhile leaves no half backup.
/// An encrypted ledger's backup connection needs its key, like the copy it makes.
fn daily_backup_in_background(path: std::path::PathBuf, key: Option<String>) {
    let spawned = crate::background::spawn_quiet("daily-backup", move || {
        let done = Ledger::open_with_key(&path, key.as_deref())
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
    // The operator signed in (issue 12), else the OS user as before operators existed.
    let actor = crate::operators::current_actor().unwrap_or_else(ledger::app::os_user);
    Stamp { actor, now: chrono::Local::now().naive_local() }
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The app opens its ledger while the window starts: the first command waits for it, then
    /// finds the ledger as it is on disk.
    #[test]
    fn a_ledger_opened_while_the_window_starts_answers_the_first_command() {
        // Opening a ledger sets the process-wide operator session, as the operators' test does.
        let _serial = crate::operators::TEST_SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        Ledger::open(&path)
            .unwrap()
            .conn()
            .execute_batch("INSERT INTO settings (key, value) VALUES ('unit_name', '示范市审计局')")
            .unwrap();
        let state = AppState::opening(&path);
        let unit = ledger::tables::settings::get(state.ledger().unwrap().conn()).unwrap().unit_name;
        assert_eq!(unit, "示范市审计局");
        assert!(!state.closed());
        assert!(!state.still_opening());
    }
}
