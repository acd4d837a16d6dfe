//! serde_json's messages in the reader's language: its fixed phrases, and what it
//! expected and found.

use super::*;

/// serde_json's fixed messages, with the string each becomes.
pub(super) const FIXED: &[(&str, Pick)] = &[
    ("EOF while parsing a list", |m| m.json_eof_list),
    ("EOF while parsing an object", |m| m.json_eof_object),
    ("EOF while parsing a string", |m| m.json_eof_string),
    ("EOF while parsing a value", |m| m.json_eof_value),
    ("expected `:`", |m| m.json_expected_colon),
    ("expected `,` or `]`", |m| m.json_expected_list_comma),
    ("expected `,` or `}`", |m| m.json_expected_object_comma),
    ("expected ident", |m| m.json_expected_ident),
    ("expected value", |m| m.json_expected_value),
    ("expected `\"`", |m| m.json_expected_quote),
    ("invalid escape", |m| m.json_invalid_escape),
    ("invalid number", |m| m.json_invalid_number),
    ("number out of range", |m| m.json_number_out_of_range),
    ("invalid unicode code point", |m| m.json_invalid_unicode),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        |m| m.json_control_character,
    ),
    ("key must be a string", |m| m.json_key_not_string),
    ("lone leading surrogate in hex escape", |m| {
        m.json_lone_surrogate
    }),
    ("trailing comma", |m| m.json_trailing_comma),
    ("trailing characters", |m| m.json_trailing_characters),
    ("unexpected end of hex escape", |m| {
        m.json_unexpected_end_of_escape
    }),
    ("recursion limit exceeded", |m| m.json_recursion_limit),
];

pub(super) fn translate_json(m: &ProblemMessages, msg: &str) -> Option<String> {
    if let Some((_, pick)) = FIXED.iter().find(|(en, _)| *en == msg) {
        return Some(pick(m).to_owned());
    }
    let field = |prefix: &str| {
        msg.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('`'))
    };
    if let Some(name) = field("missing field `") {
        return Some(fill(m.json_missing_field, &[("field", name)]));
    }
    if let Some(name) = field("duplicate field `") {
        return Some(fill(m.json_duplicate_field, &[("field", name)]));
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        if let Some(name) = rest.strip_suffix("`, there are no fields") {
            return Some(fill(m.json_unknown_field_none, &[("field", name)]));
        }
        // The expected names are the format's own, so the last separator is the one.
        let (name, expected) = rest.rsplit_once("`, expected ")?;
        let expected = expected_in(m, expected);
        return Some(fill(
            m.json_unknown_field,
            &[("field", name), ("expected", &expected)],
        ));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        if let Some(value) = rest.strip_suffix("`, there are no variants") {
            return Some(fill(m.json_unknown_variant_none, &[("value", value)]));
        }
        let (value, expected) = rest.rsplit_once("`, expected ")?;
        let expected = expected_in(m, expected);
        return Some(fill(
            m.json_unknown_variant,
            &[("value", value), ("expected", &expected)],
        ));
    }
    for (prefix, template) in [
        ("invalid type: ", m.json_invalid_type),
        ("invalid value: ", m.json_invalid_value),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let (found, expected) = split_found(rest)?;
            return Some(fill(
                template,
                &[
                    ("found", &found_in(m, found)),
                    ("expected", &expected_in(m, expected)),
                ],
            ));
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        let (n, expected) = rest.split_once(", expected ")?;
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(fill(
            m.json_invalid_length,
            &[("n", n), ("expected", &expected_in(m, expected))],
        ));
    }
    // The texts' own messages, which the parser of texts words in English.
    if msg == EN.text_empty_map {
        return Some(m.text_empty_map.to_owned());
    }
    for (en, here) in [
        (EN.text_not_a_language, m.text_not_a_language),
        (EN.text_language_twice, m.text_language_twice),
    ] {
        if let Some((before, after)) = en.split_once("{code}")
            && let Some(code) = msg
                .strip_prefix(before)
                .and_then(|rest| rest.strip_suffix(after))
        {
            return Some(fill(here, &[("code", code)]));
        }
    }
    None
}

/// Splits "FOUND, expected EXPECTED". A string found is quoted the way Rust debugs it,
/// so a `, expected ` inside it is skipped.
pub(super) fn split_found(rest: &str) -> Option<(&str, &str)> {
    const SEPARATOR: &str = ", expected ";
    const STRING: &str = "string \"";
    let start = match rest.strip_prefix(STRING) {
        Some(quoted) => {
            let mut escaped = false;
            let close = quoted.char_indices().find_map(|(i, c)| {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    return Some(i);
                }
                None
            })?;
            STRING.len() + close + 1
        }
        None => 0,
    };
    let at = start + rest.get(start..)?.find(SEPARATOR)?;
    Some((rest.get(..at)?, rest.get(at + SEPARATOR.len()..)?))
}

/// What the parser found, in the language of `m`; an unknown kind as it is.
pub(super) fn found_in(m: &ProblemMessages, found: &str) -> String {
    match found {
        "null" => return m.found_null.to_owned(),
        "sequence" => return m.found_sequence.to_owned(),
        "map" => return m.found_map.to_owned(),
        _ => {}
    }
    let kinds: [(&str, &str); 5] = [
        ("boolean ", m.found_boolean),
        ("integer ", m.found_integer),
        ("floating point ", m.found_float),
        ("character ", m.found_character),
        ("string ", m.found_string),
    ];
    kinds
        .into_iter()
        .find_map(|(prefix, template)| {
            let value = found.strip_prefix(prefix)?;
            Some(fill(template, &[("value", value)]))
        })
        .unwrap_or_else(|| found.to_owned())
}

/// What the parser expected, in the language of `m`; an unknown kind as it is.
pub(super) fn expected_in(m: &ProblemMessages, expected: &str) -> String {
    if expected == EN.text_expected {
        return m.text_expected.to_owned();
    }
    match expected {
        "a string" => return m.expected_string.to_owned(),
        "a boolean" => return m.expected_boolean.to_owned(),
        "a sequence" => return m.expected_sequence.to_owned(),
        "a map" => return m.expected_map.to_owned(),
        "u8" | "u16" | "u32" | "u64" | "usize" => {
            return fill(m.expected_whole_number, &[("type", expected)]);
        }
        _ => {}
    }
    if let Some(name) = expected.strip_prefix("struct ") {
        return fill(m.expected_struct, &[("name", name)]);
    }
    if let Some(list) = expected.strip_prefix("one of ")
        && list.starts_with('`')
    {
        return fill(m.expected_one_of, &[("list", list)]);
    }
    if expected.starts_with('`')
        && expected.ends_with('`')
        && let Some((first, second)) = expected.split_once("` or `")
    {
        return fill(
            m.expected_either,
            &[
                ("first", &format!("{first}`")),
                ("second", &format!("`{second}")),
            ],
        );
    }
    expected.to_owned()
}
