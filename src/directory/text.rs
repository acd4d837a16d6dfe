//! Translatable text in a directory file: a field holds either a plain string or a map
//! of language code to text, such as `{"en": "Report it", "es": "Denúncielo"}`.
//!
//! A [`Text`] keeps every language the file gives. The loader resolves it to one
//! language with [`Text::resolve`], naming the language each time (see
//! [`super::load::read`], which parses a file once and converts it into every language
//! asked for): that language's text, else the directory's default language ("en"),
//! else the first text given. The rest of the program sees plain strings, so a file
//! without any translation reads exactly as before.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
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

/// A text field as the file gives it: one string, or the text in several languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A plain string: the text in every language.
    Plain(String),
    /// Language code to text, in file order; never empty, no code twice.
    Languages(Vec<(String, String)>),
}

impl Default for Text {
    fn default() -> Self {
        Self::Plain(String::new())
    }
}

/// A text resolved to one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The text.
    pub text: String,
    /// Whether the field was a map without the language asked for (so `text` is the
    /// fallback). A plain string is never missing: it is simply untranslated.
    pub missing: bool,
}

impl Text {
    /// The text in `language`: that language's text, else the default language's, else
    /// the first given.
    #[must_use]
    pub fn resolve(self, language: &str) -> Resolved {
        match self {
            Self::Plain(text) => Resolved {
                text,
                missing: false,
            },
            Self::Languages(mut map) => {
                let at = |code: &str| map.iter().position(|(l, _)| l == code);
                if let Some(i) = at(language) {
                    return Resolved {
                        text: map.swap_remove(i).1,
                        missing: false,
                    };
                }
                let i = at(DEFAULT_LANGUAGE).unwrap_or(0);
                let text = if i < map.len() {
                    map.swap_remove(i).1
                } else {
                    String::new()
                };
                Resolved {
                    text,
                    missing: true,
                }
            }
        }
    }

    /// The text in `language`, as [`Text::resolve`] chooses it, without taking it.
    #[must_use]
    pub fn get(&self, language: &str) -> &str {
        match self {
            Self::Plain(text) => text,
            Self::Languages(map) => map
                .iter()
                .find(|(l, _)| l == language)
                .or_else(|| map.iter().find(|(l, _)| l == DEFAULT_LANGUAGE))
                .or_else(|| map.first())
                .map_or("", |(_, t)| t),
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::Plain(s.to_owned())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Plain(text) => s.serialize_str(text),
            Self::Languages(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (l, t) in map {
                    m.serialize_entry(l, t)?;
                }
                m.end()
            }
        }
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::Plain(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text::Plain(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut texts: Vec<(String, String)> = Vec::with_capacity(2);
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
            if texts.iter().any(|(l, _)| *l == lang) {
                return Err(de::Error::custom(LANGUAGE_TWICE.replace("{code}", &lang)));
            }
            texts.push((lang, text));
        }
        if texts.is_empty() {
            return Err(de::Error::custom(EMPTY_MAP));
        }
        Ok(Text::Languages(texts))
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

    fn parse(json: &str, lang: &str) -> (Result<Vec<String>, serde_json::Error>, Vec<String>) {
        let mut missing = Vec::new();
        let texts = serde_json::from_str::<Vec<Text>>(json).map(|list| {
            list.into_iter()
                .map(|t| {
                    let r = t.resolve(lang);
                    if r.missing {
                        missing.push(r.text.clone());
                    }
                    r.text
                })
                .collect()
        });
        (texts, missing)
    }

    #[test]
    fn strings_and_maps_resolve_to_the_language_asked_for() {
        let json = r#"["plain", {"en": "Report it", "es": "Denúncielo"}, {"en": "Only English"}]"#;
        let (es, missing) = parse(json, "es");
        assert_eq!(es.unwrap(), ["plain", "Denúncielo", "Only English"]);
        assert_eq!(missing, ["Only English"]);
        let (en, missing) = parse(json, "en");
        assert_eq!(en.unwrap(), ["plain", "Report it", "Only English"]);
        assert!(missing.is_empty());
    }

    #[test]
    fn one_parse_keeps_every_language() {
        let t: Text = serde_json::from_str(r#"{"es": "Hola", "fr": "Bonjour"}"#).unwrap();
        assert_eq!(t.get("es"), "Hola");
        assert_eq!(t.get("fr"), "Bonjour");
        // No English: the first text given.
        assert_eq!(t.get("en"), "Hola");
        assert_eq!(t.clone().resolve("de").text, "Hola");
        assert!(t.clone().resolve("de").missing);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"es":"Hola","fr":"Bonjour"}"#
        );
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
