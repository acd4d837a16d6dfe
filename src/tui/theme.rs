//! Colours and styles. Selection and focus never rely on colour alone: the selected row
//! is reversed and marked, the focused pane has a double border and a marked title.

use clap::ValueEnum;
use ratatui::style::{Color, Modifier, Style};

/// Colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeName {
    /// Colours for everyday use.
    #[default]
    Default,
    /// Strong contrast, for kiosks and low vision.
    HighContrast,
    /// No colour at all: reverse video and markers only.
    Monochrome,
}

/// Styles for every part of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// Plain text.
    pub text: Style,
    /// Less important text (sources, hints).
    pub dim: Style,
    /// Headings inside the detail.
    pub heading: Style,
    /// The header line.
    pub header: Style,
    /// The hotline bar.
    pub bar: Style,
    /// Numbers in the hotline bar and detail.
    pub number: Style,
    /// The emergency number.
    pub emergency: Style,
    /// Borders of unfocused panes.
    pub border: Style,
    /// Border of the focused pane.
    pub border_focused: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of an unfocused pane.
    pub selected_unfocused: Style,
    /// Matched characters in search results.
    pub matched: Style,
    /// Footer key names.
    pub key: Style,
}

impl Theme {
    /// Whether this is the monochrome theme (no colour at all).
    #[must_use]
    pub fn is_monochrome(&self) -> bool {
        self.name == ThemeName::Monochrome
    }

    /// The theme for a name; `no_color` (NO_COLOR set) forces monochrome.
    #[must_use]
    pub fn new(name: ThemeName, no_color: bool) -> Self {
        let name = if no_color {
            ThemeName::Monochrome
        } else {
            name
        };
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        match name {
            ThemeName::Monochrome => Self {
                name,
                text: Style::new(),
                dim: Style::new(),
                heading: bold,
                header: bold,
                bar: reversed,
                number: reversed.add_modifier(Modifier::BOLD),
                emergency: reversed.add_modifier(Modifier::BOLD),
                border: Style::new(),
                border_focused: bold,
                selected: reversed.add_modifier(Modifier::BOLD),
                selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
                matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                key: bold,
            },
            ThemeName::HighContrast => Self {
                name,
                text: Style::new().fg(Color::White).bg(Color::Black),
                dim: Style::new().fg(Color::White).bg(Color::Black),
                heading: Style::new()
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                header: Style::new()
                    .fg(Color::Black)
                    .bg(Color::White)
                    .add_modifier(Modifier::BOLD),
                bar: Style::new().fg(Color::White).bg(Color::Black),
                number: Style::new()
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                emergency: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                border: Style::new().fg(Color::White).bg(Color::Black),
                border_focused: Style::new()
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                selected: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                selected_unfocused: Style::new()
                    .fg(Color::White)
                    .bg(Color::Black)
                    .add_modifier(Modifier::UNDERLINED),
                matched: Style::new()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                key: Style::new()
                    .fg(Color::Yellow)
                    .bg(Color::Black)
                    .add_modifier(Modifier::BOLD),
            },
            ThemeName::Default => Self {
                name,
                text: Style::new(),
                dim: Style::new().fg(Color::Gray),
                heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                header: Style::new()
                    .fg(Color::White)
                    .bg(Color::Blue)
                    .add_modifier(Modifier::BOLD),
                bar: Style::new().fg(Color::White).bg(Color::Red),
                number: Style::new()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD),
                emergency: Style::new()
                    .fg(Color::Yellow)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD),
                border: Style::new().fg(Color::DarkGray),
                border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                selected: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
                matched: Style::new()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            },
        }
    }
}
