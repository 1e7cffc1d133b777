//! A site in another language says its own words: `[labels]` in `site.toml` reaches every
//! page, the words the renderer writes itself, the dates, and the browser scripts; an
//! unknown label is an error at its line.

use crate::harness::{attr, text, SiteTest};

const FRENCH: &str = r#"title = "Archives"
base_url = "https://example.org/"
language = "fr"

[labels]
archive = "Archives"
tags = "Mots-clés"
notes = "Notes de contexte"
note_marker = "Note {n}"
footnotes = "Notes de l'auteur"
footnote_marker = "Note de l'auteur {n}"
reading_time = "{n} min de lecture"
note_count = "{n} notes"
note_count_one = "une note"
back_to_note = "Retour à la note {n}"
link_to_passage = "Lien vers ce passage"
kind_context = "contexte"
tag_heading = "Mot-clé : {name}"
table_number = "Tableau {n}"
done = "Fait"
page_not_found = "Page introuvable"
date = "{day} {month} {year}"
month_year = "{month} {year}"
months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
close_note = "Fermer la note {n}"
no_results_for = "Aucun résultat pour « {query} »."
"#;

fn french_site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.toml", FRENCH)
        .write(
            "content/2019/sommet.md",
            "+++\ntitle = \"Le sommet\"\ndate = 2019-08-06\ntags = [\"Corée\"]\n+++\n\nLe sommet de Hanoï a échoué.[^1]\n\n- [x] promesse tenue\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n[^1]: Selon les diplomates.\n",
        )
        .write(
            "content/2019/sommet.annotations.toml",
            "[[note]]\nquote = \"Hanoï\"\nbody = \"La capitale du Viêt Nam.\"\n",
        );
    site
}

#[test]
fn a_site_s_labels_are_the_words_of_every_page() {
    let site = french_site();
    site.build();
    let page = site.html("2019/sommet/index.html");
    assert_eq!(text(&page, "#notes-title"), "Notes de contexte");
    assert_eq!(text(&page, "#footnotes-title"), "Notes de l'auteur");
    assert_eq!(text(&page, ".gloss-marker"), "Note 1");
    assert_eq!(text(&page, ".footnote-ref a"), "Note de l'auteur 1");
    assert_eq!(text(&page, ".article-meta"), "1 min de lecture · une note");
    assert_eq!(text(&page, ".byline time"), "6 août 2019");
    assert_eq!(text(&page, ".gloss-note .gloss-kind"), "contexte");
    assert_eq!(text(&page, ".gloss-share a"), "Lien vers ce passage");
    assert_eq!(text(&page, ".site-sections li:nth-child(2) a"), "Mots-clés");
    let attr = |selector: &str, name: &str| attr(&page, selector, name);
    assert_eq!(attr(".gloss-backlink", "aria-label"), "Retour à la note 1");
    assert_eq!(attr(".table-scroll", "aria-label"), "Tableau 1");
    assert_eq!(attr("input[type=checkbox]", "aria-label"), "Fait");
    // The scripts get what they say from the page.
    let labels: serde_json::Value =
        serde_json::from_str(&attr("body", "data-labels")).expect("JSON labels");
    assert_eq!(labels["close_note"], "Fermer la note {n}");
    assert_eq!(labels["months"][7], "août");
    assert_eq!(labels["more"], "More", "labels not given stay English");
    // They stand after the character set, which must come in the first 1,024 bytes.
    let html = site.page("2019/sommet/index.html");
    assert!(
        html.find("<meta charset").is_some_and(|at| at < 1024),
        "{html}"
    );
    // Lists, the date archive and the missing page.
    let tag = site.html("tags/coree/index.html");
    assert_eq!(text(&tag, "h1"), "Mot-clé : Corée");
    let month = site.page("archive/2019/08/index.html");
    assert!(month.contains("août 2019"), "{month}");
    assert!(site.page("404.html").contains("Page introuvable"));
    // The feed carries the article as its page shows it.
    let atom = site.page("atom.xml");
    assert!(atom.contains("Notes de contexte"), "{atom}");
}

#[test]
fn an_english_site_gives_its_scripts_no_labels() {
    let site = SiteTest::minimal();
    site.write(
        "content/2019/a.md",
        "+++\ntitle = \"A\"\ndate = 2019-03-06\n+++\nWords on Hanoi.\n",
    )
    .write(
        "content/2019/a.annotations.toml",
        "[[note]]\nquote = \"Hanoi\"\nbody = \"A city.\"\n",
    )
    .build();
    let page = site.page("2019/a/index.html");
    assert!(!page.contains("data-labels"), "{page}");
    assert!(page.contains("March 6, 2019"), "{page}");
    assert!(
        page.contains("<span class=\"gloss-vh\">Note </span>1</a>"),
        "{page}"
    );
}

#[test]
fn an_unknown_label_is_named_at_its_line_with_the_one_meant() {
    let site = french_site();
    let settings = FRENCH
        .replace("\nnotes = ", "\nnots = ")
        .replace("\ndone = ", "\ndonne = ");
    site.write("site.toml", settings);
    let out = site.gloss(&["check"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown label `nots`"), "{stderr}");
    assert!(stderr.contains("site.toml:8:1"), "{stderr}");
    assert!(stderr.contains("did you mean `notes`?"), "{stderr}");
    // Every wrong label in one run: a translation has many.
    assert!(stderr.contains("unknown label `donne`"), "{stderr}");
    assert!(stderr.contains("2 errors"), "{stderr}");
}

#[test]
fn counts_take_the_plural_forms_of_the_site_s_language() {
    let site = SiteTest::empty();
    site.write(
        "site.toml",
        "title = \"Архив\"\nbase_url = \"https://example.org/\"\nlanguage = \"ru\"\n\n[labels]\nnote_count = \"{n} заметки\"\nnote_count_one = \"{n} заметка\"\nnote_count_few = \"{n} заметки\"\nnote_count_many = \"{n} заметок\"\narticle_count = \"{n} статьи\"\narticle_count_one = \"{n} статья\"\narticle_count_few = \"{n} статьи\"\narticle_count_many = \"{n} статей\"\n",
    );
    // Articles with 1, 3, 5 and 21 notes, all under one tag.
    for (day, notes) in [(1, 1), (2, 3), (3, 5), (4, 21)] {
        let words: Vec<String> = (1..=notes).map(|i| format!("слово{i}х")).collect();
        site.write(
            &format!("content/2019/s{notes}.md"),
            format!(
                "+++\ntitle = \"Статья {notes}\"\ndate = 2019-03-0{day}\ntags = [\"Корея\"]\n+++\n\n{}.\n",
                words.join(" ")
            ),
        );
        let sidecar: String = words
            .iter()
            .map(|w| format!("[[note]]\nquote = \"{w}\"\nbody = \"Пояснение.\"\n\n"))
            .collect();
        site.write(&format!("content/2019/s{notes}.annotations.toml"), sidecar);
    }
    site.build();
    let meta = |notes: u32| {
        text(
            &site.html(&format!("2019/s{notes}/index.html")),
            ".article-meta a",
        )
    };
    assert_eq!(meta(1), "1 заметка");
    assert_eq!(meta(3), "3 заметки");
    assert_eq!(meta(5), "5 заметок");
    assert_eq!(meta(21), "21 заметка");
    let tag = site.html("tags/koreia/index.html");
    let lede = text(&tag, ".lede");
    assert!(lede.starts_with("4 статьи"), "{lede}");
}

#[test]
fn a_plural_form_the_language_lacks_is_named_at_its_line() {
    let site = french_site();
    site.write(
        "site.toml",
        FRENCH.replace(
            "note_count_one = \"une note\"\n",
            "note_count_one = \"une note\"\nnote_count_few = \"{n} notes\"\n",
        ),
    );
    let out = site.gloss(&["check"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "label `note_count_few` is never used: counts in `fr` take the forms one, many, other"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("site.toml:15:1"), "{stderr}");
}
