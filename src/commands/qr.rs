//! `heatwatch qr ID`: QR codes of a hotline's links.

use std::io::Write;

use super::CommandError;
use crate::directory::sanitize::escape;
use crate::directory::{self, Directory};
use crate::i18n::cli::{CliMessages, fill};

/// `heatwatch qr ID`: QR codes of a hotline's `tel:` and `sms:` links, with the
/// caution that a number saved on a phone someone else checks can be seen. With colour,
/// black and white half blocks; without, glyphs in the terminal's own colours.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn qr(
    dir: &Directory,
    id: &str,
    ansi: bool,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let Some(h) = dir.find(id).and_then(|r| match r {
        directory::RecordRef::Hotline(i) => dir.hotlines.get(i),
        _ => None,
    }) else {
        return Err(CommandError::No(Some(fill(
            msg.no_such_hotline,
            &[("id", &escape(id))],
        ))));
    };
    let codes = [
        (msg.app.qr_call, h.phone.uri.as_deref()),
        (
            msg.app.qr_text,
            h.text.as_ref().and_then(|t| t.uri.as_deref()),
        ),
    ];
    writeln!(out, "{}: {}", h.name, h.phone.display())?;
    if let Some(c) = &h.caution {
        writeln!(out, "{}: {c}", msg.app.caution_label)?;
    }
    writeln!(out, "{}", msg.app.qr_caution)?;
    let mut any = false;
    for (label, uri) in codes {
        let Some(uri) = uri else { continue };
        let Some(code) = crate::render::qr::text(uri, ansi) else {
            continue;
        };
        writeln!(out, "\n{label}: {uri}")?;
        out.write_all(code.as_bytes())?;
        any = true;
    }
    if !any {
        return Err(CommandError::No(Some(msg.no_dialable_form.to_owned())));
    }
    Ok(())
}
