//! Relative links and images in an article's Markdown, read the way Markdown editors and
//! repository viewers read them: from the folder of the article's file.
//!
//! In: the anchored content and the link style. Out: for a relative URL of one
//! article, the site path of the file it names, when it names one: an asset under
//! `content/` (copied to the same place), or the Markdown file of an article or a context
//! entry (its page).
//! The page then links there from its own folder, one level below its file's. A URL
//! from the site's root (`/images/map.png`) names that path of the built site, linked
//! relative to the page as well, so that it holds under a sub-path and from `file://`.
//! Any other URL (absolute, protocol-relative, a fragment, or a path that names no file
//! of the site) is left as written.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;

use crate::anchor::Anchored;
use crate::cache::FastMap;
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;
use crate::render::Links;

/// Where the relative links of the site's Markdown lead, and the pixel sizes of its
/// images.
#[derive(Debug, Default)]
pub struct Targets {
    /// Site files by their path under `content/`: an asset's own path, the page of an
    /// article or a context entry.
    files: FastMap<String, String>,
    /// The folders of the site's pages (`2019/x`, `about`, `tags`), which a link from
    /// the root may name without their closing `/`.
    folders: std::collections::HashSet<String>,
    /// What a link to a folder of the built site names (`index.html` unless the host
    /// serves folders).
    index: &'static str,
    /// The sizes of the images under `content/` and `static/`.
    images: super::images::Sizes,
}

impl Targets {
    /// Every asset, article and context entry of `anchored`: an asset's own path, the
    /// others' pages; and the sizes of the images among the assets and the files of
    /// `static_dir` (the site's `static/`, which may not exist), those unchanged since
    /// `last_images` not read again.
    pub fn new(
        anchored: &Anchored,
        links: &Links,
        static_dir: &std::path::Path,
        last_images: &super::images::Sizes,
    ) -> Self {
        let images = super::images::Sizes::read(&anchored.assets, static_dir, last_images);
        let mut files = FastMap::default();
        // Each file's address as a URL: `Photo #2.png` is `Photo%20%232.png`, as a page's is.
        for asset in &anchored.assets {
            files.insert(asset.rel.clone(), super::encode_path(&asset.rel));
        }
        for article in &anchored.articles {
            let article = &article.article;
            files.insert(article.file.rel.clone(), links.page("", &article.url));
        }
        for page in &anchored.pages {
            files.insert(page.file.rel.clone(), links.page("", &page.url));
        }
        for entry in anchored.context_entries.values() {
            let page = links.page("", &format!("context/{}", entry.id));
            files.insert(entry.file.rel.clone(), page);
        }
        let folders = anchored
            .articles
            .iter()
            .map(|a| a.article.url.clone())
            .chain(anchored.pages.iter().map(|p| p.url.clone()))
            .chain(
                anchored
                    .context_entries
                    .keys()
                    .map(|id| format!("context/{id}")),
            )
            .chain(
                ["tags", "authors", "sources", "archive", "search", "context"].map(str::to_owned),
            )
            .collect();
        Self {
            files,
            folders,
            index: links.index(),
            images,
        }
    }

    /// The width and height of the image `url` names, written in the Markdown file at
    /// `source`, when it is an image of the site whose size its header gives.
    pub fn image_size(&self, source: &str, url: &str) -> Option<(u32, u32)> {
        if self.images.is_empty() {
            return None;
        }
        let target = self.resolve(source, url)?;
        let path = &target[..target.find(['?', '#']).unwrap_or(target.len())];
        self.images.get(&crate::parse::percent_decoded(path)?)
    }

    /// A hash of every file a link may lead to and where it is published, for the keys
    /// of the pages whose links are rewritten to them: a file added or taken away
    /// changes where a link leads.
    pub fn files_key(&self) -> u64 {
        // Summed, so the map's order does not matter and nothing is sorted.
        self.files.iter().fold(0u64, |sum, (rel, target)| {
            sum.wrapping_add(crate::cache::Key::new().str(rel).str(target).finish())
        })
    }

    /// A hash of every image size, for the keys of the pages that show them.
    pub fn images_key(&self) -> u64 {
        self.images.key()
    }

    /// The sizes of the site's images, for the next build to start from.
    pub fn images(&self) -> &super::images::Sizes {
        &self.images
    }

    /// The site path (from the output root, with the URL's query and fragment) that
    /// `url`, written in the Markdown file at `source` (a path under `content/`), names;
    /// `None` when it is not a relative path to a file of the site.
    pub fn resolve(&self, source: &str, url: &str) -> Option<String> {
        if let Some(site_path) = from_root(url) {
            // A folder is its page, as the site's own links name it.
            let cut = site_path.find(['?', '#']).unwrap_or(site_path.len());
            let (path, suffix) = site_path.split_at(cut);
            if path.is_empty() || path.ends_with('/') {
                return Some(format!("{path}{}{suffix}", self.index));
            }
            // A page's folder without its `/` (`/about`) names the page too: as written,
            // it is a folder listing from `file://`.
            if self.folders.contains(path) {
                return Some(format!("{path}/{}{suffix}", self.index));
            }
            return Some(site_path.to_owned());
        }
        if !is_relative_path(url) {
            return None;
        }
        let suffix = &url[url.find(['?', '#']).unwrap_or(url.len())..];
        self.files
            .get(&named_file(source, url)?)
            .map(|target| format!("{target}{suffix}"))
    }

    /// What `url`, written in the Markdown file at `source`, becomes on the page at
    /// output path `page`: the file it names, relative to the page; `None` when it names
    /// no file of the site (see [`Targets::resolve`]).
    pub fn from_page(&self, source: &str, page: &str, url: &str) -> Option<String> {
        let target = self.resolve(source, url)?;
        Some(format!("{}{target}", super::Links::root(page)))
    }
}

/// The path under `content/` that relative `url`, written in the file at `source`,
/// names (without its query and fragment); `None` when it climbs above `content/`.
fn named_file(source: &str, url: &str) -> Option<String> {
    let path = &url[..url.find(['?', '#']).unwrap_or(url.len())];
    let folder = source.rsplit_once('/').map_or("", |(dir, _)| dir);
    join(folder, &crate::parse::percent_decoded(path)?)
}

/// Markdown whose relative links [`dead_links`] checks, and where it stands.
pub(super) struct Written<'a> {
    /// The file it is written in, for messages.
    pub(super) file: &'a SourceFile,
    /// The Markdown.
    pub(super) text: &'a str,
    /// Where `text` starts in `file`, when it is a slice of it (a body); `None` for a
    /// note's body, a string value in its sidecar, whose links are found by their text.
    start: Option<usize>,
    /// Where `text` stands in `file` when `start` is `None`: from the note's entry to
    /// the next.
    entry: Range<usize>,
    /// The path under `content/` its links are read from: the article's or entry's file.
    pub(super) source: &'a str,
    /// The folder of the page its links are written on, under the output.
    pub(super) page: &'a str,
    /// Whether it belongs to a draft (which may link to other drafts).
    draft: bool,
}

impl<'a> Written<'a> {
    /// Where a link to `url`, at `range` of the text, stands in its file: its range in a
    /// body, or its URL's first appearance in a note's entry.
    pub(super) fn span_of(&self, url: &str, range: Range<usize>) -> Range<usize> {
        match self.start {
            Some(start) => start + range.start..start + range.end,
            None => self.file.text[self.entry.clone()].find(url).map_or(
                self.entry.start..self.entry.start,
                |at| {
                    let at = self.entry.start + at;
                    at..at + url.len()
                },
            ),
        }
    }

    /// The Markdown body at `body` in `file`, whose page is in folder `page`.
    fn body(file: &'a SourceFile, body: Range<usize>, page: &'a str, draft: bool) -> Self {
        Written {
            file,
            text: &file.text[body.clone()],
            start: Some(body.start),
            entry: 0..0,
            source: &file.rel,
            page,
            draft,
        }
    }
}

/// The relative links and images of articles, of their notes' bodies, of context
/// entries and of pages that lead nowhere: they name no file under `content/` read from the folder
/// of the file they are written in, and no file of `made` (the output paths of a build)
/// read from the page's folder. Paths that climb above the site are left alone (they
/// may lead to another site on the same host).
pub fn dead_links(anchored: &Anchored, targets: &Targets, made: &[String]) -> Vec<Diagnostic> {
    let made: HashSet<&str> = made.iter().map(String::as_str).collect();
    let drafts: HashSet<&str> = anchored
        .articles
        .iter()
        .filter(|a| a.article.front.draft)
        .map(|a| a.article.file.rel.as_str())
        .collect();
    // The folders a build without drafts leaves out with their files (see parse).
    let published: Vec<&str> = anchored
        .articles
        .iter()
        .filter(|a| !a.article.front.draft)
        .map(|a| a.article.file.rel.as_str())
        .chain(anchored.pages.iter().map(|p| p.file.rel.as_str()))
        .collect();
    let draft_rels: Vec<String> = drafts.iter().map(|&rel| rel.to_owned()).collect();
    let left_out = crate::parse::draft_folders(&published, &draft_rels);
    let site = Site {
        targets,
        made,
        drafts,
        left_out,
    };
    let mut dead = each_written(anchored, |written, dead| site.check(written, dead));
    // The original's address, when it is a path: a file of the site, read from the
    // article's folder as its body's links are.
    for article in &anchored.articles {
        let article = &article.article;
        let Some(url) = article.front.source.as_ref().and_then(|s| s.url.as_deref()) else {
            continue;
        };
        let front = Written {
            text: "",
            start: None,
            entry: 0..article.body.start,
            ..Written::body(
                &article.file,
                article.body.clone(),
                &article.url,
                article.front.draft,
            )
        };
        site.check_url(&front, url, 0..0, &mut dead);
    }
    dead
}

/// What `look` finds in every Markdown text of the site that links lead from: each
/// article's body and its notes' bodies (articles in parallel), then each context
/// entry's body and each page's.
pub(super) fn each_written<T: Send>(
    anchored: &Anchored,
    look: impl Fn(&Written<'_>, &mut Vec<T>) + Sync,
) -> Vec<T> {
    let entry_pages: Vec<(String, &crate::parse::ContextEntry)> = anchored
        .context_entries
        .values()
        .map(|entry| (format!("context/{}", entry.id), entry))
        .collect();
    let mut found: Vec<T> = anchored
        .articles
        .par_iter()
        .flat_map_iter(|anchored| {
            let article = &anchored.article;
            let mut found = Vec::new();
            let body = Written::body(
                &article.file,
                article.body.clone(),
                &article.url,
                article.front.draft,
            );
            look(&body, &mut found);
            if let Some(sidecar) = &article.sidecar {
                for (i, note) in sidecar.notes.iter().enumerate() {
                    let Some(text) = &note.body else { continue };
                    let body = Written {
                        file: &sidecar.file,
                        text,
                        start: None,
                        entry: sidecar.note_text(i),
                        ..body
                    };
                    look(&body, &mut found);
                }
            }
            found
        })
        .collect();
    for (page, entry) in &entry_pages {
        let body = Written::body(&entry.file, entry.body.clone(), page, false);
        look(&body, &mut found);
    }
    for page in &anchored.pages {
        let body = Written::body(&page.file, page.body.clone(), &page.url, false);
        look(&body, &mut found);
    }
    found
}

/// What [`dead_links`] checks links against.
struct Site<'a> {
    targets: &'a Targets,
    /// The output paths of the build.
    made: HashSet<&'a str>,
    /// The drafts' paths under `content/`.
    drafts: HashSet<&'a str>,
    /// The folders a build without drafts leaves out.
    left_out: HashSet<&'a str>,
}

impl Site<'_> {
    /// Whether the build made the file or folder page at output path `path`.
    fn exists(&self, path: &str) -> bool {
        let folder = path.trim_end_matches('/');
        self.made.contains(path)
            || self
                .made
                .contains(format!("{folder}/index.html").trim_start_matches('/'))
    }

    /// Adds to `dead` a warning for each relative link or image of `written` that
    /// leads nowhere, or from a published page to a draft.
    fn check(&self, written: &Written<'_>, dead: &mut Vec<Diagnostic>) {
        if !written.text.contains("](")
            && !written.text.contains("]:")
            && !written.text.contains('<')
        {
            return;
        }
        for (event, range) in crate::parse::reading_text::events(written.text) {
            match &event {
                // `<someone@example.org>`: published as a mailto: link, not a path.
                Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Email,
                    ..
                }) => {}
                Event::Start(Tag::Link { dest_url, .. }) if !super::is_safe_link(dest_url) => {
                    let span = written.span_of(dest_url, range);
                    let shown: String = dest_url.chars().take(40).collect();
                    let (why, hint) = match crate::parse::sidecar::host_problem(dest_url) {
                        Some(problem) => (
                            format!("the link to `{shown}` is not a web address: {}; it is published as a link to nowhere", problem.what),
                            problem.hint,
                        ),
                        None => (
                            format!("the link to `{shown}` would run a script, not lead to a page: it is published as a link to nowhere"),
                            "link to a web address (https://...), a mailto: address or a page of the site",
                        ),
                    };
                    dead.push(
                        Diagnostic::warning(&written.file.path, why)
                            .at(&written.file.text, span)
                            .label("not a web address")
                            .hint(hint),
                    );
                }
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    self.check_url(written, dest_url, range, dead);
                }
                // A URL in raw HTML stands at its own place in the event's text.
                Event::Html(html) | Event::InlineHtml(html) => {
                    for at in super::raw_html::urls(html) {
                        let span = range.start + at.start..range.start + at.end;
                        let url = &html[at];
                        if let Some(problem) = crate::parse::sidecar::host_problem(url) {
                            let span = written.span_of(url, span);
                            dead.push(
                                Diagnostic::warning(
                                    &written.file.path,
                                    format!("`{url}` is not a web address: {}; it is published as `#`, a link to nowhere", problem.what),
                                )
                                .at(&written.file.text, span)
                                .label("not a web address")
                                .hint(problem.hint),
                            );
                            continue;
                        }
                        self.check_url(written, url, span, dead);
                    }
                }
                _ => {}
            }
        }
    }

    /// Adds to `dead` a warning when `url`, at `range` of `written.text`, is a relative
    /// link that leads nowhere, or from a published page to a draft.
    fn check_url(
        &self,
        written: &Written<'_>,
        url: &str,
        range: Range<usize>,
        dead: &mut Vec<Diagnostic>,
    ) {
        let file = written.file;
        let rooted = from_root(url);
        if !is_relative_path(url) && rooted.is_none() {
            return;
        }
        let span = written.span_of(url, range);
        if let Some(site_path) = rooted {
            let path = &site_path[..site_path.find(['?', '#']).unwrap_or(site_path.len())];
            let found = crate::parse::percent_decoded(path)
                .is_some_and(|p| p.is_empty() || self.exists(&p));
            if !found {
                dead.push(
                    Diagnostic::warning(
                        &file.path,
                        format!("`{url}` leads to no file of the site"),
                    )
                    .at(&file.text, span)
                    .label("nothing at this path")
                    .hint("a path from the site's root names a file of the built site: static/images/map.png is /images/map.png, the page of content/2019/talks.md is /2019/talks/; or link from this file's folder (`map.png`, `../2019/talks.md`)"),
                );
            }
            return;
        }
        if self.targets.resolve(written.source, url).is_some() {
            // A published article's link to a draft, or to a file a build leaves
            // out with the drafts beside it, leads nowhere once built.
            let draft = named_file(written.source, url).filter(|rel| {
                !written.draft
                    && (self.drafts.contains(rel.as_str())
                        || crate::parse::folders_of(rel).any(|f| self.left_out.contains(f)))
            });
            if let Some(draft) = draft {
                dead.push(
                    Diagnostic::warning(
                        &file.path,
                        if self.drafts.contains(draft.as_str()) {
                            format!("`{url}` leads to a draft ({draft}), which a build without --drafts leaves out")
                        } else {
                            format!("`{url}` leads to a file in a folder of drafts ({draft}), which a build without --drafts leaves out")
                        },
                    )
                    .at(&file.text, span)
                    .label("a draft")
                    .hint("publish the draft (remove `draft = true`) before this page, or take the link out until then"),
                );
            }
            return;
        }
        let path = &url[..url.find(['?', '#']).unwrap_or(url.len())];
        let Some(on_page) =
            crate::parse::percent_decoded(path).and_then(|p| join(written.page, &p))
        else {
            return;
        };
        if self.exists(&on_page) {
            return;
        }
        let folder = written.source.rsplit_once('/').map_or("", |(dir, _)| dir);
        let beside = join(
            folder,
            &crate::parse::percent_decoded(path).unwrap_or_default(),
        );
        let path_text = file.path.to_string_lossy();
        let content = path_text.strip_suffix(file.rel.as_str()).unwrap_or("");
        let mut problem =
            Diagnostic::warning(&file.path, format!("`{url}` leads to no file of the site"))
                .at(&file.text, span)
                .label("nothing at this path");
        if let Some(beside) = beside {
            problem = problem.note(format!(
                "read from this file's folder it names {content}{beside}, which does not exist"
            ));
        }
        dead.push(problem.hint(
            "correct the path: a file under content/ is named from the folder of the file that links to it (`photo.png` beside it, `../2019/other.md` for another article)",
        ));
    }
}

/// The site path (query and fragment kept) that a URL from the site's root names:
/// `images/map.png` for `/images/map.png`; `None` for any other URL (`//host/x` too).
pub(super) fn from_root(url: &str) -> Option<&str> {
    url.strip_prefix('/')
        .filter(|rest| !rest.starts_with(['/', '\\']))
}

/// A URL that is a path relative to the page: no scheme, not from the root, not only a
/// fragment or query.
pub(super) fn is_relative_path(url: &str) -> bool {
    let scheme = url
        .find(':')
        .is_some_and(|colon| !url[..colon].contains(['/', '?', '#']));
    !(url.is_empty() || scheme || url.starts_with(['/', '#', '?', '\\']))
}

/// `html` with the URL of every `href` and `src` attribute that is not absolute read
/// from `page` (the absolute URL of the page it was written for, ending in `/`): what a
/// feed reader needs, which has no page to read relative URLs from.
pub fn absolute_in(html: &str, page: &str) -> String {
    let origin_end = page
        .find("//")
        .and_then(|at| page[at + 2..].find('/').map(|slash| at + 2 + slash))
        .unwrap_or(page.len());
    let (origin, page_path) = page.split_at(origin_end);
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find("=\"") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let Some(end) = after.find('"') else {
            rest = after;
            break;
        };
        let value = &after[..end];
        let is_url = before.ends_with(" href=\"") || before.ends_with(" src=\"");
        if !is_url || value.starts_with("//") {
            out.push_str(value);
        } else if value.starts_with('#') {
            out.push_str(page);
            out.push_str(value);
        } else if value.starts_with('/') {
            out.push_str(origin);
            out.push_str(value);
        } else if is_relative_path(value) {
            let cut = value.find(['?', '#']).unwrap_or(value.len());
            let (path, suffix) = value.split_at(cut);
            // Above the host's root, as a browser reads it, is the root.
            let (mut parts, _) = segments(page_path, path);
            let mut folder = path
                .rsplit('/')
                .next()
                .is_some_and(|last| matches!(last, "" | "." | ".."));
            // A folder's page by its folder's address, as the site's canonical links are.
            if parts.last() == Some(&"index.html") {
                parts.pop();
                folder = true;
            }
            out.push_str(origin);
            out.push('/');
            out.push_str(&parts.join("/"));
            if folder && !parts.is_empty() {
                out.push('/');
            }
            out.push_str(suffix);
        } else {
            out.push_str(value);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// `path` (with `.` and `..` segments) read from `folder`; `None` when it climbs above
/// `content/`.
pub(super) fn join(folder: &str, path: &str) -> Option<String> {
    let (parts, climbed) = segments(folder, path);
    (!climbed).then(|| parts.join("/"))
}

/// The segments of `path` read from `folder`, `.` and `..` resolved, and whether a `..`
/// climbed above `folder`'s root (the segments then stay at the root).
fn segments<'a>(folder: &'a str, path: &'a str) -> (Vec<&'a str>, bool) {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let mut climbed = false;
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => climbed |= parts.pop().is_none(),
            segment => parts.push(segment),
        }
    }
    (parts, climbed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_and_image_of_feed_content_is_made_absolute() {
        let page = "https://example.org/archive/2019/kim/";
        let html = concat!(
            r##"<a href="../../context/cvid/index.html">CVID</a> <img src="chart.png" alt="x">"##,
            r##" <a href="../../index.html#top">home</a> <a href="../../index.html.bak">b</a>"##,
            r##" <a href="#note-1">1</a> <a href="/about/">a</a> <a href="./">here</a>"##,
            r##" <a href="https://other.org/x">o</a> <a href="//cdn.org/y">c</a>"##,
            r##" <a href="mailto:a@b.org">m</a> <a href="../../../../../up?q=1#f">u</a>"##,
            r##" <span title="a=b">x="y"</span>"##,
        );
        assert_eq!(
            absolute_in(html, page),
            concat!(
                r##"<a href="https://example.org/archive/context/cvid/">CVID</a>"##,
                r##" <img src="https://example.org/archive/2019/kim/chart.png" alt="x">"##,
                r##" <a href="https://example.org/archive/#top">home</a>"##,
                r##" <a href="https://example.org/archive/index.html.bak">b</a>"##,
                r##" <a href="https://example.org/archive/2019/kim/#note-1">1</a>"##,
                r##" <a href="https://example.org/about/">a</a>"##,
                r##" <a href="https://example.org/archive/2019/kim/">here</a>"##,
                r##" <a href="https://other.org/x">o</a> <a href="//cdn.org/y">c</a>"##,
                r##" <a href="mailto:a@b.org">m</a> <a href="https://example.org/up?q=1#f">u</a>"##,
                r##" <span title="a=b">x="y"</span>"##,
            )
        );
    }

    fn targets() -> Targets {
        Targets {
            files: [
                ("2020/photo.png", "2020/photo.png"),
                ("2020/my photo.png", "2020/my photo.png"),
                ("2020/other.md", "2020/other/"),
                ("maps/world.svg", "maps/world.svg"),
            ]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect(),
            folders: ["2020/other", "about"].map(str::to_owned).into(),
            index: "index.html",
            images: crate::render::images::Sizes::default(),
        }
    }

    #[test]
    fn a_file_beside_the_article_is_found_from_its_folder() {
        let t = targets();
        let at = |url| t.resolve("2020/story.md", url);
        assert_eq!(at("photo.png").as_deref(), Some("2020/photo.png"));
        assert_eq!(at("./photo.png").as_deref(), Some("2020/photo.png"));
        assert_eq!(at("my%20photo.png").as_deref(), Some("2020/my photo.png"));
        assert_eq!(
            at("../maps/world.svg#top").as_deref(),
            Some("maps/world.svg#top")
        );
        assert_eq!(at("other.md#p-3").as_deref(), Some("2020/other/#p-3"));
    }

    #[test]
    fn a_path_from_the_root_names_that_path_of_the_site() {
        let t = targets();
        let at = |url| t.resolve("2020/story.md", url);
        assert_eq!(at("/2020/photo.png").as_deref(), Some("2020/photo.png"));
        assert_eq!(at("/images/a.png?v=2").as_deref(), Some("images/a.png?v=2"));
        // A folder is its page, named as the site names pages.
        assert_eq!(at("/").as_deref(), Some("index.html"));
        assert_eq!(
            at("/2020/other/#p-1").as_deref(),
            Some("2020/other/index.html#p-1")
        );
        // A page's folder without its closing slash names the page all the same.
        assert_eq!(at("/about").as_deref(), Some("about/index.html"));
        assert_eq!(at("/about#team").as_deref(), Some("about/index.html#team"));
        assert_eq!(at("/LICENSE").as_deref(), Some("LICENSE"));
        assert_eq!(
            t.from_page("2020/story.md", "2020/story/index.html", "/images/a.png")
                .as_deref(),
            Some("../../images/a.png")
        );
    }

    #[test]
    fn other_urls_are_left_as_written() {
        let t = targets();
        let at = |url| t.resolve("2020/story.md", url);
        for url in [
            "https://example.org/photo.png",
            "mailto:desk@example.org",
            "//cdn.example.org/photo.png",
            "#p-2",
            "?q=x",
            "missing.png",
            "../../../photo.png",
            "",
        ] {
            assert_eq!(at(url), None, "{url}");
        }
    }
}
