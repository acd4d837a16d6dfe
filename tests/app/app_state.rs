//! Key sequences on the pure state: what a person presses, where they end up.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{ctrl, embedded_app, key, press, type_str};
use heatwatch::directory::RecordRef;
use heatwatch::search::Scope;
use heatwatch::tui::app::{Effect, Item, Pane, Section};
use heatwatch::tui::keymap::Context;
use ratatui::crossterm::event::KeyCode;

fn detail_title(app: &heatwatch::tui::app::App) -> String {
    match app.detail_item() {
        Some(Item::Record(r)) => app.dir.path_title(r),
        other => format!("{other:?}"),
    }
}

#[test]
fn four_down_enter_reaches_policy_and_laws() {
    let mut app = embedded_app(120, 40);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(detail_title(&app), "Policy Makers › Policy and Laws");
    assert_eq!(app.nav.focus, Pane::Detail);
}

#[test]
fn esc_walks_back_one_level_at_a_time() {
    let mut app = embedded_app(120, 40);
    for k in [
        KeyCode::Char('2'),
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Enter,
    ] {
        press(&mut app, k);
    }
    assert_eq!(detail_title(&app), "Law Enforcement › Protocol");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.nav.focus, Pane::Items);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.nav.focus, Pane::Sections);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.nav.focus, Pane::Sections);
    // Where the person was is kept.
    assert_eq!(app.section(), Some(Section::Role(1)));
}

#[test]
fn sections_come_from_the_data() {
    let app = embedded_app(120, 40);
    let names: Vec<String> = app.sections.iter().map(|s| app.section_name(*s)).collect();
    assert_eq!(
        names,
        [
            "Get help now",
            "Community Member",
            "Law Enforcement",
            "Service Provider",
            "Policy Makers",
            "About",
            "Facts",
            "Events"
        ]
    );
}

#[test]
fn empty_events_show_the_page_sentence() {
    let mut app = embedded_app(120, 40);
    press(&mut app, KeyCode::End);
    assert_eq!(app.section(), Some(Section::Events));
    // A message, not a row: nothing to select, in the list or the detail.
    assert_eq!(app.item_count(Section::Events), 0);
    assert_eq!(app.detail_item(), None);
    assert_eq!(app.empty_message(Section::Events), Some(app.msg.no_events));
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("No upcoming events at this time."));
    // Moving into the empty list selects nothing and keeps the message.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.detail_item(), None);
    assert!(common::screen_text(&app, 120, 40).contains("No upcoming events at this time."));
}

#[test]
fn selection_never_leaves_bounds() {
    let mut app = embedded_app(80, 24);
    let keys = [
        KeyCode::Up,
        KeyCode::PageUp,
        KeyCode::Home,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::End,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Left,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('9'),
        KeyCode::Char('1'),
        KeyCode::F(5),
    ];
    for round in 0..200usize {
        let k = keys[(round * 7 + round / 3) % keys.len()];
        press(&mut app, k);
        assert!(app.nav.section < app.sections.len());
        let n = app.item_count(app.section().unwrap());
        assert!(app.nav.item < n.max(1), "item {} of {n}", app.nav.item);
        assert!(app.nav.scroll <= app.max_scroll());
    }
}

#[test]
fn detail_scrolls_and_stops_at_the_end() {
    let mut app = embedded_app(40, 12);
    // One pane at this width: Enter twice opens the national hotline's detail.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.nav.focus, Pane::Detail);
    let max = app.max_scroll();
    assert!(max > 0, "the hotline's detail is longer than 12 rows");
    for _ in 0..500 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.nav.scroll, max);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.nav.scroll, 0);
}

#[test]
fn digits_past_the_last_role_do_nothing() {
    let mut app = embedded_app(120, 40);
    let before = app.nav;
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(app.nav, before);
}

#[test]
fn q_quits_and_ctrl_x_quick_exits() {
    let mut app = embedded_app(80, 24);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Some(Effect::Quit));
    assert_eq!(app.handle_event_sync(&ctrl('x')), Some(Effect::QuickExit));
    assert_eq!(app.handle_event_sync(&ctrl('c')), Some(Effect::Quit));
}

#[test]
fn help_opens_and_closes() {
    let mut app = embedded_app(80, 24);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.context(), Context::Help);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Browse);
}

#[test]
fn search_types_finds_and_jumps_into_the_role() {
    let mut app = embedded_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.context(), Context::Search);
    type_str(&mut app, "police training");
    let s = app.search.as_ref().unwrap();
    assert_eq!(s.query, "police training", "letters are typed, not bound");
    let first = s.results.hits[0].record;
    assert_eq!(app.dir.path_title(first), "Law Enforcement › Training");
    press(&mut app, KeyCode::Enter);
    assert!(app.search.is_none());
    assert_eq!(detail_title(&app), "Law Enforcement › Training");
    assert_eq!(app.nav.focus, Pane::Detail);
}

#[test]
fn esc_closes_search_and_returns_where_the_person_was() {
    let mut app = embedded_app(120, 40);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Down);
    let before = app.nav;
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "911");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Esc);
    assert!(app.search.is_none());
    assert_eq!(app.nav, before);
}

#[test]
fn ctrl_t_toggles_role_scope_only_inside_a_role() {
    let mut app = embedded_app(120, 40);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "training");
    assert_eq!(app.search.as_ref().unwrap().scope, Scope::All);
    app.handle_event_sync(&ctrl('t'));
    let s = app.search.as_ref().unwrap();
    assert_eq!(s.scope, Scope::Role(1));
    assert!(
        s.results
            .hits
            .iter()
            .all(|h| matches!(h.record, RecordRef::Role(1) | RecordRef::Action(1, _)))
    );
    let text = common::screen_text(&app, 120, 40);
    assert!(text.contains("only Law Enforcement"), "{text}");
    app.handle_event_sync(&ctrl('t'));
    assert_eq!(app.search.as_ref().unwrap().scope, Scope::All);

    // Outside a role, Ctrl-T leaves the scope at everything.
    let mut app = embedded_app(120, 40);
    press(&mut app, KeyCode::Char('/'));
    app.handle_event_sync(&ctrl('t'));
    assert_eq!(app.search.as_ref().unwrap().scope, Scope::All);
}

#[test]
fn no_match_says_so_and_gives_the_emergency_number() {
    let mut app = embedded_app(80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "zzqqxx");
    let text = common::screen_text(&app, 80, 24);
    assert!(
        text.contains("No match for “zzqqxx” — in an emergency call 911"),
        "{text}"
    );
    assert!(text.contains("Emergency: 911"));
}

#[test]
fn backspace_and_paste_edit_the_query_and_control_characters_are_dropped() {
    let mut app = embedded_app(80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "tipx");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.search.as_ref().unwrap().query, "tip");
    app.handle_event_sync(&ratatui::crossterm::event::Event::Paste(
        " line\u{1b}[2J\u{7}".to_owned(),
    ));
    let q = &app.search.as_ref().unwrap().query;
    assert!(!q.contains('\u{1b}') && !q.contains('\u{7}'), "{q:?}");
    assert!(q.starts_with("tip line"));
}

#[test]
fn mouse_click_selects_a_section() {
    let mut app = embedded_app(120, 40);
    // Row 0 header, row 1 hotline bar, row 2 the pane's border, row 3 "Get help now".
    let click = ratatui::crossterm::event::Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column: 3,
        row: 5,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    });
    app.handle_event_sync(&click);
    assert_eq!(
        app.section(),
        Some(Section::Role(1)),
        "row 5 is the third section"
    );
    let _ = key(KeyCode::Null);
}

#[test]
fn clicking_the_quick_exit_label_quick_exits() {
    let mut app = embedded_app(120, 40);
    let text = common::screen_text(&app, 120, 40);
    let first = text.lines().next().unwrap();
    let col = first
        .find("Ctrl-X quick exit")
        .map(|b| first[..b].chars().count())
        .unwrap();
    let click = |column: usize| {
        ratatui::crossterm::event::Event::Mouse(ratatui::crossterm::event::MouseEvent {
            kind: ratatui::crossterm::event::MouseEventKind::Down(
                ratatui::crossterm::event::MouseButton::Left,
            ),
            column: u16::try_from(column).unwrap(),
            row: 0,
            modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
        })
    };
    assert_eq!(
        app.handle_event_sync(&click(col + 2)),
        Some(Effect::QuickExit)
    );
    assert_eq!(app.handle_event_sync(&click(2)), None);
}

#[test]
fn y_copies_the_number_and_o_opens_only_web_links() {
    let mut app = embedded_app(120, 40);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        press(&mut app, KeyCode::Char('y')),
        Some(Effect::Copy(
            "National Human Trafficking Hotline: 1(888) 373-7888".to_owned()
        ))
    );
    let text = common::screen_text(&app, 120, 40);
    assert!(
        text.contains("National Human Trafficking Hotline: 1(888) 373-7888 — sent to the terminal's clipboard; it may"),
        "{text}"
    );
    // The embedded data writes the National Hotline's address bare: o opens it as https.
    assert_eq!(
        press(&mut app, KeyCode::Char('o')),
        Some(Effect::Open(
            "https://www.humantraffickinghotline.org".to_owned()
        ))
    );

    let with_url = |url: &str| {
        let mut raw: serde_json::Value =
            serde_json::from_str(heatwatch::directory::load::EMBEDDED_JSON).unwrap();
        raw["hotlines"][0]["url"] = serde_json::Value::from(url);
        let dir = heatwatch::directory::load::from_bytes(raw.to_string().as_bytes()).unwrap();
        let mut app = common::app_for(dir, 120, 40);
        press(&mut app, KeyCode::Enter);
        app
    };
    let mut app = with_url("https://example.org/hotline");
    assert_eq!(
        press(&mut app, KeyCode::Char('o')),
        Some(Effect::Open("https://example.org/hotline".to_owned()))
    );
    let mut app = with_url("HTTP://EXAMPLE.ORG/x");
    assert_eq!(
        press(&mut app, KeyCode::Char('o')),
        Some(Effect::Open("HTTP://EXAMPLE.ORG/x".to_owned()))
    );
    // A hotline without an address: o says so and launches nothing.
    let mut raw: serde_json::Value =
        serde_json::from_str(heatwatch::directory::load::EMBEDDED_JSON).unwrap();
    raw["hotlines"][0].as_object_mut().unwrap().remove("url");
    let dir = heatwatch::directory::load::from_bytes(raw.to_string().as_bytes()).unwrap();
    let mut app = common::app_for(dir, 120, 40);
    press(&mut app, KeyCode::Enter);
    assert_eq!(press(&mut app, KeyCode::Char('o')), None);
    assert!(common::screen_text(&app, 120, 40).contains("No web link to open here."));
}

/// What `o` opens keeps the loader's rule: a file the loader refuses never reaches `o`,
/// and `link()` itself refuses another scheme or user information.
#[test]
fn o_never_opens_another_scheme_or_user_information() {
    for url in [
        "https://www.polaris.org@evil.example/help",
        "javascript:alert(1).x",
        "file:///etc/passwd.txt",
    ] {
        let mut raw: serde_json::Value =
            serde_json::from_str(heatwatch::directory::load::EMBEDDED_JSON).unwrap();
        raw["hotlines"][0]["url"] = serde_json::Value::from(url);
        assert!(
            heatwatch::directory::load::from_bytes(raw.to_string().as_bytes()).is_err(),
            "{url} loaded"
        );
        assert_eq!(heatwatch::directory::web::to_open(url), None, "{url}");
    }
}

/// One 2 MB text field (the review's D14 file): the detail lines built for it are few,
/// bounded by the pane's width, not by the field's length. Before the bound the whole
/// field was wrapped, 2 MB into about 25,000 lines at width 80, on every redraw.
#[test]
fn a_huge_field_builds_a_bounded_number_of_detail_lines() {
    let minimal = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.json"),
    )
    .unwrap();
    // A file with such a field is refused at load (MAX_TEXT_BYTES); the detail pane's
    // bound holds on its own all the same, for a text given in memory.
    let huge = minimal.replace("A line for tests.", &"word ".repeat(400_000));
    assert!(huge.len() > 2_000_000);
    assert!(heatwatch::directory::load::from_bytes(huge.as_bytes()).is_err());
    let mut dir = heatwatch::directory::load::from_bytes(minimal.as_bytes()).unwrap();
    dir.hotlines[0].purpose = "word ".repeat(400_000);
    let purpose = &dir.hotlines[0].purpose;
    assert!(purpose.len() > 1_900_000, "the field is whole");
    let app = common::app_for(dir, 120, 40);
    let item = heatwatch::tui::app::Item::Record(heatwatch::directory::RecordRef::Hotline(0));
    for width in [20u16, 80, 500] {
        let lines = heatwatch::tui::view::detail::item_lines(&app, item, width);
        let bound = heatwatch::tui::view::detail::MAX_PARAGRAPH_LINES + 200;
        assert!(
            lines.len() <= bound,
            "width {width}: {} lines for one field",
            lines.len()
        );
        let chars: usize = lines.iter().map(|l| l.width()).sum();
        assert!(
            chars <= usize::from(width) * bound,
            "width {width}: {chars} columns drawn"
        );
        // The cut is shown, not silent.
        assert!(
            lines.iter().any(|l| l.to_string().ends_with('…')),
            "width {width}"
        );
    }
    // A short field is whole, without the mark.
    let app = common::app_for(
        heatwatch::directory::load::from_bytes(minimal.as_bytes()).unwrap(),
        120,
        40,
    );
    let text: Vec<String> = heatwatch::tui::view::detail::item_lines(&app, item, 80)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(text.iter().any(|l| l.contains("A line for tests.")));
    assert!(!text.iter().any(|l| l.ends_with('…')));
}

#[test]
fn keys_people_bring_from_fzf_and_lazygit() {
    let mut app = common::embedded_app(100, 30);
    // 0 goes to Get help now from anywhere in browsing; its label says so.
    common::press(&mut app, KeyCode::Char('2'));
    assert_ne!(app.section(), Some(Section::Hotlines));
    common::press(&mut app, KeyCode::Char('0'));
    assert_eq!(app.section(), Some(Section::Hotlines));
    assert!(common::screen_text(&app, 100, 30).contains("0 Get help now"));
    // g and G: first and last row.
    common::press(&mut app, KeyCode::Char('G'));
    let last = app.nav.item;
    assert!(last > 0);
    common::press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.nav.item, 0);
    // In the search box: Ctrl-N / Ctrl-J down, Ctrl-P / Ctrl-K up, Ctrl-W a word.
    common::press(&mut app, KeyCode::Char('/'));
    common::type_str(&mut app, "national hotline");
    let selected = |app: &heatwatch::tui::app::App| app.search.as_ref().unwrap().selected;
    assert!(app.search.as_ref().unwrap().results.hits.len() > 2);
    for (c, want) in [('n', 1), ('j', 2), ('p', 1), ('k', 0)] {
        app.handle_event_sync(&common::ctrl(c));
        assert_eq!(selected(&app), want, "Ctrl-{c}");
    }
    app.handle_event_sync(&common::ctrl('w'));
    assert_eq!(app.search.as_ref().unwrap().query, "national ");
    app.handle_event_sync(&common::ctrl('w'));
    assert_eq!(app.search.as_ref().unwrap().query, "");
    // Ctrl-Y sends the selected result to the clipboard, and says only what it knows.
    common::type_str(&mut app, "373 7888");
    let effect = app.handle_event_sync(&common::ctrl('y'));
    match effect {
        Some(Effect::Copy(text)) => assert!(text.contains("1(888) 373-7888"), "{text}"),
        other => panic!("Ctrl-Y gave {other:?}"),
    }
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("may not arrive") && status.contains("1(888) 373-7888"),
        "{status}"
    );
    assert!(!status.to_lowercase().contains("copied"), "{status}");
}

#[test]
fn ctrl_y_sends_nothing_in_kiosk_mode() {
    let mut app = common::embedded_app(100, 30);
    app.kiosk = Some(heatwatch::tui::app::Kiosk::new(
        None,
        std::time::Duration::from_secs(90),
    ));
    common::press(&mut app, KeyCode::Char('/'));
    common::type_str(&mut app, "hotline");
    assert_eq!(app.handle_event_sync(&common::ctrl('y')), None);
}

#[test]
fn the_focused_filter_field_is_always_in_sight() {
    // Issue 17 §13: at 40×12 Tab used to reach fields past the right edge.
    for (w, h) in [(40u16, 12u16), (30, 12), (24, 10), (100, 30)] {
        let mut app = embedded_app(w, h);
        press(&mut app, KeyCode::Char('f'));
        for label in ["Language", "Area", "Phone", "Open now"] {
            let text = common::screen_text(&app, w, h);
            let line = text
                .lines()
                .find(|l| l.contains('[') || l.contains('‹'))
                .unwrap_or_default()
                .to_owned();
            assert!(
                line.contains(label),
                "{w}x{h}: {label:?} not in sight on the filter line {line:?}\n{text}"
            );
            press(&mut app, KeyCode::Tab);
        }
    }
}

#[test]
fn help_puts_the_safety_keys_first_and_shows_that_it_scrolls() {
    // Issue 17 §7: at 100×30 the help used to hide "Ctrl-X quick exit" below the fold.
    let mut app = embedded_app(100, 30);
    press(&mut app, KeyCode::Char('?'));
    let text = common::screen_text(&app, 100, 30);
    // The overlay's own lines: those inside its double border.
    let inside: Vec<&str> = text.lines().filter(|l| l.contains('║')).collect();
    let row = |needle: &str| inside.iter().position(|l| l.contains(needle));
    let help_top = row("Emergency: 911").expect("the emergency number in help");
    let quick_exit = row("Ctrl-X").expect("Ctrl-X in sight");
    let browse_key = row("PgUp PgDn").expect("the browsing keys");
    assert!(help_top < quick_exit && quick_exit < browse_key, "{text}");
    assert!(
        text.contains("↓ more: ↓ or PgDn"),
        "no sign that more follows:\n{text}"
    );
    // At the end, the sign goes.
    for _ in 0..20 {
        press(&mut app, KeyCode::PageDown);
    }
    let text = common::screen_text(&app, 100, 30);
    assert!(!text.contains("↓ more: ↓ or PgDn"), "{text}");
}

/// Issue 16 §7: `y` on a record that is not a hotline or a service copies what
/// `heatwatch show` prints of it (the state no longer draws the detail pane to find
/// its text), in the interface's language.
#[test]
fn copying_a_record_copies_what_show_prints() {
    let app = embedded_app(100, 30);
    let role = RecordRef::Role(0);
    let action = RecordRef::Action(0, 0);
    for r in [role, action] {
        let id = app.dir.id_of(r).unwrap().to_owned();
        let copied = app.copy_text_of(Item::Record(r)).unwrap();
        let shown = common::run_heatwatch(&["--lang", "en", "show", &id], &[("NO_COLOR", "1")]);
        assert_eq!(shown.code, 0, "{}", shown.stderr);
        assert_eq!(copied, shown.stdout.trim(), "{id}");
        assert!(copied.contains(app.dir.title_of(r).unwrap()), "{copied}");
    }
}

/// The footer's last row of text at the app's size.
fn footer_text(app: &heatwatch::tui::app::App) -> String {
    screen_text(app)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

/// Issue 17 §7: footer hints are whole or absent, never cut ("↑ ↓ j k move up" for a
/// key that moves up and down), at every width.
#[test]
fn footer_hints_are_whole_or_left_out() {
    for w in [40u16, 60, 80, 100, 120, 200] {
        let app = embedded_app(w, 30);
        let footer = footer_text(&app);
        if footer.contains("↑ ↓ j k") {
            assert!(footer.contains("↑ ↓ j k move up / down"), "{w}: {footer}");
        }
        assert!(!footer.trim_end().ends_with("move up"), "{w}: {footer}");
    }
}

/// Issue 17 §7: Ctrl-T's hint says what it will do now.
#[test]
fn the_scope_hint_says_what_ctrl_t_will_do() {
    let mut app = embedded_app(200, 30);
    // Search from a role: Ctrl-T would narrow the search to it.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "report");
    assert!(
        footer_text(&app).contains("Ctrl-T search this role only"),
        "{}",
        footer_text(&app)
    );
    app.handle_event_sync(&ctrl('t'));
    assert!(
        footer_text(&app).contains("Ctrl-T search everything"),
        "{}",
        footer_text(&app)
    );
    // From the hotlines, there is no role to narrow to: no Ctrl-T hint.
    let mut app = embedded_app(200, 30);
    press(&mut app, KeyCode::Char('/'));
    assert!(
        !footer_text(&app).contains("Ctrl-T"),
        "{}",
        footer_text(&app)
    );
}

/// The whole screen as text, one line per row, at the app's size.
fn screen_text(app: &heatwatch::tui::app::App) -> String {
    common::screen_text(app, app.size.0, app.size.1)
}

/// Issue 17 §7: a list longer than its pane says where you are ("12 / 100,000"), and a
/// detail longer than its pane says that more follows.
#[test]
fn long_lists_say_where_you_are_and_long_details_that_more_follows() {
    let mut app = embedded_app(100, 12);
    // The section with the most items.
    let (at, count) = (0..app.sections.len())
        .map(|i| (i, app.item_count(app.sections[i])))
        .max_by_key(|&(_, n)| n)
        .unwrap();
    assert!(count > 4, "{count}");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let screen = screen_text(&app);
    assert!(screen.contains(&format!("3 / {count}")), "{screen}");
    // The detail of a long record, at this height, goes on below.
    assert!(screen.contains("↓ more"), "{screen}");
    // At its end, no longer.
    press(&mut app, KeyCode::Right);
    for _ in 0..200 {
        press(&mut app, KeyCode::Down);
    }
    assert!(
        !screen_text(&app).contains("↓ more"),
        "{}",
        screen_text(&app)
    );
}

/// Issue 17 §7: a key's description that wraps in the help goes on under the
/// description, not under the key.
#[test]
fn help_keeps_the_indent_of_wrapped_lines() {
    let mut app = embedded_app(60, 40);
    press(&mut app, KeyCode::Char('?'));
    let mut wrapped = 0;
    for _ in 0..6 {
        let text = screen_text(&app);
        let inside: Vec<String> = text
            .lines()
            .filter_map(|l| {
                let start = l.find('║')? + '║'.len_utf8();
                let end = l.rfind('║')?;
                (end > start).then(|| l[start..end].to_owned())
            })
            .collect();
        for pair in inside.windows(2) {
            let (first, next) = (&pair[0], &pair[1]);
            // A key row: two spaces, the key column, its description.
            let is_key_row = first.starts_with("  ") && !first.starts_with("   ");
            let continues = next.starts_with(&" ".repeat(20)) && !next.trim().is_empty();
            if is_key_row && continues {
                wrapped += 1;
                assert_eq!(
                    next.chars().take_while(|c| *c == ' ').count(),
                    20,
                    "{first}\n{next}"
                );
            }
            // Never a continuation under the key column.
            if is_key_row && !next.trim().is_empty() && !next.starts_with("  ") {
                assert!(
                    next.starts_with(|c: char| c.is_uppercase()),
                    "a wrapped line lost its indent:\n{first}\n{next}"
                );
            }
        }
        press(&mut app, KeyCode::PageDown);
    }
    assert!(
        wrapped > 0,
        "nothing wrapped at 60 columns: the test tests nothing"
    );
}

/// At the end of the help, Up moves at once: the offset never runs past what is drawn.
#[test]
fn help_scroll_stops_at_its_end() {
    let mut app = embedded_app(100, 20);
    press(&mut app, KeyCode::Char('?'));
    for _ in 0..50 {
        press(&mut app, KeyCode::PageDown);
    }
    let end = app.help_scroll();
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.help_scroll(), end, "past the end");
    let at_end = screen_text(&app);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.help_scroll(), end - 1);
    assert_ne!(screen_text(&app), at_end, "one Up must move the help");
}
