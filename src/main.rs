//! The heatwatch binary: parse the command line, pick the mode, run.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use heatwatch::cli::Cli;
use heatwatch::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &cli.command {
        Some(command) => commands::run(&cli, command, &mut out),
        None => heatwatch::run_app(&cli),
    };
    let flushed = out.flush();
    match result.and_then(|code| flushed.map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("heatwatch: {e}");
            ExitCode::from(commands::EXIT_USAGE)
        }
    }
}
