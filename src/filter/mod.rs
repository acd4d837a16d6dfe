//! Narrowing a directory: filters by language, area, phone type and "open now".
//!
//! Filters apply to contact records, hotlines and services. When any filter is active,
//! other records (roles, action items, facts, the program, its strategy points and
//! endorsements, events) are not accepted; with no filter, every record is.
//!
//! - **language**: the record's `languages` mention the language, compared folded (case
//!   and accents ignored). A code (`es`), an English name (`Spanish`) or the language's
//!   own name (`español`) all find the same records, through a small table of the
//!   languages most spoken in the United States (and a few more); a record may state the
//!   language by name, by code (`es`, `es-MX`, `spa`) or by its own name. Anything else
//!   matches as a folded substring of a stated language. A record that states no
//!   languages does not match: nothing is assumed, not even English.
//! - **area**: a folded substring of a service's `area` or `address`; a service with
//!   neither does not pass. A hotline with no area (a national line) passes an area
//!   filter; one with an area (a county's line) passes when its area matches.
//! - **phone**: [`PhoneNeed::Text`] keeps hotlines with a `text` line and services with a
//!   phone of kind `text`; [`PhoneNeed::Tty`] keeps hotlines with a `tty` line and
//!   services with a phone of kind `tty`.
//! - **open now**: only records whose `schedule` says they are open at the given instant,
//!   in the time zone of the file they came from ([`openness`]). No schedule, or no time
//!   zone, is [`Openness::Unknown`], which is not accepted. The free-text `hours` are
//!   never read: they are for people.
//!
//! **Emergency lines** (`"emergency": true`) pass every filter and count as open now:
//! no filter ever hides the emergency number.
//!
//! Filter values are text a person typed: any string is safe here (nothing panics, and
//! nothing is interpreted as a pattern). A value that is blank after folding is no filter.

mod languages;

use languages::*;

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Weekday;

use crate::directory::sanitize::clean;
use crate::directory::{Directory, OpeningRule, PhoneKind, RecordRef, Schedule, Shared};
use crate::search::fold;

/// A kind of line a person needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneNeed {
    /// A line that takes text messages (SMS).
    Text,
    /// A TTY (textphone) or relay line.
    Tty,
}

impl PhoneNeed {
    /// The name used on the command line: `text` or `tty`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Tty => "tty",
        }
    }
}

impl fmt::Display for PhoneNeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value is not a kind of line: it says which ones there are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the phone type must be \"text\" (SMS) or \"tty\" (textphone, relay)")]
pub struct UnknownPhoneNeed;

impl FromStr for PhoneNeed {
    type Err = UnknownPhoneNeed;

    /// `text` (or `sms`), `tty` (or `textphone`, `relay`), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "sms" => Ok(Self::Text),
            "tty" | "textphone" | "relay" => Ok(Self::Tty),
            _ => Err(UnknownPhoneNeed),
        }
    }
}

/// The filters in force. The default is no filter at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// A language the record must state (code, English name or own name).
    pub language: Option<String>,
    /// Text the service's area or address must contain.
    pub area: Option<String>,
    /// A kind of line the record must have.
    pub phone: Option<PhoneNeed>,
    /// Only records that are open at the instant given.
    pub open_now: bool,
}

/// One filter a record fails (see [`Filters::failures`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// It does not state the language.
    Language,
    /// It is a service, or a hotline with an area, not in the area (a hotline with no
    /// area passes).
    Area,
    /// It has no line of the kind asked for.
    Phone,
    /// Its schedule does not say it is open now (closed, or unknown).
    OpenNow,
}

impl Filters {
    /// Whether no filter is active. A language or area that is blank after folding is
    /// no filter.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.language().is_none() && self.area().is_none() && self.phone.is_none() && !self.open_now
    }

    /// Whether the record passes every active filter at `now`.
    #[must_use]
    pub fn accepts(&self, dir: &Directory, r: RecordRef, now: Timestamp) -> bool {
        self.prepared(None).accepts(dir, r, now)
    }

    /// The filters with their values folded, the language table looked up once, and the
    /// languages and areas the records of `dir` state judged once each, to judge many
    /// records of `dir`: what the app's lists and searches use.
    #[must_use]
    pub fn prepare(&self, dir: &Directory) -> Prepared {
        self.prepared(Some(dir))
    }

    fn prepared(&self, dir: Option<&Directory>) -> Prepared {
        let language = self.language();
        let known = language.as_deref().map(known_languages).unwrap_or_default();
        let area = self.area();
        let mut languages = Verdicts::default();
        let mut areas = Verdicts::default();
        if let Some(dir) = dir {
            // A file repeats a few dozen languages and areas over thousands of records:
            // each is folded and judged once here, not once per record.
            if let Some(query) = &language {
                let stated = dir
                    .hotlines
                    .iter()
                    .flat_map(|h| &h.languages)
                    .chain(dir.services.iter().flat_map(|s| &s.languages));
                for l in stated {
                    if !languages.contains_key(l.as_str()) {
                        let pass = stated_language_matches(std::slice::from_ref(l), query, &known);
                        languages.insert(l.clone(), pass);
                    }
                }
            }
            if let Some(query) = &area {
                for a in dir.services.iter().filter_map(|s| s.area.as_ref()) {
                    if !areas.contains_key(a.as_str()) {
                        areas.insert(a.clone(), text_in_area(a, query));
                    }
                }
            }
        }
        Prepared {
            language,
            known,
            area,
            phone: self.phone,
            open_now: self.open_now,
            languages,
            areas,
        }
    }

    /// Which of the filters this record fails, for tests and explanations (may be empty).
    /// A record that is not a hotline or a service fails every active filter.
    #[must_use]
    pub fn failures(&self, dir: &Directory, r: RecordRef, now: Timestamp) -> Vec<Failure> {
        let mut out = Vec::new();
        let contact = Contact::of(dir, r);
        if contact.is_some_and(Contact::is_emergency) {
            return out;
        }
        if let Some(query) = self.language() {
            let ok = contact.is_some_and(|c| language_matches(c.languages(), &query));
            if !ok {
                out.push(Failure::Language);
            }
        }
        if let Some(query) = self.area() {
            let ok = contact.is_some_and(|c| c.in_area(&query));
            if !ok {
                out.push(Failure::Area);
            }
        }
        if let Some(need) = self.phone {
            let ok = contact.is_some_and(|c| c.has_line(need));
            if !ok {
                out.push(Failure::Phone);
            }
        }
        if self.open_now && openness(dir, r, now) != Openness::Open {
            out.push(Failure::OpenNow);
        }
        out
    }

    /// The language filter, folded and trimmed; `None` when blank.
    fn language(&self) -> Option<String> {
        folded(self.language.as_deref())
    }

    /// The area filter, folded and trimmed; `None` when blank.
    fn area(&self) -> Option<String> {
        folded(self.area.as_deref())
    }
}

/// [`Filters`] ready to judge many records (see [`Filters::prepare`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    language: Option<String>,
    known: Vec<&'static Language>,
    area: Option<String>,
    phone: Option<PhoneNeed>,
    open_now: bool,
    /// Whether each language the records state passes (see [`Filters::prepare`]).
    languages: Verdicts,
    /// Whether each area the services state passes.
    areas: Verdicts,
}

impl Prepared {
    /// Whether no filter is active.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.language.is_none() && self.area.is_none() && self.phone.is_none() && !self.open_now
    }

    /// Whether the record passes every active filter at `now`: the same answer as
    /// [`Filters::accepts`], without the work that does not depend on the record.
    #[must_use]
    pub fn accepts(&self, dir: &Directory, r: RecordRef, now: Timestamp) -> bool {
        if self.is_empty() {
            return true;
        }
        let Some(contact) = Contact::of(dir, r) else {
            return false;
        };
        if contact.is_emergency() {
            return true;
        }
        if let Some(need) = self.phone
            && !contact.has_line(need)
        {
            return false;
        }
        if let Some(query) = &self.language
            && !contact.languages().iter().any(|stated| {
                self.languages
                    .get(stated.as_str())
                    .copied()
                    .unwrap_or_else(|| {
                        stated_language_matches(std::slice::from_ref(stated), query, &self.known)
                    })
            })
        {
            return false;
        }
        if let Some(query) = &self.area {
            let in_area = match contact {
                Contact::Hotline(h) => h.area.as_deref().is_none_or(|a| text_in_area(a, query)),
                Contact::Service(s) => {
                    s.area.as_ref().is_some_and(|area| {
                        self.areas
                            .get(area.as_str())
                            .copied()
                            .unwrap_or_else(|| text_in_area(area, query))
                    }) || s.address.as_deref().is_some_and(|a| text_in_area(a, query))
                }
            };
            if !in_area {
                return false;
            }
        }
        !self.open_now || openness(dir, r, now) == Openness::Open
    }
}

/// Whether each of the texts many records share passes a filter.
type Verdicts = HashMap<Shared, bool, foldhash::fast::RandomState>;

/// Whether a service's area or address text contains the (folded) area filter.
fn text_in_area(text: &str, query: &str) -> bool {
    squash(fold(text)).contains(query)
}

fn folded(s: Option<&str>) -> Option<String> {
    let f = fold(&clean(s?));
    let t = f.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// A hotline or a service.
#[derive(Clone, Copy)]
enum Contact<'a> {
    Hotline(&'a crate::directory::Hotline),
    Service(&'a crate::directory::Service),
}

impl<'a> Contact<'a> {
    fn of(dir: &'a Directory, r: RecordRef) -> Option<Self> {
        match r {
            RecordRef::Hotline(i) => dir.hotlines.get(i).map(Self::Hotline),
            RecordRef::Service(i) => dir.services.get(i).map(|s| Self::Service(s)),
            _ => None,
        }
    }

    fn languages(self) -> &'a [Shared] {
        match self {
            Self::Hotline(h) => &h.languages,
            Self::Service(s) => &s.languages,
        }
    }

    fn schedule(self) -> Option<&'a Schedule> {
        match self {
            Self::Hotline(h) => h.schedule.as_deref(),
            Self::Service(s) => s.schedule.as_deref(),
        }
    }

    /// An emergency line: passes every filter.
    fn is_emergency(self) -> bool {
        matches!(self, Self::Hotline(h) if h.emergency)
    }

    fn in_area(self, query: &str) -> bool {
        match self {
            Self::Hotline(h) => h.area.as_deref().is_none_or(|a| text_in_area(a, query)),
            Self::Service(s) => s
                .area
                .as_deref()
                .into_iter()
                .chain(s.address.as_deref())
                .any(|text| text_in_area(text, query)),
        }
    }

    fn has_line(self, need: PhoneNeed) -> bool {
        match (self, need) {
            (Self::Hotline(h), PhoneNeed::Text) => h.text.is_some(),
            (Self::Hotline(h), PhoneNeed::Tty) => h.tty.is_some(),
            (Self::Service(s), need) => {
                let kind = match need {
                    PhoneNeed::Text => PhoneKind::Text,
                    PhoneNeed::Tty => PhoneKind::Tty,
                };
                s.phones.iter().any(|p| p.kind == kind)
            }
        }
    }
}

/// Runs of white space made one space.
fn squash(s: String) -> String {
    // Most stated languages and areas are already single-spaced: keep them as they are.
    let single = !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.as_bytes().windows(2).any(|w| {
            w.first().is_some_and(u8::is_ascii_whitespace)
                && w.get(1).is_some_and(u8::is_ascii_whitespace)
        })
        && !s.chars().any(|c| c.is_whitespace() && c != ' ');
    if single {
        return s;
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// --- languages --------------------------------------------------------------------------

// --- open now ---------------------------------------------------------------------------

/// Whether a record is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    /// Its schedule says it is open.
    Open,
    /// Its schedule says it is closed.
    Closed,
    /// Nobody can tell: no schedule, no time zone, or not a hotline or service.
    Unknown,
}

/// Whether the record is open at `now`, by its `schedule` in the time zone of the file it
/// came from. An emergency line is always [`Openness::Open`]. Hotlines and services
/// without a schedule, schedules of a file without a `time_zone`, and every other record
/// are [`Openness::Unknown`]. The free-text hours are never read.
#[must_use]
pub fn openness(dir: &Directory, r: RecordRef, now: Timestamp) -> Openness {
    if Contact::of(dir, r).is_some_and(Contact::is_emergency) {
        return Openness::Open;
    }
    Contact::of(dir, r)
        .and_then(Contact::schedule)
        .map_or(Openness::Unknown, |s| s.openness_at(now))
}

impl Schedule {
    /// Whether the schedule says open at `now`: the instant is turned into the local
    /// date and wall-clock time of the schedule's time zone, and compared with the
    /// hours as written. So "09:00–17:00" means 9 to 5 on the local clock on every day,
    /// including the days daylight saving time starts and ends; hours that run through
    /// a repeated hour (when clocks go back) are open during both, and a time that is
    /// skipped (when clocks go forward) is passed at the jump. Minutes count: open at
    /// 16:59:59, closed at 17:00.
    #[must_use]
    pub fn openness_at(&self, now: Timestamp) -> Openness {
        // Around the clock is open in every time zone; weekly hours need the zone.
        let hours = match &self.rule {
            OpeningRule::Always => return Openness::Open,
            OpeningRule::Weekly(hours) => hours,
        };
        let Some(tz) = &self.time_zone else {
            return Openness::Unknown;
        };
        let local = tz.to_datetime(now);
        let today = local.weekday();
        let yesterday = today.previous();
        let minute = clock(local.hour(), local.minute());
        let open = hours.iter().any(|h| {
            let on = |d: Weekday| h.days.contains(&d);
            if h.opens < h.closes {
                on(today) && (h.opens..h.closes).contains(&minute)
            } else {
                // Past midnight: from `opens` to the end of the day it starts on, then
                // from midnight to `closes` on the next day.
                (on(today) && minute >= h.opens) || (on(yesterday) && minute < h.closes)
            }
        });
        if open {
            Openness::Open
        } else {
            Openness::Closed
        }
    }
}

/// Minutes after midnight.
fn clock(hour: i8, minute: i8) -> u16 {
    let h = u16::try_from(hour).unwrap_or(0);
    let m = u16::try_from(minute).unwrap_or(0);
    h * 60 + m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_whole_words() {
        assert!(has_word("english and spanish", "spanish"));
        assert!(has_word("spanish (mexico)", "spanish"));
        assert!(!has_word("spanishes", "spanish"));
        assert!(!has_word("", "spanish"));
        assert!(has_word("chinese (mandarin)", "mandarin"));
        assert!(!has_word("9 am to 5 pm", "asl"));
    }

    #[test]
    fn codes_may_carry_a_region() {
        assert!(is_code("es", "es"));
        assert!(is_code("es-mx", "es"));
        assert!(is_code("zh_hant", "zh"));
        assert!(!is_code("est", "es"));
        assert!(!is_code("spanish", "es"));
    }

    #[test]
    fn phone_needs_parse() {
        assert_eq!("TEXT".parse(), Ok(PhoneNeed::Text));
        assert_eq!(" sms ".parse(), Ok(PhoneNeed::Text));
        assert_eq!("relay".parse(), Ok(PhoneNeed::Tty));
        assert_eq!("fax".parse::<PhoneNeed>(), Err(UnknownPhoneNeed));
        assert_eq!(PhoneNeed::Tty.to_string(), "tty");
    }

    #[test]
    fn blank_values_are_no_filter() {
        let f = Filters {
            language: Some("  \u{1b} ".into()),
            area: Some(String::new()),
            ..Filters::default()
        };
        assert!(f.is_empty());
        assert!(
            !Filters {
                open_now: true,
                ..Filters::default()
            }
            .is_empty()
        );
    }
}
