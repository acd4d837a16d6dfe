//! The JSON the commands print with `--json`, as types: each derives `Serialize` and
//! `JsonSchema`, so the format is written down once, here, and `docs/json-output.md` is
//! checked against the schemas these types generate (`tests/commands/json_doc.rs`).
//!
//! Every value is printed through `serde_json::Value`, whose objects keep their keys in
//! alphabetical order, as the documentation promises. Dates are `YYYY-MM-DD` strings;
//! an absent optional value is `null`, never left out.

mod build;

use schemars::{JsonSchema, Schema};
use serde::Serialize;

pub use build::{
    hotline_value, hotlines_value, record_json, record_value, roles_value, search_value,
};

use crate::directory::RecordRef;

/// The kind of a record, as JSON names it in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A hotline.
    Hotline,
    /// The program behind the directory.
    Program,
    /// One point of the program's strategy.
    Strategy,
    /// An endorsement of the program.
    Endorsement,
    /// A fact.
    Fact,
    /// An audience role.
    Role,
    /// An action item of a role.
    Action,
    /// An event.
    Event,
    /// A local service.
    Service,
}

impl Kind {
    /// The kind of a record.
    #[must_use]
    pub const fn of(r: RecordRef) -> Self {
        match r {
            RecordRef::Hotline(_) => Self::Hotline,
            RecordRef::Program => Self::Program,
            RecordRef::Strategy(_) => Self::Strategy,
            RecordRef::Endorsement(_) => Self::Endorsement,
            RecordRef::Fact(_) => Self::Fact,
            RecordRef::Role(_) => Self::Role,
            RecordRef::Action(..) => Self::Action,
            RecordRef::Event(_) => Self::Event,
            RecordRef::Service(_) => Self::Service,
        }
    }
}

/// One result of `heatwatch search --json`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchResult {
    /// The record's id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// The title it is listed under.
    pub title: String,
    /// The title with its parent role for action items.
    pub path_title: String,
    /// The ranking score: higher is better, within one search.
    pub score: i64,
    /// The number to call: a hotline's, or a service's first that is not a fax.
    pub phone: Option<String>,
    /// The dialable form of `phone`.
    pub tel: Option<String>,
}

/// A source of content.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceJson {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Project file holding its text.
    pub file: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Date read.
    pub retrieved: Option<String>,
}

/// Where a record came from and how fresh it is.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProvenanceJson {
    /// The sources.
    pub sources: Vec<SourceJson>,
    /// Date read.
    pub retrieved: String,
    /// Date a person confirmed it with the provider, or `null`.
    pub verified: Option<String>,
}

/// A phone number: as written, its extension, as shown, and its URI.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PhoneJson {
    /// As the source writes it.
    pub number: String,
    /// Extension.
    pub extension: Option<String>,
    /// With its extension, as shown to people.
    pub display: String,
    /// `tel:` or `sms:` URI, when derivable.
    pub uri: Option<String>,
}

/// A hotline in full (`show`, `hotlines`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct HotlineJson {
    /// Id.
    pub id: String,
    /// Always `hotline`.
    pub kind: Kind,
    /// Its name.
    pub title: String,
    /// Its name.
    pub path_title: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Voice number as written.
    pub phone: String,
    /// Its extension.
    pub extension: Option<String>,
    /// Its `tel:` URI.
    pub tel: Option<String>,
    /// Text line.
    pub text: Option<PhoneJson>,
    /// TTY / relay line.
    pub tty: Option<PhoneJson>,
    /// What it is for.
    pub purpose: String,
    /// Who answers.
    pub operator: Option<String>,
    /// `true` where a source says reports can be anonymous; otherwise `null`, never `false`.
    pub anonymous: Option<bool>,
    /// `true` where a source says contacts are confidential; otherwise `null`.
    pub confidential: Option<bool>,
    /// What the sources say about confidentiality and its limits.
    pub confidentiality: Option<String>,
    /// A warning about the number.
    pub caution: Option<String>,
    /// `true` for an emergency line; otherwise `null`.
    pub emergency: Option<bool>,
    /// Shown in the hotline bar.
    pub pinned: bool,
    /// Hours as stated.
    pub hours: Option<String>,
    /// Languages as stated.
    pub languages: Vec<String>,
    /// The area a local line serves.
    pub area: Option<String>,
    /// Web address.
    pub url: Option<String>,
    /// Notes.
    pub notes: Vec<String>,
    /// Search words.
    pub tags: Vec<String>,
    /// Sources and dates.
    pub provenance: ProvenanceJson,
}

/// A short reference to a record another lists.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RefJson {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// Title.
    pub title: String,
}

/// A hotline to call, as an action item lists it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CallJson {
    /// Id.
    pub id: String,
    /// Always `hotline`.
    pub kind: Kind,
    /// Its name.
    pub title: String,
    /// Voice number as written.
    pub phone: String,
    /// Its extension.
    pub extension: Option<String>,
    /// Its `tel:` URI.
    pub tel: Option<String>,
}

/// An action item as its role lists it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ActionRefJson {
    /// Id.
    pub id: String,
    /// Always `action`.
    pub kind: Kind,
    /// Its own title.
    pub title: String,
    /// "Role › Action".
    pub path_title: String,
}

/// A strategy point as the program lists it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StrategyJson {
    /// Id.
    pub id: String,
    /// Always `strategy`.
    pub kind: Kind,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
}

/// An endorsement as the program lists it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EndorsementJson {
    /// Id.
    pub id: String,
    /// Always `endorsement`.
    pub kind: Kind,
    /// The speaker.
    pub title: String,
    /// Exact words.
    pub quote: String,
    /// Speaker.
    pub speaker: String,
    /// Speaker's title.
    pub speaker_title: Option<String>,
    /// How the source reports it.
    pub context: Option<String>,
}

/// A service's phone.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ServicePhoneJson {
    /// As written.
    pub number: String,
    /// Extension.
    pub extension: Option<String>,
    /// As shown.
    pub display: String,
    /// `tel:` or `sms:` URI.
    pub uri: Option<String>,
    /// `voice`, `text`, `tty` or `fax` (a fax is never a number to call).
    pub kind: &'static str,
    /// Label.
    pub label: Option<String>,
}

/// What a record of each kind but a hotline says besides its id, kind and titles.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Fields {
    /// The program.
    Program {
        /// What it is.
        summary: String,
        /// People named by the source.
        people: Vec<String>,
        /// Strategy points.
        strategy: Vec<StrategyJson>,
        /// Endorsements.
        endorsements: Vec<EndorsementJson>,
        /// Search words.
        tags: Vec<String>,
    },
    /// A strategy point.
    Strategy {
        /// Text.
        text: String,
    },
    /// An endorsement.
    Endorsement {
        /// Exact words.
        quote: String,
        /// Speaker.
        speaker: String,
        /// Speaker's title.
        speaker_title: Option<String>,
        /// How the source reports it.
        context: Option<String>,
    },
    /// A fact.
    Fact {
        /// Text.
        text: String,
        /// Search words.
        tags: Vec<String>,
    },
    /// A role.
    Role {
        /// Summary.
        summary: String,
        /// Its action items.
        actions: Vec<ActionRefJson>,
        /// Search words.
        tags: Vec<String>,
    },
    /// An action item.
    Action {
        /// Its role.
        role: RefJson,
        /// Summary.
        summary: String,
        /// What to do next, in order.
        next_steps: Vec<String>,
        /// Who to call.
        hotlines: Vec<CallJson>,
        /// Search words.
        tags: Vec<String>,
    },
    /// An event.
    Event {
        /// Date, or `null`.
        date: Option<String>,
        /// Text.
        text: String,
    },
    /// A service.
    Service {
        /// Organisation.
        organization: Option<String>,
        /// Description.
        description: String,
        /// Phones.
        phones: Vec<ServicePhoneJson>,
        /// Hours.
        hours: Option<String>,
        /// Languages.
        languages: Vec<String>,
        /// Area.
        area: Option<String>,
        /// Address.
        address: Option<String>,
        /// Web address.
        url: Option<String>,
        /// Email.
        email: Option<String>,
        /// Search words.
        tags: Vec<String>,
    },
}

/// A record other than a hotline, in full (`show`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct RecordJson {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// The title it is listed under.
    pub title: String,
    /// The title with its parent role for action items.
    pub path_title: String,
    /// What the record says.
    #[serde(flatten)]
    pub fields: Fields,
    /// Sources and dates.
    pub provenance: ProvenanceJson,
}

/// What `heatwatch show ID --json` prints.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ShowJson {
    /// A hotline.
    Hotline(Box<HotlineJson>),
    /// Any other record.
    Record(Box<RecordJson>),
}

/// The region's emergency number.
#[derive(Debug, Serialize, JsonSchema)]
pub struct EmergencyJson {
    /// As written.
    pub phone: String,
    /// Its `tel:` URI.
    pub tel: Option<String>,
    /// The directory's line on what to do in an emergency.
    pub safety_line: Option<String>,
}

/// What `heatwatch hotlines --json` prints.
#[derive(Debug, Serialize, JsonSchema)]
pub struct HotlinesJson {
    /// When the directory's content was retrieved.
    pub as_of: String,
    /// The emergency number.
    pub emergency: EmergencyJson,
    /// Every hotline in directory order.
    pub hotlines: Vec<HotlineJson>,
}

/// A role as `heatwatch roles --json` prints it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RoleJson {
    /// Id.
    pub id: String,
    /// Always `role`.
    pub kind: Kind,
    /// Name.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Its action items.
    pub actions: Vec<ActionRefJson>,
}

/// The schema of what each command prints with `--json`, by command.
#[must_use]
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("search", schemars::schema_for!(Vec<SearchResult>)),
        ("show", schemars::schema_for!(ShowJson)),
        ("hotlines", schemars::schema_for!(HotlinesJson)),
        ("roles", schemars::schema_for!(Vec<RoleJson>)),
    ]
}
