//! The party branches as records (支部): the 支部 panel's list with each committee's term, and
//! adding, editing and voiding a branch, each in one audited transaction.

use crate::commands::CmdResult;
use crate::state::{stamp, today, AppState};
use ledger::tables::branches::{self, BranchInput, BranchRow};
use tauri::State;

#[tauri::command(async)]
pub fn list_branch_records(state: State<'_, AppState>) -> CmdResult<Vec<BranchRow>> {
    Ok(branches::rows(state.ledger()?.conn(), today())?)
}

#[tauri::command(async)]
pub fn create_branch(state: State<'_, AppState>, input: BranchInput) -> CmdResult<i64> {
    Ok(state.ledger()?.with_tx(|tx| branches::insert(tx, &stamp(), &input))?)
}

#[tauri::command(async)]
pub fn update_branch(state: State<'_, AppState>, id: i64, input: BranchInput) -> CmdResult<()> {
    Ok(state.ledger()?.with_tx(|tx| branches::update(tx, &stamp(), id, &input))?)
}

#[tauri::command(async)]
pub fn void_branch(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    Ok(state.ledger()?.with_tx(|tx| branches::void(tx, &stamp(), id, &reason))?)
}
