//! Reading a directory file: size cap, JSON parsing with paths and positions, and the
//! one conversion from raw serde types into checked types.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read as _;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use super::model::{
    ActionItem, Directory, Endorsement, Event, Fact, Hotline, IdMap, Interner, Meta, Phone,
    Program, Provenance, RecordRef, Role, Service, ServicePhone, Shared, Source, Strategy,
};
use super::phone;
use super::problems::{self, Message, ProblemMessages, say};
use super::raw::{self, PhoneKind, RawFile, SCHEMA_VERSION};
use super::sanitize::{clean, clean_owned, escape, is_forbidden};
use super::text::Text;

/// The embedded directory, compiled into the binary.
pub const EMBEDDED_JSON: &str = include_str!("../../data/directory.json");

/// Files larger than this are refused (256 MiB).
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// One thing wrong with a directory file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, such as `roles[2].actions[0].hotlines[1]`; empty for the whole file.
    pub path: String,
    /// Line and column, where the parser knows them.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do about it.
    pub message: Message,
}

impl Problem {
    /// The problem, where it is and what it says, in the language of `m`.
    #[must_use]
    pub fn worded(&self, m: &ProblemMessages) -> String {
        let mut out = problems::prefix(m, &self.path, self.position);
        out.push_str(&self.message.worded(m));
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.worded(&problems::EN))
    }
}

/// Why a directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}", problems::cannot_read(&problems::EN, .path, .source))]
    Io {
        /// The path given (empty for a stream).
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is larger than the cap.
    #[error("{}", problems::too_large(&problems::EN, *.cap))]
    TooLarge {
        /// The cap in bytes.
        cap: u64,
    },
    /// The file is empty.
    #[error("{}", problems::EN.empty)]
    Empty,
    /// The file is not valid JSON, or not of the directory format's shape.
    #[error("{0}")]
    Parse(Problem),
    /// The file is of a format version this build does not read.
    #[error("{}", problems::unsupported_version(&problems::EN, .found))]
    Version {
        /// The version found, as written.
        found: String,
    },
    /// The file parsed, but its content breaks the format's rules.
    #[error("{}", LoadError::worded_problems(&problems::EN, .0))]
    Invalid(Vec<Problem>),
}

impl LoadError {
    /// What is wrong, in the language of `m` (its `Display` is in English).
    #[must_use]
    pub fn worded(&self, m: &ProblemMessages) -> String {
        match self {
            Self::Io { path, source } => problems::cannot_read(m, path, source),
            Self::TooLarge { cap } => problems::too_large(m, *cap),
            Self::Empty => m.empty.to_owned(),
            Self::Parse(p) => p.worded(m),
            Self::Version { found } => problems::unsupported_version(m, found),
            Self::Invalid(list) => Self::worded_problems(m, list),
        }
    }

    /// The heading of a list of problems, then one per line.
    fn worded_problems(m: &ProblemMessages, list: &[Problem]) -> String {
        let mut out = problems::count(m, list.len());
        for p in list {
            out.push_str("\n  ");
            out.push_str(&p.worded(m));
        }
        out
    }

    /// Every problem, one per line-worthy item (one for a file that could not be read or
    /// is not of the format at all).
    #[must_use]
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Self::Parse(p) => vec![p.clone()],
            Self::Invalid(ps) => ps.clone(),
            other => vec![Problem {
                path: String::new(),
                position: None,
                message: match other {
                    Self::Io { path, source } => {
                        Message::Unreadable(path.clone(), source.to_string())
                    }
                    Self::TooLarge { cap } => say(|m| m.too_large, &[("cap", &cap.to_string())]),
                    Self::Version { found } => say(
                        |m| m.unsupported_version,
                        &[("found", found), ("supported", &SCHEMA_VERSION.to_string())],
                    ),
                    _ => say(|m| m.empty, &[]),
                },
            }],
        }
    }

    /// Whether the failure is about reading the file (exit 2) rather than its content (exit 1).
    #[must_use]
    pub const fn is_unreadable(&self) -> bool {
        matches!(self, Self::Io { .. } | Self::TooLarge { .. })
    }
}

/// The languages to read a file in: one file is parsed and checked once, then converted
/// into each of them ([`read`]).
#[derive(Debug, Clone, Copy)]
pub struct Languages<'a> {
    /// The language the file is read in first; the file's problems are those found then.
    pub first: &'a str,
    /// Other languages, each read when the file declares a translation into it, or it
    /// is the default language and the file declares any translation (or, with
    /// `always`, whatever it declares: the layers of one directory must all be read
    /// in the same languages). A language whose text has a problem of its own (an
    /// empty translation of a required field) is left out.
    pub others: &'a [&'a str],
    /// Reads `others` even when the file declares no translation into them.
    pub always: bool,
    /// Also reads every language the file declares a translation into.
    pub declared: bool,
}

impl<'a> Languages<'a> {
    /// One language only.
    #[must_use]
    pub const fn one(language: &'a str) -> Self {
        Self {
            first: language,
            others: &[],
            always: false,
            declared: false,
        }
    }

    /// `language` first, then the default language and every language the file declares
    /// a translation into: what a check of every number and text reads.
    #[must_use]
    pub const fn every(language: &'a str) -> Self {
        Self {
            first: language,
            others: &[super::text::DEFAULT_LANGUAGE],
            always: true,
            declared: true,
        }
    }

    /// The languages to read a file whose directory declares `translations` in.
    fn wanted(&self, translations: &[raw::RawTranslation]) -> Vec<String> {
        let declared: Vec<String> = translations.iter().map(|t| clean(&t.language)).collect();
        let mut out = vec![self.first.to_owned()];
        for &other in self.others {
            // A file with translations is also written in the default language.
            let in_file = declared.iter().any(|d| d == other)
                || (other == super::text::DEFAULT_LANGUAGE && !declared.is_empty());
            if (self.always || in_file) && !out.iter().any(|o| o == other) {
                out.push(other.to_owned());
            }
        }
        if self.declared {
            for d in declared {
                if !d.is_empty() && !out.contains(&d) {
                    out.push(d);
                }
            }
        }
        out
    }
}

/// A file read in one language.
#[derive(Debug)]
pub struct InLanguage {
    /// The directory, its texts in that language.
    pub directory: Directory,
    /// Texts given in other languages but not in this one (their fallback text), in the
    /// order they were read.
    pub untranslated: Vec<String>,
}

/// Loads the embedded directory, in English.
///
/// # Errors
/// Only if the embedded data is broken, which the test suite rules out.
pub fn embedded() -> Result<Directory, LoadError> {
    from_bytes(EMBEDDED_JSON.as_bytes())
}

/// Loads a directory file from disk, refusing files over `cap` bytes, in English.
///
/// # Errors
/// Any [`LoadError`].
pub fn from_path(path: &Path, cap: u64) -> Result<Directory, LoadError> {
    from_owned_bytes(read_file(path, cap)?)
}

/// Loads a directory file from disk, refusing files over `cap` bytes, its texts in
/// `language`.
///
/// # Errors
/// Any [`LoadError`].
pub fn from_path_in(path: &Path, cap: u64, language: &str) -> Result<Directory, LoadError> {
    let mut all = read(read_file(path, cap)?, Languages::one(language))?;
    Ok(all.swap_remove(0).directory)
}

/// The bytes of a directory file, refusing files over `cap` bytes.
///
/// # Errors
/// [`LoadError::Io`] or [`LoadError::TooLarge`].
pub fn read_file(path: &Path, cap: u64) -> Result<Vec<u8>, LoadError> {
    let file = open_regular(path).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    // Sized once from the file's length (which may be wrong: the read decides).
    let size = file.metadata().map_or(0, |m| m.len());
    if size > cap {
        return Err(LoadError::TooLarge { cap });
    }
    read_capped(file, cap, size).map_err(|e| match e {
        LoadError::Io { source, .. } => LoadError::Io {
            path: path.display().to_string(),
            source,
        },
        other => other,
    })
}

/// Opens a file for reading only if it is a regular file: a FIFO, a device or a
/// directory is refused at once, never waited on (opening a FIFO with no writer would
/// block; a device may never end). The check is made on the opened file, so the path
/// cannot be swapped between the check and the read.
///
/// # Errors
/// The operating system's, or [`std::io::ErrorKind::InvalidInput`] for a file that is
/// not regular.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Non-blocking, so that opening a FIFO returns at once; a regular file ignores it.
        options
            .custom_flags(i32::try_from(rustix::fs::OFlags::NONBLOCK.bits()).unwrap_or_default());
    }
    let file = options.open(path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a FIFO or a device)",
        ))
    }
}

/// Loads a directory from a reader, reading at most `cap` bytes (plus one, to tell
/// that the input is longer): an endless reader ends in [`LoadError::TooLarge`].
///
/// # Errors
/// Any [`LoadError`].
pub fn from_reader(reader: impl std::io::Read, cap: u64) -> Result<Directory, LoadError> {
    from_owned_bytes(read_capped(reader, cap, 0)?)
}

/// At most `cap` bytes of `reader` (plus one, to tell that it is longer), in a buffer
/// sized for `expected` bytes.
fn read_capped(reader: impl std::io::Read, cap: u64, expected: u64) -> Result<Vec<u8>, LoadError> {
    let capacity = usize::try_from(expected.min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(usize::from(capacity > 0)));
    reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            path: String::new(),
            source,
        })?;
    if bytes.len() as u64 > cap {
        return Err(LoadError::TooLarge { cap });
    }
    Ok(bytes)
}

/// Loads a directory from the bytes of a file, in English.
///
/// # Errors
/// Any [`LoadError`] but `Io` and `TooLarge`.
pub fn from_owned_bytes(bytes: Vec<u8>) -> Result<Directory, LoadError> {
    let mut all = read(bytes, Languages::one(super::text::DEFAULT_LANGUAGE))?;
    Ok(all.swap_remove(0).directory)
}

/// Reads the bytes of a file once, and converts it into each language of `languages`
/// that it is to be read in: `languages.first` first, always; then the others, in
/// order (see [`Languages`]).
///
/// A valid file's services are parsed and converted a part at a time on every core, so
/// that the raw records of the whole file are never held at once; a file with any
/// problem is parsed whole, its bytes dropped, then checked (the plain load, which says
/// where each problem is).
///
/// # Errors
/// Any [`LoadError`] but `Io` and `TooLarge`: the problems of the first language.
pub fn read(bytes: Vec<u8>, languages: Languages<'_>) -> Result<Vec<InLanguage>, LoadError> {
    refuse_long_texts(&bytes)?;
    if let Some(all) = split_load(&bytes, languages) {
        return Ok(all);
    }
    let raw = parse_checked(&bytes)?;
    drop(bytes);
    convert_all(raw, languages)
}

/// The most bytes one string of a directory file may take, as written in the file
/// (escapes included): 64 KiB, far more than any record needs (the longest text of the
/// embedded directory is under 1 KiB) and little enough that no screen takes long to
/// draw, whatever the data.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Refuses a file holding a string longer than [`MAX_TEXT_BYTES`], naming where it
/// starts. One pass over the quotes (memchr); a quote preceded by an odd number of
/// backslashes is inside a string.
fn refuse_long_texts(bytes: &[u8]) -> Result<(), LoadError> {
    let mut open: Option<usize> = None;
    for q in memchr::memchr_iter(b'"', bytes) {
        let backslashes = bytes
            .get(..q)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 1 {
            continue;
        }
        match open.take() {
            None => open = Some(q),
            Some(start) if q - start - 1 > MAX_TEXT_BYTES => {
                let before = bytes.get(..start).unwrap_or_default();
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                let column = start
                    - before
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |i| i + 1)
                    + 1;
                return Err(LoadError::Parse(Problem {
                    path: String::new(),
                    position: Some((line, column)),
                    message: problems::say(
                        |m| m.text_too_long,
                        &[
                            ("bytes", &(q - start - 1).to_string()),
                            ("limit", &MAX_TEXT_BYTES.to_string()),
                        ],
                    ),
                }));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Loads a directory from the bytes of a file, its texts in `language` (falling back
/// to English, then to the first text given), with the texts that had no translation
/// into that language.
///
/// # Errors
/// Any [`LoadError`] but `Io` and `TooLarge`.
pub fn from_bytes_in(bytes: &[u8], language: &str) -> Result<(Directory, Vec<String>), LoadError> {
    let mut all = read_borrowed(bytes, Languages::one(language))?;
    let one = all.swap_remove(0);
    Ok((one.directory, one.untranslated))
}

/// Loads a directory from the bytes of a file, in English.
///
/// # Errors
/// Any [`LoadError`] but `Io` and `TooLarge`.
pub fn from_bytes(bytes: &[u8]) -> Result<Directory, LoadError> {
    from_bytes_in(bytes, super::text::DEFAULT_LANGUAGE).map(|(d, _)| d)
}

/// [`read`] for bytes the caller keeps.
///
/// # Errors
/// As [`read`].
pub fn read_borrowed(bytes: &[u8], languages: Languages<'_>) -> Result<Vec<InLanguage>, LoadError> {
    refuse_long_texts(bytes)?;
    if let Some(all) = split_load(bytes, languages) {
        return Ok(all);
    }
    convert_all(parse_checked(bytes)?, languages)
}

/// The services of a large file are cut into parts of about this many bytes (at most
/// [`MAX_PARTS`] of them), parsed and converted on every core.
#[cfg(not(test))]
const PART_BYTES: usize = 256 * 1024;
#[cfg(test)]
const PART_BYTES: usize = 2 * 1024;

/// At most this many parts per file.
const MAX_PARTS: usize = 64;

/// JSON's whitespace.
const JSON_SPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// One part of the services, converted: their ids (checked when the parts are put
/// together), and for each language its services and untranslated texts (`None` when
/// that language has a problem of its own).
struct Part {
    ids: Vec<String>,
    languages: Vec<Option<(Vec<Service>, Vec<String>)>>,
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
fn split_load(bytes: &[u8], languages: Languages<'_>) -> Option<Vec<InLanguage>> {
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
    let done = convert_parts(&checkers, &parts);
    // Each language's services and untranslated texts, part after part; a language
    // with a problem in any part is left out (the first: the plain load says why).
    let mut services: Vec<Option<Vec<Vec<Service>>>> = vec![Some(Vec::new()); heads.len()];
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
    let mut out = Vec::with_capacity(heads.len());
    for (((mut c, mut dir), list), missing) in heads.into_iter().zip(services).zip(untranslated) {
        let Some(list) = list else {
            continue;
        };
        dir.services.reserve_exact(total);
        list.into_iter().for_each(|s| dir.services.extend(s));
        c.ids = Some(ids.clone());
        c.missing.extend(missing);
        out.push(finish(c, dir).ok()?);
    }
    Some(out)
}

/// Reads a file's text up to its services ([`SplitVisitor`]): everything before them,
/// unconverted, and the text of the services list without its brackets (`None` when the
/// file has no services, or an empty list, and was read whole). `None` when the file
/// cannot be read so: a problem before the services, or an end other than `] }`. A field
/// after the services is found only when the list is read (the parts of [`split_load`]
/// and [`Sections::service_spans`] must end exactly at that end).
fn read_head(text: &str) -> Option<(Head, Option<&str>)> {
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
    checker: Checker,
    head: Directory,
    /// The file's text.
    text: &'a str,
    /// Its services list without the brackets, within `text` (empty without services).
    services: &'a str,
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

    fn service_with(
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
        for (k, s) in services.iter().enumerate() {
            if dir
                .ids
                .insert(s.id.clone(), RecordRef::Service(k))
                .is_some()
            {
                return None;
            }
        }
        dir.services = services;
        Some(dir)
    }
}

/// Cuts the text of a list of services (without its brackets) into parts of about
/// [`PART_BYTES`], each starting where a whole service can be read.
fn cut(inner: &str) -> Vec<&str> {
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
fn next_cut(inner: &str, from: usize) -> Option<(usize, usize)> {
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

/// Parses and converts every part on rayon's threads, in file order.
fn convert_parts(checkers: &[&Checker], parts: &[&str]) -> Vec<Option<Part>> {
    use rayon::prelude::*;
    parts
        .par_iter()
        .map(|part| convert_part(checkers, part))
        .collect()
}

/// Reads one part as services separated by commas, up to exactly its end, once, and
/// converts them (numbered from 0) in the language of each checker; `None` if it does
/// not read so, or any service has a problem in the first language. A service with a
/// problem in another language leaves that language out.
fn convert_part(checkers: &[&Checker], part: &str) -> Option<Part> {
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
    let mut languages = Vec::with_capacity(checkers.len());
    let mut ids = Vec::new();
    let last = checkers.len().saturating_sub(1);
    for (k, checker) in checkers.iter().enumerate() {
        let mut fork = checker.fork();
        let services: Vec<Service> = if k == last {
            std::mem::take(&mut raw)
                .into_iter()
                .enumerate()
                .map(|(i, s)| convert_service(&mut fork, i, s))
                .collect()
        } else {
            raw.iter()
                .cloned()
                .enumerate()
                .map(|(i, s)| convert_service(&mut fork, i, s))
                .collect()
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

/// The top-level fields of a file, as in [`RawFile`].
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum TopField {
    SchemaVersion,
    Directory,
    Hotlines,
    Program,
    Facts,
    Roles,
    Events,
    Services,
}

/// What [`SplitVisitor`] leaves when it stops at the first service: everything before,
/// unconverted, and the address of the first service's text.
type Found = (Head, usize);

/// Reads a file's top-level object for [`split_load`]: every field but `services` as
/// [`RawFile`] would (unknown and repeated fields are errors); once `services` is
/// reached, it stops with an error at the first service,
/// leaving what it found in `found`. A file without services, or with an empty list
/// last, is read whole.
struct SplitVisitor<'f> {
    found: &'f std::cell::RefCell<Option<Found>>,
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
struct FirstService<'a> {
    at: &'a std::cell::Cell<Option<usize>>,
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

/// Parses a file into the raw format and checks its version.
fn parse_checked(bytes: &[u8]) -> Result<RawFile, LoadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty);
    }
    let raw = parse(bytes)?;
    if raw.schema_version != SCHEMA_VERSION {
        return Err(LoadError::Version {
            found: raw.schema_version.to_string(),
        });
    }
    Ok(raw)
}

/// Parses JSON into the raw format. A file that parses is read once, by the plain
/// parser; only a file that does not is read again, keeping track of the JSON path,
/// to say where the error is.
fn parse(bytes: &[u8]) -> Result<RawFile, LoadError> {
    // Valid UTF-8 is checked once for the whole file (fast, vectorised), so that the
    // parser need not check every string again; a file that is not UTF-8 is left to
    // the byte parser below, which says where.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let mut de = serde_json::Deserializer::from_str(text);
        if let Ok(raw) = RawFile::deserialize(&mut de)
            && de.end().is_ok()
        {
            return Ok(raw);
        }
    }
    parse_with_path(bytes)
}

/// Parses JSON into the raw format, with the JSON path and position of any error.
fn parse_with_path(bytes: &[u8]) -> Result<RawFile, LoadError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let result: Result<RawFile, _> = serde_path_to_error::deserialize(&mut de);
    let raw = match result {
        Ok(raw) => raw,
        Err(err) => {
            // A file of another version may fail on fields this version does not know:
            // report the version, which is the real reason.
            if let Some(found) = unsupported_version(bytes) {
                return Err(LoadError::Version { found });
            }
            let path = err.path().to_string();
            let inner = err.into_inner();
            return Err(LoadError::Parse(json_problem(
                if path == "." { String::new() } else { path },
                &inner,
            )));
        }
    };
    if let Err(e) = de.end() {
        return Err(LoadError::Parse(json_problem(String::new(), &e)));
    }
    Ok(raw)
}

fn json_problem(path: String, e: &serde_json::Error) -> Problem {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let position = (e.line() > 0).then(|| (e.line(), e.column()));
    // The parser quotes the file (an unknown field's name, say) as it is: escape what
    // a terminal would act on before anything prints it.
    Problem {
        path: escape(&path),
        position,
        message: Message::Json(escape(message), e.classify()),
    }
}

/// The file's `schema_version`, when it parses as JSON and names a version this build
/// does not read.
fn unsupported_version(bytes: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe {
        schema_version: Option<serde_json::Value>,
    }
    let probe: Probe = serde_json::from_slice(bytes).ok()?;
    match probe.schema_version? {
        serde_json::Value::Number(n) if n.as_u64() == Some(u64::from(SCHEMA_VERSION)) => None,
        other => Some(escape(&other.to_string())),
    }
}

/// The JSON path of a record, for messages.
#[must_use]
pub fn path_of(r: RecordRef) -> String {
    PathOf(r).to_string()
}

/// The JSON path of a record, written only when a message needs it.
#[derive(Clone, Copy)]
struct PathOf(RecordRef);

impl fmt::Display for PathOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            RecordRef::Hotline(i) => write!(f, "hotlines[{i}]"),
            RecordRef::Program => f.write_str("program"),
            RecordRef::Strategy(i) => write!(f, "program.strategy[{i}]"),
            RecordRef::Endorsement(i) => write!(f, "program.endorsements[{i}]"),
            RecordRef::Fact(i) => write!(f, "facts[{i}]"),
            RecordRef::Role(i) => write!(f, "roles[{i}]"),
            RecordRef::Action(r, a) => write!(f, "roles[{r}].actions[{a}]"),
            RecordRef::Event(i) => write!(f, "events[{i}]"),
            RecordRef::Service(i) => write!(f, "services[{i}]"),
        }
    }
}

/// Checks and converts raw data, collecting every problem rather than stopping at the first.
struct Checker {
    problems: Vec<Problem>,
    country: String,
    sources: HashSet<String>,
    /// Every id so far, with its record; `None` for the checker of one part of a file's
    /// services, whose ids are gathered when the parts are put together.
    ids: Option<IdMap>,
    /// The last date read and its value: most records of a file share their dates.
    last_date: Option<(String, Date)>,
    /// The file's `time_zone`, once read: every schedule of the file carries it.
    time_zone: Option<jiff::tz::TimeZone>,
    /// One copy of each tag, language, city and other often repeated text.
    shared: Interner,
    /// The language texts resolve to.
    language: String,
    /// Texts given as maps without that language (their fallback text), in file order.
    missing: Vec<String>,
}

impl Checker {
    /// A checker for one part of the services, on another thread: it shares what the file's
    /// head settled (country, sources, time zone) and starts with no problems; it does
    /// not gather ids.
    fn fork(&self) -> Self {
        Self {
            problems: Vec::new(),
            country: self.country.clone(),
            sources: self.sources.clone(),
            ids: None,
            last_date: self.last_date.clone(),
            time_zone: self.time_zone.clone(),
            // Its own copies of shared texts: a count shared with another core would
            // be touched from both for every record.
            shared: Interner::default(),
            language: self.language.clone(),
            missing: Vec::new(),
        }
    }

    fn problem(&mut self, path: impl Into<String>, message: Message) {
        self.problems.push(Problem {
            path: path.into(),
            position: None,
            message,
        });
    }

    /// Required text: cleaned, and not empty.
    fn text(&mut self, path: impl fmt::Display, field: &str, s: impl IntoText) -> String {
        let cleaned = clean_owned(self.resolve(s));
        if cleaned.is_empty() {
            self.problem(
                format!("{path}.{field}"),
                say(|m| m.text_empty, &[("field", field)]),
            );
        }
        cleaned
    }

    /// Optional text: cleaned; empty becomes `None`.
    fn opt_text(&mut self, s: Option<impl IntoText>) -> Option<String> {
        s.map(|s| clean_owned(self.resolve(s)))
            .filter(|s| !s.is_empty())
    }

    /// A text field in the language of this checker, noting a translation it lacks.
    fn resolve(&mut self, s: impl IntoText) -> String {
        let (text, missing) = s.into_text(&self.language);
        if missing {
            self.missing.push(text.clone());
        }
        text
    }

    /// Optional text that many records repeat: cleaned, shared; empty becomes `None`.
    fn opt_shared(&mut self, s: Option<impl IntoText>) -> Option<Shared> {
        self.opt_text(s).map(|s| self.shared.get(s))
    }

    /// A list of texts that many records repeat (tags, languages): cleaned, shared,
    /// empty ones dropped.
    fn shared_texts(&mut self, list: Vec<impl IntoText>) -> Vec<Shared> {
        let texts = self.texts(list);
        texts.into_iter().map(|s| self.shared.get(s)).collect()
    }

    fn texts(&mut self, list: Vec<impl IntoText>) -> Vec<String> {
        list.into_iter()
            .map(|s| clean_owned(self.resolve(s)))
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn date(&mut self, path: impl FnOnce() -> String, s: &str) -> Option<Date> {
        if let Some((last, d)) = &self.last_date
            && last == s
        {
            return Some(*d);
        }
        let cleaned = clean(s);
        match crate::clock::parse_date(&cleaned) {
            Some(d) => {
                self.last_date = Some((s.to_owned(), d));
                Some(d)
            }
            None => {
                self.problem(path(), say(|m| m.not_a_date, &[("value", &cleaned)]));
                None
            }
        }
    }

    fn phone(
        &mut self,
        path: impl Fn() -> String,
        number: String,
        extension: Option<&String>,
        sms: bool,
    ) -> Phone {
        // A hidden or control character in a number is refused, not silently removed:
        // the number must be exactly what the source writes.
        let hidden = number.chars().find(|&c| is_forbidden(c) || c == '\t');
        let number = clean_owned(number);
        let extension = extension.and_then(|raw| {
            let ext = phone::extension(raw);
            if ext.is_none() {
                self.problem(
                    format!("{} extension", path()),
                    say(
                        |m| m.bad_extension,
                        &[("value", &super::sanitize::escape(raw))],
                    ),
                );
            }
            ext
        });
        let checked = match hidden {
            Some(c) => Err(phone::PhoneProblem::BadCharacter(c)),
            None => phone::validate(&number),
        };
        if let Err(e) = checked {
            self.problem(path(), Message::NotAPhone(number.clone(), e));
        }
        let uri = if sms {
            phone::derive_sms(&number, &self.country)
        } else {
            phone::derive_tel(&number, &self.country, extension.as_deref())
        };
        Phone {
            number,
            extension,
            uri,
        }
    }

    fn id(&mut self, path: impl fmt::Display, id: String, r: RecordRef) -> String {
        let id = clean_owned(id);
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            self.problem(format!("{path}.id"), say(|m| m.bad_id, &[("id", &id)]));
        } else if let Some(ids) = &mut self.ids {
            if let Some(first) = ids.get(&id) {
                let first = path_of(*first);
                self.problem(
                    format!("{path}.id"),
                    say(|m| m.id_taken, &[("id", &id), ("first", &first)]),
                );
            } else {
                ids.insert(id.clone(), r);
            }
        }
        id
    }

    fn url(&mut self, path: impl FnOnce() -> String, s: Option<String>) -> Option<String> {
        let url = self.opt_text(s)?;
        let message = match super::web::check(&url) {
            Ok(()) => return Some(url),
            Err(super::web::UrlProblem::NotAnAddress) => say(|m| m.not_a_url, &[("value", &url)]),
            Err(super::web::UrlProblem::Scheme(scheme)) => {
                say(|m| m.url_scheme, &[("value", &url), ("scheme", &scheme)])
            }
            Err(super::web::UrlProblem::UserInfo) => say(|m| m.url_userinfo, &[("value", &url)]),
        };
        self.problem(path(), message);
        Some(url)
    }

    fn email(&mut self, path: impl FnOnce() -> String, s: Option<String>) -> Option<String> {
        let email = self.opt_text(s)?;
        let ok = email.split('@').count() == 2
            && !email.starts_with('@')
            && !email.ends_with('@')
            && !email.chars().any(char::is_whitespace);
        if !ok {
            self.problem(path(), say(|m| m.not_an_email, &[("value", &email)]));
        }
        Some(email)
    }

    fn provenance(
        &mut self,
        path: impl fmt::Display,
        source: Vec<String>,
        retrieved: &str,
        verified: Option<&String>,
    ) -> Provenance {
        if source.is_empty() {
            self.problem(format!("{path}.source"), say(|m| m.no_source, &[]));
        }
        let mut ids = Vec::with_capacity(source.len());
        for (i, s) in source.into_iter().enumerate() {
            let s = clean_owned(s);
            if !self.sources.contains(&s) {
                self.problem(
                    format!("{path}.source[{i}]"),
                    say(|m| m.unknown_source, &[("id", &s)]),
                );
            }
            ids.push(self.shared.get(s));
        }
        let retrieved_date = self.date(|| format!("{path}.retrieved"), retrieved);
        let verified = verified.and_then(|v| self.date(|| format!("{path}.verified"), v));
        Provenance {
            source: ids,
            retrieved: retrieved_date.unwrap_or(Date::MIN),
            verified,
        }
    }
}

/// Everything of a file but its services.
#[derive(Clone)]
struct Head {
    directory: raw::RawMeta,
    hotlines: Vec<raw::RawHotline>,
    program: Option<raw::RawProgram>,
    facts: Vec<raw::RawFact>,
    roles: Vec<raw::RawRole>,
    events: Option<Vec<raw::RawEvent>>,
}

impl Head {
    /// How many records it holds.
    fn record_count(&self) -> usize {
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
fn convert_all(raw: RawFile, languages: Languages<'_>) -> Result<Vec<InLanguage>, LoadError> {
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
    Ok(out)
}

fn convert(raw: RawFile, language: &str) -> Result<InLanguage, LoadError> {
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
        .map(|(i, s)| convert_service(&mut c, i, s))
        .collect();
    finish(c, dir)
}

/// The directory with its ids and untranslated texts, or the problems.
fn finish(c: Checker, mut dir: Directory) -> Result<InLanguage, LoadError> {
    if !c.problems.is_empty() {
        return Err(LoadError::Invalid(c.problems));
    }
    dir.ids = c.ids.unwrap_or_default();
    Ok(InLanguage {
        directory: dir,
        untranslated: c.missing,
    })
}

/// Checks and converts everything but the services, in file order; the directory comes
/// back without services or ids, and the checker holds the ids and problems so far.
fn convert_head(head: Head, language: &str) -> (Checker, Directory) {
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
        ids: IdMap::default(),
        layers: Vec::new(),
    };
    (c, dir)
}

fn convert_meta(c: &mut Checker, m: raw::RawMeta) -> Meta {
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

fn convert_hotline(c: &mut Checker, i: usize, h: raw::RawHotline) -> Hotline {
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

fn convert_program(c: &mut Checker, p: raw::RawProgram) -> Program {
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

fn convert_role(
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

fn convert_service(c: &mut Checker, i: usize, s: raw::RawService) -> Service {
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
fn time_zone(c: &mut Checker, s: Option<&str>) -> Option<jiff::tz::TimeZone> {
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
fn clock_minutes(s: &str) -> Option<u16> {
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
fn schedule(
    c: &mut Checker,
    path: impl fmt::Display,
    s: Option<&raw::RawSchedule>,
) -> Option<super::model::Schedule> {
    use super::model::{OpeningHours, OpeningRule, Schedule};
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
fn weekday(s: &str) -> Option<jiff::civil::Weekday> {
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

/// A text field of the raw format, taken as the string it holds in a language, and
/// whether it lacked that language (see [`Text::resolve`]).
trait IntoText {
    fn into_text(self, language: &str) -> (String, bool);
}

impl IntoText for String {
    fn into_text(self, _: &str) -> (String, bool) {
        (self, false)
    }
}

impl IntoText for Text {
    fn into_text(self, language: &str) -> (String, bool) {
        let r = self.resolve(language);
        (r.text, r.missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Services in the generated files: enough for many parts of [`PART_BYTES`].
    const MANY: usize = 512;

    /// The embedded directory with `n` generated services (fictional 555-01XX numbers),
    /// their names given in English and Spanish; `edit` may spoil some.
    fn with_services(n: usize, edit: impl Fn(usize, &mut serde_json::Value)) -> Vec<u8> {
        let mut file: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
        let source = file["directory"]["sources"][0]["id"].clone();
        let services: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                let mut s = serde_json::json!({
                    "id": format!("svc-{i}"),
                    "name": {"en": format!("Service {i}"), "es": format!("Servicio {i}")},
                    "description": if i % 3 == 0 { serde_json::json!({"en": "Only English"}) }
                        else { serde_json::json!("Plain text") },
                    "phones": [{"number": format!("(510) 555-01{:02}", i % 100), "kind": "voice"}],
                    "languages": ["English", "Spanish"],
                    "area": "Oakland",
                    "tags": ["shelter", "food"],
                    "source": [source],
                    "retrieved": "2026-11-27"
                });
                edit(i, &mut s);
                s
            })
            .collect();
        file["services"] = serde_json::Value::Array(services);
        serde_json::to_vec(&file).unwrap()
    }

    /// Everything of a directory, its ids in order (a map's order is its own).
    fn described(mut dir: Directory) -> String {
        let mut ids: Vec<(String, RecordRef)> = std::mem::take(&mut dir.ids).into_iter().collect();
        ids.sort_by(|a, b| a.0.cmp(&b.0));
        format!("{dir:?} {ids:?}")
    }

    /// Spoils some generated services.
    type Spoil = Box<dyn Fn(usize, &mut serde_json::Value)>;

    fn plain(bytes: &[u8]) -> Result<Directory, LoadError> {
        plain_in(bytes, "en").map(|r| r.directory)
    }

    fn plain_in(bytes: &[u8], language: &str) -> Result<InLanguage, LoadError> {
        convert(parse_checked(bytes)?, language)
    }

    /// The fast load in one language.
    fn split_in(bytes: &[u8], language: &str) -> Option<InLanguage> {
        split_load(bytes, Languages::one(language)).map(|mut all| all.swap_remove(0))
    }

    /// English, then Spanish when the file declares it.
    const BOTH: Languages<'static> = Languages {
        first: "en",
        others: &["es"],
        always: false,
        declared: false,
    };

    #[test]
    fn split_load_gives_the_plain_loads_directory() {
        let bytes = with_services(3 * MANY + 7, |_, _| {});
        for language in ["en", "es"] {
            let split = split_in(&bytes, language).expect("a valid file loads the fast way");
            let plain = plain_in(&bytes, language).unwrap();
            assert_eq!(split.directory.services.len(), 3 * MANY + 7);
            assert_eq!(
                split.directory.find(&format!("svc-{}", 2 * MANY + 1)),
                Some(RecordRef::Service(2 * MANY + 1))
            );
            assert_eq!(split.untranslated, plain.untranslated, "{language}");
            assert_eq!(described(split.directory), described(plain.directory));
        }
        let es = split_in(&bytes, "es").unwrap();
        assert_eq!(es.untranslated.len(), (3 * MANY + 7).div_ceil(3));
    }

    #[test]
    fn one_read_gives_every_language_as_each_read_alone() {
        let bytes = with_services(3 * MANY + 7, |_, _| {});
        for (fast, all) in [
            (true, split_load(&bytes, BOTH).expect("the fast way")),
            (
                false,
                convert_all(parse_checked(&bytes).unwrap(), BOTH).unwrap(),
            ),
        ] {
            let languages: Vec<&str> = all
                .iter()
                .map(|r| r.directory.meta.language.as_str())
                .collect();
            assert_eq!(languages, ["en", "es"], "fast: {fast}");
            for one in all {
                let language = one.directory.meta.language.clone();
                let alone = plain_in(&bytes, &language).unwrap();
                assert_eq!(one.untranslated, alone.untranslated, "{language}");
                assert_eq!(
                    described(one.directory),
                    described(alone.directory),
                    "{language}"
                );
            }
        }
        // A file that declares no Spanish is read in English only.
        let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        value["directory"]["translations"] = serde_json::json!([]);
        let english = serde_json::to_vec(&value).unwrap();
        assert_eq!(read_borrowed(&english, BOTH).unwrap().len(), 1);
        let always = Languages {
            always: true,
            ..BOTH
        };
        assert_eq!(read_borrowed(&english, always).unwrap().len(), 2);
    }

    #[test]
    fn a_language_with_a_problem_of_its_own_is_left_out() {
        let bytes = with_services(3 * MANY, |i, s| {
            if i == 2 * MANY {
                s["name"] = serde_json::json!({"en": "Fine in English", "es": " "});
            }
        });
        for (fast, all) in [
            (true, split_load(&bytes, BOTH).expect("the fast way")),
            (
                false,
                convert_all(parse_checked(&bytes).unwrap(), BOTH).unwrap(),
            ),
        ] {
            assert_eq!(all.len(), 1, "fast: {fast}");
            assert_eq!(all[0].directory.meta.language, "en");
        }
        // Read in Spanish first, the problem is the file's.
        let spanish_first = Languages {
            first: "es",
            others: &["en"],
            ..BOTH
        };
        assert!(read_borrowed(&bytes, spanish_first).is_err());
    }

    #[test]
    fn services_read_one_at_a_time_are_those_of_the_load() {
        // Text that looks like the end of one service and the start of the next.
        let bytes = with_services(MANY, |i, s| {
            if i % 5 == 0 {
                s["description"] = format!("Call }},{{\"id\": \"svc-{i}\"}} or }}, {{").into();
            }
        });
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let pretty = serde_json::to_vec_pretty(&value).unwrap();
        for file in [bytes, pretty] {
            for language in ["en", "es"] {
                let (whole, _) = from_bytes_in(&file, language).unwrap();
                let sections = sections(&file, language).unwrap();
                let spans = sections.service_spans().unwrap();
                assert_eq!(spans.len(), MANY);
                let one_by_one: Vec<Service> = spans
                    .iter()
                    .enumerate()
                    .map(|(i, span)| sections.service(i, span.clone()).unwrap())
                    .collect();
                let wanted: Vec<_> = spans.iter().cloned().enumerate().collect();
                let all = sections.services(&wanted).unwrap();
                assert_eq!(format!("{all:?}"), format!("{one_by_one:?}"));
                let parts = sections.into_directory(all).unwrap();
                assert_eq!(described(parts), described(whole), "{language}");
            }
        }
    }

    #[test]
    fn a_service_read_alone_is_checked_as_in_the_load() {
        let file = with_services(3, |i, s| {
            if i == 1 {
                s["phones"][0]["number"] = "call us".into();
            }
        });
        assert!(from_bytes(&file).is_err());
        let parts = sections(&file, "en").unwrap();
        let spans = parts.service_spans().unwrap();
        assert!(parts.service(0, spans[0].clone()).is_some());
        assert!(parts.service(1, spans[1].clone()).is_none());
        let wanted: Vec<_> = spans.iter().cloned().enumerate().collect();
        assert!(parts.services(&wanted).is_none());
        assert!(parts.services(&wanted[..1]).is_some());
        // A span that is not exactly one service.
        assert!(parts.service(0, spans[0].start..spans[1].end).is_none());
        assert!(parts.service(0, spans[0].start + 1..spans[0].end).is_none());
        assert!(parts.service(0, 0..usize::MAX).is_none());
        // Two services with one id.
        let one = parts.service(0, spans[0].clone()).unwrap();
        assert!(parts.into_directory(vec![one.clone(), one]).is_none());
        // Services that are not the last field: the list does not read as services.
        let mut value: serde_json::Value = serde_json::from_slice(&file).unwrap();
        let facts = value.as_object_mut().unwrap().remove("facts").unwrap();
        let text = serde_json::to_string(&value).unwrap();
        let text = format!("{},\"facts\":{facts}}}", text.strip_suffix('}').unwrap());
        assert!(text.find("\"facts\"") > text.find("\"services\""));
        assert!(plain(text.as_bytes()).is_err(), "one service has a problem");
        assert!(
            sections(text.as_bytes(), "en")
                .unwrap()
                .service_spans()
                .is_none()
        );
    }

    #[test]
    fn the_fast_load_knows_every_top_level_field_of_the_format() {
        // A field added to the format but not to `TopField` would send every file
        // that uses it to the plain load.
        let schema = serde_json::to_value(schemars::schema_for!(RawFile)).unwrap();
        let fields = schema["properties"].as_object().unwrap();
        assert!(fields.len() >= 8, "{fields:?}");
        for name in fields.keys() {
            let parsed = serde_json::from_value::<TopField>(serde_json::json!(name));
            assert!(parsed.is_ok(), "{name}");
        }
        assert!(serde_json::from_value::<TopField>(serde_json::json!("colour")).is_err());
    }

    #[test]
    fn cuts_between_services_never_change_what_is_read() {
        // Text that looks like the end of one service and the start of the next, inside
        // strings, phone lists and language maps; compact and pretty-printed files.
        let bytes = with_services(3 * MANY, |i, s| {
            if i % 5 == 0 {
                s["description"] = format!("Call }},{{\"id\": \"svc-{i}\"}} or }}, {{").into();
            }
            if i % 7 == 0 {
                s["phones"] = serde_json::json!([
                    {"number": "(510) 555-0100", "kind": "voice"},
                    {"number": "(510) 555-0101", "kind": "text"}
                ]);
            }
            if i % 11 == 0 {
                s["tags"] = serde_json::json!([{"en": "food", "id": "makanan"}, {"id": "x"}]);
            }
        });
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let pretty = serde_json::to_vec_pretty(&value).unwrap();
        for file in [bytes, pretty] {
            assert!(cut(std::str::from_utf8(&file).unwrap()).len() > 1);
            let split = split_in(&file, "en").expect("a valid file loads the fast way");
            assert_eq!(split.directory.services.len(), 3 * MANY);
            assert_eq!(described(split.directory), described(plain(&file).unwrap()));
        }
    }

    #[test]
    fn anything_after_the_list_is_left_to_the_plain_load() {
        let bytes = with_services(MANY, |_, _| {});
        let text = String::from_utf8(bytes).unwrap();
        for spoilt in [
            format!("{text} x"),
            format!(
                "{}, {{}}]}}",
                text.trim_end().trim_end_matches('}').trim_end_matches(']')
            ),
            text.replacen("}]}", "}]]}", 1),
            text.replacen("}]}", "},]}", 1),
        ] {
            assert!(
                split_in(spoilt.as_bytes(), "en").is_none(),
                "{}",
                &spoilt[spoilt.len() - 20..]
            );
            let got = from_bytes(spoilt.as_bytes())
                .expect_err("spoilt")
                .to_string();
            let want = plain(spoilt.as_bytes()).expect_err("spoilt").to_string();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn services_before_other_fields_are_left_to_the_plain_load() {
        // Untranslated texts in the roles and in the services: the plain load notices
        // them in file order, so a file whose services come first is loaded that way.
        let bytes = with_services(MANY + 3, |_, _| {});
        let mut file: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        file["roles"][0]["name"] = serde_json::json!({"en": "Only English role"});
        let services = file["services"].take();
        file.as_object_mut().unwrap().remove("services");
        // serde_json writes keys in order: put the services first by hand.
        let rest = serde_json::to_string(&file).unwrap();
        let first = format!("{{\"services\":{services},{}", &rest[1..]).into_bytes();
        assert!(first.starts_with(b"{\"services\":[{"));
        assert!(split_in(&first, "es").is_none());
        let (got, got_missing) = from_bytes_in(&first, "es").unwrap();
        let want = plain_in(&first, "es").unwrap();
        assert_eq!(described(got), described(want.directory));
        assert_eq!(got_missing, want.untranslated);
        assert!(got_missing.iter().any(|t| t == "Only English role"));
    }

    #[test]
    fn any_problem_is_left_to_the_plain_load() {
        let far = 2 * MANY + 3;
        let spoilt: [(&str, Spoil); 6] = [
            (
                "an id used in two parts",
                Box::new(move |i, s| {
                    if i == far {
                        s["id"] = "svc-1".into();
                    }
                }),
            ),
            (
                "an id used by the service before",
                Box::new(move |i, s| {
                    if i == far {
                        s["id"] = format!("svc-{}", far - 1).into();
                    }
                }),
            ),
            (
                "a service id taken by a hotline",
                Box::new(move |i, s| {
                    if i == far {
                        s["id"] = "national-hotline".into();
                    }
                }),
            ),
            (
                "a bad number in a later part",
                Box::new(move |i, s| {
                    if i == far {
                        s["phones"][0]["number"] = "call us".into();
                    }
                }),
            ),
            (
                "an unknown field",
                Box::new(move |i, s| {
                    if i == far {
                        s["colour"] = "red".into();
                    }
                }),
            ),
            (
                "an unknown source",
                Box::new(move |i, s| {
                    if i == far {
                        s["source"] = serde_json::json!(["nowhere"]);
                    }
                }),
            ),
        ];
        for (what, edit) in spoilt {
            let bytes = with_services(3 * MANY, edit);
            assert!(split_in(&bytes, "en").is_none(), "{what}");
            let expected = plain(&bytes).expect_err(what).to_string();
            let got = from_bytes(&bytes).expect_err(what).to_string();
            assert_eq!(got, expected, "{what}");
            assert!(
                got.contains(&format!("services[{far}]")) || got.contains("colour"),
                "{what}: {got}"
            );
        }
    }
}
