//! 迁移: the whole ledger saved as one verified file the clerk places (a USB stick) to move to
//! another PC, and the ledger restored from such a file, or any backup, that the clerk picks.
//! The shell keeps the paths it picked; the core writes and checks (`store::backup`).

use crate::commands::{
    background_failed, pick_save_path_as, test_override, unit_name, CmdResult, SaveAs,
};
use crate::state::{stamp, today, AppState};
use ledger::store::backup::{self, Restored};
use ledger::Error;
use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Saves the whole ledger as one file (written under a temporary name, checked, then renamed);
/// the path written, or `None` when the clerk cancelled.
#[tauri::command]
pub async fn export_whole_ledger(app: AppHandle) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || -> CmdResult<Option<String>> {
        let name = ledger::export::names::whole_ledger_file_name(&unit_name(&app), today());
        let Some(dest) = pick_save_path_as(&app, &name, &WHOLE_LEDGER) else { return Ok(None) };
        let state = app.state::<AppState>();
        let ledger = state.ledger()?;
        backup::create_at(&ledger, &dest)?;
        Ok(Some(dest.display().to_string()))
    })
    .await
    .map_err(background_failed)?
}

/// Replaces the ledger with a ledger file or backup the clerk picks: the file is checked, the
/// current ledger backed up first, then swapped (`backup::restore`); `None` when cancelled.
#[tauri::command]
pub async fn restore_from_file(app: AppHandle) -> CmdResult<Option<Restored>> {
    tauri::async_runtime::spawn_blocking(move || -> CmdResult<Option<Restored>> {
        let Some(file) = pick_open(&app) else { return Ok(None) };
        let state = app.state::<AppState>();
        let mut ledger = state.ledger()?;
        if ledger.path().is_some_and(|p| p == file.as_path()) {
            return Err(
                Error::invalid("选中的就是正在使用的台账文件。请选择迁移文件或备份文件。").into()
            );
        }
        let restored = backup::restore(&mut ledger, &file, &stamp())?;
        // The restored ledger may have other operators (or none).
        crate::operators::refresh(&ledger);
        Ok(Some(restored))
    })
    .await
    .map_err(background_failed)?
}

/// The whole ledger, saved as one file.
const WHOLE_LEDGER: SaveAs =
    SaveAs { title: "导出整个台账（迁移）", filter: "台账文件", extension: "db" };

fn pick_open(app: &AppHandle) -> Option<PathBuf> {
    if let Some(path) = test_override("CADRE_LEDGER_PICK_FILE") {
        return Some(path);
    }
    app.dialog()
        .file()
        .set_title("选择迁移文件或备份文件")
        .add_filter("台账文件", &["db"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
