//! Screen-reader mode (issue 22 §1) in a pseudo-terminal: plain lines only (no
//! cursor addressing, no alternate screen, no box drawing, no colour) apart from the
//! clearing on the quick exit and the kiosk's resets; an action's next steps and a
//! searched record's number within three inputs, in both languages; Ctrl-C, Ctrl-Z and
//! `Ctrl-\` as keys; Ctrl-X mid-line; kiosk mode with its PIN and its clearing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(unix)]

use std::time::{Duration, Instant};

use crate::common::pty::*;

const PIN: &str = "246813";
const CLEAR: [&[u8]; 3] = [b"\x1b[2J", b"\x1b[3J", b"\x1b[1;1H"];

/// A tall terminal, so that whole answers stay on the parsed screen.
fn spawn(args: &[&str], env: &[(&str, &str)]) -> Pty {
    Pty::spawn(&Spawn {
        cols: 120,
        rows: 200,
        args,
        env,
        ..Spawn::default()
    })
}

/// Waits until the bytes written since `mark` contain `text`.
fn wait_raw(pty: &Pty, mark: usize, text: &str) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let raw = pty.raw();
        if contains(raw.get(mark..).unwrap_or_default(), text.as_bytes()) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{text:?} never came; output:\n{}",
            String::from_utf8_lossy(&raw)
        );
        std::thread::sleep(POLL);
    }
}

/// Sends a line and waits for `expect` in what comes back. One input.
fn ask(pty: &mut Pty, line: &str, expect: &str) -> String {
    let mark = pty.raw().len();
    pty.send(format!("{line}\r").as_bytes());
    wait_raw(pty, mark, expect);
    String::from_utf8_lossy(&pty.raw()[mark..]).into_owned()
}

fn assert_alive(pty: &mut Pty, after: &str) {
    assert!(
        pty.child.try_wait().unwrap().is_none(),
        "the program ended after {after}"
    );
}

/// The output holds no escape sequence but the clearing ones (and those only where
/// `clears` allows), and no box-drawing character.
fn assert_plain(raw: &[u8], clears: bool) {
    let mut rest = raw.to_vec();
    if clears {
        for seq in CLEAR {
            while let Some(at) = find(&rest, seq) {
                rest.drain(at..at + seq.len());
            }
        }
    }
    assert!(
        !rest.contains(&0x1b),
        "an escape sequence other than clearing:\n{:?}",
        String::from_utf8_lossy(&rest)
    );
    let text = String::from_utf8_lossy(raw);
    assert!(
        !text.chars().any(|c| ('\u{2500}'..='\u{259f}').contains(&c)),
        "box drawing or block characters:\n{text}"
    );
}

#[test]
fn three_inputs_reach_next_steps_and_a_searched_number_in_english() {
    let _guard = serial();
    let mut pty = spawn(&["--screen-reader"], &[]);
    wait_raw(&pty, 0, "Type a number");
    pty.assert_raw_mode();
    let opening = String::from_utf8_lossy(&pty.raw()).into_owned();
    // The emergency number and the National Hotline first, as sentences.
    let emergency = opening.find("Emergency: 911.").expect("emergency first");
    let national = opening
        .find("National Human Trafficking Hotline. Call: 1(888) 373-7888. Text: 233733.")
        .expect("the National Hotline");
    assert!(emergency < national && national < opening.find("Menu:").unwrap());
    // Roles, the first role, its second action: its next steps.
    ask(&mut pty, "2", "Community Member");
    ask(&mut pty, "1", "Report it");
    let steps = ask(&mut pty, "2", "What to do next");
    assert!(
        steps.contains("1. If someone is in danger now, call 911."),
        "{steps}"
    );
    // One search, and the number is in the results.
    let found = ask(&mut pty, "tip line", "results for");
    assert!(
        found
            .contains("1. Alameda County H.E.A.T. Watch Tip Line (hotline). Call: 1(510) 208-4959"),
        "{found}"
    );
    // A record's full detail.
    let detail = ask(&mut pty, "1", "Sources");
    assert!(detail.contains("Call: 1(510) 208-4959"), "{detail}");
    assert!(detail.contains("Caution:"), "{detail}");
    // Help and the menu again.
    ask(&mut pty, "h", "Ctrl-X");
    ask(&mut pty, "m", "Menu:");
    pty.send(b"q\r");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
    assert_plain(&pty.raw(), false);
}

#[test]
fn three_inputs_reach_next_steps_and_a_searched_number_in_spanish() {
    let _guard = serial();
    let mut pty = spawn(
        &[],
        &[("HEATWATCH_SCREEN_READER", "1"), ("LANG", "es_US.UTF-8")],
    );
    wait_raw(&pty, 0, "Escriba un número");
    let opening = String::from_utf8_lossy(&pty.raw()).into_owned();
    assert!(
        opening.contains("modo para lector de pantalla"),
        "{opening}"
    );
    assert!(
        opening.contains("Línea Nacional contra la Trata de Personas. Llamar: 1(888) 373-7888.")
    );
    ask(&mut pty, "2", "Funciones:");
    ask(&mut pty, "1", "Escriba un número");
    let steps = ask(&mut pty, "2", "Próximos pasos");
    assert!(steps.contains("911"), "{steps}");
    // A Spanish word finds the record and its number.
    let found = ask(&mut pty, "denuncias anónimas", "resultados para");
    assert!(found.contains("Llamar: 1(510) 208-4959"), "{found}");
    // The other language from the menu, with no reload.
    let menu = ask(&mut pty, "m", "Escriba un número");
    let item = menu
        .lines()
        .find_map(|l| {
            l.strip_suffix(". English")
                .or_else(|| l.trim_end().strip_suffix(". English"))
        })
        .expect("the menu offers English");
    let english = ask(&mut pty, item.trim(), "Menu:");
    assert!(english.contains("1. Hotlines (3)"), "{english}");
    pty.send(b"q\r");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
    assert_plain(&pty.raw(), false);
}

#[test]
fn ctrl_c_z_backslash_are_keys_and_ctrl_x_leaves_mid_line_clearing_everything() {
    let _guard = serial();
    let mut pty = Pty::spawn(&Spawn {
        cols: 100,
        rows: 30,
        args: &["--screen-reader"],
        preload: b"$ earlier shell output\r\nNational Hotline: 1(888) 373-7888\r\n$ ",
        ..Spawn::default()
    });
    wait_raw(&pty, 0, "Type a number");
    // Ctrl-Z and Ctrl-\ are keys: nothing stops or ends the program.
    pty.send(b"\x1a\x1c");
    std::thread::sleep(Duration::from_millis(300));
    assert_alive(&mut pty, "Ctrl-Z and Ctrl-\\");
    ask(&mut pty, "m", "Menu:");
    // Ctrl-X in the middle of a line: gone at once, screen and scrollback cleared.
    pty.send(b"tip li");
    wait_raw(&pty, 0, "tip li");
    pty.send(b"\x18");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
    let raw = pty.raw();
    for seq in CLEAR {
        assert!(
            contains(&raw, seq),
            "{:?} not sent",
            String::from_utf8_lossy(seq)
        );
    }
    let contents = pty.contents();
    for text in ["911", "1(888) 373-7888", "tip li", "earlier shell"] {
        assert!(
            !contents.contains(text),
            "{text} still on screen:\n{contents}"
        );
    }
    assert_plain(&raw, true);

    // Ctrl-C quits, as a key (status 0, not a signal's).
    let mut pty = spawn(&["--screen-reader"], &[]);
    wait_raw(&pty, 0, "Type a number");
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
    assert_plain(&pty.raw(), false);
}

#[test]
fn a_kiosk_in_screen_reader_mode_needs_the_pin_and_clears_for_the_next_person() {
    let _guard = serial();
    let mut pty = spawn(
        &["--screen-reader", "--kiosk"],
        &[("HEATWATCH_KIOSK_PIN", PIN)],
    );
    wait_raw(&pty, 0, "Type a number");
    // No way out without the PIN.
    for (name, bytes) in [
        ("q", &b"q\r"[..]),
        ("Ctrl-C", b"\x03"),
        ("Ctrl-D", b"\x04"),
        ("Ctrl-Z", b"\x1a"),
        ("Ctrl-\\", b"\x1c"),
    ] {
        let mark = pty.raw().len();
        pty.send(bytes);
        wait_raw(&pty, mark, "Menu:");
        assert_alive(&mut pty, name);
    }
    // A visitor's question, then Ctrl-X: cleared, and the opening again for the next.
    ask(&mut pty, "my private question", "Nothing found");
    let mark = pty.raw().len();
    pty.send(b"\x18");
    wait_raw(&pty, mark, "Menu:");
    assert_alive(&mut pty, "Ctrl-X");
    let after = pty.raw()[mark..].to_vec();
    let cleared = find(&after, b"\x1b[3J").expect("the scrollback cleared");
    assert!(find(&after, b"\x1b[2J").is_some_and(|at| at < cleared + 8));
    assert!(contains(&after[cleared..], b"Emergency: 911."));
    assert!(!pty.contents().contains("my private question"));
    // A wrong PIN, then the right one.
    let mark = pty.raw().len();
    pty.send(b"\x0f");
    wait_raw(&pty, mark, "Operator PIN");
    pty.send(b"000000\r");
    wait_raw(&pty, mark, "Wrong PIN.");
    assert!(
        !contains(&pty.raw()[mark..], b"000000"),
        "the PIN was echoed"
    );
    assert_alive(&mut pty, "a wrong PIN");
    pty.send(b"\x0f");
    wait_raw(
        &pty,
        mark,
        "Operator PIN, then Enter (not shown as you type): ",
    );
    pty.send(format!("{PIN}\r").as_bytes());
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
    assert!(!contains(&pty.raw(), PIN.as_bytes()), "the PIN was echoed");
    assert_plain(&pty.raw(), true);
}

#[test]
fn the_idle_reset_clears_and_says_the_opening_again() {
    let _guard = serial();
    // 30 s is the shortest idle reset a kiosk takes.
    let mut pty = spawn(
        &["--screen-reader", "--kiosk", "--idle-reset", "30"],
        &[("HEATWATCH_KIOSK_PIN", PIN)],
    );
    wait_raw(&pty, 0, "Type a number");
    ask(&mut pty, "tip line", "results for");
    let mark = pty.raw().len();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !contains(&pty.raw()[mark..], b"\x1b[3J") {
        assert!(Instant::now() < deadline, "no idle reset within 60 s");
        std::thread::sleep(Duration::from_millis(200));
    }
    wait_raw(&pty, mark, "Menu:");
    assert!(!pty.contents().contains("tip line"));
    assert_alive(&mut pty, "the idle reset");
    pty.send(b"\x0f");
    wait_raw(&pty, mark, "Operator PIN");
    pty.send(format!("{PIN}\r").as_bytes());
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}

#[test]
fn the_screen_reader_option_is_for_the_app_only_and_on_the_first_line_of_help() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_heatwatch"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.lines().next().unwrap().contains("--screen-reader"),
        "{help}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_heatwatch"))
        .args(["--screen-reader", "hotlines"])
        .env_remove("HEATWATCH_DATA")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--screen-reader"));
    // The variable, set for a whole session, leaves the commands alone.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_heatwatch"))
        .arg("hotlines")
        .env("HEATWATCH_SCREEN_READER", "1")
        .env_remove("HEATWATCH_DATA")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_hostile_file_sends_no_escape_sequence_to_the_terminal() {
    let _guard = serial();
    let mut pty = spawn(
        &["--screen-reader", "--data", "tests/fixtures/hostile.json"],
        &[],
    );
    wait_raw(&pty, 0, "Type a number");
    ask(&mut pty, "1", "Hostile Line");
    let told = ask(&mut pty, "1", "Sources");
    assert!(told.contains("Call: (510) 555-0100 ext. 12"), "{told}");
    ask(&mut pty, "hostile", "results for");
    pty.send(b"q\r");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
    assert_plain(&pty.raw(), false);
}

/// Kiosk promises are about bytes: after any unfinished escape sequence (a paste that
/// never ends, a lone ESC, half a CSI), Ctrl-X still clears and starts again at once.
#[test]
fn ctrl_x_after_any_unfinished_sequence_still_clears_a_screen_reader_kiosk() {
    let _guard = serial();
    let mut pty = spawn(
        &["--screen-reader", "--kiosk"],
        &[("HEATWATCH_KIOSK_PIN", PIN)],
    );
    wait_raw(&pty, 0, "Type a number");
    for prefix in [
        &b"\x1b[200~half a paste"[..],
        b"\x1b",
        b"\x1b[",
        b"\x1b[1;",
        b"\x1bO",
        b"\x1b]52;c;",
        b"tip\x1b[20",
    ] {
        let mark = pty.raw().len();
        let mut bytes = prefix.to_vec();
        bytes.push(0x18);
        pty.send(&bytes);
        wait_raw(&pty, mark, "Menu:");
        let after = pty.raw()[mark..].to_vec();
        assert!(
            contains(&after, b"\x1b[3J"),
            "{:?} then Ctrl-X did not clear",
            String::from_utf8_lossy(prefix)
        );
        assert_alive(&mut pty, "Ctrl-X");
    }
    pty.send(b"\x0f");
    wait_raw(&pty, 0, "Operator PIN");
    pty.send(format!("{PIN}\r").as_bytes());
    assert_eq!(pty.wait_exit().exit_code(), 0);
    pty.assert_restored();
}
