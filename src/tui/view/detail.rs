//! The detail of one item: full text wrapped to the pane, what to do next, who to call,
//! and where the information came from and when.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::directory::{Phone, PhoneKind, Provenance, RecordRef};
use crate::tui::app::{App, Item, Section};

/// Builds wrapped lines, keeping phone numbers whole.
struct Builder<'a> {
    app: &'a App,
    width: usize,
    lines: Vec<Line<'static>>,
}

const NBSP: char = '\u{a0}';

/// The most lines one paragraph of the detail pane is drawn from: its text is cut at
/// this many times the pane's width in characters (with `…`), whatever its length in
/// the file. Far more than any real paragraph takes; a bound on the cost of a redraw.
pub const MAX_PARAGRAPH_LINES: usize = 400;

impl Builder<'_> {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| l.width() > 0) {
            self.lines.push(Line::default());
        }
    }

    /// A paragraph, wrapped, with a hanging indent after the first line's prefix.
    ///
    /// At most [`MAX_PARAGRAPH_LINES`] lines' worth of characters of the text are wrapped
    /// (the pane's width times that many): a longer text ends in `…`, so that one huge
    /// field in a hostile or broken file cannot make every redraw slow.
    fn para(&mut self, prefix: &str, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        let cap = self.width.saturating_mul(MAX_PARAGRAPH_LINES);
        let cut;
        let text = match text.char_indices().nth(cap) {
            Some((end, _)) => {
                cut = format!("{}…", text.get(..end).unwrap_or_default());
                cut.as_str()
            }
            None => text,
        };
        let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(prefix));
        let opts = textwrap::Options::new(self.width.max(1))
            .initial_indent(prefix)
            .subsequent_indent(&indent)
            // Never split at a hyphen: "373-7888" is one number.
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(true);
        for l in textwrap::wrap(text, opts) {
            self.lines
                .push(Line::from(Span::styled(l.replace(NBSP, " "), style)));
        }
    }

    fn heading(&mut self, text: &str) {
        self.blank();
        let style = self.app.theme.heading;
        self.para("", text, style);
    }

    fn text(&mut self, text: &str) {
        let style = self.app.theme.text;
        self.para("", text, style);
    }

    fn bullet(&mut self, text: &str) {
        let style = self.app.theme.text;
        self.para("• ", text, style);
    }

    /// "Label: value" where the value is a phone number that must never be split.
    fn number(&mut self, label: &str, phone: &Phone) {
        let number = phone.display();
        let line = format!("{label}: {}", number.replace(' ', &NBSP.to_string()));
        let style = self.app.theme.text;
        if unicode_width::UnicodeWidthStr::width(line.as_str()) <= self.width {
            self.lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), self.app.theme.heading),
                Span::styled(number, self.app.theme.number),
            ]));
        } else {
            self.para("", &line, style);
        }
        if let Some(uri) = &phone.uri {
            let dim = self.app.theme.dim;
            self.para("  ", &format!("({uri})"), dim);
        }
    }

    fn field(&mut self, label: &str, value: Option<&str>) {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            let style = self.app.theme.text;
            self.para("", &format!("{label}: {v}"), style);
        }
    }

    /// "Verified N days ago." or "Retrieved N days ago; not verified.", and a plain-words
    /// warning (not only a colour) when the record is older than the stale threshold.
    fn freshness(&mut self, r: RecordRef) {
        let (Some(p), Some((age, stale))) = (self.app.dir.provenance_of(r), self.app.age_of(r))
        else {
            return;
        };
        let m = self.app.msg;
        let when = match age {
            ..0 => m.when_future.to_owned(),
            0 => m.when_today.to_owned(),
            1 => m.when_one_day.to_owned(),
            n => m.when_days.replace("{n}", &n.to_string()),
        };
        let line = if p.verified.is_some() {
            m.fresh_verified
        } else {
            m.fresh_retrieved
        }
        .replace("{when}", &when);
        let dim = self.app.theme.dim;
        self.para("", &line, dim);
        if stale {
            let warn = self.app.theme.heading;
            let note = m
                .stale_note
                .replace("{n}", &self.app.stale_days.to_string());
            self.para("", &note, warn);
        }
    }

    fn provenance(&mut self, p: &Provenance) {
        let m = self.app.msg;
        self.blank();
        let dim = self.app.theme.dim;
        for id in &p.source {
            let text = match self.app.dir.source(id) {
                Some(s) => {
                    let mut t = s.title.clone();
                    if let Some(publ) = &s.publisher {
                        t.push_str(&format!(" — {publ}"));
                    }
                    if let Some(url) = &s.url {
                        t.push_str(&format!(" ({url})"));
                    }
                    t
                }
                None => id.to_string(),
            };
            self.para(&format!("{}: ", m.source), &text, dim);
        }
        self.para(
            "",
            &format!("{} {}.", m.read_on, (m.long_date)(p.retrieved)),
            dim,
        );
        match p.verified {
            Some(v) => self.para("", &format!("{} {v}.", m.verified_on), dim),
            None => self.para("", m.not_verified, dim),
        }
    }

    /// QR codes of the hotline's `tel:` and `sms:` links, with the caution beside them.
    fn qr_codes(&mut self, h: &crate::directory::Hotline) {
        let m = self.app.msg;
        let codes: Vec<(&str, &str)> = [
            (m.qr_call, h.phone.uri.as_deref()),
            (m.qr_text, h.text.as_ref().and_then(|t| t.uri.as_deref())),
        ]
        .into_iter()
        .filter_map(|(label, uri)| uri.map(|u| (label, u)))
        .collect();
        if codes.is_empty() {
            return;
        }
        self.heading(m.qr_heading);
        if let Some(c) = &h.caution {
            self.para(&format!("{}: ", m.caution_label), c, self.app.theme.heading);
        }
        self.text(m.qr_caution);
        for (label, uri) in codes {
            let Some(lines) = self
                .app
                .qr
                .get(uri)
                .and_then(|m| crate::render::qr::lines_of(m, self.app.theme.is_monochrome()))
            else {
                continue;
            };
            self.blank();
            let style = self.app.theme.text;
            self.para("", &format!("{label}: {uri}"), style);
            // A code wider than the pane would be cut, and a cut code misreads: leave it out.
            if lines.first().is_some_and(|l| l.width() <= self.width) {
                self.lines.extend(lines);
            }
        }
    }

    fn hotline_summary(&mut self, i: usize) {
        if let Some(h) = self.app.dir.hotlines.get(i) {
            let number = h.phone.display().replace(' ', "\u{a0}");
            let mut t = match crate::tui::bidi::guard(&h.name, self.app.msg.tel) {
                Some(tel) => format!("{} — {tel}\u{a0}{number}", h.name),
                None => format!("{} — {number}", h.name),
            };
            if let Some(op) = &h.operator {
                t.push_str(&format!(" ({op})"));
            }
            if let Some(c) = &h.caution {
                t.push_str(&format!(". {}: {c}", self.app.msg.caution_label));
            }
            self.bullet(&t);
        }
    }

    fn record(&mut self, r: RecordRef) {
        let m = self.app.msg;
        let dir = &self.app.dir;
        let title = dir.path_title(r);
        let heading = self.app.theme.heading;
        self.para("", &title, heading);
        if self.app.unreviewed_translation() {
            let dim = self.app.theme.dim;
            self.para("", self.app.msg.unreviewed_translation, dim);
        }
        self.freshness(r);
        self.blank();
        match r {
            RecordRef::Hotline(i) => {
                let Some(h) = dir.hotlines.get(i) else { return };
                self.number(m.call, &h.phone);
                if let Some(c) = &h.caution {
                    self.para(&format!("{}: ", m.caution_label), c, self.app.theme.heading);
                }
                if let Some(t) = &h.text {
                    self.number(m.text, t);
                }
                if let Some(t) = &h.tty {
                    self.number(m.tty, t);
                }
                self.blank();
                self.text(&h.purpose);
                if h.emergency {
                    self.text(m.for_emergencies);
                }
                if h.anonymous {
                    self.text(m.anonymous_yes);
                }
                if h.confidential {
                    self.text(&crate::render::confidentiality_text(h, m));
                }
                self.field(m.hours, h.hours.as_deref());
                if !h.languages.is_empty() {
                    self.field(m.languages, Some(&h.languages.join("; ")));
                }
                self.field(m.operated_by, h.operator.as_deref());
                self.field(m.web, h.url.as_deref());
                if !h.notes.is_empty() {
                    self.heading(m.notes);
                    for n in &h.notes {
                        self.bullet(n);
                    }
                }
                self.provenance(&h.provenance);
                self.qr_codes(h);
            }
            RecordRef::Role(i) => {
                let Some(role) = dir.roles.get(i) else { return };
                self.text(&role.summary);
                if !role.actions.is_empty() {
                    self.heading(m.actions);
                    for a in &role.actions {
                        self.bullet(&a.title);
                    }
                }
                self.provenance(&role.provenance);
            }
            RecordRef::Action(ri, ai) => {
                let Some(a) = dir.roles.get(ri).and_then(|r| r.actions.get(ai)) else {
                    return;
                };
                self.text(&a.summary);
                if !a.next_steps.is_empty() {
                    self.heading(m.next_steps);
                    for (n, step) in a.next_steps.iter().enumerate() {
                        let style = self.app.theme.text;
                        self.para(&format!("{}. ", n + 1), step, style);
                    }
                }
                if !a.hotlines.is_empty() {
                    self.heading(m.who_to_call);
                    for &h in &a.hotlines {
                        self.hotline_summary(h);
                    }
                }
                self.provenance(&a.provenance);
            }
            RecordRef::Program => {
                let Some(p) = &dir.program else { return };
                self.text(&p.summary);
                if !p.strategy.is_empty() {
                    self.heading(m.strategy);
                    for s in &p.strategy {
                        self.bullet(&s.title);
                    }
                }
                if !p.endorsements.is_empty() {
                    self.heading(m.endorsements);
                    for e in &p.endorsements {
                        self.bullet(&endorsement_text(e));
                    }
                }
                if !p.people.is_empty() {
                    self.heading(m.named_on_page);
                    for person in &p.people {
                        self.bullet(person);
                    }
                }
                self.provenance(&p.provenance);
            }
            RecordRef::Strategy(i) => {
                let Some(p) = &dir.program else { return };
                if let Some(s) = p.strategy.get(i) {
                    self.text(&s.text);
                }
                self.provenance(&p.provenance);
            }
            RecordRef::Endorsement(i) => {
                let Some(p) = &dir.program else { return };
                if let Some(e) = p.endorsements.get(i) {
                    self.text(&endorsement_text(e));
                }
                self.provenance(&p.provenance);
            }
            RecordRef::Fact(i) => {
                let Some(f) = dir.facts.get(i) else { return };
                self.text(&f.text);
                self.provenance(&f.provenance);
            }
            RecordRef::Event(i) => {
                let Some(e) = dir.events.as_ref().and_then(|e| e.get(i)) else {
                    return;
                };
                self.field(m.date, e.date.map(|d| d.to_string()).as_deref());
                self.text(&e.text);
                self.provenance(&e.provenance);
            }
            RecordRef::Service(i) => {
                let Some(s) = dir.services.get(i) else { return };
                for p in &s.phones {
                    let label = match p.kind {
                        PhoneKind::Voice => m.call,
                        PhoneKind::Text => m.text,
                        PhoneKind::Tty => m.tty,
                        PhoneKind::Fax => m.fax,
                    };
                    // A label from the data that ends right to left goes after the
                    // number, so that a bidi terminal keeps the number in order (see
                    // `bidi`).
                    let (label, after) = match &p.label {
                        Some(l) if crate::tui::bidi::ends_right_to_left(l) => {
                            (label.to_owned(), Some(l.as_str()))
                        }
                        Some(l) => (format!("{label} ({l})"), None),
                        None => (label.to_owned(), None),
                    };
                    if p.kind == PhoneKind::Fax {
                        // A fax number is shown for completeness, never as a number to call.
                        let style = self.app.theme.dim;
                        self.para("", &format!("{label}: {}", p.phone.display()), style);
                    } else {
                        self.number(&label, &p.phone);
                    }
                    if let Some(after) = after {
                        let dim = self.app.theme.dim;
                        self.para("  ", &format!("({after})"), dim);
                    }
                }
                self.blank();
                self.text(&s.description);
                self.field(m.organization, s.organization.as_deref());
                self.field(m.hours, s.hours.as_deref());
                if !s.languages.is_empty() {
                    self.field(m.languages, Some(&s.languages.join(", ")));
                }
                self.field(m.area, s.area.as_deref());
                self.field(m.address, s.address.as_deref());
                self.field(m.web, s.url.as_deref());
                self.field(m.email, s.email.as_deref());
                self.provenance(&s.provenance);
            }
        }
    }
}

fn endorsement_text(e: &crate::directory::Endorsement) -> String {
    let who = match &e.speaker_title {
        Some(t) => format!("{}, {t}", e.speaker),
        None => e.speaker.clone(),
    };
    match &e.context {
        Some(c) => format!("“{}” — {who}, {c}", e.quote),
        None => format!("“{}” — {who}", e.quote),
    }
}

/// The detail lines of the current item at a width.
#[must_use]
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    match app.detail_item() {
        Some(item) => item_lines(app, item, width),
        // An empty list's message, in the detail too, so the pane is not blank.
        None => match app.section().and_then(|s| app.empty_message(s)) {
            Some(message) => {
                let mut b = Builder {
                    app,
                    width: usize::from(width).max(1),
                    lines: Vec::new(),
                };
                b.text(message);
                b.lines
            }
            None => Vec::new(),
        },
    }
}

/// The detail lines of any item at a width.
#[must_use]
pub fn item_lines(app: &App, item: Item, width: u16) -> Vec<Line<'static>> {
    let mut b = Builder {
        app,
        width: usize::from(width).max(1),
        lines: Vec::new(),
    };
    let Item::Record(r) = item;
    b.record(r);
    b.lines
}

/// A section's one-line label for the sections pane.
#[must_use]
pub fn section_label(app: &App, s: Section) -> String {
    app.section_name(s)
}
