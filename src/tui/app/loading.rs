//! A large directory shown in two steps: its head at once (the header, the hotline bar,
//! the roles and every section but the local services), then the whole once its services
//! have loaded behind it, the person kept where they are.

use super::*;

impl App {
    /// Marks this app as the directory's head only: local services are loading behind
    /// it. Their section is listed at once, saying so, and the footer shows how far the
    /// load has come ([`Action::Progress`]).
    pub fn start_loading(&mut self) {
        self.loading = Some(0);
        self.sections = sections_of(&self.dir, true);
        self.clamp();
    }

    /// Whether only the directory's head is loaded, its local services still loading.
    #[must_use]
    pub const fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The whole directory has loaded behind its head: `whole` is the app built from it.
    /// Its directories, indexes and sections replace the head's; the person stays where
    /// they are — the same section, row, pane, overlay, filters, language and search,
    /// whose query runs again over the whole (the effect returned).
    ///
    /// A kiosk whose file failed after its head was shown takes `whole` as it is: the
    /// kiosk's error screen, from a cleared screen, never a half-loaded directory.
    pub fn finish_loading(&mut self, whole: Self) -> Option<Effect> {
        let failed = whole.kiosk.as_ref().is_some_and(|k| k.data_error.is_some());
        if failed || self.kiosk.is_some() != whole.kiosk.is_some() {
            let size = self.size;
            *self = whole;
            self.update(Action::Resize(size.0, size.1));
            return Some(Effect::ClearScreen);
        }
        let section = self.section();
        let code = self.dir.meta.language.clone();
        let Self {
            dir,
            index,
            sections,
            languages,
            start_language,
            qr,
            ..
        } = whole;
        self.dir = dir;
        self.index = index;
        self.sections = sections;
        self.languages = languages;
        self.start_language = start_language;
        self.qr = qr;
        self.loading = None;
        match self.languages.iter().position(|l| l.code == code) {
            Some(i) => self.use_language(i),
            None => self.refilter(),
        }
        if let Some(k) = section.and_then(|s| self.sections.iter().position(|x| *x == s)) {
            self.nav.section = k;
        }
        self.clamp();
        // The head's results must not narrow the search over the whole.
        if let Some(s) = &mut self.search {
            s.results = Results::default();
            s.selected = 0;
            return self.request_search();
        }
        None
    }
}
