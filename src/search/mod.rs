//! Search across the whole directory: the one place that knows about the matcher.
//!
//! The index keeps, for every record, an ASCII-folded copy of its title, tags and body
//! (original text stays in the directory for display), the digits of its phone numbers,
//! and a mask of the characters each of the three fields contains. All folded text
//! lives in one arena string, so that the index is a few large allocations rather than
//! several small ones per record. A query is split into words, as in fzf; every word
//! must match somewhere, and the record's score is the sum of its words' scores. Title
//! matches weigh most, then tags and synonyms, then body text; whole-word matches beat
//! prefixes, which beat substrings, which beat scattered letters.
//!
//! Speed at 100,000 entries comes from: the character-mask prefilter, per field;
//! narrowing the previous result set when a query only grows, and scoring again only
//! the words that changed (the last, growing one); substring searchers built once per
//! query word; plain substring checks before the fuzzy matcher, which runs on titles
//! only, and only for records that could reach the top (until then its score is kept
//! as a range, see `Matched`); one-letter words scored from per-field masks of the
//! letters that begin or make up a word, without reading the text; skipping the body
//! when the title or tags already matched; top-k selection with a small heap instead
//! of a sort; both cores above a size threshold; and highlight positions computed only
//! for the rows on screen ([`highlight`]).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use rayon::prelude::*;

use crate::directory::{Directory, RecordRef, Shared};

pub mod index_file;

/// Above this many candidates, scoring runs on every core.
const PARALLEL_THRESHOLD: usize = 4_096;

/// The fewest digits that make a query a phone number search.
const PHONE_QUERY_DIGITS: usize = 3;

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
fn fold_into(out: &mut String, s: &str) {
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

/// The mask bit of a byte of folded text: a–z, 0–9, nothing for a space, and one bit
/// for anything else.
const fn bit_of(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        b' ' => 0,
        _ => 1 << 36,
    }
}

/// Bit mask of the characters in folded text: a–z, 0–9, and one bit for anything else.
fn mask_of(folded: &str) -> u64 {
    folded.bytes().fold(0u64, |m, b| m | bit_of(b))
}

/// Masks of the letters and digits of folded text that begin a word, and of those that
/// are a whole word alone, as [`text_score`] sees words (with the character mask of
/// [`mask_of`], all three in one pass): a character is at the start
/// of a word when no ASCII letter or digit comes before it, and at its end when none
/// comes after it.
fn word_masks(folded: &[u8]) -> [u64; 3] {
    let (mut mask, mut starts, mut alone) = (0u64, 0u64, 0u64);
    // The bit of the current word's first character while the word is one long.
    let mut single = 0u64;
    let mut before_alnum = false;
    // Without branches (the index reads every byte of the directory's text once):
    // all-ones or all-zeros masks stand for the conditions.
    for &b in folded {
        let class = BYTE_CLASS.get(usize::from(b)).copied().unwrap_or_default();
        let bit = class & !ALNUM;
        let alnum = class & ALNUM != 0;
        let word_start = 0u64.wrapping_sub(u64::from(alnum && !before_alnum));
        let word_end = 0u64.wrapping_sub(u64::from(!alnum));
        mask |= bit;
        starts |= bit & word_start;
        alone |= single & word_end;
        single = bit & word_start;
        before_alnum = alnum;
    }
    [mask, starts, alone | single]
}

/// The flag in [`BYTE_CLASS`] of an ASCII letter or digit (a bit [`bit_of`] never uses).
const ALNUM: u64 = 1 << 63;

/// Each byte's [`bit_of`], with [`ALNUM`] for ASCII letters and digits.
const BYTE_CLASS: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b: u8 = 0;
    loop {
        let alnum = if b.is_ascii_alphanumeric() { ALNUM } else { 0 };
        #[allow(clippy::indexing_slicing)] // b < 256 = the table's length
        {
            table[b as usize] = bit_of(b) | alnum;
        }
        if b == u8::MAX {
            break;
        }
        b += 1;
    }
    table
};

/// The score of a one-character query word (a lower-case letter or a digit, whose
/// bit is `bit`) in a field, from the field's masks: the same as [`text_score`] gives
/// on the field's text.
fn mask_score(
    bit: u64,
    [mask, starts, alone]: [u64; 3],
    [whole, prefix, inside]: [i64; 3],
) -> Option<i64> {
    if alone & bit != 0 {
        Some(whole)
    } else if starts & bit != 0 {
        Some(prefix)
    } else if mask & bit != 0 {
        Some(inside)
    } else {
        None
    }
}

/// A predicate over records: which ones a filtered search may return.
pub type Keep<'a> = dyn Fn(RecordRef) -> bool + Sync + 'a;

/// What one search asks for, passed whole to the scoring loop.
#[derive(Clone, Copy)]
struct Ask<'a> {
    query: &'a str,
    scope: Scope,
    limit: usize,
    previous: Option<&'a Results>,
    keep: Option<&'a Keep<'a>>,
}

/// Where to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The whole directory.
    #[default]
    All,
    /// One role (by index) and its action items.
    Role(usize),
}

/// The fields of an entry, in the order they are kept in the text arena.
const TITLE: usize = 0;
const TAGS: usize = 1;
const BODY: usize = 2;
const DIGITS: usize = 3;

/// One searchable record. Its folded texts live in one of the index's text arenas
/// (`arenas[arena]`, one per chunk of records built together): the title is
/// `arena[bounds[0]..bounds[1]]`, then the tags, the body, and the digits of every phone
/// number (numbers separated by '|'), each ending where the next begins.
#[derive(Debug)]
struct Entry {
    record: RecordRef,
    /// Kind rank for ties: hotlines first, then roles, actions, the rest ([`KIND`]),
    /// and [`EMERGENCY`] for an emergency line (which no negated word hides).
    rank: u8,
    /// The arena holding its texts.
    arena: u32,
    bounds: [u32; 5],
    /// Character masks of the title, the tags and the body.
    masks: [u64; 3],
    /// For each of those fields, masks of the letters and digits that begin a word
    /// there, and of those that are a word of their own: a one-letter query word is
    /// scored from the masks alone ([`mask_score`]).
    starts: [u64; 3],
    alone: [u64; 3],
}

/// The bits of [`Entry::rank`] that give the kind rank.
const KIND: u8 = 0x7f;
/// The bit of [`Entry::rank`] of an emergency line.
const EMERGENCY: u8 = 0x80;

/// How much a help word ([`GENERIC_HELP`], [`HOTLINE_HELP`]) alone adds to a hotline
/// that matches it: more than any other record can score for one word, phrase included.
const HELP_BONUS: i64 = 2_500;
/// How much each help word adds to a hotline in a query of several words: less than a
/// phrase found as words elsewhere ("help out" is volunteering, not a call for help).
const HELP_BONUS_IN_PHRASE: i64 = 1_000;

impl Entry {
    const fn is_hotline(&self) -> bool {
        self.rank & KIND == 0
    }

    const fn is_emergency(&self) -> bool {
        self.rank & EMERGENCY != 0
    }

    fn mask(&self) -> u64 {
        let [t, g, b] = self.masks;
        t | g | b
    }
}

/// A ranked search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The record.
    pub record: RecordRef,
    /// Its score: higher is better.
    pub score: i64,
}

/// One record that matched a search, with what is needed to score it again quickly
/// when the query grows: the sum of the scores of every word but the last, and the
/// last word's score (the words before the last do not change while the last grows).
///
/// The fuzzy matcher's score of a title is only computed for records that could reach
/// the top of the ranking: until then `head`, `last` and `total` are lower bounds, and
/// `slack` says by how much each of `head` and `last` may exceed them (0 when exact).
#[derive(Debug, Clone, Copy, Default)]
struct Matched {
    index: u32,
    /// The entry's kind rank, kept here so that ranking the matches need not read
    /// every entry again (it fits in what would be padding).
    rank: u8,
    /// Which fields may match the last word ([`MAY_TITLE`], [`MAY_TAGS`]): a field the
    /// last word did not match cannot match it once it grows.
    fields: u8,
    /// Scores are stored as `i32` (a query's total is far below `i32::MAX`) so that
    /// a match takes 28 bytes: at 100,000 records a search keeps one per match.
    head: i32,
    last: i32,
    total: i32,
    /// How much `head` and `last` may be below their exact values.
    slack: [u32; 2],
}

impl Matched {
    fn is_exact(&self) -> bool {
        self.slack == [0, 0]
    }

    /// The highest total the record can have once every score is exact.
    fn upper(&self) -> i64 {
        let [h, l] = self.slack;
        i64::from(self.total) + i64::from(h) + i64::from(l)
    }
}

/// A score as stored in a [`Matched`], saturating (never reached: scores are small).
fn narrow(score: i64) -> i32 {
    i32::try_from(score).unwrap_or(if score < 0 { i32::MIN } else { i32::MAX })
}

/// Whether the fuzzy matcher's score is computed at once ([`Fuzzy::Exact`]) or left
/// as a range for later ([`Fuzzy::Bound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fuzzy {
    Exact,
    Bound,
}

/// The lowest and highest scores of scattered letters in a title (see
/// [`SearchIndex::word_score`]).
/// Below a whole word anywhere (300, in the body): a whole word outranks every fuzzy
/// match.
const TITLE_FUZZY_MIN: i64 = 120;
const TITLE_FUZZY_MAX: i64 = 290;

/// The outcome of a search.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// The query, as typed.
    pub query: String,
    /// The scope searched.
    pub scope: Scope,
    /// The best hits, best first, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// How many records matched in all.
    pub total: usize,
    /// Every match in index order, to narrow the next, longer query. Shared: the app
    /// keeps one copy of the results to narrow from and shows another.
    matched: Arc<Vec<Matched>>,
    /// Whether the query was a phone number search.
    phone: bool,
}

/// A query split into words.
#[derive(Debug)]
struct Query {
    /// The whole query, folded and with single spaces.
    phrase: String,
    /// The phrase's character mask: a field lacking one of its characters cannot
    /// contain it.
    phrase_mask: u64,
    phrase_finder: memmem::Finder<'static>,
    words: Vec<Word>,
    /// How many words are not negated.
    positive: usize,
    /// Whether a word asks for a line to call ([`GENERIC_HELP`]): then every hotline
    /// matches, whatever the other words ("i need help!").
    calls_for_help: bool,
    /// Digits of the query when the whole query is written like a phone number.
    phone_digits: Option<String>,
}

#[derive(Debug)]
struct Word {
    text: String,
    mask: u64,
    /// A substring searcher for the word, built once per query.
    finder: memmem::Finder<'static>,
    /// How the word must occur (fzf's operators).
    op: Op,
    /// `!word`: the record must not contain the word (emergency lines always pass).
    negated: bool,
    /// The word is a help word, or the beginning of one of the words that ask for
    /// any line at all ([`GENERIC_HELP`]): every hotline matches it.
    any_hotline: bool,
    /// The word is a help word ([`GENERIC_HELP`], [`HOTLINE_HELP`]): hotlines that
    /// match it rank first.
    help: bool,
}

/// How a query word must occur: fzf's operators, as typed at the edges of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
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
    const fn narrows_when_grown(self) -> bool {
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
fn joins(c: char, before: char, after: char) -> bool {
    match c {
        '-' | '\'' | '\u{2019}' | '.' | '/' | ':' | '&' | '@' | '_' | '+' => true,
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// One word of a query as typed, before folding: its text without operators or
/// surrounding punctuation, and its operators.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    text: String,
    op: Op,
    negated: bool,
}

/// Splits a query as typed into words: white space and punctuation that is not part of
/// a word or number separate words (so `help!`, `¿ayuda?`, `tip line?` and `(tip)` are
/// their words); fzf's operators count only at the edge of a token and next to a
/// letter or digit: `!` before (negation), then `'` (exact) or `^` (prefix) before,
/// `$` after (suffix). A lone or trailing `!` or `?` is punctuation.
fn tokens(query: &str) -> Vec<Token> {
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
    fn parse(query: &str) -> Self {
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

/// How much of the previous keystroke's scores a search can reuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reuse {
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

/// Bits of [`Matched::fields`]: which fields may match the last word.
const MAY_TITLE: u8 = 1;
const MAY_TAGS: u8 = 2;

/// The search index over one directory.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// The entries' folded texts, one after another, in arenas of [`BUILD_CHUNK`]
    /// records each (see [`Entry`]): built on all cores, and kept as built, without
    /// copying them into one.
    arenas: Vec<Box<str>>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field(
                "text_bytes",
                &self.arenas.iter().map(|a| a.len()).sum::<usize>(),
            )
            .finish_non_exhaustive()
    }
}

/// Writes one field of an entry into the arena: parts folded and joined by single
/// spaces (empty parts skipped), as the field's text.
struct Field<'a> {
    out: &'a mut String,
    start: usize,
}

impl<'a> Field<'a> {
    fn new(out: &'a mut String) -> Self {
        let start = out.len();
        Self { out, start }
    }

    fn part(&mut self, p: &str) {
        if p.is_empty() {
            return;
        }
        if self.out.len() > self.start {
            self.out.push(' ');
        }
        fold_into(self.out, p);
    }

    fn parts<'s>(&mut self, parts: impl IntoIterator<Item = &'s str>) {
        for p in parts {
            self.part(p);
        }
    }

    /// Digits of phone numbers, numbers separated by '|'.
    fn digits<'s>(&mut self, numbers: impl IntoIterator<Item = &'s str>) {
        for n in numbers {
            if self.out.len() > self.start {
                self.out.push('|');
            }
            self.out.extend(n.chars().filter(char::is_ascii_digit));
        }
    }
}

/// Records at most this many per task while building the index.
const BUILD_CHUNK: usize = 2_048;

impl SearchIndex {
    /// Builds the index of a directory.
    #[must_use]
    pub fn build(dir: &Directory) -> Self {
        Self::build_with(dir, &[])
    }

    /// Builds the index of a directory whose texts also exist in other languages (the
    /// same directory read in them): a query in any of them finds the record, and the
    /// directory's own language ranks first (other languages count as tags and body).
    #[must_use]
    pub fn build_with(dir: &Directory, others: &[&Directory]) -> Self {
        let records = dir.records();
        // Another language only counts when its records pair one to one with these.
        let others: Vec<(&Directory, Vec<RecordRef>)> = others
            .iter()
            .map(|&o| (o, o.records()))
            .filter(|(_, r)| r.len() == records.len())
            .collect();
        let chunks: Vec<(Box<str>, Vec<Entry>)> = records
            .par_chunks(BUILD_CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let first = c * BUILD_CHUNK;
                let arena = u32::try_from(c).unwrap_or(u32::MAX);
                let mut text = String::with_capacity(chunk.len() * 256);
                let mut entries = Vec::with_capacity(chunk.len());
                for (k, &r) in chunk.iter().enumerate() {
                    let translations: Vec<&Directory> = others
                        .iter()
                        .filter(|(_, recs)| recs.get(first + k) == Some(&r))
                        .map(|(o, _)| *o)
                        .collect();
                    if let Some(e) = entry_for(dir, r, &translations, arena, &mut text) {
                        entries.push(e);
                    }
                }
                (text.into_boxed_str(), entries)
            })
            .collect();
        let count: usize = chunks.iter().map(|(_, e)| e.len()).sum();
        let mut arenas = Vec::with_capacity(chunks.len());
        let mut entries = Vec::with_capacity(count);
        for (text, es) in chunks {
            arenas.push(text);
            entries.extend(es);
        }
        Self::from_parts(entries, arenas)
    }

    /// An index of these entries and arenas (read from an index file, see [`file`]).
    fn from_parts(entries: Vec<Entry>, arenas: Vec<Box<str>>) -> Self {
        Self {
            entries,
            arenas,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Number of searchable records.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One folded field of an entry, from the arena: [`TITLE`], [`TAGS`], [`BODY`] or
    /// [`DIGITS`]. Read only when the masks let a word through, so that most entries
    /// that cannot match are never read at all.
    fn field(&self, e: &Entry, which: usize) -> &[u8] {
        match (e.bounds.get(which), e.bounds.get(which + 1)) {
            (Some(&from), Some(&to)) => self
                .arenas
                .get(e.arena as usize)
                .and_then(|a| a.as_bytes().get(from as usize..to as usize))
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// Searches, returning at most `limit` hits, best first.
    #[must_use]
    pub fn search(&self, query: &str, scope: Scope, limit: usize) -> Results {
        self.search_after(query, scope, limit, None)
    }

    /// Searches like [`SearchIndex::search`], reusing `previous` when the new query only
    /// adds to it (the common case while typing), so that only earlier matches are scored.
    #[must_use]
    pub fn search_after(
        &self,
        query: &str,
        scope: Scope,
        limit: usize,
        previous: Option<&Results>,
    ) -> Results {
        self.search_filtered(query, scope, limit, previous, None)
    }

    /// Searches like [`SearchIndex::search_after`], keeping only the records `keep`
    /// accepts (the filters of the app and of `search`). `previous` must come from a
    /// search with the same `keep`: a changed filter starts from scratch.
    #[must_use]
    pub fn search_filtered(
        &self,
        query: &str,
        scope: Scope,
        limit: usize,
        previous: Option<&Results>,
        keep: Option<&Keep<'_>>,
    ) -> Results {
        let ask = Ask {
            query,
            scope,
            limit,
            previous,
            keep,
        };
        let q = Query::parse(query);
        if q.words.is_empty() {
            return Results {
                query: query.to_owned(),
                scope,
                ..Results::default()
            };
        }
        if let Some(digits) = &q.phone_digits {
            let finder = memmem::Finder::new(digits.as_bytes());
            let phone_match = |e: &Entry| {
                finder.find(self.field(e, DIGITS)).map(|_| Matched {
                    last: narrow(PHONE_SCORE),
                    total: narrow(PHONE_SCORE),
                    ..Matched::default()
                })
            };
            let r = self.run(&ask, true, |e, _| phone_match(e), phone_match);
            if r.total > 0 {
                return r;
            }
        }
        let reuse = previous.map_or(Reuse::Nothing, |p| reuse(&Query::parse(&p.query), &q));
        self.run(
            &ask,
            false,
            |e, prev| self.score(e, &q, reuse, prev, Fuzzy::Bound),
            |e| self.score(e, &q, Reuse::Nothing, None, Fuzzy::Exact),
        )
    }

    fn run(
        &self,
        ask: &Ask<'_>,
        phone: bool,
        score: impl Fn(&Entry, Option<&Matched>) -> Option<Matched> + Sync,
        exact: impl Fn(&Entry) -> Option<Matched> + Sync,
    ) -> Results {
        let Ask {
            query,
            scope,
            limit,
            previous,
            keep,
        } = *ask;
        let in_scope = |e: &Entry| match scope {
            Scope::All => true,
            Scope::Role(r) => role_of(e.record) == Some(r),
        };
        let narrowed = previous.filter(|p| {
            p.scope == scope
                && p.phone == phone
                && query.starts_with(p.query.as_str())
                && narrows_from(&p.query)
        });
        let eval = |i: u32, prev: Option<&Matched>| -> Option<Matched> {
            let e = self.entries.get(i as usize)?;
            if !in_scope(e) || keep.is_some_and(|k| !k(e.record)) {
                return None;
            }
            score(e, prev).map(|m| Matched {
                index: i,
                rank: e.rank & KIND,
                ..m
            })
        };
        // Hotlines come first in the index. Help words make them match whatever else
        // the query says, so a longer query may match a hotline the shorter one did
        // not: when narrowing, they are always scored afresh.
        let hot = self.entries.iter().take_while(|e| e.is_hotline()).count();
        let hot_u32 = u32::try_from(hot).unwrap_or(u32::MAX);
        let hotlines = || (0..hot_u32).filter_map(|i| eval(i, None));
        let matched: Vec<Matched> = match narrowed {
            Some(p) if p.matched.len() < PARALLEL_THRESHOLD => hotlines()
                .chain(
                    p.matched
                        .iter()
                        .filter(|m| m.index >= hot_u32)
                        .filter_map(|m| eval(m.index, Some(m))),
                )
                .collect(),
            Some(p) => {
                let mut out: Vec<Matched> = hotlines().collect();
                let rest: Vec<Matched> = p
                    .matched
                    .par_iter()
                    .filter(|m| m.index >= hot_u32)
                    .filter_map(|m| eval(m.index, Some(m)))
                    .collect();
                out.extend(rest);
                out
            }
            None => {
                let n = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
                if self.entries.len() < PARALLEL_THRESHOLD {
                    (0..n).filter_map(|i| eval(i, None)).collect()
                } else {
                    (0..n)
                        .into_par_iter()
                        .filter_map(|i| eval(i, None))
                        .collect()
                }
            }
        };
        let mut matched = matched;
        self.resolve(&mut matched, limit, &exact);
        let total = matched.len();
        // Best first: higher score, then kind rank, then index order.
        // A key's natural order is that order, so the heap's top is the worst kept.
        let mut best: BinaryHeap<(Reverse<i64>, u8, u32)> = BinaryHeap::with_capacity(limit + 1);
        for m in &matched {
            let key = (Reverse(i64::from(m.total)), m.rank, m.index);
            if best.len() < limit {
                best.push(key);
            } else if let Some(mut worst) = best.peek_mut()
                && key < *worst
            {
                *worst = key;
            }
        }
        let hits = best
            .into_sorted_vec()
            .into_iter()
            .filter_map(|(Reverse(score), _, i)| {
                self.entries.get(i as usize).map(|e| Hit {
                    record: e.record,
                    score,
                })
            })
            .collect();
        Results {
            query: query.to_owned(),
            scope,
            hits,
            total,
            matched: Arc::new(matched),
            phone,
        }
    }

    /// Makes exact the scores of every match that could be among the best `limit`: a
    /// match whose highest possible total is below the `limit`-th best lower bound
    /// cannot be, since at least `limit` matches score that bound or more. The others
    /// keep their bounds (a later, longer query may still need them exact).
    fn resolve(
        &self,
        matched: &mut [Matched],
        limit: usize,
        exact: &(impl Fn(&Entry) -> Option<Matched> + Sync),
    ) {
        if limit == 0 || matched.iter().all(Matched::is_exact) {
            return;
        }
        let threshold = if matched.len() > limit {
            // The `limit`-th highest lower bound: the top of a heap of the `limit`
            // highest, lowest first.
            let mut lows: BinaryHeap<Reverse<i64>> = BinaryHeap::with_capacity(limit + 1);
            for m in matched.iter() {
                if lows.len() < limit {
                    lows.push(Reverse(i64::from(m.total)));
                } else if let Some(mut low) = lows.peek_mut()
                    && i64::from(m.total) > low.0
                {
                    *low = Reverse(i64::from(m.total));
                }
            }
            lows.peek().map_or(i64::MIN, |low| low.0)
        } else {
            i64::MIN
        };
        let fix = |m: &mut Matched| {
            if !m.is_exact()
                && m.upper() >= threshold
                && let Some(e) = self.entries.get(m.index as usize)
                && let Some(x) = exact(e)
            {
                *m = Matched {
                    index: m.index,
                    rank: m.rank,
                    ..x
                };
            }
        };
        if matched.len() < PARALLEL_THRESHOLD {
            matched.iter_mut().for_each(fix);
        } else {
            matched.par_iter_mut().for_each(fix);
        }
    }

    /// The scores of an entry for a query (every word's but the last's, the last
    /// word's, the total with the phrase bonus), or `None` if some word does not match.
    /// `prev` is the entry's scores for the previous query, reused as `reuse` says.
    /// With [`Fuzzy::Bound`], fuzzy scores of titles are left as ranges (see
    /// [`Matched`]).
    fn score(
        &self,
        e: &Entry,
        q: &Query,
        reuse: Reuse,
        prev: Option<&Matched>,
        fuzzy: Fuzzy,
    ) -> Option<Matched> {
        let all = MAY_TITLE | MAY_TAGS;
        // Where to start scoring, what is known so far, and which fields the word at
        // the start may match.
        let (from, mut head, mut last, mut fields, may, [mut head_slack, mut last_slack]) =
            match (reuse, prev) {
                (Reuse::Words, Some(p)) => (
                    q.words.len(),
                    i64::from(p.head),
                    i64::from(p.last),
                    p.fields,
                    all,
                    p.slack,
                ),
                (Reuse::AllButNew(n), Some(p)) => {
                    let [h, l] = p.slack;
                    let head = i64::from(p.head) + i64::from(p.last);
                    (n, head, 0, all, all, [h.saturating_add(l), 0])
                }
                (Reuse::Head { at, grown }, Some(p)) => {
                    let may = if grown { p.fields } else { all };
                    (at, i64::from(p.head), 0, all, may, [p.slack[0], 0])
                }
                _ => (0, 0, 0, all, all, [0, 0]),
            };
        let mask = e.mask();
        let count = q.words.len();
        for (k, w) in q.words.iter().enumerate().skip(from) {
            let (s, slack, f) = if w.negated {
                if !e.is_emergency() && self.contains(e, w) {
                    return None;
                }
                (0, 0, all)
            } else {
                let found = if w.mask & !mask == 0 {
                    self.word_score(e, w, if k == from { may } else { all }, fuzzy)
                } else {
                    None
                };
                match found {
                    Some(found) => found,
                    None if e.is_hotline() && (w.any_hotline || q.calls_for_help) => (0, 0, 0),
                    None => return None,
                }
            };
            if k + 1 == count {
                last = s;
                last_slack = slack;
                fields = f;
            } else {
                head += s;
                head_slack = head_slack.saturating_add(slack);
            }
        }
        let [title_mask, tags_mask, _] = e.masks;
        let in_title = q.phrase_mask & !title_mask == 0;
        let title = if in_title { self.field(e, TITLE) } else { &[] };
        let bonus = if q.positive > 1 {
            if in_title && title == q.phrase.as_bytes() {
                2_000
            } else if in_title && contains_word(title, &q.phrase_finder) {
                1_000
            } else if q.phrase_mask & !tags_mask == 0
                && contains_word(self.field(e, TAGS), &q.phrase_finder)
            {
                800
            } else {
                0
            }
        } else if in_title && title == q.phrase.as_bytes() {
            500
        } else {
            0
        };
        // Help words: computed from the whole query each time (never reused from a
        // shorter one), since the bonus depends on how many words there are.
        let help = if e.is_hotline() {
            let n = q.words.iter().filter(|w| w.help).count();
            let each = if q.positive > 1 {
                HELP_BONUS_IN_PHRASE
            } else {
                HELP_BONUS
            };
            i64::try_from(n).unwrap_or(0) * each
        } else {
            0
        };
        let bonus = bonus + help;
        // Index and rank are the caller's to fill in.
        Some(Matched {
            index: 0,
            rank: 0,
            fields,
            head: narrow(head),
            last: narrow(last),
            total: narrow(head + last + bonus),
            slack: [head_slack, last_slack],
        })
    }

    /// A word's score in an entry, how much the exact score may exceed it (with
    /// [`Fuzzy::Bound`]: 0 when exact), and which fields may match it ([`MAY_TITLE`],
    /// [`MAY_TAGS`]); `may` says which fields to look at (the others are known not to
    /// match).
    fn word_score(&self, e: &Entry, w: &Word, may: u8, fuzzy: Fuzzy) -> Option<(i64, u32, u8)> {
        if let [c] = w.text.as_bytes()
            && c.is_ascii_alphanumeric()
            && matches!(w.op, Op::Fuzzy | Op::Exact)
        {
            return Self::letter_score(e, mask_of(&w.text), may);
        }
        let scattered_too = w.op == Op::Fuzzy;
        let [title_mask, tags_mask, body_mask] = e.masks;
        // A field lacking one of the word's characters cannot match it in any way.
        // `title_high` is the highest the title's score can be once exact.
        let mut title_high = None;
        let title = (may & MAY_TITLE != 0 && w.mask & !title_mask == 0)
            .then(|| {
                let title = self.field(e, TITLE);
                text_score_op(title, &w.finder, [1_000, 700, 400], w.op).or_else(|| {
                    if !scattered_too {
                        None
                    } else if fuzzy == Fuzzy::Bound && w.text.len() > 2 {
                        // The matcher's score is only needed if the record may rank.
                        scattered(title, &w.text).then(|| {
                            title_high = Some(TITLE_FUZZY_MAX);
                            TITLE_FUZZY_MIN
                        })
                    } else {
                        self.fuzzy(title, &w.text).map(|s| {
                            TITLE_FUZZY_MIN + s.clamp(0, TITLE_FUZZY_MAX - TITLE_FUZZY_MIN)
                        })
                    }
                })
            })
            .flatten();
        // No tag match scores more than a whole word in the title.
        if title == Some(1_000) {
            return Some((1_000, 0, MAY_TITLE | MAY_TAGS));
        }
        // Scattered letters in tags and body only count as a match with a flat score:
        // the matcher's score barely ranks there, and it was two thirds of the time a
        // keystroke took at 100,000 entries.
        let tags = (may & MAY_TAGS != 0 && w.mask & !tags_mask == 0)
            .then(|| {
                let tags = self.field(e, TAGS);
                text_score_op(tags, &w.finder, [800, 550, 250], w.op)
                    .or_else(|| (scattered_too && scattered(tags, &w.text)).then_some(100))
            })
            .flatten();
        let fields =
            (u8::from(title.is_some()) * MAY_TITLE) | (u8::from(tags.is_some()) * MAY_TAGS);
        if let Some(best) = title.max(tags) {
            let high = title_high.or(title).max(tags).unwrap_or(best);
            let slack = u32::try_from(high - best).unwrap_or(u32::MAX);
            return Some((best, slack, fields));
        }
        if w.mask & !body_mask != 0 {
            return None;
        }
        let body = self.field(e, BODY);
        text_score_op(body, &w.finder, [300, 200, 100], w.op)
            .or_else(|| (scattered_too && scattered(body, &w.text)).then_some(10))
            .map(|s| (s, 0, fields))
    }

    /// Whether a negated word occurs in an entry's title, tags or body (as its
    /// operator says; a plain negated word is any occurrence, as in fzf).
    fn contains(&self, e: &Entry, w: &Word) -> bool {
        if w.mask & !e.mask() != 0 {
            return false;
        }
        let op = if w.op == Op::Fuzzy { Op::Exact } else { w.op };
        [TITLE, TAGS, BODY]
            .into_iter()
            .any(|f| text_score_op(self.field(e, f), &w.finder, [1, 1, 1], op).is_some())
    }

    /// [`SearchIndex::word_score`] for a word of one letter or digit (whose mask is
    /// `bit`), from the entry's masks: scattered letters of a one-letter word are an
    /// occurrence, so only whole word, word start and anywhere remain.
    fn letter_score(e: &Entry, bit: u64, may: u8) -> Option<(i64, u32, u8)> {
        let field = |k: usize| match (e.masks.get(k), e.starts.get(k), e.alone.get(k)) {
            (Some(&m), Some(&s), Some(&a)) => [m, s, a],
            _ => [0; 3],
        };
        let title = (may & MAY_TITLE != 0)
            .then(|| mask_score(bit, field(TITLE), [1_000, 700, 400]))
            .flatten();
        if title == Some(1_000) {
            return Some((1_000, 0, MAY_TITLE | MAY_TAGS));
        }
        let tags = (may & MAY_TAGS != 0)
            .then(|| mask_score(bit, field(TAGS), [800, 550, 250]))
            .flatten();
        let fields =
            (u8::from(title.is_some()) * MAY_TITLE) | (u8::from(tags.is_some()) * MAY_TAGS);
        if let Some(best) = title.max(tags) {
            return Some((best, 0, fields));
        }
        mask_score(bit, field(BODY), [300, 200, 100]).map(|s| (s, 0, fields))
    }

    /// A fuzzy score for scattered letters. Words of one or two letters are only
    /// checked as a subsequence (the matcher's score says little about them, and the
    /// check is much cheaper), so that matching stays monotonic as a word grows.
    fn fuzzy(&self, text: &[u8], w: &str) -> Option<i64> {
        if !plausible(text, w.as_bytes()) {
            return None;
        }
        if w.len() <= 2 {
            return Some(0);
        }
        // A plausible match is a subsequence, which the matcher always finds, so a
        // match is certain; the matcher's score only ranks. (Folded text is ASCII, so it is always a `str`.)
        let text = std::str::from_utf8(text).unwrap_or_default();
        Some(self.matcher.fuzzy_match(text, w).unwrap_or(0))
    }
}

/// The score of every phone number match.
const PHONE_SCORE: i64 = 5_000;

/// What of the previous query's scores the new query can reuse. Folding goes character
/// by character, so when the new query starts with the previous one, the previous
/// words but the last come first in the new query, and the last one is a prefix of the
/// new query's word at its place; still, every word is compared, not assumed.
fn reuse(prev: &Query, q: &Query) -> Reuse {
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
fn narrows_from(previous: &str) -> bool {
    let q = Query::parse(previous);
    !q.words.is_empty()
        && q.words.iter().all(|w| !w.negated)
        && q.words.last().is_some_and(|w| w.op.narrows_when_grown())
}

/// Whether the letters of `w` occur in `text` plausibly (see [`plausible`]).
fn scattered(text: &[u8], w: &str) -> bool {
    plausible(text, w.as_bytes())
}

/// How many characters longer than the word a span of its letters may be when it
/// crosses from one word into another (fzf and skim penalise gaps likewise).
const SPAN_SLACK: usize = 3;

/// The positions of a plausible fuzzy match of `needle` in `hay`: its letters in order,
/// all inside one word (a run of ASCII letters and digits, however long), or within a
/// span at most [`SPAN_SLACK`] longer than the needle. Letters scattered over a long
/// text are no match. From each place the first letter occurs, the earliest letters
/// after it are taken (the shortest span from there), so a word that matches keeps
/// matching as it is cut short: the matches of a longer word are among those of its
/// beginning.
fn plausible_at(hay: &[u8], needle: &[u8]) -> Option<usize> {
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
fn plausible(hay: &[u8], needle: &[u8]) -> bool {
    // Most texts lack the letters in order at all: a few `memchr` calls say so.
    is_subsequence(hay, needle) && plausible_at(hay, needle).is_some()
}

/// Whether every byte of `needle` occurs in `hay` in order.
fn is_subsequence(hay: &[u8], needle: &[u8]) -> bool {
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
fn plausible_positions(hay: &[u8], needle: &[u8]) -> Vec<usize> {
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
fn text_score(hay: &[u8], w: &memmem::Finder<'_>, scores: [i64; 3]) -> Option<i64> {
    text_score_op(hay, w, scores, Op::Fuzzy)
}

/// [`text_score`] for a word with an operator: `^word` counts only occurrences that
/// start a word, `word$` only those that end one, `^word$` only whole words.
fn text_score_op(
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
fn contains_word(text: &[u8], phrase: &memmem::Finder<'_>) -> bool {
    text_score(text, phrase, [1, 0, 0]) == Some(1)
}

/// Writes the folded texts of a record, and those of the same record in other
/// languages (`others`, as tags and body), into `text`; returns its entry.
fn entry_for(
    dir: &Directory,
    r: RecordRef,
    others: &[&Directory],
    arena: u32,
    text: &mut String,
) -> Option<Entry> {
    let mut rank = kind_of(dir, r)?;
    if let RecordRef::Hotline(i) = r
        && dir.hotlines.get(i).is_some_and(|h| h.emergency)
    {
        rank |= EMERGENCY;
    }
    let a = text.len();
    title_into(dir, r, text);
    let b = text.len();
    tags_into(dir, r, &mut Field::new(text))?;
    for o in others {
        text.push(' ');
        title_into(o, r, text);
        text.push(' ');
        tags_into(o, r, &mut Field::new(text))?;
    }
    let c = text.len();
    body_into(dir, r, &mut Field::new(text))?;
    for o in others {
        text.push(' ');
        body_into(o, r, &mut Field::new(text))?;
    }
    let d = text.len();
    digits_into(dir, r, &mut Field::new(text))?;
    let end = text.len();
    let ws = |from: usize, to: usize| text.as_bytes().get(from..to).map_or([0; 3], word_masks);
    let [[m0, s0, a0], [m1, s1, a1], [m2, s2, a2]] = [ws(a, b), ws(b, c), ws(c, d)];
    Some(Entry {
        record: r,
        rank,
        arena,
        bounds: [a, b, c, d, end].map(|at| u32::try_from(at).unwrap_or(u32::MAX)),
        masks: [m0, m1, m2],
        starts: [s0, s1, s2],
        alone: [a0, a1, a2],
    })
}

/// The kind rank of a record that exists: hotlines first, then roles, actions, the
/// rest, services last.
fn kind_of(dir: &Directory, r: RecordRef) -> Option<u8> {
    Some(match r {
        RecordRef::Hotline(i) => {
            dir.hotlines.get(i)?;
            0
        }
        RecordRef::Role(i) => {
            dir.roles.get(i)?;
            1
        }
        RecordRef::Action(ri, ai) => {
            dir.roles.get(ri)?.actions.get(ai)?;
            2
        }
        RecordRef::Program
        | RecordRef::Strategy(_)
        | RecordRef::Endorsement(_)
        | RecordRef::Fact(_)
        | RecordRef::Event(_) => 3,
        RecordRef::Service(i) => {
            dir.services.get(i)?;
            4
        }
    })
}

/// The role a record belongs to: a role's own, or an action item's.
const fn role_of(r: RecordRef) -> Option<usize> {
    match r {
        RecordRef::Role(i) | RecordRef::Action(i, _) => Some(i),
        _ => None,
    }
}

/// The folded title ([`Directory::path_title`]).
fn title_into(dir: &Directory, r: RecordRef, text: &mut String) {
    let own = dir.title_of(r).unwrap_or_default();
    if let RecordRef::Action(role, _) = r
        && let Some(parent) = dir.roles.get(role)
    {
        fold_into(text, &parent.name);
        fold_into(text, " › ");
    }
    fold_into(text, own);
}

fn tags_into(dir: &Directory, r: RecordRef, f: &mut Field<'_>) -> Option<()> {
    match r {
        RecordRef::Hotline(i) => {
            let h = dir.hotlines.get(i)?;
            f.parts(h.tags.iter().map(Shared::as_str));
            f.part(&h.short_name);
        }
        RecordRef::Role(i) => f.parts(dir.roles.get(i)?.tags.iter().map(Shared::as_str)),
        RecordRef::Action(ri, ai) => {
            let role = dir.roles.get(ri)?;
            let a = role.actions.get(ai)?;
            f.parts(
                a.tags
                    .iter()
                    .chain(role.tags.iter().take(1))
                    .map(Shared::as_str),
            );
        }
        RecordRef::Program => f.parts(dir.program.as_ref()?.tags.iter().map(Shared::as_str)),
        RecordRef::Strategy(_) | RecordRef::Endorsement(_) | RecordRef::Event(_) => {}
        RecordRef::Fact(i) => f.parts(dir.facts.get(i)?.tags.iter().map(Shared::as_str)),
        RecordRef::Service(i) => {
            let s = dir.services.get(i)?;
            f.parts(s.tags.iter().map(Shared::as_str));
            f.parts(s.area.as_deref());
            f.parts(s.organization.as_deref());
            f.parts(s.languages.iter().map(Shared::as_str));
        }
    }
    Some(())
}

fn body_into(dir: &Directory, r: RecordRef, f: &mut Field<'_>) -> Option<()> {
    match r {
        RecordRef::Hotline(i) => {
            let h = dir.hotlines.get(i)?;
            f.part(&h.purpose);
            f.parts(h.operator.as_deref());
            f.parts(h.hours.as_deref());
            f.parts(h.languages.iter().map(Shared::as_str));
            f.parts(h.notes.iter().map(String::as_str));
            f.parts(hotline_numbers(h));
        }
        RecordRef::Role(i) => {
            let role = dir.roles.get(i)?;
            f.part(&role.summary);
            f.parts(role.actions.iter().map(|a| a.title.as_str()));
        }
        RecordRef::Action(ri, ai) => {
            let a = dir.roles.get(ri)?.actions.get(ai)?;
            f.part(&a.summary);
            f.parts(a.next_steps.iter().map(String::as_str));
            let related = a.hotlines.iter().filter_map(|&h| dir.hotlines.get(h));
            f.parts(related.map(|h| h.name.as_str()));
        }
        RecordRef::Program => {
            let p = dir.program.as_ref()?;
            f.part(&p.summary);
            f.parts(p.people.iter().map(String::as_str));
        }
        RecordRef::Strategy(i) => f.part(&dir.program.as_ref()?.strategy.get(i)?.text),
        RecordRef::Endorsement(i) => {
            let e = dir.program.as_ref()?.endorsements.get(i)?;
            f.part(&e.quote);
            f.part(e.speaker_title.as_deref().unwrap_or_default());
        }
        RecordRef::Fact(i) => f.part(&dir.facts.get(i)?.text),
        RecordRef::Event(i) => f.part(&dir.events.as_ref()?.get(i)?.text),
        RecordRef::Service(i) => {
            let s = dir.services.get(i)?;
            f.part(&s.description);
            f.parts(s.address.as_deref());
            f.parts(s.hours.as_deref());
            f.parts(s.phones.iter().map(|p| p.phone.number.as_str()));
        }
    }
    Some(())
}

fn hotline_numbers(h: &crate::directory::Hotline) -> impl Iterator<Item = &str> {
    [Some(&h.phone), h.text.as_ref(), h.tty.as_ref()]
        .into_iter()
        .flatten()
        .map(|p| p.number.as_str())
}

fn digits_into(dir: &Directory, r: RecordRef, f: &mut Field<'_>) -> Option<()> {
    match r {
        RecordRef::Hotline(i) => f.digits(hotline_numbers(dir.hotlines.get(i)?)),
        RecordRef::Service(i) => f.digits(
            dir.services
                .get(i)?
                .phones
                .iter()
                .map(|p| p.phone.number.as_str()),
        ),
        _ => {}
    }
    Some(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_maps_back_to_original_chars() {
        let (f, map) = fold_with_map("Niño Área");
        assert_eq!(f, "nino area");
        assert_eq!(map.len(), f.len());
        assert_eq!(map[2], 2);
        assert_eq!(map[5], 5);
    }

    #[test]
    fn highlight_maps_accented_positions() {
        let h = highlight("Niño", "nino");
        assert_eq!(h, vec![0, 1, 2, 3]);
        let h = highlight("Área segura", "AREA");
        assert_eq!(h, vec![0, 1, 2, 3]);
    }

    #[test]
    fn highlight_phone_digits() {
        let h = highlight("1(510) 208-4959", "208 4959");
        let chars: Vec<char> = "1(510) 208-4959".chars().collect();
        let s: String = h.iter().map(|&i| chars[i]).collect();
        assert_eq!(s, "2084959");
    }

    #[test]
    fn a_match_stays_small() {
        // A search keeps one per matching record: 100,000 at the largest sizes. A budget,
        // not a layout: 28 bytes today.
        assert!(std::mem::size_of::<Matched>() <= 32);
    }

    #[test]
    fn text_score_prefers_whole_words() {
        let tip = memmem::Finder::new("tip");
        assert_eq!(text_score(b"tip line", &tip, [3, 2, 1]), Some(3));
        assert_eq!(text_score(b"tipping", &tip, [3, 2, 1]), Some(2));
        assert_eq!(text_score(b"stipend", &tip, [3, 2, 1]), Some(1));
        assert_eq!(text_score(b"none", &tip, [3, 2, 1]), None);
    }

    #[test]
    fn word_masks_agree_with_a_plain_reading() {
        // The branch-free loop against the plain one it replaced, on every string of
        // up to five bytes from letters, digits, a space and punctuation.
        fn plain(folded: &[u8]) -> [u64; 3] {
            let (mut mask, mut starts, mut alone, mut single) = (0u64, 0u64, 0u64, 0u64);
            let mut before_alnum = false;
            for &b in folded {
                let bit = bit_of(b);
                mask |= bit;
                let alnum = b.is_ascii_alphanumeric();
                if alnum {
                    if before_alnum {
                        single = 0;
                    } else {
                        starts |= bit;
                        single = bit;
                    }
                } else {
                    alone |= single;
                    single = 0;
                }
                before_alnum = alnum;
            }
            [mask, starts, alone | single]
        }
        let alphabet = b"ab9 |-\xc3";
        let mut checked = 0;
        for len in 0..=5u32 {
            for n in 0..alphabet.len().pow(len) {
                let mut k = n;
                let text: Vec<u8> = (0..len)
                    .map(|_| {
                        let c = alphabet[k % alphabet.len()];
                        k /= alphabet.len();
                        c
                    })
                    .collect();
                assert_eq!(word_masks(&text), plain(&text), "{text:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, 19_608);
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(word_masks(&all), plain(&all));
    }

    #[test]
    fn letter_masks_score_as_text_score_does() {
        let texts = [
            "",
            "a",
            "tip line",
            "a b c",
            "x-ray 9 to 5, 24/7",
            "law enforcement › training",
            "b2b aa a1 1a",
            " q ",
        ];
        for t in texts {
            let masks = word_masks(t.as_bytes());
            assert_eq!(masks[0], mask_of(t), "{t:?}");
            for c in (b'a'..=b'z').chain(b'0'..=b'9') {
                let needle = [c];
                let finder = memmem::Finder::new(&needle);
                assert_eq!(
                    mask_score(bit_of(c), masks, [3, 2, 1]),
                    text_score(t.as_bytes(), &finder, [3, 2, 1]),
                    "{t:?} {}",
                    char::from(c)
                );
            }
        }
    }

    /// One row per case of the query syntax: (typed, [(word, operator, negated)]).
    #[test]
    fn tokens_follow_the_query_syntax() {
        use Op::{Exact, Fuzzy, Prefix, Suffix, Whole};
        type Row = (&'static str, &'static [(&'static str, Op, bool)]);
        let table: &[Row] = &[
            ("tip line", &[("tip", Fuzzy, false), ("line", Fuzzy, false)]),
            (
                "tip line?",
                &[("tip", Fuzzy, false), ("line", Fuzzy, false)],
            ),
            ("help!", &[("help", Fuzzy, false)]),
            (
                "report it !",
                &[("report", Fuzzy, false), ("it", Fuzzy, false)],
            ),
            ("¿ayuda?", &[("ayuda", Fuzzy, false)]),
            ("¡ayuda!", &[("ayuda", Fuzzy, false)]),
            ("¿Dónde?", &[("Dónde", Fuzzy, false)]),
            (
                "\"tip\", (line)",
                &[("tip", Fuzzy, false), ("line", Fuzzy, false)],
            ),
            ("tip,line", &[("tip", Fuzzy, false), ("line", Fuzzy, false)]),
            ("24/7", &[("24/7", Fuzzy, false)]),
            ("x-ray", &[("x-ray", Fuzzy, false)]),
            ("it's", &[("it's", Fuzzy, false)]),
            ("1,000", &[("1,000", Fuzzy, false)]),
            ("9:00", &[("9:00", Fuzzy, false)]),
            ("h.e.a.t.", &[("h.e.a.t", Fuzzy, false)]),
            ("83%", &[("83", Fuzzy, false)]),
            ("'tip", &[("tip", Exact, false)]),
            ("^nat", &[("nat", Prefix, false)]),
            ("tip$", &[("tip", Suffix, false)]),
            ("^tip$", &[("tip", Whole, false)]),
            ("!police", &[("police", Fuzzy, true)]),
            ("!'police", &[("police", Exact, true)]),
            ("!^pol", &[("pol", Prefix, true)]),
            ("!", &[]),
            ("?", &[]),
            ("! ?", &[]),
            ("!!help", &[("help", Fuzzy, false)]),
            ("help!!", &[("help", Fuzzy, false)]),
            ("'", &[]),
            ("^", &[]),
            ("$", &[]),
            ("$5", &[("5", Fuzzy, false)]),
            ("a$b", &[("a", Fuzzy, false), ("b", Fuzzy, false)]),
            ("'tip'", &[("tip", Exact, false)]),
            ("(510)", &[("510", Fuzzy, false)]),
            (
                "tip?!line",
                &[("tip", Fuzzy, false), ("line", Fuzzy, false)],
            ),
        ];
        for (typed, want) in table {
            let got: Vec<(String, Op, bool)> = tokens(typed)
                .into_iter()
                .map(|t| (t.text, t.op, t.negated))
                .collect();
            let want: Vec<(String, Op, bool)> = want
                .iter()
                .map(|&(w, op, n)| (w.to_owned(), op, n))
                .collect();
            assert_eq!(got, want, "{typed:?}");
        }
    }

    #[test]
    fn folded_words_lose_edge_punctuation_and_keep_help_flags() {
        let q = Query::parse("¿Número? ¡AYUDA! he");
        let words: Vec<(&str, bool, bool)> = q
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.help, w.any_hotline))
            .collect();
        assert_eq!(
            words,
            [
                ("numero", true, true),
                ("ayuda", true, true),
                ("he", false, true)
            ]
        );
        assert!(q.calls_for_help);
        assert!(!Query::parse("!help").calls_for_help);
        assert!(!Query::parse("'help").words.iter().any(|w| w.help));
    }

    #[test]
    fn plausible_matches_stay_in_a_word_or_a_short_span() {
        // Inside one word, however far apart.
        assert!(plausible(b"trafficking", b"trfkg"));
        assert!(plausible(b"the national hotline", b"hotlne"));
        // Across a space, within the word's length and SPAN_SLACK.
        assert!(plausible(b"tip line", b"tipline"));
        // Scattered across a long text: no.
        assert!(!plausible(b"what is heat watch?", b"xyzq"));
        assert!(!plausible(b"what is heat watch?", b"wtchwht"));
        assert!(!plausible(
            b"83% of confirmed sex-trafficking victims were american",
            b"deaf"
        ));
        assert!(!plausible(b"", b"a"));
        assert!(!plausible(b"abc", b""));
        // The shortest span from each start counts, not the first start only.
        assert!(plausible(b"l e g a l  legal", b"legal"));
        // Positions of the match, for highlighting.
        assert_eq!(plausible_positions(b"a hotline", b"htl"), vec![2, 4, 5]);
        assert!(plausible_positions(b"h o t l", b"hotl").len() == 4);
        assert!(plausible_positions(b"h   o   t   l", b"hotl").is_empty());
    }

    #[test]
    fn a_word_that_matches_keeps_matching_when_cut_short() {
        // What narrowing while typing relies on.
        let texts: [&[u8]; 4] = [
            b"the national human trafficking hotline",
            b"tip line 24/7 h.e.a.t. watch",
            b"a b c d e f g h",
            b"legal aid clinic of oakland",
        ];
        for t in texts {
            for w in ["hotlne", "tiplin", "abcde", "legalaid", "nationl", "kland"] {
                let w = w.as_bytes();
                for n in 1..w.len() {
                    if plausible(t, w) {
                        assert!(plausible(t, &w[..n]), "{t:?} {w:?} {n}");
                    }
                }
            }
        }
    }

    #[test]
    fn operators_constrain_where_a_word_occurs() {
        let tip = memmem::Finder::new("tip");
        let s = [3, 2, 1];
        assert_eq!(text_score_op(b"stipend", &tip, s, Op::Prefix), None);
        assert_eq!(text_score_op(b"tipping", &tip, s, Op::Prefix), Some(2));
        assert_eq!(text_score_op(b"tipping", &tip, s, Op::Suffix), None);
        assert_eq!(text_score_op(b"a stip", &tip, s, Op::Suffix), Some(1));
        assert_eq!(text_score_op(b"tip line", &tip, s, Op::Whole), Some(3));
        assert_eq!(text_score_op(b"tips", &tip, s, Op::Whole), None);
    }

    #[test]
    fn query_detects_phone_numbers() {
        assert!(Query::parse("(888) 373").phone_digits.is_some());
        assert!(Query::parse("208-4959").phone_digits.is_some());
        assert!(Query::parse("83").phone_digits.is_none());
        assert!(Query::parse("tip 373").phone_digits.is_none());
    }
}
