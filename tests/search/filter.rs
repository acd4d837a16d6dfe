#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The filter model of #7 (`heatwatch::filter`): language, area, phone type and "open
//! now", each on its own and combined; "open now" across the daylight saving time changes
//! of America/Los_Angeles, overnight hours, "24:00", "always", no time zone; hostile
//! filter values; and the loader's checks of `schedule` and `time_zone`.
//!
//! Every number here is fictional (555-01xx).

use heatwatch::clock::{Clock, FixedInstant};
use heatwatch::directory::{Directory, LoadError, RecordRef, load};
use heatwatch::filter::{Failure, Filters, Openness, PhoneNeed, openness};
use jiff::Timestamp;
use serde_json::{Value, json};

fn file(time_zone: Option<&str>) -> Value {
    let provenance = json!({"source": ["src"], "retrieved": "2026-01-15"});
    let with = |mut v: Value| {
        for (k, x) in provenance.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let mut directory = json!({
        "id": "filter-test",
        "name": "Filter test",
        "organization": "heatwatch tests",
        "region": "Example County",
        "emergency_number": "911",
        "retrieved": "2026-01-15",
        "sources": [{"id": "src", "title": "Made up for tests", "retrieved": "2026-01-15"}]
    });
    if let Some(tz) = time_zone {
        directory["time_zone"] = json!(tz);
    }
    json!({
        "schema_version": 1,
        "directory": directory,
        "hotlines": [
            with(json!({
                "id": "h-247", "name": "Round the clock line", "phone": "(555) 555-0100",
                "text": "555-555-0101", "purpose": "Help at any hour.",
                "hours": "24/7", "schedule": {"always": true},
                "languages": ["English", "Spanish"]
            })),
            with(json!({
                "id": "h-office", "name": "Office line", "phone": "(555) 555-0102",
                "tty": "(555) 555-0103", "purpose": "Office hours.",
                "hours": "Every day, 9 to 5",
                "schedule": {"weekly": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "opens": "09:00", "closes": "17:00"}]},
                "languages": ["Tagalog"]
            })),
            with(json!({
                "id": "h-silent", "name": "Line that states nothing", "phone": "(555) 555-0104",
                "purpose": "No hours, no languages.", "hours": "Weekdays 9 to 5"
            }))
        ],
        "facts": [with(json!({"id": "fact", "title": "A fact", "text": "Spanish Oakland text 24/7"}))],
        "roles": [with(json!({
            "id": "role", "name": "Community Member", "summary": "Spanish speakers in Oakland",
            "actions": [with(json!({"id": "action", "title": "Report", "summary": "Call."}))]
        }))],
        "events": [with(json!({"id": "event", "title": "Meeting", "text": "In Oakland, in Spanish."}))],
        "services": [
            with(json!({
                "id": "s-night", "name": "Night shelter", "area": "Oakland",
                "phones": [{"number": "555-555-0110", "kind": "text"}],
                "schedule": {"weekly": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "opens": "22:00", "closes": "06:00"}]},
                "languages": ["es-MX"]
            })),
            with(json!({
                "id": "s-late", "name": "Late desk", "address": "12 Calle Ñandú, San José",
                "phones": [{"number": "555-555-0111"}, {"number": "555-555-0112", "kind": "fax"}],
                "schedule": {"weekly": [{"days": ["MON"], "opens": "18:00", "closes": "24:00"}]},
                "languages": ["Español"]
            })),
            with(json!({
                "id": "s-zh", "name": "Family centre", "area": "Fremont",
                "phones": [{"number": "555-555-0113", "kind": "tty"}],
                "languages": ["Chinese (Mandarin)", "Vietnamese"]
            }))
        ]
    })
}

fn dir_with(time_zone: Option<&str>) -> Directory {
    load::from_bytes(file(time_zone).to_string().as_bytes()).unwrap()
}

fn dir() -> Directory {
    dir_with(Some("America/Los_Angeles"))
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Noon on a Wednesday in Los Angeles (PST).
const NOON: &str = "2026-12-02T20:00:00Z";

/// The ids `f` accepts at `now`, in the directory's order.
fn accepted(d: &Directory, f: &Filters, now: &str) -> Vec<String> {
    let now = at(now);
    d.records()
        .into_iter()
        .filter(|r| f.accepts(d, *r, now))
        .map(|r| d.id_of(r).unwrap().to_owned())
        .collect()
}

fn language(l: &str) -> Filters {
    Filters {
        language: Some(l.to_owned()),
        ..Filters::default()
    }
}

fn area(a: &str) -> Filters {
    Filters {
        area: Some(a.to_owned()),
        ..Filters::default()
    }
}

fn phone(p: PhoneNeed) -> Filters {
    Filters {
        phone: Some(p),
        ..Filters::default()
    }
}

const OPEN_NOW: Filters = Filters {
    language: None,
    area: None,
    phone: None,
    open_now: true,
};

fn open(d: &Directory, id: &str, now: &str) -> Openness {
    openness(d, d.find(id).unwrap(), at(now))
}

#[test]
fn without_filters_everything_is_accepted() {
    let d = dir();
    let f = Filters::default();
    assert!(f.is_empty());
    assert_eq!(accepted(&d, &f, NOON).len(), d.records().len());
    assert!(accepted(&d, &f, NOON).contains(&"role".to_owned()));
}

#[test]
fn language_by_code_english_name_or_own_name() {
    let d = dir();
    let spanish = ["h-247", "s-night", "s-late"];
    for q in [
        "es",
        "Spanish",
        "español",
        "ESPANOL",
        "  spanish  ",
        "spa",
        "Castellano",
    ] {
        assert_eq!(accepted(&d, &language(q), NOON), spanish, "{q}");
    }
    for q in ["tl", "Tagalog", "filipino"] {
        assert_eq!(accepted(&d, &language(q), NOON), ["h-office"], "{q}");
    }
    for q in ["zh", "Chinese", "Mandarin", "中文"] {
        assert_eq!(accepted(&d, &language(q), NOON), ["s-zh"], "{q}");
    }
    // A record that names Mandarin does not speak Cantonese.
    assert!(accepted(&d, &language("Cantonese"), NOON).is_empty());
    assert_eq!(accepted(&d, &language("vi"), NOON), ["s-zh"]);
    assert_eq!(accepted(&d, &language("English"), NOON), ["h-247"]);
    // Not in the table: a folded substring of a stated language.
    assert_eq!(accepted(&d, &language("viet"), NOON), ["s-zh"]);
    assert!(accepted(&d, &language("Klingon"), NOON).is_empty());
    // A code is not a substring: "am" (Amharic) is in no language here.
    assert!(accepted(&d, &language("am"), NOON).is_empty());
}

#[test]
fn a_record_that_states_no_language_does_not_match() {
    let d = dir();
    let silent = d.find("h-silent").unwrap();
    let f = language("English");
    assert!(!f.accepts(&d, silent, at(NOON)));
    assert_eq!(f.failures(&d, silent, at(NOON)), [Failure::Language]);
}

#[test]
fn area_is_a_folded_substring_of_area_or_address_and_hotlines_have_none() {
    let d = dir();
    // Hotlines have no area (a national or county-wide line): they pass every area
    // filter (issue 17 §3); services must have the text in their area or address.
    let hotlines = ["h-247", "h-office", "h-silent"];
    let with = |s: &[&str]| {
        hotlines
            .iter()
            .chain(s)
            .map(|x| (*x).to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(accepted(&d, &area("oakland"), NOON), with(&["s-night"]));
    assert_eq!(accepted(&d, &area("OAK"), NOON), with(&["s-night"]));
    assert_eq!(accepted(&d, &area("san jose"), NOON), with(&["s-late"]));
    assert_eq!(accepted(&d, &area("Ñandú"), NOON), with(&["s-late"]));
    assert_eq!(accepted(&d, &area("Fremont"), NOON), with(&["s-zh"]));
    assert_eq!(accepted(&d, &area("Berkeley"), NOON), with(&[]));
    let h = d.find("h-247").unwrap();
    assert!(area("a").failures(&d, h, at(NOON)).is_empty());
    let s = d.find("s-zh").unwrap();
    assert_eq!(area("Berkeley").failures(&d, s, at(NOON)), [Failure::Area]);
}

#[test]
fn phone_types() {
    let d = dir();
    assert_eq!(
        accepted(&d, &phone(PhoneNeed::Text), NOON),
        ["h-247", "s-night"]
    );
    assert_eq!(
        accepted(&d, &phone(PhoneNeed::Tty), NOON),
        ["h-office", "s-zh"]
    );
}

#[test]
fn other_records_are_not_accepted_when_a_filter_is_active() {
    let d = dir();
    for f in [
        language("Spanish"),
        area("Oakland"),
        phone(PhoneNeed::Text),
        OPEN_NOW,
    ] {
        assert!(!f.is_empty());
        let ids = accepted(&d, &f, NOON);
        for other in ["fact", "role", "action", "event"] {
            assert!(!ids.contains(&other.to_owned()), "{f:?} accepted {other}");
        }
    }
    let role = d.find("role").unwrap();
    assert_eq!(
        language("es").failures(&d, role, at(NOON)),
        [Failure::Language]
    );
    assert_eq!(openness(&d, role, at(NOON)), Openness::Unknown);
    assert_eq!(
        openness(&d, RecordRef::Service(99), at(NOON)),
        Openness::Unknown
    );
}

#[test]
fn filters_combine() {
    let d = dir();
    let f = Filters {
        language: Some("es".into()),
        phone: Some(PhoneNeed::Text),
        open_now: true,
        area: None,
    };
    // Noon: the night shelter is closed, the 24/7 line open.
    assert_eq!(accepted(&d, &f, NOON), ["h-247"]);
    // 23:00 on Wednesday: both.
    assert_eq!(
        accepted(&d, &f, "2026-12-03T07:00:00Z"),
        ["h-247", "s-night"]
    );
    let night = d.find("s-night").unwrap();
    assert_eq!(f.failures(&d, night, at(NOON)), [Failure::OpenNow]);
    let office = d.find("h-office").unwrap();
    assert_eq!(
        f.failures(&d, office, at(NOON)),
        [Failure::Language, Failure::Phone]
    );
    // Hotlines have no area: an area filter keeps them (issue 17 §3).
    let with_area = Filters {
        area: Some("Oakland".into()),
        ..f
    };
    assert_eq!(
        accepted(&d, &with_area, "2026-12-03T07:00:00Z"),
        ["h-247", "s-night"]
    );
}

#[test]
fn open_now_nine_to_five_on_the_day_clocks_go_forward() {
    let d = dir();
    // Saturday 2026-03-07, PST (UTC−8).
    assert_eq!(
        open(&d, "h-office", "2026-03-07T16:59:00Z"),
        Openness::Closed
    );
    assert_eq!(open(&d, "h-office", "2026-03-07T17:00:00Z"), Openness::Open);
    // Sunday 2026-03-08: PDT (UTC−7) from 02:00. 09:30 PDT is open (in PST it would
    // be 08:30); 17:30 PDT is closed (16:30 in PST).
    assert_eq!(
        open(&d, "h-office", "2026-03-08T15:59:00Z"),
        Openness::Closed
    );
    assert_eq!(open(&d, "h-office", "2026-03-08T16:00:00Z"), Openness::Open);
    assert_eq!(open(&d, "h-office", "2026-03-08T16:30:00Z"), Openness::Open);
    assert_eq!(open(&d, "h-office", "2026-03-08T23:59:00Z"), Openness::Open);
    assert_eq!(
        open(&d, "h-office", "2026-03-09T00:00:00Z"),
        Openness::Closed
    );
    assert_eq!(
        open(&d, "h-office", "2026-03-09T00:30:00Z"),
        Openness::Closed
    );
}

#[test]
fn open_now_nine_to_five_on_the_day_clocks_go_back() {
    let d = dir();
    // Sunday 2026-11-01: PST (UTC−8) from 02:00 PDT. 08:30 PST is closed (in PDT it
    // would be 09:30); 16:59 PST is open, 17:00 closed.
    assert_eq!(
        open(&d, "h-office", "2026-11-01T16:30:00Z"),
        Openness::Closed
    );
    assert_eq!(open(&d, "h-office", "2026-11-01T17:00:00Z"), Openness::Open);
    assert_eq!(open(&d, "h-office", "2026-11-02T00:59:00Z"), Openness::Open);
    assert_eq!(
        open(&d, "h-office", "2026-11-02T01:00:00Z"),
        Openness::Closed
    );
}

#[test]
fn overnight_hours_across_midnight_and_both_clock_changes() {
    let d = dir();
    // 22:00 to 06:00 every night, on an ordinary Wednesday (PST).
    assert_eq!(
        open(&d, "s-night", "2026-12-03T05:59:00Z"),
        Openness::Closed
    );
    assert_eq!(open(&d, "s-night", "2026-12-03T06:00:00Z"), Openness::Open);
    assert_eq!(open(&d, "s-night", "2026-12-03T08:00:00Z"), Openness::Open);
    assert_eq!(open(&d, "s-night", "2026-12-03T13:59:00Z"), Openness::Open);
    assert_eq!(
        open(&d, "s-night", "2026-12-03T14:00:00Z"),
        Openness::Closed
    );
    // 01:30 happens twice on 2026-11-01 (PDT, then PST): open both times.
    assert_eq!(open(&d, "s-night", "2026-11-01T08:30:00Z"), Openness::Open);
    assert_eq!(open(&d, "s-night", "2026-11-01T09:30:00Z"), Openness::Open);
    assert_eq!(open(&d, "s-night", "2026-11-01T13:59:00Z"), Openness::Open);
    assert_eq!(
        open(&d, "s-night", "2026-11-01T14:00:00Z"),
        Openness::Closed
    );
    // 2026-03-08 skips from 02:00 PST to 03:00 PDT: still open until 06:00 PDT.
    assert_eq!(open(&d, "s-night", "2026-03-08T10:30:00Z"), Openness::Open);
    assert_eq!(open(&d, "s-night", "2026-03-08T12:59:00Z"), Openness::Open);
    assert_eq!(
        open(&d, "s-night", "2026-03-08T13:00:00Z"),
        Openness::Closed
    );
}

#[test]
fn closing_at_twenty_four_hundred() {
    let d = dir();
    // Monday 2026-12-07, 18:00 to 24:00 (PST).
    assert_eq!(open(&d, "s-late", "2026-12-08T01:59:00Z"), Openness::Closed);
    assert_eq!(open(&d, "s-late", "2026-12-08T02:00:00Z"), Openness::Open);
    assert_eq!(open(&d, "s-late", "2026-12-08T07:59:59Z"), Openness::Open);
    // Tuesday 00:00: closed, and it does not run into Tuesday.
    assert_eq!(open(&d, "s-late", "2026-12-08T08:00:00Z"), Openness::Closed);
    assert_eq!(open(&d, "s-late", "2026-12-09T02:00:00Z"), Openness::Closed);
}

#[test]
fn always_is_open_at_any_instant() {
    let d = dir();
    for t in [
        NOON,
        "2026-03-08T10:30:00Z",
        "2026-11-01T09:30:00Z",
        "1970-01-01T00:00:00Z",
    ] {
        assert_eq!(open(&d, "h-247", t), Openness::Open, "{t}");
    }
}

#[test]
fn no_schedule_or_no_time_zone_is_unknown_and_not_open_now() {
    let d = dir();
    // The free-text hours ("Weekdays 9 to 5") are never read.
    assert_eq!(open(&d, "h-silent", NOON), Openness::Unknown);
    assert_eq!(open(&d, "s-zh", NOON), Openness::Unknown);
    let open_now = accepted(&d, &OPEN_NOW, NOON);
    assert_eq!(open_now, ["h-247", "h-office"]);

    let no_zone = dir_with(None);
    assert_eq!(no_zone.meta.time_zone, None);
    // Weekly hours mean nothing without a time zone; around the clock needs none.
    for id in ["h-office", "s-night", "s-late"] {
        assert_eq!(open(&no_zone, id, NOON), Openness::Unknown, "{id}");
    }
    assert_eq!(open(&no_zone, "h-247", NOON), Openness::Open);
    assert_eq!(accepted(&no_zone, &OPEN_NOW, NOON), ["h-247"]);
}

#[test]
fn a_fixed_offset_time_zone_and_an_injected_clock() {
    let d = dir_with(Some("-05:00"));
    // 09:00 to 17:00 at UTC−05:00, whatever the season.
    let clock = FixedInstant(at("2026-07-01T14:00:00Z"));
    let office = d.find("h-office").unwrap();
    assert!(OPEN_NOW.accepts(&d, office, clock.now()));
    let clock = FixedInstant(at("2026-07-01T13:59:00Z"));
    assert!(!OPEN_NOW.accepts(&d, office, clock.now()));
    assert_eq!(open(&d, "h-office", "2026-12-01T21:59:00Z"), Openness::Open);
    assert_eq!(
        open(&d, "h-office", "2026-12-01T22:00:00Z"),
        Openness::Closed
    );
}

#[test]
fn hostile_filter_values_do_not_panic() {
    let d = dir();
    let long = "ñ".repeat(100_000);
    let hostile = [
        "\u{1b}[31m",
        "\u{0}",
        "%s%n",
        ".*",
        "(",
        "\\",
        "\u{202e}hsinaps",
        "\u{200b}",
        "日本語",
        "🏳️‍🌈",
        "e\u{301}s",
        long.as_str(),
        "es-",
        "-",
        "/",
    ];
    for v in hostile {
        for f in [
            language(v),
            area(v),
            Filters {
                language: Some(v.into()),
                area: Some(v.into()),
                phone: Some(PhoneNeed::Tty),
                open_now: true,
            },
        ] {
            for r in d.records() {
                let a = f.accepts(&d, r, at(NOON));
                assert_eq!(a, f.is_empty() || f.failures(&d, r, at(NOON)).is_empty());
            }
        }
    }
    // Invisible characters are no filter at all.
    assert!(language("\u{200b}\u{1b}").is_empty());
    // A bidirectional override is cleaned away, not matched.
    assert_eq!(
        accepted(&d, &language("\u{202e}Spanish"), NOON),
        ["h-247", "s-night", "s-late"]
    );
    // Timestamps at the ends of the range.
    for t in [Timestamp::MIN, Timestamp::MAX] {
        for r in d.records() {
            let _ = openness(&d, r, t);
        }
    }
}

// --- the loader's checks ----------------------------------------------------------------

fn problems(v: &Value) -> Vec<String> {
    match load::from_bytes(v.to_string().as_bytes()) {
        Ok(_) => Vec::new(),
        Err(LoadError::Invalid(ps)) => ps.iter().map(ToString::to_string).collect(),
        Err(e) => vec![e.to_string()],
    }
}

#[test]
fn schedules_and_time_zones_are_checked_at_load() {
    let mut v = file(Some("America/Los_Angeles"));
    v["hotlines"][1]["schedule"]["weekly"][0]["days"][2] = json!("wednesday");
    v["hotlines"][1]["schedule"]["weekly"][0]["opens"] = json!("9:00");
    v["services"][0]["schedule"]["weekly"][0]["closes"] = json!("24:01");
    v["services"][1]["schedule"] =
        json!({"always": true, "weekly": [{"days": ["mon"], "opens": "09:00", "closes": "10:00"}]});
    v["services"][2]["schedule"] = json!({});
    v["hotlines"][2]["schedule"] =
        json!({"weekly": [{"days": [], "opens": "10:00", "closes": "10:00"}]});
    let p = problems(&v);
    let has = |path: &str, words: &str| {
        assert!(
            p.iter().any(|x| x.starts_with(path) && x.contains(words)),
            "no {path} … {words} in {p:#?}"
        );
    };
    has(
        "hotlines[1].schedule.weekly[0].days[2]:",
        "\"wednesday\" is not a day",
    );
    has(
        "hotlines[1].schedule.weekly[0].opens:",
        "\"9:00\" is not a time",
    );
    has(
        "services[0].schedule.weekly[0].closes:",
        "\"24:01\" is not a time",
    );
    has("services[1].schedule:", "both \"always\" and \"weekly\"");
    has("services[2].schedule:", "says nothing");
    has("hotlines[2].schedule.weekly[0].days:", "no days");
    has("hotlines[2].schedule.weekly[0].closes:", "same time");
    assert_eq!(p.len(), 7, "{p:#?}");

    // "24:00" opens nothing; unknown fields are refused like everywhere else.
    let mut v = file(None);
    v["hotlines"][1]["schedule"]["weekly"][0]["opens"] = json!("24:00");
    has_one(
        &v,
        "hotlines[1].schedule.weekly[0].opens:",
        "from 00:00 to 23:59",
    );
    let mut v = file(None);
    v["hotlines"][0]["schedule"]["open"] = json!(true);
    has_one(&v, "hotlines[0].schedule.open", "unknown field");
}

fn has_one(v: &Value, path: &str, words: &str) {
    let p = problems(v);
    assert!(
        p.len() == 1 && p[0].starts_with(path) && p[0].contains(words),
        "{p:#?}"
    );
}

#[test]
fn time_zones_are_iana_names_or_fixed_offsets() {
    for ok in [
        "America/Los_Angeles",
        "america/los_angeles",
        "UTC",
        "Europe/London",
        "Etc/GMT+5",
        "-05:00",
        "+05:30",
        "+14:00",
    ] {
        assert!(problems(&file(Some(ok))).is_empty(), "{ok}");
    }
    let d = dir();
    assert_eq!(
        d.meta.time_zone.as_ref().and_then(|tz| tz.iana_name()),
        Some("America/Los_Angeles")
    );
    for bad in [
        "Mars/Olympus_Mons",
        "Pacific",
        "PST8PDT8",
        "../../etc/passwd",
        "/etc/localtime",
        "America//Los_Angeles",
        "Etc/Unknown",
        "+15:00",
        "-5",
        "+5:00",
        "\u{1b}[2J",
        " ",
        "",
    ] {
        let p = problems(&file(Some(bad)));
        if bad.trim().is_empty() {
            // Blank is no time zone, as if left out.
            assert!(p.is_empty(), "{bad:?}: {p:#?}");
            continue;
        }
        assert!(
            p.len() == 1
                && p[0].starts_with("directory.time_zone:")
                && p[0].contains("is not a time zone")
                && !p[0].contains('\u{1b}'),
            "{bad:?}: {p:#?}"
        );
    }
}

#[test]
fn the_embedded_directory_says_when_the_national_hotline_is_open() {
    let d = load::embedded().unwrap();
    assert_eq!(
        d.meta.time_zone.as_ref().and_then(|tz| tz.iana_name()),
        Some("America/Los_Angeles")
    );
    let national = d.find("national-hotline").unwrap();
    assert_eq!(openness(&d, national, at(NOON)), Openness::Open);
    // Only the line whose source states its hours has a schedule.
    for (i, h) in d.hotlines.iter().enumerate() {
        if RecordRef::Hotline(i) != national {
            assert!(h.schedule.is_none(), "{}", h.id);
        }
    }
    assert!(d.services.iter().all(|s| s.schedule.is_none()));
}
