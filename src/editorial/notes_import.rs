//! Turns W3C Web Annotations (or a Hypothesis export) into notes of a sidecar.
//!
//! In: annotations read by [`crate::w3c::read`] and the article they belong to. Out: one
//! note per annotation, anchored like any note: at the annotation's recorded position
//! when the words there are still its quote, else at the single place of the quote, else
//! at the place its prefix and suffix point to, else (the words were edited) at the
//! place re-anchoring finds. Each note gets the shortest `prefix`, `suffix` or
//! `occurrence` that picks its place out. An annotation that finds no place still becomes
//! a note, with its quote as given, and is reported, so `gloss check --fix` can take it
//! from there. The notes are appended to the article's TOML sidecar, or start a new one.

use std::collections::HashSet;
use std::ops::Range;

use toml_edit::{value, ArrayOfTables, DocumentMut, Item, Table};

use super::refit::{self, Anchoring, Outcome};
use super::rewrite::RewriteError;
use crate::anchor::locate::{locate_all, Haystack};
use crate::anchor::normalize::fold;
use crate::parse::sidecar::{NoteSpec, SourceLink};
use crate::parse::Article;
use crate::w3c::Annotation;

/// A note made from one annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedNote {
    /// The annotation's id, for reports.
    pub id: Option<String>,
    /// Where it anchors.
    pub anchoring: Anchoring,
    /// Its reading-text range, or `None` when it found no place.
    pub range: Option<Range<usize>>,
    /// 1-based line in the article, when placed.
    pub line: Option<usize>,
    /// Why it found no place, when it found none.
    pub unplaced: Option<String>,
    /// Note kind.
    pub kind: String,
    /// The day it was written, from `created`.
    pub date: Option<jiff::civil::Date>,
    /// Markdown body.
    pub body: Option<String>,
    /// Context entry id.
    pub reference: Option<String>,
    /// Citations.
    pub sources: Vec<SourceLink>,
}

/// Anchors every annotation in `article`, in the order given.
pub fn place(article: &Article, annotations: &[Annotation]) -> Vec<ImportedNote> {
    let haystack = Haystack::new(&article.reading);
    annotations
        .iter()
        .enumerate()
        .map(|(index, annotation)| {
            let spec = spec(index, annotation);
            let found = find(article, &haystack, &spec, annotation);
            let anchoring = found.as_ref().and_then(|range| {
                let words = refit::written(article, range);
                refit::unique_anchoring(&haystack, article.body_text(), &spec, range, Some(&words))
            });
            let range = if anchoring.is_some() { found } else { None };
            let unplaced = range.is_none().then(|| why_unplaced(&haystack, &spec));
            let anchoring = anchoring.unwrap_or_else(|| Anchoring {
                quote: annotation.exact.clone(),
                ..Anchoring::default()
            });
            ImportedNote {
                id: annotation.id.clone(),
                line: range
                    .as_ref()
                    .map(|r| article.line_of(article.reading.source_offset(r.start))),
                range,
                unplaced,
                anchoring,
                kind: annotation.kind.clone(),
                date: annotation
                    .created
                    .as_deref()
                    .and_then(|c| c.get(..10))
                    .and_then(|d| d.parse().ok()),
                body: annotation.body.as_deref().map(without_html),
                reference: annotation.reference.clone(),
                sources: annotation.sources.clone(),
            }
        })
        .collect()
}

/// An imported body as Markdown that holds no HTML: a sidecar's body may hold HTML an
/// editor wrote, but an annotation from elsewhere is text, and a `<` in it is shown as
/// a `<`, never read as a tag (`<img onerror=…>`, `<script>`).
fn without_html(body: &str) -> String {
    body.replace('<', "\\<")
}

/// Why an annotation found no place, in words for the import's report.
fn why_unplaced(haystack: &Haystack<'_>, spec: &NoteSpec) -> String {
    use crate::anchor::locate::AnchorError;
    match locate_all(haystack, std::slice::from_ref(spec)).remove(0) {
        Err(AnchorError::AmbiguousQuote { candidates } | AnchorError::ContextNotFound { candidates }) => format!(
            "its words occur {} times in the article and the annotation's context does not tell which",
            candidates.len()
        ),
        Err(AnchorError::QuoteInCodeBlock) => "its words are only in a code block, which takes no notes".to_owned(),
        Err(AnchorError::QuoteAcrossBlocks { .. }) => {
            "its words run across two paragraphs; a note stays within one".to_owned()
        }
        _ => "its words are not in the article".to_owned(),
    }
}

fn spec(index: usize, annotation: &Annotation) -> NoteSpec {
    NoteSpec {
        kind: annotation.kind.clone(),
        body: annotation.body.clone(),
        reference: annotation.reference.clone(),
        sources: annotation.sources.clone(),
        ..NoteSpec::on(index, annotation.exact.clone())
    }
}

/// The reading-text range of an annotation, by position, then quote, then context, then
/// re-anchoring.
fn find(
    article: &Article,
    haystack: &Haystack<'_>,
    spec: &NoteSpec,
    annotation: &Annotation,
) -> Option<Range<usize>> {
    let text = &article.reading.text;
    if let Some(position) = &annotation.position {
        let byte = |chars: usize| {
            text.char_indices().nth(chars).map_or(
                (chars == text.chars().count()).then_some(text.len()),
                |(b, _)| Some(b),
            )
        };
        if let (Some(start), Some(end)) = (byte(position.start), byte(position.end)) {
            if start < end && fold(&text[start..end]) == fold(&annotation.exact) {
                let anchored = locate_all(haystack, std::slice::from_ref(spec)).remove(0);
                let in_block = article.reading.block_at(start) == article.reading.block_at(end - 1);
                if in_block
                    && !matches!(
                        anchored,
                        Err(crate::anchor::locate::AnchorError::QuoteInCodeBlock)
                    )
                {
                    return Some(start..end);
                }
            }
        }
    }
    let with_context = NoteSpec {
        prefix: annotation
            .prefix
            .as_deref()
            .map(last_words)
            .filter(|p| !p.is_empty()),
        suffix: annotation
            .suffix
            .as_deref()
            .map(first_words)
            .filter(|s| !s.is_empty()),
        ..spec.clone()
    };
    for attempt in [spec, &with_context] {
        if let Ok(range) = locate_all(haystack, std::slice::from_ref(attempt)).remove(0) {
            return Some(range);
        }
    }
    match refit::article(article, std::slice::from_ref(&with_context))
        .into_iter()
        .next()
        .map(|r| r.outcome)
    {
        Some(Outcome::Refit { place, .. }) => Some(place.range),
        _ => None,
    }
}

/// The text before a quote, cut to what gloss matches as a prefix: the last line, and
/// whole words only (the first may have been cut by the 32-character window).
fn last_words(prefix: &str) -> String {
    let line = prefix.rsplit('\n').next().unwrap_or(prefix);
    let words: Vec<&str> = line.split_whitespace().collect();
    let cut =
        usize::from(cut_short(prefix) && !line.starts_with(char::is_whitespace) && words.len() > 1);
    words[cut..].join(" ")
}

/// The text after a quote, cut the same way at its end.
fn first_words(suffix: &str) -> String {
    let line = suffix.split('\n').next().unwrap_or(suffix);
    let words: Vec<&str> = line.split_whitespace().collect();
    let cut =
        usize::from(cut_short(suffix) && !line.ends_with(char::is_whitespace) && words.len() > 1);
    words[..words.len() - cut].join(" ")
}

/// True when a context window may have been cut inside a word: it fills the usual
/// 32 characters and holds no line break (where a block would have ended it).
fn cut_short(context: &str) -> bool {
    context.chars().count() >= 32 && !context.contains('\n')
}

/// The sidecar text with `notes` appended as `[[note]]` tables: to `existing` (its
/// comments and layout kept) or to a new sidecar starting with `header` comment lines.
/// A note the sidecar already holds (the same quote, body and `ref`: an import run
/// twice) is not appended again; the second value lists their positions in `notes`.
///
/// # Errors
/// An existing YAML sidecar, TOML that does not parse, or notes not written as `[[note]]`.
pub fn append(
    existing: Option<(&str, &str)>,
    header: &str,
    notes: &[ImportedNote],
) -> Result<(String, Vec<usize>), RewriteError> {
    let mut doc: DocumentMut = match existing {
        Some((rel, _)) if !rel.ends_with(".toml") => return Err(RewriteError::Yaml),
        Some((_, text)) => text
            .parse()
            .map_err(|err: toml_edit::TomlError| RewriteError::Invalid(err.message().to_owned()))?,
        None => DocumentMut::new(),
    };
    if doc.get("note").is_none() {
        doc.insert("note", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let list = doc
        .get_mut("note")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or(RewriteError::Layout)?;
    let text_of = |table: &Table, key: &str| {
        table
            .get(key)
            .and_then(Item::as_str)
            .map(|s| s.trim().to_owned())
    };
    let held: HashSet<(Option<String>, Option<String>, Option<String>)> = list
        .iter()
        .map(|t| (text_of(t, "quote"), text_of(t, "body"), text_of(t, "ref")))
        .collect();
    let mut already = Vec::new();
    for (index, note) in notes.iter().enumerate() {
        let key = (
            Some(note.anchoring.quote.trim().to_owned()),
            note.body.as_deref().map(|b| b.trim().to_owned()),
            note.reference.clone(),
        );
        if held.contains(&key) {
            already.push(index);
        } else {
            list.push(table(note));
        }
    }
    let text = doc.to_string();
    let text = match existing {
        Some(_) => text,
        None => format!("{header}\n{}", text.trim_start()),
    };
    Ok((text, already))
}

fn table(note: &ImportedNote) -> Table {
    let mut table = Table::new();
    let a = &note.anchoring;
    table["quote"] = value(a.quote.as_str());
    if let Some(prefix) = &a.prefix {
        table["prefix"] = value(prefix.as_str());
    }
    if let Some(suffix) = &a.suffix {
        table["suffix"] = value(suffix.as_str());
    }
    if let Some(n) = a.occurrence.and_then(|n| i64::try_from(n).ok()) {
        table["occurrence"] = value(n);
    }
    if note.kind != "context" {
        table["kind"] = value(note.kind.as_str());
    }
    if let Some(date) = note
        .date
        .and_then(|d| d.to_string().parse::<toml_edit::Datetime>().ok())
    {
        table["date"] = value(date);
    }
    if let Some(body) = &note.body {
        let body = format!("\n{}\n", body.trim());
        let written = multiline(&body)
            .parse::<toml_edit::Value>()
            .unwrap_or_else(|_| toml_edit::Value::from(body.trim_start()));
        table["body"] = Item::Value(written);
    }
    if let Some(reference) = &note.reference {
        table["ref"] = value(reference.as_str());
    }
    if !note.sources.is_empty() {
        let mut sources = ArrayOfTables::new();
        for source in &note.sources {
            let mut link = Table::new();
            link["title"] = value(source.title.as_str());
            link["url"] = value(source.url.as_str());
            sources.push(link);
        }
        table.insert("sources", Item::ArrayOfTables(sources));
    }
    table
}

/// A TOML multi-line basic string holding `text`, which starts with a line break (the
/// one TOML drops after the opening quotes).
fn multiline(text: &str) -> String {
    let mut out = String::from("\"\"\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if out.ends_with("\"\"") => out.push_str("\\\""),
            '\n' => out.push('\n'),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    if out.ends_with('"') {
        out.push_str("\\\n");
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editorial::refit::tests::article;

    fn annotation(exact: &str) -> Annotation {
        Annotation {
            exact: exact.into(),
            kind: "context".into(),
            body: Some("A \"quoted\"\\ body\nwith \"\"\" in it.".into()),
            ..Annotation::default()
        }
    }

    #[test]
    fn a_repeated_quote_gets_the_words_that_tell_it_apart() {
        let article = article("Kim met Kim.\n\nThe leader Kim Jong Un spoke.\n");
        let mut second = annotation("Kim");
        second.prefix = Some("The leader ".into());
        let notes = place(&article, &[second]);
        assert_eq!(notes[0].anchoring.prefix.as_deref(), Some("leader"));
        assert!(notes[0].range.is_some());
    }

    #[test]
    fn written_notes_read_back_with_the_same_values() {
        let article = article("Kim met Kim.\n");
        let mut one = annotation("met");
        one.kind = "definition".into();
        one.created = Some("2019-03-07T10:00:00Z".into());
        one.sources = vec![SourceLink {
            title: "T".into(),
            url: "https://x.org".into(),
        }];
        let notes = place(&article, &[one]);
        let (text, _) = append(None, "# Imported.", &notes).expect("writes");
        let file = crate::load::SourceFile {
            path: "a.annotations.toml".into(),
            rel: "a.annotations.toml".into(),
            text: std::sync::Arc::from(text.as_str()),
        };
        let sidecar = crate::parse::sidecar::parse(&file).expect("parses");
        let note = &sidecar.notes[0];
        assert_eq!(note.quote, "met");
        assert_eq!(note.kind, "definition");
        assert_eq!(
            note.body.as_deref(),
            Some("A \"quoted\"\\ body\nwith \"\"\" in it.\n")
        );
        assert_eq!(
            note.date.as_ref().map(|d| d.day.to_string()).as_deref(),
            Some("2019-03-07")
        );
        assert_eq!(note.sources.len(), 1);
        assert!(text.starts_with("# Imported.\n"), "{text}");
    }

    #[test]
    fn context_windows_are_cut_to_whole_words() {
        assert_eq!(
            last_words("ing table, failure was already w"),
            "table, failure was already w"
        );
        assert_eq!(
            first_words(" with North Korean leader Kim Jo"),
            "with North Korean leader Kim"
        );
        assert_eq!(first_words(" in return"), "in return");
        assert_eq!(last_words("end.\n\nNew para "), "New para");
    }

    #[test]
    fn an_imported_body_shows_its_angle_brackets_and_runs_no_html() {
        assert_eq!(
            without_html("a <img src=x onerror=alert(1)> b"),
            "a \\<img src=x onerror=alert(1)> b"
        );
        let html = crate::render::markdown(&format!(
            "{}\n",
            without_html("<script>alert(1)</script> and <b>x</b>")
        ));
        assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }
}
