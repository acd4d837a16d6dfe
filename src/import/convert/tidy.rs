//! Tidying the text of imported data: markup removed, whitespace folded, dates, ages,
//! addresses, web and email addresses checked, ids made.

use super::*;

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => "Other".to_owned(),
    }
}

/// A value the loader accepts, or `None` with the value kept in the description.
pub(super) fn checked(
    value: &str,
    valid: fn(&str) -> bool,
    what: &str,
    d: &mut Parts,
    report: &mut Report,
) -> Option<String> {
    let v = clean(value);
    if v.is_empty() {
        return None;
    }
    if valid(&v) {
        Some(v)
    } else {
        report.addresses_as_text += 1;
        d.push(Some(&format!("{what} as written in the source")), &v);
        None
    }
}

/// The loader's rule for web addresses (`directory::web`).
pub(super) fn valid_url(u: &str) -> bool {
    crate::directory::web::check(u).is_ok()
}

/// The loader's rule for email addresses.
pub(super) fn valid_email(e: &str) -> bool {
    e.split('@').count() == 2
        && !e.starts_with('@')
        && !e.ends_with('@')
        && !e.chars().any(char::is_whitespace)
}

/// A date written `YYYY-MM-DD`, or the date part of a date-time.
pub(super) fn date(s: &str) -> Option<String> {
    let s = s.trim();
    let day = s.get(..10)?;
    let rest = s.get(10..)?;
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    crate::clock::parse_date(day).map(|d| d.to_string())
}

pub(super) fn age(s: &str) -> Option<String> {
    let t = s.trim();
    let n: f64 = t.parse().ok()?;
    (n >= 0.0).then(|| t.to_owned())
}

pub(super) fn format_address(a: &Address) -> String {
    let mut parts: Vec<String> = a.lines.clone();
    parts.extend(a.city.clone());
    match (&a.state_province, &a.postal_code) {
        (Some(s), Some(p)) => parts.push(format!("{s} {p}")),
        (Some(s), None) => parts.push(s.clone()),
        (None, Some(p)) => parts.push(p.clone()),
        (None, None) => {}
    }
    parts.extend(a.country.clone());
    parts.join(", ")
}

pub(super) fn unique(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for s in list {
        let s = s.trim().to_owned();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The HTML elements [`tidy`] removes; anything else between `<` and `>` is text.
pub(super) const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// Text of a description field as plain text: HTML tags removed (the specification
/// allows HTML in descriptions and asks plain-text readers to strip it), list items
/// marked with "•", common entities decoded, and runs of white space made one space.
#[must_use]
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let inner = rest.get(1..end).unwrap_or_default();
            let name: String = inner
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let rest_of_tag = inner
                .trim_start_matches('/')
                .get(name.len()..)
                .unwrap_or_default();
            let is_tag = (HTML_TAGS.contains(&name.as_str())
                && (rest_of_tag.is_empty() || rest_of_tag.starts_with([' ', '/', '\n', '\t'])))
                || (inner.starts_with("!--") && inner.ends_with("--"));
            if is_tag && !inner.contains('<') {
                if name == "li" && !inner.starts_with('/') {
                    out.push_str(" • ");
                } else {
                    out.push(' ');
                }
                rest = rest.get(end + 1..).unwrap_or_default();
                continue;
            }
        }
        if c == '&'
            && let Some(end) = rest.get(..12).unwrap_or(rest).find(';')
        {
            let entity = rest.get(1..end).unwrap_or_default();
            let decoded = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                e if e.starts_with("#x") || e.starts_with("#X") => e
                    .get(2..)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32),
                e if e.starts_with('#') => e
                    .get(1..)
                    .and_then(|d| d.parse::<u32>().ok())
                    .and_then(char::from_u32),
                _ => None,
            };
            if let Some(ch) = decoded {
                out.push(ch);
                rest = rest.get(end + 1..).unwrap_or_default();
                continue;
            }
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short id made of the input's name.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "hsds".to_owned()
    } else {
        out
    }
}

pub(super) fn source_id(label: &str) -> String {
    format!("hsds-{}", slug(label))
}
