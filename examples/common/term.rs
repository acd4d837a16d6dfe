//! What the benchmarks that drive a real program share: a program in a 100×30
//! pseudo-terminal, its output parsed as a terminal would show it, and percentiles.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// How long the output must be quiet for a screen to count as settled.
pub const QUIET: Duration = Duration::from_millis(40);
/// How long without output before a wait gives up.
pub const SILENT: Duration = Duration::from_secs(1);

/// A program in a pseudo-terminal, its output arriving on a channel.
pub struct Term {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    pub screen: vt100::Parser,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Term {
    pub fn spawn(
        program: &Path,
        args: &[&str],
        shell_input: Option<&Path>,
    ) -> Result<Self, String> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| e.to_string())?;
        let mut cmd = match shell_input {
            // fzf reads its records from stdin, and the terminal from /dev/tty.
            Some(input) => {
                let mut c = CommandBuilder::new("sh");
                c.args(["-c", "exec \"$0\" \"$@\" < \"$LINES_FILE\""]);
                c.arg(program);
                c.args(args);
                c.env("LINES_FILE", input);
                c
            }
            None => {
                let mut c = CommandBuilder::new(program);
                c.args(args);
                c
            }
        };
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).map_err(|e| e.to_string())?;
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
        let writer = pair.master.take_writer().map_err(|e| e.to_string())?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf.get(..n).unwrap_or_default().to_vec()).is_err() {
                    break;
                }
            }
        });
        Ok(Self {
            child,
            writer,
            output: rx,
            screen: vt100::Parser::new(
                NonZeroU16::MIN.saturating_add(29),
                NonZeroU16::MIN.saturating_add(99),
                0,
            ),
            _master: pair.master,
        })
    }

    /// Reads until the output has been quiet for [`QUIET`]; the time the last byte came,
    /// or `None` if nothing came within `first`.
    pub fn settle(&mut self, first: Duration) -> Option<Instant> {
        self.settle_when(first, |_| true)
    }

    /// Reads until `done` holds for the screen and the output has then been quiet for
    /// [`QUIET`]; the time the last byte came, or `None` if nothing came within `first`
    /// (or `done` never held, with output stopping for [`SILENT`]).
    pub fn settle_when(
        &mut self,
        first: Duration,
        done: impl Fn(&vt100::Screen) -> bool,
    ) -> Option<Instant> {
        let mut last = None;
        let mut wait = first;
        loop {
            match self.output.recv_timeout(wait) {
                Ok(bytes) => {
                    self.screen.process(&bytes);
                    last = Some(Instant::now());
                    wait = if done(self.screen.screen()) {
                        QUIET
                    } else {
                        SILENT
                    };
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return last,
            }
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let _ = self.writer.write_all(bytes);
        let _ = self.writer.flush();
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `p`-th quantile (0 to 1) of sorted durations, in milliseconds; NaN when empty.
pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted
        .get(i.min(sorted.len() - 1))
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
}

impl Term {
    /// Reads until `done` holds for the screen: the time the output that made it hold
    /// arrived, or `None` if it did not within `limit`.
    pub fn until(
        &mut self,
        limit: Duration,
        done: impl Fn(&vt100::Screen) -> bool,
    ) -> Option<Instant> {
        let deadline = Instant::now() + limit;
        loop {
            if done(self.screen.screen()) {
                return Some(Instant::now());
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.output.recv_timeout(left) {
                Ok(bytes) => {
                    let at = Instant::now();
                    self.screen.process(&bytes);
                    if done(self.screen.screen()) {
                        return Some(at);
                    }
                }
                Err(_) => return None,
            }
        }
    }

    /// The kernel's peak resident set of the program so far (`VmHWM`), in KiB.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }
}

/// Whether the search box has answered `typed`: the query is on screen with its count
/// of results ("12 results", "1 result"), and no "searching…".
pub fn answered(screen: &vt100::Screen, typed: &str) -> bool {
    let c = screen.contents();
    if !c.contains(typed) || c.contains("searching…") {
        return false;
    }
    c.lines().any(|line| {
        line.contains("Search —")
            && line
                .split(" result")
                .next()
                .and_then(|before| before.chars().last())
                .is_some_and(|ch| ch.is_ascii_digit())
            && line.contains(" result")
    })
}
