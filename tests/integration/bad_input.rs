//! The bad-input table of docs/bad-input.md, one test per row: each input gets a clear
//! message naming the file (and line, where it has one) and a fix, the right exit code,
//! and never a panic. Rows whose input is merely large must build.

use std::path::Path;
use std::process::Output;

use crate::harness::SiteTest;

const ARTICLE: &str =
    "+++\ntitle = \"Fine\"\ndate = 2020-01-02\n+++\nThe summit at Yongbyon ended early.\n";

/// A small valid site to break.
fn site() -> SiteTest {
    let site = SiteTest::empty();
    write(
        &site.root,
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    write(&site.root, "content/2020/fine.md", ARTICLE);
    site
}

fn write(root: &Path, path: &str, text: impl AsRef<[u8]>) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Runs `check` and `build`, and demands the same failure from both.
fn fails(site: &SiteTest, code: i32, needles: &[&str]) -> String {
    let check = site.gloss(&["check"]);
    let build = site.gloss(&["build"]);
    for (name, out) in [("check", &check), ("build", &build)] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{name}: exit code\n{stderr}");
        assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{name}: {needle:?} missing from\n{stderr}"
            );
        }
    }
    String::from_utf8_lossy(&check.stderr).into_owned()
}

fn builds(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "build failed:\n{stderr}");
}

#[test]
fn invalid_utf8_names_the_file_and_position() {
    let site = site();
    write(
        &site.root,
        "content/2020/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\n+++\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/latin1.md",
            "not valid UTF-8 (line 2, column 13)",
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn an_empty_file_says_how_to_start_one() {
    let site = site();
    write(&site.root, "content/2020/empty.md", "");
    fails(
        &site,
        1,
        &[
            "content/2020/empty.md",
            "the file is empty",
            "start it with front matter",
        ],
    );
}

#[test]
fn unclosed_front_matter_points_at_its_first_line() {
    let site = site();
    write(
        &site.root,
        "content/2020/open.md",
        "+++\ntitle = \"Open\"\ndate = 2020-01-01\nBody.\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/open.md:1:1",
            "front matter is not closed",
            "add a line with +++",
        ],
    );
}

#[test]
fn bad_toml_and_yaml_give_line_and_column() {
    let site = site();
    write(
        &site.root,
        "content/2020/toml.md",
        "+++\ntitle = \"T\"\ndate = = 2020\n+++\nx\n",
    );
    write(
        &site.root,
        "content/2020/yaml.md",
        "---\ntitle: T\ndate: 2020-01-02\ntags: [a, b\n---\nx\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "content/2020/toml.md:3:",
            "invalid TOML",
            "content/2020/yaml.md:",
            "invalid YAML",
        ],
    );
    assert!(
        text.contains("content/2020/yaml.md:4:") || text.contains("content/2020/yaml.md:5:"),
        "{text}"
    );
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    let site = site();
    write(
        &site.root,
        "content/2020/key.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-01\ntgas = [\"x\"]\nsummary = \"\"\"\nA = B\n\"\"\"\nauthor = [\"Y\"]\n+++\nWords here.\n",
    );
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nqoute = \"Yongbyon\"\nbody = \"b\"\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/key.md:8:1",
            "did you mean `authors`?",
            // Every unknown key in one run, not the first alone, each at its line.
            "content/2020/key.md:4:1",
            "did you mean `tags`?",
            "content/2020/fine.annotations.toml:2:1",
            "did you mean `quote`?",
        ],
    );
}

#[test]
fn unknown_yaml_keys_suggest_the_right_one_at_the_file_s_line() {
    let site = site();
    write(
        &site.root,
        "content/2020/key.md",
        "---
title: T
date: 2020-01-01
sumary: x
tag:
  - a
---
Words here.
",
    );
    write(
        &site.root,
        "content/2020/fine.annotations.yaml",
        "note:\n  - quote: summit\n    bdy: b\n",
    );
    let stderr = fails(
        &site,
        1,
        &[
            "content/2020/key.md:4:1",
            "did you mean `summary`?",
            "content/2020/key.md:5:1",
            "did you mean `tags`?",
            "content/2020/fine.annotations.yaml:3:5",
            "did you mean `body`?",
        ],
    );
    assert!(
        !stderr.contains("line 3 column"),
        "a place counted from the front matter:\n{stderr}"
    );
    // Each key once: no error also lists the others.
    assert!(!stderr.contains("is not known either"), "{stderr}");
}

#[test]
fn a_bad_date_says_which_forms_work() {
    let site = site();
    write(
        &site.root,
        "content/2020/date.md",
        "+++\ntitle = \"T\"\ndate = \"March 1\"\n+++\nx\n",
    );
    let stderr = fails(
        &site,
        1,
        &[
            "content/2020/date.md:3:",
            "`March 1` is not a date",
            "help: write 2019-03-01",
        ],
    );
    // Well-formed TOML with a value gloss refuses: no talk of TOML syntax.
    assert!(
        !stderr.contains("invalid TOML") && !stderr.contains("syntax"),
        "{stderr}"
    );
    // A TOML date of no calendar day: which key, why, and how dates are written.
    write(
        &site.root,
        "content/2020/date.md",
        "+++\ntitle = \"T\"\ndate = 2019-13-01\n+++\nx\n",
    );
    let stderr = fails(
        &site,
        1,
        &[
            "content/2020/date.md:3:8",
            "`date` is not a date: expected month between 01 and 12",
            "write a day of the calendar, as 2019-03-01",
        ],
    );
    assert!(!stderr.contains("invalid TOML"), "{stderr}");
}

#[test]
fn check_anchors_the_notes_of_an_article_whose_front_matter_is_wrong() {
    let site = site();
    let note = "[[note]]\nquote = \"Yongbyonx\"\nbody = \"x\"\n\n[[note]]\nquote = \"ended\"\nbody = \"y\"\n";
    // A front matter that does not read, and one that reads with a value missing.
    for front in ["title = \"T\"\ndate = 2019-13-01\n", "date = 2020-01-01\n"] {
        write(
            &site.root,
            "content/2020/fine.md",
            format!("+++\n{front}+++\nThe summit at Yongbyon ended early.\n"),
        );
        write(&site.root, "content/2020/fine.annotations.toml", note);
        let check = site.gloss(&["check"]);
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert_eq!(check.status.code(), Some(1), "{stderr}");
        // The front matter's problem and the note's, in one run; the sound note is
        // not reported.
        assert!(stderr.contains("content/2020/fine.md:"), "{stderr}");
        assert!(
            stderr.contains("content/2020/fine.annotations.toml:2:9")
                && stderr.contains("quote not found in the article")
                && stderr.contains("«Yongbyon»"),
            "{stderr}"
        );
        assert!(stderr.contains("2 errors"), "{stderr}");
    }
}

#[test]
fn a_summary_written_as_a_list_is_run_together_and_warned_of() {
    let site = site();
    write(
        &site.root,
        "content/2020/listed.md",
        "+++\ntitle = \"Listed\"\ndate = 2020-01-03\nsummary = \"\"\"\n- one\n- two\n\nSecond paragraph.\n\"\"\"\n+++\nBody.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("content/2020/listed.md:4:")
            && stderr.contains("this summary holds a list, a heading or several paragraphs"),
        "{stderr}"
    );
    builds(&site.gloss(&["build"]));
    let home = site.page("index.html");
    assert!(home.contains("one two Second paragraph."), "{home}");
    assert!(!home.contains("<ul>"), "{home}");
}

#[test]
fn a_note_that_would_show_an_empty_entry_summary_is_warned_of() {
    let site = site();
    site.write("content/context/empty.md", "+++\ntitle = \"Empty\"\n+++\n")
        .write("content/context/chart.png", "png")
        .write(
            "content/context/pictured.md",
            "+++\ntitle = \"Pictured\"\n+++\n![a chart](chart.png)\n\nText after the picture.\n",
        )
        .write(
            "content/2020/fine.annotations.toml",
            "[[note]]\nquote = \"summit\"\nref = \"empty\"\n\n[[note]]\nquote = \"Yongbyon\"\nref = \"pictured\"\n\n[[note]]\nquote = \"ended\"\nref = \"empty\"\nbody = \"Its own words.\"\n",
        );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    for expected in [
        "content/2020/fine.annotations.toml:3:7",
        "note 1 shows only a link to the context entry `empty`",
        "give the note a `body`, or the entry a `summary`",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing from\n{stderr}"
        );
    }
    // The entry whose first paragraph is a picture takes the next one as its summary;
    // a note with its own body needs none.
    assert!(stdout.contains("1 warning"), "{stdout}\n{stderr}");
    builds(&site.gloss(&["build"]));
    let page = site.page("2020/fine/index.html");
    assert!(page.contains("Text after the picture."), "{page}");
}

#[test]
fn a_ref_written_as_an_entry_s_name_or_left_empty_says_what_to_write() {
    let site = site();
    site.write(
        "content/context/people/kim-jong-un.md",
        "+++\ntitle = \"Kim Jong Un\"\naliases = [\"Chairman Kim\"]\nsummary = \"Leader.\"\n+++\n",
    )
    .write(
        "content/context/people/pompeo.md",
        "+++\ntitle = \"Mike Pompeo\"\nsummary = \"Secretary of State.\"\n+++\n",
    )
    .write(
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\nref = \"chairman kim\"\n\n[[note]]\nquote = \"Yongbyon\"\nref = \"\"\nbody = \"x\"\n\n[[note]]\nquote = \"ended\"\nref = \"pompeo\"\n\n[[note]]\nquote = \"early\"\nref = \"people/ri-son-gwon\"\n",
    );
    fails(
        &site,
        1,
        &[
            "unknown context entry `chairman kim`",
            "`chairman kim` is a name of the entry `people/kim-jong-un`",
            "`ref` is empty",
            "unknown context entry `pompeo`",
            "unknown context entry `people/ri-son-gwon`",
            "create content/context/people/ri-son-gwon.md, or fix the id",
            "write `ref = \"people/pompeo\"`: an entry's id is its path under content/context/, folders",
        ],
    );
}

#[test]
fn a_footnote_never_referred_to_is_warned_of() {
    let site = site();
    write(
        &site.root,
        "content/2020/notes.md",
        "+++\ntitle = \"N\"\ndate = 2020-01-03\n+++\nUsed.[^a]\n\n[^a]: Shown.\n\n[^unused]: Never referred to.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("1 warning"), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("content/2020/notes.md:9:1")
            && stderr.contains("the footnote [^unused] is never referred to"),
        "{stderr}"
    );
}

#[test]
fn check_warns_of_dead_links_also_when_a_note_finds_no_place() {
    let site = site();
    write(
        &site.root,
        "content/2020/links.md",
        "+++\ntitle = \"Links\"\ndate = 2020-01-03\n+++\nSee [the map](mpas/world.svg) and [the fine one](fine.md).\n",
    );
    write(
        &site.root,
        "content/2020/links.annotations.toml",
        "[[note]]\nquote = \"the mapp\"\nbody = \"x\"\n",
    );
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"As [the other](gone.md) and [the links](links.md) say.\"\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    for expected in [
        "quote not found in the article",
        "`mpas/world.svg` leads to no file of the site",
        "`gone.md` leads to no file of the site",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing from\n{stderr}"
        );
    }
    // A link to an article whose note found no place is no dead link.
    assert!(!stderr.contains("`links.md` leads"), "{stderr}");
}

#[test]
fn files_of_the_site_that_differ_only_in_case_are_warned_of() {
    let site = site();
    write(&site.root, "content/Index.html", "x");
    write(
        &site.root,
        "content/2021/plain.md",
        "+++\ntitle = \"P\"\ndate = 2021-01-02\nredirect_from = [\"/2021/Plain/\"]\n+++\nWords.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    for expected in [
        "differs only in case from Index.html",
        "differs only in case from 2021/Plain/index.html",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing from\n{stderr}"
        );
    }
}

#[test]
fn a_source_url_that_is_no_web_address_points_at_its_line() {
    let site = site();
    write(
        &site.root,
        "content/2020/source.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-01\n[source]\nname = \"X\"\nurl = \"javascript:alert(1)\"\n+++\nx\n",
    );
    fails(
        &site,
        1,
        &["content/2020/source.md:6:", "is not a web address"],
    );
}

#[test]
fn a_web_address_that_names_no_host_is_refused_at_its_line() {
    for (cited, original) in [("https://", "https:///path"), ("http://", "https://?q")] {
        let site = site();
        write(
            &site.root,
            "content/2020/fine.annotations.toml",
            format!("[[note]]\nquote = \"summit\"\nbody = \"x\"\n[[note.sources]]\ntitle = \"T\"\nurl = \"{cited}\"\n"),
        );
        write(
            &site.root,
            "content/2020/source.md",
            format!("+++\ntitle = \"T\"\ndate = 2020-01-01\n[source]\nname = \"X\"\nurl = \"{original}\"\n+++\nx\n"),
        );
        let text = fails(
            &site,
            1,
            &[
                "content/2020/fine.annotations.toml:6:",
                &format!("note 1 cites `{cited}`, which is not a web address: it names no host"),
                "content/2020/source.md:6:",
                &format!("source url `{original}` is not a web address: it names no host"),
            ],
        );
        assert_eq!(
            text.matches("https://example.org/page").count(),
            2,
            "a hint for each:\n{text}"
        );
    }
    // gloss import refuses it before writing anything.
    let site = site();
    std::fs::write(site.root.join("raw.txt"), "Title\n\nBody text.\n").expect("write");
    let raw = site.root.join("raw.txt");
    let out = site.gloss(&[
        "import",
        raw.to_str().expect("utf-8 path"),
        "--source-url",
        "https://",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("source url `https://` is not a web address: it names no host"),
        "{stderr}"
    );
}

#[test]
fn a_missing_title_says_what_to_add() {
    let site = site();
    write(
        &site.root,
        "content/2020/untitled.md",
        "+++\ndate = 2020-01-01\n+++\nx\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/untitled.md:1:1",
            "the front matter has no title",
            "add `title = ",
        ],
    );
}

#[test]
fn an_empty_tag_author_or_credit_is_named_at_its_line() {
    let site = site();
    write(
        &site.root,
        "content/2020/empty-names.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-01\ntags = [\"ok\", \"\"]\nauthors = [\" \"]\n+++\nx\n",
    );
    write(
        &site.root,
        "content/context/empty-alias.md",
        "+++\ntitle = \"E\"\naliases = [\"\"]\n+++\nx\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/empty-names.md:4:1",
            "`tags` holds an empty name",
            "content/2020/empty-names.md:5:1",
            "`authors` holds an empty name",
            "remove the \"\" from `tags`",
            "content/context/empty-alias.md:3:1",
            "`aliases` holds an empty name",
        ],
    );
}

#[test]
fn duplicate_urls_name_both_files() {
    let site = site();
    write(
        &site.root,
        "content/2020/other.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-01\nslug = \"fine\"\n+++\nx\n",
    );
    fails(
        &site,
        1,
        &[
            "two articles have the URL 2020/fine/",
            "content/2020/fine.md",
            // At the slug that makes the URL.
            "content/2020/other.md:4:1",
            "different `slug`",
        ],
    );
}

#[test]
fn a_slug_that_is_not_one_segment_is_refused() {
    let site = site();
    write(
        &site.root,
        "content/2020/a.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-01\nslug = \"../../etc\"\n+++\nx\n",
    );
    write(
        &site.root,
        "content/2020/b.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-01\nslug = \"x/y\"\n+++\nx\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/a.md:4:1",
            "slug `../../etc` is not a single safe path segment",
            "content/2020/b.md:4:1",
            "one URL segment",
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content_is_named() {
    let site = site();
    std::os::unix::fs::symlink("..", site.root.join("content/2020/loop")).expect("symlink");
    fails(
        &site,
        1,
        &["content/2020/loop", "symbolic link loop", "remove the link"],
    );
}

#[test]
fn an_editors_lock_link_is_passed_over_and_another_link_to_nothing_is_named() {
    let site = site();
    // Emacs's lock of a file with unsaved changes: a link to a name that is no file.
    std::os::unix::fs::symlink(
        "user@host.1234:1700000000",
        site.root.join("content/2020/.#fine.md"),
    )
    .expect("symlink");
    for command in ["check", "build"] {
        let out = site.gloss(&[command]);
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::os::unix::fs::symlink("gone.md", site.root.join("content/2020/lost.md")).expect("symlink");
    fails(
        &site,
        2,
        &[
            "content/2020/lost.md",
            "this link leads to no file (gone.md)",
        ],
    );
}

#[test]
fn a_sidecar_without_its_article_is_an_error() {
    let site = site();
    write(
        &site.root,
        "content/2020/gone.annotations.toml",
        "[[note]]\nquote = \"x\"\nbody = \"b\"\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/gone.annotations.toml",
            "sidecar without its article",
            "content/2020/gone.md",
        ],
    );
}

// Before, the sidecar of `a.markdown` or `a.MD` was called an orphan,
// with the advice to rename it to match an article it already matched.
#[test]
fn the_sidecar_of_a_markdown_or_md_article_is_paired_with_it() {
    let site = site();
    for name in ["long.markdown", "upper.MD"] {
        write(&site.root, &format!("content/2020/{name}"), ARTICLE);
        let stem = name.split('.').next().expect("stem");
        write(
            &site.root,
            &format!("content/2020/{stem}.annotations.toml"),
            "[[note]]\nquote = \"Yongbyon\"\nbody = \"A nuclear site.\"\n",
        );
    }
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert!(!stderr.contains("without its article"), "{stderr}");
    let build = site.gloss(&["build"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    for page in ["long", "upper"] {
        let html =
            std::fs::read_to_string(site.root.join(format!("public/2020/{page}/index.html")))
                .expect("page");
        assert!(
            html.contains("A nuclear site."),
            "{page}: the note is on the page"
        );
    }
}

#[test]
fn an_empty_or_blank_quote_is_refused() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"  \"\nbody = \"b\"\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/fine.annotations.toml:2:9",
            "note 1 has an empty quote",
            "copy the words",
        ],
    );
}

#[test]
fn occurrence_zero_and_past_the_end_are_explained() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\noccurrence = 0\nbody = \"b\"\n",
    );
    fails(
        &site,
        1,
        &[
            "fine.annotations.toml:",
            "occurrence = 0; occurrences count from 1",
        ],
    );
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\noccurrence = 3\nbody = \"b\"\n",
    );
    fails(
        &site,
        1,
        &[
            "occurrence = 3, but the quote matches only 1 place(s)",
            "candidate 1, article line 5",
            "use an occurrence from 1 to 1",
        ],
    );
}

#[test]
fn a_prefix_or_suffix_that_matches_nothing_points_at_itself() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nprefix = \"reactor at\"\nbody = \"b\"\n",
    );
    fails(
        &site,
        1,
        &[
            "fine.annotations.toml:3:10",
            "never with this prefix/suffix",
            "copy `prefix` and `suffix`",
        ],
    );
}

#[test]
fn a_ten_megabyte_article_builds_and_a_larger_than_limit_file_is_refused() {
    let site = site();
    let paragraph =
        "Lorem ipsum dolor sit amet, the summit text goes on and on. ".repeat(16) + "\n\n";
    let body = paragraph.repeat(10 * 1024 * 1024 / paragraph.len() + 1);
    write(
        &site.root,
        "content/2020/big.md",
        format!("+++\ntitle = \"Big\"\ndate = 2020-01-01\n+++\n{body}"),
    );
    builds(&site.gloss(&["build"]));
    let huge = "x".repeat(33 * 1024 * 1024);
    write(&site.root, "content/2020/huge.md", huge);
    fails(
        &site,
        1,
        &[
            "content/2020/huge.md",
            "gloss reads files up to 32 MiB",
            "split the article",
        ],
    );
}

#[test]
fn five_thousand_notes_in_one_sidecar_build() {
    let site = site();
    let words: Vec<String> = (0..5000).map(|i| format!("word{i}x")).collect();
    let body: String = words.chunks(50).map(|c| c.join(" ") + "\n\n").collect();
    write(
        &site.root,
        "content/2020/many.md",
        format!("+++\ntitle = \"Many\"\ndate = 2020-01-01\n+++\n{body}"),
    );
    let notes: String = words
        .iter()
        .map(|w| format!("[[note]]\nquote = \"{w}\"\nbody = \"On {w}.\"\n\n"))
        .collect();
    write(&site.root, "content/2020/many.annotations.toml", notes);
    builds(&site.gloss(&["build"]));
    let page = site.page("2020/many/index.html");
    assert!(page.contains("id=\"note-5000\""));
}

#[test]
fn ten_thousand_nested_block_quotes_do_not_overflow() {
    let site = site();
    let deep = "> ".repeat(10_000) + "deep words\n";
    write(
        &site.root,
        "content/2020/deep.md",
        format!("+++\ntitle = \"Deep\"\ndate = 2020-01-01\n+++\n{deep}"),
    );
    write(
        &site.root,
        "content/2020/deep.annotations.toml",
        "[[note]]\nquote = \"deep words\"\nbody = \"b\"\n",
    );
    builds(&site.gloss(&["build"]));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_io_error() {
    let site = site();
    std::os::unix::fs::symlink(
        "/nonexistent/target.md",
        site.root.join("content/2020/dangling.md"),
    )
    .expect("symlink");
    let text = fails(
        &site,
        2,
        &[
            "content/2020/dangling.md",
            "leads to no file (/nonexistent/target.md)",
        ],
    );
    assert!(text.contains("put back the file it points to"), "{text}");
}

#[test]
fn check_reports_the_problems_of_readable_files_beside_unreadable_ones() {
    let site = site();
    std::os::unix::fs::symlink(
        "/nonexistent/target.md",
        site.root.join("content/2020/dangling.md"),
    )
    .expect("symlink");
    site.write("content/2020/latin1.md", b"+++\ntitle = \"Caf\xe9\"\n+++\n")
        // The sidecar of the unreadable article is not reported as without its article.
        .write(
            "content/2020/latin1.annotations.toml",
            "[[note]]\nquote = \"x\"\nbody = \"y\"\n",
        )
        .write(
            "content/2020/draft.md",
            "+++\ntitle = \"D\"\ndate = 2020-01-02\ndraft = \"yes\"\n+++\nx\n",
        );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(2), "{stderr}");
    for needle in [
        "dangling.md",
        "latin1.md",
        "content/2020/draft.md:4:",
        "3 errors",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    assert!(!stderr.contains("without its article"), "{stderr}");
}

#[test]
fn an_output_folder_that_cannot_be_written_is_an_io_error_and_changes_nothing() {
    let site = site();
    write(&site.root, "blocker", "a file where a folder should be");
    let out = site.gloss(&[
        "build",
        "--output",
        site.root.join("blocker/public").to_str().expect("utf-8"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write the site") && stderr.contains("writable"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(site.root.join("blocker")).expect("kept"),
        "a file where a folder should be"
    );
}

#[test]
fn a_template_error_shows_tera_s_span() {
    let site = site();
    write(
        &site.root,
        "templates/partials/summary.html",
        "<p>{{ item.title | nosuchfilter }}</p>\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "templates/partials/summary.html",
            "nosuchfilter",
            "gloss adds the filters date, label, slugify, urlencode",
        ],
    );
    assert!(text.contains("1 │") || text.contains(":1:"), "{text}");
}

#[test]
fn a_template_no_page_uses_is_warned_of_and_an_editor_s_backup_is_passed_over() {
    let site = site();
    write(&site.root, "templates/artcle.html", "MY OVERRIDE\n");
    write(&site.root, "templates/partial/note.html", "MY NOTE\n");
    // Used: a partial an override includes.
    write(
        &site.root,
        "templates/partials/byline.html",
        "<p>by the desk</p>\n",
    );
    write(
        &site.root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{% include \"partials/byline.html\" %}{% endblock %}\n",
    );
    // An editor's backup that does not compile is no template.
    write(&site.root, "templates/#article.html#", "{% broken\n");
    write(&site.root, "templates/article.html~", "{% broken\n");
    for command in ["check", "build"] {
        let out = site.gloss(&[command]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{command}: {stderr}");
        for needle in [
            "templates/artcle.html",
            "no page uses `artcle.html`",
            "name the file templates/article.html",
            "no page uses `partial/note.html`",
            "name the file templates/partials/note.html",
        ] {
            assert!(
                stderr.contains(needle),
                "{command}: {needle:?} missing from\n{stderr}"
            );
        }
        assert!(!stderr.contains("byline"), "{command}: {stderr}");
    }
}

#[test]
fn a_template_error_met_with_one_article_s_values_names_the_article() {
    let site = site();
    // One article has a [source], the other none.
    write(
        &site.root,
        "content/2020/fine.md",
        ARTICLE.replacen("+++\nThe", "[source]\nname = \"The Hill\"\n+++\nThe", 1),
    );
    write(
        &site.root,
        "content/2021/plain.md",
        "+++\ntitle = \"Plain\"\ndate = 2021-01-01\n+++\n\nNo source here.\n",
    );
    write(
        &site.root,
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ article.source.name }}</p>{% endblock %}\n",
    );
    fails(
        &site,
        1,
        &[
            "templates/article.html",
            "while rendering content/2021/plain.md",
            "`article.source` is none on this page or has no such field",
        ],
    );
}

#[test]
fn a_template_error_met_in_the_feed_names_the_feed() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"A research centre.\"\n",
    );
    // The article page includes the partial where `article` is defined; the feed
    // renders each note alone.
    write(
        &site.root,
        "templates/partials/note.html",
        "<li id=\"{{ note.id }}\">{{ article.title }}</li>\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "templates/partials/note.html",
            "Variable `article` is not defined",
            "while rendering atom.xml, in its entry for content/2020/fine.md",
            "1 error",
        ],
    );
    assert!(
        !text.contains("while rendering content/2020/fine.md"),
        "{text}"
    );
}

#[test]
fn a_template_s_mistake_is_reported_once_for_all_the_pages_it_stops() {
    let site = site();
    for year in 2021..2024 {
        write(
            &site.root,
            &format!("content/{year}/more.md"),
            ARTICLE.replace("2020-01-02", &format!("{year}-01-02")),
        );
    }
    write(
        &site.root,
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}<p>{{ article.subtitle }}</p>{% endblock %}\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "templates/article.html",
            "and 3 other pages the same way",
            "1 error",
        ],
    );
    assert_eq!(text.matches("subtitle").count(), 2, "{text}");
}

#[test]
fn the_filters_refuse_values_they_do_not_take_and_labels_left_unfilled() {
    for (use_, needles) in [
        (
            "{{ \"note_count\" | label() }}",
            &["label `note_count` reads", "give it n, as in label(n=3)"][..],
        ),
        (
            "{{ \"note_count\" | label(count=3) }}",
            &["label() takes n, m, name", "`count` is none of them"][..],
        ),
        (
            "{{ \"notes_count\" | label(n=1) }}",
            &["no label `notes_count`; did you mean `note_count`?"][..],
        ),
        (
            "{{ item.date | date(format=\"%Q %Y\") }}",
            &["`%Q %Y` is no date format"][..],
        ),
        (
            "{{ item.date | date(format=\"%Y\", locale=\"fr\") }}",
            &["date() takes format; `locale` is none of them"][..],
        ),
        (
            "{{ item.title | slugify(sep=\"_\") }}",
            &["slugify() takes no value"][..],
        ),
    ] {
        let site = site();
        write(
            &site.root,
            "templates/partials/summary.html",
            format!("<p>{use_}</p>\n"),
        );
        let mut needles = needles.to_vec();
        needles.push("templates/partials/summary.html");
        fails(&site, 1, &needles);
    }
}

#[test]
fn a_file_of_components_is_a_template_a_page_uses() {
    let site = site();
    write(
        &site.root,
        "templates/components.html",
        "{% component badge(label: string) -%}<b class=\"badge\">{{ label }}</b>{%- endcomponent badge %}\n",
    );
    write(
        &site.root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ <badge label=\"Lost\" /> }}{% endblock %}\n",
    );
    let out = site.gloss(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("no page uses"), "{stderr}");
    let page = std::fs::read_to_string(site.root.join("public/404.html")).expect("404");
    assert!(page.contains("<b class=\"badge\">Lost</b>"), "{page}");
}

#[test]
fn a_summary_s_relative_link_or_image_is_warned_of_not_dropped_in_silence() {
    let site = site();
    write(
        &site.root,
        "content/2021/b.md",
        "+++\ntitle = \"B\"\ndate = 2021-01-02\nsummary = \"After [the summit](../2020/fine.md) and [a report](https://x.org) ![a map](map.png).\"\n+++\nText.\n",
    );
    write(
        &site.root,
        "content/2022/c.md",
        "+++\ntitle = \"C\"\ndate = 2022-01-02\nsummary = \"See [a report](https://x.org).\"\n+++\nText with [a link](../2020/fine.md).\n",
    );
    // A context entry's summary is shown in notes and on the context index.
    write(
        &site.root,
        "content/context/summit.md",
        "+++\ntitle = \"Summit\"\nsummary = \"As [the article](../2020/fine.md) says.\"\n+++\nBody.\n",
    );
    let check = site.gloss(&["check"]);
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(
            "notes and the context index show this summary without the link to ../2020/fine.md"
        ),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::remove_file(site.root.join("content/context/summit.md")).expect("rm");
    for command in ["check", "build"] {
        let out = site.gloss(&[command]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{command}: {stderr}");
        for needle in [
            "lists and feeds show this summary without the link to ../2020/fine.md (its words stay)",
            "image map.png",
        ] {
            assert!(stderr.contains(needle), "{command}: {needle:?} missing from {stderr}");
        }
        assert!(stderr.contains("b.md:4"), "{command}: {stderr}");
        assert_eq!(
            stderr.matches("show this summary").count(),
            1,
            "{command}: {stderr}"
        );
    }
}

#[test]
fn every_unknown_key_and_wrong_value_of_site_toml_is_named_in_one_run() {
    let site = site();
    write(
        &site.root,
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\npaginat = 3\ndescripton = \"x\"\nlanguage = 5\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "site.toml:3:1",
            "did you mean `paginate`?",
            "site.toml:4:1",
            "did you mean `description`?",
            "`language` is text, not a number",
            "3 errors",
        ],
    );
    assert!(!text.contains("is not known either"), "{text}");
    // An unknown table hides neither the keys above it nor the labels after it.
    write(
        &site.root,
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\npaginate_by = 5\n[extra]\ntwitter = \"@x\"\n[labels]\nnotse = \"x\"\n",
    );
    fails(
        &site,
        1,
        &[
            "site.toml:3:1",
            "did you mean `paginate`?",
            "site.toml:4:2",
            "unknown table `extra`",
            "site.toml:7:1",
            "unknown label `notse`",
            "3 errors",
        ],
    );
    // Wrong values of the right type, too: all of them, each at its line.
    write(
        &site.root,
        "site.toml",
        "title = \"T\"\nbase_url = \"example.org\"\nlanguage = \"english\"\npaginate = 0\n",
    );
    fails(
        &site,
        1,
        &[
            "site.toml:2:1",
            "base_url `example.org` is not an absolute URL",
            "site.toml:3:1",
            "language `english` is not a language tag",
            "site.toml:4:1",
            "paginate must be at least 1",
            "3 errors",
        ],
    );
    // A missing title is one problem; a negative paginate is told as 0 is.
    write(
        &site.root,
        "site.toml",
        "base_url = \"https://example.org/\"\npaginate = -3\n",
    );
    fails(
        &site,
        1,
        &[
            "site.toml has no `title`",
            "site.toml:2:1",
            "paginate must be at least 1",
            "2 errors",
        ],
    );
    std::fs::write(
        site.root.join("site.toml"),
        b"title = \"Caf\xe9\"\nbase_url = \"https://example.org/\"\n",
    )
    .expect("site.toml");
    fails(
        &site,
        1,
        &[
            "site.toml",
            "not valid UTF-8 (line 1, column 13)",
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn a_site_s_own_robots_txt_is_published_and_a_file_where_gloss_writes_its_own_is_named() {
    let site = site();
    write(
        &site.root,
        "static/robots.txt",
        "User-agent: *\nDisallow: /drafts/\n",
    );
    builds(&site.gloss(&["build"]));
    assert_eq!(
        std::fs::read_to_string(site.root.join("public/robots.txt")).expect("robots"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
    write(&site.root, "static/search/manifest.js", "x\n");
    fails(
        &site,
        1,
        &[
            "search/manifest.js",
            "gloss writes search/manifest.js itself",
            "rename or move static/search/manifest.js",
        ],
    );
}

#[test]
fn a_static_file_at_a_page_s_path_or_in_the_way_of_its_folder_is_named() {
    for (file, needles) in [
        (
            "static/index.html",
            [
                "two files of the site would be written at this path",
                "static/index.html is one of them",
            ],
        ),
        ("static/tags", ["tags", "static/tags is one of them"]),
    ] {
        let site = site();
        write(&site.root, file, "<p>mine</p>\n");
        fails(&site, 1, &needles);
        // What `serve` builds is refused the same way.
        let config = gloss::config::Config::load(&site.root, gloss::config::Overrides::default())
            .expect("config");
        let problems = gloss::build(&config).expect_err("a clash").0;
        assert!(
            problems[0]
                .notes
                .iter()
                .any(|n| n.contains(&format!("{file} is one of them"))),
            "{problems:?}"
        );
    }
    // Every clash in one run, also while a sidecar has a problem.
    let site = site();
    let clashing = [
        "static/archive/index.html",
        "static/search/index.html",
        "static/sitemap.xml",
    ];
    for file in clashing {
        write(&site.root, file, "<p>mine</p>\n");
    }
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"nowhere\"\nbody = \"x\"\n",
    );
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for file in clashing {
        assert!(
            stderr.contains(&format!("{file} is one of them")),
            "{file}: {stderr}"
        );
    }
    assert!(stderr.contains("quote not found"), "{stderr}");
}

#[test]
fn check_places_the_notes_of_a_sidecar_whose_other_keys_are_wrong_in_the_same_run() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Zulu\"\nkind = 5\nbody = \"x\"\n\n[[note]]\nquote = \"Xray\"\nbdy = \"x\"\n\n[[note]]\nquote = \"Whiskey\"\nbody = \"See [this](missing.md).\"\n[[note.sources]]\ntitle = \"t\"\nurl = \"javascript:x\"\n\n[[note]]\nquote = \"summit\"\nprefix = 5\nbody = \"y\"\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "`kind` is text, not a number",
            "unknown key `bdy`",
            "which is not a web address",
        ],
    );
    assert!(
        text.contains("`missing.md` leads to no file of the site"),
        "{text}"
    );
    // Each of the three notes whose words can be looked for is looked for: none is in
    // the article. The note whose `prefix` is wrong is not placed without it.
    assert_eq!(
        text.matches("quote not found in the article").count(),
        3,
        "{text}"
    );
    assert!(text.contains("`prefix` is text"), "{text}");
    assert!(!text.contains("matches 2 places"), "{text}");
    // A note with a wrong value and other problems has all of them told, warnings too.
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\ndate = \"yesterday\"\noccurrence = -1\nbody = \"x\"\n\n[[note]]\nquote = \"Yongbyon\"\nkind = \"Definitons\"\ndate = \"yesterday\"\nbody = \"y\"\n",
    );
    let text = fails(&site, 1, &["`yesterday` is not a date"]);
    assert!(text.contains("occurrences count from 1"), "{text}");
    assert!(text.contains("did you mean `definition`?"), "{text}");
}

#[test]
fn every_template_that_does_not_compile_is_reported_in_one_run() {
    let site = site();
    write(
        &site.root,
        "templates/list.html",
        "{% extends \"base.html\" %}{% block main %}{{ x }\n",
    );
    write(
        &site.root,
        "templates/index.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.title | shout }}{% endblock main %}\n",
    );
    write(
        &site.root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{% if x %}{% endblock main %}\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "templates/list.html",
            "templates/index.html",
            "templates/404.html",
            "Unknown filter `shout`",
        ],
    );
    assert!(text.contains("3 errors"), "{text}");
}

#[test]
fn a_mistake_in_base_html_that_every_page_meets_is_reported_once() {
    let site = site();
    let base = std::fs::read_to_string(crate::harness::repo().join("templates/base.html"))
        .expect("built-in base.html");
    write(
        &site.root,
        "templates/base.html",
        base.replacen("{{ site.title }}", "{{ site.titel }}", 1),
    );
    let text = fails(
        &site,
        1,
        &[
            "templates/base.html:",
            "Field `titel` is not defined",
            "the same way",
            "1 error",
        ],
    );
    assert_eq!(
        text.matches("Field `titel` is not defined").count(),
        1,
        "{text}"
    );
}

#[test]
fn a_template_that_includes_a_broken_one_of_the_site_s_is_not_reported_as_well() {
    let site = site();
    write(
        &site.root,
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}\n{% include \"partials/byline.html\" %}\n{% endblock main %}\n",
    );
    write(
        &site.root,
        "templates/partials/byline.html",
        "<p>{{ article.title }</p>\n",
    );
    write(
        &site.root,
        "templates/list.html",
        "{% extends \"base.html\" %}{% block main %}{% if x %}{% endblock main %}\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "templates/partials/byline.html:1:",
            "templates/list.html:1:",
            "2 errors",
        ],
    );
    assert!(!text.contains("Unknown template"), "{text}");
}

#[test]
fn templates_that_lead_back_to_themselves_or_to_no_template_are_placed_at_their_tag() {
    for (files, needles) in [
        (
            &[
                (
                    "templates/article.html",
                    "{% extends \"base.html\" %}{% block main %}{% include \"partials/a.html\" %}{% endblock main %}\n",
                ),
                ("templates/partials/a.html", "A\n{% include \"partials/b.html\" %}\n"),
                ("templates/partials/b.html", "B\n\n{% include \"partials/a.html\" %}\n"),
            ][..],
            &[
                "templates/partials/b.html:3:13",
                "include each other in a circle",
                "take out this include",
            ][..],
        ),
        (
            &[(
                "templates/article.html",
                "{% extends \"bsae.html\" %}{% block main %}x{% endblock main %}\n",
            )][..],
            &[
                "templates/article.html:1:13",
                "`bsae.html` is no template",
                "did you mean `base.html`?",
            ][..],
        ),
        (
            &[
                (
                    "templates/components.html",
                    "{% component echo(n) %}\n{% for i in [1] %}{{ <echo n={n} /> }}{% endfor %}\n{% endcomponent echo %}\n",
                ),
                (
                    "templates/article.html",
                    "{% extends \"base.html\" %}{% block main %}{{ <echo n={1} /> }}{% endblock main %}\n",
                ),
            ][..],
            &[
                "templates/components.html:2:23",
                "a component calls itself without end: echo calls echo",
            ][..],
        ),
    ] {
        let site = site();
        for (path, text) in files {
            write(&site.root, path, text);
        }
        let text = fails(&site, 1, needles);
        assert!(!text.contains("--> templates\n"), "{text}");
    }
}

#[test]
fn a_theme_s_link_to_a_file_the_site_lacks_is_warned_of_at_its_line() {
    let site = site();
    write(
        &site.root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block head %}<link rel=\"stylesheet\" href=\"{{ page.root }}thme.css\"><link rel=\"stylesheet\" href=\"{{page.root}}style.css\">{% endblock head %}\n{% block main %}<img src=\"{{ page.root }}img/logo.png\" alt=\"\"> <a href=\"{{ page.root }}tags/{{ page.index }}\">Tags</a> <a href=\"{{ page.root }}nowhere/{{ page.index }}\">x</a>{% endblock main %}\n",
    );
    write(&site.root, "static/img/logo.png", "png");
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("`thme.css` is no file of the site"),
        "{stderr}"
    );
    assert!(stderr.contains("templates/404.html:1:"), "{stderr}");
    assert!(
        stderr.contains("`nowhere/index.html` is no file of the site"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("is no file of the site").count(),
        2,
        "{stderr}"
    );
}

#[test]
fn a_picture_in_templates_is_told_to_go_to_static() {
    let site = site();
    std::fs::create_dir_all(site.root.join("templates")).expect("mkdir");
    std::fs::write(
        site.root.join("templates/logo.png"),
        [0x89, b'P', b'N', b'G', 0xff, 0xfe],
    )
    .expect("png");
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("templates/logo.png"), "{stderr}");
    assert!(
        stderr.contains("put a picture or other file the pages use in static/"),
        "{stderr}"
    );
}

#[test]
fn a_base_template_without_the_blocks_the_built_ins_fill_is_told_which() {
    let site = site();
    write(
        &site.root,
        "templates/base.html",
        "<!DOCTYPE html><html lang=\"{{ site.language }}\"><head><meta charset=\"utf-8\"><title>{% block title %}{{ page.title }}{% endblock title %}</title>{% block head %}{% endblock head %}</head><body><main>{% block main %}{% endblock main %}</main></body></html>\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "templates/base.html",
            "this base.html has no block `locale`, `site_search`",
            "{% block locale %}{% endblock locale %}",
        ],
    );
    assert!(!text.contains("(built-in)"), "{text}");
    // With the blocks, empty, the site builds.
    write(
        &site.root,
        "templates/base.html",
        "<!DOCTYPE html><html lang=\"{{ site.language }}\"><head><meta charset=\"utf-8\"><title>{% block title %}{{ page.title }}{% endblock title %}</title>{% block locale %}{% endblock locale %}{% block head %}{% endblock head %}</head><body>{%- block site_search -%}{% endblock site_search %}<main>{% block main %}{% endblock main %}</main></body></html>\n",
    );
    let out = site.gloss(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_template_s_syntax_error_and_unknown_filter_say_what_to_look_for() {
    for (template, needle) in [
        (
            "{% extends \"base.html\" %}{% block main %}{% if page.title %}<p>x</p>{% endblock main %}\n",
            "has its {% end... %}",
        ),
        (
            "{% extends \"base.html\" %}{% block main %}{{ page.title | shout }}{% endblock main %}\n",
            "json_encode to Tera's own (docs/templates.md); check the name",
        ),
    ] {
        let site = site();
        write(&site.root, "templates/404.html", template);
        fails(&site, 1, &["templates/404.html", needle]);
    }
}

#[test]
fn a_link_that_would_run_a_script_leads_nowhere_and_is_warned_of() {
    let site = site();
    write(
        &site.root,
        "content/2021/js.md",
        "+++\ntitle = \"JS\"\ndate = 2021-01-02\nsummary = \"See [this](javascript:alert(1)).\"\n+++\n[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](&#106;avascript:alert(3)) [d][r] [e](data:text/html,x) [f](https://example.org/) [g](mailto:a@b.org)\n\n[r]: vbscript:msgbox(1)\n",
    );
    write(
        &site.root,
        "content/2021/js.annotations.toml",
        "[[note]]\nquote = \"f\"\nbody = \"[n](javascript:alert(4))\"\n",
    );
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("would run a script").count(), 6, "{stderr}");
    assert!(
        stderr
            .contains("lists and feeds show this summary without the link to javascript:alert(1)"),
        "{stderr}"
    );
    builds(&site.gloss(&["build"]));
    for page in [
        "public/2021/js/index.html",
        "public/index.html",
        "public/atom.xml",
    ] {
        let html = std::fs::read_to_string(site.root.join(page))
            .expect("page")
            .to_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:text"] {
            assert!(!html.contains(scheme), "{page} holds {scheme}");
        }
    }
    let html = std::fs::read_to_string(site.root.join("public/2021/js/index.html")).expect("page");
    assert!(
        html.contains("<a href=\"https://example.org/\">f</a>")
            || html.contains("href=\"https://example.org/\""),
        "{html}"
    );
    assert!(html.contains("href=\"mailto:a@b.org\""), "{html}");
}

#[test]
fn a_link_to_a_web_address_without_a_sound_host_leads_nowhere_and_is_warned_of() {
    let site = site();
    write(
        &site.root,
        "content/2021/hosts.md",
        "+++\ntitle = \"Hosts\"\ndate = 2021-01-02\nsummary = \"See [this](https://).\"\n+++\n[a](https://) [b](https:///x) [c](https://user:pw@example.org/) [d](https://example.org/@desk) <a href=\"http://\">e</a> <img src=\"https://@/x.png\" alt=\"f\">\n",
    );
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("it names no host").count(), 4, "{stderr}");
    assert_eq!(
        stderr.matches("it holds a user name").count(),
        1,
        "{stderr}"
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("no errors, 6 warnings"), "{summary}");
    assert!(
        stderr.contains("lists and feeds show this summary without the link to https://"),
        "{stderr}"
    );
    builds(&site.gloss(&["build"]));
    let html =
        std::fs::read_to_string(site.root.join("public/2021/hosts/index.html")).expect("page");
    for gone in [
        "\"https://\"",
        "https:///x",
        "user:pw@",
        "\"http://\"",
        "https://@",
    ] {
        assert!(!html.contains(gone), "the page still holds {gone}");
    }
    assert!(
        html.contains("href=\"https://example.org/@desk\""),
        "{html}"
    );
    let home = std::fs::read_to_string(site.root.join("public/index.html")).expect("home");
    assert!(!home.contains("\"https://\""), "{home}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_site_is_refused_and_one_inside_is_followed() {
    let site = site();
    let elsewhere = tempfile::tempdir().expect("temporary folder");
    std::fs::write(elsewhere.path().join("secret.txt"), "SECRET").expect("write");
    std::os::unix::fs::symlink(
        elsewhere.path().join("secret.txt"),
        site.root.join("content/2020/leak.txt"),
    )
    .expect("link");
    std::os::unix::fs::symlink(elsewhere.path(), site.root.join("content/2020/dir")).expect("link");
    write(&site.root, "content/shared/map.txt", "MAP");
    std::os::unix::fs::symlink(
        site.root.join("content/shared/map.txt"),
        site.root.join("content/2020/map.txt"),
    )
    .expect("link");
    fails(
        &site,
        1,
        &[
            "content/2020/leak.txt",
            "content/2020/dir",
            "this symbolic link leads out of the site's folder",
            "copy the file or folder into content/",
        ],
    );
    assert!(!site.root.join("public/2020/leak.txt").exists());
    std::fs::remove_file(site.root.join("content/2020/leak.txt")).expect("remove");
    std::fs::remove_file(site.root.join("content/2020/dir")).expect("remove");
    builds(&site.gloss(&["build"]));
    assert_eq!(
        std::fs::read_to_string(site.root.join("public/2020/map.txt")).expect("followed"),
        "MAP"
    );
}

// Before, links under static/ (inside the site, to a folder, to no
// file, to /etc/passwd) were all passed over without a word.
#[test]
fn a_symbolic_link_under_static_is_held_to_the_rules_of_content() {
    let site = site();
    write(&site.root, "static/real.txt", "REAL");
    write(&site.root, "static/sub/inner.txt", "INNER");
    let link = |target: &Path, name: &str| {
        std::os::unix::fs::symlink(target, site.root.join(name)).expect("link");
    };
    link(Path::new("real.txt"), "static/inside.txt");
    link(Path::new("sub"), "static/folder");
    link(Path::new("/etc/passwd"), "static/passwd.txt");
    link(Path::new("/nonexistent/target.png"), "static/gone.png");
    let text = fails(
        &site,
        2,
        &[
            "static/passwd.txt",
            "this symbolic link leads out of the site's folder",
            "copy the file or folder into static/",
            "static/gone.png",
            "leads to no file (/nonexistent/target.png)",
        ],
    );
    assert!(!text.contains("static/inside.txt"), "{text}");
    assert!(!site.root.join("public").exists(), "nothing was published");
    std::fs::remove_file(site.root.join("static/passwd.txt")).expect("remove");
    std::fs::remove_file(site.root.join("static/gone.png")).expect("remove");
    let check = site.gloss(&["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    builds(&site.gloss(&["build"]));
    let public = site.root.join("public");
    let read = |path: &str| std::fs::read_to_string(public.join(path)).expect(path);
    assert_eq!(read("inside.txt"), "REAL");
    assert_eq!(read("folder/inner.txt"), "INNER");
}

// Before, `content/2019/a\b.md` passed `check` and failed `build` with
// "this output path would leave the output folder", naming no source file.
#[test]
fn a_backslash_in_a_file_name_is_named_by_check_and_build() {
    for path in [
        "content/2020/a\\b.md",
        "content/2020/x\\y.txt",
        "static/x\\y.txt",
    ] {
        let site = site();
        write(&site.root, path, ARTICLE);
        let text = fails(
            &site,
            1,
            &[path, "holds a backslash", "separator", "rename the file"],
        );
        assert!(!text.contains("would leave the output folder"), "{text}");
    }
}

// Before, a named pipe `x.md` under content/ was passed over in
// silence; reading it would wait for ever.
#[test]
fn a_named_pipe_under_content_or_static_is_named_and_not_waited_on() {
    for path in [
        "content/2020/pipe.md",
        "content/2020/pipe.txt",
        "static/pipe.css",
    ] {
        let site = site();
        std::fs::create_dir_all(site.root.join(path).parent().expect("parent")).expect("mkdir");
        let made = std::process::Command::new("mkfifo")
            .arg(site.root.join(path))
            .status()
            .expect("mkfifo");
        assert!(made.success());
        fails(&site, 1, &[path, "not a regular file", "remove it"]);
    }
}

// Before, two links leading to each other were called a link to no
// file ("put back the file it points to"), where the docs promise the loop's message.
#[test]
fn links_that_lead_to_each_other_are_named_as_a_circle() {
    let site = site();
    std::os::unix::fs::symlink("l2", site.root.join("content/l1")).expect("link");
    std::os::unix::fs::symlink("l1", site.root.join("content/l2")).expect("link");
    let text = fails(
        &site,
        1,
        &[
            "content/l1",
            "content/l2",
            "leads back to itself",
            "remove the link",
        ],
    );
    assert!(!text.contains("put back the file"), "{text}");
}

// Before, one unreadable folder under static/ hid the other
// unreadable entries, with one error pointing at `static`. Permissions bind no root:
// as root, gloss is run as the user nobody through `setpriv`, or the test is skipped.
#[test]
fn each_unreadable_entry_of_static_is_named_on_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let site = site();
    write(&site.root, "static/locked/a.css", "a");
    write(&site.root, "static/locked2/b.css", "b");
    write(&site.root, "static/secret.txt", "s");
    let root_user = unsafe { libc::geteuid() } == 0;
    let setpriv = std::process::Command::new("setpriv")
        .arg("--help")
        .output()
        .is_ok();
    if root_user && !setpriv {
        eprintln!("skipped: running as root without setpriv");
        return;
    }
    let open = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    if root_user {
        // The user nobody must reach the site.
        let mut folder = site.root.clone();
        while let Some(parent) = folder.parent().map(Path::to_path_buf) {
            if parent == Path::new("/tmp") || parent == Path::new("/") {
                break;
            }
            open(&folder, 0o777);
            folder = parent;
        }
        open(&folder, 0o777);
        for entry in walkdir::WalkDir::new(&site.root).into_iter().flatten() {
            open(
                entry.path(),
                if entry.file_type().is_dir() {
                    0o777
                } else {
                    0o666
                },
            );
        }
    }
    for path in ["static/locked", "static/locked2", "static/secret.txt"] {
        open(&site.root.join(path), 0o000);
    }
    let check = if root_user {
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("gloss"))
            .args(["check", "--root"])
            .arg(&site.root)
            .output()
            .expect("runs")
    } else {
        site.gloss(&["check"])
    };
    let stderr = String::from_utf8_lossy(&check.stderr);
    for path in ["static/locked", "static/locked2", "static/secret.txt"] {
        open(&site.root.join(path), 0o755);
    }
    assert_eq!(check.status.code(), Some(2), "{stderr}");
    for needle in [
        "static/locked\n",
        "static/locked2",
        "cannot read this folder",
        "static/secret.txt",
        "cannot read this file",
        "3 errors",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
}

// Before, `Hello \0world.` was published with the raw NUL (in the
// paragraph, the page's description and the home page's summary), which no HTML may hold.
#[test]
fn a_nul_in_an_article_body_is_published_as_a_replacement_character_and_warned_of() {
    let site = site();
    write(
        &site.root,
        "content/2020/nul.md",
        "+++\ntitle = \"N\"\ndate = 2020-01-03\n+++\nHello \0world.\n",
    );
    for command in ["check", "build"] {
        let out = site.gloss(&[command]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{command}: {stderr}");
        for needle in [
            "content/2020/nul.md:5:7",
            "NUL character",
            "remove the character",
        ] {
            assert!(stderr.contains(needle), "{command}: {needle}: {stderr}");
        }
    }
    for page in ["2020/nul/index.html", "index.html", "atom.xml"] {
        let bytes = std::fs::read(site.root.join("public").join(page)).expect(page);
        assert!(!bytes.contains(&0), "{page} holds a NUL");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("Hello \u{FFFD}world."), "{page}: {text}");
    }
}

// Before, raw HTML that leaves a comment or a <script> open, closes
// </main></body>, or sets <base> swallowed or broke the page's notes and footer in silence.
#[test]
fn raw_html_that_would_swallow_or_break_the_page_is_warned_of_and_closed() {
    let cases = [
        (
            "Text.\n\n<!-- unclosed\n",
            "content/2020/raw.md:9:1",
            "comment is not closed",
        ),
        (
            "Text.\n\n<script>\nlet a = 1;\n",
            "content/2020/raw.md:9:1",
            "<script> is not closed",
        ),
        (
            "Text.\n\n<textarea>\n",
            "content/2020/raw.md:9:1",
            "<textarea> is not closed",
        ),
        (
            "Text.\n\n<iframe src=\"x.html\">\n",
            "content/2020/raw.md:9:1",
            "<iframe> is not closed",
        ),
        (
            "Text.\n\n<noscript>\n",
            "content/2020/raw.md:9:1",
            "<noscript> is not closed",
        ),
        (
            "Text.\n\n</main></body></html>\n",
            "content/2020/raw.md:9:1",
            "</main> closes",
        ),
        (
            "Text.\n\n<base href=\"https://evil.example/\">\n",
            "content/2020/raw.md:9:1",
            "<base> changes",
        ),
    ];
    for (body, place, message) in cases {
        let site = site();
        write(
            &site.root,
            "content/2020/raw.md",
            format!("+++\ntitle = \"R\"\ndate = 2020-01-03\n+++\nThe summit.\n\n{body}"),
        );
        write(
            &site.root,
            "content/2020/raw.annotations.toml",
            "[[note]]\nquote = \"summit\"\nbody = \"A meeting.\"\n",
        );
        for command in ["check", "build"] {
            let out = site.gloss(&[command]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{command}: {stderr}");
            for needle in [place, message] {
                assert!(stderr.contains(needle), "{command}: {needle}: {stderr}");
            }
        }
        // What is left open is closed after the article's text: the notes stand.
        let page =
            std::fs::read_to_string(site.root.join("public/2020/raw/index.html")).expect("page");
        let document = scraper::Html::parse_document(&page);
        let notes = scraper::Selector::parse("footer.site-footer, #notes").expect("selector");
        assert_eq!(document.select(&notes).count(), 2, "{body}: {page}");
    }
}

/// A diagnostic's words on one line, as wrapped messages read.
fn one_line(stderr: &str) -> String {
    stderr
        .split_whitespace()
        .filter(|word| *word != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

/// The built page of `content/2020/raw.md` with `body` after its first paragraph, and
/// what `check` said.
fn raw_page(body: &str) -> (String, String) {
    let site = site();
    write(
        &site.root,
        "content/2020/raw.md",
        format!("+++\ntitle = \"R\"\ndate = 2020-01-03\n+++\nThe summit.\n\n{body}"),
    );
    write(
        &site.root,
        "content/2020/raw.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbody = \"A meeting.\"\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = one_line(&String::from_utf8_lossy(&check.stderr));
    assert!(check.status.success(), "{stderr}");
    builds(&site.gloss(&["build"]));
    let page = std::fs::read_to_string(site.root.join("public/2020/raw/index.html")).expect("page");
    (page, stderr)
}

// Before, a `<title>` in an attribute value was warned of and got a stray `</title>`
// after the text, an attribute's `</div>` was taken for the close of its `<div>`, a
// CDATA section's `</main>` was warned of, and `<!-->` got a visible `-->`.
#[test]
fn raw_html_in_attribute_values_cdata_and_empty_comments_is_read_as_browsers_do() {
    let body = "An <abbr title=\"the <title> element\">title</abbr>.\n\n\
        <div data-help=\"close it with </div>\">\n\nHelp.\n\n</div>\n\n\
        <svg><style><![CDATA[ </main> ]]></style></svg>\n\n\
        Empty <!--> and <!---> comments.\n";
    let (page, stderr) = raw_page(body);
    assert!(!stderr.contains("raw HTML"), "{stderr}");
    assert_eq!(page.matches("</title>").count(), 1, "{page}");
    let document = scraper::Html::parse_document(&page);
    let text: String = document.root_element().text().collect();
    assert!(!text.contains("-->"), "{text}");
    assert!(text.contains("comments."), "{text}");
    let notes = scraper::Selector::parse("footer.site-footer, #notes").expect("selector");
    assert_eq!(document.select(&notes).count(), 2, "{page}");
}

// Before, a comment left open in a footnote was closed after the article's text, so
// the footnote's `<!--` hid the footnotes that followed and the page's footer, and the
// closing `-->` showed as text.
#[test]
fn a_comment_a_footnote_leaves_open_is_closed_at_its_end() {
    let body = "Text[^1] and[^2].\n\n[^1]: A footnote.\n    <!-- left open\n\n[^2]: The second.\n";
    let (page, stderr) = raw_page(body);
    for needle in [
        "content/2020/raw.md:10:5",
        "comment is not closed",
        "the other footnotes",
        "gloss closes it at the end of its footnote",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    assert!(!stderr.contains("after the article's text"), "{stderr}");
    let document = scraper::Html::parse_document(&page);
    let text: String = document.root_element().text().collect();
    assert!(!text.contains("-->"), "{text}");
    assert!(text.contains("The second."), "{text}");
    let parts =
        scraper::Selector::parse("footer.site-footer, #notes, #footnotes").expect("selector");
    assert_eq!(document.select(&parts).count(), 3, "{page}");
}

// Before, `<plaintext>`, which no end tag closes, went without a warning.
#[test]
fn a_plaintext_element_is_warned_of_as_one_to_remove() {
    let (_, stderr) = raw_page("Text.\n\n<plaintext>\n");
    for needle in [
        "content/2020/raw.md:9:1",
        "nothing after it can show",
        "remove the <plaintext>",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
}

// Before, misleading messages for a site.toml that is a folder, a
// content that is a file, old Mac line endings, UTF-16 without its byte order mark, and
// a Latin-1 site.toml (no line and column, where content files get both).
#[test]
fn files_of_the_wrong_kind_or_encoding_are_named_for_what_they_are() {
    {
        let site = site();
        std::fs::remove_file(site.root.join("site.toml")).expect("remove");
        std::fs::create_dir(site.root.join("site.toml")).expect("folder");
        fails(&site, 2, &["site.toml", "is a folder, not a file"]);
    }
    {
        let site = site();
        let latin1 = b"title = \"Caf\xe9\"\nbase_url = \"https://example.org/\"\n";
        write(&site.root, "site.toml", latin1);
        fails(
            &site,
            1,
            &["site.toml", "not valid UTF-8 (line 1, column 13)"],
        );
    }
    {
        let site = site();
        std::fs::remove_dir_all(site.root.join("content")).expect("remove");
        write(&site.root, "content", "a file");
        let text = fails(&site, 2, &["content", "is a file, not a folder"]);
        assert!(!text.contains("does not exist"), "{text}");
    }
    {
        let site = site();
        write(
            &site.root,
            "content/2020/cr.md",
            ARTICLE.replace('\n', "\r"),
        );
        fails(
            &site,
            1,
            &[
                "content/2020/cr.md",
                "carriage return alone",
                "line endings",
            ],
        );
    }
    let site = site();
    let utf16: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    write(&site.root, "content/2020/wide.md", utf16);
    fails(
        &site,
        1,
        &[
            "content/2020/wide.md",
            "UTF-16 text (little-endian",
            "iconv",
        ],
    );
}

#[test]
fn a_comment_or_script_a_note_body_leaves_open_is_warned_of_and_closed_after_it() {
    for open in ["<!-- open", "<script>", "<style>"] {
        let site = site();
        write(
            &site.root,
            "content/2020/fine.annotations.toml",
            format!("[[note]]\nquote = \"summit\"\nbody = \"\"\"\nA meeting.\n\n{open}\n\"\"\"\n\n[[note]]\nquote = \"Yongbyon\"\nbody = \"A site.\"\n"),
        );
        let check = site.gloss(&["check"]);
        let stderr = one_line(&String::from_utf8_lossy(&check.stderr));
        assert!(check.status.success(), "{stderr}");
        for needle in [
            "content/2020/fine.annotations.toml:3:",
            "in note 1's body",
            "not closed",
            "the other notes",
            "gloss closes it right after the note",
        ] {
            assert!(stderr.contains(needle), "{open}: {needle}: {stderr}");
        }
        assert!(!stderr.contains("article"), "{open}: {stderr}");
        builds(&site.gloss(&["build"]));
        let page =
            std::fs::read_to_string(site.root.join("public/2020/fine/index.html")).expect("page");
        let document = scraper::Html::parse_document(&page);
        let footer = scraper::Selector::parse("footer.site-footer").expect("selector");
        assert_eq!(document.select(&footer).count(), 1, "{open}: {page}");
        assert!(
            document
                .root_element()
                .text()
                .any(|t| t.contains("A site.")),
            "{open}: the second note stands"
        );
    }
}

// Before, a path too long was told "File name too long" with the
// fix "check the folder's permissions".
#[test]
fn a_path_too_long_is_told_to_be_shortened() {
    let site = site();
    let name = "d".repeat(200);
    // Made with short names, then renamed from the deepest up, so that no path given
    // to the system is too long while the whole one is.
    let depth = 22;
    let short = |levels: usize| site.root.join("content").join(vec!["x"; levels].join("/"));
    write(
        &site.root,
        &format!("content/{}/a.md", vec!["x"; depth].join("/")),
        ARTICLE,
    );
    for level in (1..=depth).rev() {
        let from = short(level);
        std::fs::rename(&from, from.with_file_name(&name)).expect("rename");
    }
    let text = fails(&site, 2, &["too long", "shorten the names"]);
    assert!(!text.contains("permissions"), "{text}");
}

#[test]
fn a_quote_found_in_many_places_lists_twenty_and_counts_the_rest() {
    let site = site();
    write(
        &site.root,
        "content/2021/many.md",
        format!(
            "+++\ntitle = \"Many\"\ndate = 2021-01-02\n+++\n{}\n",
            "foo bar. ".repeat(100)
        ),
    );
    write(
        &site.root,
        "content/2021/many.annotations.toml",
        "[[note]]\nquote = \"foo\"\nbody = \"b\"\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "quote matches 100 places",
            "candidate 20,",
            "and 80 more candidates",
        ],
    );
    assert!(!text.contains("candidate 21,"), "{text}");
}

#[test]
fn hidden_folders_and_odd_names_are_no_earlier_address() {
    for (address, needle) in [
        ("/.git/hooks/pre-commit/", "hidden file or folder"),
        ("/x\"><b>/", "a quote or an angle bracket"),
    ] {
        let site = site();
        write(
            &site.root,
            "content/2021/moved.md",
            format!(
                "+++\ntitle = \"Moved\"\ndate = 2021-01-02\nredirect_from = [{}]\n+++\nText.\n",
                toml_string(address)
            ),
        );
        fails(&site, 1, &["redirect_from", needle]);
    }
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn a_second_sidecar_for_one_article_is_named_with_the_first() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbody = \"One.\"\n",
    );
    write(
        &site.root,
        "content/2020/fine.annotations.yaml",
        "note:\n  - quote: Yongbyon\n    body: Two.\n",
    );
    fails(
        &site,
        1,
        &[
            "a second sidecar for one article",
            "fine.annotations.yaml",
            "fine.annotations.toml",
            "move this file's notes into",
        ],
    );
}

#[test]
fn a_draft_s_second_sidecar_is_left_out_with_the_draft_and_named_when_drafts_count() {
    let site = site();
    write(
        &site.root,
        "content/2020/dr2.md",
        "+++\ntitle = \"Draft\"\ndate = 2020-01-03\ndraft = true\n+++\nThe summit at Yongbyon.\n",
    );
    write(
        &site.root,
        "content/2020/dr2.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbody = \"One.\"\n",
    );
    write(
        &site.root,
        "content/2020/dr2.annotations.yaml",
        "note:\n  - quote: Yongbyon\n    body: Two.\n",
    );
    // A build without drafts skips the draft and its sidecars entirely.
    let build = site.gloss(&["build"]);
    builds(&build);
    assert!(!site.root.join("public/2020/dr2/index.html").exists());
    // `check`, and a build with drafts, read it and name the second sidecar.
    for args in [&["check"][..], &["build", "--drafts"]] {
        let out = site.gloss(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("a second sidecar for one article")
                && stderr.contains("dr2.annotations.yaml"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_file_named_almost_like_a_sidecar_is_not_published_in_silence() {
    for name in [
        "fine.annotation.toml",
        "fine.annotations.json",
        "fine.Annotations.TOML",
        "fine.annotatons.toml",
        "fine-annotations.toml",
        "fine.notes.toml",
    ] {
        let site = site();
        write(
            &site.root,
            &format!("content/2020/{name}"),
            "[[note]]\nquote = \"summit\"\nbody = \"One.\"\n",
        );
        fails(
            &site,
            1,
            &[
                "looks like a sidecar but is not named as one",
                &format!("content/2020/{name}"),
                "rename it to `fine.annotations.toml`, in the same folder",
            ],
        );
    }
    // A file of another article's name, or of none, is the site's own.
    let other = site();
    write(&other.root, "content/2020/other.notes.toml", "x = 1\n");
    // Nor is a file of the article's name that holds no notes.
    write(&other.root, "content/2020/fine.notes.toml", "x = 1\n");
    builds(&other.gloss(&["build"]));
    // Beside the article's own sidecar, renaming would overwrite it.
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbody = \"One.\"\n",
    );
    write(
        &site.root,
        "content/2020/fine.Annotations.TOML",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"Two.\"\n",
    );
    let text = fails(
        &site,
        1,
        &["move its notes into content/2020/fine.annotations.toml, the article's sidecar, then"],
    );
    assert!(!text.contains("rename it"), "{text}");
}

#[test]
fn a_sidecar_beside_a_context_entry_says_entries_take_none() {
    let site = site();
    write(
        &site.root,
        "content/context/nato.md",
        "+++\ntitle = \"NATO\"\nsummary = \"An alliance.\"\n+++\n",
    );
    write(
        &site.root,
        "content/context/nato.annotations.toml",
        "[[note]]\nquote = \"alliance\"\nbody = \"x\"\n",
    );
    fails(
        &site,
        1,
        &["context entries take no sidecar", "nato.annotations.toml"],
    );
}

#[test]
fn an_article_whose_page_would_take_the_place_of_gloss_s_own_is_named() {
    for (path, front) in [
        ("content/tags.md", ""),
        ("content/page/2.md", ""),
        ("content/atom.md", "slug = \"atom.xml\"\n"),
    ] {
        let site = site();
        write(
            &site.root,
            path,
            format!("+++\ntitle = \"T\"\ndate = 2020-01-02\n{front}+++\nText.\n"),
        );
        fails(
            &site,
            1,
            &["would take the place of gloss's own", path, "slug"],
        );
    }
}

#[test]
fn check_reports_a_bad_note_and_an_unplaced_one_of_the_same_sidecar_in_one_run() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\noccurrence = 0\nbody = \"Bad.\"\n\n[[note]]\nquote = \"words nowhere in the text\"\nbody = \"Unplaced.\"\n\n[[note]]\nquote = \"Yongbyon\"\nbody = \"Fine.\"\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("occurrence"), "{stderr}");
    assert!(stderr.contains("words nowhere in the text"), "{stderr}");
}

#[test]
fn a_source_without_a_title_is_named() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbody = \"A meeting.\"\n\n[[note.sources]]\ntitle = \"\"\nurl = \"https://example.org/report\"\n\n[[note.sources]]\nurl = \"https://example.org/other\"\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "without a title",
            "fine.annotations.toml",
            "give the source a `title`",
        ],
    );
    // A title left out altogether is the same problem, not a syntax error.
    assert!(
        text.contains("note 1 cites https://example.org/other without"),
        "{text}"
    );
    assert!(!text.contains("invalid TOML"), "{text}");
}

#[test]
fn a_yaml_value_written_as_a_block_below_its_key_is_named_and_passed_over() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nThe treaty was signed in Rome by six states.\n",
    )
    .write(
        "content/2020/a.annotations.yaml",
        "note:\n  - quote: treaty\n    body:\n      - one\n      - two\n  - quote: Rome\n  - quote: nowhere at all\n    body: d\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "a.annotations.yaml:4:",
            "`body` is text",
            // Read on past the block: the next note's problem, with its fix in YAML.
            "a.annotations.yaml:6:",
            "note 2 has neither a body nor a ref",
            "add `body: \"...\"`",
        ],
    );
    // The sound note after them is anchored in the same run, as note 3.
    assert!(text.contains("quote not found in the article"), "{text}");
    assert!(text.contains("note 3"), "{text}");
}

#[test]
fn a_misspelt_list_of_tables_under_a_note_is_named_and_the_other_notes_still_checked() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nThe accord was signed. The mayor signed it.\n",
    )
    .write(
        "content/2020/a.annotations.toml",
        "[[note]]\nquote = \"treaty\"\nbody = \"x\"\n\n[[note]]\nquote = \"accord\"\nbody = \"x\"\n[[note.source]]\ntitle = \"T\"\nurl = \"https://example.org/b\"\n\n[[note]]\nquote = \"nowhere\"\nbody = \"y\"\n",
    )
    .write(
        "content/2020/b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-03\n+++\nThe accord was signed.\n",
    )
    .write(
        "content/2020/b.annotations.yaml",
        "note:\n  - quote: treaty\n    body: x\n  - quote: accord\n    body: x\n    source:\n      - title: T\n        url: https://example.org/b\n  - quote: accord\n    bdy: y\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "a.annotations.toml:8:",
            "did you mean `sources`?",
            "b.annotations.yaml:6:",
            "b.annotations.yaml:10:",
            "did you mean `body`?",
        ],
    );
    // The notes before and after the misspelt table are looked for in the same run.
    assert_eq!(
        text.matches("quote not found in the article").count(),
        3,
        "{text}"
    );
}

#[test]
fn text_broken_over_lines_is_named_where_it_starts_with_the_way_to_write_it() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nThe mayor signed the deal.\n",
    )
    .write(
        "content/2020/a.annotations.toml",
        "[[note]]\nquote = \"signed\"\nbody = \"The mayor signed\nthe deal.\"\n",
    )
    .write(
        "content/2020/b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-03\n+++\nThe mayor signed the deal.\n",
    )
    .write(
        "content/2020/b.annotations.yaml",
        "note:\n  - quote: signed\n    body: Leaders: both of them.\n",
    )
    .write(
        "content/2020/c.md",
        "+++\ntitle = \"C\"\ndate = 2020-01-04\n+++\nThe mayor signed the deal.\n",
    )
    .write(
        "content/2020/c.annotations.toml",
        "[[note]]\nquote = 'signed'\nbody = 'The mayor\nsaid'\n",
    )
    .write(
        "content/2020/d.md",
        "+++\ntitle = \"D\"\ndate = 2020-01-05\n+++\nThe mayor signed the deal.\n",
    )
    .write(
        "content/2020/d.annotations.yaml",
        "note:\n  - quote: signed\n    body: Saved in C:\\docs: see there # why\n",
    );
    let text = fails(
        &site,
        1,
        &[
            // At the line the string starts on, not the next one the parser stumbles on.
            "a.annotations.toml:3:8",
            "the text of `body` runs past the end of its line",
            "\"\"\"...\"\"\"",
            "b.annotations.yaml:3:",
            "body: \"Leaders: both of them.\"",
            // A literal string's own mark; in single quotes a backslash is no escape, and
            // a comment stays outside.
            "c.annotations.toml:3:8",
            "closing ' should be",
            "'''...'''",
            "body: 'Saved in C:\\docs: see there'",
        ],
    );
    assert!(!text.contains("a.annotations.toml:4:"), "{text}");
}

#[test]
fn a_correction_whose_date_is_written_wrongly_is_told_of_the_date_alone() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nThe accord was signed.\n",
    )
    .write(
        "content/2020/a.annotations.toml",
        "[[note]]\nquote = \"accord\"\nkind = \"correction\"\ndate = \"March 3, 2024\"\nbody = \"x\"\n",
    );
    let text = fails(
        &site,
        1,
        &["`March 3, 2024` is not a date", "a.annotations.toml:4:"],
    );
    assert!(!text.contains("without a `date`"), "{text}");
}

#[test]
fn a_value_of_the_wrong_kind_says_what_kind_goes_there() {
    let site = site();
    site.write(
        "content/2020/toml.md",
        "+++\ntitle = \"T\"\ndate = 2020-01-02\nauthors = \"Jane Doe\"\ndraft = \"yes\"\ntags = \"t\"\n+++\nx\n",
    )
    .write(
        "content/2020/yaml.md",
        "---\ntitle: T\ndate: 2020-01-02\ndraft: maybe\nauthors: Jane Doe\n---\nx\n",
    )
    .write(
        "content/context/kim.md",
        "+++\ntitle = \"Kim\"\naliases = \"Kim Jong Un\"\nsummary = 3\n+++\nThe leader.\n",
    );
    // Every wrong value in one run, not only the first of each file.
    let text = fails(
        &site,
        1,
        &[
            "content/2020/toml.md:4:",
            "`authors` is a list, not text",
            "authors = [",
            "content/2020/toml.md:5:",
            "content/2020/toml.md:6:",
            "`tags` is a list",
            "content/2020/yaml.md:4:",
            "`draft` is true or false",
            "content/2020/yaml.md:5:",
            "content/context/kim.md:3:",
            "`aliases` is a list",
            "content/context/kim.md:4:",
            "7 errors",
        ],
    );
    assert!(!text.contains("syntax"), "{text}");
}

#[test]
fn a_note_referring_to_an_entry_that_does_not_read_is_told_so_not_that_it_is_missing() {
    let site = site();
    site.write(
        "content/context/people/kim.md",
        "+++\ntitle = \"Kim\"\ndate = 2020-01-01\n+++\nThe leader.\n",
    )
    .write(
        "content/context/people/moon.md",
        "+++\ntitle = \"Moon\"\n+++\nThe president.\n",
    )
    .write(
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\nref = \"people/kim\"\n",
    );
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/context/people/kim.md"), "{stderr}");
    assert!(
        stderr.contains("the context entry `people/kim` did not read"),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean `people/moon`"), "{stderr}");
}

#[test]
fn paths_that_differ_only_in_case_or_in_the_encoding_of_accents_are_warned_of() {
    let site = site();
    let article =
        |title: &str| format!("+++\ntitle = \"{title}\"\ndate = 2020-01-03\n+++\n\nWords.\n");
    site.write("content/2020/Report.md", article("Upper"))
        .write("content/2020/report.md", article("Lower"))
        .write("content/2020/caf\u{e9}.md", article("Composed"))
        .write("content/2020/cafe\u{301}.md", article("Decomposed"));
    for command in ["check", "build"] {
        let out = site.gloss(&[command]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{command}: {stderr}");
        assert!(
            stderr.contains("content/2020/report.md")
                && stderr.contains("differs only in case from content/2020/Report.md"),
            "{command}: {stderr}"
        );
        assert!(
            stderr.contains("looks the same as content/2020/caf"),
            "{command}: {stderr}"
        );
        assert_eq!(stderr.matches("⚠").count(), 2, "{command}: {stderr}");
    }
}

#[test]
fn a_heading_id_the_page_cannot_give_is_warned_of_and_a_written_id_wins_over_a_made_one() {
    let site = site();
    site.write(
        "content/2020/ids.md",
        "+++\ntitle = \"Ids\"\ndate = 2020-01-03\n+++\n\n## History\n\nA.\n\n## Sources {#notes}\n\nB.\n\n## Then {#history}\n\nC.\n\n## Again {#history}\n\nD.\n",
    );
    for command in ["check", "build"] {
        let out = site.gloss(&[command]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{command}: {stderr}");
        for needle in [
            "content/2020/ids.md:10:",
            "the heading's id `notes` is an id the page itself uses",
            "content/2020/ids.md:18:",
            "the heading on line 14 has the id `history` too",
        ] {
            assert!(
                stderr.contains(needle),
                "{command}: {needle:?} missing from\n{stderr}"
            );
        }
        assert_eq!(stderr.matches("⚠").count(), 2, "{command}: {stderr}");
    }
    let html = std::fs::read_to_string(site.root.join("public/2020/ids/index.html")).expect("page");
    // The id written for "Then" is its own; "History", whose id was only made from its
    // words, gives way.
    assert!(
        html.contains("<h2 id=\"history\"><span id=\"p-5\"></span>Then"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=\"history-2\"><span id=\"p-1\"></span>History"),
        "{html}"
    );
}

#[test]
fn a_heading_s_id_comes_from_its_attributes_and_check_warns_of_braces_read_as_them() {
    let site = site();
    site.write(
        "content/2020/sets.md",
        "+++\ntitle = \"Sets\"\ndate = 2020-01-03\n+++\n\n## The aftermath {#after}\n\nWords.\n\n## Sets {a, b}\n\nMore words.\n\n## Pairs {c, d\\}\n\nLast words.\n\nTotals {x, y}\n======\n\nEnd.\n",
    )
    .write(
        "content/2020/link.md",
        "+++\ntitle = \"Link\"\ndate = 2020-01-04\n+++\n\nSee [the aftermath](sets.md#after).\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("2 warnings"), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("the braces that end this heading are read as its attributes"),
        "{stderr}"
    );
    assert!(stderr.contains("content/2020/sets.md:10:9"), "{stderr}");
    assert!(stderr.contains("content/2020/sets.md:18:8"), "{stderr}");
    assert!(
        stderr.contains("backslash before the closing brace"),
        "{stderr}"
    );
    // The build says so too.
    let build = site.gloss(&["build"]);
    let built = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "{built}");
    assert_eq!(
        built.matches("read as its attributes").count(),
        2,
        "{built}"
    );
    let page = site.page("2020/sets/index.html");
    assert!(
        page.contains("<h2 id=\"after\"><span id=\"p-1\"></span>The aftermath</h2>"),
        "{page}"
    );
    // With the closing brace escaped, as the warning says, the braces are shown.
    assert!(page.contains(">Pairs {c, d}</h2>"), "{page}");
    let public = site.root.join("public");
    let broken = crate::links::Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(
        site.page("2020/link/index.html")
            .contains("href=\"../../2020/sets/index.html#after\""),
        "link"
    );
}

#[test]
fn check_warns_of_urls_in_html_that_lead_to_no_file_of_the_site() {
    let site = site();
    site.write("static/images/map.png", "png").write(
        "content/2020/html.md",
        "+++\ntitle = \"HTML\"\ndate = 2020-01-03\n+++\n\n<figure>\n  <img src=\"/images/map.png\" alt=\"Found\">\n  <img src=\"/images/lost.png\" alt=\"Lost\">\n</figure>\n\nA <a href=\"gone.md\">link</a> and <a href=\"https://example.com/\">another</a>.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("2 warnings"), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("`/images/lost.png` leads to no file of the site"),
        "{stderr}"
    );
    assert!(stderr.contains("content/2020/html.md:8:13"), "{stderr}");
    assert!(stderr.contains("`gone.md` leads to no file"), "{stderr}");
    assert!(stderr.contains("content/2020/html.md:11:12"), "{stderr}");
    assert!(!stderr.contains("`/images/map.png` leads"), "{stderr}");
}

#[test]
fn check_warns_of_relative_links_that_lead_to_no_file_of_the_site() {
    let site = site();
    write(&site.root, "content/maps/world.svg", "<svg/>");
    site.write("static/files/report.pdf", "pdf")
        .write(
            "content/2020/links.md",
            "+++\ntitle = \"Links\"\ndate = 2020-01-03\ntags = [\"x\"]\n+++\n\nA [map](../maps/world.svg), [a sibling](fine.md#p-1), [a tag](../../tags/x/index.html), [a file](../../files/report.pdf), [elsewhere](../../../../other-site/).\n\nThen [gone](missing.png) and ![a photo](pics/none.jpg).\n\nFrom the root: [the file](/files/report.pdf), [the tag](/tags/x/), [home](/), [nothing](/files/lost.pdf).\n\nWrite to <desk@example.org>.\n",
        );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let stdout = String::from_utf8_lossy(&check.stdout);
    // Warnings: named with file and line, and the build still goes on.
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("3 warnings"), "{stdout}");
    assert!(
        stderr.contains("`/files/lost.pdf` leads to no file of the site"),
        "{stderr}"
    );
    assert!(stderr.contains("content/2020/links.md:11:"), "{stderr}");
    assert!(
        stderr.contains("`missing.png` leads to no file"),
        "{stderr}"
    );
    assert!(stderr.contains("content/2020/links.md:9:6"), "{stderr}");
    assert!(stderr.contains("content/2020/pics/none.jpg"), "{stderr}");
    for fine in [
        "../maps/world.svg",
        "fine.md#p-1",
        "../../tags/x/index.html",
        "../../files/report.pdf",
        "../../../../other-site/",
        "/files/report.pdf",
        "/tags/x/",
        "/",
    ] {
        assert!(
            !stderr.contains(&format!("`{fine}` leads")),
            "{fine} is no dead link: {stderr}"
        );
    }
    assert!(site.gloss(&["build"]).status.success());
}

#[test]
fn check_warns_of_dead_links_in_note_bodies_and_context_entries() {
    let site = site();
    site.write(
        "content/2020/fine.annotations.toml",
        "# notes\n[[note]]\nquote = \"Yongbyon\"\nbody = \"\"\"\nA [good](fine.md) and\na [bad one](gone.md).\n\"\"\"\n",
    )
    .write(
        "content/context/people/someone.md",
        "+++\ntitle = \"Someone\"\n+++\n\nSee [the article](../../2020/fine.md) and [nothing](../../2020/nothing.md).\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    // The note's link is named on its line of the sidecar, the entry's in its file.
    assert!(
        stderr.contains("`gone.md` leads to no file")
            && stderr.contains("content/2020/fine.annotations.toml:6:13"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`../../2020/nothing.md` leads to no file")
            && stderr.contains("content/context/people/someone.md:5:"),
        "{stderr}"
    );
    assert!(!stderr.contains("`fine.md`"), "{stderr}");
}

#[test]
fn check_warns_of_links_to_an_id_their_page_lacks_with_the_closest_one() {
    let site = site();
    site.write(
        "content/2020/fine.md",
        "+++\ntitle = \"Fine\"\ndate = 2020-01-02\n+++\n## Background\n\nThe summit at Yongbyon ended early.[^1]\n\n<div id=\"map\">A map.</div>\n\n## Aftermath\n\nTalks.\n\n[^1]: The talks.\n",
    )
    .write(
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"As [the end](#aftermath) and [the start](#backgroud) say.\"\n",
    )
    .write(
        "content/2021/later.md",
        "+++\ntitle = \"Later\"\ndate = 2021-01-02\n+++\nFine: [start](../2020/fine.md#background), [p](../2020/fine.md#p-1), [map](../2020/fine.md#map),\n[note](../2020/fine.md#note-1), [its footnote](../2020/fine.md#fn-1), [top](../2020/fine.md#top),\n[words](../2020/fine.md#:~:text=summit), [the notes](../2020/fine.md#notes) and [here](#p-1).\n\nMissing: [after](../2020/fine.md#afermath), [none](/2020/fine/#no-such-heading) and [mine](#missing).\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    for expected in [
        "`../2020/fine.md#afermath` leads to no place: 2020/fine/ has no element with the id `afermath`",
        "content/2021/later.md:9:10",
        "did you mean `#aftermath`?",
        "`/2020/fine/#no-such-heading` leads to no place",
        "its headings': `#background`, `#aftermath`",
        "`#missing` leads to no place: its own page has no element with the id `missing`",
        "content/2021/later.md:9:85",
        "`#backgroud` leads to no place",
        "content/2020/fine.annotations.toml:3:",
        "did you mean `#background`?",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing from\n{stderr}"
        );
    }
    assert_eq!(stderr.matches("leads to no place").count(), 4, "{stderr}");
}

#[test]
fn check_warns_of_an_update_dated_before_publication() {
    let site = site();
    site.write(
        "content/2020/late.md",
        "+++\ntitle = \"Late\"\ndate = 2020-05-01\nupdated = 2020-04-01\n+++\nText.\n",
    )
    .write(
        "content/2020/same.md",
        "+++\ntitle = \"Same\"\ndate = 2020-05-01T08:00:00Z\nupdated = 2020-05-01T09:00:00Z\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("`updated` (2020-04-01) is before `date` (2020-05-01)")
            && stderr.contains("content/2020/late.md:4:1"),
        "{stderr}"
    );
    assert!(!stderr.contains("same.md"), "{stderr}");
    // Neither byline shows an update: one is a slip, the other on the day itself.
    assert!(site.gloss(&["build"]).status.success());
    for page in ["public/2020/late/index.html", "public/2020/same/index.html"] {
        let html = std::fs::read_to_string(site.root.join(page)).expect("page");
        assert!(!html.contains("updated <time"), "{page}");
    }
}

// Before, `9999-12-31` got no "after today" warning,
// `9999-12-30T23:59:59Z` was called no date, a leap second was published as :59 in
// silence, and a slug written decomposed (`café` as macOS writes it) was refused.
#[test]
fn dates_at_the_calendar_s_end_a_leap_second_and_a_decomposed_slug_are_met_plainly() {
    let site = site();
    site.write(
        "content/2020/last.md",
        "+++\ntitle = \"Last\"\ndate = 9999-12-31\n+++\nText.\n",
    )
    .write(
        "content/2020/end.md",
        "+++\ntitle = \"End\"\ndate = 9999-12-30T23:59:59Z\n+++\nText.\n",
    )
    .write(
        "content/2020/cafe.md",
        "+++\ntitle = \"Caf\"\ndate = 2020-01-04\nslug = 'cafe\u{301}'\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    for needle in [
        "content/2020/last.md:3:1",
        "`date` (9999-12-31) is after today",
        "content/2020/end.md:3:1",
        "`date` (9999-12-30) is after today",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    builds(&site.gloss(&["build"]));
    assert!(site.root.join("public/2020/caf\u{e9}/index.html").is_file());
    site.write(
        "content/2020/leap.md",
        "+++\ntitle = \"Leap\"\ndate = 2019-03-01T10:00:60Z\n+++\nText.\n",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/leap.md:3:",
            "leap second",
            "2019-03-01T10:00:59Z",
        ],
    );
}

#[test]
fn check_and_build_warn_of_a_date_after_today_and_publish_the_article() {
    let site = site();
    site.write(
        "content/2020/slip.md",
        "+++\ntitle = \"Slip\"\ndate = 2920-05-01\n+++\nText.\n",
    )
    .write(
        "content/2020/later.md",
        "+++\ntitle = \"Later\"\ndate = 2020-05-01\nupdated = 2920-06-01\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("`date` (2920-05-01) is after today")
            && stderr.contains("content/2020/slip.md:3:1")
            && stderr.contains("`updated` (2920-06-01) is after today")
            && stderr.contains("content/2020/later.md:4:1")
            && stderr.contains("set `draft = true`"),
        "{stderr}"
    );
    let build = site.gloss(&["build"]);
    assert!(build.status.success());
    assert!(String::from_utf8_lossy(&build.stderr).contains("is after today"));
    assert!(site.root.join("public/2020/slip/index.html").is_file());

    // The instant a date names counts, whatever its offset: 20 hours ahead is within
    // the day allowed for time zones, 30 hours ahead is not. A draft is not warned of:
    // it is held back, and may be dated when it is to appear.
    let now = jiff::Timestamp::now();
    let at = |hours: i64, offset: i8| {
        let instant = now
            .checked_add(jiff::SignedDuration::from_hours(hours))
            .expect("instant");
        instant
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(offset)))
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    site.write(
        "content/2020/slip.md",
        format!("+++\ntitle = \"Slip\"\ndate = {}\n+++\nText.\n", at(20, 5)),
    )
    .write(
        "content/2020/later.md",
        format!(
            "+++\ntitle = \"Later\"\ndate = {}\n+++\nText.\n",
            at(30, -8)
        ),
    )
    .write(
        "content/2020/scheduled.md",
        "+++\ntitle = \"Scheduled\"\ndate = 2920-05-01\ndraft = true\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(!stderr.contains("slip.md"), "{stderr}");
    assert!(!stderr.contains("scheduled.md"), "{stderr}");
    assert!(
        stderr.contains("content/2020/later.md:3:1") && stderr.contains("is after today"),
        "{stderr}"
    );
}

#[test]
fn check_warns_of_a_name_spelled_two_ways_or_listed_twice() {
    let site = site();
    site.write(
        "content/2020/one.md",
        "+++\ntitle = \"One\"\ndate = 2020-05-01\ntags = [\"North Korea\", \"Korea\", \"north korea\"]\nauthors = [\"José Núñez\"]\n+++\nText.\n",
    )
    .write(
        "content/2020/two.md",
        "---\ntitle: Two\ndate: 2020-05-02\ntags:\n  - Korea\n  - North Korea\nauthors: [José Núñez, Ann Lee, Ann Lee]\n---\nText.\n",
    )
    .write(
        "content/2020/three.md",
        "---\ntitle: Three\ndate: 2020-05-03\ntags: [north korea]\nauthors: [Jose Nunez]\nsource:\n  name: the hill\n---\nText.\n",
    )
    .write(
        "content/2020/four.md",
        "+++\ntitle = \"Four\"\ndate = 2020-05-04\n[source]\nname = \"The Hill\"\n+++\nText.\n",
    )
    .write(
        "content/2020/five.md",
        "+++\ntitle = \"Five\"\ndate = 2020-05-05\n[source]\nname = \"The Hill\"\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    let warned = |what: &str, at: &str| stderr.contains(what) && stderr.contains(at);
    // In one article: another spelling of a name it already lists, and the same name
    // twice, each at its place in the list.
    assert!(
        warned(
            "`north korea` and `North Korea` are one tag to gloss (tags/north-korea/)",
            "content/2020/one.md:4:34"
        ),
        "{stderr}"
    );
    assert!(
        warned(
            "the author `Ann Lee` is listed twice",
            "content/2020/two.md:7:32"
        ),
        "{stderr}"
    );
    // Across the archive: the spelling fewer articles use, at each article using it.
    assert!(
        warned(
            "the tag `north korea` is written `North Korea` in 2 articles",
            "content/2020/three.md:4:8"
        ),
        "{stderr}"
    );
    assert!(
        warned(
            "the author `Jose Nunez` is written `José Núñez` in 2 articles",
            "content/2020/three.md:5:11"
        ),
        "{stderr}"
    );
    assert!(
        warned(
            "the publication `the hill` is written `The Hill` in 2 articles",
            "content/2020/three.md:7:9"
        ),
        "{stderr}"
    );
    // `Korea` is a tag of its own, and one.md, which wrote both spellings of North
    // Korea, is warned of once, as a repeat.
    assert!(!stderr.contains("`Korea` is"), "{stderr}");
    assert_eq!(stderr.matches("content/2020/one.md").count(), 1, "{stderr}");
    assert!(
        !stderr.contains("four.md") && !stderr.contains("five.md"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains("no errors, 5 warnings"), "{stdout}{stderr}");

    // A note that finds no place does not hide them.
    site.write(
        "content/2020/four.annotations.toml",
        "[[note]]\nquote = \"nowhere at all\"\nbody = \"x\"\n",
    );
    let failed = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("⚠").count(), 5, "{stderr}");
    assert!(stderr.contains("nowhere at all"), "{stderr}");
}

// Greek capitals are written without their accents (tonos): `ΕΛΛΑΔΑ` is `Ελλάδα`, and
// `Ιρὰν`, `Ιράν` and `ιραν` one name, each with the one page and a warning, as a Latin
// name with and without accents is.
#[test]
fn names_differing_only_in_greek_accents_share_a_page() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/one.md",
        "+++\ntitle = \"One\"\ndate = 2020-05-01\ntags = [\"Ελλάδα\", \"Ιράν\"]\nauthors = [\"Γιώργος Παπαδόπουλος\"]\n+++\nText.\n",
    )
    .write(
        "content/2020/two.md",
        "+++\ntitle = \"Two\"\ndate = 2020-05-02\ntags = [\"Ελλάδα\", \"Ιρὰν\"]\nauthors = [\"Γιώργος Παπαδόπουλος\"]\n+++\nText.\n",
    )
    .write(
        "content/2020/three.md",
        "+++\ntitle = \"Three\"\ndate = 2020-05-03\ntags = [\"ΕΛΛΑΔΑ\", \"ιραν\"]\nauthors = [\"Γιωργος Παπαδοπουλος\"]\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("the tag `ΕΛΛΑΔΑ` is written `Ελλάδα` in 2 articles"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the author `Γιωργος Παπαδοπουλος` is written `Γιώργος Παπαδόπουλος`"),
        "{stderr}"
    );
    site.build();
    let tags = std::fs::read_dir(site.root.join("public/tags"))
        .expect("tags/")
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    assert_eq!(tags, 2, "one page for Greece, one for Iran");
    let authors = std::fs::read_dir(site.root.join("public/authors"))
        .expect("authors/")
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    assert_eq!(authors, 1);
    assert!(site.page("tags/ellada/index.html").contains("Three"));
}

#[test]
fn a_note_placed_by_occurrence_that_an_edit_moves_is_warned_of_once() {
    let site = site();
    let article = "+++\ntitle = \"Talks\"\ndate = 2020-01-02\n+++\nThe summit asked for CVID at once.\n\nLater the envoy said CVID was still the aim.\n";
    site.write("content/2020/talks.md", article).write(
        "content/2020/talks.annotations.toml",
        "[[note]]\nquote = \"CVID\"\noccurrence = 2\nbody = \"Complete, verifiable, irreversible.\"\n\n[[note]]\nquote = \"summit\"\nbody = \"Hanoi.\"\n",
    );
    let first = site.gloss(&["build"]);
    assert!(first.status.success());
    assert!(
        first.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let record = std::fs::read_to_string(site.root.join("public/.gloss-anchors")).expect("record");
    assert_eq!(
        record.lines().count(),
        2,
        "one note is placed by occurrence:\n{record}"
    );

    // An edit around the note's words, not before them: it stays where it was.
    site.write(
        "content/2020/talks.md",
        article.replace("was still the aim", "remained the aim"),
    );
    let edited = site.gloss(&["build"]);
    assert!(
        edited.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&edited.stderr)
    );

    // A sentence with the quote before it: `occurrence = 2` now picks the summit's.
    site.write(
        "content/2020/talks.md",
        article
            .replace("was still the aim", "remained the aim")
            .replace("The summit", "First, CVID was named.\n\nThe summit"),
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    for needle in [
        "note 1 (marker 2 on the page) has moved to other words",
        "content/2020/talks.annotations.toml:2:9",
        "at the last build: “…Later the envoy said [CVID] remained the aim.…”",
        "now, article line 7: “…The summit asked for [CVID] at once.…”",
        "write `occurrence = 3`",
    ] {
        assert!(stderr.contains(needle), "{needle:?} missing from\n{stderr}");
    }
    // A note of another article that finds no place does not hide the warning.
    site.write(
        "content/2021/other.md",
        "+++\ntitle = \"Other\"\ndate = 2021-01-01\n+++\n\nHello.\n",
    );
    site.write(
        "content/2021/other.annotations.toml",
        "[[note]]\nquote = \"nowhere\"\nbody = \"x\"\n",
    );
    let both = site.gloss(&["check"]);
    let both_err = String::from_utf8_lossy(&both.stderr);
    assert_eq!(both.status.code(), Some(1), "{both_err}");
    assert!(
        both_err.contains("has moved to other words") && both_err.contains("nowhere"),
        "{both_err}"
    );
    std::fs::remove_file(site.root.join("content/2021/other.md")).expect("remove");
    std::fs::remove_file(site.root.join("content/2021/other.annotations.toml")).expect("remove");
    // The build says so too, and records the new place: the next build is quiet.
    let build = site.gloss(&["build"]);
    assert!(build.status.success());
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(
        stderr.contains("note 1 (marker 2 on the page) has moved to other words"),
        "{stderr}"
    );
    site.write(
        "content/2020/talks.annotations.toml",
        "[[note]]\nquote = \"CVID\"\noccurrence = 2\nbody = \"Complete and verifiable.\"\n\n[[note]]\nquote = \"summit\"\nbody = \"Hanoi.\"\n",
    );
    let again = site.gloss(&["build"]);
    assert!(
        again.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    // Without a note placed by occurrence there is no record.
    site.write(
        "content/2020/talks.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbody = \"Hanoi.\"\n",
    );
    assert!(site.gloss(&["build"]).status.success());
    assert!(!site.root.join("public/.gloss-anchors").exists());
}

#[test]
fn check_warns_of_a_published_article_s_link_to_a_draft() {
    let site = site();
    site.write(
        "content/2020/plan.md",
        "+++\ntitle = \"Plan\"\ndate = 2020-01-03\ndraft = true\n+++\nSee [the notes](fine.md), still a draft.\n",
    )
    .write("content/drafts/next.md", "+++\ntitle = \"N\"\ndate = 2020-01-03\ndraft = true\n+++\nx\n")
    .write("content/drafts/chart.png", "png")
    .write(
        "content/2020/out.md",
        "+++\ntitle = \"Out\"\ndate = 2020-01-03\n+++\nRead [the plan](plan.md#p-1) and ![a chart](../drafts/chart.png).\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("`plan.md#p-1` leads to a draft (2020/plan.md)"),
        "{stderr}"
    );
    assert!(stderr.contains("content/2020/out.md:5:"), "{stderr}");
    assert!(
        stderr.contains(
            "`../drafts/chart.png` leads to a file in a folder of drafts (drafts/chart.png)"
        ),
        "{stderr}"
    );
    // A draft may link to anything.
    assert!(!stderr.contains("fine.md"), "{stderr}");
}

#[test]
fn a_front_matter_error_does_not_keep_the_sidecar_s_problems_from_the_same_run() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.md",
        "+++\ntitle = \"Fine\"\ndate = 2020-01-02\ntags = [\"a\"\n+++\nThe summit at Yongbyon ended early.\n",
    );
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbdoy = \"Misspelt key.\"\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("fine.md"), "{stderr}");
    assert!(
        stderr.contains("fine.annotations.toml") && stderr.contains("bdoy"),
        "{stderr}"
    );
}

#[test]
fn a_file_under_content_where_a_page_or_a_static_file_goes_is_named_with_the_other() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine/index.html",
        "<p>an old export",
    );
    fails(
        &site,
        1,
        &[
            "content/2020/fine/index.html",
            "where the page of",
            "fine.md",
        ],
    );
    std::fs::remove_dir_all(site.root.join("content/2020/fine")).expect("remove");
    write(&site.root, "content/style.css", "body { color: red }");
    fails(
        &site,
        1,
        &["content/style.css", "gloss's own style.css", "static/"],
    );
    write(&site.root, "static/style.css", "body { color: blue }");
    fails(&site, 1, &["content/style.css", "static/style.css"]);
    // Moved to static/, it replaces the built-in one; hidden files there stay out.
    std::fs::remove_file(site.root.join("content/style.css")).expect("remove");
    write(&site.root, "static/.DS_Store", "finder");
    builds(&site.gloss(&["build"]));
    let out = site.root.join("public");
    assert_eq!(
        std::fs::read_to_string(out.join("style.css")).expect("style"),
        "body { color: blue }"
    );
    assert!(!out.join(".DS_Store").exists());
}

#[test]
fn a_quote_from_the_title_an_image_description_a_footnote_or_html_says_where_it_is() {
    let site = SiteTest::minimal();
    site.write(
            "content/2020/a.md",
            "+++\ntitle = \"The Hanoi walkout\"\ndate = 2020-01-02\n+++\nThe talks ended.[^1]\n\n![A map of the Yongbyon site](map.png)\n\n![A photo](c.png \"The delegates at dawn\")\n\n<figure>\n<img src=\"b.png\" alt=\"\">\n<figcaption>The old <em>reactor</em>\n&amp; its tower</figcaption>\n</figure>\n\n[^1]: As reported by state television.\n",
        )
        .write(
            "content/2020/a.annotations.toml",
            "[[note]]\nquote = \"Hanoi walkout\"\nbody = \"x\"\n\n[[note]]\nquote = \"map of the Yongbyon\"\nbody = \"x\"\n\n[[note]]\nquote = \"state television\"\nbody = \"x\"\n\n[[note]]\nquote = \"old reactor & its tower\"\nbody = \"x\"\n\n[[note]]\nquote = \"delegates at dawn\"\nbody = \"x\"\n",
        );
    let text = fails(
        &site,
        1,
        &[
            "only found in the title",
            "only found in an image's description",
            "only found in one of the article's own footnotes",
            "quote words from the paragraphs",
            "only found in HTML written into the article",
            "write that passage in Markdown",
            "only found in an image's caption (its title)",
        ],
    );
    assert!(
        !text.contains("no passage of the article is close"),
        "{text}"
    );
}

#[test]
fn every_wrong_value_of_a_sidecar_is_reported_in_one_run() {
    let site = SiteTest::minimal();
    site.write(
            "content/2020/a.md",
            "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nText here and text there, with more text.\n",
        )
        .write(
            "content/2020/a.annotations.toml",
            "[[note]]\nquote = \"Text here\"\noccurrence = \"two\"\nbody = \"a\"\n\n[[note]]\nquote = \"more\"\nbody = \"b\"\nkind = 5\n\n[[note]]\nquote = \"text there\"\nbdy = \"c\"\n\n[[note]]\nquote = \"nowhere at all\"\nbody = \"d\"\n",
        )
        .write(
            "content/2020/b.md",
            "+++\ntitle = \"B\"\ndate = 2020-01-02\n+++\nOther text.\n",
        )
        .write(
            "content/2020/b.annotations.yaml",
            "note:\n  - quote: Other\n    occurrence: two\n    body: a\n  - quote: text\n    bdy: b\n  - qoute: Other text\n    body: c\n  - quote: Other\n    occurrence: 3\n    body: d\n",
        );
    let text = fails(
        &site,
        1,
        &[
            "a.annotations.toml:3:",
            "`occurrence` is a whole number, not text",
            "a.annotations.toml:9:",
            "`kind` is text, not a number",
            "a.annotations.toml:13:",
            "did you mean `body`?",
            "b.annotations.yaml:3:",
            "b.annotations.yaml:6:",
            // A YAML note's first key, on its `- ` line, too.
            "b.annotations.yaml:7:",
            "did you mean `quote`?",
        ],
    );
    // The sound note is still anchored in the same run, under its own number.
    assert!(text.contains("quote not found in the article"), "{text}");
    assert!(text.contains("note 4"), "{text}");
    assert!(!text.contains("note 1 "), "{text}");
    // The YAML sidecar's sound note is anchored too, as note 4.
    assert!(
        text.contains("occurrence = 3, but the quote matches only 1"),
        "{text}"
    );
    assert!(!text.contains("empty quote"), "{text}");
}

#[test]
fn a_wrong_value_written_over_several_lines_is_passed_over_whole() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nThe treaty was signed in Rome by six states.\n",
    )
    .write(
        "content/2020/a.annotations.toml",
        "[[note]]\nquote = \"treaty\"\nbody = [\n  \"one\",\n  \"two\",\n]\n\n[[note]]\nquote = \"Rome\"\nkind = 5\n\n[[note]]\nquote = \"nowhere at all\"\nbody = \"d\"\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "a.annotations.toml:3:",
            "`body` is text, not a list",
            // Read on past the array's four lines: the next note's wrong value, on its
            // own line number.
            "a.annotations.toml:10:",
            "`kind` is text, not a number",
        ],
    );
    // The sound note after them is anchored in the same run, as note 3.
    assert!(text.contains("quote not found in the article"), "{text}");
    assert!(text.contains("note 3"), "{text}");
    assert!(!text.contains("invalid TOML"), "{text}");
}

#[test]
fn check_reports_as_json_for_tools_with_the_same_exit_code() {
    let site = site();
    site.write(
        "content/2020/late.md",
        "+++\ntitle = \"Late\"\ndate = 2020-05-01\nupdated = 2020-04-01\n+++\nText.\n",
    );
    let json = |out: &Output| -> serde_json::Value {
        serde_json::from_slice(&out.stdout).expect("one JSON document on stdout")
    };
    let out = site.gloss(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(0), Some(1))
    );
    let warning = &report["problems"][0];
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["file"], "content/2020/late.md");
    assert_eq!(
        (warning["line"].as_u64(), warning["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert!(warning["hint"]
        .as_str()
        .expect("hint")
        .contains("remove `updated`"));

    site.write(
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nref = \"yongbyn\"\n",
    );
    let out = site.gloss(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    // The warning is still reported beside the error.
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(1), Some(1))
    );
    let error = &report["problems"][0];
    assert_eq!(error["severity"], "error");
    assert_eq!(error["file"], "content/2020/fine.annotations.toml");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(3), Some(7))
    );
    assert_eq!(error["kind"], "content");
    assert!(error["message"]
        .as_str()
        .expect("message")
        .contains("unknown context entry `yongbyn`"));

    // A site.toml that does not read is reported the same way.
    site.write("site.toml", "title = \n");
    let broken = site.gloss(&["check", "--format", "json"]);
    assert_eq!(broken.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&broken.stdout).expect("JSON");
    assert_eq!(report["problems"][0]["file"], "site.toml");
}

#[test]
fn a_quote_written_in_markdown_and_a_single_bracket_note_say_how_to_write_them() {
    let site = site();
    site.write(
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"The **summit** at\"\nbody = \"x\"\n\n[[note]]\nquote = \"[Yongbyon](https://example.org) ended\"\nbody = \"y\"\n",
    );
    fails(
        &site,
        1,
        &[
            "the quote is written in Markdown; notes quote the words as a reader sees them",
            "content/2020/fine.annotations.toml:2:9",
            "quote = \"The summit at\"",
            "content/2020/fine.annotations.toml:6:9",
            "quote = \"Yongbyon ended\"",
        ],
    );
    site.write(
        "content/2020/fine.annotations.toml",
        "[note]\nquote = \"Yongbyon\"\nbody = \"x\"\n",
    );
    fails(
        &site,
        1,
        &[
            "`[note]` opens a single table",
            "content/2020/fine.annotations.toml:1:1",
            "write `[[note]]`, in double brackets, before each note",
        ],
    );
    site.write(
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"x\"\n[note.sources]\ntitle = \"IAEA\"\nurl = \"https://example.org\"\n",
    );
    fails(
        &site,
        1,
        &[
            "`[note.sources]` opens a single table",
            "before each of a note's sources",
        ],
    );
}

#[test]
fn a_yaml_note_written_without_its_dash_is_one_error_that_says_so() {
    let site = site();
    site.write(
        "content/2020/fine.annotations.yaml",
        "# Notes.\nnote:\n  quote: Yongbyon\n  body: The site.\n",
    );
    let text = fails(
        &site,
        1,
        &[
            "`note:` holds the keys of one note; it is a list of notes, each starting with `- `",
            "content/2020/fine.annotations.yaml:3:3",
            "write `- ` before the first key of each note (`- quote: ...`)",
        ],
    );
    assert!(text.contains("1 error"), "{text}");
    // Written as a list, at any indentation, it reads.
    for yaml in [
        "note:\n  - quote: Yongbyon\n    body: The site.\n",
        "note:\n- quote: Yongbyon\n  body: The site.\n",
    ] {
        site.write("content/2020/fine.annotations.yaml", yaml);
        let check = site.gloss(&["check"]);
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

#[test]
fn a_source_s_address_under_another_tool_s_name_is_told_its_own() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"summit\"\nbody = \"x\"\n[[note.sources]]\ntitle = \"T\"\nlink = \"https://example.org/x\"\n",
    );
    fails(&site, 1, &["unknown key `link`", "did you mean `url`?"]);
}

#[test]
fn a_plain_yaml_value_where_a_table_goes_is_named_with_the_sidecar_s_other_problems() {
    let site = site();
    for (yaml, line, said) in [
        (
            "note:\n  - quote: summit\n    body: x\n    sources:\n      - https://e.org\n  - quote: nowhere\n    body: y\n",
            "fine.annotations.yaml:5:",
            "each item of `sources` is a table of `title` and `url`",
        ),
        (
            "note:\n  - summit\n  - quote: nowhere\n    body: y\n",
            "fine.annotations.yaml:2:",
            "each item of `note` is a table of a note's keys",
        ),
    ] {
        site.write("content/2020/fine.annotations.yaml", yaml);
        let text = fails(&site, 1, &[line, said]);
        assert!(!text.contains("invalid YAML"), "{text}");
        assert!(!text.contains("syntax"), "{text}");
        // `check` reads on: the note that finds no place is told of in the same run,
        // under its own number.
        assert!(text.contains("quote not found in the article"), "{text}");
        assert!(text.contains("note 2"), "{text}");
        assert!(text.contains("2 errors"), "{text}");
    }
}

#[test]
fn a_note_s_problem_names_the_line_its_entry_starts_on() {
    let site = site();
    // The quote not found is on line 5, four lines below the note's `[[note]]`.
    site.write(
        "content/2020/fine.annotations.toml",
        "[[note]]\nkind = \"context\"\nbody = \"x\"\nprefix = \"the\"\nquote = \"missing one\"\n\n[[note]]\nquote = \"summit\"\nbody = \"y\"\nsources = [{ title = \"T\", url = \"ftp://e.org\" }]\n",
    )
    .write(
        "content/2020/other.md",
        "+++\ntitle = \"Other\"\ndate = 2020-01-03\n+++\nKim met Lee.\n",
    )
    // A YAML note's entry starts on its quote's line: nothing more to say.
    .write(
        "content/2020/other.annotations.yaml",
        "note:\n  - quote: nowhere\n    body: y\n",
    );
    let out = site.gloss(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "fine.annotations.toml:5:9",
        "note 1, from line 1",
        // A problem of the note's own keys names it the same way.
        "fine.annotations.toml:10:",
        "note 2, from line 7",
        "other.annotations.yaml:2:",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    assert!(!text.contains("from line 2"), "{text}");

    let out = site.gloss(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problems = report["problems"].as_array().expect("problems");
    let not_found = problems
        .iter()
        .find(|p| {
            p["message"] == "quote not found in the article"
                && p["file"] == "content/2020/fine.annotations.toml"
        })
        .expect("the quote not found");
    // The quote's own place, and the note by its number and the line it starts on.
    assert_eq!(not_found["line"].as_u64(), Some(5));
    assert_eq!(not_found["label"], "note 1, from line 1");
}

#[test]
fn a_site_toml_problem_is_reported_with_every_other_problem_of_the_site() {
    let site = site();
    write(
        &site.root,
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\nfoo = 1\n",
    );
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyan summit\"\nbody = \"x\"\n",
    );
    write(
        &site.root,
        "content/2020/gone.annotations.toml",
        "[[note]]\nquote = \"x\"\nbody = \"x\"\n",
    );
    let check = site.gloss(&["check"]);
    let text = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{text}");
    for needle in [
        "site.toml:3:1",
        "unknown key `foo`",
        "quote not found",
        "sidecar without its article",
        "3 errors",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    let json = site.gloss(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(report["errors"], 3, "{report}");
    // The build still refuses to go on from a site.toml in error.
    let build = site.gloss(&["build"]);
    let text = String::from_utf8_lossy(&build.stderr);
    assert_eq!(build.status.code(), Some(1), "{text}");
    assert!(text.contains("unknown key `foo`"), "{text}");
    assert!(!site.root.join("public").exists());
}

#[test]
fn a_template_error_leaves_check_s_link_warnings_in_place_and_the_last_line_counts_both() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.md",
        "+++\ntitle = \"Fine\"\ndate = 2020-01-02\n+++\nSee [the plan](plan.md).\n",
    );
    write(
        &site.root,
        "content/2020/plan.md",
        "+++\ntitle = \"Plan\"\ndate = 2020-01-02\ndraft = true\n+++\nLater.\n",
    );
    write(
        &site.root,
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{{ article.title | uppper }}{% endblock main %}\n",
    );
    let check = site.gloss(&["check"]);
    let text = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{text}");
    assert!(text.contains("did you mean `upper`?"), "{text}");
    assert!(text.contains("leads to a draft"), "{text}");
    assert_eq!(text.lines().last(), Some("1 error, 1 warning"), "{text}");
    let json = site.gloss(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        (&report["errors"], &report["warnings"]),
        (&1.into(), &1.into())
    );
}

#[cfg(unix)]
#[test]
fn a_backslash_in_a_file_name_is_reported_as_part_of_the_name() {
    let site = site();
    let dir = "content/2019/odd \"q\" é";
    write(&site.root, &format!("{dir}\\x.md"), ARTICLE);
    write(
        &site.root,
        &format!("{dir}\\x.annotations.toml"),
        "[[note]]\nquote = \"Yongbyan summit\"\nbody = \"x\"\n",
    );
    let json = site.gloss(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let files: Vec<&str> = report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["file"].as_str())
        .collect();
    // Such a name cannot be published (a web address reads the backslash as a folder),
    // and the report names each file as it is on disk.
    assert_eq!(
        files,
        [format!("{dir}\\x.annotations.toml"), format!("{dir}\\x.md")],
        "{report}"
    );
}

// Before, a dangling link or a named pipe under static/ hid every link
// warning of `check`: only the static/ error was reported.
#[test]
fn a_problem_under_static_leaves_checks_link_warnings_standing() {
    for (make, code) in [("dangling", 2), ("pipe", 1)] {
        let site = site();
        write(
            &site.root,
            "content/2020/a.md",
            "+++\ntitle = \"A\"\ndate = 2020-01-03\n+++\n![logo](/logo.png)\n",
        );
        std::fs::create_dir_all(site.root.join("static")).expect("mkdir");
        let entry = site.root.join("static").join(make);
        if make == "dangling" {
            std::os::unix::fs::symlink("nowhere", &entry).expect("link");
        } else {
            let made = std::process::Command::new("mkfifo")
                .arg(&entry)
                .status()
                .expect("mkfifo");
            assert!(made.success());
        }
        let text = fails(&site, code, &[&format!("static/{make}")]);
        assert!(
            text.contains("/logo.png` leads to no file of the site"),
            "{make}: {text}"
        );
        let json = site.gloss(&["check", "--format", "json"]);
        let out = String::from_utf8_lossy(&json.stdout);
        assert!(
            out.contains("/logo.png` leads to no file of the site"),
            "{out}"
        );
        assert!(out.contains(&format!("static/{make}")), "{out}");
        assert!(!site.root.join("public").exists(), "nothing was published");
    }
}

// Guards against a UTF-16 site.toml, in either byte order, with or without its byte
// order mark, being told it has no `title` and no `base_url`.
#[test]
fn a_utf16_site_toml_is_named_as_utf16() {
    let toml = "title = \"T\"\nbase_url = \"https://example.org/\"\n";
    let le: Vec<u8> = toml.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = toml.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, order) in [
        ([&[0xFF, 0xFE][..], &le].concat(), "byte order mark"),
        ([&[0xFE, 0xFF][..], &be].concat(), "byte order mark"),
        (le, "little-endian"),
        (be, "big-endian"),
    ] {
        let site = site();
        write(&site.root, "site.toml", bytes);
        let text = fails(&site, 1, &["site.toml", "UTF-16 text", order, "iconv"]);
        assert!(!text.contains("has no `title`"), "{text}");
        let json = site.gloss(&["check", "--format", "json"]);
        let out = String::from_utf8_lossy(&json.stdout);
        assert!(out.contains("UTF-16 text"), "{out}");
        assert!(!out.contains("has no `title`"), "{out}");
    }
}

// Before, a NUL in a note's body or a source's title (`body = "a \u0000 b"`)
// reached the page raw, with no warning, where no HTML may hold one.
#[test]
fn a_nul_in_a_notes_text_is_published_as_a_replacement_character_and_warned_of() {
    let site = site();
    write(
        &site.root,
        "content/2020/fine.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"a \\u0000 b\"\n\n[[note]]\nquote = \"summit\"\nbody = \"Fine.\"\n[[note.sources]]\ntitle = \"T \\u0000 S\"\nurl = \"https://example.org/s\"\n",
    );
    for command in ["check", "build"] {
        let out = site.gloss(&[command]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{command}: {stderr}");
        for needle in [
            "content/2020/fine.annotations.toml:3:1",
            "note 1's body holds a NUL character",
            "content/2020/fine.annotations.toml:9:1",
            "note 2 cites a source whose title holds a NUL character",
            "remove the character",
        ] {
            assert!(stderr.contains(needle), "{command}: {needle}: {stderr}");
        }
    }
    for entry in walkdir::WalkDir::new(site.root.join("public"))
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        if !entry.file_type().is_file()
            || !path
                .extension()
                .is_some_and(|e| e == "html" || e == "json" || e == "xml")
        {
            continue;
        }
        let bytes = std::fs::read(path).expect("read");
        assert!(!bytes.contains(&0), "{} holds a NUL", path.display());
    }
    let page =
        std::fs::read_to_string(site.root.join("public/2020/fine/index.html")).expect("page");
    assert!(page.contains("a \u{FFFD} b"), "{page}");
    assert!(page.contains("T \u{FFFD} S"), "{page}");
}
