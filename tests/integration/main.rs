//! The one integration test binary: fixture sites built through the `gloss` binary and
#![allow(missing_docs)]
//! read back as a reader, an editor and a validator would.

mod archive;
mod example;
mod bad_input;
mod editorial;
mod escaping;
mod harness;
mod incremental;
mod links;
mod serve;
