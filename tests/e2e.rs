//! End to end through the real app: the built `cadre-ledger-app` in a real WebKitGTK WebView, driven
//! by `tauri-driver` + `WebKitWebDriver`. Needs a display (scripts/test.sh runs these under Xvfb)
//! and both drivers on PATH, so the tests are `#[ignore]`d in a bare `cargo test` and run by the test
//! script with `--ignored --test-threads=1` (one app and one driver at a time).
#![allow(clippy::unwrap_used)]

use cadre_tests::{binary, write_messy_roster};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The WebDriver port; `E2E_PORT` moves it (and the native driver's port, one above) so two
/// checkouts can run their end-to-end tests at the same time.
fn port() -> u16 {
    std::env::var("E2E_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(4444)
}
const WAIT: Duration = Duration::from_secs(20);

/// A running app: the driver process and the WebDriver session.
struct App {
    driver: Child,
    client: Client,
}

impl App {
    async fn launch(db: &Path, extra_env: &[(&str, &Path)]) -> App {
        let mut cmd = Command::new("tauri-driver");
        let port = port();
        cmd.args(["--port", &port.to_string(), "--native-port", &(port + 1).to_string()])
            .env("CADRE_LEDGER_DB", db)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let driver =
            cmd.spawn().expect("tauri-driver not found: `cargo install tauri-driver --locked`");
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < WAIT, "tauri-driver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": binary("cadre-ledger-app").display().to_string() }),
        );
        let client = ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session");
        App { driver, client }
    }

    /// Ends the session; dropping `self` then stops the driver.
    async fn quit(self) {
        let _ = self.client.clone().close().await;
    }

    async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        match self.client.wait().at_most(WAIT).for_element(Locator::Css(css)).await {
            Ok(e) => e,
            Err(e) => {
                self.screenshot("failure").await;
                let body = match self.client.find(Locator::Css("body")).await {
                    Ok(b) => b.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("{css} did not appear: {e}; the page says: {body:?}")
            }
        }
    }

    /// Clicks once the element can take the click: a drawer closing or a message fading in front of
    /// it intercepts clicks for a moment, as it would for a person.
    async fn click(&self, css: &str) {
        let start = Instant::now();
        loop {
            let result = self.wait_for(css).await.click().await;
            match result {
                Ok(_) => return,
                Err(e) if start.elapsed() > WAIT => {
                    self.screenshot("failure").await;
                    panic!("click {css}: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Replaces the text of an input the way a person does (select all, delete, type), so the
    /// page sees real input events.
    async fn type_into(&self, css: &str, text: &str) {
        let start = Instant::now();
        loop {
            let input = self.wait_for(css).await;
            let mut result = input.send_keys("\u{e009}a\u{e009}\u{e003}").await;
            if result.is_ok() && !text.is_empty() {
                result = input.send_keys(text).await;
            }
            match result {
                Ok(_) => return,
                Err(e) if start.elapsed() > WAIT => panic!("type into {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Waits until the element's text satisfies `ok`; returns the text.
    async fn text_until(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if ok(&text) {
                return text;
            }
            if start.elapsed() > WAIT {
                self.screenshot("failure").await;
                panic!("{css}: text never matched; last was {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    async fn value_until(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let value = match self.client.find(Locator::Css(css)).await {
                Ok(e) => e.prop("value").await.ok().flatten().unwrap_or_default(),
                Err(_) => String::new(),
            };
            if ok(&value) {
                return value;
            }
            assert!(start.elapsed() < WAIT, "{css}: value never matched; last was {value:?}");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    async fn search(&self, text: &str) {
        self.type_into(&input("search-input"), text).await;
    }

    /// Saves a screenshot under target/e2e-screenshots for a person to look at.
    async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let dir = shots_dir();
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
}

/// The text box of an Element Plus input: el-input puts extra attributes on the native `<input>`,
/// other wrappers keep them on the outer element.
fn input(test_id: &str) -> String {
    format!("input[data-testid={test_id}], [data-testid={test_id}] input")
}

impl Drop for App {
    /// Stops the driver with SIGTERM (never SIGKILL, or WebKitWebDriver is left holding its port),
    /// also when a test fails half way, so the next test can start its own.
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.driver.id().to_string()]).status();
        let _ = self.driver.wait();
    }
}

fn shots_dir() -> PathBuf {
    binary("cadre-ledger-app").parent().unwrap().join("e2e-screenshots")
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by scripts/test.sh"]
async fn a_clerks_first_day_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let roster = dir.path().join("老干部花名册.xlsx");
    write_messy_roster(&roster);
    let pick = [("CADRE_LEDGER_PICK_FILE", roster.as_path())];

    let app = App::launch(&db, &pick).await;
    // First run: the welcome step names the unit and starts with an empty ledger.
    app.type_into(&input("welcome-unit-name"), "示范市审计局").await;
    app.click("[data-testid=welcome-empty]").await;
    app.click("[data-testid=welcome-start]").await;
    app.text_until("[data-testid=empty-hint]", |t| t.contains("导入花名册")).await;
    app.screenshot("01-empty-roster").await;

    // Add a person through the form; the ID number fills the birth date.
    app.click("[data-testid=add-person]").await;
    app.wait_for("[data-testid=person-drawer]").await;
    app.type_into(&input("field-name"), "张三丰").await;
    app.type_into(&input("field-id-number"), "110105194912310011").await;
    app.value_until(&input("field-birth"), |v| v.contains("1949")).await;
    app.screenshot("02-person-form").await;
    app.click("[data-testid=save-person]").await;
    app.text_until("[data-testid=roster-total]", |t| t.contains('1')).await;

    // Find them by pinyin initials.
    app.search("zsf").await;
    app.text_until("[data-testid=roster-table]", |t| t.contains("张三丰")).await;

    // Import a messy roster through the import dialog.
    app.search("").await;
    app.click("[data-testid=import-open]").await;
    app.click("[data-testid=import-pick]").await;
    app.text_until("[data-testid=import-counts]", |t| t.contains('3')).await;
    app.screenshot("03-import-preview").await;
    app.click("[data-testid=import-apply]").await;
    app.text_until("[data-testid=import-summary]", |t| t.contains("新增 3")).await;
    app.client.find(Locator::Css("body")).await.unwrap().send_keys("\u{e00c}").await.unwrap();
    app.search("swd").await;
    app.text_until("[data-testid=roster-table]", |t| t.contains("单卫东")).await;
    app.quit().await;

    // Restart: no welcome step, and everything is still there.
    let app = App::launch(&db, &[]).await;
    // A ledger with people opens on the overview.
    app.text_until("[data-testid=fig-people]", |t| t.contains('4')).await;
    app.click("[data-testid=nav-roster]").await;
    app.wait_for("[data-testid=roster-table]").await;
    app.search("zsf").await;
    app.text_until("[data-testid=roster-table]", |t| t.contains("张三丰")).await;
    app.search("qinxiu").await;
    app.text_until("[data-testid=roster-table]", |t| t.contains("覃秀英")).await;
    app.search("").await;
    app.text_until("[data-testid=roster-total]", |t| t.contains('4')).await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by scripts/test.sh"]
async fn the_roster_exports_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let o = Command::new(binary("cadre-ledger"))
        .args(["--db", db.to_str().unwrap(), "demo", "--people", "400", "--seed", "11"])
        .output()
        .unwrap();
    assert!(o.status.success());
    // The list opens on the living; count them the way a script would.
    let o = Command::new(binary("cadre-ledger"))
        .args(["--db", db.to_str().unwrap(), "people", "list", "--status", "living", "--json"])
        .output()
        .unwrap();
    let living =
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap().as_array().unwrap().len();
    assert!(living > 300 && living < 400, "{living}");
    let out_dir = dir.path().join("exports");
    std::fs::create_dir_all(&out_dir).unwrap();
    let app = App::launch(&db, &[("CADRE_LEDGER_SAVE_DIR", out_dir.as_path())]).await;
    app.wait_for("[data-testid=home-page]").await;
    app.screenshot("05-home-demo").await;
    app.click("[data-testid=nav-roster]").await;
    app.text_until("[data-testid=roster-total]", |t| t.contains(&living.to_string())).await;
    app.screenshot("04-roster-demo").await;
    app.click("[data-testid=export-roster]").await;
    let start = Instant::now();
    let file = loop {
        let found = std::fs::read_dir(&out_dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "xlsx"));
        if let Some(f) = found {
            break f;
        }
        assert!(start.elapsed() < WAIT, "no export appeared");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    app.quit().await;
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&file).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let names: Vec<String> =
        range.rows().skip(3).filter_map(|r| r.get(1).map(|c| c.to_string())).collect();
    assert!(names.iter().filter(|n| !n.is_empty()).count() >= living, "{} rows", names.len());
}
