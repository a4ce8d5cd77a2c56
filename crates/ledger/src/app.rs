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

/// The environment variable that points the app and the tool at another ledger file.
pub const DB_ENV: &str = "CADRE_LEDGER_DB";

/// The ledger file to use: `--db` if given, else `CADRE_LEDGER_DB`, else `ledger.db` in the user's
/// data folder (`%APPDATA%\cadre-ledger` on Windows, `$XDG_DATA_HOME/cadre-ledger` or
/// `~/.local/share/cadre-ledger` elsewhere). The app and the command-line tool agree on it.
pub fn resolve_db_path(explicit: Option<&std::path::Path>) -> std::path::PathBuf {
    use std::path::PathBuf;
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    let env_dir = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    let base = if cfg!(windows) {
        env_dir("APPDATA")
    } else {
        env_dir("XDG_DATA_HOME").or_else(|| env_dir("HOME").map(|h| h.join(".local").join("share")))
    };
    base.unwrap_or_else(|| PathBuf::from(".")).join("cadre-ledger").join("ledger.db")
}

/// The name of the person at the keyboard, for the audit log.
pub fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "本机用户".into())
}

/// Name of the settings flag set once the welcome step is done.
pub const SETUP_DONE: &str = "setup_done";

/// Gathers [`AppInfo`] for the window.
pub fn info(ledger: &crate::Ledger, today: chrono::NaiveDate) -> crate::Result<AppInfo> {
    let conn = ledger.conn();
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        db_path: ledger
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into()),
        first_run: !crate::tables::settings::get_flag(conn, SETUP_DONE)?,
        unit_name: crate::tables::settings::get(conn)?.unit_name,
        people_count: crate::tables::people::count_live(conn)?,
        today: today.format("%Y-%m-%d").to_string(),
    })
}

/// The welcome step: names the unit, optionally fills the ledger with demo people, and marks the
/// step done so it is not shown again.
pub fn setup(
    ledger: &mut crate::Ledger,
    stamp: &crate::Stamp,
    unit_name: &str,
    demo_people: Option<u32>,
    today: chrono::NaiveDate,
) -> crate::Result<AppInfo> {
    let unit_name = crate::domain::text::normalize(unit_name);
    if unit_name.is_empty() {
        return Err(crate::Error::invalid("请填写单位名称，它会印在每一张上报的表格上。"));
    }
    if let Some(n) = demo_people {
        crate::demo::populate(ledger, stamp, n, 2026, today, &crate::progress::Silent)?;
    }
    ledger.with_tx(|tx| {
        let mut settings = crate::tables::settings::get(tx)?;
        settings.unit_name = unit_name.clone();
        crate::tables::settings::save(tx, stamp, &settings)?;
        crate::tables::settings::set_flag(tx, SETUP_DONE, true)
    })?;
    info(ledger, today)
}
