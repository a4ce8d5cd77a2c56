//! The app's commands are named in four places that must agree: the handler list the shell
//! registers (`src-tauri/src/main.rs`), the app manifest that gives each one a permission
//! (`src-tauri/build.rs`), the capability that grants those permissions to the window
//! (`src-tauri/capabilities/default.json`), and the one typed module the UI calls them through
//! (`ui/src/api/index.ts`). A command missing from any of them fails only at run time, in the
//! window, with an opaque "not allowed" — so this test reads all four and compares them.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every `"…"` string in the text between `start` and the next `end`.
fn quoted_between(text: &str, start: &str, end: &str) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let body = &text[from..];
    let body = &body[..body.find(end).unwrap_or(body.len())];
    body.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

fn handlers() -> BTreeSet<String> {
    let main = read("src-tauri/src/main.rs");
    let from = main.find("generate_handler![").expect("generate_handler!") + 18;
    let body = &main[from..];
    let body = &body[..body.find(']').expect("end of handler list")];
    body.split(',')
        .filter_map(|item| item.trim().rsplit("::").next().map(str::to_string))
        .filter(|name| !name.is_empty())
        .collect()
}

fn manifest() -> BTreeSet<String> {
    quoted_between(&read("src-tauri/build.rs"), ".commands(&[", "]")
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
    let handlers = handlers();
    assert!(handlers.len() > 50, "parsed {} handlers: {handlers:?}", handlers.len());
    assert_eq!(manifest(), handlers, "build.rs app manifest vs main.rs handlers");
    assert_eq!(capability(), handlers, "capabilities/default.json vs main.rs handlers");
    assert_eq!(ui_calls(), handlers, "ui/src/api/index.ts vs main.rs handlers");
}
