//! What one build can hand to the next: results keyed by hashes of their inputs.
//!
//! In: nothing at first; each build through [`crate::build_with`] fills it. Out: parsed
//! and anchored articles and rendered pages that the next build reuses when the hash of
//! everything they depend on is unchanged. A page's key is its dependency list made
//! concrete: an article page hashes its own files, the templates, the settings, the
//! summaries of its neighbours and related articles and the context entries its notes
//! show; a list page hashes the summaries it lists. `gloss serve` keeps one cache for its
//! whole run, so a save re-does only what depends on the saved file.

/// The hash map of the caches: looked up tens of thousands of times per rebuild, with
/// keys that come from the site's own files (no untrusted input to flood it).
pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;

use crate::anchor::AnchoredArticle;
use crate::parse::Article;

/// A stable 64-bit hash of some bytes (XXH3): the same on every run and machine.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Builds a key from several parts; parts are length-prefixed so `ab`+`c` != `a`+`bc`.
#[derive(Clone)]
pub struct Key(xxhash_rust::xxh3::Xxh3);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({:016x})", self.finish())
    }
}

impl Default for Key {
    fn default() -> Self {
        Self::new()
    }
}

impl Key {
    /// An empty key.
    pub fn new() -> Self {
        Self(xxhash_rust::xxh3::Xxh3::new())
    }

    /// Adds some bytes.
    #[must_use]
    pub fn bytes(mut self, bytes: &[u8]) -> Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds a string.
    #[must_use]
    pub fn str(self, text: &str) -> Self {
        self.bytes(text.as_bytes())
    }

    /// Adds a number (another key, a count).
    #[must_use]
    pub fn u64(mut self, value: u64) -> Self {
        self.0.update(&value.to_le_bytes());
        self
    }

    /// The key.
    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// A hash of everything a build reads: the files under `content/` (as `content` holds
/// them: texts as loaded, assets read here), `templates/` and `static/` (paths and
/// bytes), the settings and gloss itself (version and executable). Equal fingerprints
/// mean the output would be byte-identical, so `gloss build` can stop early. Taken from
/// the loaded content, so a build that goes on reads each text file once. `None` when a
/// file cannot be read (the build then runs and reports it).
pub fn fingerprint(config: &crate::config::Config, content: &crate::load::Content) -> Option<u64> {
    use rayon::prelude::*;
    let mut parts: Vec<(String, u64)> = content
        .articles
        .iter()
        .chain(&content.context_entries)
        .chain(&content.sidecars)
        .map(|file| (format!("content/{}", file.rel), hash(file.text.as_bytes())))
        .collect();
    let mut paths: Vec<(String, std::path::PathBuf)> = content
        .assets
        .iter()
        .map(|asset| (format!("content/{}", asset.rel), asset.path.clone()))
        .collect();
    for (name, dir) in [
        ("templates", &config.templates_dir),
        ("static", &config.static_dir),
    ] {
        if !dir.exists() {
            continue;
        }
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        for entry in walker
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        {
            let entry = entry.ok()?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                paths.push((
                    format!("{name}/{}", rel.to_string_lossy()),
                    entry.into_path(),
                ));
            }
        }
    }
    let read: Option<Vec<(String, u64)>> = paths
        .into_par_iter()
        .map(|(name, path)| std::fs::read(path).ok().map(|bytes| (name, hash(&bytes))))
        .collect();
    parts.extend(read?);
    parts.sort_unstable();
    let key = parts.iter().fold(
        Key::new()
            .str(env!("CARGO_PKG_VERSION"))
            .str(&executable_stamp()?)
            .str(&config.output_settings()),
        |key, (name, digest)| key.str(name).u64(*digest),
    );
    let settings = std::fs::read(config.root.join("site.toml")).ok()?;
    Some(key.bytes(&settings).finish())
}

/// The running gloss beyond its version number: its executable's size and time. Its
/// default templates, static files and rendering are part of it, so a rebuilt or
/// reinstalled gloss never takes an older one's output for up to date. None (no early
/// stop) when it cannot tell.
fn executable_stamp() -> Option<String> {
    let meta = std::env::current_exe().ok()?.metadata().ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{}:{}", meta.len(), modified.as_nanos()))
}

/// Results of earlier builds, reused when their inputs' hashes match.
///
/// The default cache keeps nothing (a one-off build gains nothing from filling it);
/// [`BuildCache::keeping`] makes one that carries results from build to build.
#[derive(Debug, Default)]
pub struct BuildCache {
    /// Whether builds store their results here.
    pub keep: bool,
    /// Files read by the last load, with their times and sizes.
    pub files: crate::load::Stamps,
    /// Parsed articles by path under `content/`; each knows its own key.
    pub parsed: FastMap<String, std::sync::Arc<Article>>,
    /// Anchored articles by path under `content/`, with the key they were anchored under.
    pub anchored: FastMap<String, (u64, std::sync::Arc<AnchoredArticle>)>,
    /// The archive index and the key of what it was built from.
    pub index: Option<(u64, std::sync::Arc<crate::archive::Index>)>,
    /// Each article's part of the index key, by the article's key.
    pub index_parts: FastMap<u64, u64>,
    /// Rendered pages.
    pub pages: PageCache,
    /// The last successful build's anchored content, which a saved article is patched
    /// into (see [`crate::incremental`]).
    pub content: Option<crate::anchor::Anchored>,
    /// Where the notes placed by `occurrence` stood at the last successful build (read
    /// from the output folder before a build that starts without one).
    pub places: crate::anchor::places::Record,
    /// What the last successful build warned of once: notes an edit moved (see
    /// [`crate::anchor::places`]), whose new places it recorded.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// What the last successful build warned of that stands until the files change:
    /// templates no page uses, paths alike but for case, headings' braces and ids.
    pub standing: Vec<crate::diagnostic::Diagnostic>,
    /// How many drafts the last build left out (without `--drafts`).
    pub drafts_left_out: usize,
}

impl BuildCache {
    /// Every warning of the last successful build, the standing ones first; the ones
    /// told once are taken.
    pub fn take_warnings(&mut self) -> Vec<crate::diagnostic::Diagnostic> {
        let mut all = self.standing.clone();
        all.append(&mut self.warnings);
        all
    }
}

/// Rendered pages by output path, and whether to keep this build's pages.
#[derive(Debug, Default)]
pub struct PageCache {
    /// Whether the render stage refills the cache.
    pub keep: bool,
    /// Pages by output path.
    pub pages: FastMap<String, CachedPage>,
    /// Article summaries by path under `content/`.
    pub summaries: FastMap<String, CachedSummary>,
    /// The search index, patched rather than rebuilt after an edit.
    pub search: crate::search::SearchCache,
    /// What the last successful render worked out about the whole site.
    pub last: Option<crate::render::Rendered>,
    /// The sizes of the site's images at the last render, so that a rebuild reads only
    /// the images that changed.
    pub images: crate::render::images::Sizes,
}

impl BuildCache {
    /// Forgets what was read from `paths`, so the next build reads them again even when
    /// their modification time and size look unchanged (two saves within one clock tick).
    pub fn forget(&mut self, paths: &[std::path::PathBuf]) {
        self.files.changed(paths);
    }

    /// A cache that keeps each build's results for the next.
    pub fn keeping() -> Self {
        Self {
            keep: true,
            pages: PageCache {
                keep: true,
                search: crate::search::SearchCache::keeping(),
                ..PageCache::default()
            },
            ..Self::default()
        }
    }
}

/// An article's summary, as list pages and neighbours show it.
#[derive(Debug, Clone)]
pub struct CachedSummary {
    /// Hash of what the summary is made from (the article's files, the link style).
    pub key: u64,
    /// The summary.
    pub summary: std::sync::Arc<crate::archive::Summary>,
    /// Hash of the summary itself: pages that show it depend on this.
    pub hash: u64,
    /// The summary as a template value (shared, never copied per page).
    pub value: tera::Value,
}

/// A rendered page and the key of what it was rendered from.
#[derive(Debug, Clone)]
pub struct CachedPage {
    /// Hash of everything the page depends on.
    pub key: u64,
    /// The page.
    pub bytes: bytes::Bytes,
    /// For article pages in a feed: their feed content.
    pub feed: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(
            Key::new().str("ab").str("c").finish(),
            Key::new().str("a").str("bc").finish()
        );
        assert_eq!(
            Key::new().str("x").u64(1).finish(),
            Key::new().str("x").u64(1).finish()
        );
    }
}
