#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! One search: `heatwatch search --json` ranks exactly as the interactive app does, in
//! both languages, with words of either language. Each query goes through the app as the
//! binary builds it (`build_app`, the `/` key, the query pasted, the search request the
//! event loop would run) and through the real binary, and the ranked ids are compared.

use clap::Parser;
use heatwatch::cli::Cli;
use heatwatch::tui::action::Action;
use heatwatch::tui::app::Effect;

use crate::common;

/// Queries in English, in Spanish, of numbers and with the query operators.
const QUERIES: &[&str] = &[
    "tip",
    "emergencia",
    "emergency",
    "trata de personas",
    "human trafficking",
    "help",
    "ayuda",
    "911",
    "233733",
    "888 373",
    "police",
    "policía",
    "report",
    "denuncia",
    "hotline",
    "línea",
    "labor",
    "trabajo",
    "teacher",
    "maestro",
    "health",
    "salud",
    "training",
    "capacitación",
    "law enforcement",
    "fuerzas del orden",
    "!hotline tip",
    "'tip",
    "^rep",
    "victim",
    "víctima",
    "signs",
    "señales",
    "youth",
    "jóvenes",
    "community",
];

/// The ids the app ranks for `query`, best first.
fn app_ids(app: &mut heatwatch::tui::app::App, query: &str) -> Vec<String> {
    app.go_home();
    app.update(Action::OpenSearch);
    let Some(Effect::Search(req)) = app.update(Action::Paste(query.to_owned())) else {
        panic!("no search for {query:?}");
    };
    let results = app.run_search(&req);
    app.update(Action::SearchDone(req.generation, results));
    let search = app.search.as_ref().expect("search open");
    search
        .results
        .hits
        .iter()
        .map(|h| app.dir.id_of(h.record).unwrap().to_owned())
        .collect()
}

/// The ids `heatwatch search --json` prints for `query`, best first.
fn command_ids(lang: &str, query: &str) -> Vec<String> {
    let run = common::run_heatwatch(
        &[
            "--lang", lang, "search", "--json", "--limit", "1000", "--", query,
        ],
        &[],
    );
    if run.code == 1 {
        return Vec::new();
    }
    assert_eq!(run.code, 0, "{lang} {query:?}: {}", run.stderr);
    run.json()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_command_line_ranks_as_the_app_in_both_languages() {
    let mut compared = 0;
    for lang in ["en", "es"] {
        let cli = Cli::parse_from(["heatwatch", "--lang", lang]);
        let mut app = heatwatch::build_app(&cli).unwrap();
        assert_eq!(
            app.languages.len(),
            2,
            "the embedded directory declares Spanish"
        );
        for query in QUERIES {
            let from_app = app_ids(&mut app, query);
            let from_command = command_ids(lang, query);
            // The app keeps its best hits; the command was asked for all of them.
            let n = from_app.len().min(from_command.len());
            assert_eq!(
                from_app[..n],
                from_command[..n],
                "{lang} {query:?}: the app and `search --json` rank differently"
            );
            assert!(
                from_app.is_empty() == from_command.is_empty(),
                "{lang} {query:?}: {from_app:?} against {from_command:?}"
            );
            if n > 0 {
                compared += 1;
            }
        }
    }
    // Not a vacuous pass: nearly every query finds something in both languages.
    assert!(compared >= 60, "only {compared} queries had results");
}

#[test]
fn a_word_of_either_language_finds_the_record_in_both() {
    for lang in ["en", "es"] {
        assert_eq!(
            command_ids(lang, "emergencia").first().map(String::as_str),
            Some("emergency-911"),
            "{lang}"
        );
        assert_eq!(
            command_ids(lang, "emergency").first().map(String::as_str),
            Some("emergency-911"),
            "{lang}"
        );
        let tip = command_ids(lang, "tip");
        assert!(
            tip.iter().take(2).any(|id| id == "heat-watch-tip-line"),
            "{lang}: {tip:?}"
        );
        assert_eq!(
            command_ids(lang, "trata de personas")
                .first()
                .map(String::as_str),
            Some("national-hotline"),
            "{lang}"
        );
    }
}
