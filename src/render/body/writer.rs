//! Writes an article body's text with its notes' marks and markers.
//!
//! In: the body's events, one at a time, and the note actions (words start, words end,
//! marker) at points of the event stream. Out: the rewritten events. A `<mark>` stays
//! open over consecutive text while the set of notes covering it stays the same and is
//! closed before any tag, so marks never straddle an element boundary; the author's
//! footnote references become our own numbered links.

use std::collections::{BTreeSet, HashMap};

use pulldown_cmark::{CowStr, Event};

use crate::anchor::EventPoint;

/// What happens at one point of the event stream, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Action {
    /// A note's words end.
    End(usize),
    /// A note's marker stands here.
    Marker(usize),
    /// A note's words start.
    Start(usize),
}

/// The few words a body's own markup says, from the site's labels, HTML-escaped: what a
/// screen reader hears before a marker's number, and the names of task boxes and tables.
#[derive(Debug, Clone)]
pub struct Words {
    note: (String, String),
    footnote: (String, String),
    /// `aria-label` of a ticked task box.
    pub done: String,
    /// `aria-label` of an open task box.
    pub not_done: String,
    table: (String, String),
}

impl Words {
    /// The words of `labels`.
    pub fn new(labels: &crate::labels::Labels) -> Self {
        let around = |key: &str| {
            let text = crate::render::escape_text(labels.get(key));
            match text.split_once("{n}") {
                Some((before, after)) => (before.to_owned(), after.to_owned()),
                None => (format!("{text} "), String::new()),
            }
        };
        Self {
            note: around("note_marker"),
            footnote: around("footnote_marker"),
            done: crate::render::escape_text(labels.get("done")),
            not_done: crate::render::escape_text(labels.get("not_done")),
            table: around("table_number"),
        }
    }

    /// The name of table `n` of a body.
    pub fn table(&self, n: usize) -> String {
        format!("{}{n}{}", self.table.0, self.table.1)
    }
}

impl Default for Words {
    fn default() -> Self {
        Self::new(&crate::labels::Labels::default())
    }
}

/// The rewritten event stream being built.
pub(super) struct Writer<'a, 'n> {
    out: Vec<Event<'a>>,
    /// Numbers of the notes whose words are being written.
    active: BTreeSet<usize>,
    /// The notes of the `<mark>` that is open, if one is.
    open: Option<BTreeSet<usize>>,
    footnote_refs: HashMap<String, Vec<String>>,
    footnote_numbers: &'n HashMap<String, usize>,
    /// Markers held back while a heading is written, to stand after it.
    held: Option<Vec<usize>>,
    /// True while the events written stand inside inline HTML that can hold no mark.
    markless: bool,
    words: &'n Words,
}

impl<'a, 'n> Writer<'a, 'n> {
    /// A writer for a body of about `capacity` events, numbering footnotes as given.
    pub(super) fn new(
        footnote_numbers: &'n HashMap<String, usize>,
        capacity: usize,
        words: &'n Words,
    ) -> Self {
        Self {
            out: Vec::with_capacity(capacity),
            active: BTreeSet::new(),
            open: None,
            footnote_refs: HashMap::new(),
            footnote_numbers,
            held: None,
            markless: false,
            words,
        }
    }

    /// From now on markers are held back instead of written, until [`Self::release`].
    pub(super) fn hold_markers(&mut self) {
        self.held = Some(Vec::new());
    }

    /// True while markers are held back.
    pub(super) fn holding(&self) -> bool {
        self.held.is_some()
    }

    /// Writes the markers held back since [`Self::hold_markers`], and writes markers
    /// where they stand again.
    pub(super) fn release(&mut self) {
        for n in self.held.take().unwrap_or_default() {
            self.push(Event::InlineHtml(CowStr::from(marker(n, self.words))));
        }
    }

    /// Whether the events that follow stand inside inline HTML that can hold no mark (a
    /// script, an SVG image, a list to pick from; see [`ReadingText::markless`]): words
    /// written there are left unmarked, the mark closing before the element and opening
    /// again after it.
    ///
    /// [`ReadingText::markless`]: crate::parse::reading_text::ReadingText::markless
    pub(super) fn markless(&mut self, inside: bool) {
        self.markless = inside;
    }

    /// True while some note's words are being written.
    pub(super) fn marking(&self) -> bool {
        !self.active.is_empty()
    }

    /// The events written, and the ids of each footnote label's references.
    pub(super) fn finish(mut self) -> (Vec<Event<'a>>, HashMap<String, Vec<String>>) {
        self.close_mark();
        (self.out, self.footnote_refs)
    }

    /// Emits a non-text event: an open mark closes first.
    pub(super) fn push(&mut self, event: Event<'a>) {
        self.close_mark();
        self.out.push(event);
    }

    /// Emits the start tag of a block element given as HTML, on a line of its own where
    /// pulldown-cmark's writer would have put the plain tag.
    pub(super) fn open_element(&mut self, tag: &str) {
        self.close_mark();
        let newline = if self.out.last().is_none_or(ends_line) {
            ""
        } else {
            "\n"
        };
        self.out
            .push(Event::Html(CowStr::from(format!("{newline}{tag}"))));
    }

    /// Emits a text-like event inside the mark of the active notes, if any.
    pub(super) fn marked(&mut self, event: Event<'a>) {
        if self.active.is_empty() || self.markless {
            self.push(event);
            return;
        }
        if self.open.as_ref() != Some(&self.active) {
            self.close_mark();
            let ids: Vec<String> = self.active.iter().map(usize::to_string).collect();
            let open = format!(
                "<mark class=\"gloss-mark\" data-notes=\"{}\">",
                ids.join(" ")
            );
            self.out.push(Event::InlineHtml(CowStr::from(open)));
            self.open = Some(self.active.clone());
        }
        self.out.push(event);
    }

    fn close_mark(&mut self) {
        if self.open.take().is_some() {
            self.out
                .push(Event::InlineHtml(CowStr::Borrowed("</mark>")));
        }
    }

    pub(super) fn apply(&mut self, actions: &[Action]) {
        for action in actions {
            match *action {
                Action::End(n) => {
                    self.active.remove(&n);
                }
                Action::Marker(n) => match self.held.as_mut() {
                    Some(held) => held.push(n),
                    None => self.push(Event::InlineHtml(CowStr::from(marker(n, self.words)))),
                },
                Action::Start(n) => {
                    self.active.insert(n);
                }
            }
        }
    }

    /// Emits `text` split at the inner points, each run marked by the notes covering it.
    /// A code span split by a point is written as `<code>` around marked runs.
    pub(super) fn text<'p>(
        &mut self,
        text: &CowStr<'a>,
        inner: impl Iterator<Item = (&'p EventPoint, &'p Vec<Action>)>,
        code: bool,
    ) {
        let inner: Vec<(usize, &Vec<Action>)> = inner.map(|(p, a)| (p.offset, a)).collect();
        if inner.is_empty() {
            self.marked(if code {
                Event::Code(text.clone())
            } else {
                Event::Text(text.clone())
            });
            return;
        }
        if code {
            self.push(Event::InlineHtml(CowStr::Borrowed("<code>")));
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
            self.push(Event::InlineHtml(CowStr::Borrowed("</code>")));
        }
    }

    fn run(&mut self, piece: &str) {
        if !piece.is_empty() {
            self.marked(Event::Text(CowStr::from(piece.to_owned())));
        }
    }

    /// The author's footnote reference as our own HTML, recording its id for back-links.
    pub(super) fn footnote_reference(&mut self, label: &str) -> Event<'a> {
        let Some(&number) = self.footnote_numbers.get(label) else {
            return Event::Text(CowStr::from(format!("[^{label}]")));
        };
        let refs = self.footnote_refs.entry(label.to_owned()).or_default();
        let id = if refs.is_empty() {
            format!("fnref-{number}")
        } else {
            format!("fnref-{number}-{}", refs.len() + 1)
        };
        refs.push(id.clone());
        let (before, after) = &self.words.footnote;
        let html = format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{number}\" id=\"{id}\" role=\"doc-noteref\"><span class=\"gloss-vh\">{before}</span>{number}{}</a></sup>",
            hidden(after)
        );
        Event::InlineHtml(CowStr::from(html))
    }
}

/// The marker of note `n`: a link to its endnote.
pub(super) fn marker(n: usize, words: &Words) -> String {
    let (before, after) = &words.note;
    format!(
        "<sup class=\"gloss-ref\"><a role=\"doc-noteref\" class=\"gloss-marker\" id=\"noteref-{n}\" href=\"#note-{n}\" data-note=\"{n}\"><span class=\"gloss-vh\">{before}</span>{n}{}</a></sup>",
        hidden(after)
    )
}

/// Words after a marker's number, heard and not seen (none in English).
fn hidden(after: &str) -> String {
    if after.is_empty() {
        String::new()
    } else {
        format!("<span class=\"gloss-vh\">{after}</span>")
    }
}

/// Whether pulldown-cmark's HTML writer leaves the output at the start of a line after
/// writing `event`: after closing a block, opening a container, or text ending in one.
fn ends_line(event: &Event<'_>) -> bool {
    use pulldown_cmark::{Tag, TagEnd};
    match event {
        Event::Html(text) | Event::InlineHtml(text) | Event::Text(text) => text.ends_with('\n'),
        Event::SoftBreak | Event::HardBreak | Event::Rule => true,
        Event::Start(tag) => matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::DefinitionList),
        Event::End(tag) => {
            !(matches!(tag, TagEnd::TableCell) || crate::render::is_inline_end(*tag))
        }
        _ => false,
    }
}
