//! `heatwatch card ID`: a record's numbers as a card, in large digits, to show a person.

use std::io::Write;

use super::CommandError;
use super::show::record_named;
use crate::directory::Directory;
use crate::i18n::cli::CliMessages;

/// The width a card is drawn at when standard output is not a terminal.
pub const DEFAULT_WIDTH: u16 = 80;

/// `heatwatch card ID`: the card the app shows with `c` (large digits, the QR code,
/// the notices, the line on phone safety), drawn `width` columns wide as plain text.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn card(
    dir: &Directory,
    id: &str,
    width: u16,
    msg: &CliMessages,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    let r = record_named(dir, id, msg)?;
    let Some(card) = crate::render::card::card(dir, r, msg, false) else {
        return Err(CommandError::No(Some(msg.app.card_none.to_owned())));
    };
    out.write_all(crate::render::card::text(&card, width.max(20)).as_bytes())?;
    Ok(())
}
