//! Layered directories (`--data A --data B`, `--with-embedded`) and comparing two
//! directory files (`heatwatch diff OLD NEW`).
//!
//! Each file is loaded and checked on its own first, so every reference resolves within
//! its file; layering then appends records in file order. The first file gives the
//! directory's name, region, country and emergency number. Ids must be unique across
//! all the files: a collision is an error naming both files. Source ids are per file; a
//! later file's source whose id is taken (by a different source) is renamed `id~N`.

use std::collections::HashMap;

use serde_json::Value;

use super::load::path_of;
use super::model::{Directory, Provenance, RecordRef, Shared};
use super::problems;
use super::raw::RawFile;
use super::sanitize::{clean, escape};
use crate::i18n::cli::fill;

pub use super::model::Layer;

/// The name shown for the embedded directory as a layer.
pub const EMBEDDED_LAYER: &str = "built-in directory";

/// An id used by two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The id.
    pub id: String,
    /// The earlier file and the record's path in it.
    pub first: (String, String),
    /// The later file and the record's path in it.
    pub second: (String, String),
}

/// Why files cannot be layered. Shown as it is (`Display`), in English; see
/// [`LayerError::worded`] for another language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayerError {
    /// Ids used by more than one file.
    #[error("{}", self.worded(&problems::EN))]
    Collisions(Vec<Collision>),
    /// Two files each describe a program; a directory has one.
    #[error("{}", self.worded(&problems::EN))]
    TwoPrograms {
        /// The file with the first program.
        first: String,
        /// The file with the second.
        second: String,
    },
}

impl LayerError {
    /// Why the files cannot be layered, in the language of `m`.
    #[must_use]
    pub fn worded(&self, m: &problems::ProblemMessages) -> String {
        // The embedded directory is named in the language of the message.
        let file = |name: &str| {
            if name == EMBEDDED_LAYER {
                m.embedded_layer.to_owned()
            } else {
                escape(name)
            }
        };
        match self {
            Self::Collisions(list) => {
                let n = list.len();
                let heading = if n == 1 {
                    m.layer_collisions_one
                } else {
                    m.layer_collisions_many
                };
                let mut out = fill(heading, &[("n", &n.to_string())]);
                for (i, c) in list.iter().take(5).enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(&fill(
                        m.layer_collision,
                        &[
                            ("id", &escape(&c.id)),
                            ("first_path", &c.first.1),
                            ("first_file", &file(&c.first.0)),
                            ("second_path", &c.second.1),
                            ("second_file", &file(&c.second.0)),
                        ],
                    ));
                }
                if n > 5 {
                    out.push_str(&fill(m.layer_and_more, &[("n", &(n - 5).to_string())]));
                }
                out.push_str(m.layer_collisions_fix);
                out
            }
            Self::TwoPrograms { first, second } => fill(
                m.layer_two_programs,
                &[("first", &file(first)), ("second", &file(second))],
            ),
        }
    }
}

impl Directory {
    /// The file a record came from, when the directory was loaded from files.
    #[must_use]
    pub fn origin_of(&self, r: RecordRef) -> Option<&str> {
        self.layer_of(r).map(|(_, l)| l.name.as_str())
    }

    fn layer_of(&self, r: RecordRef) -> Option<(usize, &Layer)> {
        let pick = |start: fn(&Layer) -> usize, i: usize| {
            self.layers
                .iter()
                .enumerate()
                .rev()
                .find(|(_, l)| start(l) <= i)
        };
        match r {
            RecordRef::Hotline(i) => pick(|l| l.hotlines, i),
            RecordRef::Program | RecordRef::Strategy(_) | RecordRef::Endorsement(_) => {
                self.layers.iter().enumerate().find(|(_, l)| l.program)
            }
            RecordRef::Fact(i) => pick(|l| l.facts, i),
            RecordRef::Role(i) | RecordRef::Action(i, _) => pick(|l| l.roles, i),
            RecordRef::Event(i) => pick(|l| l.events, i),
            RecordRef::Service(i) => pick(|l| l.services, i),
        }
    }

    /// The record's path within the file it came from.
    fn local_path(&self, r: RecordRef) -> String {
        let Some((_, l)) = self.layer_of(r) else {
            return path_of(r);
        };
        path_of(match r {
            RecordRef::Hotline(i) => RecordRef::Hotline(i - l.hotlines),
            RecordRef::Fact(i) => RecordRef::Fact(i - l.facts),
            RecordRef::Role(i) => RecordRef::Role(i - l.roles),
            RecordRef::Action(i, a) => RecordRef::Action(i - l.roles, a),
            RecordRef::Event(i) => RecordRef::Event(i - l.events),
            RecordRef::Service(i) => RecordRef::Service(i - l.services),
            other => other,
        })
    }
}

fn shift(r: RecordRef, by: &Layer) -> RecordRef {
    match r {
        RecordRef::Hotline(i) => RecordRef::Hotline(i + by.hotlines),
        RecordRef::Fact(i) => RecordRef::Fact(i + by.facts),
        RecordRef::Role(i) => RecordRef::Role(i + by.roles),
        RecordRef::Action(i, a) => RecordRef::Action(i + by.roles, a),
        RecordRef::Event(i) => RecordRef::Event(i + by.events),
        RecordRef::Service(i) => RecordRef::Service(i + by.services),
        other => other,
    }
}

fn rename_sources(p: &mut Provenance, renamed: &HashMap<String, String>) {
    for s in &mut p.source {
        if let Some(new) = renamed.get(s.as_str()) {
            *s = Shared::from(new.as_str());
        }
    }
}

/// Layers loaded directories, in order: `(name, directory)` each. One directory comes
/// back as it is, with its name recorded as the origin of its records.
///
/// # Errors
/// Ids used in two files (every collision, each naming both files), or two programs.
pub fn layer(layers: Vec<(String, Directory)>) -> Result<Directory, LayerError> {
    let mut it = layers.into_iter();
    let Some((first_name, mut acc)) = it.next() else {
        return Err(LayerError::Collisions(Vec::new()));
    };
    acc.layers = vec![Layer {
        name: first_name,
        program: acc.program.is_some(),
        ..Layer::default()
    }];
    let mut collisions = Vec::new();
    for (name, mut d) in it {
        let at = Layer {
            name: name.clone(),
            hotlines: acc.hotlines.len(),
            facts: acc.facts.len(),
            roles: acc.roles.len(),
            events: acc.events.as_ref().map_or(0, Vec::len),
            services: acc.services.len(),
            program: d.program.is_some(),
        };
        if acc.program.is_some() && d.program.is_some() {
            let first = acc
                .layers
                .iter()
                .find(|l| l.program)
                .map(|l| l.name.clone())
                .unwrap_or_default();
            return Err(LayerError::TwoPrograms {
                first,
                second: name,
            });
        }
        // Ids across files.
        let mut ids: Vec<(&String, &RecordRef)> = d.ids.iter().collect();
        ids.sort_by_key(|(_, r)| path_of(**r));
        for (id, r) in ids {
            if let Some(existing) = acc.ids.get(id) {
                collisions.push(Collision {
                    id: id.clone(),
                    first: (
                        acc.origin_of(*existing).unwrap_or_default().to_owned(),
                        acc.local_path(*existing),
                    ),
                    second: (name.clone(), path_of(*r)),
                });
            }
        }
        // Source ids are per file: rename a later file's source whose id is taken by a
        // different source; share one that is the same.
        let mut renamed: HashMap<String, String> = HashMap::new();
        for mut s in std::mem::take(&mut d.meta.sources) {
            match acc.meta.sources.iter().find(|a| a.id == s.id) {
                None => acc.meta.sources.push(s),
                Some(a)
                    if a.title == s.title
                        && a.url == s.url
                        && a.publisher == s.publisher
                        && a.file == s.file
                        && a.note == s.note
                        && a.retrieved == s.retrieved => {}
                Some(_) => {
                    let mut n = 2;
                    let new = loop {
                        let candidate = format!("{}~{n}", s.id);
                        if !acc.meta.sources.iter().any(|a| a.id == candidate) {
                            break candidate;
                        }
                        n += 1;
                    };
                    renamed.insert(s.id.clone(), new.clone());
                    s.id = new;
                    acc.meta.sources.push(s);
                }
            }
        }
        if !renamed.is_empty() {
            for h in &mut d.hotlines {
                rename_sources(&mut h.provenance, &renamed);
            }
            if let Some(p) = &mut d.program {
                rename_sources(&mut p.provenance, &renamed);
            }
            for f in &mut d.facts {
                rename_sources(&mut f.provenance, &renamed);
            }
            for r in &mut d.roles {
                rename_sources(&mut r.provenance, &renamed);
                for a in &mut r.actions {
                    rename_sources(&mut a.provenance, &renamed);
                }
            }
            for e in d.events.iter_mut().flatten() {
                rename_sources(&mut e.provenance, &renamed);
            }
            for s in &mut d.services {
                rename_sources(&mut s.provenance, &renamed);
            }
        }
        for role in &mut d.roles {
            for a in &mut role.actions {
                for h in &mut a.hotlines {
                    *h += at.hotlines;
                }
            }
        }
        for (id, r) in d.ids {
            acc.ids.entry(id).or_insert_with(|| shift(r, &at));
        }
        acc.hotlines.append(&mut d.hotlines);
        if d.program.is_some() {
            acc.program = d.program.take();
        }
        acc.facts.append(&mut d.facts);
        acc.roles.append(&mut d.roles);
        acc.events = match (acc.events.take(), d.events.take()) {
            (None, None) => None,
            (a, b) => {
                let mut all = a.unwrap_or_default();
                all.extend(b.unwrap_or_default());
                Some(all)
            }
        };
        acc.services.append(&mut d.services);
        acc.layers.push(at);
    }
    if collisions.is_empty() {
        Ok(acc)
    } else {
        Err(LayerError::Collisions(collisions))
    }
}

// --- diff ------------------------------------------------------------------------------

/// A record of a directory file, as compared by `heatwatch diff`.
#[derive(Debug, Clone, PartialEq)]
struct Record {
    kind: &'static str,
    id: String,
    title: String,
    /// The record's fields as the file writes them, without its id, its `retrieved`
    /// date and the records nested in it.
    fields: serde_json::Map<String, Value>,
    /// Its phone numbers, as shown.
    phones: Vec<String>,
}

/// What changed in one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Kind of record.
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// Its title in the new file.
    pub title: String,
    /// The fields that changed, as the file names them.
    pub fields: Vec<String>,
    /// Old and new phone numbers, when they changed.
    pub phones: Option<(Vec<String>, Vec<String>)>,
    /// Phone numbers written in the free text of a field (a purpose, notes, a safety
    /// line…) in one file and not the other, field by field.
    pub text_numbers: Vec<TextNumbers>,
    /// Old and new value of every changed field, in the order of `fields`.
    pub values: Vec<FieldValues>,
}

/// Numbers written in one field's text in one file only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextNumbers {
    /// The field, as the file names it.
    pub field: String,
    /// Numbers only in the old file's text, as written there.
    pub old: Vec<String>,
    /// Numbers only in the new file's text, as written there.
    pub new: Vec<String>,
}

/// The old and new value of one changed field, cleaned for display: text as it is,
/// other values as compact JSON; `None` when the field is absent from that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValues {
    /// The field, as the file names it.
    pub field: String,
    /// Its value in the old file.
    pub old: Option<String>,
    /// Its value in the new file.
    pub new: Option<String>,
}

/// Fields that hold phone numbers as such; their changes are shown as numbers, and
/// their text is not searched for numbers again.
const NUMBER_FIELDS: [&str; 6] = [
    "phone",
    "extension",
    "text",
    "tty",
    "phones",
    "emergency_number",
];

/// A field's value shown in a diff.
fn shown_value(v: &Value) -> String {
    match v {
        Value::String(s) => clean(s),
        other => clean(&other.to_string()),
    }
}

/// Three-digit numbers dialled as such: the N11 codes, 988 and 112.
const SHORT_NUMBERS: [&str; 10] = [
    "211", "311", "411", "511", "611", "711", "811", "911", "988", "112",
];

/// Phone numbers written in a text: runs of digits and phone punctuation holding a
/// three-digit short number ([`SHORT_NUMBERS`]) or 7 to 15 digits, not part of a word, a
/// web address or an ISO date. Returned as written (trimmed), one per run.
#[must_use]
pub fn numbers_in_text(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        let starts = c.is_ascii_digit() || ((c == '+' || c == '(') && next_is_digit(&chars, i));
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let free = before.is_none_or(|b| !(b.is_alphanumeric() || "/=_&?#:.-+".contains(b)));
        if !(starts && free) {
            i += 1;
            continue;
        }
        let mut j = i;
        while chars
            .get(j)
            .is_some_and(|c| c.is_ascii_digit() || " ()-./+\u{a0}".contains(*c))
        {
            j += 1;
        }
        let run: String = chars.get(i..j).unwrap_or_default().iter().collect();
        let run = run
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .to_owned();
        let after = chars.get(i + run.chars().count()).copied();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let word = after.is_some_and(char::is_alphanumeric);
        let date = is_iso_date(&run);
        if !word && !date && (SHORT_NUMBERS.contains(&run.as_str()) || (7..=15).contains(&digits)) {
            out.push(run.trim().to_owned());
        }
        i = j.max(i + 1);
    }
    out
}

fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

/// Whether a run starts like `2026-12-04`.
fn is_iso_date(run: &str) -> bool {
    let b = run.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(k, c)| {
            if k == 4 || k == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Every string inside a value (texts in several languages included).
fn texts_of<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| texts_of(x, out)),
        Value::Object(m) => m.values().for_each(|x| texts_of(x, out)),
        _ => {}
    }
}

/// Numbers written in a field's text, as written, keyed by their digits.
fn field_numbers(v: Option<&Value>) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    if let Some(v) = v {
        texts_of(v, &mut texts);
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for t in texts {
        for n in numbers_in_text(t) {
            let d = super::phone::digits(&n);
            if !out.iter().any(|(k, _)| *k == d) {
                out.push((d, clean(&n)));
            }
        }
    }
    out
}

/// Numbers in the text of `field` in one file and not the other.
fn text_numbers_of(field: &str, old: Option<&Value>, new: Option<&Value>) -> Option<TextNumbers> {
    if NUMBER_FIELDS.contains(&field) {
        return None;
    }
    let a = field_numbers(old);
    let b = field_numbers(new);
    let only = |x: &[(String, String)], y: &[(String, String)]| -> Vec<String> {
        x.iter()
            .filter(|(d, _)| !y.iter().any(|(e, _)| e == d))
            .map(|(_, n)| n.clone())
            .collect()
    };
    let (o, n) = (only(&a, &b), only(&b, &a));
    (!o.is_empty() || !n.is_empty()).then(|| TextNumbers {
        field: field.to_owned(),
        old: o,
        new: n,
    })
}

/// The difference between two directory files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Records only in the new file: kind, id, title.
    pub added: Vec<(&'static str, String, String)>,
    /// Records only in the old file: kind, id, title.
    pub removed: Vec<(&'static str, String, String)>,
    /// Records in both that differ: those whose phone numbers changed, or whose text
    /// gained or lost a number, first.
    pub changed: Vec<Change>,
}

fn fields_of<T: serde::Serialize>(v: &T, drop: &[&str]) -> serde_json::Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(mut m)) => {
            for k in drop {
                m.remove(*k);
            }
            m
        }
        _ => serde_json::Map::new(),
    }
}

fn number(n: &str, ext: Option<&String>) -> String {
    match ext {
        Some(e) => format!("{} ext. {}", clean(n), clean(e)),
        None => clean(n),
    }
}

/// A record's title, as a text field of the file or a plain string.
trait Title {
    fn in_language<'a>(&'a self, language: &str) -> &'a str;
}

impl Title for super::text::Text {
    fn in_language<'a>(&'a self, language: &str) -> &'a str {
        self.get(language)
    }
}

impl Title for String {
    fn in_language<'a>(&'a self, _: &str) -> &'a str {
        self
    }
}

fn records_of(raw: &RawFile, language: &str) -> Vec<Record> {
    let words = problems::for_language(language);
    let say = |pick: problems::Pick, values: &[(&str, &str)]| fill(pick(words), values);
    let mut out = Vec::new();
    let rec = |kind, id: &str, title: &dyn Title, fields, phones| Record {
        kind,
        id: clean(id),
        title: clean(title.in_language(language)),
        fields,
        phones,
    };
    let m = &raw.directory;
    out.push(rec(
        "directory",
        "directory",
        &m.name,
        fields_of(m, &["retrieved", "sources"]),
        vec![say(
            |m| m.diff_emergency,
            &[("number", &clean(&m.emergency_number))],
        )],
    ));
    for h in &raw.hotlines {
        let mut phones = vec![number(&h.phone, h.extension.as_ref())];
        phones.extend(
            h.text
                .iter()
                .map(|t| say(|m| m.diff_text, &[("number", &clean(t))])),
        );
        phones.extend(
            h.tty
                .iter()
                .map(|t| say(|m| m.diff_tty, &[("number", &clean(t))])),
        );
        out.push(rec(
            "hotline",
            &h.id,
            &h.name,
            fields_of(h, &["id", "retrieved"]),
            phones,
        ));
    }
    if let Some(p) = &raw.program {
        out.push(rec(
            "program",
            &p.id,
            &p.name,
            fields_of(p, &["id", "retrieved", "strategy", "endorsements"]),
            Vec::new(),
        ));
        for s in &p.strategy {
            out.push(rec(
                "strategy",
                &s.id,
                &s.title,
                fields_of(s, &["id"]),
                Vec::new(),
            ));
        }
        for e in &p.endorsements {
            out.push(rec(
                "endorsement",
                &e.id,
                &e.speaker,
                fields_of(e, &["id"]),
                Vec::new(),
            ));
        }
    }
    for f in &raw.facts {
        out.push(rec(
            "fact",
            &f.id,
            &f.title,
            fields_of(f, &["id", "retrieved"]),
            Vec::new(),
        ));
    }
    for r in &raw.roles {
        out.push(rec(
            "role",
            &r.id,
            &r.name,
            fields_of(r, &["id", "retrieved", "actions"]),
            Vec::new(),
        ));
        for a in &r.actions {
            out.push(rec(
                "action",
                &a.id,
                &a.title,
                fields_of(a, &["id", "retrieved"]),
                Vec::new(),
            ));
        }
    }
    for e in raw.events.iter().flatten() {
        out.push(rec(
            "event",
            &e.id,
            &e.title,
            fields_of(e, &["id", "retrieved"]),
            Vec::new(),
        ));
    }
    for s in &raw.services {
        let phones = s
            .phones
            .iter()
            .map(|p| {
                let n = number(&p.number, p.extension.as_ref());
                let label: problems::Pick = match p.kind {
                    crate::directory::PhoneKind::Voice => return n,
                    crate::directory::PhoneKind::Text => |m| m.diff_text,
                    crate::directory::PhoneKind::Tty => |m| m.diff_tty,
                    crate::directory::PhoneKind::Fax => |m| m.diff_fax,
                };
                say(label, &[("number", &n)])
            })
            .collect();
        out.push(rec(
            "service",
            &s.id,
            &s.name,
            fields_of(s, &["id", "retrieved"]),
            phones,
        ));
    }
    out
}

/// Compares two directory files, record by record (matched by id), every language of
/// their texts; the titles are given in `language`.
#[must_use]
pub fn diff(old: &RawFile, new: &RawFile, language: &str) -> Diff {
    let old = records_of(old, language);
    let new = records_of(new, language);
    let old_by_id: HashMap<(&str, &str), &Record> =
        old.iter().map(|r| ((r.kind, r.id.as_str()), r)).collect();
    let new_ids: std::collections::HashSet<(&str, &str)> =
        new.iter().map(|r| (r.kind, r.id.as_str())).collect();
    let mut d = Diff::default();
    let mut phone_changes = Vec::new();
    let mut other_changes = Vec::new();
    for n in &new {
        let Some(o) = old_by_id.get(&(n.kind, n.id.as_str())) else {
            d.added.push((n.kind, n.id.clone(), n.title.clone()));
            continue;
        };
        let mut keys: Vec<&String> = o.fields.keys().chain(n.fields.keys()).collect();
        keys.sort();
        keys.dedup();
        let fields: Vec<String> = keys
            .into_iter()
            .filter(|k| o.fields.get(*k) != n.fields.get(*k))
            .cloned()
            .collect();
        if fields.is_empty() {
            continue;
        }
        let mut a = o.phones.clone();
        let mut b = n.phones.clone();
        a.sort();
        b.sort();
        let phones = (a != b).then(|| (o.phones.clone(), n.phones.clone()));
        let text_numbers = fields
            .iter()
            .filter_map(|f| text_numbers_of(f, o.fields.get(f), n.fields.get(f)))
            .collect();
        let values = fields
            .iter()
            .map(|f| FieldValues {
                field: f.clone(),
                old: o.fields.get(f).map(shown_value),
                new: n.fields.get(f).map(shown_value),
            })
            .collect();
        let change = Change {
            kind: n.kind,
            id: n.id.clone(),
            title: n.title.clone(),
            fields,
            phones,
            text_numbers,
            values,
        };
        if change.phones.is_some() || !change.text_numbers.is_empty() {
            phone_changes.push(change);
        } else {
            other_changes.push(change);
        }
    }
    for o in &old {
        if !new_ids.contains(&(o.kind, o.id.as_str())) {
            d.removed.push((o.kind, o.id.clone(), o.title.clone()));
        }
    }
    d.changed = phone_changes;
    d.changed.extend(other_changes);
    d
}

impl Diff {
    /// Whether the files differ in anything `diff` compares.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[cfg(test)]
mod text_number_tests {
    use super::numbers_in_text;

    #[test]
    fn finds_numbers_written_in_text_and_not_dates_words_or_addresses() {
        assert_eq!(
            numbers_in_text("In danger, call 1 (510) 555-0199, or text 988."),
            vec!["1 (510) 555-0199", "988"]
        );
        assert_eq!(numbers_in_text("Call 911 now"), vec!["911"]);
        assert!(numbers_in_text("Since 2024-01-15, at 123 Main St, route A911.").is_empty());
        assert!(numbers_in_text("https://example.org/p/5550199123").is_empty());
        assert_eq!(numbers_in_text("+1 510 555 0199"), vec!["+1 510 555 0199"]);
        assert!(numbers_in_text("").is_empty());
    }
}
