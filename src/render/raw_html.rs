//! The URLs in HTML written into Markdown (`<img src="/images/map.png">`,
//! `<a href="../2019/talks.md">`), so that they lead where the same URL in a Markdown
//! link does: a page links relatively, from any sub-path and from `file://`.
//!
//! pulldown-cmark hands raw HTML over a line of a block at a time (and an inline tag at a
//! time), so a piece may start inside a tag whose name stood on an earlier line: the
//! attributes before its first `>` are then read as well. Only attributes of tags count:
//! text (`&lt;img src="…"&gt;` shown as an example), comments and the insides of
//! `<script>` and `<style>` are left alone.

use std::ops::Range;

/// The attributes whose values are URLs: one each, or a `srcset` list of them.
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "poster", "srcset"];

/// Where each URL of a tag attribute stands in `html` (one per `srcset` candidate).
pub fn urls(html: &str) -> Vec<Range<usize>> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    // A piece that closes a tag before it opens one continues a tag of an earlier line.
    let first_open = html.find('<').unwrap_or(html.len());
    if let Some(close) = html[..first_open].find('>') {
        attributes(html, 0, close, &mut found);
        at = close + 1;
    }
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        let rest = &html[open..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |end| open + end + 3);
            continue;
        }
        let name_start = open + 1;
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // An end tag, a declaration or a `<` in text.
            at = open + 1;
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let end = tag_end(html, name_start + name_len);
        attributes(html, name_start + name_len, end, &mut found);
        at = (end + 1).min(html.len());
        if ["script", "style"]
            .iter()
            .any(|raw| name.eq_ignore_ascii_case(raw))
        {
            let lower = html[at..].to_ascii_lowercase();
            at = lower
                .find(&format!("</{}", name.to_ascii_lowercase()))
                .map_or(html.len(), |close| at + close);
        }
    }
    found
}

/// `html` with each URL [`urls`] finds replaced by what `retarget` gives for it;
/// `None` when it gives nothing for any of them.
pub fn retarget(html: &str, retarget: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let mut copied = None;
    for range in urls(html) {
        let Some(url) = retarget(&html[range.clone()]) else {
            continue;
        };
        out.push_str(&html[copied.unwrap_or(0)..range.start]);
        out.push_str(&url.replace('"', "%22"));
        copied = Some(range.end);
    }
    let copied = copied?;
    out.push_str(&html[copied..]);
    Some(out)
}

/// Where the tag whose attributes start at `from` ends: its `>` outside quotes, or the
/// end of `html` when it goes on past this piece.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, b) in html.bytes().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i,
            _ => {}
        }
    }
    html.len()
}

/// `html` with each `<img>` written whole in it given what a Markdown image gets: the
/// `width` and `height` its file has (`size` of its `src` as written), when the tag gives
/// neither, and, when `lazy` says so for the image (counting from 0 in the body),
/// `loading="lazy"`; `decoding="async"` when absent. `None` when nothing changes.
pub fn complete_images(
    html: &str,
    size: &dyn Fn(&str) -> Option<(u32, u32)>,
    lazy: &mut dyn FnMut() -> bool,
) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = lower[at..].find("<img") {
        let open = at + found;
        let name_end = open + 4;
        at = name_end;
        if !lower[name_end..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        {
            continue;
        }
        let end = tag_end(html, name_end);
        if end >= html.len() {
            // A tag that goes on past this piece of HTML is left as written, but counts.
            lazy();
            break;
        }
        at = end + 1;
        let tag = &lower[name_end..end];
        let has = |name: &str| {
            tag.match_indices(name).any(|(i, _)| {
                tag[..i].ends_with(|c: char| c.is_ascii_whitespace())
                    && tag[i + name.len()..].trim_start().starts_with('=')
            })
        };
        let mut extra = String::new();
        if !has("width") && !has("height") {
            if let Some((width, height)) =
                attribute(&html[name_end..end], "src").and_then(|src| size(&src))
            {
                extra.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
            }
        }
        if lazy() && !has("loading") {
            extra.push_str(" loading=\"lazy\"");
        }
        if !has("decoding") {
            extra.push_str(" decoding=\"async\"");
        }
        if extra.is_empty() {
            continue;
        }
        // Before a closing `/` of the tag, if it has one.
        let insert = if html[..end].ends_with('/') {
            end - 1
        } else {
            end
        };
        out.push_str(&html[copied..insert]);
        out.push_str(&extra);
        copied = insert;
    }
    if copied == 0 && out.is_empty() {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// The value of attribute `name` in the attributes of a tag, unquoted.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let lower = attributes.to_ascii_lowercase();
    let (at, _) = lower.match_indices(name).find(|(i, _)| {
        lower[..*i].ends_with(|c: char| c.is_ascii_whitespace())
            && lower[i + name.len()..].trim_start().starts_with('=')
    })?;
    let rest = attributes[at + name.len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let value = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest[1..].split(quote).next()?,
        _ => rest
            .split(|c: char| c.is_ascii_whitespace() || c == '>')
            .next()?,
    };
    Some(value.to_owned())
}

/// Adds the URL values among the attributes in `html[from..end]` to `found`.
fn attributes(html: &str, from: usize, end: usize, found: &mut Vec<Range<usize>>) {
    let bytes = &html.as_bytes()[..end];
    let mut i = from;
    let skip_space = |mut i: usize| {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        i
    };
    loop {
        i = skip_space(i);
        if i >= bytes.len() {
            return;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=/>\"'".contains(&bytes[i]) {
            i += 1;
        }
        if i == name_start {
            // A stray quote: step over it.
            i += 1;
            continue;
        }
        let name = &html[name_start..i];
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j >= bytes.len() || bytes[j] != b'=' {
            // An attribute without a value.
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let value = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = bytes[j + 1..].iter().position(|&b| b == q);
                let value = j + 1..close.map_or(bytes.len(), |c| j + 1 + c);
                i = close.map_or(bytes.len(), |c| j + 2 + c);
                value
            }
            Some(_) => {
                let len = bytes[j..]
                    .iter()
                    .take_while(|b| !b.is_ascii_whitespace() && **b != b'>')
                    .count();
                i = j + len;
                j..j + len
            }
            None => return,
        };
        let Some(kind) = URL_ATTRIBUTES.iter().find(|a| name.eq_ignore_ascii_case(a)) else {
            continue;
        };
        if *kind == "srcset" {
            candidates(html, value, found);
        } else {
            let text = &html[value.clone()];
            let lead = text.len() - text.trim_start().len();
            let value = value.start + lead..value.start + text.trim_end().len();
            if !value.is_empty() {
                found.push(value);
            }
        }
    }
}

/// The URL of each candidate of a `srcset` value (`a.png 1x, b.png 2x`).
fn candidates(html: &str, value: Range<usize>, found: &mut Vec<Range<usize>>) {
    let mut at = value.start;
    for candidate in html[value].split(',') {
        let lead = candidate.len() - candidate.trim_start().len();
        let url_len = candidate[lead..]
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(candidate.len() - lead);
        if url_len > 0 {
            found.push(at + lead..at + lead + url_len);
        }
        at += candidate.len() + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(html: &str) -> Vec<&str> {
        urls(html).into_iter().map(|r| &html[r]).collect()
    }

    #[test]
    fn finds_the_urls_of_tag_attributes() {
        assert_eq!(
            found(
                r#"<figure><img class="wide" src="/images/map.png" alt="A map"><a href='../x.md#top'>x</a></figure>"#
            ),
            ["/images/map.png", "../x.md#top"]
        );
        assert_eq!(found("<A HREF=a.md>a</A>"), ["a.md"]);
        assert_eq!(found(r#"<video poster = "p.jpg" controls>"#), ["p.jpg"]);
        assert_eq!(
            found(r#"<img srcset="small.png 480w, /large.png 1080w" src="small.png">"#),
            ["small.png", "/large.png", "small.png"]
        );
    }

    #[test]
    fn leaves_text_comments_and_scripts_alone() {
        assert!(found(r#"&lt;img src="/x.png"&gt; and src="/y.png""#).is_empty());
        assert!(found(r#"<!-- <img src="/x.png"> -->"#).is_empty());
        assert!(found(r#"<script>if (a<b) { img.src = "/x.png" }</script>"#).is_empty());
        assert_eq!(
            found(r#"<p data-src="/no.png" title="src=/no">"#),
            Vec::<&str>::new()
        );
        assert_eq!(found("a < b and <b>c</b>"), Vec::<&str>::new());
    }

    #[test]
    fn reads_a_tag_begun_on_an_earlier_line() {
        assert_eq!(found(r#"  src="/map.png" alt="a > b">"#), ["/map.png"]);
        assert_eq!(found("<img\n"), Vec::<&str>::new());
    }

    proptest::proptest! {
        /// Any text, tags or not: every URL found lies inside it on character
        /// boundaries, and replacing each by a marker keeps the rest as it was.
        #[test]
        fn any_text_is_read_without_a_panic(
            html in "[<>a-z =\"'/!\\-é,\n]{0,40}"
        ) {
            for range in urls(&html) {
                proptest::prop_assert!(range.start < range.end && range.end <= html.len());
                proptest::prop_assert!(html.is_char_boundary(range.start) && html.is_char_boundary(range.end));
            }
            let out = retarget(&html, &|_| Some("@".to_owned()));
            if let Some(out) = out {
                let found = urls(&html);
                let kept: usize = html.len() - found.iter().map(|r| r.len()).sum::<usize>();
                proptest::prop_assert_eq!(out.len(), kept + found.len());
            }
        }
    }

    #[test]
    fn retargets_only_what_it_is_given() {
        let html = r#"<img src="/images/map.png"><a href="https://example.org/">x</a>"#;
        let out = retarget(html, &|url| {
            url.strip_prefix('/').map(|path| format!("../../{path}"))
        });
        assert_eq!(
            out.as_deref(),
            Some(r#"<img src="../../images/map.png"><a href="https://example.org/">x</a>"#)
        );
        assert_eq!(retarget("<b>bold</b>", &|_| Some("x".into())), None);
    }

    #[test]
    fn an_img_written_as_html_gets_its_size_and_loads_late_but_the_first() {
        let size = |src: &str| (src == "map.png").then_some((640, 480));
        let mut n = 0;
        let mut later = || {
            n += 1;
            n > 1
        };
        assert_eq!(
            complete_images("<p><img src=\"map.png\" alt=\"A\"><IMG SRC='x.png' width=10/></p>", &size, &mut later).as_deref(),
            Some("<p><img src=\"map.png\" alt=\"A\" width=\"640\" height=\"480\" decoding=\"async\"><IMG SRC='x.png' width=10 loading=\"lazy\" decoding=\"async\"/></p>")
        );
        let mut never = || false;
        assert_eq!(
            complete_images("<img src=a loading=eager decoding=sync>", &size, &mut never),
            None
        );
        assert_eq!(
            complete_images("an <imgx> and <img", &size, &mut never),
            None
        );
    }
}
