//! The sections and their rows: which sections a directory has, what each lists (under
//! the filters in force), and the record a row stands for.

use super::*;

/// The sections a directory has, in display order; sections with no records are left
/// out, but for local services while they load (`loading`).
pub(super) fn sections_of(dir: &Directory, loading: bool) -> Vec<Section> {
    let mut out = Vec::new();
    if !dir.hotlines.is_empty() {
        out.push(Section::Hotlines);
    }
    out.extend((0..dir.roles.len()).map(Section::Role));
    if loading || !dir.services.is_empty() {
        out.push(Section::Services);
    }
    if dir.program.is_some() {
        out.push(Section::About);
    }
    if !dir.facts.is_empty() {
        out.push(Section::Facts);
    }
    if dir.events.is_some() {
        out.push(Section::Events);
    }
    out
}

impl App {
    /// The selected section.
    #[must_use]
    pub fn section(&self) -> Option<Section> {
        self.sections.get(self.nav.section).copied()
    }

    /// The name of a section.
    #[must_use]
    pub fn section_name(&self, s: Section) -> String {
        match s {
            Section::Hotlines => self.msg.section_hotlines.to_owned(),
            Section::Role(i) => self
                .dir
                .roles
                .get(i)
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            Section::About => self.msg.section_about.to_owned(),
            Section::Facts => self.msg.section_facts.to_owned(),
            Section::Events => self.msg.section_events.to_owned(),
            Section::Services => self.msg.section_services.to_owned(),
        }
    }

    /// Number of items in a section.
    #[must_use]
    pub fn item_count(&self, s: Section) -> usize {
        let d = &self.dir;
        match s {
            Section::Hotlines => self
                .shown
                .as_ref()
                .map_or(d.hotlines.len(), |s| s.hotlines.len()),
            Section::Role(i) => d.roles.get(i).map_or(0, |r| r.actions.len()),
            Section::About => d
                .program
                .as_ref()
                .map_or(0, |p| 1 + p.strategy.len() + p.endorsements.len()),
            Section::Facts => d.facts.len(),
            Section::Events => d.events.as_ref().map_or(0, Vec::len),
            Section::Services => self
                .shown
                .as_ref()
                .map_or(d.services.len(), |s| s.services.len()),
        }
    }

    /// How many hotlines the filters hide (0 without filters). Emergency lines are
    /// never among them.
    #[must_use]
    pub fn hidden_hotlines(&self) -> usize {
        self.shown.as_ref().map_or(0, |s| {
            self.dir.hotlines.len().saturating_sub(s.hotlines.len())
        })
    }

    /// The record shown at row `i` of a filtered list (`None` without filters).
    pub(super) fn shown_at(&self, s: Section, i: usize) -> Option<Option<usize>> {
        let shown = self.shown.as_ref()?;
        let list = match s {
            Section::Hotlines => &shown.hotlines,
            Section::Services => &shown.services,
            _ => return None,
        };
        Some(list.get(i).copied())
    }

    /// The `i`-th item of a section.
    #[must_use]
    pub fn item_at(&self, s: Section, i: usize) -> Option<Item> {
        if i >= self.item_count(s) {
            return None;
        }
        if let Some(shown) = self.shown_at(s, i) {
            return shown.map(|j| match s {
                Section::Services => Item::Record(RecordRef::Service(j)),
                _ => Item::Record(RecordRef::Hotline(j)),
            });
        }
        let d = &self.dir;
        Some(match s {
            Section::Hotlines => Item::Record(RecordRef::Hotline(i)),
            Section::Role(r) => Item::Record(RecordRef::Action(r, i)),
            Section::About => {
                let p = d.program.as_ref()?;
                if i == 0 {
                    Item::Record(RecordRef::Program)
                } else if i <= p.strategy.len() {
                    Item::Record(RecordRef::Strategy(i - 1))
                } else {
                    Item::Record(RecordRef::Endorsement(i - 1 - p.strategy.len()))
                }
            }
            Section::Facts => Item::Record(RecordRef::Fact(i)),
            Section::Events => Item::Record(RecordRef::Event(i)),
            Section::Services => Item::Record(RecordRef::Service(i)),
        })
    }

    /// What an empty list says instead of rows: the events list is there and empty, or the
    /// filters let nothing of the list through. `None` for a list with rows.
    #[must_use]
    pub fn empty_message(&self, s: Section) -> Option<&'static str> {
        if self.item_count(s) > 0 {
            return None;
        }
        match s {
            Section::Services if self.loading.is_some() => Some(self.msg.services_loading),
            Section::Events if self.dir.events.is_some() => Some(self.msg.no_events),
            Section::Hotlines | Section::Services if self.shown.is_some() => {
                Some(self.msg.filters_no_match)
            }
            _ => None,
        }
    }

    /// The item the detail pane shows: the selected item, or for a role with no items,
    /// the role itself.
    #[must_use]
    pub fn detail_item(&self) -> Option<Item> {
        let s = self.section()?;
        self.item_at(s, self.nav.item).or(match s {
            Section::Role(r) => Some(Item::Record(RecordRef::Role(r))),
            _ => None,
        })
    }
}
