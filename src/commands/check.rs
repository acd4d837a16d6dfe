//! `heatwatch check FILE`: the problems of a directory file, then stale-record warnings.

use std::io::Write;
use std::path::Path;

use super::CommandError;
use crate::clock::Clock;
use crate::directory::check as freshness;
use crate::directory::load::{InLanguage, Languages};
use crate::directory::sanitize::escape;
use crate::directory::{DEFAULT_MAX_BYTES, Directory, load, problems};
use crate::i18n::cli::{self as messages_cli, CliMessages, fill};

/// `heatwatch check FILE`: every problem on its own line, then stale-record warnings,
/// in English (see [`check_in`] for another language).
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn check(
    file: &Path,
    stale_days: u32,
    clock: &dyn Clock,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    check_in(
        file,
        stale_days,
        DEFAULT_MAX_BYTES,
        clock,
        &messages_cli::EN,
        out,
    )
}

/// `heatwatch check FILE` in the language of `msg`, for files of up to `cap` bytes: the
/// problems the loader finds too.
/// The file is parsed once and read in that language and in every language it declares
/// a translation into.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn check_in(
    file: &Path,
    stale_days: u32,
    cap: u64,
    clock: &dyn Clock,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let shown = file.display().to_string();
    let words = problems::for_language(msg.code);
    let languages = Languages::every(msg.code);
    let read = load::read_file(file, cap).and_then(|bytes| load::read(bytes, languages));
    match read {
        Err(e) => {
            let mut problems: Vec<String> = e.problems().iter().map(|p| p.worded(words)).collect();
            if problems.is_empty() {
                problems.push(e.worded(words));
            }
            for p in &problems {
                writeln!(out, "{}: {p}", msg.label_error)?;
            }
            let n = problems.len();
            let summary = if n == 1 {
                msg.check_invalid_one
            } else {
                msg.check_invalid_many
            };
            writeln!(
                out,
                "{}",
                fill(summary, &[("file", &shown), ("n", &n.to_string())])
            )?;
            // What was wrong is on stdout already; an unreadable file is unusable data.
            Err(if e.is_unreadable() {
                CommandError::Usage(String::new())
            } else {
                CommandError::No(None)
            })
        }
        Ok(all) => {
            let Some(dir) = all.first().map(|r| &r.directory) else {
                return Err(CommandError::Usage(String::new()));
            };
            let planted = planted_numbers(&all);
            if !planted.is_empty() {
                for p in &planted {
                    writeln!(
                        out,
                        "{}: {}",
                        msg.label_error,
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
                writeln!(
                    out,
                    "{}",
                    fill(
                        msg.check_planted_summary,
                        &[("file", &shown), ("n", &planted.len().to_string())]
                    )
                )?;
                return Err(CommandError::No(None));
            }
            let today = clock.today();
            let mut warnings: Vec<freshness::Warning> = freshness::warnings(dir, today, stale_days)
                .into_iter()
                .map(|w| freshness::Warning {
                    message: stale_message(dir, &w, today, stale_days, msg),
                    path: w.path,
                    record: w.record,
                })
                .collect();
            let unzoned = freshness::unzoned_schedules(dir);
            if unzoned > 0 {
                warnings.push(freshness::Warning {
                    path: "directory.time_zone".to_owned(),
                    message: fill(msg.check_no_time_zone, &[("n", &unzoned.to_string())]),
                    record: None,
                });
            }
            // A hotline flag written `false` claims nothing ("not stated"): said so, since
            // a maintainer may think it prints "no".
            if let Ok(bytes) = std::fs::read(file) {
                warnings.extend(false_flags(&bytes).into_iter().map(|(path, flag)| {
                    freshness::Warning {
                        path,
                        message: fill(msg.check_false_flag, &[("flag", flag)]),
                        record: None,
                    }
                }));
                // The app shows a file's head at once only when its services come last.
                let last = load::sections(&bytes, msg.code)
                    .and_then(|s| s.service_spans())
                    .is_some_and(|spans| spans.len() == dir.services.len());
                if !dir.services.is_empty() && !last {
                    warnings.push(freshness::Warning {
                        path: "services".to_owned(),
                        message: msg.check_services_not_last.to_owned(),
                        record: None,
                    });
                }
            }
            // Every declared translation should cover every text: a gap is a warning.
            for (language, _) in &dir.meta.translations {
                let Some(read) = all.iter().find(|r| r.directory.meta.language == *language) else {
                    continue;
                };
                warnings.extend(read.untranslated.iter().map(|text| freshness::Warning {
                    record: None,
                    path: fill(msg.translation_path, &[("language", language)]),
                    message: fill(
                        msg.translation_missing,
                        &[("language", language), ("text", &escape(text))],
                    ),
                }));
            }
            for w in &warnings {
                writeln!(out, "{}: {}: {}", msg.label_warning, w.path, w.message)?;
            }
            let total = dir.records().len();
            let summary = if warnings.len() == 1 {
                msg.check_valid_one
            } else {
                msg.check_valid_many
            };
            writeln!(
                out,
                "{}",
                fill(
                    summary,
                    &[
                        ("file", &shown),
                        ("records", &total.to_string()),
                        ("n", &warnings.len().to_string()),
                    ]
                )
            )?;
            let f = freshness::freshness(dir, today, stale_days);
            let period = if stale_days == 365 {
                msg.period_year.to_owned()
            } else {
                fill(msg.period_days, &[("n", &stale_days.to_string())])
            };
            writeln!(
                out,
                "{}",
                fill(
                    msg.check_freshness,
                    &[
                        ("stale", &f.unverified_for_long.to_string()),
                        ("total", &f.total.to_string()),
                        ("period", &period),
                        ("never", &f.never_verified.to_string()),
                    ]
                )
            )?;
            Ok(())
        }
    }
}

/// Every number of a file, in each language it was read in, that stands where a known
/// hotline's number belongs ([`crate::trust::known`]), each once.
pub(super) fn planted_numbers(read: &[InLanguage]) -> Vec<crate::trust::known::Planted> {
    let mut found = Vec::new();
    for one in read {
        for p in crate::trust::known::find(&one.directory) {
            if !found.contains(&p) {
                found.push(p);
            }
        }
    }
    found
}

/// The hotline flags a source may state (`true`) or leave out; `false` says no more
/// than leaving them out.
pub const SOURCE_FLAGS: [&str; 3] = ["anonymous", "confidential", "emergency"];

/// Where a directory file writes a hotline flag as `false`: (`hotlines[i].flag`, flag).
/// Nothing for a file that is not JSON or has no hotlines (its other problems are
/// reported elsewhere).
#[must_use]
pub fn false_flags(bytes: &[u8]) -> Vec<(String, &'static str)> {
    if memchr::memmem::find(bytes, b"false").is_none() {
        return Vec::new();
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return Vec::new();
    };
    let Some(hotlines) = value.get("hotlines").and_then(serde_json::Value::as_array) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, h) in hotlines.iter().enumerate() {
        for flag in SOURCE_FLAGS {
            if h.get(flag) == Some(&serde_json::Value::Bool(false)) {
                out.push((format!("hotlines[{i}].{flag}"), flag));
            }
        }
    }
    out
}

/// A staleness warning of [`freshness::warnings`] said in the language of `msg`: the
/// warning names the record by its path, and its dates say which kind it is. A warning
/// of any other kind keeps its own words.
pub(crate) fn stale_message(
    dir: &Directory,
    w: &freshness::Warning,
    today: jiff::civil::Date,
    stale_days: u32,
    msg: &CliMessages,
) -> String {
    let provenance = w.record.and_then(|r| dir.provenance_of(r));
    let Some(p) = provenance else {
        return w.message.clone();
    };
    let latest = p.latest();
    let age = freshness::age_days(latest, today);
    let verified = p.verified.is_some();
    let template = if age > i64::from(stale_days) {
        if verified {
            msg.stale_verified
        } else {
            msg.stale_retrieved
        }
    } else if age < 0 {
        if verified {
            msg.future_verified
        } else {
            msg.future_retrieved
        }
    } else {
        return w.message.clone();
    };
    fill(
        template,
        &[
            ("date", &latest.to_string()),
            ("age", &age.to_string()),
            ("limit", &stale_days.to_string()),
        ],
    )
}
