#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! `heatwatch index` and the search index file: `search` with an index answers exactly
//! as `search` over the whole file does, and an index that does not belong to the file
//! (or to this build, or to the language) is named on stderr and never used.

use crate::common;

use std::path::{Path, PathBuf};

use clap::Parser;
use common::run_heatwatch;
use heatwatch::cli::{Cli, Command};
use heatwatch::commands::{self, SearchRequest};
use heatwatch::directory::load;
use heatwatch::filter::Filters;
use heatwatch::i18n::cli as messages_cli;
use heatwatch::render::Style;

/// The embedded directory with `n` services of varied names, texts and numbers
/// (fictional 555-01XX numbers), pretty-printed as a county would ship it. It declares
/// no translation (an index file serves a directory in one language: see
/// `a_translated_file_gets_no_index_file_and_is_searched_in_every_language`), though
/// some of its texts are given in two languages, read in the one asked for.
fn county_file(n: usize) -> String {
    let mut file = translated_county_file(n);
    if let Some(d) = file["directory"].as_object_mut() {
        d.remove("translations");
    }
    serde_json::to_string_pretty(&file).unwrap()
}

/// [`county_file`] with the embedded directory's Spanish translation declared.
fn translated_county_file(n: usize) -> serde_json::Value {
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
            // Some names in English and Spanish: the language read changes the text.
            let name_text = if i % 3 == 0 {
                serde_json::json!({"en": format!("{name} of {town} {i}"), "es": format!("{name} de {town} {i}")})
            } else {
                serde_json::json!(format!("{name} of {town} {i}"))
            };
            serde_json::json!({
                "id": format!("svc-{i}"),
                "name": name_text,
                "description": format!("Help with {} in {town}.", names[(i + 2) % names.len()]),
                "phones": [{"number": format!("(510) 555-01{:02}", i % 100), "kind": "voice"}],
                "languages": if i % 4 == 0 { vec!["Spanish"] } else { vec!["English"] },
                "area": town,
                "tags": ["help", name],
                "source": [source],
                "retrieved": "2026-11-27"
            })
        })
        .collect();
    file["services"] = serde_json::Value::Array(services);
    file["events"] = serde_json::json!([{
        "id": "evt-workshop",
        "title": {"en": "Outreach workshop", "es": "Taller de alcance"},
        "text": "A fictional event, for the tests.",
        "source": [source],
        "retrieved": "2026-11-27"
    }]);
    file
}

/// A folder holding `county.json` with `n` services.
fn county(n: usize) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("county.json");
    std::fs::write(&path, county_file(n)).unwrap();
    (folder, path)
}

fn index_path(data: &Path) -> PathBuf {
    heatwatch::search::index_file::path_for(data, "en")
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn run_index(data: &Path) -> common::Run {
    run_heatwatch(&["--data", data.to_str().unwrap(), "index"], &[])
}

fn run_index_in(data: &Path, language: &str) -> common::Run {
    let file = data.to_str().unwrap();
    run_heatwatch(&["--data", file, "--lang", language, "index"], &[])
}

const QUERIES: [&str; 10] = [
    "outreach workshop",
    "legal aid",
    "shelter oakland",
    "ninos",
    "casa de niños",
    "555 0142",
    "tip line",
    "police training",
    "hotline",
    "qqqzzz",
];

#[test]
fn index_writes_one_file_beside_the_data_file_and_says_so() {
    let (folder, data) = county(50);
    let run = run_index(&data);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("county.json.en.heatwatch-index"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("records"), "{}", run.stdout);
    assert_eq!(
        names_in(folder.path()),
        ["county.json", "county.json.en.heatwatch-index"]
    );
    // Made again: the same bytes, still one file.
    let first = std::fs::read(index_path(&data)).unwrap();
    assert_eq!(run_index(&data).code, 0);
    assert_eq!(std::fs::read(index_path(&data)).unwrap(), first);
    assert_eq!(names_in(folder.path()).len(), 2);
}

/// What `search` prints for `cli`, through the index when `indexed` (which must then
/// be used), else over the whole file.
fn printed(cli: &Cli, indexed: bool) -> (u8, String) {
    let Some(Command::Search(search)) = &cli.command else {
        panic!("a search");
    };
    let query = search.query.join(" ");
    let args = SearchRequest {
        query: &query,
        role: search.role.as_deref(),
        limit: usize::try_from(search.limit).unwrap(),
        json: search.json,
        filters: Filters::default(),
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    let msg = messages_cli::for_language("en");
    let mut out = Vec::new();
    let code = if indexed {
        heatwatch::exit::status(
            commands::indexed_search(cli, &args, Style::default(), msg, &mut out)
                .expect("the index is used"),
        )
        .unwrap()
    } else {
        let dir = heatwatch::settings::load_for_command(cli).unwrap();
        heatwatch::exit::status(commands::search(
            &dir,
            &[],
            &args,
            Style::default(),
            msg,
            &mut out,
        ))
        .unwrap()
    };
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn search_through_the_index_prints_what_search_over_the_whole_file_prints() {
    let (_folder, data) = county(700);
    let file = data.to_str().unwrap();
    let mut services_found = 0;
    let mut events_found = 0;
    let mut spanish_names = 0;
    for language in ["en", "es"] {
        // The index of the texts read in this language; the search reads them so too.
        let made = run_index_in(&data, language);
        assert_eq!(made.code, 0, "{}", made.stderr);
        {
            for query in QUERIES {
                for options in [
                    &[][..],
                    &["--json"],
                    &["--limit", "3"],
                    &["--limit", "2000", "--json"],
                    &["--role", "law-enforcement"],
                ] {
                    let mut argv = vec![
                        "heatwatch",
                        "--data",
                        file,
                        "--lang",
                        language,
                        "search",
                        query,
                    ];
                    argv.extend_from_slice(options);
                    let cli = Cli::parse_from(&argv);
                    let (code, text) = printed(&cli, true);
                    let whole = printed(&cli, false);
                    assert_eq!((code, &text), (whole.0, &whole.1), "{language} {argv:?}");
                    services_found += text.matches("svc-").count();
                    events_found += text.matches("evt-workshop").count();
                    spanish_names += text.matches(" de Oakland").count();
                }
            }
        }
    }
    // Services, the event and texts in Spanish were among the results, so the
    // comparison covered them.
    assert!(services_found > 100, "{services_found}");
    assert!(events_found > 0);
    assert!(spanish_names > 0);
}

#[test]
fn the_real_binary_prints_the_same_with_and_without_the_index() {
    let (folder, data) = county(300);
    let copy = folder.path().join("copy.json");
    std::fs::copy(&data, &copy).unwrap();
    for language in ["en", "es"] {
        let made = run_index_in(&data, language);
        assert_eq!(made.code, 0, "{}", made.stderr);
        // A filter (--language) reads the whole file, with or without an index.
        for query in QUERIES {
            for options in [&[][..], &["--json"], &["--language", "es"]] {
                let run = |file: &Path| {
                    let mut args = vec!["--lang", language, "--data"];
                    args.extend([file.to_str().unwrap(), "search", query]);
                    args.extend_from_slice(options);
                    run_heatwatch(&args, &[])
                };
                let (with, without) = (run(&data), run(&copy));
                let case = format!("{language} {query} {options:?}");
                assert_eq!(with.code, without.code, "{case}");
                assert_eq!(with.stdout, without.stdout, "{case}");
                assert_eq!(with.stderr, without.stderr, "{case}");
            }
        }
    }
    // Searching wrote nothing.
    assert_eq!(
        names_in(folder.path()),
        [
            "copy.json",
            "county.json",
            "county.json.en.heatwatch-index",
            "county.json.es.heatwatch-index"
        ]
    );
}

#[cfg(unix)]
#[test]
fn index_never_writes_through_a_link_left_at_its_temporary_name() {
    let (folder, data) = county(5);
    let victim = folder.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let partial = folder.path().join("county.json.en.heatwatch-index.partial");
    std::os::unix::fs::symlink(&victim, &partial).unwrap();
    let run = run_index(&data);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    let index = index_path(&data);
    assert!(
        std::fs::symlink_metadata(&index)
            .unwrap()
            .file_type()
            .is_file()
    );
    // The temporary file has a fresh name, created exclusively, so a link planted at the
    // old fixed name is no longer heatwatch's business: it stays, unfollowed.
    assert_eq!(
        names_in(folder.path()),
        [
            "county.json",
            "county.json.en.heatwatch-index",
            "county.json.en.heatwatch-index.partial",
            "victim.txt"
        ]
    );
}

#[cfg(unix)]
#[test]
fn index_refuses_a_link_at_the_index_itself() {
    let (folder, data) = county(5);
    let victim = folder.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, index_path(&data)).unwrap();
    let run = run_index(&data);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is a symbolic link, and heatwatch never writes through one"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}

#[test]
fn a_changed_file_is_never_searched_with_its_old_index() {
    let (_folder, data) = county(40);
    assert_eq!(run_index(&data).code, 0);
    // One digit of one number, same length: the record at the same place in the file.
    let text = std::fs::read_to_string(&data).unwrap();
    let changed = text.replacen("(510) 555-0107", "(510) 555-0199", 1);
    assert_ne!(changed, text);
    std::fs::write(&data, changed).unwrap();
    let run = run_heatwatch(
        &["--data", data.to_str().unwrap(), "search", "555 0199"],
        &[],
    );
    assert_eq!(run.code, 0);
    // The old index knows no such number; the file has it, at svc-7.
    assert!(run.stdout.contains("555-0199 [svc-7]"), "{}", run.stdout);
    assert!(
        run.stderr.contains("was not used") && run.stderr.contains("has changed since"),
        "{}",
        run.stderr
    );
    // The library says the same: the index is not used.
    let cli = Cli::parse_from(["heatwatch", "--data", data.to_str().unwrap(), "search", "x"]);
    let args = SearchRequest {
        query: "shelter",
        role: None,
        limit: 5,
        json: false,
        filters: Filters::default(),
        now: jiff::Timestamp::UNIX_EPOCH,
    };
    let mut out = Vec::new();
    let msg = messages_cli::for_language("en");
    assert!(commands::indexed_search(&cli, &args, Style::default(), msg, &mut out).is_none());
    assert!(out.is_empty());
}

#[test]
fn an_index_that_cannot_be_used_is_named_and_ignored() {
    let (_folder, data) = county(30);
    let file = data.to_str().unwrap();
    let plain = run_heatwatch(&["--data", file, "search", "food bank"], &[]);
    assert_eq!(plain.code, 0);
    assert!(
        !plain.stderr.contains("heatwatch-index"),
        "{}",
        plain.stderr
    );
    assert_eq!(run_index(&data).code, 0);
    let good = std::fs::read(index_path(&data)).unwrap();
    let mut cut = good.clone();
    cut.truncate(good.len() / 2);
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    let cases: [(&[u8], &str); 3] = [
        (
            b"{\"not\": \"an index\"}",
            "is not a heatwatch search index",
        ),
        (&cut, "is damaged"),
        (&flipped, "is damaged"),
    ];
    for (bytes, reason) in cases {
        std::fs::write(index_path(&data), bytes).unwrap();
        let run = run_heatwatch(&["--data", file, "search", "food bank"], &[]);
        assert_eq!(run.code, 0);
        assert_eq!(run.stdout, plain.stdout);
        assert!(run.stderr.contains(reason), "{}", run.stderr);
        assert!(run.stderr.contains("heatwatch-index"), "{}", run.stderr);
    }
    // An English index says nothing to a search in Spanish, which has its own.
    std::fs::write(index_path(&data), &good).unwrap();
    let run = run_heatwatch(
        &["--data", file, "--lang", "es", "search", "food bank"],
        &[],
    );
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let spanish = run.stdout;
    // An English index under the Spanish name: named in Spanish, and not used.
    let es_path = heatwatch::search::index_file::path_for(&data, "es");
    std::fs::write(&es_path, &good).unwrap();
    let run = run_heatwatch(
        &["--data", file, "--lang", "es", "search", "food bank"],
        &[],
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, spanish);
    assert!(
        run.stderr.contains("se creó para otro idioma"),
        "{}",
        run.stderr
    );
    // Made for Spanish: used in Spanish without a word, with the same results.
    let made = run_index_in(&data, "es");
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stdout.contains("se escribió"), "{}", made.stdout);
    assert!(
        made.stdout.contains("county.json.es.heatwatch-index"),
        "{}",
        made.stdout
    );
    let run = run_heatwatch(
        &["--data", file, "--lang", "es", "search", "food bank"],
        &[],
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, spanish);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn index_needs_one_usable_data_file() {
    let (folder, data) = county(5);
    let file = data.to_str().unwrap();
    for args in [
        &["index"][..],
        &["--data", file, "--data", file, "index"],
        &["--data", file, "--with-embedded", "index"],
    ] {
        let run = run_heatwatch(args, &[]);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("exactly one --data"), "{}", run.stderr);
    }
    // A file with a problem: said as every command says it, and nothing written.
    let broken = folder.path().join("broken.json");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&broken, text.replacen("(510) 555-0101", "call us", 1)).unwrap();
    let run = run_heatwatch(&["--data", broken.to_str().unwrap(), "index"], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("heatwatch check"), "{}", run.stderr);
    // Services that are not the file's last field: valid, but no index.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let facts = value.as_object_mut().unwrap().remove("facts").unwrap();
    let moved = serde_json::to_string(&value).unwrap();
    let moved = format!("{},\"facts\":{facts}}}", moved.strip_suffix('}').unwrap());
    let last = folder.path().join("facts-last.json");
    std::fs::write(&last, moved).unwrap();
    let run = run_heatwatch(&["--data", last.to_str().unwrap(), "index"], &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("last field"), "{}", run.stderr);
    assert_eq!(
        names_in(folder.path()),
        ["broken.json", "county.json", "facts-last.json"]
    );
}

/// A forged index beside an unchanged file (review I12): the index is written with the
/// file's length and hash, so it is used. It cannot hide the National Hotline (hotlines
/// come from the file's head, never from the index), and a service it points at the
/// wrong place is dropped with a notice, never shown under another service's id.
#[test]
fn a_forged_index_cannot_hide_a_hotline_or_show_a_record_under_another_id() {
    use heatwatch::search::SearchIndex;
    let (_folder, data) = county(30);
    let file = data.to_str().unwrap();
    let json = std::fs::read(&data).unwrap();
    let dir = load::from_bytes(&json).unwrap();
    let spans = load::sections(&json, "en")
        .unwrap()
        .service_spans()
        .unwrap();
    let ids: Vec<&str> = dir.services.iter().map(|s| s.id.as_str()).collect();
    let searches = [
        &["search", "national hotline"][..],
        &["search", "373 7888"][..],
    ];
    let plain: Vec<common::Run> = searches
        .iter()
        .map(|q| run_heatwatch(&[&["--data", file][..], q].concat(), &[]))
        .collect();
    assert!(
        plain[1].stdout.contains("[national-hotline]"),
        "{}",
        plain[1].stdout
    );

    // The index of the same directory without its first hotline, the National Hotline.
    let mut forged = load::from_bytes(&json).unwrap();
    assert_eq!(forged.hotlines[0].id, "national-hotline");
    forged.hotlines.remove(0);
    let index = SearchIndex::build(&forged);
    let bytes = heatwatch::search::index_file::write(&index, &spans, &ids, &json, "en");
    std::fs::write(index_path(&data), bytes).unwrap();
    for (q, plain) in searches.iter().zip(&plain) {
        let run = run_heatwatch(&[&["--data", file][..], q].concat(), &[]);
        assert_eq!(run.code, 0, "{q:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("[national-hotline]"),
            "{q:?}: {}",
            run.stdout
        );
        assert_eq!(run.stdout, plain.stdout, "{q:?}");
        assert!(
            !run.stderr.contains("was not used"),
            "the index was used: {}",
            run.stderr
        );
    }

    // The right index, but the first two services' places swapped.
    let index = SearchIndex::build(&dir);
    let mut swapped = spans.clone();
    swapped.swap(0, 1);
    let bytes = heatwatch::search::index_file::write(&index, &swapped, &ids, &json, "en");
    std::fs::write(index_path(&data), bytes).unwrap();
    let run = run_heatwatch(&["--data", file, "search", "legal aid oakland 0"], &[]);
    assert!(
        run.stderr
            .contains("names a service \"svc-0\" where the file holds \"svc-1\""),
        "{}",
        run.stderr
    );
    for line in run.stdout.lines() {
        if line.contains("[svc-1]") {
            assert!(line.contains("Shelter"), "{line}");
        }
        if line.contains("[svc-0]") {
            assert!(line.contains("Legal Aid"), "{line}");
        }
    }
}

#[test]
fn a_translated_file_gets_no_index_file_and_is_searched_in_every_language() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("county.json");
    std::fs::write(
        &data,
        serde_json::to_string_pretty(&translated_county_file(50)).unwrap(),
    )
    .unwrap();
    let file = data.to_str().unwrap();
    let made = run_index(&data);
    assert_eq!(made.code, 2, "{}", made.stderr);
    assert!(
        made.stderr.contains("declares a translation"),
        "{}",
        made.stderr
    );
    assert!(!index_path(&data).exists());
    // A Spanish word finds the Spanish-titled event in an English search, and back.
    let en = run_heatwatch(&["--data", file, "search", "--json", "taller"], &[]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(en.stdout.contains("evt-workshop"), "{}", en.stdout);
    let es = run_heatwatch(
        &[
            "--data", file, "--lang", "es", "search", "--json", "workshop",
        ],
        &[],
    );
    assert_eq!(es.code, 0, "{}", es.stderr);
    assert!(es.stdout.contains("evt-workshop"), "{}", es.stdout);
}

/// The binary carries no source text of its own: the index file's build fingerprint is a
/// number, not the project's sources and Cargo.lock compiled in (which made every
/// comment edit invalidate people's index files, and shipped 277 KB of source).
#[test]
fn the_binary_embeds_no_source_text() {
    let binary = std::fs::read(env!("CARGO_BIN_EXE_heatwatch")).unwrap();
    for text in [
        "# This file is automatically @generated by Cargo.",
        "Search across the whole directory: the one place that knows about the matcher.",
        "The search index file: a directory file's search index",
    ] {
        assert!(
            !binary.windows(text.len()).any(|w| w == text.as_bytes()),
            "the binary holds {text:?}"
        );
    }
}

#[test]
fn a_second_language_index_shares_the_services_text_and_finds_the_same() {
    use heatwatch::directory::load::Languages;
    use heatwatch::search::{Scope, SearchIndex};
    let every = ["es"];
    let both = Languages {
        first: "en",
        others: &every,
        always: false,
        declared: false,
    };
    let text = common::head_then_services(10_000, false);
    let read = load::read(text.into_bytes(), both).unwrap();
    let (en, es) = (&read[0].directory, &read[1].directory);
    let base = SearchIndex::build_with(en, &[es]);
    let beside = SearchIndex::build_beside(es, &[en], &base);
    let alone = SearchIndex::build_with(es, &[en]);
    let (shared, all) = beside.arenas_shared_with(&base);
    assert!(
        shared > 0 && shared + 1 >= all,
        "{shared} of {all} arenas shared"
    );
    assert_eq!(alone.arenas_shared_with(&base).0, 0);
    assert_eq!(beside.len(), alone.len());
    for q in [
        "harbor 42",
        "shelter",
        "línea",
        "trata",
        "911",
        "555 0142",
        "nacional",
    ] {
        let a = beside.search(q, Scope::All, 50);
        let b = alone.search(q, Scope::All, 50);
        let records = |r: &heatwatch::search::Results| -> Vec<_> {
            r.hits.iter().map(|h| (h.record, h.score)).collect()
        };
        assert_eq!(records(&a), records(&b), "{q}");
        assert_eq!(a.total, b.total, "{q}");
    }
}
