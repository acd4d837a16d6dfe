//! The terminal: set-up, the event loop, and giving the terminal back — on normal exit,
//! on panic, and on SIGTERM, SIGHUP and SIGINT.
//!
//! Everything the app turns on (raw mode, the alternate screen, mouse capture, bracketed
//! paste, a hidden cursor) is turned off by [`restore`], which is idempotent and called
//! from every way out.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Once};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::action::Action;
use crate::app::{App, Effect, SearchRequest};
use crate::search::Results;

/// Directories with more records than this search on a worker thread, so typing never
/// waits for search.
const WORKER_THRESHOLD: usize = 2_000;

/// Clears the screen and the scrollback and homes the cursor.
pub const CLEAR_ALL: &str = "\x1b[2J\x1b[3J\x1b[H";

/// Set by tests only: makes the app panic after its first frame, to test that a panic
/// gives the terminal back. No key can trigger it.
pub const TEST_PANIC_ENV: &str = "HEATWATCH_TEST_PANIC_AFTER_FIRST_FRAME";

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `q` or Ctrl-C.
    Quit,
    /// Ctrl-X.
    QuickExit,
    /// A signal arrived.
    Signal(i32),
}

/// Turns on raw mode, the alternate screen, mouse capture and bracketed paste.
///
/// # Errors
/// When the terminal refuses.
pub fn setup() -> io::Result<()> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

/// Gives the terminal back: every mode [`setup`] turned on is turned off and the cursor
/// shown. Safe to call more than once and from a panic hook; errors are ignored, since
/// the terminal may already be gone (SIGHUP).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Installs, once, a panic hook that restores the terminal before the message prints.
pub fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Runs the interactive app until the person leaves or a signal arrives, then gives the
/// terminal back. Returns the exit status.
///
/// # Errors
/// When the terminal cannot be set up or written.
pub fn run(mut app: App) -> io::Result<u8> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_usize(
            sig,
            Arc::clone(&signal),
            usize::try_from(sig).unwrap_or(1),
        )?;
    }
    setup()?;
    spawn_watchdog(Arc::clone(&signal));
    let result = event_loop(&mut app, &signal);
    let outcome = match result {
        Ok(o) => o,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    if outcome == Outcome::QuickExit {
        // Clear inside the alternate screen, leave it, and clear the main screen too.
        let mut out = io::stdout();
        let _ = out.write_all(CLEAR_ALL.as_bytes());
        let _ = out.flush();
        restore();
        let _ = out.write_all(CLEAR_ALL.as_bytes());
        let _ = execute!(out, MoveTo(0, 0));
        let _ = out.flush();
    } else {
        restore();
    }
    Ok(match outcome {
        Outcome::Quit | Outcome::QuickExit => 0,
        Outcome::Signal(n) => u8::try_from(128 + n).unwrap_or(1),
    })
}

/// Watches, from its own thread, for the two ways the event loop could fail to end:
/// a signal the loop has not acted on within a second (it may be stuck inside a read),
/// and a terminal that has gone away (a closed window or SSH connection does not always
/// send SIGHUP, and reads then never block again). Either way it gives the terminal
/// back, holding the output lock so no half-frame follows, and exits.
fn spawn_watchdog(signal: Arc<AtomicUsize>) {
    let watch_tty = rustix::termios::tcgetattr(io::stdin()).is_ok();
    std::thread::spawn(move || {
        let mut pending_since: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let sig = signal.load(Ordering::SeqCst);
            if sig != 0 {
                let since = *pending_since.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() >= Duration::from_secs(1) {
                    force_exit(128 + i32::try_from(sig).unwrap_or(1));
                }
            }
            // A hung-up terminal answers every request with EIO.
            if watch_tty
                && rustix::termios::tcgetattr(io::stdin()).err() == Some(rustix::io::Errno::IO)
            {
                force_exit(128 + signal_hook::consts::SIGHUP);
            }
        }
    });
}

fn force_exit(code: i32) -> ! {
    let out = io::stdout();
    let _lock = out.lock();
    restore();
    std::process::exit(code)
}

/// Kiosk: clears the screen and the scrollback, so the next person sees nothing of the
/// last, and redraws from scratch.
fn clear_screen(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
    let mut out = io::stdout();
    out.write_all(CLEAR_ALL.as_bytes())?;
    out.flush()?;
    // Not `terminal.clear()`: it asks the terminal for the cursor position and fails
    // (ending the program) on terminals that never answer. A resize to the same size
    // clears ratatui's buffers and forces a full redraw without asking anything.
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Puts text on the clipboard with OSC 52, which terminals honour locally and over SSH.
/// The only OSC sequence heatwatch ever writes, and only when the person presses `y`.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Opens an http(s) link with the system's opener, detached, its output discarded.
fn open_link(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

struct Worker {
    requests: Sender<SearchRequest>,
    answers: Receiver<(u64, Results)>,
}

impl Worker {
    fn spawn() -> Self {
        let (req_tx, req_rx) = mpsc::channel::<SearchRequest>();
        let (ans_tx, ans_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut previous: Option<(SearchRequest, Results)> = None;
            while let Ok(mut req) = req_rx.recv() {
                // A newer query supersedes any older one still waiting.
                while let Ok(newer) = req_rx.try_recv() {
                    req = newer;
                }
                // Results narrow the next search only in the same index (language)
                // under the same filters.
                let narrow = previous
                    .as_ref()
                    .filter(|(p, _)| p.index == req.index && p.filter == req.filter)
                    .map(|(_, r)| r);
                let results = crate::app::run_request(&req, narrow);
                let generation = req.generation;
                previous = Some((req, results.clone()));
                if ans_tx.send((generation, results)).is_err() {
                    break;
                }
            }
        });
        Self {
            requests: req_tx,
            answers: ans_rx,
        }
    }
}

fn event_loop(app: &mut App, signal: &AtomicUsize) -> io::Result<Outcome> {
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend)?;
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let worker = (app.index.len() > WORKER_THRESHOLD).then(Worker::spawn);
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some();
    let mut dirty = true;
    let started = std::time::Instant::now();
    loop {
        if dirty {
            terminal.draw(|f| crate::ui::render(app, f))?;
            dirty = false;
            if test_panic {
                #[allow(clippy::panic)]
                {
                    panic!("forced panic for testing ({TEST_PANIC_ENV} is set)");
                }
            }
        }
        let sig = signal.load(Ordering::SeqCst);
        if sig != 0 {
            return Ok(Outcome::Signal(i32::try_from(sig).unwrap_or(1)));
        }
        if let Some(w) = &worker {
            while let Ok((generation, results)) = w.answers.try_recv() {
                app.update(Action::SearchDone(generation, results));
                dirty = true;
            }
        }
        let waiting = app.search.as_ref().is_some_and(|s| s.pending);
        let timeout = Duration::from_millis(if waiting { 5 } else { 100 });
        // The wall clock, for "verified N days ago" and "open now": once a minute.
        let wall = crate::clock::Clock::now(&crate::clock::SystemClock);
        if wall.as_second() / 60 != app.now.as_second() / 60 {
            app.update(Action::Clock(wall));
            dirty = true;
        }
        // The clock, for the kiosk's idle reset and countdown.
        if app.kiosk.is_some() {
            let before = (app.countdown(), app.is_home());
            let effect = app.update(Action::Tick(started.elapsed()));
            if effect == Some(Effect::ClearScreen) {
                clear_screen(&mut terminal)?;
            }
            dirty |= effect.is_some() || before != (app.countdown(), app.is_home());
        }
        if !event::poll(timeout)? {
            continue;
        }
        let ev = event::read()?;
        // In kiosk mode every input counts as someone being there, even a key that
        // means nothing here: it must cancel the countdown as promised.
        let action = app.action_for(&ev).or_else(|| {
            (app.kiosk.is_some() && !matches!(ev, event::Event::Resize(..)))
                .then_some(Action::Activity)
        });
        let Some(action) = action else {
            continue;
        };
        if app.kiosk.is_some() {
            app.update(Action::Tick(started.elapsed()));
        }
        dirty = true;
        match app.update(action) {
            None => {}
            Some(Effect::Quit) => return Ok(Outcome::Quit),
            Some(Effect::QuickExit) => return Ok(Outcome::QuickExit),
            Some(Effect::ClearScreen) => clear_screen(&mut terminal)?,
            Some(Effect::Copy(text)) => copy_to_clipboard(&text)?,
            Some(Effect::Open(url)) => open_link(&url),
            Some(Effect::Search(req)) => match &worker {
                Some(w) => {
                    let _ = w.requests.send(req);
                }
                None => {
                    let results = app.run_search(&req);
                    app.update(Action::SearchDone(req.generation, results));
                }
            },
        }
    }
}
