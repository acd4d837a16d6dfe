//! `heatwatch import hsds PATH`: converts, checks the result with the loader, writes it,
//! and reports on standard error.

use std::io::Write;

use crate::cli::ImportFrom;
use crate::clock::Clock;
use crate::directory::{DEFAULT_MAX_BYTES, load};
use crate::import::import_hsds;

use super::{CommandError, write_output};

/// `heatwatch import ...`: converts, checks the result with the loader, writes it to
/// `-o FILE` or `out`, and prints the report on standard error.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn import(
    from: &ImportFrom,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let ImportFrom::Hsds(args) = from;
    let (raw, mut report) = match import_hsds(&args.options(), clock) {
        Ok(r) => r,
        Err(e) => {
            return Err(CommandError::Import(e.to_string()));
        }
    };
    let mut text = serde_json::to_string_pretty(&raw).map_err(std::io::Error::other)?;
    text.push('\n');
    // The text is all that is written: the records it was made from need not stay in
    // memory while the loader checks it.
    drop(raw);
    // The result must load: a file `heatwatch check` refuses is never written. Its size
    // first, against the same cap the loader applies to every file it reads.
    if text.len() as u64 > DEFAULT_MAX_BYTES {
        return Err(CommandError::Import(format!(
            "the converted directory would be {} bytes, more than the {DEFAULT_MAX_BYTES} bytes heatwatch reads, so `heatwatch check` and the app would refuse it; nothing was written. Import the package in parts (split its services table).",
            text.len()
        )));
    }
    if let Err(e) = load::from_bytes(text.as_bytes()) {
        return Err(CommandError::Import(format!(
            "the converted directory does not pass heatwatch's checks, which is a bug in the importer; nothing was written. {e}"
        )));
    }
    match &args.output {
        Some(path) => {
            write_output(path, text.as_bytes(), crate::i18n::cli::for_language("en"))
                .map_err(|e| CommandError::Import(e.to_string()))?;
            report.written_to = Some(path.display().to_string());
        }
        None => out.write_all(text.as_bytes())?,
    }
    {
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), "{report}");
    }
    Ok(())
}
