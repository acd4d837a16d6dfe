//! What a row and a record say in words: the text of a list row, a section's label,
//! what `y` copies and what `o` opens.

use super::*;

/// What an item's list row says (see [`App::row_text`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowText {
    /// Older than the stale threshold: "[old]" goes first.
    pub stale: bool,
    /// Its number carries a caution: "[caution]" goes before the title.
    pub caution: bool,
    /// The title.
    pub main: String,
    /// The number beside it, never cut.
    pub tail: Option<String>,
}

impl App {
    /// What a list row of a section says (its number key first, for the keys 0–9).
    #[must_use]
    pub fn section_label(&self, s: Section) -> String {
        match s {
            Section::Role(r) if r < 9 => format!("{} {}", r + 1, self.section_name(s)),
            Section::Hotlines => format!("0 {}", self.section_name(s)),
            _ => self.section_name(s),
        }
    }

    /// What an item's list row says: its marks, its title, and the number beside it.
    /// The view styles it; the layout sizes the panes by it.
    #[must_use]
    pub fn row_text(&self, item: Item) -> RowText {
        let Item::Record(r) = item;
        let stale = self.age_of(r).is_some_and(|(_, stale)| stale);
        match r {
            RecordRef::Hotline(i) => match self.dir.hotlines.get(i) {
                Some(h) => RowText {
                    stale,
                    caution: h.caution.is_some(),
                    main: h.short_name.clone(),
                    tail: Some(h.phone.display()),
                },
                None => RowText::default(),
            },
            RecordRef::Endorsement(i) => RowText {
                stale,
                main: format!(
                    "“…” — {}",
                    self.dir
                        .program
                        .as_ref()
                        .and_then(|p| p.endorsements.get(i))
                        .map(|e| e.speaker.as_str())
                        .unwrap_or_default()
                ),
                ..RowText::default()
            },
            RecordRef::Service(i) => RowText {
                stale,
                main: self.dir.title_of(r).unwrap_or_default().to_owned(),
                tail: self.dir.services.get(i).and_then(|s| {
                    s.phones
                        .iter()
                        .find(|p| p.kind != crate::directory::PhoneKind::Fax)
                        .map(|p| p.phone.display())
                }),
                ..RowText::default()
            },
            _ => RowText {
                stale,
                main: self.dir.title_of(r).unwrap_or_default().to_owned(),
                ..RowText::default()
            },
        }
    }

    /// What `y` copies: a hotline's or service's name and number, or the record's text.
    #[must_use]
    pub fn copy_text(&self) -> Option<String> {
        self.copy_text_of(self.detail_item()?)
    }

    /// What `y` (or Ctrl-Y on a search result) copies of this item.
    #[must_use]
    pub fn copy_text_of(&self, item: Item) -> Option<String> {
        match item {
            Item::Record(RecordRef::Hotline(i)) => {
                let h = self.dir.hotlines.get(i)?;
                Some(format!("{}: {}", h.name, h.phone.display()))
            }
            Item::Record(RecordRef::Service(i)) => {
                let s = self.dir.services.get(i)?;
                let number = s
                    .phones
                    .iter()
                    .find(|p| p.kind != crate::directory::PhoneKind::Fax)
                    .map(|p| p.phone.display());
                Some(match number {
                    Some(n) => format!("{}: {n}", s.name),
                    None => s.name.clone(),
                })
            }
            Item::Record(r) => {
                // What `heatwatch show` prints of the record, in the interface's language.
                let msg = crate::i18n::cli::for_language(&self.dir.meta.language);
                let blocks = crate::render::record_blocks(&self.dir, r, msg, true);
                let options = crate::render::TextOptions {
                    width: None,
                    style: crate::render::Style::default(),
                    uris: true,
                    rules: false,
                };
                Some(
                    crate::render::render_text(&blocks, options)
                        .trim()
                        .to_owned(),
                )
            }
        }
    }

    /// The link `o` opens, if the selected record has one that keeps the rule of
    /// [`crate::directory::web`]: an http(s) address as written, a bare `host/path` as
    /// `https://host/path`, never another scheme or an address with user information.
    #[must_use]
    pub fn link(&self) -> Option<String> {
        let url = match self.detail_item()? {
            Item::Record(RecordRef::Hotline(i)) => self.dir.hotlines.get(i)?.url.clone(),
            Item::Record(RecordRef::Service(i)) => self.dir.services.get(i)?.url.clone(),
            _ => None,
        }?;
        crate::directory::web::to_open(&url)
    }
}
