//! Operators on the command line (issue 12): `--operator NAME` (or `CADRE_LEDGER_OPERATOR`, with
//! the password in `CADRE_LEDGER_OPERATOR_PASSWORD`) names who makes the changes a command writes,
//! checked against the ledger's operators as the app's sign-in checks them. Without it the tool
//! stamps changes with the OS user, as it always has. And `operators list / add / void`.

use ledger::tables::operators;
use ledger::{Error, Ledger};
use std::sync::OnceLock;

/// The operator's name, when one is given.
pub const ENV: &str = "CADRE_LEDGER_OPERATOR";
/// That operator's password, when they have one.
pub const ENV_PASSWORD: &str = "CADRE_LEDGER_OPERATOR_PASSWORD";
/// The password of an operator being added.
pub const ENV_NEW_PASSWORD: &str = "CADRE_LEDGER_NEW_OPERATOR_PASSWORD";

/// The operator named for this run (`--operator`, else the environment), if any.
static NAMED: OnceLock<Option<String>> = OnceLock::new();
/// The actor once the ledger has accepted the named operator.
static ACTOR: OnceLock<String> = OnceLock::new();

/// Remembers the operator named on the command line or in the environment.
pub fn name(from_args: Option<String>) {
    let named = from_args.or_else(|| crate::password::from_env(ENV));
    let _ = NAMED.set(named.filter(|n| !n.trim().is_empty()));
}

/// Checks the named operator (and password) against the opened ledger; from then on changes are
/// stamped with their name.
pub fn sign_in(ledger: &Ledger) -> Result<(), Error> {
    let Some(name) = NAMED.get().and_then(Option::as_deref) else { return Ok(()) };
    let password = crate::password::from_env(ENV_PASSWORD);
    let conn = ledger.conn();
    if password.is_none()
        && operators::list(conn)?.iter().any(|o| o.name == name.trim() && o.has_password)
    {
        return Err(Error::invalid(format!(
            "操作员“{}”设有密码，请用环境变量 {ENV_PASSWORD} 提供密码后再运行。",
            name.trim()
        )));
    }
    let actor = operators::actor_for(conn, Some(name), password.as_deref(), "")?;
    let _ = ACTOR.set(actor);
    Ok(())
}

/// The operator to stamp changes with, once signed in.
pub fn actor() -> Option<String> {
    ACTOR.get().cloned()
}

/// `operators list`: one line per operator (or JSON).
pub fn print_list(ledger: &Ledger, json: bool) -> Result<(), Error> {
    let list = operators::list(ledger.conn())?;
    if json {
        crate::print_json(&list);
    } else if list.is_empty() {
        println!("这本台账还没有设置操作员：修改记录中记为本机用户。");
    } else {
        for o in &list {
            println!("{}\t{}", o.name, if o.has_password { "设有密码" } else { "无密码" });
        }
    }
    Ok(())
}

/// `operators add NAME`: the password, if any, from `CADRE_LEDGER_NEW_OPERATOR_PASSWORD`.
pub fn add(ledger: &mut Ledger, stamp: &ledger::Stamp, name: &str) -> Result<(), Error> {
    let password = crate::password::from_env(ENV_NEW_PASSWORD);
    let added = ledger.with_tx(|tx| operators::insert(tx, stamp, name, password.as_deref()))?;
    println!(
        "已添加操作员“{}”（{}）。",
        added.name,
        if added.has_password { "设有密码" } else { "无密码" }
    );
    Ok(())
}

/// `operators void NAME --reason R`.
pub fn void(
    ledger: &mut Ledger,
    stamp: &ledger::Stamp,
    name: &str,
    reason: &str,
) -> Result<(), Error> {
    let found = operators::list(ledger.conn())?.into_iter().find(|o| o.name == name.trim());
    let Some(found) = found else {
        return Err(Error::NotFound(format!(
            "没有名为“{}”的操作员。可用 cadre-ledger operators list 查看。",
            name.trim()
        )));
    };
    ledger.with_tx(|tx| operators::void(tx, stamp, found.id, reason))?;
    println!("已作废操作员“{}”。", found.name);
    Ok(())
}
