//! `heatwatch search QUERY`: ranked results, through the index file when there is one.

use std::io::Write;
use std::path::Path;

use crate::cli::Cli;

use super::lists::find_role;
use super::{CommandError, write_json};
use crate::directory::sanitize::escape;
use crate::directory::{Directory, RecordRef, load};
use crate::filter::Filters;
use crate::i18n::cli::{CliMessages, fill};
use crate::render::{self, Style};
use crate::search::index_file::Refusal;
use crate::search::{Hit, Keep, Scope, SearchIndex};

/// `heatwatch search QUERY`: ranked results, one line each (or a JSON array), from the
/// index the interactive app uses: built over `dir` with the words of the same directory
/// in its `others` languages, so a word in any of them finds the record, ranked as in
/// the app.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
// Each argument is one option of the command, plus where and how to write.
pub fn search(
    dir: &Directory,
    others: &[&Directory],
    args: &SearchRequest<'_>,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let SearchRequest {
        query,
        role,
        limit,
        json: _,
        ref filters,
        now,
    } = *args;
    if query.trim().is_empty() && filters.is_empty() {
        return Err(CommandError::Usage(msg.search_empty.to_owned()));
    }
    let scope = match role.map(|r| find_role(dir, r, msg)) {
        None => Scope::All,
        Some(Ok(i)) => Scope::Role(i),
        Some(Err(message)) => {
            return Err(CommandError::Usage(message.to_string()));
        }
    };
    let prepared = filters.prepare(dir);
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
        let index = SearchIndex::build_with(dir, others);
        let keep: Option<&Keep<'_>> = if filters.is_empty() {
            None
        } else {
            Some(&keep)
        };
        let r = index.search_filtered(query, scope, limit.max(1), None, keep);
        (r.hits, r.total)
    };
    report(dir, args, scope, &hits, total, style, msg, out)
}

/// Prints the results of `heatwatch search`, and says on stderr when there are none or
/// more than shown; returns the exit status.
#[allow(clippy::too_many_arguments)] // The search asked, its results, and how to print.
pub(crate) fn report(
    dir: &Directory,
    args: &SearchRequest<'_>,
    scope: Scope,
    hits: &[Hit],
    total: usize,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
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
        return Err(CommandError::No(Some(fill(
            msg.search_nothing,
            &[
                ("query", &escape(query.trim())),
                ("within", &within),
                ("emergency", &dir.meta.emergency.display()),
            ],
        ))));
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
    Ok(())
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
    args: &SearchRequest<'_>,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Option<Result<(), CommandError>> {
    // The file's texts are read in the language the command line asks for, as
    // `load_for_command` reads them for the search over the whole file.
    let language = crate::settings::language(cli);
    indexed_search_in(cli, language, args, style, msg, out)
}

/// [`indexed_search`] with the texts read in `language`.
fn indexed_search_in(
    cli: &Cli,
    language: &str,
    args: &SearchRequest<'_>,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Option<Result<(), CommandError>> {
    let [path] = cli.data.as_slice() else {
        return None;
    };
    if cli.with_embedded || !args.filters.is_empty() || args.query.trim().is_empty() {
        return None;
    }
    let index_path = crate::search::index_file::path_for(path, language);
    if !index_path.is_file() {
        return None;
    }
    // With trusted keys, only signed bytes are believed: the index file too must carry a
    // good signature by one of them (and the directory file, checked below).
    let keys = if cli.trusted_key.is_empty() {
        Vec::new()
    } else {
        crate::settings::read_keys(&cli.trusted_key, msg).ok()?
    };
    let json_len = std::fs::metadata(path).ok()?.len();
    // The directory file and the index, read side by side.
    let (json, unchecked) = rayon::join(
        || load::read_file(path, cli.data_cap()).ok(),
        || -> Result<_, NotUsed> {
            let file = std::fs::File::open(&index_path).map_err(|_| Refusal::Unreadable)?;
            let size = file.metadata().map_err(|_| Refusal::Unreadable)?.len();
            if keys.is_empty() {
                let input = std::io::BufReader::with_capacity(1 << 16, file);
                return Ok(crate::search::index_file::read_from(
                    input, size, language, json_len,
                )?);
            }
            // The bytes checked are the bytes read.
            let bytes = load::read_file(&index_path, cli.data_cap().saturating_mul(2))
                .map_err(|_| Refusal::Unreadable)?;
            crate::trust::signature::verify_file(&index_path, &bytes, &keys).map_err(|e| {
                NotUsed::Unsigned(crate::settings::trust_reason(&e, &index_path, msg))
            })?;
            let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
            Ok(crate::search::index_file::read_from(
                std::io::Cursor::new(bytes),
                size,
                language,
                json_len,
            )?)
        },
    );
    let json = json?;
    // With trusted keys, a directory file without a good signature is left to the whole
    // load, which refuses it and says why.
    if !keys.is_empty() && crate::trust::signature::verify_file(path, &json, &keys).is_err() {
        return None;
    }
    let unchecked = match unchecked {
        Ok(u) => Ok(u),
        Err(NotUsed::Index(refusal)) => Err(refusal),
        Err(NotUsed::Unsigned(reason)) => {
            say_not_used_because(path, &index_path, &reason, msg);
            return None;
        }
    };
    let sections = load::sections(&json, language)?;
    // A file with a translation is searched in all its languages, which an index file
    // of one language cannot answer (`heatwatch index` refuses to write one).
    if sections
        .head()
        .meta
        .translations
        .iter()
        .any(|(code, _)| code == "es")
    {
        return None;
    }
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
    // A known hotline's number changed in the file: the whole load puts the known number
    // back and says so (the guard on known numbers), so it answers instead.
    if !crate::trust::known::find(&dir).is_empty() {
        return None;
    }
    let status = report(&dir, args, scope, &hits, total, style, msg, out);
    Some(status)
}

/// Why an index file is not used: its own refusal, or (with trusted keys) no good
/// signature, in words.
enum NotUsed {
    Index(Refusal),
    Unsigned(String),
}

impl From<Refusal> for NotUsed {
    fn from(r: Refusal) -> Self {
        Self::Index(r)
    }
}

/// Says on stderr why the index file beside `path` is not used.
pub(crate) fn say_not_used(path: &Path, index_path: &Path, refusal: Refusal, msg: &CliMessages) {
    let file = escape(&path.display().to_string());
    let reason = match refusal {
        Refusal::Unreadable => msg.index_unreadable.to_owned(),
        Refusal::NotAnIndex => msg.index_not_an_index.to_owned(),
        Refusal::Damaged => msg.index_damaged.to_owned(),
        Refusal::OtherBuild => msg.index_other_build.to_owned(),
        Refusal::OtherLanguage => msg.index_other_language.to_owned(),
        Refusal::FileChanged => fill(msg.index_file_changed, &[("file", &file)]),
    };
    say_not_used_because(path, index_path, &reason, msg);
}

/// Says on stderr that the index file beside `path` is not used, and why.
fn say_not_used_because(path: &Path, index_path: &Path, reason: &str, msg: &CliMessages) {
    let file = escape(&path.display().to_string());
    note!(
        "heatwatch: {}",
        fill(
            msg.index_not_used,
            &[
                ("index", &escape(&index_path.display().to_string())),
                ("reason", reason),
                ("file", &file),
            ]
        )
    );
}

/// What `heatwatch search` was asked, resolved: the query as one text, the role found by
/// any of its names, the filters and the moment "open now" refers to.
#[derive(Debug, Clone)]
pub struct SearchRequest<'a> {
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
