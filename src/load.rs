//! Reads `content/` into memory: articles, sidecars, context entries and other files.
//!
//! In: the content folder. Out: [`Content`], each text file as a [`SourceFile`] with its
//! UTF-8 text (byte-order mark removed). It reads and sorts; it never interprets a file.
//! Hidden files and folders (`.git`, `.DS_Store`, Vim's swap files), editors' backups
//! (`a.md~`, `#a.md#`) and folder thumbnail caches are passed over.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Category, Diagnostic};

/// The largest text file gloss reads; past it, a file is refused with a message.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// One text file from `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path for messages, relative to the site root (`content/2019/x.md`).
    pub path: PathBuf,
    /// Path under `content/` with `/` separators (`2019/x.md`).
    pub rel: String,
    /// The text, without a byte-order mark; line endings as written.
    pub text: Arc<str>,
}

/// A file under `content/` that is neither Markdown nor a sidecar: copied as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path under `content/` with `/` separators.
    pub rel: String,
    /// Where to read it from.
    pub path: PathBuf,
}

/// Everything under `content/`, sorted by path so builds are deterministic.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// `*.md` files outside `content/context/`.
    pub articles: Vec<SourceFile>,
    /// `*.md` files under `content/context/`.
    pub context_entries: Vec<SourceFile>,
    /// `*.annotations.toml`, `*.annotations.yaml`, `*.annotations.yml`.
    pub sidecars: Vec<SourceFile>,
    /// Any other file.
    pub assets: Vec<Asset>,
}

/// Warnings for files under `content/` whose paths differ only in case (`Report.md`,
/// `report.md`) or in how their accents are encoded (`café.md` composed and
/// decomposed): on macOS and Windows the two are one file, and readers cannot tell
/// their pages' addresses apart. Each is warned of at the later file, naming the first.
pub fn alike_paths(root: &Path, content_dir: &Path, content: &Content) -> Vec<Diagnostic> {
    use unicode_normalization::UnicodeNormalization;
    let rels = content
        .articles
        .iter()
        .chain(&content.context_entries)
        .chain(&content.sidecars)
        .map(|f| f.rel.as_str())
        .chain(content.assets.iter().map(|a| a.rel.as_str()));
    let mut first: HashMap<String, &str> = HashMap::new();
    let mut warnings = Vec::new();
    for rel in rels {
        let composed: String = rel.nfc().collect();
        let other = match first.entry(composed.to_lowercase()) {
            std::collections::hash_map::Entry::Occupied(seen) => *seen.get(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(rel);
                continue;
            }
        };
        let how = if other.nfc().eq(composed.chars()) {
            "looks the same as"
        } else {
            "differs only in case from"
        };
        let path = |rel: &str| crate::diagnostic::display_path(root, &content_dir.join(rel));
        warnings.push(
            Diagnostic::warning(
                path(rel),
                format!("this file's path {how} {}", path(other).display()),
            )
            .note("on macOS and Windows the two paths are one file, and readers cannot tell their addresses apart")
            .hint("rename one of the two"),
        );
    }
    warnings
}

/// The suffixes that make a file a sidecar.
pub const SIDECAR_SUFFIXES: [&str; 3] =
    [".annotations.toml", ".annotations.yaml", ".annotations.yml"];

enum Kind {
    Article,
    ContextEntry,
    Sidecar,
    Asset,
}

/// True when `name` (a path under `content/`, or any file's path) is a sidecar's.
pub fn is_sidecar(name: &str) -> bool {
    SIDECAR_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

fn kind_of(rel: &str) -> Kind {
    if is_sidecar(rel) {
        Kind::Sidecar
    } else if has_markdown_extension(rel) {
        if rel.starts_with("context/") {
            Kind::ContextEntry
        } else {
            Kind::Article
        }
    } else {
        Kind::Asset
    }
}

fn has_markdown_extension(rel: &str) -> bool {
    Path::new(rel)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown"))
}

/// Reads every file under `content_dir`.
///
/// # Errors
/// One diagnostic per file that cannot be read, is not UTF-8, or is too large; also a
/// missing content folder or a symlink loop. All are reported together.
pub fn content_dir(root: &Path, content_dir: &Path) -> Result<Content, Vec<Diagnostic>> {
    content_dir_with(root, content_dir, &mut Stamps::new())
}

/// When a file was read: its modification time and size, and what was read.
#[derive(Debug, Clone)]
pub struct Stamped {
    modified: Option<std::time::SystemTime>,
    len: u64,
    file: SourceFile,
}

/// What an earlier load found: every file under `content/` and the text it read, and,
/// under a file watcher, what changed since.
#[derive(Debug, Default)]
pub struct Stamps {
    files: crate::cache::FastMap<PathBuf, Stamped>,
    /// Every file under `content/` at the last load (assets included), sorted.
    listing: Vec<PathBuf>,
    /// The last load walked the whole folder without a problem: `listing` is complete.
    walked: bool,
    /// A watcher reports every change (see [`Stamps::trust_watcher`]).
    trusted: bool,
    /// Paths reported changed since the last load.
    changed: std::collections::BTreeSet<PathBuf>,
}

impl Stamps {
    /// Empty: the next load reads everything.
    pub fn new() -> Self {
        Self::default()
    }

    /// From now on a watcher reports every change through [`Stamps::changed`]: a load
    /// then looks only at the reported paths (and the folders among them) and takes
    /// every other file as it was, without walking the folder or checking each file.
    pub fn trust_watcher(&mut self) {
        self.trusted = true;
    }

    /// `paths` (files or folders, existing or gone) changed: the next load reads them
    /// again, even when their modification time and size look the same.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.files.remove(path);
            self.changed.insert(path.clone());
        }
    }

    /// The watcher may have missed changes: the next load walks the whole folder.
    pub fn rescan(&mut self) {
        self.walked = false;
    }

    /// The last listing with the reported changes applied: gone paths (and what was
    /// under them) out, new files and the files of new folders in.
    fn patched_listing(
        &self,
        content_dir: &Path,
        changed: &std::collections::BTreeSet<PathBuf>,
        gone: &[&PathBuf],
    ) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = if gone.is_empty() {
            self.listing.clone()
        } else {
            self.listing
                .iter()
                .filter(|p| !gone.iter().any(|g| p.starts_with(g)))
                .cloned()
                .collect()
        };
        // The listing is sorted; new paths go in where they belong (comparing paths is
        // slow enough that sorting 20k of them would cost more than the whole load).
        let mut insert = |path: PathBuf| {
            if let Err(at) = paths.binary_search(&path) {
                paths.insert(at, path);
            }
        };
        for path in changed {
            if !path.starts_with(content_dir) || is_hidden(content_dir, path) {
                continue;
            }
            if path.is_dir() {
                walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file() && !is_hidden(content_dir, e.path()))
                    .for_each(|e| insert(e.into_path()));
            } else if path.is_file() {
                insert(path.clone());
            }
        }
        paths
    }
}

/// True for a path with a component below `content_dir` that is [`passed_over`].
fn is_hidden(content_dir: &Path, path: &Path) -> bool {
    path.strip_prefix(content_dir)
        .map(|rel| {
            rel.components()
                .any(|c| passed_over(&c.as_os_str().to_string_lossy()))
        })
        .unwrap_or(false)
}

/// True for a file or folder name that is no part of a site: hidden (`.git`, `.DS_Store`,
/// Vim's `.a.md.swp`), an editor's backup or autosave (`a.md~`, `#a.md#`) or a folder's
/// thumbnail cache (`Thumbs.db`, `desktop.ini`).
pub(crate) fn passed_over(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// [`content_dir`], reusing the text of every file whose modification time and size
/// are those in `stamps` (a rebuild reads only what was saved), and updating `stamps`.
///
/// # Errors
/// As [`content_dir`].
pub fn content_dir_with(
    root: &Path,
    content_dir: &Path,
    stamps: &mut Stamps,
) -> Result<Content, Vec<Diagnostic>> {
    if !content_dir.is_dir() {
        let display = crate::diagnostic::display_path(root, content_dir);
        // Before, a file named content was called missing.
        let mut diagnostic = if content_dir.exists() {
            Diagnostic::error(display, "content is a file, not a folder").hint(
                "move the file away, then create the folder content/ and put articles (*.md) in it",
            )
        } else {
            Diagnostic::error(display, "the content folder does not exist")
                .hint("create content/ and put articles (*.md) in it, or pass --root")
        };
        diagnostic.category = Category::Io;
        return Err(vec![diagnostic]);
    }
    if stamps.trusted && stamps.walked {
        return watched(root, content_dir, stamps);
    }
    let (content, problems) = walked(root, content_dir, stamps);
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(problems)
    }
}

/// Every file that could be read, and the problems of the others: `check` goes on with
/// what was read, so one run also reports the problems inside the readable files.
///
/// # Errors
/// Only a content folder that does not exist.
pub fn content_dir_keeping(
    root: &Path,
    content_dir: &Path,
) -> Result<(Content, Vec<Diagnostic>), Vec<Diagnostic>> {
    if !content_dir.is_dir() {
        return content_dir_with(root, content_dir, &mut Stamps::new())
            .map(|content| (content, Vec::new()));
    }
    let (mut content, problems) = walked(root, content_dir, &mut Stamps::new());
    // The sidecar of an article that could not be read is not without its article.
    let read = crate::parse::sidecar::articles_by_stem(
        content
            .articles
            .iter()
            .chain(&content.context_entries)
            .map(|a| a.rel.as_str()),
    );
    let unread = |stem: &str| {
        !read.contains_key(stem)
            && ["md", "markdown", "MD", "Md", "Markdown", "MARKDOWN"]
                .iter()
                .any(|ext| content_dir.join(format!("{stem}.{ext}")).exists())
    };
    let unread: Vec<String> = content
        .sidecars
        .iter()
        .filter_map(|s| crate::parse::sidecar::sidecar_stem(&s.rel))
        .filter(|stem| unread(stem))
        .map(str::to_owned)
        .collect();
    content.sidecars.retain(|s| {
        crate::parse::sidecar::sidecar_stem(&s.rel)
            .is_none_or(|stem| !unread.iter().any(|u| u == stem))
    });
    Ok((content, problems))
}

/// Walks `content_dir` and reads every file gloss reads, recording them in `stamps`.
fn walked(root: &Path, content_dir: &Path, stamps: &mut Stamps) -> (Content, Vec<Diagnostic>) {
    let (paths, mut problems) = listed(root, content_dir);
    let listing_complete = problems.is_empty();
    let previous: &Stamps = stamps;
    let read: Vec<Result<(Kind, Stamped), Diagnostic>> = paths
        .par_iter()
        .filter_map(|path| {
            let rel = relative(content_dir, path);
            match kind_of(&rel) {
                Kind::Asset => None,
                kind => {
                    Some(read_stamped(root, path, rel, previous.files.get(path)).map(|f| (kind, f)))
                }
            }
        })
        .collect();
    let mut fresh = crate::cache::FastMap::with_capacity_and_hasher(read.len(), Default::default());
    let mut content = Content::default();
    for (path, result) in paths
        .iter()
        .filter(|p| !matches!(kind_of(&relative(content_dir, p)), Kind::Asset))
        .zip(read)
    {
        match result {
            Ok((kind, stamped)) => {
                let file = stamped.file.clone();
                fresh.insert(path.clone(), stamped);
                match kind {
                    Kind::Article => content.articles.push(file),
                    Kind::ContextEntry => content.context_entries.push(file),
                    Kind::Sidecar => content.sidecars.push(file),
                    Kind::Asset => {}
                }
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    for path in &paths {
        let rel = relative(content_dir, path);
        if matches!(kind_of(&rel), Kind::Asset) {
            content.assets.push(Asset {
                rel,
                path: path.clone(),
            });
        }
    }
    stamps.files = fresh;
    stamps.listing = paths;
    stamps.walked = listing_complete;
    stamps.changed.clear();
    (content, problems)
}

/// Every file gloss publishes or reads under `dir` (`content/` or `static/`), sorted,
/// and a problem for each entry it cannot take, so that nothing is left out in silence:
/// one that cannot be read (each unreadable folder and file on its own), a symbolic link
/// that leads out of the site, to no file or back to itself (a link inside the site is
/// followed), a named pipe, socket or device, and a name no address can hold (a control
/// character, or a backslash, which Windows and URLs read as a folder separator). Hidden
/// files, editors' backups and thumbnail caches are passed over ([`passed_over`]).
fn listed(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut paths = Vec::new();
    let inside = Inside::new(root);
    let mut outside = Vec::new();
    let folder = crate::diagnostic::display_path(root, dir);
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && passed_over(&entry.file_name().to_string_lossy()) {
                return false;
            }
            if entry.path_is_symlink() && !inside.holds(entry.path()) {
                outside.push(entry.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => paths.push(entry.into_path()),
            Ok(entry) if entry.file_type().is_dir() => {}
            // Before, a named pipe `a.md` was passed over in silence
            // (and reading one would wait for a writer for ever).
            Ok(entry) => problems.push(not_a_file(root, entry.path())),
            // A hidden link leading nowhere is an editor's, as Emacs's lock of a file
            // with unsaved changes (`.#a.md`): passed over as its file would be.
            Err(err)
                if err
                    .path()
                    .and_then(Path::file_name)
                    .is_some_and(|name| passed_over(&name.to_string_lossy())) => {}
            Err(err) => problems.push(walk_error(root, &folder, &err)),
        }
    }
    problems.extend(outside.iter().map(|path| link_outside(root, &folder, path)));
    // A name with a line break or another control character is no address a reader can
    // follow, and would break the output's list of files; a backslash is a folder
    // separator on Windows and in URLs, so the file could not be published at its name.
    paths.retain(|path| {
        let name = path.strip_prefix(dir).unwrap_or(path).to_string_lossy();
        let why = if name.chars().any(char::is_control) {
            "this file's name holds a line break or another control character"
        } else if name.contains('\\') {
            "this file's name holds a backslash (`\\`), which Windows and web addresses read as a folder separator, so the file cannot be published at its name"
        } else {
            return true;
        };
        problems.push(
            Diagnostic::error(crate::diagnostic::display_path(root, path), why)
                .hint("rename the file with letters, digits, `-` and `_`"),
        );
        false
    });
    (paths, problems)
}

/// The files of the site's `static/` folder (which may not exist), each as an [`Asset`]
/// to copy, held to the rules of `content/`: a link inside the site is followed, one out
/// of it or to no file is an error naming the link, and so is a name with a backslash or
/// a control character, a named pipe and each entry that cannot be read.
///
/// # Errors
/// Every entry that cannot be taken, each named.
pub fn static_dir(root: &Path, static_dir: &Path) -> Result<Vec<Asset>, Vec<Diagnostic>> {
    let (assets, problems) = static_dir_keeping(root, static_dir);
    if problems.is_empty() {
        Ok(assets)
    } else {
        Err(problems)
    }
}

/// [`static_dir`] that goes on past its problems: the files that can be taken, and
/// the error of each entry that cannot. `check` names the problems and still checks
/// the site's links against the readable files.
pub fn static_dir_keeping(root: &Path, static_dir: &Path) -> (Vec<Asset>, Vec<Diagnostic>) {
    if !static_dir.exists() {
        return (Vec::new(), Vec::new());
    }
    let (mut paths, mut problems) = listed(root, static_dir);
    // Each file that cannot be opened is named on its own, beside the folders.
    paths.retain(|path| match std::fs::File::open(path) {
        Ok(_) => true,
        Err(err) => {
            problems.push(Diagnostic::io(
                crate::diagnostic::display_path(root, path),
                "cannot read this file",
                &err,
            ));
            false
        }
    });
    let assets = paths
        .into_iter()
        .map(|path| Asset {
            rel: relative(static_dir, &path),
            path,
        })
        .collect();
    (assets, problems)
}

/// The error for an entry that is no regular file nor folder: a named pipe, a socket or
/// a device, which gloss cannot publish (and reading a pipe would wait for ever).
fn not_a_file(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::error(
        crate::diagnostic::display_path(root, path),
        "this is not a regular file (a named pipe, a socket or a device), so gloss cannot read or publish it",
    )
    .hint("remove it, or put a regular file with its contents in its place")
}

/// [`content_dir_with`] under a trusted watcher: the last listing with the reported
/// changes applied; only reported files are read, every other one is taken as it was.
fn watched(
    root: &Path,
    content_dir: &Path,
    stamps: &mut Stamps,
) -> Result<Content, Vec<Diagnostic>> {
    let mut changed = std::mem::take(&mut stamps.changed);
    // A link made while serving is held to what a full walk holds it to.
    let inside = Inside::new(root);
    let mut problems = Vec::new();
    changed.retain(|path| {
        let out = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
            && !inside.holds(path);
        if out {
            problems.push(link_outside(root, Path::new("content"), path));
        }
        !out
    });
    let gone: Vec<&PathBuf> = changed.iter().filter(|p| !p.exists()).collect();
    let paths = stamps.patched_listing(content_dir, &changed, &gone);
    for path in &changed {
        stamps.files.remove(path);
    }
    let mut content = Content::default();
    for path in &paths {
        let known = stamps.files.get(path).map(|s| s.file.clone());
        let file = match known {
            Some(file) => file,
            None => {
                let rel = relative(content_dir, path);
                if matches!(kind_of(&rel), Kind::Asset) {
                    content.assets.push(Asset {
                        rel,
                        path: path.clone(),
                    });
                    continue;
                }
                match read_stamped(root, path, rel, None) {
                    Ok(stamped) => {
                        let file = stamped.file.clone();
                        stamps.files.insert(path.clone(), stamped);
                        file
                    }
                    Err(diagnostic) => {
                        problems.push(diagnostic);
                        continue;
                    }
                }
            }
        };
        match kind_of(&file.rel) {
            Kind::Article => content.articles.push(file),
            Kind::ContextEntry => content.context_entries.push(file),
            Kind::Sidecar => content.sidecars.push(file),
            Kind::Asset => {}
        }
    }
    // Forget the files under a folder that went away.
    if !gone.is_empty() {
        stamps
            .files
            .retain(|path, _| !gone.iter().any(|g| path.starts_with(g)));
    }
    stamps.listing = paths;
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(problems)
    }
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The site's folder, to tell whether a symbolic link leads out of it.
struct Inside {
    root: Option<PathBuf>,
}

impl Inside {
    fn new(root: &Path) -> Self {
        Self {
            root: std::fs::canonicalize(root).ok(),
        }
    }

    /// Whether `path` (a link) leads to a file or folder inside the site; a link that
    /// leads nowhere is left to the walk, which names it.
    fn holds(&self, path: &Path) -> bool {
        match (&self.root, std::fs::canonicalize(path)) {
            (Some(root), Ok(target)) => target.starts_with(root),
            _ => true,
        }
    }
}

/// The error for a symbolic link under content/ that leads out of the site: its file
/// would be published, whatever it is (`/etc/passwd`).
fn link_outside(root: &Path, folder: &Path, path: &Path) -> Diagnostic {
    let target =
        std::fs::read_link(path).map_or_else(|_| String::new(), |t| format!(" ({})", t.display()));
    Diagnostic::error(
        crate::diagnostic::display_path(root, path),
        format!("this symbolic link leads out of the site's folder{target}"),
    )
    .note("gloss publishes only files inside the site's folder, so that a link cannot put a file of the machine on the web")
    .hint(format!(
        "copy the file or folder into {}/, or remove the link",
        folder.display()
    ))
}

fn walk_error(root: &Path, folder: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().map_or_else(
        || folder.to_path_buf(),
        |p| crate::diagnostic::display_path(root, p),
    );
    if let Some(ancestor) = err.loop_ancestor() {
        let ancestor = crate::diagnostic::display_path(root, ancestor);
        return Diagnostic::error(
            path,
            format!("symbolic link loop under {}/", folder.display()),
        )
        .note(format!("it points back to {}", ancestor.display()))
        .hint("remove the link, or point it somewhere outside its own folder");
    }
    let io = err.io_error();
    let link = err
        .path()
        .is_some_and(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()));
    let target = || {
        err.path()
            .and_then(|p| std::fs::read_link(p).ok())
            .map_or_else(String::new, |t| format!(" ({})", t.display()))
    };
    // Links that lead to each other (`l1` to `l2`, `l2` to `l1`) lead to no file at all.
    if link && io.and_then(std::io::Error::raw_os_error) == Some(libc::ELOOP) {
        return Diagnostic::error(
            path,
            format!(
                "this symbolic link leads back to itself through other links{}",
                target()
            ),
        )
        .note("a circle of links leads to no file")
        .hint("remove the link, or point it at a file");
    }
    let dangling = link && err.path().is_some_and(|p| !p.exists());
    let mut diagnostic = if dangling {
        Diagnostic::error(path, format!("this link leads to no file{}", target()))
            .hint("remove the link, or put back the file it points to")
    } else if let Some(io) = io.filter(|io| io.kind() == std::io::ErrorKind::InvalidFilename) {
        Diagnostic::error(path, format!("cannot read this path: {io}")).hint(
            "shorten the names of its folders and file: the file system refuses a path this long",
        )
    } else {
        let is_folder = err.path().is_some_and(Path::is_dir);
        let (what, hint) = if is_folder {
            (
                "cannot read this folder",
                "check the folder's permissions: gloss must be able to list and enter it (chmod u+rx)",
            )
        } else {
            ("cannot read this file", "check the file's permissions")
        };
        let why = io.map_or_else(|| err.to_string(), ToString::to_string);
        Diagnostic::error(path, format!("{what}: {why}")).hint(hint)
    };
    diagnostic.category = Category::Io;
    diagnostic
}

/// A file's bytes as text without its byte-order mark, or an error at the first byte
/// that is not UTF-8, named by `file`'s line and column.
///
/// # Errors
/// Bytes that are not UTF-8 (content).
pub fn utf8_text(file: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    // UTF-16, which some Windows editors save, starts with its byte order mark.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            file,
            "the file is UTF-16 text (it starts with a UTF-16 byte order mark); gloss reads UTF-8",
        )
        .hint("save the file as UTF-8 in your editor, or convert it: `iconv -f utf-16 -t utf-8`"));
    }
    // Before, UTF-16 without its byte order mark was read as text
    // with a NUL between letters, and met with TOML errors about spaced letters.
    if let Some(order) = utf16_without_mark(&bytes) {
        return Err(Diagnostic::error(
            file,
            format!("the file is UTF-16 text ({order}, without a byte order mark); gloss reads UTF-8"),
        )
        .hint("save the file as UTF-8 in your editor, or convert it: `iconv -f utf-16le -t utf-8` (utf-16be for big-endian)"));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
        let (line, column) = crate::diagnostic::line_column(&valid, offset);
        Diagnostic::error(
            file,
            format!("the file is not valid UTF-8 (line {line}, column {column})"),
        )
        .hint(
            "save the file as UTF-8 in your editor; text from older systems is often \
             Windows-1252, which `iconv -f windows-1252 -t utf-8` converts",
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// `Some("little-endian")` or `Some("big-endian")` when `bytes` look like UTF-16 text
/// without a byte order mark: most of the first bytes at odd (or even) places are NUL
/// and almost none at the others, as Latin letters in UTF-16 are.
fn utf16_without_mark(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let most = |n: usize| n * 10 >= pairs * 7;
    let few = |n: usize| n * 10 <= pairs;
    if most(odd) && few(even) {
        Some("little-endian")
    } else if most(even) && few(odd) {
        Some("big-endian")
    } else {
        None
    }
}

/// Reads one file, or takes `previous` when the file's time and size are unchanged.
fn read_stamped(
    root: &Path,
    path: &Path,
    rel: String,
    previous: Option<&Stamped>,
) -> Result<Stamped, Diagnostic> {
    if let Some(previous) = previous {
        let metadata = std::fs::metadata(path).ok();
        let modified = metadata.as_ref().and_then(|m| m.modified().ok());
        let len = metadata.as_ref().map_or(0, std::fs::Metadata::len);
        if previous.modified.is_some() && previous.modified == modified && previous.len == len {
            return Ok(previous.clone());
        }
    }
    read(root, path, rel)
}

/// Reads one file as UTF-8 text, refusing files past [`MAX_FILE_BYTES`].
///
/// # Errors
/// Unreadable (I/O), too large or not UTF-8 (content), each with the file named.
pub fn read_text(root: &Path, path: &Path, rel: String) -> Result<SourceFile, Diagnostic> {
    read(root, path, rel).map(|stamped| stamped.file)
}

/// [`read_text`], with the time and size of the file it read (one open, one status
/// call: loading a large archive is mostly such calls).
fn read(root: &Path, path: &Path, rel: String) -> Result<Stamped, Diagnostic> {
    use std::io::Read;
    let display = crate::diagnostic::display_path(root, path);
    let io = |err: std::io::Error| Diagnostic::io(&display, "cannot read the file", &err);
    let mut file = std::fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    let len = metadata.len();
    let too_large = |len: u64| {
        Diagnostic::error(
            &display,
            format!(
                "the file is {len} bytes ({:.1} MiB); gloss reads files up to {} MiB ({MAX_FILE_BYTES} bytes)",
                len as f64 / f64::from(1 << 20),
                MAX_FILE_BYTES >> 20
            ),
        )
        .hint("split the article into several, or move large data out of content/")
    };
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    // Read through `take`, which asks nothing of the file but its bytes (a plain
    // `read_to_end` asks for the position first), up to one byte past the limit in case
    // the file grew since its status was read.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
    (&mut file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = utf8_text(&display, bytes)?;
    Ok(Stamped {
        modified: metadata.modified().ok(),
        len,
        file: SourceFile {
            path: display,
            rel,
            text: Arc::from(text),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sorted_into_kinds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        for (path, text) in [
            ("2019/a.md", "x"),
            ("2019/a.annotations.toml", "x"),
            ("context/yongbyon.md", "x"),
            ("2019/photo.jpg", "x"),
            (".hidden/skip.md", "x"),
            ("2019/a.md~", "backup"),
            ("2019/#a.md#", "autosave"),
            ("2019/.a.md.swp", "swap"),
            ("2019/Thumbs.db", "x"),
        ] {
            let path = content.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        let loaded = content_dir(dir.path(), &content).expect("loads");
        assert_eq!(loaded.articles.len(), 1);
        assert_eq!(loaded.sidecars[0].rel, "2019/a.annotations.toml");
        assert_eq!(loaded.context_entries[0].rel, "context/yongbyon.md");
        assert_eq!(loaded.assets.len(), 1, "{:?}", loaded.assets);
        assert_eq!(loaded.assets[0].rel, "2019/photo.jpg");
    }

    /// Under a trusted watcher a load looks only at the reported paths; after files are
    /// changed, added, removed, and folders added and removed, it must find exactly what
    /// a full walk finds.
    #[test]
    fn a_watched_load_equals_a_full_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        let write = |rel: &str, text: &str| {
            let path = content.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, text).expect("write");
            path
        };
        for rel in [
            "2019/a.md",
            "2019/b.md",
            "2020/c.md",
            "2020/c.annotations.toml",
        ] {
            write(rel, "first");
        }
        let summary = |c: &Content| {
            let mut all: Vec<(String, String)> = [&c.articles, &c.sidecars, &c.context_entries]
                .into_iter()
                .flatten()
                .map(|f| (f.rel.clone(), f.text.to_string()))
                .chain(c.assets.iter().map(|a| (a.rel.clone(), String::new())))
                .collect();
            all.sort();
            all
        };
        let mut stamps = Stamps::new();
        stamps.trust_watcher();
        content_dir_with(dir.path(), &content, &mut stamps).expect("first load");

        // Same size, same second: only the report says it changed.
        let changed_a = write("2019/a.md", "other");
        let new_d = write("2019/d.md", "new");
        std::fs::remove_file(content.join("2019/b.md")).expect("remove");
        std::fs::remove_dir_all(content.join("2020")).expect("remove a folder");
        let folder = content.join("2021");
        write("2021/e.md", "in a new folder");
        write("2021/photo.jpg", "asset");
        write("2021/.hidden/f.md", "hidden");
        let backup = write("2019/a.md~", "an editor's backup");
        stamps.changed(&[
            changed_a,
            new_d,
            backup,
            content.join("2019/b.md"),
            content.join("2020"),
            folder,
        ]);
        let watched = content_dir_with(dir.path(), &content, &mut stamps).expect("watched load");
        let walked = content_dir(dir.path(), &content).expect("full walk");
        assert_eq!(summary(&watched), summary(&walked));
        assert!(summary(&watched).contains(&("2019/a.md".to_owned(), "other".to_owned())));

        // Nothing reported: nothing looked at, the same content again.
        let again = content_dir_with(dir.path(), &content, &mut stamps).expect("again");
        assert_eq!(summary(&again), summary(&walked));
        // A rescan walks everything and still agrees.
        write("2019/g.md", "unreported");
        stamps.rescan();
        let rescanned = content_dir_with(dir.path(), &content, &mut stamps).expect("rescan");
        assert_eq!(
            summary(&rescanned),
            summary(&content_dir(dir.path(), &content).expect("full walk"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_site_is_refused_by_a_watched_load_as_by_a_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("2019")).expect("mkdir");
        std::fs::write(content.join("2019/a.md"), "first").expect("write");
        std::fs::write(elsewhere.path().join("secret.txt"), "secret").expect("write");
        let mut stamps = Stamps::new();
        stamps.trust_watcher();
        content_dir_with(dir.path(), &content, &mut stamps).expect("first load");
        let link = content.join("2019/secret.txt");
        std::os::unix::fs::symlink(elsewhere.path().join("secret.txt"), &link).expect("link");
        stamps.changed(std::slice::from_ref(&link));
        let problems = content_dir_with(dir.path(), &content, &mut stamps).expect_err("refused");
        assert!(
            problems[0]
                .message
                .contains("leads out of the site's folder"),
            "{problems:?}"
        );
        let walked = content_dir(dir.path(), &content).expect_err("refused");
        assert_eq!(walked[0].message, problems[0].message);
    }

    #[test]
    fn byte_order_mark_is_removed_and_invalid_utf8_is_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("good.md");
        std::fs::write(&good, "\u{feff}+++").expect("write");
        assert_eq!(
            &*read_text(dir.path(), &good, "good.md".into())
                .expect("reads")
                .text,
            "+++"
        );
        let bad = dir.path().join("bad.md");
        std::fs::write(&bad, b"ok\n\xff").expect("write");
        let err = read_text(dir.path(), &bad, "bad.md".into()).unwrap_err();
        assert!(err.message.contains("line 2, column 1"), "{}", err.message);
    }
}
