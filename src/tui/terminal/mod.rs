//! The terminal: set-up, the event loop, and giving the terminal back — on normal exit,
//! on panic, and on the signals TERM, HUP, INT, QUIT, USR1, USR2 and ALRM (TSTP gives it
//! back and stops; CONT takes it again and redraws).
//!
//! One event loop serves the app: keys (read as bytes on their own thread, see
//! [`input`]), the clock, signals, search answers and the loaded directory all arrive
//! on one channel, so no input, search or load can hold back another.
//!
//! Everything the app turns on (raw mode, the alternate screen, mouse capture, bracketed
//! paste, a hidden cursor) is turned off by [`restore`], which is idempotent and called
//! from every way out.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Once};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, MoveTo, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use crate::search::Results;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, SearchRequest};

pub mod input;
pub mod lines;
mod threads;

use threads::{spawn_clock, spawn_reader, spawn_signals, spawn_watchdog, stop_self};

use input::Input;

/// Directories with more records than this search on a worker thread, so typing never
/// waits for search.
const WORKER_THRESHOLD: usize = 2_000;

/// Clears the screen and the scrollback and homes the cursor (crossterm's commands:
/// `ESC[2J`, `ESC[3J`, `ESC[1;1H`).
fn clear_all(out: &mut impl Write) -> io::Result<()> {
    execute!(
        out,
        Clear(ClearType::All),
        Clear(ClearType::Purge),
        MoveTo(0, 0)
    )
}

/// Set by tests only: makes the app panic after its first frame, to test that a panic
/// gives the terminal back. No key can trigger it.
pub const TEST_PANIC_ENV: &str = "HEATWATCH_TEST_PANIC_AFTER_FIRST_FRAME";

static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set while screen-reader mode holds the terminal: only raw mode is on, and giving the
/// terminal back writes nothing.
static LINES: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// Set when the app runs as a kiosk: then nothing goes to stderr while stderr is the
/// terminal (the public screen), not even a panic's message.
static KIOSK: AtomicBool = AtomicBool::new(false);

/// Writes a note for whoever runs heatwatch to stderr, prefixed `heatwatch: `. In kiosk
/// mode only when stderr is not the terminal (under systemd's `StandardError=journal`
/// it is the system log): the public screen never shows a path, a JSON position or a
/// command. A closed or full stderr is ignored.
pub fn operator_note(kiosk: bool, note: &str) {
    use std::io::IsTerminal as _;
    let err = io::stderr();
    if kiosk && err.is_terminal() {
        return;
    }
    let _ = writeln!(err.lock(), "heatwatch: {note}");
}

/// How the event loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The directory could not be loaded: the message to print once the terminal is
    /// given back.
    Failed(String),
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

/// Turns on raw mode only, for screen-reader mode: no alternate screen, no mouse, no
/// bracketed paste, the cursor where it is.
///
/// # Errors
/// When the terminal refuses.
pub fn setup_lines() -> io::Result<()> {
    install_panic_hook();
    LINES.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    Ok(())
}

/// Gives the terminal back: every mode [`setup`] (or [`setup_lines`]) turned on is
/// turned off and the cursor shown. Safe to call more than once and from a panic hook;
/// errors are ignored, since the terminal may already be gone (SIGHUP).
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if LINES.load(Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = out.flush();
        return;
    }
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
            use std::io::IsTerminal as _;
            restore();
            if !(KIOSK.load(Ordering::SeqCst) && io::stderr().is_terminal()) {
                previous(info);
            }
        }));
    });
}

/// What both event loops start with, in this order: the signal handlers, the terminal's
/// modes (`setup`), the watchdog, the keyboard reader and the clock, then `load` on its
/// own thread, whose answer comes on the channel as [`Msg::Loaded`].
fn start<F>(
    kiosk: bool,
    setup: fn() -> io::Result<()>,
    load: F,
) -> io::Result<(Sender<Msg>, Receiver<Msg>)>
where
    F: FnOnce(&dyn Fn(App)) -> Result<App, String> + Send + 'static,
{
    KIOSK.store(kiosk, Ordering::SeqCst);
    let (tx, rx) = mpsc::channel::<Msg>();
    let signal = Arc::new(AtomicUsize::new(0));
    spawn_signals(tx.clone(), Arc::clone(&signal))?;
    setup()?;
    spawn_watchdog(Arc::clone(&signal));
    spawn_reader(tx.clone());
    spawn_clock(tx.clone());
    let loader = tx.clone();
    std::thread::spawn(move || {
        let head = |app: App| {
            let _ = loader.send(Msg::Head(Box::new(app)));
        };
        let app = load(&head).map(Box::new);
        let _ = loader.send(Msg::Loaded(app));
    });
    Ok((tx, rx))
}

/// Runs the interactive app until the person leaves or a signal arrives, then gives the
/// terminal back. Returns the exit status.
///
/// The signal handlers, raw mode and the alternate screen come first; then `load` runs
/// on its own thread while the screen shows `loading`, and keys are read all the while:
/// Ctrl-X, Ctrl-C and the signals work from the first moment. `load` may give the app
/// of the directory's head first (to the function it is given), which is shown and used
/// at once; the whole app it returns then takes its place, the person kept where they
/// are ([`App::finish_loading`]). `progress` is how far it has come, shown on the
/// clock's ticks.
///
/// # Errors
/// When the terminal cannot be set up or written.
pub fn run<L, F>(
    kiosk: bool,
    loading: L,
    progress: Arc<crate::progress::Progress>,
    load: F,
) -> io::Result<u8>
where
    L: FnOnce() -> crate::tui::view::LoadingScreen,
    F: FnOnce(&dyn Fn(App)) -> Result<App, String> + Send + 'static,
{
    let (tx, rx) = start(kiosk, setup, load)?;
    let result = event_loop(&rx, &tx, kiosk, &loading(), &progress);
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
        let _ = clear_all(&mut out);
        restore();
        let _ = clear_all(&mut out);
    } else {
        restore();
    }
    Ok(status_of(outcome, kiosk))
}

/// The exit status of how an event loop ended (a failed load's message goes to the
/// operator first); the full-screen app's and screen-reader mode's alike.
fn status_of(outcome: Outcome, kiosk: bool) -> u8 {
    match outcome {
        Outcome::Quit | Outcome::QuickExit => crate::exit::EXIT_OK,
        Outcome::Signal(n) => u8::try_from(128 + n).unwrap_or(1),
        Outcome::Failed(message) => {
            operator_note(kiosk, &message);
            crate::exit::EXIT_USAGE
        }
    }
}

/// Everything the event loop waits for, on one channel.
enum Msg {
    /// Something read from the keyboard or mouse.
    Input(Input),
    /// The clock: the idle reset, the countdown and the wall clock move on it.
    Tick,
    /// A signal that ends the program.
    Signal(i32),
    /// The terminal's size changed.
    Resize,
    /// SIGTSTP: give the terminal back and stop.
    #[cfg_attr(not(unix), allow(dead_code))]
    Suspend,
    /// SIGCONT: take the terminal again and redraw.
    #[cfg_attr(not(unix), allow(dead_code))]
    Continue,
    /// A search answer from the worker.
    SearchDone(u64, Results),
    /// The app of the directory's head, its local services still loading.
    Head(Box<App>),
    /// The directory is loaded and the app ready, or why it could not be.
    Loaded(Result<Box<App>, String>),
}

/// Kiosk: clears the screen and the scrollback, so the next person sees nothing of the
/// last, and redraws from scratch.
fn clear_screen(terminal: &mut Term) -> io::Result<()> {
    clear_all(&mut io::stdout())?;
    redraw_all(terminal)
}

/// Makes the next frame draw every cell, without asking the terminal anything.
fn redraw_all(terminal: &mut Term) -> io::Result<()> {
    // Not `terminal.clear()`: it asks the terminal for the cursor position and fails
    // (ending the program) on terminals that never answer. A resize to the same size
    // clears ratatui's buffers and forces a full redraw without asking anything.
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Puts text on the clipboard with OSC 52 (crossterm's command), which terminals honour
/// locally and over SSH. The only OSC sequence heatwatch ever writes, and only when the
/// person presses `y`.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    execute!(
        io::stdout(),
        ratatui::crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
    )
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
}

impl Worker {
    fn spawn(answers: Sender<Msg>) -> Self {
        let (req_tx, req_rx) = mpsc::channel::<SearchRequest>();
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
                let results = crate::tui::app::run_request(&req, narrow);
                let generation = req.generation;
                previous = Some((req, results.clone()));
                if answers.send(Msg::SearchDone(generation, results)).is_err() {
                    break;
                }
            }
        });
        Self { requests: req_tx }
    }
}

type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// The screen while the directory loads, with how far it has come.
fn draw_loading(
    terminal: &mut Term,
    loading: &crate::tui::view::LoadingScreen,
    percent: u8,
) -> io::Result<()> {
    terminal.draw(|f| loading.render_at(f, percent))?;
    Ok(())
}

/// Whether an event is Ctrl-X, with any other modifier: the quick exit, known before
/// the app is even loaded.
fn is_quick_exit(ev: &Input) -> bool {
    matches!(ev, Input::Event(ratatui::crossterm::event::Event::Key(k)) if crate::tui::keymap::is_quick_exit(k))
}

/// Whether an event is q or Ctrl-C, which quit outside kiosk mode.
fn is_quit(ev: &Input) -> bool {
    use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
    matches!(ev, Input::Event(Event::Key(k))
        if (k.code == KeyCode::Char('q') && k.modifiers.is_empty())
            || (k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL))
}

fn event_loop(
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    kiosk: bool,
    loading: &crate::tui::view::LoadingScreen,
    progress: &crate::progress::Progress,
) -> io::Result<Outcome> {
    let backend = CrosstermBackend::new(io::stdout());
    let mut terminal = Terminal::new(backend)?;
    let test_panic = std::env::var_os(TEST_PANIC_ENV).is_some();
    let started = std::time::Instant::now();
    let mut app: Option<Box<App>> = None;
    let mut worker: Option<Worker> = None;
    let mut dirty = true;
    // How far the load had come when last drawn.
    let mut shown_percent = 0;
    loop {
        if dirty {
            match app.as_deref_mut() {
                Some(app) => {
                    let mut drawn = crate::tui::app::layout::Drawn::default();
                    terminal.draw(|f| drawn = crate::tui::view::render(app, f))?;
                    app.drawn(drawn);
                    if test_panic {
                        #[allow(clippy::panic)]
                        {
                            panic!("forced panic for testing ({TEST_PANIC_ENV} is set)");
                        }
                    }
                }
                None => draw_loading(&mut terminal, loading, shown_percent)?,
            }
            dirty = false;
        }
        let Ok(first) = rx.recv() else {
            return Ok(Outcome::Quit);
        };
        // Everything waiting is handled before the next frame: a slow frame never
        // makes the app fall behind its input.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for msg in batch {
            match msg {
                Msg::Signal(n) => return Ok(Outcome::Signal(n)),
                Msg::Resize => {
                    if let Some(app) = app.as_deref_mut() {
                        let size = terminal.size()?;
                        app.update(Action::Resize(size.width, size.height));
                    }
                    dirty = true;
                }
                Msg::Suspend => {
                    if !kiosk {
                        restore();
                        stop_self();
                    }
                }
                Msg::Continue => {
                    restore();
                    setup()?;
                    redraw_all(&mut terminal)?;
                    dirty = true;
                }
                Msg::Loaded(Err(message)) => return Ok(Outcome::Failed(message)),
                Msg::Head(mut head) if app.is_none() => {
                    let size = terminal.size()?;
                    head.update(Action::Resize(size.width, size.height));
                    head.update(Action::Progress(progress.percent()));
                    app = Some(head);
                    dirty = true;
                }
                Msg::Head(_) => {}
                Msg::Loaded(Ok(mut loaded)) => {
                    let size = terminal.size()?;
                    loaded.update(Action::Resize(size.width, size.height));
                    if loaded.index.len() > WORKER_THRESHOLD {
                        worker = Some(Worker::spawn(tx.clone()));
                    }
                    match app.as_deref_mut() {
                        // The whole directory behind its head: the person stays put.
                        Some(head) => match head.finish_loading(*loaded) {
                            Some(Effect::ClearScreen) => clear_screen(&mut terminal)?,
                            Some(Effect::Search(req)) => search(head, &worker, req),
                            _ => {}
                        },
                        None => app = Some(loaded),
                    }
                    dirty = true;
                }
                // While loading, only the ways out act: Ctrl-X, and outside kiosk
                // mode q and Ctrl-C.
                Msg::Input(input) if app.is_none() => {
                    if is_quick_exit(&input) {
                        if !kiosk {
                            return Ok(Outcome::QuickExit);
                        }
                        clear_screen(&mut terminal)?;
                        dirty = true;
                    } else if !kiosk && is_quit(&input) {
                        return Ok(Outcome::Quit);
                    }
                }
                Msg::SearchDone(generation, results) => {
                    if let Some(app) = app.as_deref_mut() {
                        app.update(Action::SearchDone(generation, results));
                        dirty = true;
                    }
                }
                Msg::Tick => {
                    let percent = progress.percent();
                    match app.as_deref_mut() {
                        Some(app) => {
                            if app.loading.is_some_and(|p| p != percent) {
                                app.update(Action::Progress(percent));
                                dirty = true;
                            }
                            dirty |= tick(app, &mut terminal, started)?;
                        }
                        None => dirty |= percent != shown_percent,
                    }
                    shown_percent = percent;
                }
                Msg::Input(input) => {
                    let Some(app) = app.as_deref_mut() else {
                        continue;
                    };
                    if let Some(outcome) =
                        handle_input(app, &mut terminal, &worker, started, input)?
                    {
                        return Ok(outcome);
                    }
                    dirty = true;
                }
            }
        }
    }
}

/// The clock moved: the wall clock (for "verified N days ago" and "open now", once a
/// minute) and the kiosk's idle reset and countdown. Whether the screen changed.
fn tick(app: &mut App, terminal: &mut Term, started: std::time::Instant) -> io::Result<bool> {
    let mut dirty = false;
    let wall = crate::clock::Clock::now(&crate::clock::SystemClock);
    if wall.as_second() / 60 != app.now.as_second() / 60 {
        app.update(Action::Clock(wall));
        dirty = true;
    }
    if app.kiosk.is_some() {
        let before = (app.countdown(), app.is_home(), app.kiosk_wait());
        let effect = app.update(Action::Tick(started.elapsed()));
        if effect == Some(Effect::ClearScreen) {
            clear_screen(terminal)?;
        }
        dirty |= effect.is_some() || before != (app.countdown(), app.is_home(), app.kiosk_wait());
    }
    Ok(dirty)
}

/// One input: what it means here, and what the state asks the loop to do.
fn handle_input(
    app: &mut App,
    terminal: &mut Term,
    worker: &Option<Worker>,
    started: std::time::Instant,
    input: Input,
) -> io::Result<Option<Outcome>> {
    // In kiosk mode every input counts as someone being there, even a key that
    // means nothing here: it must cancel the countdown as promised.
    let action = match &input {
        Input::Event(ev) => app.action_for(ev),
        Input::Other => None,
    }
    .or_else(|| app.kiosk.is_some().then_some(Action::Activity));
    let Some(action) = action else {
        return Ok(None);
    };
    if app.kiosk.is_some() {
        app.update(Action::Tick(started.elapsed()));
    }
    match app.update(action) {
        None => {}
        Some(Effect::Quit) => return Ok(Some(Outcome::Quit)),
        Some(Effect::QuickExit) => return Ok(Some(Outcome::QuickExit)),
        Some(Effect::ClearScreen) => clear_screen(terminal)?,
        Some(Effect::Copy(text)) => copy_to_clipboard(&text)?,
        Some(Effect::Open(url)) => open_link(&url),
        Some(Effect::Search(req)) => search(app, worker, req),
    }
    Ok(None)
}

/// Runs a search: on the worker when there is one, else here and now.
fn search(app: &mut App, worker: &Option<Worker>, req: crate::tui::app::SearchRequest) {
    match worker {
        Some(w) => {
            let _ = w.requests.send(req);
        }
        None => {
            let results = app.run_search(&req);
            app.update(Action::SearchDone(req.generation, results));
        }
    }
}
