//! Editorial tools: start an article, import scraped text, re-anchor notes after an
//! article was edited, and read notes in from W3C Web Annotations.
//!
//! In: a site's folder and what an editor asked for. Out: new or rewritten files under
//! `content/`, and reports of what was done. These commands change `content/` on the
//! editor's behalf, so they never overwrite an article and rewrite a sidecar only where
//! a note's anchoring values change. Building pages does not belong here.

pub mod align;
pub mod article_file;
pub mod atomic_file;
pub mod diff;
pub mod notes_import;
pub mod refit;
pub mod rewrite;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use article_file::{NewArticle, Placement};

/// The two files `gloss new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFiles {
    /// The article.
    pub article: PathBuf,
    /// Its sidecar.
    pub sidecar: PathBuf,
}

/// Starts an article: a draft with its front matter filled (with `authors` and `tags`
/// when given), and an empty sidecar with a commented example note. Neither file may
/// exist yet.
///
/// # Errors
/// A title with nothing to make a slug from, a folder outside `content/`, a file in the
/// way (nothing is written then), or a failed write (which leaves neither file).
pub fn new_article(
    root: &Path,
    placement: &Placement,
    title: &str,
    date: jiff::civil::Date,
    authors: &[String],
    tags: &[String],
) -> Result<NewFiles, Diagnostic> {
    let title = title.trim();
    let (article, _) = article_file::article_path(placement, title, date)?;
    let sidecar = article_file::sidecar_path(&article);
    for path in [&article, &sidecar] {
        if path.exists() {
            return Err(article_file::in_the_way(
                root,
                path,
                article_file::OTHER_TITLE,
            ));
        }
    }
    let text = article_file::article_text(&NewArticle {
        title: title.to_owned(),
        date,
        authors: trimmed(authors),
        tags: trimmed(tags),
        credits: Vec::new(),
        source_name: None,
        source_url: None,
        draft: true,
        body: "<!-- Write the article here, in Markdown. Remove `draft = true` above to publish it. -->\n"
            .to_owned(),
    });
    article_file::create_new(root, &article, &text)?;
    if let Err(problem) =
        article_file::create_new(root, &sidecar, &article_file::empty_sidecar(title))
    {
        // Both files or neither: the draft was written just now and holds nothing yet.
        let _ = std::fs::remove_file(&article);
        return Err(problem);
    }
    Ok(NewFiles { article, sidecar })
}

/// The names given, trimmed, without empty ones.
fn trimmed(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Starts a page outside the archive (About, Contact): `content/pages/<slug>.md`, a
/// draft with its title and no date. The file may not exist yet.
///
/// # Errors
/// A title with nothing to make a slug from, a file in the way (nothing is written
/// then), or a failed write.
pub fn new_page(root: &Path, content_dir: &Path, title: &str) -> Result<PathBuf, Diagnostic> {
    let title = title.trim();
    let placement = Placement {
        content_dir: content_dir.to_path_buf(),
        dir: Some("pages".to_owned()),
    };
    // The date only places an article; a page's folder is given.
    let (page, _) = article_file::article_path(&placement, title, jiff::civil::Date::MIN)?;
    if page.exists() {
        return Err(article_file::in_the_way(
            root,
            &page,
            "choose another title, or move the existing file away first",
        ));
    }
    let text = format!(
        "+++\ntitle = {}\ndraft = true\n+++\n\n<!-- Write the page here, in Markdown. Remove `draft = true` above to publish it. -->\n",
        toml::Value::String(title.to_owned())
    );
    article_file::create_new(root, &page, &text)?;
    Ok(page)
}

/// Makes `root` a site when it is not one yet: writes a `site.toml` with a title (the
/// folder's name) and a placeholder `base_url`, so that the article `new` or `import`
/// just wrote builds at once. Returns the file written, or `None` when `site.toml`
/// was already there (it is never touched then).
///
/// # Errors
/// A failed write.
pub fn start_site(root: &Path) -> Result<Option<PathBuf>, Diagnostic> {
    let path = root.join(crate::config::FILE);
    if path.exists() {
        return Ok(None);
    }
    let name = std::fs::canonicalize(root)
        .ok()
        .and_then(|full| full.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "My archive".to_owned());
    let text = format!(
        "# This site's settings; gloss's README describes every key.\n\
         title = {}\n\
         # Where the site will be published. Pages link to each other relatively; feeds,\n\
         # the sitemap and the links readers copy to share a passage use this address.\n\
         base_url = \"https://example.org/\"\n\
         language = \"en\"\n",
        toml::Value::String(name)
    );
    article_file::create_new(root, &path, &text)?;
    Ok(Some(path))
}

/// What `gloss import` adds to a cleaned text: the values the raw text does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Publication date.
    pub date: jiff::civil::Date,
    /// Authors; when empty, the names of a byline, else those of a closing author bio.
    pub authors: Vec<String>,
    /// Name of the publication it first appeared in.
    pub source_name: Option<String>,
    /// Address of the original.
    pub source_url: Option<String>,
    /// The file's name, when not the one made from the title (two stories with one
    /// headline).
    pub slug: Option<String>,
}

/// An article `gloss import` wrote, with what the cleaner took out for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedArticle {
    /// The article file.
    pub path: PathBuf,
    /// The authors written to the front matter.
    pub authors: Vec<String>,
    /// The cleaned text, with its list of removals.
    pub cleaned: crate::import::Cleaned,
}

/// Cleans raw scraped text ([`crate::import::clean`]) and writes it as an article with
/// TOML front matter: title, date, authors, credits and `[source]`. Never overwrites.
///
/// # Errors
/// Text with no title or body, a title with nothing to make a slug from, a folder outside
/// `content/`, an existing file, or a failed write.
pub fn import_article(
    root: &Path,
    placement: &Placement,
    raw: &str,
    options: &ImportOptions,
) -> Result<ImportedArticle, Diagnostic> {
    if let Some(url) = options.source_url.as_deref() {
        if !crate::parse::sidecar::is_safe_url(url) || !url.contains("://") {
            let (why, hint) = crate::parse::sidecar::why_not_a_web_address(
                url,
                "write the original's address as https://...",
            );
            return Err(Diagnostic::usage(
                "--source-url",
                format!("source url `{url}` is not a web address{why}"),
            )
            .hint(hint));
        }
    }
    if options
        .source_name
        .as_deref()
        .is_some_and(|n| n.trim().is_empty())
    {
        return Err(Diagnostic::usage(
            "--source-name",
            "--source-name `` names no publication",
        )
        .hint("give the publication's name (--source-name \"The Hill\"), or leave --source-name out"));
    }
    // The article page shows the original's address beside the publication's name, and
    // not without it: an address alone would be written and never shown.
    if options.source_url.is_some() && options.source_name.is_none() {
        return Err(Diagnostic::usage(
            "--source-url",
            "--source-url is given without --source-name: the page shows the original's address only beside the publication's name",
        )
        .hint("add the publication's name: --source-name \"The Hill\""));
    }
    if let Some(empty) = options.authors.iter().find(|a| a.trim().is_empty()) {
        return Err(Diagnostic::usage(
            "--author",
            format!("--author `{empty}` names no one"),
        )
        .hint("give each --author a name, or leave --author out to take the authors from the byline or a closing bio"));
    }
    let prepared = crate::import::prepare_noting(raw);
    let raw = prepared.text;
    let mut cleaned = crate::import::clean(&raw).map_err(|err| {
        use crate::import::ImportError;
        let hint = match err {
            ImportError::FrontMatter => "it needs no import: put it under content/ as it is (content/2019/its-name.md), with a `date` in its front matter",
            ImportError::Html => "save the article's text instead of the page (copy it from the browser's reader view into a .txt file): its headline on the first line, then its paragraphs",
            ImportError::Empty | ImportError::NoTitle | ImportError::NoBody => {
                "the first line must be the headline, followed by the article's paragraphs"
            }
        };
        Diagnostic::error("(import)", format!("cannot import the text: {err}")).hint(hint)
    })?;
    cleaned.changes.extend(prepared.changes);
    cleaned.changes.sort_by_key(|change| change.line);
    let authors = if !options.authors.is_empty() {
        options.authors.clone()
    } else if !cleaned.byline_authors.is_empty() {
        // A byline names the writers outright; a closing bio is read from its shape.
        cleaned.byline_authors.clone()
    } else {
        cleaned.bio_authors.clone()
    };
    if let Some(slug) = options.slug.as_deref() {
        if crate::slug::slugify(slug).is_empty() {
            return Err(Diagnostic::usage(
                "--slug",
                format!("--slug `{slug}` has no letters or digits to make a file name from"),
            )
            .hint("give --slug a file name of letters, digits and -, such as same-headline-2"));
        }
    }
    let name = options.slug.as_deref().unwrap_or(&cleaned.title);
    let (path, _) = article_file::article_path(placement, name, options.date)?;
    let text = article_file::article_text(&NewArticle {
        title: cleaned.title.clone(),
        date: options.date,
        authors: authors.clone(),
        tags: Vec::new(),
        credits: cleaned.credits.clone(),
        source_name: options.source_name.clone(),
        source_url: options.source_url.clone(),
        draft: false,
        body: cleaned.body.clone(),
    });
    article_file::create_new(root, &path, &text)?;
    Ok(ImportedArticle {
        path,
        authors,
        cleaned,
    })
}
