//! The message catalogues: what the interactive app says (`app`, with Spanish in
//! `app_es.rs`, the module `app::es`) and what the commands say (`cli`, with Spanish in `cli_es.rs`).

pub mod app;
pub mod cli;
