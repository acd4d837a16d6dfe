//! One HSDS service into a heatwatch service: its names, description, phones, address,
//! area, schedule, languages, cost and provenance, with what was skipped reported.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn service(
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
