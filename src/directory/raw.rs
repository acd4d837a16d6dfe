//! The directory file format as serde reads it: plain, unchecked data.
//!
//! Nothing outside `directory` uses these types directly except to write files (the
//! generator and importers); [`super::load`] converts them once into checked types.
//! Field documentation here becomes the JSON Schema printed by `heatwatch schema`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A heatwatch directory file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// Version of this format; this build reads version 1.
    pub schema_version: u32,
    /// What the directory is, whose it is and where its content came from.
    pub directory: RawMeta,
    /// Hotlines and other numbers to call, in the order they should be shown.
    #[serde(default)]
    pub hotlines: Vec<RawHotline>,
    /// The program behind the directory (shown under "About").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<RawProgram>,
    /// Facts about human trafficking.
    #[serde(default)]
    pub facts: Vec<RawFact>,
    /// Audience roles, each with its action items, in the order they should be shown.
    #[serde(default)]
    pub roles: Vec<RawRole>,
    /// Upcoming events. Present and empty means "no upcoming events"; absent hides the section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<RawEvent>>,
    /// Local services (for example imported from a 211 or Open Referral directory).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<RawService>,
}

/// The directory as a whole.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Short identifier of the directory.
    pub id: String,
    /// Name shown in the header.
    pub name: String,
    /// Organisation that publishes the content.
    pub organization: String,
    /// Region the directory covers, shown in the header.
    pub region: String,
    /// ISO 3166 country code used to derive dialable numbers; default "US".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The emergency number of the region, always shown (for example "911", "112", "999").
    pub emergency_number: String,
    /// One sentence saying what to do in an emergency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_line: Option<String>,
    /// A short message for someone who needs help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_help: Option<String>,
    /// Date (YYYY-MM-DD) the directory's content was retrieved from its sources.
    pub retrieved: String,
    /// The sources records refer to by id.
    pub sources: Vec<RawSource>,
}

/// A source of the directory's content.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Identifier that records use in their `source` list.
    pub id: String,
    /// Title of the page or document.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Its address, exactly as known; leave it out rather than guess.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A file in the project holding its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Anything a reader should know about the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Date (YYYY-MM-DD) it was read.
    pub retrieved: String,
}

/// A hotline or other number to call.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHotline {
    /// Unique id across the whole directory.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name for the always-visible hotline bar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// The number as the source writes it: digits and ( ) - . / + and spaces only.
    pub phone: String,
    /// Extension, kept apart from the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// A number that takes text messages, as the source writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A TTY or relay number, as the source writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tty: Option<String>,
    /// What the line is for.
    pub purpose: String,
    /// Who answers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Reports can be made without giving a name.
    #[serde(default)]
    pub anonymous: bool,
    /// The source says contacts are confidential.
    #[serde(default)]
    pub confidential: bool,
    /// For emergencies.
    #[serde(default)]
    pub emergency: bool,
    /// Always shown in the hotline bar.
    #[serde(default)]
    pub pinned: bool,
    /// Hours as a source states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// Languages as a source states them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// A web address, exactly as a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Further sourced notes, one sentence or paragraph each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Search words and synonyms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// The program behind the directory.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    /// Unique id.
    pub id: String,
    /// Heading.
    pub name: String,
    /// What the program is.
    pub summary: String,
    /// People named by the source, with their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Strategy points.
    #[serde(default)]
    pub strategy: Vec<RawStrategy>,
    /// Endorsements, quoted exactly.
    #[serde(default)]
    pub endorsements: Vec<RawEndorsement>,
    /// Search words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// One point of the program's strategy.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStrategy {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
}

/// A quoted endorsement.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEndorsement {
    /// Unique id.
    pub id: String,
    /// The words, exactly as the source quotes them.
    pub quote: String,
    /// Who said them.
    pub speaker: String,
    /// The speaker's title as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_title: Option<String>,
    /// How the source reports it ("stated", "declared").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// A fact.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Search words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// An audience role and what people in it can do.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    /// Unique id.
    pub id: String,
    /// Name ("Community Member").
    pub name: String,
    /// One or two sentences.
    pub summary: String,
    /// Search words and synonyms ("police" for Law Enforcement).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Action items in the order the source lists them.
    pub actions: Vec<RawActionItem>,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// Something a person in a role can do.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawActionItem {
    /// Unique id.
    pub id: String,
    /// Title, as the source names it.
    pub title: String,
    /// Short summary.
    pub summary: String,
    /// What to do next, one step each.
    #[serde(default)]
    pub next_steps: Vec<String>,
    /// Ids of related hotlines.
    #[serde(default)]
    pub hotlines: Vec<String>,
    /// Search words and synonyms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// An event.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date (YYYY-MM-DD), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where and what.
    pub text: String,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// What kind of line a service phone is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PhoneKind {
    /// A voice line.
    #[default]
    Voice,
    /// Takes text messages.
    Text,
    /// A textphone (TTY) line.
    Tty,
    /// A fax line: kept, never offered as a number to call.
    Fax,
}

/// A phone number of a service.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPhone {
    /// The number as the source writes it.
    pub number: String,
    /// Extension, kept apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Kind of line; default voice.
    #[serde(default)]
    pub kind: PhoneKind,
    /// A label from the source ("Main", "Intake").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A local service.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    /// Unique id.
    pub id: String,
    /// Name of the service.
    pub name: String,
    /// Organisation that runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// What it offers.
    #[serde(default)]
    pub description: String,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<RawPhone>,
    /// Hours as the source states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    /// Languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// City or service area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Street address, where it may be shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Web address exactly as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Email address exactly as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Search words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}
