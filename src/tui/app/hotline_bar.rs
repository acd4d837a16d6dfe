//! The hotline bar: the emergency number and the pinned hotlines, on every screen.
//!
//! What it shows comes from the data (the emergency number and pinned flags). Numbers
//! are never cut: at narrow widths the names are shortened instead.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::tui::app::App;

const SEPARATOR: &str = " │ ";

struct Chunk {
    label: String,
    number: String,
    emergency: bool,
}

/// Truncates `s` to at most `max` columns, ending with '…' when cut.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// "name: " in at most `room` columns: shortened, or empty when too narrow.
fn fit_label(name: &str, room: usize) -> String {
    let full = format!("{name}: ");
    if full.width() <= room {
        full
    } else if room >= 4 {
        format!("{} ", truncate(&format!("{name}:"), room - 1))
    } else {
        String::new()
    }
}

/// The label before a number: "name: ", or "name: tel. " when the name (as shown) ends
/// right to left, so that a bidi terminal keeps the number in order (see `bidi`).
fn label_in(name: &str, room: usize, tel: &str) -> String {
    let label = fit_label(name, room);
    if !crate::tui::bidi::ends_right_to_left(&label) {
        return label;
    }
    let guard = format!("{tel} ");
    let shorter = fit_label(name, room.saturating_sub(guard.width()));
    if crate::tui::bidi::ends_right_to_left(&shorter) {
        shorter + &guard
    } else {
        shorter
    }
}

fn chunks(app: &App) -> Vec<Chunk> {
    let mut out = vec![Chunk {
        label: app.msg.emergency.to_owned(),
        number: app.dir.meta.emergency.display(),
        emergency: true,
    }];
    out.extend(app.dir.pinned().map(|h| Chunk {
        label: h.short_name.clone(),
        number: h.phone.display(),
        emergency: false,
    }));
    out
}

/// The bar's lines at a width: chunks packed greedily, names shortened to fit.
#[must_use]
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let theme = &app.theme;
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0usize;
    for chunk in chunks(app) {
        let number_style = if chunk.emergency {
            theme.emergency
        } else {
            theme.number
        };
        let number_w = chunk.number.width();
        let full = label_in(&chunk.label, usize::MAX, app.msg.tel);
        let need = full.width() + number_w;
        let sep = if current.is_empty() {
            0
        } else {
            SEPARATOR.width()
        };
        if !current.is_empty() && used + sep + need > width {
            out.push(Line::from(std::mem::take(&mut current)).style(theme.bar));
            used = 0;
        }
        if !current.is_empty() {
            current.push(Span::styled(SEPARATOR, theme.bar));
            used += SEPARATOR.width();
        }
        let room_for_label = width.saturating_sub(used + number_w);
        let label = label_in(&chunk.label, room_for_label, app.msg.tel);
        used += label.width() + number_w;
        current.push(Span::styled(label, theme.bar));
        if number_w > width {
            // A number wider than the screen is wrapped, never cut.
            let mut piece = String::new();
            for c in chunk.number.chars() {
                if piece.width() + 1 > width.max(1) {
                    current.push(Span::styled(std::mem::take(&mut piece), number_style));
                    out.push(Line::from(std::mem::take(&mut current)).style(theme.bar));
                }
                piece.push(c);
            }
            current.push(Span::styled(piece, number_style));
        } else {
            current.push(Span::styled(chunk.number, number_style));
        }
    }
    if !current.is_empty() {
        out.push(Line::from(current).style(theme.bar));
    }
    out
}
