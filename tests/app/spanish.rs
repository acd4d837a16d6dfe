//! Spanish: the embedded directory in both languages, the switch in the app, search
//! across languages, and the screens in Spanish.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::sync::Arc;

use common::{press, render, screen_text, type_str};
use heatwatch::directory::{Directory, RecordRef, load};
use heatwatch::search::SearchIndex;
use heatwatch::tui::app::{App, Language};
use ratatui::crossterm::event::KeyCode;

fn both() -> (Directory, Directory) {
    let (en, missing_en) = load::from_bytes_in(load::EMBEDDED_JSON.as_bytes(), "en").unwrap();
    assert!(missing_en.is_empty());
    let (es, missing_es) = load::from_bytes_in(load::EMBEDDED_JSON.as_bytes(), "es").unwrap();
    assert!(
        missing_es.is_empty(),
        "texts with no Spanish: {missing_es:?}"
    );
    (en, es)
}

fn bilingual_app(start: usize, w: u16, h: u16) -> App {
    let (en, es) = both();
    let languages = vec![
        Language {
            code: "en",
            msg: heatwatch::i18n::app::for_language("en"),
            index: Arc::new(SearchIndex::build_with(&en, &[&es])),
            dir: Arc::new(en.clone()),
            unreviewed: false,
        },
        Language {
            code: "es",
            msg: heatwatch::i18n::app::for_language("es"),
            index: Arc::new(SearchIndex::build_with(&es, &[&en])),
            dir: Arc::new(es),
            unreviewed: true,
        },
    ];
    let mut app = common::app_for(en, w, h);
    app.set_languages(languages, start);
    app
}

#[test]
fn every_record_has_spanish_and_numbers_ids_sources_are_identical() {
    let (en, es) = both();
    assert_eq!(en.records(), es.records());
    for r in en.records() {
        assert_eq!(en.id_of(r), es.id_of(r));
        let (pe, ps) = (en.provenance_of(r).unwrap(), es.provenance_of(r).unwrap());
        assert_eq!(pe.source, ps.source);
        assert_eq!(pe.retrieved, ps.retrieved);
    }
    for (a, b) in en.hotlines.iter().zip(&es.hotlines) {
        assert_eq!(a.phone, b.phone);
        assert_eq!(a.text, b.text);
        assert_eq!(a.tty, b.tty);
        assert_ne!(a.name, b.name, "{} is not translated", a.id);
    }
    assert_eq!(en.meta.emergency, es.meta.emergency);
    // Report it: "Repórtelo", not the formal complaint of "Denúncielo" (issue 18, S3).
    assert_eq!(es.roles[0].actions[1].title, "Repórtelo");
    assert!(es.events.as_ref().is_some_and(Vec::is_empty));
    assert_eq!(
        es.meta.safety_line.as_deref(),
        Some("Si es una emergencia, llame al 911.")
    );
    // The translation is declared unreviewed in the data.
    assert_eq!(en.meta.translations, vec![("es".to_owned(), false)]);
}

#[test]
fn l_switches_language_and_keeps_the_person_where_they_are() {
    let mut app = bilingual_app(0, 120, 40);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let before = app.nav;
    assert!(screen_text(&app, 120, 40).contains("Policy and Laws"));
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.nav, before);
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Políticas y leyes"), "{text}");
    assert!(
        text.contains("revisada por una persona"),
        "the unreviewed note shows: {text}"
    );
    assert!(text.contains("Emergencia: 911"));
    press(&mut app, KeyCode::Char('L'));
    assert!(screen_text(&app, 120, 40).contains("Policy and Laws"));
}

#[test]
fn l_is_typed_in_the_search_box() {
    let mut app = bilingual_app(0, 80, 24);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "L");
    assert_eq!(app.search.as_ref().unwrap().query, "L");
    assert_eq!(app.language, 0);
}

#[test]
fn search_folds_accents_and_finds_records_from_the_other_language() {
    let mut app = bilingual_app(1, 80, 24);
    for (q, want) in [
        ("ninos", "fact-age-of-entry"),
        ("linea de denuncias", "heat-watch-tip-line"),
        ("linea nacional", "national-hotline"),
        // English words still find the record while Spanish is shown.
        ("tip line", "heat-watch-tip-line"),
    ] {
        let r = app.index.search(q, heatwatch::search::Scope::All, 5);
        let first = r.hits.first().unwrap_or_else(|| panic!("nothing for {q}"));
        assert_eq!(app.dir.id_of(first.record), Some(want), "{q}");
    }
    press(&mut app, KeyCode::Char('L'));
    let r = app
        .index
        .search("denuncia", heatwatch::search::Scope::All, 5);
    assert!(
        r.hits.iter().any(|h| h.record == RecordRef::Hotline(1)),
        "a Spanish word finds the tip line while English is shown"
    );
}

#[test]
fn kiosk_resets_return_to_the_starting_language() {
    let mut app = bilingual_app(1, 80, 24);
    app.kiosk = Some(heatwatch::tui::app::Kiosk::new(
        None,
        std::time::Duration::from_secs(90),
    ));
    press(&mut app, KeyCode::Char('L'));
    assert_eq!(app.language, 0);
    app.handle_event_sync(&common::ctrl('x'));
    assert_eq!(app.language, 1);
    assert!(app.is_home());
}

#[test]
fn spanish_screens_at_80x24_keep_numbers_whole() {
    let screens: Vec<(&str, Vec<KeyCode>, &str)> = vec![
        ("home", vec![], ""),
        (
            "policy_and_laws",
            vec![KeyCode::Char('4'), KeyCode::Down, KeyCode::Enter],
            "",
        ),
        ("hotline", vec![KeyCode::Enter, KeyCode::Enter], ""),
        ("search", vec![KeyCode::Char('/')], "denuncia"),
        ("help", vec![KeyCode::Char('?')], ""),
    ];
    for (name, keys, typed) in screens {
        let mut app = bilingual_app(1, 80, 24);
        for k in keys {
            press(&mut app, k);
        }
        type_str(&mut app, typed);
        let t = render(&app, 80, 24);
        insta::assert_snapshot!(format!("es_{name}_80x24"), t.backend());
        let text = screen_text(&app, 80, 24);
        // The Tip Line is no longer pinned to the bar (issue 18): the bar's numbers.
        for n in ["911", "1(888) 373-7888"] {
            assert!(text.contains(n), "{name}: {n} missing or cut:\n{text}");
        }
    }
}

#[test]
fn check_warns_about_missing_translations() {
    let mut v: serde_json::Value = serde_json::from_str(load::EMBEDDED_JSON).unwrap();
    v["roles"][0]["actions"][0]["title"] = serde_json::Value::from("Learn More");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partial.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let mut out = Vec::new();
    let code = heatwatch::exit::status(heatwatch::commands::check(
        &path,
        365,
        &heatwatch::clock::FixedClock(jiff::civil::date(2026, 11, 27)),
        &mut out,
    ))
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(code, 0, "{text}");
    assert!(
        !text.contains("Learn More"),
        "a plain string is not a missing translation"
    );
    v["roles"][0]["actions"][0]["title"] = serde_json::json!({"en": "Learn More"});
    std::fs::write(&path, v.to_string()).unwrap();
    let mut out = Vec::new();
    let code = heatwatch::exit::status(heatwatch::commands::check(
        &path,
        365,
        &heatwatch::clock::FixedClock(jiff::civil::date(2026, 11, 27)),
        &mut out,
    ))
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("warning: translation \"es\": no \"es\" text for \"Learn More\""),
        "{text}"
    );
}

/// A search asks for the current language's index: after `L`, the search worker (used
/// for large directories) must not keep searching the starting language's index.
#[test]
fn a_search_request_carries_the_current_languages_index() {
    let mut app = bilingual_app(0, 100, 30);
    press(&mut app, KeyCode::Char('/'));
    let Some(heatwatch::tui::app::Effect::Search(english)) =
        app.update(heatwatch::tui::action::Action::Type('a'))
    else {
        panic!("typing in search asks for a search");
    };
    assert!(Arc::ptr_eq(&english.index.0, &app.index));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('L'));
    press(&mut app, KeyCode::Char('/'));
    let Some(heatwatch::tui::app::Effect::Search(spanish)) =
        app.update(heatwatch::tui::action::Action::Type('a'))
    else {
        panic!("typing in search asks for a search");
    };
    assert!(Arc::ptr_eq(&spanish.index.0, &app.index));
    assert!(!Arc::ptr_eq(&spanish.index.0, &english.index.0));
}

/// Every Spanish text of the embedded directory, by its JSON path, as
/// `data/translations/es.json` lists them for a reviewer.
fn spanish_texts(
    v: &serde_json::Value,
    path: &str,
    out: &mut serde_json::Map<String, serde_json::Value>,
) {
    match v {
        serde_json::Value::Object(m)
            if m.len() == 2 && m.get("en").is_some_and(serde_json::Value::is_string) =>
        {
            if let Some(es) = m.get("es") {
                out.insert(path.to_owned(), es.clone());
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                spanish_texts(x, &p, out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                spanish_texts(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_reviewers_list_of_spanish_texts_is_the_directorys() {
    let dir: serde_json::Value = serde_json::from_str(load::EMBEDDED_JSON).unwrap();
    let mut want = serde_json::Map::new();
    spanish_texts(&dir, "", &mut want);
    let got: serde_json::Value =
        serde_json::from_str(include_str!("../../data/translations/es.json")).unwrap();
    assert_eq!(
        got,
        serde_json::Value::Object(want),
        "regenerate data/translations/es.json"
    );
    // Not vacuous: the safety words are among them.
    assert!(got.to_string().contains("No confronte a nadie"));
}

#[test]
fn spanish_prose_writes_dates_in_words() {
    use heatwatch::i18n::app::spanish_date;
    let d = jiff::civil::date(2026, 12, 4);
    assert_eq!(spanish_date(d), "4 de diciembre de 2026");
    assert_eq!(
        spanish_date(jiff::civil::date(2018, 2, 7)),
        "7 de febrero de 2018"
    );
    // What show prints in Spanish: no ISO date after "consultado el".
    let run = common::run_heatwatch(&["--lang", "es", "show", "national-hotline"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("consultado el "), "{}", run.stdout);
    assert!(
        !run.stdout.contains("consultado el 20"),
        "an ISO date after 'consultado el':\n{}",
        run.stdout
    );
}

/// Issue 17 §6: nothing cut that fits. The sections and the list take the width their
/// rows need, up to a share that leaves the detail readable: at 200 columns nothing of
/// either is cut, in either language; at 100 the hotlines stay distinguishable. Screens
/// at 80, 100, 120 and 200 columns in both languages are snapshots.
#[test]
fn panes_take_the_width_their_rows_need() {
    for (start, lang) in [(0, "en"), (1, "es")] {
        for w in [80u16, 100, 120, 200] {
            let mut app = bilingual_app(start, w, 24);
            // The list of hotlines focused, so that at 80 columns it is on screen.
            common::press(&mut app, KeyCode::Enter);
            let terminal = common::render(&app, w, 24);
            insta::assert_snapshot!(format!("widths_{lang}_{w}x24"), terminal.backend());
            let text = common::screen_text(&app, w, 24);
            // The list's rows: between its left border and the next pane's.
            let rows: Vec<String> = text
                .lines()
                .filter(|l| l.contains('▶') || l.contains("911"))
                .map(str::to_owned)
                .collect();
            if w == 200 {
                for l in text.lines().skip(2).take(8) {
                    let panes: Vec<&str> = l.split(['│', '║']).collect();
                    // Sections and items (the first two panes) are whole.
                    for pane in panes.iter().skip(1).take(3) {
                        assert!(!pane.contains('…'), "{lang} {w}: {l}");
                    }
                }
            }
            if w >= 100 {
                // The hotline rows of the list (the second pane), their numbers set aside:
                // no two may read the same, and none may be only "…".
                let names: Vec<String> = text
                    .lines()
                    .skip(3)
                    .take(app.dir.hotlines.len())
                    .filter_map(|l| {
                        let row = l.split(['│', '║']).nth(3)?.trim().trim_start_matches("▶ ");
                        let words: Vec<&str> = row.split(' ').collect();
                        let (_, name) = words.split_last()?;
                        Some(name.join(" ").trim().to_owned())
                    })
                    .collect();
                assert_eq!(names.len(), app.dir.hotlines.len(), "{lang} {w}:\n{text}");
                for (i, a) in names.iter().enumerate() {
                    assert!(
                        a.trim_end_matches('…').chars().count() >= 5,
                        "{lang} {w}: {a:?}"
                    );
                    for b in names.iter().skip(i + 1) {
                        assert_ne!(a, b, "{lang} {w}:\n{text}");
                    }
                }
            }
            assert!(!rows.is_empty(), "{lang} {w}:\n{text}");
        }
    }
}
