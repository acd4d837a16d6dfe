//! `heatwatch schema`, `completions` and `man`: what the program says about itself.

use std::io::Write;

use clap::CommandFactory;

use super::CommandError;
use crate::cli::Cli;
use crate::directory::{self};

/// `heatwatch schema`: the JSON Schema of the file format.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn schema(out: &mut dyn Write) -> Result<(), CommandError> {
    let schema = schemars::schema_for!(directory::raw::RawFile);
    let text = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")?;
    Ok(())
}

/// `heatwatch completions SHELL`: a completion script from the clap definition.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn completions(
    shell: clap_complete::aot::Shell,
    out: &mut dyn Write,
) -> Result<(), CommandError> {
    // Generated into memory first: the generator panics on a failed write (a closed pipe).
    let mut buf = Vec::new();
    clap_complete::aot::generate(shell, &mut Cli::command(), "heatwatch", &mut buf);
    out.write_all(&buf)?;
    Ok(())
}

/// `heatwatch man`: the manual page (roff) from the clap definition.
///
/// # Errors
/// A [`CommandError`] saying why it did not succeed (see [`crate::exit::status`]).
pub fn man(out: &mut dyn Write) -> Result<(), CommandError> {
    let cmd = Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    page.render_title(&mut buf)?;
    page.render_name_section(&mut buf)?;
    page.render_synopsis_section(&mut buf)?;
    page.render_description_section(&mut buf)?;
    page.render_options_section(&mut buf)?;
    man_sections(&cmd).to_writer(&mut buf)?;
    page.render_version_section(&mut buf)?;
    out.write_all(&buf)?;
    Ok(())
}

/// The man page's own sections: the commands (described here, since there is one page,
/// not one per command), the keys (from the key table, as the help overlay), kiosk mode
/// and the exit status.
pub(crate) fn man_sections(cmd: &clap::Command) -> roff::Roff {
    use roff::{Roff, bold, roman};
    let m = crate::i18n::app::for_language("en");
    let mut r = Roff::new();
    r.control("SH", ["COMMANDS"]);
    r.text([roman(
        "Without a command, heatwatch opens the interactive directory. Each command below \
         has its own --help.",
    )]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        r.control("TP", []);
        r.text([bold(format!("heatwatch {}", sub.get_name()))]);
        if let Some(about) = sub.get_about() {
            r.text([roman(about.to_string())]);
        }
    }
    r.control("SH", ["KEYS"]);
    for (ctx, heading) in [
        (crate::tui::keymap::Context::Browse, m.ctx_browse),
        (crate::tui::keymap::Context::Search, m.ctx_search),
        (crate::tui::keymap::Context::Filter, m.ctx_filter),
        (crate::tui::keymap::Context::Help, m.ctx_help),
        (crate::tui::keymap::Context::Card, m.ctx_card),
        (crate::tui::keymap::Context::Pin, m.ctx_pin),
        (crate::tui::keymap::Context::Any, m.ctx_any),
    ] {
        r.control("SS", [heading]);
        for b in crate::tui::keymap::BINDINGS
            .iter()
            .filter(|b| b.context == ctx)
        {
            r.control("TP", []);
            r.text([bold(b.label)]);
            let scope = match b.mode {
                crate::tui::keymap::Mode::Both => "",
                crate::tui::keymap::Mode::NotKiosk => " (not in kiosk mode)",
                crate::tui::keymap::Mode::KioskOnly => " (kiosk mode)",
            };
            r.text([roman(format!("{}{scope}", (b.describe)(m)))]);
        }
    }
    r.control("SH", ["KIOSK"]);
    for para in [
        "heatwatch --kiosk is for public terminals. Nothing the public types leaves the \
         program: q, Ctrl-C, Ctrl-D, Ctrl-Z and Ctrl-\\ return to the start. Ctrl-X returns to the \
         start at once and clears the screen and the scrollback, from every screen.",
        "After --idle-reset SECS without input (default 90; at least 30, at most 86400) the \
         app returns to the start and clears the screen and scrollback; a countdown shows \
         during the last 10 seconds.",
        "Only an operator leaves: Ctrl-O, the PIN, Enter. The PIN is the first line of \
         --kiosk-pin-file FILE (a regular file), else HEATWATCH_KIOSK_PIN; it must have 6 to \
         64 printable ASCII characters. After 3 wrong PINs in a row each try waits 1, 2, 4 \
         ... up to 300 seconds. A refused or unreadable PIN turns the operator exit off; \
         the kiosk keeps running and says so.",
        "An unusable data file shows an error screen with the emergency number and the \
         built-in national hotlines, never a shell. Nothing is written to standard error \
         while it is the terminal.",
    ] {
        r.control("PP", []);
        r.text([roman(para)]);
    }
    r.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        (
            "0",
            "success; search found something; check found no problem",
        ),
        (
            "1",
            "search found nothing; check found problems; diff --exit-code found differences",
        ),
        (
            "2",
            "bad usage, or a file that cannot be read (missing, not a regular file, over the size cap)",
        ),
        (
            "128+N",
            "the interactive app ended on signal N, after giving the terminal back",
        ),
    ] {
        r.control("TP", []);
        r.text([bold(code)]);
        r.text([roman(meaning)]);
    }
    r
}
