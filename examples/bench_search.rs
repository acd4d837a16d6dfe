//! Benchmarks loading, indexing and search-as-you-type on large generated directories.
//!
//! ```text
//! cargo run --release --example bench_search                       # 1000, 10000, 100000
//! cargo run --release --example bench_search -- --sizes 100000     # clean peak RSS at 100k
//! cargo run --release --locked --example bench_search -- --sizes 1000 --queries 3   # CI smoke
//! ```
//!
//! Options:
//!
//! - `--sizes A,B,C`: directory sizes, in generated services (default `1000,10000,100000`).
//! - `--queries N`: how many of the built-in queries to type (default 10, at most 10).
//! - `--seed S`: seed passed to the generator (default 7).
//! - `--rounds R`: how many times each query is typed (default 1).
//! - `--load-runs R`: how many times the directory is loaded and indexed; the median is
//!   reported (default 5).
//! - `--generator PATH`: run this `gen_directory` executable instead of `cargo run`
//!   (for when the tree does not build, say).
//! - `--help`: print this usage.
//!
//! For each size the directory is produced by the `gen_directory` example (run as a
//! subprocess, `cargo run --release --quiet --example gen_directory`, falling back to an
//! already-built executable) into a temporary file, which is removed at
//! the end. Nothing else is written to disk.
//!
//! Measured:
//!
//! - load: `heatwatch::directory::load::from_owned_bytes` (what `--data FILE` runs once
//!   the file is read: parse, check and convert) and
//!   `SearchIndex::build`, separately and together, median of `--load-runs` runs.
//!   Reading the file into memory is not timed.
//! - per keystroke: each query is typed letter by letter; each keystroke runs
//!   `search_after(prefix, Scope::All, RESULT_LIMIT, previous)` narrowing from the
//!   previous keystroke's results and clones the results (both exactly as the app's
//!   search worker does), then computes `highlight` for the titles
//!   (`Directory::path_title`) of the ranked top 50: from key to ranked top 50 with
//!   highlights ready. Each query starts from an empty search box (no narrowing on its
//!   first keystroke), which is reported separately as the worst case.
//! - peak RSS: `VmHWM` from `/proc/self/status`, reset through `/proc/self/clear_refs`
//!   before each size where the kernel allows it, and read after the first load and the
//!   typing (what the app does), before the further load runs. Memory the allocator kept
//!   from earlier sizes still counts, so quote a size run alone (`--sizes 100000`) for a
//!   clean peak.
//!
//! Exit status 1 if any query finds nothing at its full length (the benchmark must measure
//! something real), 2 on bad arguments or when the directory cannot be generated or loaded.
//!
//! ALL DATA IS FICTIONAL: see `examples/gen_directory.rs`.

use std::error::Error;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use heatwatch::directory::Directory;
use heatwatch::directory::load;
use heatwatch::search::{Results, Scope, SearchIndex, highlight};
use heatwatch::tui::app::RESULT_LIMIT;

type BoxResult<T> = Result<T, Box<dyn Error>>;

const USAGE: &str = "\
bench_search: load, index and search-as-you-type timings on generated directories.

Usage: bench_search [--sizes A,B,C] [--queries N] [--seed S] [--rounds R] [--load-runs R]
                    [--generator PATH]

  --sizes A,B,C    directory sizes in services (default 1000,10000,100000)
  --queries N      how many built-in queries to type, 1 to 10 (default 10)
  --seed S         generator seed (default 7)
  --rounds R       times each query is typed (default 1)
  --load-runs R    load+index runs per size; the median is reported (default 5)
  --generator PATH run this gen_directory executable instead of `cargo run`
  -h, --help       print this help

Run one size alone (--sizes 100000) for a clean peak RSS.";

/// Queries as a person would type them, chosen to match the generator's word lists:
/// service kinds, tags, California cities, a fictional 555-01XX number, accented text.
const QUERIES: &[&str] = &[
    "legal aid",
    "shelter oakland",
    "555 0142",
    "niños",
    "youth counseling",
    "immigration help",
    "food assistance",
    "health clinic",
    "job training",
    "housing hayward",
];

#[derive(Debug)]
struct Args {
    sizes: Vec<usize>,
    queries: usize,
    seed: u64,
    rounds: usize,
    load_runs: usize,
    generator: Option<PathBuf>,
}

enum Parsed {
    Run(Args),
    Help,
}

fn parse_num<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("{flag}: \"{v}\" is not a whole number"))
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut args = Args {
        sizes: vec![1_000, 10_000, 100_000],
        queries: QUERIES.len(),
        seed: 7,
        rounds: 1,
        load_runs: 5,
        generator: None,
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--sizes" => {
                let v = value("--sizes")?;
                args.sizes = v
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| parse_num("--sizes", s))
                    .collect::<Result<_, _>>()?;
                if args.sizes.is_empty() {
                    return Err("--sizes needs at least one size".to_owned());
                }
            }
            "--queries" => {
                args.queries = parse_num("--queries", &value("--queries")?)?;
                if args.queries == 0 || args.queries > QUERIES.len() {
                    return Err(format!("--queries must be 1 to {}", QUERIES.len()));
                }
            }
            "--seed" => args.seed = parse_num("--seed", &value("--seed")?)?,
            "--rounds" => {
                args.rounds = parse_num("--rounds", &value("--rounds")?)?;
                if args.rounds == 0 {
                    return Err("--rounds must be at least 1".to_owned());
                }
            }
            "--load-runs" => {
                args.load_runs = parse_num("--load-runs", &value("--load-runs")?)?;
                if args.load_runs == 0 {
                    return Err("--load-runs must be at least 1".to_owned());
                }
            }
            "--generator" => args.generator = Some(PathBuf::from(value("--generator")?)),
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    Ok(Parsed::Run(args))
}

// ---------------------------------------------------------------------------------------
// Generating the directory
// ---------------------------------------------------------------------------------------

/// Runs the generator into `out`: the executable given with `--generator`, else through
/// cargo (so that it is up to date), else an already-built generator executable.
fn generate(entries: usize, seed: u64, out: &Path, explicit: Option<&Path>) -> BoxResult<()> {
    let gen_args = [
        "--entries".to_owned(),
        entries.to_string(),
        "--seed".to_owned(),
        seed.to_string(),
        "-o".to_owned(),
        out.display().to_string(),
    ];
    let run = |exe: &Path| -> BoxResult<()> {
        let s = Command::new(exe)
            .args(&gen_args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
        if s.success() {
            Ok(())
        } else {
            Err(format!("{} failed ({s})", exe.display()).into())
        }
    };
    if let Some(exe) = explicit {
        return run(exe);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let via_cargo = Command::new(&cargo)
        .args(["run", "--release", "--quiet", "--example", "gen_directory"])
        .arg("--manifest-path")
        .arg(manifest_dir.join("Cargo.toml"))
        .arg("--")
        .args(&gen_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status();
    match via_cargo {
        Ok(s) if s.success() => return Ok(()),
        Ok(s) => eprintln!("bench_search: `cargo run --example gen_directory` failed ({s})"),
        Err(e) => eprintln!("bench_search: cannot run cargo: {e}"),
    }
    // An already-built generator: next to this executable, or in the target directory.
    let name = format!("gen_directory{}", std::env::consts::EXE_SUFFIX);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| manifest_dir.join("target"), PathBuf::from);
    let candidates = [
        std::env::current_exe()?.parent().map(|d| d.join(&name)),
        Some(target.join("release").join("examples").join(&name)),
    ];
    let exe = candidates
        .into_iter()
        .flatten()
        .find(|p| p.is_file())
        .ok_or("no built generator either; build it with `cargo build --release --example gen_directory`, or pass --generator PATH")?;
    eprintln!(
        "bench_search: using the built generator {} instead (it may be older than examples/gen_directory.rs)",
        exe.display()
    );
    run(&exe)
}

// ---------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// The nearest-rank percentile of sorted samples.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let n = sorted.len();
    // Nearest rank: ceil(p/100 * n), 1-based; both casts are of small, positive values.
    let rank = ((p / 100.0) * n as f64).ceil() as usize;
    let i = rank.clamp(1, n) - 1;
    sorted.get(i).copied().unwrap_or_default()
}

fn median(samples: &[Duration]) -> Duration {
    let mut v = samples.to_vec();
    v.sort_unstable();
    percentile(&v, 50.0)
}

/// A field of `/proc/self/status` in KiB, such as `VmHWM`.
fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "n/a".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0))
}

/// CPU time and run-queue wait (time ready to run but waiting for a CPU) of all this
/// process's threads so far, in nanoseconds, from `/proc/self/task/*/schedstat`.
fn sched_totals() -> Option<Sched> {
    let mut total = Sched::default();
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let Ok(task) = task else { continue };
        let Ok(line) = std::fs::read_to_string(task.path().join("schedstat")) else {
            continue;
        };
        let mut f = line
            .split_whitespace()
            .map(|v| v.parse::<u64>().unwrap_or(0));
        total.cpu_ns += f.next().unwrap_or(0);
        total.wait_ns += f.next().unwrap_or(0);
    }
    Some(total)
}

#[derive(Debug, Default, Clone, Copy)]
struct Sched {
    cpu_ns: u64,
    wait_ns: u64,
}

/// Wall time, CPU time and run-queue wait of one phase.
#[derive(Debug, Default, Clone, Copy)]
struct Phase {
    wall: Duration,
    cpu: Option<Duration>,
    wait: Option<Duration>,
}

impl Phase {
    fn plus(self, other: Self) -> Self {
        let add = |a: Option<Duration>, b: Option<Duration>| a.zip(b).map(|(a, b)| a + b);
        Self {
            wall: self.wall + other.wall,
            cpu: add(self.cpu, other.cpu),
            wait: add(self.wait, other.wait),
        }
    }

    fn measure<T>(f: impl FnOnce() -> T) -> (T, Self) {
        let s0 = sched_totals();
        let t0 = Instant::now();
        let out = f();
        let wall = t0.elapsed();
        let s1 = sched_totals();
        let (cpu, wait) = match (s0, s1) {
            (Some(a), Some(b)) => (
                Some(Duration::from_nanos(b.cpu_ns.saturating_sub(a.cpu_ns))),
                Some(Duration::from_nanos(b.wait_ns.saturating_sub(a.wait_ns))),
            ),
            _ => (None, None),
        };
        (out, Self { wall, cpu, wait })
    }
}

/// Milliseconds per item of a total, or "n/a".
fn per_ms(total: Option<Duration>, n: usize) -> String {
    match (total, u32::try_from(n)) {
        (Some(t), Ok(n)) if n > 0 => format!("{:.1}", ms(t / n)),
        _ => "n/a".to_owned(),
    }
}

fn secs(d: Option<Duration>) -> String {
    d.map_or_else(|| "n/a".to_owned(), |d| format!("{:.2}", d.as_secs_f64()))
}

/// Resets the peak RSS (`VmHWM`) to the current RSS; Linux 4.0 and later.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

struct LoadTimes {
    parse: Vec<Duration>,
    index: Vec<Duration>,
    total: Vec<Duration>,
    json_bytes: usize,
    records: usize,
    entries: usize,
}

impl LoadTimes {
    fn parse(&self) -> Duration {
        median(&self.parse)
    }

    fn index(&self) -> Duration {
        median(&self.index)
    }

    fn total(&self) -> Duration {
        median(&self.total)
    }

    /// Adds the runs of `other`.
    fn extend(&mut self, other: Self) {
        self.parse.extend(other.parse);
        self.index.extend(other.index);
        self.total.extend(other.total);
    }
}

/// Loads and indexes the directory `runs` times; keeps the last load for searching.
fn measure_load(path: &Path, runs: usize) -> BoxResult<(LoadTimes, Directory, SearchIndex)> {
    let mut parse = Vec::with_capacity(runs);
    let mut index = Vec::with_capacity(runs);
    let mut total = Vec::with_capacity(runs);
    let mut json_bytes = 0;
    let mut last = None;
    for _ in 0..runs {
        // Drop the previous load first, so that only one is ever held.
        drop(last.take());
        let bytes = std::fs::read(path)?;
        json_bytes = bytes.len();
        let t0 = Instant::now();
        // As in the app: the file's bytes are dropped once parsed, before conversion.
        let dir = load::from_owned_bytes(bytes).map_err(|e| format!("generated directory: {e}"))?;
        let t1 = Instant::now();
        let t2 = Instant::now();
        let idx = SearchIndex::build(&dir);
        let t3 = Instant::now();
        parse.push(t1 - t0);
        index.push(t3 - t2);
        total.push((t1 - t0) + (t3 - t2));
        last = Some((dir, idx));
    }
    let (dir, idx) = last.ok_or("no load runs")?;
    let times = LoadTimes {
        parse,
        index,
        total,
        json_bytes,
        records: dir.records().len(),
        entries: idx.len(),
    };
    Ok((times, dir, idx))
}

/// One keystroke: from the query as typed to the ranked top 50 with highlights ready.
/// Returns the results, to narrow the next keystroke from.
fn keystroke(
    dir: &Directory,
    index: &SearchIndex,
    prefix: &str,
    previous: Option<&Results>,
) -> Results {
    let results = index.search_after(prefix, Scope::All, RESULT_LIMIT, previous);
    // The worker keeps a copy to narrow from and sends the other to the interface.
    let answer = results.clone();
    let marked: Vec<(String, Vec<usize>)> = answer
        .hits
        .iter()
        .map(|hit| {
            let title = dir.path_title(hit.record);
            let marks = highlight(&title, prefix);
            (title, marks)
        })
        .collect();
    black_box((answer, marked));
    results
}

struct QueryStats {
    query: &'static str,
    keystrokes: usize,
    /// Matches at the full query.
    total: usize,
    /// Top hit's title at the full query.
    top: String,
    /// Slowest keystroke and its prefix.
    worst: Duration,
    worst_prefix: String,
    first: Duration,
}

struct SizeStats {
    entries: usize,
    load: LoadTimes,
    samples: Vec<Duration>,
    firsts: Vec<Duration>,
    queries: Vec<QueryStats>,
    peak_kib: Option<u64>,
    start_kib: Option<u64>,
    load_phase: Phase,
    typing_phase: Phase,
}

fn measure_typing(
    dir: &Directory,
    index: &SearchIndex,
    queries: &[&'static str],
    rounds: usize,
) -> (Vec<Duration>, Vec<Duration>, Vec<QueryStats>) {
    let mut samples = Vec::new();
    let mut firsts = Vec::new();
    let mut stats: Vec<QueryStats> = queries
        .iter()
        .map(|&q| QueryStats {
            query: q,
            keystrokes: 0,
            total: 0,
            top: String::new(),
            worst: Duration::ZERO,
            worst_prefix: String::new(),
            first: Duration::ZERO,
        })
        .collect();
    for _ in 0..rounds {
        for (q, st) in queries.iter().zip(stats.iter_mut()) {
            // A fresh search box: nothing to narrow from on the first keystroke.
            let mut previous: Option<Results> = None;
            let mut prefix = String::new();
            for (k, c) in q.chars().enumerate() {
                prefix.push(c);
                let t0 = Instant::now();
                let results = keystroke(dir, index, &prefix, previous.as_ref());
                let dt = t0.elapsed();
                samples.push(dt);
                st.keystrokes += 1;
                if k == 0 {
                    firsts.push(dt);
                    st.first = st.first.max(dt);
                }
                if dt > st.worst {
                    st.worst = dt;
                    st.worst_prefix.clone_from(&prefix);
                }
                previous = Some(results);
            }
            if let Some(r) = &previous {
                st.total = r.total;
                st.top = r
                    .hits
                    .first()
                    .map(|h| dir.path_title(h.record))
                    .unwrap_or_default();
            }
        }
    }
    (samples, firsts, stats)
}

fn run_size(args: &Args, entries: usize, queries: &[&'static str]) -> BoxResult<SizeStats> {
    let file = tempfile::Builder::new()
        .prefix("heatwatch-bench-")
        .suffix(".json")
        .tempfile()?;
    let t = Instant::now();
    generate(entries, args.seed, file.path(), args.generator.as_deref())?;
    eprintln!(
        "bench_search: generated {entries} entries (seed {}) in {:.1} s",
        args.seed,
        t.elapsed().as_secs_f64()
    );
    let start_kib = reset_peak_rss().then(|| proc_status_kib("VmRSS")).flatten();
    // One load, as the app does, then typing; the peak RSS is taken there, before the
    // further load runs (which only time loading, and whose freed memory the
    // allocator may keep).
    let (loaded, first_load) = Phase::measure(|| measure_load(file.path(), 1));
    let (mut load, dir, index) = loaded?;
    let ((samples, firsts, stats), typing_phase) =
        Phase::measure(|| measure_typing(&dir, &index, queries, args.rounds));
    let peak_kib = proc_status_kib("VmHWM");
    drop((dir, index));
    let mut load_phase = first_load;
    if args.load_runs > 1 {
        let (more, more_phase) = Phase::measure(|| measure_load(file.path(), args.load_runs - 1));
        load.extend(more?.0);
        load_phase = load_phase.plus(more_phase);
    }
    drop(file);
    Ok(SizeStats {
        entries,
        load,
        samples,
        firsts,
        queries: stats,
        peak_kib,
        start_kib,
        load_phase,
        typing_phase,
    })
}

// ---------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------

fn command_output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, v)| v.trim())
        })
        .unwrap_or("unknown CPU");
    let processors = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let nproc = command_output("nproc", &[]).unwrap_or_else(|| "n/a".to_owned());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| std::env::consts::OS.to_owned());
    let mem = proc_meminfo_total().map_or_else(String::new, |k| {
        format!(", {:.1} GiB RAM", k as f64 / (1024.0 * 1024.0))
    });
    format!(
        "{model}, {processors} logical CPUs in /proc/cpuinfo, nproc {nproc}, rayon threads {}{mem}, Linux {kernel}",
        rayon::current_num_threads()
    )
}

/// The load averages, to tell a busy machine (noisy numbers) from a quiet one.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "n/a".to_owned())
}

fn proc_meminfo_total() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    info.lines().find_map(|l| {
        let rest = l.strip_prefix("MemTotal:")?;
        rest.split_whitespace().next()?.parse().ok()
    })
}

fn now_utc() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

fn report(args: &Args, all: &[SizeStats], reset_ok: bool, load_before: &str) {
    println!("## heatwatch search benchmark\n");
    println!("- date: {}", now_utc());
    println!("- machine: {}", machine());
    println!(
        "- load average (1, 5, 15 min): {load_before} at start, {} at end",
        load_average()
    );
    println!(
        "- build: {}; seed {}; {} queries x {} rounds; load+index median of {} runs; RESULT_LIMIT {}",
        if cfg!(debug_assertions) {
            "DEBUG (numbers are meaningless; use --release)"
        } else {
            "release"
        },
        args.seed,
        args.queries,
        args.rounds,
        args.load_runs,
        RESULT_LIMIT
    );
    println!();
    println!(
        "| entries | load+index ms (median) | keystrokes | p50 ms | p95 ms | max ms | first key ms | peak RSS MiB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for s in all {
        let mut sorted = s.samples.clone();
        sorted.sort_unstable();
        let first_max = s.firsts.iter().max().copied().unwrap_or_default();
        println!(
            "| {} | {:.1} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
            s.entries,
            ms(s.load.total()),
            sorted.len(),
            ms(percentile(&sorted, 50.0)),
            ms(percentile(&sorted, 95.0)),
            ms(sorted.last().copied().unwrap_or_default()),
            ms(first_max),
            mib(s.peak_kib),
        );
    }
    println!();
    println!(
        "\"first key ms\" is the slowest first keystroke (a fresh search box: no narrowing). \
         Peak RSS is VmHWM, {}.",
        if reset_ok {
            "reset before each size; memory the allocator kept from an earlier size still \
             counts, so quote a size run alone (--sizes 100000) for a clean peak"
        } else {
            "cumulative over the sizes run in this process; run one size alone \
             (--sizes 100000) for a clean peak"
        }
    );
    println!();
    println!("### Load detail\n");
    println!(
        "| entries | JSON MiB | records | index entries | from_owned_bytes ms | SearchIndex::build ms | load+index ms | first key p50 ms | RSS before load MiB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for s in all {
        println!(
            "| {} | {:.1} | {} | {} | {:.1} | {:.1} | {:.1} | {:.3} | {} |",
            s.entries,
            s.load.json_bytes as f64 / (1024.0 * 1024.0),
            s.load.records,
            s.load.entries,
            ms(s.load.parse()),
            ms(s.load.index()),
            ms(s.load.total()),
            ms(median(&s.firsts)),
            mib(s.start_kib),
        );
    }
    println!("\n### CPU time and contention\n");
    println!(
        "Wall time, CPU time of all threads, and time threads were ready to run but waited \
         for a CPU (run-queue wait, from /proc/self/task/*/schedstat). A large wait means \
         a busy machine: the latencies above are then inflated, and CPU time per load or \
         per keystroke is the steadier number. The load phase also reads the file before \
         each run.\n"
    );
    println!(
        "| entries | load phase wall s | CPU s | run-queue wait s | CPU ms per load+index | typing phase wall s | CPU s | run-queue wait s | CPU ms per keystroke |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for s in all {
        println!(
            "| {} | {:.2} | {} | {} | {} | {:.2} | {} | {} | {} |",
            s.entries,
            s.load_phase.wall.as_secs_f64(),
            secs(s.load_phase.cpu),
            secs(s.load_phase.wait),
            per_ms(s.load_phase.cpu, args.load_runs),
            s.typing_phase.wall.as_secs_f64(),
            secs(s.typing_phase.cpu),
            secs(s.typing_phase.wait),
            per_ms(s.typing_phase.cpu, s.samples.len()),
        );
    }
    for s in all {
        println!("\n### Queries at {} entries\n", s.entries);
        println!(
            "| query | keystrokes | first key ms (max) | slowest key ms | at | matches | top hit |"
        );
        println!("|---|---:|---:|---:|---|---:|---|");
        for q in &s.queries {
            println!(
                "| {} | {} | {:.3} | {:.3} | \"{}\" | {} | {} |",
                q.query,
                q.keystrokes,
                ms(q.first),
                ms(q.worst),
                q.worst_prefix,
                q.total,
                q.top.replace('|', "\\|"),
            );
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("bench_search: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if cfg!(debug_assertions) {
        eprintln!("bench_search: warning: built without --release; timings mean little");
    }
    let queries: Vec<&'static str> = QUERIES.iter().copied().take(args.queries).collect();
    let reset_ok = reset_peak_rss();
    let load_before = load_average();
    let mut all = Vec::with_capacity(args.sizes.len());
    for &entries in &args.sizes {
        match run_size(&args, entries, &queries) {
            Ok(s) => all.push(s),
            Err(e) => {
                eprintln!("bench_search: {entries} entries: {e}");
                return ExitCode::from(2);
            }
        }
    }
    report(&args, &all, reset_ok, &load_before);
    let empty: Vec<String> = all
        .iter()
        .flat_map(|s| {
            s.queries
                .iter()
                .filter(|q| q.total == 0)
                .map(move |q| format!("\"{}\" at {} entries", q.query, s.entries))
        })
        .collect();
    if empty.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "bench_search: these queries found nothing at full length, so the benchmark measures nothing real: {}",
            empty.join(", ")
        );
        ExitCode::FAILURE
    }
}
