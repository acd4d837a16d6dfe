//! A query, parsed: its words, their operators (`'exact`, `^prefix`, `suffix$`,
//! `!not`), phrases, and the words that ask for help.

use super::*;

/// A query split into words.
#[derive(Debug)]
pub(super) struct Query {
    /// The whole query, folded and with single spaces.
    pub(super) phrase: String,
    /// The phrase's character mask: a field lacking one of its characters cannot
    /// contain it.
    pub(super) phrase_mask: u64,
    pub(super) phrase_finder: memmem::Finder<'static>,
    pub(super) words: Vec<Word>,
    /// How many words are not negated.
    pub(super) positive: usize,
    /// Whether a word asks for a line to call ([`GENERIC_HELP`]): then every hotline
    /// matches, whatever the other words ("i need help!").
    pub(super) calls_for_help: bool,
    /// Digits of the query when the whole query is written like a phone number.
    pub(super) phone_digits: Option<String>,
}

#[derive(Debug)]
pub(super) struct Word {
    pub(super) text: String,
    pub(super) mask: u64,
    /// A substring searcher for the word, built once per query.
    pub(super) finder: memmem::Finder<'static>,
    /// How the word must occur (fzf's operators).
    pub(super) op: Op,
    /// `!word`: the record must not contain the word (emergency lines always pass).
    pub(super) negated: bool,
    /// The word is a help word, or the beginning of one of the words that ask for
    /// any line at all ([`GENERIC_HELP`]): every hotline matches it.
    pub(super) any_hotline: bool,
    /// The word is a help word ([`GENERIC_HELP`], [`HOTLINE_HELP`]): hotlines that
    /// match it rank first.
    pub(super) help: bool,
}

/// How a query word must occur: fzf's operators, as typed at the edges of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// Plain word: an occurrence, or its letters in order inside one word of a field
    /// (or a short span, see [`plausible`]).
    Fuzzy,
    /// `'word`: an occurrence, no scattered letters.
    Exact,
    /// `^word`: an occurrence at the start of a word.
    Prefix,
    /// `word$`: an occurrence at the end of a word.
    Suffix,
    /// `^word$`: the whole word.
    Whole,
}

impl Op {
    /// Whether a word with this operator, grown by typing after it, only ever matches
    /// fewer records (a `$` typed over is no longer an operator).
    pub(super) const fn narrows_when_grown(self) -> bool {
        matches!(self, Self::Fuzzy | Self::Exact | Self::Prefix)
    }
}

/// Words that ask for a line to call (folded): every hotline matches them, and the
/// beginning of each as it is typed, and hotlines rank first.
pub const GENERIC_HELP: &[&str] = &[
    "help",
    "helpline",
    "ayuda",
    "ayudar",
    "ayudame",
    "auxilio",
    "socorro",
    "emergency",
    "emergencies",
    "emergencia",
    "emergencias",
    "urgent",
    "urgente",
    "urgencia",
    "call",
    "llamar",
    "llame",
    "llamada",
    "number",
    "numbers",
    "numero",
    "numeros",
    "phone",
    "telephone",
    "telefono",
    "hotline",
    "hotlines",
    "linea",
    "lineas",
    "sos",
    "danger",
    "peligro",
];

/// Words that ask for a kind of line (folded): hotlines that match them rank first.
pub const HOTLINE_HELP: &[&str] = &[
    "deaf",
    "sordo",
    "sorda",
    "sordos",
    "tty",
    "textphone",
    "relay",
];

/// Characters that join the letters or digits on both sides into one word or number
/// ("24/7", "x-ray", "it's", "9:00", "h.e.a.t."); a comma only between digits
/// ("1,000"). Any other punctuation separates words.
pub(super) fn joins(c: char, before: char, after: char) -> bool {
    match c {
        '-' | '\'' | '\u{2019}' | '.' | '/' | ':' | '&' | '@' | '_' | '+' => true,
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// One word of a query as typed, before folding: its text without operators or
/// surrounding punctuation, and its operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) text: String,
    pub(super) op: Op,
    pub(super) negated: bool,
}

/// Splits a query as typed into words: white space and punctuation that is not part of
/// a word or number separate words (so `help!`, `¿ayuda?`, `tip line?` and `(tip)` are
/// their words); fzf's operators count only at the edge of a token and next to a
/// letter or digit: `!` before (negation), then `'` (exact) or `^` (prefix) before,
/// `$` after (suffix). A lone or trailing `!` or `?` is punctuation.
pub(super) fn tokens(query: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for raw in query.split_whitespace() {
        let chars: Vec<char> = raw.chars().collect();
        let alnum_at = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
        let (mut start, mut end) = (0, chars.len());
        let mut negated = false;
        if chars.first() == Some(&'!')
            && (alnum_at(1) || (matches!(chars.get(1), Some('\'' | '^')) && alnum_at(2)))
        {
            negated = true;
            start = 1;
        }
        let mut prefix = false;
        let mut exact = false;
        match chars.get(start) {
            Some('\'') if alnum_at(start + 1) => {
                exact = true;
                start += 1;
            }
            Some('^') if alnum_at(start + 1) => {
                prefix = true;
                start += 1;
            }
            _ => {}
        }
        let mut suffix = false;
        if end >= start + 2 && chars.get(end - 1) == Some(&'$') && alnum_at(end - 2) {
            suffix = true;
            end -= 1;
        }
        // The pieces of the token: runs of letters and digits, with the joining
        // characters between them.
        let core = chars.get(start..end).unwrap_or_default();
        let mut pieces: Vec<String> = Vec::new();
        let mut piece = String::new();
        for (i, &c) in core.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| core.get(j)).copied();
            let after = core.get(i + 1).copied();
            let kept = c.is_alphanumeric()
                || matches!((before, after), (Some(b), Some(a))
                    if b.is_alphanumeric() && a.is_alphanumeric() && joins(c, b, a));
            if kept {
                piece.push(c);
            } else if !piece.is_empty() {
                pieces.push(std::mem::take(&mut piece));
            }
        }
        if !piece.is_empty() {
            pieces.push(piece);
        }
        let n = pieces.len();
        for (k, text) in pieces.into_iter().enumerate() {
            let first = k == 0 && prefix;
            let last = k + 1 == n && suffix;
            let op = match (first, last) {
                (true, true) => Op::Whole,
                (true, false) => Op::Prefix,
                (false, true) => Op::Suffix,
                (false, false) if exact => Op::Exact,
                (false, false) => Op::Fuzzy,
            };
            out.push(Token { text, op, negated });
        }
    }
    out
}

impl Query {
    pub(super) fn parse(query: &str) -> Self {
        let words: Vec<Word> = tokens(query)
            .into_iter()
            .filter_map(|t| {
                // Folding may give punctuation at the edges ("½" is "1/2"; a letter
                // may fold to nothing): trimmed again.
                let folded = fold(&t.text);
                let w = folded.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                if w.is_empty() {
                    return None;
                }
                let fuzzy = t.op == Op::Fuzzy && !t.negated;
                let any_hotline = fuzzy && GENERIC_HELP.iter().any(|h| h.starts_with(w));
                let help = fuzzy && (GENERIC_HELP.contains(&w) || HOTLINE_HELP.contains(&w));
                Some(Word {
                    text: w.to_owned(),
                    mask: mask_of(w),
                    finder: memmem::Finder::new(w).into_owned(),
                    op: t.op,
                    negated: t.negated,
                    any_hotline,
                    help,
                })
            })
            .collect();
        let phrase = words
            .iter()
            .filter(|w| !w.negated)
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let phone_like = query
            .chars()
            .all(|c| c.is_ascii_digit() || " ()-.+/".contains(c));
        let phone_digits = (phone_like && digits.len() >= PHONE_QUERY_DIGITS).then_some(digits);
        Self {
            phrase_finder: memmem::Finder::new(&phrase).into_owned(),
            phrase_mask: mask_of(&phrase),
            phrase,
            positive: words.iter().filter(|w| !w.negated).count(),
            calls_for_help: words
                .iter()
                .any(|w| !w.negated && GENERIC_HELP.contains(&w.text.as_str())),
            words,
            phone_digits,
        }
    }
}
