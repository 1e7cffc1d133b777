//! Reads `site.toml` into a [`Config`]: defaults filled in, paths resolved.
//!
//! In: the site root and the command-line overrides. Out: one `Config` every later stage
//! reads. Unknown keys are errors with a did-you-mean, since a typo in `site.toml` would
//! otherwise be ignored without a word.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The settings file, at the site's root.
pub const FILE: &str = "site.toml";

/// Whether drafts are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drafts {
    /// Articles with `draft = true` are left out, with their sidecars.
    #[default]
    Exclude,
    /// Drafts are built like any article.
    Include,
}

/// How links to pages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkStyle {
    /// `../2019/x/index.html`: works from `file://`, where folders do not open `index.html`.
    #[default]
    File,
    /// `../2019/x/`: for hosts that serve a folder's `index.html`.
    Folder,
}

/// The site's settings after `site.toml` and the command line are read.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's folder (holds `site.toml`, `content/`, ...).
    pub root: PathBuf,
    /// `<root>/content`.
    pub content_dir: PathBuf,
    /// `<root>/templates`: overrides of the built-in templates, file by file.
    pub templates_dir: PathBuf,
    /// `<root>/static`: overrides of the built-in static files, file by file.
    pub static_dir: PathBuf,
    /// Where `build` writes the site.
    pub output_dir: PathBuf,
    /// Site title, shown in every page's header.
    pub title: String,
    /// Absolute URL the site is published at, ending with `/`; used only where a format
    /// demands absolute URLs (feeds, sitemap, canonical links, OpenGraph).
    pub base_url: String,
    /// One sentence about the site.
    pub description: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Articles per list page.
    pub paginate: usize,
    /// Drafts in or out.
    pub drafts: Drafts,
    /// Link form for pages.
    pub links: LinkStyle,
    /// The words the site says itself, from `[labels]`.
    pub labels: crate::labels::Labels,
}

/// The command-line values that override `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--output`.
    pub output_dir: Option<PathBuf>,
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--drafts`.
    pub drafts: Drafts,
}

/// `site.toml` as written. The keys it needs are checked after the reading, so that a
/// missing one is told once and the file's other problems are told with it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "default_language")]
    language: String,
    /// Signed, so that `paginate = -3` is told as `0` is: not a count of articles.
    #[serde(default)]
    paginate: Option<i64>,
    #[serde(default)]
    folder_links: bool,
    #[serde(default)]
    labels: toml::Table,
}

fn default_language() -> String {
    "en".to_owned()
}

/// Articles per list page when `paginate` is not given.
const DEFAULT_PAGINATE: usize = 10;

impl Config {
    /// Reads `<root>/site.toml` and applies `overrides`.
    ///
    /// # Errors
    /// A missing or unreadable file (I/O), or invalid TOML; else every problem of the
    /// file at once, each at its line: a missing or empty `title`, a missing `base_url`,
    /// an unknown key or table, a value of the wrong kind, a `base_url` that is not an
    /// absolute http(s) URL, a `paginate` under 1, and each wrong label of `[labels]`.
    pub fn load(root: &Path, overrides: Overrides) -> Result<Self, Diagnostics> {
        let (config, problems) = Self::load_in_part(root, overrides)?;
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(Diagnostics(problems))
        }
    }

    /// [`load`](Self::load) for `check`, which reports the rest of the site beside the
    /// file's problems: the settings read, each value in error replaced by its default
    /// (an unknown key left out, a wrong `paginate` as 10, a wrong label in English), with
    /// every problem of the file, top to bottom.
    ///
    /// # Errors
    /// A missing or unreadable file (I/O), or invalid TOML: no settings to read.
    pub fn load_in_part(
        root: &Path,
        overrides: Overrides,
    ) -> Result<(Self, Vec<Diagnostic>), Diagnostics> {
        let path = root.join(FILE);
        let display = PathBuf::from(FILE);
        // Before, a folder named site.toml was told "Is a directory"
        // and that site.toml must exist.
        if path.is_dir() {
            let mut problem = Diagnostic::error(&display, "site.toml is a folder, not a file")
                .hint("move the folder away, and write site.toml as a file with the site's `title` and `base_url`");
            problem.category = crate::diagnostic::Category::Io;
            return Err(problem.into());
        }
        let bytes = std::fs::read(&path).map_err(|err| {
            Diagnostic::io(&display, "cannot read the site configuration", &err).hint(format!(
                "run gloss in a site's folder, or pass --root; {} must exist \
                 (`gloss new \"Title\"` in an empty folder starts a site)",
                path.display()
            ))
        })?;
        // As the content's files: not UTF-8 at a line and column, UTF-16 named as such.
        let text: Arc<str> = Arc::from(crate::load::utf8_text(&display, bytes)?);
        // Every unknown key and wrong value at once, each at its line.
        let file = crate::load::SourceFile {
            path: display.clone(),
            rel: FILE.to_owned(),
            text: Arc::clone(&text),
        };
        let (read, mut problems) = crate::parse::front_matter::read_on::<SiteToml>(
            &file,
            crate::parse::front_matter::Format::Toml,
            0..text.len(),
        );
        for problem in &mut problems {
            if problem.message.starts_with("invalid TOML") {
                continue;
            }
            if problem.hint.is_none() {
                problem.hint = Some("see README.md for the keys site.toml takes".to_owned());
            }
        }
        let Some((raw, _)) = read else {
            return Err(Diagnostics(problems));
        };
        // The values read, with the lines in error passed over: each wrong one at its line.
        let at = |key: &str, message: String| {
            let problem = Diagnostic::error(&display, message);
            match crate::parse::key_span(&text, key) {
                Some(span) => problem.at(&text, span),
                None => problem,
            }
        };
        // A key that is written, but wrong, is told of already.
        let missing = |key: &str, what: &str| {
            crate::parse::key_span(&text, key).is_none().then(|| {
                Diagnostic::error(&display, format!("site.toml has no `{key}`"))
                    .at(&text, 0..0)
                    .hint(format!("add `{key} = \"...\"`: {what}"))
            })
        };
        problems.extend(missing("title", "the site's name, shown on every page"));
        if raw.title.as_deref().is_some_and(|t| {
            t.chars().all(|c| {
                c.is_whitespace()
                    || crate::language::is_invisible(c)
                    || c == '\u{200c}'
                    || c == '\u{200d}'
            })
        }) {
            problems.push(
                at(
                    "title",
                    "`title` is empty, and every page shows it: as its `<title>` and as the link home in its header"
                        .to_owned(),
                )
                .hint("write the site's name between the quotes"),
            );
        }
        let from_flag = overrides.base_url.is_some();
        if raw.base_url.is_none() {
            problems.extend(missing(
                "base_url",
                "the address the site is published at, such as https://example.org/",
            ));
        }
        // None when it is missing, or of the wrong kind: told of already.
        let base_url =
            overrides
                .base_url
                .or(raw.base_url)
                .map_or_else(String::new, |url| {
                    normalize_base_url(&url).unwrap_or_else(|why| {
                        let message = format!("base_url `{url}` {why}");
                        let problem = if from_flag {
                            Diagnostic::usage("--base-url", message)
                        } else {
                            at("base_url", message)
                        };
                        problems.push(problem.hint(
                            "write it as https://example.org/ or https://example.org/archive/",
                        ));
                        String::new()
                    })
                });
        if !crate::language::is_tag(&raw.language) {
            problems.push(
                at(
                    "language",
                    format!("language `{}` is not a language tag", raw.language),
                )
                .hint("write a BCP 47 tag such as en, ar or pt-BR"),
            );
        }
        let paginate = match raw.paginate {
            None => DEFAULT_PAGINATE,
            Some(n) => usize::try_from(n)
                .ok()
                .filter(|n| *n >= 1)
                .unwrap_or_else(|| {
                    problems.push(
                        at("paginate", "paginate must be at least 1".to_owned())
                            .hint(format!("remove it to get {DEFAULT_PAGINATE} per page")),
                    );
                    DEFAULT_PAGINATE
                }),
        };
        // Every label in error at once: a translation has many.
        let labels = crate::labels::Labels::read(&raw.labels, &text, &raw.language).unwrap_or_else(
            |mut found| {
                problems.append(&mut found);
                crate::labels::Labels::default()
            },
        );
        // Read top to bottom, as the file is.
        problems.sort_by_key(|problem| problem.span.as_ref().map(|span| span.start));
        let config = Self {
            root: root.to_path_buf(),
            content_dir: root.join("content"),
            templates_dir: root.join("templates"),
            static_dir: root.join("static"),
            output_dir: overrides.output_dir.unwrap_or_else(|| root.join("public")),
            title: raw.title.unwrap_or_default(),
            base_url,
            description: raw.description,
            language: raw.language,
            paginate,
            drafts: overrides.drafts,
            links: if raw.folder_links {
                LinkStyle::Folder
            } else {
                LinkStyle::File
            },
            labels,
        };
        Ok((config, problems))
    }

    /// The folders a build reads, by the names the site knows them by: the output
    /// folder may be inside none of them.
    #[must_use]
    pub fn sources(&self) -> [(&'static str, &Path); 3] {
        [
            ("content", self.content_dir.as_path()),
            ("static", self.static_dir.as_path()),
            ("templates", self.templates_dir.as_path()),
        ]
    }

    /// The settings that shape the output, as text, for cache keys (not the folders:
    /// the same site built into two places is byte-identical).
    pub fn output_settings(&self) -> String {
        format!(
            "{:?}|{:?}|{:?}|{:?}|{}|{:?}|{:?}|{}",
            self.title,
            self.base_url,
            self.description,
            self.language,
            self.paginate,
            self.drafts,
            self.links,
            self.labels.fingerprint()
        )
    }

    /// The absolute URL of a page or file given by its output path (`2019/x/index.html`),
    /// in the clean form (`https://site/2019/x/`), percent-encoded where the path holds
    /// what a URL may not (`2020/Café Olé/` is `2020/Caf%C3%A9%20Ol%C3%A9/`).
    pub fn absolute_url(&self, output_path: &str) -> String {
        self.absolute_link(&crate::render::encode_path(output_path))
    }

    /// The absolute URL of a link to a site path already written as a URL (encoded, with
    /// any query or fragment), such as a retargeted relative link; the clean form too.
    pub fn absolute_link(&self, link: &str) -> String {
        let cut = link.find(['?', '#']).unwrap_or(link.len());
        let (path, suffix) = link.split_at(cut);
        let clean = path
            .strip_suffix("index.html")
            .filter(|folder| folder.is_empty() || folder.ends_with('/'))
            .unwrap_or(path);
        format!("{}{clean}{suffix}", self.base_url)
    }
}

/// An http(s) URL with a trailing slash, or `None` when it is not absolute.
/// `url` ending with `/`, or why it cannot be the start of every absolute address.
fn normalize_base_url(url: &str) -> Result<String, &'static str> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("is not an absolute URL")?;
    if rest.is_empty() || rest.starts_with('/') || url.chars().any(char::is_whitespace) {
        return Err("is not an absolute URL");
    }
    // Every address is the base with a path after it: a query or fragment would sit in
    // the middle (`…/?lang=en/atom.xml`).
    if url.contains(['?', '#']) {
        return Err("has a query or fragment (`?`, `#`), which would end up in the middle of every address made from it");
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Diagnostic> {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("site.toml"), text).expect("write");
        Config::load(dir.path(), Overrides::default())
            .map_err(|problems| problems.0.into_iter().next().expect("a problem"))
    }

    /// Every problem `load` finds in `text`, as `(line, message, hint)`.
    fn problems(text: &str) -> Vec<(usize, String, String)> {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("site.toml"), text).expect("write");
        let problems = Config::load(dir.path(), Overrides::default()).expect_err("problems");
        problems
            .0
            .into_iter()
            .map(|p| {
                let line = p.line_column().map_or(0, |(line, _)| line);
                (line, p.message, p.hint.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn an_unknown_table_hides_none_of_the_file_s_other_problems() {
        let found = problems(
            "title = \"T\"\nbase_url = \"https://e.org/\"\npaginate_by = 5\n[extra]\ntwitter = \"@x\"\n",
        );
        let lines: Vec<usize> = found.iter().map(|(line, ..)| *line).collect();
        assert_eq!(lines, [3, 4], "{found:?}");
        assert!(found[0].1.contains("`paginate_by`"), "{found:?}");
        assert_eq!(found[0].2, "did you mean `paginate`?");
        assert!(found[1].1.contains("`extra`"), "{found:?}");
        // A table under a key not known goes whole, every section of it; the tables after
        // it are still read.
        let found = problems(
            "title = \"T\"\nbase_url = \"https://e.org/\"\n[extra.a]\nb = 1\n[[menu]]\nx = 1\n[extra]\nc = 2\n[[menu]]\ny = 2\n[labels]\nnotse = \"N\"\n",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found.iter().any(|(_, m, _)| m.contains("`extra`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(_, m, _)| m.contains("`menu`")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(line, m, _)| *line == 12 && m.contains("`notse`")),
            "{found:?}"
        );
    }

    #[test]
    fn a_misspelt_key_hides_none_of_the_wrong_values_and_labels() {
        let found = problems(
            "title = \"T\"\nbase_url = \"https://e.org/\"\ndescripton = \"x\"\npaginate = 0\n[labels]\nnotse = \"x\"\n",
        );
        let lines: Vec<usize> = found.iter().map(|(line, ..)| *line).collect();
        assert_eq!(lines, [3, 4, 6], "{found:?}");
        assert_eq!(found[0].2, "did you mean `description`?");
        assert_eq!(found[1].1, "paginate must be at least 1");
        assert_eq!(found[2].1, "unknown label `notse`");
    }

    #[test]
    fn an_empty_title_is_refused_at_its_line() {
        for title in ["\"\"", "\"  \"", "\"\\u200b\"", "\"\u{ad}\u{200d}\""] {
            let found = problems(&format!("base_url = \"https://e.org/\"\ntitle = {title}\n"));
            assert_eq!(found.len(), 1, "{found:?}");
            let (line, message, hint) = &found[0];
            assert_eq!(*line, 2);
            assert!(message.starts_with("`title` is empty"), "{message}");
            assert_eq!(hint, "write the site's name between the quotes");
        }
    }

    #[test]
    fn a_negative_paginate_is_told_as_zero_is() {
        for n in ["0", "-3"] {
            let found = problems(&format!(
                "title = \"T\"\nbase_url = \"https://e.org/\"\npaginate = {n}\n"
            ));
            assert_eq!(
                found,
                [(
                    3,
                    "paginate must be at least 1".to_owned(),
                    "remove it to get 10 per page".to_owned()
                )]
            );
        }
    }

    #[test]
    fn a_missing_title_is_told_once_with_the_file_s_other_problems() {
        let found = problems("base_url = \"https://e.org/\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "site.toml has no `title`");
        assert!(found[0].2.starts_with("add `title = \"...\"`"), "{found:?}");
        let found = problems("base_url = \"https://e.org/\"\nlangauge = \"fr\"\n");
        let messages: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
        assert_eq!(messages.len(), 2, "{found:?}");
        assert_eq!(messages[0], "site.toml has no `title`");
        assert!(messages[1].contains("`langauge`"), "{found:?}");
        // A title of the wrong kind is told as that, not as missing too.
        let found = problems("title = 5\nbase_url = \"https://e.org/\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.contains("`title` is text"), "{found:?}");
        let found = problems("title = \"T\"\nbase_url = 5\n");
        assert_eq!(found.len(), 1, "{found:?}");
        // An empty file lacks both keys, each told once.
        let found = problems("");
        let messages: Vec<&str> = found.iter().map(|(_, m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            ["site.toml has no `title`", "site.toml has no `base_url`"]
        );
    }

    #[test]
    fn defaults_are_filled_in() {
        let config = load("title = \"T\"\nbase_url = \"https://example.org\"\n").expect("valid");
        assert_eq!(config.language, "en");
        assert_eq!(config.paginate, 10);
        assert_eq!(config.base_url, "https://example.org/");
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let err =
            load("title = \"T\"\nbase_url = \"https://e.org/\"\nlangauge = \"fr\"\n").unwrap_err();
        assert_eq!(err.hint.as_deref(), Some("did you mean `language`?"));
        assert_eq!(err.line_column(), Some((3, 1)));
    }

    #[test]
    fn relative_base_url_is_refused() {
        let err = load("title = \"T\"\nbase_url = \"/archive\"\n").unwrap_err();
        assert!(err.message.contains("not an absolute URL"));
    }

    #[test]
    fn a_base_url_with_a_query_or_fragment_is_refused() {
        for url in [
            "https://example.org/archive/?lang=en",
            "https://example.org/archive/#top",
        ] {
            let err = load(&format!("title = \"T\"\nbase_url = \"{url}\"\n")).unwrap_err();
            assert!(
                err.message.contains("query or fragment"),
                "{url}: {}",
                err.message
            );
            assert!(err
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("https://example.org/archive/")));
        }
    }
}
