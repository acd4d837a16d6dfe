#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Directories from several files: `--data` given more than once, `--with-embedded`,
//! colliding ids, each record's file in `heatwatch show`, and `heatwatch diff OLD NEW`.

use std::path::{Path, PathBuf};

use clap::Parser;
use heatwatch::cli::Cli;
use serde_json::{Value, json};

use crate::common;

use common::{Run, run_heatwatch};

fn heatwatch(args: &[&str]) -> Run {
    let run = run_heatwatch(args, &[]);
    common::assert_no_escapes(args, &run);
    run
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write_json(path: &Path, v: &Value) -> String {
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A county file (the project's minimal fixture) and an imported HSDS file, in `dir`.
fn two_files(dir: &Path) -> (String, String) {
    let county = write_json(
        &dir.join("county.json"),
        &read_json(&repo("tests/fixtures/minimal.json")),
    );
    let imported = dir.join("imported.json");
    let run = heatwatch(&[
        "import",
        "hsds",
        repo("tests/fixtures/hsds/crafted/services.json")
            .to_str()
            .unwrap(),
        "-o",
        imported.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (county, imported.to_str().unwrap().to_owned())
}

fn hotline_ids(v: &Value) -> Vec<String> {
    v["hotlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect()
}

// --- layering --------------------------------------------------------------------------

#[test]
fn two_files_are_layered_in_order_and_each_record_remembers_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (county, imported) = two_files(tmp.path());
    let base = ["--data", county.as_str(), "--data", imported.as_str()];
    let with = |args: &[&str]| {
        let mut all = base.to_vec();
        all.extend_from_slice(args);
        let run = heatwatch(&all);
        assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
        run
    };

    let hotlines = with(&["hotlines", "--json"]).json();
    assert_eq!(hotline_ids(&hotlines), ["test-line", "crafted-hotline"]);
    // The first file gives the emergency number and the as-of date.
    let first = read_json(Path::new(&county));
    assert_eq!(
        hotlines["emergency"]["phone"],
        first["directory"]["emergency_number"]
    );
    assert_eq!(hotlines["as_of"], first["directory"]["retrieved"]);

    // Every command sees both files.
    let found = with(&["search", "legal", "clinic"]).stdout;
    assert!(
        found.starts_with("service: Harbor Legal Clinic — (555) 555-0110 ext. 12"),
        "{found}"
    );
    with(&["roles", "--json"]);
    with(&["export", "--format", "markdown"]);

    // show says which file a record came from.
    let shown = with(&["show", "crafted-legal"]).stdout;
    assert!(shown.contains(&format!("From file: {imported}")), "{shown}");
    let shown = with(&["show", "test-line", "--json"]).json();
    assert_eq!(shown["provenance"]["origin"], county.as_str());
    // The imported file's source resolves after layering.
    assert_eq!(
        with(&["show", "crafted-legal", "--json"]).json()["provenance"]["sources"][0]["title"],
        "services.json"
    );

    // The app loads the same directory (lib.rs load_directory).
    let cli = Cli::try_parse_from(["heatwatch", "--data", &county, "--data", &imported]).unwrap();
    let dir = heatwatch::load_directory(&cli).unwrap();
    assert_eq!(dir.hotlines.len(), 2);
    assert_eq!(dir.layers.len(), 2);
    let legal = dir.find("crafted-legal").unwrap();
    assert_eq!(dir.origin_of(legal), Some(imported.as_str()));
}

#[test]
fn a_colliding_id_is_an_error_naming_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (county, _) = two_files(tmp.path());
    let copy = write_json(
        &tmp.path().join("county-copy.json"),
        &read_json(Path::new(&county)),
    );
    for cmd in [
        &["hotlines"][..],
        &["search", "tip"],
        &["show", "test-line"],
    ] {
        let mut args = vec!["--data", county.as_str(), "--data", copy.as_str()];
        args.extend_from_slice(cmd);
        let run = heatwatch(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        for needle in [
            county.as_str(),
            copy.as_str(),
            "\"test-line\" is hotlines[0] in",
            "\"test-role\"",
            "\"test-action\" is roles[0].actions[0]",
            "3 ids are used in more than one file",
        ] {
            assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
        }
    }
    // A file of the layer that cannot be used is named as before.
    let run = heatwatch(&[
        "--data",
        &county,
        "--data",
        "tests/fixtures/errors/bad-phone.json",
        "hotlines",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("bad-phone.json is not a usable directory file"),
        "{}",
        run.stderr
    );
}

#[test]
fn with_embedded_layers_the_built_in_directory_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, imported) = two_files(tmp.path());
    let run = heatwatch(&["--with-embedded", "--data", &imported, "hotlines", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(
        hotline_ids(&v),
        [
            "national-hotline",
            "heat-watch-tip-line",
            "emergency-911",
            "crafted-hotline"
        ]
    );
    assert_eq!(v["emergency"]["phone"], "911");
    assert_eq!(v["as_of"], "2026-12-04");

    let run = heatwatch(&[
        "--with-embedded",
        "--data",
        &imported,
        "show",
        "national-hotline",
    ]);
    assert!(
        run.stdout.contains("From file: built-in directory"),
        "{}",
        run.stdout
    );
    let run = heatwatch(&[
        "--with-embedded",
        "--data",
        &imported,
        "search",
        "harbor counselling",
    ]);
    assert!(
        run.stdout
            .starts_with("service: Harbor Counselling — (555) 555-0130"),
        "{}",
        run.stdout
    );
    // Roles and the program still come from the embedded directory.
    let run = heatwatch(&["--with-embedded", "--data", &imported, "roles", "--json"]);
    assert_eq!(run.json().as_array().unwrap().len(), 4);

    // --with-embedded alone is the embedded directory.
    let run = heatwatch(&["--with-embedded", "hotlines", "--json"]);
    assert_eq!(hotline_ids(&run.json()).len(), 3);

    // The embedded directory's ids collide with a county file of the same roles.
    let run = heatwatch(&[
        "--with-embedded",
        "--data",
        "tests/fixtures/doc_example.json",
        "roles",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("\"community-member\" is roles[0] in built-in directory and roles[0] in tests/fixtures/doc_example.json"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_programs_cannot_be_layered_and_taken_source_ids_are_renamed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut with_program = read_json(&repo("tests/fixtures/minimal.json"));
    with_program["program"] = json!({
        "id": "other-program", "name": "Other Program", "summary": "Another program.",
        "source": ["test-source"], "retrieved": "2026-01-15"
    });
    let file = write_json(&tmp.path().join("program.json"), &with_program);
    let run = heatwatch(&["--with-embedded", "--data", &file, "roles"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("both describe a program"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("built-in directory"), "{}", run.stderr);

    // Two files each with a source "test-source", different: the second is renamed,
    // and its records still show their own source.
    let first = write_json(
        &tmp.path().join("first.json"),
        &read_json(&repo("tests/fixtures/minimal.json")),
    );
    let mut second = read_json(&repo("tests/fixtures/minimal.json"));
    second["directory"]["sources"][0]["title"] = json!("The second file's own source");
    second["hotlines"][0]["id"] = json!("second-line");
    second["roles"][0]["id"] = json!("second-role");
    second["roles"][0]["actions"][0]["id"] = json!("second-action");
    second["roles"][0]["actions"][0]["hotlines"] = json!(["second-line"]);
    let second = write_json(&tmp.path().join("second.json"), &second);
    let run = heatwatch(&[
        "--data",
        &first,
        "--data",
        &second,
        "show",
        "second-line",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let source = &run.json()["provenance"]["sources"][0];
    assert_eq!(source["id"], "test-source~2");
    assert_eq!(source["title"], "The second file's own source");
    // An action's hotlines point into its own file's hotlines after layering.
    let run = heatwatch(&[
        "--data",
        &first,
        "--data",
        &second,
        "show",
        "second-action",
        "--json",
    ]);
    assert_eq!(run.json()["hotlines"][0]["id"], "second-line");
}

// --- diff ------------------------------------------------------------------------------

#[test]
fn diff_lists_added_removed_and_changed_with_phone_numbers_first() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, old) = two_files(tmp.path());
    let mut v = read_json(Path::new(&old));
    let services = v["services"].as_array_mut().unwrap();
    // Removed: the meals service.
    services.retain(|s| s["id"] != "crafted-meals");
    for s in services.iter_mut() {
        match s["id"].as_str().unwrap() {
            // A new number.
            "crafted-legal" => s["phones"][0]["number"] = json!("(555) 555-0119"),
            // New words only.
            "crafted-monthly" => s["description"] = json!("Health checks and vaccinations."),
            _ => {}
        }
        // A new retrieved date alone is no change.
        s["retrieved"] = json!("2027-01-01");
    }
    // Added: one service.
    services.push(json!({
        "id": "crafted-new", "name": "Harbor Night Bus", "description": "Rides home.",
        "source": ["hsds-services-json"], "retrieved": "2027-01-01"
    }));
    // A hotline's text number, and a number slipped into its purpose.
    v["hotlines"][0]["text"] = json!("555-555-0109");
    v["hotlines"][0]["purpose"] = json!(
        "Confidential help for survivors of human trafficking. In danger, call 1 (510) 555-0199."
    );
    // The safety line sends people to another number than 911 (review F7): only the
    // free text changed, no number field.
    v["directory"]["safety_line"] = json!("If this is an emergency, call 1 (510) 555-0199.");
    let new = write_json(&tmp.path().join("new.json"), &v);

    let run = heatwatch(&["diff", &old, &new]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = run
        .stdout
        .replace(&format!("{}/", tmp.path().display()), "");
    insta::with_settings!({snapshot_path => "../fixtures/hsds/golden", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("diff", out);
    });
    let phones = out.find("Phone numbers changed (3)").unwrap();
    let added = out.find("Added (1)").unwrap();
    let removed = out.find("Removed (1)").unwrap();
    let changed = out.find("Changed (1)").unwrap();
    assert!(
        phones < added && added < removed && removed < changed,
        "{out}"
    );
    assert!(out.contains("was: (555) 555-0110 ext. 12"), "{out}");
    assert!(out.contains("now: (555) 555-0119 ext. 12"), "{out}");
    // The number in the safety line, among the phone changes, before anything else.
    let safety = out
        .find("numbers written in safety_line:\n        was: 911\n        now: 1 (510) 555-0199\n")
        .unwrap_or_else(|| panic!("{out}"));
    assert!(phones < safety && safety < added, "{out}");
    assert!(
        out.contains(
            "numbers written in purpose:\n        was: none\n        now: 1 (510) 555-0199\n"
        ),
        "{out}"
    );
    // Every changed field with its old and new value, whole, each on its own line.
    assert!(
        out.contains(
            "      safety_line:\n        old: If this is an emergency, call 911.\n        new: If this is an emergency, call 1 (510) 555-0199.\n"
        ),
        "{out}"
    );
    let monthly = out.find("  ~ service crafted-monthly").unwrap();
    assert!(changed < monthly, "{out}");
    assert!(
        out[monthly..].contains("      description:\n        old: ")
            && out[monthly..].contains("\n        new: Health checks and vaccinations.\n"),
        "{out}"
    );
    assert!(
        out.ends_with("1 added, 1 removed, 4 changed (3 with new phone numbers).\n"),
        "{out}"
    );
    // --exit-code: 1 when the files differ, as `git diff --exit-code`.
    let run = heatwatch(&["diff", "--exit-code", &old, &new]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("Phone numbers changed (3)"));

    // The same file: nothing.
    let run = heatwatch(&["diff", &old, &old]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .ends_with("0 added, 0 removed, 0 changed (0 with new phone numbers).\n")
    );
    let run = heatwatch(&["diff", "--exit-code", &old, &old]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The embedded data against itself, by path.
    let run = heatwatch(&["diff", "data/directory.json", "data/directory.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // A file that cannot be used.
    let run = heatwatch(&["diff", &old, "tests/fixtures/errors/syntax.json"]);
    assert_eq!(run.code, 2);
    let bad = heatwatch(&[
        "diff",
        "--exit-code",
        &old,
        "tests/fixtures/errors/syntax.json",
    ]);
    assert_eq!(bad.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("syntax.json is not a usable directory file"),
        "{}",
        run.stderr
    );
}

// --- check summary ---------------------------------------------------------------------

#[test]
fn check_says_how_many_records_are_unverified_for_over_a_year() {
    let run = heatwatch(&["check", "tests/fixtures/stale.json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let stale = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning:") && !l.contains("future"))
        .count();
    let valid = run
        .stdout
        .lines()
        .find(|l| l.contains(": valid — "))
        .unwrap();
    let total: usize = valid
        .split(": valid — ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.starts_with(&format!(
            "{stale} of {total} records unverified for over a year; "
        )),
        "{last}"
    );
    assert!(last.ends_with(" never verified."), "{last}");

    let run = heatwatch(&["check", "data/directory.json", "--stale-days", "100000"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap();
    assert!(last.starts_with("0 of "), "{last}");
    assert!(last.contains("unverified for over 100000 days"), "{last}");
}
