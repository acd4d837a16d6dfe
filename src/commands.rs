//! The non-interactive commands. They never touch terminal modes, so they are safe in
//! pipes and scripts.

use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ColorChoice, Command, ExportFormat};
use crate::clock::{Clock, SystemClock};
use crate::directory::sanitize::escape;
use crate::directory::{self, DEFAULT_MAX_BYTES, Directory, LoadError, RecordRef, check, load};
use crate::output::{self, Style, TextOptions};
use crate::search::{Scope, SearchIndex};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: nothing found, or invalid data for `check`.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit status: bad usage or unusable data.
pub const EXIT_USAGE: u8 = 2;

/// `heatwatch check FILE`: every problem on its own line, then stale-record warnings.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn check(
    file: &Path,
    stale_days: u32,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    match load::from_path(file, DEFAULT_MAX_BYTES) {
        Err(e) => {
            let problems = e.problems();
            for p in &problems {
                writeln!(out, "error: {p}")?;
            }
            let n = problems.len();
            writeln!(
                out,
                "{}: {n} problem{}; the file is not usable.",
                file.display(),
                if n == 1 { "" } else { "s" }
            )?;
            Ok(if e.is_unreadable() {
                EXIT_USAGE
            } else {
                EXIT_NOT_FOUND
            })
        }
        Ok(dir) => {
            let today = clock.today();
            let mut warnings = check::warnings(&dir, today, stale_days);
            // Every declared translation should cover every text: a gap is a warning.
            if !dir.meta.translations.is_empty()
                && let Ok(bytes) = std::fs::read(file)
            {
                for (language, _) in &dir.meta.translations {
                    if let Ok((_, missing)) = load::from_bytes_in(&bytes, language) {
                        warnings.extend(missing.into_iter().map(|text| check::Warning {
                            path: format!("translation \"{language}\""),
                            message: format!(
                                "no \"{language}\" text for \"{}\"; add it, or it shows in English",
                                crate::directory::sanitize::escape(&text)
                            ),
                        }));
                    }
                }
            }
            for w in &warnings {
                writeln!(out, "warning: {}: {}", w.path, w.message)?;
            }
            let total = dir.records().len();
            writeln!(
                out,
                "{}: valid — {total} records, {} warning{}.",
                file.display(),
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" }
            )?;
            let f = check::freshness(&dir, today, stale_days);
            writeln!(
                out,
                "{} of {} records unverified for over {}; {} never verified.",
                f.unverified_for_long,
                f.total,
                if stale_days == 365 {
                    "a year".to_owned()
                } else {
                    format!("{stale_days} days")
                },
                f.never_verified
            )?;
            Ok(EXIT_OK)
        }
    }
}

/// `heatwatch qr ID`: QR codes of a hotline's `tel:` and `sms:` links, with the
/// caution that a number saved on a phone someone else checks can be seen. With colour,
/// black and white half blocks; without, glyphs in the terminal's own colours.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn qr(dir: &Directory, id: &str, ansi: bool, out: &mut dyn Write) -> std::io::Result<u8> {
    let Some(h) = dir.find(id).and_then(|r| match r {
        directory::RecordRef::Hotline(i) => dir.hotlines.get(i),
        _ => None,
    }) else {
        eprintln!(
            "heatwatch: no hotline has the id \"{}\". List them with `heatwatch hotlines --json`.",
            directory::sanitize::escape(id)
        );
        return Ok(EXIT_NOT_FOUND);
    };
    let codes = [
        ("Scan to call", h.phone.uri.as_deref()),
        (
            "Scan to text",
            h.text.as_ref().and_then(|t| t.uri.as_deref()),
        ),
    ];
    writeln!(out, "{}: {}", h.name, h.phone.display())?;
    writeln!(
        out,
        "Careful: a number saved on a phone that someone else checks can be seen."
    )?;
    let mut any = false;
    for (label, uri) in codes {
        let Some(uri) = uri else { continue };
        let Some(code) = crate::qr::text(uri, ansi) else {
            continue;
        };
        writeln!(out, "\n{label}: {uri}")?;
        out.write_all(code.as_bytes())?;
        any = true;
    }
    if !any {
        eprintln!("heatwatch: this number has no dialable form, so there is no code to scan.");
        return Ok(EXIT_NOT_FOUND);
    }
    Ok(EXIT_OK)
}

/// `heatwatch schema`: the JSON Schema of the file format.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn schema(out: &mut dyn Write) -> std::io::Result<u8> {
    let schema = schemars::schema_for!(directory::raw::RawFile);
    let text = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")?;
    Ok(EXIT_OK)
}

/// Runs a command (anything but the interactive app). Commands that read the directory
/// load it first; a directory that cannot be used ends with a message and status 2.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> std::io::Result<u8> {
    match command {
        Command::Check { file, stale_days } => return check(file, *stale_days, &SystemClock, out),
        Command::Schema => return schema(out),
        Command::Completions { shell } => return completions(*shell, out),
        Command::Man => return man(out),
        Command::Import { from } => return crate::import::run(from, &SystemClock, out),
        Command::Diff { old, new } => return directory::merge::diff_command(old, new, out),
        _ => {}
    }
    let dir = match load_for_command(cli) {
        Ok(d) => d,
        Err(message) => {
            eprintln!("heatwatch: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    let style = Style {
        bold: use_color(
            cli.color,
            std::io::stdout().is_terminal(),
            crate::no_color(),
        ),
    };
    match command {
        Command::Search {
            query,
            role,
            limit,
            json,
        } => search(
            &dir,
            &query.join(" "),
            role.as_deref(),
            usize::try_from(*limit).unwrap_or(usize::MAX),
            *json,
            style,
            out,
        ),
        Command::Show { id, json } => show(&dir, id, *json, style, out),
        Command::Qr { id } => qr(&dir, id, style.bold, out),
        Command::Hotlines { json } => hotlines(&dir, *json, style, out),
        Command::Roles { json } => roles(&dir, *json, style, out),
        Command::Export {
            role,
            format,
            output,
        } => export(
            &dir,
            role.as_deref(),
            *format,
            output.as_deref(),
            style,
            out,
        ),
        Command::Check { .. }
        | Command::Schema
        | Command::Completions { .. }
        | Command::Man
        | Command::Import { .. }
        | Command::Diff { .. } => Ok(EXIT_USAGE),
    }
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

/// Loads the directory for a command, with a short, plain message when it cannot be used.
///
/// # Errors
/// One or two sentences saying what is wrong and what to do.
pub fn load_for_command(cli: &Cli) -> Result<Directory, String> {
    let embedded =
        || load::embedded().map_err(|e| format!("the built-in directory cannot be used: {e}"));
    if cli.data.is_empty() {
        return embedded();
    }
    // Several files (or the embedded one and files) are layered in order.
    let mut layers = Vec::with_capacity(cli.data.len() + 1);
    if cli.with_embedded {
        layers.push((directory::merge::EMBEDDED_LAYER.to_owned(), embedded()?));
    }
    for path in &cli.data {
        layers.push((path.display().to_string(), load_one(path)?));
    }
    directory::merge::layer(layers).map_err(|e| format!("the data files cannot be layered: {e}."))
}

/// Loads one `--data` file, with a short, plain message when it cannot be used.
fn load_one(path: &Path) -> Result<Directory, String> {
    let shown = escape(&path.display().to_string());
    load::from_path(path, DEFAULT_MAX_BYTES).map_err(|e| match e {
        LoadError::Io { source, .. } => format!(
            "cannot read the data file {shown}: {source}. Check the path, or leave out --data (and HEATWATCH_DATA) to use the built-in directory."
        ),
        LoadError::TooLarge { .. } | LoadError::Empty | LoadError::Version { .. } => {
            format!("{shown} cannot be used: {e}")
        }
        LoadError::Parse(_) | LoadError::Invalid(_) => {
            let problems = e.problems();
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            let more = match problems.len() {
                0 | 1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            format!(
                "{shown} is not a usable directory file: {}{more}. Run `heatwatch check {}` to list every problem.",
                first.trim_end_matches('.'),
                shell_quote(&shown)
            )
        }
    })
}

/// A path as it could be typed into a POSIX shell.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@%=".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Finds a role by id or name, ignoring case.
///
/// # Errors
/// A message naming the roles there are.
pub fn find_role(dir: &Directory, wanted: &str) -> Result<usize, String> {
    let w = wanted.trim();
    let lower = w.to_lowercase();
    dir.roles
        .iter()
        .position(|r| r.id.eq_ignore_ascii_case(w) || r.name.to_lowercase() == lower)
        .ok_or_else(|| {
            let list = if dir.roles.is_empty() {
                "this directory has no roles".to_owned()
            } else {
                let names: Vec<String> = dir
                    .roles
                    .iter()
                    .map(|r| format!("{} ({})", r.id, r.name))
                    .collect();
                format!("the roles are: {}", names.join(", "))
            };
            format!("no role is called \"{}\"; {list}.", escape(w))
        })
}

fn write_json(value: &serde_json::Value, out: &mut dyn Write) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

/// `heatwatch search QUERY`: ranked results, one line each (or a JSON array).
///
/// # Errors
/// Only when writing to `out` fails.
pub fn search(
    dir: &Directory,
    query: &str,
    role: Option<&str>,
    limit: usize,
    json: bool,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if query.trim().is_empty() {
        eprintln!("heatwatch: give a word or a phone number to search for.");
        return Ok(EXIT_USAGE);
    }
    let scope = match role.map(|r| find_role(dir, r)) {
        None => Scope::All,
        Some(Ok(i)) => Scope::Role(i),
        Some(Err(message)) => {
            eprintln!("heatwatch: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    let index = SearchIndex::build(dir);
    let results = index.search(query, scope, limit.max(1));
    if json {
        write_json(&output::search_value(dir, &results.hits), out)?;
    } else {
        for hit in &results.hits {
            let r = hit.record;
            let mut line = format!("{}: {}", r.kind(), style.strong(&dir.path_title(r)));
            if let Some(p) = output::number_of(dir, r) {
                line.push_str(&format!(" — {}", p.display()));
            }
            if let Some(id) = dir.id_of(r) {
                line.push_str(&format!(" [{id}]"));
            }
            writeln!(out, "{line}")?;
        }
    }
    if results.hits.is_empty() {
        let within = match scope {
            Scope::Role(i) => dir
                .roles
                .get(i)
                .map(|r| format!(" in {}", r.name))
                .unwrap_or_default(),
            Scope::All => String::new(),
        };
        eprintln!(
            "heatwatch: nothing found for \"{}\"{within}. Try other or fewer words, or `heatwatch hotlines`. In an emergency, call {}.",
            escape(query.trim()),
            dir.meta.emergency.display()
        );
        return Ok(EXIT_NOT_FOUND);
    }
    if results.total > results.hits.len() && !json {
        eprintln!(
            "heatwatch: showing {} of {} results; use --limit to see more.",
            results.hits.len(),
            results.total
        );
    }
    Ok(EXIT_OK)
}

/// Finds a record by id: exactly, else ignoring ASCII case.
fn find_record(dir: &Directory, id: &str) -> Option<RecordRef> {
    let id = id.trim();
    dir.find(id).or_else(|| {
        dir.records()
            .into_iter()
            .find(|&r| dir.id_of(r).is_some_and(|x| x.eq_ignore_ascii_case(id)))
    })
}

/// `heatwatch show ID`: one record in full.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn show(
    dir: &Directory,
    id: &str,
    json: bool,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(r) = find_record(dir, id) else {
        eprintln!(
            "heatwatch: no record has the id \"{}\". Find ids with `heatwatch search WORDS`, `heatwatch roles` or `heatwatch hotlines --json`.",
            escape(id.trim())
        );
        return Ok(EXIT_NOT_FOUND);
    };
    // The file a record came from, when the directory was loaded from files.
    let origin = dir.origin_of(r);
    if json {
        let Some(mut value) = output::record_value(dir, r) else {
            return Ok(EXIT_NOT_FOUND);
        };
        if let (Some(o), Some(p)) = (origin, value.get_mut("provenance")) {
            p["origin"] = serde_json::Value::String(o.to_owned());
        }
        write_json(&value, out)?;
    } else {
        let mut blocks = output::record_blocks(dir, r);
        if let Some(o) = origin {
            blocks.push(output::Block::Fields(vec![(
                "From file".to_owned(),
                vec![output::Inline::Text(escape(o))],
            )]));
        }
        write_text(&blocks, style, true, out)?;
    }
    Ok(EXIT_OK)
}

/// Writes blocks as plain text, with `tel:` links beside numbers when `uris`.
fn write_text(
    blocks: &[output::Block],
    style: Style,
    uris: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let text = output::render_text(
        blocks,
        TextOptions {
            style,
            uris,
            ..TextOptions::default()
        },
    );
    out.write_all(text.as_bytes())
}

/// `heatwatch hotlines`: every hotline and the emergency number.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn hotlines(
    dir: &Directory,
    json: bool,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if json {
        write_json(&output::hotlines_value(dir), out)?;
    } else {
        let blocks = output::hotlines_blocks(dir);
        write_text(&blocks, style, true, out)?;
    }
    Ok(EXIT_OK)
}

/// `heatwatch roles`: the roles with their action items.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn roles(
    dir: &Directory,
    json: bool,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if json {
        write_json(&output::roles_value(dir), out)?;
    } else {
        let blocks = output::roles_blocks(dir);
        write_text(&blocks, style, false, out)?;
    }
    Ok(EXIT_OK)
}

/// `heatwatch export`: the printable handout, to `file` or to `out`.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn export(
    dir: &Directory,
    role: Option<&str>,
    format: ExportFormat,
    file: Option<&Path>,
    style: Style,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let role = match role.map(|r| find_role(dir, r)) {
        None => None,
        Some(Ok(i)) => Some(i),
        Some(Err(message)) => {
            eprintln!("heatwatch: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    let text = match format {
        ExportFormat::Vcard => output::render_vcard(dir),
        ExportFormat::Text => output::render_text(
            &output::handout_blocks(dir, role),
            TextOptions {
                width: Some(output::HANDOUT_WIDTH),
                // Terminal attributes only ever go to a terminal-bound stdout, never a file.
                style: if file.is_some() {
                    Style::default()
                } else {
                    style
                },
                uris: false,
                rules: true,
            },
        ),
        ExportFormat::Markdown => output::render_markdown(&output::handout_blocks(dir, role)),
        ExportFormat::Html => output::render_html(
            &format!("{}: hotlines and what to do", dir.meta.name),
            &output::handout_blocks(dir, role),
        ),
    };
    match file {
        Some(path) => {
            if let Err(e) = std::fs::write(path, text.as_bytes()) {
                eprintln!(
                    "heatwatch: cannot write {}: {e}. Check that the folder exists and can be written.",
                    escape(&path.display().to_string())
                );
                return Ok(EXIT_USAGE);
            }
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}

/// `heatwatch completions SHELL`: a completion script from the clap definition.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn completions(shell: clap_complete::aot::Shell, out: &mut dyn Write) -> std::io::Result<u8> {
    // Generated into memory first: the generator panics on a failed write (a closed pipe).
    let mut buf = Vec::new();
    clap_complete::aot::generate(shell, &mut Cli::command(), "heatwatch", &mut buf);
    out.write_all(&buf)?;
    Ok(EXIT_OK)
}

/// `heatwatch man`: the manual page (roff) from the clap definition.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn man(out: &mut dyn Write) -> std::io::Result<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    out.write_all(&buf)?;
    Ok(EXIT_OK)
}
