//! The interactive app without a terminal: state and update, the kiosk, hostile keys and texts, and the screens (insta snapshots).

#[path = "../common/mod.rs"]
mod common;

mod app_state;
mod hostile_keys;
mod hostile_render;
mod kiosk_state;
mod loading;
mod one_record;
mod reader;
mod screens;
mod spanish;
