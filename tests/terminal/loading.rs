#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A large file in the real binary (issue 20 §1): its head on screen at once with a
//! progress line, keys working while its services load, then the whole; a file that
//! fails after its head ends as any bad file does, and a kiosk shows its error screen.
//!
//! The load is held back after the head (`HEATWATCH_TEST_SLOW_LOAD_MS`), so that what
//! is on screen meanwhile is seen on any machine, however fast.

#![cfg(unix)]

use crate::common::head_then_services_file;
use crate::common::pty::*;

const SLOW: &str = heatwatch::TEST_SLOW_LOAD_ENV;

#[test]
fn the_head_comes_at_once_and_the_services_behind_a_progress_line() {
    let _guard = serial();
    let file = head_then_services_file(2_000, false);
    let path = file.path().to_str().unwrap();
    let mut pty = Pty::spawn(&Spawn {
        args: &["--data", path],
        env: &[(SLOW, "4000")],
        ..Spawn::default()
    });
    pty.wait_for_text(&[
        "Loading local services…",
        "Get help now",
        NATIONAL_HOTLINE,
        "Local services",
    ]);
    // Keys work meanwhile: a search covers what has loaded, and says so.
    pty.send(b"/harbor");
    pty.wait_for_text(&["(local services still loading)"]);
    assert!(!pty.contents().contains("Harbor shelter"));
    // Then the whole: the same search, over the services.
    pty.wait_for_text_long(&["Harbor shelter"]);
    let screen = pty.contents();
    assert!(!screen.contains("still loading"), "{screen}");
    assert!(!screen.contains("Loading local services"), "{screen}");
    // Esc and q apart (together they are Alt-q).
    pty.send(b"\x1b");
    pty.wait_for("the search closed", |s| !s.contents().contains("Search —"));
    pty.send(b"q");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.assert_restored();
}

#[test]
fn a_file_that_fails_after_its_head_exits_2_with_its_message() {
    let _guard = serial();
    let file = head_then_services_file(2_000, true);
    let path = file.path().to_str().unwrap().to_owned();
    let mut pty = Pty::spawn(&Spawn {
        args: &["--data", &path],
        env: &[(SLOW, "1500")],
        ..Spawn::default()
    });
    pty.wait_for_text(&["Loading local services…", NATIONAL_HOTLINE]);
    let status = pty.wait_exit();
    let raw = pty.raw();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(status.exit_code(), 2, "{status:?}\n{text}");
    let left = rfind(&raw, LEAVE_ALT).expect("left the alternate screen");
    let after = String::from_utf8_lossy(&raw[left..]);
    assert!(
        after.contains("heatwatch:") && after.contains("svc-0"),
        "no message naming the problem after leaving the alternate screen:\n{text}"
    );
    pty.assert_restored();
}

#[test]
fn a_kiosk_whose_file_fails_after_its_head_shows_its_error_screen() {
    let _guard = serial();
    let file = head_then_services_file(2_000, true);
    let path = file.path().to_str().unwrap();
    let mut pty = Pty::spawn(&Spawn {
        args: &["--kiosk", "--data", path],
        env: &[(SLOW, "1500")],
        ..Spawn::default()
    });
    pty.wait_for_text(&["Loading local services…", NATIONAL_HOTLINE]);
    pty.wait_for_text_long(&["member of staff", "911"]);
    let screen = pty.contents();
    assert!(!screen.contains("Loading local services"), "{screen}");
    assert!(!screen.contains("Harbor shelter"), "{screen}");
    pty.signal("TERM");
    pty.wait_exit();
    pty.assert_restored();
}
