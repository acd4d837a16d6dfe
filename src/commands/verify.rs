//! `heatwatch verify FILE --key PUBKEY_FILE`: a directory file's minisign signature,
//! checked against trusted keys.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::CommandError;
use crate::directory::load;
use crate::directory::sanitize::escape;
use crate::i18n::cli::{CliMessages, fill};
use crate::settings::{read_keys, trust_reason, unusable_message};
use crate::trust::signature;

/// `heatwatch verify FILE --key PUBKEY_FILE…`.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn verify(
    file: &Path,
    keys: &[PathBuf],
    cap: u64,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let keys = match read_keys(keys, msg) {
        Ok(keys) => keys,
        Err(message) => {
            return Err(CommandError::Usage(message.to_string()));
        }
    };
    let bytes = match load::read_file(file, cap) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Err(CommandError::Usage(unusable_message(file, &e, msg)));
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
            Ok(())
        }
        Err(e) => Err(CommandError::No(Some(fill(
            msg.verify_refused,
            &[("file", &shown), ("reason", &trust_reason(&e, file, msg))],
        )))),
    }
}
