//! What search can find: one document per article, per note and per context entry, each
//! with the text it is found by and the record the browser receives.
//!
//! In: anchored content and the link style. Out: for each source (an article with its
//! notes, or a context entry) a [`Group`] of [`Document`]s in a fixed order (the article,
//! then its notes in marker order), so their numbers, and the index built on them, are the
//! same on every build; sources come articles first (newest first, then by path), then
//! context entries by id.
//! Article passages are the reading text's blocks, each with the number of the paragraph
//! id (`p-N`) the article page gives it, or 0 when the page gives it none.

use std::borrow::Cow;
use std::ops::Range;

use crate::anchor::{Anchored, AnchoredArticle, AnchoredNote};
use crate::archive;
use crate::language::joins_without_space;
use crate::parse::reading_text::{BlockKind, ReadingText};
use crate::parse::{Article, ContextEntry};
use crate::render::Links;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::store::{push_text, Record, FIELD, RECORD};

/// What a document is, as results label it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// An article: its title and its text.
    Article,
    /// A note: its quote and its body.
    Note,
    /// A context entry: its title, aliases, summary and body.
    Context,
    /// A page outside the archive (About): its title, summary and body.
    Page,
}

impl Kind {
    /// The one-letter tag of records in the shipped documents.
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Article => "a",
            Kind::Note => "n",
            Kind::Context => "c",
            Kind::Page => "p",
        }
    }

    /// 0 to [`KINDS`] - 1: where tables by kind keep this kind.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How many kinds of documents there are.
pub const KINDS: usize = 4;

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
    /// Each passage's paragraph number on its page (0 when the page gives it none).
    pub numbers: Vec<usize>,
    /// What a result shows above the passage, escaped as in a record: the kind's tag,
    /// then the title, link and date (article), the title, link and aliases (context
    /// entry), or the number, kind and quote (note).
    pub head: String,
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
    /// A page outside the archive.
    Page(&'a crate::parse::Page),
}

impl Source<'_> {
    /// A hash of the source's name (its path, or its id), which stays the same while it
    /// is edited: where chunks are cut depends on it.
    pub fn id_hash(&self) -> u64 {
        match self {
            Source::Article(a) => xxh3_64_with_seed(a.article.file.rel.as_bytes(), 1),
            Source::Entry(e) => xxh3_64_with_seed(e.id.as_bytes(), 2),
            Source::Page(p) => xxh3_64_with_seed(p.file.rel.as_bytes(), 3),
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
            Source::Page(p) => xxh3_64_with_seed(p.file.text.as_bytes(), style ^ 2),
        }
    }
}

/// Every source of documents, in the fixed order: articles newest first (then by path),
/// then context entries by id, then pages by path.
pub fn sources(anchored: &Anchored) -> Vec<Source<'_>> {
    // Newest first: results that rank the same come in that order.
    let mut articles: Vec<&AnchoredArticle> = anchored.articles.iter().map(|a| &**a).collect();
    articles.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.article.file.rel.cmp(&b.article.file.rel))
    });
    articles
        .into_iter()
        .map(Source::Article)
        .chain(anchored.context_entries.values().map(Source::Entry))
        .chain(anchored.pages.iter().map(Source::Page))
        .collect()
}

/// The documents of one source and their records; `links` gives root-relative URLs,
/// `site_language` is the site's language (a note's body may be written in it).
pub fn group(source: Source<'_>, anchored: &Anchored, links: &Links, site_language: &str) -> Group {
    let documents = documents(source, anchored, links, site_language);
    let records = records(&documents);
    Group { documents, records }
}

/// The documents of one source, in order.
fn documents(
    source: Source<'_>,
    anchored: &Anchored,
    links: &Links,
    site_language: &str,
) -> Vec<Document> {
    match source {
        Source::Article(article) => article_documents(article, anchored, links, site_language),
        Source::Entry(entry) => vec![entry_document(entry, links)],
        Source::Page(page) => vec![page_document(page, links)],
    }
}

/// The records of a source's documents, joined by [`RECORD`]: an article's or context
/// entry's head and passages; a note's tag, how far back its article stands in the group
/// (articles and their notes are shipped together), the rest of its head and its text.
fn records(documents: &[Document]) -> String {
    let size: usize = documents
        .iter()
        .map(|d| d.head.len() + d.passages.iter().map(|p| p.len() + 8).sum::<usize>())
        .sum();
    let mut records = String::with_capacity(size);
    for (back, document) in documents.iter().enumerate() {
        if back > 0 {
            records.push(RECORD);
        }
        if document.kind == Kind::Note {
            let (tag, rest) = document.head.split_at(Kind::Note.tag().len());
            records.push_str(tag);
            records.push(FIELD);
            records.push_str(&back.to_string());
            records.push_str(rest);
            records.push(FIELD);
            push_text(&mut records, &document.passages[0]);
        } else {
            records.push_str(&document.head);
            let numbers = document.numbers.iter().copied();
            let passages = document.passages.iter().map(String::as_str);
            Record::continuing(&mut records).passages(numbers.zip(passages));
        }
    }
    records
}

/// The article, then each of its notes.
fn article_documents(
    anchored: &AnchoredArticle,
    all: &Anchored,
    links: &Links,
    site_language: &str,
) -> Vec<Document> {
    let mut documents = Vec::with_capacity(anchored.notes.len() + 1);
    documents.push(article_document(anchored, links));
    let language = anchored.article.front.language.as_deref();
    documents.extend(
        anchored
            .notes
            .iter()
            .map(|note| note_document(note, language, all, site_language)),
    );
    documents
}

/// What a result card of one document is made from: its head, its passages (each with
/// its paragraph number, as the reading text has them: white space not yet collapsed)
/// and, for a note, its article's head.
#[derive(Debug, Clone)]
pub struct Shown<'a> {
    /// As [`Document::head`].
    pub head: String,
    /// Paragraph number (0 for none) and text of each passage.
    pub passages: Vec<(usize, Cow<'a, str>)>,
    /// The head of a note's article.
    pub article: Option<String>,
}

impl Shown<'_> {
    /// What a card of a document already made shows; `article`: a note's article's head.
    fn owned(document: Document, article: Option<String>) -> Self {
        let numbers = document.numbers.into_iter();
        let passages = numbers.zip(document.passages.into_iter().map(Cow::Owned));
        Self {
            head: document.head,
            passages: passages.collect(),
            article,
        }
    }
}

/// What a card of document `at` of a source (0: the article, context entry or page, k: the
/// article's k-th note) is made from, without making the source's other documents;
/// `None` past the last. `site_language` as for [`group`].
pub fn shown<'a>(
    source: Source<'a>,
    at: usize,
    anchored: &Anchored,
    links: &Links,
    site_language: &str,
) -> Option<Shown<'a>> {
    match (source, at) {
        (Source::Entry(entry), 0) => Some(Shown::owned(entry_document(entry, links), None)),
        (Source::Page(page), 0) => Some(Shown::owned(page_document(page, links), None)),
        (Source::Article(article), 0) => {
            let reading = &article.article.reading;
            let passages = article_passages(reading)
                .map(|(number, range)| (number, Cow::Borrowed(&reading.text[range])))
                .chain(
                    passages_beside_the_text(&article.article)
                        .into_iter()
                        .map(|(number, text)| (number, Cow::Owned(text))),
                );
            Some(Shown {
                head: article_head(&article.article, links),
                passages: passages.collect(),
                article: None,
            })
        }
        (Source::Article(article), k) => {
            let language = article.article.front.language.as_deref();
            let note = note_document(article.notes.get(k - 1)?, language, anchored, site_language);
            Some(Shown::owned(
                note,
                Some(article_head(&article.article, links)),
            ))
        }
        (Source::Entry(_) | Source::Page(_), _) => None,
    }
}

/// The blocks of an article's reading text that search shows (code blocks are not), each
/// with the number of the paragraph id its page gives it (0 for none).
fn article_passages(reading: &ReadingText) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    reading
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| block.kind != BlockKind::CodeBlock)
        .map(|(i, block)| {
            let number = if block.element.is_some() { i + 1 } else { 0 };
            (number, block.text.clone())
        })
}

/// An article's head: its tag, title, link, date and language (see [`language_field`]).
fn article_head(article: &Article, links: &Links) -> String {
    let mut head = String::new();
    Record::new(&mut head)
        .text(Kind::Article.tag())
        .text(&article.title)
        .text(&archive::path(links, &article.url))
        .text(&article.date.day.to_string())
        .text(&language_field(article.front.language.as_deref()));
    head
}

/// The last field of an article's, context entry's or page's head: the language its text is
/// written in and that language's direction (`ar rtl`), or empty for the site's own
/// language. Results put them on the title and passage, so an Arabic article found from
/// an English page reads right to left. A note's quote is in its article's language; its
/// body has a language field of its own (see [`note_document`]).
fn language_field(language: Option<&str>) -> String {
    language.map_or_else(String::new, |tag| {
        format!("{tag} {}", crate::language::direction(tag))
    })
}

fn article_document(anchored: &AnchoredArticle, links: &Links) -> Document {
    let article = &anchored.article;
    let reading: &ReadingText = &article.reading;
    let (mut numbers, mut passages): (Vec<usize>, Vec<String>) = article_passages(reading)
        .map(|(number, range)| (number, flatten(&reading.text[range])))
        .unzip();
    for (number, passage) in passages_beside_the_text(article) {
        numbers.push(number);
        passages.push(passage);
    }
    Document {
        kind: Kind::Article,
        heading: article.title.clone(),
        passages,
        numbers,
        head: article_head(article, links),
    }
}

/// The passages of an article that are not its reading text, flattened: its summary
/// (as lists show it under its title), its author's footnotes, its pictures' captions
/// and the text of HTML written into it, then its byline: who wrote it, and where it
/// first appeared. A reader searches these too; the page gives them no paragraph number
/// (0: a result links to the words themselves, or to the page when it does not show
/// them, as the article page does not show the summary). The byline's passages are its
/// names as the page writes them (`Ana Lima, Bo Chen`; the publication's name), so that
/// a result lands on the byline itself.
fn passages_beside_the_text(article: &Article) -> Vec<(usize, String)> {
    let front = &article.front;
    let summary = front.summary.as_deref().map(|s| (0, markdown_text(s)));
    let mut passages: Vec<(usize, String)> = summary
        .into_iter()
        .chain(
            texts_beside(article.body_text())
                .iter()
                .map(|text| (0, flatten(text))),
        )
        .collect();
    if !front.authors.is_empty() {
        passages.push((0, flatten(&front.authors.join(", "))));
    }
    if let Some(source) = front.source.as_ref().and_then(|s| s.name.as_deref()) {
        passages.push((0, flatten(source)));
    }
    passages
}

/// What a reader sees of an article's Markdown body outside its reading text, in order:
/// its footnotes, its images' captions and the text of its blocks of HTML (not the
/// images' descriptions, which only screen readers read).
fn texts_beside(body: &str) -> Vec<String> {
    use crate::parse::reading_text::{outside_texts, Outside};
    // Most articles have none: no parse for them.
    if !body.contains("[^") && !body.contains("![") && !body.contains('<') {
        return Vec::new();
    }
    outside_texts(body)
        .into_iter()
        .filter(|(kind, _)| *kind != Outside::ImageDescription)
        .map(|(_, text)| text)
        .collect()
}

/// A note of an article written in `article_language` (none: the site's). Its head ends
/// with the language its body is written in, as the article page gives it: the
/// article's, or the site's (empty) for a body in the site's script and not the
/// article's (an English note on an Arabic article of an English archive); for a
/// context entry's summary shown in place of a body, the entry's.
fn note_document(
    note: &AnchoredNote,
    article_language: Option<&str>,
    all: &Anchored,
    site_language: &str,
) -> Document {
    let spec = &note.spec;
    let body = match (&spec.body, &spec.reference) {
        (Some(body), _) => Some(body.as_str()),
        (None, Some(id)) => all.context_entries.get(id).map(|e| e.summary.as_str()),
        (None, None) => None,
    };
    let text = body.map(markdown_text).unwrap_or_default();
    let body_language = match (&spec.body, &spec.reference) {
        (Some(body), _) => article_language
            .map(|own| crate::language::language_of(body, own, site_language))
            .filter(|&tag| tag != site_language),
        (None, Some(id)) => all
            .context_entries
            .get(id)
            .and_then(|e| e.language.as_deref()),
        (None, None) => None,
    };
    let quote = flatten(&note.quoted);
    let mut head = String::new();
    Record::new(&mut head)
        .text(Kind::Note.tag())
        .number(note.number)
        .text(&spec.kind)
        .text(&quote)
        .text(&language_field(body_language));
    Document {
        kind: Kind::Note,
        heading: quote,
        passages: vec![text],
        numbers: vec![0],
        head,
    }
}

fn entry_document(entry: &ContextEntry, links: &Links) -> Document {
    let url = archive::path(links, &format!("context/{}", entry.id));
    let reading = ReadingText::build(entry.body_text());
    // An entry's page gives its blocks no paragraph ids: its results link to the words.
    let passages: Vec<String> =
        summary_and_blocks(Some(&entry.summary), &reading, entry.body_text())
            .into_iter()
            .map(|(_, passage)| passage)
            .collect();
    let aliases = entry.aliases.join(", ");
    let mut head = String::new();
    Record::new(&mut head)
        .text(Kind::Context.tag())
        .text(&entry.title)
        .text(&url)
        .text(&aliases)
        .text(&language_field(entry.language.as_deref()));
    Document {
        kind: Kind::Context,
        heading: format!("{} {}", entry.title, aliases),
        numbers: vec![0; passages.len()],
        passages,
        head,
    }
}

/// A page outside the archive: its title weighs more; its summary and its blocks are
/// its passages. Its head has the context entry's fields, with no aliases.
fn page_document(page: &crate::parse::Page, links: &Links) -> Document {
    let url = archive::path(links, &page.url);
    let (numbers, passages) =
        summary_and_blocks(page.summary.as_deref(), &page.reading, page.body_text())
            .into_iter()
            .unzip();
    let mut head = String::new();
    Record::new(&mut head)
        .text(Kind::Page.tag())
        .text(&page.title)
        .text(&url)
        .text("")
        .text(&language_field(page.language.as_deref()));
    Document {
        kind: Kind::Page,
        heading: page.title.clone(),
        numbers,
        passages,
        head,
    }
}

/// The passages of a context entry or a page, each with its paragraph number (0 for
/// none): its summary (Markdown), then each block of its `body` but code (`reading` is
/// the body's reading text), then what else of the body a reader sees (see
/// [`texts_beside`]).
fn summary_and_blocks(
    summary: Option<&str>,
    reading: &ReadingText,
    body: &str,
) -> Vec<(usize, String)> {
    summary
        .map(|summary| (0, markdown_text(summary)))
        .into_iter()
        .chain(
            article_passages(reading)
                .map(|(number, range)| (number, flatten(&reading.text[range]))),
        )
        .chain(texts_beside(body).iter().map(|text| (0, flatten(text))))
        .collect()
}

/// The reading text of some Markdown, blocks joined by a space.
fn markdown_text(markdown: &str) -> String {
    if is_plain(markdown) {
        return flatten(markdown);
    }
    let reading = ReadingText::build(markdown);
    flatten(&reading.text)
}

/// Whether some Markdown reads as its own text: one line starting with a letter, without
/// a character that marks something up, an entity or a quote or dash that typographic
/// punctuation would replace. Most note bodies are; parsing them would change nothing.
fn is_plain(markdown: &str) -> bool {
    let text = markdown.trim_end();
    text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && !text.bytes().any(|b| {
            matches!(
                b,
                b'\n'
                    | b'\r'
                    | b'*'
                    | b'_'
                    | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'`'
                    | b'#'
                    | b'\\'
                    | b'&'
                    | b'|'
                    | b'~'
                    | b'!'
                    | b'\''
                    | b'"'
                    | b'$'
                    | b'^'
                    | b'='
            )
        })
        && !text.contains("--")
        && !text.contains("..")
        && !text.contains(':')
}

/// Every run of white space as one space, none at either end.
fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let bytes = text.as_bytes();
    let tidy = bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.iter().fold(false, |control, &b| control | (b < b' '))
        && memchr::memmem::find(bytes, b"  ").is_none();
    if tidy && text.is_ascii() {
        // Most passages: words apart by single spaces already.
        out.push_str(text);
    } else if text.is_ascii() {
        // The white space `split_whitespace` knows in ASCII, a byte at a time.
        let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
        let mut at = 0;
        while at < bytes.len() {
            let start = at
                + bytes[at..]
                    .iter()
                    .position(|&b| !space(b))
                    .unwrap_or(bytes.len() - at);
            at = start
                + bytes[start..]
                    .iter()
                    .position(|&b| space(b))
                    .unwrap_or(bytes.len() - start);
            if start < at {
                push(&text[start..at]);
            }
        }
    } else {
        // Chinese or Japanese text broken over lines reads, and is searched, as one:
        // a browser shows no space there.
        for word in text.split_whitespace() {
            let joins = out.chars().next_back().is_some_and(joins_without_space)
                && word.chars().next().is_some_and(joins_without_space);
            if !joins && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_definitions_are_searched_as_passages_of_their_own() {
        let body =
            "Text with a note.[^1] And `code`.\n\n[^1]: Said on *state* TV,\n    on `8 March`.\n";
        assert_eq!(texts_beside(body), ["Said on state TV, on 8 March. "]);
        assert!(texts_beside("No footnotes [here](x).").is_empty());
    }

    #[test]
    fn chinese_broken_over_lines_is_searched_as_one_text() {
        let text = flatten("北京是中国\n的首都。\n然后 China\n的 text");
        assert_eq!(text, "北京是中国的首都。然后 China 的 text");
        let mut terms = Vec::new();
        super::super::terms::each_term(&text, super::super::terms::Language::english(), |t, _| {
            terms.push(t.to_owned());
        });
        assert!(terms.contains(&"国的".to_owned()), "{terms:?}");
    }

    #[test]
    fn passage_text_is_flattened() {
        assert_eq!(flatten(" two\nlines  here "), "two lines here");
        for text in [
            "",
            "  ",
            "one",
            "a\tb\x0bc\x0cd\re\n",
            "né  e\u{a0}x",
            "x\u{2003}y  z",
        ] {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(flatten(text), words.join(" "), "{text:?}");
        }
    }

    #[test]
    fn plain_markdown_reads_as_parsing_it_would() {
        for plain in [
            "A treaty signed in 1957, by six states.",
            "Later (2019) renamed; see below?",
        ] {
            assert!(is_plain(plain), "{plain}");
            assert_eq!(
                markdown_text(plain),
                flatten(&ReadingText::build(plain).text)
            );
        }
        for marked in [
            "A *treaty*.",
            "Said \"no\".",
            "It's",
            "See <https://example.org>",
            "A -- B",
            "Wait...",
            "1. one",
            "- one",
            "two\nlines",
            "AT&amp;T",
            "www.example.org: a site",
            "    indented code",
        ] {
            assert!(!is_plain(marked), "{marked}");
        }
    }
}
