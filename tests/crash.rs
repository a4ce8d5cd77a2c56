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

/// Turning encryption on, changing the password, turning it off: each killed at a random moment.
#[derive(Clone, Copy, Debug)]
enum Change {
    Encrypt,
    Passwd,
    Decrypt,
}

/// What a trial starts from, the command, its environment, and the keys before and after.
type Plan<'a> = (&'a Path, &'a str, Vec<(&'a str, &'a str)>, [Option<&'a str>; 2]);

const OLD_KEY: &str = "old-password-1";
const NEW_KEY: &str = "new-password-2";

/// Opens `db` with the first of `keys` that works; the people counted after integrity_check, and
/// which key opened it.
fn open_with_either(db: &Path, keys: [Option<&str>; 2]) -> (u32, Option<String>) {
    for key in keys {
        if let Ok(opened) = ledger::store::opening::open_existing_with_key(db, key) {
            assert!(opened.damage.is_none(), "{:?}", opened.damage);
            let check: String =
                opened.ledger.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
            assert_eq!(check, "ok");
            let n = backup::contents(opened.ledger.conn()).unwrap().people;
            return (n, opened.ledger.key().map(str::to_owned));
        }
    }
    panic!("{} opens with neither {keys:?}", db.display());
}

#[test]
fn killed_during_an_encryption_change_the_ledger_opens_with_the_old_key_or_the_new() {
    let trials: u64 = std::env::var("CRASH_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.db");
    assert!(tool(&plain, &["init"]).status().unwrap().success());
    assert!(tool(&plain, &["demo", "--people", "2000", "--seed", "7"]).status().unwrap().success());
    let _ = std::fs::remove_dir_all(backup::folder(&plain));
    let people_before = people(&plain);
    let encrypted = dir.path().join("encrypted.db");
    std::fs::copy(&plain, &encrypted).unwrap();
    let o = tool(&encrypted, &["encrypt"]).env("CADRE_LEDGER_PASSWORD", OLD_KEY).status().unwrap();
    assert!(o.success());
    let _ = std::fs::remove_dir_all(backup::folder(&encrypted));

    let run = |change: Change, kill_after: Option<Duration>, d: &Path| -> Duration {
        let db = d.join("ledger.db");
        let (from, args, env, keys): Plan<'_> = match change {
            Change::Encrypt => {
                (&plain, "encrypt", vec![("CADRE_LEDGER_PASSWORD", NEW_KEY)], [None, Some(NEW_KEY)])
            }
            Change::Passwd => (
                &encrypted,
                "passwd",
                vec![("CADRE_LEDGER_PASSWORD", OLD_KEY), ("CADRE_LEDGER_NEW_PASSWORD", NEW_KEY)],
                [Some(OLD_KEY), Some(NEW_KEY)],
            ),
            Change::Decrypt => (
                &encrypted,
                "decrypt",
                vec![("CADRE_LEDGER_PASSWORD", OLD_KEY)],
                [Some(OLD_KEY), None],
            ),
        };
        std::fs::copy(from, &db).unwrap();
        let mut cmd = tool(&db, &[args]);
        cmd.env_remove("CADRE_LEDGER_PASSWORD").env_remove("CADRE_LEDGER_NEW_PASSWORD");
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let mut child = cmd.spawn().unwrap();
        if let Some(after) = kill_after {
            std::thread::sleep(after);
            let _ = child.kill(); // SIGKILL
        }
        let status = child.wait().unwrap();
        let took = started.elapsed();
        let (n, key) = open_with_either(&db, keys);
        assert_eq!(n, people_before, "{change:?} killed after {kill_after:?}");
        if kill_after.is_none() {
            assert!(status.success(), "{change:?}");
            assert_eq!(key.as_deref(), keys[1], "{change:?} finished: the new key opens it");
        }
        // Every backup left opens whole, with the key the ledger had when it was made.
        for b in backup::list(&db) {
            assert!(b.ok, "{change:?} killed after {kill_after:?}: {} {}", b.path, b.problem);
            let p = Path::new(&b.path);
            assert!(keys.iter().any(|k| backup::check_file_with_key(p, *k).is_ok()), "{}", b.path);
        }
        took
    };

    let scratch = tempfile::tempdir().unwrap();
    let changes = [Change::Encrypt, Change::Passwd, Change::Decrypt];
    let full: Vec<Duration> = changes
        .iter()
        .map(|c| {
            let d = scratch.path().join(format!("full-{c:?}"));
            std::fs::create_dir_all(&d).unwrap();
            run(*c, None, &d)
        })
        .collect();
    let mut rng = Lcg(21);
    for t in 0..trials {
        let i = (t % 3) as usize;
        let span = full[i].as_micros() as u64 * 12 / 10;
        let after = Duration::from_micros(rng.below(span));
        let d = scratch.path().join(format!("c{t}"));
        std::fs::create_dir_all(&d).unwrap();
        run(changes[i], Some(after), &d);
        let _ = std::fs::remove_dir_all(&d);
    }
    eprintln!("{trials} kill -9 trials of encryption changes; full runs took {full:?}");
}
