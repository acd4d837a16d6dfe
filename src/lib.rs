//! heatwatch: an offline, terminal directory of anti-trafficking hotlines, audience roles
//! and action items, with fuzzy search.
//!
//! The library holds everything; the binary only parses arguments and runs.

pub mod action;
pub mod app;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod directory;
pub mod filter;
pub mod import;
pub mod keymap;
pub mod messages;
pub mod messages_cli;
pub mod messages_es;
pub mod output;
pub mod privacy;
pub mod qr;
pub mod search;
pub mod ui;

pub mod terminal;

use std::sync::Arc;

/// Loads the directory the command line names: the `--data` files (or `HEATWATCH_DATA`),
/// layered in order and after the embedded one with `--with-embedded`, else the
/// embedded one. The app and every command see the same directory.
///
/// # Errors
/// A message saying what is wrong with the file and what to do.
pub fn load_directory(cli: &cli::Cli) -> Result<directory::Directory, String> {
    commands::load_for_command(cli)
}

/// Whether `NO_COLOR` asks for no colour (set and not empty).
#[must_use]
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The language asked for: `--lang`, else the environment (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`), else English.
#[must_use]
pub fn language(cli: &cli::Cli) -> &'static str {
    match cli.lang.as_deref() {
        Some("es") => "es",
        Some(_) => "en",
        None => messages::language_from_env(|k| std::env::var(k).ok()),
    }
}

/// The languages the app can switch between: English and every translation the
/// directory declares that the interface also speaks, each with the directory read in
/// it and an index that also knows the other languages' words. Empty when the
/// directory has no translation.
fn app_languages(cli: &cli::Cli, dir: &directory::Directory) -> Vec<app::Language> {
    let mut codes = vec!["en"];
    for (code, _) in &dir.meta.translations {
        if code == "es" && !codes.contains(&"es") {
            codes.push("es");
        }
    }
    if codes.len() < 2 {
        return Vec::new();
    }
    let mut dirs = Vec::new();
    for code in &codes {
        let (loaded, _, _) = directory::text::resolving(code, || load_directory(cli));
        match loaded {
            Ok(d) => dirs.push((*code, d)),
            Err(_) => return Vec::new(),
        }
    }
    dirs.iter()
        .map(|(code, d)| {
            let others: Vec<&directory::Directory> = dirs
                .iter()
                .filter(|(c, _)| c != code)
                .map(|(_, d)| d)
                .collect();
            let unreviewed = d
                .meta
                .translations
                .iter()
                .any(|(c, reviewed)| c == code && !reviewed);
            app::Language {
                code,
                msg: messages::for_language(code),
                dir: Arc::new(d.clone()),
                index: Arc::new(search::SearchIndex::build_with(d, &others)),
                unreviewed,
            }
        })
        .collect()
}

/// The operator PIN for kiosk mode: the first line of `--kiosk-pin-file`, else
/// `HEATWATCH_KIOSK_PIN`. Empty means none.
fn kiosk_pin(cli: &cli::Cli) -> std::io::Result<Option<String>> {
    let pin = match &cli.kiosk_pin_file {
        Some(path) => std::fs::read_to_string(path)?
            .lines()
            .next()
            .map(|l| l.trim().to_owned()),
        None => std::env::var("HEATWATCH_KIOSK_PIN").ok(),
    };
    Ok(pin.filter(|p| !p.is_empty()))
}

/// Opens the interactive directory. The data is loaded before the terminal is touched,
/// so a bad file ends with a plain message and status 2 — except in kiosk mode, which
/// never drops a member of the public at a shell: it shows an error screen with the
/// emergency number instead, and keeps running.
///
/// # Errors
/// When the terminal cannot be set up or written.
pub fn run_app(cli: &cli::Cli) -> std::io::Result<u8> {
    let theme_name = cli.theme.unwrap_or(if cli.kiosk {
        cli::ThemeName::HighContrast
    } else {
        cli::ThemeName::Default
    });
    let theme = ui::theme::Theme::new(theme_name, no_color());
    let pin = if cli.kiosk {
        match kiosk_pin(cli) {
            Ok(pin) => pin,
            Err(e) => {
                let msg = messages_cli::for_language(language(cli));
                eprintln!(
                    "heatwatch: {}",
                    messages_cli::fill(msg.pin_file_unreadable, &[("error", &e.to_string())])
                );
                return Ok(commands::EXIT_USAGE);
            }
        }
    } else {
        None
    };
    let (dir, data_error) = match load_directory(cli) {
        Ok(d) => (d, None),
        Err(message) if cli.kiosk => match directory::load::embedded() {
            Ok(embedded) => (embedded, Some(message)),
            Err(e) => {
                let msg = messages_cli::for_language(language(cli));
                let embedded =
                    messages_cli::fill(msg.builtin_unusable, &[("error", &e.to_string())]);
                eprintln!("heatwatch: {message}; {embedded}");
                return Ok(commands::EXIT_USAGE);
            }
        },
        Err(message) => {
            eprintln!("heatwatch: {message}");
            return Ok(commands::EXIT_USAGE);
        }
    };
    let language = language(cli);
    let languages = app_languages(cli, &dir);
    let index = search::SearchIndex::build(&dir);
    let mut app = app::App::new(Arc::new(dir), Arc::new(index), theme);
    app.set_clock(clock::Clock::now(&clock::SystemClock));
    app.stale_days = cli.stale_days;
    if languages.is_empty() {
        app.msg = messages::for_language(language);
    } else {
        let start = languages
            .iter()
            .position(|l| l.code == language)
            .unwrap_or(0);
        app.set_languages(languages, start);
    }
    if cli.kiosk {
        let mut kiosk = app::Kiosk::new(pin, std::time::Duration::from_secs(cli.idle_reset));
        kiosk.data_error = data_error;
        app.kiosk = Some(kiosk);
    }
    terminal::run(app)
}
