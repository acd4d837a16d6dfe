//! Building the index: one entry a record, its fields folded into shared text arenas,
//! in parallel chunks for large directories.

use super::*;

/// Writes one field of an entry into the arena: parts folded and joined by single
/// spaces (empty parts skipped), as the field's text.
pub(super) struct Field<'a> {
    pub(super) out: &'a mut String,
    pub(super) start: usize,
}

impl<'a> Field<'a> {
    pub(super) fn new(out: &'a mut String) -> Self {
        let start = out.len();
        Self { out, start }
    }

    pub(super) fn part(&mut self, p: &str) {
        if p.is_empty() {
            return;
        }
        if self.out.len() > self.start {
            self.out.push(' ');
        }
        fold_into(self.out, p);
    }

    pub(super) fn parts<'s>(&mut self, parts: impl IntoIterator<Item = &'s str>) {
        for p in parts {
            self.part(p);
        }
    }

    /// Digits of phone numbers, numbers separated by '|'.
    pub(super) fn digits<'s>(&mut self, numbers: impl IntoIterator<Item = &'s str>) {
        for n in numbers {
            if self.out.len() > self.start {
                self.out.push('|');
            }
            self.out.extend(n.chars().filter(char::is_ascii_digit));
        }
    }
}

/// Records at most this many per task while building the index.
pub(super) const BUILD_CHUNK: usize = 2_048;

/// Writes the folded texts of a record, and those of the same record in other
/// languages (`others`, as tags and body), into `text`; returns its entry.
pub(super) fn entry_for(
    dir: &Directory,
    r: RecordRef,
    others: &[&Directory],
    arena: u32,
    text: &mut String,
) -> Option<Entry> {
    let mut rank = kind_of(dir, r)?;
    if let RecordRef::Hotline(i) = r
        && dir.hotlines.get(i).is_some_and(|h| h.emergency)
    {
        rank |= EMERGENCY;
    }
    let a = text.len();
    title_into(dir, r, text);
    let b = text.len();
    tags_into(dir, r, &mut Field::new(text))?;
    for o in others {
        text.push(' ');
        title_into(o, r, text);
        text.push(' ');
        tags_into(o, r, &mut Field::new(text))?;
    }
    let c = text.len();
    body_into(dir, r, &mut Field::new(text))?;
    for o in others {
        text.push(' ');
        body_into(o, r, &mut Field::new(text))?;
    }
    let d = text.len();
    digits_into(dir, r, &mut Field::new(text))?;
    let end = text.len();
    let ws = |from: usize, to: usize| text.as_bytes().get(from..to).map_or([0; 3], word_masks);
    let [[m0, s0, a0], [m1, s1, a1], [m2, s2, a2]] = [ws(a, b), ws(b, c), ws(c, d)];
    Some(Entry {
        record: r,
        rank,
        arena,
        bounds: [a, b, c, d, end].map(|at| u32::try_from(at).unwrap_or(u32::MAX)),
        masks: [m0, m1, m2],
        starts: [s0, s1, s2],
        alone: [a0, a1, a2],
    })
}

/// Whether `r` is a service both directories share (one that reads the same in both
/// languages, see [`Directory::services`]): its words are indexed once.
fn same_service(dir: &Directory, other: &Directory, r: RecordRef) -> bool {
    match r {
        RecordRef::Service(i) => match (dir.services.get(i), other.services.get(i)) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        },
        _ => false,
    }
}

/// The kind rank of a record that exists: hotlines first, then roles, actions, the
/// rest, services last.
pub(super) fn kind_of(dir: &Directory, r: RecordRef) -> Option<u8> {
    Some(match r {
        RecordRef::Hotline(i) => {
            dir.hotlines.get(i)?;
            0
        }
        RecordRef::Role(i) => {
            dir.roles.get(i)?;
            1
        }
        RecordRef::Action(ri, ai) => {
            dir.roles.get(ri)?.actions.get(ai)?;
            2
        }
        RecordRef::Program
        | RecordRef::Strategy(_)
        | RecordRef::Endorsement(_)
        | RecordRef::Fact(_)
        | RecordRef::Event(_) => 3,
        RecordRef::Service(i) => {
            dir.services.get(i)?;
            4
        }
    })
}

/// The role a record belongs to: a role's own, or an action item's.
pub(super) const fn role_of(r: RecordRef) -> Option<usize> {
    match r {
        RecordRef::Role(i) | RecordRef::Action(i, _) => Some(i),
        _ => None,
    }
}

/// The folded title ([`Directory::path_title`]).
pub(super) fn title_into(dir: &Directory, r: RecordRef, text: &mut String) {
    let own = dir.title_of(r).unwrap_or_default();
    if let RecordRef::Action(role, _) = r
        && let Some(parent) = dir.roles.get(role)
    {
        fold_into(text, &parent.name);
        fold_into(text, " › ");
    }
    fold_into(text, own);
}

pub(super) fn tags_into(dir: &Directory, r: RecordRef, f: &mut Field<'_>) -> Option<()> {
    match r {
        RecordRef::Hotline(i) => {
            let h = dir.hotlines.get(i)?;
            f.parts(h.tags.iter().map(Shared::as_str));
            f.part(&h.short_name);
        }
        RecordRef::Role(i) => f.parts(dir.roles.get(i)?.tags.iter().map(Shared::as_str)),
        RecordRef::Action(ri, ai) => {
            let role = dir.roles.get(ri)?;
            let a = role.actions.get(ai)?;
            f.parts(
                a.tags
                    .iter()
                    .chain(role.tags.iter().take(1))
                    .map(Shared::as_str),
            );
        }
        RecordRef::Program => f.parts(dir.program.as_ref()?.tags.iter().map(Shared::as_str)),
        RecordRef::Strategy(_) | RecordRef::Endorsement(_) | RecordRef::Event(_) => {}
        RecordRef::Fact(i) => f.parts(dir.facts.get(i)?.tags.iter().map(Shared::as_str)),
        RecordRef::Service(i) => {
            let s = dir.services.get(i)?;
            f.parts(s.tags.iter().map(Shared::as_str));
            f.parts(s.area.as_deref());
            f.parts(s.organization.as_deref());
            f.parts(s.languages.iter().map(Shared::as_str));
        }
    }
    Some(())
}

pub(super) fn body_into(dir: &Directory, r: RecordRef, f: &mut Field<'_>) -> Option<()> {
    match r {
        RecordRef::Hotline(i) => {
            let h = dir.hotlines.get(i)?;
            f.part(&h.purpose);
            f.parts(h.operator.as_deref());
            f.parts(h.hours.as_deref());
            f.parts(h.languages.iter().map(Shared::as_str));
            f.parts(h.notes.iter().map(String::as_str));
            f.parts(hotline_numbers(h));
        }
        RecordRef::Role(i) => {
            let role = dir.roles.get(i)?;
            f.part(&role.summary);
            f.parts(role.actions.iter().map(|a| a.title.as_str()));
        }
        RecordRef::Action(ri, ai) => {
            let a = dir.roles.get(ri)?.actions.get(ai)?;
            f.part(&a.summary);
            f.parts(a.next_steps.iter().map(String::as_str));
            let related = a.hotlines.iter().filter_map(|&h| dir.hotlines.get(h));
            f.parts(related.map(|h| h.name.as_str()));
        }
        RecordRef::Program => {
            let p = dir.program.as_ref()?;
            f.part(&p.summary);
            f.parts(p.people.iter().map(String::as_str));
        }
        RecordRef::Strategy(i) => f.part(&dir.program.as_ref()?.strategy.get(i)?.text),
        RecordRef::Endorsement(i) => {
            let e = dir.program.as_ref()?.endorsements.get(i)?;
            f.part(&e.quote);
            f.part(e.speaker_title.as_deref().unwrap_or_default());
        }
        RecordRef::Fact(i) => f.part(&dir.facts.get(i)?.text),
        RecordRef::Event(i) => f.part(&dir.events.as_ref()?.get(i)?.text),
        RecordRef::Service(i) => {
            let s = dir.services.get(i)?;
            f.part(&s.description);
            f.parts(s.address.as_deref());
            f.parts(s.hours.as_deref());
            f.parts(s.phones.iter().map(|p| p.phone.number.as_str()));
        }
    }
    Some(())
}

pub(super) fn hotline_numbers(h: &crate::directory::Hotline) -> impl Iterator<Item = &str> {
    [Some(&h.phone), h.text.as_ref(), h.tty.as_ref()]
        .into_iter()
        .flatten()
        .map(|p| p.number.as_str())
}

pub(super) fn digits_into(dir: &Directory, r: RecordRef, f: &mut Field<'_>) -> Option<()> {
    match r {
        RecordRef::Hotline(i) => f.digits(hotline_numbers(dir.hotlines.get(i)?)),
        RecordRef::Service(i) => f.digits(
            dir.services
                .get(i)?
                .phones
                .iter()
                .map(|p| p.phone.number.as_str()),
        ),
        _ => {}
    }
    Some(())
}

impl SearchIndex {
    /// Builds the index of a directory.
    #[must_use]
    pub fn build(dir: &Directory) -> Self {
        Self::build_with(dir, &[])
    }

    /// Builds the index of a directory whose texts also exist in other languages (the
    /// same directory read in them): a query in any of them finds the record, and the
    /// directory's own language ranks first (other languages count as tags and body).
    #[must_use]
    pub fn build_with(dir: &Directory, others: &[&Directory]) -> Self {
        Self::build_sharing(dir, others, None)
    }

    /// [`SearchIndex::build_with`] for a directory read in another language beside
    /// `base`, the index of the same directory in the first language (built with this
    /// directory among its others): where a chunk of records holds only services the two
    /// directories share, its text arena is `base`'s, not a copy, and its entries are
    /// `base`'s too (they were built from the same services, with the same words).
    #[must_use]
    pub fn build_beside(dir: &Directory, others: &[&Directory], base: &Self) -> Self {
        Self::build_sharing(dir, others, Some(base))
    }

    fn build_sharing(dir: &Directory, others: &[&Directory], base: Option<&Self>) -> Self {
        let records = dir.records();
        // Another language only counts when its records pair one to one with these.
        let others: Vec<(&Directory, Vec<RecordRef>)> = others
            .iter()
            .map(|&o| (o, o.records()))
            .filter(|(_, r)| r.len() == records.len())
            .collect();
        let chunks: Vec<(Arc<str>, Vec<Entry>)> = records
            .par_chunks(BUILD_CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let first = c * BUILD_CHUNK;
                let arena = u32::try_from(c).unwrap_or(u32::MAX);
                let shared = !others.is_empty()
                    && chunk
                        .iter()
                        .all(|&r| others.iter().all(|(o, _)| same_service(dir, o, r)));
                if shared && let Some(reused) = base.and_then(|b| b.chunk(arena, chunk)) {
                    return reused;
                }
                let mut text = String::with_capacity(chunk.len() * 256);
                let mut entries = Vec::with_capacity(chunk.len());
                for (k, &r) in chunk.iter().enumerate() {
                    let translations: Vec<&Directory> = others
                        .iter()
                        .filter(|(o, recs)| {
                            recs.get(first + k) == Some(&r) && !same_service(dir, o, r)
                        })
                        .map(|(o, _)| *o)
                        .collect();
                    if let Some(e) = entry_for(dir, r, &translations, arena, &mut text) {
                        entries.push(e);
                    }
                }
                (Arc::from(text), entries)
            })
            .collect();
        let count: usize = chunks.iter().map(|(_, e)| e.len()).sum();
        let mut arenas = Vec::with_capacity(chunks.len());
        let mut entries = Vec::with_capacity(count);
        for (text, es) in chunks {
            arenas.push(text);
            entries.extend(es);
        }
        Self::from_parts(entries, arenas)
    }

    /// How many of this index's text arenas are held once with `other`'s (see
    /// [`SearchIndex::build_beside`]), and how many it has.
    #[must_use]
    pub fn arenas_shared_with(&self, other: &Self) -> (usize, usize) {
        let shared = self
            .arenas
            .iter()
            .filter(|a| other.arenas.iter().any(|b| Arc::ptr_eq(a, b)))
            .count();
        (shared, self.arenas.len())
    }

    /// The arena `arena` and its entries, when they are exactly the records `chunk`.
    fn chunk(&self, arena: u32, chunk: &[RecordRef]) -> Option<(Arc<str>, Vec<Entry>)> {
        let text = self.arenas.get(arena as usize)?;
        let from = self.entries.partition_point(|e| e.arena < arena);
        let to = self.entries.partition_point(|e| e.arena <= arena);
        let entries = self.entries.get(from..to)?;
        let same =
            entries.len() == chunk.len() && entries.iter().zip(chunk).all(|(e, r)| e.record == *r);
        same.then(|| (Arc::clone(text), entries.to_vec()))
    }

    /// An index of these entries and arenas (read from an index file, see [`file`]).
    pub(super) fn from_parts(entries: Vec<Entry>, arenas: Vec<Arc<str>>) -> Self {
        Self {
            entries,
            arenas,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }
}
