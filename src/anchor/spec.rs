//! Runs `cases.spec`: every anchoring rule of ANNOTATIONS.md as a readable case.
//!
//! In: the spec file's text. Out: one test that anchors each case's note in its article
//! and compares the result, written the way the spec writes it, with the expected one;
//! it fails naming every case that differs. The format is described at the top of the
//! spec file itself.

use std::fmt::Write as _;
use std::ops::Range;

use super::locate::{locate_all, AnchorError, Haystack};
use crate::parse::reading_text::ReadingText;
use crate::parse::sidecar::NoteSpec;

const SPEC: &str = include_str!("cases.spec");

/// One case of the spec file.
#[derive(Debug, Default)]
struct Case {
    title: String,
    line: usize,
    article: String,
    note: Option<NoteSpec>,
    expected: Vec<String>,
}

#[test]
fn every_case_of_the_spec_anchors_as_written() {
    let cases = parse(SPEC);
    assert!(cases.len() > 60, "only {} cases read", cases.len());
    let mut failures = String::new();
    for case in &cases {
        let Some(note) = &case.note else {
            panic!("case `{}` (line {}) has no quote", case.title, case.line);
        };
        let reading = ReadingText::build(&case.article);
        let haystack = Haystack::new(&reading);
        let result = locate_all(&haystack, std::slice::from_ref(note)).remove(0);
        let actual = describe(&reading, &result);
        if actual != case.expected {
            let _ = write!(
                failures,
                "\n## {} (cases.spec line {})\nexpected:\n=> {}\nactual:\n=> {}\n",
                case.title,
                case.line,
                case.expected.join("\n   "),
                actual.join("\n   ")
            );
        }
    }
    assert!(failures.is_empty(), "cases that differ:{failures}");
}

#[test]
fn the_spec_reader_reads_keys_and_escapes() {
    let cases = parse(
        "## t\n~~~~ article\na\\u{a0}b\n~~~~\nquote: x\\u{20}\noccurrence: 2\n=> one\n   two\n",
    );
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].article, "a\u{a0}b\n");
    let note = cases[0].note.as_ref().expect("note");
    assert_eq!(note.quote, "x ");
    assert_eq!(note.occurrence, Some(2));
    assert_eq!(cases[0].expected, ["one", "two"]);
}

fn parse(spec: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut in_article = false;
    for (index, line) in spec.lines().enumerate() {
        if in_article {
            if line == "~~~~" {
                in_article = false;
            } else if let Some(case) = cases.last_mut() {
                case.article.push_str(&unescape(line));
                case.article.push('\n');
            }
            continue;
        }
        if let Some(title) = line.strip_prefix("## ") {
            cases.push(Case {
                title: title.to_owned(),
                line: index + 1,
                ..Case::default()
            });
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue;
        };
        if line == "~~~~ article" {
            in_article = true;
        } else if let Some(expected) = line.strip_prefix("=> ") {
            case.expected.push(expected.to_owned());
        } else if let Some(more) = line
            .strip_prefix("   ")
            .filter(|_| !case.expected.is_empty())
        {
            case.expected.push(more.to_owned());
        } else if let Some((key, value)) = line.split_once(": ") {
            if key.chars().all(|c| c.is_ascii_lowercase()) {
                set(case, key, &unescape(value), index + 1);
            }
        }
    }
    cases
}

fn set(case: &mut Case, key: &str, value: &str, line: usize) {
    let note = case.note.get_or_insert_with(|| NoteSpec {
        body: Some("A note.".to_owned()),
        ..NoteSpec::on(0, "")
    });
    match key {
        "quote" => note.quote = value.to_owned(),
        "prefix" => note.prefix = Some(value.to_owned()),
        "suffix" => note.suffix = Some(value.to_owned()),
        "occurrence" => {
            note.occurrence = Some(
                value
                    .parse()
                    .unwrap_or_else(|_| panic!("line {line}: occurrence `{value}`")),
            );
        }
        _ => panic!("line {line}: unknown key `{key}`"),
    }
}

/// Replaces `\u{..}` with its character and `\\` with a backslash.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("\\\\") {
            out.push('\\');
            rest = after;
        } else if let Some((code, after)) =
            rest.strip_prefix("\\u{").and_then(|r| r.split_once('}'))
        {
            let c = u32::from_str_radix(code, 16)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or_else(|| panic!("bad escape \\u{{{code}}}"));
            out.push(c);
            rest = after;
        } else {
            out.push('\\');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The result as the spec writes it.
fn describe(reading: &ReadingText, result: &Result<Range<usize>, AnchorError>) -> Vec<String> {
    let listed = |head: String, candidates: &[Range<usize>]| {
        std::iter::once(head)
            .chain(candidates.iter().map(|c| show(reading, c)))
            .collect()
    };
    match result {
        Ok(range) => vec![show(reading, range)],
        Err(AnchorError::QuoteNotFound {
            nearest: Some(near),
        }) => {
            vec![format!("not found, nearest: {}", show(reading, near))]
        }
        Err(AnchorError::QuoteNotFound { nearest: None }) => {
            vec!["not found, nothing near".to_owned()]
        }
        Err(AnchorError::AmbiguousQuote { candidates }) => {
            listed("ambiguous:".to_owned(), candidates)
        }
        Err(AnchorError::OccurrenceOutOfRange {
            occurrence,
            candidates,
        }) => listed(
            format!(
                "occurrence {occurrence}, but only {} candidates:",
                candidates.len()
            ),
            candidates,
        ),
        Err(AnchorError::ContextNotFound { candidates }) => listed(
            format!(
                "prefix/suffix match none of {} candidates:",
                candidates.len()
            ),
            candidates,
        ),
        Err(AnchorError::QuoteInCodeBlock) => vec!["only in a code block".to_owned()],
        Err(AnchorError::QuoteAcrossBlocks { at }) => {
            vec![format!("across blocks: {}", show(reading, at))]
        }
    }
}

/// The blocks holding `range`, with the range between ⟦ and ⟧ and hidden characters
/// escaped.
fn show(reading: &ReadingText, range: &Range<usize>) -> String {
    let block = |at: usize| reading.block_at(at).map(|b| reading.blocks[b].text.clone());
    let start = block(range.start).map_or(range.start, |b| b.start);
    let end = block(range.end.saturating_sub(1)).map_or(range.end, |b| b.end);
    let text = &reading.text;
    format!(
        "{}⟦{}⟧{}",
        escape(&text[start..range.start]),
        escape(&text[range.clone()]),
        escape(&text[range.end..end])
    )
}

/// Writes line breaks, other invisible characters (zero-width joiners, variation
/// selectors) and every character NFC would join
/// or change as escapes, so a decomposed letter never looks like a composed one.
fn escape(text: &str) -> String {
    let stable = |c: char| {
        unicode_normalization::char::canonical_combining_class(c) == 0
            && matches!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes
            )
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let joins = chars.peek().is_some_and(|&next| !stable(next));
        match c {
            '\n' => out.push_str("\\n"),
            '\\' => out.push_str("\\\\"),
            ' ' if !joins => out.push(' '),
            c if joins
                || !stable(c)
                || c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}'
                ) =>
            {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}
