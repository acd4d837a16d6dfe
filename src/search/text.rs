//! Matching a word in a field's text: plausibility checks, word boundaries, the score
//! of a match, and when the results of one query can narrow the next.

use super::*;

/// How much of the previous keystroke's scores a search can reuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reuse {
    /// Score every word.
    Nothing,
    /// The words are those of the previous query: reuse every word's score.
    Words,
    /// The previous query's words come first, then new ones: score only the new ones.
    AllButNew(usize),
    /// The words before the last are the previous query's; the last word changed:
    /// score it and any words after it. With `grown`, the new word at that place
    /// starts with the old one, so a field the old word did not match cannot match it.
    Head { at: usize, grown: bool },
}

/// What of the previous query's scores the new query can reuse. Folding goes character
/// by character, so when the new query starts with the previous one, the previous
/// words but the last come first in the new query, and the last one is a prefix of the
/// new query's word at its place; still, every word is compared, not assumed.
pub(super) fn reuse(prev: &Query, q: &Query) -> Reuse {
    let n = prev.words.len();
    if n == 0 || q.words.len() < n {
        return Reuse::Nothing;
    }
    let same = |k: usize| {
        matches!((prev.words.get(k), q.words.get(k)), (Some(a), Some(b))
            if a.text == b.text && a.op == b.op && a.negated == b.negated)
    };
    if !(0..n - 1).all(same) {
        return Reuse::Nothing;
    }
    if same(n - 1) {
        if q.words.len() == n {
            Reuse::Words
        } else {
            Reuse::AllButNew(n)
        }
    } else {
        let grown = matches!(
            (prev.words.get(n - 1), q.words.get(n - 1)),
            (Some(a), Some(b)) if b.text.starts_with(a.text.as_str())
                && a.op == b.op && a.op.narrows_when_grown() && !a.negated && !b.negated
        );
        Reuse::Head { at: n - 1, grown }
    }
}

/// Whether the matches of a query that starts with `previous` are among the matches of
/// `previous`, so that a search may narrow them: not when `previous` has no words (a
/// lone `!` or `?`), a negated word (`!ti` hides more than `!tip`), or ends in a `$`
/// that typing further makes plain text.
pub(super) fn narrows_from(previous: &str) -> bool {
    let q = Query::parse(previous);
    !q.words.is_empty()
        && q.words.iter().all(|w| !w.negated)
        && q.words.last().is_some_and(|w| w.op.narrows_when_grown())
}

/// Whether the letters of `w` occur in `text` plausibly (see [`plausible`]).
pub(super) fn scattered(text: &[u8], w: &str) -> bool {
    plausible(text, w.as_bytes())
}

/// How many characters longer than the word a span of its letters may be when it
/// crosses from one word into another (fzf and skim penalise gaps likewise).
pub(super) const SPAN_SLACK: usize = 3;

/// The positions of a plausible fuzzy match of `needle` in `hay`: its letters in order,
/// all inside one word (a run of ASCII letters and digits, however long), or within a
/// span at most [`SPAN_SLACK`] longer than the needle. Letters scattered over a long
/// text are no match. From each place the first letter occurs, the earliest letters
/// after it are taken (the shortest span from there), so a word that matches keeps
/// matching as it is cut short: the matches of a longer word are among those of its
/// beginning.
pub(super) fn plausible_at(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let limit = needle.len() + SPAN_SLACK;
    'starts: for start in memchr::memchr_iter(first, hay) {
        let mut pos = start;
        let mut crossed = !first.is_ascii_alphanumeric();
        for &b in rest {
            loop {
                pos += 1;
                // The earliest letters from here cannot be found: nor from any later
                // start.
                let &c = hay.get(pos)?;
                if !c.is_ascii_alphanumeric() {
                    crossed = true;
                }
                if crossed && pos - start + 1 > limit {
                    continue 'starts;
                }
                if c == b {
                    break;
                }
            }
        }
        return Some(start);
    }
    None
}

/// Whether `needle` matches `hay` plausibly (see [`plausible_at`]).
pub(super) fn plausible(hay: &[u8], needle: &[u8]) -> bool {
    // Most texts lack the letters in order at all: a few `memchr` calls say so.
    is_subsequence(hay, needle) && plausible_at(hay, needle).is_some()
}

/// Whether every byte of `needle` occurs in `hay` in order.
pub(super) fn is_subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        match memchr::memchr(b, rest) {
            Some(at) => rest = rest.get(at + 1..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

/// The byte positions of the plausible match [`plausible_at`] finds.
pub(super) fn plausible_positions(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let Some(start) = plausible_at(hay, needle) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(needle.len());
    let mut pos = start;
    for &b in needle {
        while hay.get(pos).is_some_and(|&c| c != b) {
            pos += 1;
        }
        if hay.get(pos).is_none() {
            break;
        }
        out.push(pos);
        pos += 1;
    }
    out
}

/// Scores a plain (non-fuzzy) occurrence of the finder's word in `text`: whole word,
/// word prefix, or anywhere, with the given scores, or `None`. Folded text is ASCII, so
/// the characters around an occurrence are single bytes (and a byte of a multi-byte
/// character is never ASCII alphanumeric either).
pub(super) fn text_score(hay: &[u8], w: &memmem::Finder<'_>, scores: [i64; 3]) -> Option<i64> {
    text_score_op(hay, w, scores, Op::Fuzzy)
}

/// [`text_score`] for a word with an operator: `^word` counts only occurrences that
/// start a word, `word$` only those that end one, `^word$` only whole words.
pub(super) fn text_score_op(
    hay: &[u8],
    w: &memmem::Finder<'_>,
    [whole, prefix, inside]: [i64; 3],
    op: Op,
) -> Option<i64> {
    let len = w.needle().len();
    let mut best: Option<i64> = None;
    for at in w.find_iter(hay) {
        let before = at.checked_sub(1).and_then(|i| hay.get(i));
        let after = hay.get(at + len);
        let starts = before.is_none_or(|c| !c.is_ascii_alphanumeric());
        let ends = after.is_none_or(|c| !c.is_ascii_alphanumeric());
        let allowed = match op {
            Op::Fuzzy | Op::Exact => true,
            Op::Prefix => starts,
            Op::Suffix => ends,
            Op::Whole => starts && ends,
        };
        if !allowed {
            continue;
        }
        let s = match (starts, ends) {
            (true, true) => whole,
            (true, false) => prefix,
            _ => inside,
        };
        best = Some(best.map_or(s, |b| b.max(s)));
        if s == whole {
            break;
        }
    }
    best
}

/// Whether the finder's phrase occurs in `text` as whole words.
pub(super) fn contains_word(text: &[u8], phrase: &memmem::Finder<'_>) -> bool {
    text_score(text, phrase, [1, 0, 0]) == Some(1)
}
