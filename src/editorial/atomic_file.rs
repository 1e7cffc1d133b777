//! Writes a file whole or not at all: the text goes to a temporary file in the same
//! folder, which is renamed into place once every byte is on disk.
//!
//! In: a path and the bytes it is to hold. Out: the file, or an I/O error after which the
//! folder holds what it held before (the old file, or none) and no temporary. A full disk
//! or a failed write therefore never leaves an article cut short for the next build to
//! publish, nor a sidecar cut inside a note. The temporary's name starts with a dot, so a
//! crash that leaves one behind leaves nothing `build` reads. What to write, and whether
//! a file may be replaced, is the caller's.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Whether the file may already exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A new file: fails with [`io::ErrorKind::AlreadyExists`] when one is there, even
    /// one that appeared while the text was being written.
    CreateNew,
    /// Replaces the file there is, keeping its permissions; creates it when there is none.
    Replace,
}

/// Writes `text` to `path` whole or not at all; see the module documentation.
///
/// # Errors
/// The folder cannot hold a new file, a write or flush fails (a full disk), or, with
/// [`Mode::CreateNew`], the file exists.
pub fn write(path: &Path, text: &[u8], mode: Mode) -> io::Result<()> {
    write_with(path, mode, |file| file.write_all(text))
}

/// [`write`] with the writing done by `fill`: a failure of `fill` is one of the writes.
fn write_with(
    path: &Path,
    mode: Mode,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if mode == Mode::CreateNew && path.exists() {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gloss-").suffix(".tmp");
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    #[cfg(unix)]
    {
        // As a file made by `File::create` would be (the umask applies), not 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Dropped on any error below, which deletes it.
    let mut temporary = builder.tempfile_in(folder)?;
    if let (Mode::Replace, Some(permissions)) = (mode, existing) {
        temporary.as_file().set_permissions(permissions)?;
    }
    fill(temporary.as_file_mut())?;
    temporary.as_file_mut().flush()?;
    temporary.as_file().sync_all()?;
    match mode {
        Mode::CreateNew => temporary.persist_noclobber(path),
        Mode::Replace => temporary.persist(path),
    }
    .map_err(|failed| failed.error)?;
    sync_folder(folder);
    Ok(())
}

/// Asks the disk to keep the rename; where a folder cannot be opened or synced, as on
/// Windows, the rename stands all the same.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        // Best effort: the file is in place whatever this says.
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Writes half of `text` and then fails, as a full disk does.
    fn half_then_full(text: &str) -> impl FnOnce(&mut File) -> io::Result<()> + '_ {
        move |file| {
            file.write_all(&text.as_bytes()[..text.len() / 2])?;
            Err(io::Error::other("No space left on device"))
        }
    }

    #[test]
    fn a_new_file_is_written_whole_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.md");
        write(&path, b"+++\ntitle = \"A\"\n+++\n", Mode::CreateNew).expect("writes");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "+++\ntitle = \"A\"\n+++\n"
        );
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[test]
    fn a_failed_write_leaves_no_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.md");
        let failed = write_with(
            &path,
            Mode::CreateNew,
            half_then_full("body = \"\"\"\nA note.\n\"\"\"\n"),
        );
        assert!(failed.is_err());
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    #[test]
    fn a_failed_replacement_leaves_the_old_file_as_it_was() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.annotations.toml");
        std::fs::write(&path, "# old\n").expect("old");
        let failed = write_with(
            &path,
            Mode::Replace,
            half_then_full("# old\n[[note]]\nbody = \"\"\"\nNew.\n\"\"\"\n"),
        );
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "# old\n");
        assert_eq!(names(dir.path()), ["x.annotations.toml"]);
        write(&path, b"# new\n", Mode::Replace).expect("replaces");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "# new\n");
    }

    #[test]
    fn create_new_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "mine").expect("mine");
        let refused = write(&path, b"theirs", Mode::CreateNew).expect_err("refused");
        assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine");
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn files_get_the_usual_permissions_and_a_replaced_file_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let new = dir.path().join("new.md");
        write(&new, b"x", Mode::CreateNew).expect("writes");
        let usual = dir.path().join("usual.md");
        File::create(&usual).expect("create");
        let mode = |path: &Path| std::fs::metadata(path).expect("meta").permissions().mode();
        // As `File::create` makes them under the same umask, not the temporary's 0600.
        assert_eq!(mode(&new), mode(&usual));
        let kept = dir.path().join("kept.toml");
        std::fs::write(&kept, "x").expect("write");
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write(&kept, b"y", Mode::Replace).expect("replaces");
        assert_eq!(mode(&kept) & 0o777, 0o640);
    }
}
