//! Cleans the raw text of a scraped news article into a title and a Markdown body.
//!
//! In: the plain text a scraper saved: UTF-8, perhaps with a byte-order mark and CRLF line
//! endings; a title line, perhaps the title again and a photo credit, then paragraphs.
//! Out: [`Cleaned`]: the title, the body as Markdown paragraphs, the photo credits, the
//! authors named in a closing bio, a [`Removal`] for every piece taken out so that an
//! editor can review it, a [`Doubt`] for every piece kept that looks like residue, and a
//! [`Change`] for every line whose characters were written otherwise.
//! A Markdown file with front matter or an HTML page is no scraped text, and is refused.
//!
//! What leaves the body: link hover-card residue glued into sentences, cut from every line
//! first (see `hover_card`); the title again right under the title, with only blank lines
//! or credits between; photo-credit lines anywhere (see `credit`); a byline among the
//! first lines (`By Maria Okafor`, its names kept as authors); whole lines of the page
//! around the story (see `furniture`: `Advertisement`, share buttons, `3 min read`, a
//! copyright line, `Related: …`); and extra blank lines.
//! Everything else passes through as written, trailing white space aside: curly quotes
//! stay curly, leading white space stays (up to three spaces). The raw text is plain text,
//! so what Markdown would read as markup is escaped with a backslash and the page shows
//! it as written: a line starting like a heading, a quote, a rule or a code fence, and
//! anything that would open an HTML tag (see `literal`); white space that would start a
//! code block is dropped. A closing author bio (see `bio`) is read for names but stays in
//! the body.
//!
//! Paragraphs: when blank lines separate the body's lines, each run of lines between blank
//! lines is one paragraph and keeps its line breaks; when no blank line does, the scraper
//! wrote one paragraph a line and each line becomes a paragraph. Paragraphs whose lines
//! are a list's items (`- `, `• `, `* `, `1. `) become a Markdown list (see `list`).
//!
//! Not here: fetching pages, writing files, front matter, dates, or any typography.

mod bio;
mod credit;
mod furniture;
mod hover_card;
mod list;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;

use credit::is_photo_credit;

/// What the cleaner made of one raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The headline: the first non-empty line, trimmed, hover cards cut.
    pub title: String,
    /// Markdown body: paragraphs separated by one blank line, ends with "\n".
    pub body: String,
    /// Photo credits lifted out of the body, e.g. "© Getty Images".
    pub credits: Vec<String>,
    /// Author names found in a closing bio ("X is a former ..."), in order.
    pub bio_authors: Vec<String>,
    /// Author names of a byline under the title ("By Maria Okafor"), in order.
    pub byline_authors: Vec<String>,
    /// Everything removed, for the editor to review, in raw-text order.
    pub removed: Vec<Removal>,
    /// Everything kept that looks like residue, for the editor to check, in raw-text order.
    pub doubts: Vec<Doubt>,
    /// Everything kept but written otherwise (a list's marks), in raw-text order; what
    /// [`prepare_noting`] changed is added by whoever prepared the text.
    pub changes: Vec<Change>,
}

/// Characters on one line that were written otherwise, for the editor to review: nothing
/// is changed without a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// 1-based line in the raw text (old Mac line ends counted as line breaks).
    pub line: usize,
    /// What changed.
    pub kind: ChangeKind,
    /// How many times on that line.
    pub count: usize,
}

/// What was written otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Control characters taken out: a NUL, a form feed, a terminal colour (`ESC[31m`).
    ControlCharacters,
    /// HTML character references read (`&amp;` as `&`).
    CharacterReferences,
    /// A list item's mark written as Markdown's (`•` as `-`, `1)` as `1.`).
    ListMarker,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (one, many) = match self.kind {
            ChangeKind::ControlCharacters => (
                "control character taken out",
                "control characters taken out",
            ),
            ChangeKind::CharacterReferences => (
                "HTML character reference read",
                "HTML character references read",
            ),
            ChangeKind::ListMarker => (
                "list mark written as Markdown's",
                "list marks written as Markdown's",
            ),
        };
        let what = if self.count == 1 { one } else { many };
        write!(f, "{} {what}", self.count)
    }
}

/// A raw text made plain ([`prepare_noting`]), with what changed on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The text, plain.
    pub text: String,
    /// Each line's changes, in line order.
    pub changes: Vec<Change>,
}

/// One piece of the raw text that did not make it into the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// 1-based line in the raw text.
    pub line: usize,
    /// Why it was removed.
    pub kind: RemovalKind,
    /// What was removed: the trimmed line, the hover card cut out of a line (from the
    /// repeated name to `MORE`), or "" for an extra blank line (one removal per line).
    pub text: String,
}

/// One piece of the raw text that looks like residue but is not shaped like it, so it
/// stayed in the body: a name glued to itself with a `MORE` after it, but no card between
/// (`Shares of TomTom rose … want MORE before`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    /// 1-based line in the raw text.
    pub line: usize,
    /// What it looks like.
    pub kind: RemovalKind,
    /// The passage kept, from the repeated name to `MORE`.
    pub text: String,
}

/// Why a piece of the raw text was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovalKind {
    /// The title again, right under the title.
    RepeatedTitle,
    /// A photo-credit line; its text is also in [`Cleaned::credits`].
    PhotoCredit,
    /// A link hover card glued into a sentence: a repeated name, headlines, `MORE`.
    HoverCard,
    /// A blank line beyond the one that separates two paragraphs.
    BlankLines,
    /// A line of the page around the story: an advertisement's label, share buttons, a
    /// newsletter's sign-up, a reading time, a copyright line, a link to another story
    /// (`Related: …`).
    PageFurniture,
    /// A byline (`By Maria Okafor`); its names are in [`Cleaned::byline_authors`].
    Byline,
}

impl fmt::Display for RemovalKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::RepeatedTitle => "repeated title",
            Self::PhotoCredit => "photo credit",
            Self::HoverCard => "link hover card",
            Self::BlankLines => "extra blank line",
            Self::PageFurniture => "page furniture",
            Self::Byline => "byline",
        })
    }
}

/// Why a raw text could not be cleaned into an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportError {
    /// The text holds nothing but white space.
    Empty,
    /// The first non-empty line is a photo credit, so there is no title to take.
    NoTitle,
    /// After the title, repeated title and credits, no paragraph is left.
    NoBody,
    /// The text opens with front matter between `---` or `+++` lines: it is a Markdown
    /// article already.
    FrontMatter,
    /// The text opens with `<!DOCTYPE` or `<html`: it is a web page's HTML, not its text.
    Html,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "the text is empty",
            Self::NoTitle => "the first line is a photo credit, not a title",
            Self::NoBody => "the text has a title but no paragraphs after it",
            Self::FrontMatter => {
                "the file is a Markdown article with front matter, not scraped text"
            }
            Self::Html => "the file is an HTML page, not the scraped text of one",
        })
    }
}

impl std::error::Error for ImportError {}

/// Scraped text made plain before it is cleaned: old Mac line ends (`\r` alone) made line
/// breaks, HTML character references (`&amp;`, `&#8217;`, `&mdash;`) read, and control
/// characters (terminal colours, NULs) taken out; tabs and line breaks stay.
pub fn prepare(raw: &str) -> String {
    prepare_noting(raw).text
}

/// [`prepare`], noting on which line control characters were taken out and references
/// read, and how many (an escape sequence counts as one character).
pub fn prepare_noting(raw: &str) -> Prepared {
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let (decoded, references) = decode_counting(line);
        let mut controls = 0;
        let mut chars = decoded.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                // An escape sequence: `ESC [ ... letter`.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for next in chars.by_ref() {
                        if next.is_ascii_alphabetic() {
                            break;
                        }
                    }
                }
                controls += 1;
                continue;
            }
            if c.is_control() && c != '\n' && c != '\t' {
                controls += 1;
                continue;
            }
            out.push(c);
        }
        for (kind, count) in [
            (ChangeKind::ControlCharacters, controls),
            (ChangeKind::CharacterReferences, references),
        ] {
            if count > 0 {
                changes.push(Change {
                    line: index + 1,
                    kind,
                    count,
                });
            }
        }
    }
    Prepared { text: out, changes }
}

/// `text` with its HTML character references read: every named one of HTML (`&eacute;`,
/// `&pound;`, `&frac12;`, `&NotEqualTilde;`, as [`htmlize::ENTITIES`] lists them) and
/// every numeric one (`&#8217;`, `&#x2014;`), each closed by `;`. Anything else after `&`
/// is kept as written: `AT&T`, `&unknown;`, and `&copy` without its `;`, which HTML would
/// read but a text could mean as written.
pub(crate) fn decode_references(text: &str) -> String {
    decode_counting(text).0
}

/// [`decode_references`], with how many references were read.
fn decode_counting(text: &str) -> (String, usize) {
    if !text.contains('&') {
        return (text.to_owned(), 0);
    }
    let mut read = 0;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .char_indices()
            .take(htmlize::ENTITY_MAX_LENGTH)
            .take_while(|&(_, c)| c == ';' || c == '#' || c.is_ascii_alphanumeric())
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        match end.and_then(|end| reference(&rest[at..at + end + 2]).map(|v| (v, end + 1))) {
            Some((value, used)) => {
                out.push_str(&value);
                rest = &after[used..];
                read += 1;
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, read)
}

/// What `reference` (`&amp;`, `&#38;`, from `&` to `;`) stands for, if it is one.
fn reference(reference: &str) -> Option<String> {
    let name = reference.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse().ok(),
        };
        return code
            .and_then(char::from_u32)
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .map(String::from);
    }
    let value = htmlize::ENTITIES.get(reference.as_bytes())?;
    std::str::from_utf8(value).ok().map(str::to_owned)
}

/// Cleans one raw scraped text: see the module documentation for what changes.
///
/// # Errors
///
/// [`ImportError`] when the text is empty, starts with a photo credit, or has no body.
pub fn clean(raw: &str) -> Result<Cleaned, ImportError> {
    refuse_other_formats(raw)?;
    let (lines, mut removed, mut doubts) = read_lines(raw);
    let title_at = lines
        .iter()
        .position(|line| !line.is_blank())
        .ok_or(ImportError::Empty)?;
    let title = lines[title_at].text.trim();
    if is_photo_credit(title) {
        return Err(ImportError::NoTitle);
    }
    let sift = sift(title, &lines[title_at + 1..]);
    removed.extend(sift.removed);
    removed.extend(extra_blank_lines(&sift.lines));
    let (paragraphs, changes) = paragraphs(&sift.lines);
    let last = paragraphs.last().ok_or(ImportError::NoBody)?;
    let bio_authors = bio::authors(last);
    let byline_authors = sift.byline;
    removed.sort_by_key(|removal| removal.line);
    // A doubt on a line that left the body is no doubt about the article.
    let kept: std::collections::HashSet<usize> = sift
        .lines
        .iter()
        .filter_map(|s| match s {
            Sifted::Text(line) => Some(line.number),
            Sifted::Blank(_) | Sifted::Lifted => None,
        })
        .chain([lines[title_at].number])
        .collect();
    doubts.retain(|doubt| kept.contains(&doubt.line));
    Ok(Cleaned {
        title: title.to_owned(),
        body: paragraphs.join("\n\n") + "\n",
        credits: sift.credits,
        bio_authors,
        byline_authors,
        removed,
        doubts,
        changes,
    })
}

/// Refuses a text that is a Markdown article with front matter (its first line `---` or
/// `+++`, closed by the same line further down) or an HTML page (opening with `<!DOCTYPE`
/// or `<html`): cleaned as scraped text, either would make an article of markup.
fn refuse_other_formats(raw: &str) -> Result<(), ImportError> {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut lines = text
        .lines()
        .map(str::trim_end)
        .skip_while(|l| l.trim().is_empty());
    let Some(first) = lines.next() else {
        return Ok(());
    };
    let first = first.trim_start();
    if (first == "---" || first == "+++") && lines.any(|line| line == first) {
        return Err(ImportError::FrontMatter);
    }
    let opening = first
        .get(..first.len().min(14))
        .unwrap_or(first)
        .to_ascii_lowercase();
    let html = opening.starts_with("<!doctype html")
        || opening
            .strip_prefix("<html")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['>', ' ', '\t']));
    if html {
        return Err(ImportError::Html);
    }
    Ok(())
}

/// One line of the raw text, without its line ending, trailing white space or hover cards.
#[derive(Debug, Clone)]
struct Line<'a> {
    /// 1-based line number in the raw text.
    number: usize,
    text: Cow<'a, str>,
}

impl Line<'_> {
    /// Whether the line holds nothing but white space.
    fn is_blank(&self) -> bool {
        self.text.trim_start().is_empty()
    }

    /// A report that `text` on this line was removed as `kind`.
    fn removal(&self, kind: RemovalKind, text: &str) -> Removal {
        Removal {
            line: self.number,
            kind,
            text: text.to_owned(),
        }
    }
}

/// Splits `raw` into lines, dropping a byte-order mark, `\r\n` or `\n`, trailing spaces
/// and hover cards; each card cut out is reported, and each passage kept that looks like
/// one is a doubt.
fn read_lines(raw: &str) -> (Vec<Line<'_>>, Vec<Removal>, Vec<Doubt>) {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut removed = Vec::new();
    let mut doubts = Vec::new();
    let lines = text
        .lines()
        .enumerate()
        .map(|(index, text)| {
            let stripped = hover_card::strip(text.trim_end());
            let line = Line {
                number: index + 1,
                text: stripped.text,
            };
            removed.extend(
                stripped
                    .cards
                    .iter()
                    .map(|card| line.removal(RemovalKind::HoverCard, card)),
            );
            doubts.extend(stripped.doubts.into_iter().map(|text| Doubt {
                line: line.number,
                kind: RemovalKind::HoverCard,
                text,
            }));
            line
        })
        .collect();
    (lines, removed, doubts)
}

/// A line after the title, sorted into what the body keeps.
#[derive(Debug, Clone, Copy)]
enum Sifted<'l, 'a> {
    Blank(&'l Line<'a>),
    Text(&'l Line<'a>),
    /// A repeated title, a photo credit, a byline or page furniture.
    Lifted,
}

/// The lines after the title, sifted, with what was lifted out of them.
struct Sift<'l, 'a> {
    lines: Vec<Sifted<'l, 'a>>,
    credits: Vec<String>,
    removed: Vec<Removal>,
    /// The names of a byline, if one stood under the title.
    byline: Vec<String>,
}

/// Lifts photo credits out of `lines`, and the title again while only blank lines, credits
/// and repeated titles have come before it.
fn sift<'l, 'a>(title: &str, lines: &'l [Line<'a>]) -> Sift<'l, 'a> {
    let mut sift = Sift {
        lines: Vec::with_capacity(lines.len()),
        credits: Vec::new(),
        removed: Vec::new(),
        byline: Vec::new(),
    };
    let mut at_top = true;
    // Lines of text kept so far: a byline stands among the first few.
    let mut kept = 0;
    let one_per_line = !has_blank_between(lines);
    for (index, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        let byline = (kept < 3 && sift.byline.is_empty())
            .then(|| bio::byline(text))
            .flatten();
        let sifted = if text.is_empty() {
            Sifted::Blank(line)
        } else if let Some(names) = byline {
            sift.byline = names;
            sift.removed.push(line.removal(RemovalKind::Byline, text));
            Sifted::Lifted
        } else if furniture::furniture(text).is_some_and(|reach| {
            reach == furniture::Reach::AnyLine || stands_alone(lines, index, one_per_line)
        }) {
            sift.removed
                .push(line.removal(RemovalKind::PageFurniture, text));
            Sifted::Lifted
        } else if at_top && same_words(text, title) {
            sift.removed
                .push(line.removal(RemovalKind::RepeatedTitle, text));
            Sifted::Lifted
        } else if is_photo_credit(text) {
            sift.credits.push(text.to_owned());
            sift.removed
                .push(line.removal(RemovalKind::PhotoCredit, text));
            Sifted::Lifted
        } else {
            at_top = false;
            kept += 1;
            Sifted::Text(line)
        };
        sift.lines.push(sifted);
    }
    sift
}

/// Whether some blank line has text both before and after it in `lines`: the scraper
/// separated paragraphs by blank lines, rather than writing one paragraph a line.
fn has_blank_between(lines: &[Line<'_>]) -> bool {
    let first = lines.iter().position(|l| !l.is_blank());
    let last = lines.iter().rposition(|l| !l.is_blank());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..last].iter().any(Line::is_blank),
        _ => false,
    }
}

/// Whether `lines[index]` is a paragraph of its own: one paragraph a line, or nothing but
/// blank lines, furniture or the text's edge on either side of it.
fn stands_alone(lines: &[Line<'_>], index: usize, one_per_line: bool) -> bool {
    let apart = |line: Option<&Line<'_>>| {
        line.is_none_or(|l| l.is_blank() || furniture::furniture(l.text.trim()).is_some())
    };
    one_per_line
        || (apart(index.checked_sub(1).and_then(|i| lines.get(i))) && apart(lines.get(index + 1)))
}

/// Whether two texts have the same words, whatever white space separates them.
fn same_words(a: &str, b: &str) -> bool {
    // A repeat may differ in quotes and case (`Mayor’s plan`, `MAYOR'S PLAN`).
    let fold = |text: &str| -> String {
        text.chars()
            .map(|c| match c {
                '‘' | '’' | '′' => '\'',
                '“' | '”' | '″' => '"',
                '–' | '—' => '-',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    };
    fold(a).split_whitespace().eq(fold(b).split_whitespace())
}

/// The part of `sifted` from its first to its last kept line.
fn inner<'s, 'l, 'a>(sifted: &'s [Sifted<'l, 'a>]) -> &'s [Sifted<'l, 'a>] {
    let is_text = |s: &Sifted<'_, '_>| matches!(s, Sifted::Text(_));
    match (
        sifted.iter().position(is_text),
        sifted.iter().rposition(is_text),
    ) {
        (Some(first), Some(last)) => &sifted[first..=last],
        _ => &[],
    }
}

/// The body's blocks: paragraphs, each its kept lines joined by line breaks, and lists;
/// with a change for each line whose list mark was written otherwise.
fn paragraphs(sifted: &[Sifted<'_, '_>]) -> (Vec<String>, Vec<Change>) {
    let inner = inner(sifted);
    let blank_separated = inner.iter().any(|s| matches!(s, Sifted::Blank(_)));
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for sifted in inner {
        match sifted {
            Sifted::Text(line) if blank_separated => current.push(&line.text),
            Sifted::Text(line) => paragraphs.push(vec![&line.text]),
            Sifted::Blank(_) if !current.is_empty() => {
                paragraphs.push(std::mem::take(&mut current));
            }
            Sifted::Blank(_) | Sifted::Lifted => {}
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let (blocks, remarked) = list::blocks(&paragraphs);
    // A rewritten line is known by where its text lies.
    let changes = inner
        .iter()
        .filter_map(|s| match s {
            Sifted::Text(line) => Some(line),
            Sifted::Blank(_) | Sifted::Lifted => None,
        })
        .filter(|line| remarked.iter().any(|r| std::ptr::eq(*r, &*line.text)))
        .map(|line| Change {
            line: line.number,
            kind: ChangeKind::ListMarker,
            count: 1,
        })
        .collect();
    (blocks, changes)
}

/// `paragraph` (lines through [`literal`]) as it is when Markdown reads it as the text
/// it was written as; otherwise with every character that can start inline markup
/// escaped too (`5*3 and 2*4`, `__init__`, `` `x` ``, `[1](2)`, `&amp;`). Most
/// paragraphs read as written, and keep the Markdown an editor would have typed.
fn as_written(paragraph: String) -> String {
    if reads_as_written(&paragraph) {
        return paragraph;
    }
    let mut out = String::with_capacity(paragraph.len() + 8);
    let mut escaped = false;
    for c in paragraph.chars() {
        if !escaped && matches!(c, '*' | '_' | '`' | '~' | '[' | ']' | '&' | '!' | '|') {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

/// Whether `paragraph` renders as one paragraph of plain text: the same words, no
/// markup, no entity, no escape undone.
fn reads_as_written(paragraph: &str) -> bool {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut text = String::with_capacity(paragraph.len());
    // Typography (curly quotes, dashes) is the site's, not markup; the rest as gloss
    // reads every body.
    let options = crate::parse::reading_text::markdown_options()
        .difference(pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION);
    for event in pulldown_cmark::Parser::new_ext(paragraph, options) {
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak => text.push('\n'),
            _ => return false,
        }
    }
    // What the escapes of `literal` stand for is in the text, without them.
    let mut unescaped = String::with_capacity(paragraph.len());
    let mut chars = paragraph.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        unescaped.push(c);
    }
    same_words(&text, &unescaped)
}

/// One line of plain text as Markdown that renders it as written: a backslash before
/// what would start a block (`#`, `>`, a list marker, a rule or setext underline, a code
/// fence, `1984.`; every mark of a rule), before `<` opening a tag and before a
/// backslash that would escape; leading white space of four columns or more (a code
/// block) dropped. Inline markup is [`as_written`]'s, which sees the whole paragraph.
pub(crate) fn literal(line: &str) -> Cow<'_, str> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    let indent = if indent.contains('\t') || indent.len() > 3 {
        ""
    } else {
        indent
    };
    let bytes = body.as_bytes();
    let ends_word = |at: usize| bytes.get(at).is_none_or(|b| b.is_ascii_whitespace());
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let rule = !body.is_empty()
        && body
            .bytes()
            .all(|b| matches!(b, b'-' | b'*' | b'_' | b'=' | b' ' | b'\t'));
    // Where a backslash goes to keep the line from starting a block, if anywhere.
    let block_at = match bytes.first() {
        _ if rule => Some(0),
        Some(b'#' | b'>') => Some(0),
        Some(b'-' | b'*' | b'+') if ends_word(1) => Some(0),
        Some(b'`' | b'~') if body.starts_with("```") || body.starts_with("~~~") => Some(0),
        Some(_)
            if (1..=9).contains(&digits)
                && matches!(bytes.get(digits), Some(b'.' | b')'))
                && ends_word(digits + 1) =>
        {
            Some(digits)
        }
        _ => None,
    };
    let inline = |i: usize| match bytes[i] {
        b'<' => bytes
            .get(i + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')),
        b'\\' => bytes.get(i + 1).is_none_or(u8::is_ascii_punctuation),
        _ => false,
    };
    if block_at.is_none()
        && indent.len() == line.len() - body.len()
        && !(0..bytes.len()).any(inline)
    {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 4);
    out.push_str(indent);
    for (i, c) in body.char_indices() {
        // Each mark of a rule, so that `---` does not turn into a dash either.
        let ruled = rule && !matches!(c, ' ' | '\t');
        if ruled || block_at == Some(i) || (c.is_ascii() && inline(i)) {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Every blank line between paragraphs after the first of its run.
fn extra_blank_lines(sifted: &[Sifted<'_, '_>]) -> Vec<Removal> {
    let mut removed = Vec::new();
    let mut previous_blank = false;
    for sifted in inner(sifted) {
        let blank = match sifted {
            Sifted::Blank(line) => {
                if previous_blank {
                    removed.push(line.removal(RemovalKind::BlankLines, ""));
                }
                true
            }
            Sifted::Text(_) | Sifted::Lifted => false,
        };
        previous_blank = blank;
    }
    removed
}
