//! Commands of the liaison's duties: the liaisons and their people (last contact, what is due),
//! the 送学上门 list and its month, 五必访 cases voided, and the two printed lists. Each is a few
//! lines over `ledger::reports::reminders::liaison`, `ledger::tables::reminder_cases` and
//! `ledger::export::duty_lists`.

use crate::commands::{background_failed, pick_save_path, CmdResult};
use crate::state::{stamp, today, AppState};
use chrono::NaiveDate;
use ledger::domain::model::PersonId;
use ledger::reports::reminders::liaison::{DeliveryRow, LiaisonCount, LiaisonPage, LiaisonQuery};
use ledger::Error;
use tauri::{AppHandle, Manager, State};

/// Every liaison named on a living person, with how many people each looks after.
#[tauri::command(async)]
pub fn list_liaisons(state: State<'_, AppState>) -> CmdResult<Vec<LiaisonCount>> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::reminders::liaison::liaisons(ledger.conn())?)
}

/// One page of a liaison's people, longest without contact first, with what is due for each.
#[tauri::command(async)]
pub fn liaison_people(state: State<'_, AppState>, query: LiaisonQuery) -> CmdResult<LiaisonPage> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::reminders::liaison::people(ledger.conn(), &query)?)
}

/// The 送学上门 list of a month, with what was brought to each.
#[tauri::command(async)]
pub fn delivery_month(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> CmdResult<Vec<DeliveryRow>> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::reminders::liaison::delivery_month(ledger.conn(), year, month)?)
}

/// Puts a person on the 送学上门 list from today (audited).
#[tauri::command(async)]
pub fn add_to_delivery_list(
    state: State<'_, AppState>,
    person_id: PersonId,
    reason: String,
) -> CmdResult<()> {
    let mut ledger = state.ledger()?;
    let stamp = stamp();
    let on = today();
    Ok(ledger.with_tx(|tx| {
        ledger::tables::reminder_cases::add_to_delivery_list(tx, &stamp, person_id, &reason, on)
    })?)
}

/// Takes a person off the 送学上门 list with a reason (audited; the row stays).
#[tauri::command(async)]
pub fn remove_from_delivery_list(
    state: State<'_, AppState>,
    person_id: PersonId,
    reason: String,
) -> CmdResult<()> {
    let mut ledger = state.ledger()?;
    let stamp = stamp();
    Ok(ledger.with_tx(|tx| {
        ledger::tables::reminder_cases::remove_from_delivery_list(tx, &stamp, person_id, &reason)
    })?)
}

/// Voids a 五必访 case opened by mistake, with a reason (a visit closes a case by itself).
#[tauri::command(async)]
pub fn void_must_visit_case(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    let mut ledger = state.ledger()?;
    let stamp = stamp();
    Ok(ledger
        .with_tx(|tx| ledger::tables::reminder_cases::void_must_visit(tx, &stamp, id, &reason))?)
}

/// Saves a liaison's 联系人任务单 on `on` where the clerk chooses; `None` when cancelled.
#[tauri::command]
pub async fn export_liaison_tasks(
    app: AppHandle,
    liaison: String,
    on: NaiveDate,
) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let unit = ledger::tables::settings::get(state.ledger()?.conn())?.unit_name;
        let name = ledger::export::names::liaison_tasks_file_name(&unit, liaison.trim(), on);
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        ledger::export::duty_lists::export_tasks(
            state.ledger()?.conn(),
            &liaison,
            on,
            today(),
            &path,
        )?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}

/// Saves the month's 送学上门名单 where the clerk chooses; `None` when cancelled.
#[tauri::command]
pub async fn export_delivery_list(
    app: AppHandle,
    year: i32,
    month: u32,
) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let unit = ledger::tables::settings::get(state.ledger()?.conn())?.unit_name;
        let name = ledger::export::names::delivery_list_file_name(&unit, year, month);
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        ledger::export::duty_lists::export_delivery(
            state.ledger()?.conn(),
            year,
            month,
            today(),
            &path,
        )?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}
