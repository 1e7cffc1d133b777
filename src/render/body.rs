//! Renders an article body to HTML with its notes' marks, markers and sidenotes.
//!
//! In: the Markdown body, its reading text and its anchored notes. Out: [`Body`]: the
//! HTML, the author's footnotes (numbered by first reference, rendered apart) and the
//! headings with their ids. The body is parsed with the same options as the reading text,
//! so event indices line up; we rewrite the event stream (split text at note boundaries,
//! add `<mark>` and marker HTML, swap code blocks for highlighted HTML, pull footnote
//! definitions out) and hand it to pulldown-cmark's HTML writer, which does the escaping.
//! Marks never straddle a tag (see `body/writer.rs`): the HTML stays balanced whatever emphasis
//! or links a quote crosses.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::highlight;
use crate::anchor::{AnchoredNote, EventPoint};
use crate::cache::FastMap;
use crate::parse::reading_text::{self, ReadingText};
pub use writer::Words;
use writer::{Action, Writer};

mod writer;

/// One of the author's own footnotes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Footnote {
    /// Its number, by first reference.
    pub number: usize,
    /// Element id of its entry (`fn-2`).
    pub id: String,
    /// Rendered content.
    pub html: String,
    /// Ids of the references to it, for back-links.
    pub backrefs: Vec<String>,
}

/// A heading of the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Element id.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// The rendered body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The article's HTML.
    pub html: String,
    /// The author's footnotes, in number order.
    pub footnotes: Vec<Footnote>,
    /// Headings in order.
    pub headings: Vec<Heading>,
}

/// Ids the page uses for its own parts (see `templates/`); headings never take them.
const RESERVED_IDS: [&str; 12] = [
    "notes",
    "notes-title",
    "footnotes",
    "footnotes-title",
    "main",
    "content",
    "top",
    "corrections",
    "corrections-title",
    "related",
    "related-title",
    "mentions-title",
];
const RESERVED_PREFIXES: [&str; 5] = ["note-", "noteref-", "fn-", "fnref-", "sidenote-"];

/// Why a heading's written id (`{#id}`) cannot be its id on the page, if it cannot:
/// one of the page's own ids, or the start of one.
pub fn own_id(id: &str) -> Option<&'static str> {
    if RESERVED_IDS.contains(&id) {
        Some("is an id the page itself uses")
    } else if RESERVED_PREFIXES.iter().any(|p| id.starts_with(p)) {
        Some("starts like the ids of the page's notes and footnotes")
    } else if looks_like_paragraph_id(id) {
        Some("is the form of the page's paragraph ids")
    } else {
        None
    }
}

/// Warnings for what a body's headings do not show as written: braces that end a
/// heading and hold words (`## Sets {a, b}`), which Markdown reads as its attributes
/// and hides; and ids written after headings (`## Aftermath {#after}`) that the page
/// cannot give them, being one of the page's own or one an earlier heading of the same
/// body already has, so that links to the written id miss. Only bodies with a heading
/// that ends in a brace are parsed.
pub fn heading_warnings<'a>(
    bodies: impl Iterator<Item = (&'a crate::load::SourceFile, Range<usize>)>,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::Diagnostic;
    let mut warnings = Vec::new();
    for (file, body) in bodies {
        let text = &file.text[body.clone()];
        if !may_have_attributes(text) {
            continue;
        }
        let mut seen: FastMap<String, usize> = FastMap::default();
        for (event, range) in crate::parse::reading_text::events(text) {
            let Event::Start(Tag::Heading { id, attrs, .. }) = event else {
                continue;
            };
            let line = &text[range.clone()];
            let at = body.start + range.start;
            for (key, _) in attrs
                .iter()
                .filter(|(k, v)| v.is_some() && !kept_attribute(k))
            {
                let written = line.find(key.as_ref()).map_or(0, |i| i);
                warnings.push(
                    Diagnostic::warning(
                        &file.path,
                        format!("the heading's attribute `{key}` is left out: a heading keeps only its id, classes, lang, dir, title, and data- and aria- attributes"),
                    )
                    .at(&file.text, at + written..at + written + key.len())
                    .label("left out")
                    .hint("remove it; style headings by class in static/style.css"),
                );
            }
            if attrs.iter().any(|(_, value)| value.is_none()) {
                let line_end = line.trim_end().len();
                let braces = line[..line_end].rfind('{').unwrap_or(line_end);
                warnings.push(
                    Diagnostic::warning(
                        &file.path,
                        "the braces that end this heading are read as its attributes, and not shown",
                    )
                    .at(&file.text, at + braces..at + line_end)
                    .label("read as attributes")
                    .hint("to show them, write a backslash before the closing brace: `{a, b\\}`; to give the heading an id or a class, write `{#id}` or `{.class}`"),
                );
            }
            let Some(id) = id else {
                continue;
            };
            let span = line
                .find(&format!("#{id}"))
                .map_or(at..at + line.trim_end().len(), |i| {
                    at + i..at + i + id.len() + 1
                });
            let line_number = crate::diagnostic::line_column(&file.text, at).0;
            let problem = match (own_id(&id), seen.get(&*id)) {
                (Some(why), _) => format!("the heading's id `{id}` {why}, so the heading gets another and links to `#{id}` miss it"),
                (None, Some(first)) => format!("the heading on line {first} has the id `{id}` too, so this one gets another and links to `#{id}` reach the first"),
                (None, None) => {
                    seen.insert(id.to_string(), line_number);
                    continue;
                }
            };
            warnings.push(
                Diagnostic::warning(&file.path, problem)
                    .at(&file.text, span)
                    .label("this id")
                    .hint("give the heading an id of its own"),
            );
        }
    }
    warnings
}

/// Whether `text` may hold a heading with attributes: a line that starts like an ATX
/// heading (`#`, after up to three spaces) and ends with `}`, or a line ending with `}`
/// over a setext underline (`===`, `---`). Code whose lines end in braces is passed over
/// without parsing the body.
fn may_have_attributes(text: &str) -> bool {
    let mut previous_braced = false;
    for line in text.lines() {
        let body = line.trim_end();
        let lead = body.len() - body.trim_start_matches(' ').len();
        let content = &body[lead..];
        if previous_braced
            && !content.is_empty()
            && (content.bytes().all(|b| b == b'=') || content.bytes().all(|b| b == b'-'))
        {
            return true;
        }
        let braced = body.ends_with('}');
        if braced && lead <= 3 && content.starts_with('#') {
            return true;
        }
        previous_braced = braced;
    }
    false
}

/// Whether a heading keeps an attribute written after it (`{lang=fr}`): data, ARIA,
/// language, direction and title do; an event handler (`onclick=…`), a style or any
/// other is left out, and check warns of it.
pub fn kept_attribute(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("data-")
        || key.starts_with("aria-")
        || matches!(key.as_str(), "lang" | "dir" | "title" | "translate")
}

/// Whether a heading id could be, or with a `-2` added become, a paragraph's `p-N`.
fn looks_like_paragraph_id(id: &str) -> bool {
    id == "p"
        || id
            .strip_prefix("p-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Where a body's links and images lead, as written in its Markdown (see
/// [`super::targets`]).
pub struct Urls<'a> {
    /// Where a link's or image's URL goes, when it goes anywhere else.
    pub retarget: &'a dyn Fn(&str) -> Option<String>,
    /// An image's width and height, when its file gives them.
    pub image_size: &'a dyn Fn(&str) -> Option<(u32, u32)>,
}

impl Urls<'_> {
    /// Every URL as written, no image's size.
    pub const AS_WRITTEN: Urls<'static> = Urls {
        retarget: &|_| None,
        image_size: &|_| None,
    };
}

/// Renders `body`; `sidenotes[i]` is the HTML placed after the block of `notes[i]`, and
/// a link or image goes where `urls` sends it.
pub fn render(
    body: &str,
    reading: &ReadingText,
    notes: &[AnchoredNote],
    sidenotes: &[String],
    urls: &Urls<'_>,
    words: &Words,
) -> Body {
    let retarget = urls.retarget;
    // Every image, in a figure or not: where `urls` sends it, its size, and loaded late
    // after the first.
    let images = std::cell::Cell::new(0usize);
    // Whether the next image loads late: every one but the first, Markdown or HTML.
    let later = || {
        let n = images.get();
        images.set(n + 1);
        n > 0
    };
    let img = |dest_url: &str, alt: &str, title: &str| {
        let src = retarget(dest_url);
        image(
            src.as_deref().unwrap_or(dest_url),
            alt,
            title,
            (urls.image_size)(dest_url),
            later(),
        )
    };
    let events: Vec<(Event<'_>, Range<usize>)> = reading_text::events(body).collect();
    // Line breaks a reader sees as nothing, as the reading text leaves them out.
    let joined = reading_text::joined_breaks(&events, |(event, _)| event);
    let (actions, after_block) = plan(reading, notes);
    let headings = heading_ids(&events, &joined);
    let paragraphs = paragraph_elements(reading);
    let footnote_numbers = footnote_numbers(&events);
    let mut writer = Writer::new(&footnote_numbers, events.len() + notes.len() * 8, words);
    let sidenote =
        |n: usize| Event::Html(CowStr::from(sidenotes.get(n).cloned().unwrap_or_default()));
    let mut definitions: HashMap<String, Vec<Event<'_>>> = HashMap::new();
    let mut tables = 0;
    let mut cells = Cells::default();
    let mut i = 0;
    while i < events.len() {
        cells.see(&events[i].0);
        writer.markless(reading.markless.get(i) == Some(&true));
        // The marks and markers standing before this event come first: a marker ends
        // its quote's block, and the sidenotes go after the block.
        if let Some(list) = actions.get(&EventPoint {
            event: i,
            offset: 0,
        }) {
            writer.apply(list);
        }
        for &n in after_block.get(&i).into_iter().flatten() {
            writer.push(sidenote(n));
        }
        let inner = || {
            actions.range(
                EventPoint {
                    event: i,
                    offset: 1,
                }..EventPoint {
                    event: i + 1,
                    offset: 0,
                },
            )
        };
        match &events[i].0 {
            Event::Text(text) => writer.text(text, inner(), false),
            Event::Code(code) => writer.text(code, inner(), true),
            Event::SoftBreak if joined.get(i) == Some(&true) => {}
            Event::SoftBreak if writer.marking() => writer.marked(Event::SoftBreak),
            // A task's box is named for what it shows: unnamed, a screen reader has
            // nothing to say for it.
            Event::TaskListMarker(done) => writer.push(Event::Html(CowStr::from(if *done {
                format!(
                    "<input type=\"checkbox\" disabled checked aria-label=\"{}\"> ",
                    words.done
                )
            } else {
                format!(
                    "<input type=\"checkbox\" disabled aria-label=\"{}\"> ",
                    words.not_done
                )
            }))),
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // Alt text is an attribute: it passes through untouched, never marked.
                let end = skip_to_end(&events, i);
                let alt = alt_text(events[i + 1..].iter().map(|(event, _)| event.clone()));
                writer.push(Event::Html(CowStr::from(img(dest_url, &alt, title))));
                i = end;
            }
            // An `<img>` written as HTML gets its size and late loading as a Markdown
            // image does (from its `src` as written, before it is retargeted).
            Event::Html(html) | Event::InlineHtml(html)
                if html
                    .as_bytes()
                    .windows(4)
                    .any(|w| w.eq_ignore_ascii_case(b"<img")) =>
            {
                let completed =
                    super::raw_html::complete_images(html, urls.image_size, &mut || later());
                let event = match (completed, &events[i].0) {
                    (Some(text), Event::Html(_)) => Event::Html(CowStr::from(text)),
                    (Some(text), _) => Event::InlineHtml(CowStr::from(text)),
                    (None, event) => event.clone(),
                };
                writer.push(retargeted(&event, retarget));
            }
            Event::Start(Tag::Link { .. }) | Event::Html(_) | Event::InlineHtml(_) => {
                writer.push(retargeted(&events[i].0, retarget));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let end = skip_to_end(&events, i);
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|(event, _)| match event {
                        Event::Text(text) => Some(text.as_ref()),
                        _ => None,
                    })
                    .collect();
                writer.push(Event::Html(CowStr::from(highlight::code_block(
                    &code, &info,
                ))));
                i = end;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let end = skip_to_end(&events, i);
                let mut content = events[i + 1..end]
                    .iter()
                    .enumerate()
                    .filter(|&(at, _)| joined.get(i + 1 + at) != Some(&true))
                    .map(|(_, (event, _))| match event {
                        Event::FootnoteReference(label) => writer.footnote_reference(label),
                        // Its links and pictures lead where the text's do.
                        event => void_element(retargeted(event, retarget)),
                    })
                    .collect::<Vec<_>>();
                // What the footnote leaves open is closed at its end, before the next
                // footnote and the page's footer.
                let closer =
                    super::left_open::scan(super::left_open::pieces(&events[i + 1..end])).closer;
                if !closer.is_empty() {
                    content.push(Event::Html(CowStr::from(closer)));
                }
                definitions.insert(label.to_string(), content);
                i = end;
            }
            Event::FootnoteReference(label) => {
                let event = writer.footnote_reference(label);
                writer.push(event);
            }
            // A picture alone in its paragraph, with a title, is a figure whose caption
            // is the title (a photo's caption and credit, shown, not only hovered).
            Event::Start(Tag::Paragraph) if captioned(&events, i).is_some() => {
                let (dest_url, caption, end) = captioned(&events, i).expect("checked");
                let alt = alt_text(events[i + 2..].iter().map(|(event, _)| event.clone()));
                let mut html = String::from("<figure>\n");
                html.push_str(&img(dest_url, &alt, ""));
                html.push_str("\n<figcaption>");
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, caption);
                html.push_str("</figcaption>\n</figure>\n");
                writer.push(Event::Html(CowStr::from(html)));
                i = end;
            }
            Event::Start(Tag::Paragraph) if paragraphs.contains_key(&i) => {
                writer.open_element(&format!("<p id=\"{}\">", paragraphs[&i]));
            }
            Event::Start(Tag::Item) if paragraphs.contains_key(&i) => {
                writer.open_element(&format!("<li id=\"{}\">", paragraphs[&i]));
            }
            Event::Start(Tag::TableCell) if paragraphs.contains_key(&i) => {
                writer.push(Event::InlineHtml(CowStr::from(cells.open(&paragraphs[&i]))));
            }
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                // A marker inside a heading would join the heading's accessible name
                // ("Reading the curve Note 13"): the heading's markers stand after it,
                // together with it in a wrapper that sets them on its last line.
                if has_marker(&actions, i, skip_to_end(&events, i)) {
                    writer.push(Event::Html(CowStr::Borrowed(
                        "<div class=\"gloss-heading\">\n",
                    )));
                    writer.hold_markers();
                }
                let id = headings.get(&i).map(|h| CowStr::from(h.id.clone()));
                // `{#id .class key=value}`; a word without a value is no attribute
                // (`## Sets {a, b}`, which check warns of).
                let attrs = attrs
                    .iter()
                    .filter(|(k, v)| v.is_some() && kept_attribute(k))
                    .cloned()
                    .collect();
                writer.push(Event::Start(Tag::Heading {
                    level: *level,
                    id,
                    classes: classes.clone(),
                    attrs,
                }));
                // The heading's paragraph id, which search links to: its own id is the
                // table of contents', and words of it could be found there first.
                if let Some(number) = paragraphs.get(&i) {
                    writer.push(Event::InlineHtml(CowStr::from(format!(
                        "<span id=\"{number}\"></span>"
                    ))));
                }
            }
            // A table wider than the screen scrolls in a box of its own, which the
            // keyboard can reach, instead of widening the page; each box is a region
            // with a name of its own.
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                writer.push(Event::Html(CowStr::from(format!(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">\n",
                    words.table(tables)
                ))));
                writer.push(events[i].0.clone());
            }
            Event::End(TagEnd::Heading(_)) if writer.holding() => {
                writer.push(events[i].0.clone());
                writer.release();
                writer.push(Event::Html(CowStr::Borrowed("\n</div>\n")));
            }
            Event::End(TagEnd::Table) => {
                writer.push(events[i].0.clone());
                writer.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            event => writer.push(void_element(event.clone())),
        }
        i += 1;
    }
    for &n in after_block.get(&events.len()).into_iter().flatten() {
        writer.push(sidenote(n));
    }
    let (out, footnote_refs) = writer.finish();
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // A comment or <script> the text leaves open is closed after it, so the page's notes
    // and footer are not taken in (check warns of it). Footnotes are closed on their own.
    html.push_str(&super::left_open::scan(super::left_open::text_pieces(&events)).closer);
    let footnotes = footnotes(definitions, &footnote_numbers, &footnote_refs);
    let mut headings: Vec<(usize, Heading)> = headings.into_iter().collect();
    headings.sort_by_key(|(i, _)| *i);
    Body {
        html,
        footnotes,
        headings: headings.into_iter().map(|(_, h)| h).collect(),
    }
}

/// What happens where: the actions at each point of the event stream, and the notes
/// whose sidenotes go before each event (right after their block).
fn plan(
    reading: &ReadingText,
    notes: &[AnchoredNote],
) -> (
    BTreeMap<EventPoint, Vec<Action>>,
    FastMap<usize, Vec<usize>>,
) {
    let mut actions: BTreeMap<EventPoint, Vec<Action>> = BTreeMap::new();
    let mut after_block: FastMap<usize, Vec<usize>> = FastMap::default();
    for (i, note) in notes.iter().enumerate() {
        let n = note.number;
        actions
            .entry(note.start)
            .or_default()
            .push(Action::Start(n));
        actions.entry(note.end).or_default().push(Action::End(n));
        actions
            .entry(note.marker)
            .or_default()
            .push(Action::Marker(n));
        if let Some(block) = reading.blocks.get(note.block) {
            after_block.entry(block.after).or_default().push(i);
        }
    }
    for list in actions.values_mut() {
        list.sort_unstable();
    }
    (actions, after_block)
}

/// Whether a marker stands inside the element from event `start` to event `end`.
fn has_marker(actions: &BTreeMap<EventPoint, Vec<Action>>, start: usize, end: usize) -> bool {
    let inside = EventPoint {
        event: start + 1,
        offset: 0,
    }..=EventPoint {
        event: end,
        offset: 0,
    };
    actions
        .range(inside)
        .any(|(_, list)| list.iter().any(|a| matches!(a, Action::Marker(_))))
}

/// Where the events being written stand in a table: enough to write a cell's start tag
/// with its paragraph id as pulldown-cmark's HTML writer would write it without one.
#[derive(Default)]
struct Cells {
    alignments: Vec<Alignment>,
    head: bool,
    column: usize,
}

impl Cells {
    /// Follows the table through `event`, the next one written.
    fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Table(alignments)) => self.alignments.clone_from(alignments),
            Event::Start(Tag::TableHead) => {
                self.head = true;
                self.column = 0;
            }
            Event::End(TagEnd::TableHead) => self.head = false,
            Event::Start(Tag::TableRow) => self.column = 0,
            Event::End(TagEnd::TableCell) => self.column += 1,
            _ => {}
        }
    }

    /// The start tag of the cell that opens now, with the id `id`.
    fn open(&self, id: &str) -> String {
        let tag = if self.head { "th" } else { "td" };
        let align = match self.alignments.get(self.column) {
            Some(Alignment::Left) => " style=\"text-align: left\"",
            Some(Alignment::Center) => " style=\"text-align: center\"",
            Some(Alignment::Right) => " style=\"text-align: right\"",
            _ => "",
        };
        format!("<{tag} id=\"{id}\"{align}>")
    }
}

/// The paragraph id of each element that carries one, by the index of the event that
/// opens it: blocks are numbered from 1 in reading-text order, as search numbers them.
fn paragraph_elements(reading: &ReadingText) -> FastMap<usize, String> {
    reading
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, block)| Some((block.element?, crate::search::paragraph_id(i + 1))))
        .collect()
}

/// A link or image event with its URL sent where `retarget` sends it.
fn retargeted<'a>(event: &Event<'a>, retarget: &dyn Fn(&str) -> Option<String>) -> Event<'a> {
    retarget_event(event.clone(), retarget)
}

/// An image's description: the text of `events`, the ones that follow its start, up
/// to its end (the events after it are left unread).
pub(crate) fn alt_text<'e>(events: impl IntoIterator<Item = Event<'e>>) -> String {
    let mut alt = String::new();
    let mut depth = 1usize;
    for event in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(text) | Event::Code(text) => alt.push_str(&text),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// When the paragraph opened at `start` holds one image with a title and nothing else:
/// the image's URL, its title and the index of the paragraph's end.
fn captioned<'e>(
    events: &'e [(Event<'_>, Range<usize>)],
    start: usize,
) -> Option<(&'e str, &'e str, usize)> {
    let Some((
        Event::Start(Tag::Image {
            dest_url, title, ..
        }),
        _,
    )) = events.get(start + 1)
    else {
        return None;
    };
    if title.trim().is_empty() {
        return None;
    }
    let image_end = skip_to_end(events, start + 1);
    let end = image_end + 1;
    matches!(events.get(end), Some((Event::End(TagEnd::Paragraph), _))).then_some((
        dest_url.as_ref(),
        title.as_ref(),
        end,
    ))
}

/// An `<img>` as pulldown-cmark writes it, with the width and height of its file when
/// known (the page keeps its place while it loads), and, for all but an article's
/// first image, loaded only as the reader nears it.
pub(crate) fn image(
    src: &str,
    alt: &str,
    title: &str,
    size: Option<(u32, u32)>,
    lazy: bool,
) -> String {
    let mut html = String::with_capacity(src.len() + alt.len() + 96);
    html.push_str("<img src=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut html, src);
    html.push_str("\" alt=\"");
    let _ = pulldown_cmark_escape::escape_html(&mut html, alt);
    html.push('"');
    if !title.is_empty() {
        html.push_str(" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut html, title);
        html.push('"');
    }
    if let Some((width, height)) = size {
        use std::fmt::Write as _;
        let _ = write!(html, " width=\"{width}\" height=\"{height}\"");
    }
    if lazy {
        html.push_str(" loading=\"lazy\"");
    }
    html.push_str(" decoding=\"async\">");
    html
}

/// A thematic break or a hard line break as HTML writes them (`<hr>`, `<br>`):
/// pulldown-cmark writes XHTML's `<hr />`, whose slash the HTML checker reports as
/// having no effect. Any other event as it is.
pub(super) fn void_element(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Rule => Event::Html(CowStr::Borrowed("<hr>\n")),
        Event::HardBreak => Event::InlineHtml(CowStr::Borrowed("<br>\n")),
        event => event,
    }
}

/// `event`, when it starts a link or an image, with its URL sent where `retarget` sends
/// it; raw HTML with the URLs of its tags' attributes sent there too
/// ([`super::raw_html`]); any other event as it is.
pub(super) fn retarget_event<'a>(
    mut event: Event<'a>,
    retarget: &dyn Fn(&str) -> Option<String>,
) -> Event<'a> {
    match &mut event {
        // A link that would run a script rather than lead somewhere leads nowhere: check
        // warns of it.
        Event::Start(Tag::Link { dest_url, .. }) if !super::is_safe_link(dest_url) => {
            *dest_url = CowStr::Borrowed("#");
        }
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            if let Some(url) = retarget(dest_url) {
                *dest_url = CowStr::from(url);
            }
        }
        // A web address without a host in raw HTML leads nowhere too: check warns of it.
        Event::Html(html) | Event::InlineHtml(html) => {
            let retarget = |url: &str| match crate::parse::sidecar::host_problem(url) {
                Some(_) => Some("#".to_owned()),
                None => retarget(url),
            };
            if let Some(rewritten) = super::raw_html::retarget(html, &retarget) {
                *html = CowStr::from(rewritten);
            }
        }
        _ => {}
    }
    event
}

/// Index of the event that closes the element opened at `start` (or the last event).
fn skip_to_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// Footnote numbers by first reference, for labels that have a definition.
fn footnote_numbers(events: &[(Event<'_>, Range<usize>)]) -> HashMap<String, usize> {
    let defined: HashSet<&str> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::FootnoteDefinition(label)) => Some(label.as_ref()),
            _ => None,
        })
        .collect();
    let mut numbers = HashMap::new();
    for (event, _) in events {
        if let Event::FootnoteReference(label) = event {
            if defined.contains(label.as_ref()) && !numbers.contains_key(label.as_ref()) {
                let next = numbers.len() + 1;
                numbers.insert(label.to_string(), next);
            }
        }
    }
    numbers
}

fn footnotes(
    definitions: HashMap<String, Vec<Event<'_>>>,
    numbers: &HashMap<String, usize>,
    refs: &HashMap<String, Vec<String>>,
) -> Vec<Footnote> {
    let mut list: Vec<Footnote> = definitions
        .into_iter()
        .filter_map(|(label, events)| {
            let number = *numbers.get(&label)?;
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, events.into_iter());
            Some(Footnote {
                number,
                id: format!("fn-{number}"),
                html,
                backrefs: refs.get(&label).cloned().unwrap_or_default(),
            })
        })
        .collect();
    list.sort_by_key(|f| f.number);
    list
}

/// Ids for every heading: its text as a slug, unique on the page and never one of the
/// page's own ids. A line break `joined` marks reads as nothing.
fn heading_ids(events: &[(Event<'_>, Range<usize>)], joined: &[bool]) -> FastMap<usize, Heading> {
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
    let wanted: HashSet<&str> = events
        .iter()
        .filter_map(|(event, _)| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(&**id),
            _ => None,
        })
        .collect();
    let mut headings = FastMap::default();
    // The next number to try for each base id: ten thousand `## Notes` count on from
    // where the last stopped, instead of from 2 each time.
    let mut next: FastMap<String, usize> = FastMap::default();
    let mut open: Option<(usize, u8, Option<String>, String)> = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            // Between two Chinese or Japanese characters.
            Event::SoftBreak if joined.get(i) == Some(&true) => {}
            Event::Start(Tag::Heading { level, id, .. }) => {
                open = Some((
                    i,
                    *level as u8,
                    id.as_ref().map(ToString::to_string),
                    String::new(),
                ));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, _, buffer)) = open.as_mut() {
                    buffer.push_str(text);
                }
            }
            // A heading written on two lines, or broken by `<br>`, reads with a space.
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, _, buffer)) = open.as_mut() {
                    buffer.push(' ');
                }
            }
            Event::InlineHtml(html)
                if crate::parse::reading_text::html_tag(html).is_some_and(|t| t.name == "br") =>
            {
                if let Some((_, _, _, buffer)) = open.as_mut() {
                    buffer.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, given, text)) = open.take() {
                    let text =
                        if text.contains("  ") || text.starts_with(' ') || text.ends_with(' ') {
                            text.split_whitespace().collect::<Vec<_>>().join(" ")
                        } else {
                            text
                        };
                    let written = given.is_some();
                    let base = given.unwrap_or_else(|| crate::slug::slugify(&text));
                    let base = if base.is_empty() {
                        "section".to_owned()
                    } else {
                        base
                    };
                    let base = if RESERVED_PREFIXES.iter().any(|p| base.starts_with(p))
                        || looks_like_paragraph_id(&base)
                    {
                        format!("h-{base}")
                    } else {
                        base
                    };
                    // An id made from a heading's words gives way to one written
                    // further down, which links elsewhere use.
                    let taken = |id: &str| (!written && wanted.contains(id)) || used.contains(id);
                    let mut id = base.clone();
                    if taken(&id) {
                        let mut n = next.get(&base).copied().unwrap_or(2);
                        id = format!("{base}-{n}");
                        while taken(&id) {
                            n += 1;
                            id = format!("{base}-{n}");
                        }
                        next.insert(base, n + 1);
                    }
                    used.insert(id.clone());
                    headings.insert(start, Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    headings
}

#[cfg(test)]
mod tests {
    use super::writer::marker;
    use super::*;
    use crate::anchor::locate::{locate_all, Haystack};
    use crate::parse::sidecar::NoteSpec;

    /// Renders `body` with one note on each quote (each found once), and sidenotes `[N]`.
    fn render_with(body: &str, quotes: &[&str]) -> String {
        let reading = ReadingText::build(body);
        let specs: Vec<NoteSpec> = quotes
            .iter()
            .enumerate()
            .map(|(index, quote)| NoteSpec::on(index, *quote))
            .collect();
        let found = locate_all(&Haystack::new(&reading), &specs);
        let mut notes: Vec<AnchoredNote> = specs
            .into_iter()
            .zip(found)
            .map(|(spec, range)| crate::anchor::place(&reading, spec, range.expect("found"), 1))
            .collect();
        crate::anchor::number(&mut notes);
        let sidenotes: Vec<String> = (1..=notes.len()).map(|n| format!("[{n}]")).collect();
        let html = render(
            body,
            &reading,
            &notes,
            &sidenotes,
            &Urls::AS_WRITTEN,
            &Words::default(),
        )
        .html;
        let words = Words::default();
        (1..=notes.len()).fold(html, |html, n| {
            html.replace(&marker(n, &words), &format!("^{n}"))
        })
    }

    #[test]
    fn a_tight_item_s_sidenote_follows_its_marker_and_a_cell_s_follows_the_table() {
        let html = render_with(
            "- sanctions relief\n  - nested\n\n| a | b |\n| - | - |\n| dismantled | x |\n\nAfter.\n",
            &["relief", "dismantled"],
        );
        assert!(html.contains(">relief</mark>^1[1]\n<ul>"), "{html}");
        // A note opened in place in a cell would be as narrow as its column.
        assert!(html.contains(">dismantled</mark>^2</td>"), "{html}");
        assert!(html.contains("</table>\n</div>\n[2]\n<p id="), "{html}");
    }

    #[test]
    fn only_bodies_with_a_heading_ending_in_a_brace_are_parsed_for_heading_warnings() {
        assert!(may_have_attributes("Text.\n\n## Aftermath {#after}\n"));
        assert!(may_have_attributes("   # Sets {a, b}   \n"));
        assert!(may_have_attributes("Totals {x}\n===\n"));
        assert!(!may_have_attributes("```rust\nfn main() {\n}\n```\n"));
        assert!(!may_have_attributes("    # indented {code}\n## Plain\n"));
    }

    #[test]
    fn a_marker_stands_after_a_code_span_only_when_the_quote_ends_with_it() {
        let inside = render_with("Run `rm -rf tmp` now.\n", &["Run rm"]);
        assert!(
            inside.contains(
                "<code><mark class=\"gloss-mark\" data-notes=\"1\">rm</mark>^1 -rf tmp</code>"
            ),
            "{inside}"
        );
        let whole = render_with("Run `rm -rf tmp` now.\n", &["rm -rf tmp"]);
        assert!(
            whole.contains("<code>rm -rf tmp</code></mark>^1 now"),
            "{whole}"
        );
    }

    #[test]
    fn a_marker_never_stands_inside_a_link_or_styling_written_as_html() {
        let link = render_with(
            "See <a href=\"https://e.org\">the text here</a> now.\n",
            &["the text"],
        );
        assert!(link.contains(">the text</mark> here</a>^1 now."), "{link}");
        let styled = render_with(
            "The <em>two long</em> days; run <code>make all</code> <kbd>now</kbd>.\n",
            &["two long", "make all", "now"],
        );
        assert!(styled.contains(">two long</mark></em>^1 days"), "{styled}");
        assert!(
            styled.contains(">make all</mark></code>^2 <kbd>"),
            "{styled}"
        );
        assert!(styled.contains(">now</mark></kbd>^3."), "{styled}");
        // Inside, when the quote does not end with the element.
        let inside = render_with("The <em>two long</em> days.\n", &["two"]);
        assert!(
            inside
                .contains("<em><mark class=\"gloss-mark\" data-notes=\"1\">two</mark>^1 long</em>"),
            "{inside}"
        );
    }

    #[test]
    fn a_quote_across_a_script_a_style_sheet_or_a_text_box_is_marked_around_it() {
        let html = render_with(
            "Kim <script>var x = 1;</script> offered peace.\n",
            &["Kim offered"],
        );
        assert_eq!(
            html,
            "<p id=\"p-1\"><mark class=\"gloss-mark\" data-notes=\"1\">Kim </mark>\
             <script>var x = 1;</script><mark class=\"gloss-mark\" data-notes=\"1\"> \
             offered</mark>^1 peace.</p>\n[1]"
        );
        for element in [
            "style", "textarea", "title", "template", "noscript", "iframe", "xmp",
        ] {
            let html = render_with(
                &format!("Kim <{element}>a\nb</{element}> offered peace.\n"),
                &["Kim offered"],
            );
            assert!(
                html.contains(&format!("</mark><{element}>a\nb</{element}><mark ")),
                "{html}"
            );
        }
    }

    #[test]
    fn words_of_an_svg_image_or_a_list_to_pick_from_are_never_marked() {
        let svg = "Kim <svg viewBox=\"0 0 10 10\"><text x=\"0\" y=\"9\">S</text></svg> offered.\n";
        let html = render_with(svg, &["Kim S offered"]);
        assert!(
            html.contains(
                "Kim </mark><svg viewBox=\"0 0 10 10\"><text x=\"0\" y=\"9\">S</text></svg>\
                 <mark class=\"gloss-mark\" data-notes=\"1\"> offered</mark>^1."
            ),
            "{html}"
        );
        // A marker whose quote ends inside one stands after it.
        let html = render_with(svg, &["Kim S"]);
        assert!(html.contains(">S</text></svg>^1 offered."), "{html}");
        let html = render_with(
            "Pick <select><option>one</option><option>two</option></select> and \
             <math><mi>x</mi></math> now.\n",
            &["Pick one", "two and x"],
        );
        assert!(
            html.contains(
                "Pick </mark><select><option>one</option><option>two</option></select>^1\
                 <mark class=\"gloss-mark\" data-notes=\"2\"> and </mark><math><mi>x</mi></math>^2 now."
            ),
            "{html}"
        );
        // Also inside a link, and right before such an element.
        let html = render_with(
            "See [the <svg><text>map</text></svg>](m.svg) and Kim<script>x</script> now.\n",
            &["the map", "Kim"],
        );
        assert!(html.contains("</svg></a>^1 and"), "{html}");
        assert!(
            html.contains(">Kim</mark>^2<script>x</script> now."),
            "{html}"
        );
    }

    #[test]
    fn a_heading_keeps_safe_attributes_and_no_event_handler() {
        let html = render_with(
            "## Head {#y onclick=alert(1) .c lang=fr style=x data-k=v}\n\nText.\n",
            &[],
        );
        assert!(html.contains("<h2 id=\"y\" class=\"c\""), "{html}");
        assert!(
            html.contains("lang=\"fr\"") && html.contains("data-k=\"v\""),
            "{html}"
        );
        assert!(
            !html.contains("onclick") && !html.contains("style="),
            "{html}"
        );
        let file = crate::load::SourceFile {
            path: "content/a.md".into(),
            rel: "a.md".into(),
            text: std::sync::Arc::from("## Head {#y onclick=alert(1)}\n"),
        };
        let warnings = heading_warnings(std::iter::once((&file, 0..file.text.len())));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0]
            .message
            .contains("attribute `onclick` is left out"));
    }

    #[test]
    fn an_html_line_break_parts_the_words_on_either_side() {
        let html = render_with(
            "| a |\n| - |\n| partly<br>dismantled |\n\nFirst line<br/>second line.\n",
            &["partly dismantled", "line second"],
        );
        assert!(
            html.contains(">partly</mark><br><mark class=\"gloss-mark\" data-notes=\"1\">dismantled</mark>^1</td>"),
            "{html}"
        );
        assert!(html.contains(">line</mark><br/><mark class=\"gloss-mark\" data-notes=\"2\">second</mark>^2 line."), "{html}");
    }

    #[test]
    fn a_headings_markers_stand_after_it_so_its_name_is_its_words() {
        let html = render_with(
            "## Reading the curve

Text.
",
            &["Reading", "curve"],
        );
        assert_eq!(
            html,
            "<div class=\"gloss-heading\">\n<h2 id=\"reading-the-curve\"><span id=\"p-1\"></span>\
             <mark class=\"gloss-mark\" data-notes=\"1\">Reading</mark> the \
             <mark class=\"gloss-mark\" data-notes=\"2\">curve</mark></h2>\n^1^2\n</div>\n\
             [1][2]\n<p id=\"p-2\">Text.</p>\n"
        );
    }

    #[test]
    fn one_mark_covers_smart_quotes_line_breaks_and_code_spans() {
        let html = render_with(
            "He said \"no\nmore\" and `ran`.",
            &["said \"no more\" and ran"],
        );
        assert_eq!(
            html,
            "<p id=\"p-1\">He <mark class=\"gloss-mark\" data-notes=\"1\">said “no\nmore” and <code>ran</code></mark>^1.</p>\n[1]"
        );
    }

    #[test]
    fn image_alt_text_is_never_marked() {
        let html = render_with("Look ![at the](p.png) photo.", &["Look photo"]);
        assert!(
            html.contains("<img src=\"p.png\" alt=\"at the\" decoding=\"async\">"),
            "{html}"
        );
    }

    #[test]
    fn a_lone_picture_with_a_title_is_a_figure_with_its_caption() {
        let body = "![The *quay*](quay.jpg \"The quay in 1953 <Photo: A. Smit>\")\n\nText ![inline](i.png \"Not a caption\") here.\n\n![Untitled](u.png)\n";
        let html = plain(body).html;
        assert!(
            html.contains("<figure>\n<img src=\"quay.jpg\" alt=\"The quay\" decoding=\"async\">\n<figcaption>The quay in 1953 &lt;Photo: A. Smit&gt;</figcaption>\n</figure>\n"),
            "{html}"
        );
        assert!(html.contains("title=\"Not a caption\""), "{html}");
        assert!(
            html.contains(
                "<p><img src=\"u.png\" alt=\"Untitled\" loading=\"lazy\" decoding=\"async\"></p>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("<figure>").count(), 1, "{html}");
    }

    #[test]
    fn images_carry_their_size_and_all_but_the_first_load_late() {
        let body = "![A *red* `box`](a.png \"Its \\\"title\\\"\") in words.\n\n![Far & away](b%20c.png) ![Remote](https://x.org/d.png)\n";
        let urls = Urls {
            retarget: &|url| (url == "a.png").then(|| "../../2020/a.png".to_owned()),
            image_size: &|url| (url != "https://x.org/d.png").then_some((640, 480)),
        };
        let html = render(
            body,
            &ReadingText::build(body),
            &[],
            &[],
            &urls,
            &Words::default(),
        )
        .html;
        assert!(
            html.contains("<img src=\"../../2020/a.png\" alt=\"A red box\" title=\"Its &quot;title&quot;\" width=\"640\" height=\"480\" decoding=\"async\">"),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"b%20c.png\" alt=\"Far &amp; away\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\">"),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"https://x.org/d.png\" alt=\"Remote\" loading=\"lazy\" decoding=\"async\">"),
            "{html}"
        );
    }

    #[test]
    fn footnote_references_inside_footnotes_use_our_ids() {
        let body = "A[^a] b.\n\n[^a]: See[^b].\n\n[^b]: Source.\n";
        let rendered = plain(body);
        assert_eq!(rendered.footnotes.len(), 2);
        assert!(
            rendered.footnotes[0]
                .html
                .contains("href=\"#fn-2\" id=\"fnref-2\""),
            "{:?}",
            rendered.footnotes
        );
    }

    #[test]
    fn paragraphs_headings_tight_items_and_cells_carry_their_block_number() {
        let body = "# Title\n\nFirst *para*.\n\n- one\n- two\n\n| a | c |\n| - | -: |\n| b | |\n\n> Quoted.\n";
        let html = plain(body).html;
        assert_eq!(
            html,
            "<h1 id=\"title\"><span id=\"p-1\"></span>Title</h1>\n<p id=\"p-2\">First <em>para</em>.</p>\n<ul>\n\
             <li id=\"p-3\">one</li>\n<li id=\"p-4\">two</li>\n</ul>\n<div class=\"table-scroll\" \
             role=\"region\" aria-label=\"Table 1\" tabindex=\"0\">\n<table><thead><tr><th id=\"p-5\">a</th>\
             <th id=\"p-6\" style=\"text-align: right\">c</th></tr></thead><tbody>\n<tr><td id=\"p-7\">b</td>\
             <td style=\"text-align: right\"></td></tr>\n</tbody></table>\n</div>\n<blockquote>\n\
             <p id=\"p-8\">Quoted.</p>\n</blockquote>\n"
        );
    }

    #[test]
    fn a_loose_item_gives_the_id_to_its_paragraph() {
        let body = "- one\n\n  two\n\n- three\n";
        let html = plain(body).html;
        assert_eq!(
            html,
            "<ul>\n<li>\n<p id=\"p-1\">one</p>\n<p id=\"p-2\">two</p>\n</li>\n<li>\n\
             <p id=\"p-3\">three</p>\n</li>\n</ul>\n"
        );
    }

    #[test]
    fn headings_never_take_a_paragraph_id() {
        let body = "# P 3\n\n# P\n\n# P\n\n# P-value\n";
        let ids = heading_ids(body);
        assert_eq!(ids, ["h-p-3", "h-p", "h-p-2", "p-value"]);
    }

    #[test]
    fn headings_never_take_the_page_ids() {
        let body = "# Notes\n\n# Related title\n\n# Note 1\n\n# Notes\n";
        let ids = heading_ids(body);
        assert_eq!(ids, ["notes-2", "related-title-2", "h-note-1", "notes-3"]);
    }

    #[test]
    fn a_heading_keeps_the_id_its_attributes_give() {
        let body = "# Aftermath {#after}\n\n## Later {#after .wide}\n\n# Notes {#notes}\n\n## Sets {a, b}\n";
        assert_eq!(heading_ids(body), ["after", "after-2", "notes-2", "sets"]);
        let html = plain(body).html;
        assert!(
            html.contains("<h1 id=\"after\"><span id=\"p-1\"></span>Aftermath</h1>"),
            "{html}"
        );
        assert!(
            html.contains("<h2 id=\"after-2\" class=\"wide\"><span id=\"p-2\"></span>Later</h2>"),
            "{html}"
        );
        let reading = ReadingText::build(body);
        assert!(!reading.text.contains('{'), "{}", reading.text);
        // Words read as attributes are not written as attributes (check warns of them).
        assert!(
            html.contains("<h2 id=\"sets\"><span id=\"p-4\"></span>Sets</h2>"),
            "{html}"
        );
    }

    #[test]
    fn void_elements_are_written_as_html_writes_them() {
        let html = plain("A line,\\\nthe next.\n\n---\n\n![A](a.png)\n").html;
        assert!(html.contains("A line,<br>\nthe next."), "{html}");
        assert!(html.contains("<hr>\n"), "{html}");
        assert!(!html.contains("/>"), "{html}");
    }

    /// `body` rendered without notes, in English.
    fn plain(body: &str) -> Body {
        render(
            body,
            &ReadingText::build(body),
            &[],
            &[],
            &Urls::AS_WRITTEN,
            &Words::default(),
        )
    }

    /// The ids the headings of `body` get.
    fn heading_ids(body: &str) -> Vec<String> {
        plain(body).headings.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn a_heading_broken_over_lines_reads_with_a_space() {
        let body = "Alpha\nbeta gamma\n===\n\n## One<br>Two\n\nHard\\\nbreak\n---\n\n## A <br> B\n";
        let headings = plain(body).headings;
        let texts: Vec<&str> = headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["Alpha beta gamma", "One Two", "Hard break", "A B"]);
        assert_eq!(
            heading_ids(body),
            ["alpha-beta-gamma", "one-two", "hard-break", "a-b"]
        );
    }

    #[test]
    fn a_heading_broken_between_chinese_characters_reads_as_one_word() {
        let body = "北京是中国\n的首都\n===\n\nSeoul\n首都\n---\n";
        let headings = plain(body).headings;
        let texts: Vec<&str> = headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["北京是中国的首都", "Seoul 首都"]);
    }
}
