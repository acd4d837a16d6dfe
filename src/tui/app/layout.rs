//! Where everything goes, as a pure function of the state and the terminal size. The
//! view draws into these rectangles, and `update` uses them to map clicks and pages.

use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::hotline_bar;
use crate::tui::app::{App, Pane};

/// Narrowest usable width.
pub const MIN_WIDTH: u16 = 20;
/// Three panes from this width.
pub const THREE_PANES: u16 = 100;
/// Two panes from this width.
pub const TWO_PANES: u16 = 60;

/// The screen's regions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Screen {
    /// Too small to show the bar and one line of content.
    pub too_small: bool,
    /// Header line (may be empty at small heights).
    pub header: Rect,
    /// Quick-exit label inside the header or footer.
    pub quick_exit: Rect,
    /// Hotline bar.
    pub bar: Rect,
    /// Number of bar lines drawn.
    pub bar_lines: u16,
    /// Panes, left to right.
    pub panes: Vec<(Pane, Rect)>,
    /// Search input line (when searching).
    pub search_input: Rect,
    /// Search results list (when searching).
    pub results: Rect,
    /// Preview of the selected result (when searching on a wide screen).
    pub preview: Rect,
    /// The filter line: the filter bar while it is open, else the filters in force
    /// (empty when there are none, or no room).
    pub filters: Rect,
    /// The area under the bar (where overlays go).
    pub body: Rect,
    /// Footer line.
    pub footer: Rect,
}

/// What a frame found out while drawing that the state needs and cannot know without
/// drawing: how far the detail pane can scroll (its text, wrapped to the pane's width,
/// less the pane's height). The event loop hands it to [`App::drawn`] after each frame,
/// so that `update` never draws to find it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drawn {
    /// The detail pane's largest scroll offset; `None` when no detail pane was drawn.
    pub detail_max_scroll: Option<u16>,
    /// The help's largest scroll offset; `None` when the help was not drawn.
    pub help_max_scroll: Option<u16>,
}

/// What is under a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// A list row of a pane (index into that pane's items).
    Row(Pane, usize),
    /// Elsewhere inside a pane.
    Pane(Pane, Rect),
    /// A search result row.
    Result(usize),
    /// The quick-exit label.
    QuickExit,
}

/// The first visible row of a list with `rows` visible rows and `selected` selected.
#[must_use]
pub fn list_offset(selected: usize, rows: u16) -> usize {
    let rows = usize::from(rows.max(1));
    selected.saturating_sub(rows - 1)
}

/// Lines a list row takes: two in kiosk mode (a blank line between rows), else one.
#[must_use]
pub const fn row_height(app: &App) -> u16 {
    if app.kiosk.is_some() { 2 } else { 1 }
}

/// How many list rows fit in `height` lines.
#[must_use]
pub fn visible_rows(app: &App, height: u16) -> u16 {
    height.div_ceil(row_height(app))
}

/// The row index under a line of a list, if the line is a row (not a spacer).
fn row_at_line(app: &App, line: u16) -> Option<usize> {
    let h = row_height(app);
    line.is_multiple_of(h).then_some(usize::from(line / h))
}

/// The inside of a bordered block.
#[must_use]
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

fn take_top(area: &mut Rect, h: u16) -> Rect {
    let h = h.min(area.height);
    let top = Rect { height: h, ..*area };
    area.y = area.y.saturating_add(h);
    area.height -= h;
    top
}

fn take_bottom(area: &mut Rect, h: u16) -> Rect {
    let h = h.min(area.height);
    area.height -= h;
    Rect {
        y: area.y.saturating_add(area.height),
        height: h,
        ..*area
    }
}

fn split_h(area: Rect, left: u16) -> (Rect, Rect) {
    let left = left.min(area.width);
    (
        Rect {
            width: left,
            ..area
        },
        Rect {
            x: area.x.saturating_add(left),
            width: area.width - left,
            ..area
        },
    )
}

/// Lays out the screen for the app's current size.
#[must_use]
pub fn screen(app: &App) -> Screen {
    let (w, h) = app.size;
    let mut area = Rect::new(0, 0, w, h);
    // Every pinned hotline is always shown: the bar takes the lines it needs, and a
    // terminal too short for it and one line of content gets the too-small screen.
    let bar_lines = hotline_bar::lines(app, w).len();
    let bar_lines = u16::try_from(bar_lines).unwrap_or(1);
    // The bar plus one line of content inside a bordered pane.
    if w < MIN_WIDTH || h < bar_lines + 3 {
        return Screen {
            too_small: true,
            body: area,
            ..Screen::default()
        };
    }
    let spare = h - bar_lines - 3;
    let mut s = Screen {
        bar_lines,
        ..Screen::default()
    };
    if spare >= 1 {
        s.header = take_top(&mut area, 1);
    }
    s.bar = take_top(&mut area, bar_lines);
    if spare >= 2 {
        s.footer = take_bottom(&mut area, 1);
    }
    let label_w = u16::try_from(app.msg.quick_exit_label.width()).unwrap_or(u16::MAX);
    // The quick-exit label sits in the header when there is room beside the name and
    // date, else in the footer.
    let host = if s.header.height > 0 && (w >= 70 || s.footer.height == 0) {
        s.header
    } else {
        s.footer
    };
    if host.height > 0 && host.width >= label_w + 10 {
        s.quick_exit = Rect {
            x: host.x + host.width - label_w,
            width: label_w,
            ..host
        };
    }
    s.body = area;
    if (app.filter_bar().is_some() || !app.filters.is_empty()) && area.height >= 6 {
        s.filters = take_top(&mut area, 1);
    }
    if app.search.is_some() {
        let mut rest = area;
        let input_h = if rest.height >= 6 { 3 } else { 1 };
        s.search_input = take_top(&mut rest, input_h);
        if w >= THREE_PANES {
            let (l, r) = split_h(rest, w / 2);
            s.results = l;
            s.preview = r;
        } else {
            s.results = rest;
        }
        return s;
    }
    let focus = app.nav.focus;
    // Sections and lists take the width their rows need, up to a share that leaves the
    // detail readable; the detail gets the rest.
    s.panes = if w >= THREE_PANES {
        let detail_min = (w * 2 / 5).max(40);
        let sec_w = sections_width(app).clamp(12, w / 5);
        let items_w = items_width(app).clamp(20, w.saturating_sub(sec_w + detail_min).max(20));
        let (sec, rest) = split_h(area, sec_w);
        let (items, detail) = split_h(rest, items_w);
        vec![
            (Pane::Sections, sec),
            (Pane::Items, items),
            (Pane::Detail, detail),
        ]
    } else if w >= TWO_PANES {
        if focus == Pane::Sections {
            let (l, r) = split_h(area, sections_width(app).clamp(12, w / 2));
            vec![(Pane::Sections, l), (Pane::Items, r)]
        } else {
            let detail_min = (w / 2).min(40);
            let (l, r) = split_h(area, items_width(app).clamp(20, w - detail_min));
            vec![(Pane::Items, l), (Pane::Detail, r)]
        }
    } else {
        vec![(focus, area)]
    };
    s
}

/// Columns a list needs around its rows: the two borders and the selection marker.
const LIST_FRAME: usize = 4;

/// The most rows of a list measured for its width: enough for any county's lists, and
/// a bound on the work of a frame for a list of 100,000 services.
const MEASURED_ROWS: usize = 500;

/// The width the sections pane needs for its longest label.
fn sections_width(app: &App) -> u16 {
    let widest = app
        .sections
        .iter()
        .map(|s| app.section_label(*s).width())
        .max()
        .unwrap_or(0);
    u16::try_from(widest + LIST_FRAME).unwrap_or(u16::MAX)
}

/// The width the items pane needs for the longest of its first rows: marks, title, a
/// space and the number.
fn items_width(app: &App) -> u16 {
    let Some(section) = app.section() else {
        return 0;
    };
    let mark = |word: &str| word.width() + 3;
    let widest = (0..app.item_count(section).min(MEASURED_ROWS))
        .filter_map(|i| app.item_at(section, i))
        .map(|item| {
            let t = app.row_text(item);
            usize::from(t.stale) * mark(app.msg.stale_mark)
                + usize::from(t.caution) * mark(app.msg.caution_mark)
                + t.main.width()
                + t.tail.map_or(0, |n| n.width() + 1)
        })
        .max()
        .unwrap_or(0);
    // The messages a list shows instead of rows, or under them, are read whole too.
    let hidden = if section == crate::tui::app::Section::Hotlines && app.hidden_hotlines() > 0 {
        app.msg.hotlines_hidden_many.width()
    } else {
        0
    };
    let empty = app.empty_message(section).map_or(0, UnicodeWidthStr::width);
    let widest = widest.max(hidden).max(empty);
    u16::try_from(widest + LIST_FRAME).unwrap_or(u16::MAX)
}

/// What is under a cell.
#[must_use]
pub fn region_at(app: &App, column: u16, row: u16) -> Option<Region> {
    let s = screen(app);
    let pos = Position::new(column, row);
    if s.quick_exit.contains(pos) {
        return Some(Region::QuickExit);
    }
    if app.search.is_some() {
        let list = inner_or_self(s.results, s.results.height >= 3);
        if list.contains(pos) {
            let selected = app.search.as_ref().map_or(0, |x| x.selected);
            let offset = list_offset(selected, visible_rows(app, list.height));
            return row_at_line(app, row - list.y).map(|r| Region::Result(offset + r));
        }
        return None;
    }
    for (pane, rect) in &s.panes {
        if !rect.contains(pos) {
            continue;
        }
        let list = inner(*rect);
        if *pane != Pane::Detail && list.contains(pos) {
            let selected = match pane {
                Pane::Sections => app.nav.section,
                _ => app.nav.item,
            };
            let offset = list_offset(selected, visible_rows(app, list.height));
            if let Some(r) = row_at_line(app, row - list.y) {
                return Some(Region::Row(*pane, offset + r));
            }
            return Some(Region::Pane(*pane, *rect));
        }
        return Some(Region::Pane(*pane, *rect));
    }
    None
}

fn inner_or_self(r: Rect, bordered: bool) -> Rect {
    if bordered { inner(r) } else { r }
}

/// Visible rows of the list that paging moves in.
#[must_use]
pub fn list_rows(app: &App) -> u16 {
    let s = screen(app);
    if app.search.is_some() {
        return visible_rows(app, inner(s.results).height);
    }
    s.panes
        .iter()
        .find(|(p, _)| *p == app.nav.focus)
        .map_or(1, |(_, r)| visible_rows(app, inner(*r).height))
}

/// Inner width and height of the detail pane (or of the pane the detail would have in
/// one-pane mode), for wrapping and scrolling.
#[must_use]
pub fn detail_size(app: &App) -> (u16, u16) {
    let s = screen(app);
    if let Some((_, r)) = s.panes.iter().find(|(p, _)| *p == Pane::Detail) {
        let i = inner(*r);
        return (i.width, i.height);
    }
    let i = inner(s.body);
    (i.width, i.height)
}
