//! `heatwatch show ID`: one record in full.

use std::io::Write;

use super::{CommandError, write_json, write_text};
use crate::directory::sanitize::escape;
use crate::directory::{self, Directory, RecordRef};
use crate::i18n::cli::{CliMessages, fill};
use crate::render::{self, Style};

/// Finds a record by id: exactly, else ignoring ASCII case.
pub(crate) fn find_record(dir: &Directory, id: &str) -> Option<RecordRef> {
    let id = id.trim();
    dir.find(id).or_else(|| {
        dir.records()
            .into_iter()
            .find(|&r| dir.id_of(r).is_some_and(|x| x.eq_ignore_ascii_case(id)))
    })
}

/// The record an id names, or the error that says none does (status 1).
pub(crate) fn record_named(
    dir: &Directory,
    id: &str,
    msg: &CliMessages,
) -> Result<RecordRef, CommandError> {
    find_record(dir, id).ok_or_else(|| {
        CommandError::No(Some(fill(
            msg.no_such_record,
            &[("id", &escape(id.trim()))],
        )))
    })
}

/// `heatwatch show ID`: one record in full.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn show(
    dir: &Directory,
    id: &str,
    json: bool,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let r = record_named(dir, id, msg)?;
    // The file a record came from, when the directory was loaded from files.
    let origin = dir.origin_of(r);
    if json {
        let Some(mut value) = render::record_value(dir, r) else {
            return Err(CommandError::No(None));
        };
        if let (Some(o), Some(p)) = (origin, value.get_mut("provenance")) {
            p["origin"] = serde_json::Value::String(o.to_owned());
        }
        write_json(&value, out)?;
    } else {
        let mut blocks = render::record_blocks(dir, r, msg, true);
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
    Ok(())
}
