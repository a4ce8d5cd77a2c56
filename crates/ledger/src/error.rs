//! The core's error type. Every variant carries a message a clerk can read: Chinese, saying what is
//! wrong and what to do. The shell serialises an error as `{ kind, message }` so the UI can react to
//! the kind and show the message as it is.

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The ledger file could not be opened, read or written.
    #[error("{0}")]
    Database(String),
    /// A file the clerk chose could not be read or written (missing, locked, wrong format).
    #[error("{0}")]
    File(String),
    /// Input that breaks a rule of the ledger (a required field is empty, a value is out of range).
    #[error("{0}")]
    Invalid(String),
    /// The record asked for does not exist (or was voided).
    #[error("{0}")]
    NotFound(String),
    /// The clerk cancelled a long operation; nothing was written.
    #[error("操作已取消，台账未作任何改动。")]
    Cancelled,
    /// The ledger is encrypted and no password, or a wrong one, was given.
    #[error("{0}")]
    Locked(String),
}

/// The machine-readable kind of an error, for the UI and for the command-line exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Database,
    File,
    Invalid,
    NotFound,
    Cancelled,
    Locked,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Database(_) => ErrorKind::Database,
            Error::File(_) => ErrorKind::File,
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::Locked(_) => ErrorKind::Locked,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub fn file(message: impl Into<String>) -> Self {
        Error::File(message.into())
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        let detail = e.to_string();
        if detail.contains("database is locked") || detail.contains("busy") {
            return Error::Database(
                "台账文件正被另一个程序使用，请关闭其他打开此台账的窗口后重试。".into(),
            );
        }
        if detail.contains("readonly") || detail.contains("read-only") {
            return Error::Database(
                "台账文件是只读的，无法保存。请检查文件权限或磁盘空间。".into(),
            );
        }
        Error::Database(format!(
            "读写台账数据库时出错：{detail}。数据未被修改，请重试；如反复出现，请联系技术人员。"
        ))
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        Error::Database(format!(
            "台账数据库升级失败：{e}。原文件未被修改，请确认使用的是最新版本的程序。"
        ))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
