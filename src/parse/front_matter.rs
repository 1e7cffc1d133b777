//! Splits a Markdown file into front matter and body, and reads the front matter.
//!
//! In: a file's text. Out: the front matter as typed fields and the body with its byte
//! offset in the file, so every later span can point back at the right line. TOML sits
//! between `+++` lines, YAML between `---` lines; we split ourselves because
//! pulldown-cmark's metadata blocks would also swallow a `---` block in mid-document.

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{unknown_field_hint, Diagnostic};
use crate::load::SourceFile;

/// The language the front matter (or a sidecar) is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML.
    Toml,
    /// YAML.
    Yaml,
}

impl Format {
    /// `key = value` in TOML, `key: value` in YAML: a fix as the file would write it.
    pub(crate) fn assign(self, key: &str, value: &str) -> String {
        match self {
            Format::Toml => format!("{key} = {value}"),
            Format::Yaml => format!("{key}: {value}"),
        }
    }
}

/// Where a line's key starts: past its indentation and a YAML list item's `- `.
pub(crate) fn key_column(line: &str) -> usize {
    let rest = line.trim_start();
    let item = if rest.starts_with("- ") { 2 } else { 0 };
    line.len() - rest.len() + item
}

/// A file cut in two: where the front matter and the body lie in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// TOML or YAML.
    pub format: Format,
    /// Byte range of the front matter text (between the fences).
    pub front: Range<usize>,
    /// Byte range of the body (after the closing fence's line).
    pub body: Range<usize>,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `+++` or `---`.
    Missing,
    /// The opening fence has no closing one.
    NotClosed {
        /// The fence that was opened.
        fence: &'static str,
    },
}

/// Finds the front matter fences in `text`.
///
/// # Errors
/// [`SplitError::Missing`] when the file does not start with a fence line,
/// [`SplitError::NotClosed`] when the closing fence is missing.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let (fence, format) = match text[..first_end].trim_end() {
        "+++" => ("+++", Format::Toml),
        "---" => ("---", Format::Yaml),
        _ => return Err(SplitError::Missing),
    };
    let mut line_start = first_end;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        if text[line_start..line_end].trim_end() == fence {
            return Ok(Split {
                format,
                front: first_end..line_start,
                body: line_end..text.len(),
            });
        }
        line_start = line_end;
    }
    Err(SplitError::NotClosed { fence })
}

/// A publication or revision date, as written (`2019-03-01` or RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateValue {
    /// The calendar day, for display and archives.
    pub day: jiff::civil::Date,
    /// RFC 3339 form for feeds and metadata; midnight UTC when only a day was given.
    pub rfc3339: String,
}

impl DateValue {
    /// Parses `2019-03-01`, `2019-03-01T10:00:00Z` or `2019-03-01T10:00:00+01:00`.
    ///
    /// # Errors
    /// A message saying which forms are accepted.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some(problem) = leap_second(text) {
            return Err(problem);
        }
        if let Ok(zoned) = text.parse::<jiff::Timestamp>() {
            let offset =
                jiff::fmt::temporal::Pieces::parse(text)
                    .ok()
                    .and_then(|p| match p.offset() {
                        Some(jiff::fmt::temporal::PiecesOffset::Numeric(o)) => Some(o.offset()),
                        _ => None,
                    });
            let offset = offset.unwrap_or(jiff::tz::Offset::UTC);
            let day = offset.to_datetime(zoned).date();
            return Ok(Self {
                day,
                rfc3339: zoned.display_with_offset(offset).to_string(),
            });
        }
        // `9999-12-30T23:59:59Z` is sound RFC 3339 past the last instant a timestamp
        // holds: it is taken as written, not called no date.
        if let Ok(pieces) = jiff::fmt::temporal::Pieces::parse(text) {
            if let (Some(time), Some(_)) = (pieces.time(), pieces.offset()) {
                return Ok(Self {
                    day: pieces.date(),
                    rfc3339: format!(
                        "{}T{}{}",
                        pieces.date(),
                        time.strftime("%H:%M:%S"),
                        text.get(19..)
                            .unwrap_or("Z")
                            .trim_start_matches(|c: char| c == '.' || c.is_ascii_digit())
                    ),
                });
            }
        }
        if let Ok(datetime) = text.parse::<jiff::civil::DateTime>() {
            if text.len() > 10 {
                let stamp = datetime.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
                return Ok(Self {
                    day: datetime.date(),
                    rfc3339: stamp,
                });
            }
        }
        match text.parse::<jiff::civil::Date>() {
            Ok(day) => Ok(Self {
                day,
                rfc3339: format!("{}T00:00:00Z", day),
            }),
            Err(_) => Err(format!(
                "`{text}` is not a date; write 2019-03-01, or 2019-03-01T10:00:00Z with a time"
            )),
        }
    }
}

/// The problem of a time written with a leap second (`2019-03-01T23:59:60Z`): the
/// parser would take it as `:59` in silence, and feeds and most software cannot read
/// `:60`, so it is refused with the fix.
fn leap_second(text: &str) -> Option<String> {
    // `YYYY-MM-DDTHH:MM:SS`: the seconds stand at 17..19.
    let seconds = text.get(17..19)?;
    (seconds == "60" && text.get(16..17) == Some(":")).then(|| {
        format!(
            "`{text}` names a leap second (:60), which feeds and most software cannot read; write {}:59{} (the second before it)",
            &text[..16],
            &text[19..]
        )
    })
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = DateValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date such as 2019-03-01")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<DateValue, E> {
                DateValue::parse(value).map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<DateValue, A::Error> {
                // TOML dates arrive as a one-entry map holding their text.
                let entry: Option<(String, String)> = map.next_entry()?;
                let (_, value) = entry.ok_or_else(|| serde::de::Error::custom("empty date"))?;
                DateValue::parse(&value).map_err(serde::de::Error::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Where an article first appeared.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Publication name (`The Hill`).
    pub name: Option<String>,
    /// Address of the original.
    pub url: Option<String>,
    /// When it appeared there.
    pub published: Option<DateValue>,
}

/// An article's front matter as written; `title` and `date` are checked by the caller.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFront {
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<DateValue>,
    /// Last revision.
    pub updated: Option<DateValue>,
    /// Names of the authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// One or two sentences.
    pub summary: Option<String>,
    /// Kept out of the build unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Replaces the file stem in the URL.
    pub slug: Option<String>,
    /// The article's language (BCP 47), when it is not the site's.
    pub language: Option<String>,
    /// Where it first appeared.
    pub source: Option<Source>,
    /// Credits carried over from the source.
    #[serde(default)]
    pub credits: Vec<String>,
    /// A page's place among the pages every page links to (lower first); articles are
    /// ordered by date and have none.
    pub weight: Option<i64>,
    /// The addresses it was published at before (`/2019/old-name/`), each of which
    /// gets a page that sends the reader on to this one.
    #[serde(default)]
    pub redirect_from: Vec<String>,
    /// Names left out of `tags` and `authors` as repeats of an earlier name of the same
    /// term (`north korea` after `North Korea`), for `check` to warn of: the key, the
    /// name left out, the name kept. Never read from the file.
    #[serde(skip)]
    pub repeated: Vec<(&'static str, String, String)>,
}

/// A context entry's front matter as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextFront {
    /// The entry's name.
    pub title: Option<String>,
    /// Other names for the same thing.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One or two sentences of inline Markdown.
    pub summary: Option<String>,
    /// The entry's language (BCP 47), when it is not the site's.
    pub language: Option<String>,
}

/// Deserializes `text[range]` written in `format`, turning errors into diagnostics that
/// point into `file`.
///
/// # Errors
/// The parser's message at the right line, with a did-you-mean for unknown keys.
pub fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    format: Format,
    range: Range<usize>,
) -> Result<T, Diagnostic> {
    deserialize_telling(file, format, range).map_err(|(problem, _)| problem)
}

/// [`deserialize`], also telling whether the problem is one value's (a value of the
/// wrong kind, a missing or unknown key) in otherwise well-formed text, which a reader
/// can pass over to find the next one.
///
/// # Errors
/// As [`deserialize`], with `true` for a problem of one value.
pub fn deserialize_telling<T: DeserializeOwned>(
    file: &SourceFile,
    format: Format,
    range: Range<usize>,
) -> Result<T, (Diagnostic, bool)> {
    let text = &file.text[range.clone()];
    let (message, span) = match format {
        Format::Toml => match toml::from_str::<T>(text) {
            Ok(value) => return Ok(value),
            Err(err) => (err.message().to_owned(), err.span()),
        },
        Format::Yaml => match serde_saphyr::from_str::<T>(text) {
            Ok(value) => return Ok(value),
            Err(err) => yaml_error(text, &err),
        },
    };
    let first_line = message.lines().next().unwrap_or(&message);
    // The key a value of the wrong kind is written under says what goes there (the YAML
    // reader says only that a table was expected).
    let key = span
        .as_ref()
        .and_then(|span| key_of_line(&file.text, range.start + span.start, format));
    // A value gloss itself refused (a date) says after "; write " how to write it; a
    // date TOML cannot read is one value too.
    let of_one_value = crate::diagnostic::unknown_field(&message).is_some()
        || wrong_value(first_line.trim(), key, format).is_some()
        || first_line.contains("; write ")
        || first_line.trim().starts_with("invalid date");
    let mut diagnostic = parse_diagnostic(
        file,
        format,
        &message,
        span.map(|s| s.start + range.start..s.end + range.start),
    );
    // serde stops at the first unknown key; the others of the same table are named too,
    // so that one run shows every misspelt key.
    if let Some((field, expected)) = crate::diagnostic::unknown_field(&message) {
        for (key, line) in other_unknown_keys(text, format, field, &expected) {
            let line = crate::diagnostic::line_column(&file.text, range.start + line).0;
            let advice = crate::diagnostic::did_you_mean(key, expected.iter().copied())
                .map_or_else(
                    || "remove it".to_owned(),
                    |k| format!("did you mean `{k}`?"),
                );
            diagnostic = diagnostic.note(format!(
                "`{key}` on line {line} is not known either: {advice}"
            ));
        }
    }
    Err((diagnostic, of_one_value))
}

/// The sections of the TOML table whose header is the line `lines` (`[extra]`), when
/// `span` (the key in error) is the last part of that header's name: each section of the
/// table or of one inside it (`[extra]`, `[extra.more]`, every `[[menu]]`), from its
/// header down to the next header or the end of the text. `None` for any other line.
fn unknown_table(
    text: &str,
    lines: &Range<usize>,
    span: &Range<usize>,
    format: Format,
) -> Option<Vec<Range<usize>>> {
    let name = header_name(&text[lines.clone()])?;
    let key = text.get(span.clone())?.trim_matches(['"', '\'']);
    let last = name.rsplit('.').next()?.trim().trim_matches(['"', '\'']);
    if format != Format::Toml || key.is_empty() || key != last {
        return None;
    }
    let inside = |other: &str| {
        other == name
            || other
                .strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with('.'))
    };
    let mut sections = Vec::new();
    let mut open: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(other) = header_name(line) {
            if let Some(start) = open.take() {
                sections.push(start..offset);
            }
            if inside(other) {
                open = Some(offset);
            }
        }
        offset += line.len();
    }
    if let Some(start) = open {
        sections.push(start..text.len());
    }
    Some(sections)
}

/// The name of the table a TOML header line opens (`extra.more` for `[extra.more]`,
/// `menu` for `[[menu]]`), trimmed; `None` when the line is no header.
fn header_name(line: &str) -> Option<&str> {
    let line = line.trim();
    let line = match line.find('#') {
        Some(comment) if line[..comment].trim_end().ends_with(']') => line[..comment].trim_end(),
        _ => line,
    };
    let inner = line
        .strip_prefix("[[")
        .and_then(|l| l.strip_suffix("]]"))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?
        .trim();
    let is_key = |c: char| c.is_alphanumeric() || "_-. \"'".contains(c);
    (!inner.is_empty() && inner.chars().all(is_key)).then_some(inner)
}

/// Where the TOML sub-table whose header is the first line of `lines` ends (the start
/// of the next header, or the end of the text), when that line is a header of a table
/// inside a note's (`[[note.sources]]`, `[note.x]`); `None` for any other line.
fn sub_table(text: &str, lines: &Range<usize>, format: Format) -> Option<usize> {
    let header = text[lines.clone()].trim();
    let inner = header
        .strip_prefix("[[")
        .or_else(|| header.strip_prefix('['))?;
    if format != Format::Toml || !inner.trim_start().starts_with("note.") {
        return None;
    }
    let mut end = lines.start
        + text[lines.start..]
            .find('\n')
            .map_or(text.len() - lines.start, |n| n + 1);
    while end < text.len() {
        let next = &text[end..];
        if next.trim_start().starts_with('[') {
            break;
        }
        end += next.find('\n').map_or(next.len(), |n| n + 1);
    }
    Some(end)
}

/// Reads `file.text[range]` (a sidecar, a front matter or `site.toml`); when one value
/// is wrong (of the wrong kind, missing, unknown), reports it, passes over its line (or,
/// for a table under a key not known, the whole table) and reads on, so that one run
/// names every wrong value rather than the first. Gives what was read and the offsets of
/// the lines passed over, or `None` when the text cannot be read even so.
pub(crate) fn read_on<R: serde::de::DeserializeOwned>(
    file: &SourceFile,
    format: Format,
    range: Range<usize>,
) -> (Option<(R, Vec<usize>)>, Vec<Diagnostic>) {
    const MOST: usize = 64;
    let mut problems = Vec::new();
    let mut passed = Vec::new();
    let mut text = String::new();
    loop {
        let read = if passed.is_empty() {
            deserialize_telling(file, format, range.clone())
        } else {
            let scratch = SourceFile {
                text: Arc::from(text.as_str()),
                ..file.clone()
            };
            deserialize_telling(&scratch, format, range.clone())
        };
        let (mut problem, of_one_value) = match read {
            Ok(raw) => return (Some((raw, passed)), problems),
            Err(found) => found,
        };
        // Each unknown key is reported on its own as the reading goes on: the notes
        // naming the others would repeat them, and miss those of other tables.
        problem
            .notes
            .retain(|note| !note.contains("is not known either"));
        problem.source = Some(Arc::clone(&file.text));
        if passed.is_empty() {
            text = file.text.to_string();
        }
        // The lines the wrong value stands on: its key's, down to the line of its last
        // byte (an array or inline table written over several lines goes as a whole).
        let line = problem.span.as_ref().map(|span| {
            // A YAML value written as a block below its key goes with its key; a note
            // written as a value (`- Kim`) goes alone, leaving its `- `, so that the
            // notes after it keep their numbers.
            if format == Format::Yaml {
                if let Some(block) = yaml_note_item(&text, span.start)
                    .or_else(|| yaml_owner(&text, span.start))
                    .or_else(|| yaml_key_block(&text, span.start))
                {
                    return block;
                }
            }
            let line = line_around(&text, span.start);
            let last = line_around(&text, span.end.saturating_sub(1).max(span.start));
            line.start..line.end.max(last.end)
        });
        // Only a value of a key can be passed over: a table's header would renumber the
        // notes, and what is left after the lines are blanked may still not read (then
        // that problem is reported and the reading stops). A YAML note's first line
        // keeps its `- `, which starts the note.
        // A TOML sub-table under a note (`[[note.source]]`, misspelt) goes whole: its
        // header down to the next header, which leaves the notes as they are numbered.
        // A table of a key not known (`[extra]`) goes whole too: every section of it,
        // each from its header down to the next header.
        let sections = match (&line, &problem.span) {
            (Some(line), Some(span)) if of_one_value => unknown_table(&text, line, span, format),
            _ => None,
        };
        let line = line.map(|line| match sub_table(&text, &line, format) {
            Some(end) => line.start..end,
            None => line,
        });
        let line = line.filter(|line| {
            of_one_value
                && (!text[line.clone()].trim_start().starts_with('[')
                    || sub_table(&text, line, format).is_some()
                    || sections.is_some())
        });
        // Where the line's key starts: past a YAML item's `- `, where its note starts.
        let line = line.map(|line| (line.start + key_column(&text[line.clone()]), line));
        match line {
            Some((key, _)) if passed.contains(&key) => return (None, problems),
            Some((key, line)) if passed.len() < MOST => {
                problems.push(problem);
                passed.push(key);
                for blanked in sections.unwrap_or_else(|| std::iter::once(key..line.end).collect())
                {
                    // Line breaks stay, so every later line keeps its number.
                    let blank: String = text[blanked.clone()]
                        .chars()
                        .map(|c| {
                            if c == '\n' {
                                "\n".to_owned()
                            } else {
                                " ".repeat(c.len_utf8())
                            }
                        })
                        .collect();
                    text.replace_range(blanked, &blank);
                }
            }
            _ => {
                if problems.is_empty() || of_one_value {
                    problems.push(problem);
                }
                return (None, problems);
            }
        }
    }
}

/// The byte range of the line holding `at` (or the character `at` falls inside),
/// without its line break.
pub(crate) fn line_around(text: &str, at: usize) -> Range<usize> {
    let at = crate::diagnostic::floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// The top-level keys of a front matter, other than `field`, that are not among
/// `expected`, with the byte offset of their line; none when `field` is no top-level key
/// (the error is about a table inside).
fn other_unknown_keys<'t>(
    text: &'t str,
    format: Format,
    field: &str,
    expected: &[&str],
) -> Vec<(&'t str, usize)> {
    let mut keys = Vec::new();
    let mut offset = 0;
    let mut in_string = false;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        // Inside a TOML multi-line string, lines are text.
        let was_in_string = in_string;
        if (line.matches("\"\"\"").count() + line.matches("'''").count()) % 2 == 1 {
            in_string = !in_string;
        }
        if was_in_string {
            continue;
        }
        let key = match format {
            Format::Toml => {
                let trimmed = line.trim_start();
                if trimmed.starts_with('[') {
                    break;
                }
                trimmed.split_once('=').map(|(key, _)| key)
            }
            Format::Yaml if !line.starts_with([' ', '\t', '-', '#']) => {
                line.split_once(':').map(|(key, _)| key)
            }
            Format::Yaml => None,
        };
        let Some(key) = key.map(str::trim) else {
            continue;
        };
        let quoted = key.len() >= 2
            && (key.starts_with('"') && key.ends_with('"')
                || key.starts_with('\'') && key.ends_with('\''));
        let bare = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' '));
        if quoted || bare {
            keys.push((key.trim_matches(['"', '\'']), at));
        }
    }
    if !keys.iter().any(|(key, _)| *key == field) {
        return Vec::new();
    }
    keys.retain(|(key, _)| *key != field && !expected.contains(key));
    keys
}

fn parse_diagnostic(
    file: &SourceFile,
    format: Format,
    message: &str,
    span: Option<Range<usize>>,
) -> Diagnostic {
    let language = match format {
        Format::Toml => "TOML",
        Format::Yaml => "YAML",
    };
    let first_line = message.lines().next().unwrap_or(message).trim();
    // A value gloss itself refused (a date) is well-formed TOML or YAML: its message
    // says what is wrong and, after "; ", how to write it.
    if let Some((wrong, fix)) = first_line.split_once("; write ") {
        let mut diagnostic = Diagnostic::error(&file.path, wrong.to_owned());
        if let Some(span) = span {
            diagnostic = diagnostic.at(&Arc::clone(&file.text), span);
        }
        return diagnostic.hint(format!("write {fix}"));
    }
    let key = span
        .as_ref()
        .and_then(|span| key_of_line(&file.text, span.start, format));
    // A date TOML cannot read (`2019-13-01`): say which and how dates are written.
    if let Some(why) = first_line.strip_prefix("invalid date") {
        let named = key.map_or_else(|| "this date".to_owned(), |key| format!("`{key}`"));
        let why = why.trim_start_matches([',', ' ']);
        let mut diagnostic = Diagnostic::error(&file.path, format!("{named} is not a date: {why}"));
        if let Some(span) = span {
            diagnostic = diagnostic.at(&Arc::clone(&file.text), span);
        }
        return diagnostic.hint(
            "write a day of the calendar, as 2019-03-01 (or a time, as 2019-03-01T08:00:00Z)",
        );
    }
    if let Some((wrong, fix)) = wrong_value(first_line, key, format) {
        let mut diagnostic = Diagnostic::error(&file.path, wrong);
        if let Some(span) = span {
            diagnostic = diagnostic.at(&Arc::clone(&file.text), span);
        }
        return diagnostic.hint(fix);
    }
    // A key gloss does not know is well-formed TOML or YAML too; in TOML it may head a
    // table of its own (`[extra]`).
    let table = format == Format::Toml
        && span.as_ref().is_some_and(|span| {
            let line_start = file.text[..span.start].rfind('\n').map_or(0, |at| at + 1);
            file.text[line_start..span.start]
                .trim_start()
                .starts_with('[')
        });
    let what = if table { "table" } else { "key" };
    let message_line = match crate::diagnostic::unknown_field(first_line) {
        Some((field, expected)) if !expected.is_empty() => format!(
            "unknown {what} `{field}`: the keys here are {}",
            expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Some((field, _)) => format!("unknown {what} `{field}`"),
        None => {
            // Text in "..." broken over lines: the parser stumbles a line later, over
            // the rest of the text; the place to fix is the line the string starts on.
            let unclosed = (format == Format::Toml)
                .then(|| unclosed_string(&file.text, span.as_ref().map_or(0, |s| s.end)))
                .flatten();
            if let Some((at, key, mark)) = unclosed {
                let three = mark.to_string().repeat(3);
                return Diagnostic::error(
                    &file.path,
                    format!("the text of `{key}` runs past the end of its line, where its closing {mark} should be"),
                )
                .at(&Arc::clone(&file.text), at)
                .label(format!("no closing {mark} on this line"))
                .hint(format!("close it on this line, or write text of several lines between three quotes: {key} = {three}...{three}"));
            }
            format!("invalid {language}: {first_line}")
        }
    };
    // YAML reads `: ` inside a plain value as the start of another key.
    if format == Format::Yaml && first_line.contains("mapping values are not allowed") {
        let mut diagnostic = Diagnostic::error(&file.path, message_line);
        if let Some(span) = span.clone() {
            diagnostic = diagnostic.at(&Arc::clone(&file.text), span);
        }
        let key = key.unwrap_or("body");
        // The value as written, from the key's line, to show it quoted.
        let at = span.as_ref().map_or(0, |s| s.start).min(file.text.len());
        let line_start = file.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = file.text[line_start..].lines().next().unwrap_or_default();
        let value = line
            .split_once(&format!("{key}:"))
            .map_or("...", |(_, value)| value.trim());
        // A comment after the value stays a comment, outside the quotes.
        let value = value
            .split_once(" #")
            .map_or(value, |(value, _)| value.trim_end());
        // In single quotes nothing is an escape (`C:\docs`); a ' inside is written twice.
        let quoted = if value.contains('"') || value.contains('\\') {
            format!("'{}'", value.replace('\'', "''"))
        } else {
            format!("\"{value}\"")
        };
        return diagnostic.hint(format!(
            "a value with `: ` in it goes in quotes: {key}: {quoted} (or on the lines below `{key}: |`, indented)"
        ));
    }
    let mut diagnostic = Diagnostic::error(&file.path, message_line);
    if let Some(span) = span {
        diagnostic = diagnostic.at(&Arc::clone(&file.text), span);
    }
    match unknown_field_hint(message) {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic.hint(format!("fix the {language} syntax at this place")),
    }
}

/// The last TOML string in `"..."` (or `'...'`) before `upto` that its line does not
/// close: where it starts, its key, and its quotation mark.
fn unclosed_string(text: &str, upto: usize) -> Option<(Range<usize>, String, char)> {
    let mut found = None;
    let mut in_multiline: Option<&str> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > upto {
            break;
        }
        let start = offset;
        offset += line.len();
        if let Some(mark) = in_multiline {
            if line.matches(mark).count() % 2 == 1 {
                in_multiline = None;
            }
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let value = value.trim_start();
        // `value` ends the line: where it starts in the text.
        let value_at = start + line.len() - value.len();
        if key.is_empty() || key.starts_with('#') || key.starts_with('[') {
            continue;
        }
        for mark in ["\"\"\"", "'''"] {
            if value.starts_with(mark) && value[3..].matches(mark).count() % 2 == 0 {
                in_multiline = Some(mark);
            }
        }
        if in_multiline.is_some() || value.starts_with("\"\"\"") || value.starts_with("'''") {
            continue;
        }
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let mut escaped = false;
        let closed = value[1..].trim_end_matches(['\n', '\r']).chars().any(|c| {
            let close = c == quote && !escaped;
            escaped = quote == '"' && c == '\\' && !escaped;
            close
        });
        if !closed {
            found = Some((
                value_at..value_at + 1,
                key.trim_matches('"').to_owned(),
                quote,
            ));
        }
    }
    found
}

/// The message and fix for well-formed TOML or YAML whose value is of the wrong kind
/// (a string where a list goes) or that lacks a required key: the syntax is right, so
/// "fix the syntax" would mislead.
fn wrong_value(message: &str, key: Option<&str>, format: Format) -> Option<(String, String)> {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let example = match format {
            Format::Toml => format!("{field} = \"...\""),
            Format::Yaml => format!("{field}: ..."),
        };
        return Some((
            format!("`{field}` is missing here"),
            format!("add `{example}` to this entry"),
        ));
    }
    let named = key.map_or_else(|| "this value".to_owned(), |key| format!("`{key}`"));
    let sample = key.unwrap_or("key");
    let assign = |value: &str| format.assign(sample, value);
    let found = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split([' ', ',']).next())
        .map(|kind| match kind {
            "sequence" => "a list".to_owned(),
            "map" => "a table".to_owned(),
            "string" => "text".to_owned(),
            "integer" => "a number".to_owned(),
            "floating" => "a decimal number".to_owned(),
            "boolean" => "true or false".to_owned(),
            other => other.to_owned(),
        });
    let not = found
        .map(|found| format!(", not {found}"))
        .unwrap_or_default();
    let table = message
        .split(", expected struct ")
        .nth(1)
        .and_then(|name| TABLES.iter().find(|(t, ..)| name.starts_with(t)));
    let list_of_tables = key.and_then(|key| TABLES.iter().find(|(.., k, _, _)| *k == key));
    // YAML says only that a table was expected; the key says which.
    let table = table.or(list_of_tables.filter(|_| message.contains("expected mapping start")));
    if let Some((_, what, key, list, _)) = table {
        let named = if *list {
            format!("each item of `{key}`")
        } else {
            format!("`{key}`")
        };
        return Some((format!("{named} is {what}{not}"), table_fix(key, format)));
    }
    if message.contains("expected a sequence") || message.contains("expected sequence start") {
        if let Some((_, what, key, ..)) = list_of_tables {
            return Some((
                format!("{named} is a list, each item {what}{not}"),
                table_fix(key, format),
            ));
        }
        let fix = match format {
            Format::Toml => format!(
                "write a list in brackets, even of one: {}",
                assign("[\"...\"]")
            ),
            Format::Yaml => format!(
                "write a list, even of one: {}, or one `- ...` line per item below it",
                assign("[...]")
            ),
        };
        return Some((format!("{named} is a list{not}"), fix));
    }
    if message.contains("expected a boolean") || message.starts_with("invalid boolean") {
        return Some((
            format!("{named} is true or false{not}"),
            format!(
                "write {} or {}, without quotes",
                assign("true"),
                assign("false")
            ),
        ));
    }
    if message.contains("expected a string") || message.contains("expected string scalar") {
        // Several texts where one goes: a fix in quotes would keep the brackets.
        let fix = if message.starts_with("invalid type: sequence") {
            let one = if key == Some("quote") {
                "; a note quotes one passage: give each other passage a note of its own"
            } else {
                ""
            };
            format!("write one text, in quotes: {}{one}", assign("\"...\""))
        } else {
            "write the text as a value of its own, in quotes".to_owned()
        };
        return Some((format!("{named} is text{not}"), fix));
    }
    let whole = [
        "expected i64",
        "expected u64",
        "expected i32",
        "expected u32",
        "expected usize",
        "expected an integer",
    ];
    let yaml_whole = [
        "invalid i64",
        "invalid u64",
        "invalid i32",
        "invalid u32",
        "invalid usize",
    ];
    if whole.iter().any(|w| message.contains(w))
        || yaml_whole.iter().any(|w| message.starts_with(w))
    {
        let fix = if message.contains("invalid type: string") {
            format!("write a number without quotes: {}", assign("2"))
        } else {
            format!("write a whole number: {}", assign("2"))
        };
        return Some((format!("{named} is a whole number{not}"), fix));
    }
    if message.starts_with("invalid type: ") {
        let expected = message
            .split(", expected ")
            .nth(1)
            .unwrap_or("another kind of value");
        return Some((
            format!("{named} is {expected}{not}"),
            format!("write {named} as {expected}"),
        ));
    }
    None
}

/// The tables a front matter or sidecar holds: the type serde names, what it is for a
/// reader, the key it is written under, whether that key holds a list of them, and the
/// keys a fix shows.
const TABLES: [(&str, &str, &str, bool, &[&str]); 3] = [
    (
        "SourceLink",
        "a table of `title` and `url`",
        "sources",
        true,
        &["title", "url"],
    ),
    (
        "Source",
        "a table of `name`, `url` and `published`",
        "source",
        false,
        &["name", "url"],
    ),
    (
        "RawNote",
        "a table of a note's keys (`quote`, `body`, ...)",
        "note",
        true,
        &["quote", "body"],
    ),
];

/// How to write the table or list of tables under `key`, in `format`.
fn table_fix(key: &str, format: Format) -> String {
    let (keys, list) = TABLES
        .iter()
        .find(|(.., k, _, _)| *k == key)
        .map_or((&["name"][..], false), |(.., list, keys)| (*keys, *list));
    // The notes are the sidecar's own list; a list of tables inside a note is the note's.
    let header = if key == "note" {
        "[[note]]".to_owned()
    } else {
        format!("[[note.{key}]]")
    };
    match (format, list) {
        (Format::Toml, true) => format!(
            "write each as a table: `{header}` on a line of its own, then {} on the lines below it",
            keys.iter().map(|k| format!("`{k} = \"...\"`")).collect::<Vec<_>>().join(" and ")
        ),
        (Format::Toml, false) => format!(
            "write it as a table: `[{key}]` on a line of its own after the other keys, then {} on the lines below it",
            keys.iter().map(|k| format!("`{k} = \"...\"`")).collect::<Vec<_>>().join(" and ")
        ),
        (Format::Yaml, true) => format!(
            "write one item a {}: `- {}: ...` with {} under it",
            key.trim_end_matches('s'),
            keys[0],
            keys[1..].iter().map(|k| format!("`{k}: ...`")).collect::<Vec<_>>().join(", ")
        ),
        (Format::Yaml, false) => format!(
            "write `{key}:` and, indented below it, {}",
            keys.iter().map(|k| format!("`{k}: ...`")).collect::<Vec<_>>().join(" and ")
        ),
    }
}

/// The key written at the start of the line holding byte `at` of `text`, if any.
fn key_of_line(text: &str, at: usize, format: Format) -> Option<&str> {
    let at = crate::diagnostic::floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    // A YAML value written as a block below its key: the key is on the line above.
    if format == Format::Yaml {
        if let Some(owner) = yaml_owner(text, at) {
            return key_of_line(text, owner.start, format);
        }
    }
    // An item of a list is not what its key names; a YAML item's first key is.
    let key = match format {
        Format::Yaml => {
            let own = line.trim_start();
            yaml_key_value(own.strip_prefix("- ").unwrap_or(own).trim_start())?.0
        }
        Format::Toml => line.split_once('=')?.0,
    }
    .trim();
    let key = key.trim_matches(['"', '\'']);
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    bare.then_some(key)
}

/// For a place inside a YAML value written as a block below its key (`body:` and then
/// `- one` lines, or a nested mapping), the lines of that key and its whole block: from
/// the key's line to the end of the block's last line. `None` for a place on a line that
/// holds its own key.
pub(crate) fn yaml_owner(text: &str, at: usize) -> Option<Range<usize>> {
    let is_item = |line: &str| line.trim_start().starts_with("- ") || line.trim() == "-";
    let at = crate::diagnostic::floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or_default();
    let item = is_item(line);
    let own = line
        .trim_start()
        .strip_prefix("- ")
        .unwrap_or(line.trim_start());
    if yaml_key_value(own).is_some_and(|(key, _)| !key.trim().is_empty()) {
        return None;
    }
    let depth = line.len() - line.trim_start_matches(' ').len();
    // The nearest line above indented less (or as much, for a list's items, which YAML
    // lets stand at their key's column): the owner when it is a key with nothing after
    // its colon.
    // Counted with each line's own break, `\r\n` or `\n`.
    let mut above_start = start;
    let mut owner = None;
    for above in text[..start].split_inclusive('\n').rev() {
        above_start -= above.len();
        let content = above.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let column = key_column(above);
        if column < depth || (item && column == depth) {
            owner = content.ends_with(':').then_some((above_start, column));
            break;
        }
    }
    let (owner_start, owner_column) = owner?;
    Some(owner_start..yaml_block_end(text, start + line.len(), owner_column))
}

/// For a place in an item of a sidecar's `note:` list that holds no key (`- Kim`, a note
/// written as a value rather than as a table of keys), the lines of that item: its `- `
/// line and the lines indented past its `- `. `None` for any other place.
fn yaml_note_item(text: &str, at: usize) -> Option<Range<usize>> {
    let owner = yaml_owner(text, at)?;
    if !text[owner.start..].starts_with("note:") {
        return None;
    }
    let at = crate::diagnostic::floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or_default();
    let own = line.trim_start();
    if !own.starts_with("- ") {
        return None;
    }
    let dash = line.len() - own.len();
    let mut end = start + line.len();
    let mut offset = (end + 1).min(text.len());
    for below in text[offset..].split_inclusive('\n') {
        let content = below.trim();
        let depth = below.len() - below.trim_start_matches(' ').len();
        if !content.is_empty() && depth <= dash {
            break;
        }
        if !content.is_empty() {
            end = offset + below.trim_end_matches(['\n', '\r']).len();
        }
        offset += below.len();
    }
    Some(start..end)
}

/// The YAML key at `at` with its value, when that value is a block below it (`sources:`
/// then its items): the key's line down to the block's last line.
pub(crate) fn yaml_key_block(text: &str, at: usize) -> Option<Range<usize>> {
    let at = crate::diagnostic::floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or_default();
    let own = line.trim_start();
    let own = own.strip_prefix("- ").unwrap_or(own);
    let (key, value) = yaml_key_value(own)?;
    let value = value.trim();
    if key.trim().is_empty() || !(value.is_empty() || value.starts_with('#')) {
        return None;
    }
    let end = yaml_block_end(text, start + line.len(), key_column(line));
    (end > start + line.len()).then_some(start..end)
}

/// A YAML line's key and value (`key: value`, past any indentation and `- `), split at
/// the first colon that ends a key: one followed by a space or the end of the line, so
/// that `- https://e.org` or `- "a: b"` is a value, not a key.
pub(crate) fn yaml_key_value(content: &str) -> Option<(&str, &str)> {
    // A key in quotes may hold `: `; its colon follows the closing quote.
    let from = match content.chars().next() {
        Some(mark @ ('"' | '\'')) => content[1..].find(mark).map_or(content.len(), |i| i + 2),
        _ => 0,
    };
    content[from..].match_indices(':').find_map(|(at, _)| {
        let at = from + at;
        let rest = &content[at + 1..];
        (rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
            .then(|| (&content[..at], rest))
    })
}

/// For a place at the first key of a YAML table written as a block below its key
/// (`sources:` and then `title: ...` under it), where that key starts. A value of the
/// wrong kind reported there is the whole table, where something else goes. `None` for
/// any other place, and for a list item's first key (`- title: ...`).
fn yaml_table_key(text: &str, at: usize) -> Option<usize> {
    let at = crate::diagnostic::floor_char_boundary(text, at.min(text.len()));
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or_default();
    let depth = line.len() - line.trim_start_matches(' ').len();
    let own = line.trim_start();
    if at != start + depth || own.starts_with('-') || yaml_key_value(own).is_none() {
        return None;
    }
    let mut above_start = start;
    for above in text[..start].split_inclusive('\n').rev() {
        above_start -= above.len();
        let content = above.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let column = key_column(above);
        if column < depth {
            return content.ends_with(':').then_some(above_start + column);
        }
    }
    None
}

/// Where the block below a line ending at `line_end` ends, for a key at `column`: every
/// following line indented past it, or a list item at it; blank lines and comments
/// inside it too.
fn yaml_block_end(text: &str, line_end: usize, column: usize) -> usize {
    let is_item = |line: &str| line.trim_start().starts_with("- ") || line.trim() == "-";
    let mut block_end = line_end;
    let mut offset = (line_end + 1).min(text.len());
    for below in text[offset..].split_inclusive('\n') {
        let content = below.trim();
        let depth = below.len() - below.trim_start_matches(' ').len();
        let inside = content.is_empty() || depth > column || (depth == column && is_item(below));
        if !inside {
            break;
        }
        if !content.is_empty() {
            block_end = offset + below.trim_end_matches(['\n', '\r']).len();
        }
        offset += below.len();
    }
    block_end
}

/// The YAML reader's message and place for `text`, told as TOML's are when a value is
/// of the wrong kind.
fn yaml_error(text: &str, err: &serde_saphyr::Error) -> (String, Option<Range<usize>>) {
    let at = err.location().and_then(|l| yaml_offset(text, &l));
    let message = yaml_message(err);
    let Some(at) = at.filter(|_| message.starts_with("expected ")) else {
        return (message, at.map(|at| at..at + 1));
    };
    // The reader places a table found where another kind of value goes at the table's
    // first key; the value is that of the key above it.
    if let Some(key) = yaml_table_key(text, at) {
        return (format!("invalid type: map, {message}"), Some(key..key + 1));
    }
    // Nor does it say what it found: a list or table in brackets or braces, or written
    // as `- ` items, is named.
    let value = &text[crate::diagnostic::floor_char_boundary(text, at)..];
    let message = if value.starts_with('[')
        || value
            .strip_prefix('-')
            .is_some_and(|rest| rest.starts_with([' ', '\n', '\r']))
    {
        format!("invalid type: sequence, {message}")
    } else if value.starts_with('{') {
        format!("invalid type: map, {message}")
    } else {
        message
    };
    (message, Some(at..at + 1))
}

/// Byte offset in `text` of a YAML error location.
fn yaml_offset(text: &str, location: &serde_saphyr::Location) -> Option<usize> {
    if let Some(offset) = location.span().byte_offset() {
        return usize::try_from(offset).ok().filter(|&o| o <= text.len());
    }
    let line = usize::try_from(location.line()).ok()?.checked_sub(1)?;
    let column = usize::try_from(location.column()).ok()?.saturating_sub(1);
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let column_bytes: usize = line_text.chars().take(column).map(char::len_utf8).sum();
    Some(line_start + column_bytes)
}

/// serde-saphyr's message without its own rendering of the place.
fn yaml_message(err: &serde_saphyr::Error) -> String {
    let text = err.to_string();
    let first = text.lines().next().unwrap_or(&text);
    let first = first.split(" at line ").next().unwrap_or(first).trim();
    // Its own "error: line L column C:" counts from the front matter, not the file; the
    // diagnostic shows the place in the file.
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let message = match first
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((place, message)) if place.contains(" column ") => message,
        _ => first,
    };
    // Advice meant for programs that call the YAML reader, not for a writer.
    if message.contains("tabs disallowed") {
        return "a tab indents this line: YAML is indented with spaces; replace the tab with spaces".to_owned();
    }
    if message.contains("from_str_multiple") {
        return "a second YAML document (a line `---`): the file holds one".to_owned();
    }
    match message.split_once(", set DuplicateKeyPolicy") {
        Some((duplicate, _)) => format!("{duplicate}: each key is written once"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_past_the_last_timestamp_is_a_date_and_a_leap_second_is_refused() {
        let end = DateValue::parse("9999-12-30T23:59:59Z").expect("a date");
        assert_eq!(end.day.to_string(), "9999-12-30");
        assert_eq!(end.rfc3339, "9999-12-30T23:59:59Z");
        let offset = DateValue::parse("9999-12-31T10:00:00.5+01:00").expect("a date");
        assert_eq!(offset.rfc3339, "9999-12-31T10:00:00+01:00");
        let leap = DateValue::parse("2016-12-31T23:59:60Z").expect_err("refused");
        assert!(
            leap.contains("leap second") && leap.contains("2016-12-31T23:59:59Z"),
            "{leap}"
        );
        assert!(DateValue::parse("2019-03-01T10:00:59Z").is_ok());
    }

    #[test]
    fn the_yaml_reader_s_advice_to_programmers_is_told_as_a_writer_s_fix() {
        let message = |text: &str| {
            let err = serde_saphyr::from_str::<serde_json::Value>(text).expect_err("refused");
            yaml_message(&err)
        };
        let twice = message("quote: a\nquote: b\n");
        assert!(
            twice.contains("quote") && twice.ends_with("each key is written once"),
            "{twice}"
        );
        assert!(!twice.contains("DuplicateKeyPolicy"), "{twice}");
        let two = message("quote: a\n---\nquote: b\n");
        assert_eq!(
            two,
            "a second YAML document (a line `---`): the file holds one"
        );
        let tab = message("note:\n\t- quote: a\n");
        assert!(tab.contains("replace the tab with spaces"), "{tab}");
    }

    #[test]
    fn a_yaml_block_value_is_found_with_its_key() {
        let owned = |text: &str, word: &str| {
            let at = text.find(word).expect("the word");
            yaml_owner(text, at).map(|r| text[r].to_owned())
        };
        let note = "note:\n  - quote: a\n    body:\n      - one\n\n      - two\n    kind: x\n  - quote: b\n";
        assert_eq!(
            owned(note, "one").as_deref(),
            Some("    body:\n      - one\n\n      - two")
        );
        // Items may stand at their key's column.
        let flush = "note:\n  - quote: a\n    body:\n    - one\n    kind: x\n";
        assert_eq!(owned(flush, "one").as_deref(), Some("    body:\n    - one"));
        // A note's first key, on its `- ` line, owns what is indented past its column.
        let first = "note:\n  - body:\n      k: v\n  - quote: b\n";
        assert_eq!(owned(first, "k: v"), None, "a line with its own key");
        let first = "note:\n  - body:\n      - one\n  - quote: b\n";
        assert_eq!(
            owned(first, "one").as_deref(),
            Some("  - body:\n      - one")
        );
        // A value on its key's line has no owner.
        assert_eq!(owned(note, "quote: a"), None);
    }

    #[test]
    fn a_yaml_value_below_its_key_after_a_crlf_line_is_placed_without_a_panic() {
        // The key a value below it belongs to was looked for counting a `\r\n` line a
        // byte short, which cut the `é` above it.
        let text = "---\n[title: x\nésource:\n\r\n  - a\n---\n";
        let file = SourceFile {
            path: "a.md".into(),
            rel: "a.md".into(),
            text: Arc::from(text),
        };
        let split = split(text).expect("splits");
        let err = deserialize::<ArticleFront>(&file, split.format, split.front).unwrap_err();
        let span = err.span.expect("placed");
        assert!(text.is_char_boundary(span.start), "{span:?}");
    }

    #[test]
    fn toml_and_yaml_fences_split_with_crlf() {
        let split = split("+++\r\ntitle = \"x\"\r\n+++\r\nBody\r\n").expect("splits");
        assert_eq!(split.format, Format::Toml);
        assert_eq!(split.front, 5..18);
        assert_eq!(split.body, 23..29);
        assert_eq!(
            self::split("---\na: 1\n---\n").expect("splits").format,
            Format::Yaml
        );
    }

    #[test]
    fn a_thematic_break_in_the_body_is_not_front_matter() {
        let text = "+++\ntitle = \"x\"\n+++\nOne\n\n---\n\nTwo\n";
        let split = split(text).expect("splits");
        assert_eq!(&text[split.body], "One\n\n---\n\nTwo\n");
    }

    #[test]
    fn unclosed_and_missing_fences_are_errors() {
        assert_eq!(
            split("+++\ntitle = 1\n"),
            Err(SplitError::NotClosed { fence: "+++" })
        );
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
    }

    #[test]
    fn dates_take_a_day_or_rfc3339() {
        assert_eq!(
            DateValue::parse("2019-03-01").expect("day").rfc3339,
            "2019-03-01T00:00:00Z"
        );
        let with_offset = DateValue::parse("2019-03-01T23:30:00-05:00").expect("stamp");
        assert_eq!(with_offset.day.to_string(), "2019-03-01");
        assert_eq!(with_offset.rfc3339, "2019-03-01T23:30:00-05:00");
        assert!(DateValue::parse("March 1").is_err());
    }

    #[test]
    fn toml_dates_and_yaml_strings_both_read() {
        let file = |text: &str| SourceFile {
            path: "a.md".into(),
            rel: "a.md".into(),
            text: Arc::from(text),
        };
        let toml_file = file("date = 2019-03-01\n");
        let front: ArticleFront =
            deserialize(&toml_file, Format::Toml, 0..toml_file.text.len()).expect("toml");
        assert_eq!(front.date.expect("date").day.to_string(), "2019-03-01");
        let yaml_file = file("date: 2019-03-01\ntitle: T\n");
        let front: ArticleFront =
            deserialize(&yaml_file, Format::Yaml, 0..yaml_file.text.len()).expect("yaml");
        assert_eq!(front.title.as_deref(), Some("T"));
    }

    #[test]
    fn unknown_key_points_at_its_line_with_a_suggestion() {
        let text = "+++\ntitle = \"x\"\ntgas = [\"a\"]\n+++\n";
        let file = SourceFile {
            path: "a.md".into(),
            rel: "a.md".into(),
            text: Arc::from(text),
        };
        let err = deserialize::<ArticleFront>(&file, Format::Toml, 4..29).unwrap_err();
        assert_eq!(err.line_column().map(|p| p.0), Some(3));
        assert_eq!(err.hint.as_deref(), Some("did you mean `tags`?"));
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_named_with_how_to_write_it() {
        let cases = [
            (
                Format::Toml,
                "title = \"x\"\nauthors = \"Jane\"\n",
                "`authors` is a list, not text",
                "authors = [\"...\"]",
            ),
            (
                Format::Toml,
                "title = \"x\"\ndraft = \"yes\"\n",
                "`draft` is true or false, not text",
                "draft = true or draft = false",
            ),
            (
                Format::Yaml,
                "title: x\ntags: water\n",
                "`tags` is a list",
                "tags: [...]",
            ),
            (
                Format::Yaml,
                "title: x\ndraft: yes please\n",
                "`draft` is true or false",
                "draft: true",
            ),
        ];
        for (format, text, message, fix) in cases {
            let file = SourceFile {
                path: "a.md".into(),
                rel: "a.md".into(),
                text: Arc::from(text),
            };
            let err = deserialize::<ArticleFront>(&file, format, 0..text.len()).unwrap_err();
            assert_eq!(err.message, message, "{text}");
            assert_eq!(err.line_column().map(|p| p.0), Some(2), "{text}");
            let hint = err.hint.unwrap_or_default();
            assert!(
                hint.contains(fix) && !hint.contains("syntax"),
                "{text}: {hint}"
            );
        }
    }
}
