//! Verified backups and restore (issue 12).
//!
//! A backup is written with `VACUUM INTO` to a hidden temporary name in the backup folder, checked
//! there (`PRAGMA integrity_check`, the people counted), fsynced, described in a small manifest
//! beside it and only then renamed to its `.db` name: a backup that exists under its name is whole.
//! A killed backup leaves at most a `.tmp` file that no listing shows and the next backup removes.
//!
//! The folder is `backups/` beside the ledger; files are `ledger-20261121-093000-导入前.db` with
//! `ledger-20261121-093000-导入前.json` beside it (time, reason, size, counts, the audit chain's head).
//! The manifest keeps the audit chain's newest hash outside the ledger, so `audit verify` can tell
//! when entries were removed from its end (see [`crate::store::audit_chain`]).

use crate::error::{Error, Result};
use crate::store::backup_copy;
use crate::store::db::Ledger;
use chrono::{Datelike, NaiveDateTime};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Why a backup was made (also the last part of its file name).
pub const DAILY: &str = "每日";
pub const BEFORE_IMPORT: &str = "导入前";
pub const BEFORE_RESTORE: &str = "恢复前";
pub const MANUAL: &str = "手动";
/// Before a whole batch is voided (a 签收表 of many people at once).
pub const BEFORE_BATCH_VOID: &str = "批量作废前";
/// On a clean exit of the app, made only when the ledger changed since the newest backup
/// ([`on_exit_if_changed`]); rotated like the daily backups, so a day keeps its newest.
pub const ON_EXIT: &str = "退出";

/// Rotation: daily backups keep the newest of each of the last 7 days, 4 weeks and 12 months;
/// a copy made before an operation is kept 30 days; a manual copy is never removed automatically.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;
pub const KEEP_BEFORE_OPERATION_DAYS: i64 = 30;

/// What a backup (or any ledger file) holds, as checked on the file itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Contents {
    /// People not voided.
    pub people: u32,
    /// Entries in the audit log.
    #[ts(type = "number")]
    pub audit_entries: u64,
    /// When the newest audit entry was written (`2026-11-21 09:30:00`), empty for none.
    pub last_change: String,
    /// Id and hash of the newest audit entry: the audit chain's anchor outside the ledger.
    #[ts(type = "number")]
    pub audit_last_id: i64,
    pub audit_head: String,
}

/// One backup as listed for the clerk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// Full path of the `.db` file (filled in when listed; not stored in the manifest).
    #[serde(default)]
    pub path: String,
    /// When it was made, `2026-11-21 09:30:00`.
    pub at: String,
    /// 每日 / 导入前 / 恢复前 / 手动 …
    pub reason: String,
    #[ts(type = "number")]
    pub size: u64,
    pub contents: Contents,
    /// Checked whole when written (and, for a file without a manifest, when listed).
    pub ok: bool,
    /// Why it is not usable, in Chinese; empty when `ok`.
    #[serde(default)]
    pub problem: String,
}

/// The backup folder of a ledger file.
pub fn folder(ledger_path: &Path) -> PathBuf {
    ledger_path.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(ledger_path: &Path) -> String {
    ledger_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn at_text(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Makes a verified backup of `ledger` in its backup folder and applies the rotation. `None` for
/// an in-memory ledger, which has nothing to back up.
pub fn create(ledger: &Ledger, reason: &str, now: NaiveDateTime) -> Result<Option<BackupInfo>> {
    let Some(path) = ledger.path() else { return Ok(None) };
    let dir = folder(path);
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::File(format!("无法创建备份文件夹 {}：{e}。请检查磁盘空间和权限。", dir.display()))
    })?;
    remove_leftovers(&dir);
    let base = format!("{}-{}-{reason}", stem(path), now.format("%Y%m%d-%H%M%S"));
    // Two backups within one second get numbered names rather than a clash.
    let dest = (1..1000)
        .map(|n| dir.join(if n == 1 { format!("{base}.db") } else { format!("{base}-{n}.db") }))
        .find(|p| !p.exists() && !p.with_extension("json").exists())
        .ok_or_else(|| Error::File(format!("备份文件夹 {} 中同名备份过多。", dir.display())))?;
    let contents = write_verified(ledger.conn(), &dest, Some((reason, now)), ledger.key())?;
    let size = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
    prune(path, now);
    copy_to_chosen_folder(ledger, &dest, now);
    Ok(Some(BackupInfo {
        path: dest.display().to_string(),
        at: at_text(now),
        reason: reason.into(),
        size,
        contents,
        ok: true,
        problem: String::new(),
    }))
}

/// Makes a verified copy of `ledger` at `dest` (the tool's `backup --out FILE`): the same checks,
/// no manifest, no rotation. An existing `dest` is replaced only once the copy is whole.
pub fn create_at(ledger: &Ledger, dest: &Path) -> Result<Contents> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::File(format!("无法创建文件夹 {}：{e}", dir.display())))?;
    }
    write_verified(ledger.conn(), dest, None, ledger.key())
}

/// The hidden temporary name a file is written under before it is renamed to `dest`.
fn temp_name(dest: &Path) -> PathBuf {
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dest.with_file_name(format!(".{name}.tmp"))
}

/// `VACUUM INTO` a temporary file, check it, fsync, write the manifest (when `manifest` is given),
/// rename. Nothing is left under `dest`'s name unless the copy is whole. With `key` the copy is
/// encrypted with it (the copy of an encrypted ledger keeps its key; see `store::crypt`).
fn write_verified(
    conn: &Connection,
    dest: &Path,
    manifest: Option<(&str, NaiveDateTime)>,
    key: Option<&str>,
) -> Result<Contents> {
    let tmp = temp_name(dest);
    let _ = std::fs::remove_file(&tmp);
    let failed = |what: String| {
        let _ = std::fs::remove_file(&tmp);
        Error::File(format!(
            "备份到 {} 失败：{what}。原台账未受影响；请检查磁盘空间后再备份。",
            dest.display()
        ))
    };
    match key {
        Some(k) => crate::store::cipher::export(conn, &tmp, Some(k)),
        None => conn.execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()]).map(|_| ()),
    }
    .map_err(|e| failed(e.to_string()))?;
    {
        // A rollback-journal file, so that it can be checked and later read without -wal/-shm.
        let copy = crate::store::cipher::open_conn(&tmp, OpenFlags::default(), key)
            .map_err(|e| failed(e.to_string()))?;
        copy.pragma_update(None, "journal_mode", "DELETE").map_err(|e| failed(e.to_string()))?;
    }
    let contents = match check_file_with_key(&tmp, key) {
        Ok(c) => c,
        Err(problem) => return Err(failed(problem)),
    };
    sync_file(&tmp).map_err(|e| failed(e.to_string()))?;
    if let Some((reason, now)) = manifest {
        let size = std::fs::metadata(&tmp).map(|m| m.len()).unwrap_or(0);
        let info = BackupInfo {
            path: String::new(),
            at: at_text(now),
            reason: reason.into(),
            size,
            contents: contents.clone(),
            ok: true,
            problem: String::new(),
        };
        let json = serde_json::to_vec_pretty(&info).unwrap_or_default();
        write_whole(&dest.with_extension("json"), &json).map_err(|e| failed(e.to_string()))?;
    }
    std::fs::rename(&tmp, dest).map_err(|e| failed(e.to_string()))?;
    if let Some(dir) = dest.parent() {
        sync_dir(dir);
    }
    Ok(contents)
}

/// Writes `bytes` to a temporary name, fsyncs and renames: the file is whole or absent.
pub(crate) fn write_whole(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = temp_name(dest);
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, dest)?;
    if let Some(dir) = dest.parent() {
        sync_dir(dir);
    }
    Ok(())
}

pub(crate) fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().read(true).write(true).open(path)?.sync_all()
}

/// Makes a rename durable (Unix; Windows has no directory handle to sync and renames durably).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes temporary files a killed backup left behind.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let orphan_manifest =
            path.extension().is_some_and(|x| x == "json") && !path.with_extension("db").exists();
        if (name.starts_with('.') && name.ends_with(".tmp")) || orphan_manifest {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Checks that `path` is a whole ledger file, read-only, and says what it holds. The error is a
/// Chinese sentence naming the problem.
pub fn check_file(path: &Path) -> std::result::Result<Contents, String> {
    check_file_with_key(path, None)
}

/// [`check_file`] for a file that may be encrypted with `key`. An encrypted file is checked only
/// with its key: without one the error says a password is needed.
pub fn check_file_with_key(
    path: &Path,
    key: Option<&str>,
) -> std::result::Result<Contents, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("找不到文件 {}（{e}）", path.display()))?;
    if meta.len() == 0 {
        return Err(format!("文件 {} 是空的（0 字节），不是可用的台账", path.display()));
    }
    let encrypted = crate::store::cipher::is_encrypted(path);
    if encrypted && key.is_none() {
        return Err(format!("{} 已加密（或不是台账文件），需要台账密码才能检查", path.display()));
    }
    let conn = crate::store::cipher::open_conn(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| format!("无法打开 {}（{e}）", path.display()))?;
    let not_ledger = |e: rusqlite::Error| {
        if encrypted {
            format!("{} 无法用当前的台账密码打开：密码不同，或不是台账文件（{e}）", path.display())
        } else {
            format!("{} 不是台账文件或已损坏（{e}）", path.display())
        }
    };
    let check: String =
        conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0)).map_err(not_ledger)?;
    if check != "ok" {
        return Err(format!("{} 已损坏（完整性检查：{check}）", path.display()));
    }
    let version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(not_ledger)?;
    if version > crate::store::db::schema_version() as i64 {
        return Err(format!("{} 由更新版本的程序创建，请先升级程序", path.display()));
    }
    contents(&conn).map_err(not_ledger)
}

/// Counts what a ledger holds (on any connection to it).
pub fn contents(conn: &Connection) -> rusqlite::Result<Contents> {
    let people: u32 =
        conn.query_row("SELECT COUNT(*) FROM people WHERE voided_at IS NULL", [], |r| r.get(0))?;
    let (audit_entries, last_change): (i64, Option<String>) =
        conn.query_row("SELECT COUNT(*), MAX(at) FROM audit_log", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    // Ledgers from before the audit chain have no hash column.
    let head: Option<(i64, Option<String>)> = conn
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
        .or_else(|e| if e.to_string().contains("no such column") { Ok(None) } else { Err(e) })?;
    let (audit_last_id, audit_head) =
        head.map(|(id, h)| (id, h.unwrap_or_default())).unwrap_or_default();
    Ok(Contents {
        people,
        audit_entries: audit_entries.max(0) as u64,
        last_change: last_change.unwrap_or_default(),
        audit_last_id,
        audit_head,
    })
}

/// The backups of the ledger at `ledger_path`, newest first. A `.db` without a manifest (made by
/// an earlier build, or copied in by hand) is checked now.
pub fn list(ledger_path: &Path) -> Vec<BackupInfo> {
    list_with_key(ledger_path, None)
}

/// [`list`] for an encrypted ledger: a backup without a manifest is checked with `key` (without
/// it, such a backup is listed as needing the password).
pub fn list_with_key(ledger_path: &Path, key: Option<&str>) -> Vec<BackupInfo> {
    list_in(&folder(ledger_path), ledger_path, key)
}

/// The backups of the ledger at `ledger_path` found in `dir` (its own folder or the chosen one).
fn list_in(dir: &Path, ledger_path: &Path, key: Option<&str>) -> Vec<BackupInfo> {
    let prefix = format!("{}-", stem(ledger_path));
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<BackupInfo> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "db")
                && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .map(|p| describe(&p, &prefix, key))
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.path.cmp(&a.path)));
    out
}

/// Reads a backup's manifest, or checks the file when it has none.
fn describe(path: &Path, prefix: &str, key: Option<&str>) -> BackupInfo {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let manifest = std::fs::read(path.with_extension("json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<BackupInfo>(&b).ok());
    if let Some(mut info) = manifest {
        info.path = path.display().to_string();
        if info.size != size {
            info.ok = false;
            info.problem =
                format!("文件大小（{size} 字节）与备份时（{} 字节）不符，可能已被改动", info.size);
            info.size = size;
        }
        return info;
    }
    // `ledger-20261121-093000-导入前[-2].db`: time and reason from the name.
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let rest = name.strip_prefix(prefix).unwrap_or(&name);
    let at = NaiveDateTime::parse_from_str(rest.get(..15).unwrap_or(""), "%Y%m%d-%H%M%S")
        .map(at_text)
        .unwrap_or_default();
    let reason = rest.get(16..).unwrap_or("").to_string();
    let (ok, problem, contents) = match check_file_with_key(path, key) {
        Ok(c) => (true, String::new(), c),
        Err(p) => (false, p, Contents::default()),
    };
    BackupInfo { path: path.display().to_string(), at, reason, size, contents, ok, problem }
}

/// The audit chain's anchors kept outside the ledger: each good backup's time and contents.
pub fn anchors(ledger_path: &Path) -> Vec<(String, Contents)> {
    list(ledger_path).into_iter().filter(|b| b.ok).map(|b| (b.at, b.contents)).collect()
}

/// The newest backup that was whole when written and still has its size.
pub fn newest_good(ledger_path: &Path) -> Option<BackupInfo> {
    list(ledger_path).into_iter().find(|b| b.ok)
}

/// Makes the day's first backup if there is none for `now`'s date yet (and the ledger holds
/// anything). Called when the app or the tool opens the ledger.
pub fn daily_if_due(ledger: &Ledger, now: NaiveDateTime) -> Result<Option<BackupInfo>> {
    let Some(path) = ledger.path() else { return Ok(None) };
    let today = now.format("%Y-%m-%d").to_string();
    // A copy made on exit earlier today is as good as the day's first.
    let done = list(path)
        .iter()
        .any(|b| (b.reason == DAILY || b.reason == ON_EXIT) && b.ok && b.at.starts_with(&today));
    if done {
        return Ok(None);
    }
    let empty: bool = ledger.conn().query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM people) AND NOT EXISTS (SELECT 1 FROM audit_log)",
        [],
        |r| r.get(0),
    )?;
    if empty {
        return Ok(None);
    }
    create(ledger, DAILY, now)
}

/// Which backups the rotation keeps: see [`KEEP_DAILY`] and the others. Pure, for tests.
pub fn keep(backups: &[BackupInfo], now: NaiveDateTime) -> Vec<bool> {
    let parse = |b: &BackupInfo| NaiveDateTime::parse_from_str(&b.at, "%Y-%m-%d %H:%M:%S").ok();
    let mut keep = vec![false; backups.len()];
    // Newest first, so the first seen of a day / week / month is its newest.
    let mut order: Vec<usize> = (0..backups.len()).collect();
    order.sort_by(|&a, &b| backups[b].at.cmp(&backups[a].at));
    let (mut days, mut weeks, mut months) = (Vec::new(), Vec::new(), Vec::new());
    for &i in &order {
        let b = &backups[i];
        let Some(at) = parse(b) else {
            keep[i] = true; // cannot tell its age: leave it
            continue;
        };
        if b.reason != DAILY && b.reason != ON_EXIT {
            keep[i] =
                b.reason == MANUAL || (now - at).num_days() < KEEP_BEFORE_OPERATION_DAYS || !b.ok;
            continue;
        }
        if !b.ok {
            // A broken daily copy is worth nothing; it is kept only if nothing replaces it.
            continue;
        }
        let day = at.date();
        let week = (day.iso_week().year(), day.iso_week().week());
        let month = (day.year(), day.month());
        for (seen, key, limit) in [
            (&mut days, (day.year(), day.ordinal()), KEEP_DAILY),
            (&mut weeks, week, KEEP_WEEKLY),
            (&mut months, month, KEEP_MONTHLY),
        ] {
            if !seen.contains(&key) && seen.len() < limit {
                seen.push(key);
                keep[i] = true;
            }
        }
    }
    keep
}

/// Applies the rotation to the backup folder. Best effort: a file that cannot be removed stays.
pub fn prune(ledger_path: &Path, now: NaiveDateTime) {
    prune_in(&folder(ledger_path), ledger_path, now);
}

fn prune_in(dir: &Path, ledger_path: &Path, now: NaiveDateTime) {
    let backups = list_in(dir, ledger_path, None);
    for (b, k) in backups.iter().zip(keep(&backups, now)) {
        if !k {
            let p = PathBuf::from(&b.path);
            let _ = std::fs::remove_file(p.with_extension("json"));
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// Copies a damaged ledger (and its -wal) as it is into the backup folder, named `…-恢复前-已损坏.db`;
/// listed as unusable, kept for a technician.
fn keep_damaged(path: &Path, now: NaiveDateTime) -> Result<Option<BackupInfo>> {
    let dir = folder(path);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::File(format!("无法创建备份文件夹 {}：{e}", dir.display())))?;
    let dest = dir.join(format!(
        "{}-{}-{BEFORE_RESTORE}-已损坏.db",
        stem(path),
        now.format("%Y%m%d-%H%M%S")
    ));
    let copy = |from: &Path, to: &Path| {
        std::fs::copy(from, to).map_err(|e| {
            Error::File(format!(
                "保留损坏的台账 {} 时出错：{e}。台账未改动，请检查磁盘空间。",
                from.display()
            ))
        })
    };
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    if wal.exists() {
        let mut wal_dest = dest.as_os_str().to_owned();
        wal_dest.push("-wal");
        copy(&wal, Path::new(&wal_dest))?;
    }
    let size = copy(path, &dest)?;
    let _ = sync_file(&dest);
    Ok(Some(BackupInfo {
        path: dest.display().to_string(),
        at: at_text(now),
        reason: format!("{BEFORE_RESTORE}-已损坏"),
        size,
        contents: Contents::default(),
        ok: false,
        problem: "恢复前保留的已损坏台账".into(),
    }))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Restored {
    /// The backup of the ledger as it was before the restore.
    pub before: Option<BackupInfo>,
    /// What the ledger holds now.
    pub contents: Contents,
}

/// Replaces the ledger with the backup `file`: checks `file`, backs the current ledger up
/// (`恢复前`), copies `file` beside the ledger, checks the copy, and renames it over the ledger.
/// `ledger` is reopened on the restored file (and brought to the current schema). A kill at any
/// moment leaves either the old ledger or the restored one.
pub fn restore(
    ledger: &mut Ledger,
    file: &Path,
    stamp: &crate::domain::stamp::Stamp,
) -> Result<Restored> {
    let now = stamp.now;
    let path = ledger
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::invalid("内存中的台账无法恢复备份。"))?;
    let key = ledger.key().map(str::to_owned);
    check_file_with_key(file, key.as_deref())
        .map_err(|p| Error::File(format!("不能用这个文件恢复：{p}。请选择另一个备份。")))?;
    // The chosen backup folder belongs to the office, not to the ledger's past: it is kept.
    let chosen_folder = backup_copy::folder(ledger.conn()).ok().flatten();
    // A damaged ledger is open read-only (see `crate::store::opening`): it cannot pass a verified backup,
    // so it is kept as it is, beside the backups, and replaced without leaving WAL mode.
    let damaged = ledger.conn().is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
    let before =
        if damaged { keep_damaged(&path, now)? } else { create(ledger, BEFORE_RESTORE, now)? };
    let incoming = path.with_file_name(format!(
        "{}.restore",
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    {
        // Writing an encrypted copy attaches a new file, which a read-only connection cannot;
        // the backup itself is only read either way.
        let access = if key.is_some() {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        };
        let source = crate::store::cipher::open_conn(
            file,
            access | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key.as_deref(),
        )?;
        // The restored ledger keeps the current ledger's encryption, whatever the backup's.
        write_verified(&source, &incoming, None, key.as_deref())?;
    }
    // Leave WAL mode so that no -wal file of the old ledger can be applied to the new one. This
    // needs the ledger to ourselves: another window holding it makes this fail, and nothing changes.
    let exclusive = if damaged {
        Ok(())
    } else {
        ledger
            .conn()
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
            .map_err(|_| ())
            .and_then(|mode| if mode.eq_ignore_ascii_case("delete") { Ok(()) } else { Err(()) })
    };
    if exclusive.is_err() {
        let _ = std::fs::remove_file(&incoming);
        let _ = ledger.conn().pragma_update(None, "journal_mode", "WAL");
        return Err(Error::Database(
            "台账正被另一个窗口或程序使用，无法恢复。请关闭其他打开此台账的程序后再恢复；台账未作任何改动。"
                .into(),
        ));
    }
    // Close the old connection before the file under it is replaced.
    *ledger = Ledger::open_in_memory()?;
    if damaged {
        // Its -wal (kept in the copy above) must not be applied to the restored file.
        for ext in ["-wal", "-shm"] {
            let mut side = path.clone().into_os_string();
            side.push(ext);
            let _ = std::fs::remove_file(PathBuf::from(side));
        }
    }
    let renamed = std::fs::rename(&incoming, &path);
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    *ledger = Ledger::open_with_key(&path, key.as_deref())?;
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&incoming);
        return Err(Error::File(format!(
            "恢复时替换台账文件失败：{e}。台账未改动，请关闭其他程序后再恢复。"
        )));
    }
    // The restored ledger says so in its audit trail; `audit verify` then knows that backups made
    // before this moment anchor the chain that was replaced.
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::store::audit::record(ledger.conn(), stamp, "ledger", None, "restore", &[], Some(&name))?;
    if chosen_folder.is_some() {
        backup_copy::set_folder(ledger.conn(), stamp, chosen_folder.as_deref())?;
    }
    let contents = contents(ledger.conn())?;
    Ok(Restored { before, contents })
}

/// Whether the ledger changed since its newest good backup: the audit chain's newest entry (id and
/// hash) differs from the one that backup's manifest recorded. Every change is audited in the same
/// transaction, so this is one indexed read plus the manifests, however large the ledger. A ledger
/// with no audit entry has nothing worth a copy; one with no good backup has changed.
pub fn changed_since_newest(ledger: &Ledger) -> Result<bool> {
    let Some(path) = ledger.path() else { return Ok(false) };
    let head: Option<(i64, Option<String>)> = ledger
        .conn()
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((id, hash)) = head else { return Ok(false) };
    let hash = hash.unwrap_or_default();
    Ok(match newest_good(path) {
        None => true,
        Some(b) => {
            b.contents.audit_last_id != id || hash.is_empty() || b.contents.audit_head != hash
        }
    })
}

/// The backup of a clean exit ([`ON_EXIT`]): made only when the ledger changed since its newest
/// backup, so opening and closing the app without a change copies nothing.
pub fn on_exit_if_changed(ledger: &Ledger, now: NaiveDateTime) -> Result<Option<BackupInfo>> {
    let damaged = ledger.conn().is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
    if damaged || !changed_since_newest(ledger)? {
        return Ok(None);
    }
    create(ledger, ON_EXIT, now)
}

/// Copies the backup just written at `dest` to the folder the clerk chose, when one is chosen and
/// can be written now, and applies the same rotation there. Best effort: the backup itself is
/// already whole, and [`copy_status`] tells the clerk when the folder last got a copy.
fn copy_to_chosen_folder(ledger: &Ledger, dest: &Path, now: NaiveDateTime) {
    let (Some(path), Ok(Some(dir))) = (ledger.path(), backup_copy::folder(ledger.conn())) else {
        return;
    };
    if backup_copy::unavailable(&dir).is_some() || dir == folder(path) {
        return;
    }
    let Some(name) = dest.file_name() else { return };
    let key = ledger.key();
    let check = |p: &Path| check_file_with_key(p, key).map(|_| ());
    if backup_copy::copy_verified(dest, &dir.join(name), check).is_ok() {
        prune_in(&dir, path, now);
    }
}

/// What the settings page shows about the chosen backup folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct CopyStatus {
    /// The chosen folder; empty when none is chosen.
    pub folder: String,
    /// Why copies cannot go there now, in Chinese; empty when they can.
    pub problem: String,
    /// When the newest copy there was made (`2026-11-21 09:30:00`); empty for none.
    pub last_copy: String,
    /// How many good copies of this ledger the folder holds.
    pub copies: u32,
}

/// The chosen folder's state for the ledger at `ledger_path` (whose settings `conn` reads).
pub fn copy_status(conn: &Connection, ledger_path: &Path) -> Result<CopyStatus> {
    let Some(dir) = backup_copy::folder(conn)? else { return Ok(CopyStatus::default()) };
    let problem = backup_copy::unavailable(&dir).unwrap_or_default();
    let copies: Vec<BackupInfo> =
        list_in(&dir, ledger_path, None).into_iter().filter(|b| b.ok).collect();
    Ok(CopyStatus {
        folder: dir.display().to_string(),
        problem,
        last_copy: copies.first().map(|b| b.at.clone()).unwrap_or_default(),
        copies: copies.len() as u32,
    })
}

/// Restores the backup `file` over a ledger file that cannot be opened at all (0 bytes, not a
/// ledger, from a newer program…), from the app's 无法打开 screen: checks `file`, keeps the
/// unopenable file (and its -wal) beside the backups as `…-恢复前-已损坏.db`, writes a checked copy
/// beside the ledger and renames it over it. A kill at any moment leaves the unopenable file or the
/// restored one. The backup must be a plain one: an encrypted ledger that is merely locked is
/// opened with its password instead.
pub fn restore_unopened(
    path: &Path,
    file: &Path,
    stamp: &crate::domain::stamp::Stamp,
) -> Result<(Ledger, Restored)> {
    if path.is_dir() {
        return Err(Error::File(format!(
            "{} 是一个文件夹，不是台账文件，不能在这里恢复。请选择其他台账文件。",
            path.display()
        )));
    }
    check_file(file)
        .map_err(|p| Error::File(format!("不能用这个文件恢复：{p}。请选择另一个备份。")))?;
    let before = if path.exists() { keep_damaged(path, stamp.now)? } else { None };
    let incoming = path.with_file_name(format!(
        "{}.restore",
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    {
        let source = crate::store::cipher::open_conn(
            file,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            None,
        )?;
        write_verified(&source, &incoming, None, None)?;
    }
    // The unopenable file's -wal (kept in the copy above) must not be applied to the restored one.
    for ext in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    if let Err(e) = std::fs::rename(&incoming, path) {
        let _ = std::fs::remove_file(&incoming);
        return Err(Error::File(format!(
            "恢复时替换台账文件 {} 失败：{e}。请关闭其他程序后再恢复。",
            path.display()
        )));
    }
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    let ledger = Ledger::open(path)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::store::audit::record(ledger.conn(), stamp, "ledger", None, "restore", &[], Some(&name))?;
    let contents = contents(ledger.conn())?;
    Ok((ledger, Restored { before, contents }))
}

/// Backups as the ledger's own operations, kept here so the file layer (`db`) does not depend on
/// the backup rules.
impl Ledger {
    /// Backs the ledger up next to itself (`backups/ledger-20261121-093000-导入前.db`) before a risky
    /// operation: a verified copy with its manifest, then the rotation (see [`crate::store::backup`]). An
    /// in-memory ledger has nothing to back up.
    pub fn backup_before(&self, label: &str, now: NaiveDateTime) -> Result<Option<PathBuf>> {
        Ok(create(self, label, now)?.map(|b| PathBuf::from(b.path)))
    }

    /// Copies the ledger to `dest` with `VACUUM INTO`, so the copy is consistent even while the app
    /// has the ledger open; checked and renamed into place whole (see [`create_at`]).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        create_at(self, dest).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{PersonFields, PersonInput};
    use crate::domain::stamp::Stamp;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    fn stamp_at(now: NaiveDateTime) -> Stamp {
        Stamp { actor: "测试".into(), now }
    }

    fn add_people(ledger: &Ledger, names: &[&str]) {
        let stamp = Stamp { actor: "测试".into(), now: at(2026, 11, 21, 9) };
        for name in names {
            let fields = PersonFields { name: (*name).into(), ..Default::default() };
            crate::tables::people::insert(
                ledger.conn(),
                &stamp,
                &PersonInput { fields, family: vec![] },
            )
            .unwrap();
        }
    }

    #[test]
    fn a_backup_is_checked_counted_and_described() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let ledger = Ledger::open(&path).unwrap();
        add_people(&ledger, &["张三", "李四"]);
        let info = create(&ledger, BEFORE_IMPORT, at(2026, 11, 21, 9)).unwrap().unwrap();
        assert!(info.ok && info.size > 0);
        assert_eq!(info.contents.people, 2);
        assert_eq!(info.contents.audit_entries, 2);
        assert!(info.path.ends_with("ledger-20261121-090000-导入前.db"), "{}", info.path);
        let listed = list(&path);
        assert_eq!(listed, vec![info.clone()], "the manifest reads back as written");
        // The copy opens on its own, without -wal or -shm files.
        assert_eq!(check_file(Path::new(&info.path)).unwrap().people, 2);
        let names: Vec<String> = std::fs::read_dir(folder(&path))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "the .db and its manifest only: {names:?}");
    }

    /// What a killed import left behind in earlier builds: a 0-byte `导入前` file. It is listed as
    /// unusable, never offered as the newest good backup, and refused by restore.
    #[test]
    fn an_empty_or_half_written_backup_is_never_taken_for_a_good_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&path).unwrap();
        add_people(&ledger, &["张三"]);
        let good = create(&ledger, BEFORE_IMPORT, at(2026, 11, 20, 9)).unwrap().unwrap();
        let empty = folder(&path).join("ledger-20261121-090000-导入前.db");
        std::fs::write(&empty, b"").unwrap();
        let half = folder(&path).join("ledger-20261121-100000-导入前.db");
        let whole = std::fs::read(&good.path).unwrap();
        std::fs::write(&half, &whole[..whole.len() / 2]).unwrap();
        // A temporary file of a killed backup is not listed and is removed by the next backup.
        let tmp = folder(&path).join(".ledger-20261121-110000-每日.db.tmp");
        std::fs::write(&tmp, &whole[..100]).unwrap();

        let listed = list(&path);
        assert_eq!(listed.len(), 3);
        let bad: Vec<&BackupInfo> = listed.iter().filter(|b| !b.ok).collect();
        assert_eq!(bad.len(), 2, "{listed:?}");
        assert!(bad.iter().any(|b| b.problem.contains("0 字节")), "{bad:?}");
        assert_eq!(newest_good(&path).unwrap().path, good.path);
        let err = restore(&mut ledger, &empty, &stamp_at(at(2026, 11, 22, 9))).unwrap_err();
        assert!(err.to_string().contains("空的"), "{err}");
        let err = restore(&mut ledger, &half, &stamp_at(at(2026, 11, 22, 9))).unwrap_err();
        assert!(err.to_string().contains("不能用这个文件恢复"), "{err}");
        assert_eq!(contents(ledger.conn()).unwrap().people, 1, "refused restores change nothing");

        create(&ledger, MANUAL, at(2026, 11, 22, 9)).unwrap();
        assert!(!tmp.exists());
    }

    #[test]
    fn restore_backs_up_the_current_ledger_then_swaps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&path).unwrap();
        add_people(&ledger, &["张三"]);
        let old = create(&ledger, MANUAL, at(2026, 11, 20, 9)).unwrap().unwrap();
        add_people(&ledger, &["李四", "王五"]);

        let restored =
            restore(&mut ledger, Path::new(&old.path), &stamp_at(at(2026, 11, 21, 9))).unwrap();
        assert_eq!(restored.contents.people, 1);
        assert_eq!(contents(ledger.conn()).unwrap().people, 1, "the ledger is reopened on it");
        let before = restored.before.unwrap();
        assert_eq!((before.reason.as_str(), before.contents.people), (BEFORE_RESTORE, 3));
        // The ledger is in WAL mode again and writable.
        add_people(&ledger, &["赵六"]);
        let mode: String =
            ledger.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        drop(ledger);
        assert_eq!(check_file(&path).unwrap().people, 2);

        // And the 恢复前 copy brings the three back.
        let mut ledger = Ledger::open(&path).unwrap();
        restore(&mut ledger, Path::new(&before.path), &stamp_at(at(2026, 11, 21, 10))).unwrap();
        assert_eq!(contents(ledger.conn()).unwrap().people, 3);
    }

    #[test]
    fn restore_is_refused_while_another_connection_holds_the_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&path).unwrap();
        add_people(&ledger, &["张三"]);
        let old = create(&ledger, MANUAL, at(2026, 11, 20, 9)).unwrap().unwrap();
        add_people(&ledger, &["李四"]);
        let other = Ledger::open(&path).unwrap();
        other.conn().busy_timeout(std::time::Duration::from_millis(10)).unwrap();
        ledger.conn().busy_timeout(std::time::Duration::from_millis(10)).unwrap();
        let err =
            restore(&mut ledger, Path::new(&old.path), &stamp_at(at(2026, 11, 21, 9))).unwrap_err();
        assert!(err.to_string().contains("另一个"), "{err}");
        assert_eq!(contents(other.conn()).unwrap().people, 2);
        add_people(&ledger, &["王五"]);
        assert_eq!(contents(other.conn()).unwrap().people, 3, "both still work");
    }

    #[test]
    fn rotation_keeps_days_weeks_months_and_recent_operations() {
        let info = |at: NaiveDateTime, reason: &str| BackupInfo {
            path: String::new(),
            at: at_text(at),
            reason: reason.into(),
            size: 1,
            contents: Contents::default(),
            ok: true,
            problem: String::new(),
        };
        let now = at(2026, 12, 31, 12);
        // One daily backup a day for 400 days, two on the last day.
        let mut backups: Vec<BackupInfo> =
            (0..400).map(|d| info(now - chrono::Duration::days(d), DAILY)).collect();
        backups.push(info(now - chrono::Duration::hours(3), DAILY));
        backups.push(info(now - chrono::Duration::days(29), BEFORE_IMPORT));
        backups.push(info(now - chrono::Duration::days(31), BEFORE_IMPORT));
        backups.push(info(now - chrono::Duration::days(300), MANUAL));
        let kept = keep(&backups, now);
        let kept_daily: Vec<&str> = backups
            .iter()
            .zip(&kept)
            .filter(|(b, k)| **k && b.reason == DAILY)
            .map(|(b, _)| b.at.as_str())
            .collect();
        // 7 days; weeks and months add their newest where not already kept.
        assert!(kept_daily.contains(&"2026-12-31 12:00:00"));
        assert!(!kept_daily.contains(&"2026-12-31 09:00:00"), "one per day");
        assert!(kept_daily.contains(&"2026-12-25 12:00:00"), "the 7th day");
        assert!(kept_daily.iter().all(|a| *a >= "2026-01-01"), "12 months: {kept_daily:?}");
        assert!(kept_daily.contains(&"2026-01-31 12:00:00"), "newest of the 12th month");
        assert!(kept_daily.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY);
        assert!(kept_daily.len() >= 7 + 11, "{kept_daily:?}");
        let n = backups.len();
        assert_eq!(&kept[n - 3..], &[true, false, true], "import copies 30 days, manual always");
    }

    #[test]
    fn the_daily_backup_is_made_once_a_day_and_not_for_an_empty_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let ledger = Ledger::open(&path).unwrap();
        assert!(daily_if_due(&ledger, at(2026, 11, 21, 8)).unwrap().is_none());
        add_people(&ledger, &["张三"]);
        assert!(daily_if_due(&ledger, at(2026, 11, 21, 8)).unwrap().is_some());
        assert!(daily_if_due(&ledger, at(2026, 11, 21, 17)).unwrap().is_none());
        assert!(daily_if_due(&ledger, at(2026, 11, 22, 8)).unwrap().is_some());
        assert_eq!(list(&path).len(), 2);
    }
}
