//! Writing a file the user named (`import -o`, `export -o`, `index`) without ever losing
//! the one already there: the new text goes to a temporary file in the same folder,
//! which is synced to the disk and then renamed over the target. A full disk, a kill or
//! a power cut leaves either the previous file whole or the new one whole, never half
//! of either. A symbolic link at the target is refused rather than written through (it
//! could point the write at any file the user can write), and so is anything that is
//! not a regular file.
//!
//! The temporary file comes from the `tempfile` crate: it picks a name nobody else has,
//! opens it with `O_EXCL` (never through a link planted at that name) and removes it
//! again when anything fails before the rename.

use std::io::{self, Write};
use std::path::Path;

/// Why a file could not be replaced.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// The target is a symbolic link.
    #[error(
        "it is a symbolic link, and heatwatch never writes through one; give the path of the file itself"
    )]
    Link,
    /// The target exists and is not a regular file (a folder, a device, a FIFO).
    #[error("it is not a regular file (a folder or a device)")]
    NotAFile,
    /// Creating, writing, syncing or renaming failed; the previous file is unchanged.
    #[error("{0}; the file that was there is unchanged")]
    Io(#[from] io::Error),
}

/// Replaces the file at `path` with `bytes`, as the module says.
///
/// # Errors
/// See [`ReplaceError`]; in every case the previous file, if any, is unchanged.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<(), ReplaceError> {
    replace_with(path, |w| w.write_all(bytes))
}

/// Replaces the file at `path` with what `write` writes. If `write` fails, nothing
/// is renamed and the temporary file is removed.
///
/// # Errors
/// See [`ReplaceError`]; in every case the previous file, if any, is unchanged.
pub fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ReplaceError> {
    let existing = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(ReplaceError::Link),
        Ok(m) if !m.is_file() => return Err(ReplaceError::NotAFile),
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".heatwatch-").suffix(".partial");
    #[cfg(unix)]
    {
        // As `File::create` would: readable by others unless the umask says otherwise
        // (tempfile's own default, 0600, would lock a kiosk's user out of its data).
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder)?;
    {
        let mut out = io::BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    if let Some(permissions) = existing {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| ReplaceError::Io(e.error))?;
    // The rename itself is on the disk once the folder is synced.
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_write_error_leaves_the_previous_file_whole_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("county.json");
        std::fs::write(&target, b"the good directory").unwrap();
        let result = replace_with(&target, |w| {
            w.write_all(&[b'x'; 100_000])?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        });
        assert!(matches!(result, Err(ReplaceError::Io(_))), "{result:?}");
        assert_eq!(std::fs::read(&target).unwrap(), b"the good directory");
        assert_eq!(names(dir.path()), ["county.json"]);
    }

    #[test]
    fn a_good_write_replaces_the_file_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("county.json");
        std::fs::write(&target, b"old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(&target, b"new text").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new text");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(names(dir.path()), ["county.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_target_is_refused_and_its_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let result = replace(&link, b"overwritten");
        assert!(matches!(result, Err(ReplaceError::Link)), "{result:?}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_folder_at_the_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let result = replace(dir.path(), b"x");
        assert!(matches!(result, Err(ReplaceError::NotAFile)), "{result:?}");
    }

    #[test]
    fn a_new_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new.json");
        replace(&target, b"{}").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"{}");
    }
}
