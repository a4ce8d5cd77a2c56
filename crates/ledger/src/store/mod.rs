//! The SQLite file: opening it with the project's pragmas and migrations and checking it
//! (`opening`), transactions, the audit log and its hash chain (`audit_chain`), verified backups and
//! restore (`backup`) with a copy to a folder the clerk chooses (`backup_copy`), encryption at rest (`crypt`), and the helpers every table module shares (voiding with a reason, all-or-nothing batches, reading a
//! person's brief).
//!
//! May use `domain`; knows no table module.

pub mod audit;
pub mod audit_chain;
pub mod backup;
pub mod backup_copy;
pub mod cipher;
pub mod crypt;
pub mod db;
pub mod opening;
pub(crate) mod records;
