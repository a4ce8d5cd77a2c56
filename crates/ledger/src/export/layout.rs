//! The one place that decides how wide a column is and how tall a row must be, from the text and
//! the font actually used (宋体 / 黑体 at their sizes). Every table goes through it — through
//! [`super::sheet::TableSheet`] — so no header is clipped, no date or ID number is split across
//! lines, and long text wraps within a row tall enough to show it.
//!
//! The measures are those of the printed page, conservatively rounded up:
//! - a CJK character (and any full-width character) is one em wide: 11 pt → 14.7 px at 96 dpi;
//! - an ASCII character (digits, Latin letters, `.`) is taken as 0.55 em, a little wider than the
//!   half em of 宋体, because the metric-compatible fonts LibreOffice substitutes are proportional;
//! - a column of width `w` (Excel character units) is `7w + 5` px, of which about 6 px is cell
//!   padding, so `7w − 1` px hold text (Calibri 11 as the default font, which Excel, WPS and
//!   LibreOffice with Carlito all use for the unit);
//! - a line of text takes 1.45 em of height (the ascent plus descent of the CJK fonts), plus 3 pt of
//!   padding per row.
//!
//! Wrapping is by character for CJK text, but a run of ASCII characters (a date `1944.08.01`, an
//! ID number, a phone number) is a word: it moves to the next line whole, and a column that would
//! have to split it is widened instead.

/// A font face the tables use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// 宋体: body cells and the lines around a table.
    Song,
    /// 黑体: the title and the header cells.
    Hei,
}

/// A face at a size, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub face: Face,
    pub size: f64,
}

impl Font {
    pub const fn new(face: Face, size: f64) -> Self {
        Self { face, size }
    }

    /// Pixels (96 dpi) per em.
    fn em_px(self) -> f64 {
        self.size * 96.0 / 72.0
    }

    /// The height in points of one line of this font.
    pub fn line_height(self) -> f64 {
        self.size * LINE_EM
    }
}

/// 宋体 11 pt: every body cell.
pub const BODY: Font = Font::new(Face::Song, 11.0);
/// 黑体 11 pt: every header cell.
pub const HEADER: Font = Font::new(Face::Hei, 11.0);

/// Line height of the CJK fonts, in ems.
const LINE_EM: f64 = 1.45;
/// Points added to a row's height for the cell's top and bottom padding.
const ROW_PADDING: f64 = 3.0;
/// The tallest row Excel allows, in points.
pub const MAX_ROW_HEIGHT: f64 = 409.0;
/// Width of an ASCII character, in ems.
const ASCII_EM: f64 = 0.55;
/// Pixels of a column's width that padding takes.
const PADDING_PX: f64 = 6.0;

/// Whether a character is printed half width (ASCII letters, digits and punctuation).
fn is_half(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{FF61}'..='\u{FF9F}')
}

/// The width of one character in pixels.
fn char_px(c: char, font: Font) -> f64 {
    if is_half(c) {
        font.em_px() * ASCII_EM
    } else {
        font.em_px()
    }
}

/// The width of a single line of text in pixels (no wrapping).
pub fn text_px(text: &str, font: Font) -> f64 {
    text.chars().map(|c| char_px(c, font)).sum()
}

/// Pixels of text a column of `width` Excel units holds on one line.
pub fn usable_px(width: f64) -> f64 {
    (7.0 * width + 5.0 - PADDING_PX).max(1.0)
}

/// The narrowest column width (Excel units, rounded up to a half) that holds `px` pixels of text.
pub fn width_for_px(px: f64) -> f64 {
    let w = (px + PADDING_PX - 5.0) / 7.0;
    // A little slack for renderers that measure slightly wider, then up to the next half unit.
    ((w * 1.03 + 0.2) * 2.0).ceil() / 2.0
}

/// The pieces wrapping keeps whole: each CJK character alone, each run of half-width characters
/// (dates, ID numbers, phone numbers, Latin words) together, and each space alone.
fn words(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None::<usize>;
    for (i, c) in line.char_indices() {
        let half_word = is_half(c) && c != ' ';
        match (half_word, start) {
            (true, None) => start = Some(i),
            (true, Some(_)) => {}
            (false, s) => {
                if let Some(s) = s {
                    out.push(&line[s..i]);
                    start = None;
                }
                out.push(&line[i..i + c.len_utf8()]);
            }
        }
    }
    if let Some(s) = start {
        out.push(&line[s..]);
    }
    out
}

/// The widest piece of `text` that wrapping must not split, in pixels: the column must be at least
/// this wide.
pub fn unbreakable_px(text: &str, font: Font) -> f64 {
    text.split('\n').flat_map(words).map(|w| text_px(w, font)).fold(0.0, f64::max)
}

/// How many lines `text` takes in a wrapped cell `width` units wide: explicit line breaks start
/// new lines; a word wider than the line is split by character (which the column widths are chosen
/// to prevent for dates and numbers).
pub fn lines(text: &str, font: Font, width: f64) -> u32 {
    let room = usable_px(width);
    text.split('\n')
        .map(|line| {
            let mut count = 1u32;
            let mut used = 0.0;
            for w in words(line) {
                let px = text_px(w, font);
                if used + px <= room + 0.01 {
                    used += px;
                } else if px <= room + 0.01 {
                    count += 1;
                    used = px;
                } else {
                    // Split by character.
                    for c in w.chars() {
                        let cp = char_px(c, font);
                        if used + cp > room + 0.01 && used > 0.0 {
                            count += 1;
                            used = 0.0;
                        }
                        used += cp;
                    }
                }
            }
            count
        })
        .sum()
}

/// The height in points a row needs for `n` lines of `font`.
/// Rounded up to a whole pixel (0.75 pt), as spreadsheet files store heights.
pub fn row_height(n: u32, font: Font) -> f64 {
    let h = f64::from(n.max(1)) * font.line_height() + ROW_PADDING;
    ((h / 0.75).ceil() * 0.75).min(MAX_ROW_HEIGHT)
}

/// The height in points that a row of this height gives text; the inverse of [`row_height`].
pub fn lines_that_fit(height: f64, font: Font) -> u32 {
    (((height - ROW_PADDING) / font.line_height()) + 0.001).floor().max(0.0) as u32
}

/// The width a header needs so that each of its explicit lines fits whole when possible: the
/// longest line, capped at `max`; beyond the cap the header wraps (and its row grows).
pub fn header_width(header: &str, font: Font, max: f64) -> f64 {
    let longest = header.split('\n').map(|l| text_px(l, font)).fold(0.0, f64::max);
    width_for_px(longest).min(max).max(width_for_px(unbreakable_px(header, font)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_one_em_and_ascii_as_a_little_over_half() {
        // PLATFORM.md: a CJK character at 11 pt is about 14.7 px wide.
        assert!((text_px("张", BODY) - 14.67).abs() < 0.01);
        assert!((text_px("1944.08.01", BODY) - 10.0 * 14.67 * 0.55).abs() < 0.1);
        assert_eq!(text_px("", BODY), 0.0);
    }

    #[test]
    fn a_date_or_id_is_one_word_and_cjk_breaks_anywhere() {
        assert_eq!(words("出生1944.08.01止"), ["出", "生", "1944.08.01", "止"]);
        assert_eq!(words("110105194510030027 张"), ["110105194510030027", " ", "张"]);
    }

    #[test]
    fn lines_wrap_by_width_and_keep_dates_whole() {
        // Cases: (text, width in Excel units, lines). A width holds 7w − 1 px of text; a CJK
        // character at 11 pt is 14.67 px, so width 9 (62 px) holds 4 characters.
        let cases = [
            ("", 9.0, 1),
            ("生活不能", 9.0, 1),
            ("生活不能自理", 9.0, 2),
            ("生活不能\n自理", 20.0, 2),
            // 1944.08.01 = 80.7 px: one line at width 12.5 (86.5 px); after 出生 (29.3 px) it
            // does not fit and moves whole to the second line.
            ("1944.08.01", 12.5, 1),
            ("出生1944.08.01", 12.5, 2),
        ];
        for (text, width, want) in cases {
            assert_eq!(lines(text, BODY, width), want, "{text} @ {width}");
        }
    }

    #[test]
    fn width_for_px_is_the_narrowest_that_fits() {
        for text in ["1944.08.01", "110105194510030027", "科员办事员及其他", "差额（实有－应有）"]
        {
            let w = width_for_px(text_px(text, BODY));
            assert_eq!(lines(text, BODY, w), 1, "{text} at {w}");
            assert!(lines(text, BODY, w - 1.5) > 1, "{text} at {w} is much wider than needed");
        }
    }

    #[test]
    fn row_heights_and_lines_that_fit_agree() {
        for n in 1..20 {
            assert_eq!(lines_that_fit(row_height(n, BODY), BODY), n);
            assert_eq!(lines_that_fit(row_height(n, HEADER), HEADER), n);
        }
    }

    #[test]
    fn header_width_fits_each_explicit_line_up_to_the_cap() {
        let w = header_width("退休\n（含退职）", HEADER, 30.0);
        assert_eq!(lines("退休\n（含退职）", HEADER, w), 2);
        let capped = header_width("本年度内办理离休（退休）手续数", HEADER, 8.0);
        assert_eq!(capped, 8.0);
    }
}
