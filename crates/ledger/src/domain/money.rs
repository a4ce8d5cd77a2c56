//! Money as integer 分 (fen), never floats (DOMAIN.md rule 8): reading amounts the clerk types or
//! imports, printing them as yuan with two decimals, and writing them in capitals (人民币大写) for
//! signature sheets.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount of money in 分 (1 yuan = 100 fen).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS,
)]
#[ts(type = "number")]
pub struct Fen(pub i64);

impl Fen {
    /// The amount in yuan as tables print it (`#,##0.00`): `1,200.05`, `0.50`, `-3.00`.
    pub fn yuan_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = (abs / 100).to_string();
        let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
        for (i, digit) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        format!("{sign}{grouped}.{:02}", abs % 100)
    }

    /// The amount in yuan as a float, only for writing a numeric Excel cell (formatted `#,##0.00`).
    /// Never compute with it: sums are taken in fen.
    pub fn to_yuan_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// Reads an amount in yuan as clerks write it: `1200`, `1200.5`, `1,200.05`, `￥1200`, `1200元`,
/// full-width digits. Returns `None` for anything else, including negative amounts, more than two
/// decimals, misplaced thousands separators and amounts too large for `i64` fen. Digits are read
/// one by one, never through a float, so `0.29` is exactly 29 fen.
pub fn parse_yuan(text: &str) -> Option<Fen> {
    let normal: String = text.chars().map(half_width).collect();
    let mut t = normal.trim();
    t = t.strip_prefix(['￥', '¥']).unwrap_or(t).trim_start();
    t = t.strip_suffix('元').unwrap_or(t).trim_end();
    let (whole, decimals) = match t.split_once('.') {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (t, None),
    };
    if !thousands_grouping_ok(whole) {
        return None;
    }
    let mut fen: i64 = 0;
    for c in whole.chars().filter(|&c| c != ',') {
        fen = fen.checked_mul(10)?.checked_add(i64::from(c.to_digit(10)?))?;
    }
    let decimals = decimals.unwrap_or("00");
    if decimals.is_empty() || decimals.len() > 2 || !decimals.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut cents = 0;
    for (i, c) in decimals.chars().chain(std::iter::repeat('0')).take(2).enumerate() {
        let digit = i64::from(c.to_digit(10)?);
        cents += if i == 0 { digit * 10 } else { digit };
    }
    fen.checked_mul(100)?.checked_add(cents).map(Fen)
}

/// Full-width digits, point and comma (as typed with a Chinese input method) to ASCII.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '．' => '.',
        '，' => ',',
        _ => c,
    }
}

/// The integer part is ASCII digits, either without separators or grouped by three from the right
/// (`1,200`, `12,345,678`), so that a typo such as `12,00` is refused rather than read as 1200.
fn thousands_grouping_ok(whole: &str) -> bool {
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return false;
    }
    let mut groups = whole.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    !whole.contains(',') || (first_ok && groups.all(|g| g.len() == 3))
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// The amount in capitals for signature sheets and 合计 rows (人民币大写), without the `人民币`
/// prefix, which the sheet prints before it.
///
/// The rules are those of the People's Bank of China in 《正确填写票据和结算凭证的基本规定》, the annex to
/// 《支付结算办法》 (银发〔1997〕393号); its items are quoted by number below:
///
/// - 二: An amount that ends at 元 takes `整`; after 角 `整` may be left out, so it is; after 分
///   it is never written: `壹仟贰佰元整`, `伍角`, `壹元零伍分`.
/// - 四(一), 四(二): Zeros between digits are written as one `零`: ￥1,409.50 → `壹仟肆佰零玖元伍角`,
///   ￥6,007.14 → `陆仟零柒元壹角肆分`, so 100,007 → `壹拾万零柒元整`.
/// - 四(三): When the 万 or 元 digit is 0 but the next lower digit (千 or 角) is not, a single `零`
///   may be written or left out. We follow the first form the rule gives in each example:
///   ￥1,680.32 → `壹仟陆佰捌拾元零叁角贰分` (零 after 元) and ￥107,000.53 → `壹拾万柒仟元零伍角叁分`
///   (no 零 after 万). Hence 100.10 → `壹佰元零壹角`, the form those examples give.
/// - 四(四): When the 角 digit is 0 and the 分 digit is not, `零` follows 元: ￥16,409.02 →
///   `壹万陆仟肆佰零玖元零贰分`, ￥325.04 → `叁佰贰拾伍元零肆分`.
///
/// Tens are always written with their digit (`壹拾`, not `拾`), as on bank forms, so nothing can be
/// written in front of them. A negative amount, which no form asks for, is prefixed with `负`.
pub fn capitals(fen: Fen) -> String {
    let sign = if fen.0 < 0 { "负" } else { "" };
    let abs = fen.0.unsigned_abs();
    let yuan = abs / 100;
    let jiao = (abs / 10 % 10) as usize;
    let fen_digit = (abs % 10) as usize;

    let mut out = String::from(sign);
    if yuan > 0 {
        out.push_str(&integer_capitals(yuan));
        out.push('元');
    }
    match (jiao, fen_digit) {
        (0, 0) if yuan == 0 => out.push_str("零元整"),
        (0, 0) => out.push('整'),
        (0, f) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push(DIGITS[f]);
            out.push('分');
        }
        (j, f) => {
            // Rule 四(三), first form: 元 digit 0 before a non-zero 角 takes 零.
            if yuan > 0 && yuan % 10 == 0 {
                out.push('零');
            }
            out.push(DIGITS[j]);
            out.push('角');
            if f > 0 {
                out.push(DIGITS[f]);
                out.push('分');
            }
        }
    }
    out
}

/// A positive whole number in capitals: sections of four digits joined by 万 and 亿 (so 10^12 is
/// `壹万亿` and 10^16 `壹亿亿`), with one `零` where a gap of zeros separates two non-zero digits.
fn integer_capitals(n: u64) -> String {
    const YI: u64 = 100_000_000;
    if n >= YI {
        let (high, low) = (n / YI, n % YI);
        let mut out = integer_capitals(high);
        out.push('亿');
        if low > 0 {
            // A lower part that does not fill its top digit leaves a gap of zeros after 亿.
            if low < YI / 10 {
                out.push('零');
            }
            out.push_str(&integer_capitals(low));
        }
        return out;
    }
    let (high, low) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if high > 0 {
        out.push_str(&section_capitals(high));
        out.push('万');
        if low > 0 && low < 1000 {
            out.push('零');
        }
    }
    if low > 0 {
        out.push_str(&section_capitals(low));
    }
    out
}

/// 1–9999 in capitals: `壹仟零壹拾`, `伍佰`, `壹拾伍`, `柒`.
fn section_capitals(n: u64) -> String {
    const UNITS: [&str; 4] = ["仟", "佰", "拾", ""];
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut pending_zero = false;
    for (digit, unit) in digits.into_iter().zip(UNITS) {
        if digit == 0 {
            // A zero only shows when a non-zero digit follows it and one came before it.
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        out.push(DIGITS[digit as usize]);
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_text_prints_two_decimals_with_separators() {
        let cases = [
            (120_005, "1,200.05"),
            (0, "0.00"),
            (50, "0.50"),
            (5, "0.05"),
            (100_000, "1,000.00"),
            (99_999, "999.99"),
            (123_456_789, "1,234,567.89"),
            (-300, "-3.00"),
            (-120_005, "-1,200.05"),
            (i64::MIN, "-92,233,720,368,547,758.08"),
        ];
        for (fen, expected) in cases {
            assert_eq!(Fen(fen).yuan_text(), expected, "{fen}");
        }
    }

    #[test]
    fn to_yuan_f64_is_for_cells_only() {
        assert_eq!(Fen(120_005).to_yuan_f64(), 1200.05);
        assert_eq!(Fen(0).to_yuan_f64(), 0.0);
    }

    #[test]
    fn parse_yuan_reads_what_clerks_type() {
        let cases = [
            ("1200", Some(120_000)),
            ("1200.5", Some(120_050)),
            ("1200.05", Some(120_005)),
            ("1,200.05", Some(120_005)),
            ("12,345,678", Some(1_234_567_800)),
            ("￥1200", Some(120_000)),
            ("¥ 1200", Some(120_000)),
            ("1200元", Some(120_000)),
            ("￥1,200.00元", Some(120_000)),
            ("１２００．５", Some(120_050)),
            ("１，２００", Some(120_000)),
            ("  800\u{3000}", Some(80_000)),
            ("0", Some(0)),
            ("0.29", Some(29)),
            ("007", Some(700)),
            // Rejected: negatives, too many decimals, stray text, bad grouping, overflow.
            ("-5", None),
            ("1200.055", None),
            ("1200.", None),
            (".5", None),
            ("", None),
            ("元", None),
            ("abc", None),
            ("1 200", None),
            ("12,00", None),
            ("1,2000", None),
            (",100", None),
            ("1e3", None),
            ("+5", None),
            ("99999999999999999999", None),
            ("92233720368547758.08", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_yuan(text), expected.map(Fen), "{text:?}");
        }
        assert_eq!(parse_yuan("92233720368547758.07"), Some(Fen(i64::MAX)));
    }

    /// What clerks type, with what the core reads from it, written for the UI's own parser to be
    /// tested against (`ui/src/__tests__/yuan-cases.json`, read by `money.spec.ts`): the UI checks an
    /// amount as it is typed, and this keeps its reading the core's. `UPDATE_BINDINGS=1` rewrites it.
    #[test]
    fn the_uis_amount_cases_are_the_cores() {
        let inputs = [
            "1200",
            "1200.5",
            "1200.05",
            "1,200.05",
            "1,200.50",
            "12,345,678",
            "￥1200",
            "¥ 1200",
            "1200元",
            "￥1,200.00元",
            "１２００．５",
            "１，２００",
            "  800\u{3000}",
            "  300 ",
            "0",
            "0.29",
            "0.07",
            "007",
            "19999999.99",
            "-5",
            "1200.055",
            "1200.",
            ".5",
            "",
            "   ",
            "元",
            "abc",
            "1 200",
            "12,00",
            "1,2000",
            ",100",
            "1,20,0",
            "1e3",
            "12e3",
            "+5",
            "1.2.3",
        ];
        let cases: Vec<serde_json::Value> = inputs
            .iter()
            .map(|t| serde_json::json!({ "text": t, "fen": parse_yuan(t).map(|f| f.0) }))
            .collect();
        let text = serde_json::to_string_pretty(&cases).unwrap() + "\n";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../ui/src/__tests__/yuan-cases.json");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == text,
            "{} is stale: run UPDATE_BINDINGS=1 cargo test -p ledger",
            path.display()
        );
    }

    #[test]
    fn parse_and_print_round_trip() {
        for fen in [0, 1, 10, 99, 100, 120_005, 1_234_567_890, i64::MAX] {
            assert_eq!(parse_yuan(&Fen(fen).yuan_text()), Some(Fen(fen)), "{fen}");
        }
    }

    /// Rule numbers are the items of 《正确填写票据和结算凭证的基本规定》 (see `capitals`).
    #[test]
    fn capitals_follow_the_pboc_rules() {
        let cases = [
            // DOMAIN.md rule 8 and rule 二: 整 after 元.
            (120_000, "壹仟贰佰元整"),
            // DOMAIN.md rule 8 and rule 四(四): 角 digit 0, 分 digit not: 元零伍分.
            (120_005, "壹仟贰佰元零伍分"),
            // Rule 二: 整 may be left out after 角.
            (50, "伍角"),
            (5, "伍分"),
            (55, "伍角伍分"),
            // Rule 四(三), first form: 元 digit 0 before a non-zero 角.
            (10_010, "壹佰元零壹角"),
            (168_032, "壹仟陆佰捌拾元零叁角贰分"),
            // Rule 四(三), first form: no 零 after 万 when 千 is not 0.
            (10_700_053, "壹拾万柒仟元零伍角叁分"),
            // Rule 四(一): one zero between digits.
            (140_950, "壹仟肆佰零玖元伍角"),
            // Rule 四(二): several zeros between digits, one 零.
            (600_714, "陆仟零柒元壹角肆分"),
            (10_000_700, "壹拾万零柒元整"),
            // Rule 四(四) examples.
            (1_640_902, "壹万陆仟肆佰零玖元零贰分"),
            (32_504, "叁佰贰拾伍元零肆分"),
            // Round amounts.
            (0, "零元整"),
            (100, "壹元整"),
            (1_000, "壹拾元整"),
            (1_500, "壹拾伍元整"),
            (101_000, "壹仟零壹拾元整"),
            (1_000_000, "壹万元整"),
            (100_000_000, "壹佰万元整"),
            (1_000_000_000, "壹仟万元整"),
            (1_001_000_000, "壹仟零壹万元整"),
            (10_000_000_000, "壹亿元整"),
            (10_000_000_100, "壹亿零壹元整"),
            (10_001_000_000, "壹亿零壹万元整"),
            (11_000_000_000, "壹亿壹仟万元整"),
            (12_345_678_900, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"),
            (100_000_000_000_000, "壹万亿元整"),
            (-120_000, "负壹仟贰佰元整"),
            (i64::MAX, "玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分"),
        ];
        for (fen, expected) in cases {
            assert_eq!(capitals(Fen(fen)), expected, "{}", Fen(fen).yuan_text());
        }
    }

    #[test]
    fn fen_crosses_to_typescript_as_a_number() {
        assert_eq!(Fen::inline(), "number");
        assert_eq!(serde_json::to_string(&Fen(120_005)).unwrap(), "120005");
    }
}
