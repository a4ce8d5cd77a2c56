//! Text a cell must not bring into the ledger (issue 12): more than a spreadsheet cell can hold (an
//! export would later fail on it), and invisible characters — control characters such as NUL and
//! ESC, bidirectional overrides that make `张三` display as something else, zero-width characters.
//! The first is refused for its row and column; the others are removed with a warning.

use std::borrow::Cow;

/// What an Excel or WPS cell holds at most, in characters.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Whether `c` is invisible and never meant in a roster cell. Tabs and line breaks are kept (the
/// normalisation of each field turns them into spaces).
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
                | '\u{202A}'..='\u{202E}' // embeddings and overrides
                | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
                | '\u{2066}'..='\u{2069}' // isolates
                | '\u{061C}' // Arabic letter mark
                | '\u{FEFF}' // zero-width no-break space (BOM)
                | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
        )
}

/// The cell's text with invisible characters removed, and a warning saying how many were removed;
/// an error when the text is longer than a cell can hold.
pub fn clean(text: &str) -> Result<(Cow<'_, str>, Option<String>), String> {
    let chars = text.chars().count();
    if chars > MAX_CELL_CHARS {
        return Err(format!(
            "这一格有 {chars} 个字符，超过了 Excel 单元格最多能容纳的 {MAX_CELL_CHARS} 个字符，无法导入。请在原表中删减这一格的内容后再导入"
        ));
    }
    if !text.chars().any(is_invisible) {
        return Ok((Cow::Borrowed(text), None));
    }
    let removed = text.chars().filter(|c| is_invisible(*c)).count();
    let kept: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    Ok((
        Cow::Owned(kept),
        Some(format!(
            "去掉了 {removed} 个看不见的控制字符（如空字符、ESC、改变文字方向的标记），请核对这一格的内容"
        )),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_removed_with_a_warning() {
        let cases = [
            ("张三", "张三", false),
            ("张\u{0}三", "张三", true),
            ("\u{1b}[31m李四", "[31m李四", true),
            ("\u{202E}三张", "三张", true),
            ("11010519451003001\u{200B}X", "11010519451003001X", true),
            ("北京市\n东城区\t1号", "北京市\n东城区\t1号", false),
        ];
        for (input, want, warned) in cases {
            let (text, warning) = clean(input).unwrap();
            assert_eq!(text, want, "{input:?}");
            assert_eq!(warning.is_some(), warned, "{input:?}");
        }
    }

    #[test]
    fn text_longer_than_a_cell_is_refused() {
        assert!(clean(&"字".repeat(MAX_CELL_CHARS)).is_ok());
        let err = clean(&"字".repeat(MAX_CELL_CHARS + 1)).unwrap_err();
        assert!(err.contains("32768 个字符") && err.contains("32767"), "{err}");
    }
}
