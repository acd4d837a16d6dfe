//! The threads that feed the event loop: signals, the clock, the keyboard reader, and
//! the watchdog that ends the program when the loop cannot.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

#[cfg(not(unix))]
use ratatui::crossterm::event;

#[cfg(not(unix))]
use super::input::Input;
#[cfg(unix)]
use super::input::Parser;
use super::{Msg, restore};

/// How often the clock ticks.
const TICK: Duration = Duration::from_millis(250);

/// The signals that end the program, after the terminal is given back.
#[cfg(unix)]
const ENDING: [i32; 7] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGALRM,
];

/// The signals that end the program on Windows (a console's Ctrl-C arrives as a key in
/// raw mode; closing the window ends the process).
#[cfg(not(unix))]
const ENDING: [i32; 2] = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];

/// The signals that suspend, resume and resize, each with its flag (none on Windows,
/// where resizes arrive as console events).
#[cfg(unix)]
fn other_signals() -> Vec<(i32, Arc<AtomicBool>)> {
    use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
    [SIGTSTP, SIGCONT, SIGWINCH]
        .into_iter()
        .map(|sig| (sig, Arc::new(AtomicBool::new(false))))
        .collect()
}

#[cfg(not(unix))]
fn other_signals() -> Vec<(i32, Arc<AtomicBool>)> {
    Vec::new()
}

/// What one of [`other_signals`] asks of the event loop.
fn other_signal_msg(sig: i32) -> Msg {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGCONT, SIGTSTP};
        match sig {
            SIGTSTP => Msg::Suspend,
            SIGCONT => Msg::Continue,
            _ => Msg::Resize,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = sig;
        Msg::Resize
    }
}

/// How often the signal thread looks at what arrived.
const SIGNAL_POLL: Duration = Duration::from_millis(20);

/// Handles signals: the handlers only set flags (the safe way, with no self-pipe or
/// socket), and a thread passes what arrived to the event loop. The ending signals also
/// reach the watchdog, which ends the program if the loop does not; SIGTSTP and
/// SIGCONT suspend and redraw; SIGWINCH is a resize.
pub(super) fn spawn_signals(tx: Sender<Msg>, ending: Arc<AtomicUsize>) -> io::Result<()> {
    for sig in ENDING {
        signal_hook::flag::register_usize(
            sig,
            Arc::clone(&ending),
            usize::try_from(sig).unwrap_or(1),
        )?;
    }
    let others = other_signals();
    for (sig, flag) in &others {
        signal_hook::flag::register(*sig, Arc::clone(flag))?;
    }
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(SIGNAL_POLL);
            let mut msgs = Vec::new();
            for (sig, flag) in &others {
                if flag.swap(false, Ordering::SeqCst) {
                    msgs.push(other_signal_msg(*sig));
                }
            }
            let n = ending.load(Ordering::SeqCst);
            if n != 0 {
                msgs.push(Msg::Signal(i32::try_from(n).unwrap_or(1)));
            }
            for msg in msgs {
                if tx.send(msg).is_err() {
                    return;
                }
            }
            if n != 0 {
                return;
            }
        }
    });
    Ok(())
}

/// The clock, on its own thread: nothing the app does can hold it back.
pub(super) fn spawn_clock(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(TICK);
            if tx.send(Msg::Tick).is_err() {
                return;
            }
        }
    });
}

/// Reads the terminal's bytes on their own thread and parses them with [`Parser`],
/// which never waits for the rest of a sequence: a silence or a control byte ends it.
#[cfg(unix)]
pub(super) fn spawn_reader(tx: Sender<Msg>) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::io::Errno;
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut parser = Parser::new();
        let mut buf = [0u8; 4096];
        let mut out = Vec::new();
        loop {
            let timeout = parser.silence().and_then(|d| Timespec::try_from(d).ok());
            let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
            match poll(&mut fds, timeout.as_ref()) {
                Ok(0) => parser.timeout(&mut out),
                Ok(_) => match rustix::io::read(&stdin, &mut buf) {
                    Ok(0) => return,
                    Ok(n) => parser.feed(buf.get(..n).unwrap_or_default(), &mut out),
                    Err(Errno::INTR | Errno::AGAIN) => continue,
                    Err(_) => return,
                },
                Err(Errno::INTR) => continue,
                Err(_) => return,
            }
            for input in out.drain(..) {
                if tx.send(Msg::Input(input)).is_err() {
                    return;
                }
            }
        }
    });
}

/// Elsewhere crossterm's console reader stays: the guarantees about unfinished escape
/// sequences are those of the Unix byte parser, which a console does not need.
#[cfg(not(unix))]
pub(super) fn spawn_reader(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            let msg = match ev {
                event::Event::Resize(..) => Msg::Resize,
                ev => Msg::Input(Input::Event(ev)),
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

/// Watches, from its own thread, for the two ways the event loop could fail to end:
/// a signal the loop has not acted on within a second (it may be stuck inside a read),
/// and a terminal that has gone away (a closed window or SSH connection does not always
/// send SIGHUP, and reads then never block again). Either way it gives the terminal
/// back, holding the output lock so no half-frame follows, and exits.
pub(super) fn spawn_watchdog(signal: Arc<AtomicUsize>) {
    let watch_tty = terminal_hung_up().is_some();
    std::thread::spawn(move || {
        let mut pending_since: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let sig = signal.load(Ordering::SeqCst);
            if sig != 0 {
                let since = *pending_since.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() >= Duration::from_secs(1) {
                    force_exit(128 + i32::try_from(sig).unwrap_or(1));
                }
            }
            if watch_tty && terminal_hung_up() == Some(true) {
                force_exit(HANGUP_STATUS);
            }
        }
    });
}

/// The exit status after the terminal went away: 128 + SIGHUP, as a shell reports it.
const HANGUP_STATUS: i32 = 129;

/// Whether the terminal has hung up (a hung-up terminal answers every request with
/// EIO); `None` where that cannot be told (stdin is not a terminal, or not Unix).
#[cfg(unix)]
fn terminal_hung_up() -> Option<bool> {
    match rustix::termios::tcgetattr(io::stdin()) {
        Ok(_) => Some(false),
        Err(rustix::io::Errno::IO) => Some(true),
        Err(_) => None,
    }
}

#[cfg(not(unix))]
fn terminal_hung_up() -> Option<bool> {
    None
}

/// SIGTSTP outside kiosk mode: stop, as a shell's job control expects.
#[cfg(unix)]
pub(super) fn stop_self() {
    let _ = rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::STOP);
}

#[cfg(not(unix))]
pub(super) fn stop_self() {}

fn force_exit(code: i32) -> ! {
    let out = io::stdout();
    let _lock = out.lock();
    restore();
    std::process::exit(code)
}
