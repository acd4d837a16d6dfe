//! The directory file format as serde reads it: plain, unchecked data.
//!
//! Nothing outside `directory` uses these types directly except to write files (the
//! generator and importers); [`super::load`] converts them once into checked types.
//! Field documentation here becomes the JSON Schema printed by `heatwatch schema`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::text::Text;

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A heatwatch directory file.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "heatwatch directory file")]
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
    pub name: Text,
    /// Organisation that publishes the content.
    pub organization: Text,
    /// Region the directory covers, shown in the header.
    pub region: Text,
    /// ISO 3166 country code used to derive dialable numbers; default "US".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The time zone the records' `schedule` times are in: an IANA name such as
    /// "America/Los_Angeles", or a fixed offset from UTC such as "-05:00" where a source
    /// states only that. Without it, no record can be said to be open now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The emergency number of the region, always shown (for example "911", "112", "999").
    pub emergency_number: String,
    /// One sentence saying what to do in an emergency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety_line: Option<Text>,
    /// A short message for someone who needs help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need_help: Option<Text>,
    /// Languages the directory's texts are translated into besides English, and whether
    /// a fluent person has reviewed each translation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<RawTranslation>,
    /// Date (YYYY-MM-DD) the directory's content was retrieved from its sources.
    pub retrieved: String,
    /// The sources records refer to by id.
    pub sources: Vec<RawSource>,
}

/// A translation of the directory's texts.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    /// Language code, as used in text maps ("es").
    pub language: String,
    /// Whether a fluent person has reviewed it. Until then the app says it is unreviewed.
    pub reviewed: bool,
    /// Who made it, who reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A source of the directory's content.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Identifier that records use in their `source` list.
    pub id: String,
    /// Title of the page or document.
    pub title: Text,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text>,
    /// Its address, exactly as known; leave it out rather than guess.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A file in the project holding its text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Anything a reader should know about the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The page's own date, exactly as the page states it ("February 7, 2018"); left out
    /// when the page states none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_date: Option<String>,
    /// The passages of the source that the directory relies on, each copied word for word
    /// from it (and found in its `file`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
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
    pub name: Text,
    /// Short name for the always-visible hotline bar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Text>,
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
    pub purpose: Text,
    /// Who answers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Text>,
    /// Reports can be made without giving a name. `true` where a source says so, or
    /// left out; `false` means the same as leaving it out ("not stated"), is never
    /// shown as "no", and `heatwatch check` warns about it.
    #[serde(default)]
    pub anonymous: bool,
    /// The source says contacts are confidential. `true` or left out; `false` means
    /// "not stated" (never shown as "no"; `check` warns about it).
    #[serde(default)]
    pub confidential: bool,
    /// What the sources say about confidentiality, with its limits; shown instead of the
    /// bare "confidential" wherever `confidential` is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Text>,
    /// A warning about the number itself (an old or unconfirmed source, say), shown
    /// wherever the number is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caution: Option<Text>,
    /// For emergencies. `true` or left out; `false` means "not stated" (never shown as
    /// "no"; `check` warns about it). An emergency line passes every filter.
    #[serde(default)]
    pub emergency: bool,
    /// Always shown in the hotline bar.
    #[serde(default)]
    pub pinned: bool,
    /// Hours as a source states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Text>,
    /// The same hours for machines ("open now"), only where a source states them exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<RawSchedule>,
    /// Languages as a source states them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Text>,
    /// The county, city or region the line serves, when it serves only one (a county's
    /// tip line). Left out for a line that serves everyone who can reach it (a national
    /// hotline): only those stand in for a directory that cannot be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Text>,
    /// A web address, exactly as a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Further sourced notes, one sentence or paragraph each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
    /// Search words and synonyms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
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
    pub name: Text,
    /// What the program is.
    pub summary: Text,
    /// People named by the source, with their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Text>,
    /// Strategy points.
    #[serde(default)]
    pub strategy: Vec<RawStrategy>,
    /// Endorsements, quoted exactly.
    #[serde(default)]
    pub endorsements: Vec<RawEndorsement>,
    /// Search words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
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
    pub title: Text,
    /// Text.
    pub text: Text,
}

/// A quoted endorsement.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEndorsement {
    /// Unique id.
    pub id: String,
    /// The words, exactly as the source quotes them.
    pub quote: Text,
    /// Who said them.
    pub speaker: String,
    /// The speaker's title as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_title: Option<Text>,
    /// How the source reports it ("stated", "declared").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Text>,
}

/// A fact.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Text.
    pub text: Text,
    /// Search words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
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
    pub name: Text,
    /// One or two sentences.
    pub summary: Text,
    /// Search words and synonyms ("police" for Law Enforcement).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
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
    pub title: Text,
    /// Short summary.
    pub summary: Text,
    /// What to do next, one step each.
    #[serde(default)]
    pub next_steps: Vec<Text>,
    /// Ids of related hotlines.
    #[serde(default)]
    pub hotlines: Vec<String>,
    /// Search words and synonyms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Text>,
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
    pub title: Text,
    /// Date (YYYY-MM-DD), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where and what.
    pub text: Text,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// Opening hours a program can read, in the directory's `time_zone`: either `always`
/// or `weekly` hours. Only for hours a source states exactly; `hours` stays the text
/// people read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    /// Open around the clock, every day of the week (24/7).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub always: bool,
    /// Weekly opening hours; the record is open when any of them says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekly: Vec<RawWeeklyHours>,
}

/// Opening hours on some days of the week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWeeklyHours {
    /// Days the hours start on: "mon", "tue", "wed", "thu", "fri", "sat", "sun".
    pub days: Vec<String>,
    /// Opening time, "HH:MM" (24-hour clock, "00:00" to "23:59").
    pub opens: String,
    /// Closing time, "HH:MM" ("00:00" to "24:00"). A time before `opens` runs past
    /// midnight into the next day.
    pub closes: String,
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
    pub label: Option<Text>,
}

/// A local service.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    /// Unique id.
    pub id: String,
    /// Name of the service.
    pub name: Text,
    /// Organisation that runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Text>,
    /// What it offers.
    #[serde(default)]
    pub description: Text,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<RawPhone>,
    /// Hours as the source states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Text>,
    /// The same hours for machines ("open now"), only where the source states them exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<RawSchedule>,
    /// Languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Text>,
    /// City or service area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Text>,
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
    pub tags: Vec<Text>,
    /// Ids of the sources (from `directory.sources`) the record was taken from.
    pub source: Vec<String>,
    /// Date (YYYY-MM-DD) the source was read.
    pub retrieved: String,
    /// Date (YYYY-MM-DD) a person confirmed the details with the provider. Leave it out
    /// unless somebody really did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}
