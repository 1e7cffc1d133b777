//! What search can find: one document per article, per note and per context entry, each
//! with the passages a result shows and the record the browser receives.
//!
//! In: anchored content and the link style. Out: [`Document`]s in a fixed order (each
//! article followed by its notes, in marker order, then context entries by id), so their
//! numbers, and the index built on them, are the same on every build. Article passages
//! are the reading text's blocks; each carries the words a text fragment (`#:~:text=`)
//! needs to land on it without crossing a note marker.

use std::ops::Range;

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::anchor::{Anchored, AnchoredArticle, EventPoint};
use crate::archive;
use crate::parse::reading_text::{BlockKind, ReadingText};
use crate::parse::ContextEntry;
use crate::render::Links;

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
}

/// One paragraph-level stretch of text a result can show and link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// 1-based number of the reading-text block it is, for [`super::paragraph_id`];
    /// 0 when the passage is not a block of an article (a summary, a note body).
    pub block: usize,
    /// The text, white space flattened.
    pub text: String,
    /// Opening words a text fragment can start at: none are safe when a note marker
    /// stands inside the first word.
    pub fragment_start: Option<String>,
    /// Closing words a text fragment can end at, when they differ from the start.
    pub fragment_end: Option<String>,
}

/// One thing a search result points at.
#[derive(Debug, Clone)]
pub struct Document {
    /// Article, note or context entry.
    pub kind: Kind,
    /// Words that weigh more: the article's title, the note's quote, the entry's title
    /// and aliases.
    pub heading: String,
    /// The text searched and shown.
    pub passages: Vec<Passage>,
    /// What the browser receives for it: a JSON array whose first item is the kind's
    /// tag (see `static/search.js`).
    pub record: String,
}

/// What a group of documents is made from: documents of one source are shipped together.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// An article, with its notes.
    Article(&'a AnchoredArticle),
    /// A context entry.
    Entry(&'a ContextEntry),
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
pub fn documents(source: Source<'_>, anchored: &Anchored, links: &Links) -> Vec<Document> {
    match source {
        Source::Article(article) => article_documents(article, anchored, links),
        Source::Entry(entry) => vec![entry_document(entry, links)],
    }
}

/// The article, then each of its notes. A note's record names its article by how far
/// back it stands in the group, so articles and their notes must be shipped together.
fn article_documents(anchored: &AnchoredArticle, all: &Anchored, links: &Links) -> Vec<Document> {
    let article = &anchored.article;
    let reading: &ReadingText = &article.reading;
    let url = archive::path(links, &article.url);
    let markers: Vec<usize> = anchored
        .notes
        .iter()
        .map(|note| {
            let block = reading
                .blocks
                .get(note.block)
                .map_or(note.range.end..note.range.end, |b| b.text.clone());
            marker_offset(reading, note.marker).clamp(note.range.end, block.end.max(note.range.end))
        })
        .collect();
    let passages: Vec<Passage> = reading
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| block.kind != BlockKind::CodeBlock)
        .map(|(i, block)| {
            let cuts: Vec<usize> = markers
                .iter()
                .filter(|&&m| block.text.start <= m && m <= block.text.end)
                .map(|&m| m - block.text.start)
                .collect();
            passage(i + 1, &reading.text[block.text.clone()], &cuts)
        })
        .collect();
    let date = article.date.day.to_string();
    let mut documents = Vec::with_capacity(anchored.notes.len() + 1);
    documents.push(Document {
        kind: Kind::Article,
        heading: article.title.clone(),
        record: json((Kind::Article.tag(), &article.title, &url, &date, &passages)),
        passages,
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
        documents.push(Document {
            kind: Kind::Note,
            record: json((
                Kind::Note.tag(),
                back + 1,
                note.number,
                &spec.kind,
                &quote,
                &text,
            )),
            heading: quote,
            passages: vec![Passage {
                block: 0,
                text,
                fragment_start: None,
                fragment_end: None,
            }],
        });
    }
    documents
}

fn entry_document(entry: &ContextEntry, links: &Links) -> Document {
    let url = archive::path(links, &format!("context/{}", entry.id));
    let reading = ReadingText::build(entry.body_text());
    let mut passages = vec![passage(0, &markdown_text(&entry.summary), &[])];
    passages.extend(
        reading
            .blocks
            .iter()
            .filter(|block| block.kind != BlockKind::CodeBlock)
            .map(|block| passage(0, &reading.text[block.text.clone()], &[])),
    );
    let aliases = entry.aliases.join(", ");
    Document {
        kind: Kind::Context,
        heading: format!("{} {}", entry.title, aliases),
        record: json((Kind::Context.tag(), &entry.title, &url, &aliases, &passages)),
        passages,
    }
}

/// A record as JSON. Records hold only strings and numbers, which always serialize.
fn json(record: impl Serialize) -> String {
    serde_json::to_string(&record).unwrap_or_default()
}

/// A passage ships as `[block, text]`, with the fragment's words when there are any.
impl Serialize for Passage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let words = [&self.fragment_start, &self.fragment_end];
        let words: Vec<&String> = words.into_iter().map_while(Option::as_ref).collect();
        let mut seq = serializer.serialize_seq(Some(2 + words.len()))?;
        seq.serialize_element(&self.block)?;
        seq.serialize_element(&self.text)?;
        for word in words {
            seq.serialize_element(word)?;
        }
        seq.end()
    }
}

/// The reading-text byte before which a marker stands.
fn marker_offset(reading: &ReadingText, point: EventPoint) -> usize {
    if point.offset > 0 {
        if let Some(segment) = reading.segments.iter().find(|s| s.event == point.event) {
            return segment.text.start + point.offset;
        }
    }
    let next = reading.segments.partition_point(|s| s.event < point.event);
    reading
        .segments
        .get(next)
        .map_or(reading.text.len(), |s| s.text.start)
}

/// Most words a text fragment's start or end is given: enough to be unique in a page,
/// few enough to stay clear of markers.
const FRAGMENT_WORDS: usize = 4;

/// A block as a passage: its flattened text, and fragment words taken from the stretch
/// before the first marker (`cuts`, byte offsets in `text`) and the one after the last.
pub fn passage(block: usize, text: &str, cuts: &[usize]) -> Passage {
    let mut bounds = vec![0];
    bounds.extend(cuts.iter().copied().filter(|&c| c <= text.len()));
    bounds.push(text.len());
    bounds.sort_unstable();
    let stretches: Vec<Vec<&str>> = bounds
        .windows(2)
        .map(|w| whole_words(text, w[0]..w[1]))
        .collect();
    let first = stretches.first().cloned().unwrap_or_default();
    let start = (!first.is_empty()).then(|| first[..first.len().min(FRAGMENT_WORDS)].join(" "));
    let last_index = stretches.iter().rposition(|s| !s.is_empty());
    let end = match last_index {
        Some(0) if first.len() > FRAGMENT_WORDS => Some(
            first[first
                .len()
                .saturating_sub(FRAGMENT_WORDS)
                .max(FRAGMENT_WORDS)..]
                .join(" "),
        ),
        Some(i) if i > 0 && start.is_some() => {
            let words = &stretches[i];
            Some(words[words.len().saturating_sub(FRAGMENT_WORDS)..].join(" "))
        }
        _ => None,
    };
    Passage {
        block,
        text: flatten(text),
        fragment_start: start,
        fragment_end: end.filter(|e| !e.is_empty()),
    }
}

/// The white-space-separated words lying wholly inside `range` of `text`: a word cut by
/// either end of the range (a marker inside a word) is left out.
fn whole_words(text: &str, range: Range<usize>) -> Vec<&str> {
    let part = &text[range.clone()];
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (at, c) in part.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(at),
            (true, Some(begin)) => {
                words.push(begin..at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        words.push(begin..part.len());
    }
    let cut_before = range.start > 0 && !text[..range.start].ends_with(char::is_whitespace);
    let cut_after = range.end < text.len() && !text[range.end..].starts_with(char::is_whitespace);
    if cut_before && words.first().is_some_and(|w| w.start == 0) {
        words.remove(0);
    }
    if cut_after && words.last().is_some_and(|w| w.end == part.len()) {
        words.pop();
    }
    words.into_iter().map(|w| &part[w]).collect()
}

/// The reading text of some Markdown, blocks joined by a space.
fn markdown_text(markdown: &str) -> String {
    let reading = ReadingText::build(markdown);
    flatten(&reading.text)
}

/// Every run of white space as one space, none at either end.
fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_without_markers_starts_and_ends_with_its_own_words() {
        let p = passage(3, "one two three four five six seven", &[]);
        assert_eq!(p.fragment_start.as_deref(), Some("one two three four"));
        assert_eq!(p.fragment_end.as_deref(), Some("five six seven"));
        assert_eq!(p.block, 3);
    }

    #[test]
    fn a_short_block_has_only_a_start() {
        let p = passage(1, "No deal.", &[]);
        assert_eq!(p.fragment_start.as_deref(), Some("No deal."));
        assert_eq!(p.fragment_end, None);
    }

    #[test]
    fn fragment_words_never_run_across_a_marker() {
        let text = "Even before Trump walked away, failure was baked in.";
        let marker = text.find(',').unwrap();
        let p = passage(1, text, &[marker]);
        assert_eq!(
            p.fragment_start.as_deref(),
            Some("Even before Trump walked")
        );
        assert_eq!(p.fragment_end.as_deref(), Some("failure was baked in."));
        let early = text.find(" before").unwrap();
        let p = passage(1, text, &[early]);
        assert_eq!(p.fragment_start.as_deref(), Some("Even"));
    }

    #[test]
    fn a_marker_at_the_block_end_leaves_the_end_to_the_stretch_before_it() {
        let text = "Kim met Trump in Hanoi in February";
        let p = passage(1, text, &[text.len()]);
        assert_eq!(p.fragment_start.as_deref(), Some("Kim met Trump in"));
        assert_eq!(p.fragment_end.as_deref(), Some("Hanoi in February"));
    }

    #[test]
    fn a_marker_inside_a_word_drops_that_word() {
        let text = "antifreeze flows";
        let p = passage(1, text, &[4]);
        assert_eq!(p.fragment_start, None);
        assert_eq!(p.fragment_end, None);
    }

    #[test]
    fn passage_text_is_flattened() {
        let p = passage(1, "two\nlines  here", &[]);
        assert_eq!(p.text, "two lines here");
    }
}
