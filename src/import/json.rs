//! Reading HSDS 3.0 JSON: one service (`service_full`), a service at a location
//! (`service_at_location_full`), an organisation with its services
//! (`organization_full`), a page of any of these (`{"contents": [...]}`) or an array.

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

const PAGE: &[&str] = &[
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
];
const SERVICE: &[&str] = &[
    "id",
    "organization_id",
    "program_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "additional_urls",
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
    "phones",
    "schedules",
    "service_areas",
    "service_at_locations",
    "languages",
    "organization",
    "funding",
    "cost_options",
    "program",
    "required_documents",
    "contacts",
    "attributes",
    "metadata",
    "capacities",
];
const ORGANIZATION: &[&str] = &[
    "id",
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "additional_websites",
    "tax_status",
    "tax_id",
    "year_incorporated",
    "legal_status",
    "logo",
    "uri",
    "parent_organization_id",
    "funding",
    "contacts",
    "phones",
    "locations",
    "programs",
    "organization_identifiers",
    "attributes",
    "metadata",
    "services",
];
const PHONE: &[&str] = &[
    "id",
    "location_id",
    "service_id",
    "organization_id",
    "contact_id",
    "service_at_location_id",
    "number",
    "extension",
    "type",
    "description",
    "languages",
    "attributes",
    "metadata",
];
const SCHEDULE: &[&str] = &[
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
    "attributes",
    "metadata",
];
const SERVICE_AREA: &[&str] = &[
    "id",
    "service_id",
    "service_at_location_id",
    "name",
    "description",
    "extent",
    "extent_type",
    "uri",
    "attributes",
    "metadata",
];
const SERVICE_AT_LOCATION: &[&str] = &[
    "id",
    "service_id",
    "location_id",
    "description",
    "service_areas",
    "contacts",
    "phones",
    "schedules",
    "location",
    "service",
    "attributes",
    "metadata",
];
const LOCATION: &[&str] = &[
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
    "languages",
    "addresses",
    "contacts",
    "accessibility",
    "phones",
    "schedules",
    "attributes",
    "metadata",
];
const ADDRESS: &[&str] = &[
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
    "attributes",
    "metadata",
];
const LANGUAGE: &[&str] = &[
    "id",
    "service_id",
    "location_id",
    "phone_id",
    "name",
    "code",
    "note",
    "attributes",
    "metadata",
];
const ATTRIBUTE: &[&str] = &[
    "id",
    "link_id",
    "taxonomy_term_id",
    "link_type",
    "link_entity",
    "value",
    "label",
    "taxonomy_term",
    "metadata",
];
const TAXONOMY_TERM: &[&str] = &[
    "id",
    "code",
    "name",
    "description",
    "parent_id",
    "taxonomy",
    "taxonomy_detail",
    "language",
    "taxonomy_id",
    "term_uri",
    "metadata",
];
const COST_OPTION: &[&str] = &[
    "id",
    "service_id",
    "valid_from",
    "valid_to",
    "option",
    "currency",
    "amount",
    "amount_description",
    "attributes",
    "metadata",
];
const REQUIRED_DOCUMENT: &[&str] = &[
    "id",
    "service_id",
    "document",
    "uri",
    "attributes",
    "metadata",
];
const ACCESSIBILITY: &[&str] = &[
    "id",
    "location_id",
    "description",
    "details",
    "url",
    "attributes",
    "metadata",
];
const PROGRAM: &[&str] = &[
    "id",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "attributes",
    "metadata",
];

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
        known: &[&str],
    ) -> Result<&'v Map<String, Value>, ImportError> {
        let Value::Object(m) = v else {
            return Err(self.err(
                path,
                format!("expected an object ({kind}), found {}", type_name(v)),
            ));
        };
        for k in m.keys() {
            if !known.contains(&k.as_str()) {
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
            if !PAGE.contains(&k.as_str()) && k != "version" {
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
        let m = self.object(v, path, "organization", ORGANIZATION)?;
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
        let m = self.object(v, path, "service", SERVICE)?;
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
            let pm = self.object(p, &pp, "program", PROGRAM)?;
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
            let cm = self.object(c, &p, "cost_option", COST_OPTION)?;
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
            let dm = self.object(d, &p, "required_document", REQUIRED_DOCUMENT)?;
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
        let m = self.object(v, path, "service_at_location", SERVICE_AT_LOCATION)?;
        let service = m.get("service").unwrap_or(&Value::Null);
        let mut s = self.service(service, &join(path, "service"), None, &[])?;
        self.sal_into(v, path, &mut s)?;
        Ok(s)
    }

    /// Adds what a service-at-location holds (its location, phones, schedules and areas)
    /// to `s`.
    fn sal_into(&mut self, v: &Value, path: &str, s: &mut Service) -> Result<(), ImportError> {
        let m = self.object(v, path, "service_at_location", SERVICE_AT_LOCATION)?;
        let sal_id = self.text(m, "id", path)?;
        let mut key = self
            .text(m, "location_id", path)?
            .or_else(|| sal_id.clone())
            .unwrap_or_else(|| path.to_owned());
        let mut location = None;
        if let Some(l) = m.get("location").filter(|l| !l.is_null()) {
            let lp = join(path, "location");
            let lm = self.object(l, &lp, "location", LOCATION)?;
            if let Some(id) = self.text(lm, "id", &lp)? {
                key = id;
            }
            let name = self.text(lm, "name", &lp)?;
            let scope = Scope::Location(key.clone(), name.clone());
            let mut loc = Location {
                id: Some(key.clone()),
                name,
                description: self.text(lm, "description", &lp)?,
                transportation: self.text(lm, "transportation", &lp)?,
                ..Location::default()
            };
            let adp = join(&lp, "addresses");
            for (i, a) in self.list(lm, "addresses", &lp)?.iter().enumerate() {
                let p = format!("{adp}[{i}]");
                let am = self.object(a, &p, "address", ADDRESS)?;
                let kind = match self.text(am, "address_type", &p)?.as_deref() {
                    Some(t) if t.eq_ignore_ascii_case("postal") => AddressKind::Postal,
                    Some(t) if t.eq_ignore_ascii_case("virtual") => AddressKind::Virtual,
                    _ => AddressKind::Physical,
                };
                let lines = [
                    self.text(am, "address_1", &p)?,
                    self.text(am, "address_2", &p)?,
                ]
                .into_iter()
                .flatten()
                .collect();
                loc.addresses.push(Address {
                    kind,
                    lines,
                    city: self.text(am, "city", &p)?,
                    state_province: self.text(am, "state_province", &p)?,
                    postal_code: self.text(am, "postal_code", &p)?,
                    country: self.text(am, "country", &p)?,
                });
            }
            let acp = join(&lp, "accessibility");
            for (i, a) in self.list(lm, "accessibility", &lp)?.iter().enumerate() {
                let p = format!("{acp}[{i}]");
                let am = self.object(a, &p, "accessibility", ACCESSIBILITY)?;
                let text: Vec<String> = [
                    self.text(am, "description", &p)?,
                    self.text(am, "details", &p)?,
                ]
                .into_iter()
                .flatten()
                .collect();
                if !text.is_empty() {
                    loc.accessibility.push(text.join(" "));
                }
            }
            self.phones_into(lm, &lp, &mut s.phones)?;
            self.schedules_into(lm, &lp, &scope, &mut s.schedules)?;
            location = Some(loc);
        }
        let name = location.as_ref().and_then(|l| l.name.clone());
        let scope = Scope::Location(key, name);
        self.phones_into(m, path, &mut s.phones)?;
        self.schedules_into(m, path, &scope, &mut s.schedules)?;
        self.areas_into(m, path, &mut s.areas)?;
        if let Some(loc) = location {
            s.locations.push(loc);
        }
        Ok(())
    }

    fn phone(&mut self, v: &Value, path: &str) -> Result<Option<Phone>, ImportError> {
        let m = self.object(v, path, "phone", PHONE)?;
        let Some(number) = self.text(m, "number", path)? else {
            return Ok(None);
        };
        let mut languages = Vec::new();
        self.languages_into(m, path, &mut languages)?;
        Ok(Some(Phone {
            id: self.text(m, "id", path)?,
            number,
            extension: self.text(m, "extension", path)?,
            kind: self.text(m, "type", path)?,
            description: self.text(m, "description", path)?,
            department: None,
            languages,
        }))
    }

    fn phones_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        out: &mut Vec<Phone>,
    ) -> Result<(), ImportError> {
        let pp = join(path, "phones");
        for (i, p) in self.list(m, "phones", path)?.iter().enumerate() {
            if let Some(p) = self.phone(p, &format!("{pp}[{i}]"))? {
                out.push(p);
            }
        }
        Ok(())
    }

    fn schedules_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        scope: &Scope,
        out: &mut Vec<Schedule>,
    ) -> Result<(), ImportError> {
        let sp = join(path, "schedules");
        for (i, v) in self.list(m, "schedules", path)?.iter().enumerate() {
            let p = format!("{sp}[{i}]");
            let sm = self.object(v, &p, "schedule", SCHEDULE)?;
            let t = |r: &Self, k: &str| r.text(sm, k, &p);
            out.push(Schedule {
                id: t(self, "id")?,
                scope: scope.clone(),
                weekday: None,
                freq: t(self, "freq")?,
                interval: t(self, "interval")?,
                byday: t(self, "byday")?,
                byweekno: t(self, "byweekno")?,
                bymonthday: t(self, "bymonthday")?,
                byyearday: t(self, "byyearday")?,
                count: t(self, "count")?,
                until: t(self, "until")?,
                dtstart: t(self, "dtstart")?,
                valid_from: t(self, "valid_from")?,
                valid_to: t(self, "valid_to")?,
                timezone: t(self, "timezone")?,
                opens_at: t(self, "opens_at")?,
                closes_at: t(self, "closes_at")?,
                description: t(self, "description")?,
                notes: t(self, "notes")?,
                attending_type: t(self, "attending_type")?,
            });
        }
        Ok(())
    }

    fn areas_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        out: &mut Vec<Area>,
    ) -> Result<(), ImportError> {
        let ap = join(path, "service_areas");
        for (i, v) in self.list(m, "service_areas", path)?.iter().enumerate() {
            let p = format!("{ap}[{i}]");
            let am = self.object(v, &p, "service_area", SERVICE_AREA)?;
            out.push(Area {
                name: self.text(am, "name", &p)?,
                description: self.text(am, "description", &p)?,
            });
        }
        Ok(())
    }

    fn languages_into(
        &mut self,
        m: &Map<String, Value>,
        path: &str,
        out: &mut Vec<String>,
    ) -> Result<(), ImportError> {
        let lp = join(path, "languages");
        for (i, v) in self.list(m, "languages", path)?.iter().enumerate() {
            let p = format!("{lp}[{i}]");
            let lm = self.object(v, &p, "language", LANGUAGE)?;
            let name = match self.text(lm, "name", &p)? {
                Some(n) => Some(n),
                None => self.text(lm, "code", &p)?,
            };
            if let Some(n) = name {
                out.push(n);
            }
        }
        Ok(())
    }

    fn attribute(&mut self, v: &Value, path: &str) -> Result<Option<Term>, ImportError> {
        let m = self.object(v, path, "attribute", ATTRIBUTE)?;
        let value = self.text(m, "value", path)?;
        let Some(t) = m.get("taxonomy_term").filter(|t| !t.is_null()) else {
            // Only the term's id: nothing to show without the taxonomy terms table.
            return Ok(None);
        };
        let tp = join(path, "taxonomy_term");
        let tm = self.object(t, &tp, "taxonomy_term", TAXONOMY_TERM)?;
        let detail_name = match tm.get("taxonomy_detail") {
            Some(Value::Object(d)) => self.text(d, "name", &join(&tp, "taxonomy_detail"))?,
            _ => None,
        };
        Ok(Some(Term {
            code: self.text(tm, "code", &tp)?,
            name: self.text(tm, "name", &tp)?,
            taxonomy: match self.text(tm, "taxonomy", &tp)? {
                Some(t) => Some(t),
                None => detail_name,
            },
            value,
        }))
    }
}
