//! The app's commands are named once, in `src-tauri/src/command_list.rs`: the shell registers that
//! list, and its build script makes the app manifest, the window's capability
//! (`src-tauri/capabilities/default.json`) and the UI's `CommandName` type
//! (`ui/src/api/commands.ts`) from it. This test catches generated files committed without a build,
//! and a command with no typed function in `ui/src/api/index.ts` (or a function for one that is
//! gone): either fails only at run time, in the window, with an opaque "not allowed".

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn command_list() -> BTreeSet<String> {
    let list = read("src-tauri/src/command_list.rs");
    let from = list.find("$then! {").expect("$then! {") + 8;
    let body = &list[from..];
    let body = &body[..body.find('}').expect("end of the command list")];
    body.split(',')
        .filter_map(|item| item.trim().rsplit("::").next().map(str::to_string))
        .filter(|name| !name.is_empty())
        .collect()
}

fn ui_command_type() -> BTreeSet<String> {
    read("ui/src/api/commands.ts")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("| '")?.strip_suffix('\'').map(str::to_string))
        .collect()
}

fn capability() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/default.json")).expect("valid JSON");
    json["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|n| n.replace('-', "_")))
        .collect()
}

fn ui_calls() -> BTreeSet<String> {
    let api = read("ui/src/api/index.ts");
    api.split("invoke<")
        .skip(1)
        .filter_map(|rest| {
            let quoted = rest.split_once(">('")?.1;
            Some(quoted.split_once('\'')?.0.to_string())
        })
        .collect()
}

#[test]
fn every_command_is_registered_permitted_granted_and_typed() {
    let commands = command_list();
    assert!(commands.len() > 50, "parsed {} commands: {commands:?}", commands.len());
    assert_eq!(
        capability(),
        commands,
        "capabilities/default.json vs command_list.rs (build the app)"
    );
    assert_eq!(
        ui_command_type(),
        commands,
        "ui/src/api/commands.ts vs command_list.rs (build the app)"
    );
    assert_eq!(ui_calls(), commands, "the typed calls in ui/src/api/index.ts vs command_list.rs");
}

/// A plain `#[tauri::command] fn` runs on the main thread, which also drives the window: a query
/// over ten thousand people there stalls painting and input until it returns. Every synchronous
/// command says `#[tauri::command(async)]` so it runs on the runtime's pool instead.
#[test]
fn no_command_runs_on_the_main_thread() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/src");
    let mut on_main = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src-tauri/src") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable source");
        let mut lines = text.lines().map(str::trim);
        while let Some(line) = lines.next() {
            if line != "#[tauri::command]" {
                continue;
            }
            let signature = lines.find(|l| l.contains("fn ")).unwrap_or_default();
            if !signature.contains("async fn ") {
                on_main.push(format!("{}: {signature}", path.display()));
            }
        }
    }
    assert!(on_main.is_empty(), "commands on the main thread: {on_main:#?}");
}
