//! Text normalisation shared by import, search and validation: full-width characters to half-width,
//! every kind of space (full-width, non-breaking, line breaks inside a cell) collapsed.

use std::borrow::Cow;

/// Free text as the clerk typed it, tidied: full-width letters, digits and symbols (U+FF01–U+FF5E)
/// become their half-width twins, except the Chinese punctuation of prose (，：；！？（）), which
/// stays as written; the ideographic space and other unusual spaces become a plain space; runs of
/// whitespace collapse to one space; the ends are trimmed. For remarks, advice, illnesses, needs,
/// names of places and everything else read as words. Values that are parsed (IDs, phones, dates,
/// numbers) go through [`normalize_value`] instead.
pub fn normalize(s: &str) -> String {
    normalized(s).into_owned()
}

/// [`normalize`] without a copy when the text already is normal (most cells of a roster are).
pub fn normalized(s: &str) -> Cow<'_, str> {
    tidy(s, fold_prose)
}

/// Normalises `s` in place, leaving it untouched (no allocation) when it already is normal.
pub fn normalize_in_place(s: &mut String) {
    if let Cow::Owned(n) = normalized(s) {
        *s = n;
    }
}

/// Like [`normalize`], but every full-width form is folded, punctuation included: for values that
/// are parsed or compared (ID and phone numbers, dates, amounts), where `（0371）` means `(0371)`.
pub fn normalize_value(s: &str) -> String {
    tidy(s, fold).into_owned()
}

/// The Chinese punctuation prose keeps full-width.
fn is_prose_punctuation(c: char) -> bool {
    matches!(c, '，' | '：' | '；' | '！' | '？' | '（' | '）')
}

/// [`fold`], leaving the punctuation of prose as it is.
fn fold_prose(c: char) -> char {
    if is_prose_punctuation(c) {
        c
    } else {
        fold(c)
    }
}

/// Maps every character with `fold` and collapses whitespace, without a copy when nothing changes.
fn tidy(s: &str, fold: fn(char) -> char) -> Cow<'_, str> {
    if is_normal(s, fold) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = fold(c);
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether [`tidy`] would return `s` unchanged: nothing `fold` changes, no whitespace at the ends
/// and no run of it inside. Most cells of a roster already are, and checking is far cheaper than
/// rebuilding the string character by character.
fn is_normal(s: &str, fold: fn(char) -> char) -> bool {
    let mut previous_space = true; // a leading space is not normal
    for c in s.chars() {
        let space = c.is_whitespace();
        if (space && (previous_space || c != ' ')) || (!space && fold(c) != c) {
            return false;
        }
        previous_space = space;
    }
    !previous_space || s.is_empty()
}

/// Like [`normalize`] but removes every space: for names, ID numbers and header labels, where a space
/// typed to align columns (`张  三`) is never meant.
pub fn compact(s: &str) -> String {
    compacted(s).into_owned()
}

/// [`compact`] without a copy when the text already is compact.
pub fn compacted(s: &str) -> Cow<'_, str> {
    if is_normal(s, fold) && !s.contains(' ') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(fold).filter(|c| !c.is_whitespace()).collect())
}

/// Whether [`compact`] would return the empty string: every character is some kind of space.
/// Answers without building the compacted text (the reader asks this of every cell).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| fold(c).is_whitespace())
}

/// One character as [`normalize`] maps it before collapsing whitespace: full-width forms to their
/// half-width twins, unusual spaces to a plain space.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_its_chinese_punctuation_and_values_fold_it() {
        // (text, as prose, as a value)
        let cases = [
            ("低盐饮食，定期监测血压", "低盐饮食，定期监测血压", "低盐饮食,定期监测血压"),
            ("病故（心脏病）", "病故（心脏病）", "病故(心脏病)"),
            ("注意：按时服药；少盐！", "注意：按时服药；少盐！", "注意:按时服药;少盐!"),
            ("需要吗？", "需要吗？", "需要吗?"),
            ("　血压１５０／９０　", "血压150/90", "血压150/90"),
            ("ＡＢ  ｃ", "AB c", "AB c"),
            ("（０３７１）６５５５０１２３", "（0371）65550123", "(0371)65550123"),
            ("１９４５．１０", "1945.10", "1945.10"),
            ("张三", "张三", "张三"),
            ("", "", ""),
        ];
        for (text, prose, value) in cases {
            assert_eq!(normalize(text), prose, "{text:?} as prose");
            assert_eq!(normalize_value(text), value, "{text:?} as a value");
            assert_eq!(normalize(prose), prose, "{prose:?} is already normal prose");
        }
        assert_eq!(compact("（０３７１） 6555"), "(0371)6555", "compacting folds everything");
    }

    #[test]
    fn normalizes_full_width_and_spaces() {
        assert_eq!(normalize("　张三　"), "张三");
        assert_eq!(normalize_value("职务\n（职级）"), "职务 (职级)");
        assert_eq!(normalize("ＡＢＣ１２３"), "ABC123");
        assert_eq!(compact(" 张 \u{3000}三 "), "张三");
        assert_eq!(normalize("a \t\n b"), "a b");
    }

    #[test]
    fn the_fast_path_agrees_with_the_slow_one() {
        let cases = [
            "",
            " ",
            "张三",
            "张 三",
            "张  三",
            " 张三",
            "张三 ",
            "a\tb",
            "ＡＢ",
            "1945.10",
            "\u{3000}",
            "x\u{00A0}y",
            "x\u{200B}y",
            "\u{FEFF}x",
            "职务\n（职级）",
            "a b c",
        ];
        for s in cases {
            let slow = |keep_prose: bool| -> String {
                let mut out = String::new();
                let mut pending = false;
                for c in s.chars() {
                    let c = match c {
                        '，' | '：' | '；' | '！' | '？' | '（' | '）' if keep_prose => c,
                        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}' => ' ',
                        _ => c,
                    };
                    if c.is_whitespace() {
                        pending = !out.is_empty();
                        continue;
                    }
                    if pending {
                        out.push(' ');
                        pending = false;
                    }
                    out.push(c);
                }
                out
            };
            assert_eq!(normalize(s), slow(true), "{s:?}");
            let slow = slow(false);
            assert_eq!(normalize_value(s), slow, "{s:?}");
            assert_eq!(compact(s), slow.replace(' ', ""), "{s:?}");
            assert_eq!(is_blank(s), slow.is_empty(), "{s:?}");
        }
    }
}
