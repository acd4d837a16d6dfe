//! `heatwatch verify FILE --key PUBKEY_FILE`: a directory file's minisign signature,
//! checked against trusted keys.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE};
use crate::directory::sanitize::escape;
use crate::directory::{DEFAULT_MAX_BYTES, load};
use crate::i18n::cli::{CliMessages, fill};
use crate::settings::unusable_message;
use crate::trust::signature::{self, TrustError, TrustedKey};

/// Why a signature or a key is refused, in the words of `msg`.
#[must_use]
pub fn reason(e: &TrustError, data: &Path, msg: &CliMessages) -> String {
    let signature = escape(&signature::signature_path(data).display().to_string());
    match e {
        TrustError::Missing => fill(msg.trust_missing, &[("signature", &signature)]),
        TrustError::Unreadable(error) => fill(
            msg.trust_unreadable,
            &[("signature", &signature), ("error", &escape(error))],
        ),
        TrustError::Malformed => msg.trust_malformed.to_owned(),
        TrustError::OtherKey => msg.trust_other_key.to_owned(),
        TrustError::Bad => msg.trust_bad.to_owned(),
        TrustError::KeyUnreadable(error) => {
            fill(msg.trust_key_unreadable, &[("error", &escape(error))])
        }
        TrustError::KeyMalformed => msg.trust_key_malformed.to_owned(),
    }
}

/// Reads the trusted keys, or says on stderr which one cannot be used.
///
/// # Errors
/// The message naming the key file that cannot be used and why.
pub fn read_keys(paths: &[PathBuf], msg: &CliMessages) -> Result<Vec<TrustedKey>, String> {
    paths
        .iter()
        .map(|path| {
            signature::read_key(path).map_err(|e| {
                fill(
                    msg.verify_key_unusable,
                    &[
                        ("key", &escape(&path.display().to_string())),
                        ("reason", &reason(&e, path, msg)),
                    ],
                )
            })
        })
        .collect()
}

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
                    &[("file", &shown), ("reason", &reason(&e, file, msg))]
                )
            );
            Ok(EXIT_NOT_FOUND)
        }
    }
}
