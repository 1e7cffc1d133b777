//! gloss: a static site generator for annotated articles.
//!
//! Editors keep Markdown articles and, next to each, a sidecar of notes anchored to
//! phrases of the text. gloss reads both, anchors every note to its words, and renders a
//! static HTML archive. The pipeline runs one way, each stage a function from the last
//! stage's data to new data:
//!
//! ```text
//! load -> parse -> anchor -> render -> write
//! ```
//!
//! [`build`] and [`check`] below are that pipeline; `main.rs` only prints.

pub mod anchor;
pub mod archive;
pub mod cache;
pub mod config;
pub mod diagnostic;
pub mod load;
pub mod output;
pub mod parse;
pub mod render;
pub mod serve;
pub mod slug;
pub mod templates;

use config::{Config, Drafts};
use diagnostic::{Diagnostic, Diagnostics};
use render::Site;
use templates::Templates;

/// Builds every page in memory; [`output::write`] puts them on disk.
///
/// # Errors
/// Every problem of the first stage that has any, as diagnostics.
pub fn build(config: &Config) -> Result<Site, Diagnostics> {
    build_with(config, &mut cache::BuildCache::default())
}

/// [`build`], reusing what `cache` holds from earlier builds and filling it for the next.
///
/// # Errors
/// As [`build`].
pub fn build_with(config: &Config, _cache: &mut cache::BuildCache) -> Result<Site, Diagnostics> {
    let content =
        load::content_dir(&config.root, &config.content_dir).map_err(Diagnostics::from)?;
    let parsed = parse::content(content, config.drafts).map_err(Diagnostics::from)?;
    let anchored = anchor::content(parsed).map_err(Diagnostics::from)?;
    let templates =
        Templates::load(&config.root, &config.templates_dir).map_err(Diagnostics::from)?;
    let index = archive::index(&anchored.articles);
    render::site(&anchored, &index, config, &templates).map_err(Diagnostics::from)
}

/// Runs the whole pipeline without writing, drafts included, and reports every problem
/// in every file: anchoring problems of sound files are reported even when other files
/// fail to parse.
pub fn check(config: &Config) -> Diagnostics {
    let mut config = config.clone();
    config.drafts = Drafts::Include;
    let mut found: Vec<Diagnostic> = Vec::new();
    let content = match load::content_dir(&config.root, &config.content_dir) {
        Ok(content) => content,
        Err(problems) => return Diagnostics(problems),
    };
    let (parsed, mut problems) = parse::collect(content, config.drafts);
    found.append(&mut problems);
    let templates = match Templates::load(&config.root, &config.templates_dir) {
        Ok(templates) => Some(templates),
        Err(problem) => {
            found.push(problem);
            None
        }
    };
    match anchor::content(parsed) {
        Ok(anchored) => {
            if let Some(templates) = templates {
                let index = archive::index(&anchored.articles);
                if let Err(mut problems) = render::site(&anchored, &index, &config, &templates) {
                    found.append(&mut problems);
                }
            }
        }
        Err(mut problems) => found.append(&mut problems),
    }
    let mut diagnostics = Diagnostics(found);
    diagnostics.sort();
    diagnostics
}
