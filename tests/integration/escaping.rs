//! Text from front matter and sidecars is escaped in every output, and the raw-HTML
//! policy holds: an editor's HTML in an article or note body is kept as written.

use crate::harness::{sel, SiteTest};

const EVIL: &str = "<script>alert(1)</script>";

fn site() -> SiteTest {
    let site = SiteTest::empty();
    let root = &site.root;
    std::fs::create_dir_all(root.join("content/2020")).expect("mkdir");
    std::fs::write(
        root.join("site.toml"),
        "title = \"T & <T>\"\nbase_url = \"https://example.org/\"\n",
    )
    .expect("site");
    let front = format!(
        "+++\ntitle = \"Title {EVIL} & \\\"q\\\"\"\ndate = 2020-01-02\nauthors = [\"Ann {EVIL}\"]\ntags = [\"tag {EVIL}\"]\nsummary = \"Sum {EVIL}\"\n[source]\nname = \"Src {EVIL}\"\nurl = \"https://example.com/?a=1&b=\\\"2\\\"\"\n+++\n"
    );
    let body = "Words with <em class=\"kept\">raw html</em> and a quote here.\n";
    std::fs::write(root.join("content/2020/evil.md"), format!("{front}{body}")).expect("article");
    std::fs::write(
        root.join("content/2020/evil.annotations.toml"),
        format!("[[note]]\nquote = \"quote here\"\nbody = \"Note <span class=\\\"raw\\\">kept</span>.\"\n[[note.sources]]\ntitle = \"T {EVIL}\"\nurl = \"https://example.com/x?y=1&z=2\"\n"),
    )
    .expect("sidecar");
    site
}

#[test]
fn names_and_titles_are_escaped_in_html_atom_and_json_ld() {
    let site = site();
    site.build();
    let mut outputs = vec![
        "2020/evil/index.html",
        "index.html",
        "atom.xml",
        "tags/tag-script-alert-1-script/index.html",
        "authors/index.html",
        "sources/index.html",
    ];
    outputs.retain(|p| site.root.join("public").join(p).exists());
    assert!(outputs.len() >= 5, "expected pages: {outputs:?}");
    for path in outputs {
        let text = site.page(path);
        let without_own_scripts = text
            .replace("<script src=", "")
            .replace("<script type=\"application/ld+json\">", "");
        assert!(
            !without_own_scripts.contains(EVIL),
            "{path} has unescaped markup"
        );
    }
    let page = site.html("2020/evil/index.html");
    let h1 = page
        .select(&sel("h1"))
        .next()
        .expect("h1")
        .text()
        .collect::<String>();
    assert_eq!(
        h1,
        format!("Title {EVIL} & “q”"),
        "the title reads as written, its straight quotes set as the body sets them"
    );
    let ld = page
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .expect("json-ld")
        .inner_html();
    assert!(!ld.contains("</script") && !ld.contains('<'), "{ld}");
    let value: serde_json::Value = serde_json::from_str(&ld).expect("valid JSON");
    assert_eq!(value["headline"], format!("Title {EVIL} & “q”"));
    let atom = site.page("atom.xml");
    roxmltree::Document::parse(&atom).expect("the feed stays well-formed");
}

#[test]
fn raw_html_written_by_the_editor_is_kept() {
    let site = site();
    site.build();
    let page = site.html("2020/evil/index.html");
    assert_eq!(page.select(&sel(".article-body em.kept")).count(), 1);
    assert!(page.select(&sel("#note-1 span.raw")).next().is_some());
}

#[test]
fn script_and_data_urls_are_refused() {
    let site = site();
    let sidecar = site.root.join("content/2020/evil.annotations.toml");
    let text = std::fs::read_to_string(&sidecar)
        .expect("read")
        .replace("https://example.com/x?y=1&z=2", "javascript:alert(1)");
    std::fs::write(&sidecar, text).expect("write");
    let out = site.gloss(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("`javascript:alert(1)`, which is not a web address"));
    let article = site.root.join("content/2020/evil.md");
    let text = std::fs::read_to_string(&article).expect("read").replace(
        "url = \"https://example.com/?a=1&b=\\\"2\\\"\"",
        "url = \"data:text/html,x\"",
    );
    std::fs::write(&article, text).expect("write");
    let out = site.gloss(&["check"]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("source url `data:text/html,x` is not a web address"));
    // An address without its scheme leads nowhere from a folder opened as files.
    let text = std::fs::read_to_string(&article)
        .expect("read")
        .replace("data:text/html,x", "//example.com/original");
    std::fs::write(&article, text).expect("write");
    let out = site.gloss(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("source url `//example.com/original` is not a web address"));
}

#[test]
fn an_article_source_given_as_a_path_names_a_file_of_the_site_from_its_folder() {
    let site = SiteTest::minimal();
    site.write(
        "content/2020/a.md",
        "+++\ntitle = \"A\"\ndate = 2020-01-01\n\n[source]\nname = \"The Paper\"\nurl = \"originals/a.pdf\"\n+++\nText.\n",
    )
    .write("content/2020/originals/a.pdf", "%PDF-1.4\n")
    .write(
        "content/2020/b.md",
        "+++\ntitle = \"B\"\ndate = 2020-01-02\n\n[source]\nname = \"The Paper\"\nurl = \"originals/missing.pdf\"\n+++\nText.\n",
    );
    let out = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("`originals/missing.pdf`") && stderr.contains("content/2020/b.md:7:"),
        "{stderr}"
    );
    assert!(!stderr.contains("originals/a.pdf"), "{stderr}");
    assert!(site.gloss(&["build"]).status.success());
    // The page links to the copy the build published, from the page's own folder.
    let html = std::fs::read_to_string(site.root.join("public/2020/a/index.html")).expect("page");
    assert!(
        html.contains("href=\"../../2020/originals/a.pdf\""),
        "{html}"
    );
    assert!(site.root.join("public/2020/originals/a.pdf").is_file());
}
