//! The exit statuses of the program, in one place: every command, the interactive app
//! and `main` end with one of these.

/// Success.
pub const EXIT_OK: u8 = 0;
/// Nothing found, or invalid data for `check`.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Bad usage or unusable data.
pub const EXIT_USAGE: u8 = 2;
/// `diff --exit-code`: the files differ.
pub const EXIT_DIFFERENT: u8 = 1;
