//! Measures edit-to-rebuilt as an editor meets it: from saving an article to `gloss
//! serve` serving the changed page, the watcher's quiet period and the HTTP round trip
//! included.
//!
//! Usage: `cargo run --release --example serve_latency -- SITE_DIR [EDITS] [WHAT]` (a
//! site made by `gen_corpus`, for example; `cargo build --release` first, as it runs
//! `target/release/gloss`). It starts `gloss serve` on a free port, waits for the first
//! build, then EDITS times (default 20) saves the first article (a temporary file
//! renamed over it, as editors save), polls the article's page every millisecond until
//! the edit is there, and prints the median, minimum and maximum. WHAT is the edit:
//! `text` (default) adds a sentence to the article, `note` changes the first note body
//! of its sidecar, `title` changes its title (which every list showing it shows too),
//! `tag` adds a tag (a new tag page, and the archive's index changes).
//! Saves are a second apart, like a person's. The files are restored at the end.

#[path = "common/mod.rs"]
mod common;

#[path = "../tests/support/serve.rs"]
mod running;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use running::{get, save};

fn main() {
    let (config, edits, rest) =
        common::site_args("serve_latency SITE_DIR [EDITS] [text|note|title|tag]", 20);
    let root = config.root.clone();
    let what = rest.into_iter().next().unwrap_or_else(|| "text".to_owned());
    let article = common::first_article(&config.content_dir).expect("the site has an article");
    let sidecar = article.with_extension("annotations.toml");
    let edited = if what == "note" { &sidecar } else { &article };
    let original = std::fs::read_to_string(edited).expect("read the file to edit");
    let edit = |marker: &str| -> String {
        match what.as_str() {
            "text" => format!("{original}\n{marker}\n"),
            "note" if original.contains("body = \"\"\"\n") => {
                original.replacen("body = \"\"\"\n", &format!("body = \"\"\"\n{marker} "), 1)
            }
            "note" => original.replacen("body = \"", &format!("body = \"{marker} "), 1),
            "title" => original.replacen("title = \"", &format!("title = \"{marker} "), 1),
            "tag" => original.replacen("tags = [\"", &format!("tags = [\"{marker}\", \""), 1),
            other => panic!("unknown edit {other:?}: text, note, title or tag"),
        }
    };
    assert_ne!(
        edit("x"),
        original,
        "the {what} edit changes {}",
        edited.display()
    );
    let page = page_of(&config.content_dir, &article);

    let exe = std::env::current_exe().expect("own path");
    let gloss = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("gloss"))
        .filter(|p| p.exists())
        .expect("target/release/gloss: run `cargo build --release` first");
    let started = Instant::now();
    let server = running::start(&gloss, &root, Stdio::inherit());
    let (address, rebuilds) = (&server.address, &server.output);
    let (status, _) = get(address, &page);
    assert_eq!(status, 200, "{page} is served");
    println!(
        "serving {} articles' site at {address}, ready after {:.1} s",
        config.content_dir.display(),
        started.elapsed().as_secs_f64()
    );
    // One save first: the first rebuild after start looks at every file once.
    let mut times = Vec::with_capacity(edits);
    for i in 0..=edits {
        std::thread::sleep(Duration::from_secs(1));
        let marker = format!("Edit{i} of this measurement.");
        let saved = Instant::now();
        save(edited, &edit(&marker));
        loop {
            let (_, body) = get(address, &page);
            if body.contains(&marker) {
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(30),
                "edit {i} never showed up"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let ms = saved.elapsed().as_secs_f64() * 1e3;
        let said: Vec<String> = rebuilds.try_iter().collect();
        if i == 0 {
            println!("first save after start: {ms:.1} ms ({})", said.join("; "));
        } else {
            times.push(ms);
            println!("save {i}: {ms:.1} ms ({})", said.join("; "));
        }
    }
    save(edited, &original);
    common::report(
        &format!(
            "save-to-served over {edits} {what} edits of {}",
            edited.display()
        ),
        &mut times,
    );
}

/// The URL path of an article's page (articles without a `slug` in their front matter).
fn page_of(content: &Path, article: &Path) -> String {
    let rel = article
        .strip_prefix(content)
        .expect("under content/")
        .to_string_lossy()
        .replace('\\', "/");
    let url = gloss::parse::article_url(&rel, None).expect("an article path");
    format!("/{}/", url.trim_matches('/'))
}
