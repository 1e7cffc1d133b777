//! Puts the built site on disk: the only stage that writes.
//!
//! In: the site's files, as a [`Site`] in memory or one by one through [`Staging`] while
//! they are rendered (a build then never holds every page), and the output folder. Out: the folder holding exactly the new
//! site plus whatever was there that gloss did not make (a deploy repository's `.git`, a
//! `CNAME`, a user's file), or, on any failure, the previous folder unchanged. The site is
//! written into a staging folder next to the output, then swapped in; an interrupted
//! build removes its staging folder, and one a killed build left (gloss's by its marker)
//! is removed by the next build. A manifest
//! (`.gloss-manifest`) records every file gloss wrote with a hash of its bytes: files
//! whose bytes did not change are hard-linked from the previous output instead of
//! written again, and a folder without a manifest is not taken over unless forced.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Category, Diagnostic};
use crate::render::{OutputFile, Site};

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = ".gloss-manifest";

/// Whether gloss may take over a folder it did not make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Takeover {
    /// Refuse a non-empty folder without a manifest.
    #[default]
    Refuse,
    /// `--force`: build into it anyway, keeping its files.
    Force,
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files written anew.
    pub written: usize,
    /// Files unchanged, linked from the previous output.
    pub unchanged: usize,
    /// Files of the previous build that are gone now.
    pub removed: usize,
    /// Bytes of the whole site.
    pub bytes: u64,
    /// The previous output, moved aside when the new one went in, when it could not be
    /// deleted afterwards (the new site is in place either way): where it is, and why.
    pub left_behind: Option<(PathBuf, String)>,
}

/// A stable hash of some bytes: the manifest's change detector.
pub fn hash(bytes: &[u8]) -> u64 {
    crate::cache::hash(bytes)
}

/// Reads the manifest of a previous build: path -> hash.
pub fn read_manifest(output: &Path) -> Option<BTreeMap<String, u64>> {
    let text = fs::read_to_string(output.join(MANIFEST)).ok()?;
    let mut files = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (hash, path) = line.split_once(' ')?;
        files.insert(path.to_owned(), u64::from_str_radix(hash, 16).ok()?);
    }
    Some(files)
}

/// The input fingerprint recorded by the last build, when every file it wrote is still
/// there: then an equal fingerprint means there is nothing to do.
pub fn up_to_date_inputs(output: &Path) -> Option<u64> {
    let text = fs::read_to_string(output.join(MANIFEST)).ok()?;
    let inputs = text.lines().find_map(|l| l.strip_prefix("# inputs "))?;
    let inputs = u64::from_str_radix(inputs.trim(), 16).ok()?;
    let files = read_manifest(output)?;
    files
        .keys()
        .all(|path| output.join(path).is_file())
        .then_some(inputs)
}

/// What a build would do to the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files that are not there yet.
    pub added: Vec<String>,
    /// Files whose bytes would change.
    pub changed: Vec<String>,
    /// Files of the last build that would go.
    pub removed: Vec<String>,
}

/// Compares `site` with the last build's manifest; writes nothing (`--dry-run`).
pub fn plan(site: &Site, output: &Path) -> Plan {
    let previous = read_manifest(output).unwrap_or_default();
    let mut plan = Plan::default();
    for file in &site.files {
        match previous.get(&file.path) {
            None => plan.added.push(file.path.clone()),
            Some(&digest) if digest != hash(&file.bytes) => plan.changed.push(file.path.clone()),
            Some(_) => {}
        }
    }
    let ours: BTreeSet<&str> = site.files.iter().map(|f| f.path.as_str()).collect();
    plan.removed = previous
        .keys()
        .filter(|p| !ours.contains(p.as_str()))
        .cloned()
        .collect();
    plan
}

/// The last build's manifest in `output` (empty when there is none), when gloss may
/// build there: a folder it made, an empty or missing one, or with `Takeover::Force`.
///
/// # Errors
/// A non-empty folder without a manifest, unless forced.
pub fn may_take(output: &Path, takeover: Takeover) -> Result<BTreeMap<String, u64>, Diagnostic> {
    // Before, `--output site.toml --force` took the user's file.
    // `--force` keeps a folder's files; it never takes a file, whatever it is.
    if fs::metadata(output).is_ok_and(|m| !m.is_dir()) {
        let mut refusal = Diagnostic::error(output, "the output is a file, not a folder")
            .note("gloss puts a folder of pages in the output's place, and --force keeps the files inside a folder: it never replaces a file")
            .hint("choose a folder for --output (one that does not exist yet is made)");
        refusal.category = Category::Io;
        return Err(refusal);
    }
    let previous = read_manifest(output);
    if previous.is_none() && !is_empty_or_missing(output) && takeover == Takeover::Refuse {
        let mut refusal = Diagnostic::error(
            output,
            "the output folder is not empty and was not made by gloss (it has no .gloss-manifest)",
        )
        .hint("choose another --output, empty the folder, or pass --force to build into it and keep its files");
        refusal.category = Category::Io;
        return Err(refusal);
    }
    Ok(previous.unwrap_or_default())
}

/// Refuses an output folder inside one of the site's source folders (`content/`,
/// `static/`, `templates/`: its files would be read back on the next build, and each
/// build would copy the last one into itself) or holding one (the build would replace
/// the site's sources). `sources` are the folders with their names as the site knows
/// them.
///
/// # Errors
/// Either case, naming the output folder and the source folder.
pub fn apart_from_sources(output: &Path, sources: &[(&str, &Path)]) -> Result<(), Diagnostic> {
    // Compared as written and with symbolic links followed (`c/out`, where `c` links to
    // content/).
    let real_output = resolved(output);
    let output = lexical(output);
    for &(name, source) in sources {
        let real_source = resolved(source);
        let source = lexical(source);
        let problem = if output.starts_with(&source) || real_output.starts_with(&real_source) {
            format!("the output folder is inside {name}/: its files would be read back as the site's own on the next build")
        } else if source.starts_with(&output) || real_source.starts_with(&real_output) {
            format!("the output folder holds the site's {name}/: building would replace it")
        } else {
            continue;
        };
        let mut refusal = Diagnostic::error(&output, problem).hint(
            "choose an --output outside content/, static/ and templates/ (the default is public/ beside them)",
        );
        refusal.category = Category::Io;
        return Err(refusal);
    }
    Ok(())
}

/// `path` with the symbolic links of its longest existing part followed, the rest as
/// [`lexical`] makes it.
fn resolved(path: &Path) -> PathBuf {
    let path = lexical(path);
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |at, part| at.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// `path` made absolute and its `.` and `..` parts resolved, without reading the disk.
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            part => out.push(part),
        }
    }
    out
}

/// Writes `site` into `output` through a staging folder.
///
/// # Errors
/// A path that would leave the output folder, a folder gloss did not make (without
/// `Takeover::Force`), or any I/O failure; the previous output is then left as it was.
///
/// `inputs`, the fingerprint of what the site was built from, is recorded in the
/// manifest so the next build can tell nothing changed.
pub fn write(
    site: &Site,
    output: &Path,
    takeover: Takeover,
    inputs: Option<u64>,
) -> Result<Report, Diagnostic> {
    let staging = Staging::open(output, takeover)?;
    let placed = site
        .files
        .par_iter()
        .map(|file| staging.place(file))
        .collect::<Result<Vec<Placed>, Diagnostic>>()?;
    staging.finish(placed, inputs)
}

/// A build on its way to disk: a staging folder next to the output that files go into
/// as soon as they are rendered, from any thread, so no build holds every page in
/// memory. [`Staging::finish`] swaps it in; dropped unfinished (a failed build), or
/// given up by [`abandon_staging`] (an interrupted one), it removes itself and the
/// output stays as it was. The folder holds a marker ([`STAGING_MARKER`]) locked while
/// the build runs: what a killed build leaves, the next one can tell is gloss's and
/// no longer in use, and removes.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    writing: std::sync::Arc<Writing>,
    previous: BTreeMap<String, u64>,
}

/// The marker file of a staging folder, locked by the build writing into it.
pub const STAGING_MARKER: &str = ".gloss-staging";

/// A staging folder being filled, as [`abandon_staging`] finds it too.
#[derive(Debug)]
struct Writing {
    dir: PathBuf,
    /// The locked marker while files may go in; `None` once the folder is swapped in
    /// or removed, after which nothing is written there. Files are placed under the
    /// read lock, the folder is swapped in or removed under the write lock.
    marker: std::sync::RwLock<Option<fs::File>>,
}

/// The staging folders of the builds under way in this process.
static UNDER_WAY: std::sync::Mutex<Vec<std::sync::Arc<Writing>>> =
    std::sync::Mutex::new(Vec::new());

/// Removes the staging folder of every build under way, for a process about to end on
/// an interrupt: once this returns, no file goes into one and none is swapped in. A
/// build whose new site is already being swapped in is waited for, so the output is the
/// old site or the new one, never half. True when a folder was removed.
pub fn abandon_staging() -> bool {
    let under_way: Vec<std::sync::Arc<Writing>> = UNDER_WAY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    // Every one is closed, whatever the others gave.
    let closed: Vec<bool> = under_way.iter().map(|writing| writing.close()).collect();
    closed.contains(&true)
}

impl Writing {
    /// Makes the staging folder `dir` for a build into `output` and locks its marker;
    /// a folder of that name a killed build left is removed first.
    fn open(output: &Path, dir: PathBuf) -> Result<Self, Diagnostic> {
        clear_stale(output, &dir)?;
        let marker = (|| {
            fs::create_dir_all(&dir)?;
            let mut marker = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(dir.join(STAGING_MARKER))?;
            // Where locks are not supported the marker still tells the folder is gloss's.
            let _ = marker.try_lock();
            writeln!(
                marker,
                "gloss builds the site here, then puts it in place of {}; a build that was killed leaves this folder, and the next one removes it",
                output.display()
            )?;
            Ok(marker)
        })()
        .map_err(|err: io::Error| {
            if err.kind() == io::ErrorKind::AlreadyExists {
                // Another build made its marker between our look and our making it.
                another_build(output, &dir)
            } else {
                io_error(output, &err)
            }
        })?;
        Ok(Self {
            dir,
            marker: std::sync::RwLock::new(Some(marker)),
        })
    }

    /// Gives up the folder: nothing goes in any more, and it is removed. True when it
    /// was still there to remove.
    fn close(&self) -> bool {
        let mut marker = self
            .marker
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Unlocked and closed first: an open file cannot be removed everywhere.
        if marker.take().is_none() {
            return false;
        }
        let _ = fs::remove_dir_all(&self.dir);
        true
    }
}

/// Removes a staging folder `dir` that a build of `output` killed before its end left:
/// gloss's by its marker, and no longer in use by its marker's lock, or an old site
/// (gloss's manifest, no marker) that a build killed just after its swap left there.
///
/// # Errors
/// The folder is in use by another build, or is no staging folder of gloss's.
fn clear_stale(output: &Path, dir: &Path) -> Result<(), Diagnostic> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    let in_use = |why: String, hint: &str| {
        let mut problem = Diagnostic::error(output, why).hint(hint);
        problem.category = Category::Io;
        problem
    };
    let marker = dir.join(STAGING_MARKER);
    if let Ok(file) = fs::File::open(&marker) {
        if let Err(fs::TryLockError::WouldBlock) = file.try_lock() {
            return Err(another_build(output, dir));
        }
        drop(file);
    } else if !dir.join(MANIFEST).is_file() && !is_empty_or_missing(dir) {
        // With a manifest and no marker it is an old site, left where the staging
        // folder was by a build killed between putting its site in place and deleting
        // the old one (see `swap`).
        return Err(in_use(
            format!(
                "{} is in the way: gloss builds the site there before putting it in place, and this folder is not one gloss left (it has no {STAGING_MARKER})",
                dir.display()
            ),
            "move the folder away, or delete it if an earlier version of gloss left it",
        ));
    }
    fs::remove_dir_all(dir).map_err(|err| io_error(output, &err))
}

/// Removes what a build of `output` killed before its end left beside it, for a build
/// that finds the output up to date and so opens no staging folder: its staging folder,
/// or the old site that a build killed just after its swap left there or at
/// `.<output>.gloss-old`. Gives the folders removed, so the user hears of them.
///
/// # Errors
/// A staging folder in use by another build or not gloss's, or one that cannot be removed.
pub fn clear_left(output: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut removed = Vec::new();
    let staging = sibling(output, "staging");
    if fs::symlink_metadata(&staging).is_ok() {
        clear_stale(output, &staging)?;
        removed.push(staging);
    }
    // An old site moved aside, known by its manifest; anything else there is left alone.
    let old = sibling(output, "old");
    if old.join(MANIFEST).is_file() {
        fs::remove_dir_all(&old).map_err(|err| io_error(output, &err))?;
        removed.push(old);
    }
    Ok(removed)
}

/// The error of a build that finds another one writing the same output folder.
fn another_build(output: &Path, dir: &Path) -> Diagnostic {
    let mut problem = Diagnostic::error(
        output,
        format!(
            "another gloss build is writing this output folder (its staging folder {} is in use)",
            dir.display()
        ),
    )
    .hint("wait for that build to end, or stop it; the previous output is left as it was");
    problem.category = Category::Io;
    problem
}

/// A file in the staging folder, as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// [`hash`] of its bytes.
    pub digest: u64,
    /// Its size in bytes.
    pub len: u64,
    /// True when linked from the previous output (same bytes), false when written.
    pub linked: bool,
}

/// What a clash of two files at one path is told as.
const TWICE: &str = "two files of the site would be written at this path";
/// What a file where a folder must be is told as, before the folder.
const IN_THE_WAY: &str = "this file of the site stands where a folder must be";

/// The error for the first path that two files of a site would both be written at, of
/// `sorted` output paths in order, or, failing that, for the first file that stands
/// where another file's folder must be (`tags` beside `tags/index.html`).
pub fn written_twice<'a>(sorted: impl IntoIterator<Item = &'a str>) -> Option<Diagnostic> {
    all_written_twice(sorted).into_iter().next()
}

/// Every clash [`written_twice`] finds the first of: each path two files would be
/// written at, then each file that stands where a folder must be, once.
pub fn all_written_twice<'a>(sorted: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut last: Option<&str> = None;
    let mut all = std::collections::HashSet::new();
    for path in sorted {
        if last == Some(path)
            && found
                .last()
                .is_none_or(|d: &Diagnostic| d.file != Path::new(path))
        {
            found.push(twice(path));
        }
        last = Some(path);
        all.insert(path);
    }
    let mut folders: Vec<(&str, &str)> = all
        .iter()
        .flat_map(|path| {
            path.match_indices('/')
                .map(|(at, _)| (&path[..at], *path))
                .filter(|(folder, _)| all.contains(folder))
        })
        .collect();
    folders.sort_unstable();
    folders.dedup_by_key(|(file, _)| *file);
    found.extend(folders.into_iter().map(|(file, inside)| {
        Diagnostic::error(file, format!("{IN_THE_WAY}, the folder of {inside}")).hint(format!(
            "give the file or the page another name; gloss makes {inside} itself"
        ))
    }));
    found
}

/// `problem`, a clash of two files at one path (see [`written_twice`]), with the file
/// of the site's `static/` folder that is one of them named, when one is.
pub fn name_static_file(problem: Diagnostic, static_dir: &Path, root: &Path) -> Diagnostic {
    let clash = problem.message == TWICE || problem.message.starts_with(IN_THE_WAY);
    let Some(path) = problem
        .file
        .to_str()
        .filter(|p| clash && is_inside(p))
        .map(str::to_owned)
    else {
        return problem;
    };
    let own = static_dir.join(&path);
    if problem.notes.iter().any(|n| n.contains("static/")) || !own.is_file() {
        return problem;
    }
    let shown = crate::diagnostic::display_path(root, &own);
    let mut problem = problem.note(format!("{} is one of them", shown.display()));
    problem.hint = Some(format!(
        "rename or move {}: the site makes a page or file of its own at {path}",
        shown.display()
    ));
    problem
}

/// Each pair of output paths that differ only in case (`Index.html` beside gloss's
/// `index.html`, a `redirect_from` of `/2021/Plain/` beside the page `2021/plain/`): on
/// a disk or host that ignores case (macOS, Windows, some uploads) one replaces the
/// other. Pairs of the same path are [`written_twice`]'s.
pub fn alike_in_case<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, &'a str)> {
    let mut first: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    let mut pairs = Vec::new();
    for path in paths {
        match first.entry(path.to_lowercase()) {
            std::collections::hash_map::Entry::Occupied(seen) if *seen.get() != path => {
                pairs.push((*seen.get(), path));
            }
            std::collections::hash_map::Entry::Occupied(_) => {}
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(path);
            }
        }
    }
    pairs
}

fn twice(path: &str) -> Diagnostic {
    // A file of static/ or content/ at a path gloss writes itself (the sitemap, the
    // search index's files, a feed).
    let own = ["sitemap.xml", "atom.xml", "404.html"].contains(&path)
        || path.starts_with("sitemap-")
        || path.starts_with(&format!("{}/", crate::search::DIR));
    let problem = Diagnostic::error(path, TWICE);
    if own {
        problem
            .note(format!("gloss writes {path} itself"))
            .hint(format!(
                "remove static/{path} or content/{path}, or give it another name"
            ))
    } else {
        problem.hint("give one of the pages or files another slug or name")
    }
}

impl Staging {
    /// Checks that gloss may build into `output` and makes an empty staging folder.
    ///
    /// # Errors
    /// A non-empty folder gloss did not make (without `Takeover::Force`), or an I/O
    /// failure creating the staging folder.
    pub fn open(output: &Path, takeover: Takeover) -> Result<Self, Diagnostic> {
        let previous = may_take(output, takeover)?;
        // Made while the list is held: an interrupt meanwhile finds the folder on it.
        let mut under_way = UNDER_WAY
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let writing = std::sync::Arc::new(Writing::open(output, sibling(output, "staging"))?);
        under_way.push(std::sync::Arc::clone(&writing));
        drop(under_way);
        Ok(Self {
            output: output.to_path_buf(),
            writing,
            previous,
        })
    }

    /// Puts one file into the staging folder: a hard link to the previous output's copy
    /// when its bytes are the same, a new file otherwise. Safe to call from many threads.
    ///
    /// # Errors
    /// A path that would leave the output folder, or an I/O failure.
    pub fn place(&self, file: &OutputFile) -> Result<Placed, Diagnostic> {
        if !is_inside(&file.path) {
            return Err(Diagnostic::error(
                &file.path,
                "this output path would leave the output folder",
            )
            .hint("rename the file or slug so it stays inside the site"));
        }
        let open = self
            .writing
            .marker
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if open.is_none() {
            return Err(interrupted(&self.output));
        }
        let target = self.writing.dir.join(&file.path);
        let digest = hash(&file.bytes);
        let old = self.output.join(&file.path);
        let link = |t: &Path| fs::hard_link(&old, t);
        // The size is checked too, so a file changed by hand to another size is written
        // afresh; an edit that keeps the size is not seen (the bytes are not read again),
        // and a build into an empty folder makes every file anew.
        let linked = self.previous.get(&file.path) == Some(&digest)
            && fs::metadata(&old).is_ok_and(|m| m.len() == file.bytes.len() as u64)
            && match with_parent(&target, link) {
                Ok(()) => true,
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(twice(&file.path));
                }
                Err(_) => false,
            };
        if !linked {
            // Never written through an existing path: a file already staged there may be
            // a hard link into the previous output, which a failed build must not touch.
            let made = with_parent(&target, |t| {
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(t)?
                    .write_all(&file.bytes)
            });
            match made {
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(twice(&file.path));
                }
                other => other.map_err(|err| io_error(&self.output, &err))?,
            }
        }
        Ok(Placed {
            path: file.path.clone(),
            digest,
            len: file.bytes.len() as u64,
            linked,
        })
    }

    /// Writes the manifest of `placed` (every file of the new site), links over the
    /// files of the old output gloss did not make, and swaps the staging folder in.
    ///
    /// # Errors
    /// Two files at one path, a foreign file where the site now writes one, or an I/O
    /// failure; the previous output is then left as it was.
    pub fn finish(
        self,
        mut placed: Vec<Placed>,
        inputs: Option<u64>,
    ) -> Result<Report, Diagnostic> {
        placed.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        if let Some(problem) = written_twice(placed.iter().map(|p| p.path.as_str())) {
            return Err(problem);
        }
        let mut report = Report::default();
        let mut manifest =
            String::from("# Files written by gloss: hash path. gloss removes only these.\n");
        if let Some(inputs) = inputs {
            manifest.push_str(&format!("# inputs {inputs:016x}\n"));
        }
        for file in &placed {
            if file.linked {
                report.unchanged += 1;
            } else {
                report.written += 1;
            }
            report.bytes += file.len;
            manifest.push_str(&format!("{:016x} {}\n", file.digest, file.path));
        }
        let ours: BTreeSet<&str> = placed.iter().map(|f| f.path.as_str()).collect();
        report.removed = self
            .previous
            .keys()
            .filter(|p| !ours.contains(p.as_str()))
            .count();
        // An interrupt waits for the swap, and finds the folder gone after it.
        let mut marker = self
            .writing
            .marker
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if marker.is_none() {
            return Err(interrupted(&self.output));
        }
        let dir = &self.writing.dir;
        let result = fs::write(dir.join(MANIFEST), manifest).and_then(|()| {
            if self.output.is_dir() {
                keep_foreign(&self.output, dir, &self.previous, &ours)?;
            }
            // No marker in the published site: it goes, unlocked, just before the swap.
            drop(marker.take());
            fs::remove_file(dir.join(STAGING_MARKER))?;
            swap(&self.output, dir)
        });
        if result.is_err() && marker.is_none() {
            // Failed with its marker gone: what Drop would remove, removed here.
            let _ = fs::remove_dir_all(dir);
        }
        drop(marker);
        let left_behind = result.map_err(|err| io_error(&self.output, &err))?;
        report.left_behind = left_behind.map(|(old, err)| (old, err.to_string()));
        Ok(report)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        self.writing.close();
        UNDER_WAY
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|writing| !std::sync::Arc::ptr_eq(writing, &self.writing));
    }
}

/// The error of a file placed after the build was interrupted.
fn interrupted(output: &Path) -> Diagnostic {
    let mut problem = Diagnostic::error(output, "the build was interrupted")
        .hint("build again; the previous output was left as it was");
    problem.category = Category::Io;
    problem
}

impl crate::render::Sink for Staging {
    type Kept = Placed;

    fn put(&self, file: OutputFile) -> Result<Placed, Diagnostic> {
        self.place(&file)
    }

    fn path(kept: &Placed) -> &str {
        &kept.path
    }
}

/// Runs `op` on `target`, making its parent folders first if it fails for want of them.
fn with_parent(target: &Path, op: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    match op(target) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            op(target)
        }
        other => other,
    }
}

/// Links every file of the old output that gloss did not write into the staging folder,
/// so the swap keeps it.
fn keep_foreign(
    output: &Path,
    staging: &Path,
    previous: &BTreeMap<String, u64>,
    ours: &BTreeSet<&str>,
) -> io::Result<()> {
    // The folders holding the last build's files are gloss's: one is kept only for the
    // foreign files inside it, so a folder the new build no longer fills goes.
    let ours_before: BTreeSet<&str> = previous
        .keys()
        .flat_map(|path| path.match_indices('/').map(move |(at, _)| &path[..at]))
        .collect();
    for entry in walkdir::WalkDir::new(output)
        .min_depth(1)
        .follow_links(false)
    {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(output)
            .map_err(io::Error::other)?;
        let rel_text = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel_text == MANIFEST || previous.contains_key(&rel_text) {
            continue;
        }
        let target = staging.join(rel);
        let kind = entry.file_type();
        if kind.is_dir() {
            if !ours_before.contains(rel_text.as_str()) {
                fs::create_dir_all(&target)?;
            }
        } else if ours.contains(rel_text.as_str()) {
            return Err(io::Error::other(format!(
                "{} was not written by gloss, and the new build writes a file there; move it away first",
                entry.path().display()
            )));
        } else if kind.is_symlink() {
            let link = fs::read_link(entry.path())?;
            symlink(&link, &target)?;
        } else {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            if fs::hard_link(entry.path(), &target).is_err() {
                fs::copy(entry.path(), &target)?;
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(link: &Path, target: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(link, target)
}

#[cfg(not(unix))]
fn symlink(_link: &Path, _target: &Path) -> io::Result<()> {
    Err(io::Error::other(
        "symbolic links in the output folder are only kept on Unix",
    ))
}

/// Replaces `output` with `staging`; on failure puts the old folder back. Once the new
/// folder is in place the swap has succeeded: the old one is then deleted, and if that
/// fails it is handed back (where it is, and why) instead of an error.
///
/// Where the system can exchange two folders in one step (Linux), it does: the output
/// folder is never missing, not even for a server reading it while the build ends. The
/// old site lands where the staging folder was and is moved aside at once; the next
/// build removes it if this one is killed in between. Elsewhere the old folder is
/// renamed aside first.
fn swap(output: &Path, staging: &Path) -> io::Result<Option<(PathBuf, io::Error)>> {
    if !output.exists() {
        if let Some(parent) = output.parent() {
            fs::create_dir_all(parent)?;
        }
        return fs::rename(staging, output).map(|()| None);
    }
    // `may_take` refused it already; a file made there since is not taken either.
    if fs::symlink_metadata(output).is_ok_and(|m| m.is_file()) {
        return Err(io::Error::other(format!(
            "{} is a file, not a folder; gloss does not replace a file with the site",
            output.display()
        )));
    }
    let old = sibling(output, "old");
    if exchange(staging, output)? {
        // The staging name is freed at once, so that a build starting meanwhile does
        // not meet the old site there while this one deletes it.
        let _ = fs::remove_dir_all(&old);
        let gone = if fs::rename(staging, &old).is_ok() {
            old
        } else {
            staging.to_path_buf()
        };
        return Ok(fs::remove_dir_all(&gone).err().map(|err| (gone, err)));
    }
    if old.exists() {
        // Left by a build whose clean-up failed.
        fs::remove_dir_all(&old).map_err(|err| {
            io::Error::new(err.kind(), format!("{} is left from an earlier build and cannot be deleted: {err}; delete it by hand", old.display()))
        })?;
    }
    fs::rename(output, &old)?;
    if let Err(err) = fs::rename(staging, output) {
        fs::rename(&old, output)?;
        return Err(err);
    }
    Ok(fs::remove_dir_all(&old).err().map(|err| (old, err)))
}

/// Exchanges folders `a` and `b` in one step. False, with nothing done, where the
/// system or the file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path with a NUL byte"))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that live across the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE as _,
        )
    };
    if done == 0 {
        return Ok(true);
    }
    let err = io::Error::last_os_error();
    match err.raw_os_error() {
        // No renameat2 (old kernel or seccomp), or a file system without exchange.
        Some(libc::ENOSYS | libc::EINVAL | libc::EPERM | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(err),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// `<parent>/.<name>.gloss-<what>`: next to the output, so renames stay on one disk.
fn sibling(output: &Path, what: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.gloss-{what}"))
}

fn is_empty_or_missing(dir: &Path) -> bool {
    match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(_) => !dir.exists(),
    }
}

/// True for a relative path with no `..`, root or prefix component.
pub fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn io_error(output: &Path, err: &io::Error) -> Diagnostic {
    let hint = match err.kind() {
        // A mount point (a bind mount into a container, a disk): gloss builds beside
        // the output folder and puts the new one in its place, which it cannot take.
        io::ErrorKind::ResourceBusy => format!(
            "the output folder is a mount point or in use: gloss builds the site beside it and puts it in its place, which a mount point cannot take; build into a folder inside it (--output {}), or mount the folder that holds it",
            output.join("site").display()
        ),
        io::ErrorKind::Other if err.to_string().contains("was not written by gloss") => {
            "move that file away, or build into another folder; the previous output was left as it was".to_owned()
        }
        _ => "check that the output folder and its parent are writable; the previous output was left as it was".to_owned(),
    };
    let mut diagnostic =
        Diagnostic::error(output, format!("cannot write the site: {err}")).hint(hint);
    diagnostic.category = Category::Io;
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_output_folder_is_said_to_be_a_mount_point() {
        let busy = io_error(
            Path::new("out"),
            &io::Error::from(io::ErrorKind::ResourceBusy),
        );
        assert!(busy
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("mount point") && h.contains("out/site")));
        let theirs = io_error(
            Path::new("out"),
            &io::Error::other("out/index.html was not written by gloss, and the new build writes a file there; move it away first"),
        );
        assert!(theirs
            .hint
            .as_deref()
            .is_some_and(|h| h.starts_with("move that file away")));
    }

    fn site(files: &[(&str, &str)]) -> Site {
        Site {
            files: files
                .iter()
                .map(|(p, b)| OutputFile::new(*p, b.as_bytes().to_vec()))
                .collect(),
        }
    }

    #[test]
    fn foreign_files_survive_and_stale_ones_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        write(
            &site(&[("a/index.html", "A"), ("old.html", "O")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("first");
        fs::write(out.join("CNAME"), "example.org").expect("cname");
        fs::create_dir_all(out.join(".git/objects")).expect("git");
        fs::write(out.join(".git/objects/x"), "obj").expect("git object");
        let report = write(
            &site(&[("a/index.html", "A"), ("b.html", "B")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("second");
        assert_eq!(
            (report.written, report.unchanged, report.removed),
            (1, 1, 1)
        );
        assert_eq!(
            fs::read_to_string(out.join("CNAME")).expect("kept"),
            "example.org"
        );
        assert_eq!(
            fs::read_to_string(out.join(".git/objects/x")).expect("kept"),
            "obj"
        );
        assert!(!out.join("old.html").exists());
    }

    #[test]
    fn two_files_at_one_path_fail_the_build_and_leave_the_previous_output_as_it_was() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        write(
            &site(&[("a/index.html", "A")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("first");
        // The first copy matches the previous output, so it is linked from it; the
        // second must not be written through that link.
        for order in [["A", "other"], ["other", "A"]] {
            let staging = Staging::open(&out, Takeover::Refuse).expect("staging");
            let mut failed = None;
            for bytes in order {
                let file = OutputFile::new("a/index.html", bytes.as_bytes().to_vec());
                if let Err(problem) = staging.place(&file) {
                    failed = Some(problem);
                }
            }
            let problem = failed.expect("the second file at one path is refused");
            assert!(problem.message.contains("two files"), "{}", problem.message);
            drop(staging);
            assert_eq!(
                fs::read_to_string(out.join("a/index.html")).expect("kept"),
                "A"
            );
        }
        let again = write(
            &site(&[("a/index.html", "A")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("again");
        assert_eq!((again.written, again.unchanged), (0, 1));
    }

    #[test]
    fn a_staging_folder_a_killed_build_left_is_removed_and_one_in_use_or_not_gloss_s_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        let staging = sibling(&out, "staging");
        // Left by a build killed while writing: its marker, no longer locked.
        fs::create_dir_all(staging.join("2020/x")).expect("left folder");
        fs::write(staging.join("2020/x/index.html"), "half").expect("left page");
        fs::write(staging.join(STAGING_MARKER), "gloss").expect("marker");
        write(
            &site(&[("a/index.html", "A")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("build");
        assert!(!staging.exists(), "the stale staging folder is gone");
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).expect("built"),
            "A"
        );
        assert!(!out.join(STAGING_MARKER).exists(), "no marker is published");
        // In use by a build under way.
        let under_way = Staging::open(&out, Takeover::Refuse).expect("first build");
        let refused = Staging::open(&out, Takeover::Refuse).expect_err("second build");
        assert!(
            refused.message.contains("another gloss build"),
            "{}",
            refused.message
        );
        assert!(
            staging.join(STAGING_MARKER).is_file(),
            "the first build's folder stays"
        );
        drop(under_way);
        assert!(!staging.exists());
        // A folder of that name gloss did not leave.
        fs::create_dir_all(&staging).expect("foreign folder");
        fs::write(staging.join("mine.txt"), "mine").expect("foreign file");
        let refused = Staging::open(&out, Takeover::Refuse).expect_err("not gloss's");
        assert!(
            refused.message.contains("is in the way"),
            "{}",
            refused.message
        );
        assert!(staging.join("mine.txt").is_file());
    }

    #[test]
    fn an_old_site_a_build_killed_after_its_swap_left_is_removed_by_the_next() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        write(
            &site(&[("a/index.html", "A")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("first");
        // What a build killed between its swap and deleting the old site leaves: the
        // old site, its manifest and no marker, where the staging folder was.
        let staging = sibling(&out, "staging");
        fs::create_dir_all(staging.join("a")).expect("left folder");
        fs::write(staging.join("a/index.html"), "old").expect("left page");
        fs::write(staging.join(MANIFEST), "# Files written by gloss\n").expect("manifest");
        write(
            &site(&[("a/index.html", "B")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("next");
        assert!(!staging.exists(), "the old site is gone");
        assert!(!sibling(&out, "old").exists(), "and nothing else is left");
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).expect("built"),
            "B"
        );
    }

    #[test]
    fn a_build_given_up_writes_and_swaps_in_nothing_and_leaves_no_staging_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        write(
            &site(&[("a/index.html", "A")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("first");
        let staging = Staging::open(&out, Takeover::Refuse).expect("staging");
        let placed = staging
            .place(&OutputFile::new("a/index.html", "new"))
            .expect("placed");
        assert!(staging.writing.close(), "the folder was there");
        assert!(!sibling(&out, "staging").exists());
        let late = staging.place(&OutputFile::new("b.html", "B"));
        assert!(late.is_err(), "nothing goes in after");
        assert!(!sibling(&out, "staging").exists());
        assert!(
            staging.finish(vec![placed], None).is_err(),
            "nothing is swapped in"
        );
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).expect("kept"),
            "A"
        );
    }

    #[test]
    fn a_folder_the_new_build_no_longer_fills_goes_and_a_foreign_empty_one_stays() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        let first = site(&[("a/index.html", "A"), ("tags/gone/index.html", "T")]);
        write(&first, &out, Takeover::Refuse, None).expect("first");
        fs::create_dir_all(out.join("uploads")).expect("foreign folder");
        fs::write(out.join("tags/notes.txt"), "mine").expect("foreign file");
        write(
            &site(&[("a/index.html", "A")]),
            &out,
            Takeover::Refuse,
            None,
        )
        .expect("second");
        assert!(
            !out.join("tags/gone").exists(),
            "an emptied folder of gloss's stays"
        );
        assert!(out.join("uploads").is_dir(), "a foreign empty folder goes");
        assert!(out.join("tags/notes.txt").is_file(), "a foreign file goes");
    }

    #[test]
    fn an_output_inside_content_or_holding_it_is_refused() {
        let root = Path::new("/site");
        let content = root.join("content");
        let (statics, templates) = (root.join("static"), root.join("templates"));
        let sources = [
            ("content", content.as_path()),
            ("static", statics.as_path()),
            ("templates", templates.as_path()),
        ];
        assert!(apart_from_sources(&root.join("public"), &sources).is_ok());
        assert!(apart_from_sources(&root.join("content/2024/out"), &sources).is_err());
        assert!(apart_from_sources(&root.join("content/../content/x"), &sources).is_err());
        assert!(apart_from_sources(root, &sources).is_err());
        assert!(apart_from_sources(&root.join("public/../public"), &sources).is_ok());
        let inside_static = apart_from_sources(&root.join("static/site"), &sources).unwrap_err();
        assert!(
            inside_static.message.contains("inside static/"),
            "{}",
            inside_static.message
        );
        assert!(apart_from_sources(&root.join("templates/out"), &sources).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn an_output_inside_content_by_a_symbolic_link_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("2019")).expect("mkdir");
        std::os::unix::fs::symlink(&content, dir.path().join("c")).expect("link");
        let sources = [("content", content.as_path())];
        assert!(apart_from_sources(&dir.path().join("c/out"), &sources).is_err());
        assert!(apart_from_sources(&dir.path().join("c/2019/new/out"), &sources).is_err());
        assert!(apart_from_sources(&dir.path().join("public"), &sources).is_ok());
    }

    #[test]
    fn a_folder_gloss_did_not_make_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("precious.txt"), "x").expect("write");
        let err = write(
            &site(&[("index.html", "A")]),
            dir.path(),
            Takeover::Refuse,
            None,
        )
        .unwrap_err();
        assert!(err.message.contains("not made by gloss"));
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).expect("untouched"),
            "x"
        );
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        assert!(!is_inside("../x"));
        assert!(!is_inside("/etc/passwd"));
        assert!(!is_inside("a\\..\\b"));
        assert!(is_inside("2019/x/index.html"));
    }
}
