//! `heatwatch hotlines` and `roles`, and finding a role by id or name.

use std::io::Write;

use super::{EXIT_OK, write_json, write_text};
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

/// `heatwatch hotlines`: every hotline and the emergency number.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn hotlines(
    dir: &Directory,
    json: bool,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if json {
        write_json(&render::hotlines_value(dir), out)?;
    } else {
        let blocks = render::hotlines_blocks(dir, msg);
        write_text(&blocks, style, true, out)?;
    }
    Ok(EXIT_OK)
}

/// `heatwatch roles`: the roles with their action items.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn roles(
    dir: &Directory,
    json: bool,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    if json {
        write_json(&render::roles_value(dir), out)?;
    } else {
        let blocks = render::roles_blocks(dir, msg);
        write_text(&blocks, style, false, out)?;
    }
    Ok(EXIT_OK)
}
