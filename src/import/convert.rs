//! From HSDS services (as [`super::model`] holds them) to a heatwatch directory file.
//!
//! The rules: nothing is made up. A value heatwatch has a field for goes there when the
//! loader will accept it; anything else the source says is kept in the record's
//! description, as written, and counted in the report. Numbers stay as the source writes
//! them; a dialable form is left to the loader, which derives one only where the digits
//! leave no doubt.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use super::ImportError;
use super::model::{Address, AddressKind, Phone, Service};
use super::report::Report;
use super::schedule::{self, Hours, WeekdayOne};
use super::taxonomy::TaxonomyMap;
use crate::directory::DEFAULT_MAX_BYTES;
use crate::directory::phone;
use crate::directory::raw::{
    PhoneKind, RawFile, RawHotline, RawMeta, RawPhone, RawSchedule, RawService, RawSource,
    SCHEMA_VERSION,
};
use crate::directory::sanitize::{clean, escape, is_forbidden};

/// How to convert.
#[derive(Debug, Clone)]
pub struct Options {
    /// ISO 3166 country code for dialable numbers.
    pub country: String,
    /// The region's emergency number.
    pub emergency_number: String,
    /// Leave out addresses and everything else that tells where a service is.
    pub hide_addresses: bool,
    /// Keep services that are not active, marked as such.
    pub include_inactive: bool,
    /// What weekday 1 is in 1.1 schedules.
    pub weekday_one: Option<WeekdayOne>,
    /// Which terms make hotlines, and extra tags.
    pub map: TaxonomyMap,
    /// Today: the `retrieved` date.
    pub today: Date,
    /// Name of the directory.
    pub name: Option<String>,
    /// Region of the directory.
    pub region: Option<String>,
}

/// What the input was.
#[derive(Debug, Clone, Default)]
pub struct InputInfo {
    /// The file or folder name.
    pub label: String,
    /// Its format, in words.
    pub format: String,
    /// A title the input gives itself.
    pub title: Option<String>,
    /// Its licence, as the input states it.
    pub license: Option<String>,
}

/// The most phone numbers one service may bring (its own, its locations' and their
/// service-at-locations'). Real services list a handful; a package that copies every
/// location phone to every service at that location multiplies services by phones
/// (2,000 × 2,000 made a 340 MB file and took 1.4 GB), and is refused at its first
/// such service instead.
pub const MAX_PHONES_PER_SERVICE: usize = 200;

/// The most phone numbers the whole import may bring: ten for each of 100,000 services.
pub const MAX_PHONES: usize = 1_000_000;

/// Counts the bytes written to it, keeping none: the size of a record's JSON without
/// holding it.
struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The size of `value` as compact JSON: less than it takes in the written (indented) file.
fn json_size(value: &impl serde::Serialize) -> u64 {
    let mut c = Counter(0);
    let _ = serde_json::to_writer(&mut c, value);
    c.0
}

/// Converts services into a directory file, counting what happens in `report`.
///
/// # Errors
/// When the result would be larger than heatwatch reads ([`DEFAULT_MAX_BYTES`]), or a
/// service or the whole input brings more phone numbers than [`MAX_PHONES_PER_SERVICE`]
/// or [`MAX_PHONES`]: the import stops there, before it has built the rest.
pub fn convert(
    services: impl IntoIterator<Item = Service>,
    input: &InputInfo,
    opts: &Options,
    report: &mut Report,
) -> Result<RawFile, ImportError> {
    let today = opts.today.to_string();
    let source_id = source_id(&input.label);
    let mut ids: HashSet<String> = HashSet::new();
    let mut hotlines = Vec::new();
    let mut out_services = Vec::new();
    // The zone each structured schedule states (by record id).
    let mut zones: HashMap<String, Option<i32>> = HashMap::new();
    // What the records written so far take as compact JSON, and their phones.
    let mut size: u64 = 0;
    let mut phones: usize = 0;
    // One service at a time: each is dropped once converted.
    for s in services {
        report.read += 1;
        let brought = if s.phones.is_empty() {
            s.organization_phones.len()
        } else {
            s.phones.len()
        };
        if brought > MAX_PHONES_PER_SERVICE {
            return Err(ImportError::file(
                &input.label,
                format!(
                    "{} (id \"{}\") has {brought} phone numbers, more than the {MAX_PHONES_PER_SERVICE} one service may have; the package probably gives every phone of a location to every service there. Nothing was written. Give those phones a service_id or service_at_location_id, or import the package in parts",
                    escape(&s.at),
                    escape(s.id.as_deref().unwrap_or_default()),
                ),
            ));
        }
        phones = phones.saturating_add(brought);
        if phones > MAX_PHONES {
            return Err(ImportError::file(
                &input.label,
                format!(
                    "the services read so far ({}) bring more than {MAX_PHONES} phone numbers, more than heatwatch imports at once; nothing was written. Import the package in parts",
                    report.read
                ),
            ));
        }
        match service(&s, opts, &source_id, &today, &mut ids, &mut zones, report) {
            Converted::Skipped => {}
            Converted::Service(r) => {
                size = size.saturating_add(json_size(&r));
                out_services.push(*r);
            }
            Converted::Hotline(h) => {
                size = size.saturating_add(json_size(&h));
                hotlines.push(*h);
            }
        }
        if size > DEFAULT_MAX_BYTES {
            return Err(ImportError::file(
                &input.label,
                format!(
                    "the first {} services already make more than {DEFAULT_MAX_BYTES} bytes of directory, the most heatwatch reads, so `heatwatch check` and the app would refuse the file; nothing was written. Import the package in parts",
                    report.read
                ),
            ));
        }
    }
    report.services = out_services.len();
    report.hotlines = hotlines.len();
    let time_zone = settle_time_zone(&zones, &mut hotlines, &mut out_services, report);

    let mut note = format!(
        "Open Referral HSDS data ({}), converted by `heatwatch import hsds` on {today}. Records are as the source gave them; the import checked none of them with the providers.",
        input.format
    );
    if opts.hide_addresses {
        note.push_str(" Addresses and locations were left out (--hide-addresses).");
    }
    if let Some(l) = &input.license {
        note.push_str(&format!(" Licence stated by the source: {l}."));
    }
    let title = match &input.title {
        Some(t) => format!("{t} ({})", input.label),
        None => input.label.clone(),
    };
    Ok(RawFile {
        schema_version: SCHEMA_VERSION,
        directory: RawMeta {
            id: format!("import-{}", slug(&input.label)),
            name: opts
                .name
                .clone()
                .unwrap_or_else(|| format!("Directory imported from {}", input.label))
                .into(),
            organization: "Not stated by the source".into(),
            region: opts
                .region
                .clone()
                .unwrap_or_else(|| "Not stated by the source".to_owned())
                .into(),
            country: Some(opts.country.clone()),
            time_zone,
            emergency_number: opts.emergency_number.clone(),
            safety_line: Some(
                format!("If this is an emergency, call {}.", opts.emergency_number).into(),
            ),
            need_help: None,
            translations: Vec::new(),
            retrieved: today.clone(),
            sources: vec![RawSource {
                id: source_id,
                title: title.into(),
                publisher: None,
                url: None,
                file: Some(input.label.clone()),
                note: Some(note.into()),
                page_date: None,
                quotes: Vec::new(),
                retrieved: today,
            }],
        },
        hotlines,
        program: None,
        facts: Vec::new(),
        roles: Vec::new(),
        events: None,
        services: out_services,
    })
}

/// The directory's `time_zone`: the zone every structured schedule states, when they all
/// state the same one. Otherwise there is none, and a schedule that states a zone is
/// left out (its times are in a zone the file cannot say); schedules that state none
/// stay, in local time, for "open now" once someone adds the `time_zone` they know.
fn settle_time_zone(
    zones: &HashMap<String, Option<i32>>,
    hotlines: &mut [RawHotline],
    services: &mut [RawService],
    report: &mut Report,
) -> Option<String> {
    let mut stated: Vec<Option<i32>> = zones.values().copied().collect();
    stated.sort_unstable();
    stated.dedup();
    let common = match stated.as_slice() {
        [Some(offset)] => Some(*offset),
        _ => None,
    };
    let keep = |id: &str| zones.get(id).is_some_and(|z| z.is_none() || *z == common);
    for h in hotlines.iter_mut() {
        if h.schedule.is_some() && !keep(&h.id) {
            h.schedule = None;
            report.schedules_in_other_zones += 1;
        }
    }
    for s in services.iter_mut() {
        if s.schedule.is_some() && !keep(&s.id) {
            s.schedule = None;
            report.schedules_in_other_zones += 1;
        }
    }
    report.schedules = hotlines.iter().filter(|h| h.schedule.is_some()).count()
        + services.iter().filter(|s| s.schedule.is_some()).count();
    let time_zone = common.map(schedule::offset_time_zone);
    report.time_zone.clone_from(&time_zone);
    time_zone
}

enum Converted {
    Skipped,
    Service(Box<RawService>),
    Hotline(Box<RawHotline>),
}

/// A phone ready for the directory, or kept as text.
enum Line {
    Dial {
        number: String,
        extension: Option<String>,
        kind: PhoneKind,
        label: Option<String>,
    },
    Text(String),
}

#[allow(clippy::too_many_lines)]
fn service(
    s: &Service,
    opts: &Options,
    source_id: &str,
    today: &str,
    ids: &mut HashSet<String>,
    zones: &mut HashMap<String, Option<i32>>,
    report: &mut Report,
) -> Converted {
    let Some(name) = s.name.as_deref().map(clean).filter(|n| !n.is_empty()) else {
        report.skip("no name");
        return Converted::Skipped;
    };
    let id =
        s.id.as_deref()
            .map(clean)
            .map(|i| i.split_whitespace().collect::<Vec<_>>().join("-"))
            .unwrap_or_default();
    if id.is_empty() {
        report.skip("no id");
        return Converted::Skipped;
    }
    if !ids.insert(id.clone()) {
        report.skip("id given twice (first kept)");
        return Converted::Skipped;
    }
    let status = s.status.as_deref().map(|s| s.trim().to_lowercase());
    let inactive = match status.as_deref() {
        Some("active") => None,
        Some(st @ ("inactive" | "defunct" | "temporarily closed")) => Some(st.to_owned()),
        Some(other) => Some(format!("status \"{}\"", clean(other))),
        None => Some("status not given".to_owned()),
    };
    if let Some(why) = &inactive {
        if !opts.include_inactive {
            report.skip(why);
            ids.remove(&id);
            return Converted::Skipped;
        }
        report.inactive_kept += 1;
    }

    let mut d = Parts::default();
    if let Some(why) = &inactive {
        d.push(Some("Status in the source"), why);
    }
    d.push_opt(None, s.description.as_deref());
    d.push_opt(Some("Alert"), s.alert.as_deref());
    let mut eligibility: Vec<String> = s.eligibility_description.iter().cloned().collect();
    eligibility.extend(s.eligibility.iter().cloned());
    if !eligibility.is_empty() {
        d.push(Some("Eligibility"), &eligibility.join("; "));
    }
    match (
        s.minimum_age.as_deref().and_then(age),
        s.maximum_age.as_deref().and_then(age),
    ) {
        (Some(lo), Some(hi)) => d.push(Some("Ages"), &format!("{lo} to {hi}")),
        (Some(lo), None) => d.push(Some("Ages"), &format!("{lo} and over")),
        (None, Some(hi)) => d.push(Some("Ages"), &format!("up to {hi}")),
        (None, None) => {}
    }
    d.push_opt(Some("Fees"), s.fees_description.as_deref());
    if s.fees != s.fees_description {
        d.push_opt(Some("Fees"), s.fees.as_deref());
    }
    for c in &s.costs {
        let mut text: Vec<String> = Vec::new();
        if let Some(o) = &c.option {
            text.push(format!("{o}:"));
        }
        match (&c.amount, &c.currency) {
            (Some(a), Some(cur)) => text.push(format!("{a} {cur}")),
            (Some(a), None) => text.push(a.clone()),
            _ => {}
        }
        text.extend(c.amount_description.iter().cloned());
        match (&c.valid_from, &c.valid_to) {
            (Some(f), Some(t)) => text.push(format!("(from {f} to {t})")),
            (Some(f), None) => text.push(format!("(from {f})")),
            (None, Some(t)) => text.push(format!("(until {t})")),
            (None, None) => {}
        }
        if !text.is_empty() {
            d.push(Some("Cost"), &text.join(" "));
        }
    }
    if !s.payments.is_empty() {
        d.push(Some("Payment accepted"), &s.payments.join(", "));
    }
    d.push_opt(Some("How to apply"), s.application_process.as_deref());
    if !s.documents.is_empty() {
        d.push(Some("Documents needed"), &s.documents.join("; "));
    }
    d.push_opt(Some("Interpretation"), s.interpretation_services.as_deref());
    d.push_opt(Some("Wait time"), s.wait_time.as_deref());
    let area_descriptions: Vec<String> = s
        .areas
        .iter()
        .filter_map(|a| a.description.clone())
        .collect();
    for a in unique(area_descriptions) {
        d.push(Some("Service area"), &a);
    }

    // Where: addresses, and what the locations say about themselves.
    let mut address = None;
    let mut cities: Vec<String> = Vec::new();
    if !opts.hide_addresses {
        let several = s.locations.len() > 1;
        let mut physical: Vec<String> = Vec::new();
        let mut postal: Vec<String> = Vec::new();
        for loc in &s.locations {
            for a in &loc.addresses {
                let text = match (several, &loc.name) {
                    (true, Some(n)) => format!("{n}: {}", format_address(a)),
                    _ => format_address(a),
                };
                match a.kind {
                    AddressKind::Physical => {
                        physical.push(text);
                        cities.extend(a.city.clone());
                    }
                    AddressKind::Postal => postal.push(text),
                    AddressKind::Virtual => {}
                }
            }
            let what = match (&loc.name, &loc.description) {
                (Some(n), Some(desc)) => Some(format!("{n} — {}", tidy(desc))),
                (Some(n), None) => Some(n.clone()),
                (None, Some(desc)) => Some(tidy(desc)),
                (None, None) => None,
            };
            if let Some(w) = what {
                d.push(Some("Location"), &w);
            }
            d.push_opt(Some("Getting there"), loc.transportation.as_deref());
            for acc in &loc.accessibility {
                d.push(Some("Accessibility"), acc);
            }
        }
        let physical = unique(physical);
        let postal = unique(postal);
        address = if physical.is_empty() {
            (!postal.is_empty()).then(|| format!("Postal address: {}", postal.join("; ")))
        } else {
            Some(physical.join("; "))
        };
    }
    let mut areas: Vec<String> = unique(s.areas.iter().filter_map(|a| a.name.clone()).collect());
    if areas.is_empty() {
        areas = unique(cities);
    }
    let area = (!areas.is_empty()).then(|| areas.join("; "));

    let attending = unique(
        s.schedules
            .iter()
            .filter_map(|sc| sc.attending_type.clone())
            .collect(),
    );
    for a in attending {
        d.push(Some("Attending"), &a);
    }
    d.push_opt(Some("Accreditations"), s.accreditations.as_deref());
    d.push_opt(Some("Licences"), s.licenses.as_deref());

    // Phones: the service's own, else its organisation's.
    let phones = if s.phones.is_empty() {
        &s.organization_phones
    } else {
        &s.phones
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut seen_ids: HashSet<&str> = HashSet::new();
    let mut seen_numbers: HashSet<(String, Option<String>, String)> = HashSet::new();
    for p in phones {
        if let Some(pid) = &p.id
            && !seen_ids.insert(pid.as_str())
        {
            continue;
        }
        let key = (
            phone::digits(&p.number),
            p.extension.clone(),
            p.kind.clone().unwrap_or_default().to_lowercase(),
        );
        if !seen_numbers.insert(key) {
            continue;
        }
        lines.extend(phone_lines(p, &mut d, report));
    }

    // Web and email addresses the loader would refuse stay as text.
    let org = s.organization.as_ref();
    let url = s
        .url
        .clone()
        .or_else(|| org.and_then(|o| o.url.clone()))
        .and_then(|u| checked(&u, valid_url, "Web address", &mut d, report));
    let email = s
        .email
        .clone()
        .or_else(|| org.and_then(|o| o.email.clone()))
        .and_then(|e| checked(&e, valid_email, "Email", &mut d, report));

    let hours = schedule::hours(
        &s.schedules,
        &s.holidays,
        opts.hide_addresses,
        opts.weekday_one,
    );
    // Structured hours only where the text hours are rendered exactly.
    let structured = match &hours {
        Hours::Rendered(_) => schedule::structured(&s.schedules, &s.holidays, opts.weekday_one),
        _ => None,
    };
    if let Some(st) = &structured {
        zones.insert(id.clone(), st.offset);
    }
    let structured = structured.map(|st| st.schedule);
    match &hours {
        Hours::None => {}
        Hours::Rendered(_) => report.hours_rendered += 1,
        Hours::Text(_) => report.hours_from_text += 1,
        Hours::Unrendered { weekday_numbers } => {
            report.hours_left_out += 1;
            if *weekday_numbers {
                report.weekday_numbers += 1;
            }
        }
    }

    let verified = match s.assured_date.as_deref().map(|v| (v, date(v))) {
        Some((_, Some(v))) => {
            report.verified_from_assured += 1;
            Some(v)
        }
        other => {
            if other.is_some() {
                report.bad_dates += 1;
            }
            match s.last_modified.as_deref().map(|v| (v, date(v))) {
                Some((_, Some(v))) => {
                    report.verified_from_modified += 1;
                    Some(v)
                }
                Some((_, None)) => {
                    report.bad_dates += 1;
                    None
                }
                None => None,
            }
        }
    };

    let mut languages = unique(s.languages.iter().map(|l| clean(l)).collect());
    languages.retain(|l| !l.is_empty());
    let outcome = opts.map.apply(&s.terms);
    let mut tags: Vec<String> = Vec::new();
    let mut tag = |t: String| {
        let t = clean(&t);
        if !t.is_empty() && !tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
            tags.push(t);
        }
    };
    if let Some(why) = &inactive {
        tag(why.clone());
    }
    for t in &s.terms {
        if let Some(n) = &t.name {
            tag(n.clone());
            if let Some(v) = &t.value {
                tag(format!("{n}: {v}"));
            }
        }
    }
    for t in &outcome.tags {
        tag(t.clone());
    }
    if let Some(a) = &s.alternate_name {
        tag(a.clone());
    }
    if let Some(p) = &s.program {
        tag(p.clone());
    }
    let shown_name = match &inactive {
        Some(why) => format!("{name} ({why})"),
        None => name,
    };
    let organization = org.and_then(|o| o.name.clone());

    // A service that is not active is never put among the numbers to call.
    if let Some(term) = outcome.hotline.as_ref().filter(|_| inactive.is_none()) {
        if let Some(h) = hotline(HotlineParts {
            id: &id,
            name: &shown_name,
            term,
            organization: organization.as_deref(),
            description: &d,
            lines: &lines,
            hours: hours.text(),
            schedule: structured.clone(),
            languages: &languages,
            url: url.as_deref(),
            email: email.as_deref(),
            area: area.as_deref(),
            address: address.as_deref(),
            tags: &tags,
            source_id,
            today,
            verified: verified.as_deref(),
        }) {
            return Converted::Hotline(Box::new(h));
        }
        report.hotlines_without_number += 1;
        d.push(
            None,
            &format!(
                "Listed in the source as \"{term}\", but with no number heatwatch can offer to call."
            ),
        );
    }
    let mut phones_out = Vec::new();
    for l in lines {
        match l {
            Line::Dial {
                number,
                extension,
                kind,
                label,
            } => phones_out.push(RawPhone {
                number,
                extension,
                kind,
                label: label.map(Into::into),
            }),
            Line::Text(t) => d.push(None, &t),
        }
    }
    Converted::Service(Box::new(RawService {
        id,
        name: shown_name.into(),
        organization: organization.map(Into::into),
        description: d.text().into(),
        phones: phones_out,
        hours: hours.text().map(Into::into),
        schedule: structured,
        languages: languages.into_iter().map(Into::into).collect(),
        area: area.map(Into::into),
        address,
        url,
        email,
        tags: tags.into_iter().map(Into::into).collect(),
        source: vec![source_id.to_owned()],
        retrieved: today.to_owned(),
        verified,
    }))
}

struct HotlineParts<'a> {
    id: &'a str,
    name: &'a str,
    term: &'a str,
    organization: Option<&'a str>,
    description: &'a Parts,
    lines: &'a [Line],
    hours: Option<&'a str>,
    schedule: Option<RawSchedule>,
    languages: &'a [String],
    url: Option<&'a str>,
    email: Option<&'a str>,
    area: Option<&'a str>,
    address: Option<&'a str>,
    tags: &'a [String],
    source_id: &'a str,
    today: &'a str,
    verified: Option<&'a str>,
}

/// A hotline record, when the service has a voice number to call.
fn hotline(p: HotlineParts<'_>) -> Option<RawHotline> {
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
struct Parts {
    parts: Vec<String>,
    /// Index of the source's own description, the first part without a label.
    plain: Option<usize>,
}

impl Parts {
    fn push(&mut self, label: Option<&str>, text: &str) {
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

    fn push_opt(&mut self, label: Option<&str>, text: Option<&str>) {
        if let Some(t) = text {
            self.push(label, t);
        }
    }

    fn first_plain(&self) -> Option<String> {
        self.plain.and_then(|i| self.parts.get(i)).cloned()
    }

    /// Every part but the source's own description.
    fn others(&self) -> impl Iterator<Item = String> + '_ {
        self.parts
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != self.plain)
            .map(|(_, p)| p.clone())
    }

    /// Every part, each ending as a sentence does, in one paragraph.
    fn text(&self) -> String {
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
fn phone_lines(p: &Phone, d: &mut Parts, report: &mut Report) -> Vec<Line> {
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
fn unwrap_quotes(s: &str) -> String {
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
fn split_extension(s: &str) -> Option<(String, String)> {
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => "Other".to_owned(),
    }
}

/// A value the loader accepts, or `None` with the value kept in the description.
fn checked(
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
fn valid_url(u: &str) -> bool {
    crate::directory::web::check(u).is_ok()
}

/// The loader's rule for email addresses.
fn valid_email(e: &str) -> bool {
    e.split('@').count() == 2
        && !e.starts_with('@')
        && !e.ends_with('@')
        && !e.chars().any(char::is_whitespace)
}

/// A date written `YYYY-MM-DD`, or the date part of a date-time.
fn date(s: &str) -> Option<String> {
    let s = s.trim();
    let day = s.get(..10)?;
    let rest = s.get(10..)?;
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    crate::clock::parse_date(day).map(|d| d.to_string())
}

fn age(s: &str) -> Option<String> {
    let t = s.trim();
    let n: f64 = t.parse().ok()?;
    (n >= 0.0).then(|| t.to_owned())
}

fn format_address(a: &Address) -> String {
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

fn unique(list: Vec<String>) -> Vec<String> {
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
const HTML_TAGS: &[&str] = &[
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
fn slug(s: &str) -> String {
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

fn source_id(label: &str) -> String {
    format!("hsds-{}", slug(label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped() {
        assert_eq!(
            tidy("Includes: <ul>\n  <li>Care</li>\n  <li>Cleaning</li>\n</ul>"),
            "Includes: • Care • Cleaning"
        );
        assert_eq!(
            tidy("Ages <18 &amp; over 60 &#8212; free"),
            "Ages <18 & over 60 — free"
        );
        assert_eq!(tidy("a <b>bold</b> move"), "a bold move");
        assert_eq!(
            tidy("ask for <Maria> at the desk"),
            "ask for <Maria> at the desk"
        );
        assert_eq!(
            tidy("line<br/>break <!-- note --> <p class=\"x\">para</p>"),
            "line break para"
        );
        assert_eq!(tidy("under <5 or over >60"), "under <5 or over >60");
    }

    #[test]
    fn quotes_and_extensions() {
        assert_eq!(unwrap_quotes("\"+44 1234 234567\""), "+44 1234 234567");
        assert_eq!(unwrap_quotes("'\"911\"'"), "911");
        assert_eq!(unwrap_quotes("\""), "\"");
        assert_eq!(
            split_extension("(510) 555-0100 x12"),
            Some(("(510) 555-0100".into(), "x12".into()))
        );
        assert_eq!(
            split_extension("510-555-0100, ext. 4"),
            Some(("510-555-0100".into(), "ext. 4".into()))
        );
        assert_eq!(split_extension("call 555 x"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            date("2023-03-15T10:30:45.123Z").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(date("2005-01-01").as_deref(), Some("2005-01-01"));
        assert_eq!(date("2005-02-30"), None);
        assert_eq!(date("15/03/2023"), None);
        assert_eq!(date("2005-01-01x"), None);
    }

    #[test]
    fn parts_read_as_sentences() {
        let mut d = Parts::default();
        d.push(None, "Counselling");
        d.push(Some("Fees"), "None.");
        d.push(Some("Ages"), "12 and over");
        assert_eq!(d.text(), "Counselling. Fees: None. Ages: 12 and over");
    }
}
