//! A data table: the tables of HSDS tabular data packages in versions 1.1, 2.0 and
//! 3.0 — their resource and file names, the columns the specification gives each, and
//! whether the importer reads it — and the tables that tell one version from another.
//! The columns of the tables that hold an HSDS 3.0 object are those of [`hsds`], which
//! the JSON reader shares; `known` lists only what a table has beyond them.

use crate::import::hsds;

/// A table of the specification: its resource names in `datapackage.json`, its usual
/// file names, the columns the specification gives it (`known`, and its object's), and
/// whether the importer reads it.
pub(super) struct Spec {
    pub(super) key: &'static str,
    pub(super) resources: &'static [&'static str],
    pub(super) files: &'static [&'static str],
    pub(super) known: &'static [&'static str],
    /// The HSDS 3.0 object the table holds, whose columns it knows too
    /// ([`hsds::Object::csv_knows`]).
    pub(super) object: Option<&'static hsds::Object>,
    pub(super) used: bool,
}

pub(super) const ADDRESS_1_1: &[&str] = &[
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

pub(super) const SPECS: &[Spec] = &[
    Spec {
        key: "organizations",
        resources: &["organization", "organizations"],
        files: &["organizations.csv"],
        known: &[],
        object: Some(&hsds::ORGANIZATION),
        used: true,
    },
    Spec {
        key: "services",
        resources: &["service", "services"],
        files: &["services.csv"],
        known: &[],
        object: Some(&hsds::SERVICE),
        used: true,
    },
    Spec {
        key: "programs",
        resources: &["program", "programs"],
        files: &["programs.csv"],
        known: &[],
        object: Some(&hsds::PROGRAM),
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
        known: &[],
        object: Some(&hsds::SERVICE_AT_LOCATION),
        used: true,
    },
    Spec {
        key: "locations",
        resources: &["location", "locations"],
        files: &["locations.csv"],
        known: &[],
        object: Some(&hsds::LOCATION),
        used: true,
    },
    Spec {
        key: "phones",
        resources: &["phone", "phones"],
        files: &["phones.csv"],
        known: &[],
        object: Some(&hsds::PHONE),
        used: true,
    },
    Spec {
        key: "addresses",
        resources: &["address", "addresses"],
        files: &["addresses.csv"],
        known: &[],
        object: Some(&hsds::ADDRESS),
        used: true,
    },
    Spec {
        key: "physical_addresses",
        resources: &["physical_address", "physical_addresses"],
        files: &["physical_addresses.csv"],
        known: ADDRESS_1_1,
        object: None,
        used: true,
    },
    Spec {
        key: "postal_addresses",
        resources: &["postal_address", "postal_addresses"],
        files: &["postal_addresses.csv"],
        known: ADDRESS_1_1,
        object: None,
        used: true,
    },
    Spec {
        key: "schedules",
        resources: &["schedule", "schedules"],
        files: &["schedules.csv"],
        known: &[],
        object: Some(&hsds::SCHEDULE),
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
        object: None,
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
        object: None,
        used: true,
    },
    Spec {
        key: "service_areas",
        resources: &["service_area", "service_areas"],
        files: &["service_areas.csv"],
        known: &[],
        object: Some(&hsds::SERVICE_AREA),
        used: true,
    },
    Spec {
        key: "eligibility",
        resources: &["eligibility"],
        files: &["eligibility.csv"],
        known: &["id", "service_id", "eligibility"],
        object: None,
        used: true,
    },
    Spec {
        key: "required_documents",
        resources: &["required_document", "required_documents"],
        files: &["required_documents.csv"],
        known: &[],
        object: Some(&hsds::REQUIRED_DOCUMENT),
        used: true,
    },
    Spec {
        key: "payments_accepted",
        resources: &["payment_accepted", "payments_accepted"],
        files: &["payments_accepted.csv"],
        known: &["id", "service_id", "payment"],
        object: None,
        used: true,
    },
    Spec {
        key: "languages",
        resources: &["language", "languages"],
        files: &["languages.csv"],
        known: &[],
        object: Some(&hsds::LANGUAGE),
        used: true,
    },
    Spec {
        key: "accessibility_for_disabilities",
        resources: &["accessibility_for_disabilities"],
        files: &["accessibility_for_disabilities.csv"],
        known: &["id", "location_id", "accessibility", "details"],
        object: None,
        used: true,
    },
    Spec {
        key: "accessibility",
        resources: &["accessibility"],
        files: &["accessibility.csv"],
        known: &[],
        object: Some(&hsds::ACCESSIBILITY),
        used: true,
    },
    Spec {
        key: "taxonomy",
        resources: &["taxonomy"],
        files: &["taxonomy.csv"],
        known: &["id", "name", "parent_id", "parent_name", "vocabulary"],
        object: None,
        used: true,
    },
    Spec {
        key: "taxonomy_terms",
        resources: &["taxonomy_term", "taxonomy_terms"],
        files: &["taxonomy_terms.csv"],
        known: &[],
        object: Some(&hsds::TAXONOMY_TERM),
        used: true,
    },
    Spec {
        key: "taxonomies",
        resources: &["taxonomies"],
        files: &["taxonomies.csv"],
        known: &["id", "name", "description", "uri", "version"],
        object: None,
        used: true,
    },
    Spec {
        key: "services_taxonomy",
        resources: &["service_taxonomy", "services_taxonomy"],
        files: &["services_taxonomy.csv", "service_taxonomy.csv"],
        known: &["id", "service_id", "taxonomy_id", "taxonomy_detail"],
        object: None,
        used: true,
    },
    Spec {
        key: "service_attributes",
        resources: &["service_attribute", "service_attributes"],
        files: &["service_attributes.csv"],
        known: &["id", "service_id", "taxonomy_term_id", "taxonomy_detail"],
        object: None,
        used: true,
    },
    Spec {
        key: "attributes",
        resources: &["attribute", "attributes"],
        files: &["attributes.csv"],
        known: &[],
        object: Some(&hsds::ATTRIBUTE),
        used: true,
    },
    Spec {
        key: "cost_options",
        resources: &["cost_option", "cost_options"],
        files: &["cost_options.csv"],
        known: &[],
        object: Some(&hsds::COST_OPTION),
        used: true,
    },
    // Tables of the specification that say nothing a reader of the directory needs.
    Spec {
        key: "contacts",
        resources: &["contact", "contacts"],
        files: &["contacts.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "funding",
        resources: &["funding"],
        files: &["funding.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "other_attributes",
        resources: &["other_attribute", "other_attributes"],
        files: &["other_attributes.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "metadata",
        resources: &["metadata"],
        files: &["metadata.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "meta_table_descriptions",
        resources: &["meta_table_description", "meta_table_descriptions"],
        files: &["meta_table_descriptions.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "organization_identifiers",
        resources: &["organization_identifier", "organization_identifiers"],
        files: &["organization_identifiers.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "urls",
        resources: &["url", "urls"],
        files: &["urls.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "service_capacities",
        resources: &["service_capacity", "service_capacities"],
        files: &["service_capacities.csv"],
        known: &[],
        object: None,
        used: false,
    },
    Spec {
        key: "units",
        resources: &["unit", "units"],
        files: &["units.csv"],
        known: &[],
        object: None,
        used: false,
    },
];

/// Tables only HSDS 3.0 has.
pub(super) const V3_TABLES: &[&str] = &["addresses", "attributes", "accessibility", "cost_options"];

/// Tables only HSDS 1.1 has.
pub(super) const V1_TABLES: &[&str] = &["regular_schedules", "services_taxonomy", "taxonomy"];

/// Tables only HSDS 2.0 has.
pub(super) const V2_TABLES: &[&str] = &["service_attributes", "other_attributes"];

/// Tables HSDS 1.1 and 2.0 have and 3.0 does not.
pub(super) const OLD_TABLES: &[&str] = &[
    "physical_addresses",
    "postal_addresses",
    "accessibility_for_disabilities",
    "eligibility",
    "payments_accepted",
    "holiday_schedules",
];
