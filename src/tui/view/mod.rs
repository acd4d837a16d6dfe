//! Drawing: reads `&App`, never changes it. One function per part of the screen.

pub mod detail;
mod keys;
mod overlays;
mod search;

pub use keys::help_lines;
use keys::*;
pub use overlays::data_error_hotlines;
use overlays::*;
use search::*;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::directory::RecordRef;
use crate::filter::PhoneNeed;
use crate::search::{Scope, highlight};
use crate::tui::app::hotline_bar::{self, truncate};
use crate::tui::app::layout::{self, Screen, inner, list_offset};
use crate::tui::app::{App, FilterField, Item, Pane, Section};
use crate::tui::keymap::{BINDINGS, Context};
use crate::tui::{bidi, theme};

/// Marks the selected row, so selection never depends on colour.
const MARKER: &str = "▶ ";
const NO_MARKER: &str = "  ";

/// What the screen shows while the directory loads: the emergency number and the
/// pinned hotlines of the embedded directory (numbers that need no file), and a line
/// saying the rest is coming.
#[derive(Debug, Clone)]
pub struct LoadingScreen {
    /// "Emergency: 911", in the interface language.
    pub emergency: String,
    /// "Name: number" for each pinned hotline with no area.
    pub hotlines: Vec<String>,
    /// "Loading the directory…".
    pub loading: String,
    /// The theme the app will use.
    pub theme: theme::Theme,
}

impl LoadingScreen {
    /// Draws it, cutting lines that do not fit rather than wrapping them.
    pub fn render(&self, frame: &mut Frame<'_>) {
        self.render_at(frame, 0);
    }

    /// Draws it with how far the load has come, in percent (none shown at 0).
    pub fn render_at(&self, frame: &mut Frame<'_>, percent: u8) {
        let loading = if percent > 0 {
            format!("{} {percent}%", self.loading)
        } else {
            self.loading.clone()
        };
        let width = usize::from(frame.area().width);
        let mut lines = vec![Line::from(Span::styled(
            truncate(&self.emergency, width),
            self.theme.emergency,
        ))];
        lines.extend(
            self.hotlines
                .iter()
                .map(|h| Line::from(Span::styled(truncate(h, width), self.theme.bar))),
        );
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            truncate(&loading, width),
            self.theme.dim,
        )));
        frame.render_widget(Paragraph::new(lines).style(self.theme.text), frame.area());
    }
}

/// Draws the whole screen, and says what the state needs to know of it
/// ([`layout::Drawn`]).
pub fn render(app: &App, frame: &mut Frame<'_>) -> layout::Drawn {
    let mut drawn = layout::Drawn::default();
    let s = layout::screen(app);
    if app.kiosk.as_ref().is_some_and(|k| k.data_error.is_some()) {
        data_error(app, frame, frame.area());
        pin_prompt(app, frame, frame.area());
        return drawn;
    }
    if s.too_small {
        too_small(app, frame, frame.area());
        return drawn;
    }
    header(app, frame, &s);
    let bar = hotline_bar::lines(app, s.bar.width);
    let bar_lines: Vec<Line<'static>> = bar.into_iter().take(usize::from(s.bar_lines)).collect();
    frame.render_widget(Paragraph::new(bar_lines).style(app.theme.bar), s.bar);
    if app.search.is_some() {
        search(app, frame, &s);
    } else {
        for (pane, rect) in &s.panes {
            match pane {
                Pane::Sections => sections(app, frame, *rect),
                Pane::Items => items(app, frame, *rect),
                Pane::Detail => drawn.detail_max_scroll = Some(detail_pane(app, frame, *rect)),
            }
        }
    }
    // After the panes, so that the filter bar's cursor is the one placed.
    filter_line(app, frame, s.filters);
    footer(app, frame, &s);
    if app.help_open() {
        drawn.help_max_scroll = help(app, frame, s.body);
    }
    card(app, frame, &s);
    countdown(app, frame, &s);
    pin_off(app, frame, &s);
    pin_prompt(app, frame, s.body);
    drawn
}

/// The filter bar while it is open (fields, the focused one marked and holding the
/// cursor), else the filters in force in words.
fn filter_line(app: &App, frame: &mut Frame<'_>, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let m = app.msg;
    let f = &app.filters;
    let phone = match f.phone {
        None => m.filter_any,
        Some(PhoneNeed::Text) => m.filter_text,
        Some(PhoneNeed::Tty) => m.filter_tty,
    };
    let open = if f.open_now {
        m.filter_yes
    } else {
        m.filter_no
    };
    let mut spans = Vec::new();
    let mut cursor = None;
    // Where the focused field's spans start, and its first and last column.
    let mut focus: Option<(usize, usize, usize)> = None;
    if let Some(focused) = app.filter_bar() {
        spans.push(Span::styled(
            format!("{}: ", m.filter_title),
            app.theme.heading,
        ));
        let fields = [
            (
                FilterField::Language,
                m.filter_language,
                f.language.as_deref().unwrap_or(""),
                true,
            ),
            (
                FilterField::Area,
                m.filter_area,
                f.area.as_deref().unwrap_or(""),
                true,
            ),
            (FilterField::Phone, m.filter_phone, phone, false),
            (FilterField::OpenNow, m.filter_open_now, open, false),
        ];
        let mut x = usize::from(area.x) + spans.iter().map(|s| s.content.width()).sum::<usize>();
        for (field, label, value, text) in fields {
            let value = if text {
                format!("[{value}]")
            } else {
                format!("‹{value}›")
            };
            let style = if field == focused {
                app.theme.selected
            } else {
                app.theme.text
            };
            let label = format!("{label} ");
            if field == focused && text {
                // The cursor goes just before the closing bracket.
                cursor = Some(x + label.width() + value.width() - 1);
            }
            if field == focused {
                focus = Some((spans.len(), x, x + label.width() + value.width()));
            }
            x += label.width() + value.width() + 2;
            spans.push(Span::styled(label, app.theme.dim));
            spans.push(Span::styled(value, style));
            spans.push(Span::raw("  "));
        }
    } else {
        spans.push(Span::styled(
            format!("{} ", m.filters_on),
            app.theme.heading,
        ));
        let mut on = Vec::new();
        if let Some(l) = &f.language {
            on.push(format!("{} {l}", m.filter_language));
        }
        if let Some(a) = &f.area {
            on.push(format!("{} {a}", m.filter_area));
        }
        if f.phone.is_some() {
            on.push(format!("{} {phone}", m.filter_phone));
        }
        if f.open_now {
            on.push(m.filter_open_now.to_owned());
        }
        spans.push(Span::styled(on.join(" · "), app.theme.text));
        spans.push(Span::styled(
            format!("   {}", m.filters_hint),
            app.theme.dim,
        ));
    }
    // At a narrow width, the focused field must stay in sight: when it would end past
    // the right edge, the line starts at it, after a "…" saying that more is to the left.
    if let Some((index, start, end)) = focus
        && end > usize::from(area.right())
    {
        let more = "… ";
        let shift = start.saturating_sub(usize::from(area.x) + more.width());
        spans = std::iter::once(Span::styled(more, app.theme.dim))
            .chain(spans.into_iter().skip(index))
            .collect();
        cursor = cursor.map(|c| c.saturating_sub(shift));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if let Some(x) = cursor.and_then(|x| u16::try_from(x).ok())
        && x < area.right()
    {
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

fn header(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    if s.header.height == 0 {
        return;
    }
    let m = &app.dir.meta;
    // The as-of date must survive a narrow header: shorter forms drop the region, then
    // the name, before the date is ever cut.
    let label_here = s.header.contains(s.quick_exit.as_position());
    let reserved = if label_here {
        s.quick_exit.width + 1
    } else {
        0
    };
    let room = usize::from(s.header.width.saturating_sub(reserved));
    let as_of = format!(
        "{} {}",
        app.msg.data_as_of,
        (app.msg.long_date)(m.retrieved)
    );
    let text = [
        format!(" {} · {as_of} · {}", m.name, m.region),
        format!(" {} · {as_of}", m.name),
        format!(" {as_of}"),
    ]
    .into_iter()
    .find(|t| t.width() <= room)
    .unwrap_or_else(|| format!(" {}", m.retrieved));
    frame.render_widget(
        Paragraph::new(truncate(&text, room)).style(app.theme.header),
        s.header,
    );
    if label_here {
        quick_exit_label(app, frame, s);
    }
}

fn quick_exit_label(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    if s.quick_exit.width > 0 {
        frame.render_widget(
            Paragraph::new(app.msg.quick_exit_label).style(app.theme.header),
            s.quick_exit,
        );
    }
}

fn pane_block(app: &App, title: &str, focused: bool) -> Block<'static> {
    let (style, kind, title) = if focused {
        (
            app.theme.border_focused,
            BorderType::Double,
            format!("▸ {title} "),
        )
    } else {
        (app.theme.border, BorderType::Plain, format!(" {title} "))
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(style)
        .title(Span::styled(title, style))
}

/// A list row: text that may be shortened, and a tail (a phone number) that never is.
pub struct Row {
    /// Shortened with '…' when the row is too narrow.
    pub main: Line<'static>,
    /// Never cut: room for it is kept first.
    pub tail: Option<Span<'static>>,
}

impl From<Line<'static>> for Row {
    fn from(main: Line<'static>) -> Self {
        Self { main, tail: None }
    }
}

/// Draws a list of rows, keeping the selected row visible and marked, and places the
/// cursor on it when the list is focused.
fn list(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    rows: &dyn Fn(usize) -> Option<Row>,
    count: usize,
    selected: usize,
    focused: bool,
) {
    // Kiosk mode spaces rows out, to stay readable from a standing distance.
    let row_h = layout::row_height(app);
    let visible = layout::visible_rows(app, area.height);
    let offset = list_offset(selected, visible);
    let width = usize::from(area.width);
    let mut lines = Vec::new();
    for i in offset..count.min(offset + usize::from(visible)) {
        let Some(row) = rows(i) else { continue };
        if row_h > 1 && i > offset {
            lines.push(Line::default());
        }
        let is_sel = i == selected;
        let marker = if is_sel { MARKER } else { NO_MARKER };
        let mut spans = vec![Span::raw(marker)];
        // Room for "tel." before the number when the text before it may end right to
        // left (see `bidi`): kept whether or not the shortened text still does.
        let rtl = row.tail.is_some()
            && row
                .main
                .spans
                .iter()
                .any(|s| s.content.chars().any(bidi::is_rtl));
        let guard_w = if rtl { app.msg.tel.width() + 1 } else { 0 };
        let tail_w = row.tail.as_ref().map_or(0, |t| t.content.width() + 1) + guard_w;
        let mut used = marker.width() + tail_w;
        for span in row.main.spans {
            let room = width.saturating_sub(used);
            if room == 0 {
                break;
            }
            let content = truncate(&span.content, room);
            used += content.width();
            spans.push(Span::styled(content, span.style));
        }
        if let Some(tail) = row.tail {
            let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
            spans.push(Span::raw(" "));
            if let Some(tel) = bidi::guard(&shown, app.msg.tel) {
                spans.push(Span::styled(format!("{tel} "), app.theme.dim));
            }
            spans.push(tail);
        }
        let style = match (is_sel, focused) {
            (true, true) => app.theme.selected,
            (true, false) => app.theme.selected_unfocused,
            _ => app.theme.text,
        };
        lines.push(Line::from(spans).style(style));
    }
    frame.render_widget(Paragraph::new(lines).style(app.theme.text), area);
    if focused && count > 0 {
        let row = selected.saturating_sub(offset) * usize::from(row_h);
        if let Ok(row) = u16::try_from(row)
            && row < area.height
        {
            frame.set_cursor_position(Position::new(area.x, area.y + row));
        }
    }
}

fn sections(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let focused = app.nav.focus == Pane::Sections && !app.help_open();
    let block = pane_block(app, app.msg.pane_sections, focused);
    let in_area = inner(area);
    frame.render_widget(block, area);
    let row = |i: usize| -> Option<Row> {
        let s = *app.sections.get(i)?;
        Some(Line::from(app.section_label(s)).into())
    };
    list(
        app,
        frame,
        in_area,
        &row,
        app.sections.len(),
        app.nav.section,
        focused,
    );
}

/// The row of an item in the items pane.
#[must_use]
pub fn item_label(app: &App, item: Item) -> Row {
    let t = app.row_text(item);
    let mut main = Line::from(t.main);
    if t.caution {
        main.spans.insert(
            0,
            Span::styled(format!("[{}] ", app.msg.caution_mark), app.theme.heading),
        );
    }
    // Words, so that the mark does not depend on colour.
    if t.stale {
        main.spans.insert(
            0,
            Span::styled(format!("[{}] ", app.msg.stale_mark), app.theme.heading),
        );
    }
    Row {
        main,
        tail: t.tail.map(|n| Span::styled(n, app.theme.heading)),
    }
}

/// Puts "[old] " before a row's text when its record is older than the stale
/// threshold: words, so that the mark does not depend on colour.
fn mark_if_old(app: &App, r: RecordRef, line: &mut Line<'static>) {
    if app.age_of(r).is_some_and(|(_, stale)| stale) {
        line.spans.insert(
            0,
            Span::styled(format!("[{}] ", app.msg.stale_mark), app.theme.heading),
        );
    }
}

fn items(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let focused = app.nav.focus == Pane::Items && !app.help_open();
    let Some(section) = app.section() else {
        frame.render_widget(pane_block(app, "", focused), area);
        return;
    };
    let title = app.section_name(section);
    frame.render_widget(pane_block(app, &title, focused), area);
    let row = |i: usize| app.item_at(section, i).map(|it| item_label(app, it));
    let mut list_area = inner(area);
    // Hotlines the filters hide are counted below the list, a message rather than a
    // row, so that nobody takes the list for every line there is.
    let hidden = if section == Section::Hotlines {
        app.hidden_hotlines()
    } else {
        0
    };
    if hidden > 0 && list_area.height >= 2 && list_area.width > 0 {
        let note = if hidden == 1 {
            app.msg.hotlines_hidden_one.to_owned()
        } else {
            app.msg
                .hotlines_hidden_many
                .replace("{n}", &hidden.to_string())
        };
        // Wrapped, at most on half the list's rows (one at least).
        let wrapped = textwrap::wrap(&note, usize::from(list_area.width));
        let most = (list_area.height / 2).max(1);
        let rows = u16::try_from(wrapped.len()).unwrap_or(u16::MAX).min(most);
        list_area.height -= rows;
        let at = Rect {
            y: list_area.y.saturating_add(list_area.height),
            height: rows,
            ..list_area
        };
        let lines: Vec<Line<'static>> = wrapped
            .into_iter()
            .map(|l| Line::from(Span::styled(l.into_owned(), app.theme.heading)))
            .collect();
        frame.render_widget(Paragraph::new(lines), at);
    }
    if let Some(message) = app.empty_message(section) {
        // A message, not a row: nothing to select.
        let lines: Vec<Line<'static>> =
            textwrap::wrap(message, usize::from(list_area.width).max(1))
                .into_iter()
                .map(|l| Line::from(Span::styled(l.into_owned(), app.theme.dim)))
                .collect();
        frame.render_widget(Paragraph::new(lines), list_area);
        return;
    }
    let count = app.item_count(section);
    list(app, frame, list_area, &row, count, app.nav.item, focused);
    // A list longer than the pane says where you are in it: "12 / 100,000".
    if count > usize::from(layout::visible_rows(app, list_area.height)) {
        let at = format!(
            "{} / {}",
            grouped(app.nav.item + 1, app.msg.thousands),
            grouped(count, app.msg.thousands)
        );
        on_bottom_border(frame, area, &at, app.theme.key);
    }
}

/// `n` with `separator` between its thousands: 100,000.
fn grouped(n: usize, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// Writes `text` on the right of a bordered area's bottom border, when it fits.
fn on_bottom_border(frame: &mut Frame<'_>, area: Rect, text: &str, style: Style) {
    let width = u16::try_from(text.width()).unwrap_or(u16::MAX);
    if area.height < 3 || width.saturating_add(4) > area.width {
        return;
    }
    let at = Rect {
        x: area.right().saturating_sub(width + 2),
        y: area.bottom().saturating_sub(1),
        width,
        height: 1,
    };
    frame.render_widget(Paragraph::new(text.to_owned()).style(style), at);
}

/// Draws the detail pane; returns its largest scroll offset.
fn detail_pane(app: &App, frame: &mut Frame<'_>, area: Rect) -> u16 {
    let focused = app.nav.focus == Pane::Detail && !app.help_open();
    let title = match app.detail_item() {
        Some(Item::Record(r)) => app.dir.title_of(r).unwrap_or_default().to_owned(),
        _ => String::new(),
    };
    frame.render_widget(pane_block(app, &title, focused), area);
    let in_area = inner(area);
    let lines = if in_area.width == 0 {
        Vec::new()
    } else {
        detail::lines(app, in_area.width)
    };
    let max_scroll =
        u16::try_from(lines.len().saturating_sub(usize::from(in_area.height))).unwrap_or(u16::MAX);
    let scroll = app.nav.scroll.min(max_scroll);
    let visible: Vec<Line<'static>> = lines
        .into_iter()
        .skip(usize::from(scroll))
        .take(usize::from(in_area.height))
        .collect();
    frame.render_widget(Paragraph::new(visible).style(app.theme.text), in_area);
    if focused && in_area.width > 0 && in_area.height > 0 {
        frame.set_cursor_position(Position::new(in_area.x, in_area.y));
    }
    // More below: said on the bottom border, so nobody takes the fold for the end.
    if scroll < max_scroll {
        on_bottom_border(frame, area, app.msg.detail_more, app.theme.key);
    }
    max_scroll
}
