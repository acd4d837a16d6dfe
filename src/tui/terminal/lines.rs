//! The terminal side of screen-reader mode: raw mode and nothing else (no alternate
//! screen, no cursor addressing, no mouse, no colour), its own echo and line editing,
//! and the same event loop as the full-screen app — keys read as bytes on their own
//! thread, the clock, signals and the loaded directory on one channel.
//!
//! Raw mode makes Ctrl-C, Ctrl-Z and `Ctrl-\` keys, not signals, and lets Ctrl-X leave
//! at once, mid-line. The only sequences ever written are the clearing of the screen
//! and its scrollback (`ESC[2J ESC[3J ESC[1;1H`), on the quick exit and a kiosk's idle
//! reset; the echo erases with backspace, space, backspace, as the terminal's own line
//! discipline does.

use std::io::{self, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use super::input::Input;
use super::threads::stop_self;
use super::{Msg, Outcome, clear_all, restore, setup_lines, start, status_of};
use crate::tui::app::App;
use crate::tui::reader::{Reader, Reply};

/// The longest line kept; what is typed past it is dropped.
pub const LINE_LIMIT: usize = 1_000;

/// What one key does to the line being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Write this to the terminal (the echo).
    Echo(String),
    /// Enter: the line is done.
    Submit(String),
    /// Ctrl-X: leave at once (a kiosk starts again).
    QuickExit,
    /// Ctrl-C, or Ctrl-D on an empty line: quit (a kiosk starts again).
    Quit,
    /// Kiosk: Ctrl-Z, `Ctrl-\`, q-like keys that would leave: back to the start.
    Reset,
    /// Kiosk: Ctrl-O, the operator exit.
    Operator,
    /// Esc: forget the line (and close the PIN prompt).
    Cancel,
    /// Nothing to do.
    Nothing,
}

/// The line being typed, with its echo. `secret` lines (a PIN) echo nothing.
#[derive(Debug, Default)]
pub struct Editor {
    /// What has been typed.
    pub line: String,
    /// Echo nothing.
    pub secret: bool,
}

impl Editor {
    /// Erases `text` from the screen: backspace, space, backspace for each column.
    fn erase(&self, text: &str) -> String {
        if self.secret {
            return String::new();
        }
        "\u{8} \u{8}".repeat(text.width())
    }

    /// What a key does.
    pub fn key(&mut self, k: KeyEvent, kiosk: bool) -> Edit {
        if k.kind == KeyEventKind::Release {
            return Edit::Nothing;
        }
        if crate::tui::keymap::is_quick_exit(&k) {
            return Edit::QuickExit;
        }
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Enter => Edit::Submit(std::mem::take(&mut self.line)),
            // Ctrl-J (line feed) and Ctrl-M are Enter too.
            KeyCode::Char('j' | 'm') if ctrl => Edit::Submit(std::mem::take(&mut self.line)),
            KeyCode::Backspace => match self.line.pop() {
                Some(c) => Edit::Echo(self.erase(c.encode_utf8(&mut [0; 4]))),
                None => Edit::Nothing,
            },
            KeyCode::Esc => {
                self.line.clear();
                Edit::Cancel
            }
            KeyCode::Char('u') if ctrl => {
                let gone = std::mem::take(&mut self.line);
                Edit::Echo(self.erase(&gone))
            }
            KeyCode::Char('w') if ctrl => {
                let keep = self.line.trim_end().rfind(' ').map_or(0, |i| i + 1);
                let gone = self.line.split_off(keep);
                Edit::Echo(self.erase(&gone))
            }
            KeyCode::Char('c') if ctrl => {
                if kiosk {
                    Edit::Reset
                } else {
                    Edit::Quit
                }
            }
            KeyCode::Char('d') if ctrl => match (kiosk, self.line.is_empty()) {
                (true, _) => Edit::Reset,
                (false, true) => Edit::Quit,
                (false, false) => Edit::Nothing,
            },
            KeyCode::Char('z' | '4') if ctrl && kiosk => Edit::Reset,
            KeyCode::Char('o') if ctrl && kiosk => Edit::Operator,
            KeyCode::Char(c)
                if !k.modifiers.intersects(
                    KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER,
                ) && !c.is_control() =>
            {
                if self.line.len() + c.len_utf8() > LINE_LIMIT {
                    return Edit::Nothing;
                }
                self.line.push(c);
                if self.secret {
                    Edit::Nothing
                } else {
                    Edit::Echo(c.to_string())
                }
            }
            KeyCode::Tab => {
                self.line.push(' ');
                Edit::Echo(if self.secret {
                    String::new()
                } else {
                    " ".into()
                })
            }
            _ => Edit::Nothing,
        }
    }
}

/// Writes lines, each ending in CR LF (raw mode does not add the CR).
fn say(out: &mut impl Write, lines: &[String]) -> io::Result<()> {
    for l in lines {
        out.write_all(l.as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// Runs screen-reader mode until the person leaves or a signal arrives, then gives the
/// terminal back. `first` (the embedded emergency number and the National Hotline, and
/// that the directory loads) is said if `load`, on its own thread, has not finished by
/// the clock's first tick.
///
/// # Errors
/// When the terminal cannot be set up or written.
pub fn run<F>(kiosk: bool, first: Vec<String>, load: F) -> io::Result<u8>
where
    F: FnOnce(&dyn Fn(App)) -> Result<App, String> + Send + 'static,
{
    // The sender stays alive for the whole loop, as the full-screen loop's does.
    let (_tx, rx) = start(kiosk, setup_lines, load)?;
    let mut out = io::stdout();
    let outcome = event_loop(&rx, kiosk, first, &mut out);
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            restore();
            return Err(e);
        }
    };
    if outcome == Outcome::QuickExit {
        let _ = clear_all(&mut out);
    }
    restore();
    Ok(status_of(outcome, kiosk))
}

/// The conversation: lines in, lines out.
struct Session {
    reader: Option<Reader>,
    editor: Editor,
    kiosk: bool,
    started: Instant,
    last_input: Instant,
    /// Something was typed since the opening was last said (the idle reset then clears).
    touched: bool,
}

impl Session {
    fn prompt(&self) -> String {
        match &self.reader {
            Some(r) if self.editor.secret => format!("{} ", r.words().pin_prompt),
            Some(r) => r.words().prompt.to_owned(),
            None => String::new(),
        }
    }

    /// Kiosk: clears the screen and the scrollback and starts the conversation again.
    fn reset(&mut self, out: &mut impl Write) -> io::Result<()> {
        clear_all(out)?;
        self.editor = Editor::default();
        self.touched = false;
        if let Some(r) = &mut self.reader {
            let lines = r.reset();
            say(out, &lines)?;
        }
        out.write_all(self.prompt().as_bytes())
    }

    /// One key. `Some` when the program ends.
    fn key(&mut self, k: KeyEvent, out: &mut impl Write) -> io::Result<Option<Outcome>> {
        let now = self.started.elapsed();
        self.last_input = Instant::now();
        self.touched = true;
        let edit = self.editor.key(k, self.kiosk);
        match edit {
            Edit::Nothing => {}
            Edit::Echo(s) => out.write_all(s.as_bytes())?,
            Edit::QuickExit if self.kiosk => self.reset(out)?,
            Edit::QuickExit => return Ok(Some(Outcome::QuickExit)),
            Edit::Quit => {
                out.write_all(b"\r\n")?;
                return Ok(Some(Outcome::Quit));
            }
            Edit::Reset => {
                out.write_all(b"\r\n")?;
                self.editor = Editor::default();
                if let Some(r) = &mut self.reader {
                    let lines = r.reset();
                    say(out, &lines)?;
                }
                out.write_all(self.prompt().as_bytes())?;
            }
            Edit::Operator => {
                let opened = self.reader.as_mut().is_some_and(|r| r.operator_exit(now));
                if opened {
                    out.write_all(b"\r\n")?;
                    self.editor = Editor {
                        line: String::new(),
                        secret: true,
                    };
                    out.write_all(self.prompt().as_bytes())?;
                }
            }
            Edit::Cancel => {
                out.write_all(b"\r\n")?;
                if self.editor.secret {
                    self.editor = Editor::default();
                    if let Some(r) = &mut self.reader {
                        r.app.update(crate::tui::action::Action::Back);
                    }
                }
                out.write_all(self.prompt().as_bytes())?;
            }
            Edit::Submit(line) => {
                out.write_all(b"\r\n")?;
                let Some(r) = &mut self.reader else {
                    return Ok(None);
                };
                let reply = if self.editor.secret {
                    self.editor = Editor::default();
                    r.pin_entered(&line, now)
                } else {
                    r.answer(&line)
                };
                match reply {
                    Reply::Quit => return Ok(Some(Outcome::Quit)),
                    Reply::Say(lines) => say(out, &lines)?,
                }
                out.write_all(self.prompt().as_bytes())?;
            }
        }
        Ok(None)
    }
}

fn event_loop(
    rx: &mpsc::Receiver<Msg>,
    kiosk: bool,
    first: Vec<String>,
    out: &mut impl Write,
) -> io::Result<Outcome> {
    // Said at the first tick if the directory is still loading then: a directory that
    // loads at once is not preceded by a loading line a screen reader would read too.
    let mut loading = Some(first);
    let mut s = Session {
        reader: None,
        editor: Editor::default(),
        kiosk,
        started: Instant::now(),
        last_input: Instant::now(),
        touched: false,
    };
    let mut idle: Option<Duration> = None;
    loop {
        out.flush()?;
        let Ok(first) = rx.recv() else {
            return Ok(Outcome::Quit);
        };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for msg in batch {
            match msg {
                Msg::Signal(n) => return Ok(Outcome::Signal(n)),
                Msg::Loaded(Err(message)) => return Ok(Outcome::Failed(message)),
                Msg::Loaded(Ok(app)) => {
                    idle = app.kiosk.as_ref().map(|k| k.idle_reset);
                    let mut reader = Reader::new(*app);
                    let lines = reader.opening();
                    s.reader = Some(reader);
                    say(out, &lines)?;
                    out.write_all(s.prompt().as_bytes())?;
                    out.write_all(s.editor.line.as_bytes())?;
                }
                Msg::Input(Input::Event(Event::Key(k))) => {
                    if let Some(outcome) = s.key(k, out)? {
                        return Ok(outcome);
                    }
                }
                Msg::Input(_) => {
                    s.last_input = Instant::now();
                    s.touched = true;
                }
                Msg::Tick => {
                    if s.reader.is_none()
                        && let Some(lines) = loading.take()
                    {
                        say(out, &lines)?;
                    }
                    if let Some(idle) = idle
                        && s.touched
                        && s.last_input.elapsed() >= idle
                    {
                        s.reset(out)?;
                    }
                }
                Msg::Suspend => {
                    if !kiosk {
                        restore();
                        stop_self();
                    }
                }
                Msg::Continue => {
                    restore();
                    setup_lines()?;
                    out.write_all(b"\r\n")?;
                    out.write_all(s.prompt().as_bytes())?;
                }
                Msg::Resize | Msg::SearchDone(..) | Msg::Head(_) => {}
            }
        }
    }
}
