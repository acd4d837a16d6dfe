//! Checked directory types: what the rest of the program sees.
//!
//! Values of these types only come out of [`super::load`], so every string is clean,
//! every id unique, every reference resolved, every date valid and every phone number
//! written like one.

mod shared;

pub use shared::*;

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use jiff::civil::Date;

pub use super::raw::PhoneKind;

/// Every id of a directory to the record it names.
pub(crate) type IdMap = HashMap<String, RecordRef, foldhash::fast::RandomState>;

/// One file of a layered directory, and where its records start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    /// The file's name as given (or "built-in directory").
    pub name: String,
    pub(super) hotlines: usize,
    pub(super) facts: usize,
    pub(super) roles: usize,
    pub(super) events: usize,
    pub(super) services: usize,
    pub(super) program: bool,
}

/// A loaded, checked directory.
#[derive(Debug, Clone)]
pub struct Directory {
    /// The directory as a whole.
    pub meta: Meta,
    /// Hotlines in data order.
    pub hotlines: Vec<Hotline>,
    /// The program, if the file describes one.
    pub program: Option<Program>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Roles in data order.
    pub roles: Vec<Role>,
    /// Events: `None` when the file has no events list at all.
    pub events: Option<Vec<Event>>,
    /// Local services. Each is shared between the languages a directory is read in
    /// when it reads the same in them (as untranslated services do): a second
    /// language costs only the services it translates.
    pub services: Vec<std::sync::Arc<Service>>,
    /// Every id to the record it names.
    pub(crate) ids: std::sync::Arc<IdMap>,
    /// The files the directory was loaded from, in order, with where their records
    /// start (see [`super::merge`]); empty for the embedded directory alone.
    pub layers: Vec<Layer>,
}

/// The directory's own description.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Short identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Publishing organisation.
    pub organization: String,
    /// Region covered.
    pub region: String,
    /// Country code used to derive dialable numbers.
    pub country: String,
    /// The time zone of the records' schedules, when the file states one. (Each
    /// [`Schedule`] also carries the zone of the file it came from, for layered files.)
    pub time_zone: Option<jiff::tz::TimeZone>,
    /// The region's emergency number.
    pub emergency: Phone,
    /// What to do in an emergency.
    pub safety_line: Option<String>,
    /// A short message for someone who needs help.
    pub need_help: Option<String>,
    /// Translations the file declares: (language code, reviewed by a fluent person).
    pub translations: Vec<(String, bool)>,
    /// The language this directory was read in ("en" unless asked otherwise).
    pub language: String,
    /// When the content was retrieved: the data's "as of" date.
    pub retrieved: Date,
    /// The sources records refer to.
    pub sources: Vec<Source>,
}

/// A source of content.
#[derive(Debug, Clone)]
pub struct Source {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Address, as known.
    pub url: Option<String>,
    /// Project file holding its text.
    pub file: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// The page's own date, as it states it.
    pub page_date: Option<String>,
    /// The passages the directory relies on, word for word.
    pub quotes: Vec<String>,
    /// Date read.
    pub retrieved: Date,
}

/// Where a record came from and how fresh it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Source ids, each resolving to a [`Source`].
    pub source: Vec<Shared>,
    /// Date the source was read.
    pub retrieved: Date,
    /// Date a person confirmed the details, if anyone did.
    pub verified: Option<Date>,
}

impl Provenance {
    /// The latest date anyone looked at the record: `verified`, else `retrieved`.
    #[must_use]
    pub fn latest(&self) -> Date {
        self.verified.unwrap_or(self.retrieved)
    }
}

/// A phone number as written, with its dialable form when one can be derived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// As the source writes it.
    pub number: String,
    /// Extension, if any.
    pub extension: Option<String>,
    /// `tel:` (or `sms:` for text lines) URI, when derivable.
    pub uri: Option<String>,
}

impl Phone {
    /// The number with its extension, for display.
    #[must_use]
    pub fn display(&self) -> String {
        match &self.extension {
            Some(ext) => format!("{} ext. {ext}", self.number),
            None => self.number.clone(),
        }
    }
}

/// A hotline.
#[derive(Debug, Clone)]
pub struct Hotline {
    /// Id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name for the hotline bar (the full name when the file gives none).
    pub short_name: String,
    /// Voice number.
    pub phone: Phone,
    /// Text line.
    pub text: Option<Phone>,
    /// TTY / relay number.
    pub tty: Option<Phone>,
    /// What it is for.
    pub purpose: String,
    /// Who answers.
    pub operator: Option<String>,
    /// Reports can be anonymous.
    pub anonymous: bool,
    /// Contacts are confidential.
    pub confidential: bool,
    /// What the sources say about confidentiality and its limits.
    pub confidentiality: Option<String>,
    /// A warning about the number, shown wherever the number is.
    pub caution: Option<String>,
    /// For emergencies.
    pub emergency: bool,
    /// Shown in the hotline bar.
    pub pinned: bool,
    /// Hours as stated.
    pub hours: Option<Shared>,
    /// The hours for machines ("open now"), when the file gives them.
    pub schedule: Option<Box<Schedule>>,
    /// Languages as stated.
    pub languages: Vec<Shared>,
    /// The area the line serves, when it serves only one.
    pub area: Option<Shared>,
    /// Web address.
    pub url: Option<String>,
    /// Notes.
    pub notes: Vec<String>,
    /// Search words.
    pub tags: Vec<Shared>,
    /// Provenance.
    pub provenance: Provenance,
}

/// The program behind the directory.
#[derive(Debug, Clone)]
pub struct Program {
    /// Id.
    pub id: String,
    /// Heading.
    pub name: String,
    /// What it is.
    pub summary: String,
    /// People named by the source.
    pub people: Vec<String>,
    /// Strategy points.
    pub strategy: Vec<Strategy>,
    /// Endorsements.
    pub endorsements: Vec<Endorsement>,
    /// Search words.
    pub tags: Vec<Shared>,
    /// Provenance.
    pub provenance: Provenance,
}

/// A strategy point.
#[derive(Debug, Clone)]
pub struct Strategy {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
}

/// An endorsement.
#[derive(Debug, Clone)]
pub struct Endorsement {
    /// Id.
    pub id: String,
    /// Exact words.
    pub quote: String,
    /// Speaker.
    pub speaker: String,
    /// Speaker's title.
    pub speaker_title: Option<String>,
    /// How the source reports it.
    pub context: Option<String>,
}

/// A fact.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Search words.
    pub tags: Vec<Shared>,
    /// Provenance.
    pub provenance: Provenance,
}

/// An audience role.
#[derive(Debug, Clone)]
pub struct Role {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Summary.
    pub summary: String,
    /// Search words.
    pub tags: Vec<Shared>,
    /// Action items.
    pub actions: Vec<ActionItem>,
    /// Provenance.
    pub provenance: Provenance,
}

/// An action item of a role.
#[derive(Debug, Clone)]
pub struct ActionItem {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Next steps.
    pub next_steps: Vec<String>,
    /// Related hotlines, as indexes into [`Directory::hotlines`].
    pub hotlines: Vec<usize>,
    /// Search words.
    pub tags: Vec<Shared>,
    /// Provenance.
    pub provenance: Provenance,
}

/// An event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: Option<Date>,
    /// Text.
    pub text: String,
    /// Provenance.
    pub provenance: Provenance,
}

/// A service phone.
#[derive(Debug, Clone, PartialEq)]
pub struct ServicePhone {
    /// The number.
    pub phone: Phone,
    /// Kind of line.
    pub kind: PhoneKind,
    /// Label.
    pub label: Option<Shared>,
}

/// A local service.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organization: Option<Shared>,
    /// Description.
    pub description: String,
    /// Phones.
    pub phones: Vec<ServicePhone>,
    /// Hours.
    pub hours: Option<Shared>,
    /// The hours for machines ("open now"), when the file gives them.
    pub schedule: Option<Box<Schedule>>,
    /// Languages.
    pub languages: Vec<Shared>,
    /// Area.
    pub area: Option<Shared>,
    /// Address.
    pub address: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Search words.
    pub tags: Vec<Shared>,
    /// Provenance.
    pub provenance: Provenance,
}

/// Checked opening hours of a hotline or service (see [`crate::filter`] for "open now").
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The time zone of the file the record came from; `None` when that file states
    /// none, and then nobody can tell whether the record is open now.
    pub time_zone: Option<jiff::tz::TimeZone>,
    /// When it is open.
    pub rule: OpeningRule,
}

/// When a record is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpeningRule {
    /// Around the clock, every day.
    Always,
    /// Weekly hours, never empty; open when any of them says so.
    Weekly(Vec<OpeningHours>),
}

/// Opening hours on some days of the week, in local (wall-clock) time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningHours {
    /// Days the hours start on, never empty.
    pub days: Vec<jiff::civil::Weekday>,
    /// Opening time in minutes after midnight, 0 to 1439.
    pub opens: u16,
    /// Closing time in minutes after midnight, 0 to 1440, never equal to `opens`. Less
    /// than `opens`: the hours run past midnight and close on the next day.
    pub closes: u16,
}

/// A reference to one record of a [`Directory`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordRef {
    /// `hotlines[i]`.
    Hotline(usize),
    /// The program.
    Program,
    /// `program.strategy[i]`.
    Strategy(usize),
    /// `program.endorsements[i]`.
    Endorsement(usize),
    /// `facts[i]`.
    Fact(usize),
    /// `roles[i]`.
    Role(usize),
    /// `roles[r].actions[a]`.
    Action(usize, usize),
    /// `events[i]`.
    Event(usize),
    /// `services[i]`.
    Service(usize),
}

impl RecordRef {
    /// The kind of record, as named in JSON output.
    #[must_use]
    pub const fn kind(self) -> &'static str {
        match self {
            Self::Hotline(_) => "hotline",
            Self::Program => "program",
            Self::Strategy(_) => "strategy",
            Self::Endorsement(_) => "endorsement",
            Self::Fact(_) => "fact",
            Self::Role(_) => "role",
            Self::Action(..) => "action",
            Self::Event(_) => "event",
            Self::Service(_) => "service",
        }
    }
}

impl Directory {
    /// The record with this id.
    #[must_use]
    pub fn find(&self, id: &str) -> Option<RecordRef> {
        self.ids.get(id).copied()
    }

    /// The hotlines shown in the hotline bar, in data order.
    pub fn pinned(&self) -> impl Iterator<Item = &Hotline> {
        self.hotlines.iter().filter(|h| h.pinned)
    }

    /// The id of a record.
    #[must_use]
    pub fn id_of(&self, r: RecordRef) -> Option<&str> {
        Some(match r {
            RecordRef::Hotline(i) => &self.hotlines.get(i)?.id,
            RecordRef::Program => &self.program.as_ref()?.id,
            RecordRef::Strategy(i) => &self.program.as_ref()?.strategy.get(i)?.id,
            RecordRef::Endorsement(i) => &self.program.as_ref()?.endorsements.get(i)?.id,
            RecordRef::Fact(i) => &self.facts.get(i)?.id,
            RecordRef::Role(i) => &self.roles.get(i)?.id,
            RecordRef::Action(r, a) => &self.roles.get(r)?.actions.get(a)?.id,
            RecordRef::Event(i) => &self.events.as_ref()?.get(i)?.id,
            RecordRef::Service(i) => &self.services.get(i)?.id,
        })
    }

    /// The title a record is listed under. For an action item, its own title (see
    /// [`Directory::path_title`] for "Role › Action").
    #[must_use]
    pub fn title_of(&self, r: RecordRef) -> Option<&str> {
        Some(match r {
            RecordRef::Hotline(i) => &self.hotlines.get(i)?.name,
            RecordRef::Program => &self.program.as_ref()?.name,
            RecordRef::Strategy(i) => &self.program.as_ref()?.strategy.get(i)?.title,
            RecordRef::Endorsement(i) => &self.program.as_ref()?.endorsements.get(i)?.speaker,
            RecordRef::Fact(i) => &self.facts.get(i)?.title,
            RecordRef::Role(i) => &self.roles.get(i)?.name,
            RecordRef::Action(r, a) => &self.roles.get(r)?.actions.get(a)?.title,
            RecordRef::Event(i) => &self.events.as_ref()?.get(i)?.title,
            RecordRef::Service(i) => &self.services.get(i)?.name,
        })
    }

    /// The title with its parent for action items ("Law Enforcement › Protocol").
    #[must_use]
    pub fn path_title(&self, r: RecordRef) -> String {
        let own = self.title_of(r).unwrap_or_default();
        match r {
            RecordRef::Action(role, _) => match self.roles.get(role) {
                Some(parent) => format!("{} › {own}", parent.name),
                None => own.to_owned(),
            },
            _ => own.to_owned(),
        }
    }

    /// The provenance of a record; strategy points and endorsements share the program's.
    #[must_use]
    pub fn provenance_of(&self, r: RecordRef) -> Option<&Provenance> {
        Some(match r {
            RecordRef::Hotline(i) => &self.hotlines.get(i)?.provenance,
            RecordRef::Program | RecordRef::Strategy(_) | RecordRef::Endorsement(_) => {
                &self.program.as_ref()?.provenance
            }
            RecordRef::Fact(i) => &self.facts.get(i)?.provenance,
            RecordRef::Role(i) => &self.roles.get(i)?.provenance,
            RecordRef::Action(r, a) => &self.roles.get(r)?.actions.get(a)?.provenance,
            RecordRef::Event(i) => &self.events.as_ref()?.get(i)?.provenance,
            RecordRef::Service(i) => &self.services.get(i)?.provenance,
        })
    }

    /// A source by id.
    #[must_use]
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.meta.sources.iter().find(|s| s.id == id)
    }

    /// Every record, in a stable order: hotlines, program, strategy, endorsements, facts,
    /// roles with their actions, events, services.
    #[must_use]
    pub fn records(&self) -> Vec<RecordRef> {
        let mut out = Vec::new();
        out.extend((0..self.hotlines.len()).map(RecordRef::Hotline));
        if let Some(p) = &self.program {
            out.push(RecordRef::Program);
            out.extend((0..p.strategy.len()).map(RecordRef::Strategy));
            out.extend((0..p.endorsements.len()).map(RecordRef::Endorsement));
        }
        out.extend((0..self.facts.len()).map(RecordRef::Fact));
        for (r, role) in self.roles.iter().enumerate() {
            out.push(RecordRef::Role(r));
            out.extend((0..role.actions.len()).map(|a| RecordRef::Action(r, a)));
        }
        if let Some(events) = &self.events {
            out.extend((0..events.len()).map(RecordRef::Event));
        }
        out.extend((0..self.services.len()).map(RecordRef::Service));
        out
    }
}
