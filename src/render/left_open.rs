//! What the HTML written into an article's Markdown does to the page around it.
//!
//! In: the pieces of raw HTML of one body (an article's text, one of its footnotes, a
//! note's body), in order, each with where it starts in the body. Out: what would swallow
//! or break the rest of the page (gloss's endnotes, its footer): a comment or a raw-text
//! element (`<script>`, `<style>`, `<textarea>`, `<title>`, `<iframe>`, `<xmp>`,
//! `<noembed>`, `<noframes>`, `<noscript>`) left open at the end of the body, a
//! `<plaintext>`, which nothing closes, an end tag of an element of the page the body did
//! not open (`</main>`, `</body>`), and a `<base>`, which sends every relative link of
//! the page elsewhere. Raw HTML is kept as written; `render` only closes what is left
//! open, right after what holds it (the article's text, the footnote, the note), so the
//! page's own parts survive, and `check` warns of each finding in the words of that
//! holder. No files and no Markdown here: pieces are plain strings.

use std::ops::Range;

/// Elements whose text runs to their end tag whatever it holds: left open, they take
/// in the rest of the page. `<noscript>` is one where scripting is on, as in readers'
/// browsers; `<title>` and `<textarea>` read character references, the others not, which
/// changes nothing here.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "textarea", "title", "iframe", "xmp", "noembed", "noframes", "noscript",
];

/// Elements of the page around a body: an end tag of one the body did not open closes
/// the page's own.
const PAGE_PARTS: [&str; 14] = [
    "html", "head", "body", "main", "article", "div", "section", "header", "footer", "nav",
    "aside", // A footnote and a note stand in an item of the page's own list.
    "li", "ol", "ul",
];

/// One thing the body's raw HTML does to the page, at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A comment (`<!--`) never closed.
    OpenComment(Range<usize>),
    /// A raw-text element (`<script>`, ...) never closed, by name.
    OpenRawText(Range<usize>, &'static str),
    /// A `<plaintext>`: no end tag closes it, so nothing after it is read as HTML.
    Plaintext(Range<usize>),
    /// An end tag of a part of the page the body did not open, by name.
    ClosesPage(Range<usize>, &'static str),
    /// A `<base>` tag.
    Base(Range<usize>),
}

/// What holds a body of raw HTML, and so where gloss closes what it leaves open: the
/// words of each warning follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// An article's (or a page's) text, closed after it, before the notes.
    Article,
    /// One of the author's footnotes, closed at its end, before the next footnote.
    Footnote,
    /// A note's body, closed after the note, before the next note.
    Note,
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
///
/// Tokens are read as HTML's tokenizer reads them: a quoted attribute value is part of
/// its tag (`title="the <title> element"` opens no `<title>`), `<!-->` and `<!--->` are
/// whole empty comments, `<![CDATA[ ... ]]>` in `<svg>` or `<math>` is text to its end
/// (elsewhere a bogus comment, to the next `>`), a tag written `<script/>` there closes
/// itself, and `<!DOCTYPE ...>`, `<?...>` and `</ ...>` run to the next `>`.
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
    // How deep in `<svg>` or `<math>`, where `<script/>` closes itself and CDATA is text.
    let mut foreign = 0usize;
    let mut at = 0;
    while let Some(open) = lower[at..].find('<').map(|i| at + i) {
        let (closing, name, name_end, tag_end) = match token(&lower, open, foreign > 0) {
            Token::Skip(next) => {
                at = next;
                continue;
            }
            Token::OpenComment => {
                scan.findings
                    .push(Finding::OpenComment(place(open)..place(open) + 4));
                scan.closer.push_str("-->");
                break;
            }
            Token::Unended => break,
            Token::Tag {
                closing,
                name,
                name_end,
                end,
            } => (closing, name, name_end, end),
        };
        at = tag_end;
        let span = place(open)..place(name_end);
        let part = PAGE_PARTS.iter().position(|part| *part == name);
        let self_closed = lower[..tag_end].ends_with("/>");
        if name == "svg" || name == "math" {
            match (closing, self_closed) {
                (true, _) => foreign = foreign.saturating_sub(1),
                (false, false) => foreign += 1,
                (false, true) => {}
            }
        }
        if closing {
            match part {
                Some(k) if opened[k] == 0 => {
                    scan.findings.push(Finding::ClosesPage(span, PAGE_PARTS[k]));
                }
                Some(k) => opened[k] -= 1,
                None => {}
            }
            continue;
        }
        if let Some(k) = part {
            opened[k] += 1;
        }
        if name == "base" {
            scan.findings.push(Finding::Base(span.clone()));
        }
        if name == "plaintext" {
            scan.findings.push(Finding::Plaintext(span));
            break;
        }
        if foreign > 0 && self_closed {
            continue;
        }
        if let Some(raw) = RAW_TEXT.iter().find(|raw| **raw == name) {
            match end_tag(&lower[tag_end..], raw) {
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

/// What starts at a `<` of the text, as HTML's tokenizer reads it.
enum Token {
    /// Nothing that opens or closes an element (a whole comment, a CDATA section, a
    /// `<!DOCTYPE>`, a `<` of text): reading goes on from this byte.
    Skip(usize),
    /// A comment that runs to the end of the text.
    OpenComment,
    /// A tag or bogus comment that the text ends in: the browser drops it.
    Unended,
    /// A start or end tag, by name, with where its name ends and where it ends.
    Tag {
        closing: bool,
        name: String,
        name_end: usize,
        end: usize,
    },
}

/// Reads the token at the `<` at `open` of `lower` (the text in lower case); `foreign`
/// inside `<svg>` or `<math>`, where a CDATA section is text to its `]]>` (elsewhere it
/// is a bogus comment, to the next `>`).
fn token(lower: &str, open: usize, foreign: bool) -> Token {
    let rest = &lower[open..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment_end(comment).map_or(Token::OpenComment, |end| Token::Skip(open + 4 + end));
    }
    if foreign {
        if let Some(end) = rest.strip_prefix("<![cdata[").and_then(|c| c.find("]]>")) {
            return Token::Skip(open + 9 + end + 3);
        }
    }
    let closing = rest.starts_with("</");
    let name_start = open + if closing { 2 } else { 1 };
    let starts_name = lower[name_start..].starts_with(|c: char| c.is_ascii_alphabetic());
    if rest.starts_with("<!") || rest.starts_with("<?") || closing && !starts_name {
        // A bogus comment, to the next `>`.
        return rest
            .find('>')
            .map_or(Token::Unended, |end| Token::Skip(open + end + 1));
    }
    let name: String = lower[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let name_end = name_start + name.len();
    // A name ends at white space, `/` or `>`: `<baseline>` is no `<base>`.
    let after = &lower[name_end..];
    if name.is_empty()
        || !after.is_empty()
            && !after.starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
    {
        return Token::Skip(name_end.max(open + 1));
    }
    tag_end(lower, name_end).map_or(Token::Unended, |end| Token::Tag {
        closing,
        name,
        name_end,
        end,
    })
}

/// Where a comment's text (after `<!--`) ends, past its `-->` (or `--!>`); `>` and
/// `->` right at its start end it too, as empty comments.
fn comment_end(comment: &str) -> Option<usize> {
    if comment.starts_with('>') {
        return Some(1);
    }
    if comment.starts_with("->") {
        return Some(2);
    }
    let close = comment.find("-->").map(|i| i + 3);
    let bang = comment.find("--!>").map(|i| i + 4);
    match (close, bang) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The end of a tag whose name ends at `from`: past its `>`, skipping the quoted
/// attribute values, which may hold `>` and `<`. `None` when the text ends first.
fn tag_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    // Right after an `=`: a quote here opens a value.
    let mut value = false;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'>' => return Some(i + 1),
            b'"' | b'\'' if value => {
                i += 1 + memchr::memchr(byte, &bytes[i + 1..])?;
                value = false;
            }
            b'=' => value = true,
            byte if byte.is_ascii_whitespace() => {}
            _ => value = false,
        }
        i += 1;
    }
    None
}

/// Where the end tag of the raw-text element `name` starts in `text`: `</name` followed
/// by white space, `/` or `>` (`</scripts>` closes no `<script>`).
fn end_tag(text: &str, name: &str) -> Option<usize> {
    let tag = format!("</{name}");
    let mut from = 0;
    while let Some(i) = text[from..].find(&tag).map(|i| from + i) {
        let after = &text[i + tag.len()..];
        if after.is_empty()
            || after.starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        {
            return Some(i);
        }
        from = i + tag.len();
    }
    None
}

/// A warning for each [`Finding`] of each body's raw HTML, at its line and column: the
/// article's text, then each of its footnotes, which are closed apart. Only bodies with
/// a `<` are parsed.
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
        let scans = std::iter::once((Holder::Article, scan(text_pieces(&events)))).chain(
            footnote_pieces(&events)
                .into_iter()
                .map(|footnote| (Holder::Footnote, scan(footnote))),
        );
        for (holder, scan) in scans {
            for finding in scan.findings {
                let (message, hint) = finding.message(holder);
                let span = finding.span();
                warnings.push(
                    crate::diagnostic::Diagnostic::warning(&file.path, message)
                        .at(&file.text, body.start + span.start..body.start + span.end)
                        .label("raw HTML")
                        .hint(hint),
                );
            }
        }
    }
    warnings
}

/// The raw HTML of a body's events, each piece with where it starts in the body.
pub fn pieces<'e>(
    events: &'e [(pulldown_cmark::Event<'_>, Range<usize>)],
) -> impl Iterator<Item = (&'e str, usize)> {
    let mut reach = Reach::default();
    events
        .iter()
        .filter_map(move |(event, range)| reach.piece(event, range.start))
}

/// Which raw HTML of a body reaches the page: none inside an image, whose description
/// is read as text (`![a page with a <script> tag](x.png)` puts no tag in its `alt`).
#[derive(Default)]
struct Reach {
    images: usize,
}

impl Reach {
    /// The raw HTML of `event`, starting at `at`, when it reaches the page.
    fn piece<'e>(
        &mut self,
        event: &'e pulldown_cmark::Event<'_>,
        at: usize,
    ) -> Option<(&'e str, usize)> {
        use pulldown_cmark::{Event, Tag, TagEnd};
        match event {
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) if self.images == 0 => {
                return Some((html.as_ref(), at));
            }
            _ => {}
        }
        None
    }
}

/// The raw HTML of an article's text without its footnote definitions, which are
/// rendered apart, after it: what the page holds between the text's start and its end.
pub fn text_pieces<'e>(
    events: &'e [(pulldown_cmark::Event<'_>, Range<usize>)],
) -> Vec<(&'e str, usize)> {
    let mut depth = 0usize;
    let mut reach = Reach::default();
    let mut kept = Vec::new();
    for (event, range) in events {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::FootnoteDefinition(_)) => depth += 1,
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            _ if depth == 0 => kept.extend(reach.piece(event, range.start)),
            _ => {}
        }
    }
    kept
}

/// The raw HTML of each footnote definition of a body, in order, each piece with where
/// it starts in the body.
pub fn footnote_pieces<'e>(
    events: &'e [(pulldown_cmark::Event<'_>, Range<usize>)],
) -> Vec<Vec<(&'e str, usize)>> {
    let mut footnotes = Vec::new();
    let mut open: Option<Vec<(&'e str, usize)>> = None;
    let mut reach = Reach::default();
    for (event, range) in events {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::FootnoteDefinition(_)) => {
                open = Some(Vec::new());
            }
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::FootnoteDefinition) => {
                footnotes.extend(open.take());
            }
            _ => {
                if let Some(footnote) = open.as_mut() {
                    footnote.extend(reach.piece(event, range.start));
                }
            }
        }
    }
    footnotes
}

impl Finding {
    /// Where the finding stands in the body.
    pub fn span(&self) -> Range<usize> {
        match self {
            Self::OpenComment(span)
            | Self::OpenRawText(span, _)
            | Self::Plaintext(span)
            | Self::ClosesPage(span, _)
            | Self::Base(span) => span.clone(),
        }
    }

    /// The warning's message, and the fix, in the words of what holds the body: where
    /// gloss closes what is left open, and what would be lost.
    pub fn message(&self, holder: Holder) -> (String, String) {
        let (rest, closed, own) = match holder {
            Holder::Article => (
                "the rest of the page (the notes, the footer)",
                "after the article's text",
                "the article",
            ),
            Holder::Footnote => (
                "the rest of the page (the other footnotes, the footer)",
                "at the end of its footnote",
                "the footnote",
            ),
            Holder::Note => (
                "the rest of the page (the other notes, the footer)",
                "right after the note",
                "the note",
            ),
        };
        match self {
            Self::OpenComment(_) => (
                format!("this HTML comment is not closed, so it would hide {rest}; gloss closes it {closed}"),
                "end the comment with `-->`".to_owned(),
            ),
            Self::OpenRawText(_, name) => (
                format!("this <{name}> is not closed, so it would take in {rest}; gloss closes it {closed}"),
                format!("close it with `</{name}>`"),
            ),
            Self::Plaintext(_) => (
                format!("this <plaintext> can never be closed: nothing after it can show as HTML, {rest} included"),
                "remove the <plaintext>; use <pre> for text shown as written".to_owned(),
            ),
            Self::ClosesPage(_, name) => (
                format!("this </{name}> closes an element {own} did not open: the page's own <{name}>, so what follows (the notes, the footer) falls outside it"),
                format!("remove the </{name}>, or open a <{name}> of {own}'s own before it"),
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

    #[test]
    fn tags_in_quoted_attribute_values_are_part_of_their_tag() {
        assert_eq!(
            found(r#"<abbr title="the <title> element">title</abbr>"#),
            Scan::default()
        );
        assert_eq!(
            found("<abbr title='a <!-- b'>x</abbr><span data-x=\"<script>\">y</span>"),
            Scan::default()
        );
        // The attribute's `</div>` closes nothing: the real one closes the `<div>`.
        assert_eq!(
            found(r#"<div data-help="close it with </div>">help</div>"#),
            Scan::default()
        );
        // A quote that opens no value is part of the name, as the browser reads it.
        assert_eq!(
            found("<p a\"b>x</main>").findings,
            vec![Finding::ClosesPage(8..14, "main")]
        );
    }

    #[test]
    fn cdata_doctype_and_processing_instructions_are_opaque() {
        assert_eq!(
            found("<svg><![CDATA[ </main> <!-- ]]></svg><math><![CDATA[<script>]]></math>"),
            Scan::default()
        );
        assert_eq!(
            found("<!DOCTYPE html><?xml version=\"1.0\"?></ x><!x </body>>"),
            Scan::default()
        );
    }

    #[test]
    fn closing_the_list_a_footnote_or_note_stands_in_is_found() {
        let list = found("One </li></ol> out");
        assert!(
            matches!(
                list.findings[..],
                [Finding::ClosesPage(_, "li"), Finding::ClosesPage(_, "ol")]
            ),
            "{list:?}"
        );
        assert_eq!(found("<ul><li>a</li></ul><ol><li>b</ol>"), Scan::default());
    }

    #[test]
    fn cdata_outside_svg_and_math_is_a_bogus_comment_to_the_next_angle_bracket() {
        let found = found("<div><![CDATA[ a > </div></main> ]]></div>");
        assert_eq!(found.findings.len(), 2, "{found:?}");
        assert!(matches!(found.findings[0], Finding::ClosesPage(_, "main")));
        assert!(matches!(found.findings[1], Finding::ClosesPage(_, "div")));
    }

    #[test]
    fn a_script_or_style_written_self_closed_in_svg_closes_itself() {
        for html in [
            "<svg viewBox=\"0 0 1 1\"><script href=\"x.js\"/></svg>",
            "<svg><style/><rect/></svg><p>after</p>",
            "<math><mi>x</mi></math><svg><title/></svg>",
        ] {
            assert_eq!(found(html), Scan::default(), "{html}");
        }
        // Outside them, `/>` closes nothing: the script runs on.
        assert_eq!(found("<svg/><script src=x.js />").closer, "</script>");
    }

    #[test]
    fn html_in_an_image_s_description_is_no_html_of_the_page() {
        let body = "![A page with an open <script> tag](shot.png) and ![Closing </div> seen](x.png)\n\n<b>after</b>\n";
        let events: Vec<_> = crate::parse::reading_text::events(body).collect();
        assert_eq!(scan(text_pieces(&events)), Scan::default());
        assert_eq!(scan(pieces(&events)), Scan::default());
        let pieces: Vec<&str> = pieces(&events).map(|(html, _)| html).collect();
        assert_eq!(pieces, ["<b>", "</b>"]);
    }

    #[test]
    fn abruptly_closed_empty_comments_are_whole() {
        for html in ["<!-->", "<!--->", "<!---->", "<!-- a --!>", "a<!-->b</p>"] {
            assert_eq!(found(html), Scan::default(), "{html}");
        }
        assert_eq!(found("<!-- a ->").closer, "-->");
    }

    #[test]
    fn every_raw_text_element_left_open_is_closed_and_plaintext_is_found() {
        for name in ["iframe", "xmp", "noembed", "noframes", "noscript"] {
            let open = found(&format!("<{name} a=\"b\">x</{name}s>"));
            assert_eq!(
                open.findings,
                vec![Finding::OpenRawText(
                    0..name.len() + 1,
                    RAW_TEXT
                        .iter()
                        .find(|r| **r == name)
                        .copied()
                        .unwrap_or_default()
                )],
                "{name}"
            );
            assert_eq!(open.closer, format!("</{name}>"), "{name}");
            assert_eq!(found(&format!("<{name}>x</{name}>")), Scan::default());
        }
        let plain = found("<p>a</p><plaintext>x</plaintext><!--");
        assert_eq!(plain.findings, vec![Finding::Plaintext(8..18)]);
        assert_eq!(plain.closer, "");
        let (message, hint) = plain.findings[0].message(Holder::Article);
        assert!(message.contains("nothing after it can show"), "{message}");
        assert!(hint.contains("remove the <plaintext>"), "{hint}");
    }

    #[test]
    fn warnings_say_where_their_body_is_closed() {
        let comment = Finding::OpenComment(0..4);
        let div = Finding::ClosesPage(0..5, "div");
        let words = |holder| {
            let (a, _) = comment.message(holder);
            let (b, hint) = div.message(holder);
            format!("{a} {b} {hint}")
        };
        let article = words(Holder::Article);
        assert!(article.contains("after the article's text"), "{article}");
        assert!(
            article.contains("a <div> of the article's own"),
            "{article}"
        );
        let note = words(Holder::Note);
        assert!(note.contains("right after the note"), "{note}");
        assert!(note.contains("a <div> of the note's own"), "{note}");
        assert!(!note.contains("article"), "{note}");
        let footnote = words(Holder::Footnote);
        assert!(
            footnote.contains("at the end of its footnote"),
            "{footnote}"
        );
        assert!(!footnote.contains("article"), "{footnote}");
    }

    #[test]
    fn footnotes_are_read_apart_from_the_text() {
        let body =
            "Text[^1] <b>bold</b>.\n\n[^1]: A footnote.\n    <!-- left open\n\nMore <i>x</i>.\n";
        let events: Vec<_> = crate::parse::reading_text::events(body).collect();
        let text = text_pieces(&events);
        assert_eq!(scan(text.iter().copied()), Scan::default());
        assert!(text.iter().any(|(piece, _)| *piece == "<i>"), "{text:?}");
        let footnotes = footnote_pieces(&events);
        assert_eq!(footnotes.len(), 1, "{footnotes:?}");
        let left = scan(footnotes[0].iter().copied());
        let at = body.find("<!--").unwrap_or_default();
        assert_eq!(left.findings, vec![Finding::OpenComment(at..at + 4)]);
        assert_eq!(left.closer, "-->");
    }
}
