//! A service's phone numbers, and the hotlines made of them: what each line is (voice,
//! text, relay, fax), its extension, and the limits on how many a service may have.

use super::*;

pub(super) struct HotlineParts<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) term: &'a str,
    pub(super) organization: Option<&'a str>,
    pub(super) description: &'a Parts,
    pub(super) lines: &'a [Line],
    pub(super) hours: Option<&'a str>,
    pub(super) schedule: Option<RawSchedule>,
    pub(super) languages: &'a [String],
    pub(super) url: Option<&'a str>,
    pub(super) email: Option<&'a str>,
    pub(super) area: Option<&'a str>,
    pub(super) address: Option<&'a str>,
    pub(super) tags: &'a [String],
    pub(super) source_id: &'a str,
    pub(super) today: &'a str,
    pub(super) verified: Option<&'a str>,
}

/// A hotline record, when the service has a voice number to call.
pub(super) fn hotline(p: HotlineParts<'_>) -> Option<RawHotline> {
    let voice = p.lines.iter().position(|l| {
        matches!(
            l,
            Line::Dial {
                kind: PhoneKind::Voice,
                ..
            }
        )
    })?;
    let plain = |kind: PhoneKind| {
        p.lines
            .iter()
            .position(|l| matches!(l, Line::Dial { kind: k, extension: None, .. } if *k == kind))
    };
    let text = plain(PhoneKind::Text);
    let tty = plain(PhoneKind::Tty);
    let number_at = |i: Option<usize>| match i.and_then(|i| p.lines.get(i)) {
        Some(Line::Dial { number, .. }) => Some(number.clone()),
        _ => None,
    };
    let (phone, extension) = match p.lines.get(voice) {
        Some(Line::Dial {
            number, extension, ..
        }) => (number.clone(), extension.clone()),
        _ => return None,
    };
    let mut notes: Vec<String> = Vec::new();
    for (i, l) in p.lines.iter().enumerate() {
        if Some(i) == Some(voice) || Some(i) == text || Some(i) == tty {
            continue;
        }
        match l {
            Line::Dial {
                number,
                extension,
                kind,
                label,
            } => {
                let what = match kind {
                    PhoneKind::Voice => "Also",
                    PhoneKind::Text => "Text",
                    PhoneKind::Tty => "TTY",
                    PhoneKind::Fax => "Fax (not for calls)",
                };
                let mut n = format!("{what}: {number}");
                if let Some(e) = extension {
                    n.push_str(&format!(" ext. {e}"));
                }
                if let Some(l) = label {
                    n.push_str(&format!(" ({l})"));
                }
                notes.push(n);
            }
            Line::Text(t) => notes.push(t.clone()),
        }
    }
    let purpose = p
        .description
        .first_plain()
        .unwrap_or_else(|| format!("Listed in the source under \"{}\".", p.term));
    notes.extend(p.description.others());
    if let Some(a) = p.area {
        notes.push(format!("Area: {a}"));
    }
    if let Some(a) = p.address {
        notes.push(format!("Address: {a}"));
    }
    if let Some(e) = p.email {
        notes.push(format!("Email: {e}"));
    }
    Some(RawHotline {
        id: p.id.to_owned(),
        name: p.name.into(),
        short_name: None,
        phone,
        extension,
        text: number_at(text),
        tty: number_at(tty),
        purpose: purpose.into(),
        operator: p.organization.map(Into::into),
        anonymous: false,
        confidential: false,
        confidentiality: None,
        caution: None,
        emergency: false,
        pinned: false,
        hours: p.hours.map(Into::into),
        schedule: p.schedule,
        languages: p.languages.iter().map(|l| l.as_str().into()).collect(),
        area: None,
        url: p.url.map(str::to_owned),
        notes: notes.into_iter().map(Into::into).collect(),
        tags: p.tags.iter().map(|t| t.as_str().into()).collect(),
        source: vec![p.source_id.to_owned()],
        retrieved: p.today.to_owned(),
        verified: p.verified.map(str::to_owned),
    })
}

/// The parts of a description, kept apart so that a hotline can take them as notes.
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub(super) parts: Vec<String>,
    /// Index of the source's own description, the first part without a label.
    pub(super) plain: Option<usize>,
}

impl Parts {
    pub(super) fn push(&mut self, label: Option<&str>, text: &str) {
        let text = tidy(text);
        if text.is_empty() {
            return;
        }
        let part = match label {
            Some(l) => format!("{l}: {text}"),
            None => text,
        };
        if self.parts.contains(&part) {
            return;
        }
        if label.is_none() && self.plain.is_none() {
            self.plain = Some(self.parts.len());
        }
        self.parts.push(part);
    }

    pub(super) fn push_opt(&mut self, label: Option<&str>, text: Option<&str>) {
        if let Some(t) = text {
            self.push(label, t);
        }
    }

    pub(super) fn first_plain(&self) -> Option<String> {
        self.plain.and_then(|i| self.parts.get(i)).cloned()
    }

    /// Every part but the source's own description.
    pub(super) fn others(&self) -> impl Iterator<Item = String> + '_ {
        self.parts
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != self.plain)
            .map(|(_, p)| p.clone())
    }

    /// Every part, each ending as a sentence does, in one paragraph.
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.parts {
            if !out.is_empty() {
                if !out.ends_with(['.', '!', '?', ':', ';', '"', '\'', '”', '’']) {
                    out.push('.');
                }
                out.push(' ');
            }
            out.push_str(p);
        }
        out
    }
}

/// What a phone of the source becomes: a line to call (or fax), or text.
pub(super) fn phone_lines(p: &Phone, d: &mut Parts, report: &mut Report) -> Vec<Line> {
    let mut out = Vec::new();
    let raw = unwrap_quotes(&p.number);
    let kind_word = p.kind.as_deref().map(|k| k.trim().to_lowercase());
    let kind = match kind_word.as_deref() {
        None | Some("" | "voice" | "cell" | "mobile" | "phone" | "landline") => {
            Some(PhoneKind::Voice)
        }
        Some("text" | "sms") => Some(PhoneKind::Text),
        Some("textphone" | "tty" | "tdd" | "minicom") => Some(PhoneKind::Tty),
        Some("fax") => Some(PhoneKind::Fax),
        Some(_) => None,
    };
    // A short description is a label; a long one goes into the description.
    let description = p.description.as_deref().map(tidy).filter(|s| !s.is_empty());
    let mut label = match &description {
        Some(desc) if desc.chars().count() <= 40 && !desc.trim_end_matches('.').contains(". ") => {
            Some(desc.clone())
        }
        _ => p.department.clone(),
    };
    if let Some(desc) = &description
        && label.as_deref() != Some(desc.as_str())
    {
        d.push(Some(&format!("About {raw}")), desc);
    }
    if !p.languages.is_empty() {
        d.push(
            Some(&format!("Languages on {raw}")),
            &unique(p.languages.clone()).join(", "),
        );
    }
    let Some(kind) = kind else {
        report.phone_types_as_text += 1;
        let word = kind_word.unwrap_or_default();
        let mut t = format!(
            "{} line (as written in the source): {raw}",
            capitalise(&word)
        );
        if let Some(e) = &p.extension {
            t.push_str(&format!(" ext. {e}"));
        }
        out.push(Line::Text(t));
        return out;
    };
    // The number, and its extension: from the extension field, or written after the
    // number ("555-0100 x12").
    let mut number = raw.clone();
    let mut extension_raw = p.extension.clone();
    if phone::validate(&number).is_err()
        && extension_raw.is_none()
        && let Some((n, e)) = split_extension(&number)
    {
        number = n;
        extension_raw = Some(e);
    }
    let hidden = number.chars().any(|c| is_forbidden(c) || c == '\t');
    if hidden || phone::validate(&number).is_err() {
        report.numbers_as_text += 1;
        let mut t =
            format!("Phone as written in the source (not a number heatwatch can check): {raw}");
        if let Some(e) = &p.extension {
            t.push_str(&format!(" ext. {e}"));
        }
        if let Some(l) = label.take() {
            t.push_str(&format!(" ({l})"));
        }
        out.push(Line::Text(t));
        return out;
    }
    let extension = match extension_raw.as_deref() {
        None => None,
        Some(e) => match phone::extension(e) {
            Some(digits) => Some(digits),
            None => {
                report.extensions_as_text += 1;
                d.push(
                    Some(&format!("Extension for {number}, as written in the source")),
                    e,
                );
                None
            }
        },
    };
    out.push(Line::Dial {
        number,
        extension,
        kind,
        label,
    });
    out
}

/// The number without quotes wrapped around it (`"+44 1234 234567"` as some HSDS
/// examples write it).
pub(super) fn unwrap_quotes(s: &str) -> String {
    let mut t = s.trim();
    loop {
        let stripped = [('"', '"'), ('\'', '\''), ('“', '”'), ('‘', '’')]
            .iter()
            .find_map(|(a, b)| t.strip_prefix(*a).and_then(|r| r.strip_suffix(*b)));
        match stripped {
            Some(r) if !r.is_empty() => t = r.trim(),
            _ => return t.to_owned(),
        }
    }
}

/// "555-0100 x12", "555-0100 ext. 12" → ("555-0100", "12"), when the first part is a
/// valid number and the rest an extension.
pub(super) fn split_extension(s: &str) -> Option<(String, String)> {
    let lower = s.to_lowercase();
    for marker in ["extension", "ext.", "ext", "x"] {
        if let Some(pos) = lower.rfind(marker) {
            let number = s.get(..pos)?.trim().trim_end_matches([',', ';']).trim();
            let ext = s.get(pos..)?;
            if phone::validate(number).is_ok() && phone::extension(ext).is_some() {
                return Some((number.to_owned(), ext.trim().to_owned()));
            }
        }
    }
    None
}
