//! `gloss import`, `new` and `import-notes` on what goes wrong: texts that are not scraped
//! text, residue shapes that are and are not residue, a full disk, and a folder inside a
//! site taken for a site's folder.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::harness::{stderr, stdout, SiteTest};

/// Asserts that `out` ended with exit code `code`, showing what it printed otherwise.
fn exits(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}{}",
        stdout(out),
        stderr(out)
    );
}

/// `gloss <args>` run in `dir`, with no `--root`.
fn gloss_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs")
}

/// `gloss <args> --root <root>` on a disk that holds no file past `bytes` bytes: every
/// write beyond fails as on a full disk (`EFBIG`, its signal ignored), and what was
/// written before it stays, as it does when a disk fills up.
#[cfg(unix)]
fn gloss_on_a_full_disk(site: &SiteTest, args: &[&str], bytes: u64) -> Output {
    use std::os::unix::process::CommandExt;
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command.args(args).arg("--root").arg(&site.root);
    // SAFETY: between fork and exec the child only calls `setrlimit` and `signal`, both
    // async-signal-safe, on values it owns.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    command.output().expect("runs")
}

/// Every file under `dir`, as paths relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// A raw text of about 4 KB: a headline and twenty paragraphs.
fn long_story() -> String {
    let paragraph = "The committee met again on Tuesday and heard from the port's engineers, who said the bridge would need another year of work.";
    format!(
        "Harbor bridge stays shut\n\n{}\n",
        [paragraph; 30].join("\n\n")
    )
}

// Guards the full disk: import left a truncated content/2024/x.md that later builds and
// publishes.
#[cfg(unix)]
#[test]
fn a_full_disk_leaves_no_half_written_article() {
    let site = SiteTest::minimal();
    let raw = site.root.join("story.txt");
    fs::write(&raw, long_story()).expect("raw");
    let raw_arg = raw.to_string_lossy().into_owned();
    let before = files_under(&site.root);
    let out = gloss_on_a_full_disk(&site, &["import", &raw_arg, "--date", "2024-05-01"], 1024);
    exits(&out, 2);
    assert!(
        stderr(&out).contains("content/2024/harbor-bridge-stays-shut.md"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        files_under(&site.root),
        before,
        "nothing written, no temporary left"
    );
    // With room, the same import writes the whole article.
    let out = site.gloss(&["import", &raw_arg, "--date", "2024-05-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = fs::read_to_string(site.root.join("content/2024/harbor-bridge-stays-shut.md"))
        .expect("written");
    assert!(written.len() > 3000 && written.ends_with("another year of work.\n"));
}

#[cfg(unix)]
#[test]
fn a_full_disk_leaves_neither_the_new_draft_nor_its_sidecar() {
    let site = SiteTest::minimal();
    let before = files_under(&site.root);
    // Room for the draft (about 200 bytes), not for its sidecar's commented example.
    let out = gloss_on_a_full_disk(&site, &["new", "First light", "--date", "2021-05-06"], 400);
    exits(&out, 2);
    assert_eq!(files_under(&site.root), before);
}

// Guards import-notes on a full disk: it left a sidecar cut inside `body = """`.
#[cfg(unix)]
#[test]
fn a_full_disk_leaves_the_sidecar_import_notes_appends_to_as_it_was() {
    let site = SiteTest::new(".");
    let sidecar = "content/2019/trump-left-hanoi.annotations.toml";
    let old = fs::read_to_string(site.root.join(sidecar)).expect("sidecar");
    let hypothesis = r#"{"total": 1, "rows": [{"id": "h1", "created": "2019-03-07T09:00:00+00:00",
        "text": "North Korea's capital, home to the regime and most of its elite.",
        "target": [{"source": "https://thehill.com/x", "selector": [
            {"type": "TextQuoteSelector", "exact": "Pyongyang", "prefix": "to ", "suffix": "’s position"}]}]}]}"#;
    let file = site.root.join("hypothesis.json");
    fs::write(&file, hypothesis).expect("write");
    let file_arg = file.to_string_lossy().into_owned();
    let args = [
        "import-notes",
        file_arg.as_str(),
        "--article",
        "content/2019/trump-left-hanoi.md",
    ];
    // Room for the old notes and the new one's first line, not for its body.
    let room = u64::try_from(old.len()).expect("size") + 40;
    let out = gloss_on_a_full_disk(&site, &args, room);
    exits(&out, 2);
    assert!(
        stderr(&out).contains("cannot write the sidecar"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(site.root.join(sidecar)).expect("sidecar"),
        old
    );
    let folder = site.root.join("content/2019");
    let left: Vec<String> = files_under(&folder)
        .into_iter()
        .filter(|f| f.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "temporaries left: {left:?}");
}

// Guards `new` and `import` in a site's subfolder: they started a second site there.
#[test]
fn new_and_import_inside_a_site_refuse_naming_the_sites_folder() {
    let site = SiteTest::minimal();
    site.write(
        "content/2019/old.md",
        "+++\ntitle = \"Old\"\ndate = 2019-01-01\n+++\nOld.\n",
    );
    let inside = site.root.join("content/2019");
    let raw = site.root.join("story.txt");
    fs::write(&raw, "A headline\n\nThe first paragraph.\n").expect("raw");
    let raw_arg = raw.to_string_lossy().into_owned();
    for args in [
        vec!["new", "Deep", "--date", "2019-01-02"],
        vec!["import", raw_arg.as_str(), "--date", "2019-01-02"],
    ] {
        let out = gloss_in(&inside, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("lies inside the site at ../..")
                && err.contains("--dir content/2019")
                && err.contains("--root ../.."),
            "{args:?}: {err}"
        );
        assert_eq!(
            files_under(&inside),
            ["old.md"],
            "{args:?}: nothing written"
        );
    }
    // From the site's folder, and with --root, they work as ever.
    let out = gloss_in(&site.root, &["new", "Deep", "--date", "2019-01-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.root.join("content/2019/deep.md").is_file());
    let out = site.gloss(&["import", raw_arg.as_str(), "--date", "2019-01-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.root.join("content/2019/a-headline.md").is_file());
}

// Guards texts that are no scraped text: they were imported as garbage (title "---",
// escaped tags).
#[test]
fn markdown_with_front_matter_and_an_html_page_are_refused_with_what_to_do() {
    let site = SiteTest::minimal();
    let markdown = site.root.join("story.md");
    fs::write(
        &markdown,
        "---\ntitle: A story\ndate: 2019-01-01\n---\n\nThe body.\n",
    )
    .expect("md");
    let page = site.root.join("page.html");
    fs::write(
        &page,
        "<!DOCTYPE html>\n<html><head><title>A story</title></head><body><p>The body.</p></body></html>\n",
    )
    .expect("html");
    for (file, hint) in [
        (&markdown, "put it under content/"),
        (&page, "save the article's text"),
    ] {
        let arg = file.to_string_lossy().into_owned();
        let out = site.gloss(&["import", arg.as_str(), "--date", "2019-01-02"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(err.contains(&name) && err.contains(hint), "{err}");
    }
    assert!(!site.root.join("content").exists(), "nothing imported");
}

#[test]
fn import_reads_references_keeps_lists_and_real_names_and_drops_furniture() {
    let site = SiteTest::minimal();
    let raw = site.root.join("story.txt");
    fs::write(
        &raw,
        "Stocks rise\n\
         Shares of TomTom rose 5 percent, but analysts said investors would want MORE before upgrading the stock.\n\
         Ren&eacute;e paid &pound;5 &ndash; &frac12; price.\n\
         The plan promises:\n\
         - cleaner rivers\n\
         • lower bills\n\
         Advertisement - Scroll to continue\n\
         Share this:\n\
         Tweet\n\
         3 min read\n\
         Copyright 2019 The Hill. All rights reserved.\n",
    )
    .expect("raw");
    let raw_arg = raw.to_string_lossy().into_owned();
    let out = site.gloss(&["import", raw_arg.as_str(), "--date", "2024-01-02"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(site.root.join("content/2024/stocks-rise.md")).expect("article");
    let body = &text[text.rfind("+++\n").expect("front matter") + 4..];
    assert_eq!(
        body,
        "\nShares of TomTom rose 5 percent, but analysts said investors would want MORE before upgrading the stock.\n\n\
         Renée paid £5 – ½ price.\n\nThe plan promises:\n\n- cleaner rivers\n- lower bills\n"
    );
    let report = stdout(&out);
    for expected in [
        "removed line 7, page furniture: \"Advertisement - Scroll to continue\"",
        "removed line 8, page furniture: \"Share this:\"",
        "removed line 9, page furniture: \"Tweet\"",
        "removed line 10, page furniture: \"3 min read\"",
        "removed line 11, page furniture: \"Copyright 2019 The Hill. All rights reserved.\"",
        "warning: kept line 2, which looks like a link hover card",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
    let build = site.gloss(&["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = site.html("2024/stocks-rise/index.html");
    let items: Vec<String> = page
        .select(&crate::harness::sel("article ul li"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(items, ["cleaner rivers", "lower bills"]);
}

/// The `authors` line of the article `gloss import` wrote from `raw` as `name`, or "" when
/// it has none, and the report.
fn imported_authors(site: &SiteTest, name: &str, raw: &str) -> (String, String) {
    let path = site.root.join(format!("{name}.txt"));
    fs::write(&path, raw).expect("raw");
    let arg = path.to_string_lossy().into_owned();
    let out = site.gloss(&["import", &arg, "--date", "2024-01-02", "--slug", name]);
    assert!(out.status.success(), "{}", stderr(&out));
    let article =
        fs::read_to_string(site.root.join(format!("content/2024/{name}.md"))).expect("article");
    let authors = article
        .lines()
        .find(|line| line.starts_with("authors"))
        .unwrap_or("")
        .to_owned();
    (authors, stdout(&out))
}

// Guards against a closing sentence about a story's subject replacing the byline's
// authors (`By John Roe` … `Kim Jong Un is a former student in Bern.`).
#[test]
fn a_bylines_names_win_over_a_closing_sentence_and_a_bio_needs_a_bios_shape() {
    let site = SiteTest::minimal();
    let (authors, report) = imported_authors(
        &site,
        "talks",
        "Talks\nBy John Roe\n\nThe talks ended.\n\nKim Jong Un is a former student in Bern.\n",
    );
    assert_eq!(authors, r#"authors = ["John Roe"]"#, "{report}");
    assert!(
        report.contains("authors from the byline: John Roe"),
        "{report}"
    );
    let (authors, _) = imported_authors(
        &site,
        "bonn",
        "Bonn\nBy Anna Schmidt and Tom Baker\n\nThe vote was close.\n\n\
         Anna Schmidt is a correspondent in Berlin. Tom Baker reported from Bonn.\n",
    );
    assert_eq!(authors, r#"authors = ["Anna Schmidt", "Tom Baker"]"#);
    // No byline: a last sentence about the story's subject names no author.
    let (authors, report) = imported_authors(
        &site,
        "bern",
        "Bern\n\nThe talks ended.\n\nKim Jong Un is a former student in Bern.\n",
    );
    assert_eq!(authors, "", "{report}");
    assert!(report.contains("no author found"), "{report}");
    // The seed's bio still names its author.
    let seed = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/000_e93747164a79f068.txt"
    ))
    .expect("seed");
    let (authors, _) = imported_authors(&site, "seed", &seed);
    assert_eq!(authors, r#"authors = ["P.J. Crowley"]"#);
}

// Guards against a source's address written and never shown (no name beside it), and an
// empty publication name written silently.
#[test]
fn a_source_url_without_a_name_and_an_empty_name_are_refused_and_check_warns_of_one() {
    let site = SiteTest::minimal();
    let raw = site.root.join("story.txt");
    fs::write(&raw, "Harbor bridge\n\nThe bridge closed.\n").expect("raw");
    let raw_arg = raw.to_string_lossy().into_owned();
    let before = files_under(&site.root);
    let out = site.gloss(&["import", &raw_arg, "--source-url", "https://example.org/x"]);
    exits(&out, 2);
    assert!(
        stderr(&out).contains("--source-url is given without --source-name"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--source-name \"The Hill\""));
    let out = site.gloss(&["import", &raw_arg, "--source-name", ""]);
    exits(&out, 2);
    assert!(
        stderr(&out).contains("--source-name `` names no publication"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files_under(&site.root), before, "nothing written");
    // An article written by hand with the same gap is warned of.
    site.write(
        "content/2024/bridge.md",
        "+++\ntitle = \"Bridge\"\ndate = 2024-01-02\n\n[source]\nurl = \"https://example.org/x\"\n+++\nThe bridge closed.\n",
    );
    let out = site.gloss(&["check"]);
    assert!(
        stderr(&out).contains("`[source]` has a `url` and no `name`"),
        "{}",
        stderr(&out)
    );
}

// Guards the usage messages of import: a date in another form gave the parser's words, a
// bad --slug was called a title, an absolute --dir lost its slash, and a second file with
// the same headline did not say which file failed or why.
#[test]
fn import_usage_messages_say_what_was_given_and_how_to_write_it() {
    let site = SiteTest::minimal();
    let one = site.root.join("dup1.txt");
    let two = site.root.join("dup2.txt");
    fs::write(&one, "Same headline\n\nOne.\n").expect("raw");
    fs::write(&two, "Same headline\n\nTwo.\n").expect("raw");
    let (one, two) = (
        one.to_string_lossy().into_owned(),
        two.to_string_lossy().into_owned(),
    );
    let out = site.gloss(&["import", &one, "--date", "2019-3-1"]);
    exits(&out, 2);
    assert!(
        stderr(&out).contains("write 2019-03-01"),
        "{}",
        stderr(&out)
    );
    // A date with a time, as front matter takes it, gives the day.
    let out = site.gloss(&[
        "import",
        &one,
        "--date",
        "2019-03-01T10:00:00Z",
        "--slug",
        "timed",
    ]);
    exits(&out, 0);
    assert!(site.root.join("content/2019/timed.md").is_file());
    for slug in ["..", ""] {
        let out = site.gloss(&["import", &one, "--slug", slug]);
        exits(&out, 2);
        assert!(
            stderr(&out).contains(&format!("--slug `{slug}` has no letters or digits")),
            "{}",
            stderr(&out)
        );
    }
    let out = site.gloss(&["import", &one, "--dir", "/tmp/xabs"]);
    exits(&out, 2);
    assert!(
        stderr(&out).contains("`/tmp/xabs` is not a folder"),
        "{}",
        stderr(&out)
    );
    let out = site.gloss(&["import", &one, &two, "--date", "2018-01-01"]);
    exits(&out, 1);
    assert!(
        stderr(&out).contains("dup2.txt has the same headline as"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--slug"), "{}", stderr(&out));
}

// Guards against "nothing removed: the text passed through unchanged" after control
// characters were taken out.
#[test]
fn import_reports_each_character_it_wrote_otherwise_with_its_line() {
    let site = SiteTest::minimal();
    let raw = site.root.join("story.txt");
    fs::write(
        &raw,
        "Colours\n\nA \x1b[31mred\x1b[0m word\x00.\n\nAT&amp;T\n",
    )
    .expect("raw");
    let raw_arg = raw.to_string_lossy().into_owned();
    let out = site.gloss(&["import", &raw_arg, "--date", "2024-01-02"]);
    exits(&out, 0);
    let report = stdout(&out);
    assert!(!report.contains("unchanged"), "{report}");
    assert!(
        report.contains("changed line 3: 3 control characters taken out"),
        "{report}"
    );
    assert!(
        report.contains("changed line 5: 1 HTML character reference read"),
        "{report}"
    );
}
