//! The app's state and `update`: pure, free of I/O, so behaviour is tested without a
//! terminal. Views read this state; they never change it.

pub mod hotline_bar;
pub mod layout;

use std::sync::Arc;
use std::time::Duration;

use crate::directory::{Directory, RecordRef, sanitize};
use crate::filter::{Filters, PhoneNeed};
use crate::i18n::app::{EN, Messages};
use crate::search::{Results, Scope, SearchIndex};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;
use layout::Region;

/// How many results a search keeps for display.
pub const RESULT_LIMIT: usize = 50;
/// The longest query accepted (pasted text is cut here).
const MAX_QUERY_CHARS: usize = 200;

/// A section of the sections pane, taken from the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Get help now: the hotlines.
    Hotlines,
    /// An audience role.
    Role(usize),
    /// The program: what it is, strategy, endorsements.
    About,
    /// Facts.
    Facts,
    /// Events.
    Events,
    /// Local services.
    Services,
}

/// A row of the items pane: always a record. An empty list is no row at all: it shows a
/// message instead ([`App::empty_message`]), which nobody can select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A record.
    Record(RecordRef),
}

/// The panes, from the top level down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pane {
    /// Sections.
    Sections,
    /// Items of the selected section.
    Items,
    /// Detail of the selected item.
    Detail,
}

/// Where the person is while browsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nav {
    /// Index into [`App::sections`].
    pub section: usize,
    /// Index into the section's items.
    pub item: usize,
    /// The focused pane.
    pub focus: Pane,
    /// Scroll offset of the detail pane, in lines.
    pub scroll: u16,
}

impl Nav {
    /// The home screen: first section, sections pane focused.
    #[must_use]
    pub const fn home() -> Self {
        Self {
            section: 0,
            item: 0,
            focus: Pane::Sections,
            scroll: 0,
        }
    }
}

/// The search box and its results.
#[derive(Debug, Clone)]
pub struct SearchState {
    /// The query as typed.
    pub query: String,
    /// Where it searches.
    pub scope: Scope,
    /// The role selected when search opened, which Ctrl-T can narrow to.
    pub role: Option<usize>,
    /// The latest results.
    pub results: Results,
    /// The selected result.
    pub selected: usize,
    /// The generation of the latest request; older answers are dropped.
    pub generation: u64,
    /// Whether an answer is still awaited.
    pub pending: bool,
    /// Where the person was, to return on Esc.
    pub saved: Nav,
}

/// Seconds before an idle reset during which a countdown is shown.
pub const COUNTDOWN: Duration = Duration::from_secs(10);

/// The shortest idle reset a kiosk accepts: longer than the countdown, long enough to
/// read a number. A shorter `--idle-reset` is raised to this.
pub const MIN_IDLE_RESET: Duration = Duration::from_secs(30);

/// The most bytes a PIN may have: what the prompt accepts.
pub const PIN_MAX_BYTES: usize = 64;

/// The fewest characters a PIN may have.
pub const PIN_MIN_CHARS: usize = 6;

/// Wrong PINs in a row allowed before each further try must wait.
pub const PIN_FREE_TRIES: u32 = 3;

/// The longest wait between PIN tries.
pub const PIN_MAX_WAIT: Duration = Duration::from_secs(300);

/// The PIN the README's kiosk guide shows as an example: never accepted.
pub const SAMPLE_PIN: &str = "change-me";

/// Why a configured PIN is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Fewer than [`PIN_MIN_CHARS`] characters.
    TooShort,
    /// More than [`PIN_MAX_BYTES`] bytes: it could never be typed in full.
    TooLong,
    /// A character the prompt cannot take (only printable ASCII can be typed on any
    /// keyboard layout a kiosk may have).
    Untypable,
    /// The README's example.
    Sample,
}

impl PinProblem {
    /// In words, in the language of `msg`, for the operator's log.
    #[must_use]
    pub const fn describe(self, msg: &crate::i18n::cli::CliMessages) -> &'static str {
        match self {
            Self::TooShort => msg.pin_too_short,
            Self::TooLong => msg.pin_too_long,
            Self::Untypable => msg.pin_untypable,
            Self::Sample => msg.pin_sample,
        }
    }
}

/// Checks a configured PIN (already trimmed of surrounding spaces).
///
/// # Errors
/// Why the PIN cannot be used.
pub fn check_pin(pin: &str) -> Result<(), PinProblem> {
    if !pin.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(PinProblem::Untypable);
    }
    if pin.len() > PIN_MAX_BYTES {
        return Err(PinProblem::TooLong);
    }
    if pin.chars().count() < PIN_MIN_CHARS {
        return Err(PinProblem::TooShort);
    }
    if pin.eq_ignore_ascii_case(SAMPLE_PIN) {
        return Err(PinProblem::Sample);
    }
    Ok(())
}

/// How long the next PIN try waits after `wrong` wrong ones in a row: nothing for the
/// first [`PIN_FREE_TRIES`], then 1 s, 2 s, 4 s … up to [`PIN_MAX_WAIT`].
#[must_use]
pub fn pin_wait(wrong: u32) -> Duration {
    if wrong < PIN_FREE_TRIES {
        return Duration::ZERO;
    }
    let doublings = (wrong - PIN_FREE_TRIES).min(16);
    Duration::from_secs(1u64 << doublings).min(PIN_MAX_WAIT)
}

/// Compares two PINs in time that does not depend on where they differ.
fn same_pin(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for i in 0..a.len().max(b.len()) {
        diff |= a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// Kiosk mode: for a public terminal.
#[derive(Debug, Clone)]
pub struct Kiosk {
    /// The operator PIN, if one is configured; without one, only a signal from outside
    /// stops the program.
    pub pin: Option<String>,
    /// Reset to the home screen after this long without input.
    pub idle_reset: Duration,
    /// Wrong PINs in a row. Kept in memory only, across idle resets; the right PIN
    /// ends the program, which ends the count.
    pub wrong_in_a_row: u32,
    /// No PIN is checked before this time (the clock's), after too many wrong ones.
    pub locked_until: Duration,
    /// The configured PIN was refused at start (too short, untypable…): Ctrl-O is off
    /// and the screen says so.
    pub pin_refused: bool,
    /// The latest time the clock reported.
    pub now: Duration,
    /// When the last input came.
    pub last_input: Duration,
    /// Why the data could not be used, when it could not: the app then shows only an
    /// error screen with the emergency number.
    pub data_error: Option<String>,
}

impl Kiosk {
    /// A kiosk with this PIN and idle reset.
    #[must_use]
    pub fn new(pin: Option<String>, idle_reset: Duration) -> Self {
        Self {
            pin: pin.filter(|p| !p.is_empty()),
            idle_reset,
            wrong_in_a_row: 0,
            locked_until: Duration::ZERO,
            pin_refused: false,
            now: Duration::ZERO,
            last_input: Duration::ZERO,
            data_error: None,
        }
    }

    /// How long before the reset the countdown shows: 10 seconds, or half the idle time
    /// when that is shorter, so that a short reset still leaves time to use the app.
    #[must_use]
    pub fn countdown_window(&self) -> Duration {
        COUNTDOWN.min(self.idle_reset / 2)
    }

    /// Time left before a PIN can be tried again, if it must wait.
    #[must_use]
    pub fn pin_locked_for(&self) -> Option<Duration> {
        let left = self.locked_until.saturating_sub(self.now);
        (!left.is_zero()).then_some(left)
    }

    /// Time left before the idle reset.
    #[must_use]
    pub fn remaining(&self) -> Duration {
        self.idle_reset
            .saturating_sub(self.now.saturating_sub(self.last_input))
    }
}

/// One language the app can show: its catalogue, the directory read in it, and the
/// index to search it (which also holds the other languages' words).
#[derive(Debug, Clone)]
pub struct Language {
    /// Language code ("en", "es").
    pub code: &'static str,
    /// The interface's strings.
    pub msg: &'static Messages,
    /// The directory, read in this language.
    pub dir: Arc<Directory>,
    /// Its search index.
    pub index: Arc<SearchIndex>,
    /// Whether this language's directory text is a translation nobody has reviewed yet.
    pub unreviewed: bool,
}

/// Something the event loop must do for the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit normally.
    Quit,
    /// Kiosk: clear the screen and scrollback (the state is already back home).
    ClearScreen,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open this http(s) link with the system's opener.
    Open(String),
    /// Clear screen and scrollback, restore the terminal and exit at once.
    QuickExit,
    /// Run a search and answer with [`Action::SearchDone`].
    Search(SearchRequest),
}

/// What an item's list row says (see [`App::row_text`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowText {
    /// Older than the stale threshold: "[old]" goes first.
    pub stale: bool,
    /// Its number carries a caution: "[caution]" goes before the title.
    pub caution: bool,
    /// The title.
    pub main: String,
    /// The number beside it, never cut.
    pub tail: Option<String>,
}

/// A search to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// Generation, echoed back.
    pub generation: u64,
    /// The query.
    pub query: String,
    /// The scope.
    pub scope: Scope,
    /// The filters in force, if any.
    pub filter: Option<FilterSnapshot>,
    /// The index to search: the current language's (`L` switches it).
    pub index: IndexRef,
}

/// A search index shared with the search worker; two are equal when they are the same
/// index.
#[derive(Debug, Clone)]
pub struct IndexRef(pub Arc<SearchIndex>);

impl PartialEq for IndexRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for IndexRef {}

/// The filters of a search, with what they need to judge a record: enough to run the
/// search on another thread.
#[derive(Debug, Clone)]
pub struct FilterSnapshot {
    /// The directory the search index was built from.
    pub dir: Arc<Directory>,
    /// The filters.
    pub filters: Filters,
    /// The instant "open now" refers to.
    pub now: jiff::Timestamp,
}

impl PartialEq for FilterSnapshot {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.dir, &other.dir) && self.filters == other.filters && self.now == other.now
    }
}

impl Eq for FilterSnapshot {}

/// Runs a search request against its index, with its filters.
#[must_use]
pub fn run_request(req: &SearchRequest, previous: Option<&Results>) -> Results {
    let index = &req.index.0;
    match &req.filter {
        Some(f) => {
            let prepared = f.filters.prepare(&f.dir);
            let keep = |r: RecordRef| prepared.accepts(&f.dir, r, f.now);
            index.search_filtered(&req.query, req.scope, RESULT_LIMIT, previous, Some(&keep))
        }
        None => index.search_after(&req.query, req.scope, RESULT_LIMIT, previous),
    }
}

/// The fields of the filter bar, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    /// A language the service states.
    Language,
    /// Text of the service's area or address.
    Area,
    /// A kind of line: any, text, TTY.
    Phone,
    /// Open now, from the data's schedules.
    OpenNow,
}

impl FilterField {
    const ALL: [Self; 4] = [Self::Language, Self::Area, Self::Phone, Self::OpenNow];

    fn step(self, by: isize) -> Self {
        let at = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let n = Self::ALL.len();
        let next = (at + n).saturating_add_signed(by) % n;
        Self::ALL.get(next).copied().unwrap_or(Self::Language)
    }
}

/// Which hotlines and services pass the filters, as indexes into the directory's lists.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// Indexes into `hotlines`.
    pub hotlines: Vec<usize>,
    /// Indexes into `services`.
    pub services: Vec<usize>,
}

/// Adds typed text to a filter's value; the value stays a single clean line.
fn push_filter_text(value: &mut Option<String>, text: &str) {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let v = value.get_or_insert_with(String::new);
    if v.chars().count() < 60 {
        v.extend(clean.chars().take(60));
    }
}

/// What lies over the screen and takes the keys. One at a time: opening one closes
/// another, and closing it returns to the screen under it (browsing or the search box).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The help, scrolled this many lines.
    Help {
        /// Lines scrolled.
        scroll: u16,
    },
    /// The filter bar, with this field focused.
    Filters(FilterField),
    /// The card of a record's numbers (`c`): large digits to show a person.
    Card(RecordRef),
    /// Kiosk: the operator PIN prompt.
    Pin {
        /// What has been typed, never shown.
        typed: String,
        /// The last PIN entered was wrong.
        wrong: bool,
    },
}

/// The whole state of the interactive app.
#[derive(Debug)]
pub struct App {
    /// The loaded directory.
    pub dir: Arc<Directory>,
    /// Its search index.
    pub index: Arc<SearchIndex>,
    /// The interface's strings.
    pub msg: &'static Messages,
    /// Colours and styles.
    pub theme: Theme,
    /// The detail pane's largest scroll offset when last drawn ([`App::drawn`]).
    detail_max_scroll: u16,
    /// The sections, from the data.
    pub sections: Vec<Section>,
    /// Where the person is.
    pub nav: Nav,
    /// What lies over the screen and takes the keys, if anything: help, the filter
    /// bar, the kiosk's PIN prompt. One at a time, so that no two can be open at once.
    pub overlay: Option<Overlay>,
    /// The search box, when open.
    pub search: Option<SearchState>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Kiosk mode, when on.
    pub kiosk: Option<Kiosk>,
    /// The languages the app can switch between (`L`); empty means only the one loaded.
    pub languages: Vec<Language>,
    /// Index of the current language in `languages`.
    pub language: usize,
    /// The language the app started in (kiosk resets return to it).
    pub start_language: usize,
    /// A one-line message for the footer, until the next input.
    pub status: Option<String>,
    /// QR modules of every hotline's `tel:` and `sms:` link, encoded once.
    pub qr: std::collections::HashMap<String, Vec<Vec<bool>>>,
    /// The wall clock, as the event loop last reported it ([`Action::Clock`]): for
    /// "verified N days ago" and the "open now" filter. A new app starts at midnight
    /// (UTC) of the data's as-of date, so that screens never depend on when they are drawn.
    pub now: jiff::Timestamp,
    /// Today's date (UTC) at [`App::now`].
    pub today: jiff::civil::Date,
    /// Records whose latest date is older than this many days are marked as old.
    pub stale_days: u32,
    /// The filters in force (the filter bar, `f`).
    pub filters: Filters,
    /// The hotlines and services the filters let through, when any filter is on.
    pub shown: Option<Shown>,
    next_generation: u64,
}

impl App {
    /// A new app over a directory, at the home screen.
    #[must_use]
    pub fn new(dir: Arc<Directory>, index: Arc<SearchIndex>, theme: Theme) -> Self {
        let sections = sections_of(&dir);
        let dir_retrieved = dir.meta.retrieved;
        let qr = dir
            .hotlines
            .iter()
            .flat_map(|h| {
                [
                    h.phone.uri.as_ref(),
                    h.text.as_ref().and_then(|t| t.uri.as_ref()),
                ]
            })
            .flatten()
            .filter_map(|uri| crate::render::qr::modules(uri).map(|m| (uri.clone(), m)))
            .collect();
        Self {
            languages: Vec::new(),
            language: 0,
            start_language: 0,
            status: None,
            qr,
            dir,
            index,
            msg: &EN,
            theme,
            detail_max_scroll: u16::MAX,
            sections,
            nav: Nav::home(),
            overlay: None,
            search: None,
            size: (80, 24),
            kiosk: None,
            now: crate::clock::midnight_utc(dir_retrieved),
            today: dir_retrieved,
            stale_days: crate::directory::check::DEFAULT_STALE_DAYS,
            filters: Filters::default(),
            shown: None,
            next_generation: 1,
        }
    }

    /// Sets the wall clock (and today's date, in UTC as `heatwatch check` counts it).
    pub fn set_clock(&mut self, now: jiff::Timestamp) {
        self.now = now;
        self.today = crate::clock::date_utc(now);
    }

    /// How many days ago a record was last looked at (`verified`, else `retrieved`),
    /// and whether that is longer than [`App::stale_days`].
    #[must_use]
    pub fn age_of(&self, r: RecordRef) -> Option<(i64, bool)> {
        let p = self.dir.provenance_of(r)?;
        let age = crate::directory::check::age_days(p.latest(), self.today);
        // An emergency number is never called old: "check with the provider" is the
        // wrong advice for 911, whatever the date it was last read.
        let emergency = matches!(r, RecordRef::Hotline(i)
            if self.dir.hotlines.get(i).is_some_and(|h| h.emergency));
        Some((age, !emergency && age > i64::from(self.stale_days)))
    }

    /// Which part of the key table applies now.
    #[must_use]
    pub const fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Pin { .. }) => Context::Pin,
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Filters(_)) => Context::Filter,
            Some(Overlay::Card(_)) => Context::Card,
            None if self.search.is_some() => Context::Search,
            None => Context::Browse,
        }
    }

    /// Whether the help overlay is open.
    #[must_use]
    pub const fn help_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    /// How far the help overlay is scrolled (0 when it is closed).
    #[must_use]
    pub const fn help_scroll(&self) -> u16 {
        match self.overlay {
            Some(Overlay::Help { scroll }) => scroll,
            _ => 0,
        }
    }

    /// The filter bar's focused field, while the bar is open.
    #[must_use]
    pub const fn filter_bar(&self) -> Option<FilterField> {
        match self.overlay {
            Some(Overlay::Filters(field)) => Some(field),
            _ => None,
        }
    }

    /// The record whose card is shown, while it is.
    #[must_use]
    pub const fn card_shown(&self) -> Option<RecordRef> {
        match self.overlay {
            Some(Overlay::Card(r)) => Some(r),
            _ => None,
        }
    }

    /// Opens the card of the selected record, or says in the footer that it has no
    /// number to show.
    fn show_card(&mut self) {
        let record = match self.detail_item() {
            Some(Item::Record(r @ (RecordRef::Hotline(_) | RecordRef::Service(_)))) => Some(r),
            _ => None,
        };
        let has_number = record.is_some_and(|r| match r {
            RecordRef::Hotline(_) => true,
            RecordRef::Service(i) => self.dir.services.get(i).is_some_and(|s| {
                s.phones
                    .iter()
                    .any(|p| p.kind != crate::directory::PhoneKind::Fax)
            }),
            _ => false,
        });
        match record {
            Some(r) if has_number => self.overlay = Some(Overlay::Card(r)),
            _ => self.status = Some(self.msg.card_none.to_owned()),
        }
    }

    /// The kiosk's PIN prompt, while it is open: what has been typed, and whether the
    /// last PIN was wrong.
    #[must_use]
    pub fn pin_prompt(&self) -> Option<(&str, bool)> {
        match &self.overlay {
            Some(Overlay::Pin { typed, wrong }) => Some((typed, *wrong)),
            _ => None,
        }
    }

    /// The selected section.
    #[must_use]
    pub fn section(&self) -> Option<Section> {
        self.sections.get(self.nav.section).copied()
    }

    /// The name of a section.
    #[must_use]
    pub fn section_name(&self, s: Section) -> String {
        match s {
            Section::Hotlines => self.msg.section_hotlines.to_owned(),
            Section::Role(i) => self
                .dir
                .roles
                .get(i)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            Section::About => self.msg.section_about.to_owned(),
            Section::Facts => self.msg.section_facts.to_owned(),
            Section::Events => self.msg.section_events.to_owned(),
            Section::Services => self.msg.section_services.to_owned(),
        }
    }

    /// Number of items in a section.
    #[must_use]
    pub fn item_count(&self, s: Section) -> usize {
        let d = &self.dir;
        match s {
            Section::Hotlines => self
                .shown
                .as_ref()
                .map_or(d.hotlines.len(), |s| s.hotlines.len()),
            Section::Role(i) => d.roles.get(i).map_or(0, |r| r.actions.len()),
            Section::About => d
                .program
                .as_ref()
                .map_or(0, |p| 1 + p.strategy.len() + p.endorsements.len()),
            Section::Facts => d.facts.len(),
            Section::Events => d.events.as_ref().map_or(0, Vec::len),
            Section::Services => self
                .shown
                .as_ref()
                .map_or(d.services.len(), |s| s.services.len()),
        }
    }

    /// How many hotlines the filters hide (0 without filters). Emergency lines are
    /// never among them.
    #[must_use]
    pub fn hidden_hotlines(&self) -> usize {
        self.shown.as_ref().map_or(0, |s| {
            self.dir.hotlines.len().saturating_sub(s.hotlines.len())
        })
    }

    /// The record shown at row `i` of a filtered list (`None` without filters).
    fn shown_at(&self, s: Section, i: usize) -> Option<Option<usize>> {
        let shown = self.shown.as_ref()?;
        let list = match s {
            Section::Hotlines => &shown.hotlines,
            Section::Services => &shown.services,
            _ => return None,
        };
        Some(list.get(i).copied())
    }

    /// The `i`-th item of a section.
    #[must_use]
    pub fn item_at(&self, s: Section, i: usize) -> Option<Item> {
        if i >= self.item_count(s) {
            return None;
        }
        if let Some(shown) = self.shown_at(s, i) {
            return shown.map(|j| match s {
                Section::Services => Item::Record(RecordRef::Service(j)),
                _ => Item::Record(RecordRef::Hotline(j)),
            });
        }
        let d = &self.dir;
        Some(match s {
            Section::Hotlines => Item::Record(RecordRef::Hotline(i)),
            Section::Role(r) => Item::Record(RecordRef::Action(r, i)),
            Section::About => {
                let p = d.program.as_ref()?;
                if i == 0 {
                    Item::Record(RecordRef::Program)
                } else if i <= p.strategy.len() {
                    Item::Record(RecordRef::Strategy(i - 1))
                } else {
                    Item::Record(RecordRef::Endorsement(i - 1 - p.strategy.len()))
                }
            }
            Section::Facts => Item::Record(RecordRef::Fact(i)),
            Section::Events => Item::Record(RecordRef::Event(i)),
            Section::Services => Item::Record(RecordRef::Service(i)),
        })
    }

    /// What an empty list says instead of rows: the events list is there and empty, or the
    /// filters let nothing of the list through. `None` for a list with rows.
    #[must_use]
    pub fn empty_message(&self, s: Section) -> Option<&'static str> {
        if self.item_count(s) > 0 {
            return None;
        }
        match s {
            Section::Events if self.dir.events.is_some() => Some(self.msg.no_events),
            Section::Hotlines | Section::Services if self.shown.is_some() => {
                Some(self.msg.filters_no_match)
            }
            _ => None,
        }
    }

    /// The item the detail pane shows: the selected item, or for a role with no items,
    /// the role itself.
    #[must_use]
    pub fn detail_item(&self) -> Option<Item> {
        let s = self.section()?;
        self.item_at(s, self.nav.item).or(match s {
            Section::Role(r) => Some(Item::Record(RecordRef::Role(r))),
            _ => None,
        })
    }

    /// Whether the app is at its home screen with nothing open.
    #[must_use]
    pub fn is_home(&self) -> bool {
        self.nav == Nav::home()
            && self.search.is_none()
            && self.overlay.is_none()
            && self.filters.is_empty()
    }

    /// Gives the app the languages it can switch between, starting in `start`.
    pub fn set_languages(&mut self, languages: Vec<Language>, start: usize) {
        self.languages = languages;
        self.start_language = start.min(self.languages.len().saturating_sub(1));
        self.use_language(self.start_language);
    }

    /// Switches to language `i`, keeping the person where they are: the directories of
    /// all languages have the same records in the same order.
    fn use_language(&mut self, i: usize) {
        let Some(l) = self.languages.get(i) else {
            return;
        };
        self.language = i;
        self.msg = l.msg;
        self.dir = Arc::clone(&l.dir);
        self.index = Arc::clone(&l.index);
        self.refilter();
    }

    /// Whether the directory text on screen is an unreviewed translation.
    #[must_use]
    pub fn unreviewed_translation(&self) -> bool {
        self.languages
            .get(self.language)
            .is_some_and(|l| l.unreviewed)
    }

    /// Back to the home screen: panes, search, overlays and prompts all reset.
    pub fn go_home(&mut self) {
        self.nav = Nav::home();
        self.search = None;
        self.overlay = None;
        if !self.filters.is_empty() || self.shown.is_some() {
            self.filters = Filters::default();
            self.shown = None;
        }
    }

    /// Whole seconds left before a PIN can be tried again, while the prompt is open and
    /// a wait runs.
    #[must_use]
    pub fn kiosk_wait(&self) -> Option<u64> {
        let k = self.kiosk.as_ref()?;
        self.pin_prompt()?;
        let left = k.pin_locked_for()?;
        Some(left.as_secs() + u64::from(left.subsec_nanos() > 0))
    }

    /// Seconds left before the idle reset, when the countdown shows.
    #[must_use]
    pub fn countdown(&self) -> Option<u64> {
        let k = self.kiosk.as_ref()?;
        let left = k.remaining();
        (left <= k.countdown_window() && !self.is_home())
            .then(|| left.as_secs() + u64::from(left.subsec_nanos() > 0))
    }

    /// Kiosk handling that comes before everything else: the clock, the idle reset, and
    /// keys that must not leave the program. `None` means the action goes on as usual.
    fn update_kiosk(&mut self, action: &Action) -> Option<Option<Effect>> {
        let k = self.kiosk.as_mut()?;
        match action {
            Action::Tick(now) => {
                k.now = *now;
                if k.now.saturating_sub(k.last_input) >= k.idle_reset {
                    k.last_input = k.now;
                    if !self.is_home() || self.language != self.start_language {
                        self.go_home();
                        self.use_language(self.start_language);
                        return Some(Some(Effect::ClearScreen));
                    }
                }
                return Some(None);
            }
            Action::Resize(..) | Action::SearchDone(..) | Action::Clock(_) => return None,
            _ => {}
        }
        let on_quick_exit = matches!(action, Action::Click { column, row }
            if layout::region_at(self, *column, *row) == Some(Region::QuickExit));
        let k = self.kiosk.as_mut()?;
        let counting = k.remaining() <= k.countdown_window();
        k.last_input = k.now;
        // The quick exit wins over everything: the countdown, the PIN prompt, help,
        // the error screen.
        if matches!(action, Action::QuickExit) || on_quick_exit {
            self.go_home();
            self.use_language(self.start_language);
            return Some(Some(Effect::ClearScreen));
        }
        // Any other input is activity; while the countdown shows, it only cancels it.
        if counting && !self.is_home() {
            return Some(None);
        }
        let pin_open = self.pin_prompt().is_some();
        let k = self.kiosk.as_mut()?;
        if k.data_error.is_some() && !matches!(action, Action::OperatorExit) && !pin_open {
            return Some(None);
        }
        match action {
            Action::Quit | Action::GoHome => {
                self.go_home();
                Some(None)
            }
            // Nothing that writes the clipboard or launches a program, in kiosk mode.
            Action::Copy | Action::OpenLink => Some(None),
            Action::OperatorExit => {
                if k.pin.is_some() {
                    self.overlay = Some(Overlay::Pin {
                        typed: String::new(),
                        wrong: false,
                    });
                }
                Some(None)
            }
            _ if pin_open => {
                let Some(Overlay::Pin { typed, wrong }) = &mut self.overlay else {
                    return Some(None);
                };
                match action {
                    Action::Type(c) if typed.len() + c.len_utf8() <= PIN_MAX_BYTES => {
                        typed.push(*c);
                    }
                    Action::Backspace => {
                        typed.pop();
                    }
                    Action::Back => self.overlay = None,
                    // While a wait runs, Enter checks nothing (what is typed stays).
                    Action::Enter if k.pin_locked_for().is_some() => {}
                    Action::Enter => {
                        let entered = std::mem::take(typed);
                        if k.pin.as_deref().is_some_and(|pin| same_pin(pin, &entered)) {
                            k.wrong_in_a_row = 0;
                            return Some(Some(Effect::Quit));
                        }
                        *wrong = true;
                        k.wrong_in_a_row = k.wrong_in_a_row.saturating_add(1);
                        k.locked_until = k.now + pin_wait(k.wrong_in_a_row);
                    }
                    _ => {}
                }
                Some(None)
            }
            _ => None,
        }
    }

    /// What a list row of a section says (its number key first, for the keys 0–9).
    #[must_use]
    pub fn section_label(&self, s: Section) -> String {
        match s {
            Section::Role(r) if r < 9 => format!("{} {}", r + 1, self.section_name(s)),
            Section::Hotlines => format!("0 {}", self.section_name(s)),
            _ => self.section_name(s),
        }
    }

    /// What an item's list row says: its marks, its title, and the number beside it.
    /// The view styles it; the layout sizes the panes by it.
    #[must_use]
    pub fn row_text(&self, item: Item) -> RowText {
        let Item::Record(r) = item;
        let stale = self.age_of(r).is_some_and(|(_, stale)| stale);
        match r {
            RecordRef::Hotline(i) => match self.dir.hotlines.get(i) {
                Some(h) => RowText {
                    stale,
                    caution: h.caution.is_some(),
                    main: h.short_name.clone(),
                    tail: Some(h.phone.display()),
                },
                None => RowText::default(),
            },
            RecordRef::Endorsement(i) => RowText {
                stale,
                main: format!(
                    "“…” — {}",
                    self.dir
                        .program
                        .as_ref()
                        .and_then(|p| p.endorsements.get(i))
                        .map(|e| e.speaker.as_str())
                        .unwrap_or_default()
                ),
                ..RowText::default()
            },
            RecordRef::Service(i) => RowText {
                stale,
                main: self.dir.title_of(r).unwrap_or_default().to_owned(),
                tail: self.dir.services.get(i).and_then(|s| {
                    s.phones
                        .iter()
                        .find(|p| p.kind != crate::directory::PhoneKind::Fax)
                        .map(|p| p.phone.display())
                }),
                ..RowText::default()
            },
            _ => RowText {
                stale,
                main: self.dir.title_of(r).unwrap_or_default().to_owned(),
                ..RowText::default()
            },
        }
    }

    /// What `y` copies: a hotline's or service's name and number, or the record's text.
    #[must_use]
    pub fn copy_text(&self) -> Option<String> {
        self.copy_text_of(self.detail_item()?)
    }

    /// What `y` (or Ctrl-Y on a search result) copies of this item.
    #[must_use]
    pub fn copy_text_of(&self, item: Item) -> Option<String> {
        match item {
            Item::Record(RecordRef::Hotline(i)) => {
                let h = self.dir.hotlines.get(i)?;
                Some(format!("{}: {}", h.name, h.phone.display()))
            }
            Item::Record(RecordRef::Service(i)) => {
                let s = self.dir.services.get(i)?;
                let number = s
                    .phones
                    .iter()
                    .find(|p| p.kind != crate::directory::PhoneKind::Fax)
                    .map(|p| p.phone.display());
                Some(match number {
                    Some(n) => format!("{}: {n}", s.name),
                    None => s.name.clone(),
                })
            }
            Item::Record(r) => {
                // What `heatwatch show` prints of the record, in the interface's language.
                let msg = crate::i18n::cli::for_language(&self.dir.meta.language);
                let blocks = crate::render::record_blocks(&self.dir, r, msg, true);
                let options = crate::render::TextOptions {
                    width: None,
                    style: crate::render::Style::default(),
                    uris: true,
                    rules: false,
                };
                Some(
                    crate::render::render_text(&blocks, options)
                        .trim()
                        .to_owned(),
                )
            }
        }
    }

    /// The link `o` opens, if the selected record has one that keeps the rule of
    /// [`crate::directory::web`]: an http(s) address as written, a bare `host/path` as
    /// `https://host/path`, never another scheme or an address with user information.
    #[must_use]
    pub fn link(&self) -> Option<String> {
        let url = match self.detail_item()? {
            Item::Record(RecordRef::Hotline(i)) => self.dir.hotlines.get(i)?.url.clone(),
            Item::Record(RecordRef::Service(i)) => self.dir.services.get(i)?.url.clone(),
            _ => None,
        }?;
        crate::directory::web::to_open(&url)
    }

    /// Handles one action. Returns what the event loop must do, if anything.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Tick(_) | Action::SearchDone(..) | Action::Clock(_)
        ) {
            self.status = None;
        }
        if let Some(done) = self.update_kiosk(&action) {
            return done;
        }
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::QuickExit => return Some(Effect::QuickExit),
            Action::GoHome => {
                self.go_home();
                return None;
            }
            Action::Tick(_) | Action::OperatorExit | Action::Activity => return None,
            Action::Clock(now) => {
                self.set_clock(now);
                if self.filters.open_now {
                    self.refilter();
                    self.clamp();
                }
                return None;
            }
            Action::SwitchLanguage => {
                if self.languages.len() > 1 {
                    self.use_language((self.language + 1) % self.languages.len());
                    self.clamp();
                }
                return None;
            }
            // Never in kiosk mode: update_kiosk has already taken these there.
            Action::Copy if self.kiosk.is_none() && self.context() == Context::Search => {
                let record = self
                    .search
                    .as_ref()
                    .and_then(|s| s.results.hits.get(s.selected))?
                    .record;
                let text = self.copy_text_of(Item::Record(record))?;
                let first = text.lines().next().unwrap_or_default();
                // The number first, so that a narrow status line cuts the message,
                // never the number; OSC 52 cannot confirm that anything arrived.
                self.status = Some(format!("{first} — {}", self.msg.copied));
                return Some(Effect::Copy(text));
            }
            Action::Copy if self.kiosk.is_none() && self.context() == Context::Browse => {
                let text = self.copy_text()?;
                let first = text.lines().next().unwrap_or_default();
                // The number first, so that a narrow status line cuts the message,
                // never the number; OSC 52 cannot confirm that anything arrived.
                self.status = Some(format!("{first} — {}", self.msg.copied));
                return Some(Effect::Copy(text));
            }
            Action::OpenLink if self.kiosk.is_none() && self.context() == Context::Browse => {
                return match self.link() {
                    Some(url) => {
                        self.status = Some(format!("{} {url}", self.msg.opening));
                        Some(Effect::Open(url))
                    }
                    None => {
                        self.status = Some(self.msg.no_link.to_owned());
                        None
                    }
                };
            }
            Action::Click { column, row }
                if layout::region_at(self, column, row) == Some(Region::QuickExit) =>
            {
                return Some(Effect::QuickExit);
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.clamp();
                return None;
            }
            Action::SearchDone(generation, results) => {
                if let Some(s) = &mut self.search
                    && s.generation == generation
                {
                    s.results = results;
                    s.pending = false;
                    s.selected = 0;
                }
                return None;
            }
            _ => {}
        }
        match self.context() {
            Context::Help => self.update_help(action),
            Context::Search => return self.update_search(action),
            Context::Filter => self.update_filter(action),
            Context::Card => {
                if matches!(action, Action::Back) {
                    self.overlay = None;
                }
            }
            Context::Browse | Context::Any | Context::Pin => self.update_browse(action),
        }
        self.clamp();
        None
    }

    /// The filter bar: move between fields, type into the text ones, switch the
    /// choices; every change applies at once.
    fn update_filter(&mut self, action: Action) {
        let Some(field) = self.filter_bar() else {
            return;
        };
        let mut f = self.filters.clone();
        let text = match field {
            FilterField::Language => Some(&mut f.language),
            FilterField::Area => Some(&mut f.area),
            FilterField::Phone | FilterField::OpenNow => None,
        };
        match (action, text) {
            (Action::Back | Action::Enter, _) => self.overlay = None,
            (Action::NextPane | Action::Down, _) => {
                self.overlay = Some(Overlay::Filters(field.step(1)));
            }
            (Action::PrevPane | Action::Up, _) => {
                self.overlay = Some(Overlay::Filters(field.step(-1)));
            }
            (Action::Type(c), Some(t)) => push_filter_text(t, &c.to_string()),
            (Action::ToggleField, Some(t)) => push_filter_text(t, " "),
            (Action::Paste(p), Some(t)) => push_filter_text(t, &p),
            (Action::Backspace, Some(t)) => {
                if let Some(s) = t.as_mut() {
                    s.pop();
                }
                if t.as_deref().is_some_and(str::is_empty) {
                    *t = None;
                }
            }
            (Action::ClearQuery, Some(t)) => *t = None,
            (Action::ToggleField | Action::Type(' '), None) => match field {
                FilterField::Phone => {
                    f.phone = match f.phone {
                        None => Some(PhoneNeed::Text),
                        Some(PhoneNeed::Text) => Some(PhoneNeed::Tty),
                        Some(PhoneNeed::Tty) => None,
                    };
                }
                _ => f.open_now = !f.open_now,
            },
            (Action::ClearQuery | Action::Backspace, None) => match field {
                FilterField::Phone => f.phone = None,
                _ => f.open_now = false,
            },
            (Action::ClearFilters, _) => f = Filters::default(),
            _ => {}
        }
        if f != self.filters {
            self.set_filters(f);
        }
    }

    /// Puts filters in force: the lists show only what passes them.
    pub fn set_filters(&mut self, filters: Filters) {
        self.filters = filters;
        self.refilter();
        self.nav.item = 0;
        self.nav.scroll = 0;
        self.clamp();
    }

    /// Recomputes which hotlines and services pass the filters (after a change of
    /// filters, language or clock).
    fn refilter(&mut self) {
        if self.filters.is_empty() {
            self.shown = None;
            return;
        }
        use rayon::prelude::*;
        let d = &self.dir;
        let prepared = self.filters.prepare(d);
        let now = self.now;
        let keep = |r: RecordRef| prepared.accepts(d, r, now);
        self.shown = Some(Shown {
            hotlines: (0..d.hotlines.len())
                .filter(|&i| keep(RecordRef::Hotline(i)))
                .collect(),
            // Both cores for a county's thousands of services; rayon keeps the order.
            services: (0..d.services.len())
                .into_par_iter()
                .filter(|&i| keep(RecordRef::Service(i)))
                .collect(),
        });
    }

    fn update_help(&mut self, action: Action) {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Back | Action::Help => self.overlay = None,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll = scroll.saturating_add(10),
            Action::Scroll { delta, .. } => {
                *scroll = scroll.saturating_add_signed(i16::from(delta));
            }
            _ => {}
        }
    }

    fn update_browse(&mut self, action: Action) {
        let page = self.page_size();
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Home => self.move_by(isize::MIN / 2),
            Action::End => self.move_by(isize::MAX / 2),
            Action::Right | Action::Enter => self.deeper(),
            Action::Left | Action::Back => self.shallower(),
            Action::NextPane => {
                self.nav.focus = match self.nav.focus {
                    Pane::Sections => Pane::Items,
                    Pane::Items => Pane::Detail,
                    Pane::Detail => Pane::Sections,
                };
            }
            Action::PrevPane => {
                self.nav.focus = match self.nav.focus {
                    Pane::Sections => Pane::Detail,
                    Pane::Items => Pane::Sections,
                    Pane::Detail => Pane::Items,
                };
            }
            Action::JumpHelpNow => {
                if let Some(pos) = self.sections.iter().position(|s| *s == Section::Hotlines) {
                    self.nav = Nav {
                        section: pos,
                        item: 0,
                        focus: Pane::Items,
                        scroll: 0,
                    };
                }
            }
            Action::JumpRole(n) => {
                if let Some(pos) = self.sections.iter().position(|s| *s == Section::Role(n)) {
                    self.nav = Nav {
                        section: pos,
                        item: 0,
                        focus: Pane::Items,
                        scroll: 0,
                    };
                }
            }
            Action::OpenSearch => {
                let role = match self.section() {
                    Some(Section::Role(r)) => Some(r),
                    _ => None,
                };
                self.search = Some(SearchState {
                    query: String::new(),
                    scope: Scope::All,
                    role,
                    results: Results::default(),
                    selected: 0,
                    generation: 0,
                    pending: false,
                    saved: self.nav,
                });
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::OpenFilters => self.overlay = Some(Overlay::Filters(FilterField::Language)),
            Action::ShowCard => self.show_card(),
            Action::ClearFilters => self.set_filters(Filters::default()),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, delta } => {
                if let Some(Region::Pane(p, _)) = layout::region_at(self, column, row) {
                    self.nav.focus = p;
                    self.move_by(isize::from(delta));
                }
            }
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) -> Option<Effect> {
        let page = self.page_size();
        let s = self.search.as_mut()?;
        let last = s.results.hits.len().saturating_sub(1);
        match action {
            Action::Back => {
                self.nav = s.saved;
                self.search = None;
                self.clamp();
                return None;
            }
            Action::Up => s.selected = s.selected.saturating_sub(1),
            Action::Down => s.selected = (s.selected + 1).min(last),
            Action::PageUp => s.selected = s.selected.saturating_sub(page.unsigned_abs()),
            Action::PageDown => s.selected = (s.selected + page.unsigned_abs()).min(last),
            Action::Scroll { delta, .. } => {
                s.selected = s
                    .selected
                    .saturating_add_signed(isize::from(delta))
                    .min(last);
            }
            Action::Click { column, row } => {
                if let Some(Region::Result(i)) = layout::region_at(self, column, row)
                    && let Some(s) = self.search.as_mut()
                {
                    s.selected = i.min(last);
                }
            }
            Action::Enter => {
                let hit = s.results.hits.get(s.selected).map(|h| h.record);
                if let Some(record) = hit {
                    self.search = None;
                    self.go_to(record);
                    self.clamp();
                }
            }
            Action::Type(c) => {
                if s.query.chars().count() < MAX_QUERY_CHARS
                    && !sanitize::is_forbidden(c)
                    && !c.is_control()
                {
                    s.query.push(c);
                }
                return self.request_search();
            }
            Action::Paste(text) => {
                let room = MAX_QUERY_CHARS.saturating_sub(s.query.chars().count());
                let clean = text
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .filter(|&c| !sanitize::is_forbidden(c));
                s.query.extend(clean.take(room));
                return self.request_search();
            }
            Action::Backspace => {
                s.query.pop();
                return self.request_search();
            }
            Action::ClearQuery => {
                s.query.clear();
                return self.request_search();
            }
            Action::DeleteWord => {
                let kept = s.query.trim_end().len();
                s.query.truncate(kept);
                let start = s.query.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                s.query.truncate(start);
                return self.request_search();
            }
            Action::ToggleScope => {
                s.scope = match (s.scope, s.role) {
                    (Scope::All, Some(r)) => Scope::Role(r),
                    _ => Scope::All,
                };
                return self.request_search();
            }
            _ => {}
        }
        None
    }

    fn request_search(&mut self) -> Option<Effect> {
        let generation = self.next_generation;
        self.next_generation += 1;
        let s = self.search.as_mut()?;
        s.generation = generation;
        if s.query.trim().is_empty() {
            s.results = Results::default();
            s.pending = false;
            s.selected = 0;
            return None;
        }
        s.pending = true;
        let filter = (!self.filters.is_empty()).then(|| FilterSnapshot {
            dir: Arc::clone(&self.dir),
            filters: self.filters.clone(),
            now: self.now,
        });
        Some(Effect::Search(SearchRequest {
            generation,
            query: s.query.clone(),
            scope: s.scope,
            filter,
            index: IndexRef(Arc::clone(&self.index)),
        }))
    }

    /// Maps a terminal event through the key table and handles it, running any search
    /// here and now. What tests use to drive the app, and what the event loop does for
    /// directories small enough to search between two keystrokes.
    pub fn handle_event_sync(&mut self, ev: &ratatui::crossterm::event::Event) -> Option<Effect> {
        let action = self.action_for(ev)?;
        match self.update(action)? {
            Effect::Search(req) => {
                let results = self.run_search(&req);
                self.update(Action::SearchDone(req.generation, results))
            }
            other => Some(other),
        }
    }

    /// The action an event means here, given the context and kiosk mode.
    #[must_use]
    pub fn action_for(&self, ev: &ratatui::crossterm::event::Event) -> Option<Action> {
        crate::tui::keymap::action_for_event_in(self.context(), self.kiosk.is_some(), ev)
    }

    /// Searches the whole directory for `query` here and now, as the search box does
    /// (the same index, ranking and filters in force): what screen-reader mode asks.
    #[must_use]
    pub fn search_now(&self, query: &str) -> Results {
        let filter = (!self.filters.is_empty()).then(|| FilterSnapshot {
            dir: Arc::clone(&self.dir),
            filters: self.filters.clone(),
            now: self.now,
        });
        let req = SearchRequest {
            generation: 0,
            query: query.to_owned(),
            scope: Scope::All,
            filter,
            index: IndexRef(Arc::clone(&self.index)),
        };
        run_request(&req, None)
    }

    /// Runs a search request here and now, narrowing from the current results: what the
    /// event loop does for small directories, and what tests do.
    #[must_use]
    pub fn run_search(&self, req: &SearchRequest) -> Results {
        let previous = self.search.as_ref().map(|s| &s.results);
        run_request(req, previous)
    }

    /// Moves to a record in its section and opens its detail.
    pub fn go_to(&mut self, record: RecordRef) {
        let (section, item, focus) = match record {
            RecordRef::Hotline(i) => (Section::Hotlines, i, Pane::Detail),
            RecordRef::Role(r) => (Section::Role(r), 0, Pane::Items),
            RecordRef::Action(r, a) => (Section::Role(r), a, Pane::Detail),
            RecordRef::Program => (Section::About, 0, Pane::Detail),
            RecordRef::Strategy(i) => (Section::About, 1 + i, Pane::Detail),
            RecordRef::Endorsement(i) => (
                Section::About,
                1 + i + self.dir.program.as_ref().map_or(0, |p| p.strategy.len()),
                Pane::Detail,
            ),
            RecordRef::Fact(i) => (Section::Facts, i, Pane::Detail),
            RecordRef::Event(i) => (Section::Events, i, Pane::Detail),
            RecordRef::Service(i) => (Section::Services, i, Pane::Detail),
        };
        // In a filtered list, the record's row; a record the filters hide (only reached
        // from outside the lists) lifts them rather than show something else.
        let item = match self.shown_at(section, 0) {
            Some(_) => {
                let shown = self.shown.as_ref().map(|s| match section {
                    Section::Services => &s.services,
                    _ => &s.hotlines,
                });
                match shown.and_then(|l| l.iter().position(|&j| j == item)) {
                    Some(row) => row,
                    None => {
                        self.filters = Filters::default();
                        self.shown = None;
                        item
                    }
                }
            }
            None => item,
        };
        if let Some(pos) = self.sections.iter().position(|s| *s == section) {
            self.nav = Nav {
                section: pos,
                item,
                focus,
                scroll: 0,
            };
        }
    }

    fn deeper(&mut self) {
        self.nav.focus = match self.nav.focus {
            Pane::Sections => Pane::Items,
            Pane::Items | Pane::Detail => Pane::Detail,
        };
    }

    fn shallower(&mut self) {
        self.nav.focus = match self.nav.focus {
            Pane::Detail => Pane::Items,
            Pane::Items | Pane::Sections => Pane::Sections,
        };
    }

    fn move_by(&mut self, delta: isize) {
        let step = |v: usize, len: usize| -> usize {
            let last = len.saturating_sub(1);
            v.saturating_add_signed(delta).min(last)
        };
        match self.nav.focus {
            Pane::Sections => {
                let new = step(self.nav.section, self.sections.len());
                if new != self.nav.section {
                    self.nav.section = new;
                    self.nav.item = 0;
                    self.nav.scroll = 0;
                }
            }
            Pane::Items => {
                let len = self.section().map_or(0, |s| self.item_count(s));
                let new = step(self.nav.item, len);
                if new != self.nav.item {
                    self.nav.item = new;
                    self.nav.scroll = 0;
                }
            }
            Pane::Detail => {
                let max = isize::try_from(self.max_scroll()).unwrap_or(isize::MAX);
                let cur = isize::try_from(self.nav.scroll).unwrap_or(isize::MAX);
                let new = cur.saturating_add(delta).clamp(0, max);
                self.nav.scroll = u16::try_from(new).unwrap_or(u16::MAX);
            }
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        match layout::region_at(self, column, row) {
            Some(Region::Row(Pane::Sections, i)) if i < self.sections.len() => {
                if i != self.nav.section {
                    self.nav.section = i;
                    self.nav.item = 0;
                    self.nav.scroll = 0;
                }
                self.nav.focus = Pane::Sections;
            }
            Some(Region::Row(Pane::Items, i)) => {
                let len = self.section().map_or(0, |s| self.item_count(s));
                if i < len {
                    if i != self.nav.item {
                        self.nav.scroll = 0;
                    }
                    self.nav.item = i;
                    self.nav.focus = Pane::Items;
                }
            }
            Some(Region::Pane(p, _) | Region::Row(p, _)) => self.nav.focus = p,
            Some(Region::QuickExit | Region::Result(_)) | None => {}
        }
    }

    /// Rows a page moves.
    fn page_size(&self) -> isize {
        let rows = layout::list_rows(self).max(2);
        isize::try_from(rows - 1).unwrap_or(1)
    }

    /// The largest scroll offset of the detail pane, as the last frame drew it
    /// ([`App::drawn`]); no limit before any frame, whose drawing then keeps the offset
    /// in bounds.
    #[must_use]
    pub const fn max_scroll(&self) -> u16 {
        self.detail_max_scroll
    }

    /// Takes in what the last frame found out ([`layout::Drawn`]): the detail pane's
    /// largest scroll, which keeps the scroll offset in bounds from then on.
    pub fn drawn(&mut self, drawn: layout::Drawn) {
        if let Some(max) = drawn.detail_max_scroll {
            self.detail_max_scroll = max;
            self.nav.scroll = self.nav.scroll.min(max);
        }
        // The help's offset too: at its end, Up moves at once.
        if let Some(max) = drawn.help_max_scroll
            && let Some(Overlay::Help { scroll }) = &mut self.overlay
        {
            *scroll = (*scroll).min(max);
        }
    }

    /// Keeps every index and offset in bounds.
    fn clamp(&mut self) {
        self.nav.section = self.nav.section.min(self.sections.len().saturating_sub(1));
        let len = self.section().map_or(0, |s| self.item_count(s));
        self.nav.item = self.nav.item.min(len.saturating_sub(1));
        self.nav.scroll = self.nav.scroll.min(self.max_scroll());
        if let Some(s) = &mut self.search {
            s.selected = s.selected.min(s.results.hits.len().saturating_sub(1));
        }
    }
}

/// The sections a directory has, in display order; sections with no records are left out.
fn sections_of(dir: &Directory) -> Vec<Section> {
    let mut out = Vec::new();
    if !dir.hotlines.is_empty() {
        out.push(Section::Hotlines);
    }
    out.extend((0..dir.roles.len()).map(Section::Role));
    if !dir.services.is_empty() {
        out.push(Section::Services);
    }
    if dir.program.is_some() {
        out.push(Section::About);
    }
    if !dir.facts.is_empty() {
        out.push(Section::Facts);
    }
    if dir.events.is_some() {
        out.push(Section::Events);
    }
    out
}
