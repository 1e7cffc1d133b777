//! Builds an article's reading text: the words a reader sees, mapped back to the source.
//!
//! In: the Markdown body. Out: a [`ReadingText`] holding the text of every
//! paragraph-level block (blocks apart by a blank line), and for each piece of it the
//! pulldown-cmark event it came from and that event's source range. The events are the
//! parser's *unmerged* ones, so a smart quote or an entity keeps its own range and a
//! match can be mapped back without guessing. Left out, as ANNOTATIONS.md says: image
//! alt text, footnote reference labels, footnote definitions and raw HTML, and what a
//! script, a style sheet or a text box holds (see `markless`). Code blocks are kept, as
//! blocks marked [`BlockKind::CodeBlock`], so a quote found only there gets its own
//! error.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub use breaks::{joined_breaks, without_joined_breaks};
use markless::Markless;

mod breaks;
mod markless;

/// The Markdown extensions gloss turns on, for every parse of a body. Heading
/// attributes give a heading the id a link elsewhere already uses (`## Aftermath
/// {#after}`).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses `body` the one way gloss always does, with source ranges.
pub fn events(body: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    Parser::new_ext(body, markdown_options()).into_offset_iter()
}

/// Text of a body that a reader sees but that is no reading text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    /// One of the author's footnote definitions.
    Footnote,
    /// An image's description (alt text).
    ImageDescription,
    /// The text of a block of HTML written into the Markdown (a figure's caption), its
    /// tags (and what scripts and styles hold) left out.
    Html,
    /// An image's title, which is a picture's caption when it stands alone in its
    /// paragraph (and shown on hover otherwise).
    Caption,
}

/// The text of each footnote definition, image description and caption and block of
/// HTML of `body`, in order of their ends (an image inside a footnote comes before it,
/// and its description is part of the footnote's text too; a caption follows its
/// image's description). Blank ones are left out.
pub fn outside_texts(body: &str) -> Vec<(Outside, String)> {
    let mut found = Vec::new();
    let (mut alt, mut footnote) = (None::<String>, None::<String>);
    let mut caption = String::new();
    let mut html: Option<String> = None;
    for (event, _) in events(body) {
        if let Event::Html(piece) = &event {
            html.get_or_insert_with(String::new).push_str(piece);
            continue;
        }
        found.extend(html.take().map(|h| (Outside::Html, html_text(&h))));
        match event {
            Event::Start(Tag::Image { title, .. }) => {
                alt = Some(String::new());
                caption = title.to_string();
            }
            Event::End(TagEnd::Image) => {
                found.extend(alt.take().map(|t| (Outside::ImageDescription, t)));
                found.push((Outside::Caption, std::mem::take(&mut caption)));
            }
            Event::Start(Tag::FootnoteDefinition(_)) => footnote = Some(String::new()),
            Event::End(TagEnd::FootnoteDefinition) => {
                found.extend(footnote.take().map(|t| (Outside::Footnote, t)));
            }
            Event::Text(text) | Event::Code(text) => {
                for open in [&mut alt, &mut footnote].into_iter().flatten() {
                    open.push_str(&text);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                for open in [&mut alt, &mut footnote].into_iter().flatten() {
                    open.push(' ');
                }
            }
            _ => {}
        }
    }
    found.extend(html.map(|h| (Outside::Html, html_text(&h))));
    found.retain(|(_, text)| !text.trim().is_empty());
    found
}

/// The text of some HTML as a reader sees it: tags and comments left out (each a space),
/// and what `<script>` and `<style>` elements hold; the commonest character references
/// read.
pub(crate) fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag = &rest[open..];
        let close = if tag.starts_with("<!--") {
            tag.find("-->").map(|end| open + end + 3)
        } else if let Some(name) = ["script", "style"].into_iter().find(|name| {
            tag.get(1..=name.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(name))
                && tag[name.len() + 1..].starts_with(['>', ' ', '\t', '\n', '\r', '/'])
        }) {
            // To the end of the element's closing tag, or of the HTML.
            let lower = tag.to_ascii_lowercase();
            lower
                .find(&format!("</{name}"))
                .and_then(|end| lower[end..].find('>').map(|gt| open + end + gt + 1))
        } else {
            tag.find('>').map(|end| open + end + 1)
        };
        rest = &rest[close.unwrap_or(rest.len())..];
    }
    text.push_str(rest);
    text.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What kind of block a stretch of reading text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, also inside a list item or a block quote.
    Paragraph,
    /// A heading.
    Heading,
    /// A table cell.
    TableCell,
    /// The text of a tight list item.
    ListItem,
    /// A fenced or indented code block: never annotated.
    CodeBlock,
}

/// One paragraph-level block of the reading text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Paragraph, heading, ...
    pub kind: BlockKind,
    /// Its stretch of the reading text.
    pub text: Range<usize>,
    /// Index of the event before which content that follows the block may be inserted
    /// (after `</p>`, after the `</table>` of a table cell, before a nested list).
    pub after: usize,
    /// Index of the event that opens the element the article page gives this block's
    /// paragraph id (`p-N`, see `search::paragraph_id`): the `<p>` of a paragraph, the
    /// `<li>` whose text a tight item's block is, the `<td>` or `<th>` of a table cell,
    /// or a heading (which keeps its own id and holds an empty anchor with this one).
    /// None for code blocks and the text of a tight item after a nested block (its
    /// `<li>` already carries the id of its first text).
    pub element: Option<usize>,
}

/// A piece of reading text that came from one text or code event.
///
/// An article has hundreds of these and they live as long as the build, so offsets are
/// kept in 32 bits: 32 bytes a segment instead of 64. A body is far smaller than 4 GiB
/// (see [`crate::load::MAX_FILE_BYTES`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Its stretch of the reading text; equal to the event's text.
    text: Range<u32>,
    /// Index of the event in the body's event list.
    event: u32,
    /// The event's bytes in the body.
    source: Range<u32>,
    /// When inside a link: index of the event that closes the outermost link.
    link_end: Option<u32>,
    /// True when the text is the source byte for byte, so offsets map one to one.
    pub literal: bool,
    /// True for an inline code span (a marker goes after the whole span).
    pub code: bool,
}

impl Segment {
    /// Its stretch of the reading text; equal to the event's text.
    pub fn text(&self) -> Range<usize> {
        widen(&self.text)
    }

    /// Index of the event in the body's event list.
    pub fn event(&self) -> usize {
        self.event as usize
    }

    /// The event's bytes in the body.
    pub fn source(&self) -> Range<usize> {
        widen(&self.source)
    }

    /// When inside a link: index of the event that closes the outermost link.
    pub fn link_end(&self) -> Option<usize> {
        self.link_end.map(|end| end as usize)
    }
}

fn widen(range: &Range<u32>) -> Range<usize> {
    range.start as usize..range.end as usize
}

/// `n` in 32 bits; every offset of a file gloss reads fits.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An article's reading text with its map back to events and source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingText {
    /// Every block's text, blocks apart by `"\n\n"`.
    pub text: String,
    /// The pieces of `text`, in order.
    pub segments: Vec<Segment>,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// For each event, true when it closes inline styling (emphasis, strong, ...): a
    /// marker whose quote ends right before it moves past it.
    pub closes_style: Vec<bool>,
    /// For each event, true when it stands inside inline HTML that can hold no mark: a
    /// script or a style sheet, a text box, an SVG image or MathML, a list to pick from.
    /// Words there are written unmarked, though a quote runs across them, and a marker
    /// whose quote ends there moves past the element.
    pub markless: Vec<bool>,
    /// How many words `text` has, as word processors count them: runs of anything but
    /// white space, and each Chinese or Japanese character (those scripts put no spaces
    /// between words). Templates show it; reading times come from it.
    pub words: usize,
    /// How many of `words` are Chinese or Japanese characters, which are read faster
    /// than words (see [`reading_minutes`]).
    pub ideographs: usize,
    /// Where the author's footnote references stand in `text`: the page shows them
    /// between the words, though they are no reading text.
    pub footnote_refs: Vec<usize>,
}

/// Words a minute an adult reads, and Chinese or Japanese characters a minute.
const WORDS_A_MINUTE: usize = 230;
const IDEOGRAPHS_A_MINUTE: usize = 500;

/// The minutes it takes to read `words` words of which `ideographs` are Chinese or
/// Japanese characters; at least one.
pub fn reading_minutes(words: usize, ideographs: usize) -> usize {
    let ideographs = ideographs.min(words);
    // In characters' time: each word is IDEOGRAPHS_A_MINUTE / WORDS_A_MINUTE of them.
    let time = (words - ideographs) * IDEOGRAPHS_A_MINUTE + ideographs * WORDS_A_MINUTE;
    time.div_ceil(WORDS_A_MINUTE * IDEOGRAPHS_A_MINUTE).max(1)
}

/// The words of `text` and how many of them are Chinese or Japanese characters (see
/// [`ReadingText::words`]); a byte at a time when the text is ASCII.
pub fn count_words(text: &str) -> (usize, usize) {
    if !text.is_ascii() {
        let (mut words, mut ideographs) = (0, 0);
        for run in text.split_whitespace() {
            // Han and kana start at U+3005, whose UTF-8 lead byte is 0xE3: a run without
            // such a byte (curly quotes, accents, most scripts) is one word.
            if !run.bytes().any(|b| b >= 0xE3) {
                words += 1;
                continue;
            }
            // Each ideograph is a word, and so is each stretch of other characters.
            let mut other = false;
            for c in run.chars() {
                if crate::language::is_ideographic(c) {
                    ideographs += 1;
                    words += 1 + usize::from(other);
                    other = false;
                } else {
                    other = true;
                }
            }
            words += usize::from(other);
        }
        return (words, ideographs);
    }
    let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let word = !space(b);
        words += usize::from(word && !in_word);
        in_word = word;
    }
    (words, 0)
}

impl ReadingText {
    /// Builds the reading text of a Markdown body.
    pub fn build(body: &str) -> Self {
        let events: Vec<(Event<'_>, Range<usize>)> = events(body).collect();
        let markless = markless::markless(&events);
        // A line break a reader sees as nothing is no part of what they read.
        let joined = joined_breaks(&events, |(event, _)| event);
        let mut builder = Builder::default();
        for (index, (event, range)) in events.iter().enumerate() {
            if markless[index] != Some(Markless::Unseen) && joined.get(index) != Some(&true) {
                builder.event(index, event, range, body);
            }
        }
        builder.close_block(events.len());
        let mut reading = builder.reading;
        reading.closes_style = events.iter().map(|(e, _)| closes_style(e)).collect();
        reading.markless = markless.iter().map(Option::is_some).collect();
        link_ends(&events, &mut reading.segments);
        (reading.words, reading.ideographs) = count_words(&reading.text);
        reading
    }

    /// The segment holding reading-text byte `offset`, if any (none in block gaps).
    pub fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let index = self.segments.partition_point(|s| s.text().end <= offset);
        self.segments
            .get(index)
            .filter(|s| s.text().start <= offset)
    }

    /// Index of the block holding reading-text byte `offset`.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let index = self.blocks.partition_point(|b| b.text.end <= offset);
        self.blocks
            .get(index)
            .filter(|b| b.text.start <= offset)
            .map(|_| index)
    }

    /// Byte in the body where reading-text byte `offset` came from.
    pub fn source_offset(&self, offset: usize) -> usize {
        match self.segment_at(offset) {
            Some(s) if s.literal => s.source().start + (offset - s.text().start),
            Some(s) => s.source().start,
            None => {
                let index = self.segments.partition_point(|s| s.text().end <= offset);
                self.segments
                    .get(index)
                    .or(self.segments.last())
                    .map_or(0, |s| s.source().start)
            }
        }
    }
}

fn closes_style(event: &Event<'_>) -> bool {
    match event {
        Event::End(
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript,
        ) => true,
        // The same styling written as HTML (`<em>two long</em>`), and the inline
        // elements that, like a code span, set their words apart (`<code>`, `<kbd>`).
        Event::InlineHtml(html) => html_tag(html)
            .is_some_and(|tag| tag.closing && INLINE_STYLES.contains(&tag.name.as_str())),
        _ => false,
    }
}

/// Inline HTML elements a marker stands after when the quote ends with their text.
const INLINE_STYLES: [&str; 24] = [
    "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
];

/// One tag of inline HTML, as pulldown-cmark hands it over (a tag an event).
#[derive(Debug, PartialEq, Eq)]
pub struct HtmlTag {
    /// The element's name, lower case.
    pub name: String,
    /// True for an end tag (`</a>`).
    pub closing: bool,
}

/// The tag `html` is, when it is one start or end tag (not a comment, a declaration or
/// text).
pub fn html_tag(html: &str) -> Option<HtmlTag> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let end = inner
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(inner.len());
    let name = &inner[..end];
    let rest = &inner[end..];
    let well_ended = rest.is_empty()
        || rest.starts_with(|c: char| c.is_ascii_whitespace())
        || (!closing && rest == "/");
    (name.starts_with(|c: char| c.is_ascii_alphabetic()) && well_ended).then(|| HtmlTag {
        name: name.to_ascii_lowercase(),
        closing,
    })
}

/// Records, for every segment inside a link, where the outermost link closes.
fn link_ends(events: &[(Event<'_>, Range<usize>)], segments: &mut [Segment]) {
    // The links open, outermost first, each true when written as HTML.
    let mut open: Vec<bool> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    let mut segment = 0;
    for (index, (event, _)) in events.iter().enumerate() {
        while segment < segments.len() && segments[segment].event() < index {
            segment += 1;
        }
        // A link written as HTML (`<a href="...">the text</a>`) is a link too: a marker
        // inside it would put a link inside a link.
        let html_link = match event {
            Event::InlineHtml(html) => html_tag(html).filter(|tag| tag.name == "a"),
            _ => None,
        };
        let closed = match (event, html_link) {
            (Event::Start(Tag::Link { .. }), _) => {
                open.push(false);
                false
            }
            (_, Some(tag)) if !tag.closing => {
                open.push(true);
                false
            }
            (_, Some(_)) => open.last() == Some(&true) && open.pop().is_some(),
            (Event::End(TagEnd::Link), _) => open.pop().is_some(),
            // An HTML link left open ends with its block: its `</a>` in a later one
            // closes nothing a marker could stand in.
            (
                Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
                ),
                _,
            ) if open.contains(&true) => {
                let first_html = open.iter().position(|&html| html).unwrap_or(open.len());
                open.truncate(first_html);
                if open.is_empty() {
                    pending.clear();
                }
                false
            }
            _ => false,
        };
        if closed && open.is_empty() {
            for &s in &pending {
                segments[s].link_end = Some(narrow(index));
            }
            pending.clear();
        }
        if !open.is_empty() && segment < segments.len() && segments[segment].event() == index {
            pending.push(segment);
        }
    }
}

#[derive(Default)]
struct Builder {
    reading: ReadingText,
    /// The block being filled: its kind, where its text starts, its element's event.
    open: Option<(BlockKind, usize, Option<usize>)>,
    /// The list items open, innermost last: the event that opened each, and whether a
    /// block already took it as its element.
    items: Vec<(usize, bool)>,
    skip_depth: usize,
    /// The first block of the table being read, if one is.
    table: Option<usize>,
}

impl Builder {
    fn event(&mut self, index: usize, event: &Event<'_>, range: &Range<usize>, body: &str) {
        if self.skip_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. } | Tag::FootnoteDefinition(_)) => {
                    self.skip_depth += 1
                }
                Event::End(TagEnd::Image | TagEnd::FootnoteDefinition) => self.skip_depth -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Image { .. } | Tag::FootnoteDefinition(_)) => self.skip_depth = 1,
            Event::Start(Tag::Paragraph) => {
                self.open_block(BlockKind::Paragraph, index, Some(index));
            }
            Event::Start(Tag::Heading { .. }) => {
                self.open_block(BlockKind::Heading, index, Some(index));
            }
            Event::Start(Tag::TableCell) => {
                self.open_block(BlockKind::TableCell, index, Some(index));
            }
            Event::Start(Tag::CodeBlock(_)) => self.open_block(BlockKind::CodeBlock, index, None),
            Event::Start(Tag::Item) => {
                self.close_block(index);
                self.items.push((index, false));
            }
            Event::Start(Tag::Table(_)) => {
                self.close_block(index);
                self.table = Some(self.reading.blocks.len());
            }
            // What follows a table cell's block goes after the whole table: a note
            // opened in a cell would be as narrow as its column, or scrolled out of
            // sight with it.
            Event::End(TagEnd::Table) => {
                let first = self.table.take().unwrap_or(self.reading.blocks.len());
                for block in &mut self.reading.blocks[first..] {
                    if block.kind == BlockKind::TableCell {
                        block.after = index + 1;
                    }
                }
            }
            Event::Start(
                Tag::List(_) | Tag::BlockQuote(_) | Tag::HtmlBlock | Tag::DefinitionList,
            ) => self.close_block(index),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                self.close_block(index + 1)
            }
            Event::End(TagEnd::TableCell) => self.close_block(index),
            Event::End(TagEnd::Item) => {
                self.close_block(index);
                self.items.pop();
            }
            Event::Text(text) => self.text(index, text, range, body, false),
            Event::Code(code) => self.text(index, code, range, body, true),
            Event::FootnoteReference(_) => {
                self.reading.footnote_refs.push(self.reading.text.len());
            }
            Event::SoftBreak | Event::HardBreak => {
                self.push(index, "\n", range.clone(), false, false)
            }
            // A `<br>` written as HTML breaks the line as a hard break does: the words
            // on either side of it are apart (`partly<br>dismantled` in a table cell).
            Event::InlineHtml(html) if html_tag(html).is_some_and(|t| t.name == "br") => {
                self.push(index, "\n", range.clone(), false, false)
            }
            _ => {}
        }
    }

    fn open_block(&mut self, kind: BlockKind, index: usize, element: Option<usize>) {
        self.close_block(index);
        if !self.reading.text.is_empty() {
            self.reading.text.push_str("\n\n");
        }
        self.open = Some((kind, self.reading.text.len(), element));
    }

    fn close_block(&mut self, after: usize) {
        if let Some((kind, start, element)) = self.open.take() {
            let end = self.reading.text.len();
            if end > start {
                if kind == BlockKind::ListItem {
                    if let Some(item) = self.items.last_mut() {
                        item.1 = true;
                    }
                }
                self.reading.blocks.push(Block {
                    kind,
                    text: start..end,
                    after,
                    element,
                });
            } else if start >= 2 && self.reading.text.ends_with("\n\n") {
                self.reading.text.truncate(start - 2);
            }
        }
    }

    fn text(&mut self, index: usize, text: &str, range: &Range<usize>, body: &str, code: bool) {
        if self.open.is_none() {
            match self.items.last() {
                Some(&(item, taken)) => {
                    self.open_block(BlockKind::ListItem, index, (!taken).then_some(item));
                }
                None => self.open_block(BlockKind::Paragraph, index, None),
            }
        }
        let source = &body[range.clone()];
        if source == text {
            self.push(index, text, range.clone(), true, code);
        } else if let Some(at) = code.then(|| source.find(text)).flatten() {
            let start = range.start + at;
            self.push(index, text, start..start + text.len(), true, code);
        } else {
            self.push(index, text, range.clone(), false, code);
        }
    }

    fn push(&mut self, event: usize, text: &str, source: Range<usize>, literal: bool, code: bool) {
        if self.open.is_none() {
            return;
        }
        let start = self.reading.text.len();
        self.reading.text.push_str(text);
        let end = self.reading.text.len();
        self.reading.segments.push(Segment {
            text: narrow(start)..narrow(end),
            event: narrow(event),
            source: narrow(source.start)..narrow(source.end),
            link_end: None,
            literal,
            code,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_left_out_and_blocks_are_apart() {
        let reading =
            ReadingText::build("# Title here\n\nSome *emphasis* and [a link](https://x.org).\n");
        assert_eq!(reading.text, "Title here\n\nSome emphasis and a link.");
        assert_eq!(reading.blocks.len(), 2);
        assert_eq!(reading.blocks[0].kind, BlockKind::Heading);
        assert_eq!(reading.words, 7);
    }

    #[test]
    fn an_html_line_break_is_white_space_and_other_html_is_left_out() {
        let reading = ReadingText::build("First line<br>second <b>bold</b> line<BR />end.\n");
        assert_eq!(reading.text, "First line\nsecond bold line\nend.");
    }

    #[test]
    fn tags_of_inline_html_are_read_by_name() {
        let tag = |name: &str, closing| {
            Some(HtmlTag {
                name: name.to_owned(),
                closing,
            })
        };
        assert_eq!(html_tag("<br>"), tag("br", false));
        assert_eq!(html_tag("<BR/>"), tag("br", false));
        assert_eq!(html_tag("<a href=\"x\">"), tag("a", false));
        assert_eq!(html_tag("</Code>"), tag("code", true));
        assert_eq!(html_tag("<my-tag\tx>"), tag("my-tag", false));
        for other in ["<!-- a -->", "<brx", "<?php ?>", "</br/>", "<1a>", "<>"] {
            assert_eq!(html_tag(other), None, "{other}");
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "one",
            " two  words\n",
            "a\tb\x0bc\x0cd\re",
            "née\u{a0}là deux",
            "x\u{2003}y",
        ] {
            assert_eq!(
                count_words(text),
                (text.split_whitespace().count(), 0),
                "{text:?}"
            );
        }
    }

    #[test]
    fn each_chinese_or_japanese_character_is_a_word_and_reads_faster() {
        // "中国" is two words, "GDP" beside it one, "增长了" three more.
        assert_eq!(count_words("中国GDP 增长了"), (6, 5));
        assert_eq!(count_words("東京は"), (3, 3));
        assert_eq!(count_words("a東b"), (3, 1));
        // 230 words or 500 characters a minute, at least one minute.
        assert_eq!(reading_minutes(0, 0), 1);
        assert_eq!(reading_minutes(460, 0), 2);
        assert_eq!(reading_minutes(461, 0), 3);
        assert_eq!(reading_minutes(1500, 1500), 3);
        assert_eq!(reading_minutes(1730, 1500), 4);
    }

    #[test]
    fn smart_quotes_keep_their_own_source_range() {
        let body = "He said \"yes\" & left.";
        let reading = ReadingText::build(body);
        assert_eq!(reading.text, "He said “yes” & left.");
        let quote = reading
            .segments
            .iter()
            .find(|s| &reading.text[s.text()] == "“")
            .expect("quote");
        assert_eq!(&body[quote.source()], "\"");
        assert!(!quote.literal);
    }

    #[test]
    fn what_inline_scripts_styles_and_text_boxes_hold_is_not_reading_text() {
        let body = "Kim said hi. <script>window.kimFlag = 1;</script> <textarea>Copy Kim</textarea> and <b>left</b> <style>.k{}</style>bye.\n\nNext <template>x";
        let reading = ReadingText::build(body);
        assert_eq!(reading.text, "Kim said hi.   and left bye.\n\nNext ");
        // Shown only without scripts, or in a frame of its own.
        let reading = ReadingText::build(
            "One <noscript>Kim</noscript><iframe>Kim</iframe><noembed>Kim</noembed> two.",
        );
        assert_eq!(reading.text, "One  two.");
        // Markdown read inside a script is still the script's.
        let reading = ReadingText::build("Kim <script>x = a*b*c;</script> said.");
        assert_eq!(reading.text, "Kim  said.");
    }

    #[test]
    fn alt_text_footnotes_and_html_are_not_reading_text() {
        let body = "See ![a photo](p.jpg) here[^1] <b>now</b>.\n\n[^1]: Footnote text.\n";
        let reading = ReadingText::build(body);
        assert_eq!(reading.text, "See  here now.");
    }

    #[test]
    fn outside_texts_are_told_apart_and_html_keeps_only_what_is_shown() {
        let body = "![Cranes](q.png \"The quay, 1953\") and ![bare](b.png)\n\n<figure><figcaption>Docks &amp; cranes</figcaption></figure>\n<SCRIPT type=\"module\">let hidden = 1;</script>\n<style>.x { color: red }</style>\n\nText.[^1]\n\n[^1]: A footnote.\n";
        let found: Vec<(Outside, String)> = outside_texts(body)
            .into_iter()
            .map(|(kind, text)| (kind, text.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        assert_eq!(
            found,
            [
                (Outside::ImageDescription, "Cranes".to_owned()),
                (Outside::Caption, "The quay, 1953".to_owned()),
                (Outside::ImageDescription, "bare".to_owned()),
                (Outside::Html, "Docks & cranes".to_owned()),
                (Outside::Footnote, "A footnote.".to_owned()),
            ]
        );
    }

    #[test]
    fn tight_list_items_and_code_blocks_are_blocks() {
        let reading = ReadingText::build("- one\n- two\n\n```\ncode\n```\n");
        let kinds: Vec<BlockKind> = reading.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::CodeBlock
            ]
        );
        assert_eq!(reading.text, "one\n\ntwo\n\ncode\n");
    }

    #[test]
    fn inline_code_maps_inside_its_backticks() {
        let body = "Run `cargo build` now.";
        let reading = ReadingText::build(body);
        let code = reading.segments.iter().find(|s| s.code).expect("code");
        assert_eq!(&body[code.source()], "cargo build");
        assert!(code.literal);
    }

    #[test]
    fn segments_inside_links_know_where_the_link_ends() {
        let reading = ReadingText::build("A [linked *word*](u) b.");
        let inside: Vec<Option<usize>> = reading.segments.iter().map(Segment::link_end).collect();
        assert_eq!(inside, [None, Some(7), Some(7), None]);
    }
}
