//! Result cards: what the first page of results shows, shipped in the shard of each term
//! beside its posting list, so that a query shows its answer from the files it loads to
//! rank it, without loading a document chunk for each result.
//!
//! In: a term's posting list with every document's weights, and documents. Out: for each
//! of the term's [`PER_TERM`] best documents (those a query of that term alone ranks
//! first), a card: the document's head and a window of the passage where the term first
//! occurs. A prefix query finds its first page among its terms' cards too (each result
//! is among the best of the term it matched best); a query of several words finds there
//! the results that are among the best of one of its words, and reads the others from
//! the document chunks.

use std::ops::Range;

use super::documents::{Kind, Shown};
use super::index::Weights;
use super::store::{push_text, FIELD};
use super::terms::{self, Language};
use crate::language::joins_without_space;

/// How many cards a term carries: one page of results.
pub const PER_TERM: usize = 10;

/// A passage longer than this many bytes is cut to a window of it around the term.
pub const WINDOW: usize = 320;

/// How many bytes of the passage before the term the window keeps.
const BEFORE: usize = 80;

/// The documents of a posting list in the order a query of its term alone ranks them
/// (weight descending, then document number), the first [`PER_TERM`] of them.
pub fn best(list: &[(u32, u32)], weights: &[Weights]) -> Vec<u32> {
    let mut top: Vec<(u8, u32)> = Vec::with_capacity(PER_TERM + 1);
    for &(doc, count) in list {
        let weight = weights[doc as usize].of(count);
        if top.len() == PER_TERM && weight <= top[PER_TERM - 1].0 {
            continue;
        }
        let at = top.partition_point(|&(w, _)| w >= weight);
        top.insert(at, (weight, doc));
        top.truncate(PER_TERM);
    }
    top.into_iter().map(|(_, doc)| doc).collect()
}

/// Appends the card of `shown`, document number `doc`, for `term`: fields separated by
/// [`FIELD`]: the number, the document's head, the passage's paragraph number, which ends
/// of the passage were cut (1: the start, 2: the end, 3: both), the passage (or its
/// window around the term) with its white space collapsed and, for a note, its article's
/// title, link, date and language. A term found only in the heading shows the first passage.
pub fn write(out: &mut String, doc: u32, shown: &Shown<'_>, term: &str, language: &Language) {
    write_at(out, doc, shown, find(shown, term, language));
}

/// [`write()`] for a term found at `found` (passage, byte range of its word), or not in
/// the passages at all (`None`: the first passage is shown).
pub fn write_at(
    out: &mut String,
    doc: u32,
    shown: &Shown<'_>,
    found: Option<(usize, Range<usize>)>,
) {
    let (passage, word) = found.unwrap_or((0, 0..0));
    let (number, text) = shown
        .passages
        .get(passage)
        .map_or((0, ""), |(number, text)| (*number, text.as_ref()));
    let (window, cut) = window(text, word);
    out.push_str(&doc.to_string());
    out.push(FIELD);
    out.push_str(&shown.head);
    out.push(FIELD);
    out.push_str(&number.to_string());
    out.push(FIELD);
    out.push(char::from(b'0' + cut));
    out.push(FIELD);
    // White space collapsed as a page shows it: none between two Chinese or Japanese
    // characters a line break parts (as the documents' passages are flattened).
    let mut last: Option<char> = None;
    for piece in text[window].split_whitespace() {
        let joins = last.is_some_and(joins_without_space)
            && piece.chars().next().is_some_and(joins_without_space);
        if last.is_some() && !joins {
            out.push(' ');
        }
        push_text(out, piece);
        last = piece.chars().next_back();
    }
    if let Some(article) = &shown.article {
        out.push(FIELD);
        let tag = Kind::Article.tag().len() + FIELD.len_utf8();
        out.push_str(article.get(tag..).unwrap_or_default());
    }
}

/// Where each of `terms` first stands in `shown` (the first word of that term, as a card
/// shows it), in one walk over the passages: for a document with cards for many terms,
/// where looking for each term on its own would read a long text once per term.
pub fn find_all(
    shown: &Shown<'_>,
    terms: &[&str],
    language: &Language,
) -> Vec<Option<(usize, Range<usize>)>> {
    let mut found = vec![None; terms.len()];
    let mut wanted: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, term) in terms.iter().enumerate() {
        wanted.entry(term).or_default().push(i);
    }
    for (passage, (_, text)) in shown.passages.iter().enumerate() {
        if wanted.is_empty() {
            break;
        }
        terms::each_term(text, language, |term, word| {
            if let Some(at) = wanted.remove(term) {
                for i in at {
                    found[i] = Some((passage, word.clone()));
                }
            }
        });
    }
    found
}

/// The first passage holding `term`, and the byte range of its word there.
fn find(shown: &Shown<'_>, term: &str, language: &Language) -> Option<(usize, Range<usize>)> {
    shown
        .passages
        .iter()
        .enumerate()
        .find_map(|(i, (_, text))| find_in(text, term, language).map(|word| (i, word)))
}

/// The byte range of the first word of `text` whose term is `term`.
fn find_in(text: &str, term: &str, language: &Language) -> Option<Range<usize>> {
    if !text.is_ascii() || text.contains('\'') {
        let mut found = None;
        terms::each_term(text, language, |t, word| {
            if found.is_none() && t == term {
                found = Some(word);
            }
        });
        return found;
    }
    // In plain ASCII text a term starts its word, in lower case, once a final `y`
    // (`-ies` stemmed to `-y`) is dropped, and dots and commas aside (`U.S.` is `us`,
    // `3,14` is `3.14`): only the
    // words starting so are made terms, with the words around them up to white space
    // (which no word crosses), not every word of the passage.
    let needle = term.strip_suffix('y').unwrap_or(term).as_bytes();
    let bytes = text.as_bytes();
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(at) = memchr::memchr2(first, first.to_ascii_uppercase(), &bytes[from..]) {
        let start = from + at;
        from = start + 1;
        let starts_word = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if !starts_word || !starts_like(&bytes[start..], needle) {
            continue;
        }
        let space = |b: &u8| b.is_ascii_whitespace();
        let begin = bytes[..start].iter().rposition(space).map_or(0, |n| n + 1);
        let end = bytes[start..]
            .iter()
            .position(space)
            .map_or(bytes.len(), |n| start + n);
        let mut found = None;
        terms::each_term(&text[begin..end], language, |t, word| {
            if found.is_none() && t == term && begin + word.start >= start {
                found = Some(begin + word.start..begin + word.end);
            }
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Whether the letters and digits of `text` start with those of `needle`, case aside:
/// dots and commas aside (an initialism, `U.S.`, is the term `us`; `3,14` is `3.14`).
fn starts_like(text: &[u8], needle: &[u8]) -> bool {
    let mut text = text.iter().filter(|&&b| b != b'.' && b != b',');
    needle
        .iter()
        .filter(|&&b| b != b'.')
        .all(|n| text.next().is_some_and(|t| t.eq_ignore_ascii_case(n)))
}

/// The part of `text` a card shows: all of it when it is short; otherwise about
/// [`WINDOW`] bytes from a little before `word`, cut at spaces. With it, which ends were
/// cut (1: the start, 2: the end).
fn window(text: &str, word: Range<usize>) -> (Range<usize>, u8) {
    if text.len() <= WINDOW {
        return (0..text.len(), 0);
    }
    let mut start = floor_boundary(text, word.start.saturating_sub(BEFORE));
    if start > 0 && text.as_bytes()[start - 1] != b' ' {
        if let Some(space) = text[start..word.start].find(' ') {
            start += space + 1;
        }
    }
    let mut end = floor_boundary(text, (start + WINDOW).min(text.len()));
    if end < text.len() {
        if let Some(space) = text[start..end].rfind(' ') {
            if start + space >= word.end {
                end = start + space;
            }
        }
    }
    let cut = u8::from(start > 0) | u8::from(end < text.len()) << 1;
    (start..end, cut)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn shown(tag: &str, passages: &[&'static str]) -> Shown<'static> {
        Shown {
            head: format!("{tag}{FIELD}Title{FIELD}2024/title/{FIELD}2024-05-01{FIELD}fr ltr"),
            passages: (1..)
                .zip(passages.iter().map(|p| Cow::Borrowed(*p)))
                .collect(),
            article: None,
        }
    }

    fn card(shown: &Shown<'_>, doc: u32, term: &str) -> Vec<String> {
        let mut card = String::new();
        write(&mut card, doc, shown, term, Language::english());
        card.split(FIELD).map(str::to_owned).collect()
    }

    #[test]
    fn finding_every_term_in_one_walk_finds_each_where_looking_for_it_alone_does() {
        let shown = shown(
            "a",
            &[
                "The talks in Hanoi broke down.",
                "Kim\u{2019}s envoys met the U.S. team at 3.14 p.m.; talks resumed.",
                "Les négociations à Hanoï ont échoué, the talks said.",
            ],
        );
        let language = Language::english();
        let mut terms: Vec<String> = Vec::new();
        for (_, text) in &shown.passages {
            terms::each_term(text, language, |term, _| terms.push(term.to_owned()));
        }
        terms.extend(["nowhere".to_owned(), "talk".to_owned()]);
        let wanted: Vec<&str> = terms.iter().map(String::as_str).collect();
        let all = find_all(&shown, &wanted, language);
        assert!(all.iter().filter(|place| place.is_some()).count() > 10);
        for (term, place) in wanted.iter().zip(&all) {
            assert_eq!(*place, find(&shown, term, language), "{term}");
        }
    }

    #[test]
    fn a_term_ranks_its_documents_by_weight_then_number() {
        let weights: Vec<Weights> = [10, 400, 10, 40, 10]
            .iter()
            .map(|&length| Weights::new(length, 40))
            .collect();
        let list: Vec<(u32, u32)> = (0..5).map(|doc| (doc, 1)).collect();
        assert_eq!(best(&list, &weights), [0, 2, 4, 3, 1]);
        let many: Vec<(u32, u32)> = (0..30).map(|doc| (doc, 1 + doc % 3)).collect();
        let weights = vec![Weights::new(40, 40); 30];
        let top = best(&many, &weights);
        assert_eq!(top.len(), PER_TERM);
        assert_eq!(top[..3], [2, 5, 8], "count 3 first, lowest numbers first");
    }

    #[test]
    fn a_card_shows_the_passage_holding_the_term() {
        let article = shown("a", &["Nothing here.", "The Treaties\n of Rome."]);
        let fields = card(&article, 7, "treaty");
        assert_eq!(fields[0], "7");
        assert_eq!(
            fields[1..6],
            ["a", "Title", "2024/title/", "2024-05-01", "fr ltr"]
        );
        assert_eq!(fields[6..], ["2", "0", "The Treaties of Rome."]);
    }

    #[test]
    fn a_long_passage_is_cut_around_the_term_at_spaces() {
        let long = format!(
            "{}the treaty was signed {}",
            "word ".repeat(100),
            "more ".repeat(100)
        );
        let article = shown("a", &[Box::leak(long.into_boxed_str())]);
        let fields = card(&article, 0, "treaty");
        assert_eq!(fields[7], "3", "both ends cut");
        let window = &fields[8];
        assert!(window.len() <= WINDOW, "{}", window.len());
        assert!(
            window.starts_with("word ") && window.ends_with("more"),
            "{window}"
        );
        assert!(window.contains("the treaty was signed"), "{window}");
    }

    #[test]
    fn a_term_only_in_the_heading_shows_the_first_passage() {
        let fields = card(&shown("a", &["First.", "Second."]), 0, "title");
        assert_eq!(fields[6..], ["1", "0", "First."]);
    }

    #[test]
    fn a_note_card_carries_its_article() {
        let mut note = shown("n", &["Signed in 1957 by six states."]);
        note.head = format!("n{FIELD}3{FIELD}context{FIELD}the treaty");
        note.article = Some(shown("a", &[]).head);
        let fields = card(&note, 12, "signed");
        assert_eq!(fields[..5], ["12", "n", "3", "context", "the treaty"]);
        assert_eq!(fields[7], "Signed in 1957 by six states.");
        assert_eq!(
            fields[8..],
            ["Title", "2024/title/", "2024-05-01", "fr ltr"]
        );
    }

    #[test]
    fn a_term_is_found_where_its_word_starts_not_inside_another() {
        let passage = "Rearmed, armies armed the Army.";
        assert_eq!(
            find_in(passage, "army", Language::english()),
            Some(9..15),
            "armies"
        );
        assert_eq!(
            find_in(passage, "arm", Language::english()),
            Some(16..21),
            "armed"
        );
        assert_eq!(
            find_in("Policies and policy.", "policy", Language::english()),
            Some(0..8)
        );
        assert_eq!(find_in("Nothing.", "treaty", Language::english()), None);
    }

    #[test]
    fn an_initialism_is_found_by_its_letters() {
        let english = Language::english();
        let passage = "The U.N. envoy met an F.B.I. agent in the U.S. capital.";
        assert_eq!(find_in(passage, "un", english), Some(4..7));
        assert_eq!(find_in(passage, "fbi", english), Some(22..27));
        assert_eq!(find_in(passage, "us", english), Some(42..45));
        let fields = card(&shown("a", &["Weather.", passage]), 0, "us");
        assert_eq!(fields[6], "2", "the passage holding U.S.");
    }

    #[test]
    fn a_decimal_number_is_found_whole_not_by_its_fraction() {
        let english = Language::english();
        let passage = "Pi is 3,14, not 14 or 3.";
        assert_eq!(find_in(passage, "3.14", english), Some(6..10));
        assert_eq!(find_in(passage, "14", english), Some(16..18));
    }

    #[test]
    fn text_outside_ascii_is_found_by_its_folded_terms() {
        let term = &terms::terms("Traité", Language::english())[0].text;
        let fields = card(&shown("a", &["Rien.", "Le traité de Rome."]), 0, term);
        assert_eq!(fields[8], "Le traité de Rome.");
    }
}
