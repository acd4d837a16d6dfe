//! Cleaning of every string that comes from a directory file.
//!
//! A directory may come from a third party. Nothing in it may reach the terminal as a
//! control sequence, reorder text around a phone number, or hide characters, so every
//! string passes through [`clean`] once, at load time, before any other code sees it.

/// Width of a tab stop when tabs are expanded.
const TAB_STOP: usize = 4;

/// Whether a character is removed from directory text.
///
/// Removed: C0 controls (except tab, which is expanded), DEL, C1 controls, the bidirectional
/// embeddings, overrides, isolates and marks, zero-width characters, line and paragraph
/// separators, and the interlinear annotation and object replacement format characters.
#[must_use]
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi marks, embeddings, overrides, isolates
        | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // zero-width and invisible formatting characters
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}'
        | '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffb}')
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

    #[test]
    fn keeps_ordinary_unicode() {
        let s = "Niño — área 📞 電話";
        assert_eq!(clean(s), s);
    }
}
