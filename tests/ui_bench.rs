//! The UI benchmark: what the clerk feels, timed in the release app through tauri-driver.
//!
//! ```sh
//! cargo build --release -p cadre-ledger-app -p cadre-ledger
//! xvfb-run -a -s '-screen 0 1366x768x24' \
//!   cargo run -p cadre-tests --example ui-bench -- --sizes 1000,10000 --runs 5
//! ```
//!
//! For each size it makes a demo ledger (three years of records) with the release `cadre-ledger`,
//! then, for each run, starts the app on a fresh copy and measures: cold start (WebDriver session
//! asked for → the first page, 工作概览, painted); every page of the navigation, from the click to
//! the frame after its tables are filled (or say they are empty) and no loading mask shows; a
//! search typed into the roster, from the last keystroke to the frame where every row matches;
//! opening a person's drawer, and its timeline tab. After every page it sums the proportional
//! set size (PSS, shared libraries counted once) of the app and its WebKit processes.
//!
//! Page timings are taken inside the page (`performance.now()` from the click to a
//! `requestAnimationFrame` after the page is ready), so WebDriver's round trips are not in them;
//! a page that blocks the main thread delays that frame and is counted in full.
//! It prints medians over the runs and the targets at 10k people; it reports, it does not fail.
//! The driver itself may be a debug build: it only clicks and reads; the app it starts is the
//! release one (`--bin-dir`, default `target/release`).
#![allow(clippy::unwrap_used, clippy::print_stdout)] // A command-line report: it prints, and a failed setup ends it.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The navigation in the order of the menu after the first page (工作概览), then back to it.
const PAGES: [(&str, &str); 11] = [
    ("roster", "花名册"),
    ("visits", "走访慰问"),
    ("hospital", "住院登记"),
    ("subsidies", "补贴发放"),
    ("checkups", "健康体检"),
    ("party", "党员管理"),
    ("activities", "活动登记"),
    ("deaths", "去世与遗属"),
    ("reports", "统计报表"),
    ("settings", "单位设置"),
    ("home", "工作概览"),
];

/// Ready: the page's root is there, no loading mask shows in the main area, and every visible
/// table has rows or says it is empty. Resolves with the milliseconds since `t0` at the frame
/// after that (or -1 after 60 s).
const READY_JS: &str = r#"
window.__benchReady = function (sel, t0, done, extra) {
  const shown = (e) => e.offsetParent !== null && getComputedStyle(e).display !== 'none';
  const ready = () => {
    const root = document.querySelector(sel);
    if (!root) return false;
    if ([...document.querySelectorAll('.app-main .el-loading-mask, .el-drawer .el-loading-mask')].some(shown)) return false;
    for (const t of [...root.querySelectorAll('.el-table')].filter(shown)) {
      const row = t.querySelector('.el-table__body tr');
      const empty = t.querySelector('.el-table__empty-text');
      if (!row && !(empty && empty.innerText.trim())) return false;
    }
    return !extra || extra(root);
  };
  const finish = () => {
    let sent = false;
    const send = () => { if (!sent) { sent = true; done(performance.now() - t0); } };
    requestAnimationFrame(() => setTimeout(send, 0));
    setTimeout(send, 100); // a hidden window gets no frames; never hang on that
  };
  const poll = () => {
    if (ready()) finish();
    else if (performance.now() - t0 > 60000) done(-1);
    else setTimeout(poll, 4);
  };
  poll();
};
"#;

struct Args {
    sizes: Vec<u32>,
    runs: usize,
    port: u16,
    /// Where to save screenshots of every page of the first run (none unless given).
    shots: Option<PathBuf>,
    /// Where the release `cadre-ledger-app` and `cadre-ledger` are (default `target/release`
    /// beside this program's own profile folder), so the driver itself may be a debug build.
    bin_dir: PathBuf,
    /// Leave out recording a campaign (`--skip-campaign`).
    skip_campaign: bool,
}

/// A release binary of the workspace.
fn binary(a: &Args, name: &str) -> PathBuf {
    let path = a.bin_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: `cargo build --release -p cadre-ledger-app -p cadre-ledger` first",
        path.display()
    );
    path
}

fn args() -> Args {
    // target/<profile>/examples/ui-bench → target/release
    let exe = std::env::current_exe().unwrap();
    let target = exe.parent().and_then(Path::parent).and_then(Path::parent).unwrap();
    let mut a = Args {
        sizes: vec![1000, 10000],
        runs: 5,
        port: 4460,
        shots: None,
        bin_dir: target.join("release"),
        skip_campaign: false,
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < argv.len() {
        let value = argv.get(i + 1).cloned().unwrap_or_default();
        match argv[i].as_str() {
            "--sizes" => a.sizes = value.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
            "--runs" => a.runs = value.parse().unwrap_or(5),
            "--port" => a.port = value.parse().unwrap_or(4460),
            "--shots" => a.shots = Some(PathBuf::from(value)),
            "--bin-dir" => a.bin_dir = PathBuf::from(value),
            "--skip-campaign" => {
                a.skip_campaign = true;
                i += 1;
                continue;
            }
            other => panic!(
                "unknown argument {other}; use --sizes 1000,10000 --runs 5 --port 4460 --shots DIR"
            ),
        }
        i += 2;
    }
    a
}

/// The PSS (kB) of the app and every process below it (WebKitWebProcess, WebKitNetworkProcess).
fn tree_pss_kb(driver: u32) -> u64 {
    let mut parent: HashMap<u32, u32> = HashMap::new();
    let mut name: HashMap<u32, String> = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // comm is in parentheses and may hold spaces; the parent pid is the 2nd field after it.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let ppid = stat[close + 2..].split(' ').nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
        parent.insert(pid, ppid);
        name.insert(pid, stat[open + 1..close].to_string());
    }
    let below = |pid: u32, root: u32| {
        let mut p = pid;
        while p > 1 {
            if p == root {
                return true;
            }
            p = parent.get(&p).copied().unwrap_or(0);
        }
        false
    };
    let Some(app) = name
        .iter()
        .find(|(pid, n)| n.starts_with("cadre-ledger-ap") && below(**pid, driver))
        .map(|(pid, _)| *pid)
    else {
        return 0;
    };
    parent
        .keys()
        .filter(|pid| below(**pid, app))
        .map(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("Pss:"))
                        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                })
                .unwrap_or(0)
        })
        .sum()
}

struct Session {
    driver: Child,
    client: Client,
}

impl Drop for Session {
    /// SIGTERM, never SIGKILL: WebKitWebDriver is stopped by tauri-driver and frees its port.
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.driver.id().to_string()]).status();
        let _ = self.driver.wait();
    }
}

async fn launch(a: &Args, db: &Path) -> Session {
    let port = a.port;
    let driver = Command::new("tauri-driver")
        .args(["--port", &port.to_string(), "--native-port", &(port + 1).to_string()])
        .env("CADRE_LEDGER_DB", db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver not found: `cargo install tauri-driver --locked`");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "tauri-driver did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert(
        "tauri:options".into(),
        json!({ "application": binary(a, "cadre-ledger-app").display().to_string() }),
    );
    let client = ClientBuilder::rustls()
        .unwrap()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("WebDriver session");
    Session { driver, client }
}

impl Session {
    /// Runs `action` in the page, then waits in the page until `sel` is ready; milliseconds.
    async fn timed(&self, action: &str, sel: &str, extra: &str) -> f64 {
        let script = format!(
            "{READY_JS}
             const done = arguments[arguments.length - 1];
             const t0 = performance.now();
             {action}
             window.__benchReady({sel:?}, t0, done, {extra});"
        );
        match self.client.execute_async(&script, vec![]).await {
            Ok(v) => v.as_f64().unwrap_or(-1.0),
            Err(e) => {
                // Say why the page never counted as ready, then go on with the next measure.
                let why = self
                    .eval(&format!(
                        "const shown = (e) => e.offsetParent !== null && getComputedStyle(e).display !== 'none';
                         const root = document.querySelector({sel:?});
                         return JSON.stringify({{ root: !!root,
                           masks: [...document.querySelectorAll('.app-main .el-loading-mask, .el-drawer .el-loading-mask')].filter(shown).map((m) => m.parentElement.className),
                           tables: root ? [...root.querySelectorAll('.el-table')].filter(shown).map((t) => [t.querySelectorAll('.el-table__body tr').length, (t.querySelector('.el-table__empty-text') || {{}}).innerText]) : [] }})"
                    ))
                    .await;
                eprintln!("  {sel}: not ready ({e}): {why}");
                -1.0
            }
        }
    }

    async fn eval(&self, js: &str) -> Value {
        self.client.execute(js, vec![]).await.unwrap_or(Value::Null)
    }

    async fn click(&self, css: &str) {
        let start = Instant::now();
        loop {
            let ok = match self
                .client
                .wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::Css(css))
                .await
            {
                Ok(e) => e.click().await.is_ok(),
                Err(_) => false,
            };
            if ok {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "could not click {css}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's `innerText` satisfies `ok`; returns it.
    async fn text_until(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let js =
                format!("const e = document.querySelector({css:?}); return e ? e.innerText : ''");
            let text = self.eval(&js).await.as_str().unwrap_or_default().to_string();
            if ok(&text) {
                return text;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "{css}: last text {text:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A new campaign with the dialog's default targets, everyone on it recorded in one dialog
/// (选中全部未走访 → 登记走访); timed from the save click until the counts show them all.
/// Returns (people recorded, ms).
async fn record_campaign(s: &Session) -> (u32, f64) {
    s.click("[data-testid=nav-visits]").await;
    s.click("#tab-campaigns").await;
    s.click("[data-testid=add-campaign]").await;
    s.text_until("[data-testid=campaign-preview]", |t| t.contains("将列入")).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    s.click("[data-testid=campaign-save]").await;
    let counts = s.text_until("[data-testid=coverage-counts]", |t| t.contains("已走访 0")).await;
    let due: u32 = counts.split("应走访").nth(1).and_then(|n| n.trim().parse().ok()).unwrap_or(0);
    s.click("[data-testid=select-todo]").await;
    s.text_until("[data-testid=record-visits]", |t| t.contains(&format!("{due}人"))).await;
    s.click("[data-testid=record-visits]").await;
    s.text_until("[data-testid=campaign-visit-count]", |t| t == due.to_string()).await;
    let all = format!("已走访 {due} / 应走访 {due}");
    let ms = s
        .timed(
            "document.querySelector('[data-testid=campaign-visit-save]').click();",
            "[data-testid=coverage-counts]",
            &format!("(root) => root.innerText.includes({all:?})"),
        )
        .await;
    (due, ms)
}

/// A living person in the middle of the roster, to search for and open, read through the
/// CLI's JSON (the tests package holds no SQLite of its own).
fn someone(a: &Args, db: &Path) -> String {
    let out = Command::new(binary(a, "cadre-ledger"))
        .args(["--db", db.to_str().unwrap(), "people", "list", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let rows = v.get("rows").unwrap_or(&v).as_array().cloned().unwrap_or_default();
    // Someone living: the roster lists the living unless asked otherwise.
    let living: Vec<&Value> =
        rows.iter().filter(|r| r.get("died_on").is_none_or(Value::is_null)).collect();
    living
        .get(living.len() / 2)
        .and_then(|r| r.get("name")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "张".into())
}

#[derive(Default)]
struct Figures(BTreeMap<String, Vec<f64>>);

impl Figures {
    fn add(&mut self, key: &str, v: f64) {
        self.0.entry(key.to_string()).or_default().push(v);
    }
    fn median(&self, key: &str) -> Option<f64> {
        let mut v = self.0.get(key)?.clone();
        v.sort_by(f64::total_cmp);
        (!v.is_empty()).then(|| v[v.len() / 2])
    }
}

async fn run_once(a: &Args, db: &Path, name: &str, f: &mut Figures, shots: Option<&Path>) {
    let t0 = Instant::now();
    let launched_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let s = launch(a, db).await;
    // Cold start: until the first page (工作概览, with its figures and charts) is there with no
    // loading mask. Polled from outside: the page may not exist yet when the session starts.
    let cold_ready = "const root = document.querySelector('.app-main .page.home');
        const shown = (e) => e.offsetParent !== null && getComputedStyle(e).display !== 'none';
        return !!root && root.innerText.includes('人次')
          && ![...document.querySelectorAll('.app-main .el-loading-mask')].some(shown);";
    while s.eval(cold_ready).await != Value::Bool(true) {
        assert!(t0.elapsed() < Duration::from_secs(60), "the first page never showed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    f.add("cold start", t0.elapsed().as_secs_f64() * 1000.0);
    // Where the cold start went: the page's own marks (ui/src/main.ts, App.vue, the home page),
    // counted from the launch like the whole.
    let marks = s
        .eval(
            "return [performance.timeOrigin, ...performance.getEntriesByType('mark')
               .map((m) => [m.name, performance.timeOrigin + m.startTime])];",
        )
        .await;
    if let Some(list) = marks.as_array() {
        let origin = list.first().and_then(Value::as_f64).unwrap_or(0.0);
        f.add("cold start: page loading begins", origin - launched_ms);
        for mark in list.iter().skip(1).filter_map(Value::as_array) {
            if let (Some(name), Some(at)) = (mark[0].as_str(), mark[1].as_f64()) {
                f.add(&format!("cold start: mark {name}"), at - launched_ms);
            }
        }
    }
    let driver = s.driver.id();
    tokio::time::sleep(Duration::from_millis(300)).await;
    f.add("PSS MB after 工作概览 (first page)", tree_pss_kb(driver) as f64 / 1024.0);

    for (page, label) in PAGES {
        let ms = s
            .timed(
                &format!("document.querySelector('[data-testid=nav-{page}]').click();"),
                &format!(".app-main .page.{page}"),
                "null",
            )
            .await;
        f.add(&format!("page {label}"), ms);
        tokio::time::sleep(Duration::from_millis(300)).await;
        if let Some(dir) = shots {
            if let Some(png) = cadre_tests::screen_png() {
                let _ = std::fs::create_dir_all(dir);
                let _ = std::fs::write(dir.join(format!("{page}.png")), png);
            }
        }
        f.add(&format!("PSS MB after {label}"), tree_pss_kb(driver) as f64 / 1024.0);
    }

    s.click("[data-testid=nav-roster]").await;
    s.text_until("[data-testid=roster-total]", |t| t.contains('人')).await;
    // A search typed one character at a time (as an IME hands over Chinese characters), 120 ms
    // apart; timed from the last keystroke until every row shows the name.
    let chars: Vec<String> = name.chars().map(String::from).collect();
    let input = "document.querySelector('[data-testid=search-input] input')";
    for (i, _) in chars.iter().enumerate().take(chars.len().saturating_sub(1)) {
        let typed: String = chars[..=i].concat();
        s.eval(&format!(
            "const i = {input}; i.value = {typed:?}; i.dispatchEvent(new Event('input', {{ bubbles: true }}));"
        ))
        .await;
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
    let ms = s
        .timed(
            &format!(
                "const i = {input}; i.value = {name:?}; i.dispatchEvent(new Event('input', {{ bubbles: true }}));"
            ),
            ".app-main .page.roster",
            &format!(
                "(root) => {{ const rows = [...root.querySelectorAll('.el-table__body tr')];
                   return rows.length > 0 && rows.every((r) => r.innerText.includes({name:?})); }}"
            ),
        )
        .await;
    f.add("search (after last keystroke)", ms);

    let ms = s
        .timed(
            "document.querySelector('.app-main .page.roster .el-table__body tr .name-link').click();",
            "[data-testid=person-drawer]",
            &format!(
                "(root) => {{ const i = root.querySelector('[data-testid=field-name] input');
                   return !!i && i.value === {name:?}; }}"
            ),
        )
        .await;
    f.add("person drawer", ms);
    let ms = s
        .timed(
            "document.querySelector('[data-testid=person-drawer] #tab-timeline').click();",
            "[data-testid=person-timeline]",
            "(root) => root.innerText.trim().length > 0",
        )
        .await;
    f.add("person timeline", ms);
    // Close the drawer (Escape) before going on.
    if let Ok(body) = s.client.find(Locator::Css("body")).await {
        let _ = body.send_keys("\u{e00c}").await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    if !a.skip_campaign {
        let (n, ms) = record_campaign(&s).await;
        f.add(&format!("campaign: record {n} visits in one dialog"), ms);
        f.add("PSS MB after the campaign", tree_pss_kb(driver) as f64 / 1024.0);
    }
    let _ = s.client.clone().close().await;
    drop(s);
}

fn demo(a: &Args, dir: &Path, people: u32) -> PathBuf {
    let db = dir.join(format!("demo-{people}.db"));
    let t = Instant::now();
    // `init` is the only command that creates a ledger file.
    let o = Command::new(binary(a, "cadre-ledger"))
        .args(["--db", db.to_str().unwrap(), "init"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = Command::new(binary(a, "cadre-ledger"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--people",
            &people.to_string(),
            "--seed",
            "7",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    println!("demo ledger of {people} people made in {:.1} s", t.elapsed().as_secs_f64());
    db
}

#[tokio::main]
async fn main() {
    let a = args();
    let dir = tempfile::tempdir().unwrap();
    for &size in &a.sizes {
        let db = demo(&a, dir.path(), size);
        let name = someone(&a, &db);
        let mut f = Figures::default();
        for run in 0..a.runs {
            let copy = dir.path().join(format!("run-{size}-{run}.db"));
            std::fs::copy(&db, &copy).unwrap();
            let shots = a.shots.as_ref().filter(|_| run == 0).map(|d| d.join(size.to_string()));
            run_once(&a, &copy, &name, &mut f, shots.as_deref()).await;
            eprintln!("  {size} people: run {} of {} done", run + 1, a.runs);
        }
        println!("\n{size} people, medians of {} runs (search for {name}):", a.runs);
        let first_pss = f.median("PSS MB after 工作概览 (first page)").unwrap_or(0.0);
        for key in f.0.keys() {
            let m = f.median(key).unwrap_or(-1.0);
            let unit = if key.starts_with("PSS") { "MB" } else { "ms" };
            let target = match key.as_str() {
                "cold start" => " (target ≤ 1500 ms at 10k)".to_string(),
                "search (after last keystroke)" => " (target ≤ 150 ms)".to_string(),
                k if k.starts_with("page") || k.starts_with("person") => {
                    " (target ≤ 300 ms)".into()
                }
                k if k.starts_with("PSS") => {
                    format!(" ({:.2}× the first page; target < 450 MB and ≤ 1.25×)", m / first_pss)
                }
                _ => String::new(),
            };
            println!("  {key:<36} {m:>8.0} {unit}{target}");
        }
    }
}
