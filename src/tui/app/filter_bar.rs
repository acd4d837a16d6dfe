//! The filter bar's state (`f`): its fields, what typing and switching do to the
//! filters, and the hotlines and services they let through.

use super::*;

/// The fields of the filter bar, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    /// A language the service states.
    Language,
    /// Text of the service's area or address.
    Area,
    /// A kind of line: any, text, TTY.
    Phone,
    /// Open now, from the data's schedules.
    OpenNow,
}

impl FilterField {
    const ALL: [Self; 4] = [Self::Language, Self::Area, Self::Phone, Self::OpenNow];

    fn step(self, by: isize) -> Self {
        let at = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let n = Self::ALL.len();
        let next = (at + n).saturating_add_signed(by) % n;
        Self::ALL.get(next).copied().unwrap_or(Self::Language)
    }
}

/// Which hotlines and services pass the filters, as indexes into the directory's lists.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// Indexes into `hotlines`.
    pub hotlines: Vec<usize>,
    /// Indexes into `services`.
    pub services: Vec<usize>,
}

/// Adds typed text to a filter's value; the value stays a single clean line.
fn push_filter_text(value: &mut Option<String>, text: &str) {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let v = value.get_or_insert_with(String::new);
    if v.chars().count() < 60 {
        v.extend(clean.chars().take(60));
    }
}

impl App {
    /// The filter bar: move between fields, type into the text ones, switch the
    /// choices; every change applies at once.
    pub(super) fn update_filter(&mut self, action: Action) {
        let Some(field) = self.filter_bar() else {
            return;
        };
        let mut f = self.filters.clone();
        let text = match field {
            FilterField::Language => Some(&mut f.language),
            FilterField::Area => Some(&mut f.area),
            FilterField::Phone | FilterField::OpenNow => None,
        };
        match (action, text) {
            (Action::Back | Action::Enter, _) => self.overlay = None,
            (Action::NextPane | Action::Down, _) => {
                self.overlay = Some(Overlay::Filters(field.step(1)));
            }
            (Action::PrevPane | Action::Up, _) => {
                self.overlay = Some(Overlay::Filters(field.step(-1)));
            }
            (Action::Type(c), Some(t)) => push_filter_text(t, &c.to_string()),
            (Action::ToggleField, Some(t)) => push_filter_text(t, " "),
            (Action::Paste(p), Some(t)) => push_filter_text(t, &p),
            (Action::Backspace, Some(t)) => {
                if let Some(s) = t.as_mut() {
                    s.pop();
                }
                if t.as_deref().is_some_and(str::is_empty) {
                    *t = None;
                }
            }
            (Action::ClearQuery, Some(t)) => *t = None,
            (Action::ToggleField | Action::Type(' '), None) => match field {
                FilterField::Phone => {
                    f.phone = match f.phone {
                        None => Some(PhoneNeed::Text),
                        Some(PhoneNeed::Text) => Some(PhoneNeed::Tty),
                        Some(PhoneNeed::Tty) => None,
                    };
                }
                _ => f.open_now = !f.open_now,
            },
            (Action::ClearQuery | Action::Backspace, None) => match field {
                FilterField::Phone => f.phone = None,
                _ => f.open_now = false,
            },
            (Action::ClearFilters, _) => f = Filters::default(),
            _ => {}
        }
        if f != self.filters {
            self.set_filters(f);
        }
    }

    /// Puts filters in force: the lists show only what passes them.
    pub fn set_filters(&mut self, filters: Filters) {
        self.filters = filters;
        self.refilter();
        self.nav.item = 0;
        self.nav.scroll = 0;
        self.clamp();
    }

    /// Recomputes which hotlines and services pass the filters (after a change of
    /// filters, language or clock).
    pub(super) fn refilter(&mut self) {
        if self.filters.is_empty() {
            self.shown = None;
            return;
        }
        use rayon::prelude::*;
        let d = &self.dir;
        let prepared = self.filters.prepare(d);
        let now = self.now;
        let keep = |r: RecordRef| prepared.accepts(d, r, now);
        self.shown = Some(Shown {
            hotlines: (0..d.hotlines.len())
                .filter(|&i| keep(RecordRef::Hotline(i)))
                .collect(),
            // Both cores for a county's thousands of services; rayon keeps the order.
            services: (0..d.services.len())
                .into_par_iter()
                .filter(|&i| keep(RecordRef::Service(i)))
                .collect(),
        });
    }
}
