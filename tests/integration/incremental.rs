//! Incremental rebuilds (what `gloss serve` does on every save) give exactly what a full
//! build gives, and reuse what a change did not touch.

use std::collections::BTreeMap;
use std::path::Path;

use gloss::cache::BuildCache;
use gloss::config::{Config, Overrides};

use crate::harness::SiteTest;

fn files(site: &gloss::render::Site) -> BTreeMap<String, bytes::Bytes> {
    site.files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect()
}

fn config(root: &Path) -> Config {
    Config::load(root, Overrides::default()).expect("config")
}

/// How a step is expected to be rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    /// Patched in: only the saved article's dependents were made.
    Patched,
    /// Built again (with the cache).
    Whole,
}

/// Rebuilds `site` after `changed` as `gloss serve` does (through [`gloss::rebuild`],
/// with the long-lived cache), builds from scratch, and demands the same files and the
/// expected way.
fn same_as_full_build(
    root: &Path,
    cache: &mut BuildCache,
    site: &mut gloss::render::Site,
    changed: &[&str],
    way: Way,
    step: &str,
) -> BTreeMap<String, bytes::Bytes> {
    let config = config(root);
    let changed: Vec<std::path::PathBuf> = changed.iter().map(|r| root.join(r)).collect();
    let rebuilt = gloss::rebuild(&config, cache, &changed, |files| site.replace(files))
        .unwrap_or_else(|d| panic!("{step}: {:?}", d.0));
    let how = match rebuilt {
        gloss::Rebuilt::Patched(_) => Way::Patched,
        gloss::Rebuilt::Whole(whole) => {
            *site = whole;
            Way::Whole
        }
    };
    assert_eq!(how, way, "{step}: rebuilt another way");
    let full = gloss::build(&config).unwrap_or_else(|d| panic!("{step}: {:?}", d.0));
    let (a, b) = (files(site), files(&full));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{step}: different file lists"
    );
    for (path, bytes) in &a {
        assert!(
            *bytes == b[path],
            "{step}: {path} differs from a full build"
        );
    }
    a
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn a_series_of_edits_rebuilt_incrementally_equals_full_builds() {
    series(false);
}

/// The same series as `gloss serve` runs it: after the first build only the paths the
/// watcher reports are looked at.
#[test]
fn the_series_under_a_trusted_watcher_equals_full_builds() {
    series(true);
}

fn series(watched: bool) {
    let site = SiteTest::empty();
    crate::archive::generate(&site.root, 24);
    let root = site.root.clone();
    let mut cache = BuildCache::keeping();
    let mut built = gloss::render::Site::default();
    let first = same_as_full_build(
        &root,
        &mut cache,
        &mut built,
        &[],
        Way::Whole,
        "first build",
    );
    if watched {
        cache.files.trust_watcher();
    }
    // Each step names the paths a watcher reports after the change (when nothing trusts
    // the watcher, they only decide whether the saved article can be patched in).
    let mut step = |changed: &[&str], way: Way, what: &str| {
        same_as_full_build(&root, &mut cache, &mut built, changed, way, what)
    };

    edit(
        &root.join("content/2017/article-000.md"),
        "Second paragraph about the topic.",
        "Second paragraph, reworded.",
    );
    let after_edit = step(
        &["content/2017/article-000.md"],
        Way::Patched,
        "change an article",
    );
    let untouched = "2018/article-013/index.html";
    assert_eq!(
        first[untouched].as_ptr(),
        after_edit[untouched].as_ptr(),
        "an unrelated page was rendered again"
    );
    // The newest article is in the feeds, which show its text.
    edit(
        &root.join("content/2019/article-005.md"),
        "Second paragraph about the topic.",
        "Second paragraph, in the feed.",
    );
    let in_feed = step(
        &["content/2019/article-005.md"],
        Way::Patched,
        "change an article in the feed",
    );
    assert!(String::from_utf8_lossy(&in_feed["atom.xml"]).contains("in the feed"));

    std::fs::write(
        root.join("content/2019/new-one.md"),
        "+++\ntitle = \"A new one\"\ndate = 2019-12-31\ntags = [\"topic 1\"]\n+++\nFresh text here.\n",
    )
    .expect("add");
    step(&["content/2019/new-one.md"], Way::Whole, "add an article");

    std::fs::remove_file(root.join("content/2018/article-004.md")).expect("delete");
    std::fs::remove_file(root.join("content/2018/article-004.annotations.toml"))
        .expect("delete sidecar");
    step(
        &[
            "content/2018/article-004.md",
            "content/2018/article-004.annotations.toml",
        ],
        Way::Whole,
        "delete an article",
    );

    edit(
        &root.join("content/2017/article-003.annotations.toml"),
        "A note on 3.",
        "A changed note on 3.",
    );
    step(
        &["content/2017/article-003.annotations.toml"],
        Way::Patched,
        "change a sidecar",
    );
    // A dated correction changes when the article last changed, which the sitemap says:
    // built again, not patched.
    edit(
        &root.join("content/2017/article-003.annotations.toml"),
        "body = \"A changed note on 3.\"",
        "body = \"A changed note on 3.\"\nkind = \"correction\"\ndate = 2030-01-02",
    );
    let corrected = step(
        &["content/2017/article-003.annotations.toml"],
        Way::Whole,
        "add a dated correction",
    );
    assert!(String::from_utf8_lossy(&corrected["sitemap.xml"]).contains("2030-01-02"));
    // A quote a context page shows.
    edit(
        &root.join("content/2017/article-003.annotations.toml"),
        "quote = \"marker3word\"",
        "quote = \"mentions marker3word\"",
    );
    let quoted = step(
        &["content/2017/article-003.annotations.toml"],
        Way::Patched,
        "change a quote a context page shows",
    );
    assert!(String::from_utf8_lossy(&quoted["context/alpha/index.html"])
        .contains("mentions marker3word"));

    // An edit that changes how many search index files there are changes which files
    // exist, so it is built, even when it would otherwise be patched: here the same
    // number of words (so the same reading time and summary), first 3,000 words of their
    // own, then one common word 3,000 times.
    let long = root.join("content/2018/article-007.md");
    let before_words = std::fs::read_to_string(&long).expect("read");
    let words: Vec<String> = (0..3000)
        .map(|n: u32| {
            let letters: String = (0..4)
                .map(|k| char::from(b'a' + u8::try_from((n / 26u32.pow(k)) % 26).expect("letter")))
                .collect();
            format!("vocab{letters}")
        })
        .collect();
    std::fs::write(&long, format!("{before_words}\n{}.\n", words.join(" "))).expect("write");
    let grown = step(
        &["content/2018/article-007.md"],
        Way::Whole,
        "add many new words",
    );
    let same_length = vec!["topic"; words.len()].join(" ");
    std::fs::write(&long, format!("{before_words}\n{same_length}.\n")).expect("write");
    let shrunk = step(
        &["content/2018/article-007.md"],
        Way::Whole,
        "swap them for a common word",
    );
    let index_files = |site: &BTreeMap<String, bytes::Bytes>| {
        site.keys().filter(|p| p.starts_with("search/")).count()
    };
    assert!(index_files(&grown) > index_files(&shrunk));
    std::fs::write(&long, &before_words).expect("write");
    // Fewer words: a shorter reading time, so a summary lists show changed; patched.
    step(
        &["content/2018/article-007.md"],
        Way::Patched,
        "take them away",
    );

    // A new title shows on the lists, neighbours and related articles: still patched.
    edit(
        &root.join("content/2018/article-010.md"),
        "title = \"Article number 10\"",
        "title = \"Article number ten, retitled\"",
    );
    let retitled = step(
        &["content/2018/article-010.md"],
        Way::Patched,
        "retitle an article",
    );
    let showing = retitled
        .iter()
        .filter(|(path, bytes)| {
            path.ends_with(".html")
                && !path.starts_with("2018/article-010/")
                && String::from_utf8_lossy(bytes).contains("Article number ten, retitled")
        })
        .count();
    assert!(showing > 3, "the new title shows on {showing} other pages");

    // Index inputs: tags, date, and a note's context reference.
    edit(
        &root.join("content/2017/article-006.md"),
        "tags = [\"",
        "tags = [\"a brand new tag\", \"",
    );
    step(
        &["content/2017/article-006.md"],
        Way::Whole,
        "retag an article",
    );
    edit(
        &root.join("content/2017/article-009.md"),
        "date = 2017-",
        "date = 2016-",
    );
    step(
        &["content/2017/article-009.md"],
        Way::Whole,
        "redate an article",
    );
    edit(
        &root.join("content/2017/article-003.annotations.toml"),
        "body = \"A changed note on 3.\"",
        "body = \"A changed note on 3.\"\nref = \"alpha\"",
    );
    step(
        &["content/2017/article-003.annotations.toml"],
        Way::Whole,
        "refer a note to an entry",
    );

    // A new folder with an article in it, then the folder removed.
    std::fs::create_dir_all(root.join("content/2020")).expect("mkdir");
    std::fs::write(
        root.join("content/2020/in-a-folder.md"),
        "+++\ntitle = \"In a new folder\"\ndate = 2020-01-02\n+++\nText.\n",
    )
    .expect("add in a folder");
    step(&["content/2020"], Way::Whole, "add a folder");
    std::fs::remove_dir_all(root.join("content/2020")).expect("remove a folder");
    step(&["content/2020"], Way::Whole, "remove a folder");

    edit(
        &root.join("content/context/alpha.md"),
        "About *alpha*.",
        "All about *alpha*.",
    );
    let before_template = step(
        &["content/context/alpha.md"],
        Way::Whole,
        "change a context entry",
    );

    std::fs::create_dir_all(root.join("templates/partials")).expect("templates");
    let summary = gloss::templates::BUILT_IN
        .iter()
        .find(|(n, _)| *n == "partials/summary.html")
        .expect("built-in")
        .1;
    std::fs::write(
        root.join("templates/partials/summary.html"),
        summary.replace(
            "<article class=\"summary-item\">",
            "<article class=\"summary-item custom\">",
        ),
    )
    .expect("override");
    let templated = step(
        &["templates/partials/summary.html"],
        Way::Whole,
        "change a template",
    );
    assert!(String::from_utf8_lossy(&templated["index.html"]).contains("summary-item custom"));
    // Article pages do not use that partial: they were not rendered again.
    assert_eq!(
        templated[untouched].as_ptr(),
        before_template[untouched].as_ptr(),
        "a page that does not use the edited template was rendered again"
    );

    // A link to a file or an entry not there yet leads nowhere; once it is added, the
    // page links to it where it is published, and back when it is taken away.
    edit(
        &root.join("content/2017/article-000.md"),
        "Second paragraph, reworded.",
        "Second paragraph, reworded. See [the report](report.pdf) and [kappa](../context/kappa.md).",
    );
    step(
        &["content/2017/article-000.md"],
        Way::Patched,
        "link to files not there",
    );
    std::fs::write(root.join("content/2017/report.pdf"), "%PDF-1.4\n").expect("pdf");
    let linked = step(
        &["content/2017/report.pdf"],
        Way::Whole,
        "add a linked file",
    );
    assert!(
        String::from_utf8_lossy(&linked["2017/article-000/index.html"])
            .contains("href=\"../../2017/report.pdf\"")
    );
    std::fs::write(
        root.join("content/context/kappa.md"),
        "+++\ntitle = \"Kappa\"\n+++\nAbout kappa.\n",
    )
    .expect("entry");
    step(
        &["content/context/kappa.md"],
        Way::Whole,
        "add a linked entry",
    );
    std::fs::remove_file(root.join("content/2017/report.pdf")).expect("remove");
    step(
        &["content/2017/report.pdf"],
        Way::Whole,
        "take the linked file away",
    );

    edit(
        &root.join("site.toml"),
        "title = \"Test archive\"",
        "title = \"Renamed archive\"",
    );
    let renamed = step(&["site.toml"], Way::Whole, "change site.toml");
    assert!(String::from_utf8_lossy(&renamed[untouched]).contains("Renamed archive"));
}

#[test]
fn a_save_that_moves_a_note_placed_by_occurrence_is_warned_of_once() {
    let site = SiteTest::occurrence_note();
    let root = site.root.clone();
    let mut cache = BuildCache::keeping();
    let mut built = gloss::render::Site::default();
    same_as_full_build(
        &root,
        &mut cache,
        &mut built,
        &[],
        Way::Whole,
        "first build",
    );
    assert!(cache.warnings.is_empty(), "{:?}", cache.warnings);
    let article = root.join("content/2020/talks.md");
    edit(&article, "The summit", "First, CVID.\n\nThe summit");
    let saved = ["content/2020/talks.md"];
    same_as_full_build(
        &root,
        &mut cache,
        &mut built,
        &saved,
        Way::Patched,
        "a CVID before",
    );
    assert_eq!(cache.warnings.len(), 1, "{:?}", cache.warnings);
    assert!(
        cache.warnings[0]
            .message
            .contains("note 1 (marker 1 on the page) has moved to other words"),
        "{}",
        cache.warnings[0].message
    );
    // The save was recorded: a save that keeps the note where it now is says nothing.
    edit(&article, "was the aim", "is the aim");
    same_as_full_build(
        &root,
        &mut cache,
        &mut built,
        &saved,
        Way::Patched,
        "reworded",
    );
    assert!(cache.warnings.is_empty(), "{:?}", cache.warnings);
}

#[test]
fn a_saved_sidecar_s_warnings_come_and_go_with_the_save_as_a_full_build_s() {
    let site = SiteTest::occurrence_note();
    let root = site.root.clone();
    let sidecar = root.join("content/2020/talks.annotations.toml");
    let mut cache = BuildCache::keeping();
    let mut built = gloss::render::Site::default();
    same_as_full_build(
        &root,
        &mut cache,
        &mut built,
        &[],
        Way::Whole,
        "first build",
    );
    let warned = |cache: &BuildCache| {
        cache
            .standing
            .iter()
            .any(|w| w.message.contains("correction without a `date`"))
    };
    assert!(!warned(&cache));
    edit(
        &sidecar,
        "body = \"Complete.\"",
        "kind = \"correction\"\nbody = \"Complete.\"",
    );
    let saved = ["content/2020/talks.annotations.toml"];
    same_as_full_build(
        &root,
        &mut cache,
        &mut built,
        &saved,
        Way::Patched,
        "a correction",
    );
    assert!(warned(&cache), "{:?}", cache.standing);
    // As a full build finds it.
    let mut fresh = BuildCache::keeping();
    gloss::build_with(&config(&root), &mut fresh).expect("build");
    assert!(warned(&fresh));
    edit(&sidecar, "kind = \"correction\"\n", "");
    same_as_full_build(
        &root,
        &mut cache,
        &mut built,
        &saved,
        Way::Patched,
        "no correction",
    );
    assert!(!warned(&cache), "{:?}", cache.standing);
}
