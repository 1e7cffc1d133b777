//! Writes a new article file, and its empty sidecar, under `content/`.
//!
//! In: the front matter values and the body of a new article (from `gloss new` or
//! `gloss import`). Out: `content/<dir>/<slug>.md`, where the folder is the one asked for
//! or the year of the article's date and the slug comes from the title. A file that
//! already exists is never overwritten: the command fails and says which file is in the way.

use std::path::{Path, PathBuf};

use super::atomic_file;
use crate::diagnostic::Diagnostic;
use crate::parse::is_safe_segment;
use crate::slug::slugify;

/// The front matter and body of an article about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: jiff::civil::Date,
    /// Authors' names.
    pub authors: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Credits carried over from the source.
    pub credits: Vec<String>,
    /// Name of the publication it first appeared in.
    pub source_name: Option<String>,
    /// Address of the original.
    pub source_url: Option<String>,
    /// Kept out of the build until an editor removes it.
    pub draft: bool,
    /// Markdown body.
    pub body: String,
}

/// Where a new article goes: `content/` and, optionally, the folder under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The site's `content/` folder.
    pub content_dir: PathBuf,
    /// Folder under `content/` (`2019`, `opinion/2019`); the date's year when `None`.
    /// A leading `content/` is accepted and dropped.
    pub dir: Option<String>,
}

/// The article path for `title` and `date`: `<content>/<dir or year>/<slug>.md`, and
/// the same path relative to `content/` with `/` separators.
///
/// Most bytes of a file name made from a title: a headline lost in scraping leaves the
/// lead paragraph as the title, and file systems refuse names past 255 bytes.
const MAX_SLUG_BYTES: usize = 80;

/// `slug` cut at a hyphen to at most [`MAX_SLUG_BYTES`] bytes (a slug is ASCII).
fn shortened(slug: &str) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug.to_owned();
    }
    let cut = &slug[..MAX_SLUG_BYTES];
    cut.rfind('-')
        .filter(|&at| at > 0)
        .map_or(cut, |at| &cut[..at])
        .to_owned()
}

/// # Errors
/// A title with no letters or digits to make a slug from, or a folder that would leave
/// `content/` or is not made of safe path segments.
pub fn article_path(
    placement: &Placement,
    title: &str,
    date: jiff::civil::Date,
) -> Result<(PathBuf, String), Diagnostic> {
    let slug = shortened(&slugify(title));
    if slug.is_empty() {
        return Err(Diagnostic::usage(
            "the title",
            format!("the title `{title}` has no letters or digits to make a file name from"),
        )
        .hint("give a title with at least one letter or digit"));
    }
    let dir = match placement.dir.as_deref() {
        Some(dir) => checked_dir(dir)?,
        None => date.year().to_string(),
    };
    let rel = if dir.is_empty() {
        format!("{slug}.md")
    } else {
        format!("{dir}/{slug}.md")
    };
    let path = rel
        .split('/')
        .fold(placement.content_dir.clone(), |path, part| path.join(part));
    // A folder under content/ that is a link out of it would put the file elsewhere.
    let folder = path.parent().unwrap_or(&placement.content_dir);
    if let (Ok(folder), Ok(content)) = (
        std::fs::canonicalize(folder),
        std::fs::canonicalize(&placement.content_dir),
    ) {
        if !folder.starts_with(&content) {
            return Err(Diagnostic::usage(
                "--dir",
                format!("`{dir}` is a link to a folder outside content/"),
            )
            .hint("give a folder under content/ that is no link out of it"));
        }
    }
    Ok((path, rel))
}

/// `content/opinion/2019/` -> `opinion/2019`, refusing anything that leaves `content/`.
fn checked_dir(dir: &str) -> Result<String, Diagnostic> {
    let given = dir;
    let dir = dir.replace('\\', "/");
    // An absolute path (`/etc/x`, `C:/x`) is no folder under content/.
    let absolute = dir.starts_with('/') || dir.get(1..2) == Some(":");
    let dir = dir.trim_matches('/');
    let dir = dir
        .strip_prefix("content")
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .map_or(dir, |rest| rest.trim_start_matches('/'));
    let parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    if !absolute && parts.iter().all(|p| is_safe_segment(p)) && parts.first() != Some(&"context") {
        Ok(parts.join("/"))
    } else {
        Err(
            Diagnostic::usage("--dir", format!("`{given}` is not a folder for articles"))
                .hint("give a folder under content/ made of letters, digits, - and _ (content/2019, content/opinion), not content/context"),
        )
    }
}

/// The whole article file: TOML front matter between `+++` lines, a blank line, the body.
pub fn article_text(article: &NewArticle) -> String {
    use toml_edit::{value, Array, DocumentMut, Item, Table};
    let mut doc = DocumentMut::new();
    doc["title"] = value(article.title.as_str());
    if let Ok(date) = article.date.to_string().parse::<toml_edit::Datetime>() {
        doc["date"] = value(date);
    }
    let list = |items: &[String]| items.iter().map(String::as_str).collect::<Array>();
    if !article.authors.is_empty() {
        doc["authors"] = value(list(&article.authors));
    }
    if !article.tags.is_empty() {
        doc["tags"] = value(list(&article.tags));
    }
    if !article.credits.is_empty() {
        doc["credits"] = value(list(&article.credits));
    }
    if article.draft {
        doc["draft"] = value(true);
    }
    if article.source_name.is_some() || article.source_url.is_some() {
        let mut source = Table::new();
        if let Some(name) = &article.source_name {
            source["name"] = value(name.as_str());
        }
        if let Some(url) = &article.source_url {
            source["url"] = value(url.as_str());
        }
        doc["source"] = Item::Table(source);
    }
    let body = article.body.trim_matches('\n');
    format!("+++\n{doc}+++\n\n{body}\n")
}

/// The sidecar `gloss new` writes: no notes yet, and a commented example of one.
pub fn empty_sidecar(title: &str) -> String {
    let title = title.replace(['\n', '\r'], " ");
    format!(
        "# Notes on \"{title}\" (gloss sidecar format v1).\n\
         #\n\
         # Each [[note]] is anchored to words of the article: `quote` holds them as a\n\
         # reader sees them. When those words occur more than once, add `prefix` (the\n\
         # words just before) or `suffix` (just after). `gloss check` tells whether\n\
         # every note finds its place. An example, to copy without the leading #:\n\
         #\n\
         # [[note]]\n\
         # quote = \"words from the article\"\n\
         # prefix = \"the words just before\"\n\
         # kind = \"context\"\n\
         # body = \"\"\"\n\
         # What a reader should know about these words. Markdown is allowed.\n\
         # \"\"\"\n\
         # [[note.sources]]\n\
         # title = \"Where this comes from\"\n\
         # url = \"https://example.org/source\"\n"
    )
}

/// What [`in_the_way`] suggests for a file `gloss new` or `import` would write.
pub const OTHER_TITLE: &str =
    "choose another title (for import, --slug), or --dir, or move the existing file away first";

/// The error for `path`, a file gloss was to create, which exists: `hint` says what to
/// do instead.
pub fn in_the_way(root: &Path, path: &Path, hint: &str) -> Diagnostic {
    Diagnostic::error(
        crate::diagnostic::display_path(root, path),
        "the file already exists; gloss never overwrites it",
    )
    .hint(hint)
}

/// Writes `text` to `path`, creating folders, failing when the file exists. The file is
/// written whole or not at all (see [`super::atomic_file`]): a full disk leaves no file.
///
/// # Errors
/// The file exists (a content error naming it), or it cannot be written (I/O).
pub fn create_new(root: &Path, path: &Path, text: &str) -> Result<(), Diagnostic> {
    let shown = crate::diagnostic::display_path(root, path);
    if path.exists() {
        return Err(in_the_way(root, path, OTHER_TITLE));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|err| Diagnostic::io(&shown, "cannot create the folder", &err))?;
    }
    atomic_file::write(path, text.as_bytes(), atomic_file::Mode::CreateNew).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            in_the_way(root, path, OTHER_TITLE)
        } else {
            Diagnostic::io(&shown, "cannot write the file", &err)
        }
    })
}

/// The sidecar path of an article path: `x.md` -> `x.annotations.toml`.
pub fn sidecar_path(article: &Path) -> PathBuf {
    article.with_extension("annotations.toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placement(dir: Option<&str>) -> Placement {
        Placement {
            content_dir: PathBuf::from("content"),
            dir: dir.map(str::to_owned),
        }
    }

    fn day() -> jiff::civil::Date {
        jiff::civil::date(2019, 3, 6)
    }

    #[test]
    fn path_is_year_and_slug_unless_a_folder_is_given() {
        let (_, rel) = article_path(&placement(None), "Trump left Hanoi!", day()).expect("path");
        assert_eq!(rel, "2019/trump-left-hanoi.md");
        let (_, rel) =
            article_path(&placement(Some("content/opinion/")), "A B", day()).expect("path");
        assert_eq!(rel, "opinion/a-b.md");
        assert!(article_path(&placement(Some("../etc")), "A", day()).is_err());
        assert!(article_path(&placement(Some("context")), "A", day()).is_err());
        assert!(article_path(&placement(None), "???", day()).is_err());
    }

    #[test]
    fn a_title_as_long_as_a_paragraph_makes_a_file_name_cut_at_a_word() {
        let lead = "Police said the suspect, a 34-year-old man from the north of the city, was arrested late on Tuesday after a chase that closed the harbour bridge for three hours";
        let (_, rel) = article_path(&placement(None), lead, day()).expect("path");
        let stem = rel
            .strip_prefix("2019/")
            .and_then(|r| r.strip_suffix(".md"))
            .expect("shape");
        assert!(stem.len() <= MAX_SLUG_BYTES, "{stem}");
        assert!(
            lead.to_lowercase()
                .replace([',', ' '], "-")
                .replace("--", "-")
                .starts_with(stem),
            "{stem}"
        );
        assert!(!stem.ends_with('-'));
    }

    #[test]
    fn front_matter_escapes_and_reads_back() {
        let article = NewArticle {
            title: "Kim's \"best\" offer".into(),
            date: day(),
            authors: vec!["P.J. Crowley".into()],
            tags: vec!["north korea".into(), "Kim \"Rocket\" Jong".into()],
            credits: vec!["© Getty Images".into()],
            source_name: Some("The Hill".into()),
            source_url: Some("https://thehill.com/x".into()),
            draft: false,
            body: "One.\n\nTwo.\n".into(),
        };
        let text = article_text(&article);
        let split = crate::parse::front_matter::split(&text).expect("splits");
        let front: crate::parse::front_matter::ArticleFront =
            toml::from_str(&text[split.front]).expect("valid TOML");
        assert_eq!(front.title.as_deref(), Some("Kim's \"best\" offer"));
        assert_eq!(front.date.expect("date").day, day());
        assert_eq!(front.credits, ["© Getty Images"]);
        assert_eq!(front.tags, ["north korea", "Kim \"Rocket\" Jong"]);
        assert_eq!(
            front.source.and_then(|s| s.name).as_deref(),
            Some("The Hill")
        );
        assert_eq!(&text[split.body], "\nOne.\n\nTwo.\n");
    }

    #[test]
    fn the_empty_sidecar_has_no_notes() {
        let text = empty_sidecar("A title");
        let file = crate::load::SourceFile {
            path: "a.annotations.toml".into(),
            rel: "a.annotations.toml".into(),
            text: std::sync::Arc::from(text.as_str()),
        };
        let sidecar = crate::parse::sidecar::parse(&file).expect("parses");
        assert!(sidecar.notes.is_empty());
        let example: String = text
            .lines()
            .skip_while(|l| *l != "# [[note]]")
            .map(|l| format!("{}\n", l.trim_start_matches("# ")))
            .collect();
        let file = crate::load::SourceFile {
            text: std::sync::Arc::from(example.as_str()),
            ..file
        };
        assert_eq!(
            crate::parse::sidecar::parse(&file)
                .expect("example parses")
                .notes
                .len(),
            1
        );
    }
}
