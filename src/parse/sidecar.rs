//! Reads an annotation sidecar (`<stem>.annotations.toml|yaml|yml`) into notes.
//!
//! In: the sidecar's text. Out: one [`NoteSpec`] per note, in sidecar order, each carrying
//! the byte spans of its entry and of its `quote`, `prefix`, `suffix` and `ref` values, so
//! anchoring errors can point at the exact line. Nothing is anchored here.

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::front_matter::{key_column, read_on, DateValue, Format};
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;

/// A citation shown under a note.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLink {
    /// What the link is called (missing is empty, reported with the note's number).
    #[serde(default)]
    pub title: String,
    /// Where it goes (http, https or mailto; missing is empty, reported the same way).
    #[serde(default)]
    pub url: String,
}

/// Byte spans of a note's parts in its sidecar's text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteSpans {
    /// The whole entry.
    pub entry: Range<usize>,
    /// The `quote` value.
    pub quote: Range<usize>,
    /// The `prefix` value, when given.
    pub prefix: Option<Range<usize>>,
    /// The `suffix` value, when given.
    pub suffix: Option<Range<usize>>,
    /// The `ref` value, when given.
    pub reference: Option<Range<usize>>,
    /// The keys (`body`, a source's `title`) whose text held a NUL character (U+0000),
    /// read as U+FFFD: no web page may hold one, and the writer is warned at the key.
    pub nuls: Vec<&'static str>,
}

/// One note as the editor wrote it, not yet anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSpec {
    /// Position in the sidecar, from 0.
    pub index: usize,
    /// The words as a reader sees them.
    pub quote: String,
    /// Words just before the quote.
    pub prefix: Option<String>,
    /// Words just after the quote.
    pub suffix: Option<String>,
    /// Picks the Nth remaining candidate, from 1.
    pub occurrence: Option<usize>,
    /// Label: `context` unless given.
    pub kind: String,
    /// When the note was written.
    pub date: Option<DateValue>,
    /// Markdown body.
    pub body: Option<String>,
    /// Id of a shared context entry.
    pub reference: Option<String>,
    /// Citations.
    pub sources: Vec<SourceLink>,
    /// Where each part sits in the sidecar.
    pub spans: NoteSpans,
}

impl NoteSpec {
    /// The note at `index` on `quote` with nothing else written: no prefix, suffix or
    /// occurrence, of kind `context`, with no body, date, reference or sources. What
    /// importers start from and tests write, naming only what they set.
    pub fn on(index: usize, quote: impl Into<String>) -> Self {
        Self {
            index,
            quote: quote.into(),
            prefix: None,
            suffix: None,
            occurrence: None,
            kind: "context".to_owned(),
            date: None,
            body: None,
            reference: None,
            sources: Vec::new(),
            spans: NoteSpans::default(),
        }
    }
}

/// The label of a problem of note `index` (from 0) shown at byte `at` of its sidecar's
/// `text`, whose entry starts at byte `entry`: `note 3`, and, when the problem is shown
/// on another line, the line the entry starts on (`note 3, from line 14`). A report
/// names the note it points into (ANNOTATIONS.md: "the note (the line where its entry
/// starts)"), while its place stays the quote's or the key's that is wrong.
pub fn note_label(text: &str, index: usize, entry: usize, at: usize) -> String {
    let number = index + 1;
    let line = |at: usize| crate::diagnostic::line_column(text, at).0;
    let (entry_line, shown_line) = (line(entry), line(at));
    if entry_line == shown_line {
        format!("note {number}")
    } else {
        format!("note {number}, from line {entry_line}")
    }
}

impl NoteSpec {
    /// [`note_label`] for this note, shown at byte `at` of its sidecar's `text`; only
    /// `note N` for a note made by hand, whose entry has no place.
    pub fn label(&self, text: &str, at: usize) -> String {
        if self.spans.entry.is_empty() {
            return format!("note {}", self.index + 1);
        }
        note_label(text, self.index, self.spans.entry.start, at)
    }
}

/// A sidecar file with its notes.
#[derive(Debug, Clone)]
pub struct Sidecar {
    /// The file itself, for messages.
    pub file: SourceFile,
    /// Notes in sidecar order, shared with the anchored notes made from them.
    pub notes: Vec<Arc<NoteSpec>>,
}

impl Sidecar {
    /// The text of note `i` in the file: from its entry to the next note's.
    pub fn note_text(&self, i: usize) -> Range<usize> {
        let start = self.notes[i].spans.entry.start;
        let end = self
            .notes
            .get(i + 1)
            .map_or(self.file.text.len(), |n| n.spans.entry.start);
        start..end.max(start)
    }
}

/// The keys a note may have, for messages.
pub const NOTE_KEYS: [&str; 9] = [
    "quote",
    "prefix",
    "suffix",
    "occurrence",
    "kind",
    "date",
    "body",
    "ref",
    "sources",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSidecar<N> {
    #[serde(default = "Vec::new")]
    note: Vec<N>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNote<S> {
    /// Checked in [`check`], so that a note without one does not stop the reading of
    /// the others.
    quote: Option<S>,
    prefix: Option<S>,
    suffix: Option<S>,
    occurrence: Option<i64>,
    kind: Option<String>,
    date: Option<DateValue>,
    body: Option<String>,
    #[serde(rename = "ref")]
    reference: Option<S>,
    #[serde(default)]
    sources: Vec<SourceLink>,
}

/// A note whose string values carry their byte ranges.
type LocatedNote = RawNote<(String, Range<usize>)>;

/// A value with its byte range, whichever parser produced it.
trait Located {
    fn parts(self) -> (String, Range<usize>);
}

impl Located for toml::Spanned<String> {
    fn parts(self) -> (String, Range<usize>) {
        let span = self.span();
        (self.into_inner(), span)
    }
}

impl Located for serde_saphyr::Spanned<String> {
    fn parts(self) -> (String, Range<usize>) {
        (self.value, yaml_span(&self.referenced))
    }
}

/// A note as a parser reads it, with the byte range of its whole entry; `None` for a
/// YAML item with nothing in it (`- ` alone, or one whose value was passed over).
trait LocatedEntry {
    fn entry(self) -> (Option<LocatedNote>, Range<usize>);
}

impl LocatedEntry for toml::Spanned<RawNote<toml::Spanned<String>>> {
    fn entry(self) -> (Option<LocatedNote>, Range<usize>) {
        let span = self.span();
        (Some(located(self.into_inner())), span)
    }
}

impl LocatedEntry for serde_saphyr::Spanned<Option<RawNote<serde_saphyr::Spanned<String>>>> {
    fn entry(self) -> (Option<LocatedNote>, Range<usize>) {
        (self.value.map(located), yaml_span(&self.referenced))
    }
}

fn yaml_span(location: &serde_saphyr::Location) -> Range<usize> {
    let span = location.span();
    let start = span
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or(0);
    let len = span
        .byte_len()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or(1);
    start..start + len.max(1)
}

/// Whether the Markdown `body` has a footnote reference or definition.
fn has_footnote(body: &str) -> bool {
    use pulldown_cmark::Event;
    body.contains("[^")
        && crate::parse::reading_text::events(body).any(|(event, _)| {
            matches!(
                event,
                Event::FootnoteReference(_)
                    | Event::Start(pulldown_cmark::Tag::FootnoteDefinition(_))
            )
        })
}

/// Reads the notes of `file`.
///
/// # Errors
/// Every problem in the file: syntax (with place), unknown keys (with a did-you-mean),
/// an empty quote, `occurrence = 0`, a note with neither `body` nor `ref`, a source
/// link with a scheme other than http, https or mailto.
pub fn parse(file: &SourceFile) -> Result<Sidecar, Vec<Diagnostic>> {
    match parse_keeping(file) {
        (Some(sidecar), problems) if problems.is_empty() => Ok(sidecar),
        (_, problems) => Err(problems),
    }
}

/// [`parse`], keeping the sound notes of a sidecar some of whose notes have problems
/// (`None` when the file itself cannot be read), so that `check` goes on to anchor them
/// and reports every problem of the file in one run.
pub fn parse_keeping(file: &SourceFile) -> (Option<Sidecar>, Vec<Diagnostic>) {
    let format = if file.rel.ends_with(".toml") {
        Format::Toml
    } else {
        Format::Yaml
    };
    let (read, mut problems) = if format == Format::Toml {
        read_entries::<toml::Spanned<RawNote<toml::Spanned<String>>>>(file, format)
    } else {
        read_entries::<serde_saphyr::Spanned<Option<RawNote<serde_saphyr::Spanned<String>>>>>(
            file, format,
        )
    };
    // A sidecar that does not read may have notes written as one table rather than a
    // list of them: one error that says so, rather than one a key it mistakes.
    if !problems.is_empty() {
        let shape = match format {
            Format::Toml => toml_table_not_a_list(file),
            Format::Yaml => yaml_note_not_a_list(file),
        };
        if let Some(problem) = shape {
            return (None, vec![problem]);
        }
    }
    let Some((raw, passed)) = read else {
        return (None, problems);
    };
    let notes = check_notes(file, format, raw, &passed, &mut problems);
    let sidecar = Sidecar {
        file: file.clone(),
        notes,
    };
    (Some(sidecar), problems)
}

/// A TOML sidecar with `[note]` (or `[note.sources]`) in single brackets: one table where
/// a list of them goes.
fn toml_table_not_a_list(file: &SourceFile) -> Option<Diagnostic> {
    let table: toml::Table = toml::from_str(&file.text).ok()?;
    let header = match table.get("note")? {
        toml::Value::Table(_) => "[note]",
        toml::Value::Array(notes)
            if notes
                .iter()
                .any(|note| note.get("sources").is_some_and(toml::Value::is_table)) =>
        {
            "[note.sources]"
        }
        _ => return None,
    };
    let mut offset = 0;
    let at = file.text.split_inclusive('\n').find_map(|line| {
        let start = offset;
        offset += line.len();
        let indent = line.len() - line.trim_start().len();
        (line.trim() == header).then_some(start + indent)
    })?;
    let each = if header == "[note]" {
        "each note"
    } else {
        "each of a note's sources"
    };
    Some(
        Diagnostic::error(
            &file.path,
            format!("`{header}` opens a single table; notes and their sources are lists of them"),
        )
        .at(&file.text, at..at + header.len())
        .hint(format!(
            "write `[{header}]`, in double brackets, before {each}"
        )),
    )
}

/// A YAML sidecar whose `note:` holds one note's keys rather than a list of notes (no
/// `- ` before the first key): one error for it, rather than one for each of its keys.
fn yaml_note_not_a_list(file: &SourceFile) -> Option<Diagnostic> {
    let text = &file.text;
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').map(|line| {
        let at = offset;
        offset += line.len();
        (at, line)
    });
    lines.find(|(_, line)| {
        line.strip_prefix("note:")
            .is_some_and(|rest| rest.trim().is_empty() || rest.trim().starts_with('#'))
    })?;
    let (at, line) = lines.find(|(_, line)| {
        let content = line.trim();
        !content.is_empty() && !content.starts_with('#')
    })?;
    let content = line.trim_start();
    let indent = line.len() - content.len();
    if indent == 0 || content.starts_with('-') {
        return None;
    }
    let key = content.split(':').next().unwrap_or_default().trim_end();
    Some(
        Diagnostic::error(
            &file.path,
            "`note:` holds the keys of one note; it is a list of notes, each starting with `- `",
        )
        .at(text, at + indent..at + indent + key.len())
        .label("a note's first key, without `- `")
        .hint(format!(
            "write `- ` before the first key of each note (`- {key}: ...`), and indent its other keys under it"
        )),
    )
}

/// The notes of a sidecar in `format`, each with its entry's range, and the lines
/// passed over (see [`read_on`]).
fn read_entries<N: LocatedEntry + serde::de::DeserializeOwned>(
    file: &SourceFile,
    format: Format,
) -> (ReadEntries, Vec<Diagnostic>) {
    let (raw, problems) = read_on::<RawSidecar<N>>(file, format, 0..file.text.len());
    let read = raw.map(|(raw, passed)| {
        let notes = raw.note.into_iter().map(LocatedEntry::entry).collect();
        (notes, passed)
    });
    (read, problems)
}

/// What [`read_entries`] gives: every note with its entry's range, and where the lines
/// passed over start; `None` when the sidecar could not be read on.
type ReadEntries = Option<(Vec<(Option<LocatedNote>, Range<usize>)>, Vec<usize>)>;

/// Checks each note read, reporting every problem, and keeps the notes there is enough
/// of to place: the sound ones, and, for `check` to report in the same run whether
/// their words are found, those whose only problems are in keys that do not place them
/// (a wrong `kind`, a misspelt `body`, a source's address), made from their placing
/// keys alone. A sidecar with any problem is never rendered, so those stand-ins are
/// only ever anchored. A note with a line `passed` over is reported already.
fn check_notes(
    file: &SourceFile,
    format: Format,
    raw: Vec<(Option<LocatedNote>, Range<usize>)>,
    passed: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Arc<NoteSpec>> {
    // A YAML note starts at its `- `, which may lie above the first key read.
    let items: Vec<Option<(usize, usize)>> = raw
        .iter()
        .map(|(_, entry)| match format {
            Format::Yaml => yaml_item(&file.text, entry.start),
            Format::Toml => None,
        })
        .collect();
    // A note's lines run from where its entry starts to where the next one's does.
    let starts: Vec<usize> = raw
        .iter()
        .zip(&items)
        .map(|((_, entry), item)| item.map_or(entry.start, |(dash, _)| dash))
        .collect();
    let owner = |at: usize| starts.partition_point(|&start| start <= at).checked_sub(1);
    let placing_key = |at: usize| {
        let line = file.text[at..].trim_start_matches([' ', '\t', '-']);
        ["quote", "prefix", "suffix", "occurrence"]
            .iter()
            .any(|key| line.starts_with(key))
    };
    raw.into_iter()
        .enumerate()
        .filter_map(|(index, (note, entry))| {
            let lines: Vec<usize> = passed
                .iter()
                .copied()
                .filter(|&at| owner(at) == Some(index))
                .collect();
            if lines.iter().any(|&at| placing_key(at)) {
                return None;
            }
            let Some(note) = note else {
                // An item whose value was passed over is reported already.
                if lines.is_empty() {
                    problems.push(empty_note(file, index, starts[index]));
                }
                return None;
            };
            // A note whose first key was passed over starts on its `- ` line all the
            // same: its entry starts there, at the column of its keys.
            let entry = match items[index] {
                Some((_, keys)) if column(&file.text, keys) == column(&file.text, entry.start) => {
                    keys..entry.end.max(keys + 1)
                }
                _ => entry,
            };
            // Its placing keys, with its kind and body (whose links are checked) while
            // those are sound.
            let (quote, prefix) = (note.quote.clone(), note.prefix.clone());
            let (suffix, occurrence) = (note.suffix.clone(), note.occurrence);
            let (kind, body) = (note.kind.clone(), note.body.clone());
            let stand_in = || {
                let placing = |kind: Option<String>, body: Option<String>| RawNote {
                    quote: quote.clone(),
                    prefix: prefix.clone(),
                    suffix: suffix.clone(),
                    occurrence,
                    kind,
                    date: None,
                    body: body.or_else(|| Some("A stand-in, never shown.".to_owned())),
                    reference: None,
                    sources: Vec::new(),
                };
                [
                    (kind.clone(), body.clone()),
                    (None, body.clone()),
                    (None, None),
                ]
                .into_iter()
                .find_map(|(kind, body)| {
                    check(file, format, index, placing(kind, body), entry.clone()).ok()
                })
                .map(Arc::new)
            };
            match check(file, format, index, note, entry.clone()) {
                Ok(note) => Some(Arc::new(note)),
                Err(found) => {
                    // A key passed over (misspelt, or of the wrong kind) may be the
                    // quote or body the note lacks: that follows, and is not told twice.
                    let follows = |d: &Diagnostic| {
                        !lines.is_empty()
                            && (d.message == "`quote` is missing here"
                                || d.message.contains("has neither a body nor a ref"))
                    };
                    problems.extend(found.into_iter().filter(|d| !follows(d)));
                    stand_in()
                }
            }
        })
        .collect()
}

/// The `- ` line of the YAML note whose entry the reader starts at `entry`: where its
/// `- ` is, and where the keys after it start. The reader's entry starts at the first
/// key it read, below that line when the note's first key was passed over (`- quote:
/// [a, b]`), and at the end of the line for an item with nothing in it. `None` for a
/// note that is not an item on a line of its own (`note: [{quote: a}]`).
fn yaml_item(text: &str, entry: usize) -> Option<(usize, usize)> {
    let entry = crate::diagnostic::floor_char_boundary(text, entry.min(text.len()));
    let column = self::column(text, entry);
    let mut start = text[entry..]
        .find('\n')
        .map_or(text.len(), |i| entry + i + 1);
    for line in text[..start].split_inclusive('\n').rev() {
        start -= line.len();
        let content = line.trim();
        let depth = line.len() - line.trim_start_matches(' ').len();
        if content.is_empty() || content.starts_with('#') || depth >= column {
            continue;
        }
        return content
            .starts_with('-')
            .then(|| (start + depth, start + key_column(line)));
    }
    None
}

/// The column of byte `at` of `text`, in bytes from the start of its line.
fn column(text: &str, at: usize) -> usize {
    let at = crate::diagnostic::floor_char_boundary(text, at.min(text.len()));
    at - text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// A YAML item of the `note:` list with nothing in it (`- ` alone, `- ~`), its `- ` at `dash`.
fn empty_note(file: &SourceFile, index: usize, dash: usize) -> Diagnostic {
    Diagnostic::error(&file.path, format!("note {} is empty", index + 1))
        .at(&file.text, dash..dash + 1)
        .label(note_label(&file.text, index, dash, dash))
        .hint("write the note's keys after its `- ` (`- quote: ...`, with `body: ...` under it), or remove the `- `")
}

fn located<S: Located>(raw: RawNote<S>) -> RawNote<(String, Range<usize>)> {
    RawNote {
        quote: raw.quote.map(Located::parts),
        prefix: raw.prefix.map(Located::parts),
        suffix: raw.suffix.map(Located::parts),
        occurrence: raw.occurrence,
        kind: raw.kind,
        date: raw.date,
        body: raw.body,
        reference: raw.reference.map(Located::parts),
        sources: raw.sources,
    }
}

fn check(
    file: &SourceFile,
    format: Format,
    index: usize,
    raw: RawNote<(String, Range<usize>)>,
    entry: Range<usize>,
) -> Result<NoteSpec, Vec<Diagnostic>> {
    let text: &Arc<str> = &file.text;
    let number = index + 1;
    // Fixes are written the way the sidecar writes its keys.
    let assign = |key: &str, value: &str| format.assign(key, value);
    let at = |span: &Range<usize>, message: String| {
        Diagnostic::error(&file.path, message)
            .at(text, span.clone())
            .label(note_label(text, index, entry.start, span.start))
    };
    // Where `key` (or, with `value`, the line holding that value) is written in the
    // entry; the whole entry when it cannot be told.
    // Only for a problem: a TOML entry's span is its `[[note]]` line, and the note runs
    // to the next one.
    let key_at = |key: &str, value: Option<&str>| -> Range<usize> {
        let whole = match format {
            Format::Toml => {
                let after = entry.end.min(text.len());
                let end = text[after..]
                    .find("\n[[note]]")
                    .map_or(text.len(), |at| after + at + 1);
                entry.start..end
            }
            // A YAML note's keys run on from its first key's line until a line less
            // indented than that key (the next note's `- `, or the end of the list).
            Format::Yaml => {
                let line_start = text[..entry.start].rfind('\n').map_or(0, |at| at + 1);
                let column = entry.start - line_start;
                let mut at = text[entry.start..]
                    .find('\n')
                    .map_or(text.len(), |i| entry.start + i + 1);
                let mut end = text.len();
                while at < text.len() {
                    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                    let line = &text[at..line_end];
                    let indent = line.len() - line.trim_start_matches(' ').len();
                    if !line.trim().is_empty() && indent < column {
                        end = at;
                        break;
                    }
                    at = line_end;
                }
                entry.start..end.max(entry.end)
            }
        };
        let written = &text[whole.clone()];
        let found = match value {
            Some(value) if !value.is_empty() => written.find(value).map(|at| {
                let line = crate::parse::front_matter::line_around(written, at);
                let indent = written[line.clone()].len() - written[line.clone()].trim_start().len();
                line.start + indent..line.end
            }),
            _ => crate::parse::key_span(written, key),
        };
        found.map_or_else(
            || entry.clone(),
            |span| whole.start + span.start..whole.start + span.end,
        )
    };
    let mut problems = Vec::new();
    let Some((quote, quote_span)) = raw.quote else {
        return Err(vec![at(&entry, "`quote` is missing here".to_owned()).hint(
            format!(
                "add `{}` to this entry: the words of the article it is about",
                assign("quote", "\"...\"")
            ),
        )]);
    };
    if quote.trim().is_empty() {
        problems.push(
            at(&quote_span, format!("note {number} has an empty quote"))
                .hint("copy the words this note is about from the article into `quote`"),
        );
    }
    let occurrence = match raw.occurrence {
        None => None,
        Some(n) if n >= 1 => usize::try_from(n).ok(),
        Some(n) => {
            problems.push(
                at(
                    &key_at("occurrence", None),
                    format!("note {number} has occurrence = {n}; occurrences count from 1"),
                )
                .hint(format!(
                    "write {} for the first match, 2 for the second, ...",
                    assign("occurrence", "1")
                )),
            );
            None
        }
    };
    if raw.body.as_deref().is_none_or(|b| b.trim().is_empty()) && raw.reference.is_none() {
        problems.push(
            at(
                &entry,
                format!("note {number} has neither a body nor a ref"),
            )
            .hint(format!(
                "add `{}`, or `{}` to show a context entry",
                assign("body", "\"...\""),
                assign("ref", "\"<context entry id>\"")
            )),
        );
    }
    if raw.body.as_deref().is_some_and(has_footnote) {
        problems.push(
            at(
                &key_at("body", None),
                format!("note {number}'s body has a footnote (`[^...]`)"),
            )
            .note("a note is itself a footnote of the article, shown beside the text and in the notes' list: a footnote of its own would have no place")
            .hint("write what the footnote says in the note's text, or cite it under [[note.sources]]"),
        );
    }
    for source in &raw.sources {
        if source.url.trim().is_empty() {
            problems.push(
                at(
                    &key_at("sources", Some(&source.title)),
                    format!("note {number} cites a source without a url"),
                )
                .hint("give the source a `url`: the web address it links to"),
            );
        } else if !is_safe_url(&source.url) || !has_scheme(&source.url) {
            let (why, hint) = why_not_a_web_address(
                &source.url,
                if is_safe_url(&source.url) {
                    "a source is cited by its web address (https://...); link a page of this archive from the note's body instead: [its title](../2019/a.md)"
                } else {
                    "sources must be http://, https:// or mailto: links"
                },
            );
            problems.push(
                at(
                    &key_at("sources", Some(&source.url)),
                    format!(
                        "note {number} cites `{}`, which is not a web address{why}",
                        source.url
                    ),
                )
                .hint(hint),
            );
        }
        if source.title.trim().is_empty() {
            problems.push(
                at(
                    &key_at("sources", Some(&source.url)),
                    format!("note {number} cites {} without a title", source.url),
                )
                .hint("give the source a `title`: what a reader sees as the link"),
            );
        }
    }
    // A kind gloss knows, whatever its case or the spaces around it (`Correction`), is
    // that kind: a correction is listed at the top of its article and in the feed.
    let kind = raw
        .kind
        .map_or_else(|| "context".to_owned(), |k| k.trim().to_owned());
    let kind = KNOWN_KINDS
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(&kind))
        .map_or(kind, str::to_owned);
    if kind.trim().is_empty() || kind.len() > 40 || kind.contains(['<', '>', '"', '\n', '\0']) {
        problems.push(
            at(
                &key_at("kind", None),
                format!("note {number} has kind `{kind}`, which is not a short label"),
            )
            .hint("use one word such as context, definition, correction or source"),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // A NUL reaches the page wherever the text goes: read as U+FFFD, as in an article's
    // body, and warned of at its key. A NUL in a placing key just matches no words.
    let mut nuls = Vec::new();
    let body = raw.body.filter(|b| !b.trim().is_empty()).map(|body| {
        if body.contains('\0') {
            nuls.push("body");
            body.replace('\0', "\u{FFFD}")
        } else {
            body
        }
    });
    let mut sources = raw.sources;
    for source in &mut sources {
        if source.title.contains('\0') {
            source.title = source.title.replace('\0', "\u{FFFD}");
            if !nuls.contains(&"title") {
                nuls.push("title");
            }
        }
    }
    Ok(NoteSpec {
        index,
        quote,
        prefix: raw.prefix.as_ref().map(|p| p.0.clone()),
        suffix: raw.suffix.as_ref().map(|s| s.0.clone()),
        occurrence,
        kind,
        date: raw.date,
        body,
        reference: raw.reference.as_ref().map(|r| r.0.trim().to_owned()),
        sources,
        spans: NoteSpans {
            entry,
            quote: quote_span,
            prefix: raw.prefix.map(|p| p.1),
            suffix: raw.suffix.map(|s| s.1),
            reference: raw.reference.map(|r| r.1),
            nuls,
        },
    })
}

/// The kinds of note gloss knows, which have labels of their own.
pub const KNOWN_KINDS: [&str; 4] = ["context", "definition", "correction", "source"];

/// True when `url` starts with a scheme (`https:`), rather than being relative.
fn has_scheme(url: &str) -> bool {
    super::url_scheme(url).is_some_and(|scheme| !scheme.is_empty())
}

/// True for the link schemes a note may cite: http, https and mailto (and relative links).
/// An http or https address names its host, and nothing but its host: `https://`,
/// `https:///path` or `https://user@example.org` lead nowhere or somewhere else than
/// they seem, and the HTML checker rejects them (see [`host_problem`]).
pub fn is_safe_url(url: &str) -> bool {
    match super::url_scheme(url) {
        Some(scheme) => match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => host_problem(url).is_none(),
            "mailto" => true,
            _ => false,
        },
        None => !url.trim().is_empty(),
    }
}

/// Why `url` is not a web address, as a report says it after "which is not a web
/// address" (`: it names no host`, or nothing more), with how to fix it: `otherwise`
/// when its host is not the trouble.
pub fn why_not_a_web_address(url: &str, otherwise: &'static str) -> (String, &'static str) {
    match host_problem(url) {
        Some(HostProblem { what, hint }) => (format!(": {what}"), hint),
        None => (String::new(), otherwise),
    }
}

/// How to write a web address whose host is missing or cannot be one.
pub const NO_HOST_HINT: &str =
    "write the whole address, with the site's name after the `//`: https://example.org/page";

/// What is wrong with the host part of an `http:` or `https:` address ([`host_problem`]):
/// the report's words after "which is not a web address: ", and how to fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostProblem {
    /// What is wrong: "it names no host".
    pub what: &'static str,
    /// How to write the address instead.
    pub hint: &'static str,
}

/// What is wrong with the host of an `http:` or `https:` address: none named (`https://`,
/// `http://`, `https:///path`, `https://?q`, `https://user@:80`, or no `//` at all,
/// `https:example.org`), one with a character no host name has (a space, `<`, `|`:
/// `https://ex ample.org`), or a user name or password before it
/// (`https://user:pw@example.org`), which browsers hide or ask about before they follow
/// it. The HTML checker rejects all of them. `None` when the host is sound or `url` is no
/// such address. The address is read as browsers read it: white space around it and
/// tabs and line breaks in it left out.
pub fn host_problem(url: &str) -> Option<HostProblem> {
    let scheme = super::url_scheme(url)?;
    if !["http", "https"].contains(&scheme.to_ascii_lowercase().as_str()) {
        return None;
    }
    let no_host = HostProblem {
        what: "it names no host",
        hint: NO_HOST_HINT,
    };
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let read: std::borrow::Cow<'_, str> = if trimmed.contains(['\t', '\n', '\r']) {
        trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .into()
    } else {
        trimmed.into()
    };
    let after = read.get(scheme.len() + 1..).unwrap_or_default();
    // `https:\\example.org`, `https://example.org\\page`: browsers read a backslash as a
    // slash, but no valid address holds one.
    if after.contains('\\') {
        return Some(HostProblem {
            what: "it has a backslash where a web address has a slash",
            hint: "write the address with slashes: https://example.org/page",
        });
    }
    let Some(rest) = after.strip_prefix("//") else {
        return Some(no_host);
    };
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    let (credentials, host) = match authority.rsplit_once('@') {
        Some((_, host)) => (true, host),
        None => (false, authority),
    };
    let host = match host.strip_prefix('[') {
        Some(address) => address.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return Some(no_host);
    }
    if host
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>^|\"{}`".contains(c))
    {
        return Some(HostProblem {
            what: "its host has a space or a character no host name has",
            hint: NO_HOST_HINT,
        });
    }
    credentials.then_some(HostProblem {
        what: "it holds a user name or password before its host",
        hint: "write the address without the part up to the `@`: https://example.org/page",
    })
}

/// The article file a sidecar belongs to when it is written the usual way
/// (`2019/a.annotations.toml` -> `2019/a.md`), for messages; [`articles_by_stem`] finds the
/// one that is there, whatever its Markdown extension.
pub fn article_rel(sidecar_rel: &str) -> Option<String> {
    sidecar_stem(sidecar_rel).map(|stem| format!("{stem}.md"))
}

/// A sidecar's path without its suffix (`2019/a.annotations.toml` -> `2019/a`): the
/// path of its article without the article's extension.
pub fn sidecar_stem(sidecar_rel: &str) -> Option<&str> {
    crate::load::SIDECAR_SUFFIXES
        .iter()
        .find_map(|suffix| sidecar_rel.strip_suffix(suffix))
}

/// An article's path without its Markdown extension (`.md` or `.markdown`, in any case,
/// as gloss reads them): `2019/a.MD` -> `2019/a`.
pub fn markdown_stem(article_rel: &str) -> Option<&str> {
    let (stem, ext) = article_rel.rsplit_once('.')?;
    (ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")).then_some(stem)
}

/// The articles gloss reads (paths under `content/`) by their path without extension, to
/// pair each sidecar with its article whatever the article's Markdown extension (`a.md`,
/// `a.markdown`, `a.MD`): [`sidecar_stem`] of the sidecar is the key. Where one name has
/// several, `a.md` goes first, then the first by name.
pub fn articles_by_stem<'a>(
    articles: impl IntoIterator<Item = &'a str>,
) -> std::collections::HashMap<&'a str, &'a str> {
    let mut by_stem = std::collections::HashMap::new();
    for rel in articles {
        if let Some(stem) = markdown_stem(rel) {
            let slot = by_stem.entry(stem).or_insert(rel);
            if rel.ends_with(".md") && !slot.ends_with(".md") {
                *slot = rel;
            }
        }
    }
    by_stem
}

/// For a file under `content/` named almost like a sidecar (`a.annotation.toml`,
/// `a.annotations.json`, `a.Annotations.TOML`) but not as one, the name it should have.
pub fn misnamed(rel: &str) -> Option<String> {
    let lower = rel.to_lowercase();
    let at = lower.rfind(".annotation")?;
    if crate::load::is_sidecar(rel) {
        return None;
    }
    let stem = rel.get(..at)?;
    let yaml = lower.ends_with(".yaml") || lower.ends_with(".yml");
    Some(format!(
        "{stem}.annotations.{}",
        if yaml { "yaml" } else { "toml" }
    ))
}

/// The sidecar name a TOML or YAML file seems meant to have when its name is an
/// article's and a word close to `annotations` (`a.annotatons.toml`, `a-annotations.toml`,
/// `a_notes.yaml`): the name it should have. Whether that article exists is the caller's
/// to know; [`misnamed`] catches the names with `.annotation` in them.
pub fn loosely_misnamed(rel: &str) -> Option<String> {
    let lower = rel.to_lowercase();
    let (base, ext) = lower.rsplit_once('.')?;
    let ext = match ext {
        "toml" => "toml",
        "yaml" | "yml" => "yaml",
        _ => return None,
    };
    let at = base.rfind(['.', '-', '_'])?;
    let word = &base[at + 1..];
    let close = ["note", "notes", "annotate", "annotated"].contains(&word)
        || crate::diagnostic::edit_distance(word, "annotations") <= 2;
    let stem = rel.get(..at)?;
    (close && !stem.ends_with('/') && !stem.is_empty()).then(|| format!("{stem}.annotations.{ext}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::front_matter::line_around;

    #[test]
    fn names_an_article_s_and_close_to_a_sidecar_s_are_caught() {
        for (rel, meant) in [
            ("2020/a.annotatons.toml", "2020/a.annotations.toml"),
            ("2020/a-annotations.toml", "2020/a.annotations.toml"),
            ("2020/a_annotations.yml", "2020/a.annotations.yaml"),
            ("2020/a.notes.toml", "2020/a.annotations.toml"),
            ("2020/A.Anotations.TOML", "2020/A.annotations.toml"),
        ] {
            assert_eq!(loosely_misnamed(rel).as_deref(), Some(meant), "{rel}");
        }
        for rel in [
            "2020/a.toml",
            "2020/data.json",
            "2020/a.authors.toml",
            "2020/.notes.toml",
        ] {
            assert_eq!(loosely_misnamed(rel), None, "{rel}");
        }
    }

    #[test]
    fn a_yaml_note_s_problems_point_at_their_own_lines() {
        let text = "note:\n  - quote: a\n    body: \"See[^1].\\n\\n[^1]: x\"\n    sources:\n      - title: A\n        url: \"javascript:x\"\n  - quote: b\n    body: y\n    sources:\n      - url: \"https://e.org\"\n";
        let problems = parse(&file("a.annotations.yaml", text)).unwrap_err();
        let lines: Vec<usize> = problems
            .iter()
            .map(|p| {
                let span = p.span.clone().expect("placed");
                crate::diagnostic::line_column(text, span.start).0
            })
            .collect();
        assert_eq!(lines, [3, 6, 10], "{problems:?}");
    }

    #[test]
    fn a_note_body_with_a_footnote_is_refused_at_its_line() {
        let text = "[[note]]\nquote = \"a\"\nbody = \"\"\"\nSee[^1].\n\n[^1]: x\n\"\"\"\n\n[[note]]\nquote = \"b\"\nbody = \"A [^bracket] in text, and [a](https://e.org).\"\n";
        let problems = parse(&file("a.annotations.toml", text)).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("note 1's body has a footnote"));
        let span = problems[0].span.clone().expect("placed");
        assert!(text[span].starts_with("body"), "{problems:?}");
    }

    #[test]
    fn names_close_to_a_sidecar_s_are_caught_with_the_right_name() {
        assert_eq!(
            misnamed("2024/a.annotation.toml").as_deref(),
            Some("2024/a.annotations.toml")
        );
        assert_eq!(
            misnamed("2024/a.annotations.json").as_deref(),
            Some("2024/a.annotations.toml")
        );
        assert_eq!(
            misnamed("2024/a.Annotations.YML").as_deref(),
            Some("2024/a.annotations.yaml")
        );
        assert_eq!(misnamed("2024/a.annotations.toml"), None);
        assert_eq!(misnamed("2024/photo.jpg"), None);
    }

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            path: rel.into(),
            rel: rel.into(),
            text: Arc::from(text),
        }
    }

    #[test]
    fn toml_notes_keep_their_spans() {
        let text = "[[note]]\nquote = \"Yongbyon\"\nbody = \"A site.\"\n\n[[note]]\nquote = \"CVID\"\nref = \"cvid\"\n";
        let sidecar = parse(&file("a.annotations.toml", text)).expect("parses");
        assert_eq!(sidecar.notes.len(), 2);
        assert_eq!(&text[sidecar.notes[0].spans.quote.clone()], "\"Yongbyon\"");
        assert_eq!(sidecar.notes[1].reference.as_deref(), Some("cvid"));
        assert_eq!(sidecar.notes[1].kind, "context");
    }

    #[test]
    fn yaml_notes_read_the_same_schema() {
        let text = "note:\n  - quote: Yongbyon\n    body: A site.\n    sources:\n      - title: IAEA\n        url: https://iaea.org\n";
        let sidecar = parse(&file("a.annotations.yaml", text)).expect("parses");
        assert_eq!(sidecar.notes[0].quote, "Yongbyon");
        assert_eq!(sidecar.notes[0].sources[0].title, "IAEA");
        let (line, _) = crate::diagnostic::line_column(text, sidecar.notes[0].spans.quote.start);
        assert_eq!(line, 2);
    }

    #[test]
    fn every_problem_of_every_note_is_reported() {
        let text = "[[note]]\nquote = \" \"\nbody = \"x\"\n[[note]]\nquote = \"a\"\noccurrence = 0\nbody = \"x\"\n[[note]]\nquote = \"b\"\n";
        let problems = parse(&file("a.annotations.toml", text)).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:#?}");
    }

    #[test]
    fn a_wrong_value_next_to_a_wide_character_is_reported_without_a_panic() {
        // The parser's span of a missing value may end inside the byte-order mark
        // before the key.
        let problems = parse(&file("a.annotations.toml", "[[note]]\n\u{feff}body = ")).unwrap_err();
        assert!(!problems.is_empty());
        assert_eq!(line_around("a\u{feff}b\nc", 2), 0..5);
    }

    #[test]
    fn a_note_without_a_quote_is_reported_and_the_others_are_kept() {
        for (name, text) in [
            (
                "a.annotations.toml",
                "[[note]]\nbody = \"x\"\n\n[[note]]\nquote = \"a\"\nbody = \"y\"\n",
            ),
            (
                "a.annotations.yaml",
                "note:\n  - body: x\n  - quote: a\n    body: y\n",
            ),
        ] {
            let (sidecar, problems) = parse_keeping(&file(name, text));
            let quotes: Vec<String> = sidecar
                .expect("read")
                .notes
                .iter()
                .map(|n| n.quote.clone())
                .collect();
            assert_eq!(quotes, ["a"], "{name}");
            assert_eq!(problems.len(), 1, "{name}: {problems:#?}");
            assert_eq!(problems[0].message, "`quote` is missing here");
            assert_eq!(
                problems[0].line_column().map(|(line, _)| line),
                Some(2 - usize::from(name.ends_with(".toml"))),
                "{name}"
            );
        }
    }

    #[test]
    fn unknown_note_key_suggests_a_fix() {
        let problems = parse(&file("a.annotations.toml", "[[note]]\nqoute = \"a\"\n")).unwrap_err();
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `quote`?"));
    }

    #[test]
    fn script_urls_are_refused() {
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" DATA:text/html,x"));
        assert!(is_safe_url("https://example.org/a:b"));
        assert!(is_safe_url("../context/x/"));
    }

    #[test]
    fn a_source_without_a_title_or_a_url_is_named_by_its_note() {
        let text = "[[note]]\nquote = \"a\"\nbody = \"b\"\nsources = [{url = \"https://x.org\"}, {title = \"X\"}]\n";
        let problems = parse(&file("a.annotations.toml", text)).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "note 1 cites https://x.org without a title",
                "note 1 cites a source without a url"
            ]
        );
    }

    #[test]
    fn a_known_kind_is_read_whatever_its_case_and_spaces() {
        let text = "[[note]]\nquote = \"a\"\nkind = \"Correction \"\nbody = \"x\"\n[[note]]\nquote = \"b\"\nkind = \" UN resolution\"\nbody = \"y\"\n";
        let sidecar = parse(&file("a.annotations.toml", text)).expect("parses");
        assert_eq!(sidecar.notes[0].kind, "correction");
        assert_eq!(sidecar.notes[1].kind, "UN resolution");
    }

    #[test]
    fn a_web_address_without_its_host_is_refused() {
        for url in [
            "https://",
            "http://",
            "HTTPS://",
            "https:///path",
            "https://?q",
            "https://#top",
            "https://:443/x",
            "https://user@/x",
            "https://[]/",
            "https:example.org",
            " https:\t// ",
            "https:// /x",
            "https://ex ample.org",
            "https://example.org|x/",
            "https://user@example.org/",
            "https://user:secret@example.org:8080/x",
        ] {
            assert!(host_problem(url).is_some(), "{url}");
            assert!(!is_safe_url(url), "{url}");
        }
        let what = |url| host_problem(url).map(|problem| problem.what);
        assert_eq!(
            what("https://ex ample.org"),
            Some("its host has a space or a character no host name has")
        );
        assert_eq!(what("https://"), Some("it names no host"));
        for url in [
            "https:\\\\example.org",
            "https:/\\example.org/x",
            "http:\\/example.org",
            "https://example.org\\page",
        ] {
            assert_eq!(
                what(url),
                Some("it has a backslash where a web address has a slash"),
                "{url}"
            );
        }
        assert_eq!(
            what("https://user@example.org/"),
            Some("it holds a user name or password before its host")
        );
        for url in [
            "https://example.org",
            "http://example.org:8080/a?b#c",
            "https://example.org/@someone",
            "https://[::1]:8080/",
            "mailto:desk@example.org",
            "../context/x/",
        ] {
            assert!(host_problem(url).is_none(), "{url}");
            assert!(is_safe_url(url), "{url}");
        }
        let text = "[[note]]\nquote = \"a\"\nbody = \"b\"\n[[note.sources]]\ntitle = \"T\"\nurl = \"https://\"\n";
        let problems = parse(&file("a.annotations.toml", text)).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "note 1 cites `https://`, which is not a web address: it names no host"
        );
        let span = problems[0].span.clone().expect("a place");
        assert_eq!(crate::diagnostic::line_column(text, span.start).0, 6);
        assert_eq!(problems[0].hint.as_deref(), Some(NO_HOST_HINT));
    }

    #[test]
    fn a_source_is_cited_by_its_web_address_not_a_relative_one() {
        let text = "[[note]]\nquote = \"a\"\nbody = \"b\"\n[[note.sources]]\ntitle = \"T\"\nurl = \"/relative/path\"\n";
        let problems = parse(&file("a.annotations.toml", text)).unwrap_err();
        assert_eq!(
            problems[0].message,
            "note 1 cites `/relative/path`, which is not a web address"
        );
        assert!(problems[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("from the note's body")));
    }

    #[test]
    fn a_wrong_date_or_number_or_source_hides_no_other_problem() {
        let text = "[[note]]\nquote = \"a\"\noccurrence = 0\nbody = \"x\"\n[[note]]\nquote = \"b\"\ndate = \"March 4\"\nbody = \"y\"\n[[note]]\nquote = \"c\"\noccurrence = 1.0\nbody = \"z\"\nsources = \"https://e.org\"\n";
        let problems = parse(&file("a.annotations.toml", text)).unwrap_err();
        let said: Vec<(&str, Option<&str>)> = problems
            .iter()
            .map(|p| (p.message.as_str(), p.hint.as_deref()))
            .collect();
        assert_eq!(said.len(), 4, "{said:#?}");
        assert!(
            said.contains(&(
                "`March 4` is not a date",
                Some("write 2019-03-01, or 2019-03-01T10:00:00Z with a time")
            )),
            "{said:#?}"
        );
        assert!(
            said.contains(&(
                "`occurrence` is a whole number, not a decimal number",
                Some("write a whole number: occurrence = 2")
            )),
            "{said:#?}"
        );
        assert!(
            said.iter().any(|(m, h)| *m
                == "`sources` is a list, each item a table of `title` and `url`, not text"
                && h.is_some_and(|h| h.contains("[[note.sources]]"))),
            "{said:#?}"
        );
        assert!(
            said.iter().any(|(m, _)| m.contains("occurrence = 0")),
            "{said:#?}"
        );
        let items = parse(&file(
            "a.annotations.yaml",
            "note:\n  - quote: a\n    body: b\n    sources: [https://e.org]\n",
        ))
        .unwrap_err();
        assert_eq!(
            items[0].message,
            "each item of `sources` is a table of `title` and `url`"
        );
        assert!(
            items[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("- title: ...")),
            "{items:#?}"
        );
    }

    /// What [`parse_keeping`] says of `text` as a YAML sidecar: each problem's message,
    /// line and hint, and the quotes of the notes kept.
    fn yaml_said(text: &str) -> (Vec<(String, usize, String)>, Vec<String>) {
        let (sidecar, problems) = parse_keeping(&file("a.annotations.yaml", text));
        let said = problems
            .into_iter()
            .map(|p| {
                let line = p.line_column().map_or(0, |(line, _)| line);
                (p.message, line, p.hint.unwrap_or_default())
            })
            .collect();
        let kept = sidecar
            .map(|s| s.notes.iter().map(|n| n.quote.clone()).collect())
            .unwrap_or_default();
        (said, kept)
    }

    #[test]
    fn a_plain_yaml_value_where_a_table_goes_is_named_and_the_other_notes_kept() {
        let source = "note:\n  - quote: Kim\n    body: x\n    sources:\n      - https://e.org\n  - quote: nowhere\n    body: y\n";
        let (said, kept) = yaml_said(source);
        assert_eq!(said.len(), 1, "{said:#?}");
        let (message, line, hint) = &said[0];
        assert_eq!(
            (message.as_str(), *line),
            ("each item of `sources` is a table of `title` and `url`", 5)
        );
        assert!(hint.contains("- title: ..."), "{hint}");
        assert_eq!(kept, ["Kim", "nowhere"]);

        let note = "note:\n  - Kim\n  - quote: nowhere\n    body: y\n";
        let (said, kept) = yaml_said(note);
        assert_eq!(said.len(), 1, "{said:#?}");
        let (message, line, hint) = &said[0];
        assert_eq!(
            (message.as_str(), *line),
            (
                "each item of `note` is a table of a note's keys (`quote`, `body`, ...)",
                2
            )
        );
        assert!(hint.contains("- quote: ..."), "{hint}");
        assert_eq!(kept, ["nowhere"]);
        // The note after it keeps its number.
        let (sidecar, _) = parse_keeping(&file("a.annotations.yaml", note));
        assert_eq!(sidecar.expect("read").notes[0].index, 1);

        // An item with nothing in it is named too, not read as nothing.
        let (said, kept) = yaml_said("note:\n  - quote: Kim\n    body: x\n  -\n");
        let messages: Vec<&str> = said.iter().map(|(m, ..)| m.as_str()).collect();
        assert_eq!(messages, ["note 2 is empty"], "{said:#?}");
        assert_eq!(said[0].1, 4);
        assert_eq!(kept, ["Kim"]);
    }

    #[test]
    fn a_yaml_value_of_the_wrong_kind_is_one_error_with_its_fix() {
        let mapping = "note:\n  - quote: Kim\n    body: x\n    sources:\n      title: IAEA\n      url: https://e.org\n  - quote: nowhere\n    body: y\n";
        let (said, kept) = yaml_said(mapping);
        assert_eq!(said.len(), 1, "{said:#?}");
        let (message, line, hint) = &said[0];
        assert_eq!(
            (message.as_str(), *line),
            (
                "`sources` is a list, each item a table of `title` and `url`, not a table",
                4
            )
        );
        assert!(hint.contains("- title: ..."), "{hint}");
        assert_eq!(kept, ["Kim", "nowhere"]);

        let list = "note:\n  - quote: [Kim, Lee]\n    body: x\n  - quote: nowhere\n    body: y\n";
        let (said, kept) = yaml_said(list);
        assert_eq!(said.len(), 1, "{said:#?}");
        let (message, line, hint) = &said[0];
        assert_eq!(
            (message.as_str(), *line),
            ("`quote` is text, not a list", 2)
        );
        assert!(hint.contains("quote: \"...\""), "{hint}");
        assert!(hint.contains("a note of its own"), "{hint}");
        assert_eq!(kept, ["nowhere"]);
    }

    #[test]
    fn a_wrong_value_is_named_at_its_own_line_not_its_note_s() {
        let line_of = |name: &str, text: &str| -> Vec<(String, usize)> {
            parse(&file(name, text))
                .unwrap_err()
                .into_iter()
                .map(|p| {
                    let line = p.line_column().map_or(0, |(line, _)| line);
                    (p.message, line)
                })
                .collect()
        };
        let toml = "[[note]]\nquote = \"a\"\nbody = \"b\"\noccurrence = 0\n[[note.sources]]\ntitle = \"T\"\nurl = \"javascript:x\"\n[[note.sources]]\nurl = \"https://x.org\"\n";
        assert_eq!(
            line_of("a.annotations.toml", toml),
            [
                (
                    "note 1 has occurrence = 0; occurrences count from 1".to_owned(),
                    4
                ),
                (
                    "note 1 cites `javascript:x`, which is not a web address".to_owned(),
                    7
                ),
                ("note 1 cites https://x.org without a title".to_owned(), 9),
            ]
        );
        let yaml = "note:\n  - occurrence: 0\n    quote: a\n    body: b\n";
        assert_eq!(
            line_of("a.annotations.yaml", yaml),
            [(
                "note 1 has occurrence = 0; occurrences count from 1".to_owned(),
                2
            )]
        );
    }
}
