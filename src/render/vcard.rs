//! Hotlines as vCard 4.0 contact cards (RFC 6350), each with the contact caution.

use super::*;

/// Escapes a vCard 4.0 (RFC 6350) value: backslash, comma and newline always; the
/// semicolon only in a `component` of a structured value (`N`, `ORG`), since the `text`
/// grammar has no `\;`.
pub(super) fn vcard_escape_value(s: &str, component: bool) -> String {
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
pub(super) fn vcard_escape(s: &str) -> String {
    vcard_escape_value(s, false)
}

/// Escapes one component of a structured vCard 4.0 value (`N`, `ORG`).
pub(super) fn vcard_component(s: &str) -> String {
    vcard_escape_value(s, true)
}

/// Folds a content line to at most 75 octets per physical line (RFC 6350, 3.2), never
/// splitting a UTF-8 character, and ends it with CRLF.
pub(super) fn vcard_fold(line: &str, out: &mut String) {
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
pub(super) fn vcard_tel(kind: &str, p: &Phone) -> String {
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
