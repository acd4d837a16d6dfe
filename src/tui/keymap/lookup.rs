//! Looking a key up in the table: the action an event means in a context, with the
//! rules the table cannot say (Ctrl-X with any modifier, typing in text fields, any key
//! closing the card).

use super::*;

pub(super) fn key_matches(key: &Key, ev: &KeyEvent) -> bool {
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
        if let Some((_, action)) = b.keys.iter().find(|(key, _)| key_matches(key, &ev)) {
            return Some(action());
        }
    }
    // On the card, any other key closes it: a person showing a number presses anything.
    if context == Context::Card {
        return Some(Action::Back);
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
