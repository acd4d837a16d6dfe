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

/// Opens the interactive directory. The data is loaded before the terminal is touched,
/// so a bad file ends with a plain message and status 2.
///
/// # Errors
/// When the terminal cannot be set up or written.
pub fn run_app(cli: &cli::Cli) -> std::io::Result<u8> {
    let dir = match load_directory(cli) {
        Ok(d) => d,
        Err(message) => {
            eprintln!("heatwatch: {message}");
            return Ok(commands::EXIT_USAGE);
        }
    };
    let theme = ui::theme::Theme::new(cli.theme, no_color());
    let index = search::SearchIndex::build(&dir);
    let app = app::App::new(Arc::new(dir), Arc::new(index), theme);
    terminal::run(app)
}
