//! Links to a place in a page (`other.md#background`, `#p-3`, `/about/#team`) that the
//! page has no element for.
//!
//! In: the site's Markdown and where its links lead ([`Targets`]); then the HTML of the
//! pages those links lead to, read once each as `check` renders it. Out: a warning for
//! each link whose fragment is no id of its page, with the closest id the page has.
//! Only links that carry a fragment are looked at, only the pages they lead to are read
//! for ids, and of a page only the fragments it lacks are kept: a site without such
//! links pays a scan of its Markdown for `#` and nothing more. Whether the page itself
//! exists is [`super::targets::dead_links`]'s to say.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{Event, Tag};

use super::targets::{each_written, from_root, is_relative_path, join, Targets, Written};
use crate::anchor::Anchored;
use crate::cache::FastMap;
use crate::diagnostic::Diagnostic;

/// A link of the site's Markdown to a place in a page.
#[derive(Debug, Clone)]
pub struct FragmentLink {
    /// The file it is written in, for messages.
    file: PathBuf,
    /// That file's text.
    text: Arc<str>,
    /// Where the link stands in it.
    span: Range<usize>,
    /// The URL as written.
    url: String,
    /// The output paths it may lead to: a page's file, and for a path that names no
    /// file of `content/`, the `index.html` of the folder it may name as well.
    pages: Vec<String>,
    /// The id it names, percent-decoded.
    fragment: String,
}

/// One id of a page, and whether a heading holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Id {
    /// The id, its character references decoded.
    name: String,
    /// True for `h1` to `h6`.
    heading: bool,
}

/// Every link of the site's Markdown (bodies and notes' bodies, Markdown links, images
/// and raw HTML `href`s) that names a place in a page of the site.
pub fn links(anchored: &Anchored, targets: &Targets) -> Vec<FragmentLink> {
    each_written(anchored, |written, found| {
        if !may_have_fragment(written.text) {
            return;
        }
        for (event, range) in crate::parse::reading_text::events(written.text) {
            match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    found.extend(aimed(targets, written, dest_url, range));
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    for at in super::raw_html::urls(html) {
                        let span = range.start + at.start..range.start + at.end;
                        found.extend(aimed(targets, written, &html[at], span));
                    }
                }
                _ => {}
            }
        }
    })
}

/// The fragments `links` ask of each output path they may lead to.
pub fn wanted(links: &[FragmentLink]) -> FastMap<String, Vec<String>> {
    let mut wanted: FastMap<String, Vec<String>> = FastMap::default();
    for link in links {
        for page in &link.pages {
            let fragments = wanted.entry(page.clone()).or_default();
            if !fragments.contains(&link.fragment) {
                fragments.push(link.fragment.clone());
            }
        }
    }
    wanted
}

/// What a page lacks of the fragments links ask of it: each with what to link to
/// instead. Empty when it has them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lacking(Vec<(String, String)>);

/// Of `fragments`, those that no element of the page `html` has as its id.
pub fn lacking(html: &str, fragments: &[String]) -> Lacking {
    let has = ids(html);
    Lacking(
        fragments
            .iter()
            .filter(|fragment| !has.iter().any(|id| id.name == **fragment))
            .map(|fragment| (fragment.clone(), hint(fragment, &has)))
            .collect(),
    )
}

/// A warning for each of `links` whose page, among `pages` (output path -> what the
/// page lacks), has no element with its id. A link to a page not among them (no page
/// of the site, a file that is no page) is left alone.
pub fn missing(links: &[FragmentLink], pages: &FastMap<String, Lacking>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for link in links {
        let Some((page, lacking)) = link
            .pages
            .iter()
            .find_map(|page| pages.get(page).map(|lacking| (page, lacking)))
        else {
            continue;
        };
        let Some((_, hint)) = lacking.0.iter().find(|(f, _)| *f == link.fragment) else {
            continue;
        };
        let shown = match page.strip_suffix("index.html").unwrap_or(page) {
            _ if link.url.starts_with('#') => "its own page",
            "" => "the home page",
            folder => folder,
        };
        found.push(
            Diagnostic::warning(
                &link.file,
                format!(
                    "`{}` leads to no place: {shown} has no element with the id `{}`",
                    link.url, link.fragment
                ),
            )
            .at(&link.text, link.span.clone())
            .label("no such id on that page")
            .hint(hint.clone()),
        );
    }
    found
}

/// What to link to instead of `fragment` on a page with the ids `has`.
fn hint(fragment: &str, has: &[Id]) -> String {
    let wanted: Vec<char> = fragment.chars().collect();
    let closest = has
        .iter()
        .map(|id| {
            let chars: Vec<char> = id.name.chars().collect();
            (
                crate::diagnostic::levenshtein(&wanted, &chars),
                chars.len(),
                id,
            )
        })
        .min_by_key(|&(distance, _, _)| distance);
    if let Some((distance, len, id)) = closest {
        if distance <= (len.max(wanted.len()) / 3).max(1) + 1 {
            return format!(
                "did you mean `#{}`? The page has that id; correct the link's fragment",
                id.name
            );
        }
    }
    let headings: Vec<String> = has
        .iter()
        .filter(|id| id.heading)
        .take(6)
        .map(|id| format!("`#{}`", id.name))
        .collect();
    if headings.is_empty() {
        return format!(
            "link to the page without `#{fragment}`, or to an id it has (paragraphs are `#p-1`, `#p-2`, ...)"
        );
    }
    format!(
        "link to an id the page has (its headings': {}), or give the heading you mean that id: `## Its title {{#{fragment}}}`",
        headings.join(", ")
    )
}

/// Whether `text` may hold a link with a fragment: a `#` that starts no heading and
/// follows no space (`#` in `[x](#a)`, `other.md#a`, `href="#a"`).
fn may_have_fragment(text: &str) -> bool {
    memchr::memchr_iter(b'#', text.as_bytes())
        .any(|at| at > 0 && !matches!(text.as_bytes()[at - 1], b'#' | b' ' | b'\t' | b'\n' | b'\r'))
}

/// `url`, written at `range` of `written`, as a link to a place in a page of the site,
/// when it is one.
fn aimed(
    targets: &Targets,
    written: &Written<'_>,
    url: &str,
    range: Range<usize>,
) -> Option<FragmentLink> {
    let hash = url.find('#')?;
    // A text fragment (`#:~:text=...`) asks the browser for words, not for an id; `#`
    // and `#top` lead to the top of any page.
    let fragment = url[hash + 1..].split(":~:").next().unwrap_or_default();
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
        return None;
    }
    let before = &url[..hash];
    let path = &before[..before.find('?').unwrap_or(before.len())];
    let pages = if path.is_empty() {
        vec![format!("{}/index.html", written.page)]
    } else if from_root(url).is_some() {
        vec![output_path(&targets.resolve(written.source, url)?)?]
    } else if is_relative_path(url) {
        match targets.resolve(written.source, url) {
            Some(target) => vec![output_path(&target)?],
            None => {
                let named = join(written.page, &crate::parse::percent_decoded(path)?)?;
                let folder = format!("{}/index.html", named.trim_end_matches('/'));
                vec![named, folder]
            }
        }
    } else {
        return None;
    };
    Some(FragmentLink {
        file: written.file.path.clone(),
        text: Arc::clone(&written.file.text),
        span: written.span_of(url, range),
        url: url.to_owned(),
        pages,
        fragment: crate::parse::percent_decoded(fragment)?,
    })
}

/// The output path a resolved link target (`2019/x/index.html#a`, `about/#a`) names:
/// without its query and fragment, percent-decoded, a folder as its `index.html`.
fn output_path(target: &str) -> Option<String> {
    let path = &target[..target.find(['?', '#']).unwrap_or(target.len())];
    let mut path = crate::parse::percent_decoded(path)?;
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    Some(path)
}

/// Every `id` attribute of the tags of `html` (in any case: `ID=`), and the `name` of
/// its `<a>` tags, in order: what a fragment can lead to. Text and the values of other
/// attributes are no tags' ids (`&lt;p id=...` is escaped, `data-id` is another
/// attribute).
fn ids(html: &str) -> Vec<Id> {
    let bytes = html.as_bytes();
    // Attribute names are found in any case; values are read as written.
    let lower = html.to_ascii_lowercase();
    let named = memchr::memmem::find_iter(lower.as_bytes(), b"id=").map(|at| (at, 3, false));
    let anchors = memchr::memmem::find_iter(lower.as_bytes(), b"name=").map(|at| (at, 5, true));
    let mut places: Vec<(usize, usize, bool)> = named.chain(anchors).collect();
    places.sort_unstable();
    let mut found = Vec::new();
    for (at, length, anchor_name) in places {
        if at == 0 || !bytes[at - 1].is_ascii_whitespace() {
            continue;
        }
        // Inside a tag: its `<` comes after the last `>`.
        let Some(open) = memchr::memrchr(b'<', &bytes[..at]) else {
            continue;
        };
        if memchr::memchr(b'>', &bytes[open..at]).is_some() {
            continue;
        }
        // `name` names a place on `<a>` alone.
        let tag_name = html[open + 1..at]
            .split(|c: char| c.is_ascii_whitespace())
            .next()
            .unwrap_or_default();
        if anchor_name && !tag_name.eq_ignore_ascii_case("a") {
            continue;
        }
        let rest = &html[at + length..];
        let value = match rest.as_bytes().first() {
            Some(&quote @ (b'"' | b'\'')) => {
                let inner = &rest[1..];
                &inner[..memchr::memchr(quote, inner.as_bytes()).unwrap_or(inner.len())]
            }
            _ => {
                &rest[..rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(rest.len())]
            }
        };
        let tag = &html[open + 1..at];
        let heading = tag.len() > 2
            && tag.as_bytes()[0].eq_ignore_ascii_case(&b'h')
            && (b'1'..=b'6').contains(&tag.as_bytes()[1])
            && tag.as_bytes()[2].is_ascii_whitespace();
        found.push(Id {
            name: crate::import::decode_references(value),
            heading,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_of_tags_are_found_and_text_and_other_attributes_are_not() {
        let html = concat!(
            "<h2 id=\"background\">Background</h2>\n<p id='p-1'>The id=\"x\" of ",
            "&lt;p id=\"shown\"&gt; <span data-id=\"d\" id=caf&eacute;>x</span></p>",
            "<H3\tid=\"upper\">U</H3><section class=\"a\"\n id=\"notes\">",
            "<span ID=\"caps\">c</span><a name=\"legacy\">l</a><input name=\"field\">",
        );
        let found: Vec<(String, bool)> = ids(html)
            .into_iter()
            .map(|id| (id.name, id.heading))
            .collect();
        assert_eq!(
            found,
            [
                ("background".to_owned(), true),
                ("p-1".to_owned(), false),
                ("café".to_owned(), false),
                ("upper".to_owned(), true),
                ("notes".to_owned(), false),
                ("caps".to_owned(), false),
                ("legacy".to_owned(), false),
            ]
        );
    }

    #[test]
    fn a_page_lacks_only_the_fragments_none_of_its_ids_is() {
        let html = "<h2 id=\"background\">B</h2><p id=\"p-1\">x</p>";
        let asked = ["p-1", "backgrund", "background"].map(str::to_owned);
        let Lacking(lacking) = lacking(html, &asked);
        assert_eq!(lacking.len(), 1);
        assert_eq!(lacking[0].0, "backgrund");
        assert!(lacking[0].1.starts_with("did you mean `#background`?"));
    }

    #[test]
    fn a_fragment_is_looked_for_only_after_something_else_than_a_space() {
        assert!(may_have_fragment("See [it](other.md#a)."));
        assert!(may_have_fragment("[x](#a)"));
        assert!(!may_have_fragment("# Title\n\n## More\n\nIssue #4 of C ##"));
    }

    #[test]
    fn the_hint_names_the_closest_id_or_the_page_s_headings() {
        let has = [
            Id {
                name: "background".to_owned(),
                heading: true,
            },
            Id {
                name: "p-1".to_owned(),
                heading: false,
            },
            Id {
                name: "aftermath".to_owned(),
                heading: true,
            },
        ];
        assert!(hint("backgrund", &has).starts_with("did you mean `#background`?"));
        let far = hint("no-such-heading", &has);
        assert!(
            far.contains("`#background`, `#aftermath`") && far.contains("{#no-such-heading}"),
            "{far}"
        );
    }

    #[test]
    fn a_target_names_its_page_s_file() {
        assert_eq!(
            output_path("2020/other/#a").as_deref(),
            Some("2020/other/index.html")
        );
        assert_eq!(
            output_path("2020/my%20page/index.html?x#a").as_deref(),
            Some("2020/my page/index.html")
        );
        assert_eq!(output_path("#a").as_deref(), Some("index.html"));
    }
}
