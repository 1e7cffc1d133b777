//! The search index of the example archive, read back as `search.js` reads it: a word
//! found only in a note leads to that note, a word of a context entry to the entry, and
//! every build writes the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use gloss::search::index::{decode, decode_gaps, file_stem, key};
use gloss::search::terms::terms;
use serde_json::Value;

use crate::harness::{sel, SiteTest};

/// The arguments of the one call a generated index file makes: the manifest's object,
/// or a shard's key or a chunk's number followed by its data (JSON inside a string).
fn argument(text: &str, call: &str) -> Value {
    let inner = text
        .trim_end()
        .strip_prefix(&format!("glossSearch.{call}("))
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a {call} call: {}", &text[..text.len().min(80)]));
    if call == "manifest" {
        return serde_json::from_str(inner).expect("valid JSON");
    }
    let parts: Vec<Value> = serde_json::from_str(&format!("[{inner}]")).expect("valid JSON");
    let data = parts[1].as_str().expect("data as a string");
    Value::Array(vec![
        parts[0].clone(),
        serde_json::from_str(data).expect("data is JSON"),
    ])
}

/// What `search.js` finds for one word: each document's record, with its article's
/// record when it is a note.
struct Index<'a> {
    site: &'a SiteTest,
    manifest: Value,
    split: BTreeSet<String>,
    starts: Vec<u32>,
}

impl<'a> Index<'a> {
    fn open(site: &'a SiteTest) -> Self {
        let manifest = argument(&site.page("search/manifest.js"), "manifest");
        let words = |name: &str| -> BTreeSet<String> {
            manifest[name]
                .as_str()
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_owned)
                .collect()
        };
        let split = words("split");
        let starts = decode_gaps(manifest["chunks"].as_str().expect("chunks")).expect("gaps");
        Self {
            site,
            manifest,
            split,
            starts,
        }
    }

    fn documents(&self, word: &str) -> Vec<(Value, Option<Value>)> {
        let found = terms(word);
        assert_eq!(found.len(), 1, "{word} is one term");
        let term = &found[0].text;
        let key = key(term, &self.split);
        let shard_path = format!("search/shard-{}.js", file_stem(&key));
        let shard = argument(&self.site.page(&shard_path), "shard");
        assert_eq!(shard[0], key.as_str());
        let Some(list) = shard[1][term].as_str() else {
            return Vec::new();
        };
        decode(list)
            .expect("postings")
            .into_iter()
            .map(|posting| {
                let chunk = self.starts.partition_point(|&s| s <= posting.doc) - 1;
                let docs = argument(&self.site.page(&format!("search/docs-{chunk}.js")), "docs");
                assert_eq!(docs[0], chunk);
                let at = (posting.doc - self.starts[chunk]) as usize;
                let record = docs[1][at].clone();
                let article = (record[0] == "n").then(|| {
                    let back = record[1].as_u64().expect("back") as usize;
                    docs[1][at - back].clone()
                });
                (record, article)
            })
            .collect()
    }
}

#[test]
fn a_word_found_only_in_a_note_points_to_that_note() {
    let site = SiteTest::new(".");
    site.build();
    let index = Index::open(&site);
    let found = index.documents("Sofitel");
    assert_eq!(found.len(), 1, "{found:?}");
    let (note, article) = &found[0];
    assert_eq!(note[0], "n");
    let article = article.as_ref().expect("its article");
    assert_eq!(article[0], "a");
    assert_eq!(article[2], "2019/trump-left-hanoi/index.html");
    let number = note[2].as_u64().expect("number");
    assert!(note[5].as_str().expect("body").contains("Sofitel"));
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
        let kinds: Vec<&str> = found.iter().filter_map(|(r, _)| r[0].as_str()).collect();
        assert_eq!(kinds, ["c"], "{word}");
        assert_eq!(found[0].0[2], "context/yongbyon/index.html");
    }
}

#[test]
fn article_passages_name_their_paragraph_and_fragment_words() {
    let site = SiteTest::new(".");
    site.build();
    let index = Index::open(&site);
    let found = index.documents("policymakers");
    assert_eq!(found.len(), 1);
    let (article, _) = &found[0];
    let passages = article[4].as_array().expect("passages");
    let passage = passages
        .iter()
        .find(|p| p[1].as_str().is_some_and(|t| t.contains("policymakers")))
        .expect("the paragraph");
    assert!(passage[0].as_u64().expect("block") > 0);
    assert_eq!(passage[2], "Scientists see failures as");
    assert_eq!(passage[3], "it mean going forward?");
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
        .next()
        .expect("a message for browsers without JavaScript")
        .inner_html();
    assert!(noscript.contains("Search needs JavaScript"), "{noscript}");
    assert!(search
        .select(&sel("#search-status[role=status][aria-live=polite]"))
        .next()
        .is_some());
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
