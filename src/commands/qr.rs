//! `heatwatch qr ID`: QR codes of a hotline's links.

use std::io::Write;

use super::{EXIT_NOT_FOUND, EXIT_OK};
use crate::directory::sanitize::escape;
use crate::directory::{self, Directory};
use crate::i18n::cli::{CliMessages, fill};

/// `heatwatch qr ID`: QR codes of a hotline's `tel:` and `sms:` links, with the
/// caution that a number saved on a phone someone else checks can be seen. With colour,
/// black and white half blocks; without, glyphs in the terminal's own colours.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn qr(
    dir: &Directory,
    id: &str,
    ansi: bool,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(h) = dir.find(id).and_then(|r| match r {
        directory::RecordRef::Hotline(i) => dir.hotlines.get(i),
        _ => None,
    }) else {
        note!(
            "heatwatch: {}",
            fill(msg.no_such_hotline, &[("id", &escape(id))])
        );
        return Ok(EXIT_NOT_FOUND);
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
        note!("heatwatch: {}", msg.no_dialable_form);
        return Ok(EXIT_NOT_FOUND);
    }
    Ok(EXIT_OK)
}
