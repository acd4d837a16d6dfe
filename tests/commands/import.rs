#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! `heatwatch import hsds`: every HSDS fixture imports into a file that `heatwatch check`
//! accepts and `--data` opens; golden files pin the conversion (hours, phone kinds and
//! extensions, inactive services, hidden addresses, the taxonomy map, the report) and
//! every kind of malformed input ends with an error naming the file, row and column.
//!
//! The fixtures under tests/fixtures/hsds/ are described in its README.md; the golden
//! files are insta snapshots in tests/fixtures/hsds/golden/ (`cargo insta review`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use heatwatch::clock::FixedClock;
use heatwatch::directory::load;
use heatwatch::import::{HsdsOptions, Report, WeekdayOne, import_hsds};
use jiff::civil::date;
use serde_json::Value;

use crate::common;

use common::{Run, run_heatwatch};

fn heatwatch(args: &[&str]) -> Run {
    let run = run_heatwatch(args, &[]);
    common::assert_no_escapes(args, &run);
    run
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hsds")
        .join(rel)
}

fn args(rel: &str) -> HsdsOptions {
    HsdsOptions {
        path: fixture(rel),
        map: None,
        country: "US".to_owned(),
        emergency_number: None,
        hide_addresses: false,
        include_inactive: false,
        weekday_one: None,
        name: None,
        region: None,
    }
}

const TODAY: FixedClock = FixedClock(date(2026, 11, 27));

/// Imports with the library and a fixed clock; the result as JSON, checked by the loader.
fn import(a: &HsdsOptions) -> (Value, Report) {
    let (raw, report) = import_hsds(a, &TODAY).unwrap_or_else(|e| panic!("{e}"));
    let text = serde_json::to_string_pretty(&raw).unwrap();
    load::from_bytes(text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"));
    (serde_json::from_str(&text).unwrap(), report)
}

/// An insta snapshot kept with the HSDS fixtures.
fn golden(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../fixtures/hsds/golden");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

fn record<'a>(dir: &'a Value, id: &str) -> &'a Value {
    dir["services"]
        .as_array()
        .unwrap()
        .iter()
        .chain(dir["hotlines"].as_array().unwrap())
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

fn ids(dir: &Value, section: &str) -> Vec<String> {
    dir[section]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

// --- every fixture ---------------------------------------------------------------------

/// Each fixture, a service in it, and that service's first number as search prints it.
const FIXTURES: &[(&str, &str, Option<&str>)] = &[
    (
        "v3.0-examples/service_full.json",
        "Community Counselling",
        Some("+44 1234 234567 ext. 100"),
    ),
    (
        "v3.0-examples/service_list.json",
        "Community Counselling",
        None,
    ),
    (
        "v3.0-examples/organization_full.json",
        "Community Counselling",
        Some("+44 1234 234567 ext. 100"),
    ),
    (
        "v3.0-examples/service_at_location_full.json",
        "Community Counselling",
        Some("+44 1234 234567 ext. 100"),
    ),
    (
        "v3.0-examples/csv",
        "Community Counselling",
        Some("+44 1234 234567 ext. 100"),
    ),
    (
        "v1.1-sample/all_resources",
        "Bubbles at The Cross",
        Some("(223) 4567 12534"),
    ),
    (
        "v1.1-sample/simple",
        "Bubbles at The Cross",
        Some("(223) 4567 12534"),
    ),
    (
        "crafted/services.json",
        "Harbor Legal Clinic",
        Some("(555) 555-0110 ext. 12"),
    ),
    (
        "crafted/extra-columns",
        "Bayside Night Shelter",
        Some("555-555-0170 ext. 21"),
    ),
];

#[test]
fn every_fixture_imports_passes_check_and_is_found_with_its_number() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, (rel, name, number)) in FIXTURES.iter().enumerate() {
        let out = tmp.path().join(format!("out-{i}.json"));
        let out_s = out.to_str().unwrap();
        let path = fixture(rel);
        let run = heatwatch(&["import", "hsds", path.to_str().unwrap(), "-o", out_s]);
        assert_eq!(run.code, 0, "{rel}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{rel}: -o writes nothing to stdout");
        assert!(run.stderr.starts_with("Read "), "{rel}: {}", run.stderr);
        assert!(run.stderr.contains("Wrote "), "{rel}: {}", run.stderr);

        let check = heatwatch(&["check", out_s]);
        assert_eq!(check.code, 0, "{rel}: {}", check.stdout);
        assert!(
            check.stdout.contains(": valid — "),
            "{rel}: {}",
            check.stdout
        );

        let search = heatwatch(&["--data", out_s, "search", name]);
        assert_eq!(search.code, 0, "{rel}: {}", search.stderr);
        let first = search.stdout.lines().next().unwrap();
        assert!(first.contains(name), "{rel}: {}", search.stdout);
        match number {
            Some(n) => assert!(first.contains(&format!(" — {n} [")), "{rel}: {first}"),
            None => assert!(!first.contains(" — "), "{rel}: {first}"),
        }
    }
}

#[test]
fn without_an_output_file_the_directory_goes_to_stdout_and_the_report_to_stderr() {
    let run = heatwatch(&[
        "import",
        "hsds",
        fixture("v3.0-examples/service_full.json").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert!(run.stderr.contains("Read 1 service from service_full.json"));
    assert!(!run.stderr.contains("Wrote"));
}

#[test]
fn dialable_forms_come_from_the_country() {
    let (v, _) = import(&args("v3.0-examples/service_full.json"));
    let dir = load::from_bytes(v.to_string().as_bytes()).unwrap();
    let phone = &dir.services[0].phones[0].phone;
    assert_eq!(phone.number, "+44 1234 234567", "wrapping quotes removed");
    assert_eq!(phone.extension.as_deref(), Some("100"));
    assert_eq!(phone.uri.as_deref(), Some("tel:+441234234567;ext=100"));

    let (v, _) = import(&args("crafted/services.json"));
    let dir = load::from_bytes(v.to_string().as_bytes()).unwrap();
    let legal = dir
        .services
        .iter()
        .find(|s| s.id == "crafted-legal")
        .unwrap();
    let uris: Vec<Option<&str>> = legal
        .phones
        .iter()
        .map(|p| p.phone.uri.as_deref())
        .collect();
    assert_eq!(
        uris[..2],
        [
            Some("tel:+15555550110;ext=12"),
            Some("tel:+15555550111;ext=7")
        ]
    );
    // With another country, ten digits are not dialable: no country code is guessed.
    let mut gb = args("crafted/services.json");
    gb.country = "gb".to_owned();
    let (v, _) = import(&gb);
    assert_eq!(v["directory"]["country"], "GB");
    assert_eq!(v["directory"]["emergency_number"], "999");
    let dir = load::from_bytes(v.to_string().as_bytes()).unwrap();
    let legal = dir
        .services
        .iter()
        .find(|s| s.id == "crafted-legal")
        .unwrap();
    assert_eq!(legal.phones[0].phone.uri, None);
}

// --- golden files ----------------------------------------------------------------------

#[test]
fn crafted_services_golden() {
    let (v, report) = import(&args("crafted/services.json"));
    golden(
        "crafted_services.json",
        &serde_json::to_string_pretty(&v).unwrap(),
    );
    golden("crafted_services_report", &report.to_string());
}

#[test]
fn v1_1_all_resources_golden() {
    let mut a = args("v1.1-sample/all_resources");
    a.weekday_one = Some(WeekdayOne::Monday);
    let (v, report) = import(&a);
    golden(
        "v1_1_all_resources.json",
        &serde_json::to_string_pretty(&v).unwrap(),
    );
    golden("v1_1_all_resources_report", &report.to_string());
}

#[test]
fn v3_0_service_full_golden() {
    let (v, report) = import(&args("v3.0-examples/service_full.json"));
    golden(
        "v3_0_service_full.json",
        &serde_json::to_string_pretty(&v).unwrap(),
    );
    golden("v3_0_service_full_report", &report.to_string());
}

#[test]
fn hours_are_rendered_only_where_the_schedule_says_them_exactly() {
    let (v, report) = import(&args("crafted/services.json"));
    let hours = |id: &str| record(&v, id)["hours"].clone();
    // 24/7 for every day 00:00–23:59.
    assert_eq!(hours("crafted-hotline"), "24/7");
    // Weekly rows grouped, with the schedule's notes after.
    assert_eq!(
        hours("crafted-legal"),
        "Mon–Fri 9:00–17:00; Sat 10:00–14:00. Saturday mornings are for walk-ins."
    );
    // A monthly rule is not rendered: the source's own words instead.
    assert_eq!(
        hours("crafted-monthly"),
        "Second Saturday of each month, 9am to noon."
    );
    // Two locations, each named.
    assert_eq!(
        hours("crafted-two-sites"),
        "Harbor North: Mon 9:00–17:00; Harbor South: Tue 10:00–12:00"
    );
    assert_eq!(record(&v, "crafted-meals").get("hours"), None);
    assert_eq!(
        (
            report.hours_rendered,
            report.hours_from_text,
            report.hours_left_out
        ),
        (3, 1, 0)
    );

    // HSDS 1.1 weekday numbers: only when told what 1 is.
    let (v, report) = import(&args("v1.1-sample/all_resources"));
    let never_homeless = "c89eb05c-62dd-4b64-b494-0cc347b6ea7f";
    assert_eq!(record(&v, never_homeless).get("hours"), None);
    assert_eq!(report.weekday_numbers, 1);
    assert!(report.to_string().contains("--weekday-one"), "{report}");
    for (day, want) in [
        (
            WeekdayOne::Monday,
            "Mon–Wed 9:00–17:00; closed 2019-12-24 to 2019-12-26",
        ),
        (
            WeekdayOne::Sunday,
            "Mon–Tue, Sun 9:00–17:00; closed 2019-12-24 to 2019-12-26",
        ),
    ] {
        let mut a = args("v1.1-sample/all_resources");
        a.weekday_one = Some(day);
        let (v, _) = import(&a);
        assert_eq!(record(&v, never_homeless)["hours"], want, "{day:?}");
    }
    // Weekday names need no telling; overnight hours are written as they are.
    let (v, _) = import(&args("crafted/extra-columns"));
    assert_eq!(record(&v, "ec-1")["hours"], "Mon–Tue 20:00–8:00");
    assert_eq!(record(&v, "ec-2").get("hours"), None);
    // The 3.0 example's schedule has week numbers, a count and an until date: its words.
    let (v, _) = import(&args("v3.0-examples/csv"));
    assert!(
        record(&v, "ac148810-d857-441c-9679-408f346de14b")["hours"]
            .as_str()
            .unwrap()
            .starts_with("The service is available from 10 am to 6pm weekdays.")
    );
}

#[test]
fn phone_kinds_extensions_and_numbers_that_are_not_numbers() {
    let (v, report) = import(&args("crafted/services.json"));
    let legal = record(&v, "crafted-legal");
    golden(
        "crafted_legal_phones.json",
        &serde_json::to_string_pretty(&legal["phones"]).unwrap(),
    );
    let phones = legal["phones"].as_array().unwrap();
    // The repeated phone (same id) is kept once; cell is a voice line.
    assert_eq!(phones.len(), 4);
    assert_eq!(phones[1]["kind"], "voice");
    // Fax is kept, as fax.
    assert_eq!(phones[3]["kind"], "fax");
    let description = legal["description"].as_str().unwrap();
    // Nothing is dropped silently: the vanity number, the video line and the wordy
    // extension are in the text, as written, and counted.
    for kept in [
        "555-CALL-NOW (Vanity number)",
        "Video line (as written in the source): (555) 555-0113",
        "as written in the source: ask for Maria",
        "Web address as written in the source: not a web address",
    ] {
        assert!(description.contains(kept), "{kept}: {description}");
    }
    assert_eq!(report.numbers_as_text, 1);
    assert_eq!(report.extensions_as_text, 1);
    assert_eq!(report.phone_types_as_text, 1);
    assert_eq!(report.addresses_as_text, 1);

    // The hotline: voice, text and TTY lines in their places; the fax only as a note.
    let line = record(&v, "crafted-hotline");
    assert_eq!(line["phone"], "(555) 555-0100");
    assert_eq!(line["text"], "555-555-0101");
    assert_eq!(line["tty"], "555-555-0102");
    assert_eq!(line["notes"][0], "Fax (not for calls): 555-555-0103");
    // 1.1 textphone lines are TTY lines.
    let (v, _) = import(&args("v1.1-sample/all_resources"));
    let kinds: Vec<&str> = record(&v, "62e95523-07b9-4d1b-9bcf-6cea6e2be5d8")["phones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["voice", "tty"]);
}

#[test]
fn inactive_services_are_skipped_unless_asked_for_and_then_marked() {
    let (v, report) = import(&args("crafted/services.json"));
    let services = ids(&v, "services");
    for gone in [
        "crafted-pantry-inactive",
        "crafted-shelter-defunct",
        "crafted-closed",
        "crafted-no-status",
    ] {
        assert!(!services.contains(&gone.to_owned()), "{gone}");
    }
    assert_eq!(report.skipped["inactive"], 1);
    assert_eq!(report.skipped["defunct"], 1);
    assert_eq!(report.skipped["temporarily closed"], 1);
    assert_eq!(report.skipped["status not given"], 1);
    assert_eq!(report.skipped["no name"], 1);
    assert_eq!(report.skipped["id given twice (first kept)"], 1);

    let mut a = args("crafted/services.json");
    a.include_inactive = true;
    let (v, report) = import(&a);
    assert_eq!(report.inactive_kept, 4);
    for (id, name, mark) in [
        (
            "crafted-pantry-inactive",
            "Harbor Food Pantry (inactive)",
            "inactive",
        ),
        (
            "crafted-shelter-defunct",
            "Old Harbor Shelter (defunct)",
            "defunct",
        ),
        (
            "crafted-closed",
            "Harbor Drop-in (temporarily closed)",
            "temporarily closed",
        ),
        (
            "crafted-no-status",
            "Harbor Mystery Service (status not given)",
            "status not given",
        ),
    ] {
        let r = record(&v, id);
        assert_eq!(r["name"], name);
        assert!(
            r["tags"].as_array().unwrap().contains(&Value::from(mark)),
            "{id}: {r}"
        );
        assert!(
            r["description"]
                .as_str()
                .unwrap()
                .starts_with(&format!("Status in the source: {mark}")),
            "{id}: {r}"
        );
    }
    // The binary says so too.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("all.json");
    let run = heatwatch(&[
        "import",
        "hsds",
        fixture("crafted/services.json").to_str().unwrap(),
        "--include-inactive",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Kept 4 services that are not active"),
        "{}",
        run.stderr
    );
    let search = heatwatch(&["--data", out.to_str().unwrap(), "search", "food pantry"]);
    assert!(
        search
            .stdout
            .starts_with("service: Harbor Food Pantry (inactive)"),
        "{}",
        search.stdout
    );
}

#[test]
fn hide_addresses_leaves_out_every_trace_of_where() {
    let mut a = args("crafted/services.json");
    a.hide_addresses = true;
    let (v, report) = import(&a);
    let text = v.to_string();
    for place in [
        "Example Street",
        "North Road",
        "Harbor North",
        "Harborview",
        "Bayside",
        "Bus 5",
        "above the library",
        "\"address\"",
    ] {
        assert!(!text.contains(place), "{place} is in the output");
    }
    // Hours per location would name the locations: left out, and counted.
    assert_eq!(record(&v, "crafted-two-sites").get("hours"), None);
    assert_eq!(report.hours_left_out, 1);
    // Numbers and everything else stay.
    assert_eq!(
        record(&v, "crafted-two-sites")["phones"][0]["number"],
        "(555) 555-0130"
    );
    assert!(
        v["directory"]["sources"][0]["note"]
            .as_str()
            .unwrap()
            .contains("--hide-addresses")
    );
    // Without the option, the addresses are there.
    let (v, _) = import(&args("crafted/services.json"));
    assert_eq!(
        record(&v, "crafted-legal")["address"],
        "12 Example Street, Harborview, CA 90000, US"
    );
}

#[test]
fn the_taxonomy_map_decides_hotlines_and_adds_tags() {
    // The built-in rule: a term named for trafficking hotlines.
    let (v, report) = import(&args("crafted/services.json"));
    assert_eq!(ids(&v, "hotlines"), ["crafted-hotline"]);
    assert_eq!(report.hotlines, 1);

    // A map file: its own rules instead (default_rules: false).
    let mut a = args("crafted/services.json");
    a.map = Some(fixture("crafted/map.json"));
    let (v, _) = import(&a);
    assert_eq!(ids(&v, "hotlines"), ["crafted-hotline", "crafted-legal"]);
    let legal = record(&v, "crafted-legal");
    assert_eq!(legal["phone"], "(555) 555-0110");
    assert_eq!(legal["extension"], "12");
    assert_eq!(
        legal["purpose"],
        "Free legal advice on immigration and labour rights. • Visas • Unpaid wages"
    );
    assert_eq!(
        record(&v, "crafted-hotline")["tags"],
        serde_json::json!(["Human Trafficking Hotlines", "trafficking"])
    );
    assert_eq!(
        record(&v, "crafted-meals")["tags"],
        serde_json::json!(["Soup Kitchens", "food", "meals"])
    );
    golden(
        "crafted_with_map_hotlines.json",
        &serde_json::to_string_pretty(&v["hotlines"]).unwrap(),
    );

    // A map that turns the built-in rule off and matches nothing: no hotlines.
    let tmp = tempfile::tempdir().unwrap();
    let off = tmp.path().join("off.json");
    std::fs::write(&off, r#"{"default_rules": false}"#).unwrap();
    let mut a = args("crafted/services.json");
    a.map = Some(off);
    let (v, _) = import(&a);
    assert!(ids(&v, "hotlines").is_empty());
    assert!(ids(&v, "services").contains(&"crafted-hotline".to_owned()));

    // A hotline with no voice number stays a service, said so.
    let no_voice = tmp.path().join("no-voice.json");
    std::fs::write(
        &no_voice,
        r#"{"id": "nv", "name": "Trafficking Text Line", "status": "active",
            "phones": [{"number": "555-555-0190", "type": "text"}],
            "attributes": [{"taxonomy_term": {"name": "Human Trafficking Hotlines"}}]}"#,
    )
    .unwrap();
    let mut a = args("x");
    a.path = no_voice;
    let (v, report) = import(&a);
    assert!(ids(&v, "hotlines").is_empty());
    assert_eq!(report.hotlines_without_number, 1);
    assert_eq!(record(&v, "nv")["phones"][0]["kind"], "text");

    // A trafficking hotline that is not active is never among the numbers to call: with
    // --include-inactive it is a service, marked.
    let inactive = tmp.path().join("inactive-line.json");
    std::fs::write(
        &inactive,
        r#"{"id": "old-line", "name": "Old Trafficking Hotline", "status": "defunct",
            "phones": [{"number": "555-555-0191"}],
            "attributes": [{"taxonomy_term": {"name": "Human Trafficking Hotlines"}}]}"#,
    )
    .unwrap();
    let mut a = args("x");
    a.path = inactive;
    a.include_inactive = true;
    let (v, _) = import(&a);
    assert!(ids(&v, "hotlines").is_empty());
    assert_eq!(
        record(&v, "old-line")["name"],
        "Old Trafficking Hotline (defunct)"
    );
}

#[test]
fn unknown_columns_files_and_fields_are_reported() {
    let run = heatwatch(&[
        "import",
        "hsds",
        fixture("crafted/extra-columns").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("Unknown columns ignored in services.csv: favourite_colour."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Files ignored (not HSDS tables): notes.csv."),
        "{}",
        run.stderr
    );
    let (_, report) = import(&args("crafted/services.json"));
    assert_eq!(report.unknown_fields["service.favourite_colour"], 1);
    let (_, report) = import(&args("v3.0-examples/service_list.json"));
    assert!(
        report.notes.iter().any(|n| n.contains("page 1 of 10")),
        "{:?}",
        report.notes
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = args("v3.0-examples/csv");
    let (one, _) = import(&a);
    let (two, _) = import(&a);
    assert_eq!(one, two);
    assert_eq!(one["directory"]["retrieved"], "2026-11-27");
    assert_eq!(one["services"][0]["retrieved"], "2026-11-27");
    assert_eq!(one["services"][0]["verified"], "2005-01-01");
}

// --- malformed input -------------------------------------------------------------------

#[test]
fn malformed_input_ends_with_an_error_naming_file_row_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let bad_map = tmp.path().join("bad-map.json");
    std::fs::write(
        &bad_map,
        r#"{"rules": [{"match": {"colour": "red"}, "hotline": true}]}"#,
    )
    .unwrap();
    let f = |rel: &str| fixture(rel).to_str().unwrap().to_owned();
    let cases: Vec<(&str, Vec<String>, &[&str])> = vec![
        (
            "missing required column",
            vec![f("crafted/missing-column")],
            &["services.csv, row 1, column \"name\"", "required column"],
        ),
        (
            "broken CSV quote",
            vec![f("crafted/broken-quote")],
            &["services.csv, row 3, column \"name\"", "never closed"],
        ),
        (
            "unknown HSDS version (data package)",
            vec![f("crafted/unknown-version")],
            &["datapackage.json, at version", "\"4.0\""],
        ),
        (
            "unknown HSDS version (JSON)",
            vec![f("crafted/unknown-version.json")],
            &["unknown-version.json, at version", "\"4.0\""],
        ),
        (
            "mixed versions",
            vec![f("crafted/mixed-versions")],
            &["addresses.csv", "regular_schedules.csv"],
        ),
        (
            "JSON syntax",
            vec![f("crafted/bad-syntax.json")],
            &["bad-syntax.json, line 4, column"],
        ),
        (
            "wrong type",
            vec![f("crafted/wrong-type.json")],
            &["wrong-type.json, at phones: expected a list"],
        ),
        (
            "no services",
            vec![f("v3.0-examples/organization_list.json")],
            &["organization_list.json: no services found"],
        ),
        (
            "one CSV file",
            vec![f("v1.1-sample/simple/services.csv")],
            &["services.csv: give the folder"],
        ),
        (
            "missing input",
            vec![f("crafted/no-such-file.json")],
            &["no-such-file.json: cannot be read"],
        ),
        (
            "bad map",
            vec![
                f("crafted/services.json"),
                "--map".to_owned(),
                bad_map.to_str().unwrap().to_owned(),
            ],
            &["bad-map.json", "unknown field `colour`"],
        ),
        (
            "unknown emergency number",
            vec![
                f("crafted/services.json"),
                "--country".to_owned(),
                "ZZ".to_owned(),
            ],
            &["--emergency-number"],
        ),
        (
            "bad country",
            vec![
                f("crafted/services.json"),
                "--country".to_owned(),
                "USA".to_owned(),
            ],
            &["not a two-letter"],
        ),
    ];
    let mut all = String::new();
    for (what, extra, needles) in &cases {
        let mut a = vec!["import", "hsds"];
        a.extend(extra.iter().map(String::as_str));
        let run = heatwatch(&a);
        assert_eq!(run.code, 2, "{what}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{what}: {}", run.stdout);
        assert_eq!(run.stderr.lines().count(), 1, "{what}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("heatwatch import: "),
            "{what}: {}",
            run.stderr
        );
        for n in *needles {
            assert!(run.stderr.contains(n), "{what}: {n}: {}", run.stderr);
        }
        // Absolute paths differ between machines: keep the file names only.
        let line = run
            .stderr
            .replace(&format!("{}/", fixture("").display()), "")
            .replace(&format!("{}/", tmp.path().display()), "");
        writeln!(all, "{what}: {}", line.trim_end()).unwrap();
    }
    golden("malformed_errors", &all);
}

// --- a large package -------------------------------------------------------------------

/// Writes a fictional HSDS 3.0 data package of `n` services (555-01xx numbers).
fn generate_package(dir: &Path, n: usize) {
    let mut services = String::from("id,organization_id,name,description,status,email\n");
    let mut orgs = String::from("id,name,description\n");
    let mut phones = String::from("id,service_id,number,extension,type\n");
    let mut schedules = String::from("id,service_id,freq,byday,opens_at,closes_at,description\n");
    let mut sal = String::from("id,service_id,location_id\n");
    let mut locations = String::from("id,location_type,name\n");
    let mut addresses = String::from(
        "id,location_id,address_1,city,state_province,postal_code,country,address_type\n",
    );
    for i in 0..n {
        let org = i / 10;
        if i % 10 == 0 {
            writeln!(
                orgs,
                "org-{org},Generated Org {org},\"A fictional organisation, number {org}.\""
            )
            .unwrap();
        }
        let status = if i % 50 == 0 { "inactive" } else { "active" };
        writeln!(
            services,
            "svc-{i},org-{org},Generated Service {i},\"Fictional service {i}, for load tests.\",{status},svc{i}@example.org"
        )
        .unwrap();
        writeln!(
            phones,
            "ph-{i},svc-{i},(555) 555-01{:02},{},voice",
            i % 100,
            i % 7
        )
        .unwrap();
        writeln!(
            schedules,
            "sc-{i},svc-{i},WEEKLY,\"MO,TU,WE,TH,FR\",09:00,17:00,Weekdays"
        )
        .unwrap();
        writeln!(sal, "sal-{i},svc-{i},loc-{i}").unwrap();
        writeln!(locations, "loc-{i},physical,Site {i}").unwrap();
        writeln!(
            addresses,
            "ad-{i},loc-{i},{i} Example Street,Example City,CA,90000,US,physical"
        )
        .unwrap();
    }
    for (name, text) in [
        ("services.csv", services),
        ("organizations.csv", orgs),
        ("phones.csv", phones),
        ("schedules.csv", schedules),
        ("service_at_location.csv", sal),
        ("locations.csv", locations),
        ("addresses.csv", addresses),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    std::fs::write(
        dir.join("datapackage.json"),
        r#"{"name": "human_services_data", "version": "3.0.0", "title": "Generated (fictional)"}"#,
    )
    .unwrap();
}

#[test]
fn a_generated_ten_thousand_service_package_imports() {
    let tmp = tempfile::tempdir().unwrap();
    generate_package(tmp.path(), 10_000);
    let mut a = args("x");
    a.path = tmp.path().to_path_buf();
    let (v, report) = import(&a);
    assert_eq!(report.read, 10_000);
    assert_eq!(report.skipped["inactive"], 200);
    assert_eq!(report.services, 9_800);
    assert_eq!(report.hours_rendered, 9_800);
    let s = record(&v, "svc-9999");
    assert_eq!(s["hours"], "Mon–Fri 9:00–17:00");
    assert_eq!(s["phones"][0]["number"], "(555) 555-0199");
    assert_eq!(
        s["address"],
        "9999 Example Street, Example City, CA 90000, US"
    );
}

// --- structured schedules and the time zone ---------------------------------------------

/// Loads an imported directory, as the app would.
fn loaded(v: &Value) -> heatwatch::directory::Directory {
    load::from_bytes(v.to_string().as_bytes()).unwrap()
}

fn at(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn structured_schedules_only_where_the_hours_are_exact_and_the_time_zone_only_where_stated() {
    use heatwatch::filter::{Openness, openness};

    // Exact weekly hours and 24/7 get a schedule; two locations, a monthly rule and no
    // schedule at all do not. No schedule states a zone: no time_zone.
    let (v, report) = import(&args("crafted/services.json"));
    assert_eq!(
        record(&v, "crafted-hotline")["schedule"],
        serde_json::json!({"always": true})
    );
    assert_eq!(
        record(&v, "crafted-legal")["schedule"],
        serde_json::json!({"weekly": [
            {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "17:00"},
            {"days": ["sat"], "opens": "10:00", "closes": "14:00"}
        ]})
    );
    for id in ["crafted-two-sites", "crafted-monthly", "crafted-meals"] {
        assert_eq!(record(&v, id).get("schedule"), None, "{id}");
    }
    assert_eq!(v["directory"].get("time_zone"), None);
    assert_eq!((report.schedules, report.time_zone.as_deref()), (2, None));
    // Without a time zone nobody can tell whether it is open.
    let dir = loaded(&v);
    let legal = dir.find("crafted-legal").unwrap();
    assert_eq!(
        openness(&dir, legal, at("2026-12-01T17:00:00Z")),
        Openness::Unknown
    );

    // Overnight hours are written as they are.
    let (v, _) = import(&args("crafted/extra-columns"));
    assert_eq!(
        record(&v, "ec-1")["schedule"],
        serde_json::json!({"weekly": [{"days": ["mon", "tue"], "opens": "20:00", "closes": "08:00"}]})
    );
    // A holiday closure cannot be said in a schedule: the text hours only.
    let mut a = args("v1.1-sample/all_resources");
    a.weekday_one = Some(WeekdayOne::Monday);
    let (v, _) = import(&a);
    let never_homeless = record(&v, "c89eb05c-62dd-4b64-b494-0cc347b6ea7f");
    assert!(
        never_homeless["hours"]
            .as_str()
            .unwrap()
            .contains("closed 2019-12-24")
    );
    assert_eq!(never_homeless.get("schedule"), None);

    // Every schedule states UTC−05:00 (3.0 `timezone`, or after the times): the
    // directory's time zone is that offset, and "open now" works in it.
    let (v, report) = import(&args("crafted/time-zone.json"));
    golden(
        "crafted_time_zone.json",
        &serde_json::to_string_pretty(&serde_json::json!({
            "time_zone": v["directory"]["time_zone"],
            "tz-night-shelter": record(&v, "tz-night-shelter")["schedule"],
            "tz-food-bank": record(&v, "tz-food-bank")["schedule"],
        }))
        .unwrap(),
    );
    assert_eq!(v["directory"]["time_zone"], "-05:00");
    assert_eq!(report.time_zone.as_deref(), Some("-05:00"));
    assert!(
        report
            .to_string()
            .contains("Schedules for \"open now\": 2; time zone -05:00"),
        "{report}"
    );
    let dir = loaded(&v);
    let food = dir.find("tz-food-bank").unwrap();
    let shelter = dir.find("tz-night-shelter").unwrap();
    // Tuesday 2026-12-01: 10:00 and 13:00 at UTC−05:00.
    assert_eq!(
        openness(&dir, food, at("2026-12-01T15:00:00Z")),
        Openness::Open
    );
    assert_eq!(
        openness(&dir, food, at("2026-12-01T18:00:00Z")),
        Openness::Closed
    );
    // Saturday, all day (00:00–23:59 in the source).
    assert_eq!(
        openness(&dir, food, at("2026-12-06T04:59:00Z")),
        Openness::Open
    );
    // The shelter: 21:00 Tuesday and 07:59 Wednesday open, noon closed.
    assert_eq!(
        openness(&dir, shelter, at("2026-12-02T02:00:00Z")),
        Openness::Open
    );
    assert_eq!(
        openness(&dir, shelter, at("2026-12-02T12:59:00Z")),
        Openness::Open
    );
    assert_eq!(
        openness(&dir, shelter, at("2026-12-02T17:00:00Z")),
        Openness::Closed
    );

    // Zones that differ: no time_zone, and the schedules that state one are left out
    // (their hours stay as text); the one in local time stays.
    let (v, report) = import(&args("crafted/time-zones-mixed.json"));
    assert_eq!(v["directory"].get("time_zone"), None);
    assert_eq!(record(&v, "mixed-east").get("schedule"), None);
    assert_eq!(record(&v, "mixed-utc").get("schedule"), None);
    assert_eq!(record(&v, "mixed-east")["hours"], "Mon 9:00–17:00 (UTC−5)");
    assert_eq!(
        record(&v, "mixed-local")["schedule"],
        serde_json::json!({"weekly": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "opens": "10:00", "closes": "18:00"}]})
    );
    assert_eq!((report.schedules, report.schedules_in_other_zones), (1, 2));
    assert!(
        report.to_string().contains("2 schedules left out"),
        "{report}"
    );
}

// --- the package generator of examples/gen_hsds.rs --------------------------------------

/// The generator `cargo run --release --example gen_hsds` runs (docs/import.md, "Scale").
#[allow(dead_code)]
#[path = "../../examples/gen_hsds.rs"]
mod gen_hsds;

/// Whether `number` is (555) 555-01XX in any of the generator's styles.
fn fictional(number: &str) -> bool {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix('1')
        .filter(|d| d.len() == 10)
        .unwrap_or(&digits);
    digits.len() == 10 && digits.starts_with("55555501")
}

#[test]
fn a_generated_package_imports_loads_and_its_names_are_found_with_their_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("package");
    let package = gen_hsds::generate(200, 7);
    package.write(&dir).unwrap();
    let summary = package.summary.clone();
    assert_eq!(summary.services, 200);

    // The same arguments give the same bytes.
    let again = tmp.path().join("again");
    gen_hsds::generate(200, 7).write(&again).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            std::fs::read(dir.join(&name)).unwrap(),
            std::fs::read(again.join(&name)).unwrap(),
            "{name:?}"
        );
    }

    // Through the library: every service read, the active ones imported, the others
    // skipped and counted; every number fictional.
    let mut a = args("x");
    a.path.clone_from(&dir);
    let (v, report) = import(&a);
    assert_eq!(report.read, 200, "{report}");
    assert_eq!(
        report.services + report.hotlines,
        summary.active,
        "{report}"
    );
    assert_eq!(report.hotlines, summary.hotlines, "{report}");
    assert_eq!(
        report.skipped.values().sum::<usize>(),
        200 - summary.active,
        "{report}"
    );
    assert!(report.unknown_columns.is_empty(), "{report}");
    let mut numbers = 0;
    for section in ["services", "hotlines"] {
        for r in v[section].as_array().unwrap() {
            for p in r["phones"].as_array().into_iter().flatten() {
                assert!(fictional(p["number"].as_str().unwrap()), "{p}");
                numbers += 1;
            }
        }
    }
    assert!(numbers >= summary.active, "{numbers} numbers");

    // Through the binary: import, check, and search for a generated name.
    let out = tmp.path().join("out.json");
    let out_s = out.to_str().unwrap();
    let run = heatwatch(&["import", "hsds", dir.to_str().unwrap(), "-o", out_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("Read 200 services from package"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("Imported {}: ", summary.active)),
        "{}",
        run.stderr
    );
    let check = heatwatch(&["check", out_s]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stdout.contains(": valid — "), "{}", check.stdout);
    let (name, number) = summary.sample.expect("a service to search for");
    assert!(fictional(&number), "{number}");
    let search = heatwatch(&["--data", out_s, "search", &name]);
    assert_eq!(search.code, 0, "{}", search.stderr);
    let first = search.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("service: {name} — {number} [")),
        "{name}: {}",
        search.stdout
    );
}

/// Writes an amplified package: `services` services all at one location that has
/// `phones` phones, each of which HSDS gives to every service there (services × phones).
fn amplified_package(dir: &Path, services: usize, phones: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut s = String::from("id,name,status\n");
    let mut sal = String::from("id,service_id,location_id\n");
    for i in 0..services {
        writeln!(s, "s{i},Service {i},active").unwrap();
        writeln!(sal, "sal{i},s{i},loc1").unwrap();
    }
    let mut p = String::from("id,location_id,number\n");
    for j in 0..phones {
        writeln!(p, "p{j},loc1,(510) 555-{:04}", j % 10_000).unwrap();
    }
    std::fs::write(dir.join("services.csv"), s).unwrap();
    std::fs::write(dir.join("service_at_location.csv"), sal).unwrap();
    std::fs::write(dir.join("locations.csv"), "id,name\nloc1,Hall\n").unwrap();
    std::fs::write(dir.join("phones.csv"), p).unwrap();
}

#[test]
fn an_amplified_package_fails_at_once_with_a_clear_error_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("amp");
    // 3,000 × 3,000: 9 million phone lines if every copy were made.
    amplified_package(&pkg, 3000, 3000);
    let out = tmp.path().join("out.json");
    std::fs::write(&out, "the previous file").unwrap();
    let started = std::time::Instant::now();
    let run = heatwatch(&[
        "import",
        "hsds",
        pkg.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("has 3000 phone numbers, more than the 200"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Nothing was written"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the previous file");
    // A hang detector, generous for a slow machine; it took 30 s and 3 GB before.
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_package_just_under_the_phone_bound_still_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("amp");
    amplified_package(&pkg, 3, 200);
    let run = heatwatch(&["import", "hsds", pkg.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_table_linked_from_outside_the_package_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside.csv");
    std::fs::write(
        &outside,
        "id,name,status\nx,Secret outside file content,active\n",
    )
    .unwrap();
    let pkg = tmp.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    std::os::unix::fs::symlink(&outside, pkg.join("services.csv")).unwrap();
    let run = heatwatch(&["import", "hsds", pkg.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("services.csv: is a symbolic link to a file outside the package folder")
            || run
                .stderr
                .contains("symbolic link to a file outside the package"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("Secret outside"), "{}", run.stdout);
    // A link that stays inside the package is the package's own file.
    let inner = tmp.path().join("pkg2");
    std::fs::create_dir(&inner).unwrap();
    std::fs::write(
        inner.join("real.csv"),
        "id,name,status\nx,Inside the package,active\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("real.csv", inner.join("services.csv")).unwrap();
    let run = heatwatch(&["import", "hsds", inner.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Inside the package"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn import_refuses_to_write_through_a_link_at_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let link = tmp.path().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let run = heatwatch(&[
        "import",
        "hsds",
        fixture("v1.1-sample/simple").to_str().unwrap(),
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is a symbolic link, and heatwatch never writes through one"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}

/// Runs the binary under strace with every `write` to a file failing with ENOSPC
/// (a full disk). strace is required, as for tests/terminal/privacy.rs.
#[cfg(target_os = "linux")]
fn heatwatch_on_a_full_disk(args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin!("heatwatch");
    std::process::Command::new("strace")
        .args(["-f", "-o", "/dev/null", "-e", "trace=write", "-e"])
        // Every write fails, the file's and the messages' alike.
        .arg("inject=write:error=ENOSPC")
        .arg("--")
        .arg(bin)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("HEATWATCH_DATA")
        .output()
        .expect("strace must be installed to run these tests")
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_leaves_the_previous_import_and_export_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.json");
    std::fs::write(&good, "the good directory\n").unwrap();
    let run = heatwatch_on_a_full_disk(&[
        "import",
        "hsds",
        fixture("v1.1-sample/simple").to_str().unwrap(),
        "-o",
        good.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert_eq!(
        std::fs::read_to_string(&good).unwrap(),
        "the good directory\n"
    );
    let handout = tmp.path().join("handout.txt");
    std::fs::write(&handout, "the printed handout\n").unwrap();
    let run = heatwatch_on_a_full_disk(&[
        "export",
        "--format",
        "text",
        "-o",
        handout.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert_eq!(
        std::fs::read_to_string(&handout).unwrap(),
        "the printed handout\n"
    );
    // Nothing but the two files is left behind (the temporary files are removed).
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["good.json", "handout.txt"]);
}
