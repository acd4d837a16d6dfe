//! The search box's state: what is typed, the results and the one selected, the
//! requests the event loop runs (on the worker for large directories) and how answers
//! come back.

use super::*;

/// How many results a search keeps for display.
pub const RESULT_LIMIT: usize = 50;

/// The longest query accepted (pasted text is cut here).
const MAX_QUERY_CHARS: usize = 200;

/// The search box and its results.
#[derive(Debug, Clone)]
pub struct SearchState {
    /// The query as typed.
    pub query: String,
    /// Where it searches.
    pub scope: Scope,
    /// The role selected when search opened, which Ctrl-T can narrow to.
    pub role: Option<usize>,
    /// The latest results.
    pub results: Results,
    /// The selected result.
    pub selected: usize,
    /// The generation of the latest request; older answers are dropped.
    pub generation: u64,
    /// Whether an answer is still awaited.
    pub pending: bool,
    /// Where the person was, to return on Esc.
    pub saved: Nav,
}

/// A search to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// Generation, echoed back.
    pub generation: u64,
    /// The query.
    pub query: String,
    /// The scope.
    pub scope: Scope,
    /// The filters in force, if any.
    pub filter: Option<FilterSnapshot>,
    /// The index to search: the current language's (`L` switches it).
    pub index: IndexRef,
}

/// A search index shared with the search worker; two are equal when they are the same
/// index.
#[derive(Debug, Clone)]
pub struct IndexRef(pub Arc<SearchIndex>);

impl PartialEq for IndexRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for IndexRef {}

/// The filters of a search, with what they need to judge a record: enough to run the
/// search on another thread.
#[derive(Debug, Clone)]
pub struct FilterSnapshot {
    /// The directory the search index was built from.
    pub dir: Arc<Directory>,
    /// The filters.
    pub filters: Filters,
    /// The instant "open now" refers to.
    pub now: jiff::Timestamp,
}

impl PartialEq for FilterSnapshot {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.dir, &other.dir) && self.filters == other.filters && self.now == other.now
    }
}

impl Eq for FilterSnapshot {}

/// Runs a search request against its index, with its filters.
#[must_use]
pub fn run_request(req: &SearchRequest, previous: Option<&Results>) -> Results {
    let index = &req.index.0;
    match &req.filter {
        Some(f) => {
            let prepared = f.filters.prepare(&f.dir);
            let keep = |r: RecordRef| prepared.accepts(&f.dir, r, f.now);
            index.search_filtered(&req.query, req.scope, RESULT_LIMIT, previous, Some(&keep))
        }
        None => index.search_after(&req.query, req.scope, RESULT_LIMIT, previous),
    }
}

impl App {
    pub(super) fn update_search(&mut self, action: Action) -> Option<Effect> {
        let page = self.page_size();
        let s = self.search.as_mut()?;
        let last = s.results.hits.len().saturating_sub(1);
        match action {
            Action::Back => {
                self.nav = s.saved;
                self.search = None;
                self.clamp();
                return None;
            }
            Action::Up => s.selected = s.selected.saturating_sub(1),
            Action::Down => s.selected = (s.selected + 1).min(last),
            Action::PageUp => s.selected = s.selected.saturating_sub(page.unsigned_abs()),
            Action::PageDown => s.selected = (s.selected + page.unsigned_abs()).min(last),
            Action::Scroll { delta, .. } => {
                s.selected = s
                    .selected
                    .saturating_add_signed(isize::from(delta))
                    .min(last);
            }
            Action::Click { column, row } => {
                if let Some(Region::Result(i)) = layout::region_at(self, column, row)
                    && let Some(s) = self.search.as_mut()
                {
                    s.selected = i.min(last);
                }
            }
            Action::Enter => {
                let hit = s.results.hits.get(s.selected).map(|h| h.record);
                if let Some(record) = hit {
                    self.search = None;
                    self.go_to(record);
                    self.clamp();
                }
            }
            Action::Type(c) => {
                if s.query.chars().count() < MAX_QUERY_CHARS
                    && !sanitize::is_forbidden(c)
                    && !c.is_control()
                {
                    s.query.push(c);
                }
                return self.request_search();
            }
            Action::Paste(text) => {
                let room = MAX_QUERY_CHARS.saturating_sub(s.query.chars().count());
                let clean = text
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .filter(|&c| !sanitize::is_forbidden(c));
                s.query.extend(clean.take(room));
                return self.request_search();
            }
            Action::Backspace => {
                s.query.pop();
                return self.request_search();
            }
            Action::ClearQuery => {
                s.query.clear();
                return self.request_search();
            }
            Action::DeleteWord => {
                let kept = s.query.trim_end().len();
                s.query.truncate(kept);
                let start = s.query.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                s.query.truncate(start);
                return self.request_search();
            }
            Action::ToggleScope => {
                s.scope = match (s.scope, s.role) {
                    (Scope::All, Some(r)) => Scope::Role(r),
                    _ => Scope::All,
                };
                return self.request_search();
            }
            _ => {}
        }
        None
    }

    pub(super) fn request_search(&mut self) -> Option<Effect> {
        let generation = self.next_generation;
        self.next_generation += 1;
        let s = self.search.as_mut()?;
        s.generation = generation;
        if s.query.trim().is_empty() {
            s.results = Results::default();
            s.pending = false;
            s.selected = 0;
            return None;
        }
        s.pending = true;
        let filter = (!self.filters.is_empty()).then(|| FilterSnapshot {
            dir: Arc::clone(&self.dir),
            filters: self.filters.clone(),
            now: self.now,
        });
        Some(Effect::Search(SearchRequest {
            generation,
            query: s.query.clone(),
            scope: s.scope,
            filter,
            index: IndexRef(Arc::clone(&self.index)),
        }))
    }

    /// Searches the whole directory for `query` here and now, as the search box does
    /// (the same index, ranking and filters in force): what screen-reader mode asks.
    #[must_use]
    pub fn search_now(&self, query: &str) -> Results {
        let filter = (!self.filters.is_empty()).then(|| FilterSnapshot {
            dir: Arc::clone(&self.dir),
            filters: self.filters.clone(),
            now: self.now,
        });
        let req = SearchRequest {
            generation: 0,
            query: query.to_owned(),
            scope: Scope::All,
            filter,
            index: IndexRef(Arc::clone(&self.index)),
        };
        run_request(&req, None)
    }

    /// Runs a search request here and now, narrowing from the current results: what the
    /// event loop does for small directories, and what tests do.
    #[must_use]
    pub fn run_search(&self, req: &SearchRequest) -> Results {
        let previous = self.search.as_ref().map(|s| &s.results);
        run_request(req, previous)
    }
}
