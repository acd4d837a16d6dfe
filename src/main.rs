//! The heatwatch binary: parse the command line, pick the mode, run.

use std::io::Write;
use std::process::ExitCode;

use heatwatch::cli::Cli;
use heatwatch::commands;

fn main() -> ExitCode {
    heatwatch::tui::privacy::harden();
    let cli = Cli::parse_with_data_version();
    let result = match &cli.command {
        Some(_) if let Some(option) = cli.app_only_option() => {
            let msg = heatwatch::i18n::cli::for_language(heatwatch::language(&cli));
            let text = heatwatch::i18n::cli::fill(msg.app_only_option, &[("option", option)]);
            let _ = writeln!(std::io::stderr().lock(), "heatwatch: {text}");
            Ok(heatwatch::exit::EXIT_USAGE)
        }
        Some(command) => {
            // Only the commands hold the stdout lock: the interactive app writes from its
            // panic hook and signal paths too, which must never wait for a lock.
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let result = commands::run(&cli, command, &mut out);
            let flushed = out.flush();
            result.and_then(|code| flushed.map(|()| code))
        }
        None => heatwatch::run_app(&cli),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // In kiosk mode, never on the public screen (see `operator_note`).
            heatwatch::tui::terminal::operator_note(
                cli.kiosk && cli.command.is_none(),
                &e.to_string(),
            );
            ExitCode::from(heatwatch::exit::EXIT_USAGE)
        }
    }
}
