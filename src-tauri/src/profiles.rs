//! The person's profile (六清楚: 婚姻状况, 主要疾病, 特长爱好, 个性需求, 特殊困难), read and saved
//! on its own from the drawer's 六清楚 section. Saving is one audited transaction.

use crate::commands::CmdResult;
use crate::state::{stamp, AppState};
use ledger::domain::model::PersonId;
use ledger::tables::profiles::{self, Profile};
use tauri::State;

#[tauri::command]
pub fn get_profile(state: State<'_, AppState>, id: PersonId) -> CmdResult<Profile> {
    Ok(profiles::get(state.ledger()?.conn(), id)?)
}

/// Saves and returns the profile as stored (normalised).
#[tauri::command]
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
