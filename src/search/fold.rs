//! Folding text for matching (lower case, no accents, one space between words), with
//! the map back to the original characters, and highlighting a query in a text.

use super::*;

/// Folds text for matching: lower-case ASCII, accents and other scripts transliterated.
///
/// Returns the folded text and, for each folded byte, the index of the original `char`
/// it came from (so that highlight positions can be mapped back).
#[must_use]
pub fn fold_with_map(s: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (ci, c) in s.chars().enumerate() {
        let ci = u32::try_from(ci).unwrap_or(u32::MAX);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            map.push(ci);
        } else if let Some(t) = deunicode::deunicode_char(c) {
            for b in t.chars().filter(char::is_ascii) {
                out.push(b.to_ascii_lowercase());
                map.push(ci);
            }
        }
    }
    (out, map)
}

/// Folds text for matching (see [`fold_with_map`]).
#[must_use]
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    fold_with_map(s).0
}

/// Appends the folded form of `s` to `out`: the same text as [`fold`] gives, without a
/// string of its own. Folding goes character by character, so folding the pieces of a
/// text one after another gives the fold of the whole.
pub(super) fn fold_into(out: &mut String, s: &str) {
    // Nearly all text is ASCII: checked and lower-cased a word at a time.
    if s.is_ascii() {
        let at = out.len();
        out.push_str(s);
        if let Some(added) = out.get_mut(at..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    let mut rest = s;
    while !rest.is_empty() {
        // A run of ASCII is copied and lower-cased in place; a character beyond ASCII
        // is transliterated alone.
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let Some((ascii, tail)) = rest.split_at_checked(run) else {
            return;
        };
        let at = out.len();
        out.push_str(ascii);
        if let Some(added) = out.get_mut(at..) {
            added.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        if let Some(c) = chars.next()
            && let Some(t) = deunicode::deunicode_char(c)
        {
            out.extend(
                t.chars()
                    .filter(char::is_ascii)
                    .map(|b| b.to_ascii_lowercase()),
            );
        }
        rest = chars.as_str();
    }
}

/// Positions (as `char` indices into `text`) to highlight for a query: the characters
/// each query word matched, or for a phone number query, the matching digits.
/// Computed only for rows on screen.
#[must_use]
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    let q = Query::parse(query);
    let mut out: Vec<usize> = Vec::new();
    if let Some(digits) = &q.phone_digits {
        let (ds, idx): (String, Vec<usize>) = text
            .chars()
            .enumerate()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, c)| (c, i))
            .unzip();
        if let Some(at) = ds.find(digits.as_str()) {
            out.extend(idx.iter().skip(at).take(digits.len()));
            return out;
        }
    }
    let (folded, map) = fold_with_map(text);
    for w in q.words.iter().filter(|w| !w.negated) {
        // Prefer a plain occurrence, as the ranking does; fall back to the letters of
        // a plausible fuzzy match (the ones that made it match).
        let positions: Vec<usize> = match folded.find(w.text.as_str()) {
            Some(at) => (at..at + w.text.len()).collect(),
            None if w.op == Op::Fuzzy => plausible_positions(folded.as_bytes(), w.text.as_bytes()),
            None => Vec::new(),
        };
        out.extend(
            positions
                .into_iter()
                .filter_map(|p| map.get(p).map(|&ci| ci as usize)),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}
