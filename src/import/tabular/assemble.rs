//! Assembling services from the rows of a package's tables: indexes of rows by the ids
//! they refer to, then each service with its organization, phones, locations,
//! addresses, schedules, areas, languages, costs and taxonomy terms.

use super::*;

/// Row indexes of `table` by the value of `column`.
pub(super) fn group<'a>(table: Option<&'a Table>, column: &str) -> HashMap<&'a str, Vec<usize>> {
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
pub(super) fn first<'a>(table: Option<&'a Table>, column: &str) -> HashMap<&'a str, usize> {
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

/// Indexes over every table, built once.
pub(super) struct Index<'a> {
    pub(super) t: &'a HashMap<&'static str, Table>,
    pub(super) organizations: HashMap<&'a str, usize>,
    pub(super) programs: HashMap<&'a str, usize>,
    pub(super) locations: HashMap<&'a str, usize>,
    pub(super) sal_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) sal_location: HashMap<&'a str, &'a str>,
    pub(super) phones_by_service: HashMap<&'a str, Vec<usize>>,
    pub(super) phones_by_sal: HashMap<&'a str, Vec<usize>>,
    pub(super) phones_by_location: HashMap<&'a str, Vec<usize>>,
    pub(super) phones_by_org: HashMap<&'a str, Vec<usize>>,
    pub(super) languages_by_phone: HashMap<&'a str, Vec<usize>>,
    pub(super) addresses: Vec<(&'static str, HashMap<&'a str, Vec<usize>>)>,
    /// Per schedule table: rows by service, by service-at-location, by location.
    pub(super) schedules: Vec<(&'static str, [Rows<'a>; 3])>,
    pub(super) by_service: HashMap<&'static str, HashMap<&'a str, Vec<usize>>>,
    pub(super) accessibility: Vec<(&'static str, HashMap<&'a str, Vec<usize>>)>,
    pub(super) terms: HashMap<&'a str, usize>,
    pub(super) terms_table: &'static str,
    pub(super) taxonomies: HashMap<&'a str, usize>,
    pub(super) attributes: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Index<'a> {
    pub(super) fn new(t: &'a HashMap<&'static str, Table>) -> Self {
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

    pub(super) fn table(&self, key: &str) -> Option<&'a Table> {
        self.t.get(key)
    }

    pub(super) fn rows_for(&self, key: &'static str, service: &str) -> Vec<(&'a Table, &'a Row)> {
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

    pub(super) fn term(&self, id: &str) -> Option<Term> {
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

pub(super) fn phone(idx: &Index<'_>, t: &Table, row: &Row) -> Option<Phone> {
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
pub(super) fn service(idx: &Index<'_>, st: &Table, row: &Row) -> Service {
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
