//! Ranking quality: queries as people type them, each with the record that must come first.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use heatwatch::directory::{Directory, load};
use heatwatch::search::{Scope, SearchIndex};

fn setup() -> (Directory, SearchIndex) {
    let dir = load::embedded().expect("embedded directory loads");
    let index = SearchIndex::build(&dir);
    (dir, index)
}

fn first(dir: &Directory, index: &SearchIndex, q: &str) -> String {
    let r = index.search(q, Scope::All, 10);
    let hit = r
        .hits
        .first()
        .unwrap_or_else(|| panic!("no result for {q:?}"));
    dir.id_of(hit.record).unwrap().to_owned()
}

/// (query as typed, id of the record that must rank first)
const TABLE: &[(&str, &str)] = &[
    // hotlines by name, purpose and synonym
    ("tip line", "heat-watch-tip-line"),
    ("line tip", "heat-watch-tip-line"),
    ("tiplne", "heat-watch-tip-line"),
    ("hotline", "national-hotline"),
    ("hotlin", "national-hotline"),
    ("national", "national-hotline"),
    ("anonymous", "heat-watch-tip-line"),
    ("anonymus", "heat-watch-tip-line"),
    ("emergency", "emergency-911"),
    ("emergncy", "emergency-911"),
    ("text", "national-hotline"),
    ("polaris", "national-hotline"),
    // numbers, whatever the formatting
    ("208 4959", "heat-watch-tip-line"),
    ("5102084959", "heat-watch-tip-line"),
    ("208-4959", "heat-watch-tip-line"),
    ("(888) 373", "national-hotline"),
    ("373 7888", "national-hotline"),
    ("373", "national-hotline"),
    ("911", "emergency-911"),
    ("233733", "national-hotline"),
    // roles and actions
    ("police", "law-enforcement"),
    ("police training", "law-enforcement-training"),
    ("police trainng", "law-enforcement-training"),
    ("laws", "policy-makers-policy-and-laws"),
    ("policy laws", "policy-makers-policy-and-laws"),
    ("volunteer", "community-take-action"),
    ("volunter", "community-take-action"),
    ("help out", "community-take-action"),
    ("report", "community-report-it"),
    ("learn more", "community-learn-more"),
    ("enforcement protocol", "law-enforcement-protocol"),
    ("partner", "service-provider-partner"),
    ("shelter", "service-provider"),
    ("connect", "policy-makers-connect"),
    // program and facts
    ("83%", "fact-83-percent"),
    ("borders", "fact-no-borders"),
    ("age of entry", "fact-age-of-entry"),
    ("gold standard", "endorsement-speier"),
    ("strategy", "heat-watch-program"),
];

#[test]
fn each_query_ranks_the_expected_record_first() {
    let (dir, index) = setup();
    let mut failures = Vec::new();
    for (q, want) in TABLE {
        let got = first(&dir, &index, q);
        if got != *want {
            failures.push(format!("{q:?}: want {want}, got {got}"));
        }
    }
    assert!(TABLE.len() >= 20);
    assert!(
        failures.is_empty(),
        "ranking failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_word_must_match() {
    let (_, index) = setup();
    assert_eq!(index.search("tip zzzz", Scope::All, 10).total, 0);
    assert_eq!(index.search("qqqqq", Scope::All, 10).total, 0);
}

#[test]
fn role_scope_only_returns_that_role() {
    let (dir, index) = setup();
    let pm = dir
        .roles
        .iter()
        .position(|r| r.id == "policy-makers")
        .unwrap();
    let r = index.search("training", Scope::Role(pm), 10);
    assert!(
        r.hits
            .iter()
            .all(|h| dir.title_of(h.record) != Some("Training")),
        "Policy Makers has no Training action"
    );
    assert!(r.hits.iter().all(|h| matches!(h.record,
        heatwatch::directory::RecordRef::Role(i) | heatwatch::directory::RecordRef::Action(i, _) if i == pm)));
    let le = dir
        .roles
        .iter()
        .position(|r| r.id == "law-enforcement")
        .unwrap();
    let r = index.search("training", Scope::Role(le), 10);
    assert_eq!(
        dir.id_of(r.hits[0].record),
        Some("law-enforcement-training")
    );
    assert!(r.hits.iter().all(|h| matches!(h.record,
        heatwatch::directory::RecordRef::Role(i) | heatwatch::directory::RecordRef::Action(i, _) if i == le)));
}

#[test]
fn narrowing_gives_the_same_results_as_a_fresh_search() {
    let (_, index) = setup();
    let mut prev = None;
    let mut typed = String::new();
    for c in "police training".chars() {
        typed.push(c);
        let narrowed = index.search_after(&typed, Scope::All, 50, prev.as_ref());
        let fresh = index.search(&typed, Scope::All, 50);
        assert_eq!(narrowed.hits, fresh.hits, "query {typed:?}");
        assert_eq!(narrowed.total, fresh.total);
        prev = Some(narrowed);
    }
}

#[test]
fn limit_keeps_the_best() {
    let (_, index) = setup();
    let all = index.search("e", Scope::All, 1000);
    let top = index.search("e", Scope::All, 3);
    assert_eq!(top.hits.len(), 3);
    assert_eq!(&all.hits[..3], &top.hits[..]);
    assert!(all.total > 3);
}
