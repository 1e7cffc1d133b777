//! Puts a built [`Site`] on disk: the only stage that writes.
//!
//! In: the site in memory and the output folder. Out: the folder holding exactly the new
//! site plus whatever was there that gloss did not make (a deploy repository's `.git`, a
//! `CNAME`, a user's file), or, on any failure, the previous folder unchanged. The site is
//! written into a staging folder next to the output, then swapped in. A manifest
//! (`.gloss-manifest`) records every file gloss wrote with a hash of its bytes: files
//! whose bytes did not change are hard-linked from the previous output instead of
//! written again, and a folder without a manifest is not taken over unless forced.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Category, Diagnostic};
use crate::render::Site;

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
    for file in &site.files {
        if !is_inside(&file.path) {
            return Err(Diagnostic::error(
                &file.path,
                "this output path would leave the output folder",
            )
            .hint("rename the file or slug so it stays inside the site"));
        }
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
    let previous = previous.unwrap_or_default();
    let staging = sibling(output, "staging");
    let result = stage(site, output, &previous, &staging, inputs).and_then(|report| {
        swap(output, &staging)?;
        Ok(report)
    });
    match result {
        Ok(report) => Ok(report),
        Err(err) => {
            let _ = fs::remove_dir_all(&staging);
            Err(io_error(output, &err))
        }
    }
}

fn stage(
    site: &Site,
    output: &Path,
    previous: &BTreeMap<String, u64>,
    staging: &Path,
    inputs: Option<u64>,
) -> io::Result<Report> {
    if staging.exists() {
        fs::remove_dir_all(staging)?;
    }
    fs::create_dir_all(staging)?;
    let mut report = Report::default();
    let mut manifest =
        String::from("# Files written by gloss: hash path. gloss removes only these.\n");
    if let Some(inputs) = inputs {
        manifest.push_str(&format!("# inputs {inputs:016x}\n"));
    }
    let mut made_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let ours: BTreeSet<&str> = site.files.iter().map(|f| f.path.as_str()).collect();
    for file in &site.files {
        let target = staging.join(&file.path);
        if let Some(parent) = target.parent() {
            if made_dirs.insert(parent.to_path_buf()) {
                fs::create_dir_all(parent)?;
            }
        }
        let digest = hash(&file.bytes);
        let old = output.join(&file.path);
        if previous.get(&file.path) == Some(&digest) && fs::hard_link(&old, &target).is_ok() {
            report.unchanged += 1;
        } else {
            fs::write(&target, &file.bytes)?;
            report.written += 1;
        }
        report.bytes += file.bytes.len() as u64;
        manifest.push_str(&format!("{digest:016x} {}\n", file.path));
    }
    report.removed = previous
        .keys()
        .filter(|p| !ours.contains(p.as_str()))
        .count();
    fs::write(staging.join(MANIFEST), manifest)?;
    if output.is_dir() {
        keep_foreign(output, staging, previous, &ours)?;
    }
    Ok(report)
}

/// Links every file of the old output that gloss did not write into the staging folder,
/// so the swap keeps it.
fn keep_foreign(
    output: &Path,
    staging: &Path,
    previous: &BTreeMap<String, u64>,
    ours: &BTreeSet<&str>,
) -> io::Result<()> {
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
            fs::create_dir_all(&target)?;
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

/// Replaces `output` with `staging`; on failure puts the old folder back.
fn swap(output: &Path, staging: &Path) -> io::Result<()> {
    if !output.exists() {
        if let Some(parent) = output.parent() {
            fs::create_dir_all(parent)?;
        }
        return fs::rename(staging, output);
    }
    let old = sibling(output, "old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(output, &old)?;
    if let Err(err) = fs::rename(staging, output) {
        fs::rename(&old, output)?;
        return Err(err);
    }
    fs::remove_dir_all(&old)
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
    let mut diagnostic = Diagnostic::error(output, format!("cannot write the site: {err}"))
        .hint("check that the output folder and its parent are writable; the previous output was left as it was");
    diagnostic.category = Category::Io;
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

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
