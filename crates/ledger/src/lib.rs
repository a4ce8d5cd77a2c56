//! The cadre ledger core: the domain, the SQLite ledger, the rules, import and export.
//!
//! This crate knows nothing about Tauri or any GUI: the desktop shell and the command-line tool both
//! call it, and `cargo test -p ledger` needs no display and no WebKit.

/// A type that serialises as text (a partial date, a pay period) is a plain `string` in the UI's
/// generated TypeScript.
#[macro_export]
#[doc(hidden)]
macro_rules! ts_as_string {
    ($t:ty) => {
        impl ts_rs::TS for $t {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name() -> String {
                "string".into()
            }
            fn inline() -> String {
                "string".into()
            }
            fn decl() -> String {
                String::new()
            }
            fn decl_concrete() -> String {
                String::new()
            }
            fn inline_flattened() -> String {
                "string".into()
            }
        }
    };
}

// The layers, lowest first. A module may use its own layer and the layers below it, never one above:
// `domain` (values and rules, no queries) < `store` (the SQLite file, transactions, audit, the shared
// record helpers) < `tables` (one module per table) < `reports`, `export`, `import` (figures and
// files made from the tables) < `demo`, `app` (whole operations for the shell and the tool).
// `error` and `progress` are used by every layer.
pub mod app;
#[cfg(test)]
mod bindings;
#[cfg(test)]
mod contract;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod progress;
pub mod reports;
pub mod store;
pub mod tables;
#[cfg(test)]
mod testing;

pub use domain::date::PartialDate;
pub use error::{Error, ErrorKind, Result};
pub use store::db::{Ledger, Stamp};
