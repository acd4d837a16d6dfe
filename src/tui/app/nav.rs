//! Moving about: browsing keys, going deeper and back, the mouse, going to a record,
//! and keeping every index and offset in bounds.

use super::*;

impl App {
    pub(super) fn update_help(&mut self, action: Action) {
        let Some(Overlay::Help { scroll }) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Back | Action::Help => self.overlay = None,
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll = scroll.saturating_add(10),
            Action::Scroll { delta, .. } => {
                *scroll = scroll.saturating_add_signed(i16::from(delta));
            }
            _ => {}
        }
    }

    pub(super) fn update_browse(&mut self, action: Action) {
        let page = self.page_size();
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::Home => self.move_by(isize::MIN / 2),
            Action::End => self.move_by(isize::MAX / 2),
            Action::Right | Action::Enter => self.deeper(),
            Action::Left | Action::Back => self.shallower(),
            Action::NextPane => {
                self.nav.focus = match self.nav.focus {
                    Pane::Sections => Pane::Items,
                    Pane::Items => Pane::Detail,
                    Pane::Detail => Pane::Sections,
                };
            }
            Action::PrevPane => {
                self.nav.focus = match self.nav.focus {
                    Pane::Sections => Pane::Detail,
                    Pane::Items => Pane::Sections,
                    Pane::Detail => Pane::Items,
                };
            }
            Action::JumpHelpNow => {
                if let Some(pos) = self.sections.iter().position(|s| *s == Section::Hotlines) {
                    self.nav = Nav {
                        section: pos,
                        item: 0,
                        focus: Pane::Items,
                        scroll: 0,
                    };
                }
            }
            Action::JumpRole(n) => {
                if let Some(pos) = self.sections.iter().position(|s| *s == Section::Role(n)) {
                    self.nav = Nav {
                        section: pos,
                        item: 0,
                        focus: Pane::Items,
                        scroll: 0,
                    };
                }
            }
            Action::OpenSearch => {
                let role = match self.section() {
                    Some(Section::Role(r)) => Some(r),
                    _ => None,
                };
                self.search = Some(SearchState {
                    query: String::new(),
                    scope: Scope::All,
                    role,
                    results: Results::default(),
                    selected: 0,
                    generation: 0,
                    pending: false,
                    saved: self.nav,
                });
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::OpenFilters => self.overlay = Some(Overlay::Filters(FilterField::Language)),
            Action::ShowCard => self.show_card(),
            Action::ClearFilters => self.set_filters(Filters::default()),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll { column, row, delta } => {
                if let Some(Region::Pane(p, _)) = layout::region_at(self, column, row) {
                    self.nav.focus = p;
                    self.move_by(isize::from(delta));
                }
            }
            _ => {}
        }
    }

    /// Moves to a record in its section and opens its detail.
    pub fn go_to(&mut self, record: RecordRef) {
        let (section, item, focus) = match record {
            RecordRef::Hotline(i) => (Section::Hotlines, i, Pane::Detail),
            RecordRef::Role(r) => (Section::Role(r), 0, Pane::Items),
            RecordRef::Action(r, a) => (Section::Role(r), a, Pane::Detail),
            RecordRef::Program => (Section::About, 0, Pane::Detail),
            RecordRef::Strategy(i) => (Section::About, 1 + i, Pane::Detail),
            RecordRef::Endorsement(i) => (
                Section::About,
                1 + i + self.dir.program.as_ref().map_or(0, |p| p.strategy.len()),
                Pane::Detail,
            ),
            RecordRef::Fact(i) => (Section::Facts, i, Pane::Detail),
            RecordRef::Event(i) => (Section::Events, i, Pane::Detail),
            RecordRef::Service(i) => (Section::Services, i, Pane::Detail),
        };
        // In a filtered list, the record's row; a record the filters hide (only reached
        // from outside the lists) lifts them rather than show something else.
        let item = match self.shown_at(section, 0) {
            Some(_) => {
                let shown = self.shown.as_ref().map(|s| match section {
                    Section::Services => &s.services,
                    _ => &s.hotlines,
                });
                match shown.and_then(|l| l.iter().position(|&j| j == item)) {
                    Some(row) => row,
                    None => {
                        self.filters = Filters::default();
                        self.shown = None;
                        item
                    }
                }
            }
            None => item,
        };
        if let Some(pos) = self.sections.iter().position(|s| *s == section) {
            self.nav = Nav {
                section: pos,
                item,
                focus,
                scroll: 0,
            };
        }
    }

    pub(super) fn deeper(&mut self) {
        self.nav.focus = match self.nav.focus {
            Pane::Sections => Pane::Items,
            Pane::Items | Pane::Detail => Pane::Detail,
        };
    }

    pub(super) fn shallower(&mut self) {
        self.nav.focus = match self.nav.focus {
            Pane::Detail => Pane::Items,
            Pane::Items | Pane::Sections => Pane::Sections,
        };
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let step = |v: usize, len: usize| -> usize {
            let last = len.saturating_sub(1);
            v.saturating_add_signed(delta).min(last)
        };
        match self.nav.focus {
            Pane::Sections => {
                let new = step(self.nav.section, self.sections.len());
                if new != self.nav.section {
                    self.nav.section = new;
                    self.nav.item = 0;
                    self.nav.scroll = 0;
                }
            }
            Pane::Items => {
                let len = self.section().map_or(0, |s| self.item_count(s));
                let new = step(self.nav.item, len);
                if new != self.nav.item {
                    self.nav.item = new;
                    self.nav.scroll = 0;
                }
            }
            Pane::Detail => {
                let max = isize::try_from(self.max_scroll()).unwrap_or(isize::MAX);
                let cur = isize::try_from(self.nav.scroll).unwrap_or(isize::MAX);
                let new = cur.saturating_add(delta).clamp(0, max);
                self.nav.scroll = u16::try_from(new).unwrap_or(u16::MAX);
            }
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        match layout::region_at(self, column, row) {
            Some(Region::Row(Pane::Sections, i)) if i < self.sections.len() => {
                if i != self.nav.section {
                    self.nav.section = i;
                    self.nav.item = 0;
                    self.nav.scroll = 0;
                }
                self.nav.focus = Pane::Sections;
            }
            Some(Region::Row(Pane::Items, i)) => {
                let len = self.section().map_or(0, |s| self.item_count(s));
                if i < len {
                    if i != self.nav.item {
                        self.nav.scroll = 0;
                    }
                    self.nav.item = i;
                    self.nav.focus = Pane::Items;
                }
            }
            Some(Region::Pane(p, _) | Region::Row(p, _)) => self.nav.focus = p,
            Some(Region::QuickExit | Region::Result(_)) | None => {}
        }
    }

    /// Rows a page moves.
    pub(super) fn page_size(&self) -> isize {
        let rows = layout::list_rows(self).max(2);
        isize::try_from(rows - 1).unwrap_or(1)
    }

    /// Keeps every index and offset in bounds.
    pub(super) fn clamp(&mut self) {
        self.nav.section = self.nav.section.min(self.sections.len().saturating_sub(1));
        let len = self.section().map_or(0, |s| self.item_count(s));
        self.nav.item = self.nav.item.min(len.saturating_sub(1));
        self.nav.scroll = self.nav.scroll.min(self.max_scroll());
        if let Some(s) = &mut self.search {
            s.selected = s.selected.min(s.results.hits.len().saturating_sub(1));
        }
    }
}
