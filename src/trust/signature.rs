//! Signed directory files, in minisign's own format: a public key file (`minisign.pub`,
//! or its base64 line alone) and a signature file beside the data (`FILE.minisig`),
//! ed25519 over the file's BLAKE2b hash (prehashed, minisign's default) or over the file
//! itself (the legacy format). The cryptography is the `minisign-verify` crate's, written
//! by minisign's author; this module reads the files with size caps, tries every trusted
//! key, and says in words of its own what went wrong.

use std::path::{Path, PathBuf};

use minisign_verify::{PublicKey, Signature};

use crate::directory::sanitize;

/// The most of a key file or a signature file that is read. Either is a few hundred
/// bytes; a trusted comment is one line.
pub const MAX_SIGNATURE_BYTES: u64 = 64 * 1024;

/// Why a file is not trusted, or a key cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TrustError {
    /// The public key file cannot be read.
    #[error("cannot read the key file: {0}")]
    KeyUnreadable(String),
    /// The public key file is not a minisign public key.
    #[error("the key file is not a minisign public key")]
    KeyMalformed,
    /// There is no signature file beside the data.
    #[error("there is no signature file")]
    Missing,
    /// The signature file cannot be read.
    #[error("cannot read the signature file: {0}")]
    Unreadable(String),
    /// The signature file is not a whole minisign signature (truncated, or not one).
    #[error("the signature file is not a whole minisign signature")]
    Malformed,
    /// The signature was made by a key that is not trusted.
    #[error("the signature was made by a key that is not trusted")]
    OtherKey,
    /// The signature does not match the file: the file (or its trusted comment) was
    /// changed after it was signed.
    #[error("the signature does not match the file: it was changed after it was signed")]
    Bad,
}

/// A key a file may be signed with, and where it came from.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    key: PublicKey,
    /// The key file, to name in messages.
    pub path: PathBuf,
}

/// A good signature: which key made it and its trusted comment, cleaned of anything a
/// terminal would act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The key file of the key that made the signature.
    pub key_path: PathBuf,
    /// The signature's trusted comment (signed along with the file).
    pub trusted_comment: String,
}

/// Reads `path` whole, refusing anything larger than [`MAX_SIGNATURE_BYTES`] and
/// anything that is not a regular file (a FIFO would block).
fn read_small(path: &Path) -> std::io::Result<String> {
    use std::io::Read as _;
    let file = crate::directory::load::open_regular(path)?;
    let mut text = String::new();
    file.take(MAX_SIGNATURE_BYTES + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_SIGNATURE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "larger than a signature file can be",
        ));
    }
    Ok(text)
}

/// Reads a public key: a `minisign.pub` file (an untrusted comment, then the key's
/// base64 line) or the base64 line alone.
///
/// # Errors
/// [`TrustError::KeyUnreadable`] or [`TrustError::KeyMalformed`].
pub fn read_key(path: &Path) -> Result<TrustedKey, TrustError> {
    let text = read_small(path).map_err(|e| TrustError::KeyUnreadable(e.to_string()))?;
    let key = parse_key(&text)?;
    Ok(TrustedKey {
        key,
        path: path.to_path_buf(),
    })
}

/// A public key from the text of a key file.
fn parse_key(text: &str) -> Result<PublicKey, TrustError> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [b64] => PublicKey::from_base64(b64).map_err(|_| TrustError::KeyMalformed),
        [comment, b64] if comment.starts_with("untrusted comment:") => {
            PublicKey::from_base64(b64).map_err(|_| TrustError::KeyMalformed)
        }
        _ => Err(TrustError::KeyMalformed),
    }
}

/// The signature file of a data file: `FILE.minisig`, as minisign writes it.
#[must_use]
pub fn signature_path(data: &Path) -> PathBuf {
    let mut name = data.as_os_str().to_owned();
    name.push(".minisig");
    PathBuf::from(name)
}

/// Checks `data` (the bytes of the file at `data_path`) against its signature file and
/// the trusted `keys`: good when one of them made a signature that matches.
///
/// # Errors
/// Why the file is not trusted; with several keys, the signature's own problem
/// ([`TrustError::Bad`]) wins over [`TrustError::OtherKey`].
pub fn verify_file(
    data_path: &Path,
    data: &[u8],
    keys: &[TrustedKey],
) -> Result<Verified, TrustError> {
    let sig_path = signature_path(data_path);
    let text = match read_small(&sig_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(TrustError::Missing),
        Err(e) => return Err(TrustError::Unreadable(e.to_string())),
    };
    verify(data, &text, keys)
}

/// Checks `data` against the text of a signature file and the trusted `keys`.
///
/// # Errors
/// Why the data is not trusted.
pub fn verify(data: &[u8], signature: &str, keys: &[TrustedKey]) -> Result<Verified, TrustError> {
    let signature = Signature::decode(signature).map_err(|_| TrustError::Malformed)?;
    let mut worst = TrustError::OtherKey;
    for trusted in keys {
        match trusted.key.verify(data, &signature, true) {
            Ok(()) => {
                return Ok(Verified {
                    key_path: trusted.path.clone(),
                    trusted_comment: sanitize::clean(signature.trusted_comment()),
                });
            }
            Err(minisign_verify::Error::UnexpectedKeyId) => {}
            Err(_) => worst = TrustError::Bad,
        }
    }
    Err(worst)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    /// Public keys and signatures made by the `minisign` tool (0.11), committed so that
    /// these tests need no tool: `minisign -G -W` twice, then `minisign -S` (prehashed),
    /// `minisign -S -l` (legacy), a signature by the other key and one whose trusted
    /// comment holds an escape sequence, all over `DATA`. The secret keys were thrown
    /// away.
    const PUB: &str = include_str!("../../tests/fixtures/signing/test.pub");
    const OTHER_PUB: &str = include_str!("../../tests/fixtures/signing/other.pub");
    const DATA: &[u8] = include_bytes!("../../tests/fixtures/signing/data.json");
    const SIG: &str = include_str!("../../tests/fixtures/signing/data.json.minisig");
    const LEGACY_SIG: &str = include_str!("../../tests/fixtures/signing/legacy.minisig");
    const OTHER_SIG: &str = include_str!("../../tests/fixtures/signing/other.minisig");
    const ESCAPE_SIG: &str = include_str!("../../tests/fixtures/signing/escape.minisig");

    fn key(text: &str, name: &str) -> TrustedKey {
        TrustedKey {
            key: parse_key(text).unwrap(),
            path: PathBuf::from(name),
        }
    }

    #[test]
    fn a_signature_by_the_tool_verifies_prehashed_and_legacy() {
        let keys = [key(PUB, "test.pub")];
        let good = verify(DATA, SIG, &keys).unwrap();
        assert_eq!(good.key_path, PathBuf::from("test.pub"));
        assert!(
            good.trusted_comment.contains("heatwatch test directory"),
            "{good:?}"
        );
        assert!(verify(DATA, LEGACY_SIG, &keys).is_ok());
    }

    #[test]
    fn one_changed_byte_is_refused() {
        let keys = [key(PUB, "test.pub")];
        for at in [0, DATA.len() / 2, DATA.len() - 1] {
            let mut changed = DATA.to_vec();
            changed[at] ^= 1;
            assert_eq!(
                verify(&changed, SIG, &keys),
                Err(TrustError::Bad),
                "byte {at}"
            );
            assert_eq!(verify(&changed, LEGACY_SIG, &keys), Err(TrustError::Bad));
        }
    }

    #[test]
    fn a_changed_trusted_comment_is_refused() {
        let keys = [key(PUB, "test.pub")];
        let forged = SIG.replace("heatwatch test directory", "heatwatch test directorz");
        assert_ne!(forged, SIG);
        assert_eq!(verify(DATA, &forged, &keys), Err(TrustError::Bad));
    }

    #[test]
    fn another_key_is_refused_and_a_second_trusted_key_works() {
        let only_other = [key(OTHER_PUB, "other.pub")];
        assert_eq!(verify(DATA, SIG, &only_other), Err(TrustError::OtherKey));
        assert_eq!(
            verify(DATA, OTHER_SIG, &[key(PUB, "test.pub")]),
            Err(TrustError::OtherKey)
        );
        // A rotated key: the file is signed by the second of two trusted keys.
        let both = [key(PUB, "test.pub"), key(OTHER_PUB, "other.pub")];
        let good = verify(DATA, OTHER_SIG, &both).unwrap();
        assert_eq!(good.key_path, PathBuf::from("other.pub"));
    }

    #[test]
    fn truncated_or_foreign_signatures_are_malformed() {
        let keys = [key(PUB, "test.pub")];
        for cut in [0, 10, SIG.len() / 2, SIG.len() - 20] {
            let truncated = &SIG[..cut];
            assert_eq!(
                verify(DATA, truncated, &keys),
                Err(TrustError::Malformed),
                "cut at {cut}"
            );
        }
        assert_eq!(
            verify(DATA, "not a signature", &keys),
            Err(TrustError::Malformed)
        );
        assert_eq!(verify(DATA, PUB, &keys), Err(TrustError::Malformed));
    }

    #[test]
    fn keys_are_read_from_a_pub_file_or_a_bare_line_and_nothing_else() {
        let line = PUB.lines().nth(1).unwrap();
        assert!(parse_key(PUB).is_ok());
        assert!(parse_key(line).is_ok());
        assert!(parse_key(&format!("\n{line}\n\n")).is_ok());
        assert_eq!(parse_key(""), Err(TrustError::KeyMalformed));
        assert_eq!(parse_key(SIG), Err(TrustError::KeyMalformed));
        assert_eq!(
            parse_key("untrusted comment: x\nAAAA"),
            Err(TrustError::KeyMalformed)
        );
    }

    #[test]
    fn a_trusted_comment_reaches_the_caller_without_escape_sequences() {
        // The comment is signed, but the signer is not the person at the screen: it is
        // cleaned like any directory text. The fixture's comment holds an OSC that would
        // set the window title.
        let raw = Signature::decode(ESCAPE_SIG).unwrap();
        assert!(raw.trusted_comment().contains('\u{1b}'));
        let good = verify(DATA, ESCAPE_SIG, &[key(PUB, "test.pub")]).unwrap();
        assert!(
            !good.trusted_comment.chars().any(char::is_control),
            "{:?}",
            good.trusted_comment
        );
        assert!(
            good.trusted_comment.starts_with("evil") && good.trusted_comment.ends_with("comment")
        );
    }

    #[test]
    fn the_signature_file_sits_beside_the_data() {
        assert_eq!(
            signature_path(Path::new("/srv/dir/county.json")),
            PathBuf::from("/srv/dir/county.json.minisig")
        );
    }
}
