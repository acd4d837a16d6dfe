//! The directory itself — loading, hostile files, provenance of every number, source flags and the safety words — and the architecture of `src/`.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod data_load;
mod hostile_data;
mod provenance;
mod safety_words;
mod source_flags;
