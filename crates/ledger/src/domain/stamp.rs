//! Who makes a change and when.

use chrono::NaiveDateTime;

/// Who makes a change and when; passed in so the core never reads the wall clock.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub actor: String,
    pub now: NaiveDateTime,
}

impl Stamp {
    /// `2026-01-05 09:00:00`. Written field by field: it is asked for twice per row written, and
    /// chrono's `format` parses its pattern on every call.
    pub fn at(&self) -> String {
        use chrono::{Datelike, Timelike};
        let n = &self.now;
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            n.year(),
            n.month(),
            n.day(),
            n.hour(),
            n.minute(),
            n.second()
        )
    }
}
