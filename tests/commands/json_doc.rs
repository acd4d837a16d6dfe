#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Issue 16 §5: the JSON the commands print is written down once, as types
//! (`src/render/json.rs`), and `docs/json-output.md` is checked against the schemas those
//! types generate: every field a command can print is named in that command's section
//! of the document (or in the part on record objects every section shares), and every
//! kind is listed. A field added to a type and not to the document fails here.

use std::collections::BTreeSet;

use heatwatch::render::json::schemas;
use serde_json::Value;

/// Every property name in a schema, through its definitions, `anyOf`s and items.
fn properties(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get("properties") {
                out.extend(props.keys().cloned());
            }
            for value in m.values() {
                properties(value, out);
            }
        }
        Value::Array(list) => list.iter().for_each(|x| properties(x, out)),
        _ => {}
    }
}

/// The text of the document from the heading that starts with `heading` to the next
/// heading of the same level or higher.
fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no section {heading}"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let rest = &doc[start + heading.len()..];
    let end = rest
        .match_indices("\n#")
        .find(|(i, _)| {
            let hashes = rest[i + 1..].chars().take_while(|c| *c == '#').count();
            hashes <= level
        })
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

#[test]
fn every_field_the_commands_print_is_documented() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json-output.md"),
    )
    .unwrap();
    let shared = section(&doc, "### Record objects");
    let conventions = section(&doc, "## JSON output");
    let mut checked = 0;
    for (command, schema) in schemas() {
        let heading = match command {
            "search" => "### `heatwatch search QUERY --json`",
            "show" => "### `heatwatch show ID --json`",
            "hotlines" => "### `heatwatch hotlines --json`",
            "roles" => "### `heatwatch roles --json`",
            other => panic!("no section for {other}"),
        };
        let own = section(&doc, heading);
        let mut names = BTreeSet::new();
        properties(&serde_json::to_value(&schema).unwrap(), &mut names);
        assert!(names.len() >= 5, "{command}: {names:?}");
        let missing: Vec<&String> = names
            .iter()
            .filter(|n| {
                let quoted = format!("`{n}`");
                let quoted_key = format!("\"{n}\"");
                ![own, shared, conventions]
                    .iter()
                    .any(|part| part.contains(&quoted) || part.contains(&quoted_key))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "docs/json-output.md does not name {missing:?} in the {command} section"
        );
        checked += names.len();
    }
    assert!(checked > 60, "{checked}");
    // Every kind, as JSON names it.
    let kinds = serde_json::to_value(schemars::schema_for!(heatwatch::render::json::Kind)).unwrap();
    let kinds: Vec<String> = kinds["enum"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .or_else(|| {
            kinds["oneOf"].as_array().map(|a| {
                a.iter()
                    .filter_map(|v| v["const"].as_str().map(str::to_owned))
                    .collect()
            })
        })
        .unwrap_or_default();
    assert_eq!(kinds.len(), 9, "{kinds:?}");
    for k in kinds {
        assert!(shared.contains(&format!("`{k}`")), "kind {k} is not listed");
    }
}
