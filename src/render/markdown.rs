//! Blocks as Markdown, every character that Markdown would read as syntax escaped.

use super::*;

/// Escapes text for Markdown: every character CommonMark could read as markup is
/// backslash-escaped, and so is anything that would start a list or heading.
#[must_use]
pub fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '&'
                | '!'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make the start of a line a list item, heading rule or numbered
/// item.
pub(super) fn markdown_line_start(s: String) -> String {
    let first = s.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        return format!("\\{s}");
    }
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = s.get(digits..).unwrap_or_default();
        if rest.starts_with('.') || rest.starts_with(')') {
            return format!("{}\\{}", s.get(..digits).unwrap_or_default(), rest);
        }
    }
    s
}

pub(super) fn markdown_inlines(items: &[Inline]) -> String {
    let mut s = String::new();
    for i in items {
        match i {
            Inline::Text(t) => s.push_str(&markdown_escape(t)),
            Inline::Strong(t) => {
                // Emphasis may not end in a space: keep the space outside.
                let trimmed = t.trim_end();
                s.push_str(&format!("**{}**", markdown_escape(trimmed)));
                if trimmed.len() < t.len() {
                    s.push(' ');
                }
            }
            Inline::Phone(p) => match &p.uri {
                Some(u) => s.push_str(&format!("[{}]({u})", markdown_escape(&p.display()))),
                None => s.push_str(&markdown_escape(&p.display())),
            },
        }
    }
    markdown_line_start(s)
}

pub(super) fn markdown_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Group(_, inner) => {
                markdown_blocks(inner, out);
                continue;
            }
            Block::Fields(f) if f.is_empty() => continue,
            Block::Bullets(v) | Block::Numbered(v) if v.is_empty() => continue,
            _ => {}
        }
        if !out.is_empty() {
            out.push('\n');
        }
        match b {
            Block::Heading(level, t) => {
                let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
                out.push_str(&format!("{hashes} {}\n", markdown_escape(t)));
            }
            Block::Para(items) => {
                out.push_str(&markdown_inlines(items));
                out.push('\n');
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    out.push_str(&format!(
                        "- **{}:** {}\n",
                        markdown_escape(label),
                        markdown_inlines(value)
                    ));
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", markdown_inlines(item)));
                }
            }
            Block::Numbered(items) => {
                for (n, item) in items.iter().enumerate() {
                    out.push_str(&format!("{}. {}\n", n + 1, markdown_inlines(item)));
                }
            }
            Block::Group(..) => {}
        }
    }
}

/// Renders blocks as Markdown.
#[must_use]
pub fn render_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    markdown_blocks(blocks, &mut out);
    out
}
