//! The documents of several records: the hotlines with the emergency number first,
//! the roles, and the printable handout.

use super::*;

pub(super) fn emergency_blocks(dir: &Directory, msg: &CliMessages) -> Vec<Block> {
    let mut v = vec![Block::Para(vec![
        Inline::Strong(format!("{}: ", msg.app.emergency)),
        Inline::Phone(dir.meta.emergency.clone()),
    ])];
    if let Some(s) = &dir.meta.safety_line {
        v.push(para(s));
    }
    v
}

/// Whether a hotline only repeats the emergency number the text already opens with
/// (the embedded directory's "Emergency — 911"): the text outputs give that number once.
pub(super) fn repeats_emergency_number(h: &crate::directory::Hotline, dir: &Directory) -> bool {
    h.emergency
        && h.text.is_none()
        && h.tty.is_none()
        && h.phone.extension.is_none()
        && crate::directory::phone::digits(&h.phone.number)
            == crate::directory::phone::digits(&dir.meta.emergency.number)
}

/// The blocks of `heatwatch hotlines`.
#[must_use]
pub fn hotlines_blocks(dir: &Directory, msg: &CliMessages) -> Vec<Block> {
    let mut out = emergency_blocks(dir, msg);
    for h in dir
        .hotlines
        .iter()
        .filter(|h| !repeats_emergency_number(h, dir))
    {
        out.push(Block::Heading(2, h.name.clone()));
        let mut f = Vec::new();
        push_field(&mut f, msg.label_id, Some(&h.id));
        f.extend(hotline_fields(h, true, msg));
        out.push(Block::Fields(f));
        out.push(para(&h.purpose));
    }
    out.push(para(fill(
        msg.data_as_of,
        &[("date", &(msg.app.long_date)(dir.meta.retrieved))],
    )));
    out.extend(unreviewed_block(dir, msg));
    out
}

/// The blocks of `heatwatch roles`.
#[must_use]
pub fn roles_blocks(dir: &Directory, msg: &CliMessages) -> Vec<Block> {
    let mut out = Vec::new();
    for role in &dir.roles {
        out.push(Block::Heading(2, format!("{} [{}]", role.name, role.id)));
        out.push(para(&role.summary));
        if !role.actions.is_empty() {
            out.push(Block::Bullets(
                role.actions
                    .iter()
                    .map(|a| vec![text(format!("{} [{}]", a.title, a.id))])
                    .collect(),
            ));
        }
    }
    out.extend(unreviewed_block(dir, msg));
    out
}

/// The printable handout of `heatwatch export`: emergency number, hotlines, the actions
/// of one role (or all), then the as-of date and sources.
#[must_use]
pub fn handout_blocks(dir: &Directory, role: Option<usize>, msg: &CliMessages) -> Vec<Block> {
    let meta = &dir.meta;
    let mut out = vec![
        Block::Heading(1, meta.name.clone()),
        para(format!("{} — {}", meta.organization, meta.region)),
        Block::Group("emergency", emergency_blocks(dir, msg)),
    ];
    if let Some(n) = &meta.need_help {
        out.push(para(n));
    }

    out.push(Block::Heading(2, msg.handout_hotlines.to_owned()));
    for h in dir
        .hotlines
        .iter()
        .filter(|h| !repeats_emergency_number(h, dir))
    {
        let mut g = vec![
            Block::Heading(3, h.name.clone()),
            Block::Fields(hotline_fields(h, false, msg)),
            para(&h.purpose),
        ];
        if let Some(f) = hotline_flags(h, msg) {
            g.push(para(f));
        }
        if !h.notes.is_empty() {
            g.push(Block::Bullets(
                h.notes.iter().map(|n| vec![text(n)]).collect(),
            ));
        }
        out.push(Block::Group("hotline", g));
    }

    let roles: Vec<&Role> = match role {
        Some(i) => dir.roles.get(i).into_iter().collect(),
        None => dir.roles.iter().collect(),
    };
    if !roles.is_empty() {
        out.push(Block::Heading(2, msg.handout_what_you_can_do.to_owned()));
    }
    for role in roles {
        let mut g = vec![Block::Heading(3, role.name.clone()), para(&role.summary)];
        for a in &role.actions {
            let mut ag = vec![Block::Heading(4, a.title.clone()), para(&a.summary)];
            if !a.next_steps.is_empty() {
                ag.push(Block::Para(vec![Inline::Strong(format!(
                    "{}:",
                    msg.app.next_steps
                ))]));
                ag.push(Block::Numbered(
                    a.next_steps.iter().map(|s| vec![text(s)]).collect(),
                ));
            }
            let calls: Vec<Vec<Inline>> = a
                .hotlines
                .iter()
                .filter_map(|&h| dir.hotlines.get(h))
                .map(|h| hotline_call_item(h, msg))
                .collect();
            if !calls.is_empty() {
                ag.push(Block::Para(vec![Inline::Strong(format!(
                    "{}:",
                    msg.app.who_to_call
                ))]));
                ag.push(Block::Bullets(calls));
            }
            g.push(Block::Group("action", ag));
        }
        out.push(Block::Group("role", g));
    }

    out.push(Block::Heading(2, msg.handout_about.to_owned()));
    let mut about = vec![para(fill(
        msg.handout_made_by,
        &[
            ("version", env!("CARGO_PKG_VERSION")),
            ("name", &meta.name),
            ("region", &meta.region),
            ("date", &(msg.app.long_date)(meta.retrieved)),
        ],
    ))];
    let provenances: Vec<&Provenance> = dir
        .records()
        .into_iter()
        .filter_map(|r| dir.provenance_of(r))
        .collect();
    let verified = provenances.iter().filter(|p| p.verified.is_some()).count();
    about.push(para(if verified == 0 {
        msg.handout_none_verified.to_owned()
    } else {
        fill(
            msg.handout_some_verified,
            &[
                ("verified", &verified.to_string()),
                ("total", &provenances.len().to_string()),
            ],
        )
    }));
    about.extend(unreviewed_block(dir, msg));
    about.push(Block::Para(vec![Inline::Strong(format!(
        "{}:",
        msg.sources
    ))]));
    about.push(Block::Bullets(
        meta.sources
            .iter()
            .map(|s| {
                let mut line = source_line(dir, &s.id, msg);
                line.push('.');
                if let Some(n) = &s.note {
                    line.push(' ');
                    line.push_str(n);
                }
                vec![text(line)]
            })
            .collect(),
    ));
    out.push(Block::Group("sources", about));
    out
}
