//! The non-interactive commands. They never touch terminal modes, so they are safe in
//! pipes and scripts.

mod card;
mod check;
mod diff;
mod docs;
mod export;
mod import;
mod index;
mod lists;
mod qr;
pub mod replace;
mod search;
mod show;
mod verify;

pub use card::card;
pub use check::{SOURCE_FLAGS, check, check_in, false_flags};
pub use diff::diff;
pub use docs::{completions, man, schema};
pub use export::export;
pub use import::import;
pub use index::index;
pub use lists::{find_role, hotlines, roles};
pub use qr::qr;
pub use search::{SearchRequest, indexed_search, search};
pub use show::show;
pub use verify::verify;

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{Cli, ColorChoice, Command};
use crate::clock::{Clock, SystemClock};
use crate::directory::Directory;
use crate::directory::sanitize::escape;
use crate::i18n::cli::{self as messages_cli, CliMessages, fill};
use crate::render::{self, Style, TextOptions};
use crate::settings::load_for_command;

pub use crate::exit::{CommandError, EXIT_DIFFERENT, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE};

/// Runs a command (anything but the interactive app) and returns its exit status, which
/// [`crate::exit::status`] alone decides. Commands that read the directory load it
/// first; a directory that cannot be used ends with a message and status 2.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> std::io::Result<u8> {
    crate::exit::status(dispatch(cli, command, out))
}

/// The command, run.
fn dispatch(cli: &Cli, command: &Command, out: &mut dyn Write) -> Result<(), CommandError> {
    let msg = messages_cli::for_language(crate::settings::language(cli));
    let style = Style {
        bold: use_color(
            cli.color,
            std::io::stdout().is_terminal(),
            crate::settings::no_color(),
        ),
    };
    match command {
        Command::Check { file } => {
            check_in(file, cli.stale_days, cli.data_cap(), &SystemClock, msg, out)
        }
        Command::Schema => schema(out),
        Command::Completions { shell } => completions(*shell, out),
        Command::Man => man(out),
        Command::Import { from } => import(from, &SystemClock, out),
        Command::Diff {
            old,
            new,
            exit_code,
        } => diff(old, new, *exit_code, cli.data_cap(), msg, out),
        Command::Index => index(cli, msg, out),
        Command::Verify { file, key } => verify(file, key, cli.data_cap(), msg, out),
        Command::Search(args) => {
            let query = args.query.join(" ");
            // A role's name in another language of the file stands for its id.
            let role_id = args
                .role
                .as_deref()
                .and_then(|r| role_in_any_language(cli, r));
            let request = SearchRequest {
                query: &query,
                role: role_id.as_deref().or(args.role.as_deref()),
                limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
                json: args.json,
                filters: args.filters.filters(),
                now: args.filters.at.unwrap_or_else(|| SystemClock.now()),
            };
            if let Some(status) = indexed_search(cli, &request, style, msg, out) {
                return status;
            }
            let dirs = match crate::settings::load_languages(cli) {
                Ok(dirs) => dirs,
                Err(message) => {
                    return Err(CommandError::Usage(message.to_string()));
                }
            };
            let current = crate::settings::language(cli);
            let Some((_, dir)) = dirs.iter().find(|(code, _)| *code == current) else {
                return Err(CommandError::Usage(String::new()));
            };
            let others: Vec<&Directory> = dirs
                .iter()
                .filter(|(code, _)| *code != current)
                .map(|(_, d)| d)
                .collect();
            search(dir, &others, &request, style, msg, out)
        }
        Command::Show { id, json } => {
            with_directory(cli, |dir| show(dir, id, *json, style, msg, out))
        }
        Command::Qr { id } => with_directory(cli, |dir| qr(dir, id, style.bold, msg, out)),
        Command::Card { id, width } => {
            // As wide as the terminal when printing to one; else --width, else 80.
            let width = width.unwrap_or_else(|| {
                if std::io::stdout().is_terminal() {
                    ratatui::crossterm::terminal::size().map_or(card::DEFAULT_WIDTH, |(w, _)| w)
                } else {
                    card::DEFAULT_WIDTH
                }
            });
            with_directory(cli, |dir| card(dir, id, width, msg, out))
        }
        Command::Hotlines { json } => {
            with_directory(cli, |dir| hotlines(dir, *json, style, msg, out))
        }
        Command::Roles { json } => with_directory(cli, |dir| roles(dir, *json, style, msg, out)),
        Command::Export {
            role,
            format,
            output,
        } => {
            let role_id = role.as_deref().and_then(|r| role_in_any_language(cli, r));
            with_directory(cli, |dir| {
                export(
                    dir,
                    role_id.as_deref().or(role.as_deref()),
                    *format,
                    output.as_deref(),
                    style,
                    msg,
                    out,
                )
            })
        }
    }
}

/// Loads the directory the command line names and runs `command` on it; a directory
/// that cannot be used ends with its message on stderr and status 2.
fn with_directory(
    cli: &Cli,
    command: impl FnOnce(&Directory) -> Result<(), CommandError>,
) -> Result<(), CommandError> {
    let dir = load_for_command(cli).map_err(|message| CommandError::Usage(message.to_string()))?;
    command(&dir)
}

/// Whether text output gets terminal attributes: never with `NO_COLOR`, never for
/// `--color never`, always for `--color always`, and for `auto` only on a terminal.
#[must_use]
pub const fn use_color(choice: ColorChoice, stdout_is_terminal: bool, no_color: bool) -> bool {
    if no_color {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout_is_terminal,
    }
}

/// The id of the role called `wanted` in a language of the file other than the one the
/// command runs in (`--role "Fuerzas del orden"` in English, `--role "Law Enforcement"`
/// in Spanish), so that a script's `--role` does not depend on the locale. `None` when
/// `wanted` looks like an id already (no capital, no space) or no role has that name
/// (the usual lookup then says which roles there are). Reads the file once more in each
/// other language, only for a name.
fn role_in_any_language(cli: &Cli, wanted: &str) -> Option<String> {
    let w = wanted.trim();
    if w.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return None;
    }
    let lower = w.to_lowercase();
    let current = crate::settings::language(cli);
    // The languages the interface speaks: a file's names in others are not read.
    ["en", "es"]
        .iter()
        .filter(|code| **code != current)
        .find_map(|code| {
            let dir = crate::settings::load_in(cli, code).ok()?;
            if !dir.meta.translations.iter().any(|(c, _)| c == code) && *code != "en" {
                return None;
            }
            dir.roles
                .iter()
                .find(|r| r.name.to_lowercase() == lower)
                .map(|r| r.id.clone())
        })
}

pub(crate) fn write_json(value: &serde_json::Value, out: &mut dyn Write) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

/// Replaces the file at `path` with `bytes` (a temporary file, synced, renamed over it:
/// see [`crate::commands::replace`]).
///
/// # Errors
/// [`CommandError::Usage`] saying why the file was not written.
pub fn write_output(path: &Path, bytes: &[u8], msg: &CliMessages) -> Result<(), CommandError> {
    let shown = escape(&path.display().to_string());
    let text = match crate::commands::replace::replace(path, bytes) {
        Ok(()) => return Ok(()),
        Err(crate::commands::replace::ReplaceError::Link) => {
            fill(msg.write_link, &[("file", &shown)])
        }
        Err(crate::commands::replace::ReplaceError::NotAFile) => {
            fill(msg.write_not_file, &[("file", &shown)])
        }
        Err(crate::commands::replace::ReplaceError::Io(e)) => fill(
            msg.cannot_write,
            &[("file", &shown), ("error", &e.to_string())],
        ),
    };
    Err(CommandError::Usage(text))
}

/// Writes blocks as plain text, with `tel:` links beside numbers when `uris`.
pub(crate) fn write_text(
    blocks: &[render::Block],
    style: Style,
    uris: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let text = render::render_text(
        blocks,
        TextOptions {
            style,
            uris,
            ..TextOptions::default()
        },
    );
    out.write_all(text.as_bytes())
}
