//! The directory itself: loading, hostile files, provenance of every number, source flags and the safety words.

#[path = "../common/mod.rs"]
mod common;

mod data_load;
mod hostile_data;
mod provenance;
mod safety_words;
mod source_flags;
