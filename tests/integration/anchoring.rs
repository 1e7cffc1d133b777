//! The `annotations` fixture: one small article for each case of ANNOTATIONS.md, built
//! through the binary. For every marker: the words marked for its note, the element it
//! follows and the one holding it, its number in reading order, and its links to and
//! from its endnote. Each body is also compared whole with a snapshot, and the pages go
//! through the Nu HTML checker.

mod markers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::{repo, sel, SiteTest};
use markers::{assert_markers, Expect};

const FIXTURE: &str = "annotations";

/// Builds the fixture and returns it with the page of `article` (`marks/<article>`).
fn built(article: &str) -> (SiteTest, scraper::Html) {
    let site = SiteTest::new(FIXTURE);
    site.build();
    let html = site.html(&format!("marks/{article}/index.html"));
    (site, html)
}

/// The whole article body of a page, for its snapshot.
fn article_body(html: &scraper::Html) -> String {
    html.select(&sel(".article-body"))
        .next()
        .expect("an article body")
        .inner_html()
}

#[test]
fn quotes_across_emphasis_links_and_code_spans() {
    let (_site, html) = built("inline");
    assert_markers(
        &html,
        &[
            Expect::new("ran across |two", "mark in em", "Starts in plain text"),
            Expect::new(
                "envoys spoke of a |grand bargain",
                "strong in p",
                "Ends with the strong emphasis",
            ),
            Expect::new(
                "read the |joint statement",
                "a in p",
                "Ends inside link text",
            ),
            Expect::new(
                "pointed to |the |Yongbyon",
                "em in p",
                "Ends inside a link nested in emphasis",
            ),
            Expect::new("named CVID", "mark in p", "Ends with a code span"),
            Expect::new("anything| at all", "mark in p", "Starts inside emphasis"),
            Expect::new("said |one |senior| aide", "a in p", "Ends with the link"),
            Expect::new("of the |closing", "a in p", "Ends with emphasis that opens"),
        ],
    );
    let code = html
        .select(&sel("mark[data-notes='5'] > code"))
        .next()
        .expect("the code span is inside the mark");
    assert_eq!(code.inner_html(), "CVID");
    insta::assert_snapshot!("inline", article_body(&html));
}

#[test]
fn curly_and_straight_typography_white_space_and_nfc() {
    let (_site, html) = built("typography");
    assert_markers(
        &html,
        &[
            Expect::new(
                "“no deal is better than a bad deal”",
                "mark in p",
                "Typed with straight quotes",
            ),
            Expect::new(
                "summit’s last word",
                "mark in p",
                "Typed with a curly apostrophe",
            ),
            Expect::new("“the walk”", "mark in p", "The article has curly quotes"),
            Expect::new("stalled… then", "mark in p", "Three dots"),
            Expect::new(
                "resumed – briefly — before",
                "mark in p",
                "Two and three hyphens",
            ),
            Expect::new(
                "runs over several lines of the source still",
                "mark in p",
                "Wrapped across two line breaks",
            ),
            Expect::new("100\u{a0}km north", "mark in p", "A plain space"),
            Expect::new("Cafe\u{301} Kuryong", "mark in p", "Composed here"),
            Expect::new(
                "de\u{ad}nu\u{ad}clear\u{ad}iza\u{ad}tion, step\u{200b}by\u{200b}step",
                "mark in p",
                "Typed without the soft hyphens",
            ),
        ],
    );
    let wrapped = html
        .select(&sel("mark[data-notes='6']"))
        .next()
        .expect("mark");
    assert_eq!(
        wrapped.inner_html(),
        "runs over\nseveral lines of the source\nstill",
        "one mark over the line breaks"
    );
    insta::assert_snapshot!("typography", article_body(&html));
}

#[test]
fn quotes_in_other_scripts() {
    let (_site, html) = built("scripts");
    assert_markers(
        &html,
        &[
            Expect::new("영변 핵시설", "em in p", "Korean"),
            Expect::new("закончились без |соглашения", "strong in p", "Russian"),
            Expect::new("واشنطن العرض", "mark in p", "Arabic"),
            Expect::new("二日目", "mark in p", "Japanese"),
        ],
    );
    insta::assert_snapshot!("scripts", article_body(&html));
}

#[test]
fn quotes_in_every_kind_of_block_and_the_authors_footnotes_apart() {
    let (_site, html) = built("blocks");
    assert_markers(
        &html,
        &[
            Expect::new("Hanoi summit", "h2 in div", "In a heading"),
            Expect::new("stayed there.", "mark in p", "Ends right before the author"),
            Expect::new("sanctions relief", "mark in li", "Ends a tight list item"),
            Expect::new(
                "tight item",
                "mark in li",
                "Ends right before a nested list",
            ),
            Expect::new("nested item", "mark in li", "In a nested tight list item"),
            Expect::new("liaison office", "mark in p", "In a loose list item"),
            Expect::new("in no rush", "mark in p", "In a block quote"),
            Expect::new("Site", "mark in th", "In a table header cell"),
            Expect::new("partly dismantled", "mark in td", "In a table cell"),
        ],
    );
    let next_to_marker = html
        .select(&sel("#noteref-2"))
        .next()
        .and_then(|a| a.parent())
        .and_then(|sup| sup.next_sibling())
        .and_then(scraper::ElementRef::wrap)
        .map(|e| e.html());
    assert!(
        next_to_marker
            .as_ref()
            .is_some_and(|e| e.contains("id=\"fnref-1\"")),
        "the footnote reference follows the marker: {next_to_marker:?}"
    );
    let refs: Vec<(String, String)> = html
        .select(&sel(".article-body sup.footnote-ref a[role=doc-noteref]"))
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_owned();
            (attr("href"), attr("id"))
        })
        .collect();
    let pair = |href: &str, id: &str| (href.to_owned(), id.to_owned());
    assert_eq!(
        refs,
        [
            pair("#fn-1", "fnref-1"),
            pair("#fn-2", "fnref-2"),
            pair("#fn-1", "fnref-1-2")
        ]
    );
    let footnotes: Vec<(String, Vec<String>)> = html
        .select(&sel("section.footnotes[role=doc-endnotes] li"))
        .map(|li| {
            let back = li
                .select(&sel("a[role=doc-backlink]"))
                .map(|a| a.value().attr("href").unwrap_or_default().to_owned())
                .collect();
            (li.value().id().unwrap_or_default().to_owned(), back)
        })
        .collect();
    assert_eq!(
        footnotes,
        [
            (
                "fn-1".to_owned(),
                vec!["#fnref-1".to_owned(), "#fnref-1-2".to_owned()]
            ),
            ("fn-2".to_owned(), vec!["#fnref-2".to_owned()]),
        ]
    );
    assert_eq!(
        html.select(&sel(
            "section.footnotes .gloss-note, .gloss-notes [id^=fn-]"
        ))
        .count(),
        0,
        "notes and footnotes never mix"
    );
    insta::assert_snapshot!("blocks", article_body(&html));
}

#[test]
fn quotes_across_inline_html_that_holds_no_marks_are_marked_around_it() {
    let (_site, html) = built("raw-html");
    let body = html
        .select(&sel(".article-body"))
        .next()
        .expect("an article body");
    // A script and a text box keep their text as written: no mark's tags in the code or
    // shown in the box.
    for (element, text) in [("script", "var offered = 1;"), ("textarea", "their words")] {
        let found: Vec<String> = body.select(&sel(element)).map(|e| e.inner_html()).collect();
        assert_eq!(found, [text], "{element}");
    }
    // SVG, MathML and a list to pick from hold no mark and no marker.
    for element in ["svg", "math", "select"] {
        let inside = body
            .select(&sel(&format!("{element} mark, {element} sup, {element} a")))
            .count();
        assert_eq!(inside, 0, "marks or markers inside {element}");
    }
    let marks = |n: usize| -> Vec<String> {
        body.select(&sel("mark.gloss-mark"))
            .filter(|m| {
                let notes = m.value().attr("data-notes").unwrap_or_default();
                notes.split(' ').any(|id| id == n.to_string())
            })
            .map(|m| m.text().collect())
            .collect()
    };
    assert_eq!(marks(1), ["Kim ", " offered peace"]);
    assert_eq!(marks(2), ["typed ", " the statement"]);
    assert_eq!(marks(3), ["The ", "map "]);
    assert_eq!(marks(4), ["map ", " showed"]);
    assert_eq!(marks(5), ["Pick "]);
    assert_eq!(marks(6), ["write "]);
    // Each marker follows the last words marked or, when its quote ends inside such an
    // element, the element.
    let before: Vec<String> = body
        .select(&sel("sup.gloss-ref"))
        .map(|sup| {
            sup.prev_sibling()
                .and_then(scraper::ElementRef::wrap)
                .map_or("text".to_owned(), |e| e.value().name().to_owned())
        })
        .collect();
    assert_eq!(before, ["mark", "mark", "svg", "mark", "select", "math"]);
    insta::assert_snapshot!("raw_html", article_body(&html));
}

#[test]
fn overlapping_repeated_and_shared_quotes_each_get_a_marker() {
    let (site, html) = built("overlap");
    assert_markers(
        &html,
        &[
            Expect::new(
                "summit at the |Metropole ended",
                "mark in p",
                "Overlaps the previous note",
            ),
            Expect::new(
                "Metropole ended| early",
                "mark in p",
                "Overlaps the next note",
            ),
            Expect::new("The summit", "mark in p", "The second of two identical"),
            Expect::new("Yongbyon", "mark in p", "North Korea’s main nuclear site"),
            Expect::new("Yongbyon", "sup in p", "A second note on the same words"),
            Expect::new("freeze", "mark in p", "The first freeze"),
            Expect::new("freeze", "mark in p", "Inside a longer word"),
            Expect::new("freeze", "mark in p", "The third freeze"),
        ],
    );
    let overlap = html
        .select(&sel("mark[data-notes='1 2']"))
        .map(|m| m.inner_html())
        .collect::<Vec<_>>();
    assert_eq!(overlap, ["Metropole ended"]);
    let entry_links = html
        .select(&sel("#note-4 a[href='../../context/yongbyon/index.html'], #note-5 a[href='../../context/yongbyon/index.html']"))
        .count();
    assert_eq!(entry_links, 2, "both notes link their context entry");
    let sources: Vec<String> = html
        .select(&sel("#note-5 .gloss-sources a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        sources,
        ["IAEA: safeguards in the DPRK", "38 North: Yongbyon imagery"]
    );
    let entry = site.html("context/yongbyon/index.html");
    let mentions: Vec<&str> = entry
        .select(&sel(".mentions a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        mentions,
        [
            "../../marks/overlap/index.html#note-4",
            "../../marks/overlap/index.html#note-5"
        ]
    );
    insta::assert_snapshot!("overlap", article_body(&html));
}

#[test]
fn yaml_front_matter_and_a_yaml_sidecar() {
    let (_site, html) = built("yaml-front");
    assert_markers(
        &html,
        &[
            Expect::new(
                "liaison office",
                "mark in p",
                "Proposed in 2018; a YAML block body.",
            ),
            Expect::new("correction note", "mark in p", "An earlier version"),
        ],
    );
    let title: String = html
        .select(&sel(".article-header h1"))
        .flat_map(|h| h.text())
        .collect();
    assert_eq!(title, "Front matter and sidecar in YAML");
    let source: String = html
        .select(&sel("#note-1 .gloss-sources a"))
        .flat_map(|a| a.text())
        .collect();
    assert_eq!(source, "Reuters: liaison offices");
    assert_eq!(
        html.select(&sel("#note-2"))
            .next()
            .and_then(|li| li.value().attr("data-kind")),
        Some("correction")
    );
    insta::assert_snapshot!("yaml_front", article_body(&html));
}

#[test]
fn crlf_line_ends_and_a_byte_order_mark() {
    let raw = std::fs::read(fixture().join("content/marks/crlf-bom.md")).expect("fixture");
    assert!(
        raw.starts_with(b"\xef\xbb\xbf+++\r\n"),
        "the fixture keeps its BOM and CRLF"
    );
    let (_site, html) = built("crlf-bom");
    assert_markers(
        &html,
        &[
            Expect::new("line ends", "h2 in div", "In a heading written with CRLF."),
            Expect::new(
                "statement was never",
                "mark in p",
                "Across a CRLF line break.",
            ),
            Expect::new("the ceremony", "em in p", "A multi-line body with CRLF."),
        ],
    );
    assert_eq!(
        html.select(&sel(".article-body h2"))
            .next()
            .and_then(|h| h.value().id()),
        Some("windows-line-ends")
    );
    let body = article_body(&html);
    assert!(!body.contains('\r'), "no carriage return reaches the page");
    insta::assert_snapshot!("crlf_bom", body);
}

#[test]
fn every_page_has_unique_ids_and_builds_byte_for_byte_the_same_twice() {
    let site = SiteTest::new(FIXTURE);
    let first = site.root.join("first");
    let second = site.root.join("second");
    for out in [&first, &second] {
        let run = site.gloss(&["build", "--output", out.to_str().expect("utf-8 path")]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a, b, "two builds differ");
    for (path, bytes) in &a {
        if path.extension().is_some_and(|e| e == "html") {
            let page = scraper::Html::parse_document(&String::from_utf8_lossy(bytes));
            let mut seen = BTreeMap::new();
            for element in page.select(&sel("[id]")) {
                let id = element.value().id().unwrap_or_default().to_owned();
                *seen.entry(id).or_insert(0) += 1;
            }
            seen.retain(|_, count| *count > 1);
            assert!(
                seen.is_empty(),
                "{}: ids used twice: {seen:?}",
                path.display()
            );
        }
    }
}

#[test]
fn fixture_pages_pass_the_nu_html_checker() {
    let jar = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        assert!(
            std::env::var("GLOSS_REQUIRE_VNU").as_deref() != Ok("1"),
            "{} is missing: run scripts/browser-tests first (it installs vnu-jar)",
            jar.display()
        );
        eprintln!(
            "skipped: no {}; run scripts/browser-tests to install it",
            jar.display()
        );
        return;
    }
    let site = SiteTest::new(FIXTURE);
    site.build();
    let pages: Vec<PathBuf> = files(&site.root.join("public"))
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| site.root.join("public").join(p))
        .collect();
    assert!(pages.len() > 7, "only {} pages", pages.len());
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&pages)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "the Nu HTML checker found errors:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn fixture() -> PathBuf {
    repo().join("tests/fixtures").join(FIXTURE)
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub(crate) fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("walk"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_path_buf();
            (rel, std::fs::read(entry.path()).expect("read"))
        })
        .collect()
}
