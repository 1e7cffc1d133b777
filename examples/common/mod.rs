//! What the measuring examples share (each uses a part of it).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The first article (by path) under `content/`: the one the examples edit.
pub(crate) fn first_article(content: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md") && !p.starts_with(content.join("context"))
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// The command line the measuring examples share: `NAME SITE_DIR [COUNT] [rest...]`.
/// Returns the site's settings, the count (`default` when not given) and the rest;
/// prints `usage` and exits with 2 without a site folder or with a broken `site.toml`.
pub(crate) fn site_args(
    usage: &str,
    default: usize,
) -> (gloss::config::Config, usize, Vec<String>) {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: {usage}");
        std::process::exit(2);
    };
    let count = args.next().and_then(|n| n.parse().ok()).unwrap_or(default);
    let config = gloss::config::Config::load(&root, gloss::config::Overrides::default())
        .unwrap_or_else(|problems| {
            for problem in &problems.0 {
                eprintln!("{}", problem.render(false));
            }
            std::process::exit(2);
        });
    (config, count, args.collect())
}

/// Prints `what` with the median, minimum and maximum of `times` (milliseconds).
pub(crate) fn report(what: &str, times: &mut [f64]) {
    let (median, min, max) = spread(times);
    println!("{what}: median {median:.1} ms, min {min:.1} ms, max {max:.1} ms");
}

/// The median, minimum and maximum of `values` (sorted in place; not empty).
pub(crate) fn spread(values: &mut [f64]) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    (
        values[values.len() / 2],
        values[0],
        values[values.len() - 1],
    )
}
