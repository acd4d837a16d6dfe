#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Keys and sizes, tested at scale: random streams of terminal events (every key code
//! with every modifier combination and kind, pastes of hostile text, mouse events of
//! every kind anywhere, focus changes, resizes from 0x0 to 300x300) are fed through
//! `App::handle_event_sync`, and after every event the screen is rendered at the current
//! size. Nothing may panic; selection and scroll stay in bounds; the hotline bar is
//! drawn whenever the size allows it.
//!
//! Streams per directory: `PROPTEST_CASES` (proptest's default, 256, when unset; CI sets
//! 64 and `PROPTEST_MAX_SHRINK_ITERS=256`). The full run:
//!
//! ```sh
//! PROPTEST_CASES=10000 cargo test --release --test hostile_keys
//! ```
//!
//! Failing seeds are kept in `tests/fixtures/regressions/hostile_keys.proptest-regressions`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use heatwatch::cli::ThemeName;
use heatwatch::directory::{Directory, load};
use heatwatch::search::SearchIndex;
use heatwatch::tui::action::Action;
use heatwatch::tui::app::App;
use heatwatch::tui::app::layout;
use heatwatch::tui::theme::Theme;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MediaKeyCode,
    ModifierKeyCode, MouseButton, MouseEvent, MouseEventKind,
};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------------------
// Directories
// ---------------------------------------------------------------------------------------

struct Loaded {
    dir: Arc<Directory>,
    index: Arc<SearchIndex>,
}

fn loaded(dir: Directory) -> Loaded {
    let index = SearchIndex::build(&dir);
    Loaded {
        dir: Arc::new(dir),
        index: Arc::new(index),
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

static EMBEDDED: LazyLock<Loaded> = LazyLock::new(|| loaded(load::embedded().unwrap()));
static HOSTILE: LazyLock<Loaded> =
    LazyLock::new(|| loaded(load::from_bytes(&fixture("hostile.json")).unwrap()));

/// A directory with no section at all: only its own description and a source.
static EMPTY: LazyLock<Loaded> = LazyLock::new(|| {
    let mut v: Value = serde_json::from_slice(&fixture("minimal.json")).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("hotlines");
    o.remove("roles");
    loaded(load::from_bytes(&serde_json::to_vec(&v).unwrap()).unwrap())
});

/// A large directory: long lists to page through (more roles than digits, many
/// hotlines, long actions with long details), long names and wide text.
static BIG: LazyLock<Loaded> = LazyLock::new(|| {
    let prov = json!({"source": ["s"], "retrieved": "2026-01-15"});
    let with_prov = |mut v: Value| {
        for (k, x) in prov.as_object().unwrap() {
            v[k] = x.clone();
        }
        v
    };
    let long =
        "A long sentence that wraps many times over in a narrow pane, 電話 📞 and all. ".repeat(12);
    let hotlines: Vec<Value> = (0..30)
        .map(|i| {
            with_prov(json!({
                "id": format!("h{i}"),
                "name": format!("Hotline number {i} with a rather long name 電話 {}", "x".repeat(i)),
                "phone": format!("1(510) 555-{:04}", 100 + i),
                "purpose": long,
                "pinned": i < 2,
                "notes": [long, long],
            }))
        })
        .collect();
    let roles: Vec<Value> = (0..12)
        .map(|r| {
            let actions: Vec<Value> = (0..15)
                .map(|a| {
                    with_prov(json!({
                        "id": format!("r{r}a{a}"),
                        "title": format!("Action {a} of role {r}"),
                        "summary": long,
                        "next_steps": [long, long, long],
                        "hotlines": [format!("h{}", a % 30), "h0"],
                    }))
                })
                .collect();
            with_prov(json!({
                "id": format!("r{r}"),
                "name": format!("Role {r} 役割"),
                "summary": long,
                "actions": actions,
            }))
        })
        .collect();
    let facts: Vec<Value> = (0..30)
        .map(|i| {
            with_prov(json!({"id": format!("f{i}"), "title": format!("Fact {i}"), "text": long}))
        })
        .collect();
    let v = json!({
        "schema_version": 1,
        "directory": {
            "id": "big", "name": "Big Directory", "organization": "Org", "region": "Region",
            "emergency_number": "911", "retrieved": "2026-01-15",
            "sources": [{"id": "s", "title": "Source", "retrieved": "2026-01-15"}]
        },
        "hotlines": hotlines,
        "roles": roles,
        "facts": facts,
        "events": [],
    });
    loaded(load::from_bytes(&serde_json::to_vec(&v).unwrap()).unwrap())
});

// ---------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------

fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z0-9 .,:;'()/-]{1,12}",
        2 => prop::sample::select(vec![
            "\u{1b}]52;c;aGVsbG8=\u{7}",
            "\u{1b}]8;;https://evil.example/\u{7}link\u{1b}]8;;\u{7}",
            "\u{1b}]0;pwned\u{7}",
            "\u{1b}[21t",
            "\u{1b}[2J",
            "\u{9b}31m",
            "\r\n",
            "\t",
            "\u{7}\u{7f}",
            "\u{202e}\u{2066}\u{200b}\u{200d}\u{feff}",
            "e\u{301}\u{302}",
            "電話📞👩\u{200d}👩\u{200d}👧",
            "الخط שורה",
            "1(888) 373-7888",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => prop_oneof![0u32..0x20, 0x7fu32..0xa0]
            .prop_map(|u| String::from(char::from_u32(u).unwrap())),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        // The characters the key table binds, and some that are typed into search.
        8 => prop::sample::select(vec![
            'j', 'k', 'h', 'l', 'q', '?', '/', '1', '2', '3', '4', '5', '6', '7', '8', '9',
            '0', 'x', 'c', 't', 'u', 'L', 'y', 'o', 'J', 'K', ' ', 'a', 'e', 'n',
        ]),
        2 => any::<char>(),
        1 => prop_oneof![0u32..0x20, 0x7fu32..0xa0].prop_map(|u| char::from_u32(u).unwrap()),
        1 => prop::sample::select(vec![
            '\u{202e}', '\u{200b}', '\u{feff}', '\u{301}', '電', '📞', '\u{ad}', '\u{2028}',
        ]),
    ]
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    use KeyCode as K;
    prop_oneof![
        10 => any_char().prop_map(K::Char),
        // The named keys the key table binds,
        10 => prop::sample::select(vec![
            K::Backspace, K::Enter, K::Left, K::Right, K::Up, K::Down, K::Home, K::End,
            K::PageUp, K::PageDown, K::Tab, K::BackTab, K::Esc,
        ]),
        // and the others.
        2 => prop::sample::select(vec![
            K::Delete, K::Insert, K::Null, K::CapsLock, K::ScrollLock, K::NumLock,
            K::PrintScreen, K::Pause, K::Menu, K::KeypadBegin,
        ]),
        1 => (1u8..=24).prop_map(K::F),
        1 => prop::sample::select(vec![
            MediaKeyCode::Play, MediaKeyCode::Pause, MediaKeyCode::PlayPause,
            MediaKeyCode::Reverse, MediaKeyCode::Stop, MediaKeyCode::FastForward,
            MediaKeyCode::Rewind, MediaKeyCode::TrackNext, MediaKeyCode::TrackPrevious,
            MediaKeyCode::Record, MediaKeyCode::LowerVolume, MediaKeyCode::RaiseVolume,
            MediaKeyCode::MuteVolume,
        ])
        .prop_map(K::Media),
        1 => prop::sample::select(vec![
            ModifierKeyCode::LeftShift, ModifierKeyCode::LeftControl, ModifierKeyCode::LeftAlt,
            ModifierKeyCode::LeftSuper, ModifierKeyCode::LeftHyper, ModifierKeyCode::LeftMeta,
            ModifierKeyCode::RightShift, ModifierKeyCode::RightControl,
            ModifierKeyCode::RightAlt, ModifierKeyCode::RightSuper,
            ModifierKeyCode::RightHyper, ModifierKeyCode::RightMeta,
            ModifierKeyCode::IsoLevel3Shift, ModifierKeyCode::IsoLevel5Shift,
        ])
        .prop_map(K::Modifier),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        10 => Just(KeyModifiers::NONE),
        2 => prop::sample::select(vec![
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ]),
        // Every combination of the six modifier bits, and the unused bits too.
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_retain),
    ]
}

fn key_event() -> impl Strategy<Value = KeyEvent> {
    (
        key_code(),
        modifiers(),
        prop_oneof![
            8 => Just(KeyEventKind::Press),
            1 => Just(KeyEventKind::Repeat),
            1 => Just(KeyEventKind::Release),
        ],
        any::<u8>().prop_map(KeyEventState::from_bits_retain),
    )
        .prop_map(|(code, modifiers, kind, state)| KeyEvent {
            code,
            modifiers,
            kind,
            state,
        })
}

fn coordinate() -> impl Strategy<Value = u16> {
    prop_oneof![
        1 => Just(0u16),
        1 => Just(u16::MAX),
        6 => 0u16..300,
        1 => any::<u16>(),
    ]
}

fn mouse_event() -> impl Strategy<Value = MouseEvent> {
    let button = prop::sample::select(vec![
        MouseButton::Left,
        MouseButton::Right,
        MouseButton::Middle,
    ]);
    let kind = prop_oneof![
        3 => button.clone().prop_map(MouseEventKind::Down),
        1 => button.clone().prop_map(MouseEventKind::Up),
        1 => button.prop_map(MouseEventKind::Drag),
        1 => prop::sample::select(vec![
            MouseEventKind::Moved,
            MouseEventKind::ScrollLeft,
            MouseEventKind::ScrollRight,
        ]),
        3 => prop::sample::select(vec![MouseEventKind::ScrollUp, MouseEventKind::ScrollDown]),
    ];
    (kind, coordinate(), coordinate(), modifiers()).prop_map(|(kind, column, row, modifiers)| {
        MouseEvent {
            kind,
            column,
            row,
            modifiers,
        }
    })
}

/// A terminal dimension: anything from 0 to 300, with the layout's thresholds often.
fn dimension() -> impl Strategy<Value = u16> {
    prop_oneof![
        1 => 0u16..=300,
        5 => prop::sample::select(vec![
            0u16, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 19, 20, 21, 24, 30, 40, 59, 60, 61, 80, 99,
            100, 101, 120,
        ]),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        16 => key_event().prop_map(Event::Key),
        3 => mouse_event().prop_map(Event::Mouse),
        1 => hostile_text().prop_map(Event::Paste),
        1 => prop::sample::select(vec![Event::FocusGained, Event::FocusLost]),
        2 => (dimension(), dimension()).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

fn stream() -> impl Strategy<Value = ((u16, u16), Vec<Event>)> {
    (
        (dimension(), dimension()),
        prop::collection::vec(event(), 0..=200),
    )
}

// ---------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// The screen as text (`TestBackend`'s `Display` panics on a zero-width buffer).
fn screen(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| format!("{:?}\n", row_text(buf, y)))
        .collect()
}

/// Checks the state and the screen after an event.
fn check(app: &App, buf: &Buffer) -> Result<(), String> {
    let nav = app.nav;
    if app.sections.is_empty() {
        if nav.section != 0 || nav.item != 0 {
            return Err(format!("no sections, yet {nav:?}"));
        }
    } else if nav.section >= app.sections.len() {
        return Err(format!(
            "section {} of {} sections",
            nav.section,
            app.sections.len()
        ));
    }
    let count = app.section().map_or(0, |s| app.item_count(s));
    if nav.item >= count.max(1) {
        return Err(format!("item {} of {count}", nav.item));
    }
    let max = app.max_scroll();
    if nav.scroll > max {
        return Err(format!("scroll {} beyond {max}", nav.scroll));
    }
    if let Some(s) = &app.search {
        if s.selected >= s.results.hits.len().max(1) {
            return Err(format!(
                "search result {} of {}",
                s.selected,
                s.results.hits.len()
            ));
        }
        // A tab typed as a character was once let in; see
        // `regression_tab_typed_into_search_stays_out_of_the_query` below.
        if s.query.chars().any(char::is_control) {
            return Err(format!("a control character in the query {:?}", s.query));
        }
    }

    // The screen.
    let (w, h) = app.size;
    if buf.area.width != w || buf.area.height != h {
        return Err(format!("rendered {:?} for size {w}x{h}", buf.area));
    }
    let emergency = app.dir.meta.emergency.display();
    let screen = layout::screen(app);
    if screen.too_small {
        // The too-small screen still shows the emergency number when it fits.
        if h >= 1 && usize::from(w) >= emergency.width() && !row_text(buf, 0).contains(&emergency) {
            return Err(format!(
                "too small at {w}x{h} without the emergency number: {:?}",
                row_text(buf, 0)
            ));
        }
        return Ok(());
    }
    let bar: Vec<String> = (screen.bar.y..screen.bar.y + screen.bar.height)
        .map(|y| row_text(buf, y))
        .collect();
    let numbers = std::iter::once(emergency).chain(app.dir.pinned().map(|h| h.phone.display()));
    for number in numbers {
        if number.width() <= usize::from(w) && !bar.iter().any(|r| r.contains(&number)) {
            return Err(format!(
                "{number} not whole in the hotline bar at {w}x{h}: {bar:#?}"
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------

fn config() -> Config {
    Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/regressions/hostile_keys.proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// Runs one stream: every event handled, then rendered at the current size and checked.
/// Returns the number of renders.
fn run_stream(d: &Loaded, size: (u16, u16), events: &[Event]) -> Result<usize, String> {
    let mut app = App::new(
        Arc::clone(&d.dir),
        Arc::clone(&d.index),
        Theme::new(ThemeName::Default, false),
    );
    app.update(Action::Resize(size.0, size.1));
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let mut renders = 0;
    let mut rendered = false;
    for (i, ev) in events.iter().enumerate() {
        // An event the key table maps to nothing leaves the state as it was (so the
        // screen too): it is handled, and the screen is not drawn again.
        let acts = heatwatch::tui::keymap::action_for_event(app.context(), ev).is_some();
        // Quit and quick exit are for the event loop: the state carries on.
        let _ = app.handle_event_sync(ev);
        if rendered && !acts {
            continue;
        }
        let (w, h) = app.size;
        if terminal.backend().buffer().area.as_size() != (w, h).into() {
            terminal.backend_mut().resize(w, h);
        }
        let mut drawn = heatwatch::tui::app::layout::Drawn::default();
        terminal
            .draw(|f| drawn = heatwatch::tui::view::render(&app, f))
            .map_err(|e| format!("draw: {e}"))?;
        // As the event loop does: the frame says how far the detail scrolls.
        app.drawn(drawn);
        rendered = true;
        renders += 1;
        check(&app, terminal.backend().buffer()).map_err(|e| {
            format!(
                "after event {i} ({ev:?}): {e}\nscreen:\n{}",
                screen(terminal.backend().buffer())
            )
        })?;
    }
    Ok(renders)
}

/// The directories a stream runs on, by weight.
fn directories() -> Vec<(&'static str, &'static LazyLock<Loaded>, u32)> {
    vec![
        ("embedded", &EMBEDDED, 4),
        ("hostile", &HOSTILE, 3),
        ("big", &BIG, 2),
        ("empty", &EMPTY, 1),
    ]
}

/// `PROPTEST_CASES` streams, each on one of the directories, each event rendered.
#[test]
fn any_input_any_size_any_directory() {
    assert!(EMPTY.dir.hotlines.is_empty() && EMPTY.dir.roles.is_empty());
    assert!(BIG.dir.roles.len() > 9);
    let dirs = directories();
    let total: u32 = dirs.iter().map(|d| d.2).sum();
    let pick = (0..total).prop_map(move |mut r| {
        let mut i = 0;
        for (k, d) in directories().iter().enumerate() {
            if r < d.2 {
                i = k;
                break;
            }
            r -= d.2;
        }
        i
    });
    let config = config();
    let cases = config.cases;
    let streams: Vec<AtomicUsize> = dirs.iter().map(|_| AtomicUsize::new(0)).collect();
    let events = AtomicUsize::new(0);
    let renders = AtomicUsize::new(0);
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(config);
    let result = runner.run(&(pick, stream()), |(d, (size, stream))| {
        let (name, loaded, _) = dirs[d];
        let n = run_stream(loaded, size, &stream)
            .map_err(|e| TestCaseError::fail(format!("{name} directory: {e}")))?;
        streams[d].fetch_add(1, Ordering::Relaxed);
        events.fetch_add(stream.len(), Ordering::Relaxed);
        renders.fetch_add(n, Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let per: Vec<String> = dirs
        .iter()
        .zip(&streams)
        .map(|(d, n)| format!("{} {}", d.0, n.load(Ordering::Relaxed)))
        .collect();
    eprintln!(
        "hostile_keys: {cases} streams ({}), {} events handled, {} screens rendered and checked, in {:.1?}",
        per.join(", "),
        events.load(Ordering::Relaxed),
        renders.load(Ordering::Relaxed),
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------
// Regressions: failing inputs found by the property, kept as literal tests
// ---------------------------------------------------------------------------------------

fn press(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Found by the property (first at 0x0; the size does not matter), now fixed. A tab
/// delivered as `Char('\t')` was typed into the query: `sanitize::is_forbidden` lets tabs
/// through (the cleaner expands them), and the `Action::Type` arm of `App::update_search`
/// only checked `is_forbidden`. The search then ran "tip", "xq" while the box showed
/// "tipxq" (ratatui drops the tab when drawing), with the cursor two cells past the text.
#[test]
fn regression_tab_typed_into_search_stays_out_of_the_query() {
    let new = |w, h| {
        let mut app = App::new(
            Arc::clone(&EMBEDDED.dir),
            Arc::clone(&EMBEDDED.index),
            Theme::new(ThemeName::Default, false),
        );
        app.update(Action::Resize(w, h));
        app
    };
    let mut app = new(80, 12);
    for c in ['/', 't', 'i', 'p', '\t', '\t', 'x', 'q'] {
        app.handle_event_sync(&press(KeyCode::Char(c)));
    }
    let query = &app.search.as_ref().unwrap().query;
    assert!(!query.contains('\t'), "{query:?}");
    // The shortest stream that found it.
    let mut app = new(0, 0);
    app.handle_event_sync(&press(KeyCode::Char('/')));
    app.handle_event_sync(&press(KeyCode::Char('\t')));
    let query = &app.search.as_ref().unwrap().query;
    assert!(!query.chars().any(char::is_control), "{query:?}");
}

/// Four pinned hotlines (the format allows any number: "pinned — always shown in the
/// hotline bar") at the narrowest widths need more bar lines than the bar's three. Once,
/// the last pinned numbers were dropped while the screen was not "too small"; now every
/// pinned number is on screen, at every size that is not the too-small screen, both
/// after the stream's own checks and as asserted here.
#[test]
fn regression_every_pinned_hotline_stays_in_the_bar() {
    let mut v: Value = serde_json::from_slice(&fixture("minimal.json")).unwrap();
    let line = v["hotlines"][0].clone();
    let mut hotlines = Vec::new();
    for i in 0..4 {
        let mut h = line.clone();
        h["id"] = json!(format!("line-{i}"));
        h["name"] = json!(format!("Pinned line {i}"));
        h["phone"] = json!(format!("(510) 555-010{i}"));
        h["pinned"] = json!(true);
        hotlines.push(h);
    }
    v["hotlines"] = json!(hotlines);
    v["roles"][0]["actions"][0]["hotlines"] = json!(["line-0"]);
    let d = loaded(load::from_bytes(&serde_json::to_vec(&v).unwrap()).unwrap());
    for (w, h) in [(20, 10), (30, 12), (40, 12), (120, 40)] {
        run_stream(&d, (w, h), &[Event::FocusGained]).unwrap();
        let mut app = App::new(
            Arc::clone(&d.dir),
            Arc::clone(&d.index),
            Theme::new(ThemeName::Default, false),
        );
        app.update(Action::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| {
                heatwatch::tui::view::render(&app, f);
            })
            .unwrap();
        let text = screen(terminal.backend().buffer());
        for i in 0..4 {
            let number = format!("555-010{i}");
            assert!(
                text.contains(&number),
                "pinned {number} missing at {w}×{h}:\n{text}"
            );
        }
    }
}
