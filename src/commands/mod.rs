//! The non-interactive commands. They never touch terminal modes, so they are safe in
//! pipes and scripts.

pub mod replace;

use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ColorChoice, Command, ExportFormat};
use crate::clock::{Clock, SystemClock};
use crate::directory::sanitize::escape;
use crate::directory::{self, DEFAULT_MAX_BYTES, Directory, LoadError, RecordRef, check, load};
use crate::filter::Filters;
use crate::i18n::cli::{self as messages_cli, CliMessages, fill};
use crate::render::{self, Style, TextOptions};
use crate::search::index_file::Refusal;
use crate::search::{self, Hit, Keep, Scope, SearchIndex};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: nothing found, or invalid data for `check`.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit status: bad usage or unusable data.
pub const EXIT_USAGE: u8 = 2;
/// `diff --exit-code`: the files differ.
pub const EXIT_DIFFERENT: u8 = 1;

/// `heatwatch check FILE`: every problem on its own line, then stale-record warnings,
/// in English (see [`check_in`] for another language).
///
/// # Errors
/// Only when writing to `out` fails.
pub fn check(
    file: &Path,
    stale_days: u32,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    check_in(file, stale_days, clock, &messages_cli::EN, out)
}

/// `heatwatch check FILE` in the language of `msg`. The problems the loader finds are
/// worded in the process language (see `directory::problems`), which the binary sets
/// from the same `--lang`; what `check` says around them follows `msg`.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn check_in(
    file: &Path,
    stale_days: u32,
    clock: &dyn Clock,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let shown = file.display().to_string();
    match load::from_path(file, DEFAULT_MAX_BYTES) {
        Err(e) => {
            let problems = e.problems();
            for p in &problems {
                writeln!(out, "{}: {p}", msg.label_error)?;
            }
            let n = problems.len();
            let summary = if n == 1 {
                msg.check_invalid_one
            } else {
                msg.check_invalid_many
            };
            writeln!(
                out,
                "{}",
                fill(summary, &[("file", &shown), ("n", &n.to_string())])
            )?;
            Ok(if e.is_unreadable() {
                EXIT_USAGE
            } else {
                EXIT_NOT_FOUND
            })
        }
        Ok(dir) => {
            let today = clock.today();
            let mut warnings: Vec<check::Warning> = check::warnings(&dir, today, stale_days)
                .into_iter()
                .map(|w| check::Warning {
                    message: stale_message(&dir, &w, today, stale_days, msg),
                    path: w.path,
                    record: w.record,
                })
                .collect();
            let unzoned = check::unzoned_schedules(&dir);
            if unzoned > 0 {
                warnings.push(check::Warning {
                    path: "directory.time_zone".to_owned(),
                    message: fill(msg.check_no_time_zone, &[("n", &unzoned.to_string())]),
                    record: None,
                });
            }
            // A hotline flag written `false` claims nothing ("not stated"): said so, since
            // a maintainer may think it prints "no".
            if let Ok(bytes) = std::fs::read(file) {
                warnings.extend(false_flags(&bytes).into_iter().map(|(path, flag)| {
                    check::Warning {
                        path,
                        message: fill(msg.check_false_flag, &[("flag", flag)]),
                        record: None,
                    }
                }));
            }
            // Every declared translation should cover every text: a gap is a warning.
            if !dir.meta.translations.is_empty()
                && let Ok(bytes) = std::fs::read(file)
            {
                for (language, _) in &dir.meta.translations {
                    if let Ok((_, missing)) = load::from_bytes_in(&bytes, language) {
                        warnings.extend(missing.into_iter().map(|text| check::Warning {
                            record: None,
                            path: fill(msg.translation_path, &[("language", language)]),
                            message: fill(
                                msg.translation_missing,
                                &[("language", language), ("text", &escape(&text))],
                            ),
                        }));
                    }
                }
            }
            for w in &warnings {
                writeln!(out, "{}: {}: {}", msg.label_warning, w.path, w.message)?;
            }
            let total = dir.records().len();
            let summary = if warnings.len() == 1 {
                msg.check_valid_one
            } else {
                msg.check_valid_many
            };
            writeln!(
                out,
                "{}",
                fill(
                    summary,
                    &[
                        ("file", &shown),
                        ("records", &total.to_string()),
                        ("n", &warnings.len().to_string()),
                    ]
                )
            )?;
            let f = check::freshness(&dir, today, stale_days);
            let period = if stale_days == 365 {
                msg.period_year.to_owned()
            } else {
                fill(msg.period_days, &[("n", &stale_days.to_string())])
            };
            writeln!(
                out,
                "{}",
                fill(
                    msg.check_freshness,
                    &[
                        ("stale", &f.unverified_for_long.to_string()),
                        ("total", &f.total.to_string()),
                        ("period", &period),
                        ("never", &f.never_verified.to_string()),
                    ]
                )
            )?;
            Ok(EXIT_OK)
        }
    }
}

/// The hotline flags a source may state (`true`) or leave out; `false` says no more
/// than leaving them out.
pub const SOURCE_FLAGS: [&str; 3] = ["anonymous", "confidential", "emergency"];

/// Where a directory file writes a hotline flag as `false`: (`hotlines[i].flag`, flag).
/// Nothing for a file that is not JSON or has no hotlines (its other problems are
/// reported elsewhere).
#[must_use]
pub fn false_flags(bytes: &[u8]) -> Vec<(String, &'static str)> {
    if memchr::memmem::find(bytes, b"false").is_none() {
        return Vec::new();
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Vec::new();
    };
    let Some(hotlines) = value.get("hotlines").and_then(serde_json::Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, h) in hotlines.iter().enumerate() {
        for flag in SOURCE_FLAGS {
            if h.get(flag) == Some(&serde_json::Value::Bool(false)) {
                out.push((format!("hotlines[{i}].{flag}"), flag));
            }
        }
    }
    out
}

/// A staleness warning of [`check::warnings`] said in the language of `msg`: the
/// warning names the record by its path, and its dates say which kind it is. A warning
/// of any other kind keeps its own words.
fn stale_message(
    dir: &Directory,
    w: &check::Warning,
    today: time::Date,
    stale_days: u32,
    msg: &CliMessages,
) -> String {
    let provenance = w.record.and_then(|r| dir.provenance_of(r));
    let Some(p) = provenance else {
        return w.message.clone();
    };
    let latest = p.latest();
    let age = check::age_days(latest, today);
    let verified = p.verified.is_some();
    let template = if age > i64::from(stale_days) {
        if verified {
            msg.stale_verified
        } else {
            msg.stale_retrieved
        }
    } else if age < 0 {
        if verified {
            msg.future_verified
        } else {
            msg.future_retrieved
        }
    } else {
        return w.message.clone();
    };
    fill(
        template,
        &[
            ("date", &latest.to_string()),
            ("age", &age.to_string()),
            ("limit", &stale_days.to_string()),
        ],
    )
}

/// `heatwatch qr ID`: QR codes of a hotline's `tel:` and `sms:` links, with the
/// caution that a number saved on a phone someone else checks can be seen. With colour,
/// black and white half blocks; without, glyphs in the terminal's own colours.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn qr(
    dir: &Directory,
    id: &str,
    ansi: bool,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(h) = dir.find(id).and_then(|r| match r {
        directory::RecordRef::Hotline(i) => dir.hotlines.get(i),
        _ => None,
    }) else {
        note!(
            "heatwatch: {}",
            fill(msg.no_such_hotline, &[("id", &escape(id))])
        );
        return Ok(EXIT_NOT_FOUND);
    };
    let codes = [
        (msg.app.qr_call, h.phone.uri.as_deref()),
        (
            msg.app.qr_text,
            h.text.as_ref().and_then(|t| t.uri.as_deref()),
        ),
    ];
    writeln!(out, "{}: {}", h.name, h.phone.display())?;
    if let Some(c) = &h.caution {
        writeln!(out, "{}: {c}", msg.app.caution_label)?;
    }
    writeln!(out, "{}", msg.app.qr_caution)?;
    let mut any = false;
    for (label, uri) in codes {
        let Some(uri) = uri else { continue };
        let Some(code) = crate::render::qr::text(uri, ansi) else {
            continue;
        };
        writeln!(out, "\n{label}: {uri}")?;
        out.write_all(code.as_bytes())?;
        any = true;
    }
    if !any {
        note!("heatwatch: {}", msg.no_dialable_form);
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
    let msg = messages_cli::for_language(crate::language(cli));
    match command {
        Command::Check { file } => {
            return check_in(file, cli.stale_days, &SystemClock, msg, out);
        }
        Command::Schema => return schema(out),
        Command::Completions { shell } => return completions(*shell, out),
        Command::Man => return man(out),
        Command::Import { from } => return crate::import::run(from, &SystemClock, out),
        Command::Diff {
            old,
            new,
            exit_code,
        } => return diff(old, new, *exit_code, msg, out),
        Command::Index => return index(cli, msg, out),
        _ => {}
    }
    let style = Style {
        bold: use_color(
            cli.color,
            std::io::stdout().is_terminal(),
            crate::no_color(),
        ),
    };
    let query = match command {
        Command::Search { query, .. } => query.join(" "),
        _ => String::new(),
    };
    // A role's name in another language of the file stands for its id.
    let role_id = match command {
        Command::Search { role: Some(r), .. } | Command::Export { role: Some(r), .. } => {
            role_in_any_language(cli, r)
        }
        _ => None,
    };
    let search_args = match command {
        Command::Search {
            role,
            limit,
            json,
            language,
            area,
            phone,
            open_now,
            at,
            ..
        } => Some(SearchArgs {
            query: &query,
            role: role_id.as_deref().or(role.as_deref()),
            limit: usize::try_from(*limit).unwrap_or(usize::MAX),
            json: *json,
            filters: Filters {
                language: language.clone(),
                area: area.clone(),
                phone: *phone,
                open_now: *open_now,
            },
            now: at.unwrap_or_else(|| SystemClock.now()),
        }),
        _ => None,
    };
    if let Some(args) = &search_args
        && let Some(status) = indexed_search(cli, args, style, msg, out)
    {
        return status;
    }
    let dir = match load_for_command(cli) {
        Ok(d) => d,
        Err(message) => {
            note!("heatwatch: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    let result = match command {
        Command::Search { .. } => match &search_args {
            Some(args) => search(&dir, args, style, msg, out),
            None => Ok(EXIT_USAGE),
        },
        Command::Show { id, json } => show(&dir, id, *json, style, msg, out),
        Command::Qr { id } => qr(&dir, id, style.bold, msg, out),
        Command::Hotlines { json } => hotlines(&dir, *json, style, msg, out),
        Command::Roles { json } => roles(&dir, *json, style, msg, out),
        Command::Export {
            role,
            format,
            output,
        } => export(
            &dir,
            role_id.as_deref().or(role.as_deref()),
            *format,
            output.as_deref(),
            style,
            msg,
            out,
        ),
        Command::Check { .. }
        | Command::Schema
        | Command::Completions { .. }
        | Command::Man
        | Command::Import { .. }
        | Command::Diff { .. }
        | Command::Index => Ok(EXIT_USAGE),
    };
    // A command is the last thing the process does: freeing a large directory string
    // by string would only delay the exit (measured at tens of milliseconds for
    // 100,000 entries). The operating system takes the memory back.
    std::mem::forget(dir);
    result
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
    let msg = messages_cli::for_language(crate::language(cli));
    let embedded =
        || load::embedded().map_err(|e| fill(msg.builtin_unusable, &[("error", &e.to_string())]));
    if cli.data.is_empty() {
        return embedded();
    }
    // Several files (or the embedded one and files) are layered in order.
    let mut layers = Vec::with_capacity(cli.data.len() + 1);
    if cli.with_embedded {
        layers.push((directory::merge::EMBEDDED_LAYER.to_owned(), embedded()?));
    }
    for path in &cli.data {
        layers.push((path.display().to_string(), load_one(path, msg)?));
    }
    directory::merge::layer(layers)
        .map_err(|e| fill(msg.layers_unusable, &[("error", &e.to_string())]))
}

/// Loads one `--data` file, with a short, plain message when it cannot be used.
fn load_one(path: &Path, msg: &CliMessages) -> Result<Directory, String> {
    load::from_path(path, DEFAULT_MAX_BYTES).map_err(|e| unusable_message(path, &e, msg))
}

/// What to tell about a directory file that cannot be used.
fn unusable_message(path: &Path, e: &LoadError, msg: &CliMessages) -> String {
    let shown = escape(&path.display().to_string());
    match e {
        LoadError::Io { source, .. } => fill(
            msg.data_unreadable,
            &[("file", &shown), ("error", &source.to_string())],
        ),
        LoadError::TooLarge { .. } | LoadError::Empty | LoadError::Version { .. } => fill(
            msg.data_cannot_be_used,
            &[("file", &shown), ("error", &e.to_string())],
        ),
        LoadError::Parse(_) | LoadError::Invalid(_) => {
            let problems = e.problems();
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            let more = match problems.len() {
                0 | 1 => String::new(),
                n => fill(msg.and_more, &[("n", &(n - 1).to_string())]),
            };
            fill(
                msg.data_not_usable,
                &[
                    ("file", &shown),
                    ("problem", first.trim_end_matches('.')),
                    ("more", &more),
                    ("path", &shell_quote(&shown)),
                ],
            )
        }
    }
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
    let current = directory::text::current_language();
    // The languages the interface speaks: a file's names in others are not read.
    ["en", "es"]
        .iter()
        .filter(|code| **code != current)
        .find_map(|code| {
            let (loaded, _, _) = directory::text::resolving(code, || load_for_command(cli));
            let dir = loaded.ok()?;
            if !dir.meta.translations.iter().any(|(c, _)| c == code) && *code != "en" {
                return None;
            }
            dir.roles
                .iter()
                .find(|r| r.name.to_lowercase() == lower)
                .map(|r| r.id.clone())
        })
}

/// Finds a role by id or name, ignoring case.
///
/// # Errors
/// A message naming the roles there are.
pub fn find_role(dir: &Directory, wanted: &str, msg: &CliMessages) -> Result<usize, String> {
    let w = wanted.trim();
    let lower = w.to_lowercase();
    dir.roles
        .iter()
        .position(|r| r.id.eq_ignore_ascii_case(w) || r.name.to_lowercase() == lower)
        .ok_or_else(|| {
            let list = if dir.roles.is_empty() {
                msg.no_roles.to_owned()
            } else {
                let names: Vec<String> = dir
                    .roles
                    .iter()
                    .map(|r| format!("{} ({})", r.id, r.name))
                    .collect();
                fill(msg.roles_are, &[("list", &names.join(", "))])
            };
            fill(msg.no_such_role, &[("role", &escape(w)), ("list", &list)])
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
// Each argument is one option of the command, plus where and how to write.
pub fn search(
    dir: &Directory,
    args: &SearchArgs<'_>,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let SearchArgs {
        query,
        role,
        limit,
        json: _,
        ref filters,
        now,
    } = *args;
    if query.trim().is_empty() && filters.is_empty() {
        note!("heatwatch: {}", msg.search_empty);
        return Ok(EXIT_USAGE);
    }
    let scope = match role.map(|r| find_role(dir, r, msg)) {
        None => Scope::All,
        Some(Ok(i)) => Scope::Role(i),
        Some(Err(message)) => {
            note!("heatwatch: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    let prepared = filters.prepare();
    let keep = |r: RecordRef| prepared.accepts(dir, r, now);
    let (hits, total) = if query.trim().is_empty() {
        // Filters alone: every record they let through, in directory order.
        let all: Vec<Hit> = dir
            .records()
            .into_iter()
            .filter(|&r| keep(r))
            .map(|record| Hit { record, score: 0 })
            .collect();
        let total = all.len();
        (all.into_iter().take(limit.max(1)).collect(), total)
    } else {
        let index = SearchIndex::build(dir);
        let keep: Option<&Keep<'_>> = if filters.is_empty() {
            None
        } else {
            Some(&keep)
        };
        let r = index.search_filtered(query, scope, limit.max(1), None, keep);
        // The process ends after this command: freeing the index of a large directory,
        // piece by piece, would only delay the exit (tens of milliseconds at 100,000
        // entries). The operating system takes the memory back.
        std::mem::forget(index);
        (r.hits, r.total)
    };
    report(dir, args, scope, &hits, total, style, msg, out)
}

/// Prints the results of `heatwatch search`, and says on stderr when there are none or
/// more than shown; returns the exit status.
#[allow(clippy::too_many_arguments)] // The search asked, its results, and how to print.
fn report(
    dir: &Directory,
    args: &SearchArgs<'_>,
    scope: Scope,
    hits: &[Hit],
    total: usize,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let (query, json) = (args.query, args.json);
    if json {
        write_json(&render::search_value(dir, hits), out)?;
    } else {
        for hit in hits {
            let r = hit.record;
            let mut line = format!(
                "{}: {}",
                msg.kind(r.kind()),
                style.strong(&dir.path_title(r))
            );
            if let Some(p) = render::number_of(dir, r) {
                line.push_str(&format!(" — {}", p.display()));
            }
            if let Some(id) = dir.id_of(r) {
                line.push_str(&format!(" [{id}]"));
            }
            writeln!(out, "{line}")?;
        }
    }
    if hits.is_empty() {
        let within = match scope {
            Scope::Role(i) => dir
                .roles
                .get(i)
                .map(|r| fill(msg.search_within, &[("role", &r.name)]))
                .unwrap_or_default(),
            Scope::All => String::new(),
        };
        note!(
            "heatwatch: {}",
            fill(
                msg.search_nothing,
                &[
                    ("query", &escape(query.trim())),
                    ("within", &within),
                    ("emergency", &dir.meta.emergency.display()),
                ]
            )
        );
        return Ok(EXIT_NOT_FOUND);
    }
    if total > hits.len() && !json {
        note!(
            "heatwatch: {}",
            fill(
                msg.search_more,
                &[
                    ("shown", &hits.len().to_string()),
                    ("total", &total.to_string()),
                ]
            )
        );
    }
    Ok(EXIT_OK)
}

/// `heatwatch search` with the search index file of its one `--data` file, when there is
/// one that can be used ([`crate::search::index_file`]): the file's head and only the services among
/// the results are read and checked, with the same results and output as [`search()`].
/// `None` to search the usual way: no index file, filters (they judge every record), a
/// role that does not exist (the usual way says so), or an index that cannot be used
/// (said on stderr). `Some` holds what [`search()`] returns: the exit status, or an error
/// writing to `out`.
#[must_use]
pub fn indexed_search(
    cli: &Cli,
    args: &SearchArgs<'_>,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Option<std::io::Result<u8>> {
    let [path] = cli.data.as_slice() else {
        return None;
    };
    if cli.with_embedded || !args.filters.is_empty() || args.query.trim().is_empty() {
        return None;
    }
    let language = directory::text::current_language();
    let index_path = search::index_file::path_for(path, &language);
    if !index_path.is_file() {
        return None;
    }
    let json_len = std::fs::metadata(path).ok()?.len();
    // The directory file and the index, read side by side.
    let (json, unchecked) = rayon::join(
        || load::read_file(path, DEFAULT_MAX_BYTES).ok(),
        || {
            let file = std::fs::File::open(&index_path).map_err(|_| Refusal::Unreadable)?;
            let size = file.metadata().map_err(|_| Refusal::Unreadable)?.len();
            let input = std::io::BufReader::with_capacity(1 << 16, file);
            search::index_file::read_from(input, size, &language, json_len)
        },
    );
    let json = json?;
    let sections = load::sections(&json)?;
    let loaded = match unchecked.and_then(|u| u.check(&json)) {
        Ok(loaded) => loaded,
        Err(refusal) => {
            say_not_used(path, &index_path, refusal, msg);
            return None;
        }
    };
    let scope = match args.role {
        None => Scope::All,
        Some(r) => Scope::Role(find_role(sections.head(), r, msg).ok()?),
    };
    // Hotlines, roles, facts and everything but the services come from the file's head;
    // the index file only adds the services' entries.
    let (index, spans, ids) = loaded.with_head(sections.head());
    let results = index.search_filtered(args.query, scope, args.limit.max(1), None, None);
    // The services among the results, read from the file and numbered in result order.
    let mut hits = results.hits;
    let mut wanted = Vec::new();
    let mut wanted_ids = Vec::new();
    for hit in &mut hits {
        if let RecordRef::Service(i) = hit.record {
            wanted.push((i, spans.get(i)?.clone()));
            wanted_ids.push(ids.get(i)?.as_str());
            hit.record = RecordRef::Service(wanted.len() - 1);
        }
    }
    // The index matched the file, so its services read; if not, it was made wrong.
    let Some(services) = sections.services(&wanted) else {
        say_not_used(path, &index_path, Refusal::Damaged, msg);
        return None;
    };
    // A service whose record is not the one the index named for it is dropped, with a
    // notice: a forged or mistaken index never shows one record under another's id.
    let mut kept = Vec::with_capacity(services.len());
    let mut renumbered = Vec::with_capacity(services.len());
    for (service, id) in services.into_iter().zip(wanted_ids) {
        if service.id == id {
            renumbered.push(Some(kept.len()));
            kept.push(service);
        } else {
            renumbered.push(None);
            note!(
                "heatwatch: {}",
                fill(
                    msg.index_wrong_record,
                    &[
                        ("index", &escape(&index_path.display().to_string())),
                        ("id", &escape(id)),
                        ("found", &escape(&service.id)),
                    ]
                )
            );
        }
    }
    let before = hits.len();
    hits.retain_mut(|hit| match hit.record {
        RecordRef::Service(k) => match renumbered.get(k).copied().flatten() {
            Some(n) => {
                hit.record = RecordRef::Service(n);
                true
            }
            None => false,
        },
        _ => true,
    });
    let total = results.total.saturating_sub(before - hits.len());
    let Some(dir) = sections.into_directory(kept) else {
        say_not_used(path, &index_path, Refusal::Damaged, msg);
        return None;
    };
    let status = report(&dir, args, scope, &hits, total, style, msg, out);
    // As in `run`: the process ends here, and the system takes the memory back faster.
    std::mem::forget(index);
    std::mem::forget(dir);
    Some(status)
}

/// Says on stderr why the index file beside `path` is not used.
fn say_not_used(path: &Path, index_path: &Path, refusal: Refusal, msg: &CliMessages) {
    let file = escape(&path.display().to_string());
    let reason = match refusal {
        Refusal::Unreadable => msg.index_unreadable.to_owned(),
        Refusal::NotAnIndex => msg.index_not_an_index.to_owned(),
        Refusal::Damaged => msg.index_damaged.to_owned(),
        Refusal::OtherBuild => msg.index_other_build.to_owned(),
        Refusal::OtherLanguage => msg.index_other_language.to_owned(),
        Refusal::FileChanged => fill(msg.index_file_changed, &[("file", &file)]),
    };
    note!(
        "heatwatch: {}",
        fill(
            msg.index_not_used,
            &[
                ("index", &escape(&index_path.display().to_string())),
                ("reason", &reason),
                ("file", &file),
            ]
        )
    );
}

/// `heatwatch index`: writes the search index file of the one `--data` file beside it.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn index(cli: &Cli, msg: &CliMessages, out: &mut dyn Write) -> std::io::Result<u8> {
    let (false, [path]) = (cli.with_embedded, cli.data.as_slice()) else {
        note!("heatwatch: {}", msg.index_one_file);
        return Ok(EXIT_USAGE);
    };
    let loaded = load::read_file(path, DEFAULT_MAX_BYTES)
        .and_then(|bytes| load::from_bytes(&bytes).map(|dir| (bytes, dir)));
    let (bytes, dir) = match loaded {
        Ok(both) => both,
        Err(e) => {
            note!("heatwatch: {}", unusable_message(path, &e, msg));
            return Ok(EXIT_USAGE);
        }
    };
    let file = escape(&path.display().to_string());
    let spans = load::sections(&bytes)
        .and_then(|s| s.service_spans())
        .filter(|spans| spans.len() == dir.services.len());
    let Some(spans) = spans else {
        note!(
            "heatwatch: {}",
            fill(msg.index_not_possible, &[("file", &file)])
        );
        return Ok(EXIT_USAGE);
    };
    let index = SearchIndex::build(&dir);
    let language = directory::text::current_language();
    let ids: Vec<&str> = dir.services.iter().map(|s| s.id.as_str()).collect();
    let written = search::index_file::write(&index, &spans, &ids, &bytes, &language);
    let target = search::index_file::path_for(path, &language);
    // Written whole under another name first, so that a search never reads half a file.
    if !write_output(&target, &written, msg) {
        return Ok(EXIT_USAGE);
    }
    let shown = escape(&target.display().to_string());
    #[allow(clippy::cast_precision_loss)] // A size in megabytes, to one decimal.
    let size = if written.len() < 1_000_000 {
        format!("{} KB", written.len().div_ceil(1000))
    } else {
        format!("{:.1} MB", written.len() as f64 / 1_000_000.0)
    };
    writeln!(
        out,
        "{}",
        fill(
            msg.index_written,
            &[
                ("index", &shown),
                ("file", &file),
                ("records", &index.len().to_string()),
                ("size", &size),
            ]
        )
    )?;
    Ok(EXIT_OK)
}

/// Replaces the file at `path` with `bytes` (a temporary file, synced, renamed over it:
/// see [`crate::commands::replace`]), or says on stderr why not. Whether it was written.
pub fn write_output(path: &Path, bytes: &[u8], msg: &CliMessages) -> bool {
    let shown = escape(&path.display().to_string());
    let text = match crate::commands::replace::replace(path, bytes) {
        Ok(()) => return true,
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
    let _ = writeln!(std::io::stderr().lock(), "heatwatch: {text}");
    false
}

/// What `heatwatch search` was asked.
#[derive(Debug, Clone)]
pub struct SearchArgs<'a> {
    /// The query; may be empty when filters are given.
    pub query: &'a str,
    /// Only this role (id or name).
    pub role: Option<&'a str>,
    /// At most this many results.
    pub limit: usize,
    /// JSON output.
    pub json: bool,
    /// Filters (none by default).
    pub filters: Filters,
    /// The moment "open now" refers to.
    pub now: jiff::Timestamp,
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
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(r) = find_record(dir, id) else {
        note!(
            "heatwatch: {}",
            fill(msg.no_such_record, &[("id", &escape(id.trim()))])
        );
        return Ok(EXIT_NOT_FOUND);
    };
    // The file a record came from, when the directory was loaded from files.
    let origin = dir.origin_of(r);
    if json {
        let Some(mut value) = render::record_value(dir, r) else {
            return Ok(EXIT_NOT_FOUND);
        };
        if let (Some(o), Some(p)) = (origin, value.get_mut("provenance")) {
            p["origin"] = serde_json::Value::String(o.to_owned());
        }
        write_json(&value, out)?;
    } else {
        let mut blocks = render::record_blocks(dir, r, msg);
        if let Some(o) = origin {
            // The built-in directory is named in the reader's language; a file by its path.
            let shown = if o == directory::merge::EMBEDDED_LAYER {
                directory::problems::for_language(msg.code)
                    .embedded_layer
                    .to_owned()
            } else {
                escape(o)
            };
            blocks.push(render::Block::Fields(vec![(
                msg.from_file.to_owned(),
                vec![render::Inline::Text(shown)],
            )]));
        }
        write_text(&blocks, style, true, out)?;
    }
    Ok(EXIT_OK)
}

/// Writes blocks as plain text, with `tel:` links beside numbers when `uris`.
fn write_text(
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

/// `heatwatch hotlines`: every hotline and the emergency number.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn hotlines(
    dir: &Directory,
    json: bool,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if json {
        write_json(&render::hotlines_value(dir), out)?;
    } else {
        let blocks = render::hotlines_blocks(dir, msg);
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
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if json {
        write_json(&render::roles_value(dir), out)?;
    } else {
        let blocks = render::roles_blocks(dir, msg);
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
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if format == ExportFormat::Vcard && role.is_some() {
        note!("heatwatch: {}", msg.vcard_no_role);
        return Ok(EXIT_USAGE);
    }
    let role = match role.map(|r| find_role(dir, r, msg)) {
        None => None,
        Some(Ok(i)) => Some(i),
        Some(Err(message)) => {
            note!("heatwatch: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    let text = match format {
        ExportFormat::Vcard => render::render_vcard(dir, msg),
        ExportFormat::Text => render::render_text(
            &render::handout_blocks(dir, role, msg),
            TextOptions {
                width: Some(render::HANDOUT_WIDTH),
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
        ExportFormat::Markdown => render::render_markdown(&render::handout_blocks(dir, role, msg)),
        ExportFormat::Html => render::render_html(
            &fill(msg.html_title, &[("name", &dir.meta.name)]),
            msg.code,
            &render::handout_blocks(dir, role, msg),
        ),
    };
    match file {
        Some(path) => {
            if !write_output(path, text.as_bytes(), msg) {
                return Ok(EXIT_USAGE);
            }
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}

/// Reads, checks and parses one directory file for `diff`.
fn read_for_diff(path: &Path, msg: &CliMessages) -> Result<directory::raw::RawFile, String> {
    let shown = escape(&path.display().to_string());
    let unreadable = |e: &dyn std::fmt::Display| {
        fill(
            msg.diff_unreadable,
            &[("file", &shown), ("error", &e.to_string())],
        )
    };
    match load::from_path(path, DEFAULT_MAX_BYTES) {
        Err(LoadError::Io { source, .. }) => return Err(unreadable(&source)),
        Err(e) => return Err(unusable_message(path, &e, msg)),
        Ok(_) => {}
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(&e))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{shown}: {e}"))
}

/// `heatwatch diff OLD NEW`: records added, removed and changed, changed phone numbers
/// (numbers written in free text included) first, with the old and new value of every
/// changed field. Exit 0 whatever the differences, or with `exit_code` 1 when the files
/// differ (as `git diff --exit-code` does); 2 when a file cannot be used. Kinds of record
/// are named in the language of `msg`; field names as the file format names them.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn diff(
    old: &Path,
    new: &Path,
    exit_code: bool,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let (o, n) = match (read_for_diff(old, msg), read_for_diff(new, msg)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            note!("heatwatch: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let d = directory::merge::diff(&o, &n);
    writeln!(
        out,
        "{}",
        fill(
            msg.diff_comparing,
            &[
                ("old", &escape(&old.display().to_string())),
                ("new", &escape(&new.display().to_string())),
            ]
        )
    )?;
    write_diff(&d, msg, out)?;
    Ok(if exit_code && !d.is_empty() {
        EXIT_DIFFERENT
    } else {
        EXIT_OK
    })
}

/// Writes the old and new value of every changed field, each on its own line.
fn write_values(
    c: &directory::merge::Change,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for v in &c.values {
        writeln!(out, "      {}:", v.field)?;
        for (label, value) in [(msg.diff_old, &v.old), (msg.diff_new, &v.new)] {
            let value = value.as_deref().unwrap_or(msg.diff_absent);
            writeln!(out, "        {label}: {value}")?;
        }
    }
    Ok(())
}

/// Writes a diff: changed numbers (numbers written in text included), added, removed,
/// other changes, then a summary. Every changed field shows its old and new value.
fn write_diff(
    d: &directory::merge::Diff,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let list = |v: &[String]| {
        if v.is_empty() {
            msg.diff_none.to_owned()
        } else {
            v.join(", ")
        }
    };
    let count = |template: &str, n: usize| fill(template, &[("n", &n.to_string())]);
    let has_numbers =
        |c: &&directory::merge::Change| c.phones.is_some() || !c.text_numbers.is_empty();
    let with_phones: Vec<&directory::merge::Change> =
        d.changed.iter().filter(has_numbers).collect();
    if !with_phones.is_empty() {
        writeln!(out, "{}", count(msg.diff_phones_changed, with_phones.len()))?;
        for c in &with_phones {
            writeln!(out, "  ~ {} {} \"{}\"", msg.kind(c.kind), c.id, c.title)?;
            if let Some((old, new)) = &c.phones {
                writeln!(out, "      {}: {}", msg.diff_was, list(old))?;
                writeln!(out, "      {}: {}", msg.diff_now, list(new))?;
            }
            for t in &c.text_numbers {
                writeln!(
                    out,
                    "      {}",
                    fill(msg.diff_text_numbers, &[("field", &t.field)])
                )?;
                writeln!(out, "        {}: {}", msg.diff_was, list(&t.old))?;
                writeln!(out, "        {}: {}", msg.diff_now, list(&t.new))?;
            }
            write_values(c, msg, out)?;
        }
    }
    for (title, sign, items) in [
        (msg.diff_added, '+', &d.added),
        (msg.diff_removed, '-', &d.removed),
    ] {
        if items.is_empty() {
            continue;
        }
        writeln!(out, "{}", count(title, items.len()))?;
        for (kind, id, name) in items {
            writeln!(out, "  {sign} {} {id} \"{name}\"", msg.kind(kind))?;
        }
    }
    let others: Vec<&directory::merge::Change> =
        d.changed.iter().filter(|c| !has_numbers(c)).collect();
    if !others.is_empty() {
        writeln!(out, "{}", count(msg.diff_changed, others.len()))?;
        for c in others {
            writeln!(out, "  ~ {} {} \"{}\"", msg.kind(c.kind), c.id, c.title)?;
            write_values(c, msg, out)?;
        }
    }
    writeln!(
        out,
        "{}",
        fill(
            msg.diff_summary,
            &[
                ("added", &d.added.len().to_string()),
                ("removed", &d.removed.len().to_string()),
                ("changed", &d.changed.len().to_string()),
                ("phones", &with_phones.len().to_string()),
            ]
        )
    )
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
    let cmd = Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    page.render_title(&mut buf)?;
    page.render_name_section(&mut buf)?;
    page.render_synopsis_section(&mut buf)?;
    page.render_description_section(&mut buf)?;
    page.render_options_section(&mut buf)?;
    man_sections(&cmd).to_writer(&mut buf)?;
    page.render_version_section(&mut buf)?;
    out.write_all(&buf)?;
    Ok(EXIT_OK)
}

/// The man page's own sections: the commands (described here, since there is one page,
/// not one per command), the keys (from the key table, as the help overlay), kiosk mode
/// and the exit status.
fn man_sections(cmd: &clap::Command) -> roff::Roff {
    use roff::{Roff, bold, roman};
    let m = crate::i18n::app::for_language("en");
    let mut r = Roff::new();
    r.control("SH", ["COMMANDS"]);
    r.text([roman(
        "Without a command, heatwatch opens the interactive directory. Each command below \
         has its own --help.",
    )]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        r.control("TP", []);
        r.text([bold(format!("heatwatch {}", sub.get_name()))]);
        if let Some(about) = sub.get_about() {
            r.text([roman(about.to_string())]);
        }
    }
    r.control("SH", ["KEYS"]);
    for (ctx, heading) in [
        (crate::tui::keymap::Context::Browse, m.ctx_browse),
        (crate::tui::keymap::Context::Search, m.ctx_search),
        (crate::tui::keymap::Context::Filter, m.ctx_filter),
        (crate::tui::keymap::Context::Help, m.ctx_help),
        (crate::tui::keymap::Context::Pin, m.ctx_pin),
        (crate::tui::keymap::Context::Any, m.ctx_any),
    ] {
        r.control("SS", [heading]);
        for b in crate::tui::keymap::BINDINGS
            .iter()
            .filter(|b| b.context == ctx)
        {
            r.control("TP", []);
            r.text([bold(b.label)]);
            let scope = match b.mode {
                crate::tui::keymap::Mode::Both => "",
                crate::tui::keymap::Mode::NotKiosk => " (not in kiosk mode)",
                crate::tui::keymap::Mode::KioskOnly => " (kiosk mode)",
            };
            r.text([roman(format!("{}{scope}", (b.describe)(m)))]);
        }
    }
    r.control("SH", ["KIOSK"]);
    for para in [
        "heatwatch --kiosk is for public terminals. Nothing the public types leaves the \
         program: q, Ctrl-C, Ctrl-D, Ctrl-Z and Ctrl-\\ return to the start. Ctrl-X returns to the \
         start at once and clears the screen and the scrollback, from every screen.",
        "After --idle-reset SECS without input (default 90; at least 30, at most 86400) the \
         app returns to the start and clears the screen and scrollback; a countdown shows \
         during the last 10 seconds.",
        "Only an operator leaves: Ctrl-O, the PIN, Enter. The PIN is the first line of \
         --kiosk-pin-file FILE (a regular file), else HEATWATCH_KIOSK_PIN; it must have 6 to \
         64 printable ASCII characters. After 3 wrong PINs in a row each try waits 1, 2, 4 \
         ... up to 300 seconds. A refused or unreadable PIN turns the operator exit off; \
         the kiosk keeps running and says so.",
        "An unusable data file shows an error screen with the emergency number and the \
         built-in national hotlines, never a shell. Nothing is written to standard error \
         while it is the terminal.",
    ] {
        r.control("PP", []);
        r.text([roman(para)]);
    }
    r.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        (
            "0",
            "success; search found something; check found no problem",
        ),
        (
            "1",
            "search found nothing; check found problems; diff --exit-code found differences",
        ),
        (
            "2",
            "bad usage, or a file that cannot be read (missing, not a regular file, over the size cap)",
        ),
        (
            "128+N",
            "the interactive app ended on signal N, after giving the terminal back",
        ),
    ] {
        r.control("TP", []);
        r.text([bold(code)]);
        r.text([roman(meaning)]);
    }
    r
}
