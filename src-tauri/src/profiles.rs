//! The person's profile (六清楚: 婚姻状况, 主要疾病, 特长爱好, 个性需求, 特殊困难), read and saved
//! on its own from the drawer's 六清楚 section (one audited transaction), and the working lists
//! made from it: the roster's 联系人 filter and the six 清单 exported one click each.

use crate::commands::{background_failed, pick_save_path, unit_name, CmdResult};
use crate::state::{stamp, today, AppState};
use ledger::domain::model::PersonId;
use ledger::export::lists::{self, WorkingList};
use ledger::tables::profiles::{self, Profile, ProfileList};
use ledger::Error;
use tauri::{AppHandle, Manager, State};

#[tauri::command(async)]
pub fn get_profile(state: State<'_, AppState>, id: PersonId) -> CmdResult<Profile> {
    Ok(profiles::get(state.ledger()?.conn(), id)?)
}

/// Saves and returns the profile as stored (normalised).
#[tauri::command(async)]
pub fn save_profile(
    state: State<'_, AppState>,
    id: PersonId,
    profile: Profile,
) -> CmdResult<Profile> {
    Ok(state.ledger()?.with_tx(|tx| {
        profiles::save(tx, &stamp(), id, &profile)?;
        profiles::get(tx, id)
    })?)
}

/// Writes one of the six working lists (患病、丧偶 … 人员清单) as the bureau-style table, to a file
/// the clerk picks, masked (脱敏) when asked. `None` when the clerk cancels the dialog.
#[tauri::command]
pub async fn export_list(
    app: AppHandle,
    list: ProfileList,
    masked: bool,
) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let working = WorkingList::from_label(list.label())?;
        let name = format!("{}{}人员清单.xlsx", unit_name(&app), list.label());
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        let state = app.state::<AppState>();
        lists::working_list_with(state.ledger()?.conn(), working, today(), &path, masked)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}
