//! How long a text may be: what a spreadsheet cell holds (every text field, so an export never
//! fails on one value), and the tighter limits of fields whose rule says so. The person form's
//! `maxlength` comes from here through `contract.rs`.

/// What an Excel or WPS cell holds at most, in characters.
pub const CELL_MAX_CHARS: usize = 32_767;

/// 姓名: longer is almost always a column read wrongly (`people::validate` refuses it).
pub const NAME_MAX_CHARS: usize = 30;

/// 身份证号码: 18 characters, with room for the spaces a clerk may type (normalised away).
pub const ID_NUMBER_MAX_CHARS: usize = 20;

/// The most characters the form lets the clerk type into a roster field.
pub fn max_chars(field: &str) -> usize {
    match field {
        "name" => NAME_MAX_CHARS,
        "id_number" => ID_NUMBER_MAX_CHARS,
        _ => CELL_MAX_CHARS,
    }
}
