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

pub mod activities;
pub mod app;
pub mod audit;
#[cfg(test)]
mod bindings;
pub mod campaigns;
pub mod checkups;
pub mod date;
pub mod db;
pub mod deaths;
pub mod demo;
pub mod error;
pub mod export;
pub mod hospital;
pub mod idcard;
pub mod import;
pub mod lunar;
pub mod model;
pub mod money;
pub mod paging;
pub mod party;
pub mod people;
pub mod period;
pub mod progress;
mod records;
pub mod roster;
pub mod search;
pub mod settings;
pub mod stats;
pub mod subsidies;
pub mod summary;
pub mod text;
pub mod timeline;
pub mod visits;

pub use date::PartialDate;
pub use db::{Ledger, Stamp};
pub use error::{Error, ErrorKind, Result};
