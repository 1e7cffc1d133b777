//! Renders anchored content to pages: article pages, context entry pages, the home page,
//! and the static files.
//!
//! In: [`Anchored`] content, the config and the compiled templates. Out: every file's
//! path and bytes, each handed to a [`Sink`] as soon as it is made: [`Keep`] holds them
//! as a [`Site`] in memory, `output::Staging` writes them at once so a build never holds
//! every page. Articles render in parallel; nothing here touches the file system except
//! reading static overrides and the headers of images (their sizes, [`images`]), and
//! whatever the sink does.

pub mod body;
pub mod fragments;
pub mod highlight;
pub mod images;
pub mod left_open;
pub mod raw_html;
pub mod targets;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::anchor::{Anchored, AnchoredArticle, AnchoredNote};
use crate::archive::{self, Index, NamedLink, Summary};
use crate::cache::{CachedPage, CachedSummary, PageCache};
use crate::config::{Config, LinkStyle};
use crate::diagnostic::{Category, Diagnostic};
use crate::parse::ContextEntry;
use crate::templates::{EntryLink, NoteContext, PageContext, SiteContext, Templates};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// Its bytes (shared, so a cached page is never copied).
    pub bytes: bytes::Bytes,
    /// Hash of everything the file was made from, when that is known (0 otherwise): the
    /// next build reuses the bytes when it computes the same key.
    pub key: u64,
}

impl OutputFile {
    /// A file whose inputs are not tracked.
    pub fn new(path: impl Into<String>, bytes: impl Into<bytes::Bytes>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
            key: 0,
        }
    }

    /// A file made from inputs that hash to `key`.
    pub fn keyed(path: impl Into<String>, bytes: impl Into<bytes::Bytes>, key: u64) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
            key,
        }
    }
}

/// The whole built site, in memory.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Every file, sorted by path.
    pub files: Vec<OutputFile>,
}

impl Site {
    /// The bytes of the file at output path `path`.
    pub fn get(&self, path: &str) -> Option<&bytes::Bytes> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i].bytes)
    }

    /// Puts `files` in place of the files at their paths, all or none: `Err` gives them
    /// back untouched when one has no file at its path yet. `Ok` says how many pages
    /// (HTML files) now have other bytes.
    ///
    /// # Errors
    /// A file whose path the site does not have.
    pub fn replace(&mut self, files: Vec<OutputFile>) -> Result<usize, Vec<OutputFile>> {
        let mut at = Vec::with_capacity(files.len());
        for file in &files {
            match self
                .files
                .binary_search_by(|f| f.path.as_str().cmp(&file.path))
            {
                Ok(i) => at.push(i),
                Err(_) => return Err(files),
            }
        }
        let mut pages = 0;
        for (i, file) in at.into_iter().zip(files) {
            let old = &mut self.files[i];
            // Files reused from a cache share their bytes: no need to compare them.
            let shared =
                old.bytes.as_ptr() == file.bytes.as_ptr() && old.bytes.len() == file.bytes.len();
            if !shared && old.bytes != file.bytes {
                pages += usize::from(file.path.ends_with(".html"));
                *old = file;
            }
        }
        Ok(pages)
    }
}

/// The built-in static files, by name; a site's `static/` overrides them file by file.
pub const BUILT_IN_STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../static/style.css")),
    ("gloss.js", include_str!("../../static/gloss.js")),
    ("search.js", include_str!("../../static/search.js")),
    ("favicon.svg", include_str!("../../static/favicon.svg")),
];

/// The site's `style.css`: its own from `static/`, or the built-in one.
pub fn stylesheet(config: &Config) -> String {
    std::fs::read_to_string(config.static_dir.join("style.css")).unwrap_or_else(|_| {
        BUILT_IN_STATIC
            .iter()
            .find(|(name, _)| *name == "style.css")
            .map_or_else(String::new, |(_, css)| (*css).to_owned())
    })
}

/// What every article page shares.
struct Shared<'a> {
    anchored: &'a Anchored,
    /// Each context entry with what its notes show of it, by id.
    entries: HashMap<&'a str, SharedEntry<'a>>,
    index: &'a Index,
    summaries: &'a [Arc<Summary>],
    /// `summaries` as template values.
    summary_values: &'a [tera::Value],
    feed_set: &'a BTreeSet<usize>,
    site: &'a SiteContext,
    /// `site` as a template value, for the note partials.
    site_value: tera::Value,
    /// The words an article body's own markup says.
    words: body::Words,
    links: &'a Links,
    config: &'a Config,
    templates: &'a Templates,
    cache: &'a crate::cache::FastMap<String, CachedPage>,
    base_key: u64,
    summary_keys: &'a [u64],
    targets: &'a targets::Targets,
}

/// What a render is made with, whatever it renders: a whole site ([`site`]) or the
/// files a saved article touches ([`article_saved`]).
struct Setting<'a> {
    anchored: &'a Anchored,
    index: &'a Index,
    config: &'a Config,
    templates: &'a Templates,
    links: Links,
    site: SiteContext,
    base_key: u64,
    targets: targets::Targets,
}

impl<'a> Setting<'a> {
    fn new(
        anchored: &'a Anchored,
        index: &'a Index,
        config: &'a Config,
        templates: &'a Templates,
        last_images: &images::Sizes,
    ) -> Self {
        let links = Links::new(config);
        let targets = targets::Targets::new(anchored, &links, &config.static_dir, last_images);
        let site = site_context(config, &links, &anchored.pages);
        // A page shows the sizes of its images, links rewritten to the files they name,
        // and links to the pages outside the archive.
        let base_key = crate::cache::Key::new()
            .u64(base_key(config))
            .u64(targets.images_key())
            .u64(targets.files_key())
            .bytes(&serde_json::to_vec(&site.pages).unwrap_or_default())
            .finish();
        Self {
            anchored,
            index,
            config,
            templates,
            targets,
            links,
            site,
            base_key,
        }
    }

    /// What article pages share.
    fn articles(
        &'a self,
        summaries: &'a Summaries,
        feed_set: &'a BTreeSet<usize>,
        cache: &'a crate::cache::FastMap<String, CachedPage>,
    ) -> Shared<'a> {
        Shared {
            targets: &self.targets,
            cache,
            base_key: self.base_key,
            summary_keys: &summaries.keys,
            entries: shared_entries(self.anchored),
            anchored: self.anchored,
            index: self.index,
            summaries: &summaries.list,
            summary_values: &summaries.values,
            feed_set,
            site: &self.site,
            site_value: tera::Value::from_serializable(&self.site),
            words: body::Words::new(&self.config.labels),
            links: &self.links,
            config: self.config,
            templates: self.templates,
        }
    }

    /// What list pages, one-off archive pages and feeds share.
    fn lists(
        &'a self,
        summaries: &'a Summaries,
        article_keys: &'a [u64],
        cache: &'a crate::cache::FastMap<String, CachedPage>,
    ) -> archive::Lists<'a> {
        archive::Lists {
            anchored: self.anchored,
            index: self.index,
            summaries: &summaries.values,
            summary_keys: &summaries.keys,
            article_keys,
            base_key: self.base_key,
            cache,
            site: &self.site,
            links: &self.links,
            targets: &self.targets,
            config: self.config,
            templates: self.templates,
        }
    }

    /// The search page and index files, each handed to `put`; patched through `cache`
    /// when it keeps them.
    fn search<K: Send>(
        &self,
        cache: &mut crate::search::SearchCache,
        put: &(dyn Fn(OutputFile) -> Result<K, Diagnostic> + Sync),
    ) -> Result<Vec<K>, Diagnostic> {
        crate::search::files(
            self.anchored,
            &self.links,
            self.config,
            self.templates,
            &self.site,
            cache,
            put,
        )
    }
}

/// Where [`site`] puts each file the moment it is made: kept in memory ([`Keep`]) or
/// written into a staging folder ([`crate::output::Staging`]), so that a build that
/// writes never holds every page at once. Called from many threads.
pub trait Sink: Sync {
    /// What the sink hands back for a file it took.
    type Kept: Send;

    /// Takes one file.
    ///
    /// # Errors
    /// The file cannot be kept (an output path outside the site, an I/O failure).
    fn put(&self, file: OutputFile) -> Result<Self::Kept, Diagnostic>;

    /// The output path of a file the sink took.
    fn path(kept: &Self::Kept) -> &str;

    /// Whether the render goes on past the entries of `static/` that cannot be taken,
    /// leaving them out. No for a build, which must refuse them; `check` names them
    /// on its own and still wants the rest of the site rendered to check its links.
    fn passes_over_static_problems(&self) -> bool {
        false
    }
}

/// The in-memory sink: every file is kept whole, for `serve`, `--dry-run` and tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep;

impl Sink for Keep {
    type Kept = OutputFile;

    fn put(&self, file: OutputFile) -> Result<OutputFile, Diagnostic> {
        Ok(file)
    }

    fn path(kept: &OutputFile) -> &str {
        &kept.path
    }
}

/// The sink of `check`: renders everything, keeps nothing but the paths, and what the
/// pages that links name a place in lack of those places.
#[derive(Debug, Clone, Default)]
pub struct Discard {
    /// The fragments links ask of each output path (see [`fragments::wanted`]).
    pub wanted: crate::cache::FastMap<String, Vec<String>>,
}

/// What [`Discard`] keeps of a file.
#[derive(Debug, Clone)]
pub struct Checked {
    /// Its output path.
    pub path: String,
    /// The fragments links ask of it that it lacks, when it is an HTML page they ask
    /// any of.
    pub lacking: Option<fragments::Lacking>,
}

impl Sink for Discard {
    type Kept = Checked;

    fn put(&self, file: OutputFile) -> Result<Checked, Diagnostic> {
        let page = file.path.ends_with(".html") || file.path.ends_with(".htm");
        let lacking = self
            .wanted
            .get(&file.path)
            .filter(|_| page)
            .and_then(|asked| {
                let html = std::str::from_utf8(&file.bytes).ok()?;
                Some(fragments::lacking(html, asked))
            });
        Ok(Checked {
            path: file.path,
            lacking,
        })
    }

    fn path(kept: &Checked) -> &str {
        &kept.path
    }

    fn passes_over_static_problems(&self) -> bool {
        true
    }
}

/// What rendering one article put into the sink.
struct ArticleOutput<K> {
    key: u64,
    feed: Option<String>,
    kept: Vec<K>,
    cached: Vec<(String, CachedPage)>,
}

/// Renders every page of the site into `sink`, in no particular order.
///
/// # Errors
/// Template errors, unreadable static files, and whatever the sink refuses.
///
/// Pages found in `cache` under the key of their current inputs are reused, not rendered
/// again; with `keep`, the cache is refilled with this build's pages.
pub fn site<S: Sink>(
    anchored: &Anchored,
    index: &Index,
    config: &Config,
    templates: &Templates,
    cache: &mut PageCache,
    sink: &S,
) -> Result<Vec<S::Kept>, Vec<Diagnostic>> {
    // What this build leaves for patching is only set once it has succeeded.
    cache.last = None;
    let setting = Setting::new(anchored, index, config, templates, &cache.images);
    // Kept even when pages are not: `check` reads its link targets' sizes from here.
    cache.images = setting.targets.images().clone();
    // The search index goes first, while nothing else of the render is held: its working
    // set is the largest of the build. Its files carry no key (the index keeps its own
    // cache), so they go straight to the sink.
    let search = setting.search(&mut cache.search, &|file| sink.put(file));
    crate::memory::give_back();
    let summaries = summaries_with(&setting, cache);
    let feed_set = archive::feeds::feed_articles(index);
    let shared = setting.articles(&summaries, &feed_set, &cache.pages);
    let keep = cache.keep;
    let rendered: Vec<Result<ArticleOutput<S::Kept>, Diagnostic>> = (0..anchored.articles.len())
        .into_par_iter()
        .map(|i| article_files(&shared, i, keep, sink))
        .collect();
    // Every article file (page, W3C export) carries the page's key.
    let mut article_files_made = 0;
    let mut kept = Vec::with_capacity(rendered.len() * 2 + 16);
    let mut cached = Vec::new();
    let mut article_keys = Vec::with_capacity(rendered.len());
    let mut feed_content = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, result) in rendered.into_iter().enumerate() {
        match result {
            Ok(output) => {
                article_keys.push(output.key);
                if let Some(feed) = output.feed {
                    feed_content.insert(i, feed);
                }
                article_files_made += output.kept.len();
                kept.extend(output.kept);
                cached.extend(output.cached);
            }
            Err(diagnostic) => problems.push(diagnostic),
        }
    }
    let search_files = search.as_ref().map_or(0, Vec::len);
    match search {
        Ok(mut files) => kept.append(&mut files),
        Err(diagnostic) => problems.push(diagnostic),
    }
    if !problems.is_empty() {
        return Err(crate::diagnostic::merge_repeats(problems));
    }
    let lists = setting.lists(&summaries, &article_keys, &cache.pages);
    let mut out = Gathered {
        keep,
        prior: &cache.pages,
        keyed: if keep { article_files_made } else { 0 },
        kept,
        cached,
        problems,
    };
    match archive::pages(&lists) {
        Ok(pages) => {
            out.put_all(sink, Ok(pages.rendered));
            // A depth at a time, each with its own rendered summaries, dropped after.
            for group in archive::by_depth(&pages.lists) {
                let items = archive::SummaryItems::new(summaries.values.len());
                out.put_each(
                    sink,
                    group.par_iter().map(|job| lists.render_list(job, &items)),
                );
            }
        }
        Err(diagnostic) => out.problems.push(diagnostic),
    }
    out.put_all(sink, archive::feeds::atom(&lists, &feed_content));
    match static_files(config, anchored, sink.passes_over_static_problems()) {
        Ok(files) => out.put_all(sink, Ok(files)),
        Err(mut problems) => out.problems.append(&mut problems),
    }
    if out.problems.is_empty() {
        // When each article last changed, for crawlers.
        let changes: Vec<String> = anchored
            .articles
            .iter()
            .map(|a| archive::feeds::last_change(a).rfc3339)
            .collect();
        // Keyed by every path (in the order made, which is the same for the same site),
        // the articles' last changes and the settings, so a rebuild that made the same
        // files reuses it.
        let key = out
            .kept
            .iter()
            .map(|k| S::path(k))
            .chain(changes.iter().map(String::as_str))
            .fold(
                crate::cache::Key::new().u64(setting.base_key),
                |key, text| key.str(text),
            )
            .finish();
        // One sitemap, or its index and its parts: a key made the same files each time.
        let hit = |path: String| {
            let hit = cache.pages.get(&path).filter(|hit| hit.key == key)?;
            Some(OutputFile::keyed(path, hit.bytes.clone(), key))
        };
        let cached = hit("sitemap.xml".to_owned()).map(|index| {
            std::iter::once(index)
                .chain((1..).map_while(|i| hit(format!("sitemap-{i}.xml"))))
                .collect::<Vec<_>>()
        });
        let mut files = match cached {
            Some(files) => files,
            None => {
                let changed: crate::cache::FastMap<String, String> = anchored
                    .articles
                    .iter()
                    .zip(changes)
                    .map(|(a, time)| (format!("{}/index.html", a.article.url), time))
                    .collect();
                archive::feeds::sitemap(config, out.kept.iter().map(|k| S::path(k)), &changed)
                    .into_iter()
                    .map(|made| OutputFile::keyed(made.path, made.bytes, key))
                    .collect()
            }
        };
        // A site's own robots.txt (in static/) is published instead of gloss's.
        if !config.static_dir.join("robots.txt").is_file() {
            files.push(archive::feeds::robots(config));
        }
        out.put_all(sink, Ok(files));
        // Not pages of the site: made after the sitemap, which leaves them out.
        out.put_all(sink, Ok(redirects(anchored, &setting.links, config)));
    }
    if !out.problems.is_empty() {
        return Err(crate::diagnostic::merge_repeats(out.problems));
    }
    if keep {
        let Gathered {
            kept,
            cached,
            keyed,
            ..
        } = out;
        refill(
            &mut cache.pages,
            cached,
            keyed,
            kept.iter().map(|k| S::path(k)),
        );
        cache.last = Some(Rendered {
            summaries,
            article_keys,
            feed_content,
            feed_set,
            base_key: setting.base_key,
            templates: templates.key(),
            search_files,
        });
        return Ok(kept);
    }
    crate::memory::drop_aside(summaries);
    Ok(out.kept)
}

/// What a build's render worked out about the whole site, kept so that a save of one
/// article can be rendered without working it out again ([`article_saved`]).
pub struct Rendered {
    summaries: Summaries,
    article_keys: Vec<u64>,
    feed_content: BTreeMap<usize, String>,
    feed_set: BTreeSet<usize>,
    base_key: u64,
    templates: u64,
    /// How many files the search index made: a patch that makes another number (a
    /// shard split or merged) changes which files exist, which only a build can do.
    search_files: usize,
}

/// Hash of the settings pages depend on and of the gloss version; each page adds the
/// key of the templates it is rendered with ([`Templates::key_of`]).
fn base_key(config: &Config) -> u64 {
    crate::cache::Key::new()
        .str(env!("CARGO_PKG_VERSION"))
        .str(&config.output_settings())
        .finish()
}

impl std::fmt::Debug for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendered")
            .field("articles", &self.article_keys.len())
            .field("in feeds", &self.feed_set.len())
            .finish_non_exhaustive()
    }
}

/// The files that change when article `i` changed but its part of the index did not
/// (the caller has checked: same date, link, tags, authors, source, notes' references):
/// its page and W3C export, the context pages (keyed, so only those it is mentioned on
/// are made again), the feeds (keyed by their articles' pages), and the search index
/// (patched); and when its summary changed (title, summary, reading time...), the pages
/// that show the summary: the articles it is a neighbour or a related article of, the
/// list pages that list it, and the archive's keyed one-off pages. Everything else a
/// full build would make comes out the same bytes, so it is not looked at. `anchored`
/// is the last build's content with article `i` replaced.
///
/// `None` when the last build left nothing to patch (it failed, or nothing was kept),
/// when the settings or templates differ from the last build's, when the search index
/// would make other files, or on any error: the caller then builds in full, which
/// reports the errors.
pub fn article_saved(
    anchored: &Anchored,
    index: &Index,
    config: &Config,
    templates: &Templates,
    cache: &mut PageCache,
    i: usize,
) -> Option<Vec<OutputFile>> {
    let mut last = cache.last.take()?;
    let setting = Setting::new(anchored, index, config, templates, &cache.images);
    cache.images = setting.targets.images().clone();
    let article = anchored.articles.get(i)?;
    if setting.base_key != last.base_key
        || templates.key() != last.templates
        || last.article_keys.len() != anchored.articles.len()
    {
        return None;
    }
    let made = summary_of(article, &setting);
    let summary_changed = made.hash != last.summaries.keys[i];
    last.summaries.list[i] = Arc::clone(&made.summary);
    last.summaries.values[i] = made.value.clone();
    last.summaries.keys[i] = made.hash;
    cache
        .summaries
        .insert(article.article.file.rel.clone(), made);
    let mut files = setting.search(&mut cache.search, &Ok).ok()?;
    if files.len() != last.search_files {
        return None;
    }
    let mut pages = vec![i];
    if summary_changed {
        pages.extend((0..anchored.articles.len()).filter(|&j| {
            j != i
                && (index.newer[j] == Some(i)
                    || index.older[j] == Some(i)
                    || index.related[j].contains(&i))
        }));
    }
    let shared = setting.articles(&last.summaries, &last.feed_set, &cache.pages);
    let outputs: Vec<ArticleOutput<OutputFile>> = pages
        .par_iter()
        .map(|&j| article_files(&shared, j, true, &Keep))
        .collect::<Result<_, _>>()
        .ok()?;
    let mut cached = Vec::new();
    for (&j, output) in pages.iter().zip(outputs) {
        cached.extend(output.cached);
        files.extend(output.kept);
        last.article_keys[j] = output.key;
        match output.feed {
            Some(feed) => last.feed_content.insert(j, feed),
            None => last.feed_content.remove(&j),
        };
    }
    let lists = setting.lists(&last.summaries, &last.article_keys, &cache.pages);
    let mut keyed = if summary_changed {
        let archive = archive::pages(&lists).ok()?;
        let items = archive::SummaryItems::new(last.summaries.values.len());
        let listed: Vec<OutputFile> = archive
            .lists
            .par_iter()
            .filter(|job| job.shows(i))
            .map(|job| lists.render_list(job, &items))
            .collect::<Result<_, _>>()
            .ok()?;
        let mut keyed = archive.rendered;
        keyed.extend(listed);
        keyed
    } else {
        archive::context_pages(&lists).ok()?
    };
    keyed.extend(archive::feeds::atom(&lists, &last.feed_content).ok()?);
    cached.extend(keyed.iter().filter_map(|f| missed(&cache.pages, f, None)));
    files.extend(keyed);
    cache.pages.extend(cached);
    cache.last = Some(last);
    Some(files)
}

/// What the sink took so far, the cache entries for the next build, and the problems.
struct Gathered<'c, K> {
    keep: bool,
    prior: &'c crate::cache::FastMap<String, CachedPage>,
    kept: Vec<K>,
    /// Pages the cache lacks (or holds under another key).
    cached: Vec<(String, CachedPage)>,
    /// Files with a key, cached or not.
    keyed: usize,
    problems: Vec<Diagnostic>,
}

impl<K: Send> Gathered<'_, K> {
    /// Hands `files` to `sink` in parallel, or records why they could not be made.
    fn put_all<S: Sink<Kept = K>>(&mut self, sink: &S, files: Result<Vec<OutputFile>, Diagnostic>) {
        match files {
            Ok(files) => self.put_each(sink, files.into_par_iter().map(Ok)),
            Err(diagnostic) => self.problems.push(diagnostic),
        }
    }

    /// Hands each file to `sink` as soon as it is made; the first problem stops the rest.
    fn put_each<S: Sink<Kept = K>>(
        &mut self,
        sink: &S,
        files: impl ParallelIterator<Item = Result<OutputFile, Diagnostic>>,
    ) {
        let keep = self.keep;
        let placed = files
            .map(|file| {
                let file = file?;
                let keyed = keep && file.key != 0;
                let cached = if keyed {
                    missed(self.prior, &file, None)
                } else {
                    None
                };
                Ok((sink.put(file)?, cached, keyed))
            })
            .collect::<Result<Vec<_>, Diagnostic>>();
        match placed {
            Ok(placed) => {
                for (kept, cached, keyed) in placed {
                    self.kept.push(kept);
                    self.cached.extend(cached);
                    self.keyed += usize::from(keyed);
                }
            }
            Err(diagnostic) => self.problems.push(diagnostic),
        }
    }
}

/// The cache entry for `file` when the cache does not already hold it under its key
/// (files without a key are not cached).
fn missed(
    prior: &crate::cache::FastMap<String, CachedPage>,
    file: &OutputFile,
    feed: Option<&String>,
) -> Option<(String, CachedPage)> {
    if file.key == 0 || prior.get(&file.path).is_some_and(|hit| hit.key == file.key) {
        return None;
    }
    let page = CachedPage {
        key: file.key,
        bytes: file.bytes.clone(),
        feed: feed.cloned(),
    };
    Some((file.path.clone(), page))
}

/// Updates the page cache in place with what a build missed, and drops the pages the
/// build no longer makes.
fn refill<'k>(
    cache: &mut crate::cache::FastMap<String, CachedPage>,
    missed: Vec<(String, CachedPage)>,
    keyed: usize,
    paths: impl Iterator<Item = &'k str>,
) {
    cache.extend(missed);
    if cache.len() != keyed {
        let live: std::collections::HashSet<&str> = paths.collect();
        cache.retain(|path, _| live.contains(path.as_str()));
    }
}

/// Renders article `i`'s page and W3C annotation export into `sink`.
fn article_files<S: Sink>(
    shared: &Shared<'_>,
    i: usize,
    keep: bool,
    sink: &S,
) -> Result<ArticleOutput<S::Kept>, Diagnostic> {
    let (page, feed) = article_page(shared, i).map_err(|problem| {
        problem.rendering(shared.anchored.articles[i].article.file.path.display())
    })?;
    let key = page.key;
    let annotations = annotation_file(shared, i, key);
    let mut cached = Vec::new();
    if keep {
        cached.extend(missed(shared.cache, &page, feed.as_ref()));
        if let Some(file) = &annotations {
            cached.extend(missed(shared.cache, file, None));
        }
    }
    let mut kept = vec![sink.put(page)?];
    if let Some(file) = annotations {
        kept.push(sink.put(file)?);
    }
    Ok(ArticleOutput {
        key,
        feed,
        kept,
        cached,
    })
}

/// Every article's summary, the hash of it and its template value, in article order.
struct Summaries {
    list: Vec<Arc<Summary>>,
    keys: Vec<u64>,
    values: Vec<tera::Value>,
}

/// Every article's summary, taken from `cache` for articles whose files, link style and
/// term slugs are unchanged.
fn summaries_with(setting: &Setting<'_>, cache: &mut PageCache) -> Summaries {
    let anchored = setting.anchored;
    let style = summary_style(setting);
    let previous = &cache.summaries;
    let computed: Vec<(CachedSummary, bool)> = anchored
        .articles
        .par_iter()
        .map(|a| match previous.get(&a.article.file.rel) {
            Some(hit) if hit.key == summary_key(style, a) => (hit.clone(), false),
            _ => (summary_of(a, setting), true),
        })
        .collect();
    let summaries = Summaries {
        list: computed
            .iter()
            .map(|(c, _)| Arc::clone(&c.summary))
            .collect(),
        keys: computed.iter().map(|(c, _)| c.hash).collect(),
        values: computed.iter().map(|(c, _)| c.value.clone()).collect(),
    };
    if cache.keep {
        // In place: only what was made anew goes in; gone articles go out.
        for (a, (made, fresh)) in anchored.articles.iter().zip(computed) {
            if fresh {
                cache.summaries.insert(a.article.file.rel.clone(), made);
            }
        }
        if cache.summaries.len() != anchored.articles.len() {
            let live: std::collections::HashSet<&str> = anchored
                .articles
                .iter()
                .map(|a| a.article.file.rel.as_str())
                .collect();
            cache.summaries.retain(|rel, _| live.contains(rel.as_str()));
        }
    }
    summaries
}

/// Hash of the settings an article's summary depends on: the link style and the slugs
/// told apart over the whole archive.
fn summary_style(setting: &Setting<'_>) -> u64 {
    let key = crate::cache::Key::new().str(&format!("{:?}", setting.config.links));
    setting.index.slugs.key(key).finish()
}

/// The key an article's summary is cached under: its files and [`summary_style`].
fn summary_key(style: u64, a: &AnchoredArticle) -> u64 {
    crate::cache::Key::new()
        .u64(style)
        .u64(a.article.key)
        .finish()
}

/// An article's summary, its hash and its template value, made anew.
fn summary_of(a: &AnchoredArticle, setting: &Setting<'_>) -> CachedSummary {
    let summary = archive::summary(a, &setting.links, &setting.index.slugs);
    let json = serde_json::to_vec(&summary).unwrap_or_default();
    CachedSummary {
        key: summary_key(summary_style(setting), a),
        hash: crate::cache::hash(&json),
        value: tera::Value::from_serializable(&summary),
        summary: Arc::new(summary),
    }
}

/// The pages that send readers of an article's or a page's earlier addresses
/// (`redirect_from`) on to it: an immediate refresh to its page, its canonical address
/// for search engines, and a link for browsers that do not refresh.
fn redirects(anchored: &Anchored, links: &Links, config: &Config) -> Vec<OutputFile> {
    let targets = anchored
        .articles
        .iter()
        .map(|a| {
            let a = &a.article;
            (&a.url, &a.title, a.front.language.as_deref(), &a.redirects)
        })
        .chain(
            anchored
                .pages
                .iter()
                .map(|p| (&p.url, &p.title, p.language.as_deref(), &p.redirects)),
        );
    let mut files = Vec::new();
    for (url, title, language, redirects) in targets {
        let title_html = escape_text(title);
        let canonical = config.absolute_url(&format!("{url}/index.html"));
        let own_language = language.map_or(String::new(), |language| {
            format!(
                " lang=\"{language}\" dir=\"{}\"",
                crate::language::direction(language)
            )
        });
        for from in redirects {
            let link = links.page(from, url);
            let html = format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title{own_language}>{title_html}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={link}\">\n</head>\n<body>\n<p><a href=\"{link}\"{own_language}>{title_html}</a></p>\n</body>\n</html>\n",
                lang = config.language,
                dir = crate::language::direction(&config.language),
            );
            files.push(OutputFile::new(from.clone(), html.into_bytes()));
        }
    }
    files
}

/// The site-wide values every template gets.
fn site_context(config: &Config, links: &Links, pages: &[crate::parse::Page]) -> SiteContext {
    // Weighted pages first, lightest first; then the others by title.
    let mut pages: Vec<&crate::parse::Page> = pages.iter().collect();
    pages.sort_by(|a, b| {
        (a.weight.is_none(), a.weight, &a.title, &a.url).cmp(&(
            b.weight.is_none(),
            b.weight,
            &b.title,
            &b.url,
        ))
    });
    let pages = pages
        .into_iter()
        .map(|page| crate::templates::PageLink {
            title: page.title.clone(),
            path: links.page("", &page.url),
            language: page.language.clone(),
            dir: page.language.as_deref().map(crate::language::direction),
        })
        .collect();
    SiteContext {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        dir: crate::language::direction(&config.language),
        base_url: config.base_url.clone(),
        script_labels: config.labels.script_json(),
        pages,
    }
}

/// A context entry as the notes that refer to it show it.
struct SharedEntry<'a> {
    entry: &'a ContextEntry,
    /// Hash of the entry's id and file: what pages showing it depend on.
    key: u64,
    /// The summary as inline HTML, made once for every note that shows it.
    summary_html: String,
}

/// Every context entry as notes show it, by id.
fn shared_entries(anchored: &Anchored) -> HashMap<&str, SharedEntry<'_>> {
    anchored
        .context_entries
        .values()
        .map(|entry| {
            let key = crate::cache::Key::new()
                .str(&entry.id)
                .str(&entry.file.text);
            let shared = SharedEntry {
                entry,
                key: key.finish(),
                summary_html: inline_markdown(&entry.summary),
            };
            (entry.id.as_str(), shared)
        })
        .collect()
}

/// Article `i`'s W3C annotation export (none without notes), reused from the cache under
/// its page's key (the page key covers the article, its notes, the entries they show and
/// the settings).
fn annotation_file(shared: &Shared<'_>, i: usize, key: u64) -> Option<OutputFile> {
    let anchored = &shared.anchored.articles[i];
    if anchored.notes.is_empty() {
        return None;
    }
    let path = format!("{}/{}", anchored.article.url, crate::w3c::FILE_NAME);
    let bytes = match shared.cache.get(&path).filter(|hit| hit.key == key) {
        Some(hit) => hit.bytes.clone(),
        None => {
            let rel = &anchored.article.file.rel;
            let absolute = |url: &str| {
                let target = shared.targets.resolve(rel, url)?;
                Some(shared.config.absolute_link(&target))
            };
            crate::w3c::file(
                anchored,
                shared.config,
                &shared.anchored.context_entries,
                &absolute,
            )
            .into()
        }
    };
    Some(OutputFile::keyed(path, bytes, key))
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

    /// `index.html` when links name files, empty when the host serves folders.
    pub fn index(&self) -> &'static str {
        self.index
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
            link: match path.strip_suffix("index.html") {
                Some(dir) if self.index.is_empty() && (dir.is_empty() || dir.ends_with('/')) => {
                    if dir.is_empty() {
                        "./".to_owned()
                    } else {
                        encode_path(dir)
                    }
                }
                _ => encode_path(path),
            },
            canonical: config.absolute_url(path),
            index: self.index.to_owned(),
            home: self.page(path, ""),
            title: title.to_owned(),
            description: config.description.clone(),
            og_type: "website".to_owned(),
            breadcrumbs: Vec::new(),
            image: None,
        }
    }
}

/// `text` escaped for HTML text or a quoted attribute.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
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

/// `url` with every byte a URL may not hold as it stands (a space, a letter beyond ASCII,
/// quotes, brackets) percent-encoded, and the rest, `%` escapes included, kept: a link
/// as an author wrote it (`ph oto.png`, `été/a.png`, `a%20b.png`), as a valid URL.
pub fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Markdown to HTML, for note bodies and entry bodies (no anchoring there), with every
/// relative link and image URL left as written.
pub fn markdown(text: &str) -> String {
    markdown_with(text, &body::Urls::AS_WRITTEN)
}

/// Markdown to HTML with each link and image URL `urls` retargets replaced by what it
/// gives (see [`targets::Targets::from_page`]; other URLs stay as written), and each
/// image with the size `urls` gives it, loaded as the reader nears it.
pub fn markdown_with(text: &str, urls: &body::Urls<'_>) -> String {
    use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
    let mut html = String::with_capacity(text.len() * 3 / 2);
    let mut parser = crate::parse::reading_text::without_joined_breaks(
        pulldown_cmark::Parser::new_ext(text, crate::parse::reading_text::markdown_options())
            .collect(),
    )
    .into_iter();
    // The event to give after the one just given.
    let mut next: Option<Event<'_>> = None;
    let events = std::iter::from_fn(|| {
        if let Some(event) = next.take() {
            return Some(event);
        }
        Some(match parser.next()? {
            // A wide table scrolls in a box of its own, as in an article's text, instead
            // of widening the note, and the page with it, on a phone.
            event @ Event::Start(Tag::Table(_)) => {
                next = Some(event);
                Event::Html(CowStr::Borrowed(
                    "<div class=\"table-scroll\" tabindex=\"0\">\n",
                ))
            }
            event @ Event::End(TagEnd::Table) => {
                next = Some(Event::Html(CowStr::Borrowed("</div>\n")));
                event
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = body::alt_text(parser.by_ref());
                let src = (urls.retarget)(&dest_url);
                Event::InlineHtml(
                    body::image(
                        src.as_deref().unwrap_or(&dest_url),
                        &alt,
                        &title,
                        (urls.image_size)(&dest_url),
                        true,
                    )
                    .into(),
                )
            }
            event => body::void_element(body::retarget_event(event, urls.retarget)),
        })
    });
    pulldown_cmark::html::push_html(&mut html, events);
    // A comment or <script> a note's body leaves open is closed after it, as an
    // article's is, so the other notes and the page's footer stand.
    if memchr::memchr(b'<', text.as_bytes()).is_some() {
        let closer = left_open::scan([(html.as_str(), 0)]).closer;
        html.push_str(&closer);
    }
    html
}

/// Inline Markdown to HTML without the surrounding `<p>`.
///
/// Summaries are one or two sentences: emphasis, code and links with a scheme render;
/// HTML written in them is shown as text, images are left out and other links keep only
/// their text, since they appear on list pages at every depth and in feeds.
pub fn inline_markdown(text: &str) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut image = 0;
    let mut links = Vec::new();
    let mut shown = false;
    let parser = crate::parse::reading_text::without_joined_breaks(
        pulldown_cmark::Parser::new_ext(text, crate::parse::reading_text::markdown_options())
            .collect(),
    )
    .into_iter()
    .filter_map(|event| {
        // A summary stands inside a paragraph: the blocks of one written with
        // a list or two paragraphs run together, a space apart (`check` warns).
        match &event {
            Event::Start(tag) if !is_inline(tag) => {
                return std::mem::take(&mut shown).then(|| Event::Text(" ".into()));
            }
            Event::End(tag) if !is_inline_end(*tag) => return None,
            Event::Rule | Event::TaskListMarker(_) => return None,
            _ => {}
        }
        shown = true;
        // A summary is shown on pages at every depth and in feeds: images and
        // links relative to the article's own page would break there, so images
        // go and such links keep only their text.
        match &event {
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => {
                image -= 1;
                return None;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let keep = is_absolute_url(dest_url) && is_safe_link(dest_url);
                links.push(keep);
                return keep.then_some(event);
            }
            Event::End(TagEnd::Link) => {
                return links.pop().unwrap_or(false).then_some(event);
            }
            _ => {}
        }
        if image > 0 {
            return None;
        }
        Some(match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            other => body::void_element(other),
        })
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    html.trim().to_owned()
}

/// Whether `tag` stands inside a paragraph (emphasis, a link) rather than making a block.
fn is_inline(tag: &pulldown_cmark::Tag<'_>) -> bool {
    use pulldown_cmark::Tag;
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// [`is_inline`] for the end of a tag.
pub(crate) fn is_inline_end(tag: pulldown_cmark::TagEnd) -> bool {
    use pulldown_cmark::TagEnd;
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Whether `text`, a summary, is more than one paragraph: a list, a heading, a quote or
/// several paragraphs, which [`inline_markdown`] runs together.
pub fn summary_has_blocks(text: &str) -> bool {
    use pulldown_cmark::{Event, Tag};
    // One line that starts as no block but a paragraph does is one (most summaries).
    let first = text.trim_start_matches([' ', '\t']).chars().next();
    let may_open_a_block = text.starts_with("    ")
        || text.starts_with('\t')
        || first.is_some_and(|c| c.is_ascii_digit() || "-*+#>`~<|=_".contains(c));
    if !text.trim_end().contains('\n') && !may_open_a_block {
        return false;
    }
    pulldown_cmark::Parser::new_ext(text, crate::parse::reading_text::markdown_options())
        .filter(|event| match event {
            Event::Start(tag) => !is_inline(tag),
            Event::Rule => true,
            _ => false,
        })
        .take(2)
        .enumerate()
        .any(|(i, event)| i > 0 || !matches!(event, Event::Start(Tag::Paragraph)))
}

/// What [`inline_markdown`] leaves out of `text`: each image, and each link without a
/// scheme (which keeps its words, not its link), as written, in order.
pub fn left_out_of_summary(text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Tag};
    pulldown_cmark::Parser::new_ext(text, crate::parse::reading_text::markdown_options())
        .filter_map(|event| match event {
            Event::Start(Tag::Image { dest_url, .. }) => Some(format!("the image {dest_url}")),
            Event::Start(Tag::Link { dest_url, .. })
                if !is_absolute_url(&dest_url) || !is_safe_link(&dest_url) =>
            {
                Some(format!("the link to {dest_url} (its words stay)"))
            }
            _ => None,
        })
        .collect()
}

/// The schemes a link written in Markdown may lead to; a URL without a scheme is a path.
const SAFE_SCHEMES: [&str; 11] = [
    "http", "https", "mailto", "tel", "sms", "ftp", "sftp", "geo", "xmpp", "irc", "ircs",
];

/// Whether a browser following `url` goes to a place rather than running something:
/// not `javascript:`, `vbscript:`, `data:` or `file:` (the scheme read as browsers read
/// it, tabs and line breaks inside it taken out, entities already read by Markdown),
/// and not a web address without a host (`https://`), which leads nowhere and which the
/// HTML checker rejects ([`crate::parse::sidecar::host_problem`]).
pub fn is_safe_link(url: &str) -> bool {
    crate::parse::url_scheme(url)
        .is_none_or(|scheme| SAFE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()))
        && crate::parse::sidecar::host_problem(url).is_none()
}

/// A URL with a scheme (`https:`, `mailto:`): it means the same from any page.
fn is_absolute_url(url: &str) -> bool {
    crate::parse::url_scheme(url).is_some_and(|scheme| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
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

/// One line of an article's or a page's table of contents.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct ContentsEntry {
    /// The heading's id.
    id: String,
    /// Its words.
    text: String,
    /// Whether it is of the lower of the two levels shown.
    sub: bool,
}

/// An article's or a page's table of contents: its headings of the two highest levels
/// it uses, when there are at least three of them (a shorter text reads as well without
/// one).
pub(crate) fn contents(headings: &[body::Heading]) -> Vec<ContentsEntry> {
    let Some(top) = headings.iter().map(|h| h.level).min() else {
        return Vec::new();
    };
    let shown: Vec<ContentsEntry> = headings
        .iter()
        // An empty heading (`## ` alone) would be a link with no words.
        .filter(|h| h.level <= top + 1 && !h.text.is_empty())
        .map(|h| ContentsEntry {
            id: h.id.clone(),
            text: h.text.clone(),
            sub: h.level > top,
        })
        .collect();
    if shown.len() < 3 {
        return Vec::new();
    }
    shown
}

#[derive(Serialize)]
struct ArticleContext<'a> {
    title: &'a str,
    language: Option<&'a str>,
    dir: Option<&'static str>,
    path: &'a str,
    date: &'a str,
    datetime: &'a str,
    updated: Option<String>,
    /// When it last changed (RFC 3339), if after its publication: for
    /// `article:modified_time`.
    modified_time: Option<String>,
    authors: &'a [NamedLink],
    tags: &'a [NamedLink],
    source: Option<SourceContext>,
    summary_html: &'a str,
    credits: &'a [String],
    body_html: String,
    notes: Vec<tera::Value>,
    corrections: Vec<tera::Value>,
    footnotes: Vec<body::Footnote>,
    contents: Vec<ContentsEntry>,
    headings: Vec<body::Heading>,
    note_count: usize,
    word_count: usize,
    reading_minutes: usize,
    newer: Option<&'a tera::Value>,
    older: Option<&'a tera::Value>,
    related: Vec<&'a tera::Value>,
    json_ld: String,
    annotations: Option<String>,
}

#[derive(Serialize)]
struct SourceContext {
    name: Option<String>,
    url: Option<String>,
    path: Option<String>,
    published: Option<String>,
}

#[derive(Serialize)]
struct ArticlePage<'a> {
    site: &'a SiteContext,
    page: tera::Value,
    article: ArticleContext<'a>,
}

/// What the note partials (`sidenote.html`, `note.html`) get: values made once per page
/// and shared by its notes' renders (template values clone by reference).
#[derive(Serialize)]
struct NotePage<'a> {
    site: &'a tera::Value,
    page: &'a tera::Value,
    note: &'a tera::Value,
}

/// Renders article `i`, and its feed content when it appears in a feed.
fn article_page(shared: &Shared<'_>, i: usize) -> Result<(OutputFile, Option<String>), Diagnostic> {
    let key = article_key(shared, i);
    let path = format!("{}/index.html", shared.anchored.articles[i].article.url);
    if let Some(hit) = shared.cache.get(&path).filter(|hit| hit.key == key) {
        return Ok((
            OutputFile::keyed(path, hit.bytes.clone(), key),
            hit.feed.clone(),
        ));
    }
    let anchored = &shared.anchored.articles[i];
    let article = &anchored.article;
    let summary = &shared.summaries[i];
    let path = format!("{}/index.html", article.url);
    let mut page = shared
        .links
        .page_context(shared.config, &path, &article.title);
    page.og_type = "article".to_owned();
    page.description = plain_text(&summary.summary_html);
    page.image = lead_image(shared, article);
    let notes: Vec<NoteContext> = anchored
        .notes
        .iter()
        .map(|n| note_context(n, anchored, shared, &page.canonical, &path))
        .collect();
    let image = page.image.clone();
    let page = tera::Value::from_serializable(&page);
    let note_values: Vec<tera::Value> = notes.iter().map(tera::Value::from_serializable).collect();
    let sidenotes = note_values
        .iter()
        .map(|note| {
            shared.templates.render(
                "partials/sidenote.html",
                &NotePage {
                    site: &shared.site_value,
                    page: &page,
                    note,
                },
            )
        })
        .collect::<Result<Vec<String>, Diagnostic>>()?;
    let retarget = |url: &str| shared.targets.from_page(&article.file.rel, &path, url);
    let image_size = |url: &str| shared.targets.image_size(&article.file.rel, url);
    let body = body::render(
        article.body_text(),
        &article.reading,
        &anchored.notes,
        &sidenotes,
        &body::Urls {
            retarget: &retarget,
            image_size: &image_size,
        },
        &shared.words,
    );
    let feed = if shared.feed_set.contains(&i) {
        // Met in the feed, not on the article's page: the partials are rendered alone.
        let content = feed_content(shared, anchored, &page, &note_values).map_err(|problem| {
            problem.rendering(format_args!(
                "{}, in its entry for {}",
                archive::feeds::SITE_FEED,
                article.file.path.display()
            ))
        })?;
        Some(content)
    } else {
        None
    };
    let word_count = article.reading.words;
    let index = shared.index;
    let last_change = archive::feeds::last_change(anchored);
    let context = ArticleContext {
        title: &article.title,
        language: summary.language.as_deref(),
        dir: summary.dir,
        path: &summary.path,
        date: &summary.date,
        datetime: &summary.datetime,
        // The byline's "updated" is the last change (a correction after `updated` too),
        // when it fell on a later day than the publication.
        updated: (last_change.day > article.date.day).then(|| last_change.day.to_string()),
        modified_time: (last_change > article.date).then(|| last_change.rfc3339.clone()),
        authors: &summary.authors,
        tags: &summary.tags,
        source: article.front.source.as_ref().map(|s| SourceContext {
            name: s.name.clone(),
            // A path names a file of the site from the article's folder, as its links do.
            url: s
                .url
                .as_deref()
                .map(|url| retarget(url).unwrap_or_else(|| url.to_owned())),
            path: summary.source.as_ref().map(|l| l.path.clone()),
            published: s.published.as_ref().map(|d| d.day.to_string()),
        }),
        summary_html: &summary.summary_html,
        credits: &article.front.credits,
        body_html: body.html,
        corrections: notes
            .iter()
            .zip(&note_values)
            .filter(|(n, _)| n.kind == "correction" && n.date.is_some())
            .map(|(_, value)| value.clone())
            .collect(),
        note_count: notes.len(),
        footnotes: body.footnotes,
        contents: contents(&body.headings),
        headings: body.headings,
        word_count,
        reading_minutes: summary.reading_minutes,
        newer: index.newer[i].map(|n| &shared.summary_values[n]),
        older: index.older[i].map(|n| &shared.summary_values[n]),
        related: index.related[i]
            .iter()
            .map(|&n| &shared.summary_values[n])
            .collect(),
        json_ld: json_ld(shared, anchored, summary, image.as_ref()),
        annotations: (!anchored.notes.is_empty()).then(|| crate::w3c::FILE_NAME.to_owned()),
        notes: note_values,
    };
    let html = shared.templates.render(
        "article.html",
        &ArticlePage {
            site: shared.site,
            page,
            article: context,
        },
    )?;
    Ok((OutputFile::keyed(path, html.into_bytes(), key), feed))
}

/// Everything an article page shows, as one hash: its own files (and so its notes), the
/// context entries its notes refer to, its neighbours' and related articles' summaries,
/// whether it is in a feed, the templates and the settings.
fn article_key(shared: &Shared<'_>, i: usize) -> u64 {
    let anchored = &shared.anchored.articles[i];
    let templates = shared.templates;
    let mut key = crate::cache::Key::new()
        .u64(shared.base_key)
        .u64(templates.key_of("article.html"))
        .u64(templates.key_of("partials/sidenote.html"))
        .u64(templates.key_of("partials/note.html"))
        .u64(anchored.article.key)
        .u64(u64::from(shared.feed_set.contains(&i)));
    for note in &anchored.notes {
        if let Some(entry) = note
            .spec
            .reference
            .as_ref()
            .and_then(|id| shared.entries.get(id.as_str()))
        {
            key = key.u64(entry.key);
        }
    }
    let index = shared.index;
    for neighbour in [index.newer[i], index.older[i]]
        .into_iter()
        .flatten()
        .chain(index.related[i].iter().copied())
    {
        key = key.u64(shared.summary_keys[neighbour]);
    }
    key.finish()
}

/// The article as feed readers get it: the body without sidenotes, the notes as
/// endnotes, every link and image URL made absolute.
fn feed_content(
    shared: &Shared<'_>,
    anchored: &AnchoredArticle,
    page: &tera::Value,
    notes: &[tera::Value],
) -> Result<String, Diagnostic> {
    let article = &anchored.article;
    let none = vec![String::new(); notes.len()];
    let retarget = |url: &str| {
        let target = shared.targets.resolve(&article.file.rel, url)?;
        Some(shared.config.absolute_link(&target))
    };
    let image_size = |url: &str| shared.targets.image_size(&article.file.rel, url);
    let body = body::render(
        article.body_text(),
        &article.reading,
        &anchored.notes,
        &none,
        &body::Urls {
            retarget: &retarget,
            image_size: &image_size,
        },
        &shared.words,
    );
    // An article in its own language: its words carry it and its direction, as on its
    // page, and the site's words (the headings of the notes) the site's.
    let (own, site) = match (article.front.language.as_deref(), article.dir()) {
        (Some(language), Some(dir)) => (
            format!(" lang=\"{}\" dir=\"{dir}\"", escape_text(language)),
            format!(
                " lang=\"{}\" dir=\"{}\"",
                escape_text(&shared.config.language),
                crate::language::direction(&shared.config.language)
            ),
        ),
        _ => (String::new(), String::new()),
    };
    let mut html = if own.is_empty() {
        body.html
    } else {
        format!("<div{own}>\n{}</div>\n", body.html)
    };
    if !body.footnotes.is_empty() {
        let _ = write!(
            html,
            "<section class=\"footnotes\" role=\"doc-endnotes\"{site}><h2>"
        );
        html.push_str(&escape_text(shared.config.labels.get("footnotes")));
        let _ = writeln!(html, "</h2><ol{own}>");
        for footnote in &body.footnotes {
            let _ = write!(html, "<li id=\"{}\">{}", footnote.id, footnote.html);
            for backref in &footnote.backrefs {
                let _ = write!(html, " <a href=\"#{backref}\" role=\"doc-backlink\">↩</a>");
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol></section>\n");
    }
    if !notes.is_empty() {
        let _ = write!(
            html,
            "<section class=\"gloss-notes\" role=\"doc-endnotes\"{site}><h2>"
        );
        html.push_str(&escape_text(shared.config.labels.get("notes")));
        html.push_str("</h2><ol>\n");
        for note in notes {
            html.push_str(&shared.templates.render(
                "partials/note.html",
                &NotePage {
                    site: &shared.site_value,
                    page,
                    note,
                },
            )?);
        }
        html.push_str("</ol></section>\n");
    }
    let page_url = shared.config.absolute_url(&format!("{}/", article.url));
    Ok(targets::absolute_in(&html, &page_url))
}

/// The picture that stands for an article where it is shared: the first image of its
/// body that is a file of the site or on the web, with its description and size.
fn lead_image(
    shared: &Shared<'_>,
    article: &crate::parse::Article,
) -> Option<crate::templates::PageImage> {
    use pulldown_cmark::{Event, Tag};
    let body = article.body_text();
    // Most articles have no picture: only those that may are parsed again.
    if !body.contains("![") {
        return None;
    }
    let mut events = crate::parse::reading_text::events(body).map(|(event, _)| event);
    // Sharing cards show no SVG: the first picture of another kind stands for it.
    let is_svg = |url: &str| {
        let path = &url[..url.find(['?', '#']).unwrap_or(url.len())];
        path.to_ascii_lowercase().ends_with(".svg")
    };
    let (url, alt) = loop {
        if let Event::Start(Tag::Image { dest_url, .. }) = events.next()? {
            let alt = body::alt_text(events.by_ref());
            if !is_svg(&dest_url) {
                break (dest_url, alt);
            }
        }
    };
    let rel = &article.file.rel;
    let absolute = match shared.targets.resolve(rel, &url) {
        Some(target) => shared.config.absolute_link(&escape_url(&target)),
        None if url.starts_with("https://") || url.starts_with("http://") => escape_url(&url),
        None => return None,
    };
    let size = shared.targets.image_size(rel, &url);
    Some(crate::templates::PageImage {
        url: absolute,
        alt,
        width: size.map(|(w, _)| w),
        height: size.map(|(_, h)| h),
    })
}

/// schema.org `NewsArticle` JSON-LD, escaped for a `<script>` element.
fn json_ld(
    shared: &Shared<'_>,
    anchored: &AnchoredArticle,
    summary: &Summary,
    image: Option<&crate::templates::PageImage>,
) -> String {
    let article = &anchored.article;
    let url = shared.config.absolute_url(&format!("{}/", article.url));
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.rfc3339,
        "dateModified": archive::feeds::updated(anchored),
        "author": article.front.authors.iter().map(|a| serde_json::json!({"@type": "Person", "name": a})).collect::<Vec<_>>(),
        "publisher": {"@type": "Organization", "name": shared.config.title},
        "mainEntityOfPage": url,
        "url": url,
        "description": plain_text(&summary.summary_html),
        "keywords": article.front.tags,
        "inLanguage": article.front.language.as_deref().unwrap_or(&shared.config.language),
    });
    if let Some(image) = image {
        value["image"] = serde_json::json!([image.url]);
    }
    // No authors: no `author` at all, rather than an empty list.
    if article.front.authors.is_empty() {
        if let Some(map) = value.as_object_mut() {
            map.remove("author");
        }
    }
    script_safe(&serde_json::to_string(&value).unwrap_or_default())
}

/// JSON text with `<`, `>` and `&` written as escapes, so that inside a `<script>` no
/// string in it can close the element (`</script>`) or read as markup.
pub(crate) fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A note's quoted words as a `<q>` shows them: white space collapsed, and without the
/// quotation marks they stand in when the quote takes those in (`“rescued a failing
/// system”`, `« L’eau paie l’eau »`): the element gives its own, in the page's language.
pub(crate) fn quote_shown(quoted: &str) -> String {
    const PAIRS: [(char, char); 10] = [
        ('"', '"'),
        ('\u{201C}', '\u{201D}'),
        ('\u{201E}', '\u{201C}'),
        ('\u{201E}', '\u{201D}'),
        ('\u{AB}', '\u{BB}'),
        ('\u{BB}', '\u{AB}'),
        ('\u{2018}', '\u{2019}'),
        ('\u{2039}', '\u{203A}'),
        ('\u{300C}', '\u{300D}'),
        ('\u{300E}', '\u{300F}'),
    ];
    let words = quoted.split_whitespace().collect::<Vec<_>>().join(" ");
    for (open, close) in PAIRS {
        let Some(inner) = words
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        else {
            continue;
        };
        // One quotation, not two (`"A" and "B"`), and words inside it.
        let inner = inner.trim_matches(|c: char| c.is_whitespace());
        if !inner.is_empty() && !inner.contains(open) && !inner.contains(close) {
            return inner.to_owned();
        }
    }
    words
}

fn note_context(
    note: &AnchoredNote,
    article: &AnchoredArticle,
    shared: &Shared<'_>,
    canonical: &str,
    from: &str,
) -> NoteContext {
    let spec = &note.spec;
    let entry = spec
        .reference
        .as_deref()
        .and_then(|id| shared.entries.get(id))
        .map(|shown| EntryLink {
            id: shown.entry.id.clone(),
            title: shown.entry.title.clone(),
            summary_html: shown.summary_html.clone(),
            url: shared
                .links
                .page(from, &format!("context/{}", shown.entry.id)),
            language: shown.entry.language.clone(),
            dir: shown.entry.dir(),
        });
    NoteContext {
        number: note.number,
        id: format!("note-{}", note.number),
        ref_id: format!("noteref-{}", note.number),
        side_id: format!("sidenote-{}", note.number),
        kind: spec.kind.clone(),
        kind_label: shared.config.labels.kind(&spec.kind),
        quote: quote_shown(&note.quoted),
        body_html: spec.body.as_deref().map(|body| {
            // A note's sidecar sits beside its article: its links are read from there.
            let rel = &article.article.file.rel;
            markdown_with(
                body,
                &body::Urls {
                    retarget: &|url| shared.targets.from_page(rel, from, url),
                    image_size: &|url| shared.targets.image_size(rel, url),
                },
            )
        }),
        entry,
        sources: spec.sources.clone(),
        date: spec.date.as_ref().map(|d| d.day.to_string()),
        fragment_url: format!("{canonical}{}", note_fragment(note, article)),
        language: article.article.front.language.clone(),
        dir: article.article.dir(),
        body_language: article.article.front.language.as_deref().map(|own| {
            let body = spec.body.as_deref().unwrap_or_default();
            crate::language::language_of(body, own, &shared.config.language).to_owned()
        }),
    }
}

/// The text fragment of a note's words; other notes' markers and the author's footnote
/// references inside them split the words.
fn note_fragment(note: &AnchoredNote, article: &AnchoredArticle) -> String {
    let inner: Vec<usize> = article
        .notes
        .iter()
        .filter(|other| other.spec.index != note.spec.index)
        .map(|other| other.range.end)
        .chain(article.article.reading.footnote_refs.iter().copied())
        .collect();
    crate::w3c::text_fragment(&article.article.reading, &note.range, &inner)
}

/// The built-in static files, overridden by the site's `static/`, plus the highlighting
/// stylesheet and the assets found in `content/`. With `pass_over`, the entries of
/// `static/` that cannot be taken are left out rather than failing the render.
fn static_files(
    config: &Config,
    anchored: &Anchored,
    pass_over: bool,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, Vec<u8>> = BUILT_IN_STATIC
        .iter()
        .map(|(name, text)| ((*name).to_owned(), text.as_bytes().to_vec()))
        .collect();
    files.insert(
        "syntax.css".to_owned(),
        highlight::stylesheet().into_bytes(),
    );
    // Every problem of static/ at once, each entry named (a link out of the site, an
    // unreadable folder, a name with a backslash), as content/'s are.
    let (own, problems) = crate::load::static_dir_keeping(&config.root, &config.static_dir);
    if !problems.is_empty() && !pass_over {
        return Err(problems);
    }
    let read: Vec<Result<(String, Vec<u8>), Diagnostic>> = own
        .into_par_iter()
        .map(|asset| {
            std::fs::read(&asset.path)
                .map(|bytes| (asset.rel, bytes))
                .map_err(|err| io_error(config, &asset.path, &err.to_string()))
        })
        .collect();
    let mut unread = Vec::new();
    for result in read {
        match result {
            Ok((rel, bytes)) => {
                files.insert(rel, bytes);
            }
            Err(problem) => unread.push(problem),
        }
    }
    if !unread.is_empty() {
        return Err(unread);
    }
    for asset in &anchored.assets {
        if files.contains_key(&asset.rel) {
            // Overrides go in static/; a file under content/ at the same place is one
            // of two files for one path.
            let shown = crate::diagnostic::display_path(&config.root, &asset.path);
            let own = config.static_dir.join(&asset.rel);
            let other = if own.is_file() {
                crate::diagnostic::display_path(&config.root, &own)
                    .display()
                    .to_string()
            } else {
                format!("gloss's own {}", asset.rel)
            };
            return Err(vec![Diagnostic::error(
                shown,
                format!("this file would be published at {}, in place of {other}", asset.rel),
            )
            .hint("rename or move the file; to replace one of gloss's own files, put yours in static/")]);
        }
        let bytes = std::fs::read(&asset.path)
            .map_err(|err| vec![io_error(config, &asset.path, &err.to_string())])?;
        files.insert(asset.rel.clone(), bytes);
    }
    Ok(files
        .into_iter()
        .map(|(path, bytes)| OutputFile::new(path, bytes))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_that_takes_in_its_quotation_marks_is_shown_without_them() {
        assert_eq!(
            quote_shown("\u{201C}rescued a failing system\u{201D}"),
            "rescued a failing system"
        );
        assert_eq!(
            quote_shown("\u{AB}\u{A0}L\u{2019}eau paie l\u{2019}eau\u{A0}\u{BB}"),
            "L\u{2019}eau paie l\u{2019}eau"
        );
        assert_eq!(quote_shown("\"the deal\""), "the deal");
        // Two quotations, marks inside, words across lines: as written, on one line.
        assert_eq!(quote_shown("\"A\" and \"B\""), "\"A\" and \"B\"");
        assert_eq!(
            quote_shown("the \u{201C}deal\u{201D}"),
            "the \u{201C}deal\u{201D}"
        );
        assert_eq!(quote_shown("the\n  deal"), "the deal");
        assert_eq!(quote_shown("\u{201C}\u{201D}"), "\u{201C}\u{201D}");
    }

    #[test]
    fn a_table_of_contents_shows_the_two_highest_levels_of_three_headings_or_more() {
        let heading = |level: u8, id: &str| body::Heading {
            level,
            id: id.to_owned(),
            text: id.to_uppercase(),
        };
        let shown = |headings: &[body::Heading]| -> Vec<(String, bool)> {
            contents(headings)
                .into_iter()
                .map(|entry| (entry.id, entry.sub))
                .collect()
        };
        let body = [
            heading(2, "a"),
            heading(3, "a1"),
            heading(4, "a1x"),
            heading(2, "b"),
        ];
        assert_eq!(
            shown(&body),
            [
                ("a".into(), false),
                ("a1".into(), true),
                ("b".into(), false)
            ]
        );
        // Sections written as `#`: the levels are the body's own.
        let body = [heading(1, "a"), heading(1, "b"), heading(2, "b1")];
        assert_eq!(shown(&body).len(), 3);
        assert!(shown(&[heading(2, "a"), heading(2, "b"), heading(4, "c")]).is_empty());
        assert!(shown(&[]).is_empty());
        // An empty heading is no entry.
        let empty = body::Heading {
            text: String::new(),
            ..heading(2, "section")
        };
        assert!(shown(&[heading(2, "a"), empty, heading(2, "b")]).is_empty());
    }

    #[test]
    fn a_table_in_a_note_scrolls_in_a_box_of_its_own() {
        let html = markdown("Before.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nAfter.\n");
        assert!(
            html.contains("<div class=\"table-scroll\" tabindex=\"0\">\n<table>"),
            "{html}"
        );
        assert!(html.contains("</table>\n</div>\n<p>After.</p>"), "{html}");
    }

    #[test]
    fn urls_are_escaped_where_they_must_be_and_kept_elsewhere() {
        assert_eq!(
            escape_url("2024/été/ph oto.png"),
            "2024/%C3%A9t%C3%A9/ph%20oto.png"
        );
        assert_eq!(escape_url("a%20b.png?v=1&w=2#x"), "a%20b.png?v=1&w=2#x");
        assert_eq!(
            escape_url("https://e.org/\"a\"<b>"),
            "https://e.org/%22a%22%3Cb%3E"
        );
    }

    #[test]
    fn a_summary_stays_inline_whatever_blocks_it_is_written_with() {
        assert_eq!(inline_markdown("One *two*.\n"), "One <em>two</em>.");
        let html = inline_markdown("- one\n- [x] two\n\nSecond **paragraph**.\n\n## Head\n\n---\n");
        assert_eq!(html, "one two Second <strong>paragraph</strong>. Head");
        assert!(!summary_has_blocks("One *two*, [three](https://e.org)."));
        for blocks in [
            "- one", "1. one", "# Head", "> quoted", "a\n\nb", "a\n\n---",
        ] {
            assert!(summary_has_blocks(blocks), "{blocks}");
        }
    }

    /// An article may not take a name gloss writes at the top of the site; the list the
    /// parser checks against has to know every one of them.
    #[test]
    fn the_parser_reserves_every_top_level_name_the_render_writes() {
        let reserved = crate::parse::RESERVED_SEGMENTS;
        let written = BUILT_IN_STATIC
            .iter()
            .map(|(name, _)| *name)
            .chain(["syntax.css", crate::search::DIR, "404.html", "atom.xml"])
            .chain(["sitemap.xml", "robots.txt", "tags", "authors", "sources"])
            .chain(["archive", "context", "page"]);
        for name in written {
            assert!(reserved.contains(&name), "{name} is not reserved");
        }
    }
}
