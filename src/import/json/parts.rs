//! From the typed HSDS 3.0 JSON objects ([`super::types`]) to the importer's model: a
//! service with its organization, program, phones, schedules, areas, languages,
//! locations and addresses, costs, documents and attributes; and which objects nest
//! which, to report the fields HSDS does not name.

use super::types;
use crate::import::hsds::{self, Object};
use crate::import::model::{
    Address, AddressKind, Area, Cost, Location, Organization, Phone, Schedule, Scope, Service, Term,
};

/// The importer's service from a typed `service` object, found at `path` (empty: the
/// file is the service), of the organization `org` (whose phones stand in when the
/// service has none of its own).
pub(super) fn service_of(
    t: types::Service,
    path: &str,
    org: Option<&Organization>,
    org_phones: &[Phone],
) -> Service {
    let mut s = Service {
        at: if path.is_empty() {
            "the service".to_owned()
        } else {
            path.to_owned()
        },
        id: t.id.0,
        name: t.name.0,
        alternate_name: t.alternate_name.0,
        description: t.description.0,
        url: t.url.0,
        email: t.email.0,
        status: t.status.0,
        interpretation_services: t.interpretation_services.0,
        application_process: t.application_process.0,
        fees_description: t.fees_description.0,
        fees: t.fees.0,
        wait_time: t.wait_time.0,
        accreditations: t.accreditations.0,
        licenses: t.licenses.0,
        eligibility_description: t.eligibility_description.0,
        minimum_age: t.minimum_age.0,
        maximum_age: t.maximum_age.0,
        alert: t.alert.0,
        assured_date: t.assured_date.0,
        last_modified: t.last_modified.0,
        organization: org.cloned(),
        organization_phones: org_phones.to_vec(),
        ..Service::default()
    };
    if let Some(o) = t.organization.0 {
        let (own, phones) = super::Reader::organization_fields(o);
        s.organization = Some(own);
        if !phones.is_empty() {
            s.organization_phones = phones;
        }
    }
    if let Some(p) = t.program.0 {
        s.program = p.name.0;
    }
    s.phones = phones_of(t.phones);
    s.schedules = schedules_of(t.schedules, &Scope::Service);
    s.areas = areas_of(t.service_areas);
    s.languages = languages_of(t.languages);
    let sp = super::join(path, "service_at_locations");
    for (i, sal) in t.service_at_locations.0.into_iter().enumerate() {
        sal_into(sal, &format!("{sp}[{i}]"), &mut s);
    }
    s.costs = t
        .cost_options
        .0
        .into_iter()
        .map(|c| Cost {
            option: c.option.0,
            amount: c.amount.0,
            currency: c.currency.0,
            amount_description: c.amount_description.0,
            valid_from: c.valid_from.0,
            valid_to: c.valid_to.0,
        })
        .collect();
    s.documents = t
        .required_documents
        .0
        .into_iter()
        .filter_map(|d| d.document.0)
        .collect();
    s.terms = t.attributes.0.into_iter().filter_map(term_of).collect();
    s
}

/// Adds what a service-at-location holds (its location, phones, schedules and areas)
/// to `s`; `path` names it when it has no location id.
pub(super) fn sal_into(sal: types::ServiceAtLocation, path: &str, s: &mut Service) {
    let mut key = sal
        .location_id
        .0
        .or_else(|| sal.id.0.clone())
        .unwrap_or_else(|| path.to_owned());
    let mut location = None;
    if let Some(l) = sal.location.0 {
        if let Some(id) = l.id.0 {
            key = id;
        }
        let name = l.name.0;
        let scope = Scope::Location(key.clone(), name.clone());
        let addresses = l
            .addresses
            .0
            .into_iter()
            .map(|a| Address {
                kind: match a.address_type.0.as_deref() {
                    Some(t) if t.eq_ignore_ascii_case("postal") => AddressKind::Postal,
                    Some(t) if t.eq_ignore_ascii_case("virtual") => AddressKind::Virtual,
                    _ => AddressKind::Physical,
                },
                lines: [a.address_1.0, a.address_2.0]
                    .into_iter()
                    .flatten()
                    .collect(),
                city: a.city.0,
                state_province: a.state_province.0,
                postal_code: a.postal_code.0,
                country: a.country.0,
            })
            .collect();
        let accessibility = l
            .accessibility
            .0
            .into_iter()
            .filter_map(|a| {
                let text: Vec<String> = [a.description.0, a.details.0]
                    .into_iter()
                    .flatten()
                    .collect();
                (!text.is_empty()).then(|| text.join(" "))
            })
            .collect();
        s.phones.extend(phones_of(l.phones));
        s.schedules.extend(schedules_of(l.schedules, &scope));
        location = Some(Location {
            id: Some(key.clone()),
            name,
            description: l.description.0,
            transportation: l.transportation.0,
            addresses,
            accessibility,
        });
    }
    let name = location.as_ref().and_then(|l| l.name.clone());
    let scope = Scope::Location(key, name);
    s.phones.extend(phones_of(sal.phones));
    s.schedules.extend(schedules_of(sal.schedules, &scope));
    s.areas.extend(areas_of(sal.service_areas));
    if let Some(loc) = location {
        s.locations.push(loc);
    }
}

/// Phones with a number (one without is no phone to offer).
pub(super) fn phones_of(list: types::List<types::Phone>) -> Vec<Phone> {
    list.0
        .into_iter()
        .filter_map(|p| {
            Some(Phone {
                number: p.number.0?,
                id: p.id.0,
                extension: p.extension.0,
                kind: p.r#type.0,
                description: p.description.0,
                department: None,
                languages: languages_of(p.languages),
            })
        })
        .collect()
}

fn schedules_of(list: types::List<types::Schedule>, scope: &Scope) -> Vec<Schedule> {
    list.0
        .into_iter()
        .map(|t| Schedule {
            id: t.id.0,
            scope: scope.clone(),
            weekday: None,
            freq: t.freq.0,
            interval: t.interval.0,
            byday: t.byday.0,
            byweekno: t.byweekno.0,
            bymonthday: t.bymonthday.0,
            byyearday: t.byyearday.0,
            count: t.count.0,
            until: t.until.0,
            dtstart: t.dtstart.0,
            valid_from: t.valid_from.0,
            valid_to: t.valid_to.0,
            timezone: t.timezone.0,
            opens_at: t.opens_at.0,
            closes_at: t.closes_at.0,
            description: t.description.0,
            notes: t.notes.0,
            attending_type: t.attending_type.0,
        })
        .collect()
}

fn areas_of(list: types::List<types::ServiceArea>) -> Vec<Area> {
    list.0
        .into_iter()
        .map(|a| Area {
            name: a.name.0,
            description: a.description.0,
        })
        .collect()
}

/// Languages by name, else by code.
fn languages_of(list: types::List<types::Language>) -> Vec<String> {
    list.0
        .into_iter()
        .filter_map(|l| l.name.0.or(l.code.0))
        .collect()
}

/// An attribute's taxonomy term, with the attribute's value; one with only the term's id
/// is nothing to show without the taxonomy terms table.
fn term_of(a: types::Attribute) -> Option<Term> {
    let t = a.taxonomy_term.0?;
    let detail = t.taxonomy_detail.0.and_then(|d| d.name.0);
    Some(Term {
        code: t.code.0,
        name: t.name.0,
        taxonomy: t.taxonomy.0.or(detail),
        value: a.value.0,
    })
}

/// The objects of HSDS 3.0 JSON the reader reads, to walk them for fields HSDS does not
/// name: each with its name in messages, its entry of [`hsds`], and what it nests.
#[derive(Debug, Clone, Copy)]
pub(super) enum Walk {
    Service,
    Organization,
    Program,
    Phone,
    Schedule,
    ServiceArea,
    Language,
    ServiceAtLocation,
    Location,
    Address,
    Accessibility,
    CostOption,
    RequiredDocument,
    Attribute,
    TaxonomyTerm,
}

impl Walk {
    /// Its name in messages and its fields.
    pub(super) const fn object(self) -> (&'static str, &'static Object) {
        match self {
            Self::Service => ("service", &hsds::SERVICE),
            Self::Organization => ("organization", &hsds::ORGANIZATION),
            Self::Program => ("program", &hsds::PROGRAM),
            Self::Phone => ("phone", &hsds::PHONE),
            Self::Schedule => ("schedule", &hsds::SCHEDULE),
            Self::ServiceArea => ("service_area", &hsds::SERVICE_AREA),
            Self::Language => ("language", &hsds::LANGUAGE),
            Self::ServiceAtLocation => ("service_at_location", &hsds::SERVICE_AT_LOCATION),
            Self::Location => ("location", &hsds::LOCATION),
            Self::Address => ("address", &hsds::ADDRESS),
            Self::Accessibility => ("accessibility", &hsds::ACCESSIBILITY),
            Self::CostOption => ("cost_option", &hsds::COST_OPTION),
            Self::RequiredDocument => ("required_document", &hsds::REQUIRED_DOCUMENT),
            Self::Attribute => ("attribute", &hsds::ATTRIBUTE),
            Self::TaxonomyTerm => ("taxonomy_term", &hsds::TAXONOMY_TERM),
        }
    }

    /// What it nests that the reader reads: the key and the object there.
    pub(super) const fn nested(self) -> &'static [(&'static str, Self)] {
        match self {
            Self::Service => &[
                ("organization", Self::Organization),
                ("program", Self::Program),
                ("phones", Self::Phone),
                ("schedules", Self::Schedule),
                ("service_areas", Self::ServiceArea),
                ("languages", Self::Language),
                ("service_at_locations", Self::ServiceAtLocation),
                ("cost_options", Self::CostOption),
                ("required_documents", Self::RequiredDocument),
                ("attributes", Self::Attribute),
            ],
            Self::Organization => &[("phones", Self::Phone)],
            Self::Phone => &[("languages", Self::Language)],
            Self::ServiceAtLocation => &[
                ("location", Self::Location),
                ("phones", Self::Phone),
                ("schedules", Self::Schedule),
                ("service_areas", Self::ServiceArea),
            ],
            Self::Location => &[
                ("addresses", Self::Address),
                ("accessibility", Self::Accessibility),
                ("phones", Self::Phone),
                ("schedules", Self::Schedule),
            ],
            Self::Attribute => &[("taxonomy_term", Self::TaxonomyTerm)],
            _ => &[],
        }
    }
}

/// The kinds a typed object stands for, so that the two agree: each typed object's
/// name in messages is its walk's.
#[cfg(test)]
pub(super) fn kinds_agree() -> bool {
    use types::Kind;
    [
        (types::Service::KIND, Walk::Service),
        (types::Organization::KIND, Walk::Organization),
        (types::Program::KIND, Walk::Program),
        (types::Phone::KIND, Walk::Phone),
        (types::Schedule::KIND, Walk::Schedule),
        (types::ServiceArea::KIND, Walk::ServiceArea),
        (types::Language::KIND, Walk::Language),
        (types::ServiceAtLocation::KIND, Walk::ServiceAtLocation),
        (types::Location::KIND, Walk::Location),
        (types::Address::KIND, Walk::Address),
        (types::Accessibility::KIND, Walk::Accessibility),
        (types::CostOption::KIND, Walk::CostOption),
        (types::RequiredDocument::KIND, Walk::RequiredDocument),
        (types::Attribute::KIND, Walk::Attribute),
        (types::TaxonomyTerm::KIND, Walk::TaxonomyTerm),
    ]
    .iter()
    .all(|(kind, walk)| walk.object().0 == *kind)
}

#[cfg(test)]
mod tests {
    use crate::import::json::read;

    fn error_of(json: &str) -> (Option<String>, String) {
        let e = read("t.json", json.as_bytes()).unwrap_err();
        (e.path, e.message)
    }

    #[test]
    fn every_typed_object_is_walked_under_its_own_name() {
        assert!(super::kinds_agree());
    }

    #[test]
    fn a_wrong_type_is_reported_at_its_path_in_words() {
        let page = r#"{"contents": [{"name": "A", "status": "active"},
            {"name": "B", "status": "active", "phones": [{"number": ["1"]}]}],
            "page_number": 1, "total_pages": 1}"#;
        assert_eq!(
            error_of(page),
            (
                Some("contents[1].phones[0].number".to_owned()),
                "expected text, found a list".to_owned()
            )
        );
        let org = r#"{"name": "O", "website": "https://example.org",
            "services": [{"name": "S", "schedules": ["monday"]}]}"#;
        assert_eq!(
            error_of(org),
            (
                Some("services[0].schedules[0]".to_owned()),
                "expected an object (schedule), found text".to_owned()
            )
        );
        let sal = r#"{"id": "x", "service": {"name": "S", "phones": {}}, "location": 5}"#;
        assert_eq!(
            error_of(sal),
            (
                Some("service.phones".to_owned()),
                "expected a list, found an object".to_owned()
            )
        );
        let sal = r#"{"id": "x", "service": {"name": "S"}, "location": 5}"#;
        assert_eq!(
            error_of(sal),
            (
                Some("location".to_owned()),
                "expected an object (location), found a number".to_owned()
            )
        );
        let service = r#"{"name": "S", "status": "active", "service_areas": 3}"#;
        assert_eq!(
            error_of(service),
            (
                Some("service_areas".to_owned()),
                "expected a list, found a number".to_owned()
            )
        );
    }

    #[test]
    fn text_is_lenient_and_unknown_fields_are_counted_where_they_stand() {
        let service = r#"{"name": "  S  ", "status": "active", "minimum_age": 18,
            "maximum_age": 1.0, "alert": true, "favourite": 1,
            "phones": [{"number": "555-0100", "shoe_size": 9}, {"type": "voice"}],
            "attributes": [{"value": "x", "taxonomy_term": {"name": "T",
                "taxonomy_detail": "not an object"}}]}"#;
        let input = read("t.json", service.as_bytes()).unwrap();
        let s = &input.services[0];
        assert_eq!(s.name.as_deref(), Some("S"));
        assert_eq!(s.minimum_age.as_deref(), Some("18"));
        assert_eq!(s.maximum_age.as_deref(), Some("1.0"));
        assert_eq!(s.alert.as_deref(), Some("true"));
        // A phone without a number is no phone.
        assert_eq!(s.phones.len(), 1);
        assert_eq!(s.terms[0].name.as_deref(), Some("T"));
        assert_eq!(s.terms[0].taxonomy, None);
        assert_eq!(input.unknown_fields["service.favourite"], 1);
        assert_eq!(input.unknown_fields["phone.shoe_size"], 1);
        assert_eq!(input.unknown_fields.len(), 2, "{:?}", input.unknown_fields);
    }
}
