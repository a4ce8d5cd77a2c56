//! Invisible characters never meant in a ledger's text (issue 12): control characters such as NUL
//! and ESC, bidirectional overrides that make `张三` display as something else, zero-width
//! characters. The one home of the rule: the import (`import::hostile`) and the form
//! (`tables::people::validate`) both remove them through it, with a warning.

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

/// Removes the invisible characters of `text` in place; returns how many there were.
pub fn strip(text: &mut String) -> usize {
    if !text.chars().any(is_invisible) {
        return 0;
    }
    let before = text.chars().count();
    text.retain(|c| !is_invisible(c));
    before - text.chars().count()
}

/// The warning for a field that lost `removed` invisible characters.
pub fn warning(removed: usize) -> String {
    format!("去掉了 {removed} 个看不见的控制字符（如空字符、ESC、改变文字方向的标记），请核对这一项的内容")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_stripped_and_counted() {
        let cases = [
            ("张三", "张三", 0),
            ("张\u{0}三", "张三", 1),
            ("\u{1b}[31m王五", "[31m王五", 1),
            ("\u{202E}三张\u{202C}", "三张", 2),
            ("1101\u{200B}05", "110105", 1),
            ("李\t四", "李\t四", 0),
        ];
        for (raw, want, n) in cases {
            let mut text = raw.to_string();
            assert_eq!((strip(&mut text), text.as_str()), (n, want), "{raw:?}");
        }
    }
}
