//! The one key table: it maps keys to actions and generates the help overlay and the
//! footer hints, so what the app does and what it says it does cannot drift apart.
//!
//! A data table: most of this file is `BINDINGS`, one entry per row of the help.

mod lookup;

pub use lookup::{
    action_for_event, action_for_event_in, action_for_key, action_for_key_in, is_quick_exit,
};

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};

use crate::i18n::app::Messages;
use crate::tui::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, including the search box and overlays.
    Any,
    /// Browsing sections, items and detail.
    Browse,
    /// The search box is open.
    Search,
    /// The help overlay is open.
    Help,
    /// Kiosk: the operator PIN prompt is open.
    Pin,
    /// The filter bar is open.
    Filter,
    /// The card of a number is shown.
    Card,
}

/// In which mode a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Always.
    Both,
    /// Only outside kiosk mode.
    NotKiosk,
    /// Only in kiosk mode.
    KioskOnly,
}

impl Mode {
    /// Whether a binding of this mode applies.
    #[must_use]
    pub const fn applies(self, kiosk: bool) -> bool {
        match self {
            Self::Both => true,
            Self::NotKiosk => !kiosk,
            Self::KioskOnly => kiosk,
        }
    }
}

/// A key: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key code.
    pub code: KeyCode,
    /// Modifiers that must be held (Shift is ignored for characters).
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}
const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

/// A key and the one action it stands for.
pub type Bound = (Key, fn() -> Action);

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// In which mode it applies.
    pub mode: Mode,
    /// The keys, each with its action: the row is one line of help, and every key in
    /// it does exactly what is written beside it.
    pub keys: &'static [Bound],
    /// How the keys are written in help and footer.
    pub label: &'static str,
    /// Its description in the catalogue.
    pub describe: fn(&Messages) -> &'static str,
    /// Footer priority: 0 hides it from the footer; otherwise lower shows first, so the
    /// most important keys survive a narrow footer.
    pub footer: u8,
}

/// Digits 1–9: jump to that role.
const DIGIT_KEYS: [Bound; 9] = [
    (c('1'), || Action::JumpRole(0)),
    (c('2'), || Action::JumpRole(1)),
    (c('3'), || Action::JumpRole(2)),
    (c('4'), || Action::JumpRole(3)),
    (c('5'), || Action::JumpRole(4)),
    (c('6'), || Action::JumpRole(5)),
    (c('7'), || Action::JumpRole(6)),
    (c('8'), || Action::JumpRole(7)),
    (c('9'), || Action::JumpRole(8)),
];

/// The key table. Later features add rows; a key is never bound twice in one context.
pub const BINDINGS: &[Binding] = &[
    Binding {
        mode: Mode::Both,
        context: Context::Any,
        keys: &[(ctrl('x'), || Action::QuickExit)],
        label: "Ctrl-X",
        describe: |m| m.key_quick_exit,
        footer: 0,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Any,
        keys: &[(ctrl('c'), || Action::Quit)],
        label: "Ctrl-C",
        describe: |m| m.key_quit,
        footer: 0,
    },
    // Browsing
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[
            (k(KeyCode::Up), || Action::Up),
            (k(KeyCode::Down), || Action::Down),
            (c('k'), || Action::Up),
            (c('j'), || Action::Down),
        ],
        label: "↑ ↓ j k",
        describe: |m| m.key_move,
        footer: 6,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[
            (k(KeyCode::PageUp), || Action::PageUp),
            (k(KeyCode::PageDown), || Action::PageDown),
        ],
        label: "PgUp PgDn",
        describe: |m| m.key_page,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[
            (k(KeyCode::Home), || Action::Home),
            (k(KeyCode::End), || Action::End),
            (c('g'), || Action::Home),
            (c('G'), || Action::End),
        ],
        label: "Home End g G",
        describe: |m| m.key_first_last,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[
            (k(KeyCode::Left), || Action::Left),
            (k(KeyCode::Right), || Action::Right),
            (c('h'), || Action::Left),
            (c('l'), || Action::Right),
            (k(KeyCode::Tab), || Action::NextPane),
            (k(KeyCode::BackTab), || Action::PrevPane),
        ],
        label: "← → h l Tab",
        describe: |m| m.key_panes,
        footer: 7,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[
            (k(KeyCode::Enter), || Action::Enter),
            (ctrl('j'), || Action::Enter),
        ],
        label: "Enter",
        describe: |m| m.key_open,
        footer: 4,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(k(KeyCode::Esc), || Action::Back)],
        label: "Esc",
        describe: |m| m.key_back,
        footer: 5,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &DIGIT_KEYS,
        label: "1–9",
        describe: |m| m.key_roles,
        footer: 8,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(c('0'), || Action::JumpHelpNow)],
        label: "0",
        describe: |m| m.key_help_now,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(c('/'), || Action::OpenSearch)],
        label: "/",
        describe: |m| m.key_search,
        footer: 2,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(c('?'), || Action::Help)],
        label: "?",
        describe: |m| m.key_help,
        footer: 1,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Browse,
        keys: &[(c('q'), || Action::Quit)],
        label: "q",
        describe: |m| m.key_quit,
        footer: 3,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(c('f'), || Action::OpenFilters)],
        label: "f",
        describe: |m| m.key_filters,
        footer: 8,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(c('F'), || Action::ClearFilters)],
        label: "F",
        describe: |m| m.key_clear_filters,
        footer: 0,
    },
    // Filter bar
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[
            (k(KeyCode::Tab), || Action::NextPane),
            (k(KeyCode::Down), || Action::NextPane),
            (k(KeyCode::BackTab), || Action::PrevPane),
            (k(KeyCode::Up), || Action::PrevPane),
        ],
        label: "Tab ↓ Shift-Tab ↑",
        describe: |m| m.key_filter_fields,
        footer: 2,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[(k(KeyCode::Char(' ')), || Action::ToggleField)],
        label: "Space",
        describe: |m| m.key_filter_toggle,
        footer: 3,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[
            (k(KeyCode::Enter), || Action::Back),
            (ctrl('j'), || Action::Back),
            (k(KeyCode::Esc), || Action::Back),
        ],
        label: "Enter Esc",
        describe: |m| m.key_filter_done,
        footer: 1,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[(k(KeyCode::Backspace), || Action::Backspace)],
        label: "Backspace",
        describe: |m| m.key_delete,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[(ctrl('u'), || Action::ClearQuery)],
        label: "Ctrl-U",
        describe: |m| m.key_filter_clear_field,
        footer: 4,
    },
    // Search box
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[
            (k(KeyCode::Up), || Action::Up),
            (k(KeyCode::Down), || Action::Down),
            (ctrl('p'), || Action::Up),
            (ctrl('n'), || Action::Down),
            (ctrl('k'), || Action::Up),
            (ctrl('j'), || Action::Down),
            (k(KeyCode::PageUp), || Action::PageUp),
            (k(KeyCode::PageDown), || Action::PageDown),
        ],
        label: "↑ ↓ Ctrl-P Ctrl-N Ctrl-K Ctrl-J PgUp PgDn",
        describe: |m| m.key_results,
        footer: 3,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[(k(KeyCode::Enter), || Action::Enter)],
        label: "Enter",
        describe: |m| m.key_jump,
        footer: 2,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[(k(KeyCode::Esc), || Action::Back)],
        label: "Esc",
        describe: |m| m.key_close_search,
        footer: 1,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[(ctrl('t'), || Action::ToggleScope)],
        label: "Ctrl-T",
        describe: |m| m.key_scope,
        footer: 4,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[(k(KeyCode::Backspace), || Action::Backspace)],
        label: "Backspace",
        describe: |m| m.key_delete,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[(ctrl('u'), || Action::ClearQuery)],
        label: "Ctrl-U",
        describe: |m| m.key_clear,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[(ctrl('w'), || Action::DeleteWord)],
        label: "Ctrl-W",
        describe: |m| m.key_delete_word,
        footer: 0,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Search,
        keys: &[(ctrl('y'), || Action::Copy)],
        label: "Ctrl-Y",
        describe: |m| m.key_copy_result,
        footer: 0,
    },
    // Help overlay
    Binding {
        mode: Mode::Both,
        context: Context::Help,
        keys: &[
            (k(KeyCode::Up), || Action::Up),
            (k(KeyCode::Down), || Action::Down),
            (c('k'), || Action::Up),
            (c('j'), || Action::Down),
            (k(KeyCode::PageUp), || Action::PageUp),
            (k(KeyCode::PageDown), || Action::PageDown),
        ],
        label: "↑ ↓ j k PgUp PgDn",
        describe: |m| m.key_scroll_help,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Help,
        keys: &[
            (k(KeyCode::Esc), || Action::Back),
            (c('?'), || Action::Back),
        ],
        label: "Esc ?",
        describe: |m| m.key_close_help,
        footer: 1,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Help,
        keys: &[(c('q'), || Action::Quit)],
        label: "q",
        describe: |m| m.key_quit,
        footer: 2,
    },
    // The card: every key but the quick exit closes it (see action_for_key_in).
    Binding {
        mode: Mode::Both,
        context: Context::Card,
        keys: &[
            (k(KeyCode::Esc), || Action::Back),
            (k(KeyCode::Enter), || Action::Back),
            (c('c'), || Action::Back),
        ],
        label: "Esc Enter c",
        describe: |m| m.key_close_card,
        footer: 1,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(c('L'), || Action::SwitchLanguage)],
        label: "L",
        describe: |m| m.key_language,
        footer: 10,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[(c('c'), || Action::ShowCard)],
        label: "c",
        describe: |m| m.key_card,
        footer: 11,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Browse,
        keys: &[(c('y'), || Action::Copy)],
        label: "y",
        describe: |m| m.key_copy,
        footer: 9,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Browse,
        keys: &[(c('o'), || Action::OpenLink)],
        label: "o",
        describe: |m| m.key_open_link,
        footer: 0,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Any,
        keys: &[
            (ctrl('c'), || Action::GoHome),
            (ctrl('d'), || Action::GoHome),
            (ctrl('z'), || Action::GoHome),
            (ctrl('\\'), || Action::GoHome),
            (ctrl('4'), || Action::GoHome),
        ],
        label: "Ctrl-C Ctrl-D Ctrl-Z Ctrl-\\",
        describe: |m| m.key_home,
        footer: 0,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Any,
        keys: &[(ctrl('o'), || Action::OperatorExit)],
        label: "Ctrl-O",
        describe: |m| m.key_operator,
        footer: 0,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Browse,
        keys: &[(c('q'), || Action::GoHome)],
        label: "q",
        describe: |m| m.key_home,
        footer: 3,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Help,
        keys: &[(c('q'), || Action::GoHome)],
        label: "q",
        describe: |m| m.key_home,
        footer: 2,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Pin,
        keys: &[
            (k(KeyCode::Enter), || Action::Enter),
            (ctrl('j'), || Action::Enter),
        ],
        label: "Enter",
        describe: |m| m.key_pin_enter,
        footer: 1,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Pin,
        keys: &[(k(KeyCode::Esc), || Action::Back)],
        label: "Esc",
        describe: |m| m.key_pin_cancel,
        footer: 2,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Pin,
        keys: &[(k(KeyCode::Backspace), || Action::Backspace)],
        label: "Backspace",
        describe: |m| m.key_delete,
        footer: 0,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in BINDINGS.iter().skip(i + 1) {
                let same_mode = a.mode == b.mode || a.mode == Mode::Both || b.mode == Mode::Both;
                let overlap = same_mode
                    && (a.context == b.context
                        || a.context == Context::Any
                        || b.context == Context::Any);
                if !overlap {
                    continue;
                }
                for (ka, _) in a.keys {
                    assert!(
                        !b.keys.iter().any(|(kb, _)| kb == ka),
                        "{ka:?} bound by both {} and {}",
                        a.label,
                        b.label
                    );
                }
            }
        }
    }

    /// The table is the whole truth: every key of every row, pressed where the row
    /// applies, does the action written beside it, and nothing rewrites it afterwards.
    #[test]
    fn every_key_does_what_its_row_says() {
        let mut checked = 0;
        for b in BINDINGS {
            for kiosk in [false, true] {
                if !b.mode.applies(kiosk) {
                    continue;
                }
                let context = if b.context == Context::Any {
                    Context::Browse
                } else {
                    b.context
                };
                for (key, action) in b.keys {
                    let got = action_for_key_in(context, kiosk, KeyEvent::new(key.code, key.mods));
                    assert_eq!(
                        format!("{got:?}"),
                        format!("{:?}", Some(action())),
                        "{key:?} in {context:?} ({})",
                        b.label
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 60, "{checked}");
    }

    #[test]
    fn keys_map_to_actions() {
        let b = Context::Browse;
        assert!(matches!(
            action_for_key(b, press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        ));
        assert!(matches!(
            action_for_key(b, press(KeyCode::Char('k'), KeyModifiers::NONE)),
            Some(Action::Up)
        ));
        assert!(matches!(
            action_for_key(b, press(KeyCode::Char('4'), KeyModifiers::NONE)),
            Some(Action::JumpRole(3))
        ));
        assert!(matches!(
            action_for_key(b, press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        ));
        assert!(matches!(
            action_for_key(b, press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        ));
        assert!(action_for_key(b, press(KeyCode::F(5), KeyModifiers::NONE)).is_none());
    }

    #[test]
    fn letters_are_typed_in_the_search_box() {
        let s = Context::Search;
        assert!(matches!(
            action_for_key(s, press(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Type('q'))
        ));
        assert!(matches!(
            action_for_key(s, press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Type('j'))
        ));
        assert!(matches!(
            action_for_key(s, press(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            Some(Action::QuickExit)
        ));
        assert!(matches!(
            action_for_key(s, press(KeyCode::Char('t'), KeyModifiers::CONTROL)),
            Some(Action::ToggleScope)
        ));
    }
}
