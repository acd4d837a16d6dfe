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
pub mod keymap;
pub mod messages;
pub mod privacy;
pub mod qr;
pub mod output;
pub mod search;
pub mod ui;

pub mod terminal;

use std::sync::Arc;

/// Loads the directory the command line names: `--data FILE` (or `HEATWATCH_DATA`),
/// else the embedded one.
///
/// # Errors
/// A message saying what is wrong with the file and what to do.
pub fn load_directory(cli: &cli::Cli) -> Result<directory::Directory, String> {
    match &cli.data {
        Some(path) => directory::load::from_path(path, directory::DEFAULT_MAX_BYTES)
            .map_err(|e| format!("{}: {e}", path.display())),
        None => directory::load::embedded().map_err(|e| format!("embedded directory: {e}")),
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty).
#[must_use]
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
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
                eprintln!("heatwatch: cannot read the kiosk PIN file: {e}");
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
                eprintln!("heatwatch: {message}; embedded directory: {e}");
                return Ok(commands::EXIT_USAGE);
            }
        },
        Err(message) => {
            eprintln!("heatwatch: {message}");
            return Ok(commands::EXIT_USAGE);
        }
    };
    let index = search::SearchIndex::build(&dir);
    let mut app = app::App::new(Arc::new(dir), Arc::new(index), theme);
    if cli.kiosk {
        let mut kiosk = app::Kiosk::new(pin, std::time::Duration::from_secs(cli.idle_reset));
        kiosk.data_error = data_error;
        app.kiosk = Some(kiosk);
    }
    terminal::run(app)
}
