//! heatwatch: an offline, terminal directory of anti-trafficking hotlines, audience roles
//! and action items, with fuzzy search.
//!
//! The library holds everything; the binary only parses arguments and runs.

/// Writes one line to standard error and ignores a failure to write it: a closed or
/// full stderr (`2>/dev/full`, `2>&-`) must never end a command with a panic, as
/// `eprintln!` does when it cannot write.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod cli;
pub mod clock;
pub mod commands;
pub mod directory;
pub mod exit;
pub mod filter;
pub mod i18n;
pub mod import;
pub mod progress;
pub mod render;
pub mod search;
pub mod settings;
pub mod trust;
pub mod tui;

use std::sync::Arc;

/// Loads the directory the command line names: the `--data` files (or `HEATWATCH_DATA`),
/// layered in order and after the embedded one with `--with-embedded`, else the
/// embedded one. The app and every command see the same directory.
///
/// # Errors
/// A message saying what is wrong with the file and what to do.
pub fn load_directory(cli: &cli::Cli) -> Result<directory::Directory, String> {
    settings::load_for_command(cli)
}

pub use settings::{language, no_color};

/// The languages the app can switch between, each with its directory and an index that
/// also knows the other languages' words (see [`settings::load_languages`]), and
/// which of them to start in. One language when the directory has no translation.
fn app_languages(
    cli: &cli::Cli,
    dirs: Vec<(&'static str, directory::Directory)>,
    indexing: Option<progress::Span<'_>>,
) -> (Vec<tui::app::Language>, usize) {
    // The first language's index, then each other's beside it, sharing the text of
    // the services both read the same.
    let mut indexes: Vec<search::SearchIndex> = Vec::with_capacity(dirs.len());
    for (k, (code, d)) in dirs.iter().enumerate() {
        let others: Vec<&directory::Directory> = dirs
            .iter()
            .filter(|(c, _)| c != code)
            .map(|(_, d)| d)
            .collect();
        let index = match indexes.first() {
            Some(base) => search::SearchIndex::build_beside(d, &others, base),
            None => search::SearchIndex::build_with(d, &others),
        };
        indexes.push(index);
        if let Some(span) = indexing {
            span.part(k, dirs.len()).done();
        }
    }
    let start = dirs
        .iter()
        .position(|(code, _)| *code == language(cli))
        .unwrap_or(0);
    let languages = dirs
        .into_iter()
        .zip(indexes)
        .map(|((code, d), index)| {
            let unreviewed = d
                .meta
                .translations
                .iter()
                .any(|(c, reviewed)| c == code && !reviewed);
            tui::app::Language {
                code,
                msg: i18n::app::for_language(code),
                dir: Arc::new(d),
                index: Arc::new(index),
                unreviewed,
            }
        })
        .collect();
    (languages, start)
}

/// The most of a PIN file that is read: its first line is all that counts.
const PIN_FILE_LIMIT: u64 = 4096;

/// Writes a note for the kiosk's operator to stderr, but only when stderr is not the
/// terminal (under systemd it is the journal): the public screen never shows it.
/// A closed or full stderr is ignored.
fn kiosk_log(note: &str) {
    tui::terminal::operator_note(true, note);
}

/// The operator PIN for kiosk mode: the first line of `--kiosk-pin-file`, else
/// `HEATWATCH_KIOSK_PIN`. `Ok(None)` means no PIN is configured; `Err` says, in the
/// language of `msg`, why the one configured cannot be used (the kiosk then runs with
/// the operator exit off).
fn kiosk_pin(cli: &cli::Cli, msg: &i18n::cli::CliMessages) -> Result<Option<String>, String> {
    use std::io::Read as _;
    let unreadable = |e: &dyn std::fmt::Display| {
        i18n::cli::fill(msg.pin_file_unreadable, &[("error", &e.to_string())])
    };
    let pin = match &cli.kiosk_pin_file {
        Some(path) => {
            let file = directory::load::open_regular(path).map_err(|e| unreadable(&e))?;
            let mut text = String::new();
            file.take(PIN_FILE_LIMIT)
                .read_to_string(&mut text)
                .map_err(|e| unreadable(&e))?;
            let first = text.lines().next().unwrap_or_default().trim().to_owned();
            if first.is_empty() {
                return Err(msg.pin_file_empty.to_owned());
            }
            first
        }
        None => match std::env::var("HEATWATCH_KIOSK_PIN") {
            Ok(pin) if pin.trim().is_empty() => return Ok(None),
            Ok(pin) => pin.trim().to_owned(),
            Err(std::env::VarError::NotPresent) => return Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(i18n::cli::fill(
                    msg.pin_refused,
                    &[("reason", msg.pin_untypable)],
                ));
            }
        },
    };
    tui::app::check_pin(&pin)
        .map_err(|p| i18n::cli::fill(msg.pin_refused, &[("reason", p.describe(msg))]))?;
    Ok(Some(pin))
}

/// The kiosk's idle reset: `--idle-reset`, brought between 30 s and a day, with a note
/// to the operator when it had to be.
fn kiosk_idle_reset(cli: &cli::Cli, msg: &i18n::cli::CliMessages) -> std::time::Duration {
    const MAX: u64 = 86_400;
    let given = cli.idle_reset.unwrap_or(cli::DEFAULT_IDLE_RESET);
    let secs = given.clamp(tui::app::MIN_IDLE_RESET.as_secs(), MAX);
    if secs != given {
        kiosk_log(&i18n::cli::fill(
            msg.idle_reset_moved,
            &[("given", &given.to_string()), ("used", &secs.to_string())],
        ));
    }
    std::time::Duration::from_secs(secs)
}

/// What the app is built with, found once (a kiosk's PIN file is read, and its problems
/// logged, only once, though the app may be built twice: head, then whole).
struct Setup {
    theme: tui::theme::Theme,
    msg: &'static i18n::cli::CliMessages,
    pin: Option<String>,
    pin_refused: bool,
    idle_reset: std::time::Duration,
}

impl Setup {
    fn new(cli: &cli::Cli) -> Self {
        let msg = i18n::cli::for_language(language(cli));
        let (pin, pin_refused) = if cli.kiosk {
            match kiosk_pin(cli, msg) {
                Ok(pin) => (pin, false),
                Err(reason) => {
                    kiosk_log(&reason);
                    (None, true)
                }
            }
        } else {
            (None, false)
        };
        Self {
            theme: theme(cli),
            msg,
            pin,
            pin_refused,
            idle_reset: if cli.kiosk {
                kiosk_idle_reset(cli, msg)
            } else {
                std::time::Duration::ZERO
            },
        }
    }
}

/// Builds the app the command line asks for: loads the directory (once per language it
/// declares), builds the search index, and sets up kiosk mode. Runs on the loader
/// thread while the terminal already shows the loading line.
///
/// # Errors
/// Outside kiosk mode, what is wrong with the data file. Kiosk mode never fails: it
/// shows its error screen with the emergency number instead.
pub fn build_app(cli: &cli::Cli) -> Result<tui::app::App, String> {
    build_app_with(cli, None, &|_| {})
}

/// [`build_app`] for a large directory: first the app of the directory's head
/// ([`settings::load_heads`]), given to `head` as soon as it is built, its local
/// services marked as loading; then the whole app, returned, while `progress` says
/// how far the load has come (reading and converting the files, then indexing).
///
/// # Errors
/// As [`build_app`].
pub fn build_app_with(
    cli: &cli::Cli,
    progress: Option<&progress::Progress>,
    head: &dyn Fn(tui::app::App),
) -> Result<tui::app::App, String> {
    let setup = Setup::new(cli);
    if let Some(dirs) = settings::load_heads(cli)
        && let Ok(mut app) = assemble(cli, &setup, dirs, None, None)
    {
        app.start_loading();
        head(app);
        if let Some(wait) = test_slow_load() {
            std::thread::sleep(wait);
        }
    }
    let reading = progress.map(|p| p.span(0, LOADING_SHARE));
    let (dirs, data_error) = match settings::load_languages_with(cli, reading) {
        Ok(d) => (d, None),
        Err(message) if cli.kiosk => {
            kiosk_log(&message);
            // The kiosk's error screen speaks the interface language.
            let embedded = directory::load::EMBEDDED_JSON.as_bytes();
            match directory::load::from_bytes_in(embedded, language(cli)) {
                Ok((embedded, _)) => (vec![(language(cli), embedded)], Some(message)),
                Err(e) => {
                    let words = directory::problems::for_language(setup.msg.code);
                    let embedded =
                        i18n::cli::fill(setup.msg.builtin_unusable, &[("error", &e.worded(words))]);
                    return Err(format!("{message}; {embedded}"));
                }
            }
        }
        Err(message) => return Err(message),
    };
    let indexing = progress.map(|p| p.span(LOADING_SHARE, 100));
    assemble(cli, &setup, dirs, data_error, indexing)
}

/// For the tests of the two-step load only: after the head is shown, the whole load
/// waits this many milliseconds (at most ten seconds), so that a test in a
/// pseudo-terminal sees the head, its progress line and what keys do meanwhile, on any
/// machine. It only ever slows the load.
pub const TEST_SLOW_LOAD_ENV: &str = "HEATWATCH_TEST_SLOW_LOAD_MS";

fn test_slow_load() -> Option<std::time::Duration> {
    let ms: u64 = std::env::var(TEST_SLOW_LOAD_ENV)
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(std::time::Duration::from_millis(ms.min(10_000)))
}

/// The share of building the app, in percent, that loading the files takes; indexing
/// takes the rest (measured on 100,000 services with a translation: about three
/// quarters and a quarter).
const LOADING_SHARE: u8 = 75;

/// The app over `dirs` (each language's directory), indexed (telling `indexing` how
/// far that has come), with the command line's settings and kiosk mode.
fn assemble(
    cli: &cli::Cli,
    setup: &Setup,
    dirs: Vec<(&'static str, directory::Directory)>,
    data_error: Option<String>,
    indexing: Option<progress::Span<'_>>,
) -> Result<tui::app::App, String> {
    let language = language(cli);
    let (languages, start) = app_languages(cli, dirs, indexing);
    let Some(first) = languages.get(start) else {
        return Err(i18n::cli::fill(
            setup.msg.builtin_unusable,
            &[("error", "no language")],
        ));
    };
    let mut app = tui::app::App::new(
        Arc::clone(&first.dir),
        Arc::clone(&first.index),
        setup.theme,
    );
    app.set_clock(clock::Clock::now(&clock::SystemClock));
    app.stale_days = cli.stale_days;
    if languages.len() < 2 {
        app.msg = i18n::app::for_language(language);
    } else {
        app.set_languages(languages, start);
    }
    if cli.kiosk {
        let mut kiosk = tui::app::Kiosk::new(setup.pin.clone(), setup.idle_reset);
        kiosk.data_error = data_error;
        kiosk.pin_refused = setup.pin_refused;
        app.kiosk = Some(kiosk);
    }
    if let Some(query) = &cli.query {
        app.update(tui::action::Action::OpenSearch);
        if let Some(tui::app::Effect::Search(req)) =
            app.update(tui::action::Action::Paste(query.clone()))
        {
            let results = app.run_search(&req);
            app.update(tui::action::Action::SearchDone(req.generation, results));
        }
    }
    Ok(app)
}

/// Opens the interactive directory. The terminal is set up first (raw mode, the
/// alternate screen, the signal handlers) with a loading line, and the data loads
/// behind it, so keys are keys and Ctrl-X works from the first moment. A bad file ends
/// with the terminal given back, a plain message and status 2 — except in kiosk mode,
/// which never drops a member of the public at a shell: it shows an error screen with
/// the emergency number instead, and keeps running.
///
/// # Errors
/// When the terminal cannot be set up or written.
pub fn run_app(cli: &cli::Cli) -> std::io::Result<u8> {
    use std::io::IsTerminal as _;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        let msg = i18n::cli::for_language(language(cli));
        tui::terminal::operator_note(cli.kiosk, msg.needs_terminal);
        return Ok(exit::EXIT_USAGE);
    }
    let owned = cli.clone();
    if screen_reader(cli) {
        // Said once the whole directory has loaded: a conversation has no second frame
        // to put the head on.
        return tui::terminal::lines::run(cli.kiosk, first_lines(cli), move |_| build_app(&owned));
    }
    let progress = Arc::new(progress::Progress::new());
    let shown = Arc::clone(&progress);
    tui::terminal::run(
        cli.kiosk,
        || loading_screen(cli),
        shown,
        move |head| build_app_with(&owned, Some(&progress), head),
    )
}

/// Whether the app runs in screen-reader mode: `--screen-reader`, or
/// `HEATWATCH_SCREEN_READER` set to `1`, `true` or `yes`. The variable is read here, not
/// by the command line's parser: set for a person's whole session, it must not make
/// every command a usage error, as an option of the app only does.
#[must_use]
pub fn screen_reader(cli: &cli::Cli) -> bool {
    cli.screen_reader
        || std::env::var("HEATWATCH_SCREEN_READER")
            .is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
}

/// What screen-reader mode says at once, while the directory loads: the loading
/// screen's lines (the embedded emergency number and National Hotline, and that the
/// directory loads or its signature is being checked), as plain lines.
#[must_use]
pub fn first_lines(cli: &cli::Cli) -> Vec<String> {
    let screen = loading_screen(cli);
    let mut lines = vec![format!("{}.", screen.emergency)];
    lines.extend(screen.hotlines.iter().map(|h| format!("{h}.")));
    lines.push(screen.loading);
    lines
}

/// The theme the command line asks for: high contrast by default in kiosk mode.
fn theme(cli: &cli::Cli) -> tui::theme::Theme {
    let name = cli.theme.unwrap_or(if cli.kiosk {
        cli::ThemeName::HighContrast
    } else {
        cli::ThemeName::Default
    });
    tui::theme::Theme::new(name, no_color())
}

/// The first frame: the embedded directory's emergency number and its pinned hotlines
/// with no area (the National Hotline), in the interface language, while the chosen
/// directory loads. Built after the terminal is set up; the embedded directory takes
/// milliseconds to read.
#[must_use]
pub fn loading_screen(cli: &cli::Cli) -> tui::view::LoadingScreen {
    let language = language(cli);
    let msg = i18n::app::for_language(language);
    let embedded =
        directory::load::from_bytes_in(directory::load::EMBEDDED_JSON.as_bytes(), language)
            .ok()
            .map(|(dir, _)| dir);
    let emergency = embedded.as_ref().map_or_else(
        || "911".to_owned(),
        |d| d.meta.emergency.display().to_string(),
    );
    let hotlines = embedded
        .iter()
        .flat_map(|d| d.hotlines.iter())
        .filter(|h| h.pinned && !h.emergency)
        .map(|h| format!("{}: {}", h.name, h.phone.display()))
        .collect();
    tui::view::LoadingScreen {
        emergency: format!("{}: {emergency}", msg.emergency),
        hotlines,
        loading: if cli.trusted_key.is_empty() || cli.data.is_empty() {
            msg.loading
        } else {
            msg.verifying
        }
        .to_owned(),
        theme: theme(cli),
    }
}
