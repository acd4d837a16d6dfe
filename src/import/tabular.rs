//! Reading HSDS tabular data packages: a folder with `datapackage.json` and one CSV file
//! per table, in HSDS 1.1 or 2.0 naming (`physical_addresses.csv`,
//! `regular_schedules.csv`, `services_taxonomy.csv` ...) or 3.0 naming (`addresses.csv`,
//! `schedules.csv`, `attributes.csv` ...). Which one is told from the files.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::ImportError;
use super::model::{
    Address, AddressKind, Area, Cost, Holiday, Location, Organization, Phone, Schedule, Scope,
    Service, Term,
};
use super::table::{Row, Table};

/// What a data package held.
#[derive(Debug, Default)]
pub struct TabularInput {
    /// The package's tables, by key: [`TabularInput::services`] assembles the services
    /// from them.
    tables: HashMap<&'static str, Table>,
    /// The HSDS version told from the files ("3.0", "1.1", "2.0", "1.1 or 2.0"), if
    /// they tell it.
    pub version: Option<String>,
    /// The package's title, from `datapackage.json`.
    pub title: Option<String>,
    /// The package's licence, from `datapackage.json`.
    pub license: Option<String>,
    /// Things the reader should know.
    pub notes: Vec<String>,
    /// Columns the specification does not name, by file.
    pub unknown_columns: BTreeMap<String, Vec<String>>,
    /// CSV files of the folder that are no HSDS table.
    pub ignored_files: Vec<String>,
}

/// A table of the specification: its resource names in `datapackage.json`, its usual
/// file names, the columns the specification gives it, and whether the importer reads it.
struct Spec {
    key: &'static str,
    resources: &'static [&'static str],
    files: &'static [&'static str],
    known: &'static [&'static str],
    used: bool,
}

const ADDRESS_1_1: &[&str] = &[
    "id",
    "location_id",
    "attention",
    "address_1",
    "address_2",
    "address_3",
    "address_4",
    "city",
    "region",
    "state_province",
    "postal_code",
    "country",
];

const SPECS: &[Spec] = &[
    Spec {
        key: "organizations",
        resources: &["organization", "organizations"],
        files: &["organizations.csv"],
        known: &[
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "url",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ],
        used: true,
    },
    Spec {
        key: "services",
        resources: &["service", "services"],
        files: &["services.csv"],
        known: &[
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
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
            "taxonomy_ids",
        ],
        used: true,
    },
    Spec {
        key: "programs",
        resources: &["program", "programs"],
        files: &["programs.csv"],
        known: &[
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
        ],
        used: true,
    },
    Spec {
        key: "service_at_location",
        resources: &[
            "service_at_location",
            "services_at_location",
            "service_at_locations",
        ],
        files: &[
            "service_at_location.csv",
            "services_at_location.csv",
            "service_at_locations.csv",
        ],
        known: &["id", "service_id", "location_id", "description"],
        used: true,
    },
    Spec {
        key: "locations",
        resources: &["location", "locations"],
        files: &["locations.csv"],
        known: &[
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
        used: true,
    },
    Spec {
        key: "phones",
        resources: &["phone", "phones"],
        files: &["phones.csv"],
        known: &[
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "language",
            "description",
            "department",
        ],
        used: true,
    },
    Spec {
        key: "addresses",
        resources: &["address", "addresses"],
        files: &["addresses.csv"],
        known: &[
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
        used: true,
    },
    Spec {
        key: "physical_addresses",
        resources: &["physical_address", "physical_addresses"],
        files: &["physical_addresses.csv"],
        known: ADDRESS_1_1,
        used: true,
    },
    Spec {
        key: "postal_addresses",
        resources: &["postal_address", "postal_addresses"],
        files: &["postal_addresses.csv"],
        known: ADDRESS_1_1,
        used: true,
    },
    Spec {
        key: "schedules",
        resources: &["schedule", "schedules"],
        files: &["schedules.csv"],
        known: &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ],
        used: true,
    },
    Spec {
        key: "regular_schedules",
        resources: &["regular_schedule", "regular_schedules"],
        files: &["regular_schedules.csv"],
        known: &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "weekday",
            "opens_at",
            "closes_at",
        ],
        used: true,
    },
    Spec {
        key: "holiday_schedules",
        resources: &["holiday_schedule", "holiday_schedules"],
        files: &["holiday_schedules.csv"],
        known: &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "closed",
            "opens_at",
            "closes_at",
            "start_date",
            "end_date",
        ],
        used: true,
    },
    Spec {
        key: "service_areas",
        resources: &["service_area", "service_areas"],
        files: &["service_areas.csv"],
        known: &[
            "id",
            "service_id",
            "service_at_location_id",
            "service_area",
            "name",
            "description",
            "extent",
            "extent_type",
            "uri",
        ],
        used: true,
    },
    Spec {
        key: "eligibility",
        resources: &["eligibility"],
        files: &["eligibility.csv"],
        known: &["id", "service_id", "eligibility"],
        used: true,
    },
    Spec {
        key: "required_documents",
        resources: &["required_document", "required_documents"],
        files: &["required_documents.csv"],
        known: &["id", "service_id", "document", "uri"],
        used: true,
    },
    Spec {
        key: "payments_accepted",
        resources: &["payment_accepted", "payments_accepted"],
        files: &["payments_accepted.csv"],
        known: &["id", "service_id", "payment"],
        used: true,
    },
    Spec {
        key: "languages",
        resources: &["language", "languages"],
        files: &["languages.csv"],
        known: &[
            "id",
            "service_id",
            "location_id",
            "phone_id",
            "language",
            "name",
            "code",
            "note",
        ],
        used: true,
    },
    Spec {
        key: "accessibility_for_disabilities",
        resources: &["accessibility_for_disabilities"],
        files: &["accessibility_for_disabilities.csv"],
        known: &["id", "location_id", "accessibility", "details"],
        used: true,
    },
    Spec {
        key: "accessibility",
        resources: &["accessibility"],
        files: &["accessibility.csv"],
        known: &["id", "location_id", "description", "details", "url"],
        used: true,
    },
    Spec {
        key: "taxonomy",
        resources: &["taxonomy"],
        files: &["taxonomy.csv"],
        known: &["id", "name", "parent_id", "parent_name", "vocabulary"],
        used: true,
    },
    Spec {
        key: "taxonomy_terms",
        resources: &["taxonomy_term", "taxonomy_terms"],
        files: &["taxonomy_terms.csv"],
        known: &[
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
            "vocabulary",
        ],
        used: true,
    },
    Spec {
        key: "taxonomies",
        resources: &["taxonomies"],
        files: &["taxonomies.csv"],
        known: &["id", "name", "description", "uri", "version"],
        used: true,
    },
    Spec {
        key: "services_taxonomy",
        resources: &["service_taxonomy", "services_taxonomy"],
        files: &["services_taxonomy.csv", "service_taxonomy.csv"],
        known: &["id", "service_id", "taxonomy_id", "taxonomy_detail"],
        used: true,
    },
    Spec {
        key: "service_attributes",
        resources: &["service_attribute", "service_attributes"],
        files: &["service_attributes.csv"],
        known: &["id", "service_id", "taxonomy_term_id", "taxonomy_detail"],
        used: true,
    },
    Spec {
        key: "attributes",
        resources: &["attribute", "attributes"],
        files: &["attributes.csv"],
        known: &[
            "id",
            "link_id",
            "taxonomy_term_id",
            "link_type",
            "link_entity",
            "value",
            "label",
        ],
        used: true,
    },
    Spec {
        key: "cost_options",
        resources: &["cost_option", "cost_options"],
        files: &["cost_options.csv"],
        known: &[
            "id",
            "service_id",
            "valid_from",
            "valid_to",
            "option",
            "currency",
            "amount",
            "amount_description",
        ],
        used: true,
    },
    // Tables of the specification that say nothing a reader of the directory needs.
    Spec {
        key: "contacts",
        resources: &["contact", "contacts"],
        files: &["contacts.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "funding",
        resources: &["funding"],
        files: &["funding.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "other_attributes",
        resources: &["other_attribute", "other_attributes"],
        files: &["other_attributes.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "metadata",
        resources: &["metadata"],
        files: &["metadata.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "meta_table_descriptions",
        resources: &["meta_table_description", "meta_table_descriptions"],
        files: &["meta_table_descriptions.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "organization_identifiers",
        resources: &["organization_identifier", "organization_identifiers"],
        files: &["organization_identifiers.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "urls",
        resources: &["url", "urls"],
        files: &["urls.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "service_capacities",
        resources: &["service_capacity", "service_capacities"],
        files: &["service_capacities.csv"],
        known: &[],
        used: false,
    },
    Spec {
        key: "units",
        resources: &["unit", "units"],
        files: &["units.csv"],
        known: &[],
        used: false,
    },
];

/// Tables only HSDS 3.0 has.
const V3_TABLES: &[&str] = &["addresses", "attributes", "accessibility", "cost_options"];
/// Tables only HSDS 1.1 has.
const V1_TABLES: &[&str] = &["regular_schedules", "services_taxonomy", "taxonomy"];
/// Tables only HSDS 2.0 has.
const V2_TABLES: &[&str] = &["service_attributes", "other_attributes"];
/// Tables HSDS 1.1 and 2.0 have and 3.0 does not.
const OLD_TABLES: &[&str] = &[
    "physical_addresses",
    "postal_addresses",
    "accessibility_for_disabilities",
    "eligibility",
    "payments_accepted",
    "holiday_schedules",
];

/// Reads a data package folder. `label` names the folder in messages.
///
/// # Errors
/// A table that cannot be read or parsed, a missing required column, a file that is
/// too large, or an HSDS version this importer does not read.
pub fn read(dir: &Path, label: &str, cap: u64) -> Result<TabularInput, ImportError> {
    let mut out = TabularInput::default();
    let package = read_package(dir, label, cap, &mut out)?;
    // Which file is which table: by its usual file name first (resource names mean
    // different tables in different versions: "taxonomy" is 1.1's terms and 3.0's
    // taxonomies), then by the descriptor's resource name for a file of another name.
    let mut paths: HashMap<&'static str, (PathBuf, String)> = HashMap::new();
    let mut claimed: HashSet<String> = HashSet::new();
    for spec in SPECS {
        let found = spec
            .files
            .iter()
            .map(|f| (*f).to_owned())
            .find(|f| dir.join(f).is_file() || package.resources.values().any(|p| p == f));
        if let Some(rel) = found {
            claimed.insert(rel.clone());
            paths.insert(spec.key, (dir.join(&rel), rel));
        }
    }
    for spec in SPECS {
        if paths.contains_key(spec.key) {
            continue;
        }
        let from_package = spec
            .resources
            .iter()
            .filter_map(|r| package.resources.get(*r))
            .find(|p| !claimed.contains(*p));
        if let Some(rel) = from_package {
            claimed.insert(rel.clone());
            paths.insert(spec.key, (dir.join(rel), rel.clone()));
        }
    }
    // CSV files that are no table of the specification.
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut ignored: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.to_ascii_lowercase().ends_with(".csv") && !claimed.contains(n))
            .collect();
        ignored.sort();
        out.ignored_files = ignored;
    }
    if !paths.contains_key("services") {
        return Err(ImportError::file(
            label,
            "no services.csv: a tabular HSDS data package has a services table (a folder with datapackage.json, services.csv, organizations.csv ...)",
        ));
    }
    out.version = version(label, &paths, package.version.as_deref())?;

    let mut tables: HashMap<&'static str, Table> = HashMap::new();
    for spec in SPECS.iter().filter(|s| s.used) {
        let Some((path, rel)) = paths.get(spec.key) else {
            continue;
        };
        inside_package(dir, path, rel)?;
        let bytes = read_capped(path, rel, cap)?;
        let table = Table::parse(rel, &bytes)?;
        let unknown = table.unknown_columns(spec.known);
        if !unknown.is_empty() {
            out.unknown_columns.insert(rel.clone(), unknown);
        }
        tables.insert(spec.key, table);
    }
    check_columns(&tables)?;
    out.tables = tables;
    Ok(out)
}

impl TabularInput {
    /// The services, in file order, each assembled from the tables only when it is
    /// asked for: a caller that takes one at a time never holds them all (at 100,000
    /// services, all of them took more memory than the tables).
    pub fn services(&self) -> impl Iterator<Item = Service> + '_ {
        let idx = Index::new(&self.tables);
        self.tables
            .get("services")
            .into_iter()
            .flat_map(|t| t.rows.iter().map(move |row| (t, row)))
            .map(move |(t, row)| service(&idx, t, row))
    }
}

/// Refuses a table that is, or lies through, a symbolic link leading out of the package
/// folder: an import reads the package and nothing else (a link in a downloaded package
/// could otherwise copy any file the user can read into the directory it writes).
fn inside_package(dir: &Path, path: &Path, rel: &str) -> Result<(), ImportError> {
    let outside = || {
        ImportError::file(
            rel,
            "is a symbolic link to a file outside the package folder; an import reads only the package's own files. Copy the file into the folder instead",
        )
    };
    let real = std::fs::canonicalize(path)
        .map_err(|e| ImportError::file(rel, format!("cannot be read: {e}")))?;
    let root = std::fs::canonicalize(dir)
        .map_err(|e| ImportError::file(rel, format!("cannot be read: {e}")))?;
    if real.starts_with(&root) {
        Ok(())
    } else {
        Err(outside())
    }
}

/// What `datapackage.json` says.
#[derive(Debug, Default)]
struct Package {
    version: Option<String>,
    resources: HashMap<String, String>,
}

fn read_package(
    dir: &Path,
    label: &str,
    cap: u64,
    out: &mut TabularInput,
) -> Result<Package, ImportError> {
    let path = dir.join("datapackage.json");
    let mut package = Package::default();
    if !path.is_file() {
        out.notes.push(format!(
            "{label} has no datapackage.json; its tables were found by their usual file names"
        ));
        return Ok(package);
    }
    let file = "datapackage.json";
    inside_package(dir, &path, file)?;
    let bytes = read_capped(&path, file, cap)?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ImportError::json_syntax(
            file,
            e.line(),
            e.column(),
            format!("{e} — datapackage.json is not valid JSON"),
        )
    })?;
    let Value::Object(m) = &v else {
        return Err(ImportError::json(
            file,
            "",
            "expected an object (a Frictionless data package descriptor)",
        ));
    };
    let text = |k: &str| match m.get(k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    out.title = text("title").or_else(|| text("name"));
    out.license = license(m);
    // The HSDS template's descriptor is named "human_services_data" and carries the
    // specification's version; a publisher's own descriptor carries its own version.
    if text("name").as_deref() == Some("human_services_data") {
        package.version = text("version");
    }
    if let Some(resources) = m.get("resources") {
        let Value::Array(list) = resources else {
            return Err(ImportError::json(
                file,
                "resources",
                "expected a list of resources",
            ));
        };
        for (i, r) in list.iter().enumerate() {
            let Value::Object(rm) = r else {
                continue;
            };
            let (Some(Value::String(name)), Some(p)) = (rm.get("name"), rm.get("path")) else {
                continue;
            };
            let Value::String(p) = p else {
                return Err(ImportError::json(
                    file,
                    &format!("resources[{i}].path"),
                    "a resource split over several files is not supported; join it into one CSV file",
                ));
            };
            let rel = Path::new(p);
            if !rel
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
            {
                return Err(ImportError::json(
                    file,
                    &format!("resources[{i}].path"),
                    format!(
                        "\"{p}\" is not a path inside the package folder; give a relative path without \"..\""
                    ),
                ));
            }
            package.resources.insert(name.clone(), p.clone());
        }
    }
    Ok(package)
}

fn license(m: &serde_json::Map<String, Value>) -> Option<String> {
    let one = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => ["title", "name", "type", "path", "url"]
                .iter()
                .filter_map(|k| o.get(*k).and_then(Value::as_str))
                .map(str::to_owned)
                .reduce(|a, b| format!("{a} ({b})")),
            _ => None,
        }
    };
    let mut all: Vec<String> = Vec::new();
    if let Some(l) = m.get("license") {
        all.extend(one(l));
    }
    if let Some(Value::Array(ls)) = m.get("licenses") {
        all.extend(ls.iter().filter_map(one));
    }
    (!all.is_empty()).then(|| all.join("; "))
}

fn read_capped(path: &Path, shown: &str, cap: u64) -> Result<Vec<u8>, ImportError> {
    let file = std::fs::File::open(path)
        .map_err(|e| ImportError::file(shown, format!("cannot be read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::file(shown, format!("cannot be read: {e}")))?;
    if bytes.len() as u64 > cap {
        return Err(ImportError::file(
            shown,
            format!("the file is larger than {cap} bytes, the most heatwatch reads"),
        ));
    }
    Ok(bytes)
}

/// The HSDS version told from the tables there are, checked against the version the
/// HSDS template descriptor states.
fn version(
    label: &str,
    paths: &HashMap<&'static str, (PathBuf, String)>,
    declared: Option<&str>,
) -> Result<Option<String>, ImportError> {
    let present = |set: &[&str]| -> Vec<String> {
        set.iter()
            .filter_map(|k| paths.get(k).map(|(_, rel)| rel.clone()))
            .collect()
    };
    let v3 = present(V3_TABLES);
    let v2 = present(V2_TABLES);
    let v1 = present(V1_TABLES);
    let old = present(OLD_TABLES);
    let old_all: Vec<String> = v1.iter().chain(&v2).chain(&old).cloned().collect();
    if let (Some(new), Some(older)) = (v3.first(), old_all.first()) {
        return Err(ImportError::file(
            label,
            format!(
                "the package mixes HSDS 3.0 tables ({new}) with HSDS 1.1/2.0 tables ({older}); give the tables of one version"
            ),
        ));
    }
    let from_files = if !v3.is_empty() {
        Some(3)
    } else if !v2.is_empty() {
        Some(2)
    } else if !v1.is_empty() || !old.is_empty() {
        Some(1)
    } else {
        None
    };
    if let Some(d) = declared {
        let major: Option<u32> = d
            .trim_start_matches(['v', 'V'])
            .split('.')
            .next()
            .and_then(|m| m.parse().ok());
        match major {
            Some(1..=3) => {}
            _ => {
                return Err(ImportError::json(
                    "datapackage.json",
                    "version",
                    format!(
                        "HSDS version \"{d}\" is not one this importer reads: it reads HSDS 1.1, 2.0 and 3.0 data packages"
                    ),
                ));
            }
        }
        if let (Some(m), Some(f)) = (major, from_files)
            && (m == 3) != (f == 3)
        {
            return Err(ImportError::json(
                "datapackage.json",
                "version",
                format!(
                    "the descriptor says HSDS version \"{d}\" but the tables are of HSDS {}",
                    if f == 3 { "3.0" } else { "1.1/2.0" }
                ),
            ));
        }
    }
    Ok(match from_files {
        Some(3) => Some("3.0"),
        Some(2) => Some("2.0"),
        Some(_) if !v1.is_empty() => Some("1.1"),
        Some(_) => Some("1.1 or 2.0"),
        None => match declared.and_then(|d| d.chars().next()) {
            Some('3') => Some("3.0"),
            Some('2') => Some("2.0"),
            Some('1') => Some("1.1"),
            _ => None,
        },
    }
    .map(str::to_owned))
}

/// The required columns of every table that is there.
fn check_columns(t: &HashMap<&'static str, Table>) -> Result<(), ImportError> {
    let links = ["service_id", "location_id", "service_at_location_id"];
    for (key, table) in t {
        match *key {
            "services" => table.require(&["id", "name", "status"])?,
            "organizations" | "taxonomy" | "taxonomy_terms" | "taxonomies" => {
                table.require(&["id", "name"])?;
            }
            "programs" => table.require(&["id", "name"])?,
            "service_at_location" => table.require(&["id", "service_id", "location_id"])?,
            "locations" => table.require(&["id"])?,
            "phones" => {
                table.require(&["number"])?;
                table.require_any(&[
                    "service_id",
                    "service_at_location_id",
                    "location_id",
                    "organization_id",
                ])?;
            }
            "addresses" | "physical_addresses" | "postal_addresses" => {
                table.require(&["location_id", "address_1"])?;
            }
            "schedules" | "holiday_schedules" => table.require_any(&links)?,
            "regular_schedules" => {
                table.require(&["weekday"])?;
                table.require_any(&links)?;
            }
            "service_areas" => table.require(&["service_id"])?,
            "eligibility" => table.require(&["service_id", "eligibility"])?,
            "required_documents" => table.require(&["service_id", "document"])?,
            "payments_accepted" => table.require(&["service_id", "payment"])?,
            "languages" => table.require_any(&["language", "name", "code"])?,
            "accessibility_for_disabilities" | "accessibility" => {
                table.require(&["location_id"])?;
            }
            "services_taxonomy" => table.require(&["service_id", "taxonomy_id"])?,
            "service_attributes" => table.require(&["service_id", "taxonomy_term_id"])?,
            "attributes" => table.require(&["link_id", "taxonomy_term_id"])?,
            "cost_options" => table.require(&["service_id"])?,
            _ => {}
        }
    }
    Ok(())
}

/// Row indexes of `table` by the value of `column`.
fn group<'a>(table: Option<&'a Table>, column: &str) -> HashMap<&'a str, Vec<usize>> {
    let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
    if let Some(t) = table {
        for (i, row) in t.rows.iter().enumerate() {
            if let Some(v) = t.get(row, column) {
                map.entry(v).or_default().push(i);
            }
        }
    }
    map
}

/// The first row of `table` with each value of `column`.
fn first<'a>(table: Option<&'a Table>, column: &str) -> HashMap<&'a str, usize> {
    let mut map = HashMap::new();
    if let Some(t) = table {
        for (i, row) in t.rows.iter().enumerate() {
            if let Some(v) = t.get(row, column) {
                map.entry(v).or_insert(i);
            }
        }
    }
    map
}

/// Row indexes by a column's value.
type Rows<'a> = HashMap<&'a str, Vec<usize>>;

/// Indexes over every table, built once.
struct Index<'a> {
    t: &'a HashMap<&'static str, Table>,
    organizations: HashMap<&'a str, usize>,
    programs: HashMap<&'a str, usize>,
    locations: HashMap<&'a str, usize>,
    sal_by_service: HashMap<&'a str, Vec<usize>>,
    sal_location: HashMap<&'a str, &'a str>,
    phones_by_service: HashMap<&'a str, Vec<usize>>,
    phones_by_sal: HashMap<&'a str, Vec<usize>>,
    phones_by_location: HashMap<&'a str, Vec<usize>>,
    phones_by_org: HashMap<&'a str, Vec<usize>>,
    languages_by_phone: HashMap<&'a str, Vec<usize>>,
    addresses: Vec<(&'static str, HashMap<&'a str, Vec<usize>>)>,
    /// Per schedule table: rows by service, by service-at-location, by location.
    schedules: Vec<(&'static str, [Rows<'a>; 3])>,
    by_service: HashMap<&'static str, HashMap<&'a str, Vec<usize>>>,
    accessibility: Vec<(&'static str, HashMap<&'a str, Vec<usize>>)>,
    terms: HashMap<&'a str, usize>,
    terms_table: &'static str,
    taxonomies: HashMap<&'a str, usize>,
    attributes: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(t: &'a HashMap<&'static str, Table>) -> Self {
        let g = |k: &str, c: &str| group(t.get(k), c);
        let terms_table = if t.contains_key("taxonomy_terms") {
            "taxonomy_terms"
        } else {
            "taxonomy"
        };
        let mut by_service = HashMap::new();
        for k in [
            "service_areas",
            "eligibility",
            "required_documents",
            "payments_accepted",
            "languages",
            "cost_options",
            "services_taxonomy",
            "service_attributes",
        ] {
            by_service.insert(k, g(k, "service_id"));
        }
        Self {
            t,
            organizations: first(t.get("organizations"), "id"),
            programs: first(t.get("programs"), "id"),
            locations: first(t.get("locations"), "id"),
            sal_by_service: g("service_at_location", "service_id"),
            sal_location: t
                .get("service_at_location")
                .map(|st| {
                    st.rows
                        .iter()
                        .filter_map(|r| Some((st.get(r, "id")?, st.get(r, "location_id")?)))
                        .collect()
                })
                .unwrap_or_default(),
            phones_by_service: g("phones", "service_id"),
            phones_by_sal: g("phones", "service_at_location_id"),
            phones_by_location: g("phones", "location_id"),
            phones_by_org: g("phones", "organization_id"),
            languages_by_phone: g("languages", "phone_id"),
            addresses: ["addresses", "physical_addresses", "postal_addresses"]
                .into_iter()
                .map(|k| (k, g(k, "location_id")))
                .collect(),
            schedules: ["schedules", "regular_schedules", "holiday_schedules"]
                .into_iter()
                .map(|k| {
                    (
                        k,
                        [
                            g(k, "service_id"),
                            g(k, "service_at_location_id"),
                            g(k, "location_id"),
                        ],
                    )
                })
                .collect(),
            by_service,
            accessibility: ["accessibility", "accessibility_for_disabilities"]
                .into_iter()
                .map(|k| (k, g(k, "location_id")))
                .collect(),
            terms: first(t.get(terms_table), "id"),
            terms_table,
            taxonomies: first(t.get("taxonomies"), "id"),
            attributes: g("attributes", "link_id"),
        }
    }

    fn table(&self, key: &str) -> Option<&'a Table> {
        self.t.get(key)
    }

    fn rows_for(&self, key: &'static str, service: &str) -> Vec<(&'a Table, &'a Row)> {
        let Some(t) = self.table(key) else {
            return Vec::new();
        };
        self.by_service
            .get(key)
            .and_then(|m| m.get(service))
            .map(|rows| {
                rows.iter()
                    .filter_map(|&i| t.rows.get(i))
                    .map(|r| (t, r))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn term(&self, id: &str) -> Option<Term> {
        let t = self.table(self.terms_table)?;
        let row = t.rows.get(*self.terms.get(id)?)?;
        let taxonomy = t
            .text(row, "taxonomy")
            .or_else(|| t.text(row, "vocabulary"))
            .or_else(|| {
                let tid = t.get(row, "taxonomy_id")?;
                let tx = self.table("taxonomies")?;
                tx.text(tx.rows.get(*self.taxonomies.get(tid)?)?, "name")
            });
        Some(Term {
            code: t.text(row, "code"),
            name: t.text(row, "name"),
            taxonomy,
            value: None,
        })
    }
}

fn phone(idx: &Index<'_>, t: &Table, row: &Row) -> Option<Phone> {
    let number = t.text(row, "number")?;
    let mut languages: Vec<String> = t
        .get(row, "language")
        .map(|l| {
            l.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if let (Some(id), Some(lt)) = (t.get(row, "id"), idx.table("languages")) {
        for &i in idx.languages_by_phone.get(id).into_iter().flatten() {
            if let Some(lr) = lt.rows.get(i)
                && let Some(n) = lt.text(lr, "name").or_else(|| lt.text(lr, "code"))
            {
                languages.push(n);
            }
        }
    }
    Some(Phone {
        id: t.text(row, "id"),
        number,
        extension: t.text(row, "extension"),
        kind: t.text(row, "type"),
        description: t.text(row, "description"),
        department: t.text(row, "department"),
        languages,
    })
}

#[allow(clippy::too_many_lines)]
fn service(idx: &Index<'_>, st: &Table, row: &Row) -> Service {
    let f = |c: &str| st.text(row, c);
    let mut s = Service {
        at: format!("{} row {}", st.file, row.number),
        id: f("id"),
        name: f("name"),
        alternate_name: f("alternate_name"),
        description: f("description"),
        url: f("url"),
        email: f("email"),
        status: f("status"),
        interpretation_services: f("interpretation_services"),
        application_process: f("application_process"),
        fees_description: f("fees_description"),
        fees: f("fees"),
        wait_time: f("wait_time"),
        accreditations: f("accreditations"),
        licenses: f("licenses"),
        eligibility_description: f("eligibility_description"),
        minimum_age: f("minimum_age"),
        maximum_age: f("maximum_age"),
        alert: f("alert"),
        assured_date: f("assured_date"),
        last_modified: f("last_modified"),
        ..Service::default()
    };
    let sid = s.id.clone().unwrap_or_default();
    let org_id = st.get(row, "organization_id");
    if let (Some(oid), Some(ot)) = (org_id, idx.table("organizations"))
        && let Some(orow) = idx.organizations.get(oid).and_then(|&i| ot.rows.get(i))
    {
        s.organization = Some(Organization {
            name: ot.text(orow, "name"),
            url: ot.text(orow, "website").or_else(|| ot.text(orow, "url")),
            email: ot.text(orow, "email"),
        });
    }
    if let (Some(pid), Some(pt)) = (st.get(row, "program_id"), idx.table("programs"))
        && let Some(prow) = idx.programs.get(pid).and_then(|&i| pt.rows.get(i))
    {
        s.program = pt.text(prow, "name");
    }

    // Locations, through service_at_location.
    let mut sal_ids: Vec<&str> = Vec::new();
    let mut location_ids: Vec<String> = Vec::new();
    if let Some(salt) = idx.table("service_at_location") {
        for &i in idx.sal_by_service.get(sid.as_str()).into_iter().flatten() {
            let Some(r) = salt.rows.get(i) else { continue };
            if let Some(id) = salt.get(r, "id") {
                sal_ids.push(id);
            }
            if let Some(l) = salt.text(r, "location_id")
                && !location_ids.contains(&l)
            {
                location_ids.push(l);
            }
        }
    }
    let location_name = |lid: &str| -> Option<String> {
        let lt = idx.table("locations")?;
        lt.text(lt.rows.get(*idx.locations.get(lid)?)?, "name")
    };
    let sal_location =
        |sal: &str| -> Option<String> { idx.sal_location.get(sal).map(|l| (*l).to_owned()) };
    for lid in &location_ids {
        let mut loc = Location {
            id: Some(lid.clone()),
            ..Location::default()
        };
        if let Some(lt) = idx.table("locations")
            && let Some(lr) = idx
                .locations
                .get(lid.as_str())
                .and_then(|&i| lt.rows.get(i))
        {
            loc.name = lt.text(lr, "name");
            loc.description = lt.text(lr, "description");
            loc.transportation = lt.text(lr, "transportation");
        }
        for (key, by_loc) in &idx.addresses {
            let Some(at) = idx.table(key) else { continue };
            for &i in by_loc.get(lid.as_str()).into_iter().flatten() {
                let Some(ar) = at.rows.get(i) else { continue };
                let kind = match *key {
                    "postal_addresses" => AddressKind::Postal,
                    "physical_addresses" => AddressKind::Physical,
                    _ => match at.get(ar, "address_type") {
                        Some(t) if t.eq_ignore_ascii_case("postal") => AddressKind::Postal,
                        Some(t) if t.eq_ignore_ascii_case("virtual") => AddressKind::Virtual,
                        _ => AddressKind::Physical,
                    },
                };
                loc.addresses.push(Address {
                    kind,
                    lines: ["address_1", "address_2", "address_3", "address_4"]
                        .iter()
                        .filter_map(|c| at.text(ar, c))
                        .collect(),
                    city: at.text(ar, "city"),
                    state_province: at.text(ar, "state_province"),
                    postal_code: at.text(ar, "postal_code"),
                    country: at.text(ar, "country"),
                });
            }
        }
        for (key, by_loc) in &idx.accessibility {
            let Some(at) = idx.table(key) else { continue };
            for &i in by_loc.get(lid.as_str()).into_iter().flatten() {
                let Some(ar) = at.rows.get(i) else { continue };
                let parts: Vec<String> = ["accessibility", "description", "details"]
                    .iter()
                    .filter_map(|c| at.text(ar, c))
                    .collect();
                if !parts.is_empty() {
                    loc.accessibility.push(parts.join(": "));
                }
            }
        }
        s.locations.push(loc);
    }

    // Phones: the service's, its service-at-locations', its locations', then the
    // organisation's (used only when there is none of the others).
    if let Some(pt) = idx.table("phones") {
        let mut seen: HashSet<usize> = HashSet::new();
        let mut take =
            |rows: Option<&Vec<usize>>, keep: &dyn Fn(&Row) -> bool, out: &mut Vec<Phone>| {
                for &i in rows.into_iter().flatten() {
                    let Some(r) = pt.rows.get(i) else { continue };
                    if keep(r)
                        && seen.insert(i)
                        && let Some(p) = phone(idx, pt, r)
                    {
                        out.push(p);
                    }
                }
            };
        let mut phones = Vec::new();
        take(
            idx.phones_by_service.get(sid.as_str()),
            &|_| true,
            &mut phones,
        );
        for sal in &sal_ids {
            take(
                idx.phones_by_sal.get(sal),
                &|r| pt.get(r, "service_id").is_none_or(|v| v == sid),
                &mut phones,
            );
        }
        for lid in &location_ids {
            take(
                idx.phones_by_location.get(lid.as_str()),
                &|r| {
                    pt.get(r, "service_id").is_none()
                        && pt.get(r, "service_at_location_id").is_none()
                },
                &mut phones,
            );
        }
        let mut org_phones = Vec::new();
        if let Some(oid) = org_id {
            take(
                idx.phones_by_org.get(oid),
                &|r| {
                    pt.get(r, "service_id").is_none()
                        && pt.get(r, "service_at_location_id").is_none()
                        && pt.get(r, "location_id").is_none()
                },
                &mut org_phones,
            );
        }
        s.phones = phones;
        s.organization_phones = org_phones;
    }

    // Schedules.
    for (key, [by_service, by_sal, by_location]) in &idx.schedules {
        let Some(t) = idx.table(key) else { continue };
        let mut rows: Vec<usize> = Vec::new();
        rows.extend(by_service.get(sid.as_str()).into_iter().flatten());
        for sal in &sal_ids {
            rows.extend(by_sal.get(sal).into_iter().flatten().filter(|&&i| {
                t.rows
                    .get(i)
                    .is_some_and(|r| t.get(r, "service_id").is_none())
            }));
        }
        for lid in &location_ids {
            rows.extend(
                by_location
                    .get(lid.as_str())
                    .into_iter()
                    .flatten()
                    .filter(|&&i| {
                        t.rows.get(i).is_some_and(|r| {
                            t.get(r, "service_id").is_none()
                                && t.get(r, "service_at_location_id").is_none()
                        })
                    }),
            );
        }
        let mut seen = HashSet::new();
        for i in rows {
            if !seen.insert(i) {
                continue;
            }
            let Some(r) = t.rows.get(i) else { continue };
            let location = t
                .text(r, "location_id")
                .or_else(|| t.get(r, "service_at_location_id").and_then(&sal_location));
            let scope = match location {
                Some(lid) => {
                    let name = location_name(&lid);
                    Scope::Location(lid, name)
                }
                None => Scope::Service,
            };
            let g = |c: &str| t.text(r, c);
            if *key == "holiday_schedules" {
                s.holidays.push(Holiday {
                    closed: g("closed"),
                    opens_at: g("opens_at"),
                    closes_at: g("closes_at"),
                    start_date: g("start_date"),
                    end_date: g("end_date"),
                });
                continue;
            }
            s.schedules.push(Schedule {
                id: g("id"),
                scope,
                weekday: g("weekday"),
                freq: g("freq"),
                interval: g("interval"),
                byday: g("byday"),
                byweekno: g("byweekno"),
                bymonthday: g("bymonthday"),
                byyearday: g("byyearday"),
                count: g("count"),
                until: g("until"),
                dtstart: g("dtstart"),
                valid_from: g("valid_from"),
                valid_to: g("valid_to"),
                timezone: g("timezone"),
                opens_at: g("opens_at"),
                closes_at: g("closes_at"),
                description: g("description"),
                notes: g("notes"),
                attending_type: g("attending_type"),
            });
        }
    }

    for (t, r) in idx.rows_for("service_areas", &sid) {
        s.areas.push(Area {
            name: t.text(r, "service_area").or_else(|| t.text(r, "name")),
            description: t.text(r, "description"),
        });
    }
    for (t, r) in idx.rows_for("languages", &sid) {
        if let Some(l) = t
            .text(r, "language")
            .or_else(|| t.text(r, "name"))
            .or_else(|| t.text(r, "code"))
        {
            s.languages.push(l);
        }
    }
    for (t, r) in idx.rows_for("eligibility", &sid) {
        s.eligibility.extend(t.text(r, "eligibility"));
    }
    for (t, r) in idx.rows_for("required_documents", &sid) {
        s.documents.extend(t.text(r, "document"));
    }
    for (t, r) in idx.rows_for("payments_accepted", &sid) {
        s.payments.extend(t.text(r, "payment"));
    }
    for (t, r) in idx.rows_for("cost_options", &sid) {
        s.costs.push(Cost {
            option: t.text(r, "option"),
            amount: t.text(r, "amount"),
            currency: t.text(r, "currency"),
            amount_description: t.text(r, "amount_description"),
            valid_from: t.text(r, "valid_from"),
            valid_to: t.text(r, "valid_to"),
        });
    }

    // Taxonomy terms: 1.1 services_taxonomy (and the deprecated taxonomy_ids column),
    // 2.0 service_attributes, 3.0 attributes linked to the service.
    let mut term_ids: Vec<String> = Vec::new();
    for (t, r) in idx.rows_for("services_taxonomy", &sid) {
        term_ids.extend(t.text(r, "taxonomy_id"));
    }
    for (t, r) in idx.rows_for("service_attributes", &sid) {
        term_ids.extend(t.text(r, "taxonomy_term_id"));
    }
    if let Some(ids) = st.get(row, "taxonomy_ids") {
        term_ids.extend(
            ids.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
    }
    for id in &term_ids {
        if let Some(term) = idx.term(id)
            && !s.terms.contains(&term)
        {
            s.terms.push(term);
        }
    }
    if let Some(at) = idx.table("attributes") {
        for &i in idx.attributes.get(sid.as_str()).into_iter().flatten() {
            let Some(r) = at.rows.get(i) else { continue };
            let entity = at.get(r, "link_entity");
            if entity.is_some_and(|e| !e.eq_ignore_ascii_case("service")) {
                continue;
            }
            if let Some(mut term) = at.get(r, "taxonomy_term_id").and_then(|id| idx.term(id)) {
                term.value = at.text(r, "value");
                if !s.terms.contains(&term) {
                    s.terms.push(term);
                }
            }
        }
    }
    s
}
