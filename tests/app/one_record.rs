//! Issue 16 §3: one description of a record. Every record of the embedded directory, in
//! English and in Spanish, reads the same in the app's detail pane and in `heatwatch
//! show`, wrapping aside: both render `render::record_blocks`. The command line adds
//! the kind, the id and the ids of the records it lists (a person types them there), and
//! the `tel:` form after every number;
//! the pane adds how fresh the record is under its title (in days, against the clock)
//! and a hotline's QR codes at the end. Nothing else may differ.

use heatwatch::directory::load;
use heatwatch::i18n::{app as messages_app, cli as messages_cli};
use heatwatch::tui::app::Item;

use crate::common;

/// The text without any white space (wrapping may break a long address anywhere), list
/// markers as one, and without the dialable `(tel:…)` forms, which each output writes
/// where it can (after every number on the command line, after a field's number in the
/// pane).
fn words(text: &str) -> String {
    let mut text = text.to_owned();
    for scheme in ["(tel:", "(sms:"] {
        while let Some(at) = text.find(scheme) {
            let end = text[at..].find(')').map_or(text.len(), |e| at + e + 1);
            text.replace_range(at..end, "");
        }
    }
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            t.strip_prefix("• ")
                .or_else(|| t.strip_prefix("- "))
                .map_or_else(|| t.to_owned(), |rest| format!("• {rest}"))
        })
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// `show` without what only the command line says: the kind, id and role lines, and
/// the ids in brackets after the records a record lists.
fn without_ids(show: &str, m: &messages_cli::CliMessages) -> String {
    let kept: Vec<&str> = show
        .lines()
        .filter(|l| {
            ![m.label_kind, m.label_id, m.label_role]
                .iter()
                .any(|label| l.starts_with(&format!("{label}: ")))
        })
        .collect();
    // "Title [some-id]" at the end of a line → "Title".
    let out: Vec<String> = kept
        .iter()
        .map(|l| match l.rsplit_once(" [") {
            Some((before, id))
                if id.strip_suffix(']').is_some_and(|id| {
                    !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                }) =>
            {
                before.to_owned()
            }
            _ => (*l).to_owned(),
        })
        .collect();
    out.join("\n")
}

#[test]
fn the_detail_pane_and_show_say_the_same_of_every_record() {
    let mut compared = 0;
    for lang in ["en", "es"] {
        let (dir, _) = load::from_bytes_in(load::EMBEDDED_JSON.as_bytes(), lang).unwrap();
        let records = dir.records();
        let mut app = common::app_for(dir, 200, 60);
        app.msg = messages_app::for_language(lang);
        let m = messages_cli::for_language(lang);
        for r in records {
            let id = app.dir.id_of(r).unwrap().to_owned();
            let show = common::run_heatwatch(&["--lang", lang, "show", &id], &[("NO_COLOR", "1")]);
            assert_eq!(show.code, 0, "{id}: {}", show.stderr);
            let show = words(&without_ids(&show.stdout, m));
            let pane: Vec<String> =
                heatwatch::tui::view::detail::item_lines(&app, Item::Record(r), 200)
                    .iter()
                    .map(ToString::to_string)
                    .collect();
            // The note on an unreviewed translation says where the English is: the L key
            // in the app, `--lang en` on the command line.
            let mut pane = words(&pane.join("\n"));
            if !app.msg.unreviewed_translation.is_empty() {
                pane = pane.replace(
                    &words(app.msg.unreviewed_translation),
                    &words(m.unreviewed_translation),
                );
            }
            let title = words(&app.dir.path_title(r));
            let (Some(show_body), Some(pane_rest)) =
                (show.strip_prefix(&title), pane.strip_prefix(&title))
            else {
                panic!("{lang} {id}: both start with the title\nshow: {show}\npane: {pane}");
            };
            let Some(at) = pane_rest.find(show_body.trim()) else {
                panic!(
                    "{lang} {id}: the pane does not say what show says\nshow: {show_body}\npane: {pane_rest}"
                );
            };
            // Before: only how fresh the record is; after: only the QR codes.
            let before = &pane_rest[..at];
            let after = pane_rest[at + show_body.trim().len()..].trim();
            assert!(before.chars().count() < 160, "{lang} {id}: {before}");
            assert!(
                after.is_empty() || after.starts_with(&words(app.msg.qr_heading)),
                "{lang} {id}: the pane adds {after}"
            );
            compared += 1;
        }
    }
    assert!(compared > 40, "{compared}");
}
