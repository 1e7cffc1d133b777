//! Problems a writer can fix, with the place they sit and what to do about them.
//!
//! In: whatever a stage found wrong, as a [`Diagnostic`] holding the file, a byte span in
//! that file's text, a message and a hint. Out: text for the terminal (through miette's
//! graphical report) and the exit code. No stage prints; they return diagnostics.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How bad a problem is: errors stop a build, warnings are only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Shown, but the build goes on.
    Warning,
    /// The build fails.
    Error,
}

/// Who has to act: decides the exit code (1 for content, 2 for usage or I/O).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Something in `content/`, a sidecar, a template or `site.toml` is wrong.
    Content,
    /// A file could not be read or written, or the command line is wrong.
    Io,
}

/// One problem, located in a file when it has a place.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Content or I/O, for the exit code.
    pub category: Category,
    /// What went wrong, in one line.
    pub message: String,
    /// The file it is about, as the writer knows it (relative to the site root).
    pub file: PathBuf,
    /// The whole text of `file`, so the report can show the line.
    pub source: Option<Arc<str>>,
    /// Byte range in `source` that the problem points at.
    pub span: Option<Range<usize>>,
    /// Short text under the underlined span.
    pub label: Option<String>,
    /// Extra facts (`nearest passage, article line 22: ...`).
    pub notes: Vec<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A content error about `file` with no place yet.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            category: Category::Content,
            message: message.into(),
            file: file.into(),
            source: None,
            span: None,
            label: None,
            notes: Vec::new(),
            hint: None,
        }
    }

    /// A warning about `file`: shown, never fatal.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    /// An error in the command line (exit code 2): `what` names the argument or flag.
    pub fn usage(what: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            category: Category::Io,
            ..Self::error(what, message)
        }
    }

    /// An I/O failure (exit code 2) on `file`, a path given on the command line: read
    /// from the folder gloss runs in, not from `--root`.
    pub fn io_of_argument(file: impl Into<PathBuf>, what: &str, err: &std::io::Error) -> Self {
        let problem = Self::io(file, what, err);
        if err.kind() == std::io::ErrorKind::NotFound {
            return problem
                .hint("check the path: it is read from the folder gloss runs in, not from --root");
        }
        problem
    }

    /// An I/O failure (exit code 2) on `file`.
    pub fn io(file: impl Into<PathBuf>, what: &str, err: &std::io::Error) -> Self {
        Self {
            category: Category::Io,
            hint: Some(io_hint(err).to_owned()),
            ..Self::error(file, format!("{what}: {err}"))
        }
    }

    /// Points the diagnostic at `span` of `source`; the span is clamped to the text.
    #[must_use]
    pub fn at(mut self, source: &Arc<str>, span: Range<usize>) -> Self {
        let end = span.end.min(source.len());
        let start = span.start.min(end);
        self.span = Some(start..end);
        self.source = Some(Arc::clone(source));
        self
    }

    /// Adds the short text shown under the underlined span.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds one `= note` line.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds the note that the problem arose while rendering `what` (a source file or
    /// an output page), for errors a template meets with one page's values. A note
    /// given already stays: the first is the closest to where the problem was met (the
    /// feed's entry for an article, not the article whose rendering made it).
    #[must_use]
    pub fn rendering(self, what: impl std::fmt::Display) -> Self {
        if self.notes.iter().any(|note| note.starts_with(RENDERING)) {
            return self;
        }
        self.note(format!("{RENDERING}{what}"))
    }

    /// Sets the closing `hint:` line: what the writer should do.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// 1-based line and column of the span's start, when there is one.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source.as_deref()?, self.span.as_ref()?);
        Some(line_column(source, span.start))
    }

    /// `file:line:column`, or just the file when there is no place.
    pub fn location(&self) -> String {
        match self.line_column() {
            Some((line, column)) => format!("{}:{line}:{column}", self.file.display()),
            None => self.file.display().to_string(),
        }
    }

    /// The report as the terminal shows it; `color` adds ANSI colours.
    pub fn render(&self, color: bool) -> String {
        use miette::{GraphicalReportHandler, GraphicalTheme};
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false)
            .with_word_separator(textwrap::WordSeparator::Custom(words_keeping_code))
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
            .with_break_words(false);
        let mut out = String::new();
        let report = Report(self);
        if handler.render_report(&mut out, &report).is_err() {
            out = format!("{}: {}\n", self.location(), self.message);
        }
        out
    }
}

/// The words a report's lines wrap between: runs of text ending in spaces, as usual,
/// except that text in backticks (a command to copy, a key to write) is one word, so
/// that a line never breaks inside it.
fn words_keeping_code(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut code = false;
    let mut chars = line.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '`' {
            code = !code;
        } else if c == ' ' && !code {
            while chars.next_if(|&(_, c)| c == ' ').is_some() {}
            let end = chars.peek().map_or(line.len(), |&(next, _)| next);
            words.push(textwrap::core::Word::from(&line[start..end]));
            start = end;
        }
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

impl Diagnostic {
    /// The report as a JSON object, for tools: `severity` (`error` or `warning`),
    /// `kind` (`content` or `io`), `file`, `line` and `column` (1-based, in characters;
    /// null without a place), `message`, `label`, `notes` and `hint`.
    pub fn to_json(&self) -> serde_json::Value {
        let (line, column) = self.line_column().unzip();
        serde_json::json!({
            "severity": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "kind": match self.category {
                Category::Content => "content",
                Category::Io => "io",
            },
            "file": path_text(&self.file),
            "line": line,
            "column": column,
            "message": self.message,
            "label": self.label,
            "notes": self.notes,
            "hint": self.hint,
        })
    }
}

impl Diagnostics {
    /// Every report as one JSON document: `{"errors": n, "warnings": n, "problems": [...]}`
    /// (see [`Diagnostic::to_json`]).
    pub fn to_json(&self) -> String {
        let errors = self
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let value = serde_json::json!({
            "errors": errors,
            "warnings": self.0.len() - errors,
            "problems": self.0.iter().map(Diagnostic::to_json).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

/// A path as text for a report, with `/` between its folders on every system. Only
/// Windows separates folders with `\\`; elsewhere a backslash is part of a file's name
/// (`odd\\x.md`) and is kept.
#[must_use]
pub fn path_text(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// The line a terminal report ends with: `1 error`, `2 errors, 1 warning`, `no errors,
/// 3 warnings`, or `no problems found`. Warnings are counted beside errors, as the JSON
/// report counts them, so that none printed above goes uncounted.
#[must_use]
pub fn tally(errors: usize, warnings: usize) -> String {
    let count = |n: usize, what: &str| match n {
        0 => format!("no {what}s"),
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    };
    match (errors, warnings) {
        (0, 0) => "no problems found".to_owned(),
        (_, 0) => count(errors, "error"),
        _ => format!("{}, {}", count(errors, "error"), count(warnings, "warning")),
    }
}

/// `1 problem`, `3 problems`: how many problems a failed rebuild of `serve` had.
#[must_use]
pub fn problems(n: usize) -> String {
    if n == 1 {
        "1 problem".to_owned()
    } else {
        format!("{n} problems")
    }
}

/// The note [`Diagnostic::rendering`] adds, before what was being rendered.
const RENDERING: &str = "while rendering ";

/// `problems` with the repeats of one mistake made one: a template runs for many pages,
/// and its mistake is the same on each. The first keeps its place and says how many
/// pages more it stopped; a repeat that names no page is dropped.
pub fn merge_repeats(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if problems.len() < 2 {
        return problems;
    }
    let same = |d: &Diagnostic| {
        (
            d.file.clone(),
            d.span.clone(),
            // One undefined variable in a template is one mistake, whichever page (with
            // whichever variables) met it.
            d.message
                .split(". Available variables:")
                .next()
                .unwrap_or_default()
                .to_owned(),
            d.hint.clone(),
            d.notes
                .iter()
                .filter(|n| !n.starts_with(RENDERING))
                .cloned()
                .collect::<Vec<_>>(),
        )
    };
    // For each mistake, where its first report is kept, the first page it stopped and
    // every page it stopped (one summary shown on several list pages is one thing).
    let mut first: std::collections::HashMap<
        _,
        (usize, Option<String>, std::collections::HashSet<String>),
    > = std::collections::HashMap::new();
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(problems.len());
    for problem in problems {
        let what = problem
            .notes
            .iter()
            .find(|n| n.starts_with(RENDERING))
            .cloned();
        match first.entry(same(&problem)) {
            std::collections::hash_map::Entry::Occupied(mut seen) => {
                let (_, shown, all) = seen.get_mut();
                if let Some(what) = what {
                    shown.get_or_insert_with(|| what.clone());
                    all.insert(what);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                let all = what.iter().cloned().collect();
                slot.insert((kept.len(), what, all));
                kept.push(problem);
            }
        }
    }
    for (at, shown, all) in first.into_values() {
        let Some(shown) = shown else {
            continue;
        };
        let problem = &mut kept[at];
        if !problem.notes.iter().any(|n| n.starts_with(RENDERING)) {
            problem.notes.push(shown);
        }
        let more = all.len() - 1;
        if more == 0 {
            continue;
        }
        let pages = if more == 1 { "page" } else { "pages" };
        if let Some(note) = problem.notes.iter_mut().find(|n| n.starts_with(RENDERING)) {
            note.push_str(&format!(", and {more} other {pages} the same way"));
        }
    }
    kept
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Keys other site generators and annotation tools use, and the key gloss reads for
/// the same thing.
const SAME_AS: [(&str, &str); 17] = [
    ("link", "url"),
    // A citation's title in a note, the publication's name in an article's [source].
    ("name", "title"),
    ("title", "name"),
    ("href", "url"),
    ("source", "sources"),
    ("note", "body"),
    ("lang", "language"),
    ("locale", "language"),
    ("description", "summary"),
    ("excerpt", "summary"),
    ("lastmod", "updated"),
    ("modified", "updated"),
    ("categories", "tags"),
    ("keywords", "tags"),
    ("text", "body"),
    ("aliases", "redirect_from"),
    ("redirects", "redirect_from"),
];

/// The candidate `word` was meant to be: the key it is another tool's name for, the key
/// it shortens (`auth` for `authors`), or the closest by edit distance if it is close
/// enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let lower = word.to_lowercase();
    let same = SAME_AS
        .iter()
        .find(|(other, _)| *other == lower)
        .and_then(|(_, key)| candidates.iter().find(|c| *c == key));
    let shortened = || {
        let mut longer = candidates
            .iter()
            .filter(|c| lower.len() >= 3 && c.len() > lower.len() && c.starts_with(&lower));
        // Only when one key starts so.
        match (longer.next(), longer.next()) {
            (Some(key), None) => Some(key),
            _ => None,
        }
    };
    let typo = || {
        candidates
            .iter()
            .map(|candidate| (edit_distance(&lower, candidate), candidate))
            .filter(|&(distance, candidate)| distance <= (candidate.len() / 3).max(1) + 1)
            .min_by_key(|&(distance, _)| distance)
            .map(|(_, candidate)| candidate)
    };
    same.or_else(shortened).or_else(typo).copied()
}

/// The candidate `word` is a slip of the keys for: the closest by edit distance (case
/// aside; two letters swapped count as one edit), when it is at most a third as far as
/// the shorter of the two is long, or one edit for short words. Stricter than [`did_you_mean`], which also takes other tools'
/// names and shortenings: for names a writer types from memory (filters, templates),
/// where a far suggestion (`shout` for `sort`) misleads. `part` gives the part of a
/// name whose length counts (a template's file name without its folder and ending).
pub fn typo_of<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    part: fn(&str) -> &str,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let a: Vec<char> = lower.chars().collect();
            let b: Vec<char> = candidate.to_lowercase().chars().collect();
            (swaps_distance(&a, &b), candidate)
        })
        .filter(|&(distance, candidate)| {
            let shorter = part(word)
                .chars()
                .count()
                .min(part(candidate).chars().count());
            distance <= (shorter / 3).max(1)
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance with two neighbouring characters swapped as one edit (the
/// optimal string alignment distance): `lenght` is one edit from `length`.
fn swaps_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut d = vec![0; (a.len() + 1) * width];
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// Levenshtein distance on characters; short words only (keys, ids).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    levenshtein(&a, &b)
}

/// Levenshtein distance between two character slices, in one row of memory.
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Turns a serde "unknown field `x`, expected one of `a`, `b`" message into a hint.
pub fn unknown_field_hint(message: &str) -> Option<String> {
    let (field, expected) = unknown_field(message)?;
    Some(match did_you_mean(field, expected.iter().copied()) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None if expected.is_empty() => format!("remove `{field}`"),
        None => format!(
            "remove `{field}`; the keys allowed here are {}",
            expected.join(", ")
        ),
    })
}

/// The unknown key a serde message names, and the keys it says are allowed there.
pub fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    // TOML names the keys in backticks; YAML (serde-saphyr) lists them bare after
    // "expected one of".
    let mut expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    if expected.is_empty() {
        if let Some((_, list)) = rest.split_once("expected one of ") {
            expected = list
                .lines()
                .next()
                .unwrap_or_default()
                .split(',')
                .map(|key| key.trim().trim_end_matches('.'))
                .filter(|key| !key.is_empty())
                .collect();
        }
    }
    Some((field, expected))
}

fn io_hint(err: &std::io::Error) -> &'static str {
    match err.kind() {
        std::io::ErrorKind::NotFound => "check the path; it is taken relative to --root",
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        std::io::ErrorKind::InvalidFilename => {
            "shorten the path: the file system refuses a name this long"
        }
        _ => "check the disk and the path, then run the command again",
    }
}

/// Makes a path relative to `root` for display, when it is under it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Every problem found by one run, errors and warnings together.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// True when at least one entry is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// 2 when any error is an I/O one, 1 for content errors, 0 otherwise.
    pub fn exit_code(&self) -> i32 {
        let errors = self.0.iter().filter(|d| d.severity == Severity::Error);
        let mut code = 0;
        for diagnostic in errors {
            code = code.max(match diagnostic.category {
                Category::Content => 1,
                Category::Io => 2,
            });
        }
        code
    }

    /// Sorts by file and place so reports read top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.span.as_ref().map(|s| s.start))
                .cmp(&(&b.file, b.span.as_ref().map(|s| s.start)))
        });
    }

    /// Sorts as [`Self::sort`] does and keeps one of each problem reported twice (same
    /// file, place, message and severity), as when two stages meet one unreadable file.
    pub fn sort_unique(&mut self) {
        self.sort();
        self.0.dedup_by(|a, b| {
            a.file == b.file
                && a.span == b.span
                && a.message == b.message
                && a.severity == b.severity
        });
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        Self(list)
    }
}

/// Adapter that lets miette draw a [`Diagnostic`].
struct Report<'a>(&'a Diagnostic);

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)?;
        if self.0.span.is_none() {
            write!(f, "\n  --> {}", self.0.file.display())?;
        }
        Ok(())
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.0.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let mut lines: Vec<String> = self.0.notes.iter().map(|n| format!("= {n}")).collect();
        if let Some(hint) = &self.0.hint {
            lines.push(if lines.is_empty() {
                hint.clone()
            } else {
                format!("hint: {hint}")
            });
        }
        if lines.is_empty() {
            None
        } else {
            Some(Box::new(lines.join("\n")))
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.span.as_ref()?;
        Some(self)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.0.span.clone()?;
        let label = miette::LabeledSpan::new_with_span(self.0.label.clone(), span.start..span.end);
        Some(Box::new(std::iter::once(label)))
    }
}

impl miette::SourceCode for Report<'_> {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let source = self.0.source.as_deref().unwrap_or("");
        let contents = source.read_span(span, context_lines_before, context_lines_after)?;
        // miette counts the column of the header's `file:line:column` in bytes; editors,
        // and `location`, count characters (`José` is four).
        let column = if context_lines_before == 0 {
            line_column(source, span.offset()).1 - 1
        } else {
            contents.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.0.file.display().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_line_counts_errors_and_warnings() {
        assert_eq!(tally(1, 0), "1 error");
        assert_eq!(tally(1, 1), "1 error, 1 warning");
        assert_eq!(tally(3, 2), "3 errors, 2 warnings");
        assert_eq!(tally(0, 1), "no errors, 1 warning");
        assert_eq!(tally(0, 0), "no problems found");
    }

    #[test]
    fn a_command_in_backticks_is_never_broken_across_lines() {
        for folder in [
            "mysite",
            "/srv/sites/the-newsroom-archive/public-site-folder",
        ] {
            let command = format!("`gloss new --root {folder} \"My first article\"`");
            let report = Diagnostic::error("the title", "m")
                .hint(format!(
                    "to start a site in {folder}, give the folder with --root and a headline: {command}"
                ))
                .render(false);
            assert!(report.contains(&command), "{report}");
            assert!(
                report
                    .lines()
                    .all(|l| l.chars().count() <= 100 || l.contains(&command)),
                "{report}"
            );
        }
    }

    #[test]
    fn the_report_s_header_counts_columns_in_characters() {
        let text: Arc<str> = Arc::from("title = \"x\"\nauthors = [\"José Núñez\", \"Ann\"]\n");
        let at = text.find("Ann").unwrap();
        let report = Diagnostic::warning("a.md", "m")
            .at(&text, at..at + 3)
            .render(false);
        assert!(report.contains("a.md:2:27"), "{report}");
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column("ab\n“x” y", 10), (2, 4));
        assert_eq!(line_column("abc", 0), (1, 1));
    }

    #[test]
    fn did_you_mean_finds_a_typo_and_ignores_strangers() {
        let keys = ["title", "date", "authors"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("author", keys), Some("authors"));
        assert_eq!(did_you_mean("zzzzzzzz", keys), None);
        // Another tool's name, a shortened key, a key in capitals.
        let keys = ["title", "summary", "language", "tags", "updated"];
        assert_eq!(did_you_mean("description", keys), Some("summary"));
        assert_eq!(did_you_mean("lang", keys), Some("language"));
        assert_eq!(did_you_mean("lastmod", keys), Some("updated"));
        assert_eq!(
            did_you_mean("aliases", ["title", "redirect_from"]),
            Some("redirect_from")
        );
        assert_eq!(did_you_mean("Categories", keys), Some("tags"));
        assert_eq!(did_you_mean("upd", keys), Some("updated"));
        assert_eq!(did_you_mean("Title", keys), Some("title"));
        // A citation has a title; the publication an article comes from, a name.
        assert_eq!(did_you_mean("name", ["title", "url"]), Some("title"));
        assert_eq!(
            did_you_mean("title", ["name", "url", "published"]),
            Some("name")
        );
        // Not when the key it names is not allowed here; a start of two keys is none.
        assert_eq!(did_you_mean("description", ["title"]), None);
        assert_eq!(
            did_you_mean("source", ["sources_url", "sources_name"]),
            None
        );
    }

    #[test]
    fn typo_of_finds_slips_of_the_keys_and_nothing_further() {
        let filters = ["upper", "sort", "slugify", "length", "date"];
        fn whole(name: &str) -> &str {
            name
        }
        assert_eq!(typo_of("uppper", filters, whole), Some("upper"));
        assert_eq!(typo_of("slugfy", filters, whole), Some("slugify"));
        assert_eq!(typo_of("lenght", filters, whole), Some("length"));
        assert_eq!(typo_of("Upper", filters, whole), Some("upper"));
        assert_eq!(typo_of("dtae", filters, whole), Some("date"));
        assert_eq!(typo_of("shout", filters, whole), None);
        assert_eq!(typo_of("markdown", filters, whole), None);
    }

    #[test]
    fn unknown_field_message_becomes_a_suggestion() {
        let hint = unknown_field_hint("unknown field `qoute`, expected one of `quote`, `prefix`");
        assert_eq!(hint.as_deref(), Some("did you mean `quote`?"));
    }

    #[test]
    fn report_shows_file_line_and_hint() {
        let source: Arc<str> = Arc::from("a = 1\nquote = \"nope\"\n");
        let text = Diagnostic::error("x.toml", "quote not found")
            .at(&source, 14..18)
            .hint("copy the words")
            .render(false);
        assert!(text.contains("x.toml:2:9"), "{text}");
        assert!(text.contains("help: copy the words"), "{text}");
    }

    #[test]
    fn a_template_s_mistake_on_many_pages_is_reported_once() {
        let mistake = |page: &str| {
            Diagnostic::error("templates/article.html", "Variable `x` is not defined")
                .at(&Arc::from("{{ x }}"), 3..4)
                .rendering(page)
        };
        let other = Diagnostic::error("content/a.md", "quote not found");
        let merged = merge_repeats(vec![
            mistake("content/a.md"),
            other.clone(),
            mistake("content/b.md"),
            mistake("content/b.md"),
            mistake("content/c.md"),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(
            merged[0].notes,
            ["while rendering content/a.md, and 2 other pages the same way"]
        );
        assert_eq!(merged[1].message, other.message);
        let one = merge_repeats(vec![mistake("content/a.md"), mistake("content/a.md")]);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].notes, ["while rendering content/a.md"]);
    }

    #[test]
    fn a_template_s_mistake_told_once_without_a_page_is_one_with_the_pages_it_stopped() {
        let mistake = || {
            Diagnostic::error("templates/base.html", "Field `titel` is not defined")
                .at(&Arc::from("{{ site.titel }}"), 8..13)
        };
        let merged = merge_repeats(vec![
            mistake(),
            mistake().rendering("content/a.md"),
            mistake().rendering("content/b.md"),
            mistake(),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(
            merged[0].notes,
            ["while rendering content/a.md, and 1 other page the same way"]
        );
    }

    #[test]
    fn an_undefined_variable_met_by_pages_with_other_variables_is_one_mistake() {
        let mistake = |page: &str, variables: &str| {
            Diagnostic::error(
                "templates/base.html",
                format!("Variable `x` is not defined. Available variables: {variables}"),
            )
            .at(&Arc::from("{{ x }}"), 3..4)
            .rendering(page)
        };
        let merged = merge_repeats(vec![
            mistake("content/a.md", "article, labels, page, site"),
            mistake("search/index.html", "labels, page, site"),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(
            merged[0].notes,
            ["while rendering content/a.md, and 1 other page the same way"]
        );
    }
}
