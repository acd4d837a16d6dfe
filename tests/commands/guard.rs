#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The guard on known numbers, wherever a `--data` file is read: a file that gives the
//! National Hotline another number never has that number shown, dialled, copied or
//! exported; the known number is shown with a warning in words, and a kiosk refuses the
//! file.

use clap::Parser;
use heatwatch::cli::Cli;

use crate::common;

/// The embedded directory with the National Hotline's number changed by one digit, and
/// its text number too.
fn planted() -> (tempfile::TempDir, String) {
    let mut file: serde_json::Value =
        serde_json::from_str(heatwatch::directory::load::EMBEDDED_JSON).unwrap();
    for h in file["hotlines"].as_array_mut().unwrap() {
        if h["id"] == "national-hotline" {
            h["phone"] = "1(888) 373-7889".into();
            h["text"] = "233734".into();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planted.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

#[test]
fn no_command_shows_the_planted_number_and_each_says_so() {
    let (_dir, file) = planted();
    for command in [
        &["show", "national-hotline"][..],
        &["show", "national-hotline", "--json"],
        &["hotlines"],
        &["hotlines", "--json"],
        &["search", "national hotline"],
        &["qr", "national-hotline"],
        &["export"],
        &["export", "--format", "vcard"],
        &["export", "--format", "html"],
        &["export", "--format", "markdown"],
    ] {
        let mut args = vec!["--data", file.as_str()];
        args.extend_from_slice(command);
        let run = common::run_heatwatch(&args, &[]);
        assert_eq!(run.code, 0, "{command:?}: {}", run.stderr);
        for planted in ["373-7889", "3737889", "233734"] {
            assert!(
                !run.stdout.contains(planted),
                "{command:?} shows {planted}:\n{}",
                run.stdout
            );
        }
        assert!(
            run.stdout.contains("1-888-373-7888") || run.stdout.contains("18883737888"),
            "{command:?}: the known number is missing:\n{}",
            run.stdout
        );
    }
    let run = common::run_heatwatch(&["--data", &file, "show", "national-hotline"], &[]);
    assert!(
        run.stdout.contains("gives another number"),
        "{}",
        run.stdout
    );
    let es = common::run_heatwatch(
        &["--lang", "es", "--data", &file, "show", "national-hotline"],
        &[],
    );
    assert!(es.stdout.contains("da otro número"), "{}", es.stdout);
}

#[test]
fn diff_lists_a_changed_known_number_first() {
    let (_dir, file) = planted();
    let run = common::run_heatwatch(&["diff", "data/directory.json", &file], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[1].starts_with("KNOWN HOTLINE NUMBERS CHANGED (2)"),
        "{}",
        run.stdout
    );
    assert!(lines[2].contains("1(888) 373-7889") && lines[2].contains("1-888-373-7888"));
    assert!(
        lines[3].contains("233734") && lines[3].contains("233733"),
        "{}",
        run.stdout
    );
    // Nothing planted, no such section.
    let same = common::run_heatwatch(&["diff", "data/directory.json", "data/directory.json"], &[]);
    assert!(!same.stdout.contains("KNOWN HOTLINE"), "{}", same.stdout);
}

#[test]
fn the_app_shows_the_known_number_and_a_kiosk_refuses_the_file() {
    let (_dir, file) = planted();
    let app = heatwatch::build_app(&Cli::parse_from(["heatwatch", "--data", &file])).unwrap();
    let national = app
        .dir
        .hotlines
        .iter()
        .find(|h| h.id == "national-hotline")
        .unwrap();
    assert_eq!(national.phone.number, "1-888-373-7888");
    assert_eq!(national.text.as_ref().unwrap().number, "233733");
    assert!(
        national
            .caution
            .as_deref()
            .unwrap()
            .contains("gives another number")
    );
    for language in &app.languages {
        let h = language
            .dir
            .hotlines
            .iter()
            .find(|h| h.id == "national-hotline")
            .unwrap();
        assert_eq!(h.phone.number, "1-888-373-7888", "{}", language.code);
    }
    // A kiosk shows its error screen (the embedded directory behind it), never the file.
    let kiosk =
        heatwatch::build_app(&Cli::parse_from(["heatwatch", "--kiosk", "--data", &file])).unwrap();
    let error = kiosk.kiosk.as_ref().unwrap().data_error.as_deref().unwrap();
    assert!(error.contains("another number"), "{error}");
}

/// A search index file beside a planted file never brings the planted number back:
/// `search` through the index gives way to the whole load, which puts the known number
/// back and says so. The file is in one language (an index serves one) and has a
/// service named like the National Hotline with another number.
#[test]
fn a_search_through_an_index_file_never_shows_a_planted_number() {
    let mut file: serde_json::Value =
        serde_json::from_str(heatwatch::directory::load::EMBEDDED_JSON).unwrap();
    file["directory"]["translations"] = serde_json::json!([]);
    let source = file["directory"]["sources"][0]["id"].clone();
    file["services"] = serde_json::json!([{
        "id": "svc-look-alike",
        "name": "National Human Trafficking Hotline",
        "description": "Call us.",
        "phones": [{"number": "(510) 555-0177", "kind": "voice"}],
        "source": [source],
        "retrieved": "2026-11-27"
    }]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    let path = path.to_str().unwrap();
    let made = common::run_heatwatch(&["--data", path, "index"], &[]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let run = common::run_heatwatch(&["--data", path, "search", "national"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("555-0177"), "{}", run.stdout);
    assert!(run.stdout.contains("svc-look-alike"), "{}", run.stdout);
    assert!(run.stdout.contains("1-888-373-7888"), "{}", run.stdout);
}
