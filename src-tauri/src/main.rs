//! 老干部工作台账: the desktop shell. It opens the ledger, hands the window the app's commands and
//! nothing else, and adapts errors for the page. All logic lives in the `ledger` crate.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[macro_use]
mod command_list;
mod commands;
mod crypt;
mod ledgers;
mod paging;
mod reminders;
mod safety;
mod state;

/// Every command of [`command_list`] as Tauri's invoke handler.
macro_rules! handlers {
    ($($module:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$($module::$name),*]
    };
}

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
    // A ledger that cannot be opened (or waits for its password) still gets the window: every
    // command answers with the message, which the page shows (on Windows there is no console).
    let app_state = state::AppState::open_or_explain(&path);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(app_state)
        .invoke_handler(with_app_commands!(handlers))
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("程序启动失败：{e}");
        std::process::exit(1);
    }
}

/// The commands run on Tauri's mock runtime, with no window and no WebKit: each call goes through
/// the same IPC deserialisation the page uses (the argument names and shapes of
/// `ui/src/api/index.ts`), reaches the core, and comes back as JSON.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::{commands, ledgers, state};
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;

    struct Shell {
        _app: tauri::App<tauri::test::MockRuntime>,
        webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
        _dir: tempfile::TempDir,
    }

    fn shell() -> Shell {
        let dir = tempfile::tempdir().unwrap();
        let state = state::AppState::open(&dir.path().join("ledger.db")).unwrap();
        let app = mock_builder()
            .manage(state)
            .invoke_handler(tauri::generate_handler![
                commands::app_info,
                commands::list_people,
                commands::create_person,
                commands::work_summary,
                ledgers::campaign_defaults,
                ledgers::create_campaign,
                ledgers::campaign_coverage,
                ledgers::campaign_record_visits,
                ledgers::list_visits,
                ledgers::present_medal,
                ledgers::void_visit,
            ])
            // The app's own context: its capability decides what the page may call, here too.
            .build(tauri::generate_context!())
            .unwrap();
        let webview =
            tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        Shell { _app: app, webview, _dir: dir }
    }

    impl Shell {
        fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
            get_ipc_response(
                &self.webview,
                InvokeRequest {
                    cmd: cmd.into(),
                    callback: CallbackFn(0),
                    error: CallbackFn(1),
                    url: "tauri://localhost".parse().unwrap(),
                    body: InvokeBody::Json(args),
                    headers: Default::default(),
                    invoke_key: INVOKE_KEY.to_string(),
                },
            )
            .map(|body| body.deserialize::<Value>().unwrap())
        }
    }

    #[test]
    fn a_campaign_round_trip_through_the_commands() {
        let shell = shell();
        let info = shell.call("app_info", json!({})).unwrap();
        assert_eq!(info["first_run"], json!(true));

        let mut ids = Vec::new();
        for (name, birth) in [("张三", "1940-03"), ("李四", "1942-07")] {
            let saved = shell
                .call(
                    "create_person",
                    json!({ "input": { "name": name, "birth": birth, "family": [] } }),
                )
                .unwrap();
            ids.push(saved["person"]["id"].clone());
        }

        let defaults = shell
            .call("campaign_defaults", json!({ "festival": "double_ninth", "year": 2026 }))
            .unwrap();
        assert_eq!(defaults, json!({ "name": "2026年重阳节慰问", "date": "2026-10-18" }));

        let campaign = shell
            .call(
                "create_campaign",
                json!({ "input": {
                    "name": defaults["name"], "festival": "double_ninth", "year": 2026,
                    "date": defaults["date"], "notes": "", "targets": ids,
                } }),
            )
            .unwrap();
        let id = campaign["id"].clone();
        let coverage = shell.call("campaign_coverage", json!({ "id": id })).unwrap();
        assert_eq!((coverage["total"].clone(), coverage["visited"].clone()), (json!(2), json!(0)));

        let shared = json!({ "date": "2026-10-18", "leader": "周建平", "participants": "王丽",
                             "gifts": "牛奶", "amount": 50000, "notes": "" });
        let recorded = shell
            .call(
                "campaign_record_visits",
                json!({ "id": id, "shared": shared, "people": [ids[0]] }),
            )
            .unwrap();
        assert_eq!(recorded["visit_ids"].as_array().unwrap().len(), 1);
        let coverage = shell.call("campaign_coverage", json!({ "id": id })).unwrap();
        assert_eq!(coverage["visited"], json!(1));

        let summary = shell.call("work_summary", json!({ "year": 2026, "quarter": 4 })).unwrap();
        assert_eq!(summary["visits_total"]["amount"], json!(50000));
    }

    #[test]
    fn errors_arrive_as_kind_and_chinese_message() {
        let shell = shell();
        // A medal for someone who does not exist: refused, with a message the clerk can read.
        let err = shell
            .call(
                "present_medal",
                json!({ "person": 999, "year": 2026, "presentedOn": "2026-06-28", "notes": "" }),
            )
            .unwrap_err();
        assert_eq!(err["kind"], json!("not_found"), "{err}");
        assert!(err["message"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        // An argument the page sends wrongly is a clear IPC error, not a crash.
        let err = shell.call("work_summary", json!({ "year": "二〇二六" })).unwrap_err();
        assert!(err.to_string().contains("year"), "{err}");
    }
}
