//! Crash safety (issue 12): the tool is killed with SIGKILL at random moments of an import, a backup
//! and a restore; afterwards the ledger passes integrity_check and holds the old state or the new
//! one, never something between, and every backup in the folder opens whole (a half-written one is
//! never left under a backup's name). `CRASH_TRIALS` sets the number of trials (default 24).
#![allow(clippy::unwrap_used)]

use cadre_tests::binary;
use ledger::store::backup;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn tool(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(binary("cadre-ledger"));
    c.arg("--db").arg(db).args(args).env_remove("CADRE_LEDGER_DB");
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

fn people(db: &Path) -> u32 {
    let opened = ledger::store::opening::open_existing(db).unwrap();
    assert!(opened.damage.is_none(), "{:?}", opened.damage);
    let check: String =
        opened.ledger.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    backup::contents(opened.ledger.conn()).unwrap().people
}

/// A small deterministic generator (no dependency for one number per trial).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Import,
    Backup,
    Restore,
}

struct Setup {
    _dir: tempfile::TempDir,
    base: PathBuf,
    roster: PathBuf,
    older: PathBuf,
    base_people: u32,
    older_people: u32,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.db");
    assert!(tool(&base, &["init"]).status().unwrap().success());
    assert!(tool(&base, &["demo", "--people", "300", "--seed", "6"]).status().unwrap().success());
    let older = dir.path().join("older.db");
    assert!(tool(&base, &["backup", "--out", older.to_str().unwrap()]).status().unwrap().success());
    // The backup is older than the ledger by 40 people.
    let more = dir.path().join("more.csv");
    let rows: String = (0..40).map(|i| format!("新增{i},1950.{:02}\n", 1 + i % 12)).collect();
    std::fs::write(&more, format!("姓名,出生年月\n{rows}")).unwrap();
    let added = tool(&base, &["import", "roster", more.to_str().unwrap()]).status().unwrap();
    assert!(added.success());
    let mut text = String::from("姓名,出生年月,住址\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "导入{i},19{:02}.{:02},北京市东城区{i}号\n",
            30 + i % 30,
            1 + i % 12
        ));
    }
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, text).unwrap();
    let (base_people, older_people) = (people(&base), people(&older));
    // Remove the automatic backups of the setup: each trial starts from a bare copy.
    let _ = std::fs::remove_dir_all(backup::folder(&base));
    Setup { _dir: dir, base, roster, older, base_people, older_people }
}

fn trial(s: &Setup, op: Op, kill_after: Option<Duration>, dir: &Path) -> Duration {
    let db = dir.join("ledger.db");
    std::fs::copy(&s.base, &db).unwrap();
    let args: Vec<String> = match op {
        Op::Import => vec!["import".into(), "roster".into(), s.roster.display().to_string()],
        Op::Backup => vec!["backup".into()],
        Op::Restore => vec!["restore".into(), s.older.display().to_string(), "--yes".into()],
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let started = Instant::now();
    let mut child = tool(&db, &args).spawn().unwrap();
    if let Some(after) = kill_after {
        std::thread::sleep(after);
        let _ = child.kill(); // SIGKILL
    }
    let status = child.wait().unwrap();
    let took = started.elapsed();
    let n = people(&db);
    let (old, new) = match op {
        Op::Import => (s.base_people, s.base_people + 4000),
        Op::Backup => (s.base_people, s.base_people),
        Op::Restore => (s.base_people, s.older_people),
    };
    assert!(
        n == old || n == new,
        "{op:?} killed after {kill_after:?}: {n} people, not {old} or {new}"
    );
    if kill_after.is_none() {
        assert!(status.success(), "{op:?}");
        assert_eq!(n, new, "{op:?} finished");
    }
    for b in backup::list(&db) {
        assert!(b.ok, "{op:?} killed after {kill_after:?}: {} {}", b.path, b.problem);
        assert!(backup::check_file(Path::new(&b.path)).is_ok());
    }
    took
}

#[test]
fn killed_at_any_moment_the_ledger_holds_the_old_state_or_the_new() {
    let trials: u64 = std::env::var("CRASH_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(24);
    let s = setup();
    let ops = [Op::Import, Op::Backup, Op::Restore];
    let scratch = tempfile::tempdir().unwrap();
    let full: Vec<Duration> = ops
        .iter()
        .map(|op| {
            let d = scratch.path().join(format!("full-{op:?}"));
            std::fs::create_dir_all(&d).unwrap();
            trial(&s, *op, None, &d)
        })
        .collect();
    let mut rng = Lcg(12);
    for t in 0..trials {
        let i = (t % 3) as usize;
        let span = full[i].as_micros() as u64 * 12 / 10;
        let after = Duration::from_micros(rng.below(span));
        let d = scratch.path().join(format!("t{t}"));
        std::fs::create_dir_all(&d).unwrap();
        trial(&s, ops[i], Some(after), &d);
        let _ = std::fs::remove_dir_all(&d);
    }
    eprintln!("{trials} kill -9 trials; full runs took {full:?}");
}
