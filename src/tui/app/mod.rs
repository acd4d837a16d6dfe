//! The app's state and `update`: pure, free of I/O, so behaviour is tested without a
//! terminal. Views read this state; they never change it.

mod filter_bar;
pub mod hotline_bar;
mod kiosk;
pub mod layout;
mod loading;
mod nav;
mod rows;
mod search_box;
mod sections;

pub use filter_bar::{FilterField, Shown};
pub use kiosk::{
    COUNTDOWN, Kiosk, MIN_IDLE_RESET, PIN_FREE_TRIES, PIN_MAX_BYTES, PIN_MAX_WAIT, PIN_MIN_CHARS,
    PinProblem, SAMPLE_PIN, check_pin, pin_wait,
};
pub use rows::RowText;
pub use search_box::{
    FilterSnapshot, IndexRef, RESULT_LIMIT, SearchRequest, SearchState, run_request,
};

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
use sections::sections_of;

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
    /// While only the directory's head is loaded: how far its local services have
    /// loaded behind it, in percent ([`App::start_loading`], [`App::finish_loading`]).
    pub loading: Option<u8>,
    next_generation: u64,
}

impl App {
    /// A new app over a directory, at the home screen.
    #[must_use]
    pub fn new(dir: Arc<Directory>, index: Arc<SearchIndex>, theme: Theme) -> Self {
        let sections = sections_of(&dir, false);
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
            loading: None,
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
            Some(Item::Record(
                r @ (RecordRef::Hotline(_) | RecordRef::Service(_) | RecordRef::Action(..)),
            )) => Some(r),
            _ => None,
        };
        let has_number = record.is_some_and(|r| match r {
            RecordRef::Hotline(_) => true,
            // The first line the action says to call.
            RecordRef::Action(role, action) => self
                .dir
                .roles
                .get(role)
                .and_then(|ro| ro.actions.get(action))
                .is_some_and(|a| !a.hotlines.is_empty()),
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

    /// Handles one action. Returns what the event loop must do, if anything.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(
            action,
            Action::Tick(_) | Action::SearchDone(..) | Action::Clock(_) | Action::Progress(_)
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
            Action::Progress(percent) => {
                if let Some(loading) = &mut self.loading {
                    *loading = percent.min(100);
                }
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
}
