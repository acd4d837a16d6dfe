//! The detail of one item: full text wrapped to the pane, what to do next, who to call,
//! and where the information came from and when.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::directory::{Phone, RecordRef};
use crate::render::{Block, Inline};
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

    /// "Label: value" where the value is a phone number that must never be split.
    fn number(&mut self, label: &str, phone: &Phone) {
        let number = phone.display();
        // A label from the data that ends right to left (a service phone's) gets the
        // short word before the number, so that a bidi terminal keeps the number in order.
        let prefix = match crate::tui::bidi::guard(label, self.app.msg.tel) {
            Some(tel) => format!("{label}: {tel}{NBSP}"),
            None => format!("{label}: "),
        };
        let line = format!("{prefix}{}", number.replace(' ', &NBSP.to_string()));
        let style = self.app.theme.text;
        if unicode_width::UnicodeWidthStr::width(line.as_str()) <= self.width {
            self.lines.push(Line::from(vec![
                Span::styled(prefix.replace(NBSP, " "), self.app.theme.heading),
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

    /// One record: the document every output renders ([`crate::render::record_blocks`]),
    /// without the ids the command line needs, with how fresh the record is (in days,
    /// against the app's clock) under its title, and a hotline's QR codes at the end.
    fn record(&mut self, r: RecordRef) {
        let msg = crate::i18n::cli::for_language(&self.app.dir.meta.language);
        let mut blocks = crate::render::record_blocks(&self.app.dir, r, msg, false).into_iter();
        if let Some(title) = blocks.next() {
            self.block(&title);
        }
        self.freshness(r);
        let mut after_heading = false;
        for b in blocks {
            // A blank line between blocks, as `show` prints them; none under a heading.
            if !after_heading {
                self.blank();
            }
            after_heading = matches!(b, Block::Heading(..));
            self.block(&b);
        }
        if let RecordRef::Hotline(i) = r
            && let Some(h) = self.app.dir.hotlines.get(i)
        {
            self.qr_codes(h);
        }
    }

    /// One block of the document, wrapped to the pane.
    fn block(&mut self, b: &Block) {
        let theme = &self.app.theme;
        match b {
            Block::Heading(_, t) => {
                let style = theme.heading;
                self.para("", t, style);
            }
            Block::Para(inlines) => {
                let style = theme.text;
                self.para("", &self.flat(inlines), style);
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    match value.as_slice() {
                        [Inline::Phone(phone)] => self.number(label, phone),
                        _ => {
                            // A caution stands out, in words and in colour.
                            let style = if *label == self.app.msg.caution_label {
                                theme.heading
                            } else {
                                theme.text
                            };
                            self.para(&format!("{label}: "), &self.flat(value), style);
                        }
                    }
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    let style = theme.text;
                    self.para("• ", &self.flat(item), style);
                }
            }
            Block::Numbered(items) => {
                for (n, item) in items.iter().enumerate() {
                    let style = theme.text;
                    self.para(&format!("{}. ", n + 1), &self.flat(item), style);
                }
            }
            Block::Group(_, blocks) => {
                for (k, b) in blocks.iter().enumerate() {
                    if k > 0 {
                        self.blank();
                    }
                    self.block(b);
                }
            }
        }
    }

    /// A run of inline pieces as one text: a number never splits across lines, and on a
    /// terminal that reorders right-to-left text a short word keeps it after such text
    /// (see [`crate::tui::bidi`]).
    fn flat(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        for piece in inlines {
            match piece {
                Inline::Text(t) | Inline::Strong(t) => out.push_str(t),
                Inline::Phone(p) => {
                    if let Some(tel) = crate::tui::bidi::guard(&out, self.app.msg.tel) {
                        out.push_str(tel);
                        out.push(NBSP);
                    }
                    out.push_str(&p.display().replace(' ', &NBSP.to_string()));
                }
            }
        }
        out
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
