//! Reading HSDS 3.0 JSON: one service (`service_full`), a service at a location
//! (`service_at_location_full`), an organisation with its services
//! (`organization_full`), a page of any of these (`{"contents": [...]}`) or an array.

mod parts;

use super::hsds::{
    self, ACCESSIBILITY, ADDRESS, ATTRIBUTE, COST_OPTION, LANGUAGE, LOCATION, ORGANIZATION, PHONE,
    PROGRAM, REQUIRED_DOCUMENT, SCHEDULE, SERVICE, SERVICE_AREA, SERVICE_AT_LOCATION,
    TAXONOMY_TERM,
};

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::ImportError;
use super::model::{
    Address, AddressKind, Area, Cost, Location, Organization, Phone, Schedule, Scope, Service, Term,
};

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

    fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        kind: &str,
        known: &hsds::Object,
    ) -> Result<&'v Map<String, Value>, ImportError> {
        let Value::Object(m) = v else {
            return Err(self.err(
                path,
                format!("expected an object ({kind}), found {}", type_name(v)),
            ));
        };
        for k in m.keys() {
            if !known.json_knows(k) {
                *self
                    .out
                    .unknown_fields
                    .entry(format!("{kind}.{k}"))
                    .or_default() += 1;
            }
        }
        Ok(m)
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

    fn organization_fields(
        &mut self,
        v: &Value,
        path: &str,
    ) -> Result<(Organization, Vec<Phone>), ImportError> {
        let m = self.object(v, path, "organization", &ORGANIZATION)?;
        let org = Organization {
            name: self.text(m, "name", path)?,
            url: match self.text(m, "website", path)? {
                Some(w) => Some(w),
                None => self.text(m, "url", path)?,
            },
            email: self.text(m, "email", path)?,
        };
        let mut phones = Vec::new();
        for (i, p) in self.list(m, "phones", path)?.iter().enumerate() {
            if let Some(p) = self.phone(p, &format!("{}[{i}]", join(path, "phones")))? {
                phones.push(p);
            }
        }
        Ok((org, phones))
    }

    fn organization(&mut self, v: &Value, path: &str) -> Result<(), ImportError> {
        let (org, phones) = self.organization_fields(v, path)?;
        let Value::Object(m) = v else {
            return Ok(());
        };
        let services_path = join(path, "services");
        for (i, s) in self.list(m, "services", path)?.iter().enumerate() {
            let s = self.service(s, &format!("{services_path}[{i}]"), Some(&org), &phones)?;
            self.out.services.push(s);
        }
        Ok(())
    }

    fn service(
        &mut self,
        v: &Value,
        path: &str,
        org: Option<&Organization>,
        org_phones: &[Phone],
    ) -> Result<Service, ImportError> {
        let m = self.object(v, path, "service", &SERVICE)?;
        let t = |r: &Self, k: &str| r.text(m, k, path);
        let mut s = Service {
            at: if path.is_empty() {
                "the service".to_owned()
            } else {
                path.to_owned()
            },
            id: t(self, "id")?,
            name: t(self, "name")?,
            alternate_name: t(self, "alternate_name")?,
            description: t(self, "description")?,
            url: t(self, "url")?,
            email: t(self, "email")?,
            status: t(self, "status")?,
            interpretation_services: t(self, "interpretation_services")?,
            application_process: t(self, "application_process")?,
            fees_description: t(self, "fees_description")?,
            fees: t(self, "fees")?,
            wait_time: t(self, "wait_time")?,
            accreditations: t(self, "accreditations")?,
            licenses: t(self, "licenses")?,
            eligibility_description: t(self, "eligibility_description")?,
            minimum_age: t(self, "minimum_age")?,
            maximum_age: t(self, "maximum_age")?,
            alert: t(self, "alert")?,
            assured_date: t(self, "assured_date")?,
            last_modified: t(self, "last_modified")?,
            organization: org.cloned(),
            organization_phones: org_phones.to_vec(),
            ..Service::default()
        };
        if let Some(o) = m.get("organization").filter(|o| !o.is_null()) {
            let (own, phones) = self.organization_fields(o, &join(path, "organization"))?;
            s.organization = Some(own);
            if !phones.is_empty() {
                s.organization_phones = phones;
            }
        }
        if let Some(p) = m.get("program").filter(|p| !p.is_null()) {
            let pp = join(path, "program");
            let pm = self.object(p, &pp, "program", &PROGRAM)?;
            s.program = self.text(pm, "name", &pp)?;
        }
        self.phones_into(m, path, &mut s.phones)?;
        self.schedules_into(m, path, &Scope::Service, &mut s.schedules)?;
        self.areas_into(m, path, &mut s.areas)?;
        self.languages_into(m, path, &mut s.languages)?;
        let sp = join(path, "service_at_locations");
        for (i, sal) in self
            .list(m, "service_at_locations", path)?
            .iter()
            .enumerate()
        {
            self.sal_into(sal, &format!("{sp}[{i}]"), &mut s)?;
        }
        let cp = join(path, "cost_options");
        for (i, c) in self.list(m, "cost_options", path)?.iter().enumerate() {
            let p = format!("{cp}[{i}]");
            let cm = self.object(c, &p, "cost_option", &COST_OPTION)?;
            s.costs.push(Cost {
                option: self.text(cm, "option", &p)?,
                amount: self.text(cm, "amount", &p)?,
                currency: self.text(cm, "currency", &p)?,
                amount_description: self.text(cm, "amount_description", &p)?,
                valid_from: self.text(cm, "valid_from", &p)?,
                valid_to: self.text(cm, "valid_to", &p)?,
            });
        }
        let dp = join(path, "required_documents");
        for (i, d) in self.list(m, "required_documents", path)?.iter().enumerate() {
            let p = format!("{dp}[{i}]");
            let dm = self.object(d, &p, "required_document", &REQUIRED_DOCUMENT)?;
            if let Some(doc) = self.text(dm, "document", &p)? {
                s.documents.push(doc);
            }
        }
        let ap = join(path, "attributes");
        for (i, a) in self.list(m, "attributes", path)?.iter().enumerate() {
            let p = format!("{ap}[{i}]");
            if let Some(term) = self.attribute(a, &p)? {
                s.terms.push(term);
            }
        }
        Ok(s)
    }

    /// A `service_at_location_full` object: its service, at its location.
    fn service_at_location(&mut self, v: &Value, path: &str) -> Result<Service, ImportError> {
        let m = self.object(v, path, "service_at_location", &SERVICE_AT_LOCATION)?;
        let service = m.get("service").unwrap_or(&Value::Null);
        let mut s = self.service(service, &join(path, "service"), None, &[])?;
        self.sal_into(v, path, &mut s)?;
        Ok(s)
    }
}
