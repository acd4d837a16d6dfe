//! The non-interactive commands, in both languages: search, show, export, check, import, diff, qr, card and layered data; the card as the app shows it.

#[path = "../common/mod.rs"]
mod common;

mod card;
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
