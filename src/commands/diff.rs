//! `heatwatch diff OLD NEW`: what changed between two directory files.

use std::io::Write;
use std::path::Path;

use super::CommandError;
use crate::directory::sanitize::escape;
use crate::directory::{self, LoadError, load};
use crate::i18n::cli::{CliMessages, fill};
use crate::settings::unusable_message;

/// Reads, checks and parses one directory file for `diff`: the raw file, and the known
/// numbers it changes, in any language it declares. The checked directories are dropped
/// before the raw file is parsed, so that no more than one form of the file is held
/// beside the raw ones.
pub(crate) fn read_for_diff(
    path: &Path,
    cap: u64,
    msg: &CliMessages,
) -> Result<(directory::raw::RawFile, Vec<crate::trust::known::Planted>), String> {
    let shown = escape(&path.display().to_string());
    let unreadable = |e: &dyn std::fmt::Display| {
        fill(
            msg.diff_unreadable,
            &[("file", &shown), ("error", &e.to_string())],
        )
    };
    let bytes = match load::read_file(path, cap) {
        Err(LoadError::Io { source, .. }) => return Err(unreadable(&source)),
        Err(e) => return Err(unusable_message(path, &e, msg)),
        Ok(bytes) => bytes,
    };
    let languages = load::Languages::every(msg.code);
    let read =
        load::read_borrowed(&bytes, languages).map_err(|e| unusable_message(path, &e, msg))?;
    let planted = super::check::planted_numbers(&read);
    drop(read);
    let raw = serde_json::from_slice(&bytes).map_err(|e| format!("{shown}: {e}"))?;
    Ok((raw, planted))
}

/// `heatwatch diff OLD NEW`: records added, removed and changed, changed phone numbers
/// (numbers written in free text included) first, with the old and new value of every
/// changed field. Exit 0 whatever the differences, or with `exit_code` 1 when the files
/// differ (as `git diff --exit-code` does); 2 when a file cannot be used. Kinds of record
/// are named in the language of `msg`; field names as the file format names them.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn diff(
    old: &Path,
    new: &Path,
    exit_code: bool,
    cap: u64,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let ((o, _), (n, planted)) = match (read_for_diff(old, cap, msg), read_for_diff(new, cap, msg))
    {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            return Err(CommandError::Usage(e.to_string()));
        }
    };
    let d = directory::merge::diff(&o, &n, msg.code);
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
    // A known hotline's number changed comes before anything else.
    if !planted.is_empty() {
        writeln!(
            out,
            "{}",
            fill(msg.diff_planted, &[("n", &planted.len().to_string())])
        )?;
        for p in &planted {
            writeln!(
                out,
                "  ! {}",
                fill(
                    msg.check_planted,
                    &[
                        ("record", &escape(&p.record)),
                        ("field", p.field),
                        ("given", &escape(&p.given)),
                        ("known", p.known),
                    ]
                )
            )?;
        }
    }
    write_diff(&d, msg, out)?;
    if exit_code && !d.is_empty() {
        // `diff --exit-code`: the files differ, as the output says.
        return Err(CommandError::No(None));
    }
    Ok(())
}

/// Writes the old and new value of every changed field, each on its own line.
pub(crate) fn write_values(
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
pub(crate) fn write_diff(
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
