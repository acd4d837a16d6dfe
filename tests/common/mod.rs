//! Helpers shared by the app tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

pub mod pty;

use heatwatch::cli::ThemeName;
use heatwatch::directory::{Directory, load};
use heatwatch::search::SearchIndex;
use heatwatch::tui::app::App;
use heatwatch::tui::theme::Theme;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub fn app_for(dir: Directory, w: u16, h: u16) -> App {
    let index = SearchIndex::build(&dir);
    let mut app = App::new(
        Arc::new(dir),
        Arc::new(index),
        Theme::new(ThemeName::Default, false),
    );
    app.update(heatwatch::tui::action::Action::Resize(w, h));
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

/// One key, then a frame, as the event loop does: what the frame found out (how far
/// the detail can scroll) goes back to the state.
pub fn press(app: &mut App, code: KeyCode) -> Option<heatwatch::tui::app::Effect> {
    let effect = app.handle_event_sync(&key(code));
    frame(app);
    effect
}

pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_event_sync(&key(KeyCode::Char(c)));
        frame(app);
    }
}

/// Draws a frame at the app's size into a test backend and hands what it found out to
/// the state ([`App::drawn`]), as the event loop does after every event.
pub fn frame(app: &mut App) {
    let (w, h) = app.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    let mut drawn = heatwatch::tui::app::layout::Drawn::default();
    terminal
        .draw(|f| drawn = heatwatch::tui::view::render(app, f))
        .unwrap();
    app.drawn(drawn);
}

/// Renders into a TestBackend and returns the terminal.
pub fn render(app: &App, w: u16, h: u16) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| {
            heatwatch::tui::view::render(app, f);
        })
        .unwrap();
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

/// What one run of the real binary printed, and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output read as JSON; a test fails with the text when it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

/// Runs the real binary from the project's directory with `args`, in an environment
/// cleared of what would change its output (`HEATWATCH_DATA`, `NO_COLOR`,
/// `RUST_BACKTRACE`, the locale variables), then given `env`. Asserts that it exited
/// (was not killed), wrote UTF-8 and did not panic.
pub fn run_heatwatch(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("heatwatch");
    // A hang detector, not a timing assertion: a hung command is killed and fails.
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .timeout(std::time::Duration::from_secs(120));
    for name in [
        "HEATWATCH_DATA",
        "HEATWATCH_TRUSTED_KEY",
        "NO_COLOR",
        "RUST_BACKTRACE",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        cmd.env_remove(name);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().expect("heatwatch runs");
    let run = Run {
        code: output.status.code().expect("heatwatch exits, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "{args:?} panicked: {text}");
    }
    run
}

/// Asserts that neither output stream of a run holds ESC or BEL.
pub fn assert_no_escapes(args: &[&str], run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{args:?} printed a control character: {text:?}"
        );
    }
}

/// The embedded directory (which declares its Spanish translation) with `n` fictional
/// local services (555-01XX numbers) as its last field, as `heatwatch import` writes a
/// county's file: what the app shows in two steps, its head at once. With `broken`, the
/// last service repeats the first one's id, which only the whole load finds.
pub fn head_then_services(n: usize, broken: bool) -> String {
    let embedded = load::EMBEDDED_JSON.trim_end();
    let head = embedded
        .strip_suffix('}')
        .expect("the embedded file is an object");
    let mut out = String::with_capacity(head.len() + n * 320);
    out.push_str(head);
    out.push_str(",\n  \"services\": [\n");
    for k in 0..n {
        let id = if broken && k + 1 == n && n > 1 { 0 } else { k };
        if k > 0 {
            out.push_str(",\n");
        }
        out.push_str(&format!(
            "    {{\"id\": \"svc-{id}\", \"name\": \"Harbor shelter {k}\", \
             \"description\": \"Beds and meals for the night.\", \"area\": \"Oakland\", \
             \"phones\": [{{\"number\": \"510-555-01{:02}\"}}], \
             \"source\": [\"heat-watch-page\"], \"retrieved\": \"2026-12-04\"}}",
            k % 100
        ));
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// [`head_then_services`] written to a temporary file.
pub fn head_then_services_file(n: usize, broken: bool) -> tempfile::NamedTempFile {
    use std::io::Write as _;
    let mut file = tempfile::Builder::new()
        .prefix("county")
        .suffix(".json")
        .tempfile()
        .expect("temp file");
    file.write_all(head_then_services(n, broken).as_bytes())
        .expect("write temp file");
    file.flush().expect("flush temp file");
    file
}

/// [`head_then_services`] with its services moved before every other field: a valid
/// file whose head cannot be read before its services.
pub fn services_first(n: usize) -> String {
    let text = head_then_services(n, false);
    let at = text.find(",\n  \"services\"").expect("the services field");
    let services = &text[at + 1..text.len() - 3];
    format!("{{{services},\n{}}}\n", &text[1..at])
}
