//! Checks on a loaded directory that are warnings, not errors: staleness.

use jiff::civil::Date;

use super::load::path_of;
use super::model::{Directory, RecordRef};

/// Records whose latest date is older than this many days are stale, by default.
pub const DEFAULT_STALE_DAYS: u32 = 365;

/// A warning about a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON path of the record.
    pub path: String,
    /// What the warning is.
    pub message: String,
    /// The record it is about, if it is about one.
    pub record: Option<RecordRef>,
}

/// How many weekly schedules come from files that state no `time_zone`: "open now"
/// cannot use them (`always` needs no zone).
#[must_use]
pub fn unzoned_schedules(dir: &Directory) -> usize {
    let schedules = dir
        .hotlines
        .iter()
        .map(|h| h.schedule.as_ref())
        .chain(dir.services.iter().map(|s| s.schedule.as_ref()));
    schedules
        .flatten()
        .filter(|s| s.time_zone.is_none() && s.rule != super::model::OpeningRule::Always)
        .count()
}

/// How old a record's latest date is, in whole days (negative if in the future).
#[must_use]
pub fn age_days(latest: Date, today: Date) -> i64 {
    latest
        .until(today)
        .map_or(0, |span| i64::from(span.get_days()))
}

/// How fresh a directory is, for the summary of `heatwatch check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// Records in all (strategy points and endorsements share the program's dates).
    pub total: usize,
    /// Records whose latest date (`verified`, else `retrieved`) is more than
    /// `stale_days` before today: nobody has verified them for that long.
    pub unverified_for_long: usize,
    /// Records with no `verified` date at all.
    pub never_verified: usize,
}

/// Counts records unverified for more than `stale_days`, and never verified.
#[must_use]
pub fn freshness(dir: &Directory, today: Date, stale_days: u32) -> Freshness {
    let mut f = Freshness {
        total: 0,
        unverified_for_long: 0,
        never_verified: 0,
    };
    for r in dir.records() {
        let Some(p) = dir.provenance_of(r) else {
            continue;
        };
        f.total += 1;
        if age_days(p.latest(), today) > i64::from(stale_days) {
            f.unverified_for_long += 1;
        }
        if p.verified.is_none() {
            f.never_verified += 1;
        }
    }
    f
}

/// Warnings for every record whose latest date (`verified`, else `retrieved`) is more
/// than `stale_days` before `today`, and for dates in the future.
#[must_use]
pub fn warnings(dir: &Directory, today: Date, stale_days: u32) -> Vec<Warning> {
    let mut out = Vec::new();
    for r in dir.records() {
        // Strategy points and endorsements share the program's provenance.
        if matches!(r, RecordRef::Strategy(_) | RecordRef::Endorsement(_)) {
            continue;
        }
        let Some(p) = dir.provenance_of(r) else {
            continue;
        };
        let latest = p.latest();
        let age = age_days(latest, today);
        let what = if p.verified.is_some() {
            "verified"
        } else {
            "retrieved"
        };
        if age > i64::from(stale_days) {
            out.push(Warning {
                path: path_of(r),
                message: format!(
                    "last {what} {latest}, {age} days ago (more than {stale_days}); confirm it with the provider and update \"verified\""
                ),
                record: Some(r),
            });
        } else if age < 0 {
            out.push(Warning {
                path: path_of(r),
                message: format!("{what} date {latest} is in the future; check the date"),
                record: Some(r),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::load;
    use jiff::civil::date;

    #[test]
    fn embedded_is_fresh_on_the_day_it_was_read_and_stale_a_year_and_a_day_later() {
        let dir = load::embedded().expect("embedded directory loads");
        // Its sources were read on 2026-11-27 and (round two) 2026-12-04.
        assert!(warnings(&dir, date(2026, 12, 4), 365).is_empty());
        assert!(warnings(&dir, date(2027, 11, 27), 365).is_empty());
        // A year and a day after the first reading, the records read then are stale
        // (the 911 record), and those read a week later are not yet.
        let stale = warnings(&dir, date(2027, 11, 28), 365);
        assert!(stale.iter().any(|w| w.path == "hotlines[2]"));
        assert!(!stale.iter().any(|w| w.path == "hotlines[0]"));
        let stale = warnings(&dir, date(2027, 12, 5), 365);
        assert!(stale.iter().any(|w| w.path == "hotlines[0]"));
    }

    #[test]
    fn future_dates_are_warned() {
        let dir = load::embedded().expect("embedded directory loads");
        let w = warnings(&dir, date(2026, 11, 1), 365);
        assert!(w.iter().all(|w| w.message.contains("future")));
        assert!(!w.is_empty());
    }
}
