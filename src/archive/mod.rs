//! The archive around the articles: home and list pages, taxonomies, the date archive,
//! context entries with their mentions, feeds, sitemap, robots.txt and the 404 page.
//!
//! In: anchored articles, their [`Index`] and one [`Summary`] value per article (serialized
//! once; list pages share them by reference count, never copying the archive per page).
//! Out: output files. Links in summaries are root-relative paths; templates put
//! `page.root` before them, so one summary serves pages at every depth.

pub mod feeds;
pub mod index;
pub mod spellings;

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::anchor::{Anchored, AnchoredArticle};
use crate::cache::{CachedPage, Key};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::parse::ContextEntry;
use crate::render::{inline_markdown, markdown_with, Links, OutputFile};
use crate::templates::{Crumb, PageContext, SiteContext, Templates};
pub use index::{build as index, Index, Term};

/// A name with the root-relative path of its page.
#[derive(Debug, Clone, Serialize)]
pub struct NamedLink {
    /// What is shown.
    pub name: String,
    /// Root-relative link (`tags/north-korea/index.html`).
    pub path: String,
}

/// What list pages show of an article; `path`s are root-relative.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Headline.
    pub title: String,
    /// Root-relative link to the article.
    pub path: String,
    /// `2019-03-06`.
    pub date: String,
    /// RFC 3339.
    pub datetime: String,
    /// Authors with their pages.
    pub authors: Vec<NamedLink>,
    /// Tags with their pages.
    pub tags: Vec<NamedLink>,
    /// The publication, with its page.
    pub source: Option<NamedLink>,
    /// Summary as inline HTML.
    pub summary_html: String,
    /// Number of notes.
    pub note_count: usize,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// The article's own language, when its front matter gives one.
    pub language: Option<String>,
    /// `rtl` or `ltr` for that language.
    pub dir: Option<&'static str>,
}

/// Root-relative path of the page in folder `dir`, in the site's link style.
pub fn path(links: &Links, dir: &str) -> String {
    links.page("", dir)
}

/// Builds the summary of every article, in article order.
pub fn summaries(
    articles: &[std::sync::Arc<AnchoredArticle>],
    links: &Links,
    slugs: &index::Slugs,
) -> Vec<Summary> {
    articles
        .iter()
        .map(|anchored| summary(anchored, links, slugs))
        .collect()
}

/// What list pages show of one article.
pub fn summary(anchored: &AnchoredArticle, links: &Links, slugs: &index::Slugs) -> Summary {
    let article = &anchored.article;
    let named = |section: &str, terms: &index::TermSlugs, name: &String| NamedLink {
        name: name.clone(),
        path: path(links, &format!("{section}/{}", terms.slug(name))),
    };
    let summary = article
        .front
        .summary
        .clone()
        .unwrap_or_else(|| crate::parse::first_paragraph(article.body_text()));
    let words = article.reading.words;
    Summary {
        title: article.title.clone(),
        path: path(links, &article.url),
        date: article.date.day.to_string(),
        datetime: article.date.rfc3339.clone(),
        authors: article
            .front
            .authors
            .iter()
            .map(|a| named("authors", &slugs.authors, a))
            .collect(),
        tags: article
            .front
            .tags
            .iter()
            .map(|t| named("tags", &slugs.tags, t))
            .collect(),
        source: article
            .front
            .source
            .as_ref()
            .and_then(|s| s.name.as_ref())
            .map(|n| named("sources", &slugs.sources, n)),
        summary_html: inline_markdown(&summary),
        note_count: anchored.notes.len(),
        reading_minutes: crate::parse::reading_text::reading_minutes(
            words,
            article.reading.ideographs,
        ),
        language: article.front.language.clone(),
        dir: article.dir(),
    }
}

/// Everything list pages need, shared by reference.
pub struct Lists<'a> {
    /// The content.
    pub anchored: &'a Anchored,
    /// Relations.
    pub index: &'a Index,
    /// One serialized summary per article.
    pub summaries: &'a [tera::Value],
    /// Site values.
    pub site: &'a SiteContext,
    /// Link style.
    pub links: &'a Links,
    /// The pages and files that relative links in context entries name.
    pub targets: &'a crate::render::targets::Targets,
    /// Settings.
    pub config: &'a Config,
    /// Templates.
    pub templates: &'a Templates,
    /// Hash of each summary, in article order.
    pub summary_keys: &'a [u64],
    /// Hash of each article page's inputs, in article order.
    pub article_keys: &'a [u64],
    /// Hash of the settings and gloss version (each page adds its templates' key).
    pub base_key: u64,
    /// Pages of an earlier build.
    pub cache: &'a crate::cache::FastMap<String, CachedPage>,
}

/// Each article's summary rendered by `partials/summary.html` for list pages of one
/// depth: a summary's page links start with `page.root`, the one thing of the page it
/// depends on, so the pages of a depth share it. Pages rendered a depth at a time, each
/// depth with a table of its own (see [`by_depth`]), render an article listed on home,
/// its year, its month, three tags, its author and its publication three times instead
/// of eight, and hold one rendered summary per article at a time.
pub struct SummaryItems {
    /// By article: the depth it was made for (the number of `../` in `page.root`) and
    /// the item.
    made: Vec<std::sync::OnceLock<(usize, tera::Value)>>,
}

impl SummaryItems {
    /// Room for `articles` summaries, none made.
    pub fn new(articles: usize) -> Self {
        Self {
            made: (0..articles).map(|_| std::sync::OnceLock::new()).collect(),
        }
    }
}

/// List pages grouped by depth, shallowest first, each group in the order given: what
/// [`SummaryItems`] is made for.
pub fn by_depth<'p, 'a>(pages: &'p [ListPage<'a>]) -> Vec<Vec<&'p ListPage<'a>>> {
    let mut groups: std::collections::BTreeMap<usize, Vec<&ListPage<'a>>> =
        std::collections::BTreeMap::new();
    for page in pages {
        groups.entry(depth(&page.path)).or_default().push(page);
    }
    groups.into_values().collect()
}

/// How many folders down output path `path` is: the number of `../` in its `page.root`.
fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// What `partials/summary.html` sees of the page: the ways back to the root and home,
/// which are the same on every page of one depth.
#[derive(Serialize)]
struct ItemPage<'a> {
    root: &'a str,
    home: String,
    index: &'a str,
}

#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    newer: Option<String>,
    older: Option<String>,
    first: String,
    /// The last page (the oldest articles).
    last: String,
}

#[derive(Serialize)]
struct ListContext<'a> {
    kind: &'a str,
    title: String,
    names: Vec<String>,
    count: usize,
    feed: Option<String>,
    /// A year's months, each with its page (none for other lists).
    months: Vec<MonthItem>,
    /// A month's neighbours in the archive, the month after it and the month before
    /// (none for other lists, and at either end).
    newer_month: Option<MonthItem>,
    older_month: Option<MonthItem>,
}

impl<'a> Lists<'a> {
    fn context(&self, page: &PageContext) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", self.site);
        context.insert("page", page);
        context
    }

    /// Renders unless the cache holds the page under `key`.
    fn render_keyed(
        &self,
        template: &str,
        path: String,
        context: &tera::Context,
        key: u64,
    ) -> Result<OutputFile, Diagnostic> {
        if let Some(hit) = self.cache.get(&path).filter(|hit| hit.key == key) {
            return Ok(OutputFile::keyed(path, hit.bytes.clone(), key));
        }
        let html = self
            .templates
            .render_context(template, context)
            .map_err(|problem| problem.rendering(&path))?;
        Ok(OutputFile::keyed(path, html.into_bytes(), key))
    }

    /// The key of a page: its template, path and the serialized values it shows.
    fn key(&self, template: &str, path: &str, parts: &[&dyn erased::Part]) -> Key {
        let mut key = Key::new()
            .u64(self.base_key)
            .u64(self.templates.key_of(template))
            .str(template)
            .str(path);
        for part in parts {
            key = key.bytes(&part.json());
        }
        key
    }

    /// Pages `dir/`, `dir/page/2/`, ... listing `articles`, `paginate` per page, to be
    /// rendered by [`Lists::render_list`].
    fn paginated(
        &self,
        dir: &str,
        list: ListContext<'a>,
        articles: &'a [usize],
        crumbs: &[Crumb],
    ) -> Vec<ListPage<'a>> {
        let per_page = self.config.paginate;
        let total = articles.len().div_ceil(per_page).max(1);
        let page_dir = |n: usize| page_dir(dir, n);
        let template = if dir.is_empty() {
            "index.html"
        } else {
            "list.html"
        };
        // What every page of this list shares, hashed once; each page adds its own.
        let list_key = self
            .key(template, dir, &[&list as &dyn erased::Part, &crumbs])
            .u64(self.templates.key_of("partials/summary.html"))
            .finish();
        let list = Arc::new(list);
        let crumbs: Arc<[Crumb]> = crumbs.into();
        let folder: Arc<str> = dir.into();
        (1..=total)
            .map(|n| {
                let here = page_dir(n);
                let path = if here.is_empty() {
                    "index.html".to_owned()
                } else {
                    format!("{here}/index.html")
                };
                ListPage {
                    template,
                    list_key,
                    path,
                    list: Arc::clone(&list),
                    crumbs: Arc::clone(&crumbs),
                    articles: &articles[((n - 1) * per_page).min(articles.len())
                        ..(n * per_page).min(articles.len())],
                    folder: Arc::clone(&folder),
                    current: n,
                    total,
                }
            })
            .collect()
    }

    /// Renders one page of a list, unless the cache holds it under the same key (its
    /// template, path, list, breadcrumbs, pagination and the summaries it shows).
    ///
    /// # Errors
    /// Template errors.
    pub fn render_list(
        &self,
        job: &ListPage<'_>,
        items: &SummaryItems,
    ) -> Result<OutputFile, Diagnostic> {
        // The pagination links follow from the list's folder, the page number and the
        // number of pages.
        let mut key = Key::new()
            .u64(job.list_key)
            .u64(job.current as u64)
            .u64(job.total as u64);
        for &i in job.articles {
            key = key.u64(self.summary_keys[i]);
        }
        let key = key.finish();
        if let Some(hit) = self.cache.get(&job.path).filter(|hit| hit.key == key) {
            return Ok(OutputFile::keyed(job.path.clone(), hit.bytes.clone(), key));
        }
        let title = if job.current == 1 {
            job.list.title.clone()
        } else {
            format!(
                "{} ({})",
                job.list.title,
                self.config.labels.number("page_number", job.current as u64)
            )
        };
        let (dir, n) = (&*job.folder, job.current);
        let pagination = Pagination {
            current: n,
            total: job.total,
            newer: (n > 1).then(|| path(self.links, &page_dir(dir, n - 1))),
            older: (n < job.total).then(|| path(self.links, &page_dir(dir, n + 1))),
            first: path(self.links, dir),
            last: path(self.links, &page_dir(dir, job.total)),
        };
        let mut page = self.links.page_context(self.config, &job.path, &title);
        page.breadcrumbs = job.crumbs.to_vec();
        let depth = depth(&job.path);
        let items: Vec<tera::Value> = job
            .articles
            .iter()
            .map(|&i| self.item(i, &job.path, depth, items))
            .collect::<Result<_, _>>()?;
        let mut context = self.context(&page);
        context.insert("list", &*job.list);
        context.insert_value("items", tera::Value::from(items));
        context.insert("pagination", &pagination);
        let html = self
            .templates
            .render_context(job.template, &context)
            .map_err(|problem| problem.rendering(&job.path))?;
        Ok(OutputFile::keyed(job.path.clone(), html.into_bytes(), key))
    }

    /// Summary `i` as a list page at `path` (`depth` folders down) shows it: its fields
    /// and `html`, what `partials/summary.html` makes of it there. Taken from `items`
    /// when made there for the same depth; else made, and kept there when it has none
    /// for article `i` yet.
    fn item(
        &self,
        i: usize,
        path: &str,
        depth: usize,
        items: &SummaryItems,
    ) -> Result<tera::Value, Diagnostic> {
        let slot = &items.made[i];
        if let Some((made_for, made)) = slot.get() {
            if *made_for == depth {
                return Ok(made.clone());
            }
        }
        let summary = &self.summaries[i];
        let mut context = tera::Context::new();
        context.insert("site", self.site);
        let root = Links::root(path);
        let page = ItemPage {
            root: &root,
            home: self.links.page(path, ""),
            index: self.links.index(),
        };
        context.insert("page", &page);
        context.insert_value("item", summary.clone());
        let html = self
            .templates
            .render_context("partials/summary.html", &context)
            .map_err(|problem| {
                let file = &self.anchored.articles[i].article.file.path;
                problem.rendering(format_args!("the summary of {}", file.display()))
            })?;
        let mut fields = summary.as_map().cloned().unwrap_or_default();
        fields.insert(
            tera::value::Key::Str("html"),
            tera::Value::safe_string(&html),
        );
        let made = tera::Value::from(fields);
        // Two pages may render the same summary at once; both make the same value.
        let _ = slot.set((depth, made.clone()));
        Ok(made)
    }
}

/// One page of a paginated list (home, a tag, an author, a publication, a year, a
/// month), described but not rendered yet: list pages render in parallel.
pub struct ListPage<'a> {
    template: &'static str,
    list_key: u64,
    path: String,
    list: Arc<ListContext<'a>>,
    crumbs: Arc<[Crumb]>,
    articles: &'a [usize],
    /// The list's folder (`tags/x`; empty for home), this page's number, the number of
    /// pages: the pagination links are made from them when the page is rendered.
    folder: Arc<str>,
    current: usize,
    total: usize,
}

impl ListPage<'_> {
    /// Whether this page lists article `article`.
    pub fn shows(&self, article: usize) -> bool {
        self.articles.contains(&article)
    }
}

/// The folder of page `n` of the list in `dir`.
fn page_dir(dir: &str, n: usize) -> String {
    match (n, dir.is_empty()) {
        (1, _) => dir.to_owned(),
        (_, true) => format!("page/{n}"),
        (_, false) => format!("{dir}/page/{n}"),
    }
}

/// The archive's pages: the few one-off pages rendered, and every page of every list
/// described, for [`Lists::render_list`].
pub struct Pages<'a> {
    /// Term indexes, the date archive index, context entries and their index, 404.
    pub rendered: Vec<OutputFile>,
    /// Home, tag, author, publication, year and month list pages.
    pub lists: Vec<ListPage<'a>>,
}

/// Renders every archive page: home, date archive, taxonomies, context entries, 404.
///
/// # Errors
/// Template errors.
pub fn pages<'a>(lists: &Lists<'a>) -> Result<Pages<'a>, Diagnostic> {
    let index = lists.index;
    let home = ListContext {
        kind: "home",
        title: lists.config.title.clone(),
        names: Vec::new(),
        count: index.newest_first.len(),
        feed: Some("atom.xml".to_owned()),
        months: Vec::new(),
        newer_month: None,
        older_month: None,
    };
    let mut pages = Pages {
        rendered: Vec::new(),
        lists: lists.paginated("", home, &index.newest_first, &[]),
    };
    date_pages(lists, &mut pages)?;
    for (section, kind, heading, terms) in [
        ("tags", "tag", "tags", &index.tags),
        ("authors", "author", "authors", &index.authors),
        ("sources", "source", "publications", &index.sources),
    ] {
        let heading = lists.config.labels.get(heading);
        term_pages(lists, section, kind, heading, terms, &mut pages)?;
    }
    pages.rendered.extend(context_pages(lists)?);
    pages.rendered.extend(standalone_pages(lists)?);
    pages.rendered.push(not_found(lists)?);
    Ok(pages)
}

/// A page outside the archive as `page.html` receives it, as `content`.
#[derive(Serialize)]
struct PageDoc<'a> {
    title: &'a str,
    language: Option<&'a str>,
    dir: Option<&'static str>,
    body_html: String,
    footnotes: Vec<crate::render::body::Footnote>,
    contents: Vec<crate::render::ContentsEntry>,
}

/// Every page outside the archive (see [`crate::parse::Page`]), rendered with
/// `page.html`. Not kept for reuse: there are few, and what their links lead to is the
/// whole site's.
fn standalone_pages(lists: &Lists<'_>) -> Result<Vec<OutputFile>, Diagnostic> {
    let words = crate::render::body::Words::new(&lists.config.labels);
    lists
        .anchored
        .pages
        .iter()
        .map(|doc| {
            let out = format!("{}/index.html", doc.url);
            let mut page = lists.links.page_context(lists.config, &out, &doc.title);
            if let Some(summary) = &doc.summary {
                page.description = crate::render::plain_text(&inline_markdown(summary));
            }
            let rel = &doc.file.rel;
            let body = crate::render::body::render(
                doc.body_text(),
                &doc.reading,
                &[],
                &[],
                &crate::render::body::Urls {
                    retarget: &|url| lists.targets.from_page(rel, &out, url),
                    image_size: &|url| lists.targets.image_size(rel, url),
                },
                &words,
            );
            let content = PageDoc {
                title: &doc.title,
                language: doc.language.as_deref(),
                dir: doc.language.as_deref().map(crate::language::direction),
                body_html: body.html,
                footnotes: body.footnotes,
                contents: crate::render::contents(&body.headings),
            };
            let mut context = lists.context(&page);
            context.insert("content", &content);
            let html = lists
                .templates
                .render_context("page.html", &context)
                .map_err(|problem| problem.rendering(doc.file.path.display()))?;
            Ok(OutputFile::new(out, html.into_bytes()))
        })
        .collect()
}

fn crumb(title: &str, path: Option<String>) -> Crumb {
    Crumb {
        title: title.to_owned(),
        path,
    }
}

#[derive(Serialize)]
struct TermItem<'a> {
    names: &'a [String],
    slug: &'a str,
    path: String,
    count: usize,
}

fn term_pages<'a>(
    lists: &Lists<'a>,
    section: &str,
    kind: &'a str,
    heading: &str,
    terms: &'a [Term],
    pages: &mut Pages<'a>,
) -> Result<(), Diagnostic> {
    let home = crumb(lists.config.labels.get("home"), Some(path(lists.links, "")));
    let section_crumb = crumb(heading, Some(path(lists.links, section)));
    let items: Vec<TermItem<'_>> = terms
        .iter()
        .map(|t| TermItem {
            names: &t.names,
            slug: &t.slug,
            path: path(lists.links, &format!("{section}/{}", t.slug)),
            count: t.articles.len(),
        })
        .collect();
    let out = format!("{section}/index.html");
    let mut page = lists.links.page_context(lists.config, &out, heading);
    page.breadcrumbs = vec![home.clone(), crumb(heading, None)];
    let mut context = lists.context(&page);
    context.insert("kind", kind);
    context.insert("heading", heading);
    context.insert("terms", &items);
    let key = lists
        .key("terms.html", &out, &[&items as &dyn erased::Part, &kind])
        .finish();
    pages
        .rendered
        .push(lists.render_keyed("terms.html", out, &context, key)?);
    for term in terms {
        let title = term.names.join(" / ");
        let list = ListContext {
            kind,
            title: title.clone(),
            names: term.names.clone(),
            count: term.articles.len(),
            feed: Some(format!("{section}/{}/atom.xml", term.slug)),
            months: Vec::new(),
            newer_month: None,
            older_month: None,
        };
        let crumbs = [home.clone(), section_crumb.clone(), crumb(&title, None)];
        pages.lists.extend(lists.paginated(
            &format!("{section}/{}", term.slug),
            list,
            &term.articles,
            &crumbs,
        ));
    }
    Ok(())
}

#[derive(Serialize, Clone)]
struct MonthItem {
    month: i8,
    name: String,
    path: String,
    count: usize,
}

#[derive(Serialize)]
struct YearItem {
    year: i16,
    path: String,
    count: usize,
    months: Vec<MonthItem>,
}

fn date_pages<'a>(lists: &Lists<'a>, pages: &mut Pages<'a>) -> Result<(), Diagnostic> {
    let home = crumb(lists.config.labels.get("home"), Some(path(lists.links, "")));
    let archive = crumb(
        lists.config.labels.get("archive"),
        Some(path(lists.links, "archive")),
    );
    let years: Vec<YearItem> = lists
        .index
        .years
        .iter()
        .map(|y| YearItem {
            year: y.year,
            path: path(lists.links, &format!("archive/{}", y.year)),
            count: y.articles.len(),
            months: y
                .months
                .iter()
                .map(|m| MonthItem {
                    month: m.month,
                    name: lists.config.labels.month(y.year, m.month),
                    path: path(lists.links, &format!("archive/{}/{:02}", y.year, m.month)),
                    count: m.articles.len(),
                })
                .collect(),
        })
        .collect();
    let out = "archive/index.html".to_owned();
    let mut page = lists
        .links
        .page_context(lists.config, &out, lists.config.labels.get("archive"));
    page.breadcrumbs = vec![
        home.clone(),
        crumb(lists.config.labels.get("archive"), None),
    ];
    let mut context = lists.context(&page);
    context.insert("years", &years);
    let key = lists
        .key("archive.html", &out, &[&years as &dyn erased::Part])
        .finish();
    pages
        .rendered
        .push(lists.render_keyed("archive.html", out, &context, key)?);
    // Every month of the archive, newest first, as the archive lists them.
    let every_month: Vec<MonthItem> = years
        .iter()
        .flat_map(|y| y.months.iter().cloned())
        .collect();
    let mut at = 0usize;
    for (year, item) in lists.index.years.iter().zip(years) {
        let title = year.year.to_string();
        let list = ListContext {
            kind: "year",
            title: title.clone(),
            names: Vec::new(),
            count: year.articles.len(),
            feed: None,
            months: item.months,
            newer_month: None,
            older_month: None,
        };
        let crumbs = [home.clone(), archive.clone(), crumb(&title, None)];
        pages.lists.extend(lists.paginated(
            &format!("archive/{}", year.year),
            list,
            &year.articles,
            &crumbs,
        ));
        for month in &year.months {
            let title = lists.config.labels.month(year.year, month.month);
            let list = ListContext {
                kind: "month",
                title: title.clone(),
                names: Vec::new(),
                count: month.articles.len(),
                feed: None,
                months: Vec::new(),
                newer_month: at.checked_sub(1).and_then(|k| every_month.get(k)).cloned(),
                older_month: every_month.get(at + 1).cloned(),
            };
            at += 1;
            let year_crumb = crumb(
                &year.year.to_string(),
                Some(path(lists.links, &format!("archive/{}", year.year))),
            );
            let crumbs = [
                home.clone(),
                archive.clone(),
                year_crumb,
                crumb(&title, None),
            ];
            let dir = format!("archive/{}/{:02}", year.year, month.month);
            pages
                .lists
                .extend(lists.paginated(&dir, list, &month.articles, &crumbs));
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct MentionItem {
    title: String,
    path: String,
    date: String,
    quote: String,
    number: usize,
    /// The article's own language and its direction, when it gives one.
    language: Option<String>,
    dir: Option<&'static str>,
}

#[derive(Serialize)]
struct EntryItem {
    id: String,
    title: String,
    aliases: Vec<String>,
    summary_html: String,
    /// Whether the summary is written in the front matter: one taken from the body's
    /// first paragraph would repeat it above the body.
    summary_written: bool,
    body_html: String,
    path: String,
    mentions: Vec<MentionItem>,
    /// The entry's own language and its direction, when it gives one.
    language: Option<String>,
    dir: Option<&'static str>,
}

/// The context index and one page per entry. Keys are taken from what the pages show
/// (an entry's file, and for each mention the article's files and the note), so the
/// items are only built for pages that changed.
pub(crate) fn context_pages(lists: &Lists<'_>) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut sources: Vec<&ContextEntry> = lists.anchored.context_entries.values().collect();
    sources.sort_by_cached_key(|e| (e.title.to_lowercase(), e.id.clone()));
    let mentions_of = |entry: &ContextEntry| {
        lists
            .index
            .mentions
            .get(&entry.id)
            .map_or(&[][..], Vec::as_slice)
    };
    let home = crumb(lists.config.labels.get("home"), Some(path(lists.links, "")));
    let out = "context/index.html".to_owned();
    let index_key = sources
        .iter()
        .fold(lists.key("context_index.html", &out, &[]), |key, e| {
            key.str(&e.id)
                .str(&e.file.text)
                .u64(mentions_of(e).len() as u64)
        })
        .finish();
    // An index to render needs every entry's item, mentions and all: they are made once,
    // in parallel, and the entry pages then take theirs from them.
    let cached_index = lists.cache.get(&out).filter(|hit| hit.key == index_key);
    let items: Option<Vec<EntryItem>> = cached_index.is_none().then(|| {
        sources
            .par_iter()
            .map(|e| entry_item(lists, e, mentions_of(e)))
            .collect()
    });
    // The index (one long page, one template run) is made beside the entry pages.
    let index_page = || match cached_index {
        Some(hit) => Ok(OutputFile::keyed(out.clone(), hit.bytes.clone(), index_key)),
        None => {
            let mut page =
                lists
                    .links
                    .page_context(lists.config, &out, lists.config.labels.get("context"));
            page.breadcrumbs = vec![
                home.clone(),
                crumb(lists.config.labels.get("context"), None),
            ];
            let mut context = lists.context(&page);
            context.insert("entries", items.as_deref().unwrap_or_default());
            lists.render_keyed("context_index.html", out.clone(), &context, index_key)
        }
    };
    let section = crumb(
        lists.config.labels.get("context"),
        Some(path(lists.links, "context")),
    );
    let entry_pages = || -> Result<Vec<OutputFile>, Diagnostic> {
        sources
            .par_iter()
            .enumerate()
            .map(|(i, source)| {
                let out = format!("context/{}/index.html", source.id);
                let mentions = mentions_of(source);
                let key = mentions
                    .iter()
                    .fold(
                        lists
                            .key("context_entry.html", &out, &[])
                            .str(&source.id)
                            .str(&source.file.text),
                        // An article's key hashes its files, from which its title, link,
                        // date and each note's number and quote all follow.
                        |key, m| {
                            let article = &lists.anchored.articles[m.article];
                            key.u64(article.article.key).u64(m.note as u64)
                        },
                    )
                    .finish();
                if let Some(hit) = lists.cache.get(&out).filter(|hit| hit.key == key) {
                    return Ok(OutputFile::keyed(out, hit.bytes.clone(), key));
                }
                let made;
                let entry = match &items {
                    Some(items) => &items[i],
                    None => {
                        made = entry_item(lists, source, mentions);
                        &made
                    }
                };
                let mut page = lists.links.page_context(lists.config, &out, &entry.title);
                page.breadcrumbs = vec![home.clone(), section.clone(), crumb(&entry.title, None)];
                page.description = plain_summary(&entry.summary_html);
                let mut context = lists.context(&page);
                context.insert("entry", entry);
                lists.render_keyed("context_entry.html", out, &context, key)
            })
            .collect()
    };
    let (index_page, entry_pages) = rayon::join(index_page, entry_pages);
    let mut files = vec![index_page?];
    files.extend(entry_pages?);
    Ok(files)
}

/// What the context pages show of an entry and its mentions.
fn entry_item(lists: &Lists<'_>, entry: &ContextEntry, mentions: &[index::Mention]) -> EntryItem {
    let mentions = mentions
        .iter()
        .map(|m| {
            let article = &lists.anchored.articles[m.article];
            let note = &article.notes[m.note];
            MentionItem {
                title: article.article.title.clone(),
                path: format!(
                    "{}#note-{}",
                    path(lists.links, &article.article.url),
                    note.number
                ),
                date: article.article.date.day.to_string(),
                quote: crate::render::quote_shown(&note.quoted),
                number: note.number,
                language: article.article.front.language.clone(),
                dir: article.article.dir(),
            }
        })
        .collect();
    EntryItem {
        id: entry.id.clone(),
        title: entry.title.clone(),
        aliases: entry.aliases.clone(),
        summary_html: inline_markdown(&entry.summary),
        summary_written: entry.summary_written,
        body_html: {
            let page = format!("context/{}/index.html", entry.id);
            markdown_with(
                entry.body_text(),
                &crate::render::body::Urls {
                    retarget: &|url| lists.targets.from_page(&entry.file.rel, &page, url),
                    image_size: &|url| lists.targets.image_size(&entry.file.rel, url),
                },
            )
        },
        path: path(lists.links, &format!("context/{}", entry.id)),
        mentions,
        language: entry.language.clone(),
        dir: entry.dir(),
    }
}

fn plain_summary(html: &str) -> String {
    crate::render::plain_text(html)
}

/// The 404 page: served at any depth, so its links are absolute. Its stylesheet is also
/// written into the page (`stylesheet`), so that it is styled wherever it is opened,
/// from disk or a host other than `base_url`.
fn not_found(lists: &Lists<'_>) -> Result<OutputFile, Diagnostic> {
    let out = "404.html".to_owned();
    let mut page = lists.links.page_context(
        lists.config,
        &out,
        lists.config.labels.get("page_not_found"),
    );
    page.root = lists.config.base_url.clone();
    page.home = lists.config.base_url.clone();
    let stylesheet = crate::render::stylesheet(lists.config).replace("</", "<\\/");
    let mut context = lists.context(&page);
    context.insert("stylesheet", &stylesheet);
    let key = lists.key("404.html", &out, &[&stylesheet]).finish();
    lists.render_keyed("404.html", out, &context, key)
}

/// Values that go into page keys, whatever their type.
mod erased {
    /// A serializable value, as JSON bytes.
    pub(super) trait Part {
        fn json(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> Part for T {
        fn json(&self) -> Vec<u8> {
            serde_json::to_vec(self).unwrap_or_default()
        }
    }
}
