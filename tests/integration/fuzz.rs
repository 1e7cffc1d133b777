//! Fuzz tests on stable, in the normal suite: the same properties as the cargo-fuzz
//! targets in tests/fuzz, driven by proptest over Markdown- and TOML-shaped text, so CI
//! catches a regression without a fuzzer installed.

use std::collections::BTreeMap;
use std::sync::Arc;

use gloss::load::SourceFile;
use gloss::parse::front_matter;
use gloss::parse::reading_text::ReadingText;
use gloss::parse::sidecar::{self, NoteSpec, Sidecar};
use proptest::prelude::*;

/// Text made of the pieces Markdown and TOML care about.
fn shaped(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|p| p.concat())
}

const MARKDOWN: &[&str] = &[
    "word ",
    "Kim",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "> ",
    "- ",
    "1. ",
    "# ",
    "[",
    "](u)",
    "![",
    "[^1]",
    "[^1]: note\n",
    "<b>",
    "</b>",
    "&amp;",
    "\"",
    "'",
    "...",
    "--",
    "---",
    "|",
    "| a | b |\n|---|---|\n",
    "\u{a0}",
    "e\u{301}",
    "\u{2014}",
    "\u{2019}",
    "평",
    "\\",
    "~~",
    "    code\n",
    "+++\n",
];

const TOML: &[&str] = &[
    "[[note]]\n",
    "quote = ",
    "\"Kim\"",
    "'x'",
    "\"\"\"\nbody\n\"\"\"",
    "prefix = ",
    "occurrence = ",
    "0",
    "7",
    "-1",
    "\n",
    "body = ",
    "ref = ",
    "[[note.sources]]\n",
    "title = \"t\"\n",
    "url = ",
    "\"javascript:x\"",
    "\"https://e.org\"",
    "kind = ",
    "date = ",
    "2019-03-01",
    "=",
    "[",
    "]",
    "{",
    "}",
    "note:\n",
    "  - quote: Kim\n",
    "    body: b\n",
    "  - Kim\n",
    "  -\n",
    "    sources:\n",
    "      - https://e.org\n",
    "      title: t\n",
    "  - quote: [a, b]\n",
    "    quote:\n",
    "  ",
    ": ",
    "\u{feff}",
    "#",
    "\t",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_splits_in_bounds_or_refuses(text in shaped(&["+++", "---", "\n", "\r\n", "title = \"x\"", "a: b", " ", "é"], 24)) {
        if let Ok(split) = front_matter::split(&text) {
            prop_assert!(split.front.end <= split.body.start && split.body.end == text.len());
            prop_assert!(text.is_char_boundary(split.front.start) && text.is_char_boundary(split.body.start));
        }
    }

    #[test]
    fn sidecars_parse_or_explain_without_panicking(text in shaped(TOML, 40), yaml in any::<bool>()) {
        let rel = if yaml { "a.annotations.yaml" } else { "a.annotations.toml" };
        let file = SourceFile { path: rel.into(), rel: rel.into(), text: Arc::from(text.as_str()) };
        match sidecar::parse(&file) {
            Ok(parsed) => for note in parsed.notes {
                prop_assert!(note.spans.quote.end <= text.len());
            },
            Err(problems) => for problem in problems {
                prop_assert!(!problem.render(false).is_empty());
            },
        }
    }

    #[test]
    fn reading_text_maps_back_to_its_source(body in shaped(MARKDOWN, 60)) {
        let reading = ReadingText::build(&body);
        let mut last = 0;
        for segment in &reading.segments {
            let (text, source) = (segment.text(), segment.source());
            prop_assert!(text.start >= last && text.end <= reading.text.len());
            prop_assert!(source.end <= body.len());
            if segment.literal {
                prop_assert_eq!(&reading.text[text.clone()], &body[source]);
            }
            last = text.end;
        }
    }

    #[test]
    fn any_notes_on_any_body_anchor_or_explain_and_render(
        body in shaped(MARKDOWN, 50),
        quotes in prop::collection::vec((shaped(MARKDOWN, 3), prop::option::of(shaped(MARKDOWN, 2)), prop::option::of(1usize..4)), 0..6),
    ) {
        let text = format!("+++\ntitle = \"F\"\ndate = 2020-01-01\n+++\n{body}");
        let notes: Vec<NoteSpec> = quotes
            .into_iter()
            .enumerate()
            .map(|(index, (quote, prefix, occurrence))| NoteSpec {
                prefix,
                occurrence,
                body: Some("b".into()),
                ..NoteSpec::on(index, quote)
            })
            .collect();
        let article = gloss::parse::Article {
            reading: Arc::new(ReadingText::build(&body)),
            file: SourceFile { path: "f.md".into(), rel: "f.md".into(), text: Arc::from(text.as_str()) },
            body: text.len() - body.len()..text.len(),
            title: "F".into(),
            date: front_matter::DateValue::parse("2020-01-01").expect("date"),
            front: toml::from_str("").expect("empty front matter"),
            url: "f".into(),
            sidecar: Some(Sidecar { file: SourceFile { path: "s".into(), rel: "s".into(), text: Arc::from("") }, notes: notes.into_iter().map(Arc::new).collect() }),
            redirects: Vec::new(),
            key: 0,
        };
        match gloss::anchor::article(std::sync::Arc::new(article), &BTreeMap::new()) {
            Ok(anchored) => {
                let sidenotes = vec![String::new(); anchored.notes.len()];
                let body = gloss::render::body::render(anchored.article.body_text(), &anchored.article.reading, &anchored.notes, &sidenotes, &gloss::render::body::Urls::AS_WRITTEN, &gloss::render::body::Words::default());
                prop_assert_eq!(body.html.matches("<mark").count(), body.html.matches("</mark>").count());
            }
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}
