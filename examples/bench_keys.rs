//! Key-to-screen latency of the real binary in a pseudo-terminal, beside interactive
//! `fzf` given the same records, in the same run.
//!
//! ```text
//! cargo build --release && cargo run --release --example bench_keys
//! cargo run --release --example bench_keys -- --sizes 100000 --rounds 3
//! ```
//!
//! Options:
//!
//! - `--sizes A,B,C`: directory sizes, in generated services (default `1000,10000,100000`).
//! - `--rounds R`: how many times each query is typed (default 2).
//! - `--seed S`: seed passed to the generator (default 7).
//! - `--bin PATH`: the heatwatch binary (default: `heatwatch` beside this example's
//!   folder, that is `target/release/heatwatch`).
//! - `--no-fzf`: measure heatwatch only.
//!
//! For each size, the `gen_directory` example writes a directory file into a temporary
//! folder, and the services are written as lines for fzf, one record a line:
//! `name — description area`. Each program runs in a 100×30 pseudo-terminal. heatwatch
//! opens its search box with `/`; fzf starts in its own. Each query is then typed one
//! key at a time; after each key the benchmark reads the terminal until it has been
//! quiet for 40 ms, and the latency of the key is the time from writing it to the last
//! byte of output before that quiet (when the screen settled). The next key follows the
//! quiet. Between queries the box is cleared with Ctrl-U (heatwatch) or Ctrl-U (fzf),
//! not measured. A key's screen has settled once it shows the query typed so far with
//! its count of results in the search box's title, and no "searching…" (heatwatch's mark
//! of results still to come), and the output has then been quiet; fzf counts and draws its matches as they come and has no such mark, so for it
//! the quiet alone decides. Medians and 95th percentiles over every key of every query
//! and round.
//!
//! Keys whose screen does not change at all (no output within 1 s) are counted apart as
//! "silent" and left out of the figures. Exit status 2 on bad arguments or when a file
//! cannot be generated or a program started.
//!
//! ALL DATA IS FICTIONAL: see `examples/gen_directory.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[path = "common/term.rs"]
mod term;
use term::{QUIET, SILENT, Term, percentile};

const QUERIES: &[&str] = &["legal aid", "shelter oakland", "555 0142", "health clinic"];

struct Args {
    sizes: Vec<usize>,
    rounds: usize,
    seed: u64,
    bin: PathBuf,
    fzf: bool,
}

fn parse_args() -> Result<Args, String> {
    let default_bin = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("heatwatch")))
        .unwrap_or_else(|| PathBuf::from("target/release/heatwatch"));
    let mut args = Args {
        sizes: vec![1_000, 10_000, 100_000],
        rounds: 2,
        seed: 7,
        bin: default_bin,
        fzf: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--sizes" => {
                args.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().parse().map_err(|_| format!("bad size {s:?}")))
                    .collect::<Result<_, _>>()?;
            }
            "--rounds" => args.rounds = value()?.parse().map_err(|_| "bad --rounds")?,
            "--seed" => args.seed = value()?.parse().map_err(|_| "bad --seed")?,
            "--bin" => args.bin = PathBuf::from(value()?),
            "--no-fzf" => args.fzf = false,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(args)
}

/// Types every query `rounds` times; the latency of every key that changed the screen,
/// and how many did not. A key's screen has settled once `answered` holds for the query
/// typed so far, and the output
/// has then been quiet for [`QUIET`].
fn measure(
    term: &mut Term,
    rounds: usize,
    answered: fn(&vt100::Screen, &str) -> bool,
) -> (Vec<Duration>, usize) {
    let mut times = Vec::new();
    let mut silent = 0;
    for _ in 0..rounds {
        for q in QUERIES {
            for (i, ch) in q.char_indices() {
                let mut buf = [0u8; 4];
                let typed = q
                    .get(..i + ch.len_utf8())
                    .unwrap_or_default()
                    .trim_end()
                    .to_owned();
                let sent = Instant::now();
                term.send(ch.encode_utf8(&mut buf).as_bytes());
                let done = move |s: &vt100::Screen| answered(s, &typed);
                match term.settle_when(SILENT, done) {
                    Some(last) => times.push(last.duration_since(sent)),
                    None => silent += 1,
                }
            }
            term.send(b"\x15");
            let _ = term.settle(SILENT);
        }
    }
    (times, silent)
}

fn report(name: &str, size: usize, (mut times, silent): (Vec<Duration>, usize)) {
    times.sort_unstable();
    println!(
        "{size:>7}  {name:<10} keys {:>4}  p50 {:>7.1} ms  p95 {:>7.1} ms  max {:>7.1} ms  silent {silent}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0),
    );
}

/// The generated file's services as fzf lines: `name — description area`.
fn fzf_lines(json: &Path, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(json).map_err(|e| e.to_string())?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let mut lines = String::new();
    let str_of = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Object(m) => m
            .get("en")
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    };
    for s in value
        .get("services")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let name = s.get("name").map(str_of).unwrap_or_default();
        let description = s.get("description").map(str_of).unwrap_or_default();
        let area = s.get("area").map(str_of).unwrap_or_default();
        lines.push_str(&format!("{name} — {description} {area}\n"));
    }
    std::fs::write(out, lines).map_err(|e| e.to_string())
}

fn generate(size: usize, seed: u64, out: &Path) -> Result<(), String> {
    let status = Command::new("cargo")
        .args([
            "run",
            "--release",
            "--quiet",
            "--example",
            "gen_directory",
            "--",
        ])
        .args([
            "--entries",
            &size.to_string(),
            "--seed",
            &seed.to_string(),
            "-o",
        ])
        .arg(out)
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("gen_directory failed: {status}"))
    }
}

fn run(args: &Args) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    println!(
        "key to screen settled (quiet {} ms), 100x30 PTY, {} rounds of {:?}",
        QUIET.as_millis(),
        args.rounds,
        QUERIES
    );
    for &size in &args.sizes {
        let json = dir.path().join(format!("dir{size}.json"));
        generate(size, args.seed, &json)?;
        let path = json.to_str().ok_or("temporary path is not UTF-8")?;
        let mut hw = Term::spawn(&args.bin, &["--data", path], None)?;
        // The loaded directory's first frame (not the loading screen), then the search box.
        hw.settle_when(Duration::from_secs(60), |s| {
            let c = s.contents();
            !c.contains("Loading the directory")
                && !c.contains("Loading local services")
                && c.contains("Sections")
        })
        .ok_or("heatwatch drew nothing")?;
        std::thread::sleep(Duration::from_millis(300));
        let _ = hw.settle(QUIET);
        hw.send(b"/");
        hw.settle_when(Duration::from_secs(10), |s| s.contents().contains("║/ "))
            .ok_or("the search box did not open")?;
        report(
            "heatwatch",
            size,
            measure(&mut hw, args.rounds, term::answered),
        );
        drop(hw);
        if args.fzf {
            let lines = dir.path().join(format!("lines{size}.txt"));
            fzf_lines(&json, &lines)?;
            let mut fzf = Term::spawn(Path::new("fzf"), &[], Some(&lines))?;
            // Every record read: fzf's counter shows the total.
            let total = format!("{size}/{size}");
            fzf.settle_when(Duration::from_secs(60), move |s| {
                s.contents().contains(&total)
            })
            .ok_or("fzf drew nothing (is it installed?)")?;
            std::thread::sleep(Duration::from_millis(300));
            let _ = fzf.settle(QUIET);
            // fzf draws its matches as they come, with no mark of an answer: the query
            // on screen, then the quiet, decides.
            let typed = |s: &vt100::Screen, typed: &str| s.contents().contains(typed);
            report("fzf", size, measure(&mut fzf, args.rounds, typed));
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("bench_keys: {e}");
            }
            eprintln!(
                "usage: bench_keys [--sizes A,B,C] [--rounds R] [--seed S] [--bin PATH] [--no-fzf]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_keys: {e}");
            ExitCode::from(2)
        }
    }
}
