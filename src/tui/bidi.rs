//! Keeping phone numbers in order on terminals that apply the Unicode bidirectional
//! algorithm (VTE, Konsole, mlterm).
//!
//! Such a terminal lays out a row as one paragraph. A number written right after
//! right-to-left text ("الوطني: 1(888) 373-7888") takes that text's direction: its digit
//! groups come out right to left ("7888-373 (888)1"), a wrong number on screen. A strong
//! left-to-right character between the two stops that. Invisible marks (LRM, isolates)
//! would do it without a visible word, but ratatui drops zero-width characters and the
//! loader strips them from data on purpose; so heatwatch writes a short visible word
//! ("tel.") there instead, and only where the text before the number ends right to left.

/// Right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and
/// their presentation forms, and the right-to-left blocks of the supplementary planes.
#[must_use]
pub fn is_rtl(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF
        | 0x1_0800..=0x1_0FFF | 0x1_E800..=0x1_EFFF)
}

/// Whether the last letter of `text` (ignoring spaces, punctuation, digits, symbols and
/// emoji) is right to left, so that a number written after it would be reordered.
#[must_use]
pub fn ends_right_to_left(text: &str) -> bool {
    text.chars()
        .rev()
        .find(|c| c.is_alphabetic() || is_rtl(*c))
        .is_some_and(is_rtl)
}

/// What goes between `before` and a phone number that follows it on the same row:
/// nothing, or `tel` and a space when `before` ends right to left.
#[must_use]
pub fn guard<'a>(before: &str, tel: &'a str) -> Option<&'a str> {
    ends_right_to_left(before).then_some(tel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_last_letter_whatever_follows_it() {
        assert!(ends_right_to_left("الوطني"));
        assert!(ends_right_to_left("קו חם: "));
        assert!(ends_right_to_left("Hotline الوطني 📞 …"));
        assert!(ends_right_to_left("رقم ٣"));
        assert!(!ends_right_to_left("الوطني Hotline"));
        assert!(!ends_right_to_left("全国热线"));
        assert!(!ends_right_to_left("Línea: "));
        assert!(!ends_right_to_left(""));
        assert!(!ends_right_to_left("911 — ☎"));
    }

    #[test]
    fn a_guard_only_after_right_to_left_text() {
        assert_eq!(guard("דווח", "tel."), Some("tel."));
        assert_eq!(guard("Report", "tel."), None);
    }
}
