#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! End-to-end tests of the real binary in a pseudo-terminal: what it draws (parsed with
//! `vt100`), how it leaves the terminal on every way out (quit, quick exit, signals,
//! panic), and what it does with a bad data file or a resize.
//!
//! Every test polls the parsed screen against a generous deadline instead of sleeping,
//! and the tests take a global lock so only one app runs at a time, which keeps them
//! reliable on a loaded CI machine.

#![cfg(unix)]

use crate::common::pty::*;
use std::io::Write as _;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

// ---------------------------------------------------------------------------------------
// Tests

/// What a shell showed before the app started; a normal exit must give it back, a quick
/// exit must wipe it (it holds a hotline number, as a search history might).
const EARLIER_OUTPUT: &[u8] = b"$ earlier shell output\r\nNational Hotline: 1(888) 373-7888\r\n$ ";

#[test]
fn hotline_numbers_are_on_screen() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn::default());
    pty.wait_for_text(&[NATIONAL_HOTLINE, LOCAL_HOTLINE, EMERGENCY]);
    pty.wait_first_frame();
    assert!(pty.lock().parser.screen().alternate_screen());
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
}

#[test]
fn law_enforcement_protocol_shows_its_detail() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn::default());
    pty.wait_first_frame();
    // One key at a time, each waited for, so an escape sequence is never split by a
    // slow read and nothing is typed before the app reads the keyboard.
    pty.send(b"2");
    pty.wait_for_text(&["Law Enforcement › Help with Cases"]);
    pty.send(b"\x1b[B");
    pty.wait_for_text(&["Law Enforcement › Training"]);
    pty.send(b"\x1b[B");
    pty.wait_for_text(&["Law Enforcement › Protocol"]);
    pty.send(b"\r");
    // Enter moves the focus into the detail pane, whose title gains the focus marker.
    pty.wait_for_text(&[
        "▸ Protocol",
        "Law Enforcement › Protocol",
        "The page names this action without further",
    ]);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn q_exits_zero_and_restores_the_terminal() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn {
        preload: EARLIER_OUTPUT,
        ..Spawn::default()
    });
    assert!(pty.baseline.contains(&"ICANON") && pty.baseline.contains(&"ECHO"));
    pty.wait_first_frame();
    {
        // While the app runs, the modes it must later turn off are on. (The cursor is
        // shown on purpose, at the selection, so it is not checked here.)
        let s = pty.lock();
        let screen = s.parser.screen();
        assert!(screen.alternate_screen());
        assert_ne!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        assert!(screen.bracketed_paste());
    }
    pty.assert_raw_mode();
    pty.send(b"q");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert!(status.signal().is_none(), "{status:?}");
    pty.assert_restored();
    // The main screen is as the shell left it.
    let contents = pty.contents();
    assert!(
        contents.contains("$ earlier shell output"),
        "main screen not given back:\n{contents}"
    );
}

/// Starts the app, waits for its first frame, sends it a signal (optionally after
/// `before_signal` has done something in the app), and checks that it restores the
/// terminal and exits with 128 + the signal's number.
fn signal_restores(name: &str, number: u32, before_signal: impl FnOnce(&mut Pty)) {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn::default());
    pty.wait_first_frame();
    pty.assert_raw_mode();
    before_signal(&mut pty);
    pty.signal(name);
    let status = pty.wait_exit();
    assert_eq!(
        status.exit_code(),
        128 + number,
        "SIG{name} should end the app with 128+{number}: {status:?}"
    );
    assert!(
        status.signal().is_none(),
        "the app was killed by the signal instead of handling it: {status:?}"
    );
    pty.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("TERM", 15, |_| {});
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("HUP", 1, |_| {});
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores("INT", 2, |_| {});
}

#[test]
fn sigterm_during_search_restores_the_terminal() {
    signal_restores("TERM", 15, |pty| {
        pty.send(b"/");
        pty.wait_for_text(&["Search"]);
        pty.send(b"tip");
        pty.wait_for("results for \"tip\"", |s| {
            let c = s.contents();
            c.contains("/ tip") && has_result_count(&c)
        });
    });
}

/// Whether the search box's title shows a result count ("24 results").
fn has_result_count(contents: &str) -> bool {
    contents.match_indices(" results").any(|(i, _)| {
        contents[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn {
        env: &[(heatwatch::tui::terminal::TEST_PANIC_ENV, "1")],
        ..Spawn::default()
    });
    let status = pty.wait_exit();
    assert_eq!(
        status.exit_code(),
        101,
        "a panic exits with 101: {status:?}"
    );
    pty.assert_restored();
    let raw = pty.raw();
    let entered = find(&raw, ENTER_ALT).expect("the app entered the alternate screen");
    let left = rfind(&raw, LEAVE_ALT).expect("the app left the alternate screen");
    let message = rfind(&raw, b"forced panic").expect("the panic message was printed");
    assert!(
        entered < left && left < message,
        "the panic message must come after leaving the alternate screen \
         (enter at {entered}, leave at {left}, message at {message})"
    );
    assert!(
        find(&raw[left..], ENTER_ALT).is_none(),
        "re-entered the alternate screen after leaving it"
    );
    let contents = pty.contents();
    assert!(
        contents.contains("forced panic"),
        "panic message not on the main screen:\n{contents}"
    );
}

#[test]
fn ctrl_x_quick_exit_clears_everything() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn {
        preload: EARLIER_OUTPUT,
        ..Spawn::default()
    });
    pty.wait_first_frame();
    pty.send(b"\x18");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();

    let raw = pty.raw();
    for seq in [&b"\x1b[2J"[..], b"\x1b[3J", LEAVE_ALT] {
        assert!(
            contains(&raw, seq),
            "quick exit did not send {:?}",
            String::from_utf8_lossy(seq)
        );
    }
    // The alternate screen was blanked before it was left, for terminals that show it
    // after leaving or have none.
    let left = rfind(&raw, LEAVE_ALT).expect("left the alternate screen");
    let mut before_leaving = vt100::Parser::new(nz(30), nz(100), 0);
    before_leaving.process(&raw[..left]);
    let alt = before_leaving.screen().contents();
    assert!(
        !alt.contains(NATIONAL_HOTLINE) && !alt.contains(EMERGENCY),
        "the alternate screen still showed the directory when left:\n{alt}"
    );
    // After leaving, the main screen and the scrollback were cleared as well.
    let after = &raw[left..];
    assert!(contains(after, b"\x1b[2J") && contains(after, b"\x1b[3J"));
    let s = pty.lock();
    let screen = s.parser.screen();
    let contents = screen.contents();
    for text in [
        NATIONAL_HOTLINE,
        LOCAL_HOTLINE,
        EMERGENCY,
        "HEAT Watch",
        "earlier shell",
    ] {
        assert!(
            !contents.contains(text),
            "{text:?} still on screen after quick exit:\n{contents}"
        );
    }
    assert_eq!(screen.scrollback_len(), 0, "scrollback not cleared");
}

#[test]
fn a_bad_data_file_exits_2_with_the_terminal_given_back_first() {
    let _guard = serial();
    let mut file = tempfile::Builder::new()
        .prefix("bad")
        .suffix(".json")
        .tempfile()
        .expect("temp file");
    file.write_all(b"{ \"schema_version\": 1, this is not JSON")
        .expect("write temp file");
    file.flush().expect("flush temp file");
    let path = file.path().to_str().expect("UTF-8 temp path").to_owned();

    let mut pty = Pty::spawn(&Spawn {
        args: &["--data", &path],
        ..Spawn::default()
    });
    let status = pty.wait_exit();
    let raw = pty.raw();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(status.exit_code(), 2, "{status:?}\n{text}");
    // The terminal is set up before the data is read (so keys are keys from the first
    // moment), and given back before the message, which stays on the main screen.
    let left = rfind(&raw, LEAVE_ALT).expect("left the alternate screen");
    let after = String::from_utf8_lossy(&raw[left..]);
    assert!(
        after.contains("heatwatch:") && after.contains(&path),
        "no error naming the file after leaving the alternate screen:\n{text}"
    );
    assert!(
        pty.contents().contains("heatwatch:"),
        "the message is not on the main screen"
    );
    pty.assert_restored();
}

#[test]
fn resizing_redraws_with_the_emergency_number() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn::default());
    pty.wait_first_frame();

    pty.resize(40, 12);
    pty.wait_for("a 40x12 frame with 911", |s| {
        size(s) == (12, 40) && s.contents().contains(EMERGENCY) && !bottom_row(s).trim().is_empty()
    });

    pty.resize(120, 40);
    pty.wait_for("a 120x40 frame with the hotline numbers", |s| {
        let c = s.contents();
        size(s) == (40, 120)
            && [NATIONAL_HOTLINE, LOCAL_HOTLINE, EMERGENCY]
                .iter()
                .all(|t| c.contains(t))
            && !bottom_row(s).trim().is_empty()
    });

    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

// ---------------------------------------------------------------------------------------
// Kiosk mode (issue 6): nothing typed leaves the program; only the operator PIN, or a
// signal from outside, does.

const KIOSK_PIN: &str = "246813";
const COUNTDOWN_TEXT: &str = "Returning to the start in";
const DATA_ERROR_TEXT: &str = "The directory data cannot be used";

impl Pty {
    /// Sends SIGTERM and checks the app ends with 128 + 15, the terminal given back.
    fn end_with_sigterm(&mut self) {
        self.signal("TERM");
        assert_eq!(self.wait_exit().exit_code(), 128 + 15);
        self.assert_restored();
    }

    /// Fails unless the app is still running.
    fn assert_alive(&mut self, after: &str) {
        let status = self.child.try_wait().expect("try_wait");
        if let Some(status) = status {
            let s = self.lock();
            panic!(
                "the app exited after {after}: {status:?}\n{}",
                describe(&s.parser, &s.raw)
            );
        }
    }

    /// How many bytes the app has written so far: a mark for "everything after this".
    fn raw_len(&self) -> usize {
        self.lock().raw.len()
    }

    /// The bytes the app wrote after `mark`.
    fn raw_since(&self, mark: usize) -> Vec<u8> {
        self.lock().raw.get(mark..).unwrap_or_default().to_vec()
    }

    /// Waits for the home screen: the first section selected, the sections pane focused.
    fn wait_home(&self, after: &str) {
        self.wait_for(&format!("the home screen after {after}"), at_home);
    }

    /// Goes from home to an action's detail: `2` (a role), Down, Enter.
    fn go_away_from_home(&mut self) {
        self.send(b"2");
        self.wait_for_text(&["Law Enforcement › Help with Cases"]);
        self.send(b"\x1b[B");
        self.wait_for_text(&["Law Enforcement › Training"]);
        self.send(b"\r");
        self.wait_for("the Training detail focused", |s| {
            let c = s.contents();
            c.contains("▸ Training") && !at_home(s)
        });
    }

    /// Opens search from home, types "tip" and waits for its results. One write, so
    /// the keys come together, well before any short idle countdown could start.
    fn search_tip(&mut self) {
        self.send(b"/tip");
        self.wait_for("results for \"tip\"", |s| {
            let c = s.contents();
            c.contains("/ tip") && has_result_count(&c)
        });
    }
}

/// The home screen: "Get help now" selected in a focused sections pane.
fn at_home(screen: &vt100::Screen) -> bool {
    let c = screen.contents();
    c.contains("▶ 0 Get help now") && c.contains("▸ Sections")
}

fn kiosk_with_pin<'a>(args: &'a [&'a str]) -> Spawn<'a> {
    Spawn {
        args,
        env: &[("HEATWATCH_KIOSK_PIN", KIOSK_PIN)],
        ..Spawn::default()
    }
}

#[test]
fn kiosk_keys_that_would_leave_go_home_instead() {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk"]));
    pty.wait_first_frame();
    pty.wait_home("start");
    pty.assert_raw_mode();
    for (name, key) in [
        ("q", &b"q"[..]),
        ("Ctrl-C", b"\x03"),
        ("Ctrl-D", b"\x04"),
        ("Ctrl-Z", b"\x1a"),
        ("Ctrl-\\", b"\x1c"),
    ] {
        pty.go_away_from_home();
        pty.send(key);
        pty.wait_home(name);
        pty.assert_alive(name);
    }
    // Still answering keys after all of them (the next step also proves it is alive).
    pty.go_away_from_home();
    pty.assert_alive("navigating again");
    pty.assert_raw_mode();
    pty.end_with_sigterm();
}

/// The PIN prompt shows one dot a digit, never the digits.
fn wait_pin_dots(pty: &Pty, n: usize, typed: &str) {
    let dots = format!("PIN: {}", "•".repeat(n));
    pty.wait_for(&format!("{dots:?} in the PIN prompt"), move |s| {
        let c = s.contents();
        c.contains(&dots) && !c.contains(&format!("PIN: {}", "•".repeat(n + 1)))
    });
    let c = pty.contents();
    assert!(
        !c.contains(typed),
        "the typed PIN {typed:?} is shown on screen:\n{c}"
    );
}

#[test]
fn kiosk_operator_pin_exits_and_a_wrong_one_does_not() {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk"]));
    pty.wait_first_frame();
    pty.send(b"\x0f");
    pty.wait_for_text(&["Operator exit", "PIN:"]);
    pty.send(b"1111");
    wait_pin_dots(&pty, 4, "1111");
    pty.send(b"\r");
    pty.wait_for_text(&["Wrong PIN."]);
    pty.assert_alive("a wrong PIN");
    // The prompt stays open, empty, for another try.
    pty.wait_for("an empty PIN prompt", |s| {
        let c = s.contents();
        c.contains("Wrong PIN.") && !c.contains("PIN: •")
    });
    pty.send(KIOSK_PIN.as_bytes());
    wait_pin_dots(&pty, KIOSK_PIN.len(), KIOSK_PIN);
    pty.send(b"\r");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    assert!(status.signal().is_none(), "{status:?}");
    pty.assert_restored();
}

#[test]
fn kiosk_pin_file_is_read() {
    let _guard = serial();
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(b"135791\nignored second line\n")
        .expect("write temp file");
    file.flush().expect("flush temp file");
    let path = file.path().to_str().expect("UTF-8 temp path").to_owned();
    // The file wins over the environment.
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--kiosk-pin-file", &path]));
    pty.wait_first_frame();
    pty.send(b"\x0f");
    pty.wait_for_text(&["Operator exit", "PIN:"]);
    pty.send(KIOSK_PIN.as_bytes());
    wait_pin_dots(&pty, KIOSK_PIN.len(), KIOSK_PIN);
    pty.send(b"\r");
    pty.wait_for_text(&["Wrong PIN."]);
    pty.assert_alive("the environment's PIN when a PIN file is given");
    pty.send(b"135791\r");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

#[test]
fn kiosk_without_a_pin_ctrl_o_does_nothing() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn {
        args: &["--kiosk"],
        ..Spawn::default()
    });
    pty.wait_first_frame();
    pty.wait_home("start");
    pty.send(b"\x0f");
    // Had a prompt opened, "2" would be typed into it; browsing, it opens a role.
    pty.send(b"2");
    pty.wait_for_text(&["Law Enforcement › Help with Cases"]);
    let c = pty.contents();
    assert!(
        !c.contains("Operator exit") && !c.contains("PIN:"),
        "a PIN prompt opened with no PIN configured:\n{c}"
    );
    pty.assert_alive("Ctrl-O with no PIN");
    pty.send(b"\x0f");
    pty.send(b"q");
    pty.wait_home("Ctrl-O then q");
    pty.assert_alive("Ctrl-O then q");
    pty.end_with_sigterm();
}

#[test]
fn kiosk_idle_reset_counts_down_then_goes_home_and_clears() {
    let _guard = serial();
    // 30 s is the shortest idle reset a kiosk takes.
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--idle-reset", "30"]));
    pty.wait_first_frame();
    pty.search_tip();
    let mark = pty.raw_len();
    // The start of an escape sequence, never finished (Alt-O): it must not hold back
    // the idle reset, which runs on its own clock.
    pty.send(b"\x1bO");
    pty.wait_for_text_long(&[COUNTDOWN_TEXT]);
    pty.wait_for("home with the search closed after the idle reset", |s| {
        at_home(s) && !s.contents().contains("/ tip") && !s.contents().contains(COUNTDOWN_TEXT)
    });
    pty.assert_alive("the idle reset");
    let after = pty.raw_since(mark);
    assert!(
        contains(&after, b"\x1b[3J"),
        "the idle reset did not clear the scrollback (no ESC[3J after the search)"
    );
    assert!(
        contains(&after, b"\x1b[2J"),
        "the idle reset did not clear the screen (no ESC[2J after the search)"
    );
    // At home nothing counts down, and the app keeps running.
    std::thread::sleep(Duration::from_secs(4));
    pty.assert_alive("idling at home");
    let c = pty.contents();
    assert!(
        at_home(pty.lock().parser.screen()) && !c.contains(COUNTDOWN_TEXT),
        "not quietly at home after idling there:\n{c}"
    );
    pty.send(b"\x0f");
    pty.wait_for_text(&["Operator exit"]);
    pty.send(format!("{KIOSK_PIN}\r").as_bytes());
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

/// Waits for the idle countdown over an open search, sends `key`, and checks that the
/// countdown went away while the search stayed.
fn a_key_cancels_the_countdown(key: &[u8]) {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--idle-reset", "30"]));
    pty.wait_first_frame();
    pty.search_tip();
    pty.wait_for_text_long(&[COUNTDOWN_TEXT, "/ tip"]);
    pty.send(key);
    // A whole frame (bottom row drawn) without the countdown.
    pty.wait_for("the countdown gone after a key", |s| {
        let c = s.contents();
        !c.contains(COUNTDOWN_TEXT)
            && c.contains(NATIONAL_HOTLINE)
            && !bottom_row(s).trim().is_empty()
    });
    pty.assert_alive("cancelling the countdown");
    {
        let s = pty.lock();
        let c = s.parser.screen().contents();
        assert!(
            c.contains("/ tip") && has_result_count(&c),
            "{:?} did not cancel the countdown: the idle reset came\n{}",
            String::from_utf8_lossy(key),
            describe(&s.parser, &s.raw)
        );
    }
    pty.end_with_sigterm();
}

#[test]
fn kiosk_a_key_during_the_countdown_cancels_it() {
    // Down: a key the search box uses.
    a_key_cancels_the_countdown(b"\x1b[B");
}

#[test]
fn kiosk_any_key_cancels_the_countdown_even_one_the_search_box_ignores() {
    // "press any key to stay": Right means nothing in the search box, and still counts.
    a_key_cancels_the_countdown(b"\x1b[C");
}

#[test]
fn kiosk_bad_data_shows_an_error_screen_and_only_the_pin_exits() {
    let _guard = serial();
    let mut file = tempfile::Builder::new()
        .prefix("bad")
        .suffix(".json")
        .tempfile()
        .expect("temp file");
    file.write_all(b"{ \"schema_version\": 1, this is not JSON")
        .expect("write temp file");
    file.flush().expect("flush temp file");
    let path = file.path().to_str().expect("UTF-8 temp path").to_owned();

    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--data", &path]));
    pty.wait_for_text(&[DATA_ERROR_TEXT, EMERGENCY]);
    pty.assert_raw_mode();
    for (name, key) in [
        ("q", &b"q"[..]),
        ("Ctrl-C", b"\x03"),
        ("Ctrl-D", b"\x04"),
        ("Ctrl-X", b"\x18"),
        ("Esc", b"\x1b"),
    ] {
        pty.send(key);
        std::thread::sleep(Duration::from_millis(150));
        pty.assert_alive(name);
    }
    // The keys were read and ignored: the prompt opens on the next one.
    pty.send(b"\x0f");
    pty.wait_for_text(&["Operator exit", "PIN:"]);
    pty.assert_alive("Ctrl-O");
    pty.wait_for_text(&[DATA_ERROR_TEXT]);
    pty.send(KIOSK_PIN.as_bytes());
    wait_pin_dots(&pty, KIOSK_PIN.len(), KIOSK_PIN);
    pty.send(b"\r");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

/// The kiosk error screen, with stderr on the pseudo-terminal (the public screen, as
/// under a restart loop on a console): in the interface language, the emergency number
/// and the National Hotline, never the Alameda County line (it has an `area`), and not
/// one byte of the operator's messages — no path, JSON position, command, PIN or
/// idle-reset note, before, during or after.
fn kiosk_error_screen_in(lang: &str, texts: &[&str]) {
    let _guard = serial();
    let mut file = tempfile::Builder::new()
        .prefix("county-secret")
        .suffix(".json")
        .tempfile()
        .expect("temp file");
    file.write_all(b"{ \"schema_version\": 1, this is not JSON")
        .expect("write temp file");
    file.flush().expect("flush temp file");
    let path = file.path().to_str().expect("UTF-8 temp path").to_owned();
    let args = [
        "--kiosk",
        "--lang",
        lang,
        "--data",
        path.as_str(),
        "--idle-reset",
        "5",
    ];
    let mut pty = Pty::spawn(&kiosk_with_pin(&args));
    pty.wait_for_text(texts);
    let screen = pty.contents();
    for number in [EMERGENCY, NATIONAL_HOTLINE, "233733"] {
        assert!(screen.contains(number), "{number} missing:\n{screen}");
    }
    assert!(!screen.contains(LOCAL_HOTLINE), "{screen}");
    pty.send(b"\x0f");
    pty.wait_for_text(&["PIN:"]);
    pty.send(KIOSK_PIN.as_bytes());
    wait_pin_dots(&pty, KIOSK_PIN.len(), KIOSK_PIN);
    pty.send(b"\r");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
    let raw = pty.raw_since(0);
    let text = String::from_utf8_lossy(&raw);
    for secret in [
        "county-secret",
        // An operator's note, as written (the loading line is drawn word by word).
        "heatwatch: ",
        "heatwatch check",
        "line 1",
        "column",
        "columna",
        "H.E.A.T.",
    ] {
        assert!(
            !text.contains(secret),
            "{secret:?} reached the public screen:\n{text}"
        );
    }
}

#[test]
fn kiosk_error_screen_with_stderr_on_the_terminal_shows_hotlines_and_nothing_for_the_operator() {
    kiosk_error_screen_in(
        "en",
        &[DATA_ERROR_TEXT, "National Human Trafficking Hotline"],
    );
}

#[test]
fn kiosk_error_screen_speaks_the_interface_language() {
    kiosk_error_screen_in(
        "es",
        &[
            "No se pueden usar los datos del directorio",
            "Línea Nacional contra la Trata de Personas",
        ],
    );
}

#[test]
fn kiosk_quick_exit_goes_home_and_clears_instead_of_leaving() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn {
        preload: EARLIER_OUTPUT,
        ..kiosk_with_pin(&["--kiosk"])
    });
    pty.wait_first_frame();
    pty.go_away_from_home();
    let mark = pty.raw_len();
    pty.send(b"\x18");
    pty.wait_home("Ctrl-X");
    pty.assert_alive("Ctrl-X");
    let after = pty.raw_since(mark);
    for seq in [&b"\x1b[2J"[..], b"\x1b[3J"] {
        assert!(
            contains(&after, seq),
            "kiosk quick exit did not send {:?}",
            String::from_utf8_lossy(seq)
        );
    }
    assert!(
        !contains(&after, LEAVE_ALT),
        "kiosk quick exit left the alternate screen"
    );
    assert_eq!(
        pty.lock().parser.screen().scrollback_len(),
        0,
        "scrollback not empty"
    );
    // Still answering keys.
    pty.go_away_from_home();
    pty.assert_alive("navigating after Ctrl-X");
    pty.end_with_sigterm();
}

#[test]
fn kiosk_sigterm_from_outside_stops_it_and_restores_the_terminal() {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk"]));
    pty.wait_first_frame();
    pty.go_away_from_home();
    pty.assert_raw_mode();
    pty.signal("TERM");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 128 + 15, "{status:?}");
    assert!(
        status.signal().is_none(),
        "killed by SIGTERM instead of handling it: {status:?}"
    );
    pty.assert_restored();
}

/// A terminal that goes away (window closed, SSH dropped) must not leave heatwatch
/// running: found when closed tmux sessions left it spinning at a third of a CPU.
#[test]
fn closing_the_terminal_ends_the_app() {
    let _guard = serial();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a PTY");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_heatwatch"));
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("HEATWATCH_DATA");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn heatwatch");
    drop(pair.slave);
    // Read on this thread (no clone of the master may outlive it) until the first
    // frame shows the numbers; the app keeps writing until then, so reads do not hang.
    let mut reader = pair.master.try_clone_reader().expect("PTY reader");
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    while !contains(&seen, b"373-7888") {
        let n = reader.read(&mut buf).expect("read the first frame");
        assert!(n > 0, "the app closed its terminal first");
        seen.extend_from_slice(&buf[..n]);
    }
    drop(reader);
    // Close the terminal: the master side goes away.
    drop(pair.master);
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "heatwatch still running {TIMEOUT:?} after its terminal closed"
        );
        std::thread::sleep(POLL);
    }
}

/// Above 2,000 records the app searches on a worker thread: the filters must reach it
/// too. A directory of 2,100 English-speaking services and one Vietnamese-speaking one,
/// layered after the embedded directory; with the language filter on, searching "desk"
/// finds only the Vietnamese-speaking desk.
#[test]
fn filters_reach_the_search_worker_on_a_large_directory() {
    let _guard = serial();
    let provenance = serde_json::json!({"source": ["gen"], "retrieved": "2026-01-15"});
    let service = |id: String, name: String, language: &str, n: usize| {
        let mut v = serde_json::json!({
            "id": id, "name": name, "description": "A desk that helps.",
            "phones": [{"number": format!("(555) 555-01{:02}", n % 100)}],
            "languages": [language]
        });
        for (k, x) in provenance.as_object().expect("object") {
            v[k] = x.clone();
        }
        v
    };
    let mut services: Vec<serde_json::Value> = (0..2_100)
        .map(|i| service(format!("en-{i}"), format!("English desk {i}"), "English", i))
        .collect();
    services.push(service(
        "vi-1".into(),
        "Vietnamese family desk".into(),
        "Vietnamese",
        7,
    ));
    let file = serde_json::json!({
        "schema_version": 1,
        "directory": {
            "id": "big", "name": "Big", "organization": "heatwatch tests",
            "region": "Example County", "emergency_number": "911", "retrieved": "2026-01-15",
            "sources": [{"id": "gen", "title": "Generated for tests (fictional 555-01XX numbers)", "retrieved": "2026-01-15"}]
        },
        "services": services
    });
    let mut tmp = tempfile::NamedTempFile::new().expect("temp file");
    tmp.write_all(file.to_string().as_bytes()).expect("write");
    tmp.flush().expect("flush");
    let path = tmp.path().to_str().expect("UTF-8 temp path").to_owned();
    let mut pty = Pty::spawn(&Spawn {
        args: &["--with-embedded", "--data", &path],
        ..Spawn::default()
    });
    pty.wait_first_frame();
    pty.send(b"f");
    pty.wait_for_text(&["Filters:", "Language []"]);
    pty.send(b"vietnamese\r");
    pty.wait_for_text(&["Filters on:", "Language vietnamese"]);
    pty.send(b"/desk");
    pty.wait_for_text(&["Vietnamese family desk"]);
    // Give a stale, unfiltered answer time to arrive if the worker ignored the filter.
    std::thread::sleep(Duration::from_millis(300));
    let contents = pty.contents();
    assert!(!contents.contains("English desk"), "{contents}");
    // Esc alone (a lone ESC is read as Esc once no other byte follows), then q.
    pty.send(b"\x1b");
    pty.wait_for_text(&["Sections"]);
    pty.send(b"q");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

// ---------------------------------------------------------------------------------
// Raw bytes, as a real keyboard sends them: what the parsed-event tests cannot see.
// ---------------------------------------------------------------------------------

/// Every escape sequence the app reads, as terminals send it: CSI keys (with and
/// without modifiers), SS3 keys, the three mouse encodings, a bracketed paste, focus
/// reports, and sequences the app ignores (kitty keys, a cursor report).
const SEQUENCES: &[&[u8]] = &[
    b"\x1b[A",
    b"\x1b[1;5C",
    b"\x1b[3~",
    b"\x1b[15;2~",
    b"\x1b[Z",
    b"\x1bOP",
    b"\x1bOA",
    b"\x1b[<0;10;5M",
    b"\x1b[<64;10;5M",
    b"\x1b[M !!",
    b"\x1b[32;10;5M",
    b"\x1b[200~pasted text\x1b[201~",
    b"\x1b[I",
    b"\x1b[O",
    b"\x1b[97;5u",
    b"\x1b[12;40R",
];

/// Kiosk: leaves home, sends `bytes`, and checks that the quick exit came: home again,
/// with the screen and the scrollback cleared after the bytes were sent.
fn kiosk_quick_exit_after(pty: &mut Pty, bytes: &[u8], what: &str) {
    pty.go_away_from_home();
    kiosk_quick_exit_here(pty, bytes, what);
}

/// Kiosk: sends `bytes`, and checks that the quick exit came: home, with the screen and
/// the scrollback cleared after the bytes were sent.
fn kiosk_quick_exit_here(pty: &mut Pty, bytes: &[u8], what: &str) {
    let mark = pty.raw_len();
    pty.send(bytes);
    pty.wait_for(&format!("home after {what}"), at_home);
    let deadline = Instant::now() + TIMEOUT;
    while !contains(&pty.raw_since(mark), b"\x1b[3J") {
        assert!(
            Instant::now() < deadline,
            "no clearing of the scrollback after {what}"
        );
        std::thread::sleep(POLL);
    }
    pty.assert_alive(what);
}

#[test]
fn kiosk_every_prefix_of_every_escape_sequence_then_ctrl_x_clears() {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk"]));
    pty.wait_first_frame();
    for seq in SEQUENCES {
        for end in 1..=seq.len() {
            let mut bytes = seq[..end].to_vec();
            bytes.push(0x18);
            let what = format!("{:?} then Ctrl-X", String::from_utf8_lossy(&seq[..end]));
            kiosk_quick_exit_after(&mut pty, &bytes, &what);
        }
    }
    pty.end_with_sigterm();
}

#[test]
fn kiosk_random_byte_streams_then_ctrl_x_clear() {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk"]));
    pty.wait_first_frame();
    // A fixed-seed xorshift: the same streams on every run, weighted towards the
    // bytes that start and shape escape sequences.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"\x1b[O<;0123456789~MmABCDPQRSIuZ\x07\x00\x7f\x80\xc3\xff\r";
    for round in 0..40 {
        let len = 1 + usize::try_from(next() % 48).unwrap();
        let mut bytes: Vec<u8> = (0..len)
            .map(|_| {
                let r = next();
                if r % 4 == 0 {
                    u8::try_from(r >> 8 & 0xff).unwrap()
                } else {
                    alphabet[usize::try_from(r >> 8).unwrap() % alphabet.len()]
                }
            })
            // Ctrl-X itself, and Ctrl-O (the PIN prompt), are what the test sends last.
            .filter(|&b| b != 0x18 && b != 0x0f)
            .collect();
        bytes.push(0x18);
        kiosk_quick_exit_after(
            &mut pty,
            &bytes,
            &format!("random stream {round}: {bytes:?}"),
        );
    }
    pty.end_with_sigterm();
}

/// The adversarial review's freeze: Alt-[ (ESC [) and then four ordinary keystrokes
/// `2 0 0 ~`, which together open a bracketed paste that never ends. Ctrl-X, a click on
/// the quick-exit label and the operator's PIN must all still work.
#[test]
fn kiosk_alt_bracket_then_200_tilde_freezes_nothing() {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk"]));
    pty.wait_first_frame();
    let freeze = |pty: &mut Pty| {
        pty.send(b"\x1b[");
        std::thread::sleep(Duration::from_millis(150));
        for key in [b"2", b"0", b"0", b"~"] {
            pty.send(key);
            std::thread::sleep(Duration::from_millis(60));
        }
        // And typed fast, as a keystroke injector would: one paste that never ends.
        pty.send(b"\x1b[200~SECRET");
    };
    pty.go_away_from_home();
    freeze(&mut pty);
    kiosk_quick_exit_here(&mut pty, b"\x18", "the freeze, then Ctrl-X");
    // The clickable label, top right of the header.
    pty.go_away_from_home();
    freeze(&mut pty);
    let (row, col) = (0u16, size(pty.lock().parser.screen()).1 - 4);
    let click = format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    );
    kiosk_quick_exit_here(
        &mut pty,
        click.as_bytes(),
        "the freeze, then a click on quick exit",
    );
    freeze(&mut pty);
    pty.send(b"\x0f");
    pty.wait_for_text(&["Operator exit", "PIN:"]);
    pty.send(format!("{KIOSK_PIN}\r").as_bytes());
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

#[test]
fn an_unfinished_paste_then_ctrl_x_quick_exits_and_clears() {
    for prefix in [&b"\x1b["[..], b"\x1b[200~secret", b"\x1b[<0;1", b"\x1bO"] {
        let _guard = serial();
        let mut pty = Pty::spawn(&Spawn::default());
        pty.wait_first_frame();
        pty.send(prefix);
        pty.send(b"\x18");
        let status = pty.wait_exit();
        assert_eq!(status.exit_code(), 0, "{prefix:?}: {status:?}");
        let raw = pty.raw();
        let left = rfind(&raw, LEAVE_ALT).expect("left the alternate screen");
        assert!(
            contains(&raw[left..], b"\x1b[3J"),
            "{prefix:?}: the main screen's scrollback was not cleared after leaving"
        );
        pty.assert_restored();
    }
}

#[test]
fn kiosk_quick_exit_during_the_countdown_clears_at_once() {
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--idle-reset", "30"]));
    pty.wait_first_frame();
    pty.search_tip();
    pty.wait_for_text_long(&[COUNTDOWN_TEXT, "/ tip"]);
    let mark = pty.raw_len();
    pty.send(b"\x18");
    pty.wait_for("home at once after Ctrl-X during the countdown", |s| {
        at_home(s) && !s.contents().contains("/ tip")
    });
    assert!(contains(&pty.raw_since(mark), b"\x1b[3J"), "no clearing");
    pty.end_with_sigterm();
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores("QUIT", 3, |_| {});
}

#[test]
fn sigusr1_restores_the_terminal() {
    signal_restores("USR1", 10, |_| {});
}

#[test]
fn sigusr2_restores_the_terminal() {
    signal_restores("USR2", 12, |_| {});
}

#[test]
fn sigalrm_restores_the_terminal() {
    signal_restores("ALRM", 14, |_| {});
}

/// The process state letter from /proc (T: stopped).
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit(") ").next()?.chars().next()
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_redraws() {
    if !std::path::Path::new("/proc/self/stat").exists() {
        return;
    }
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn::default());
    pty.wait_first_frame();
    let pid = pty.pid();
    pty.signal("TSTP");
    let deadline = Instant::now() + TIMEOUT;
    while process_state(pid) != Some('T') {
        assert!(Instant::now() < deadline, "SIGTSTP did not stop the app");
        std::thread::sleep(POLL);
    }
    let flags = pty.local_flags();
    assert!(
        flags.contains(&"ICANON") && flags.contains(&"ECHO"),
        "stopped with the terminal still raw: {flags:?}"
    );
    // The bytes that leave the alternate screen were written before the stop; the
    // harness's reader may not have parsed them yet.
    pty.wait_for("the main screen while stopped", |s| !s.alternate_screen());
    let mark = pty.raw_len();
    pty.signal("CONT");
    pty.wait_for("the alternate screen again after SIGCONT", |s| {
        s.alternate_screen()
    });
    pty.wait_for_text(&[NATIONAL_HOTLINE]);
    assert!(contains(&pty.raw_since(mark), ENTER_ALT));
    pty.assert_raw_mode();
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn kiosk_ignores_sigtstp() {
    if !std::path::Path::new("/proc/self/stat").exists() {
        return;
    }
    let _guard = serial();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk"]));
    pty.wait_first_frame();
    pty.signal("TSTP");
    std::thread::sleep(Duration::from_millis(300));
    assert_ne!(process_state(pty.pid()), Some('T'), "the kiosk stopped");
    pty.assert_raw_mode();
    pty.go_away_from_home();
    pty.assert_alive("SIGTSTP");
    pty.end_with_sigterm();
}

/// A directory file large enough that loading it takes a while in a test build.
fn slow_directory() -> tempfile::NamedTempFile {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.json"),
    )
    .unwrap();
    let mut dir: serde_json::Value = serde_json::from_str(&text).unwrap();
    let services: Vec<serde_json::Value> = (0..60_000)
        .map(|i| {
            serde_json::json!({
                "id": format!("s{i}"),
                "name": format!("Generated service {i}"),
                "description": "A service generated for a test of the start-up.",
                "phones": [{"number": "555-555-0110"}],
                "source": ["test-source"],
                "retrieved": "2026-01-15"
            })
        })
        .collect();
    dir["services"] = serde_json::Value::Array(services);
    let mut file = tempfile::Builder::new().suffix(".json").tempfile().unwrap();
    serde_json::to_writer(&mut file, &dir).unwrap();
    file.flush().unwrap();
    file
}

#[test]
fn kiosk_start_up_is_inside_the_guard() {
    let _guard = serial();
    let file = slow_directory();
    let path = file.path().to_str().unwrap().to_owned();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--data", &path]));
    // The loading screen is drawn in raw mode on the alternate screen, before the data.
    pty.wait_for("the loading screen", |s| {
        s.contents().contains("Loading the directory") || s.contents().contains("Test Line")
    });
    pty.assert_raw_mode();
    assert!(contains(&pty.raw(), ENTER_ALT));
    // Ctrl-C and Ctrl-\ are keys, not signals, from the first moment.
    pty.send(b"\x03\x1c\x1a");
    pty.wait_for_text(&["Test Line"]);
    pty.assert_alive("Ctrl-C, Ctrl-\\ and Ctrl-Z during the start-up");
    pty.end_with_sigterm();
}

#[test]
fn kiosk_a_refused_pin_turns_the_operator_exit_off_and_keeps_running() {
    let _guard = serial();
    for pin in ["1234", "change-me", "pin\u{e9}pin\u{e9}"] {
        let mut pty = Pty::spawn(&Spawn {
            args: &["--kiosk"],
            env: &[("HEATWATCH_KIOSK_PIN", pin)],
            ..Spawn::default()
        });
        pty.wait_first_frame();
        pty.wait_for_text(&["Operator exit is off"]);
        let c = pty.contents();
        assert!(
            !c.contains("shorter") && !c.contains(pin),
            "{pin}: the reason reached the public screen:\n{c}"
        );
        pty.send(b"\x0f");
        pty.send(format!("{pin}\r").as_bytes());
        std::thread::sleep(Duration::from_millis(300));
        pty.assert_alive(&format!("Ctrl-O and the refused PIN {pin:?}"));
        pty.signal("TERM");
        assert_eq!(pty.wait_exit().exit_code(), 128 + 15);
        pty.assert_restored();
    }
}

#[test]
fn kiosk_a_fifo_as_pin_file_or_data_is_refused_at_once() {
    let _guard = serial();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let fifo = fifo.to_str().unwrap().to_owned();
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--kiosk-pin-file", &fifo]));
    pty.wait_first_frame();
    pty.wait_for_text(&["Operator exit is off"]);
    pty.signal("TERM");
    assert_eq!(pty.wait_exit().exit_code(), 128 + 15);
    let mut pty = Pty::spawn(&kiosk_with_pin(&["--kiosk", "--data", &fifo]));
    pty.wait_for_text(&[DATA_ERROR_TEXT, EMERGENCY]);
    pty.end_with_sigterm();
}

#[test]
fn the_first_frame_gives_the_embedded_emergency_number_and_hotline_while_loading() {
    let _guard = serial();
    let file = slow_directory();
    let path = file.path().to_str().unwrap().to_owned();
    let mut pty = Pty::spawn(&Spawn {
        args: &["--data", &path],
        ..Spawn::default()
    });
    pty.wait_for_text(&["Test Line"]);
    // The file holds neither number: they come from the embedded directory, drawn
    // before the file's own first frame.
    let raw = pty.raw();
    let loaded = find(&raw, b"Test Line").unwrap();
    let before = String::from_utf8_lossy(&raw[..loaded]);
    for text in [
        "Emergency",
        "911",
        NATIONAL_HOTLINE,
        "Loading the directory",
    ] {
        assert!(
            before.contains(text),
            "{text:?} not drawn while loading:\n{before}"
        );
    }
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn query_starts_on_that_search_and_ctrl_j_moves_down() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn {
        args: &["--query", "national hotline"],
        ..Spawn::default()
    });
    pty.wait_for("the search for the --query", |s| {
        let c = s.contents();
        c.contains("/ national hotline") && has_result_count(&c) && c.contains('▶')
    });
    // LF is Ctrl-J, which moves down in the results as in fzf; Enter (CR) opens.
    let selected_row = |pty: &Pty| {
        pty.contents()
            .lines()
            .position(|l| l.contains('▶'))
            .unwrap_or(usize::MAX)
    };
    let before = selected_row(&pty);
    pty.send(b"\n");
    pty.wait_for("the selection moved down", |s| {
        s.contents()
            .lines()
            .position(|l| l.contains('▶'))
            .unwrap_or(0)
            > before
    });
    // Esc alone (an escape sequence's start until 50 ms of silence), then q.
    pty.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(150));
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn kiosk_notes_for_the_operator_go_once_to_stderr_when_it_is_not_the_terminal() {
    let _guard = serial();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("journal.txt");
    let log = log.to_str().unwrap();
    // Through sh, with stderr sent to a file, as under systemd (where it is the journal).
    let script = format!(
        "exec \"{}\" --kiosk --idle-reset 5 2>>\"{log}\"",
        env!("CARGO_BIN_EXE_heatwatch")
    );
    let mut pty = Pty::spawn_program(
        "sh",
        &Spawn {
            args: &["-c", &script],
            env: &[("HEATWATCH_KIOSK_PIN", "1234")],
            ..Spawn::default()
        },
    );
    pty.wait_first_frame();
    pty.wait_for_text(&["Operator exit is off"]);
    // A few screens and keys later, the notes are still there once each.
    pty.go_away_from_home();
    pty.send(b"\x18");
    pty.wait_home("Ctrl-X");
    pty.signal("TERM");
    assert_eq!(pty.wait_exit().exit_code(), 128 + 15);
    let text = std::fs::read_to_string(log).unwrap();
    assert_eq!(
        text.matches("the operator PIN is refused (it is shorter than 6 characters)")
            .count(),
        1,
        "{text}"
    );
    assert_eq!(
        text.matches("--idle-reset 5 is outside 30 to 86400 seconds; the kiosk uses 30")
            .count(),
        1,
        "{text}"
    );
}

/// A kiosk given a trusted key and a file without a good signature by it shows the kiosk
/// error screen with the emergency number — never the file, never a shell — and keeps
/// running; the same file signed by the key opens.
#[test]
fn kiosk_with_a_trusted_key_refuses_an_unsigned_file_with_its_error_screen() {
    let _guard = serial();
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let data = d.join("county.json");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/directory.json"),
        &data,
    )
    .expect("copy");
    let minisign = |args: &[&str]| {
        let out = std::process::Command::new("minisign")
            .args(args)
            .current_dir(d)
            .output()
            .expect("minisign is not installed (Debian: apt-get install minisign)");
        assert!(out.status.success(), "minisign {args:?}");
    };
    minisign(&["-G", "-W", "-p", "a.pub", "-s", "a.key"]);
    let key = d.join("a.pub").to_str().expect("UTF-8").to_owned();
    let path = data.to_str().expect("UTF-8").to_owned();
    let args = ["--kiosk", "--trusted-key", &key, "--data", &path];

    let mut pty = Pty::spawn(&kiosk_with_pin(&args));
    pty.wait_for_text(&[DATA_ERROR_TEXT, EMERGENCY]);
    pty.send(b"q");
    std::thread::sleep(Duration::from_millis(150));
    pty.assert_alive("q");
    pty.end_with_sigterm();

    minisign(&["-S", "-s", "a.key", "-m", "county.json"]);
    let mut pty = Pty::spawn(&kiosk_with_pin(&args));
    pty.wait_first_frame();
    assert!(
        !pty.contents().contains(DATA_ERROR_TEXT),
        "{}",
        pty.contents()
    );
    pty.end_with_sigterm();
}
