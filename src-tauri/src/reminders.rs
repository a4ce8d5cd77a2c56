//! Commands of what is due: the reminders (待办), dismissing one for its period, 五必访 cases, the
//! month's calendar and birthday list. Each is a few lines over `ledger::reports::reminders`.

use crate::commands::{background_failed, pick_save_path, CmdResult};
use crate::state::{stamp, today, AppState};
use ledger::reports::reminders::calendar::CalendarMonth;
use ledger::reports::reminders::groups::ReminderGroup;
use ledger::reports::reminders::{Reminder, ReminderQuery, ReminderSettings};
use ledger::tables::reminder_cases::{Dismissal, MustVisitCaseInput};
use ledger::Error;
use tauri::{AppHandle, Manager, State};

/// Everything due from `query.on` over `query.days` days, overdue first.
#[tauri::command(async)]
pub fn list_reminders(
    state: State<'_, AppState>,
    query: ReminderQuery,
) -> CmdResult<Vec<Reminder>> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::reminders::compute(ledger.conn(), &query)?)
}

/// 待办 by kind: each kind's counts and its first `first` reminders.
#[tauri::command(async)]
pub fn reminder_groups(
    state: State<'_, AppState>,
    query: ReminderQuery,
    first: u32,
) -> CmdResult<Vec<ReminderGroup>> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::reminders::groups::groups(ledger.conn(), &query, first)?)
}

/// Dismisses a reminder for its period, with a reason (audited).
#[tauri::command(async)]
pub fn dismiss_reminder(state: State<'_, AppState>, dismissal: Dismissal) -> CmdResult<i64> {
    let mut ledger = state.ledger()?;
    let stamp = stamp();
    Ok(ledger.with_tx(|tx| ledger::tables::reminder_cases::dismiss(tx, &stamp, &dismissal))?)
}

/// Opens a 五必访 case; it is due until a visit closes it.
#[tauri::command(async)]
pub fn open_must_visit_case(
    state: State<'_, AppState>,
    input: MustVisitCaseInput,
) -> CmdResult<i64> {
    let mut ledger = state.ledger()?;
    let stamp = stamp();
    Ok(ledger.with_tx(|tx| ledger::tables::reminder_cases::open_must_visit(tx, &stamp, &input))?)
}

/// The unit's numbers for reminders (intervals, 整寿, dues months …).
#[tauri::command(async)]
pub fn reminder_settings(state: State<'_, AppState>) -> CmdResult<ReminderSettings> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::reminders::rules::get(ledger.conn())?)
}

#[tauri::command(async)]
pub fn save_reminder_settings(
    state: State<'_, AppState>,
    settings: ReminderSettings,
) -> CmdResult<ReminderSettings> {
    let mut ledger = state.ledger()?;
    let stamp = stamp();
    Ok(ledger.with_tx(|tx| ledger::reports::reminders::rules::save(tx, &stamp, &settings))?)
}

/// A month of the calendar.
#[tauri::command(async)]
pub fn calendar_month(
    state: State<'_, AppState>,
    year: i32,
    month: u32,
) -> CmdResult<CalendarMonth> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::reminders::calendar::month(ledger.conn(), year, month)?)
}

/// Saves the month's 本月生日名单 where the clerk chooses; `None` when the dialog is cancelled.
#[tauri::command]
pub async fn export_birthdays(app: AppHandle, year: i32, month: u32) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let name = format!("{year}年{month}月生日名单.xlsx");
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        let state = app.state::<AppState>();
        ledger::reports::reminders::birthday_list::export(
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
