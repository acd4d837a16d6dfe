//! `heatwatch verify FILE --key PUBKEY_FILE`: a directory file's minisign signature,
//! checked against trusted keys.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE};
use crate::directory::sanitize::escape;
use crate::directory::{DEFAULT_MAX_BYTES, load};
use crate::i18n::cli::{CliMessages, fill};
use crate::settings::{read_keys, trust_reason, unusable_message};
use crate::trust::signature;

/// `heatwatch verify FILE --key PUBKEY_FILE…`.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn verify(
    file: &Path,
    keys: &[PathBuf],
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let keys = match read_keys(keys, msg) {
        Ok(keys) => keys,
        Err(message) => {
            note!("heatwatch: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    let bytes = match load::read_file(file, DEFAULT_MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => {
            note!("heatwatch: {}", unusable_message(file, &e, msg));
            return Ok(EXIT_USAGE);
        }
    };
    let shown = escape(&file.display().to_string());
    match signature::verify_file(file, &bytes, &keys) {
        Ok(good) => {
            writeln!(
                out,
                "{}",
                fill(
                    msg.verify_good,
                    &[
                        ("file", &shown),
                        ("key", &escape(&good.key_path.display().to_string())),
                        ("comment", &good.trusted_comment),
                    ]
                )
            )?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            note!(
                "heatwatch: {}",
                fill(
                    msg.verify_refused,
                    &[("file", &shown), ("reason", &trust_reason(&e, file, msg))]
                )
            );
            Ok(EXIT_NOT_FOUND)
        }
    }
}
