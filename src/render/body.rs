//! Renders an article body to HTML with its notes' marks, markers and sidenotes.
//!
//! In: the Markdown body, its reading text and its anchored notes. Out: [`Body`]: the
//! HTML, the author's footnotes (numbered by first reference, rendered apart) and the
//! headings with their ids. The body is parsed with the same options as the reading text,
//! so event indices line up; we rewrite the event stream (split text at note boundaries,
//! add `<mark>` and marker HTML, swap code blocks for highlighted HTML, pull footnote
//! definitions out) and hand it to pulldown-cmark's HTML writer, which does the escaping.
//! Marks wrap each run of text on its own, so they never straddle a tag: the HTML stays
//! balanced whatever emphasis or links a quote crosses.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::highlight;
use crate::anchor::{AnchoredNote, EventPoint};
use crate::parse::reading_text::{self, ReadingText};

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

/// Ids the page uses for its own parts; headings never take them.
const RESERVED_IDS: [&str; 8] = [
    "notes",
    "notes-title",
    "footnotes",
    "footnotes-title",
    "main",
    "content",
    "top",
    "corrections",
];
const RESERVED_PREFIXES: [&str; 5] = ["note-", "noteref-", "fn-", "fnref-", "sidenote-"];

/// What happens at one point of the event stream, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    /// A note's words end.
    End(usize),
    /// A note's marker stands here.
    Marker(usize),
    /// A note's words start.
    Start(usize),
}

/// Renders `body`; `sidenotes[i]` is the HTML placed after the block of `notes[i]`.
pub fn render(
    body: &str,
    reading: &ReadingText,
    notes: &[AnchoredNote],
    sidenotes: &[String],
) -> Body {
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = reading_text::events(body).collect();
    let mut actions: BTreeMap<EventPoint, Vec<Action>> = BTreeMap::new();
    let mut after_block: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, note) in notes.iter().enumerate() {
        actions
            .entry(note.start)
            .or_default()
            .push(Action::Start(note.number));
        actions
            .entry(note.end)
            .or_default()
            .push(Action::End(note.number));
        actions
            .entry(note.marker)
            .or_default()
            .push(Action::Marker(note.number));
        if let Some(block) = reading.blocks.get(note.block) {
            after_block.entry(block.after).or_default().push(i);
        }
    }
    for list in actions.values_mut() {
        list.sort_unstable();
    }
    let headings = heading_ids(&events);
    let footnote_numbers = footnote_numbers(&events);
    let mut writer = Writer {
        out: Vec::with_capacity(events.len() + notes.len() * 8),
        active: BTreeSet::new(),
        footnote_refs: HashMap::new(),
        footnote_numbers: &footnote_numbers,
    };
    let mut definitions: HashMap<String, Vec<Event<'_>>> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Some(list) = after_block.get(&i) {
            for &n in list {
                writer.out.push(Event::Html(CowStr::from(
                    sidenotes.get(n).cloned().unwrap_or_default(),
                )));
            }
        }
        if let Some(list) = actions.get(&EventPoint {
            event: i,
            offset: 0,
        }) {
            writer.apply(list);
        }
        match &events[i].0 {
            Event::Text(text) => {
                let inner = actions.range(
                    EventPoint {
                        event: i,
                        offset: 1,
                    }..EventPoint {
                        event: i + 1,
                        offset: 0,
                    },
                );
                writer.text(text, inner, false);
            }
            Event::Code(code) => {
                let inner = actions.range(
                    EventPoint {
                        event: i,
                        offset: 1,
                    }..EventPoint {
                        event: i + 1,
                        offset: 0,
                    },
                );
                writer.text(code, inner, true);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                i += 1;
                while i < events.len() && !matches!(events[i].0, Event::End(TagEnd::CodeBlock)) {
                    if let Event::Text(text) = &events[i].0 {
                        code.push_str(text);
                    }
                    i += 1;
                }
                writer
                    .out
                    .push(Event::Html(CowStr::from(highlight::code_block(
                        &code, &info,
                    ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let mut content = Vec::new();
                let mut depth = 1;
                i += 1;
                while i < events.len() {
                    match &events[i].0 {
                        Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                        Event::End(TagEnd::FootnoteDefinition) => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    content.push(events[i].0.clone());
                    i += 1;
                }
                definitions.insert(label.to_string(), content);
            }
            Event::FootnoteReference(label) => writer.footnote_reference(label),
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let id = headings.get(&i).map(|h| CowStr::from(h.id.clone()));
                writer.out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id,
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            event => writer.out.push(event.clone()),
        }
        i += 1;
    }
    if let Some(list) = after_block.get(&events.len()) {
        for &n in list {
            writer.out.push(Event::Html(CowStr::from(
                sidenotes.get(n).cloned().unwrap_or_default(),
            )));
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, writer.out.into_iter());
    let footnotes = footnotes(definitions, &footnote_numbers, &writer.footnote_refs);
    let mut headings: Vec<(usize, Heading)> = headings.into_iter().collect();
    headings.sort_by_key(|(i, _)| *i);
    Body {
        html,
        footnotes,
        headings: headings.into_iter().map(|(_, h)| h).collect(),
    }
}

struct Writer<'a, 'n> {
    out: Vec<Event<'a>>,
    active: BTreeSet<usize>,
    footnote_refs: HashMap<String, Vec<String>>,
    footnote_numbers: &'n HashMap<String, usize>,
}

impl<'a> Writer<'a, '_> {
    fn apply(&mut self, actions: &[Action]) {
        for action in actions {
            match *action {
                Action::End(n) => {
                    self.active.remove(&n);
                }
                Action::Marker(n) => self.out.push(Event::InlineHtml(CowStr::from(marker(n)))),
                Action::Start(n) => {
                    self.active.insert(n);
                }
            }
        }
    }

    /// Emits `text` split at the inner points, each run in a `<mark>` while notes cover it.
    fn text<'p>(
        &mut self,
        text: &CowStr<'a>,
        inner: impl Iterator<Item = (&'p EventPoint, &'p Vec<Action>)>,
        code: bool,
    ) {
        let inner: Vec<(usize, &Vec<Action>)> = inner.map(|(p, a)| (p.offset, a)).collect();
        if inner.is_empty() && self.active.is_empty() {
            self.out.push(if code {
                Event::Code(text.clone())
            } else {
                Event::Text(text.clone())
            });
            return;
        }
        if code {
            self.out.push(Event::InlineHtml(CowStr::Borrowed("<code>")));
        }
        let mut from = 0;
        for (offset, actions) in inner {
            let offset = offset.min(text.len());
            self.run(&text[from..offset]);
            self.apply(actions);
            from = offset;
        }
        self.run(&text[from..]);
        if code {
            self.out
                .push(Event::InlineHtml(CowStr::Borrowed("</code>")));
        }
    }

    fn run(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if self.active.is_empty() {
            self.out.push(Event::Text(CowStr::from(piece.to_owned())));
            return;
        }
        let ids: Vec<String> = self.active.iter().map(usize::to_string).collect();
        let open = format!(
            "<mark class=\"gloss-mark\" data-notes=\"{}\">",
            ids.join(" ")
        );
        self.out.push(Event::InlineHtml(CowStr::from(open)));
        self.out.push(Event::Text(CowStr::from(piece.to_owned())));
        self.out
            .push(Event::InlineHtml(CowStr::Borrowed("</mark>")));
    }

    fn footnote_reference(&mut self, label: &str) {
        let Some(&number) = self.footnote_numbers.get(label) else {
            self.out
                .push(Event::Text(CowStr::from(format!("[^{label}]"))));
            return;
        };
        let refs = self.footnote_refs.entry(label.to_owned()).or_default();
        let id = if refs.is_empty() {
            format!("fnref-{number}")
        } else {
            format!("fnref-{number}-{}", refs.len() + 1)
        };
        refs.push(id.clone());
        let html = format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{number}\" id=\"{id}\" role=\"doc-noteref\"><span class=\"gloss-vh\">Footnote </span>{number}</a></sup>"
        );
        self.out.push(Event::InlineHtml(CowStr::from(html)));
    }
}

/// The marker of note `n`: a link to its endnote.
fn marker(n: usize) -> String {
    format!(
        "<sup class=\"gloss-ref\"><a role=\"doc-noteref\" class=\"gloss-marker\" id=\"noteref-{n}\" href=\"#note-{n}\" data-note=\"{n}\"><span class=\"gloss-vh\">Note </span>{n}</a></sup>"
    )
}

/// Footnote numbers by first reference, for labels that have a definition.
fn footnote_numbers(events: &[(Event<'_>, std::ops::Range<usize>)]) -> HashMap<String, usize> {
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
/// page's own ids.
fn heading_ids(events: &[(Event<'_>, std::ops::Range<usize>)]) -> HashMap<usize, Heading> {
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
    let mut headings = HashMap::new();
    let mut open: Option<(usize, u8, Option<String>, String)> = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
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
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, level, given, text)) = open.take() {
                    let base = given.unwrap_or_else(|| crate::slug::slugify(&text));
                    let base = if base.is_empty() {
                        "section".to_owned()
                    } else {
                        base
                    };
                    let base = if RESERVED_PREFIXES.iter().any(|p| base.starts_with(p)) {
                        format!("h-{base}")
                    } else {
                        base
                    };
                    let mut id = base.clone();
                    let mut n = 1;
                    while !used.insert(id.clone()) {
                        n += 1;
                        id = format!("{base}-{n}");
                    }
                    headings.insert(start, Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    headings
}
