//! Sidecar parsing: any TOML or YAML text gives notes or diagnostics, never a panic, and
//! every span a note carries lies inside the text.
#![no_main]

use std::sync::Arc;

use gloss::load::SourceFile;
use gloss::parse::sidecar;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (bool, &str)| {
    let (yaml, text) = input;
    let rel = if yaml { "a.annotations.yaml" } else { "a.annotations.toml" };
    let file = SourceFile { path: rel.into(), rel: rel.into(), text: Arc::from(text) };
    match sidecar::parse(&file) {
        Ok(parsed) => {
            for note in parsed.notes {
                assert!(note.spans.quote.end <= text.len() && note.spans.entry.end <= text.len());
            }
        }
        Err(problems) => {
            for problem in problems {
                let _ = problem.render(false);
            }
        }
    }
});
