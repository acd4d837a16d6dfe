//! The values of `src/render/json`'s types, made from a directory, and printed.

use serde::Serialize;
use serde_json::Value;

use super::{
    ActionRefJson, CallJson, EmergencyJson, EndorsementJson, Fields, HotlineJson, HotlinesJson,
    Kind, PhoneJson, ProvenanceJson, RecordJson, RefJson, RoleJson, SearchResult, ServicePhoneJson,
    ShowJson, SourceJson, StrategyJson,
};
use crate::directory::{Directory, Hotline, Phone, PhoneKind, Provenance, RecordRef};
use crate::search::Hit;

/// A value as printed: objects with their keys in alphabetical order.
fn printed(v: &impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn texts<T: AsRef<str>>(list: &[T]) -> Vec<String> {
    list.iter().map(|t| t.as_ref().to_owned()).collect()
}

fn opt<T: AsRef<str>>(v: Option<&T>) -> Option<String> {
    v.map(|t| t.as_ref().to_owned())
}

fn phone_json(p: &Phone) -> PhoneJson {
    PhoneJson {
        number: p.number.clone(),
        extension: p.extension.clone(),
        display: p.display(),
        uri: p.uri.clone(),
    }
}

fn source_json(dir: &Directory, id: &str) -> SourceJson {
    match dir.source(id) {
        Some(s) => SourceJson {
            id: s.id.clone(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            file: s.file.clone(),
            note: s.note.clone(),
            retrieved: Some(s.retrieved.to_string()),
        },
        None => SourceJson {
            id: id.to_owned(),
            title: id.to_owned(),
            publisher: None,
            url: None,
            file: None,
            note: None,
            retrieved: None,
        },
    }
}

fn provenance_json(dir: &Directory, p: &Provenance) -> ProvenanceJson {
    ProvenanceJson {
        sources: p.source.iter().map(|id| source_json(dir, id)).collect(),
        retrieved: p.retrieved.to_string(),
        verified: p.verified.map(|d| d.to_string()),
    }
}

fn hotline_json(dir: &Directory, h: &Hotline) -> HotlineJson {
    HotlineJson {
        id: h.id.clone(),
        kind: Kind::Hotline,
        title: h.name.clone(),
        path_title: h.name.clone(),
        name: h.name.clone(),
        short_name: h.short_name.clone(),
        phone: h.phone.number.clone(),
        extension: h.phone.extension.clone(),
        tel: h.phone.uri.clone(),
        text: h.text.as_ref().map(phone_json),
        tty: h.tty.as_ref().map(phone_json),
        purpose: h.purpose.clone(),
        operator: h.operator.clone(),
        // A flag is `true` where a source says so and `null` otherwise: `false` would
        // be a claim nobody made.
        anonymous: h.anonymous.then_some(true),
        confidential: h.confidential.then_some(true),
        confidentiality: h.confidentiality.clone(),
        caution: h.caution.clone(),
        emergency: h.emergency.then_some(true),
        pinned: h.pinned,
        hours: opt(h.hours.as_ref()),
        languages: texts(&h.languages),
        area: opt(h.area.as_ref()),
        url: h.url.clone(),
        notes: h.notes.clone(),
        tags: texts(&h.tags),
        provenance: provenance_json(dir, &h.provenance),
    }
}

const fn phone_kind_name(k: PhoneKind) -> &'static str {
    match k {
        PhoneKind::Voice => "voice",
        PhoneKind::Text => "text",
        PhoneKind::Tty => "tty",
        PhoneKind::Fax => "fax",
    }
}

fn fields(dir: &Directory, r: RecordRef) -> Option<Fields> {
    Some(match r {
        RecordRef::Hotline(_) => return None,
        RecordRef::Program => {
            let p = dir.program.as_ref()?;
            Fields::Program {
                summary: p.summary.clone(),
                people: p.people.clone(),
                strategy: p
                    .strategy
                    .iter()
                    .map(|s| StrategyJson {
                        id: s.id.clone(),
                        kind: Kind::Strategy,
                        title: s.title.clone(),
                        text: s.text.clone(),
                    })
                    .collect(),
                endorsements: p
                    .endorsements
                    .iter()
                    .map(|e| EndorsementJson {
                        id: e.id.clone(),
                        kind: Kind::Endorsement,
                        title: e.speaker.clone(),
                        quote: e.quote.clone(),
                        speaker: e.speaker.clone(),
                        speaker_title: e.speaker_title.clone(),
                        context: e.context.clone(),
                    })
                    .collect(),
                tags: texts(&p.tags),
            }
        }
        RecordRef::Strategy(i) => Fields::Strategy {
            text: dir.program.as_ref()?.strategy.get(i)?.text.clone(),
        },
        RecordRef::Endorsement(i) => {
            let e = dir.program.as_ref()?.endorsements.get(i)?;
            Fields::Endorsement {
                quote: e.quote.clone(),
                speaker: e.speaker.clone(),
                speaker_title: e.speaker_title.clone(),
                context: e.context.clone(),
            }
        }
        RecordRef::Fact(i) => {
            let f = dir.facts.get(i)?;
            Fields::Fact {
                text: f.text.clone(),
                tags: texts(&f.tags),
            }
        }
        RecordRef::Role(i) => {
            let role = dir.roles.get(i)?;
            Fields::Role {
                summary: role.summary.clone(),
                actions: action_refs(role),
                tags: texts(&role.tags),
            }
        }
        RecordRef::Action(ri, ai) => {
            let role = dir.roles.get(ri)?;
            let a = role.actions.get(ai)?;
            Fields::Action {
                role: RefJson {
                    id: role.id.clone(),
                    kind: Kind::Role,
                    title: role.name.clone(),
                },
                summary: a.summary.clone(),
                next_steps: a.next_steps.clone(),
                hotlines: a
                    .hotlines
                    .iter()
                    .filter_map(|&h| dir.hotlines.get(h))
                    .map(|h| CallJson {
                        id: h.id.clone(),
                        kind: Kind::Hotline,
                        title: h.name.clone(),
                        phone: h.phone.number.clone(),
                        extension: h.phone.extension.clone(),
                        tel: h.phone.uri.clone(),
                    })
                    .collect(),
                tags: texts(&a.tags),
            }
        }
        RecordRef::Event(i) => {
            let e = dir.events.as_ref()?.get(i)?;
            Fields::Event {
                date: e.date.map(|d| d.to_string()),
                text: e.text.clone(),
            }
        }
        RecordRef::Service(i) => {
            let s = dir.services.get(i)?;
            Fields::Service {
                organization: opt(s.organization.as_ref()),
                description: s.description.clone(),
                phones: s
                    .phones
                    .iter()
                    .map(|p| ServicePhoneJson {
                        number: p.phone.number.clone(),
                        extension: p.phone.extension.clone(),
                        display: p.phone.display(),
                        uri: p.phone.uri.clone(),
                        kind: phone_kind_name(p.kind),
                        label: opt(p.label.as_ref()),
                    })
                    .collect(),
                hours: opt(s.hours.as_ref()),
                languages: texts(&s.languages),
                area: opt(s.area.as_ref()),
                address: s.address.clone(),
                url: s.url.clone(),
                email: s.email.clone(),
                tags: texts(&s.tags),
            }
        }
    })
}

fn action_refs(role: &crate::directory::Role) -> Vec<ActionRefJson> {
    role.actions
        .iter()
        .map(|a| ActionRefJson {
            id: a.id.clone(),
            kind: Kind::Action,
            title: a.title.clone(),
            path_title: format!("{} › {}", role.name, a.title),
        })
        .collect()
}

/// One record in full, or `None` if the reference is out of range.
#[must_use]
pub fn record_json(dir: &Directory, r: RecordRef) -> Option<ShowJson> {
    if let RecordRef::Hotline(i) = r {
        return Some(ShowJson::Hotline(Box::new(hotline_json(
            dir,
            dir.hotlines.get(i)?,
        ))));
    }
    Some(ShowJson::Record(Box::new(RecordJson {
        id: dir.id_of(r)?.to_owned(),
        kind: Kind::of(r),
        title: dir.title_of(r)?.to_owned(),
        path_title: dir.path_title(r),
        fields: fields(dir, r)?,
        provenance: provenance_json(dir, dir.provenance_of(r)?),
    })))
}

/// One record in full, as printed, or `None` if the reference is out of range.
#[must_use]
pub fn record_value(dir: &Directory, r: RecordRef) -> Option<Value> {
    record_json(dir, r).map(|v| printed(&v))
}

/// A hotline as printed.
#[must_use]
pub fn hotline_value(dir: &Directory, h: &Hotline) -> Value {
    printed(&hotline_json(dir, h))
}

/// Search hits as printed: an array in rank order.
#[must_use]
pub fn search_value(dir: &Directory, hits: &[Hit]) -> Value {
    let results: Vec<SearchResult> = hits
        .iter()
        .filter_map(|hit| {
            let r = hit.record;
            let number = crate::render::number_of(dir, r);
            Some(SearchResult {
                id: dir.id_of(r)?.to_owned(),
                kind: Kind::of(r),
                title: dir.title_of(r)?.to_owned(),
                path_title: dir.path_title(r),
                score: hit.score,
                phone: number.map(|p| p.number.clone()),
                tel: number.and_then(|p| p.uri.clone()),
            })
        })
        .collect();
    printed(&results)
}

/// Every hotline and the emergency number, as printed.
#[must_use]
pub fn hotlines_value(dir: &Directory) -> Value {
    printed(&HotlinesJson {
        as_of: dir.meta.retrieved.to_string(),
        emergency: EmergencyJson {
            phone: dir.meta.emergency.number.clone(),
            tel: dir.meta.emergency.uri.clone(),
            safety_line: dir.meta.safety_line.clone(),
        },
        hotlines: dir.hotlines.iter().map(|h| hotline_json(dir, h)).collect(),
    })
}

/// The roles with their action items, as printed.
#[must_use]
pub fn roles_value(dir: &Directory) -> Value {
    let roles: Vec<RoleJson> = dir
        .roles
        .iter()
        .map(|role| RoleJson {
            id: role.id.clone(),
            kind: Kind::Role,
            title: role.name.clone(),
            summary: role.summary.clone(),
            actions: action_refs(role),
        })
        .collect();
    printed(&roles)
}
