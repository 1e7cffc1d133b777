//! Rebuilding after a save by following what depends on the saved files.
//!
//! In: the paths a watcher reported, the settings and the [`BuildCache`] of the last
//! build. Out: the files to put in place of the served ones, or `None` when the change
//! is one a full (cached) build must take.
//!
//! What depends on what:
//!
//! ```text
//! article text or sidecar ──> its page and W3C export
//!                         ──> context pages of the entries its notes mention (keyed)
//!                         ──> the feeds, when it is in one
//!                         ──> the search index (patched)
//!   and, when its title, date, tags, authors, source, summary, notes' count or
//!   references changed (what lists, neighbours, related articles and the index
//!   read of it): every list page, neighbour and related article showing it
//! context entry, new or deleted file, template, static file, site.toml ──> everything
//! ```
//!
//! [`article_saved`] takes the first row: it reads and parses the saved article alone,
//! anchors it against the last build's context entries, and checks that what the
//! second row depends on is unchanged (the article's part of the index key, and its
//! summary). Every other change goes to [`crate::build_with`], whose keyed caches
//! redo only the pages whose inputs changed but still look at every article.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::anchor::AnchoredArticle;
use crate::cache::{BuildCache, FastMap};
use crate::config::Config;
use crate::load::{self, Content};
use crate::parse::sidecar;
use crate::render::OutputFile;
use crate::templates::Templates;

/// The files that changed after saving one article's Markdown and/or sidecar, when
/// nothing but its own page, context pages, feeds and search depend on the change.
/// `None` sends the caller to a full build; so does any problem in the saved files, so
/// that the full build reports it exactly as `gloss build` would.
pub fn article_saved(
    config: &Config,
    cache: &mut BuildCache,
    changed: &[PathBuf],
) -> Option<Vec<OutputFile>> {
    let rel = saved_article(&config.content_dir, changed)?;
    let content = cache.content.as_ref()?;
    let i = content
        .articles
        .binary_search_by(|a| a.article.file.rel.as_str().cmp(&rel))
        .ok()?;
    let old = &content.articles[i];
    // The same files as before: a sidecar that appeared or went is a new or deleted
    // file, for the full build.
    let md = config.content_dir.join(&rel);
    let sidecar_path = old
        .article
        .sidecar
        .as_ref()
        .map(|s| config.root.join(&s.file.path));
    // A sidecar beside the one it had (a second, which the full build refuses) is a
    // new file too.
    if changed
        .iter()
        .any(|p| p != &md && Some(p) != sidecar_path.as_ref())
    {
        return None;
    }
    let article = load::read_text(&config.root, &md, rel.clone()).ok()?;
    let sidecars = match sidecar_path {
        Some(path) => {
            let rel = old.article.sidecar.as_ref()?.file.rel.clone();
            vec![load::read_text(&config.root, &path, rel).ok()?]
        }
        None => Vec::new(),
    };
    let loaded = Content {
        articles: vec![article],
        sidecars,
        ..Content::default()
    };
    let (mut parsed, problems) = crate::parse::collect(loaded, config.drafts, &FastMap::default());
    if !problems.is_empty() || parsed.articles.len() != 1 {
        return None;
    }
    // The saved article's own warnings (dates, headings, footnotes, its summary, its
    // notes), as a full build makes them, with the context entries its notes name.
    parsed.context_entries = content.context_entries.clone();
    let own_warnings = crate::parsed_warnings(&parsed);
    let article = parsed.articles.pop()?;
    let anchored = Arc::new(crate::anchor::article(article, &content.context_entries).ok()?);
    let part = crate::archive::index::article_part(&anchored);
    if part != crate::archive::index::article_part(old) {
        return None;
    }
    let (_, index) = cache.index.as_ref()?;
    let index = Arc::clone(index);
    let templates = Templates::load(&config.root, &config.templates_dir, &config.labels).ok()?;
    // Where the notes placed by `occurrence` now stand: the record file changes with
    // them, and a record that empties is a file to remove, for the full build.
    let saved = std::slice::from_ref(&anchored);
    let mut places = cache.places.clone();
    places.retain(|_, stood| stood.article != rel);
    places.extend(crate::anchor::places::record(saved));
    let record = crate::places_file(&places);
    if record.is_none() && !cache.places.is_empty() {
        return None;
    }
    let content = cache.content.as_mut()?;
    let previous = std::mem::replace(&mut content.articles[i], Arc::clone(&anchored));
    let mut files =
        crate::render::article_saved(content, &index, config, &templates, &mut cache.pages, i);
    let Some(made) = files.as_mut() else {
        content.articles[i] = previous;
        return None;
    };
    made.extend(record);
    // The last build's standing warnings stand but for the saved article's and its
    // sidecar's, which are made again.
    let md = &anchored.article.file.path;
    let sidecar = anchored.article.sidecar.as_ref().map(|s| &s.file.path);
    let own = |warning: &crate::diagnostic::Diagnostic| {
        warning.file == *md || Some(&warning.file) == sidecar
    };
    cache.standing.retain(|warning| !own(warning));
    cache
        .standing
        .extend(own_warnings.into_iter().filter(|warning| own(warning)));
    cache.warnings = crate::anchor::places::moved(saved, &cache.places);
    cache.places = places;
    remember(cache, &rel, &anchored, part);
    files
}

/// The article (its path under `content/`) that every changed path belongs to: its
/// Markdown file or its sidecar, both already there. `None` for anything else.
fn saved_article(content_dir: &Path, changed: &[PathBuf]) -> Option<String> {
    let mut article: Option<String> = None;
    for path in changed {
        let rel: Vec<String> = path
            .strip_prefix(content_dir)
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        if rel.starts_with("context/") || !path.is_file() {
            return None;
        }
        let this = if rel.ends_with(".md") {
            rel
        } else {
            sidecar::article_rel(&rel)?
        };
        match &article {
            Some(seen) if *seen != this => return None,
            _ => article = Some(this),
        }
    }
    article
}

/// Puts the saved article where the next full build looks for it, so that build
/// reuses it instead of parsing and anchoring it again.
fn remember(cache: &mut BuildCache, rel: &str, anchored: &Arc<AnchoredArticle>, part: u64) {
    if !cache.keep {
        return;
    }
    let article = &anchored.article;
    cache.parsed.insert(rel.to_owned(), Arc::clone(article));
    let Some(content) = cache.content.as_ref() else {
        return;
    };
    let key = crate::anchor_key(article, crate::entries_key(&content.context_entries));
    cache
        .anchored
        .insert(rel.to_owned(), (key, Arc::clone(anchored)));
    cache.index_parts.insert(article.key, part);
}

#[cfg(test)]
mod tests {
    use super::saved_article;
    use std::path::{Path, PathBuf};

    /// Makes the files and asks which article the saved `paths` belong to.
    fn saved(files: &[&str], paths: &[&str]) -> Option<String> {
        let dir = tempfile::tempdir().expect("temporary folder");
        let content = dir.path().join("content");
        for file in files {
            let path = content.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "x").expect("write");
        }
        let paths: Vec<PathBuf> = paths.iter().map(|p| content.join(p)).collect();
        saved_article(&content, &paths)
    }

    #[test]
    fn an_article_and_its_sidecar_are_one_saved_article() {
        let files = ["2019/a.md", "2019/a.annotations.toml", "2019/b.md"];
        assert_eq!(saved(&files, &["2019/a.md"]).as_deref(), Some("2019/a.md"));
        assert_eq!(
            saved(&files, &["2019/a.annotations.toml", "2019/a.md"]).as_deref(),
            Some("2019/a.md")
        );
    }

    #[test]
    fn anything_else_is_for_a_whole_build() {
        let files = ["2019/a.md", "2019/b.md", "2019/photo.jpg", "context/x.md"];
        for paths in [
            &["2019/a.md", "2019/b.md"][..],
            &["2019/photo.jpg"],
            &["context/x.md"],
            &["2019/gone.md"],
            &["2019"],
            &[],
        ] {
            assert_eq!(saved(&files, paths), None, "{paths:?}");
        }
        let outside = [Path::new("/elsewhere/a.md").to_path_buf()];
        assert_eq!(saved_article(Path::new("/site/content"), &outside), None);
    }
}
