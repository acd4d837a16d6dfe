//! What the command line resolves to, for the app and the commands alike: the language,
//! whether colour may be used, and the directory the `--data` files (or the embedded one)
//! make — checked against trusted signing keys and the guard on known numbers — with a
//! plain message when it cannot be used.

use std::path::{Path, PathBuf};

use crate::cli::Cli;
use crate::directory::load::Languages;
use crate::directory::sanitize::escape;
use crate::directory::{self, Directory, LoadError, load};
use crate::i18n::cli::{self as messages_cli, CliMessages, fill};
use crate::progress::Span;
use crate::trust::signature::{self, TrustError, TrustedKey};

/// The languages the interface speaks, in the order the app offers them.
pub const INTERFACE_LANGUAGES: [&str; 2] = ["en", "es"];

/// Loads the directory for a command, in the language the command line asks for, with a
/// short, plain message when it cannot be used.
///
/// # Errors
/// One or two sentences saying what is wrong and what to do.
pub fn load_for_command(cli: &Cli) -> Result<Directory, String> {
    load_in(cli, language(cli))
}

/// Loads the directory the command line names with its texts in `code`, whatever
/// language the command line asks for.
///
/// # Errors
/// As [`load_for_command`].
pub fn load_in(cli: &Cli, code: &str) -> Result<Directory, String> {
    let mut all = load_layers(cli, Languages::one(code), Reading::Whole(None))?;
    Ok(all.swap_remove(0).1)
}

/// The directory in every language the interface can switch to, each file parsed and
/// checked once: first in the language asked for, then in each other language the
/// interface speaks and the directory declares a translation into, in the order of
/// [`INTERFACE_LANGUAGES`]. One entry when the directory has no translation.
///
/// # Errors
/// As [`load_for_command`]: the problems of the language asked for.
pub fn load_languages(cli: &Cli) -> Result<Vec<(&'static str, Directory)>, String> {
    languages_read(cli, Reading::Whole(None))
}

/// [`load_languages`], telling `span` how far the reading and converting have come.
///
/// # Errors
/// As [`load_languages`].
pub fn load_languages_with(
    cli: &Cli,
    span: Option<Span<'_>>,
) -> Result<Vec<(&'static str, Directory)>, String> {
    languages_read(cli, Reading::Whole(span))
}

/// The head of the directory the `--data` files make — everything before their
/// services, layered as [`load_languages`] layers the whole, with the guard on known
/// numbers — read from the first bytes of each file: what the app shows at once while
/// the whole loads. `None` when there is nothing to gain or it cannot be shown: the
/// embedded directory alone (it loads in milliseconds), trusted keys (nothing of a file
/// is shown before its signature is checked, which needs all of it), or any file whose
/// head cannot be read from its first bytes ([`load::read_head_of`]).
#[must_use]
pub fn load_heads(cli: &Cli) -> Option<Vec<(&'static str, Directory)>> {
    if cli.data.is_empty() || !cli.trusted_key.is_empty() {
        return None;
    }
    languages_read(cli, Reading::Head).ok()
}

/// How [`load_layers`] reads each `--data` file.
#[derive(Clone, Copy)]
enum Reading<'a> {
    /// Whole, telling the span (when there is one) how far it has come.
    Whole(Option<Span<'a>>),
    /// Its head only ([`load_heads`]).
    Head,
}

fn languages_read(cli: &Cli, how: Reading<'_>) -> Result<Vec<(&'static str, Directory)>, String> {
    let current = language(cli);
    let others: Vec<&str> = INTERFACE_LANGUAGES
        .into_iter()
        .filter(|c| *c != current)
        .collect();
    let mut all = load_layers(
        cli,
        Languages {
            first: current,
            others: &others,
            always: false,
            declared: false,
        },
        how,
    )?;
    // The languages to switch between: English and each translation the directory
    // declares, when the language asked for is one of them; else that language alone.
    let declared = |code: &str| {
        code == crate::directory::text::DEFAULT_LANGUAGE
            || all
                .first()
                .is_some_and(|(_, d)| d.meta.translations.iter().any(|(c, _)| c == code))
    };
    let keep: Vec<bool> = all.iter().map(|(code, _)| declared(code)).collect();
    if keep.first() == Some(&true) {
        let mut keep = keep.into_iter();
        all.retain(|_| keep.next().unwrap_or(false));
    } else {
        all.truncate(1);
    }
    all.sort_by_key(|(code, _)| INTERFACE_LANGUAGES.iter().position(|c| c == code));
    Ok(all)
}

/// The interface's own code for a language a directory was read in.
fn interface_code(code: &str) -> Option<&'static str> {
    INTERFACE_LANGUAGES.into_iter().find(|c| *c == code)
}

/// Loads and layers the `--data` files (or the embedded directory), in each language of
/// `languages` it is read in (see [`Languages`]); the first is always there.
fn load_layers(
    cli: &Cli,
    languages: Languages<'_>,
    how: Reading<'_>,
) -> Result<Vec<(&'static str, Directory)>, String> {
    let msg = messages_cli::for_language(language(cli));
    let words = directory::problems::for_language(msg.code);
    let unusable = |e: LoadError| fill(msg.builtin_unusable, &[("error", &e.worded(words))]);
    let embedded = |languages| {
        load::read_borrowed(load::EMBEDDED_JSON.as_bytes(), languages).map_err(unusable)
    };
    let single = cli.data.len() == 1 && !cli.with_embedded;
    if cli.data.is_empty() {
        return Ok(by_code(embedded(languages)?));
    }
    // Layers are read in every language asked for, whatever each declares: a language
    // is kept when every layer has it and the layered directory declares it.
    let each = Languages {
        always: languages.always || !single,
        ..languages
    };
    let mut layers: Vec<(String, Vec<load::InLanguage>)> = Vec::with_capacity(cli.data.len() + 1);
    if cli.with_embedded {
        layers.push((directory::merge::EMBEDDED_LAYER.to_owned(), embedded(each)?));
    }
    // With trusted keys, every file must carry a good signature by one of them; the
    // bytes checked are the bytes loaded.
    let keys = read_keys(&cli.trusted_key, msg)?;
    for (k, path) in cli.data.iter().enumerate() {
        let mut read = match how {
            // Never a head without its signature checked.
            Reading::Head if !keys.is_empty() => return Err(String::new()),
            Reading::Head => {
                load::read_head_of(path, cli.data_cap(), each).ok_or_else(String::new)?
            }
            Reading::Whole(span) => {
                let span = span.map(|s| s.part(k, cli.data.len()));
                if keys.is_empty() {
                    load_one(path, cli.data_cap(), each, msg, span)?
                } else {
                    load_signed(path, cli.data_cap(), &keys, each, msg, span)?
                }
            }
        };
        guard_known_numbers(cli, path, &mut read, msg)?;
        layers.push((path.display().to_string(), read));
    }
    if single {
        let Some((_, read)) = layers.pop() else {
            return Ok(Vec::new());
        };
        return Ok(by_code(read));
    }
    let mut out = Vec::new();
    let codes: Vec<&'static str> = std::iter::once(languages.first)
        .chain(languages.others.iter().copied())
        .filter_map(interface_code)
        .collect();
    for (k, code) in codes.into_iter().enumerate() {
        let mut these = Vec::with_capacity(layers.len());
        for (name, read) in &mut layers {
            let Some(at) = read.iter().position(|r| r.directory.meta.language == code) else {
                break;
            };
            these.push((name.clone(), read.swap_remove(at).directory));
        }
        if these.len() < layers.len() {
            continue;
        }
        let merged = directory::merge::layer(these)
            .map_err(|e| fill(msg.layers_unusable, &[("error", &e.worded(words))]));
        match merged {
            Ok(dir) if k == 0 => out.push((code, dir)),
            Ok(dir) if dir.meta.translations.iter().any(|(c, _)| c == code) => {
                out.push((code, dir));
            }
            Ok(_) => {}
            Err(e) if k == 0 => return Err(e),
            Err(_) => {}
        }
    }
    Ok(out)
}

/// A file's languages as the interface names them.
fn by_code(read: Vec<load::InLanguage>) -> Vec<(&'static str, Directory)> {
    read.into_iter()
        .filter_map(|r| Some((interface_code(&r.directory.meta.language)?, r.directory)))
        .collect()
}

/// The guard on known numbers ([`crate::trust::known`]) for a `--data` file: where it
/// gives a known hotline another number, a kiosk refuses the file; elsewhere the known
/// number is put back and the record says, in words, that the file gave another.
fn guard_known_numbers(
    cli: &Cli,
    path: &Path,
    read: &mut [load::InLanguage],
    msg: &CliMessages,
) -> Result<(), String> {
    // The numbers are the same in every language.
    let Some(first) = read.first() else {
        return Ok(());
    };
    let planted = crate::trust::known::find(&first.directory);
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
    for one in read {
        crate::trust::known::repair(&mut one.directory, &planted, |p| {
            fill(msg.planted_warning, &[("known", p.known)])
        });
    }
    Ok(())
}

/// Loads one `--data` file that must carry a good signature by one of `keys`.
fn load_signed(
    path: &Path,
    cap: u64,
    keys: &[TrustedKey],
    languages: Languages<'_>,
    msg: &CliMessages,
    span: Option<Span<'_>>,
) -> Result<Vec<load::InLanguage>, String> {
    let reading = span.map(|s| s.within(0, READING));
    let bytes =
        load::read_file_with(path, cap, reading).map_err(|e| unusable_message(path, &e, msg))?;
    signature::verify_file(path, &bytes, keys).map_err(|e| {
        fill(
            msg.verify_refused,
            &[
                ("file", &escape(&path.display().to_string())),
                ("reason", &trust_reason(&e, path, msg)),
            ],
        )
    })?;
    let converting = span.map(|s| s.within(READING, 100));
    load::read_with(bytes, languages, converting).map_err(|e| unusable_message(path, &e, msg))
}

/// Loads one `--data` file, with a short, plain message when it cannot be used.
fn load_one(
    path: &Path,
    cap: u64,
    languages: Languages<'_>,
    msg: &CliMessages,
    span: Option<Span<'_>>,
) -> Result<Vec<load::InLanguage>, String> {
    load::read_file_with(path, cap, span.map(|s| s.within(0, READING)))
        .and_then(|bytes| load::read_with(bytes, languages, span.map(|s| s.within(READING, 100))))
        .map_err(|e| unusable_message(path, &e, msg))
}

/// The share of a file's load, in percent, that reading its bytes takes (measured: about
/// a tenth of the time to convert them, on 100,000 services).
const READING: u8 = 10;

/// What to tell about a directory file that cannot be used.
pub fn unusable_message(path: &Path, e: &LoadError, msg: &CliMessages) -> String {
    let words = directory::problems::for_language(msg.code);
    let shown = escape(&path.display().to_string());
    match e {
        LoadError::Io { source, .. } => fill(
            msg.data_unreadable,
            &[("file", &shown), ("error", &source.to_string())],
        ),
        LoadError::TooLarge { .. } | LoadError::Empty | LoadError::Version { .. } => fill(
            msg.data_cannot_be_used,
            &[("file", &shown), ("error", &e.worded(words))],
        ),
        LoadError::Parse(_) | LoadError::Invalid(_) => {
            let problems = e.problems();
            let first = problems
                .first()
                .map(|p| p.worded(words))
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
