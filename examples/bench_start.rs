//! Start-up of the real binary in a pseudo-terminal: how long until the emergency number
//! is on screen, until the directory's head is (its sections), until the whole has
//! loaded (no loading line left), and the kernel's peak resident memory of the app
//! after one search.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example gen_directory -- --entries 100000 --seed 7 --with-embedded -o /tmp/emb100k.json
//! cargo run --release --example bench_start -- --data /tmp/emb100k.json --runs 5
//! ```
//!
//! Options:
//!
//! - `--data FILE`: the directory file (required; `--embedded` for the embedded one).
//! - `--runs N`: how many starts (default 5).
//! - `--bin PATH`: the heatwatch binary (default: `heatwatch` beside this example's
//!   folder, that is `target/release/heatwatch`).
//! - `--query Q`: the search typed once loaded, before memory is read (default `tip`).
//!
//! Each start runs the binary in a fresh 100×30 pseudo-terminal. Times are from just
//! before the program is started to the arrival of the output that first shows:
//! "911" (the first frame: the loading screen or the head); "Sections" with the footer
//! drawn (the directory's head, or the whole when it has none); and the same with
//! neither loading line
//! ("Loading the directory…", "Loading local services…"). Then `/` and the query are
//! typed, the answer awaited (the query's count of results), and the peak resident set
//! read from `/proc/PID/status` (`VmHWM`) before the app is asked to quit. Medians and
//! 95th percentiles over the runs (with few runs, the 95th is the slowest).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[path = "common/term.rs"]
mod term;
use term::{Term, percentile};

struct Args {
    data: Option<PathBuf>,
    runs: usize,
    bin: PathBuf,
    query: String,
}

fn parse_args() -> Result<Args, String> {
    let default_bin = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("heatwatch")))
        .unwrap_or_else(|| PathBuf::from("target/release/heatwatch"));
    let mut args = Args {
        data: None,
        runs: 5,
        bin: default_bin,
        query: "tip".to_owned(),
    };
    let mut embedded = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => args.data = Some(PathBuf::from(value()?)),
            "--embedded" => embedded = true,
            "--runs" => args.runs = value()?.parse().map_err(|_| "bad --runs")?,
            "--bin" => args.bin = PathBuf::from(value()?),
            "--query" => args.query = value()?,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if args.data.is_none() && !embedded {
        return Err("--data FILE or --embedded is required".to_owned());
    }
    Ok(args)
}

/// One start's figures.
struct Start {
    emergency: Duration,
    head: Duration,
    loaded: Duration,
    answered: Duration,
    peak_kib: u64,
}

const LIMIT: Duration = Duration::from_secs(120);

fn one(args: &Args) -> Result<Start, String> {
    let data = args.data.as_ref().and_then(|p| p.to_str());
    let argv: Vec<&str> = data.map(|d| vec!["--data", d]).unwrap_or_default();
    let started = Instant::now();
    let mut app = Term::spawn(&args.bin, &argv, None)?;
    let emergency = app
        .until(LIMIT, |s| s.contents().contains("911"))
        .ok_or("the emergency number never showed")?;
    // A frame reaches the terminal row by row: its bottom row (the footer) drawn means
    // the rows above it are too.
    let whole_frame = |s: &vt100::Screen| {
        s.contents().contains("Sections") && !s.contents_between(29, 0, 29, 100).trim().is_empty()
    };
    let head = app
        .until(LIMIT, whole_frame)
        .ok_or("the sections never showed")?;
    let loaded = app
        .until(LIMIT, |s| {
            let c = s.contents();
            whole_frame(s)
                && !c.contains("Loading the directory")
                && !c.contains("Loading local services")
        })
        .ok_or("the directory never finished loading")?;
    app.send(b"/");
    app.until(LIMIT, |s| s.contents().contains("║/ "))
        .ok_or("the search box did not open")?;
    let typed = Instant::now();
    app.send(args.query.as_bytes());
    let query = args.query.clone();
    let answered = app
        .until(LIMIT, move |s| term::answered(s, &query))
        .ok_or("the search never answered")?;
    let peak_kib = app.peak_rss_kib().ok_or("no /proc/PID/status")?;
    app.send(b"\x1b");
    std::thread::sleep(Duration::from_millis(100));
    app.send(b"q");
    Ok(Start {
        emergency: emergency - started,
        head: head - started,
        loaded: loaded - started,
        answered: answered - typed,
        peak_kib,
    })
}

fn line(name: &str, mut times: Vec<Duration>) {
    times.sort_unstable();
    println!(
        "{name:<34} p50 {:>9.1} ms  p95 {:>9.1} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.95)
    );
}

fn run(args: &Args) -> Result<(), String> {
    let what = args.data.as_ref().map_or_else(
        || "the embedded directory".to_owned(),
        |p| p.display().to_string(),
    );
    println!("start-up, 100x30 PTY, {} runs, {what}", args.runs);
    let mut all = Vec::with_capacity(args.runs);
    for _ in 0..args.runs {
        all.push(one(args)?);
        std::thread::sleep(Duration::from_millis(300));
    }
    line(
        "first frame with 911",
        all.iter().map(|s| s.emergency).collect(),
    );
    line(
        "the sections (head or whole)",
        all.iter().map(|s| s.head).collect(),
    );
    line(
        "whole directory loaded",
        all.iter().map(|s| s.loaded).collect(),
    );
    line(
        &format!("search {:?} answered", args.query),
        all.iter().map(|s| s.answered).collect(),
    );
    let mut peaks: Vec<u64> = all.iter().map(|s| s.peak_kib).collect();
    peaks.sort_unstable();
    let mib = |k: u64| k / 1024;
    println!(
        "{:<34} min {:>6} MiB  max {:>6} MiB",
        "peak RSS after the search",
        mib(peaks.first().copied().unwrap_or(0)),
        mib(peaks.last().copied().unwrap_or(0))
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("bench_start: {e}");
            }
            eprintln!(
                "usage: bench_start (--data FILE | --embedded) [--runs N] [--bin PATH] [--query Q]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_start: {e}");
            ExitCode::from(2)
        }
    }
}
