//! What the HTML written into an article's Markdown does to the page around it.
//!
//! In: the pieces of raw HTML of one body, in order, each with where it starts in the
//! body. Out: what would swallow or break the rest of the page (gloss's endnotes, its
//! footer): a comment or a `<script>`, `<style>`, `<textarea>` or `<title>` left open at
//! the end of the body, an end tag of an element of the page the body did not open
//! (`</main>`, `</body>`), and a `<base>`, which sends every relative link of the page
//! elsewhere. Raw HTML is kept as written; `render` only closes what is left open, after
//! the body, so the page's own parts survive, and `check` warns of each finding. No files
//! and no Markdown here: pieces are plain strings.

use std::ops::Range;

/// Elements whose text runs to their end tag whatever it holds: left open, they take
/// in the rest of the page.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// Elements of the page around a body: an end tag of one the body did not open closes
/// the page's own.
const PAGE_PARTS: [&str; 11] = [
    "html", "head", "body", "main", "article", "div", "section", "header", "footer", "nav", "aside",
];

/// One thing the body's raw HTML does to the page, at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A comment (`<!--`) never closed.
    OpenComment(Range<usize>),
    /// A raw-text element (`<script>`, ...) never closed, by name.
    OpenRawText(Range<usize>, &'static str),
    /// An end tag of a part of the page the body did not open, by name.
    ClosesPage(Range<usize>, &'static str),
    /// A `<base>` tag.
    Base(Range<usize>),
}

/// What the pieces of raw HTML of one body leave: every [`Finding`], and the text that
/// closes what is left open (`-->`, `</script>`), empty when nothing is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Each finding, in the order of the body.
    pub findings: Vec<Finding>,
    /// What to write after the body so the rest of the page stands.
    pub closer: String,
}

/// Reads `pieces` (raw HTML, each with its start in the body) as one stream, as a
/// browser does: a comment or raw-text element opened in one piece may close in a later.
pub fn scan<'a>(pieces: impl IntoIterator<Item = (&'a str, usize)>) -> Scan {
    let mut text = String::new();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (piece, at) in pieces {
        starts.push((text.len(), at));
        text.push_str(piece);
    }
    // Where a byte of the joined text stands in the body.
    let place = |i: usize| {
        let k = starts
            .partition_point(|(joined, _)| *joined <= i)
            .saturating_sub(1);
        starts.get(k).map_or(i, |(joined, at)| at + (i - joined))
    };
    let lower = text.to_ascii_lowercase();
    let mut scan = Scan::default();
    let mut opened = [0usize; PAGE_PARTS.len()];
    let mut at = 0;
    while let Some(open) = lower[at..].find('<').map(|i| at + i) {
        let rest = &lower[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            match comment.find("-->") {
                Some(end) => at = open + 4 + end + 3,
                None => {
                    scan.findings
                        .push(Finding::OpenComment(place(open)..place(open) + 4));
                    scan.closer.push_str("-->");
                    break;
                }
            }
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = open + if closing { 2 } else { 1 };
        let name: String = lower[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let tag_end = name_start + name.len();
        at = tag_end.max(open + 1);
        // A name ends at white space, `/` or `>`: `<baseline>` is no `<base>`.
        if name.is_empty()
            || !lower[tag_end..].is_empty()
                && !lower[tag_end..]
                    .starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        {
            continue;
        }
        let span = place(open)..place(tag_end);
        if closing {
            if let Some(k) = PAGE_PARTS.iter().position(|part| *part == name) {
                if opened[k] == 0 {
                    scan.findings.push(Finding::ClosesPage(span, PAGE_PARTS[k]));
                } else {
                    opened[k] -= 1;
                }
            }
            continue;
        }
        if name == "base" {
            scan.findings.push(Finding::Base(span.clone()));
        }
        if let Some(k) = PAGE_PARTS.iter().position(|part| *part == name) {
            opened[k] += 1;
        }
        if let Some(raw) = RAW_TEXT.iter().find(|raw| **raw == name) {
            match lower[tag_end..].find(&format!("</{raw}")) {
                Some(end) => at = tag_end + end,
                None => {
                    scan.findings.push(Finding::OpenRawText(span, raw));
                    scan.closer.push_str(&format!("</{raw}>"));
                    break;
                }
            }
        }
    }
    scan
}

/// A warning for each [`Finding`] of each body's raw HTML, at its line and column.
/// Only bodies with a `<` are parsed.
pub fn warnings<'a>(
    bodies: impl Iterator<Item = (&'a crate::load::SourceFile, Range<usize>)>,
) -> Vec<crate::diagnostic::Diagnostic> {
    let mut warnings = Vec::new();
    for (file, body) in bodies {
        let text = &file.text[body.clone()];
        if memchr::memchr(b'<', text.as_bytes()).is_none() {
            continue;
        }
        let events: Vec<_> = crate::parse::reading_text::events(text).collect();
        for finding in scan(pieces(&events)).findings {
            let (message, hint) = finding.message();
            let span = finding.span();
            warnings.push(
                crate::diagnostic::Diagnostic::warning(&file.path, message)
                    .at(&file.text, body.start + span.start..body.start + span.end)
                    .label("raw HTML")
                    .hint(hint),
            );
        }
    }
    warnings
}

/// The raw HTML of a body's events, each piece with where it starts in the body.
pub fn pieces<'e>(
    events: &'e [(pulldown_cmark::Event<'_>, Range<usize>)],
) -> impl Iterator<Item = (&'e str, usize)> {
    events.iter().filter_map(|(event, range)| match event {
        pulldown_cmark::Event::Html(html) | pulldown_cmark::Event::InlineHtml(html) => {
            Some((html.as_ref(), range.start))
        }
        _ => None,
    })
}

impl Finding {
    /// Where the finding stands in the body.
    pub fn span(&self) -> Range<usize> {
        match self {
            Self::OpenComment(span)
            | Self::OpenRawText(span, _)
            | Self::ClosesPage(span, _)
            | Self::Base(span) => span.clone(),
        }
    }

    /// The warning's message, and the fix.
    pub fn message(&self) -> (String, String) {
        match self {
            Self::OpenComment(_) => (
                "this HTML comment is not closed, so it would hide the rest of the page (the notes, the footer); gloss closes it after the article's text".to_owned(),
                "end the comment with `-->`".to_owned(),
            ),
            Self::OpenRawText(_, name) => (
                format!("this <{name}> is not closed, so it would take in the rest of the page (the notes, the footer); gloss closes it after the article's text"),
                format!("close it with `</{name}>`"),
            ),
            Self::ClosesPage(_, name) => (
                format!("this </{name}> closes an element the article did not open: the page's own <{name}>, so what follows (the notes, the footer) falls outside it"),
                format!("remove the </{name}>, or open a <{name}> of the article's own before it"),
            ),
            Self::Base(_) => (
                "this <base> changes where every relative link of the page leads (the notes, the stylesheet, the site's own links)".to_owned(),
                "remove the <base>; write whole addresses in the links that need them".to_owned(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(html: &str) -> Scan {
        scan([(html, 0)])
    }

    #[test]
    fn closed_comments_and_elements_leave_nothing() {
        let html = "<!-- a --><script>if (a < b) {}</script><style>p{}</style><div></div>";
        assert_eq!(found(html), Scan::default());
    }

    #[test]
    fn a_comment_or_raw_text_element_left_open_is_found_and_closed() {
        let comment = found("text <!-- unclosed");
        assert_eq!(comment.findings, vec![Finding::OpenComment(5..9)]);
        assert_eq!(comment.closer, "-->");
        for name in ["script", "style", "textarea", "title"] {
            let open = found(&format!("<{name}>x"));
            assert_eq!(open.closer, format!("</{name}>"), "{name}");
        }
        // A comment's `<script>` is no script.
        assert_eq!(found("<!-- <script> -->"), Scan::default());
    }

    #[test]
    fn an_end_tag_of_the_page_and_a_base_are_found_at_their_place() {
        let html = "<p>x</p></main></body><base href=\"/x/\"><baseline>";
        let findings = found(html).findings;
        assert_eq!(
            findings,
            vec![
                Finding::ClosesPage(8..14, "main"),
                Finding::ClosesPage(15..21, "body"),
                Finding::Base(22..27),
            ]
        );
        assert!(found("<div>a</div><DIV>b</DIV>").findings.is_empty());
    }

    #[test]
    fn pieces_are_read_as_one_stream_and_placed_in_the_body() {
        let scan = scan([("<script>", 10), ("x</script>", 40), ("<!--", 60)]);
        assert_eq!(scan.findings, vec![Finding::OpenComment(60..64)]);
    }
}
