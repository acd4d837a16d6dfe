//! The pseudo-terminal harness: the real binary in a PTY, its output parsed by `vt100`,
//! every wait a poll against a generous deadline (never a sleep), and the checks that the
//! terminal was given back. Only one app runs in a PTY at a time ([`serial`]).
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take before the test fails. Generous: a loaded two-core CI
/// machine can be slow, and a passing test never waits this long.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// How often the screen is polled.
pub const POLL: Duration = Duration::from_millis(10);

pub const NATIONAL_HOTLINE: &str = "1(888) 373-7888";
pub const LOCAL_HOTLINE: &str = "1(510) 208-4959";
pub const EMERGENCY: &str = "911";

pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";

/// Only one app in a PTY at a time.
pub static LOCK: Mutex<()> = Mutex::new(());

pub fn serial() -> MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// What the reader thread has seen.
pub struct Shared {
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    pub eof: bool,
}

/// How to start the app.
pub struct Spawn<'a> {
    pub cols: u16,
    pub rows: u16,
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    /// Bytes fed to the parser before the app's output, standing for what the terminal
    /// showed before the app started (a shell's earlier output).
    pub preload: &'a [u8],
    /// The working folder; the repository when `None`.
    pub cwd: Option<&'a std::path::Path>,
    /// How long any one wait may take; [`TIMEOUT`] when `None` (strace slows the app).
    pub timeout: Option<Duration>,
}

impl Default for Spawn<'_> {
    fn default() -> Self {
        Self {
            cols: 100,
            rows: 30,
            args: &[],
            env: &[],
            preload: b"",
            cwd: None,
            timeout: None,
        }
    }
}

/// The app running in a PTY.
pub struct Pty {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub shared: Arc<Mutex<Shared>>,
    pub reader: Option<JoinHandle<()>>,
    pub status: Option<ExitStatus>,
    /// The local-mode flags of the fresh PTY, before the app touched it.
    pub baseline: Vec<&'static str>,
    /// How long any one wait may take.
    pub timeout: Duration,
}

impl Pty {
    pub fn spawn(opts: &Spawn<'_>) -> Self {
        Self::spawn_program(env!("CARGO_BIN_EXE_heatwatch"), opts)
    }

    /// Runs `program` (heatwatch, or a shell that runs it) with `opts`.
    pub fn spawn_program(program: &str, opts: &Spawn<'_>) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: opts.rows,
                cols: opts.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a PTY");
        let baseline = local_flags_of(&*pair.master);
        let mut cmd = CommandBuilder::new(program);
        cmd.args(opts.args);
        match opts.cwd {
            Some(dir) => cmd.cwd(dir),
            None => cmd.cwd(env!("CARGO_MANIFEST_DIR")),
        }
        cmd.env("TERM", "xterm-256color");
        for var in [
            "HEATWATCH_DATA",
            "HEATWATCH_TRUSTED_KEY",
            "HEATWATCH_KIOSK_PIN",
            "NO_COLOR",
            "COLUMNS",
            "LINES",
            heatwatch::tui::terminal::TEST_PANIC_ENV,
        ] {
            cmd.env_remove(var);
        }
        for (k, v) in opts.env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn heatwatch");
        // Only the child holds the slave now, so the reader sees end-of-file once the
        // child has exited and everything it wrote has been read.
        drop(pair.slave);

        let mut parser = vt100::Parser::new(nz(opts.rows), nz(opts.cols), 200);
        parser.process(opts.preload);
        let shared = Arc::new(Mutex::new(Shared {
            parser,
            raw: Vec::new(),
            eof: false,
        }));
        let mut reader = pair.master.try_clone_reader().expect("PTY reader");
        let sink = Arc::clone(&shared);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        let mut s = sink.lock().unwrap_or_else(|e| e.into_inner());
                        s.parser.process(&buf[..n]);
                        s.raw.extend_from_slice(&buf[..n]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // EIO: the slave side is closed for good.
                    Err(_) => break,
                }
            }
            sink.lock().unwrap_or_else(|e| e.into_inner()).eof = true;
        });
        let writer = pair.master.take_writer().expect("PTY writer");
        Self {
            master: pair.master,
            writer,
            child,
            shared,
            reader: Some(reader),
            status: None,
            baseline,
            timeout: opts.timeout.unwrap_or(TIMEOUT),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Polls the parsed screen until `pred` holds; fails with the screen if the deadline
    /// passes or the app's output ends first.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + self.timeout;
        loop {
            {
                let s = self.lock();
                if pred(s.parser.screen()) {
                    return;
                }
                if s.eof {
                    panic!(
                        "output ended before: {what}\n{}",
                        describe(&s.parser, &s.raw)
                    );
                }
                if Instant::now() > deadline {
                    panic!(
                        "timed out waiting for: {what}\n{}",
                        describe(&s.parser, &s.raw)
                    );
                }
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits, up to twice the usual deadline, until every one of `texts` is on screen:
    /// for what comes only after the kiosk's shortest idle time (20 s to the countdown).
    pub fn wait_for_text_long(&self, texts: &[&str]) {
        let what = format!("{texts:?} on screen");
        let deadline = Instant::now() + self.timeout;
        while Instant::now() < deadline {
            let c = self.contents();
            if texts.iter().all(|t| c.contains(t)) || self.lock().eof {
                break;
            }
            std::thread::sleep(POLL);
        }
        self.wait_for(&what, |s| {
            let c = s.contents();
            texts.iter().all(|t| c.contains(t))
        });
    }

    /// Waits until every one of `texts` is on screen.
    pub fn wait_for_text(&self, texts: &[&str]) {
        let what = format!("{texts:?} on screen");
        self.wait_for(&what, |s| {
            let c = s.contents();
            texts.iter().all(|t| c.contains(t))
        });
    }

    /// Waits for a whole frame: the three hotline numbers drawn, and the bottom row too.
    /// A frame is written row by row, and a large one reaches the PTY in several pieces,
    /// so something on the bottom row means the rows above it have all been read.
    pub fn wait_first_frame(&self) {
        self.wait_for("a whole frame with the hotline numbers", |s| {
            let c = s.contents();
            [NATIONAL_HOTLINE, LOCAL_HOTLINE, EMERGENCY]
                .iter()
                .all(|t| c.contains(t))
                && !bottom_row(s).trim().is_empty()
        });
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to PTY");
        self.writer.flush().expect("flush PTY");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends the app a signal by name ("TERM"), with kill(1), or the shell's built-in
    /// kill where there is no kill program.
    pub fn signal(&self, name: &str) {
        let (flag, pid) = (format!("-{name}"), self.pid().to_string());
        let status = std::process::Command::new("kill")
            .args([&flag, &pid])
            .status()
            .or_else(|_| {
                std::process::Command::new("sh")
                    .args(["-c", &format!("kill {flag} {pid}")])
                    .status()
            })
            .expect("run kill");
        assert!(status.success(), "kill {flag} {pid} failed: {status}");
    }

    /// Waits for the app to exit and for its last output to be read; returns the status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let s = self.lock();
                panic!("app did not exit\n{}", describe(&s.parser, &s.raw));
            }
            std::thread::sleep(POLL);
        };
        self.status = Some(status.clone());
        while !self.lock().eof {
            assert!(
                Instant::now() <= deadline,
                "PTY output did not end after the app exited"
            );
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        status
    }

    /// Resizes the PTY, which sends the app SIGWINCH. The emulator learns the new size
    /// first, as a real terminal would, and its screen is blanked, so whatever shows
    /// afterwards was drawn after the resize.
    pub fn resize(&self, cols: u16, rows: u16) {
        {
            let mut s = self.lock();
            s.parser.screen_mut().set_size(nz(rows), nz(cols));
            s.parser.process(b"\x1b[H\x1b[2J");
        }
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize PTY");
    }

    pub fn raw(&self) -> Vec<u8> {
        self.lock().raw.clone()
    }

    pub fn contents(&self) -> String {
        self.lock().parser.screen().contents()
    }

    pub fn local_flags(&self) -> Vec<&'static str> {
        local_flags_of(&*self.master)
    }

    /// Raw mode is on: no line editing, no echo.
    pub fn assert_raw_mode(&self) {
        let flags = self.local_flags();
        assert!(
            !flags.contains(&"ICANON") && !flags.contains(&"ECHO"),
            "raw mode expected while the app runs, local flags {flags:?}"
        );
    }

    /// Everything the app turned on is off again: the main screen, a visible cursor, no
    /// mouse reporting, no bracketed paste, and the PTY back in canonical mode with echo.
    pub fn assert_restored(&self) {
        {
            let s = self.lock();
            let screen = s.parser.screen();
            let state = describe(&s.parser, &s.raw);
            assert!(
                !screen.alternate_screen(),
                "still on the alternate screen\n{state}"
            );
            assert!(!screen.hide_cursor(), "cursor still hidden\n{state}");
            assert_eq!(
                screen.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse reporting still on\n{state}"
            );
            assert_eq!(
                screen.mouse_protocol_encoding(),
                vt100::MouseProtocolEncoding::Default,
                "mouse encoding not reset\n{state}"
            );
            assert!(
                !screen.bracketed_paste(),
                "bracketed paste still on\n{state}"
            );
        }
        let flags = self.local_flags();
        assert!(
            flags.contains(&"ICANON") && flags.contains(&"ECHO"),
            "PTY not back in canonical mode with echo: {flags:?}"
        );
        assert_eq!(
            flags, self.baseline,
            "local flags differ from the fresh PTY's"
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            // A failed test: do not leave the app running.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The names of the set local-mode (`c_lflag`) flags of the PTY. Read by name through
/// the termios portable-pty returns, so no termios crate is needed here.
pub fn local_flags_of(master: &dyn MasterPty) -> Vec<&'static str> {
    let termios = master.get_termios().expect("PTY termios");
    let mut names: Vec<&'static str> = termios.local_flags.iter_names().map(|(n, _)| n).collect();
    names.sort_unstable();
    names
}

/// The screen and the tail of the raw output, for failure messages.
pub fn describe(parser: &vt100::Parser, raw: &[u8]) -> String {
    let tail = &raw[raw.len().saturating_sub(600)..];
    format!(
        "--- screen ---\n{}\n--- last {} raw bytes ---\n{}",
        parser.screen().contents(),
        tail.len(),
        String::from_utf8_lossy(tail).escape_debug()
    )
}

pub fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a non-zero size")
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// The screen's size as (rows, columns).
pub fn size(screen: &vt100::Screen) -> (u16, u16) {
    let (rows, cols) = screen.size();
    (rows.get(), cols.get())
}

/// The bottom row of the screen, as text.
pub fn bottom_row(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).last().unwrap_or_default()
}
