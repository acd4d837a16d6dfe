//! What the non-interactive commands print: JSON values (see `docs/json-output.md`),
//! plain text, and the handout formats of `heatwatch export` (text, Markdown, HTML,
//! vCard).
//!
//! Every string of a [`Directory`] is already cleaned of control characters at load
//! time; the writers here still escape what each format gives meaning to (Markdown
//! punctuation, HTML markup, vCard separators), so no directory text can change the
//! structure of a file.

pub mod card;
mod html;
pub mod json;
mod lists;
mod markdown;
pub mod qr;
mod text;
mod vcard;

pub use html::{html_escape, render_html};
pub use lists::{handout_blocks, hotlines_blocks, roles_blocks};
pub use markdown::{markdown_escape, render_markdown};
pub use text::{TextOptions, render_text};
pub use vcard::render_vcard;

#[cfg(test)]
use {markdown::*, vcard::*};

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

// --- text ------------------------------------------------------------------------------

// --- Markdown --------------------------------------------------------------------------

// --- HTML ------------------------------------------------------------------------------

// --- vCard -----------------------------------------------------------------------------

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
