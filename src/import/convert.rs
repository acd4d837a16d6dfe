//! From HSDS services (as [`super::model`] holds them) to a heatwatch directory file.
//!
//! The rules: nothing is made up. A value heatwatch has a field for goes there when the
//! loader will accept it; anything else the source says is kept in the record's
//! description, as written, and counted in the report. Numbers stay as the source writes
//! them; a dialable form is left to the loader, which derives one only where the digits
//! leave no doubt.

mod phones;
mod service;
mod tidy;

use phones::*;
use service::*;
pub use tidy::tidy;
use tidy::*;

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use super::ImportError;
use super::model::{Address, AddressKind, Phone, Service};
use super::report::Report;
use super::schedule::{self, Hours, WeekdayOne};
use super::taxonomy::TaxonomyMap;
use crate::directory::DEFAULT_MAX_BYTES;
use crate::directory::phone;
use crate::directory::raw::{
    PhoneKind, RawFile, RawHotline, RawMeta, RawPhone, RawSchedule, RawService, RawSource,
    SCHEMA_VERSION,
};
use crate::directory::sanitize::{clean, escape, is_forbidden};

/// How to convert.
#[derive(Debug, Clone)]
pub struct Options {
    /// ISO 3166 country code for dialable numbers.
    pub country: String,
    /// The region's emergency number.
    pub emergency_number: String,
    /// Leave out addresses and everything else that tells where a service is.
    pub hide_addresses: bool,
    /// Keep services that are not active, marked as such.
    pub include_inactive: bool,
    /// What weekday 1 is in 1.1 schedules.
    pub weekday_one: Option<WeekdayOne>,
    /// Which terms make hotlines, and extra tags.
    pub map: TaxonomyMap,
    /// Today: the `retrieved` date.
    pub today: Date,
    /// Name of the directory.
    pub name: Option<String>,
    /// Region of the directory.
    pub region: Option<String>,
}

/// What the input was.
#[derive(Debug, Clone, Default)]
pub struct InputInfo {
    /// The file or folder name.
    pub label: String,
    /// Its format, in words.
    pub format: String,
    /// A title the input gives itself.
    pub title: Option<String>,
    /// Its licence, as the input states it.
    pub license: Option<String>,
}

/// The most phone numbers one service may bring (its own, its locations' and their
/// service-at-locations'). Real services list a handful; a package that copies every
/// location phone to every service at that location multiplies services by phones
/// (2,000 × 2,000 made a 340 MB file and took 1.4 GB), and is refused at its first
/// such service instead.
pub const MAX_PHONES_PER_SERVICE: usize = 200;

/// The most phone numbers the whole import may bring: ten for each of 100,000 services.
pub const MAX_PHONES: usize = 1_000_000;

/// Counts the bytes written to it, keeping none: the size of a record's JSON without
/// holding it.
struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len() as u64);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The size of `value` as compact JSON: less than it takes in the written (indented) file.
fn json_size(value: &impl serde::Serialize) -> u64 {
    let mut c = Counter(0);
    let _ = serde_json::to_writer(&mut c, value);
    c.0
}

/// Converts services into a directory file, counting what happens in `report`.
///
/// # Errors
/// When the result would be larger than heatwatch reads ([`DEFAULT_MAX_BYTES`]), or a
/// service or the whole input brings more phone numbers than [`MAX_PHONES_PER_SERVICE`]
/// or [`MAX_PHONES`]: the import stops there, before it has built the rest.
pub fn convert(
    services: impl IntoIterator<Item = Service>,
    input: &InputInfo,
    opts: &Options,
    report: &mut Report,
) -> Result<RawFile, ImportError> {
    let today = opts.today.to_string();
    let source_id = source_id(&input.label);
    let mut ids: HashSet<String> = HashSet::new();
    let mut hotlines = Vec::new();
    let mut out_services = Vec::new();
    // The zone each structured schedule states (by record id).
    let mut zones: HashMap<String, Option<i32>> = HashMap::new();
    // What the records written so far take as compact JSON, and their phones.
    let mut size: u64 = 0;
    let mut phones: usize = 0;
    // One service at a time: each is dropped once converted.
    for s in services {
        report.read += 1;
        let brought = if s.phones.is_empty() {
            s.organization_phones.len()
        } else {
            s.phones.len()
        };
        if brought > MAX_PHONES_PER_SERVICE {
            return Err(ImportError::file(
                &input.label,
                format!(
                    "{} (id \"{}\") has {brought} phone numbers, more than the {MAX_PHONES_PER_SERVICE} one service may have; the package probably gives every phone of a location to every service there. Nothing was written. Give those phones a service_id or service_at_location_id, or import the package in parts",
                    escape(&s.at),
                    escape(s.id.as_deref().unwrap_or_default()),
                ),
            ));
        }
        phones = phones.saturating_add(brought);
        if phones > MAX_PHONES {
            return Err(ImportError::file(
                &input.label,
                format!(
                    "the services read so far ({}) bring more than {MAX_PHONES} phone numbers, more than heatwatch imports at once; nothing was written. Import the package in parts",
                    report.read
                ),
            ));
        }
        match service(&s, opts, &source_id, &today, &mut ids, &mut zones, report) {
            Converted::Skipped => {}
            Converted::Service(r) => {
                size = size.saturating_add(json_size(&r));
                out_services.push(*r);
            }
            Converted::Hotline(h) => {
                size = size.saturating_add(json_size(&h));
                hotlines.push(*h);
            }
        }
        if size > DEFAULT_MAX_BYTES {
            return Err(ImportError::file(
                &input.label,
                format!(
                    "the first {} services already make more than {DEFAULT_MAX_BYTES} bytes of directory, the most heatwatch reads, so `heatwatch check` and the app would refuse the file; nothing was written. Import the package in parts",
                    report.read
                ),
            ));
        }
    }
    report.services = out_services.len();
    report.hotlines = hotlines.len();
    let time_zone = settle_time_zone(&zones, &mut hotlines, &mut out_services, report);

    let mut note = format!(
        "Open Referral HSDS data ({}), converted by `heatwatch import hsds` on {today}. Records are as the source gave them; the import checked none of them with the providers.",
        input.format
    );
    if opts.hide_addresses {
        note.push_str(" Addresses and locations were left out (--hide-addresses).");
    }
    if let Some(l) = &input.license {
        note.push_str(&format!(" Licence stated by the source: {l}."));
    }
    let title = match &input.title {
        Some(t) => format!("{t} ({})", input.label),
        None => input.label.clone(),
    };
    Ok(RawFile {
        schema_version: SCHEMA_VERSION,
        directory: RawMeta {
            id: format!("import-{}", slug(&input.label)),
            name: opts
                .name
                .clone()
                .unwrap_or_else(|| format!("Directory imported from {}", input.label))
                .into(),
            organization: "Not stated by the source".into(),
            region: opts
                .region
                .clone()
                .unwrap_or_else(|| "Not stated by the source".to_owned())
                .into(),
            country: Some(opts.country.clone()),
            time_zone,
            emergency_number: opts.emergency_number.clone(),
            safety_line: Some(
                format!("If this is an emergency, call {}.", opts.emergency_number).into(),
            ),
            need_help: None,
            translations: Vec::new(),
            retrieved: today.clone(),
            sources: vec![RawSource {
                id: source_id,
                title: title.into(),
                publisher: None,
                url: None,
                file: Some(input.label.clone()),
                note: Some(note.into()),
                page_date: None,
                quotes: Vec::new(),
                retrieved: today,
            }],
        },
        hotlines,
        program: None,
        facts: Vec::new(),
        roles: Vec::new(),
        events: None,
        services: out_services,
    })
}

/// The directory's `time_zone`: the zone every structured schedule states, when they all
/// state the same one. Otherwise there is none, and a schedule that states a zone is
/// left out (its times are in a zone the file cannot say); schedules that state none
/// stay, in local time, for "open now" once someone adds the `time_zone` they know.
fn settle_time_zone(
    zones: &HashMap<String, Option<i32>>,
    hotlines: &mut [RawHotline],
    services: &mut [RawService],
    report: &mut Report,
) -> Option<String> {
    let mut stated: Vec<Option<i32>> = zones.values().copied().collect();
    stated.sort_unstable();
    stated.dedup();
    let common = match stated.as_slice() {
        [Some(offset)] => Some(*offset),
        _ => None,
    };
    let keep = |id: &str| zones.get(id).is_some_and(|z| z.is_none() || *z == common);
    for h in hotlines.iter_mut() {
        if h.schedule.is_some() && !keep(&h.id) {
            h.schedule = None;
            report.schedules_in_other_zones += 1;
        }
    }
    for s in services.iter_mut() {
        if s.schedule.is_some() && !keep(&s.id) {
            s.schedule = None;
            report.schedules_in_other_zones += 1;
        }
    }
    report.schedules = hotlines.iter().filter(|h| h.schedule.is_some()).count()
        + services.iter().filter(|s| s.schedule.is_some()).count();
    let time_zone = common.map(schedule::offset_time_zone);
    report.time_zone.clone_from(&time_zone);
    time_zone
}

enum Converted {
    Skipped,
    Service(Box<RawService>),
    Hotline(Box<RawHotline>),
}

/// A phone ready for the directory, or kept as text.
enum Line {
    Dial {
        number: String,
        extension: Option<String>,
        kind: PhoneKind,
        label: Option<String>,
    },
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped() {
        assert_eq!(
            tidy("Includes: <ul>\n  <li>Care</li>\n  <li>Cleaning</li>\n</ul>"),
            "Includes: • Care • Cleaning"
        );
        assert_eq!(
            tidy("Ages <18 &amp; over 60 &#8212; free"),
            "Ages <18 & over 60 — free"
        );
        assert_eq!(tidy("a <b>bold</b> move"), "a bold move");
        assert_eq!(
            tidy("ask for <Maria> at the desk"),
            "ask for <Maria> at the desk"
        );
        assert_eq!(
            tidy("line<br/>break <!-- note --> <p class=\"x\">para</p>"),
            "line break para"
        );
        assert_eq!(tidy("under <5 or over >60"), "under <5 or over >60");
    }

    #[test]
    fn quotes_and_extensions() {
        assert_eq!(unwrap_quotes("\"+44 1234 234567\""), "+44 1234 234567");
        assert_eq!(unwrap_quotes("'\"911\"'"), "911");
        assert_eq!(unwrap_quotes("\""), "\"");
        assert_eq!(
            split_extension("(510) 555-0100 x12"),
            Some(("(510) 555-0100".into(), "x12".into()))
        );
        assert_eq!(
            split_extension("510-555-0100, ext. 4"),
            Some(("510-555-0100".into(), "ext. 4".into()))
        );
        assert_eq!(split_extension("call 555 x"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            date("2023-03-15T10:30:45.123Z").as_deref(),
            Some("2023-03-15")
        );
        assert_eq!(date("2005-01-01").as_deref(), Some("2005-01-01"));
        assert_eq!(date("2005-02-30"), None);
        assert_eq!(date("15/03/2023"), None);
        assert_eq!(date("2005-01-01x"), None);
    }

    #[test]
    fn parts_read_as_sentences() {
        let mut d = Parts::default();
        d.push(None, "Counselling");
        d.push(Some("Fees"), "None.");
        d.push(Some("Ages"), "12 and over");
        assert_eq!(d.text(), "Counselling. Fees: None. Ages: 12 and over");
    }
}
