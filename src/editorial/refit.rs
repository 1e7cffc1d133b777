//! Re-anchors notes whose quote no longer matches after their article was edited.
//!
//! In: an article (its reading text) and its notes. Out: for each note that fails to
//! anchor, either one new place with the `quote`, `prefix`, `suffix` and `occurrence`
//! that pick it out, or why there is none, with the best candidates. Exact places of the
//! quote come first; otherwise passages within a bounded edit distance of it (a quarter
//! of its length) are scored on the quote and on the note's prefix and suffix. Only a
//! strong match that is clearly better than the next is proposed; the proposal is checked
//! by anchoring it again. Nothing is written here: [`super::rewrite`] does that.

use std::borrow::Borrow;
use std::ops::Range;

use super::align::{
    anchored_distance, best_substring, distance, next_word_start, previous_word_end, word_end,
    word_start,
};
use crate::anchor::fuzzy;
use crate::anchor::locate::{locate_all, AnchorError, Haystack};
use crate::anchor::normalize::fold;
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;
use crate::parse::reading_text::BlockKind;
use crate::parse::sidecar::NoteSpec;
use crate::parse::{Article, Parsed};

/// The values of a note that decide where it anchors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Anchoring {
    /// The quoted words.
    pub quote: String,
    /// Words just before them.
    pub prefix: Option<String>,
    /// Words just after them.
    pub suffix: Option<String>,
    /// Which of the remaining places, from 1.
    pub occurrence: Option<usize>,
}

impl Anchoring {
    /// The anchoring values of a note as written.
    pub fn of(spec: &NoteSpec) -> Self {
        Self {
            quote: spec.quote.clone(),
            prefix: spec.prefix.clone(),
            suffix: spec.suffix.clone(),
            occurrence: spec.occurrence,
        }
    }

    fn applied_to(&self, spec: &NoteSpec) -> NoteSpec {
        NoteSpec {
            quote: self.quote.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
            occurrence: self.occurrence,
            ..spec.clone()
        }
    }
}

/// A passage of the article a lost note might belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its range in the reading text.
    pub range: Range<usize>,
    /// Character edits between the note's quote and the passage.
    pub quote_edits: usize,
    /// Character edits between the note's prefix and suffix and the words around it.
    pub context_edits: usize,
    /// 1-based line in the article file.
    pub line: usize,
    /// The passage with some words around it, the passage in «».
    pub excerpt: String,
}

/// Why a note was left where it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unplaced {
    /// No passage is within a quarter of the quote's length in edits.
    NoCloseMatch,
    /// The best passage fits the quote, but not the note's prefix and suffix.
    ContextChanged,
    /// Two or more passages fit about equally well.
    Ambiguous,
    /// The best passage could not be told apart from the others by prefix, suffix or
    /// occurrence.
    NotUnique,
}

impl Unplaced {
    /// One sentence for the report.
    pub fn describe(self) -> &'static str {
        match self {
            Self::NoCloseMatch => "no passage of the article is close to the quote any more",
            Self::ContextChanged => {
                "the closest passage no longer has the note's prefix or suffix around it"
            }
            Self::Ambiguous => "several passages fit about equally well",
            Self::NotUnique => "the best passage cannot be told apart from the others",
        }
    }
}

/// What re-anchoring found for one note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// One strong new place; `to` anchors there and only there.
    Refit {
        /// The new anchoring values.
        to: Anchoring,
        /// The place.
        place: Candidate,
    },
    /// No place good enough to write.
    Unplaced {
        /// Why.
        reason: Unplaced,
        /// The best passages, best first (at most three).
        candidates: Vec<Candidate>,
    },
}

/// A note that does not anchor any more, and what was found for it.
#[derive(Debug, Clone)]
pub struct NoteRefit {
    /// The note as written.
    pub spec: NoteSpec,
    /// What anchoring says now.
    pub error: AnchorError,
    /// The proposal, or why there is none.
    pub outcome: Outcome,
}

/// One sidecar whose notes need attention.
#[derive(Debug, Clone)]
pub struct SidecarRefit {
    /// The sidecar file.
    pub sidecar: SourceFile,
    /// The article's file, relative to `content/`.
    pub article: String,
    /// Every note that fails to anchor, in sidecar order.
    pub notes: Vec<NoteRefit>,
}

/// Re-anchors the failing notes of every article that has a sidecar.
pub fn content(parsed: &Parsed) -> Vec<SidecarRefit> {
    parsed
        .articles
        .iter()
        .filter_map(|article| {
            let sidecar = article.sidecar.as_ref()?;
            let notes = self::article(article, &sidecar.notes);
            (!notes.is_empty()).then(|| SidecarRefit {
                sidecar: sidecar.file.clone(),
                article: article.file.rel.clone(),
                notes,
            })
        })
        .collect()
}

/// Re-anchors the notes of `article` that fail to anchor; notes that anchor are left out.
pub fn article<N: Borrow<NoteSpec>>(article: &Article, notes: &[N]) -> Vec<NoteRefit> {
    let haystack = Haystack::new(&article.reading);
    let text = Chars::new(&haystack.folded.text);
    locate_all(&haystack, notes)
        .into_iter()
        .zip(notes)
        .filter_map(|(result, spec)| {
            let error = result.err()?;
            let spec = spec.borrow();
            let outcome = refit(article, &haystack, &text, spec);
            Some(NoteRefit {
                spec: spec.clone(),
                error,
                outcome,
            })
        })
        .collect()
}

/// The folded reading text as characters, with the byte offset of each.
struct Chars {
    chars: Vec<char>,
    bytes: Vec<usize>,
}

impl Chars {
    fn new(text: &str) -> Self {
        let (mut bytes, chars): (Vec<usize>, Vec<char>) = text.char_indices().unzip();
        bytes.push(text.len());
        Self { chars, bytes }
    }

    fn index_of(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    fn byte_range(&self, chars: &Range<usize>) -> Range<usize> {
        self.bytes[chars.start]..self.bytes[chars.end]
    }
}

/// A place being weighed, in characters of the folded text.
#[derive(Debug, Clone)]
struct Place {
    chars: Range<usize>,
    quote_edits: usize,
    context_edits: usize,
}

impl Place {
    fn cost(&self) -> usize {
        self.quote_edits * 2 + self.context_edits
    }
}

/// How many edits a quote of `length` characters may be from its new passage.
fn budget(length: usize) -> usize {
    if length < 8 {
        0
    } else {
        length / 4
    }
}

fn refit(article: &Article, haystack: &Haystack<'_>, text: &Chars, spec: &NoteSpec) -> Outcome {
    let quote: Vec<char> = fold(&spec.quote).chars().collect();
    let mut places = exact_places(haystack, text, &quote);
    for place in &mut places {
        place.context_edits = context_edits(haystack, text, spec, &place.chars);
    }
    // The exact words elsewhere do not hide the edited passage that still has the note's
    // prefix and suffix around it: both are weighed, each with its context.
    if places.iter().all(|p| p.context_edits > 0) {
        let mut near = near_places(haystack, text, &quote);
        near.retain(|n| {
            places
                .iter()
                .all(|p| n.chars.end <= p.chars.start || p.chars.end <= n.chars.start)
        });
        for place in &mut near {
            place.context_edits = context_edits(haystack, text, spec, &place.chars);
        }
        places.extend(near);
    }
    places.sort_by_key(|p| (p.cost(), p.chars.start));
    let candidates: Vec<Candidate> = places
        .iter()
        .take(3)
        .map(|p| candidate(article, haystack, text, p))
        .collect();
    let unplaced = |reason| Outcome::Unplaced {
        reason,
        candidates: candidates.clone(),
    };
    let Some(best) = places.first() else {
        return unplaced(Unplaced::NoCloseMatch);
    };
    let context_length = [&spec.prefix, &spec.suffix]
        .into_iter()
        .flatten()
        .map(|c| fold(c).chars().count())
        .sum::<usize>();
    // Context that half changed is gone, unless the quote with its prefix and suffix,
    // taken as one passage, is still within a quarter of its length in edits: "in return
    // for" edited to "in exchange for" leaves the same words in the same sentence.
    if context_length > 0
        && best.context_edits * 2 > context_length
        && best.quote_edits + best.context_edits > budget(quote.len() + context_length)
    {
        return unplaced(Unplaced::ContextChanged);
    }
    let margin = (quote.len() / 10).max(2);
    if places
        .get(1)
        .is_some_and(|second| second.cost() < best.cost() + margin)
    {
        return unplaced(Unplaced::Ambiguous);
    }
    let place = candidates[0].clone();
    let new_quote = (best.quote_edits > 0).then(|| written(article, &place.range));
    match unique_anchoring(
        haystack,
        article.body_text(),
        spec,
        &place.range,
        new_quote.as_deref(),
    ) {
        Some(to) => Outcome::Refit { to, place },
        None => unplaced(Unplaced::NotUnique),
    }
}

/// The reading-text block holding a folded range, when it is one annotatable block.
fn block_of(haystack: &Haystack<'_>, bytes: &Range<usize>) -> Option<usize> {
    let original = haystack.folded.original(bytes);
    let reading = haystack.reading;
    let first = reading.block_at(original.start)?;
    let last = reading.block_at(original.end.saturating_sub(1))?;
    (first == last && reading.blocks[first].kind != BlockKind::CodeBlock).then_some(first)
}

fn usable(haystack: &Haystack<'_>, text: &Chars, chars: &Range<usize>) -> bool {
    let bytes = text.byte_range(chars);
    !chars.is_empty()
        && haystack.folded.on_group_bounds(&bytes)
        && block_of(haystack, &bytes).is_some()
}

/// Every place where the folded quote occurs as it is.
fn exact_places(haystack: &Haystack<'_>, text: &Chars, quote: &[char]) -> Vec<Place> {
    let needle: String = quote.iter().collect();
    let folded = &haystack.folded.text;
    let mut places = Vec::new();
    if needle.is_empty() {
        return places;
    }
    let mut from = 0;
    while let Some(at) = folded[from..].find(&needle) {
        let start = from + at;
        let chars = text.index_of(start)..text.index_of(start + needle.len());
        if usable(haystack, text, &chars) {
            places.push(Place {
                chars,
                quote_edits: 0,
                context_edits: 0,
            });
        }
        from = start + folded[start..].chars().next().map_or(1, char::len_utf8);
    }
    places
}

/// Passages within the edit budget of the quote, each trimmed to whole words when the
/// quote starts and ends with whole words; overlapping ones keep the best.
fn near_places(haystack: &Haystack<'_>, text: &Chars, quote: &[char]) -> Vec<Place> {
    let budget = budget(quote.len());
    if budget == 0 {
        return Vec::new();
    }
    let folded = &haystack.folded.text;
    let head: String = quote.iter().take(64).collect();
    let head_budget = budget.min(head.chars().count() / 4);
    let mut starts: Vec<usize> = fuzzy::near_matches(&head, folded, head_budget, 8)
        .into_iter()
        .map(|m| text.index_of(m.range.start))
        .collect();
    if quote.len() > 64 {
        let tail: String = quote[quote.len() - 64..].iter().collect();
        starts.extend(
            fuzzy::near_matches(&tail, folded, head_budget, 8)
                .into_iter()
                .map(|m| text.index_of(m.range.end).saturating_sub(quote.len())),
        );
    }
    let mut places: Vec<Place> = Vec::new();
    for start in starts {
        let Some(place) = align_near(text, quote, start, budget) else {
            continue;
        };
        if place.quote_edits > budget || !usable(haystack, text, &place.chars) {
            continue;
        }
        match places
            .iter_mut()
            .find(|p| p.chars.start < place.chars.end && place.chars.start < p.chars.end)
        {
            Some(same) if place.quote_edits < same.quote_edits => *same = place,
            Some(_) => {}
            None => places.push(place),
        }
    }
    places
}

/// The best passage for `quote` in a window around char `start`, snapped to words.
fn align_near(text: &Chars, quote: &[char], start: usize, budget: usize) -> Option<Place> {
    let chars = &text.chars;
    let from = start.saturating_sub(budget + 2);
    let to = (start + quote.len() + budget + 2).min(chars.len());
    let window = &chars[from..to];
    let (range, _) = best_substring(quote, window)?;
    let rough = from + range.start..from + range.end;
    let word = |c: char| c.is_alphanumeric();
    let mut starts = vec![rough.start, word_start(chars, rough.start)];
    let mut ends = vec![rough.end, word_end(chars, rough.end)];
    if quote.first().copied().is_some_and(word) {
        starts.push(next_word_start(chars, rough.start));
    }
    if quote.last().copied().is_some_and(word) {
        ends.push(previous_word_end(chars, rough.end));
    }
    // The quote's own marks around its words go with them: `"grand bargain"` edited to
    // `"grand bargains"` ends after the closing quotation mark, not inside the word.
    let mark = |c: char| !word(c) && !c.is_whitespace();
    let lead = quote.iter().take_while(|c| mark(**c)).count();
    let trail = quote.iter().rev().take_while(|c| mark(**c)).count();
    for s in starts.clone() {
        let mut s = s;
        for _ in 0..lead {
            if s == 0 || !mark(chars[s - 1]) {
                break;
            }
            s -= 1;
            starts.push(s);
        }
    }
    for e in ends.clone() {
        let mut e = e;
        for _ in 0..trail {
            if e >= chars.len() || !mark(chars[e]) {
                break;
            }
            e += 1;
            ends.push(e);
        }
    }
    // A passage that cuts a word in two is never proposed: "treaty was fin" is closer to
    // "treaty was signed" than any whole words of "treaty was finally signed", but it is
    // not what the editor quoted.
    // Of passages as close, the one that starts and ends as the quote does: "a press
    // conference afterwards" for "a rare press conference afterwards", not "In a press
    // conference afterwards", which is as many edits away.
    let affix = |r: &Range<usize>| {
        let passage = &chars[r.clone()];
        let same_start = quote
            .iter()
            .zip(passage)
            .take_while(|(a, b)| a == b)
            .count();
        let same_end = quote
            .iter()
            .rev()
            .zip(passage.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        same_start + same_end
    };
    let mut best: Option<(usize, Range<usize>)> = None;
    for &s in &starts {
        for &e in &ends {
            if s >= e {
                continue;
            }
            let cuts_start = s > 0 && word(chars[s - 1]) && word(chars[s]);
            let cuts_end = e < chars.len() && word(chars[e - 1]) && word(chars[e]);
            if cuts_start || cuts_end {
                continue;
            }
            let edits = distance(quote, &chars[s..e]);
            let better = best
                .as_ref()
                .is_none_or(|(d, r)| edits < *d || (edits == *d && affix(&(s..e)) > affix(r)));
            if better {
                best = Some((edits, s..e));
            }
        }
    }
    best.map(|(quote_edits, chars)| Place {
        chars,
        quote_edits,
        context_edits: 0,
    })
}

/// Edits between the note's prefix and suffix and the words around `place`, in its block.
fn context_edits(
    haystack: &Haystack<'_>,
    text: &Chars,
    spec: &NoteSpec,
    place: &Range<usize>,
) -> usize {
    let Some(block) = block_of(haystack, &text.byte_range(place)) else {
        return 0;
    };
    let block = &haystack.reading.blocks[block].text;
    let origin = &haystack.folded.origin;
    let first = text.index_of(origin.partition_point(|o| (o.start as usize) < block.start));
    let last = text.index_of(origin.partition_point(|o| (o.start as usize) < block.end));
    let chars = &text.chars;
    let mut edits = 0;
    if let Some(prefix) = &spec.prefix {
        let prefix: Vec<char> = fold(prefix).chars().rev().collect();
        let from = place.start.saturating_sub(prefix.len() * 2 + 2).max(first);
        let before: Vec<char> = chars[from..place.start].iter().rev().copied().collect();
        let before = before.strip_prefix(&[' ']).unwrap_or(&before);
        edits += anchored_distance(&prefix, before);
    }
    if let Some(suffix) = &spec.suffix {
        let suffix: Vec<char> = fold(suffix).chars().collect();
        let to = (place.end + suffix.len() * 2 + 2).min(last).max(place.end);
        let after = &chars[place.end..to];
        let after = after.strip_prefix(&[' ']).unwrap_or(after);
        edits += anchored_distance(&suffix, after);
    }
    edits
}

fn candidate(article: &Article, haystack: &Haystack<'_>, text: &Chars, place: &Place) -> Candidate {
    let range = haystack.folded.original(&text.byte_range(&place.chars));
    let reading = &article.reading;
    Candidate {
        line: article.line_of(reading.source_offset(range.start)),
        excerpt: excerpt(
            &reading.text,
            &range,
            reading
                .block_at(range.start)
                .map(|b| reading.blocks[b].text.clone()),
        ),
        range,
        quote_edits: place.quote_edits,
        context_edits: place.context_edits,
    }
}

/// Up to six words either side of `range` within its block, the passage in «».
pub fn excerpt(text: &str, range: &Range<usize>, block: Option<Range<usize>>) -> String {
    let block = block.unwrap_or(0..text.len());
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let before: Vec<&str> = text[block.start..range.start].split_whitespace().collect();
    let after: Vec<&str> = text[range.end..block.end.max(range.end)]
        .split_whitespace()
        .collect();
    let lead = if before.len() > 6 { "…" } else { "" };
    let tail = if after.len() > 6 { "…" } else { "" };
    let space_before = if text[..range.start].ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let space_after = if text[range.end..].starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!(
        "{lead}{}{space_before}«{}»{space_after}{}{tail}",
        before[before.len().saturating_sub(6)..].join(" "),
        flat(&text[range.clone()]),
        after[..after.len().min(6)].join(" "),
    )
    .trim()
    .to_owned()
}

/// The anchoring values that pick out `range` of the reading text and nothing else,
/// preferring the note's own prefix and suffix, then the same number of words from the
/// new place, then none, then more words (never words without a letter or digit), then
/// an occurrence. The quote is `new_quote`, or the note's own when that is `None`; words
/// of a new prefix or suffix are taken as `body` (the article's Markdown body) writes
/// them (see [`written`]). `None` when nothing picks it out.
pub fn unique_anchoring(
    haystack: &Haystack<'_>,
    body: &str,
    spec: &NoteSpec,
    range: &Range<usize>,
    new_quote: Option<&str>,
) -> Option<Anchoring> {
    let reading = haystack.reading;
    let block = reading.blocks[reading.block_at(range.start)?].text.clone();
    let quote = new_quote.map_or_else(|| spec.quote.clone(), str::to_owned);
    let ahead = written_in(reading, body, &(block.start..range.start));
    let behind = written_in(reading, body, &(range.end..block.end));
    let before = |n: usize| words(&ahead, n, Side::End);
    let after = |n: usize| words(&behind, n, Side::Start);
    let count = |c: &Option<String>| c.as_deref().map_or(0, |c| c.split_whitespace().count());
    let plain = Anchoring {
        quote,
        ..Anchoring::default()
    };
    let mut tries = Vec::new();
    if spec.prefix.is_some() || spec.suffix.is_some() {
        tries.push(Anchoring {
            prefix: spec.prefix.clone(),
            suffix: spec.suffix.clone(),
            ..plain.clone()
        });
        tries.push(Anchoring {
            prefix: before(count(&spec.prefix)),
            suffix: after(count(&spec.suffix)),
            ..plain.clone()
        });
    }
    tries.push(plain.clone());
    let worded = |c: &Option<String>| {
        c.as_deref()
            .is_some_and(|c| c.contains(char::is_alphanumeric))
    };
    tries.extend((1..=8).map(before).filter(worded).map(|prefix| Anchoring {
        prefix,
        ..plain.clone()
    }));
    tries.extend((1..=8).map(after).filter(worded).map(|suffix| Anchoring {
        suffix,
        ..plain.clone()
    }));
    tries.dedup();
    let anchors =
        |to: &Anchoring| locate_all(haystack, std::slice::from_ref(&to.applied_to(spec))).remove(0);
    for attempt in tries {
        match anchors(&attempt) {
            Ok(found) if found == *range => return Some(attempt),
            _ => {}
        }
    }
    if let Err(AnchorError::AmbiguousQuote { candidates }) = anchors(&plain) {
        let n = candidates.iter().position(|c| c == range)? + 1;
        let with = Anchoring {
            occurrence: Some(n),
            ..plain
        };
        return (anchors(&with).as_ref() == Ok(range)).then_some(with);
    }
    None
}

/// The words at `range` of the article's reading text as its source writes them, runs of
/// white space made one space: the straight quotation marks, apostrophes, `...` and `--`
/// the writer typed, where the reading text shows them curled (`"grand bargains"`, not
/// `“grand bargains”`). A note's values are the writer's own text, and match either.
pub fn written(article: &Article, range: &Range<usize>) -> String {
    written_in(&article.reading, article.body_text(), range)
}

fn written_in(
    reading: &crate::parse::reading_text::ReadingText,
    body: &str,
    range: &Range<usize>,
) -> String {
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    let first = reading
        .segments
        .partition_point(|s| s.text().end <= range.start);
    for segment in &reading.segments[first..] {
        let shown = segment.text();
        if shown.start >= range.end {
            break;
        }
        let start = shown.start.max(at);
        out.push_str(&reading.text[at..start]);
        let end = shown.end.min(range.end);
        let source = body.get(segment.source()).unwrap_or_default();
        // Only a whole segment that reads as its source (typography curled by Markdown)
        // is taken from the source; escapes and entities are shown as read.
        let whole = start == shown.start && end == shown.end;
        if !segment.literal && whole && fold(source) == fold(&reading.text[shown.clone()]) {
            out.push_str(source);
        } else {
            out.push_str(&reading.text[start..end]);
        }
        at = end;
    }
    out.push_str(&reading.text[at.min(range.end)..range.end]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Clone, Copy)]
enum Side {
    Start,
    End,
}

/// The first or last `n` words of `text` (as written, runs of white space made one
/// space), or `None` for none.
fn words(text: &str, n: usize, side: Side) -> Option<String> {
    if n == 0 {
        return None;
    }
    let all: Vec<&str> = text.split_whitespace().collect();
    let picked = match side {
        Side::Start => &all[..all.len().min(n)],
        Side::End => &all[all.len().saturating_sub(n)..],
    };
    (!picked.is_empty()).then(|| picked.join(" "))
}

/// The diagnostic `check --fix` shows for a note left unplaced.
pub fn unplaced_diagnostic(sidecar: &SourceFile, refit: &NoteRefit) -> Option<Diagnostic> {
    let Outcome::Unplaced { reason, candidates } = &refit.outcome else {
        return None;
    };
    let spec = &refit.spec;
    let mut diagnostic = Diagnostic::error(
        &sidecar.path,
        format!(
            "note {} stays unplaced: {}",
            spec.index + 1,
            reason.describe()
        ),
    )
    .at(&sidecar.text, spec.spans.quote.clone())
    .label(spec.label(&sidecar.text, spec.spans.quote.start));
    for (i, c) in candidates.iter().enumerate() {
        diagnostic = diagnostic.note(format!(
            "candidate {}, article line {} ({} edit(s) from the quote{}): \"{}\"",
            i + 1,
            c.line,
            c.quote_edits,
            if c.context_edits > 0 {
                format!(", {} from its prefix/suffix", c.context_edits)
            } else {
                String::new()
            },
            c.excerpt
        ));
    }
    Some(diagnostic.hint(match reason {
        Unplaced::NoCloseMatch => {
            "the words were probably deleted: point the note at other words, or remove it"
        }
        _ => "copy the right words into `quote`, with `prefix` or `suffix` from around them",
    }))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn note(quote: &str, prefix: Option<&str>) -> NoteSpec {
        NoteSpec {
            prefix: prefix.map(str::to_owned),
            body: Some("b".into()),
            ..NoteSpec::on(0, quote)
        }
    }

    /// An article parsed the way gloss parses any, from its body.
    pub(crate) fn article(body: &str) -> Article {
        let text = format!("+++\ntitle = \"t\"\ndate = 2019-01-01\n+++\n{body}");
        let file = SourceFile {
            path: "a.md".into(),
            rel: "a.md".into(),
            text: std::sync::Arc::from(text.as_str()),
        };
        let content = crate::load::Content {
            articles: vec![file],
            ..crate::load::Content::default()
        };
        let mut parsed =
            crate::parse::content(content, crate::config::Drafts::Include).expect("parses");
        std::sync::Arc::unwrap_or_clone(parsed.articles.remove(0))
    }

    fn refit_one(body: &str, spec: &NoteSpec) -> Outcome {
        let article = article(body);
        let mut found = super::article(&article, std::slice::from_ref(spec));
        assert_eq!(found.len(), 1, "the note should fail to anchor");
        found.remove(0).outcome
    }

    fn proposed(outcome: &Outcome) -> &Anchoring {
        match outcome {
            Outcome::Refit { to, .. } => to,
            Outcome::Unplaced { reason, candidates } => {
                panic!("unplaced: {reason:?} {candidates:#?}")
            }
        }
    }

    #[test]
    fn a_reworded_quote_moves_to_the_new_words() {
        let outcome = refit_one(
            "In a rare news conference afterwards, Ri spoke.\n",
            &note("a rare press conference afterwards", None),
        );
        assert_eq!(
            proposed(&outcome).quote,
            "a rare news conference afterwards"
        );
    }

    #[test]
    fn of_passages_as_close_the_one_that_starts_and_ends_as_the_quote_is_taken() {
        let outcome = refit_one(
            "In a press conference afterwards, Ri spoke.\n",
            &note("a rare press conference afterwards", None),
        );
        assert_eq!(proposed(&outcome).quote, "a press conference afterwards");
    }

    #[test]
    fn a_stale_prefix_is_refreshed_when_the_quote_is_still_there() {
        let body = "With North Korea's leader Kim Jong Un.\n\nNo deal with Kim Jong Un.\n";
        let outcome = refit_one(body, &note("Kim Jong Un", Some("North Korean leader")));
        let to = proposed(&outcome);
        assert_eq!(to.quote, "Kim Jong Un");
        // As the article writes it.
        assert_eq!(to.prefix.as_deref(), Some("North Korea's leader"));
    }

    #[test]
    fn deleted_words_are_not_matched_elsewhere() {
        let outcome = refit_one(
            "There are no good military options either.\n",
            &note("fire and fury", None),
        );
        assert!(matches!(
            outcome,
            Outcome::Unplaced {
                reason: Unplaced::NoCloseMatch,
                ..
            }
        ));
    }

    #[test]
    fn two_equal_passages_are_reported_not_guessed() {
        let outcome = refit_one(
            "The grand bargain. Later, a grand bargain.\n",
            &note("grand bargin", None),
        );
        let Outcome::Unplaced { reason, candidates } = outcome else {
            panic!("guessed")
        };
        assert_eq!(reason, Unplaced::Ambiguous);
        assert_eq!(candidates.len(), 2);
    }

    #[test]
    fn the_same_words_elsewhere_do_not_catch_a_note_whose_context_is_gone() {
        let body = "Something else entirely here.\n\nNo deal with Kim Jong Un.\n";
        let outcome = refit_one(body, &note("Kim Jong Un", Some("North Korean leader")));
        assert!(matches!(
            outcome,
            Outcome::Unplaced {
                reason: Unplaced::ContextChanged,
                ..
            }
        ));
    }

    #[test]
    fn a_quote_is_never_moved_onto_half_a_word() {
        let text = "The treaty was finally signed in Paris.";
        let outcome = refit_one(&format!("{text}\n"), &note("treaty was signed", None));
        if let Outcome::Refit { to, .. } = &outcome {
            let at = text
                .find(&to.quote)
                .expect("the proposed quote is in the text");
            let after = text[at + to.quote.len()..].chars().next();
            assert!(
                after.is_none_or(|c| !c.is_alphanumeric()),
                "proposed {:?}",
                to.quote
            );
        }
    }

    #[test]
    fn a_quote_ending_in_a_quotation_mark_ends_after_the_edited_word_as_written() {
        let outcome = refit_one(
            "He called it the \"grand bargains\" and left.\n",
            &note("called it the \"grand bargain\"", None),
        );
        assert_eq!(proposed(&outcome).quote, "called it the \"grand bargains\"");
    }

    #[test]
    fn a_long_quote_with_a_changed_tail_is_found() {
        let quote =
            "Red Line: American Foreign Policy in a Time of Fractured Politics and Failing States";
        let body = "He wrote Red Line: American Foreign Policy in a Time of Fractured Politics and Failed States.\n";
        let outcome = refit_one(body, &note(quote, None));
        assert_eq!(
            proposed(&outcome).quote,
            "Red Line: American Foreign Policy in a Time of Fractured Politics and Failed States"
        );
    }
}
