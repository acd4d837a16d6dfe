//! Search across the whole directory: the one place that knows about the matcher.
//!
//! The index keeps, for every record, an ASCII-folded copy of its title, tags and body
//! (original text stays in the directory for display), the digits of its phone numbers,
//! and a mask of the characters it contains. A query is split into words, as in fzf;
//! every word must match somewhere, and the record's score is the sum of its words'
//! scores. Title matches weigh most, then tags and synonyms, then body text; whole-word
//! matches beat prefixes, which beat substrings, which beat scattered letters.
//!
//! Speed at 100,000 entries comes from: the character-mask prefilter; narrowing the
//! previous result set when a query only grows; plain substring checks before the fuzzy
//! matcher; skipping the body when the title or tags already matched; top-k selection
//! instead of a full sort; both cores above a size threshold; and highlight positions
//! computed only for the rows on screen ([`highlight`]).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::directory::{Directory, RecordRef};

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

/// Bit mask of the characters in folded text: a–z, 0–9, and one bit for anything else.
fn mask_of(folded: &str) -> u64 {
    folded.bytes().fold(0u64, |m, b| {
        m | match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            b'0'..=b'9' => 1 << (26 + b - b'0'),
            b' ' => 0,
            _ => 1 << 36,
        }
    })
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

/// One searchable record.
#[derive(Debug)]
struct Entry {
    record: RecordRef,
    role: Option<usize>,
    /// Kind rank for ties: hotlines first, then roles, actions, the rest.
    rank: u8,
    title: String,
    tags: String,
    body: String,
    /// Digits of every phone number, numbers separated by '|'.
    digits: String,
    mask: u64,
}

/// A ranked search result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The record.
    pub record: RecordRef,
    /// Its score: higher is better.
    pub score: i64,
}

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
    /// Index positions of every match, to narrow the next, longer query.
    matched: Vec<u32>,
    /// Whether the query was a phone number search.
    phone: bool,
}

/// A query split into words.
#[derive(Debug)]
struct Query {
    /// The whole query, folded and with single spaces.
    phrase: String,
    words: Vec<Word>,
    /// Digits of the query when the whole query is written like a phone number.
    phone_digits: Option<String>,
}

#[derive(Debug)]
struct Word {
    text: String,
    mask: u64,
}

impl Query {
    fn parse(query: &str) -> Self {
        let folded = fold(query);
        let words: Vec<Word> = folded
            .split_whitespace()
            .map(|w| Word {
                text: w.to_owned(),
                mask: mask_of(w),
            })
            .collect();
        let phrase = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let phone_like = query
            .chars()
            .all(|c| c.is_ascii_digit() || " ()-.+/".contains(c));
        let phone_digits = (phone_like && digits.len() >= PHONE_QUERY_DIGITS).then_some(digits);
        Self {
            phrase,
            words,
            phone_digits,
        }
    }
}

/// The search index over one directory.
pub struct SearchIndex {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

fn join_folded<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&fold(p));
    }
    out
}

fn phone_digits<'a>(numbers: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for n in numbers {
        if !out.is_empty() {
            out.push('|');
        }
        out.extend(n.chars().filter(char::is_ascii_digit));
    }
    out
}

impl SearchIndex {
    /// Builds the index of a directory.
    #[must_use]
    pub fn build(dir: &Directory) -> Self {
        let entries = dir
            .records()
            .into_par_iter()
            .filter_map(|r| entry_for(dir, r))
            .collect();
        Self {
            entries,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Builds the index of a directory whose texts also exist in other languages (the
    /// same directory read in them): a query in any of them finds the record, and the
    /// directory's own language ranks first (other languages count as tags and body).
    #[must_use]
    pub fn build_with(dir: &Directory, others: &[&Directory]) -> Self {
        let mut index = Self::build(dir);
        for other in others {
            let extra = Self::build(other);
            if extra.entries.len() != index.entries.len() {
                continue;
            }
            for (e, x) in index.entries.iter_mut().zip(extra.entries) {
                if e.record != x.record {
                    continue;
                }
                e.tags = format!("{} {} {}", e.tags, x.title, x.tags);
                e.body = format!("{} {}", e.body, x.body);
                e.mask |= x.mask;
            }
        }
        index
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
            let r = self.run(&ask, true, |e| {
                e.digits.contains(digits.as_str()).then_some(5_000)
            });
            if r.total > 0 {
                return r;
            }
        }
        self.run(&ask, false, |e| self.score(e, &q))
    }

    fn run(
        &self,
        ask: &Ask<'_>,
        phone: bool,
        score: impl Fn(&Entry) -> Option<i64> + Sync,
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
            Scope::Role(r) => e.role == Some(r),
        };
        let narrowed = previous.filter(|p| {
            p.scope == scope
                && p.phone == phone
                && !p.query.trim().is_empty()
                && query.starts_with(p.query.as_str())
        });
        let eval = |i: u32| -> Option<(u32, i64)> {
            let e = self.entries.get(i as usize)?;
            if !in_scope(e) || keep.is_some_and(|k| !k(e.record)) {
                return None;
            }
            score(e).map(|s| (i, s))
        };
        let mut scored: Vec<(u32, i64)> = match narrowed {
            Some(p) if p.matched.len() < PARALLEL_THRESHOLD => {
                p.matched.iter().filter_map(|&i| eval(i)).collect()
            }
            Some(p) => p.matched.par_iter().filter_map(|&i| eval(i)).collect(),
            None => {
                let n = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
                if self.entries.len() < PARALLEL_THRESHOLD {
                    (0..n).filter_map(eval).collect()
                } else {
                    (0..n).into_par_iter().filter_map(eval).collect()
                }
            }
        };
        let total = scored.len();
        let mut matched: Vec<u32> = scored.iter().map(|&(i, _)| i).collect();
        matched.sort_unstable();
        let better = |a: &(u32, i64), b: &(u32, i64)| {
            let ra = self.entries.get(a.0 as usize).map_or(u8::MAX, |e| e.rank);
            let rb = self.entries.get(b.0 as usize).map_or(u8::MAX, |e| e.rank);
            b.1.cmp(&a.1).then(ra.cmp(&rb)).then(a.0.cmp(&b.0))
        };
        if limit > 0 && scored.len() > limit {
            scored.select_nth_unstable_by(limit - 1, better);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(better);
        scored.truncate(limit);
        let hits = scored
            .into_iter()
            .filter_map(|(i, score)| {
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
            matched,
            phone,
        }
    }

    /// The score of an entry for a query, or `None` if some word does not match.
    fn score(&self, e: &Entry, q: &Query) -> Option<i64> {
        let mut total = 0i64;
        for w in &q.words {
            if w.mask & !e.mask != 0 {
                return None;
            }
            total += self.word_score(e, &w.text)?;
        }
        if q.words.len() > 1 {
            if e.title == q.phrase {
                total += 2_000;
            } else if contains_word(&e.title, &q.phrase) {
                total += 1_000;
            } else if contains_word(&e.tags, &q.phrase) {
                total += 800;
            }
        } else if e.title == q.phrase {
            total += 500;
        }
        Some(total)
    }

    fn word_score(&self, e: &Entry, w: &str) -> Option<i64> {
        let title = text_score(&e.title, w, [1_000, 700, 400])
            .or_else(|| self.fuzzy(&e.title, w).map(|s| 150 + s.clamp(0, 200)));
        // Scattered letters in tags and body only count as a match with a flat score:
        // the matcher's score barely ranks there, and it was two thirds of the time a
        // keystroke took at 100,000 entries.
        let tags = text_score(&e.tags, w, [800, 550, 250])
            .or_else(|| scattered(&e.tags, w).then_some(100));
        if title.is_some() || tags.is_some() {
            return title.max(tags);
        }
        text_score(&e.body, w, [300, 200, 100]).or_else(|| scattered(&e.body, w).then_some(10))
    }

    /// A fuzzy score for scattered letters. Words of one or two letters are only
    /// checked as a subsequence (the matcher's score says little about them, and the
    /// check is much cheaper), so that matching stays monotonic as a word grows.
    fn fuzzy(&self, text: &str, w: &str) -> Option<i64> {
        if text.is_empty() || !is_subsequence(text.as_bytes(), w.as_bytes()) {
            return None;
        }
        if w.len() <= 2 {
            return Some(0);
        }
        // The matcher agrees with the subsequence check, so a match is certain; its
        // score only ranks.
        Some(self.matcher.fuzzy_match(text, w).unwrap_or(0))
    }
}

/// Whether the letters of `w` occur in `text` in order (a subsequence).
fn scattered(text: &str, w: &str) -> bool {
    !text.is_empty() && is_subsequence(text.as_bytes(), w.as_bytes())
}

/// Whether every byte of `needle` occurs in `hay` in order.
fn is_subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|b| it.any(|h| h == b))
}

/// Scores a plain (non-fuzzy) occurrence of `w` in `text`: whole word, word prefix, or
/// anywhere, with the given scores, or `None`.
fn text_score(text: &str, w: &str, [whole, prefix, inside]: [i64; 3]) -> Option<i64> {
    let mut best: Option<i64> = None;
    for (at, _) in text.match_indices(w) {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + w.len()..).and_then(|t| t.chars().next());
        let starts = before.is_none_or(|c| !c.is_ascii_alphanumeric());
        let ends = after.is_none_or(|c| !c.is_ascii_alphanumeric());
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

/// Whether `phrase` occurs in `text` as whole words.
fn contains_word(text: &str, phrase: &str) -> bool {
    text_score(text, phrase, [1, 0, 0]) == Some(1)
}

fn entry_for(dir: &Directory, r: RecordRef) -> Option<Entry> {
    let title = fold(&dir.path_title(r));
    let (role, rank, tags, body, digits) = match r {
        RecordRef::Hotline(i) => {
            let h = dir.hotlines.get(i)?;
            let numbers = [Some(&h.phone), h.text.as_ref(), h.tty.as_ref()];
            let mut tags: Vec<&str> = h.tags.iter().map(String::as_str).collect();
            tags.push(&h.short_name);
            let mut body = vec![h.purpose.as_str()];
            body.extend(h.operator.as_deref());
            body.extend(h.hours.as_deref());
            body.extend(h.languages.iter().map(String::as_str));
            body.extend(h.notes.iter().map(String::as_str));
            body.extend(numbers.iter().flatten().map(|p| p.number.as_str()));
            (
                None,
                0,
                join_folded(tags),
                join_folded(body),
                phone_digits(numbers.iter().flatten().map(|p| p.number.as_str())),
            )
        }
        RecordRef::Role(i) => {
            let role = dir.roles.get(i)?;
            let body = role.actions.iter().map(|a| a.title.as_str());
            (
                Some(i),
                1,
                join_folded(role.tags.iter().map(String::as_str)),
                join_folded(std::iter::once(role.summary.as_str()).chain(body)),
                String::new(),
            )
        }
        RecordRef::Action(ri, ai) => {
            let role = dir.roles.get(ri)?;
            let a = role.actions.get(ai)?;
            let mut body = vec![a.summary.as_str()];
            body.extend(a.next_steps.iter().map(String::as_str));
            let related = a.hotlines.iter().filter_map(|&h| dir.hotlines.get(h));
            (
                Some(ri),
                2,
                join_folded(
                    a.tags
                        .iter()
                        .chain(role.tags.iter().take(1))
                        .map(String::as_str),
                ),
                join_folded(body.into_iter().chain(related.map(|h| h.name.as_str()))),
                String::new(),
            )
        }
        RecordRef::Program => {
            let p = dir.program.as_ref()?;
            let mut body = vec![p.summary.as_str()];
            body.extend(p.people.iter().map(String::as_str));
            (
                None,
                3,
                join_folded(p.tags.iter().map(String::as_str)),
                join_folded(body),
                String::new(),
            )
        }
        RecordRef::Strategy(i) => {
            let s = dir.program.as_ref()?.strategy.get(i)?;
            (None, 3, String::new(), fold(&s.text), String::new())
        }
        RecordRef::Endorsement(i) => {
            let e = dir.program.as_ref()?.endorsements.get(i)?;
            let body = [
                e.quote.as_str(),
                e.speaker_title.as_deref().unwrap_or_default(),
            ];
            (None, 3, String::new(), join_folded(body), String::new())
        }
        RecordRef::Fact(i) => {
            let f = dir.facts.get(i)?;
            (
                None,
                3,
                join_folded(f.tags.iter().map(String::as_str)),
                fold(&f.text),
                String::new(),
            )
        }
        RecordRef::Event(i) => {
            let e = dir.events.as_ref()?.get(i)?;
            (None, 3, String::new(), fold(&e.text), String::new())
        }
        RecordRef::Service(i) => {
            let s = dir.services.get(i)?;
            let mut tags: Vec<&str> = s.tags.iter().map(String::as_str).collect();
            tags.extend(s.area.as_deref());
            tags.extend(s.organization.as_deref());
            tags.extend(s.languages.iter().map(String::as_str));
            let mut body = vec![s.description.as_str()];
            body.extend(s.address.as_deref());
            body.extend(s.hours.as_deref());
            body.extend(s.phones.iter().map(|p| p.phone.number.as_str()));
            (
                None,
                4,
                join_folded(tags),
                join_folded(body),
                phone_digits(s.phones.iter().map(|p| p.phone.number.as_str())),
            )
        }
    };
    let mask = mask_of(&title) | mask_of(&tags) | mask_of(&body);
    Some(Entry {
        record: r,
        role,
        rank,
        title,
        tags,
        body,
        digits,
        mask,
    })
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
    let matcher = SkimMatcherV2::default().ignore_case();
    for w in &q.words {
        // Prefer a plain occurrence, as the ranking does; fall back to fuzzy positions.
        let positions: Vec<usize> = match folded.find(w.text.as_str()) {
            Some(at) => (at..at + w.text.len()).collect(),
            None => matcher
                .fuzzy_indices(&folded, &w.text)
                .map(|(_, p)| p)
                .unwrap_or_default(),
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
    fn text_score_prefers_whole_words() {
        assert_eq!(text_score("tip line", "tip", [3, 2, 1]), Some(3));
        assert_eq!(text_score("tipping", "tip", [3, 2, 1]), Some(2));
        assert_eq!(text_score("stipend", "tip", [3, 2, 1]), Some(1));
        assert_eq!(text_score("none", "tip", [3, 2, 1]), None);
    }

    #[test]
    fn query_detects_phone_numbers() {
        assert!(Query::parse("(888) 373").phone_digits.is_some());
        assert!(Query::parse("208-4959").phone_digits.is_some());
        assert!(Query::parse("83").phone_digits.is_none());
        assert!(Query::parse("tip 373").phone_digits.is_none());
    }
}
