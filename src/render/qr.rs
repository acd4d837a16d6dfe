//! QR codes of `tel:` and `sms:` links, drawn with half-block characters, so a person
//! at a kiosk can save a number with a phone camera instead of writing it down.
//!
//! Each terminal cell holds two modules, one above the other. In colour themes every
//! cell is '▀' with the upper module as foreground and the lower as background, in
//! explicit black and white, whatever the theme's own colours. In the monochrome theme
//! no colour may be used, so light modules are drawn as glyphs ('█', '▀', '▄') in the
//! terminal's own text colour on its own background: that reads correctly on the usual
//! light-on-dark terminal and inverted on a dark-on-light one.

use qrcode::QrCode;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};

/// Modules of light margin around the code (the standard asks for 4; 2 is what fits a
/// terminal and what phone cameras read in practice).
pub const QUIET_ZONE: usize = 2;

/// The code's modules (true = dark), with the quiet zone, row by row.
#[must_use]
pub fn modules(data: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::new(data.as_bytes()).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let size = w + 2 * QUIET_ZONE;
    let mut rows = vec![vec![false; size]; size];
    for (i, c) in colors.iter().enumerate() {
        let (y, x) = (i / w + QUIET_ZONE, i % w + QUIET_ZONE);
        if let Some(cell) = rows.get_mut(y).and_then(|r| r.get_mut(x)) {
            *cell = *c == qrcode::Color::Dark;
        }
    }
    Some(rows)
}

/// Terminal lines drawing the QR code of `data`, or `None` when the data cannot be
/// encoded: in glyphs of the terminal's own colours when `mono` (the monochrome theme),
/// else in explicit black and white.
#[must_use]
pub fn lines(data: &str, mono: bool) -> Option<Vec<Line<'static>>> {
    lines_of(&modules(data)?, mono)
}

/// Terminal lines drawing already-encoded modules (see [`modules`]), as [`lines`].
#[must_use]
pub fn lines_of(rows: &[Vec<bool>], mono: bool) -> Option<Vec<Line<'static>>> {
    let size = rows.len();
    let mut out = Vec::with_capacity(size.div_ceil(2));
    for pair in rows.chunks(2) {
        let top = pair.first()?;
        let empty = vec![false; size];
        let bottom = pair.get(1).unwrap_or(&empty);
        let spans: Vec<Span<'static>> = top
            .iter()
            .zip(bottom)
            .map(|(&t, &b)| {
                if mono {
                    let glyph = match (t, b) {
                        (false, false) => "█",
                        (false, true) => "▀",
                        (true, false) => "▄",
                        (true, true) => " ",
                    };
                    Span::raw(glyph)
                } else {
                    let color = |dark: bool| if dark { Color::Black } else { Color::White };
                    Span::styled("▀", Style::new().fg(color(t)).bg(color(b)))
                }
            })
            .collect();
        out.push(Line::from(spans));
    }
    Some(out)
}

/// The QR code as plain text for `heatwatch qr`: glyphs, or with `ansi`, black and
/// white half blocks in ANSI colour.
///
/// The glyphs are `qrcode`'s own renderer (`Dense1x2`, inverted: light modules drawn,
/// dark ones the terminal's background), with the quiet zone above. It has no renderer
/// for explicit colours, nor for styled terminal cells: the ANSI form here and
/// [`lines_of`] for the app draw the same half blocks themselves.
#[must_use]
pub fn text(data: &str, ansi: bool) -> Option<String> {
    if !ansi {
        use qrcode::render::{Renderer, unicode::Dense1x2};
        let code = QrCode::new(data.as_bytes()).ok()?;
        let colors = code.to_colors();
        let quiet = u32::try_from(QUIET_ZONE).ok()?;
        let mut out = Renderer::<Dense1x2>::new(&colors, code.width(), quiet)
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .build();
        out.push('\n');
        return Some(out);
    }
    let rows = modules(data)?;
    let size = rows.len();
    let mut out = String::new();
    for pair in rows.chunks(2) {
        let top = pair.first()?;
        let empty = vec![false; size];
        let bottom = pair.get(1).unwrap_or(&empty);
        for (&t, &b) in top.iter().zip(bottom) {
            let fg = if t { 30 } else { 97 };
            let bg = if b { 40 } else { 107 };
            out.push_str(&format!("\x1b[{fg};{bg}m▀"));
        }
        out.push_str("\x1b[0m");
        out.push('\n');
    }
    Some(out)
}
