#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The commands and exports in Spanish: the catalogue of `src/i18n/cli.rs` is whole
//! in both languages, and `--lang es` (or a Spanish locale) changes what the commands
//! say and the headings of every export, never a number, an id or a JSON key.

use heatwatch::i18n::cli::{self as messages_cli, EN, ES};
use serde_json::Value;

use crate::common;

use common::{Run, run_heatwatch};

fn heatwatch_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    run_heatwatch(args, env)
}

fn heatwatch(args: &[&str]) -> Run {
    heatwatch_env(args, &[])
}

/// Strings that are the same words in English and Spanish.
const SAME_IN_BOTH: &[&str] = &[
    // "error" is the Spanish word too.
    "label_error",
    // An abbreviation kept in Spanish ("Id"), as the JSON key and the file format say.
    "label_id",
    // "no" is the Spanish word too.
    "no",
];

/// The values a string uses, each once: a plural form (`{n:one|other}`) uses a value
/// the string may also print, and a language may need more of them than another
/// (Spanish adjectives agree in number).
fn sorted_placeholders(s: &str) -> Vec<&str> {
    let mut v = messages_cli::placeholders(s);
    v.sort_unstable();
    v.dedup();
    v
}

// --- the catalogue ---------------------------------------------------------------------

#[test]
fn every_string_is_filled_and_translated_in_both_languages() {
    let (en, es) = (EN.entries(), ES.entries());
    assert_eq!(en.len(), es.len());
    assert!(en.len() > 50, "the catalogue has every string");
    let mut problems = Vec::new();
    for ((name, e), (name_es, s)) in en.iter().zip(&es) {
        assert_eq!(name, name_es);
        if e.trim().is_empty() {
            problems.push(format!("{name}: empty in English"));
        }
        if s.trim().is_empty() {
            problems.push(format!("{name}: empty in Spanish"));
        }
        let same = e == s;
        let allowed = SAME_IN_BOTH.contains(name);
        if same && !allowed {
            problems.push(format!("{name}: the same in both languages: {e:?}"));
        }
        if !same && allowed {
            problems.push(format!(
                "{name}: allowed to be the same, and is not: drop it from the list"
            ));
        }
        if sorted_placeholders(e) != sorted_placeholders(s) {
            problems.push(format!(
                "{name}: placeholders differ: {:?} / {:?}",
                sorted_placeholders(e),
                sorted_placeholders(s)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The labels the exports share with the app come from the app's catalogue in the
    // same language.
    assert_eq!((EN.code, ES.code), ("en", "es"));
    assert_eq!(EN.app.call, "Call");
    assert_eq!(ES.app.call, "Llamar");
    assert_eq!(messages_cli::for_language("es").code, "es");
    assert_eq!(messages_cli::for_language("fr").code, "en");
}

#[test]
fn every_kind_of_record_has_a_name_in_both_languages() {
    for kind in [
        "hotline",
        "program",
        "strategy",
        "endorsement",
        "fact",
        "role",
        "action",
        "event",
        "service",
        "directory",
    ] {
        let (e, s) = (EN.kind(kind), ES.kind(kind));
        assert_eq!(e, kind, "English names the kind as JSON does");
        assert_ne!(s, kind, "{kind} has no Spanish name");
    }
}

#[test]
fn fill_puts_values_in_and_never_reads_them_again() {
    let s = messages_cli::fill(
        ES.search_nothing,
        &[("query", "{within}"), ("within", ""), ("emergency", "911")],
    );
    assert!(s.contains("\"{within}\""), "{s}");
    assert!(s.ends_with("llame al 911."), "{s}");
}

// --- the commands ----------------------------------------------------------------------

#[test]
fn show_an_unknown_id_in_spanish() {
    let run = heatwatch(&["--lang", "es", "show", "no-such-id"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert_eq!(
        run.stderr,
        "heatwatch: ningún registro tiene el id \"no-such-id\". Encuentre los id con \
         `heatwatch search PALABRAS`, `heatwatch roles` o `heatwatch hotlines --json`.\n"
    );
    // The same from a Spanish locale, and --lang wins over it.
    let run = heatwatch_env(&["show", "no-such-id"], &[("LANG", "es_MX.UTF-8")]);
    assert!(run.stderr.contains("ningún registro"), "{}", run.stderr);
    let run = heatwatch_env(
        &["--lang", "en", "show", "no-such-id"],
        &[("LC_ALL", "es_ES.UTF-8")],
    );
    assert!(
        run.stderr.contains("no record has the id"),
        "{}",
        run.stderr
    );
}

#[test]
fn search_errors_in_spanish() {
    let run = heatwatch(&["--lang", "es", "search", "zzqxjv"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("no se encontró nada para \"zzqxjv\"")
            && run.stderr.contains("llame al 911"),
        "{}",
        run.stderr
    );
    let run = heatwatch(&["--lang", "es", "search", "tip", "--role", "astronaut"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("ningún rol se llama \"astronaut\"; los roles son:")
            && run.stderr.contains("law-enforcement"),
        "{}",
        run.stderr
    );
    let run = heatwatch(&["--lang", "es", "search", "   "]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("indique una palabra"), "{}", run.stderr);
    let run = heatwatch(&["--lang", "es", "search", "línea", "--limit", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("se muestran 1 de"), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("línea: "),
        "kind in Spanish: {}",
        run.stdout
    );
}

#[test]
fn show_and_hotlines_label_fields_in_spanish_with_the_same_numbers() {
    let run = heatwatch(&["--lang", "es", "show", "national-hotline"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for needle in [
        "Tipo: línea",
        "Llamar: 1(888) 373-7888 (tel:+18883737888)",
        "Mensaje de texto: 233733",
        "Puede informar sin dar su nombre.",
        "Confidencial: Sí, con límites",
        "Fuentes",
        "Consultado: 2026-12-04",
        "Verificado: no verificado",
        "aún no revisada",
    ] {
        assert!(run.stdout.contains(needle), "{needle}: {}", run.stdout);
    }
    // The National Hotline takes reports (informar), not formal complaints (denuncia).
    assert!(!run.stdout.contains("denuncia"), "{}", run.stdout);
    assert!(!run.stdout.contains("Para emergencias"), "{}", run.stdout);
    for english in [
        "Kind:",
        "Call:",
        "Anonymous reports",
        "Sources",
        "Retrieved",
    ] {
        assert!(!run.stdout.contains(english), "{english}: {}", run.stdout);
    }
    let run = heatwatch(&["--lang", "es", "hotlines"]);
    assert!(run.stdout.contains("Emergencia: 911"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("Fuentes consultadas el 4 de diciembre de 2026:"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_keys_and_numbers_stay_the_same_in_spanish() {
    fn shape(v: &Value) -> Value {
        match v {
            Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), shape(v))).collect(),
            Value::Array(a) => a.iter().map(shape).collect(),
            _ => Value::Null,
        }
    }
    for args in [
        &["hotlines", "--json"][..],
        &["show", "law-enforcement-protocol", "--json"],
    ] {
        let en = heatwatch(&[&["--lang", "en"][..], args].concat()).json();
        let es = heatwatch(&[&["--lang", "es"][..], args].concat()).json();
        assert_eq!(shape(&en), shape(&es), "{args:?}: same keys");
        assert_ne!(en, es, "{args:?}: texts follow --lang");
    }
    let en = heatwatch(&["--lang", "en", "hotlines", "--json"]).json();
    let es = heatwatch(&["--lang", "es", "hotlines", "--json"]).json();
    for (e, s) in en["hotlines"]
        .as_array()
        .unwrap()
        .iter()
        .zip(es["hotlines"].as_array().unwrap())
    {
        for key in ["id", "kind", "phone", "tel"] {
            assert_eq!(e[key], s[key], "{key}");
        }
    }
}

#[test]
fn check_and_diff_speak_spanish() {
    let run = heatwatch(&["--lang", "es", "check", "data/directory.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("data/directory.json: válido — ")
            && run
                .stdout
                .contains("sin verificar desde hace más de un año"),
        "{}",
        run.stdout
    );
    let run = heatwatch(&["--lang", "es", "check", "tests/fixtures/stale.json"]);
    assert!(
        run.stdout
            .contains("advertencia: hotlines[0]: consultado por última vez el 2020-01-01"),
        "{}",
        run.stdout
    );
    let run = heatwatch(&["--lang", "es", "check", "tests/fixtures/errors/syntax.json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("1 problema; el archivo no se puede usar."),
        "{}",
        run.stdout
    );

    let run = heatwatch(&[
        "--lang",
        "es",
        "diff",
        "tests/fixtures/minimal.json",
        "tests/fixtures/doc_example.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Comparando "), "{}", run.stdout);
    assert!(run.stdout.contains("Agregados ("), "{}", run.stdout);
    assert!(run.stdout.contains("  + línea "), "{}", run.stdout);
    assert!(run.stdout.contains("agregados: "), "{}", run.stdout);
    let run = heatwatch(&[
        "--lang",
        "es",
        "diff",
        "tests/fixtures/minimal.json",
        "no/such.json",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no se puede leer no/such.json"),
        "{}",
        run.stderr
    );
}

// --- the exports -----------------------------------------------------------------------

/// English words of the catalogue that must not be left in a Spanish export: every
/// literal piece of an English string (between placeholders) of 8 characters or more
/// that the Spanish string does not hold too.
fn english_leftovers(text: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for ((_, e), (_, s)) in EN.entries().into_iter().zip(ES.entries()) {
        for piece in e.split(['{', '}']) {
            let piece = piece.trim();
            if piece.chars().count() >= 8 && !s.contains(piece) && text.contains(piece) {
                found.push(piece);
            }
        }
    }
    let app = [
        EN.app.hours,
        EN.app.languages,
        EN.app.operated_by,
        EN.app.next_steps,
        EN.app.who_to_call,
        EN.app.not_verified,
        EN.app.anonymous_yes,
    ];
    found.extend(app.into_iter().filter(|w| text.contains(w)));
    found
}

fn export(lang: &str, format: &str) -> String {
    let run = heatwatch(&["--lang", lang, "export", "--format", format]);
    assert_eq!(run.code, 0, "{lang} {format}: {}", run.stderr);
    run.stdout
}

#[test]
fn spanish_exports_have_spanish_headings_and_the_same_numbers() {
    let numbers = ["911", "1(888) 373-7888", "1(510) 208-4959", "233733", "711"];
    for format in ["text", "markdown", "html"] {
        let en = export("en", format);
        let es = export("es", format);
        for heading in ["Hotlines", "What you can do", "About this information"] {
            assert!(en.contains(heading), "{format} en: {heading}");
            assert!(!es.contains(heading), "{format} es still says {heading}");
        }
        for heading in [
            "Líneas de ayuda",
            "Qué puede hacer",
            "Acerca de esta información",
        ] {
            assert!(es.contains(heading), "{format} es: no {heading}:\n{es}");
        }
        // Emergency first, sources last, as in English.
        let emergency = es.find("Emergencia").expect("the emergency number");
        let hotlines = es.find("Líneas de ayuda").unwrap();
        let sources = es.find("Fuentes:").expect("the sources");
        assert!(emergency < hotlines && hotlines < sources, "{format}");
        assert!(es.contains("4 de diciembre de 2026"), "{format}");
        assert!(
            es.contains("aún no revisada"),
            "{format}: unreviewed translation"
        );
        for n in numbers {
            assert!(es.contains(n), "{format}: {n}");
        }
        let left = english_leftovers(&es);
        assert!(
            left.is_empty(),
            "{format}: English left in Spanish: {left:?}"
        );
        assert!(
            english_leftovers(&en).len() > 3,
            "the leftover check finds English"
        );
    }
    let html = export("es", "html");
    assert!(html.contains("<html lang=\"es\">"), "{html}");
    assert!(html.contains("<title>HEAT Watch: líneas de ayuda y qué hacer</title>"));
    assert!(export("en", "html").contains("<html lang=\"en\">"));
}

#[test]
fn spanish_contact_cards_keep_every_number() {
    let en = export("en", "vcard");
    let es = export("es", "vcard");
    let tels = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("TEL"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(tels(&en), tels(&es));
    assert!(!tels(&es).is_empty());
    let unfolded = es.replace("\r\n ", "");
    assert!(
        unfolded.contains("NOTE:Precaución: cualquier persona que revise el teléfono"),
        "{es}"
    );
    assert!(!unfolded.contains("Caution"), "{es}");
}

#[test]
fn spanish_text_handout_snapshot() {
    let run = heatwatch(&["--lang", "es", "export", "--role", "law-enforcement"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .all(|l| l.chars().count() <= 78 || !l.trim().contains(' ')),
        "wrapped for print (only a web address too long for a line may overrun)"
    );
    insta::assert_snapshot!("es_export_text_law_enforcement", run.stdout);
}

/// The app's own start-up errors, printed before the terminal is touched, follow the
/// language too.
#[test]
fn without_a_terminal_the_app_says_it_needs_one_in_spanish() {
    // The tests' stdin and stdout are not terminals: the app must not try to draw.
    let es = heatwatch(&["--lang", "es", "--kiosk"]);
    assert_eq!(es.code, 2, "{}", es.stderr);
    assert!(
        es.stderr
            .starts_with("heatwatch: el directorio interactivo necesita una terminal")
            && es.stderr.contains("heatwatch hotlines"),
        "{}",
        es.stderr
    );
    let en = heatwatch(&["--lang", "en"]);
    assert_eq!(en.code, 2);
    assert!(
        en.stderr
            .starts_with("heatwatch: the interactive directory needs a terminal")
            && en.stderr.contains("heatwatch hotlines"),
        "{}",
        en.stderr
    );
    // Nothing but the message: no escape sequence, the terminal was never touched.
    assert!(!es.stderr.contains('\u{1b}') && es.stdout.is_empty());
}

/// Where a layered record came from is said in the reader's language for the built-in
/// directory, and by its path for a file.
#[test]
fn the_built_in_layer_is_named_in_spanish() {
    let args = |lang| {
        [
            "--lang",
            lang,
            "--with-embedded",
            "--data",
            "tests/fixtures/filters.json",
            "show",
            "national-hotline",
        ]
    };
    let es = heatwatch(&args("es"));
    assert_eq!(es.code, 0, "{}", es.stderr);
    assert!(
        es.stdout.contains("el directorio incorporado"),
        "{}",
        es.stdout
    );
    assert!(!es.stdout.contains("built-in directory"), "{}", es.stdout);
    let en = heatwatch(&args("en"));
    assert!(en.stdout.contains("built-in directory"), "{}", en.stdout);
}
