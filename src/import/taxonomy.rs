//! Which taxonomy terms make a service a trafficking hotline, and which extra search
//! words terms bring: the built-in rule and the `--map FILE` rules (docs/import.md).

use serde::Deserialize;

use super::model::Term;

/// A taxonomy map: the built-in rule (unless turned off) and the file's rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyMap {
    /// Whether the built-in rule applies: a term whose name has "trafficking" and one of
    /// "hotline", "hot line", "helpline", "help line", "crisis line", "tip line" makes a
    /// hotline.
    #[serde(default = "yes")]
    pub default_rules: bool,
    /// Rules, applied in order; every rule that matches a term applies.
    #[serde(default)]
    pub rules: Vec<Rule>,
}

const fn yes() -> bool {
    true
}

impl Default for TaxonomyMap {
    fn default() -> Self {
        Self {
            default_rules: true,
            rules: Vec::new(),
        }
    }
}

/// One rule of a map.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Which terms it applies to.
    #[serde(rename = "match")]
    pub matcher: Matcher,
    /// Services with a matching term go into the hotlines section.
    #[serde(default)]
    pub hotline: bool,
    /// Search words added to services with a matching term.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// What a term must be to match. Every field given must match (case is ignored).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    /// The taxonomy's name (`vocabulary` in 1.1, `taxonomy` or the taxonomy's name in 3.0).
    #[serde(default)]
    pub taxonomy: Option<String>,
    /// The term's code, exactly.
    #[serde(default)]
    pub code: Option<String>,
    /// Codes starting with this (a branch of a hierarchical taxonomy).
    #[serde(default)]
    pub code_prefix: Option<String>,
    /// The term's name, exactly.
    #[serde(default)]
    pub name: Option<String>,
    /// Text the term's name contains.
    #[serde(default)]
    pub name_contains: Option<String>,
}

/// What a service's terms come to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// A term marks the service as a trafficking hotline; the term's name, for notes.
    pub hotline: Option<String>,
    /// Extra search words from the rules.
    pub tags: Vec<String>,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Matcher {
    fn is_empty(&self) -> bool {
        self.code.is_none()
            && self.code_prefix.is_none()
            && self.name.is_none()
            && self.name_contains.is_none()
    }

    fn matches(&self, t: &Term) -> bool {
        let field = |want: &Option<String>, have: &Option<String>, f: fn(&str, &str) -> bool| {
            want.as_ref()
                .is_none_or(|w| have.as_ref().is_some_and(|h| f(h, w)))
        };
        field(&self.taxonomy, &t.taxonomy, same)
            && field(&self.code, &t.code, same)
            && field(&self.code_prefix, &t.code, |h, w| {
                h.trim()
                    .to_lowercase()
                    .starts_with(&w.trim().to_lowercase())
            })
            && field(&self.name, &t.name, same)
            && field(&self.name_contains, &t.name, |h, w| {
                h.to_lowercase().contains(&w.trim().to_lowercase())
            })
    }
}

/// The built-in rule: a trafficking hotline by the words of the term's name.
#[must_use]
pub fn is_trafficking_hotline_name(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("trafficking")
        && [
            "hotline",
            "hot line",
            "helpline",
            "help line",
            "crisis line",
            "tip line",
        ]
        .iter()
        .any(|w| n.contains(w))
}

impl TaxonomyMap {
    /// Reads a map file's JSON.
    ///
    /// # Errors
    /// A message with the line and column of a syntax error, an unknown field, or a rule
    /// that matches nothing.
    pub fn from_json(bytes: &[u8]) -> Result<Self, String> {
        let map: Self = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        for (i, r) in map.rules.iter().enumerate() {
            if r.matcher.is_empty() {
                return Err(format!(
                    "rules[{i}].match needs one of \"code\", \"code_prefix\", \"name\" or \"name_contains\""
                ));
            }
            if !r.hotline && r.tags.is_empty() {
                return Err(format!(
                    "rules[{i}] does nothing: give \"hotline\": true or some \"tags\""
                ));
            }
        }
        Ok(map)
    }

    /// What the terms of one service come to.
    #[must_use]
    pub fn apply(&self, terms: &[Term]) -> Outcome {
        let mut out = Outcome::default();
        for t in terms {
            let name = t.name.as_deref().unwrap_or_default();
            if self.default_rules && out.hotline.is_none() && is_trafficking_hotline_name(name) {
                out.hotline = Some(name.to_owned());
            }
            for r in &self.rules {
                if !r.matcher.matches(t) {
                    continue;
                }
                if r.hotline && out.hotline.is_none() {
                    out.hotline = Some(
                        t.name
                            .clone()
                            .or_else(|| t.code.clone())
                            .unwrap_or_default(),
                    );
                }
                for tag in &r.tags {
                    if !out.tags.contains(tag) {
                        out.tags.push(tag.clone());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(code: &str, name: &str) -> Term {
        Term {
            code: Some(code.into()),
            name: Some(name.into()),
            taxonomy: Some("AIRS".into()),
            value: None,
        }
    }

    #[test]
    fn default_rule_is_by_words() {
        let map = TaxonomyMap::default();
        assert!(
            map.apply(&[term("x", "Human Trafficking Hotlines")])
                .hotline
                .is_some()
        );
        assert!(
            map.apply(&[term("x", "Trafficking Tip Line")])
                .hotline
                .is_some()
        );
        assert!(
            map.apply(&[term("x", "Human Trafficking")])
                .hotline
                .is_none()
        );
        assert!(map.apply(&[term("x", "Crisis Hotlines")]).hotline.is_none());
    }

    #[test]
    fn rules_match_every_given_field() {
        let map = TaxonomyMap::from_json(
            br#"{"default_rules": false, "rules": [
                {"match": {"taxonomy": "airs", "code_prefix": "RP-1400"}, "hotline": true, "tags": ["trafficking"]},
                {"match": {"name_contains": "food"}, "tags": ["food", "meals"]}
            ]}"#,
        )
        .unwrap();
        let out = map.apply(&[
            term("RP-1400.8000", "Anything"),
            term("BD", "Food Pantries"),
        ]);
        assert_eq!(out.hotline.as_deref(), Some("Anything"));
        assert_eq!(out.tags, ["trafficking", "food", "meals"]);
        assert!(
            map.apply(&[term("x", "Human Trafficking Hotlines")])
                .hotline
                .is_none()
        );
    }

    #[test]
    fn bad_maps_are_refused() {
        assert!(TaxonomyMap::from_json(br#"{"rules": [{"match": {}, "hotline": true}]}"#).is_err());
        assert!(TaxonomyMap::from_json(br#"{"rules": [{"match": {"name": "x"}}]}"#).is_err());
        assert!(TaxonomyMap::from_json(br#"{"rulez": []}"#).is_err());
    }
}
