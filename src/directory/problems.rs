//! The words of every problem found in a directory file, in one catalogue per language:
//! what the loader says about a field, a phone number or a date, what the JSON parser
//! says (translated by its English shape), why files cannot be layered, and the labels
//! `diff` puts before the numbers it compares.
//!
//! [`ProblemMessages`] has one `&'static str` field per string; English is [`EN`] and
//! Spanish is [`ES`]. Because every field must be filled, a string cannot exist in one
//! language and not in the other. Strings with values hold named placeholders such as
//! `{field}`, replaced by [`fill`]; both languages of a string hold the same ones.
//!
//! The loader is not told a language: a problem keeps the catalogue string it is worded
//! from and the values it quotes ([`Message`]), and whoever shows it words it in the
//! language it speaks ([`Message::worded`], `Problem::worded`, `LoadError::worded`).
//! JSON paths, ids, field names, numbers and the quoted data stay exactly as they are in
//! every language.

mod es;
mod json;

pub use es::*;
use json::*;

use std::fmt::Display;

use super::raw::SCHEMA_VERSION;
use crate::i18n::cli::fill;

/// Declares [`ProblemMessages`] and its list of entries from one list of fields.
macro_rules! catalogue {
    ($($(#[doc = $doc:literal])+ $name:ident,)+) => {
        /// The words of the problems found in a directory file, in one language.
        #[derive(Debug, Clone, Copy)]
        pub struct ProblemMessages {
            /// Language code ("en", "es").
            pub code: &'static str,
            $($(#[doc = $doc])+ pub $name: &'static str,)+
        }

        impl ProblemMessages {
            /// Every string of the catalogue with its field name, in declaration order
            /// (for tests: nothing empty, nothing left untranslated).
            #[must_use]
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)+]
            }
        }
    };
}

catalogue! {
    /// Before a problem with a path and a position: `{path}`, `{line}`, `{column}`.
    at_path_and_position,
    /// Before a problem with a position only: `{line}`, `{column}`.
    at_position,
    /// The path of the file's outermost value, where a parse error names no field.
    top_level,
    /// The file cannot be read: `{path}`, `{error}` (the system's words).
    cannot_read,
    /// The name of a file read from a stream rather than a path.
    input,
    /// The file is larger than the cap: `{cap}`.
    too_large,
    /// The file is empty.
    empty,
    /// A string in the file is longer than the limit: `{bytes}`, `{limit}`.
    text_too_long,
    /// An unsupported `schema_version`: `{found}`, `{supported}`.
    unsupported_version,
    /// Heading of one problem in the directory: `{n}`.
    problems_one,
    /// Heading of several problems in the directory: `{n}`.
    problems_many,
    /// After a JSON syntax error.
    hint_syntax,
    /// After a file that ends too early.
    hint_eof,
    /// After a field of the wrong shape.
    hint_data,
    /// A required text is empty: `{field}`.
    text_empty,
    /// Not a date: `{value}`.
    not_a_date,
    /// An extension that is not digits: `{value}`.
    bad_extension,
    /// Not a phone number: `{number}`, `{reason}` (one of the `phone_` strings).
    not_a_phone,
    /// A phone number without digits.
    phone_no_digits,
    /// A phone number with a character it may not hold: `{character}`.
    phone_bad_character,
    /// A `+` inside a phone number.
    phone_misplaced_plus,
    /// A phone number with too many digits: `{n}`.
    phone_too_long,
    /// An empty id or one with spaces: `{id}`.
    bad_id,
    /// An id used by two records: `{id}`, `{first}` (the other record's path).
    id_taken,
    /// Not a web address: `{value}`.
    not_a_url,
    /// A web address with a scheme other than http or https: `{value}`, `{scheme}`.
    url_scheme,
    /// A web address with user information before its host: `{value}`.
    url_userinfo,
    /// Not an email address: `{value}`.
    not_an_email,
    /// A record without a source.
    no_source,
    /// A source id that `directory.sources` does not list: `{id}`.
    unknown_source,
    /// A source id given twice in `directory.sources`: `{id}`.
    source_id_twice,
    /// `directory.sources` is empty.
    no_sources,
    /// An action names a hotline that does not exist: `{id}`.
    unknown_hotline,
    /// An unknown time zone: `{value}`.
    unknown_time_zone,
    /// A schedule both `always` and `weekly`.
    schedule_both,
    /// A schedule with neither.
    schedule_empty,
    /// Weekly hours without days.
    no_days,
    /// Not a day of the week: `{value}`.
    not_a_day,
    /// Not a time of day: `{value}`, `{latest}`.
    not_a_time,
    /// Weekly hours that open and close at the same time.
    opens_when_it_closes,
    /// A text map key that is not a language code: `{code}` (quoted).
    text_not_a_language,
    /// A text map that gives a language twice: `{code}`.
    text_language_twice,
    /// A text map with no text.
    text_empty_map,
    /// What a text field holds, as the parser says it expected it.
    text_expected,
    /// Parser: a required field is missing: `{field}`.
    json_missing_field,
    /// Parser: a field given twice: `{field}`.
    json_duplicate_field,
    /// Parser: an unknown field: `{field}`, `{expected}`.
    json_unknown_field,
    /// Parser: an unknown field where no field is allowed: `{field}`.
    json_unknown_field_none,
    /// Parser: a value that is none of those allowed: `{value}`, `{expected}`.
    json_unknown_variant,
    /// Parser: a value where no value is allowed: `{value}`.
    json_unknown_variant_none,
    /// Parser: a value of the wrong type: `{found}`, `{expected}`.
    json_invalid_type,
    /// Parser: a value out of what is allowed: `{found}`, `{expected}`.
    json_invalid_value,
    /// Parser: a list of the wrong length: `{n}`, `{expected}`.
    json_invalid_length,
    /// Parser: what was found, a boolean: `{value}`.
    found_boolean,
    /// Parser: what was found, an integer: `{value}`.
    found_integer,
    /// Parser: what was found, a decimal number: `{value}`.
    found_float,
    /// Parser: what was found, a character: `{value}`.
    found_character,
    /// Parser: what was found, a string: `{value}` (quoted).
    found_string,
    /// Parser: what was found, `null`.
    found_null,
    /// Parser: what was found, a list.
    found_sequence,
    /// Parser: what was found, an object.
    found_map,
    /// Parser: what was expected, a string.
    expected_string,
    /// Parser: what was expected, true or false.
    expected_boolean,
    /// Parser: what was expected, a list.
    expected_sequence,
    /// Parser: what was expected, an object.
    expected_map,
    /// Parser: what was expected, a whole number of a type: `{type}`.
    expected_whole_number,
    /// Parser: what was expected, an object of a type: `{name}`.
    expected_struct,
    /// Parser: what was expected, one of a list of values: `{list}`.
    expected_one_of,
    /// Parser: what was expected, one of two values: `{first}`, `{second}`.
    expected_either,
    /// Parser: the file ends inside a list.
    json_eof_list,
    /// Parser: the file ends inside an object.
    json_eof_object,
    /// Parser: the file ends inside a string.
    json_eof_string,
    /// Parser: the file ends where a value should be.
    json_eof_value,
    /// Parser: a colon is missing.
    json_expected_colon,
    /// Parser: a list goes on without a comma or does not end.
    json_expected_list_comma,
    /// Parser: an object goes on without a comma or does not end.
    json_expected_object_comma,
    /// Parser: a word that is not true, false or null.
    json_expected_ident,
    /// Parser: no value where one should be.
    json_expected_value,
    /// Parser: a quote is missing.
    json_expected_quote,
    /// Parser: a bad backslash escape.
    json_invalid_escape,
    /// Parser: a bad number.
    json_invalid_number,
    /// Parser: a number too large.
    json_number_out_of_range,
    /// Parser: a bad Unicode escape or byte.
    json_invalid_unicode,
    /// Parser: a control character inside a string.
    json_control_character,
    /// Parser: an object key that is not a string.
    json_key_not_string,
    /// Parser: half of a surrogate pair.
    json_lone_surrogate,
    /// Parser: a comma before `]` or `}`.
    json_trailing_comma,
    /// Parser: more after the end of the file's value.
    json_trailing_characters,
    /// Parser: a Unicode escape cut short.
    json_unexpected_end_of_escape,
    /// Parser: nesting too deep.
    json_recursion_limit,
    /// Parser: any other message, quoted in English: `{message}`.
    json_other,
    /// Layering: one id in several files: `{n}`.
    layer_collisions_one,
    /// Layering: several ids in several files: `{n}`.
    layer_collisions_many,
    /// Layering: one collision: `{id}`, `{first_path}`, `{first_file}`, `{second_path}`,
    /// `{second_file}`.
    layer_collision,
    /// Layering: collisions not listed: `{n}`.
    layer_and_more,
    /// Layering: what to do about collisions.
    layer_collisions_fix,
    /// Layering: two files with a program: `{first}`, `{second}`.
    layer_two_programs,
    /// The name of the embedded directory as a layer.
    embedded_layer,
    /// `diff`: the emergency number: `{number}`.
    diff_emergency,
    /// `diff`: a text line: `{number}`.
    diff_text,
    /// `diff`: a TTY line: `{number}`.
    diff_tty,
    /// `diff`: a fax line: `{number}`.
    diff_fax,
}

/// English.
pub const EN: ProblemMessages = ProblemMessages {
    code: "en",
    at_path_and_position: "{path} (line {line}, column {column}): ",
    at_position: "line {line}, column {column}: ",
    top_level: "the top level",
    cannot_read: "cannot read {path}: {error}. Check the path and that the file is readable.",
    input: "input",
    too_large: "the file is larger than {mib} MiB ({cap} bytes), the most heatwatch reads unless told otherwise. Check that it is the right file; to read it, give --max-data-mib with a larger number of MiB (at most 4096), or split it.",
    text_too_long: "a text of {bytes} bytes is longer than {limit} bytes, the most one text may have (so that no screen takes long to draw). Shorten it.",
    empty: "the file is empty. A directory file is a JSON object; see docs/data-format.md.",
    unsupported_version: "schema_version {found} is not supported: this heatwatch reads version {supported}. Use a matching heatwatch, or convert the file.",
    problems_one: "{n} problem in the directory:",
    problems_many: "{n} problems in the directory:",
    hint_syntax: " — the file is not valid JSON; fix the syntax there",
    hint_eof: " — the file ends too early; it may be cut off",
    hint_data: " — see docs/data-format.md for what this field holds",
    text_empty: "\"{field}\" is empty; write the text, or remove the record",
    not_a_date: "\"{value}\" is not a date; write it as YYYY-MM-DD, for example 2026-11-27",
    bad_extension: "the extension \"{value}\" must be digits, optionally after \"x\" or \"ext\"",
    not_a_phone: "\"{number}\" is not a phone number: {reason}",
    phone_no_digits: "it holds no digits",
    phone_bad_character: "it holds {character}; a number may hold only digits, spaces and ( ) - . / + (put an extension in the \"extension\" field)",
    phone_misplaced_plus: "a '+' may only start the number",
    phone_too_long: "it has {n} digits; no phone number has more than 15",
    bad_id: "the id \"{id}\" must be non-empty and without spaces, for example \"tip-line\"",
    id_taken: "the id \"{id}\" is already used by {first}; give each record its own id",
    not_a_url: "\"{value}\" is not a web address",
    url_scheme: "\"{value}\" is not allowed: a web address starts with http:// or https:// (or with its host name), never \"{scheme}:\"",
    url_userinfo: "\"{value}\" is not allowed: a web address never names a user before its host (the \"…@\" part), which hides where it leads",
    not_an_email: "\"{value}\" is not an email address",
    no_source: "no source given; name at least one id from directory.sources",
    unknown_source: "\"{id}\" is not the id of any entry of directory.sources; add the source or fix the id",
    source_id_twice: "the source id \"{id}\" is used twice",
    no_sources: "no sources listed; every record must name where its content came from",
    unknown_hotline: "\"{id}\" is not the id of any hotline; fix the id or add the hotline",
    unknown_time_zone: "\"{value}\" is not a time zone heatwatch knows; write an IANA name such as \"America/Los_Angeles\", or a fixed offset from UTC such as \"-05:00\", or leave time_zone out",
    schedule_both: "the schedule says both \"always\" and \"weekly\"; give one of them",
    schedule_empty: "the schedule says nothing; write {\"always\": true} or list \"weekly\" hours, or leave schedule out when the source gives no exact hours",
    no_days: "no days given; list them, for example [\"mon\", \"tue\"]",
    not_a_day: "\"{value}\" is not a day; write mon, tue, wed, thu, fri, sat or sun",
    not_a_time: "\"{value}\" is not a time; write it as HH:MM on a 24-hour clock, from 00:00 to {latest}",
    opens_when_it_closes: "it opens and closes at the same time; for the whole day write 00:00 to 24:00",
    text_not_a_language: super::text::NOT_A_LANGUAGE,
    text_language_twice: super::text::LANGUAGE_TWICE,
    text_empty_map: super::text::EMPTY_MAP,
    text_expected: super::text::EXPECTED,
    json_missing_field: "missing field `{field}`",
    json_duplicate_field: "duplicate field `{field}`",
    json_unknown_field: "unknown field `{field}`, expected {expected}",
    json_unknown_field_none: "unknown field `{field}`, there are no fields",
    json_unknown_variant: "unknown variant `{value}`, expected {expected}",
    json_unknown_variant_none: "unknown variant `{value}`, there are no variants",
    json_invalid_type: "invalid type: {found}, expected {expected}",
    json_invalid_value: "invalid value: {found}, expected {expected}",
    json_invalid_length: "invalid length {n}, expected {expected}",
    found_boolean: "boolean {value}",
    found_integer: "integer {value}",
    found_float: "floating point {value}",
    found_character: "character {value}",
    found_string: "string {value}",
    found_null: "null",
    found_sequence: "sequence",
    found_map: "map",
    expected_string: "a string",
    expected_boolean: "a boolean",
    expected_sequence: "a sequence",
    expected_map: "a map",
    expected_whole_number: "{type}",
    expected_struct: "struct {name}",
    expected_one_of: "one of {list}",
    expected_either: "{first} or {second}",
    json_eof_list: "EOF while parsing a list",
    json_eof_object: "EOF while parsing an object",
    json_eof_string: "EOF while parsing a string",
    json_eof_value: "EOF while parsing a value",
    json_expected_colon: "expected `:`",
    json_expected_list_comma: "expected `,` or `]`",
    json_expected_object_comma: "expected `,` or `}`",
    json_expected_ident: "expected ident",
    json_expected_value: "expected value",
    json_expected_quote: "expected `\"`",
    json_invalid_escape: "invalid escape",
    json_invalid_number: "invalid number",
    json_number_out_of_range: "number out of range",
    json_invalid_unicode: "invalid unicode code point",
    json_control_character: "control character (\\u0000-\\u001F) found while parsing a string",
    json_key_not_string: "key must be a string",
    json_lone_surrogate: "lone leading surrogate in hex escape",
    json_trailing_comma: "trailing comma",
    json_trailing_characters: "trailing characters",
    json_unexpected_end_of_escape: "unexpected end of hex escape",
    json_recursion_limit: "recursion limit exceeded",
    json_other: "{message}",
    layer_collisions_one: "{n} id is used in more than one file: ",
    layer_collisions_many: "{n} ids are used in more than one file: ",
    layer_collision: "\"{id}\" is {first_path} in {first_file} and {second_path} in {second_file}",
    layer_and_more: "; and {n} more",
    layer_collisions_fix: ". Ids must be unique across layered files: rename one of each pair",
    layer_two_programs: "{first} and {second} both describe a program, and a directory has one; layer only one file with a program (a county's full directory stands alone: give it without --with-embedded)",
    embedded_layer: "built-in directory",
    diff_emergency: "emergency: {number}",
    diff_text: "text: {number}",
    diff_tty: "TTY: {number}",
    diff_fax: "fax: {number}",
};

/// The catalogue for a language code ("en", "es"); English for any other.
#[must_use]
pub fn for_language(code: &str) -> &'static ProblemMessages {
    match code {
        "es" => &ES,
        _ => &EN,
    }
}

/// What a problem says: the catalogue string it is worded from and the values it
/// quotes, so that whoever shows it words it in the language it speaks
/// ([`Message::worded`]). Shown as it is (`Display`), it is worded in English.
#[derive(Clone)]
pub enum Message {
    /// One string of the catalogue with the values of its placeholders.
    Say(Pick, Vec<(&'static str, String)>),
    /// A message of the JSON parser (its English words, escaped), and its kind, which
    /// says what hint follows it.
    Json(String, serde_json::error::Category),
    /// A number that is not a phone number (as written, escaped), and why.
    NotAPhone(String, super::phone::PhoneProblem),
    /// A file that cannot be read: its name (empty for a stream) and the system's words.
    Unreadable(String, String),
}

impl Message {
    /// The message in the language of `m`.
    #[must_use]
    pub fn worded(&self, m: &ProblemMessages) -> String {
        match self {
            Self::Say(pick, values) => {
                let values: Vec<(&str, &str)> =
                    values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                fill(pick(m), &values)
            }
            Self::Json(message, category) => {
                format!("{}{}", json_message_in(m, message), json_hint(m, *category))
            }
            Self::Unreadable(path, error) => cannot_read(m, path, error),
            Self::NotAPhone(number, why) => fill(
                m.not_a_phone,
                &[("number", number), ("reason", &why.worded(m))],
            ),
        }
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.worded(&EN))
    }
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.worded(&EN), f)
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.worded(&EN) == other.worded(&EN) && self.worded(&ES) == other.worded(&ES)
    }
}

impl Eq for Message {}

// Why a number is not a phone number is worded here, with every other problem.
impl super::phone::PhoneProblem {
    /// Why, in the language of `m`.
    #[must_use]
    pub fn worded(&self, m: &ProblemMessages) -> String {
        match self {
            Self::NoDigits => m.phone_no_digits.to_owned(),
            Self::BadCharacter(c) => {
                fill(m.phone_bad_character, &[("character", &format!("{c:?}"))])
            }
            Self::MisplacedPlus => m.phone_misplaced_plus.to_owned(),
            Self::TooLong(n) => fill(m.phone_too_long, &[("n", &n.to_string())]),
        }
    }
}

impl std::fmt::Display for super::phone::PhoneProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.worded(&EN))
    }
}

/// One string of the catalogue with its placeholders' values, to be worded later.
#[must_use]
pub fn say(pick: Pick, values: &[(&'static str, &str)]) -> Message {
    Message::Say(
        pick,
        values.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
    )
}

/// What stands before a problem's message, in the language of `m`: its path and
/// position, as there are.
#[must_use]
pub fn prefix(m: &ProblemMessages, path: &str, position: Option<(usize, usize)>) -> String {
    // The JSON path library writes `?` for a place it could not name (the file ended
    // before the first key) and `.` for the root: both are the file's outermost value.
    let path = if matches!(path, "?" | ".") {
        m.top_level
    } else {
        path
    };
    match position {
        Some((line, column)) => {
            let (line, column) = (line.to_string(), column.to_string());
            let at = [("path", path), ("line", &line), ("column", &column)];
            if path.is_empty() {
                fill(m.at_position, &at)
            } else {
                fill(m.at_path_and_position, &at)
            }
        }
        None if !path.is_empty() => format!("{path}: "),
        None => String::new(),
    }
}

/// A file that cannot be read: its name (empty for a stream) and the system's reason.
#[must_use]
pub fn cannot_read(m: &ProblemMessages, path: &str, error: &dyn Display) -> String {
    let path = if path.is_empty() { m.input } else { path };
    fill(
        m.cannot_read,
        &[("path", path), ("error", &error.to_string())],
    )
}

/// A file larger than `cap` bytes.
#[must_use]
pub fn too_large(m: &ProblemMessages, cap: u64) -> String {
    fill(
        m.too_large,
        &[
            ("cap", &cap.to_string()),
            ("mib", &(cap / (1024 * 1024)).to_string()),
        ],
    )
}

/// A `schema_version` this build does not read.
#[must_use]
pub fn unsupported_version(m: &ProblemMessages, found: &str) -> String {
    fill(
        m.unsupported_version,
        &[("found", found), ("supported", &SCHEMA_VERSION.to_string())],
    )
}

/// The heading of `n` problems in the directory.
#[must_use]
pub fn count(m: &ProblemMessages, n: usize) -> String {
    let template = if n == 1 {
        m.problems_one
    } else {
        m.problems_many
    };
    fill(template, &[("n", &n.to_string())])
}

/// The hint after a parser's message, by the kind of error.
#[must_use]
pub fn json_hint(m: &ProblemMessages, category: serde_json::error::Category) -> &'static str {
    match category {
        serde_json::error::Category::Syntax => m.hint_syntax,
        serde_json::error::Category::Eof => m.hint_eof,
        serde_json::error::Category::Data => m.hint_data,
        serde_json::error::Category::Io => "",
    }
}

/// A message of the JSON parser in the language of `m`. English comes back as it is;
/// in another language, the shapes serde and serde_json give their messages are
/// translated, keeping the field names and the values they quote as they are, and any
/// other message is quoted in English after a framing in that language.
#[must_use]
pub fn json_message_in(m: &ProblemMessages, message: &str) -> String {
    if m.code == EN.code {
        return message.to_owned();
    }
    translate_json(m, message).unwrap_or_else(|| fill(m.json_other, &[("message", message)]))
}

/// Picks one string of a catalogue.
pub type Pick = fn(&ProblemMessages) -> &'static str;

#[cfg(test)]
mod tests {
    use super::*;

    fn es(msg: &str) -> String {
        json_message_in(&ES, msg)
    }

    #[test]
    fn english_is_left_as_the_parser_says_it() {
        for msg in [
            "missing field `name`",
            "invalid type: integer `5`, expected a string",
            "anything at all",
        ] {
            assert_eq!(json_message_in(&EN, msg), msg);
        }
    }

    #[test]
    fn the_parser_shapes_are_translated_keeping_the_data() {
        assert_eq!(es("missing field `purpose`"), "falta el campo `purpose`");
        assert_eq!(
            es("duplicate field `name`"),
            "el campo `name` aparece dos veces"
        );
        assert_eq!(
            es("invalid type: integer `5`, expected a string"),
            "tipo de valor incorrecto: se encontró el número entero `5` donde se esperaba un texto"
        );
        assert_eq!(
            es("invalid type: string \"yes, expected \\\"x\\\"\", expected a boolean"),
            "tipo de valor incorrecto: se encontró el texto \"yes, expected \\\"x\\\"\" donde se esperaba un valor lógico (true o false)"
        );
        assert_eq!(
            es("unknown field `a`, expected one of `id`, `name`"),
            "campo desconocido `a`; se esperaba uno de estos: `id`, `name`"
        );
        assert_eq!(
            es("unknown field `x`, expected `id` or `name`"),
            "campo desconocido `x`; se esperaba `id` o `name`"
        );
        assert_eq!(
            es("unknown variant `sms`, expected one of `voice`, `text`"),
            "valor desconocido `sms`; se esperaba uno de estos: `voice`, `text`"
        );
        assert_eq!(
            es("invalid value: integer `-1`, expected u32"),
            "valor no válido: se encontró el número entero `-1` donde se esperaba un número entero positivo (u32)"
        );
        assert_eq!(
            es("trailing characters"),
            "hay caracteres de más después del final"
        );
        assert_eq!(
            es("recursion limit exceeded"),
            "demasiados niveles de anidamiento"
        );
        assert_eq!(
            es("something new"),
            "el lector de JSON dice (en inglés): something new"
        );
        // The texts' own messages, which the text parser words in English.
        let own = fill(EN.text_language_twice, &[("code", "es")]);
        assert_eq!(es(&own), fill(ES.text_language_twice, &[("code", "es")]));
        assert_eq!(
            es(&fill(EN.text_not_a_language, &[("code", "\"e n\"")])),
            fill(ES.text_not_a_language, &[("code", "\"e n\"")])
        );
        assert_eq!(es(EN.text_empty_map), ES.text_empty_map);
        assert_eq!(
            es(&format!(
                "invalid type: integer `3`, expected {}",
                EN.text_expected
            )),
            fill(
                ES.json_invalid_type,
                &[
                    ("found", &found_in(&ES, "integer `3`")),
                    ("expected", ES.text_expected)
                ]
            )
        );
    }

    #[test]
    fn odd_messages_do_not_panic() {
        for msg in [
            "",
            "`",
            "missing field `",
            "unknown field `",
            "unknown field ``, expected ",
            "invalid type: string \"",
            "invalid type: string \"\\",
            "invalid type: , expected ",
            "invalid length , expected x",
            "invalid length 3, expected",
            "unknown variant `é`, expected one of `",
            "unknown field `a`, expected `",
            "invalid type: string \"ñ\", expected `ü` or `",
        ] {
            let out = es(msg);
            // Nothing is lost: a message is never emptied, and the data it quotes (the
            // letters outside ASCII here) comes through, translated around or not.
            assert!(msg.is_empty() || !out.is_empty(), "{msg:?} became empty");
            for c in msg.chars().filter(|c| !c.is_ascii()) {
                assert!(out.contains(c), "{c:?} of {msg:?} lost: {out:?}");
            }
        }
    }
}
