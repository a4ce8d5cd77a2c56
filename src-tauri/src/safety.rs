//! 备份与恢复 and the audit check, for the settings page. The page names a backup by its file name
//! in the ledger's backup folder, never by a path.

use crate::commands::CmdResult;
use crate::state::{stamp, AppState};
use ledger::reports::audit_check::Verification;
use ledger::store::backup::{self, BackupInfo, Restored};
use ledger::Error;
use std::path::{Path, PathBuf};
use tauri::State;

fn ledger_path(state: &AppState) -> Result<PathBuf, Error> {
    state
        .ledger()?
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::invalid("内存中的台账没有备份。"))
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    Ok(backup::list(&ledger_path(&state)?))
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    let ledger = state.ledger()?;
    Ok(backup::create(&ledger, backup::MANUAL, stamp().now)?
        .ok_or_else(|| Error::invalid("内存中的台账无法备份。"))?)
}

/// Restores the backup of that file name; the app then goes on with the restored ledger.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, name: String) -> CmdResult<Restored> {
    let path = ledger_path(&state)?;
    let chosen = backup::list(&path)
        .into_iter()
        .find(|b| Path::new(&b.path).file_name().is_some_and(|n| n.to_string_lossy() == name))
        .ok_or_else(|| {
            Error::NotFound("找不到这个备份，可能已被轮换删除。请刷新备份列表。".into())
        })?;
    let mut ledger = state.ledger()?;
    let restored = backup::restore(&mut ledger, Path::new(&chosen.path), &stamp())?;
    // The restored ledger may have other operators (or none).
    crate::operators::refresh(&ledger);
    Ok(restored)
}

#[tauri::command(async)]
pub fn verify_audit(state: State<'_, AppState>) -> CmdResult<Verification> {
    let anchors = backup::anchors(&ledger_path(&state)?);
    Ok(ledger::reports::audit_check::verify(state.ledger()?.conn(), &anchors)?)
}
