//! Feeds and files for machines: Atom feeds (the site's and one per tag, author and
//! publication), `sitemap.xml` and `robots.txt`.
//!
//! In: the index, the config and, for the articles that appear in a feed, their content
//! as feed readers get it (notes as endnotes). Out: output files. These formats demand
//! absolute URLs, so every link here is built from `base_url`; dates come from content,
//! never from the clock, so two builds are byte-identical.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use super::Lists;
use crate::diagnostic::Diagnostic;
use crate::render::OutputFile;

/// How many entries a feed holds.
pub const FEED_SIZE: usize = 20;

/// The site's own feed, the one whose entries carry the articles whole.
pub const SITE_FEED: &str = "atom.xml";

/// The articles whose full content goes into a feed: the newest of the site. Tag feeds
/// carry summaries and links, so a large archive does not render hundreds of articles a
/// second time for them.
pub fn feed_articles(index: &super::Index) -> BTreeSet<usize> {
    index.newest_first.iter().take(FEED_SIZE).copied().collect()
}

#[derive(Serialize)]
struct Entry {
    title: String,
    language: Option<String>,
    /// Its permanent id: the address it was first published at (the first of
    /// `redirect_from`, when it has moved), so that a feed reader does not take a moved
    /// article for a new one (RFC 4287, 4.2.6).
    id: String,
    url: String,
    published: String,
    updated: String,
    authors: Vec<String>,
    tags: Vec<String>,
    summary: String,
    content_html: String,
}

#[derive(Serialize)]
struct Feed<'a> {
    title: String,
    id: String,
    self_url: String,
    alternate: String,
    updated: String,
    subtitle: &'a str,
    entries: Vec<Entry>,
}

/// The last time an article changed, as RFC 3339: see [`last_change`].
pub fn updated(article: &crate::anchor::AnchoredArticle) -> String {
    last_change(article).rfc3339
}

/// The last time an article changed: its date, `updated`, or a dated correction note.
pub fn last_change(
    article: &crate::anchor::AnchoredArticle,
) -> crate::parse::front_matter::DateValue {
    let mut latest = article.article.date.clone();
    if let Some(updated) = &article.article.front.updated {
        latest = latest.max(updated.clone());
    }
    for note in &article.notes {
        if note.spec.kind == "correction" {
            if let Some(date) = &note.spec.date {
                latest = latest.max(date.clone());
            }
        }
    }
    latest
}

/// The site's feed and one per tag, author and publication.
///
/// # Errors
/// Template errors.
pub fn atom(
    lists: &Lists<'_>,
    content: &BTreeMap<usize, String>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let config = lists.config;
    let mut files = Vec::new();
    let site_feed = feed(
        lists,
        content,
        &config.title,
        SITE_FEED,
        "",
        &lists.index.newest_first,
        true,
    )?;
    files.push(site_feed);
    // One feed a tag, author and publication: hundreds, each its own template run, made
    // on every core.
    let index = lists.index;
    let terms: Vec<(&str, &super::Term)> = [
        ("tags", &index.tags),
        ("authors", &index.authors),
        ("sources", &index.sources),
    ]
    .into_iter()
    .flat_map(|(section, terms)| terms.iter().map(move |term| (section, term)))
    .collect();
    let term_feeds: Vec<OutputFile> = terms
        .par_iter()
        .map(|(section, term)| {
            let title = format!("{}: {}", config.title, term.names.join(" / "));
            let page = format!("{section}/{}/", term.slug);
            feed(
                lists,
                content,
                &title,
                &format!("{page}atom.xml"),
                &page,
                &term.articles,
                false,
            )
        })
        .collect::<Result<_, _>>()?;
    files.extend(term_feeds);
    Ok(files)
}

fn feed(
    lists: &Lists<'_>,
    content: &BTreeMap<usize, String>,
    title: &str,
    path: &str,
    alternate: &str,
    articles: &[usize],
    full: bool,
) -> Result<OutputFile, Diagnostic> {
    let config = lists.config;
    let mut key = crate::cache::Key::new()
        .u64(lists.base_key)
        .u64(lists.templates.key_of("atom.xml"))
        .u64(u64::from(full))
        .str(path)
        .str(title);
    for &i in articles.iter().take(FEED_SIZE) {
        key = key.u64(lists.article_keys[i]);
    }
    let key = key.finish();
    if let Some(hit) = lists.cache.get(path).filter(|hit| hit.key == key) {
        return Ok(OutputFile::keyed(path, hit.bytes.clone(), key));
    }
    let entries: Vec<Entry> = articles
        .iter()
        .take(FEED_SIZE)
        .map(|&i| {
            let anchored = &lists.anchored.articles[i];
            let article = &anchored.article;
            Entry {
                title: article.title.clone(),
                language: article.front.language.clone(),
                id: article.redirects.first().map_or_else(
                    || config.absolute_url(&format!("{}/", article.url)),
                    |first| config.absolute_url(first),
                ),
                url: config.absolute_url(&format!("{}/", article.url)),
                published: article.date.rfc3339.clone(),
                updated: updated(anchored),
                authors: article.front.authors.clone(),
                tags: article.front.tags.clone(),
                summary: crate::render::plain_text(&crate::render::inline_markdown(
                    &article
                        .front
                        .summary
                        .clone()
                        .unwrap_or_else(|| crate::parse::first_paragraph(article.body_text())),
                )),
                content_html: if full {
                    content.get(&i).cloned().unwrap_or_default()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned());
    let feed = Feed {
        title: title.to_owned(),
        id: config.absolute_url(path),
        self_url: config.absolute_url(path),
        alternate: config.absolute_url(alternate),
        updated,
        subtitle: &config.description,
        entries,
    };
    let mut context = tera::Context::new();
    context.insert("site", lists.site);
    context.insert("feed", &feed);
    let xml = lists
        .templates
        .render_context("atom.xml", &context)
        .map_err(|problem| problem.rendering(path))?;
    Ok(OutputFile::keyed(path, xml_chars(xml).into_bytes(), key))
}

/// `xml` without the characters XML 1.0 forbids (control characters but tab and line
/// breaks, U+FFFE, U+FFFF): a title that holds one would make the whole feed unreadable
/// to every reader of it.
fn xml_chars(xml: String) -> String {
    let forbidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{80}'..='\u{9f}'))
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if xml.chars().any(forbidden) {
        xml.chars().filter(|&c| !forbidden(c)).collect()
    } else {
        xml
    }
}

/// The most URLs one sitemap file may list, and its most bytes (sitemaps.org): a site
/// with more pages gets several, and `sitemap.xml` becomes their index.
pub const SITEMAP_URLS: usize = 50_000;
const SITEMAP_BYTES: usize = 50 * 1024 * 1024;

/// `sitemap.xml`: every HTML page once, by its clean absolute URL (the 404 page left
/// out), with the time it last changed where `changed` (by output path) knows it: an
/// article's publication, update or latest dated correction. Past [`SITEMAP_URLS`] pages
/// (or 50 MB) they go into `sitemap-1.xml`, `sitemap-2.xml`... and `sitemap.xml` is
/// the index that lists those, as crawlers read no larger sitemap.
pub fn sitemap<'a>(
    config: &crate::config::Config,
    paths: impl Iterator<Item = &'a str>,
    changed: &crate::cache::FastMap<String, String>,
) -> Vec<OutputFile> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    const TAIL: &str = "</urlset>\n";
    let mut pages: Vec<&str> = paths
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .collect();
    pages.sort_unstable();
    let mut parts: Vec<String> = Vec::new();
    let mut xml = String::from(HEAD);
    let mut count = 0;
    let mut entry = String::new();
    for page in pages {
        entry.clear();
        entry.push_str("<url><loc>");
        entry.push_str(&escape_xml(&config.absolute_url(page)));
        entry.push_str("</loc>");
        if let Some(time) = changed.get(page) {
            entry.push_str("<lastmod>");
            entry.push_str(&escape_xml(time));
            entry.push_str("</lastmod>");
        }
        entry.push_str("</url>\n");
        if count == SITEMAP_URLS
            || (count > 0 && xml.len() + entry.len() + TAIL.len() > SITEMAP_BYTES)
        {
            xml.push_str(TAIL);
            parts.push(std::mem::replace(&mut xml, String::from(HEAD)));
            count = 0;
        }
        xml.push_str(&entry);
        count += 1;
    }
    xml.push_str(TAIL);
    if parts.is_empty() {
        return vec![OutputFile::new("sitemap.xml".to_owned(), xml.into_bytes())];
    }
    parts.push(xml);
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (i, part) in parts.into_iter().enumerate() {
        let path = format!("sitemap-{}.xml", i + 1);
        index.push_str("<sitemap><loc>");
        index.push_str(&escape_xml(&config.absolute_url(&path)));
        index.push_str("</loc></sitemap>\n");
        files.push(OutputFile::new(path, part.into_bytes()));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(
        0,
        OutputFile::new("sitemap.xml".to_owned(), index.into_bytes()),
    );
    files
}

/// `robots.txt`: everything allowed, the sitemap named.
pub fn robots(config: &crate::config::Config) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        config.base_url
    );
    OutputFile::new("robots.txt".to_owned(), text.into_bytes())
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> (tempfile::TempDir, crate::config::Config) {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"T\"\nbase_url = \"https://example.org/news/\"\n",
        )
        .expect("site.toml");
        let config = crate::config::Config::load(dir.path(), crate::config::Overrides::default())
            .expect("config");
        (dir, config)
    }

    #[test]
    fn a_sitemap_of_more_pages_than_one_file_may_list_is_split_under_an_index() {
        let (_dir, config) = config();
        let changed = crate::cache::FastMap::default();
        let text = |file: &OutputFile| String::from_utf8(file.bytes.to_vec()).expect("UTF-8");
        let small = ["index.html", "404.html", "2020/a/index.html", "atom.xml"];
        let one = sitemap(&config, small.into_iter(), &changed);
        assert_eq!(one.len(), 1);
        assert_eq!(text(&one[0]).matches("<url>").count(), 2);

        let paths: Vec<String> = (0..=SITEMAP_URLS)
            .map(|i| format!("2020/a{i:06}/index.html"))
            .chain(["404.html".to_owned()])
            .collect();
        let files = sitemap(&config, paths.iter().map(String::as_str), &changed);
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = text(&files[0]);
        assert!(index.contains("<sitemapindex "), "{index}");
        assert!(index.contains("<loc>https://example.org/news/sitemap-1.xml</loc>"));
        assert!(index.contains("<loc>https://example.org/news/sitemap-2.xml</loc>"));
        assert_eq!(text(&files[1]).matches("<url>").count(), SITEMAP_URLS);
        let last = text(&files[2]);
        assert_eq!(last.matches("<url>").count(), 1);
        assert!(last.starts_with("<?xml") && last.ends_with("</urlset>\n"));
    }

    #[test]
    fn a_feed_holds_no_character_xml_forbids() {
        assert_eq!(
            xml_chars("<t>a\u{1}b\u{8}\u{b}c\u{fffe}\u{0}d\te\n</t>".to_owned()),
            "<t>abcd\te\n</t>"
        );
        assert_eq!(xml_chars("plain".to_owned()), "plain");
    }
}
