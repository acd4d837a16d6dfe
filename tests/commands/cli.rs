#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The non-interactive commands (`search`, `show`, `hotlines`, `roles`, `export`,
//! `completions`, `man`), run as the binary: text and JSON output, exit statuses,
//! colour, the export formats read back, and hostile directory text.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;

use crate::common;

use common::{Run, run_heatwatch};

fn heatwatch_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut all = vec![("COLUMNS", "100")];
    all.extend_from_slice(env);
    let run = run_heatwatch(args, &all);
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("RUST_BACKTRACE"), "{args:?}: {text}");
    }
    run
}

fn heatwatch(args: &[&str]) -> Run {
    heatwatch_env(args, &[])
}

fn assert_no_controls(what: &str, text: &str) {
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{what} holds ESC or BEL: {text:?}"
    );
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The three hotlines of the embedded directory: id, name, number as written.
const HOTLINES: [(&str, &str, &str); 3] = [
    (
        "national-hotline",
        "National Human Trafficking Hotline",
        "1(888) 373-7888",
    ),
    (
        "heat-watch-tip-line",
        "Alameda County H.E.A.T. Watch Tip Line",
        "1(510) 208-4959",
    ),
    ("emergency-911", "Emergency", "911"),
];

// --- search ----------------------------------------------------------------------------

#[test]
fn search_json_ranks_the_tip_line_first() {
    let run = heatwatch(&["search", "tip line", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let results = run.json();
    let results = results.as_array().expect("an array");
    assert!(!results.is_empty());
    let first = &results[0];
    assert_eq!(first["id"], "heat-watch-tip-line");
    assert_eq!(first["kind"], "hotline");
    assert_eq!(first["title"], "Alameda County H.E.A.T. Watch Tip Line");
    assert_eq!(first["phone"], "1(510) 208-4959");
    assert_eq!(first["tel"], "tel:+15102084959");
    assert!(first["score"].is_i64(), "{first}");
    // Rank order: scores never increase.
    let scores: Vec<i64> = results
        .iter()
        .map(|r| r["score"].as_i64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for r in results {
        for key in ["id", "kind", "title", "path_title"] {
            assert!(r[key].is_string(), "{key} in {r}");
        }
        assert!(r.get("phone").is_some() && r.get("tel").is_some(), "{r}");
    }
}

#[test]
fn search_text_prints_one_plain_line_per_result() {
    let run = heatwatch(&["search", "tip", "line", "--limit", "3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(
        lines[0],
        "hotline: Alameda County H.E.A.T. Watch Tip Line — 1(510) 208-4959 [heat-watch-tip-line]"
    );
    assert!(run.stderr.contains("--limit"), "{}", run.stderr);
    assert_no_controls("search text", &run.stdout);
}

#[test]
fn search_matches_a_number_by_its_digits() {
    let run = heatwatch(&["search", "373-7888", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()[0]["id"], "national-hotline");
}

#[test]
fn search_with_no_result_exits_1() {
    let run = heatwatch(&["search", "zzqxjv"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("nothing found"), "{}", run.stderr);

    let run = heatwatch(&["search", "zzqxjv", "--json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.json(), serde_json::json!([]));
}

#[test]
fn search_within_a_role_by_id_or_name() {
    for role in ["law-enforcement", "LAW ENFORCEMENT", "Law Enforcement"] {
        let run = heatwatch(&["search", "protocol", "--role", role, "--json"]);
        assert_eq!(run.code, 0, "{role}: {}", run.stderr);
        let results = run.json();
        let results = results.as_array().unwrap();
        assert_eq!(results[0]["id"], "law-enforcement-protocol", "{role}");
        assert!(
            results
                .iter()
                .all(|r| r["id"].as_str().unwrap().starts_with("law-enforcement")),
            "{results:?}"
        );
    }
}

#[test]
fn unknown_role_exits_2_and_lists_the_roles() {
    let run = heatwatch(&["search", "tip", "--role", "astronaut"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    for role in [
        "community-member",
        "law-enforcement",
        "service-provider",
        "policy-makers",
    ] {
        assert!(run.stderr.contains(role), "{}", run.stderr);
    }
    let run = heatwatch(&["export", "--role", "astronaut"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("community-member"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(heatwatch(&["search"]).code, 2);
    assert_eq!(heatwatch(&["search", "tip", "--limit", "0"]).code, 2);
    assert_eq!(heatwatch(&["search", "   "]).code, 2);
    assert_eq!(heatwatch(&["show"]).code, 2);
    assert_eq!(heatwatch(&["export", "--format", "pdf"]).code, 2);
    assert_eq!(heatwatch(&["--color", "sometimes", "roles"]).code, 2);
}

// --- show ------------------------------------------------------------------------------

#[test]
fn show_an_action_as_json() {
    let run = heatwatch(&["show", "law-enforcement-protocol", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["id"], "law-enforcement-protocol");
    assert_eq!(v["kind"], "action");
    assert_eq!(v["title"], "Protocol");
    assert_eq!(v["path_title"], "Law Enforcement › Protocol");
    assert_eq!(v["role"]["id"], "law-enforcement");
    let steps = v["next_steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    // No source says the Hotline offers a protocol: no "who to call" (issue 18).
    let calls = v["hotlines"].as_array().unwrap();
    assert!(calls.is_empty(), "{calls:?}");
    let run = heatwatch(&["show", "community-report-it", "--json"]);
    let calls = run.json()["hotlines"].as_array().unwrap().clone();
    assert_eq!(calls[1]["id"], "national-hotline");
    assert_eq!(calls[1]["phone"], "1(888) 373-7888");
    assert_eq!(calls[1]["tel"], "tel:+18883737888");
    let prov = &v["provenance"];
    assert_eq!(prov["retrieved"], "2026-11-27");
    assert!(prov["verified"].is_null());
    let sources: Vec<&str> = prov["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["heat-watch-page", "nhth-what-we-do"]);
}

#[test]
fn show_a_hotline_as_text() {
    let run = heatwatch(&["show", "national-hotline"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for needle in [
        "National Human Trafficking Hotline",
        "Call: 1(888) 373-7888 (tel:+18883737888)",
        "Text: 233733",
        "TTY / relay: 711",
        "Hours: 24 hours a day",
        "Languages: English; Spanish",
        "You can report anonymously.",
        "Confidential: Yes, with limits",
        "Web: www.humantraffickinghotline.org",
        "Deaf, hard-of-hearing",
        "Retrieved: 2026-12-04",
        "not verified",
    ] {
        assert!(run.stdout.contains(needle), "{needle}: {}", run.stdout);
    }
    // A false flag means only that no source says so: never printed as "no".
    assert!(!run.stdout.contains(": no\n"), "{}", run.stdout);
    let tip = heatwatch(&["show", "heat-watch-tip-line"]).stdout;
    assert!(!tip.contains("Confidential"), "{tip}");
    assert!(!tip.contains("For emergencies"), "{tip}");
    assert_no_controls("show text", &run.stdout);
}

#[test]
fn show_a_role_lists_its_actions() {
    let run = heatwatch(&["show", "community-member"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for needle in ["Learn More", "Report it", "Take Action"] {
        assert!(run.stdout.contains(needle), "{needle}: {}", run.stdout);
    }
    let v = heatwatch(&["show", "community-member", "--json"]).json();
    assert_eq!(v["kind"], "role");
    assert_eq!(v["actions"].as_array().unwrap().len(), 3);
}

#[test]
fn show_every_record_of_the_embedded_directory() {
    let ids = [
        ("heat-watch-program", "program"),
        ("strategy-support", "strategy"),
        ("endorsement-speier", "endorsement"),
        ("fact-83-percent", "fact"),
        ("policy-makers", "role"),
        ("policy-makers-connect", "action"),
        ("emergency-911", "hotline"),
    ];
    for (id, kind) in ids {
        let run = heatwatch(&["show", id, "--json"]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        let v = run.json();
        assert_eq!(v["id"], id);
        assert_eq!(v["kind"], kind);
        assert!(v["title"].is_string());
        let text = heatwatch(&["show", id]);
        assert_eq!(text.code, 0);
        assert!(text.stdout.contains("Sources"), "{id}: {}", text.stdout);
    }
}

#[test]
fn show_unknown_id_exits_1_and_says_how_to_find_ids() {
    let run = heatwatch(&["show", "no-such-record"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("heatwatch search"), "{}", run.stderr);
    assert!(run.stderr.contains("heatwatch roles"), "{}", run.stderr);
    let run = heatwatch(&["show", "no-such-record", "--json"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
}

// --- hotlines and roles ----------------------------------------------------------------

#[test]
fn hotlines_json_has_the_three_hotlines_and_the_emergency_number() {
    let run = heatwatch(&["hotlines", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["emergency"]["phone"], "911");
    assert_eq!(v["emergency"]["tel"], "tel:911");
    assert_eq!(v["as_of"], "2026-12-04");
    let lines = v["hotlines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    for (line, (id, name, phone)) in lines.iter().zip(HOTLINES) {
        assert_eq!(line["id"], id);
        assert_eq!(line["kind"], "hotline");
        assert_eq!(line["title"], name);
        assert_eq!(line["phone"], phone);
    }
    assert_eq!(lines[0]["tel"], "tel:+18883737888");
    assert_eq!(lines[0]["text"]["number"], "233733");
    assert_eq!(lines[0]["text"]["uri"], "sms:233733");
    assert_eq!(lines[0]["tty"]["number"], "711");
    assert_eq!(lines[0]["anonymous"], true);
    assert_eq!(lines[0]["confidential"], true);
    assert_eq!(lines[2]["emergency"], true);
    assert!(lines[1]["hours"].is_null());
    assert!(lines[1]["text"].is_null());
}

#[test]
fn hotlines_text_gives_numbers_and_dialable_forms() {
    let run = heatwatch(&["hotlines"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("Emergency: 911 (tel:911)"),
        "{}",
        run.stdout
    );
    // Every hotline but the emergency one, whose number the first line already gives.
    for (_, name, phone) in HOTLINES.iter().filter(|(_, _, phone)| *phone != "911") {
        assert!(run.stdout.contains(name), "{name}");
        assert!(
            run.stdout.contains(&format!("Call: {phone} (tel:")),
            "{phone}"
        );
    }
    assert!(run.stdout.contains("Text: 233733 (sms:233733)"));
    assert!(run.stdout.contains("TTY / relay: 711 (tel:711)"));
}

#[test]
fn roles_json_has_four_roles_with_their_actions() {
    let run = heatwatch(&["roles", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    let roles = v.as_array().unwrap();
    let ids: Vec<&str> = roles.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "community-member",
            "law-enforcement",
            "service-provider",
            "policy-makers"
        ]
    );
    let titles = |i: usize| -> Vec<&str> {
        roles[i]["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect()
    };
    assert_eq!(titles(0), ["Learn More", "Report it", "Take Action"]);
    assert_eq!(titles(1), ["Help with Cases", "Training", "Protocol"]);
    assert_eq!(titles(2), ["Partner", "Training", "Protocol"]);
    assert_eq!(titles(3), ["Connect", "Policy and Laws"]);
    assert_eq!(roles[1]["title"], "Law Enforcement");
    assert_eq!(roles[1]["actions"][2]["id"], "law-enforcement-protocol");
    assert_eq!(roles[1]["actions"][2]["kind"], "action");
}

#[test]
fn roles_text_lists_ids_and_titles() {
    let run = heatwatch(&["roles"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Law Enforcement [law-enforcement]"));
    assert!(run.stdout.contains("- Protocol [law-enforcement-protocol]"));
    assert!(
        run.stdout
            .contains("- Policy and Laws [policy-makers-policy-and-laws]")
    );
}

// --- data files ------------------------------------------------------------------------

#[test]
fn a_bad_data_file_exits_2_with_a_short_message() {
    for (file, needle) in [
        ("tests/fixtures/errors/syntax.json", "heatwatch check"),
        ("tests/fixtures/errors/bad-phone.json", "hotlines[0].phone"),
        ("tests/fixtures/errors/empty.json", "empty"),
        ("tests/fixtures/no-such-file.json", "cannot read"),
    ] {
        for cmd in [
            &["roles"][..],
            &["search", "tip", "--json"],
            &["show", "x"],
            &["export"],
        ] {
            let mut args = vec!["--data", file];
            args.extend_from_slice(cmd);
            let run = heatwatch(&args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
            assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
            assert_no_controls("stderr", &run.stderr);
        }
    }
    // The environment variable works the same way.
    let run = heatwatch_env(
        &["hotlines"],
        &[("HEATWATCH_DATA", "tests/fixtures/no-such-file.json")],
    );
    assert_eq!(run.code, 2);
}

#[test]
fn a_data_file_replaces_the_embedded_directory() {
    let run = heatwatch(&[
        "--data",
        "tests/fixtures/minimal.json",
        "hotlines",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = run.json();
    assert_eq!(v["hotlines"].as_array().unwrap().len(), 1);
    assert_eq!(v["hotlines"][0]["id"], "test-line");
    // Global options may also come after the command.
    let run = heatwatch(&["roles", "--json", "--data", "tests/fixtures/minimal.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()[0]["id"], "test-role");
}

// --- colour ----------------------------------------------------------------------------

#[test]
fn colour_follows_the_option_and_no_color() {
    for args in [
        &["search", "tip"][..],
        &["hotlines"],
        &["roles"],
        &["show", "national-hotline"],
    ] {
        let mut with = vec!["--color", "always"];
        with.extend_from_slice(args);
        let run = heatwatch(&with);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("\u{1b}["), "{with:?}: {:?}", run.stdout);

        let run = heatwatch_env(&with, &[("NO_COLOR", "1")]);
        assert_eq!(run.code, 0);
        assert!(!run.stdout.contains('\u{1b}'), "{with:?} with NO_COLOR");

        // Piped, by default: no colour.
        let run = heatwatch(args);
        assert!(!run.stdout.contains('\u{1b}'), "{args:?} piped");

        let mut never = vec!["--color", "never"];
        never.extend_from_slice(args);
        assert!(!heatwatch(&never).stdout.contains('\u{1b}'));
    }
    // An empty NO_COLOR does not count.
    let run = heatwatch_env(&["--color", "always", "roles"], &[("NO_COLOR", "")]);
    assert!(run.stdout.contains('\u{1b}'));
}

#[test]
fn json_and_files_are_never_coloured() {
    for args in [
        &["search", "tip", "--json"][..],
        &["hotlines", "--json"],
        &["roles", "--json"],
        &["show", "national-hotline", "--json"],
        &["export", "--format", "markdown"],
        &["export", "--format", "html"],
        &["export", "--format", "vcard"],
    ] {
        let mut with = vec!["--color", "always"];
        with.extend_from_slice(args);
        let run = heatwatch(&with);
        assert_eq!(run.code, 0, "{with:?}");
        assert!(!run.stdout.contains('\u{1b}'), "{with:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("handout.txt");
    let run = heatwatch(&["--color", "always", "export", "-o", file.to_str().unwrap()]);
    assert_eq!(run.code, 0);
    assert!(!std::fs::read_to_string(&file).unwrap().contains('\u{1b}'));
}

// --- export ----------------------------------------------------------------------------

/// A vCard, as a test reads it back.
#[derive(Debug, Default)]
struct Card {
    fields: Vec<(String, String)>,
}

impl Card {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn tels(&self) -> Vec<(&str, &str)> {
        self.fields
            .iter()
            .filter(|(n, _)| n.starts_with("TEL"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

fn vcard_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Unfolds content lines and splits BEGIN/END:VCARD blocks.
fn parse_vcards(text: &str) -> Vec<Card> {
    assert!(
        text.split("\r\n").all(|l| !l.contains('\n')),
        "every line ends with CRLF"
    );
    for physical in text.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "line longer than 75 octets: {physical:?}"
        );
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut cards = Vec::new();
    let mut current: Option<Card> = None;
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        match line {
            "BEGIN:VCARD" => {
                assert!(current.is_none(), "nested BEGIN");
                current = Some(Card::default());
            }
            "END:VCARD" => cards.push(current.take().expect("END without BEGIN")),
            _ => {
                let card = current.as_mut().expect("a property outside a card");
                let (name, value) = line.split_once(':').expect("NAME:value");
                card.fields.push((name.to_owned(), value.to_owned()));
            }
        }
    }
    assert!(current.is_none(), "a card is not closed");
    cards
}

#[test]
fn vcard_export_round_trips_every_number() {
    let run = heatwatch(&["export", "--format", "vcard"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cards = parse_vcards(&run.stdout);
    let hotlines = heatwatch(&["hotlines", "--json"]).json();
    let hotlines = hotlines["hotlines"].as_array().unwrap();
    assert_eq!(cards.len(), hotlines.len());
    for (card, h) in cards.iter().zip(hotlines) {
        assert_eq!(card.get("VERSION"), Some("4.0"));
        let name = h["name"].as_str().unwrap();
        assert_eq!(card.get("FN").map(vcard_unescape).as_deref(), Some(name));
        assert!(card.get("N").is_some(), "a card has N");
        let tels = card.tels();
        let voice = tels
            .iter()
            .find(|(n, _)| n.ends_with(";TYPE=voice"))
            .unwrap_or_else(|| panic!("{name}: no voice TEL in {tels:?}"));
        assert_eq!(
            digits(voice.1),
            digits(h["phone"].as_str().unwrap()),
            "{name}"
        );
        for (kind, key) in [("text", "text"), ("textphone", "tty")] {
            let want = h[key]["number"].as_str();
            let got = tels
                .iter()
                .find(|(n, _)| n.ends_with(&format!(";TYPE={kind}")))
                .map(|(_, v)| digits(v));
            assert_eq!(got, want.map(digits), "{name} {kind}");
        }
        let note = vcard_unescape(card.get("NOTE").expect("a NOTE"));
        assert!(note.contains("can be seen"), "{note}");
        assert!(note.contains(h["purpose"].as_str().unwrap()), "{note}");
    }
    let national = &cards[0];
    assert_eq!(
        national.tels(),
        [
            ("TEL;VALUE=uri;TYPE=voice", "tel:+18883737888"),
            ("TEL;TYPE=text", "233733"),
            ("TEL;TYPE=textphone", "711"),
        ]
    );
}

/// Checks a vCard file against the rules of the version each card declares, for the
/// properties heatwatch writes. Only vCard 4.0 (RFC 6350) is known: a card declaring
/// any other version is an error. Returns every problem found.
fn vcard4_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    // 3.1 / 3.2: CRLF line endings, physical lines of at most 75 octets, a folded line
    // continues with one space or tab.
    if text.replace("\r\n", "").contains(['\r', '\n']) {
        problems.push("a line does not end with CRLF".to_owned());
    }
    if !text.ends_with("\r\n") {
        problems.push("the last line does not end with CRLF".to_owned());
    }
    for physical in text.split("\r\n") {
        if physical.len() > 75 {
            problems.push(format!("more than 75 octets: {physical:?}"));
        }
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    // RFC 6350 6.4.1 TYPE values of TEL, 4.0 only (3.0's "msg", "bbs", "pcs"... are not).
    const TEL_TYPES: &[&str] = &[
        "text",
        "voice",
        "fax",
        "cell",
        "video",
        "pager",
        "textphone",
        "work",
        "home",
    ];
    const PROPERTIES: &[&str] = &["BEGIN", "VERSION", "END", "FN", "N", "ORG", "TEL", "NOTE"];
    // A text value: "\\" "\," "\n" escapes only, no bare comma (3.4, 4: TEXT-CHAR);
    // a component also allows "\;" and forbids a bare ";".
    let text_ok = |v: &str, component: bool| -> Result<(), String> {
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('\\' | ',' | 'n' | 'N') => {}
                    Some(';') if component => {}
                    other => return Err(format!("bad escape \\{other:?} in {v:?}")),
                },
                ',' => return Err(format!("unescaped comma in {v:?}")),
                ';' if component => return Err(format!("unescaped semicolon in {v:?}")),
                c if c.is_control() => return Err(format!("control character in {v:?}")),
                _ => {}
            }
        }
        Ok(())
    };
    // Splits on a separator not escaped by a backslash.
    let split_unescaped = |v: &str, sep: char| -> Vec<String> {
        let mut parts = vec![String::new()];
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                let last = parts.last_mut().unwrap();
                last.push(c);
                if let Some(n) = chars.next() {
                    last.push(n);
                }
            } else if c == sep {
                parts.push(String::new());
            } else {
                parts.last_mut().unwrap().push(c);
            }
        }
        parts
    };
    let mut in_card = false;
    let mut previous = "";
    let mut fn_count = 0;
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let Some((head, value)) = line.split_once(':') else {
            problems.push(format!("no colon: {line:?}"));
            continue;
        };
        let mut parts = head.split(';');
        let name = parts.next().unwrap_or_default();
        let params: Vec<&str> = parts.collect();
        if !PROPERTIES.contains(&name) {
            problems.push(format!("unknown property {name:?}"));
        }
        // 3.3: param = name "=" value; 3.0's bare "TEL;VOICE:" is not 4.0.
        let mut value_type = None;
        for p in &params {
            match p.split_once('=') {
                Some(("VALUE", v)) => value_type = Some(v),
                Some(("TYPE", v)) if name == "TEL" => {
                    if !v.split(',').all(|t| TEL_TYPES.contains(&t)) {
                        problems.push(format!("TEL type not in vCard 4.0: {v:?}"));
                    }
                }
                _ => problems.push(format!("parameter not in vCard 4.0: {p:?} in {line:?}")),
            }
        }
        match name {
            "BEGIN" => {
                if in_card || value != "VCARD" {
                    problems.push(format!("bad BEGIN: {line:?}"));
                }
                in_card = true;
                fn_count = 0;
            }
            // 6.7.9: VERSION comes right after BEGIN.
            "VERSION" => {
                if previous != "BEGIN" {
                    problems.push("VERSION is not right after BEGIN".to_owned());
                }
                if value != "4.0" {
                    problems.push(format!("declares VERSION:{value}, not 4.0"));
                }
            }
            "END" => {
                if !in_card || value != "VCARD" {
                    problems.push(format!("bad END: {line:?}"));
                }
                if fn_count != 1 {
                    problems.push(format!("a card has {fn_count} FN, not one"));
                }
                in_card = false;
            }
            "FN" | "NOTE" => {
                fn_count += usize::from(name == "FN");
                if let Err(e) = text_ok(value, false) {
                    problems.push(e);
                }
            }
            // 6.2.2: N has five components.
            "N" | "ORG" => {
                let components = split_unescaped(value, ';');
                if name == "N" && components.len() != 5 {
                    problems.push(format!("N has {} components: {value:?}", components.len()));
                }
                for c in &components {
                    if let Err(e) = text_ok(c, true) {
                        problems.push(e);
                    }
                }
            }
            // 6.4.1: a tel: URI with VALUE=uri, free text otherwise.
            "TEL" => match value_type {
                Some("uri") => {
                    let global = value.strip_prefix("tel:+").unwrap_or_default();
                    let (number, ext) = global.split_once(";ext=").unwrap_or((global, "0"));
                    if number.is_empty()
                        || !number
                            .chars()
                            .all(|c| c.is_ascii_digit() || "-.()".contains(c))
                        || ext.is_empty()
                        || !ext.chars().all(|c| c.is_ascii_digit())
                    {
                        problems.push(format!("not a global tel: URI: {value:?}"));
                    }
                }
                None => {
                    if let Err(e) = text_ok(value, false) {
                        problems.push(e);
                    }
                }
                Some(other) => problems.push(format!("TEL with VALUE={other}")),
            },
            _ => {}
        }
        if name != "BEGIN" && name != "END" && !in_card {
            problems.push(format!("a property outside a card: {line:?}"));
        }
        previous = name;
    }
    if in_card {
        problems.push("a card is not closed".to_owned());
    }
    problems
}

#[test]
fn the_validator_catches_vcard_3_forms_and_bad_lines() {
    let good = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:A\\;B;;;;\r\nFN:A\\, B; C\r\nTEL;VALUE=uri;TYPE=voice:tel:+15555550100;ext=12\r\nTEL;TYPE=textphone:711\r\nEND:VCARD\r\n";
    assert_eq!(vcard4_problems(good), Vec::<String>::new());
    for bad in [
        good.replace("VERSION:4.0", "VERSION:3.0"),
        good.replace("TYPE=voice", "TYPE=msg"),
        good.replace(";VALUE=uri;TYPE=voice", ";VOICE"),
        good.replace("FN:A\\, B; C", "FN:A, B"),
        good.replace("FN:A\\, B; C", "FN:A\\; B"),
        good.replace("N:A\\;B", "N:A;B"),
        good.replace("\r\nEND", "\nEND"),
        good.replace("FN:A\\, B; C", &format!("FN:{}", "x".repeat(80))),
        good.replace("tel:+15555550100", "tel:911"),
    ] {
        assert!(!vcard4_problems(&bad).is_empty(), "{bad:?}");
    }
}

#[test]
fn vcard_export_validates_as_the_version_it_declares() {
    // The embedded directory, in both languages, and a file whose texts hold every
    // character vCard escapes, long lines and an extension.
    let tmp = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("data/directory.json").unwrap()).unwrap();
    let h = &mut v["hotlines"][0];
    h["name"] = serde_json::json!("Line; with, \\ separators");
    h["operator"] = serde_json::json!("Harbor; Coalition, Inc. \\ ünïcödé");
    h["purpose"] = serde_json::json!(format!("Help; for all, {}", "é".repeat(60)));
    h["extension"] = serde_json::json!("12");
    let file = tmp.path().join("d.json");
    std::fs::write(&file, serde_json::to_string(&v).unwrap()).unwrap();
    let file = file.to_str().unwrap();
    for args in [
        vec!["export", "--format", "vcard"],
        vec!["--lang", "es", "export", "--format", "vcard"],
        vec!["--data", file, "export", "--format", "vcard"],
    ] {
        let run = heatwatch(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(run.stdout.contains("VERSION:4.0\r\n"), "{args:?}");
        assert_eq!(
            vcard4_problems(&run.stdout),
            Vec::<String>::new(),
            "{args:?}"
        );
    }
    let run = heatwatch(&["--data", file, "export", "--format", "vcard"]);
    let cards = parse_vcards(&run.stdout);
    assert_eq!(
        cards[0].get("N").map(vcard_unescape).as_deref(),
        Some("Line; with, \\ separators;;;;")
    );
    assert_eq!(
        cards[0].get("FN").map(vcard_unescape).as_deref(),
        Some("Line; with, \\ separators")
    );
    assert_eq!(
        cards[0].tels()[0],
        ("TEL;VALUE=uri;TYPE=voice", "tel:+18883737888;ext=12")
    );
}

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Checks that every opened non-void tag is closed, in order; returns the tag names.
fn check_html(html: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").expect("comment closed");
            rest = &after[end + 3..];
            continue;
        }
        let end = rest.find('>').expect("tag closed with >");
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            assert!(tag.eq_ignore_ascii_case("!DOCTYPE html"), "{tag}");
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(!name.is_empty(), "a tag with no name: <{tag}>");
        names.push(name.clone());
        if VOID_TAGS.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        if name == "style" || name == "script" {
            // Raw text: skip to the closing tag.
            let close = format!("</{name}>");
            let end = rest.find(&close).expect("raw text element closed");
            rest = &rest[end + close.len()..];
            continue;
        }
        stack.push(name);
    }
    assert!(stack.is_empty(), "not closed: {stack:?}");
    names
}

#[test]
fn html_export_is_well_formed_and_self_contained() {
    let run = heatwatch(&["export", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    let names = check_html(html);
    assert_eq!(names.first().map(String::as_str), Some("html"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(
        !names
            .iter()
            .any(|n| n == "link" || n == "img" || n == "iframe")
    );
    // Self-contained: nothing is loaded from elsewhere. (Source addresses are printed
    // as text, and a few of them are http:// addresses.)
    assert!(!html.contains("src=") && !html.contains("href=\"http") && !html.contains("url("));
    assert!(html.contains("@media print"));
    for (_, name, phone) in HOTLINES {
        assert!(html.contains(phone), "{phone}");
        assert!(html.contains(name), "{name}");
    }
    assert!(html.contains("href=\"tel:+18883737888\""));
    // Every role's actions by default; one role's with --role.
    assert!(html.contains("Policy and Laws") && html.contains("Help with Cases"));
    let one = heatwatch(&["export", "--format", "html", "--role", "policy-makers"]);
    assert_eq!(one.code, 0);
    check_html(&one.stdout);
    assert!(one.stdout.contains("Policy and Laws"));
    assert!(!one.stdout.contains("Help with Cases"));
}

#[test]
fn text_and_markdown_exports_put_the_emergency_number_first_and_sources_last() {
    for format in ["text", "markdown"] {
        let run = heatwatch(&["export", "--format", format, "--role", "law-enforcement"]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        let out = &run.stdout;
        let emergency = out.find("Emergency:").expect("the emergency number");
        let first_hotline = out.find("National Human Trafficking Hotline").unwrap();
        let actions = out.find("Help with Cases").expect("the role's actions");
        let sources = out.find("Sources").expect("the sources");
        assert!(emergency < first_hotline, "{format}");
        assert!(first_hotline < actions && actions < sources, "{format}");
        assert!(
            out.contains("2026-12-04"),
            "{format}: the date the sources were read"
        );
        assert!(
            !out.contains("Policy and Laws"),
            "{format}: only the role asked for"
        );
        for (_, _, phone) in HOTLINES {
            assert!(out.contains(phone), "{format}: {phone}");
        }
        assert_no_controls(format, out);
    }
    let text = heatwatch(&["export"]).stdout;
    assert!(
        text.lines()
            .all(|l| l.chars().count() <= 78 || !l.trim().contains(' ')),
        "wrapped for print (only a web address too long for a line may overrun)"
    );
    let md = heatwatch(&["export", "--format", "markdown"]).stdout;
    assert!(md.contains("[1(888) 373-7888](tel:+18883737888)"));
}

#[test]
fn export_to_a_file_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [
        ("html", "handout.html"),
        ("vcard", "hotlines.vcf"),
        ("text", "handout.txt"),
        ("markdown", "handout.md"),
    ] {
        let file = dir.path().join(name);
        let run = heatwatch(&["export", "--format", format, "-o", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{format}: {}", run.stdout);
        let written = std::fs::read_to_string(&file).unwrap();
        let same = heatwatch(&["export", "--format", format]).stdout;
        assert_eq!(written, same, "{format}");
    }
    let run = heatwatch(&["export", "-o", "/no/such/folder/handout.txt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

// --- completions, man, help, version ---------------------------------------------------

#[test]
fn completions_and_man_come_from_the_clap_definition() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = heatwatch(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("hotlines"), "{shell}");
        assert!(run.stdout.contains("export"), "{shell}");
    }
    assert_eq!(heatwatch(&["completions", "tcsh"]).code, 2);
    let run = heatwatch(&["man"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(".TH heatwatch"), "{}", run.stdout);
    assert!(run.stdout.contains("search"));
    assert!(run.stdout.contains("Exit status"));
    // One page: its own sections, and no reference to pages that do not exist.
    for section in [
        ".SH COMMANDS",
        ".SH KEYS",
        ".SH KIOSK",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(run.stdout.contains(section), "{section}");
    }
    assert!(
        !run.stdout.contains("(1)"),
        "refers to another page:\n{}",
        run.stdout
    );
    // The keys come from the key table: the quick exit, the operator exit, Ctrl-W.
    for key in ["Ctrl\\-X", "Ctrl\\-O", "Ctrl\\-W"] {
        assert!(run.stdout.contains(key), "{key}");
    }
}

#[test]
fn version_prints_the_crate_version() {
    use sha2::{Digest, Sha256};
    // The hash of the data file as it is on disk, computed here: the binary must carry
    // exactly these bytes.
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/directory.json")).unwrap();
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(hash.len(), 64);
    let as_of: Value = serde_json::from_slice(&bytes).unwrap();
    let as_of = as_of["directory"]["retrieved"].as_str().unwrap().to_owned();
    let expected = format!(
        "heatwatch {}\nembedded data: HEAT Watch (Alameda County, California), sources read on {as_of}, sha256 {hash}",
        env!("CARGO_PKG_VERSION")
    );
    for flag in ["--version", "-V"] {
        // Another --data file and --lang change nothing: the version names what the
        // binary carries.
        for args in [
            vec![flag],
            vec![
                "--data",
                "tests/fixtures/minimal.json",
                "--lang",
                "es",
                flag,
            ],
        ] {
            let run = heatwatch(&args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            assert_eq!(run.stdout.trim_end(), expected, "{args:?}");
        }
    }
}

#[test]
fn every_command_has_help() {
    for cmd in [
        "search",
        "show",
        "hotlines",
        "roles",
        "export",
        "check",
        "schema",
        "completions",
        "man",
    ] {
        let run = heatwatch(&[cmd, "--help"]);
        assert_eq!(run.code, 0, "{cmd}");
        assert!(run.stdout.contains("Usage: heatwatch"), "{cmd}");
    }
}

#[test]
fn help_snapshot() {
    let run = heatwatch(&["--help"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("help", run.stdout);
}

#[test]
fn search_help_snapshot() {
    let run = heatwatch(&["search", "--help"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("search_help", run.stdout);
}

// --- pipes -----------------------------------------------------------------------------

/// A directory with many hotlines, so that output overflows a pipe's buffer.
fn big_directory(dir: &Path) -> PathBuf {
    let mut v: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let template = v["hotlines"][0].clone();
    let lines: Vec<Value> = (0..3000)
        .map(|i| {
            let mut h = template.clone();
            h["id"] = Value::String(format!("line-{i}"));
            h["name"] = Value::String(format!("Line number {i}"));
            h["purpose"] = Value::String("A line for tests. ".repeat(8).trim().to_owned());
            h
        })
        .collect();
    v["hotlines"] = Value::Array(lines);
    v["roles"][0]["actions"][0]["hotlines"] = serde_json::json!(["line-0"]);
    let path = dir.join("big.json");
    std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
    path
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_directory(dir.path());
    for args in [
        &["hotlines"][..],
        &["hotlines", "--json"],
        &["export", "--format", "html"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("heatwatch"))
            .arg("--data")
            .arg(&data)
            .args(args)
            .env_remove("HEATWATCH_DATA")
            .env_remove("RUST_BACKTRACE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut first = String::new();
        BufReader::new(stdout).read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        // The reader is dropped here: the pipe closes with most of the output unread.
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

// --- hostile text ----------------------------------------------------------------------

/// Terminal and bidi attacks in every kind of text field.
const INLINE_HOSTILE: &str = r#"{
  "schema_version": 1,
  "directory": {
    "id": "hostile", "name": "\u001b[2JHostile\u0007 \u001b]52;c;aGVsbG8=\u0007Directory",
    "organization": "Org\u202e", "region": "Region\u001b]0;pwned\u0007",
    "emergency_number": "911", "retrieved": "2026-01-15",
    "sources": [{ "id": "s", "title": "A <b>source</b> \u001b]8;;https://evil.example/\u0007link", "retrieved": "2026-01-15" }]
  },
  "hotlines": [{
    "id": "hostile-line", "name": "Hostile \u001b[31mLine\u001b[0m \u202etip",
    "phone": "(510) 555-0100", "text": "233733", "tty": "711",
    "purpose": "<script>alert(1)</script> & \u001b]52;c;aGVsbG8=\u0007 tip; a,b",
    "hours": "24\u0007 hours", "languages": ["English\u001b[2J"], "notes": ["*md* [x](javascript:alert(1))"],
    "tags": ["tip"], "source": ["s"], "retrieved": "2026-01-15"
  }],
  "roles": [{
    "id": "hostile-role", "name": "Role\u001b[1m", "summary": "- list? # heading",
    "source": ["s"], "retrieved": "2026-01-15",
    "actions": [{ "id": "hostile-action", "title": "Act </section> now", "summary": "1. step",
      "next_steps": ["\u001b]0;title\u0007Call"], "hotlines": ["hostile-line"],
      "source": ["s"], "retrieved": "2026-01-15" }]
  }]
}"#;

/// The other engineer's fixture when it is there, and an inline one in any case.
fn hostile_files(dir: &Path) -> Vec<PathBuf> {
    let inline = dir.join("hostile-inline.json");
    std::fs::write(&inline, INLINE_HOSTILE).unwrap();
    let mut files = vec![inline];
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.json");
    if fixture.exists() {
        files.push(fixture);
    }
    files
}

#[test]
fn hostile_text_gives_valid_json_and_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    for file in hostile_files(dir.path()) {
        let data = file.to_str().unwrap();
        let with = |args: &[&str]| {
            let mut all = vec!["--data", data];
            all.extend_from_slice(args);
            let run = heatwatch(&all);
            assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
            assert_no_controls(&format!("{all:?}"), &run.stdout);
            assert_no_controls(&format!("{all:?} stderr"), &run.stderr);
            run
        };

        let search = with(&["search", "tip", "--json"]).json();
        let first = &search[0];
        assert_eq!(first["id"], "hostile-line", "{data}");
        assert!(
            first["tel"]
                .as_str()
                .unwrap()
                .starts_with("tel:+15105550100"),
            "{data}: {first}"
        );
        let hotlines = with(&["hotlines", "--json"]).json();
        assert_eq!(hotlines["hotlines"][0]["id"], "hostile-line");
        with(&["roles", "--json"]).json();
        with(&["show", "hostile-line", "--json"]).json();
        with(&["show", "hostile-action", "--json"]).json();

        for args in [
            &["search", "tip"][..],
            &["hotlines"],
            &["roles"],
            &["show", "hostile-line"],
            &["show", "hostile-action"],
            &["export"],
            &["export", "--format", "markdown"],
            &["export", "--format", "vcard"],
        ] {
            with(args);
        }
        // Colour adds only its own SGR sequences: nothing but ESC [ 1 m / ESC [ 0 m.
        let coloured = heatwatch(&["--data", data, "--color", "always", "hotlines"]).stdout;
        let stripped = coloured.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
        assert_no_controls("coloured hotlines", &stripped);

        // HTML: well-formed, only the tags heatwatch writes, no script.
        let html = with(&["export", "--format", "html"]).stdout;
        let allowed = [
            "html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2", "h3",
            "h4", "p", "strong", "a", "span", "dl", "dt", "dd", "ul", "ol", "li",
        ];
        for name in check_html(&html) {
            assert!(allowed.contains(&name.as_str()), "{data}: <{name}>");
        }
        assert!(!html.to_ascii_lowercase().contains("<script"), "{data}");
        assert!(!html.contains("href=\"javascript"), "{data}");

        // vCard: still one well-formed card per hotline.
        let cards = parse_vcards(&with(&["export", "--format", "vcard"]).stdout);
        assert_eq!(cards.len(), hotlines["hotlines"].as_array().unwrap().len());
    }
}

#[test]
fn options_of_the_interactive_app_are_usage_errors_for_commands() {
    for args in [
        &["roles", "--kiosk"][..],
        &["--kiosk", "roles"],
        &["hotlines", "--theme", "high-contrast"],
        &["--idle-reset", "40", "search", "tip"],
        &["--kiosk-pin-file", "x", "check", "data/directory.json"],
    ] {
        let run = common::run_heatwatch(args, &[]);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        let option = args.iter().find(|a| a.starts_with("--")).unwrap();
        assert!(
            run.stderr.contains(option) && run.stdout.is_empty(),
            "{args:?}: {}",
            run.stderr
        );
    }
    // After the command, clap refuses the option itself; before it, heatwatch does, in
    // the interface language.
    let es = common::run_heatwatch(&["--lang", "es", "--kiosk", "roles"], &[]);
    assert!(
        es.stderr.contains("--kiosk") && es.stderr.contains("solo de la aplicación"),
        "{}",
        es.stderr
    );
}

#[test]
fn the_schema_names_the_format_not_an_internal_type() {
    let run = common::run_heatwatch(&["schema"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let schema = run.json();
    assert_eq!(schema["title"], "heatwatch directory file");
    assert!(
        !run.stdout.contains("\"RawFile\""),
        "an internal type name leaks"
    );
}

#[test]
fn an_unknown_language_is_a_usage_error_that_lists_the_languages() {
    for args in [&["--lang", "fr", "roles"][..], &["--lang", "xx"]] {
        let run = common::run_heatwatch(args, &[]);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("en") && run.stderr.contains("es") && run.stdout.is_empty(),
            "{args:?}: {}",
            run.stderr
        );
    }
    let run = common::run_heatwatch(&["--lang", "es", "roles", "--json"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Runs heatwatch with `args`, its stderr on `/dev/full` (every write fails with ENOSPC)
/// or closed, and returns the exit code: never 101, the code of a panic.
fn code_with_stderr_unwritable(args: &[&str], closed: bool) -> i32 {
    let bin = assert_cmd::cargo::cargo_bin!("heatwatch");
    let output = if closed {
        // `exec 2>&-` closes descriptor 2 before heatwatch starts.
        std::process::Command::new("sh")
            .arg("-c")
            .arg("exec 2>&- \"$0\" \"$@\"")
            .arg(bin)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("HEATWATCH_DATA")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    } else {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        std::process::Command::new(bin)
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("HEATWATCH_DATA")
            .stdin(Stdio::null())
            .stderr(full)
            .output()
            .unwrap()
    };
    output.status.code().expect("heatwatch exits, not killed")
}

#[test]
fn a_full_or_closed_stderr_never_panics() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.json");
    let import = [
        "import",
        "hsds",
        "tests/fixtures/hsds/v3.0-examples/service_full.json",
        "-o",
        out.to_str().unwrap(),
    ];
    for closed in [false, true] {
        // Nothing found: the notice on stderr cannot be written, the exit code stays 1.
        assert_eq!(
            code_with_stderr_unwritable(&["search", "zzzqqq"], closed),
            1,
            "closed: {closed}"
        );
        // An error (a missing file): exit 2 as usual.
        assert_eq!(
            code_with_stderr_unwritable(&["check", "/nonexistent/x.json"], closed),
            2,
            "closed: {closed}"
        );
        // The interactive app without a terminal fails with a message it cannot write.
        assert_ne!(
            code_with_stderr_unwritable(&[], closed),
            101,
            "closed: {closed}"
        );
        // import writes its report to stderr after the file.
        assert_eq!(
            code_with_stderr_unwritable(&import, closed),
            0,
            "closed: {closed}"
        );
        assert!(out.exists());
    }
}

#[test]
fn role_names_work_in_every_language_of_the_file() {
    let en = run_heatwatch(&["search", "tip", "--role", "Fuerzas del orden"], &[]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    // Results from inside that role only: its actions' ids start with its own.
    assert!(en.stdout.contains("[law-enforcement-"), "{}", en.stdout);
    assert!(!en.stdout.contains("[community-member"), "{}", en.stdout);
    let es = run_heatwatch(
        &["--lang", "es", "export", "--role", "Law Enforcement"],
        &[],
    );
    assert_eq!(es.code, 0, "{}", es.stderr);
    assert!(es.stdout.contains("Fuerzas del orden"), "{}", es.stdout);
    let none = run_heatwatch(&["search", "tip", "--role", "Nadie Aquí"], &[]);
    assert_eq!(none.code, 2, "{}", none.stderr);
}

#[test]
fn vcard_with_a_role_is_a_usage_error() {
    let run = run_heatwatch(
        &["export", "--format", "vcard", "--role", "law-enforcement"],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("--role does not apply to --format vcard"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_parse_error_names_the_root_as_the_top_level() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("cut.json");
    std::fs::write(&bad, "{\n").unwrap();
    let run = run_heatwatch(&["check", bad.to_str().unwrap()], &[]);
    assert!(
        run.stdout.contains("the top level (line 2, column 0)")
            || run.stderr.contains("the top level (line 2, column 0)"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(!format!("{}{}", run.stdout, run.stderr).contains("? (line"));
}

#[test]
fn hotlines_and_the_handout_give_the_emergency_number_once() {
    for args in [&["hotlines"][..], &["export", "--format", "text"]] {
        let run = heatwatch(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // Once as the opening line (an action's "who to call" list may name it again).
        assert_eq!(
            run.stdout
                .lines()
                .filter(|l| l.starts_with("Emergency: 911"))
                .count(),
            1,
            "{args:?}: {}",
            run.stdout
        );
        assert!(
            !run.stdout.contains("Call: 911"),
            "{args:?}: {}",
            run.stdout
        );
    }
    // The record itself is still there for scripts.
    let json = heatwatch(&["hotlines", "--json"]);
    assert!(json.stdout.contains("emergency-911"), "{}", json.stdout);
}
