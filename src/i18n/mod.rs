//! The message catalogues: what the interactive app says (`app`, with Spanish in
//! `app_es`) and what the commands say (`cli`, with Spanish in `cli_es`).

pub mod app;
pub mod app_es;
pub mod cli;
