//! The report an import prints on standard error: what was read, what was written, what
//! was left out and why.

use std::collections::BTreeMap;
use std::fmt;

use crate::directory::sanitize::escape;

/// Counts and notes of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The input's name.
    pub input: String,
    /// What the input was ("HSDS 1.1 tabular data package").
    pub format: String,
    /// Services read.
    pub read: usize,
    /// Services written to the services section.
    pub services: usize,
    /// Services written to the hotlines section.
    pub hotlines: usize,
    /// Services left out, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Inactive services kept (with `--include-inactive`), marked as such.
    pub inactive_kept: usize,
    /// Phone numbers the loader would refuse, kept in the record's text as written.
    pub numbers_as_text: usize,
    /// Extensions that are not digits, kept in the record's text as written.
    pub extensions_as_text: usize,
    /// Phones of a type heatwatch has no kind for (video, pager ...), kept as text.
    pub phone_types_as_text: usize,
    /// Web and email addresses the loader would refuse, kept as text.
    pub addresses_as_text: usize,
    /// Services the taxonomy map makes hotlines but that have no number to call: kept as
    /// services.
    pub hotlines_without_number: usize,
    /// Hours rendered from schedules.
    pub hours_rendered: usize,
    /// Hours from the schedules' own words.
    pub hours_from_text: usize,
    /// Services whose schedules say neither exactly nor in words.
    pub hours_left_out: usize,
    /// ...of which because 1.1 weekday numbers were given without `--weekday-one`.
    pub weekday_numbers: usize,
    /// Records given a structured `schedule` (for "open now").
    pub schedules: usize,
    /// Structured schedules left out because they state a time zone other records'
    /// schedules do not share.
    pub schedules_in_other_zones: usize,
    /// The directory's `time_zone`, when the schedules state one.
    pub time_zone: Option<String>,
    /// `verified` dates taken from `assured_date`.
    pub verified_from_assured: usize,
    /// `verified` dates taken from `last_modified` (no `assured_date`).
    pub verified_from_modified: usize,
    /// Dates that are not dates, left out.
    pub bad_dates: usize,
    /// Columns the specification does not name, by file: ignored.
    pub unknown_columns: BTreeMap<String, Vec<String>>,
    /// JSON fields the specification does not name, as `object.field`, with counts.
    pub unknown_fields: BTreeMap<String, usize>,
    /// Files of the folder that are no HSDS table.
    pub ignored_files: Vec<String>,
    /// Items of a JSON list that were not services, by kind.
    pub not_services: BTreeMap<String, usize>,
    /// Other things to know.
    pub notes: Vec<String>,
    /// Where the directory was written, if to a file.
    pub written_to: Option<String>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Report {
    /// Counts a skipped service.
    pub fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_owned()).or_default() += 1;
    }

    /// Services skipped in all.
    #[must_use]
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Read {} from {} ({}).",
            plural(self.read, "service", "services"),
            escape(&self.input),
            self.format
        )?;
        writeln!(
            f,
            "Imported {}: {} and {}.",
            self.services + self.hotlines,
            plural(self.services, "service", "services"),
            plural(self.hotlines, "trafficking hotline", "trafficking hotlines")
        )?;
        if self.skipped.is_empty() {
            writeln!(f, "Skipped 0.")?;
        } else {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(r, n)| format!("{r}: {n}"))
                .collect();
            writeln!(
                f,
                "Skipped {} ({}).",
                self.skipped_total(),
                reasons.join(", ")
            )?;
        }
        if self.inactive_kept > 0 {
            writeln!(
                f,
                "Kept {} marked as such in name and tags (--include-inactive).",
                plural(
                    self.inactive_kept,
                    "service that is not active",
                    "services that are not active"
                )
            )?;
        }
        let kept_as_text = [
            (
                self.numbers_as_text,
                "phone number that is not valid as a number",
                "phone numbers that are not valid as numbers",
            ),
            (
                self.extensions_as_text,
                "extension that is not digits",
                "extensions that are not digits",
            ),
            (
                self.phone_types_as_text,
                "phone of a type heatwatch does not dial (video, pager...)",
                "phones of types heatwatch does not dial (video, pager...)",
            ),
            (
                self.addresses_as_text,
                "web or email address that is not valid",
                "web or email addresses that are not valid",
            ),
        ];
        for (n, one, many) in kept_as_text {
            if n > 0 {
                writeln!(
                    f,
                    "Kept in the record's description as written: {}.",
                    plural(n, one, many)
                )?;
            }
        }
        if self.hotlines_without_number > 0 {
            writeln!(
                f,
                "Kept as services, not hotlines, for want of a number to call: {}.",
                self.hotlines_without_number
            )?;
        }
        if self.hours_rendered + self.hours_from_text + self.hours_left_out > 0 {
            writeln!(
                f,
                "Hours: {} rendered from schedules, {} in the source's words, {} left out (schedules neither exact nor described).",
                self.hours_rendered, self.hours_from_text, self.hours_left_out
            )?;
        }
        if self.schedules + self.schedules_in_other_zones > 0 {
            let zone = match &self.time_zone {
                Some(z) => format!("time zone {} (as the schedules state it)", escape(z)),
                None => "no time zone, as the schedules state none (or not the same one): \"open now\" can use them once the directory's \"time_zone\" is added".to_owned(),
            };
            writeln!(f, "Schedules for \"open now\": {}; {zone}.", self.schedules)?;
            if self.schedules_in_other_zones > 0 {
                writeln!(
                    f,
                    "  {} left out: stated in a time zone the others do not share (their hours are kept as text).",
                    plural(self.schedules_in_other_zones, "schedule", "schedules")
                )?;
            }
        }
        if self.weekday_numbers > 0 {
            writeln!(
                f,
                "  {} give weekdays as numbers, and HSDS 1.1 does not say which day is 1: give --weekday-one monday (or sunday) if you know.",
                plural(
                    self.weekday_numbers,
                    "service's schedules",
                    "services' schedules"
                )
            )?;
        }
        if self.verified_from_assured + self.verified_from_modified > 0 {
            writeln!(
                f,
                "Verified dates: {} from assured_date, {} from last_modified (the date the source last changed the record).",
                self.verified_from_assured, self.verified_from_modified
            )?;
        }
        if self.bad_dates > 0 {
            writeln!(
                f,
                "Left out: {}.",
                plural(
                    self.bad_dates,
                    "date that is not a date",
                    "dates that are not dates"
                )
            )?;
        }
        if self.unknown_columns.is_empty() && self.unknown_fields.is_empty() {
            writeln!(f, "Unknown columns and fields ignored: none.")?;
        }
        for (file, cols) in &self.unknown_columns {
            let cols: Vec<String> = cols.iter().map(|c| escape(c)).collect();
            writeln!(
                f,
                "Unknown columns ignored in {}: {}.",
                escape(file),
                cols.join(", ")
            )?;
        }
        if !self.unknown_fields.is_empty() {
            let fields: Vec<String> = self
                .unknown_fields
                .iter()
                .map(|(k, n)| {
                    if *n == 1 {
                        escape(k)
                    } else {
                        format!("{} ({n}×)", escape(k))
                    }
                })
                .collect();
            writeln!(f, "Unknown fields ignored: {}.", fields.join(", "))?;
        }
        if !self.ignored_files.is_empty() {
            let files: Vec<String> = self.ignored_files.iter().map(|c| escape(c)).collect();
            writeln!(f, "Files ignored (not HSDS tables): {}.", files.join(", "))?;
        }
        if !self.not_services.is_empty() {
            let kinds: Vec<String> = self
                .not_services
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            writeln!(f, "Not services, ignored: {}.", kinds.join(", "))?;
        }
        for n in &self.notes {
            writeln!(f, "Note: {}", escape(n))?;
        }
        if let Some(to) = &self.written_to {
            writeln!(f, "Wrote {}.", escape(to))?;
        }
        Ok(())
    }
}
