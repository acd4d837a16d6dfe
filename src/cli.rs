//! The command line: options and commands, declared once with clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// heatwatch — an offline directory of anti-trafficking hotlines, roles and action items.
///
/// With no command, opens the interactive directory. In an emergency, call your local
/// emergency number (911 in the United States).
#[derive(Debug, Parser)]
#[command(name = "heatwatch", version, about, long_about = None)]
pub struct Cli {
    /// Use this directory file instead of the embedded one (also HEATWATCH_DATA).
    #[arg(long, global = true, value_name = "FILE", env = "HEATWATCH_DATA")]
    pub data: Option<PathBuf>,

    /// Colour theme of the interactive app; NO_COLOR in the environment means monochrome.
    #[arg(long, global = true, value_enum, default_value_t = ThemeName::Default)]
    pub theme: ThemeName,

    /// What to do; with none, open the interactive directory.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a directory file and list every problem with its JSON path.
    ///
    /// Exit status: 0 valid (warnings allowed), 1 invalid data, 2 unreadable file or bad usage.
    Check {
        /// The directory file to check.
        file: PathBuf,
        /// Warn about records not verified or retrieved within this many days.
        #[arg(long, default_value_t = crate::directory::check::DEFAULT_STALE_DAYS)]
        stale_days: u32,
    },
    /// Print the JSON Schema of the directory file format.
    Schema,
}

/// Colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeName {
    /// Colours for everyday use.
    #[default]
    Default,
    /// Strong contrast, for kiosks and low vision.
    HighContrast,
    /// No colour at all: reverse video and markers only.
    Monochrome,
}
