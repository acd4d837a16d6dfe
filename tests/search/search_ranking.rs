//! Ranking quality: queries as people type them, each with the record that must come first.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use crate::common;
use heatwatch::directory::{Directory, RecordRef, load};
use heatwatch::search::{Scope, SearchIndex};

fn setup() -> (Directory, SearchIndex) {
    let dir = load::embedded().expect("embedded directory loads");
    let index = SearchIndex::build(&dir);
    (dir, index)
}

fn first(dir: &Directory, index: &SearchIndex, q: &str) -> String {
    let r = index.search(q, Scope::All, 10);
    let hit = r
        .hits
        .first()
        .unwrap_or_else(|| panic!("no result for {q:?}"));
    dir.id_of(hit.record).unwrap().to_owned()
}

/// (query as typed, id of the record that must rank first)
const TABLE: &[(&str, &str)] = &[
    // hotlines by name, purpose and synonym
    ("tip line", "heat-watch-tip-line"),
    ("line tip", "heat-watch-tip-line"),
    ("tiplne", "heat-watch-tip-line"),
    ("hotline", "national-hotline"),
    ("hotlin", "national-hotline"),
    ("national", "national-hotline"),
    ("anonymous", "heat-watch-tip-line"),
    ("anonymus", "heat-watch-tip-line"),
    ("emergency", "emergency-911"),
    ("emergncy", "emergency-911"),
    ("text", "national-hotline"),
    ("polaris", "national-hotline"),
    // numbers, whatever the formatting
    ("208 4959", "heat-watch-tip-line"),
    ("5102084959", "heat-watch-tip-line"),
    ("208-4959", "heat-watch-tip-line"),
    ("(888) 373", "national-hotline"),
    ("373 7888", "national-hotline"),
    ("373", "national-hotline"),
    ("911", "emergency-911"),
    ("233733", "national-hotline"),
    // roles and actions
    ("police", "law-enforcement"),
    ("police training", "law-enforcement-training"),
    ("police trainng", "law-enforcement-training"),
    ("laws", "policy-makers-policy-and-laws"),
    ("policy laws", "policy-makers-policy-and-laws"),
    ("volunteer", "community-take-action"),
    ("volunter", "community-take-action"),
    ("help out", "community-take-action"),
    ("report", "community-report-it"),
    ("learn more", "community-learn-more"),
    ("enforcement protocol", "law-enforcement-protocol"),
    ("partner", "service-provider-partner"),
    ("shelter", "service-provider"),
    ("connect", "policy-makers-connect"),
    // program and facts
    ("83%", "fact-83-percent"),
    ("borders", "fact-no-borders"),
    ("age of entry", "fact-age-of-entry"),
    ("gold standard", "endorsement-speier"),
    ("strategy", "heat-watch-program"),
    // questions and exclamations, as typed under stress: punctuation is not a word
    ("tip line?", "heat-watch-tip-line"),
    ("report it!", "community-report-it"),
    ("hotline number?", "national-hotline"),
    ("help!", "national-hotline"),
    ("what is human trafficking?", "fact-what-is"),
    ("what is heat watch?", "heat-watch-program"),
    ("who do i call?", "national-hotline"),
    ("i need help!", "national-hotline"),
    ("police, training", "law-enforcement-training"),
    ("\"tip line\"", "heat-watch-tip-line"),
    ("(tip line)", "heat-watch-tip-line"),
    // asking for help puts hotlines first
    ("help", "national-hotline"),
    ("call", "national-hotline"),
    ("number", "national-hotline"),
    ("deaf", "national-hotline"),
    ("tty", "national-hotline"),
    // a whole word outranks every fuzzy match
    ("confidential", "national-hotline"),
    ("help out", "community-take-action"),
    ("help with cases", "law-enforcement-help-with-cases"),
    // fzf's operators
    ("'tip", "heat-watch-tip-line"),
    ("^national", "national-hotline"),
    ("tip$", "heat-watch-tip-line"),
    ("^tip$ line", "heat-watch-tip-line"),
    ("police !training", "community-report-it"),
    // numbers in brackets and with the country code
    ("(510)", "heat-watch-tip-line"),
    ("+1 888 373 7888", "national-hotline"),
    ("1-888-373-7888", "national-hotline"),
];

/// Spanish: (query as typed, id of the record that must rank first), searched in the
/// directory read in Spanish (the English words find it too).
const TABLE_ES: &[(&str, &str)] = &[
    ("ayuda", "national-hotline"),
    ("¡ayuda!", "national-hotline"),
    ("¿ayuda?", "national-hotline"),
    ("necesito ayuda", "national-hotline"),
    ("emergencia", "emergency-911"),
    ("¡emergencia!", "emergency-911"),
    ("llamar", "national-hotline"),
    ("número", "national-hotline"),
    ("¿número?", "national-hotline"),
    ("sordo", "national-hotline"),
    ("línea de denuncias", "heat-watch-tip-line"),
    ("denuncias", "heat-watch-tip-line"),
    ("¿dónde está la línea?", "national-hotline"),
    ("trata de personas", "national-hotline"),
    ("¿qué es la trata?", "fact-what-is"),
    ("capacitación", "law-enforcement-training"),
    ("capacitacion", "law-enforcement-training"),
    ("voluntario", "community-take-action"),
    ("policía", "law-enforcement"),
    ("anónimo", "heat-watch-tip-line"),
    ("texto", "national-hotline"),
    ("help", "national-hotline"),
    ("tip line?", "heat-watch-tip-line"),
    ("911", "emergency-911"),
];

fn setup_es() -> (Directory, SearchIndex) {
    let (en, _) = load::from_bytes_in(load::EMBEDDED_JSON.as_bytes(), "en").unwrap();
    let (es, _) = load::from_bytes_in(load::EMBEDDED_JSON.as_bytes(), "es").unwrap();
    let index = SearchIndex::build_with(&es, &[&en]);
    (es, index)
}

#[test]
fn each_spanish_query_ranks_the_expected_record_first() {
    let (dir, index) = setup_es();
    let mut failures = Vec::new();
    for (q, want) in TABLE_ES {
        let got = first(&dir, &index, q);
        if got != *want {
            failures.push(format!("{q:?}: want {want}, got {got}"));
        }
    }
    assert!(TABLE.len() + TABLE_ES.len() >= 60);
    assert!(
        failures.is_empty(),
        "ranking failures:\n{}",
        failures.join("\n")
    );
}

/// The hotlines come before anything else when someone asks for help, in either
/// language and however it is punctuated.
#[test]
fn asking_for_help_puts_every_hotline_first() {
    let (en, ien) = setup();
    let (es, ies) = setup_es();
    for (dir, index) in [(&en, &ien), (&es, &ies)] {
        let n = dir.hotlines.len();
        assert!(n >= 3);
        for q in [
            "help",
            "help!",
            "ayuda",
            "¡ayuda!",
            "¿ayuda?",
            "emergency",
            "emergencia",
            "call",
            "llamar",
            "number",
            "número",
            "phone",
            "teléfono",
            "i need help",
            "necesito ayuda",
            "hotline",
            "línea",
        ] {
            let r = index.search(q, Scope::All, 10);
            let kinds: Vec<bool> = r
                .hits
                .iter()
                .map(|h| matches!(h.record, RecordRef::Hotline(_)))
                .collect();
            assert!(
                kinds.len() >= n && kinds[..n].iter().all(|&k| k),
                "{q:?}: the first {n} results are not all hotlines: {:?}",
                r.hits
            );
        }
    }
}

/// `deaf` is a whole word in the National Hotline's note; scattered letters elsewhere
/// (a fact about 83%) must not outrank it, nor match at all.
#[test]
fn a_whole_word_outranks_scattered_letters() {
    let (dir, index) = setup();
    let r = index.search("deaf", Scope::All, 10);
    assert_eq!(dir.id_of(r.hits[0].record), Some("national-hotline"));
    assert!(
        r.hits
            .iter()
            .all(|h| dir.id_of(h.record) != Some("fact-83-percent")),
        "{:?}",
        r.hits
    );
}

/// Letters scattered across a long text are no match.
#[test]
fn scattered_letters_across_words_do_not_match() {
    let (_, index) = setup();
    for q in ["xyzq", "qzx", "wtchwht"] {
        assert_eq!(index.search(q, Scope::All, 10).total, 0, "{q:?}");
    }
}

/// Negation never hides the emergency number: `!emergency` and `!911` keep 911.
#[test]
fn negation_never_hides_the_emergency_number() {
    let (dir, index) = setup();
    for q in [
        "!emergency",
        "!911",
        "emergency !emergency",
        "!call",
        "help !911",
    ] {
        let r = index.search(q, Scope::All, 100);
        assert!(
            r.hits
                .iter()
                .any(|h| dir.id_of(h.record) == Some("emergency-911")),
            "{q:?}: {:?}",
            r.hits
        );
    }
    // ...while it does hide the other lines.
    let r = index.search("!hotline", Scope::All, 100);
    assert!(
        !r.hits
            .iter()
            .any(|h| dir.id_of(h.record) == Some("national-hotline")),
        "{:?}",
        r.hits
    );
}

/// A lone or trailing `!` or `?` is noise: the same results as without it.
#[test]
fn trailing_and_lone_punctuation_changes_nothing() {
    let (_, index) = setup();
    for (typed, plain) in [
        ("help!", "help"),
        ("tip line?", "tip line"),
        ("report it !", "report it"),
        ("¿ayuda?", "ayuda"),
        ("police ?", "police"),
        ("hotline...", "hotline"),
        ("training, police", "training police"),
    ] {
        let a = index.search(typed, Scope::All, 50);
        let b = index.search(plain, Scope::All, 50);
        assert_eq!(a.hits, b.hits, "{typed:?} against {plain:?}");
        assert_eq!(a.total, b.total);
        assert!(a.total > 0);
    }
    for noise in ["!", "?", "¿?", "¡!", "' ^ $", "!!!"] {
        assert_eq!(index.search(noise, Scope::All, 50).total, 0, "{noise:?}");
    }
}

#[test]
fn each_query_ranks_the_expected_record_first() {
    let (dir, index) = setup();
    let mut failures = Vec::new();
    for (q, want) in TABLE {
        let got = first(&dir, &index, q);
        if got != *want {
            failures.push(format!("{q:?}: want {want}, got {got}"));
        }
    }
    assert!(TABLE.len() >= 20);
    assert!(
        failures.is_empty(),
        "ranking failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_word_must_match() {
    let (_, index) = setup();
    assert_eq!(index.search("tip zzzz", Scope::All, 10).total, 0);
    assert_eq!(index.search("qqqqq", Scope::All, 10).total, 0);
}

#[test]
fn role_scope_only_returns_that_role() {
    let (dir, index) = setup();
    let pm = dir
        .roles
        .iter()
        .position(|r| r.id == "policy-makers")
        .unwrap();
    let r = index.search("training", Scope::Role(pm), 10);
    assert!(
        r.hits
            .iter()
            .all(|h| dir.title_of(h.record) != Some("Training")),
        "Policy Makers has no Training action"
    );
    assert!(r.hits.iter().all(|h| matches!(h.record,
        heatwatch::directory::RecordRef::Role(i) | heatwatch::directory::RecordRef::Action(i, _) if i == pm)));
    let le = dir
        .roles
        .iter()
        .position(|r| r.id == "law-enforcement")
        .unwrap();
    let r = index.search("training", Scope::Role(le), 10);
    assert_eq!(
        dir.id_of(r.hits[0].record),
        Some("law-enforcement-training")
    );
    assert!(r.hits.iter().all(|h| matches!(h.record,
        heatwatch::directory::RecordRef::Role(i) | heatwatch::directory::RecordRef::Action(i, _) if i == le)));
}

#[test]
fn narrowing_gives_the_same_results_as_a_fresh_search() {
    let (_, index) = setup();
    for query in [
        "police training",
        "i need help!",
        "help out",
        "tip$ line",
        "^tip$x",
        "!ti !tip police",
        "! help",
        "'tip line",
        "¿ayuda? por favor",
        "emergency !emergency",
        "trafiking 24/7",
    ] {
        let mut prev = None;
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let narrowed = index.search_after(&typed, Scope::All, 50, prev.as_ref());
            let fresh = index.search(&typed, Scope::All, 50);
            assert_eq!(narrowed.hits, fresh.hits, "query {typed:?}");
            assert_eq!(narrowed.total, fresh.total, "query {typed:?}");
            prev = Some(narrowed);
        }
    }
}

#[test]
fn limit_keeps_the_best() {
    let (_, index) = setup();
    let all = index.search("e", Scope::All, 1000);
    let top = index.search("e", Scope::All, 3);
    assert_eq!(top.hits.len(), 3);
    assert_eq!(&all.hits[..3], &top.hits[..]);
    assert!(all.total > 3);
}

/// The help overlay explains the query syntax, in both languages.
#[test]
fn the_help_overlay_explains_the_query_syntax() {
    let mut app = common::embedded_app(100, 30);
    for msg in [
        heatwatch::i18n::app::for_language("en"),
        heatwatch::i18n::app::for_language("es"),
    ] {
        app.msg = msg;
        let text: String = heatwatch::tui::view::help_lines(&app)
            .iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        for needle in ["'", "^", "$", "!", "911", msg.syntax_title] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
        assert!(text.contains("word") || text.contains("palabra"), "{text}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

    /// Whatever is typed, operators and punctuation included, a search that narrows the
    /// previous keystroke's results gives what a fresh search gives, and nothing panics.
    #[test]
    fn narrowing_agrees_with_a_fresh_search_whatever_is_typed(
        typed in "[a-z !?'^$¿¡,.()911-]{1,14}"
    ) {
        let (_, index) = setup();
        let mut prev = None;
        let mut so_far = String::new();
        for c in typed.chars() {
            so_far.push(c);
            let narrowed = index.search_after(&so_far, Scope::All, 50, prev.as_ref());
            let fresh = index.search(&so_far, Scope::All, 50);
            proptest::prop_assert_eq!(&narrowed.hits, &fresh.hits, "query {:?}", so_far);
            proptest::prop_assert_eq!(narrowed.total, fresh.total, "query {:?}", so_far);
            let _ = heatwatch::search::highlight("Alameda County H.E.A.T. Watch Tip Line", &so_far);
            prev = Some(narrowed);
        }
    }
}
