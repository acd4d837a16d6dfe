//! Importing directories from other formats: `heatwatch import hsds PATH`.
//!
//! Open Referral's Human Services Data Specification (HSDS) is how 211 lines, county
//! resource guides and community directories publish services. The importer reads HSDS
//! 3.0 JSON and HSDS 1.1, 2.0 and 3.0 tabular data packages into one version-neutral
//! model ([`model`]), converts that into a heatwatch directory file ([`convert`]) that
//! the loader accepts, and reports what it read, wrote and left out ([`report`]). See
//! `docs/import.md`.

pub mod convert;
pub mod hsds;
pub mod json;
pub mod model;
pub mod report;
pub mod schedule;
pub mod table;
pub mod tabular;
pub mod taxonomy;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::clock::Clock;
use crate::directory::DEFAULT_MAX_BYTES;
use crate::directory::raw::RawFile;
use crate::directory::sanitize::escape;

pub use report::Report;
pub use schedule::WeekdayOne;
pub use taxonomy::TaxonomyMap;

/// What to import and how: the options of `heatwatch import hsds` apart from where the
/// result goes.
#[derive(Debug, Clone)]
pub struct HsdsOptions {
    /// A JSON file, or a data package folder (datapackage.json and CSV files).
    pub path: PathBuf,
    /// A taxonomy map (JSON): which terms make a service a trafficking hotline.
    pub map: Option<PathBuf>,
    /// ISO 3166 country code of the numbers, used to derive dialable forms.
    pub country: String,
    /// The region's emergency number (default: known for some countries).
    pub emergency_number: Option<String>,
    /// Leave out addresses, location names and directions.
    pub hide_addresses: bool,
    /// Keep services that are inactive, defunct or temporarily closed.
    pub include_inactive: bool,
    /// What weekday 1 is in HSDS 1.1 schedules.
    pub weekday_one: Option<WeekdayOne>,
    /// Name of the directory.
    pub name: Option<String>,
    /// Region the directory covers.
    pub region: Option<String>,
}

/// Why an input cannot be imported: the file, and where in it. Its parts (row, line,
/// column, path) are each optional, so its words are put together by a method.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.described())]
pub struct ImportError {
    /// The file (or folder) name.
    pub file: String,
    /// The CSV row, counting the header as row 1.
    pub row: Option<u32>,
    /// The line of the file.
    pub line: Option<u32>,
    /// The CSV column's name.
    pub column: Option<String>,
    /// The character column of a JSON syntax error.
    pub char_column: Option<u32>,
    /// The JSON path.
    pub path: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// A problem with a whole file.
    #[must_use]
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            row: None,
            line: None,
            column: None,
            char_column: None,
            path: None,
            message: message.into(),
        }
    }

    /// A problem at a line of a file.
    #[must_use]
    pub fn at_line(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(small(line)),
            ..Self::file(file, message)
        }
    }

    /// A problem in a CSV row (and column).
    #[must_use]
    pub fn row(
        file: &str,
        row: usize,
        line: usize,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            row: Some(small(row)),
            line: Some(small(line)),
            column: column.map(str::to_owned),
            ..Self::file(file, message)
        }
    }

    /// A problem at a JSON path.
    #[must_use]
    pub fn json(file: &str, path: &str, message: impl Into<String>) -> Self {
        Self {
            path: (!path.is_empty()).then(|| path.to_owned()),
            ..Self::file(file, message)
        }
    }

    /// A JSON syntax error.
    #[must_use]
    pub fn json_syntax(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line: Some(small(line)),
            char_column: Some(small(column)),
            ..Self::file(file, message)
        }
    }
}

/// A count as stored in an [`ImportError`] (which is kept small).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ImportError {
    /// The file, where in it, and what is wrong, with anything a terminal would act on
    /// written as visible escapes: what the error says (its `Display`).
    fn describe(&self, f: &mut String) -> fmt::Result {
        use fmt::Write as _;
        let e = self;
        write!(f, "{}", escape(&e.file))?;
        match (e.row, e.line) {
            (Some(r), Some(l)) if r != l => write!(f, ", row {r} (line {l})")?,
            (Some(r), _) => write!(f, ", row {r}")?,
            (None, Some(l)) => write!(f, ", line {l}")?,
            (None, None) => {}
        }
        if let Some(c) = e.char_column {
            write!(f, ", column {c}")?;
        }
        if let Some(p) = &e.path {
            write!(f, ", at {}", escape(p))?;
        }
        if let Some(c) = &e.column {
            write!(f, ", column \"{}\"", escape(c))?;
        }
        write!(f, ": {}", escape(&e.message))
    }

    fn described(&self) -> String {
        let mut out = String::new();
        // Writing to a String does not fail.
        let _ = self.describe(&mut out);
        out
    }
}

/// The emergency number of a country, where heatwatch knows it.
#[must_use]
pub fn emergency_number_of(country: &str) -> Option<&'static str> {
    const EU_EEA: &[&str] = &[
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
        "CH",
    ];
    match country {
        "US" | "CA" | "PR" | "GU" | "VI" | "AS" | "MP" => Some("911"),
        "GB" => Some("999"),
        "AU" => Some("000"),
        "NZ" => Some("111"),
        c if EU_EEA.contains(&c) => Some("112"),
        _ => None,
    }
}

fn read_capped(path: &Path, shown: &str) -> Result<Vec<u8>, ImportError> {
    let file = std::fs::File::open(path)
        .map_err(|e| ImportError::file(shown, format!("cannot be read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(DEFAULT_MAX_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::file(shown, format!("cannot be read: {e}")))?;
    if bytes.len() as u64 > DEFAULT_MAX_BYTES {
        return Err(ImportError::file(
            shown,
            format!("the file is larger than {DEFAULT_MAX_BYTES} bytes, the most heatwatch reads"),
        ));
    }
    Ok(bytes)
}

fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads and converts HSDS data as `args` say, with `clock` for the `retrieved` date.
///
/// # Errors
/// Unusable input or options, with the file, row, column or path where known.
pub fn import_hsds(
    args: &HsdsOptions,
    clock: &dyn Clock,
) -> Result<(RawFile, Report), ImportError> {
    let country = args.country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(ImportError::file(
            "--country",
            format!(
                "\"{}\" is not a two-letter ISO 3166 country code, such as US, CA or GB",
                args.country
            ),
        ));
    }
    let emergency_number = match &args.emergency_number {
        Some(n) => {
            crate::directory::phone::validate(n).map_err(|e| {
                ImportError::file("--emergency-number", format!("\"{n}\" is not a number: {e}"))
            })?;
            n.trim().to_owned()
        }
        None => emergency_number_of(&country)
            .ok_or_else(|| {
                ImportError::file(
                    "--country",
                    format!(
                        "heatwatch does not know the emergency number of {country}; give it with --emergency-number"
                    ),
                )
            })?
            .to_owned(),
    };
    let map = match &args.map {
        Some(p) => {
            let shown = name_of(p);
            let bytes = read_capped(p, &shown)?;
            TaxonomyMap::from_json(&bytes).map_err(|e| ImportError::file(&shown, e))?
        }
        None => TaxonomyMap::default(),
    };

    let opts = convert::Options {
        country,
        emergency_number,
        hide_addresses: args.hide_addresses,
        include_inactive: args.include_inactive,
        weekday_one: args.weekday_one,
        map,
        today: clock.today(),
        name: args.name.clone(),
        region: args.region.clone(),
    };
    let path = &args.path;
    let mut report = Report::default();
    let start = |report: &mut Report, info: &convert::InputInfo| {
        report.input.clone_from(&info.label);
        report.format.clone_from(&info.format);
    };
    let raw = if path.is_dir() || path.file_name().is_some_and(|n| n == "datapackage.json") {
        let dir = if path.is_dir() {
            path.clone()
        } else {
            path.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        let label = name_of(&std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone()));
        let mut t = tabular::read(&dir, &label, DEFAULT_MAX_BYTES)?;
        report.unknown_columns = std::mem::take(&mut t.unknown_columns);
        report.ignored_files = std::mem::take(&mut t.ignored_files);
        report.notes.append(&mut t.notes);
        let info = convert::InputInfo {
            format: match &t.version {
                Some(v) => format!("HSDS {v} tabular data package"),
                None => {
                    "HSDS tabular data package; its tables are common to every version".to_owned()
                }
            },
            label,
            title: t.title.take(),
            license: t.license.take(),
        };
        start(&mut report, &info);
        // Each service is assembled from the tables, converted, and dropped.
        convert::convert(t.services(), &info, &opts, &mut report)?
    } else {
        let label = name_of(path);
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            return Err(ImportError::file(
                &label,
                "give the folder of the data package (with datapackage.json and every CSV file), not one CSV file",
            ));
        }
        let bytes = read_capped(path, &label)?;
        let j = json::read(&label, &bytes)?;
        drop(bytes);
        report.unknown_fields = j.unknown_fields;
        report.not_services = j.not_services;
        report.notes.extend(j.notes);
        let info = convert::InputInfo {
            format: format!("HSDS 3.0 JSON, {}", j.shape),
            label,
            title: None,
            license: None,
        };
        start(&mut report, &info);
        convert::convert(j.services, &info, &opts, &mut report)?
    };
    Ok((raw, report))
}
