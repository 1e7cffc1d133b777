//! Times the search stage alone: a full index build, and the rebuild after one edit
//! through the cache `gloss serve` keeps.
//!
//! Usage: `cargo run --release --example search_time -- SITE_DIR [RUNS]` (a site made by
//! `gen_corpus`, for example). It loads, parses and anchors the site once, then builds the
//! index RUNS times (default 5) from an empty cache and prints the median wall and CPU
//! time, the files and bytes, and the peak memory the process reached. Then it edits the
//! first article's body on disk, anchors the edited site, restores the file, and times
//! RUNS rebuilds that go back and forth between the two versions with one cache, as saves
//! under `gloss serve` do. Linux only (CPU time and memory come from `/proc/self`).

#[path = "common/mod.rs"]
mod common;

use std::time::Instant;

use gloss::anchor::{self, Anchored};
use gloss::config::{Config, Drafts};
use gloss::render::Links;
use gloss::search::SearchCache;
use gloss::{load, parse};

fn main() {
    let (config, runs, _) = common::site_args("search_time SITE_DIR [RUNS]", 5);
    let links = Links::new(&config);
    let article = common::first_article(&config.content_dir).expect("the site has an article");
    let original = std::fs::read_to_string(&article).expect("read the article");
    let before = anchored(&config);
    std::fs::write(
        &article,
        format!("{original}\nAn added sentence about harbours and budgets.\n"),
    )
    .expect("edit");
    let edited = anchored(&config);
    std::fs::write(&article, &original).expect("restore");
    println!(
        "{} documents' sources; memory before the stage: {} MiB",
        before.articles.len() + before.context_entries.len(),
        peak_kib() / 1024
    );

    let mut full = Vec::new();
    let mut files = Vec::new();
    for _ in 0..runs {
        drop(std::mem::take(&mut files));
        let (wall, cpu, made) = timed(|| {
            gloss::search::index_files(
                &before,
                &links,
                &config.language,
                &mut SearchCache::default(),
            )
        });
        full.push((wall, cpu));
        files = made;
    }
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "full build: {} files, {:.1} MiB; wall {}, CPU {}; peak memory {} MiB",
        files.len(),
        bytes as f64 / 1048576.0,
        median(full.iter().map(|t| t.0)),
        median(full.iter().map(|t| t.1)),
        peak_kib() / 1024
    );
    drop(files);

    let mut cache = SearchCache::keeping();
    gloss::search::index_files(&before, &links, &config.language, &mut cache);
    let mut edits = Vec::new();
    for i in 0..runs * 4 {
        let version = if i % 2 == 0 { &edited } else { &before };
        let (wall, cpu, made) =
            timed(|| gloss::search::index_files(version, &links, &config.language, &mut cache));
        assert!(!made.is_empty());
        edits.push((wall, cpu));
    }
    println!(
        "rebuild after one edit of {}: wall {}, CPU {}",
        article.display(),
        median(edits.iter().map(|t| t.0)),
        median(edits.iter().map(|t| t.1)),
    );
}

fn anchored(config: &Config) -> Anchored {
    let content = load::content_dir(&config.root, &config.content_dir).expect("load");
    let parsed = parse::content(content, Drafts::Exclude).expect("the site parses");
    anchor::content(parsed).expect("every note anchors")
}

/// Wall and CPU milliseconds of `work`, with its result.
fn timed<T>(work: impl FnOnce() -> T) -> (f64, f64, T) {
    let cpu = cpu_ms();
    let started = Instant::now();
    let out = work();
    (started.elapsed().as_secs_f64() * 1e3, cpu_ms() - cpu, out)
}

fn median(values: impl Iterator<Item = f64>) -> String {
    let mut values: Vec<f64> = values.collect();
    let (median, min, max) = common::spread(&mut values);
    format!("{median:.1} ms (min {min:.1}, max {max:.1})")
}

/// User plus system time of the whole process so far, from `/proc/self/stat` (clock
/// ticks of 10 ms).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) * 10.0
}

/// The peak resident memory of the process so far, from `/proc/self/status`.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
