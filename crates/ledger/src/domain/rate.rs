//! Rates: one way to turn a part of a whole into the percentage every page and table prints.

/// `part` of `whole` in percent, rounded half away from zero to one decimal; `None` when `whole`
/// is 0. Every rate the program shows goes through this.
pub fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

/// `51.1%`, or `—` when there is nothing to divide by.
pub fn percent_text(part: u32, whole: u32) -> String {
    percent(part, whole).map_or_else(|| "—".to_string(), |p| format!("{p:.1}%"))
}
