//! The backup folder the clerk chooses (a USB stick or a network share) for the settings page, and
//! the backup on a clean exit. The folder is picked in a native dialog here; the page never sends a
//! path, and the core keeps the chosen one as a setting of the ledger.

use crate::commands::{background_failed, test_override, CmdResult};
use crate::state::{stamp, AppState};
use ledger::store::backup::{self, CopyStatus};
use ledger::store::backup_copy;
use ledger::Error;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

fn status(state: &AppState) -> CmdResult<CopyStatus> {
    let ledger = state.ledger()?;
    let path =
        ledger.path().map(PathBuf::from).ok_or_else(|| Error::invalid("内存中的台账没有备份。"))?;
    Ok(backup::copy_status(ledger.conn(), &path)?)
}

/// The chosen folder, whether it can be written now and when it last got a copy.
#[tauri::command(async)]
pub fn backup_copy_status(state: State<'_, AppState>) -> CmdResult<CopyStatus> {
    status(&state)
}

/// Opens the folder dialog; the folder picked becomes the ledger's backup folder and gets a copy of
/// the newest backup at once. `None` when the clerk cancels.
#[tauri::command]
pub async fn pick_backup_folder(app: AppHandle) -> CmdResult<Option<CopyStatus>> {
    let picked = match test_override("CADRE_LEDGER_PICK_FOLDER") {
        Some(p) => Some(p),
        None => {
            let app = app.clone();
            tauri::async_runtime::spawn_blocking(move || {
                app.dialog()
                    .file()
                    .set_title("选择备份文件夹（U盘或共享文件夹）")
                    .blocking_pick_folder()
            })
            .await
            .map_err(background_failed)?
            .and_then(|p| p.into_path().ok())
        }
    };
    let Some(folder) = picked else { return Ok(None) };
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        {
            let mut ledger = state.ledger()?;
            if let Some(home) = ledger.path().map(backup::folder) {
                if home == folder {
                    return Err(Error::invalid(
                        "这是台账旁边的自动备份文件夹。请选择另一个位置，例如U盘或共享文件夹。",
                    )
                    .into());
                }
            }
            let stamp = stamp();
            ledger.with_tx(|tx| backup_copy::set_folder(tx, &stamp, Some(&folder)))?;
            // A first copy now, so the clerk sees the folder work before relying on it.
            if backup_copy::unavailable(&folder).is_none() {
                backup::create(&ledger, backup::MANUAL, stamp.now)?;
            }
        }
        status(&state).map(Some)
    })
    .await
    .map_err(background_failed)?
}

/// Stops copying to the chosen folder (the copies already there stay).
#[tauri::command(async)]
pub fn clear_backup_folder(state: State<'_, AppState>) -> CmdResult<CopyStatus> {
    {
        let mut ledger = state.ledger()?;
        let stamp = stamp();
        ledger.with_tx(|tx| backup_copy::set_folder(tx, &stamp, None))?;
    }
    status(&state)
}

/// The backup of a clean exit: when the app's last window has closed, a verified copy with the
/// reason 退出 if the ledger changed since its newest backup. The exit waits for it (nothing is
/// shown: the window is already gone); a failure is logged and the ledger is untouched.
pub fn on_exit(state: &AppState) {
    if state.closed() {
        return;
    }
    let Ok(ledger) = state.ledger() else { return };
    let started = std::time::Instant::now();
    match backup::on_exit_if_changed(&ledger, stamp().now) {
        Ok(Some(b)) => {
            eprintln!("退出前已备份：{}（{:.2} 秒）", b.path, started.elapsed().as_secs_f64())
        }
        Ok(None) => {}
        Err(e) => eprintln!("退出前的备份没有做成：{e}"),
    }
}
