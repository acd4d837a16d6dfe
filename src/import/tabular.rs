//! Reading HSDS tabular data packages: a folder with `datapackage.json` and one CSV file
//! per table, in HSDS 1.1 or 2.0 naming (`physical_addresses.csv`,
//! `regular_schedules.csv`, `services_taxonomy.csv` ...) or 3.0 naming (`addresses.csv`,
//! `schedules.csv`, `attributes.csv` ...). Which one is told from the files.

mod assemble;
mod specs;

use assemble::*;
use specs::*;

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
        let unknown = table.unknown_columns(|c| {
            spec.known.contains(&c) || spec.object.is_some_and(|o| o.csv_knows(c))
        });
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

/// Row indexes by a column's value.
type Rows<'a> = HashMap<&'a str, Vec<usize>>;
