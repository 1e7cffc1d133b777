//! The `broken` fixture: a site with one of every content error. `gloss check` reports
//! them all in one run, each once, with the place and a hint; `gloss build` fails and
//! leaves the output of an earlier build as it was.

use crate::anchoring::files;
use crate::harness::SiteTest;

/// The first line of every error the fixture holds, once each.
const ERRORS: [&str; 14] = [
    "quote not found in the article",
    "quote matches 2 places in the article",
    "the quote is only found in a code block",
    "occurrence = 3, but the quote matches only 2 place(s)",
    "the quote runs across two blocks",
    "the quote occurs 2 time(s), but never with this prefix/suffix",
    "unknown context entry `yongbyn`",
    "unknown context entry `sanctions`",
    "unknown key `qoute`",
    "sidecar without its article",
    "the text of `title` runs past the end of its line",
    "two articles have the URL pages/same/",
    "slug `../../escape` is not a single safe path segment",
    "the front matter has no title",
];

#[test]
fn check_reports_every_error_of_every_file_in_one_run() {
    let site = SiteTest::new("broken");
    let out = site.gloss(&["check"]);
    assert_eq!(out.status.code(), Some(1), "content errors exit with 1");
    let report = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!report.contains('\u{1b}'), "no colour when not a terminal");
    for error in ERRORS {
        assert_eq!(
            report.matches(error).count(),
            1,
            "`{error}` should be reported once in:\n{report}"
        );
    }
    let problems = format!("{} errors", ERRORS.len());
    assert!(report.contains(&problems), "{report}");
    insta::assert_snapshot!("check_report", report);
}

#[test]
fn anchoring_errors_name_the_place_and_the_way_out() {
    let site = SiteTest::new("broken");
    let report = String::from_utf8_lossy(&site.gloss(&["check"]).stderr).into_owned();
    let flat = report.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        // Not found: the sidecar's line, the note and the nearest passage with its line.
        "content/notes/anchoring.annotations.toml:4:9",
        "╰── note 1",
        "nearest passage, article line 6: \"…offered to close the nuclear «research center at Yongbyon», in return for relief.\"",
        // Ambiguous: every candidate with its line and context, and how to choose.
        "candidate 1, article line 8: \"«The summit» ended early. The summit had…\"",
        "candidate 2, article line 8: \"The summit ended early. «The summit» had been planned for two…\"",
        "or `occurrence = N`",
        "use an occurrence from 1 to 2",
        "place 2, article line 18: \"The freeze, the anti«freeze».\"",
        "it starts at article line 10: \"The talks «ended here. The next»",
        "did you mean `yongbyon`?",
        "create content/context/sanctions.md",
        "did you mean `quote`?",
        "expected the article content/notes/orphan.md next to it",
        "content/pages/first.md has it too",
    ] {
        assert!(flat.contains(expected), "missing `{expected}` in:\n{report}");
    }
}

#[test]
fn a_failed_build_leaves_the_earlier_output_untouched() {
    let site = SiteTest::new("annotations");
    let output = site.root.join("out");
    let output_arg = output.to_str().expect("utf-8 path");
    build_succeeds(&site, output_arg);
    let before = files(&output);
    assert!(
        before.len() > 10,
        "the good build wrote {} files",
        before.len()
    );

    let broken = SiteTest::new("broken");
    std::fs::remove_dir_all(site.root.join("content")).expect("remove content");
    copy_dir(&broken.root.join("content"), &site.root.join("content"));
    build_fails(&site, output_arg);
    let after = files(&output);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the file list changed"
    );
    for (path, bytes) in &before {
        assert!(after[path] == *bytes, "{} changed", path.display());
    }
}

/// Pages go to a staging folder while they render: a template that fails on one
/// article, after others were already written there, must leave neither a half-written
/// output nor the staging folder behind.
#[test]
fn a_build_failing_while_pages_stream_out_leaves_no_trace() {
    let site = SiteTest::new("annotations");
    let output = site.root.join("out");
    let output_arg = output.to_str().expect("utf-8 path");
    build_succeeds(&site, output_arg);
    let before = files(&output);
    let listing = |dir: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("read the site folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };

    // Only the article "Quotes in other scripts" fails: the others render (and
    // stream into staging) before or while it does.
    let templates = site.root.join("templates");
    std::fs::create_dir_all(&templates).expect("templates folder");
    let (_, article) = gloss::templates::BUILT_IN
        .iter()
        .find(|(name, _)| *name == "article.html")
        .expect("a built-in article.html");
    let failing = article.replacen(
        "{% block main %}",
        "{% block main %}{% if \"other scripts\" in article.title %}{{ no_such_variable }}{% endif %}",
        1,
    );
    assert_ne!(failing, *article, "the template has a main block");
    std::fs::write(templates.join("article.html"), failing).expect("override the template");
    let siblings = listing(&site.root);
    let stderr = build_fails(&site, output_arg);
    assert!(stderr.contains("no_such_variable"), "{stderr}");
    assert_eq!(
        listing(&site.root),
        siblings,
        "a staging folder was left behind"
    );
    let after = files(&output);
    assert_eq!(before, after, "the output changed");
}

fn build_succeeds(site: &SiteTest, output: &str) {
    let good = site.gloss(&["build", "--output", output]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
}

/// Builds, expects exit code 1 (content errors), and gives what was printed on stderr.
fn build_fails(site: &SiteTest, output: &str) -> String {
    let bad = site.gloss(&["build", "--output", output]);
    let stderr = String::from_utf8_lossy(&bad.stderr).into_owned();
    assert_eq!(bad.status.code(), Some(1), "{stderr}");
    stderr
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

// The unsafe slug's error should point at the `slug` key (line 4), not at the first
// "slug" in the front matter's text, which here is a word of the title on line 2.
#[test]
fn an_unsafe_slug_is_pointed_at_on_its_own_line() {
    let site = SiteTest::new("broken");
    let report = String::from_utf8_lossy(&site.gloss(&["check"]).stderr).into_owned();
    assert!(report.contains("content/pages/unsafe.md:4:1"), "{report}");
}
