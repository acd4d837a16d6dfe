//! Reading a directory file: size cap, JSON parsing with paths and positions, and the
//! one conversion from raw serde types into checked types.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

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

mod checker;
mod convert;
mod head;
mod split;

use crate::progress::Span;
use checker::*;
pub use convert::parse_time_zone;
use convert::*;
pub use head::{read_file_with, read_head_of};
use split::*;
pub use split::{Sections, sections};

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
                    Self::TooLarge { cap } => say(
                        |m| m.too_large,
                        &[
                            ("cap", &cap.to_string()),
                            ("mib", &(cap / (1024 * 1024)).to_string()),
                        ],
                    ),
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
    read_with(bytes, languages, None)
}

/// [`read`], telling `span` how far the services' conversion has come.
///
/// # Errors
/// As [`read`].
pub fn read_with(
    bytes: Vec<u8>,
    languages: Languages<'_>,
    span: Option<Span<'_>>,
) -> Result<Vec<InLanguage>, LoadError> {
    refuse_long_texts(&bytes)?;
    if let Some(all) = split_load(&bytes, languages, span) {
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
    if let Some(all) = split_load(bytes, languages, None) {
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

/// What [`SplitVisitor`] leaves when it stops at the first service: everything before,
/// unconverted, and the address of the first service's text.
type Found = (Head, usize);

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
        let mut ids: Vec<(String, RecordRef)> = Arc::unwrap_or_clone(std::mem::take(&mut dir.ids))
            .into_iter()
            .collect();
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
        split_load(bytes, Languages::one(language), None).map(|mut all| all.swap_remove(0))
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
            (true, split_load(&bytes, BOTH, None).expect("the fast way")),
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
            (true, split_load(&bytes, BOTH, None).expect("the fast way")),
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
