//! The 无法打开 screen's actions, for a ledger that could not be opened at all (0 bytes, not a
//! ledger, damaged beyond reading): its verified backups, restoring one over the file, and going on
//! with another ledger file picked in the shell's own dialog. Each refuses while a ledger is open,
//! so none of them can replace a ledger the clerk is working on.

use crate::commands::{background_failed, test_override, CmdResult};
use crate::state::{stamp, today, AppState};
use ledger::app::AppInfo;
use ledger::store::backup::{self, BackupInfo};
use ledger::Error;
use std::path::Path;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

fn only_when_unopened(state: &AppState) -> Result<(), Error> {
    if state.closed() && !state.locked() {
        Ok(())
    } else {
        Err(Error::invalid("台账已经打开。要恢复备份，请到「单位设置」的备份与恢复中操作。"))
    }
}

/// The backups of the ledger that could not be opened, newest first (found beside it, without
/// opening it).
#[tauri::command(async)]
pub fn unopened_backups(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    only_when_unopened(&state)?;
    Ok(backup::list(&state.path()))
}

/// Restores the backup of that file name over the ledger that could not be opened (the file is
/// kept beside the backups first), then opens it.
#[tauri::command(async)]
pub fn restore_unopened(state: State<'_, AppState>, name: String) -> CmdResult<AppInfo> {
    only_when_unopened(&state)?;
    let path = state.path();
    let chosen = backup::list(&path)
        .into_iter()
        .find(|b| Path::new(&b.path).file_name().is_some_and(|n| n.to_string_lossy() == name))
        .ok_or_else(|| Error::NotFound("找不到这个备份，请重新打开列表后再选。".into()))?;
    let (ledger, _) = backup::restore_unopened(&path, Path::new(&chosen.path), &stamp())?;
    state.reopened(ledger)?;
    let ledger = state.ledger()?;
    Ok(ledger::app::info(&ledger, today())?)
}

/// Opens the file dialog; the ledger picked is opened with its checks (or the screen shows why
/// not, or asks for its password). `false` when the clerk cancels.
#[tauri::command]
pub async fn open_other_ledger(app: AppHandle) -> CmdResult<bool> {
    only_when_unopened(&app.state::<AppState>())?;
    let picked = match test_override("CADRE_LEDGER_PICK_LEDGER") {
        Some(p) => Some(p),
        None => {
            let app = app.clone();
            tauri::async_runtime::spawn_blocking(move || {
                app.dialog()
                    .file()
                    .set_title("选择台账文件")
                    .add_filter("台账文件", &["db"])
                    .blocking_pick_file()
            })
            .await
            .map_err(background_failed)?
            .and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = picked else { return Ok(false) };
    tauri::async_runtime::spawn_blocking(move || {
        app.state::<AppState>().switch_to(&path)?;
        Ok(true)
    })
    .await
    .map_err(background_failed)?
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::only_when_unopened;
    use crate::state::{stamp, AppState};
    use ledger::domain::model::{PersonFields, PersonInput};
    use ledger::store::backup;
    use ledger::Ledger;
    use std::path::Path;

    fn ledger_with_backup(path: &Path, name: &str) -> backup::BackupInfo {
        let ledger = Ledger::open(path).unwrap();
        let fields = PersonFields { name: name.into(), ..Default::default() };
        ledger::tables::people::insert(
            ledger.conn(),
            &stamp(),
            &PersonInput { fields, family: vec![] },
        )
        .unwrap();
        backup::create(&ledger, backup::MANUAL, stamp().now).unwrap().unwrap()
    }

    #[test]
    fn an_unopenable_ledger_is_restored_from_its_backup_and_the_app_goes_on_with_it() {
        // Opening a ledger sets the process-wide operator session, as the operators' test does.
        let _serial = crate::operators::TEST_SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let good = ledger_with_backup(&path, "张三");
        std::fs::write(&path, b"").unwrap();
        let state = AppState::opening(&path);
        assert!(only_when_unopened(&state).is_ok());
        assert_eq!(backup::list(&state.path())[0].path, good.path);
        let (ledger, _) =
            backup::restore_unopened(&state.path(), Path::new(&good.path), &stamp()).unwrap();
        state.reopened(ledger).unwrap();
        assert!(!state.closed());
        assert_eq!(backup::contents(state.ledger().unwrap().conn()).unwrap().people, 1);
        // Once a ledger is open, the screen's actions are refused.
        assert!(only_when_unopened(&state).is_err());
    }

    #[test]
    fn another_ledger_file_can_be_picked_and_a_bad_one_keeps_the_screen() {
        // Opening a ledger sets the process-wide operator session, as the operators' test does.
        let _serial = crate::operators::TEST_SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        std::fs::write(&path, b"not a ledger at all, just text").unwrap();
        let other = dir.path().join("other.db");
        ledger_with_backup(&other, "李四");
        let state = AppState::opening(&path);
        assert!(state.closed());
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        state.switch_to(&empty).unwrap();
        assert!(state.ledger().err().unwrap().to_string().contains("0 字节"));
        state.switch_to(&other).unwrap();
        assert_eq!(state.path(), other);
        assert_eq!(backup::contents(state.ledger().unwrap().conn()).unwrap().people, 1);
    }
}
