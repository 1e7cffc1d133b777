//! Where the notes placed by `occurrence` stood at the last build, and which of them an
//! edit has moved without a word of warning.
//!
//! A note whose words occur once, or whose `prefix` and `suffix` leave one place, cannot
//! move silently: an edit that adds a second place makes the build fail. A note that
//! picks its place by `occurrence` can: words of its quote added or removed before it
//! make the same number pick another place, and the build goes on. So each build
//! records, for every such note, the words around its place; the next build (or `check`)
//! looks for those words among the note's places now, and warns when they are still
//! there but the note has left them.
//!
//! In: anchored articles and the last record. Out: the new record (the text of
//! [`FILE`] in the output folder) and warnings. Nothing here changes where a note goes.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::locate::{self, Haystack};
use super::{AnchoredArticle, AnchoredNote};
use crate::cache::Key;
use crate::diagnostic::Diagnostic;
use crate::parse::reading_text::ReadingText;
use crate::parse::sidecar::NoteSpec;
use crate::parse::Article;

/// The record's file in the output folder, beside the list of files gloss wrote.
pub const FILE: &str = ".gloss-anchors";

/// How many characters of its block on each side of a note's words the record keeps.
const AROUND: usize = 32;

/// The first line of the record.
const HEADER: &str = "# gloss: where the notes placed by `occurrence` stood at this build";

/// The words around a note's place: up to 32 characters of its block on each
/// side, white space collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stood {
    /// The article, by its path under `content/`.
    pub article: String,
    /// Before the quoted words.
    pub before: String,
    /// The quoted words, as the article shows them.
    pub quoted: String,
    /// After them.
    pub after: String,
}

/// Where the notes placed by `occurrence` stood, each by a hash of its article and the
/// values that place it.
pub type Record = HashMap<u64, Stood>;

/// What identifies a note from build to build: its article and the values that place it
/// (not its body, which may change while it stays put).
fn key(article: &Article, spec: &NoteSpec) -> u64 {
    let optional = |key: Key, value: &Option<String>| match value {
        Some(text) => key.u64(1).str(text),
        None => key.u64(0),
    };
    let key = Key::new().str(&article.file.rel).str(&spec.quote);
    let key = optional(optional(key, &spec.prefix), &spec.suffix);
    key.u64(spec.occurrence.unwrap_or(0) as u64).finish()
}

/// The words around `range` within its block of `article`'s reading text.
fn around(article: &Article, range: &Range<usize>) -> Stood {
    let reading: &ReadingText = &article.reading;
    let block = reading
        .block_at(range.start)
        .map_or(0..reading.text.len(), |b| reading.blocks[b].text.clone());
    let start = range.start.max(block.start);
    let end = range.end.min(block.end).max(start);
    let collapse = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let before: String = {
        let text = &reading.text[block.start..start];
        let skip = text.chars().count().saturating_sub(AROUND);
        text.chars().skip(skip).collect()
    };
    let after: String = reading.text[end..block.end].chars().take(AROUND).collect();
    Stood {
        article: article.file.rel.clone(),
        before: collapse(&before),
        quoted: collapse(&reading.text[start..end]),
        after: collapse(&after),
    }
}

/// This build's record: every note with an `occurrence`, and the words around it.
pub fn record(articles: &[Arc<AnchoredArticle>]) -> Record {
    articles
        .iter()
        .flat_map(|anchored| {
            let article = &anchored.article;
            placed_by_occurrence(&anchored.notes)
                .map(move |note| (key(article, &note.spec), around(article, &note.range)))
        })
        .collect()
}

fn placed_by_occurrence(notes: &[AnchoredNote]) -> impl Iterator<Item = &AnchoredNote> {
    notes.iter().filter(|n| n.spec.occurrence.is_some())
}

/// The record as the text of [`FILE`]: a line a note, sorted; `None` when no note has an
/// `occurrence` (the file is then left out).
pub fn file_text(record: &Record) -> Option<String> {
    if record.is_empty() {
        return None;
    }
    let clean = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    let mut lines: Vec<String> = record
        .iter()
        .map(|(key, stood)| {
            format!(
                "{key:016x}\t{}\t{}\t{}\t{}",
                clean(&stood.article),
                clean(&stood.before),
                clean(&stood.quoted),
                clean(&stood.after)
            )
        })
        .collect();
    lines.sort_unstable();
    Some(format!("{HEADER}\n{}\n", lines.join("\n")))
}

/// Reads a record written by [`file_text`]; lines it cannot read are passed over (the worst
/// that can come of that is a warning not given).
pub fn parse(text: &str) -> Record {
    if !text.starts_with(HEADER) {
        return Record::new();
    }
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let key = u64::from_str_radix(fields.next()?, 16).ok()?;
            let stood = Stood {
                article: fields.next()?.to_owned(),
                before: fields.next()?.to_owned(),
                quoted: fields.next()?.to_owned(),
                after: fields.next()?.to_owned(),
            };
            Some((key, stood))
        })
        .collect()
}

/// The record the last build left in `output_dir`, or an empty one.
pub fn read(output_dir: &Path) -> Record {
    std::fs::read_to_string(output_dir.join(FILE))
        .map(|text| parse(&text))
        .unwrap_or_default()
}

/// A note placed by `occurrence` that has left the words it stood by at the last build,
/// while those words are still one of its places.
#[derive(Debug, Clone)]
pub struct Move<'a> {
    /// Its article.
    pub article: &'a AnchoredArticle,
    /// The note, where it stands now.
    pub note: &'a AnchoredNote,
    /// Its place at the last build, in the reading text as it is now.
    pub was: Range<usize>,
    /// Which of the note's places that is now, from 1: the `occurrence` that finds it.
    pub number: usize,
    /// The words around it at the last build.
    pub then: Stood,
    /// The words around it now.
    pub now: Stood,
}

/// Every note placed by `occurrence` that has left the place `last` recorded for it
/// while that place is still one of its places.
pub fn moves<'a>(articles: &'a [Arc<AnchoredArticle>], last: &Record) -> Vec<Move<'a>> {
    if last.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for anchored in articles {
        let article = &anchored.article;
        let mut haystack = None;
        // Notes told apart only by `occurrence` share their places.
        let mut shared: std::collections::HashMap<_, Vec<Range<usize>>> =
            std::collections::HashMap::new();
        for note in placed_by_occurrence(&anchored.notes) {
            let Some(then) = last.get(&key(article, &note.spec)) else {
                continue;
            };
            let now = around(article, &note.range);
            if &now == then {
                continue;
            }
            let haystack = haystack.get_or_insert_with(|| Haystack::new(&article.reading));
            let spec = &note.spec;
            let places = shared
                .entry((&spec.quote, &spec.prefix, &spec.suffix))
                .or_insert_with(|| locate::places(haystack, spec));
            // When the words around it were edited, it did not leave them.
            if let Some(at) = places
                .iter()
                .position(|place| around(article, place) == *then)
            {
                found.push(Move {
                    article: anchored,
                    note,
                    was: places[at].clone(),
                    number: at + 1,
                    then: then.clone(),
                    now,
                });
            }
        }
    }
    found
}

/// A warning for each of [`moves`].
pub fn moved(articles: &[Arc<AnchoredArticle>], last: &Record) -> Vec<Diagnostic> {
    moves(articles, last).iter().filter_map(warning).collect()
}

/// The words around a place as a message shows them: the record keeps them with their
/// white space collapsed, so a space is shown between them, but not before the
/// punctuation that follows a word.
fn shown(stood: &Stood) -> String {
    let closes = ['.', ',', ';', ':', '!', '?', ')', '”', '’', '»'];
    let gap = if stood.after.is_empty() || stood.after.starts_with(closes) {
        ""
    } else {
        " "
    };
    let before = if stood.before.is_empty() {
        String::new()
    } else {
        format!("{} ", stood.before)
    };
    format!("“…{before}[{}]{gap}{}…”", stood.quoted, stood.after)
}

fn warning(moved: &Move<'_>) -> Option<Diagnostic> {
    let sidecar = moved.article.article.sidecar.as_ref()?;
    let note = moved.note;
    let occurrence = note.spec.occurrence.unwrap_or(1);

    Some(
        Diagnostic::warning(
            &sidecar.file.path,
            format!(
                "note {} (marker {} on the page) has moved to other words: at the last build `occurrence = {occurrence}` picked the place of “{}” that is now number {}",
                note.spec.index + 1, note.number, note.spec.quote, moved.number
            ),
        )
        .at(&sidecar.file.text, note.spec.spans.quote.clone())
        .label(note.spec.label(&sidecar.file.text, note.spec.spans.quote.start))
        .note(format!("at the last build: {}", shown(&moved.then)))
        .note(format!("now, article line {}: {}", note.line, shown(&moved.now)))
        .hint(format!(
            "words of the quote were added or removed before it; to keep the note where it was, write `occurrence = {}`, or better a `prefix` or `suffix`, which edits elsewhere do not move (`gloss check --fix` proposes one)",
            moved.number
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_around_a_place_are_shown_without_a_space_before_punctuation() {
        let stood = |before: &str, after: &str| Stood {
            article: "a.md".into(),
            before: before.into(),
            quoted: "Hanoi".into(),
            after: after.into(),
        };
        assert_eq!(
            shown(&stood("talks in", ", Kim said")),
            "“…talks in [Hanoi], Kim said…”"
        );
        assert_eq!(shown(&stood("", "was")), "“…[Hanoi] was…”");
        assert_eq!(shown(&stood("in", "")), "“…in [Hanoi]…”");
    }

    #[test]
    fn the_record_reads_back_as_written() {
        let mut record = Record::new();
        record.insert(
            7,
            Stood {
                article: "2020/talks.md".into(),
                before: "said the\tenvoy".into(),
                quoted: "CVID".into(),
                after: "was the aim".into(),
            },
        );
        let written = file_text(&record).expect("a note");
        let back = parse(&written);
        assert_eq!(back[&7].before, "said the envoy");
        assert_eq!(back[&7].after, "was the aim");
        assert!(file_text(&Record::new()).is_none());
        assert_eq!(back[&7].article, "2020/talks.md");
        assert!(parse("something else\n0000000000000007\tx.md\ta\tb\tc\n").is_empty());
    }

    #[test]
    fn the_words_around_a_place_stay_in_its_block() {
        let text = "+++\ntitle = \"T\"\ndate = 2020-01-01\n+++\nFirst block ends.\n\nThe  CVID\ndemand was made.\n";
        let content = crate::load::Content {
            articles: vec![crate::load::SourceFile {
                path: "content/2020/t.md".into(),
                rel: "2020/t.md".into(),
                text: text.into(),
            }],
            ..crate::load::Content::default()
        };
        let parsed =
            crate::parse::content(content, crate::config::Drafts::Exclude).expect("parsed");
        let article = &parsed.articles[0];
        let at = article.reading.text.find("CVID").unwrap();
        let stood = around(article, &(at..at + 4));
        assert_eq!(stood.article, "2020/t.md");
        assert_eq!(stood.before, "The");
        assert_eq!(stood.quoted, "CVID");
        assert_eq!(stood.after, "demand was made.");
    }
}
