//! Everything that can happen to the app's state.

use crate::search::Results;

/// A message to [`crate::tui::app::App::update`].
#[derive(Debug, Clone)]
pub enum Action {
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move up a page.
    PageUp,
    /// Move down a page.
    PageDown,
    /// First row.
    Home,
    /// Last row.
    End,
    /// Focus the pane to the left.
    Left,
    /// Focus the pane to the right.
    Right,
    /// Next pane, wrapping.
    NextPane,
    /// Previous pane, wrapping.
    PrevPane,
    /// Open the selection / go one level deeper.
    Enter,
    /// Back one level; closes search or an overlay.
    Back,
    /// Jump to the n-th role (0-based).
    JumpRole(usize),
    /// Open search.
    OpenSearch,
    /// Toggle the help overlay.
    Help,
    /// Quit normally.
    Quit,
    /// Clear the screen and scrollback and leave at once.
    QuickExit,
    /// In search: all / this role only.
    ToggleScope,
    /// In search: a typed character.
    Type(char),
    /// In search: pasted text.
    Paste(String),
    /// In search: delete the last character.
    Backspace,
    /// In search: clear the query.
    ClearQuery,
    /// In search: delete the last word of the query (Ctrl-W).
    DeleteWord,
    /// Go to *Get help now*, the hotlines (`0`).
    JumpHelpNow,
    /// Mouse click at a cell.
    Click {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
    },
    /// Mouse wheel at a cell; negative is up.
    Scroll {
        /// Column.
        column: u16,
        /// Row.
        row: u16,
        /// Rows to scroll.
        delta: i8,
    },
    /// Back to the home screen, everything reset (kiosk: what `q` and Ctrl-C do).
    GoHome,
    /// Kiosk: Ctrl-O, the operator's way out (asks for the PIN).
    OperatorExit,
    /// The clock: time since the app started. The event loop sends it before every input
    /// and a few times a second; tests inject it.
    Tick(std::time::Duration),
    /// The wall clock: the event loop sends it when the minute changes; tests inject it.
    Clock(jiff::Timestamp),
    /// Open the filter bar.
    OpenFilters,
    /// Turn every filter off.
    ClearFilters,
    /// Show the selected record's numbers as a large card (`c`).
    ShowCard,
    /// In the filter bar: switch a choice (phone type, open now).
    ToggleField,
    /// Copy the selected number or record to the clipboard (not in kiosk mode).
    Copy,
    /// Open the selected record's web link (not in kiosk mode).
    OpenLink,
    /// Kiosk: an input with no meaning here, which still counts as someone being there.
    Activity,
    /// Switch to the next language, keeping the person where they are.
    SwitchLanguage,
    /// The terminal was resized.
    Resize(u16, u16),
    /// Search results for a request.
    SearchDone(u64, Results),
    /// How far the local services have loaded behind the directory's head, in percent.
    Progress(u8),
}
