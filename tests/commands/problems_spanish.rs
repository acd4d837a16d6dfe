#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The problems found in a directory file, in Spanish: the catalogue of
//! `src/directory/problems.rs` is whole in both languages, and `--lang es` words every
//! problem `check` finds (and `--data` reports) in Spanish, the JSON parser's messages
//! included, while the JSON paths, positions, ids and quoted data stay exactly as in
//! English. Hostile input never makes either language panic.
//!
//! The library calls in this file word their problems in Spanish, as the caller asks
//! ([`LoadError::worded`]); English is checked through the binary, and byte for byte by
//! the golden errors of `tests/domain/data_load.rs`. Nothing sets a language for the
//! process: the library has none.

use std::path::{Path, PathBuf};

use heatwatch::directory::problems::{self, EN, ES};
use heatwatch::directory::{LoadError, load, sanitize};
use heatwatch::i18n::cli as messages_cli;
use serde_json::{Value, json};

use crate::common;

use common::{Run, run_heatwatch};

fn heatwatch(args: &[&str]) -> Run {
    let run = run_heatwatch(args, &[]);
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.chars().any(|c| sanitize::is_forbidden(c) && c != '\n'),
            "{args:?} printed a control character: {text:?}"
        );
    }
    run
}

/// Strings that are the same in English and Spanish.
const SAME_IN_BOTH: &[&str] = &[
    // "TTY" and "fax" are the Spanish words too.
    "diff_tty", "diff_fax",
];

/// The error fixtures and a phrase of the Spanish problem each must give.
const FIXTURES: &[(&str, &str)] = &[
    ("bad-date.json", "\"15/01/2026\" no es una fecha"),
    (
        "bad-phone.json",
        "no es un número de teléfono: contiene 'e'",
    ),
    (
        "dangling-hotline.json",
        "\"no-such-line\" no es el id de ninguna línea de ayuda",
    ),
    (
        "duplicate-id.json",
        "el id \"test-line\" ya lo usa hotlines[0]",
    ),
    ("empty.json", "el archivo está vacío"),
    (
        "hostile-key.json",
        "campo desconocido `\\u{1b}]0;pwned\\u{7}",
    ),
    ("invalid-utf8.json", "carácter Unicode no válido"),
    ("missing-field.json", "falta el campo `purpose`"),
    (
        "syntax.json",
        "se esperaba `,` o `}` — el archivo no es JSON válido",
    ),
    ("unknown-version.json", "schema_version 2 no es compatible"),
    (
        "wrong-type.json",
        "se encontró el texto \"yes\" donde se esperaba un valor lógico (true o false)",
    ),
];

/// English words of the loader and the parser that a Spanish problem must not hold.
const ENGLISH: &[&str] = &[
    "is not",
    "invalid",
    "missing field",
    "unknown field",
    "expected",
    "the file",
    "see docs",
    "(line ",
    "column ",
    "problem",
    "already used",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn minimal() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture("minimal.json")).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn sorted_placeholders(s: &str) -> Vec<&str> {
    let mut v = messages_cli::placeholders(s);
    v.sort_unstable();
    v
}

/// The lines of `check` that report a problem.
fn problem_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("error: ")).collect()
}

/// A tiny deterministic generator (xorshift), so that failures can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap()
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next().to_le_bytes()[0]).collect()
    }

    /// `base` with a few bytes flipped, inserted, removed, or cut off.
    fn mutate(&mut self, base: &[u8]) -> Vec<u8> {
        let mut b = base.to_vec();
        for _ in 0..=self.below(4) {
            let at = self.below(b.len());
            match self.below(4) {
                0 if !b.is_empty() => b[at] = self.next().to_le_bytes()[0],
                1 => {
                    let byte = *b"{}[]\",:0\\".get(self.below(10)).unwrap_or(&b'x');
                    b.insert(at, byte);
                }
                2 if !b.is_empty() => {
                    b.remove(at);
                }
                _ => b.truncate(at),
            }
        }
        b
    }
}

// --- the catalogue ---------------------------------------------------------------------

#[test]
fn every_problem_string_is_filled_and_translated_in_both_languages() {
    assert_eq!((EN.code, ES.code), ("en", "es"));
    let (en, es) = (EN.entries(), ES.entries());
    assert_eq!(en.len(), es.len());
    assert!(en.len() > 50, "the catalogue lists its strings");
    for ((name, e), (name_es, s)) in en.iter().zip(&es) {
        assert_eq!(name, name_es);
        assert!(!e.trim().is_empty(), "{name} is empty in English");
        assert!(!s.trim().is_empty(), "{name} is empty in Spanish");
        assert_eq!(
            sorted_placeholders(e),
            sorted_placeholders(s),
            "{name}: the placeholders differ: {e:?} / {s:?}"
        );
        if SAME_IN_BOTH.contains(name) {
            assert_eq!(e, s, "{name} is on the list of strings the same in both");
        } else {
            assert_ne!(e, s, "{name} is not translated");
        }
    }
    for name in SAME_IN_BOTH {
        assert!(en.iter().any(|(n, _)| n == name), "{name} is not a string");
    }
    assert_eq!(problems::for_language("es").code, "es");
    assert_eq!(problems::for_language("fr").code, "en");
}

#[test]
fn the_parser_words_translate_and_english_stays_as_the_parser_said_it() {
    // Real messages of serde_json, as the loader sees them.
    let message = |json: &str| {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Probe {
            name: String,
            pinned: Option<bool>,
            count: Option<u32>,
        }
        let e = serde_json::from_str::<Probe>(json).unwrap_err();
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
    };
    let cases = [
        (r#"{}"#, "falta el campo `name`"),
        (
            r#"{"name": 5}"#,
            "tipo de valor incorrecto: se encontró el número entero `5` donde se esperaba un texto",
        ),
        (
            r#"{"name": "a", "pinned": "yes"}"#,
            "se encontró el texto \"yes\" donde se esperaba un valor lógico (true o false)",
        ),
        (
            r#"{"name": "a", "count": -1}"#,
            "se encontró el número entero `-1` donde se esperaba un número entero positivo (u32)",
        ),
        (
            r#"{"name": "a", "name": "b"}"#,
            "el campo `name` aparece dos veces",
        ),
        (
            r#"{"name": "a", "other": 1}"#,
            "campo desconocido `other`; se esperaba uno de estos: `name`, `pinned`, `count`",
        ),
        (
            r#"{"name": "a"} x"#,
            "hay caracteres de más después del final",
        ),
        (
            r#"{"name": "a""#,
            "el archivo termina en medio de un objeto",
        ),
        (r#"{"name" "a"}"#, "falta `:`"),
        (
            r#"{"name": null}"#,
            "se encontró el valor null donde se esperaba un texto",
        ),
        (
            r#"{"name": [1]}"#,
            "se encontró una lista donde se esperaba un texto",
        ),
        (
            r#"{"name": {}}"#,
            "se encontró un objeto donde se esperaba un texto",
        ),
        (
            r#"{"name": 1.5}"#,
            "se encontró el número decimal `1.5` donde se esperaba un texto",
        ),
    ];
    for (json, spanish) in cases {
        let english = message(json);
        assert_eq!(problems::json_message_in(&EN, &english), english);
        let es = problems::json_message_in(&ES, &english);
        assert!(es.contains(spanish), "{json}: {english} → {es}");
    }
    // A deeply nested value.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let e = serde_json::from_str::<Value>(&deep)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("recursion limit exceeded"), "{e}");
    assert_eq!(
        problems::json_message_in(&ES, "recursion limit exceeded"),
        "demasiados niveles de anidamiento"
    );
    // A message of no known shape is quoted in English after a Spanish framing.
    assert_eq!(
        problems::json_message_in(&ES, "float key must be finite (got NaN or +/-inf)"),
        "el lector de JSON dice (en inglés): float key must be finite (got NaN or +/-inf)"
    );
}

// --- check and --data ------------------------------------------------------------------

#[test]
fn check_in_spanish_words_every_fixture_problem_in_spanish_with_the_same_paths() {
    for (name, phrase) in FIXTURES {
        let path = format!("tests/fixtures/errors/{name}");
        let en = heatwatch(&["--lang", "en", "check", &path]);
        let es = heatwatch(&["--lang", "es", "check", &path]);
        assert_eq!(en.code, 1, "{name}: {}", en.stdout);
        assert_eq!(es.code, 1, "{name}: {}", es.stdout);
        assert!(es.stdout.contains(phrase), "{name}: {}", es.stdout);
        assert!(
            es.stdout.contains("el archivo no se puede usar."),
            "{name}: {}",
            es.stdout
        );

        // The same problems, at the same paths and positions, as the loader finds.
        let err = load::from_path(&fixture(&format!("errors/{name}")), u64::MAX)
            .expect_err("the fixture must not load");
        let found = err.problems();
        let (en_lines, es_lines) = (problem_lines(&en.stdout), problem_lines(&es.stdout));
        assert_eq!(en_lines.len(), found.len(), "{name}: {}", en.stdout);
        assert_eq!(es_lines.len(), found.len(), "{name}: {}", es.stdout);
        for ((p, e), s) in found.iter().zip(&en_lines).zip(&es_lines) {
            if !p.path.is_empty() {
                assert!(e.starts_with(&format!("error: {}", p.path)), "{name}: {e}");
                assert!(s.starts_with(&format!("error: {}", p.path)), "{name}: {s}");
            }
            if let Some((l, c)) = p.position {
                assert!(e.contains(&format!("line {l}, column {c}")), "{name}: {e}");
                assert!(
                    s.contains(&format!("línea {l}, columna {c}")),
                    "{name}: {s}"
                );
            }
            assert_ne!(e, s, "{name}: not translated");
            let message = s.strip_prefix("error: ").unwrap();
            let message = message.strip_prefix(p.path.as_str()).unwrap_or(message);
            for word in ENGLISH {
                assert!(!message.contains(word), "{name}: English {word:?} in {s}");
            }
        }
    }
}

#[test]
fn check_in_spanish_words_the_loaders_own_rules_in_spanish() {
    let tmp = tempfile::tempdir().unwrap();
    let mut v = minimal();
    v["directory"]["time_zone"] = json!("Mars/Base");
    v["hotlines"][0]["url"] = json!("not a url");
    v["hotlines"][0]["extension"] = json!("call me");
    v["hotlines"][0]["schedule"] =
        json!({"weekly": [{"days": ["lun"], "opens": "9", "closes": "25:00"}]});
    v["hotlines"][0]["source"] = json!(["nowhere"]);
    v["roles"][0]["id"] = json!("has space");
    let file = write(tmp.path(), "rules.json", v.to_string().as_bytes());
    let run = heatwatch(&["--lang", "es", "check", &file]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    for expected in [
        "error: directory.time_zone: \"Mars/Base\" no es una zona horaria que heatwatch conozca",
        "error: hotlines[0].url: \"not a url\" no es una dirección web",
        "error: hotlines[0].phone extension: la extensión \"call me\" debe ser solo dígitos",
        "error: hotlines[0].schedule.weekly[0].days[0]: \"lun\" no es un día",
        "error: hotlines[0].schedule.weekly[0].opens: \"9\" no es una hora; escríbala como HH:MM en formato de 24 horas, de 00:00 a 23:59",
        "error: hotlines[0].schedule.weekly[0].closes: \"25:00\" no es una hora",
        "error: hotlines[0].source[0]: \"nowhere\" no es el id de ninguna entrada de directory.sources",
        "error: roles[0].id: el id \"has space\" no puede estar vacío ni tener espacios",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("8 problemas; el archivo no se puede usar."),
        "{}",
        run.stdout
    );
    let english = heatwatch(&["--lang", "en", "check", &file]);
    assert!(
        english
            .stdout
            .contains("error: roles[0].id: the id \"has space\" must be non-empty"),
        "{}",
        english.stdout
    );
}

#[test]
fn serde_missing_field_and_invalid_type_in_spanish() {
    // Through --data, as a search reports it.
    let run = heatwatch(&[
        "--lang",
        "es",
        "--data",
        "tests/fixtures/errors/missing-field.json",
        "search",
        "x",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "no es un archivo de directorio utilizable: hotlines[0] (línea 25, columna 5): falta el campo `purpose` — vea en docs/data-format.md qué contiene este campo"
        ),
        "{}",
        run.stderr
    );

    let tmp = tempfile::tempdir().unwrap();
    let mut v = minimal();
    v["hotlines"][0]["name"] = json!(5);
    let file = write(tmp.path(), "name.json", v.to_string().as_bytes());

    // In the library, worded in the language asked for.
    let err = load::from_bytes(v.to_string().as_bytes()).expect_err("not a directory");
    let LoadError::Parse(p) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(p.path, "hotlines[0].name");
    assert!(
        p.message
            .worded(&ES)
            .starts_with("tipo de valor incorrecto: "),
        "{p}"
    );
    let (line, column) = p.position.expect("a position");
    assert!(
        err.worded(&ES)
            .contains(&format!("(línea {line}, columna {column})")),
        "{err}"
    );
    // The same problem, worded in English by a caller who speaks it.
    assert!(
        err.to_string()
            .contains(&format!("(line {line}, column {column})")),
        "{err}"
    );

    let es = heatwatch(&["--lang", "es", "--data", &file, "search", "x"]);
    assert_eq!(es.code, 2);
    assert!(
        es.stderr.contains(&format!(
            "hotlines[0].name (línea {line}, columna {column}): tipo de valor incorrecto: se encontró el número entero `5` donde se esperaba un texto, o un objeto de código de idioma a texto"
        )),
        "{}",
        es.stderr
    );
    let en = heatwatch(&["--lang", "en", "--data", &file, "search", "x"]);
    assert!(
        en.stderr.contains(&format!(
            "hotlines[0].name (line {line}, column {column}): invalid type: integer `5`, expected a string, or a map of language code to string"
        )),
        "{}",
        en.stderr
    );

    let err = load::from_bytes(b"{\"schema_version\": 1}").expect_err("not a directory");
    assert!(
        err.worded(&ES).contains("falta el campo `directory`"),
        "{err}"
    );
    let err = load::from_bytes(b" ").expect_err("empty");
    assert!(
        err.worded(&ES).starts_with("el archivo está vacío."),
        "{err}"
    );
    let err = load::from_reader(std::io::repeat(b' '), 10).expect_err("endless");
    assert!(err.worded(&ES).contains("(10 bytes)"), "{err}");
    assert!(err.worded(&ES).contains("--max-data-mib"), "{err}");
}

#[test]
fn a_text_map_with_a_bad_language_is_reported_in_spanish() {
    for (name, text, expected) in [
        (
            "code",
            json!({"e n": "x"}),
            "\"e n\" no es un código de idioma; use códigos como \"en\" o \"es\"",
        ),
        (
            "empty",
            json!({}),
            "un objeto vacío: dé el texto en al menos un idioma",
        ),
    ] {
        let mut v = minimal();
        v["hotlines"][0]["name"] = text;
        let err = load::from_bytes(v.to_string().as_bytes()).expect_err(name);
        let shown = err.worded(&ES);
        assert!(shown.contains(expected), "{name}: {shown}");
        assert!(
            !shown.contains("en inglés"),
            "{name}: framed as English: {shown}"
        );
    }
    let twice = minimal()
        .to_string()
        .replace("\"Test Line\"", "{\"en\": \"a\", \"en\": \"b\"}");
    let shown = load::from_bytes(twice.as_bytes()).unwrap_err().worded(&ES);
    assert!(
        shown.contains("el idioma \"en\" aparece dos veces"),
        "{shown}"
    );
}

#[test]
fn a_layering_id_collision_in_spanish() {
    let es = heatwatch(&[
        "--lang",
        "es",
        "--with-embedded",
        "--data",
        "tests/fixtures/doc_example.json",
        "roles",
    ]);
    assert_eq!(es.code, 2);
    assert!(
        es.stderr.contains("no se pueden combinar los archivos de datos: ")
            && es.stderr.contains(
                "\"community-member\" es roles[0] en el directorio incorporado y roles[0] en tests/fixtures/doc_example.json"
            )
            && es.stderr.contains("Cada id debe ser único entre los archivos combinados"),
        "{}",
        es.stderr
    );
    for word in ["is roles", "built-in", "more than one file", "Ids must"] {
        assert!(!es.stderr.contains(word), "{word}: {}", es.stderr);
    }

    // Two programs.
    let tmp = tempfile::tempdir().unwrap();
    let mut v = minimal();
    v["program"] = json!({
        "id": "other-program", "name": "Other Program", "summary": "Another program.",
        "source": ["test-source"], "retrieved": "2026-01-15"
    });
    let file = write(tmp.path(), "program.json", v.to_string().as_bytes());
    let es = heatwatch(&["--lang", "es", "--with-embedded", "--data", &file, "roles"]);
    assert_eq!(es.code, 2);
    assert!(
        es.stderr.contains("el directorio incorporado y ")
            && es.stderr.contains("describen un programa cada uno"),
        "{}",
        es.stderr
    );
}

#[test]
fn diff_labels_its_numbers_in_spanish() {
    let tmp = tempfile::tempdir().unwrap();
    let mut old = minimal();
    old["hotlines"][0]["text"] = json!("233733");
    let mut new = old.clone();
    new["hotlines"][0]["text"] = json!("233734");
    new["directory"]["emergency_number"] = json!("112");
    let old = write(tmp.path(), "old.json", old.to_string().as_bytes());
    let new = write(tmp.path(), "new.json", new.to_string().as_bytes());
    let es = heatwatch(&["--lang", "es", "diff", &old, &new]);
    assert_eq!(es.code, 0, "{}", es.stderr);
    assert!(
        es.stdout.contains("antes: emergencia: 911"),
        "{}",
        es.stdout
    );
    assert!(
        es.stdout.contains("ahora: emergencia: 112"),
        "{}",
        es.stdout
    );
    assert!(es.stdout.contains("texto: 233734"), "{}", es.stdout);
    let en = heatwatch(&["--lang", "en", "diff", &old, &new]);
    assert!(en.stdout.contains("was: emergency: 911"), "{}", en.stdout);
    assert!(en.stdout.contains("text: 233734"), "{}", en.stdout);
}

// --- hostile input ---------------------------------------------------------------------

#[test]
fn hostile_input_never_panics_in_either_language() {
    let tmp = tempfile::tempdir().unwrap();
    let hostile = "tests/fixtures/hostile.json";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let base = std::fs::read(fixture("minimal.json")).unwrap();
    let mut files = vec![hostile.to_owned()];
    for i in 0..6 {
        let len = rng.below(600);
        files.push(write(
            tmp.path(),
            &format!("random{i}.json"),
            &rng.bytes(len),
        ));
        let mutated = rng.mutate(&base);
        files.push(write(tmp.path(), &format!("mutated{i}.json"), &mutated));
    }
    for lang in ["en", "es"] {
        for file in &files {
            let run = heatwatch(&["--lang", lang, "check", file]);
            assert!(
                [0, 1, 2].contains(&run.code),
                "{lang} {file}: {}",
                run.stdout
            );
            let run = heatwatch(&["--lang", lang, "--data", file, "search", "line"]);
            assert!(
                [0, 1, 2].contains(&run.code),
                "{lang} {file}: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn random_bytes_and_mutations_load_without_panic_in_spanish() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let bases = [
        std::fs::read(fixture("minimal.json")).unwrap(),
        std::fs::read(fixture("hostile.json")).unwrap(),
        std::fs::read(fixture("doc_example.json")).unwrap(),
    ];
    for round in 0..3000 {
        let bytes = if round % 3 == 0 {
            let len = rng.below(400);
            rng.bytes(len)
        } else {
            let base = &bases[rng.below(bases.len())];
            rng.mutate(base)
        };
        if let Err(err) = load::from_bytes(&bytes) {
            let shown = err.worded(&ES);
            assert!(!shown.trim().is_empty(), "{bytes:?}");
            assert!(
                !shown
                    .chars()
                    .any(|c| sanitize::is_forbidden(c) && c != '\n'),
                "{shown:?}"
            );
            for p in err.problems() {
                assert!(!p.message.worded(&ES).trim().is_empty(), "{p:?}");
                let _ = p.worded(&ES);
            }
        }
    }
}

#[test]
fn odd_parser_messages_never_panic_in_either_language() {
    let pieces = [
        "missing field `",
        "duplicate field `",
        "unknown field `",
        "unknown variant `",
        "`, expected ",
        "`, there are no fields",
        "invalid type: ",
        "invalid value: ",
        "invalid length ",
        "string \"",
        "\\\"",
        "\\",
        "integer `",
        "one of `",
        "` or `",
        ", expected ",
        "struct ",
        "`",
        "\"",
        "{",
        "}",
        "{code}",
        "é",
        "\u{1b}",
        "ñ",
        "5",
        " ",
    ];
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    for _ in 0..20_000 {
        let n = rng.below(7);
        let msg: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
        assert_eq!(problems::json_message_in(&EN, &msg), msg);
        let es = problems::json_message_in(&ES, &msg);
        assert!(!es.is_empty(), "{msg:?}");
    }
}
