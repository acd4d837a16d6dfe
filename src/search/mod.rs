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

mod build;
mod fold;
pub mod index_file;
mod masks;
mod query;
mod score;
mod text;

use build::*;
use fold::*;
pub use fold::{fold, fold_with_map, highlight};
use masks::*;
use query::*;
pub use query::{GENERIC_HELP, HOTLINE_HELP};
use score::*;
use text::*;

/// Above this many candidates, scoring runs on every core.
const PARALLEL_THRESHOLD: usize = 4_096;

/// The fewest digits that make a query a phone number search.
const PHONE_QUERY_DIGITS: usize = 3;

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
#[derive(Debug, Clone)]
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

/// Bits of [`Matched::fields`]: which fields may match the last word.
const MAY_TITLE: u8 = 1;
const MAY_TAGS: u8 = 2;

/// The search index over one directory.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// The entries' folded texts, one after another, in arenas of [`BUILD_CHUNK`]
    /// records each (see [`Entry`]): built on all cores, and kept as built, without
    /// copying them into one. An arena of services that read the same in two languages
    /// is shared by the two languages' indexes ([`SearchIndex::build_beside`]).
    arenas: Vec<Arc<str>>,
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

impl SearchIndex {
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
