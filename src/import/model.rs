//! What the readers of each HSDS shape produce: one plain, version-neutral description
//! of a service with everything linked to it, before any conversion.
//!
//! Every value is text as the source writes it (trimmed; numbers written as text), or
//! absent. Nothing here is checked or interpreted yet: that is [`super::convert`]'s job.

/// A service with what the source links to it.
#[derive(Debug, Clone, Default)]
pub struct Service {
    /// Where the service is in the input, for messages ("services.csv row 4", "contents\[2\]").
    pub at: String,
    /// The source's id.
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Another name.
    pub alternate_name: Option<String>,
    /// Description (may hold HTML, which the specification allows).
    pub description: Option<String>,
    /// Web address.
    pub url: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// `active`, `inactive`, `defunct` or `temporarily closed`.
    pub status: Option<String>,
    /// Interpretation services.
    pub interpretation_services: Option<String>,
    /// How to apply.
    pub application_process: Option<String>,
    /// Fees (3.0).
    pub fees_description: Option<String>,
    /// Fees (1.1, deprecated in 3.0).
    pub fees: Option<String>,
    /// Wait time.
    pub wait_time: Option<String>,
    /// Accreditations.
    pub accreditations: Option<String>,
    /// Licences.
    pub licenses: Option<String>,
    /// Who the service is for (3.0).
    pub eligibility_description: Option<String>,
    /// Youngest age served.
    pub minimum_age: Option<String>,
    /// Oldest age served.
    pub maximum_age: Option<String>,
    /// A notice about the service.
    pub alert: Option<String>,
    /// When the information was last checked (3.0).
    pub assured_date: Option<String>,
    /// When the information last changed (3.0).
    pub last_modified: Option<String>,
    /// The program the service belongs to, by name.
    pub program: Option<String>,
    /// The organisation that runs it.
    pub organization: Option<Organization>,
    /// Phones of the service, of its service-at-locations and of its locations.
    pub phones: Vec<Phone>,
    /// Phones of the organisation, used only when the service has none of its own.
    pub organization_phones: Vec<Phone>,
    /// Regular schedules.
    pub schedules: Vec<Schedule>,
    /// Holiday schedules (1.1).
    pub holidays: Vec<Holiday>,
    /// Service areas.
    pub areas: Vec<Area>,
    /// Languages the service is delivered in.
    pub languages: Vec<String>,
    /// Where it is delivered.
    pub locations: Vec<Location>,
    /// Eligibility rows (1.1, 2.0).
    pub eligibility: Vec<String>,
    /// Required documents.
    pub documents: Vec<String>,
    /// Payments accepted (1.1, 2.0).
    pub payments: Vec<String>,
    /// Cost options (3.0).
    pub costs: Vec<Cost>,
    /// Taxonomy terms and attributes.
    pub terms: Vec<Term>,
}

/// An organisation.
#[derive(Debug, Clone, Default)]
pub struct Organization {
    /// Name.
    pub name: Option<String>,
    /// Web address (`website` in 3.0, `url` in 1.1).
    pub url: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// A phone as the source gives it.
#[derive(Debug, Clone, Default)]
pub struct Phone {
    /// The source's id, to drop repeats of the same phone.
    pub id: Option<String>,
    /// The number as written.
    pub number: String,
    /// The extension as written.
    pub extension: Option<String>,
    /// The type: `voice`, `text`, `fax`, `cell`, `video`, `pager`, `textphone`.
    pub kind: Option<String>,
    /// A description of the line.
    pub description: Option<String>,
    /// Department (1.1).
    pub department: Option<String>,
    /// Languages spoken on the line.
    pub languages: Vec<String>,
}

/// Where a schedule applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// The whole service.
    #[default]
    Service,
    /// The service at one location: the location's key and name.
    Location(String, Option<String>),
}

/// One schedule row (1.1 `regular_schedules`, or a 2.0/3.0 RRULE-style `schedules` row).
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    /// The source's id, to drop repeats.
    pub id: Option<String>,
    /// Where it applies.
    pub scope: Scope,
    /// 1.1: the day of the week.
    pub weekday: Option<String>,
    /// RRULE `FREQ`.
    pub freq: Option<String>,
    /// RRULE `INTERVAL`.
    pub interval: Option<String>,
    /// RRULE `BYDAY`.
    pub byday: Option<String>,
    /// RRULE `BYWEEKNO`.
    pub byweekno: Option<String>,
    /// RRULE `BYMONTHDAY`.
    pub bymonthday: Option<String>,
    /// RRULE `BYYEARDAY`.
    pub byyearday: Option<String>,
    /// RRULE `COUNT`.
    pub count: Option<String>,
    /// RRULE `UNTIL`.
    pub until: Option<String>,
    /// RRULE `DTSTART`.
    pub dtstart: Option<String>,
    /// First date the schedule is valid.
    pub valid_from: Option<String>,
    /// Last date the schedule is valid.
    pub valid_to: Option<String>,
    /// UTC offset the times are in.
    pub timezone: Option<String>,
    /// Opening time.
    pub opens_at: Option<String>,
    /// Closing time.
    pub closes_at: Option<String>,
    /// The source's own words for the hours.
    pub description: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// How to attend (in person, remotely).
    pub attending_type: Option<String>,
}

/// A holiday schedule row (1.1).
#[derive(Debug, Clone, Default)]
pub struct Holiday {
    /// `true` when closed.
    pub closed: Option<String>,
    /// Opening time.
    pub opens_at: Option<String>,
    /// Closing time.
    pub closes_at: Option<String>,
    /// First day.
    pub start_date: Option<String>,
    /// Last day.
    pub end_date: Option<String>,
}

/// A service area.
#[derive(Debug, Clone, Default)]
pub struct Area {
    /// Name (`service_area` in 1.1).
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// A location where the service is delivered.
#[derive(Debug, Clone, Default)]
pub struct Location {
    /// The source's id.
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// How to get there.
    pub transportation: Option<String>,
    /// Addresses.
    pub addresses: Vec<Address>,
    /// Accessibility notes.
    pub accessibility: Vec<String>,
}

/// What an address is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AddressKind {
    /// Where people go (1.1 `physical_addresses`, 3.0 `address_type` `physical`).
    #[default]
    Physical,
    /// For mail only.
    Postal,
    /// Not a place (3.0 `virtual`).
    Virtual,
}

/// A postal or physical address.
#[derive(Debug, Clone, Default)]
pub struct Address {
    /// What it is for.
    pub kind: AddressKind,
    /// Lines of the address, in order (`address_1` ...).
    pub lines: Vec<String>,
    /// City.
    pub city: Option<String>,
    /// State or province.
    pub state_province: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Country.
    pub country: Option<String>,
}

/// A cost option (3.0).
#[derive(Debug, Clone, Default)]
pub struct Cost {
    /// Who or what the option is for.
    pub option: Option<String>,
    /// Amount.
    pub amount: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// What the amount covers.
    pub amount_description: Option<String>,
    /// First day it applies.
    pub valid_from: Option<String>,
    /// Last day it applies.
    pub valid_to: Option<String>,
}

/// A taxonomy term applied to the service (1.1 `services_taxonomy`, 2.0
/// `service_attributes`, 3.0 `attributes`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    /// Code in its taxonomy.
    pub code: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// The taxonomy (vocabulary) it belongs to.
    pub taxonomy: Option<String>,
    /// The attribute's value (3.0).
    pub value: Option<String>,
}
