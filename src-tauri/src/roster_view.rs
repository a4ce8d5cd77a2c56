//! 导出当前列表: the roster page's filtered view exported with the columns the clerk ticks, the
//! choice remembered per list in the ledger's settings.

use crate::commands::{background_failed, pick_save_path, unit_name, CmdResult};
use crate::state::{today, AppState};
use ledger::export::roster_print;
use ledger::tables::people::PeopleQuery;
use ledger::tables::profiles::ProfileList;
use ledger::tables::roster_columns;
use ledger::Error;
use tauri::{AppHandle, Manager, State};

/// The columns to tick for `list`: those last exported for it, else the printed roster's.
#[tauri::command(async)]
pub fn roster_columns(
    state: State<'_, AppState>,
    list: Option<ProfileList>,
) -> CmdResult<Vec<String>> {
    let saved = roster_columns::saved(state.ledger()?.conn(), list)?;
    Ok(saved.unwrap_or_else(|| {
        roster_print::default_fields().into_iter().map(|f| f.code().to_string()).collect()
    }))
}

/// Remembers the columns for the query's list, then writes the view to a file the clerk picks.
/// `None` when the clerk cancels the dialog.
#[tauri::command]
pub async fn export_roster_view(
    app: AppHandle,
    query: PeopleQuery,
    columns: Vec<String>,
    masked: bool,
) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let fields = roster_columns::fields_of(&columns)?;
        {
            let state = app.state::<AppState>();
            let mut ledger = state.ledger()?;
            ledger.with_tx(|tx| roster_columns::save(tx, query.list, &columns))?;
        }
        let unit = unit_name(&app);
        let name = if masked {
            ledger::export::names::masked_roster_file_name(&unit, today())
        } else {
            ledger::export::names::roster_file_name(&unit, today())
        };
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        let state = app.state::<AppState>();
        ledger::export::roster_query::export(
            state.ledger()?.conn(),
            &query,
            &fields,
            masked,
            today(),
            &path,
        )?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}
