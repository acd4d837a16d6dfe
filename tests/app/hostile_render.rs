#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Hostile text, tested at scale: escape sequences, controls, bidi overrides, zero-width,
//! combining and wide characters in every free-text field of a directory must never reach
//! the terminal as anything but plain text.
//!
//! The property test builds a rich directory (several hotlines, pinned ones, a program
//! with strategy and endorsements, facts, roles with actions, an event, a service with
//! phones), puts a generated hostile string into every free-text field, loads it through
//! the real loader, and renders every screen at several sizes through ratatui's
//! `CrosstermBackend` into a byte buffer. The bytes are then parsed code point by code
//! point: the only escape sequences allowed are the renderer's own CSI sequences.
//!
//! Cases: `PROPTEST_CASES` (proptest's default, 256, when unset; CI sets 64);
//! `PROPTEST_MAX_SHRINK_ITERS` caps shrinking. Failing seeds are kept in
//! `tests/fixtures/regressions/hostile_render.proptest-regressions`.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use heatwatch::cli::ThemeName;
use heatwatch::directory::{Directory, load};
use heatwatch::search::SearchIndex;
use heatwatch::tui::action::Action;
use heatwatch::tui::app::{App, Nav, Pane};
use heatwatch::tui::theme::Theme;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use serde_json::{Value, json};

/// Sizes every screen is rendered at: three panes, two panes, one pane, the smallest
/// usable size, and too small.
const SIZES: [(u16, u16); 5] = [(120, 40), (80, 24), (40, 12), (20, 6), (16, 4)];

// ---------------------------------------------------------------------------------------
// What must never reach the terminal
// ---------------------------------------------------------------------------------------

/// Characters that must never be written to the terminal outside the renderer's own
/// CSI sequences. Deliberately written out here rather than taken from
/// `sanitize::is_forbidden`, so that narrowing the cleaner cannot narrow the test.
fn never_on_screen(c: char) -> bool {
    matches!(c,
        // C0 controls (ESC is handled by the CSI parser), DEL, C1 controls
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi marks, embeddings, overrides, isolates
        | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // zero-width and invisible formatting characters
        | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
        // line and paragraph separators
        | '\u{2028}' | '\u{2029}')
}

/// Checks the bytes the renderer wrote: valid UTF-8; every ESC starts a CSI sequence
/// (`ESC [ params intermediates final`) with a final byte the renderer itself uses
/// (cursor moves, SGR, erase, cursor show/hide); no OSC, no DCS, no window operations
/// (`CSI … t`); no BEL, DEL, C0/C1 control, bidi or zero-width character anywhere else.
/// Checked by code point: "—" legitimately holds bytes 0x80–0x9F.
fn check_terminal_output(bytes: &[u8]) -> Result<usize, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("output is not UTF-8: {e}"))?;
    let mut chars = text.char_indices();
    let mut sequences = 0usize;
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' {
            match chars.next() {
                Some((_, '[')) => {}
                other => {
                    return Err(format!(
                        "ESC at byte {at} followed by {:?} (not a CSI sequence): {:?}",
                        other.map(|(_, c)| c),
                        context(text, at)
                    ));
                }
            }
            let mut params = String::new();
            let final_byte = loop {
                match chars.next() {
                    Some((_, p @ '\u{30}'..='\u{3f}')) => params.push(p),
                    Some((_, i @ '\u{20}'..='\u{2f}')) => params.push(i),
                    Some((_, f @ '\u{40}'..='\u{7e}')) => break f,
                    other => {
                        return Err(format!(
                            "malformed CSI at byte {at}: {:?} after {params:?}: {:?}",
                            other.map(|(_, c)| c),
                            context(text, at)
                        ));
                    }
                }
            };
            let allowed = match final_byte {
                // cursor movement and position, erase in display / line, SGR
                'A'..='H' | 'J' | 'K' | 'm' => true,
                // set / reset mode: only the cursor's visibility
                'h' | 'l' => params == "?25",
                _ => false,
            };
            if !allowed {
                return Err(format!(
                    "unexpected CSI {params:?} {final_byte:?} at byte {at}: {:?}",
                    context(text, at)
                ));
            }
            sequences += 1;
        } else if never_on_screen(c) {
            return Err(format!(
                "{:?} written to the terminal at byte {at}: {:?}",
                c,
                context(text, at)
            ));
        }
    }
    Ok(sequences)
}

fn context(text: &str, at: usize) -> String {
    let start = text.floor_char_boundary(at.saturating_sub(40));
    let end = text.ceil_char_boundary((at + 40).min(text.len()));
    text[start..end].to_owned()
}

/// Checks every cell of a rendered buffer: a stricter check than the bytes, since
/// ratatui itself drops some control characters before they reach the backend.
fn check_cells(buf: &Buffer) -> Result<(), String> {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if let Some(c) = symbol
                .chars()
                .find(|&c| never_on_screen(c) || c == '\u{1b}')
            {
                return Err(format!(
                    "cell ({x},{y}) holds {c:?} in {symbol:?}; row: {:?}",
                    row_text(buf, y)
                ));
            }
        }
    }
    Ok(())
}

/// A row as it shows: the cells a wide character covers are skipped, as a terminal
/// (and `TestBackend`'s display) does.
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut hidden = 0usize;
    for x in 0..buf.area.width {
        let symbol = buf[(x, y)].symbol();
        if hidden == 0 {
            out.push_str(symbol);
        }
        hidden = hidden
            .max(unicode_width::UnicodeWidthStr::width(symbol))
            .saturating_sub(1);
    }
    out
}

fn screen_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(&row_text(buf, y));
        out.push('\n');
    }
    out
}

/// A writer whose bytes stay readable after the backend has taken it (the backend's
/// own `writer()` accessor is unstable).
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders through the crossterm backend into memory and returns the bytes written and
/// the frame's buffer.
fn render_crossterm(app: &App, w: u16, h: u16) -> (Vec<u8>, Buffer) {
    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    let buffer = terminal
        .draw(|f| {
            heatwatch::tui::view::render(app, f);
        })
        .unwrap()
        .buffer
        .clone();
    drop(terminal);
    let bytes = out.0.take();
    (bytes, buffer)
}

// ---------------------------------------------------------------------------------------
// The directory
// ---------------------------------------------------------------------------------------

/// A directory with every optional free-text field present: several hotlines (two
/// pinned, one for emergencies), a program with strategy and endorsements, facts, two
/// roles with actions, one event, a service with every kind of phone.
fn rich_skeleton() -> Value {
    let prov = |v: &mut Value| {
        v["source"] = json!(["src-a"]);
        v["retrieved"] = json!("2026-01-15");
    };
    let mut hotlines = json!([
        {
            "id": "national", "name": "National Hotline", "short_name": "National",
            "phone": "1(888) 373-7888", "text": "233733", "tty": "711",
            "purpose": "Report trafficking.", "operator": "An operator",
            "anonymous": true, "confidential": true, "pinned": true,
            "hours": "24/7", "languages": ["English", "Spanish"],
            "url": "https://example.org/", "notes": ["One note.", "Another note."],
            "tags": ["report", "tip"], "verified": "2026-02-01"
        },
        {
            "id": "tip", "name": "Tip Line", "short_name": "Tips",
            "phone": "1(510) 555-0100", "extension": "x 12",
            "purpose": "Anonymous tips.", "operator": "The county",
            "anonymous": true, "pinned": true, "hours": "Weekdays",
            "languages": ["English"], "notes": ["A note."], "tags": ["anonymous"]
        },
        {
            "id": "emergency", "name": "Emergency", "phone": "911",
            "purpose": "In danger now.", "emergency": true, "tags": ["danger"]
        }
    ]);
    for h in hotlines.as_array_mut().unwrap() {
        prov(h);
    }
    let action = |id: &str, hotline: &str| {
        let mut a = json!({
            "id": id, "title": "An action", "summary": "What it is.",
            "next_steps": ["First step.", "Second step."],
            "hotlines": [hotline], "tags": ["step"]
        });
        prov(&mut a);
        a
    };
    let mut roles = json!([
        {
            "id": "community", "name": "Community", "summary": "For everyone.",
            "tags": ["neighbour"],
            "actions": [action("recognize", "national"), action("report", "tip")]
        },
        {
            "id": "police", "name": "Police", "summary": "For officers.",
            "tags": ["police"],
            "actions": [action("protocol", "emergency"), action("training", "national")]
        }
    ]);
    for r in roles.as_array_mut().unwrap() {
        prov(r);
    }
    let mut program = json!({
        "id": "program", "name": "The program", "summary": "What it does.",
        "people": ["A Person, Title", "Another Person"],
        "strategy": [
            {"id": "s1", "title": "Prevent", "text": "Prevention."},
            {"id": "s2", "title": "Protect", "text": "Protection."}
        ],
        "endorsements": [
            {"id": "e1", "quote": "Words.", "speaker": "A Speaker",
             "speaker_title": "Mayor", "context": "stated"},
            {"id": "e2", "quote": "More words.", "speaker": "Another Speaker"}
        ],
        "tags": ["about"]
    });
    prov(&mut program);
    let mut facts = json!([
        {"id": "f1", "title": "A fact", "text": "Its text.", "tags": ["fact"]},
        {"id": "f2", "title": "Another fact", "text": "More text."}
    ]);
    for f in facts.as_array_mut().unwrap() {
        prov(f);
    }
    let mut events = json!([
        {"id": "ev1", "title": "An event", "date": "2026-12-01", "text": "Where and what."}
    ]);
    prov(&mut events[0]);
    let mut services = json!([
        {
            "id": "shelter", "name": "A shelter", "organization": "An organisation",
            "description": "What it offers.",
            "phones": [
                {"number": "(510) 555-0101", "extension": "x 3", "kind": "voice", "label": "Main"},
                {"number": "(510) 555-0102", "kind": "text", "label": "Text"},
                {"number": "711", "kind": "tty", "label": "Relay"},
                {"number": "(510) 555-0103", "kind": "fax", "label": "Fax"}
            ],
            "hours": "Weekdays", "languages": ["English", "Tagalog"],
            "area": "Somewhere", "address": "1 Main Street",
            "url": "https://example.org/shelter", "email": "help@example.org",
            "tags": ["shelter"]
        }
    ]);
    prov(&mut services[0]);
    json!({
        "schema_version": 1,
        "directory": {
            "id": "rich", "name": "Rich Directory", "organization": "An organisation",
            "region": "A county", "country": "US", "emergency_number": "911",
            "safety_line": "In an emergency, call 911.", "need_help": "Need help?",
            "retrieved": "2026-01-15",
            "sources": [
                {"id": "src-a", "title": "A source", "publisher": "A publisher",
                 "url": "https://example.org/source", "file": "data/sources/a.txt",
                 "note": "A note.", "retrieved": "2026-01-15"},
                {"id": "src-b", "title": "Another source", "retrieved": "2026-01-15"}
            ]
        },
        "hotlines": hotlines,
        "program": program,
        "facts": facts,
        "roles": roles,
        "events": events,
        "services": services
    })
}

/// Keys whose string values are validated (ids, references, numbers, dates, codes) and
/// are left alone; every other string is free text.
const VALIDATED: &[&str] = &[
    "id",
    "phone",
    "extension",
    "tty",
    "number",
    "kind",
    "retrieved",
    "verified",
    "date",
    "source",
    "hotlines",
    "country",
    "emergency_number",
];

/// Replaces every free-text string of `v` with the next string from `next`. `url` and
/// `email` get a well-formed address with the hostile text inside it.
fn fill(v: &mut Value, next: &mut dyn FnMut() -> String) {
    let Value::Object(map) = v else {
        if let Value::Array(items) = v {
            for item in items {
                fill(item, next);
            }
        }
        return;
    };
    // In a hotline, "text" is a phone number.
    let is_hotline = map.contains_key("phone");
    for (key, value) in map.iter_mut() {
        if VALIDATED.contains(&key.as_str()) || (is_hotline && key == "text") {
            continue;
        }
        match value {
            Value::String(s) => {
                let hostile = next();
                *s = match key.as_str() {
                    "url" => format!("https://example.org/{}", no_space(&hostile, false)),
                    "email" => format!("a{}@example.org", no_space(&hostile, true)),
                    _ => hostile,
                };
            }
            Value::Array(items) if items.iter().all(Value::is_string) => {
                for item in items {
                    *item = Value::String(next());
                }
            }
            other => fill(other, next),
        }
    }
}

fn no_space(s: &str, no_at: bool) -> String {
    s.chars()
        .filter(|c| !(c.is_whitespace() || (no_at && *c == '@')))
        .collect()
}

fn count_free_text(v: &Value) -> usize {
    let mut n = 0;
    let mut clone = v.clone();
    fill(&mut clone, &mut || {
        n += 1;
        String::new()
    });
    n
}

// ---------------------------------------------------------------------------------------
// Hostile strings
// ---------------------------------------------------------------------------------------

fn one_char(c: char) -> String {
    c.to_string()
}

/// One piece of a hostile string.
fn piece() -> impl Strategy<Value = String> {
    let csi = (
        prop::sample::select(vec![
            "", "2", "21", "3", "?1049", "?25", "31;1", "8;1;1", "6",
        ]),
        prop::sample::select(vec!['t', 'J', 'H', 'm', 'h', 'l', 'n', 'c', 'q', 'r', 'S']),
    )
        .prop_map(|(p, f)| format!("\u{1b}[{p}{f}"));
    let osc = (
        prop::sample::select(vec!["0", "2", "8;;", "52;c", "52;p", "4;1", "1337", "777"]),
        "[A-Za-z0-9+/=:.;]{0,16}",
        prop::sample::select(vec!["\u{7}", "\u{1b}\\", "\u{9c}", ""]),
    )
        .prop_map(|(n, body, st)| format!("\u{1b}]{n};{body}{st}"));
    let fixed = prop::sample::select(vec![
        "\u{1b}]52;c;aGVsbG8=\u{7}",
        "\u{1b}]52;c;?\u{7}",
        "\u{1b}]8;;https://evil.example/\u{7}link\u{1b}]8;;\u{7}",
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}]2;pwned\u{1b}\\",
        "\u{1b}[21t",
        "\u{1b}[2J\u{1b}[3J\u{1b}[H",
        "\u{1b}P+q544e\u{1b}\\",
        "\u{1b}_apc\u{1b}\\",
        "\u{1b}c",
        "\u{1b}7\u{1b}8",
        "\u{9b}31m",
        "\u{9d}0;pwned\u{9c}",
        "\u{90}dcs\u{9c}",
        "\r\n",
        "\t",
        "\u{7}",
        "\u{7f}",
        "\u{1b}",
        "e\u{301}\u{301}\u{301}",
        "👩\u{200d}👩\u{200d}👧",
        "🇺🇸",
        "\u{2764}\u{fe0f}",
        "1\u{20e3}",
    ])
    .prop_map(str::to_owned);
    let control =
        prop_oneof![0u32..0x20, 0x7fu32..0xa0].prop_map(|u| one_char(char::from_u32(u).unwrap()));
    let bidi = prop::sample::select(vec![
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
    ])
    .prop_map(one_char);
    let zero_width = prop::sample::select(vec![
        '\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}', '\u{2060}', '\u{2063}', '\u{2028}',
        '\u{2029}', '\u{ad}', '\u{180e}',
    ])
    .prop_map(one_char);
    let combining = (0x300u32..0x370).prop_map(|u| one_char(char::from_u32(u).unwrap()));
    let wide = prop::sample::select(vec![
        "電",
        "話",
        "📞",
        "🚨",
        "한국어",
        "ｗｉｄｅ",
        "الخط الساخن",
        "שורה",
        "911",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        6 => "[A-Za-z0-9 .,:;'()/-]{1,12}",
        2 => csi,
        2 => osc,
        3 => fixed,
        2 => control,
        2 => bidi,
        2 => zero_width,
        1 => combining,
        2 => wide,
        1 => any::<char>().prop_map(one_char),
    ]
}

/// A hostile string: pieces around one plain word, so that required text is never
/// cleaned down to nothing.
fn hostile() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(piece(), 0..10),
        "[A-Za-z]{1,8}",
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut pieces, word, at)| {
            let at = at.index(pieces.len() + 1);
            pieces.insert(at, word);
            pieces.concat()
        })
}

// ---------------------------------------------------------------------------------------
// Every screen
// ---------------------------------------------------------------------------------------

fn press(app: &mut App, code: KeyCode) {
    app.handle_event_sync(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn new_app(dir: &Arc<Directory>, index: &Arc<SearchIndex>, w: u16, h: u16) -> App {
    let mut app = App::new(
        Arc::clone(dir),
        Arc::clone(index),
        Theme::new(ThemeName::Default, false),
    );
    app.update(Action::Resize(w, h));
    app
}

/// Renders every screen of a directory at each size, checking the output of each.
/// Returns the number of renders.
fn render_every_screen(
    dir: &Arc<Directory>,
    index: &Arc<SearchIndex>,
    paste: &str,
    sizes: &[(u16, u16)],
) -> Result<usize, String> {
    let mut renders = 0usize;
    for &(w, h) in sizes {
        let mut check = |app: &App, what: &str| -> Result<(), String> {
            let (bytes, buffer) = render_crossterm(app, w, h);
            renders += 1;
            let fail =
                |e: String| format!("{what} at {w}x{h}: {e}\nscreen:\n{}", screen_text(&buffer));
            check_terminal_output(&bytes).map_err(fail)?;
            check_cells(&buffer).map_err(fail)?;
            Ok(())
        };

        // Home.
        let mut app = new_app(dir, index, w, h);
        check(&app, "home")?;
        let too_small = heatwatch::tui::app::layout::screen(&app).too_small;

        // Each section with each pane focused; every item's detail, at the top, the
        // middle and the end (and every line of it checked, shown or not). (On the too-small screen they all look the same.)
        for section in 0..app.sections.len() {
            if too_small {
                break;
            }
            let s = app.sections[section];
            let count = app.item_count(s);
            for focus in [Pane::Sections, Pane::Items, Pane::Detail] {
                let mut items: Vec<usize> = match focus {
                    Pane::Sections => vec![0],
                    Pane::Items => vec![0, count.saturating_sub(1)],
                    Pane::Detail => (0..count.max(1)).collect(),
                };
                items.dedup();
                for item in items {
                    app.nav = Nav {
                        section,
                        item,
                        focus,
                        scroll: 0,
                    };
                    app.update(Action::Resize(w, h));
                    let what = format!("section {section} ({s:?}) item {item} {focus:?}");
                    check(&app, &what)?;
                    if focus == Pane::Detail {
                        // A frame tells the state how far the detail scrolls.
                        crate::common::frame(&mut app);
                        // Every line of the detail, whether or not it is scrolled into view.
                        let width = heatwatch::tui::app::layout::detail_size(&app).0;
                        for line in heatwatch::tui::view::detail::lines(&app, width) {
                            for span in &line.spans {
                                if let Some(c) = span
                                    .content
                                    .chars()
                                    .find(|&c| never_on_screen(c) || c == '\u{1b}')
                                {
                                    return Err(format!(
                                        "{what}: detail line holds {c:?}: {line:?}"
                                    ));
                                }
                            }
                        }
                        let max = app.max_scroll();
                        if max > 1 {
                            app.nav.scroll = max / 2;
                            check(&app, &format!("{what} scroll {}", max / 2))?;
                        }
                        if max > 0 {
                            app.nav.scroll = max;
                            check(&app, &format!("{what} scroll end"))?;
                        }
                    }
                }
            }
        }

        // Search: digits that match the numbers, then a word of the first hotline's name,
        // each result selected in turn (the wide layout previews it), then the hostile
        // string pasted.
        let mut app = new_app(dir, index, w, h);
        press(&mut app, KeyCode::Char('/'));
        check(&app, "search, empty")?;
        let word: String = dir
            .hotlines
            .first()
            .map(|h| {
                h.name
                    .chars()
                    .skip_while(|c| !c.is_alphanumeric())
                    .take_while(|c| c.is_alphanumeric())
                    .take(6)
                    .collect()
            })
            .unwrap_or_default();
        for query in ["555", word.as_str()] {
            app.handle_event_sync(&Event::Key(KeyEvent::new(
                KeyCode::Char('u'),
                KeyModifiers::CONTROL,
            )));
            type_str(&mut app, query);
            let hits = app.search.as_ref().map_or(0, |s| s.results.hits.len());
            if query == "555" && hits == 0 {
                return Err(format!("no results for {query:?} at {w}x{h}"));
            }
            for i in 0..hits.clamp(1, 4) {
                check(&app, &format!("search {query:?} result {i}"))?;
                press(&mut app, KeyCode::Down);
            }
        }
        app.handle_event_sync(&Event::Key(KeyEvent::new(
            KeyCode::Char('u'),
            KeyModifiers::CONTROL,
        )));
        app.handle_event_sync(&Event::Paste(paste.to_owned()));
        check(&app, "search, hostile paste")?;
        type_str(&mut app, paste);
        check(&app, "search, hostile typing")?;
        // Ctrl-T narrows to the role search was opened from.
        let mut app = new_app(dir, index, w, h);
        press(&mut app, KeyCode::Char('2'));
        press(&mut app, KeyCode::Char('/'));
        app.handle_event_sync(&Event::Key(KeyEvent::new(
            KeyCode::Char('t'),
            KeyModifiers::CONTROL,
        )));
        type_str(&mut app, "5");
        check(&app, "search, role scope")?;

        // Help overlay, scrolled.
        let mut app = new_app(dir, index, w, h);
        press(&mut app, KeyCode::Char('?'));
        for page in 0..2 {
            check(&app, &format!("help page {page}"))?;
            press(&mut app, KeyCode::PageDown);
        }
    }
    Ok(renders)
}

fn load_value(v: &Value) -> Result<(Arc<Directory>, Arc<SearchIndex>), String> {
    let bytes = serde_json::to_vec(v).unwrap();
    let dir = load::from_bytes(&bytes).map_err(|e| format!("does not load: {e}"))?;
    let index = SearchIndex::build(&dir);
    Ok((Arc::new(dir), Arc::new(index)))
}

fn config() -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/regressions/hostile_render.proptest-regressions",
        ))),
        ..Config::default()
    }
}

#[test]
fn hostile_text_in_every_field_never_reaches_the_terminal() {
    let skeleton = rich_skeleton();
    let fields = count_free_text(&skeleton);
    assert!(fields > 60, "{fields} free-text fields");
    // The skeleton itself loads and has every kind of section.
    let (dir, index) = load_value(&skeleton).unwrap();
    let app = new_app(&dir, &index, 80, 24);
    assert_eq!(app.sections.len(), 7, "{:?}", app.sections);
    assert_eq!(dir.pinned().count(), 2);

    let config = config();
    let cases = config.cases;
    let renders = AtomicUsize::new(0);
    let mut runner = TestRunner::new(config);
    // Each case renders at one size: one of the fixed sizes, or any size from the
    // smallest usable width up to three panes.
    let size = prop_oneof![
        3 => prop::sample::select(SIZES.to_vec()),
        1 => (10u16..=130, 3u16..=45),
    ];
    let strategy = (prop::collection::vec(hostile(), fields), hostile(), size);
    let result = runner.run(&strategy, |(strings, paste, size)| {
        let mut v = skeleton.clone();
        let mut next = strings.iter().cycle().cloned();
        fill(&mut v, &mut || next.next().unwrap_or_default());
        let (dir, index) = load_value(&v).map_err(TestCaseError::fail)?;
        let n = render_every_screen(&dir, &index, &paste, &[size]).map_err(TestCaseError::fail)?;
        renders.fetch_add(n, Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "hostile_render: {cases} directories, {fields} hostile fields each, {} screens rendered and checked",
        renders.load(Ordering::Relaxed)
    );
}

/// The fixture with a hostile string in every field, rendered on every screen.
#[test]
fn the_hostile_fixture_never_reaches_the_terminal() {
    let raw = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile.json"
    ))
    .unwrap();
    let dir = load::from_bytes(&raw).unwrap();
    let index = SearchIndex::build(&dir);
    let renders = render_every_screen(
        &Arc::new(dir),
        &Arc::new(index),
        "\u{1b}]52;c;aGk=\u{7}x",
        &SIZES,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(renders > 100, "{renders}");
}

/// The checker itself: it must reject what it is there to catch.
#[test]
fn the_output_checker_catches_escapes() {
    assert!(check_terminal_output(b"\x1b[1;1Hplain \xe2\x80\x94 text\x1b[0m\x1b[?25l").is_ok());
    for bad in [
        &b"\x1b]52;c;aGk=\x07"[..],
        b"\x1b]0;x\x07",
        b"\x1b[21t",
        b"a\x07b",
        b"\x1b[?1049h",
        b"\x1bc",
        b"\xc2\x9b31m",
        b"x\xe2\x80\xaey",
        b"x\xe2\x80\x8by",
        b"x\xef\xbb\xbfy",
        b"\x7f",
        b"\xff",
        b"\x1b[12",
    ] {
        assert!(check_terminal_output(bad).is_err(), "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Wide text next to numbers
// ---------------------------------------------------------------------------------------

fn wide_directory() -> Value {
    let mut v = rich_skeleton();
    v["hotlines"][0]["name"] = json!("📞 National Hotline 全国热线 الخط الوطني");
    v["hotlines"][0]["short_name"] = json!("📞 全国 الوطني");
    v["hotlines"][1]["name"] = json!("קו טיפים 👩‍👩‍👧 Tip Line 電話");
    v["hotlines"][1]["short_name"] = json!("טיפים 電話");
    v["hotlines"][2]["name"] = json!("🚨 緊急 طوارئ");
    v["roles"][0]["name"] = json!("地域 Community مجتمع");
    v["roles"][0]["actions"][0]["title"] = json!("通報 Report 📞 أبلغ 1(888) 373-7888");
    v["roles"][0]["actions"][1]["title"] = json!("דווח 🚨 911 電話");
    v["roles"][1]["name"] = json!("警察 שוטרים");
    v["services"][0]["name"] = json!("シェルター ملجأ 🏠");
    v
}

/// The text of a row, one cell per column: a number found here occupies consecutive
/// cells, so no digit is overwritten or shifted by the wide characters around it.
fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| row_text(buf, y)).collect()
}

#[test]
fn wide_and_right_to_left_text_next_to_numbers() {
    let (dir, index) = load_value(&wide_directory()).unwrap();
    let numbers: Vec<String> = dir.hotlines.iter().map(|h| h.phone.display()).collect();
    let pinned: Vec<String> = dir.pinned().map(|h| h.phone.display()).collect();
    let emergency = dir.meta.emergency.display();
    for (w, h) in [(80, 24), (50, 20)] {
        let screens: [(&str, &[KeyCode]); 5] = [
            ("home", &[]),
            ("hotlines", &[KeyCode::Enter]),
            ("hotline_detail", &[KeyCode::Enter, KeyCode::Enter]),
            ("role", &[KeyCode::Char('1')]),
            ("action_detail", &[KeyCode::Char('1'), KeyCode::Enter]),
        ];
        for (name, keys) in screens {
            let mut app = new_app(&dir, &index, w, h);
            for k in keys {
                press(&mut app, *k);
            }
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal
                .draw(|f| {
                    heatwatch::tui::view::render(&app, f);
                })
                .unwrap();
            insta::assert_snapshot!(format!("wide_text_{name}_{w}x{h}"), terminal.backend());
            let buf = terminal.backend().buffer();
            let rows = rows(buf);
            let text = rows.join("\n");
            // The bar: the emergency number and every pinned number, whole.
            let bar = heatwatch::tui::app::layout::screen(&app).bar;
            let bar_rows = &rows[usize::from(bar.y)..usize::from(bar.y + bar.height)];
            for n in pinned.iter().chain([&emergency]) {
                assert!(
                    bar_rows.iter().any(|r| r.contains(n.as_str())),
                    "{name} {w}x{h}: {n} not whole in the bar:\n{text}"
                );
            }
            match name {
                "hotlines" => {
                    for n in &numbers {
                        assert!(
                            rows.iter()
                                .skip(usize::from(bar.y + bar.height))
                                .any(|r| r.contains(n.as_str())),
                            "{name} {w}x{h}: {n} not whole in the list:\n{text}"
                        );
                    }
                }
                "hotline_detail" => {
                    assert!(
                        rows.iter()
                            .skip(usize::from(bar.y + bar.height))
                            .any(|r| r.contains(numbers[0].as_str())),
                        "{name} {w}x{h}: {} not whole in the detail:\n{text}",
                        numbers[0]
                    );
                }
                "action_detail" => {
                    // Who to call: the related hotline's number, whole, after a name of
                    // emoji, Chinese and Arabic.
                    assert!(
                        rows.iter()
                            .skip(usize::from(bar.y + bar.height))
                            .any(|r| r.contains(numbers[0].as_str())),
                        "{name} {w}x{h}: {} not whole in who to call:\n{text}",
                        numbers[0]
                    );
                }
                _ => {}
            }
        }
    }
}

/// Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, and their presentation
/// forms): a terminal that applies the Unicode bidirectional algorithm (VTE, Konsole,
/// mlterm) lays these out right to left.
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1_0800..=0x1_0FFF | 0x1_E800..=0x1_EFFF)
}

/// Where a phone number would be reordered by a bidi terminal: the last strong letter
/// before it on its row is right-to-left, with only neutrals (spaces, punctuation, box
/// drawing, emoji) in between. Digits after Arabic letters become Arabic numbers (UBA rule
/// W2), digits after Hebrew stay European numbers at a raised level (W7, I1); either way
/// the groups of "1(888) 373-7888" are laid out right to left ("7888-373 (888)1" after
/// Arabic, "373-7888 (888)1" after Hebrew).
fn numbers_after_rtl(rows: &[String], numbers: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for row in rows {
        for n in numbers {
            for (at, _) in row.match_indices(n.as_str()) {
                let before = row[..at].chars().rev().find(|c| c.is_alphabetic());
                if before.is_some_and(is_rtl) {
                    out.push(format!("{n:?} after {before:?} in {row:?}"));
                }
            }
        }
    }
    out
}

/// A number shown right after right-to-left text (an Arabic or Hebrew hotline name in
/// the bar, the list or "who to call") is scrambled by terminals that apply the bidi
/// algorithm: after Arabic, "1(888) 373-7888" reads "7888-373 (888)1". The cleaner removes the bidi
/// controls a file could use to do this on purpose, but the layout does it on its own
/// with any right-to-left name: `ui/hotline_bar.rs` writes "name: number", the items
/// list (`ui/mod.rs`, `item_label`) "name number", and `ui/detail.rs`
/// (`hotline_summary`) "name — number". A fix needs a strong left-to-right character
/// (or the number first) between an RTL name and its number; a fix with LRM/LRI marks
/// must also teach `never_on_screen` above to allow them there.
#[test]
fn numbers_after_right_to_left_names_keep_their_order() {
    // Numbers only where the layout puts them: none inside a title of the data.
    let mut v = wide_directory();
    v["roles"][0]["actions"][0]["title"] = json!("通報 Report 📞 أبلغ");
    v["roles"][0]["actions"][1]["title"] = json!("דווח 🚨 電話");
    let (dir, index) = load_value(&v).unwrap();
    let mut numbers: Vec<String> = dir.hotlines.iter().map(|h| h.phone.display()).collect();
    numbers.push(dir.meta.emergency.display());
    let mut found = Vec::new();
    for (w, h) in [(120, 40), (80, 24), (50, 20)] {
        for keys in [
            &[][..],
            &[KeyCode::Enter],
            &[KeyCode::Enter, KeyCode::Enter],
            &[KeyCode::Char('1'), KeyCode::Enter],
        ] {
            let mut app = new_app(&dir, &index, w, h);
            for k in keys {
                press(&mut app, *k);
            }
            let (_, buffer) = render_crossterm(&app, w, h);
            for f in numbers_after_rtl(&rows(&buffer), &numbers) {
                found.push(format!("{w}x{h} {keys:?}: {f}"));
            }
        }
    }
    found.dedup();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The check itself.
#[test]
fn the_bidi_check_finds_numbers_after_rtl_text() {
    let n = ["1(888) 373-7888".to_owned()];
    assert_eq!(
        numbers_after_rtl(&["الوطني: 1(888) 373-7888".to_owned()], &n).len(),
        1
    );
    assert_eq!(
        numbers_after_rtl(&["║ קו … 1(888) 373-7888".to_owned()], &n).len(),
        1
    );
    assert!(numbers_after_rtl(&["الوطني Call: 1(888) 373-7888".to_owned()], &n).is_empty());
    assert!(numbers_after_rtl(&["全国: 1(888) 373-7888 الوطني".to_owned()], &n).is_empty());
}
