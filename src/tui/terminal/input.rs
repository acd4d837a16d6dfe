//! The keyboard and mouse, read as bytes: a parser that never waits for the rest of a
//! sequence.
//!
//! A terminal sends keys as bytes, and some keys as escape sequences (`ESC [ A` for ↑).
//! crossterm's reader blocks until its parser holds a whole event, so one unfinished
//! sequence (`ESC [ 2 0 0 ~` opens a bracketed paste that only `ESC [ 2 0 1 ~` ends)
//! would stop the app from seeing any later key, the quick exit among them. This
//! parser is fed whatever bytes arrive and is told when a silence has passed:
//!
//! - an unfinished sequence is ended by a silence of [`ESCAPE_SILENCE`] (a lone `ESC`
//!   becomes the Esc key, `ESC [` Alt-[, `ESC O` Alt-O; anything longer is dropped) or
//!   by any control byte, which is then read as itself;
//! - CAN (Ctrl-X) and SUB end whatever is being read, a paste included, and CAN is then
//!   read as Ctrl-X: the quick exit works after any byte sequence; inside a paste, any
//!   control byte but tab, line feed and carriage return does the same (Ctrl-O opens
//!   the PIN prompt even then);
//! - a bracketed paste that stops arriving is dropped after [`PASTE_SILENCE`], never
//!   replayed as keys; a paste longer than [`PASTE_LIMIT`] keeps only its start; an
//!   escape sequence inside a paste other than its end (which no terminal pastes: they
//!   filter ESC out of pasted text) drops the paste and is read as itself, so a click
//!   on the quick-exit label works even then.
//!
//! It emits crossterm's own event types, so the key table reads them as it reads
//! crossterm's, and [`Input::Other`] for bytes that mean nothing here (an unknown
//! sequence, invalid UTF-8), which the kiosk still counts as someone being there.

use std::time::Duration;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// How long an unfinished escape sequence may wait for its next byte. Terminals send a
/// sequence in one write; a person's next key comes far later.
pub const ESCAPE_SILENCE: Duration = Duration::from_millis(50);

/// How long a bracketed paste may wait for its next byte before it is dropped.
pub const PASTE_SILENCE: Duration = Duration::from_millis(300);

/// The most of one paste that is kept; the rest is read and dropped.
pub const PASTE_LIMIT: usize = 1 << 20;

/// The longest escape sequence read; a longer one is dropped.
const SEQUENCE_LIMIT: usize = 64;

const ESC: u8 = 0x1b;

const SUB: u8 = 0x1a;
const PASTE_END: &[u8] = b"\x1b[201~";

/// One thing read from the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A key, a mouse event, a paste or a focus change.
    Event(Event),
    /// Bytes that mean nothing here: someone is there all the same.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Ground,
    /// After ESC.
    Escape,
    /// After `ESC [`, collecting parameters.
    Csi,
    /// After `ESC O`.
    Ss3,
    /// After `ESC [ M`: three raw bytes of an X10 mouse report.
    X10Mouse,
    /// Inside a bracketed paste.
    Paste,
    /// Inside a UTF-8 character: how many bytes it has in all.
    Utf8(usize),
}

/// The byte parser. Feed it with [`Parser::feed`]; after a silence of
/// [`Parser::silence`], call [`Parser::timeout`].
#[derive(Debug, Clone)]
pub struct Parser {
    state: State,
    buf: Vec<u8>,
    paste: Vec<u8>,
    /// Inside a paste, the bytes from an ESC on, while they may be the paste's end.
    tail: Vec<u8>,
}

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Input {
    Input::Event(Event::Key(KeyEvent::new(code, modifiers)))
}

fn plain(code: KeyCode) -> Input {
    key(code, KeyModifiers::NONE)
}

impl Parser {
    /// A parser in its ground state.
    #[must_use]
    pub fn new() -> Self {
        Self {
            state: State::Ground,
            buf: Vec::new(),
            paste: Vec::new(),
            tail: Vec::new(),
        }
    }

    /// How long a silence ends what is being read, if something is unfinished.
    #[must_use]
    pub fn silence(&self) -> Option<Duration> {
        match self.state {
            State::Ground => None,
            State::Paste => Some(PASTE_SILENCE),
            _ => Some(ESCAPE_SILENCE),
        }
    }

    /// Reads these bytes, appending what they mean to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Input>) {
        for &b in bytes {
            self.byte(b, out);
        }
    }

    /// A silence has passed: ends whatever is unfinished.
    pub fn timeout(&mut self, out: &mut Vec<Input>) {
        let state = std::mem::replace(&mut self.state, State::Ground);
        match state {
            State::Ground => {}
            State::Escape => out.push(plain(KeyCode::Esc)),
            State::Csi if self.buf.is_empty() => {
                out.push(key(KeyCode::Char('['), KeyModifiers::ALT))
            }
            State::Ss3 => out.push(key(KeyCode::Char('O'), KeyModifiers::ALT)),
            State::Csi | State::X10Mouse | State::Paste | State::Utf8(_) => out.push(Input::Other),
        }
        self.reset();
    }

    fn reset(&mut self) {
        self.state = State::Ground;
        self.buf.clear();
        self.paste = Vec::new();
        self.tail.clear();
    }

    /// Ends an unfinished sequence because of this control byte, then reads the byte,
    /// unless it is SUB, whose meaning there is only "cancel the sequence" (ECMA-48).
    fn interrupt(&mut self, b: u8, out: &mut Vec<Input>) {
        if self.state == State::Escape {
            out.push(plain(KeyCode::Esc));
        } else {
            out.push(Input::Other);
        }
        self.reset();
        if b != SUB {
            self.byte(b, out);
        }
    }

    fn byte(&mut self, b: u8, out: &mut Vec<Input>) {
        match self.state {
            State::Ground => self.ground(b, out),
            State::Escape => self.escape(b, out),
            State::Csi => self.csi(b, out),
            State::Ss3 => self.ss3(b, out),
            State::X10Mouse => self.x10(b, out),
            State::Paste => self.in_paste(b, out),
            State::Utf8(len) => self.utf8(b, len, out),
        }
    }

    fn ground(&mut self, b: u8, out: &mut Vec<Input>) {
        match b {
            ESC => self.state = State::Escape,
            b'\r' => out.push(plain(KeyCode::Enter)),
            // Ctrl-J, as fzf reads it (the Enter key sends CR in raw mode); the key
            // table takes it as Enter wherever it does not move.
            b'\n' => out.push(key(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            b'\t' => out.push(plain(KeyCode::Tab)),
            0x7f | 0x08 => out.push(plain(KeyCode::Backspace)),
            0x00 => out.push(key(KeyCode::Char(' '), KeyModifiers::CONTROL)),
            0x01..=0x1a => out.push(key(
                KeyCode::Char(char::from(b - 1 + b'a')),
                KeyModifiers::CONTROL,
            )),
            0x1c..=0x1f => out.push(key(
                KeyCode::Char(char::from(b - 0x1c + b'4')),
                KeyModifiers::CONTROL,
            )),
            0x20..=0x7e => out.push(plain(KeyCode::Char(char::from(b)))),
            0xc2..=0xdf => self.start_utf8(b, 2),
            0xe0..=0xef => self.start_utf8(b, 3),
            0xf0..=0xf4 => self.start_utf8(b, 4),
            // A continuation byte or a byte UTF-8 never uses.
            _ => out.push(Input::Other),
        }
    }

    fn start_utf8(&mut self, b: u8, len: usize) {
        self.buf.clear();
        self.buf.push(b);
        self.state = State::Utf8(len);
    }

    fn utf8(&mut self, b: u8, len: usize, out: &mut Vec<Input>) {
        if b & 0xc0 != 0x80 {
            // Not a continuation: the character is broken; read the byte afresh.
            out.push(Input::Other);
            self.reset();
            self.byte(b, out);
            return;
        }
        self.buf.push(b);
        if self.buf.len() < len {
            return;
        }
        let input = std::str::from_utf8(&self.buf)
            .ok()
            .and_then(|s| s.chars().next())
            .map_or(Input::Other, |c| plain(KeyCode::Char(c)));
        out.push(input);
        self.reset();
    }

    fn escape(&mut self, b: u8, out: &mut Vec<Input>) {
        match b {
            b'[' => {
                self.buf.clear();
                self.state = State::Csi;
            }
            b'O' => self.state = State::Ss3,
            ESC => out.push(plain(KeyCode::Esc)),
            b'\r' | b'\n' => {
                out.push(key(KeyCode::Enter, KeyModifiers::ALT));
                self.reset();
            }
            0x7f => {
                out.push(key(KeyCode::Backspace, KeyModifiers::ALT));
                self.reset();
            }
            0x20..=0x7e => {
                out.push(key(KeyCode::Char(char::from(b)), KeyModifiers::ALT));
                self.reset();
            }
            // Any other control byte, or a byte of a UTF-8 character: the Esc key,
            // then the byte as itself.
            _ => self.interrupt(b, out),
        }
    }

    fn csi(&mut self, b: u8, out: &mut Vec<Input>) {
        match b {
            b'M' if self.buf.is_empty() => self.state = State::X10Mouse,
            0x20..=0x3f => {
                self.buf.push(b);
                if self.buf.len() > SEQUENCE_LIMIT {
                    out.push(Input::Other);
                    self.reset();
                }
            }
            0x40..=0x7e => {
                let params = std::mem::take(&mut self.buf);
                self.reset();
                self.dispatch_csi(&params, b, out);
            }
            _ => self.interrupt(b, out),
        }
    }

    fn ss3(&mut self, b: u8, out: &mut Vec<Input>) {
        let code = match b {
            b'A' => KeyCode::Up,
            b'B' => KeyCode::Down,
            b'C' => KeyCode::Right,
            b'D' => KeyCode::Left,
            b'H' => KeyCode::Home,
            b'F' => KeyCode::End,
            b'M' => KeyCode::Enter,
            b'P'..=b'S' => KeyCode::F(b - b'P' + 1),
            0x20..=0x7e => {
                out.push(Input::Other);
                self.reset();
                return;
            }
            _ => return self.interrupt(b, out),
        };
        out.push(plain(code));
        self.reset();
    }

    fn x10(&mut self, b: u8, out: &mut Vec<Input>) {
        if b < 0x20 || b == 0x7f {
            return self.interrupt(b, out);
        }
        self.buf.push(b);
        if let &[cb, cx, cy] = self.buf.as_slice() {
            let input = mouse(
                u16::from(cb.saturating_sub(32)),
                u16::from(cx.saturating_sub(32)),
                u16::from(cy.saturating_sub(32)),
                true,
            );
            out.push(input);
            self.reset();
        }
    }

    fn in_paste(&mut self, b: u8, out: &mut Vec<Input>) {
        if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | ESC) || b == 0x7f {
            // A control key (Ctrl-X, Ctrl-O…) ends the paste and is read: pasted text
            // holds tabs and line ends, not these.
            out.push(Input::Other);
            self.reset();
            if b != SUB {
                self.ground(b, out);
            }
            return;
        }
        if b != ESC && self.tail.is_empty() {
            if self.paste.len() < PASTE_LIMIT {
                self.paste.push(b);
            }
            return;
        }
        self.tail.push(b);
        if self.tail == PASTE_END {
            let text = String::from_utf8_lossy(&self.paste).into_owned();
            out.push(Input::Event(Event::Paste(text)));
            self.reset();
        } else if !PASTE_END.starts_with(&self.tail) {
            // An escape sequence other than the paste's end: no terminal pastes one,
            // so the paste is dropped and the sequence (a click, a key) read as itself.
            let sequence = std::mem::take(&mut self.tail);
            out.push(Input::Other);
            self.reset();
            self.feed(&sequence, out);
        }
    }

    fn dispatch_csi(&mut self, params: &[u8], fin: u8, out: &mut Vec<Input>) {
        if params.first() == Some(&b'<') && (fin == b'M' || fin == b'm') {
            let n = numbers(params.get(1..).unwrap_or_default());
            if let &[cb, cx, cy] = n.as_slice() {
                out.push(mouse(cb, cx, cy, fin == b'M'));
            } else {
                out.push(Input::Other);
            }
            return;
        }
        let n = numbers(params);
        let first = n.first().copied().unwrap_or(1);
        let mods = n.get(1).map_or(KeyModifiers::NONE, |&m| modifiers(m));
        let code = match fin {
            b'A' => KeyCode::Up,
            b'B' => KeyCode::Down,
            b'C' => KeyCode::Right,
            b'D' => KeyCode::Left,
            b'H' => KeyCode::Home,
            b'F' => KeyCode::End,
            b'P'..=b'S' => KeyCode::F(fin - b'P' + 1),
            b'Z' => return out.push(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            b'I' if params.is_empty() => return out.push(Input::Event(Event::FocusGained)),
            b'O' if params.is_empty() => return out.push(Input::Event(Event::FocusLost)),
            // rxvt's mouse report (mode 1015): the button plus 32, then the position.
            b'M' => {
                let input = match *n.as_slice() {
                    [cb, cx, cy] => mouse(cb.saturating_sub(32), cx, cy, true),
                    _ => Input::Other,
                };
                return out.push(input);
            }
            b'~' => match first {
                1 | 7 => KeyCode::Home,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                4 | 8 => KeyCode::End,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                11..=15 => KeyCode::F(u8::try_from(first - 10).unwrap_or(1)),
                17..=21 => KeyCode::F(u8::try_from(first - 11).unwrap_or(1)),
                23..=26 => KeyCode::F(u8::try_from(first - 12).unwrap_or(1)),
                28 | 29 | 31..=34 => return out.push(Input::Other),
                200 => {
                    self.state = State::Paste;
                    return;
                }
                _ => return out.push(Input::Other),
            },
            _ => return out.push(Input::Other),
        };
        out.push(key(code, mods));
    }
}

/// The numbers of a parameter list (`1;5`), each capped, empty ones as 0.
fn numbers(params: &[u8]) -> Vec<u16> {
    params
        .split(|&b| b == b';' || b == b':')
        .map(|part| {
            part.iter()
                .filter(|b| b.is_ascii_digit())
                .fold(0u16, |n, d| {
                    n.saturating_mul(10).saturating_add(u16::from(d - b'0'))
                })
        })
        .collect()
}

/// The modifiers of an xterm key parameter (1 + a bit mask).
fn modifiers(m: u16) -> KeyModifiers {
    let bits = m.saturating_sub(1);
    let mut mods = KeyModifiers::NONE;
    if bits & 1 != 0 {
        mods |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        mods |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        mods |= KeyModifiers::CONTROL;
    }
    mods
}

/// A mouse report: the button code, the 1-based column and row, press or release.
fn mouse(cb: u16, cx: u16, cy: u16, press: bool) -> Input {
    // Shift, Alt and Control sit in bits 2 to 4, in the order of a key parameter's mask.
    let modifiers = modifiers(((cb >> 2) & 7) + 1);
    let button = match cb & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = if cb & 64 != 0 {
        match cb & 3 {
            0 => MouseEventKind::ScrollUp,
            1 => MouseEventKind::ScrollDown,
            2 => MouseEventKind::ScrollLeft,
            _ => MouseEventKind::ScrollRight,
        }
    } else if cb & 32 != 0 {
        if cb & 3 == 3 {
            MouseEventKind::Moved
        } else {
            MouseEventKind::Drag(button)
        }
    } else if !press || cb & 3 == 3 {
        MouseEventKind::Up(button)
    } else {
        MouseEventKind::Down(button)
    };
    Input::Event(Event::Mouse(MouseEvent {
        kind,
        column: cx.saturating_sub(1),
        row: cy.saturating_sub(1),
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8]) -> Vec<Input> {
        let mut p = Parser::new();
        let mut out = Vec::new();
        p.feed(bytes, &mut out);
        out
    }

    fn ctrl_x() -> Input {
        key(KeyCode::Char('x'), KeyModifiers::CONTROL)
    }

    #[test]
    fn keys_and_sequences() {
        assert_eq!(parse(b"a"), vec![plain(KeyCode::Char('a'))]);
        assert_eq!(parse(b"\x1b[A"), vec![plain(KeyCode::Up)]);
        assert_eq!(parse(b"\x1bOP"), vec![plain(KeyCode::F(1))]);
        assert_eq!(
            parse(b"\x1b[1;5C"),
            vec![key(KeyCode::Right, KeyModifiers::CONTROL)]
        );
        assert_eq!(parse(b"\x1b[5~"), vec![plain(KeyCode::PageUp)]);
        assert_eq!(parse("é".as_bytes()), vec![plain(KeyCode::Char('é'))]);
        assert_eq!(parse(b"\x18"), vec![ctrl_x()]);
        assert_eq!(parse(b"\r"), vec![plain(KeyCode::Enter)]);
        assert_eq!(
            parse(b"\n"),
            vec![key(KeyCode::Char('j'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            parse(b"\x1b[200~hi\x1b[201~"),
            vec![Input::Event(Event::Paste("hi".into()))]
        );
    }

    #[test]
    fn mouse_modifiers_are_read() {
        // Bits 2, 3 and 4 of the button code: Shift, Alt, Control.
        for (cb, want) in [
            (4, KeyModifiers::SHIFT),
            (8, KeyModifiers::ALT),
            (16, KeyModifiers::CONTROL),
            (
                28,
                KeyModifiers::SHIFT | KeyModifiers::ALT | KeyModifiers::CONTROL,
            ),
        ] {
            let got = parse(format!("\x1b[<{cb};1;1M").as_bytes());
            assert!(
                matches!(&got[..], [Input::Event(Event::Mouse(m))] if m.modifiers == want),
                "{cb}: {got:?}"
            );
        }
    }

    #[test]
    fn sgr_click() {
        assert_eq!(
            parse(b"\x1b[<0;110;1M"),
            vec![Input::Event(Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 109,
                row: 0,
                modifiers: KeyModifiers::NONE,
            }))]
        );
    }

    #[test]
    fn a_control_byte_ends_an_unfinished_sequence() {
        for prefix in [
            &b"\x1b["[..],
            b"\x1b[1;",
            b"\x1b[<0;1",
            b"\x1bO",
            b"\x1b[M!",
        ] {
            let got = parse(&[prefix, b"\x18"].concat());
            assert_eq!(got.last(), Some(&ctrl_x()), "{prefix:?}");
        }
        // Esc then Ctrl-X, even when the two arrive together.
        assert_eq!(parse(b"\x1b\x18"), vec![plain(KeyCode::Esc), ctrl_x()]);
    }

    #[test]
    fn a_paste_never_ends_is_dropped_and_ctrl_x_still_works() {
        let mut p = Parser::new();
        let mut out = Vec::new();
        p.feed(b"\x1b[200~secret", &mut out);
        assert!(out.is_empty());
        assert_eq!(p.silence(), Some(PASTE_SILENCE));
        p.timeout(&mut out);
        assert_eq!(out, vec![Input::Other]);
        out.clear();
        p.feed(b"q", &mut out);
        assert_eq!(out, vec![plain(KeyCode::Char('q'))]);
        assert_eq!(parse(b"\x1b[200~abc\x18"), vec![Input::Other, ctrl_x()]);
        // A click inside an unfinished paste ends it and is read.
        let got = parse(b"\x1b[200~abc\x1b[<0;3;1M");
        assert_eq!(got.len(), 2);
        assert!(matches!(got[1], Input::Event(Event::Mouse(_))));
    }

    #[test]
    fn a_silence_ends_alt_bracket() {
        let mut p = Parser::new();
        let mut out = Vec::new();
        p.feed(b"\x1b[", &mut out);
        p.timeout(&mut out);
        p.feed(b"200~", &mut out);
        assert_eq!(
            out,
            vec![
                key(KeyCode::Char('['), KeyModifiers::ALT),
                plain(KeyCode::Char('2')),
                plain(KeyCode::Char('0')),
                plain(KeyCode::Char('0')),
                plain(KeyCode::Char('~')),
            ]
        );
        assert_eq!(p.silence(), None);
    }

    #[test]
    fn a_long_paste_keeps_its_start_and_finds_its_end() {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', PASTE_LIMIT + 10));
        bytes.extend_from_slice(b"\x1b[201~z");
        let got = parse(&bytes);
        assert_eq!(got.len(), 2);
        assert!(matches!(&got[0], Input::Event(Event::Paste(t)) if t.len() == PASTE_LIMIT));
        assert_eq!(got[1], plain(KeyCode::Char('z')));
    }

    proptest::proptest! {
        /// Whatever came before, Ctrl-X is read as Ctrl-X.
        #[test]
        fn ctrl_x_after_any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let mut all = bytes.clone();
            all.push(0x18);
            let got = parse(&all);
            proptest::prop_assert_eq!(got.last(), Some(&ctrl_x()));
        }

        /// After any bytes and a silence, nothing is left unfinished: the next key is
        /// read as itself, never swallowed into an earlier sequence.
        #[test]
        fn a_silence_always_ends_what_came_before(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let mut p = Parser::new();
            let mut out = Vec::new();
            p.feed(&bytes, &mut out);
            p.timeout(&mut out);
            proptest::prop_assert_eq!(p.silence(), None);
            out.clear();
            p.feed(b"a", &mut out);
            proptest::prop_assert_eq!(out, vec![plain(KeyCode::Char('a'))]);
        }
    }
}
