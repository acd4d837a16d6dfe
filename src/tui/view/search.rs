//! The search box and its results: the query line, the scope, each result with its
//! kind, number and matched letters.

use super::*;

pub(super) fn highlighted(
    text: &str,
    query: &str,
    base: Style,
    matched: Style,
) -> Vec<Span<'static>> {
    let marks = highlight(text, query);
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut current_matched = false;
    for (i, c) in text.chars().enumerate() {
        let m = marks.binary_search(&i).is_ok();
        if m != current_matched && !current.is_empty() {
            let style = if current_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut current), style));
        }
        current_matched = m;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(
            current,
            if current_matched { matched } else { base },
        ));
    }
    spans
}

pub(super) fn kind_label(app: &App, r: RecordRef) -> &'static str {
    let m = app.msg;
    match r {
        RecordRef::Hotline(_) => m.kind_hotline,
        RecordRef::Role(_) => m.kind_role,
        RecordRef::Action(..) => m.kind_action,
        RecordRef::Program | RecordRef::Strategy(_) | RecordRef::Endorsement(_) => m.kind_about,
        RecordRef::Fact(_) => m.kind_fact,
        RecordRef::Event(_) => m.kind_event,
        RecordRef::Service(_) => m.kind_service,
    }
}

pub(super) fn number_of(app: &App, r: RecordRef) -> Option<String> {
    match r {
        RecordRef::Hotline(i) => app.dir.hotlines.get(i).map(|h| match h.caution {
            Some(_) => format!("[{}] {}", app.msg.caution_mark, h.phone.display()),
            None => h.phone.display(),
        }),
        RecordRef::Service(i) => app
            .dir
            .services
            .get(i)?
            .phones
            .iter()
            .find(|p| p.kind != crate::directory::PhoneKind::Fax)
            .map(|p| p.phone.display()),
        _ => None,
    }
}

pub(super) fn search(app: &App, frame: &mut Frame<'_>, s: &Screen) {
    let Some(st) = &app.search else { return };
    let m = app.msg;
    let scope = match st.scope {
        Scope::All => m.scope_all.to_owned(),
        Scope::Role(r) => format!(
            "{} {}",
            m.scope_role,
            app.dir
                .roles
                .get(r)
                .map(|r| r.name.as_str())
                .unwrap_or_default()
        ),
    };
    let count = if st.pending {
        m.searching.to_owned()
    } else if st.query.trim().is_empty() {
        String::new()
    } else {
        format!(
            "{} {}",
            st.results.total,
            if st.results.total == 1 {
                m.result_one
            } else {
                m.results
            }
        )
    };
    let mut title = format!("{} — {scope} {count}", m.search_prompt);
    // Results cover what has loaded, and say so.
    if app.is_loading() {
        title = format!("{title} {}", m.search_partial);
    }
    let input_area = if s.search_input.height >= 3 {
        let block = pane_block(app, &title, true);
        frame.render_widget(block, s.search_input);
        inner(s.search_input)
    } else {
        s.search_input
    };
    let prompt = "/ ";
    let room = usize::from(input_area.width).saturating_sub(prompt.width() + 1);
    // Show the end of a long query, where the person is typing.
    let shown: String = {
        let chars: Vec<char> = st.query.chars().collect();
        let mut w = 0;
        let mut start = chars.len();
        while start > 0 {
            let cw = chars
                .get(start - 1)
                .and_then(|c| unicode_width::UnicodeWidthChar::width(*c))
                .unwrap_or(0);
            if w + cw > room {
                break;
            }
            w += cw;
            start -= 1;
        }
        chars.get(start..).unwrap_or_default().iter().collect()
    };
    let line = Line::from(vec![
        Span::styled(prompt, app.theme.key),
        Span::raw(shown.clone()),
    ]);
    frame.render_widget(Paragraph::new(line).style(app.theme.text), input_area);
    let cursor_x = input_area.x + u16::try_from(prompt.width() + shown.width()).unwrap_or(0);
    if input_area.width > 0 && input_area.height > 0 && cursor_x < input_area.x + input_area.width {
        frame.set_cursor_position(Position::new(cursor_x, input_area.y));
    }

    let results_block = pane_block(app, m.results, false);
    let list_area = if s.results.height >= 3 {
        frame.render_widget(results_block, s.results);
        inner(s.results)
    } else {
        s.results
    };
    if st.query.trim().is_empty() {
        frame.render_widget(
            Paragraph::new(m.search_hint)
                .wrap(Wrap { trim: true })
                .style(app.theme.dim),
            list_area,
        );
    } else if st.results.hits.is_empty() && !st.pending {
        let text = format!(
            "{} “{}” {} {}",
            m.no_match_before,
            st.query,
            m.no_match_after,
            app.dir.meta.emergency.display()
        );
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(app.theme.text),
            list_area,
        );
    } else {
        let query = st.query.as_str();
        let row = |i: usize| -> Option<Row> {
            let hit = st.results.hits.get(i)?;
            let title = app.dir.path_title(hit.record);
            let mut spans = vec![Span::styled(
                format!("{} ", kind_label(app, hit.record)),
                app.theme.dim,
            )];
            spans.extend(highlighted(&title, query, Style::new(), app.theme.matched));
            // The number is the tail, never cut; its matched digits are underlined in
            // the number itself when the query was a number.
            let tail = number_of(app, hit.record).map(|n| {
                let matched =
                    !highlight(&n, query).is_empty() && query.chars().any(|c| c.is_ascii_digit());
                let style = if matched {
                    app.theme.matched
                } else {
                    app.theme.heading
                };
                Span::styled(n, style)
            });
            let mut main = Line::from(spans);
            mark_if_old(app, hit.record, &mut main);
            Some(Row { main, tail })
        };
        list(
            app,
            frame,
            list_area,
            &row,
            st.results.hits.len(),
            st.selected,
            false,
        );
    }
    if s.preview.width > 0 {
        let hit = st.results.hits.get(st.selected).map(|h| h.record);
        let title = hit
            .and_then(|r| app.dir.title_of(r))
            .unwrap_or_default()
            .to_owned();
        frame.render_widget(pane_block(app, &title, false), s.preview);
        if let Some(r) = hit {
            let area = inner(s.preview);
            let lines: Vec<Line<'static>> = detail::item_lines(app, Item::Record(r), area.width)
                .into_iter()
                .take(usize::from(area.height))
                .collect();
            frame.render_widget(Paragraph::new(lines).style(app.theme.text), area);
        }
    }
}
