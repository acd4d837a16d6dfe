//! Every user-facing string of the interactive app, in one catalogue.
//!
//! Translation adds a second `Messages` value; because every field must be filled, a
//! string can never exist in one language and not in another.

/// Spanish.
#[path = "app_es.rs"]
pub mod es;

/// The strings of the interface in one language.
#[derive(Debug, Clone, Copy)]
#[allow(clippy::struct_field_names)]
pub struct Messages {
    /// A calendar date as this language writes it in prose.
    pub long_date: fn(jiff::civil::Date) -> String,
    /// Label before the emergency number in the hotline bar.
    pub emergency: &'static str,
    /// Header: before the date the sources were read (not a date the facts were true).
    pub data_as_of: &'static str,
    /// Section names.
    pub section_hotlines: &'static str,
    /// About section.
    pub section_about: &'static str,
    /// Facts section.
    pub section_facts: &'static str,
    /// Events section.
    pub section_events: &'static str,
    /// Local services section.
    pub section_services: &'static str,
    /// Sections pane title.
    pub pane_sections: &'static str,
    /// Shown for an empty events list.
    pub no_events: &'static str,
    /// Detail: the number to call.
    pub call: &'static str,
    /// Detail: text line.
    pub text: &'static str,
    /// Detail: TTY line.
    pub tty: &'static str,
    /// Detail: fax line.
    pub fax: &'static str,
    /// Detail: dialable form.
    pub dial: &'static str,
    /// Detail: hours.
    pub hours: &'static str,
    /// Detail: languages.
    pub languages: &'static str,
    /// Detail: operator.
    pub operated_by: &'static str,
    /// Detail: anonymous.
    pub anonymous_yes: &'static str,
    /// Detail: confidential, for a record that does not say what the limits are.
    pub confidential_yes: &'static str,
    /// Detail: the label before what a hotline's `confidentiality` says.
    pub confidential_label: &'static str,
    /// Detail: the label before a hotline's `caution`.
    pub caution_label: &'static str,
    /// Lists and search results: the word that marks a hotline with a `caution`, in
    /// brackets before its name or number.
    pub caution_mark: &'static str,
    /// Detail: for emergencies.
    pub for_emergencies: &'static str,
    /// Detail: notes heading.
    pub notes: &'static str,
    /// Detail: next steps heading.
    pub next_steps: &'static str,
    /// Detail: related hotlines heading.
    pub who_to_call: &'static str,
    /// Detail: action items heading (role detail).
    pub actions: &'static str,
    /// Detail: strategy heading.
    pub strategy: &'static str,
    /// Detail: endorsements heading.
    pub endorsements: &'static str,
    /// Detail: people named heading.
    pub named_on_page: &'static str,
    /// Detail: source line label.
    pub source: &'static str,
    /// Detail: "read on".
    pub read_on: &'static str,
    /// Detail: not verified.
    pub not_verified: &'static str,
    /// Detail: verified on.
    pub verified_on: &'static str,
    /// Detail: organisation.
    pub organization: &'static str,
    /// Detail: area.
    pub area: &'static str,
    /// Detail: address.
    pub address: &'static str,
    /// Detail: web.
    pub web: &'static str,
    /// Detail: email.
    pub email: &'static str,
    /// Detail: date.
    pub date: &'static str,
    /// Search bar prompt.
    pub search_prompt: &'static str,
    /// Search scope: everything.
    pub scope_all: &'static str,
    /// Search scope: one role (followed by its name).
    pub scope_role: &'static str,
    /// Search: nothing typed yet.
    pub search_hint: &'static str,
    /// Search: before the query when nothing matched.
    pub no_match_before: &'static str,
    /// Search: after the query when nothing matched (followed by the emergency number).
    pub no_match_after: &'static str,
    /// Search: results count label.
    pub results: &'static str,
    /// Search: still searching.
    pub searching: &'static str,
    /// Help overlay title.
    pub help_title: &'static str,
    /// Help overlay: how to close.
    pub help_close: &'static str,
    /// Too-small screen.
    pub too_small: &'static str,
    /// Quick-exit label, always on screen.
    pub quick_exit_label: &'static str,
    /// Key descriptions, by key-table entry.
    pub key_move: &'static str,
    /// Page keys.
    pub key_page: &'static str,
    /// Home/End.
    pub key_first_last: &'static str,
    /// Pane keys.
    pub key_panes: &'static str,
    /// Enter.
    pub key_open: &'static str,
    /// Esc.
    pub key_back: &'static str,
    /// 1–9.
    pub key_roles: &'static str,
    /// /.
    pub key_search: &'static str,
    /// ?.
    pub key_help: &'static str,
    /// q.
    pub key_quit: &'static str,
    /// Ctrl-X.
    pub key_quick_exit: &'static str,
    /// Ctrl-T.
    pub key_scope: &'static str,
    /// Footer: what Ctrl-T does now, while the search covers one role.
    pub key_scope_to_all: &'static str,
    /// Footer: what Ctrl-T does now, while the search covers everything.
    pub key_scope_to_role: &'static str,
    /// Search: move in results.
    pub key_results: &'static str,
    /// Search: jump to the record.
    pub key_jump: &'static str,
    /// Search: close.
    pub key_close_search: &'static str,
    /// Search: delete a character.
    pub key_delete: &'static str,
    /// Search: clear.
    pub key_clear: &'static str,
    /// Help: scroll.
    pub key_scroll_help: &'static str,
    /// Help: close.
    pub key_close_help: &'static str,
    /// Kiosk: back to the home screen.
    pub key_home: &'static str,
    /// Kiosk: operator exit.
    pub key_operator: &'static str,
    /// Kiosk: check the PIN.
    pub key_pin_enter: &'static str,
    /// Kiosk: cancel the PIN prompt.
    pub key_pin_cancel: &'static str,
    /// Kiosk: PIN prompt title.
    pub pin_title: &'static str,
    /// Kiosk: PIN prompt text.
    pub pin_prompt: &'static str,
    /// Kiosk: wrong PIN.
    pub pin_wrong: &'static str,
    /// Help: `0`.
    pub key_help_now: &'static str,
    /// Help: on the bottom border when more lines follow below.
    pub help_more: &'static str,
    /// On the detail pane's bottom border when its text goes on below.
    pub detail_more: &'static str,
    /// Between thousands in a count on screen ("100,000").
    pub thousands: &'static str,
    /// Help: Ctrl-W in search.
    pub key_delete_word: &'static str,
    /// Help: Ctrl-Y in search.
    pub key_copy_result: &'static str,
    /// Kiosk: the wait before the next PIN try, before the seconds.
    pub pin_wait_before: &'static str,
    /// Kiosk: the wait before the next PIN try, after the seconds.
    pub pin_wait_after: &'static str,
    /// Kiosk: the configured PIN was refused, so Ctrl-O is off (the reason goes to the
    /// operator's log, not to the public screen).
    pub pin_off: &'static str,
    /// The one line shown while the directory loads.
    pub loading: &'static str,
    /// The loading line while the signature of a `--data` file is checked (with
    /// `--trusted-key`).
    pub verifying: &'static str,
    /// The footer while local services load behind the directory's head ("{percent}"
    /// is replaced).
    pub loading_services: &'static str,
    /// The local services' list while they load.
    pub services_loading: &'static str,
    /// The search box's title while local services load: what its results cover.
    pub search_partial: &'static str,
    /// Kiosk: idle countdown, before the seconds.
    pub countdown_before: &'static str,
    /// Kiosk: idle countdown, after the seconds.
    pub countdown_after: &'static str,
    /// Kiosk: shown on the error screen when the data cannot be used.
    pub data_error_help: &'static str,
    /// QR: heading.
    pub qr_heading: &'static str,
    /// QR: the caution beside the codes.
    pub qr_caution: &'static str,
    /// QR: label of the call code.
    pub qr_call: &'static str,
    /// QR: label of the text code.
    pub qr_text: &'static str,
    /// y.
    pub key_copy: &'static str,
    /// o.
    pub key_open_link: &'static str,
    /// Status: copied (followed by what).
    pub copied: &'static str,
    /// Status: opening a link (followed by it).
    pub opening: &'static str,
    /// Status: nothing to open.
    pub no_link: &'static str,
    /// L.
    pub key_language: &'static str,
    /// Shown with directory text translated by the project and not yet reviewed.
    pub unreviewed_translation: &'static str,
    /// A short left-to-right word for "telephone", written before a phone number that
    /// follows right-to-left text, so that bidi terminals keep the number in order.
    pub tel: &'static str,
    /// Browse: open the filter bar.
    pub key_filters: &'static str,
    /// Browse: clear filters.
    pub key_clear_filters: &'static str,
    /// Filter bar: move between fields.
    pub key_filter_fields: &'static str,
    /// Filter bar: switch a choice.
    pub key_filter_toggle: &'static str,
    /// Filter bar: close it.
    pub key_filter_done: &'static str,
    /// Filter bar: clear the field.
    pub key_filter_clear_field: &'static str,
    /// Help heading: the filter bar.
    pub ctx_filter: &'static str,
    /// Filter bar: its name.
    pub filter_title: &'static str,
    /// Filter bar: language field.
    pub filter_language: &'static str,
    /// Filter bar: area field.
    pub filter_area: &'static str,
    /// Filter bar: phone type field.
    pub filter_phone: &'static str,
    /// Filter bar: no phone type asked for.
    pub filter_any: &'static str,
    /// Filter bar: text line.
    pub filter_text: &'static str,
    /// Filter bar: TTY line.
    pub filter_tty: &'static str,
    /// Filter bar: open now field.
    pub filter_open_now: &'static str,
    /// Filter bar: yes.
    pub filter_yes: &'static str,
    /// Filter bar: no.
    pub filter_no: &'static str,
    /// Above the lists: filters in force.
    pub filters_on: &'static str,
    /// Above the lists: how to change filters.
    pub filters_hint: &'static str,
    /// A list the filters empty.
    pub filters_no_match: &'static str,
    /// Hotlines list: the filters hide one hotline.
    pub hotlines_hidden_one: &'static str,
    /// Hotlines list: the filters hide `{n}` hotlines (more than one).
    pub hotlines_hidden_many: &'static str,
    /// Search title: one result.
    pub result_one: &'static str,
    /// Detail, under the title: a verified record ("{when}" is replaced).
    pub fresh_verified: &'static str,
    /// Detail, under the title: a record nobody verified ("{when}" is replaced).
    pub fresh_retrieved: &'static str,
    /// "{when}" for today.
    pub when_today: &'static str,
    /// "{when}" for yesterday.
    pub when_one_day: &'static str,
    /// "{when}" for n days ago ("{n}" is replaced).
    pub when_days: &'static str,
    /// "{when}" for a date after today.
    pub when_future: &'static str,
    /// Detail: a record older than the stale threshold ("{n}" is the threshold).
    pub stale_note: &'static str,
    /// Lists: the word that marks an old record, in brackets before its name.
    pub stale_mark: &'static str,
    /// Mouse help line.
    pub mouse_help: &'static str,
    /// Help overlay: heading of the search syntax.
    pub syntax_title: &'static str,
    /// Help overlay: the search syntax, one line each.
    pub syntax_lines: &'static [&'static str],
    /// Help heading: browsing.
    pub ctx_browse: &'static str,
    /// Help heading: search.
    pub ctx_search: &'static str,
    /// Help heading: everywhere.
    pub ctx_any: &'static str,
    /// Help heading: help overlay.
    pub ctx_help: &'static str,
    /// Help heading: PIN prompt.
    pub ctx_pin: &'static str,
    /// Help heading: keys on the card.
    pub ctx_card: &'static str,
    /// Help: open the card of the selected number.
    pub key_card: &'static str,
    /// Help: close the card.
    pub key_close_card: &'static str,
    /// Card: its title.
    pub card_title: &'static str,
    /// Card: the line on phone safety.
    pub card_safety: &'static str,
    /// Card: how to leave it.
    pub card_close: &'static str,
    /// Status: the selected record has no number to show on a card.
    pub card_none: &'static str,
    /// Error screen when the data cannot be used.
    pub data_error: &'static str,
    /// Result kinds.
    pub kind_hotline: &'static str,
    /// Kind: role.
    pub kind_role: &'static str,
    /// Kind: action.
    pub kind_action: &'static str,
    /// Kind: about.
    pub kind_about: &'static str,
    /// Kind: fact.
    pub kind_fact: &'static str,
    /// Kind: event.
    pub kind_event: &'static str,
    /// Kind: service.
    pub kind_service: &'static str,
}

/// The catalogue for a language code ("en", "es"); English for any other.
#[must_use]
pub fn for_language(code: &str) -> &'static Messages {
    match code {
        "es" => &es::ES,
        _ => &EN,
    }
}

/// The language asked for by the environment: `LC_ALL`, else `LC_MESSAGES`, else `LANG`
/// (the first set and non-empty), "es" when it starts with "es", else "en".
#[must_use]
pub fn language_from_env(get: impl Fn(&str) -> Option<String>) -> &'static str {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| get(k).filter(|v| !v.is_empty()));
    match value {
        Some(v) if v.starts_with("es") => "es",
        _ => "en",
    }
}

/// English.
pub const EN: Messages = Messages {
    long_date: iso_date,
    emergency: "Emergency",
    data_as_of: "sources read on",
    section_hotlines: "Get help now",
    section_about: "About",
    section_facts: "Facts",
    section_events: "Events",
    section_services: "Local services",
    pane_sections: "Sections",
    no_events: "No upcoming events at this time.",
    call: "Call",
    text: "Text",
    tty: "TTY / relay",
    fax: "Fax (not for calls)",
    dial: "Dial",
    hours: "Hours",
    languages: "Languages",
    operated_by: "Operated by",
    anonymous_yes: "You can report anonymously.",
    confidential_yes: "The source says contacts are confidential.",
    confidential_label: "Confidential",
    caution_label: "Caution",
    caution_mark: "caution",
    for_emergencies: "For emergencies.",
    notes: "Good to know",
    next_steps: "What to do next",
    who_to_call: "Who to call",
    actions: "Actions",
    strategy: "Five-point strategy",
    endorsements: "Endorsements",
    named_on_page: "Named on the page",
    source: "Source",
    read_on: "read",
    not_verified: "Not verified with the provider. Details are as the source gave them on the date read.",
    verified_on: "Verified with the provider on",
    organization: "Organisation",
    area: "Area",
    address: "Address",
    web: "Web",
    email: "Email",
    date: "Date",
    search_prompt: "Search",
    scope_all: "everything",
    scope_role: "only",
    search_hint: "Type to search hotlines, roles, actions, facts. Numbers match by digits.",
    no_match_before: "No match for",
    no_match_after: "— in an emergency call",
    results: "results",
    searching: "searching…",
    help_title: "Keys",
    help_close: "Esc or ? to close",
    too_small: "Terminal too small — enlarge it",
    quick_exit_label: "Ctrl-X quick exit",
    key_move: "move up / down",
    key_page: "page up / down",
    key_first_last: "first / last",
    key_panes: "move between panes",
    key_open: "open / go deeper",
    key_back: "back one level",
    key_roles: "jump to the n-th role",
    key_search: "search",
    key_help: "this help",
    key_quit: "quit",
    key_quick_exit: "quick exit: clear the screen and leave at once",
    key_scope: "search everything / this role only",
    key_scope_to_all: "search everything",
    key_scope_to_role: "search this role only",
    key_results: "move in results",
    key_jump: "go to the result",
    key_close_search: "close search, back to where you were",
    key_delete: "delete a character",
    key_clear: "clear the search",
    key_scroll_help: "scroll this help",
    key_close_help: "close this help",
    key_home: "back to the start (kiosk)",
    key_operator: "operator exit with the PIN (kiosk)",
    key_pin_enter: "check the PIN",
    key_pin_cancel: "cancel",
    pin_title: "Operator exit",
    pin_prompt: "PIN:",
    pin_wrong: "Wrong PIN.",
    key_help_now: "go to Get help now",
    help_more: "↓ more: ↓ or PgDn",
    detail_more: "↓ more",
    thousands: ",",
    key_delete_word: "delete the last word",
    key_copy_result: "send the selected result's number to the terminal's clipboard (not in kiosk mode)",
    pin_wait_before: "Wait",
    pin_wait_after: " s before the next try.",
    pin_off: "Operator exit is off: the PIN was refused (see the system log).",
    loading: "Loading the directory…",
    verifying: "Verifying the directory's signature…",
    loading_services: "Loading local services… {percent}%",
    services_loading: "Local services are still loading. They will be listed here in a moment.",
    search_partial: "(local services still loading)",
    countdown_before: "Returning to the start in",
    countdown_after: " s — press any key to stay",
    data_error_help: "Please tell a member of staff. In an emergency, call",
    qr_heading: "Save it with a phone camera",
    qr_caution: "Careful: someone who checks this phone can see a saved number, the call log and billing records. If someone may be monitoring your phone, use a different phone that the person cannot access.",
    qr_call: "Scan to call",
    qr_text: "Scan to text",
    key_copy: "copy the number or record (clipboard, also over SSH)",
    key_open_link: "open the record's web link",
    copied: "sent to the terminal's clipboard; it may not arrive, so note the number",
    opening: "Opening",
    no_link: "No web link to open here.",
    key_language: "switch language (English / Spanish)",
    unreviewed_translation: "",
    tel: "tel.",
    key_filters: "filter: language, area, phone type, open now",
    key_clear_filters: "turn every filter off",
    key_filter_fields: "move between the filters",
    key_filter_toggle: "switch a choice: phone type, open now",
    key_filter_done: "close: the filters stay on",
    key_filter_clear_field: "clear this filter",
    ctx_filter: "In the filter bar",
    filter_title: "Filters",
    filter_language: "Language",
    filter_area: "Area",
    filter_phone: "Phone",
    filter_any: "any",
    filter_text: "text",
    filter_tty: "TTY",
    filter_open_now: "Open now",
    filter_yes: "yes",
    filter_no: "no",
    filters_on: "Filters on:",
    filters_hint: "— for hotlines and local services · f change · F clear",
    filters_no_match: "Nothing here matches the filters. F turns them off.",
    hotlines_hidden_one: "1 hotline hidden by the filters · F shows all",
    hotlines_hidden_many: "{n} hotlines hidden by the filters · F shows all",
    result_one: "result",
    fresh_verified: "Verified {when}.",
    fresh_retrieved: "Retrieved {when}; not verified.",
    when_today: "today",
    when_one_day: "1 day ago",
    when_days: "{n} days ago",
    when_future: "on a date after today (check the data)",
    stale_note: "OLD: nobody has looked at this for over {n} days. Check with the provider before relying on it.",
    stale_mark: "old",
    mouse_help: "Mouse: click selects, the wheel scrolls the pane under the pointer.",
    syntax_title: "Search words",
    syntax_lines: &[
        "  words in any order; punctuation such as ? ! , is ignored",
        "  'word  exactly these letters    ^word  at the start of a word",
        "  word$  at the end of a word      !word  without this word",
        "  (911 is never hidden); help, call, number: hotlines first",
    ],
    ctx_browse: "Browsing",
    ctx_search: "In the search box (letters are typed)",
    ctx_any: "Everywhere",
    ctx_help: "In this help",
    ctx_pin: "In the operator PIN prompt (kiosk)",
    ctx_card: "On the card",
    key_card: "show the number as a large card, to show a person",
    key_close_card: "close the card (any other key too)",
    card_title: "Card",
    card_safety: "Phone safety: a number saved or photographed on a phone can be seen by whoever checks that phone.",
    card_close: "Any key returns · Ctrl-X quick exit",
    card_none: "No number here to show on a card.",
    data_error: "The directory data cannot be used",
    kind_hotline: "hotline",
    kind_role: "role",
    kind_action: "action",
    kind_about: "about",
    kind_fact: "fact",
    kind_event: "event",
    kind_service: "service",
};

/// A date as `2026-12-04`: the form English readers of the directory already see in
/// its sources.
#[must_use]
pub fn iso_date(date: jiff::civil::Date) -> String {
    date.to_string()
}

/// A date as Spanish prose writes it: `4 de diciembre de 2026`.
#[must_use]
pub fn spanish_date(date: jiff::civil::Date) -> String {
    const MONTHS: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let month = usize::try_from(date.month())
        .ok()
        .and_then(|m| MONTHS.get(m.checked_sub(1)?))
        .copied()
        .unwrap_or_default();
    format!("{} de {month} de {}", date.day(), date.year())
}
