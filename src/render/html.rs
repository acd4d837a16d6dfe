//! Blocks as one self-contained HTML page, ready to print.

use super::*;

/// Escapes text for HTML content and attribute values.
#[must_use]
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn html_inlines(items: &[Inline]) -> String {
    let mut s = String::new();
    for i in items {
        match i {
            Inline::Text(t) => s.push_str(&html_escape(t)),
            Inline::Strong(t) => s.push_str(&format!("<strong>{}</strong>", html_escape(t))),
            Inline::Phone(p) => match &p.uri {
                Some(u) => s.push_str(&format!(
                    "<a class=\"phone\" href=\"{}\">{}</a>",
                    html_escape(u),
                    html_escape(&p.display())
                )),
                None => s.push_str(&format!(
                    "<span class=\"phone\">{}</span>",
                    html_escape(&p.display())
                )),
            },
        }
    }
    s
}

pub(super) fn html_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Heading(level, t) => {
                let l = (*level).clamp(1, 6);
                out.push_str(&format!("<h{l}>{}</h{l}>\n", html_escape(t)));
            }
            Block::Para(items) => {
                out.push_str(&format!("<p>{}</p>\n", html_inlines(items)));
            }
            Block::Fields(fields) => {
                if fields.is_empty() {
                    continue;
                }
                out.push_str("<dl>\n");
                for (label, value) in fields {
                    out.push_str(&format!(
                        "<dt>{}</dt><dd>{}</dd>\n",
                        html_escape(label),
                        html_inlines(value)
                    ));
                }
                out.push_str("</dl>\n");
            }
            Block::Bullets(items) | Block::Numbered(items) => {
                if items.is_empty() {
                    continue;
                }
                let tag = if matches!(b, Block::Numbered(_)) {
                    "ol"
                } else {
                    "ul"
                };
                out.push_str(&format!("<{tag}>\n"));
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", html_inlines(item)));
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Group(class, inner) => {
                out.push_str(&format!("<section class=\"{}\">\n", html_escape(class)));
                html_blocks(inner, out);
                out.push_str("</section>\n");
            }
        }
    }
}

pub(super) const HTML_STYLE: &str = "\
:root { color-scheme: light; }
body { font: 12pt/1.45 system-ui, -apple-system, \"Segoe UI\", Roboto, Helvetica, Arial, sans-serif;
  color: #111; background: #fff; max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #111; padding-bottom: .15rem; margin: 1.75rem 0 .5rem; }
h3 { font-size: 1.1rem; margin: 1rem 0 .25rem; }
h4 { font-size: 1rem; margin: .75rem 0 .25rem; }
p { margin: .35rem 0; }
a { color: inherit; }
.phone { white-space: nowrap; font-weight: 700; }
.emergency { border: 3px solid #111; padding: .5rem 1rem; margin: 1rem 0; font-size: 1.2rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .75rem; margin: .35rem 0; }
dt { font-weight: 700; }
dd { margin: 0; }
ul, ol { margin: .35rem 0; padding-left: 1.5rem; }
.hotline, .action { break-inside: avoid; page-break-inside: avoid; }
.sources { font-size: .95rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { text-decoration: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .emergency { border-width: 2pt; }
}
";

/// Renders blocks as one self-contained HTML page: inline CSS, no scripts, no
/// external resources.
#[must_use]
pub fn render_html(title: &str, lang: &str, blocks: &[Block]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        html_escape(lang)
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", html_escape(title)));
    out.push_str("<style>\n");
    out.push_str(HTML_STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    html_blocks(blocks, &mut out);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
