//! The pulldown-cmark floor: the least work any Markdown site generator must do.
//!
//! ```text
//! cargo run --release --example floor -- <site>/content <out>
//! ```
//!
//! On one thread, reads every article (`*.md` outside `context/`), drops its front
//! matter, renders the body with pulldown-cmark's `push_html` (gloss's extensions on)
//! and writes `<out>/<path>/index.html`. No notes, templates, lists or feeds: gloss's
//! build time divided by this one says what the rest of gloss costs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{html, Options, Parser};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: floor <content folder> <output folder>");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match run(Path::new(content), Path::new(out)) {
        Ok((pages, bytes)) => {
            println!(
                "rendered {pages} pages ({} KiB) in {} ms",
                bytes / 1024,
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(content: &Path, out: &Path) -> io::Result<(usize, u64)> {
    let mut articles = Vec::new();
    collect(content, content, &mut articles)?;
    articles.sort();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_TASKLISTS;
    let mut html = String::new();
    let mut bytes = 0;
    for rel in &articles {
        let text = fs::read_to_string(content.join(rel))?;
        html.clear();
        html::push_html(&mut html, Parser::new_ext(body(&text), options));
        let dir = out.join(rel.with_extension(""));
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("index.html"), &html)?;
        bytes += html.len() as u64;
    }
    Ok((articles.len(), bytes))
}

/// Paths of the articles under `dir`, relative to `content`.
fn collect(content: &Path, dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let rel = path.strip_prefix(content).unwrap_or(&path).to_path_buf();
        if path.is_dir() {
            if rel != Path::new("context") {
                collect(content, &path, found)?;
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(rel);
        }
    }
    Ok(())
}

/// The body after a `+++` or `---` front matter block.
fn body(text: &str) -> &str {
    for fence in ["+++", "---"] {
        if let Some(rest) = text.strip_prefix(fence) {
            if let Some(end) = rest.find(&format!("\n{fence}")) {
                let after = &rest[end + 1 + fence.len()..];
                return after.strip_prefix('\n').unwrap_or(after);
            }
        }
    }
    text
}
