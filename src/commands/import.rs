//! `heatwatch import hsds PATH`: converts, checks the result with the loader, writes it,
//! and reports on standard error.

use std::io::Write;

use crate::cli::ImportFrom;
use crate::clock::Clock;
use crate::directory::{DEFAULT_MAX_BYTES, load};
use crate::import::import_hsds;

use super::{EXIT_OK, EXIT_USAGE, write_output};

/// `heatwatch import ...`: converts, checks the result with the loader, writes it to
/// `-o FILE` or `out`, and prints the report on standard error.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn import(from: &ImportFrom, clock: &dyn Clock, out: &mut dyn Write) -> std::io::Result<u8> {
    let ImportFrom::Hsds(args) = from;
    let (raw, mut report) = match import_hsds(&args.options(), clock) {
        Ok(r) => r,
        Err(e) => {
            note!("heatwatch import: {e}");
            return Ok(EXIT_USAGE);
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
        note!(
            "heatwatch import: the converted directory would be {} bytes, more than the {DEFAULT_MAX_BYTES} bytes heatwatch reads, so `heatwatch check` and the app would refuse it; nothing was written. Import the package in parts (split its services table).",
            text.len()
        );
        return Ok(EXIT_USAGE);
    }
    if let Err(e) = load::from_bytes(text.as_bytes()) {
        note!(
            "heatwatch import: the converted directory does not pass heatwatch's checks, which is a bug in the importer; nothing was written. {e}"
        );
        return Ok(EXIT_USAGE);
    }
    match &args.output {
        Some(path) => {
            if !write_output(path, text.as_bytes(), crate::i18n::cli::for_language("en")) {
                return Ok(EXIT_USAGE);
            }
            report.written_to = Some(path.display().to_string());
        }
        None => out.write_all(text.as_bytes())?,
    }
    {
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), "{report}");
    }
    Ok(EXIT_OK)
}
