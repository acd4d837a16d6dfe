//! The one key table: it maps keys to actions and generates the help overlay and the
//! footer hints, so what the app does and what it says it does cannot drift apart.

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

/// What a binding does.
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    /// A fixed action.
    Do(fn() -> Action),
    /// Digits 1–9: jump to that role.
    JumpRole,
}

/// One row of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// In which mode it applies.
    pub mode: Mode,
    /// The keys.
    pub keys: &'static [Key],
    /// How the keys are written in help and footer.
    pub label: &'static str,
    /// What it does.
    pub bound: Bound,
    /// Its description in the catalogue.
    pub describe: fn(&Messages) -> &'static str,
    /// Footer priority: 0 hides it from the footer; otherwise lower shows first, so the
    /// most important keys survive a narrow footer.
    pub footer: u8,
}

const DIGITS: [Key; 9] = [
    c('1'),
    c('2'),
    c('3'),
    c('4'),
    c('5'),
    c('6'),
    c('7'),
    c('8'),
    c('9'),
];

/// The key table. Later features add rows; a key is never bound twice in one context.
pub const BINDINGS: &[Binding] = &[
    Binding {
        mode: Mode::Both,
        context: Context::Any,
        keys: &[ctrl('x')],
        label: "Ctrl-X",
        bound: Bound::Do(|| Action::QuickExit),
        describe: |m| m.key_quick_exit,
        footer: 0,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Any,
        keys: &[ctrl('c')],
        label: "Ctrl-C",
        bound: Bound::Do(|| Action::Quit),
        describe: |m| m.key_quit,
        footer: 0,
    },
    // Browsing
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[k(KeyCode::Up), k(KeyCode::Down), c('k'), c('j')],
        label: "↑ ↓ j k",
        bound: Bound::Do(|| Action::Down),
        describe: |m| m.key_move,
        footer: 6,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[k(KeyCode::PageUp), k(KeyCode::PageDown)],
        label: "PgUp PgDn",
        bound: Bound::Do(|| Action::PageDown),
        describe: |m| m.key_page,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[k(KeyCode::Home), k(KeyCode::End), c('g'), c('G')],
        label: "Home End g G",
        bound: Bound::Do(|| Action::End),
        describe: |m| m.key_first_last,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[
            k(KeyCode::Left),
            k(KeyCode::Right),
            c('h'),
            c('l'),
            k(KeyCode::Tab),
            k(KeyCode::BackTab),
        ],
        label: "← → h l Tab",
        bound: Bound::Do(|| Action::Right),
        describe: |m| m.key_panes,
        footer: 7,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[k(KeyCode::Enter), ctrl('j')],
        label: "Enter",
        bound: Bound::Do(|| Action::Enter),
        describe: |m| m.key_open,
        footer: 4,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[k(KeyCode::Esc)],
        label: "Esc",
        bound: Bound::Do(|| Action::Back),
        describe: |m| m.key_back,
        footer: 5,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &DIGITS,
        label: "1–9",
        bound: Bound::JumpRole,
        describe: |m| m.key_roles,
        footer: 8,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[c('0')],
        label: "0",
        bound: Bound::Do(|| Action::JumpHelpNow),
        describe: |m| m.key_help_now,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[c('/')],
        label: "/",
        bound: Bound::Do(|| Action::OpenSearch),
        describe: |m| m.key_search,
        footer: 2,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[c('?')],
        label: "?",
        bound: Bound::Do(|| Action::Help),
        describe: |m| m.key_help,
        footer: 1,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Browse,
        keys: &[c('q')],
        label: "q",
        bound: Bound::Do(|| Action::Quit),
        describe: |m| m.key_quit,
        footer: 3,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[c('f')],
        label: "f",
        bound: Bound::Do(|| Action::OpenFilters),
        describe: |m| m.key_filters,
        footer: 8,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[c('F')],
        label: "F",
        bound: Bound::Do(|| Action::ClearFilters),
        describe: |m| m.key_clear_filters,
        footer: 0,
    },
    // Filter bar
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[
            k(KeyCode::Tab),
            k(KeyCode::Down),
            k(KeyCode::BackTab),
            k(KeyCode::Up),
        ],
        label: "Tab ↓ Shift-Tab ↑",
        bound: Bound::Do(|| Action::NextPane),
        describe: |m| m.key_filter_fields,
        footer: 2,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[k(KeyCode::Char(' '))],
        label: "Space",
        bound: Bound::Do(|| Action::ToggleField),
        describe: |m| m.key_filter_toggle,
        footer: 3,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[k(KeyCode::Enter), ctrl('j'), k(KeyCode::Esc)],
        label: "Enter Esc",
        bound: Bound::Do(|| Action::Back),
        describe: |m| m.key_filter_done,
        footer: 1,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[k(KeyCode::Backspace)],
        label: "Backspace",
        bound: Bound::Do(|| Action::Backspace),
        describe: |m| m.key_delete,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Filter,
        keys: &[ctrl('u')],
        label: "Ctrl-U",
        bound: Bound::Do(|| Action::ClearQuery),
        describe: |m| m.key_filter_clear_field,
        footer: 4,
    },
    // Search box
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[
            k(KeyCode::Up),
            k(KeyCode::Down),
            ctrl('p'),
            ctrl('n'),
            ctrl('k'),
            ctrl('j'),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown),
        ],
        label: "↑ ↓ Ctrl-P Ctrl-N Ctrl-K Ctrl-J PgUp PgDn",
        bound: Bound::Do(|| Action::Down),
        describe: |m| m.key_results,
        footer: 3,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[k(KeyCode::Enter)],
        label: "Enter",
        bound: Bound::Do(|| Action::Enter),
        describe: |m| m.key_jump,
        footer: 2,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[k(KeyCode::Esc)],
        label: "Esc",
        bound: Bound::Do(|| Action::Back),
        describe: |m| m.key_close_search,
        footer: 1,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[ctrl('t')],
        label: "Ctrl-T",
        bound: Bound::Do(|| Action::ToggleScope),
        describe: |m| m.key_scope,
        footer: 4,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[k(KeyCode::Backspace)],
        label: "Backspace",
        bound: Bound::Do(|| Action::Backspace),
        describe: |m| m.key_delete,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[ctrl('u')],
        label: "Ctrl-U",
        bound: Bound::Do(|| Action::ClearQuery),
        describe: |m| m.key_clear,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Search,
        keys: &[ctrl('w')],
        label: "Ctrl-W",
        bound: Bound::Do(|| Action::DeleteWord),
        describe: |m| m.key_delete_word,
        footer: 0,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Search,
        keys: &[ctrl('y')],
        label: "Ctrl-Y",
        bound: Bound::Do(|| Action::Copy),
        describe: |m| m.key_copy_result,
        footer: 0,
    },
    // Help overlay
    Binding {
        mode: Mode::Both,
        context: Context::Help,
        keys: &[
            k(KeyCode::Up),
            k(KeyCode::Down),
            c('k'),
            c('j'),
            k(KeyCode::PageUp),
            k(KeyCode::PageDown),
        ],
        label: "↑ ↓ j k PgUp PgDn",
        bound: Bound::Do(|| Action::Down),
        describe: |m| m.key_scroll_help,
        footer: 0,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Help,
        keys: &[k(KeyCode::Esc), c('?')],
        label: "Esc ?",
        bound: Bound::Do(|| Action::Back),
        describe: |m| m.key_close_help,
        footer: 1,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Help,
        keys: &[c('q')],
        label: "q",
        bound: Bound::Do(|| Action::Quit),
        describe: |m| m.key_quit,
        footer: 2,
    },
    Binding {
        mode: Mode::Both,
        context: Context::Browse,
        keys: &[c('L')],
        label: "L",
        bound: Bound::Do(|| Action::SwitchLanguage),
        describe: |m| m.key_language,
        footer: 10,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Browse,
        keys: &[c('y')],
        label: "y",
        bound: Bound::Do(|| Action::Copy),
        describe: |m| m.key_copy,
        footer: 9,
    },
    Binding {
        mode: Mode::NotKiosk,
        context: Context::Browse,
        keys: &[c('o')],
        label: "o",
        bound: Bound::Do(|| Action::OpenLink),
        describe: |m| m.key_open_link,
        footer: 0,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Any,
        keys: &[ctrl('c'), ctrl('d'), ctrl('z'), ctrl('\\'), ctrl('4')],
        label: "Ctrl-C Ctrl-D Ctrl-Z Ctrl-\\",
        bound: Bound::Do(|| Action::GoHome),
        describe: |m| m.key_home,
        footer: 0,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Any,
        keys: &[ctrl('o')],
        label: "Ctrl-O",
        bound: Bound::Do(|| Action::OperatorExit),
        describe: |m| m.key_operator,
        footer: 0,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Browse,
        keys: &[c('q')],
        label: "q",
        bound: Bound::Do(|| Action::GoHome),
        describe: |m| m.key_home,
        footer: 3,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Help,
        keys: &[c('q')],
        label: "q",
        bound: Bound::Do(|| Action::GoHome),
        describe: |m| m.key_home,
        footer: 2,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Pin,
        keys: &[k(KeyCode::Enter), ctrl('j')],
        label: "Enter",
        bound: Bound::Do(|| Action::Enter),
        describe: |m| m.key_pin_enter,
        footer: 1,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Pin,
        keys: &[k(KeyCode::Esc)],
        label: "Esc",
        bound: Bound::Do(|| Action::Back),
        describe: |m| m.key_pin_cancel,
        footer: 2,
    },
    Binding {
        mode: Mode::KioskOnly,
        context: Context::Pin,
        keys: &[k(KeyCode::Backspace)],
        label: "Backspace",
        bound: Bound::Do(|| Action::Backspace),
        describe: |m| m.key_delete,
        footer: 0,
    },
];

/// Keys whose action depends on which of the row's keys was pressed: the table holds
/// one action per row for the help text, and this refines it.
fn refine(key: KeyEvent, action: Action) -> Action {
    match (key.code, action) {
        (KeyCode::Up | KeyCode::Char('k'), Action::Down) => Action::Up,
        (KeyCode::PageUp, Action::Down | Action::PageDown) => Action::PageUp,
        (KeyCode::PageDown, Action::Down) => Action::PageDown,
        (KeyCode::Home | KeyCode::Char('g'), Action::End) => Action::Home,
        (KeyCode::Char('p'), Action::Down) => Action::Up,
        (KeyCode::Left | KeyCode::Char('h'), Action::Right) => Action::Left,
        (KeyCode::Tab, Action::Right) => Action::NextPane,
        (KeyCode::BackTab, Action::Right) => Action::PrevPane,
        (KeyCode::BackTab | KeyCode::Up, Action::NextPane) => Action::PrevPane,
        (_, a) => a,
    }
}

fn key_matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shift is part of the character itself ('?', 'L'), and terminals differ in
    // whether they report it; BackTab arrives with Shift too.
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    let code_eq = match (key.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            if key.mods.contains(KeyModifiers::CONTROL) {
                a.eq_ignore_ascii_case(&b)
            } else {
                a == b
            }
        }
        (a, b) => a == b,
    };
    code_eq && mods == key.mods
}

/// The action for a key press in a context, outside kiosk mode.
#[must_use]
pub fn action_for_key(context: Context, ev: KeyEvent) -> Option<Action> {
    action_for_key_in(context, false, ev)
}

/// Whether a key is Ctrl-X, whatever other modifiers came with it (Alt, Shift, Super:
/// keys typed while a slow terminal merges them must still quick-exit).
#[must_use]
pub fn is_quick_exit(ev: &KeyEvent) -> bool {
    ev.kind != KeyEventKind::Release
        && ev.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(ev.code, KeyCode::Char('x' | 'X'))
}

/// The action for a key press in a context and mode, if any. Unknown keys give `None`.
#[must_use]
pub fn action_for_key_in(context: Context, kiosk: bool, ev: KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    // The quick exit's row in the table below is Ctrl-X; with any other modifier
    // it means the same, in every context.
    if is_quick_exit(&ev) {
        return Some(Action::QuickExit);
    }
    for b in BINDINGS {
        if (b.context != Context::Any && b.context != context) || !b.mode.applies(kiosk) {
            continue;
        }
        if let Some(pos) = b.keys.iter().position(|key| key_matches(key, &ev)) {
            return Some(match b.bound {
                Bound::Do(f) => refine(ev, f()),
                Bound::JumpRole => Action::JumpRole(pos),
            });
        }
    }
    // In the search box and the PIN prompt, plain characters are typed.
    if matches!(context, Context::Search | Context::Pin | Context::Filter)
        && let KeyCode::Char(ch) = ev.code
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER)
    {
        return Some(Action::Type(ch));
    }
    None
}

/// The action for any terminal event in a context, outside kiosk mode.
#[must_use]
pub fn action_for_event(context: Context, ev: &Event) -> Option<Action> {
    action_for_event_in(context, false, ev)
}

/// The action for any terminal event in a context and mode, if any.
#[must_use]
pub fn action_for_event_in(context: Context, kiosk: bool, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(key) => action_for_key_in(context, kiosk, *key),
        Event::Paste(text) if matches!(context, Context::Search | Context::Filter) => {
            Some(Action::Paste(text.clone()))
        }
        Event::Mouse(MouseEvent {
            kind, column, row, ..
        }) => match kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: *column,
                row: *row,
            }),
            MouseEventKind::ScrollUp => Some(Action::Scroll {
                column: *column,
                row: *row,
                delta: -3,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll {
                column: *column,
                row: *row,
                delta: 3,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

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
                for ka in a.keys {
                    assert!(
                        !b.keys.contains(ka),
                        "{ka:?} bound by both {} and {}",
                        a.label,
                        b.label
                    );
                }
            }
        }
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
