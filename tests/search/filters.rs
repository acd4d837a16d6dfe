#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Narrowing a directory (#7): the app's filter bar and `heatwatch search`'s filter
//! options, and how fresh every record is said to be (in the detail, and "[old]" marks
//! in lists that do not rely on colour).
//!
//! The fixture `tests/fixtures/filters.json` holds fictional 555-01XX numbers: hotlines
//! and services with languages, areas, text and TTY lines, and schedules in
//! America/Los_Angeles.

use crate::common;

use assert_cmd::cargo::cargo_bin_cmd;
use common::{app_for, ctrl, press, screen_text, type_str};
use heatwatch::directory::{RecordRef, load};
use heatwatch::filter::PhoneNeed;
use heatwatch::tui::action::Action;
use heatwatch::tui::app::{App, FilterField, Item, Section};
use ratatui::crossterm::event::KeyCode;

const FIXTURE: &str = "tests/fixtures/filters.json";

fn app(w: u16, h: u16) -> App {
    let bytes = std::fs::read(FIXTURE).unwrap();
    app_for(load::from_bytes(&bytes).unwrap(), w, h)
}

/// Names of the rows of a section, as the app lists them.
fn rows(app: &App, section: Section) -> Vec<String> {
    (0..app.item_count(section))
        .map(|i| match app.item_at(section, i) {
            Some(Item::Record(r)) => app.dir.title_of(r).unwrap_or_default().to_owned(),
            None => "none".to_owned(),
        })
        .collect()
}

fn at(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

#[test]
fn the_filter_bar_narrows_hotlines_and_services_as_you_type() {
    let mut app = app(100, 30);
    assert_eq!(rows(&app, Section::Services).len(), 3);
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.filter_bar(), Some(FilterField::Language));
    type_str(&mut app, "spanish");
    assert_eq!(app.filters.language.as_deref(), Some("spanish"));
    assert_eq!(rows(&app, Section::Hotlines), ["Round the clock line"]);
    // "es-MX" and "Español" both state Spanish.
    assert_eq!(
        rows(&app, Section::Services),
        ["Night shelter", "Late desk"]
    );
    // Letters that would be commands elsewhere are typed here.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.filter_bar(), Some(FilterField::Area));
    type_str(&mut app, "san jq");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_str(&mut app, "j");
    assert_eq!(app.filters.area.as_deref(), Some("san j"));
    assert_eq!(rows(&app, Section::Services), ["Late desk"]);
    // Hotlines have no area (a national or county-wide line serves every area): an
    // area filter keeps them; the language filter still applies.
    assert_eq!(rows(&app, Section::Hotlines), ["Round the clock line"]);
    // Esc closes the bar; the filters stay on and are named above the lists.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.filter_bar(), None);
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("Filters on"), "{screen}");
    assert!(screen.contains("Language spanish · Area san j"), "{screen}");
    // F turns every filter off.
    press(&mut app, KeyCode::Char('F'));
    assert!(app.filters.is_empty());
    assert_eq!(rows(&app, Section::Services).len(), 3);
    assert!(!screen_text(&app, 100, 30).contains("Filters on"));
}

#[test]
fn phone_type_and_open_now_are_choices_switched_with_space() {
    let mut app = app(100, 30);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.filter_bar(), Some(FilterField::Phone));
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.filters.phone, Some(PhoneNeed::Text));
    assert_eq!(rows(&app, Section::Hotlines), ["Round the clock line"]);
    assert_eq!(rows(&app, Section::Services), ["Night shelter"]);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.filters.phone, Some(PhoneNeed::Tty));
    assert_eq!(rows(&app, Section::Hotlines), ["Office line"]);
    assert_eq!(rows(&app, Section::Services), ["Family centre"]);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.filters.phone, None);
    // Up goes back a field, Down (like Tab) forward, wrapping.
    press(&mut app, KeyCode::Down);
    assert_eq!(app.filter_bar(), Some(FilterField::OpenNow));
    press(&mut app, KeyCode::Down);
    assert_eq!(app.filter_bar(), Some(FilterField::Language));
    press(&mut app, KeyCode::Up);
    assert_eq!(app.filter_bar(), Some(FilterField::OpenNow));

    // Monday 2 March 2026, 23:30 in Los Angeles (07:30 UTC on Tuesday).
    app.update(Action::Clock(at("2026-03-03T07:30:00Z")));
    press(&mut app, KeyCode::Char(' '));
    assert!(app.filters.open_now);
    assert_eq!(rows(&app, Section::Hotlines), ["Round the clock line"]);
    assert_eq!(
        rows(&app, Section::Services),
        ["Night shelter", "Late desk"]
    );
    // The clock moves on: at 00:30 on Tuesday the Monday evening desk has closed.
    app.update(Action::Clock(at("2026-03-03T08:30:00Z")));
    assert_eq!(rows(&app, Section::Services), ["Night shelter"]);
    // Noon: the office line is open and the night shelter is not.
    app.update(Action::Clock(at("2026-03-03T20:00:00Z")));
    assert_eq!(
        rows(&app, Section::Hotlines),
        ["Round the clock line", "Office line"]
    );
    // Nothing passes: no row, a message instead.
    assert_eq!(rows(&app, Section::Services), Vec::<String>::new());
    assert_eq!(
        app.empty_message(Section::Services),
        Some(app.msg.filters_no_match)
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.section(), Some(Section::Services));
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Nothing here matches the filters"),
        "{screen}"
    );
}

#[test]
fn the_filter_bar_is_drawn_with_its_fields_and_the_cursor_in_the_focused_one() {
    let mut app = app(100, 30);
    press(&mut app, KeyCode::Char('f'));
    type_str(&mut app, "es");
    let mut terminal = common::render(&app, 100, 30);
    let screen = screen_text(&app, 100, 30);
    let line = screen
        .lines()
        .find(|l| l.starts_with("Filters:"))
        .unwrap_or_else(|| panic!("no filter bar:\n{screen}"));
    assert!(
        line.contains("Language [es]") && line.contains("Area []") && line.contains("Phone ‹any›"),
        "{line}"
    );
    // The cursor sits after "es", before the closing bracket.
    let x = line.find("[es]").unwrap() + "[es".len();
    let row = screen
        .lines()
        .position(|l| l.starts_with("Filters:"))
        .unwrap();
    terminal.backend_mut().assert_cursor_position((
        u16::try_from(line[..x].chars().count()).unwrap(),
        u16::try_from(row).unwrap(),
    ));
    // The footer says how to leave the bar; the hotline bar is still there.
    assert!(screen.contains("close"), "{screen}");
    assert!(screen.contains("Emergency: 911"), "{screen}");
}

#[test]
fn search_with_filters_finds_only_what_passes_them() {
    let mut app = app(100, 30);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' ')); // text lines only
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('/'));
    // "line" matches three hotlines; only one takes texts.
    type_str(&mut app, "line");
    let s = app.search.as_ref().unwrap();
    let hits: Vec<_> = s.results.hits.iter().map(|h| h.record).collect();
    assert_eq!(hits, [RecordRef::Hotline(0)]);
    // Without the filter, the same query finds more.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('F'));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "line");
    assert!(app.search.as_ref().unwrap().results.hits.len() >= 3);
}

#[test]
fn a_kiosk_reset_clears_the_filters() {
    let mut app = app(100, 30);
    app.kiosk = Some(heatwatch::tui::app::Kiosk::new(
        None,
        std::time::Duration::from_secs(5),
    ));
    app.update(Action::Tick(std::time::Duration::from_secs(0)));
    press(&mut app, KeyCode::Char('f'));
    type_str(&mut app, "tagalog");
    assert!(!app.filters.is_empty());
    app.update(Action::Tick(std::time::Duration::from_secs(6)));
    assert!(app.filters.is_empty(), "{:?}", app.filters);
    assert_eq!(app.filter_bar(), None);
    assert_eq!(rows(&app, Section::Hotlines).len(), 3);
}

#[test]
fn hostile_filter_text_is_kept_clean_and_short() {
    let mut app = app(60, 20);
    press(&mut app, KeyCode::Char('f'));
    app.update(Action::Paste(
        "\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m".repeat(20),
    ));
    let v = app.filters.language.clone().unwrap();
    assert!(!v.chars().any(char::is_control), "{v:?}");
    assert!(v.chars().count() <= 60, "{}", v.chars().count());
    // Ctrl-U clears the field; the lists come back whole.
    app.handle_event_sync(&ctrl('u'));
    assert!(app.filters.is_empty());
    for (w, h) in [(0, 0), (20, 5), (30, 10), (60, 20)] {
        app.update(Action::Resize(w, h));
        let _ = screen_text(&app, w.max(1), h.max(1));
    }
}

#[test]
fn every_detail_says_how_fresh_the_record_is_and_old_records_are_marked_in_words() {
    let mut app = app(120, 40);
    // Retrieved 2026-01-15; not verified.
    app.update(Action::Clock(at("2026-02-14T12:00:00Z")));
    press(&mut app, KeyCode::Enter);
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains("Retrieved 30 days ago; not verified."),
        "{screen}"
    );
    assert!(!screen.contains("[old]"), "{screen}");
    // A year and a day later every record is old: "[old]" in the list, and the detail
    // says so in a sentence.
    app.update(Action::Clock(at("2027-01-16T12:00:00Z")));
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains("[old] Office line (555) 555-0102"),
        "{screen}"
    );
    assert!(screen.contains("Retrieved 366 days ago"), "{screen}");
    assert!(
        screen.contains("OLD: nobody has looked at this for over 365"),
        "{screen}"
    );
    // The threshold is the operator's (--stale-days).
    app.stale_days = 400;
    assert!(!screen_text(&app, 120, 40).contains("[old]"));
    // Search results carry the mark too.
    app.stale_days = 30;
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "shelter");
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("[old]"), "{screen}");
}

#[test]
fn freshness_in_spanish() {
    let bytes = std::fs::read(FIXTURE).unwrap();
    let mut app = app_for(load::from_bytes(&bytes).unwrap(), 120, 40);
    app.msg = &heatwatch::i18n::app::es::ES;
    app.update(Action::Clock(at("2027-01-16T12:00:00Z")));
    press(&mut app, KeyCode::Enter);
    let screen = screen_text(&app, 120, 40);
    assert!(
        screen.contains("Consultado hace 366 días; no verificado."),
        "{screen}"
    );
    assert!(screen.contains("[antiguo]"), "{screen}");
}

// --- the command line ----------------------------------------------------------------

fn search(args: &[&str]) -> (i32, String, String) {
    let out = cargo_bin_cmd!("heatwatch")
        .args(["--data", FIXTURE, "search"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("HEATWATCH_DATA")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| {
            l.rsplit_once('[')
                .map(|(_, id)| id.trim_end_matches(']').to_owned())
        })
        .collect()
}

#[test]
fn search_filters_on_the_command_line() {
    // Filters alone, with an empty query, list what passes them in directory order.
    let (code, out, _) = search(&["--language", "es", ""]);
    assert_eq!(code, 0);
    assert_eq!(ids(&out), ["h-247", "s-night", "s-late"]);
    let (_, out, _) = search(&["--language", "vietnamese", ""]);
    assert_eq!(ids(&out), ["s-zh"]);
    // Hotlines have no area, and pass an area filter; services need one.
    let (_, out, _) = search(&["--area", "OAKLAND", ""]);
    assert_eq!(ids(&out), ["h-247", "h-office", "h-silent", "s-night"]);
    let (_, out, _) = search(&["--phone", "tty", ""]);
    assert_eq!(ids(&out), ["h-office", "s-zh"]);
    let (_, out, _) = search(&["--phone", "text", "--language", "spanish", ""]);
    assert_eq!(ids(&out), ["h-247", "s-night"]);
    // With a query: ranked, and only what passes.
    let (_, out, _) = search(&["--phone", "tty", "line"]);
    assert_eq!(ids(&out), ["h-office"]);
    // Nothing passes: exit 1, and the emergency number is given.
    let (code, out, err) = search(&["--area", "Nowhere", "desk"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("911"), "{err}");
}

#[test]
fn open_now_on_the_command_line_takes_an_injected_time() {
    // Monday 23:30 in Los Angeles.
    let (_, out, _) = search(&["--open-now", "--at", "2026-03-02T23:30:00-08:00", ""]);
    assert_eq!(ids(&out), ["h-247", "s-night", "s-late"]);
    // Tuesday noon.
    let (_, out, _) = search(&["--open-now", "--at", "2026-03-03T12:00:00-08:00", ""]);
    assert_eq!(ids(&out), ["h-247", "h-office"]);
    // --at needs --open-now, and a time it can read.
    let (code, _, err) = search(&["--at", "2026-03-03T12:00:00-08:00", "line"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = search(&["--open-now", "--at", "noon", "line"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = search(&["--phone", "fax", "line"]);
    assert_eq!(code, 2);
    assert!(err.contains("text") && err.contains("tty"), "{err}");
}

#[test]
fn check_warns_when_weekly_hours_have_no_time_zone() {
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(FIXTURE).unwrap()).unwrap();
    v["directory"].as_object_mut().unwrap().remove("time_zone");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-zone.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let run = |lang: &str| {
        let out = cargo_bin_cmd!("heatwatch")
            .args(["--lang", lang, "check"])
            .arg(&path)
            .env_remove("HEATWATCH_DATA")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    // Three weekly schedules (the office line, the night shelter, the late desk); the
    // round-the-clock line needs no zone.
    let en = run("en");
    assert!(
        en.contains("directory.time_zone: 3 weekly schedules but no \"time_zone\""),
        "{en}"
    );
    let es = run("es");
    assert!(es.contains("3 horarios semanales"), "{es}");
    // With the zone, no such warning.
    let out = cargo_bin_cmd!("heatwatch")
        .args(["check", FIXTURE])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains("time_zone"));
}

/// A prepared filter remembers, per thread, its verdict on each language and area text
/// that records share. Those verdicts must never carry over to another filter: every
/// record is judged here by preparations made one after another and interleaved, on
/// this thread and on rayon's, against the unremembered judgement (`failures`).
#[test]
fn remembered_verdicts_never_carry_over_between_filters() {
    use heatwatch::filter::Filters;
    use rayon::prelude::*;

    let bytes = std::fs::read(FIXTURE).unwrap();
    let dir = load::from_bytes(&bytes).unwrap();
    let now = at("2026-11-27T18:00:00Z");
    let records = dir.records();
    let filters: Vec<Filters> = [
        (Some("spanish"), None),
        (Some("english"), None),
        (Some("es"), None),
        (None, Some("oakland")),
        (None, Some("fremont")),
        (Some("spanish"), Some("oakland")),
        (Some("vi"), None),
        (Some("spanish"), None),
    ]
    .into_iter()
    .map(|(language, area)| Filters {
        language: language.map(str::to_owned),
        area: area.map(str::to_owned),
        ..Filters::default()
    })
    .collect();
    let expected = |f: &Filters, r: RecordRef| f.failures(&dir, r, now).is_empty();
    let mut passed = 0;
    for f in &filters {
        let p = f.prepare(&dir);
        for &r in &records {
            assert_eq!(p.accepts(&dir, r, now), expected(f, r), "{f:?} {r:?}");
            passed += usize::from(expected(f, r));
        }
        let parallel: Vec<bool> = records
            .par_iter()
            .map(|&r| p.accepts(&dir, r, now))
            .collect();
        let plain: Vec<bool> = records.iter().map(|&r| expected(f, r)).collect();
        assert_eq!(parallel, plain, "{f:?}");
    }
    // Interleaved: two preparations judging in turn.
    for pair in filters.windows(2) {
        let [a, b] = pair else { continue };
        let (pa, pb) = (a.prepare(&dir), b.prepare(&dir));
        for &r in &records {
            assert_eq!(pa.accepts(&dir, r, now), expected(a, r), "{a:?} {r:?}");
            assert_eq!(pb.accepts(&dir, r, now), expected(b, r), "{b:?} {r:?}");
        }
    }
    assert!(
        passed > 0,
        "the filters must pass some records, or nothing is tested"
    );
    let differ = filters.windows(2).any(|w| {
        records
            .iter()
            .any(|&r| expected(&w[0], r) != expected(&w[1], r))
    });
    assert!(differ, "consecutive filters must disagree somewhere");
}

/// Issue 17 §12: the emergency number is never marked "[old]", in the list or the
/// detail, however long ago it was read; the other hotlines still are.
#[test]
fn emergency_numbers_are_never_marked_old() {
    let mut app = common::embedded_app(120, 40);
    app.update(Action::Clock(at("2031-01-01T12:00:00Z")));
    let emergency = app
        .dir
        .hotlines
        .iter()
        .position(|h| h.emergency)
        .expect("the embedded directory has an emergency line");
    assert_eq!(
        app.age_of(RecordRef::Hotline(emergency)).map(|(_, s)| s),
        Some(false)
    );
    let national = app.dir.hotlines.iter().position(|h| !h.emergency).unwrap();
    assert_eq!(
        app.age_of(RecordRef::Hotline(national)).map(|(_, s)| s),
        Some(true)
    );
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("[old]"), "{screen}");
    assert!(!screen.contains("[old] Emergency"), "{screen}");
    assert!(!screen.contains("[old] 911"), "{screen}");
}

/// Issue 17 §3: no filter hides the emergency number. 911 passes every filter and is
/// open now; hotlines (which have no area) pass an area filter; when filters hide
/// hotlines the list says how many and that F shows all; the hotline bar never changes.
#[test]
fn filters_never_hide_the_emergency_number() {
    use heatwatch::filter::{Filters, Openness, openness};
    let dir = load::embedded().unwrap();
    let emergency = dir.hotlines.iter().position(|h| h.emergency).unwrap();
    let now = at("2026-12-03T03:00:00Z");
    let every = [
        Filters {
            language: Some("vietnamese".into()),
            ..Filters::default()
        },
        Filters {
            area: Some("Oakland".into()),
            ..Filters::default()
        },
        Filters {
            phone: Some(PhoneNeed::Text),
            ..Filters::default()
        },
        Filters {
            open_now: true,
            ..Filters::default()
        },
        Filters {
            language: Some("zz".into()),
            area: Some("nowhere at all".into()),
            phone: Some(PhoneNeed::Tty),
            open_now: true,
        },
    ];
    for f in &every {
        assert!(f.accepts(&dir, RecordRef::Hotline(emergency), now), "{f:?}");
        assert!(
            f.failures(&dir, RecordRef::Hotline(emergency), now)
                .is_empty()
        );
    }
    assert_eq!(
        openness(&dir, RecordRef::Hotline(emergency), now),
        Openness::Open
    );
    // A hotline with no area (a national line) passes any area filter; one with an
    // area (the county's Tip Line, "Alameda County") passes when its area matches: the
    // filter compares text and knows no geography, so "Oakland" leaves it out (and the
    // list then says that hotlines are hidden).
    let area = &every[1];
    for (i, h) in dir.hotlines.iter().enumerate() {
        assert_eq!(
            area.accepts(&dir, RecordRef::Hotline(i), now),
            h.area.is_none() || h.emergency,
            "{}",
            h.id
        );
    }
    let alameda = Filters {
        area: Some("Alameda".into()),
        ..Filters::default()
    };
    for i in 0..dir.hotlines.len() {
        assert!(alameda.accepts(&dir, RecordRef::Hotline(i), now));
    }
    // A service with no area or address does not.
    let fixture = load::from_bytes(&std::fs::read(FIXTURE).unwrap()).unwrap();
    let no_area = fixture
        .services
        .iter()
        .position(|s| s.area.is_none() && s.address.is_none());
    if let Some(i) = no_area {
        assert!(!area.accepts(&fixture, RecordRef::Service(i), now));
    }

    // The app: a language no line states hides the other hotlines, and says so.
    let mut app = common::embedded_app(100, 30);
    let before = screen_text(&app, 100, 30);
    let bar_before: Vec<&str> = before.lines().take(2).collect();
    app.set_filters(Filters {
        language: Some("zz".into()),
        ..Filters::default()
    });
    let hidden = dir.hotlines.len() - 1;
    assert_eq!(app.hidden_hotlines(), hidden);
    let rows_now = rows(&app, Section::Hotlines);
    assert_eq!(rows_now, [dir.hotlines[emergency].name.clone()]);
    let screen = screen_text(&app, 100, 30);
    // Wrapped in the list's width, whole.
    assert!(
        screen.contains(&format!("{hidden} hotlines hidden")),
        "{screen}"
    );
    assert!(screen.contains("shows all"), "{screen}");
    let bar_after: Vec<&str> = screen.lines().take(2).collect();
    assert_eq!(
        bar_before.get(1),
        bar_after.get(1),
        "the hotline bar changed"
    );
    press(&mut app, KeyCode::Char('F'));
    assert_eq!(app.hidden_hotlines(), 0);
    assert!(!screen_text(&app, 100, 30).contains("hidden by the filters"));
}

#[test]
fn search_keeps_the_county_tip_line_under_an_area_filter() {
    let out = cargo_bin_cmd!("heatwatch")
        .args(["search", "hotline", "--area", "Alameda"])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("heat-watch-tip-line"), "{text}");
    // Another county's area: its Tip Line is not for them; the National Hotline, which
    // has no area, stays.
    let out = cargo_bin_cmd!("heatwatch")
        .args(["search", "hotline", "--area", "Contra Costa"])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("national-hotline"), "{text}");
    assert!(!text.contains("heat-watch-tip-line"), "{text}");
    // And open now never leaves out 911.
    let out = cargo_bin_cmd!("heatwatch")
        .args(["search", "911", "--open-now"])
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("emergency-911"), "{text}");
}

/// Issue 17 §11: counts take their plural form from the catalogue, in both languages.
#[test]
fn one_result_is_singular_in_both_languages() {
    for (lang, one, many) in [
        ("en", "1 result ", "results"),
        ("es", "1 resultado ", "resultados"),
    ] {
        let mut app = common::embedded_app(120, 40);
        app.msg = heatwatch::i18n::app::for_language(lang);
        press(&mut app, KeyCode::Char('/'));
        type_str(&mut app, "deaf");
        assert_eq!(app.search.as_ref().map(|s| s.results.total), Some(1));
        let screen = screen_text(&app, 120, 40);
        assert!(screen.contains(one), "{screen}");
        assert!(!screen.contains(&format!("1 {many}")), "{screen}");
        // More than one keeps the plural.
        press(&mut app, KeyCode::Backspace);
        press(&mut app, KeyCode::Backspace);
        press(&mut app, KeyCode::Backspace);
        press(&mut app, KeyCode::Backspace);
        type_str(&mut app, "help");
        let screen = screen_text(&app, 120, 40);
        assert!(screen.contains(&format!(" {many} ")), "{screen}");
    }
}
