//! The exit statuses of the program, in one place: every command, the interactive app
//! and `main` end with one of these. A command ends with `Ok(())` or a
//! [`CommandError`], and [`status`] alone turns that into a status.

use std::io::Write as _;

/// Success.
pub const EXIT_OK: u8 = 0;
/// Nothing found, or invalid data for `check`.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Bad usage or unusable data.
pub const EXIT_USAGE: u8 = 2;
/// `diff --exit-code`: the files differ.
pub const EXIT_DIFFERENT: u8 = 1;

/// Why a command did not end in success. Every command returns
/// `Result<(), CommandError>`; [`status`] says what that means for the exit status.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The answer is no (status 1): nothing found, an id that names no record, a file
    /// `check` finds invalid, files `diff --exit-code` finds different. The message goes
    /// to stderr; `None` when the output has already said it.
    #[error("{}", .0.as_deref().unwrap_or_default())]
    No(Option<String>),
    /// Bad usage, or data that cannot be used (status 2).
    #[error("{0}")]
    Usage(String),
    /// `import` could not read or convert its input (status 2), said as
    /// "heatwatch import: …".
    #[error("{0}")]
    Import(String),
    /// Writing the output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl CommandError {
    /// The exit status this error ends the program with.
    #[must_use]
    pub const fn code(&self) -> u8 {
        match self {
            Self::No(_) => EXIT_NOT_FOUND,
            Self::Usage(_) | Self::Import(_) | Self::Io(_) => EXIT_USAGE,
        }
    }
}

/// The exit status of a command's result, its message written to stderr first
/// ("heatwatch: …", or "heatwatch import: …"). An error writing the output is handed
/// back, for `main` to treat (a closed pipe is no failure).
///
/// # Errors
/// [`CommandError::Io`], as the `io::Error` it holds.
pub fn status(result: Result<(), CommandError>) -> std::io::Result<u8> {
    let e = match result {
        Ok(()) => return Ok(EXIT_OK),
        Err(CommandError::Io(e)) => return Err(e),
        Err(e) => e,
    };
    let message = e.to_string();
    if !message.is_empty() {
        let prefix = match e {
            CommandError::Import(_) => "heatwatch import",
            _ => "heatwatch",
        };
        let _ = writeln!(std::io::stderr().lock(), "{prefix}: {message}");
    }
    Ok(e.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_its_status_and_io_errors_go_back_to_main() {
        assert_eq!(status(Ok(())).ok(), Some(EXIT_OK));
        assert_eq!(
            status(Err(CommandError::No(None))).ok(),
            Some(EXIT_NOT_FOUND)
        );
        assert_eq!(
            status(Err(CommandError::Usage(String::new()))).ok(),
            Some(EXIT_USAGE)
        );
        assert_eq!(
            status(Err(CommandError::Import(String::new()))).ok(),
            Some(EXIT_USAGE)
        );
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(
            status(Err(CommandError::Io(pipe))).map_err(|e| e.kind()),
            Err(std::io::ErrorKind::BrokenPipe)
        );
        assert_eq!(EXIT_DIFFERENT, CommandError::No(None).code());
    }
}
