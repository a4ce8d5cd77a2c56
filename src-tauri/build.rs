//! Declares the app's own commands so that each one needs an explicit permission: the page can call
//! these and nothing else (see capabilities/default.json).

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "app_info",
            "setup_ledger",
            "get_settings",
            "save_settings",
            "list_people",
            "get_person",
            "reveal_contact",
            "check_date",
            "validate_person",
            "create_person",
            "update_person",
            "void_person",
            "person_audit",
            "pick_import_file",
            "import_preview",
            "import_apply",
            "cancel_job",
            "export_roster",
            "export_stats",
            "export_template",
            "work_summary",
        ]),
    ))
    .expect("failed to run the Tauri build script");
}
