//! QR codes decoded back from the rendered terminal cells — not from the encoder's
//! matrix — in every theme, with a QR decoder.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{embedded_app, press, render};
use heatwatch::cli::ThemeName;
use heatwatch::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

/// Pixels per module in the bitmap handed to the decoder.
const SCALE: usize = 4;

/// Whether each half of a cell is dark, as a person would see it. Colour themes: the
/// half-block's foreground (upper) and background (lower), explicit black and white.
/// Monochrome: glyphs in the terminal's text colour, taken as light on dark.
fn halves(buf: &Buffer, x: u16, y: u16, mono: bool) -> (bool, bool) {
    let cell = &buf[(x, y)];
    let sym = cell.symbol();
    if mono {
        return match sym {
            "█" => (false, false),
            "▀" => (false, true),
            "▄" => (true, false),
            _ => (true, true),
        };
    }
    let dark = |c: Color| c == Color::Black;
    if sym == "▀" {
        (dark(cell.fg), dark(cell.bg))
    } else {
        // Anything else: light, unless the theme paints the background black.
        (dark(cell.bg), dark(cell.bg))
    }
}

pub(crate) fn decode_screen(buf: &Buffer, mono: bool) -> Vec<String> {
    let (w, h) = (
        usize::from(buf.area.width),
        usize::from(buf.area.height) * 2,
    );
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w * SCALE, h * SCALE, |px, py| {
        let (cx, cy) = (px / SCALE, py / SCALE);
        let (top, bottom) = halves(buf, cx as u16, (cy / 2) as u16, mono);
        if cy % 2 == 0 { top } else { bottom }
    });
    img.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, s)| s))
        .collect()
}

#[test]
fn every_hotline_qr_code_decodes_to_its_uri_in_every_theme() {
    for theme in [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ] {
        let mut app = embedded_app(110, 160);
        app.theme = Theme::new(theme, false);
        press(&mut app, KeyCode::Enter);
        for (i, h) in app.dir.hotlines.clone().iter().enumerate() {
            if i > 0 {
                press(&mut app, KeyCode::Down);
            }
            let t = render(&app, 110, 160);
            let mut found = decode_screen(t.backend().buffer(), theme == ThemeName::Monochrome);
            found.sort();
            let mut want: Vec<String> = [
                h.phone.uri.clone(),
                h.text.as_ref().and_then(|t| t.uri.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            want.sort();
            assert!(!want.is_empty());
            assert_eq!(found, want, "{theme:?}, {}", h.id);
        }
    }
}

#[test]
fn the_caution_stands_beside_the_codes() {
    let mut app = embedded_app(110, 160);
    press(&mut app, KeyCode::Enter);
    let text: String = heatwatch::tui::view::detail::lines(&app, 200)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains(
            "Careful: someone who checks this phone can see a saved number, the call log"
        )
    );
    assert!(text.contains("Scan to call: tel:+18883737888"));
    assert!(text.contains("Scan to text: sms:233733"));
}

/// Decodes the QR codes in plain-glyph text output (light modules are glyphs).
pub(crate) fn decode_text(text: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let w = lines.iter().map(Vec::len).max().unwrap_or(0);
    let h = lines.len() * 2;
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w * SCALE, h * SCALE, |px, py| {
        let (cx, cy) = (px / SCALE, py / SCALE);
        let c = lines
            .get(cy / 2)
            .and_then(|l| l.get(cx))
            .copied()
            .unwrap_or('x');
        let (top_light, bottom_light) = match c {
            '█' => (true, true),
            '▀' => (true, false),
            '▄' => (false, true),
            _ => (false, false),
        };
        !(if cy % 2 == 0 { top_light } else { bottom_light })
    });
    img.detect_grids()
        .iter()
        .filter_map(|g| g.decode().ok().map(|(_, s)| s))
        .collect()
}

#[test]
fn the_qr_command_prints_codes_that_decode() {
    let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("heatwatch"))
        .args(["qr", "national-hotline", "--color", "never"])
        .env_remove("HEATWATCH_DATA")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Careful: someone who checks this phone can see a saved number"));
    assert!(!text.contains('\u{1b}'));
    let mut found = decode_text(&text);
    found.sort();
    assert_eq!(found, ["sms:233733", "tel:+18883737888"]);

    let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("heatwatch"))
        .args(["qr", "community-report-it"])
        .env_remove("HEATWATCH_DATA")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}
