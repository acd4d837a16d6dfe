//! `heatwatch diff`: the records added, removed and changed between two directory
//! files, field by field, with changed numbers (and numbers written in free text) first.

use super::*;

/// A record of a directory file, as compared by `heatwatch diff`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Record {
    pub(super) kind: &'static str,
    pub(super) id: String,
    pub(super) title: String,
    /// The record's fields as the file writes them, without its id, its `retrieved`
    /// date and the records nested in it.
    pub(super) fields: serde_json::Map<String, Value>,
    /// Its phone numbers, as shown.
    pub(super) phones: Vec<String>,
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
pub(super) const NUMBER_FIELDS: [&str; 6] = [
    "phone",
    "extension",
    "text",
    "tty",
    "phones",
    "emergency_number",
];

/// A field's value shown in a diff.
pub(super) fn shown_value(v: &Value) -> String {
    match v {
        Value::String(s) => clean(s),
        other => clean(&other.to_string()),
    }
}

/// Three-digit numbers dialled as such: the N11 codes, 988 and 112.
pub(super) const SHORT_NUMBERS: [&str; 10] = [
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

pub(super) fn next_is_digit(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

/// Whether a run starts like `2026-12-04`.
pub(super) fn is_iso_date(run: &str) -> bool {
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
pub(super) fn texts_of<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| texts_of(x, out)),
        Value::Object(m) => m.values().for_each(|x| texts_of(x, out)),
        _ => {}
    }
}

/// Numbers written in a field's text, as written, keyed by their digits.
pub(super) fn field_numbers(v: Option<&Value>) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    if let Some(v) = v {
        texts_of(v, &mut texts);
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for t in texts {
        for n in numbers_in_text(t) {
            let d = crate::directory::phone::digits(&n);
            if !out.iter().any(|(k, _)| *k == d) {
                out.push((d, clean(&n)));
            }
        }
    }
    out
}

/// Numbers in the text of `field` in one file and not the other.
pub(super) fn text_numbers_of(
    field: &str,
    old: Option<&Value>,
    new: Option<&Value>,
) -> Option<TextNumbers> {
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

pub(super) fn fields_of<T: serde::Serialize>(
    v: &T,
    drop: &[&str],
) -> serde_json::Map<String, Value> {
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

pub(super) fn number(n: &str, ext: Option<&String>) -> String {
    match ext {
        Some(e) => format!("{} ext. {}", clean(n), clean(e)),
        None => clean(n),
    }
}

/// A record's title, as a text field of the file or a plain string.
trait Title {
    fn in_language<'a>(&'a self, language: &str) -> &'a str;
}

impl Title for crate::directory::text::Text {
    fn in_language<'a>(&'a self, language: &str) -> &'a str {
        self.get(language)
    }
}

impl Title for String {
    fn in_language<'a>(&'a self, _: &str) -> &'a str {
        self
    }
}

pub(super) fn records_of(raw: &RawFile, language: &str) -> Vec<Record> {
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
