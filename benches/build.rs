//! Criterion benches of the build, stage by stage, over a site generated at bench time.
//!
//! ```text
//! cargo bench --bench build                      # every stage, 200 articles
//! GLOSS_BENCH_ARTICLES=1000 cargo bench --bench build -- anchor
//! ```
//!
//! The site comes from the same generator as `examples/gen_corpus.rs` (about 1,000 words
//! and 8 notes an article). `stages/*` time load, parse, anchor, templates, render and
//! write apart, plus the whole in-memory build; `long_article/*` anchors 2,000 notes on
//! one 50,000-word article (issue #2). Hot-path changes quote these before and after.

#[path = "corpus/mod.rs"]
mod corpus;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

use gloss::cache::PageCache;
use gloss::config::{Config, Drafts, Overrides};
use gloss::output::{self, Takeover};
use gloss::templates::Templates;
use gloss::{anchor, archive, load, parse, render};

fn articles() -> usize {
    std::env::var("GLOSS_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

fn config(root: &Path) -> Config {
    match Config::load(root, Overrides::default()) {
        Ok(config) => config,
        Err(problems) => panic!(
            "the generated site.toml is refused: {}",
            problems
                .0
                .iter()
                .map(|p| p.render(false))
                .collect::<String>()
        ),
    }
}

fn parsed(config: &Config) -> parse::Parsed {
    let content = load::content_dir(&config.root, &config.content_dir).expect("load");
    parse::content(content, Drafts::Exclude).expect("the generated site parses")
}

fn stages(c: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let options = corpus::Options {
        articles: articles(),
        seed: 6,
        words: 1000,
        notes: 8,
        hugo: false,
    };
    corpus::generate(&options, scratch.path()).expect("the corpus is written");
    let config = config(&scratch.path().join("gloss"));
    let content = load::content_dir(&config.root, &config.content_dir).expect("load");
    let parsed = parsed(&config);
    let anchored = anchor::content(parsed.clone()).expect("every generated note anchors");
    let templates =
        Templates::load(&config.root, &config.templates_dir, &config.labels).expect("templates");
    let index = archive::index(&anchored.articles);
    let render_all = |index: &archive::Index| {
        render::site(
            &anchored,
            index,
            &config,
            &templates,
            &mut PageCache::default(),
            &render::Keep,
        )
    };
    let site = render::Site {
        files: render_all(&index).expect("render"),
    };

    let mut group = c.benchmark_group("stages");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("load", |b| {
        b.iter(|| load::content_dir(&config.root, &config.content_dir));
    });
    parse_and_anchor(&mut group, &content, &parsed, "anchor");
    group.bench_function("templates", |b| {
        b.iter(|| Templates::load(&config.root, &config.templates_dir, &config.labels));
    });
    group.bench_function("render", |b| {
        b.iter(|| render_all(&archive::index(&anchored.articles)));
    });
    group.bench_function("write_fresh", |b| {
        b.iter_batched(
            || tempfile::tempdir_in(scratch.path()).expect("a temporary folder"),
            |out| {
                output::write(&site, &out.path().join("public"), Takeover::Refuse, None)
                    .expect("write");
                out
            },
            BatchSize::PerIteration,
        );
    });
    let unchanged = scratch.path().join("unchanged");
    output::write(&site, &unchanged, Takeover::Refuse, None).expect("write");
    group.bench_function("write_unchanged", |b| {
        b.iter(|| output::write(&site, &unchanged, Takeover::Refuse, None).expect("write"));
    });
    group.bench_function("build", |b| b.iter(|| gloss::build(black_box(&config))));
    group.finish();
}

fn long_article(c: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let root = scratch.path();
    let (markdown, sidecar) = corpus::long_article(2, 50_000, 2_000);
    std::fs::create_dir_all(root.join("content/long")).expect("a folder");
    std::fs::write(root.join("site.toml"), corpus::SITE_TOML).expect("site.toml");
    std::fs::write(root.join("content/long/article.md"), markdown).expect("article");
    std::fs::write(root.join("content/long/article.annotations.toml"), sidecar).expect("sidecar");
    let config = config(root);
    let content = load::content_dir(&config.root, &config.content_dir).expect("load");
    let parsed = parsed(&config);

    let mut group = c.benchmark_group("long_article");
    group.sample_size(10);
    parse_and_anchor(
        &mut group,
        &content,
        &parsed,
        "anchor_2000_notes_50000_words",
    );
    // The whole build of one long article at two lengths, four times apart: the time
    // should grow four times, not sixteen (search cards, note positions, markers).
    group.bench_function("build_2000_notes_50000_words", |b| {
        b.iter(|| gloss::build(black_box(&config)));
    });
    let longer = tempfile::tempdir().expect("a temporary folder");
    let (markdown, sidecar) = corpus::long_article(2, 200_000, 8_000);
    std::fs::create_dir_all(longer.path().join("content/long")).expect("a folder");
    std::fs::write(longer.path().join("site.toml"), corpus::SITE_TOML).expect("site.toml");
    std::fs::write(longer.path().join("content/long/article.md"), markdown).expect("article");
    std::fs::write(
        longer.path().join("content/long/article.annotations.toml"),
        sidecar,
    )
    .expect("sidecar");
    let longer_config = self::config(longer.path());
    group.bench_function("build_8000_notes_200000_words", |b| {
        b.iter(|| gloss::build(black_box(&longer_config)));
    });
    group.finish();
}

criterion_group!(benches, stages, long_article);
criterion_main!(benches);

/// The parse and anchor benches, from the same loaded content and parse.
fn parse_and_anchor(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    content: &load::Content,
    parsed: &parse::Parsed,
    anchor_name: &str,
) {
    group.bench_function("parse", |b| {
        b.iter_batched(
            || content.clone(),
            |content| parse::content(content, Drafts::Exclude),
            BatchSize::LargeInput,
        );
    });
    group.bench_function(anchor_name, |b| {
        b.iter_batched(|| parsed.clone(), anchor::content, BatchSize::LargeInput);
    });
}
