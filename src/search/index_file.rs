//! The search index file: a directory file's search index, written beside it by
//! `heatwatch index` when a person asks, so that `heatwatch search` can answer from a
//! large file without reading and checking every record of it on every run.
//!
//! The index holds the services only, and only chooses which services come first.
//! Everything else (hotlines, roles, facts, everything but the services) is searched
//! from the directory file's head, read and checked on every search, so that no index
//! file can hide the National Hotline. Everything shown is read from the directory file
//! itself, each service in the results checked as the load checks them and compared with
//! the id the index recorded for it: a result whose record is not the one named is
//! dropped, with a notice. An index file is
//! used only when all of this holds, and is otherwise ignored (the search then reads the
//! whole file, as without one):
//! - it is whole (a checksum of its own bytes);
//! - a build of this version with the same indexing made it (a fingerprint of the
//!   version, the layout's number and the indexing's number, which is raised whenever
//!   what is searched or how texts are read changes; a golden-file test holds it to that);
//! - it was made for the language the texts are read in;
//! - the directory file is, byte for byte, the one it was made from (its length and
//!   128-bit XXH3 hash). A changed directory file can never be searched with the index
//!   of the old one: a stale index could point at an old record, and a wrong number is
//!   harm.
//!
//! The hash guards against a file that changed, not against a forger: whoever can
//! replace the index beside a directory file can hide or reorder services in `search`.
//! They cannot hide a hotline or a role (those come from the file), nor show a record
//! under another's id. Reading an index file never panics and never trusts a count or
//! position in it beyond the bytes it holds; every record it names must exist.
//!
//! Layout (integers little-endian): the magic line, the format number, the build
//! fingerprint, the language, the directory file's length and hash, the byte range and
//! id of every service in the directory file, the text arenas, the services' entries,
//! and the checksum of everything before it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_128;

use super::{Entry, SearchIndex};
use crate::directory::{Directory, RecordRef};

/// What ends the name of an index file, after the directory file's name and the
/// language: `county.json.en.heatwatch-index`.
pub const SUFFIX: &str = ".heatwatch-index";

/// The first bytes of every index file.
const MAGIC: &[u8; 16] = b"heatwatch-index\n";

/// The layout's number, raised whenever it changes.
const FORMAT: u32 = 2;

/// Index files larger than this are not read: twice the largest directory file loaded
/// ([`crate::directory::DEFAULT_MAX_BYTES`]), more than an index of one ever takes.
const MAX_BYTES: u64 = 2 * crate::directory::DEFAULT_MAX_BYTES;

/// The bytes one entry takes.
const ENTRY_BYTES: usize = 9 + 1 + 4 + 5 * 4 + 9 * 8;

/// What an index depends on besides its layout: how a file's texts are read and
/// cleaned, which records exist and in what order, and how they are folded and indexed
/// (the folding tables of deunicode included). Raised whenever any of that changes; the
/// golden-file test (`an_index_is_byte_for_byte_the_golden_one`) fails when indexing
/// changes and this was not raised. Editing a comment changes nothing.
const INDEXING: u32 = 1;

/// The index file of a directory file for texts read in `language`, beside it: its
/// name, the language code and [`SUFFIX`] (`county.json.es.heatwatch-index`). One per
/// language, so that searching in one never finds the index made for another.
#[must_use]
pub fn path_for(data: &Path, language: &str) -> PathBuf {
    let mut name = data.as_os_str().to_owned();
    // A language code is a few letters (and hyphens); anything else is left out of a
    // file name.
    if !language.is_empty()
        && language.len() <= 16
        && language
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        name.push(".");
        name.push(language);
    }
    name.push(SUFFIX);
    PathBuf::from(name)
}

/// Why an index file is not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It cannot be opened or read.
    Unreadable,
    /// It does not start as an index file does.
    NotAnIndex,
    /// Its bytes are not those written (cut short or changed), or do not make sense.
    Damaged,
    /// Another build of heatwatch made it.
    OtherBuild,
    /// It was made for texts read in another language.
    OtherLanguage,
    /// The directory file is not the one it was made from.
    FileChanged,
}

/// A checked index file: the index of the services, and where each service is in the
/// directory file and its id.
#[derive(Debug)]
pub struct Loaded {
    /// The search index of the directory file's services (only services).
    pub index: SearchIndex,
    /// `services[i]`'s bytes in the directory file.
    pub spans: Vec<Range<usize>>,
    /// `services[i]`'s id, as the index recorded it.
    pub ids: Vec<String>,
}

impl Loaded {
    /// The index to search: every record but the services indexed from `head` (the
    /// directory file's head, already read and checked), then the services' entries
    /// from the index file, in the order a whole-file index has them.
    #[must_use]
    pub fn with_head(self, head: &Directory) -> (SearchIndex, Vec<Range<usize>>, Vec<String>) {
        let SearchIndex {
            mut entries,
            mut arenas,
            ..
        } = SearchIndex::build(head);
        entries.retain(|e| !matches!(e.record, RecordRef::Service(_)));
        let shift = u32::try_from(arenas.len()).unwrap_or(u32::MAX);
        let SearchIndex {
            entries: services,
            arenas: service_arenas,
            ..
        } = self.index;
        arenas.extend(service_arenas);
        entries.extend(services.into_iter().map(|mut e| {
            e.arena = e.arena.saturating_add(shift);
            e
        }));
        (
            SearchIndex::from_parts(entries, arenas),
            self.spans,
            self.ids,
        )
    }
}

/// The fingerprint of this build: the layout, the indexing and the version (a new
/// release never trusts an older one's index).
fn build_fingerprint() -> u128 {
    let mut all = Vec::new();
    all.extend_from_slice(&FORMAT.to_le_bytes());
    all.extend_from_slice(&INDEXING.to_le_bytes());
    all.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    xxh3_128(&all)
}

/// The bytes of the index file of the directory file `json`, whose services lie at
/// `spans` with ids `ids`, its texts read in `language`. Only the services' entries of
/// `index` are written.
#[must_use]
pub fn write(
    index: &SearchIndex,
    spans: &[Range<usize>],
    ids: &[&str],
    json: &[u8],
    language: &str,
) -> Vec<u8> {
    let text_bytes: usize = index.arenas.iter().map(|a| a.len() + 4).sum();
    let services: Vec<&Entry> = index
        .entries
        .iter()
        .filter(|e| matches!(e.record, RecordRef::Service(_)))
        .collect();
    let mut out = Vec::with_capacity(
        128 + language.len() + spans.len() * 24 + text_bytes + services.len() * ENTRY_BYTES,
    );
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&build_fingerprint().to_le_bytes());
    put_len(&mut out, language.len());
    out.extend_from_slice(language.as_bytes());
    out.extend_from_slice(&(json.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxh3_128(json).to_le_bytes());
    put_len(&mut out, spans.len());
    for (k, s) in spans.iter().enumerate() {
        out.extend_from_slice(&(s.start as u64).to_le_bytes());
        put_len(&mut out, s.len());
        let id = ids.get(k).copied().unwrap_or_default();
        put_len(&mut out, id.len());
        out.extend_from_slice(id.as_bytes());
    }
    put_len(&mut out, index.arenas.len());
    for a in &index.arenas {
        put_len(&mut out, a.len());
        out.extend_from_slice(a.as_bytes());
    }
    put_len(&mut out, services.len());
    for e in services {
        let (tag, a, b) = record_parts(e.record);
        out.push(tag);
        out.extend_from_slice(&a.to_le_bytes());
        out.extend_from_slice(&b.to_le_bytes());
        out.push(e.rank);
        out.extend_from_slice(&e.arena.to_le_bytes());
        for x in e.bounds {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for x in e.masks.iter().chain(&e.starts).chain(&e.alone) {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    let sum = xxh3_128(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// A length as the file writes it. Lengths beyond `u32` cannot occur: the directory
/// files it indexes are at most 256 MiB.
fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

/// An index file read whole, its checksum, build and language checked, but not yet
/// matched with a directory file.
#[derive(Debug)]
pub struct Unchecked {
    loaded: Loaded,
    json_len: u64,
    json_hash: u128,
}

impl Unchecked {
    /// The index, if it was made from `json`, and every record it names is one of the
    /// services it lists.
    ///
    /// # Errors
    /// [`Refusal::FileChanged`], or [`Refusal::Damaged`] for a record that does not exist
    /// or is not a service.
    pub fn check(self, json: &[u8]) -> Result<Loaded, Refusal> {
        if self.json_len != json.len() as u64 || self.json_hash != xxh3_128(json) {
            return Err(Refusal::FileChanged);
        }
        let services = self.loaded.spans.len();
        if let Some(end) = self.loaded.spans.iter().map(|s| s.end).max()
            && end > json.len()
        {
            return Err(Refusal::Damaged);
        }
        let exists = |r: RecordRef| matches!(r, RecordRef::Service(i) if i < services);
        if !self.loaded.index.entries.iter().all(|e| exists(e.record)) {
            return Err(Refusal::Damaged);
        }
        Ok(self.loaded)
    }
}

/// Reads an index file of `size` bytes from `input`, texts read in `language`, for a
/// directory file of `json_len` bytes (one of another length is refused at once). Each
/// text arena is read straight into its own allocation, with no second copy of the
/// file in memory; no count in the file can make it allocate more than the file
/// holds, and a file over 512 MiB (`MAX_BYTES`) is not read at all.
///
/// # Errors
/// Why it cannot be used; [`Unchecked::check`] compares the directory file's bytes.
pub fn read_from(
    input: impl std::io::Read,
    size: u64,
    language: &str,
    json_len: u64,
) -> Result<Unchecked, Refusal> {
    let mut s = Stream {
        input,
        left: size,
        sum: xxhash_rust::xxh3::Xxh3::new(),
    };
    if s.array::<16>().as_ref() != Some(MAGIC) {
        return Err(Refusal::NotAnIndex);
    }
    if size > MAX_BYTES {
        return Err(Refusal::Damaged);
    }
    // Everything up to the checksum is summed as it is read.
    s.left = size.checked_sub(16 + 16).ok_or(Refusal::Damaged)?;
    let format = s.u32().ok_or(Refusal::Damaged)?;
    let build = s.array().map(u128::from_le_bytes).ok_or(Refusal::Damaged)?;
    if format != FORMAT || build != build_fingerprint() {
        return Err(Refusal::OtherBuild);
    }
    let made_for = s.len().and_then(|n| s.bytes(n)).ok_or(Refusal::Damaged)?;
    if made_for != language.as_bytes() {
        return Err(Refusal::OtherLanguage);
    }
    let made_from_len = s.array().map(u64::from_le_bytes).ok_or(Refusal::Damaged)?;
    if made_from_len != json_len {
        // Not worth reading further: [`Unchecked::check`] would refuse it.
        return Err(Refusal::FileChanged);
    }
    let json_hash = s.array().map(u128::from_le_bytes).ok_or(Refusal::Damaged)?;
    let loaded = decode(&mut s).ok_or(Refusal::Damaged)?;
    let sum = s.sum.digest128();
    s.left = 16;
    let written = s.array().map(u128::from_le_bytes).ok_or(Refusal::Damaged)?;
    // Nothing after the checksum.
    let mut more = [0; 1];
    if written != sum || !matches!(s.input.read(&mut more), Ok(0)) {
        return Err(Refusal::Damaged);
    }
    Ok(Unchecked {
        loaded,
        json_len,
        json_hash,
    })
}

/// The spans, arenas and entries, each entry's text inside its arena.
fn decode<R: std::io::Read>(s: &mut Stream<R>) -> Option<Loaded> {
    let count = s.len()?;
    // Each span takes at least 16 bytes: no count can allocate more than the file holds.
    let room = usize::try_from(s.left / 16).ok()?;
    let mut spans = Vec::with_capacity(count.min(room));
    let mut ids = Vec::with_capacity(count.min(room));
    for _ in 0..count {
        let start = usize::try_from(s.array().map(u64::from_le_bytes)?).ok()?;
        let end = start.checked_add(s.len()?)?;
        spans.push(start..end);
        let n = s.len()?;
        ids.push(String::from_utf8(s.bytes(n)?).ok()?);
    }
    let count = s.len()?;
    let mut arenas = Vec::with_capacity(count.min(usize::try_from(s.left / 4).ok()?));
    for _ in 0..count {
        let n = s.len()?;
        let text = String::from_utf8(s.bytes(n)?).ok()?;
        arenas.push(std::sync::Arc::<str>::from(text));
    }
    let count = s.len()?;
    let bytes = s.bytes(count.checked_mul(ENTRY_BYTES)?)?;
    let mut r = Reader(&bytes);
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let record = record_from(r.u8()?, r.u32()?, r.u32()?)?;
        let rank = r.u8()?;
        let arena = r.u32()?;
        let mut bounds = [0; 5];
        for b in &mut bounds {
            *b = r.u32()?;
        }
        let text_len = arenas.get(arena as usize).map(|a| a.len())?;
        let in_order = bounds.windows(2).all(|w| matches!(w, [a, b] if a <= b));
        let end = bounds.last().map_or(0, |&b| b as usize);
        (in_order && end <= text_len).then_some(())?;
        let mut words = [0; 9];
        for w in &mut words {
            *w = r.u64()?;
        }
        let [m0, m1, m2, s0, s1, s2, a0, a1, a2] = words;
        entries.push(Entry {
            record,
            rank,
            arena,
            bounds,
            masks: [m0, m1, m2],
            starts: [s0, s1, s2],
            alone: [a0, a1, a2],
        });
    }
    (s.left == 0).then_some(())?;
    Some(Loaded {
        index: SearchIndex::from_parts(entries, arenas),
        spans,
        ids,
    })
}

/// A record as the file writes it: a tag and two numbers.
fn record_parts(r: RecordRef) -> (u8, u32, u32) {
    let n = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    match r {
        RecordRef::Hotline(i) => (0, n(i), 0),
        RecordRef::Program => (1, 0, 0),
        RecordRef::Strategy(i) => (2, n(i), 0),
        RecordRef::Endorsement(i) => (3, n(i), 0),
        RecordRef::Fact(i) => (4, n(i), 0),
        RecordRef::Role(i) => (5, n(i), 0),
        RecordRef::Action(r, a) => (6, n(r), n(a)),
        RecordRef::Event(i) => (7, n(i), 0),
        RecordRef::Service(i) => (8, n(i), 0),
    }
}

/// The record [`record_parts`] wrote; `None` for an unknown tag.
fn record_from(tag: u8, a: u32, b: u32) -> Option<RecordRef> {
    let (a, b) = (a as usize, b as usize);
    Some(match tag {
        0 => RecordRef::Hotline(a),
        1 => RecordRef::Program,
        2 => RecordRef::Strategy(a),
        3 => RecordRef::Endorsement(a),
        4 => RecordRef::Fact(a),
        5 => RecordRef::Role(a),
        6 => RecordRef::Action(a, b),
        7 => RecordRef::Event(a),
        8 => RecordRef::Service(a),
        _ => return None,
    })
}

/// Reads an index file from `input`, never more than `left` bytes, summing them.
struct Stream<R> {
    input: R,
    left: u64,
    sum: xxhash_rust::xxh3::Xxh3,
}

impl<R: std::io::Read> Stream<R> {
    /// The next `n` bytes, in an allocation of their own.
    fn bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        self.left = self.left.checked_sub(u64::try_from(n).ok()?)?;
        let mut out = vec![0; n];
        self.input.read_exact(&mut out).ok()?;
        self.sum.update(&out);
        Some(out)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.left = self.left.checked_sub(N as u64)?;
        let mut out = [0; N];
        self.input.read_exact(&mut out).ok()?;
        self.sum.update(&out);
        Some(out)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }
}

/// Reads bytes from the front, never past their end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|[b]| b)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::load;
    use crate::search::Scope;

    /// The embedded directory with `n` services of varied names, texts and numbers
    /// (fictional 555-01XX numbers).
    fn file_with_services(n: usize) -> Vec<u8> {
        let mut file: serde_json::Value = serde_json::from_str(load::EMBEDDED_JSON).unwrap();
        let source = file["directory"]["sources"][0]["id"].clone();
        let names = [
            "Legal Aid",
            "Shelter",
            "Food Bank",
            "Health Clinic",
            "Casa de Niños",
        ];
        let towns = ["Oakland", "Fremont", "Hayward", "Berkeley"];
        let services: Vec<serde_json::Value> = (0..n)
            .map(|i| {
                let name = names[i % names.len()];
                let town = towns[(i / 3) % towns.len()];
                serde_json::json!({
                    "id": format!("svc-{i}"),
                    "name": format!("{name} of {town} {i}"),
                    "description": format!("Help with {} in {town}.", names[(i + 2) % names.len()]),
                    "phones": [{"number": format!("(510) 555-01{:02}", i % 100), "kind": "voice"}],
                    "area": town,
                    "tags": ["help", name],
                    "source": [source],
                    "retrieved": "2026-11-27"
                })
            })
            .collect();
        file["services"] = serde_json::Value::Array(services);
        serde_json::to_vec_pretty(&file).unwrap()
    }

    /// An index file is byte for byte the golden one for a small fixture, the build
    /// fingerprint aside (it holds the version). When this fails because indexing changed
    /// on purpose, raise [`INDEXING`] and write the new golden file with
    /// `HEATWATCH_WRITE_GOLDEN=1 cargo test --lib an_index_is_byte_for_byte`.
    #[test]
    fn an_index_is_byte_for_byte_the_golden_one() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/index");
        let json = std::fs::read(root.join("county.json")).unwrap();
        let dir = load::from_bytes(&json).unwrap();
        let index = SearchIndex::build(&dir);
        let spans = load::sections(&json, "en")
            .unwrap()
            .service_spans()
            .unwrap();
        let ids: Vec<&str> = dir.services.iter().map(|s| s.id.as_str()).collect();
        let mut bytes = write(&index, &spans, &ids, &json, "en");
        // The fingerprint follows the magic line and the format number.
        let at = MAGIC.len() + 4;
        assert_eq!(
            bytes.get(at..at + 16),
            Some(&build_fingerprint().to_le_bytes()[..])
        );
        bytes[at..at + 16].fill(0);
        let golden = root.join("county.json.en.golden");
        if std::env::var_os("HEATWATCH_WRITE_GOLDEN").is_some() {
            std::fs::write(&golden, &bytes).unwrap();
        }
        let want = std::fs::read(&golden).unwrap();
        assert!(
            bytes == want,
            "the index of tests/fixtures/index/county.json changed: if indexing changed on \
             purpose, raise INDEXING and rewrite the golden file (see this test's doc)"
        );
    }

    /// A file, its directory, its index and the bytes of its index file.
    fn indexed(n: usize) -> (Vec<u8>, Directory, SearchIndex, Vec<u8>) {
        let json = file_with_services(n);
        let dir = load::from_bytes(&json).unwrap();
        let index = SearchIndex::build(&dir);
        let spans = load::sections(&json, "en")
            .unwrap()
            .service_spans()
            .unwrap();
        assert_eq!(spans.len(), n);
        let ids: Vec<&str> = dir.services.iter().map(|s| s.id.as_str()).collect();
        let bytes = write(&index, &spans, &ids, &json, "en");
        (json, dir, index, bytes)
    }

    /// [`read_from`] then [`Unchecked::check`], as `search` reads an index.
    fn read(bytes: &[u8], json: &[u8], language: &str) -> Result<Loaded, Refusal> {
        read_from(bytes, bytes.len() as u64, language, json.len() as u64)?.check(json)
    }

    fn read_back(bytes: &[u8], json: &[u8], language: &str) -> Result<Loaded, Refusal> {
        read(bytes, json, language)
    }

    /// Replaces the checksum at the end by that of the bytes before it.
    fn sum_again(bytes: &mut [u8]) {
        let n = bytes.len() - 16;
        let sum = xxh3_128(&bytes[..n]);
        bytes[n..].copy_from_slice(&sum.to_le_bytes());
    }

    const QUERIES: [&str; 10] = [
        "legal aid",
        "shelter oakland",
        "ninos",
        "niños",
        "555 0142",
        "tip line",
        "h",
        "police training",
        "208 4959",
        "zzzz",
    ];

    #[test]
    fn an_index_read_back_searches_as_the_one_written() {
        let (json, dir, index, bytes) = indexed(300);
        let loaded = read_back(&bytes, &json, "en").unwrap();
        assert_eq!(loaded.index.len(), dir.services.len(), "services only");
        assert_eq!(loaded.spans.len(), dir.services.len());
        let ids: Vec<&str> = dir.services.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(loaded.ids, ids);
        let sections = load::sections(&json, "en").unwrap();
        let (loaded, _, _) = loaded.with_head(sections.head());
        assert_eq!(loaded.len(), index.len());
        for query in QUERIES {
            for scope in [Scope::All, Scope::Role(0)] {
                for limit in [3, 50] {
                    let want = index.search(query, scope, limit);
                    let got = loaded.search(query, scope, limit);
                    assert_eq!(got.hits, want.hits, "{query} {scope:?} {limit}");
                    assert_eq!(got.total, want.total, "{query} {scope:?} {limit}");
                }
            }
        }
        // The searches above found services, so the comparison could fail.
        let legal = index.search("legal aid", Scope::All, 50);
        assert!(matches!(legal.hits[0].record, RecordRef::Service(_)));
    }

    #[test]
    fn an_index_is_used_only_with_the_file_it_was_made_from() {
        let (json, _, _, bytes) = indexed(40);
        assert!(read_back(&bytes, &json, "en").is_ok());
        // One digit of one number changed: the file still loads, and is another file.
        let text = String::from_utf8(json.clone()).unwrap();
        let changed = text.replacen("555-0107", "555-0108", 1);
        assert_ne!(changed, text);
        let e = read_back(&bytes, changed.as_bytes(), "en").unwrap_err();
        assert_eq!(e, Refusal::FileChanged);
        let mut longer = json.clone();
        longer.push(b'\n');
        assert_eq!(
            read_back(&bytes, &longer, "en").unwrap_err(),
            Refusal::FileChanged
        );
        assert_eq!(
            read_back(&bytes, &json, "es").unwrap_err(),
            Refusal::OtherLanguage
        );
        // Another build: its fingerprint, after the magic line and the format number.
        let mut other = bytes.clone();
        other[MAGIC.len() + 4] ^= 1;
        sum_again(&mut other);
        assert_eq!(
            read_back(&other, &json, "en").unwrap_err(),
            Refusal::OtherBuild
        );
        assert_eq!(
            read_back(b"{\"schema_version\": 1}", &json, "en").unwrap_err(),
            Refusal::NotAnIndex
        );
    }

    #[test]
    fn each_language_has_its_own_index_file() {
        let data = Path::new("maps/county.json");
        let path = |language| path_for(data, language).display().to_string();
        assert_eq!(path("en"), "maps/county.json.en.heatwatch-index");
        assert_eq!(path("es"), "maps/county.json.es.heatwatch-index");
        assert_eq!(path("pt-BR"), "maps/county.json.pt-BR.heatwatch-index");
        // What is not a language code stays out of the name.
        assert_eq!(path("../x"), "maps/county.json.heatwatch-index");
        assert_eq!(path(""), "maps/county.json.heatwatch-index");
    }

    #[test]
    fn an_index_file_too_large_to_be_one_is_not_read() {
        use std::io::Read;
        // An endless file that starts as an index does.
        let endless = MAGIC.chain(std::io::repeat(0));
        let e = read_from(endless, MAX_BYTES + 1, "en", 100).unwrap_err();
        assert_eq!(e, Refusal::Damaged);
    }

    #[test]
    fn a_damaged_index_is_never_used() {
        let (json, _, _, bytes) = indexed(20);
        for n in (0..bytes.len()).step_by(7).chain([bytes.len() - 1]) {
            assert!(read(&bytes[..n], &json, "en").is_err(), "cut at {n}");
        }
        for at in (0..bytes.len()).step_by(13) {
            let mut spoilt = bytes.clone();
            spoilt[at] ^= 0x20;
            assert!(read(&spoilt, &json, "en").is_err(), "byte {at}");
        }
    }

    #[test]
    fn nonsense_behind_a_good_checksum_is_refused_or_harmless() {
        // Bytes after the header changed, with the checksum made to match: the reader
        // must not panic, and what it accepts must search without panicking and name
        // only records that exist. Every byte of the spans and of the counts and
        // lengths; one in 11 of the text; one in 3 of the entries, which (106 bytes
        // each) covers every byte of an entry in one entry or another.
        let (json, dir, index, bytes) = indexed(6);
        let header = MAGIC.len() + 4 + 16 + 4 + 2 + 8 + 16;
        let span_bytes: usize = dir.services.iter().map(|s| 16 + s.id.len()).sum();
        let arenas = header + 4 + span_bytes;
        let text = arenas + 4 + 4;
        let entries = arenas + 4 + index.arenas.iter().map(|a| 4 + a.len()).sum::<usize>();
        assert_eq!(index.arenas.len(), 1);
        let services = dir.services.len();
        assert_eq!(entries + 4 + ENTRY_BYTES * services + 16, bytes.len());
        let positions = (header..text)
            .chain((text..entries).step_by(11))
            .chain(entries..entries + 4)
            .chain((entries + 4..bytes.len() - 16).step_by(3));
        let mut accepted = 0;
        for at in positions {
            // Alternately the largest value and one more than written.
            let value = if at % 2 == 0 {
                0xff
            } else {
                bytes[at].wrapping_add(1)
            };
            let mut spoilt = bytes.clone();
            spoilt[at] = value;
            sum_again(&mut spoilt);
            if let Ok(loaded) = read(&spoilt, &json, "en") {
                accepted += 1;
                for query in ["legal aid", "h", "555 0142"] {
                    for hit in loaded.index.search(query, Scope::All, 50).hits {
                        assert!(dir.id_of(hit.record).is_some(), "{hit:?} at {at}");
                    }
                }
            }
        }
        // Changes to masks and text are accepted (they only change what matches).
        assert!(accepted > 0);
    }

    #[test]
    fn records_and_texts_an_index_names_must_exist() {
        let (json, dir, index, _) = indexed(5);
        let spans = load::sections(&json, "en")
            .unwrap()
            .service_spans()
            .unwrap();
        let ids: Vec<&str> = dir.services.iter().map(|s| s.id.as_str()).collect();
        let first_service = index
            .entries
            .iter()
            .position(|e| matches!(e.record, RecordRef::Service(_)))
            .unwrap();
        let spoil = |f: &dyn Fn(&mut Entry)| {
            let mut copy = SearchIndex::from_parts(
                index
                    .entries
                    .iter()
                    .map(|e| Entry {
                        record: e.record,
                        rank: e.rank,
                        arena: e.arena,
                        bounds: e.bounds,
                        masks: e.masks,
                        starts: e.starts,
                        alone: e.alone,
                    })
                    .collect(),
                index.arenas.clone(),
            );
            f(&mut copy.entries[first_service]);
            read_back(&write(&copy, &spans, &ids, &json, "en"), &json, "en")
        };
        assert!(spoil(&|_| {}).is_ok());
        let spoilers: [&dyn Fn(&mut Entry); 6] = [
            &|e| e.record = RecordRef::Service(dir.services.len()),
            &|e| e.record = RecordRef::Service(dir.services.len() + 1000),
            &|e| e.record = RecordRef::Service(u32::MAX as usize),
            &|e| e.arena = 7,
            &|e| e.bounds = [0, 5, 3, 6, 7],
            &|e| e.bounds = [0, 1, 2, 3, u32::MAX],
        ];
        for (k, f) in spoilers.iter().enumerate() {
            assert_eq!(spoil(f).unwrap_err(), Refusal::Damaged, "spoiler {k}");
        }
    }
}
