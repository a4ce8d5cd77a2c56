//! Encryption at rest (issue 12), with SQLCipher through rusqlite's `bundled-sqlcipher-vendored-openssl`
//! feature: the whole file (every page, the -wal too) is AES-256 encrypted with a key derived from
//! the unit's password. An unencrypted ledger is plain SQLite and opens as before.
//!
//! There is no back door: a forgotten password cannot be recovered, and nothing here stores it.
//! Turning encryption on, changing the password and turning it off ([`rekey`]) each rewrite the
//! ledger safely: a verified backup first (with the old key), the new file written beside the
//! ledger under a temporary name with `sqlcipher_export`, checked with the new key (integrity, the
//! people and audit entries counted), fsynced and renamed over the ledger. A kill at any moment
//! leaves the old file (old key) or the new one (new key), never anything between.

use crate::domain::stamp::Stamp;
use crate::error::{Error, Result};
use crate::store::backup;
use crate::store::db::Ledger;
use std::path::{Path, PathBuf};

use crate::store::cipher::export;
pub use crate::store::cipher::{is_encrypted, is_plain, needs_password, wrong_password};

/// Why a backup was made before an encryption change (also the last part of its file name).
pub const BEFORE_ENCRYPT: &str = "加密前";
pub const BEFORE_PASSWD: &str = "改密码前";
pub const BEFORE_DECRYPT: &str = "解密前";

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 6;

/// What every clerk must be told before choosing a password.
pub const NO_RECOVERY: &str =
    "密码一旦忘记将无法找回，台账和用这个密码加密的备份都将无法打开。请打印恢复单，手写密码后锁好保管。";

/// Checks a password a clerk chose: not empty, not too short, no spaces at either end.
pub fn check_new_password(password: &str) -> Result<()> {
    if password.trim() != password {
        return Err(Error::invalid("密码的开头或结尾不能是空格，请重新输入。"));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::invalid(format!(
            "密码太短：至少 {MIN_PASSWORD_CHARS} 个字符。请重新输入。"
        )));
    }
    Ok(())
}

/// What an encryption change did.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct Rekeyed {
    /// The verified backup made first, with the old key (absent only for an in-memory ledger).
    pub backup: Option<String>,
    /// Whether the ledger is encrypted now.
    pub encrypted: bool,
    /// People in the rewritten ledger (the same as before).
    pub people: u32,
}

/// Turns encryption on (`new_key` given, ledger plain), changes the password (both), or turns it
/// off (`new_key` `None`). `ledger` is reopened on the rewritten file. See the module notes.
pub fn rekey(ledger: &mut Ledger, new_key: Option<&str>, stamp: &Stamp) -> Result<Rekeyed> {
    let path = ledger
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::invalid("内存中的台账不能加密。"))?;
    if ledger.conn().is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(Error::Database(
            "台账已损坏，以只读方式打开，不能加密或修改密码。请先在“备份与恢复”中恢复最新的可用备份。"
                .into(),
        ));
    }
    let old_key = ledger.key().map(str::to_owned);
    let (reason, action) = match (&old_key, new_key) {
        (None, None) => return Err(Error::invalid("台账没有加密，不需要解除加密。")),
        (None, Some(_)) => (BEFORE_ENCRYPT, "encrypt"),
        (Some(_), Some(_)) => (BEFORE_PASSWD, "passwd"),
        (Some(_), None) => (BEFORE_DECRYPT, "decrypt"),
    };
    if let Some(k) = new_key {
        check_new_password(k)?;
        if old_key.as_deref() == Some(k) {
            return Err(Error::invalid("新密码与原密码相同，请输入不同的新密码。"));
        }
    }
    let before = backup::contents(ledger.conn())?;
    let made = backup::create(ledger, reason, stamp.now)?;

    let tmp = leftover(&path);
    let failed = |what: String| {
        let _ = std::fs::remove_file(&tmp);
        Error::Database(format!("加密设置没有改成：{what}。台账未作任何改动，仍用原来的密码。"))
    };
    let _ = std::fs::remove_file(&tmp);
    export(ledger.conn(), &tmp, new_key).map_err(|e| failed(e.to_string()))?;
    let after = backup::check_file_with_key(&tmp, new_key).map_err(failed)?;
    if (after.people, after.audit_entries) != (before.people, before.audit_entries) {
        return Err(failed(format!(
            "新文件中有 {} 人、{} 条修改记录，原台账 {} 人、{} 条",
            after.people, after.audit_entries, before.people, before.audit_entries
        )));
    }
    backup::sync_file(&tmp).map_err(|e| failed(e.to_string()))?;

    // Leave WAL mode so that no -wal file of the old ledger (old key) is left beside the new one.
    // This needs the ledger to ourselves: another window holding it makes this fail, and nothing changes.
    let exclusive = ledger
        .conn()
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
        .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
    if !exclusive {
        let _ = ledger.conn().pragma_update(None, "journal_mode", "WAL");
        return Err(failed(
            "台账正被另一个窗口或程序使用。请关闭其他打开此台账的程序后再试".into(),
        ));
    }
    *ledger = Ledger::open_in_memory()?;
    let renamed = std::fs::rename(&tmp, &path);
    if let Some(dir) = path.parent() {
        backup::sync_dir(dir);
    }
    let key_now = if renamed.is_ok() { new_key } else { old_key.as_deref() };
    *ledger = Ledger::open_with_key(&path, key_now)?;
    if let Err(e) = renamed {
        return Err(failed(format!("替换台账文件失败（{e}）")));
    }
    crate::store::audit::record(ledger.conn(), stamp, "ledger", None, action, &[], None)?;
    Ok(Rekeyed { backup: made.map(|b| b.path), encrypted: new_key.is_some(), people: after.people })
}

/// The temporary file a killed [`rekey`] may leave beside the ledger (removed by the next one).
pub fn leftover(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.rekey.tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{PersonFields, PersonInput};
    use crate::store::opening::{open_existing, open_existing_with_key};

    fn stamp(day: u32) -> Stamp {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        Stamp { actor: "测试".into(), now }
    }

    fn add(ledger: &Ledger, names: &[&str]) {
        for name in names {
            let fields = PersonFields {
                name: (*name).into(),
                notes: "身份证 110101194003071230".into(),
                ..Default::default()
            };
            crate::tables::people::insert(
                ledger.conn(),
                &stamp(20),
                &PersonInput { fields, family: vec![] },
            )
            .unwrap();
        }
    }

    fn people(ledger: &Ledger) -> u32 {
        backup::contents(ledger.conn()).unwrap().people
    }

    fn actions(ledger: &Ledger) -> Vec<String> {
        let mut stmt = ledger
            .conn()
            .prepare("SELECT action FROM audit_log WHERE entity = 'ledger' ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    }

    /// Whether `needle` appears anywhere in the file's bytes (or its -wal).
    fn readable_in_file(path: &Path, needle: &str) -> bool {
        let mut bytes = std::fs::read(path).unwrap();
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        bytes.extend(std::fs::read(PathBuf::from(wal)).unwrap_or_default());
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn encrypt_change_the_password_and_decrypt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&path).unwrap();
        add(&ledger, &["张三", "李四"]);
        assert!(is_plain(&path) && readable_in_file(&path, "110101194003071230"));

        let done = rekey(&mut ledger, Some("第一个密码abc"), &stamp(21)).unwrap();
        assert_eq!((done.encrypted, done.people), (true, 2));
        assert_eq!(ledger.key(), Some("第一个密码abc"));
        add(&ledger, &["王五"]);
        assert!(!is_plain(&path) && is_encrypted(&path));
        assert!(!readable_in_file(&path, "110101194003071230"), "no ID number in the clear");
        assert!(!readable_in_file(&path, "张三"));
        // The backup made first is of the plain ledger, as it was.
        let before = PathBuf::from(done.backup.unwrap());
        assert!(before.to_string_lossy().contains(BEFORE_ENCRYPT));
        assert_eq!(backup::check_file(&before).unwrap().people, 2);
        drop(ledger);

        let err = open_existing(&path).err().unwrap();
        assert_eq!(err.kind(), crate::ErrorKind::Locked);
        assert!(err.to_string().contains("需要输入密码"), "{err}");
        let err = open_existing_with_key(&path, Some("错误的密码")).err().unwrap();
        assert_eq!(err.kind(), crate::ErrorKind::Locked);
        assert!(err.to_string().contains("密码不正确"), "{err}");
        let mut ledger = open_existing_with_key(&path, Some("第一个密码abc")).unwrap().ledger;
        assert_eq!(people(&ledger), 3);

        let done = rekey(&mut ledger, Some("second-password"), &stamp(22)).unwrap();
        assert_eq!(people(&ledger), 3);
        // The backup made before the change keeps the old key.
        let old = PathBuf::from(done.backup.unwrap());
        assert!(backup::check_file(&old).unwrap_err().contains("需要台账密码"));
        assert!(backup::check_file_with_key(&old, Some("second-password")).is_err());
        assert_eq!(backup::check_file_with_key(&old, Some("第一个密码abc")).unwrap().people, 3);
        drop(ledger);
        assert!(open_existing_with_key(&path, Some("第一个密码abc")).is_err());
        let mut ledger = open_existing_with_key(&path, Some("second-password")).unwrap().ledger;

        let done = rekey(&mut ledger, None, &stamp(23)).unwrap();
        assert!(!done.encrypted && ledger.key().is_none());
        assert!(is_plain(&path));
        assert_eq!(actions(&ledger), ["encrypt", "passwd", "decrypt"]);
        drop(ledger);
        // A plain ledger opens with or without a password given.
        assert_eq!(people(&open_existing(&path).unwrap().ledger), 3);
        assert_eq!(people(&open_existing_with_key(&path, Some("x")).unwrap().ledger), 3);
        assert!(!leftover(&path).exists());
    }

    #[test]
    fn backups_and_restore_of_an_encrypted_ledger_stay_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&path).unwrap();
        add(&ledger, &["张三"]);
        let plain_backup = backup::create(&ledger, backup::MANUAL, stamp(20).now).unwrap().unwrap();
        rekey(&mut ledger, Some("password-1"), &stamp(21)).unwrap();
        add(&ledger, &["李四"]);
        let made = backup::create(&ledger, backup::MANUAL, stamp(22).now).unwrap().unwrap();
        let made_path = PathBuf::from(&made.path);
        assert!(is_encrypted(&made_path) && !readable_in_file(&made_path, "110101194003071230"));
        assert_eq!(made.contents.people, 2);

        // Listed from the manifests without the key; a backup without one needs it.
        let listed = backup::list(&path);
        assert!(listed.iter().any(|b| b.path == made.path && b.ok && b.contents.people == 2));
        std::fs::remove_file(made_path.with_extension("json")).unwrap();
        let bare = |key| {
            backup::list_with_key(&path, key).into_iter().find(|b| b.path == made.path).unwrap()
        };
        assert!(!bare(None).ok && bare(None).problem.contains("需要台账密码"));
        assert!(bare(Some("password-1")).ok && bare(Some("password-1")).contents.people == 2);

        // A restore from the plain backup made before encryption keeps the ledger encrypted.
        add(&ledger, &["王五"]);
        let restored =
            backup::restore(&mut ledger, Path::new(&plain_backup.path), &stamp(23)).unwrap();
        assert_eq!(restored.contents.people, 1);
        assert!(is_encrypted(&path) && ledger.key() == Some("password-1"));
        let before = restored.before.unwrap();
        assert!(is_encrypted(Path::new(&before.path)) && before.contents.people == 3);
        backup::restore(&mut ledger, Path::new(&before.path), &stamp(24)).unwrap();
        assert_eq!(people(&ledger), 3);
        drop(ledger);
        assert_eq!(people(&open_existing_with_key(&path, Some("password-1")).unwrap().ledger), 3);
    }

    #[test]
    fn refused_changes_leave_the_ledger_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        let mut ledger = Ledger::open(&path).unwrap();
        add(&ledger, &["张三"]);
        for (key, want) in [(None, "没有加密"), (Some("12345"), "太短"), (Some(" abcdefg"), "空格")]
        {
            let err = rekey(&mut ledger, key, &stamp(21)).unwrap_err();
            assert!(err.to_string().contains(want), "{err}");
        }
        rekey(&mut ledger, Some("password-1"), &stamp(21)).unwrap();
        let err = rekey(&mut ledger, Some("password-1"), &stamp(21)).unwrap_err();
        assert!(err.to_string().contains("相同"), "{err}");

        // Another connection holding the ledger: refused, the old key still opens it.
        let other = Ledger::open_with_key(&path, Some("password-1")).unwrap();
        other.conn().busy_timeout(std::time::Duration::from_millis(10)).unwrap();
        ledger.conn().busy_timeout(std::time::Duration::from_millis(10)).unwrap();
        let _read =
            other.conn().query_row("SELECT COUNT(*) FROM people", [], |r| r.get::<_, i64>(0));
        let err = rekey(&mut ledger, Some("password-2"), &stamp(22)).unwrap_err();
        assert!(err.to_string().contains("另一个窗口"), "{err}");
        assert!(!leftover(&path).exists());
        add(&ledger, &["李四"]);
        assert_eq!(people(&other), 2, "both connections still work, with the old key");
    }
}
