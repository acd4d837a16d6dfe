//! The non-interactive commands. They never touch terminal modes, so they are safe in
//! pipes and scripts.

use std::io::Write;
use std::path::Path;

use crate::clock::Clock;
use crate::directory::{self, DEFAULT_MAX_BYTES, check, load};

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
            let warnings = check::warnings(&dir, today, stale_days);
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
            Ok(EXIT_OK)
        }
    }
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
