//! The message catalogues: what the interactive app says (`app`, with Spanish in
//! `app_es.rs`, the module `app::es`) what the commands say (`cli`, with Spanish in `cli_es.rs`), and what
//! screen-reader mode says (`reader`).

pub mod app;
pub mod cli;
pub mod reader;
