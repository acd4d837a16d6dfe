//! `heatwatch hotlines` and `roles`, and finding a role by id or name.

use std::io::Write;

use super::{CommandError, write_json, write_text};
use crate::directory::Directory;
use crate::directory::sanitize::escape;
use crate::i18n::cli::{CliMessages, fill};
use crate::render::{self, Style};

/// Finds a role by id or name, ignoring case.
///
/// # Errors
/// A message naming the roles there are.
pub fn find_role(dir: &Directory, wanted: &str, msg: &CliMessages) -> Result<usize, String> {
    let w = wanted.trim();
    let lower = w.to_lowercase();
    dir.roles
        .iter()
        .position(|r| r.id.eq_ignore_ascii_case(w) || r.name.to_lowercase() == lower)
        .ok_or_else(|| {
            let list = if dir.roles.is_empty() {
                msg.no_roles.to_owned()
            } else {
                let names: Vec<String> = dir
                    .roles
                    .iter()
                    .map(|r| format!("{} ({})", r.id, r.name))
                    .collect();
                fill(msg.roles_are, &[("list", &names.join(", "))])
            };
            fill(msg.no_such_role, &[("role", &escape(w)), ("list", &list)])
        })
}

/// Writes a list as JSON, or as text with `tel:` links beside numbers when `uris`.
#[allow(clippy::too_many_arguments)] // the list's two forms, then where and how to write
fn list(
    dir: &Directory,
    json: bool,
    value: fn(&Directory) -> serde_json::Value,
    blocks: fn(&Directory, &CliMessages) -> Vec<render::Block>,
    uris: bool,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    if json {
        write_json(&value(dir), out)?;
    } else {
        write_text(&blocks(dir, msg), style, uris, out)?;
    }
    Ok(())
}

/// `heatwatch hotlines`: every hotline and the emergency number.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn hotlines(
    dir: &Directory,
    json: bool,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    list(
        dir,
        json,
        render::hotlines_value,
        render::hotlines_blocks,
        true,
        style,
        msg,
        out,
    )
}

/// `heatwatch roles`: the roles with their action items.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn roles(
    dir: &Directory,
    json: bool,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    list(
        dir,
        json,
        render::roles_value,
        render::roles_blocks,
        false,
        style,
        msg,
        out,
    )
}
