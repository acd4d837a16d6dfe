//! The guard on known numbers. The national numbers the embedded directory carries are
//! known — 911, the National Human Trafficking Hotline's 1-888-373-7888, its text number
//! 233733 and the relay service 711 — and a directory file that names one of those lines
//! with another number, or that gives a known number with a digit changed in its free
//! text, is the quiet attack a directory invites: the Hotline's number pointing at
//! somebody else's phone. This module finds such numbers; the loader and the commands
//! decide what to do with them.
//!
//! A line is recognised by its id or by its name, compared after folding (case, accents)
//! and after mapping look-alike letters from other scripts to the letters they imitate
//! (Unicode's confusable skeleton, UTS #39, from the `unicode-security` crate): a name
//! written with a Cyrillic "а" is the same name.

use unicode_security::confusable_detection::skeleton;

use crate::directory::Directory;
use crate::directory::phone::digits;

/// A number of a known line: what it is for, and its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownNumber {
    /// `phone`, `text` or `tty`.
    pub kind: &'static str,
    /// As it is written for people.
    pub shown: &'static str,
    /// Every way its digits may be written (with and without the country code).
    pub digits: &'static [&'static str],
}

/// A known line: its id in the embedded directory, its names, its numbers.
#[derive(Debug, Clone, Copy)]
pub struct KnownLine {
    /// The id it has in the embedded directory.
    pub id: &'static str,
    /// Names that are this line wherever they appear whole (folded).
    pub long_names: &'static [&'static str],
    /// Names that are this line when they are the whole name (folded).
    pub short_names: &'static [&'static str],
    /// Its numbers.
    pub numbers: &'static [KnownNumber],
    /// Whether it is known only in the United States (911 is not the emergency number
    /// everywhere; the National Hotline is the same line wherever it is listed).
    pub us_only: bool,
}

const NATIONAL_PHONE: KnownNumber = KnownNumber {
    kind: "phone",
    shown: "1-888-373-7888",
    digits: &["18883737888", "8883737888"],
};
const NATIONAL_TEXT: KnownNumber = KnownNumber {
    kind: "text",
    shown: "233733",
    digits: &["233733"],
};
const RELAY: KnownNumber = KnownNumber {
    kind: "tty",
    shown: "711",
    digits: &["711"],
};
const EMERGENCY: KnownNumber = KnownNumber {
    kind: "phone",
    shown: "911",
    digits: &["911"],
};

/// The emergency line.
const EMERGENCY_LINE: KnownLine = KnownLine {
    id: "emergency-911",
    long_names: &[],
    short_names: &["emergency", "emergencia", "911", "emergency 911"],
    numbers: &[EMERGENCY],
    us_only: true,
};

/// The known lines.
pub const KNOWN: &[KnownLine] = &[
    KnownLine {
        id: "national-hotline",
        long_names: &[
            "national human trafficking hotline",
            "human trafficking hotline",
            "linea nacional contra la trata de personas",
            "linea nacional contra la trata",
        ],
        short_names: &["national hotline", "linea nacional"],
        numbers: &[NATIONAL_PHONE, NATIONAL_TEXT, RELAY],
        us_only: false,
    },
    EMERGENCY_LINE,
];

/// A number a file gives where a known one belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    /// The record's id (`meta` for the directory's own fields).
    pub record: String,
    /// The field that holds it (`phone`, `text`, `tty`, `phones`, `purpose`, …).
    pub field: &'static str,
    /// The number as the file gives it.
    pub given: String,
    /// The known number it stands for, as written for people.
    pub known: &'static str,
}

/// Text folded for comparing names: look-alike letters mapped to the letters they
/// imitate, accents and case dropped, every run of other characters one space.
#[must_use]
pub fn fold_name(s: &str) -> String {
    // Lower case first: the skeleton maps a capital I to l, but leaves a small i.
    let lower = s.to_lowercase();
    let skeleton: String = skeleton(&lower).collect();
    let plain = deunicode::deunicode(&skeleton).to_lowercase();
    let mut out = String::with_capacity(plain.len());
    for word in plain.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Folds a name as [`fold_name`] and then the way the skeleton folds: `l` and `1`, `o`
/// and `0` are confusable, so a known name is compared through the same lens.
fn lens(s: &str) -> String {
    fold_name(&fold_name(s))
}

/// The known line a record is, by its id or its name.
#[must_use]
pub fn line_named(id: &str, names: &[&str], us: bool) -> Option<&'static KnownLine> {
    Lenses::new().line_named(id, names, us)
}

/// The known lines' names as [`lens`] folds them, folded once for a whole directory:
/// folding is most of the guard's work, and a county file has 100,000 names to fold.
struct Lenses(Vec<(&'static KnownLine, Vec<String>, Vec<String>)>);

impl Lenses {
    fn new() -> Self {
        Self(
            KNOWN
                .iter()
                .map(|k| {
                    let fold = |names: &[&str]| names.iter().map(|n| lens(n)).collect();
                    (k, fold(k.short_names), fold(k.long_names))
                })
                .collect(),
        )
    }

    /// [`line_named`], each of `names` folded once.
    fn line_named(&self, id: &str, names: &[&str], us: bool) -> Option<&'static KnownLine> {
        let folded: Vec<String> = names
            .iter()
            .map(|n| lens(n))
            .filter(|n| !n.is_empty())
            .collect();
        self.0
            .iter()
            .filter(|(k, ..)| us || !k.us_only)
            .find(|(k, short, long)| {
                k.id == id
                    || folded.iter().any(|name| {
                        short.iter().any(|s| s == name)
                            || long.iter().any(|l| contains_words(name, l))
                    })
            })
            .map(|(k, ..)| *k)
    }
}

/// Whether `hay` holds `needle` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay == needle
        || hay.starts_with(&format!("{needle} "))
        || hay.ends_with(&format!(" {needle}"))
        || hay.contains(&format!(" {needle} "))
}

/// Whether `number` is one of `line`'s numbers.
fn is_known_number(line: &KnownLine, number: &str) -> bool {
    let d = digits(number);
    line.numbers.iter().any(|n| n.digits.contains(&d.as_str()))
}

/// The known number a planted one stands for: the line's number of that kind, or its
/// first.
fn stands_for(line: &KnownLine, kind: &str) -> &'static str {
    line.numbers
        .iter()
        .find(|n| n.kind == kind)
        .or_else(|| line.numbers.first())
        .map_or("", |n| n.shown)
}

/// Every planted number in `dir`: a known line (by id or name) with a number that is
/// not its own, and a known number with a digit changed in free text.
#[must_use]
pub fn find(dir: &Directory) -> Vec<Planted> {
    let us = dir.meta.country.eq_ignore_ascii_case("US") || dir.meta.country.is_empty();
    let mut found = Vec::new();
    if us && !is_known_number(&EMERGENCY_LINE, &dir.meta.emergency.number) {
        found.push(Planted {
            record: "meta".to_owned(),
            field: "emergency",
            given: dir.meta.emergency.number.clone(),
            known: EMERGENCY.shown,
        });
    }
    let lenses = Lenses::new();
    for h in &dir.hotlines {
        let Some(line) = lenses.line_named(&h.id, &[&h.name, &h.short_name], us) else {
            continue;
        };
        let numbers = [
            ("phone", Some(&h.phone)),
            ("text", h.text.as_ref()),
            ("tty", h.tty.as_ref()),
        ];
        for (field, phone) in numbers {
            if let Some(phone) = phone
                && !is_known_number(line, &phone.number)
            {
                found.push(Planted {
                    record: h.id.clone(),
                    field,
                    given: phone.number.clone(),
                    known: stands_for(line, field),
                });
            }
        }
    }
    // A county's services are many: they are looked at on every core, in order.
    use rayon::prelude::*;
    let in_services: Vec<Planted> = dir
        .services
        .par_iter()
        .with_min_len(1024)
        .flat_map_iter(|s| {
            let line = lenses.line_named("", &[&s.name], us);
            s.phones.iter().filter_map(move |p| {
                let line = line?;
                (!is_known_number(line, &p.phone.number)).then(|| Planted {
                    record: s.id.clone(),
                    field: "phones",
                    given: p.phone.number.clone(),
                    known: stands_for(line, "phone"),
                })
            })
        })
        .collect();
    found.extend(in_services);
    for (record, field, text) in free_texts(dir) {
        for (given, known) in near_misses(text) {
            found.push(Planted {
                record: record.to_owned(),
                field,
                given,
                known,
            });
        }
    }
    found
}

/// Puts the known number back wherever `planted` found another (a number field gets the
/// known number and its dialable form; a free text gets the known number in place of the
/// changed one), and tells the person on the record: `warning(p)` — in words, without the
/// planted number — is added to the hotline's caution, or put before the service's
/// description. Nothing of the planted number stays dialable, copyable or printable.
pub fn repair(dir: &mut Directory, planted: &[Planted], warning: impl Fn(&Planted) -> String) {
    use crate::directory::phone::{derive_sms, derive_tel};
    let known_phone = |p: &Planted, sms: bool| crate::directory::Phone {
        number: p.known.to_owned(),
        extension: None,
        uri: if sms {
            derive_sms(p.known, "US")
        } else {
            derive_tel(p.known, "US", None)
        },
    };
    let fix_text = |text: &mut String, p: &Planted| {
        *text = text.replace(&p.given, p.known);
    };
    for p in planted {
        if p.record == "meta" {
            match p.field {
                "emergency" => dir.meta.emergency = known_phone(p, false),
                "safety_line" => {
                    if let Some(t) = &mut dir.meta.safety_line {
                        fix_text(t, p);
                    }
                }
                "need_help" => {
                    if let Some(t) = &mut dir.meta.need_help {
                        fix_text(t, p);
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some(h) = dir.hotlines.iter_mut().find(|h| h.id == p.record) {
            match p.field {
                "phone" => h.phone = known_phone(p, false),
                "text" => h.text = Some(known_phone(p, true)),
                "tty" => h.tty = Some(known_phone(p, false)),
                "purpose" => fix_text(&mut h.purpose, p),
                "caution" => {
                    if let Some(t) = &mut h.caution {
                        fix_text(t, p);
                    }
                }
                "confidentiality" => {
                    if let Some(t) = &mut h.confidentiality {
                        fix_text(t, p);
                    }
                }
                "notes" => h.notes.iter_mut().for_each(|n| fix_text(n, p)),
                _ => {}
            }
            let note = warning(p);
            h.caution = Some(match h.caution.take() {
                Some(c) if !c.contains(&note) => format!("{note} {c}"),
                Some(c) => c,
                None => note,
            });
            continue;
        }
        if let Some(s) = dir.services.iter_mut().find(|s| s.id == p.record) {
            let s = std::sync::Arc::make_mut(s);
            match p.field {
                "phones" => {
                    for ph in &mut s.phones {
                        if ph.phone.number == p.given {
                            ph.phone = known_phone(p, false);
                        }
                    }
                }
                "description" => fix_text(&mut s.description, p),
                _ => {}
            }
            let note = warning(p);
            if !s.description.contains(&note) {
                s.description = format!("{note} {}", s.description).trim().to_owned();
            }
            continue;
        }
        for f in &mut dir.facts {
            if f.id == p.record {
                fix_text(&mut f.text, p);
            }
        }
        for r in &mut dir.roles {
            if r.id == p.record {
                fix_text(&mut r.summary, p);
            }
            for a in &mut r.actions {
                if a.id == p.record {
                    fix_text(&mut a.summary, p);
                    a.next_steps.iter_mut().for_each(|t| fix_text(t, p));
                }
            }
        }
    }
}

/// The free texts of a directory where a known number may be written: the directory's
/// safety line and help text, and what each record says.
fn free_texts(dir: &Directory) -> Vec<(&str, &'static str, &str)> {
    let mut out: Vec<(&str, &'static str, &str)> = Vec::new();
    if let Some(t) = &dir.meta.safety_line {
        out.push(("meta", "safety_line", t));
    }
    if let Some(t) = &dir.meta.need_help {
        out.push(("meta", "need_help", t));
    }
    for h in &dir.hotlines {
        out.push((&h.id, "purpose", &h.purpose));
        for (field, t) in [
            ("caution", &h.caution),
            ("confidentiality", &h.confidentiality),
        ] {
            if let Some(t) = t {
                out.push((&h.id, field, t));
            }
        }
        for n in &h.notes {
            out.push((&h.id, "notes", n));
        }
    }
    for f in &dir.facts {
        out.push((&f.id, "text", &f.text));
    }
    for r in &dir.roles {
        out.push((&r.id, "summary", &r.summary));
        for a in &r.actions {
            out.push((&a.id, "summary", &a.summary));
            for step in &a.next_steps {
                out.push((&a.id, "next_steps", step));
            }
        }
    }
    for s in &dir.services {
        out.push((&s.id, "description", &s.description));
    }
    out
}

/// Runs of digits in `text`, with the separators a written number uses (space, hyphen,
/// dot, brackets, slash) inside them: each with the words just before it.
fn numbers_in(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some(&(start, c)) = chars.get(i) else {
            break;
        };
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut j = i;
        while let Some(&(_, c)) = chars.get(j) {
            if c.is_ascii_digit() {
                end = j;
            } else if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '/') {
                break;
            }
            j += 1;
        }
        // A bracket just before the digits belongs to the number: "(888) 373-7888".
        let open = if start > 0 && text[..start].ends_with('(') {
            start - 1
        } else {
            start
        };
        let stop = chars.get(end + 1).map_or(text.len(), |&(at, _)| at);
        let before = text.get(..open).unwrap_or("");
        out.push((
            text.get(start..stop).unwrap_or("").to_owned(),
            before.to_owned(),
        ));
        i = end + 1;
    }
    out
}

/// Numbers in `text` that are a known number with a digit changed, added, dropped or
/// two digits swapped, each with the known number it imitates. Three-digit numbers (911,
/// 711) count only right after a word that asks to call or text, since "912 people" is
/// not a phone number.
#[must_use]
pub fn near_misses(text: &str) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let every: Vec<&KnownNumber> = KNOWN.iter().flat_map(|k| k.numbers.iter()).collect();
    for (written, before) in numbers_in(text) {
        let d = digits(&written);
        if every.iter().any(|n| n.digits.contains(&d.as_str())) {
            continue;
        }
        for n in &every {
            let long = n.digits.iter().all(|k| k.len() >= 6);
            if !long && !asks_to_call(&before) {
                continue;
            }
            if n.digits.iter().any(|k| one_slip(&d, k)) {
                out.push((written.clone(), n.shown));
                break;
            }
        }
    }
    out
}

/// Whether the words before a number ask to call, dial or text it.
fn asks_to_call(before: &str) -> bool {
    // Plain folding, not the skeleton's (which writes "m" as "rn").
    let folded = deunicode::deunicode(before).to_lowercase();
    let folded: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let folded = folded.join(" ");
    let last: Vec<&str> = folded.split(' ').rev().take(2).collect();
    last.iter().any(|w| {
        matches!(
            *w,
            "call" | "dial" | "text" | "phone" | "llame" | "marque" | "llamar" | "marcar"
        )
    })
}

/// Whether `a` differs from `b` by one slip: one or two digits changed (same length),
/// two neighbouring digits swapped, or one digit added or dropped.
fn one_slip(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() == y.len() {
        let diff: Vec<usize> = (0..x.len()).filter(|&i| x.get(i) != y.get(i)).collect();
        return match diff.as_slice() {
            [_] => true,
            [i, j] if *j == i + 1 => {
                x.get(*i) == y.get(*j) && x.get(*j) == y.get(*i) || x.len() >= 6
            }
            [_, _] => x.len() >= 6,
            _ => false,
        };
    }
    let (short, long) = if x.len() < y.len() { (x, y) } else { (y, x) };
    if long.len() != short.len() + 1 {
        return false;
    }
    (0..long.len()).any(|skip| {
        long.iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .eq(short.iter())
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn names_fold_through_look_alike_letters() {
        // "National" with a Cyrillic а (U+0430) and о (U+043E).
        let spoofed = "N\u{430}ti\u{43e}nal Human Trafficking Hotline";
        assert_ne!(spoofed, "National Human Trafficking Hotline");
        assert_eq!(lens(spoofed), lens("National Human Trafficking Hotline"));
        assert!(line_named("x", &[spoofed], true).is_some_and(|k| k.id == "national-hotline"));
        // A Greek omicron, accents and case.
        assert!(
            line_named(
                "x",
                &["LÍNEA NACIONAL CONTRA LA TRATA DE PERS\u{39f}NAS"],
                true
            )
            .is_some()
        );
        assert!(
            line_named(
                "x",
                &["The National Human Trafficking Hotline (Polaris)"],
                true
            )
            .is_some()
        );
        // Not the same line.
        assert!(line_named("x", &["Legal Aid Hotline"], true).is_none());
        assert!(line_named("x", &["Emergency Shelter"], true).is_none());
        assert!(line_named("emergency-911", &["Anything"], false).is_none());
        assert!(line_named("x", &["Emergency"], true).is_some_and(|k| k.id == "emergency-911"));
    }

    #[test]
    fn one_slip_is_a_changed_added_dropped_or_swapped_digit() {
        assert!(one_slip("18883737889", "18883737888"));
        assert!(one_slip("18883737788", "18883737878") || one_slip("18883737788", "18883737888"));
        assert!(one_slip("1888373788", "18883737888"));
        assert!(one_slip("188837378888", "18883737888"));
        assert!(one_slip("233773", "233733"));
        assert!(one_slip("912", "911"));
        assert!(one_slip("191", "911"));
        assert!(!one_slip("18883737888", "18883737888"));
        assert!(!one_slip("5105550100", "18883737888"));
        assert!(!one_slip("123", "911"));
    }

    #[test]
    fn a_changed_number_in_free_text_is_found_and_a_right_one_is_not() {
        let planted = near_misses("Call the National Hotline at 1-888-373-7889 now.");
        assert_eq!(
            planted,
            vec![("1-888-373-7889".to_owned(), "1-888-373-7888")]
        );
        let planted = near_misses("Text 233743 for help.");
        assert_eq!(planted, vec![("233743".to_owned(), "233733")]);
        let planted = near_misses("En una emergencia, llame al 912.");
        assert_eq!(planted, vec![("912".to_owned(), "911")]);
        let planted = near_misses("Call (888) 373-7788.");
        assert_eq!(planted.len(), 1, "{planted:?}");
        assert!(near_misses("Call 1-888-373-7888, text 233733, dial 711 or 911.").is_empty());
        assert!(near_misses("In 2023, 912 people were helped; call (510) 555-0100.").is_empty());
    }

    #[test]
    fn planted_numbers_in_a_directory_are_each_named() {
        let mut dir = crate::directory::load::embedded().unwrap();
        // One digit changed in the National Hotline's number, by id.
        let national = dir
            .hotlines
            .iter_mut()
            .find(|h| h.id == "national-hotline")
            .unwrap();
        national.phone.number = "1(888) 373-7889".to_owned();
        // A look-alike name on another line, with somebody else's number.
        let other = dir
            .hotlines
            .iter_mut()
            .find(|h| h.id == "heat-watch-tip-line")
            .unwrap();
        other.name = "N\u{430}tional Human Trafficking Hotline".to_owned();
        let tip_number = other.phone.number.clone();
        // A changed number in free text.
        dir.meta.safety_line = Some("If you are in danger, call 911 or text 233734.".to_owned());
        let found = find(&dir);
        let want = [
            (
                "national-hotline",
                "phone",
                "1(888) 373-7889",
                "1-888-373-7888",
            ),
            (
                "heat-watch-tip-line",
                "phone",
                tip_number.as_str(),
                "1-888-373-7888",
            ),
            ("meta", "safety_line", "233734", "233733"),
        ];
        for (record, field, given, known) in want {
            assert!(
                found.iter().any(|p| p.record == record
                    && p.field == field
                    && p.given == given
                    && p.known == known),
                "{record} {field} {given} not found in {found:?}"
            );
        }
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn repair_puts_the_known_numbers_back_and_says_so() {
        let mut dir = crate::directory::load::embedded().unwrap();
        let national = dir
            .hotlines
            .iter_mut()
            .find(|h| h.id == "national-hotline")
            .unwrap();
        national.phone.number = "1(888) 373-7889".to_owned();
        national.phone.uri = Some("tel:+18883737889".to_owned());
        national.purpose = "Call 1-888-373-7788 now.".to_owned();
        let planted = find(&dir);
        assert_eq!(planted.len(), 2, "{planted:?}");
        repair(&mut dir, &planted, |p| {
            format!("WARNING: another number; known {}", p.known)
        });
        assert_eq!(find(&dir), Vec::new());
        let national = dir
            .hotlines
            .iter()
            .find(|h| h.id == "national-hotline")
            .unwrap();
        assert_eq!(national.phone.number, "1-888-373-7888");
        assert_eq!(national.phone.uri.as_deref(), Some("tel:+18883737888"));
        assert_eq!(national.purpose, "Call 1-888-373-7888 now.");
        let caution = national.caution.as_deref().unwrap();
        assert!(caution.starts_with("WARNING: another number"), "{caution}");
        // Nothing dialable or shown keeps the planted numbers.
        let shown = format!("{national:?}");
        for planted in ["18883737889", "373-7889", "373-7788"] {
            assert!(!shown.contains(planted), "{planted} in {shown}");
        }
    }

    #[test]
    fn the_embedded_directory_has_nothing_planted() {
        let dir = crate::directory::load::embedded().unwrap();
        assert_eq!(find(&dir), Vec::new());
    }
}
