//! heatwatch: an offline, terminal directory of anti-trafficking hotlines, audience roles
//! and action items, with fuzzy search.
//!
//! The library holds everything; the binary only parses arguments and runs.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod directory;

/// Opens the interactive directory.
///
/// # Errors
/// When the terminal cannot be set up or the data cannot be loaded.
pub fn run_app(_cli: &cli::Cli) -> std::io::Result<u8> {
    Err(std::io::Error::other(
        "the interactive app is not built yet",
    ))
}
