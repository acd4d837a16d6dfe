//! Text held once and shared: [`Shared`], and the [`Interner`] that hands it out while a
//! file loads.

use super::*;

/// Text that many records of a file repeat — a tag, a language, a city, a source id —
/// held once in memory and shared (see `Interner`). It reads as a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shared(Arc<str>);

impl Shared {
    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Self {
        Self(Arc::from(s))
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Self {
        Self(Arc::from(s))
    }
}

impl PartialEq<&str> for Shared {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl serde::Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Hands out one [`Shared`] per distinct text (while loading a file).
#[derive(Debug, Default)]
pub(crate) struct Interner(HashSet<Shared, foldhash::fast::RandomState>);

impl Interner {
    /// The shared copy of `text`.
    pub(crate) fn get(&mut self, text: String) -> Shared {
        if let Some(found) = self.0.get(text.as_str()) {
            return found.clone();
        }
        let new = Shared::from(text);
        self.0.insert(new.clone());
        new
    }
}
