//! What the measuring examples share.

use std::path::{Path, PathBuf};

/// The first article (by path) under `content/`: the one the examples edit.
pub(crate) fn first_article(content: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && !p.starts_with(content.join("context"))
        })
        .collect();
    found.sort();
    found.into_iter().next()
}
