//! Screen-reader mode's conversation and line editor (issue 22 §1), without a terminal:
//! the same search as the search box, every record reachable, the one description of a
//! record, and the echo of the line editor.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use common::{embedded_app, key, type_str};
use heatwatch::directory::RecordRef;
use heatwatch::tui::reader::{MAX_RESULTS, Reader, Reply};
use heatwatch::tui::terminal::lines::{Edit, Editor};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn said(reply: Reply) -> Vec<String> {
    match reply {
        Reply::Say(lines) => lines,
        Reply::Quit => panic!("quit"),
    }
}

#[test]
fn search_lists_what_the_search_box_ranks_in_the_same_order() {
    for query in [
        "tip line",
        "hotline",
        "911",
        "report",
        "police",
        "visa",
        "labor",
        "sex",
        "child",
        "shelter",
        "training",
        "law",
        "1888",
        "233733",
        "text",
        "anonymous",
        "feinstein",
        "protocol",
        "partner",
        "learn",
        "policy",
        "signs",
        "emergencia",
        "trata",
        "denuncia",
        "línea",
        "asistencia",
        "víctima",
        "trabajo",
        "niños",
    ] {
        let mut reader = Reader::new(embedded_app(100, 30));
        reader.opening();
        let lines = said(reader.answer(query));
        // The search box, typed as a person would.
        let mut app = embedded_app(100, 30);
        app.handle_event_sync(&key(KeyCode::Char('/')));
        type_str(&mut app, query);
        let hits = &app.search.as_ref().unwrap().results.hits;
        if hits.is_empty() {
            assert!(lines[0].starts_with("Nothing found"), "{query}: {lines:?}");
            continue;
        }
        let listed: Vec<&String> = lines.iter().filter(|l| l.contains(". ")).collect();
        for (i, hit) in hits.iter().take(MAX_RESULTS).enumerate() {
            let title = app.dir.path_title(hit.record);
            let line = lines
                .iter()
                .find(|l| l.starts_with(&format!("{}. ", i + 1)))
                .unwrap_or_else(|| panic!("{query}: no line {} in {listed:?}", i + 1));
            assert!(line.contains(&title), "{query}: {line} is not {title}");
        }
        // Choosing result 1 tells that record in full.
        let detail = said(reader.answer("1"));
        assert_eq!(
            detail[..detail.len() - 1],
            reader.record(hits[0].record)[..],
            "{query}"
        );
    }
}

#[test]
fn every_hotline_role_and_action_is_reachable_and_told_by_the_one_description() {
    let mut reader = Reader::new(embedded_app(100, 30));
    let opening = reader.opening();
    assert_eq!(opening[1], "Emergency: 911.");
    let dir = reader.app.dir.clone();
    for (i, h) in dir.hotlines.iter().enumerate() {
        reader.answer("m");
        let list = said(reader.answer("1"));
        assert!(
            list.iter()
                .any(|l| l.starts_with(&format!("{}. {}", i + 1, h.name))
                    && l.contains(&h.phone.display())),
            "{list:?}"
        );
        let detail = said(reader.answer(&(i + 1).to_string()));
        let text = detail.join("\n");
        assert!(text.contains(&h.phone.display()), "{text}");
        // The detail is the one description of the record, as `show` prints it.
        assert!(detail.starts_with(&reader.record(RecordRef::Hotline(i))));
    }
    for (r, role) in dir.roles.iter().enumerate() {
        reader.answer("m");
        said(reader.answer("2"));
        let actions = said(reader.answer(&(r + 1).to_string()));
        assert_eq!(actions[0], role.name);
        for (a, action) in role.actions.iter().enumerate() {
            assert!(
                actions.contains(&format!("{}. {}", a + 1, action.title)),
                "{actions:?}"
            );
            // Numbers still choose from the actions after each one is told.
            let told = said(reader.answer(&(a + 1).to_string()));
            assert!(told.starts_with(&reader.record(RecordRef::Action(r, a))));
            if !action.next_steps.is_empty() {
                assert!(told.iter().any(|l| l == "What to do next"), "{told:?}");
            }
        }
    }
    // A number that is not in the list, and a quit outside kiosk mode.
    assert!(said(reader.answer("99"))[0].contains("no number 99"));
    assert_eq!(reader.answer("q"), Reply::Quit);
}

fn k(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn the_line_editor_echoes_erases_and_keeps_secrets() {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let mut e = Editor::default();
    for c in "tip líne".chars() {
        assert_eq!(
            e.key(k(KeyCode::Char(c), none), false),
            Edit::Echo(c.to_string())
        );
    }
    assert_eq!(
        e.key(k(KeyCode::Backspace, none), false),
        Edit::Echo("\u{8} \u{8}".into())
    );
    assert_eq!(
        e.key(k(KeyCode::Char('w'), ctrl), false),
        Edit::Echo("\u{8} \u{8}".repeat(3))
    );
    assert_eq!(e.line, "tip ");
    assert_eq!(
        e.key(k(KeyCode::Enter, none), false),
        Edit::Submit("tip ".into())
    );
    // Ctrl-C quits outside a kiosk and goes back to the start in one; Ctrl-Z and
    // Ctrl-\ do nothing outside, reset inside.
    assert_eq!(e.key(k(KeyCode::Char('c'), ctrl), false), Edit::Quit);
    assert_eq!(e.key(k(KeyCode::Char('c'), ctrl), true), Edit::Reset);
    assert_eq!(e.key(k(KeyCode::Char('z'), ctrl), false), Edit::Nothing);
    assert_eq!(e.key(k(KeyCode::Char('4'), ctrl), true), Edit::Reset);
    assert_eq!(e.key(k(KeyCode::Char('o'), ctrl), true), Edit::Operator);
    assert_eq!(e.key(k(KeyCode::Char('o'), ctrl), false), Edit::Nothing);
    // Ctrl-X with any other modifier, mid-line.
    e.key(k(KeyCode::Char('a'), none), false);
    assert_eq!(
        e.key(k(KeyCode::Char('x'), ctrl | KeyModifiers::ALT), true),
        Edit::QuickExit
    );
    // A secret line echoes nothing, not even its erasing.
    let mut pin = Editor {
        line: String::new(),
        secret: true,
    };
    assert_eq!(pin.key(k(KeyCode::Char('4'), none), true), Edit::Nothing);
    assert_eq!(
        pin.key(k(KeyCode::Backspace, none), true),
        Edit::Echo(String::new())
    );
    assert_eq!(pin.key(k(KeyCode::Char('7'), none), true), Edit::Nothing);
    assert_eq!(
        pin.key(k(KeyCode::Enter, none), true),
        Edit::Submit("7".into())
    );
}
