//! Renders anchored content to pages: article pages, context entry pages, the home page,
//! and the static files.
//!
//! In: [`Anchored`] content, the config and the compiled templates. Out: a [`Site`], every
//! file's path and bytes, in memory; `output::write` puts it on disk. Articles render in
//! parallel; nothing here touches the file system except reading static overrides.

pub mod body;
pub mod highlight;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::anchor::{Anchored, AnchoredArticle, AnchoredNote};
use crate::config::{Config, LinkStyle};
use crate::diagnostic::{Category, Diagnostic};
use crate::parse::ContextEntry;
use crate::templates::{EntryLink, NoteContext, PageContext, SiteContext, Templates};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The whole built site, in memory.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
}

/// The built-in static files, by name; a site's `static/` overrides them file by file.
pub const BUILT_IN_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("gloss.js", include_str!("../../static/gloss.js")),
];

/// Renders every page of the site.
///
/// # Errors
/// Template errors, and unreadable static files.
pub fn site(
    anchored: &Anchored,
    config: &Config,
    templates: &Templates,
) -> Result<Site, Vec<Diagnostic>> {
    let links = Links::new(config);
    let site_context = SiteContext {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.clone(),
    };
    let rendered: Vec<Result<OutputFile, Diagnostic>> = anchored
        .articles
        .par_iter()
        .map(|article| {
            article_page(
                article,
                &anchored.context_entries,
                &site_context,
                &links,
                config,
                templates,
            )
        })
        .collect();
    let mut files = Vec::with_capacity(rendered.len() + 8);
    let mut problems = Vec::new();
    for result in rendered {
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    for entry in anchored.context_entries.values() {
        match context_page(entry, anchored, &site_context, &links, config, templates) {
            Ok(file) => files.push(file),
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    match home_page(anchored, &site_context, &links, config, templates) {
        Ok(file) => files.push(file),
        Err(diagnostic) => problems.push(diagnostic),
    }
    match static_files(config, anchored) {
        Ok(mut list) => files.append(&mut list),
        Err(diagnostic) => problems.push(diagnostic),
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Site { files })
}

/// How pages link to each other: relative, naming `index.html` unless the site asks not to.
#[derive(Debug, Clone)]
pub struct Links {
    index: &'static str,
}

impl Links {
    /// Link settings from the config.
    pub fn new(config: &Config) -> Self {
        Self {
            index: if config.links == LinkStyle::Folder {
                ""
            } else {
                "index.html"
            },
        }
    }

    /// The relative path from page `from` (an output path) to the site root.
    pub fn root(from: &str) -> String {
        "../".repeat(from.matches('/').count())
    }

    /// A link from page `from` to the page in folder `dir` (`2019/x`; empty for home).
    pub fn page(&self, from: &str, dir: &str) -> String {
        let root = Self::root(from);
        if dir.is_empty() {
            return if self.index.is_empty() && root.is_empty() {
                "./".to_owned()
            } else {
                format!("{root}{}", self.index)
            };
        }
        format!("{root}{}/{}", encode_path(dir), self.index)
    }

    /// The `page` context of the page at output path `path`.
    pub fn page_context(&self, config: &Config, path: &str, title: &str) -> PageContext {
        PageContext {
            path: path.to_owned(),
            root: Self::root(path),
            canonical: config.absolute_url(path),
            index: self.index.to_owned(),
            home: self.page(path, ""),
            title: title.to_owned(),
        }
    }
}

/// Percent-encodes what may not stand in a URL path as is.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Markdown to HTML, for note bodies and entry bodies (no anchoring there).
pub fn markdown(text: &str) -> String {
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let parser =
        pulldown_cmark::Parser::new_ext(text, crate::parse::reading_text::markdown_options());
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// Inline Markdown to HTML without the surrounding `<p>`.
pub fn inline_markdown(text: &str) -> String {
    let html = markdown(text);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|t| t.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => trimmed.to_owned(),
    }
}

/// The visible text of some HTML, for meta descriptions and search.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Serialize)]
struct ArticleContext {
    title: String,
    url: String,
    date: String,
    datetime: String,
    updated: Option<String>,
    authors: Vec<String>,
    tags: Vec<String>,
    summary_html: String,
    summary_text: String,
    source: Option<SourceContext>,
    credits: Vec<String>,
    body_html: String,
    notes: Vec<NoteContext>,
    footnotes: Vec<body::Footnote>,
    headings: Vec<body::Heading>,
    note_count: usize,
    word_count: usize,
    reading_minutes: usize,
}

#[derive(Serialize)]
struct SourceContext {
    name: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

#[derive(Serialize)]
struct ArticlePage<'a> {
    site: &'a SiteContext,
    page: PageContext,
    article: ArticleContext,
}

#[derive(Serialize)]
struct SidenotePage<'a> {
    page: &'a PageContext,
    note: &'a NoteContext,
}

fn article_page(
    anchored: &AnchoredArticle,
    entries: &BTreeMap<String, ContextEntry>,
    site: &SiteContext,
    links: &Links,
    config: &Config,
    templates: &Templates,
) -> Result<OutputFile, Diagnostic> {
    let article = &anchored.article;
    let path = format!("{}/index.html", article.url);
    let page = links.page_context(config, &path, &article.title);
    let notes: Vec<NoteContext> = anchored
        .notes
        .iter()
        .map(|n| note_context(n, entries, links, &path))
        .collect();
    let sidenotes = notes
        .iter()
        .map(|note| {
            templates.render(
                "partials/sidenote.html",
                &SidenotePage { page: &page, note },
            )
        })
        .collect::<Result<Vec<String>, Diagnostic>>()?;
    let body = body::render(
        article.body_text(),
        &article.reading,
        &anchored.notes,
        &sidenotes,
    );
    let summary = article
        .front
        .summary
        .clone()
        .unwrap_or_else(|| crate::parse::first_paragraph(article.body_text()));
    let summary_html = inline_markdown(&summary);
    let word_count = article.reading.text.split_whitespace().count();
    let context = ArticleContext {
        title: article.title.clone(),
        url: links.page(&path, &article.url),
        date: article.date.day.to_string(),
        datetime: article.date.rfc3339.clone(),
        updated: article.front.updated.as_ref().map(|d| d.day.to_string()),
        authors: article.front.authors.clone(),
        tags: article.front.tags.clone(),
        summary_text: plain_text(&summary_html),
        summary_html,
        source: article.front.source.as_ref().map(|s| SourceContext {
            name: s.name.clone(),
            url: s.url.clone(),
            published: s.published.as_ref().map(|d| d.day.to_string()),
        }),
        credits: article.front.credits.clone(),
        body_html: body.html,
        note_count: notes.len(),
        notes,
        footnotes: body.footnotes,
        headings: body.headings,
        word_count,
        reading_minutes: word_count.div_ceil(230).max(1),
    };
    let html = templates.render(
        "article.html",
        &ArticlePage {
            site,
            page,
            article: context,
        },
    )?;
    Ok(OutputFile {
        path,
        bytes: html.into_bytes(),
    })
}

fn note_context(
    note: &AnchoredNote,
    entries: &BTreeMap<String, ContextEntry>,
    links: &Links,
    from: &str,
) -> NoteContext {
    let spec = &note.spec;
    let entry = spec
        .reference
        .as_ref()
        .and_then(|id| entries.get(id))
        .map(|entry| EntryLink {
            id: entry.id.clone(),
            title: entry.title.clone(),
            summary_html: inline_markdown(&entry.summary),
            url: links.page(from, &format!("context/{}", entry.id)),
        });
    NoteContext {
        number: note.number,
        id: format!("note-{}", note.number),
        ref_id: format!("noteref-{}", note.number),
        side_id: format!("sidenote-{}", note.number),
        kind: spec.kind.clone(),
        quote: note.quoted.split_whitespace().collect::<Vec<_>>().join(" "),
        body_html: spec.body.as_deref().map(markdown),
        entry,
        sources: spec.sources.clone(),
        date: spec.date.as_ref().map(|d| d.day.to_string()),
    }
}

#[derive(Serialize)]
struct Mention {
    title: String,
    url: String,
    date: String,
    quote: String,
    number: usize,
}

#[derive(Serialize)]
struct EntryPage<'a> {
    site: &'a SiteContext,
    page: PageContext,
    entry: EntryContext,
}

#[derive(Serialize)]
struct EntryContext {
    id: String,
    title: String,
    aliases: Vec<String>,
    summary_html: String,
    body_html: String,
    mentions: Vec<Mention>,
}

fn context_page(
    entry: &ContextEntry,
    anchored: &Anchored,
    site: &SiteContext,
    links: &Links,
    config: &Config,
    templates: &Templates,
) -> Result<OutputFile, Diagnostic> {
    let path = format!("context/{}/index.html", entry.id);
    let mut mentions: Vec<Mention> = Vec::new();
    for article in &anchored.articles {
        for note in &article.notes {
            if note.spec.reference.as_deref() == Some(entry.id.as_str()) {
                mentions.push(Mention {
                    title: article.article.title.clone(),
                    url: format!(
                        "{}#note-{}",
                        links.page(&path, &article.article.url),
                        note.number
                    ),
                    date: article.article.date.day.to_string(),
                    quote: note.quoted.split_whitespace().collect::<Vec<_>>().join(" "),
                    number: note.number,
                });
            }
        }
    }
    let context = EntryContext {
        id: entry.id.clone(),
        title: entry.title.clone(),
        aliases: entry.aliases.clone(),
        summary_html: inline_markdown(&entry.summary),
        body_html: markdown(entry.body_text()),
        mentions,
    };
    let page = links.page_context(config, &path, &entry.title);
    let html = templates.render(
        "context_entry.html",
        &EntryPage {
            site,
            page,
            entry: context,
        },
    )?;
    Ok(OutputFile {
        path,
        bytes: html.into_bytes(),
    })
}

#[derive(Serialize)]
struct HomeItem {
    title: String,
    url: String,
    date: String,
    authors: Vec<String>,
    summary_html: String,
    note_count: usize,
}

#[derive(Serialize)]
struct HomePage<'a> {
    site: &'a SiteContext,
    page: PageContext,
    articles: Vec<HomeItem>,
}

fn home_page(
    anchored: &Anchored,
    site: &SiteContext,
    links: &Links,
    config: &Config,
    templates: &Templates,
) -> Result<OutputFile, Diagnostic> {
    let path = "index.html";
    let mut list: Vec<&AnchoredArticle> = anchored.articles.iter().collect();
    list.sort_by(|a, b| {
        b.article
            .date
            .cmp(&a.article.date)
            .then_with(|| a.article.url.cmp(&b.article.url))
    });
    let articles = list
        .into_iter()
        .map(|a| HomeItem {
            title: a.article.title.clone(),
            url: links.page(path, &a.article.url),
            date: a.article.date.day.to_string(),
            authors: a.article.front.authors.clone(),
            summary_html: inline_markdown(
                &a.article
                    .front
                    .summary
                    .clone()
                    .unwrap_or_else(|| crate::parse::first_paragraph(a.article.body_text())),
            ),
            note_count: a.notes.len(),
        })
        .collect();
    let page = links.page_context(config, path, &config.title);
    let html = templates.render(
        "index.html",
        &HomePage {
            site,
            page,
            articles,
        },
    )?;
    Ok(OutputFile {
        path: path.to_owned(),
        bytes: html.into_bytes(),
    })
}

/// The built-in static files, overridden by the site's `static/`, plus the highlighting
/// stylesheet and the assets found in `content/`.
fn static_files(config: &Config, anchored: &Anchored) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files: BTreeMap<String, Vec<u8>> = BUILT_IN_STATIC
        .iter()
        .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec()))
        .collect();
    files.insert(
        "syntax.css".to_owned(),
        highlight::stylesheet().into_bytes(),
    );
    if config.static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&config.static_dir).sort_by_file_name() {
            let entry =
                entry.map_err(|err| io_error(config, &config.static_dir, &err.to_string()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = relative(&config.static_dir, entry.path());
            let bytes = std::fs::read(entry.path())
                .map_err(|err| io_error(config, entry.path(), &err.to_string()))?;
            files.insert(rel, bytes);
        }
    }
    for asset in &anchored.assets {
        let bytes = std::fs::read(&asset.path)
            .map_err(|err| io_error(config, &asset.path, &err.to_string()))?;
        files.insert(asset.rel.clone(), bytes);
    }
    Ok(files
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect())
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn io_error(config: &Config, path: &Path, message: &str) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(
        crate::diagnostic::display_path(&config.root, path),
        format!("cannot read the file: {message}"),
    )
    .hint("check the file's permissions");
    diagnostic.category = Category::Io;
    diagnostic
}
