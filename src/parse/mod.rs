//! Turns loaded files into articles and context entries.
//!
//! In: [`Content`] from `load`. Out: [`Parsed`]: every article with its front matter
//! checked, its URL decided, its reading text built and its sidecar read; every context
//! entry with its id. Problems from every file are collected, not just the first.

pub mod front_matter;
pub mod reading_text;
pub mod sidecar;
pub mod typography;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{FastMap, Key};
use crate::config::Drafts;
use crate::diagnostic::Diagnostic;
use crate::load::{Asset, Content, SourceFile};
use front_matter::{ArticleFront, ContextFront, DateValue, Format, SplitError};
use reading_text::ReadingText;
use sidecar::Sidecar;

/// An article ready to be anchored.
#[derive(Debug, Clone)]
pub struct Article {
    /// The Markdown file.
    pub file: SourceFile,
    /// Byte range of the body in `file.text`.
    pub body: Range<usize>,
    /// Headline, with typographic quotes, dashes and ellipses (see [`typography`]).
    pub title: String,
    /// Publication date.
    pub date: DateValue,
    /// Everything else from the front matter.
    pub front: ArticleFront,
    /// Output folder of the page, with `/` separators and no trailing slash
    /// (`2019/hanoi-summit`).
    pub url: String,
    /// What a reader sees of the body (shared: cached articles are cloned cheaply).
    pub reading: std::sync::Arc<ReadingText>,
    /// Its notes, when it has a sidecar.
    pub sidecar: Option<Sidecar>,
    /// The output files that send readers of its earlier addresses on to its page
    /// (`2019/old-name/index.html`), from `redirect_from`.
    pub redirects: Vec<String>,
    /// Hash of the article's and its sidecar's text: what this parse depends on.
    pub key: u64,
}

impl Article {
    /// The Markdown body.
    pub fn body_text(&self) -> &str {
        &self.file.text[self.body.clone()]
    }

    /// The direction of the article's own language (`rtl`, `ltr`), when it has one.
    pub fn dir(&self) -> Option<&'static str> {
        self.front
            .language
            .as_deref()
            .map(crate::language::direction)
    }

    /// 1-based line in the article file of body byte `offset`.
    pub fn line_of(&self, body_offset: usize) -> usize {
        crate::diagnostic::line_column(&self.file.text, self.body.start + body_offset).0
    }
}

/// A shared context entry (`content/context/<id>.md`).
#[derive(Debug, Clone)]
pub struct ContextEntry {
    /// The file.
    pub file: SourceFile,
    /// Path under `content/context/` without extension (`people/kim-jong-un`).
    pub id: String,
    /// Its name, typographic as an article's title is.
    pub title: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Inline Markdown summary, given or taken from the first paragraph.
    pub summary: String,
    /// Whether `summary` is written in the front matter (not the body's first paragraph).
    pub summary_written: bool,
    /// Byte range of the body in `file.text`.
    pub body: Range<usize>,
    /// Its language, when not the site's.
    pub language: Option<String>,
}

impl ContextEntry {
    /// The Markdown body.
    pub fn body_text(&self) -> &str {
        &self.file.text[self.body.clone()]
    }

    /// The direction of the entry's own language (`rtl`, `ltr`), when it has one.
    pub fn dir(&self) -> Option<&'static str> {
        self.language.as_deref().map(crate::language::direction)
    }
}

/// The parsed site content.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Articles, sorted by path.
    pub articles: Vec<Arc<Article>>,
    /// Articles whose front matter has problems (reported with the parse's), made of
    /// their bodies and notes alone, so that their notes are anchored in the same run;
    /// sorted by path. Nothing is rendered from them.
    pub unfinished: Vec<Arc<Article>>,
    /// Pages outside the archive, sorted by path.
    pub pages: Vec<Page>,
    /// Context entries by id.
    pub context_entries: BTreeMap<String, ContextEntry>,
    /// The ids of context entries whose files did not read (their problems are
    /// reported), so that a note referring to one is not told the entry is missing.
    pub unread_entries: BTreeSet<String>,
    /// Other files, copied as they are.
    pub assets: Vec<Asset>,
    /// How many drafts a build without drafts left out.
    pub drafts_left_out: usize,
    /// What was read with a change, to be warned of: a body's NUL characters, read as
    /// U+FFFD (see [`nuls_replaced`]).
    pub warnings: Vec<Diagnostic>,
}

/// A page outside the archive (About, Contact): a Markdown file without a date under
/// `content/pages/` or at the top of `content/`. It has a title and a body; no date,
/// no notes, and no place in lists, feeds or search. Every page links to each of them.
#[derive(Debug, Clone)]
pub struct Page {
    /// The Markdown file.
    pub file: SourceFile,
    /// Byte range of the body in `file.text`.
    pub body: Range<usize>,
    /// Its title, typographic.
    pub title: String,
    /// One or two sentences for its meta description.
    pub summary: Option<String>,
    /// Its language, when not the site's.
    pub language: Option<String>,
    /// Its place among the site's pages, lower first (those without one come after,
    /// by title).
    pub weight: Option<i64>,
    /// Output folder of the page (`about`, `policies/corrections`).
    pub url: String,
    /// As [`Article::redirects`].
    pub redirects: Vec<String>,
    /// What a reader sees of the body (its page and its search passages read it).
    pub reading: Arc<ReadingText>,
}

impl Page {
    /// The Markdown body.
    pub fn body_text(&self) -> &str {
        &self.file.text[self.body.clone()]
    }
}

/// Whether the Markdown file at `rel` under `content/` is a page rather than an article:
/// it has no date, and is under `pages/` or at the top. A dated file is an article
/// wherever it is.
fn is_page(rel: &str, dated: bool) -> bool {
    !dated && (rel.starts_with("pages/") || !rel.contains('/'))
}

/// Parses everything loaded; drafts are skipped (sidecars too) unless `drafts` includes them.
///
/// # Errors
/// Every problem in every file, together.
pub fn content(content: Content, drafts: Drafts) -> Result<Parsed, Vec<Diagnostic>> {
    let (parsed, problems) = collect(content, drafts, &FastMap::default());
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(problems)
    }
}

/// Parses everything that can be parsed, and lists the problems of the rest: `check`
/// goes on to anchor the sound articles so one run reports everything.
///
/// Articles found in `cache` under the same key (same article and sidecar text) are
/// taken from it instead of being parsed again.
pub fn collect(
    content: Content,
    drafts: Drafts,
    cache: &FastMap<String, Arc<Article>>,
) -> (Parsed, Vec<Diagnostic>) {
    let mut content = content;
    let warnings: Vec<Diagnostic> = content
        .articles
        .iter_mut()
        .chain(content.context_entries.iter_mut())
        .filter_map(nuls_replaced)
        .collect();
    let mut problems = Vec::new();
    let mut sidecars: FastMap<String, SourceFile> = FastMap::default();
    // A second sidecar is reported once its article is read: a draft a build leaves
    // out is left out with its sidecars.
    let mut seconds = Vec::new();
    // Before, the sidecar of `a.markdown` was called an orphan.
    let by_stem = sidecar::articles_by_stem(content.articles.iter().map(|a| a.rel.as_str()));
    let article_of = |sidecar_rel: &str| {
        sidecar::sidecar_stem(sidecar_rel)
            .and_then(|stem| by_stem.get(stem))
            .map(|rel| (*rel).to_owned())
    };
    for file in content.sidecars {
        match article_of(&file.rel) {
            Some(article) => {
                if let Some(first) = sidecars.get(&article) {
                    seconds.push((second_sidecar(first, &file, &article), article));
                } else {
                    sidecars.insert(article, file);
                }
            }
            None => problems.push(orphan_sidecar(&file)),
        }
    }
    // A file named almost like a sidecar would be copied into the site as it is, and its
    // notes lost without a word.
    for asset in &content.assets {
        // Named loosely like a sidecar, beside its article, and holding notes.
        let loosely = || {
            sidecar::loosely_misnamed(&asset.rel)
                .filter(|name| article_of(name).is_some())
                .filter(|_| {
                    std::fs::read(&asset.path).is_ok_and(|bytes| {
                        let text = String::from_utf8_lossy(&bytes);
                        text.lines().any(|line| {
                            let line = line.trim_start().trim_start_matches("- ");
                            line.starts_with("quote") || line.starts_with("[[note")
                        })
                    })
                })
        };
        if let Some(name) = sidecar::misnamed(&asset.rel).or_else(loosely) {
            // The article may have its sidecar already: renaming onto it would lose it.
            let taken = article_of(&name).and_then(|article| sidecars.get(&article));
            let hint = match taken {
                Some(sidecar) => format!(
                    "move its notes into {}, the article's sidecar, then delete it",
                    sidecar.path.display()
                ),
                None => {
                    let file_name = name.rsplit('/').next().unwrap_or(&name);
                    format!("rename it to `{file_name}`, in the same folder (in TOML or YAML), or move it out of content/")
                }
            };
            problems.push(
                Diagnostic::error(format!("content/{}", asset.rel), "this file looks like a sidecar but is not named as one")
                    .note("gloss reads sidecars named `<article>.annotations.toml`, `.annotations.yaml` or `.annotations.yml`; any other file under content/ is copied into the site as it is")
                    .hint(hint),
            );
        }
    }
    // Each article's result, and the problems of notes its sidecar has (the sound ones
    // are kept, for `check` to anchor).
    type Made = (
        Result<Read<Arc<Article>>, Vec<Diagnostic>>,
        Vec<Diagnostic>,
        Option<Arc<Article>>,
    );
    let results: Vec<Made> = content
        .articles
        .into_par_iter()
        .map(|file| {
            let sidecar = sidecars.get(&file.rel);
            let hit = cache.get(&file.rel);
            // The very same texts (a load that did not read the files again shares them)
            // need no hashing to be recognised.
            let kept = |hit: &&Arc<Article>| drafts == Drafts::Include || !hit.front.draft;
            if let Some(hit) = hit.filter(|hit| same_texts(hit, &file, sidecar) && kept(hit)) {
                return (Ok(Read::Article(Arc::clone(hit))), Vec::new(), None);
            }
            let key = article_key(&file, sidecar, drafts);
            let mut notes = Vec::new();
            let mut unfinished = None;
            let made = match hit {
                Some(hit) if hit.key == key => Ok(Read::Article(Arc::clone(hit))),
                _ => article(file, sidecar, drafts, key, &mut notes, &mut unfinished).map(|read| {
                    match read {
                        Read::Article(a) => Read::Article(Arc::new(a)),
                        Read::Page(page) => Read::Page(page),
                        Read::Draft(rel) => Read::Draft(rel),
                    }
                }),
            };
            (made, notes, unfinished)
        })
        .collect();
    let mut articles = Vec::new();
    let mut unfinished = Vec::new();
    let mut pages = Vec::new();
    let mut drafts_left_out = Vec::new();
    for (result, mut notes, shell) in results {
        problems.append(&mut notes);
        unfinished.extend(shell);
        match result {
            Ok(Read::Article(article)) => articles.push(article),
            Ok(Read::Page(page)) => pages.push(page),
            Ok(Read::Draft(rel)) => drafts_left_out.push(rel),
            Err(mut found) => problems.append(&mut found),
        }
    }
    problems.extend(
        seconds
            .into_iter()
            .filter(|(_, article)| !drafts_left_out.contains(article))
            .map(|(problem, _)| problem),
    );
    let mut assets = content.assets;
    if !drafts_left_out.is_empty() {
        // A folder holding a published article or page keeps its files.
        let published: Vec<&str> = articles
            .iter()
            .map(|a| a.file.rel.as_str())
            .chain(pages.iter().map(|p: &Page| p.file.rel.as_str()))
            .collect();
        let folders = draft_folders(&published, &drafts_left_out);
        assets.retain(|asset| !folders_of(&asset.rel).any(|f| folders.contains(f)));
    }
    problems.extend(duplicate_urls(&articles));
    problems.extend(articles.iter().filter_map(|a| taken_url(a)));
    problems.extend(page_url_problems(&pages, &articles));
    problems.extend(redirect_problems(&articles, &pages, &assets));
    let mut context_entries = BTreeMap::new();
    let mut unread_entries = BTreeSet::new();
    for file in content.context_entries {
        let id = entry_id(&file.rel);
        match context_entry(file) {
            Ok((entry, found)) => {
                problems.extend(found);
                context_entries.insert(entry.id.clone(), entry);
            }
            Err(mut found) => {
                unread_entries.insert(id);
                problems.append(&mut found);
            }
        }
    }
    problems.extend(assets_in_place_of_pages(
        &articles,
        &context_entries,
        &assets,
    ));
    (
        Parsed {
            articles,
            unfinished,
            pages,
            context_entries,
            unread_entries,
            assets,
            drafts_left_out: drafts_left_out.len(),
            warnings,
        },
        problems,
    )
}

/// The folders holding drafts' files, whose assets a build without drafts leaves out:
/// the folder of a draft's `index.md` (its page bundle), and any folder whose every
/// article is a draft (`drafts/`). A folder that also holds a published article is never
/// one (its files may be that article's), nor is the content folder itself.
pub(crate) fn draft_folders<'a>(published: &[&'a str], drafts: &'a [String]) -> HashSet<&'a str> {
    let in_use: HashSet<&str> = published.iter().flat_map(|rel| folders_of(rel)).collect();
    let mut folders = HashSet::new();
    for draft in drafts {
        if let Some((bundle, name)) = draft.rsplit_once('/') {
            if name
                .rsplit_once('.')
                .is_some_and(|(stem, _)| stem == "index")
                && !in_use.contains(bundle)
            {
                folders.insert(bundle);
            }
        }
        folders.extend(folders_of(draft).filter(|f| !in_use.contains(f)));
    }
    folders
}

/// The folders `rel` is in, innermost first, without the content folder itself:
/// `a/b/c.md` is in `a/b` and `a`.
pub(crate) fn folders_of(rel: &str) -> impl Iterator<Item = &str> {
    rel.rmatch_indices('/').map(move |(at, _)| &rel[..at])
}

/// True when `article` was parsed from these very texts (the same shared buffers).
fn same_texts(article: &Article, file: &SourceFile, sidecar: Option<&SourceFile>) -> bool {
    Arc::ptr_eq(&article.file.text, &file.text)
        && match (&article.sidecar, sidecar) {
            (Some(had), Some(has)) => Arc::ptr_eq(&had.file.text, &has.text),
            (None, None) => true,
            _ => false,
        }
}

fn orphan_sidecar(file: &SourceFile) -> Diagnostic {
    let article = sidecar::article_rel(&file.rel).unwrap_or_default();
    if article.starts_with("context/") {
        return Diagnostic::error(&file.path, "context entries take no sidecar")
            .note("notes are anchored in articles; a context entry is what a note's `ref` points to")
            .hint("move these notes into the sidecars of the articles they explain, or delete the file");
    }
    Diagnostic::error(&file.path, "sidecar without its article")
        .note(format!("expected the article content/{article} next to it"))
        .hint("rename the sidecar to match its article's file name, or delete it")
}

fn second_sidecar(first: &SourceFile, second: &SourceFile, article: &str) -> Diagnostic {
    Diagnostic::error(&second.path, "a second sidecar for one article")
        .note(format!(
            "content/{article} already has {}; an article has one sidecar",
            first.path.display()
        ))
        .hint(format!(
            "move this file's notes into {} and delete this file",
            first.path.display()
        ))
}

/// Splits a file and reports a missing or unclosed front matter block.
fn split_front(file: &SourceFile) -> Result<front_matter::Split, Diagnostic> {
    front_matter::split(&file.text).map_err(|err| {
        let first_line = file.text.find('\n').unwrap_or(file.text.len());
        let text = Arc::clone(&file.text);
        match err {
            SplitError::Missing if file.text.trim().is_empty() => Diagnostic::error(&file.path, "the file is empty")
                .hint("start it with front matter: +++ on a line, title = \"...\", date = 2019-03-01, +++"),
            // Before, a file with old Mac line endings was said to
            // have no front matter, shown as one line.
            SplitError::Missing if file.text.contains('\r') && !file.text.contains('\n') => Diagnostic::error(&file.path, "the file's lines end in a carriage return alone (CR, as on Macs before 2001), so gloss sees one long line and no front matter")
                .hint("save the file with Unix (LF) or Windows (CRLF) line endings in your editor, or convert it: `tr '\\r' '\\n' < old.md > new.md`"),
            SplitError::Missing => Diagnostic::error(&file.path, "the file has no front matter")
                .at(&text, 0..first_line)
                .hint("start the file with +++ (TOML) or --- (YAML), then title and date, then the same fence"),
            SplitError::NotClosed { fence } => Diagnostic::error(&file.path, "front matter is not closed")
                .at(&text, 0..first_line)
                .label("opened here")
                .hint(format!("add a line with {fence} after the last front matter key")),
        }
    })
}

/// The key of an article's parse: its text, its sidecar's text, and whether drafts count.
fn article_key(file: &SourceFile, sidecar: Option<&SourceFile>, drafts: Drafts) -> u64 {
    Key::new()
        .str(&file.rel)
        .str(&file.text)
        .str(sidecar.map_or("", |s| &s.text))
        .u64(u64::from(drafts == Drafts::Include))
        .finish()
}

/// Replaces each NUL character (U+0000) of a Markdown file's body with U+FFFD, as
/// CommonMark requires, and gives a warning at the first: a NUL reached every place the
/// body's words go (the paragraph, the page's description, the home page's summary), and
/// no HTML page may hold one. A NUL in the front matter is left for its parser to refuse.
pub fn nuls_replaced(file: &mut SourceFile) -> Option<Diagnostic> {
    memchr::memchr(0, file.text.as_bytes())?;
    let body = front_matter::split(&file.text).map_or(0, |split| split.body.start);
    let first = body + memchr::memchr(0, &file.text.as_bytes()[body..])?;
    let count = memchr::memchr_iter(0, &file.text.as_bytes()[body..]).count();
    let text: Arc<str> = format!(
        "{}{}",
        &file.text[..body],
        file.text[body..].replace('\0', "\u{FFFD}")
    )
    .into();
    file.text = Arc::clone(&text);
    let more = match count {
        1 => String::new(),
        n => format!(" (and {} more after it)", n - 1),
    };
    Some(
        Diagnostic::warning(
            &file.path,
            format!("the text holds a NUL character (U+0000){more}"),
        )
        .at(&text, first..first + '\u{FFFD}'.len_utf8())
        .label("a NUL here")
        .note("no web page may hold a NUL, so it is published as \u{FFFD} (U+FFFD), as Markdown requires; it often comes from text pasted from a binary file or a UTF-16 one")
        .hint("remove the character, or write what it stood for"),
    )
}

/// An article read, a page, or the path of a draft a build without drafts leaves out.
enum Read<A> {
    Article(A),
    Page(Page),
    Draft(String),
}

/// Parses one article and its sidecar. The problems of single notes go to `notes`, and
/// the article is made with the sound ones; any other problem fails the article.
fn article(
    file: SourceFile,
    sidecar: Option<&SourceFile>,
    drafts: Drafts,
    key: u64,
    notes: &mut Vec<Diagnostic>,
    unfinished: &mut Option<Arc<Article>>,
) -> Result<Read<Article>, Vec<Diagnostic>> {
    // A front matter that cannot be read stops the article, not the check of its
    // sidecar: that sidecar's own problems are reported in the same run, and its notes
    // are anchored in the body (see [`Parsed::unfinished`]).
    // Every wrong value of it is reported, not only the first.
    let split = match split_front(&file) {
        Ok(split) => split,
        Err(problem) => {
            if let Some(sidecar) = sidecar {
                notes.extend(sidecar::parse_keeping(sidecar).1);
            }
            return Err(vec![problem]);
        }
    };
    let front =
        match front_matter::read_on::<ArticleFront>(&file, split.format, split.front.clone()) {
            (Some((front, _)), problems) if problems.is_empty() => front,
            (_, problems) => {
                let sidecar = sidecar.and_then(|sidecar| {
                    let (parsed, mut found) = sidecar::parse_keeping(sidecar);
                    notes.append(&mut found);
                    parsed
                });
                *unfinished = unfinished_article(file, split.body, sidecar, key);
                return Err(problems);
            }
        };
    if front.draft && drafts == Drafts::Exclude {
        return Ok(Read::Draft(file.rel));
    }
    if is_page(&file.rel, front.date.is_some()) {
        return page(file, sidecar, &split, front).map(Read::Page);
    }
    let mut front = front;
    // Two names of one article that are one term ("Food & Drink", "food & drink") are
    // listed once, as first written.
    let mut repeated = Vec::new();
    for (key, names) in [("tags", &mut front.tags), ("authors", &mut front.authors)] {
        let mut seen = HashMap::with_capacity(names.len());
        names.retain(|name| match seen.entry(crate::slug::term_key(name)) {
            Entry::Occupied(kept) => {
                repeated.push((key, name.clone(), String::clone(kept.get())));
                false
            }
            Entry::Vacant(slot) => {
                slot.insert(name.clone());
                true
            }
        });
    }
    front.repeated = repeated;
    let mut problems = Vec::new();
    let at = Front::new(&file, &split);
    let fence_span = at.fence();
    let title = at.title(front.title.as_deref(), "\"The headline\"", &mut problems);
    let date = front.date.clone();
    if date.is_none() {
        problems.push(
            missing_key(
                &file,
                fence_span.clone(),
                split.format,
                "date",
                "2019-03-01",
            )
            .note("a Markdown file in a folder of content/ (but content/context/ and content/pages/) is a dated article of the archive; a page outside it (About, Contact) goes in content/pages/ or at the top of content/, and needs no date"),
        );
    }
    let url = at.url(&file.rel, front.slug.as_deref(), &mut problems);
    let redirects = at.redirects(&front.redirect_from, &mut problems);
    if front.weight.is_some() {
        problems.push(
            at.key("weight", "an article has no `weight`".to_owned())
                .note("`weight` orders the pages outside the archive (About, Contact) in every page's footer; articles are ordered by their dates")
                .hint("remove `weight`; or, if this is a page, remove its `date` and put it in content/pages/ or at the top of content/"),
        );
    }
    // An empty name would make a tag or author page with no name and a link with no
    // words; it is reported, and left out of the rest of the check.
    for (key, names) in [
        ("tags", &mut front.tags),
        ("authors", &mut front.authors),
        ("credits", &mut front.credits),
    ] {
        if names.iter().any(|name| name.trim().is_empty()) {
            problems.push(
                at.key(key, format!("`{key}` holds an empty name"))
                    .hint(format!(
                        "remove the \"\" from `{key}`, or write the name in it"
                    )),
            );
            names.retain(|name| !name.trim().is_empty());
        }
    }
    at.language(front.language.as_deref(), &mut problems);
    if let Some(source) = front.source.as_ref().and_then(|s| s.url.as_deref()) {
        // `//host/x` takes the scheme of the page: `file:` when the archive is opened
        // from a folder, where it leads nowhere.
        if !sidecar::is_safe_url(source) || source.trim_start().starts_with("//") {
            let (why, hint) = sidecar::why_not_a_web_address(
                source,
                "write the original's address as https://...",
            );
            problems.push(
                at.key(
                    "url",
                    format!("source url `{source}` is not a web address{why}"),
                )
                .hint(hint),
            );
        }
    }
    let sidecar = match sidecar.map(sidecar::parse_keeping) {
        Some((parsed, mut found)) => {
            notes.append(&mut found);
            parsed
        }
        None => None,
    };
    let (Some(date), true) = (date, problems.is_empty()) else {
        *unfinished = unfinished_article(file, split.body, sidecar, key);
        return Err(problems);
    };
    let body = split.body;
    let reading = std::sync::Arc::new(ReadingText::build(&file.text[body.clone()]));
    Ok(Read::Article(Article {
        file,
        body,
        title,
        date,
        front,
        url,
        reading,
        sidecar,
        redirects,
        key,
    }))
}

/// An article of `file` whose front matter has problems, made of its body and its notes
/// alone, so that `check` can anchor the notes in the same run; none for a file without
/// notes, or one that may be a page.
fn unfinished_article(
    file: SourceFile,
    body: Range<usize>,
    sidecar: Option<Sidecar>,
    key: u64,
) -> Option<Arc<Article>> {
    let sidecar = sidecar.filter(|s| !s.notes.is_empty() && !is_page(&file.rel, false))?;
    let reading = Arc::new(ReadingText::build(&file.text[body.clone()]));
    Some(Arc::new(Article {
        url: String::new(),
        title: String::new(),
        date: DateValue {
            day: jiff::civil::Date::default(),
            rfc3339: String::new(),
        },
        front: ArticleFront::default(),
        file,
        body,
        reading,
        sidecar: Some(sidecar),
        redirects: Vec::new(),
        key,
    }))
}

/// Where an article's or page's front matter problems point, and the checks both share.
struct Front<'a> {
    file: &'a SourceFile,
    split: &'a front_matter::Split,
}

impl<'a> Front<'a> {
    fn new(file: &'a SourceFile, split: &'a front_matter::Split) -> Self {
        Self { file, split }
    }

    /// The opening fence, where a problem with no line of its own points.
    fn fence(&self) -> Range<usize> {
        0..self.split.front.start.saturating_sub(1)
    }

    /// A problem with the value of `key`, pointing at its line (or the fence).
    fn key(&self, key: &str, message: String) -> Diagnostic {
        let front = self.split.front.clone();
        let span = key_span(&self.file.text[front.clone()], key).map_or(self.fence(), |at| {
            front.start + at.start..front.start + at.end
        });
        Diagnostic::error(&self.file.path, message).at(&self.file.text, span)
    }

    /// The title, typographic; a missing or empty one is a problem whose fix shows
    /// `example`.
    fn title(&self, title: Option<&str>, example: &str, problems: &mut Vec<Diagnostic>) -> String {
        match title.map(str::trim) {
            Some(title) if !title.is_empty() => typography::smarten(title),
            _ => {
                problems.push(missing_key(
                    self.file,
                    self.fence(),
                    self.split.format,
                    "title",
                    example,
                ));
                String::new()
            }
        }
    }

    /// A `language` that is not a language tag is a problem.
    fn language(&self, language: Option<&str>, problems: &mut Vec<Diagnostic>) {
        if let Some(language) = language.filter(|l| !crate::language::is_tag(l)) {
            problems.push(
                self.key(
                    "language",
                    format!("language `{language}` is not a language tag"),
                )
                .hint("write a BCP 47 tag such as ar, fr or pt-BR"),
            );
        }
    }

    /// The page folder of the file at `rel` (see [`article_url`]); a bad slug is a problem.
    /// The output files of `redirect_from`'s addresses (see [`redirect_file`]), each
    /// one that names none a problem.
    fn redirects(&self, addresses: &[String], problems: &mut Vec<Diagnostic>) -> Vec<String> {
        let mut files = Vec::with_capacity(addresses.len());
        for address in addresses {
            match redirect_file(address) {
                Ok(file) if !files.contains(&file) => files.push(file),
                Ok(_) => {}
                Err(message) => problems.push(
                    self.key("redirect_from", format!("`redirect_from` has `{address}`: {message}"))
                        .hint("write the path of the old address on this site, as `/2019/old-name/` or `/news/old-name.html`"),
                ),
            }
        }
        files
    }

    fn url(&self, rel: &str, slug: Option<&str>, problems: &mut Vec<Diagnostic>) -> String {
        article_url(rel, slug).unwrap_or_else(|message| {
            problems.push(
                self.key("slug", message)
                    .hint("a slug is one URL segment: letters, digits, -, _ and . (not first)"),
            );
            String::new()
        })
    }
}

/// Reads a page (see [`Page`]) from its file and front matter.
///
/// # Errors
/// A missing title, a bad slug or language, and what an article has but a page does not:
/// tags, authors, a source, credits, an update, notes.
fn page(
    file: SourceFile,
    sidecar: Option<&SourceFile>,
    split: &front_matter::Split,
    front: ArticleFront,
) -> Result<Page, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let at = Front::new(&file, split);
    let title = at.title(
        front.title.as_deref(),
        "\"About this archive\"",
        &mut problems,
    );
    let unused = [
        ("updated", front.updated.is_some()),
        ("authors", !front.authors.is_empty()),
        ("tags", !front.tags.is_empty()),
        ("source", front.source.is_some()),
        ("credits", !front.credits.is_empty()),
    ];
    let to_article = "give it a `date`";
    let what = "a Markdown file without a date, under content/pages/ or at the top of content/, is a page outside the archive (About, Contact): no notes, no place in lists or feeds";
    for (key, _) in unused.iter().filter(|(_, set)| *set) {
        problems.push(
            at.key(key, format!("a page has no `{key}`"))
                .note(what)
                .hint(format!(
                    "remove `{key}`; or, to make it an article, {to_article}"
                )),
        );
    }
    if let Some(sidecar) = sidecar {
        problems.push(
            Diagnostic::error(&sidecar.path, "pages take no notes")
                .note(format!("content/{}: {what}", file.rel))
                .hint(format!(
                    "to annotate it, make it an article: {to_article}; or delete the sidecar"
                )),
        );
    }
    at.language(front.language.as_deref(), &mut problems);
    let rel = file.rel.strip_prefix("pages/").unwrap_or(&file.rel);
    let url = at.url(rel, front.slug.as_deref(), &mut problems);
    let redirects = at.redirects(&front.redirect_from, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Page {
        reading: Arc::new(ReadingText::build(&file.text[split.body.clone()])),
        body: split.body.clone(),
        title,
        summary: front.summary,
        language: front.language,
        weight: front.weight,
        url,
        redirects,
        file,
    })
}

/// Pages whose page would take the place of the home page, one of gloss's own folders,
/// an article's page or another page's.
fn page_url_problems(pages: &[Page], articles: &[Arc<Article>]) -> Vec<Diagnostic> {
    let mut taken: FastMap<&str, &std::path::Path> = articles
        .iter()
        .map(|a| (a.url.as_str(), a.file.path.as_path()))
        .collect();
    let mut problems = Vec::new();
    for page in pages {
        let first = page.url.split('/').next().unwrap_or_default();
        let own = RESERVED_SEGMENTS
            .iter()
            .find(|r| r.eq_ignore_ascii_case(first));
        let problem = if page.url.is_empty() || page.url == "index" {
            Some("this page would take the place of the home page".to_owned())
        } else if let Some(own) = own {
            Some(format!(
                "this page, {}/, would take the place of gloss's own `{own}`",
                page.url
            ))
        } else if let Some(other) = taken.get(page.url.as_str()) {
            Some(format!(
                "this page, {}/, would take the place of {}'s",
                page.url,
                other.display()
            ))
        } else {
            taken.insert(&page.url, &page.file.path);
            None
        };
        if let Some(message) = problem {
            problems.push(
                Diagnostic::error(&page.file.path, message)
                    .hint("rename the file, or give it another `slug`"),
            );
        }
    }
    problems
}

/// What `check` and `build` warn of in articles' dates: an `updated` before `date`,
/// which reads but is most likely a slip (the byline then shows no update), and, for an
/// article that is published, a `date` or `updated` more than a day after `now` (today
/// being `today`), most likely a mistyped year: the article is published all the same,
/// as written then. A draft is held back already, and may be dated when it is to appear.
pub fn date_warnings<'a>(
    articles: impl Iterator<Item = &'a Article>,
    now: jiff::Timestamp,
    today: jiff::civil::Date,
) -> Vec<Diagnostic> {
    let latest = now
        .checked_add(jiff::SignedDuration::from_hours(24))
        .unwrap_or(now);
    let mut found = Vec::new();
    for article in articles {
        let file = &article.file;
        let front = &file.text[..article.body.start];
        let at = |key: &str| key_span(front, key).unwrap_or(0..0);
        let updated = article.front.updated.as_ref().map(|u| u.day);
        if let Some(updated) = updated.filter(|day| *day < article.date.day) {
            found.push(
                Diagnostic::warning(
                    &file.path,
                    format!(
                        "`updated` ({updated}) is before `date` ({}): the article cannot have changed before it was published",
                        article.date.day
                    ),
                )
                .at(&file.text, at("updated"))
                .label("earlier than `date`")
                .hint("correct the date of the update, or remove `updated`"),
            );
        }
        if article.front.draft {
            continue;
        }
        let dates = [
            ("date", Some(&article.date)),
            ("updated", article.front.updated.as_ref()),
        ];
        for (key, date) in dates {
            // The instant it names, in whatever offset it is written; past the last
            // instant a timestamp holds (9999-12-31), the day says it.
            let ahead = date.is_some_and(|date| match date.rfc3339.parse::<jiff::Timestamp>() {
                Ok(instant) => instant > latest,
                Err(_) => date.day > today,
            });
            let Some(day) = date.filter(|_| ahead).map(|date| date.day) else {
                continue;
            };
            found.push(
                Diagnostic::warning(
                    &file.path,
                    format!("`{key}` ({day}) is after today ({today}): the article is published now, dated then"),
                )
                .at(&file.text, at(key))
                .label("in the future")
                .hint("correct the year if it is a slip; to hold the article back until then, set `draft = true`"),
            );
        }
    }
    found
}

/// What `check` warns of in articles' `[source]`: a `url` with no `name`, which the
/// article page does not show (it links the original beside the publication's name).
pub fn source_warnings<'a>(articles: impl Iterator<Item = &'a Article>) -> Vec<Diagnostic> {
    articles
        .filter(|article| {
            article
                .front
                .source
                .as_ref()
                .is_some_and(|s| s.url.is_some() && s.name.is_none())
        })
        .map(|article| {
            let file = &article.file;
            let front = &file.text[..article.body.start];
            Diagnostic::warning(
                &file.path,
                "`[source]` has a `url` and no `name`: the page shows the original's address only beside the publication's name",
            )
            .at(&file.text, key_span(front, "url").unwrap_or(0..0))
            .label("not shown")
            .hint("add `name = \"The Hill\"` (the publication's name) under `[source]`")
        })
        .collect()
}

/// Where `key` is set in front matter text: the line that starts with it, followed by
/// `=` (TOML) or `:` (YAML).
pub(crate) fn key_span(front: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        // A YAML list item's first key stands after its `- `.
        let content = line.trim_start();
        let content = content.strip_prefix("- ").unwrap_or(content).trim_start();
        let indent = line.len() - content.len();
        if let Some(rest) = content.strip_prefix(key) {
            if rest.trim_start().starts_with(['=', ':']) {
                return Some(offset + indent..offset + indent + key.len());
            }
        }
        offset += line.len();
    }
    None
}

fn missing_key(
    file: &SourceFile,
    span: Range<usize>,
    format: Format,
    key: &str,
    example: &str,
) -> Diagnostic {
    let line = match format {
        Format::Toml => format!("{key} = {example}"),
        Format::Yaml => format!("{key}: {}", example.trim_matches('"')),
    };
    Diagnostic::error(&file.path, format!("the front matter has no {key}"))
        .at(&file.text, span)
        .hint(format!("add `{line}` to the front matter"))
}

/// The page folder for an article at `rel` under `content/`, with its slug applied.
///
/// # Errors
/// A message when the slug is not one safe path segment.
pub fn article_url(rel: &str, slug: Option<&str>) -> Result<String, String> {
    let without_ext = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
    let (dir, stem) = match without_ext.rsplit_once('/') {
        // `2022/harbour/index.md` is the page of its folder, with its images beside it.
        Some((dir, "index")) if slug.is_none() => return Ok(dir.to_owned()),
        Some((dir, stem)) => (Some(dir), stem),
        None => (None, without_ext),
    };
    // Before, `café` written decomposed (an `e` and a combining
    // accent, as macOS writes it) was refused where the composed one is taken; the
    // address holds the composed form either way.
    let composed: Option<String> = slug.map(|slug| {
        use unicode_normalization::UnicodeNormalization;
        slug.nfc().collect()
    });
    let last = match composed.as_deref() {
        Some(slug) if is_safe_segment(slug) => slug,
        Some(slug) => return Err(format!("slug `{slug}` is not a single safe path segment")),
        None => stem,
    };
    Ok(match dir {
        Some(dir) => format!("{dir}/{last}"),
        None => last.to_owned(),
    })
}

/// True for a URL path segment that cannot leave its folder or hide: no `/`, `\`, `..`,
/// leading dot, control or space characters.
pub fn is_safe_segment(segment: &str) -> bool {
    !segment.is_empty()
        && !segment.starts_with('.')
        && segment.len() <= 200
        && segment
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn duplicate_urls(articles: &[Arc<Article>]) -> Vec<Diagnostic> {
    let mut seen: FastMap<&str, &Article> = FastMap::default();
    let mut problems = Vec::new();
    // In path order, so the second of two articles is the one reported.
    for article in articles {
        if let Some(first) = seen.insert(&article.url, article) {
            // The `slug` that makes it, when one of them has one.
            let article: &Article = article;
            let (named, other) = if article.front.slug.is_some() || first.front.slug.is_none() {
                (article, first)
            } else {
                (first, article)
            };
            let mut problem = Diagnostic::error(
                &named.file.path,
                format!("two articles have the URL {}/", article.url),
            );
            if let Some(span) = named
                .front
                .slug
                .as_ref()
                .and_then(|_| key_span(&named.file.text[..named.body.start], "slug"))
            {
                problem = problem.at(&named.file.text, span).label("this slug");
            }
            problems.push(
                problem
                    .note(format!("{} has it too", other.file.path.display()))
                    .hint(
                        "give one of them a different `slug` in its front matter, or rename the file",
                    ),
            );
        }
    }
    problems
}

/// The output file that an earlier address of a page, `address` (a path of this
/// site), names: `/2019/old-name/` and `2019/old-name` are `2019/old-name/index.html`;
/// an address ending in `.html` or `.htm` is that file. Percent escapes are decoded, as
/// a host decodes them to find the file.
///
/// # Errors
/// What is wrong with it: a full address, a query or fragment, an empty, `.` or `..`
/// segment, the site's root.
pub fn redirect_file(address: &str) -> Result<String, &'static str> {
    let address = address.trim();
    if address.contains("://") || address.starts_with("//") {
        return Err("an address of this site is written as its path, without the host");
    }
    if address.contains(['?', '#']) {
        return Err("a query or fragment names no file of its own");
    }
    let path = address.trim_start_matches('/');
    let path = match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => path,
    };
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return Err("that is the home page's address");
    }
    let decoded = percent_decoded(path).ok_or("its percent escapes are not UTF-8 text")?;
    if decoded
        .split('/')
        .any(|segment| matches!(segment, "" | "." | "..") || segment.contains('\\'))
    {
        return Err("it has an empty, `.` or `..` segment");
    }
    // A hidden folder (`.git`, `.well-known`) is the host's or the deployment's, and a
    // name with a control character or a quote is no address anyone types.
    if decoded.split('/').any(|segment| segment.starts_with('.')) {
        return Err("it names a hidden file or folder (one starting with `.`), which gloss leaves to the host");
    }
    if decoded
        .chars()
        .any(|c| c.is_control() || matches!(c, '"' | '<' | '>'))
    {
        return Err("it holds a control character, a quote or an angle bracket");
    }
    let lower = decoded.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        Ok(decoded)
    } else {
        Ok(format!("{decoded}/index.html"))
    }
}

/// The scheme `url` starts with (`https`, `JavaScript`), read as browsers read it: white
/// space and control characters before it and tabs and line breaks inside it do not
/// count; the text before the first `:` when no `/`, `?` or `#` comes first (a scheme is
/// short: only the first 32 characters are looked at). `None` for a relative URL.
pub fn url_scheme(url: &str) -> Option<String> {
    let head: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(32)
        .collect();
    let (scheme, _) = head.split_once(':')?;
    (!scheme.contains(['/', '?', '#'])).then(|| scheme.to_owned())
}

/// `path` (of a URL written in content: a link, an earlier address) with its `%XX`
/// escapes decoded; `None` when they do not make UTF-8.
pub(crate) fn percent_decoded(path: &str) -> Option<String> {
    if !path.contains('%') {
        return Some(path.to_owned());
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&hi), Some(&lo)) if hex(hi).is_some() && hex(lo).is_some() => {
                out.push(u8::try_from(hex(hi)? * 16 + hex(lo)?).ok()?);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Redirects that would be written where something else is: a page of the site, a file
/// under `content/` (copied to the same path), a file of gloss's own, or another
/// redirect.
fn redirect_problems(
    articles: &[Arc<Article>],
    pages: &[Page],
    assets: &[crate::load::Asset],
) -> Vec<Diagnostic> {
    let pages_of = articles
        .iter()
        .map(|a| (&a.url, &a.file, a.body.start, &a.redirects))
        .chain(
            pages
                .iter()
                .map(|p| (&p.url, &p.file, p.body.start, &p.redirects)),
        );
    let mut taken: FastMap<String, &std::path::Path> = FastMap::default();
    for (url, file, ..) in pages_of.clone() {
        taken.insert(format!("{url}/index.html"), &file.path);
    }
    for asset in assets {
        taken.insert(asset.rel.clone(), &asset.path);
    }
    let mut problems = Vec::new();
    for (_, file, body_start, redirects) in pages_of {
        let span = key_span(&file.text[..body_start], "redirect_from").unwrap_or(0..0);
        for redirect in redirects {
            let first = redirect.split('/').next().unwrap_or_default();
            let own = RESERVED_SEGMENTS
                .iter()
                .any(|r| r.eq_ignore_ascii_case(first));
            let message = if own {
                Some(format!(
                    "the redirect from /{redirect} would take the place of gloss's own `{first}`"
                ))
            } else {
                taken.get(redirect).map(|other| {
                    if *other == file.path {
                        format!("the redirect from /{redirect} would take the place of this page itself")
                    } else {
                        format!(
                            "the redirect from /{redirect} would take the place of what {} makes there",
                            other.display()
                        )
                    }
                })
            };
            match message {
                Some(message) => problems.push(
                    Diagnostic::error(&file.path, message)
                        .at(&file.text, span.clone())
                        .hint("remove that address from `redirect_from`, or give the other page another slug"),
                ),
                None => {
                    taken.insert(redirect.clone(), &file.path);
                }
            }
        }
    }
    problems
}

/// The first path segments of the pages and files gloss makes itself: an article whose
/// URL starts with one would take their place.
pub const RESERVED_SEGMENTS: [&str; 16] = [
    "tags",
    "authors",
    "sources",
    "archive",
    "context",
    "search",
    "page",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "style.css",
    "syntax.css",
    "gloss.js",
    "search.js",
    "favicon.svg",
];

/// Files under `content/` that would be copied where an article's or a context entry's
/// page (or an article's W3C export) is written: `content/2020/a/index.html` beside
/// `content/2020/a.md`.
fn assets_in_place_of_pages(
    articles: &[Arc<Article>],
    entries: &BTreeMap<String, ContextEntry>,
    assets: &[crate::load::Asset],
) -> Vec<Diagnostic> {
    if assets.is_empty() {
        return Vec::new();
    }
    let mut pages: FastMap<String, &SourceFile> = FastMap::default();
    for article in articles {
        pages.insert(format!("{}/index.html", article.url), &article.file);
        if article.sidecar.is_some() {
            pages.insert(
                format!("{}/{}", article.url, crate::w3c::FILE_NAME),
                &article.file,
            );
        }
    }
    for entry in entries.values() {
        pages.insert(format!("context/{}/index.html", entry.id), &entry.file);
    }
    assets
        .iter()
        .filter_map(|asset| {
            let page = pages.get(&asset.rel)?;
            // The asset's path as the page's file is shown (from the site root).
            let shown = page.path.to_string_lossy();
            let content = shown.strip_suffix(page.rel.as_str()).unwrap_or_default();
            Some(
                Diagnostic::error(
                    format!("{content}{}", asset.rel),
                    format!(
                        "this file would be published at {}, where the page of {} goes",
                        asset.rel,
                        page.path.display()
                    ),
                )
                .hint("rename or move the file, or give the article another `slug`"),
            )
        })
        .collect()
}

fn taken_url(article: &Article) -> Option<Diagnostic> {
    let first = article.url.split('/').next().unwrap_or_default();
    let taken = RESERVED_SEGMENTS
        .iter()
        .find(|r| r.eq_ignore_ascii_case(first))?;
    Some(
        Diagnostic::error(
            &article.file.path,
            format!("this article's page, {}/, would take the place of gloss's own `{taken}`", article.url),
        )
        .note(format!("gloss makes {} at the top of the site", RESERVED_SEGMENTS.join(", ")))
        .hint("move the article into a folder of its own (for example content/2024/), or give it another `slug`"),
    )
}

/// A context entry, with the problems that do not stop it from being one (so that the
/// notes referring to it are still checked against it).
/// A context entry's id: its path under `context/` without the extension.
fn entry_id(rel: &str) -> String {
    let id = rel.strip_prefix("context/").unwrap_or(rel);
    id.rsplit_once('.').map_or(id, |(stem, _)| stem).to_owned()
}

fn context_entry(file: SourceFile) -> Result<(ContextEntry, Vec<Diagnostic>), Vec<Diagnostic>> {
    let split = split_front(&file).map_err(|problem| vec![problem])?;
    // Every wrong value of it, as for an article.
    let front: ContextFront = match front_matter::read_on(&file, split.format, split.front.clone())
    {
        (Some((front, _)), problems) if problems.is_empty() => front,
        (_, problems) => return Err(problems),
    };
    let id = entry_id(&file.rel);
    let Some(title) = front
        .title
        .filter(|t| !t.trim().is_empty())
        .map(|t| typography::smarten(t.trim()))
    else {
        return Err(vec![missing_key(
            &file,
            0..3,
            split.format,
            "title",
            "\"Yongbyon\"",
        )]);
    };
    let mut problems = Vec::new();
    Front::new(&file, &split).language(front.language.as_deref(), &mut problems);
    let mut aliases = front.aliases;
    if aliases.iter().any(|alias| alias.trim().is_empty()) {
        let front_text = &file.text[split.front.clone()];
        let span = key_span(front_text, "aliases").map_or(0..3, |at| {
            split.front.start + at.start..split.front.start + at.end
        });
        problems.push(
            Diagnostic::error(&file.path, "`aliases` holds an empty name")
                .at(&file.text, span)
                .hint("remove the \"\" from `aliases`, or write the name in it"),
        );
        aliases.retain(|alias| !alias.trim().is_empty());
    }
    let body = split.body;
    let summary_written = front.summary.is_some();
    let summary = front
        .summary
        .unwrap_or_else(|| first_paragraph(&file.text[body.clone()]));
    let entry = ContextEntry {
        file,
        id,
        title,
        aliases,
        summary,
        summary_written,
        body,
        language: front.language,
    };
    Ok((entry, problems))
}

/// The first paragraph of a Markdown body, as inline Markdown source.
pub fn first_paragraph(body: &str) -> String {
    use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
    // The paragraph's source, with parts replaced: footnote references are left out
    // (their definitions are not part of a summary), and so are inline HTML tags (a
    // summary shows HTML as text), their contents kept. A link or image written by
    // reference (`[the report][r]`) is written inline, since the summary is read
    // without the body's definitions. Each open reference link gathers what its words
    // replace.
    let mut start = None;
    let mut levels: Vec<Replaced> = vec![Replaced::default()];
    // A paragraph of pictures alone has no words to summarize: the next one is taken.
    let (mut images, mut worded) = (0usize, false);
    for (event, range) in reading_text::events(body) {
        match &event {
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::Text(text) | Event::Code(text) if images == 0 && !text.trim().is_empty() => {
                worded = true;
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                start = Some(range.start);
                worded = false;
                levels = vec![Replaced::default()];
            }
            Event::End(TagEnd::Paragraph) if !worded => start = None,
            Event::FootnoteReference(_) | Event::InlineHtml(_) if start.is_some() => {
                if let Some(level) = levels.last_mut() {
                    level.cuts.push((range, String::new()));
                }
            }
            Event::Start(
                Tag::Link {
                    link_type:
                        kind @ (LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut),
                    dest_url,
                    title,
                    ..
                }
                | Tag::Image {
                    link_type:
                        kind @ (LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut),
                    dest_url,
                    title,
                    ..
                },
            ) if start.is_some() => {
                let image = body[range.clone()].starts_with('!');
                // The parser's range of `[words][]` stops before the `[]`.
                let mut range = range;
                if kind == LinkType::Collapsed && body[range.end..].starts_with("[]") {
                    range.end += 2;
                }
                levels.push(Replaced {
                    link: Some((range, image, inline_destination(&dest_url, &title))),
                    ..Replaced::default()
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) if levels.len() > 1 => {
                if let Some(Replaced {
                    link: Some((range, image, destination)),
                    cuts,
                    words,
                }) = levels.pop()
                {
                    let words = words.map_or(String::new(), |w| replaced(body, w, &cuts));
                    let bang = if image { "!" } else { "" };
                    if let Some(level) = levels.last_mut() {
                        level
                            .cuts
                            .push((range, format!("{bang}[{words}]{destination}")));
                    }
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = start {
                    let cuts = levels.pop().map(|l| l.cuts).unwrap_or_default();
                    return replaced(body, start..range.end, &cuts).trim().to_owned();
                }
            }
            _ if levels.len() > 1 => {
                // The words of a reference link: from its first event to its last.
                if let Some(level) = levels.last_mut() {
                    level.words = Some(match level.words.take() {
                        Some(words) => words.start.min(range.start)..words.end.max(range.end),
                        None => range,
                    });
                }
            }
            _ => {}
        }
    }
    String::new()
}

/// What [`first_paragraph`] replaces in a stretch of the source: the parts cut or
/// rewritten, and, for a reference link, the link's source, whether it is an image,
/// its inline destination and the range of its words.
#[derive(Default)]
struct Replaced {
    cuts: Vec<(Range<usize>, String)>,
    link: Option<(Range<usize>, bool, String)>,
    words: Option<Range<usize>>,
}

/// `body[range]` with each of `cuts` (in order, not overlapping) replaced.
fn replaced(body: &str, range: Range<usize>, cuts: &[(Range<usize>, String)]) -> String {
    let mut text = String::new();
    let mut from = range.start;
    for (cut, with) in cuts {
        if cut.start < from || cut.end > range.end {
            continue;
        }
        text.push_str(&body[from..cut.start]);
        text.push_str(with);
        from = cut.end;
        // A tag cut out standing alone between spaces leaves one of them.
        if with.is_empty() && text.ends_with(' ') && body[from..].starts_with(' ') {
            from += 1;
        }
    }
    text.push_str(&body[from..range.end]);
    text
}

/// `(<url> "title")`, as an inline link writes a reference's destination.
fn inline_destination(url: &str, title: &str) -> String {
    let escape = |text: &str, special: &[char]| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '\\' || special.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    };
    let url = escape(url, &['<', '>']);
    if title.is_empty() {
        format!("(<{url}>)")
    } else {
        format!("(<{url}> \"{}\")", escape(title, &['"']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_mirrors_the_path_and_slug_replaces_the_last_segment() {
        assert_eq!(
            article_url("2019/hanoi-summit.md", None).as_deref(),
            Ok("2019/hanoi-summit")
        );
        assert_eq!(
            article_url("2019/hanoi-summit.md", Some("hanoi")).as_deref(),
            Ok("2019/hanoi")
        );
        assert!(article_url("a.md", Some("../etc")).is_err());
        assert!(article_url("a.md", Some("a/b")).is_err());
        assert!(article_url("a.md", Some("..")).is_err());
    }

    #[test]
    fn an_index_file_is_the_page_of_its_folder() {
        assert_eq!(
            article_url("2022/harbour/index.md", None).as_deref(),
            Ok("2022/harbour")
        );
        assert_eq!(
            article_url("2022/harbour/index.md", Some("port")).as_deref(),
            Ok("2022/harbour/port")
        );
        assert_eq!(article_url("index.md", None).as_deref(), Ok("index"));
    }

    #[test]
    fn first_paragraph_skips_headings() {
        assert_eq!(
            first_paragraph("# Head\n\nFirst *one*.\n\nSecond.\n"),
            "First *one*."
        );
    }

    #[test]
    fn first_paragraph_passes_over_a_paragraph_of_pictures() {
        assert_eq!(
            first_paragraph("![a chart](chart.png)\n\nText after the image.\n"),
            "Text after the image."
        );
        assert_eq!(first_paragraph("![a chart](chart.png)\n"), "");
    }

    #[test]
    fn first_paragraph_writes_reference_links_inline() {
        assert_eq!(
            first_paragraph(
                "Read [the *report*][r] and [the other] and [r][], see ![map][m].[^n]\n\n[r]: https://example.com/r \"The \\\"R\\\"\"\n[the other]: </a b>\n[m]: m.png\n[^n]: x\n"
            ),
            "Read [the *report*](<https://example.com/r> \"The \\\"R\\\"\") and [the other](</a b>) and [r](<https://example.com/r> \"The \\\"R\\\"\"), see ![map](<m.png>)."
        );
        // Inline links stay as written; HTML inside a reference link's words is cut.
        assert_eq!(
            first_paragraph("An [inline](/a) and [a <b>bold</b> one][r].\n\n[r]: /x\n"),
            "An [inline](/a) and [a bold one](</x>)."
        );
    }

    #[test]
    fn first_paragraph_leaves_out_footnote_references() {
        assert_eq!(
            first_paragraph("It lasted.[^n] Then it ended.\n\n[^n]: Nine days.\n"),
            "It lasted. Then it ended."
        );
    }

    #[test]
    fn an_earlier_address_names_the_file_a_host_serves_for_it() {
        assert_eq!(
            redirect_file("/2019/old/").as_deref(),
            Ok("2019/old/index.html")
        );
        assert_eq!(
            redirect_file("2019/old").as_deref(),
            Ok("2019/old/index.html")
        );
        assert_eq!(
            redirect_file("/2019/old/index.html").as_deref(),
            Ok("2019/old/index.html")
        );
        assert_eq!(redirect_file("/news/a.HTM").as_deref(), Ok("news/a.HTM"));
        assert_eq!(
            redirect_file("/news/oldindex.html").as_deref(),
            Ok("news/oldindex.html")
        );
        assert_eq!(
            redirect_file("/caf%C3%A9/").as_deref(),
            Ok("café/index.html")
        );
        for wrong in [
            "",
            "/",
            "/index.html",
            "https://x.org/a",
            "//x.org/a",
            "/a?b",
            "/a#b",
            "/a//b",
            "/../a",
            "/a/./b",
            "/%FF/",
        ] {
            assert!(redirect_file(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn first_paragraph_keeps_the_words_of_inline_html_not_its_tags() {
        assert_eq!(
            first_paragraph(
                "A <img src=\"a.png\" alt=\"x\"> map of <span lang=\"fr\">la ville</span>.\n"
            ),
            "A map of la ville."
        );
    }
}
