//! The SQLCipher key on a connection (issue 12), below the ledger file (`db`) and its backups
//! (`backup`): whether a file is plain SQLite, giving a connection its key, writing an encrypted or
//! plain copy, and the messages for a missing or wrong password. Encrypting, changing the password
//! and decrypting a ledger are in `store::crypt`.

use crate::error::Error;
use rusqlite::Connection;
use std::path::Path;

/// The first 16 bytes of every plain SQLite file; an encrypted file starts with a random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file at `path` is a plain (unencrypted) SQLite file. A missing or empty file is not.
pub fn is_plain(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok()
        && &head == PLAIN_HEADER
}

/// Whether the file at `path` holds something that is not plain SQLite: an encrypted ledger (or a
/// file that is no ledger at all; without the key the two cannot be told apart).
pub fn is_encrypted(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0) && !is_plain(path)
}

/// The key to give SQLCipher for the file at `path`: none for a plain file (a password given for
/// it is ignored), `key` for an encrypted or a new one.
pub(crate) fn key_for(path: &Path, key: Option<&str>) -> Option<String> {
    if is_plain(path) {
        None
    } else {
        key.map(str::to_owned)
    }
}

/// `PRAGMA key`, the first statement on a connection to an encrypted file.
pub(crate) fn apply_key(conn: &Connection, key: &str) -> crate::error::Result<()> {
    quiet(conn);
    conn.pragma_update(None, "key", key)
        .map_err(|e| Error::Database(format!("无法设置台账密码（{e}）。请联系技术人员。")))
}

/// Opens `path` with `flags` and, when the file is encrypted and `key` is given, its key.
pub(crate) fn open_conn(
    path: &Path,
    flags: rusqlite::OpenFlags,
    key: Option<&str>,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    if let Some(k) = key_for(path, key) {
        quiet(&conn);
        conn.pragma_update(None, "key", k)?;
    }
    Ok(conn)
}

/// The error for an encrypted ledger opened without a password.
pub fn needs_password(path: &Path) -> Error {
    Error::Locked(format!(
        "台账文件 {} 已加密（或不是台账数据库），需要输入密码才能打开。请输入设置加密时的密码；命令行请先设置环境变量 CADRE_LEDGER_PASSWORD。如果这不是加密的台账，请选择正确的台账文件。",
        path.display()
    ))
}

/// The error for an encrypted ledger opened with the wrong password.
pub fn wrong_password(path: &Path) -> Error {
    Error::Locked(format!(
        "密码不正确，无法打开台账 {}（也可能这不是台账文件）。请检查大小写和输入法后重新输入；忘记的密码无法找回，只能用未加密的或用其他密码加密的备份恢复。",
        path.display()
    ))
}

/// Writes a whole copy of the database on `conn` to `dest` (which must not exist), encrypted with
/// `key` or plain, keeping the schema version. One read transaction: the copy is consistent even
/// while another connection writes.
pub(crate) fn export(conn: &Connection, dest: &Path, key: Option<&str>) -> rusqlite::Result<()> {
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        [dest.to_string_lossy().as_ref(), key.unwrap_or("")],
    )?;
    let result = conn.execute_batch("BEGIN").and_then(|()| {
        let copied = conn
            .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
            .and_then(|version| {
                conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
                conn.pragma_update(Some("rekeyed"), "user_version", version)
            });
        match copied {
            Ok(()) => conn.execute_batch("COMMIT"),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    });
    let detached = conn.execute("DETACH DATABASE rekeyed", []);
    result.and(detached.map(|_| ()))
}

/// SQLCipher writes its decryption errors (`ERROR CORE sqlcipher_page_cipher: hmac check failed`)
/// to stderr; the clerk gets the Chinese message of [`wrong_password`] instead.
fn quiet(conn: &Connection) {
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
}
