#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The `heatwatch check` and `heatwatch schema` commands, run as the binary.

use std::path::Path;

use crate::common;

use common::{Run, run_heatwatch};

fn heatwatch(args: &[&str]) -> Run {
    let run = run_heatwatch(args, &[]);
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("RUST_BACKTRACE"), "{args:?}: {text}");
    }
    common::assert_no_escapes(args, &run);
    run
}

#[test]
fn the_embedded_data_file_is_valid() {
    let run = heatwatch(&["check", "data/directory.json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("data/directory.json: valid"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("error:"), "{}", run.stdout);
}

#[test]
fn every_error_fixture_exits_1_and_names_the_problem() {
    let expected = [
        ("bad-date.json", "hotlines[0].retrieved"),
        ("bad-phone.json", "hotlines[0].phone"),
        ("dangling-hotline.json", "roles[0].actions[0].hotlines[1]"),
        ("duplicate-id.json", "roles[0].actions[0].id"),
        ("empty.json", "the file is empty"),
        ("hostile-key.json", "directory.\\u{1b}]0;pwned\\u{7}"),
        ("invalid-utf8.json", "directory.name (line 5, column 19)"),
        ("missing-field.json", "hotlines[0] (line 25, column 5)"),
        ("syntax.json", "(line 22, column 7)"),
        ("unknown-version.json", "schema_version 2 is not supported"),
        ("wrong-type.json", "hotlines[0].pinned (line 24, column 21)"),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/errors");
    assert_eq!(
        std::fs::read_dir(dir).unwrap().count(),
        expected.len(),
        "every error fixture is listed here"
    );
    for (name, needle) in expected {
        let file = format!("tests/fixtures/errors/{name}");
        let run = heatwatch(&["check", &file]);
        assert_eq!(run.code, 1, "{name}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.starts_with("error: "), "{name}: {}", run.stdout);
        assert!(run.stdout.contains(needle), "{name}: {}", run.stdout);
        assert!(
            run.stdout
                .contains(&format!("{file}: 1 problem; the file is not usable.")),
            "{name}: {}",
            run.stdout
        );
    }
}

#[test]
fn a_missing_file_exits_2() {
    let run = heatwatch(&["check", "tests/fixtures/no-such-file.json"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("cannot read tests/fixtures/no-such-file.json"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_device_or_a_fifo_is_refused_at_once() {
    // An endless device, and a FIFO with no writer (opening it would block forever):
    // both refused as not regular files, never read. The command has a hang detector.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut paths = vec![dir.path().to_path_buf()];
    if Path::new("/dev/zero").exists() {
        paths.push("/dev/zero".into());
    }
    if made.is_ok_and(|s| s.success()) {
        paths.push(fifo);
    }
    for path in paths {
        let shown = path.display().to_string();
        let run = heatwatch(&["check", &shown]);
        assert_eq!(run.code, 2, "{shown}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("not a regular file"),
            "{shown}: {}",
            run.stdout
        );
    }
}

#[test]
fn a_file_over_the_cap_is_refused_by_its_size_before_reading() {
    // A sparse file of 300 MB: refused by its length, without reading 256 MiB first.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(300_000_000).unwrap();
    let run = heatwatch(&["check", &path.display().to_string()]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "larger than 256 MiB (268435456 bytes), the most heatwatch reads unless told otherwise"
        ) && run.stdout.contains("give --max-data-mib"),
        "{}",
        run.stdout
    );
    // The option raises the cap: the sparse file is then read (and is no JSON).
    let run = heatwatch(&[
        "--max-data-mib",
        "300",
        "check",
        &path.display().to_string(),
    ]);
    assert!(!run.stdout.contains("larger than"), "{}", run.stdout);
}

/// Issue 20 §5: the cap on a directory file is an option, `--max-data-mib`, for every
/// command that reads data and for the app; a file over it is refused with a message
/// that names the option, in the interface language.
#[test]
fn the_cap_is_an_option_named_when_a_file_is_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("padded.json");
    // The embedded directory, padded with JSON whitespace past 1 MiB.
    let mut bytes = heatwatch::directory::load::EMBEDDED_JSON
        .as_bytes()
        .to_vec();
    bytes.resize(1024 * 1024 + 10, b' ');
    std::fs::write(&path, &bytes).unwrap();
    let file = path.display().to_string();
    let run = heatwatch(&["--max-data-mib", "1", "check", &file]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("larger than 1 MiB (1048576 bytes)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("--max-data-mib"), "{}", run.stdout);
    let run = heatwatch(&["--max-data-mib", "2", "check", &file]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // --data, for a command that reads it, and in Spanish.
    let run = heatwatch(&["--max-data-mib", "1", "--data", &file, "hotlines"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--max-data-mib"), "{}", run.stderr);
    let run = heatwatch(&["--max-data-mib", "2", "--data", &file, "hotlines"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = heatwatch(&[
        "--lang",
        "es",
        "--max-data-mib",
        "1",
        "--data",
        &file,
        "roles",
    ]);
    assert!(
        run.stderr.contains("indique --max-data-mib"),
        "{}",
        run.stderr
    );
    // Out of range: a usage error.
    let run = heatwatch(&["--max-data-mib", "0", "check", &file]);
    assert_eq!(run.code, 2);
    let run = heatwatch(&["--max-data-mib", "5000", "check", &file]);
    assert_eq!(run.code, 2);
}

#[test]
fn bad_usage_exits_2() {
    let run = heatwatch(&["check"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let run = heatwatch(&["check", "data/directory.json", "--stale-days", "soon"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
}

#[test]
fn old_records_are_warned_about_but_valid() {
    // Every date of stale.json is 2020-01-01: years before any day this test runs on.
    let run = heatwatch(&["check", "tests/fixtures/stale.json", "--stale-days", "365"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let warnings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(warnings.len(), 3, "{}", run.stdout);
    assert!(
        warnings[0].starts_with("warning: hotlines[0]: last retrieved 2020-01-01"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("valid — 3 records, 3 warnings."),
        "{}",
        run.stdout
    );

    // The limit is the option's: a limit longer than the records' age gives no warning.
    let run = heatwatch(&[
        "check",
        "tests/fixtures/stale.json",
        "--stale-days",
        "100000",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("warning:"), "{}", run.stdout);
    assert!(
        run.stdout.contains("valid — 3 records, 0 warnings."),
        "{}",
        run.stdout
    );
}

#[test]
fn hostile_text_is_valid_and_prints_nothing_hostile() {
    // `heatwatch` asserts on every run that no ESC or BEL reaches its output.
    let run = heatwatch(&[
        "check",
        "tests/fixtures/hostile.json",
        "--stale-days",
        "100000",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("valid"), "{}", run.stdout);
}

#[test]
fn the_documented_example_is_valid() {
    let run = heatwatch(&[
        "check",
        "tests/fixtures/doc_example.json",
        "--stale-days",
        "100000",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("valid — 6 records, 0 warnings."),
        "{}",
        run.stdout
    );
}

#[test]
fn schema_prints_the_json_schema() {
    let run = heatwatch(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("schema is JSON");
    assert!(run.stdout.contains("schema_version"));
    assert!(
        schema["properties"]["schema_version"].is_object(),
        "{schema:#}"
    );
    let required = schema["required"]
        .as_array()
        .expect("required fields listed");
    assert!(required.contains(&serde_json::json!("schema_version")));
    assert!(required.contains(&serde_json::json!("directory")));
    assert!(schema["$defs"]["RawHotline"]["properties"]["verified"].is_object());
}

/// The minimal fixture with its hotline's `url` set to `url`, written in `dir`.
fn with_url(dir: &Path, url: &str) -> String {
    let minimal = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let field = format!(
        "\"url\": {},\n      \"purpose\"",
        serde_json::to_string(url).unwrap()
    );
    let text = minimal.replacen("\"purpose\"", &field, 1);
    assert_ne!(text, minimal);
    let path = dir.join("url.json");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn web_addresses_keep_the_rule_and_check_names_the_rule_broken() {
    let dir = tempfile::tempdir().unwrap();
    let refused = [
        ("javascript:alert(1).x", "never \"javascript:\""),
        ("file:///etc/passwd.txt", "never \"file:\""),
        ("data:text/html,x.y", "never \"data:\""),
        (
            "https://www.polaris.org@evil.example/help",
            "never names a user before its host",
        ),
        (
            "https://x@evil.example",
            "never names a user before its host",
        ),
        ("https://nodot", "is not a web address"),
    ];
    for (url, rule) in refused {
        let file = with_url(dir.path(), url);
        let run = heatwatch(&["check", &file]);
        assert_eq!(run.code, 1, "{url}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("hotlines[0].url") && run.stdout.contains(rule),
            "{url}: {}",
            run.stdout
        );
    }
    for url in [
        "https://example.org/help",
        "HTTP://EXAMPLE.ORG",
        "www.example.org/help",
    ] {
        let file = with_url(dir.path(), url);
        let run = heatwatch(&["check", &file]);
        assert_eq!(run.code, 0, "{url}: {}{}", run.stdout, run.stderr);
    }
}

#[test]
fn a_text_longer_than_the_limit_is_refused_and_one_within_it_loads() {
    // The adversarial review's D14: one huge text made every redraw cost seconds.
    let limit = heatwatch::directory::load::MAX_TEXT_BYTES;
    let minimal = std::fs::read_to_string("tests/fixtures/minimal.json").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (bytes, ok) in [(limit, true), (limit + 1, false), (2_000_000, false)] {
        // "word " repeated, cut to exactly `bytes`; an escaped quote inside must not end it.
        let mut text = "word \\\" ".repeat(bytes / 8 + 1);
        text.truncate(bytes);
        while text.ends_with('\\') {
            text.pop();
            text.push('x');
        }
        let file = dir.path().join(format!("long{bytes}.json"));
        std::fs::write(&file, minimal.replace("A line for tests.", &text)).unwrap();
        let run = heatwatch(&["check", file.to_str().unwrap()]);
        if ok {
            assert_eq!(run.code, 0, "{bytes}: {}{}", run.stdout, run.stderr);
        } else {
            assert_eq!(run.code, 1, "{bytes}: {}{}", run.stdout, run.stderr);
            assert!(
                run.stdout.contains(&format!("longer than {limit} bytes"))
                    && run.stdout.contains("line "),
                "{bytes}: {}",
                run.stdout
            );
        }
    }
}

/// The embedded directory with `change` applied, written to a temporary file.
fn planted(change: impl FnOnce(&mut serde_json::Value)) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut file: serde_json::Value =
        serde_json::from_str(heatwatch::directory::load::EMBEDDED_JSON).unwrap();
    change(&mut file);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("planted.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    (folder, path)
}

fn hotline<'a>(file: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    file["hotlines"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|h| h["id"] == id)
        .unwrap()
}

/// A change made to a directory file.
type Change = Box<dyn FnOnce(&mut serde_json::Value)>;

/// A file that gives a known hotline another number — by its id, under a look-alike name,
/// or with a digit changed in free text — fails `check`, which names the record, the
/// number it gives and the known one; in both languages.
#[test]
fn a_changed_number_of_a_known_hotline_fails_check() {
    let cases: Vec<(&str, Change, [&str; 3])> = vec![
        (
            "one digit changed",
            Box::new(|f| hotline(f, "national-hotline")["phone"] = "1(888) 373-7889".into()),
            ["national-hotline", "1(888) 373-7889", "1-888-373-7888"],
        ),
        (
            "the text number changed",
            Box::new(|f| hotline(f, "national-hotline")["text"] = "233734".into()),
            ["national-hotline", "233734", "233733"],
        ),
        (
            "a look-alike name with another number",
            // A Cyrillic а in "National".
            Box::new(|f| {
                hotline(f, "heat-watch-tip-line")["name"] =
                    "N\u{430}tional Human Trafficking Hotline".into();
            }),
            ["heat-watch-tip-line", "1(510) 208-4959", "1-888-373-7888"],
        ),
        (
            "a changed number in free text",
            Box::new(|f| {
                hotline(f, "national-hotline")["purpose"] = serde_json::json!({"en": "Call 1-888-373-7788 for help.", "es": "Llame al 1-888-373-7888."});
            }),
            ["national-hotline", "1-888-373-7788", "1-888-373-7888"],
        ),
        (
            "911 changed",
            Box::new(|f| hotline(f, "emergency-911")["phone"] = "912".into()),
            ["emergency-911", "912", "911"],
        ),
    ];
    for (what, change, [record, given, known]) in cases {
        let (_folder, path) = planted(change);
        let file = path.to_str().unwrap();
        let run = heatwatch(&["check", file]);
        assert_eq!(run.code, 1, "{what}: {}", run.stdout);
        for part in [record, given, known] {
            assert!(
                run.stdout.contains(part),
                "{what}: {part} not named:\n{}",
                run.stdout
            );
        }
        assert!(run.stdout.contains("not usable"), "{what}: {}", run.stdout);
        let es = heatwatch(&["--lang", "es", "check", file]);
        assert_eq!(es.code, 1, "{what}: {}", es.stdout);
        assert!(
            es.stdout.contains(given) && es.stdout.contains("no se puede usar"),
            "{what}: {}",
            es.stdout
        );
    }
}

#[test]
fn services_that_are_not_the_last_field_are_warned_about() {
    // Services last, as `import` writes them: the app shows the head at once.
    let last = common::head_then_services_file(5, false);
    let run = heatwatch(&["check", last.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        !run.stdout.contains("services: not the file's last field"),
        "{}",
        run.stdout
    );
    // Services first: valid, with a warning that says what it costs.
    let first = common::services_first(5);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("services-first.json");
    std::fs::write(&path, first).unwrap();
    let run = heatwatch(&["check", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("warning: services: not the file's last field"),
        "{}",
        run.stdout
    );
    let run = heatwatch(&["--lang", "es", "check", path.to_str().unwrap()]);
    assert!(
        run.stdout.contains("no es el último campo"),
        "{}",
        run.stdout
    );
}
