//! 老干部工作台账: the desktop shell. It opens the ledger, hands the window the app's commands and
//! nothing else, and adapts errors for the page. All logic lives in the `ledger` crate.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod ledgers;
mod state;

use std::path::PathBuf;

/// `--db PATH` on the command line, else `CADRE_LEDGER_DB`, else the per-user data folder.
fn db_path_from_args() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    let explicit = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--db=").map(PathBuf::from)));
    ledger::app::resolve_db_path(explicit.as_deref())
}

fn main() {
    let path = db_path_from_args();
    let app_state = match state::AppState::open(&path) {
        Ok(s) => s,
        Err(e) => {
            // Nothing to show a window with: say it where the clerk (or the support person) will see it.
            eprintln!("无法打开台账 {}：{e}", path.display());
            std::process::exit(2);
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(app_state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::setup_ledger,
            commands::get_settings,
            commands::save_settings,
            commands::list_people,
            commands::get_person,
            commands::reveal_contact,
            commands::check_date,
            commands::validate_person,
            commands::create_person,
            commands::update_person,
            commands::void_person,
            commands::person_audit,
            commands::pick_import_file,
            commands::import_preview,
            commands::import_apply,
            commands::cancel_job,
            commands::export_roster,
            commands::export_stats,
            commands::export_template,
            commands::work_summary,
            ledgers::list_visits,
            ledgers::validate_visit,
            ledgers::create_visit,
            ledgers::update_visit,
            ledgers::void_visit,
            ledgers::must_visit_reasons,
            ledgers::set_must_visit_reasons,
            ledgers::campaign_defaults,
            ledgers::list_campaigns,
            ledgers::campaign_targets_for,
            ledgers::create_campaign,
            ledgers::void_campaign,
            ledgers::campaign_coverage,
            ledgers::campaign_add_targets,
            ledgers::campaign_remove_target,
            ledgers::campaign_record_visits,
            ledgers::list_stays,
            ledgers::create_stay,
            ledgers::update_stay,
            ledgers::void_stay,
            ledgers::proposed_survivors,
            ledgers::record_death,
            ledgers::list_deaths,
            ledgers::void_death,
            ledgers::list_survivors,
            ledgers::person_timeline,
            ledgers::subsidy_kinds,
            ledgers::set_subsidy_kinds,
            ledgers::list_subsidies,
            ledgers::subsidy_totals,
            ledgers::create_subsidy,
            ledgers::void_subsidy,
            ledgers::issue_subsidy_batch,
            ledgers::list_subsidy_batches,
            ledgers::void_subsidy_batch,
            ledgers::committee_members,
            ledgers::checkup_round,
            ledgers::record_checkup,
            ledgers::record_checkups,
            ledgers::void_checkup,
            ledgers::get_party_info,
            ledgers::set_party_info,
            ledgers::list_party_members,
            ledgers::medal_list,
            ledgers::present_medal,
            ledgers::void_medal,
            ledgers::list_activities,
            ledgers::get_activity,
            ledgers::create_activity,
            ledgers::update_activity,
            ledgers::void_activity,
            ledgers::export_ledger_table,
            ledgers::export_quarterly,
            ledgers::export_subsidy_receipt,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("程序启动失败：{e}");
        std::process::exit(1);
    }
}
