//! Helpers shared by the app tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use heatwatch::app::App;
use heatwatch::cli::ThemeName;
use heatwatch::directory::{Directory, load};
use heatwatch::search::SearchIndex;
use heatwatch::ui::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub fn app_for(dir: Directory, w: u16, h: u16) -> App {
    let index = SearchIndex::build(&dir);
    let mut app = App::new(
        Arc::new(dir),
        Arc::new(index),
        Theme::new(ThemeName::Default, false),
    );
    app.update(heatwatch::action::Action::Resize(w, h));
    app
}

pub fn embedded_app(w: u16, h: u16) -> App {
    app_for(load::embedded().expect("embedded loads"), w, h)
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn press(app: &mut App, code: KeyCode) -> Option<heatwatch::app::Effect> {
    app.handle_event_sync(&key(code))
}

pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_event_sync(&key(KeyCode::Char(c)));
    }
}

/// Renders into a TestBackend and returns the terminal.
pub fn render(app: &App, w: u16, h: u16) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| heatwatch::ui::render(app, f)).unwrap();
    terminal
}

/// The rendered screen as plain text lines.
pub fn screen_text(app: &App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
