//! A large directory in two steps (issue 20 §1): its head from the file's first bytes at
//! once, its local services loading behind a progress line, then the whole with the
//! person kept where they are; a file that fails after its head never shown as whole.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::cell::RefCell;
use std::io::Write as _;

use clap::Parser as _;
use heatwatch::cli::Cli;
use heatwatch::directory::RecordRef;
use heatwatch::directory::load::{self, Languages};
use heatwatch::progress::Progress;
use heatwatch::tui::action::Action;
use heatwatch::tui::app::{App, Effect, Section};
use ratatui::crossterm::event::KeyCode;

use crate::common::{
    frame, head_then_services, head_then_services_file, key, press, screen_text, type_str,
};

const CAP: u64 = load::DEFAULT_MAX_BYTES;

/// The head app `build_app_with` gives first, and what it returns after.
fn two_steps(args: &[&str]) -> (Option<App>, Result<App, String>, u8) {
    let cli = Cli::parse_from(std::iter::once("heatwatch").chain(args.iter().copied()));
    let head = RefCell::new(None);
    let progress = Progress::new();
    let whole = heatwatch::build_app_with(&cli, Some(&progress), &|app| {
        *head.borrow_mut() = Some(app);
    });
    (head.into_inner(), whole, progress.percent())
}

fn sized(mut app: App) -> App {
    app.update(Action::Resize(100, 30));
    frame(&mut app);
    app
}

#[test]
fn the_head_is_read_from_the_first_bytes_alone() {
    // A large file cut off in its services: the head still reads, from its first
    // bytes, while the whole load refuses the file.
    let text = head_then_services(20_000, false);
    let cut = text.len() / 2;
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&text.as_bytes()[..cut]).unwrap();
    file.flush().unwrap();
    let heads = load::read_head_of(file.path(), CAP, Languages::one("en")).expect("a head");
    let whole = load::from_path(file.path(), CAP);
    assert!(whole.is_err(), "the cut file loaded whole");
    let head = &heads[0].directory;
    let embedded = load::embedded().unwrap();
    assert!(head.services.is_empty());
    assert_eq!(head.hotlines.len(), embedded.hotlines.len());
    assert_eq!(head.roles.len(), embedded.roles.len());
    let numbers = |d: &heatwatch::directory::Directory| -> Vec<String> {
        d.hotlines
            .iter()
            .map(|h| h.phone.display().to_string())
            .collect()
    };
    assert_eq!(numbers(head), numbers(&embedded));
}

#[test]
fn the_head_is_read_in_each_language_the_file_declares() {
    let file = head_then_services_file(50, false);
    let every = ["es"];
    let languages = Languages {
        first: "en",
        others: &every,
        always: false,
        declared: false,
    };
    let heads = load::read_head_of(file.path(), CAP, languages).expect("a head");
    let codes: Vec<&str> = heads
        .iter()
        .map(|h| h.directory.meta.language.as_str())
        .collect();
    assert_eq!(codes, ["en", "es"]);
    assert_ne!(
        heads[0].directory.hotlines[0].name,
        heads[1].directory.hotlines[0].name
    );
}

#[test]
fn no_head_is_shown_where_it_cannot_be_read_from_the_first_bytes() {
    let write = |text: &str| {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        file.flush().unwrap();
        file
    };
    let head = |file: &tempfile::NamedTempFile| {
        load::read_head_of(file.path(), CAP, Languages::one("en")).is_some()
    };
    // Services first: nothing of the head comes before them.
    let text = head_then_services(10, false);
    let services_first = crate::common::services_first(10);
    assert!(
        load::from_bytes(services_first.as_bytes()).is_ok(),
        "the test file is valid"
    );
    assert!(!head(&write(&services_first)));
    // A head with a problem: a hotline's number is not a number.
    let bad = text.replacen("1(888) 373-7888", "call us", 1);
    assert!(!head(&write(&bad)));
    // Not JSON, empty, a string longer than any load allows in the head.
    assert!(!head(&write("{ \"schema_version\": 1, this is not JSON")));
    assert!(!head(&write("")));
    let long = text.replacen(
        "National Human Trafficking Hotline",
        &"x".repeat(load::MAX_TEXT_BYTES + 10),
        1,
    );
    assert!(!head(&write(&long)));
    // Over the cap: refused as the whole load refuses it.
    let file = write(&text);
    assert!(load::read_head_of(file.path(), 100, Languages::one("en")).is_none());
    // The valid file does have a head.
    assert!(head(&write(&text)));
}

#[test]
fn a_character_cut_between_two_reads_is_read_whole() {
    // The first read is 64 KiB: a head longer than that, with a two-byte character
    // across every boundary the reads may fall on.
    let text = head_then_services(10, false);
    let padded = text.replacen(
        "\"id\": \"national-hotline\"",
        &format!(
            "\"id\": \"national-hotline\", \"notes\": \"{}\"",
            "é".repeat(40_000)
        ),
        1,
    );
    // The field is unknown to the schema only if the load says so; either way the head
    // and the whole must agree.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(padded.as_bytes()).unwrap();
    file.flush().unwrap();
    let head = load::read_head_of(file.path(), CAP, Languages::one("en"));
    let whole = load::from_path(file.path(), CAP);
    assert_eq!(head.is_some(), whole.is_ok(), "{:?}", whole.err());
}

#[test]
fn the_app_shows_the_head_first_then_the_whole() {
    let file = head_then_services_file(300, false);
    let path = file.path().to_str().unwrap();
    let (head, whole, percent) = two_steps(&["--data", path]);
    let mut head = sized(head.expect("the head came first"));
    let whole = sized(whole.expect("the whole loads"));
    assert!(head.is_loading() && !whole.is_loading());
    assert_eq!(percent, 100, "the progress reaches the end");
    assert!(head.dir.services.is_empty());
    assert_eq!(whole.dir.services.len(), 300);
    // The same sections, local services listed at once, saying they are loading.
    assert_eq!(head.sections, whole.sections);
    assert!(head.sections.contains(&Section::Services));
    assert_eq!(
        head.empty_message(Section::Services),
        Some(head.msg.services_loading)
    );
    // The header, the hotline bar and the footer's progress line from the first frame.
    head.update(Action::Progress(40));
    let screen = screen_text(&head, 100, 30);
    assert!(screen.contains("Emergency: 911"), "{screen}");
    assert!(
        screen.contains("National Hotline: 1(888) 373-7888"),
        "{screen}"
    );
    assert!(screen.contains("Loading local services… 40%"), "{screen}");
    let done = screen_text(&whole, 100, 30);
    assert!(!done.contains("Loading local services"), "{done}");
}

#[test]
fn get_help_now_and_the_hotlines_work_while_services_load() {
    let file = head_then_services_file(30, false);
    let (head, _, _) = two_steps(&["--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.unwrap());
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('0'));
    assert_eq!(app.section(), Some(Section::Hotlines));
    press(&mut app, KeyCode::Right);
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("1(888) 373-7888"), "{screen}");
}

#[test]
fn the_whole_directory_keeps_the_person_where_they_were() {
    let file = head_then_services_file(300, false);
    let (head, whole, _) = two_steps(&["--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.unwrap());
    // To the local services while they load: the list says so.
    let services = app
        .sections
        .iter()
        .position(|s| *s == Section::Services)
        .unwrap();
    for _ in 0..services {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.section(), Some(Section::Services));
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Local services are still loading"),
        "{screen}"
    );
    // Spanish, then back to the services' section.
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.dir.meta.language, "es");
    let effect = app.finish_loading(whole.unwrap());
    assert_eq!(effect, None, "no search to run again");
    frame(&mut app);
    assert!(!app.is_loading());
    assert_eq!(app.section(), Some(Section::Services));
    assert_eq!(app.dir.meta.language, "es", "the language is kept");
    assert_eq!(app.dir.services.len(), 300);
    assert_eq!(app.languages.len(), 2);
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("Harbor shelter 0"), "{screen}");
    assert!(!screen.contains("Cargando servicios locales"), "{screen}");
}

#[test]
fn a_search_during_the_load_covers_the_head_says_so_and_runs_again_over_the_whole() {
    let file = head_then_services_file(300, false);
    let (head, whole, _) = two_steps(&["--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.unwrap());
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "shelter");
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("(local services still loading)"),
        "{screen}"
    );
    let during = app.search.as_ref().unwrap().results.clone();
    assert!(
        during
            .hits
            .iter()
            .all(|h| !matches!(h.record, RecordRef::Service(_))),
        "a service found before any was loaded"
    );
    let Some(Effect::Search(req)) = app.finish_loading(whole.unwrap()) else {
        panic!("the open search is not run again");
    };
    assert_eq!(req.query, "shelter");
    let results = app.run_search(&req);
    app.update(Action::SearchDone(req.generation, results));
    frame(&mut app);
    let hits = &app.search.as_ref().unwrap().results;
    assert!(
        hits.hits
            .iter()
            .any(|h| matches!(h.record, RecordRef::Service(_))),
        "the services are not searched once loaded"
    );
    let screen = screen_text(&app, 100, 30);
    assert!(!screen.contains("still loading"), "{screen}");
    assert!(screen.contains("Harbor shelter"), "{screen}");
}

#[test]
fn a_file_that_fails_after_its_head_is_an_error_never_a_half_directory() {
    let file = head_then_services_file(300, true);
    let path = file.path().to_str().unwrap();
    let (head, whole, _) = two_steps(&["--data", path]);
    assert!(head.is_some(), "the head is shown first");
    let message = whole.expect_err("the whole load fails");
    assert!(
        message.contains(path) || message.contains("svc-0"),
        "{message}"
    );
}

#[test]
fn a_kiosk_whose_file_fails_after_its_head_shows_its_error_screen() {
    let file = head_then_services_file(300, true);
    let (head, whole, _) = two_steps(&["--kiosk", "--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.expect("the kiosk shows the head first"));
    assert!(app.kiosk.is_some() && app.is_loading());
    press(&mut app, KeyCode::Down);
    let effect = app.finish_loading(whole.expect("a kiosk never fails"));
    assert_eq!(effect, Some(Effect::ClearScreen));
    frame(&mut app);
    assert!(!app.is_loading());
    assert!(app.kiosk.as_ref().unwrap().data_error.is_some());
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("911"), "{screen}");
    assert!(screen.contains("member of staff"), "{screen}");
}

#[test]
fn a_kiosk_keeps_its_timers_and_pin_across_the_load() {
    let file = head_then_services_file(30, false);
    let (head, whole, _) = two_steps(&["--kiosk", "--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.unwrap());
    app.update(Action::Tick(std::time::Duration::from_secs(5)));
    app.handle_event_sync(&key(KeyCode::Down));
    let before = app.kiosk.clone();
    assert_eq!(app.finish_loading(whole.unwrap()), None);
    assert_eq!(format!("{:?}", app.kiosk), format!("{before:?}"));
    assert_eq!(app.dir.services.len(), 30);
}

#[test]
fn no_head_for_the_embedded_directory_or_a_signed_one() {
    let (head, whole, _) = two_steps(&[]);
    assert!(head.is_none() && whole.is_ok());
    let file = head_then_services_file(30, false);
    let path = file.path().to_str().unwrap();
    let cli = Cli::parse_from(["heatwatch", "--trusted-key", "nokey.pub", "--data", path]);
    assert!(heatwatch::settings::load_heads(&cli).is_none());
}

#[test]
fn the_guard_on_known_numbers_holds_for_the_head() {
    // A file giving the National Hotline another number (fictional).
    let text = head_then_services(30, false).replacen("1(888) 373-7888", "1(510) 555-0199", 1);
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    file.flush().unwrap();
    let path = file.path().to_str().unwrap();
    let cli = Cli::parse_from(["heatwatch", "--data", path]);
    let heads = heatwatch::settings::load_heads(&cli).expect("a head");
    let national = &heads[0].1.hotlines[0];
    let digits: String = national
        .phone
        .display()
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(
        digits, "18883737888",
        "the known number is put back in the head"
    );
    // A kiosk refuses the file: no head, and its error screen once loaded.
    let kiosk = Cli::parse_from(["heatwatch", "--kiosk", "--data", path]);
    assert!(heatwatch::settings::load_heads(&kiosk).is_none());
}

#[test]
fn progress_is_shown_in_spanish_too() {
    let file = head_then_services_file(30, false);
    let (head, _, _) = two_steps(&["--lang", "es", "--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.unwrap());
    app.update(Action::Progress(63));
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Cargando servicios locales… 63%"),
        "{screen}"
    );
}

#[test]
fn the_head_screen_while_services_load() {
    let file = head_then_services_file(30, false);
    let (head, _, _) = two_steps(&["--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.unwrap());
    app.update(Action::Progress(40));
    // Fixed dates, whenever the test runs.
    app.set_clock(heatwatch::clock::midnight_utc(app.dir.meta.retrieved));
    let services = app
        .sections
        .iter()
        .position(|s| *s == Section::Services)
        .unwrap();
    for _ in 0..services {
        press(&mut app, KeyCode::Down);
    }
    let terminal = crate::common::render(&app, 100, 30);
    insta::assert_snapshot!("loading_head_100x30", terminal.backend());
}

#[test]
fn a_narrow_footer_keeps_the_percentage() {
    let file = head_then_services_file(30, false);
    let (head, _, _) = two_steps(&["--data", file.path().to_str().unwrap()]);
    let mut app = sized(head.unwrap());
    app.update(Action::Progress(40));
    for (w, h) in [(40, 12), (30, 10), (100, 30)] {
        app.update(Action::Resize(w, h));
        frame(&mut app);
        let screen = screen_text(&app, w, h);
        let footer = screen.lines().last().unwrap_or_default();
        assert!(footer.contains("40%"), "{w}x{h}: {footer:?}\n{screen}");
    }
}
