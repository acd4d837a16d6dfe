//! Screen-reader mode (`--screen-reader`): the directory as a conversation of plain
//! lines, for screen readers and braille displays, which read a terminal as a stream of
//! lines. No alternate screen, no cursor addressing, no box drawing, no colour.
//!
//! This is its state: what a line typed means and what is said back, over the same
//! [`App`] state the full-screen app uses (the directory in every language, the search
//! index, the filters, the kiosk), so search gives the same results in the same order
//! and every record is described by the one description of a record
//! ([`crate::render::record_blocks`]). The terminal side (raw mode, echo, line editing,
//! the quick exit, the idle reset) is in `terminal::lines`.

use std::time::Duration;

use crate::directory::{Directory, RecordRef};
use crate::i18n::cli::fill;
use crate::i18n::reader::ReaderMessages;
use crate::render::{Block, Style, TextOptions};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Item, Section};

/// Search results listed at most; more words narrow the rest.
pub const MAX_RESULTS: usize = 10;

/// A section's records listed at most (a county's local services may be thousands);
/// search finds the rest.
pub const MAX_LISTED: usize = 50;

/// What a number typed chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A section's list: the hotlines, local services, about, facts, events.
    Section(Section),
    /// The list of roles.
    Roles,
    /// The other language.
    Language,
    /// The help.
    Help,
    /// A record: a role lists its actions, anything else is told in full.
    Record(RecordRef),
}

/// What the conversation does after a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Say these lines, then prompt again.
    Say(Vec<String>),
    /// The person quit (`q`, outside kiosk mode).
    Quit,
}

/// The conversation's state.
pub struct Reader {
    /// The state the full-screen app would have: directory, languages, index, kiosk.
    pub app: App,
    /// What each number means now: the last list said.
    list: Vec<Choice>,
    /// The last list's lines, for `r`.
    list_lines: Vec<String>,
}

impl Reader {
    /// A conversation over an app's state.
    #[must_use]
    pub const fn new(app: App) -> Self {
        Self {
            app,
            list: Vec::new(),
            list_lines: Vec::new(),
        }
    }

    /// The sentences in the current language.
    #[must_use]
    pub fn words(&self) -> &'static ReaderMessages {
        crate::i18n::reader::for_language(&self.app.dir.meta.language)
    }

    fn dir(&self) -> &Directory {
        &self.app.dir
    }

    /// Whether the data could not be used (kiosk mode only): then only the emergency
    /// number and the hotlines are said, whatever is typed.
    fn data_error(&self) -> bool {
        self.app
            .kiosk
            .as_ref()
            .is_some_and(|k| k.data_error.is_some())
    }

    /// The opening: what this is, the emergency number and the pinned hotlines as
    /// sentences, then the menu. Said at the start, after the idle reset and after the
    /// quick exit of a kiosk.
    pub fn opening(&mut self) -> Vec<String> {
        let m = self.app.msg;
        let w = self.words();
        let mut out = vec![w.title.to_owned()];
        let emergency = self.dir().meta.emergency.display();
        out.push(format!("{}: {emergency}.", m.emergency));
        if self.data_error() {
            out.push(m.data_error.to_owned());
            out.push(format!("{} {emergency}.", m.data_error_help));
            for h in crate::tui::view::data_error_hotlines(self.dir()) {
                out.push(self.hotline_sentence(h));
            }
            self.list.clear();
            return out;
        }
        let pinned: Vec<String> = self
            .dir()
            .pinned()
            .filter(|h| !h.emergency)
            .map(|h| self.hotline_sentence(h))
            .collect();
        out.extend(pinned);
        if self.app.unreviewed_translation() {
            out.push(m.unreviewed_translation.to_owned());
        }
        out.extend(self.menu());
        out
    }

    /// A hotline in one sentence a line: its name, then each number with its label.
    fn hotline_sentence(&self, h: &crate::directory::Hotline) -> String {
        let m = self.app.msg;
        let mut s = format!("{}. {}: {}.", h.name, m.call, h.phone.display());
        if let Some(t) = &h.text {
            s.push_str(&format!(" {}: {}.", m.text, t.display()));
        }
        if let Some(t) = &h.tty {
            s.push_str(&format!(" {}: {}.", m.tty, t.display()));
        }
        if let Some(c) = &h.caution {
            s.push_str(&format!(" {}: {c}", m.caution_label));
        }
        s
    }

    /// The menu, numbered; numbers now choose from it.
    fn menu(&mut self) -> Vec<String> {
        let w = self.words();
        // The full-screen app's sections, the roles as one entry.
        let mut items = Vec::new();
        for &section in &self.app.sections {
            let count = self.app.item_count(section).to_string();
            match section {
                Section::Hotlines => items.push((
                    Choice::Section(section),
                    fill(w.hotlines, &[("count", &count)]),
                )),
                Section::Role(0) => items.push((
                    Choice::Roles,
                    fill(w.roles, &[("count", &self.dir().roles.len().to_string())]),
                )),
                Section::Role(_) => {}
                _ => items.push((
                    Choice::Section(section),
                    format!("{} ({count})", self.app.section_name(section)),
                )),
            }
        }
        if self.app.languages.len() > 1 {
            items.push((Choice::Language, w.other_language.to_owned()));
        }
        items.push((Choice::Help, w.help.to_owned()));
        let mut out = vec![w.menu.to_owned()];
        out.extend(self.set_list(items));
        out.push(w.how.to_owned());
        out
    }

    /// Makes `items` the list numbers choose from; its lines, numbered.
    fn set_list(&mut self, items: Vec<(Choice, String)>) -> Vec<String> {
        let lines: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, (_, text))| format!("{}. {text}", i + 1))
            .collect();
        self.list = items.into_iter().map(|(c, _)| c).collect();
        self.list_lines.clone_from(&lines);
        lines
    }

    /// What a record is called in a list: its title, and for a hotline or a service
    /// the number to call.
    fn list_line(&self, r: RecordRef, with_kind: bool) -> String {
        let m = self.app.msg;
        let dir = self.dir();
        let mut s = dir.path_title(r);
        if with_kind {
            let kind = crate::i18n::cli::for_language(&dir.meta.language).kind(r.kind());
            s.push_str(&format!(" ({kind})"));
        }
        let number = match r {
            RecordRef::Hotline(i) => dir.hotlines.get(i).map(|h| h.phone.display()),
            RecordRef::Service(i) => dir.services.get(i).and_then(|s| {
                s.phones
                    .iter()
                    .find(|p| p.kind != crate::directory::PhoneKind::Fax)
                    .map(|p| p.phone.display())
            }),
            _ => None,
        };
        if let Some(n) = number {
            s.push_str(&format!(". {}: {n}", m.call));
        }
        s
    }

    /// Answers one line typed and sent with Enter.
    pub fn answer(&mut self, line: &str) -> Reply {
        let w = self.words();
        let typed = line.trim();
        if self.data_error() {
            return Reply::Say(self.opening());
        }
        let lower = typed.to_lowercase();
        let say = match lower.as_str() {
            "" => vec![w.how.to_owned()],
            "m" | "menu" | "menú" | "0" => self.menu(),
            "r" => {
                let mut out = self.list_lines.clone();
                out.push(w.how.to_owned());
                out
            }
            "h" | "?" | "help" | "ayuda" => w.help_lines.iter().map(|l| (*l).to_owned()).collect(),
            "q" | "quit" | "salir" => {
                if self.app.kiosk.is_none() {
                    return Reply::Quit;
                }
                self.opening()
            }
            // A number chooses from the last list; one of three digits or more that is
            // not in it is searched, as a phone number ("911", "233733").
            _ if typed.chars().all(|c| c.is_ascii_digit()) => {
                let n: usize = typed.parse().unwrap_or(0);
                match n.checked_sub(1).and_then(|i| self.list.get(i)).copied() {
                    Some(choice) => self.choose(choice),
                    None if typed.len() >= 3 => self.search(typed),
                    None => vec![fill(w.no_such_number, &[("n", typed)])],
                }
            }
            _ => self.search(typed),
        };
        Reply::Say(say)
    }

    /// What choosing `choice` says.
    fn choose(&mut self, choice: Choice) -> Vec<String> {
        let w = self.words();
        match choice {
            Choice::Section(section) => self.section(section),
            Choice::Roles => {
                let items = self
                    .dir()
                    .roles
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (Choice::Record(RecordRef::Role(i)), r.name.clone()))
                    .collect();
                let mut out = vec![w.roles_heading.to_owned()];
                out.extend(self.set_list(items));
                out.push(w.how.to_owned());
                out
            }
            Choice::Language => {
                self.app.update(Action::SwitchLanguage);
                self.menu()
            }
            Choice::Help => w.help_lines.iter().map(|l| (*l).to_owned()).collect(),
            Choice::Record(RecordRef::Role(i)) => self.role(i),
            Choice::Record(r) => {
                let mut out = self.record(r);
                out.push(w.after_record.to_owned());
                out
            }
        }
    }

    /// A section's records, numbered (the first [`MAX_LISTED`] of a long one).
    fn section(&mut self, section: Section) -> Vec<String> {
        let w = self.words();
        let heading = match section {
            Section::Hotlines => w.hotlines_heading.to_owned(),
            _ => format!("{}:", self.app.section_name(section)),
        };
        let mut out = vec![heading];
        let count = self.app.item_count(section);
        if count == 0 {
            out.extend(self.app.empty_message(section).map(str::to_owned));
            return out;
        }
        let items = (0..count.min(MAX_LISTED))
            .filter_map(|i| match self.app.item_at(section, i)? {
                Item::Record(r) => Some((Choice::Record(r), self.list_line(r, false))),
            })
            .collect();
        out.extend(self.set_list(items));
        if count > MAX_LISTED {
            out.push(fill(
                w.more_listed,
                &[
                    ("shown", &MAX_LISTED.to_string()),
                    ("count", &count.to_string()),
                ],
            ));
        }
        out.push(w.how.to_owned());
        out
    }

    /// A role: the one description of it, its list of actions numbered, which numbers
    /// then choose from.
    fn role(&mut self, i: usize) -> Vec<String> {
        let w = self.words();
        let Some(role) = self.dir().roles.get(i) else {
            return Vec::new();
        };
        let items = role
            .actions
            .iter()
            .enumerate()
            .map(|(a, action)| {
                (
                    Choice::Record(RecordRef::Action(i, a)),
                    action.title.clone(),
                )
            })
            .collect();
        let mut out = self.record(RecordRef::Role(i));
        self.set_list(items);
        out.push(w.how.to_owned());
        out
    }

    /// A record in full: the one description every output renders, as plain lines,
    /// unwrapped (the terminal and the screen reader wrap).
    #[must_use]
    pub fn record(&self, r: RecordRef) -> Vec<String> {
        let dir = self.dir();
        let msg = crate::i18n::cli::for_language(&dir.meta.language);
        let mut blocks = crate::render::record_blocks(dir, r, msg, false);
        // A role's actions are numbered: the numbers a person types to open them.
        if matches!(r, RecordRef::Role(_)) {
            for b in &mut blocks {
                if let Block::Bullets(items) = b {
                    *b = Block::Numbered(std::mem::take(items));
                    break;
                }
            }
        }
        let text = crate::render::render_text(
            &blocks,
            TextOptions {
                width: None,
                style: Style { bold: false },
                uris: false,
                rules: false,
            },
        );
        text.lines().map(str::to_owned).collect()
    }

    /// A search: the results the search box would give, numbered, each with its kind
    /// and number.
    fn search(&mut self, query: &str) -> Vec<String> {
        let w = self.words();
        let results = self.app.search_now(query);
        if results.hits.is_empty() {
            return vec![fill(w.no_results, &[("query", query)])];
        }
        let items = results
            .hits
            .iter()
            .take(MAX_RESULTS)
            .map(|h| (Choice::Record(h.record), self.list_line(h.record, true)))
            .collect();
        let mut out = vec![fill(
            w.results,
            &[("count", &results.total.to_string()), ("query", query)],
        )];
        out.extend(self.set_list(items));
        if results.total > MAX_RESULTS {
            out.push(fill(w.more_results, &[("shown", &MAX_RESULTS.to_string())]));
        }
        out.push(w.how.to_owned());
        out
    }

    /// Kiosk: Ctrl-O. Whether the PIN prompt opened (there is a PIN to check).
    pub fn operator_exit(&mut self, now: Duration) -> bool {
        if self.app.kiosk.is_none() {
            return false;
        }
        self.app.update(Action::Tick(now));
        self.app.update(Action::OperatorExit);
        self.app.pin_prompt().is_some()
    }

    /// Kiosk: a PIN typed at the prompt, checked as the full-screen app checks it
    /// (waits after wrong PINs included). `Reply::Quit` when it is right; the prompt is
    /// closed either way.
    pub fn pin_entered(&mut self, typed: &str, now: Duration) -> Reply {
        let w = self.words();
        self.app.update(Action::Tick(now));
        if self.app.pin_prompt().is_none() {
            self.app.update(Action::OperatorExit);
        }
        for c in typed.chars() {
            self.app.update(Action::Type(c));
        }
        let wait = self.app.kiosk_wait();
        if self.app.update(Action::Enter) == Some(Effect::Quit) {
            return Reply::Quit;
        }
        let mut out = Vec::new();
        match wait.or_else(|| self.app.kiosk_wait()) {
            Some(seconds) if wait.is_some() => {
                out.push(fill(w.pin_wait, &[("seconds", &seconds.to_string())]));
            }
            _ => out.push(w.pin_wrong.to_owned()),
        }
        self.app.update(Action::Back);
        Reply::Say(out)
    }

    /// Kiosk: back to the start after the idle reset, the quick exit or a key that
    /// would leave: the start language, the filters off, the opening said again.
    pub fn reset(&mut self) -> Vec<String> {
        self.app.go_home();
        let start = self.app.start_language;
        if self.app.language != start && self.app.languages.len() > 1 {
            while self.app.language != start {
                self.app.update(Action::SwitchLanguage);
            }
        }
        self.opening()
    }
}
