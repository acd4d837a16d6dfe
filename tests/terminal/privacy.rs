#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Privacy, as a promise that is tested (issue 6): the program never touches the
//! network, never writes a file it was not asked to write (no history, no cache, no
//! config, no temp files), turns core dumps off, and never sets the terminal's title.
//!
//! The real binary runs under `strace`, with its home, XDG and temp directories pointed
//! at empty directories; the system calls it made are read back from strace's log.
//! `strace` is required: without it these tests fail (CI installs it), they do not skip.

#![cfg(target_os = "linux")]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::pty::{Pty, Spawn, serial};

const BIN: &str = env!("CARGO_BIN_EXE_heatwatch");
/// Generous: strace slows the app down, and CI machines are slow.
const TIMEOUT: Duration = Duration::from_secs(60);

const NATIONAL_HOTLINE: &str = "1(888) 373-7888";
const LOCAL_HOTLINE: &str = "1(510) 208-4959";

/// Everything strace is asked to record: every network call, and every call that can
/// create, change or remove a file.
const TRACED: &str = "trace=%network,open,openat,openat2,creat,mkdir,mkdirat,\
                      rename,renameat,renameat2,unlink,unlinkat,truncate";

/// Files the app may open for writing: the terminal.
fn is_terminal_path(path: &str) -> bool {
    matches!(path, "/dev/tty" | "/dev/ptmx" | "/dev/null")
        || path
            .strip_prefix("/dev/pts/")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The path of `strace`; fails the test when it is missing.
fn strace() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("strace"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "strace is not installed: the privacy tests need it \
                 (apt-get install strace; .ci/run installs it)"
            )
        })
}

// ---------------------------------------------------------------------------------------
// An empty home

/// Empty home, config, data, cache, state, temp and working directories for one run.
struct Sandbox {
    root: tempfile::TempDir,
}

const SANDBOX_VARS: [(&str, &str); 6] = [
    ("HOME", "home"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
    ("TMPDIR", "tmp"),
];
/// The working directory of the run: it must stay empty too.
const WORKDIR: &str = "cwd";

impl Sandbox {
    fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("heatwatch-privacy")
            .tempdir()
            .expect("temp dir");
        for (_, dir) in SANDBOX_VARS {
            std::fs::create_dir(root.path().join(dir)).expect("create sandbox dir");
        }
        std::fs::create_dir(root.path().join(WORKDIR)).expect("create sandbox dir");
        Self { root }
    }

    fn dir(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    /// The environment of a run: the sandbox's directories.
    fn env(&self) -> Vec<(&'static str, OsString)> {
        SANDBOX_VARS
            .iter()
            .map(|(var, dir)| (*var, self.dir(dir).into_os_string()))
            .collect()
    }

    /// Where strace writes its log: outside the directories that must stay empty.
    fn log(&self) -> PathBuf {
        self.root.path().join("strace.log")
    }

    /// Every sandbox directory is still empty.
    fn assert_empty(&self, run: &str) {
        for dir in SANDBOX_VARS
            .iter()
            .map(|(_, d)| *d)
            .chain(std::iter::once(WORKDIR))
        {
            let entries: Vec<_> = std::fs::read_dir(self.dir(dir))
                .expect("read sandbox dir")
                .map(|e| e.expect("dir entry").path())
                .collect();
            assert!(
                entries.is_empty(),
                "{run}: wrote into the {dir} directory: {entries:?}"
            );
        }
    }
}

/// The strace arguments before the program to run.
fn strace_args(log: &Path, filter: &str) -> Vec<String> {
    vec![
        "-f".into(),
        "-qq".into(),
        "-e".into(),
        filter.into(),
        "-o".into(),
        log.to_str().expect("UTF-8 log path").into(),
        "--".into(),
        BIN.into(),
    ]
}

/// Runs a command of the binary under strace, in the sandbox; returns its stdout and
/// the strace log.
fn traced_command(sandbox: &Sandbox, args: &[&str]) -> (Vec<u8>, String) {
    let log = sandbox.log();
    let _ = std::fs::remove_file(&log);
    let mut cmd = Command::new(strace());
    cmd.args(strace_args(&log, TRACED))
        .args(args)
        .current_dir(sandbox.dir(WORKDIR))
        .env_remove("HEATWATCH_DATA")
        .env_remove("HEATWATCH_KIOSK_PIN")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (var, dir) in sandbox.env() {
        cmd.env(var, dir);
    }
    let out = cmd.output().expect("run strace");
    assert!(
        out.status.success(),
        "heatwatch {args:?} under strace failed: {:?}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let log = std::fs::read_to_string(&log).expect("read the strace log");
    (out.stdout, log)
}

// ---------------------------------------------------------------------------------------
// Reading strace's log

/// One system call from the log.
#[derive(Debug, Clone)]
struct Call {
    name: String,
    /// The quoted path arguments, unescaped.
    paths: Vec<String>,
    /// The arguments after the first path (flags for the open calls).
    rest: String,
    line: String,
}

/// The calls in a strace log. A call cut in two by another thread's
/// (`... <unfinished ...>` and `<... name resumed>`) is read from its first half, which
/// holds the name, the paths and the flags.
fn parse_log(log: &str) -> Vec<Call> {
    log.lines()
        .filter_map(|line| {
            let body = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
            if body.starts_with("<...") || body.starts_with("---") || body.starts_with("+++") {
                return None;
            }
            let open = body.find('(')?;
            let name = &body[..open];
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return None;
            }
            let (paths, rest) = quoted_strings(&body[open + 1..]);
            Some(Call {
                name: name.to_owned(),
                paths,
                rest,
                line: line.to_owned(),
            })
        })
        .collect()
}

/// The quoted strings of strace's argument text, and the text after the first one.
fn quoted_strings(args: &str) -> (Vec<String>, String) {
    let mut out = Vec::new();
    let mut rest = String::new();
    let mut chars = args.chars();
    let mut seen_first = false;
    while let Some(c) = chars.next() {
        if c != '"' {
            if seen_first {
                rest.push(c);
            }
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some(e) = chars.next() {
                        s.push(e);
                    }
                }
                _ => s.push(c),
            }
        }
        out.push(s);
        seen_first = true;
    }
    (out, rest)
}

const NETWORK: &[&str] = &[
    "socket",
    "connect",
    "bind",
    "listen",
    "accept",
    "accept4",
    "sendto",
    "sendmsg",
    "sendmmsg",
    "recvfrom",
    "recvmsg",
    "recvmmsg",
    "getsockname",
    "getpeername",
    "setsockopt",
    "getsockopt",
    "shutdown",
];
const ALWAYS_WRITES: &[&str] = &[
    "creat",
    "mkdir",
    "mkdirat",
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
    "truncate",
];

/// Whether a call can create, change or remove a file.
fn writes(call: &Call) -> bool {
    match call.name.as_str() {
        "open" | "openat" | "openat2" => call
            .rest
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|flag| matches!(flag, "O_WRONLY" | "O_RDWR" | "O_CREAT" | "O_TRUNC")),
        name => ALWAYS_WRITES.contains(&name),
    }
}

/// The calls that write somewhere other than the terminal.
/// Whether `path` is a temporary file heatwatch writes beside `target` before renaming
/// it over `target` (src/commands/replace.rs): same folder, `.heatwatch-….partial`.
fn is_temp_beside(path: &str, target: &str) -> bool {
    let (p, t) = (Path::new(path), Path::new(target));
    p.parent() == t.parent()
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(".heatwatch-") && n.ends_with(".partial"))
}

fn file_writes(calls: &[Call]) -> Vec<&Call> {
    calls
        .iter()
        .filter(|c| writes(c) && !c.paths.iter().all(|p| is_terminal_path(p)))
        .collect()
}

/// Asserts that the log shows no network use and no file written; returns the calls.
fn assert_private(run: &str, log: &str) -> Vec<Call> {
    let calls = parse_log(log);
    assert!(
        calls.iter().any(|c| c.name.starts_with("open")),
        "{run}: the strace log shows no open call at all, so it was not read right:\n{log}"
    );
    let network: Vec<&str> = calls
        .iter()
        .filter(|c| NETWORK.contains(&c.name.as_str()))
        .map(|c| c.line.as_str())
        .collect();
    assert!(network.is_empty(), "{run}: network calls:\n{network:#?}");
    let written: Vec<&str> = file_writes(&calls)
        .into_iter()
        .map(|c| c.line.as_str())
        .collect();
    assert!(
        written.is_empty(),
        "{run}: files opened for writing or changed:\n{written:#?}"
    );
    calls
}

#[test]
fn the_log_reader_sees_writes_and_network() {
    let log = "\
101 openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3
101 openat(AT_FDCWD, \"/home/x/.cache/h\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 4
102 openat(AT_FDCWD, \"/dev/tty\", O_RDWR|O_CLOEXEC <unfinished ...>
102 <... openat resumed>) = 5
101 openat2(AT_FDCWD, \"/tmp/a\\\"b\", {flags=O_RDWR|O_CLOEXEC, mode=0}, 24) = 6
101 open(\"/dev/pts/3\", O_RDWR) = 7
101 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 8
101 renameat2(AT_FDCWD, \"/a\", AT_FDCWD, \"/b\", 0) = 0
--- SIGWINCH {si_signo=SIGWINCH} ---
";
    let calls = parse_log(log);
    assert_eq!(calls.len(), 7, "{calls:#?}");
    let written: Vec<&str> = file_writes(&calls)
        .iter()
        .map(|c| c.paths[0].as_str())
        .collect();
    assert_eq!(written, ["/home/x/.cache/h", "/tmp/a\"b", "/a"]);
    assert!(calls.iter().any(|c| c.name == "socket"));
    assert!(is_terminal_path("/dev/pts/12") && !is_terminal_path("/dev/pts/../sda"));
}

// ---------------------------------------------------------------------------------------
// The PTY harness of tests/common, with strace's slower pace

/// Runs `program args` in a 100x30 PTY, in `cwd`, with `env` set.
fn spawn(program: &Path, args: &[String], cwd: &Path, env: &[(&str, OsString)]) -> Pty {
    let env: Vec<(&str, String)> = env
        .iter()
        .map(|(k, v)| (*k, v.to_string_lossy().into_owned()))
        .collect();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Pty::spawn_program(
        &program.to_string_lossy(),
        &Spawn {
            args: &args,
            env: &env,
            cwd: Some(cwd),
            timeout: Some(TIMEOUT),
            ..Spawn::default()
        },
    )
}

/// Waits until the screen's text satisfies `pred`.
fn wait_for(pty: &Pty, what: &str, pred: impl Fn(&str) -> bool) {
    pty.wait_for(what, |s| pred(&s.contents()));
}

/// Drives a whole interactive session: first frame, a search for "tip", its results,
/// Esc, then `q`. Returns the raw bytes the app wrote.
fn interactive_session(pty: &mut Pty) -> Vec<u8> {
    pty.wait_for_text(&[NATIONAL_HOTLINE, LOCAL_HOTLINE, "911"]);
    pty.send(b"/");
    pty.wait_for_text(&["Search"]);
    pty.send(b"tip");
    wait_for(pty, "results for \"tip\"", |c| {
        c.contains("/ tip") && c.contains(" results")
    });
    pty.send(b"\x1b");
    wait_for(pty, "search closed", |c| !c.contains("/ tip"));
    pty.send(b"q");
    let status = pty.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status:?}");
    pty.raw()
}

// ---------------------------------------------------------------------------------------
// Tests: no network, no files

#[test]
fn commands_use_no_network_and_write_no_file() {
    let _guard = serial();
    for args in [
        &["search", "tip line"][..],
        &["hotlines", "--json"],
        &["show", "national-hotline"],
        &["export", "--format", "html"],
    ] {
        let sandbox = Sandbox::new();
        let run = format!("heatwatch {}", args.join(" "));
        let (stdout, log) = traced_command(&sandbox, args);
        assert!(!stdout.is_empty(), "{run}: printed nothing");
        assert_private(&run, &log);
        sandbox.assert_empty(&run);
    }
}

#[test]
fn the_interactive_app_uses_no_network_and_writes_no_file() {
    let _guard = serial();
    let sandbox = Sandbox::new();
    let log = sandbox.log();
    let mut pty = spawn(
        &strace(),
        &strace_args(&log, TRACED),
        &sandbox.dir(WORKDIR),
        &sandbox.env(),
    );
    interactive_session(&mut pty);
    let log = std::fs::read_to_string(&log).expect("read the strace log");
    let calls = assert_private("the interactive app", &log);
    // The log really covers the app: it opened the terminal.
    assert!(
        calls
            .iter()
            .any(|c| c.name.starts_with("open") && c.paths.iter().any(|p| p == "/dev/tty")),
        "the interactive run never opened /dev/tty; is the log from the app?\n{log}"
    );
    sandbox.assert_empty("the interactive app");
}

#[test]
fn index_writes_its_index_file_only_and_search_with_it_writes_nothing() {
    let _guard = serial();
    let sandbox = Sandbox::new();
    let data_dir = sandbox.dir("county");
    std::fs::create_dir(&data_dir).expect("create data dir");
    let data = data_dir.join("county.json");
    // The embedded directory without its translation: an index file serves a directory
    // in one language.
    let mut file: serde_json::Value =
        serde_json::from_str(heatwatch::directory::load::EMBEDDED_JSON).expect("embedded JSON");
    if let Some(d) = file["directory"].as_object_mut() {
        d.remove("translations");
    }
    std::fs::write(&data, serde_json::to_vec_pretty(&file).expect("JSON"))
        .expect("write the directory file");
    let data_str = data.to_str().expect("UTF-8 path");
    let index = format!("{data_str}.en.heatwatch-index");
    let run = format!("heatwatch --data {data_str} index");
    let (_, log) = traced_command(&sandbox, &["--data", data_str, "index"]);
    let calls = parse_log(&log);
    assert!(
        !calls.iter().any(|c| NETWORK.contains(&c.name.as_str())),
        "{run}: network calls"
    );
    // Written whole under a temporary name beside it, then renamed: those names only.
    let written = file_writes(&calls);
    assert!(!written.is_empty(), "{run}: wrote nothing?");
    for call in &written {
        assert!(
            call.paths
                .iter()
                .all(|p| *p == index || is_temp_beside(p, &index)),
            "{run}: {call:#?}"
        );
    }
    sandbox.assert_empty(&run);
    let mut files: Vec<_> = std::fs::read_dir(&data_dir)
        .expect("read data dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    files.sort();
    assert_eq!(files, ["county.json", "county.json.en.heatwatch-index"]);
    // Searching with the index reads it, and writes nothing.
    let run = format!("heatwatch --data {data_str} search tip line");
    let (stdout, log) = traced_command(&sandbox, &["--data", data_str, "search", "tip line"]);
    assert!(!stdout.is_empty(), "{run}: printed nothing");
    let calls = assert_private(&run, &log);
    assert!(
        calls
            .iter()
            .any(|c| c.name.starts_with("open") && c.paths.contains(&index)),
        "{run}: never opened the index\n{log}"
    );
    sandbox.assert_empty(&run);
}

#[test]
fn export_to_a_file_writes_that_file_only() {
    let _guard = serial();
    let sandbox = Sandbox::new();
    let out_dir = sandbox.dir("out");
    std::fs::create_dir(&out_dir).expect("create out dir");
    let file = out_dir.join("handout.html");
    let file_str = file.to_str().expect("UTF-8 path");
    let run = format!("heatwatch export --format html -o {file_str}");
    let (_, log) = traced_command(&sandbox, &["export", "--format", "html", "-o", file_str]);
    let calls = parse_log(&log);
    let network: Vec<&str> = calls
        .iter()
        .filter(|c| NETWORK.contains(&c.name.as_str()))
        .map(|c| c.line.as_str())
        .collect();
    assert!(network.is_empty(), "{run}: network calls:\n{network:#?}");
    // The handout is written to a temporary file beside it, then renamed over it:
    // nothing else is written.
    let written = file_writes(&calls);
    assert!(!written.is_empty(), "{run}: wrote nothing?");
    for call in &written {
        assert!(
            call.paths
                .iter()
                .all(|p| *p == file_str || is_temp_beside(p, file_str)),
            "{run}: {call:#?}"
        );
    }
    assert!(
        written
            .iter()
            .any(|c| c.name.starts_with("rename") && c.paths.iter().any(|p| p == file_str)),
        "{run}: no rename onto the handout:\n{written:#?}"
    );
    sandbox.assert_empty(&run);
    let html = std::fs::read_to_string(&file).expect("the handout was written");
    assert!(
        html.contains(NATIONAL_HOTLINE),
        "{run}: the handout lacks the hotline"
    );
    let in_out: Vec<_> = std::fs::read_dir(&out_dir)
        .expect("read out dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(in_out, ["handout.html"], "{run}: other files next to it");
}

// ---------------------------------------------------------------------------------------
// Tests: core dumps off

/// Soft and hard limits of one line of `/proc/<pid>/limits`.
fn limit(limits: &str, name: &str) -> (String, String) {
    let line = limits
        .lines()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name:?} in /proc/<pid>/limits:\n{limits}"));
    let mut fields = line[name.len()..].split_whitespace();
    let soft = fields.next().expect("soft limit").to_owned();
    let hard = fields.next().expect("hard limit").to_owned();
    (soft, hard)
}

#[test]
fn the_running_app_has_core_dumps_off() {
    let _guard = serial();
    let sandbox = Sandbox::new();
    // Start it with core dumps allowed, as far as the hard limit lets a shell, so that a
    // soft limit of 0 is the app's doing and not the test machine's.
    let mut pty = spawn(
        Path::new("/bin/sh"),
        &[
            "-c".into(),
            "ulimit -S -c \"$(ulimit -H -c)\" 2>/dev/null; exec \"$0\"".into(),
            BIN.into(),
        ],
        &sandbox.dir(WORKDIR),
        &sandbox.env(),
    );
    pty.wait_for_text(&[NATIONAL_HOTLINE, LOCAL_HOTLINE, "911"]);
    let path = format!("/proc/{}/limits", pty.pid());
    let limits = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {path} of the running app: {e}"));
    let (soft, hard) = limit(&limits, "Max core file size");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    assert_eq!(
        (soft.as_str(), hard.as_str()),
        ("0", "0"),
        "core dumps are not off (RLIMIT_CORE soft {soft}, hard {hard}):\n{limits}"
    );
}

#[test]
fn the_app_and_the_commands_disable_core_dumps_at_start() {
    let _guard = serial();
    let sandbox = Sandbox::new();
    let filter = "trace=prctl,prlimit64,setrlimit";
    let check = |run: &str, log: &str| {
        let calls = parse_log(log);
        let dumpable = calls.iter().any(|c| {
            c.name == "prctl"
                && (c.line.contains("PR_SET_DUMPABLE, 0)")
                    || c.line.contains("PR_SET_DUMPABLE, SUID_DUMP_DISABLE)"))
                && c.line.ends_with("= 0")
        });
        let rlimit = calls.iter().any(|c| {
            matches!(c.name.as_str(), "prlimit64" | "setrlimit")
                && c.line.contains("RLIMIT_CORE")
                && c.line.contains("rlim_cur=0, rlim_max=0")
                && c.line.ends_with("= 0")
        });
        assert!(
            dumpable && rlimit,
            "{run}: core dumps not turned off at start \
             (PR_SET_DUMPABLE 0: {dumpable}, RLIMIT_CORE 0/0: {rlimit}); strace log:\n{log}"
        );
    };

    // A command.
    let log_path = sandbox.log();
    let out = Command::new(strace())
        .args(strace_args(&log_path, filter))
        .args(["hotlines"])
        .current_dir(sandbox.dir(WORKDIR))
        .stdin(Stdio::null())
        .output()
        .expect("run strace");
    assert!(out.status.success(), "{:?}", out.status);
    let log = std::fs::read_to_string(&log_path).expect("read the strace log");
    check("heatwatch hotlines", &log);

    // The interactive app.
    let mut pty = spawn(
        &strace(),
        &strace_args(&log_path, filter),
        &sandbox.dir(WORKDIR),
        &sandbox.env(),
    );
    pty.wait_for_text(&[NATIONAL_HOTLINE, LOCAL_HOTLINE, "911"]);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    let log = std::fs::read_to_string(&log_path).expect("read the strace log");
    check("the interactive app", &log);
}

// ---------------------------------------------------------------------------------------
// Tests: no terminal title

/// What in the output would set the terminal's title or talk to the terminal outside
/// the screen: any operating system command (OSC: ESC ] or the C1 control U+009D), which
/// sets the window title (0, 2), the clipboard (52), colours and so on; and any window
/// operation (CSI … t: the title stack, title reports, resizing).
fn osc_problem(raw: &[u8]) -> Option<String> {
    for (seq, what) in [
        (&b"\x1b]0;"[..], "the window and icon title (OSC 0)"),
        (b"\x1b]1;", "the icon title (OSC 1)"),
        (b"\x1b]2;", "the window title (OSC 2)"),
        (b"\x1b]", "an operating system command (OSC)"),
    ] {
        if let Some(at) = raw.windows(seq.len()).position(|w| w == seq) {
            let end = raw.len().min(at + 60);
            return Some(format!(
                "{what}: {}",
                String::from_utf8_lossy(&raw[at..end]).escape_debug()
            ));
        }
    }
    if String::from_utf8_lossy(raw).contains('\u{9d}') {
        return Some("a C1 operating system command (U+009D)".to_owned());
    }
    csi_sequences(raw)
        .find(|seq| seq.ends_with(b"t"))
        .map(|seq| {
            format!(
                "a window operation: {}",
                String::from_utf8_lossy(seq).escape_debug()
            )
        })
}

fn assert_no_osc(run: &str, raw: &[u8]) {
    if let Some(problem) = osc_problem(raw) {
        panic!("{run}: the app sent {problem}");
    }
}

/// The control sequences (ESC [ parameters final) in the output.
fn csi_sequences(raw: &[u8]) -> impl Iterator<Item = &[u8]> {
    raw.windows(2)
        .enumerate()
        .filter(|(_, w)| *w == b"\x1b[")
        .filter_map(|(start, _)| {
            let body = &raw[start + 2..];
            let end = body.iter().position(|b| (0x40..=0x7e).contains(b))?;
            Some(&raw[start..start + 2 + end + 1])
        })
}

#[test]
fn the_title_checks_see_titles() {
    let raw = b"\x1b[22;5Hplain\x1b[?1049h\x1b[22;0t";
    let seqs: Vec<&[u8]> = csi_sequences(raw).collect();
    assert_eq!(seqs, [&b"\x1b[22;5H"[..], b"\x1b[?1049h", b"\x1b[22;0t"]);
    for bad in [
        &b"x\x1b]0;title\x07"[..],
        b"\x1b]2;t\x1b\\",
        b"\x1b]52;c;aGk=\x07",
        b"\xc2\x9d0;title\x07",
        b"\x1b[22;0t",
    ] {
        assert!(
            osc_problem(bad).is_some(),
            "{:?} not caught",
            String::from_utf8_lossy(bad)
        );
    }
    // Row 22 in a cursor move, and a character whose UTF-8 holds the byte 0x9d.
    assert_eq!(osc_problem("\x1b[22;5H\x1b[2J▝ ┝ text".as_bytes()), None);
}

#[test]
fn the_interactive_app_never_sets_the_terminal_title() {
    let _guard = serial();
    let sandbox = Sandbox::new();
    let mut pty = spawn(Path::new(BIN), &[], &sandbox.dir(WORKDIR), &sandbox.env());
    let raw = interactive_session(&mut pty);
    assert!(raw.len() > 1000, "too little output to judge");
    assert_no_osc("the interactive app", &raw);

    // Kiosk mode too, with a role and the PIN prompt.
    let mut env = sandbox.env();
    env.push(("HEATWATCH_KIOSK_PIN", "246813".into()));
    let mut pty = spawn(
        Path::new(BIN),
        &["--kiosk".into()],
        &sandbox.dir(WORKDIR),
        &env,
    );
    pty.wait_for_text(&[NATIONAL_HOTLINE, LOCAL_HOTLINE, "911"]);
    pty.send(b"2");
    pty.wait_for_text(&["Law Enforcement ›"]);
    pty.send(b"\x0f");
    pty.wait_for_text(&["Operator exit"]);
    pty.send(b"246813\r");
    assert_eq!(pty.wait_exit().exit_code(), 0);
    assert_no_osc("kiosk mode", &pty.raw());
    sandbox.assert_empty("the interactive app and kiosk mode");
}
