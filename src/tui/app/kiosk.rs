//! Kiosk mode's state: the operator PIN (its rules, the waits after wrong ones), the
//! idle reset and its countdown, and the handling that comes before every other.

use super::*;

/// Seconds before an idle reset during which a countdown is shown.
pub const COUNTDOWN: Duration = Duration::from_secs(10);

/// The shortest idle reset a kiosk accepts: longer than the countdown, long enough to
/// read a number. A shorter `--idle-reset` is raised to this.
pub const MIN_IDLE_RESET: Duration = Duration::from_secs(30);

/// The most bytes a PIN may have: what the prompt accepts.
pub const PIN_MAX_BYTES: usize = 64;

/// The fewest characters a PIN may have.
pub const PIN_MIN_CHARS: usize = 6;

/// Wrong PINs in a row allowed before each further try must wait.
pub const PIN_FREE_TRIES: u32 = 3;

/// The longest wait between PIN tries.
pub const PIN_MAX_WAIT: Duration = Duration::from_secs(300);

/// The PIN the README's kiosk guide shows as an example: never accepted.
pub const SAMPLE_PIN: &str = "change-me";

/// Why a configured PIN is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinProblem {
    /// Fewer than [`PIN_MIN_CHARS`] characters.
    TooShort,
    /// More than [`PIN_MAX_BYTES`] bytes: it could never be typed in full.
    TooLong,
    /// A character the prompt cannot take (only printable ASCII can be typed on any
    /// keyboard layout a kiosk may have).
    Untypable,
    /// The README's example.
    Sample,
}

impl PinProblem {
    /// In words, in the language of `msg`, for the operator's log.
    #[must_use]
    pub const fn describe(self, msg: &crate::i18n::cli::CliMessages) -> &'static str {
        match self {
            Self::TooShort => msg.pin_too_short,
            Self::TooLong => msg.pin_too_long,
            Self::Untypable => msg.pin_untypable,
            Self::Sample => msg.pin_sample,
        }
    }
}

/// Checks a configured PIN (already trimmed of surrounding spaces).
///
/// # Errors
/// Why the PIN cannot be used.
pub fn check_pin(pin: &str) -> Result<(), PinProblem> {
    if !pin.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(PinProblem::Untypable);
    }
    if pin.len() > PIN_MAX_BYTES {
        return Err(PinProblem::TooLong);
    }
    if pin.chars().count() < PIN_MIN_CHARS {
        return Err(PinProblem::TooShort);
    }
    if pin.eq_ignore_ascii_case(SAMPLE_PIN) {
        return Err(PinProblem::Sample);
    }
    Ok(())
}

/// How long the next PIN try waits after `wrong` wrong ones in a row: nothing for the
/// first [`PIN_FREE_TRIES`], then 1 s, 2 s, 4 s … up to [`PIN_MAX_WAIT`].
#[must_use]
pub fn pin_wait(wrong: u32) -> Duration {
    if wrong < PIN_FREE_TRIES {
        return Duration::ZERO;
    }
    let doublings = (wrong - PIN_FREE_TRIES).min(16);
    Duration::from_secs(1u64 << doublings).min(PIN_MAX_WAIT)
}

/// Compares two PINs in time that does not depend on where they differ.
fn same_pin(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for i in 0..a.len().max(b.len()) {
        diff |= a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// Kiosk mode: for a public terminal.
#[derive(Debug, Clone)]
pub struct Kiosk {
    /// The operator PIN, if one is configured; without one, only a signal from outside
    /// stops the program.
    pub pin: Option<String>,
    /// Reset to the home screen after this long without input.
    pub idle_reset: Duration,
    /// Wrong PINs in a row. Kept in memory only, across idle resets; the right PIN
    /// ends the program, which ends the count.
    pub wrong_in_a_row: u32,
    /// No PIN is checked before this time (the clock's), after too many wrong ones.
    pub locked_until: Duration,
    /// The configured PIN was refused at start (too short, untypable…): Ctrl-O is off
    /// and the screen says so.
    pub pin_refused: bool,
    /// The latest time the clock reported.
    pub now: Duration,
    /// When the last input came.
    pub last_input: Duration,
    /// Why the data could not be used, when it could not: the app then shows only an
    /// error screen with the emergency number.
    pub data_error: Option<String>,
}

impl Kiosk {
    /// A kiosk with this PIN and idle reset.
    #[must_use]
    pub fn new(pin: Option<String>, idle_reset: Duration) -> Self {
        Self {
            pin: pin.filter(|p| !p.is_empty()),
            idle_reset,
            wrong_in_a_row: 0,
            locked_until: Duration::ZERO,
            pin_refused: false,
            now: Duration::ZERO,
            last_input: Duration::ZERO,
            data_error: None,
        }
    }

    /// How long before the reset the countdown shows: 10 seconds, or half the idle time
    /// when that is shorter, so that a short reset still leaves time to use the app.
    #[must_use]
    pub fn countdown_window(&self) -> Duration {
        COUNTDOWN.min(self.idle_reset / 2)
    }

    /// Time left before a PIN can be tried again, if it must wait.
    #[must_use]
    pub fn pin_locked_for(&self) -> Option<Duration> {
        let left = self.locked_until.saturating_sub(self.now);
        (!left.is_zero()).then_some(left)
    }

    /// Time left before the idle reset.
    #[must_use]
    pub fn remaining(&self) -> Duration {
        self.idle_reset
            .saturating_sub(self.now.saturating_sub(self.last_input))
    }
}

impl App {
    /// The kiosk's PIN prompt, while it is open: what has been typed, and whether the
    /// last PIN was wrong.
    #[must_use]
    pub fn pin_prompt(&self) -> Option<(&str, bool)> {
        match &self.overlay {
            Some(Overlay::Pin { typed, wrong }) => Some((typed, *wrong)),
            _ => None,
        }
    }

    /// Whole seconds left before a PIN can be tried again, while the prompt is open and
    /// a wait runs.
    #[must_use]
    pub fn kiosk_wait(&self) -> Option<u64> {
        let k = self.kiosk.as_ref()?;
        self.pin_prompt()?;
        let left = k.pin_locked_for()?;
        Some(left.as_secs() + u64::from(left.subsec_nanos() > 0))
    }

    /// Seconds left before the idle reset, when the countdown shows.
    #[must_use]
    pub fn countdown(&self) -> Option<u64> {
        let k = self.kiosk.as_ref()?;
        let left = k.remaining();
        (left <= k.countdown_window() && !self.is_home())
            .then(|| left.as_secs() + u64::from(left.subsec_nanos() > 0))
    }

    /// Kiosk handling that comes before everything else: the clock, the idle reset, and
    /// keys that must not leave the program. `None` means the action goes on as usual.
    pub(super) fn update_kiosk(&mut self, action: &Action) -> Option<Option<Effect>> {
        let k = self.kiosk.as_mut()?;
        match action {
            Action::Tick(now) => {
                k.now = *now;
                if k.now.saturating_sub(k.last_input) >= k.idle_reset {
                    k.last_input = k.now;
                    if !self.is_home() || self.language != self.start_language {
                        self.go_home();
                        self.use_language(self.start_language);
                        return Some(Some(Effect::ClearScreen));
                    }
                }
                return Some(None);
            }
            Action::Resize(..)
            | Action::SearchDone(..)
            | Action::Clock(_)
            | Action::Progress(_) => {
                return None;
            }
            _ => {}
        }
        let on_quick_exit = matches!(action, Action::Click { column, row }
            if layout::region_at(self, *column, *row) == Some(Region::QuickExit));
        let k = self.kiosk.as_mut()?;
        let counting = k.remaining() <= k.countdown_window();
        k.last_input = k.now;
        // The quick exit wins over everything: the countdown, the PIN prompt, help,
        // the error screen.
        if matches!(action, Action::QuickExit) || on_quick_exit {
            self.go_home();
            self.use_language(self.start_language);
            return Some(Some(Effect::ClearScreen));
        }
        // Any other input is activity; while the countdown shows, it only cancels it.
        if counting && !self.is_home() {
            return Some(None);
        }
        let pin_open = self.pin_prompt().is_some();
        let k = self.kiosk.as_mut()?;
        if k.data_error.is_some() && !matches!(action, Action::OperatorExit) && !pin_open {
            return Some(None);
        }
        match action {
            Action::Quit | Action::GoHome => {
                self.go_home();
                Some(None)
            }
            // Nothing that writes the clipboard or launches a program, in kiosk mode.
            Action::Copy | Action::OpenLink => Some(None),
            Action::OperatorExit => {
                if k.pin.is_some() {
                    self.overlay = Some(Overlay::Pin {
                        typed: String::new(),
                        wrong: false,
                    });
                }
                Some(None)
            }
            _ if pin_open => {
                let Some(Overlay::Pin { typed, wrong }) = &mut self.overlay else {
                    return Some(None);
                };
                match action {
                    Action::Type(c) if typed.len() + c.len_utf8() <= PIN_MAX_BYTES => {
                        typed.push(*c);
                    }
                    Action::Backspace => {
                        typed.pop();
                    }
                    Action::Back => self.overlay = None,
                    // While a wait runs, Enter checks nothing (what is typed stays).
                    Action::Enter if k.pin_locked_for().is_some() => {}
                    Action::Enter => {
                        let entered = std::mem::take(typed);
                        if k.pin.as_deref().is_some_and(|pin| same_pin(pin, &entered)) {
                            k.wrong_in_a_row = 0;
                            return Some(Some(Effect::Quit));
                        }
                        *wrong = true;
                        k.wrong_in_a_row = k.wrong_in_a_row.saturating_add(1);
                        k.locked_until = k.now + pin_wait(k.wrong_in_a_row);
                    }
                    _ => {}
                }
                Some(None)
            }
            _ => None,
        }
    }
}
