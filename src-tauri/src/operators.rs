//! Operators and the lock (issue 12): who is working, signing in and out, and the one gate that
//! refuses the page's commands while the app is locked.
//!
//! The session (who is signed in, and whether the open ledger has operators at all) is kept for
//! the process: the app has one window on one ledger, and [`crate::state::stamp`], which every
//! writing command calls, reads the operator from here without each command passing it along.
//! When the ledger has operators and no one is signed in, the app is locked: [`guarded`] wraps the
//! invoke handler and answers every command but the few the sign-in step needs with a Chinese
//! message, so no command can write (or read) past the lock, and no command has to check.

use crate::commands::CmdResult;
use crate::state::{stamp, AppState};
use ledger::tables::operators::{self, Operator};
use ledger::tables::settings;
use ledger::{Error, Ledger};
use serde::Serialize;
use std::sync::Mutex;
use tauri::ipc::Invoke;
use tauri::{Manager, Runtime, State};

/// Who works on the open ledger.
#[derive(Debug, Default)]
struct Session {
    /// The ledger has live operators: someone must sign in.
    required: bool,
    /// The operator signed in, if any.
    operator: Option<String>,
}

static SESSION: Mutex<Session> = Mutex::new(Session { required: false, operator: None });

fn session() -> std::sync::MutexGuard<'static, Session> {
    // A panic while holding this small struct leaves it consistent: take it back.
    SESSION.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The operator to stamp changes with, when one is signed in.
pub fn current_actor() -> Option<String> {
    session().operator.clone()
}

/// Re-reads whether the ledger has operators (after it is opened, restored, or its operators
/// change); an operator who is no longer on the list is signed out.
pub fn refresh(ledger: &Ledger) {
    let conn = ledger.conn();
    let live = operators::list(conn).unwrap_or_default();
    let mut s = session();
    // A ledger whose list cannot be read is treated as having operators: locked, not open to all.
    s.required = !live.is_empty() || operators::any(conn).is_err();
    if s.operator.as_ref().is_some_and(|name| !live.iter().any(|o| &o.name == name)) {
        s.operator = None;
    }
}

/// The commands the page may call while the app is locked: what opening the ledger, the unlock
/// step and the sign-in step need, and cancelling a job already running.
const WHILE_LOCKED: &[&str] = &[
    "app_info",
    "encryption_status",
    "unlock_ledger",
    "verify_audit_background",
    "cancel_job",
    "operator_session",
    "list_operators",
    "sign_in_operator",
    "sign_out_operator",
];

/// The message a command gets while the app is locked; the UI shows the sign-in step on it.
pub const LOCKED_MESSAGE: &str =
    "程序已锁定，请先在登录页选择操作员（设有密码的输入密码）后再操作。刚才的操作没有执行。";

/// The message a command gets before the ledger has opened.
const OPENING_MESSAGE: &str = "台账正在打开，请稍候再试。刚才的操作没有执行。";

/// Whether `command` is refused now.
fn refused(command: &str) -> bool {
    let s = session();
    s.required && s.operator.is_none() && !WHILE_LOCKED.contains(&command)
}

/// The app's invoke handler behind the lock: the one place that refuses commands while no operator
/// is signed in. Runs on the window's thread, so it only looks at the session, never the ledger.
pub fn guarded<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke: Invoke<R>| {
        let command = invoke.message.command();
        // Until the ledger has opened, it is not known whether it has operators: only the steps
        // that wait for the opening may run (the page calls nothing else before `app_info`).
        let opening = !WHILE_LOCKED.contains(&command)
            && invoke.message.webview().try_state::<AppState>().is_some_and(|s| s.still_opening());
        if opening || refused(command) {
            let message = if opening { OPENING_MESSAGE } else { LOCKED_MESSAGE };
            let error: crate::commands::CommandError = Error::invalid(message).into();
            invoke.resolver.reject(error);
            return true;
        }
        handler(invoke)
    }
}

/// What the header and the sign-in step show.
#[derive(Debug, Serialize)]
pub struct OperatorSession {
    /// The ledger has operators: someone must be signed in to work.
    pub required: bool,
    /// Who is signed in, if anyone.
    pub operator: Option<String>,
    /// Minutes without mouse or keyboard before the window locks; 0 never.
    pub idle_lock_minutes: u32,
}

fn current(ledger: &Ledger) -> CmdResult<OperatorSession> {
    let idle_lock_minutes = settings::idle_lock_minutes(ledger.conn())?;
    let s = session();
    Ok(OperatorSession { required: s.required, operator: s.operator.clone(), idle_lock_minutes })
}

#[tauri::command(async)]
pub fn operator_session(state: State<'_, AppState>) -> CmdResult<OperatorSession> {
    let ledger = state.ledger()?;
    refresh(&ledger);
    current(&ledger)
}

#[tauri::command(async)]
pub fn list_operators(state: State<'_, AppState>) -> CmdResult<Vec<Operator>> {
    Ok(operators::list(state.ledger()?.conn())?)
}

/// Signs in with a name and, if the operator has one, the password.
#[tauri::command(async)]
pub fn sign_in_operator(
    state: State<'_, AppState>,
    name: String,
    password: Option<String>,
) -> CmdResult<OperatorSession> {
    let ledger = state.ledger()?;
    let operator = operators::sign_in(ledger.conn(), &name, password.as_deref())?;
    session().operator = Some(operator.name);
    refresh(&ledger);
    current(&ledger)
}

/// Signs out (切换, 锁定, or the idle lock): the app is locked until someone signs in again.
#[tauri::command(async)]
pub fn sign_out_operator(state: State<'_, AppState>) -> CmdResult<OperatorSession> {
    session().operator = None;
    let ledger = state.ledger()?;
    refresh(&ledger);
    current(&ledger)
}

/// Adds an operator. The first one signs the session in (see below).
#[tauri::command(async)]
pub fn add_operator(
    state: State<'_, AppState>,
    name: String,
    password: Option<String>,
) -> CmdResult<Operator> {
    let mut ledger = state.ledger()?;
    let password = password.filter(|p| !p.is_empty());
    let first = !session().required;
    let added = ledger.with_tx(|tx| operators::insert(tx, &stamp(), &name, password.as_deref()))?;
    // The first operator is added by whoever set the list up, working before there was one: the
    // session goes on as that operator rather than locking in the middle of the settings page.
    if first {
        session().operator = Some(added.name.clone());
    }
    refresh(&ledger);
    Ok(added)
}

#[tauri::command(async)]
pub fn void_operator(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    let mut ledger = state.ledger()?;
    ledger.with_tx(|tx| operators::void(tx, &stamp(), id, &reason))?;
    refresh(&ledger);
    Ok(())
}

/// Sets an operator's password, or clears it when `password` is empty or absent.
#[tauri::command(async)]
pub fn set_operator_password(
    state: State<'_, AppState>,
    id: i64,
    password: Option<String>,
) -> CmdResult<()> {
    let password = password.filter(|p| !p.is_empty());
    Ok(state
        .ledger()?
        .with_tx(|tx| operators::set_password(tx, &stamp(), id, password.as_deref()))?)
}

#[tauri::command(async)]
pub fn set_idle_lock_minutes(state: State<'_, AppState>, minutes: u32) -> CmdResult<()> {
    Ok(state.ledger()?.with_tx(|tx| settings::set_idle_lock_minutes(tx, &stamp(), minutes))?)
}

/// The session is the process's: tests that sign in run one at a time through this lock.
#[cfg(test)]
pub static TEST_SERIAL: Mutex<()> = Mutex::new(());

#[cfg(test)]
pub fn reset_for_test() {
    *session() = Session::default();
}
