//! Layered directories (`--data A --data B`, `--with-embedded`) and comparing two
//! directory files (`heatwatch diff OLD NEW`).
//!
//! Each file is loaded and checked on its own first, so every reference resolves within
//! its file; layering then appends records in file order. The first file gives the
//! directory's name, region, country and emergency number. Ids must be unique across
//! all the files: a collision is an error naming both files. Source ids are per file; a
//! later file's source whose id is taken (by a different source) is renamed `id~N`.

mod diff;

pub use diff::*;

use std::collections::HashMap;

use serde_json::Value;

use super::load::path_of;
use super::model::{Directory, Provenance, RecordRef, Shared};
use super::problems;
use super::raw::RawFile;
use super::sanitize::{clean, escape};
use crate::i18n::cli::fill;

pub use super::model::Layer;

/// The name shown for the embedded directory as a layer.
pub const EMBEDDED_LAYER: &str = "built-in directory";

/// An id used by two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The id.
    pub id: String,
    /// The earlier file and the record's path in it.
    pub first: (String, String),
    /// The later file and the record's path in it.
    pub second: (String, String),
}

/// Why files cannot be layered. Shown as it is (`Display`), in English; see
/// [`LayerError::worded`] for another language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayerError {
    /// Ids used by more than one file.
    #[error("{}", self.worded(&problems::EN))]
    Collisions(Vec<Collision>),
    /// Two files each describe a program; a directory has one.
    #[error("{}", self.worded(&problems::EN))]
    TwoPrograms {
        /// The file with the first program.
        first: String,
        /// The file with the second.
        second: String,
    },
}

impl LayerError {
    /// Why the files cannot be layered, in the language of `m`.
    #[must_use]
    pub fn worded(&self, m: &problems::ProblemMessages) -> String {
        // The embedded directory is named in the language of the message.
        let file = |name: &str| {
            if name == EMBEDDED_LAYER {
                m.embedded_layer.to_owned()
            } else {
                escape(name)
            }
        };
        match self {
            Self::Collisions(list) => {
                let n = list.len();
                let heading = if n == 1 {
                    m.layer_collisions_one
                } else {
                    m.layer_collisions_many
                };
                let mut out = fill(heading, &[("n", &n.to_string())]);
                for (i, c) in list.iter().take(5).enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(&fill(
                        m.layer_collision,
                        &[
                            ("id", &escape(&c.id)),
                            ("first_path", &c.first.1),
                            ("first_file", &file(&c.first.0)),
                            ("second_path", &c.second.1),
                            ("second_file", &file(&c.second.0)),
                        ],
                    ));
                }
                if n > 5 {
                    out.push_str(&fill(m.layer_and_more, &[("n", &(n - 5).to_string())]));
                }
                out.push_str(m.layer_collisions_fix);
                out
            }
            Self::TwoPrograms { first, second } => fill(
                m.layer_two_programs,
                &[("first", &file(first)), ("second", &file(second))],
            ),
        }
    }
}

impl Directory {
    /// The file a record came from, when the directory was loaded from files.
    #[must_use]
    pub fn origin_of(&self, r: RecordRef) -> Option<&str> {
        self.layer_of(r).map(|(_, l)| l.name.as_str())
    }

    fn layer_of(&self, r: RecordRef) -> Option<(usize, &Layer)> {
        let pick = |start: fn(&Layer) -> usize, i: usize| {
            self.layers
                .iter()
                .enumerate()
                .rev()
                .find(|(_, l)| start(l) <= i)
        };
        match r {
            RecordRef::Hotline(i) => pick(|l| l.hotlines, i),
            RecordRef::Program | RecordRef::Strategy(_) | RecordRef::Endorsement(_) => {
                self.layers.iter().enumerate().find(|(_, l)| l.program)
            }
            RecordRef::Fact(i) => pick(|l| l.facts, i),
            RecordRef::Role(i) | RecordRef::Action(i, _) => pick(|l| l.roles, i),
            RecordRef::Event(i) => pick(|l| l.events, i),
            RecordRef::Service(i) => pick(|l| l.services, i),
        }
    }

    /// The record's path within the file it came from.
    fn local_path(&self, r: RecordRef) -> String {
        let Some((_, l)) = self.layer_of(r) else {
            return path_of(r);
        };
        path_of(match r {
            RecordRef::Hotline(i) => RecordRef::Hotline(i - l.hotlines),
            RecordRef::Fact(i) => RecordRef::Fact(i - l.facts),
            RecordRef::Role(i) => RecordRef::Role(i - l.roles),
            RecordRef::Action(i, a) => RecordRef::Action(i - l.roles, a),
            RecordRef::Event(i) => RecordRef::Event(i - l.events),
            RecordRef::Service(i) => RecordRef::Service(i - l.services),
            other => other,
        })
    }
}

fn shift(r: RecordRef, by: &Layer) -> RecordRef {
    match r {
        RecordRef::Hotline(i) => RecordRef::Hotline(i + by.hotlines),
        RecordRef::Fact(i) => RecordRef::Fact(i + by.facts),
        RecordRef::Role(i) => RecordRef::Role(i + by.roles),
        RecordRef::Action(i, a) => RecordRef::Action(i + by.roles, a),
        RecordRef::Event(i) => RecordRef::Event(i + by.events),
        RecordRef::Service(i) => RecordRef::Service(i + by.services),
        other => other,
    }
}

fn rename_sources(p: &mut Provenance, renamed: &HashMap<String, String>) {
    for s in &mut p.source {
        if let Some(new) = renamed.get(s.as_str()) {
            *s = Shared::from(new.as_str());
        }
    }
}

/// Layers loaded directories, in order: `(name, directory)` each. One directory comes
/// back as it is, with its name recorded as the origin of its records.
///
/// # Errors
/// Ids used in two files (every collision, each naming both files), or two programs.
pub fn layer(layers: Vec<(String, Directory)>) -> Result<Directory, LayerError> {
    let mut it = layers.into_iter();
    let Some((first_name, mut acc)) = it.next() else {
        return Err(LayerError::Collisions(Vec::new()));
    };
    acc.layers = vec![Layer {
        name: first_name,
        program: acc.program.is_some(),
        ..Layer::default()
    }];
    let mut collisions = Vec::new();
    for (name, mut d) in it {
        let at = Layer {
            name: name.clone(),
            hotlines: acc.hotlines.len(),
            facts: acc.facts.len(),
            roles: acc.roles.len(),
            events: acc.events.as_ref().map_or(0, Vec::len),
            services: acc.services.len(),
            program: d.program.is_some(),
        };
        if acc.program.is_some() && d.program.is_some() {
            let first = acc
                .layers
                .iter()
                .find(|l| l.program)
                .map(|l| l.name.clone())
                .unwrap_or_default();
            return Err(LayerError::TwoPrograms {
                first,
                second: name,
            });
        }
        // Ids across files.
        let mut ids: Vec<(&String, &RecordRef)> = d.ids.iter().collect();
        ids.sort_by_key(|(_, r)| path_of(**r));
        for (id, r) in ids {
            if let Some(existing) = acc.ids.get(id) {
                collisions.push(Collision {
                    id: id.clone(),
                    first: (
                        acc.origin_of(*existing).unwrap_or_default().to_owned(),
                        acc.local_path(*existing),
                    ),
                    second: (name.clone(), path_of(*r)),
                });
            }
        }
        // Source ids are per file: rename a later file's source whose id is taken by a
        // different source; share one that is the same.
        let mut renamed: HashMap<String, String> = HashMap::new();
        for mut s in std::mem::take(&mut d.meta.sources) {
            match acc.meta.sources.iter().find(|a| a.id == s.id) {
                None => acc.meta.sources.push(s),
                Some(a)
                    if a.title == s.title
                        && a.url == s.url
                        && a.publisher == s.publisher
                        && a.file == s.file
                        && a.note == s.note
                        && a.retrieved == s.retrieved => {}
                Some(_) => {
                    let mut n = 2;
                    let new = loop {
                        let candidate = format!("{}~{n}", s.id);
                        if !acc.meta.sources.iter().any(|a| a.id == candidate) {
                            break candidate;
                        }
                        n += 1;
                    };
                    renamed.insert(s.id.clone(), new.clone());
                    s.id = new;
                    acc.meta.sources.push(s);
                }
            }
        }
        if !renamed.is_empty() {
            for h in &mut d.hotlines {
                rename_sources(&mut h.provenance, &renamed);
            }
            if let Some(p) = &mut d.program {
                rename_sources(&mut p.provenance, &renamed);
            }
            for f in &mut d.facts {
                rename_sources(&mut f.provenance, &renamed);
            }
            for r in &mut d.roles {
                rename_sources(&mut r.provenance, &renamed);
                for a in &mut r.actions {
                    rename_sources(&mut a.provenance, &renamed);
                }
            }
            for e in d.events.iter_mut().flatten() {
                rename_sources(&mut e.provenance, &renamed);
            }
            for s in &mut d.services {
                rename_sources(&mut std::sync::Arc::make_mut(s).provenance, &renamed);
            }
        }
        for role in &mut d.roles {
            for a in &mut role.actions {
                for h in &mut a.hotlines {
                    *h += at.hotlines;
                }
            }
        }
        let ids = std::sync::Arc::make_mut(&mut acc.ids);
        for (id, r) in std::sync::Arc::unwrap_or_clone(std::mem::take(&mut d.ids)) {
            ids.entry(id).or_insert_with(|| shift(r, &at));
        }
        acc.hotlines.append(&mut d.hotlines);
        if d.program.is_some() {
            acc.program = d.program.take();
        }
        acc.facts.append(&mut d.facts);
        acc.roles.append(&mut d.roles);
        acc.events = match (acc.events.take(), d.events.take()) {
            (None, None) => None,
            (a, b) => {
                let mut all = a.unwrap_or_default();
                all.extend(b.unwrap_or_default());
                Some(all)
            }
        };
        acc.services.append(&mut d.services);
        acc.layers.push(at);
    }
    if collisions.is_empty() {
        Ok(acc)
    } else {
        Err(LayerError::Collisions(collisions))
    }
}

// --- diff ------------------------------------------------------------------------------

#[cfg(test)]
mod text_number_tests {
    use super::numbers_in_text;

    #[test]
    fn finds_numbers_written_in_text_and_not_dates_words_or_addresses() {
        assert_eq!(
            numbers_in_text("In danger, call 1 (510) 555-0199, or text 988."),
            vec!["1 (510) 555-0199", "988"]
        );
        assert_eq!(numbers_in_text("Call 911 now"), vec!["911"]);
        assert!(numbers_in_text("Since 2024-01-15, at 123 Main St, route A911.").is_empty());
        assert!(numbers_in_text("https://example.org/p/5550199123").is_empty());
        assert_eq!(numbers_in_text("+1 510 555 0199"), vec!["+1 510 555 0199"]);
        assert!(numbers_in_text("").is_empty());
    }
}
