//! Blocks as plain text: wrapped for print or left whole for screen readers and pipes,
//! headings bold or underlined, `tel:` links beside numbers when asked.

use super::*;

/// How blocks are rendered as text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Wrap paragraphs to this width; `None` leaves lines whole (best for screen readers
    /// and pipes).
    pub width: Option<usize>,
    /// Bold headings.
    pub style: Style,
    /// Show the `tel:` form after each number.
    pub uris: bool,
    /// Underline headings of levels 1 to 3 (`===`, `---`, `~~~`), for print.
    pub rules: bool,
}

pub(super) struct TextWriter {
    pub(super) opts: TextOptions,
    pub(super) out: String,
    /// Whether a blank line goes before the next block.
    pub(super) gap: bool,
}

impl TextWriter {
    pub(super) fn inlines(&self, items: &[Inline]) -> String {
        let mut s = String::new();
        for i in items {
            match i {
                Inline::Text(t) => s.push_str(t),
                Inline::Strong(t) => s.push_str(&self.opts.style.strong(t)),
                Inline::Phone(p) => {
                    let shown = p.display();
                    if self.opts.width.is_some() {
                        s.push_str(&shown.replace(' ', &NBSP.to_string()));
                    } else {
                        s.push_str(&shown);
                    }
                    if self.opts.uris
                        && let Some(u) = &p.uri
                    {
                        s.push_str(&format!(" ({u})"));
                    }
                }
            }
        }
        s
    }

    pub(super) fn line(&mut self, prefix: &str, body: &str) {
        match self.opts.width {
            Some(w) => {
                let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(prefix));
                let opts = textwrap::Options::new(w.max(20))
                    .initial_indent(prefix)
                    .subsequent_indent(&indent)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation)
                    .break_words(false);
                for l in textwrap::wrap(body, opts) {
                    self.out.push_str(&l.replace(NBSP, " "));
                    self.out.push('\n');
                }
            }
            None => {
                self.out.push_str(prefix);
                self.out.push_str(body);
                self.out.push('\n');
            }
        }
    }

    pub(super) fn start_block(&mut self) {
        if self.gap {
            self.out.push('\n');
        }
    }

    pub(super) fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    pub(super) fn block(&mut self, b: &Block) {
        match b {
            Block::Group(_, inner) => {
                self.blocks(inner);
                return;
            }
            Block::Fields(f) if f.is_empty() => return,
            Block::Bullets(v) | Block::Numbered(v) if v.is_empty() => return,
            _ => {}
        }
        self.start_block();
        match b {
            Block::Heading(level, t) => {
                let shown = self.opts.style.strong(t);
                self.line("", &shown);
                if self.opts.rules && *level <= 3 {
                    let w = unicode_width::UnicodeWidthStr::width(t.as_str())
                        .min(self.opts.width.unwrap_or(usize::MAX));
                    let c = match level {
                        1 => "=",
                        2 => "-",
                        _ => "~",
                    };
                    self.out.push_str(&c.repeat(w));
                    self.out.push('\n');
                }
                self.gap = false;
                return;
            }
            Block::Para(items) => {
                let s = self.inlines(items);
                self.line("", &s);
            }
            Block::Fields(fields) => {
                for (label, value) in fields {
                    let s = format!("{label}: {}", self.inlines(value));
                    self.line("", &s);
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    let s = self.inlines(item);
                    self.line("- ", &s);
                }
            }
            Block::Numbered(items) => {
                for (n, item) in items.iter().enumerate() {
                    let s = self.inlines(item);
                    self.line(&format!("{}. ", n + 1), &s);
                }
            }
            Block::Group(..) => {}
        }
        self.gap = true;
    }
}

/// Renders blocks as plain text.
#[must_use]
pub fn render_text(blocks: &[Block], opts: TextOptions) -> String {
    let mut w = TextWriter {
        opts,
        out: String::new(),
        gap: false,
    };
    w.blocks(blocks);
    w.out
}
