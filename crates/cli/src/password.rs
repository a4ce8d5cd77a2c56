//! Passwords of an encrypted ledger (issue 12): from `CADRE_LEDGER_PASSWORD` /
//! `CADRE_LEDGER_NEW_PASSWORD`, or typed at a prompt (not echoed on a Unix terminal).

use ledger::Error;
use std::io::IsTerminal;

/// The password every command opens an encrypted ledger with.
pub const ENV: &str = "CADRE_LEDGER_PASSWORD";
/// The new password for `passwd`.
pub const ENV_NEW: &str = "CADRE_LEDGER_NEW_PASSWORD";

/// The value of `var` when set and not empty.
pub fn from_env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.is_empty())
}

/// `var`, else asks once on the terminal.
pub fn current(var: &str, question: &str) -> Result<String, Error> {
    match from_env(var) {
        Some(p) => Ok(p),
        None => prompt(question),
    }
}

/// `var`, else asks twice on the terminal (the two must agree); warns that it cannot be recovered.
pub fn new(var: &str, question: &str) -> Result<String, Error> {
    if let Some(p) = from_env(var) {
        return Ok(p);
    }
    eprintln!("注意：{}", ledger::store::crypt::NO_RECOVERY);
    let first = prompt(question)?;
    let again = prompt("请再输入一次：")?;
    if first != again {
        return Err(Error::invalid("两次输入的密码不一致，台账没有改动。请重新运行命令。"));
    }
    Ok(first)
}

fn prompt(question: &str) -> Result<String, Error> {
    let stdin = std::io::stdin();
    let hide = stdin.is_terminal() && set_echo(false);
    eprint!("{question}");
    let mut line = String::new();
    let read = stdin.read_line(&mut line);
    if hide {
        set_echo(true);
        eprintln!();
    }
    match read {
        Ok(n) if n > 0 => Ok(line.trim_end_matches(['\r', '\n']).to_string()),
        _ => Err(Error::Locked(format!(
            "没有读到密码。请在提示时输入密码，或先设置环境变量 {ENV}。"
        ))),
    }
}

/// Turns the terminal's echo off or on (Unix, through `stty`); false when it could not.
fn set_echo(on: bool) -> bool {
    #[cfg(unix)]
    {
        std::process::Command::new("stty")
            .arg(if on { "echo" } else { "-echo" })
            .stdin(std::process::Stdio::inherit())
            .status()
            .is_ok_and(|s| s.success())
    }
    #[cfg(not(unix))]
    {
        let _ = on;
        false
    }
}
