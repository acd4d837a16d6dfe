#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Every contact detail of the embedded directory comes from a stored source.
//!
//! Walks every string of `data/directory.json` and fails unless each phone-shaped run of
//! digits, each web address and each email address in it appears in one of the source
//! files under `data/sources/`. A number typed from memory, a guessed address or a
//! "fixed" digit fails the build.

use serde_json::Value;

/// The directory, as the binary embeds it.
const DIRECTORY: &str = include_str!("../../data/directory.json");

/// The stored sources, by the path that `directory.sources[].file` names them with.
const SOURCES: &[(&str, &str)] = &[
    (
        "data/sources/heat-watch-page.txt",
        include_str!("../../data/sources/heat-watch-page.txt"),
    ),
    (
        "data/sources/national-hotline.md",
        include_str!("../../data/sources/national-hotline.md"),
    ),
    (
        "data/sources/round2.md",
        include_str!("../../data/sources/round2.md"),
    ),
];

/// Characters that may join the digits of a phone number as written.
const PHONE_PUNCTUATION: &[char] = &[' ', '(', ')', '-', '.', '/', '+', '\u{a0}'];

/// Top-level domains that make a token like `word.org/path` a web address.
const TLDS: &[&str] = &[
    "org", "gov", "com", "net", "edu", "mil", "int", "info", "io", "us",
];

/// Fields holding dates, which are not contact details.
const DATE_FIELDS: &[&str] = &["retrieved", "verified", "date", "page_date"];

/// Phone-shaped runs of `s`: a digit, then digits and phone punctuation, with trailing
/// punctuation dropped, holding at least three digits. ISO dates are not phone numbers.
fn phone_runs(s: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut current = String::new();
    for c in s.chars().chain(std::iter::once('\n')) {
        if c.is_ascii_digit() || (!current.is_empty() && PHONE_PUNCTUATION.contains(&c)) {
            current.push(c);
        } else if !current.is_empty() {
            let run = current.trim_end_matches(PHONE_PUNCTUATION).to_owned();
            if digits(&run).len() >= 3 && !is_iso_date(&run) {
                runs.push(run);
            }
            current.clear();
        }
    }
    runs
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Whitespace-separated tokens with surrounding punctuation removed.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
        .map(|t| t.trim_matches(|c: char| "\"'()[]<>,;:!?.“”‘’".contains(c)))
        .filter(|t| !t.is_empty())
}

/// Whether a token is a web address: a scheme, `www.`, or `name.tld` with an optional path.
fn is_url(t: &str) -> bool {
    if t.contains("://") || t.to_ascii_lowercase().starts_with("www.") {
        return true;
    }
    let host = t.split('/').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| TLDS.contains(&tld.to_ascii_lowercase().as_str()))
}

fn is_email(t: &str) -> bool {
    let mut parts = t.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty()
    )
}

/// What one contact detail was checked as.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Detail {
    /// The digits of a phone-shaped run.
    Phone(String),
    Url(String),
    Email(String),
}

/// Contact details with the JSON path of the string each was found in.
type Found = Vec<(String, Detail)>;

/// Every contact detail of every string value of `v` (date fields skipped), with the
/// JSON path of the string.
fn details(v: &Value, path: &str, out: &mut Found) {
    match v {
        Value::String(s) => {
            for run in phone_runs(s) {
                out.push((path.to_owned(), Detail::Phone(digits(&run))));
            }
            for t in tokens(s) {
                if is_email(t) {
                    out.push((path.to_owned(), Detail::Email(t.to_owned())));
                } else if is_url(t) {
                    out.push((path.to_owned(), Detail::Url(t.to_owned())));
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                details(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                if DATE_FIELDS.contains(&k.as_str()) {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                details(item, &p, out);
            }
        }
        _ => {}
    }
}

/// Whether `detail` appears in one of `sources`: phone digits within the digits of one
/// phone-shaped run of one source line, addresses verbatim.
fn sourced(detail: &Detail, sources: &[&str]) -> bool {
    match detail {
        Detail::Phone(d) => sources.iter().any(|text| {
            text.lines()
                .flat_map(phone_runs)
                .any(|run| digits(&run).contains(d.as_str()))
        }),
        Detail::Url(s) | Detail::Email(s) => sources.iter().any(|text| text.contains(s.as_str())),
    }
}

/// The details of `v` and those among them that no source holds.
fn check(v: &Value, sources: &[&str]) -> (Found, Found) {
    let mut all = Vec::new();
    details(v, "", &mut all);
    let missing = all
        .iter()
        .filter(|(_, d)| !sourced(d, sources))
        .cloned()
        .collect();
    (all, missing)
}

fn source_texts() -> Vec<&'static str> {
    SOURCES.iter().map(|(_, text)| *text).collect()
}

#[test]
fn detectors_detect() {
    assert_eq!(phone_runs("call 555-0100"), ["555-0100"]);
    assert_eq!(phone_runs("Call 1(888) 373-7888."), ["1(888) 373-7888"]);
    assert_eq!(phone_runs("line: (510) 208-4959."), ["510) 208-4959"]);
    assert_eq!(phone_runs("dial 711, or text 233733"), ["711", "233733"]);
    assert_eq!(phone_runs("emergency-911"), ["911"]);
    assert_eq!(phone_runs("24/7"), ["24/7"]);
    assert!(phone_runs("83% of them, ages 12").is_empty());
    assert!(phone_runs("read on 2026-11-27").is_empty());

    let urls: Vec<&str> = tokens("see example.org/x, https://a.example/b and www.example.net.")
        .filter(|t| is_url(t))
        .collect();
    assert_eq!(
        urls,
        ["example.org/x", "https://a.example/b", "www.example.net"]
    );
    for not_url in [
        "H.E.A.T.",
        "data/sources/heat-watch-page.txt",
        "national-hotline.md",
        "e.g.",
        "24/7",
    ] {
        assert!(
            !tokens(not_url).any(is_url),
            "{not_url} is not a web address"
        );
    }
    let emails: Vec<&str> = tokens("write to help@example.org.")
        .filter(|t| is_email(t))
        .collect();
    assert_eq!(emails, ["help@example.org"]);
}

#[test]
fn the_check_fails_on_unsourced_details() {
    let made_up = serde_json::json!({
        "phone": "call 555-0100",
        "notes": ["see example.org/x", "or write to help@example.org"],
        "retrieved": "2026-11-27",
        "tags": ["24/7"],
        "real": "1-888-373-7888"
    });
    let (all, missing) = check(&made_up, &source_texts());
    let missing: Vec<Detail> = missing.into_iter().map(|(_, d)| d).collect();
    assert_eq!(missing.len(), 3, "{missing:?}");
    for d in [
        Detail::Url("example.org/x".to_owned()),
        Detail::Email("help@example.org".to_owned()),
        Detail::Phone("5550100".to_owned()),
    ] {
        assert!(missing.contains(&d), "{d:?} was not caught: {missing:?}");
    }
    // The real number and 24/7 were checked and found; the date was skipped.
    assert_eq!(all.len(), 5, "{all:?}");
    assert!(all.iter().all(|(p, _)| p != "retrieved"));
    // A digit changed in a real number is caught.
    let typo = serde_json::json!({ "phone": "1(888) 373-7889" });
    assert_eq!(check(&typo, &source_texts()).1.len(), 1);
}

#[test]
fn every_contact_detail_of_the_embedded_directory_is_in_a_source_file() {
    let directory: Value = serde_json::from_str(DIRECTORY).expect("data/directory.json is JSON");
    let (all, missing) = check(&directory, &source_texts());
    assert!(
        missing.is_empty(),
        "not found in any file of data/sources/: {missing:#?}"
    );

    // The check was not vacuous: the HEAT Watch numbers were among those checked.
    let phones: Vec<&str> = all
        .iter()
        .filter_map(|(_, d)| match d {
            Detail::Phone(p) => Some(p.as_str()),
            _ => None,
        })
        .collect();
    for number in ["18883737888", "15102084959", "911", "233733", "711"] {
        assert!(
            phones.contains(&number),
            "{number} was not checked: {phones:?}"
        );
    }
    let urls = all
        .iter()
        .filter(|(_, d)| matches!(d, Detail::Url(_)))
        .count();
    assert!(
        urls >= 2,
        "the sources' addresses were not checked: {all:?}"
    );
}

#[test]
fn every_source_file_of_the_directory_is_checked_here() {
    let directory: Value = serde_json::from_str(DIRECTORY).unwrap();
    let sources = directory["directory"]["sources"].as_array().unwrap();
    assert!(!sources.is_empty());
    for s in sources {
        let file = s["file"].as_str().unwrap_or_else(|| {
            panic!("source {} names no file holding its text", s["id"]);
        });
        assert!(
            SOURCES.iter().any(|(path, _)| *path == file),
            "{file} is not among the files this test reads"
        );
    }
}

/// The text of the source file at `path`, as this test reads it.
fn source_file(path: &str) -> Option<&'static str> {
    SOURCES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// The quotes of a source record that its file does not hold word for word.
fn unquoted(source: &Value) -> Vec<String> {
    let text = source["file"].as_str().and_then(source_file).unwrap_or("");
    source["quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|q| !text.contains(q))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_cited_quote_is_in_its_source_file_word_for_word() {
    let directory: Value = serde_json::from_str(DIRECTORY).unwrap();
    let sources = directory["directory"]["sources"].as_array().unwrap();
    let mut quotes = 0;
    for s in sources {
        let cited = s["quotes"].as_array().map_or(0, Vec::len);
        assert!(
            cited > 0,
            "source {} cites no quote that its records rely on",
            s["id"]
        );
        quotes += cited;
        let missing = unquoted(s);
        assert!(
            missing.is_empty(),
            "source {}: not word for word in {}: {missing:#?}",
            s["id"],
            s["file"]
        );
    }
    assert!(quotes >= 40, "only {quotes} quotes were checked");
}

#[test]
fn a_quote_changed_by_one_word_or_in_the_wrong_file_is_caught() {
    let directory: Value = serde_json::from_str(DIRECTORY).unwrap();
    let sources = directory["directory"]["sources"].as_array().unwrap();
    let mut relay = sources
        .iter()
        .find(|s| s["id"] == "nidcd-trs")
        .unwrap()
        .clone();
    assert!(unquoted(&relay).is_empty());
    // "give" is not the source's word.
    relay["quotes"][0] = Value::String(
        relay["quotes"][0]
            .as_str()
            .unwrap()
            .replace("dial 711", "dial 711 and give"),
    );
    assert_eq!(unquoted(&relay).len(), 1);
    // A true quote, credited to a file that does not hold it.
    let mut page = sources
        .iter()
        .find(|s| s["id"] == "heat-watch-page")
        .unwrap()
        .clone();
    page["quotes"] = serde_json::json!(["All relay calls are confidential."]);
    assert_eq!(unquoted(&page).len(), 1);
}

#[test]
fn every_source_a_record_cites_is_a_source_of_the_directory_with_its_dates() {
    let directory: Value = serde_json::from_str(DIRECTORY).unwrap();
    for s in directory["directory"]["sources"].as_array().unwrap() {
        // Read on a stated date; nobody phoned anyone.
        let read = s["retrieved"].as_str().unwrap();
        assert!(
            ["2026-11-27", "2026-12-04"].contains(&read),
            "{}: read on {read}?",
            s["id"]
        );
        assert!(s.get("verified").is_none());
        // An outside page has its address.
        if s["id"] != "heat-watch-page" {
            assert!(s["url"].is_string(), "{} has no address", s["id"]);
        }
    }
}
