//! Phone numbers: what counts as one, and the dialable `tel:` form derived from it.
//!
//! A number is kept exactly as its source writes it, for display. A dialable form is
//! derived only where the digits leave no doubt; otherwise the number is still shown,
//! never dropped, and simply has no `tel:` link.

/// Punctuation that may appear in a phone number as written.
const PHONE_PUNCTUATION: &[char] = &[' ', '(', ')', '-', '.', '/', '+', '\u{a0}'];

/// Why a string is not a usable phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneProblem {
    /// The string holds no digit at all.
    NoDigits,
    /// The string holds a character that is neither a digit nor phone punctuation.
    BadCharacter(char),
    /// A `+` appears other than at the very start.
    MisplacedPlus,
    /// More digits than any phone number has (ITU E.164 allows 15).
    TooLong(usize),
}

/// The digits of `s`, in order.
#[must_use]
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Checks that `s` is written like a phone number.
///
/// # Errors
/// Returns the first problem found.
pub fn validate(s: &str) -> Result<(), PhoneProblem> {
    let trimmed = s.trim();
    if let Some(c) = trimmed
        .chars()
        .find(|c| !c.is_ascii_digit() && !PHONE_PUNCTUATION.contains(c))
    {
        return Err(PhoneProblem::BadCharacter(c));
    }
    if trimmed.chars().skip(1).any(|c| c == '+') {
        return Err(PhoneProblem::MisplacedPlus);
    }
    let n = trimmed.bytes().filter(u8::is_ascii_digit).count();
    if n == 0 {
        return Err(PhoneProblem::NoDigits);
    }
    if n > 15 {
        return Err(PhoneProblem::TooLong(n));
    }
    Ok(())
}

/// The digits of an extension as a source may write it ("12", "x12", "ext. 12"), or
/// `None` when it is anything else. An empty extension is `None` too.
#[must_use]
pub fn extension(raw: &str) -> Option<String> {
    let t = raw.trim();
    let lower = t.to_ascii_lowercase();
    let rest = ["extension", "ext.", "ext", "x"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower)
        .trim();
    (!rest.is_empty() && rest.len() <= 10 && rest.chars().all(|c| c.is_ascii_digit()))
        .then(|| rest.to_owned())
}

/// Derives a `tel:` URI from a number written as its source writes it.
///
/// - `+` and digits: `tel:+<digits>` (already international).
/// - Countries of the North American Numbering Plan (`US`, `CA`, and others sharing +1):
///   ten digits, or eleven starting with 1, become `tel:+1…`.
/// - Short numbers of 3 to 6 digits (emergency, relay and SMS short codes such as 911,
///   711, 233733) become `tel:<digits>`: they are dialled as written, locally.
/// - Anything else gets no `tel:` form: guessing a country code could dial a stranger.
#[must_use]
pub fn derive_tel(s: &str, country: &str, extension: Option<&str>) -> Option<String> {
    validate(s).ok()?;
    let d = digits(s);
    let base = if s.trim_start().starts_with('+') {
        (d.len() >= 7).then(|| format!("tel:+{d}"))?
    } else if (3..=6).contains(&d.len()) {
        format!("tel:{d}")
    } else if is_nanp(country) {
        match d.len() {
            10 => format!("tel:+1{d}"),
            11 if d.starts_with('1') => format!("tel:+{d}"),
            _ => return None,
        }
    } else {
        return None;
    };
    match extension.map(digits) {
        Some(ext) if !ext.is_empty() => Some(format!("{base};ext={ext}")),
        _ => Some(base),
    }
}

/// An `sms:` URI for a text line, derived the same way as [`derive_tel`].
#[must_use]
pub fn derive_sms(s: &str, country: &str) -> Option<String> {
    derive_tel(s, country, None).map(|tel| tel.replacen("tel:", "sms:", 1))
}

fn is_nanp(country: &str) -> bool {
    matches!(
        country.to_ascii_uppercase().as_str(),
        "US" | "CA" | "PR" | "GU" | "VI" | "AS" | "MP"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_watch_numbers_derive_e164() {
        assert_eq!(
            derive_tel("1(888) 373-7888", "US", None).as_deref(),
            Some("tel:+18883737888")
        );
        assert_eq!(
            derive_tel("(510) 208-4959", "US", None).as_deref(),
            Some("tel:+15102084959")
        );
        assert_eq!(derive_tel("911", "US", None).as_deref(), Some("tel:911"));
        assert_eq!(derive_sms("233733", "US").as_deref(), Some("sms:233733"));
    }

    #[test]
    fn ambiguous_numbers_get_no_tel() {
        assert_eq!(derive_tel("020 7946 0018", "GB", None), None);
        assert_eq!(derive_tel("208-4959", "US", None), None);
        assert_eq!(
            derive_tel("+44 20 7946 0018", "US", None).as_deref(),
            Some("tel:+442079460018")
        );
    }

    #[test]
    fn extension_is_appended() {
        assert_eq!(
            derive_tel("510-555-0100", "US", Some("x 12")).as_deref(),
            Some("tel:+15105550100;ext=12")
        );
    }

    #[test]
    fn extensions_are_digits() {
        assert_eq!(extension("12").as_deref(), Some("12"));
        assert_eq!(extension("x 12").as_deref(), Some("12"));
        assert_eq!(extension("Ext. 4").as_deref(), Some("4"));
        assert_eq!(extension("\u{1b}[2J12"), None);
        assert_eq!(extension("call me"), None);
        assert_eq!(extension(""), None);
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(validate("call us"), Err(PhoneProblem::BadCharacter('c')));
        assert_eq!(validate("()- "), Err(PhoneProblem::NoDigits));
        assert_eq!(validate("1+2"), Err(PhoneProblem::MisplacedPlus));
        assert_eq!(
            validate("510 555 0100 ext 3"),
            Err(PhoneProblem::BadCharacter('e'))
        );
        assert!(validate("1234567890123456").is_err());
        assert!(validate("1(888) 373-7888").is_ok());
    }
}
