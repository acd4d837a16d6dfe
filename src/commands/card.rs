//! `heatwatch card ID`: a record's numbers as a card, in large digits, to show a person.

use std::io::Write;

use super::show::find_record;
use super::{EXIT_NOT_FOUND, EXIT_OK};
use crate::directory::Directory;
use crate::directory::sanitize::escape;
use crate::i18n::cli::{CliMessages, fill};

/// The width a card is drawn at when standard output is not a terminal.
pub const DEFAULT_WIDTH: u16 = 80;

/// `heatwatch card ID`: the card the app shows with `c` (large digits, the QR code,
/// the notices, the line on phone safety), drawn `width` columns wide as plain text.
///
/// # Errors
/// Only when writing to `out` fails.
pub fn card(
    dir: &Directory,
    id: &str,
    width: u16,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(r) = find_record(dir, id) else {
        note!(
            "heatwatch: {}",
            fill(msg.no_such_record, &[("id", &escape(id.trim()))])
        );
        return Ok(EXIT_NOT_FOUND);
    };
    let Some(card) = crate::render::card::card(dir, r, msg, false) else {
        note!("heatwatch: {}", msg.app.card_none);
        return Ok(EXIT_NOT_FOUND);
    };
    out.write_all(crate::render::card::text(&card, width.max(20)).as_bytes())?;
    Ok(EXIT_OK)
}
