//! The checker: every rule a directory file must follow that its types cannot say
//! (unique ids, references that resolve, numbers that parse, text without control
//! characters), with the problems found, each at its JSON path.

use super::*;

/// Checks and converts raw data, collecting every problem rather than stopping at the first.
pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
    pub(super) country: String,
    pub(super) sources: HashSet<String>,
    /// Every id so far, with its record; `None` for the checker of one part of a file's
    /// services, whose ids are gathered when the parts are put together.
    pub(super) ids: Option<IdMap>,
    /// The last date read and its value: most records of a file share their dates.
    pub(super) last_date: Option<(String, Date)>,
    /// The file's `time_zone`, once read: every schedule of the file carries it.
    pub(super) time_zone: Option<jiff::tz::TimeZone>,
    /// One copy of each tag, language, city and other often repeated text.
    pub(super) shared: Interner,
    /// The language texts resolve to.
    pub(super) language: String,
    /// Texts given as maps without that language (their fallback text), in file order.
    pub(super) missing: Vec<String>,
}

impl Checker {
    /// A checker for one part of the services, on another thread: it shares what the file's
    /// head settled (country, sources, time zone) and starts with no problems; it does
    /// not gather ids.
    pub(super) fn fork(&self) -> Self {
        Self {
            problems: Vec::new(),
            country: self.country.clone(),
            sources: self.sources.clone(),
            ids: None,
            last_date: self.last_date.clone(),
            time_zone: self.time_zone.clone(),
            // Its own copies of shared texts: a count shared with another core would
            // be touched from both for every record.
            shared: Interner::default(),
            language: self.language.clone(),
            missing: Vec::new(),
        }
    }

    pub(super) fn problem(&mut self, path: impl Into<String>, message: Message) {
        self.problems.push(Problem {
            path: path.into(),
            position: None,
            message,
        });
    }

    /// Required text: cleaned, and not empty.
    pub(super) fn text(
        &mut self,
        path: impl fmt::Display,
        field: &str,
        s: impl IntoText,
    ) -> String {
        let cleaned = clean_owned(self.resolve(s));
        if cleaned.is_empty() {
            self.problem(
                format!("{path}.{field}"),
                say(|m| m.text_empty, &[("field", field)]),
            );
        }
        cleaned
    }

    /// Optional text: cleaned; empty becomes `None`.
    pub(super) fn opt_text(&mut self, s: Option<impl IntoText>) -> Option<String> {
        s.map(|s| clean_owned(self.resolve(s)))
            .filter(|s| !s.is_empty())
    }

    /// A text field in the language of this checker, noting a translation it lacks.
    pub(super) fn resolve(&mut self, s: impl IntoText) -> String {
        let (text, missing) = s.into_text(&self.language);
        if missing {
            self.missing.push(text.clone());
        }
        text
    }

    /// Optional text that many records repeat: cleaned, shared; empty becomes `None`.
    pub(super) fn opt_shared(&mut self, s: Option<impl IntoText>) -> Option<Shared> {
        self.opt_text(s).map(|s| self.shared.get(s))
    }

    /// A list of texts that many records repeat (tags, languages): cleaned, shared,
    /// empty ones dropped.
    pub(super) fn shared_texts(&mut self, list: Vec<impl IntoText>) -> Vec<Shared> {
        let texts = self.texts(list);
        texts.into_iter().map(|s| self.shared.get(s)).collect()
    }

    pub(super) fn texts(&mut self, list: Vec<impl IntoText>) -> Vec<String> {
        list.into_iter()
            .map(|s| clean_owned(self.resolve(s)))
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub(super) fn date(&mut self, path: impl FnOnce() -> String, s: &str) -> Option<Date> {
        if let Some((last, d)) = &self.last_date
            && last == s
        {
            return Some(*d);
        }
        let cleaned = clean(s);
        match crate::clock::parse_date(&cleaned) {
            Some(d) => {
                self.last_date = Some((s.to_owned(), d));
                Some(d)
            }
            None => {
                self.problem(path(), say(|m| m.not_a_date, &[("value", &cleaned)]));
                None
            }
        }
    }

    pub(super) fn phone(
        &mut self,
        path: impl Fn() -> String,
        number: String,
        extension: Option<&String>,
        sms: bool,
    ) -> Phone {
        // A hidden or control character in a number is refused, not silently removed:
        // the number must be exactly what the source writes.
        let hidden = number.chars().find(|&c| is_forbidden(c) || c == '\t');
        let number = clean_owned(number);
        let extension = extension.and_then(|raw| {
            let ext = phone::extension(raw);
            if ext.is_none() {
                self.problem(
                    format!("{} extension", path()),
                    say(
                        |m| m.bad_extension,
                        &[("value", &crate::directory::sanitize::escape(raw))],
                    ),
                );
            }
            ext
        });
        let checked = match hidden {
            Some(c) => Err(phone::PhoneProblem::BadCharacter(c)),
            None => phone::validate(&number),
        };
        if let Err(e) = checked {
            self.problem(path(), Message::NotAPhone(number.clone(), e));
        }
        let uri = if sms {
            phone::derive_sms(&number, &self.country)
        } else {
            phone::derive_tel(&number, &self.country, extension.as_deref())
        };
        Phone {
            number,
            extension,
            uri,
        }
    }

    pub(super) fn id(&mut self, path: impl fmt::Display, id: String, r: RecordRef) -> String {
        let id = clean_owned(id);
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            self.problem(format!("{path}.id"), say(|m| m.bad_id, &[("id", &id)]));
        } else if let Some(ids) = &mut self.ids {
            if let Some(first) = ids.get(&id) {
                let first = path_of(*first);
                self.problem(
                    format!("{path}.id"),
                    say(|m| m.id_taken, &[("id", &id), ("first", &first)]),
                );
            } else {
                ids.insert(id.clone(), r);
            }
        }
        id
    }

    pub(super) fn url(
        &mut self,
        path: impl FnOnce() -> String,
        s: Option<String>,
    ) -> Option<String> {
        let url = self.opt_text(s)?;
        let message = match crate::directory::web::check(&url) {
            Ok(()) => return Some(url),
            Err(crate::directory::web::UrlProblem::NotAnAddress) => {
                say(|m| m.not_a_url, &[("value", &url)])
            }
            Err(crate::directory::web::UrlProblem::Scheme(scheme)) => {
                say(|m| m.url_scheme, &[("value", &url), ("scheme", &scheme)])
            }
            Err(crate::directory::web::UrlProblem::UserInfo) => {
                say(|m| m.url_userinfo, &[("value", &url)])
            }
        };
        self.problem(path(), message);
        Some(url)
    }

    pub(super) fn email(
        &mut self,
        path: impl FnOnce() -> String,
        s: Option<String>,
    ) -> Option<String> {
        let email = self.opt_text(s)?;
        let ok = email.split('@').count() == 2
            && !email.starts_with('@')
            && !email.ends_with('@')
            && !email.chars().any(char::is_whitespace);
        if !ok {
            self.problem(path(), say(|m| m.not_an_email, &[("value", &email)]));
        }
        Some(email)
    }

    pub(super) fn provenance(
        &mut self,
        path: impl fmt::Display,
        source: Vec<String>,
        retrieved: &str,
        verified: Option<&String>,
    ) -> Provenance {
        if source.is_empty() {
            self.problem(format!("{path}.source"), say(|m| m.no_source, &[]));
        }
        let mut ids = Vec::with_capacity(source.len());
        for (i, s) in source.into_iter().enumerate() {
            let s = clean_owned(s);
            if !self.sources.contains(&s) {
                self.problem(
                    format!("{path}.source[{i}]"),
                    say(|m| m.unknown_source, &[("id", &s)]),
                );
            }
            ids.push(self.shared.get(s));
        }
        let retrieved_date = self.date(|| format!("{path}.retrieved"), retrieved);
        let verified = verified.and_then(|v| self.date(|| format!("{path}.verified"), v));
        Provenance {
            source: ids,
            retrieved: retrieved_date.unwrap_or(Date::MIN),
            verified,
        }
    }
}

/// A text field of the raw format, taken as the string it holds in a language, and
/// whether it lacked that language (see [`Text::resolve`]).
pub(super) trait IntoText {
    fn into_text(self, language: &str) -> (String, bool);
}

impl IntoText for String {
    fn into_text(self, _: &str) -> (String, bool) {
        (self, false)
    }
}

impl IntoText for Text {
    fn into_text(self, language: &str) -> (String, bool) {
        let r = self.resolve(language);
        (r.text, r.missing)
    }
}
