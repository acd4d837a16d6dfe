//! Reading HSDS 3.0 JSON: one service (`service_full`), a service at a location
//! (`service_at_location_full`), an organisation with its services
//! (`organization_full`), a page of any of these (`{"contents": [...]}`) or an array.

mod parts;
mod types;

use parts::{Walk, phones_of, sal_into, service_of};
use types::{List, Obj};

use super::hsds;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::ImportError;
use super::model::{Organization, Phone, Service};

/// What a JSON file held.
#[derive(Debug, Default)]
pub struct JsonInput {
    /// The services, in file order.
    pub services: Vec<Service>,
    /// What shape the file had, for the report ("service list (page 1 of 10)").
    pub shape: String,
    /// Things the reader should know ("only page 1 of 10 was read").
    pub notes: Vec<String>,
    /// Items of a list that were not services (taxonomy terms, say), by kind.
    pub not_services: BTreeMap<String, usize>,
    /// Fields the specification does not name, as `object.field`, with how often.
    pub unknown_fields: BTreeMap<String, usize>,
}

/// Reads the bytes of a JSON file named `file`.
///
/// # Errors
/// Invalid JSON (with its line and column), a value of the wrong type where the
/// specification wants text, a list or an object (with its path), an HSDS version other
/// than 3, or a file that holds no services.
pub fn read(file: &str, bytes: &[u8]) -> Result<JsonInput, ImportError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        ImportError::json_syntax(
            file,
            e.line(),
            e.column(),
            format!("{message} — the file is not valid JSON"),
        )
    })?;
    let mut r = Reader {
        file: file.to_owned(),
        out: JsonInput::default(),
    };
    r.top(&value)?;
    if r.out.services.is_empty() {
        let found = if r.out.not_services.is_empty() {
            String::new()
        } else {
            let kinds: Vec<String> = r
                .out
                .not_services
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            format!(" (it holds {})", kinds.join(", "))
        };
        return Err(ImportError::file(
            file,
            format!(
                "no services found{found}; give a service, a list of services, a service at a location or an organization with its services"
            ),
        ));
    }
    Ok(r.out)
}

struct Reader {
    file: String,
    out: JsonInput,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// What a JSON object most likely is.
#[derive(Debug, PartialEq, Eq)]
enum Kind {
    Page,
    Service,
    ServiceAtLocation,
    Organization,
    Other(&'static str),
}

fn kind_of(m: &Map<String, Value>) -> Kind {
    let has = |k: &str| m.contains_key(k);
    if has("contents") {
        Kind::Page
    } else if m.get("service").is_some_and(Value::is_object) {
        Kind::ServiceAtLocation
    } else if has("services") {
        Kind::Organization
    } else if has("status")
        || has("service_at_locations")
        || has("eligibility_description")
        || has("interpretation_services")
        || m.get("organization").is_some_and(Value::is_object)
    {
        Kind::Service
    } else if has("website") || has("legal_status") || has("year_incorporated") {
        Kind::Organization
    } else if has("openapi_url") {
        Kind::Other("API root document")
    } else if has("term_uri") || has("taxonomy_detail") || has("parent_id") || has("vocabulary") {
        Kind::Other("taxonomy terms")
    } else if has("uri") && has("version") {
        Kind::Other("taxonomies")
    } else if has("location_type") || has("addresses") {
        Kind::Other("locations")
    } else if has("name") {
        // A service with few fields: anything else named has been told apart above.
        Kind::Service
    } else {
        Kind::Other("unrecognised objects")
    }
}

impl Reader {
    fn err(&self, path: &str, message: impl Into<String>) -> ImportError {
        ImportError::json(&self.file, path, message)
    }

    fn text(
        &self,
        m: &Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<Option<String>, ImportError> {
        Ok(match m.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            Some(other) => {
                return Err(self.err(
                    &join(path, key),
                    format!("expected text, found {}", type_name(other)),
                ));
            }
        })
    }

    fn list<'v>(
        &self,
        m: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Result<&'v [Value], ImportError> {
        match m.get(key) {
            None | Some(Value::Null) => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(other) => Err(self.err(
                &join(path, key),
                format!("expected a list, found {}", type_name(other)),
            )),
        }
    }

    fn top(&mut self, v: &Value) -> Result<(), ImportError> {
        match v {
            Value::Array(items) => {
                self.out.shape = "list".to_owned();
                self.items(items, "")
            }
            Value::Object(m) => {
                let kind = kind_of(m);
                if let Some(version) = m.get("version")
                    && (m.contains_key("openapi_url")
                        || m.contains_key("profile")
                        || !matches!(kind, Kind::Other(_)))
                {
                    let v = match version {
                        Value::String(s) => s.trim().to_owned(),
                        other => other.to_string(),
                    };
                    if !(v == "3" || v.starts_with("3.")) {
                        return Err(self.err(
                            "version",
                            format!(
                                "HSDS version \"{v}\" is not one this importer reads: it reads HSDS 3.0 JSON (and 1.1, 2.0 and 3.0 tabular data packages)"
                            ),
                        ));
                    }
                }
                match kind {
                    Kind::Page => self.page(m),
                    Kind::Service => {
                        self.out.shape = "service".to_owned();
                        let s = self.service(v, "", None, &[])?;
                        self.out.services.push(s);
                        Ok(())
                    }
                    Kind::ServiceAtLocation => {
                        self.out.shape = "service at a location".to_owned();
                        let s = self.service_at_location(v, "")?;
                        self.out.services.push(s);
                        Ok(())
                    }
                    Kind::Organization => {
                        self.out.shape = "organization".to_owned();
                        self.organization(v, "")
                    }
                    Kind::Other(what) => {
                        *self.out.not_services.entry(what.to_owned()).or_default() += 1;
                        Ok(())
                    }
                }
            }
            other => Err(self.err(
                "",
                format!(
                    "expected an HSDS object or list, found {}",
                    type_name(other)
                ),
            )),
        }
    }

    fn page(&mut self, m: &Map<String, Value>) -> Result<(), ImportError> {
        for k in m.keys() {
            if !hsds::PAGE.json_knows(k) && k != "version" {
                *self
                    .out
                    .unknown_fields
                    .entry(format!("page.{k}"))
                    .or_default() += 1;
            }
        }
        let items = self.list(m, "contents", "")?;
        let number = self.text(m, "page_number", "")?;
        let pages = self.text(m, "total_pages", "")?;
        let total = self.text(m, "total_items", "")?;
        self.out.shape = match (&number, &pages) {
            (Some(n), Some(p)) => format!("page {n} of {p} of a list"),
            _ => "list".to_owned(),
        };
        if let (Some(n), Some(p)) = (&number, &pages)
            && (n != p || n != "1")
        {
            self.out.notes.push(format!(
                "the file is page {n} of {p} of a list (of {} items in all); only the {} on this page {} read. Save every page, or the whole list, to import everything.",
                total.as_deref().unwrap_or("?"),
                if items.len() == 1 { "1 item".to_owned() } else { format!("{} items", items.len()) },
                if items.len() == 1 { "was" } else { "were" }
            ));
        }
        self.items(items, "contents")
    }

    fn items(&mut self, items: &[Value], path: &str) -> Result<(), ImportError> {
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let Value::Object(m) = item else {
                return Err(self.err(&p, format!("expected an object, found {}", type_name(item))));
            };
            match kind_of(m) {
                Kind::Service => {
                    let s = self.service(item, &p, None, &[])?;
                    self.out.services.push(s);
                }
                Kind::ServiceAtLocation => {
                    let s = self.service_at_location(item, &p)?;
                    self.out.services.push(s);
                }
                Kind::Organization => {
                    let before = self.out.services.len();
                    self.organization(item, &p)?;
                    if self.out.services.len() == before {
                        *self
                            .out
                            .not_services
                            .entry("organizations without services".to_owned())
                            .or_default() += 1;
                    }
                }
                Kind::Page => {
                    return Err(self.err(&p, "a list inside a list is not an HSDS shape"));
                }
                Kind::Other(what) => {
                    *self.out.not_services.entry(what.to_owned()).or_default() += 1;
                }
            }
        }
        Ok(())
    }

    /// Reads `v` as the typed HSDS object `T`; a value of the wrong type is an error at
    /// its path below `path`.
    fn typed<T: serde::de::DeserializeOwned>(
        &self,
        v: &Value,
        path: &str,
    ) -> Result<T, ImportError> {
        serde_path_to_error::deserialize(v).map_err(|e| {
            let inner = e.path().to_string();
            let full = match inner.as_str() {
                "." => path.to_owned(),
                p if path.is_empty() => p.to_owned(),
                p if p.starts_with('[') => format!("{path}{p}"),
                p => format!("{path}.{p}"),
            };
            ImportError::json(&self.file, &full, e.into_inner().to_string())
        })
    }

    /// An organization's own fields and phones.
    fn organization_fields(o: types::Organization) -> (Organization, Vec<Phone>) {
        let org = Organization {
            name: o.name.0,
            url: o.website.0.or(o.url.0),
            email: o.email.0,
        };
        (org, phones_of(o.phones))
    }

    /// An `organization_full` object: the organization, then each of its services.
    fn organization(&mut self, v: &Value, path: &str) -> Result<(), ImportError> {
        let Obj(o) = self.typed::<Obj<types::Organization>>(v, path)?;
        self.count_unknown(v, Walk::Organization);
        let (org, phones) = Self::organization_fields(o);
        let Value::Object(m) = v else {
            return Ok(());
        };
        let services_path = join(path, "services");
        let list = m.get("services").unwrap_or(&Value::Null);
        let List(services) = self.typed::<List<types::Service>>(list, &services_path)?;
        let items = match list {
            Value::Array(items) => items.as_slice(),
            _ => &[],
        };
        for (i, (t, item)) in services.into_iter().zip(items).enumerate() {
            self.count_unknown(item, Walk::Service);
            let s = service_of(t, &format!("{services_path}[{i}]"), Some(&org), &phones);
            self.out.services.push(s);
        }
        Ok(())
    }

    /// A `service_full` object (with the organization it belongs to, when read from
    /// one).
    fn service(
        &mut self,
        v: &Value,
        path: &str,
        org: Option<&Organization>,
        org_phones: &[Phone],
    ) -> Result<Service, ImportError> {
        let Obj(t) = self.typed::<Obj<types::Service>>(v, path)?;
        self.count_unknown(v, Walk::Service);
        Ok(service_of(t, path, org, org_phones))
    }

    /// A `service_at_location_full` object: its service, at its location.
    fn service_at_location(&mut self, v: &Value, path: &str) -> Result<Service, ImportError> {
        let service = match v {
            Value::Object(m) => m.get("service").unwrap_or(&Value::Null),
            _ => &Value::Null,
        };
        let mut s = self.service(service, &join(path, "service"), None, &[])?;
        let Obj(sal) = self.typed::<Obj<types::ServiceAtLocation>>(v, path)?;
        self.count_unknown(v, Walk::ServiceAtLocation);
        sal_into(sal, path, &mut s);
        Ok(s)
    }

    /// Counts the fields of `v` (an object of kind `walk`) and of the objects it nests
    /// that HSDS 3.0 does not name ([`super::hsds`]), as `object.field`.
    fn count_unknown(&mut self, v: &Value, walk: Walk) {
        let Value::Object(m) = v else { return };
        let (kind, object) = walk.object();
        for k in m.keys() {
            if !object.json_knows(k) {
                *self
                    .out
                    .unknown_fields
                    .entry(format!("{kind}.{k}"))
                    .or_default() += 1;
            }
        }
        for &(key, inner) in walk.nested() {
            match m.get(key) {
                Some(Value::Array(items)) => {
                    for item in items {
                        self.count_unknown(item, inner);
                    }
                }
                Some(item @ Value::Object(_)) => self.count_unknown(item, inner),
                _ => {}
            }
        }
    }
}
