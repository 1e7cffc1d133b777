//! Generates a benchmark corpus: a gloss site and the same articles as a Hugo site.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 1000 --out /tmp/corpus
//! ```
//!
//! writes `/tmp/corpus/gloss/` (build it with `gloss build --root /tmp/corpus/gloss`)
//! and `/tmp/corpus/hugo/` (`hugo --source /tmp/corpus/hugo`). The same arguments and
//! `--seed` always give the same files. `--long-article 50000:2000` writes instead a
//! site of one article of 50,000 words with 2,000 notes, the anchoring stress case.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generates a deterministic corpus of annotated articles.
#[derive(Debug, Parser)]
struct Args {
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Output folder; `gloss/` and `hugo/` are made inside it.
    #[arg(long)]
    out: PathBuf,
    /// Seed of the generator.
    #[arg(long, default_value_t = 6)]
    seed: u64,
    /// Words per article, about.
    #[arg(long, default_value_t = 1000)]
    words: usize,
    /// Notes per article, on average.
    #[arg(long, default_value_t = 8)]
    notes: usize,
    /// Write only the gloss site.
    #[arg(long)]
    no_hugo: bool,
    /// Write one long article instead, as WORDS:NOTES (e.g. 50000:2000), into <out>/gloss.
    #[arg(long, value_name = "WORDS:NOTES")]
    long_article: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    if let Some(spec) = &args.long_article {
        let (words, notes) = spec
            .split_once(':')
            .and_then(|(w, n)| Some((w.parse().ok()?, n.parse().ok()?)))
            .ok_or_else(|| format!("--long-article takes WORDS:NOTES, not `{spec}`"))?;
        let (markdown, sidecar) = corpus::long_article(args.seed, words, notes);
        let site = args.out.join("gloss");
        let dir = site.join("content/long");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let files = [
            (site.join("site.toml"), corpus::SITE_TOML.to_owned()),
            (dir.join("article.md"), markdown),
            (dir.join("article.annotations.toml"), sidecar),
        ];
        for (path, text) in files {
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        println!(
            "wrote one article of about {words} words with {notes} notes into {}",
            site.display()
        );
        return Ok(());
    }
    let options = corpus::Options {
        articles: args.articles,
        seed: args.seed,
        words: args.words,
        notes: args.notes,
        hugo: !args.no_hugo,
    };
    let summary = corpus::generate(&options, &args.out)
        .map_err(|e| format!("cannot write into {}: {e}", args.out.display()))?;
    println!(
        "wrote {} articles ({} words, {} notes, {} with prefix; {} KiB) into {}",
        summary.articles,
        summary.words,
        summary.notes,
        summary.prefixed,
        summary.bytes / 1024,
        args.out.display()
    );
    Ok(())
}
