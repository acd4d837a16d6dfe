//! Generates large, valid, entirely fictional heatwatch directory files for search
//! benchmarks and load tests.
//!
//! ```text
//! cargo run --release --example gen_directory -- --entries 100000 --seed 7 > big.json
//! cargo run --release --example gen_directory -- --entries 1000 --seed 7 -o small.json --check
//! ```
//!
//! Options:
//!
//! - `--entries N`: how many local services to generate (default 1000).
//! - `--seed S`: seed of the pseudo-random generator (default 1). The same arguments
//!   always give byte-identical output, on every platform.
//! - `-o FILE`, `--output FILE`: write to FILE instead of standard output.
//! - `--pretty`: indent the JSON (larger; default is compact).
//! - `--with-embedded`: the embedded HEAT Watch directory (with its Spanish translation)
//!   followed by the N generated services: the shape of a county that layers its local
//!   services onto the HEAT Watch data in one file.
//! - `--check`: after writing, load the produced bytes with
//!   `heatwatch::directory::load::from_bytes` and print record counts to standard error;
//!   exit 1 if the directory does not load.
//! - `--help`: print this usage.
//!
//! ALL DATA IS FICTIONAL. Service names, organisations, descriptions and hotlines are made
//! up from word lists; the only real names are California cities, used as service areas.
//! Every phone number is in the 555-0100..555-0199 range, which the North American
//! Numbering Plan reserves for fictional use, so no generated number reaches a real
//! person. Web addresses use only the reserved `example.org` domain, and no email
//! addresses or street addresses are generated. Never ship a generated file as a
//! directory: the directory header says "Generated County (test data)".

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use heatwatch::directory::load;
use heatwatch::directory::raw::{
    PhoneKind, RawActionItem, RawFact, RawFile, RawHotline, RawMeta, RawPhone, RawRole, RawService,
    RawSource, SCHEMA_VERSION, Text,
};

/// The one date used for `retrieved` everywhere.
const RETRIEVED: &str = "2026-11-27";
/// The id of the single source every record names.
const SOURCE_ID: &str = "generated";

const USAGE: &str = "\
gen_directory: writes a large, valid, fictional heatwatch directory file (JSON).

Usage: gen_directory [--entries N] [--seed S] [-o FILE] [--pretty] [--check]

  --entries N        number of services to generate (default 1000)
  --seed S           seed for the generator; same arguments, same bytes (default 1)
  -o, --output FILE  write to FILE instead of standard output
  --pretty           indent the JSON
  --with-embedded    the embedded directory (with its translation) plus the services
  --check            load the result with heatwatch and print counts to stderr;
                     exit 1 if it does not load
  -h, --help         print this help

All data is fictional: phone numbers are in the reserved 555-0100..555-0199 range and
web addresses use the reserved example.org domain.";

// ---------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------

#[derive(Debug)]
struct Args {
    entries: usize,
    seed: u64,
    output: Option<PathBuf>,
    pretty: bool,
    check: bool,
    with_embedded: bool,
}

enum Parsed {
    Run(Args),
    Help,
}

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut args = Args {
        entries: 1000,
        seed: 1,
        output: None,
        pretty: false,
        check: false,
        with_embedded: false,
    };
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
            "--entries" | "-n" => {
                let v = value("--entries")?;
                args.entries = v
                    .parse()
                    .map_err(|_| format!("--entries: \"{v}\" is not a whole number"))?;
            }
            "--seed" => {
                let v = value("--seed")?;
                args.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: \"{v}\" is not a whole number"))?;
            }
            "-o" | "--output" => args.output = Some(PathBuf::from(value("--output")?)),
            "--pretty" => args.pretty = true,
            "--check" => args.check = true,
            "--with-embedded" => args.with_embedded = true,
            other => return Err(format!("unknown argument \"{other}\"")),
        }
    }
    Ok(Parsed::Run(args))
}

// ---------------------------------------------------------------------------------------
// Pseudo-random numbers: SplitMix64, fully specified so output never depends on a crate
// version or the platform.
// ---------------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    const fn new(seed: u64) -> Self {
        Self(seed)
    }

    const fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0). The modulo bias is negligible for the small
    /// `n` used here.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // `n` fits in u64 and the result is below `n`, so both casts are lossless.
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
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

    fn pick_pair<'a>(&mut self, list: &[(&'a str, &'a str)]) -> (&'a str, &'a str) {
        list.get(self.below(list.len()))
            .copied()
            .unwrap_or_default()
    }

    /// `k` distinct items of `list` (fewer if the list is shorter), in pick order.
    fn pick_distinct<'a>(&mut self, list: &[&'a str], k: usize) -> Vec<&'a str> {
        let k = k.min(list.len());
        let mut out: Vec<&'a str> = Vec::with_capacity(k);
        while out.len() < k {
            let s = self.pick(list);
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// Word lists. Everything here is invented, except the California city names.
// ---------------------------------------------------------------------------------------

const NAME_PREFIXES: &[&str] = &[
    "Eastbay",
    "Harbor",
    "Sunrise",
    "Bayview",
    "Golden Gate",
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
];

const NAME_FOCUS: &[&str] = &[
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

const NAME_KINDS: &[&str] = &[
    "Center",
    "Services",
    "Clinic",
    "Shelter",
    "Hotline",
    "Network",
    "Program",
    "Project",
    "Alliance",
    "House",
    "Collective",
    "Drop-In",
];

/// Names with non-ASCII letters, for about 5% of services: accent folding must find
/// "Ninos" in "Niños".
const ACCENTED_NAMES: &[&str] = &[
    "Centro de Niños",
    "Café Comunitario",
    "Área de Salud",
    "Casa de la Señora",
    "Programa Mañana",
    "Clínica Familiar",
    "Atención Juvenil",
    "Red de Protección",
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
    "Fictional Nonprofit",
];

const SERVICES: &[&str] = &[
    "counselling",
    "legal aid",
    "emergency shelter",
    "case management",
    "food assistance",
    "medical care",
    "immigration help",
    "job training",
    "translation",
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

const SENTENCE_EXTRAS: &[&str] = &[
    "Services are free and confidential.",
    "Interpreters are available on request.",
    "Walk-ins are welcome during open hours.",
    "No identification is required.",
    "Referrals to partner agencies are available.",
    "Staff are trained in trauma-informed care.",
    "Call ahead to check availability.",
];

const ACCENTED_SENTENCES: &[&str] = &[
    "Atención en español para niños y familias.",
    "Hosts a weekly Café de Señoras support group.",
    "Serves the whole Área metropolitana.",
    "Programa para niños y jóvenes.",
];

/// Real California cities (as service areas only) with an area code that serves them.
const CITIES: &[(&str, &str)] = &[
    ("Oakland", "510"),
    ("Berkeley", "510"),
    ("Fremont", "510"),
    ("Hayward", "510"),
    ("San Leandro", "510"),
    ("Alameda", "510"),
    ("Union City", "510"),
    ("Newark", "510"),
    ("Emeryville", "510"),
    ("Albany", "510"),
    ("Richmond", "510"),
    ("Livermore", "925"),
    ("Pleasanton", "925"),
    ("Dublin", "925"),
    ("Concord", "925"),
    ("Walnut Creek", "925"),
    ("Antioch", "925"),
    ("San Francisco", "415"),
    ("San Rafael", "415"),
    ("Daly City", "650"),
    ("San Mateo", "650"),
    ("Redwood City", "650"),
    ("Palo Alto", "650"),
    ("Mountain View", "650"),
    ("San Jose", "408"),
    ("Santa Clara", "408"),
    ("Sunnyvale", "408"),
    ("Milpitas", "408"),
    ("Vallejo", "707"),
    ("Napa", "707"),
    ("Santa Rosa", "707"),
    ("Sacramento", "916"),
    ("Stockton", "209"),
    ("Modesto", "209"),
    ("Fresno", "559"),
    ("Salinas", "831"),
    ("Santa Cruz", "831"),
    ("Los Angeles", "213"),
    ("Long Beach", "562"),
    ("San Diego", "619"),
];

const HOURS: &[&str] = &[
    "Mon–Fri 9:00–17:00",
    "24/7",
    "Mon–Thu 8:30–16:30",
    "Mon–Sat 10:00–18:00",
    "Tue & Thu 13:00–19:00",
    "Mon–Fri 8:00–20:00; Sat 9:00–13:00",
    "By appointment",
    "24 hours a day, 7 days a week",
];

const LANGUAGES: &[&str] = &[
    "Spanish",
    "Vietnamese",
    "Chinese",
    "Cantonese",
    "Mandarin",
    "Tagalog",
    "Korean",
    "Punjabi",
    "Arabic",
    "Farsi",
    "Russian",
    "Hindi",
    "Khmer",
    "Amharic",
    "Tigrinya",
    "Portuguese",
    "American Sign Language",
];

const TAGS: &[&str] = &[
    "shelter",
    "housing",
    "legal aid",
    "immigration",
    "counselling",
    "case management",
    "food",
    "medical",
    "mental health",
    "job training",
    "translation",
    "youth",
    "family",
    "survivors",
    "domestic violence",
    "labor",
    "trafficking",
    "crisis",
    "drop-in",
    "education",
    "transport",
    "clothing",
    "substance use",
    "lgbtq+",
    "seniors",
    "women",
    "children",
    "referral",
];

const ACCENTED_TAGS: &[&str] = &["niños", "salud", "atención", "área", "café", "señora"];

const EXTENSIONS: &[&str] = &["12", "101", "204", "3"];

const VOICE_LABELS: &[&str] = &["Intake", "After hours", "Front desk", "Youth line"];

// ---------------------------------------------------------------------------------------
// Building the directory
// ---------------------------------------------------------------------------------------

/// A fictional number, 555-01XX, written in one of several styles seen in real data.
fn phone_number(rng: &mut Rng, area: &str) -> String {
    let xx = rng.below(100);
    match rng.below(10) {
        0..=3 => format!("({area}) 555-01{xx:02}"),
        4..=6 => format!("{area}-555-01{xx:02}"),
        7 | 8 => format!("1 {area} 555 01{xx:02}"),
        _ => format!("+1 {area}.555.01{xx:02}"),
    }
}

fn phones(rng: &mut Rng, area: &str) -> Vec<RawPhone> {
    let n = match rng.below(10) {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let kind = if i == 0 {
            PhoneKind::Voice
        } else {
            match rng.below(4) {
                0 => PhoneKind::Voice,
                1 => PhoneKind::Text,
                2 => PhoneKind::Tty,
                _ => PhoneKind::Fax,
            }
        };
        let label = match kind {
            PhoneKind::Voice if i == 0 => rng.percent(60).then(|| "Main".to_owned()),
            PhoneKind::Voice => Some(rng.pick(VOICE_LABELS).to_owned()),
            PhoneKind::Text => Some("Text".to_owned()),
            PhoneKind::Tty => Some("TTY".to_owned()),
            PhoneKind::Fax => Some("Fax".to_owned()),
        };
        let extension =
            (kind == PhoneKind::Voice && rng.percent(15)).then(|| rng.pick(EXTENSIONS).to_owned());
        out.push(RawPhone {
            number: phone_number(rng, area),
            extension,
            kind,
            label: label.map(Into::into),
        });
    }
    out
}

/// One to three sentences, about 80 to 200 characters.
fn description(rng: &mut Rng, city: &str, accented: bool) -> String {
    let picked = rng.pick_distinct(SERVICES, 2);
    let s1 = picked.first().copied().unwrap_or("counselling");
    let s2 = picked.get(1).copied().unwrap_or("referrals");
    let aud = rng.pick(AUDIENCES);
    let mut d = match rng.below(3) {
        0 => format!("Offers {s1} and {s2} for {aud}."),
        1 => format!("Provides {s1} for {aud} in {city} and nearby communities."),
        _ => format!("Staff help {aud} with {s1}, {s2} and referrals."),
    };
    d.reserve(200_usize.saturating_sub(d.len()));
    if accented {
        d.push(' ');
        d.push_str(rng.pick(ACCENTED_SENTENCES));
    }
    let wanted = rng.between(1, 3);
    let mut sentences = if accented { 2 } else { 1 };
    let mut tries = 0;
    while (sentences < wanted || d.len() < 80) && tries < 16 {
        tries += 1;
        let extra = rng.pick(SENTENCE_EXTRAS);
        if d.contains(extra) || d.len() + 1 + extra.len() > 200 {
            continue;
        }
        d.push(' ');
        d.push_str(extra);
        sentences += 1;
    }
    d
}

fn service(rng: &mut Rng, index: usize) -> RawService {
    let id = format!("svc-{:06}", index + 1);
    let (city, area_code) = rng.pick_pair(CITIES);
    let accented = rng.percent(5);
    let prefix = rng.pick(NAME_PREFIXES);
    let name = if accented {
        format!("{} {prefix}", rng.pick(ACCENTED_NAMES))
    } else {
        let focus = rng.pick(NAME_FOCUS);
        let kind = rng.pick(NAME_KINDS);
        if rng.percent(20) {
            format!("{prefix} {focus} {kind} of {city}")
        } else {
            format!("{prefix} {focus} {kind}")
        }
    };
    let organization = rng
        .percent(80)
        .then(|| format!("{} {}", rng.pick(NAME_PREFIXES), rng.pick(ORG_KINDS)));
    let description = description(rng, city, accented);
    let phones = phones(rng, area_code);
    let hours = rng.percent(85).then(|| rng.pick(HOURS).to_owned());
    let mut languages = Vec::with_capacity(4);
    if rng.percent(90) {
        languages.push("English".to_owned());
    }
    let extra_languages = rng.below(4);
    languages.extend(
        rng.pick_distinct(LANGUAGES, extra_languages)
            .into_iter()
            .map(str::to_owned),
    );
    if accented && !languages.iter().any(|l| l == "Spanish") {
        languages.push("Español".to_owned());
    }
    // Two to five tags; an accented entry gives one of them an accented tag.
    let tag_count = rng.between(2, 5) - usize::from(accented);
    let mut tags: Vec<String> = rng
        .pick_distinct(TAGS, tag_count)
        .into_iter()
        .map(str::to_owned)
        .collect();
    if accented {
        tags.push(rng.pick(ACCENTED_TAGS).to_owned());
    }
    let url = rng
        .percent(30)
        .then(|| format!("https://example.org/services/{id}"));
    let verified = rng.percent(10).then(|| {
        // September to November 2026, never after the retrieval date.
        let month = rng.between(9, 11);
        let day = rng.between(1, 26);
        format!("2026-{month:02}-{day:02}")
    });
    RawService {
        id,
        name: name.into(),
        organization: organization.map(Into::into),
        description: description.into(),
        phones,
        hours: hours.map(Into::into),
        schedule: None,
        languages: languages.into_iter().map(Into::into).collect(),
        area: Some(city.into()),
        address: None,
        url,
        email: None,
        tags: tags.into_iter().map(Into::into).collect(),
        source: vec![SOURCE_ID.to_owned()],
        retrieved: RETRIEVED.to_owned(),
        verified,
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn texts(list: &[&str]) -> Vec<Text> {
    list.iter().map(|s| (*s).into()).collect()
}

fn hotlines() -> Vec<RawHotline> {
    let base = RawHotline {
        anonymous: false,
        confidential: false,
        emergency: false,
        pinned: false,
        source: vec![SOURCE_ID.to_owned()],
        retrieved: RETRIEVED.to_owned(),
        ..RawHotline::default()
    };
    vec![
        RawHotline {
            id: "gen-help-line".to_owned(),
            name: "Generated Help Line (fictional)".into(),
            short_name: Some("Help Line".into()),
            phone: "(510) 555-0142".to_owned(),
            text: Some("510-555-0143".to_owned()),
            tty: Some("(510) 555-0144".to_owned()),
            purpose: "A fictional line for test data: get help or find services.".into(),
            operator: Some("heatwatch test data generator".into()),
            anonymous: true,
            confidential: true,
            pinned: true,
            hours: Some("24/7".into()),
            languages: texts(&["English", "Spanish", "Vietnamese"]),
            url: Some("https://example.org/help-line".to_owned()),
            notes: texts(&["This line is fictional; 555-01XX numbers are reserved for fiction."]),
            tags: texts(&["hotline", "help", "24/7", "confidential", "text", "tty"]),
            ..base.clone()
        },
        RawHotline {
            id: "gen-tip-line".to_owned(),
            name: "Generated County Tip Line (fictional)".into(),
            short_name: Some("Tip Line".into()),
            phone: "1 510 555 0177".to_owned(),
            extension: Some("12".to_owned()),
            purpose: "A fictional line for test data: report a tip anonymously.".into(),
            anonymous: true,
            hours: Some("Mon–Fri 9:00–17:00".into()),
            languages: texts(&["English"]),
            tags: texts(&["tip", "report", "anonymous", "local"]),
            ..base.clone()
        },
        RawHotline {
            id: "gen-youth-line".to_owned(),
            name: "Generated Youth Line (fictional)".into(),
            short_name: Some("Youth Line".into()),
            phone: "415-555-0110".to_owned(),
            purpose: "A fictional line for test data: support for young people.".into(),
            confidential: true,
            hours: Some("Mon–Sat 10:00–18:00".into()),
            languages: texts(&["English", "Spanish", "Tagalog"]),
            tags: texts(&["youth", "teen", "support", "niños"]),
            ..base
        },
    ]
}

fn action(id: &str, title: &str, summary: &str, hotlines: &[&str], tags: &[&str]) -> RawActionItem {
    RawActionItem {
        id: id.to_owned(),
        title: title.into(),
        summary: summary.into(),
        next_steps: texts(&[
            "This step is generated test data.",
            "In a real directory, each step names one thing to do.",
        ]),
        hotlines: strings(hotlines),
        tags: texts(tags),
        source: vec![SOURCE_ID.to_owned()],
        retrieved: RETRIEVED.to_owned(),
        verified: None,
    }
}

fn roles() -> Vec<RawRole> {
    vec![
        RawRole {
            id: "gen-community".to_owned(),
            name: "Community Member".into(),
            summary: "Generated test role: what a community member can do.".into(),
            tags: texts(&["community", "public", "neighbor"]),
            actions: vec![
                action(
                    "gen-community-learn",
                    "Learn More",
                    "Learn the signs (generated test data).",
                    &["gen-help-line"],
                    &["learn", "signs"],
                ),
                action(
                    "gen-community-report",
                    "Report it",
                    "Report what you see (generated test data).",
                    &["gen-tip-line", "gen-help-line"],
                    &["report", "tip", "anonymous"],
                ),
                action(
                    "gen-community-volunteer",
                    "Volunteer",
                    "Get involved locally (generated test data).",
                    &[],
                    &["volunteer", "get involved"],
                ),
            ],
            source: vec![SOURCE_ID.to_owned()],
            retrieved: RETRIEVED.to_owned(),
            verified: None,
        },
        RawRole {
            id: "gen-provider".to_owned(),
            name: "Service Provider".into(),
            summary: "Generated test role: what a service provider can do.".into(),
            tags: texts(&["provider", "agency", "clinic"]),
            actions: vec![
                action(
                    "gen-provider-refer",
                    "Refer",
                    "Refer people to services (generated test data).",
                    &["gen-help-line"],
                    &["referral", "services"],
                ),
                action(
                    "gen-provider-youth",
                    "Support Youth",
                    "Connect young people with support (generated test data).",
                    &["gen-youth-line"],
                    &["youth", "niños"],
                ),
                action(
                    "gen-provider-training",
                    "Training",
                    "Train staff (generated test data).",
                    &[],
                    &["training", "staff"],
                ),
            ],
            source: vec![SOURCE_ID.to_owned()],
            retrieved: RETRIEVED.to_owned(),
            verified: None,
        },
    ]
}

fn facts() -> Vec<RawFact> {
    let fact = |id: &str, title: &str, text: &str, tags: &[&str]| RawFact {
        id: id.to_owned(),
        title: title.into(),
        text: text.into(),
        tags: texts(tags),
        source: vec![SOURCE_ID.to_owned()],
        retrieved: RETRIEVED.to_owned(),
        verified: None,
    };
    vec![
        fact(
            "gen-fact-placeholder-1",
            "Placeholder fact one",
            "This fact is generated placeholder text for testing; it states nothing about the world.",
            &["placeholder", "test"],
        ),
        fact(
            "gen-fact-placeholder-2",
            "Placeholder fact two",
            "Generated directories exist to measure loading and search speed, not to inform.",
            &["placeholder", "benchmark"],
        ),
        fact(
            "gen-fact-placeholder-3",
            "Placeholder fact three (Área de prueba)",
            "Accented text such as Niños, Café and Señora checks that search folds accents.",
            &["placeholder", "accents", "niños"],
        ),
    ]
}

fn directory(entries: usize, seed: u64) -> RawFile {
    let mut rng = Rng::new(seed);
    let services = (0..entries).map(|i| service(&mut rng, i)).collect();
    RawFile {
        schema_version: SCHEMA_VERSION,
        directory: RawMeta {
            id: "generated-test-data".to_owned(),
            name: "HEAT Watch (generated test data)".into(),
            organization: "heatwatch test data generator".into(),
            region: "Generated County (test data)".into(),
            country: Some("US".to_owned()),
            time_zone: None,
            emergency_number: "911".to_owned(),
            safety_line: Some("If this is an emergency, call 911.".into()),
            need_help: Some(
                "This is generated test data: its services and numbers are fictional.".into(),
            ),
            translations: Vec::new(),
            retrieved: RETRIEVED.to_owned(),
            sources: vec![RawSource {
                id: SOURCE_ID.to_owned(),
                title: "Generated test data — not real services".into(),
                publisher: Some("heatwatch test data generator".into()),
                url: None,
                file: Some("examples/gen_directory.rs".to_owned()),
                page_date: None,
                quotes: Vec::new(),
                note: Some(
                    format!(
                        "Every entry is fictional, generated with seed {seed}; phone numbers are in the 555-0100..555-0199 range reserved for fiction."
                    )
                    .into(),
                ),
                retrieved: RETRIEVED.to_owned(),
            }],
        },
        hotlines: hotlines(),
        program: None,
        facts: facts(),
        roles: roles(),
        events: Some(Vec::new()),
        services,
    }
}

// ---------------------------------------------------------------------------------------
// Output and self-check
// ---------------------------------------------------------------------------------------

/// The embedded directory, as JSON, with `raw`'s services after everything else and
/// its one source added to the directory's sources. (serde_json's map keeps its keys in
/// order, so "services" is the last field, as the loader's parallel reading wants.)
fn with_embedded(raw: &RawFile) -> serde_json::Result<serde_json::Value> {
    let mut file: serde_json::Value = serde_json::from_str(load::EMBEDDED_JSON)?;
    let source = serde_json::to_value(raw.directory.sources.first())?;
    if let Some(sources) = file
        .get_mut("directory")
        .and_then(|d| d.get_mut("sources"))
        .and_then(serde_json::Value::as_array_mut)
    {
        sources.push(source);
    }
    let services = serde_json::to_value(&raw.services)?;
    if let Some(map) = file.as_object_mut() {
        map.insert("services".to_owned(), services);
    }
    Ok(file)
}

fn serialize(raw: &RawFile, args: &Args, out: impl Write) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    if args.with_embedded {
        let file = with_embedded(raw)?;
        if args.pretty {
            serde_json::to_writer_pretty(&mut out, &file)?;
        } else {
            serde_json::to_writer(&mut out, &file)?;
        }
    } else if args.pretty {
        serde_json::to_writer_pretty(&mut out, raw)?;
    } else {
        serde_json::to_writer(&mut out, raw)?;
    }
    out.write_all(b"\n")?;
    out.flush()
}

fn write_output(args: &Args, bytes: Option<&[u8]>, raw: &RawFile) -> std::io::Result<()> {
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match bytes {
            Some(b) => {
                out.write_all(b)?;
                out.flush()
            }
            None => serialize(raw, args, out),
        }
    };
    match &args.output {
        Some(path) => write(&mut std::fs::File::create(path)?),
        None => write(&mut std::io::stdout().lock()),
    }
}

fn check(bytes: &[u8]) -> bool {
    match load::from_bytes(bytes) {
        Ok(dir) => {
            let actions: usize = dir.roles.iter().map(|r| r.actions.len()).sum();
            let phones: usize = dir.services.iter().map(|s| s.phones.len()).sum();
            eprintln!(
                "check: ok — {} bytes; {} hotlines, {} facts, {} roles, {} actions, {} events, {} services ({} phones); {} records",
                bytes.len(),
                dir.hotlines.len(),
                dir.facts.len(),
                dir.roles.len(),
                actions,
                dir.events.as_ref().map_or(0, Vec::len),
                dir.services.len(),
                phones,
                dir.records().len(),
            );
            if bytes.len() as u64 > load::DEFAULT_MAX_BYTES {
                eprintln!(
                    "check: note: the file is larger than {} bytes, the most `heatwatch` reads from disk",
                    load::DEFAULT_MAX_BYTES
                );
            }
            true
        }
        Err(e) => {
            eprintln!("check: the generated directory does not load: {e}");
            false
        }
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
            eprintln!("gen_directory: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let raw = directory(args.entries, args.seed);
    // With --check the JSON is produced once in memory, written, then loaded back;
    // without it, it is streamed straight to the output.
    let bytes = if args.check {
        let mut buf = Vec::new();
        if let Err(e) = serialize(&raw, &args, &mut buf) {
            eprintln!("gen_directory: cannot serialize: {e}");
            return ExitCode::FAILURE;
        }
        Some(buf)
    } else {
        None
    };
    if let Err(e) = write_output(&args, bytes.as_deref(), &raw) {
        let target = args
            .output
            .as_ref()
            .map_or_else(|| "standard output".to_owned(), |p| p.display().to_string());
        eprintln!("gen_directory: cannot write to {target}: {e}");
        return ExitCode::FAILURE;
    }
    drop(raw);
    match bytes {
        Some(b) if !check(&b) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}
