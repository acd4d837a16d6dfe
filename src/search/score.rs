//! Scoring a record against a query: each word in each field, fuzzy titles, phone
//! numbers, and the bonus of the lines that give help.

use super::*;

/// Whether the fuzzy matcher's score is computed at once ([`Fuzzy::Exact`]) or left
/// as a range for later ([`Fuzzy::Bound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fuzzy {
    Exact,
    Bound,
}

/// The lowest and highest scores of scattered letters in a title (see
/// [`SearchIndex::word_score`]).
/// Below a whole word anywhere (300, in the body): a whole word outranks every fuzzy
/// match.
pub(super) const TITLE_FUZZY_MIN: i64 = 120;

pub(super) const TITLE_FUZZY_MAX: i64 = 290;

/// The score of every phone number match.
pub(super) const PHONE_SCORE: i64 = 5_000;

impl SearchIndex {
    /// The scores of an entry for a query (every word's but the last's, the last
    /// word's, the total with the phrase bonus), or `None` if some word does not match.
    /// `prev` is the entry's scores for the previous query, reused as `reuse` says.
    /// With [`Fuzzy::Bound`], fuzzy scores of titles are left as ranges (see
    /// [`Matched`]).
    pub(super) fn score(
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
    pub(super) fn word_score(
        &self,
        e: &Entry,
        w: &Word,
        may: u8,
        fuzzy: Fuzzy,
    ) -> Option<(i64, u32, u8)> {
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
    pub(super) fn contains(&self, e: &Entry, w: &Word) -> bool {
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
    pub(super) fn letter_score(e: &Entry, bit: u64, may: u8) -> Option<(i64, u32, u8)> {
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
    pub(super) fn fuzzy(&self, text: &[u8], w: &str) -> Option<i64> {
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
