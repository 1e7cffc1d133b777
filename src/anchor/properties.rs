//! Property tests of the anchoring core, on generated articles.
//!
//! In: small Markdown articles built from words, inline markup (emphasis, links, code
//! spans, images, footnote references), typography that smart punctuation rewrites, and
//! every kind of block. Checked: a passage cut from the reading text and made unique
//! anchors to exactly itself; folding twice is folding once; sidecar order never changes
//! the numbers of notes on different words; the rendered body stays balanced HTML with
//! every marker outside links, numbered in reading order, after words marked for its note.

use std::collections::BTreeMap;
use std::ops::Range;

use proptest::prelude::*;

use super::locate::{locate_all, AnchorError, Haystack};
use super::normalize::{fold, is_stable, Folded};
use super::{number, place, AnchoredNote};
use crate::parse::reading_text::{BlockKind, ReadingText};
use crate::parse::sidecar::NoteSpec;
use crate::render::body;

const WORDS: [&str; 19] = [
    "summit",
    "Kim",
    "talks",
    "freeze",
    "antifreeze",
    "a",
    "the",
    "Hanoi",
    "deal",
    "won't",
    "\"no\"",
    "wait...",
    "--",
    "---",
    "&amp;",
    "영변",
    "Cafe\u{301}",
    "100\u{a0}km",
    "hard\\\nbreak",
];

fn word() -> impl Strategy<Value = String> {
    proptest::sample::select(&WORDS[..]).prop_map(str::to_owned)
}

/// A word, bare or in inline markup.
fn inline() -> impl Strategy<Value = String> {
    let words = || proptest::collection::vec(word(), 1..4).prop_map(|w| w.join(" "));
    prop_oneof![
        6 => word(),
        1 => words().prop_map(|w| format!("*{w}*")),
        1 => words().prop_map(|w| format!("**{w}**")),
        1 => words().prop_map(|w| format!("[{w}](https://example.org/x)")),
        1 => (word(), words()).prop_map(|(a, w)| format!("*{a} [{w}](https://example.org/y)*")),
        1 => (words(), word()).prop_map(|(w, b)| format!("[*{w}* {b}](https://example.org/z)")),
        1 => word().prop_map(|w| format!("`{w}`")),
        1 => word().prop_map(|w| format!("![{w}](p.png)")),
        1 => Just("[^n]".to_owned()),
    ]
}

/// One line of inline content; words apart by a space or a line break.
fn line() -> impl Strategy<Value = String> {
    proptest::collection::vec((inline(), proptest::bool::weighted(0.15)), 1..9).prop_map(|parts| {
        let mut out = String::new();
        for (i, (part, wrap)) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push(if wrap { '\n' } else { ' ' });
            }
            out.push_str(&part);
        }
        out
    })
}

fn block() -> impl Strategy<Value = String> {
    let flat = || line().prop_map(|l| l.replace('\n', " "));
    prop_oneof![
        5 => line(),
        1 => flat().prop_map(|l| format!("## {l}")),
        1 => proptest::collection::vec(flat(), 1..4)
            .prop_map(|items| items.iter().map(|i| format!("- {i}\n")).collect::<String>()),
        1 => (flat(), flat()).prop_map(|(a, b)| format!("1. {a}\n\n2. {b}\n")),
        1 => (flat(), flat()).prop_map(|(a, b)| format!("- {a}\n  - {b}\n")),
        1 => line().prop_map(|l| format!("> {}", l.replace('\n', "\n> "))),
        1 => (word(), word()).prop_map(|(a, b)| format!("```\n{a} {b}\n```")),
        1 => (flat(), flat()).prop_map(|(a, b)| {
            format!("| h | i |\n| --- | --- |\n| {} | {} |", a.replace('|', " "), b.replace('|', " "))
        }),
    ]
}

/// An article body: blocks apart by blank lines, and the footnote its references need.
fn article() -> impl Strategy<Value = String> {
    proptest::collection::vec(block(), 1..6)
        .prop_map(|blocks| format!("{}\n\n[^n]: A footnote.\n", blocks.join("\n\n")))
}

fn spec(index: usize, quote: &str) -> NoteSpec {
    NoteSpec {
        body: Some("A note.".to_owned()),
        ..NoteSpec::on(index, quote)
    }
}

/// The passage of `reading` picked by `pick` (two numbers in 0..1000): within one block
/// that is not code, from a character that is not white space to another.
fn cut(reading: &ReadingText, pick: (usize, usize, usize)) -> Option<Range<usize>> {
    let blocks: Vec<&Range<usize>> = reading
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::CodeBlock)
        .map(|b| &b.text)
        .collect();
    let block = blocks.get(pick.0 % blocks.len().max(1))?;
    let chars: Vec<(usize, char)> = reading.text[(*block).clone()]
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (block.start + i, c))
        .collect();
    if chars.is_empty() {
        return None;
    }
    // Never between a letter and an accent NFC joins to it.
    let mut a = pick.1 % chars.len();
    while a > 0 && !is_stable(chars[a].1) {
        a -= 1;
    }
    let mut b = a + pick.2 % (chars.len() - a).min(12);
    while b + 1 < chars.len() && !is_stable(chars[b + 1].1) {
        b += 1;
    }
    Some(chars[a].0..chars[b].0 + chars[b].1.len_utf8())
}

/// A note on exactly `range`: its words, with prefix and suffix taken from around it
/// (`context` characters each), and an occurrence when that is still not enough.
fn unique_note(reading: &ReadingText, range: &Range<usize>, context: usize) -> NoteSpec {
    let text = &reading.text;
    let block = &reading.blocks[reading.block_at(range.start).unwrap_or(0)].text;
    // About `context` characters on each side, never splitting a letter from its accent.
    let mut before: Vec<char> = text[block.start..range.start].chars().rev().collect();
    let mut keep = context.min(before.len());
    while keep < before.len() && keep > 0 && !is_stable(before[keep - 1]) {
        keep += 1;
    }
    before.truncate(keep);
    let before: String = before.into_iter().rev().collect();
    let after: Vec<char> = text[range.end..block.end].chars().collect();
    let mut keep = context.min(after.len());
    while keep < after.len() && !is_stable(after[keep]) {
        keep += 1;
    }
    let after: String = after[..keep].iter().collect();
    let mut note = spec(0, &text[range.clone()]);
    note.prefix = Some(before).filter(|p| !p.trim().is_empty());
    note.suffix = Some(after).filter(|s| !s.trim().is_empty());
    let haystack = Haystack::new(reading);
    if let Err(AnchorError::AmbiguousQuote { candidates }) =
        locate_all(&haystack, std::slice::from_ref(&note)).remove(0)
    {
        note.occurrence = candidates.iter().position(|c| c == range).map(|i| i + 1);
    }
    note
}

/// Anchors `notes` (all known to anchor) and numbers them.
fn anchored(reading: &ReadingText, notes: &[NoteSpec]) -> Vec<AnchoredNote> {
    let haystack = Haystack::new(reading);
    let results = locate_all(&haystack, notes);
    let mut placed: Vec<AnchoredNote> = notes
        .iter()
        .zip(results)
        .filter_map(|(n, r)| Some(place(reading, n.clone(), r.ok()?, 1)))
        .collect();
    number(&mut placed);
    placed
}

proptest! {
    #[test]
    fn a_passage_cut_and_made_unique_anchors_to_exactly_itself(
        body in article(),
        pick in (0..1000usize, 0..1000usize, 0..1000usize),
        context in 0..8usize,
    ) {
        let reading = ReadingText::build(&body);
        let Some(range) = cut(&reading, pick) else { return Ok(()) };
        let note = unique_note(&reading, &range, context);
        let haystack = Haystack::new(&reading);
        let found = locate_all(&haystack, std::slice::from_ref(&note)).remove(0);
        prop_assert_eq!(found, Ok(range), "note {:?} in {:?}", note, reading.text);
    }

    #[test]
    fn folding_twice_is_folding_once(
        text in "(\\PC|[ \u{a0}\n\t\u{2018}\u{2019}\u{201c}\u{201d}\u{2026}\u{2013}\u{2014}\u{301}\u{327}\u{1161}\u{11a8}\u{1100}e])*",
    ) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone());
        // The reading text and the quotes fold alike.
        let folded = Folded::new(&text);
        prop_assert_eq!(folded.text.trim_matches(' '), once);
    }

    #[test]
    fn the_packed_search_finds_every_place_the_automaton_finds(
        text in "[ab ]{0,200}",
        quotes in proptest::collection::btree_set("[ab ]{1,6}", 1..12),
    ) {
        // A small alphabet, so quotes overlap each other and themselves.
        let quotes: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let packed = super::locate::packed_places(&text, &quotes);
        prop_assume!(packed.is_some());
        prop_assert_eq!(packed.unwrap(), super::locate::automaton_places(&text, &quotes));
    }

    #[test]
    fn text_in_nfc_folds_as_any_text_does(
        text in "([a-zA-Z0-9 .,;'\"\t\n\r\u{b}\u{c}\u{a0}\u{2003}\u{2018}\u{2019}\u{201c}\u{201d}\u{2026}\u{2013}\u{2014}\u{e9}\u{df}\u{d55c}\u{1f600}])*",
    ) {
        // Nothing here joins the character before it, so each character is its own group
        // on both paths.
        prop_assert_eq!(Folded::from_nfc(&text), Folded::from_any(&text));
    }

    #[test]
    fn sidecar_order_never_changes_the_numbers_of_notes_on_different_words(
        body in article(),
        picks in proptest::collection::vec((0..1000usize, 0..1000usize, 0..1000usize), 1..8),
        keys in proptest::collection::vec(any::<u32>(), 8),
    ) {
        let reading = ReadingText::build(&body);
        let mut ranges: Vec<Range<usize>> =
            picks.into_iter().filter_map(|p| cut(&reading, p)).collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        ranges.dedup();
        let notes: Vec<NoteSpec> = ranges.iter().map(|r| unique_note(&reading, r, 0)).collect();
        let numbers = |notes: &[NoteSpec]| -> BTreeMap<(usize, usize), usize> {
            anchored(&reading, notes)
                .into_iter()
                .map(|n| ((n.range.start, n.range.end), n.number))
                .collect()
        };
        let mut shuffled: Vec<(u32, NoteSpec)> = keys.into_iter().zip(notes.clone()).collect();
        shuffled.sort_by_key(|(key, _)| *key);
        let mut shuffled: Vec<NoteSpec> = shuffled.into_iter().map(|(_, n)| n).collect();
        let reindex = |list: &mut Vec<NoteSpec>| {
            for (i, note) in list.iter_mut().enumerate() {
                note.index = i;
            }
        };
        let mut notes = notes;
        reindex(&mut notes);
        reindex(&mut shuffled);
        prop_assert_eq!(numbers(&notes), numbers(&shuffled));
    }

    #[test]
    fn marks_and_markers_keep_the_html_balanced(
        body in article(),
        picks in proptest::collection::vec((0..1000usize, 0..1000usize, 0..1000usize), 0..8),
    ) {
        let reading = ReadingText::build(&body);
        let notes: Vec<NoteSpec> = picks
            .into_iter()
            .filter_map(|p| cut(&reading, p))
            .enumerate()
            .map(|(i, r)| NoteSpec { index: i, ..unique_note(&reading, &r, 3) })
            .collect();
        let placed = anchored(&reading, &notes);
        prop_assert_eq!(placed.len(), notes.len());
        let sidenotes: Vec<String> = placed
            .iter()
            .map(|n| format!("<div class=\"side\">{}</div>", n.number))
            .collect();
        let html = body::render(&body, &reading, &placed, &sidenotes, &body::Urls::AS_WRITTEN, &body::Words::default()).html;
        let seen = html_check::walk(&html).map_err(|e| TestCaseError::fail(format!("{e}\n{html}")))?;
        let numbers: Vec<usize> = seen.markers.iter().map(|m| m.number).collect();
        let expected: Vec<usize> = (1..=placed.len()).collect();
        prop_assert_eq!(numbers, expected, "markers out of reading order:\n{}", html);
        for note in &placed {
            let marked = seen.marked.get(&note.number).cloned().unwrap_or_default();
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            prop_assert_eq!(squeeze(&marked), squeeze(&note.quoted), "note {}:\n{}", note.number, html);
        }
    }
}

/// A small HTML walker for the balance property: tags nest, void elements stand alone,
/// no marker sits inside a link, and the text inside each note's marks is collected.
mod html_check {
    use std::collections::BTreeMap;

    const VOID: [&str; 5] = ["br", "hr", "img", "input", "wbr"];

    pub(super) struct Marker {
        pub(super) number: usize,
    }

    #[derive(Default)]
    pub(super) struct Seen {
        pub(super) markers: Vec<Marker>,
        pub(super) marked: BTreeMap<usize, String>,
    }

    pub(super) fn walk(html: &str) -> Result<Seen, String> {
        let mut seen = Seen::default();
        let mut open: Vec<(String, String)> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            text(&rest[..at], &open, &mut seen);
            let end = rest[at..].find('>').ok_or("a tag is not closed")? + at;
            let tag = &rest[at + 1..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                match open.pop() {
                    Some((top, _)) if top == name => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
                continue;
            }
            let name: String = tag
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if tag.contains("class=\"gloss-ref\"") {
                if open.iter().any(|(n, _)| n == "a") {
                    return Err("a marker inside a link".to_owned());
                }
                if open.iter().any(|(n, _)| n == "mark") {
                    return Err("a marker inside a mark".to_owned());
                }
            }
            if let Some(number) = attribute(tag, "data-note") {
                let number = number.parse().map_err(|_| "data-note is no number")?;
                seen.markers.push(Marker { number });
            }
            if name == "mark" && open.iter().any(|(n, _)| n == "mark") {
                return Err("a mark inside a mark".to_owned());
            }
            if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                open.push((name, tag.to_owned()));
            }
        }
        text(rest, &open, &mut seen);
        match open.last() {
            Some((name, _)) => Err(format!("<{name}> is never closed")),
            None => Ok(seen),
        }
    }

    fn text(text: &str, open: &[(String, String)], seen: &mut Seen) {
        let Some((_, tag)) = open.iter().rev().find(|(n, _)| n == "mark") else {
            return;
        };
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        for number in attribute(tag, "data-notes").unwrap_or_default().split(' ') {
            if let Ok(number) = number.parse() {
                seen.marked.entry(number).or_default().push_str(&text);
            }
        }
    }

    fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = tag[start..].find('"')? + start;
        Some(&tag[start..end])
    }
}
