//! What lies over the screen: the card, the kiosk's PIN prompt, its countdown and its
//! note that the operator exit is off, the error screen, the too-small screen.

use super::*;

/// The card (`c`), over the whole screen below the hotline bar (the emergency number
/// and the pinned hotlines stay on screen, as everywhere): the record's numbers large,
/// the QR code beside them when there is room, its notices and the line on phone
/// safety, and how to leave it on the last row.
pub(super) fn card(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    let Some(r) = app.card_shown() else { return };
    let msg = crate::i18n::cli::for_language(&app.dir.meta.language);
    let Some(card) = crate::render::card::card(&app.dir, r, msg, true) else {
        return;
    };
    let top = s.bar.y.saturating_add(s.bar.height);
    let whole = frame.area();
    let area = Rect {
        y: top,
        height: whole.height.saturating_sub(top),
        ..whole
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Block::default().style(app.theme.text), area);
    if area.width < 3 || area.height < 3 {
        return;
    }
    frame.render_widget(pane_block(app, app.msg.card_title, true), area);
    let inside = inner(area);
    let (body, foot) = if inside.height >= 2 {
        (
            Rect {
                height: inside.height - 1,
                ..inside
            },
            Some(Rect {
                y: inside.y + inside.height - 1,
                height: 1,
                ..inside
            }),
        )
    } else {
        (inside, None)
    };
    let look = crate::render::card::Look {
        base: app.theme.text,
        title: app.theme.heading,
        label: app.theme.text,
        number: app.theme.number,
        notice: app.theme.text,
        mono_qr: app.theme.is_monochrome(),
    };
    let modules = card.qr.as_ref().and_then(|uri| app.qr.get(uri));
    let drawn = crate::render::card::draw(
        &card,
        body.width,
        Some(body.height),
        modules.map(Vec::as_slice),
        &look,
    );
    let buf = frame.buffer_mut();
    for y in 0..drawn.area.height.min(body.height) {
        for x in 0..drawn.area.width.min(body.width) {
            if let (Some(from), Some(to)) =
                (drawn.cell((x, y)), buf.cell_mut((body.x + x, body.y + y)))
            {
                *to = from.clone();
            }
        }
    }
    if let Some(foot) = foot {
        frame.render_widget(
            Paragraph::new(truncate(app.msg.card_close, usize::from(foot.width)))
                .style(app.theme.dim),
            foot,
        );
    }
}

/// Kiosk: when the configured PIN was refused, says that the operator exit is off, on
/// the footer's line, so the operator sees it and the kiosk still runs.
pub(super) fn pin_off(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    if !app.kiosk.as_ref().is_some_and(|k| k.pin_refused) || app.countdown().is_some() {
        return;
    }
    let area = s.footer;
    if area.height == 0 || area.width == 0 {
        return;
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(truncate(app.msg.pin_off, usize::from(area.width)))
            .style(app.theme.emergency),
        area,
    );
}

/// Kiosk: the data could not be used. On this screen `app.dir` is the built-in
/// directory, read in the interface language (`build_app` falls back to it). The screen
/// gives the emergency number and the built-in hotlines that serve everyone (no `area`:
/// the National Hotline, never one county's tip line on another county's kiosk), and
/// nothing about files, positions or commands: the operator's message goes to the
/// system log, never to the public screen.
pub(super) fn data_error(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let m = app.msg;
    let number = app.dir.meta.emergency.display();
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{}: {number}", m.emergency),
            app.theme.emergency,
        )),
        Line::default(),
        Line::from(Span::styled(m.data_error, app.theme.heading)),
        Line::from(format!("{} {number}.", m.data_error_help)),
    ];
    for h in data_error_hotlines(&app.dir) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(h.name.clone(), app.theme.heading)));
        lines.push(Line::from(format!("{}: {}", m.call, h.phone.display())));
        if let Some(t) = &h.text {
            lines.push(Line::from(format!("{}: {}", m.text, t.display())));
        }
        if let Some(t) = &h.tty {
            lines.push(Line::from(format!("{}: {}", m.tty, t.display())));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .style(app.theme.text),
        area,
    );
}

/// The hotlines the kiosk error screen lists: those that serve everyone (no `area`) and
/// are not the emergency line (its number is already on the screen).
#[must_use]
pub fn data_error_hotlines(dir: &crate::directory::Directory) -> Vec<&crate::directory::Hotline> {
    dir.hotlines
        .iter()
        .filter(|h| h.area.is_none() && !h.emergency)
        .collect()
}

/// Kiosk: the idle countdown, over the footer (or the last row of the body).
pub(super) fn countdown(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    let Some(secs) = app.countdown() else { return };
    let area = if s.footer.height > 0 {
        s.footer
    } else {
        Rect {
            y: s.body.y + s.body.height.saturating_sub(1),
            height: s.body.height.min(1),
            ..s.body
        }
    };
    let text = format!(
        "{} {secs}{}",
        app.msg.countdown_before, app.msg.countdown_after
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(truncate(&text, usize::from(area.width))).style(app.theme.emergency),
        area,
    );
}

/// Kiosk: the operator's PIN prompt. The PIN is never shown, only one dot a character.
pub(super) fn pin_prompt(app: &App, frame: &mut Frame<'_>, body: Rect) {
    let Some((entry, wrong)) = app.pin_prompt() else {
        return;
    };
    if body.width < 8 || body.height < 3 {
        return;
    }
    let w = body.width.min(40);
    let h = body.height.min(5);
    let area = Rect {
        x: body.x + (body.width - w) / 2,
        y: body.y + (body.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, area);
    frame.render_widget(pane_block(app, app.msg.pin_title, true), area);
    let inside = inner(area);
    let dots = "•".repeat(entry.chars().count());
    let mut lines = vec![Line::from(format!("{} {dots}", app.msg.pin_prompt))];
    if wrong {
        lines.push(Line::from(Span::styled(
            app.msg.pin_wrong,
            app.theme.heading,
        )));
    }
    if let Some(secs) = app.kiosk_wait() {
        lines.push(Line::from(format!(
            "{} {secs}{}",
            app.msg.pin_wait_before, app.msg.pin_wait_after
        )));
    }
    frame.render_widget(Paragraph::new(lines).style(app.theme.text), inside);
    let x = inside.x
        + u16::try_from(app.msg.pin_prompt.width() + 1 + entry.chars().count()).unwrap_or(0);
    if inside.height > 0 && x < inside.x + inside.width {
        frame.set_cursor_position(Position::new(x, inside.y));
    }
}

pub(super) fn too_small(app: &App, frame: &mut Frame<'_>, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let emergency = format!(
        "{}: {}",
        app.msg.emergency,
        app.dir.meta.emergency.display()
    );
    let mut lines = Vec::new();
    if emergency.width() <= usize::from(area.width) {
        lines.push(Line::from(Span::styled(emergency, app.theme.emergency)));
    } else {
        let number = app.dir.meta.emergency.display();
        if number.width() <= usize::from(area.width) {
            lines.push(Line::from(Span::styled(number, app.theme.emergency)));
        }
    }
    lines.push(Line::from(app.msg.too_small));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .style(app.theme.text),
        area,
    );
}
