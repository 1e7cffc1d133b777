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
pub const CHUNK_BYTES: usize = 4 * 1024;

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

/// How many sources are turned into documents at once: enough to keep every core busy,
/// few enough that only their documents, never the whole site's, are in memory.
const BATCH: usize = 256;

/// The index files alone: manifest, shards and document chunks.
pub fn index_files(anchored: &Anchored, links: &Links) -> Vec<OutputFile> {
    let sources = documents::sources(anchored);
    let mut builder = index::Builder::default();
    let mut chunks = Chunks::default();
    for batch in sources.chunks(BATCH) {
        let made: Vec<Vec<(String, Counted)>> = batch
            .par_iter()
            .map(|&source| {
                documents::documents(source, anchored, links)
                    .into_iter()
                    .map(|document| {
                        let counted = count(&document);
                        (document.record, counted)
                    })
                    .collect()
            })
            .collect();
        for group in made {
            let mut records = Vec::with_capacity(group.len());
            for (record, counted) in group {
                builder.add(counted);
                records.push(record);
            }
            chunks.push(&records);
        }
    }
    let documents = builder.len();
    let term_index = index::shard(&builder.finish());
    let mut files = Vec::with_capacity(term_index.shards.len() + chunks.texts.len() + 1);
    let mut stamp = Fnv::default();
    for (key, terms) in &term_index.shards {
        let mut json = String::from("{");
        for (i, (term, list)) in terms.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(&js_string(term));
            json.push(':');
            json.push('"');
            json.push_str(list);
            json.push('"');
        }
        json.push('}');
        let text = format!(
            "glossSearch.shard({},{});\n",
            js_string(key),
            js_string(&json)
        );
        stamp.write(text.as_bytes());
        files.push(OutputFile::new(
            format!("{DIR}/shard-{}.js", index::file_stem(key)),
            text.into_bytes(),
        ));
    }
    let (texts, starts) = chunks.finish();
    for (n, text) in texts.into_iter().enumerate() {
        stamp.write(text.as_bytes());
        files.push(OutputFile::new(
            format!("{DIR}/docs-{n}.js"),
            text.into_bytes(),
        ));
    }
    let manifest = serde_json::json!({
        "format": FORMAT,
        "stamp": format!("{:016x}", stamp.0),
        "documents": documents,
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

/// Document records cut into chunks of about [`CHUNK_BYTES`], a group never split.
#[derive(Default)]
struct Chunks {
    texts: Vec<String>,
    /// Number of the first document of each chunk.
    starts: Vec<u32>,
    current: String,
    next_doc: u32,
}

impl Chunks {
    fn push(&mut self, group: &[String]) {
        if self.current.is_empty() {
            self.starts.push(self.next_doc);
            self.current.push('[');
        } else {
            self.current.push(',');
        }
        for (i, record) in group.iter().enumerate() {
            if i > 0 {
                self.current.push(',');
            }
            self.current.push_str(record);
            self.next_doc += 1;
        }
        if self.current.len() >= CHUNK_BYTES {
            self.close();
        }
    }

    fn close(&mut self) {
        self.current.push(']');
        let json = std::mem::take(&mut self.current);
        self.texts.push(format!(
            "glossSearch.docs({},{});\n",
            self.texts.len(),
            js_string(&json)
        ));
    }

    fn finish(mut self) -> (Vec<String>, Vec<u32>) {
        if !self.current.is_empty() {
            self.close();
        }
        (self.texts, self.starts)
    }
}

/// A JSON string literal, also valid JavaScript. Index data ships as JSON inside such a
/// literal: browsers parse it with `JSON.parse` faster than the same data as code.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_groups_whole_and_know_where_each_starts() {
        let mut chunks = Chunks::default();
        let big = format!("\"{}\"", "x".repeat(CHUNK_BYTES));
        chunks.push(&["1".to_owned(), "2".to_owned()]);
        chunks.push(&[big.clone(), "3".to_owned()]);
        chunks.push(&["4".to_owned()]);
        let (texts, starts) = chunks.finish();
        assert_eq!(starts, [0, 4]);
        assert_eq!(texts.len(), 2);
        assert!(texts[0].starts_with("glossSearch.docs(0,\"[1,2,\\\"xx"));
        assert!(texts[0].ends_with(",3]\");\n"));
        assert_eq!(texts[1], "glossSearch.docs(1,\"[4]\");\n");
    }

    #[test]
    fn paragraph_ids_count_blocks_from_one() {
        assert_eq!(paragraph_id(1), "p-1");
    }
}
