//! A data table: the objects of HSDS 3.0 (Open Referral's Human Services Data
//! Specification) and their fields, once for both of the importer's readers. Each
//! object's plain fields are the columns of its CSV table in a tabular data package and
//! the plain fields of its JSON object; the JSON form also nests other objects in it,
//! and the tables of HSDS 1.1 and 2.0 of the same name have some columns of their own.
//! The readers report what a file holds beyond these.

/// One object of HSDS 3.0.
#[derive(Debug)]
pub struct Object {
    /// Its plain fields: its table's columns and its JSON object's fields.
    pub fields: &'static [&'static str],
    /// What its JSON object nests in it (lists and objects), besides the plain fields.
    pub nested: &'static [&'static str],
    /// Columns its table has in HSDS 1.1 or 2.0, besides the plain fields.
    pub older: &'static [&'static str],
}

impl Object {
    /// Whether a field of the JSON object is one of the specification's.
    #[must_use]
    pub fn json_knows(&self, field: &str) -> bool {
        self.fields.contains(&field) || self.nested.contains(&field)
    }

    /// Whether a column of the table is one of the specification's (in any version).
    #[must_use]
    pub fn csv_knows(&self, column: &str) -> bool {
        self.fields.contains(&column) || self.older.contains(&column)
    }
}

pub const SERVICE: Object = Object {
    fields: &[
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
    ],
    nested: &[
        "additional_urls",
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
    ],
    older: &["taxonomy_ids"],
};

pub const ORGANIZATION: Object = Object {
    fields: &[
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "uri",
        "parent_organization_id",
    ],
    nested: &[
        "additional_websites",
        "funding",
        "contacts",
        "phones",
        "locations",
        "programs",
        "organization_identifiers",
        "attributes",
        "metadata",
        "services",
    ],
    older: &["url"],
};

pub const PHONE: Object = Object {
    fields: &[
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
    ],
    nested: &["languages", "attributes", "metadata"],
    older: &["language", "department"],
};

pub const SCHEDULE: Object = Object {
    fields: &[
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
    nested: &["attributes", "metadata"],
    older: &[],
};

pub const SERVICE_AREA: Object = Object {
    fields: &[
        "id",
        "service_id",
        "service_at_location_id",
        "name",
        "description",
        "extent",
        "extent_type",
        "uri",
    ],
    nested: &["attributes", "metadata"],
    older: &["service_area"],
};

pub const SERVICE_AT_LOCATION: Object = Object {
    fields: &["id", "service_id", "location_id", "description"],
    nested: &[
        "service_areas",
        "contacts",
        "phones",
        "schedules",
        "location",
        "service",
        "attributes",
        "metadata",
    ],
    older: &[],
};

pub const LOCATION: Object = Object {
    fields: &[
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
    nested: &[
        "languages",
        "addresses",
        "contacts",
        "accessibility",
        "phones",
        "schedules",
        "attributes",
        "metadata",
    ],
    older: &[],
};

pub const ADDRESS: Object = Object {
    fields: &[
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
    nested: &["attributes", "metadata"],
    older: &[],
};

pub const LANGUAGE: Object = Object {
    fields: &[
        "id",
        "service_id",
        "location_id",
        "phone_id",
        "name",
        "code",
        "note",
    ],
    nested: &["attributes", "metadata"],
    older: &["language"],
};

pub const ATTRIBUTE: Object = Object {
    fields: &[
        "id",
        "link_id",
        "taxonomy_term_id",
        "link_type",
        "link_entity",
        "value",
        "label",
    ],
    nested: &["taxonomy_term", "metadata"],
    older: &[],
};

pub const TAXONOMY_TERM: Object = Object {
    fields: &[
        "id",
        "code",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "language",
        "taxonomy_id",
        "term_uri",
    ],
    nested: &["taxonomy_detail", "metadata"],
    older: &["vocabulary"],
};

pub const COST_OPTION: Object = Object {
    fields: &[
        "id",
        "service_id",
        "valid_from",
        "valid_to",
        "option",
        "currency",
        "amount",
        "amount_description",
    ],
    nested: &["attributes", "metadata"],
    older: &[],
};

pub const REQUIRED_DOCUMENT: Object = Object {
    fields: &["id", "service_id", "document", "uri"],
    nested: &["attributes", "metadata"],
    older: &[],
};

pub const ACCESSIBILITY: Object = Object {
    fields: &["id", "location_id", "description", "details", "url"],
    nested: &["attributes", "metadata"],
    older: &[],
};

pub const PROGRAM: Object = Object {
    fields: &[
        "id",
        "organization_id",
        "name",
        "alternate_name",
        "description",
    ],
    nested: &["attributes", "metadata"],
    older: &[],
};

pub const PAGE: Object = Object {
    fields: &[
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    nested: &[],
    older: &[],
};

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&Object; 16] = [
        &PAGE,
        &SERVICE,
        &ORGANIZATION,
        &PHONE,
        &SCHEDULE,
        &SERVICE_AREA,
        &SERVICE_AT_LOCATION,
        &LOCATION,
        &ADDRESS,
        &LANGUAGE,
        &ATTRIBUTE,
        &TAXONOMY_TERM,
        &COST_OPTION,
        &REQUIRED_DOCUMENT,
        &ACCESSIBILITY,
        &PROGRAM,
    ];

    #[test]
    fn each_name_stands_once_in_an_object() {
        for o in ALL {
            let mut all: Vec<&str> = [o.fields, o.nested, o.older].concat();
            let n = all.len();
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), n, "{o:?}");
            // What the JSON form knows and what the table knows differ only by the
            // nested objects and the older columns.
            for f in o.fields {
                assert!(o.json_knows(f) && o.csv_knows(f));
            }
            for f in o.nested {
                assert!(o.json_knows(f) && !o.csv_knows(f));
            }
            for f in o.older {
                assert!(!o.json_knows(f) && o.csv_knows(f));
            }
        }
        assert!(SERVICE.json_knows("phones") && !SERVICE.csv_knows("phones"));
        assert!(PHONE.csv_knows("department") && !PHONE.json_knows("department"));
    }
}
