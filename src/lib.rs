//! gloss: a static site generator for annotated articles.
//!
//! Editors keep Markdown articles and, next to each, a sidecar of notes anchored to
//! phrases of the text. gloss reads both, anchors every note to its words, and renders a
//! static HTML archive. The pipeline runs one way, each stage a function from the last
//! stage's data to new data:
//!
//! ```text
//! load -> parse -> anchor -> render -> write
//! ```
//!
//! [`build`] and [`check`] below are that pipeline; `main.rs` only prints.

pub mod anchor;
pub mod archive;
pub mod cache;
pub mod config;
pub mod diagnostic;
pub mod editorial;
pub mod import;
pub mod incremental;
pub mod labels;
pub mod language;
pub mod load;
mod memory;
pub mod output;
pub mod parse;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod templates;
pub mod w3c;

use config::{Config, Drafts};
use diagnostic::{Diagnostic, Diagnostics, Severity};
use render::Site;
use templates::Templates;

/// Builds every page in memory; [`output::write`] puts them on disk.
///
/// # Errors
/// Every problem of the first stage that has any, as diagnostics.
pub fn build(config: &Config) -> Result<Site, Diagnostics> {
    build_with(config, &mut cache::BuildCache::default())
}

/// [`build`], reusing what `cache` holds from earlier builds and filling it for the next.
///
/// # Errors
/// As [`build`].
pub fn build_with(config: &Config, cache: &mut cache::BuildCache) -> Result<Site, Diagnostics> {
    let mut files = build_into(config, cache, &render::Keep)?;
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    // Files of static/ go in with the pages; `build` refuses a clash when it writes them.
    if let Some(problem) = output::written_twice(files.iter().map(|f| f.path.as_str())) {
        return Err(Diagnostics(vec![output::name_static_file(
            problem,
            &config.static_dir,
            &config.root,
        )]));
    }
    Ok(Site { files })
}

/// How [`rebuild`] brought a site up to date.
#[derive(Debug)]
pub enum Rebuilt {
    /// Only the files depending on one saved article were made again and put in place;
    /// this many pages changed.
    Patched(usize),
    /// A whole (cached) build, to replace the site.
    Whole(Site),
}

/// Brings the site of the last build with `cache` up to date after the files at
/// `changed` were saved (see [`incremental`]). A saved article whose lists and index
/// entries stay the same is patched in: `put` gets the files that replace the site's
/// (and gives them back when the site lacks one of their paths). Anything else builds
/// anew with the cache. Either way the site ends up as a full build would make it.
///
/// # Errors
/// As [`build`]; the site is then left as it was.
pub fn rebuild(
    config: &Config,
    cache: &mut cache::BuildCache,
    changed: &[std::path::PathBuf],
    put: impl FnOnce(Vec<render::OutputFile>) -> Result<usize, Vec<render::OutputFile>>,
) -> Result<Rebuilt, Diagnostics> {
    cache.forget(changed);
    if let Some(files) = incremental::article_saved(config, cache, changed) {
        if let Ok(pages) = put(files) {
            return Ok(Rebuilt::Patched(pages));
        }
    }
    build_with(config, cache).map(Rebuilt::Whole)
}

/// The whole pipeline, each rendered file handed to `sink` as soon as it is made (an
/// [`output::Staging`] writes it at once, so the build never holds every page).
///
/// # Errors
/// As [`build`], and whatever the sink refuses.
pub fn build_into<S: render::Sink>(
    config: &Config,
    cache: &mut cache::BuildCache,
    sink: &S,
) -> Result<Vec<S::Kept>, Diagnostics> {
    let content = load_content(config, cache)?;
    build_loaded(config, cache, content, sink)
}

/// The first stage: every file under `content/`, read (or, with a cache that keeps,
/// taken from the last load when its time and size are unchanged).
///
/// # Errors
/// A missing content folder, or files that cannot be read or are not UTF-8.
pub fn load_content(
    config: &Config,
    cache: &mut cache::BuildCache,
) -> Result<load::Content, Diagnostics> {
    // What the last build left to patch is only set again once this one has succeeded.
    cache.content = None;
    let mut stamps = std::mem::take(&mut cache.files);
    let content = load::content_dir_with(&config.root, &config.content_dir, &mut stamps)
        .map_err(Diagnostics::from)?;
    if cache.keep {
        cache.files = stamps;
    }
    Ok(content)
}

/// [`build_into`] from content already loaded by [`load_content`] with the same cache.
///
/// # Errors
/// As [`build_into`].
pub fn build_loaded<S: render::Sink>(
    config: &Config,
    cache: &mut cache::BuildCache,
    content: load::Content,
    sink: &S,
) -> Result<Vec<S::Kept>, Diagnostics> {
    let alike = load::alike_paths(&config.root, &config.content_dir, &content);
    let (parsed, problems) = parse::collect(content, config.drafts, &cache.parsed);
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    cache.drafts_left_out = parsed.drafts_left_out;
    let headings = parsed_warnings(&parsed);
    if cache.keep {
        cache.parsed = parsed
            .articles
            .iter()
            .map(|a| (a.file.rel.clone(), a.clone()))
            .collect();
    }
    let anchored = anchor_with(parsed, cache)?;
    let templates = Templates::load_all(&config.root, &config.templates_dir, &config.labels)
        .map_err(Diagnostics)?;
    let index_key = archive::index::key(&anchored.articles, &mut cache.index_parts);
    let index = match &cache.index {
        Some((key, index)) if *key == index_key => std::sync::Arc::clone(index),
        _ => std::sync::Arc::new(archive::index(&anchored.articles)),
    };
    if cache.keep {
        cache.index = Some((index_key, std::sync::Arc::clone(&index)));
    }
    let mut kept = render::site(
        &anchored,
        &index,
        config,
        &templates,
        &mut cache.pages,
        sink,
    )
    .map_err(Diagnostics::from)?;
    cache.standing = templates.warnings().to_vec();
    cache.standing.extend(alike);
    cache.standing.extend(headings);
    cache.warnings = anchor::places::moved(&anchored.articles, &cache.places);
    cache.places = anchor::places::record(&anchored.articles);
    if let Some(file) = places_file(&cache.places) {
        kept.push(sink.put(file).map_err(Diagnostics::from)?);
    }
    if cache.keep {
        cache.content = Some(anchored);
    } else {
        memory::drop_aside(anchored);
    }
    Ok(kept)
}

/// The record of where notes placed by `occurrence` stand, as a file of the site; none
/// when no note has an `occurrence`.
pub(crate) fn places_file(record: &anchor::places::Record) -> Option<render::OutputFile> {
    anchor::places::file_text(record)
        .map(|text| render::OutputFile::new(anchor::places::FILE, text.into_bytes()))
}

/// Hash of the set of context entry ids: anchoring an article depends on it.
pub(crate) fn entries_key(
    entries: &std::collections::BTreeMap<String, parse::ContextEntry>,
) -> u64 {
    entries
        .keys()
        .fold(cache::Key::new(), |k, id| k.str(id))
        .finish()
}

/// The key an anchored article is cached under: its parse key and the entry ids.
pub(crate) fn anchor_key(article: &parse::Article, entries_key: u64) -> u64 {
    cache::Key::new().u64(article.key).u64(entries_key).finish()
}

/// Anchors the articles the cache does not already hold anchored under the same key
/// (the article's parse key and the set of context entry ids).
fn anchor_with(
    parsed: parse::Parsed,
    cache: &mut cache::BuildCache,
) -> Result<anchor::Anchored, Diagnostics> {
    let entries_key = entries_key(&parsed.context_entries);
    let key_of = |article: &parse::Article| anchor_key(article, entries_key);
    let mut reused = Vec::new();
    let mut fresh = Vec::new();
    for article in parsed.articles {
        match cache.anchored.get(&article.file.rel) {
            Some((key, hit)) if *key == key_of(&article) => reused.push(hit.clone()),
            _ => fresh.push(article),
        }
    }
    let parsed = parse::Parsed {
        articles: fresh,
        ..parsed
    };
    let mut anchored = anchor::content(parsed).map_err(Diagnostics::from)?;
    anchored.articles.append(&mut reused);
    anchored
        .articles
        .sort_by(|a, b| a.article.file.rel.cmp(&b.article.file.rel));
    if cache.keep {
        cache.anchored = anchored
            .articles
            .iter()
            .map(|a| (a.article.file.rel.clone(), (key_of(&a.article), a.clone())))
            .collect();
    }
    Ok(anchored)
}

/// Every Markdown body of the parsed content: articles', pages' and context entries'.
fn bodies(
    parsed: &parse::Parsed,
) -> impl Iterator<Item = (&load::SourceFile, std::ops::Range<usize>)> {
    parsed
        .articles
        .iter()
        .map(|a| (&a.file, a.body.clone()))
        .chain(parsed.pages.iter().map(|p| (&p.file, p.body.clone())))
        .chain(
            parsed
                .context_entries
                .values()
                .map(|e| (&e.file, e.body.clone())),
        )
}

/// What `check` warns of in the parsed content, whether or not its notes anchor: dates,
/// a source's address without its name, and headings' braces and ids (which `build` warns of too).
pub(crate) fn parsed_warnings(parsed: &parse::Parsed) -> Vec<Diagnostic> {
    let now = jiff::ZonedDateTime::now();
    let mut found = parse::date_warnings(
        parsed.articles.iter().map(|a| &**a),
        now.timestamp(),
        now.date(),
    );
    found.extend(parse::source_warnings(parsed.articles.iter().map(|a| &**a)));
    found.extend(parsed.warnings.iter().cloned());
    // Each body is read on its own, in parallel; the warnings keep the bodies' order.
    use rayon::prelude::*;
    let all: Vec<_> = bodies(parsed).collect();
    let (headings, (footnotes, notes)) = rayon::join(
        || {
            all.par_iter()
                .flat_map_iter(|body| render::body::heading_warnings(std::iter::once(body.clone())))
                .collect::<Vec<_>>()
        },
        || {
            rayon::join(
                || {
                    all.par_iter()
                        .flat_map_iter(|body| unused_footnotes(std::iter::once(body.clone())))
                        .collect::<Vec<_>>()
                },
                || note_warnings(parsed),
            )
        },
    );
    found.extend(headings);
    found.extend(footnotes);
    found.extend(
        all.par_iter()
            .flat_map_iter(|body| render::left_open::warnings(std::iter::once(body.clone())))
            .collect::<Vec<_>>(),
    );
    let summaries = parsed
        .articles
        .iter()
        .filter_map(|a| Some((&a.file, a.body.start, a.front.summary.as_deref()?, false)))
        .chain(
            parsed
                .context_entries
                .values()
                .map(|e| (&e.file, e.body.start, e.summary.as_str(), true)),
        );
    found
        .extend(summaries.filter_map(|(file, body, summary, entry)| {
            summary_warning(file, body, summary, entry)
        }));
    found.extend(notes);
    found
}

/// A warning for each footnote a body defines and never refers to: Markdown shows no
/// such footnote.
fn unused_footnotes<'a>(
    bodies: impl Iterator<Item = (&'a load::SourceFile, std::ops::Range<usize>)>,
) -> Vec<Diagnostic> {
    use pulldown_cmark::{Event, Tag};
    let mut found = Vec::new();
    for (file, body) in bodies {
        let text = &file.text[body.clone()];
        if !text.contains("[^") {
            continue;
        }
        let mut referred = std::collections::HashSet::new();
        let mut defined = Vec::new();
        for (event, range) in parse::reading_text::events(text) {
            match event {
                Event::FootnoteReference(label) => {
                    referred.insert(label.to_string());
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    defined.push((label.to_string(), range));
                }
                _ => {}
            }
        }
        for (label, range) in defined.into_iter().filter(|(l, _)| !referred.contains(l)) {
            let start = body.start + range.start;
            let line_end = file.text[start..]
                .find('\n')
                .map_or(file.text.len(), |n| start + n);
            found.push(
                Diagnostic::warning(
                    &file.path,
                    format!("the footnote [^{label}] is never referred to, so it is not shown"),
                )
                .at(&file.text, start..line_end.min(body.end))
                .label("never referred to")
                .hint(format!(
                    "refer to it with [^{label}] where it belongs in the text, or remove it"
                )),
            );
        }
    }
    found
}

/// Warnings for notes that show less than their writer may think: a correction without
/// a `date` (the article's list of corrections leaves it out) or dated before the
/// article; a note without a `body` whose context entry has no summary to show in its
/// place (the note shows only a link to the entry).
fn note_warnings(parsed: &parse::Parsed) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for article in &parsed.articles {
        let Some(sidecar) = &article.sidecar else {
            continue;
        };
        for (i, spec) in sidecar.notes.iter().enumerate() {
            // The place of a key of the note, or the start of its entry.
            let key = |name: &str| {
                let entry = sidecar.note_text(i);
                parse::key_span(&sidecar.file.text[entry.clone()], name)
                    .map_or(entry.start..entry.start, |at| {
                        entry.start + at.start..entry.start + at.end
                    })
            };
            let number = spec.index + 1;
            // Raw HTML in the body that would break the page (closed after the note, but
            // written so by a slip), at the body's key: the body's own places are not kept.
            if let Some(body) = spec.body.as_deref().filter(|b| b.contains('<')) {
                let events: Vec<_> = parse::reading_text::events(body).collect();
                for finding in render::left_open::scan(render::left_open::pieces(&events)).findings
                {
                    let (message, hint) = finding.message(render::left_open::Holder::Note);
                    found.push(
                        Diagnostic::warning(
                            &sidecar.file.path,
                            format!("in note {number}'s body, {message}"),
                        )
                        .at(&sidecar.file.text, key("body"))
                        .label(spec.label(&sidecar.file.text, key("body").start))
                        .hint(hint),
                    );
                }
            }
            for &name in &spec.spans.nuls {
                let message = if name == "body" {
                    format!("note {number}'s body holds a NUL character (U+0000)")
                } else {
                    format!(
                        "note {number} cites a source whose title holds a NUL character (U+0000)"
                    )
                };
                found.push(
                    Diagnostic::warning(&sidecar.file.path, message)
                    .at(&sidecar.file.text, key(name))
                    .label(spec.label(&sidecar.file.text, key(name).start))
                    .note("no web page may hold a NUL, so it is published as \u{FFFD} (U+FFFD); it often comes from text pasted from a binary file or a UTF-16 one")
                    .hint("remove the character, or write what it stood for"),
                );
            }
            // A kind of the writer's own is a label; one a letter or two from a kind gloss
            // knows is a slip that loses what that kind does (a correction's listing).
            let lower = spec.kind.to_lowercase();
            let known = parse::sidecar::KNOWN_KINDS.contains(&spec.kind.as_str());
            if let Some(meant) = parse::sidecar::KNOWN_KINDS
                .into_iter()
                .filter(|_| !known)
                .find(|known| diagnostic::edit_distance(&lower, known) <= 2)
            {
                found.push(
                    Diagnostic::warning(
                        &sidecar.file.path,
                        format!(
                            "note {number} has kind `{}`, which gloss shows as a label of its own",
                            spec.kind
                        ),
                    )
                    .at(&sidecar.file.text, key("kind"))
                    .label(spec.label(&sidecar.file.text, key("kind").start))
                    .hint(format!("did you mean `{meant}`?")),
                );
            }
            if spec.kind != "correction" {
                continue;
            }
            // A date written wrongly is an error of its own, which names the fix.
            let written = |name: &str| {
                let entry = sidecar.note_text(i);
                parse::key_span(&sidecar.file.text[entry], name).is_some()
            };
            let warning = match &spec.date {
                None if written("date") => continue,
                None => Diagnostic::warning(
                    &sidecar.file.path,
                    format!("note {number} is a correction without a `date`: the article's list of corrections leaves it out"),
                )
                .at(&sidecar.file.text, key("kind"))
                .hint("add the day it was corrected: date = 2019-03-04"),
                Some(date) if date.day < article.date.day => Diagnostic::warning(
                    &sidecar.file.path,
                    format!(
                        "note {number} is a correction dated {}, before the article ({})",
                        date.day, article.date.day
                    ),
                )
                .at(&sidecar.file.text, key("date"))
                .hint("give the day the article was corrected"),
                Some(_) => continue,
            };
            let at = warning.span.as_ref().map_or(0, |span| span.start);
            found.push(warning.label(spec.label(&sidecar.file.text, at)));
        }
        for spec in sidecar.notes.iter().filter(|n| n.body.is_none()) {
            let Some(entry) = spec
                .reference
                .as_ref()
                .and_then(|id| parsed.context_entries.get(id))
                .filter(|e| e.summary.trim().is_empty())
            else {
                continue;
            };
            let span = spec
                .spans
                .reference
                .clone()
                .unwrap_or_else(|| spec.spans.entry.clone());
            found.push(
                Diagnostic::warning(
                    &sidecar.file.path,
                    format!(
                        "note {} shows only a link to the context entry `{}`: it has no body, and the entry no summary to show instead",
                        spec.index + 1,
                        entry.id
                    ),
                )
                .label(spec.label(&sidecar.file.text, span.start))
                .at(&sidecar.file.text, span)
                .note(format!(
                    "{} has no `summary`, and no paragraph of text to take one from",
                    entry.file.path.display()
                ))
                .hint("give the note a `body`, or the entry a `summary`"),
            );
        }
    }
    found
}

/// A warning for a `summary` written with links or images that lists and feeds cannot
/// show: a summary stands on pages at every depth and in feeds, so a relative link keeps
/// only its words there, and an image is left out. None for a summary taken from the
/// first paragraph, whose links stay in the body.
fn summary_warning(
    file: &load::SourceFile,
    body: usize,
    summary: &str,
    entry: bool,
) -> Option<Diagnostic> {
    if render::summary_has_blocks(summary) {
        let span = parse::key_span(&file.text[..body], "summary")?;
        return Some(
            Diagnostic::warning(
                &file.path,
                "this summary holds a list, a heading or several paragraphs, which are run together into one line wherever it is shown",
            )
            .at(&file.text, span)
            .label("run together")
            .hint("a summary is one or two sentences of inline Markdown: write it as one paragraph, and put the list in the body"),
        );
    }
    if !summary.contains("](") && !summary.contains("]:") && !summary.contains("][") {
        return None;
    }
    let span = parse::key_span(&file.text[..body], "summary")?;
    let left_out = render::left_out_of_summary(summary);
    if left_out.is_empty() {
        return None;
    }
    // An article's summary is shown on lists and in feeds; an entry's in the notes that
    // refer to it and on the context index.
    let (shown, places) = if entry {
        (
            "notes and the context index show",
            "in notes on pages at every depth",
        )
    } else {
        (
            "lists and feeds show",
            "on pages at every depth and in feeds",
        )
    };
    Some(
        Diagnostic::warning(
            &file.path,
            format!("{shown} this summary without {}", left_out.join(", ")),
        )
        .at(&file.text, span)
        .label("shown elsewhere")
        .hint(format!("a summary is shown {places}: link with a full address (https://...), or put the link or image in the body")),
    )
}

/// Names spelled two ways, when some notes did not anchor and there is no index of the
/// anchored archive to read them from: the taxonomies need no notes, so each article is
/// taken as it is, its notes left out.
fn spellings_without_notes(articles: &[std::sync::Arc<parse::Article>]) -> Vec<Diagnostic> {
    let articles: Vec<std::sync::Arc<anchor::AnchoredArticle>> = articles
        .iter()
        .map(|article| {
            std::sync::Arc::new(anchor::AnchoredArticle {
                article: std::sync::Arc::clone(article),
                notes: Vec::new(),
            })
        })
        .collect();
    archive::spellings::warnings(&articles, &archive::index(&articles))
}

/// Runs the whole pipeline without writing, drafts included, and reports every problem
/// in every file: anchoring problems of sound files are reported even when other files
/// fail to parse.
pub fn check(config: &Config) -> Diagnostics {
    let mut config = config.clone();
    config.drafts = Drafts::Include;
    let mut found: Vec<Diagnostic> = Vec::new();
    let content = match load::content_dir_keeping(&config.root, &config.content_dir) {
        Ok((content, mut unread)) => {
            found.append(&mut unread);
            found.extend(load::alike_paths(
                &config.root,
                &config.content_dir,
                &content,
            ));
            content
        }
        Err(problems) => return Diagnostics(problems),
    };
    // static/'s problems are named here: the render below passes over them, so the
    // site's links are still checked against the files static/ holds.
    if let Err(mut problems) = load::static_dir(&config.root, &config.static_dir) {
        found.append(&mut problems);
    }
    let (parsed, mut problems) = parse::collect(content, config.drafts, &cache::FastMap::default());
    found.append(&mut problems);
    // Every file was read and parsed: the site's pages are all known, whatever its notes
    // (a sidecar's problems leave its article's page standing).
    let all_parsed = !found
        .iter()
        .any(|d| d.severity == Severity::Error && !load::is_sidecar(&d.file.to_string_lossy()));
    found.extend(parsed_warnings(&parsed));
    let templates = match Templates::load_all(&config.root, &config.templates_dir, &config.labels) {
        Ok(templates) => {
            found.extend(templates.warnings().iter().cloned());
            Some(templates)
        }
        Err(mut problems) => {
            found.append(&mut problems);
            None
        }
    };
    let every_article = parsed.articles.clone();
    let (mut anchored, partly, mut problems) = anchor::content_in_part(parsed);
    // Notes an edit moved, in every article, also beside a note of its that found no place.
    let last = anchor::places::read(&config.output_dir);
    found.extend(anchor::places::moved(&anchored.articles, &last));
    found.extend(anchor::places::moved(&partly, &last));
    drop(partly);
    if !problems.is_empty() {
        found.append(&mut problems);
        if !all_parsed {
            found.extend(spellings_without_notes(&every_article));
            return sorted(found);
        }
        // The rest of the check (links, templates, names) still runs over the whole
        // site: an article some of whose notes found no place stands in it without
        // notes, as its page would.
        let placed: std::collections::HashSet<&str> = anchored
            .articles
            .iter()
            .map(|a| a.article.file.rel.as_str())
            .collect();
        let unplaced: Vec<std::sync::Arc<anchor::AnchoredArticle>> = every_article
            .iter()
            .filter(|a| !placed.contains(a.file.rel.as_str()))
            .map(|article| {
                std::sync::Arc::new(anchor::AnchoredArticle {
                    article: std::sync::Arc::clone(article),
                    notes: Vec::new(),
                })
            })
            .collect();
        anchored.articles.extend(unplaced);
        anchored
            .articles
            .sort_by(|a, b| a.article.file.rel.cmp(&b.article.file.rel));
    }
    drop(every_article);
    let index = archive::index(&anchored.articles);
    found.extend(archive::spellings::warnings(&anchored.articles, &index));
    let site_templates = templates
        .map(|templates| rendered_checks(&config, &anchored, &index, &templates, all_parsed));
    match site_templates {
        Some(Ok(mut more)) => found.append(&mut more),
        failed => {
            if let Some(Err(mut problems)) = failed {
                found.append(&mut problems);
            }
            // The site's templates fail, and its links are still checked: with gloss's
            // own templates, whose pages have the same paths and the articles' same ids.
            if let Ok(built_in) = Templates::built_in(&config.labels) {
                if let Ok(mut more) =
                    rendered_checks(&config, &anchored, &index, &built_in, all_parsed)
                {
                    found.append(&mut more);
                }
            }
        }
    }
    sorted(found)
}

/// What `check` finds by rendering the site with `templates` without writing it: files
/// written twice or alike in case, a template's links to no file of the site, dead links
/// and links to a place a page lacks.
///
/// # Errors
/// The problems of a template that fails to render.
fn rendered_checks(
    config: &Config,
    anchored: &anchor::Anchored,
    index: &archive::Index,
    templates: &Templates,
    all_parsed: bool,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut pages = cache::PageCache::default();
    // Where links lead, before the render (which reads the same image sizes from
    // here): the pages that links name a place in are read for ids as they go by.
    let links = render::Links::new(config);
    let targets =
        render::targets::Targets::new(anchored, &links, &config.static_dir, &pages.images);
    pages.images = targets.images().clone();
    let fragment_links = render::fragments::links(anchored, &targets);
    let sink = render::Discard {
        wanted: render::fragments::wanted(&fragment_links),
    };
    match render::site(anchored, index, config, templates, &mut pages, &sink) {
        Ok(checked) => {
            let mut lacking = cache::FastMap::default();
            let mut made = Vec::with_capacity(checked.len());
            for render::Checked {
                path,
                lacking: what,
            } in checked
            {
                if let Some(what) = what {
                    lacking.insert(path.clone(), what);
                }
                made.push(path);
            }
            // A safety net for clashes no earlier stage names with their
            // sources; after those, it would only repeat them (a sidecar's
            // problems name no path).
            if all_parsed {
                made.sort_unstable();
                found.extend(
                    output::all_written_twice(made.iter().map(String::as_str))
                        .into_iter()
                        .map(|problem| {
                            output::name_static_file(problem, &config.static_dir, &config.root)
                        }),
                );
            }
            // A theme's own links to files of the site: a misspelt stylesheet or a
            // picture left out of static/ fails silently on every page.
            let files: std::collections::HashSet<&str> = made.iter().map(String::as_str).collect();
            for (file, text, span, target) in templates.root_links() {
                let decoded = parse::percent_decoded(&target).unwrap_or_default();
                if files.contains(target.as_str()) || files.contains(decoded.as_str()) {
                    continue;
                }
                found.push(
                    Diagnostic::warning(
                        file,
                        format!("`{target}` is no file of the site: every page links to it"),
                    )
                    .at(&text, span)
                    .label("nothing at this path")
                    .hint(format!(
                        "put the file at static/{target}, or correct the path (static/ and what gloss makes, such as style.css and atom.xml, are the site's files)"
                    )),
                );
            }
            // Files of content/ alike in case are named by load (`alike_paths`): not
            // again by the pages made of them.
            let mut sources: std::collections::HashMap<String, String> = anchored
                .assets
                .iter()
                .map(|a| (a.rel.clone(), a.rel.to_lowercase()))
                .collect();
            for article in &anchored.articles {
                let article = &article.article;
                for file in ["index.html", crate::w3c::FILE_NAME] {
                    sources.insert(
                        format!("{}/{file}", article.url),
                        article.file.rel.to_lowercase(),
                    );
                }
            }
            let warned = |one: &str, other: &str| {
                use unicode_normalization::UnicodeNormalization;
                let source =
                    |path: &str| sources.get(path).map(|rel| rel.nfc().collect::<String>());
                source(one).is_some() && source(one) == source(other)
            };
            for (one, other) in output::alike_in_case(made.iter().map(String::as_str)) {
                if warned(one, other) {
                    continue;
                }
                found.push(
                    Diagnostic::warning(
                        other,
                        format!("this file of the site differs only in case from {one}"),
                    )
                    .note("on a disk or host that ignores case (macOS, Windows, some uploads) one replaces the other")
                    .hint("give the page, file or `redirect_from` address another name"),
                );
            }
            found.extend(render::targets::dead_links(anchored, &targets, &made));
            found.extend(render::fragments::missing(&fragment_links, &lacking));
            Ok(found)
        }
        Err(problems) => Err(problems),
    }
}

/// The problems in order, each once: a problem two stages meet (an unreadable file of
/// static/) is reported once.
fn sorted(found: Vec<Diagnostic>) -> Diagnostics {
    let mut diagnostics = Diagnostics(found);
    diagnostics.sort_unique();
    diagnostics
}
