//! Front-matter splitting and reading: any text either splits into in-bounds ranges on
//! char boundaries or is refused; reading the front matter never panics.
#![no_main]

use std::sync::Arc;

use gloss::load::SourceFile;
use gloss::parse::front_matter::{self, ArticleFront, ContextFront};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(split) = front_matter::split(text) else { return };
    assert!(split.front.end <= split.body.start && split.body.end == text.len());
    assert!(text.is_char_boundary(split.front.start) && text.is_char_boundary(split.body.start));
    let file = SourceFile { path: "fuzz.md".into(), rel: "fuzz.md".into(), text: Arc::from(text) };
    let _ = front_matter::deserialize::<ArticleFront>(&file, split.format, split.front.clone());
    let _ = front_matter::deserialize::<ContextFront>(&file, split.format, split.front);
});
