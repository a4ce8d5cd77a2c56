//! Commands of the paged ledger lists: one page of a ledger with the totals of the whole
//! selection (see `ledger::tables::paging`). The unpaged `list_*` commands stay for the dialogs that need
//! a person's few records.

use crate::commands::CmdResult;
use crate::state::{today, AppState};
use ledger::tables::campaigns::CampaignId;
use ledger::tables::paging::campaigns::{CoveragePage, CoveragePageRequest, TargetName};
use ledger::tables::paging::checkups::{CheckupPage, CheckupPageRequest};
use ledger::tables::paging::deaths::{SurvivorPage, SurvivorPageRequest};
use ledger::tables::paging::hospital::{StayPage, StayPageRequest};
use ledger::tables::paging::party::{MemberPage, MemberPageRequest};
use ledger::tables::paging::subsidies::{SubsidyPage, SubsidyPageRequest};
use ledger::tables::paging::visits::{VisitPage, VisitPageRequest};
use tauri::State;

#[tauri::command(async)]
pub fn page_visits(state: State<'_, AppState>, request: VisitPageRequest) -> CmdResult<VisitPage> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::visits::page(ledger.conn(), &request)?)
}

#[tauri::command(async)]
pub fn page_stays(state: State<'_, AppState>, request: StayPageRequest) -> CmdResult<StayPage> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::hospital::page(ledger.conn(), &request, today())?)
}

#[tauri::command(async)]
pub fn page_subsidies(
    state: State<'_, AppState>,
    request: SubsidyPageRequest,
) -> CmdResult<SubsidyPage> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::subsidies::page(ledger.conn(), &request)?)
}

#[tauri::command(async)]
pub fn page_checkups(
    state: State<'_, AppState>,
    request: CheckupPageRequest,
) -> CmdResult<CheckupPage> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::checkups::page(ledger.conn(), &request)?)
}

#[tauri::command(async)]
pub fn page_campaign_targets(
    state: State<'_, AppState>,
    request: CoveragePageRequest,
) -> CmdResult<CoveragePage> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::campaigns::page(ledger.conn(), &request)?)
}

/// Everyone on a campaign's list not yet visited, by name (for 选中全部未走访).
#[tauri::command(async)]
pub fn campaign_todo(state: State<'_, AppState>, id: CampaignId) -> CmdResult<Vec<TargetName>> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::campaigns::todo(ledger.conn(), id)?)
}

#[tauri::command(async)]
pub fn page_survivors(
    state: State<'_, AppState>,
    request: SurvivorPageRequest,
) -> CmdResult<SurvivorPage> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::deaths::page(ledger.conn(), &request)?)
}

/// The party members, a page at a time; dues are judged by the unit's reminder setting.
#[tauri::command(async)]
pub fn page_party_members(
    state: State<'_, AppState>,
    request: MemberPageRequest,
) -> CmdResult<MemberPage> {
    let ledger = state.ledger()?;
    let months = ledger::reports::reminders::rules::get(ledger.conn())?.dues_months;
    Ok(ledger::tables::paging::party::page(ledger.conn(), &request, today(), months)?)
}

/// One page of a person's history, newest first, with the number of entries in all.
#[tauri::command(async)]
pub fn person_timeline_page(
    state: State<'_, AppState>,
    person: ledger::domain::model::PersonId,
    offset: u32,
    limit: u32,
) -> CmdResult<ledger::reports::timeline_page::TimelinePage> {
    let ledger = state.ledger()?;
    Ok(ledger::reports::timeline_page::page(ledger.conn(), person, offset, limit)?)
}

/// The living people a campaign's ticked conditions select on `on` (the festival's date).
#[tauri::command(async)]
pub fn campaign_targets_matching(
    state: State<'_, AppState>,
    filters: ledger::tables::campaign_targets::TargetFilters,
    on: chrono::NaiveDate,
) -> CmdResult<Vec<ledger::domain::model::PersonId>> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::campaign_targets::targets_matching(ledger.conn(), &filters, on)?)
}
