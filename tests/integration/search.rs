//! The search index of the example archive, read back as `search.js` reads it: a word
//! found only in a note leads to that note, a word of a context entry to the entry, a word
//! of the article to a paragraph id the page has; every build writes the same bytes, and
//! an index patched after edits equals one built from nothing.

use std::collections::BTreeMap;
use std::path::Path;

use gloss::anchor::{self, Anchored};
use gloss::config::{Config, Drafts, Overrides};
use gloss::render::Links;
use gloss::search::cards::PER_TERM;
use gloss::search::index::{decode, decode_gaps, utf16_order};
use gloss::search::store::{FIELD, PART, PASSAGE, RECORD, TERM};
use gloss::search::terms::{terms, Language};
use gloss::search::SearchCache;
use gloss::{load, parse};
use serde_json::Value;

use crate::harness::{sel, SiteTest};

/// The number and the strings of the one call a shard or chunk file makes: the
/// JavaScript strings, unescaped (they escape only `\` and `"`).
fn call(text: &str, name: &str) -> (usize, Vec<String>) {
    let inner = text
        .trim_end()
        .strip_prefix(&format!("glossSearch.{name}("))
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a {name} call: {}", &text[..text.len().min(80)]));
    let (n, mut rest) = inner.split_once(',').expect("a number, then strings");
    let mut strings = Vec::new();
    while let Some(literal) = rest.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = literal.char_indices();
        let end = loop {
            match chars.next().expect("a closed string") {
                (_, '\\') => out.push(chars.next().expect("escaped").1),
                (at, '"') => break at,
                (_, c) => out.push(c),
            }
        };
        strings.push(out);
        rest = literal[end + 1..]
            .strip_prefix(',')
            .unwrap_or(&literal[end + 1..]);
    }
    assert!(rest.is_empty(), "only strings after the number: {rest}");
    (n.parse().expect("a number"), strings)
}

/// A document's record split into its fields; article and context passages as
/// (paragraph number, text).
#[derive(Debug, Clone)]
struct Record {
    fields: Vec<String>,
    passages: Vec<(usize, String)>,
}

/// What `search.js` finds for one word: each document's record, with its article's
/// record when it is a note.
struct Index<'a> {
    site: &'a SiteTest,
    manifest: Value,
    firsts: Vec<String>,
    starts: Vec<u32>,
}

impl<'a> Index<'a> {
    fn open(site: &'a SiteTest) -> Self {
        let text = site.page("search/manifest.js");
        let json = text
            .trim_end()
            .strip_prefix("glossSearch.manifest(")
            .and_then(|t| t.strip_suffix(");"))
            .expect("a manifest call");
        let manifest: Value = serde_json::from_str(json).expect("JSON");
        let firsts = manifest["shards"]
            .as_str()
            .expect("shards")
            .split(' ')
            .map(str::to_owned)
            .collect();
        let starts = decode_gaps(manifest["chunks"].as_str().expect("chunks")).expect("gaps");
        Self {
            site,
            manifest,
            firsts,
            starts,
        }
    }

    fn chunk(&self, n: usize) -> Vec<String> {
        let (number, strings) = call(&self.site.page(&format!("search/docs-{n}.js")), "docs");
        assert_eq!(number, n);
        strings[0].split(RECORD).map(str::to_owned).collect()
    }

    fn record(records: &[String], at: usize) -> Record {
        let fields: Vec<String> = records[at].split(FIELD).map(str::to_owned).collect();
        let passages = if fields[0] == "n" {
            Vec::new()
        } else {
            fields[5]
                .split(PASSAGE)
                .map(|p| {
                    let (n, text) = p.split_once(PART).expect("number and text");
                    (n.parse().expect("number"), text.to_owned())
                })
                .collect()
        };
        Record { fields, passages }
    }

    fn documents(&self, word: &str) -> Vec<(Record, Option<Record>)> {
        let found = terms(word, Language::english());
        // A Chinese or Japanese word of two characters gives its last one alone too,
        // which `search.js` leaves out of a query.
        let alone = |t: &&gloss::search::terms::Term| t.text.chars().count() == 1;
        assert!(
            found.len() == 1 || found[1..].iter().all(|t| alone(&t)),
            "{word} is one term"
        );
        let term = &found[0].text;
        let n = self
            .firsts
            .partition_point(|f| utf16_order(f, term).is_le())
            .checked_sub(1)
            .expect("a shard");
        self.shard(n)
            .into_iter()
            .find(|(t, _, _)| t == term)
            .map(|(_, list, _)| {
                decode(&list)
                    .expect("postings")
                    .iter()
                    .map(|posting| self.document(posting.doc))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Each term of shard `n` with its encoded postings and its cards, split into fields.
    fn shard(&self, n: usize) -> Vec<(String, String, Vec<Vec<String>>)> {
        let (number, strings) = call(&self.site.page(&format!("search/shard-{n}.js")), "shard");
        assert_eq!(number, n);
        assert_eq!(strings.len(), 2, "postings, then cards");
        let pairs: Vec<&str> = strings[0].split(' ').collect();
        let cards: Vec<&str> = strings[1].split(TERM).collect();
        assert_eq!(pairs.len(), 2 * cards.len(), "cards for every term");
        pairs
            .chunks(2)
            .zip(cards)
            .map(|(pair, cards)| {
                let cards = cards
                    .split(RECORD)
                    .filter(|c| !c.is_empty())
                    .map(|c| c.split(FIELD).map(str::to_owned).collect())
                    .collect();
                (pair[0].to_owned(), pair[1].to_owned(), cards)
            })
            .collect()
    }

    /// The record of document `doc`, with its article's record when it is a note.
    fn document(&self, doc: u32) -> (Record, Option<Record>) {
        let chunk = self.starts.partition_point(|&s| s <= doc) - 1;
        let records = self.chunk(chunk);
        let at = (doc - self.starts[chunk]) as usize;
        let record = Self::record(&records, at);
        let article = (record.fields[0] == "n").then(|| {
            let back: usize = record.fields[1].parse().expect("back");
            Self::record(&records, at - back)
        });
        (record, article)
    }
}

#[test]
fn each_term_carries_cards_of_the_documents_a_query_of_it_ranks_first() {
    let site = SiteTest::new(".");
    site.build();
    let index = Index::open(&site);
    let mut checked = 0;
    for n in 0..index.firsts.len() {
        for (term, list, cards) in index.shard(n) {
            let mut ranked = decode(&list).expect("postings");
            ranked.sort_by_key(|p| (std::cmp::Reverse(p.weight), p.doc));
            let best: Vec<String> = ranked
                .iter()
                .take(PER_TERM)
                .map(|p| p.doc.to_string())
                .collect();
            let carded: Vec<String> = cards.iter().map(|c| c[0].clone()).collect();
            assert_eq!(carded, best, "{term}");
            for card in &cards {
                let (record, article) = index.document(card[0].parse().expect("a number"));
                // A note's head is its number, kind, quote and its body's language; an
                // article's or entry's its title, link, date or aliases, and language.
                let (shown_in, window) = match (&article, card[1].as_str()) {
                    (Some(article), "n") => {
                        assert_eq!(
                            card[2..6],
                            record.fields[2..6],
                            "{term}: number, kind, quote, language"
                        );
                        assert_eq!(
                            card[9..],
                            article.fields[1..5],
                            "{term}: its article's title, link, date, language"
                        );
                        (vec![record.fields[6].clone()], &card[8])
                    }
                    (None, "a" | "c" | "p") => {
                        assert_eq!(
                            card[2..6],
                            record.fields[1..5],
                            "{term}: title, link, date or aliases, language"
                        );
                        let number = &card[6];
                        let passages = record
                            .passages
                            .iter()
                            .filter(|(n, _)| n.to_string() == *number);
                        (passages.map(|(_, text)| text.clone()).collect(), &card[8])
                    }
                    _ => panic!("{term}: card {card:?} for record {:?}", record.fields),
                };
                assert!(
                    shown_in.iter().any(|text| text.contains(window.as_str())),
                    "{term}: {window:?} is a passage of its document"
                );
                let in_window = terms(window, Language::english())
                    .iter()
                    .any(|t| t.text == term);
                let heading = match card[1].as_str() {
                    "n" => record.fields[4].clone(),
                    "c" => format!("{} {}", record.fields[1], record.fields[3]),
                    _ => record.fields[1].clone(),
                };
                let in_heading = terms(&heading, Language::english())
                    .iter()
                    .any(|t| t.text == term);
                assert!(in_window || in_heading, "{term}: {window:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked} cards");
}

#[test]
fn a_word_found_only_in_a_note_points_to_that_note() {
    let site = SiteTest::new(".");
    site.build();
    let index = Index::open(&site);
    let found = index.documents("Sofitel");
    assert_eq!(found.len(), 1, "{found:?}");
    let (note, article) = &found[0];
    assert_eq!(note.fields[0], "n");
    let article = article.as_ref().expect("its article");
    assert_eq!(article.fields[0], "a");
    assert_eq!(article.fields[2], "2019/trump-left-hanoi/index.html");
    let number = &note.fields[2];
    assert!(note.fields[6].contains("Sofitel"));
    let page = site.html("2019/trump-left-hanoi/index.html");
    let entry = page
        .select(&sel(&format!("[role=doc-endnotes] li#note-{number}")))
        .next()
        .expect("the note's endnote");
    assert!(entry.text().collect::<String>().contains("Sofitel"));
}

#[test]
fn context_entries_are_found_by_body_and_alias() {
    let site = SiteTest::new(".");
    site.build();
    let index = Index::open(&site);
    for word in ["graphite", "Nyongbyon"] {
        let found = index.documents(word);
        let kinds: Vec<&str> = found.iter().map(|(r, _)| r.fields[0].as_str()).collect();
        assert_eq!(kinds, ["c"], "{word}");
        assert_eq!(found[0].0.fields[2], "context/yongbyon/index.html");
    }
}

#[test]
fn article_passages_link_to_paragraph_ids_the_page_has() {
    let site = SiteTest::new(".");
    site.build();
    let index = Index::open(&site);
    let found = index.documents("policymakers");
    assert_eq!(found.len(), 1);
    let (article, _) = &found[0];
    let page = site.html(&article.fields[2]);
    let (block, _) = article
        .passages
        .iter()
        .find(|(_, text)| text.contains("policymakers"))
        .expect("the paragraph");
    let target = page
        .select(&sel(&format!("#{}", gloss::search::paragraph_id(*block))))
        .next()
        .expect("the page has the result's target id");
    assert!(target.text().collect::<String>().contains("policymakers"));
    let mut linked = 0;
    for (block, text) in &article.passages {
        if *block == 0 {
            continue;
        }
        linked += 1;
        let id = gloss::search::paragraph_id(*block);
        let elements: Vec<_> = page.select(&sel(&format!("[id='{id}']"))).collect();
        assert_eq!(elements.len(), 1, "{id} once on the page");
        // A heading's id is an empty anchor at its start.
        let element = match elements[0].value().name() {
            "span" => scraper::ElementRef::wrap(elements[0].parent().expect("heading"))
                .expect("an element"),
            _ => elements[0],
        };
        let shown: String = element.text().collect();
        let first_word = text.split(' ').next().expect("a word");
        assert!(
            shown.contains(first_word),
            "{id}: {shown:?} lacks {first_word:?}"
        );
    }
    assert!(linked > 10, "most passages are paragraphs with ids");
    assert!(
        index.manifest["documents"].as_u64().expect("count") > 20,
        "one document per article, note and context entry"
    );
}

#[test]
fn every_page_has_a_search_form_that_leads_to_the_search_page() {
    let site = SiteTest::new(".");
    site.build();
    for (path, action) in [
        ("index.html", "search/index.html"),
        (
            "2019/trump-left-hanoi/index.html",
            "../../search/index.html",
        ),
        ("context/yongbyon/index.html", "../../search/index.html"),
    ] {
        let html = site.html(path);
        let form = html
            .select(&sel("header form[role=search]"))
            .next()
            .unwrap_or_else(|| panic!("{path} has no search form"));
        assert_eq!(form.value().attr("action"), Some(action), "{path}");
        assert!(form.select(&sel("input[name=q]")).next().is_some());
    }
    let search = site.html("search/index.html");
    let noscript = search
        .select(&sel("noscript"))
        .map(|n| n.inner_html())
        .find(|html| html.contains("search-nojs"))
        .expect("a message for browsers without JavaScript");
    assert!(noscript.contains("Search needs JavaScript"), "{noscript}");
    assert!(search.select(&sel("#search-status")).next().is_some());
    assert!(
        search
            .select(&sel("#search-live[role=status][aria-live=polite]"))
            .next()
            .is_some(),
        "a live region tells screen readers the count"
    );
}

#[test]
fn the_manifest_lists_the_terms_most_documents_hold_most_held_first() {
    let site = SiteTest::new(".");
    site.build();
    let index = Index::open(&site);
    let common: Vec<&str> = index.manifest["common"]
        .as_str()
        .expect("common terms")
        .split(' ')
        .collect();
    assert!(common.len() > 100, "{common:?}");
    let held = |term: &str| {
        let n = index
            .firsts
            .partition_point(|f| utf16_order(f, term).is_le())
            .checked_sub(1)
            .expect("a shard");
        let list = index
            .shard(n)
            .into_iter()
            .find(|(t, _, _)| t == term)
            .map(|(_, list, _)| list)
            .unwrap_or_else(|| panic!("{term} is in its shard"));
        decode(&list).expect("postings").len()
    };
    let counts: Vec<usize> = common.iter().map(|t| held(t)).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most held first: {counts:?}"
    );
    assert!(common.iter().all(|t| t.chars().count() >= 3));
    assert!(common.len() <= gloss::search::COMMON_TERMS);
    // The article's own words are among them.
    assert!(common.contains(&"summit"), "{common:?}");
}

#[test]
fn the_index_is_the_same_bytes_on_every_build() {
    let read = |site: &SiteTest| -> BTreeMap<String, Vec<u8>> {
        let dir = site.root.join("public/search");
        std::fs::read_dir(&dir)
            .expect("search folder")
            .map(|entry| {
                let entry = entry.expect("entry");
                let name = entry.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(entry.path()).expect("read"))
            })
            .collect()
    };
    let first = SiteTest::new(".");
    first.build();
    let second = SiteTest::new(".");
    second.build();
    let (a, b) = (read(&first), read(&second));
    assert!(a.len() > 3);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(b[name] == *bytes, "{name} differs between builds");
    }
}

fn anchored(root: &Path) -> (Anchored, Links) {
    let config = Config::load(root, Overrides::default()).expect("config");
    let content = load::content_dir(&config.root, &config.content_dir).expect("load");
    let parsed = parse::content(content, Drafts::Exclude).expect("parses");
    (
        anchor::content(parsed).expect("anchors"),
        Links::new(&config),
    )
}

/// Patches the index kept in `cache` and builds it from nothing; demands the same files.
fn same_as_fresh(
    root: &Path,
    cache: &mut SearchCache,
    step: &str,
) -> BTreeMap<String, bytes::Bytes> {
    let (anchored, links) = anchored(root);
    let patched = gloss::search::index_files(&anchored, &links, "en", cache);
    let fresh = gloss::search::index_files(&anchored, &links, "en", &mut SearchCache::default());
    let patched: BTreeMap<String, bytes::Bytes> =
        patched.into_iter().map(|f| (f.path, f.bytes)).collect();
    let fresh: BTreeMap<String, bytes::Bytes> =
        fresh.into_iter().map(|f| (f.path, f.bytes)).collect();
    assert_eq!(
        patched.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "{step}: different files"
    );
    for (path, bytes) in &patched {
        assert!(
            *bytes == fresh[path],
            "{step}: {path} differs from a fresh build"
        );
    }
    patched
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn an_index_patched_after_edits_equals_one_built_from_nothing() {
    let site = SiteTest::empty();
    crate::archive::generate(&site.root, 300);
    let root = site.root.clone();
    // Words of their own, so that the terms fill several shards.
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let path = entry.expect("entry").into_path();
        if path.extension().is_some_and(|e| e == "md")
            && !path.starts_with(root.join("content/context"))
        {
            let text = std::fs::read_to_string(&path).expect("read");
            let stem = path
                .file_stem()
                .expect("name")
                .to_string_lossy()
                .replace('-', "");
            let words: Vec<String> = (0..30).map(|k| format!("{stem}w{k}")).collect();
            std::fs::write(&path, format!("{text}\n{}.\n", words.join(" "))).expect("write");
        }
    }
    let mut cache = SearchCache::keeping();
    let first = same_as_fresh(&root, &mut cache, "first build");
    assert!(
        first.keys().filter(|p| p.contains("/docs-")).count() > 1,
        "several chunks: {:?}",
        first.keys().collect::<Vec<_>>()
    );

    edit(
        &root.join("content/2017/article-000.md"),
        "Second paragraph about the topic.",
        "Second paragraph about the zeppelin.",
    );
    let edited = same_as_fresh(&root, &mut cache, "edit an article");
    for kind in ["/docs-", "/shard-"] {
        let kept = first
            .iter()
            .filter(|(path, _)| path.contains(kind))
            .filter(|(path, bytes)| {
                edited
                    .get(*path)
                    .is_some_and(|b| b.as_ptr() == bytes.as_ptr())
            })
            .count();
        assert!(
            kept > 0,
            "no {kind} file was kept as it was: {:?}",
            first.keys().collect::<Vec<_>>()
        );
    }

    // A word counted twice and the document a word longer: only the lists whose shipped
    // weights moved are made again, and the result is still the fresh one.
    edit(
        &root.join("content/2017/article-000.md"),
        "about the zeppelin.",
        "about the zeppelin, the zeppelin again.",
    );
    same_as_fresh(&root, &mut cache, "count a word twice");

    std::fs::write(
        root.join("content/2019/new-one.md"),
        "+++\ntitle = \"A new one\"\ndate = 2019-12-31\n+++\nFresh text about zeppelins.\n",
    )
    .expect("add");
    same_as_fresh(&root, &mut cache, "add an article");

    std::fs::remove_file(root.join("content/2018/article-004.md")).expect("delete");
    std::fs::remove_file(root.join("content/2018/article-004.annotations.toml"))
        .expect("delete sidecar");
    same_as_fresh(&root, &mut cache, "delete an article");

    let sidecar = root.join("content/2017/article-003.annotations.toml");
    let text = std::fs::read_to_string(&sidecar).expect("read");
    std::fs::write(
        &sidecar,
        format!("{text}\n[[note]]\nquote = \"First paragraph\"\nbody = \"A third note.\"\n"),
    )
    .expect("add a note");
    same_as_fresh(&root, &mut cache, "add a note");

    edit(
        &root.join("content/context/alpha.md"),
        "About *alpha*.",
        "All about *alpha*.",
    );
    same_as_fresh(&root, &mut cache, "change a context entry a note shows");
}

#[test]
fn a_chinese_or_japanese_word_inside_a_sentence_is_found() {
    let site = SiteTest::minimal();
    site.write(
            "content/2021/capital.md",
            "+++\ntitle = \"Capitals\"\ndate = 2021-03-01\n+++\n北京是中国的首都。東京は日本の首都で、港湾局がある。\n",
        )
        .build();
    let index = Index::open(&site);
    for word in ["首都", "北京", "港湾", "日本"] {
        let found = index.documents(word);
        assert_eq!(found.len(), 1, "{word}: {found:?}");
        assert_eq!(found[0].0.fields[2], "2021/capital/index.html", "{word}");
    }
    assert!(
        index.documents("京都").is_empty(),
        "no such pair in the text"
    );
}

#[test]
fn a_chinese_or_japanese_character_that_ends_its_run_is_indexed_alone() {
    let site = SiteTest::minimal();
    site.write(
        "content/2022/pet.md",
        "+++\ntitle = \"我的宠物\"\ndate = 2022-01-01\n+++\n我有一只猫，猫很可爱。我也有一条狗。\n",
    )
    .build();
    let index = Index::open(&site);
    // `search.js` finds a character elsewhere among the pairs it starts (`猫很`).
    for word in ["猫", "狗", "爱", "猫很"] {
        assert_eq!(index.documents(word).len(), 1, "{word}");
    }
    assert!(
        index.documents("很").is_empty(),
        "inside its run, only in pairs"
    );
}

#[test]
fn an_article_is_found_by_its_footnotes_authors_and_publication() {
    let site = SiteTest::minimal();
    site.write(
            "content/2021/summit.md",
            "+++\ntitle = \"Summit\"\ndate = 2021-03-01\nauthors = [\"Ottoline Quarrington\"]\n[source]\nname = \"Brackenbury Ledger\"\n+++\nThe talks ended.[^1]\n\n[^1]: Reported by the Zanzibari envoy.\n",
        )
        .build();
    let index = Index::open(&site);
    let path = "2021/summit/index.html";
    // Passages without a paragraph number: results link to their words on the page
    // (the byline's, as the page writes them).
    found_in_passage(&index, "Zanzibari", path, 0);
    for word in ["Quarrington", "Brackenbury"] {
        found_in_passage(&index, word, path, 0);
    }
    let page = site.page(path);
    assert!(page.contains(">Ottoline Quarrington</a>"), "{page}");
    assert!(page.contains(">Brackenbury Ledger</a>"), "{page}");
}

#[test]
fn a_word_of_a_table_cell_links_to_the_cell() {
    let site = SiteTest::minimal();
    site.write(
        "content/2021/congo.md",
        "+++\ntitle = \"The sitatunga of Congo\"\ndate = 2021-03-01\n+++\nAntelopes swim.\n\n| Animal | Range |\n| - | - |\n| The sitatunga of Congo | swamps |\n\nAfter the table.\n",
    )
    .write(
        "content/2021/congo.annotations.toml",
        "[[note]]\nquote = \"sitatunga\"\nbody = \"An antelope.\"\n",
    )
    .build();
    let index = Index::open(&site);
    let found = index.documents("swamps");
    assert_eq!(found.len(), 1);
    let (article, _) = &found[0];
    let (block, text) = article
        .passages
        .iter()
        .find(|(_, text)| text.contains("swamps"))
        .expect("the cell's passage");
    assert_eq!(text, "swamps");
    let page = site.html(&article.fields[2]);
    let cell = page
        .select(&sel(&format!("td#{}", gloss::search::paragraph_id(*block))))
        .next()
        .expect("the cell has the passage's id");
    assert_eq!(cell.text().collect::<String>(), "swamps");
    // A cell holding a note's marker, whose words stand earlier on the page too.
    let (block, _) = article
        .passages
        .iter()
        .find(|(_, text)| text == "The sitatunga of Congo")
        .expect("the cell's passage");
    let cell = page
        .select(&sel(&format!("td#{}", gloss::search::paragraph_id(*block))))
        .next()
        .expect("the cell has the passage's id");
    assert!(cell.text().collect::<String>().starts_with("The sitatunga"));
    // The paragraph after the table keeps the number it had.
    assert_eq!(article.passages.last().map(|(n, _)| *n), Some(6));
}

#[test]
fn an_article_is_found_by_its_summary() {
    let site = SiteTest::minimal();
    site.write(
        "content/2024/summ.md",
        "+++\ntitle = \"Summary test\"\ndate = 2024-03-03\nsummary = \"A *heliotrope* summary.\"\n+++\nBody text only.\n",
    )
    .build();
    let index = Index::open(&site);
    // A passage without a paragraph number: the article page does not show it.
    found_in_passage(&index, "heliotrope", "2024/summ/index.html", 0);
    let (article, _) = &index.documents("heliotrope")[0];
    assert!(article
        .passages
        .iter()
        .any(|(_, text)| text == "A heliotrope summary."));
    assert_eq!(article.passages[0], (1, "Body text only.".to_owned()));
}

#[test]
fn articles_that_rank_the_same_come_newest_first() {
    let site = SiteTest::minimal();
    for (name, date) in [
        ("a", "2020-01-02"),
        ("b", "2020-01-10"),
        ("c", "2019-05-01"),
    ] {
        site.write(
            &format!("content/{name}/brief.md"),
            format!("+++\ntitle = \"Brief\"\ndate = {date}\n+++\nA zeppelin flew over.\n"),
        );
    }
    site.build();
    let index = Index::open(&site);
    let found: Vec<String> = index
        .documents("zeppelin")
        .into_iter()
        .map(|(record, _)| record.fields[3].clone())
        .collect();
    assert_eq!(found, ["2020-01-10", "2020-01-02", "2019-05-01"]);
}

/// Asserts that `word` finds one document, the article at `path`, in a passage of
/// paragraph number `number` (0: one beside its reading text, which the page numbers
/// not).
fn found_in_passage(index: &Index, word: &str, path: &str, number: usize) {
    let found = index.documents(word);
    assert_eq!(found.len(), 1, "{word}: {found:?}");
    let (record, _) = &found[0];
    assert_eq!(record.fields[2], path, "{word}");
    assert!(
        record
            .passages
            .iter()
            .any(|(n, text)| *n == number && text.contains(word)),
        "{word}: {:?}",
        record.passages
    );
}

#[test]
fn captions_and_html_are_searched_but_not_image_descriptions_or_scripts() {
    let site = SiteTest::minimal();
    site.write(
            "content/2021/harbour.md",
            "+++\ntitle = \"Harbour\"\ndate = 2021-03-01\n+++\nThe quay was rebuilt.\n\n![Cranes Wolverhampshire](quay.png \"The quay in 1953. Photo: Marisol Fenwright\")\n\n<figure>\n<img src=\"map.png\" alt=\"Ostrobothnian map\">\n<figcaption>The Kestrelmoor docks</figcaption>\n</figure>\n\n<script>var Zebulonique = 1;</script>\n<style>.Quaxwell { color: red }</style>\n",
        )
        .build();
    let index = Index::open(&site);
    for word in ["Fenwright", "Kestrelmoor"] {
        found_in_passage(&index, word, "2021/harbour/index.html", 0);
    }
    // What a reader does not see on the page.
    for word in [
        "Wolverhampshire",
        "Ostrobothnian",
        "Zebulonique",
        "Quaxwell",
    ] {
        assert!(index.documents(word).is_empty(), "{word}");
    }
    // A context entry's and a page's captions too.
    site.write(
        "content/context/port.md",
        "+++\ntitle = \"Port\"\n+++\nThe port.\n\n![Cranes](c.png \"Built by Thistlewaite\")\n",
    )
    .write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\nWho we are.\n\n<p class=\"credit\">Drawn by Pemberthwick</p>\n",
    )
    .build();
    let index = Index::open(&site);
    assert_eq!(index.documents("Thistlewaite")[0].0.fields[0], "c");
    assert_eq!(index.documents("Pemberthwick")[0].0.fields[0], "p");
}

#[test]
fn results_carry_the_language_and_direction_of_an_article_in_another_language() {
    let site = SiteTest::minimal();
    site.write(
        "content/2021/cairo.md",
        "+++\ntitle = \"القاهرة\"\ndate = 2021-03-01\nlanguage = \"ar\"\n+++\nزار الوفد مدينة القاهرة في الربيع.\n",
    )
    .write(
        "content/2021/cairo.annotations.toml",
        "[[note]]\nquote = \"الوفد\"\nbody = \"Quillfeather delegation.\"\n[[note]]\nquote = \"الربيع\"\nbody = \"عاصمة جمهورية مصر، Gladewick.\"\n",
    )
    .write(
        "content/2021/paris.md",
        "+++\ntitle = \"Paris\"\ndate = 2021-03-02\n+++\nThe delegation reached Paris.\n",
    )
    .build();
    let index = Index::open(&site);
    let article = index.documents("القاهرة");
    assert_eq!(article.len(), 1, "{article:?}");
    assert_eq!(
        article[0].0.fields[..5],
        [
            "a",
            "القاهرة",
            "2021/cairo/index.html",
            "2021-03-01",
            "ar rtl"
        ]
    );
    let (note, of) = &index.documents("Quillfeather")[0];
    assert_eq!(note.fields[0], "n");
    assert_eq!(
        of.as_ref().expect("its article").fields[4],
        "ar rtl",
        "a note's quote is in its article's language"
    );
    assert_eq!(
        note.fields[5], "",
        "an English body on an Arabic article is the site's"
    );
    let (arabic, _) = &index.documents("Gladewick")[0];
    assert_eq!(
        arabic.fields[5], "ar rtl",
        "an Arabic body is the article's"
    );
    let english = index.documents("Paris");
    assert_eq!(
        english[0].0.fields[4], "",
        "the site's own language is not repeated"
    );
    // The cards the shards carry say the same as the records.
    let card = |word: &str| {
        let term = terms(word, Language::english())[0].text.clone();
        let n = index
            .firsts
            .partition_point(|f| utf16_order(f, &term).is_le())
            - 1;
        let (_, _, cards) = index
            .shard(n)
            .into_iter()
            .find(|(t, _, _)| *t == term)
            .expect("the term");
        cards[0].clone()
    };
    assert_eq!(card("القاهرة")[5], "ar rtl");
    let note = card("Quillfeather");
    assert_eq!(note.last().map(String::as_str), Some("ar rtl"));
    assert_eq!(note[5], "", "the body's language: the site's");
    assert_eq!(card("Gladewick")[5], "ar rtl");
}

// A line break between two Japanese characters shows no space: not in the page (where
// Chromium, without CSS's segment break rule, would show one), nor in the note's quote,
// the summary and the meta description, nor in the cards of search results.
#[test]
fn a_line_break_between_japanese_characters_shows_no_space_anywhere() {
    let site = SiteTest::minimal();
    site.write(
        "content/2021/capital.md",
        "+++\ntitle = \"首都\"\ndate = 2021-03-01\nlanguage = \"ja\"\n+++\n政府は首都機能を\n移転する計画を発表した。\n",
    )
    .write(
        "content/2021/capital.annotations.toml",
        "[[note]]\nquote = \"首都機能を移転する\"\nbody = \"The relocation.\"\n",
    )
    .build();
    let joined = "首都機能を移転する";
    let page = site.page("2021/capital/index.html");
    let html = scraper::Html::parse_document(&page);
    let body: String = html
        .select(&sel(".article-body p"))
        .next()
        .expect("the paragraph")
        .text()
        .collect();
    assert!(body.contains("首都機能を"), "{body}");
    assert!(
        !body.contains("機能を\n") && !body.contains("機能を "),
        "{body:?}"
    );
    let quote: String = html
        .select(&sel("#note-1 q"))
        .next()
        .expect("the endnote's quote")
        .text()
        .collect();
    assert_eq!(quote, joined);
    let description = crate::harness::attr(&html, "meta[name=description]", "content");
    assert!(
        description.contains("政府は首都機能を移転する"),
        "{description}"
    );
    let home = site.page("index.html");
    assert!(
        home.contains("政府は首都機能を移転する"),
        "the summary in lists"
    );
    let index = Index::open(&site);
    let term = terms("首都", Language::english())[0].text.clone();
    let n = index
        .firsts
        .partition_point(|f| utf16_order(f, &term).is_le())
        - 1;
    let (_, _, cards) = index
        .shard(n)
        .into_iter()
        .find(|(t, _, _)| *t == term)
        .expect("the term");
    let article = cards
        .iter()
        .find(|c| c[1] == "a")
        .expect("the article's card");
    assert!(
        article[8].contains("政府は首都機能を移転する"),
        "{article:?}"
    );
}

// A context entry may give its own language, as an article or a page does: its page,
// the context index, a note showing its summary and search give its words that language
// and its direction, while the page's own words stay in the site's.
#[test]
fn a_context_entry_in_another_language_reads_in_it() {
    let site = SiteTest::minimal();
    site.write(
        "content/context/cairo.md",
        "+++\ntitle = \"القاهرة\"\nlanguage = \"ar\"\nsummary = \"عاصمة مصر وأكبر مدنها.\"\n+++\nتقع القاهرة على نهر النيل، Wendlebury.\n",
    )
    .write(
        "content/2021/visit.md",
        "+++\ntitle = \"The visit\"\ndate = 2021-03-01\n+++\nThe delegation reached Cairo in spring.\n",
    )
    .write(
        "content/2021/visit.annotations.toml",
        "[[note]]\nquote = \"Cairo\"\nref = \"cairo\"\n",
    );
    let check = site.gloss(&["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    site.build();
    let entry = site.html("context/cairo/index.html");
    let arabic = |page: &scraper::Html, selector: &str| {
        let lang = crate::harness::attr(page, selector, "lang");
        let dir = crate::harness::attr(page, selector, "dir");
        assert_eq!((lang.as_str(), dir.as_str()), ("ar", "rtl"), "{selector}");
    };
    arabic(&entry, "h1");
    arabic(&entry, ".summary");
    arabic(&entry, ".article-body");
    assert_eq!(
        crate::harness::attr(&entry, "meta[property='og:locale']", "content"),
        "ar"
    );
    assert_eq!(crate::harness::attr(&entry, "html", "lang"), "en");
    arabic(&site.html("context/index.html"), ".entry-list a");
    arabic(
        &site.html("2021/visit/index.html"),
        "#note-1 .gloss-entry span",
    );
    let index = Index::open(&site);
    let (record, _) = &index.documents("Wendlebury")[0];
    assert_eq!(record.fields[..1], ["c"]);
    assert_eq!(record.fields[4], "ar rtl");
    let (note, _) = &index
        .documents("Cairo")
        .into_iter()
        .find(|(r, _)| r.fields[0] == "n")
        .expect("the note");
    assert_eq!(
        note.fields[5], "ar rtl",
        "the entry's summary, in its language"
    );

    site.write(
        "content/context/cairo.md",
        "+++\ntitle = \"القاهرة\"\nlanguage = \"arabic\"\n+++\nText.\n",
    );
    let check = site.gloss(&["check"]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("language `arabic` is not a language tag"),
        "{stderr}"
    );
}
