//! Anchors every note of every article, numbers the markers and checks `ref`s.
//!
//! In: [`Parsed`] content. Out: [`AnchoredArticle`]s whose notes know their words in the
//! reading text, where their marks start and end in the event stream, where their marker
//! stands and their number; or every diagnostic at once. The matching rules themselves
//! live in [`locate`], on plain strings.

pub mod fuzzy;
pub mod locate;
pub mod normalize;
pub mod places;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod spec;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::parse::reading_text::ReadingText;
use crate::parse::sidecar::{NoteSpec, Sidecar};
use crate::parse::{Article, ContextEntry, Parsed};
use locate::{AnchorError, Haystack};

/// A place in an article's event stream: byte `offset` of the text of event `event`,
/// or, with offset 0, just before that event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventPoint {
    /// Index in the body's event list.
    pub event: usize,
    /// Byte offset in that event's text.
    pub offset: usize,
}

/// A note with its place in the article.
#[derive(Debug, Clone)]
pub struct AnchoredNote {
    /// The note as written: the sidecar's own, shared (80,000 notes at 10k articles).
    pub spec: Arc<NoteSpec>,
    /// Its marker's number, from 1, in reading order.
    pub number: usize,
    /// The quoted words in the reading text.
    pub range: Range<usize>,
    /// Where the marked words start.
    pub start: EventPoint,
    /// Where they end (exclusive).
    pub end: EventPoint,
    /// Where the marker stands.
    pub marker: EventPoint,
    /// Index of the reading-text block holding the quote.
    pub block: usize,
    /// The quoted words as the article shows them.
    pub quoted: String,
    /// 1-based line of the quote in the article file.
    pub line: usize,
}

/// An article with its notes anchored, in marker order.
#[derive(Debug, Clone)]
pub struct AnchoredArticle {
    /// The parsed article (shared with the build cache).
    pub article: Arc<Article>,
    /// Notes sorted by number.
    pub notes: Vec<AnchoredNote>,
}

/// Everything the renderer needs.
#[derive(Debug, Clone, Default)]
pub struct Anchored {
    /// Articles, sorted by path (shared with the build cache).
    pub articles: Vec<Arc<AnchoredArticle>>,
    /// Pages outside the archive, sorted by path.
    pub pages: Vec<crate::parse::Page>,
    /// Context entries by id.
    pub context_entries: BTreeMap<String, ContextEntry>,
    /// Other files.
    pub assets: Vec<crate::load::Asset>,
}

/// Anchors all articles in parallel.
///
/// # Errors
/// Every anchoring problem and unknown `ref` in every sidecar.
pub fn content(parsed: Parsed) -> Result<Anchored, Vec<Diagnostic>> {
    let (anchored, _, problems) = content_in_part(parsed);
    if problems.is_empty() {
        Ok(anchored)
    } else {
        Err(problems)
    }
}

/// Anchors all articles in parallel: those whose every note found its place; the others
/// with only the notes that found one (not part of the site, but `check` still tells of
/// those notes, such as one an edit moved); and the problems of the others.
pub fn content_in_part(parsed: Parsed) -> (Anchored, Vec<Arc<AnchoredArticle>>, Vec<Diagnostic>) {
    let entries = &parsed.context_entries;
    let results: Vec<(AnchoredArticle, Vec<Diagnostic>)> = parsed
        .articles
        .into_par_iter()
        .map(|article| anchor_placed(article, entries, &parsed.unread_entries))
        .collect();
    let mut articles = Vec::new();
    let mut partly = Vec::new();
    let mut problems = Vec::new();
    for (article, mut found) in results {
        if found.is_empty() {
            articles.push(Arc::new(article));
        } else {
            partly.push(Arc::new(article));
            problems.append(&mut found);
        }
    }
    // Only their notes' problems: they are not part of the site.
    let unfinished: Vec<Vec<Diagnostic>> = parsed
        .unfinished
        .into_par_iter()
        .filter_map(|article| anchor_article(article, entries, &parsed.unread_entries).err())
        .collect();
    problems.extend(unfinished.into_iter().flatten());
    let anchored = Anchored {
        articles,
        pages: parsed.pages,
        context_entries: parsed.context_entries,
        assets: parsed.assets,
    };
    (anchored, partly, problems)
}

/// Anchors the notes of one article.
///
/// # Errors
/// One diagnostic per note that has no single place or an unknown `ref`.
pub fn article(
    article: Arc<Article>,
    entries: &BTreeMap<String, ContextEntry>,
) -> Result<AnchoredArticle, Vec<Diagnostic>> {
    anchor_article(article, entries, &BTreeSet::new())
}

/// [`article`], knowing the entries that did not read (`Parsed::unread_entries`).
fn anchor_article(
    article: Arc<Article>,
    entries: &BTreeMap<String, ContextEntry>,
    unread: &BTreeSet<String>,
) -> Result<AnchoredArticle, Vec<Diagnostic>> {
    let (anchored, problems) = anchor_placed(article, entries, unread);
    if problems.is_empty() {
        Ok(anchored)
    } else {
        Err(problems)
    }
}

/// The article with the notes that found their place, numbered among themselves, and a
/// problem for each other note (and each unknown `ref`).
fn anchor_placed(
    article: Arc<Article>,
    entries: &BTreeMap<String, ContextEntry>,
    unread: &BTreeSet<String>,
) -> (AnchoredArticle, Vec<Diagnostic>) {
    let Some(sidecar) = &article.sidecar else {
        return (
            AnchoredArticle {
                article,
                notes: Vec::new(),
            },
            Vec::new(),
        );
    };
    let haystack = Haystack::new(&article.reading);
    let results = locate::locate_all(&haystack, &sidecar.notes);
    let lines = Lines::new(&article);
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for (spec, result) in sidecar.notes.iter().zip(results) {
        if let Some(reference) = &spec.reference {
            if !entries.contains_key(reference) {
                problems.push(unknown_ref(sidecar, spec, reference, entries, unread));
            }
        }
        match result {
            Ok(range) => {
                let line = lines.of(range.start);
                notes.push(place(&article.reading, Arc::clone(spec), range, line));
            }
            Err(err) => problems.push(describe(&article, &lines, sidecar, spec, &err)),
        }
    }
    number(&mut notes);
    (AnchoredArticle { article, notes }, problems)
}

/// Sorts notes into reading order and numbers them: by marker, then quote start, then
/// quote end; only notes on identical words are left in sidecar order. (Quotes that end
/// inside one link share its marker place, and may share their start too.)
pub fn number(notes: &mut [AnchoredNote]) {
    notes.sort_by_key(|n| (n.marker, n.range.start, n.range.end, n.spec.index));
    for (i, note) in notes.iter_mut().enumerate() {
        note.number = i + 1;
    }
}

/// Line numbers of an article file, found by binary search: counting line breaks from
/// the top for every note would make anchoring quadratic in long articles.
struct Lines<'a> {
    article: &'a Article,
    /// Byte offset in the file where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(article: &'a Article) -> Self {
        let text = &article.file.text;
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Self { article, starts }
    }

    /// 1-based line in the article file of the source of reading-text byte `offset`.
    fn of(&self, offset: usize) -> usize {
        let at = self.article.body.start + self.article.reading.source_offset(offset);
        self.starts.partition_point(|&start| start <= at)
    }
}

/// Where a located note's marks and marker go in the event stream of `reading`; its
/// number is set by [`number`], `line` is the quote's line in the article file.
pub fn place(
    reading: &ReadingText,
    spec: impl Into<Arc<NoteSpec>>,
    range: Range<usize>,
    line: usize,
) -> AnchoredNote {
    let start = start_point(reading, range.start);
    let end = end_point(reading, range.end);
    let marker = marker_point(reading, range.end);
    let block = reading.block_at(range.start).unwrap_or(0);
    let quoted = reading.text[range.clone()].to_owned();
    AnchoredNote {
        spec: spec.into(),
        number: 0,
        range,
        start,
        end,
        marker,
        block,
        quoted,
        line,
    }
}

fn start_point(reading: &ReadingText, at: usize) -> EventPoint {
    reading.segment_at(at).map_or(
        EventPoint {
            event: 0,
            offset: 0,
        },
        |s| EventPoint {
            event: s.event(),
            offset: at - s.text().start,
        },
    )
}

fn end_point(reading: &ReadingText, end: usize) -> EventPoint {
    match reading.segment_at(end.saturating_sub(1)) {
        Some(s) if end < s.text().end => EventPoint {
            event: s.event(),
            offset: end - s.text().start,
        },
        Some(s) => EventPoint {
            event: s.event() + 1,
            offset: 0,
        },
        None => EventPoint {
            event: 0,
            offset: 0,
        },
    }
}

/// Right after the quote: past a code span or emphasis that ends with it, and past the
/// end of a link it ends in (ANNOTATIONS.md, "Rendering"). A quote that ends inside a
/// code span (`rm` of `rm -rf tmp`) has its marker there, as inside emphasis; one that
/// ends inside inline HTML that can hold no mark (an SVG image's text, a list to pick
/// from) has it after that element.
fn marker_point(reading: &ReadingText, end: usize) -> EventPoint {
    let Some(segment) = reading.segment_at(end.saturating_sub(1)) else {
        return EventPoint {
            event: 0,
            offset: 0,
        };
    };
    let markless = |event: usize| reading.markless.get(event) == Some(&true);
    let offset = end - segment.text().start;
    let mut after = if end == segment.text().end || markless(segment.event()) {
        segment.event() + 1
    } else if let Some(link_end) = segment.link_end() {
        link_end + 1
    } else {
        return EventPoint {
            event: segment.event(),
            offset,
        };
    };
    loop {
        if let Some(link_end) = segment.link_end().filter(|&l| l >= after) {
            after = link_end + 1;
        } else if reading.closes_style.get(after) == Some(&true) || markless(after) {
            after += 1;
        } else {
            break;
        }
    }
    EventPoint {
        event: after,
        offset: 0,
    }
}

fn unknown_ref(
    sidecar: &Sidecar,
    spec: &NoteSpec,
    reference: &str,
    entries: &BTreeMap<String, ContextEntry>,
    unread: &BTreeSet<String>,
) -> Diagnostic {
    let span = spec
        .spans
        .reference
        .clone()
        .unwrap_or_else(|| spec.spans.entry.clone());
    // An id written as a path (`/context/dmz`, `content/context/dmz.md`) is the entry's
    // path under content/context/ without `.md`.
    let id = written_ref_id(reference);
    let at = |message: String| {
        Diagnostic::error(&sidecar.file.path, message)
            .at(&sidecar.file.text, span.clone())
            .label(spec.label(&sidecar.file.text, span.start))
    };
    if unread.contains(id) {
        return at(format!("the context entry `{id}` did not read")).hint(format!(
            "fix content/context/{id}.md: its own problem is reported with it"
        ));
    }
    if id.trim().is_empty() {
        return at("`ref` is empty".to_owned())
            .hint("write the id of a context entry (its path under content/context/, without `.md`), or remove `ref`");
    }
    let diagnostic = at(format!("unknown context entry `{reference}`"));
    // The entry's title or one of its other names, written instead of its id.
    let named = |entry: &&ContextEntry| {
        std::iter::once(&entry.title)
            .chain(&entry.aliases)
            .any(|name| crate::slug::term_key(name) == crate::slug::term_key(reference))
    };
    if let Some(entry) = entries.values().find(named) {
        return diagnostic.hint(format!(
            "`{reference}` is a name of the entry `{}`: write `ref = \"{}\"`, its id",
            entry.id, entry.id
        ));
    }
    if id != reference && entries.contains_key(id) {
        return diagnostic.hint(format!(
            "write `ref = \"{id}\"`: an entry's id is its path under content/context/, without `.md`"
        ));
    }
    // An entry in a subfolder, named by its file's name alone (`kim` for `people/kim`).
    let in_folder: Vec<&str> = entries
        .keys()
        .map(String::as_str)
        .filter(|known| known.rsplit('/').next() == Some(id) && *known != id)
        .collect();
    if let [known] = in_folder[..] {
        return diagnostic.hint(format!(
            "write `ref = \"{known}\"`: an entry's id is its path under content/context/, folders included"
        ));
    }
    // Among the entries of its own folder, by file name: the folder they share makes
    // any two ids look alike (`people/ri-son-gwon`, `people/ri-yong-ho`).
    fn folder_of(known: &str) -> &str {
        known.rsplit_once('/').map_or("", |(folder, _)| folder)
    }
    let (folder, name) = id.rsplit_once('/').unwrap_or(("", id));
    let neighbours: Vec<&str> = entries
        .keys()
        .map(String::as_str)
        .filter(|known| folder_of(known) == folder)
        .collect();
    let meant = if neighbours.is_empty() {
        did_you_mean(id, entries.keys().map(String::as_str))
    } else {
        let names = neighbours.iter().map(|k| k.rsplit('/').next().unwrap_or(k));
        did_you_mean(name, names).and_then(|meant| {
            neighbours
                .iter()
                .copied()
                .find(|k| k.rsplit('/').next() == Some(meant))
        })
    };
    match meant {
        Some(known) => diagnostic.hint(format!(
            "did you mean `{known}`? Or create content/context/{id}.md"
        )),
        None => diagnostic.hint(format!("create content/context/{id}.md, or fix the id")),
    }
}

/// The id a `ref` written as a path means: `reference` without a leading `/`,
/// `content/`, `context/`, and a trailing `.md` (parse's `entry_id` reads an entry's
/// file path instead).
fn written_ref_id(reference: &str) -> &str {
    let mut id = reference.trim_start_matches(['/', '.']);
    id = id.strip_prefix("content/").unwrap_or(id);
    id = id.strip_prefix("context/").unwrap_or(id);
    id = id.strip_suffix(".md").unwrap_or(id);
    id.trim_end_matches('/')
}

/// Where in the article, outside its reading text, `quote` is written: its title (kind
/// `None`), an image's description, one of the author's footnotes or a block of HTML.
/// Asked only when a quote was not found, so the Markdown is parsed again here rather
/// than kept for every article.
fn outside_the_text(
    article: &Article,
    quote: &str,
) -> Option<(Option<crate::parse::reading_text::Outside>, &'static str)> {
    use crate::parse::reading_text::{outside_texts, Outside};
    let quote = normalize::fold(quote);
    if quote.is_empty() {
        return None;
    }
    let holds = |text: &str| normalize::fold(text).contains(&quote);
    if holds(&article.title) {
        return Some((None, "the title"));
    }
    outside_texts(article.body_text())
        .into_iter()
        .find(|(_, text)| holds(text))
        .map(|(kind, _)| {
            let place = match kind {
                Outside::ImageDescription => "an image's description (its alt text)",
                Outside::Footnote => "one of the article's own footnotes",
                Outside::Html => "HTML written into the article",
                Outside::Caption => "an image's caption (its title)",
            };
            (Some(kind), place)
        })
}

/// The words of `quote` as a reader sees them, when it is written in Markdown (`The
/// **summit**`, `[early](https://…)`) and those words are in the article's text.
fn without_markdown(article: &Article, quote: &str) -> Option<String> {
    if !quote.contains(['*', '_', '`', '[', '<', '\\']) {
        return None;
    }
    let plain = ReadingText::build(quote)
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let folded = normalize::fold(&plain);
    let differs = plain != quote.split_whitespace().collect::<Vec<_>>().join(" ");
    (differs && !folded.is_empty() && normalize::fold(&article.reading.text).contains(&folded))
        .then_some(plain)
}

/// Turns an anchoring failure into the message ANNOTATIONS.md asks for.
fn describe(
    article: &Article,
    lines: &Lines<'_>,
    sidecar: &Sidecar,
    spec: &NoteSpec,
    err: &AnchorError,
) -> Diagnostic {
    let at = |span: Option<Range<usize>>, message: String| {
        let span = span.unwrap_or_else(|| spec.spans.quote.clone());
        Diagnostic::error(&sidecar.file.path, message)
            .label(spec.label(&sidecar.file.text, span.start))
            .at(&sidecar.file.text, span)
    };
    let passage = |range: &Range<usize>| -> String {
        let line = lines.of(range.start);
        format!(
            "article line {line}: \"{}\"",
            context_around(&article.reading, range)
        )
    };
    match err {
        AnchorError::QuoteNotFound { nearest } => {
            if let Some((kind, place)) = outside_the_text(article, &spec.quote) {
                let diagnostic = at(None, format!("the quote is only found in {place}, which is not part of the article's text"));
                return if kind == Some(crate::parse::reading_text::Outside::Html) {
                    diagnostic.hint("notes mark the text of the Markdown: write that passage in Markdown, or quote words from the paragraphs, headings, lists or tables")
                } else {
                    diagnostic.hint("a note anchors in what a reader reads: quote words from the paragraphs, headings, lists or tables")
                };
            }
            if let Some(plain) = without_markdown(article, &spec.quote) {
                return at(
                    None,
                    "the quote is written in Markdown; notes quote the words as a reader sees them".to_owned(),
                )
                .hint(format!(
                    "write the words without their Markdown: quote = {}",
                    toml::Value::String(plain)
                ));
            }
            let diagnostic = at(None, "quote not found in the article".to_owned());
            let diagnostic = match nearest {
                Some(range) => diagnostic.note(format!("nearest passage, {}", passage(range))),
                None => diagnostic.note("no passage of the article is close to it"),
            };
            diagnostic.hint("copy the words from the article; white space, curly quotes and apostrophes do not matter, but « », the low „ and ‚, and accents are matched as written")
        }
        AnchorError::ContextNotFound { candidates } => {
            let span = spec.spans.prefix.clone().or_else(|| spec.spans.suffix.clone());
            let mut diagnostic = at(span, format!("the quote occurs {} time(s), but never with this prefix/suffix", candidates.len()));
            diagnostic = listed(diagnostic, candidates, "place", &passage);
            diagnostic.hint("copy `prefix` and `suffix` from the words just around the quote, in the same paragraph")
        }
        AnchorError::AmbiguousQuote { candidates } => {
            let mut diagnostic = at(None, format!("quote matches {} places in the article", candidates.len()));
            diagnostic = listed(diagnostic, candidates, "candidate", &passage);
            diagnostic.hint("add `prefix` or `suffix` with words next to the one you mean, or `occurrence = N`")
        }
        AnchorError::OccurrenceOutOfRange { occurrence, candidates } => {
            // At the `occurrence` key, where the fix goes.
            let key = sidecar
                .notes
                .iter()
                .position(|n| n.index == spec.index)
                .and_then(|i| {
                    let entry = sidecar.note_text(i);
                    crate::parse::key_span(&sidecar.file.text[entry.clone()], "occurrence")
                        .map(|r| entry.start + r.start..entry.start + r.end)
                })
                .unwrap_or_else(|| spec.spans.entry.clone());
            let mut diagnostic = at(
                Some(key),
                format!("occurrence = {occurrence}, but the quote matches only {} place(s)", candidates.len()),
            );
            diagnostic = listed(diagnostic, candidates, "candidate", &passage);
            diagnostic.hint(format!("use an occurrence from 1 to {}", candidates.len()))
        }
        AnchorError::QuoteInCodeBlock => at(None, "the quote is only found in a code block".to_owned())
            .hint("code blocks cannot be annotated; quote words from the text around it"),
        AnchorError::QuoteAcrossBlocks { at: range } => at(None, "the quote runs across two blocks".to_owned())
            .note(format!("it starts at {}", passage(range)))
            .hint("a quote lies within one paragraph, heading, list item or table cell; shorten it or split the note"),
    }
}

/// Most places a diagnostic lists: a word found 100,000 times is not 100,000 lines.
const MOST_LISTED: usize = 20;

/// `diagnostic` with a note for each of the first [`MOST_LISTED`] `candidates`, named
/// `what` and numbered, and one saying how many more there are.
fn listed(
    mut diagnostic: Diagnostic,
    candidates: &[Range<usize>],
    what: &str,
    passage: &dyn Fn(&Range<usize>) -> String,
) -> Diagnostic {
    for (i, range) in candidates.iter().take(MOST_LISTED).enumerate() {
        diagnostic = diagnostic.note(format!("{what} {}, {}", i + 1, passage(range)));
    }
    if candidates.len() > MOST_LISTED {
        diagnostic = diagnostic.note(format!(
            "and {} more {what}s",
            candidates.len() - MOST_LISTED
        ));
    }
    diagnostic
}

/// The words around `range` in its block, with the quote in «»: about 30 characters on
/// each side, cut at a word boundary, white space flattened but kept where it meets the
/// quote, and `…` where the block goes on.
fn context_around(reading: &ReadingText, range: &Range<usize>) -> String {
    let block = reading
        .block_at(range.start)
        .map_or(0..reading.text.len(), |b| reading.blocks[b].text.clone());
    let text = &reading.text;
    let mut before_start = back_chars(text, range.start, 30).max(block.start);
    if before_start > block.start {
        let cut = &text[before_start..range.start];
        if let Some(space) = cut.find(char::is_whitespace) {
            before_start += space;
        }
    }
    let mut after_end = forward_chars(text, range.end, 30)
        .min(block.end)
        .max(range.end);
    if after_end < block.end {
        let cut = &text[range.end..after_end];
        if let Some(space) = cut.rfind(char::is_whitespace) {
            after_end = range.end + space;
        }
    }
    let before = flatten(&text[before_start..range.start]);
    let after = flatten(&text[range.end..after_end]);
    format!(
        "{}{}«{}»{}{}",
        if before_start > block.start {
            "…"
        } else {
            ""
        },
        before.trim_start(),
        flatten(&text[range.clone()]),
        after.trim_end(),
        if after_end < block.end { "…" } else { "" }
    )
}

/// Turns every run of white space into one space, keeping a run at either end.
fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn back_chars(text: &str, from: usize, count: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, count: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::written_ref_id;

    #[test]
    fn a_context_path_written_as_a_ref_gives_its_id() {
        for written in [
            "dmz",
            "/context/dmz",
            "context/dmz.md",
            "content/context/dmz.md",
            "./content/context/dmz/",
        ] {
            assert_eq!(written_ref_id(written), "dmz", "{written}");
        }
        assert_eq!(written_ref_id("/context/people/kim.md"), "people/kim");
    }
}
