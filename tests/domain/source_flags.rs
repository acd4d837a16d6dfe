#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Issue 17 §4: only what a source says. A hotline flag (`anonymous`, `confidential`,
//! `emergency`) that is false or absent prints nothing in text (never "no"), is `null`
//! in JSON (never `false`), and `check` warns about a `false` written in the data.

use assert_cmd::cargo::cargo_bin_cmd;
use heatwatch::directory::load;
use heatwatch::i18n::cli as messages_cli;

const FLAGS: [&str; 3] = ["anonymous", "confidential", "emergency"];

fn run(args: &[&str]) -> (i32, String) {
    let out = cargo_bin_cmd!("heatwatch")
        .args(args)
        .env("LC_ALL", "C")
        .env_remove("LANG")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn json_flags_are_true_or_null() {
    let (code, out) = run(&["hotlines", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hotlines = v["hotlines"].as_array().expect("a hotlines array");
    let mut nulls = 0;
    for h in hotlines {
        for flag in FLAGS {
            match &h[flag] {
                serde_json::Value::Bool(true) => {}
                serde_json::Value::Null => nulls += 1,
                other => panic!("{}.{flag} is {other}", h["id"]),
            }
        }
        let id = h["id"].as_str().unwrap();
        let (_, shown) = run(&["show", id, "--json"]);
        let s: serde_json::Value = serde_json::from_str(&shown).unwrap();
        for flag in FLAGS {
            assert_eq!(s[flag], h[flag], "{id}.{flag}");
        }
    }
    // The embedded hotlines leave most flags unstated: the rule is exercised.
    assert!(nulls > 0);
}

#[test]
fn text_output_never_says_no_for_a_flag() {
    let dir = load::embedded().unwrap();
    for lang in ["en", "es"] {
        let m = messages_cli::for_language(lang);
        let labels = [
            m.label_anonymous,
            m.label_confidential,
            m.label_for_emergencies,
        ];
        let mut outputs = vec![run(&["--lang", lang, "hotlines"]).1];
        for h in &dir.hotlines {
            outputs.push(run(&["--lang", lang, "show", &h.id]).1);
        }
        outputs.push(run(&["--lang", lang, "export", "--format", "text"]).1);
        outputs.push(run(&["--lang", lang, "export", "--format", "markdown"]).1);
        for out in &outputs {
            assert!(!out.is_empty());
            for line in out.lines() {
                for label in labels {
                    let said_no = line.contains(&format!("{label}: {}", m.no))
                        || line.contains(&format!("{label}**: {}", m.no));
                    assert!(!said_no, "{lang}: {line:?}");
                }
            }
        }
        // Where a source does say so, the flag is printed.
        let tip = run(&["--lang", lang, "show", "heat-watch-tip-line"]).1;
        assert!(tip.contains(m.app.anonymous_yes), "{tip}");
    }
}

#[test]
fn check_warns_about_a_false_flag_in_the_data() {
    let mut v: serde_json::Value = serde_json::from_str(load::EMBEDDED_JSON).unwrap();
    v["hotlines"][0]["anonymous"] = serde_json::Value::Bool(false);
    v["hotlines"][1]["emergency"] = serde_json::Value::Bool(false);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flags.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let (code, out) = run(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("hotlines[0].anonymous"), "{out}");
    assert!(out.contains("hotlines[1].emergency"), "{out}");
    assert!(out.contains("not stated"), "{out}");
    // The embedded file itself writes no false flag.
    let embedded = dir.path().join("embedded.json");
    std::fs::write(&embedded, load::EMBEDDED_JSON).unwrap();
    let (_, clean) = run(&["check", embedded.to_str().unwrap()]);
    assert!(!clean.contains("not stated"), "{clean}");
    // And a file that leaves the flags out is not warned about.
    assert!(heatwatch::commands::false_flags(load::EMBEDDED_JSON.as_bytes()).is_empty());
}

#[test]
fn the_schema_says_false_means_not_stated() {
    let (code, out) = run(&["schema"]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
    let text = schema.to_string();
    assert!(text.contains("not stated"), "{text}");
}
