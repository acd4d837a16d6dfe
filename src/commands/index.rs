//! `heatwatch index`: the search index file beside a directory file.

use std::io::Write;

use super::{CommandError, write_output};
use crate::cli::Cli;
use crate::directory::load;
use crate::directory::sanitize::escape;
use crate::i18n::cli::{CliMessages, fill};
use crate::search::SearchIndex;
use crate::settings::unusable_message;

/// `heatwatch index`: writes the search index file of the one `--data` file beside it.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn index(cli: &Cli, msg: &CliMessages, out: &mut dyn Write) -> Result<(), CommandError> {
    // The texts are read, and the index made, in the language the command line asks for.
    let language = crate::settings::language(cli);
    index_in(cli, language, msg, out)
}

/// [`index`] with the texts read in `language`.
fn index_in(
    cli: &Cli,
    language: &str,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let (false, [path]) = (cli.with_embedded, cli.data.as_slice()) else {
        return Err(CommandError::Usage(msg.index_one_file.to_owned()));
    };
    let loaded = load::read_file(path, cli.data_cap())
        .and_then(|bytes| load::from_bytes_in(&bytes, language).map(|(dir, _)| (bytes, dir)));
    let (bytes, dir) = match loaded {
        Ok(both) => both,
        Err(e) => {
            return Err(CommandError::Usage(unusable_message(path, &e, msg)));
        }
    };
    // With trusted keys, only a file with a good signature is indexed; `search` then
    // uses the index only once it is signed too (said below, after writing it).
    let trusted = !cli.trusted_key.is_empty();
    if trusted {
        let keys = match crate::settings::read_keys(&cli.trusted_key, msg) {
            Ok(keys) => keys,
            Err(message) => {
                return Err(CommandError::Usage(message.to_string()));
            }
        };
        if let Err(e) = crate::trust::signature::verify_file(path, &bytes, &keys) {
            return Err(CommandError::Usage(fill(
                msg.verify_refused,
                &[
                    ("file", &escape(&path.display().to_string())),
                    ("reason", &crate::settings::trust_reason(&e, path, msg)),
                ],
            )));
        }
    }
    let file = escape(&path.display().to_string());
    let spans = load::sections(&bytes, language)
        .and_then(|s| s.service_spans())
        .filter(|spans| spans.len() == dir.services.len());
    let Some(spans) = spans else {
        return Err(CommandError::Usage(fill(
            msg.index_not_possible,
            &[("file", &file)],
        )));
    };
    // A file in several languages is searched in all of them at once (as the app does),
    // which an index file of one language cannot answer.
    if dir.meta.translations.iter().any(|(code, _)| code == "es") {
        return Err(CommandError::Usage(fill(
            msg.index_translated,
            &[("file", &file)],
        )));
    }
    let index = SearchIndex::build(&dir);
    let ids: Vec<&str> = dir.services.iter().map(|s| s.id.as_str()).collect();
    let written = crate::search::index_file::write(&index, &spans, &ids, &bytes, language);
    let target = crate::search::index_file::path_for(path, language);
    // Written whole under another name first, so that a search never reads half a file.
    write_output(&target, &written, msg)?;
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
    if trusted {
        writeln!(out, "{}", fill(msg.index_trusted, &[("index", &shown)]))?;
    }
    Ok(())
}
