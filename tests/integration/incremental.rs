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

/// Builds with the long-lived cache and from scratch, and demands the same files.
fn same_as_full_build(
    root: &Path,
    cache: &mut BuildCache,
    step: &str,
) -> BTreeMap<String, bytes::Bytes> {
    let config = config(root);
    let incremental =
        gloss::build_with(&config, cache).unwrap_or_else(|d| panic!("{step}: {:?}", d.0));
    let full = gloss::build(&config).unwrap_or_else(|d| panic!("{step}: {:?}", d.0));
    let (a, b) = (files(&incremental), files(&full));
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
    let first = same_as_full_build(&root, &mut cache, "first build");
    if watched {
        cache.files.trust_watcher();
    }
    // What a watcher reports after each change (harmless when nothing trusts it).
    let report = |cache: &mut BuildCache, rels: &[&str]| {
        let paths: Vec<std::path::PathBuf> = rels.iter().map(|r| root.join(r)).collect();
        cache.forget(&paths);
    };

    edit(
        &root.join("content/2017/article-000.md"),
        "Second paragraph about the topic.",
        "Second paragraph, reworded.",
    );
    report(&mut cache, &["content/2017/article-000.md"]);
    let after_edit = same_as_full_build(&root, &mut cache, "change an article");
    let untouched = "2018/article-013/index.html";
    assert_eq!(
        first[untouched].as_ptr(),
        after_edit[untouched].as_ptr(),
        "an unrelated page was rendered again"
    );

    std::fs::write(
        root.join("content/2019/new-one.md"),
        "+++\ntitle = \"A new one\"\ndate = 2019-12-31\ntags = [\"topic 1\"]\n+++\nFresh text here.\n",
    )
    .expect("add");
    report(&mut cache, &["content/2019/new-one.md"]);
    same_as_full_build(&root, &mut cache, "add an article");

    std::fs::remove_file(root.join("content/2018/article-004.md")).expect("delete");
    std::fs::remove_file(root.join("content/2018/article-004.annotations.toml"))
        .expect("delete sidecar");
    report(
        &mut cache,
        &[
            "content/2018/article-004.md",
            "content/2018/article-004.annotations.toml",
        ],
    );
    same_as_full_build(&root, &mut cache, "delete an article");

    edit(
        &root.join("content/2017/article-003.annotations.toml"),
        "A note on 3.",
        "A changed note on 3.",
    );
    report(&mut cache, &["content/2017/article-003.annotations.toml"]);
    same_as_full_build(&root, &mut cache, "change a sidecar");

    // Index inputs: tags, date, and a note's context reference.
    edit(
        &root.join("content/2017/article-006.md"),
        "tags = [\"",
        "tags = [\"a brand new tag\", \"",
    );
    report(&mut cache, &["content/2017/article-006.md"]);
    same_as_full_build(&root, &mut cache, "retag an article");
    edit(
        &root.join("content/2017/article-009.md"),
        "date = 2017-",
        "date = 2016-",
    );
    report(&mut cache, &["content/2017/article-009.md"]);
    same_as_full_build(&root, &mut cache, "redate an article");
    edit(
        &root.join("content/2017/article-003.annotations.toml"),
        "body = \"A changed note on 3.\"",
        "body = \"A changed note on 3.\"\nref = \"alpha\"",
    );
    report(&mut cache, &["content/2017/article-003.annotations.toml"]);
    same_as_full_build(&root, &mut cache, "refer a note to an entry");

    // A new folder with an article in it, then the folder removed.
    std::fs::create_dir_all(root.join("content/2020")).expect("mkdir");
    std::fs::write(
        root.join("content/2020/in-a-folder.md"),
        "+++\ntitle = \"In a new folder\"\ndate = 2020-01-02\n+++\nText.\n",
    )
    .expect("add in a folder");
    report(&mut cache, &["content/2020"]);
    same_as_full_build(&root, &mut cache, "add a folder");
    std::fs::remove_dir_all(root.join("content/2020")).expect("remove a folder");
    report(&mut cache, &["content/2020"]);
    same_as_full_build(&root, &mut cache, "remove a folder");

    edit(
        &root.join("content/context/alpha.md"),
        "About *alpha*.",
        "All about *alpha*.",
    );
    report(&mut cache, &["content/context/alpha.md"]);
    same_as_full_build(&root, &mut cache, "change a context entry");

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
    let templated = same_as_full_build(&root, &mut cache, "change a template");
    assert!(String::from_utf8_lossy(&templated["index.html"]).contains("summary-item custom"));

    edit(
        &root.join("site.toml"),
        "title = \"Test archive\"",
        "title = \"Renamed archive\"",
    );
    let renamed = same_as_full_build(&root, &mut cache, "change site.toml");
    assert!(String::from_utf8_lossy(&renamed[untouched]).contains("Renamed archive"));
}
