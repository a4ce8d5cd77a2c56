//! 老干部工作台账: the desktop shell. It opens the ledger, hands the window the app's commands and
//! nothing else, and adapts errors for the page. All logic lives in the `ledger` crate.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
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
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("程序启动失败：{e}");
        std::process::exit(1);
    }
}
