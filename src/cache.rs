//! What one build can hand to the next: results keyed by the content they came from.
//!
//! In: nothing at first; each build through [`crate::build_with`] fills it. Out: parsed
//! and anchored articles and rendered pages that the next build reuses when the hashes
//! of their inputs are unchanged. `gloss serve` keeps one for its whole run, so a save
//! costs only what depends on the saved file.

/// Results of earlier builds, reused when their inputs' hashes match.
#[derive(Debug, Default)]
pub struct BuildCache {}
