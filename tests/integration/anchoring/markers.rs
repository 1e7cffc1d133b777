//! Reads an article page's markers back as a reader would meet them, and compares them
//! with what the fixture's notes should give.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

use crate::harness::sel;

/// What one marker should look like; the first in the list is note 1.
pub(crate) struct Expect {
    /// The text of each `<mark>` of its note, apart by `|`, line breaks and runs of
    /// spaces written as one space.
    marks: &'static str,
    /// The node right before the marker and the element holding it: `"em in p"` (a
    /// node that is text is `text`; white space between elements is passed over).
    place: &'static str,
    /// The start of its endnote's text after the quote: the note's body or, for a `ref`
    /// without body, the context entry's summary.
    note: &'static str,
}

impl Expect {
    pub(crate) fn new(marks: &'static str, place: &'static str, note: &'static str) -> Self {
        Self { marks, place, note }
    }
}

/// Checks every marker of the page's article body against `expected`: its marked words,
/// its place, its number in reading order, its link to its endnote and back, its
/// sidenote after it and outside any paragraph or heading, and that no link or heading
/// holds it.
pub(crate) fn assert_markers(html: &Html, expected: &[Expect]) {
    let body = html
        .select(&sel(".article-body"))
        .next()
        .expect("an article body");
    let order: HashMap<_, usize> = html
        .tree
        .root()
        .descendants()
        .enumerate()
        .map(|(i, node)| (node.id(), i))
        .collect();
    let markers: Vec<ElementRef<'_>> = body.select(&sel("sup.gloss-ref")).collect();
    let seen: Vec<String> = markers
        .iter()
        .enumerate()
        .map(|(i, sup)| format!("{}: {} / {}", i + 1, marks(body, i + 1), place(*sup)))
        .collect();
    let wanted: Vec<String> = expected
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{}: {} / {}", i + 1, e.marks, e.place))
        .collect();
    assert_eq!(seen, wanted, "markers in reading order");
    for (i, (sup, expect)) in markers.iter().zip(expected).enumerate() {
        let n = i + 1;
        let link = only(
            sup.select(&sel("a[role=doc-noteref]")),
            &format!("marker {n}'s link"),
        );
        let attr = |name| link.value().attr(name).unwrap_or_default();
        assert_eq!(
            (attr("href"), attr("id"), attr("data-note")),
            (
                format!("#note-{n}").as_str(),
                format!("noteref-{n}").as_str(),
                n.to_string().as_str()
            ),
            "marker {n}"
        );
        assert!(
            !sup.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|e| e.value().name() == "a"),
            "marker {n} is inside a link"
        );
        assert!(
            !sup.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|e| matches!(e.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")),
            "marker {n} is inside a heading, whose name it would join"
        );
        endnote(html, n, &marks(body, n), expect.note);
        let side = only(
            html.select(&sel(&format!("#sidenote-{n}"))),
            &format!("sidenote {n}"),
        );
        assert!(
            order[&side.id()] > order[&sup.id()],
            "sidenote {n} comes before its marker"
        );
        let holders: Vec<&str> = side
            .ancestors()
            .filter_map(ElementRef::wrap)
            .map(|e| e.value().name())
            .filter(|name| matches!(*name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            .collect();
        assert!(holders.is_empty(), "sidenote {n} is inside {holders:?}");
    }
    let endnotes: Vec<&str> = html
        .select(&sel("[role=doc-endnotes] li.gloss-note"))
        .filter_map(|li| li.value().id())
        .collect();
    let numbered: Vec<String> = (1..=expected.len()).map(|n| format!("note-{n}")).collect();
    assert_eq!(endnotes, numbered, "endnotes in marker order");
}

/// The endnote of marker `n`: one entry, a back-link to the marker, the quote as marked,
/// and text starting (after the quote) with `note`.
fn endnote(html: &Html, n: usize, marked: &str, note: &str) {
    let entry = only(
        html.select(&sel(&format!("[role=doc-endnotes] li#note-{n}"))),
        &format!("endnote {n}"),
    );
    let back = only(
        entry.select(&sel("a[role=doc-backlink]")),
        &format!("back-link {n}"),
    );
    assert_eq!(
        back.value().attr("href"),
        Some(format!("#noteref-{n}").as_str())
    );
    let quote: String = entry
        .select(&sel("q.gloss-note-quote"))
        .flat_map(|q| q.text())
        .collect();
    // Quoted words that take in their quotation marks are shown inside `<q>`, which
    // gives its own.
    let marked = words(&marked.replace('|', ""));
    let shown = [('"', '"'), ('\u{201C}', '\u{201D}')]
        .iter()
        .find_map(|&(open, close)| marked.strip_prefix(open)?.strip_suffix(close))
        .unwrap_or(&marked);
    assert_eq!(words(&quote), shown, "endnote {n}'s quote");
    let text = words(&entry.text().collect::<String>());
    let after = text
        .split_once(&words(&quote))
        .map_or("", |(_, after)| after.trim());
    assert!(
        after.starts_with(note),
        "endnote {n} reads {text:?}, not {note:?}"
    );
}

/// The text of every mark of note `n`, apart by `|`.
fn marks(body: ElementRef<'_>, n: usize) -> String {
    body.select(&sel("mark.gloss-mark"))
        .filter(|m| {
            let notes = m.value().attr("data-notes").unwrap_or_default();
            notes.split(' ').any(|id| id == n.to_string())
        })
        .map(|m| spaces(&m.text().collect::<String>()))
        .collect::<Vec<_>>()
        .join("|")
}

/// `"<before> in <parent>"` for a marker.
fn place(sup: ElementRef<'_>) -> String {
    // White space between elements is markup layout, not a place: a heading's marker
    // stands after the heading's end tag and a line break.
    let mut before = sup.prev_sibling();
    while let Some(Node::Text(text)) = before.map(|node| node.value()) {
        if !text.trim().is_empty() {
            break;
        }
        before = before.and_then(|node| node.prev_sibling());
    }
    let before = match before.map(|node| node.value().clone()) {
        Some(Node::Element(element)) => element.name().to_owned(),
        Some(Node::Text(_)) => "text".to_owned(),
        Some(_) => "other".to_owned(),
        None => "start".to_owned(),
    };
    let parent = sup
        .parent()
        .and_then(ElementRef::wrap)
        .map_or("none", |e| e.value().name());
    format!("{before} in {parent}")
}

fn only<'a>(mut found: impl Iterator<Item = ElementRef<'a>>, what: &str) -> ElementRef<'a> {
    let first = found.next().unwrap_or_else(|| panic!("no {what}"));
    assert!(found.next().is_none(), "more than one {what}");
    first
}

/// ASCII white space runs as one space, other characters (no-break spaces) kept.
fn spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split([' ', '\n', '\r', '\t']).enumerate() {
        if i > 0 && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Every run of white space as one space, trimmed.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
