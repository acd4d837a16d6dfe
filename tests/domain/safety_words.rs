//! The words that keep a person safe, pinned in both languages: the limits of the
//! National Hotline's confidentiality, the relay instruction, the advice not to confront
//! anyone, the Tip Line's notice and the phone-safety caution. Each is checked in the
//! data, in what `show` (and the other commands that print a number) prints, and in the
//! app's detail pane, so that a later edit cannot drop one silently.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;

use std::sync::Arc;

use common::run_heatwatch;
use heatwatch::directory::{Directory, RecordRef, load};
use heatwatch::search::SearchIndex;
use heatwatch::tui::app::{App, Language};

/// What must be said, per language: (where, the words).
struct Words {
    lang: &'static str,
    /// The limits of confidentiality, and that help can be asked for without a name.
    confidentiality: &'static [&'static str],
    /// Relay: dial 711, give the number; TTY users can call 911 directly.
    relay: &'static [&'static str],
    /// Do not confront, do not alert, do not rescue; 911.
    do_not_confront: &'static [&'static str],
    /// The Tip Line's number is old and unconfirmed.
    tip_line: &'static [&'static str],
    /// Phone safety where a number is offered to be saved.
    phone_safety: &'static [&'static str],
}

const EN: Words = Words {
    lang: "en",
    confidentiality: &[
        "with limits",
        "suspects child abuse",
        "imminent danger",
        "mandated reporters",
        "17 or under",
        "police or child protective services",
        "without giving your name",
    ],
    relay: &[
        "dial 711",
        "give the relay operator the Hotline's number, 1-888-373-7888",
        "TTY users can call 911 directly",
    ],
    do_not_confront: &[
        "Do not confront anyone",
        "do not alert the person you worry about or the suspected trafficker",
        "do not try to rescue someone yourself",
        "Call 911 if someone is in danger now",
    ],
    tip_line: &[
        "older than January 2023",
        "has not been confirmed to be in service",
    ],
    phone_safety: &["call log", "monitoring your phone"],
};

const ES: Words = Words {
    lang: "es",
    confidentiality: &[
        "con límites",
        "sospecha abuso infantil",
        "peligro inminente",
        "obligación legal de reportar",
        "17 años o menos",
        "policía o a los servicios de protección infantil",
        "sin decir su nombre",
    ],
    relay: &[
        "marque el 711",
        "dé al operador el número de la Línea, 1-888-373-7888",
        "quienes usan TTY pueden llamar directamente al 911",
    ],
    do_not_confront: &[
        "No confronte a nadie",
        "no alerte a la persona que le preocupa ni al presunto tratante",
        "no intente rescatar a nadie por su cuenta",
        "Llame al 911 si alguien está en peligro ahora",
    ],
    tip_line: &[
        "anterior a enero de 2023",
        "no se ha confirmado que siga en servicio",
    ],
    phone_safety: &["registro de llamadas", "vigil"],
};

fn dir_in(lang: &str) -> Directory {
    load::from_bytes_in(load::EMBEDDED_JSON.as_bytes(), lang)
        .unwrap()
        .0
}

/// Whether `text`, read as one line (the handouts wrap) with HTML's quote escapes
/// undone, holds each of `words`.
fn assert_says(what: &str, text: &str, words: &[&str]) {
    let text = text
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for w in words {
        assert!(text.contains(w), "{what} does not say {w:?}:\n{text}");
    }
}

fn hotline<'a>(dir: &'a Directory, id: &str) -> &'a heatwatch::directory::Hotline {
    dir.hotlines.iter().find(|h| h.id == id).unwrap()
}

fn action_steps(dir: &Directory, id: &str) -> String {
    dir.roles
        .iter()
        .flat_map(|r| &r.actions)
        .find(|a| a.id == id)
        .unwrap()
        .next_steps
        .join("\n")
}

#[test]
fn the_data_says_the_safety_words_in_both_languages() {
    for w in [EN, ES] {
        let dir = dir_in(w.lang);
        let national = hotline(&dir, "national-hotline");
        assert!(national.confidential);
        assert_says(
            "the National Hotline's confidentiality",
            national.confidentiality.as_deref().unwrap_or_default(),
            w.confidentiality,
        );
        assert_says(
            "the National Hotline's notes",
            &national.notes.join("\n"),
            w.relay,
        );
        for action in ["community-report-it", "community-take-action"] {
            assert_says(action, &action_steps(&dir, action), w.do_not_confront);
        }
        let tip = hotline(&dir, "heat-watch-tip-line");
        assert_says(
            "the Tip Line's caution",
            tip.caution.as_deref().unwrap_or_default(),
            w.tip_line,
        );
        // The unconfirmed line is not pinned to the always-visible bar; the Hotline is.
        assert!(!tip.pinned, "the Tip Line is pinned");
        assert!(national.pinned);
    }
}

#[test]
fn show_and_the_commands_that_print_numbers_say_them() {
    for w in [EN, ES] {
        let run = |args: &[&str]| {
            let mut all = vec!["--lang", w.lang];
            all.extend_from_slice(args);
            let r = run_heatwatch(&all, &[]);
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            r.stdout
        };
        let national = run(&["show", "national-hotline"]);
        assert_says("show national-hotline", &national, w.confidentiality);
        assert_says("show national-hotline", &national, w.relay);
        for action in ["community-report-it", "community-take-action"] {
            assert_says(action, &run(&["show", action]), w.do_not_confront);
        }
        assert_says(
            "show heat-watch-tip-line",
            &run(&["show", "heat-watch-tip-line"]),
            w.tip_line,
        );
        let hotlines = run(&["hotlines"]);
        assert_says("hotlines", &hotlines, w.tip_line);
        assert_says("hotlines", &hotlines, w.confidentiality);
        for format in ["text", "markdown", "html"] {
            let handout = run(&["export", "--format", format]);
            assert_says(format, &handout, w.tip_line);
            assert_says(format, &handout, w.confidentiality);
            assert_says(format, &handout, w.do_not_confront);
        }
        let vcard = run(&["export", "--format", "vcard"]);
        assert_says("vcard", &vcard, w.phone_safety);
        assert_says("vcard", &vcard.replace("\r\n ", ""), w.tip_line);
        let qr = run(&["qr", "heat-watch-tip-line"]);
        assert_says("qr", &qr, w.tip_line);
        assert_says("qr", &qr, w.phone_safety);
    }
}

fn app_in(lang: &'static str) -> App {
    let dir = dir_in(lang);
    let mut app = common::app_for(dir.clone(), 100, 60);
    app.set_languages(
        vec![Language {
            code: lang,
            msg: heatwatch::i18n::app::for_language(lang),
            index: Arc::new(SearchIndex::build(&dir)),
            dir: Arc::new(dir),
            unreviewed: lang == "es",
        }],
        0,
    );
    app
}

fn detail_of(app: &mut App, r: RecordRef) -> String {
    app.go_to(r);
    heatwatch::tui::view::detail::lines(app, 100)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
        // The pane wraps: read it as one text.
        .replace('\n', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_detail_pane_says_them() {
    for w in [EN, ES] {
        let mut app = app_in(w.lang);
        let dir = dir_in(w.lang);
        let find = |id: &str| dir.find(id).unwrap();
        let national = detail_of(&mut app, find("national-hotline"));
        assert_says(
            "the National Hotline's detail",
            &national,
            w.confidentiality,
        );
        assert_says("the National Hotline's detail", &national, w.relay);
        assert_says("the National Hotline's detail", &national, w.phone_safety);
        let tip = detail_of(&mut app, find("heat-watch-tip-line"));
        assert_says("the Tip Line's detail", &tip, w.tip_line);
        for action in ["community-report-it", "community-take-action"] {
            let text = detail_of(&mut app, find(action));
            assert_says(action, &text, w.do_not_confront);
            // Where the Tip Line is named as a number to call, its notice is too.
            assert_says(action, &text, w.tip_line);
        }
    }
}
