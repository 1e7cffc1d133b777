//! Notes as W3C Web Annotations, and text-fragment links to their words.
//!
//! In: an anchored article (its reading text and notes), or a JSON document of W3C
//! annotations or a Hypothesis export. Out: the article's notes as a JSON-LD
//! `AnnotationCollection`, written next to its page, with a `TextQuoteSelector` and a
//! `TextPositionSelector` over the reading text per note; the share link of a note's
//! words (`#:~:text=`); or the annotations read back into plain values, not yet anchored.
//! Positions count Unicode code points of the reading text, as the W3C model says.
//! No files are read or written here.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;
use serde_json::Value;

use crate::anchor::AnchoredArticle;
use crate::config::Config;
use crate::parse::reading_text::ReadingText;
use crate::parse::sidecar::SourceLink;
use crate::parse::ContextEntry;

/// The JSON-LD context of the W3C Web Annotation model.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The name of the file written next to each annotated article's page.
pub const FILE_NAME: &str = "annotations.jsonld";

/// How many characters of text before and after a quote its selector records.
const CONTEXT_CHARS: usize = 32;

/// The W3C motivation for a note kind: `definition` describes, `correction` edits,
/// `source` links, anything else comments.
pub fn motivation(kind: &str) -> &'static str {
    match kind {
        "definition" => "describing",
        "correction" => "editing",
        "source" => "linking",
        _ => "commenting",
    }
}

/// The note kind for a W3C motivation, for annotations that carry no kind of their own.
pub fn kind_for(motivation: &str) -> &'static str {
    match motivation {
        "describing" => "definition",
        "editing" => "correction",
        "linking" => "source",
        _ => "context",
    }
}

/// The bytes of one article's `annotations.jsonld`. `absolute` gives the absolute URL
/// of the site file a relative link or image of a note's body names (see
/// [`crate::render::markdown_with`]).
pub fn file(
    anchored: &AnchoredArticle,
    config: &Config,
    entries: &BTreeMap<String, ContextEntry>,
    absolute: &dyn Fn(&str) -> Option<String>,
) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(1024 * anchored.notes.len() + 512);
    // Serializing plain structs of strings and numbers into memory cannot fail.
    let _ = serde_json::to_writer(&mut bytes, &collection(anchored, config, entries, absolute));
    bytes.push(b'\n');
    bytes
}

/// The article's notes as an `AnnotationCollection` with one page holding every note,
/// in marker order. URLs are absolute, from the site's `base_url`; `absolute` makes
/// those of a note's body so, as for [`file()`].
pub fn collection<'a>(
    anchored: &'a AnchoredArticle,
    config: &Config,
    entries: &'a BTreeMap<String, ContextEntry>,
    absolute: &dyn Fn(&str) -> Option<String>,
) -> Collection<'a> {
    let article = &anchored.article;
    let page_url = config.absolute_url(&format!("{}/", article.url));
    let id = format!("{page_url}{FILE_NAME}");
    let starts = CharStarts::new(
        &anchored.article.reading.text,
        anchored.notes.iter().map(|note| note.range.start),
    );
    let items: Vec<Item<'a>> = anchored
        .notes
        .iter()
        .map(|note| {
            let spec = &note.spec;
            let purpose = motivation(&spec.kind);
            let mut body = Vec::with_capacity(3 + spec.sources.len());
            if let Some(markdown) = &spec.body {
                body.push(Body::text(purpose, Some("text/markdown"), markdown.into()));
                let urls = crate::render::body::Urls {
                    retarget: absolute,
                    image_size: &|_| None,
                };
                let html = crate::render::markdown_with(markdown, &urls);
                body.push(Body::text(purpose, Some("text/html"), html.into()));
            }
            body.push(Body::text("tagging", None, spec.kind.as_str().into()));
            if let Some(id) = &spec.reference {
                let label = entries.get(id).map_or(id.as_str(), |e| e.title.as_str());
                let url = config.absolute_url(&format!("context/{id}/"));
                body.push(Body::resource(
                    "identifying",
                    Source {
                        format: Some("text/html"),
                        id: url.into(),
                        label,
                        kind: Some("Text"),
                    },
                ));
            }
            for source in &spec.sources {
                body.push(Body::resource(
                    "linking",
                    Source {
                        format: None,
                        id: source.url.as_str().into(),
                        label: &source.title,
                        kind: None,
                    },
                ));
            }
            Item {
                body,
                created: spec.date.as_ref().map(|date| date.rfc3339.as_str()),
                id: format!("{page_url}#note-{}", note.number),
                motivation: purpose,
                target: Target {
                    selector: [
                        quote_selector(&article.reading, &note.range),
                        position_selector(&article.reading, &note.range, &starts),
                    ],
                    source: page_url.clone(),
                },
                kind: "Annotation",
            }
        })
        .collect();
    Collection {
        context: CONTEXT,
        first: Page {
            id: format!("{id}#page-1"),
            items,
            part_of: id.clone(),
            start_index: 0,
            kind: "AnnotationPage",
        },
        label: format!("Notes on “{}”", article.title),
        last: format!("{id}#page-1"),
        total: anchored.notes.len(),
        kind: "AnnotationCollection",
        id,
    }
}

// The export's JSON, written straight from these. Fields are in the byte order of their
// JSON names, so every object's keys come out sorted, as readers and diffs of the files
// have always seen them.

/// An `AnnotationCollection` of one page.
#[derive(Debug, Serialize)]
pub struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    first: Page<'a>,
    id: String,
    label: String,
    /// The last page: the first, the only one (Web Annotation Protocol 5.1).
    last: String,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Debug, Serialize)]
struct Page<'a> {
    id: String,
    items: Vec<Item<'a>>,
    #[serde(rename = "partOf")]
    part_of: String,
    #[serde(rename = "startIndex")]
    start_index: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// One note as an `Annotation`.
#[derive(Debug, Serialize)]
struct Item<'a> {
    body: Vec<Body<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    id: String,
    motivation: &'static str,
    target: Target<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// A `TextualBody` (with `value`) or a `SpecificResource` (with `source`).
#[derive(Debug, Serialize)]
struct Body<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    purpose: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<Source<'a>>,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Cow<'a, str>>,
}

impl<'a> Body<'a> {
    fn text(purpose: &'a str, format: Option<&'static str>, value: Cow<'a, str>) -> Self {
        Body {
            format,
            purpose,
            source: None,
            kind: "TextualBody",
            value: Some(value),
        }
    }

    fn resource(purpose: &'a str, source: Source<'a>) -> Self {
        Body {
            format: None,
            purpose,
            source: Some(source),
            kind: "SpecificResource",
            value: None,
        }
    }
}

#[derive(Debug, Serialize)]
struct Source<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    id: Cow<'a, str>,
    label: &'a str,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct Target<'a> {
    selector: [Selector<'a>; 2],
    source: String,
}

/// A `TextQuoteSelector` (`exact`, with `prefix` and `suffix` where the block has
/// text there) or a `TextPositionSelector` (`start` and `end`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Selector<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exact: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The `TextQuoteSelector` of `range`: the words, and up to 32 characters before and
/// after them within their block (left out where the block begins or ends).
pub fn quote_selector<'a>(reading: &'a ReadingText, range: &Range<usize>) -> Selector<'a> {
    let block = block_range(reading, range);
    let text = &reading.text;
    let before = &text[block.start..range.start];
    let after = &text[range.end..block.end.max(range.end)];
    let prefix_start = before
        .char_indices()
        .rev()
        .take(CONTEXT_CHARS)
        .last()
        .map_or(before.len(), |(i, _)| i);
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let some = |piece: &'a str| (!piece.is_empty()).then_some(piece);
    Selector {
        end: None,
        exact: Some(&text[range.clone()]),
        prefix: some(&before[prefix_start..]),
        start: None,
        suffix: some(&after[..suffix_end]),
        kind: "TextQuoteSelector",
    }
}

/// The code point at which each of a set of byte offsets of a text stands, counted in one
/// walk over the text: an article's notes each need theirs, and counting from the start
/// for each would read a long article once per note.
pub struct CharStarts(Vec<(usize, usize)>);

impl CharStarts {
    /// The code point offsets of `offsets` (byte offsets of `text` on char boundaries).
    pub fn new(text: &str, offsets: impl Iterator<Item = usize>) -> Self {
        let mut offsets: Vec<usize> = offsets.collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut counted = (0, 0);
        let starts = offsets
            .into_iter()
            .map(|offset| {
                let (from, chars) = counted;
                let at = offset.min(text.len());
                counted = (
                    at,
                    chars + text.get(from..at).map_or(0, |t| t.chars().count()),
                );
                (offset, counted.1)
            })
            .collect();
        Self(starts)
    }

    /// The code point offset of `offset`, one of those given to [`CharStarts::new`]; of
    /// another, counted from the nearest given before it.
    fn of(&self, text: &str, offset: usize) -> usize {
        let at = self.0.partition_point(|&(o, _)| o <= offset);
        let (from, chars) = at.checked_sub(1).map_or((0, 0), |i| self.0[i]);
        chars + text.get(from..offset).map_or(0, |t| t.chars().count())
    }
}

/// The `TextPositionSelector` of `range`, in code points of the reading text; `starts`
/// holds the code point offset of its start.
pub fn position_selector(
    reading: &ReadingText,
    range: &Range<usize>,
    starts: &CharStarts,
) -> Selector<'static> {
    let start = starts.of(&reading.text, range.start);
    let end = start + reading.text[range.clone()].chars().count();
    Selector {
        end: Some(end),
        exact: None,
        prefix: None,
        start: Some(start),
        suffix: None,
        kind: "TextPositionSelector",
    }
}

fn block_range(reading: &ReadingText, range: &Range<usize>) -> Range<usize> {
    reading
        .block_at(range.start)
        .map_or(range.clone(), |b| reading.blocks[b].text.clone())
}

/// The fragment that takes a reader to the note's words on the article page: a text
/// directive (`#:~:text=prefix-,words`) that makes a browser scroll to and highlight
/// them, or the id of their paragraph (`#p-3`) where a directive could stop at the same
/// words earlier on the page.
///
/// The words are widened to whole words, since browsers match whole words only; up to
/// three words before them in their block become the prefix. A suffix is never given:
/// on the page the note's own marker stands right after the words, and a browser would
/// not find the suffix past it. `marks` are where the markers of the other notes and the
/// author's footnote references stand (reading-text offsets): where some fall inside the
/// words, the words are given as a start and an end (`start,end`) around them, as they
/// are around a line break; the prefix only takes words after the last marker before
/// the words.
///
/// Words with no prefix (at the start of their block, or cut by a marker) could be met
/// first in the title, the table of contents, the list of corrections or another note:
/// the link goes to their paragraph instead, when it has an id; so does a link to words
/// of a heading, which the table of contents repeats.
pub fn text_fragment(reading: &ReadingText, range: &Range<usize>, marks: &[usize]) -> String {
    let text = &reading.text;
    let block = block_range(reading, range);
    let paragraph = reading.block_at(range.start).and_then(|index| {
        let block = &reading.blocks[index];
        block
            .element
            .map(|_| (block.kind, crate::search::paragraph_id(index + 1)))
    });
    if let Some((crate::parse::reading_text::BlockKind::Heading, id)) = &paragraph {
        return format!("#{id}");
    }
    // A line break (`<br>`, two spaces) parts the words on the page as a marker does.
    let breaks: Vec<usize> = text[range.clone()]
        .match_indices('\n')
        .map(|(at, _)| range.start + at)
        .collect();
    let marks: Vec<usize> = marks.iter().copied().chain(breaks).collect();
    let marks = &marks[..];
    // Chinese and Japanese run words together without spaces: the quote's own
    // characters are the words there, or the widening would take the whole clause.
    let word = |c: char| c.is_alphanumeric() && !crate::search::terms::is_ideographic(c);
    let mut start = range.start;
    while start > block.start
        && text[..start].chars().next_back().is_some_and(word)
        && text[start..].chars().next().is_some_and(word)
    {
        start -= text[..start].chars().next_back().map_or(1, char::len_utf8);
    }
    let mut end = range.end;
    while end < block.end
        && text[..end].chars().next_back().is_some_and(word)
        && text[end..].chars().next().is_some_and(word)
    {
        end += text[end..].chars().next().map_or(1, char::len_utf8);
    }
    // The note's own marker stands inside the word (`Lee` of `Leeson`): the page shows
    // no such word for a directive to find.
    if end != range.end {
        if let Some((_, id)) = &paragraph {
            return format!("#{id}");
        }
    }
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut inner: Vec<usize> = marks
        .iter()
        .copied()
        .filter(|&m| m > start && m < end)
        .collect();
    inner.sort_unstable();
    // A browser matches whole words: a marker inside a word (`Lee` + marker + `son`)
    // leaves that word out of both the start and the end. One between a word and
    // punctuation (`Kim` + marker + `’s`, `two` + marker + `,`) parts no word.
    let in_word = |at: usize| {
        text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && text[at..].chars().next().is_some_and(char::is_alphanumeric)
    };
    // The words start the fragment unless a marker cut their first word: the prefix
    // then no longer stands right before them.
    let mut starts_at_start = true;
    let words = match (inner.first(), inner.last()) {
        (Some(&first), Some(&last)) => {
            let first = if in_word(first) {
                text[start..first]
                    .rfind(char::is_whitespace)
                    .map_or(start, |at| start + at)
            } else {
                first
            };
            let last = if in_word(last) {
                text[last..end]
                    .find(char::is_whitespace)
                    .map_or(end, |at| last + at)
            } else {
                last
            };
            let (head, tail) = (flat(&text[start..first]), flat(&text[last..end]));
            match (head.is_empty(), tail.is_empty()) {
                (false, false) => format!("{},{}", encode(&head), encode(&tail)),
                (false, true) => encode(&head),
                (true, false) => {
                    starts_at_start = false;
                    encode(&tail)
                }
                (true, true) => encode(&flat(&text[start..end])),
            }
        }
        _ => encode(&flat(&text[start..end])),
    };
    // Another note's marker between the prefix and the words would break the match.
    let prefix_from = marks
        .iter()
        .copied()
        .filter(|&m| m > block.start && m <= start)
        .max()
        .unwrap_or(block.start);
    // The last three words before the quote, read from the end of the block's text.
    let mut before: Vec<&str> = text[prefix_from..start]
        .split_whitespace()
        .rev()
        .take(3)
        .collect();
    before.reverse();
    let prefix = before.join(" ");
    if prefix.is_empty() || !starts_at_start || !text[..start].ends_with(char::is_whitespace) {
        match paragraph {
            Some((_, id)) => format!("#{id}"),
            None => format!("#:~:text={words}"),
        }
    } else {
        format!("#:~:text={}-,{words}", encode(&prefix))
    }
}

/// Percent-encodes text for a text directive: everything but ASCII letters, digits and
/// `.`, `_`, `~` (so `-`, `,` and `&`, which are syntax there, are always encoded).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// An annotation read from JSON, before anchoring.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Annotation {
    /// The annotation's id, when it has one (for reports).
    pub id: Option<String>,
    /// `TextQuoteSelector.exact`.
    pub exact: String,
    /// `TextQuoteSelector.prefix`.
    pub prefix: Option<String>,
    /// `TextQuoteSelector.suffix`.
    pub suffix: Option<String>,
    /// `TextPositionSelector` start and end, in code points.
    pub position: Option<Range<usize>>,
    /// The note's Markdown: a `text/markdown` body, else a plain one, else HTML made text.
    pub body: Option<String>,
    /// A tag naming a note kind, else the kind for the motivation.
    pub kind: String,
    /// `created`, as written.
    pub created: Option<String>,
    /// The context entry id of an `identifying` link into `/context/`.
    pub reference: Option<String>,
    /// Links given as `linking` bodies.
    pub sources: Vec<SourceLink>,
}

/// Reads every annotation of a W3C document (an annotation, a page, a collection or a
/// list of them) or a Hypothesis export (`rows`, `annotations` or a list); also lists,
/// one line each, the entries that cannot become notes (replies, page notes).
pub fn read(value: &Value) -> (Vec<Annotation>, Vec<String>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for item in items(value) {
        let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
        let name = id
            .clone()
            .unwrap_or_else(|| "an annotation without id".to_owned());
        if item
            .get("references")
            .and_then(Value::as_array)
            .is_some_and(|r| !r.is_empty())
        {
            skipped.push(format!("{name}: a reply to another annotation"));
            continue;
        }
        let selectors = selectors(item);
        let Some(quote) = selectors.iter().find(|s| kind_of(s) == "TextQuoteSelector") else {
            skipped.push(format!(
                "{name}: no TextQuoteSelector, so no words to anchor to"
            ));
            continue;
        };
        let text = |key: &str| quote.get(key).and_then(Value::as_str).map(str::to_owned);
        let Some(exact) = text("exact").filter(|e| !e.trim().is_empty()) else {
            skipped.push(format!("{name}: an empty quote"));
            continue;
        };
        let position = selectors
            .iter()
            .find(|s| kind_of(s) == "TextPositionSelector")
            .and_then(|s| {
                let at = |k: &str| {
                    s.get(k)
                        .and_then(Value::as_u64)
                        .and_then(|n| usize::try_from(n).ok())
                };
                Some(at("start")?..at("end")?)
            });
        let mut annotation = Annotation {
            id,
            exact,
            prefix: text("prefix").filter(|p| !p.is_empty()),
            suffix: text("suffix").filter(|s| !s.is_empty()),
            position,
            created: item
                .get("created")
                .and_then(Value::as_str)
                .map(str::to_owned),
            ..Annotation::default()
        };
        read_bodies(item, &mut annotation);
        // A highlight with no comment (common in Hypothesis) gives a note with nothing
        // to say, which the build refuses.
        if annotation.body.is_none() && annotation.reference.is_none() {
            skipped.push(format!(
                "{name}: a highlight without a comment, and a note needs a body or a ref"
            ));
            continue;
        }
        found.push(annotation);
    }
    (found, skipped)
}

/// The pages of an annotation collection that the document names by address only
/// (`"first": "https://…"`, `"next": "https://…"`): their annotations are not in it.
pub fn linked_pages(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(list) => stack.extend(list.iter()),
            Value::Object(map) => {
                for key in ["first", "next"] {
                    match map.get(key) {
                        Some(Value::String(link)) => found.push(link.clone()),
                        Some(page @ Value::Object(_)) => stack.push(page),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    found
}

fn kind_of(value: &Value) -> &str {
    value.get("type").and_then(Value::as_str).unwrap_or("")
}

/// The annotation objects of a document, wherever the format keeps them.
fn items(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(list) => list.iter().flat_map(items).collect(),
        Value::Object(map) => {
            // A page of a collection goes on in the page its `next` holds.
            let next = map.get("next").filter(|n| n.is_object());
            for key in ["rows", "annotations", "items"] {
                if let Some(list) = map.get(key).and_then(Value::as_array) {
                    let mut found: Vec<&Value> = list.iter().flat_map(items).collect();
                    found.extend(next.into_iter().flat_map(items));
                    return found;
                }
            }
            if let Some(first) = map.get("first").filter(|f| f.is_object()) {
                return items(first);
            }
            if map.contains_key("target") {
                vec![value]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// Every selector of every target, refinements included.
fn selectors(item: &Value) -> Vec<&Value> {
    let targets: Vec<&Value> = match item.get("target") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(target) => vec![target],
        None => Vec::new(),
    };
    let mut found = Vec::new();
    let mut stack: Vec<&Value> = targets.iter().filter_map(|t| t.get("selector")).collect();
    while let Some(selector) = stack.pop() {
        match selector {
            Value::Array(list) => stack.extend(list.iter()),
            Value::Object(_) => {
                if let Some(refined) = selector.get("refinedBy") {
                    stack.push(refined);
                }
                found.push(selector);
            }
            _ => {}
        }
    }
    found.reverse();
    found
}

/// Fills body, kind, ref and sources from W3C bodies or Hypothesis fields.
fn read_bodies(item: &Value, annotation: &mut Annotation) {
    let bodies: Vec<&Value> = match item.get("body") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(body) => vec![body],
        None => Vec::new(),
    };
    let mut markdown = None;
    let mut plain = None;
    let mut html = None;
    let mut tags: Vec<String> = item
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| {
            t.iter()
                .filter_map(Value::as_str)
                .filter(|t| ["context", "definition", "correction", "source"].contains(t))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    for body in bodies {
        let purpose = body.get("purpose").and_then(Value::as_str).unwrap_or("");
        let value = body.get("value").and_then(Value::as_str);
        match (kind_of(body), purpose, value) {
            ("TextualBody", "tagging", Some(tag)) => tags.push(tag.to_owned()),
            ("TextualBody" | "", _, Some(text)) => {
                match body
                    .get("format")
                    .and_then(Value::as_str)
                    .unwrap_or("text/plain")
                {
                    "text/markdown" => markdown = markdown.or(Some(text.to_owned())),
                    "text/html" => html = html.or(Some(text.to_owned())),
                    _ => plain = plain.or(Some(text.to_owned())),
                }
            }
            _ => read_link(body, purpose, annotation),
        }
    }
    if let Some(text) = item
        .get("bodyValue")
        .or_else(|| item.get("text"))
        .and_then(Value::as_str)
    {
        markdown = markdown.or(Some(text.to_owned()));
    }
    annotation.body = markdown
        .or(plain)
        .or_else(|| {
            // The words a reader of the HTML sees: what scripts and styles hold is none.
            html.map(|h| {
                crate::parse::reading_text::html_text(&h)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
        .filter(|b| !b.trim().is_empty());
    let motivation = item
        .get("motivation")
        .and_then(Value::as_str)
        .unwrap_or("commenting");
    annotation.kind = tags
        .iter()
        .find(|t| is_kind(t))
        .cloned()
        .unwrap_or_else(|| kind_for(motivation).to_owned());
}

/// A tag that can serve as a note kind: one short word.
fn is_kind(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 40
        && tag
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A link body: an `identifying` link into `/context/` is a ref, any other is a source.
fn read_link(body: &Value, purpose: &str, annotation: &mut Annotation) {
    let target = body.get("source").unwrap_or(body);
    let url = match target {
        Value::String(url) => url.as_str(),
        _ => match target.get("id").and_then(Value::as_str) {
            Some(url) => url,
            None => return,
        },
    };
    let label = target.get("label").and_then(Value::as_str);
    if purpose == "identifying" {
        if let Some((_, id)) = url.split_once("/context/") {
            let id = id.trim_end_matches("index.html").trim_matches('/');
            if !id.is_empty() {
                annotation.reference = Some(id.to_owned());
                return;
            }
        }
    }
    if crate::parse::sidecar::is_safe_url(url) {
        annotation.sources.push(SourceLink {
            title: label.unwrap_or(url).to_owned(),
            url: url.to_owned(),
        });
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn place(reading: &ReadingText, words: &str) -> Range<usize> {
        let at = reading.text.find(words).expect("words");
        at..at + words.len()
    }

    #[test]
    fn selectors_stay_in_the_block_and_count_code_points() {
        let reading = ReadingText::build("First “block” here.\n\nKim’s offer fell short of it.\n");
        let range = place(&reading, "offer");
        let selector = quote_selector(&reading, &range);
        assert_eq!(selector.prefix, Some("Kim’s "));
        assert_eq!(selector.suffix, Some(" fell short of it."));
        let starts = CharStarts::new(&reading.text, [range.start].into_iter());
        let start = position_selector(&reading, &range, &starts)
            .start
            .expect("start");
        let exact: String = reading.text.chars().skip(start).take(5).collect();
        assert_eq!(exact, "offer");
        // Counted from the nearest offset given before it, or from the start.
        for given in [vec![], vec![3], vec![range.start + 2, 3]] {
            let starts = CharStarts::new(&reading.text, given.into_iter());
            let start = position_selector(&reading, &range, &starts)
                .start
                .expect("start");
            let exact: String = reading.text.chars().skip(start).take(5).collect();
            assert_eq!(exact, "offer");
        }
    }

    #[test]
    fn fragments_widen_to_words_and_encode_syntax() {
        let reading = ReadingText::build(
            "The president is right to say the existing freeze-for-freeze should happen.\n",
        );
        let range = place(&reading, "reeze-for-freeze");
        assert_eq!(
            text_fragment(&reading, &range, &[]),
            "#:~:text=say%20the%20existing-,freeze%2Dfor%2Dfreeze"
        );
        // Words with no prefix: their paragraph, where the page gives it an id.
        let range = place(&reading, "The president");
        assert_eq!(text_fragment(&reading, &range, &[]), "#p-1");
        // A table cell's too.
        let reading = ReadingText::build("| Who |\n| --- |\n| The president |\n");
        let range = place(&reading, "The president");
        assert_eq!(text_fragment(&reading, &range, &[]), "#p-2");
        // The text of a tight item after a nested block, which the page gives no id.
        let reading = ReadingText::build("- Who\n  ```\n  x\n  ```\n  The president said no.\n");
        let range = place(&reading, "The president");
        assert_eq!(
            text_fragment(&reading, &range, &[]),
            "#:~:text=The%20president"
        );
    }

    #[test]
    fn fragments_in_chinese_or_japanese_keep_to_the_quoted_characters() {
        let reading =
            ReadingText::build("- 港\n  ```\n  x\n  ```\n  東京の港湾局は交渉を拒否した。\n");
        let range = place(&reading, "港湾局");
        let fragment = text_fragment(&reading, &range, &[]);
        let quoted: String = "港湾局".bytes().map(|b| format!("%{b:02X}")).collect();
        assert_eq!(fragment, format!("#:~:text={quoted}"));
    }

    #[test]
    fn a_marker_inside_the_words_splits_them_into_start_and_end() {
        let reading = ReadingText::build(
            "In the end, the last country to give up actual weapons was Ukraine.\n",
        );
        let range = place(
            &reading,
            "the last country to give up actual weapons was Ukraine",
        );
        let inner = place(&reading, "last country to give up actual weapons").end;
        assert_eq!(
            text_fragment(&reading, &range, &[inner]),
            "#:~:text=In%20the%20end%2C-,the%20last%20country%20to%20give%20up%20actual%20weapons,was%20Ukraine"
        );
        // Right after a marker, the words have no prefix: their paragraph.
        let after_marker = place(&reading, "was Ukraine");
        assert_eq!(text_fragment(&reading, &after_marker, &[inner]), "#p-1");
        // A marker inside a word: that word is neither the start's end nor the end's start.
        let reading = ReadingText::build(
            "- a\n  ```\n  x\n  ```\n  The United States. Leeson’s offer fell short.\n",
        );
        let range = place(&reading, "Leeson’s offer fell short");
        let inner = place(&reading, "Lee").end;
        assert_eq!(
            text_fragment(&reading, &range, &[inner]),
            "#:~:text=offer%20fell%20short"
        );
        // A line break parts the words as a marker does.
        let reading = ReadingText::build("Then the talks<br>ended early.\n");
        let range = place(&reading, "talks\nended");
        assert_eq!(
            text_fragment(&reading, &range, &[]),
            "#:~:text=Then%20the-,talks,ended"
        );
        // One between a word and punctuation parts no word.
        let reading = ReadingText::build("The United States. Kim’s offer fell short.\n");
        let range = place(&reading, "Kim’s offer fell short");
        let inner = place(&reading, "Kim").end;
        assert_eq!(
            text_fragment(&reading, &range, &[inner]),
            "#:~:text=The%20United%20States.-,Kim,%E2%80%99s%20offer%20fell%20short"
        );
        let reading = ReadingText::build("A three here.\n\nOne two, three four.\n");
        let range = place(&reading, "two, three");
        let inner = place(&reading, "One two").end;
        assert_eq!(
            text_fragment(&reading, &range, &[inner]),
            "#:~:text=One-,two,%2C%20three"
        );
    }

    #[test]
    fn an_authors_footnote_reference_inside_the_words_splits_them() {
        let reading = ReadingText::build("Three four and a footnote[^1] and more.\n\n[^1]: Fn.\n");
        let range = place(&reading, "footnote and more");
        let inner = reading.footnote_refs.clone();
        assert_eq!(inner, [place(&reading, "footnote").end]);
        assert_eq!(
            text_fragment(&reading, &range, &inner),
            "#:~:text=four%20and%20a-,footnote,and%20more"
        );
    }

    #[test]
    fn words_that_end_inside_a_word_lead_to_their_paragraph() {
        let reading = ReadingText::build("The plan of Leeson’s office failed.\n");
        let range = place(&reading, "of Lee");
        assert_eq!(text_fragment(&reading, &range, &[]), "#p-1");
    }

    #[test]
    fn words_of_a_heading_lead_to_the_heading_which_the_contents_repeat() {
        let body = "The summit ended early.\n\n## Aftermath of it\n\nThen.\n";
        let reading = ReadingText::build(body);
        let fragment = |words: &str| text_fragment(&reading, &place(&reading, words), &[]);
        assert_eq!(fragment("Aftermath"), "#p-2");
        assert_eq!(fragment("of it"), "#p-2");
        assert_eq!(fragment("Then"), "#p-3");
    }

    #[test]
    fn hypothesis_rows_read_as_annotations() {
        let export = json!({"total": 2, "rows": [
            {"id": "h1", "text": "A *note*.", "tags": ["definition"], "created": "2019-03-07T10:00:00+00:00",
             "target": [{"source": "https://x.org/a", "selector": [
                {"type": "RangeSelector", "startContainer": "/p[1]"},
                {"type": "TextPositionSelector", "start": 10, "end": 18},
                {"type": "TextQuoteSelector", "exact": "Yongbyon", "prefix": "center at ", "suffix": ", in"}]}]},
            {"id": "h2", "text": "reply", "references": ["h1"], "target": [{"source": "https://x.org/a"}]}
        ]});
        let (found, skipped) = read(&export);
        assert_eq!(found.len(), 1);
        assert_eq!(skipped.len(), 1);
        let a = &found[0];
        assert_eq!(a.exact, "Yongbyon");
        assert_eq!(a.kind, "definition");
        assert_eq!(a.position, Some(10..18));
        assert_eq!(a.body.as_deref(), Some("A *note*."));
    }

    #[test]
    fn a_highlight_without_a_comment_is_skipped_with_its_reason() {
        let export = json!({"rows": [
            {"id": "h3", "text": "", "target": [{"selector": [
                {"type": "TextQuoteSelector", "exact": "half a point"}]}]}
        ]});
        let (found, skipped) = read(&export);
        assert!(found.is_empty());
        assert_eq!(
            skipped,
            ["h3: a highlight without a comment, and a note needs a body or a ref"]
        );
    }

    #[test]
    fn a_collection_is_read_page_after_page_and_pages_named_by_address_are_told() {
        let note = |id: &str, exact: &str| {
            json!({"type": "Annotation", "id": id, "body": {"type": "TextualBody", "value": "Why."},
                   "target": {"selector": {"type": "TextQuoteSelector", "exact": exact}}})
        };
        let embedded = json!({"type": "AnnotationCollection", "total": 2, "first": {
            "type": "AnnotationPage", "items": [note("a1", "one")],
            "next": {"type": "AnnotationPage", "items": [note("a2", "two")]}}});
        let (found, _) = read(&embedded);
        let quotes: Vec<&str> = found.iter().map(|a| a.exact.as_str()).collect();
        assert_eq!(quotes, ["one", "two"]);
        assert!(linked_pages(&embedded).is_empty());
        let linked =
            json!({"type": "AnnotationCollection", "total": 3, "first": "https://x.org/page1"});
        assert!(read(&linked).0.is_empty());
        assert_eq!(linked_pages(&linked), ["https://x.org/page1"]);
    }

    #[test]
    fn w3c_bodies_give_kind_ref_and_sources() {
        let annotation = json!({"type": "Annotation", "motivation": "editing",
            "body": [
                {"type": "TextualBody", "format": "text/html", "value": "<p>Fixed.</p>"},
                {"type": "SpecificResource", "purpose": "identifying", "source": {"id": "https://x.org/context/people/kim/"}},
                {"type": "SpecificResource", "purpose": "linking", "source": {"id": "https://x.org/s", "label": "S"}}],
            "target": {"source": "https://x.org/a", "selector": {"type": "TextQuoteSelector", "exact": "CVID"}}});
        let (found, _) = read(&annotation);
        let a = &found[0];
        assert_eq!(a.kind, "correction");
        assert_eq!(a.body.as_deref(), Some("Fixed."));
        assert_eq!(a.reference.as_deref(), Some("people/kim"));
        // What a script or style holds is no word of the note.
        let scripted = json!({"type": "Annotation", "body": {"type": "TextualBody", "format": "text/html",
            "value": "<p>Hello <b>world</b> &amp; more</p><script>alert(1)</script><style>p{}</style>"},
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "CVID"}}});
        assert_eq!(
            read(&scripted).0[0].body.as_deref(),
            Some("Hello world & more")
        );
        assert_eq!(
            a.sources,
            [SourceLink {
                title: "S".into(),
                url: "https://x.org/s".into()
            }]
        );
    }
}
