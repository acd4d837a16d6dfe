//! The card (issue 22 §2): `c` in the app and `heatwatch card ID` draw the same card —
//! the number to call in large digits that are never cut, the text and relay numbers,
//! the QR code beside when there is room (and it decodes), the notices, the line on
//! phone safety — and any key but the quick exit returns.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::time::Duration;

use crate::common;
use crate::qr::{decode_screen, decode_text};

use common::{ctrl, embedded_app, press, render, run_heatwatch, screen_text};
use heatwatch::cli::ThemeName;
use heatwatch::directory::{RecordRef, load};
use heatwatch::render::card;
use heatwatch::tui::action::Action;
use heatwatch::tui::app::{App, Effect, Kiosk};
use heatwatch::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

/// The National Hotline's card, open in the app.
fn card_open(w: u16, h: u16) -> App {
    let mut app = embedded_app(w, h);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.detail_item(),
        Some(heatwatch::tui::app::Item::Record(RecordRef::Hotline(0)))
    );
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.card_shown(), Some(RecordRef::Hotline(0)));
    app
}

#[test]
fn snapshots_of_the_card_at_several_sizes() {
    for (w, h) in [(120, 40), (100, 30), (80, 24), (50, 20), (30, 12)] {
        let app = card_open(w, h);
        insta::assert_snapshot!(format!("card_{w}x{h}"), render(&app, w, h).backend());
    }
    // In Spanish, with the translation's notice.
    let (es, _) = load::from_bytes_in(load::EMBEDDED_JSON.as_bytes(), "es").unwrap();
    let mut app = common::app_for(es, 80, 24);
    app.msg = heatwatch::i18n::app::for_language("es");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    insta::assert_snapshot!("card_es_80x24", render(&app, 80, 24).backend());
}

/// Whether the large digits of the card are on screen: rows of block glyphs under the
/// label "Call".
fn has_large_digits(text: &str) -> bool {
    text.lines()
        .any(|l| l.chars().filter(|c| "▗▖▘▝▀▄▌▐▙▛▜▟█".contains(*c)).count() >= 12)
}

#[test]
fn large_digits_are_never_cut_and_give_way_to_whole_normal_text() {
    let dir = load::embedded().unwrap();
    let msg = heatwatch::i18n::cli::for_language("en");
    let with_qr = card::card(&dir, RecordRef::Hotline(0), msg, false).unwrap();
    let number = "1(888) 373-7888";
    assert_eq!(with_qr.numbers[0].number, number);
    // With the QR code, nothing is drawn past the width, and the code is either whole
    // (it decodes) or left out.
    for w in 20..=140u16 {
        let text = card::text(&with_qr, w);
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= usize::from(w),
                "{w}: {line}"
            );
        }
        let found = decode_text(&text);
        assert!(
            found.is_empty() || found == ["tel:+18883737888"],
            "{w}: {found:?}"
        );
        if w >= 25 {
            assert_eq!(found, ["tel:+18883737888"], "{w}:\n{text}");
        }
    }
    // The text of the card, without the code interleaved.
    let c = card::Card {
        qr: None,
        ..with_qr
    };
    for w in 20..=140u16 {
        let text = card::text(&c, w);
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= usize::from(w),
                "{w}: {line}"
            );
        }
        // 15 characters, 4 columns each at the smallest size.
        let fits = w >= 60;
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if fits {
            assert!(has_large_digits(&text), "{w}:\n{text}");
            assert!(
                !joined.contains("373-7888"),
                "{w}: drawn large, not as text"
            );
        } else {
            assert!(joined.contains("Call: 1(888) 373-7888"), "{w}:\n{text}");
        }
        assert!(joined.contains("Text"), "{w}");
        assert!(joined.contains("TTY / relay: 711"), "{w}");
        assert!(
            joined.contains("Phone safety: a number saved or photographed on a phone can be seen by whoever checks that phone."),
            "{w}"
        );
        assert!(joined.contains("Not verified with the provider."), "{w}");
    }
    // In the app, at every size: never a panic, and the digits are large or whole.
    for (w, h) in [(20, 5), (40, 10), (61, 12), (62, 14), (80, 24), (200, 60)] {
        let app = card_open(w, h);
        let text = screen_text(&app, w, h);
        let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            has_large_digits(&text) || joined.contains("373-7888"),
            "{w}x{h}:\n{text}"
        );
    }
}

#[test]
fn the_qr_code_on_the_card_decodes_in_every_theme() {
    for theme in [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ] {
        let mut app = card_open(120, 40);
        app.theme = Theme::new(theme, false);
        let t = render(&app, 120, 40);
        let found = decode_screen(t.backend().buffer(), theme == ThemeName::Monochrome);
        assert_eq!(found, ["tel:+18883737888"], "{theme:?}");
        if theme == ThemeName::Monochrome {
            let buf = t.backend().buffer();
            for cell in buf.content() {
                assert!(
                    cell.fg == Color::Reset && cell.bg == Color::Reset,
                    "no colour in monochrome"
                );
            }
        }
    }
}

#[test]
fn any_key_returns_and_ctrl_x_still_quick_exits() {
    for code in [
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Char('x'),
        KeyCode::Char('q'),
        KeyCode::Down,
        KeyCode::F(5),
    ] {
        let mut app = card_open(100, 30);
        assert_eq!(press(&mut app, code), None, "{code:?}");
        assert_eq!(app.card_shown(), None, "{code:?} closes the card");
        assert_eq!(app.nav.item, 0, "{code:?} only closes the card");
    }
    let mut app = card_open(100, 30);
    assert_eq!(app.handle_event_sync(&ctrl('x')), Some(Effect::QuickExit));
    // Where there is no number (Policy Makers' first action names no line to call),
    // the footer says so and nothing opens.
    let mut app = embedded_app(100, 30);
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(
        app.detail_item(),
        Some(heatwatch::tui::app::Item::Record(RecordRef::Action(3, 0)))
    );
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.card_shown(), None);
    assert_eq!(
        app.status.as_deref(),
        Some("No number here to show on a card.")
    );
}

#[test]
fn in_kiosk_mode_the_card_opens_and_the_idle_reset_closes_it() {
    let mut app = embedded_app(100, 30);
    app.kiosk = Some(Kiosk::new(None, Duration::from_secs(60)));
    app.update(Action::Tick(Duration::from_secs(1)));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.card_shown(), Some(RecordRef::Hotline(0)));
    assert_eq!(
        app.update(Action::Tick(Duration::from_secs(200))),
        Some(Effect::ClearScreen)
    );
    assert_eq!(app.card_shown(), None);
    assert!(app.is_home());
    // Ctrl-X on the card, in kiosk mode: back to the start, screen cleared.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.handle_event_sync(&ctrl('x')), Some(Effect::ClearScreen));
    assert!(app.is_home());
}

#[test]
fn the_card_command_prints_the_same_card() {
    let run = run_heatwatch(&["card", "national-hotline", "--width", "100"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains('\u{1b}'));
    let dir = load::embedded().unwrap();
    let msg = heatwatch::i18n::cli::for_language("en");
    let c = card::card(&dir, RecordRef::Hotline(0), msg, false).unwrap();
    assert_eq!(run.stdout, card::text(&c, 100));
    assert!(
        run.stdout
            .starts_with("National Human Trafficking Hotline ")
    );
    assert!(has_large_digits(&run.stdout));
    assert_eq!(decode_text(&run.stdout), ["tel:+18883737888"]);
    // In a pipe without --width: 80 columns, the QR code below the digits.
    let run = run_heatwatch(&["card", "national-hotline"], &[]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.lines().all(|l| l.chars().count() <= 80));
    assert_eq!(decode_text(&run.stdout), ["tel:+18883737888"]);
    // In Spanish.
    let run = run_heatwatch(&["--lang", "es", "card", "emergency-911"], &[]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Llamar"), "{}", run.stdout);
    assert!(run.stdout.contains("Seguridad del teléfono"));
    // Unknown ids and records without a number: status 1, a message, no card.
    let run = run_heatwatch(&["card", "no-such-id"], &[]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no record has the id \"no-such-id\""));
    let run = run_heatwatch(&["card", "law-enforcement"], &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("No number here to show on a card."));
}

#[test]
fn an_action_item_shows_the_card_of_the_first_line_it_says_to_call() {
    // Community Member › Report it: 911 first, then the National Hotline and the tip line.
    let dir = load::embedded().unwrap();
    let (role, action) = dir
        .roles
        .iter()
        .enumerate()
        .find_map(|(r, ro)| {
            ro.actions
                .iter()
                .position(|a| a.id == "community-report-it")
                .map(|a| (r, a))
        })
        .unwrap();
    let first = dir.roles[role].actions[action].hotlines[0];
    assert_eq!(dir.hotlines[first].id, "emergency-911");
    let msg = heatwatch::i18n::cli::for_language("en");
    let of_action = card::card(&dir, RecordRef::Action(role, action), msg, false).unwrap();
    let of_line = card::card(&dir, RecordRef::Hotline(first), msg, false).unwrap();
    assert_eq!(card::text(&of_action, 80), card::text(&of_line, 80));
    // The command and the app alike.
    let run = run_heatwatch(&["card", "community-report-it", "--width", "80"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, card::text(&of_line, 80));
    let mut app = embedded_app(100, 30);
    press(&mut app, KeyCode::Char('1'));
    for _ in 0..action {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(
        app.detail_item(),
        Some(heatwatch::tui::app::Item::Record(RecordRef::Action(
            role, action
        )))
    );
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.card_shown(), Some(RecordRef::Action(role, action)));
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("911"), "{screen}");
    assert!(has_large_digits(&screen), "{screen}");
    // An action that names no line to call: no card, in the command either.
    let run = run_heatwatch(&["card", "policy-makers-connect"], &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("No number here to show on a card."));
}
