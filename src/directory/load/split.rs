//! Large files, read on every core: the file's head parsed once, its services cut
//! into parts at record boundaries, each part parsed and converted in parallel; and
//! [`sections`], the head and the services' text for whoever reads them directly.

use super::*;

/// A part's services in one language, and its untranslated texts.
pub(super) type Converted = (Vec<Arc<Service>>, Vec<String>);

/// One part of the services, converted: their ids (checked when the parts are put
/// together), and for each language its services and untranslated texts (`None` when
/// that language has a problem of its own).
pub(super) struct Part {
    pub(super) ids: Vec<String>,
    pub(super) languages: Vec<Option<Converted>>,
}

/// The fast way to load a file that is valid, as nearly every file is.
///
/// Everything before the services is read by serde as usual. The services — nearly all
/// of a large file — must be the file's last field: they are then cut into parts at
/// places that look like the end of one service and the start of the next (`},` then
/// `{`, where a whole service can be read), and the parts are parsed and converted on
/// every core. A cut in a wrong place cannot go unnoticed: the first part starts at the
/// first service, and each part must read, from its start, as services separated by
/// commas up to exactly its end; so each part ends where a service truly ends, and the
/// next truly starts one. After the last part only `]` and `}` may follow.
///
/// `None` when anything at all is wrong, and for a file whose services are not its last
/// field: the caller then loads the file the plain way, which finds the same problems in
/// the same order, with their JSON paths and positions (and notices untranslated texts
/// in file order).
pub(super) fn split_load(
    bytes: &[u8],
    languages: Languages<'_>,
    span: Option<Span<'_>>,
) -> Option<Vec<InLanguage>> {
    let (head, inner) = read_head(std::str::from_utf8(bytes).ok()?)?;
    let wanted = languages.wanted(&head.directory.translations);
    // The head in each language: the first must have no problem (else the plain load
    // says what they are); another language with a problem of its own is left out.
    let mut heads: Vec<(Checker, Directory)> = Vec::with_capacity(wanted.len());
    let mut head = Some(head);
    for (k, language) in wanted.iter().enumerate() {
        let raw = if k + 1 == wanted.len() {
            head.take()?
        } else {
            head.clone()?
        };
        let converted = convert_head(raw, language);
        if converted.0.problems.is_empty() {
            heads.push(converted);
        } else if k == 0 {
            return None;
        }
    }
    let Some(inner) = inner else {
        return heads
            .into_iter()
            .map(|(c, dir)| finish(c, dir).ok())
            .collect();
    };
    let parts = cut(inner);
    let checkers: Vec<&Checker> = heads.iter().map(|(c, _)| c).collect();
    let done = convert_parts(&checkers, &parts, span);
    // Each language's services and untranslated texts, part after part; a language
    // with a problem in any part is left out (the first: the plain load says why).
    let mut services: Vec<Option<Vec<Vec<Arc<Service>>>>> = vec![Some(Vec::new()); heads.len()];
    let mut untranslated: Vec<Vec<String>> = vec![Vec::new(); heads.len()];
    let mut service_ids = Vec::with_capacity(done.len());
    for part in done {
        let part = part?;
        service_ids.push(part.ids);
        for (k, one) in part.languages.into_iter().enumerate() {
            match (one, services.get_mut(k)) {
                (Some((s, missing)), Some(Some(list))) => {
                    list.push(s);
                    if let Some(u) = untranslated.get_mut(k) {
                        u.extend(missing);
                    }
                }
                (_, Some(slot)) => *slot = None,
                _ => {}
            }
        }
    }
    if services.first().is_none_or(Option::is_none) {
        return None;
    }
    let total = service_ids.iter().map(Vec::len).sum();
    let mut ids = heads.first_mut()?.0.ids.take()?;
    ids.reserve(total);
    // An id used twice: the plain load names both places.
    let unique = service_ids
        .into_iter()
        .flatten()
        .enumerate()
        .all(|(k, id)| ids.insert(id, RecordRef::Service(k)).is_none());
    unique.then_some(())?;
    // One id map for every language: the same records, the same ids.
    let ids = Arc::new(ids);
    let mut out = Vec::with_capacity(heads.len());
    for (((mut c, mut dir), list), missing) in heads.into_iter().zip(services).zip(untranslated) {
        let Some(list) = list else {
            continue;
        };
        dir.services.reserve_exact(total);
        list.into_iter().for_each(|s| dir.services.extend(s));
        c.ids = None;
        c.missing.extend(missing);
        let mut one = finish(c, dir).ok()?;
        one.directory.ids = Arc::clone(&ids);
        out.push(one);
    }
    Some(out)
}

/// Reads a file's text up to its services ([`SplitVisitor`]): everything before them,
/// unconverted, and the text of the services list without its brackets (`None` when the
/// file has no services, or an empty list, and was read whole). `None` when the file
/// cannot be read so: a problem before the services, or an end other than `] }`. A field
/// after the services is found only when the list is read (the parts of [`split_load`]
/// and [`Sections::service_spans`] must end exactly at that end).
pub(super) fn read_head(text: &str) -> Option<(Head, Option<&str>)> {
    let found = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let read = serde::Deserializer::deserialize_map(&mut de, SplitVisitor { found: &found });
    let (head, first) = match read {
        // No services, or none in the list: the file was read whole.
        Ok(head) => {
            de.end().ok()?;
            return Some((head, None));
        }
        // Reading stopped at the first service, on purpose.
        Err(_) => found.into_inner()?,
    };
    let offset = first.checked_sub(text.as_ptr() as usize)?;
    let services = text.get(offset..)?;
    // The file must end with the list and the object: `] }`.
    let inner = services
        .trim_end_matches(JSON_SPACE)
        .strip_suffix('}')?
        .trim_end_matches(JSON_SPACE)
        .strip_suffix(']')?
        .trim_end_matches(JSON_SPACE);
    Some((head, Some(inner)))
}

/// A valid file read as far as its services, which are then read one at a time, where
/// they are: what `heatwatch search` needs when a search index file
/// ([`crate::search::index_file`]) says which services to show.
pub struct Sections<'a> {
    pub(super) checker: Checker,
    pub(super) head: Directory,
    /// The file's text.
    pub(super) text: &'a str,
    /// Its services list without the brackets, within `text` (empty without services).
    pub(super) services: &'a str,
}

impl fmt::Debug for Sections<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sections")
            .field("services_bytes", &self.services.len())
            .finish_non_exhaustive()
    }
}

/// Reads a file as far as its services, checking everything before them as the load
/// does, its texts in `language`. `None` when the file cannot be read so: not UTF-8, any problem before the
/// services, or an end other than `] }`. [`Sections::service_spans`] finds the rest,
/// such as another field after the services.
#[must_use]
pub fn sections<'a>(bytes: &'a [u8], language: &str) -> Option<Sections<'a>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let (head, inner) = read_head(text)?;
    let (checker, head) = convert_head(head, language);
    if !checker.problems.is_empty() {
        return None;
    }
    Some(Sections {
        checker,
        head,
        text,
        services: inner.unwrap_or_default(),
    })
}

impl Sections<'_> {
    /// Everything of the file but its services (its list of services is empty).
    #[must_use]
    pub const fn head(&self) -> &Directory {
        &self.head
    }

    /// Where each service's text is in the file, as byte ranges, in file order; `None`
    /// unless the list reads as JSON values separated by commas up to the file's final
    /// `] }` (so the services are its last field). Says nothing of whether each is a
    /// valid service: [`Sections::service`] checks that.
    #[must_use]
    pub fn service_spans(&self) -> Option<Vec<std::ops::Range<usize>>> {
        let base = self.text.as_ptr() as usize;
        let mut spans = Vec::new();
        let mut rest = self.services.trim_start_matches(JSON_SPACE);
        while !rest.is_empty() {
            let mut one = serde_json::Deserializer::from_str(rest)
                .into_iter::<&serde_json::value::RawValue>();
            let value = one.next()?.ok()?.get();
            let start = (value.as_ptr() as usize).checked_sub(base)?;
            spans.push(start..start + value.len());
            rest = rest
                .get(one.byte_offset()..)?
                .trim_start_matches(JSON_SPACE);
            if !rest.is_empty() {
                rest = rest.strip_prefix(',')?.trim_start_matches(JSON_SPACE);
            }
        }
        Some(spans)
    }

    /// The service at `span` of the file, read and checked as the load reads and
    /// checks `services[i]`; `None` unless the span holds exactly one service without
    /// problems.
    #[must_use]
    pub fn service(&self, i: usize, span: std::ops::Range<usize>) -> Option<Service> {
        self.service_with(&mut self.checker.fork(), i, span)
    }

    /// [`Sections::service`] for each `(i, span)`, in order, on every core when there are
    /// many; `None` if any is not a service without problems.
    #[must_use]
    pub fn services(&self, wanted: &[(usize, std::ops::Range<usize>)]) -> Option<Vec<Service>> {
        use rayon::prelude::*;
        wanted
            .par_iter()
            .with_min_len(256)
            .map_init(
                || self.checker.fork(),
                |fork, (i, span)| self.service_with(fork, *i, span.clone()),
            )
            .collect()
    }

    pub(super) fn service_with(
        &self,
        fork: &mut Checker,
        i: usize,
        span: std::ops::Range<usize>,
    ) -> Option<Service> {
        let raw: raw::RawService = serde_json::from_str(self.text.get(span)?).ok()?;
        let before = fork.problems.len();
        let service = convert_service(fork, i, raw);
        (fork.problems.len() == before).then_some(service)
    }

    /// The directory of the head and these services (numbered from 0 in the order
    /// given); `None` if an id is used twice.
    #[must_use]
    pub fn into_directory(self, services: Vec<Service>) -> Option<Directory> {
        let mut dir = finish(self.checker, self.head).ok()?.directory;
        let ids = Arc::make_mut(&mut dir.ids);
        for (k, s) in services.iter().enumerate() {
            if ids.insert(s.id.clone(), RecordRef::Service(k)).is_some() {
                return None;
            }
        }
        dir.services = services.into_iter().map(Arc::new).collect();
        Some(dir)
    }
}

/// Cuts the text of a list of services (without its brackets) into parts of about
/// [`PART_BYTES`], each starting where a whole service can be read.
pub(super) fn cut(inner: &str) -> Vec<&str> {
    let size = (inner.len() / MAX_PARTS).max(PART_BYTES);
    let mut parts = Vec::new();
    let mut start = 0;
    while inner.len().saturating_sub(start) > size + size / 2 {
        let Some((end, next)) = next_cut(inner, start + size) else {
            break;
        };
        let Some(part) = inner.get(start..end) else {
            break;
        };
        parts.push(part);
        start = next;
    }
    parts.extend(inner.get(start..));
    parts
}

/// The first place at or after `from` that looks like the end of one service and the
/// start of the next: `}`, a comma, `{`, with JSON spaces between, where a whole
/// service can be read. Returns where the part before it ends and the next begins.
pub(super) fn next_cut(inner: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = inner.as_bytes();
    let mut at = from;
    while let Some(comma) = memchr::memchr(b',', bytes.get(at..)?) {
        let comma = at + comma;
        at = comma + 1;
        let before = inner.get(..comma)?.trim_end_matches(JSON_SPACE);
        let after = inner.get(comma + 1..)?.trim_start_matches(JSON_SPACE);
        if before.ends_with('}') && after.starts_with('{') {
            let next = inner.len() - after.len();
            let mut one = serde_json::Deserializer::from_str(after).into_iter::<raw::RawService>();
            if matches!(one.next(), Some(Ok(_))) {
                return Some((before.len(), next));
            }
        }
    }
    None
}

/// Parses and converts every part on rayon's threads, in file order, telling `span`
/// how many of the parts' bytes are done.
pub(super) fn convert_parts(
    checkers: &[&Checker],
    parts: &[&str],
    span: Option<Span<'_>>,
) -> Vec<Option<Part>> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    let total: u64 = parts.iter().map(|p| p.len() as u64).sum();
    let done = AtomicU64::new(0);
    parts
        .par_iter()
        .map(|part| {
            let converted = convert_part(checkers, part);
            if let Some(span) = span {
                let now = done.fetch_add(part.len() as u64, Ordering::Relaxed);
                span.at(now + part.len() as u64, total);
            }
            converted
        })
        .collect()
}

/// Reads one part as services separated by commas, up to exactly its end, once, and
/// converts them (numbered from 0) in the language of each checker; `None` if it does
/// not read so, or any service has a problem in the first language. A service with a
/// problem in another language leaves that language out.
pub(super) fn convert_part(checkers: &[&Checker], part: &str) -> Option<Part> {
    let mut raw = Vec::new();
    let mut rest = part.trim_start_matches(JSON_SPACE);
    loop {
        let mut one = serde_json::Deserializer::from_str(rest).into_iter::<raw::RawService>();
        raw.push(one.next()?.ok()?);
        let used = one.byte_offset();
        rest = rest.get(used..)?.trim_start_matches(JSON_SPACE);
        if rest.is_empty() {
            break;
        }
        rest = rest.strip_prefix(',')?.trim_start_matches(JSON_SPACE);
    }
    let mut languages: Vec<Option<Converted>> = Vec::with_capacity(checkers.len());
    let mut ids = Vec::new();
    let last = checkers.len().saturating_sub(1);
    for (k, checker) in checkers.iter().enumerate() {
        let mut fork = checker.fork();
        // The first language's services, which another language's share when equal.
        let first: &[Arc<Service>] = match languages.first() {
            Some(Some((first, _))) if k > 0 => first,
            _ => &[],
        };
        let mut convert = |(i, s)| shared(first, i, convert_service(&mut fork, i, s));
        let services: Vec<Arc<Service>> = if k == last {
            std::mem::take(&mut raw)
                .into_iter()
                .enumerate()
                .map(&mut convert)
                .collect()
        } else {
            raw.iter().cloned().enumerate().map(&mut convert).collect()
        };
        let ok = fork.problems.is_empty();
        if k == 0 {
            if !ok {
                return None;
            }
            ids = services.iter().map(|s| s.id.clone()).collect();
        }
        languages.push(ok.then_some((services, fork.missing)));
    }
    Some(Part { ids, languages })
}

/// `service`, as the `i`-th of `first` (the same service in the first language) when
/// it reads the same, so that the languages share it; else on its own.
pub(super) fn shared(first: &[Arc<Service>], i: usize, service: Service) -> Arc<Service> {
    match first.get(i) {
        Some(same) if **same == service => Arc::clone(same),
        _ => Arc::new(service),
    }
}

/// Every service of another language that reads as in the first becomes the first's,
/// shared (see [`Directory::services`]).
pub(super) fn share_services(out: &mut [InLanguage]) {
    let Some((first, others)) = out.split_first_mut() else {
        return;
    };
    for other in others {
        for (i, s) in other.directory.services.iter_mut().enumerate() {
            if let Some(same) = first.directory.services.get(i)
                && **same == **s
            {
                *s = Arc::clone(same);
            }
        }
    }
}

/// The top-level fields of a file, as in [`RawFile`].
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
pub(super) enum TopField {
    SchemaVersion,
    Directory,
    Hotlines,
    Program,
    Facts,
    Roles,
    Events,
    Services,
}

/// Reads a file's top-level object for [`split_load`]: every field but `services` as
/// [`RawFile`] would (unknown and repeated fields are errors); once `services` is
/// reached, it stops with an error at the first service,
/// leaving what it found in `found`. A file without services, or with an empty list
/// last, is read whole.
pub(super) struct SplitVisitor<'f> {
    pub(super) found: &'f std::cell::RefCell<Option<Found>>,
}

impl<'de> serde::de::Visitor<'de> for SplitVisitor<'_> {
    type Value = Head;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a directory file")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let twice = || A::Error::custom("a field given twice");
        let mut version: Option<u32> = None;
        let mut directory: Option<raw::RawMeta> = None;
        let mut hotlines: Option<Vec<raw::RawHotline>> = None;
        let mut program: Option<Option<raw::RawProgram>> = None;
        let mut facts: Option<Vec<raw::RawFact>> = None;
        let mut roles: Option<Vec<raw::RawRole>> = None;
        let mut events: Option<Option<Vec<raw::RawEvent>>> = None;
        let mut services = false;
        while let Some(field) = map.next_key::<TopField>()? {
            if services {
                // The services come last, so texts are noticed in file order.
                return Err(A::Error::custom("a field after the services"));
            }
            match field {
                TopField::SchemaVersion if version.is_none() => version = Some(map.next_value()?),
                TopField::Directory if directory.is_none() => directory = Some(map.next_value()?),
                TopField::Hotlines if hotlines.is_none() => hotlines = Some(map.next_value()?),
                TopField::Program if program.is_none() => program = Some(map.next_value()?),
                TopField::Facts if facts.is_none() => facts = Some(map.next_value()?),
                TopField::Roles if roles.is_none() => roles = Some(map.next_value()?),
                TopField::Events if events.is_none() => events = Some(map.next_value()?),
                TopField::Services => {
                    let first = std::cell::Cell::new(None);
                    match map.next_value_seed(FirstService { at: &first }) {
                        // An empty list: nothing to cut.
                        Ok(()) => services = true,
                        Err(e) => {
                            let Some(at) = first.get() else {
                                return Err(e);
                            };
                            let directory = directory
                                .take()
                                .filter(|_| version == Some(SCHEMA_VERSION))
                                .ok_or_else(|| A::Error::custom("no usable head"))?;
                            let head = Head {
                                directory,
                                hotlines: hotlines.take().unwrap_or_default(),
                                program: program.take().flatten(),
                                facts: facts.take().unwrap_or_default(),
                                roles: roles.take().unwrap_or_default(),
                                events: events.take().flatten(),
                            };
                            *self.found.borrow_mut() = Some((head, at));
                            return Err(e);
                        }
                    }
                }
                _ => return Err(twice()),
            }
        }
        let directory = directory
            .filter(|_| version == Some(SCHEMA_VERSION))
            .ok_or_else(|| A::Error::custom("no usable head"))?;
        Ok(Head {
            directory,
            hotlines: hotlines.unwrap_or_default(),
            program: program.flatten(),
            facts: facts.unwrap_or_default(),
            roles: roles.unwrap_or_default(),
            events: events.flatten(),
        })
    }
}

/// Reads the `services` list up to the start of its first service: an empty list is
/// read whole; otherwise the address of the first service's text goes to `at`, and
/// reading stops there with an error.
pub(super) struct FirstService<'a> {
    pub(super) at: &'a std::cell::Cell<Option<usize>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for FirstService<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for FirstService<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of services")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        use serde::de::Error;
        match seq.next_element::<&'de serde_json::value::RawValue>()? {
            None => Ok(()),
            Some(first) => {
                self.at.set(Some(first.get().as_ptr() as usize));
                Err(A::Error::custom("stopped at the first service"))
            }
        }
    }
}
