//! Money as integer fen (分), DOMAIN.md rule 8.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount of money in fen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
#[ts(type = "number")]
pub struct Fen(pub i64);
