//! Drawing: reads `&App`, never changes it. One function per part of the screen.

pub mod detail;

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
            truncate(&self.loading, width),
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

/// The card (`c`), over the whole screen below the hotline bar (the emergency number
/// and the pinned hotlines stay on screen, as everywhere): the record's numbers large,
/// the QR code beside them when there is room, its notices and the line on phone
/// safety, and how to leave it on the last row.
fn card(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    let Some(r) = app.card_shown() else { return };
    let msg = crate::i18n::cli::for_language(&app.dir.meta.language);
    let Some(card) = crate::render::card::card(&app.dir, r, msg, true) else {
        return;
    };
    let top = s.bar.y.saturating_add(s.bar.height);
    let whole = frame.area();
    let area = Rect {
        y: top,
        height: whole.height.saturating_sub(top),
        ..whole
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Block::default().style(app.theme.text), area);
    if area.width < 3 || area.height < 3 {
        return;
    }
    frame.render_widget(pane_block(app, app.msg.card_title, true), area);
    let inside = inner(area);
    let (body, foot) = if inside.height >= 2 {
        (
            Rect {
                height: inside.height - 1,
                ..inside
            },
            Some(Rect {
                y: inside.y + inside.height - 1,
                height: 1,
                ..inside
            }),
        )
    } else {
        (inside, None)
    };
    let look = crate::render::card::Look {
        base: app.theme.text,
        title: app.theme.heading,
        label: app.theme.text,
        number: app.theme.number,
        notice: app.theme.text,
        mono_qr: app.theme.is_monochrome(),
    };
    let modules = card.qr.as_ref().and_then(|uri| app.qr.get(uri));
    let drawn = crate::render::card::draw(
        &card,
        body.width,
        Some(body.height),
        modules.map(Vec::as_slice),
        &look,
    );
    let buf = frame.buffer_mut();
    for y in 0..drawn.area.height.min(body.height) {
        for x in 0..drawn.area.width.min(body.width) {
            if let (Some(from), Some(to)) =
                (drawn.cell((x, y)), buf.cell_mut((body.x + x, body.y + y)))
            {
                *to = from.clone();
            }
        }
    }
    if let Some(foot) = foot {
        frame.render_widget(
            Paragraph::new(truncate(app.msg.card_close, usize::from(foot.width)))
                .style(app.theme.dim),
            foot,
        );
    }
}

/// Kiosk: when the configured PIN was refused, says that the operator exit is off, on
/// the footer's line, so the operator sees it and the kiosk still runs.
fn pin_off(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    if !app.kiosk.as_ref().is_some_and(|k| k.pin_refused) || app.countdown().is_some() {
        return;
    }
    let area = s.footer;
    if area.height == 0 || area.width == 0 {
        return;
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(truncate(app.msg.pin_off, usize::from(area.width)))
            .style(app.theme.emergency),
        area,
    );
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

/// Kiosk: the data could not be used. On this screen `app.dir` is the built-in
/// directory, read in the interface language (`build_app` falls back to it). The screen
/// gives the emergency number and the built-in hotlines that serve everyone (no `area`:
/// the National Hotline, never one county's tip line on another county's kiosk), and
/// nothing about files, positions or commands: the operator's message goes to the
/// system log, never to the public screen.
fn data_error(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let m = app.msg;
    let number = app.dir.meta.emergency.display();
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{}: {number}", m.emergency),
            app.theme.emergency,
        )),
        Line::default(),
        Line::from(Span::styled(m.data_error, app.theme.heading)),
        Line::from(format!("{} {number}.", m.data_error_help)),
    ];
    for h in data_error_hotlines(&app.dir) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(h.name.clone(), app.theme.heading)));
        lines.push(Line::from(format!("{}: {}", m.call, h.phone.display())));
        if let Some(t) = &h.text {
            lines.push(Line::from(format!("{}: {}", m.text, t.display())));
        }
        if let Some(t) = &h.tty {
            lines.push(Line::from(format!("{}: {}", m.tty, t.display())));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .style(app.theme.text),
        area,
    );
}

/// The hotlines the kiosk error screen lists: those that serve everyone (no `area`) and
/// are not the emergency line (its number is already on the screen).
#[must_use]
pub fn data_error_hotlines(dir: &crate::directory::Directory) -> Vec<&crate::directory::Hotline> {
    dir.hotlines
        .iter()
        .filter(|h| h.area.is_none() && !h.emergency)
        .collect()
}

/// Kiosk: the idle countdown, over the footer (or the last row of the body).
fn countdown(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    let Some(secs) = app.countdown() else { return };
    let area = if s.footer.height > 0 {
        s.footer
    } else {
        Rect {
            y: s.body.y + s.body.height.saturating_sub(1),
            height: s.body.height.min(1),
            ..s.body
        }
    };
    let text = format!(
        "{} {secs}{}",
        app.msg.countdown_before, app.msg.countdown_after
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(truncate(&text, usize::from(area.width))).style(app.theme.emergency),
        area,
    );
}

/// Kiosk: the operator's PIN prompt. The PIN is never shown, only one dot a character.
fn pin_prompt(app: &App, frame: &mut Frame<'_>, body: Rect) {
    let Some((entry, wrong)) = app.pin_prompt() else {
        return;
    };
    if body.width < 8 || body.height < 3 {
        return;
    }
    let w = body.width.min(40);
    let h = body.height.min(5);
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y + (body.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, area);
    frame.render_widget(pane_block(app, app.msg.pin_title, true), area);
    let inside = inner(area);
    let dots = "•".repeat(entry.chars().count());
    let mut lines = vec![Line::from(format!("{} {dots}", app.msg.pin_prompt))];
    if wrong {
        lines.push(Line::from(Span::styled(
            app.msg.pin_wrong,
            app.theme.heading,
        )));
    }
    if let Some(secs) = app.kiosk_wait() {
        lines.push(Line::from(format!(
            "{} {secs}{}",
            app.msg.pin_wait_before, app.msg.pin_wait_after
        )));
    }
    frame.render_widget(Paragraph::new(lines).style(app.theme.text), inside);
    let x = inside.x
        + u16::try_from(app.msg.pin_prompt.width() + 1 + entry.chars().count()).unwrap_or(0);
    if inside.height > 0 && x < inside.x + inside.width {
        frame.set_cursor_position(Position::new(x, inside.y));
    }
}

fn too_small(app: &App, frame: &mut Frame<'_>, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let emergency = format!(
        "{}: {}",
        app.msg.emergency,
        app.dir.meta.emergency.display()
    );
    let mut lines = Vec::new();
    if emergency.width() <= usize::from(area.width) {
        lines.push(Line::from(Span::styled(emergency, app.theme.emergency)));
    } else {
        let number = app.dir.meta.emergency.display();
        if number.width() <= usize::from(area.width) {
            lines.push(Line::from(Span::styled(number, app.theme.emergency)));
        }
    }
    lines.push(Line::from(app.msg.too_small));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .style(app.theme.text),
        area,
    );
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

fn highlighted(text: &str, query: &str, base: Style, matched: Style) -> Vec<Span<'static>> {
    let marks = highlight(text, query);
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut current_matched = false;
    for (i, c) in text.chars().enumerate() {
        let m = marks.binary_search(&i).is_ok();
        if m != current_matched && !current.is_empty() {
            let style = if current_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut current), style));
        }
        current_matched = m;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_matched { matched } else { base },
        ));
    }
    spans
}

fn kind_label(app: &App, r: RecordRef) -> &'static str {
    let m = app.msg;
    match r {
        RecordRef::Hotline(_) => m.kind_hotline,
        RecordRef::Role(_) => m.kind_role,
        RecordRef::Action(..) => m.kind_action,
        RecordRef::Program | RecordRef::Strategy(_) | RecordRef::Endorsement(_) => m.kind_about,
        RecordRef::Fact(_) => m.kind_fact,
        RecordRef::Event(_) => m.kind_event,
        RecordRef::Service(_) => m.kind_service,
    }
}

fn number_of(app: &App, r: RecordRef) -> Option<String> {
    match r {
        RecordRef::Hotline(i) => app.dir.hotlines.get(i).map(|h| match h.caution {
            Some(_) => format!("[{}] {}", app.msg.caution_mark, h.phone.display()),
            None => h.phone.display(),
        }),
        RecordRef::Service(i) => app
            .dir
            .services
            .get(i)?
            .phones
            .iter()
            .find(|p| p.kind != crate::directory::PhoneKind::Fax)
            .map(|p| p.phone.display()),
        _ => None,
    }
}

fn search(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    let Some(st) = &app.search else { return };
    let m = app.msg;
    let scope = match st.scope {
        Scope::All => m.scope_all.to_owned(),
        Scope::Role(r) => format!(
            "{} {}",
            m.scope_role,
            app.dir
                .roles
                .get(r)
                .map(|r| r.name.as_str())
                .unwrap_or_default()
        ),
    };
    let count = if st.pending {
        m.searching.to_owned()
    } else if st.query.trim().is_empty() {
        String::new()
    } else {
        format!(
            "{} {}",
            st.results.total,
            if st.results.total == 1 {
                m.result_one
            } else {
                m.results
            }
        )
    };
    let title = format!("{} — {scope} {count}", m.search_prompt);
    let input_area = if s.search_input.height >= 3 {
        let block = pane_block(app, &title, true);
        frame.render_widget(block, s.search_input);
        inner(s.search_input)
    } else {
        s.search_input
    };
    let prompt = "/ ";
    let room = usize::from(input_area.width).saturating_sub(prompt.width() + 1);
    // Show the end of a long query, where the person is typing.
    let shown: String = {
        let chars: Vec<char> = st.query.chars().collect();
        let mut w = 0;
        let mut start = chars.len();
        while start > 0 {
            let cw = chars
                .get(start - 1)
                .and_then(|c| unicode_width::UnicodeWidthChar::width(*c))
                .unwrap_or(0);
            if w + cw > room {
                break;
            }
            w += cw;
            start -= 1;
        }
        chars.get(start..).unwrap_or_default().iter().collect()
    };
    let line = Line::from(vec![
        Span::styled(prompt, app.theme.key),
        Span::raw(shown.clone()),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.text), input_area);
    let cursor_x = input_area.x + u16::try_from(prompt.width() + shown.width()).unwrap_or(0);
    if input_area.width > 0 && input_area.height > 0 && cursor_x < input_area.x + input_area.width {
        frame.set_cursor_position(Position::new(cursor_x, input_area.y));
    }

    let results_block = pane_block(app, m.results, false);
    let list_area = if s.results.height >= 3 {
        frame.render_widget(results_block, s.results);
        inner(s.results)
    } else {
        s.results
    };
    if st.query.trim().is_empty() {
        frame.render_widget(
            Paragraph::new(m.search_hint)
                .wrap(Wrap { trim: true })
                .style(app.theme.dim),
            list_area,
        );
    } else if st.results.hits.is_empty() && !st.pending {
        let text = format!(
            "{} “{}” {} {}",
            m.no_match_before,
            st.query,
            m.no_match_after,
            app.dir.meta.emergency.display()
        );
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(app.theme.text),
            list_area,
        );
    } else {
        let query = st.query.as_str();
        let row = |i: usize| -> Option<Row> {
            let hit = st.results.hits.get(i)?;
            let title = app.dir.path_title(hit.record);
            let mut spans = vec![Span::styled(
                format!("{} ", kind_label(app, hit.record)),
                app.theme.dim,
            )];
            spans.extend(highlighted(&title, query, Style::new(), app.theme.matched));
            // The number is the tail, never cut; its matched digits are underlined in
            // the number itself when the query was a number.
            let tail = number_of(app, hit.record).map(|n| {
                let matched =
                    !highlight(&n, query).is_empty() && query.chars().any(|c| c.is_ascii_digit());
                let style = if matched {
                    app.theme.matched
                } else {
                    app.theme.heading
                };
                Span::styled(n, style)
            });
            let mut main = Line::from(spans);
            mark_if_old(app, hit.record, &mut main);
            Some(Row { main, tail })
        };
        list(
            app,
            frame,
            list_area,
            &row,
            st.results.hits.len(),
            st.selected,
            false,
        );
    }
    if s.preview.width > 0 {
        let hit = st.results.hits.get(st.selected).map(|h| h.record);
        let title = hit
            .and_then(|r| app.dir.title_of(r))
            .unwrap_or_default()
            .to_owned();
        frame.render_widget(pane_block(app, &title, false), s.preview);
        if let Some(r) = hit {
            let area = inner(s.preview);
            let lines: Vec<Line<'static>> = detail::item_lines(app, Item::Record(r), area.width)
                .into_iter()
                .take(usize::from(area.height))
                .collect();
            frame.render_widget(Paragraph::new(lines).style(app.theme.text), area);
        }
    }
}

fn footer(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    if s.footer.height == 0 {
        return;
    }
    let context = app.context();
    let label_here = s.footer.contains(s.quick_exit.as_position());
    let reserved = if label_here {
        s.quick_exit.width + 1
    } else {
        0
    };
    let width = usize::from(s.footer.width.saturating_sub(reserved));
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(status) = &app.status {
        frame.render_widget(
            Paragraph::new(truncate(status, width)).style(app.theme.heading),
            s.footer,
        );
        if label_here {
            quick_exit_label(app, frame, s);
        }
        return;
    }
    let kiosk = app.kiosk.is_some();
    let mut shown: Vec<_> = BINDINGS
        .iter()
        .filter(|b| {
            b.footer > 0
                && b.mode.applies(kiosk)
                && (b.context == context || b.context == Context::Any)
        })
        .collect();
    shown.sort_by_key(|b| b.footer);
    for b in shown {
        let Some(short) = footer_hint(app, b) else {
            continue;
        };
        let piece_w = b.label.width() + 1 + short.width() + 2;
        // A hint that does not fit is left out whole, never cut.
        if used + piece_w > width {
            break;
        }
        spans.push(Span::styled(b.label, app.theme.key));
        spans.push(Span::styled(format!(" {short}  "), app.theme.dim));
        used += piece_w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), s.footer);
    if label_here {
        quick_exit_label(app, frame, s);
    }
}

/// A binding's hint in the footer, as it applies now: its description up to the first
/// `,` or `:` ("filter: language, area…" is "filter"), and for Ctrl-T what it will do
/// from the search's current scope; `None` when the key would do nothing now.
fn footer_hint(app: &App, b: &crate::tui::keymap::Binding) -> Option<&'static str> {
    let m = app.msg;
    let toggles_scope = b
        .keys
        .first()
        .is_some_and(|(_, action)| matches!(action(), crate::tui::action::Action::ToggleScope));
    if toggles_scope {
        let s = app.search.as_ref()?;
        return match (s.scope, s.role) {
            (Scope::All, Some(_)) => Some(m.key_scope_to_role),
            (Scope::All, None) => None,
            (Scope::Role(_), _) => Some(m.key_scope_to_all),
        };
    }
    let desc = (b.describe)(m);
    Some(desc.split([',', ':']).next().unwrap_or(desc).trim())
}

/// Lines wrapped to `width`, each wrapped line indented as its first line's text starts:
/// a key's description goes on under the description, not under the key.
fn wrap_keeping_indent(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        // The first span of a key row is the key column; its width is the indent.
        let (lead, rest): (Vec<Span<'static>>, Vec<Span<'static>>) = match line.spans.len() {
            2.. => {
                let mut spans = line.spans.clone();
                let rest = spans.split_off(1);
                (spans, rest)
            }
            _ => (Vec::new(), line.spans.clone()),
        };
        let lead_width: usize = lead.iter().map(Span::width).sum();
        let text: String = rest.iter().map(|s| s.content.as_ref()).collect();
        let own_indent = text.chars().take_while(|c| *c == ' ').count();
        let indent = " ".repeat(lead_width + own_indent);
        let style = rest.first().map_or(line.style, |s| s.style);
        let room = width.saturating_sub(lead_width).max(1);
        let options = textwrap::Options::new(room)
            .subsequent_indent(&indent[lead_width.min(indent.len())..])
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(true);
        for (k, piece) in textwrap::wrap(&text, options).into_iter().enumerate() {
            let mut spans = if k == 0 {
                lead.clone()
            } else {
                vec![Span::raw(" ".repeat(lead_width))]
            };
            spans.push(Span::styled(piece.into_owned(), style));
            out.push(Line::from(spans).style(line.style));
        }
    }
    out
}

/// The help overlay's lines, generated from the key table.
#[must_use]
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let m = app.msg;
    let kiosk = app.kiosk.is_some();
    // Safety first: the emergency number, then the keys that work everywhere (the
    // quick exit among them), before the keys of each screen.
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{}: {}", m.emergency, app.dir.meta.emergency.display()),
            app.theme.emergency,
        )),
        Line::default(),
    ];
    for (ctx, heading) in [
        (Context::Any, m.ctx_any),
        (Context::Browse, m.ctx_browse),
        (Context::Search, m.ctx_search),
        (Context::Filter, m.ctx_filter),
        (Context::Help, m.ctx_help),
        (Context::Card, m.ctx_card),
        (Context::Pin, m.ctx_pin),
    ] {
        let rows: Vec<_> = BINDINGS
            .iter()
            .filter(|b| b.context == ctx && b.mode.applies(kiosk))
            .collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(heading, app.theme.heading)));
        for b in rows {
            // A label longer than its column stands on its own line, the words under
            // the description column.
            let key = if b.label.width() < 18 {
                format!("  {:<18}", b.label)
            } else {
                lines.push(Line::from(Span::styled(
                    format!("  {}", b.label),
                    app.theme.key,
                )));
                " ".repeat(20)
            };
            lines.push(Line::from(vec![
                Span::styled(key, app.theme.key),
                Span::raw((b.describe)(m)),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(m.syntax_title, app.theme.heading)));
    lines.extend(m.syntax_lines.iter().map(|l| Line::from(*l)));
    lines.push(Line::default());
    lines.push(Line::from(m.mouse_help));
    lines
}

/// Draws the help overlay; returns its largest scroll offset.
fn help(app: &App, frame: &mut Frame<'_>, body: Rect) -> Option<u16> {
    if body.width < 4 || body.height < 3 {
        return None;
    }
    let w = body.width.min(76);
    let h = body.height;
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, area);
    let block = pane_block(
        app,
        &format!("{} — {}", app.msg.help_title, app.msg.help_close),
        true,
    );
    frame.render_widget(block, area);
    let in_area = inner(area);
    let lines = wrap_keeping_indent(help_lines(app), usize::from(in_area.width));
    let max = lines.len().saturating_sub(usize::from(in_area.height));
    let scroll = usize::from(app.help_scroll()).min(max);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).style(app.theme.text),
        in_area,
    );
    // More below: said on the bottom border, so nobody takes the fold for the end.
    if scroll < max && area.height >= 3 {
        let more = truncate(app.msg.help_more, usize::from(area.width.saturating_sub(4)));
        let width = u16::try_from(more.width()).unwrap_or(0);
        let at = Rect {
            x: area.right().saturating_sub(width + 2),
            y: area.bottom().saturating_sub(1),
            width,
            height: 1,
        };
        frame.render_widget(Paragraph::new(more).style(app.theme.key), at);
    }
    Some(u16::try_from(max).unwrap_or(u16::MAX))
}
