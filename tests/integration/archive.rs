//! The browsable archive: a generated site of 64 articles over three years is walked like
//! a reader walks it, its feeds and sitemap are read like a feed reader and a crawler
//! would, and two builds are byte-identical.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::harness::{attr, sel, SiteTest};
use crate::links::Crawl;

const TAGS: usize = 20;
const AUTHORS: [&str; 5] = [
    "Ana Lima",
    "Bo Chen",
    "Chloé Martin",
    "Dev Patel",
    "Eli Cohen",
];
const SOURCES: [&str; 3] = ["The Daily", "Weekly Review", "Ledger"];
const ENTRIES: [&str; 3] = ["alpha", "people/beta", "gamma"];

/// Writes a site of `n` articles: dates over 2017-2019, tags from a pool of 20 (one
/// spelled two ways), 5 authors, 3 publications, notes referring to 3 context entries.
pub(crate) fn generate(root: &Path, n: usize) {
    std::fs::create_dir_all(root.join("content/context/people")).expect("mkdir");
    std::fs::write(
        root.join("site.toml"),
        "title = \"Test archive\"\nbase_url = \"https://example.org/sub/\"\npaginate = 7\n",
    )
    .expect("site.toml");
    for id in ENTRIES {
        let text = format!(
            "+++\ntitle = \"Entry {id}\"\nsummary = \"About *{id}*.\"\n+++\nThe entry {id}.\n"
        );
        std::fs::write(root.join(format!("content/context/{id}.md")), text).expect("entry");
    }
    for i in 0..n {
        let year = 2017 + i % 3;
        let month = 1 + (i * 7) % 12;
        let day = 1 + (i * 5) % 28;
        let dir = root.join(format!("content/{year}"));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let tag_a = if i % 10 == 0 {
            "North Korea".to_owned()
        } else {
            format!("topic {}", i % TAGS)
        };
        let tag_b = if i % 10 == 5 {
            "north korea".to_owned()
        } else {
            format!("topic {}", (i * 3 + 1) % TAGS)
        };
        let mut text = String::new();
        let _ = write!(
            text,
            "+++\ntitle = \"Article number {i}\"\ndate = {year}-{month:02}-{day:02}\nauthors = [\"{}\"]\ntags = [\"{tag_a}\", \"{tag_b}\"]\n[source]\nname = \"{}\"\nurl = \"https://example.com/{i}\"\n+++\n",
            AUTHORS[i % AUTHORS.len()],
            SOURCES[i % SOURCES.len()]
        );
        let _ = write!(text, "First paragraph of article {i} mentions marker{i}word here.\n\nSecond paragraph about the topic.\n");
        std::fs::write(dir.join(format!("article-{i:03}.md")), text).expect("article");
        let entry = ENTRIES[i % ENTRIES.len()];
        let sidecar = format!("[[note]]\nquote = \"marker{i}word\"\nref = \"{entry}\"\n\n[[note]]\nquote = \"Second paragraph\"\nbody = \"A note on {i}.\"\n");
        std::fs::write(
            dir.join(format!("article-{i:03}.annotations.toml")),
            sidecar,
        )
        .expect("sidecar");
    }
}

fn generated(n: usize) -> SiteTest {
    let site = SiteTest::empty();
    generate(&site.root, n);
    site
}

#[test]
fn with_folder_links_every_link_names_a_folder_and_still_leads_somewhere() {
    let site = generated(12);
    let config = std::fs::read_to_string(site.root.join("site.toml")).expect("site.toml");
    site.write("site.toml", format!("folder_links = true\n{config}"));
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\"\n+++\nWho we are.\n",
    );
    site.build();
    let public = site.root.join("public");
    let crawl = Crawl::new(&public);
    let broken = crawl.broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let home = site.html("index.html");
    let hrefs: Vec<&str> = home
        .select(&sel("a[href]"))
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| !h.contains("://") && !h.starts_with('#'))
        .collect();
    assert!(!hrefs.is_empty());
    assert!(hrefs.iter().all(|h| !h.contains("index.html")), "{hrefs:?}");
    // The footer marks the page a reader is on, and the search form submits somewhere.
    let about = site.html("about/index.html");
    assert_eq!(
        attr(&about, "footer a[aria-current=page]", "href"),
        "../about/",
        "the About link of the About page"
    );
    let search = site.html("search/index.html");
    assert_eq!(attr(&search, "form.search-form", "action"), "./");
}

#[test]
fn a_reader_reaches_every_page_from_home_and_no_link_is_broken() {
    let site = generated(64);
    site.build();
    let public = site.root.join("public");
    let crawl = Crawl::new(&public);
    let broken = crawl.broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let reachable = crawl.reachable(&public);
    let unreachable: Vec<String> = crawl
        .pages()
        .difference(&reachable)
        .filter(|p| *p != "404.html")
        .cloned()
        .collect();
    assert!(
        unreachable.is_empty(),
        "not reachable from home: {unreachable:?}"
    );
    let pages = crawl.pages();
    for i in 0..64 {
        let year = 2017 + i % 3;
        assert!(
            pages.contains(&format!("{year}/article-{i:03}/index.html")),
            "article {i} missing"
        );
    }
    // 64 articles at 7 a page: 10 home pages.
    assert!(pages.contains("page/10/index.html") && !pages.contains("page/11/index.html"));
    // A page in the middle leads to the newest and the oldest page in one step.
    let links = |page: &str| -> Vec<(String, String)> {
        site.html(page)
            .select(&sel(".pagination a"))
            .map(|a| {
                (
                    a.text().collect(),
                    a.value().attr("href").unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let pair = |text: &str, href: &str| (text.to_owned(), href.to_owned());
    assert_eq!(
        links("page/5/index.html"),
        [
            pair("Newest", "../../index.html"),
            pair("Newer", "../../page/4/index.html"),
            pair("Older", "../../page/6/index.html"),
            pair("Oldest", "../../page/10/index.html"),
        ]
    );
    // A year's page leads to its months.
    let months: Vec<String> = site
        .html("archive/2018/index.html")
        .select(&sel("nav.months a"))
        .map(|a| a.value().attr("href").unwrap_or_default().to_owned())
        .collect();
    assert!(
        !months.is_empty() && months.iter().all(|m| m.starts_with("../../archive/2018/")),
        "{months:?}"
    );
    // A month's page leads to the month after it and the month before, across years.
    let first_of_2018 = months
        .last()
        .expect("a month")
        .trim_start_matches("../../")
        .to_owned();
    let neighbours: Vec<String> = site
        .html(&first_of_2018)
        .select(&sel("nav.article-nav a"))
        .map(|a| a.value().attr("href").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(neighbours.len(), 2, "{neighbours:?}");
    assert!(
        neighbours[0].starts_with("../../../archive/2018/"),
        "{neighbours:?}"
    );
    assert!(
        neighbours[1].starts_with("../../../archive/2017/"),
        "{neighbours:?}"
    );
    // Next to either end, the one link does for both.
    assert_eq!(
        links("page/2/index.html"),
        [
            pair("Newer", "../../index.html"),
            pair("Older", "../../page/3/index.html"),
            pair("Oldest", "../../page/10/index.html"),
        ]
    );
    for year in ["2017", "2018", "2019"] {
        assert!(pages.contains(&format!("archive/{year}/index.html")));
    }
    assert_eq!(
        pages
            .iter()
            .filter(|p| p.starts_with("authors/")
                && p.ends_with("/index.html")
                && p.matches('/').count() == 2)
            .count(),
        5
    );
    assert_eq!(
        pages
            .iter()
            .filter(|p| p.starts_with("sources/") && p.matches('/').count() == 2)
            .count(),
        3
    );
}

#[test]
fn spellings_that_slug_alike_share_one_tag_page_showing_both() {
    let site = generated(64);
    site.build();
    let html = site.html("tags/north-korea/index.html");
    let lede = html
        .select(&sel(".lede"))
        .next()
        .expect("lede")
        .text()
        .collect::<String>();
    assert!(
        lede.contains("North Korea") && lede.contains("north korea"),
        "{lede}"
    );
}

#[test]
fn tags_are_listed_in_the_order_of_their_names_and_pointing_makes_no_new_tag() {
    let site = SiteTest::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    for (i, tags) in [
        "\"ب\", \"Zebra\"",
        "\"أدب\", \"Été\"",
        "\"apple\", \"ثقافة\"",
        "\"ثَقَافَة\"",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/2020/a{i}.md"),
            format!(
                "+++\ntitle = \"A{i}\"\ndate = 2020-01-0{}\ntags = [{tags}]\n+++\nText.\n",
                i + 1
            ),
        );
    }
    site.build();
    let html = site.html("tags/index.html");
    let names: Vec<String> = html
        .select(&sel("main li a"))
        .map(|a| a.text().collect::<String>())
        .filter(|name| name != "Home")
        .collect();
    assert_eq!(
        names,
        ["apple", "Été", "Zebra", "أدب", "ب", "ثَقَافَة / ثقافة"],
        "{names:?}"
    );
}

#[test]
fn context_entries_link_to_every_passage_that_mentions_them() {
    let site = generated(30);
    site.build();
    let public = site.root.join("public");
    let crawl = Crawl::new(&public);
    for (e, id) in ENTRIES.iter().enumerate() {
        let page = format!("context/{id}/index.html");
        let html = site.html(&page);
        let links: Vec<String> = html
            .select(&sel(".mentions a"))
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_owned)
            .collect();
        let expected: Vec<usize> = (0..30).filter(|i| i % ENTRIES.len() == e).collect();
        assert_eq!(links.len(), expected.len(), "{page}");
        for link in &links {
            let (target, fragment) = crawl
                .resolve(&public, &page, link)
                .expect("resolves")
                .expect("local");
            assert!(fragment.starts_with("note-"), "{link}");
            let ids = crawl.ids(&target).expect("page");
            assert!(ids.contains(&fragment));
        }
    }
}

#[test]
fn feeds_are_well_formed_atom_and_the_sitemap_lists_every_page_once() {
    let site = generated(30);
    site.build();
    let public = site.root.join("public");
    let mut feeds = vec![public.join("atom.xml")];
    for section in ["tags", "authors", "sources"] {
        let found: Vec<std::path::PathBuf> = walkdir::WalkDir::new(public.join(section))
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.ends_with("atom.xml"))
            .collect();
        assert!(!found.is_empty(), "no feed under {section}/");
        feeds.extend(found);
    }
    assert!(feeds.len() > 10);
    // Each tag's, author's and publication's page names its feed, beside the site's, for
    // feed readers to find.
    for feed in feeds.iter().skip(1) {
        let page = feed.with_file_name("index.html");
        let html = scraper::Html::parse_document(&std::fs::read_to_string(&page).expect("page"));
        let hrefs: Vec<&str> = html
            .select(&crate::harness::sel(
                r#"link[rel="alternate"][type="application/atom+xml"]"#,
            ))
            .filter_map(|link| link.value().attr("href"))
            .collect();
        let own = feed
            .strip_prefix(&public)
            .expect("in public")
            .to_string_lossy()
            .replace('\\', "/");
        assert_eq!(
            hrefs,
            ["../../atom.xml".to_owned(), format!("../../{own}")],
            "{}",
            page.display()
        );
    }
    for feed in &feeds {
        let text = std::fs::read_to_string(feed).expect("feed");
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", feed.display()));
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for required in ["id", "title", "updated"] {
            assert!(
                root.children().any(|c| c.has_tag_name(required)),
                "feed lacks {required}"
            );
        }
        let entries: Vec<_> = root
            .children()
            .filter(|c| c.has_tag_name("entry"))
            .collect();
        assert!(!entries.is_empty() && entries.len() <= 20);
        for entry in entries {
            for required in ["id", "title", "updated", "link"] {
                assert!(
                    entry.children().any(|c| c.has_tag_name(required)),
                    "entry lacks {required}"
                );
            }
            let id = entry
                .children()
                .find(|c| c.has_tag_name("id"))
                .and_then(|c| c.text())
                .expect("id");
            assert!(id.starts_with("https://example.org/sub/"), "{id}");
            for stamp in ["updated", "published"] {
                let value = entry
                    .children()
                    .find(|c| c.has_tag_name(stamp))
                    .and_then(|c| c.text())
                    .expect(stamp);
                assert!(
                    value.parse::<jiff::Timestamp>().is_ok(),
                    "{stamp} {value} is not RFC 3339"
                );
            }
            let summary = entry
                .children()
                .find(|c| c.has_tag_name("summary"))
                .and_then(|c| c.text());
            assert!(
                summary.is_some_and(|s| !s.is_empty()),
                "every entry has a summary"
            );
            // The site's feed carries whole articles; tag feeds carry summaries.
            if *feed == public.join("atom.xml") {
                let content = entry
                    .children()
                    .find(|c| c.has_tag_name("content"))
                    .and_then(|c| c.text())
                    .expect("content");
                assert!(
                    content.contains("role=\"doc-endnotes\""),
                    "notes as endnotes"
                );
                assert!(!content.contains("href=\"#"), "fragment links are absolute");
            }
        }
    }
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).expect("sitemap");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap parses");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let unique: BTreeSet<&str> = locs.iter().copied().collect();
    assert_eq!(unique.len(), locs.len(), "a page is listed twice");
    let pages = Crawl::new(&public).pages();
    assert_eq!(
        locs.len(),
        pages.iter().filter(|p| *p != "404.html").count()
    );
    assert!(locs
        .iter()
        .all(|l| l.starts_with("https://example.org/sub/") && !l.ends_with("index.html")));
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = generated(20);
    let first = site.gloss(&[
        "build",
        "--output",
        site.root.join("one").to_str().expect("utf-8"),
    ]);
    assert!(first.status.success());
    let second = site.gloss(&[
        "build",
        "--output",
        site.root.join("two").to_str().expect("utf-8"),
    ]);
    assert!(second.status.success());
    let files = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let base = site.root.join(dir);
        let mut list: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(&base)
                        .expect("inside")
                        .to_string_lossy()
                        .into_owned(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect();
        list.sort();
        list
    };
    let (one, two) = (files("one"), files("two"));
    assert_eq!(one.len(), two.len());
    for (a, b) in one.iter().zip(&two) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs between builds", a.0);
    }
}

#[test]
fn summaries_shared_across_list_pages_are_what_each_page_including_the_partial_makes() {
    // The built-in list templates print each item's `html`, rendered once per depth; a
    // site's own templates that include `partials/summary.html` per item, as they did
    // before, must make the very same pages at every depth (home, years, months, tags
    // and their second pages).
    let shared = generated(40);
    assert!(shared.gloss(&["build"]).status.success());
    let included = generated(40);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["list.html", "index.html"] {
        let built_in = std::fs::read_to_string(repo.join("templates").join(name)).expect("read");
        assert!(built_in.contains("{{ item.html | safe }}"), "{name}");
        let own = built_in.replace(
            "{{ item.html | safe }}",
            "{% include \"partials/summary.html\" %}",
        );
        included.write(&format!("templates/{name}"), &own);
    }
    assert!(included.gloss(&["build"]).status.success());
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(shared.root.join("public")) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(shared.root.join("public"))
            .expect("inside");
        let other = std::fs::read(included.root.join("public").join(rel)).expect("the same page");
        assert!(
            std::fs::read(entry.path()).expect("read") == other,
            "{} differs",
            rel.display()
        );
        compared += 1;
    }
    assert!(
        shared
            .page("tags/north-korea/page/2/index.html")
            .contains("summary-item"),
        "a list page four folders deep shows summaries"
    );
    assert!(compared > 100, "{compared} pages");
}

#[test]
fn the_example_archive_browses_the_same_way() {
    let site = SiteTest::new(".");
    site.build();
    let public = site.root.join("public");
    let crawl = Crawl::new(&public);
    let broken = crawl.broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let reachable = crawl.reachable(&public);
    let missing: Vec<String> = crawl
        .pages()
        .difference(&reachable)
        .filter(|p| *p != "404.html")
        .cloned()
        .collect();
    assert!(missing.is_empty(), "not reachable from home: {missing:?}");
}

#[test]
fn base_url_flag_overrides_site_toml_for_one_build() {
    let site = generated(3);
    let out = site.gloss(&["build", "--base-url", "https://mirror.example.net/x"]);
    assert!(out.status.success());
    let feed = site.page("atom.xml");
    assert!(feed.contains("https://mirror.example.net/x/"));
    assert!(!feed.contains("https://example.org/sub/"));
}

#[test]
fn the_link_checker_catches_a_missing_page_a_missing_fragment_and_a_rooted_link() {
    let site = generated(3);
    site.build();
    let public = site.root.join("public");
    let page = public.join("index.html");
    let html = std::fs::read_to_string(&page).expect("home");
    let html = html.replacen("</main>", "<a href=\"nowhere/index.html\">x</a><a href=\"#no-such-id\">y</a><a href=\"/tags/\">z</a></main>", 1);
    std::fs::write(&page, html).expect("write");
    let broken = Crawl::new(&public).broken(&public);
    assert_eq!(broken.len(), 3, "{broken:#?}");
}

#[test]
fn images_and_links_written_from_the_article_file_reach_their_files_on_every_page() {
    let site = SiteTest::empty();
    let put = |path: &str, text: &[u8]| {
        site.write(path, text);
    };
    put(
        "site.toml",
        b"title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    put("content/2020/photo.png", b"png");
    put("content/maps/world.svg", b"<svg/>");
    put(
        "content/2020/story.md",
        b"---\ntitle: Story\ndate: 2020-05-01\n---\n\nThe harbour ![the harbour](photo.png) and [the map](../maps/world.svg) and [the rest](other.md#p-1).[^1]\n\n[^1]: A footnote.\n",
    );
    put(
        "content/2020/other.md",
        b"---\ntitle: Other\ndate: 2020-05-02\n---\n\nPlain words.\n",
    );
    put(
        "content/2021/bundle/index.md",
        b"---\ntitle: Bundle\ndate: 2021-01-01\n---\n\nA square: ![square](square.png)\n",
    );
    put("content/2021/bundle/square.png", b"png");
    site.build();
    let public = site.root.join("public");
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let story = site.page("2020/story/index.html");
    assert!(story.contains("src=\"../../2020/photo.png\""), "{story}");
    assert!(story.contains("href=\"../../maps/world.svg\""), "{story}");
    assert!(
        story.contains("href=\"../../2020/other/index.html#p-1\""),
        "{story}"
    );
    // The folder's index file is the folder's page, its image beside it.
    assert!(site.page("2021/bundle/index.html").contains("square.png"));
    // Summaries show on pages at every depth: no image, relative links as text, no
    // footnote reference.
    let home = site.page("index.html");
    let summary = home
        .split("The harbour")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the story's summary on the home page");
    assert!(
        !summary.contains("<img") && !summary.contains("<a"),
        "{summary}"
    );
    assert!(
        summary.contains("the map") && !summary.contains("[^1]"),
        "{summary}"
    );
    // The feed reads images from the site's address, and keeps the footnote.
    let feed = site.page("atom.xml");
    assert!(
        feed.contains("https://example.org/2020/photo.png"),
        "{feed}"
    );
    assert!(feed.contains("A footnote."), "{feed}");
}

/// A site published under a sub-path (`https://example.org/archive/`) with an image in
/// `static/images/map.png`, a photo beside the articles and two articles, `story` (whose
/// body is `body`) and `other`; built, with no broken link. Returns the site and the
/// story's page.
fn story_linking_to(body: &str) -> (SiteTest, String) {
    let site = SiteTest::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/archive/\"\n",
    )
    .write("static/images/map.png", "png")
    .write("content/2020/photo.png", "png")
    .write(
        "content/2020/story.md",
        format!("+++\ntitle = \"Story\"\ndate = 2020-05-01\n+++\n\n{body}"),
    )
    .write(
        "content/2020/other.md",
        "+++\ntitle = \"Other\"\ndate = 2020-05-02\n+++\n\nPlain words.\n",
    )
    .build();
    let public = site.root.join("public");
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let story = site.page("2020/story/index.html");
    (site, story)
}

#[test]
fn links_from_the_site_s_root_are_relative_on_the_page_and_absolute_in_the_feed() {
    let (site, story) = story_linking_to(
        "A ![map](/images/map.png), ![photo](/2020/photo.png), [the other](/2020/other/#p-1), [home](/) and [elsewhere](//example.com/x).\n",
    );
    for link in [
        "src=\"../../images/map.png\"",
        "src=\"../../2020/photo.png\"",
        "href=\"../../2020/other/index.html#p-1\"",
        "href=\"../../index.html\"",
        "href=\"//example.com/x\"",
    ] {
        assert!(story.contains(link), "{link} in {story}");
    }
    // The feed reads them from the site's address, sub-path included.
    let feed = site.page("atom.xml");
    for link in [
        "https://example.org/archive/images/map.png",
        "https://example.org/archive/2020/other/#p-1",
    ] {
        assert!(feed.contains(link), "{link} in {feed}");
    }
}

#[test]
fn urls_in_html_written_into_markdown_lead_where_markdown_links_do() {
    let (site, story) = story_linking_to(
        "<figure>\n  <img\n    src=\"/images/map.png\" alt=\"A map\">\n  <figcaption>See <a href=\"other.md#p-1\">the other</a>.</figcaption>\n</figure>\n\nInline <img src=\"photo.png\" alt=\"A photo\"> and <a href=\"https://example.com/\">away</a>; shown as code, `<img src=\"/images/map.png\">` stays.\n",
    );
    for link in [
        "src=\"../../images/map.png\" alt=\"A map\"",
        "<a href=\"../../2020/other/index.html#p-1\">the other</a>",
        // Loaded late, as the body's second image.
        "<img src=\"../../2020/photo.png\" alt=\"A photo\" loading=\"lazy\" decoding=\"async\">",
        "<a href=\"https://example.com/\">away</a>",
        "<code>&lt;img src=\"/images/map.png\"&gt;</code>",
    ] {
        assert!(story.contains(link), "{link} in {story}");
    }
    let feed = site.page("atom.xml");
    assert!(
        feed.contains("https://example.org/archive/images/map.png"),
        "{feed}"
    );
}

#[test]
fn an_earlier_address_sends_its_readers_on_to_the_page() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/story.md",
        "+++\ntitle = \"The story\"\ndate = 2020-05-01\nredirect_from = [\"/2019/old-story/\", \"news/story.html\", \"/caf%C3%A9\"]\n+++\n\nWords.\n",
    )
    .write(
        "content/about.md",
        "---\ntitle: About\nredirect_from:\n  - /about-us/index.html\n---\n\nWho we are.\n",
    )
    .build();
    let public = site.root.join("public");
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    for (from, link) in [
        ("2019/old-story/index.html", "../../2020/story/index.html"),
        ("news/story.html", "../2020/story/index.html"),
        ("café/index.html", "../2020/story/index.html"),
        ("about-us/index.html", "../about/index.html"),
    ] {
        let html = site.html(from);
        let refresh = html
            .select(&sel("meta[http-equiv=refresh]"))
            .next()
            .and_then(|m| m.value().attr("content"))
            .unwrap_or_default()
            .to_owned();
        assert_eq!(refresh, format!("0; url={link}"), "{from}");
        let href = html
            .select(&sel("body a"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .unwrap_or_default()
            .to_owned();
        assert_eq!(href, link, "{from}");
        assert!(
            site.page(from)
                .contains("<meta name=\"robots\" content=\"noindex\">"),
            "{from}"
        );
    }
    assert!(site
        .page("2019/old-story/index.html")
        .contains("<link rel=\"canonical\" href=\"https://example.org/2020/story/\">"));
    // Not pages of the site: out of the sitemap.
    let sitemap = site.page("sitemap.xml");
    assert!(
        sitemap.contains("https://example.org/2020/story/"),
        "{sitemap}"
    );
    assert!(
        !sitemap.contains("old-story") && !sitemap.contains("about-us"),
        "{sitemap}"
    );
}

#[test]
fn an_earlier_address_that_names_no_free_place_is_an_error_at_its_line() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/one.md",
        "+++\ntitle = \"One\"\ndate = 2020-05-01\nredirect_from = [\"/2020/two/\", \"/tags/x/\"]\n+++\n\nWords.\n",
    )
    .write(
        "content/2020/two.md",
        "+++\ntitle = \"Two\"\ndate = 2020-05-02\n+++\n\nWords.\n",
    )
    .write(
        "content/2020/five.md",
        "+++\ntitle = \"Five\"\ndate = 2020-05-05\nredirect_from = [\"https://old.example.org/two\", \"/a/../b\", \"/\"]\n+++\n\nWords.\n",
    )
    .write(
        "content/2020/three.md",
        "+++\ntitle = \"Three\"\ndate = 2020-05-03\nredirect_from = [\"/old/\"]\n+++\n\nWords.\n",
    )
    .write(
        "content/2020/four.md",
        "+++\ntitle = \"Four\"\ndate = 2020-05-04\nredirect_from = [\"/old\"]\n+++\n\nWords.\n",
    )
    .write("content/news/kept.html", "<p>An old page, kept.</p>")
    .write(
        "content/2020/six.md",
        "+++\ntitle = \"Six\"\ndate = 2020-05-06\nredirect_from = [\"/news/kept.html\"]\n+++\n\nWords.\n",
    );
    let out = site.gloss(&["build"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "the redirect from /2020/two/index.html would take the place of what",
        "content/2020/two.md",
        "content/2020/one.md:4:1",
        "would take the place of gloss's own `tags`",
        "`redirect_from` has `https://old.example.org/two`: an address of this site",
        "`redirect_from` has `/a/../b`: it has an empty, `.` or `..` segment",
        "`redirect_from` has `/`: that is the home page's address",
        "content/2020/five.md:4:1",
        // Reported at the second of the two in the order of their files.
        "the redirect from /old/index.html would take the place of what",
        "content/2020/four.md",
        "content/2020/three.md:4:1",
        "the redirect from /news/kept.html would take the place of what",
        "content/2020/six.md:4:1",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert!(!site.root.join("public").exists(), "nothing half-written");
}

#[test]
fn a_long_article_opens_with_a_table_of_contents_of_its_sections() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/long.md",
        "+++\ntitle = \"Long\"\ndate = 2020-05-01\n+++\n\nIntro.\n\n## The `first` part\n\nWords.\n\n### A detail {#detail}\n\nWords.\n\n#### Too deep\n\nWords.\n\n## The second part\n\nWords.\n",
    )
    .write(
        "content/2020/short.md",
        "+++\ntitle = \"Short\"\ndate = 2020-05-02\n+++\n\n## One\n\nWords.\n\n## Two\n\nWords.\n",
    )
    .write(
        "content/policies.md",
        "+++\ntitle = \"Policies\"\n+++\n\n## Corrections\n\nWords.\n\n## Sources\n\nWords.\n\n## Notes\n\nWords.\n",
    )
    .build();
    let public = site.root.join("public");
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let long = site.html("2020/long/index.html");
    let entries: Vec<(String, String, bool)> = long
        .select(&sel("nav.contents li"))
        .map(|li| {
            let a = li.select(&sel("a")).next().expect("a link");
            (
                a.value().attr("href").unwrap_or_default().to_owned(),
                a.text().collect(),
                li.value().classes().any(|c| c == "contents-sub"),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "#the-first-part".to_owned(),
                "The first part".to_owned(),
                false
            ),
            ("#detail".to_owned(), "A detail".to_owned(), true),
            (
                "#the-second-part".to_owned(),
                "The second part".to_owned(),
                false
            ),
        ]
    );
    let named = long
        .select(&sel(
            "nav.contents[aria-labelledby=contents-title] summary#contents-title",
        ))
        .next()
        .map(|s| s.text().collect::<String>());
    assert_eq!(named.as_deref(), Some("Contents"));
    assert!(!site
        .page("2020/short/index.html")
        .contains("class=\"contents\""));
    // A page outside the archive gets one the same way; its headings keep clear of the
    // page's own ids (`corrections`, `notes`).
    let policies = site.html("policies/index.html");
    let targets: Vec<&str> = policies
        .select(&sel("nav.contents a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(targets, ["#corrections-2", "#sources", "#notes-2"]);
}

#[test]
fn the_sitemap_says_when_each_article_last_changed() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/fixed.md",
        "+++\ntitle = \"Fixed\"\ndate = 2020-05-01\nupdated = 2020-06-01\n+++\n\nThe count was wrong.\n",
    )
    .write(
        "content/2020/fixed.annotations.toml",
        "[[note]]\nquote = \"count\"\nkind = \"correction\"\ndate = 2020-07-02\nbody = \"It said 12; it was 21.\"\n",
    )
    .write(
        "content/2020/plain.md",
        "+++\ntitle = \"Plain\"\ndate = 2020-05-03T09:30:00+02:00\n+++\n\nWords.\n",
    )
    .build();
    let sitemap = site.page("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).expect("sitemap parses");
    let lastmod = |loc: &str| -> Option<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("url"))
            .find(|url| {
                url.descendants()
                    .any(|n| n.has_tag_name("loc") && n.text() == Some(loc))
            })
            .and_then(|url| url.descendants().find(|n| n.has_tag_name("lastmod")))
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    assert_eq!(
        lastmod("https://example.org/2020/fixed/").as_deref(),
        Some("2020-07-02T00:00:00Z")
    );
    assert_eq!(
        lastmod("https://example.org/2020/plain/").as_deref(),
        Some("2020-05-03T09:30:00+02:00")
    );
    assert_eq!(lastmod("https://example.org/"), None, "{sitemap}");
}

/// A PNG's first bytes: signature and header, `width` by `height` (what a size is read
/// from; no pixels).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// A JPEG's markers: EXIF orientation 6 (turned a quarter) and a frame stored
/// `width` by `height`.
fn turned_jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x22];
    bytes.extend(b"Exif\0\0MM\0\x2A\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0");
    bytes.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
    bytes.extend(height.to_be_bytes());
    bytes.extend(width.to_be_bytes());
    bytes.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    bytes
}

#[test]
fn images_give_their_size_so_the_page_keeps_its_place_while_they_load() {
    let site = SiteTest::minimal();
    site.write("content/2020/harbour.png", png(1200, 800))
        .write("content/2020/phone.jpg", turned_jpeg(4000, 3000))
        .write("static/images/map.png", png(640, 480))
        .write("content/2020/broken.png", "not an image")
        .write(
            "content/2020/remote.md",
            "+++\ntitle = \"Remote\"\ndate = 2020-05-02\n+++\n\nFar away: ![Far](https://cdn.example.com/far.jpg)\n",
        )
        .write("content/2020/portrait.png", png(200, 300))
        .write(
            "content/2020/pictures.annotations.toml",
            "[[note]]\nquote = \"The harbour\"\nbody = \"![Its keeper](portrait.png)\"\n",
        )
        .write("static/images/seal.png", png(64, 64))
        .write(
            "content/2020/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" viewBox=\"0 0 16 9\"><rect width=\"8\" height=\"4\"/></svg>",
        )
        .write(
            "content/context/harbour.md",
            "+++\ntitle = \"The harbour\"\nsummary = \"A harbour.\"\n+++\n\n![Its seal](/images/seal.png)\n",
        )
        .write(
            "content/2020/pictures.md",
            "+++\ntitle = \"Pictures\"\ndate = 2020-05-01\n+++\n\n![A chart](chart.svg)\n\n![The harbour](harbour.png) The harbour.\n\n![From a phone](phone.jpg) ![The map](/images/map.png) ![Broken](broken.png) ![Remote](https://example.com/x.png)\n",
        )
        .build();
    let page = site.page("2020/pictures/index.html");
    for img in [
        // An SVG's size is its own, its height from its view box's proportions.
        "<img src=\"../../2020/chart.svg\" alt=\"A chart\" width=\"800\" height=\"450\" decoding=\"async\">",
        "<img src=\"../../2020/harbour.png\" alt=\"The harbour\" width=\"1200\" height=\"800\" loading=\"lazy\" decoding=\"async\">",
        // Turned as the browser shows it.
        "<img src=\"../../2020/phone.jpg\" alt=\"From a phone\" width=\"3000\" height=\"4000\" loading=\"lazy\" decoding=\"async\">",
        "<img src=\"../../images/map.png\" alt=\"The map\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\">",
        "<img src=\"../../2020/broken.png\" alt=\"Broken\" loading=\"lazy\" decoding=\"async\">",
        "<img src=\"https://example.com/x.png\" alt=\"Remote\" loading=\"lazy\" decoding=\"async\">",
    ] {
        assert!(page.contains(img), "{img} in {page}");
    }
    // The first picture stands for the article where it is shared (sharing cards show
    // no SVG).
    for meta in [
        "<meta property=\"og:image\" content=\"https://example.org/2020/harbour.png\">",
        "<meta property=\"og:image:width\" content=\"1200\">",
        "<meta property=\"og:image:height\" content=\"800\">",
        "<meta property=\"og:image:alt\" content=\"The harbour\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "\"image\":[\"https://example.org/2020/harbour.png\"]",
    ] {
        assert!(page.contains(meta), "{meta} in {page}");
    }
    assert!(!site.page("index.html").contains("og:image"));
    let remote = site.page("2020/remote/index.html");
    assert!(
        remote.contains("<meta property=\"og:image\" content=\"https://cdn.example.com/far.jpg\">")
            && !remote.contains("og:image:width"),
        "{remote}"
    );
    // In a note (its side note and its endnote) and a context entry too.
    let portrait = "<img src=\"../../2020/portrait.png\" alt=\"Its keeper\" width=\"200\" height=\"300\" loading=\"lazy\" decoding=\"async\">";
    assert_eq!(page.matches(portrait).count(), 2, "{page}");
    let entry = site.page("context/harbour/index.html");
    assert!(
        entry.contains("<img src=\"../../images/seal.png\" alt=\"Its seal\" width=\"64\" height=\"64\" loading=\"lazy\" decoding=\"async\">"),
        "{entry}"
    );
    // A picture replaced by one of another size: the page says so at the next build.
    site.write("content/2020/harbour.png", png(600, 900))
        .build();
    let page = site.page("2020/pictures/index.html");
    assert!(page.contains("width=\"600\" height=\"900\""), "{page}");
}

#[test]
fn links_in_note_bodies_and_context_entries_are_read_from_their_files_too() {
    let site = SiteTest::empty();
    let put = |path: &str, text: &str| {
        site.write(path, text);
    };
    put(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/news/\"\n",
    );
    put("content/2020/photo.png", "png");
    put(
        "content/2020/story.md",
        "---\ntitle: Story\ndate: 2020-05-01\n---\n\nThe harbour opened in May.\n",
    );
    put(
        "content/2020/story.annotations.toml",
        "[[note]]\nquote = \"harbour\"\nbody = \"See [the other story](other.md#p-1), ![the quay](photo.png) and [the port](../context/places/port.md).\"\n",
    );
    put(
        "content/2020/other.md",
        "---\ntitle: Other\ndate: 2020-05-02\n---\n\nPlain words.\n",
    );
    put(
        "content/context/places/port.md",
        "---\ntitle: The port\n---\n\nIt opened in [the story](../../2020/story.md) with ![a photo](../../2020/photo.png).\n",
    );
    site.build();
    let public = site.root.join("public");
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    // The note, beside the text and as an endnote, links from the article's page.
    let story = site.page("2020/story/index.html");
    for link in [
        "href=\"../../2020/other/index.html#p-1\"",
        "src=\"../../2020/photo.png\"",
        "href=\"../../context/places/port/index.html\"",
    ] {
        assert_eq!(story.matches(link).count(), 2, "{link} in {story}");
    }
    // The entry's page is two folders deeper than its file's.
    let port = site.page("context/places/port/index.html");
    assert!(
        port.contains("href=\"../../../2020/story/index.html\""),
        "{port}"
    );
    assert!(port.contains("src=\"../../../2020/photo.png\""), "{port}");
    // The W3C export and the feed carry the note's links from the site's address.
    let export = site.page("2020/story/annotations.jsonld");
    assert!(
        export.contains("https://example.org/news/2020/other/#p-1")
            && export.contains("https://example.org/news/2020/photo.png"),
        "{export}"
    );
    let feed = site.page("atom.xml");
    assert!(
        feed.contains("https://example.org/news/2020/other/#p-1") && !feed.contains("index.html"),
        "{feed}"
    );
}

#[test]
fn a_tag_written_twice_in_other_case_is_listed_once_and_an_entry_without_summary_leaves_no_empty_paragraph(
) {
    let site = SiteTest::empty();
    let put = |path: &str, text: &str| {
        site.write(path, text);
    };
    put(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    put(
        "content/2020/meal.md",
        "+++\ntitle = \"Meal\"\ndate = 2020-05-01\ntags = [\"Food & Drink\", \"food & drink\"]\n+++\n\nThe harbour market opened.\n",
    );
    put(
        "content/2020/meal.annotations.toml",
        "[[note]]\nquote = \"harbour market\"\nref = \"market\"\n",
    );
    put(
        "content/context/market.md",
        "+++\ntitle = \"The market\"\n+++\n",
    );
    site.build();
    let html = site.html("2020/meal/index.html");
    let tags: Vec<String> = html
        .select(&sel(".tags a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(tags, ["Food & Drink"]);
    let page = site.page("2020/meal/index.html");
    assert!(!page.contains("<p></p>"), "{page}");
}

#[test]
fn the_404_page_carries_the_site_s_stylesheet_so_it_is_styled_from_any_address() {
    let site = generated(3);
    site.build();
    let page = site.page("404.html");
    assert!(page.contains("<style>/* gloss default style"), "{page}");
    site.write("static/style.css", "body { color: #123456; }\n")
        .build();
    let page = site.page("404.html");
    assert!(page.contains("<style>body { color: #123456; }"), "{page}");
}

#[test]
fn distinct_names_whose_slugs_collide_get_pages_of_their_own() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/c.md",
        "+++\ntitle = \"C\"\ndate = 2020-05-01\ntags = [\"C\", \"C#\"]\nauthors = [\"王伟\"]\n+++\n\nText.\n",
    )
    .write(
        "content/2020/cpp.md",
        "+++\ntitle = \"Cpp\"\ndate = 2020-05-02\ntags = [\"C++\", \"c\"]\nauthors = [\"汪伟\"]\n+++\n\nText.\n",
    );
    site.build();
    let links = |page: &str, list: &str| -> Vec<(String, String)> {
        site.html(page)
            .select(&sel(list))
            .map(|a| {
                (
                    a.text().collect(),
                    a.value().attr("href").unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let c = links("2020/c/index.html", ".tags a");
    let cpp = links("2020/cpp/index.html", ".tags a");
    assert_eq!(c[0], ("C".into(), "../../tags/c/index.html".into()));
    assert_eq!(cpp[1], ("c".into(), "../../tags/c/index.html".into()));
    assert_eq!(
        cpp[0],
        ("C++".into(), "../../tags/c-plus-plus/index.html".into())
    );
    assert_eq!(c[1], ("C#".into(), "../../tags/c-sharp/index.html".into()));
    // Each tag page lists only its own articles, under its own name.
    let titles = |page: &str| {
        site.html(page)
            .select(&sel("h1"))
            .map(|h| h.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert!(titles("tags/c/index.html")[0].contains('C'));
    assert!(!titles("tags/c/index.html")[0].contains('#'));
    assert!(site.page("tags/c/index.html").contains("Cpp"));
    assert!(!site.page("tags/c-sharp/index.html").contains("Cpp"));
    // Two authors whose names transliterate alike have two pages.
    let wang = links("2020/c/index.html", ".byline a");
    let other = links("2020/cpp/index.html", ".byline a");
    assert_ne!(wang[0].1, other[0].1, "{wang:?} {other:?}");
    assert!(site.page(&format!("2020/c/{}", wang[0].1)).contains("王伟"));
}

#[test]
fn an_article_in_another_language_carries_its_language_and_direction() {
    let site = SiteTest::minimal();
    site.write(
            "content/2020/cairo.md",
            "+++\ntitle = \"القمة في هانوي\"\ndate = 2020-01-02\nlanguage = \"ar\"\ntags = [\"x\"]\n+++\nانتهت القمة دون اتفاق.\n",
        )
        .write(
            "content/2020/cairo.annotations.toml",
            "[[note]]\nquote = \"القمة\"\nref = \"summit\"\n\n[[note]]\nquote = \"اتفاق\"\nbody = \"تعليق.\"\n\n[[note]]\nquote = \"دون\"\nbody = \"Without: the editors' gloss, in English.\"\n",
        )
        .write(
            "content/context/summit.md",
            "+++\ntitle = \"Hanoi summit\"\nsummary = \"The second Trump-Kim meeting.\"\n+++\n",
        )
        .write(
            "content/2020/paris.md",
            "+++\ntitle = \"Paris\"\ndate = 2020-01-01\ntags = [\"x\"]\n+++\nText.\n",
        )
        .build();
    let page = site.html("2020/cairo/index.html");
    let html = page.select(&sel("html")).next().expect("html");
    assert_eq!(html.value().attr("lang"), Some("en"));
    assert_eq!(html.value().attr("dir"), Some("ltr"));
    // The article's words are in its language; the page's own words (byline, headings,
    // a note's label) stay in the site's, so they read in their order.
    let attributes = |selector: &str| {
        let element = page
            .select(&sel(selector))
            .next()
            .unwrap_or_else(|| panic!("{selector}"));
        (element.value().attr("lang"), element.value().attr("dir"))
    };
    assert_eq!(attributes("article.article"), (None, None));
    assert_eq!(attributes("article h1"), (Some("ar"), Some("rtl")));
    assert_eq!(attributes(".article-body"), (Some("ar"), Some("rtl")));
    assert_eq!(attributes(".byline"), (None, None));
    assert_eq!(attributes(".gloss-note-quote"), (Some("ar"), Some("rtl")));
    // A sidenote sits in the article's text but speaks the site's language.
    assert_eq!(attributes(".gloss-sidenote"), (Some("en"), Some("ltr")));
    // A note's body is the article's language, its direction read from its text; an
    // entry's summary shown in its place is the site's.
    assert_eq!(
        attributes("#sidenote-3 .gloss-note-body"),
        (Some("ar"), Some("auto"))
    );
    assert_eq!(
        attributes("#note-3 .gloss-note-body"),
        (Some("ar"), Some("auto"))
    );
    assert_eq!(attributes("#sidenote-1 .gloss-note-body"), (None, None));
    // A body written in the site's script and not the article's is the site's language
    // (note 2 stands on the words between notes 1 and 3).
    assert_eq!(
        attributes("#note-2 .gloss-note-body"),
        (Some("en"), Some("auto"))
    );
    assert_eq!(
        attributes("#sidenote-2 .gloss-note-body"),
        (Some("en"), Some("auto"))
    );
    // In lists, the Arabic title reads right to left; the English one has no attributes.
    let home = site.html("index.html");
    let titles: Vec<(String, Option<&str>, Option<&str>)> = home
        .select(&sel(".summary-item h2 a"))
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("lang"),
                a.value().attr("dir"),
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("القمة في هانوي".to_owned(), Some("ar"), Some("rtl")),
            ("Paris".to_owned(), None, None)
        ]
    );
    let paris = site.html("2020/paris/index.html");
    let newer = paris
        .select(&sel("a[rel=next] span[lang]"))
        .next()
        .expect("newer");
    assert_eq!(newer.value().attr("dir"), Some("rtl"));
    assert!(site.page("atom.xml").contains("<entry xml:lang=\"ar\">"));
    // A context entry's mention of it quotes its words in its language.
    let entry = site.html("context/summit/index.html");
    let quote = entry.select(&sel(".mentions q")).next().expect("a mention");
    assert_eq!(
        (quote.value().attr("lang"), quote.value().attr("dir")),
        (Some("ar"), Some("rtl"))
    );

    // A site written in Hebrew is right to left as a whole.
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\nlanguage = \"he\"\n",
    )
    .build();
    let home = site.html("index.html");
    let html = home.select(&sel("html")).next().expect("html");
    assert_eq!(html.value().attr("dir"), Some("rtl"));

    // A language that is no tag is named at its line.
    site.write(
        "content/2020/paris.md",
        "+++\ntitle = \"Paris\"\ndate = 2020-01-01\nlanguage = \"French\"\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/2020/paris.md:4:"), "{stderr}");
    assert!(stderr.contains("BCP 47"), "{stderr}");
}

#[test]
fn a_kind_a_letter_or_two_from_one_gloss_knows_is_warned_of() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nThe talks ended early in five days.\n",
    )
    .write(
        "content/2020/a.annotations.toml",
        "[[note]]\nquote = \"talks\"\nkind = \"Corrections\"\ndate = 2020-02-01\nbody = \"Fixed.\"\n\n[[note]]\nquote = \"ended\"\nkind = \"UN resolution\"\nbody = \"A label.\"\n\n[[note]]\nquote = \"five\"\nkind = \"Definition\"\nbody = \"Known.\"\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("note 1 has kind `Corrections`, which gloss shows as a label of its own"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `correction`?"), "{stderr}");
    assert!(stderr.contains("a.annotations.toml:3:1"), "{stderr}");
    assert_eq!(
        stderr.matches("which gloss shows as a label").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn corrections_without_a_date_or_dated_before_the_article_are_warned_of() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nThe talks ended early in five days.\n",
    )
    .write(
        "content/context/talks.md",
        "+++\ntitle = \"The talks\"\nsummary = \"Nine rounds of them.\"\n+++\nBody.\n",
    )
    .write(
        "content/2020/a.annotations.toml",
        "[[note]]\nquote = \"talks\"\nkind = \"correction\"\nbody = \"Undated.\"\n\n[[note]]\nquote = \"ended\"\nkind = \"correction\"\ndate = 2019-12-01\nbody = \"Early.\"\n\n[[note]]\nquote = \"five\"\nkind = \"correction\"\ndate = 2020-02-01\nref = \"talks\"\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("2 warnings"), "{stdout}\n{stderr}");
    for expected in [
        "content/2020/a.annotations.toml:3:1",
        "note 1 is a correction without a `date`",
        "content/2020/a.annotations.toml:9:1",
        "note 2 is a correction dated 2019-12-01, before the article (2020-01-02)",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected} missing from\n{stderr}"
        );
    }
    site.build();
    // A correction that shows its entry's summary shows it in the list of corrections too.
    let html = site.html("2020/a/index.html");
    let listed: Vec<String> = html
        .select(&sel(".corrections li"))
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed.iter().any(|l| l.contains("Nine rounds of them.")),
        "{listed:?}"
    );
}

#[test]
fn what_machines_read_of_a_page_is_valid_and_says_no_more_than_it_has() {
    let site = SiteTest::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/archive/\"\npaginate = 1\n",
    )
    .write(
        "content/2024/été/index.md",
        "+++\ntitle = \"E\"\ndate = 2024-01-01\nupdated = 2024-02-01\nredirect_from = [\"/2024/ete/\"]\n+++\n\nText.\n\n![img](ph%20oto.png)\n",
    )
    .write("content/2024/été/ph oto.png", "png")
    .write(
        "content/2024/plain.md",
        "+++\ntitle = \"Plain\"\ndate = 2024-01-02\n+++\n\nWords.\n",
    )
    .build();
    let moved = site.page("2024/été/index.html");
    // A picture's absolute address is a valid URL, as its link on the page is.
    assert!(
        moved.contains("<meta property=\"og:image\" content=\"https://example.org/archive/2024/%C3%A9t%C3%A9/ph%20oto.png\">"),
        "{moved}"
    );
    assert!(
        moved.contains(
            "\"image\":[\"https://example.org/archive/2024/%C3%A9t%C3%A9/ph%20oto.png\"]"
        ),
        "{moved}"
    );
    assert!(
        moved
            .contains("<meta property=\"article:modified_time\" content=\"2024-02-01T00:00:00Z\">"),
        "{moved}"
    );
    // No authors: no empty `author` in the JSON-LD; no picture: a plain card.
    let plain = site.page("2024/plain/index.html");
    assert!(!plain.contains("\"author\""), "{plain}");
    assert!(
        plain.contains("<meta name=\"twitter:card\" content=\"summary\">"),
        "{plain}"
    );
    // No site description: no empty description on the lists.
    let home = site.page("page/2/index.html");
    assert!(!home.contains("name=\"description\""), "{home}");
    assert!(!home.contains("og:description"), "{home}");
    // The site's name once in the title of page 2.
    assert!(home.contains("<title>T (page 2)</title>"), "{home}");
    // A moved article keeps the feed id of its first address.
    let feed = site.page("atom.xml");
    assert!(
        feed.contains("<id>https://example.org/archive/2024/ete/</id>"),
        "{feed}"
    );
    assert!(
        feed.contains("href=\"https://example.org/archive/2024/%C3%A9t%C3%A9/\""),
        "{feed}"
    );
    assert!(
        feed.contains("<id>https://example.org/archive/2024/plain/</id>"),
        "{feed}"
    );
}

#[test]
fn the_byline_gives_the_day_an_article_first_appeared_in_its_source() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/s.md",
        "+++\ntitle = \"S\"\ndate = 2020-03-05\n[source]\nname = \"The Hill\"\npublished = 2020-02-20\n+++\nWords.\n",
    )
    .build();
    let html = site.html("2020/s/index.html");
    let times: Vec<String> = html
        .select(&sel(".byline time"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(times, ["March 5, 2020", "February 20, 2020"]);
}

#[test]
fn the_byline_s_update_is_the_last_correction_when_it_is_later() {
    let site = SiteTest::minimal();
    site.write(
            "content/2020/a.md",
            "+++\ntitle = \"A\"\ndate = 2020-01-02\nupdated = 2020-01-05\n+++\nThe talks ended early.\n",
        )
        .write(
            "content/2020/a.annotations.toml",
            "[[note]]\nquote = \"ended early\"\nkind = \"correction\"\ndate = 2020-02-01\nbody = \"They ended on time.\"\n",
        )
        .write(
            "content/2020/b.md",
            "+++\ntitle = \"B\"\ndate = 2020-01-03\n+++\nText.\n",
        )
        .build();
    let updated = |page: &str| {
        site.html(page)
            .select(&sel(".article-header time"))
            .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        updated("2020/a/index.html"),
        ["2020-01-02T00:00:00Z", "2020-02-01"]
    );
    // No update and no correction: the date alone.
    assert_eq!(updated("2020/b/index.html").len(), 1);
}

#[test]
fn files_named_with_url_syntax_are_linked_with_it_escaped() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/e.md",
        "+++\ntitle = \"E\"\ndate = 2020-01-01\n+++\n\n![Photo](<Photo Été %232.png>) [odd](<100%2541.pdf>) [pdf](<Doc & Spec + 100%.pdf>)\n\n<img src=\"a+b.png\" srcset=\"a+b.png 1x, Photo%20Été%20%232.png 2x\" alt=\"x\">\n",
    );
    for name in [
        "Photo Été #2.png",
        "100%41.pdf",
        "Doc & Spec + 100%.pdf",
        "a+b.png",
    ] {
        site.write(&format!("content/2020/{name}"), "x");
    }
    site.build();
    let page = site.page("2020/e/index.html");
    for escaped in [
        "src=\"../../2020/Photo%20%C3%89t%C3%A9%20%232.png\"",
        "href=\"../../2020/100%2541.pdf\"",
        "href=\"../../2020/Doc%20%26%20Spec%20%2B%20100%25.pdf\"",
        "srcset=\"../../2020/a%2Bb.png 1x, ../../2020/Photo%20%C3%89t%C3%A9%20%232.png 2x\"",
    ] {
        assert!(page.contains(escaped), "{escaped} missing from {page}");
    }
    let public = site.root.join("public");
    let broken = crate::links::Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn absolute_urls_of_pages_named_with_spaces_and_accents_are_percent_encoded() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/Café Olé.md",
        "+++\ntitle = \"Café\"\ndate = 2020-01-01\n+++\nSee [the other](<Other One.md>) on Yongbyon.\n",
    )
    .write(
        "content/2020/Café Olé.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"As [the other](<Other One.md>) says.\"\n",
    )
    .write(
        "content/2020/Other One.md",
        "+++\ntitle = \"Other\"\ndate = 2020-01-02\n+++\nWords.\n",
    )
    .build();
    let url = "https://example.org/2020/Caf%C3%A9%20Ol%C3%A9/";
    let other = "https://example.org/2020/Other%20One/";
    let page = site.html("2020/Café Olé/index.html");
    let attr = |selector: &str, name: &str| attr(&page, selector, name);
    assert_eq!(attr("link[rel=canonical]", "href"), url);
    assert_eq!(attr("meta[property='og:url']", "content"), url);
    assert!(attr(".gloss-share a", "href").starts_with(&format!("{url}#")));
    let ld: serde_json::Value = serde_json::from_str(
        &page
            .select(&sel("script[type='application/ld+json']"))
            .next()
            .expect("json-ld")
            .inner_html(),
    )
    .expect("json");
    assert_eq!(ld["url"], url);
    let export: serde_json::Value =
        serde_json::from_str(&site.page("2020/Café Olé/annotations.jsonld")).expect("export");
    let target = &export["first"]["items"][0]["target"]["source"];
    assert_eq!(target, url, "{export}");
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{sitemap}");
    assert!(
        sitemap.contains(&format!("<loc>{other}</loc>")),
        "{sitemap}"
    );
    let atom = site.page("atom.xml");
    let doc = roxmltree::Document::parse(&atom).expect("atom");
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("id") && n.parent().is_some_and(|p| p.has_tag_name("entry")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(ids, [other, url]);
    // A link retargeted to the other article is encoded once, not twice.
    assert!(atom.contains(&format!("href=&quot;{other}")), "{atom}");
    assert!(!atom.contains("%2520"), "{atom}");
}

#[test]
fn pages_outside_the_archive_are_built_and_linked_from_the_foot_of_every_page() {
    let site = SiteTest::minimal();
    site.write(
        "content/about.md",
        "+++\ntitle = \"About this archive\"\nsummary = \"Who keeps it.\"\n+++\n\nWe keep op-eds. [Write to us](pages/policies/contact.md).[^1]\n\n[^1]: Since 2019.\n",
    )
    .write(
        "content/pages/policies/contact.md",
        "---\ntitle: Contact\nlanguage: fr\nweight: 1\n---\n\nThe desk reads every letter.\n",
    )
    .write(
        "content/pages/wip.md",
        "+++\ntitle = \"Work in progress\"\ndraft = true\n+++\n\nNot yet.\n",
    )
    // Dated, it is an article wherever it is.
    .write(
        "content/pages/dated.md",
        "+++\ntitle = \"A dated piece\"\ndate = 2020-01-02\n+++\n\nRead [about us](../about.md).\n",
    )
    .build();
    let public = site.root.join("public");
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let about = site.html("about/index.html");
    let text = |page: &scraper::Html, selector: &str| -> String {
        page.select(&sel(selector))
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
            .join("|")
    };
    assert_eq!(text(&about, "main h1"), "About this archive");
    assert!(text(&about, ".footnotes li").contains("Since 2019."));
    assert!(site
        .page("about/index.html")
        .contains("<meta name=\"description\" content=\"Who keeps it.\">"));
    assert!(site
        .page("policies/contact/index.html")
        .contains("The desk reads every letter."));
    assert!(!public.join("wip").exists(), "a draft page is left out");
    // The foot of every page links to each page: those with a weight first, the
    // lightest first, then the others by title.
    for page in ["index.html", "pages/dated/index.html", "about/index.html"] {
        let html = site.html(page);
        assert_eq!(
            text(&html, ".site-footer a:not([href$='atom.xml'])"),
            "Contact|About this archive",
            "{page}"
        );
    }
    // A page in another language than the site's is named in it.
    assert!(site
        .page("index.html")
        .contains("<a href=\"policies/contact/index.html\" lang=\"fr\" dir=\"ltr\">Contact</a>"));
    let dated = site.page("pages/dated/index.html");
    assert!(dated.contains("href=\"../../about/index.html\""), "{dated}");
    // Not in the archive's lists and feeds; in the sitemap.
    for list in ["index.html", "archive/index.html", "atom.xml"] {
        let html = site.page(list);
        assert!(
            !html.contains("We keep op-eds") && !html.contains(">About this archive</a></h"),
            "{list}"
        );
    }
    assert!(site.page("atom.xml").contains("A dated piece"));
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("https://example.org/about/"), "{sitemap}");
    assert!(
        sitemap.contains("https://example.org/policies/contact/"),
        "{sitemap}"
    );
}

#[test]
fn what_a_page_cannot_have_is_named_at_its_line() {
    let site = SiteTest::minimal();
    site.write(
        "content/about.md",
        "+++\ntitle = \"About\"\ntags = [\"x\"]\n+++\n\nWords.\n",
    )
    .write("content/faq.md", "+++\ntitle = \"FAQ\"\n+++\n\nWords.\n")
    .write(
        "content/faq.annotations.toml",
        "[[note]]\nquote = \"Words\"\nbody = \"A note.\"\n",
    )
    .write(
        "content/pages/tags.md",
        "+++\ntitle = \"Tags\"\n+++\n\nWords.\n",
    )
    .write("content/index.md", "+++\ntitle = \"Home\"\n+++\n\nWords.\n")
    .write(
        "content/pages/links.md",
        "+++\ntitle = \"Links\"\n+++\n\nSee [the lost one](lost.md).\n",
    )
    .write(
        "content/2020/weighed.md",
        "+++\ntitle = \"Weighed\"\ndate = 2020-01-02\nweight = 2\n+++\n\nWords.\n",
    );
    let out = site.gloss(&["check"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "a page has no `tags`",
        "content/about.md:3:1",
        "pages take no notes",
        "to annotate it, make it an article: give it a `date`",
        "this page, tags/, would take the place of gloss's own `tags`",
        "this page would take the place of the home page",
        "`lost.md` leads to no file of the site",
        "content/pages/links.md:5:5",
        "an article has no `weight`",
        "content/2020/weighed.md:4:1",
        "5 errors",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
}

#[test]
fn a_draft_page_leaves_the_files_of_the_published_pages_beside_it() {
    let site = SiteTest::minimal();
    site.write("content/pages/seal.png", "png")
        .write(
            "content/pages/contact.md",
            "+++\ntitle = \"Contact\"\n+++\n\nOur seal: ![seal](seal.png)\n",
        )
        .write(
            "content/pages/wip.md",
            "+++\ntitle = \"Soon\"\ndraft = true\n+++\n\nNot yet.\n",
        );
    let out = site.gloss(&["build"]);
    assert!(out.status.success());
    // The build says what it left out, and how to see it.
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("1 draft left out (build with --drafts to see it)"),
        "{said}"
    );
    let public = site.root.join("public");
    assert!(public.join("pages/seal.png").is_file());
    assert!(!public.join("wip").exists());
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn a_chinese_article_s_reading_time_counts_its_characters() {
    let site = SiteTest::minimal();
    // 1,336 characters at 500 a minute and 167 full stops counted as words: four
    // minutes (with no spaces, the whole text was one word, and one minute).
    let text = "北京的会谈结束了。".repeat(167);
    site.write(
        "content/2021/talks.md",
        format!("+++\ntitle = \"会谈\"\ndate = 2021-03-01\nlanguage = \"zh\"\n+++\n{text}\n"),
    )
    .write(
        "content/2021/english.md",
        format!(
            "+++\ntitle = \"Talks\"\ndate = 2021-03-02\n+++\n{}\n",
            "The talks ended. ".repeat(150)
        ),
    )
    .build();
    let chinese = site.page("2021/talks/index.html");
    assert!(chinese.contains("4 min read"), "{chinese}");
    let english = site.page("2021/english/index.html");
    assert!(english.contains("2 min read"), "450 words at 230 a minute");
}

#[test]
fn an_article_in_another_language_says_so_to_crawlers_and_quotes_in_its_own_marks() {
    let site = SiteTest::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    site.write(
        "content/2020/fr.md",
        "+++\ntitle = \"Bonjour\"\ndate = 2020-01-02\nlanguage = \"fr-CA\"\n+++\nBonjour.\n",
    );
    site.write(
        "content/2020/en.md",
        "+++\ntitle = \"Hello\"\ndate = 2020-01-03\n+++\nHello.\n",
    );
    site.build();
    let french = site.page("2020/fr/index.html");
    assert!(
        french.contains("<meta property=\"og:locale\" content=\"fr_CA\">"),
        "{french}"
    );
    assert!(french.contains("\"inLanguage\":\"fr-CA\""), "{french}");
    let english = site.page("2020/en/index.html");
    assert!(
        english.contains("<meta property=\"og:locale\" content=\"en\">")
            && english.contains("\"inLanguage\":\"en\""),
        "{english}"
    );
    let css = site.page("style.css");
    assert!(
        css.contains("q { quotes: auto; }"),
        "the quotation marks are fixed"
    );
}

#[test]
fn a_term_is_named_by_its_commonest_spelling_and_then_by_the_one_with_its_accents() {
    let site = SiteTest::empty();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    );
    for (i, tags) in ["economie", "Économie", "Économie\", \"Ete", "Été"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/2020/a{i}.md"),
            format!(
                "+++\ntitle = \"A{i}\"\ndate = 2020-01-0{}\ntags = [\"{tags}\"]\n+++\nText.\n",
                i + 1
            ),
        );
    }
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the tag `economie` is written `Économie` in 2 articles"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the tag `Ete` is written `Été`"),
        "{stderr}"
    );
    site.build();
    let html = site.html("tags/index.html");
    let names: Vec<String> = html
        .select(&sel("main li a"))
        .map(|a| a.text().collect::<String>())
        .filter(|name| name != "Home")
        .collect();
    assert_eq!(names, ["Économie / economie", "Été / Ete"], "{names:?}");
}

#[test]
fn links_and_pictures_in_an_author_s_footnotes_lead_where_the_text_s_do() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nSee this.[^a] And [the other](b.md).\n\n[^a]: See [About](/about/), [the other](b.md) and ![map](/images/map.svg).\n",
    )
    .write(
        "content/2020/b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-03\n+++\nThe other one.\n",
    )
    .write("content/about.md", "+++\ntitle = \"About\"\n+++\nUs.\n")
    .write("content/images/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
    .build();
    let html = site.html("2020/a/index.html");
    let footnote = html
        .select(&sel(".footnotes li"))
        .next()
        .expect("a footnote");
    let links: Vec<&str> = footnote
        .select(&sel(
            "a[href]:not(.footnote-backref):not([role=doc-backlink])",
        ))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        ["../../about/index.html", "../../2020/b/index.html"],
        "{}",
        footnote.html()
    );
    assert_eq!(attr(&html, ".footnotes img", "src"), "../../images/map.svg");
    let public = site.root.join("public");
    let broken = Crawl::new(&public).broken(&public);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn templates_written_for_tera_1_find_its_text_filters() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"Tom & Jerry: <cats>?\"\ndate = 2020-01-02\nsummary = \"*Chase* and **run**.\"\n+++\nText.\n",
    )
    .write(
        "templates/partials/summary.html",
        "<li data-share=\"https://example.net/share?u={{ item.title | urlencode_strict }}\" data-path=\"{{ item.title | urlencode }}\">{{ item.summary_html | striptags | safe }}|{{ item.tags | json_encode }}|{{ \"<p> <b>x</b> </p>\" | spaceless | safe }}</li>\n",
    )
    .build();
    let home = site.page("index.html");
    assert!(
        home.contains(
            "data-share=\"https://example.net/share?u=Tom%20%26%20Jerry%3A%20%3Ccats%3E%3F\""
        ),
        "{home}"
    );
    assert!(
        home.contains("data-path=\"Tom%20%26%20Jerry%3A%20%3Ccats%3E%3F\""),
        "{home}"
    );
    assert!(
        home.contains(">Chase and run.|[]|<p><b>x</b></p></li>"),
        "{home}"
    );
    // JSON in a script: no title can close it.
    site.write(
        "content/2020/b.md",
        "+++\ntitle = \"Kim </script><b>& “Lee”\"\ndate = 2020-01-03\n+++\nText.\n",
    )
    .write(
        "templates/partials/summary.html",
        "<li><script>var t = {{ item.title | json_encode | safe }};</script></li>\n",
    )
    .build();
    let home = site.page("index.html");
    assert!(
        home.contains(r#"var t = "Kim \u003c/script\u003e\u003cb\u003e\u0026 “Lee”";"#),
        "{home}"
    );
}

// An article in another language than the site's reads in its language and direction
// in the site's feed too, and the feed's own words (the notes' heading, a note's kind)
// in the site's.
#[test]
fn a_feed_entry_in_another_language_reads_in_its_direction() {
    let site = SiteTest::minimal();
    site.write(
        "content/2021/cairo.md",
        "+++\ntitle = \"القاهرة\"\ndate = 2021-03-01\nlanguage = \"ar\"\n+++\nزار الوفد مدينة القاهرة في الربيع.[^1]\n\n[^1]: حاشية.\n",
    )
    .write(
        "content/2021/cairo.annotations.toml",
        "[[note]]\nquote = \"الوفد\"\nbody = \"The delegation.\"\n",
    )
    .write(
        "content/2021/paris.md",
        "+++\ntitle = \"Paris\"\ndate = 2021-03-02\n+++\nThe delegation reached Paris.\n",
    )
    .write(
        "content/2021/paris.annotations.toml",
        "[[note]]\nquote = \"delegation\"\nbody = \"Five people.\"\n",
    )
    .build();
    let feed = site.page("atom.xml");
    let html = feed
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    // Newest first: Paris, then Cairo.
    let (paris, cairo) = html
        .split_once("<title>القاهرة</title>")
        .expect("the Arabic entry");
    assert!(cairo.contains("<div lang=\"ar\" dir=\"rtl\">"), "{cairo}");
    assert!(
        cairo.contains(
            "<section class=\"gloss-notes\" role=\"doc-endnotes\" lang=\"en\" dir=\"ltr\">"
        ),
        "{cairo}"
    );
    assert!(
        cairo.contains("role=\"doc-endnotes\" lang=\"en\" dir=\"ltr\"><h2>Footnotes</h2><ol lang=\"ar\" dir=\"rtl\">"),
        "{cairo}"
    );
    // An article in the site's language is written as it was.
    assert!(!paris.contains(" lang=\""), "{paris}");
}
