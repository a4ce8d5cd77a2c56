//! Resident ID numbers (居民身份证号码, GB 11643-1999): validation, 15→18 conversion, and the birth
//! date and sex they encode (DOMAIN.md rule 2). IDs are always text; a mismatch with what the clerk
//! entered is reported, never silently fixed.

use crate::domain::model::Sex;
use chrono::NaiveDate;

/// Weights of the first 17 characters (GB 11643-1999, 7.2).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// `sum mod 11` indexes this string to give the check character.
const CHECK: &[u8; 11] = b"10X98765432";

/// A valid ID number and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdInfo {
    /// The 18-character form, upper-case `X`.
    pub number: String,
    pub birth: NaiveDate,
    pub sex: Sex,
    /// The input was a legacy 15-digit number.
    pub converted_from_15: bool,
}

/// The check character for the first 17 digits.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(CHECK[(sum % 11) as usize] as char)
}

/// Validates an ID number as typed or as found in a spreadsheet: spaces and full-width digits are
/// removed, a lower-case `x` accepted, a 15-digit number converted. The error says what is wrong in
/// words a clerk can act on.
pub fn parse(raw: &str) -> Result<IdInfo, String> {
    let s: String = crate::domain::text::compact(raw).to_uppercase();
    if s.is_empty() {
        return Err("身份证号为空".into());
    }
    if s.contains('E') && s.contains('+') || s.contains('.') {
        return Err(format!(
            "身份证号“{}”被表格存成了数字，后几位已经丢失；请在原表中把该列设为“文本”后重新输入完整号码",
            raw.trim()
        ));
    }
    let (number, converted) = match s.len() {
        18 => (s, false),
        15 => {
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("15位身份证号“{s}”只能由数字组成"));
            }
            let first17 = format!("{}19{}", &s[..6], &s[6..]);
            let check = check_char(&first17).ok_or("身份证号格式不正确")?;
            (format!("{first17}{check}"), true)
        }
        n => {
            return Err(format!("身份证号“{s}”有{n}位，应为18位（或旧式15位）"));
        }
    };
    let (first17, last) = number.split_at(17);
    if !first17.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("身份证号“{number}”前17位只能是数字"));
    }
    let birth = NaiveDate::parse_from_str(&number[6..14], "%Y%m%d")
        .map_err(|_| format!("身份证号“{number}”中的出生日期“{}”不存在", &number[6..14]))?;
    let expected = check_char(first17).ok_or("身份证号格式不正确")?;
    let given = last.chars().next().unwrap_or(' ');
    if given != expected {
        return Err(format!(
            "身份证号“{number}”校验位不对：最后一位应为“{expected}”，请核对是否有数字输错"
        ));
    }
    let sex_digit = number.as_bytes()[16] - b'0';
    let sex = if sex_digit % 2 == 1 { Sex::Male } else { Sex::Female };
    Ok(IdInfo { number, birth, sex, converted_from_15: converted })
}

/// `110105********002X`: the region code and the last four kept, the birth date hidden.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// `138****5678` for a mobile number; landlines keep their last four digits.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    if digits < 7 {
        return phone.to_string();
    }
    // Keep the first three and last four digits, hide the ones between.
    let mut seen = 0;
    chars
        .iter()
        .map(|&c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen > 3 && seen <= digits - 4 {
                    return '*';
                }
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers() {
        // Check characters computed by hand with the GB 11643-1999 weights; the first is the
        // standard's own example (11010519491231002X).
        let cases = [
            ("11010519491231002X", "1949-12-31", Sex::Female, false),
            ("11010519491231002x", "1949-12-31", Sex::Female, false),
            (" 110105 19491231 002X ", "1949-12-31", Sex::Female, false),
            ("440524188001010014", "1880-01-01", Sex::Male, false),
            // 15-digit legacy: 19 inserted after the region, check char appended.
            ("110105491231002", "1949-12-31", Sex::Female, true),
        ];
        for (raw, birth, sex, converted) in cases {
            let info = parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(info.birth.to_string(), birth, "{raw}");
            assert_eq!(info.sex, sex, "{raw}");
            assert_eq!(info.converted_from_15, converted, "{raw}");
        }
        assert_eq!(parse("110105491231002").unwrap().number, "11010519491231002X");
    }

    #[test]
    fn invalid_numbers_say_why() {
        let cases = [
            ("110105194912310021", "校验位"),
            ("1101051949123100", "16位"),
            ("11010519491331002X", "不存在"),
            ("1.10105194912E+17", "数字"),
            ("11010A19491231002X", "只能是数字"),
            ("", "为空"),
        ];
        for (raw, why) in cases {
            let err = parse(raw).expect_err(raw);
            assert!(err.contains(why), "{raw}: {err}");
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("010-62345678"), "010-****5678");
    }
}
