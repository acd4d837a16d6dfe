//! Cleaning of every string that comes from a directory file.
//!
//! A directory may come from a third party. Nothing in it may reach the terminal as a
//! control sequence, reorder text around a phone number, or hide characters, so every
//! string passes through [`clean`] once, at load time, before any other code sees it.

use icu_properties::props::{BidiControl, BinaryProperty, DefaultIgnorableCodePoint};

/// Width of a tab stop when tabs are expanded.
const TAB_STOP: usize = 4;

/// Whether a character is removed from directory text.
///
/// Removed, by Unicode property rather than by a list: every `Default_Ignorable_Code_Point`
/// (soft hyphen, combining grapheme joiner, Hangul fillers, zero-width characters, the
/// bidirectional marks, embeddings, overrides and isolates, variation selectors, tags, the
/// invisible operators, the interlinear annotation characters…) and every `Bidi_Control`,
/// both as the `icu_properties` crate's compiled Unicode data defines them. Also removed:
/// C0 controls (except tab, which is expanded), DEL, C1 controls, the line and paragraph
/// separators, and the interlinear annotation characters and object replacement character
/// (U+FFF9 to U+FFFC, which Unicode leaves out of the property but which hide or stand for
/// text that is not there).
///
/// The zero-width joiner is a default-ignorable character and was already removed before
/// this rule: an emoji sequence joined by it (👩‍⚕️) is shown as its parts (👩⚕), and a
/// variation selector no longer picks an emoji's or a text's presentation.
#[must_use]
pub fn is_forbidden(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\t';
    }
    matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffc}')
        || DefaultIgnorableCodePoint::for_char(c)
        || BidiControl::for_char(c)
}

/// Returns `s` with forbidden characters removed, tabs expanded to spaces, runs of
/// whitespace left by removed newlines collapsed, and leading/trailing space trimmed.
///
/// Newlines and carriage returns become spaces (the directory format keeps paragraphs
/// as separate array items, never as embedded line breaks). An escape sequence loses
/// its ESC (and its introducer characters become plain, harmless text).
#[must_use]
pub fn clean(s: &str) -> String {
    if is_clean(s) {
        return s.to_owned();
    }
    clean_dirty(s)
}

/// [`clean`] for a string the caller owns: a string that is already clean, as nearly
/// every string of a file is, is returned as it is, without a copy.
#[must_use]
pub fn clean_owned(s: String) -> String {
    if is_clean(&s) {
        return s;
    }
    clean_dirty(&s)
}

/// Whether [`clean`] would return `s` unchanged: no forbidden character, no tab, no
/// leading or trailing space. ASCII text, nearly all of it, is checked byte by byte.
fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    // Printable ASCII only (0x20 to 0x7e): no control character, tab, DEL or other
    // character; the only whitespace left is the space. One pass without an early
    // exit, which the compiler turns into vector instructions.
    let printable = b
        .iter()
        .fold(true, |ok, &c| ok & (c.wrapping_sub(0x20) < 0x5f));
    if printable {
        return b.first().is_none_or(|&c| c != b' ') && b.last().is_none_or(|&c| c != b' ');
    }
    s.chars().all(|c| !is_forbidden(c) && c != '\t') && s.trim() == s
}

fn clean_dirty(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column = 0usize;
    for c in s.chars() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - (column % TAB_STOP);
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' | '\r' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                    column += 1;
                }
            }
            c if is_forbidden(c) => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out.trim().to_owned()
}

/// Returns `s` with every forbidden character and tab written as a visible escape
/// (`\u{1b}`), for messages that quote text the loader has not cleaned, such as a
/// parser's error naming an unknown field of a hostile file.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_forbidden(c) || c == '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escape_sequences_and_controls() {
        let dirty = "\u{1b}]52;c;aGk=\u{7}Call\u{1b}[2J \u{9b}31m911\u{85}";
        let cleaned = clean(dirty);
        assert!(cleaned.chars().all(|c| !is_forbidden(c)), "{cleaned:?}");
        assert!(cleaned.contains("Call"));
        assert!(cleaned.contains("911"));
    }

    #[test]
    fn removes_bidi_and_zero_width() {
        assert_eq!(clean("1\u{202e}888\u{200d}373\u{2066}"), "1888373");
    }

    #[test]
    fn expands_tabs_to_stops() {
        assert_eq!(clean("ab\tc"), "ab  c");
        assert_eq!(clean("x\t\ty"), "x       y");
    }

    #[test]
    fn newlines_become_single_spaces() {
        assert_eq!(clean("one\r\ntwo\n\nthree"), "one two three");
    }

    #[test]
    fn escape_makes_controls_visible() {
        assert_eq!(
            escape("a\u{1b}]0;x\u{7}\u{202e}b"),
            "a\\u{1b}]0;x\\u{7}\\u{202e}b"
        );
        assert_eq!(escape("Niño 911"), "Niño 911");
    }

    #[test]
    fn clean_owned_agrees_with_clean() {
        for s in [
            "",
            " ",
            "plain",
            " lead",
            "trail ",
            "tab\there",
            "line\nbreak",
            "del\u{7f}",
            "Niño — área",
            "\u{a0}nbsp\u{a0}",
            "bidi\u{202e}",
            "\u{85}next line",
        ] {
            assert_eq!(clean_owned(s.to_owned()), clean(s), "{s:?}");
            assert_eq!(is_clean(s), clean(s) == s, "{s:?}");
        }
    }

    /// The characters the review found surviving the old fixed list (D3), and the old
    /// list itself: all removed now.
    #[test]
    fn removes_every_default_ignorable_and_bidi_control() {
        let review = [
            '\u{ad}',
            '\u{34f}',
            '\u{115f}',
            '\u{1160}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{17b4}',
            '\u{17b5}',
            '\u{180b}',
            '\u{180c}',
            '\u{180d}',
            '\u{180e}',
            '\u{180f}',
            '\u{2065}',
            '\u{206a}',
            '\u{206f}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
            '\u{fe00}',
            '\u{fe0f}',
            '\u{fffc}',
            '\u{1d173}',
            '\u{1d17a}',
            '\u{1bca0}',
            '\u{e0fff}',
        ];
        let old_list = [
            '\u{061c}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202a}',
            '\u{202e}', '\u{2060}', '\u{2064}', '\u{2066}', '\u{2069}', '\u{feff}', '\u{2028}',
            '\u{2029}', '\u{fff9}', '\u{fffb}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}',
        ];
        for c in review.into_iter().chain(old_list) {
            assert!(is_forbidden(c), "U+{:04X} kept", u32::from(c));
            let s = format!("Nat{c}ional");
            assert_eq!(clean(&s), "National", "U+{:04X}", u32::from(c));
            assert_eq!(clean_owned(s.clone()), "National", "U+{:04X}", u32::from(c));
            assert_ne!(escape(&s), s, "U+{:04X} not made visible", u32::from(c));
        }
    }

    /// The zero-width joiner was removed before and still is: an emoji sequence is
    /// shown as its parts. Visible characters next to the removed ones are kept.
    #[test]
    fn emoji_sequences_lose_their_joiner() {
        assert_eq!(clean("👩\u{200d}⚕\u{fe0f}"), "👩⚕");
        assert_eq!(clean("❤\u{fe0f}"), "❤");
    }

    /// Spaces and visible format-like characters are not default-ignorable and stay.
    #[test]
    fn keeps_visible_and_space_characters() {
        for c in [
            '\u{a0}', '\u{3000}', '\u{2003}', '\u{fffd}', 'ñ', 'ا', '電', '\u{301}',
        ] {
            assert!(!is_forbidden(c), "U+{:04X} removed", u32::from(c));
        }
        assert_eq!(clean("Nin\u{303}o"), "Nin\u{303}o");
    }

    #[test]
    fn keeps_ordinary_unicode() {
        let s = "Niño — área 📞 電話";
        assert_eq!(clean(s), s);
    }
}
