//! Passwords of an encrypted ledger (issue 12): from `CADRE_LEDGER_PASSWORD` /
//! `CADRE_LEDGER_NEW_PASSWORD`, or typed at a prompt (not echoed, on Windows as on Unix).

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
    let read = if stdin.is_terminal() {
        // Hidden input on the console (rpassword: termios on Unix, the console mode on Windows).
        rpassword::prompt_password(question)
    } else {
        // A script's pipe: read one line as it comes.
        eprint!("{question}");
        let mut line = String::new();
        stdin.read_line(&mut line).map(|_| line)
    };
    match read {
        Ok(line) if !line.is_empty() => Ok(line.trim_end_matches(['\r', '\n']).to_string()),
        _ => Err(Error::Locked(format!(
            "没有读到密码。请在提示时输入密码，或先设置环境变量 {ENV}。"
        ))),
    }
}
