//! Commands of the work ledgers: visits and campaigns, hospital stays, deaths and survivors,
//! subsidies, checkups, party records, activities, a person's timeline, and their exports. Each
//! is a few lines: a read on the open ledger, or a write in one transaction with the clerk's stamp.

use crate::commands::{background_failed, pick_save_path, unit_name, CmdResult};
use crate::state::{stamp, today, AppState, WindowProgress};
use chrono::NaiveDate;
use ledger::domain::model::{FamilyMember, Festival, PersonId};
use ledger::domain::period::Period;
use ledger::domain::privacy::mask_member;
use ledger::export::LedgerTable;
use ledger::tables::activities::{Activity, ActivityInput, ActivitySummary};
use ledger::tables::campaigns::{
    Campaign, CampaignCoverage, CampaignId, CampaignInput, CampaignSummary, CampaignVisit,
    RecordedVisits,
};
use ledger::tables::checkups::{Checkup, CheckupGroup, CheckupInput, CheckupRound};
use ledger::tables::deaths::{DeathId, DeathInput, DeathOutcome, DeathRecord, SurvivorRow};
use ledger::tables::hospital::{HospitalStay, HospitalStayInput, StayId, StayQuery};
use ledger::tables::party::{CommitteeMember, MedalCandidate, PartyInfo};
use ledger::tables::subsidies::{
    BatchInput, BatchResult, Subsidy, SubsidyBatch, SubsidyInput, SubsidyKind, SubsidyQuery,
    SubsidyTotals,
};
use ledger::tables::visits::{Visit, VisitCheck, VisitId, VisitInput, VisitQuery};
use ledger::{Error, Stamp};
use rusqlite::Connection;
use tauri::{AppHandle, Manager, State};

/// Runs a query on the open ledger.
fn read<T>(state: &AppState, f: impl FnOnce(&Connection) -> ledger::Result<T>) -> CmdResult<T> {
    let ledger = state.ledger()?;
    Ok(f(ledger.conn())?)
}

/// Runs a change in one transaction, stamped with the clerk and the time.
fn write<T>(
    state: &AppState,
    f: impl FnOnce(&Connection, &Stamp) -> ledger::Result<T>,
) -> CmdResult<T> {
    let mut ledger = state.ledger()?;
    let stamp = stamp();
    Ok(ledger.with_tx(|tx| f(tx, &stamp))?)
}

// ---- visits -------------------------------------------------------------------------------

#[tauri::command(async)]
pub fn list_visits(state: State<'_, AppState>, query: VisitQuery) -> CmdResult<Vec<Visit>> {
    read(&state, |c| ledger::tables::visits::list(c, &query))
}

#[tauri::command(async)]
pub fn validate_visit(state: State<'_, AppState>, input: VisitInput) -> CmdResult<VisitCheck> {
    read(&state, |c| ledger::tables::visits::validate(c, &input))
}

#[tauri::command(async)]
pub fn create_visit(state: State<'_, AppState>, input: VisitInput) -> CmdResult<Visit> {
    write(&state, |c, s| ledger::tables::visits::insert(c, s, &input))
}

#[tauri::command(async)]
pub fn update_visit(
    state: State<'_, AppState>,
    id: VisitId,
    input: VisitInput,
) -> CmdResult<Visit> {
    write(&state, |c, s| ledger::tables::visits::update(c, s, id, &input))
}

#[tauri::command(async)]
pub fn void_visit(state: State<'_, AppState>, id: VisitId, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::visits::void(c, s, id, &reason))
}

#[tauri::command(async)]
pub fn must_visit_reasons(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    read(&state, ledger::tables::visits::must_visit_reasons)
}

#[tauri::command(async)]
pub fn set_must_visit_reasons(
    state: State<'_, AppState>,
    reasons: Vec<String>,
) -> CmdResult<Vec<String>> {
    write(&state, |c, s| ledger::tables::visits::set_must_visit_reasons(c, s, &reasons))
}

// ---- campaigns ----------------------------------------------------------------------------

/// The default name and the festival's date in a year, for the new-campaign form.
#[derive(serde::Serialize)]
pub struct CampaignDefaults {
    name: String,
    date: Option<NaiveDate>,
}

#[tauri::command(async)]
pub fn campaign_defaults(festival: Festival, year: i32) -> CampaignDefaults {
    CampaignDefaults {
        name: ledger::tables::campaigns::default_name(festival, year),
        date: festival.date(year),
    }
}

#[tauri::command(async)]
pub fn list_campaigns(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> CmdResult<Vec<CampaignSummary>> {
    read(&state, |c| ledger::tables::campaigns::list(c, year))
}

#[tauri::command(async)]
pub fn create_campaign(state: State<'_, AppState>, input: CampaignInput) -> CmdResult<Campaign> {
    write(&state, |c, s| {
        let id = ledger::tables::campaigns::create(c, s, &input)?;
        ledger::tables::campaigns::get(c, id)
    })
}

#[tauri::command(async)]
pub fn void_campaign(state: State<'_, AppState>, id: CampaignId, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::campaigns::void(c, s, id, &reason))
}

#[tauri::command(async)]
pub fn campaign_coverage(
    state: State<'_, AppState>,
    id: CampaignId,
) -> CmdResult<CampaignCoverage> {
    read(&state, |c| ledger::tables::campaigns::coverage(c, id))
}

#[tauri::command(async)]
pub fn campaign_add_targets(
    state: State<'_, AppState>,
    id: CampaignId,
    people: Vec<PersonId>,
) -> CmdResult<u32> {
    write(&state, |c, s| ledger::tables::campaigns::add_targets(c, s, id, &people))
}

#[tauri::command(async)]
pub fn campaign_remove_target(
    state: State<'_, AppState>,
    id: CampaignId,
    person: PersonId,
    reason: String,
) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::campaigns::remove_target(c, s, id, person, &reason))
}

/// One visit for each chosen person with the shared details, in one transaction.
#[tauri::command(async)]
pub fn campaign_record_visits(
    state: State<'_, AppState>,
    id: CampaignId,
    shared: CampaignVisit,
    people: Vec<PersonId>,
) -> CmdResult<RecordedVisits> {
    write(&state, |c, s| ledger::tables::campaigns::record_visits(c, s, id, &shared, &people))
}

// ---- hospital stays -----------------------------------------------------------------------

#[tauri::command(async)]
pub fn list_stays(state: State<'_, AppState>, query: StayQuery) -> CmdResult<Vec<HospitalStay>> {
    read(&state, |c| ledger::tables::hospital::list(c, &query, today()))
}

#[tauri::command(async)]
pub fn create_stay(
    state: State<'_, AppState>,
    input: HospitalStayInput,
) -> CmdResult<HospitalStay> {
    write(&state, |c, s| ledger::tables::hospital::insert(c, s, &input, today()))
}

#[tauri::command(async)]
pub fn update_stay(
    state: State<'_, AppState>,
    id: StayId,
    input: HospitalStayInput,
) -> CmdResult<HospitalStay> {
    write(&state, |c, s| ledger::tables::hospital::update(c, s, id, &input, today()))
}

#[tauri::command(async)]
pub fn void_stay(state: State<'_, AppState>, id: StayId, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::hospital::void(c, s, id, &reason))
}

// ---- deaths and survivors -----------------------------------------------------------------

#[tauri::command(async)]
pub fn proposed_survivors(
    state: State<'_, AppState>,
    person: PersonId,
) -> CmdResult<Vec<FamilyMember>> {
    // Family phones and addresses masked: the full ones only through `reveal_family`, logged.
    let mut family = read(&state, |c| ledger::tables::deaths::proposed_survivors(c, person))?;
    family.iter_mut().for_each(mask_member);
    Ok(family)
}

#[tauri::command(async)]
pub fn record_death(state: State<'_, AppState>, input: DeathInput) -> CmdResult<DeathOutcome> {
    let mut outcome =
        write(&state, |c, s| ledger::tables::deaths::record_death(c, s, &input, today()))?;
    outcome.survivors.iter_mut().for_each(mask_member);
    Ok(outcome)
}

#[tauri::command(async)]
pub fn has_death_record(state: State<'_, AppState>, person: PersonId) -> CmdResult<bool> {
    read(&state, |c| ledger::tables::deaths::has_record(c, person))
}

#[tauri::command(async)]
pub fn list_deaths(state: State<'_, AppState>, period: Period) -> CmdResult<Vec<DeathRecord>> {
    let mut deaths = read(&state, |c| ledger::tables::deaths::list(c, period))?;
    deaths.iter_mut().flat_map(|d| d.survivors.iter_mut()).for_each(mask_member);
    Ok(deaths)
}

#[tauri::command(async)]
pub fn void_death(state: State<'_, AppState>, id: DeathId, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::deaths::void(c, s, id, &reason))
}

#[tauri::command(async)]
pub fn list_survivors(state: State<'_, AppState>) -> CmdResult<Vec<SurvivorRow>> {
    read(&state, ledger::tables::deaths::survivors)
}

// ---- subsidies ----------------------------------------------------------------------------

#[tauri::command(async)]
pub fn subsidy_kinds(state: State<'_, AppState>) -> CmdResult<Vec<SubsidyKind>> {
    read(&state, ledger::tables::subsidies::kinds)
}

#[tauri::command(async)]
pub fn set_subsidy_kinds(
    state: State<'_, AppState>,
    kinds: Vec<SubsidyKind>,
) -> CmdResult<Vec<SubsidyKind>> {
    write(&state, |c, s| ledger::tables::subsidies::set_kinds(c, s, &kinds))
}

#[tauri::command(async)]
pub fn list_subsidies(state: State<'_, AppState>, query: SubsidyQuery) -> CmdResult<Vec<Subsidy>> {
    read(&state, |c| ledger::tables::subsidies::list(c, &query))
}

#[tauri::command(async)]
pub fn subsidy_totals(state: State<'_, AppState>, period: Period) -> CmdResult<SubsidyTotals> {
    read(&state, |c| ledger::tables::subsidies::totals(c, period))
}

#[tauri::command(async)]
pub fn create_subsidy(state: State<'_, AppState>, input: SubsidyInput) -> CmdResult<Subsidy> {
    write(&state, |c, s| ledger::tables::subsidies::insert(c, s, &input))
}

#[tauri::command(async)]
pub fn update_subsidy(
    state: State<'_, AppState>,
    id: i64,
    input: SubsidyInput,
) -> CmdResult<Subsidy> {
    write(&state, |c, s| ledger::tables::subsidies::update(c, s, id, &input))
}

#[tauri::command(async)]
pub fn void_subsidy(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::subsidies::void(c, s, id, &reason))
}

#[tauri::command(async)]
pub fn issue_subsidy_batch(
    state: State<'_, AppState>,
    input: BatchInput,
) -> CmdResult<BatchResult> {
    write(&state, |c, s| ledger::tables::subsidies::issue_batch(c, s, &input))
}

#[tauri::command(async)]
pub fn list_subsidy_batches(
    state: State<'_, AppState>,
    period: Option<Period>,
) -> CmdResult<Vec<SubsidyBatch>> {
    read(&state, |c| ledger::tables::subsidies::list_batches(c, period))
}

#[tauri::command(async)]
pub fn void_subsidy_batch(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<u32> {
    // A batch voids many records at once: the ledger is backed up first, as before an import.
    ledger::store::backup::create(
        &*state.ledger()?,
        ledger::store::backup::BEFORE_BATCH_VOID,
        stamp().now,
    )?;
    write(&state, |c, s| ledger::tables::subsidies::void_batch(c, s, id, &reason))
}

#[tauri::command(async)]
pub fn committee_members(state: State<'_, AppState>) -> CmdResult<Vec<CommitteeMember>> {
    read(&state, ledger::tables::subsidies::branch_committee_members)
}

// ---- checkups -----------------------------------------------------------------------------

#[tauri::command(async)]
pub fn checkup_round(state: State<'_, AppState>, year: i32) -> CmdResult<CheckupRound> {
    read(&state, |c| ledger::tables::checkups::round(c, year))
}

#[tauri::command(async)]
pub fn record_checkup(state: State<'_, AppState>, input: CheckupInput) -> CmdResult<Checkup> {
    write(&state, |c, s| ledger::tables::checkups::record(c, s, &input))
}

#[tauri::command(async)]
pub fn record_checkups(state: State<'_, AppState>, group: CheckupGroup) -> CmdResult<u32> {
    write(&state, |c, s| ledger::tables::checkups::record_many(c, s, &group))
}

#[tauri::command(async)]
pub fn void_checkup(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::checkups::void(c, s, id, &reason))
}

// ---- party --------------------------------------------------------------------------------

#[tauri::command(async)]
pub fn get_party_info(state: State<'_, AppState>, person: PersonId) -> CmdResult<PartyInfo> {
    read(&state, |c| ledger::tables::party::get(c, person))
}

#[tauri::command(async)]
pub fn set_party_info(
    state: State<'_, AppState>,
    person: PersonId,
    info: PartyInfo,
) -> CmdResult<PartyInfo> {
    write(&state, |c, s| ledger::tables::party::set(c, s, person, &info))
}

#[tauri::command(async)]
pub fn medal_list(state: State<'_, AppState>, year: i32) -> CmdResult<Vec<MedalCandidate>> {
    read(&state, |c| ledger::tables::party::medal_list(c, year))
}

#[tauri::command(async)]
pub fn present_medal(
    state: State<'_, AppState>,
    person: PersonId,
    year: i32,
    presented_on: NaiveDate,
    notes: String,
) -> CmdResult<i64> {
    write(&state, |c, s| {
        ledger::tables::party::present_medal(c, s, person, year, presented_on, &notes)
    })
}

#[tauri::command(async)]
pub fn void_medal(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::party::void_medal(c, s, id, &reason))
}

// ---- activities ---------------------------------------------------------------------------

#[tauri::command(async)]
pub fn list_activities(
    state: State<'_, AppState>,
    period: Period,
) -> CmdResult<Vec<ActivitySummary>> {
    read(&state, |c| ledger::tables::activities::list(c, period))
}

#[tauri::command(async)]
pub fn get_activity(state: State<'_, AppState>, id: i64) -> CmdResult<Activity> {
    read(&state, |c| ledger::tables::activities::get(c, id))
}

#[tauri::command(async)]
pub fn create_activity(state: State<'_, AppState>, input: ActivityInput) -> CmdResult<Activity> {
    write(&state, |c, s| ledger::tables::activities::insert(c, s, &input))
}

#[tauri::command(async)]
pub fn update_activity(
    state: State<'_, AppState>,
    id: i64,
    input: ActivityInput,
) -> CmdResult<Activity> {
    write(&state, |c, s| ledger::tables::activities::update(c, s, id, &input))
}

#[tauri::command(async)]
pub fn void_activity(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    write(&state, |c, s| ledger::tables::activities::void(c, s, id, &reason))
}

// ---- exports ------------------------------------------------------------------------------

/// One ledger table for a quarter (1–4) or, with no quarter, a year.
#[tauri::command]
pub async fn export_ledger_table(
    app: AppHandle,
    table: LedgerTable,
    year: i32,
    quarter: Option<u8>,
    masked: Option<bool>,
) -> CmdResult<Option<String>> {
    // 脱敏导出 when `masked`: phones and addresses as the lists show them, and the name says so.
    let masked = masked.unwrap_or(false);
    tauri::async_runtime::spawn_blocking(move || {
        let period = Period::new(year, quarter)?;
        let mut name = ledger::export::table_file_name(&unit_name(&app), table, period);
        if masked {
            name = ledger::export::names::masked_file_name(&name);
        }
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        let state = app.state::<AppState>();
        let conn = state.ledger()?;
        ledger::export::ledger_table_with(conn.conn(), table, period, today(), &path, masked)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}

/// The quarterly submission workbook: every table, one sheet each.
#[tauri::command]
pub async fn export_quarterly(
    app: AppHandle,
    year: i32,
    quarter: u8,
    masked: Option<bool>,
) -> CmdResult<Option<String>> {
    let masked = masked.unwrap_or(false);
    tauri::async_runtime::spawn_blocking(move || {
        let period = Period::new(year, Some(quarter))?;
        let mut name = ledger::export::quarterly_file_name(&unit_name(&app), period);
        if masked {
            name = ledger::export::names::masked_file_name(&name);
        }
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        let state = app.state::<AppState>();
        let progress = WindowProgress::new(app.clone(), state.cancel.clone());
        let conn = state.ledger()?;
        ledger::export::quarterly_with(conn.conn(), period, today(), &path, &progress, masked)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}

/// The printable 签收表 of one subsidy batch.
#[tauri::command]
pub async fn export_subsidy_receipt(app: AppHandle, batch: i64) -> CmdResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let b = ledger::tables::subsidies::get_batch(state.ledger()?.conn(), batch)?;
        let name =
            ledger::export::names::receipt_file_name(&unit_name(&app), &b.period.label(), &b.kind);
        let Some(path) = pick_save_path(&app, &name) else { return Ok(None) };
        ledger::export::subsidy_receipt(state.ledger()?.conn(), batch, today(), &path)?;
        Ok(Some(path.display().to_string()))
    })
    .await
    .map_err(background_failed)?
    .map_err(|e: Error| e.into())
}
