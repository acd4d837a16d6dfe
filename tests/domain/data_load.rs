#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Loading directories: the embedded HEAT Watch data pinned against its source page,
//! one golden error per fixture, hostile text, staleness and the documented example.

use std::path::{Path, PathBuf};

use heatwatch::clock::{Clock, FixedClock};
use heatwatch::commands;
use heatwatch::directory::{
    ActionItem, DEFAULT_MAX_BYTES, Directory, Endorsement, Event, Fact, Hotline, LoadError, Meta,
    Phone, Problem, Program, Provenance, Role, Service, ServicePhone, Source, Strategy, check,
    load, phone, sanitize,
};
use jiff::civil::Date;
use jiff::civil::date;
use serde_json::{Value, json};

/// The text of the HEAT Watch page, the source of the embedded directory.
const PAGE: &str = include_str!("../../data/sources/heat-watch-page.txt");
/// A minimal valid directory; the error fixtures are derived from it.
const MINIMAL: &str = include_str!("../fixtures/minimal.json");
/// The example of docs/data-format.md.
const DOC: &str = include_str!("../../docs/data-format.md");
const DOC_EXAMPLE: &str = include_str!("../fixtures/doc_example.json");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn embedded() -> Directory {
    load::embedded().expect("the embedded directory loads")
}

fn hotline<'a>(dir: &'a Directory, id: &str) -> &'a Hotline {
    dir.hotlines
        .iter()
        .find(|h| h.id == id)
        .unwrap_or_else(|| panic!("no hotline {id}"))
}

fn minimal_value() -> Value {
    serde_json::from_str(MINIMAL).expect("minimal.json is JSON")
}

fn load_value(v: &Value) -> Result<Directory, LoadError> {
    load::from_bytes(serde_json::to_string(v).unwrap().as_bytes())
}

// ---------------------------------------------------------------------------------------
// The embedded directory against the HEAT Watch page
// ---------------------------------------------------------------------------------------

#[test]
fn embedded_hotline_numbers_are_the_pages_digit_for_digit() {
    let dir = embedded();
    assert_eq!(dir.hotlines.len(), 3, "the page names three numbers");

    let national = hotline(&dir, "national-hotline");
    assert_eq!(national.name, "National Human Trafficking Hotline");
    assert_eq!(national.phone.number, "1(888) 373-7888");
    assert_eq!(phone::digits(&national.phone.number), "18883737888");
    assert_eq!(national.phone.uri.as_deref(), Some("tel:+18883737888"));
    assert!(PAGE.contains("National Human Trafficking Hotline: 1(888) 373-7888"));
    let text = national
        .text
        .as_ref()
        .expect("the national hotline takes texts");
    assert_eq!(text.number, "233733");
    assert_eq!(text.uri.as_deref(), Some("sms:233733"));
    let tty = national
        .tty
        .as_ref()
        .expect("the national hotline has a relay number");
    assert_eq!(tty.number, "711");
    assert_eq!(tty.uri.as_deref(), Some("tel:711"));
    assert!(national.pinned);
    assert!(!national.emergency);

    let tip = hotline(&dir, "heat-watch-tip-line");
    assert_eq!(tip.name, "Alameda County H.E.A.T. Watch Tip Line");
    assert_eq!(tip.phone.number, "1(510) 208-4959");
    assert_eq!(phone::digits(&tip.phone.number), "15102084959");
    assert_eq!(tip.phone.uri.as_deref(), Some("tel:+15102084959"));
    assert!(tip.anonymous);
    // From a page older than January 2023 and not confirmed in service: not pinned to the
    // always-visible bar, and carrying its notice (issue 18).
    assert!(!tip.pinned);
    assert!(
        tip.caution
            .as_deref()
            .is_some_and(|c| c.contains("older than January 2023"))
    );
    assert!(!tip.emergency);
    assert!(PAGE.contains("Alameda County H.E.A.T. Watch Tip Line: 1(510) 208-4959"));
    // The page's other spelling of the same number.
    assert!(PAGE.contains("call the HEAT Watch Tip Line: (510) 208-4959."));
    assert!(phone::digits(&tip.phone.number).ends_with(&phone::digits("(510) 208-4959")));

    let emergency = hotline(&dir, "emergency-911");
    assert_eq!(emergency.phone.number, "911");
    assert_eq!(emergency.phone.uri.as_deref(), Some("tel:911"));
    assert!(emergency.emergency);
    assert_eq!(dir.meta.emergency.number, "911");
    assert_eq!(dir.meta.emergency.uri.as_deref(), Some("tel:911"));
    assert!(PAGE.contains("If this is an emergency, call 911."));
}

#[test]
fn embedded_roles_and_actions_are_the_pages_to_the_letter_and_in_order() {
    let dir = embedded();
    let expected: [(&str, &[&str]); 4] = [
        (
            "Community Member",
            &["Learn More", "Report it", "Take Action"],
        ),
        (
            "Law Enforcement",
            &["Help with Cases", "Training", "Protocol"],
        ),
        ("Service Provider", &["Partner", "Training", "Protocol"]),
        ("Policy Makers", &["Connect", "Policy and Laws"]),
    ];
    let got: Vec<(&str, Vec<&str>)> = dir
        .roles
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.actions.iter().map(|a| a.title.as_str()).collect(),
            )
        })
        .collect();
    let want: Vec<(&str, Vec<&str>)> = expected.iter().map(|(r, a)| (*r, a.to_vec())).collect();
    assert_eq!(got, want);

    for (role, actions) in expected {
        assert!(PAGE.contains(role), "{role} is not on the page");
        for action in actions {
            assert!(PAGE.contains(action), "{action} is not on the page");
        }
        // The page's own line for the role, with the actions in this order.
        let line = format!("{role}: {}", actions.join(", "));
        assert!(
            PAGE.lines().any(|l| l == line),
            "the page has no line {line:?}"
        );
    }
}

#[test]
fn embedded_program_facts_events_and_safety_line() {
    let dir = embedded();
    assert_eq!(
        dir.meta.safety_line.as_deref(),
        Some("If this is an emergency, call 911.")
    );
    assert!(
        matches!(&dir.events, Some(events) if events.is_empty()),
        "events must be present and empty: {:?}",
        dir.events
    );
    assert!(PAGE.contains("No upcoming events at this time."));

    let program = dir.program.as_ref().expect("the program is described");
    assert_eq!(program.strategy.len(), 5);
    assert!(PAGE.contains("five point strategy"));
    for s in &program.strategy {
        let lower = s.title.to_lowercase();
        assert!(
            PAGE.to_lowercase().contains(&lower),
            "strategy {:?} is not the page's",
            s.title
        );
    }
    assert_eq!(program.endorsements.len(), 2);
    let speakers: Vec<&str> = program
        .endorsements
        .iter()
        .map(|e| e.speaker.as_str())
        .collect();
    // The senator's name is Dianne; the page misspells it, and the directory says so.
    assert_eq!(speakers, ["Dianne Feinstein", "Jackie Speier"]);
    assert!(PAGE.contains("United States Senator Diane Feinstein"));
    assert!(PAGE.contains("United States Congresswoman Jackie Speier"));
    assert!(
        program.endorsements[0]
            .context
            .as_deref()
            .is_some_and(|c| c.contains("“Diane”"))
    );
    for e in &program.endorsements {
        let title = e.speaker_title.as_deref().expect("the page gives titles");
        assert!(title.starts_with("then "), "{title:?} reads as current");
        assert!(PAGE.contains(&e.quote), "not quoted exactly: {:?}", e.quote);
    }

    let fact_text: Vec<String> = dir
        .facts
        .iter()
        .map(|f| format!("{} {}", f.title, f.text))
        .collect();
    for needle in [
        "83%",
        "12-14",
        "11-13",
        "Human trafficking knows no borders",
    ] {
        assert!(
            fact_text.iter().any(|t| t.contains(needle)),
            "no fact says {needle:?}"
        );
        assert!(PAGE.contains(needle), "the page does not say {needle:?}");
    }
    assert!(
        fact_text
            .iter()
            .any(|t| t.contains("83% of all confirmed sex-trafficking victims"))
    );
}

#[test]
fn embedded_records_have_resolving_sources_and_nobody_verified_them() {
    let dir = embedded();
    let records = dir.records();
    assert!(records.len() > 20, "only {} records", records.len());
    for r in records {
        let p = dir
            .provenance_of(r)
            .unwrap_or_else(|| panic!("{r:?} has no provenance"));
        assert_eq!(p.verified, None, "{r:?} claims a verification nobody made");
        assert!(!p.source.is_empty(), "{r:?} names no source");
        for id in &p.source {
            assert!(
                dir.source(id).is_some(),
                "{r:?}: source {id:?} is not listed"
            );
        }
        assert!(
            [date(2026, 11, 27), date(2026, 12, 4)].contains(&p.retrieved),
            "{r:?} was read on {}",
            p.retrieved
        );
    }
}

// ---------------------------------------------------------------------------------------
// Golden errors
// ---------------------------------------------------------------------------------------

/// Loads a fixture from tests/fixtures/errors, expecting it to fail.
fn load_error(name: &str) -> LoadError {
    let path = fixture(&format!("errors/{name}"));
    let err = load::from_path(&path, DEFAULT_MAX_BYTES).expect_err("the fixture must not load");
    // Loading the same bytes from memory fails the same way.
    let bytes = std::fs::read(&path).unwrap();
    let again = load::from_bytes(&bytes).expect_err("the fixture must not load");
    assert_eq!(err.to_string(), again.to_string());
    err
}

/// The problem at `path`, which must be the only one.
fn only_problem(err: &LoadError, path: &str) -> Problem {
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = problems[0].clone();
    assert_eq!(p.path, path, "{p:?}");
    assert!(err.to_string().contains(path), "{err}");
    p
}

/// `heatwatch check` (the library function the binary calls) on a fixture: exit code and output.
fn run_check(path: &Path) -> (u8, String) {
    let mut out = Vec::new();
    let code = heatwatch::exit::status(commands::check(
        path,
        365,
        &FixedClock(date(2026, 2, 1)),
        &mut out,
    ))
    .unwrap();
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn syntax_error_names_line_and_column() {
    let err = load_error("syntax.json");
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = problems[0].clone();
    // The parser knows the record, not the field, at a syntax error.
    assert!(p.path.starts_with("hotlines[0]"), "{p:?}");
    assert_eq!(p.position, Some((22, 7)));
    assert!(p.message.to_string().contains("expected `,` or `}`"), "{p}");
    assert!(p.message.to_string().contains("not valid JSON"), "{p}");
    assert!(err.to_string().contains("line 22, column 7"), "{err}");
}

#[test]
fn wrong_type_names_the_field_and_position() {
    let err = load_error("wrong-type.json");
    let p = only_problem(&err, "hotlines[0].pinned");
    assert_eq!(p.position, Some((24, 21)));
    assert!(
        p.message
            .to_string()
            .contains("invalid type: string \"yes\", expected a boolean"),
        "{p}"
    );
    assert!(
        err.to_string()
            .starts_with("hotlines[0].pinned (line 24, column 21): "),
        "{err}"
    );
}

#[test]
fn missing_field_names_the_record_and_the_field() {
    let err = load_error("missing-field.json");
    let p = only_problem(&err, "hotlines[0]");
    assert!(p.position.is_some());
    assert!(
        p.message.to_string().contains("missing field `purpose`"),
        "{p}"
    );
}

#[test]
fn duplicate_id_names_both_records() {
    let err = load_error("duplicate-id.json");
    let p = only_problem(&err, "roles[0].actions[0].id");
    assert!(p.message.to_string().contains("\"test-line\""), "{p}");
    assert!(
        p.message
            .to_string()
            .contains("already used by hotlines[0]"),
        "{p}"
    );
    assert!(matches!(err, LoadError::Invalid(_)));
}

#[test]
fn dangling_hotline_reference_names_the_reference() {
    let err = load_error("dangling-hotline.json");
    let p = only_problem(&err, "roles[0].actions[0].hotlines[1]");
    assert!(p.message.to_string().contains("\"no-such-line\""), "{p}");
    assert!(
        p.message.to_string().contains("not the id of any hotline"),
        "{p}"
    );
}

#[test]
fn bad_phone_number_names_the_field_and_the_character() {
    let err = load_error("bad-phone.json");
    let p = only_problem(&err, "hotlines[0].phone");
    assert!(
        p.message.to_string().contains("is not a phone number"),
        "{p}"
    );
    assert!(p.message.to_string().contains("'e'"), "{p}");
    assert!(p.message.to_string().contains("\"extension\""), "{p}");
}

#[test]
fn bad_date_names_the_field_and_the_format() {
    let err = load_error("bad-date.json");
    let p = only_problem(&err, "hotlines[0].retrieved");
    assert!(
        p.message
            .to_string()
            .contains("\"15/01/2026\" is not a date"),
        "{p}"
    );
    assert!(p.message.to_string().contains("YYYY-MM-DD"), "{p}");
}

#[test]
fn unknown_schema_version_is_reported_as_such() {
    let err = load_error("unknown-version.json");
    assert!(
        matches!(&err, LoadError::Version { found } if found == "2"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("schema_version 2 is not supported"),
        "{err}"
    );

    // A newer file with fields this build does not know: still a version error.
    let mut v = minimal_value();
    v["schema_version"] = json!(3);
    v["directory"]["a_field_of_version_3"] = json!(true);
    let err = load_value(&v).expect_err("version 3 must not load");
    assert!(
        matches!(&err, LoadError::Version { found } if found == "3"),
        "{err:?}"
    );
}

#[test]
fn invalid_utf8_names_the_field_and_position() {
    let bytes = std::fs::read(fixture("errors/invalid-utf8.json")).unwrap();
    assert!(
        bytes.contains(&0xFF),
        "the fixture must hold a raw 0xFF byte"
    );
    let err = load_error("invalid-utf8.json");
    let p = only_problem(&err, "directory.name");
    assert_eq!(p.position, Some((5, 19)));
    assert!(
        p.message.to_string().contains("invalid unicode code point"),
        "{p}"
    );
}

#[test]
fn empty_file_is_reported_as_empty() {
    let err = load_error("empty.json");
    assert!(matches!(err, LoadError::Empty), "{err:?}");
    assert!(err.to_string().contains("the file is empty"));
    let err = load::from_bytes(b" \n\t\r\n ").expect_err("blank is empty");
    assert!(matches!(err, LoadError::Empty), "{err:?}");
}

#[test]
fn parser_messages_quoting_hostile_text_are_escaped() {
    let err = load_error("hostile-key.json");
    let shown = err.to_string();
    assert!(shown.contains("unknown field"), "{shown}");
    assert!(shown.contains("\\u{1b}]0;pwned\\u{7}"), "{shown}");
    assert!(
        !shown.chars().any(sanitize::is_forbidden),
        "a control character reaches the message: {shown:?}"
    );

    // The version probe quotes the file too.
    let mut v = minimal_value();
    v["schema_version"] = json!("\u{1b}[2J\u{202e}2");
    let err = load_value(&v).expect_err("a string version must not load");
    let shown = err.to_string();
    assert!(matches!(err, LoadError::Version { .. }), "{err:?}");
    assert!(!shown.chars().any(sanitize::is_forbidden), "{shown:?}");
    assert!(shown.contains("\\u{202e}"), "{shown}");
}

fn nested(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

#[test]
fn deep_nesting_ends_in_a_clear_error_without_overflowing_the_stack() {
    for depth in [10_000, 100_000] {
        // The whole file.
        let err = load::from_bytes(nested(depth).as_bytes()).expect_err("not a directory");
        let LoadError::Parse(p) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(p.position, Some((1, 1)), "{p}");
        assert!(
            p.message.to_string().contains("invalid type: sequence"),
            "{p}"
        );

        // Where the format wants a list of ids.
        let mut v = minimal_value();
        v["roles"][0]["actions"][0]["hotlines"] = json!("PLACEHOLDER");
        let text = serde_json::to_string(&v)
            .unwrap()
            .replace("\"PLACEHOLDER\"", &nested(depth));
        let err = load::from_bytes(text.as_bytes()).expect_err("not a directory");
        let p = only_problem(&err, "roles[0].actions[0].hotlines[0]");
        assert!(p.position.is_some());
        assert!(
            p.message
                .to_string()
                .contains("invalid type: sequence, expected a string"),
            "{p}"
        );

        // Objects, and a file cut off in the middle of the nesting.
        let objects = "{\"a\":".repeat(depth) + "1" + &"}".repeat(depth);
        let err = load::from_bytes(objects.as_bytes()).expect_err("not a directory");
        assert!(err.to_string().contains("unknown field `a`"), "{err}");
        let cut = "{\"schema_version\": 1, \"directory\": ".to_owned() + &"[".repeat(depth);
        let err = load::from_bytes(cut.as_bytes()).expect_err("not a directory");
        let p = only_problem(&err, "directory[0]");
        assert!(p.position.is_some());

        // Deep nesting in the version, which the version probe parses as any JSON value.
        let version = format!("{{\"schema_version\": {}}}", nested(depth));
        let err = load::from_bytes(version.as_bytes()).expect_err("not a directory");
        let p = only_problem(&err, "schema_version");
        assert!(p.message.to_string().contains("expected u32"), "{p}");
    }
}

#[test]
fn oversized_input_is_refused_and_endless_input_ends() {
    let cap = 4096;
    let err = load::from_reader(std::io::repeat(b' '), cap).expect_err("endless");
    assert!(matches!(err, LoadError::TooLarge { cap: 4096 }), "{err:?}");
    assert!(err.is_unreadable());
    assert!(err.to_string().contains("(4096 bytes)"), "{err}");

    if Path::new("/dev/zero").exists() {
        let zero = std::fs::File::open("/dev/zero").unwrap();
        let err = load::from_reader(zero, 1 << 20).expect_err("endless");
        assert!(
            matches!(err, LoadError::TooLarge { cap } if cap == 1 << 20),
            "{err:?}"
        );
    }

    // The cap is inclusive: a file of exactly `cap` bytes loads, one byte more does not.
    let len = MINIMAL.len() as u64;
    assert!(load::from_reader(MINIMAL.as_bytes(), len).is_ok());
    let err = load::from_reader(MINIMAL.as_bytes(), len - 1).expect_err("one byte too many");
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err:?}");
    assert_eq!(DEFAULT_MAX_BYTES, 256 * 1024 * 1024);
}

#[test]
fn every_error_fixture_fails_check_with_exit_1_and_its_path() {
    let expected = [
        ("bad-date.json", "hotlines[0].retrieved"),
        ("bad-phone.json", "hotlines[0].phone"),
        ("dangling-hotline.json", "roles[0].actions[0].hotlines[1]"),
        ("duplicate-id.json", "roles[0].actions[0].id"),
        ("empty.json", "the file is empty"),
        ("hostile-key.json", "directory.\\u{1b}"),
        ("invalid-utf8.json", "directory.name (line 5, column 19)"),
        ("missing-field.json", "hotlines[0] (line"),
        ("syntax.json", "(line 22, column 7)"),
        ("unknown-version.json", "schema_version 2"),
        ("wrong-type.json", "hotlines[0].pinned (line 24, column 21)"),
    ];
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture("errors"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = expected.iter().map(|(f, _)| *f).collect();
    assert_eq!(on_disk, listed, "every error fixture is listed here");

    for (name, needle) in expected {
        let (code, out) = run_check(&fixture(&format!("errors/{name}")));
        assert_eq!(code, commands::EXIT_NOT_FOUND, "{name}: {out}");
        assert!(out.starts_with("error: "), "{name}: {out}");
        assert!(out.contains(needle), "{name}: {out}");
        assert!(out.contains("the file is not usable"), "{name}: {out}");
        assert!(!out.contains('\u{1b}'), "{name}: {out:?}");
    }

    let (code, out) = run_check(&fixture("errors/no-such-file.json"));
    assert_eq!(code, commands::EXIT_USAGE, "{out}");
    assert!(out.contains("cannot read"), "{out}");
}

#[test]
fn minimal_fixture_loads() {
    let dir = load::from_path(&fixture("minimal.json"), DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(dir.hotlines.len(), 1);
    assert_eq!(
        dir.hotlines[0].phone.uri.as_deref(),
        Some("tel:+15105550100")
    );
    assert_eq!(dir.roles[0].actions[0].hotlines, [0]);
    assert!(dir.program.is_none());
    assert!(dir.events.is_none());
    let (code, out) = run_check(&fixture("minimal.json"));
    assert_eq!(code, commands::EXIT_OK, "{out}");
    assert!(out.contains("valid — 3 records, 0 warnings."), "{out}");
}

// ---------------------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------------------

fn push_phone(p: &Phone, out: &mut Vec<String>) {
    let Phone {
        number,
        extension,
        uri,
    } = p;
    out.push(number.clone());
    out.extend(extension.iter().cloned());
    out.extend(uri.iter().cloned());
}

fn push_provenance(p: &Provenance, out: &mut Vec<String>) {
    let Provenance {
        source,
        retrieved: _,
        verified: _,
    } = p;
    out.extend(source.iter().map(ToString::to_string));
}

/// Every string of every record of a directory. The patterns name every field, so a
/// field added to the model without being added here does not compile.
fn all_strings(dir: &Directory) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Meta {
        id,
        name,
        organization,
        region,
        country,
        time_zone: _,
        emergency,
        safety_line,
        need_help,
        translations,
        language,
        retrieved: _,
        sources,
    } = &dir.meta;
    out.extend([id, name, organization, region, country, language].map(String::clone));
    out.extend(translations.iter().map(|(code, _)| code.clone()));
    push_phone(emergency, &mut out);
    out.extend(safety_line.iter().chain(need_help).cloned());
    for s in sources {
        let Source {
            id,
            title,
            publisher,
            url,
            file,
            note,
            page_date,
            quotes,
            retrieved: _,
        } = s;
        out.extend([id, title].map(String::clone));
        out.extend(publisher.iter().chain(url).chain(file).chain(note).cloned());
        out.extend(page_date.iter().chain(quotes).cloned());
    }
    for h in &dir.hotlines {
        let Hotline {
            id,
            name,
            short_name,
            phone,
            text,
            tty,
            purpose,
            operator,
            anonymous: _,
            confidential: _,
            confidentiality,
            caution,
            emergency: _,
            pinned: _,
            hours,
            schedule: _,
            languages,
            area,
            url,
            notes,
            tags,
            provenance,
        } = h;
        out.extend([id, name, short_name, purpose].map(String::clone));
        push_phone(phone, &mut out);
        for p in text.iter().chain(tty) {
            push_phone(p, &mut out);
        }
        out.extend(operator.iter().chain(url).cloned());
        out.extend(confidentiality.iter().chain(caution).cloned());
        out.extend(notes.iter().cloned());
        let shared = hours.iter().chain(languages).chain(area).chain(tags);
        out.extend(shared.map(ToString::to_string));
        push_provenance(provenance, &mut out);
    }
    if let Some(p) = &dir.program {
        let Program {
            id,
            name,
            summary,
            people,
            strategy,
            endorsements,
            tags,
            provenance,
        } = p;
        out.extend([id, name, summary].map(String::clone));
        out.extend(people.iter().cloned());
        out.extend(tags.iter().map(ToString::to_string));
        for s in strategy {
            let Strategy { id, title, text } = s;
            out.extend([id, title, text].map(String::clone));
        }
        for e in endorsements {
            let Endorsement {
                id,
                quote,
                speaker,
                speaker_title,
                context,
            } = e;
            out.extend([id, quote, speaker].map(String::clone));
            out.extend(speaker_title.iter().chain(context).cloned());
        }
        push_provenance(provenance, &mut out);
    }
    for f in &dir.facts {
        let Fact {
            id,
            title,
            text,
            tags,
            provenance,
        } = f;
        out.extend([id, title, text].map(String::clone));
        out.extend(tags.iter().map(ToString::to_string));
        push_provenance(provenance, &mut out);
    }
    for r in &dir.roles {
        let Role {
            id,
            name,
            summary,
            tags,
            actions,
            provenance,
        } = r;
        out.extend([id, name, summary].map(String::clone));
        out.extend(tags.iter().map(ToString::to_string));
        push_provenance(provenance, &mut out);
        for a in actions {
            let ActionItem {
                id,
                title,
                summary,
                next_steps,
                hotlines: _,
                tags,
                provenance,
            } = a;
            out.extend([id, title, summary].map(String::clone));
            out.extend(next_steps.iter().cloned());
            out.extend(tags.iter().map(ToString::to_string));
            push_provenance(provenance, &mut out);
        }
    }
    for e in dir.events.iter().flatten() {
        let Event {
            id,
            title,
            date: _,
            text,
            provenance,
        } = e;
        out.extend([id, title, text].map(String::clone));
        push_provenance(provenance, &mut out);
    }
    for s in &dir.services {
        let Service {
            id,
            name,
            organization,
            description,
            phones,
            hours,
            schedule: _,
            languages,
            area,
            address,
            url,
            email,
            tags,
            provenance,
        } = &**s;
        out.extend([id, name, description].map(String::clone));
        for p in phones {
            let ServicePhone {
                phone,
                kind: _,
                label,
            } = p;
            push_phone(phone, &mut out);
            out.extend(label.iter().map(ToString::to_string));
        }
        out.extend(address.iter().chain(url).chain(email).cloned());
        let shared = organization.iter().chain(hours).chain(area);
        out.extend(shared.chain(languages).chain(tags).map(ToString::to_string));
        push_provenance(provenance, &mut out);
    }
    out
}

/// Every string value of a JSON document, with the key it is held under.
fn json_strings<'a>(v: &'a Value, key: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match v {
        Value::String(s) => out.push((key, s)),
        Value::Array(items) => items.iter().for_each(|i| json_strings(i, key, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| json_strings(v, k, out)),
        _ => {}
    }
}

#[test]
fn hostile_text_is_cleaned_everywhere() {
    let raw = std::fs::read_to_string(fixture("hostile.json")).unwrap();
    // The fixture really is hostile.
    for needle in [
        "\\u001b[2J",
        "\\u001b]52;c;aGVsbG8=\\u0007",
        "\\u001b]8;;https://evil.example/\\u0007",
        "\\u001b]0;pwned\\u0007",
        "\\u001b[21t",
        "\\t",
        "\\n",
        "\\r",
        "\u{7f}",
        "\u{85}",
        "\u{9b}",
        "\u{202e}",
        "\u{200d}",
        "\u{200b}",
        "\u{feff}",
    ] {
        assert!(raw.contains(needle), "hostile.json lacks {needle:?}");
    }

    let dir = load::from_bytes(raw.as_bytes()).expect("hostile.json is a valid directory");
    let strings = all_strings(&dir);
    for s in &strings {
        assert!(
            !s.chars()
                .any(|c| sanitize::is_forbidden(c) || c == '\t' || c == '\u{1b}'),
            "not clean: {s:?}"
        );
    }

    // The helper saw every string of the file: each text value of the JSON shows up,
    // cleaned, among the directory's strings (dates and enum values are not strings).
    let value: Value = serde_json::from_str(&raw).unwrap();
    let mut raw_strings = Vec::new();
    json_strings(&value, "", &mut raw_strings);
    let mut hostile_values = 0;
    for (key, s) in raw_strings {
        // Extensions are normalised to their digits ("x 12" → "12").
        if matches!(
            key,
            "retrieved" | "verified" | "date" | "kind" | "extension"
        ) {
            continue;
        }
        if s.contains('\u{1b}') {
            hostile_values += 1;
        }
        let cleaned = sanitize::clean(s);
        assert!(
            strings.contains(&cleaned),
            "{key}: {cleaned:?} was not collected"
        );
    }
    assert!(hostile_values > 60, "only {hostile_values} hostile values");

    // Ids and references still resolve once cleaned, and text is kept.
    assert_eq!(dir.hotlines[0].id, "hostile-line");
    assert_eq!(dir.roles[0].actions[0].hotlines, [0]);
    assert_eq!(dir.hotlines[0].provenance.source, ["test-source"]);
    assert!(
        dir.hotlines[0].name.contains("Hostile Line"),
        "{:?}",
        dir.hotlines[0].name
    );
    assert!(
        dir.meta
            .safety_line
            .as_deref()
            .unwrap()
            .contains("call 911.")
    );
    assert_eq!(dir.services[0].phones.len(), 4);
    assert_eq!(dir.services[0].email.as_deref(), Some("help@example.org"));
}

#[test]
fn phone_numbers_with_hostile_characters_are_refused() {
    let hostile = [
        "(510) 555-0100\u{1b}[2J",
        "\u{1b}]52;c;aGVsbG8=\u{7}(510) 555-0100",
        "\u{202e}(510) 555-0100",
        "(510)\u{200b} 555-0100",
        "(510) 555\u{200d}-0100",
        "\u{feff}911",
        "911\u{7}",
        "911\u{85}",
        "9\u{9b}11",
        "91\u{7f}1",
        "510\t555 0100",
        "510\n555 0100",
    ];
    for number in hostile {
        for field in ["phone", "text", "tty"] {
            let mut v = minimal_value();
            v["hotlines"][0][field] = json!(number);
            let err = load_value(&v).expect_err("a hostile number must be refused");
            let path = format!("hotlines[0].{field}");
            let p = only_problem(&err, &path);
            assert!(
                p.message.to_string().contains("is not a phone number"),
                "{number:?}: {p}"
            );
            // The problem line (the error's Display joins lines with '\n') shows no
            // hidden character.
            let shown = p.to_string();
            assert!(
                !shown
                    .chars()
                    .any(|c| sanitize::is_forbidden(c) || c == '\t' || c == '\u{1b}'),
                "{number:?}: the message carries the character: {shown:?}"
            );
        }
        let mut v = minimal_value();
        v["directory"]["emergency_number"] = json!(number);
        let err = load_value(&v).expect_err("a hostile number must be refused");
        only_problem(&err, "directory.emergency_number");

        let mut v = minimal_value();
        v["services"] = json!([{
            "id": "svc", "name": "Service", "phones": [{"number": number}],
            "source": ["test-source"], "retrieved": "2026-01-15"
        }]);
        let err = load_value(&v).expect_err("a hostile number must be refused");
        only_problem(&err, "services[0].phones[0].number");
    }
    // The refused character is named, visibly.
    let mut v = minimal_value();
    v["hotlines"][0]["phone"] = json!("\u{202e}(510) 555-0100");
    let err = load_value(&v).unwrap_err();
    assert!(err.to_string().contains("\\u{202e}"), "{err}");

    // Plain spacing around a number is still fine.
    let mut v = minimal_value();
    v["hotlines"][0]["phone"] = json!(" (510) 555-0100 ");
    let dir = load_value(&v).unwrap();
    assert_eq!(dir.hotlines[0].phone.number, "(510) 555-0100");
}

// ---------------------------------------------------------------------------------------
// Staleness and the documented example
// ---------------------------------------------------------------------------------------

#[test]
fn a_record_verified_a_year_and_a_half_ago_is_stale() {
    let mut v = minimal_value();
    v["hotlines"][0]["retrieved"] = json!("2024-12-01");
    v["hotlines"][0]["verified"] = json!("2025-01-15");
    let dir = load_value(&v).unwrap();
    let today: Date = FixedClock(date(2026, 7, 15)).today();
    assert_eq!(dir.hotlines[0].provenance.verified, Some(date(2025, 1, 15)));

    let warnings = check::warnings(&dir, today, check::DEFAULT_STALE_DAYS);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, "hotlines[0]");
    assert!(
        warnings[0]
            .message
            .to_string()
            .contains("last verified 2025-01-15, 546 days ago"),
        "{}",
        warnings[0].message
    );

    // The rest of the file was read half a year before that day: not stale by default,
    // stale with a 100-day limit.
    assert_eq!(check::warnings(&dir, today, 600).len(), 0);
    assert_eq!(check::warnings(&dir, today, 100).len(), 3);
}

#[test]
fn the_documented_example_loads_and_is_in_the_doc() {
    assert!(
        DOC.contains(DOC_EXAMPLE.trim_end()),
        "docs/data-format.md must hold tests/fixtures/doc_example.json verbatim"
    );
    let dir = load::from_bytes(DOC_EXAMPLE.as_bytes()).expect("the documented example loads");
    assert!(!dir.hotlines.is_empty());
    assert!(!dir.roles.is_empty());
    assert!(dir.records().len() >= 4);
    for r in dir.records() {
        let p = dir.provenance_of(r).unwrap();
        assert!(p.source.iter().all(|s| dir.source(s).is_some()));
    }
    let (code, out) = run_check(&fixture("doc_example.json"));
    assert_eq!(code, commands::EXIT_OK, "{out}");
}

#[test]
fn extensions_must_be_digits_and_hostile_ones_are_refused() {
    let mut v = minimal_value();
    v["hotlines"][0]["extension"] = Value::from("\u{1b}[2J12");
    let err = load_value(&v).unwrap_err();
    let p = only_problem(&err, "hotlines[0].phone extension");
    assert!(p.message.to_string().contains("must be digits"), "{p}");
    assert!(
        !p.message.to_string().contains('\u{1b}'),
        "the message escapes what it quotes: {p}"
    );

    let mut v = minimal_value();
    v["hotlines"][0]["extension"] = Value::from("ext. 12");
    let dir = load_value(&v).unwrap();
    assert_eq!(dir.hotlines[0].phone.extension.as_deref(), Some("12"));
    assert!(
        dir.hotlines[0]
            .phone
            .uri
            .as_deref()
            .unwrap_or_default()
            .ends_with(";ext=12")
    );
}

#[test]
fn a_service_that_reads_the_same_in_both_languages_is_held_once() {
    use heatwatch::directory::load::{self, Languages};
    let every = ["es"];
    let both = Languages {
        first: "en",
        others: &every,
        always: false,
        declared: false,
    };
    // One service translated, the rest not; a large file (cut into parts on every
    // core) and a small one (read the plain way) alike.
    for n in [3, 20_000] {
        let text = crate::common::head_then_services(n, false).replacen(
            "\"description\": \"Beds and meals for the night.\"",
            "\"description\": {\"en\": \"Beds and meals for the night.\", \"es\": \"Camas y comidas para la noche.\"}",
            1,
        );
        let read = load::read(text.into_bytes(), both).unwrap();
        let (en, es) = (&read[0].directory, &read[1].directory);
        assert_eq!(es.meta.language, "es");
        assert_eq!(en.services.len(), n);
        assert!(!std::sync::Arc::ptr_eq(&en.services[0], &es.services[0]));
        assert_eq!(es.services[0].description, "Camas y comidas para la noche.");
        assert_eq!(en.services[0].description, "Beds and meals for the night.");
        for i in 1..n {
            assert!(
                std::sync::Arc::ptr_eq(&en.services[i], &es.services[i]),
                "service {i} of {n} held twice"
            );
        }
    }
}
