//! What the app needs before a large file is loaded: the file's head (everything before
//! its services) read from the start of the file alone, and the file's bytes read with
//! a word on how far the reading has come.

use super::*;

/// The first read of a file's head; each further read takes four times as much.
const HEAD_FIRST_READ: usize = 64 * 1024;

/// The most of a file read for its head: a head that does not end within it waits for
/// the whole load.
const HEAD_MAX_READ: usize = 16 * 1024 * 1024;

/// How much [`read_file_with`] reads at a time.
const CHUNK: usize = 4 * 1024 * 1024;

/// The head of a directory file, read from its first bytes only (never the whole file),
/// in each language of `languages` (see [`Languages`]), without services and with no
/// problem: what the app shows at once while the whole file loads behind it.
///
/// `None` when the head cannot be shown so: a file over `cap`, unreadable, whose head
/// has any problem, that is not a directory of this schema, or whose services come
/// before its other fields (their head does not end before the services). Whether the
/// whole file is valid is known only when it is loaded: the head says nothing of that.
#[must_use]
pub fn read_head_of(path: &Path, cap: u64, languages: Languages<'_>) -> Option<Vec<InLanguage>> {
    let mut file = open_regular(path).ok()?;
    let size = file.metadata().ok()?.len();
    if size > cap {
        return None;
    }
    let size = usize::try_from(size).ok()?;
    let mut bytes = Vec::new();
    let mut want = HEAD_FIRST_READ;
    loop {
        let more = want.min(size).saturating_sub(bytes.len());
        (&mut file).take(more as u64).read_to_end(&mut bytes).ok()?;
        match head_of_prefix(&bytes) {
            Reading::Head(head) => return heads(*head, languages),
            Reading::Never => return None,
            Reading::More if want >= size || want >= HEAD_MAX_READ => return None,
            Reading::More => want = want.saturating_mul(4),
        }
    }
}

/// What the first bytes of a file say of its head.
enum Reading {
    /// The head, whole.
    Head(Box<Head>),
    /// More bytes are needed.
    More,
    /// The head cannot be read from the first bytes.
    Never,
}

/// Reads the head from the first bytes of a file (as [`read_head`] reads it from the
/// whole text, without what only the whole can say).
fn head_of_prefix(bytes: &[u8]) -> Reading {
    // A character cut at the end of the bytes read is left for the next read.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => {
            match bytes.get(..e.valid_up_to()).map(std::str::from_utf8) {
                Some(Ok(text)) => text,
                _ => return Reading::Never,
            }
        }
        Err(_) => return Reading::Never,
    };
    let found = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let read = serde::Deserializer::deserialize_map(&mut de, SplitVisitor { found: &found });
    let (head, first) = match read {
        // The whole file, without services.
        Ok(head) if de.end().is_ok() => (head, text.as_ptr() as usize + text.len()),
        Ok(_) => return Reading::Never,
        Err(e) => match found.into_inner() {
            Some(found) => found,
            None if e.is_eof() => return Reading::More,
            None => return Reading::Never,
        },
    };
    // No string of the head may be longer than the whole load allows.
    let before = first.saturating_sub(text.as_ptr() as usize);
    match text.get(..before) {
        Some(head_text) if refuse_long_texts(head_text.as_bytes()).is_ok() => {
            Reading::Head(Box::new(head))
        }
        _ => Reading::Never,
    }
}

/// The head converted into each language it is to be read in: the first must have no
/// problem; another with a problem of its own is left out.
fn heads(head: Head, languages: Languages<'_>) -> Option<Vec<InLanguage>> {
    let wanted = languages.wanted(&head.directory.translations);
    let mut out = Vec::with_capacity(wanted.len());
    for (k, language) in wanted.iter().enumerate() {
        let (c, dir) = convert_head(head.clone(), language);
        match finish(c, dir) {
            Ok(one) => out.push(one),
            Err(_) if k == 0 => return None,
            Err(_) => {}
        }
    }
    Some(out)
}

/// [`read_file`], telling `span` how much of the file has been read.
///
/// # Errors
/// As [`read_file`].
pub fn read_file_with(path: &Path, cap: u64, span: Option<Span<'_>>) -> Result<Vec<u8>, LoadError> {
    let Some(span) = span else {
        return read_file(path, cap);
    };
    let io = |source| LoadError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut file = open_regular(path).map_err(io)?;
    let size = file.metadata().map_or(0, |m| m.len());
    if size > cap {
        return Err(LoadError::TooLarge { cap });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size.saturating_add(1)).unwrap_or(0));
    loop {
        let got = (&mut file)
            .take(CHUNK as u64)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > cap {
            return Err(LoadError::TooLarge { cap });
        }
        span.at(bytes.len() as u64, size);
        if got == 0 {
            return Ok(bytes);
        }
    }
}
