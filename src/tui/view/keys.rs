//! The keys on screen: the footer's hints and the help overlay, both from the one key
//! table.

use super::*;

pub(super) fn footer(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    if s.footer.height == 0 {
        return;
    }
    let context = app.context();
    let label_here = s.footer.contains(s.quick_exit.as_position());
    let reserved = if label_here {
        s.quick_exit.width + 1
    } else {
        0
    };
    let width = usize::from(s.footer.width.saturating_sub(reserved));
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(status) = &app.status {
        frame.render_widget(
            Paragraph::new(truncate(status, width)).style(app.theme.heading),
            s.footer,
        );
        if label_here {
            quick_exit_label(app, frame, s);
        }
        return;
    }
    // While local services load, how far they have come, before any hint.
    if let Some(percent) = app.loading {
        let line = progress_line(app.msg.loading_services, percent, width);
        used += line.width() + 2;
        spans.push(Span::styled(line, app.theme.heading));
        spans.push(Span::raw("  "));
    }
    let kiosk = app.kiosk.is_some();
    let mut shown: Vec<_> = BINDINGS
        .iter()
        .filter(|b| {
            b.footer > 0
                && b.mode.applies(kiosk)
                && (b.context == context || b.context == Context::Any)
        })
        .collect();
    shown.sort_by_key(|b| b.footer);
    for b in shown {
        let Some(short) = footer_hint(app, b) else {
            continue;
        };
        let piece_w = b.label.width() + 1 + short.width() + 2;
        // A hint that does not fit is left out whole, never cut.
        if used + piece_w > width {
            break;
        }
        spans.push(Span::styled(b.label, app.theme.key));
        spans.push(Span::styled(format!(" {short}  "), app.theme.dim));
        used += piece_w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), s.footer);
    if label_here {
        quick_exit_label(app, frame, s);
    }
}

/// A binding's hint in the footer, as it applies now: its description up to the first
/// `,` or `:` ("filter: language, area…" is "filter"), and for Ctrl-T what it will do
/// from the search's current scope; `None` when the key would do nothing now.
pub(super) fn footer_hint(app: &App, b: &crate::tui::keymap::Binding) -> Option<&'static str> {
    let m = app.msg;
    let toggles_scope = b
        .keys
        .first()
        .is_some_and(|(_, action)| matches!(action(), crate::tui::action::Action::ToggleScope));
    if toggles_scope {
        let s = app.search.as_ref()?;
        return match (s.scope, s.role) {
            (Scope::All, Some(_)) => Some(m.key_scope_to_role),
            (Scope::All, None) => None,
            (Scope::Role(_), _) => Some(m.key_scope_to_all),
        };
    }
    let desc = (b.describe)(m);
    Some(desc.split([',', ':']).next().unwrap_or(desc).trim())
}

/// Lines wrapped to `width`, each wrapped line indented as its first line's text starts:
/// a key's description goes on under the description, not under the key.
pub(super) fn wrap_keeping_indent(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        // The first span of a key row is the key column; its width is the indent.
        let (lead, rest): (Vec<Span<'static>>, Vec<Span<'static>>) = match line.spans.len() {
            2.. => {
                let mut spans = line.spans.clone();
                let rest = spans.split_off(1);
                (spans, rest)
            }
            _ => (Vec::new(), line.spans.clone()),
        };
        let lead_width: usize = lead.iter().map(Span::width).sum();
        let text: String = rest.iter().map(|s| s.content.as_ref()).collect();
        let own_indent = text.chars().take_while(|c| *c == ' ').count();
        let indent = " ".repeat(lead_width + own_indent);
        let style = rest.first().map_or(line.style, |s| s.style);
        let room = width.saturating_sub(lead_width).max(1);
        let options = textwrap::Options::new(room)
            .subsequent_indent(&indent[lead_width.min(indent.len())..])
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(true);
        for (k, piece) in textwrap::wrap(&text, options).into_iter().enumerate() {
            let mut spans = if k == 0 {
                lead.clone()
            } else {
                vec![Span::raw(" ".repeat(lead_width))]
            };
            spans.push(Span::styled(piece.into_owned(), style));
            out.push(Line::from(spans).style(line.style));
        }
    }
    out
}

/// The help overlay's lines, generated from the key table.
#[must_use]
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let m = app.msg;
    let kiosk = app.kiosk.is_some();
    // Safety first: the emergency number, then the keys that work everywhere (the
    // quick exit among them), before the keys of each screen.
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{}: {}", m.emergency, app.dir.meta.emergency.display()),
            app.theme.emergency,
        )),
        Line::default(),
    ];
    for (ctx, heading) in [
        (Context::Any, m.ctx_any),
        (Context::Browse, m.ctx_browse),
        (Context::Search, m.ctx_search),
        (Context::Filter, m.ctx_filter),
        (Context::Help, m.ctx_help),
        (Context::Card, m.ctx_card),
        (Context::Pin, m.ctx_pin),
    ] {
        let rows: Vec<_> = BINDINGS
            .iter()
            .filter(|b| b.context == ctx && b.mode.applies(kiosk))
            .collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(heading, app.theme.heading)));
        for b in rows {
            // A label longer than its column stands on its own line, the words under
            // the description column.
            let key = if b.label.width() < 18 {
                format!("  {:<18}", b.label)
            } else {
                lines.push(Line::from(Span::styled(
                    format!("  {}", b.label),
                    app.theme.key,
                )));
                " ".repeat(20)
            };
            lines.push(Line::from(vec![
                Span::styled(key, app.theme.key),
                Span::raw((b.describe)(m)),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(m.syntax_title, app.theme.heading)));
    lines.extend(m.syntax_lines.iter().map(|l| Line::from(*l)));
    lines.push(Line::default());
    lines.push(Line::from(m.mouse_help));
    lines
}

/// Draws the help overlay; returns its largest scroll offset.
pub(super) fn help(app: &App, frame: &mut Frame<'_>, body: Rect) -> Option<u16> {
    if body.width < 4 || body.height < 3 {
        return None;
    }
    let w = body.width.min(76);
    let h = body.height;
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, area);
    let block = pane_block(
        app,
        &format!("{} — {}", app.msg.help_title, app.msg.help_close),
        true,
    );
    frame.render_widget(block, area);
    let in_area = inner(area);
    let lines = wrap_keeping_indent(help_lines(app), usize::from(in_area.width));
    let max = lines.len().saturating_sub(usize::from(in_area.height));
    let scroll = usize::from(app.help_scroll()).min(max);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).style(app.theme.text),
        in_area,
    );
    // More below: said on the bottom border, so nobody takes the fold for the end.
    if scroll < max && area.height >= 3 {
        let more = truncate(app.msg.help_more, usize::from(area.width.saturating_sub(4)));
        let width = u16::try_from(more.width()).unwrap_or(0);
        let at = Rect {
            x: area.right().saturating_sub(width + 2),
            y: area.bottom().saturating_sub(1),
            width,
            height: 1,
        };
        frame.render_widget(Paragraph::new(more).style(app.theme.key), at);
    }
    Some(u16::try_from(max).unwrap_or(u16::MAX))
}

/// The progress line in `width` columns: when it does not fit, its words are cut and
/// the percentage kept ("Loading local… 40%"), which is what a person waits on.
fn progress_line(template: &str, percent: u8, width: usize) -> String {
    let number = format!("{percent}%");
    let line = template
        .replace("{percent}%", &number)
        .replace("{percent}", &number);
    if line.width() <= width {
        return line;
    }
    let words = template
        .split("{percent}")
        .next()
        .unwrap_or_default()
        .trim_end();
    let room = width.saturating_sub(number.width() + 1);
    if room == 0 {
        return truncate(&number, width);
    }
    format!("{} {number}", truncate(words, room))
}
