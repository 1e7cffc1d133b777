//! What search can find: one document per article, per note and per context entry, each
//! with the text it is found by and the record the browser receives.
//!
//! In: anchored content and the link style. Out: for each source (an article with its
//! notes, or a context entry) a [`Group`] of [`Document`]s in a fixed order (the article,
//! then its notes in marker order), so their numbers, and the index built on them, are the
//! same on every build; sources come articles first (by path), then context entries by id.
//! Article passages are the reading text's blocks, each with the number of the paragraph
//! id (`p-N`) the article page gives it, or 0 when the page gives it none.

use crate::anchor::{Anchored, AnchoredArticle};
use crate::archive;
use crate::parse::reading_text::{BlockKind, ReadingText};
use crate::parse::ContextEntry;
use crate::render::Links;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::store::{Record, RECORD};

/// What a document is, as results label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An article: its title and its text.
    Article,
    /// A note: its quote and its body.
    Note,
    /// A context entry: its title, aliases, summary and body.
    Context,
}

impl Kind {
    /// The one-letter tag of records in the shipped documents.
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Article => "a",
            Kind::Note => "n",
            Kind::Context => "c",
        }
    }

    /// 0, 1 or 2: where tables by kind keep this kind.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One thing a search result points at, as the index counts it.
#[derive(Debug, Clone)]
pub struct Document {
    /// Article, note or context entry.
    pub kind: Kind,
    /// Words that weigh more: the article's title, the note's quote, the entry's title
    /// and aliases.
    pub heading: String,
    /// The text searched and shown, passage by passage.
    pub passages: Vec<String>,
}

/// The documents of one source and what the browser receives for them: their records,
/// joined by [`RECORD`] (see `static/search.js` for the fields).
#[derive(Debug, Clone)]
pub struct Group {
    /// The source's documents, in order.
    pub documents: Vec<Document>,
    /// Their records, escaped for a JavaScript string.
    pub records: String,
}

/// What a group of documents is made from: documents of one source are shipped together.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// An article, with its notes.
    Article(&'a AnchoredArticle),
    /// A context entry.
    Entry(&'a ContextEntry),
}

impl Source<'_> {
    /// A hash of the source's name (its path, or its id), which stays the same while it
    /// is edited: where chunks are cut depends on it.
    pub fn id_hash(&self) -> u64 {
        match self {
            Source::Article(a) => xxh3_64_with_seed(a.article.file.rel.as_bytes(), 1),
            Source::Entry(e) => xxh3_64_with_seed(e.id.as_bytes(), 2),
        }
    }

    /// A hash of everything the source's group is made from: the files of the article
    /// (or entry), the link style (`style`, a hash of it), and the summaries of the
    /// context entries its notes show in place of a body.
    pub fn key(&self, anchored: &Anchored, style: u64) -> u64 {
        match self {
            Source::Article(a) => {
                let mut bytes = a.article.key.to_le_bytes().to_vec();
                let shown = a
                    .notes
                    .iter()
                    .filter(|note| note.spec.body.is_none())
                    .filter_map(|note| note.spec.reference.as_ref());
                for id in shown {
                    let summary = anchored.context_entries.get(id).map(|e| e.summary.as_str());
                    for part in [id.as_str(), summary.unwrap_or_default()] {
                        bytes.extend_from_slice(&part.len().to_le_bytes());
                        bytes.extend_from_slice(part.as_bytes());
                    }
                }
                xxh3_64_with_seed(&bytes, style)
            }
            Source::Entry(e) => xxh3_64_with_seed(e.file.text.as_bytes(), style ^ 1),
        }
    }
}

/// Every source of documents, in the fixed order: articles as anchored (by path), then
/// context entries by id.
pub fn sources(anchored: &Anchored) -> Vec<Source<'_>> {
    anchored
        .articles
        .iter()
        .map(|a| Source::Article(a))
        .chain(anchored.context_entries.values().map(Source::Entry))
        .collect()
}

/// The documents of one source; `links` gives root-relative URLs.
pub fn group(source: Source<'_>, anchored: &Anchored, links: &Links) -> Group {
    match source {
        Source::Article(article) => article_group(article, anchored, links),
        Source::Entry(entry) => entry_group(entry, links),
    }
}

/// The article, then each of its notes. A note's record names its article by how far
/// back it stands in the group, so articles and their notes must be shipped together.
fn article_group(anchored: &AnchoredArticle, all: &Anchored, links: &Links) -> Group {
    let article = &anchored.article;
    let reading: &ReadingText = &article.reading;
    let url = archive::path(links, &article.url);
    let passages: Vec<(usize, String)> = reading
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| block.kind != BlockKind::CodeBlock)
        .map(|(i, block)| {
            let number = if block.element.is_some() { i + 1 } else { 0 };
            (number, flatten(&reading.text[block.text.clone()]))
        })
        .collect();
    let mut records = String::with_capacity(reading.text.len() + 64 * anchored.notes.len());
    Record::new(&mut records)
        .text(Kind::Article.tag())
        .text(&article.title)
        .text(&url)
        .text(&article.date.day.to_string())
        .passages(passages.iter().map(|(n, text)| (*n, text.as_str())));
    let mut documents = Vec::with_capacity(anchored.notes.len() + 1);
    documents.push(Document {
        kind: Kind::Article,
        heading: article.title.clone(),
        passages: passages.into_iter().map(|(_, text)| text).collect(),
    });
    for (back, note) in anchored.notes.iter().enumerate() {
        let spec = &note.spec;
        let body = match (&spec.body, &spec.reference) {
            (Some(body), _) => Some(body.as_str()),
            (None, Some(id)) => all.context_entries.get(id).map(|e| e.summary.as_str()),
            (None, None) => None,
        };
        let text = body.map(markdown_text).unwrap_or_default();
        let quote = flatten(&note.quoted);
        records.push(RECORD);
        Record::new(&mut records)
            .text(Kind::Note.tag())
            .number(back + 1)
            .number(note.number)
            .text(&spec.kind)
            .text(&quote)
            .text(&text);
        documents.push(Document {
            kind: Kind::Note,
            heading: quote,
            passages: vec![text],
        });
    }
    Group { documents, records }
}

fn entry_group(entry: &ContextEntry, links: &Links) -> Group {
    let url = archive::path(links, &format!("context/{}", entry.id));
    let reading = ReadingText::build(entry.body_text());
    let mut passages = vec![markdown_text(&entry.summary)];
    passages.extend(
        reading
            .blocks
            .iter()
            .filter(|block| block.kind != BlockKind::CodeBlock)
            .map(|block| flatten(&reading.text[block.text.clone()])),
    );
    let aliases = entry.aliases.join(", ");
    let mut records = String::new();
    Record::new(&mut records)
        .text(Kind::Context.tag())
        .text(&entry.title)
        .text(&url)
        .text(&aliases)
        .passages(passages.iter().map(|text| (0, text.as_str())));
    Group {
        documents: vec![Document {
            kind: Kind::Context,
            heading: format!("{} {}", entry.title, aliases),
            passages,
        }],
        records,
    }
}

/// The reading text of some Markdown, blocks joined by a space.
fn markdown_text(markdown: &str) -> String {
    let reading = ReadingText::build(markdown);
    flatten(&reading.text)
}

/// Every run of white space as one space, none at either end.
fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passage_text_is_flattened() {
        assert_eq!(flatten(" two\nlines  here "), "two lines here");
    }
}
