//! What the non-interactive commands print: JSON values (see `docs/json-output.md`),
//! plain text, and the handout formats of `heatwatch export` (text, Markdown, HTML,
//! vCard).
//!
//! Every string of a [`Directory`] is already cleaned of control characters at load
//! time; the writers here still escape what each format gives meaning to (Markdown
//! punctuation, HTML markup, vCard separators), so no directory text can change the
//! structure of a file.

pub mod card;
pub mod json;
pub mod qr;

pub use json::{hotline_value, hotlines_value, record_value, roles_value, search_value};

use crate::directory::{Directory, Hotline, Phone, PhoneKind, Provenance, RecordRef, Role};
use crate::i18n::cli::{self as messages_cli, CliMessages, fill};

/// Width the printable text handout is wrapped to.
pub const HANDOUT_WIDTH: usize = 78;

/// The caution every exported contact card carries, in English (see
/// [`CliMessages::contact_caution`] for every language).
pub const CONTACT_CAUTION: &str = messages_cli::EN.contact_caution;

const NBSP: char = '\u{a0}';

/// Terminal attributes for text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Whether headings are bold (plain ANSI SGR).
    pub bold: bool,
}

impl Style {
    /// `text`, bold when the style allows.
    #[must_use]
    pub fn strong(self, text: &str) -> String {
        if self.bold && !text.is_empty() {
            format!("\u{1b}[1m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
}

// ---------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------

/// The number to show beside a record, if it has one: a hotline's voice number, or a
/// service's first number that is not a fax.
#[must_use]
pub fn number_of(dir: &Directory, r: RecordRef) -> Option<&Phone> {
    match r {
        RecordRef::Hotline(i) => dir.hotlines.get(i).map(|h| &h.phone),
        RecordRef::Service(i) => dir
            .services
            .get(i)?
            .phones
            .iter()
            .find(|p| p.kind != PhoneKind::Fax)
            .map(|p| &p.phone),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// A small document model, rendered as text, Markdown or HTML
// ---------------------------------------------------------------------------------------

/// A piece of a paragraph.
#[derive(Debug, Clone)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasised text.
    Strong(String),
    /// A phone number: never split across lines, linked where it has a URI.
    Phone(Phone),
}

/// A block of a document.
#[derive(Debug, Clone)]
pub enum Block {
    /// A heading of level 1 to 4.
    Heading(u8, String),
    /// A paragraph.
    Para(Vec<Inline>),
    /// "Label: value" lines.
    Fields(Vec<(String, Vec<Inline>)>),
    /// A bulleted list.
    Bullets(Vec<Vec<Inline>>),
    /// A numbered list.
    Numbered(Vec<Vec<Inline>>),
    /// Blocks that belong together (an HTML `section` with this class).
    Group(&'static str, Vec<Block>),
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn para(s: impl Into<String>) -> Block {
    Block::Para(vec![text(s)])
}

/// Adds `label: value` when the value is present and not empty.
fn push_field(fields: &mut Vec<(String, Vec<Inline>)>, label: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        fields.push((label.to_owned(), vec![text(v)]));
    }
}

fn push_phone(fields: &mut Vec<(String, Vec<Inline>)>, label: &str, phone: Option<&Phone>) {
    if let Some(p) = phone {
        fields.push((label.to_owned(), vec![Inline::Phone(p.clone())]));
    }
}

fn source_line(dir: &Directory, id: &str, msg: &CliMessages) -> String {
    match dir.source(id) {
        Some(s) => {
            let mut t = s.title.clone();
            if let Some(p) = &s.publisher {
                t.push_str(&format!(" — {p}"));
            }
            if let Some(u) = &s.url {
                t.push_str(&format!(" ({u})"));
            }
            t.push_str(&format!(
                ", {} {}",
                msg.app.read_on,
                (msg.app.long_date)(s.retrieved)
            ));
            t
        }
        None => id.to_owned(),
    }
}

fn provenance_blocks(dir: &Directory, p: &Provenance, msg: &CliMessages, out: &mut Vec<Block>) {
    out.push(Block::Heading(2, msg.sources.to_owned()));
    out.push(Block::Bullets(
        p.source
            .iter()
            .map(|id| vec![text(source_line(dir, id, msg))])
            .collect(),
    ));
    let mut fields = Vec::new();
    push_field(
        &mut fields,
        msg.label_retrieved,
        Some(&p.retrieved.to_string()),
    );
    match p.verified {
        Some(v) => push_field(&mut fields, msg.label_verified, Some(&v.to_string())),
        None => push_field(
            &mut fields,
            msg.label_verified,
            Some(msg.not_verified_value),
        ),
    }
    out.push(Block::Fields(fields));
    if p.verified.is_none() {
        out.push(para(msg.app.not_verified));
    }
}

/// The note that the directory's text in `msg`'s language is a translation nobody has
/// reviewed yet, when the directory says so.
#[must_use]
pub fn unreviewed_block(dir: &Directory, msg: &CliMessages) -> Option<Block> {
    dir.meta
        .translations
        .iter()
        .any(|(code, reviewed)| code == msg.code && !reviewed)
        .then(|| para(msg.unreviewed_translation))
}

fn hotline_fields(h: &Hotline, with_flags: bool, msg: &CliMessages) -> Vec<(String, Vec<Inline>)> {
    let app = msg.app;
    let mut f = Vec::new();
    push_phone(&mut f, app.call, Some(&h.phone));
    push_field(&mut f, app.caution_label, h.caution.as_deref());
    push_phone(&mut f, app.text, h.text.as_ref());
    push_phone(&mut f, app.tty, h.tty.as_ref());
    push_field(&mut f, app.hours, h.hours.as_deref());
    if !h.languages.is_empty() {
        push_field(&mut f, app.languages, Some(&h.languages.join("; ")));
    }
    push_field(&mut f, app.operated_by, h.operator.as_deref());
    push_field(&mut f, app.web, h.url.as_deref());
    // A flag that is false means only that no source says so: it is not printed as
    // "no", which would be a claim nobody made.
    if with_flags {
        if h.anonymous {
            push_field(&mut f, msg.label_anonymous, Some(msg.yes_no(true)));
        }
        if h.confidential {
            push_field(
                &mut f,
                msg.label_confidential,
                Some(
                    h.confidentiality
                        .as_deref()
                        .unwrap_or_else(|| msg.yes_no(true)),
                ),
            );
        }
        if h.emergency {
            push_field(&mut f, msg.label_for_emergencies, Some(msg.yes_no(true)));
        }
    }
    f
}

/// What to say about a confidential hotline: what its sources say, limits included, after
/// the label, or the interface's plain sentence when the record gives nothing more.
#[must_use]
pub fn confidentiality_text(h: &Hotline, app: &crate::i18n::app::Messages) -> String {
    match &h.confidentiality {
        Some(c) => format!("{}: {c}", app.confidential_label),
        None => app.confidential_yes.to_owned(),
    }
}

/// Sentences saying what a hotline offers, for the handout.
fn hotline_flags(h: &Hotline, msg: &CliMessages) -> Option<String> {
    let mut parts = Vec::new();
    if h.emergency {
        parts.push(msg.app.for_emergencies.to_owned());
    }
    if h.anonymous {
        parts.push(msg.app.anonymous_yes.to_owned());
    }
    if h.confidential {
        parts.push(confidentiality_text(h, msg.app));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn hotline_call_item(h: &Hotline, msg: &CliMessages) -> Vec<Inline> {
    let mut v = vec![
        text(format!("{}: ", h.name)),
        Inline::Phone(h.phone.clone()),
    ];
    if let Some(c) = &h.caution {
        v.push(text(format!(" ({}: {c})", msg.app.caution_label)));
    }
    v
}

/// What one record says, in full: its title, the note on an unreviewed translation, its
/// fields and numbers, its text, next steps, who to call, and its sources and freshness
/// with the unverified notice. The one description of a record: `heatwatch show`, `y`,
/// and the app's detail pane all render it. With `ids` (the command line), the record's
/// kind and id, and the ids of the records it lists, which a person types there; the
/// note on an unreviewed translation says how to get the English text where it is read
/// (`--lang en` on the command line, the L key in the app).
#[must_use]
pub fn record_blocks(dir: &Directory, r: RecordRef, msg: &CliMessages, ids: bool) -> Vec<Block> {
    let app = msg.app;
    let mut out = vec![Block::Heading(1, dir.path_title(r))];
    out.extend(unreviewed_block(dir, msg).map(|b| {
        if ids {
            b
        } else {
            para(msg.app.unreviewed_translation)
        }
    }));
    let with_id = |name: &str, id: &str| {
        if ids {
            format!("{name} [{id}]")
        } else {
            name.to_owned()
        }
    };
    let mut head = Vec::new();
    if ids {
        push_field(&mut head, msg.label_kind, Some(msg.kind(r.kind())));
        push_field(&mut head, msg.label_id, dir.id_of(r));
    }
    match r {
        RecordRef::Hotline(i) => {
            let Some(h) = dir.hotlines.get(i) else {
                return out;
            };
            head.extend(hotline_fields(h, false, msg));
            out.push(Block::Fields(head));
            out.push(para(&h.purpose));
            // What the sources say the line offers, in sentences that say who says so.
            out.extend(hotline_flags(h, msg).map(para));
            if !h.notes.is_empty() {
                out.push(Block::Heading(2, app.notes.to_owned()));
                out.push(Block::Bullets(
                    h.notes.iter().map(|n| vec![text(n)]).collect(),
                ));
            }
        }
        RecordRef::Role(i) => {
            let Some(role) = dir.roles.get(i) else {
                return out;
            };
            out.push(Block::Fields(head));
            out.push(para(&role.summary));
            if !role.actions.is_empty() {
                out.push(Block::Heading(2, app.actions.to_owned()));
                out.push(Block::Bullets(
                    role.actions
                        .iter()
                        .map(|a| vec![text(with_id(&a.title, &a.id))])
                        .collect(),
                ));
            }
        }
        RecordRef::Action(ri, ai) => {
            let Some(role) = dir.roles.get(ri) else {
                return out;
            };
            let Some(a) = role.actions.get(ai) else {
                return out;
            };
            if ids {
                push_field(
                    &mut head,
                    msg.label_role,
                    Some(&with_id(&role.name, &role.id)),
                );
            }
            out.push(Block::Fields(head));
            out.push(para(&a.summary));
            if !a.next_steps.is_empty() {
                out.push(Block::Heading(2, app.next_steps.to_owned()));
                out.push(Block::Numbered(
                    a.next_steps.iter().map(|s| vec![text(s)]).collect(),
                ));
            }
            if !a.hotlines.is_empty() {
                out.push(Block::Heading(2, app.who_to_call.to_owned()));
                out.push(Block::Bullets(
                    a.hotlines
                        .iter()
                        .filter_map(|&h| dir.hotlines.get(h))
                        .map(|h| hotline_call_item(h, msg))
                        .collect(),
                ));
            }
        }
        RecordRef::Program => {
            let Some(p) = &dir.program else { return out };
            out.push(Block::Fields(head));
            out.push(para(&p.summary));
            if !p.strategy.is_empty() {
                out.push(Block::Heading(2, app.strategy.to_owned()));
                out.push(Block::Bullets(
                    p.strategy
                        .iter()
                        .map(|s| vec![text(with_id(&s.title, &s.id))])
                        .collect(),
                ));
            }
            if !p.endorsements.is_empty() {
                out.push(Block::Heading(2, app.endorsements.to_owned()));
                out.push(Block::Bullets(
                    p.endorsements
                        .iter()
                        .map(|e| vec![text(endorsement_text(e))])
                        .collect(),
                ));
            }
            if !p.people.is_empty() {
                out.push(Block::Heading(2, app.named_on_page.to_owned()));
                out.push(Block::Bullets(
                    p.people.iter().map(|n| vec![text(n)]).collect(),
                ));
            }
        }
        RecordRef::Strategy(i) => {
            out.push(Block::Fields(head));
            if let Some(s) = dir.program.as_ref().and_then(|p| p.strategy.get(i)) {
                out.push(para(&s.text));
            }
        }
        RecordRef::Endorsement(i) => {
            out.push(Block::Fields(head));
            if let Some(e) = dir.program.as_ref().and_then(|p| p.endorsements.get(i)) {
                out.push(para(endorsement_text(e)));
            }
        }
        RecordRef::Fact(i) => {
            out.push(Block::Fields(head));
            if let Some(f) = dir.facts.get(i) {
                out.push(para(&f.text));
            }
        }
        RecordRef::Event(i) => {
            let Some(e) = dir.events.as_ref().and_then(|e| e.get(i)) else {
                return out;
            };
            push_field(
                &mut head,
                app.date,
                e.date.map(|d| d.to_string()).as_deref(),
            );
            out.push(Block::Fields(head));
            out.push(para(&e.text));
        }
        RecordRef::Service(i) => {
            let Some(s) = dir.services.get(i) else {
                return out;
            };
            for p in &s.phones {
                let label = match p.kind {
                    PhoneKind::Voice => app.call,
                    PhoneKind::Text => app.text,
                    PhoneKind::Tty => app.tty,
                    PhoneKind::Fax => app.fax,
                };
                let label = match &p.label {
                    Some(l) => format!("{label} ({l})"),
                    None => label.to_owned(),
                };
                if p.kind == PhoneKind::Fax {
                    // Shown for completeness, never as a number to call.
                    push_field(&mut head, &label, Some(&p.phone.display()));
                } else {
                    push_phone(&mut head, &label, Some(&p.phone));
                }
            }
            push_field(&mut head, app.organization, s.organization.as_deref());
            push_field(&mut head, app.hours, s.hours.as_deref());
            if !s.languages.is_empty() {
                push_field(&mut head, app.languages, Some(&s.languages.join(", ")));
            }
            push_field(&mut head, app.area, s.area.as_deref());
            push_field(&mut head, app.address, s.address.as_deref());
            push_field(&mut head, app.web, s.url.as_deref());
            push_field(&mut head, app.email, s.email.as_deref());
            out.push(Block::Fields(head));
            out.push(para(&s.description));
        }
    }
    if let Some(p) = dir.provenance_of(r) {
        provenance_blocks(dir, p, msg, &mut out);
    }
    // A record with no field at all (a fact without ids) has no empty list of fields.
    out.retain(|b| !matches!(b, Block::Fields(f) if f.is_empty()));
    out
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

fn emergency_blocks(dir: &Directory, msg: &CliMessages) -> Vec<Block> {
    let mut v = vec![Block::Para(vec![
        Inline::Strong(format!("{}: ", msg.app.emergency)),
        Inline::Phone(dir.meta.emergency.clone()),
    ])];
    if let Some(s) = &dir.meta.safety_line {
        v.push(para(s));
    }
    v
}

/// Whether a hotline only repeats the emergency number the text already opens with
/// (the embedded directory's "Emergency — 911"): the text outputs give that number once.
fn repeats_emergency_number(h: &crate::directory::Hotline, dir: &Directory) -> bool {
    h.emergency
        && h.text.is_none()
        && h.tty.is_none()
        && h.phone.extension.is_none()
        && crate::directory::phone::digits(&h.phone.number)
            == crate::directory::phone::digits(&dir.meta.emergency.number)
}

/// The blocks of `heatwatch hotlines`.
#[must_use]
pub fn hotlines_blocks(dir: &Directory, msg: &CliMessages) -> Vec<Block> {
    let mut out = emergency_blocks(dir, msg);
    for h in dir
        .hotlines
        .iter()
        .filter(|h| !repeats_emergency_number(h, dir))
    {
        out.push(Block::Heading(2, h.name.clone()));
        let mut f = Vec::new();
        push_field(&mut f, msg.label_id, Some(&h.id));
        f.extend(hotline_fields(h, true, msg));
        out.push(Block::Fields(f));
        out.push(para(&h.purpose));
    }
    out.push(para(fill(
        msg.data_as_of,
        &[("date", &(msg.app.long_date)(dir.meta.retrieved))],
    )));
    out.extend(unreviewed_block(dir, msg));
    out
}

/// The blocks of `heatwatch roles`.
#[must_use]
pub fn roles_blocks(dir: &Directory, msg: &CliMessages) -> Vec<Block> {
    let mut out = Vec::new();
    for role in &dir.roles {
        out.push(Block::Heading(2, format!("{} [{}]", role.name, role.id)));
        out.push(para(&role.summary));
        if !role.actions.is_empty() {
            out.push(Block::Bullets(
                role.actions
                    .iter()
                    .map(|a| vec![text(format!("{} [{}]", a.title, a.id))])
                    .collect(),
            ));
        }
    }
    out.extend(unreviewed_block(dir, msg));
    out
}

/// The printable handout of `heatwatch export`: emergency number, hotlines, the actions
/// of one role (or all), then the as-of date and sources.
#[must_use]
pub fn handout_blocks(dir: &Directory, role: Option<usize>, msg: &CliMessages) -> Vec<Block> {
    let meta = &dir.meta;
    let mut out = vec![
        Block::Heading(1, meta.name.clone()),
        para(format!("{} — {}", meta.organization, meta.region)),
        Block::Group("emergency", emergency_blocks(dir, msg)),
    ];
    if let Some(n) = &meta.need_help {
        out.push(para(n));
    }

    out.push(Block::Heading(2, msg.handout_hotlines.to_owned()));
    for h in dir
        .hotlines
        .iter()
        .filter(|h| !repeats_emergency_number(h, dir))
    {
        let mut g = vec![
            Block::Heading(3, h.name.clone()),
            Block::Fields(hotline_fields(h, false, msg)),
            para(&h.purpose),
        ];
        if let Some(f) = hotline_flags(h, msg) {
            g.push(para(f));
        }
        if !h.notes.is_empty() {
            g.push(Block::Bullets(
                h.notes.iter().map(|n| vec![text(n)]).collect(),
            ));
        }
        out.push(Block::Group("hotline", g));
    }

    let roles: Vec<&Role> = match role {
        Some(i) => dir.roles.get(i).into_iter().collect(),
        None => dir.roles.iter().collect(),
    };
    if !roles.is_empty() {
        out.push(Block::Heading(2, msg.handout_what_you_can_do.to_owned()));
    }
    for role in roles {
        let mut g = vec![Block::Heading(3, role.name.clone()), para(&role.summary)];
        for a in &role.actions {
            let mut ag = vec![Block::Heading(4, a.title.clone()), para(&a.summary)];
            if !a.next_steps.is_empty() {
                ag.push(Block::Para(vec![Inline::Strong(format!(
                    "{}:",
                    msg.app.next_steps
                ))]));
                ag.push(Block::Numbered(
                    a.next_steps.iter().map(|s| vec![text(s)]).collect(),
                ));
            }
            let calls: Vec<Vec<Inline>> = a
                .hotlines
                .iter()
                .filter_map(|&h| dir.hotlines.get(h))
                .map(|h| hotline_call_item(h, msg))
                .collect();
            if !calls.is_empty() {
                ag.push(Block::Para(vec![Inline::Strong(format!(
                    "{}:",
                    msg.app.who_to_call
                ))]));
                ag.push(Block::Bullets(calls));
            }
            g.push(Block::Group("action", ag));
        }
        out.push(Block::Group("role", g));
    }

    out.push(Block::Heading(2, msg.handout_about.to_owned()));
    let mut about = vec![para(fill(
        msg.handout_made_by,
        &[
            ("version", env!("CARGO_PKG_VERSION")),
            ("name", &meta.name),
            ("region", &meta.region),
            ("date", &(msg.app.long_date)(meta.retrieved)),
        ],
    ))];
    let provenances: Vec<&Provenance> = dir
        .records()
        .into_iter()
        .filter_map(|r| dir.provenance_of(r))
        .collect();
    let verified = provenances.iter().filter(|p| p.verified.is_some()).count();
    about.push(para(if verified == 0 {
        msg.handout_none_verified.to_owned()
    } else {
        fill(
            msg.handout_some_verified,
            &[
                ("verified", &verified.to_string()),
                ("total", &provenances.len().to_string()),
            ],
        )
    }));
    about.extend(unreviewed_block(dir, msg));
    about.push(Block::Para(vec![Inline::Strong(format!(
        "{}:",
        msg.sources
    ))]));
    about.push(Block::Bullets(
        meta.sources
            .iter()
            .map(|s| {
                let mut line = source_line(dir, &s.id, msg);
                line.push('.');
                if let Some(n) = &s.note {
                    line.push(' ');
                    line.push_str(n);
                }
                vec![text(line)]
            })
            .collect(),
    ));
    out.push(Block::Group("sources", about));
    out
}

// --- text ------------------------------------------------------------------------------

/// How blocks are rendered as text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Wrap paragraphs to this width; `None` leaves lines whole (best for screen readers
    /// and pipes).
    pub width: Option<usize>,
    /// Bold headings.
    pub style: Style,
    /// Show the `tel:` form after each number.
    pub uris: bool,
    /// Underline headings of levels 1 to 3 (`===`, `---`, `~~~`), for print.
    pub rules: bool,
}

struct TextWriter {
    opts: TextOptions,
    out: String,
    /// Whether a blank line goes before the next block.
    gap: bool,
}

impl TextWriter {
    fn inlines(&self, items: &[Inline]) -> String {
        let mut s = String::new();
        for i in items {
            match i {
                Inline::Text(t) => s.push_str(t),
                Inline::Strong(t) => s.push_str(&self.opts.style.strong(t)),
                Inline::Phone(p) => {
                    let shown = p.display();
                    if self.opts.width.is_some() {
                        s.push_str(&shown.replace(' ', &NBSP.to_string()));
                    } else {
                        s.push_str(&shown);
                    }
                    if self.opts.uris
                        && let Some(u) = &p.uri
                    {
                        s.push_str(&format!(" ({u})"));
                    }
                }
            }
        }
        s
    }

    fn line(&mut self, prefix: &str, body: &str) {
        match self.opts.width {
            Some(w) => {
                let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(prefix));
                let opts = textwrap::Options::new(w.max(20))
                    .initial_indent(prefix)
                    .subsequent_indent(&indent)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
                    .break_words(false);
                for l in textwrap::wrap(body, opts) {
                    self.out.push_str(&l.replace(NBSP, " "));
                    self.out.push('\n');
                }
            }
            None => {
                self.out.push_str(prefix);
                self.out.push_str(body);
                self.out.push('\n');
            }
        }
    }

    fn start_block(&mut self) {
        if self.gap {
            self.out.push('\n');
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Group(_, inner) => {
                self.blocks(inner);
                return;
            }
            Block::Fields(f) if f.is_empty() => return,
            Block::Bullets(v) | Block::Numbered(v) if v.is_empty() => return,
            _ => {}
        }
        self.start_block();
        match b {
            Block::Heading(level, t) => {
                let shown = self.opts.style.strong(t);
                self.line("", &shown);
                if self.opts.rules && *level <= 3 {
                    let w = unicode_width::UnicodeWidthStr::width(t.as_str())
                        .min(self.opts.width.unwrap_or(usize::MAX));
                    let c = match level {
                        1 => "=",
                        2 => "-",
                        _ => "~",
                    };
                    self.out.push_str(&c.repeat(w));
                    self.out.push('\n');
                }
                self.gap = false;
                return;
            }
            Block::Para(items) => {
                let s = self.inlines(items);
                self.line("", &s);
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let s = format!("{label}: {}", self.inlines(value));
                    self.line("", &s);
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    let s = self.inlines(item);
                    self.line("- ", &s);
                }
            }
            Block::Numbered(items) => {
                for (n, item) in items.iter().enumerate() {
                    let s = self.inlines(item);
                    self.line(&format!("{}. ", n + 1), &s);
                }
            }
            Block::Group(..) => {}
        }
        self.gap = true;
    }
}

/// Renders blocks as plain text.
#[must_use]
pub fn render_text(blocks: &[Block], opts: TextOptions) -> String {
    let mut w = TextWriter {
        opts,
        out: String::new(),
        gap: false,
    };
    w.blocks(blocks);
    w.out
}

// --- Markdown --------------------------------------------------------------------------

/// Escapes text for Markdown: every character CommonMark could read as markup is
/// backslash-escaped, and so is anything that would start a list or heading.
#[must_use]
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '&'
                | '!'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make the start of a line a list item, heading rule or numbered
/// item.
fn markdown_line_start(s: String) -> String {
    let first = s.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        return format!("\\{s}");
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = s.get(digits..).unwrap_or_default();
        if rest.starts_with('.') || rest.starts_with(')') {
            return format!("{}\\{}", s.get(..digits).unwrap_or_default(), rest);
        }
    }
    s
}

fn markdown_inlines(items: &[Inline]) -> String {
    let mut s = String::new();
    for i in items {
        match i {
            Inline::Text(t) => s.push_str(&markdown_escape(t)),
            Inline::Strong(t) => {
                // Emphasis may not end in a space: keep the space outside.
                let trimmed = t.trim_end();
                s.push_str(&format!("**{}**", markdown_escape(trimmed)));
                if trimmed.len() < t.len() {
                    s.push(' ');
                }
            }
            Inline::Phone(p) => match &p.uri {
                Some(u) => s.push_str(&format!("[{}]({u})", markdown_escape(&p.display()))),
                None => s.push_str(&markdown_escape(&p.display())),
            },
        }
    }
    markdown_line_start(s)
}

fn markdown_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Group(_, inner) => {
                markdown_blocks(inner, out);
                continue;
            }
            Block::Fields(f) if f.is_empty() => continue,
            Block::Bullets(v) | Block::Numbered(v) if v.is_empty() => continue,
            _ => {}
        }
        if !out.is_empty() {
            out.push('\n');
        }
        match b {
            Block::Heading(level, t) => {
                let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
                out.push_str(&format!("{hashes} {}\n", markdown_escape(t)));
            }
            Block::Para(items) => {
                out.push_str(&markdown_inlines(items));
                out.push('\n');
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    out.push_str(&format!(
                        "- **{}:** {}\n",
                        markdown_escape(label),
                        markdown_inlines(value)
                    ));
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", markdown_inlines(item)));
                }
            }
            Block::Numbered(items) => {
                for (n, item) in items.iter().enumerate() {
                    out.push_str(&format!("{}. {}\n", n + 1, markdown_inlines(item)));
                }
            }
            Block::Group(..) => {}
        }
    }
}

/// Renders blocks as Markdown.
#[must_use]
pub fn render_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    markdown_blocks(blocks, &mut out);
    out
}

// --- HTML ------------------------------------------------------------------------------

/// Escapes text for HTML content and attribute values.
#[must_use]
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html_inlines(items: &[Inline]) -> String {
    let mut s = String::new();
    for i in items {
        match i {
            Inline::Text(t) => s.push_str(&html_escape(t)),
            Inline::Strong(t) => s.push_str(&format!("<strong>{}</strong>", html_escape(t))),
            Inline::Phone(p) => match &p.uri {
                Some(u) => s.push_str(&format!(
                    "<a class=\"phone\" href=\"{}\">{}</a>",
                    html_escape(u),
                    html_escape(&p.display())
                )),
                None => s.push_str(&format!(
                    "<span class=\"phone\">{}</span>",
                    html_escape(&p.display())
                )),
            },
        }
    }
    s
}

fn html_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Heading(level, t) => {
                let l = (*level).clamp(1, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", html_escape(t)));
            }
            Block::Para(items) => {
                out.push_str(&format!("<p>{}</p>\n", html_inlines(items)));
            }
            Block::Fields(fields) => {
                if fields.is_empty() {
                    continue;
                }
                out.push_str("<dl>\n");
                for (label, value) in fields {
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>\n",
                        html_escape(label),
                        html_inlines(value)
                    ));
                }
                out.push_str("</dl>\n");
            }
            Block::Bullets(items) | Block::Numbered(items) => {
                if items.is_empty() {
                    continue;
                }
                let tag = if matches!(b, Block::Numbered(_)) {
                    "ol"
                } else {
                    "ul"
                };
                out.push_str(&format!("<{tag}>\n"));
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", html_inlines(item)));
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Group(class, inner) => {
                out.push_str(&format!("<section class=\"{}\">\n", html_escape(class)));
                html_blocks(inner, out);
                out.push_str("</section>\n");
            }
        }
    }
}

const HTML_STYLE: &str = "\
:root { color-scheme: light; }
body { font: 12pt/1.45 system-ui, -apple-system, \"Segoe UI\", Roboto, Helvetica, Arial, sans-serif;
  color: #111; background: #fff; max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #111; padding-bottom: .15rem; margin: 1.75rem 0 .5rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 .25rem; }
h4 { font-size: 1rem; margin: .75rem 0 .25rem; }
p { margin: .35rem 0; }
a { color: inherit; }
.phone { white-space: nowrap; font-weight: 700; }
.emergency { border: 3px solid #111; padding: .5rem 1rem; margin: 1rem 0; font-size: 1.2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .35rem 0; }
dt { font-weight: 700; }
dd { margin: 0; }
ul, ol { margin: .35rem 0; padding-left: 1.5rem; }
.hotline, .action { break-inside: avoid; page-break-inside: avoid; }
.sources { font-size: .95rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { text-decoration: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .emergency { border-width: 2pt; }
}
";

/// Renders blocks as one self-contained HTML page: inline CSS, no scripts, no
/// external resources.
#[must_use]
pub fn render_html(title: &str, lang: &str, blocks: &[Block]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        html_escape(lang)
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", html_escape(title)));
    out.push_str("<style>\n");
    out.push_str(HTML_STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    html_blocks(blocks, &mut out);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

// --- vCard -----------------------------------------------------------------------------

/// Escapes a vCard 4.0 (RFC 6350) value: backslash, comma and newline always; the
/// semicolon only in a `component` of a structured value (`N`, `ORG`), since the `text`
/// grammar has no `\;`.
fn vcard_escape_value(s: &str, component: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' if component => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes a vCard 4.0 `text` value (`FN`, `NOTE`, a `TEL` written as text).
fn vcard_escape(s: &str) -> String {
    vcard_escape_value(s, false)
}

/// Escapes one component of a structured vCard 4.0 value (`N`, `ORG`).
fn vcard_component(s: &str) -> String {
    vcard_escape_value(s, true)
}

/// Folds a content line to at most 75 octets per physical line (RFC 6350, 3.2), never
/// splitting a UTF-8 character, and ends it with CRLF.
fn vcard_fold(line: &str, out: &mut String) {
    let mut used = 0usize;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        // An escape ("\,", "\n") stays on one line, for readers that unfold late.
        let mut unit = String::from(c);
        if c == '\\'
            && let Some(next) = chars.next()
        {
            unit.push(next);
        }
        if used + unit.len() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push_str(&unit);
        used += unit.len();
    }
    out.push_str("\r\n");
}

/// A TEL property (RFC 6350, 6.4.1) of the given type. A number with a global `tel:`
/// URI (`tel:+…`, an extension as `;ext=`) is written as a URI value
/// (`TEL;VALUE=uri;TYPE=voice:tel:+1…`), as RFC 6350 recommends; any other number (a short
/// code such as 911 or 711, or one whose digits leave doubt) is written as the free-form
/// text value the property allows by default, with a comma (a pause) before its extension.
/// A local `tel:911` would need a `phone-context` (RFC 3966) that the directory cannot
/// give.
fn vcard_tel(kind: &str, p: &Phone) -> String {
    let global = p.uri.as_deref().and_then(|u| {
        let bare = u.strip_prefix("tel:").or_else(|| u.strip_prefix("sms:"))?;
        bare.starts_with('+').then(|| format!("tel:{bare}"))
    });
    if let Some(uri) = global {
        return format!("TEL;VALUE=uri;TYPE={kind}:{uri}");
    }
    let ext = p
        .extension
        .as_deref()
        .map(crate::directory::phone::digits)
        .filter(|d| !d.is_empty());
    let text = match ext {
        Some(e) => format!("{},{e}", p.number),
        None => p.number.clone(),
    };
    format!("TEL;TYPE={kind}:{}", vcard_escape(&text))
}

/// One vCard 4.0 (RFC 6350) card per hotline, CRLF line endings, lines folded at 75
/// octets. Every card's NOTE starts with
/// the contact caution ([`CONTACT_CAUTION`] in English).
#[must_use]
pub fn render_vcard(dir: &Directory, msg: &CliMessages) -> String {
    let app = msg.app;
    let unreviewed = unreviewed_block(dir, msg).is_some();
    let mut out = String::new();
    for h in &dir.hotlines {
        let mut note = vec![msg.contact_caution.to_owned()];
        if let Some(c) = &h.caution {
            note.push(format!("{}: {c}", app.caution_label));
        }
        note.push(h.purpose.clone());
        if let Some(f) = hotline_flags(h, msg) {
            note.push(f);
        }
        if let Some(hours) = &h.hours {
            note.push(format!("{}: {hours}", app.hours));
        }
        if !h.languages.is_empty() {
            note.push(format!("{}: {}", app.languages, h.languages.join("; ")));
        }
        if let Some(t) = &h.text {
            note.push(format!("{}: {}", app.text, t.display()));
        }
        if let Some(t) = &h.tty {
            note.push(format!("{}: {}", app.tty, t.display()));
        }
        if let Some(u) = &h.url {
            note.push(format!("{}: {u}", app.web));
        }
        note.push(fill(
            msg.vcard_from,
            &[
                ("name", &dir.meta.name),
                ("region", &dir.meta.region),
                ("date", &(msg.app.long_date)(h.provenance.retrieved)),
            ],
        ));
        if unreviewed {
            note.push(msg.unreviewed_translation.to_owned());
        }
        let mut lines = vec![
            "BEGIN:VCARD".to_owned(),
            "VERSION:4.0".to_owned(),
            format!("N:{};;;;", vcard_component(&h.name)),
            format!("FN:{}", vcard_escape(&h.name)),
        ];
        if let Some(op) = &h.operator {
            lines.push(format!("ORG:{}", vcard_component(op)));
        }
        lines.push(vcard_tel("voice", &h.phone));
        if let Some(t) = &h.text {
            lines.push(vcard_tel("text", t));
        }
        if let Some(t) = &h.tty {
            lines.push(vcard_tel("textphone", t));
        }
        let note: Vec<String> = note.iter().map(|n| vcard_escape(n)).collect();
        lines.push(format!("NOTE:{}", note.join("\\n")));
        lines.push("END:VCARD".to_owned());
        for l in &lines {
            vcard_fold(l, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup_and_line_starts() {
        assert_eq!(
            markdown_escape("a *b* [c](d) <e>"),
            "a \\*b\\* \\[c\\](d) \\<e\\>"
        );
        assert_eq!(markdown_line_start("- x".to_owned()), "\\- x");
        assert_eq!(markdown_line_start("12. x".to_owned()), "12\\. x");
        assert_eq!(markdown_line_start("83% x".to_owned()), "83% x");
    }

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html_escape("<script>\"'&"),
            "&lt;script&gt;&quot;&#39;&amp;"
        );
    }

    #[test]
    fn vcard_folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("NOTE:{}", "é".repeat(100));
        vcard_fold(&line, &mut out);
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn vcard_escapes_separators() {
        // vCard 4.0: `text` has no `\;`; a component of N or ORG escapes it.
        assert_eq!(vcard_escape("a,b;c\\d\ne"), "a\\,b;c\\\\d\\ne");
        assert_eq!(vcard_component("a,b;c\\d"), "a\\,b\\;c\\\\d");
    }

    #[test]
    fn strong_is_plain_without_bold() {
        assert_eq!(Style { bold: false }.strong("x"), "x");
        assert_eq!(Style { bold: true }.strong("x"), "\u{1b}[1mx\u{1b}[0m");
    }
}
