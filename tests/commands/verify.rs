#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! `heatwatch verify`, against signatures made by the `minisign` command-line tool at test
//! time. `minisign` is required: without it these tests fail (CI installs it), they do
//! not skip.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, Run};

/// The `minisign` program; fails the test when it is missing.
fn minisign() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("minisign"))
        .find(|p| p.is_file())
        .expect("minisign is not installed (Debian: apt-get install minisign)")
}

/// Runs minisign with `args` in `dir`; fails the test when it fails.
fn run_minisign(dir: &Path, args: &[&str]) {
    let out = Command::new(minisign())
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run minisign");
    assert!(
        out.status.success(),
        "minisign {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A folder with a directory file, two key pairs made by minisign (`a.pub`, `b.pub`),
/// and the file signed by key a.
fn signed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/directory.json"),
        d.join("county.json"),
    )
    .unwrap();
    for k in ["a", "b"] {
        run_minisign(
            d,
            &[
                "-G",
                "-W",
                "-p",
                &format!("{k}.pub"),
                "-s",
                &format!("{k}.key"),
            ],
        );
    }
    run_minisign(
        d,
        &[
            "-S",
            "-s",
            "a.key",
            "-m",
            "county.json",
            "-t",
            "Alameda County, 2026-12-05",
        ],
    );
    dir
}

fn verify(d: &Path, extra: &[&str]) -> Run {
    let file = d.join("county.json");
    let mut args = vec!["verify", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = common::run_heatwatch(&args, &[]);
    common::assert_no_escapes(&args, &run);
    run
}

fn key(d: &Path, name: &str) -> String {
    d.join(name).to_str().unwrap().to_owned()
}

#[test]
fn a_file_signed_by_the_tool_verifies_and_its_trusted_comment_is_printed() {
    let dir = signed();
    let d = dir.path();
    let run = verify(d, &["--key", &key(d, "a.pub")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("good signature"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Alameda County, 2026-12-05"),
        "{}",
        run.stdout
    );
    // The legacy format too.
    run_minisign(
        d,
        &[
            "-S",
            "-l",
            "-s",
            "a.key",
            "-m",
            "county.json",
            "-t",
            "legacy",
        ],
    );
    let run = verify(d, &["--key", &key(d, "a.pub")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("legacy"), "{}", run.stdout);
}

#[test]
fn a_changed_byte_another_key_a_missing_or_truncated_signature_are_refused() {
    let dir = signed();
    let d = dir.path();
    let a = key(d, "a.pub");
    let b = key(d, "b.pub");
    // Another key.
    let run = verify(d, &["--key", &b]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("not trusted"), "{}", run.stderr);
    // A rotated key: the file is good if one of the trusted keys signed it.
    let run = verify(d, &["--key", &b, "--key", &a]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A truncated signature.
    let sig = d.join("county.json.minisig");
    let whole = std::fs::read(&sig).unwrap();
    std::fs::write(&sig, &whole[..whole.len() / 2]).unwrap();
    let run = verify(d, &["--key", &a]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("not a whole minisign signature"),
        "{}",
        run.stderr
    );
    std::fs::write(&sig, &whole).unwrap();
    // One changed byte: a digit of the National Hotline's number.
    let file = d.join("county.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text.replacen("373-7888", "373-7889", 1);
    assert_ne!(changed, text);
    std::fs::write(&file, changed).unwrap();
    let run = verify(d, &["--key", &a]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not match"), "{}", run.stderr);
    // No signature at all.
    std::fs::remove_file(&sig).unwrap();
    let run = verify(d, &["--key", &a]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no signature file"), "{}", run.stderr);
    // In Spanish.
    let es = common::run_heatwatch(
        &[
            "--lang",
            "es",
            "verify",
            file.to_str().unwrap(),
            "--key",
            &a,
        ],
        &[],
    );
    assert_eq!(es.code, 1);
    assert!(es.stderr.contains("no es de confianza"), "{}", es.stderr);
}

#[test]
fn a_key_that_cannot_be_used_or_no_key_is_a_usage_error() {
    let dir = signed();
    let d = dir.path();
    std::fs::write(
        d.join("bad.pub"),
        "untrusted comment: not a key\nnot base64\n",
    )
    .unwrap();
    let run = verify(d, &["--key", &key(d, "bad.pub")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("not a minisign public key"),
        "{}",
        run.stderr
    );
    // A file far larger than a key is refused by its size.
    let run = verify(d, &["--key", &key(d, "county.json")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = verify(d, &["--key", &key(d, "missing.pub")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = verify(d, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// `--trusted-key` (or HEATWATCH_TRUSTED_KEY) makes every command that reads --data
/// refuse a file without a good signature by one of the keys, and read it once signed;
/// no search index file is written or used then.
#[test]
fn a_trusted_key_makes_every_data_file_need_a_good_signature() {
    let dir = signed();
    let d = dir.path();
    let file = key(d, "county.json");
    let a = key(d, "a.pub");
    let b = key(d, "b.pub");
    // Signed by a: good with a, refused with b alone, good with both (rotation).
    for (keys, code) in [(vec![&a], 0), (vec![&b], 2), (vec![&b, &a], 0)] {
        for command in [
            &["hotlines"][..],
            &["search", "tip"],
            &["show", "national-hotline"],
        ] {
            let mut args: Vec<&str> = Vec::new();
            for k in &keys {
                args.extend(["--trusted-key", k.as_str()]);
            }
            args.extend(["--data", &file]);
            args.extend_from_slice(command);
            let run = common::run_heatwatch(&args, &[]);
            assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
            if code == 2 {
                assert!(run.stderr.contains("not trusted"), "{}", run.stderr);
                assert!(run.stdout.is_empty(), "{}", run.stdout);
            }
        }
    }
    // The environment variable does the same.
    let run = common::run_heatwatch(
        &["--data", &file, "hotlines"],
        &[("HEATWATCH_TRUSTED_KEY", b.as_str())],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    // A changed byte after signing is refused.
    let text = std::fs::read_to_string(d.join("county.json")).unwrap();
    std::fs::write(
        d.join("county.json"),
        text.replacen("373-7888", "373-7889", 1),
    )
    .unwrap();
    let run = common::run_heatwatch(&["--trusted-key", &a, "--data", &file, "hotlines"], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stdout.contains("373-7889"), "{}", run.stdout);
    // No index of a file without a good signature.
    let run = common::run_heatwatch(&["--trusted-key", &a, "--data", &file, "index"], &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!d.join("county.json.en.heatwatch-index").exists());
}

/// Issue 21 §1: with trusted keys, an index file beside the data is ignored unless it is
/// signed too; signed, `search` uses it and prints what it prints without it.
#[test]
fn with_trusted_keys_an_index_file_is_used_only_when_signed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A county file in one language (an index serves one language).
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/directory.json"))
            .unwrap(),
    )
    .unwrap();
    v["directory"]["translations"] = serde_json::json!([]);
    std::fs::write(
        d.join("county.json"),
        serde_json::to_vec_pretty(&v).unwrap(),
    )
    .unwrap();
    run_minisign(d, &["-G", "-W", "-p", "a.pub", "-s", "a.key"]);
    run_minisign(d, &["-S", "-s", "a.key", "-m", "county.json"]);
    let (a, file) = (key(d, "a.pub"), key(d, "county.json"));
    let trusted = |args: &[&str]| {
        let mut all = vec!["--trusted-key", a.as_str(), "--data", file.as_str()];
        all.extend_from_slice(args);
        common::run_heatwatch(&all, &[])
    };
    let made = trusted(&["index"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(made.stdout.contains("minisign -S -m"), "{}", made.stdout);
    let index = d.join("county.json.en.heatwatch-index");
    assert!(index.exists());
    let without = common::run_heatwatch(&["--data", &file, "search", "tip"], &[]);
    assert_eq!(without.code, 0, "{}", without.stderr);
    // Unsigned: not used, and said why; the answer is the same.
    let unsigned = trusted(&["search", "tip"]);
    assert_eq!(unsigned.stdout, without.stdout);
    assert!(
        unsigned.stderr.contains("was not used") && unsigned.stderr.contains("signature"),
        "{}",
        unsigned.stderr
    );
    // Signed by the trusted key: used, silently, with the same answer.
    run_minisign(
        d,
        &["-S", "-s", "a.key", "-m", "county.json.en.heatwatch-index"],
    );
    let signed = trusted(&["search", "tip"]);
    assert_eq!(signed.code, 0, "{}", signed.stderr);
    assert_eq!(signed.stdout, without.stdout);
    assert!(!signed.stderr.contains("was not used"), "{}", signed.stderr);
    // A changed index after signing: not used, and said why.
    let mut bytes = std::fs::read(&index).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&index, bytes).unwrap();
    let changed = trusted(&["search", "tip"]);
    assert_eq!(changed.stdout, without.stdout);
    assert!(
        changed.stderr.contains("was not used"),
        "{}",
        changed.stderr
    );
}
