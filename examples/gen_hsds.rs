//! Generates a large, entirely fictional Open Referral HSDS 3.0 tabular data package, to
//! measure `heatwatch import hsds` (docs/import.md, "Scale") and to test it.
//!
//! ```text
//! cargo run --release --example gen_hsds -- --services 10000 --seed 7 --out /tmp/hsds-10k
//! target/release/heatwatch import hsds /tmp/hsds-10k -o /tmp/out.json
//! ```
//!
//! Options:
//!
//! - `--services N`: how many services to generate (default 1000).
//! - `--seed S`: seed of the pseudo-random generator (default 1). The same arguments
//!   always give byte-identical files, on every platform.
//! - `--out DIR`: the folder to write (created if missing; its files of the same names
//!   are replaced).
//! - `--help`: print this usage.
//!
//! The package has `datapackage.json` (the HSDS template's descriptor, version 3.0.0)
//! and these tables, with HSDS 3.0 column names: organizations, services,
//! service_at_location, locations, addresses, phones, schedules, service_areas,
//! languages, cost_options, taxonomies, taxonomy_terms and attributes. About 95% of the
//! services are active; the others are inactive, defunct or temporarily closed, as real
//! exports have. About one service in 500 carries the taxonomy term "Human Trafficking
//! Hotline" and becomes a hotline.
//!
//! ALL DATA IS FICTIONAL. Names, organisations, towns and streets are made up from word
//! lists. Every phone number is (555) 555-01XX: the 555-0100..555-0199 range is reserved
//! for fiction by the North American Numbering Plan, and 555 is no area code in use, so
//! no generated number reaches a real person. Web and email addresses use only the
//! reserved `example.org` domain.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;
use jiff::civil::date;

const USAGE: &str = "\
gen_hsds: writes a fictional HSDS 3.0 tabular data package (datapackage.json and CSV
files) for measuring and testing `heatwatch import hsds`.

Usage: gen_hsds [--services N] [--seed S] --out DIR

  --services N   number of services to generate (default 1000)
  --seed S       seed for the generator; same arguments, same bytes (default 1)
  --out DIR      folder to write (created if missing)
  -h, --help     print this help

All data is fictional: phone numbers are (555) 555-0100..0199 and web and email
addresses use the reserved example.org domain.";

/// The day the generated records are dated from: `last_modified` and `assured_date` fall
/// in the 800 days before it.
const TODAY: Date = date(2026, 11, 27);

// ---------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Args {
    services: usize,
    seed: u64,
    out: PathBuf,
}

enum Parsed {
    Run(Args),
    Help,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut services = 1000;
    let mut seed = 1;
    let mut out = None;
    while let Some(arg) = it.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--services" | "-n" => {
                let v = value("--services")?;
                services = v
                    .parse()
                    .map_err(|_| format!("--services: \"{v}\" is not a whole number"))?;
            }
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: \"{v}\" is not a whole number"))?;
            }
            "--out" | "-o" => out = Some(PathBuf::from(value("--out")?)),
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    let out = out.ok_or_else(|| "--out DIR is required".to_owned())?;
    Ok(Parsed::Run(Args {
        services,
        seed,
        out,
    }))
}

// ---------------------------------------------------------------------------------------
// Pseudo-random numbers: SplitMix64, fully specified so output never depends on a crate
// version or the platform (as in examples/gen_directory.rs).
// ---------------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    const fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // `n` fits in u64 and the result is below `n`, so both casts are lossless.
        (self.next_u64() % n as u64) as usize
    }

    /// True with the given chance, in percent.
    fn percent(&mut self, p: u64) -> bool {
        self.next_u64() % 100 < p
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len()))
            .copied()
            .unwrap_or_default()
    }

    /// A UUID (version 4 layout) made from the generator, so ids look like HSDS 3.0's.
    fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            0x8000 | ((b >> 48) & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }
}

// ---------------------------------------------------------------------------------------
// Word lists: everything here is invented.
// ---------------------------------------------------------------------------------------

const PREFIXES: &[&str] = &[
    "Harbor",
    "Sunrise",
    "Bayview",
    "Redwood",
    "Oak Grove",
    "Lakeside",
    "Hillcrest",
    "Riverbend",
    "Mission",
    "Valley",
    "Pacific",
    "Sierra",
    "Cedar",
    "Willow",
    "Northgate",
    "Southside",
    "Westwind",
    "Evergreen",
    "Bridgeway",
    "Horizon",
    "Lighthouse",
    "Open Door",
    "Safe Harbor",
    "New Day",
    "Fairview",
    "Meadowbrook",
    "Coastal",
    "Summit",
    "Juniper",
    "Kestrel",
];

const FOCUS: &[&str] = &[
    "Family",
    "Youth",
    "Legal",
    "Housing",
    "Health",
    "Community",
    "Survivor",
    "Women's",
    "Workers'",
    "Immigrant",
    "Recovery",
    "Crisis",
    "Wellness",
    "Refugee",
    "Resource",
    "Outreach",
    "Advocacy",
    "Counseling",
];

const KINDS: &[&str] = &[
    "Center",
    "Services",
    "Clinic",
    "Shelter",
    "Network",
    "Program",
    "Project",
    "House",
    "Collective",
    "Drop-In",
    "Pantry",
    "Line",
];

const ORG_KINDS: &[&str] = &[
    "Community Alliance",
    "Family Foundation",
    "Health Partners",
    "Legal Collective",
    "Mutual Aid Society",
    "Services Cooperative",
    "Outreach Council",
    "Neighborhood Trust",
    "Care Coalition",
    "Aid Society",
];

/// Invented towns of an invented county.
const TOWNS: &[&str] = &[
    "Fernhollow",
    "Marrowby",
    "Quillfield",
    "Otterbrook",
    "Ashcombe Flats",
    "Lindenport",
    "Brambleton",
    "Copperwick",
    "Dunmore Bay",
    "Eskerville",
    "Glenhaven",
    "Hartsmere",
    "Ivywell",
    "Kettle Cove",
    "Larchmont Vale",
    "Millbrook Crossing",
    "Northhollow",
    "Pebble Ridge",
    "Rookfield",
    "Saltmarsh",
];

const STREETS: &[&str] = &[
    "Lantern",
    "Quillback",
    "Tansy",
    "Heron",
    "Foxglove",
    "Millrace",
    "Orchard",
    "Stonecrop",
    "Larkspur",
    "Tidewater",
    "Cobble",
    "Wren",
];

const STREET_KINDS: &[&str] = &["Street", "Avenue", "Way", "Road", "Lane", "Boulevard"];

const SERVICES: &[&str] = &[
    "counseling",
    "legal aid",
    "emergency shelter",
    "case management",
    "food assistance",
    "medical care",
    "immigration help",
    "job training",
    "interpretation",
    "mental health support",
    "transitional housing",
    "safety planning",
    "court accompaniment",
    "benefits enrollment",
    "English classes",
    "transportation vouchers",
    "clothing and hygiene supplies",
    "peer support groups",
    "child care referrals",
    "substance use treatment",
];

const AUDIENCES: &[&str] = &[
    "survivors of trafficking",
    "youth aged 12 to 24",
    "families",
    "adults",
    "immigrant workers",
    "women and children",
    "people leaving exploitative work",
    "LGBTQ+ youth",
    "farmworkers",
    "domestic workers",
    "seniors",
    "anyone in need",
];

const EXTRAS: &[&str] = &[
    "Services are free and confidential.",
    "Interpreters are available on request.",
    "Walk-ins are welcome during open hours.",
    "No identification is required.",
    "Referrals to partner agencies are available.",
    "Staff are trained in trauma-informed care.",
    "Call ahead to check availability.",
];

const ELIGIBILITY: &[&str] = &[
    "Residents of the county.",
    "Adults 18 and over.",
    "Young people aged 12 to 24.",
    "Survivors of trafficking or exploitation, whatever their immigration status.",
    "Families with children under 18.",
    "Low-income households.",
];

const APPLY: &[&str] = &[
    "Call to make an appointment.",
    "Walk in during open hours.",
    "Referral from a case manager or caseworker.",
    "Fill in the intake form on the website, or call.",
];

/// Languages with their ISO 639 codes.
const LANGUAGES: &[(&str, &str)] = &[
    ("Spanish", "es"),
    ("Vietnamese", "vi"),
    ("Chinese", "zh"),
    ("Tagalog", "tl"),
    ("Korean", "ko"),
    ("Punjabi", "pa"),
    ("Arabic", "ar"),
    ("Persian", "fa"),
    ("Russian", "ru"),
    ("Hindi", "hi"),
    ("Khmer", "km"),
    ("Amharic", "am"),
    ("Portuguese", "pt"),
];

/// Taxonomy terms: code and name. The last is the one that makes a hotline.
const TERMS: &[(&str, &str)] = &[
    ("GEN-100", "Emergency Shelter"),
    ("GEN-110", "Transitional Housing"),
    ("GEN-200", "Legal Aid"),
    ("GEN-210", "Immigration Legal Services"),
    ("GEN-300", "Food Pantry"),
    ("GEN-310", "Meals"),
    ("GEN-400", "Case Management"),
    ("GEN-410", "Counseling"),
    ("GEN-420", "Mental Health Services"),
    ("GEN-430", "Substance Use Treatment"),
    ("GEN-500", "Medical Care"),
    ("GEN-600", "Job Training"),
    ("GEN-610", "English Language Classes"),
    ("GEN-700", "Youth Services"),
    ("GEN-710", "Services for Survivors of Trafficking"),
    ("GEN-800", "Transportation Assistance"),
    ("GEN-900", "Human Trafficking Hotline"),
];

/// Index in [`TERMS`] of the hotline term.
const HOTLINE_TERM: usize = 16;

// ---------------------------------------------------------------------------------------
// CSV tables
// ---------------------------------------------------------------------------------------

/// One CSV file being built.
struct Csv {
    file: &'static str,
    resource: &'static str,
    text: String,
    rows: usize,
}

impl Csv {
    fn new(file: &'static str, resource: &'static str, header: &[&str]) -> Self {
        let mut csv = Self {
            file,
            resource,
            text: String::new(),
            rows: 0,
        };
        csv.row(header);
        csv.rows = 0;
        csv
    }

    /// Appends a row, quoting fields as RFC 4180 says (CRLF line ends, as the HSDS
    /// template's files have).
    fn row(&mut self, fields: &[&str]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            if f.contains([',', '"', '\n', '\r']) {
                self.text.push('"');
                self.text.push_str(&f.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(f);
            }
        }
        self.text.push_str("\r\n");
        self.rows += 1;
    }
}

/// A generated package, in memory.
pub struct Package {
    /// The CSV files: file name, descriptor resource name, contents, data rows.
    tables: Vec<Csv>,
    /// `datapackage.json`.
    descriptor: String,
    /// What was generated.
    pub summary: Summary,
}

/// Counts of what was generated, for tests and the message at the end.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Services written.
    pub services: usize,
    /// Of which active (the importer keeps exactly these).
    pub active: usize,
    /// Active services with the hotline term (each has a voice number: its own, its
    /// location's or its organisation's).
    pub hotlines: usize,
    /// Organisations.
    pub organizations: usize,
    /// Locations.
    pub locations: usize,
    /// Phones.
    pub phones: usize,
    /// An active service that is no hotline, whose name no other service's name contains,
    /// with its first phone line's number as `heatwatch search` prints it.
    pub sample: Option<(String, String)>,
}

/// What one organisation is.
struct Org {
    id: String,
    name: String,
    town: &'static str,
    /// A location the organisation's services may share.
    location: Option<String>,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A name not used before: `base`, else `base (town)`, else `base (town) 2`, 3 ...
fn unique(used: &mut HashMap<String, usize>, base: String, town: &str) -> String {
    if !used.contains_key(&base) {
        used.insert(base.clone(), 1);
        return base;
    }
    let with_town = format!("{base} ({town})");
    let n = used.entry(with_town.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        with_town
    } else {
        format!("{with_town} {n}")
    }
}

/// A fictional number, (555) 555-01XX, in one of several styles seen in real data; and
/// how search prints it (with the extension).
fn number(rng: &mut Rng) -> String {
    let xx = rng.below(100);
    match rng.below(10) {
        0..=4 => format!("(555) 555-01{xx:02}"),
        5..=7 => format!("555-555-01{xx:02}"),
        8 => format!("555.555.01{xx:02}"),
        _ => format!("+1 555 555 01{xx:02}"),
    }
}

fn days_before(rng: &mut Rng, max: usize) -> Date {
    let days = i64::try_from(rng.below(max)).unwrap_or(0);
    TODAY
        .checked_sub(jiff::Span::new().days(days))
        .unwrap_or(TODAY)
}

/// Schedules: rows of (freq, byday, opens, closes, description).
type ScheduleRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

fn schedule_rows(rng: &mut Rng) -> Vec<ScheduleRow> {
    const WEEKDAYS: &str = "MO,TU,WE,TH,FR";
    match rng.below(20) {
        0..=7 => vec![("WEEKLY", WEEKDAYS, "09:00", "17:00", "")],
        8..=9 => vec![("WEEKLY", WEEKDAYS, "08:30", "16:30", "")],
        10..=11 => vec![
            ("WEEKLY", WEEKDAYS, "09:00", "17:00", ""),
            ("WEEKLY", "SA", "10:00", "14:00", ""),
        ],
        12 => vec![
            ("WEEKLY", "MO,TU,WE,TH", "09:00", "12:00", ""),
            ("WEEKLY", "MO,TU,WE,TH", "13:00", "17:00", ""),
        ],
        13 => vec![("WEEKLY", "TU,TH", "13:00", "19:00", "")],
        14..=15 => vec![(
            "WEEKLY",
            "MO,TU,WE,TH,FR,SA,SU",
            "00:00",
            "23:59",
            "Open around the clock.",
        )],
        16 => vec![("WEEKLY", WEEKDAYS, "18:00", "08:00", "Overnight drop-in.")],
        17 => vec![(
            "",
            "",
            "",
            "",
            "By appointment; call to arrange a time that suits you.",
        )],
        _ => Vec::new(),
    }
}

/// Generates a package of `n` services from `seed`.
#[allow(clippy::too_many_lines)]
#[must_use]
pub fn generate(n: usize, seed: u64) -> Package {
    let mut rng = Rng(seed);
    let mut summary = Summary {
        services: n,
        ..Summary::default()
    };

    let mut organizations = Csv::new(
        "organizations.csv",
        "organization",
        &[
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "year_incorporated",
        ],
    );
    let mut services = Csv::new(
        "services.csv",
        "service",
        &[
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "last_modified",
        ],
    );
    let mut sal = Csv::new(
        "service_at_location.csv",
        "service_at_location",
        &["id", "service_id", "location_id", "description"],
    );
    let mut locations = Csv::new(
        "locations.csv",
        "location",
        &[
            "id",
            "location_type",
            "organization_id",
            "name",
            "description",
            "transportation",
        ],
    );
    let mut addresses = Csv::new(
        "addresses.csv",
        "address",
        &[
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    );
    let mut phones = Csv::new(
        "phones.csv",
        "phone",
        &[
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ],
    );
    let mut schedules = Csv::new(
        "schedules.csv",
        "schedule",
        &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "freq",
            "interval",
            "byday",
            "opens_at",
            "closes_at",
            "description",
            "notes",
        ],
    );
    let mut areas = Csv::new(
        "service_areas.csv",
        "service_area",
        &["id", "service_id", "name", "description"],
    );
    let mut languages = Csv::new(
        "languages.csv",
        "language",
        &[
            "id",
            "service_id",
            "location_id",
            "phone_id",
            "name",
            "code",
        ],
    );
    let mut costs = Csv::new(
        "cost_options.csv",
        "cost_option",
        &["id", "service_id", "option", "currency", "amount"],
    );
    let mut taxonomies = Csv::new(
        "taxonomies.csv",
        "taxonomy",
        &["id", "name", "description", "version"],
    );
    let mut terms = Csv::new(
        "taxonomy_terms.csv",
        "taxonomy_term",
        &["id", "code", "name", "description", "taxonomy_id"],
    );
    let mut attributes = Csv::new(
        "attributes.csv",
        "attribute",
        &[
            "id",
            "link_id",
            "taxonomy_term_id",
            "link_type",
            "link_entity",
            "value",
        ],
    );

    let taxonomy_id = rng.uuid();
    taxonomies.row(&[
        &taxonomy_id,
        "Generated Service Taxonomy",
        "A fictional taxonomy for test data.",
        "1.0",
    ]);
    let term_ids: Vec<String> = TERMS
        .iter()
        .map(|(code, name)| {
            let id = rng.uuid();
            terms.row(&[&id, code, name, "", &taxonomy_id]);
            id
        })
        .collect();

    let mut used_names: HashMap<String, usize> = HashMap::new();
    let mut used_orgs: HashMap<String, usize> = HashMap::new();
    let mut org: Option<Org> = None;
    let mut left_in_org = 0;
    // Every name, to choose the sample: one no other name contains.
    let mut samples: Vec<(String, String)> = Vec::new();
    let mut all_names: Vec<String> = Vec::with_capacity(n);

    for _ in 0..n {
        // A new organisation every 1 to 7 services.
        let current = match org.take() {
            Some(o) if left_in_org > 0 => o,
            _ => {
                left_in_org = 1 + rng.below(7);
                let town = rng.pick(TOWNS);
                let base = format!("{} {}", rng.pick(PREFIXES), rng.pick(ORG_KINDS));
                let name = unique(&mut used_orgs, base, town);
                let id = rng.uuid();
                let website = format!("https://{}.example.org", slug(&name));
                let email = format!("info@{}.example.org", slug(&name));
                let year = (1960 + rng.below(64)).to_string();
                let description = format!(
                    "{name} is a fictional nonprofit serving {} and nearby towns.",
                    town
                );
                organizations.row(&[
                    &id,
                    &name,
                    "",
                    &description,
                    if rng.percent(70) { &email } else { "" },
                    if rng.percent(80) { &website } else { "" },
                    &year,
                ]);
                summary.organizations += 1;
                // Organisation-wide number, used by services without their own.
                let pid = rng.uuid();
                phones.row(&[
                    &pid,
                    "",
                    "",
                    &id,
                    "",
                    &number(&mut rng),
                    "",
                    "voice",
                    "Main office",
                ]);
                summary.phones += 1;
                Org {
                    id,
                    name,
                    town,
                    location: None,
                }
            }
        };
        left_in_org -= 1;
        let mut current = current;

        let sid = rng.uuid();
        let town = if rng.percent(80) {
            current.town
        } else {
            rng.pick(TOWNS)
        };
        let base = format!(
            "{} {} {}",
            rng.pick(PREFIXES),
            rng.pick(FOCUS),
            rng.pick(KINDS)
        );
        let hotline = rng.below(500) == 0;
        let base = if hotline {
            format!("{} Trafficking Help Line", rng.pick(PREFIXES))
        } else {
            base
        };
        let name = unique(&mut used_names, base, town);
        let status = match rng.below(100) {
            0..=1 => "inactive",
            2 => "defunct",
            3..=4 => "temporarily closed",
            _ => "active",
        };
        let active = status == "active";
        if active {
            summary.active += 1;
        }
        let s1 = rng.pick(SERVICES);
        let s2 = rng.pick(SERVICES);
        let aud = rng.pick(AUDIENCES);
        let mut description = match rng.below(3) {
            0 => format!("Offers {s1} and {s2} for {aud}."),
            1 => format!("Provides {s1} for {aud} in {town} and nearby communities."),
            _ => format!("Staff help {aud} with {s1}, {s2} and referrals."),
        };
        for _ in 0..rng.below(3) {
            description.push(' ');
            description.push_str(rng.pick(EXTRAS));
        }
        if hotline {
            description = "A fictional confidential help line for people affected by trafficking; calls are answered by trained advocates.".to_owned();
        }
        let url = format!("https://{}.example.org/", slug(&name));
        let email = format!("intake@{}.example.org", slug(&name));
        let alternate = if rng.percent(15) {
            format!("{} {}", current.town, rng.pick(KINDS))
        } else {
            String::new()
        };
        let (min_age, max_age) = match rng.below(10) {
            0 => ("12", "24"),
            1 => ("18", ""),
            2 => ("", "17"),
            _ => ("", ""),
        };
        let assured = if rng.percent(60) {
            days_before(&mut rng, 800).to_string()
        } else {
            String::new()
        };
        let modified = format!(
            "{}T{:02}:{:02}:00Z",
            days_before(&mut rng, 800),
            8 + rng.below(10),
            rng.below(60)
        );
        let fees = match rng.below(4) {
            0 => "Free.",
            1 => "Sliding scale; nobody is turned away for lack of money.",
            _ => "",
        };
        services.row(&[
            &sid,
            &current.id,
            "",
            &name,
            &alternate,
            &description,
            if rng.percent(60) { &url } else { "" },
            if rng.percent(40) { &email } else { "" },
            status,
            if rng.percent(20) {
                "Interpreters by phone for most languages."
            } else {
                ""
            },
            if rng.percent(40) { rng.pick(APPLY) } else { "" },
            fees,
            if rng.percent(40) {
                rng.pick(ELIGIBILITY)
            } else {
                ""
            },
            min_age,
            max_age,
            &assured,
            if assured.is_empty() {
                ""
            } else {
                "data@example.org"
            },
            &modified,
        ]);
        all_names.push(name.clone());

        // Where: a location of its own, or one the organisation's services share.
        let (lid, new_location) = match (&current.location, rng.percent(40)) {
            (Some(l), true) => (l.clone(), false),
            _ => (rng.uuid(), true),
        };
        if new_location {
            let loc_name = format!("{} {} Site", current.name, town);
            let transport = if rng.percent(30) {
                format!("Bus {} stops at the corner.", 1 + rng.below(60))
            } else {
                String::new()
            };
            locations.row(&[&lid, "physical", &current.id, &loc_name, "", &transport]);
            summary.locations += 1;
            let street = format!(
                "{} {} {}",
                1 + rng.below(9000),
                rng.pick(STREETS),
                rng.pick(STREET_KINDS)
            );
            let suite = if rng.percent(25) {
                format!("Suite {}", 100 + rng.below(400))
            } else {
                String::new()
            };
            let postal = format!("000{:02}", rng.below(100));
            addresses.row(&[
                &rng.uuid(),
                &lid,
                "",
                &street,
                &suite,
                town,
                "Generated County",
                "CA",
                &postal,
                "US",
                "physical",
            ]);
            if rng.percent(10) {
                addresses.row(&[
                    &rng.uuid(),
                    &lid,
                    "Intake",
                    &format!("PO Box {}", 100 + rng.below(9000)),
                    "",
                    town,
                    "Generated County",
                    "CA",
                    &postal,
                    "US",
                    "postal",
                ]);
            }
            current.location = Some(lid.clone());
        }
        let sal_id = rng.uuid();
        sal.row(&[&sal_id, &sid, &lid, ""]);

        // Phones: mostly the service's own voice line; some only at the location; a
        // few none (then the organisation's number is used).
        let mut first_number: Option<String> = None;
        let voice = match rng.below(10) {
            0..=6 => Some((sid.as_str(), "")),
            7..=8 => Some(("", lid.as_str())),
            _ => None,
        };
        if let Some((on_service, on_location)) = voice {
            let pid = rng.uuid();
            let num = number(&mut rng);
            let ext = if rng.percent(10) {
                (10 + rng.below(300)).to_string()
            } else {
                String::new()
            };
            let label = if rng.percent(30) {
                rng.pick(&["Intake", "Front desk", "After hours", "Youth line"])
            } else {
                ""
            };
            phones.row(&[
                &pid,
                on_location,
                on_service,
                "",
                "",
                &num,
                &ext,
                "voice",
                label,
            ]);
            summary.phones += 1;
            if rng.percent(10) {
                let (lang, code) = LANGUAGES
                    .get(rng.below(LANGUAGES.len()))
                    .copied()
                    .unwrap_or(("Spanish", "es"));
                languages.row(&[&rng.uuid(), "", "", &pid, lang, code]);
            }
            // Search prints the record's first line: this one only when it is the
            // service's own (lines at the location come after the service's text lines).
            first_number = (!on_service.is_empty()).then_some(if ext.is_empty() {
                num
            } else {
                format!("{num} ext. {ext}")
            });
        }
        for (kind, chance, label) in [
            ("text", 15, "Text"),
            ("textphone", 8, "TTY"),
            ("fax", 15, "Fax"),
        ] {
            if rng.percent(chance) {
                phones.row(&[
                    &rng.uuid(),
                    "",
                    &sid,
                    "",
                    "",
                    &number(&mut rng),
                    "",
                    kind,
                    label,
                ]);
                summary.phones += 1;
            }
        }

        // Hours: mostly the service's, some at the location.
        let at_location = rng.percent(10);
        for (freq, byday, opens, closes, desc) in schedule_rows(&mut rng) {
            let (on_service, on_location) = if at_location {
                ("", lid.as_str())
            } else {
                (sid.as_str(), "")
            };
            schedules.row(&[
                &rng.uuid(),
                on_service,
                on_location,
                "",
                freq,
                if freq.is_empty() { "" } else { "1" },
                byday,
                opens,
                closes,
                desc,
                "",
            ]);
        }

        if rng.percent(60) {
            areas.row(&[&rng.uuid(), &sid, town, ""]);
            if rng.percent(20) {
                areas.row(&[&rng.uuid(), &sid, "Generated County", ""]);
            }
        }
        if rng.percent(50) {
            languages.row(&[&rng.uuid(), &sid, "", "", "English", "en"]);
            for _ in 0..rng.below(3) {
                let (lang, code) = LANGUAGES
                    .get(rng.below(LANGUAGES.len()))
                    .copied()
                    .unwrap_or(("Spanish", "es"));
                languages.row(&[&rng.uuid(), &sid, "", "", lang, code]);
            }
        }
        if rng.percent(10) {
            costs.row(&[
                &rng.uuid(),
                &sid,
                "Per session",
                "USD",
                &(5 * (1 + rng.below(10))).to_string(),
            ]);
        }
        let mut linked: Vec<usize> = Vec::new();
        if hotline {
            linked.push(HOTLINE_TERM);
        }
        for _ in 0..1 + rng.below(3) {
            let t = rng.below(HOTLINE_TERM);
            if !linked.contains(&t) {
                linked.push(t);
            }
        }
        for t in linked {
            if let Some(term) = term_ids.get(t) {
                attributes.row(&[&rng.uuid(), &sid, term, "service", "service", ""]);
            }
        }

        // Every organisation has a voice number, so every active hotline has one.
        if hotline && active {
            summary.hotlines += 1;
        }
        if active
            && !hotline
            && let Some(num) = first_number
        {
            samples.push((name, num));
        }
        org = Some(current);
    }

    // The sample: a service whose name is in no other name, so a search for it finds it
    // first.
    summary.sample = samples.into_iter().find(|(name, _)| {
        all_names
            .iter()
            .filter(|other| other.contains(name.as_str()))
            .count()
            == 1
    });

    let tables = vec![
        organizations,
        services,
        sal,
        locations,
        addresses,
        phones,
        schedules,
        areas,
        languages,
        costs,
        taxonomies,
        terms,
        attributes,
    ];
    let resources: Vec<serde_json::Value> = tables
        .iter()
        .map(|t| {
            serde_json::json!({
                "name": t.resource,
                "path": t.file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
            })
        })
        .collect();
    let descriptor = serde_json::json!({
        "name": "human_services_data",
        "title": "Generated HSDS package (fictional test data)",
        "description": format!(
            "{n} fictional services generated by heatwatch's examples/gen_hsds.rs with seed {seed}; phone numbers are (555) 555-01XX, reserved for fiction. Not a directory of real services."
        ),
        "version": "3.0.0",
        "profile": "tabular-data-package",
        "license": { "name": "CC0-1.0", "title": "Public domain (generated test data)" },
        "resources": resources,
    });
    let mut descriptor = serde_json::to_string_pretty(&descriptor).unwrap_or_default();
    descriptor.push('\n');
    Package {
        tables,
        descriptor,
        summary,
    }
}

impl Package {
    /// Writes the package into `dir` (created if missing).
    ///
    /// # Errors
    /// When the folder or a file cannot be written.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("datapackage.json"), &self.descriptor)?;
        for t in &self.tables {
            std::fs::write(dir.join(t.file), &t.text)?;
        }
        Ok(())
    }

    /// One line per table: file name, rows, bytes.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let mut total = self.descriptor.len();
        for t in &self.tables {
            total += t.text.len();
            let _ = writeln!(
                out,
                "  {:<24} {:>8} rows {:>12} bytes",
                t.file,
                t.rows,
                t.text.len()
            );
        }
        let _ = write!(out, "  total {total} bytes");
        out
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("gen_hsds: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let package = generate(args.services, args.seed);
    if let Err(e) = package.write(&args.out) {
        eprintln!("gen_hsds: cannot write {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    let s = &package.summary;
    eprintln!(
        "gen_hsds: wrote {} — {} services ({} active, {} hotlines), {} organizations, {} locations, {} phones; seed {}",
        args.out.display(),
        s.services,
        s.active,
        s.hotlines,
        s.organizations,
        s.locations,
        s.phones,
        args.seed
    );
    eprintln!("{}", package.describe());
    if let Some((name, number)) = &s.sample {
        eprintln!("gen_hsds: sample service: \"{name}\" — {number}");
    }
    ExitCode::SUCCESS
}
