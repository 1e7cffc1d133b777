//! The one integration test binary: fixture sites built through the `gloss` binary and
//! read back as a reader, an editor and a validator would.
#![allow(missing_docs)]

mod anchoring;
mod archive;
mod bad_input;
mod broken;
mod check_fix;
mod editorial;
mod escaping;
mod example;
mod fuzz;
mod harness;
mod import;
mod incremental;
mod labels;
mod links;
mod output_safety;
mod search;
mod serve;
