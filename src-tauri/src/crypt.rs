//! The locked ledger and 加密设置 (issue 12): the unlock step's password, the settings card's
//! encrypt / change password / decrypt, and what the recovery sheet prints. Passwords come from the
//! page and are never stored or logged; the ledger file stays the one the app was started on.

use crate::commands::CmdResult;
use crate::state::{stamp, today, AppState};
use ledger::app::AppInfo;
use ledger::store::crypt::{self, Rekeyed};
use ledger::Error;
use serde::Serialize;
use tauri::State;

/// Opens the encrypted ledger with the password the clerk typed; a wrong one is refused with a
/// `locked` error and the unlock step stays.
#[tauri::command(async)]
pub fn unlock_ledger(state: State<'_, AppState>, password: String) -> CmdResult<AppInfo> {
    if !state.locked() {
        return Err(Error::invalid("台账已经打开，不需要再输入密码。").into());
    }
    state.unlock(&password)?;
    let ledger = state.ledger()?;
    Ok(ledger::app::info(&ledger, today())?)
}

/// What the 加密设置 card and the recovery sheet show.
#[derive(Debug, Serialize)]
pub struct EncryptionStatus {
    pub encrypted: bool,
    /// The ledger file (printed on the recovery sheet).
    pub path: String,
    /// Set when the ledger is damaged and open read-only: what is wrong and what to do.
    pub damage: Option<String>,
}

#[tauri::command(async)]
pub fn encryption_status(state: State<'_, AppState>) -> CmdResult<EncryptionStatus> {
    let encrypted = state.ledger()?.key().is_some();
    let damage = state.damage.lock().ok().and_then(|d| d.clone());
    Ok(EncryptionStatus { encrypted, path: state.path().display().to_string(), damage })
}

/// Turns encryption on (`current` empty), changes the password, or turns it off (`new` empty).
/// The current password must be typed again to change or remove it.
#[tauri::command]
pub async fn set_ledger_password(
    app: tauri::AppHandle,
    current: String,
    new: String,
) -> CmdResult<Rekeyed> {
    use tauri::Manager;
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut ledger = state.ledger()?;
        if let Some(key) = ledger.key() {
            if key != current {
                return Err(Error::invalid("当前密码不正确，台账没有改动。请重新输入当前密码。"));
            }
        }
        let new = (!new.is_empty()).then_some(new.as_str());
        crypt::rekey(&mut ledger, new, &stamp())
    })
    .await
    .map_err(crate::commands::background_failed)?
    .map_err(Into::into)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use crate::state::{stamp, AppState};
    use ledger::{ErrorKind, Ledger};

    #[test]
    fn an_encrypted_ledger_waits_for_its_password_and_a_wrong_one_keeps_it_locked() {
        // Opening a ledger sets the operators' session, which is the process's: one at a time.
        let _serial = crate::operators::TEST_SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        {
            let mut ledger = Ledger::open(&path).unwrap();
            ledger::store::crypt::rekey(&mut ledger, Some("password-1"), &stamp()).unwrap();
        }
        let state = AppState::open_or_explain(&path);
        assert!(state.locked());
        assert_eq!(state.ledger().err().unwrap().kind(), ErrorKind::Locked);
        let err = state.unlock("wrong-password").unwrap_err();
        assert!(err.to_string().contains("密码不正确"), "{err}");
        assert!(state.locked());
        state.unlock("password-1").unwrap();
        assert!(!state.locked());
        assert_eq!(state.ledger().unwrap().key(), Some("password-1"));
    }

    #[test]
    fn a_ledger_that_cannot_be_opened_explains_itself_and_is_tried_again() {
        // Opening a ledger sets the operators' session, which is the process's: one at a time.
        let _serial = crate::operators::TEST_SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.db");
        std::fs::write(&path, b"").unwrap();
        let state = AppState::open_or_explain(&path);
        assert!(!state.locked());
        let err = state.ledger().err().unwrap();
        assert_ne!(err.kind(), ErrorKind::Locked);
        assert!(err.to_string().contains("0 字节"), "{err}");
        // The clerk puts a good ledger back; the page's 重试 then opens it.
        std::fs::remove_file(&path).unwrap();
        drop(Ledger::open(&path).unwrap());
        assert!(state.ledger().is_ok());
    }
}
