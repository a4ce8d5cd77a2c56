//! Commands of the 已作废记录 dialog: one ledger's voided records, a page at a time, and restoring
//! one with a reason (the table's own checks decide whether it may come back).

use crate::commands::CmdResult;
use crate::state::{stamp, today, AppState};
use ledger::domain::model::PersonId;
use ledger::tables::deaths::DeathId;
use ledger::tables::hospital::StayId;
use ledger::tables::paging::voided::{VoidedLedger, VoidedPage, VoidedPageRequest};
use ledger::tables::visits::VisitId;
use tauri::State;

#[tauri::command(async)]
pub fn page_voided(
    state: State<'_, AppState>,
    request: VoidedPageRequest,
) -> CmdResult<VoidedPage> {
    let ledger = state.ledger()?;
    Ok(ledger::tables::paging::voided::page(ledger.conn(), &request)?)
}

#[tauri::command(async)]
pub fn restore_voided(
    state: State<'_, AppState>,
    ledger: VoidedLedger,
    id: i64,
    reason: String,
) -> CmdResult<()> {
    let mut open = state.ledger()?;
    let stamp = stamp();
    let today = today();
    Ok(open.with_tx(|c| {
        use ledger::tables::*;
        match ledger {
            VoidedLedger::Visits => visits::restore(c, &stamp, VisitId(id), &reason).map(drop),
            VoidedLedger::Hospital => {
                hospital::restore(c, &stamp, StayId(id), &reason, today).map(drop)
            }
            VoidedLedger::Subsidies => subsidies::restore(c, &stamp, id, &reason).map(drop),
            VoidedLedger::Checkups => checkups::restore(c, &stamp, id, &reason),
            VoidedLedger::Deaths => deaths::restore(c, &stamp, DeathId(id), &reason).map(drop),
            VoidedLedger::People => people::restore(c, &stamp, PersonId(id), &reason),
            VoidedLedger::Campaigns => restores::restore_campaign(c, &stamp, id, &reason),
            VoidedLedger::Activities => restores::restore_activity(c, &stamp, id, &reason),
            VoidedLedger::Medals => restores::restore_medal(c, &stamp, id, &reason),
            VoidedLedger::MustVisitCases => {
                restores::restore_must_visit_case(c, &stamp, id, &reason)
            }
            VoidedLedger::SubsidyBatches => {
                restores::restore_subsidy_batch(c, &stamp, id, &reason).map(drop)
            }
        }
    })?)
}
