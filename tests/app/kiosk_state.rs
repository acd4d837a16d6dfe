//! Kiosk mode on the pure state, with an injected clock.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::time::Duration;

use common::{ctrl, embedded_app, key, press, screen_text, type_str};
use heatwatch::tui::action::Action;
use heatwatch::tui::app::{App, Effect, Kiosk};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn kiosk_app(pin: Option<&str>) -> App {
    let mut app = embedded_app(100, 30);
    app.kiosk = Some(Kiosk::new(pin.map(str::to_owned), Duration::from_secs(90)));
    app
}

fn at(app: &mut App, secs: u64) -> Option<Effect> {
    app.update(Action::Tick(Duration::from_secs(secs)))
}

fn away_from_home(app: &mut App) {
    press(app, KeyCode::Char('2'));
    press(app, KeyCode::Down);
    press(app, KeyCode::Enter);
    assert!(!app.is_home());
}

#[test]
fn nothing_typed_leaves_the_program() {
    let mut app = kiosk_app(Some("4321"));
    let escapes = [
        key(KeyCode::Char('q')),
        ctrl('c'),
        ctrl('d'),
        ctrl('z'),
        ctrl('\\'),
        Event::Key(KeyEvent::new(KeyCode::Char('4'), KeyModifiers::CONTROL)),
    ];
    for ev in &escapes {
        away_from_home(&mut app);
        let effect = app.handle_event_sync(ev);
        assert_eq!(effect, None, "{ev:?} must not leave the program");
        assert!(app.is_home(), "{ev:?} returns to the start");
    }
    // Esc keeps its meaning: back one level.
    away_from_home(&mut app);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.nav.focus, heatwatch::tui::app::Pane::Items);
}

#[test]
fn the_operator_pin_exits_and_a_wrong_one_does_not() {
    let mut app = kiosk_app(Some("4321"));
    assert_eq!(app.handle_event_sync(&ctrl('o')), None);
    assert_eq!(app.context(), heatwatch::tui::keymap::Context::Pin);
    type_str(&mut app, "1111");
    let text = screen_text(&app, 100, 30);
    assert!(text.contains("PIN: ••••"), "{text}");
    assert!(!text.contains("1111"), "the PIN is never shown");
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert!(screen_text(&app, 100, 30).contains("Wrong PIN."));
    type_str(&mut app, "4321");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Quit));
}

#[test]
fn esc_cancels_the_pin_prompt_and_q_is_typed_there() {
    let mut app = kiosk_app(Some("q1"));
    app.handle_event_sync(&ctrl('o'));
    type_str(&mut app, "q1");
    assert_eq!(press(&mut app, KeyCode::Enter), Some(Effect::Quit));
    let mut app = kiosk_app(Some("1"));
    app.handle_event_sync(&ctrl('o'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), heatwatch::tui::keymap::Context::Browse);
}

#[test]
fn without_a_pin_ctrl_o_does_nothing() {
    let mut app = kiosk_app(None);
    app.handle_event_sync(&ctrl('o'));
    assert_eq!(app.context(), heatwatch::tui::keymap::Context::Browse);
    type_str(&mut app, "q");
    assert!(app.is_home());
}

#[test]
fn idle_reset_counts_down_and_any_key_cancels() {
    let mut app = kiosk_app(None);
    at(&mut app, 0);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "tip");
    assert!(app.search.is_some());
    // 79 s idle: no countdown yet.
    at(&mut app, 79);
    assert_eq!(app.countdown(), None);
    // The last 10 seconds show a countdown.
    at(&mut app, 83);
    assert_eq!(app.countdown(), Some(7));
    assert!(screen_text(&app, 100, 30).contains("Returning to the start in 7 s"));
    // Any key cancels it, and is not typed into the search.
    at(&mut app, 84);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.countdown(), None);
    assert_eq!(app.search.as_ref().unwrap().query, "tip");
    // 90 s after that key, the app goes home, search cleared, and clears the screen.
    assert_eq!(at(&mut app, 173), None);
    assert_eq!(at(&mut app, 174), Some(Effect::ClearScreen));
    assert!(app.is_home());
    assert!(app.search.is_none());
}

#[test]
fn at_home_there_is_no_countdown() {
    let mut app = kiosk_app(None);
    at(&mut app, 0);
    at(&mut app, 85);
    assert_eq!(app.countdown(), None);
    assert_eq!(at(&mut app, 200), None);
}

#[test]
fn quick_exit_in_kiosk_resets_and_clears_instead_of_leaving() {
    let mut app = kiosk_app(Some("1"));
    away_from_home(&mut app);
    assert_eq!(app.handle_event_sync(&ctrl('x')), Some(Effect::ClearScreen));
    assert!(app.is_home());
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.handle_event_sync(&ctrl('x')), Some(Effect::ClearScreen));
    assert!(app.is_home());
}

#[test]
fn help_in_kiosk_lists_no_way_out_for_the_public() {
    let mut app = kiosk_app(None);
    press(&mut app, KeyCode::Char('?'));
    let lines: Vec<String> = heatwatch::tui::view::help_lines(&app)
        .iter()
        .map(ToString::to_string)
        .collect();
    let text = lines.join("\n");
    assert!(text.contains("back to the start (kiosk)"), "{text}");
    assert!(
        !lines.iter().any(|l| l.trim_end().ends_with(" quit")),
        "{text}"
    );
}

#[test]
fn a_data_error_screen_still_gives_the_emergency_number() {
    let mut app = kiosk_app(None);
    app.kiosk.as_mut().unwrap().data_error = Some("county.json: not valid JSON".to_owned());
    for (w, h) in [(100, 30), (40, 10), (20, 6)] {
        let text = screen_text(&app, w, h);
        assert!(text.contains("911"), "{w}x{h}:\n{text}");
    }
    // Keys do nothing there but the operator's.
    assert_eq!(press(&mut app, KeyCode::Char('q')), None);
    assert_eq!(app.handle_event_sync(&ctrl('c')), None);
}

#[test]
fn no_clipboard_or_link_in_kiosk_mode() {
    let mut app = kiosk_app(None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(press(&mut app, KeyCode::Char('y')), None);
    assert_eq!(press(&mut app, KeyCode::Char('o')), None);
    assert_eq!(app.update(Action::Copy), None);
    assert_eq!(app.update(Action::OpenLink), None);
    let _ = key(KeyCode::Null);
}

#[test]
fn kiosk_layout_spaces_rows_and_clicks_still_land() {
    let mut app = kiosk_app(None);
    app.theme = heatwatch::tui::theme::Theme::new(heatwatch::cli::ThemeName::HighContrast, false);
    app.update(Action::Resize(80, 24));
    let t = common::render(&app, 80, 24);
    insta::assert_snapshot!("kiosk_home_80x24", t.backend());
    let text = screen_text(&app, 80, 24);
    let lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.contains("▶ 0 Get help now"))
        .unwrap();
    assert!(
        lines[first + 1]
            .trim_matches(|c| c == '║' || c == '│' || c == ' ')
            .is_empty()
    );
    assert!(lines[first + 2].contains("1 Community Member"));
    // A click on the third row's line selects the third section; on a spacer, nothing.
    let click = |row: usize| {
        Event::Mouse(ratatui::crossterm::event::MouseEvent {
            kind: ratatui::crossterm::event::MouseEventKind::Down(
                ratatui::crossterm::event::MouseButton::Left,
            ),
            column: 4,
            row: u16::try_from(row).unwrap(),
            modifiers: KeyModifiers::NONE,
        })
    };
    app.handle_event_sync(&click(first + 4));
    assert_eq!(app.section(), Some(heatwatch::tui::app::Section::Role(1)));
    app.handle_event_sync(&click(first + 1));
    assert_eq!(app.section(), Some(heatwatch::tui::app::Section::Role(1)));
}

#[test]
fn a_short_idle_reset_still_leaves_time_to_use_the_app() {
    // With a 4 s reset, the countdown shows only in the last 2 s, so keys before that
    // are used, not swallowed as "cancel".
    let mut app = embedded_app(100, 30);
    app.kiosk = Some(Kiosk::new(None, Duration::from_secs(4)));
    at(&mut app, 0);
    press(&mut app, KeyCode::Char('/'));
    at(&mut app, 1);
    type_str(&mut app, "tip");
    assert_eq!(app.search.as_ref().unwrap().query, "tip");
    assert_eq!(app.countdown(), None);
    at(&mut app, 3);
    assert_eq!(app.countdown(), Some(2));
    // A key with no meaning here still counts as someone being there.
    assert_eq!(app.update(Action::Activity), None);
    assert_eq!(app.countdown(), None);
    assert_eq!(app.search.as_ref().unwrap().query, "tip");
}

/// Types a PIN into the open prompt and presses Enter.
fn try_pin(app: &mut App, pin: &str) -> Option<Effect> {
    type_str(app, pin);
    press(app, KeyCode::Enter)
}

#[test]
fn wrong_pins_make_the_next_try_wait_longer_each_time() {
    let mut app = kiosk_app(Some("135791"));
    at(&mut app, 0);
    app.handle_event_sync(&ctrl('o'));
    // Three wrong tries in a row are free.
    for expected in [None, None, Some(1)] {
        assert_eq!(try_pin(&mut app, "000000"), None);
        assert_eq!(app.kiosk_wait(), expected);
    }
    // After the third, the next try waits 1 s: the right PIN is not even checked.
    assert_eq!(app.kiosk_wait(), Some(1));
    assert!(screen_text(&app, 100, 30).contains("Wait 1 s before the next try."));
    assert_eq!(try_pin(&mut app, "135791"), None, "checked during the wait");
    // What was typed stays; clear it, and wait the second out.
    for _ in 0..6 {
        press(&mut app, KeyCode::Backspace);
    }
    at(&mut app, 1);
    assert_eq!(app.kiosk_wait(), None);
    // A fourth wrong one: 2 s; a fifth: 4 s.
    assert_eq!(try_pin(&mut app, "000000"), None);
    assert_eq!(app.kiosk_wait(), Some(2));
    at(&mut app, 3);
    assert_eq!(try_pin(&mut app, "000000"), None);
    assert_eq!(app.kiosk_wait(), Some(4));
    // The count survives an idle reset (which closes the prompt).
    at(&mut app, 200);
    assert!(app.is_home());
    assert_eq!(app.kiosk.as_ref().unwrap().wrong_in_a_row, 5);
    app.handle_event_sync(&ctrl('o'));
    assert_eq!(try_pin(&mut app, "000000"), None);
    assert_eq!(app.kiosk_wait(), Some(8));
    at(&mut app, 209);
    assert_eq!(try_pin(&mut app, "135791"), Some(Effect::Quit));
    assert_eq!(app.kiosk.as_ref().unwrap().wrong_in_a_row, 0);
}

#[test]
fn the_wait_between_pin_tries_doubles_up_to_five_minutes() {
    use heatwatch::tui::app::pin_wait;
    let secs: Vec<u64> = (0..16).map(|n| pin_wait(n).as_secs()).collect();
    assert_eq!(
        secs,
        [
            0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300
        ]
    );
    assert_eq!(pin_wait(u32::MAX).as_secs(), 300);
}

#[test]
fn pins_that_could_not_be_typed_or_guessed_are_refused() {
    use heatwatch::tui::app::{PinProblem, check_pin};
    assert_eq!(check_pin("12345"), Err(PinProblem::TooShort));
    assert_eq!(check_pin(" "), Err(PinProblem::TooShort));
    assert_eq!(check_pin(&"9".repeat(65)), Err(PinProblem::TooLong));
    assert_eq!(check_pin("pinépiné"), Err(PinProblem::Untypable));
    assert_eq!(check_pin("1234\n56"), Err(PinProblem::Untypable));
    assert_eq!(check_pin("Change-Me"), Err(PinProblem::Sample));
    assert_eq!(check_pin("123456"), Ok(()));
    assert_eq!(check_pin(&"9".repeat(64)), Ok(()));
    // The longest accepted PIN can be typed whole.
    let long = "9".repeat(64);
    let mut app = kiosk_app(Some(&long));
    app.handle_event_sync(&ctrl('o'));
    assert_eq!(try_pin(&mut app, &long), Some(Effect::Quit));
}

#[test]
fn quick_exit_wins_during_the_countdown_the_pin_prompt_and_help() {
    let mut app = kiosk_app(Some("135791"));
    // During the countdown: straight home, screen cleared.
    at(&mut app, 0);
    away_from_home(&mut app);
    at(&mut app, 85);
    assert!(app.countdown().is_some());
    assert_eq!(app.handle_event_sync(&ctrl('x')), Some(Effect::ClearScreen));
    assert!(app.is_home());
    // In the PIN prompt, and with Alt or Shift held as well.
    app.handle_event_sync(&ctrl('o'));
    type_str(&mut app, "13");
    let alt_ctrl_x = Event::Key(KeyEvent::new(
        KeyCode::Char('x'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    ));
    assert_eq!(
        app.handle_event_sync(&alt_ctrl_x),
        Some(Effect::ClearScreen)
    );
    assert!(app.pin_prompt().is_none());
    // In help.
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help_open());
    assert_eq!(app.handle_event_sync(&ctrl('x')), Some(Effect::ClearScreen));
    assert!(!app.help_open());
}

/// Issue 21 §1: until the signature of a `--data` file checks, the first frame shows
/// only the embedded emergency number and the National Hotline, and says that the
/// signature is being verified; nothing of the file is on it.
#[test]
fn the_first_frame_says_verifying_until_the_signature_checks() {
    use clap::Parser;
    for (lang, verifying, loading) in [
        ("en", "Verifying the directory's signature", "Loading"),
        ("es", "Verificando la firma del directorio", "Cargando"),
    ] {
        let signed = heatwatch::cli::Cli::parse_from([
            "heatwatch",
            "--lang",
            lang,
            "--trusted-key",
            "county.pub",
            "--data",
            "county.json",
        ]);
        let plain =
            heatwatch::cli::Cli::parse_from(["heatwatch", "--lang", lang, "--data", "county.json"]);
        for (cli, expected, not) in [(&signed, verifying, loading), (&plain, loading, verifying)] {
            let screen = heatwatch::loading_screen(cli);
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
            terminal.draw(|f| screen.render(f)).unwrap();
            let text: String = terminal
                .backend()
                .buffer()
                .content()
                .iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect();
            assert!(text.contains(expected), "{lang}: {text}");
            assert!(!text.contains(not), "{lang}: {text}");
            assert!(text.contains("911"), "{text}");
            assert!(text.contains("1(888) 373-7888"), "{text}");
            // Only numbers that need no file: not the county's tip line.
            assert!(!text.contains("208-4959"), "{text}");
        }
    }
}
