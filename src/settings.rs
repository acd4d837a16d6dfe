//! What the command line resolves to, for the app and the commands alike: the language,
//! whether colour may be used, and the directory the `--data` files (or the embedded one)
//! make — checked against trusted signing keys and the guard on known numbers — with a
//! plain message when it cannot be used.

use std::path::{Path, PathBuf};

use crate::cli::Cli;
use crate::directory::sanitize::escape;
use crate::directory::{self, DEFAULT_MAX_BYTES, Directory, LoadError, load};
use crate::i18n::cli::{self as messages_cli, CliMessages, fill};
use crate::trust::signature::{self, TrustError, TrustedKey};

/// Loads the directory for a command, in the language the command line asks for, with a
/// short, plain message when it cannot be used.
///
/// # Errors
/// One or two sentences saying what is wrong and what to do.
pub fn load_for_command(cli: &Cli) -> Result<Directory, String> {
    load_in(cli, language(cli))
}

/// Loads the directory the command line names with its texts in `code`, whatever
/// language the process was started in.
///
/// # Errors
/// As [`load_for_command`].
pub fn load_in(cli: &Cli, code: &str) -> Result<Directory, String> {
    crate::directory::text::resolving(code, || load_layers(cli)).0
}

/// Loads and layers the `--data` files (or the embedded directory).
fn load_layers(cli: &Cli) -> Result<Directory, String> {
    let msg = messages_cli::for_language(language(cli));
    let embedded =
        || load::embedded().map_err(|e| fill(msg.builtin_unusable, &[("error", &e.to_string())]));
    if cli.data.is_empty() {
        return embedded();
    }
    // Several files (or the embedded one and files) are layered in order.
    let mut layers = Vec::with_capacity(cli.data.len() + 1);
    if cli.with_embedded {
        layers.push((directory::merge::EMBEDDED_LAYER.to_owned(), embedded()?));
    }
    // With trusted keys, every file must carry a good signature by one of them; the
    // bytes checked are the bytes loaded.
    let keys = read_keys(&cli.trusted_key, msg)?;
    for path in &cli.data {
        let mut dir = if keys.is_empty() {
            load_one(path, msg)?
        } else {
            load_signed(path, &keys, msg)?
        };
        guard_known_numbers(cli, path, &mut dir, msg)?;
        layers.push((path.display().to_string(), dir));
    }
    directory::merge::layer(layers)
        .map_err(|e| fill(msg.layers_unusable, &[("error", &e.to_string())]))
}

/// The guard on known numbers ([`crate::trust::known`]) for a `--data` file: where it
/// gives a known hotline another number, a kiosk refuses the file; elsewhere the known
/// number is put back and the record says, in words, that the file gave another.
fn guard_known_numbers(
    cli: &Cli,
    path: &Path,
    dir: &mut Directory,
    msg: &CliMessages,
) -> Result<(), String> {
    let planted = crate::trust::known::find(dir);
    if planted.is_empty() {
        return Ok(());
    }
    if cli.kiosk {
        return Err(fill(
            msg.planted_refused,
            &[
                ("file", &escape(&path.display().to_string())),
                ("n", &planted.len().to_string()),
            ],
        ));
    }
    crate::trust::known::repair(dir, &planted, |p| {
        fill(msg.planted_warning, &[("known", p.known)])
    });
    Ok(())
}

/// Loads one `--data` file that must carry a good signature by one of `keys`.
fn load_signed(path: &Path, keys: &[TrustedKey], msg: &CliMessages) -> Result<Directory, String> {
    let bytes =
        load::read_file(path, DEFAULT_MAX_BYTES).map_err(|e| unusable_message(path, &e, msg))?;
    signature::verify_file(path, &bytes, keys).map_err(|e| {
        fill(
            msg.verify_refused,
            &[
                ("file", &escape(&path.display().to_string())),
                ("reason", &trust_reason(&e, path, msg)),
            ],
        )
    })?;
    load::from_owned_bytes(bytes).map_err(|e| unusable_message(path, &e, msg))
}

/// Loads one `--data` file, with a short, plain message when it cannot be used.
pub(crate) fn load_one(path: &Path, msg: &CliMessages) -> Result<Directory, String> {
    load::from_path(path, DEFAULT_MAX_BYTES).map_err(|e| unusable_message(path, &e, msg))
}

/// What to tell about a directory file that cannot be used.
pub fn unusable_message(path: &Path, e: &LoadError, msg: &CliMessages) -> String {
    let shown = escape(&path.display().to_string());
    match e {
        LoadError::Io { source, .. } => fill(
            msg.data_unreadable,
            &[("file", &shown), ("error", &source.to_string())],
        ),
        LoadError::TooLarge { .. } | LoadError::Empty | LoadError::Version { .. } => fill(
            msg.data_cannot_be_used,
            &[("file", &shown), ("error", &e.to_string())],
        ),
        LoadError::Parse(_) | LoadError::Invalid(_) => {
            let problems = e.problems();
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            let more = match problems.len() {
                0 | 1 => String::new(),
                n => fill(msg.and_more, &[("n", &(n - 1).to_string())]),
            };
            fill(
                msg.data_not_usable,
                &[
                    ("file", &shown),
                    ("problem", first.trim_end_matches('.')),
                    ("more", &more),
                    ("path", &shell_quote(&shown)),
                ],
            )
        }
    }
}

/// A path as it could be typed into a POSIX shell.
pub(crate) fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "/._-+,:@%=".contains(c))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty).
#[must_use]
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The language asked for: `--lang`, else the environment (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`), else English.
#[must_use]
pub fn language(cli: &Cli) -> &'static str {
    match cli.lang {
        Some(lang) => lang.code(),
        None => crate::i18n::app::language_from_env(|k| std::env::var(k).ok()),
    }
}

/// The directory in every language the interface can switch to: the one loaded (in the
/// language asked for) and the file read again in each other language it declares a
/// translation for and the interface speaks, in the order English, Spanish. One entry
/// when the directory has no translation, or when another language cannot be read.
#[must_use]
pub fn with_translations(cli: &Cli, dir: Directory) -> Vec<(&'static str, Directory)> {
    let current = language(cli);
    let mut codes = vec!["en"];
    if dir.meta.translations.iter().any(|(code, _)| code == "es") {
        codes.push("es");
    }
    if codes.len() < 2 || !codes.contains(&current) {
        return vec![(current, dir)];
    }
    let mut others = Vec::new();
    for code in codes.iter().filter(|c| **c != current) {
        match load_in(cli, code) {
            Ok(d) => others.push((*code, d)),
            Err(_) => return vec![(current, dir)],
        }
    }
    let mut all = vec![(current, dir)];
    all.extend(others);
    all.sort_by_key(|(code, _)| codes.iter().position(|c| c == code));
    all
}

/// Why a signature or a key is refused, in the words of `msg`.
#[must_use]
pub fn trust_reason(e: &TrustError, data: &Path, msg: &CliMessages) -> String {
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
                        ("reason", &trust_reason(&e, path, msg)),
                    ],
                )
            })
        })
        .collect()
}
