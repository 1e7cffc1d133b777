//! The editorial subcommands: `new`, `import`, `import-notes` and `check --fix`.
//!
//! In: their arguments. Out: the files written, what was removed or changed shown for
//! review, and diagnostics for what is left to do. The clock is read here and nowhere
//! else: `new` and `import` date an article today unless `--date` is given.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;

use gloss::diagnostic::{display_path, Diagnostic, Diagnostics};
use gloss::editorial::article_file::Placement;
use gloss::editorial::atomic_file;
use gloss::editorial::refit::{self, Outcome};
use gloss::editorial::{diff, notes_import, rewrite};

use super::RootArgs;

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    pub(super) root: RootArgs,
    /// Propose new quote/prefix/suffix for notes whose words were edited, as a diff.
    #[arg(long)]
    pub(super) fix: bool,
    /// With --fix: rewrite the sidecars in place (TOML only; comments and layout kept).
    #[arg(long, requires = "fix")]
    write: bool,
    /// How to report: `text` for people, `json` for tools (one JSON document on stdout:
    /// the counts and every problem with its file, line, column, message and hint).
    #[arg(long, value_enum, default_value = "text", conflicts_with = "fix")]
    pub(super) format: Format,
    /// The folder the site is built into, when not <root>/public: where the last build
    /// remembered each note's place, to tell which notes an edit moved.
    #[arg(long, value_name = "DIR")]
    pub(super) output: Option<PathBuf>,
}

impl CheckArgs {
    /// The settings `check` reads the site with: only the output folder can differ.
    pub(super) fn overrides(&self) -> gloss::config::Overrides {
        gloss::config::Overrides {
            output_dir: self.output.clone(),
            ..gloss::config::Overrides::default()
        }
    }
}

/// How `check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Format {
    /// For people, on stderr.
    Text,
    /// One JSON document, on stdout.
    Json,
}

/// The site `new` and `import` write to.
#[derive(Debug, Args)]
struct SiteArgs {
    /// The site's folder (holds site.toml and content/); by default the folder gloss runs
    /// in, which is refused when it lies inside a site without being its folder.
    #[arg(long)]
    root: Option<PathBuf>,
}

impl SiteArgs {
    /// `--root`, or the folder gloss runs in when that is a site's folder or lies in no
    /// site: `new` and `import` there start a site. Run from a folder inside a site (its
    /// `content/2019`), they would start a second site in it, so that is refused, as
    /// `build` and `check` refuse to run there, naming the site's folder.
    fn root(&self) -> Result<PathBuf, Diagnostic> {
        if let Some(root) = &self.root {
            return Ok(root.clone());
        }
        let here = PathBuf::from(".");
        if here.join(gloss::config::FILE).exists() {
            return Ok(here);
        }
        let Ok(cwd) = std::env::current_dir() else {
            return Ok(here);
        };
        let Some(site) = cwd
            .ancestors()
            .skip(1)
            .find(|dir| dir.join(gloss::config::FILE).is_file())
        else {
            return Ok(here);
        };
        let depth = cwd.components().count() - site.components().count();
        let up = vec![".."; depth].join("/");
        let inside = cwd
            .strip_prefix(site)
            .map(|rel| rel.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        // An article can go to this folder when it is one under content/.
        let here_too = if inside == "content" || inside.starts_with("content/") {
            format!(" (--dir {inside} puts the article in this folder)")
        } else {
            String::new()
        };
        Err(Diagnostic::usage(
            Path::new(&up).join(gloss::config::FILE),
            format!(
                "this folder lies inside the site at {up} ({}), and would become a second site within it",
                site.display()
            ),
        )
        .hint(format!(
            "run gloss in {up}{here_too}, or give `--root {up}`; to start a separate site here after all, give `--root .`"
        )))
    }
}

#[derive(Debug, Args)]
pub(super) struct NewArgs {
    /// The headline; the file name is made from it.
    title: String,
    /// Start a page outside the archive (About, Contact) in content/pages/, with no
    /// date and no sidecar, instead of an article.
    #[arg(long, conflicts_with_all = ["date", "dir", "authors", "tags"])]
    page: bool,
    /// Author (repeat for several).
    #[arg(long = "author")]
    authors: Vec<String>,
    /// Tag (repeat for several).
    #[arg(long = "tag")]
    tags: Vec<String>,
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    placement: PlacementArgs,
}

#[derive(Debug, Args)]
struct PlacementArgs {
    /// Publication date (2019-03-01, or 2019-03-01T10:00:00Z as front matter takes it);
    /// today when not given.
    #[arg(long, value_parser = publication_day)]
    date: Option<jiff::civil::Date>,
    /// Folder under content/ for the article (default: content/<year of the date>).
    #[arg(long)]
    dir: Option<String>,
}

#[derive(Debug, Args)]
pub(super) struct ImportArgs {
    /// Raw scraped text files: the headline on the first line, then the paragraphs.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    placement: PlacementArgs,
    /// Author (repeat for several); otherwise taken from the byline, else a closing bio.
    #[arg(long = "author")]
    authors: Vec<String>,
    /// Name of the publication the text comes from.
    #[arg(long)]
    source_name: Option<String>,
    /// Address of the original.
    #[arg(long)]
    source_url: Option<String>,
    /// The article's file name (without .md), when not the one made from its headline:
    /// for a second story with the same headline. One file only.
    #[arg(long)]
    slug: Option<String>,
}

#[derive(Debug, Args)]
pub(super) struct ImportNotesArgs {
    /// A W3C Web Annotation document (.jsonld / .json) or a Hypothesis export.
    file: PathBuf,
    /// The article the notes belong to (content/2019/x.md).
    #[arg(long)]
    article: PathBuf,
    #[command(flatten)]
    root: RootArgs,
}

/// The day of a `--date` written as front matter takes one (`2019-03-01`,
/// `2019-03-01T10:00:00Z`); otherwise a message that says how to write it, not the
/// parser's own words.
fn publication_day(text: &str) -> Result<jiff::civil::Date, String> {
    gloss::parse::front_matter::DateValue::parse(text).map(|date| date.day)
}

fn today(date: Option<jiff::civil::Date>) -> jiff::civil::Date {
    date.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

fn placement(root: &Path, args: &PlacementArgs) -> Placement {
    Placement {
        content_dir: root.join("content"),
        dir: args.dir.clone(),
    }
}

/// `text` as one word of a shell command: as it is when it holds nothing a shell reads,
/// otherwise in single quotes (`'it'\''s'`).
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "._-/+,:@%=".contains(c))
    {
        return text.to_owned();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// `gloss new "Title"`.
pub(super) fn new(args: &NewArgs) -> Result<(), Diagnostics> {
    if let Some(folder) = folder_not_headline(&args.title) {
        return Err(Diagnostic::usage(
            "the title",
            format!(
                "`{}` reads as a folder, not a headline: `gloss new` starts an article (and, in a folder with no site.toml, the site around it, there)",
                args.title
            ),
        )
        .hint(format!(
            "to start a site in {folder}, give the folder with --root and a headline: `gloss new --root {} \"My first article\"`",
            shell_word(&folder)
        ))
        .into());
    }
    let root = &args.site.root()?;
    // The site's settings first: a write that fails (a full disk) then leaves no
    // article in a folder that is no site yet, and the same command works once more.
    start_site(root)?;
    if args.page {
        let page = gloss::editorial::new_page(root, &root.join("content"), &args.title)?;
        println!(
            "wrote {} (a draft page outside the archive: remove `draft = true` to publish it)",
            display_path(root, &page).display()
        );
        return Ok(());
    }
    let files = gloss::editorial::new_article(
        root,
        &placement(root, &args.placement),
        &args.title,
        today(args.placement.date),
        &args.authors,
        &args.tags,
    )?;
    println!(
        "wrote {} (a draft: remove `draft = true` to publish it)",
        display_path(root, &files.article).display()
    );
    println!(
        "wrote {} (no notes yet; an example is in its comments)",
        display_path(root, &files.sidecar).display()
    );
    Ok(())
}

/// The folder a `gloss new` title names instead of a headline (`mysite/`, `./blog`,
/// `/tmp/site`, `sites/blog` where `sites` is a folder): a word with a path's slashes
/// and no spaces.
/// Headlines with a slash or a dot (`AC/DC`, `24/7`, `.NET`) are headlines.
fn folder_not_headline(title: &str) -> Option<String> {
    let title = title.trim();
    if title.is_empty() || title.chars().any(char::is_whitespace) {
        return None;
    }
    let path = Path::new(title);
    let pathlike = title.ends_with(['/', '\\'])
        || ["/", "./", "../", "~/", ".\\", "..\\"]
            .iter()
            .any(|start| title.starts_with(start))
        || title == "."
        || title == ".."
        || (title.contains(['/', '\\'])
            && path
                .parent()
                .is_some_and(|parent| !parent.as_os_str().is_empty() && parent.is_dir()));
    pathlike.then(|| title.trim_end_matches(['/', '\\']).to_owned())
}

/// Writes a `site.toml` where there is none, and says so.
fn start_site(root: &Path) -> Result<(), Diagnostics> {
    if let Some(path) = gloss::editorial::start_site(root)? {
        println!(
            "wrote {} (a new site: give it its title and the base_url it will be published at)",
            display_path(root, &path).display()
        );
    }
    Ok(())
}

/// `gloss import FILE...`: one article per file; a file that fails does not stop the others.
pub(super) fn import(args: &ImportArgs) -> Result<(), Diagnostics> {
    let root = &args.site.root()?;
    let options = gloss::editorial::ImportOptions {
        date: today(args.placement.date),
        authors: args.authors.clone(),
        source_name: args.source_name.clone(),
        source_url: args.source_url.clone(),
        slug: args.slug.clone(),
    };
    if args.slug.is_some() && args.files.len() > 1 {
        return Err(Diagnostic::usage(
            "--slug",
            "--slug names one article, and this import has several files",
        )
        .hint("import the file that needs another name on its own, with --slug")
        .into());
    }
    let placement = placement(root, &args.placement);
    let mut problems = Vec::new();
    // Each article this run wrote, as shown, with the raw file it came from.
    let mut written: Vec<(PathBuf, &Path)> = Vec::new();
    for file in &args.files {
        let raw = match std::fs::read(file) {
            Ok(bytes) => match gloss::load::utf8_text(file, bytes) {
                Ok(raw) => raw,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            },
            Err(err) => {
                problems.push(Diagnostic::io_of_argument(
                    file,
                    "cannot read the text",
                    &err,
                ));
                continue;
            }
        };
        match gloss::editorial::import_article(root, &placement, &raw, &options) {
            Ok(imported) => {
                report_import(root, file, &imported);
                written.push((display_path(root, &imported.path), file));
                if let Err(problem) = start_site(root) {
                    // No article is left in a folder that did not become a site.
                    let _ = std::fs::remove_file(&imported.path);
                    return Err(problem);
                }
                if args.placement.date.is_none() {
                    println!(
                        "  dated today ({}): give --date with the day it was first published",
                        options.date
                    );
                }
            }
            Err(mut problem) => {
                // A text without a headline gloss can name a file after is the text's
                // problem, named at its file, as the others.
                if problem.file == Path::new("the title") {
                    problem.category = gloss::diagnostic::Category::Content;
                    problem.hint = Some("the first line is the headline: give it letters or digits, or name the file with --slug".to_owned());
                    problem.file = PathBuf::from("(import)");
                }
                if problem.file == Path::new("(import)") {
                    problem.file.clone_from(file);
                }
                if problem.message.starts_with("the file already exists") {
                    name_the_raw_file(&mut problem, file, &written);
                }
                problems.push(problem);
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(problems))
    }
}

/// Says which raw `file` could not be written to an article that exists, and, when this
/// run wrote that article from another file, that the two have the same headline.
fn name_the_raw_file(problem: &mut Diagnostic, file: &Path, written: &[(PathBuf, &Path)]) {
    let earlier = written
        .iter()
        .find(|(article, _)| *article == problem.file)
        .map(|(_, raw)| raw);
    problem.message = match earlier {
        Some(earlier) => {
            problem.hint = Some(format!(
                "import {} on its own with --slug to give it another file name",
                file.display()
            ));
            format!(
                "{} has the same headline as {}, which this import wrote to this file; gloss never overwrites it",
                file.display(),
                earlier.display()
            )
        }
        None => format!("cannot import {}: {}", file.display(), problem.message),
    };
}

fn report_import(root: &Path, file: &Path, imported: &gloss::editorial::ImportedArticle) {
    use gloss::import::RemovalKind;
    let cleaned = &imported.cleaned;
    println!(
        "wrote {} from {}",
        display_path(root, &imported.path).display(),
        file.display()
    );
    let shown: Vec<_> = cleaned
        .removed
        .iter()
        .filter(|r| r.kind != RemovalKind::BlankLines)
        .collect();
    let blank = cleaned.removed.len() - shown.len();
    if shown.is_empty() && blank == 0 && cleaned.changes.is_empty() {
        println!("  nothing removed: the text passed through unchanged");
    } else if shown.is_empty() && blank == 0 {
        println!("  nothing removed");
    }
    for change in &cleaned.changes {
        println!("  changed line {}: {change}", change.line);
    }
    for removal in shown {
        let kept = if removal.kind == RemovalKind::PhotoCredit {
            " (kept in the front matter as a credit)"
        } else {
            ""
        };
        println!(
            "  removed line {}, {}: {}{kept}",
            removal.line,
            removal.kind,
            quoted(&removal.text)
        );
    }
    if blank > 0 {
        println!("  removed {blank} extra blank line(s)");
    }
    for doubt in &cleaned.doubts {
        println!(
            "  warning: kept line {}, which looks like a {} but is not shaped like one: {}; cut it by hand if it is one",
            doubt.line,
            doubt.kind,
            quoted(&excerpt(&doubt.text))
        );
    }
    if !cleaned.bio_authors.is_empty() && imported.authors == cleaned.bio_authors {
        println!(
            "  authors from the closing bio: {}",
            cleaned.bio_authors.join(", ")
        );
    } else if !cleaned.byline_authors.is_empty() && imported.authors == cleaned.byline_authors {
        println!(
            "  authors from the byline: {}",
            cleaned.byline_authors.join(", ")
        );
    } else if imported.authors.is_empty() {
        println!("  no author found in a byline or a closing bio: add them with --author \"Name\", or in the front matter");
    }
}

/// The new anchoring values of a sidecar's notes, by the note's place in the sidecar.
type Changes = Vec<(usize, refit::Anchoring)>;

/// `gloss check --fix [--write]`: proposes, and with `--write` makes, the changes that
/// put lost notes back on their words; fails while any note stays unplaced.
pub(super) fn fix(args: &CheckArgs) -> Result<(), Diagnostics> {
    // As `check`, goes on past a site.toml it can still read, and reports its problems.
    let (config, site_problems) =
        gloss::config::Config::load_in_part(&args.root.root, args.overrides())?;
    let content = gloss::load::content_dir(&config.root, &config.content_dir)?;
    let (parsed, mut problems) = gloss::parse::collect(
        content,
        gloss::config::Drafts::Include,
        &gloss::cache::FastMap::default(),
    );
    let mut pending = 0;
    let mut unplaced = 0;
    // The sidecar and where the entry starts of each note given new values.
    let mut mending: Vec<(PathBuf, usize)> = Vec::new();
    // The same for each note that stays unplaced, whose problem is reported here.
    let mut reported: Vec<(PathBuf, usize)> = Vec::new();
    // Where every note's entry starts, by sidecar: a note's problems lie before the next.
    let entries: std::collections::HashMap<PathBuf, Vec<usize>> = parsed
        .articles
        .iter()
        .filter_map(|article| article.sidecar.as_ref())
        .map(|sidecar| {
            let starts = sidecar.notes.iter().map(|n| n.spans.entry.start);
            (sidecar.file.path.clone(), starts.collect())
        })
        .collect();
    // Each sidecar's changes, in file order: notes that lost their words, then notes
    // placed by `occurrence` that an edit moved, put back where they stood.
    let mut sidecars: std::collections::BTreeMap<String, (gloss::load::SourceFile, Changes)> =
        std::collections::BTreeMap::new();
    for sidecar in refit::content(&parsed) {
        let file = &sidecar.sidecar;
        let mut changes = Vec::new();
        for note in &sidecar.notes {
            match &note.outcome {
                Outcome::Refit { to, place } => {
                    println!(
                        "{}: note {} re-anchored to article line {} ({} edit(s) from the old quote): {}",
                        file.path.display(),
                        note.spec.index + 1,
                        place.line,
                        place.quote_edits,
                        place.excerpt
                    );
                    changes.push((note.spec.index, to.clone()));
                    mending.push((file.path.clone(), note.spec.spans.entry.start));
                }
                Outcome::Unplaced { .. } => {
                    unplaced += 1;
                    problems.extend(refit::unplaced_diagnostic(file, note));
                    reported.push((file.path.clone(), note.spec.spans.entry.start));
                }
            }
        }
        sidecars.insert(file.rel.clone(), (file.clone(), changes));
    }
    {
        // Also in an article some other note of which found no place.
        let (anchored, partly, _) = gloss::anchor::content_in_part(parsed);
        let mut articles = anchored.articles;
        articles.extend(partly);
        let last = gloss::anchor::places::read(&config.output_dir);
        for moved in gloss::anchor::places::moves(&articles, &last) {
            let article = &moved.article.article;
            let Some(sidecar) = &article.sidecar else {
                continue;
            };
            let haystack = gloss::anchor::locate::Haystack::new(&article.reading);
            let spec = &moved.note.spec;
            let Some(to) =
                refit::unique_anchoring(&haystack, article.body_text(), spec, &moved.was, None)
            else {
                continue;
            };
            let block = article
                .reading
                .block_at(moved.was.start)
                .map(|b| article.reading.blocks[b].text.clone());
            println!(
                "{}: note {} put back where it stood at the last build: {}",
                sidecar.file.path.display(),
                spec.index + 1,
                refit::excerpt(&article.reading.text, &moved.was, block)
            );
            sidecars
                .entry(sidecar.file.rel.clone())
                .or_insert_with(|| (sidecar.file.clone(), Vec::new()))
                .1
                .push((spec.index, to));
            mending.push((sidecar.file.path.clone(), spec.spans.entry.start));
        }
    }
    for (file, changes) in sidecars.values() {
        // `file.path` is the path as shown (from the site's folder); `rel` is under content/.
        let shown = file.path.clone();
        let on_disk = file
            .rel
            .split('/')
            .fold(config.content_dir.clone(), |path, part| path.join(part));
        if changes.is_empty() {
            continue;
        }
        let rel = gloss::diagnostic::path_text(&shown);
        // gloss reads a file without its byte-order mark; the rewrite keeps the one on disk.
        let written = match std::fs::read(&on_disk) {
            Ok(bytes) if bytes.starts_with("\u{feff}".as_bytes()) => {
                format!("\u{feff}{}", file.text)
            }
            _ => file.text.to_string(),
        };
        let rewritten = match rewrite::apply(&file.rel, &written, changes) {
            Ok(text) => text,
            Err(err) => {
                // Not pending: --write cannot make these; the problem says so.
                for (index, to) in changes {
                    println!("  note {}: {}", index + 1, anchoring_values(to));
                }
                problems.push(
                    Diagnostic::error(&shown, err.to_string())
                        .hint("make the changes shown above by hand, then run `gloss check`"),
                );
                continue;
            }
        };
        print!("{}", diff::unified(&rel, &written, &rewritten, 2));
        if args.write {
            // Whole or not at all, as `import-notes` writes a sidecar.
            atomic_file::write(&on_disk, rewritten.as_bytes(), atomic_file::Mode::Replace)
                .map_err(|err| Diagnostic::io(&shown, "cannot write the sidecar", &err))?;
            println!("wrote {}", shown.display());
        } else {
            pending += changes.len();
        }
    }
    if pending > 0 {
        println!("{pending} note(s) can be re-anchored: run gloss check --fix --write to write the changes above");
    }
    if !problems.is_empty() {
        if unplaced > 0 {
            println!("{unplaced} note(s) stay unplaced: see below");
        }
        // The rest of the site is checked too, leaving out the notes reported above.
        let mut report = gloss::check(&config);
        report.0.retain(|problem| {
            !mending
                .iter()
                .chain(&reported)
                .any(|note| in_entry(problem, note, &entries))
        });
        problems.extend(report.0);
        problems.extend(site_problems);
        let mut problems = Diagnostics(problems);
        problems.sort_unique();
        return Err(problems);
    }
    if pending == 0 {
        return super::check(&args.root, args.overrides());
    }
    // Every note has a place, some only once the changes above are written: the rest of
    // the site is checked, leaving out what those changes mend.
    let mut report = gloss::check(&config);
    report.0.extend(site_problems);
    report.sort();
    report
        .0
        .retain(|problem| !mending.iter().any(|note| in_entry(problem, note, &entries)));
    if report.has_errors() {
        return Err(report);
    }
    // The sidecars on disk still hold what a build refuses: the last line says so.
    super::print_diagnostics(&report, std::io::stderr().is_terminal());
    println!("{}", pending_tally(pending, report.0.len()));
    Ok(())
}

/// Whether `problem` lies in the entry of `note` (its sidecar, and where its entry
/// starts): between that start and the next note's, by `entries`.
fn in_entry(
    problem: &Diagnostic,
    (file, start): &(PathBuf, usize),
    entries: &std::collections::HashMap<PathBuf, Vec<usize>>,
) -> bool {
    let end = entries
        .get(file)
        .and_then(|starts| starts.iter().filter(|s| *s > start).min().copied())
        .unwrap_or(usize::MAX);
    *file == problem.file
        && problem
            .span
            .as_ref()
            .is_some_and(|span| (*start..end).contains(&span.start))
}

/// The last line of `check --fix` without `--write` when every note has a place, some
/// only once the `pending` changes shown are written: nothing is written, so `build`
/// still fails until they are.
fn pending_tally(pending: usize, warnings: usize) -> String {
    let left = match warnings {
        0 => "no problems left".to_owned(),
        1 => "no errors, 1 warning left".to_owned(),
        n => format!("no errors, {n} warnings left"),
    };
    format!(
        "{left} once the changes above are written; nothing written yet: run gloss check \
         --fix --write to re-anchor {pending} note(s)"
    )
}

/// `gloss import-notes FILE --article content/...md`.
pub(super) fn import_notes(args: &ImportNotesArgs) -> Result<(), Diagnostics> {
    let root = &args.root.root;
    let source = std::fs::read(&args.file).map_err(|err| {
        Diagnostic::io_of_argument(&args.file, "cannot read the annotations", &err)
    })?;
    let source = gloss::load::utf8_text(&args.file, source)?;
    let json: serde_json::Value = serde_json::from_str(&source).map_err(|err| {
        Diagnostic::error(&args.file, format!("not JSON: {err}"))
            .hint("export the annotations as W3C JSON-LD or a Hypothesis JSON export")
    })?;
    let (annotations, skipped) = gloss::w3c::read(&json);
    // Nothing to import is said before any file is written.
    let linked = gloss::w3c::linked_pages(&json);
    if !linked.is_empty() {
        return Err(Diagnostic::error(
            &args.file,
            format!(
                "the collection's pages are only named by their addresses ({}), so their annotations are not in this file",
                linked.join(", ")
            ),
        )
        .hint("export the annotations with every page in the file (W3C JSON-LD with embedded pages, or a Hypothesis JSON export)")
        .into());
    }
    if annotations.is_empty() {
        let mut problem = Diagnostic::error(&args.file, "no annotation to import in this file");
        for reason in &skipped {
            problem = problem.note(format!("skipped {reason}"));
        }
        return Err(problem
            .hint("export the annotations as W3C JSON-LD or a Hypothesis JSON export, with a comment on each")
            .into());
    }
    // Like every path gloss takes, relative to --root first.
    let article_path = if root.join(&args.article).is_file() {
        root.join(&args.article)
    } else {
        args.article.clone()
    };
    let rel = relative_to(&article_path, &root.join("content")).ok_or_else(|| {
        Diagnostic::error(
            &args.article,
            "the article is not under the site's content/ folder",
        )
        .hint("give the article's path, such as content/2019/x.md, and --root for the site")
    })?;
    let file = gloss::load::read_text(root, &article_path, rel)?;
    let content = gloss::load::Content {
        articles: vec![file],
        ..gloss::load::Content::default()
    };
    let mut parsed = gloss::parse::content(content, gloss::config::Drafts::Include)?;
    // A file without a date is a page outside the archive, which takes no notes.
    if parsed.articles.is_empty() {
        return Err(Diagnostic::error(
            &args.article,
            "this file is a page outside the archive (it has no date), and pages take no notes",
        )
        .hint("import the notes into an article: a Markdown file with a `date` in its front matter")
        .into());
    }
    let article = parsed.articles.remove(0);
    let notes = notes_import::place(&article, &annotations);
    let sidecar_path = existing_sidecar(&article_path)
        .unwrap_or_else(|| gloss::editorial::article_file::sidecar_path(&article_path));
    let existing = std::fs::read_to_string(&sidecar_path).ok();
    let sidecar_name = sidecar_path.to_string_lossy().into_owned();
    let header = format!(
        "# Notes on \"{}\", imported from {} by gloss import-notes.",
        article.title.replace(['\n', '\r'], " "),
        args.file.file_name().map_or_else(
            || args.file.display().to_string(),
            |n| n.to_string_lossy().into_owned()
        )
    );
    let (text, already) = notes_import::append(
        existing.as_deref().map(|t| (sidecar_name.as_str(), t)),
        &header,
        &notes,
    )
    .map_err(|err| {
        Diagnostic::error(display_path(root, &sidecar_path), err.to_string())
            .hint("import into an article whose sidecar is TOML, or has none yet")
    })?;
    // Whole or not at all: a full disk leaves the sidecar as it was, never cut in a note.
    atomic_file::write(&sidecar_path, text.as_bytes(), atomic_file::Mode::Replace).map_err(
        |err| {
            Diagnostic::io(
                display_path(root, &sidecar_path),
                "cannot write the sidecar",
                &err,
            )
        },
    )?;
    let mut lost = 0;
    for (index, note) in notes.iter().enumerate() {
        if already.contains(&index) {
            println!(
                "  already in the sidecar: {}",
                quoted(&note.anchoring.quote)
            );
            continue;
        }
        match note.line {
            Some(line) => println!(
                "  placed {} at article line {line}",
                quoted(&note.anchoring.quote)
            ),
            None => {
                lost += 1;
                println!(
                    "  UNPLACED {}: {}; run gloss check --fix",
                    quoted(&note.anchoring.quote),
                    note.unplaced.as_deref().unwrap_or("no place found")
                );
            }
        }
    }
    // A ref to a context entry the site lacks fails the next check: said here, with the
    // file to create.
    let mut missing = 0;
    for (index, note) in notes.iter().enumerate() {
        let Some(id) = note.reference.as_deref() else {
            continue;
        };
        let entry = root.join("content/context").join(format!("{id}.md"));
        if already.contains(&index) || entry.is_file() {
            continue;
        }
        missing += 1;
        println!(
            "  NO ENTRY for the note on {}: it refers to the context entry `{id}`; create {} or change the note's ref",
            quoted(&note.anchoring.quote),
            display_path(root, &entry).display()
        );
    }
    for reason in &skipped {
        println!("  skipped {reason}");
    }
    let added = notes.len() - already.len();
    println!(
        "{} {added} note(s) to {} ({} placed, {lost} unplaced, {} skipped, {} already there)",
        if existing.is_some() {
            "appended"
        } else {
            "wrote"
        },
        display_path(root, &sidecar_path).display(),
        added - lost,
        skipped.len(),
        already.len()
    );
    let problems: Vec<Diagnostic> = [
        (
            lost,
            "found no place in the article",
            "run `gloss check --fix` to see the nearest passages",
        ),
        (
            missing,
            "refer to context entries the site lacks",
            "create each entry named above under content/context/, or change the notes' ref",
        ),
    ]
    .into_iter()
    .filter(|(count, ..)| *count > 0)
    .map(|(count, what, hint)| {
        Diagnostic::error(
            display_path(root, &sidecar_path),
            format!("{count} imported note(s) {what}"),
        )
        .hint(hint)
    })
    .collect();
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    Ok(())
}

/// `path` relative to `dir`, with `/` separators, when it lies under it.
fn relative_to(path: &Path, dir: &Path) -> Option<String> {
    // Resolved, `..` and links included: `content/../../x.md` lies outside.
    let path = std::fs::canonicalize(path).ok()?;
    let dir = std::fs::canonicalize(dir).ok()?;
    let rel = path.strip_prefix(&dir).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

fn existing_sidecar(article: &Path) -> Option<PathBuf> {
    ["annotations.toml", "annotations.yaml", "annotations.yml"]
        .iter()
        .map(|ext| article.with_extension(ext))
        .find(|p| p.exists())
}

/// `text`, or its start and end around ` … ` when it is longer than a line of a report.
fn excerpt(text: &str) -> String {
    const HEAD: usize = 60;
    const TAIL: usize = 30;
    let count = text.chars().count();
    if count <= HEAD + TAIL + 10 {
        return text.to_owned();
    }
    let head: String = text.chars().take(HEAD).collect();
    let tail: String = text.chars().skip(count - TAIL).collect();
    format!("{} … {}", head.trim_end(), tail.trim_start())
}

/// `text` as a double-quoted string that TOML and YAML both read back as it is.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// A note's anchoring keys as a writer would set them by hand; a key to remove is named.
fn anchoring_values(to: &gloss::editorial::refit::Anchoring) -> String {
    let mut parts = vec![format!("quote = {}", quoted(&to.quote))];
    for (key, value) in [("prefix", &to.prefix), ("suffix", &to.suffix)] {
        parts.push(match value {
            Some(value) => format!("{key} = {}", quoted(value)),
            None => format!("no {key}"),
        });
    }
    parts.push(match to.occurrence {
        Some(n) => format!("occurrence = {n}"),
        None => "no occurrence".to_owned(),
    });
    parts.join(", ")
}
