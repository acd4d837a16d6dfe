#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The architecture of `src/`, checked on every `cargo test`: every module path in the
//! library (`crate::`, `super::`, `self::`, grouped `use` lists, names brought in by a
//! `use` of a module, items re-exported by a folder's `mod.rs`) is resolved to the module
//! that holds it, and the test fails on a cycle between modules, on an arrow from the
//! domain to the front end, and on a top-level module nobody has placed in either.
//!
//! A module here is a path of at most two names (`tui::app`, `directory::load`, `cli`):
//! what a folder such as `tui/app/` holds is one module, and a module's own children are
//! part of it, not arrows. Code under `#[cfg(test)]` is left out: tests may look anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The domain: the directory format and its checked model, search, filters, import, text
/// utilities, the clock, the message catalogues and trust in a file (signatures). It never imports the front end.
const DOMAIN: &[&str] = &[
    "clock",
    "directory",
    "filter",
    "i18n",
    "import",
    "progress",
    "search",
    "text",
    "trust",
];

/// The front end: the crate root (starting the app), the command-line types, the
/// commands and their exit statuses, what they print, the settings that turn a command
/// line into a loaded directory, and the interactive app.
const FRONT_END: &[&str] = &[
    "crate", "cli", "commands", "exit", "render", "settings", "tui",
];

/// Arrows still known and not yet removed, each `from → to`: the redesign of issue 16
/// removes them one by one, and the test fails when one of them is gone but still listed,
/// so this list only shrinks. It must end empty.
const KNOWN: &[&str] = &[];

/// One file of the library, as a module.
#[derive(Debug, Clone)]
struct Module {
    /// Its path below the crate: `[]` for `lib.rs`, `["tui", "app"]` for `tui/app/mod.rs`.
    path: Vec<String>,
    /// Its code, without comments, string and character literals, and `#[cfg(test)]` items.
    code: String,
    /// Where it is, to name in a failure.
    file: String,
}

/// An arrow from one module to another, with the first place it was seen.
type Arrows = BTreeMap<(String, String), String>;

// ---------------------------------------------------------------------------------------
// Reading the source tree

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path a file has by its place (`tui/app/mod.rs` → `tui::app`).
fn path_by_place(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

/// Every `#[path = "…"] mod name;` of a file: the file it names, relative to `src`, and
/// the module name.
fn path_attributes(code: &str, file_dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[path") {
        rest = &rest[at + "#[path".len()..];
        let Some(open) = rest.find('"') else { break };
        let Some(close) = rest[open + 1..].find('"') else {
            break;
        };
        let target = &rest[open + 1..open + 1 + close];
        let after = &rest[open + 1 + close + 1..];
        let after = after.trim_start().trim_start_matches(']').trim_start();
        let after = after.strip_prefix("pub ").unwrap_or(after).trim_start();
        if let Some(decl) = after.strip_prefix("mod ") {
            let name: String = decl
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push((file_dir.join(target), name));
        }
    }
    found
}

/// Every module of the library (`src/main.rs`, the binary, is not one of them).
fn library_modules(src: &Path) -> Vec<Module> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut texts: BTreeMap<PathBuf, String> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(src).unwrap().to_path_buf();
        if rel == Path::new("main.rs") {
            continue;
        }
        texts.insert(rel, std::fs::read_to_string(file).unwrap());
    }
    let mut moved: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for (rel, text) in &texts {
        let dir = rel.parent().unwrap_or(Path::new(""));
        for (target, name) in path_attributes(text, dir) {
            let mut path = path_by_place(rel);
            path.push(name);
            moved.insert(normalize(&target), path);
        }
    }
    texts
        .into_iter()
        .map(|(rel, text)| Module {
            path: moved
                .get(&rel)
                .cloned()
                .unwrap_or_else(|| path_by_place(&rel)),
            code: strip(&text),
            file: format!("src/{}", rel.display()),
        })
        .collect()
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Cleaning the code

/// The code without comments, string literals (raw ones too), character literals and
/// `#[cfg(test)]` modules, so that only real paths are left. Line breaks are kept, so
/// that a place can still be named by its line.
fn strip(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"…", r#"…"#, r##"…"##.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some('\n') => {
                        out.push('\n');
                        j += 1;
                    }
                    Some(_) => j += 1,
                }
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{1b}'), or a lifetime ('a), kept.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    remove_test_modules(&out)
}

/// Removes every `#[cfg(test)]` item that is a module (`mod tests { … }` or `mod x;`).
fn remove_test_modules(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let item = after.trim_start();
        let item = item.strip_prefix("pub ").unwrap_or(item);
        if item.starts_with("mod ") {
            let skipped = after.len() - item.len();
            let Some(end) = item.find(['{', ';']) else {
                return out;
            };
            if item.as_bytes().get(end) == Some(&b';') {
                rest = &after[skipped + end + 1..];
                continue;
            }
            let mut depth = 0usize;
            let mut close = item.len();
            for (k, ch) in item[end..].char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            close = end + k + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            // Keep the line count.
            out.extend(item[..close].chars().filter(|c| *c == '\n'));
            rest = &after[skipped + close.min(item.len())..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------
// Paths

/// The paths a `use` tree names, each as its segments: `crate::{a::{b, c}, d}` gives
/// `crate::a::b`, `crate::a::c` and `crate::d`. `self` inside a group names the group's
/// own path; `as` renames are kept as the last element after a `=` marker.
fn use_paths(tree: &str) -> Vec<(Vec<String>, Option<String>)> {
    fn walk(
        s: &[char],
        i: &mut usize,
        prefix: &[String],
        out: &mut Vec<(Vec<String>, Option<String>)>,
    ) {
        let mut path: Vec<String> = prefix.to_vec();
        let mut word = String::new();
        let mut alias: Option<String> = None;
        let mut expecting_alias = false;
        let flush = |path: &mut Vec<String>,
                     word: &mut String,
                     alias: &mut Option<String>,
                     expecting_alias: &mut bool| {
            if !word.is_empty() {
                if *expecting_alias {
                    *alias = Some(std::mem::take(word));
                    *expecting_alias = false;
                } else if word == "as" {
                    word.clear();
                    *expecting_alias = true;
                } else {
                    path.push(std::mem::take(word));
                }
            }
        };
        while *i < s.len() {
            let c = s[*i];
            if c.is_alphanumeric() || c == '_' || c == '*' {
                word.push(c);
                *i += 1;
            } else if c.is_whitespace() || c == ':' {
                flush(&mut path, &mut word, &mut alias, &mut expecting_alias);
                *i += 1;
            } else if c == '{' {
                flush(&mut path, &mut word, &mut alias, &mut expecting_alias);
                *i += 1;
                walk(s, i, &path, out);
                path = prefix.to_vec();
            } else if c == ',' {
                flush(&mut path, &mut word, &mut alias, &mut expecting_alias);
                if path.len() > prefix.len() {
                    out.push((fix_self(path), alias.take()));
                }
                path = prefix.to_vec();
                alias = None;
                *i += 1;
            } else if c == '}' {
                flush(&mut path, &mut word, &mut alias, &mut expecting_alias);
                if path.len() > prefix.len() {
                    out.push((fix_self(path), alias.take()));
                }
                *i += 1;
                return;
            } else {
                *i += 1;
            }
        }
        flush(&mut path, &mut word, &mut alias, &mut expecting_alias);
        if path.len() > prefix.len() {
            out.push((fix_self(path), alias));
        }
    }
    fn fix_self(mut path: Vec<String>) -> Vec<String> {
        if path.len() > 1 && path.last().is_some_and(|l| l == "self") {
            path.pop();
        }
        path
    }
    let chars: Vec<char> = tree.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    walk(&chars, &mut i, &[], &mut out);
    out
}

/// Every `use …;` of the code, with the line it starts on.
fn use_statements(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find("use ") {
        let start = from + at;
        from = start + 4;
        let before = start.checked_sub(1).and_then(|k| bytes.get(k));
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
            continue;
        }
        let Some(end) = code[from..].find(';') else {
            break;
        };
        let line = code[..start].matches('\n').count() + 1;
        found.push((line, code[from..from + end].to_owned()));
        from += end;
    }
    found
}

/// Every path in the code (outside `use` statements) that starts with `crate`, `super`,
/// `self`, or one of `names`, as its segments, with its line.
fn code_paths(code: &str, names: &BTreeSet<String>) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
            continue;
        }
        let starts_word = (c.is_alphabetic() || c == '_')
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_' || *p == ':');
        if !starts_word {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            if j == start {
                break;
            }
            segments.push(chars[start..j].iter().collect::<String>());
            if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
                j += 2;
            } else {
                break;
            }
        }
        if segments.len() > 1
            && segments
                .first()
                .is_some_and(|s| s == "crate" || s == "super" || s == "self" || names.contains(s))
            && segments.first().is_some_and(|s| s != "use")
        {
            found.push((line, segments));
        }
        i = j.max(i + 1);
    }
    found
}

/// The absolute path (below the crate) a path names from inside `module`, or `None` for a
/// path outside the crate (`std::…`, another crate).
fn absolute(
    module: &[String],
    segments: &[String],
    aliases: &BTreeMap<String, Vec<String>>,
) -> Option<Vec<String>> {
    let first = segments.first()?;
    let mut base: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => {
            let mut base = module.to_vec();
            base.pop();
            base
        }
        name => match aliases.get(name) {
            Some(path) => path.clone(),
            None => return None,
        },
    };
    let mut rest = &segments[1..];
    if first == "super" {
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
    }
    base.extend(rest.iter().filter(|s| s.as_str() != "*").cloned());
    Some(base)
}

// ---------------------------------------------------------------------------------------
// The graph

/// Which module holds what `path` names: the deepest module that is a prefix of it, then,
/// when the next name is an item a folder module re-exports from one of its children, that
/// child.
fn holder(path: &[String], modules: &BTreeMap<Vec<String>, &Module>) -> Vec<String> {
    let mut best = Vec::new();
    for len in (0..=path.len()).rev() {
        if modules.contains_key(&path[..len]) {
            best = path[..len].to_vec();
            break;
        }
    }
    if let Some(name) = path.get(best.len()) {
        let children: Vec<&Vec<String>> = modules
            .keys()
            .filter(|p| p.len() == best.len() + 1 && p.starts_with(&best))
            .collect();
        let defines = |code: &str| {
            [
                "struct", "enum", "fn", "trait", "type", "const", "static", "union",
            ]
            .iter()
            .any(|kw| {
                code.match_indices(&format!("{kw} {name}")).any(|(at, m)| {
                    !code[at + m.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })
        };
        let own = modules.get(&best).is_some_and(|m| defines(&m.code));
        if !own {
            let holders: Vec<&&Vec<String>> = children
                .iter()
                .filter(|c| modules.get(**c).is_some_and(|m| defines(&m.code)))
                .collect();
            if let [only] = holders.as_slice() {
                return (**only).clone();
            }
        }
    }
    best
}

/// The name a module is counted under: its first two names, `crate` for the root.
fn node(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_owned()
    } else {
        path[..path.len().min(2)].join("::")
    }
}

/// Whether one module is the other or holds it (`tui` and `tui::app`): containment, not an
/// arrow. The crate root holds everything, but what it calls is counted.
fn related(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
}

/// Every arrow between modules, with the first place (file:line) it was seen.
fn arrows(all: &[Module]) -> Arrows {
    let by_path: BTreeMap<Vec<String>, &Module> = all.iter().map(|m| (m.path.clone(), m)).collect();
    let mut out = Arrows::new();
    for module in all {
        let from = node(&module.path);
        // A module's children are in scope by their names.
        let mut aliases: BTreeMap<String, Vec<String>> = by_path
            .keys()
            .filter(|p| p.len() == module.path.len() + 1 && p.starts_with(&module.path))
            .filter_map(|p| Some((p.last()?.clone(), p.clone())))
            .collect();
        let mut targets: Vec<(usize, Vec<String>)> = Vec::new();
        for (line, tree) in use_statements(&module.code) {
            for (segments, alias) in use_paths(&tree) {
                let Some(abs) = absolute(&module.path, &segments, &aliases) else {
                    continue;
                };
                let name = alias.or_else(|| segments.last().cloned());
                if by_path.contains_key(&abs)
                    && let Some(name) = name
                {
                    aliases.insert(name, abs.clone());
                }
                targets.push((line, abs));
            }
        }
        let names: BTreeSet<String> = aliases.keys().cloned().collect();
        for (line, segments) in code_paths(&module.code, &names) {
            if let Some(abs) = absolute(&module.path, &segments, &aliases) {
                targets.push((line, abs));
            }
        }
        for (line, abs) in targets {
            let to = node(&holder(&abs, &by_path));
            if related(&from, &to) {
                continue;
            }
            out.entry((from.clone(), to))
                .or_insert_with(|| format!("{}:{line}", module.file));
        }
    }
    out
}

/// The groups of modules that reach each other (strongly connected components of more
/// than one module), by Tarjan's algorithm.
fn cycles(arrows: &Arrows) -> Vec<Vec<String>> {
    struct State<'a> {
        next: BTreeMap<&'a str, Vec<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        count: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(v: &'a str, s: &mut State<'a>) {
        s.index.insert(v, s.count);
        s.low.insert(v, s.count);
        s.count += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.next.get(v).cloned().unwrap_or_default() {
            if !s.index.contains_key(w) {
                visit(w, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut state = State {
        next: BTreeMap::new(),
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        count: 0,
        found: Vec::new(),
    };
    for (from, to) in arrows.keys() {
        state.next.entry(from).or_default().push(to);
        state.next.entry(to).or_default();
    }
    let nodes: Vec<&str> = state.next.keys().copied().collect();
    for v in nodes {
        if !state.index.contains_key(v) {
            visit(v, &mut state);
        }
    }
    state.found.sort();
    state.found
}

fn top(node: &str) -> &str {
    node.split("::").next().unwrap_or(node)
}

/// What is wrong with the architecture, one line each; empty when it holds.
fn problems(all: &[Module]) -> Vec<String> {
    problems_besides(all, &[])
}

/// What is wrong with the architecture besides the `known` arrows, and every known arrow
/// that no longer exists.
fn problems_besides(all: &[Module], known: &[&str]) -> Vec<String> {
    let mut arrows = arrows(all);
    let mut out = Vec::new();
    for k in known {
        let Some((from, to)) = k.split_once(" → ") else {
            out.push(format!("KNOWN entry `{k}` is not `from → to`"));
            continue;
        };
        if arrows.remove(&(from.to_owned(), to.to_owned())).is_none() {
            out.push(format!("`{k}` is gone: take it out of KNOWN"));
        }
    }
    let tops: BTreeSet<String> = all.iter().map(|m| top(&node(&m.path)).to_owned()).collect();
    for t in &tops {
        if !DOMAIN.contains(&t.as_str()) && !FRONT_END.contains(&t.as_str()) {
            out.push(format!(
                "module `{t}` is neither in DOMAIN nor in FRONT_END (tests/domain/architecture.rs): place it"
            ));
        }
    }
    for group in cycles(&arrows) {
        let mut line = format!("cycle between {}:", group.join(", "));
        for ((from, to), at) in &arrows {
            if group.contains(from) && group.contains(to) {
                let _ = write!(line, " {from} → {to} ({at});");
            }
        }
        out.push(line);
    }
    for ((from, to), at) in &arrows {
        if DOMAIN.contains(&top(from)) && FRONT_END.contains(&top(to)) {
            out.push(format!(
                "the domain imports the front end: {from} → {to} ({at})"
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The tests

#[test]
fn the_library_has_no_cycle_and_the_domain_never_imports_the_front_end() {
    let all = library_modules(&src_dir());
    assert!(all.len() > 20, "the source tree was not found");
    let found = problems_besides(&all, KNOWN);
    assert!(
        found.is_empty(),
        "the architecture of src/ does not hold:\n{}",
        found.join("\n")
    );
}

/// The checker itself finds what it must: a cycle planted through `super::`, grouped `use`
/// lists, a module brought in by `use` and then named, an item re-exported by a folder, and
/// an arrow from the domain to the front end. Without this, a checker that finds nothing
/// would pass.
#[test]
fn the_checker_finds_a_cycle_planted_through_super() {
    let module = |path: &str, code: &str| Module {
        path: path
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        code: strip(code),
        file: format!("{path}.rs"),
    };
    let tree = vec![
        module("", "pub mod directory; pub mod tui;"),
        module(
            "directory",
            "pub mod load; pub mod model; pub use model::Directory;",
        ),
        // load → model through a grouped list, model → load through super: a cycle.
        module(
            "directory::load",
            "use crate::directory::{self, model::{Record, Kind}};\nfn f() {}",
        ),
        module(
            "directory::model",
            "// super::load in a comment is no arrow\nconst S: &str = \"super::load::x\";\nfn g() { super::load::f() }\npub struct Directory;",
        ),
        module("tui", "pub mod app;"),
        module(
            "tui::app",
            "use crate::directory;\nfn h(d: directory::Directory) {}",
        ),
    ];
    let arrows = arrows(&tree);
    assert!(arrows.contains_key(&("directory::load".into(), "directory::model".into())));
    assert!(arrows.contains_key(&("directory::model".into(), "directory::load".into())));
    // The re-exported `Directory` is held by `directory::model`.
    assert!(arrows.contains_key(&("tui::app".into(), "directory::model".into())));
    assert_eq!(
        cycles(&arrows),
        vec![vec![
            "directory::load".to_owned(),
            "directory::model".to_owned()
        ]]
    );
    let found = problems(&tree);
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("cycle between directory::load, directory::model")),
        "{found:?}"
    );

    // Without the planted `super::` arrow, no cycle is left.
    let mut fixed = tree.clone();
    fixed[3] = module("directory::model", "pub struct Directory;");
    assert_eq!(cycles(&arrows_of(&fixed)), Vec::<Vec<String>>::new());
    assert_eq!(problems(&fixed), Vec::<String>::new());

    // An arrow from the domain to the front end is named.
    let mut upward = fixed;
    upward.push(module(
        "directory::check",
        "fn k() { crate::tui::app::h() }",
    ));
    let found = problems(&upward);
    assert!(
        found
            .iter()
            .any(|p| p.contains("directory::check → tui::app")),
        "{found:?}"
    );
}

fn arrows_of(tree: &[Module]) -> Arrows {
    arrows(tree)
}

#[test]
fn use_lists_are_read_whole() {
    let paths: Vec<Vec<String>> = use_paths("crate::{a::{self, b as c}, d::*, e}")
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let want: Vec<Vec<String>> = [
        vec!["crate", "a"],
        vec!["crate", "a", "b"],
        vec!["crate", "d", "*"],
        vec!["crate", "e"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| (*s).to_owned()).collect())
    .collect();
    assert_eq!(paths, want);
    assert_eq!(
        use_paths("crate::a::b as c")
            .first()
            .and_then(|(_, a)| a.clone()),
        Some("c".to_owned())
    );
}

/// Issue 16 §2: language is explicit. No state of a thread or of the process decides
/// what language a text or a problem is read in: the library holds no `thread_local!`
/// and no process-wide language (the only statics left are the terminal's flags, which
/// the signal and panic handlers must reach).
#[test]
fn no_thread_local_and_no_process_wide_language() {
    let mut found = Vec::new();
    let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let statics = code.trim_start().starts_with("static ")
                || code.contains(" static ") && !code.contains("&'static");
            let language_state = statics && code.to_lowercase().contains("lang");
            if code.contains("thread_local!") || language_state {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The lines of a file that count against the size limit: all of them but its
/// `#[cfg(test)]` modules. A module written inline runs, as rustfmt lays it out, to the
/// first line that is a lone `}` at the start of a line.
fn counted_lines(code: &str) -> usize {
    let mut n = 0;
    let mut lines = code.lines();
    while let Some(line) = lines.next() {
        if line == "#[cfg(test)]" {
            let mut peek = lines.clone();
            if let Some(next) = peek.next()
                && next.starts_with("mod ")
            {
                lines = peek;
                if next.trim_end().ends_with('{') {
                    for inner in lines.by_ref() {
                        if inner == "}" {
                            break;
                        }
                    }
                }
                continue;
            }
        }
        n += 1;
    }
    n
}

/// How many counted lines a file has over the limit's 600, unless its module doc says
/// it is a data table.
fn too_long(code: &str) -> Option<usize> {
    const LIMIT: usize = 600;
    let n = counted_lines(code);
    let doc: String = code
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .collect::<Vec<_>>()
        .join(" ");
    (n > LIMIT && !doc.contains("data table")).then_some(n)
}

/// Issue 16 §1: no file in `src/` over 600 lines, its `#[cfg(test)]` module aside,
/// unless it is a data table and says so at its top (in its module doc).
#[test]
fn no_source_file_is_over_600_lines_unless_it_is_a_data_table() {
    // The rule itself, on made-up files: a test module is left out, a data table may be
    // longer, anything else may not.
    let sample = "a\nb\n#[cfg(test)]\nmod tests {\n    fn x() {}\n}\nc\n";
    assert_eq!(counted_lines(sample), 3);
    assert_eq!(counted_lines("a\n#[cfg(test)]\nmod tests;\nb\n"), 2);
    let long = "//! A module.\n".to_owned() + &"let x = 1;\n".repeat(600);
    assert_eq!(too_long(&long), Some(601));
    let tested = long.clone() + "#[cfg(test)]\nmod tests {\n" + &"    a\n".repeat(50) + "}\n";
    assert_eq!(too_long(&tested), Some(601));
    assert_eq!(
        too_long(&long.replacen("A module.", "A data table.", 1)),
        None
    );
    assert_eq!(too_long(&long.replacen("let x = 1;\n", "", 1)), None);

    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    let over: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let n = too_long(&std::fs::read_to_string(path).unwrap())?;
            Some(format!("{}: {n} lines", path.display()))
        })
        .collect();
    assert!(over.is_empty(), "over 600 lines:\n{}", over.join("\n"));
}
