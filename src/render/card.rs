//! The card: a record's numbers shown large, to show a person across a table or to let
//! them photograph it — `c` in the app, `heatwatch card ID` on the command line. Both
//! draw the same [`Card`] through [`draw`].
//!
//! The number to call is drawn in large digits (the font8x8 glyphs of `tui-big-text`)
//! at the largest size whose whole width fits; below the smallest, it is normal text,
//! whole. Digits are never cut. The QR code of the number stands beside it when there
//! is room for both at that size; on the command line it goes below otherwise.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use crate::directory::{Directory, PhoneKind, RecordRef};
use crate::i18n::cli::CliMessages;

/// What a card says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The record's name.
    pub title: String,
    /// Its numbers: to call, to text, relay.
    pub numbers: Vec<CardNumber>,
    /// Notices the record carries: a caution, that nobody confirmed the number, that the
    /// text is an unreviewed translation.
    pub notices: Vec<String>,
    /// The line on phone safety.
    pub safety: &'static str,
    /// The link the QR code holds (`tel:` of the number to call, else `sms:`).
    pub qr: Option<String>,
}

/// One number on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardNumber {
    /// "Call", "Text", "TTY / relay", in the chosen language.
    pub label: &'static str,
    /// The number as the source writes it (with its extension).
    pub number: String,
    /// Drawn in large digits when there is room (the numbers to call and to text).
    pub large: bool,
}

/// The card of a record, or `None` when it has no number to show (only hotlines and
/// services have numbers; a fax line is never offered). An action item's card is that
/// of the first line it says to call, whose name heads the card. `in_app`: the note on
/// an unreviewed translation names the app's key for the English text, not `--lang en`.
#[must_use]
pub fn card(dir: &Directory, r: RecordRef, msg: &CliMessages, in_app: bool) -> Option<Card> {
    if let RecordRef::Action(role, action) = r {
        let first = *dir.roles.get(role)?.actions.get(action)?.hotlines.first()?;
        return card(dir, RecordRef::Hotline(first), msg, in_app);
    }
    let app = msg.app;
    let mut numbers = Vec::new();
    let mut notices = Vec::new();
    let mut qr = None;
    let (title, provenance) = match r {
        RecordRef::Hotline(i) => {
            let h = dir.hotlines.get(i)?;
            numbers.push(CardNumber {
                label: app.call,
                number: h.phone.display(),
                large: true,
            });
            qr = h.phone.uri.clone();
            if let Some(t) = &h.text {
                numbers.push(CardNumber {
                    label: app.text,
                    number: t.display(),
                    large: true,
                });
                qr = qr.or_else(|| t.uri.clone());
            }
            if let Some(t) = &h.tty {
                numbers.push(CardNumber {
                    label: app.tty,
                    number: t.display(),
                    large: false,
                });
            }
            if let Some(c) = &h.caution {
                notices.push(format!("{}: {c}", app.caution_label));
            }
            (h.name.clone(), &h.provenance)
        }
        RecordRef::Service(i) => {
            let s = dir.services.get(i)?;
            // Voice lines first, then text, then relay, each in the file's order.
            for kind in [PhoneKind::Voice, PhoneKind::Text, PhoneKind::Tty] {
                for p in s.phones.iter().filter(|p| p.kind == kind) {
                    let (label, large) = match kind {
                        PhoneKind::Voice => (app.call, true),
                        PhoneKind::Text => (app.text, true),
                        PhoneKind::Tty | PhoneKind::Fax => (app.tty, false),
                    };
                    numbers.push(CardNumber {
                        label,
                        number: p.phone.display(),
                        large,
                    });
                    if qr.is_none() && kind != PhoneKind::Tty {
                        qr.clone_from(&p.phone.uri);
                    }
                }
            }
            (s.name.clone(), &s.provenance)
        }
        _ => return None,
    };
    if numbers.is_empty() {
        return None;
    }
    if provenance.verified.is_none() {
        notices.push(app.not_verified.to_owned());
    }
    if super::unreviewed_block(dir, msg).is_some() {
        notices.push(if in_app {
            app.unreviewed_translation.to_owned()
        } else {
            msg.unreviewed_translation.to_owned()
        });
    }
    Some(Card {
        title,
        numbers,
        notices,
        safety: app.card_safety,
        qr,
    })
}

/// How a card is styled.
#[derive(Debug, Clone, Copy, Default)]
pub struct Look {
    /// Every cell, under the rest (the theme's text colours).
    pub base: Style,
    /// The title.
    pub title: Style,
    /// "Call", "Text".
    pub label: Style,
    /// The numbers, large or not.
    pub number: Style,
    /// Notices and the safety line.
    pub notice: Style,
    /// The QR code in glyphs of the terminal's own colours (monochrome, plain text).
    pub mono_qr: bool,
}

/// The glyph sizes tried for large digits, largest first: columns and rows a glyph
/// takes.
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// The narrowest text column the QR code may stand beside.
const MIN_COLUMN: u16 = 24;

/// Numbers longer than this are never drawn large (no phone number is).
const LARGE_MAX_CHARS: usize = 24;

/// The largest glyph size at which `number` fits whole in `width` columns, if any.
fn size_for(number: &str, width: u16, smallest_first_at: usize) -> Option<usize> {
    let n = number.chars().count();
    let drawable = n <= LARGE_MAX_CHARS
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || " ()+-.#*".contains(c));
    if !drawable {
        return None;
    }
    let n = u16::try_from(n).ok()?;
    SIZES
        .iter()
        .enumerate()
        .skip(smallest_first_at)
        .find(|(_, (_, w, _))| n.saturating_mul(*w) <= width)
        .map(|(i, _)| i)
}

/// Where the QR code goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QrPlace {
    Beside,
    Below,
    Nowhere,
}

/// One way to lay a card out.
#[derive(Debug, Clone)]
struct Plan {
    /// Width of the text column.
    column: u16,
    /// For each number, its size in [`SIZES`], or `None` for normal text.
    sizes: Vec<Option<usize>>,
    qr: QrPlace,
    /// Too little room for everything: the numbers come first, the title after them,
    /// so that what is cut off the bottom is never a number.
    numbers_first: bool,
}

/// Lines of `text` wrapped at `width`, breaking only at spaces ("373-7888" stays one
/// piece) unless a word is longer than the line.
fn wrapped(text: &str, width: u16) -> Vec<String> {
    let options = textwrap::Options::new(usize::from(width.max(1)))
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

/// Rows the text column takes under a plan.
fn column_height(card: &Card, plan: &Plan) -> u16 {
    let w = plan.column;
    let mut h = wrapped(&card.title, w).len() + 1;
    for (n, size) in card.numbers.iter().zip(&plan.sizes) {
        h += match size.and_then(|s| SIZES.get(s)) {
            Some((_, _, rows)) => 1 + usize::from(*rows),
            None => wrapped(&format!("{}: {}", n.label, n.number), w).len(),
        };
    }
    h += 1;
    for n in &card.notices {
        h += wrapped(n, w).len();
    }
    h += wrapped(card.safety, w).len();
    u16::try_from(h).unwrap_or(u16::MAX)
}

fn qr_size(modules: Option<&[Vec<bool>]>) -> (u16, u16) {
    modules.map_or((0, 0), |m| {
        let n = u16::try_from(m.len()).unwrap_or(u16::MAX);
        (n, n.div_ceil(2))
    })
}

fn height(card: &Card, plan: &Plan, qr: (u16, u16)) -> u16 {
    let col = column_height(card, plan);
    match plan.qr {
        QrPlace::Beside => col.max(qr.1),
        QrPlace::Below => col.saturating_add(1).saturating_add(qr.1),
        QrPlace::Nowhere => col,
    }
}

/// Chooses the layout: the largest digits that fit `width` (and `max_height`, when
/// given), the QR code beside them when that costs the digits nothing, else below when
/// the height is free (the command line), else left out.
fn plan(card: &Card, width: u16, max_height: Option<u16>, modules: Option<&[Vec<bool>]>) -> Plan {
    let qr = qr_size(modules);
    // No number is drawn larger than the number to call, the first: when it is normal
    // text, so are the others.
    let sizes_at = |column: u16, from: usize| -> Vec<Option<usize>> {
        let mut smallest = Some(from);
        card.numbers
            .iter()
            .map(|n| {
                let size = match smallest {
                    Some(at) if n.large => size_for(&n.number, column, at),
                    _ => None,
                };
                if n.large {
                    smallest = size;
                }
                size
            })
            .collect()
    };
    let fits = |p: &Plan| max_height.is_none_or(|h| height(card, p, qr) <= h);
    for from in 0..=SIZES.len() {
        let sizes = sizes_at(width, from);
        if modules.is_some() && width >= qr.0 + 2 + MIN_COLUMN {
            let column = width - qr.0 - 2;
            let beside = Plan {
                column,
                sizes: sizes_at(column, from),
                qr: QrPlace::Beside,
                numbers_first: false,
            };
            if beside.sizes == sizes && fits(&beside) {
                return beside;
            }
        }
        // A code wider than the card would be cut, and a cut code misreads.
        if modules.is_some() && max_height.is_none() && qr.0 <= width {
            return Plan {
                column: width,
                sizes,
                qr: QrPlace::Below,
                numbers_first: false,
            };
        }
        let alone = Plan {
            column: width,
            sizes,
            qr: QrPlace::Nowhere,
            numbers_first: false,
        };
        if fits(&alone) {
            return alone;
        }
    }
    Plan {
        column: width,
        sizes: vec![None; card.numbers.len()],
        qr: QrPlace::Nowhere,
        numbers_first: true,
    }
}

/// Draws a card `width` columns wide into a buffer of the height it needs (at most
/// `max_height` rows when given: the app's screen; rows beyond it are left out, the
/// numbers first to stay). `modules` is the QR code of [`Card::qr`], when encoded.
#[must_use]
pub fn draw(
    card: &Card,
    width: u16,
    max_height: Option<u16>,
    modules: Option<&[Vec<bool>]>,
    look: &Look,
) -> Buffer {
    let width = width.max(1);
    let plan = plan(card, width, max_height, modules);
    let qr = qr_size(modules);
    let full = height(card, &plan, qr).max(1);
    let rows = max_height.map_or(full, |h| full.min(h.max(1)));
    let mut buf = Buffer::empty(Rect::new(0, 0, width, rows));
    let area = buf.area;
    buf.set_style(area, look.base);
    let mut y = 0u16;
    let text = |buf: &mut Buffer, y: &mut u16, s: &str, style: Style| {
        for line in wrapped(s, plan.column) {
            if *y < area.height {
                buf.set_stringn(0, *y, &line, usize::from(plan.column), style);
            }
            *y = y.saturating_add(1);
        }
    };
    if !plan.numbers_first {
        text(&mut buf, &mut y, &card.title, look.title);
        y = y.saturating_add(1);
    }
    for (n, size) in card.numbers.iter().zip(&plan.sizes) {
        match size.and_then(|s| SIZES.get(s)) {
            Some((pixels, _, glyph_rows)) => {
                text(&mut buf, &mut y, n.label, look.label);
                let rect = Rect::new(0, y, plan.column, *glyph_rows).intersection(area);
                if !rect.is_empty() {
                    BigText::builder()
                        .pixel_size(*pixels)
                        .style(look.number)
                        .lines(vec![Line::from(n.number.clone())])
                        .build()
                        .render(rect, &mut buf);
                }
                y = y.saturating_add(*glyph_rows);
            }
            None => {
                let line = format!("{}: {}", n.label, n.number);
                text(&mut buf, &mut y, &line, look.number);
            }
        }
    }
    if plan.numbers_first {
        text(&mut buf, &mut y, &card.title, look.title);
    }
    y = y.saturating_add(1);
    for n in &card.notices {
        text(&mut buf, &mut y, n, look.notice);
    }
    text(&mut buf, &mut y, card.safety, look.notice);
    if let Some(m) = modules {
        let (x0, y0) = match plan.qr {
            QrPlace::Beside => (plan.column + 2, 0),
            QrPlace::Below => (0, y.saturating_add(1)),
            QrPlace::Nowhere => return buf,
        };
        for (dy, line) in super::qr::lines_of(m, look.mono_qr)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let row = y0.saturating_add(u16::try_from(dy).unwrap_or(u16::MAX));
            if row < area.height && x0 < area.width {
                buf.set_line(x0, row, line, area.width - x0);
            }
        }
    }
    buf
}

/// The card as plain text, `width` columns wide (trailing spaces trimmed), for
/// `heatwatch card`: the same drawing as the app's, the QR code in glyphs.
#[must_use]
pub fn text(card: &Card, width: u16) -> String {
    let modules = card.qr.as_deref().and_then(super::qr::modules);
    let look = Look {
        mono_qr: true,
        ..Look::default()
    };
    let buf = draw(card, width, None, modules.as_deref(), &look);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf.cell((x, y)).map_or(" ", ratatui::buffer::Cell::symbol);
            line.push_str(sym);
            x += u16::try_from(sym.width().max(1)).unwrap_or(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
