//! Finds where each note's quote sits in an article's reading text.
//!
//! In: one article's reading text (folded) and its notes. Out: a reading-text byte range
//! per note, or why there is none. No HTML and no files here, so every rule of
//! ANNOTATIONS.md can be tested on plain strings. All quotes of an article are found in
//! one pass over the text (a packed SIMD searcher over the folded quotes, or an
//! Aho-Corasick automaton when there are too many quotes for it), so anchoring stays
//! linear in the article's length however many notes it has.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{packed, AhoCorasick, MatchKind, Span};

use super::fuzzy;
use super::normalize::{fold, Folded};
use crate::parse::reading_text::{BlockKind, ReadingText};
use crate::parse::sidecar::NoteSpec;

/// Why a quote has no single place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorError {
    /// The quote occurs nowhere; `nearest` is the closest passage, if any is close.
    QuoteNotFound {
        /// Reading-text range of the nearest passage.
        nearest: Option<Range<usize>>,
    },
    /// The quote occurs, but never with the given prefix and suffix.
    ContextNotFound {
        /// Reading-text ranges of the places the quote alone matches, in order.
        candidates: Vec<Range<usize>>,
    },
    /// Several places remain; every candidate is listed.
    AmbiguousQuote {
        /// Reading-text ranges of the candidates, in order.
        candidates: Vec<Range<usize>>,
    },
    /// `occurrence` is past the number of candidates.
    OccurrenceOutOfRange {
        /// What the note asked for.
        occurrence: usize,
        /// The candidates there are.
        candidates: Vec<Range<usize>>,
    },
    /// The quote is found only inside code blocks.
    QuoteInCodeBlock,
    /// The quote is found only running across two blocks.
    QuoteAcrossBlocks {
        /// Reading-text range of the first such place.
        at: Range<usize>,
    },
}

/// The matching state of one article: its reading text and the folded form of it.
#[derive(Debug)]
pub struct Haystack<'a> {
    /// The article's reading text.
    pub reading: &'a ReadingText,
    /// `reading.text`, folded.
    pub folded: Folded,
}

impl<'a> Haystack<'a> {
    /// Folds the reading text once, for all of the article's notes.
    pub fn new(reading: &'a ReadingText) -> Self {
        Self {
            reading,
            folded: Folded::new(&reading.text),
        }
    }
}

/// Locates every note of one article: one result per note, in the order given.
pub fn locate_all<N: Borrow<NoteSpec>>(
    haystack: &Haystack<'_>,
    notes: &[N],
) -> Vec<Result<Range<usize>, AnchorError>> {
    let quotes: Vec<String> = notes.iter().map(|n| fold(&n.borrow().quote)).collect();
    let places = find_all(&haystack.folded.text, &quotes);
    // Notes with the same quote, prefix and suffix (told apart by `occurrence`) share
    // their candidates: each place of a quote is looked at once per such group, not
    // once per note, so 300 notes on a phrase that occurs 190,000 times stay linear.
    type Group<'n> = (&'n str, Option<&'n str>, Option<&'n str>);
    let mut narrowed: HashMap<Group<'_>, Result<Vec<Range<usize>>, AnchorError>> = HashMap::new();
    notes
        .iter()
        .zip(&quotes)
        .map(|(note, quote)| {
            let note = note.borrow();
            let group = (
                quote.as_str(),
                note.prefix.as_deref(),
                note.suffix.as_deref(),
            );
            let valid = narrowed.entry(group).or_insert_with(|| {
                let found = places.get(quote.as_str()).map_or(&[][..], Vec::as_slice);
                narrow(haystack, note, quote, found)
            });
            match valid {
                Ok(valid) => pick(haystack, note, valid),
                Err(problem) => Err(problem.clone()),
            }
        })
        .collect()
}

/// Every (overlapping) place of every distinct quote, in one scan.
fn find_all<'q>(text: &str, quotes: &'q [String]) -> HashMap<&'q str, Vec<Range<usize>>> {
    let mut distinct: Vec<&str> = quotes
        .iter()
        .map(String::as_str)
        .filter(|q| !q.is_empty())
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.is_empty() {
        return HashMap::new();
    }
    packed_places(text, &distinct).unwrap_or_else(|| automaton_places(text, &distinct))
}

/// Places of the quotes found with a packed SIMD searcher; `None` when there are too
/// many quotes for one (or no SIMD on this machine).
pub(super) fn packed_places<'q>(
    text: &str,
    quotes: &[&'q str],
) -> Option<HashMap<&'q str, Vec<Range<usize>>>> {
    let searcher = packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(quotes)
        .build()?;
    // The searcher reports the leftmost start of any quote; every quote starting there
    // is taken, and the search goes on from the next byte, so overlapping places are
    // all found in one pass.
    let mut places: HashMap<&str, Vec<Range<usize>>> = HashMap::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = searcher.find_in(bytes, Span::from(from..bytes.len())) {
        let start = found.start();
        for quote in quotes
            .iter()
            .filter(|q| bytes[start..].starts_with(q.as_bytes()))
        {
            places
                .entry(quote)
                .or_default()
                .push(start..start + quote.len());
        }
        from = start + 1;
    }
    Some(places)
}

/// Places of the quotes found with an Aho-Corasick automaton, for any number of them.
pub(super) fn automaton_places<'q>(
    text: &str,
    quotes: &[&'q str],
) -> HashMap<&'q str, Vec<Range<usize>>> {
    let mut places: HashMap<&str, Vec<Range<usize>>> = HashMap::new();
    // A contiguous NFA: an article has a handful of quotes and is scanned once, so a DFA's
    // construction would cost more than the search it speeds up.
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(quotes)
    else {
        return places;
    };
    for found in automaton.find_overlapping_iter(text) {
        places
            .entry(quotes[found.pattern().as_usize()])
            .or_default()
            .push(found.range());
    }
    places
}

/// Every place `note`'s quote, prefix and suffix allow, in reading order, as ranges of
/// the reading text: the candidates `occurrence` counts among. None when they allow none.
pub fn places(haystack: &Haystack<'_>, note: &NoteSpec) -> Vec<Range<usize>> {
    let quote = fold(&note.quote);
    let found = find_all(&haystack.folded.text, std::slice::from_ref(&quote));
    let found = found.get(quote.as_str()).map_or(&[][..], Vec::as_slice);
    narrow(haystack, note, &quote, found)
        .map(|valid| valid.iter().map(|p| haystack.folded.original(p)).collect())
        .unwrap_or_default()
}

/// Picks the note's place among what [`narrow`] left, by `occurrence` or as the only one.
fn pick(
    haystack: &Haystack<'_>,
    note: &NoteSpec,
    valid: &[Range<usize>],
) -> Result<Range<usize>, AnchorError> {
    let folded = &haystack.folded;
    let candidates = || valid.iter().map(|p| folded.original(p)).collect::<Vec<_>>();
    match note.occurrence {
        Some(n) if n <= valid.len() => Ok(folded.original(&valid[n - 1])),
        Some(n) => Err(AnchorError::OccurrenceOutOfRange {
            occurrence: n,
            candidates: candidates(),
        }),
        None if valid.len() == 1 => Ok(folded.original(&valid[0])),
        None => Err(AnchorError::AmbiguousQuote {
            candidates: candidates(),
        }),
    }
}

/// The places of one quote (in the folded text) that the rules leave before `occurrence`
/// picks: within one block, not in code, with the note's prefix and suffix; or why none.
fn narrow(
    haystack: &Haystack<'_>,
    note: &NoteSpec,
    quote: &str,
    found: &[Range<usize>],
) -> Result<Vec<Range<usize>>, AnchorError> {
    let folded = &haystack.folded;
    let reading = haystack.reading;
    let mut across = None;
    let mut in_code = false;
    let mut valid: Vec<Range<usize>> = Vec::new();
    for place in found.iter().filter(|p| folded.on_group_bounds(p)) {
        let original = folded.original(place);
        let start_block = reading.block_at(original.start);
        let end_block = reading.block_at(original.end.saturating_sub(1));
        match (start_block, end_block) {
            (Some(a), Some(b)) if a == b => {
                if reading.blocks[a].kind == BlockKind::CodeBlock {
                    in_code = true;
                } else {
                    valid.push(place.clone());
                }
            }
            _ => {
                across.get_or_insert(original);
            }
        }
    }
    if valid.is_empty() {
        return Err(match (across, in_code) {
            (Some(at), _) => AnchorError::QuoteAcrossBlocks { at },
            (None, true) => AnchorError::QuoteInCodeBlock,
            (None, false) => AnchorError::QuoteNotFound {
                nearest: nearest(haystack, quote),
            },
        });
    }
    let prefix = note.prefix.as_deref().map(fold).filter(|p| !p.is_empty());
    let suffix = note.suffix.as_deref().map(fold).filter(|s| !s.is_empty());
    let all = valid.clone();
    valid.retain(|place| {
        prefix
            .as_deref()
            .is_none_or(|p| has_prefix(haystack, place, p))
            && suffix
                .as_deref()
                .is_none_or(|s| has_suffix(haystack, place, s))
    });
    if valid.is_empty() {
        return Err(AnchorError::ContextNotFound {
            candidates: all.iter().map(|p| folded.original(p)).collect(),
        });
    }
    Ok(valid)
}

/// True when `prefix` ends right before `place` (a space between them optional), in the
/// same block, without starting inside a group (`-` is no prefix of `x` in `a—x`).
fn has_prefix(haystack: &Haystack<'_>, place: &Range<usize>, prefix: &str) -> bool {
    let text = &haystack.folded.text;
    let mut ends = vec![place.start];
    if text[..place.start].ends_with(' ') {
        ends.push(place.start - 1);
    }
    ends.into_iter().any(|end| {
        text[..end].ends_with(prefix)
            && haystack.folded.on_group_bounds(&(end - prefix.len()..end))
            && same_block(haystack, end - prefix.len(), place.start)
    })
}

/// True when `suffix` starts right after `place` (a space between them optional), in the
/// same block, without ending inside a group.
fn has_suffix(haystack: &Haystack<'_>, place: &Range<usize>, suffix: &str) -> bool {
    let text = &haystack.folded.text;
    let mut starts = vec![place.end];
    if text[place.end..].starts_with(' ') {
        starts.push(place.end + 1);
    }
    starts.into_iter().any(|start| {
        text[start..].starts_with(suffix)
            && haystack
                .folded
                .on_group_bounds(&(start..start + suffix.len()))
            && same_block(haystack, place.end - 1, start + suffix.len() - 1)
    })
}

fn same_block(haystack: &Haystack<'_>, a: usize, b: usize) -> bool {
    let block = |at: usize| {
        haystack
            .reading
            .block_at(haystack.folded.original(&(at..at + 1)).start)
    };
    let first = block(a);
    first.is_some() && first == block(b)
}

/// The passage closest to `quote`, when one is within about a third of its length.
fn nearest(haystack: &Haystack<'_>, quote: &str) -> Option<Range<usize>> {
    let length = quote.chars().count();
    let budget = (length / 3).max(1);
    let found = fuzzy::near_matches(quote, &haystack.folded.text, budget, 1);
    let best = found.into_iter().next()?;
    // A space at either end is an edit like any other; the passage shown reads better
    // without it.
    let text = &haystack.folded.text[best.range.clone()];
    let start = best.range.start + (text.len() - text.trim_start_matches(' ').len());
    let end = best.range.end - (text.len() - text.trim_end_matches(' ').len());
    Some(haystack.folded.original(&(start..end.max(start))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(quote: &str) -> NoteSpec {
        NoteSpec {
            body: Some("b".into()),
            ..NoteSpec::on(0, quote)
        }
    }

    #[test]
    fn places_are_the_candidates_occurrence_counts_among() {
        let reading = ReadingText::build("Kim met Kim.\n\n```\nKim\n```\n\nNorth Korean Kim.\n");
        let haystack = Haystack::new(&reading);
        let kims = places(&haystack, &note("Kim"));
        // Code is left out; a prefix narrows; occurrence does not.
        assert_eq!(kims.len(), 3);
        assert!(kims.iter().all(|r| &reading.text[r.clone()] == "Kim"));
        let korean = NoteSpec {
            prefix: Some("Korean".into()),
            occurrence: Some(9),
            ..note("Kim")
        };
        assert_eq!(places(&haystack, &korean), [kims[2].clone()]);
        assert!(places(&haystack, &note("nowhere")).is_empty());
    }

    #[test]
    fn notes_sharing_a_quote_each_take_their_own_place() {
        let reading = ReadingText::build("Kim met Kim.\n\nNorth Korean Kim.\n");
        let haystack = Haystack::new(&reading);
        let at = |n: Option<usize>, prefix: Option<&str>| NoteSpec {
            occurrence: n,
            prefix: prefix.map(Into::into),
            ..note("Kim")
        };
        let notes = [
            at(Some(3), None),
            at(Some(1), None),
            at(Some(1), Some("Korean")),
            at(Some(4), None),
            at(None, None),
            at(Some(2), None),
        ];
        let found = locate_all(&haystack, &notes);
        let starts: Vec<Option<usize>> = found
            .iter()
            .map(|r| r.as_ref().ok().map(|r| r.start))
            .collect();
        assert_eq!(starts, [Some(27), Some(0), Some(27), None, None, Some(8)]);
        assert!(matches!(
            &found[3],
            Err(AnchorError::OccurrenceOutOfRange { occurrence: 4, candidates }) if candidates.len() == 3
        ));
        assert!(
            matches!(&found[4], Err(AnchorError::AmbiguousQuote { candidates }) if candidates.len() == 3)
        );
    }

    fn locate(body: &str, note: &NoteSpec) -> Result<String, AnchorError> {
        let reading = ReadingText::build(body);
        let haystack = Haystack::new(&reading);
        let result = locate_all(&haystack, std::slice::from_ref(note)).remove(0);
        result.map(|r| reading.text[r].to_owned())
    }

    #[test]
    fn overlapping_places_are_all_candidates() {
        let err = locate("aaa", &note("aa")).unwrap_err();
        assert_eq!(
            err,
            AnchorError::AmbiguousQuote {
                candidates: vec![0..2, 1..3]
            }
        );
    }

    #[test]
    fn prefix_and_suffix_narrow_with_optional_space() {
        let mut n = note("Kim");
        n.prefix = Some("leader ".into());
        assert_eq!(
            locate("Kim met the leader Kim today.", &n).as_deref(),
            Ok("Kim")
        );
        n.prefix = None;
        n.suffix = Some("met".into());
        assert_eq!(
            locate("Kim met the leader Kim today.", &n).as_deref(),
            Ok("Kim")
        );
    }

    #[test]
    fn a_quote_across_two_paragraphs_says_so() {
        let err = locate("End of one.\n\nStart of two.", &note("one. Start")).unwrap_err();
        assert!(
            matches!(err, AnchorError::QuoteAcrossBlocks { .. }),
            "{err:?}"
        );
    }
}
