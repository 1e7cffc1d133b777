//! The anchoring engine end to end: any article body and any quote, prefix, suffix and
//! occurrence anchor or fail with a diagnostic, and rendering the result never panics.
#![no_main]

use std::collections::BTreeMap;
use std::sync::Arc;

use gloss::load::SourceFile;
use gloss::parse::reading_text::ReadingText;
use gloss::parse::sidecar::{NoteSpec, Sidecar};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, Vec<(String, Option<String>, Option<String>, Option<u8>)>)| {
    let (body, specs) = input;
    let text = format!("+++\ntitle = \"F\"\ndate = 2020-01-01\n+++\n{body}");
    let body_start = text.len() - body.len();
    let notes: Vec<NoteSpec> = specs
        .into_iter()
        .take(32)
        .enumerate()
        .map(|(index, (quote, prefix, suffix, occurrence))| NoteSpec {
            prefix,
            suffix,
            occurrence: occurrence.map(usize::from).filter(|&n| n > 0),
            body: Some("b".into()),
            ..NoteSpec::on(index, quote)
        })
        .collect();
    let file = SourceFile { path: "f.md".into(), rel: "f.md".into(), text: Arc::from(text.as_str()) };
    let sidecar_file = SourceFile { path: "f.annotations.toml".into(), rel: "f.annotations.toml".into(), text: Arc::from("") };
    let article = gloss::parse::Article {
        reading: Arc::new(ReadingText::build(body)),
        file,
        body: body_start..text.len(),
        title: "F".into(),
        date: gloss::parse::front_matter::DateValue::parse("2020-01-01").expect("date"),
        front: toml::from_str("").expect("empty front matter"),
        url: "f".into(),
        sidecar: Some(Sidecar { file: sidecar_file, notes: notes.into_iter().map(std::sync::Arc::new).collect() }),
        redirects: Vec::new(),
        key: 0,
    };
    if let Ok(anchored) = gloss::anchor::article(std::sync::Arc::new(article), &BTreeMap::new()) {
        let sidenotes = vec![String::new(); anchored.notes.len()];
        let _ = gloss::render::body::render(anchored.article.body_text(), &anchored.article.reading, &anchored.notes, &sidenotes, &gloss::render::body::Urls::AS_WRITTEN, &gloss::render::body::Words::default());
    }
});
