//! Values and rules of the domain, with no queries: partial dates, pay periods, money in fen, resident
//! ID numbers, the lunar calendar, text cleaning, the roster's model and its column table.
//!
//! Nothing here opens a connection or runs SQL. Some value types implement rusqlite's `ToSql` /
//! `FromSql` so that the tables can store them as they are; that is a conversion, not storage.

pub mod age_bands;
pub mod date;
pub mod idcard;
pub mod invisible;
pub mod limits;
pub mod lunar;
pub mod model;
pub mod money;
pub mod period;
pub mod privacy;
pub mod rate;
pub mod roster;
pub mod roster_form;
pub mod stamp;
pub mod text;
