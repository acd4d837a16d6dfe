//! The command line: options and commands, declared once with clap.
//!
//! The same definition drives parsing, `--help`, shell completions (`heatwatch
//! completions`) and the manual page (`heatwatch man`).

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use sha2::{Digest, Sha256};

/// Exit statuses, shown at the end of `--help` and in the manual page.
const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  success
  1  nothing found: a search with no result, or an id that names no record
     (for `check`: the file is not a valid directory; for `diff --exit-code`:
     the files differ)
  2  bad usage, or data that cannot be used (unreadable or invalid --data file)

In an emergency, call your local emergency number (911 in the United States).";

/// An offline directory of anti-trafficking hotlines, roles and action items.
///
/// With no command, opens the interactive directory. The commands below print plain
/// text (or JSON with --json) and never change terminal modes, so they are safe in
/// pipes, scripts and screen readers. In an emergency, call your local emergency
/// number (911 in the United States).
#[derive(Debug, Clone, Parser)]
#[command(
    name = "heatwatch",
    version,
    // The first line of --help: the screen-reader mode is named where a screen reader
    // reads first.
    about = "Offline anti-trafficking directory: hotlines, roles, actions. Screen reader: --screen-reader",
    long_about = None,
    max_term_width = 100,
    after_long_help = EXIT_STATUS_HELP
)]
pub struct Cli {
    /// Use this directory file instead of the embedded one (also HEATWATCH_DATA). Give
    /// it more than once to layer files in order: the first gives the name, region and
    /// emergency number; ids must be unique across the files.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "HEATWATCH_DATA",
        hide_env_values = true
    )]
    pub data: Vec<PathBuf>,

    /// Trust only --data files signed by this minisign public key (also
    /// HEATWATCH_TRUSTED_KEY): every command that reads data, and the app, refuse a file
    /// without a good signature (FILE.minisig) by one of the keys given. Give it more than
    /// once to trust several keys, as when a key is rotated. Search index files are not
    /// used then.
    #[arg(
        long,
        global = true,
        value_name = "PUBKEY_FILE",
        env = "HEATWATCH_TRUSTED_KEY",
        hide_env_values = true
    )]
    pub trusted_key: Vec<PathBuf>,

    /// Start from the embedded directory (its name, region and emergency number) and
    /// layer the --data files after it.
    #[arg(long, global = true)]
    pub with_embedded: bool,

    /// Interactive app only: colour theme (default: default, or high-contrast with
    /// --kiosk); NO_COLOR in the environment means monochrome.
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,

    /// Language of the interface and the directory: en or es (default: from LC_ALL,
    /// LC_MESSAGES or LANG, else en). `L` switches in the app.
    #[arg(long, global = true, value_name = "LANG", value_enum)]
    pub lang: Option<Lang>,

    /// Interactive app only: start on this search, as if typed after `/`. A query on the
    /// command line stays in the shell's history: on a shared computer, type it in the
    /// app instead. In kiosk mode the idle reset returns to the start, not to the query.
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,

    /// Interactive app only: screen-reader mode (also HEATWATCH_SCREEN_READER=1). The
    /// directory as plain lines to read: the emergency number and the hotlines first,
    /// then a numbered menu; type a number or words and press Enter. No alternate
    /// screen, no cursor movement, no boxes, no colour. Ctrl-X leaves at once and clears
    /// the screen. Works with --kiosk.
    #[arg(long)]
    pub screen_reader: bool,

    /// Interactive app only: kiosk mode for public terminals. Nothing typed leaves the
    /// program, it returns to the start after --idle-reset seconds without input, and
    /// only an operator PIN (--kiosk-pin-file or HEATWATCH_KIOSK_PIN) exits, with Ctrl-O.
    #[arg(long)]
    pub kiosk: bool,

    /// Interactive app only: in kiosk mode, return to the start after this many seconds
    /// without input (default 90; at least 30 and at most 86400: a value outside is
    /// brought inside, with a note).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u64))]
    pub idle_reset: Option<u64>,

    /// Interactive app only: in kiosk mode, read the operator PIN from the first line of
    /// this file (instead of HEATWATCH_KIOSK_PIN).
    #[arg(long, value_name = "FILE")]
    pub kiosk_pin_file: Option<PathBuf>,

    /// When to use bold headings in text output: auto means only when printing to a
    /// terminal. NO_COLOR in the environment always means never. JSON is never coloured.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = ColorChoice::Auto
    )]
    pub color: ColorChoice,

    /// Read directory files (--data, and the files `check`, `diff`, `verify` and `index`
    /// read) of up to this many MiB (default 256, at most 4096). A larger file is
    /// refused with a message that names this option; a county's state-wide file may
    /// need more (about 0.5 MiB for every 1,000 services).
    #[arg(long, global = true, value_name = "MIB",
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_data_mib: Option<u64>,

    /// Records not verified or retrieved within this many days are old: `check` warns
    /// about them and the app marks them "[old]".
    #[arg(long, global = true, value_name = "DAYS",
          default_value_t = crate::directory::check::DEFAULT_STALE_DAYS)]
    pub stale_days: u32,

    /// What to do; with none, open the interactive directory.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Search hotlines, roles, actions, facts and services, ranked as in the interactive app.
    ///
    /// Prints one line per result: its kind, its title and, for hotlines and services,
    /// the number to call, with the id to give `heatwatch show` in brackets.
    ///
    /// With a search index file beside the one --data file (made by `heatwatch index`),
    /// a search without filters checks only the file's head and the services it prints
    /// (it still reads the whole file, to be sure it is the one the index was made
    /// from); an index that cannot be used is named on stderr and not used.
    #[command(after_long_help = EXIT_STATUS_HELP)]
    Search(SearchArgs),
    /// Show one record in full: hotline, action, role, fact or any other, with its sources.
    #[command(after_long_help = EXIT_STATUS_HELP)]
    Show {
        /// The record's id, as `heatwatch search`, `heatwatch roles` or `heatwatch
        /// hotlines --json` print it.
        id: String,
        /// Print JSON instead of text (see docs/json-output.md).
        #[arg(long)]
        json: bool,
    },
    /// List every hotline with its numbers, hours and languages, and the emergency number.
    #[command(after_long_help = EXIT_STATUS_HELP)]
    Hotlines {
        /// Print JSON instead of text (see docs/json-output.md).
        #[arg(long)]
        json: bool,
    },
    /// List the roles with their action items.
    #[command(after_long_help = EXIT_STATUS_HELP)]
    Roles {
        /// Print JSON instead of text (see docs/json-output.md).
        #[arg(long)]
        json: bool,
    },
    /// Write a printable handout: hotlines, what to do, and where the data came from.
    ///
    /// The emergency number and the hotlines come first, then the action items of one
    /// role (or of every role) with what to do next and who to call, then the data's
    /// as-of date and sources. `vcard` writes one contact card per hotline instead.
    #[command(after_long_help = EXIT_STATUS_HELP)]
    Export {
        /// Only this role's action items (role id or name, any case); default: every role.
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Text)]
        format: ExportFormat,
        /// Write to this file instead of standard output (the file is replaced).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check a directory file and list every problem with its JSON path.
    ///
    /// Exit status: 0 valid (warnings allowed), 1 invalid data, 2 unreadable file or bad usage.
    Check {
        /// The directory file to check.
        file: PathBuf,
    },
    /// Print the JSON Schema of the directory file format.
    Schema,
    /// Print a shell completion script.
    ///
    /// For example: `heatwatch completions bash > ~/.local/share/bash-completion/completions/heatwatch`.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::aot::Shell,
    },
    /// Print the manual page (roff), for example `heatwatch man | man -l -`.
    Man,
    /// Print QR codes of a hotline's `tel:` link (and `sms:` link when it takes texts), to
    /// save the number with a phone camera.
    Qr {
        /// The hotline's id (see `heatwatch hotlines --json`).
        id: String,
    },
    /// Print a record's numbers as a card to show a person: the number to call in large
    /// digits, its text and relay numbers, the QR code, the record's notices and a line
    /// on phone safety — what `c` shows in the app.
    Card {
        /// The hotline's or service's id (see `heatwatch hotlines --json`).
        id: String,
        /// Columns to draw in (default: the terminal's width, or 80 in a pipe).
        #[arg(long, value_parser = clap::value_parser!(u16).range(20..=1000))]
        width: Option<u16>,
    },
    /// Convert a directory in another format into a heatwatch directory file.
    Import {
        /// The format to read.
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Write the search index of the --data file beside it (FILE.LANG.heatwatch-index),
    /// so that `heatwatch search` answers from a large file quickly.
    ///
    /// The index only chooses which records come first: everything shown is still read
    /// from the directory file. `search` uses the index only while the directory file is
    /// byte for byte the one it was made from, with this version of heatwatch; otherwise
    /// it says so and searches without it. There is one index per language (--lang):
    /// make one for each language searched in. Nothing else writes these files, and the
    /// interactive app does not read them.
    #[command(after_long_help = EXIT_STATUS_HELP)]
    Index,
    /// Check a directory file's minisign signature (FILE.minisig) against trusted public
    /// keys, and print its trusted comment.
    ///
    /// The signature is minisign's own format (ed25519; prehashed or legacy), made with
    /// `minisign -S -m FILE`. Exit status: 0 good signature, 1 bad or missing signature,
    /// 2 a key or the file cannot be read, or bad usage.
    Verify {
        /// The directory file; its signature is FILE.minisig beside it.
        file: PathBuf,
        /// A minisign public key file (minisign.pub, or its base64 line alone). Give it
        /// more than once to trust several keys, as when a key is rotated.
        #[arg(long, value_name = "PUBKEY_FILE", required = true)]
        key: Vec<PathBuf>,
    },
    /// Compare two directory files: records added, removed and changed, with the old and
    /// new value of every changed field. Changed phone numbers come first, numbers
    /// written in free text (a purpose, notes, the safety line…) included. Exit status 0
    /// whatever the differences, unless --exit-code; 2 when a file cannot be used.
    Diff {
        /// The older file.
        old: PathBuf,
        /// The newer file.
        new: PathBuf,
        /// Exit 1 when the files differ (a record added, removed or changed; a new
        /// retrieved date alone is no change), 0 when not, as `git diff --exit-code` does.
        #[arg(long)]
        exit_code: bool,
    },
}

/// The SHA-256 of `bytes`, as 64 lowercase hexadecimal digits.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What `--version` and `-V` print after the program's name: the crate version, then
/// the embedded directory's name, region, as-of date and the SHA-256 of its bytes as
/// compiled in — what a kiosk carries, whatever `--data` it is given.
#[must_use]
pub fn version_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let bytes = crate::directory::load::EMBEDDED_JSON.as_bytes();
        let what = match crate::directory::load::from_bytes_in(bytes, "en") {
            Ok((dir, _)) => format!(
                "{} ({}), sources read on {}",
                dir.meta.name, dir.meta.region, dir.meta.retrieved
            ),
            Err(e) => format!("unusable ({e})"),
        };
        format!(
            "{}\nembedded data: {what}, sha256 {}",
            env!("CARGO_PKG_VERSION"),
            sha256_hex(bytes)
        )
    })
}

impl Cli {
    /// Parses the command line, exiting with clap's message on bad usage, `--help` or
    /// `--version`. The embedded data is only read and hashed when the version is asked
    /// for, so nothing else pays for it.
    #[must_use]
    pub fn parse_with_data_version() -> Self {
        let asks_version = std::env::args_os()
            .skip(1)
            .take_while(|a| a != "--")
            .any(|a| a == "--version" || a == "-V");
        let mut command = Self::command();
        if asks_version {
            command = command.version(version_text());
        }
        let mut matches = command.get_matches();
        Self::from_arg_matches_mut(&mut matches)
            .unwrap_or_else(|e| e.format(&mut Self::command()).exit())
    }
}

fn parse_phone_need(s: &str) -> Result<crate::filter::PhoneNeed, String> {
    s.parse()
        .map_err(|e: crate::filter::UnknownPhoneNeed| e.to_string())
}

pub use crate::tui::theme::ThemeName;

/// When text output may use terminal attributes (bold headings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    /// Only when standard output is a terminal.
    #[default]
    Auto,
    /// Always, unless NO_COLOR is set.
    Always,
    /// Never.
    Never,
}

/// Formats of `heatwatch export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    /// Plain text, wrapped for printing.
    #[default]
    Text,
    /// Markdown.
    Markdown,
    /// One self-contained HTML page, ready to print.
    Html,
    /// vCard 4.0 (RFC 6350) contact cards, one per hotline.
    Vcard,
}

/// The kiosk's idle reset when `--idle-reset` is not given, in seconds.
pub const DEFAULT_IDLE_RESET: u64 = 90;

impl Cli {
    /// The most bytes a directory file may have: `--max-data-mib`, else
    /// [`crate::directory::DEFAULT_MAX_BYTES`].
    #[must_use]
    pub fn data_cap(&self) -> u64 {
        self.max_data_mib
            .map_or(crate::directory::DEFAULT_MAX_BYTES, |mib| {
                mib.saturating_mul(1024 * 1024)
            })
    }

    /// The first option given that only the interactive app uses, if any: a command
    /// given one is a usage error, since the option would mean nothing there.
    #[must_use]
    pub fn app_only_option(&self) -> Option<&'static str> {
        if self.query.is_some() {
            Some("--query")
        } else if self.screen_reader {
            Some("--screen-reader")
        } else if self.kiosk {
            Some("--kiosk")
        } else if self.idle_reset.is_some() {
            Some("--idle-reset")
        } else if self.kiosk_pin_file.is_some() {
            Some("--kiosk-pin-file")
        } else if self.theme.is_some() {
            Some("--theme")
        } else {
            None
        }
    }
}

/// Formats `heatwatch import` reads.
#[derive(Debug, Clone, Subcommand)]
pub enum ImportFrom {
    /// Open Referral HSDS: 3.0 JSON, or a 1.1, 2.0 or 3.0 tabular data package.
    ///
    /// Writes a heatwatch directory file (schema version 1) with one record per active
    /// service; trafficking hotlines (by the taxonomy map) go into the hotlines section.
    /// A report of what was read, imported and skipped goes to standard error. See
    /// docs/import.md. Exit status: 0 imported, 2 unusable input or bad usage.
    Hsds(HsdsArgs),
}

/// Options of `heatwatch import hsds`.
#[derive(Debug, Clone, Args)]
pub struct HsdsArgs {
    /// A JSON file (a service, a list `{"contents": [...]}`, a service at a location, or
    /// an organization with its services), or a data package folder (datapackage.json
    /// and CSV files).
    pub path: PathBuf,
    /// Write the directory to this file instead of standard output (the file is replaced).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A taxonomy map (JSON): which terms make a service a trafficking hotline, and extra
    /// search words (see docs/import.md).
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// ISO 3166 country code of the numbers, used to derive dialable forms.
    #[arg(long, value_name = "CC", default_value = "US")]
    pub country: String,
    /// The region's emergency number (default: known for US, CA, GB, IE, AU, NZ and the
    /// EU; required for other countries).
    #[arg(long, value_name = "NUMBER")]
    pub emergency_number: Option<String>,
    /// Leave out addresses, location names and directions (for services whose location
    /// must not be published, such as shelters).
    #[arg(long)]
    pub hide_addresses: bool,
    /// Keep services that are inactive, defunct or temporarily closed, marked as such in
    /// their name and tags.
    #[arg(long)]
    pub include_inactive: bool,
    /// What weekday 1 is in HSDS 1.1 schedules (the specification does not say); without
    /// it, numbered weekdays are not rendered as hours.
    #[arg(long, value_enum, value_name = "DAY")]
    pub weekday_one: Option<crate::import::WeekdayOne>,
    /// Name of the directory, shown in the header (default: "Directory imported from …").
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Region the directory covers, shown in the header (default: "Not stated by the source").
    #[arg(long, value_name = "TEXT")]
    pub region: Option<String>,
}

impl HsdsArgs {
    /// The import's own options: everything but where the result goes.
    #[must_use]
    pub fn options(&self) -> crate::import::HsdsOptions {
        crate::import::HsdsOptions {
            path: self.path.clone(),
            map: self.map.clone(),
            country: self.country.clone(),
            emergency_number: self.emergency_number.clone(),
            hide_addresses: self.hide_addresses,
            include_inactive: self.include_inactive,
            weekday_one: self.weekday_one,
            name: self.name.clone(),
            region: self.region.clone(),
        }
    }
}

/// Options of `heatwatch search`.
#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// What to look for: words, or a phone number (matched by its digits).
    ///
    /// Words match in any order, as in fzf; punctuation that is not part of a word
    /// or number is ignored (`help!`, `¿ayuda?`, `tip line?`). At a word's edge,
    /// next to a letter or digit: 'word matches exactly these letters, ^word at the
    /// start of a word, word$ at the end of a word, !word leaves out records with
    /// the word (never the emergency number). A lone or trailing ! or ? is
    /// punctuation. Help words (help, ayuda, call, llamar, number, número,
    /// emergency…) put the hotlines first.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Search only this role and its action items (role id or name, any case).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Show at most this many results.
    #[arg(long, value_name = "N", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
    /// Filters.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print JSON instead of text (see docs/json-output.md).
    #[arg(long)]
    pub json: bool,
}

/// The filters of `heatwatch search`: which hotlines and services may be listed.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only hotlines and services that state this language: a code ("es") or a
    /// name ("Spanish", "español").
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// Only services whose area or address mentions this text (a city, a county).
    #[arg(long, value_name = "TEXT")]
    pub area: Option<String>,
    /// Only hotlines and services with a line of this kind: text (SMS) or tty.
    #[arg(long, value_name = "KIND", value_parser = parse_phone_need)]
    pub phone: Option<crate::filter::PhoneNeed>,
    /// Only hotlines and services whose schedule says they are open now, in the
    /// directory's time zone (records without a schedule are left out).
    #[arg(long)]
    pub open_now: bool,
    /// With --open-now: the moment to ask about instead of now, as an RFC 3339
    /// time such as 2026-11-30T10:00:00-08:00.
    #[arg(long, value_name = "TIME", requires = "open_now")]
    pub at: Option<jiff::Timestamp>,
}

impl FilterArgs {
    /// The filters these options ask for.
    #[must_use]
    pub fn filters(&self) -> crate::filter::Filters {
        crate::filter::Filters {
            language: self.language.clone(),
            area: self.area.clone(),
            phone: self.phone,
            open_now: self.open_now,
        }
    }
}

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Spanish (español).
    Es,
}

impl Lang {
    /// Its code: `en` or `es`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
        }
    }
}
