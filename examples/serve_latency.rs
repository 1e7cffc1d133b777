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

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Stops the server however the measurement ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

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
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let started = Instant::now();
    let mut child = Command::new(gloss)
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("gloss serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let _server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("serve prints its URL").expect("line");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().expect("host").to_owned();
        }
    };
    // The server's own lines (one per rebuild) are read on, so its pipe never fills.
    let (sender, rebuilds) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let (status, _) = get(&address, &page);
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
            let (_, body) = get(&address, &page);
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
    times.sort_by(f64::total_cmp);
    println!(
        "save-to-served over {edits} {what} edits of {}: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        edited.display(),
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
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

/// A save as editors make it: a temporary file renamed over the article.
fn save(path: &Path, text: &str) {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, path).expect("rename");
}

/// One GET: (status, body).
fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}
