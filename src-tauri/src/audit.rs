//! The 修改记录 page: one page of the whole ledger's audit log, the choices of its filters, its Excel
//! export, and the chain check run in the background (at startup and on demand).

use crate::commands::{background_failed, pick_save_path, CmdResult};
use crate::state::{today, AppState};
use ledger::reports::audit_check::Verification;
use ledger::reports::audit_log::{self, AuditFilters, AuditPage, AuditQuery};
use ledger::store::backup;
use ledger::{Error, Ledger};
use tauri::{AppHandle, Manager, State};

#[tauri::command(async)]
pub fn page_audit(state: State<'_, AppState>, query: AuditQuery) -> CmdResult<AuditPage> {
    Ok(audit_log::page(state.ledger()?.conn(), &query)?)
}

#[tauri::command(async)]
pub fn audit_filters(state: State<'_, AppState>) -> CmdResult<AuditFilters> {
    Ok(audit_log::filters(state.ledger()?.conn())?)
}

/// Saves the page's selection where the clerk chooses; `None` when the dialog is cancelled.
#[tauri::command]
pub async fn export_audit_log(app: AppHandle, query: AuditQuery) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let unit = ledger::tables::settings::get(state.ledger()?.conn())?.unit_name;
        let name = ledger::export::names::audit_log_file_name(&unit, today());
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        audit_log_export(&state, &query, &path)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}

fn audit_log_export(
    state: &AppState,
    query: &AuditQuery,
    path: &std::path::Path,
) -> ledger::Result<u32> {
    ledger::export::audit_log::export(state.ledger()?.conn(), query, today(), path)
}

/// The chain check off the window's thread and at low priority, so the pages stay responsive on a
/// large ledger.
#[tauri::command]
pub async fn verify_audit_background(app: AppHandle) -> CmdResult<Verification> {
    let check = crate::background::spawn_quiet("audit-check", move || {
        // On a connection of its own: the whole check takes seconds at ten thousand people, and
        // holding the app's connection that long would stall every page meanwhile.
        let state = app.state::<AppState>();
        let (path, key) = {
            let ledger = state.ledger()?;
            (ledger.path().map(ToOwned::to_owned), ledger.key().map(str::to_owned))
        };
        let Some(path) = path else {
            let ledger = state.ledger()?;
            return ledger::reports::audit_check::verify(ledger.conn(), &[]);
        };
        let own = Ledger::open_read_only_with_key(&path, key.as_deref())?;
        ledger::reports::audit_check::verify(own.conn(), &backup::anchors(&path))
    })
    .map_err(background_failed)?;
    // Waiting for the low-priority thread is itself blocking: it waits on the blocking pool.
    tauri::async_runtime::spawn_blocking(move || check.join())
        .await
        .map_err(background_failed)?
        .map_err(|_| background_failed("修改记录核对的线程出错"))?
        .map_err(|e: Error| e.into())
}
