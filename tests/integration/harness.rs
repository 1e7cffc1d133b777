//! `SiteTest`: copies a fixture site into a temporary folder, runs gloss on it, and reads
//! the output back.

use std::path::{Path, PathBuf};
use std::process::Output;

/// A fixture site copied into a temporary folder.
pub(crate) struct SiteTest {
    /// Keeps the folder alive.
    _dir: tempfile::TempDir,
    /// The site's root inside it.
    pub(crate) root: PathBuf,
}

impl SiteTest {
    /// Copies `tests/fixtures/<name>` (or the repository root for `"."`) into a new folder.
    pub(crate) fn new(name: &str) -> Self {
        let source = if name == "." {
            repo()
        } else {
            repo().join("tests/fixtures").join(name)
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_site(&source, &root);
        Self { _dir: dir, root }
    }

    /// An empty site folder, for tests that write their own site.
    pub(crate) fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).expect("mkdir");
        Self { _dir: dir, root }
    }

    /// A site folder with only a `site.toml` (title "T", base URL `https://example.org/`).
    pub(crate) fn minimal() -> Self {
        let site = Self::empty();
        site.write(
            "site.toml",
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        );
        site
    }

    /// A [`minimal`](Self::minimal) site with one article, `content/2020/talks.md`, whose
    /// one note is placed by `occurrence`: the second of its two "CVID"s, in the
    /// paragraph "Later the envoy said CVID was the aim." (its sidecar starts with a
    /// comment).
    pub(crate) fn occurrence_note() -> Self {
        let site = Self::minimal();
        site.write(
            "content/2020/talks.md",
            "+++\ntitle = \"Talks\"\ndate = 2020-01-02\n+++\nThe summit asked for CVID at once.\n\nLater the envoy said CVID was the aim.\n",
        )
        .write(
            "content/2020/talks.annotations.toml",
            "# Notes on the talks.\n[[note]]\nquote = \"CVID\"\noccurrence = 2\nbody = \"Complete.\"\n",
        );
        site
    }

    /// Runs `gloss <args> --root <root>`.
    pub(crate) fn gloss(&self, args: &[&str]) -> Output {
        assert_cmd::Command::cargo_bin("gloss")
            .expect("binary")
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .output()
            .expect("runs")
    }

    /// Writes a file of the site (`content/2020/a.md`), making its folders.
    pub(crate) fn write(&self, path: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        self
    }

    /// Builds the site and fails the test with gloss's own message if it does not build.
    pub(crate) fn build(&self) -> &Self {
        let out = self.gloss(&["build"]);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self
    }

    /// Reads an output file as text.
    pub(crate) fn page(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join("public").join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Reads a file of the site as text (`content/2019/a.annotations.toml`).
    pub(crate) fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Parses an output page.
    pub(crate) fn html(&self, path: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.page(path))
    }
}

/// What a command printed on its standard output.
pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a command printed on its standard error.
pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_site(from: &Path, to: &Path) {
    for part in ["site.toml", "content", "templates", "static"] {
        let source = from.join(part);
        if source.is_file() {
            std::fs::create_dir_all(to).expect("mkdir");
            std::fs::copy(&source, to.join(part)).expect("copy");
        } else if source.is_dir() {
            for entry in walkdir::WalkDir::new(&source) {
                let entry = entry.expect("walk");
                let target = to
                    .join(part)
                    .join(entry.path().strip_prefix(&source).expect("prefix"));
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&target).expect("mkdir");
                } else {
                    std::fs::copy(entry.path(), &target).expect("copy");
                }
            }
        }
    }
}

/// Selects with a CSS selector written in the test.
pub(crate) fn sel(selector: &str) -> scraper::Selector {
    scraper::Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e}"))
}

/// The text of the first element `selector` finds on `page`; fails the test when none.
pub(crate) fn text(page: &scraper::Html, selector: &str) -> String {
    page.select(&sel(selector))
        .next()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text()
        .collect()
}

/// The attribute `name` of the first element `selector` picks in `page`; fails the test
/// when there is none.
pub(crate) fn attr(page: &scraper::Html, selector: &str, name: &str) -> String {
    page.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(name))
        .unwrap_or_else(|| panic!("{selector} has no {name}"))
        .to_owned()
}
