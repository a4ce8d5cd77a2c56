//! 老干部工作台账: the desktop shell. It opens the ledger, hands the window the app's commands and
//! nothing else, and adapts errors for the page. All logic lives in the `ledger` crate.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[macro_use]
mod command_list;
mod audit;
mod background;
mod backup_folder;
mod branches;
mod commands;
mod crypt;
mod duties;
mod ledgers;
mod migrate;
mod operators;
mod paging;
mod profiles;
mod reminders;
mod roster_view;
mod safety;
mod state;
mod unopened;
mod voided;

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

/// On Linux, WebKitGTK draws the page without its GPU compositor unless the environment already
/// says otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns the compositor back on).
///
/// The office PCs this runs on (统信UOS, 麒麟, deepin, often under a virtual desktop) commonly have
/// no working GL driver, and then WebKit composites through Mesa's software renderer: measured at
/// 10,000 people under Xvfb, every page took about twice as long to appear and the app with its
/// WebKit processes held about 140 MB more than when drawing directly. The pages have no animation
/// or 3D that would need the compositor. Called first thing in `main`, before any thread exists.
fn prefer_direct_drawing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

fn main() {
    prefer_direct_drawing();
    let path = db_path_from_args();
    // A ledger that cannot be opened (or waits for its password) still gets the window: every
    // command answers with the message, which the page shows (on Windows there is no console).
    // It opens while the window starts; the first command waits for it.
    let app_state = state::AppState::opening(&path);
    let built = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(app_state)
        // Behind the operators' lock: the one place a command is refused while no one is signed in.
        .invoke_handler(operators::guarded(with_app_commands!(handlers)))
        .build(tauri::generate_context!());
    let app = match built {
        Ok(app) => app,
        Err(e) => {
            eprintln!("程序启动失败：{e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager;
            backup_folder::on_exit(&handle.state::<state::AppState>());
        }
    });
}

/// The commands run on Tauri's mock runtime, with no window and no WebKit: each call goes through
/// the same IPC deserialisation the page uses (the argument names and shapes of
/// `ui/src/api/index.ts`), reaches the core, and comes back as JSON.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::{audit, commands, ledgers, operators, safety, state};
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;

    struct Shell {
        _app: tauri::App<tauri::test::MockRuntime>,
        webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
        _dir: tempfile::TempDir,
        /// The operators' session is the process's: shells run one at a time.
        _serial: std::sync::MutexGuard<'static, ()>,
    }

    fn shell() -> Shell {
        let serial = operators::TEST_SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        operators::reset_for_test();
        let dir = tempfile::tempdir().unwrap();
        let state = state::AppState::open(&dir.path().join("ledger.db")).unwrap();
        let app = mock_builder()
            .manage(state)
            .invoke_handler(operators::guarded(tauri::generate_handler![
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
                ledgers::issue_subsidy_batch,
                ledgers::void_subsidy_batch,
                commands::get_person,
                commands::update_person,
                commands::reveal_contact,
                commands::reveal_family,
                safety::list_backups,
                audit::page_audit,
                operators::operator_session,
                operators::list_operators,
                operators::sign_in_operator,
                operators::sign_out_operator,
                operators::add_operator,
                operators::void_operator,
            ]))
            // The app's own context: its capability decides what the page may call, here too.
            .build(tauri::generate_context!())
            .unwrap();
        let webview =
            tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
        Shell { _app: app, webview, _dir: dir, _serial: serial }
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

    /// The drawer's person through the commands: masked until the reveal, saved as shown without
    /// losing the stored values, and the reveal is the newest line of 修改记录.
    #[test]
    fn a_person_is_masked_until_the_reveal_which_the_audit_page_shows() {
        let shell = shell();
        let input = json!({ "name": "张三", "id_number": "110105194510030017",
            "phone": "13812345678", "address": "北京市东城区和平里3号楼501", "family": [] });
        let saved = shell.call("create_person", json!({ "input": input })).unwrap();
        let id = saved["person"]["id"].clone();
        let shown = shell.call("get_person", json!({ "id": id })).unwrap();
        assert_eq!(shown["id_number"], "110105********0017");
        assert_eq!(shown["address"], "北京市东城区****");
        // The drawer sends back what it shows, with the name changed.
        let mut form = shown.clone();
        form["name"] = json!("张三丰");
        let updated = shell.call("update_person", json!({ "id": id, "input": form })).unwrap();
        assert_eq!(updated["person"]["phone"], "138****5678");
        let full = shell.call("reveal_contact", json!({ "id": id })).unwrap();
        assert_eq!(full["id_number"], "110105194510030017");
        assert_eq!(full["address"], "北京市东城区和平里3号楼501");
        let log = shell.call("page_audit", json!({ "query": { "person_id": id } })).unwrap();
        assert_eq!(log["rows"][0]["action_label"], "查看完整信息");
        assert_eq!(log["rows"][1]["lines"][0]["new"], "张三丰");
        assert_eq!(log["total"], 3);
    }

    /// A family member's phone and address reach the page masked, survive a save as shown, and
    /// come in full only through `reveal_family`, which 修改记录 shows.
    #[test]
    fn family_contacts_are_masked_until_their_logged_reveal() {
        let shell = shell();
        let input = json!({ "name": "张三", "family": [{ "name": "王秀兰", "relation": "配偶",
            "phone": "13987654321", "address": "北京市东城区和平里七区5号楼" }] });
        let saved = shell.call("create_person", json!({ "input": input })).unwrap();
        let id = saved["person"]["id"].clone();
        let shown = shell.call("get_person", json!({ "id": id })).unwrap();
        assert_eq!(shown["family"][0]["phone"], "139****4321");
        assert_eq!(shown["family"][0]["address"], "北京市东城区****");
        let mut form = shown.clone();
        form["family"][0]["relation"] = json!("妻子");
        shell.call("update_person", json!({ "id": id, "input": form })).unwrap();
        let member = shown["family"][0]["id"].clone();
        let full = shell.call("reveal_family", json!({ "person": id, "member": member })).unwrap();
        assert_eq!(full[0]["phone"], "13987654321", "the save kept the stored phone");
        assert_eq!(full[0]["address"], "北京市东城区和平里七区5号楼");
        let log = shell.call("page_audit", json!({ "query": {} })).unwrap();
        assert_eq!(log["rows"][0]["action_label"], "查看完整信息", "{log}");
    }

    /// Voiding a whole subsidy batch backs the ledger up first.
    #[test]
    fn a_batch_void_is_preceded_by_a_backup() {
        let shell = shell();
        let saved = shell
            .call(
                "create_person",
                json!({ "input": { "name": "李四", "birth": "1940-02", "family": [] } }),
            )
            .unwrap();
        let batch = shell
            .call(
                "issue_subsidy_batch",
                json!({ "input": { "kind": "护理费", "period": "2026", "paid_on": "2026-11-20",
                    "method": "cash", "amount": 50000,
                    "recipients": [{ "person_id": saved["person"]["id"] }] } }),
            )
            .unwrap();
        let reasons = |shell: &Shell| -> Vec<String> {
            let list = shell.call("list_backups", json!({})).unwrap();
            list.as_array()
                .unwrap()
                .iter()
                .map(|b| b["reason"].as_str().unwrap().to_string())
                .collect()
        };
        assert!(!reasons(&shell).iter().any(|r| r == "批量作废前"));
        let voided = shell
            .call("void_subsidy_batch", json!({ "id": batch["batch_id"], "reason": "重复发放" }))
            .unwrap();
        assert_eq!(voided, 1);
        assert!(reasons(&shell).iter().any(|r| r == "批量作废前"), "{:?}", reasons(&shell));
    }

    /// With operators, nothing runs until someone signs in; their changes carry their name in
    /// 修改记录; signing out locks again. Without operators the OS user stamps, as before.
    #[test]
    fn operators_sign_in_and_the_lock_refuses_commands() {
        let shell = shell();
        let os_user = ledger::app::os_user();
        let first = shell
            .call("create_person", json!({ "input": { "name": "张三", "family": [] } }))
            .unwrap();
        let session = shell.call("operator_session", json!({})).unwrap();
        assert_eq!(
            (session["required"].clone(), session["idle_lock_minutes"].clone()),
            (json!(false), json!(10))
        );

        // The first operator added signs the session in: the list is set up without a lock.
        shell.call("add_operator", json!({ "name": "王红", "password": "wh-2026" })).unwrap();
        shell.call("add_operator", json!({ "name": "李明", "password": null })).unwrap();
        let session = shell.call("sign_out_operator", json!({})).unwrap();
        assert_eq!(
            (session["required"].clone(), session["operator"].clone()),
            (json!(true), json!(null))
        );
        // Locked now: the page can list operators and sign in, and nothing else.
        let refused = shell.call("list_people", json!({ "query": {} })).unwrap_err();
        assert_eq!(refused["kind"], "invalid");
        assert!(refused["message"].as_str().unwrap().contains("已锁定"), "{refused}");
        assert_eq!(shell.call("list_operators", json!({})).unwrap().as_array().unwrap().len(), 2);
        let wrong = shell
            .call("sign_in_operator", json!({ "name": "王红", "password": "wh" }))
            .unwrap_err();
        assert!(wrong["message"].as_str().unwrap().contains("密码不对"), "{wrong}");
        let session = shell
            .call("sign_in_operator", json!({ "name": "王红", "password": "wh-2026" }))
            .unwrap();
        assert_eq!(session["operator"], "王红");

        let id = first["person"]["id"].clone();
        let mut form = shell.call("get_person", json!({ "id": id })).unwrap();
        form["name"] = json!("张三丰");
        shell.call("update_person", json!({ "id": id, "input": form })).unwrap();
        let log = shell.call("page_audit", json!({ "query": { "person_id": id } })).unwrap();
        assert_eq!(log["rows"][0]["actor"], "王红");
        assert_eq!(log["rows"][1]["actor"], json!(os_user), "created before operators");

        shell.call("sign_out_operator", json!({})).unwrap();
        assert!(shell.call("get_person", json!({ "id": id })).is_err());
        shell.call("sign_in_operator", json!({ "name": "李明" })).unwrap();
        let operators = shell.call("list_operators", json!({})).unwrap();
        for o in operators.as_array().unwrap() {
            shell.call("void_operator", json!({ "id": o["id"], "reason": "试用结束" })).unwrap();
        }
        // No operators left: open again, stamped by the OS user.
        let session = shell.call("operator_session", json!({})).unwrap();
        assert_eq!(
            (session["required"].clone(), session["operator"].clone()),
            (json!(false), json!(null))
        );
        shell.call("update_person", json!({ "id": id, "input": form })).unwrap();
        let log = shell.call("page_audit", json!({ "query": { "entity": "operator" } })).unwrap();
        assert_eq!(log["total"], 4);
        assert_eq!(log["rows"][0]["actor"], "李明", "the last void, by the one signed in");
    }
}
