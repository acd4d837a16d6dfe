//! Every string the commands and the exports print, in one catalogue per language.
//!
//! [`CliMessages`] has one `&'static str` field per string; English is [`EN`] here and
//! Spanish is [`ES`] (in `messages_cli_es.rs`). Because every field must be filled, a
//! string cannot exist in one language and not in the other. Labels the exports share
//! with the interactive app ("Call", "Hours", "Who to call"...) come from the app's own
//! catalogue ([`CliMessages::app`]), so both say the same words.
//!
//! Strings with values hold named placeholders such as `{file}`, replaced by [`fill`];
//! both languages of a string hold the same placeholders (a test checks it).

use crate::i18n::app::Messages;

#[path = "cli_es.rs"]
mod es;

pub use es::ES;

/// Declares [`CliMessages`] and its list of entries from one list of fields.
macro_rules! catalogue {
    ($($(#[doc = $doc:literal])+ $name:ident,)+) => {
        /// The strings of the commands and exports in one language.
        #[derive(Debug, Clone, Copy)]
        pub struct CliMessages {
            /// Language code ("en", "es"); also the `lang` of an HTML export.
            pub code: &'static str,
            /// The interactive app's catalogue in the same language, for the labels the
            /// exports share with the app.
            pub app: &'static Messages,
            $($(#[doc = $doc])+ pub $name: &'static str,)+
        }

        impl CliMessages {
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
    /// Prefix of a problem in `check` (followed by the problem).
    label_error,
    /// Prefix of a warning in `check` (followed by the warning).
    label_warning,
    /// The embedded directory cannot be loaded: `{error}`.
    builtin_unusable,
    /// Kiosk mode: the PIN file cannot be read: `{error}`.
    pin_file_unreadable,
    /// Kiosk mode: the PIN file has no PIN on its first line.
    pin_file_empty,
    /// Kiosk mode: the configured PIN is refused: `{reason}`.
    pin_refused,
    /// Why a PIN is refused: fewer than 6 characters.
    pin_too_short,
    /// Why a PIN is refused: more than 64 bytes.
    pin_too_long,
    /// Why a PIN is refused: a character a kiosk keyboard may not type.
    pin_untypable,
    /// Why a PIN is refused: the README's example.
    pin_sample,
    /// Kiosk mode: `--idle-reset {given}` brought to `{used}` seconds.
    idle_reset_moved,
    /// The interactive app was started without a terminal.
    needs_terminal,
    /// An option only the interactive app uses was given to a command: `{option}`.
    app_only_option,
    /// `--data` files cannot be layered: `{error}`.
    layers_unusable,
    /// A `--data` file cannot be read: `{file}`, `{error}`.
    data_unreadable,
    /// A `--data` file cannot be used: `{file}`, `{error}`.
    data_cannot_be_used,
    /// A file is not a valid directory: `{file}`, `{problem}`, `{more}`, `{path}`.
    data_not_usable,
    /// After the first problem, how many more: `{n}`.
    and_more,
    /// `--role` given for a directory without roles.
    no_roles,
    /// The roles there are: `{list}`.
    roles_are,
    /// No role has that id or name: `{role}`, `{list}`.
    no_such_role,
    /// `search` with an empty query.
    search_empty,
    /// `search` found nothing: `{query}`, `{within}`, `{emergency}`.
    search_nothing,
    /// The role a search was limited to: `{role}`.
    search_within,
    /// More results than shown: `{shown}`, `{total}`.
    search_more,
    /// `index` without exactly one `--data` file, or with `--with-embedded`.
    index_one_file,
    /// `index` for a file whose services are not its last field: `{file}`.
    index_not_possible,
    /// `index` for a file with a translation: `{file}`.
    index_translated,
    /// After `index` wrote an index with `--trusted-key`: `{index}`.
    index_trusted,
    /// `index` wrote the index file: `{index}`, `{file}`, `{records}`, `{size}`.
    index_written,
    /// `search` did not use the index file beside the data file: `{index}`, `{reason}`,
    /// `{file}`.
    index_not_used,
    /// Why: it cannot be opened or read.
    index_unreadable,
    /// Why: it is not an index file.
    index_not_an_index,
    /// Why: it is damaged.
    index_damaged,
    /// A search result the index names `{id}` is another record in the file, `{found}`,
    /// and is left out: `{index}`.
    index_wrong_record,
    /// Why: another build made it.
    index_other_build,
    /// Why: it was made for another language.
    index_other_language,
    /// Why: the data file changed since: `{file}`.
    index_file_changed,
    /// `show` with an unknown id: `{id}`.
    no_such_record,
    /// `show`: label of the file a record came from.
    from_file,
    /// `qr` with an id that is not a hotline's: `{id}`.
    no_such_hotline,
    /// `qr` for a number with no `tel:` form.
    no_dialable_form,
    /// `verify`: a good signature: `{file}`, `{key}`, `{comment}`.
    verify_good,
    /// `verify`: the file is not trusted: `{file}`, `{reason}`.
    verify_refused,
    /// `verify`: a key file cannot be used: `{key}`, `{reason}`.
    verify_key_unusable,
    /// Why a signature fails: there is no FILE.minisig: `{signature}`.
    trust_missing,
    /// Why: the signature file cannot be read: `{signature}`, `{error}`.
    trust_unreadable,
    /// Why: it is not a whole minisign signature.
    trust_malformed,
    /// Why: a key that is not trusted made it.
    trust_other_key,
    /// Why: the file or its trusted comment changed after signing.
    trust_bad,
    /// Why a key cannot be used: it cannot be read: `{error}`.
    trust_key_unreadable,
    /// Why a key cannot be used: it is not a minisign public key.
    trust_key_malformed,
    /// `export -o` cannot write: `{file}`, `{error}`.
    cannot_write,
    /// `export --format vcard` with `--role`.
    vcard_no_role,
    /// `-o` names a symbolic link: `{file}`.
    write_link,
    /// `-o` names a folder or a device: `{file}`.
    write_not_file,
    /// Title of the HTML handout: `{name}`.
    html_title,
    /// `check`: an unusable file with one problem: `{file}`.
    check_invalid_one,
    /// `check`: an unusable file with several problems: `{file}`, `{n}`.
    check_invalid_many,
    /// `check`: a valid file with one warning: `{file}`, `{records}`.
    check_valid_one,
    /// `check`: a valid file with no or several warnings: `{file}`, `{records}`, `{n}`.
    check_valid_many,
    /// `check`: the freshness summary: `{stale}`, `{total}`, `{period}`, `{never}`.
    check_freshness,
    /// `check`: weekly schedules in a file with no time zone: `{n}`.
    check_no_time_zone,
    /// `check`: the stale period when it is 365 days.
    period_year,
    /// `check`: the stale period in days: `{n}`.
    period_days,
    /// `check`: where a missing translation is: `{language}`.
    translation_path,
    /// `check`: a text with no translation: `{language}`, `{text}`.
    translation_missing,
    /// `check`: a hotline flag written `false`, which means only "not stated": `{flag}`.
    check_false_flag,
    /// `check`: a file whose services are not its last field.
    check_services_not_last,
    /// `check`: a known line's number changed: `{record}`, `{field}`, `{given}`, `{known}`.
    check_planted,
    /// `check`: how many known numbers were changed: `{file}`, `{n}`.
    check_planted_summary,
    /// On a record whose known number a file changed: `{known}`.
    planted_warning,
    /// `diff`: heading of the known numbers the new file changes: `{n}`.
    diff_planted,
    /// Kiosk: a file that changes known numbers is not used: `{file}`, `{n}`.
    planted_refused,
    /// `check`: a record last verified long ago: `{date}`, `{age}`, `{limit}`.
    stale_verified,
    /// `check`: a record last retrieved long ago: `{date}`, `{age}`, `{limit}`.
    stale_retrieved,
    /// `check`: a verified date in the future: `{date}`.
    future_verified,
    /// `check`: a retrieved date in the future: `{date}`.
    future_retrieved,
    /// `diff`: the files compared: `{old}`, `{new}`.
    diff_comparing,
    /// `diff`: heading of records whose numbers changed: `{n}`.
    diff_phones_changed,
    /// `diff`: the old numbers (followed by them).
    diff_was,
    /// `diff`: the new numbers (followed by them).
    diff_now,
    /// `diff`: heading of added records: `{n}`.
    diff_added,
    /// `diff`: heading of removed records: `{n}`.
    diff_removed,
    /// `diff`: heading of other changed records: `{n}`.
    diff_changed,
    /// `diff`: an empty list of numbers.
    diff_none,
    /// `diff`: the summary: `{added}`, `{removed}`, `{changed}`, `{phones}`.
    diff_summary,
    /// `diff`: heading of numbers written in a field's text in one file only: `{field}`.
    diff_text_numbers,
    /// `diff`: a field's old value (followed by it).
    diff_old,
    /// `diff`: a field's new value (followed by it).
    diff_new,
    /// `diff`: a field absent from one file.
    diff_absent,
    /// `diff`: a file that cannot be read: `{file}`, `{error}`.
    diff_unreadable,
    /// Kind of record: hotline.
    kind_hotline,
    /// Kind of record: the program.
    kind_program,
    /// Kind of record: a strategy point.
    kind_strategy,
    /// Kind of record: an endorsement.
    kind_endorsement,
    /// Kind of record: a fact.
    kind_fact,
    /// Kind of record: a role.
    kind_role,
    /// Kind of record: an action item.
    kind_action,
    /// Kind of record: an event.
    kind_event,
    /// Kind of record: a local service.
    kind_service,
    /// Kind of record in `diff`: the directory's own details.
    kind_directory,
    /// Field label: kind of record.
    label_kind,
    /// Field label: id.
    label_id,
    /// Field label: the role of an action.
    label_role,
    /// Field value: yes.
    yes,
    /// Field value: no.
    no,
    /// Field label: anonymous reports.
    label_anonymous,
    /// Field label: confidential.
    label_confidential,
    /// Field label: for emergencies.
    label_for_emergencies,
    /// Heading: sources.
    sources,
    /// Field label: date retrieved.
    label_retrieved,
    /// Field label: date verified.
    label_verified,
    /// Field value: not verified.
    not_verified_value,
    /// End of `hotlines`: `{date}`.
    data_as_of,
    /// Handout heading: the hotlines.
    handout_hotlines,
    /// Handout heading: the roles' actions.
    handout_what_you_can_do,
    /// Handout heading: where the data came from.
    handout_about,
    /// Handout: who made it, from what, as of when: `{version}`, `{name}`, `{region}`,
    /// `{date}`.
    handout_made_by,
    /// Handout: nothing was verified.
    handout_none_verified,
    /// Handout: some records were verified: `{verified}`, `{total}`.
    handout_some_verified,
    /// The caution every exported contact card starts with.
    contact_caution,
    /// Contact card: where it came from: `{name}`, `{region}`, `{date}`.
    vcard_from,
    /// Shown with directory text in a translation nobody has reviewed yet.
    unreviewed_translation,
}

impl CliMessages {
    /// The name of a kind of record as [`crate::directory::RecordRef::kind`] and `diff`
    /// give it ("hotline", "fact"...), in this language; an unknown kind as it is.
    #[must_use]
    pub fn kind<'a>(&self, kind: &'a str) -> &'a str {
        match kind {
            "hotline" => self.kind_hotline,
            "program" => self.kind_program,
            "strategy" => self.kind_strategy,
            "endorsement" => self.kind_endorsement,
            "fact" => self.kind_fact,
            "role" => self.kind_role,
            "action" => self.kind_action,
            "event" => self.kind_event,
            "service" => self.kind_service,
            "directory" => self.kind_directory,
            other => other,
        }
    }

    /// "yes" or "no".
    #[must_use]
    pub const fn yes_no(&self, b: bool) -> &'static str {
        if b { self.yes } else { self.no }
    }
}

/// The catalogue for a language code ("en", "es"); English for any other.
#[must_use]
pub fn for_language(code: &str) -> &'static CliMessages {
    match code {
        "es" => &ES,
        _ => &EN,
    }
}

/// `template` with each `{name}` replaced by its value in `values`, and each plural
/// form `{name:one|other}` by `one` when the value of `name` is 1 and by `other`
/// otherwise (English and Spanish both use the singular for 1 alone: "1 record",
/// "0 records", "1 registro"). A placeholder with no value, and any other brace, stays
/// as written; values are inserted as they are (never read again for placeholders).
#[must_use]
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        let after_open = from_open.get(1..).unwrap_or_default();
        let value = after_open.find('}').and_then(|close| {
            let inside = after_open.get(..close)?;
            let (name, forms) = match inside.split_once(':') {
                Some((name, forms)) => (name, Some(forms.split_once('|')?)),
                None => (inside, None),
            };
            let value = values.iter().find(|(k, _)| *k == name)?.1;
            Some(match forms {
                Some((one, other)) => (if value.trim() == "1" { one } else { other }, close),
                None => (value, close),
            })
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = after_open.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after_open;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names in a template (`{file}` gives `file`), in order.
#[must_use]
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after_open = rest.get(open + 1..).unwrap_or_default();
        match after_open.find('}') {
            Some(close) => {
                let inside = after_open.get(..close).unwrap_or_default();
                // A plural form names its count before the colon.
                let name = inside.split_once(':').map_or(inside, |(name, _)| name);
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    names.push(name);
                }
                rest = after_open.get(close + 1..).unwrap_or_default();
            }
            None => break,
        }
    }
    names
}

/// English.
pub const EN: CliMessages = CliMessages {
    code: "en",
    app: &crate::i18n::app::EN,
    label_error: "error",
    label_warning: "warning",
    builtin_unusable: "the built-in directory cannot be used: {error}",
    pin_file_unreadable: "cannot read the kiosk PIN file: {error}",
    pin_file_empty: "the kiosk PIN file has no PIN on its first line",
    pin_refused: "the operator PIN is refused ({reason}); the operator exit (Ctrl-O) is off until a valid PIN is configured and the kiosk restarted",
    pin_too_short: "it is shorter than 6 characters",
    pin_too_long: "it is longer than 64 bytes, which the PIN prompt cannot take",
    pin_untypable: "it holds a character other than printable ASCII, which a kiosk keyboard may not type",
    pin_sample: "it is the example from the README",
    idle_reset_moved: "--idle-reset {given} is outside 30 to 86400 seconds; the kiosk uses {used}",
    app_only_option: "{option} is an option of the interactive app only, not of the commands; leave it out, or run heatwatch without a command.",
    needs_terminal: "the interactive directory needs a terminal. Without one, try `heatwatch hotlines` (or `heatwatch --help`).",
    layers_unusable: "the data files cannot be layered: {error}.",
    data_unreadable: "cannot read the data file {file}: {error}. Check the path, or leave out --data (and HEATWATCH_DATA) to use the built-in directory.",
    data_cannot_be_used: "{file} cannot be used: {error}",
    data_not_usable: "{file} is not a usable directory file: {problem}{more}. Run `heatwatch check {path}` to list every problem.",
    and_more: " (and {n} more)",
    no_roles: "this directory has no roles",
    roles_are: "the roles are: {list}",
    no_such_role: "no role is called \"{role}\"; {list}.",
    search_empty: "give a word or a phone number to search for.",
    search_nothing: "nothing found for \"{query}\"{within}. Try other or fewer words, or `heatwatch hotlines`. In an emergency, call {emergency}.",
    search_within: " in {role}",
    search_more: "showing {shown} of {total} results; use --limit to see more.",
    index_one_file: "`heatwatch index` makes the search index of one directory file: give exactly one --data FILE, without --with-embedded.",
    index_not_possible: "{file} cannot have a search index: its \"services\" must be the file's last field. `heatwatch search` still searches it, reading it whole.",
    index_trusted: "With --trusted-key, `heatwatch search` uses {index} only with a good signature beside it: sign it as you sign the directory file (`minisign -S -m {index}`), and copy both files together.",
    index_translated: "{file} declares a translation, and a search index file serves only directories in one language for now: `heatwatch search` searches it in every language it has, reading it whole, as the app does.",
    index_written: "wrote {index}: the search index of {file} ({records} {records:record|records}, {size}). `heatwatch --data {file} search` uses it while {file} stays exactly as it is; make it again after changing the file.",
    index_not_used: "the search index {index} was not used: {reason}. Searched {file} without it; run `heatwatch --data {file} index` to make it again.",
    index_unreadable: "it cannot be read",
    index_not_an_index: "it is not a heatwatch search index",
    index_damaged: "it is damaged",
    index_wrong_record: "the search index {index} names a service \"{id}\" where the file holds \"{found}\"; that result is left out. Run `heatwatch index` again, or delete the index file.",
    index_other_build: "another version of heatwatch made it",
    index_other_language: "it was made for another language",
    index_file_changed: "{file} has changed since it was made",
    no_such_record: "no record has the id \"{id}\". Find ids with `heatwatch search WORDS`, `heatwatch roles` or `heatwatch hotlines --json`.",
    from_file: "From file",
    no_such_hotline: "no hotline has the id \"{id}\". List them with `heatwatch hotlines --json`.",
    no_dialable_form: "this number has no dialable form, so there is no code to scan.",
    verify_good: "{file}: good signature by the key in {key}. Trusted comment: {comment}",
    verify_refused: "{file} is not trusted: {reason}.",
    verify_key_unusable: "the key {key} cannot be used: {reason}.",
    trust_missing: "there is no signature file ({signature}); sign it with `minisign -S -m FILE`",
    trust_unreadable: "its signature file {signature} cannot be read ({error})",
    trust_malformed: "its signature file is not a whole minisign signature (cut short, or not one)",
    trust_other_key: "it was signed by a key that is not trusted",
    trust_bad: "the signature does not match: the file, or its trusted comment, changed after it was signed",
    trust_key_unreadable: "it cannot be read ({error})",
    trust_key_malformed: "it is not a minisign public key",
    cannot_write: "cannot write {file}: {error}. The file that was there is unchanged. Check that the folder exists, can be written and has room.",
    vcard_no_role: "--role does not apply to --format vcard: the vCard holds the hotlines, which are the same for every role. Leave out --role, or choose --format text, markdown or html.",
    write_link: "will not write {file}: it is a symbolic link, and heatwatch never writes through one. Give the path of the file itself.",
    write_not_file: "cannot write {file}: it is a folder or a device, not a file. Give the name of a file.",
    html_title: "{name}: hotlines and what to do",
    check_invalid_one: "{file}: 1 problem; the file is not usable.",
    check_invalid_many: "{file}: {n} problems; the file is not usable.",
    check_valid_one: "{file}: valid — {records} {records:record|records}, 1 warning.",
    check_valid_many: "{file}: valid — {records} {records:record|records}, {n} warnings.",
    check_no_time_zone: "{n} weekly {n:schedule|schedules} but no \"time_zone\": \"open now\" cannot use them; add one to \"directory\" (an IANA name such as \"America/Los_Angeles\", or an offset such as \"-08:00\")",
    check_freshness: "{stale} of {total} {total:record|records} unverified for over {period}; {never} never verified.",
    period_year: "a year",
    period_days: "{n} {n:day|days}",
    translation_path: "translation \"{language}\"",
    translation_missing: "no \"{language}\" text for \"{text}\"; add it, or it shows in English",
    check_planted: "{record}, {field}: gives {given} where the known number {known} belongs; a known hotline's number must never be changed",
    check_planted_summary: "{file}: {n} {n:number|numbers} of a known hotline changed; the file is not usable.",
    diff_planted: "KNOWN HOTLINE NUMBERS CHANGED ({n}): the new file gives another number where a known hotline's number belongs; `heatwatch check` refuses it and heatwatch never shows that number:",
    planted_warning: "Warning: this directory file gives another number for this line. heatwatch shows the known number, {known}; tell whoever maintains the file.",
    planted_refused: "{file} gives another number where a known hotline's number belongs ({n} {n:time|times}); run `heatwatch check` on it. The kiosk does not use it.",
    check_services_not_last: "not the file's last field: while the file loads, the app shows only what comes before it (at worst, only the emergency number), and no search index can be made; put \"services\" last, as `heatwatch import` writes it",
    check_false_flag: "\"{flag}\": false says nothing more than leaving it out (\"not stated\"), and is never shown as \"no\"; remove it, or write true where a source says so",
    stale_verified: "last verified {date}, {age} days ago (more than {limit}); confirm it with the provider and update \"verified\"",
    stale_retrieved: "last retrieved {date}, {age} days ago (more than {limit}); confirm it with the provider and update \"verified\"",
    future_verified: "verified date {date} is in the future; check the date",
    future_retrieved: "retrieved date {date} is in the future; check the date",
    diff_comparing: "Comparing {old} (old) with {new} (new).",
    diff_phones_changed: "Phone numbers changed ({n}):",
    diff_was: "was",
    diff_now: "now",
    diff_added: "Added ({n}):",
    diff_removed: "Removed ({n}):",
    diff_changed: "Changed ({n}):",
    diff_none: "none",
    diff_summary: "{added} added, {removed} removed, {changed} changed ({phones} with new phone numbers).",
    diff_text_numbers: "numbers written in {field}:",
    diff_old: "old",
    diff_new: "new",
    diff_absent: "(absent)",
    diff_unreadable: "cannot read {file}: {error}",
    kind_hotline: "hotline",
    kind_program: "program",
    kind_strategy: "strategy",
    kind_endorsement: "endorsement",
    kind_fact: "fact",
    kind_role: "role",
    kind_action: "action",
    kind_event: "event",
    kind_service: "service",
    kind_directory: "directory",
    label_kind: "Kind",
    label_id: "Id",
    label_role: "Role",
    yes: "yes",
    no: "no",
    label_anonymous: "Anonymous reports",
    label_confidential: "Confidential",
    label_for_emergencies: "For emergencies",
    sources: "Sources",
    label_retrieved: "Retrieved",
    label_verified: "Verified",
    not_verified_value: "not verified",
    data_as_of: "Sources read on {date}: the date they were read, not a date their details were confirmed.",
    handout_hotlines: "Hotlines",
    handout_what_you_can_do: "What you can do",
    handout_about: "About this information",
    handout_made_by: "This handout was made by heatwatch {version} from the directory “{name}” ({region}). Its sources were read on {date}, which is not a date their details were confirmed: check a number before relying on it.",
    handout_none_verified: "None of it has been verified with the providers: details are as the sources gave them on the dates read.",
    handout_some_verified: "{verified} of {total} {total:record|records} {verified:was|were} verified with the provider; the others are as the sources gave them on the dates read.",
    contact_caution: "Caution: a number saved on a phone can be seen by anyone who checks the phone, and so can the call log and billing records. If you think someone is monitoring your phone, think before saving this contact: you can call without saving it, or use a different phone or computer that the person cannot access.",
    vcard_from: "From {name} ({region}), sources read on {date}.",
    unreviewed_translation: "Spanish translation made by the heatwatch project, not yet reviewed by a fluent speaker. When in doubt, the English text prevails (--lang en).",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_placeholders_once() {
        assert_eq!(
            fill("{a} and {b}", &[("a", "{b}"), ("b", "2")]),
            "{b} and 2"
        );
        assert_eq!(fill("{missing} {", &[]), "{missing} {");
        assert_eq!(fill("no braces", &[("a", "x")]), "no braces");
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let t = "{n} {n:record|records}";
        assert_eq!(fill(t, &[("n", "1")]), "1 record");
        assert_eq!(fill(t, &[("n", "0")]), "0 records");
        assert_eq!(fill(t, &[("n", "21")]), "21 records");
        assert_eq!(fill("{n:registro|registros}", &[("n", "1")]), "registro");
        // Malformed or unknown: left as written, nothing panics.
        assert_eq!(fill("{n:one}", &[("n", "1")]), "{n:one}");
        assert_eq!(fill("{m:a|b}", &[("n", "1")]), "{m:a|b}");
        assert_eq!(placeholders("{n} {n:a|b} {file}"), ["n", "n", "file"]);
    }

    /// Every count in the catalogues that can be 1 reads right at 1, in both languages.
    #[test]
    fn counts_of_one_are_singular_in_both_languages() {
        for m in [&EN, &ES] {
            let valid = fill(m.check_valid_one, &[("file", "f"), ("records", "1")]);
            assert!(
                !valid.contains("1 records") && !valid.contains("1 registros"),
                "{valid}"
            );
            let fresh = fill(
                m.check_freshness,
                &[
                    ("stale", "0"),
                    ("total", "1"),
                    ("period", "x"),
                    ("never", "1"),
                ],
            );
            assert!(
                !fresh.contains("1 records") && !fresh.contains("1 registros"),
                "{fresh}"
            );
            assert!(!fresh.contains("verificados"), "{fresh}");
            let days = fill(m.period_days, &[("n", "1")]);
            assert!(days == "1 day" || days == "1 día", "{days}");
            let handout = fill(
                m.handout_some_verified,
                &[("verified", "1"), ("total", "1")],
            );
            assert!(
                !handout.contains("were") && !handout.contains("verificaron"),
                "{handout}"
            );
            let zones = fill(m.check_no_time_zone, &[("n", "1")]);
            assert!(
                zones.starts_with("1 weekly schedule ") || zones.starts_with("1 horario semanal "),
                "{zones}"
            );
        }
    }

    #[test]
    fn placeholders_are_listed_in_order() {
        assert_eq!(placeholders("{file}: {n} x {"), ["file", "n"]);
        assert!(placeholders("“quoted” {not a name}").is_empty());
    }
}
