//! `heatwatch export`: a role's handout in text, Markdown, HTML or vCard.

use std::io::Write;
use std::path::Path;

use super::lists::find_role;
use super::{CommandError, write_output};
use crate::cli::ExportFormat;
use crate::directory::Directory;
use crate::i18n::cli::{CliMessages, fill};
use crate::render::{self, Style, TextOptions};

/// `heatwatch export`: the printable handout, to `file` or to `out`.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn export(
    dir: &Directory,
    role: Option<&str>,
    format: ExportFormat,
    file: Option<&Path>,
    style: Style,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    if format == ExportFormat::Vcard && role.is_some() {
        return Err(CommandError::Usage(msg.vcard_no_role.to_owned()));
    }
    let role = match role.map(|r| find_role(dir, r, msg)) {
        None => None,
        Some(Ok(i)) => Some(i),
        Some(Err(message)) => {
            return Err(CommandError::Usage(message.to_string()));
        }
    };
    let text = match format {
        ExportFormat::Vcard => render::render_vcard(dir, msg),
        ExportFormat::Text => render::render_text(
            &render::handout_blocks(dir, role, msg),
            TextOptions {
                width: Some(render::HANDOUT_WIDTH),
                // Terminal attributes only ever go to a terminal-bound stdout, never a file.
                style: if file.is_some() {
                    Style::default()
                } else {
                    style
                },
                uris: false,
                rules: true,
            },
        ),
        ExportFormat::Markdown => render::render_markdown(&render::handout_blocks(dir, role, msg)),
        ExportFormat::Html => render::render_html(
            &fill(msg.html_title, &[("name", &dir.meta.name)]),
            msg.code,
            &render::handout_blocks(dir, role, msg),
        ),
    };
    match file {
        Some(path) => {
            write_output(path, text.as_bytes(), msg)?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}
