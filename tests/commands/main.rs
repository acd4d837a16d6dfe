//! The non-interactive commands, in both languages: search, show, export, check, import, diff, qr and layered data.

#[path = "../common/mod.rs"]
mod common;

mod check_cmd;
mod cli;
mod cli_spanish;
mod guard;
mod import;
mod json_doc;
mod layering;
mod problems_spanish;
mod qr;
mod verify;
