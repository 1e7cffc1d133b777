//! Full-text search that works from `file://` as well as over HTTP: the search page and
//! an index shipped as JavaScript files that `static/search.js` loads with `<script>`
//! elements, never with `fetch`.
//!
//! In: anchored content, the link style and the templates. Out: `search/index.html`,
//! `search/manifest.js` (sizes, shard keys, where each document chunk starts), one
//! `search/shard-<key>.js` per term prefix and `search/docs-<n>.js` chunks holding what
//! results show. A query loads the manifest, the shards of its terms and the chunks of
//! the results on screen, nothing else. Every file is the same bytes on every build.
//! How text becomes terms lives in [`terms`]; `static/search.js` repeats it.

pub mod documents;
pub mod index;
pub mod terms;

use rayon::prelude::*;
use serde::Serialize;

use crate::anchor::Anchored;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::render::{Links, OutputFile};
use crate::templates::{PageContext, SiteContext, Templates};
use documents::Document;
use index::Counted;

/// Folder of the search page and its index, under the output folder.
pub const DIR: &str = "search";

/// A document chunk is closed once it holds this many bytes (whole articles with their
/// notes always stay together).
pub const CHUNK_BYTES: usize = 16 * 1024;

/// Version of the shipped format, checked by `search.js`.
pub const FORMAT: u32 = 1;

/// The id of the paragraph-level block numbered `block` (1-based, in reading-text order)
/// on an article page; search links point at it, beside a text fragment.
pub fn paragraph_id(block: usize) -> String {
    format!("p-{block}")
}

#[derive(Serialize)]
struct SearchPage<'a> {
    site: &'a SiteContext,
    page: PageContext,
}

/// The search page and every index file.
///
/// # Errors
/// A template error in `search.html`.
pub fn files(
    anchored: &Anchored,
    links: &Links,
    config: &Config,
    templates: &Templates,
    site: &SiteContext,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let path = format!("{DIR}/index.html");
    let page = links.page_context(config, &path, "Search");
    let html = templates.render("search.html", &SearchPage { site, page })?;
    let mut files = index_files(anchored, links);
    files.push(OutputFile::new(path, html.into_bytes()));
    Ok(files)
}

/// The index files alone: manifest, shards and document chunks.
pub fn index_files(anchored: &Anchored, links: &Links) -> Vec<OutputFile> {
    let groups = documents::collect(anchored, links);
    let counted: Vec<Counted> = groups
        .par_iter()
        .flat_map_iter(|group| group.iter().map(count))
        .collect();
    let postings = index::postings(&counted);
    let term_index = index::shard(&postings);
    let mut files = Vec::with_capacity(term_index.shards.len() + groups.len() / 8 + 1);
    let mut stamp = Fnv::default();
    for (key, terms) in &term_index.shards {
        let mut text = format!("glossSearch.shard({},{{", js_string(key));
        for (i, (term, list)) in terms.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&js_string(term));
            text.push(':');
            text.push('"');
            text.push_str(list);
            text.push('"');
        }
        text.push_str("});\n");
        stamp.write(text.as_bytes());
        files.push(OutputFile::new(
            format!("{DIR}/shard-{}.js", index::file_stem(key)),
            text.into_bytes(),
        ));
    }
    let (chunks, starts) = chunks(&groups);
    for (n, text) in chunks.into_iter().enumerate() {
        stamp.write(text.as_bytes());
        files.push(OutputFile::new(
            format!("{DIR}/docs-{n}.js"),
            text.into_bytes(),
        ));
    }
    let manifest = serde_json::json!({
        "format": FORMAT,
        "stamp": format!("{:016x}", stamp.0),
        "documents": counted.len(),
        "keyChars": index::KEY_CHARS,
        "maxWeight": index::MAX_WEIGHT,
        "stopWords": terms::STOP_WORDS.join(" "),
        "keys": term_index.shards.keys().cloned().collect::<Vec<_>>().join(" "),
        "split": term_index.split.iter().cloned().collect::<Vec<_>>().join(" "),
        "chunks": index::encode_gaps(&starts),
    });
    files.push(OutputFile::new(
        format!("{DIR}/manifest.js"),
        format!("glossSearch.manifest({manifest});\n").into_bytes(),
    ));
    files
}

fn count(document: &Document) -> Counted {
    Counted::new(
        document.kind,
        &document.heading,
        document.passages.iter().map(|p| p.text.as_str()),
    )
}

/// The document records cut into chunks of about [`CHUNK_BYTES`], and the number of the
/// first document of each.
fn chunks(groups: &[Vec<Document>]) -> (Vec<String>, Vec<u32>) {
    let mut texts = Vec::new();
    let mut starts = Vec::new();
    let mut current = String::new();
    let mut next_doc = 0u32;
    for group in groups {
        if current.is_empty() {
            starts.push(next_doc);
            current = format!("glossSearch.docs({},[", texts.len());
        } else {
            current.push(',');
        }
        for (i, document) in group.iter().enumerate() {
            if i > 0 {
                current.push(',');
            }
            current.push_str(&document.record);
            next_doc += 1;
        }
        if current.len() >= CHUNK_BYTES {
            current.push_str("]);\n");
            texts.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        current.push_str("]);\n");
        texts.push(current);
    }
    (texts, starts)
}

/// A JSON string literal, also valid JavaScript.
fn js_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// FNV-1a, 64 bits: the same stamp for the same index on every build and machine, so
/// browsers refetch shards only when they changed.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
