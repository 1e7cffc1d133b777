//! The editorial commands end to end, through the `gloss` binary: `new`, `import`,
//! `check --fix [--write]` on an edited copy of the example article, the W3C annotation
//! export, and `import-notes` reading that export back.

use std::collections::BTreeMap;
use std::fs;

use crate::harness::{repo, sel, stderr, stdout, SiteTest};

const ARTICLE: &str = "content/2019/trump-left-hanoi.md";
const SIDECAR: &str = "content/2019/trump-left-hanoi.annotations.toml";

/// The body of an article file: what follows its front matter.
fn body(text: &str) -> &str {
    let split = gloss::parse::front_matter::split(text).expect("front matter");
    &text[split.body]
}

#[test]
fn new_page_starts_a_draft_page_outside_the_archive() {
    let site = SiteTest::new(".");
    let out = site.gloss(&["new", "--page", "Corrections policy"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = "content/pages/corrections-policy.md";
    assert!(stdout(&out).contains(page), "{}", stdout(&out));
    let text = site.read(page);
    assert!(
        text.starts_with("+++\ntitle = \"Corrections policy\"\ndraft = true\n+++\n"),
        "{text}"
    );
    // A sound page: check passes, a build with drafts makes it and links to it.
    let check = site.gloss(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = site.gloss(&["build", "--drafts"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site
        .page("index.html")
        .contains("corrections-policy/index.html\">Corrections policy</a>"));
    let again = site.gloss(&["new", "--page", "Corrections policy"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    // A page has no date and no folder of its own choosing.
    let dated = site.gloss(&["new", "--page", "X", "--date", "2020-01-01"]);
    assert_eq!(dated.status.code(), Some(2), "{}", stderr(&dated));
}

#[test]
fn new_writes_a_draft_and_an_empty_sidecar_and_never_overwrites() {
    let site = SiteTest::new(".");
    let out = site.gloss(&[
        "new",
        "Kim’s “best offer”: what next?",
        "--date",
        "2019-03-08",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let article = "content/2019/kim-s-best-offer-what-next.md";
    let sidecar = "content/2019/kim-s-best-offer-what-next.annotations.toml";
    assert_eq!(
        stdout(&out)
            .lines()
            .map(|l| l.split(' ').nth(1).unwrap_or(""))
            .collect::<Vec<_>>(),
        [article, sidecar]
    );
    let text = site.read(article);
    assert!(text.starts_with("+++\ntitle = \"Kim’s “best offer”: what next?\"\ndate = 2019-03-08\ndraft = true\n+++\n"), "{text}");
    assert!(site.read(sidecar).contains("# [[note]]"));
    // The new files are a sound article: check passes (it checks drafts too).
    let check = site.gloss(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // Never overwrites, even when only the sidecar is in the way.
    fs::write(site.root.join(article), "edited").expect("write");
    let again = site.gloss(&[
        "new",
        "Kim’s “best offer”: what next?",
        "--date",
        "2019-03-08",
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(site.read(article), "edited");
    fs::remove_file(site.root.join(article)).expect("remove");
    let only_sidecar = site.gloss(&[
        "new",
        "Kim’s “best offer”: what next?",
        "--date",
        "2019-03-08",
    ]);
    assert_eq!(only_sidecar.status.code(), Some(1));
    assert!(
        !site.root.join(article).exists(),
        "nothing is written when one file is in the way"
    );
    let elsewhere = site.gloss(&[
        "new",
        "A B",
        "--date",
        "2020-01-02",
        "--dir",
        "content/opinion",
        "--author",
        "Ana Lima",
        "--author",
        "Bo Chen",
        "--tag",
        "north korea",
    ]);
    assert!(elsewhere.status.success(), "{}", stderr(&elsewhere));
    assert!(site.read("content/opinion/a-b.md").starts_with(
        "+++\ntitle = \"A B\"\ndate = 2020-01-02\nauthors = [\"Ana Lima\", \"Bo Chen\"]\ntags = [\"north korea\"]\ndraft = true\n+++\n"
    ));
    // A wrong argument is a usage error (2), named by its flag; nothing is written.
    for dir in ["../elsewhere", "/tmp/elsewhere"] {
        let outside = site.gloss(&["new", "A B", "--dir", dir]);
        assert_eq!(outside.status.code(), Some(2), "{dir}");
        assert!(stderr(&outside).contains("--dir"), "{}", stderr(&outside));
    }
    assert!(!site.root.join("content/tmp").exists());
    let no_letters = site.gloss(&["new", "!!!"]);
    assert_eq!(no_letters.status.code(), Some(2));
    let bad_url = site.gloss(&["build", "--base-url", "not a url"]);
    assert_eq!(bad_url.status.code(), Some(2));
    assert!(
        stderr(&bad_url).contains("--base-url"),
        "{}",
        stderr(&bad_url)
    );
}

#[test]
fn new_in_an_empty_folder_starts_a_site_that_builds_and_never_touches_a_site_toml() {
    let site = SiteTest::empty();
    let out = site.gloss(&["new", "First light", "--date", "2021-05-06"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("wrote site.toml (a new site"),
        "{}",
        stdout(&out)
    );
    let settings = site.read("site.toml");
    // The folder's name is the title; the TOML holds what the config reads.
    let table: toml::Table = settings.parse().expect("valid TOML");
    assert_eq!(table["title"].as_str(), Some("site"));
    assert_eq!(table["base_url"].as_str(), Some("https://example.org/"));
    // The new site checks and builds, its draft included when asked.
    let check = site.gloss(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = site.gloss(&["build", "--drafts"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(site
        .root
        .join("public/2021/first-light/index.html")
        .is_file());
    // A second article leaves the settings as the editor keeps them.
    site.write(
        "site.toml",
        "title = \"Mine\"\nbase_url = \"https://a.example/\"\n",
    );
    let again = site.gloss(&["new", "Second light", "--date", "2021-05-07"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!stdout(&again).contains("site.toml"), "{}", stdout(&again));
    assert_eq!(
        site.read("site.toml"),
        "title = \"Mine\"\nbase_url = \"https://a.example/\"\n"
    );
}

#[test]
fn importing_the_seed_yields_the_example_article_body() {
    let site = SiteTest::empty();
    let seed = repo().join("tests/fixtures/seeds/000_e93747164a79f068.txt");
    let url = "https://thehill.com/opinion/international/432872-trump-left-hanoi-with-no-credible-path-forward";
    let seed_arg = seed.to_string_lossy().into_owned();
    let args = [
        "import",
        seed_arg.as_str(),
        "--date",
        "2019-03-06",
        "--source-name",
        "The Hill",
        "--source-url",
        url,
    ];
    let out = site.gloss(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = "content/2019/trump-left-hanoi-with-no-credible-path-forward.md";
    let report = stdout(&out);
    assert!(
        report.starts_with(&format!("wrote {written} from ")),
        "{report}"
    );
    for expected in [
        "repeated title: \"Trump left Hanoi with no credible path forward\"",
        "photo credit: \"© Getty Images\" (kept in the front matter as a credit)",
        "link hover card: \"Donald TrumpKinzinger",
        "link hover card: \"Mike PompeoPompeo",
        "link hover card: \"Barack Hussein ObamaBiden",
        "authors from the closing bio: P.J. Crowley",
    ] {
        assert!(
            report.contains(expected),
            "missing {expected:?} in\n{report}"
        );
    }
    let imported = site.read(written);
    let example = fs::read_to_string(repo().join(ARTICLE)).expect("example");
    assert_eq!(body(&imported), body(&example));
    let split = gloss::parse::front_matter::split(&imported).expect("splits");
    let front: gloss::parse::front_matter::ArticleFront =
        toml::from_str(&imported[split.front]).expect("front matter");
    assert_eq!(front.authors, ["P.J. Crowley"]);
    assert_eq!(front.credits, ["© Getty Images"]);
    assert_eq!(front.date.expect("date").day.to_string(), "2019-03-06");
    let source = front.source.expect("source");
    assert_eq!(
        (source.name.as_deref(), source.url.as_deref()),
        (Some("The Hill"), Some(url))
    );
    let again = site.gloss(&args);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(site.read(written), imported, "never overwritten");
}

/// One raw text, and what `gloss import` must make of it.
struct ImportCase {
    name: &'static str,
    raw: &'static str,
    args: &'static [&'static str],
    path: &'static str,
    title: &'static str,
    authors: &'static [&'static str],
    credits: &'static [&'static str],
    body: &'static str,
}

const IMPORT_CASES: &[ImportCase] = &[
    ImportCase {
        name: "colon headline, label credit, formal-name card, two-author bio",
        raw: "Senate passes stopgap: what it means for the shutdown\nSenate passes stopgap: what it means for the shutdown\nPhoto: Reuters\n\nSenate Majority Leader Mitch McConnellAddison (Mitch) Mitchell McConnellSchumer blasts GOP over delays Senators eye deal MORE (R-Ky.) said the vote would come on Friday.\n\nDemocrats objected.\n\nJane Roe and John Poe are senior fellows at the Brookings Institution.\n",
        args: &["--date", "2019-01-18"],
        path: "content/2019/senate-passes-stopgap-what-it-means-for-the-shutdown.md",
        title: "Senate passes stopgap: what it means for the shutdown",
        authors: &["Jane Roe", "John Poe"],
        credits: &["Photo: Reuters"],
        body: "Senate Majority Leader Mitch McConnell (R-Ky.) said the vote would come on Friday.\n\nDemocrats objected.\n\nJane Roe and John Poe are senior fellows at the Brookings Institution.\n",
    },
    ImportCase {
        name: "question headline with curly quotes, agency credit, one paragraph a line, --author",
        raw: "Is Kim’s “best offer” the last one?\n(AP Photo/Evan Vucci)\nPresident Joe BidenJoe BidenBiden signs order on chips MORE said on Tuesday that talks could resume.\nThe offer stands, officials said.\n",
        args: &["--date", "2021-06-01", "--author", "Min-ji Park", "--dir", "content/analysis"],
        path: "content/analysis/is-kim-s-best-offer-the-last-one.md",
        title: "Is Kim’s “best offer” the last one?",
        authors: &["Min-ji Park"],
        credits: &["(AP Photo/Evan Vucci)"],
        body: "President Joe Biden said on Tuesday that talks could resume.\n\nThe offer stands, officials said.\n",
    },
    ImportCase {
        name: "capitals headline, copyright credit between blank lines, appositive bio",
        raw: "HANOI SUMMIT ENDS EARLY\n\n© AFP/Getty Images\n\n\nThe summit ended hours ahead of schedule.\n\nRi Yong Ho, a former envoy to London, is a career diplomat.\n",
        args: &["--date", "2019-02-28"],
        path: "content/2019/hanoi-summit-ends-early.md",
        title: "HANOI SUMMIT ENDS EARLY",
        authors: &["Ri Yong Ho"],
        credits: &["© AFP/Getty Images"],
        body: "The summit ended hours ahead of schedule.\n\nRi Yong Ho, a former envoy to London, is a career diplomat.\n",
    },
    ImportCase {
        name: "text without residue passes through unchanged",
        raw: "Notes from Hanoi\n\nThe hotel was quiet.\nReporters waited in the lobby — for hours.\n\nNobody came down.\n",
        args: &["--date", "2019-02-28"],
        path: "content/2019/notes-from-hanoi.md",
        title: "Notes from Hanoi",
        authors: &[],
        credits: &[],
        body: "The hotel was quiet.\nReporters waited in the lobby — for hours.\n\nNobody came down.\n",
    },
];

#[test]
fn import_cleans_each_residue_shape_into_the_expected_body() {
    for case in IMPORT_CASES {
        let site = SiteTest::empty();
        let raw = site.root.join("raw.txt");
        fs::write(&raw, case.raw).expect("raw");
        let raw_arg = raw.to_string_lossy().into_owned();
        let mut args = vec!["import", raw_arg.as_str()];
        args.extend(case.args);
        let out = site.gloss(&args);
        assert!(out.status.success(), "{}: {}", case.name, stderr(&out));
        let text = site.read(case.path);
        assert_eq!(body(&text), format!("\n{}", case.body), "{}", case.name);
        let split = gloss::parse::front_matter::split(&text).expect("splits");
        let front: gloss::parse::front_matter::ArticleFront =
            toml::from_str(&text[split.front]).expect("front matter");
        assert_eq!(front.title.as_deref(), Some(case.title), "{}", case.name);
        assert_eq!(front.authors, case.authors, "{}", case.name);
        assert_eq!(front.credits, case.credits, "{}", case.name);
        if case.credits.is_empty() {
            assert!(
                stdout(&out).contains("nothing removed"),
                "{}: {}",
                case.name,
                stdout(&out)
            );
        }
    }
}

/// The example site with the edited article of `tests/fixtures/edits/` in place of the
/// original, and a comment inside one of the notes the edits affect.
fn edited_site() -> (SiteTest, String) {
    let site = SiteTest::new(".");
    fs::copy(
        repo().join("tests/fixtures/edits/trump-left-hanoi.md"),
        site.root.join(ARTICLE),
    )
    .expect("copy the edited article");
    let sidecar = site.read(SIDECAR).replacen(
        "[[note]]\nquote = \"a rare press conference afterwards\"",
        "[[note]]\n# Ri's briefing: times checked against the CGTN recording.\nquote = \"a rare press conference afterwards\"",
        1,
    );
    assert!(sidecar.contains("CGTN recording"));
    fs::write(site.root.join(SIDECAR), &sidecar).expect("write");
    (site, sidecar)
}

/// Every note of the site's example article that anchors, by sidecar position: the words
/// it marks and the article line they are on.
fn anchored_words(site: &SiteTest) -> BTreeMap<usize, (String, usize)> {
    let content = gloss::load::content_dir(&site.root, &site.root.join("content")).expect("loads");
    let parsed = gloss::parse::content(content, gloss::config::Drafts::Include).expect("parses");
    let article = parsed
        .articles
        .iter()
        .find(|a| a.file.rel == "2019/trump-left-hanoi.md")
        .expect("article");
    let notes = &article.sidecar.as_ref().expect("sidecar").notes;
    let haystack = gloss::anchor::locate::Haystack::new(&article.reading);
    gloss::anchor::locate::locate_all(&haystack, notes)
        .into_iter()
        .zip(notes)
        .filter_map(|(found, note)| {
            let range = found.ok()?;
            let line = article.line_of(article.reading.source_offset(range.start));
            Some((note.index, (article.reading.text[range].to_owned(), line)))
        })
        .collect()
}

#[test]
fn check_fix_write_reanchors_the_edited_article_and_reports_the_deleted_quote() {
    let before = anchored_words(&SiteTest::new("."));
    let (site, sidecar) = edited_site();
    let check = site.gloss(&["check"]);
    assert_eq!(check.status.code(), Some(1));

    // --fix alone shows the changes as a diff and writes nothing.
    let proposed = site.gloss(&["check", "--fix"]);
    assert_eq!(proposed.status.code(), Some(1), "{}", stderr(&proposed));
    let diff = stdout(&proposed);
    for line in [
        "-prefix = \"North Korean leader\"",
        "+prefix = \"North Korea’s leader,\"",
        "-quote = \"a political declaration ending the Korean war\"",
        "+quote = \"a political declaration ending the Korean War\"",
        "-quote = \"a rare press conference afterwards\"",
        "+quote = \"a rare news conference afterwards\"",
    ] {
        assert!(
            diff.lines().any(|l| l == line),
            "missing {line:?} in\n{diff}"
        );
    }
    assert!(
        stderr(&proposed).contains("quote = \"fire and fury\""),
        "{}",
        stderr(&proposed)
    );
    assert_eq!(site.read(SIDECAR), sidecar, "--fix alone writes nothing");

    // --write changes exactly those three values, keeps every comment, leaves the lost note.
    let written = site.gloss(&["check", "--fix", "--write"]);
    assert_eq!(written.status.code(), Some(1), "one note is still unplaced");
    assert!(
        stderr(&written).contains("stays unplaced: no passage of the article is close"),
        "{}",
        stderr(&written)
    );
    let after = site.read(SIDECAR);
    let changed: Vec<(&str, &str)> = sidecar
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            (
                "prefix = \"North Korean leader\"",
                "prefix = \"North Korea’s leader,\""
            ),
            (
                "quote = \"a political declaration ending the Korean war\"",
                "quote = \"a political declaration ending the Korean War\""
            ),
            (
                "quote = \"a rare press conference afterwards\"",
                "quote = \"a rare news conference afterwards\""
            ),
        ]
    );
    assert_eq!(sidecar.lines().count(), after.lines().count());
    assert!(after.contains("# Ri's briefing: times checked against the CGTN recording.\nquote = \"a rare news conference afterwards\""));

    // Every surviving note marks the right words: the edited ones their new words, the
    // others (the moved paragraph's included) the same words as before the edits.
    let now = anchored_words(&site);
    let lost: Vec<usize> = before
        .keys()
        .filter(|i| !now.contains_key(i))
        .copied()
        .collect();
    assert_eq!(lost.len(), 1);
    assert_eq!(before[&lost[0]].0, "fire and fury");
    for (index, (words, line)) in &now {
        let expected = match before[index].0.as_str() {
            "a political declaration ending the Korean war" => {
                "a political declaration ending the Korean War"
            }
            "a rare press conference afterwards" => "a rare news conference afterwards",
            other => other,
        };
        assert_eq!(words, expected, "note {}", index + 1);
        if words == "Kim Jong Un" {
            assert_eq!(
                *line, before[index].1,
                "Kim Jong Un stays in the first paragraph"
            );
        }
        if words == "Secretary of State Mike Pompeo" {
            assert!(
                *line < before[index].1,
                "the moved paragraph's note moved with it"
            );
        }
    }

    // Once the editor removes the lost note, everything anchors and --fix succeeds.
    let without = after.replace(
        &after[after
            .find("[[note]]\nquote = \"fire and fury\"")
            .expect("note")
            ..after.find("[[note]]\nquote = \"Given his").expect("next")],
        "",
    );
    fs::write(site.root.join(SIDECAR), without).expect("write");
    let clean = site.gloss(&["check", "--fix", "--write"]);
    assert!(
        clean.status.success(),
        "{}{}",
        stdout(&clean),
        stderr(&clean)
    );
}

#[test]
fn check_fix_refuses_to_rewrite_a_yaml_sidecar() {
    let site = SiteTest::new(".");
    fs::copy(
        repo().join("tests/fixtures/edits/trump-left-hanoi.md"),
        site.root.join(ARTICLE),
    )
    .expect("copy");
    fs::remove_file(site.root.join(SIDECAR)).expect("remove");
    let yaml = "# A YAML sidecar.\nnote:\n  - quote: a rare press conference afterwards\n    body: Ri spoke after midnight.\n";
    let path = site
        .root
        .join("content/2019/trump-left-hanoi.annotations.yaml");
    fs::write(&path, yaml).expect("write");
    let out = site.gloss(&["check", "--fix", "--write"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("quote = \"a rare news conference afterwards\""),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("rewrites TOML sidecars only"),
        "{}",
        stderr(&out)
    );
    // Nothing points to --write, which cannot make these changes.
    assert!(
        !stdout(&out).contains("run gloss check --fix --write"),
        "{}",
        stdout(&out)
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), yaml);
}

#[test]
fn the_example_article_exports_valid_w3c_annotations_with_share_links() {
    let site = SiteTest::new(".");
    site.build();
    let page = "2019/trump-left-hanoi/index.html";
    let html = site.html(page);
    let link = html
        .select(&sel(
            "head link[rel=alternate][type^='application/ld+json']",
        ))
        .next()
        .expect("link to the annotations");
    assert_eq!(link.value().attr("href"), Some("annotations.jsonld"));
    assert_eq!(
        link.value().attr("type"),
        Some("application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"")
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.page("2019/trump-left-hanoi/annotations.jsonld")).expect("JSON");
    let markers = html
        .select(&sel("a[role=doc-noteref].gloss-marker"))
        .count();
    let reading = {
        let text = fs::read_to_string(repo().join(ARTICLE)).expect("article");
        gloss::parse::reading_text::ReadingText::build(body(&text)).text
    };
    let page_url = "https://example.org/2019/trump-left-hanoi/";
    let problems = w3c_problems(&json, page_url, &reading);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(json["total"], markers);
    for note in html.select(&sel("[role=doc-endnotes] li.gloss-note")) {
        let share = note
            .select(&sel(".gloss-share a"))
            .next()
            .expect("share link");
        let href = share.value().attr("href").expect("href");
        let fragment = href.strip_prefix(page_url).expect("the page's address");
        // A text directive, or the id of the words' paragraph on the page.
        match fragment.strip_prefix("#:~:text=") {
            Some(directive) => assert!(!directive.is_empty(), "{href}"),
            None => {
                let id = fragment.strip_prefix("#p-").expect("#p-N");
                assert!(
                    html.select(&sel(&format!("[id='p-{id}']")))
                        .next()
                        .is_some(),
                    "{href}: no such paragraph"
                );
            }
        }
        assert!(!href.contains(' '), "{href}");
    }
}

/// What the W3C Web Annotation model requires of a collection and its annotations, and
/// that each TextPositionSelector picks out its TextQuoteSelector's words.
fn w3c_problems(json: &serde_json::Value, page_url: &str, reading: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut need = |ok: bool, what: String| {
        if !ok {
            problems.push(what);
        }
    };
    let iri = |v: &serde_json::Value| v.as_str().is_some_and(|s| s.starts_with("https://"));
    need(
        json["@context"] == gloss::w3c::CONTEXT,
        "collection @context".into(),
    );
    need(
        json["type"] == "AnnotationCollection",
        "collection type".into(),
    );
    need(iri(&json["id"]), "collection id".into());
    let first = &json["first"];
    need(
        first["type"] == "AnnotationPage" && iri(&first["id"]),
        "page type and id".into(),
    );
    need(
        json["last"] == first["id"],
        "the last page is the only one".into(),
    );
    let items = first["items"].as_array().cloned().unwrap_or_default();
    need(
        !items.is_empty() && json["total"] == items.len(),
        "total = items".into(),
    );
    let chars: Vec<char> = reading.chars().collect();
    for (i, item) in items.iter().enumerate() {
        need(
            iri(&item["id"]) && item["type"] == "Annotation",
            format!("item {i}: id and type"),
        );
        let motivation = item["motivation"].as_str().unwrap_or("");
        need(
            ["commenting", "describing", "editing", "linking"].contains(&motivation),
            format!("item {i}: motivation"),
        );
        let target = &item["target"];
        need(
            target["source"] == page_url,
            format!("item {i}: target source"),
        );
        let selectors = target["selector"].as_array().cloned().unwrap_or_default();
        let of = |t: &str| selectors.iter().find(|s| s["type"] == t).cloned();
        let quote = of("TextQuoteSelector").unwrap_or_default();
        let exact = quote["exact"].as_str().unwrap_or("");
        need(!exact.is_empty(), format!("item {i}: exact"));
        let position = of("TextPositionSelector").unwrap_or_default();
        let (start, end) = (
            position["start"].as_u64().unwrap_or(0),
            position["end"].as_u64().unwrap_or(0),
        );
        let at: String = chars
            .iter()
            .skip(start as usize)
            .take((end - start.min(end)) as usize)
            .collect();
        need(
            at == exact,
            format!("item {i}: position {start}..{end} holds {at:?}, not {exact:?}"),
        );
        let prefix = quote["prefix"].as_str().unwrap_or("");
        let before: String = chars[..start as usize].iter().collect();
        need(before.ends_with(prefix), format!("item {i}: prefix"));
        let bodies = item["body"].as_array().cloned().unwrap_or_default();
        need(
            bodies.iter().all(|b| b["type"].is_string()),
            format!("item {i}: body types"),
        );
        need(
            bodies
                .iter()
                .filter(|b| b["type"] == "TextualBody")
                .all(|b| b["value"].is_string()),
            format!("item {i}: textual bodies have values"),
        );
    }
    problems
}

#[test]
fn importing_the_exported_annotations_yields_the_same_notes() {
    let built = SiteTest::new(".");
    built.build();
    let export = built
        .root
        .join("public/2019/trump-left-hanoi/annotations.jsonld");
    let original = note_values(&built);

    let site = SiteTest::new(".");
    fs::remove_file(site.root.join(SIDECAR)).expect("remove the sidecar");
    let export_arg = export.to_string_lossy().into_owned();
    let out = site.gloss(&["import-notes", export_arg.as_str(), "--article", ARTICLE]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains(&format!("wrote {} note(s)", original.len())),
        "{}",
        stdout(&out)
    );
    assert_eq!(note_values(&site), original);
    let check = site.gloss(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Each note of the example article where it anchors, with everything it says.
fn note_values(site: &SiteTest) -> Vec<String> {
    let content = gloss::load::content_dir(&site.root, &site.root.join("content")).expect("loads");
    let parsed = gloss::parse::content(content, gloss::config::Drafts::Include).expect("parses");
    let anchored = gloss::anchor::content(parsed).expect("anchors");
    let article = anchored
        .articles
        .iter()
        .find(|a| a.article.file.rel == "2019/trump-left-hanoi.md")
        .expect("article");
    article
        .notes
        .iter()
        .map(|n| {
            let s = &n.spec;
            format!(
                "{:?} {} {:?} {:?} {:?} {:?}",
                n.range,
                s.kind,
                s.date.as_ref().map(|d| d.day),
                s.body.as_deref().map(str::trim),
                s.reference,
                s.sources
            )
        })
        .collect()
}

#[test]
fn a_file_with_no_annotation_to_import_is_refused_and_nothing_is_written() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nHalf a point.\n",
    );
    let article = site.root.join("content/2020");
    let md = article.join("a.md");
    let before: Vec<_> = std::fs::read_dir(&article).expect("folder").collect();
    for (name, json, needle) in [
        ("empty.json", r#"{"foo": 1}"#, "no annotation to import"),
        (
            "highlights.json",
            r#"{"rows": [{"id": "h1", "text": "", "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "a"}]}]}]}"#,
            "a highlight without a comment",
        ),
        (
            "linked.json",
            r#"{"type": "AnnotationCollection", "total": 3, "first": "https://x.org/page1"}"#,
            "only named by their addresses (https://x.org/page1)",
        ),
    ] {
        let file = site.root.join(name);
        fs::write(&file, json).expect("write");
        let out = site.gloss(&[
            "import-notes",
            &file.to_string_lossy(),
            "--article",
            &md.to_string_lossy(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{name}: {}", stderr(&out));
    }
    let after: Vec<_> = std::fs::read_dir(&article).expect("folder").collect();
    assert_eq!(before.len(), after.len(), "no sidecar was written");
}

#[test]
fn imported_notes_are_appended_to_an_existing_sidecar_keeping_it() {
    let site = SiteTest::new(".");
    let sidecar = site.read(SIDECAR);
    let hypothesis = r#"{"total": 1, "rows": [{"id": "h1", "created": "2019-03-07T09:00:00+00:00",
        "text": "North Korea's capital.", "tags": ["definition"],
        "target": [{"source": "https://thehill.com/x", "selector": [
            {"type": "TextQuoteSelector", "exact": "Pyongyang", "prefix": "to ", "suffix": "’s position"}]}]}]}"#;
    let file = site.root.join("hypothesis.json");
    fs::write(&file, hypothesis).expect("write");
    let file_arg = file.to_string_lossy().into_owned();
    let out = site.gloss(&["import-notes", file_arg.as_str(), "--article", ARTICLE]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let after = site.read(SIDECAR);
    assert!(
        after.starts_with(&sidecar),
        "the existing sidecar is kept as it was"
    );
    let added = &after[sidecar.len()..];
    assert_eq!(
        added,
        "\n[[note]]\nquote = \"Pyongyang\"\nprefix = \"confirmed\"\nkind = \"definition\"\ndate = 2019-03-07\nbody = \"\"\"\nNorth Korea's capital.\n\"\"\"\n"
    );
    let check = site.gloss(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // The same file imported again adds nothing.
    let again = site.gloss(&["import-notes", file_arg.as_str(), "--article", ARTICLE]);
    assert!(
        again.status.success(),
        "{}{}",
        stdout(&again),
        stderr(&again)
    );
    assert!(
        stdout(&again).contains("already in the sidecar: \"Pyongyang\""),
        "{}",
        stdout(&again)
    );
    assert_eq!(site.read(SIDECAR), after);
}

#[test]
fn an_imported_note_whose_words_occur_twice_says_so() {
    let site = SiteTest::new(".");
    let sidecar = site.read(SIDECAR);
    // "Kim" occurs many times, and this annotation carries no context or position.
    let export = r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage",
        "items": [{"type": "Annotation", "id": "urn:x:1", "body": {"type": "TextualBody", "value": "Who."},
        "target": {"source": "https://example.org/a", "selector": {"type": "TextQuoteSelector", "exact": "Kim"}}}]}"#;
    let file = site.root.join("export.jsonld");
    fs::write(&file, export).expect("write");
    let file_arg = file.to_string_lossy().into_owned();
    let out = site.gloss(&["import-notes", file_arg.as_str(), "--article", ARTICLE]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let said = stdout(&out);
    assert!(
        said.contains("UNPLACED \"Kim\": its words occur "),
        "{said}"
    );
    assert!(said.contains("times in the article"), "{said}");
    assert!(site.read(SIDECAR).starts_with(&sidecar));
}

#[test]
fn an_import_without_a_date_says_it_is_dated_today_and_a_missing_file_where_it_was_looked_for() {
    let site = SiteTest::minimal();
    let text = site.root.join("story.txt");
    fs::write(&text, "A headline\n\nThe first paragraph of the story.\n").expect("write");
    let text_arg = text.to_string_lossy().into_owned();
    let out = site.gloss(&["import", text_arg.as_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("dated today ("), "{}", stdout(&out));
    let missing = site.gloss(&["import", "no-such-story.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("read from the folder gloss runs in"),
        "{}",
        stderr(&missing)
    );
    // Old scraped text in Windows-1252 is a content error at its place, not a disk's.
    let latin = site.root.join("latin.txt");
    fs::write(&latin, b"A headline\n\nThe caf\xe9 opened.\n").expect("write");
    let latin_arg = latin.to_string_lossy().into_owned();
    let refused = site.gloss(&["import", latin_arg.as_str()]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("not valid UTF-8 (line 3, column 8)")
            && stderr(&refused).contains("iconv"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn check_fix_write_puts_a_note_an_edit_moved_back_where_it_stood() {
    let site = SiteTest::occurrence_note();
    assert!(site.gloss(&["build"]).status.success());
    let article = site.root.join("content/2020/talks.md");
    let text = std::fs::read_to_string(&article).expect("article");
    std::fs::write(
        &article,
        text.replace("The summit", "First, CVID.\n\nThe summit"),
    )
    .expect("edit");

    let written = site.gloss(&["check", "--fix", "--write"]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(
        stdout(&written).contains(
            "note 1 put back where it stood at the last build: Later the envoy said «CVID»"
        ),
        "{}",
        stdout(&written)
    );
    let sidecar = site.read("content/2020/talks.annotations.toml");
    assert_eq!(
        sidecar,
        "# Notes on the talks.\n[[note]]\nquote = \"CVID\"\nprefix = \"said\"\nbody = \"Complete.\"\n"
    );
    // Back on the envoy's words, and nothing left to warn of.
    let check = site.gloss(&["check"]);
    assert_eq!(
        stdout(&check).trim(),
        "no problems found",
        "{}",
        stderr(&check)
    );
    assert!(site.gloss(&["build"]).status.success());
    let page = site.read("public/2020/talks/index.html");
    assert!(
        page.contains("envoy said <mark class=\"gloss-mark\" data-notes=\"1\">CVID</mark>"),
        "{page}"
    );
}

#[test]
fn check_reads_the_places_of_notes_from_the_output_it_is_given() {
    let site = SiteTest::occurrence_note();
    let out = site.root.join("elsewhere");
    let out = out.to_str().expect("utf-8");
    assert!(site.gloss(&["build", "--output", out]).status.success());
    let article = site.root.join("content/2020/talks.md");
    let text = std::fs::read_to_string(&article).expect("article");
    std::fs::write(
        &article,
        text.replace("The summit", "First, CVID.\n\nThe summit"),
    )
    .expect("edit");
    // Without the folder the build wrote into, there is no last place to compare with.
    let blind = site.gloss(&["check"]);
    assert!(!stderr(&blind).contains("note 1"), "{}", stderr(&blind));
    let check = site.gloss(&["check", "--output", out]);
    assert!(stderr(&check).contains("note 1"), "{}", stderr(&check));
    let fix = site.gloss(&["check", "--fix", "--output", out]);
    assert!(
        stdout(&fix).contains("note 1 put back where it stood at the last build"),
        "{}",
        stdout(&fix)
    );
}

#[test]
fn import_refuses_utf16_an_empty_author_and_notes_on_a_page_with_a_fix() {
    let site = SiteTest::minimal();
    let text = site.root.join("wide.txt");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "A headline\n\nText.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    fs::write(&text, utf16).expect("write");
    let text_arg = text.to_string_lossy().into_owned();
    let refused = site.gloss(&["import", text_arg.as_str()]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("UTF-16") && stderr(&refused).contains("iconv -f utf-16"),
        "{}",
        stderr(&refused)
    );

    let plain = site.root.join("plain.txt");
    fs::write(&plain, "A headline\n\nText.\n").expect("write");
    let plain_arg = plain.to_string_lossy().into_owned();
    let nobody = site.gloss(&["import", plain_arg.as_str(), "--author", " "]);
    assert_eq!(nobody.status.code(), Some(2), "{}", stderr(&nobody));
    assert!(
        stderr(&nobody).contains("names no one"),
        "{}",
        stderr(&nobody)
    );
    assert!(!stdout(&nobody).contains("wrote"), "{}", stdout(&nobody));

    fs::create_dir_all(site.root.join("content/pages")).expect("mkdir");
    fs::write(
        site.root.join("content/pages/about.md"),
        "+++\ntitle = \"About\"\n+++\nAbout us.\n",
    )
    .expect("write");
    let notes = site.root.join("n.json");
    fs::write(
        &notes,
        r#"{"type":"Annotation","bodyValue":"n","target":{"selector":{"type":"TextQuoteSelector","exact":"About"}}}"#,
    )
    .expect("write");
    let notes_arg = notes.to_string_lossy().into_owned();
    let page = site.gloss(&[
        "import-notes",
        notes_arg.as_str(),
        "--article",
        "content/pages/about.md",
    ]);
    assert!(!stderr(&page).contains("panicked"), "{}", stderr(&page));
    assert!(
        stderr(&page).contains("pages take no notes"),
        "{}",
        stderr(&page)
    );
}

#[test]
fn import_notes_says_which_context_entries_the_site_lacks() {
    let site = SiteTest::new(".");
    let notes = site.root.join("n.json");
    fs::write(
        &notes,
        r#"[{"type":"Annotation","body":{"type":"SpecificResource","purpose":"identifying","source":"https://example.org/context/nonexistent/"},
            "target":{"selector":{"type":"TextQuoteSelector","exact":"Yongbyon"}}}]"#,
    )
    .expect("write");
    let notes_arg = notes.to_string_lossy().into_owned();
    let out = site.gloss(&["import-notes", notes_arg.as_str(), "--article", ARTICLE]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains(
            "it refers to the context entry `nonexistent`; create content/context/nonexistent.md"
        ),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("refer to context entries the site lacks"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_second_story_with_the_same_headline_is_imported_under_the_slug_given() {
    let site = SiteTest::minimal();
    for name in ["one.txt", "two.txt"] {
        fs::write(
            site.root.join(name),
            format!("Same headline\n\nThe story of {name}.\n"),
        )
        .expect("write");
    }
    let one = site.root.join("one.txt").to_string_lossy().into_owned();
    let two = site.root.join("two.txt").to_string_lossy().into_owned();
    assert!(site
        .gloss(&["import", one.as_str(), "--date", "2020-01-02"])
        .status
        .success());
    let clash = site.gloss(&["import", two.as_str(), "--date", "2020-01-02"]);
    assert!(!clash.status.success());
    assert!(stderr(&clash).contains("--slug"), "{}", stderr(&clash));
    let named = site.gloss(&[
        "import",
        two.as_str(),
        "--date",
        "2020-01-02",
        "--slug",
        "same-headline-2",
    ]);
    assert!(named.status.success(), "{}", stderr(&named));
    let text =
        fs::read_to_string(site.root.join("content/2020/same-headline-2.md")).expect("written");
    assert!(
        text.contains("title = \"Same headline\"") && text.contains("The story of two.txt."),
        "{text}"
    );
    let both = site.gloss(&["import", one.as_str(), two.as_str(), "--slug", "x"]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
    // A headline without a letter is the text's problem, named at its file.
    fs::write(site.root.join("marks.txt"), "!!! ??? ...\n\nBody.\n").expect("write");
    let marks = site.root.join("marks.txt").to_string_lossy().into_owned();
    let refused = site.gloss(&["import", marks.as_str()]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("marks.txt") && stderr(&refused).contains("--slug"),
        "{}",
        stderr(&refused)
    );
    assert!(site
        .gloss(&["import", marks.as_str(), "--slug", "marks"])
        .status
        .success());
}

#[cfg(unix)]
#[test]
fn new_refuses_a_folder_that_links_out_of_content() {
    let site = SiteTest::minimal();
    let elsewhere = tempfile::tempdir().expect("temporary folder");
    fs::create_dir_all(site.root.join("content")).expect("mkdir");
    std::os::unix::fs::symlink(elsewhere.path(), site.root.join("content/lnk")).expect("link");
    let out = site.gloss(&["new", "Via a link", "--dir", "content/lnk"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is a link to a folder outside content/"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_dir(elsewhere.path()).expect("read").count(), 0);
}

#[test]
fn new_refuses_a_folder_for_a_headline_and_takes_headlines_with_slashes() {
    let site = SiteTest::empty();
    let folder = site.root.join("blog");
    for title in ["./blog", "blog/", folder.to_str().expect("utf-8")] {
        let out = site.gloss(&["new", title]);
        assert_eq!(out.status.code(), Some(2), "{title}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("reads as a folder, not a headline"), "{err}");
        assert!(err.contains("gloss new --root "), "{err}");
        assert!(
            fs::read_dir(&site.root).expect("list").next().is_none(),
            "{title}: something was written"
        );
    }
    // The command to copy is one a shell runs as written.
    let err = stderr(&site.gloss(&["new", "it's/"]));
    assert!(
        err.contains(r#"`gloss new --root 'it'\''s' "My first article"`"#),
        "{err}"
    );
    for (title, article) in [
        ("AC/DC", "content/2020/ac-dc.md"),
        (".NET", "content/2020/net.md"),
    ] {
        let out = site.gloss(&["new", title, "--date", "2020-05-01"]);
        assert!(out.status.success(), "{title}: {}", stderr(&out));
        assert!(site.root.join(article).is_file(), "{}", stdout(&out));
    }
}
