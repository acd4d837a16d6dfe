//! Translatable text in a directory file: a field holds either a plain string or a map
//! of language code to text, such as `{"en": "Report it", "es": "Denúncielo"}`.
//!
//! A file is read for one language at a time (see [`super::load::from_bytes_in`]): each
//! field resolves, as it is parsed, to that language's text, else the directory's
//! default language ("en"), else the first text given. The rest of the program sees
//! plain strings, so a file without any translation reads exactly as before.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The language every file is assumed to be written in when a field is a plain string.
pub const DEFAULT_LANGUAGE: &str = "en";

/// What a text field must be, as the parser's "expected …" says it. The parser's messages
/// are worded in English here; the problem catalogue translates them
/// (`super::problems::json_message_in`), so this module needs no language.
pub const EXPECTED: &str =
    "a string, or a map of language code to string such as {\"en\": \"…\", \"es\": \"…\"}";
/// A map key that is not a language code: `{code}`.
pub const NOT_A_LANGUAGE: &str =
    "{code} is not a language code; use codes such as \"en\" or \"es\"";
/// A language given twice in one map: `{code}`.
pub const LANGUAGE_TWICE: &str = "language \"{code}\" is given twice";
/// A map with no text at all.
pub const EMPTY_MAP: &str = "an empty map: give the text in at least one language";

/// What the parser of the current thread resolves texts to, and what it noticed.
#[derive(Debug, Default)]
struct Resolution {
    /// The language asked for.
    language: Option<String>,
    /// Texts given as maps that lack the language asked for (their fallback text).
    missing: Vec<String>,
    /// Languages seen in any map.
    seen: Vec<String>,
}

thread_local! {
    static RESOLUTION: RefCell<Resolution> = RefCell::new(Resolution::default());
}

/// The language texts resolve to outside [`resolving`]: set once at start from
/// `--lang` or the environment, so that every command reads the directory in it.
static PROCESS_LANGUAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the language texts resolve to for the whole process (first call wins).
pub fn set_process_language(language: &str) {
    let _ = PROCESS_LANGUAGE.set(language.to_owned());
}

/// The language set for the whole process by [`set_process_language`], else English:
/// the language the problems found in a file are worded in (see [`super::problems`]).
#[must_use]
pub fn process_language() -> &'static str {
    PROCESS_LANGUAGE
        .get()
        .map_or(DEFAULT_LANGUAGE, String::as_str)
}

/// The language texts resolve to here and now.
#[must_use]
pub fn current_language() -> String {
    RESOLUTION
        .with(|r| r.borrow().language.clone())
        .or_else(|| PROCESS_LANGUAGE.get().cloned())
        .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned())
}

/// Runs `parse` with texts resolving to `language`; returns its result, the texts that
/// had no translation into it (only maps count: a plain string is simply untranslated),
/// and the languages any map offered.
pub fn resolving<T>(language: &str, parse: impl FnOnce() -> T) -> (T, Vec<String>, Vec<String>) {
    RESOLUTION.with(|r| {
        *r.borrow_mut() = Resolution {
            language: Some(language.to_owned()),
            ..Resolution::default()
        };
    });
    let out = parse();
    let r = RESOLUTION.with(|r| std::mem::take(&mut *r.borrow_mut()));
    (out, r.missing, r.seen)
}

/// The language an enclosing [`resolving`] set on this thread, if any: what a parser
/// running on another thread for this one must resolve texts to (see [`on_worker`]).
pub(crate) fn resolving_language() -> Option<String> {
    RESOLUTION.with(|r| r.borrow().language.clone())
}

/// What texts parsed on a worker thread noticed: (texts missing the language asked
/// for, languages seen), for [`absorb`] on the thread that asked.
pub(crate) type Noticed = (Vec<String>, Vec<String>);

/// Runs `parse` on this (worker) thread as [`resolving`] would on the thread that asked,
/// when that thread was resolving to a `language`; otherwise as the process resolves.
/// This thread's own resolution, if it has one, is put back afterwards.
pub(crate) fn on_worker<T>(language: Option<&str>, parse: impl FnOnce() -> T) -> (T, Noticed) {
    let Some(language) = language else {
        return (parse(), Noticed::default());
    };
    let saved = RESOLUTION.with(|r| {
        std::mem::replace(
            &mut *r.borrow_mut(),
            Resolution {
                language: Some(language.to_owned()),
                ..Resolution::default()
            },
        )
    });
    let out = parse();
    let r = RESOLUTION.with(|r| std::mem::replace(&mut *r.borrow_mut(), saved));
    (out, (r.missing, r.seen))
}

/// Adds what a worker noticed ([`on_worker`]) to this thread's resolution, in the order
/// the workers' parts come in the file.
pub(crate) fn absorb((missing, seen): Noticed) {
    RESOLUTION.with(|r| {
        let mut r = r.borrow_mut();
        r.missing.extend(missing);
        for l in seen {
            if !r.seen.contains(&l) {
                r.seen.push(l);
            }
        }
    });
}

/// A text field, resolved to one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let wanted = current_language();
        let wanted = wanted.as_str();
        let mut chosen: Option<String> = None;
        let mut default: Option<String> = None;
        let mut first: Option<String> = None;
        let mut langs = Vec::new();
        while let Some((lang, text)) = map.next_entry::<String, String>()? {
            if lang.is_empty()
                || lang.len() > 16
                || !lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                return Err(de::Error::custom(NOT_A_LANGUAGE.replace(
                    "{code}",
                    &format!("{:?}", super::sanitize::escape(&lang)),
                )));
            }
            if langs.contains(&lang) {
                return Err(de::Error::custom(LANGUAGE_TWICE.replace("{code}", &lang)));
            }
            if lang == wanted {
                chosen = Some(text.clone());
            }
            if lang == DEFAULT_LANGUAGE {
                default = Some(text.clone());
            }
            if first.is_none() {
                first = Some(text);
            }
            langs.push(lang);
        }
        let fallback = default.or(first);
        RESOLUTION.with(|r| {
            let mut r = r.borrow_mut();
            for l in &langs {
                if !r.seen.contains(l) {
                    r.seen.push(l.clone());
                }
            }
            if chosen.is_none()
                && let Some(f) = &fallback
            {
                r.missing.push(f.clone());
            }
        });
        chosen
            .or(fallback)
            .map(Text)
            .ok_or_else(|| de::Error::custom(EMPTY_MAP))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Text: a string, or a map of language code to text ({\"en\": \"…\", \"es\": \"…\"}).",
            "anyOf": [
                { "type": "string" },
                { "type": "object", "additionalProperties": { "type": "string" }, "minProperties": 1 }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str, lang: &str) -> (Result<Vec<Text>, serde_json::Error>, Vec<String>) {
        let (r, missing, _) = resolving(lang, || serde_json::from_str::<Vec<Text>>(json));
        (r, missing)
    }

    #[test]
    fn strings_and_maps_resolve_to_the_language_asked_for() {
        let json = r#"["plain", {"en": "Report it", "es": "Denúncielo"}, {"en": "Only English"}]"#;
        let (es, missing) = parse(json, "es");
        let es: Vec<String> = es.unwrap().into_iter().map(|t| t.0).collect();
        assert_eq!(es, ["plain", "Denúncielo", "Only English"]);
        assert_eq!(missing, ["Only English"]);
        let (en, missing) = parse(json, "en");
        let en: Vec<String> = en.unwrap().into_iter().map(|t| t.0).collect();
        assert_eq!(en, ["plain", "Report it", "Only English"]);
        assert!(missing.is_empty());
    }

    #[test]
    fn bad_maps_are_errors() {
        assert!(parse(r#"[{}]"#, "en").0.is_err());
        assert!(parse(r#"[{"en": 3}]"#, "en").0.is_err());
        assert!(parse(r#"[{"e n": "x"}]"#, "en").0.is_err());
        assert!(parse(r#"[{"en": "a", "en": "b"}]"#, "en").0.is_err());
        assert!(parse(r#"[3]"#, "en").0.is_err());
    }
}
