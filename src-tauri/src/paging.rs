//! Commands of the paged ledger lists: one page of a ledger with the totals of the whole
//! selection (see `ledger::paging`). The unpaged `list_*` commands stay for the dialogs that need
//! a person's few records.

use crate::commands::CmdResult;
use crate::state::{today, AppState};
use ledger::paging::hospital::{StayPage, StayPageRequest};
use ledger::paging::subsidies::{SubsidyPage, SubsidyPageRequest};
use ledger::paging::visits::{VisitPage, VisitPageRequest};
use tauri::State;

#[tauri::command]
pub fn page_visits(state: State<'_, AppState>, request: VisitPageRequest) -> CmdResult<VisitPage> {
    let ledger = state.ledger()?;
    Ok(ledger::paging::visits::page(ledger.conn(), &request)?)
}

#[tauri::command]
pub fn page_stays(state: State<'_, AppState>, request: StayPageRequest) -> CmdResult<StayPage> {
    let ledger = state.ledger()?;
    Ok(ledger::paging::hospital::page(ledger.conn(), &request, today())?)
}

#[tauri::command]
pub fn page_subsidies(
    state: State<'_, AppState>,
    request: SubsidyPageRequest,
) -> CmdResult<SubsidyPage> {
    let ledger = state.ledger()?;
    Ok(ledger::paging::subsidies::page(ledger.conn(), &request)?)
}
