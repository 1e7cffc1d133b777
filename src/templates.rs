//! Loads the Tera templates and defines what each template receives.
//!
//! In: the built-in templates (embedded from this repository's `templates/`) and a site's
//! own `templates/`, which override them file by file. Out: [`Templates`], compiled once
//! per build, and the context structs each page is rendered with; `docs/templates.md`
//! lists every variable. Template errors become diagnostics with Tera's span shown.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Category, Diagnostic};
use crate::labels::Labels;

mod hints;
mod tags;

/// Embeds templates from this repository's `templates/` folder, by name.
macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// The built-in templates, by name.
pub const BUILT_IN: &[(&str, &str)] = built_in![
    "base.html",
    "article.html",
    "index.html",
    "list.html",
    "terms.html",
    "archive.html",
    "context_index.html",
    "context_entry.html",
    "page.html",
    "404.html",
    "search.html",
    "atom.xml",
    "partials/footnotes.html",
    "partials/contents.html",
    "partials/note.html",
    "partials/sidenote.html",
    "partials/summary.html",
    "partials/pagination.html",
];

/// Compiled templates.
#[derive(Debug)]
pub struct Templates {
    tera: tera::Tera,
    /// Where each template came from, for messages.
    origins: Vec<(String, PathBuf)>,
    /// Hash of every template's source.
    key: u64,
    /// Each template's own key (see [`Templates::key_of`]).
    keys: std::collections::HashMap<String, u64>,
    /// Each template's source, for error excerpts.
    sources: Vec<(String, String)>,
    /// Files of the site's `templates/` that no page uses (see [`unused`]).
    warnings: Vec<Diagnostic>,
}

impl Templates {
    /// Compiles the built-in templates with the site's overrides from `dir`.
    ///
    /// # Errors
    /// An unreadable override (I/O) or a template that does not compile, with its span.
    pub fn load(root: &Path, dir: &Path, labels: &Labels) -> Result<Self, Diagnostic> {
        Self::load_all(root, dir, labels).map_err(|mut all| all.swap_remove(0))
    }

    /// gloss's own templates alone, without the site's: `check` still renders with them
    /// when the site's fail, to check where the pages' links lead.
    ///
    /// # Errors
    /// None in practice: the built-in templates compile (a test sees to it).
    pub fn built_in(labels: &Labels) -> Result<Self, Vec<Diagnostic>> {
        // No templates folder: an empty path is no folder.
        Self::load_all(Path::new(""), Path::new(""), labels)
    }

    /// [`load`](Self::load), with the error of every template of the site's own that
    /// does not compile, not only the first one's.
    ///
    /// # Errors
    /// As [`load`](Self::load), each problem once; never an empty list.
    pub fn load_all(root: &Path, dir: &Path, labels: &Labels) -> Result<Self, Vec<Diagnostic>> {
        let mut sources: Vec<(String, String, PathBuf)> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                (
                    (*name).to_owned(),
                    (*text).to_owned(),
                    PathBuf::from(format!("{BUILT_IN_ORIGIN} templates/{name}")),
                )
            })
            .collect();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|err| {
                    let mut d = Diagnostic::error(
                        "templates",
                        format!("cannot read the templates folder: {err}"),
                    );
                    d.category = Category::Io;
                    vec![d]
                })?;
                // Hidden files and editors' backups, as in content/ and static/.
                if !entry.file_type().is_file()
                    || crate::load::passed_over(&entry.file_name().to_string_lossy())
                {
                    continue;
                }
                let name = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(entry.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let display = crate::diagnostic::display_path(root, entry.path());
                let text = std::fs::read_to_string(entry.path()).map_err(|err| {
                    let problem = Diagnostic::io(&display, "cannot read the template", &err);
                    let text_file = entry.path().extension().is_some_and(|e| {
                        ["html", "htm", "xml", "txt", "json"]
                            .iter()
                            .any(|t| e.eq_ignore_ascii_case(t))
                    });
                    vec![if err.kind() == std::io::ErrorKind::InvalidData && text_file {
                        problem.hint("save the template as UTF-8 text")
                    } else if err.kind() == std::io::ErrorKind::InvalidData {
                        problem.hint("templates/ holds templates only: put a picture or other file the pages use in static/")
                    } else {
                        problem
                    }]
                })?;
                sources.retain(|(n, _, _)| *n != name);
                sources.push((name, text, display));
            }
        }
        let mut tera = new_tera(labels);
        let origins: Vec<(String, PathBuf)> = sources
            .iter()
            .map(|(n, _, p)| (n.clone(), p.clone()))
            .collect();
        let templates: Vec<(String, String)> =
            sources.into_iter().map(|(n, t, _)| (n, t)).collect();
        if let Err(err) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            let first = template_error(&origins, &templates, &err);
            let mut all = vec![first];
            all.extend(other_errors(labels, &origins, &templates, &all[0]));
            return Err(all);
        }
        // The labels are part of every template's output, so of its key.
        let key = templates
            .iter()
            .fold(
                crate::cache::Key::new().str(&labels.fingerprint()),
                |k, (n, t)| k.str(n).str(t),
            )
            .finish();
        let keys = own_keys(&templates, key);
        let warnings = unused(&templates, &origins);
        Ok(Self {
            tera,
            origins,
            key,
            keys,
            sources: templates,
            warnings,
        })
    }

    /// The files the site's own templates link to by a literal path after
    /// `{{ page.root }}` (`{{ page.root }}theme.css`, `{{ page.root }}img/logo.png`, a
    /// folder's `{{ page.root }}search/{{ page.index }}` as its `index.html`): each with
    /// its template's file, text and the path's place in it, for `check` to find among
    /// the files of the site.
    pub fn root_links(
        &self,
    ) -> Vec<(PathBuf, std::sync::Arc<str>, std::ops::Range<usize>, String)> {
        let mut found = Vec::new();
        for (name, text) in &self.sources {
            let Some((_, origin)) = self
                .origins
                .iter()
                .rev()
                .find(|(n, p)| n == name && is_own(p))
            else {
                continue;
            };
            let shared: std::sync::Arc<str> = std::sync::Arc::from(text.as_str());
            for (at, _) in text.match_indices("{{") {
                let Some(close) = text[at..].find("}}").map(|c| at + c) else {
                    continue;
                };
                if text[at + 2..close].trim().trim_matches('-').trim() != "page.root" {
                    continue;
                }
                let start = close + 2;
                let rest = &text[start..];
                let end = rest
                    .find(|c: char| c.is_whitespace() || "\"'<>{#?".contains(c))
                    .unwrap_or(rest.len());
                let literal = &rest[..end];
                if literal.is_empty() || literal.contains("://") {
                    continue;
                }
                let target = if literal.ends_with('/') {
                    format!("{literal}index.html")
                } else {
                    literal.to_owned()
                };
                found.push((origin.clone(), shared.clone(), start..start + end, target));
            }
        }
        found
    }

    /// What the site's `templates/` holds that no page uses: a misspelt override
    /// (`artcle.html`, `partial/note.html`) changes nothing, and says so here.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Hash of all template sources.
    pub fn key(&self) -> u64 {
        self.key
    }

    /// Hash of template `name` and of every template it names (the one it extends, the
    /// ones it includes, and theirs): a page rendered with `name` depends on these
    /// alone, so editing a partial renders again only the pages that use it. When a
    /// template defines a component (which any template may call), every key is the
    /// hash of all templates.
    pub fn key_of(&self, name: &str) -> u64 {
        self.keys.get(name).copied().unwrap_or(self.key)
    }

    /// Renders template `name` with `context`.
    ///
    /// # Errors
    /// A rendering error (an undefined variable, a failing filter), with its span.
    pub fn render<T: Serialize>(&self, name: &str, context: &T) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(context).map_err(|err| {
            Diagnostic::error(
                format!("templates/{name}"),
                format!("cannot build the template context: {err}"),
            )
        })?;
        self.render_context(name, &context)
    }

    /// Renders template `name` with a context built by hand (list pages share values).
    ///
    /// # Errors
    /// A rendering error, with its span.
    pub fn render_context(
        &self,
        name: &str,
        context: &tera::Context,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|err| template_error(&self.origins, &self.sources, &err))
    }
}

/// Each template's key: the hash of the sources of every template it reaches by naming
/// it in quotes. Overrides come after the built-ins, so the last source of a name wins.
fn own_keys(templates: &[(String, String)], all: u64) -> std::collections::HashMap<String, u64> {
    let sources: std::collections::BTreeMap<&str, &str> = templates
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let components = sources
        .values()
        .any(|t| t.contains("{% component") || t.contains("{%- component"));
    sources
        .keys()
        .map(|&name| {
            if components {
                return (name.to_owned(), all);
            }
            let mut reached = std::collections::BTreeSet::from([name]);
            let mut todo = vec![name];
            while let Some(current) = todo.pop() {
                let text = sources[current];
                for &other in sources.keys() {
                    let named = text.contains(&format!("\"{other}\""))
                        || text.contains(&format!("'{other}'"));
                    if named && reached.insert(other) {
                        todo.push(other);
                    }
                }
            }
            let key = reached
                .iter()
                .fold(crate::cache::Key::new(), |k, n| k.str(n).str(sources[n]))
                .finish();
            (name.to_owned(), key)
        })
        .collect()
}

/// A warning for each template of the site's own that is no built-in name and that no
/// template names in quotes (extends, includes): gloss renders only the
/// templates it knows and what they reach, so such a file is never used.
fn unused(templates: &[(String, String)], origins: &[(String, PathBuf)]) -> Vec<Diagnostic> {
    let built_in = |name: &str| BUILT_IN.iter().any(|(n, _)| *n == name);
    templates
        .iter()
        .filter(|(name, _)| !built_in(name))
        .filter(|(name, text)| {
            let (double, single) = (format!("\"{name}\""), format!("'{name}'"));
            // A file of components is used where another template uses one of them
            // (`{{ <badge label="New" /> }}`): Tera knows components by name.
            let tags: Vec<String> = component_names(text).map(|c| format!("<{c}")).collect();
            !templates.iter().any(|(other, other_text)| {
                other != name
                    && (other_text.contains(&double)
                        || other_text.contains(&single)
                        || tags.iter().any(|tag| uses_tag(other_text, tag)))
            })
        })
        .map(|(name, _)| {
            let origin = origins
                .iter()
                .find(|(n, _)| n == name)
                .map_or_else(|| PathBuf::from(format!("templates/{name}")), |(_, p)| p.clone());
            let warning = Diagnostic::warning(
                origin,
                format!("no page uses `{name}`: it is no template gloss renders, and no template includes it"),
            );
            let template = [".html", ".htm", ".xml", ".txt"]
                .iter()
                .any(|ending| name.ends_with(ending));
            if !template {
                return warning.hint(format!(
                    "templates/ holds templates; a stylesheet, script, font or image goes in static/ (static/{name}), which is published as it is"
                ));
            }
            match hints::close_template(name, BUILT_IN.iter().map(|(n, _)| *n)) {
                Some(known) => warning.hint(format!(
                    "to change the built-in `{known}`, name the file templates/{known}"
                )),
                None => warning.hint(
                    "name the file as the built-in template it replaces (docs/templates.md lists them), or include it from one",
                ),
            }
        })
        .collect()
}

/// The names of the components `text` defines (`{% component badge(...) %}`).
fn component_names(text: &str) -> impl Iterator<Item = &str> {
    text.split("{%").skip(1).filter_map(|tag| {
        let tag = tag.trim_start_matches('-').trim_start();
        let rest = tag.strip_prefix("component")?;
        let name = rest.trim_start();
        if name.len() == rest.len() {
            return None;
        }
        let end = name
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        (end > 0).then(|| &name[..end])
    })
}

/// Whether `text` holds `tag` (`<badge`) followed by something that ends a name.
fn uses_tag(text: &str, tag: &str) -> bool {
    text.match_indices(tag).any(|(at, _)| {
        text[at + tag.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || c == '/' || c == '>')
    })
}

fn first_lines(text: &str) -> String {
    text.lines().take(12).collect::<Vec<_>>().join("\n")
}

fn template_error(
    origins: &[(String, PathBuf)],
    templates: &[(String, String)],
    err: &tera::Error,
) -> Diagnostic {
    if let Some(tagged) = tags::place(err, templates) {
        return tagged_error(origins, templates, tagged);
    }
    let text = err.to_string();
    let (name, message, span) = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report)
            if !report.filename().is_empty() =>
        {
            (
                report.filename().to_owned(),
                report.message().to_owned(),
                Some(report.span().range.clone()),
            )
        }
        _ => match locate_report(&text) {
            Some((name, line, column)) => {
                let span = templates
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, t)| offset_of(t, line, column));
                let message = text
                    .lines()
                    .next()
                    .unwrap_or(&text)
                    .trim_start_matches("error: ")
                    .to_owned();
                (name, message, span.map(|at| at..at + 1))
            }
            None => {
                return Diagnostic::error(
                    "templates",
                    format!("template error: {}", first_lines(&text)),
                )
                .hint("fix the template named in the message");
            }
        },
    };
    if message.contains("is not defined in any parent template") {
        if let Some(diagnostic) = base_lacks_blocks(origins, templates) {
            return diagnostic;
        }
    }
    let origin = origin_of(origins, &name);
    let message = message.trim_start_matches("error: ").to_owned();
    let syntax = matches!(err.kind(), tera::ErrorKind::SyntaxError(_));
    let source = templates.iter().find(|(n, _)| *n == name).map(|(_, t)| t);
    // The name of a template, filter or block not known, underlined whole.
    let span = match (span, source) {
        (Some(span), Some(source))
            if message.starts_with("Unknown template")
                || message.starts_with("Unknown filter")
                || message.contains("is not defined in any parent template") =>
        {
            Some(hints::widened(&message, source, span))
        }
        (span, _) => span,
    };
    let hint = match (&span, source) {
        (Some(span), Some(source)) if message.starts_with("Field `") => {
            hints::field(source, span.start)
        }
        (Some(span), Some(source)) => hints::specific(&message, &name, source, span, templates),
        _ => None,
    };
    let mut diagnostic = Diagnostic::error(origin, format!("template error: {message}"))
        .hint(hint.unwrap_or_else(|| hints::general(&message, syntax)));
    if let (Some(span), Some((_, source))) = (span, templates.iter().find(|(n, _)| *n == name)) {
        let source: std::sync::Arc<str> = std::sync::Arc::from(source.as_str());
        diagnostic = diagnostic.at(&source, span);
    }
    diagnostic
}

/// The error Tera gave without a place, at the tag it is about.
fn tagged_error(
    origins: &[(String, PathBuf)],
    templates: &[(String, String)],
    tagged: tags::Tagged,
) -> Diagnostic {
    let origin = origin_of(origins, &tagged.template);
    let diagnostic =
        Diagnostic::error(origin, format!("template error: {}", tagged.message)).hint(tagged.hint);
    match templates.iter().rev().find(|(n, _)| *n == tagged.template) {
        Some((_, text)) => diagnostic.at(&std::sync::Arc::from(text.as_str()), tagged.span),
        None => diagnostic,
    }
}

/// The file template `name` came from, as the writer knows it.
fn origin_of(origins: &[(String, PathBuf)], name: &str) -> PathBuf {
    origins.iter().rev().find(|(n, _)| n == name).map_or_else(
        || PathBuf::from(format!("templates/{name}")),
        |(_, p)| p.clone(),
    )
}

/// The errors of the site's own templates other than the one of `first`, each found by
/// compiling the templates again with every own template found broken so far put back
/// to the built-in one of its name, or left empty when there is none: Tera stops at the
/// first template that does not compile, and a template that includes a broken one of
/// the site's is no mistake of its own.
fn other_errors(
    labels: &Labels,
    origins: &[(String, PathBuf)],
    templates: &[(String, String)],
    first: &Diagnostic,
) -> Vec<Diagnostic> {
    let own_name_of = |file: &Path| {
        origins
            .iter()
            .find(|(_, p)| is_own(p) && p == file)
            .map(|(n, _)| n.clone())
    };
    let Some(first_name) = own_name_of(&first.file) else {
        return Vec::new();
    };
    let mut broken = vec![first_name];
    let mut found: Vec<Diagnostic> = Vec::new();
    let own = origins.iter().filter(|(_, p)| is_own(p)).count();
    while broken.len() < own {
        let mended: Vec<(String, String)> = templates
            .iter()
            .map(|(name, text)| {
                if !broken.contains(name) {
                    return (name.clone(), text.clone());
                }
                let built_in = BUILT_IN.iter().find(|(n, _)| n == name);
                (
                    name.clone(),
                    built_in.map_or_else(String::new, |(_, t)| (*t).to_owned()),
                )
            })
            .collect();
        let mut tera = new_tera(labels);
        let Err(err) = tera.add_raw_templates(mended.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        else {
            break;
        };
        let problem = template_error(origins, &mended, &err);
        // A broken file's components are gone with it: their calls are no new mistake.
        let gone = |component: &str| {
            templates
                .iter()
                .filter(|(n, _)| broken.contains(n))
                .any(|(_, t)| component_names(t).any(|c| c == component))
        };
        let unknown = problem
            .message
            .split("Unknown component `")
            .nth(1)
            .and_then(|rest| rest.split('`').next());
        if unknown.is_some_and(gone) {
            break;
        }
        let Some(name) = own_name_of(&problem.file).filter(|n| !broken.contains(n)) else {
            break;
        };
        broken.push(name);
        found.push(problem);
    }
    found
}

/// The blocks of the built-in `base.html`, which the built-in templates fill.
const BASE_BLOCKS: [&str; 5] = ["title", "locale", "head", "site_search", "main"];

/// When the site's own `base.html` lacks blocks the built-in templates fill, the error
/// that names them all, at that file: Tera's own names a built-in template and one block.
fn base_lacks_blocks(
    origins: &[(String, PathBuf)],
    templates: &[(String, String)],
) -> Option<Diagnostic> {
    let (_, path) = origins
        .iter()
        .rev()
        .find(|(n, p)| n == "base.html" && is_own(p))?;
    let (_, text) = templates.iter().rev().find(|(n, _)| n == "base.html")?;
    let defines = |block: &str| {
        text.match_indices("{%").any(|(at, _)| {
            let tag = text[at + 2..].trim_start_matches(['-', ' ', '\t', '\n']);
            tag.strip_prefix("block")
                .map(str::trim_start)
                .and_then(|rest| rest.strip_prefix(block))
                .is_some_and(|rest| rest.starts_with([' ', '\t', '\n', '-', '%']))
        })
    };
    let missing: Vec<&str> = BASE_BLOCKS.into_iter().filter(|b| !defines(b)).collect();
    if missing.is_empty() {
        return None;
    }
    let named: Vec<String> = missing.iter().map(|b| format!("`{b}`")).collect();
    let empty: Vec<String> = missing
        .iter()
        .map(|b| format!("{{% block {b} %}}{{% endblock {b} %}}"))
        .collect();
    Some(
        Diagnostic::error(
            path.clone(),
            format!(
                "template error: this base.html has no block {}, which the built-in templates fill",
                named.join(", ")
            ),
        )
        .hint(format!(
            "add {} where it belongs (docs/templates.md says what each block holds); an empty block will do",
            empty.join(" and ")
        )),
    )
}

/// Finds `--> name:line:column` in Tera's report.
fn locate_report(text: &str) -> Option<(String, usize, usize)> {
    let place = text.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    Some((parts.next()?.to_owned(), line, column))
}

/// Byte offset of a 1-based line and column in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[start.min(text.len())..].lines().next().unwrap_or("");
    start
        + line_text
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>()
}

/// An error when filter `filter` is given a value other than `takes`.
fn no_other_values(kwargs: &tera::Kwargs, filter: &str, takes: &[&str]) -> tera::TeraResult<()> {
    match kwargs
        .iter()
        .find(|(name, _)| name.as_str().is_none_or(|n| !takes.contains(&n)))
    {
        Some((unknown, _)) if takes.is_empty() => Err(tera::Error::message(format!(
            "{filter}() takes no value; `{unknown}` is none it knows"
        ))),
        Some((unknown, _)) => Err(tera::Error::message(format!(
            "{filter}() takes {}; `{unknown}` is none of them",
            takes.join(", ")
        ))),
        None => Ok(()),
    }
}

/// The values the `label` filter fills its text's placeholders with (`{n} notes`).
const LABEL_VALUES: [&str; 7] = ["n", "m", "name", "names", "title", "query", "error"];

/// What the origin of a built-in template starts with (`(built-in) templates/x.html`).
const BUILT_IN_ORIGIN: &str = "(built-in)";

/// True when a template's origin is a file of the site's own `templates/`.
fn is_own(origin: &Path) -> bool {
    !origin.starts_with(BUILT_IN_ORIGIN)
}

/// A Tera with gloss's escaping, filters and the site's labels, templates to be added.
fn new_tera(labels: &Labels) -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml", ".htm"]);
    register_filters(&mut tera, labels);
    tera.global_context().insert("labels", labels.texts());
    tera
}

fn register_filters(tera: &mut tera::Tera, labels: &Labels) {
    let dates = labels.clone();
    tera.register_filter(
        "date",
        move |value: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            no_other_values(&kwargs, "date", &["format"])?;
            let format: Option<&str> = kwargs.get("format")?;
            let day: jiff::civil::Date = value
                .get(..10)
                .and_then(|d| d.parse().ok())
                .ok_or_else(|| tera::Error::message(format!("`{value}` is not a date")))?;
            Ok(match format {
                Some(format) => dates.strftime(day, format).map_err(tera::Error::message)?,
                None => dates.date(day),
            })
        },
    );
    let labels = labels.clone();
    tera.register_filter(
        "label",
        move |key: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            if !labels.has(key) {
                let known = labels.texts().keys().copied();
                let advice = crate::diagnostic::did_you_mean(key, known)
                    .map_or_else(String::new, |k| format!("; did you mean `{k}`?"));
                return Err(tera::Error::message(format!("no label `{key}`{advice}")));
            }
            no_other_values(&kwargs, "label", &LABEL_VALUES)?;
            let n: Option<u64> = kwargs.get("n")?;
            let text = match n {
                Some(n) => labels.for_number(key, n),
                None => labels.get(key),
            };
            if !text.contains('{') {
                return Ok(text.to_owned());
            }
            // Only the placeholders the text holds are looked up.
            let mut failed = None;
            let mut missing = None;
            let filled = crate::labels::fill_with(text, |name, out| {
                let found = match name {
                    "n" => n.map(|n| n.to_string()),
                    "m" => kwargs
                        .get::<u64>("m")
                        .map(|m| m.map(|m| m.to_string()))
                        .unwrap_or_else(|err| {
                            failed = Some(err);
                            None
                        }),
                    "name" | "names" | "title" | "query" | "error" => kwargs
                        .get::<&str>(name)
                        .map(|v| v.map(str::to_owned))
                        .unwrap_or_else(|err| {
                            failed = Some(err);
                            None
                        }),
                    _ => None,
                };
                if found.is_none() && LABEL_VALUES.contains(&name) {
                    missing.get_or_insert_with(|| name.to_owned());
                }
                found.map(|value| out.push_str(&value)).is_some()
            });
            if let Some(name) = missing {
                let example = if matches!(name.as_str(), "n" | "m") {
                    "3"
                } else {
                    "\"...\""
                };
                return Err(tera::Error::message(format!(
                    "label `{key}` reads `{text}`: give it {name}, as in label({name}={example})"
                )));
            }
            match failed {
                Some(err) => Err(err),
                None => Ok(filled),
            }
        },
    );
    // Tera 2 keeps these in a crate of its own; templates written for Tera 1 (or Jinja)
    // expect them.
    tera.register_filter("urlencode", tera_contrib::urlencode::urlencode);
    tera.register_filter(
        "urlencode_strict",
        tera_contrib::urlencode::urlencode_strict,
    );
    tera.register_filter("striptags", tera_contrib::regex::striptags);
    tera.register_filter("spaceless", tera_contrib::regex::spaceless);
    // JSON goes in a script: `<`, `>` and `&` are written as escapes, so that no string
    // closes the element (`{{ article.title | json_encode | safe }}`), as in the pages'
    // own JSON-LD.
    tera.register_filter(
        "json_encode",
        |value: &tera::Value, kwargs: tera::Kwargs, state: &tera::State| {
            tera_contrib::json::json_encode(value, kwargs, state)
                .map(|json| crate::render::script_safe(&json))
        },
    );
    tera.register_filter(
        "slugify",
        |value: &str, kwargs: tera::Kwargs, _: &tera::State| {
            no_other_values(&kwargs, "slugify", &[])?;
            Ok::<_, tera::Error>(crate::slug::slugify(value))
        },
    );
}

/// Site-wide values every page receives as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    /// Site title.
    pub title: String,
    /// One sentence about the site.
    pub description: String,
    /// `<html lang>`.
    pub language: String,
    /// `<html dir>`: `rtl` or `ltr`, from the language.
    pub dir: &'static str,
    /// Absolute base URL, ending with `/`.
    pub base_url: String,
    /// The labels `gloss.js` and `search.js` read, as JSON for `<body data-labels>`, when
    /// the site changed one of theirs; none otherwise (the scripts hold the English).
    pub script_labels: Option<String>,
    /// The pages outside the archive (About, Contact), those with a `weight` first (the
    /// lowest first), then by title, for the foot of every
    /// page.
    pub pages: Vec<PageLink>,
}

/// A link to a page outside the archive.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Its title.
    pub title: String,
    /// Root-relative link to it.
    pub path: String,
    /// Its language and direction, when not the site's.
    pub language: Option<String>,
    /// See `language`.
    pub dir: Option<&'static str>,
}

/// Where a page sits, as every page receives it as `page`.
#[derive(Debug, Clone, Serialize)]
pub struct PageContext {
    /// Output path (`2019/x/index.html`).
    pub path: String,
    /// Relative path from this page to the site root (`../../`, or empty at the root).
    pub root: String,
    /// This page as links to it are written, root-relative: its output path, or its
    /// folder with `folder_links` (`2019/x/`); what `site.pages` paths compare with.
    pub link: String,
    /// The clean absolute URL of the page.
    pub canonical: String,
    /// `index.html` when links name files, empty when the host serves folders.
    pub index: String,
    /// Relative link to the home page.
    pub home: String,
    /// The page's title for `<title>`.
    pub title: String,
    /// One or two sentences for the meta description and OpenGraph.
    pub description: String,
    /// OpenGraph type: `website`, or `article` on article pages.
    pub og_type: String,
    /// The trail from home to this page on list pages; empty elsewhere.
    pub breadcrumbs: Vec<Crumb>,
    /// The picture that stands for the page where it is shared: an article's first
    /// image of the site or on the web; none elsewhere.
    pub image: Option<PageImage>,
}

/// A page's picture, for OpenGraph and structured data.
#[derive(Debug, Clone, Serialize)]
pub struct PageImage {
    /// Its absolute URL.
    pub url: String,
    /// Its description (the image's alt text).
    pub alt: String,
    /// Its width and height in pixels, when its file gives them.
    pub width: Option<u32>,
    /// See `width`.
    pub height: Option<u32>,
}

/// One step of a breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// What is shown.
    pub title: String,
    /// Root-relative link; none for the current page.
    pub path: Option<String>,
}

/// A note as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteContext {
    /// Marker number.
    pub number: usize,
    /// Id of its endnote entry (`note-3`).
    pub id: String,
    /// Id of its marker (`noteref-3`).
    pub ref_id: String,
    /// Id of its sidenote (`sidenote-3`).
    pub side_id: String,
    /// Label (context, definition, correction, ...), as the sidecar writes it: for
    /// `data-kind` and styles.
    pub kind: String,
    /// The label as readers see it: the site's `kind_<kind>` label for the four kinds
    /// gloss knows, the kind as written for others.
    pub kind_label: String,
    /// The quoted words as the article shows them.
    pub quote: String,
    /// Rendered body, when the note has one.
    pub body_html: Option<String>,
    /// The context entry it refers to.
    pub entry: Option<EntryLink>,
    /// Citations.
    pub sources: Vec<crate::parse::sidecar::SourceLink>,
    /// When the note was written (`2019-03-04`).
    pub date: Option<String>,
    /// Absolute link to the article that makes a browser scroll to and highlight the
    /// quoted words (a text fragment, `#:~:text=...`), for sharing the exact passage.
    pub fragment_url: String,
    /// The article's own language from its front matter and its direction (`rtl`,
    /// `ltr`), or none: for the quoted words.
    pub language: Option<String>,
    /// See `language`.
    pub dir: Option<&'static str>,
    /// The language of the body, when the article has one of its own: the article's,
    /// or the site's when the body is written in the site's script and not the
    /// article's (a note in French on an Arabic article of a French archive).
    pub body_language: Option<String>,
}

/// A context entry as a note links to it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryLink {
    /// Entry id.
    pub id: String,
    /// Entry name.
    pub title: String,
    /// Rendered summary (inline HTML).
    pub summary_html: String,
    /// Relative link from the page showing the note.
    pub url: String,
    /// The entry's own language and its direction, when it gives one (for its title
    /// and summary).
    pub language: Option<String>,
    /// See `language`.
    pub dir: Option<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::{new_tera, own_keys, template_error, unused, Labels, BUILT_IN_ORIGIN};

    #[test]
    fn every_filter_the_hints_name_as_gloss_s_is_one_gloss_adds() {
        for filter in super::hints::GLOSS_FILTERS {
            let mut tera = new_tera(&Labels::default());
            assert!(
                tera.add_raw_template("t", &format!("{{{{ x | {filter} }}}}"))
                    .is_ok(),
                "gloss adds no filter `{filter}`"
            );
        }
    }
    use crate::diagnostic::Diagnostic;

    /// The diagnostic for the first error the templates `list` meet: compiling, or else
    /// rendering `name` with `context`.
    fn error_of(list: &[(&str, &str)], name: &str, context: &tera::Context) -> Diagnostic {
        let templates: Vec<(String, String)> = list
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
        let origins: Vec<(String, std::path::PathBuf)> = templates
            .iter()
            .map(|(n, _)| (n.clone(), format!("{BUILT_IN_ORIGIN} templates/{n}").into()))
            .collect();
        let mut tera = new_tera(&Labels::default());
        let err = match tera.add_raw_templates(list.iter().copied()) {
            Err(err) => err,
            Ok(()) => tera.render(name, context).expect_err("an error"),
        };
        template_error(&origins, &templates, &err)
    }

    /// The underlined words and the hint of the first error `list` meets.
    fn hint_of(list: &[(&str, &str)], context: &tera::Context) -> (String, String) {
        let error = error_of(list, list[list.len() - 1].0, context);
        let source = error.source.as_deref().unwrap_or_default();
        let underlined = error.span.map(|s| source[s].to_owned()).unwrap_or_default();
        (underlined, error.hint.unwrap_or_default())
    }

    const BASE: (&str, &str) = (
        "base.html",
        "<title>{% block title %}{% endblock title %}</title><main>{% block main %}{% endblock main %}</main>",
    );

    #[test]
    fn an_unknown_include_or_filter_is_met_with_the_closest_name() {
        let none = tera::Context::new();
        let note = ("partials/note.html", "<li></li>");
        let include = (
            "article.html",
            "{% extends \"base.html\" %}{% block main %}{% include \"partials/notes.html\" %}{% endblock main %}",
        );
        assert_eq!(
            hint_of(&[BASE, note, include], &none),
            (
                "partials/notes.html".to_owned(),
                "did you mean `partials/note.html`?".to_owned()
            )
        );
        for (written, meant) in [("uppper", "upper"), ("slugfy", "slugify")] {
            let text = format!("{{{{ \"x\" | {written} }}}}");
            assert_eq!(
                hint_of(&[("article.html", &text)], &none),
                (written.to_owned(), format!("did you mean `{meant}`?"))
            );
        }
    }

    #[test]
    fn a_block_no_parent_has_is_met_with_the_blocks_there_are() {
        let layout = ("layout.html", BASE.1);
        let child = (
            "article.html",
            "{% extends \"layout.html\" %}{% block content %}x{% endblock content %}",
        );
        let (underlined, hint) = hint_of(&[layout, child], &tera::Context::new());
        assert_eq!(underlined, "content");
        assert!(
            hint.starts_with("layout.html has the blocks `title` and `main`; fill one of those"),
            "{hint}"
        );
    }

    #[test]
    fn a_filter_given_none_says_to_test_the_value_first() {
        let mut context = tera::Context::new();
        context.insert(
            "article",
            &std::collections::BTreeMap::from([("updated", None::<String>)]),
        );
        let page = ("article.html", "<p>{{ article.updated | date }}</p>");
        let (_, hint) = hint_of(&[page], &context);
        assert!(
            hint.starts_with("`article.updated` is none on this page"),
            "{hint}"
        );
        assert!(
            hint.contains("`{% if article.updated %}…{% endif %}`"),
            "{hint}"
        );
        // Where the none may be a filter's argument or the value a filter gave, no value
        // is named.
        context.insert("title", "T");
        for text in [
            "<p>{{ title | truncate(length=none) }}</p>",
            "<p>{{ article.updated | default(value=none) | date }}</p>",
        ] {
            let (_, hint) = hint_of(&[("article.html", text)], &context);
            assert!(
                hint.starts_with("the value is none on this page"),
                "{text}: {hint}"
            );
        }
    }

    #[test]
    fn tera_1_macros_and_imports_are_met_with_components() {
        let none = tera::Context::new();
        for text in [
            "{% import \"macros.html\" as m %}<p></p>",
            "{% macro hi(n) %}x{% endmacro %}<p></p>",
        ] {
            let (_, hint) = hint_of(&[("article.html", text)], &none);
            assert!(hint.starts_with("Tera 2 has no macros"), "{hint}");
            assert!(hint.contains("{% component name(arg) %}"), "{hint}");
        }
    }

    fn keys(templates: &[(&str, &str)]) -> std::collections::HashMap<String, u64> {
        let owned: Vec<(String, String)> = templates
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
        own_keys(&owned, 7)
    }

    #[test]
    fn a_template_key_covers_what_it_extends_and_includes_and_nothing_else() {
        let site = [
            (
                "base.html",
                "<main>{% block content %}{% endblock %}</main>",
            ),
            ("article.html", "{% extends \"base.html\" %}A"),
            (
                "list.html",
                "{% extends \"base.html\" %}{% include 'partials/item.html' %}",
            ),
            ("partials/item.html", "item"),
        ];
        let before = keys(&site);
        let mut edited = site;
        edited[3].1 = "an edited item";
        let after = keys(&edited);
        assert_eq!(before["article.html"], after["article.html"]);
        assert_ne!(before["list.html"], after["list.html"]);
        let mut based = site;
        based[0].1 = "<div>{% block content %}{% endblock %}</div>";
        let rebased = keys(&based);
        assert_ne!(before["article.html"], rebased["article.html"]);
        assert_ne!(before["list.html"], rebased["list.html"]);
    }

    #[test]
    fn an_override_replaces_the_built_in_and_components_tie_everything_together() {
        let built_in_then_override = keys(&[("a.html", "built-in"), ("a.html", "override")]);
        assert_eq!(built_in_then_override, keys(&[("a.html", "override")]));
        let with_component = keys(&[
            ("a.html", "{% component card() %}x{% endcomponent %}"),
            ("b.html", "b"),
        ]);
        assert!(with_component.values().all(|&k| k == 7));
    }

    #[test]
    fn only_a_misspelt_override_is_told_the_built_in_name_it_is_close_to() {
        let hint_for = |name: &str| {
            let owned = vec![(name.to_owned(), "<p></p>".to_owned())];
            unused(&owned, &[])
                .into_iter()
                .next()
                .and_then(|w| w.hint)
                .expect("a hint")
        };
        assert_eq!(
            hint_for("artcle.html"),
            "to change the built-in `article.html`, name the file templates/article.html"
        );
        assert_eq!(
            hint_for("partial/note.html"),
            "to change the built-in `partials/note.html`, name the file templates/partials/note.html"
        );
        assert_eq!(
            hint_for("partials/sidenoet.html"),
            "to change the built-in `partials/sidenote.html`, name the file templates/partials/sidenote.html"
        );
        assert_eq!(
            hint_for("note.html"),
            "to change the built-in `partials/note.html`, name the file templates/partials/note.html"
        );
        for new in [
            "partials/masthead.html",
            "partials/byline.html",
            "header.html",
        ] {
            assert!(
                hint_for(new).ends_with("or include it from one"),
                "{new}: {}",
                hint_for(new)
            );
        }
    }

    #[test]
    fn a_file_of_components_is_used_where_one_of_them_is_and_a_stylesheet_belongs_in_static() {
        let warned = |templates: &[(&str, &str)]| -> Vec<(String, Option<String>)> {
            let owned: Vec<(String, String)> = templates
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
                .collect();
            unused(&owned, &[])
                .into_iter()
                .map(|w| (w.file.display().to_string(), w.hint))
                .collect()
        };
        let components = (
            "components.html",
            "{% component badge(label: string) -%}<b>{{ label }}</b>{%- endcomponent badge %}",
        );
        assert!(warned(&[components, ("index.html", "{{ <badge label=\"New\" /> }}")]).is_empty());
        let unused_components = warned(&[components, ("index.html", "{{ <badges /> }}")]);
        assert_eq!(unused_components.len(), 1);
        assert_eq!(unused_components[0].0, "templates/components.html");
        let stylesheet = warned(&[("style.css", "body {}")]);
        assert!(
            stylesheet[0]
                .1
                .as_deref()
                .is_some_and(|h| h.contains("static/style.css")),
            "{stylesheet:?}"
        );
    }
}
