#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Broken directory files, tested at scale: valid files are mutated at random (fields
//! deleted, values of the wrong type, huge and negative numbers, duplicate keys, cloned
//! records, truncation, inserted, removed and flipped bytes) and the loader must never
//! panic: it returns a valid directory, which then renders and searches, or an error
//! whose every message is safe to print to a terminal.
//!
//! Also exhaustive: every truncation of the small fixtures is an error.
//!
//! Covered elsewhere, not repeated here: an endless reader (`/dev/zero`) ends in
//! `TooLarge` and the cap is inclusive (`tests/domain/data_load.rs`,
//! `oversized_input_is_refused_and_endless_input_ends`); 10,000- and 100,000-deep nesting
//! of arrays and objects, in the whole file, in a list of ids, cut off, and in the version
//! (`tests/domain/data_load.rs`, `deep_nesting_ends_in_a_clear_error_without_overflowing_the_stack`).
//! Added here: deep nesting that only the version probe reads.
//!
//! Cases: `PROPTEST_CASES` (default 256; CI 64). Failing seeds are kept in
//! `tests/fixtures/regressions/hostile_data.proptest-regressions`; every failing input
//! found is also kept as a literal test below.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use heatwatch::cli::ThemeName;
use heatwatch::directory::{Directory, LoadError, check, load};
use heatwatch::search::{Scope, SearchIndex};
use heatwatch::tui::action::Action;
use heatwatch::tui::app::{App, Nav, Pane};
use heatwatch::tui::theme::Theme;
use jiff::civil::date;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

const MINIMAL: &str = include_str!("../fixtures/minimal.json");
const EMBEDDED: &str = include_str!("../../data/directory.json");
const HOSTILE: &str = include_str!("../fixtures/hostile.json");
const DOC_EXAMPLE: &str = include_str!("../fixtures/doc_example.json");

/// The valid files mutations start from.
const BASES: [(&str, &str); 4] = [
    ("minimal.json", MINIMAL),
    ("data/directory.json", EMBEDDED),
    ("hostile.json", HOSTILE),
    ("doc_example.json", DOC_EXAMPLE),
];

// ---------------------------------------------------------------------------------------
// What a result must be
// ---------------------------------------------------------------------------------------

/// What must never be printed to a terminal (an error message quotes the file).
fn unprintable(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        | '\u{2028}' | '\u{2029}')
}

/// Checks a load result: an error is explained in printable text; a directory is
/// consistent, and renders and searches without a panic.
fn check_result(result: &Result<Directory, LoadError>) -> Result<(), String> {
    check_result_with(result, true)
}

/// As [`check_result`]; `render` also renders and searches a loaded directory.
fn check_result_with(result: &Result<Directory, LoadError>, render: bool) -> Result<(), String> {
    match result {
        Err(e) => {
            let shown = e.to_string();
            if shown.trim().is_empty() {
                return Err(format!("an empty message for {e:?}"));
            }
            if let Some(c) = shown.chars().find(|&c| unprintable(c)) {
                return Err(format!("{c:?} in the message {shown:?}"));
            }
            let problems = e.problems();
            if problems.is_empty() {
                return Err(format!("no problem listed for {e:?}"));
            }
            for p in problems {
                let line = p.to_string();
                if p.message.to_string().trim().is_empty() {
                    return Err(format!("a problem without a message: {p:?}"));
                }
                if let Some(c) = line.chars().find(|&c| unprintable(c) || c == '\n') {
                    return Err(format!("{c:?} in the problem {line:?}"));
                }
            }
            Ok(())
        }
        Ok(dir) => check_directory(dir, render),
    }
}

fn check_directory(dir: &Directory, render: bool) -> Result<(), String> {
    for (r, role) in dir.roles.iter().enumerate() {
        for (a, action) in role.actions.iter().enumerate() {
            if let Some(h) = action.hotlines.iter().find(|&&h| h >= dir.hotlines.len()) {
                return Err(format!("roles[{r}].actions[{a}] refers to hotline {h}"));
            }
        }
    }
    // Ids are unique: each record's id finds that record.
    for r in dir.records() {
        let id = dir.id_of(r).ok_or_else(|| format!("{r:?} has no id"))?;
        if dir.find(id) != Some(r) {
            return Err(format!("the id {id:?} of {r:?} finds {:?}", dir.find(id)));
        }
    }
    let today = date(2026, 6, 1);
    let _ = check::freshness(dir, today, 365);
    let _ = check::warnings(dir, today, 0);
    if !render {
        return Ok(());
    }

    let dir = Arc::new(dir.clone());
    let index = Arc::new(SearchIndex::build(&dir));
    for q in ["a", "911", "tip line", "5105550100", "\u{1b}["] {
        let _ = index.search(q, Scope::All, 50);
    }
    for (w, h) in [(120, 40), (50, 20), (20, 6)] {
        let mut app = App::new(
            Arc::clone(&dir),
            Arc::clone(&index),
            Theme::new(ThemeName::Default, false),
        );
        app.update(Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        for section in 0..app.sections.len().max(1) {
            let s = app.sections.get(section).copied();
            let count = s.map_or(0, |s| app.item_count(s));
            for item in 0..count.clamp(1, 4) {
                app.nav = Nav {
                    section,
                    item,
                    focus: Pane::Detail,
                    scroll: 0,
                };
                app.update(Action::Resize(w, h));
                terminal
                    .draw(|f| {
                        heatwatch::tui::view::render(&app, f);
                    })
                    .map_err(|e| e.to_string())?;
                for cell in terminal.backend().buffer().content() {
                    if let Some(c) = cell.symbol().chars().find(|&c| unprintable(c)) {
                        return Err(format!("{c:?} on screen:\n{}", terminal.backend()));
                    }
                }
            }
        }
    }
    Ok(())
}

fn load_and_check(bytes: &[u8]) -> Result<Result<Directory, LoadError>, String> {
    let result = load::from_bytes(bytes);
    check_result(&result)?;
    Ok(result)
}

// ---------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------

/// Raw JSON that no `Value` holds: numbers out of every range, non-JSON literals,
/// escapes of lone surrogates.
const RAW: &[&str] = &[
    "1e400",
    "-1e400",
    "1e-400",
    "18446744073709551616",
    "18446744073709551615",
    "4294967296",
    "4294967297",
    "-1",
    "-0",
    "0",
    "1.0",
    "1e0",
    "0.5",
    "123456789012345678901234567890",
    "NaN",
    "Infinity",
    "0x1",
    "01",
    "+1",
    "1_000",
    "\"\\ud800\"",
    "\"\\udc00x\"",
    "\"\\u0000\"",
    "\"\\u001b]52;c;aGk=\\u0007\"",
    "\"\\u202e1(888)\"",
    "nul",
    "tru",
    "[1,]",
    "{\"a\":1,}",
    "\"unterminated",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Remove an object member.
    Delete(Index),
    /// Replace a node by a value (usually of another type).
    Replace(Index, Value),
    /// Replace a node by raw JSON text.
    Raw(Index, &'static str),
    /// Write an object member twice (with the same value, or another).
    Duplicate(Index, Option<Value>),
    /// Clone an element of an array (duplicate ids, many records).
    CloneElement(Index, u8),
    /// Set `schema_version` to raw text.
    Version(&'static str),
}

#[derive(Debug, Clone)]
enum ByteMutation {
    Truncate(Index),
    Insert(Index, Vec<u8>),
    Flip(Index, u8),
    Remove(Index, u8),
}

fn other_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(""),
            json!(" "),
            json!("x"),
            json!("not-an-id"),
            json!("2026-02-30"),
            json!("+1 (510) 555-0100"),
            json!([]),
            json!({}),
            json!([1]),
            json!(["x"]),
            json!({"a": 1}),
            json!("\u{1b}]52;c;aGk=\u{7}\u{202e}\u{200b}"),
        ]),
        (1usize..200).prop_map(|n| {
            let mut v = json!(1);
            for _ in 0..n {
                v = json!([v]);
            }
            v
        }),
        (1usize..20_000).prop_map(|n| json!("9".repeat(n))),
        ".{0,40}".prop_map(Value::String),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => any::<Index>().prop_map(Mutation::Delete),
        3 => (any::<Index>(), other_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        2 => (any::<Index>(), prop::sample::select(RAW)).prop_map(|(i, r)| Mutation::Raw(i, r)),
        2 => (any::<Index>(), prop::option::of(other_value()))
            .prop_map(|(i, v)| Mutation::Duplicate(i, v)),
        1 => (any::<Index>(), 1u8..=3).prop_map(|(i, n)| Mutation::CloneElement(i, n)),
        1 => prop::sample::select(RAW).prop_map(Mutation::Version),
    ]
}

fn byte_mutation() -> impl Strategy<Value = ByteMutation> {
    prop_oneof![
        any::<Index>().prop_map(ByteMutation::Truncate),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| ByteMutation::Insert(i, b)),
        (any::<Index>(), 1u8..=255).prop_map(|(i, m)| ByteMutation::Flip(i, m)),
        (any::<Index>(), 1u8..=16).prop_map(|(i, n)| ByteMutation::Remove(i, n)),
    ]
}

/// JSON pointers of every node of `v` (the root excluded).
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        _ => {}
    }
}

fn split_pointer(p: &str) -> (&str, String) {
    let cut = p.rfind('/').unwrap();
    (
        &p[..cut],
        p[cut + 1..].replace("~1", "/").replace("~0", "~"),
    )
}

/// Placeholders for what a `Value` cannot hold, replaced in the text afterwards.
fn raw_placeholder(n: usize) -> String {
    format!("\u{0}RAW{n}\u{0}")
}
fn dup_placeholder(n: usize) -> String {
    format!("\u{0}DUP{n}\u{0}")
}

/// Applies the structural mutations and writes the text.
fn mutate(base: &str, mutations: &[Mutation]) -> String {
    let mut v: Value = serde_json::from_str(base).unwrap();
    let mut raws: Vec<&str> = Vec::new();
    let mut dups: Vec<String> = Vec::new();
    for m in mutations {
        let mut all = Vec::new();
        pointers(&v, "", &mut all);
        if all.is_empty() {
            continue;
        }
        match m {
            Mutation::Delete(i) | Mutation::Duplicate(i, _) => {
                let members: Vec<&String> = all
                    .iter()
                    .filter(|p| {
                        let (parent, _) = split_pointer(p);
                        v.pointer(parent).is_some_and(Value::is_object)
                    })
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let p = members[i.index(members.len())].clone();
                let (parent, key) = split_pointer(&p);
                let map = v.pointer_mut(parent).unwrap().as_object_mut().unwrap();
                if let Mutation::Duplicate(_, other) = m {
                    let value = other.clone().unwrap_or_else(|| map[&key].clone());
                    map.insert(dup_placeholder(dups.len()), value);
                    dups.push(key);
                } else {
                    map.remove(&key);
                }
            }
            Mutation::Replace(i, value) => {
                *v.pointer_mut(&all[i.index(all.len())]).unwrap() = value.clone();
            }
            Mutation::Raw(i, raw) => {
                *v.pointer_mut(&all[i.index(all.len())]).unwrap() =
                    Value::String(raw_placeholder(raws.len()));
                raws.push(raw);
            }
            Mutation::Version(raw) => {
                if let Some(o) = v.as_object_mut() {
                    o.insert(
                        "schema_version".to_owned(),
                        Value::String(raw_placeholder(raws.len())),
                    );
                    raws.push(raw);
                }
            }
            Mutation::CloneElement(i, n) => {
                let arrays: Vec<&String> = all
                    .iter()
                    .filter(|p| {
                        v.pointer(p)
                            .and_then(Value::as_array)
                            .is_some_and(|a| !a.is_empty())
                    })
                    .collect();
                if arrays.is_empty() {
                    continue;
                }
                let p = arrays[i.index(arrays.len())].clone();
                let items = v.pointer_mut(&p).unwrap().as_array_mut().unwrap();
                let first = items[0].clone();
                for _ in 0..*n {
                    items.push(first.clone());
                }
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&v).unwrap();
    for (n, raw) in raws.iter().enumerate() {
        let placeholder = serde_json::to_string(&raw_placeholder(n)).unwrap();
        text = text.replace(&placeholder, raw);
    }
    for (n, key) in dups.iter().enumerate() {
        let placeholder = serde_json::to_string(&dup_placeholder(n)).unwrap();
        text = text.replace(&placeholder, &serde_json::to_string(key).unwrap());
    }
    text
}

fn mutate_bytes(mut bytes: Vec<u8>, mutations: &[ByteMutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len();
        match m {
            ByteMutation::Truncate(i) => bytes.truncate(i.index(len + 1)),
            ByteMutation::Insert(i, b) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            ByteMutation::Flip(i, mask) if len > 0 => bytes[i.index(len)] ^= mask,
            ByteMutation::Remove(i, n) if len > 0 => {
                let at = i.index(len);
                let end = (at + usize::from(*n)).min(len);
                bytes.drain(at..end);
            }
            ByteMutation::Flip(..) | ByteMutation::Remove(..) => {}
        }
    }
    bytes
}

fn config() -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/regressions/hostile_data.proptest-regressions",
        ))),
        ..Config::default()
    }
}

#[test]
fn mutated_files_load_or_fail_cleanly() {
    let config = config();
    let cases = config.cases;
    let (ok, err) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let mut runner = TestRunner::new(config);
    let strategy = (
        0..BASES.len(),
        prop::collection::vec(mutation(), 0..4),
        prop::collection::vec(byte_mutation(), 0..3),
    );
    let result = runner.run(&strategy, |(base, mutations, byte_mutations)| {
        let text = mutate(BASES[base].1, &mutations);
        let bytes = mutate_bytes(text.into_bytes(), &byte_mutations);
        let result = load_and_check(&bytes).map_err(TestCaseError::fail)?;
        // A schema_version that is not exactly 1 is refused, whatever else is wrong.
        if byte_mutations.is_empty() && mutations.iter().any(|m| matches!(m, Mutation::Version(_)))
        {
            let last = mutations
                .iter()
                .rev()
                .find_map(|m| match m {
                    Mutation::Version(v) => Some(*v),
                    _ => None,
                })
                .unwrap();
            prop_assert!(
                result.is_err() || last == "1" || last == "1e0" || last == "1.0",
                "schema_version {last} accepted"
            );
        }
        if result.is_ok() {
            ok.fetch_add(1, Ordering::Relaxed);
        } else {
            err.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "hostile_data: {cases} mutated files, {} loaded, {} refused",
        ok.load(Ordering::Relaxed),
        err.load(Ordering::Relaxed)
    );
}

// ---------------------------------------------------------------------------------------
// Exhaustive
// ---------------------------------------------------------------------------------------

/// Every truncation of a valid file is an error, except those that only drop trailing
/// whitespace.
fn every_truncation(name: &str, text: &str, step: usize) -> usize {
    let full = text.as_bytes();
    assert!(load::from_bytes(full).is_ok(), "{name} loads");
    let mut n = 0;
    for cut in (0..full.len()).step_by(step) {
        let prefix = &full[..cut];
        let result = load::from_bytes(prefix);
        if let Err(e) = check_result_with(&result, false) {
            panic!("{name} cut at byte {cut}: {e}");
        }
        let complete = prefix.trim_ascii_end() == full.trim_ascii_end();
        assert_eq!(
            result.is_ok(),
            complete,
            "{name} cut at byte {cut} of {}: {result:?}",
            full.len()
        );
        n += 1;
    }
    n
}

#[test]
fn every_truncation_of_the_minimal_file_is_an_error() {
    let n = every_truncation("minimal.json", MINIMAL, 1);
    assert_eq!(n, MINIMAL.len());
}

#[test]
fn every_truncation_of_the_other_files_is_an_error() {
    // Every byte in a release build; every 41st in a debug build (CI), which is slower.
    let step = if cfg!(debug_assertions) { 41 } else { 1 };
    for (name, text) in &BASES[1..] {
        every_truncation(name, text, step);
    }
}

#[test]
fn every_single_byte_deletion_of_the_minimal_file_loads_or_fails_cleanly() {
    let full = MINIMAL.as_bytes();
    for at in 0..full.len() {
        let mut bytes = full.to_vec();
        bytes.remove(at);
        if let Err(e) = check_result_with(&load::from_bytes(&bytes), false) {
            panic!("byte {at} removed: {e}");
        }
    }
}

#[test]
fn schema_versions_other_than_1_are_refused() {
    let base: Value = serde_json::from_str(MINIMAL).unwrap();
    for raw in RAW
        .iter()
        .chain(&["2", "\"1\"", "null", "[1]", "{}", "true", "1.5"])
    {
        let text = mutate(MINIMAL, &[Mutation::Version(raw)]);
        assert_ne!(text, serde_json::to_string_pretty(&base).unwrap());
        let result = load_and_check(text.as_bytes()).unwrap_or_else(|e| panic!("{raw}: {e}"));
        assert!(result.is_err(), "schema_version {raw} accepted");
    }
    // And every value of u32 but 1 that a file might hold.
    for v in [
        0u64,
        2,
        255,
        65_536,
        u64::from(u32::MAX),
        u64::from(u32::MAX) + 1,
        u64::MAX,
    ] {
        let mut value = base.clone();
        value["schema_version"] = json!(v);
        let err = load::from_bytes(value.to_string().as_bytes()).expect_err("refused");
        check_result(&Err(err)).unwrap();
    }
}

#[test]
fn deep_nesting_that_only_the_version_probe_reads() {
    // The main parse stops at the unknown version's field types; the version probe then
    // reads the whole file as loose JSON, nesting included.
    for depth in [1_000, 100_000] {
        let nested = "[".repeat(depth) + &"]".repeat(depth);
        for text in [
            format!("{{\"schema_version\": 2, \"extra\": {nested}}}"),
            format!("{{\"extra\": {nested}, \"schema_version\": 2}}"),
            format!("{{\"schema_version\": 1, \"extra\": {nested}}}"),
            format!("{{\"directory\": {nested}, \"schema_version\": 1e400}}"),
        ] {
            let result = load::from_bytes(text.as_bytes());
            check_result(&result).unwrap();
            assert!(result.is_err());
        }
    }
}

#[test]
fn duplicate_keys_are_refused() {
    // A key written twice is an error wherever it is, never "last one wins".
    let base: Value = serde_json::from_str(MINIMAL).unwrap();
    let mut all = Vec::new();
    pointers(&base, "", &mut all);
    let members: Vec<String> = all
        .into_iter()
        .filter(|p| {
            let (parent, _) = split_pointer(p);
            base.pointer(parent).is_some_and(Value::is_object)
        })
        .collect();
    for (i, p) in members.iter().enumerate() {
        let text = mutate(
            MINIMAL,
            &[Mutation::Duplicate(index_of(i, members.len()), None)],
        );
        let result = load_and_check(text.as_bytes()).unwrap_or_else(|e| panic!("{p}: {e}"));
        let err = result.expect_err(p);
        assert!(err.to_string().contains("duplicate field"), "{p}: {err}");
    }
}

/// An `Index` that picks `i` of `len`.
fn index_of(i: usize, len: usize) -> Index {
    // Index::index(len) is (raw * len) >> 64 on a usize; aim at the middle of slot i.
    let mut runner = TestRunner::deterministic();
    loop {
        let idx = any::<Index>().new_tree(&mut runner).unwrap().current();
        if idx.index(len) == i {
            return idx;
        }
    }
}
