//! The SQLite file: opening it with the project's pragmas and migrations, transactions, the audit log,
//! and the helpers every table module shares (voiding with a reason, all-or-nothing batches, reading a
//! person's brief).
//!
//! May use `domain`; knows no table module.

pub mod audit;
pub mod db;
pub(crate) mod records;
