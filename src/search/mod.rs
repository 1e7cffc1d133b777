//! Full-text search that works from `file://` as well as over HTTP: the search page and
//! an index shipped as JavaScript files that `static/search.js` loads with `<script>`
//! elements, never with `fetch`.
//!
//! In: anchored content, the link style and the templates. Out: `search/index.html`,
//! `search/manifest.js` (counts, the first term of every shard, the first document of
//! every chunk, the commonest terms for suggestions), `search/shard-<n>.js` files
//! holding the posting lists of a run of terms in sorted order with each term's result
//! [`cards`], and `search/docs-<n>.js` chunks holding what results show. A query loads the manifest and the shards of its terms;
//! the ten results on screen come from the cards, and only those without one (a query
//! of several common words) from their chunks (all at once), nothing else. Every file
//! is the same bytes on every build, and the same whether it was built from scratch or
//! patched through a [`SearchCache`].
//! How text becomes terms lives in [`terms`]; `static/search.js` repeats it.

pub mod cards;
pub mod documents;
pub mod index;
mod state;
pub mod store;
pub mod terms;

use serde::Serialize;

use crate::anchor::Anchored;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::render::{Links, OutputFile};
use crate::templates::{PageContext, SiteContext, Templates};

pub use state::{SearchCache, COMMON_TERMS};

/// Folder of the search page and its index, under the output folder.
pub const DIR: &str = "search";

/// Version of the shipped format, checked by `search.js`.
pub const FORMAT: u32 = 6;

/// How the sorted terms are cut into shards: a query loads one shard a term (a prefix
/// may take a few), so shards stay small, but not so small that they make many files.
pub const SHARDS: store::Limits = store::Limits {
    target: 32 * 1024,
    min: 8 * 1024,
    max: 64 * 1024,
};

/// The id of the paragraph-level block numbered `block` (1-based, in reading-text order)
/// on an article page; search links point at it.
pub fn paragraph_id(block: usize) -> String {
    format!("p-{block}")
}

#[derive(Serialize)]
struct SearchPage<'a> {
    site: &'a SiteContext,
    page: PageContext,
}

/// The search page and every index file, each handed to `put` (from many threads) as it
/// is made; `cache` carries the index from build to build when it keeps (see
/// [`SearchCache::keeping`]), so a rebuild redoes only what changed. A build that does
/// not keep hands document chunks over while it is still counting, so it never holds
/// the text of every chunk at once.
///
/// # Errors
/// A template error in `search.html`, or what `put` refuses.
pub fn files<K: Send>(
    anchored: &Anchored,
    links: &Links,
    config: &Config,
    templates: &Templates,
    site: &SiteContext,
    cache: &mut SearchCache,
    put: &(dyn Fn(OutputFile) -> Result<K, Diagnostic> + Sync),
) -> Result<Vec<K>, Diagnostic> {
    let path = format!("{DIR}/index.html");
    let page = links.page_context(config, &path, config.labels.get("search"));
    let html = templates
        .render("search.html", &SearchPage { site, page })
        .map_err(|problem| problem.rendering(&path))?;
    let language = terms::Language::of(&config.language);
    let mut kept = state::build(anchored, links, language, &config.language, cache, put)?;
    kept.push(put(OutputFile::new(path, html.into_bytes()))?);
    Ok(kept)
}

/// The index files alone (manifest, shards and document chunks), its terms made by the
/// rules of `language` (a BCP 47 tag).
pub fn index_files(
    anchored: &Anchored,
    links: &Links,
    language: &str,
    cache: &mut SearchCache,
) -> Vec<OutputFile> {
    let rules = terms::Language::of(language);
    state::build(anchored, links, rules, language, cache, &Ok).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_ids_count_blocks_from_one() {
        assert_eq!(paragraph_id(1), "p-1");
    }
}
