//! The one conversion from the raw serde types into the checked model, in one
//! language: meta, hotlines, the program, roles and their actions, services and their
//! schedules.

use super::*;

/// Everything of a file but its services.
#[derive(Clone)]
pub(super) struct Head {
    pub(super) directory: raw::RawMeta,
    pub(super) hotlines: Vec<raw::RawHotline>,
    pub(super) program: Option<raw::RawProgram>,
    pub(super) facts: Vec<raw::RawFact>,
    pub(super) roles: Vec<raw::RawRole>,
    pub(super) events: Option<Vec<raw::RawEvent>>,
}

impl Head {
    /// How many records it holds.
    pub(super) fn record_count(&self) -> usize {
        let program = self
            .program
            .as_ref()
            .map_or(0, |p| 1 + p.strategy.len() + p.endorsements.len());
        self.hotlines.len()
            + program
            + self.facts.len()
            + self
                .roles
                .iter()
                .map(|r| 1 + r.actions.len())
                .sum::<usize>()
            + self.events.as_ref().map_or(0, Vec::len)
    }
}

/// Converts a parsed file into each language it is to be read in (see [`Languages`]):
/// the first, whose problems are the file's; then each other, left out when it has a
/// problem of its own.
pub(super) fn convert_all(
    raw: RawFile,
    languages: Languages<'_>,
) -> Result<Vec<InLanguage>, LoadError> {
    let wanted = languages.wanted(&raw.directory.translations);
    let Some((last, before)) = wanted.split_last() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(wanted.len());
    for (k, language) in before.iter().enumerate() {
        match convert(raw.clone(), language) {
            Ok(one) => out.push(one),
            Err(e) if k == 0 => return Err(e),
            Err(_) => {}
        }
    }
    match convert(raw, last) {
        Ok(one) => out.push(one),
        Err(e) if before.is_empty() => return Err(e),
        Err(_) => {}
    }
    share_services(&mut out);
    Ok(out)
}

pub(super) fn convert(raw: RawFile, language: &str) -> Result<InLanguage, LoadError> {
    let RawFile {
        directory,
        hotlines,
        program,
        facts,
        roles,
        events,
        services,
        ..
    } = raw;
    let head = Head {
        directory,
        hotlines,
        program,
        facts,
        roles,
        events,
    };
    let (mut c, mut dir) = convert_head(head, language);
    if let Some(ids) = &mut c.ids {
        ids.reserve(services.len());
    }
    dir.services = services
        .into_iter()
        .enumerate()
        .map(|(i, s)| Arc::new(convert_service(&mut c, i, s)))
        .collect();
    finish(c, dir)
}

/// The directory with its ids and untranslated texts, or the problems.
pub(super) fn finish(c: Checker, mut dir: Directory) -> Result<InLanguage, LoadError> {
    if !c.problems.is_empty() {
        return Err(LoadError::Invalid(c.problems));
    }
    dir.ids = Arc::new(c.ids.unwrap_or_default());
    Ok(InLanguage {
        directory: dir,
        untranslated: c.missing,
    })
}

/// Checks and converts everything but the services, in file order; the directory comes
/// back without services or ids, and the checker holds the ids and problems so far.
pub(super) fn convert_head(head: Head, language: &str) -> (Checker, Directory) {
    let capacity = head.record_count();
    let Head {
        directory,
        hotlines,
        program,
        facts,
        roles,
        events,
    } = head;
    let mut c = Checker {
        problems: Vec::new(),
        country: directory
            .country
            .as_deref()
            .map(clean)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "US".to_owned()),
        language: language.to_owned(),
        missing: Vec::new(),
        sources: HashSet::new(),
        ids: Some(IdMap::with_capacity_and_hasher(
            capacity,
            foldhash::fast::RandomState::default(),
        )),
        last_date: None,
        time_zone: None,
        shared: Interner::default(),
    };
    let meta = convert_meta(&mut c, directory);
    let hotlines: Vec<Hotline> = hotlines
        .into_iter()
        .enumerate()
        .map(|(i, h)| convert_hotline(&mut c, i, h))
        .collect();
    let program = program.map(|p| convert_program(&mut c, p));
    let facts = facts
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let path = format!("facts[{i}]");
            Fact {
                id: c.id(&path, f.id, RecordRef::Fact(i)),
                title: c.text(&path, "title", f.title),
                text: c.text(&path, "text", f.text),
                tags: c.shared_texts(f.tags),
                provenance: c.provenance(&path, f.source, &f.retrieved, f.verified.as_ref()),
            }
        })
        .collect();
    let hotline_index: HashMap<String, usize> = hotlines
        .iter()
        .enumerate()
        .map(|(i, h)| (h.id.clone(), i))
        .collect();
    let roles = roles
        .into_iter()
        .enumerate()
        .map(|(r, role)| convert_role(&mut c, r, role, &hotline_index))
        .collect();
    let events = events.map(|events| {
        events
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let path = format!("events[{i}]");
                Event {
                    id: c.id(&path, e.id, RecordRef::Event(i)),
                    title: c.text(&path, "title", e.title),
                    date: e
                        .date
                        .as_ref()
                        .and_then(|d| c.date(|| format!("{path}.date"), d)),
                    text: c.text(&path, "text", e.text),
                    provenance: c.provenance(&path, e.source, &e.retrieved, e.verified.as_ref()),
                }
            })
            .collect()
    });
    let dir = Directory {
        meta,
        hotlines,
        program,
        facts,
        roles,
        events,
        services: Vec::new(),
        ids: Arc::default(),
        layers: Vec::new(),
    };
    (c, dir)
}

pub(super) fn convert_meta(c: &mut Checker, m: raw::RawMeta) -> Meta {
    let path = "directory";
    let sources: Vec<Source> = m
        .sources
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let sp = format!("directory.sources[{i}]");
            let id = c.text(&sp, "id", s.id);
            if !c.sources.insert(id.clone()) {
                c.problem(
                    format!("{sp}.id"),
                    say(|m| m.source_id_twice, &[("id", &id)]),
                );
            }
            Source {
                id,
                title: c.text(&sp, "title", s.title),
                publisher: c.opt_text(s.publisher),
                url: c.url(|| format!("{sp}.url"), s.url),
                file: c.opt_text(s.file),
                note: c.opt_text(s.note),
                page_date: c.opt_text(s.page_date),
                quotes: c.texts(s.quotes),
                retrieved: c
                    .date(|| format!("{sp}.retrieved"), &s.retrieved)
                    .unwrap_or(Date::MIN),
            }
        })
        .collect();
    if sources.is_empty() {
        c.problem("directory.sources", say(|m| m.no_sources, &[]));
    }
    c.time_zone = time_zone(c, m.time_zone.as_deref());
    Meta {
        id: c.text(path, "id", m.id),
        name: c.text(path, "name", m.name),
        organization: c.text(path, "organization", m.organization),
        region: c.text(path, "region", m.region),
        country: c.country.clone(),
        time_zone: c.time_zone.clone(),
        emergency: c.phone(
            || "directory.emergency_number".to_owned(),
            m.emergency_number,
            None,
            false,
        ),
        safety_line: c.opt_text(m.safety_line),
        need_help: c.opt_text(m.need_help),
        translations: m
            .translations
            .into_iter()
            .map(|t| (clean_owned(t.language), t.reviewed))
            .collect(),
        language: c.language.clone(),
        retrieved: c
            .date(|| "directory.retrieved".to_owned(), &m.retrieved)
            .unwrap_or(Date::MIN),
        sources,
    }
}

pub(super) fn convert_hotline(c: &mut Checker, i: usize, h: raw::RawHotline) -> Hotline {
    let path = format!("hotlines[{i}]");
    let name = c.text(&path, "name", h.name);
    Hotline {
        id: c.id(&path, h.id, RecordRef::Hotline(i)),
        short_name: c.opt_text(h.short_name).unwrap_or_else(|| name.clone()),
        name,
        phone: c.phone(
            || format!("{path}.phone"),
            h.phone,
            h.extension.as_ref(),
            false,
        ),
        text: h
            .text
            .map(|t| c.phone(|| format!("{path}.text"), t, None, true)),
        tty: h
            .tty
            .map(|t| c.phone(|| format!("{path}.tty"), t, None, false)),
        purpose: c.text(&path, "purpose", h.purpose),
        operator: c.opt_text(h.operator),
        anonymous: h.anonymous,
        confidential: h.confidential,
        confidentiality: c.opt_text(h.confidentiality),
        caution: c.opt_text(h.caution),
        emergency: h.emergency,
        pinned: h.pinned,
        hours: c.opt_shared(h.hours),
        schedule: schedule(c, &path, h.schedule.as_ref()).map(Box::new),
        languages: c.shared_texts(h.languages),
        area: c.opt_shared(h.area),
        url: c.url(|| format!("{path}.url"), h.url),
        notes: c.texts(h.notes),
        tags: c.shared_texts(h.tags),
        provenance: c.provenance(&path, h.source, &h.retrieved, h.verified.as_ref()),
    }
}

pub(super) fn convert_program(c: &mut Checker, p: raw::RawProgram) -> Program {
    let path = "program";
    Program {
        id: c.id(path, p.id, RecordRef::Program),
        name: c.text(path, "name", p.name),
        summary: c.text(path, "summary", p.summary),
        people: c.texts(p.people),
        strategy: p
            .strategy
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let sp = format!("program.strategy[{i}]");
                Strategy {
                    id: c.id(&sp, s.id, RecordRef::Strategy(i)),
                    title: c.text(&sp, "title", s.title),
                    text: c.text(&sp, "text", s.text),
                }
            })
            .collect(),
        endorsements: p
            .endorsements
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let ep = format!("program.endorsements[{i}]");
                Endorsement {
                    id: c.id(&ep, e.id, RecordRef::Endorsement(i)),
                    quote: c.text(&ep, "quote", e.quote),
                    speaker: c.text(&ep, "speaker", e.speaker),
                    speaker_title: c.opt_text(e.speaker_title),
                    context: c.opt_text(e.context),
                }
            })
            .collect(),
        tags: c.shared_texts(p.tags),
        provenance: c.provenance(path, p.source, &p.retrieved, p.verified.as_ref()),
    }
}

pub(super) fn convert_role(
    c: &mut Checker,
    r: usize,
    role: raw::RawRole,
    hotlines: &HashMap<String, usize>,
) -> Role {
    let path = format!("roles[{r}]");
    let actions = role
        .actions
        .into_iter()
        .enumerate()
        .map(|(a, action)| {
            let ap = format!("{path}.actions[{a}]");
            let mut related = Vec::with_capacity(action.hotlines.len());
            for (k, id) in action.hotlines.into_iter().enumerate() {
                let id = clean_owned(id);
                match hotlines.get(&id) {
                    Some(&i) => related.push(i),
                    None => c.problem(
                        format!("{ap}.hotlines[{k}]"),
                        say(|m| m.unknown_hotline, &[("id", &id)]),
                    ),
                }
            }
            ActionItem {
                id: c.id(&ap, action.id, RecordRef::Action(r, a)),
                title: c.text(&ap, "title", action.title),
                summary: c.text(&ap, "summary", action.summary),
                next_steps: c.texts(action.next_steps),
                hotlines: related,
                tags: c.shared_texts(action.tags),
                provenance: c.provenance(
                    &ap,
                    action.source,
                    &action.retrieved,
                    action.verified.as_ref(),
                ),
            }
        })
        .collect();
    Role {
        id: c.id(&path, role.id, RecordRef::Role(r)),
        name: c.text(&path, "name", role.name),
        summary: c.text(&path, "summary", role.summary),
        tags: c.shared_texts(role.tags),
        actions,
        provenance: c.provenance(&path, role.source, &role.retrieved, role.verified.as_ref()),
    }
}

pub(super) fn convert_service(c: &mut Checker, i: usize, s: raw::RawService) -> Service {
    // Nearly every service has no problem: its path is written only for a message.
    let path = PathOf(RecordRef::Service(i));
    Service {
        id: c.id(path, s.id, RecordRef::Service(i)),
        name: c.text(path, "name", s.name),
        organization: c.opt_shared(s.organization),
        description: clean_owned(c.resolve(s.description)),
        phones: s
            .phones
            .into_iter()
            .enumerate()
            .map(|(k, p)| ServicePhone {
                phone: c.phone(
                    || format!("{path}.phones[{k}].number"),
                    p.number,
                    p.extension.as_ref(),
                    p.kind == PhoneKind::Text,
                ),
                kind: p.kind,
                label: c.opt_shared(p.label),
            })
            .collect(),
        hours: c.opt_shared(s.hours),
        schedule: schedule(c, path, s.schedule.as_ref()).map(Box::new),
        languages: c.shared_texts(s.languages),
        area: c.opt_shared(s.area),
        address: c.opt_text(s.address),
        url: c.url(|| format!("{path}.url"), s.url),
        email: c.email(|| format!("{path}.email"), s.email),
        tags: c.shared_texts(s.tags),
        provenance: c.provenance(path, s.source, &s.retrieved, s.verified.as_ref()),
    }
}

/// The directory's `time_zone`: an IANA name the time zone database knows (bundled into
/// the binary, so a machine without `/usr/share/zoneinfo` knows them too), or a fixed
/// offset `+HH:MM` / `-HH:MM`.
pub(super) fn time_zone(c: &mut Checker, s: Option<&str>) -> Option<jiff::tz::TimeZone> {
    let name = clean(s?);
    if name.is_empty() {
        return None;
    }
    let found = parse_time_zone(&name);
    if found.is_none() {
        c.problem(
            "directory.time_zone",
            say(|m| m.unknown_time_zone, &[("value", &escape(&name))]),
        );
    }
    found
}

/// An IANA time zone name or a fixed offset (`+HH:MM`, `-HH:MM`, at most 14 hours).
/// Names are checked for their shape before the database is asked.
#[must_use]
pub fn parse_time_zone(name: &str) -> Option<jiff::tz::TimeZone> {
    if let Some(rest) = name.strip_prefix(['+', '-']) {
        let minutes = clock_minutes(rest).filter(|&m| m <= 14 * 60)?;
        let seconds = i32::from(minutes) * 60;
        let seconds = if name.starts_with('-') {
            -seconds
        } else {
            seconds
        };
        return jiff::tz::Offset::from_seconds(seconds)
            .ok()
            .map(jiff::tz::TimeZone::fixed);
    }
    let shaped = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('/')
        && name
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '/' | '_' | '-' | '+'))
        && name.split('/').all(|part| !part.is_empty());
    if !shaped {
        return None;
    }
    jiff::tz::db().get(name).ok().filter(|tz| !tz.is_unknown())
}

/// Minutes after midnight of a time written `HH:MM`, `00:00` to `24:00`.
pub(super) fn clock_minutes(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    let digit = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|c| u16::from(c - b'0'))
    };
    if b.len() != 5 || b.get(2) != Some(&b':') {
        return None;
    }
    let hours = digit(0)? * 10 + digit(1)?;
    let minutes = digit(3)? * 10 + digit(4)?;
    let total = hours * 60 + minutes;
    (minutes < 60 && total <= 24 * 60).then_some(total)
}

/// A record's `schedule`, checked: one of `always` and `weekly`, known days, `HH:MM`
/// times. It carries the file's time zone.
pub(super) fn schedule(
    c: &mut Checker,
    path: impl fmt::Display,
    s: Option<&raw::RawSchedule>,
) -> Option<crate::directory::model::Schedule> {
    use crate::directory::model::{OpeningHours, OpeningRule, Schedule};
    let s = s?;
    let path = format!("{path}.schedule");
    let rule = match (s.always, s.weekly.is_empty()) {
        (true, true) => OpeningRule::Always,
        (true, false) => {
            c.problem(path, say(|m| m.schedule_both, &[]));
            return None;
        }
        (false, true) => {
            c.problem(path, say(|m| m.schedule_empty, &[]));
            return None;
        }
        (false, false) => {
            let mut all = Vec::with_capacity(s.weekly.len());
            for (k, w) in s.weekly.iter().enumerate() {
                let wp = format!("{path}.weekly[{k}]");
                let mut days = Vec::with_capacity(w.days.len());
                if w.days.is_empty() {
                    c.problem(format!("{wp}.days"), say(|m| m.no_days, &[]));
                }
                for (d, day) in w.days.iter().enumerate() {
                    match weekday(&clean(day)) {
                        Some(wd) => days.push(wd),
                        None => c.problem(
                            format!("{wp}.days[{d}]"),
                            say(|m| m.not_a_day, &[("value", &escape(&clean(day)))]),
                        ),
                    }
                }
                let mut time = |field: &str, value: &str, latest: u16| {
                    let value = clean(value);
                    let m = clock_minutes(&value).filter(|&m| m <= latest);
                    if m.is_none() {
                        c.problem(
                            format!("{wp}.{field}"),
                            say(
                                |m| m.not_a_time,
                                &[
                                    ("value", &escape(&value)),
                                    ("latest", if latest == 24 * 60 { "24:00" } else { "23:59" }),
                                ],
                            ),
                        );
                    }
                    m
                };
                let opens = time("opens", &w.opens, 24 * 60 - 1);
                let closes = time("closes", &w.closes, 24 * 60);
                if let (Some(o), Some(cl)) = (opens, closes) {
                    if o == cl {
                        c.problem(format!("{wp}.closes"), say(|m| m.opens_when_it_closes, &[]));
                    } else if days.len() == w.days.len() && !days.is_empty() {
                        all.push(OpeningHours {
                            days,
                            opens: o,
                            closes: cl,
                        });
                    }
                }
            }
            if all.len() != s.weekly.len() {
                return None;
            }
            OpeningRule::Weekly(all)
        }
    };
    Some(Schedule {
        time_zone: c.time_zone.clone(),
        rule,
    })
}

/// A day of the week written `mon` … `sun` (any case).
pub(super) fn weekday(s: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday;
    Some(match s.to_ascii_lowercase().as_str() {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}
