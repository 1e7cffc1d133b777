//! The `gloss` binary: parses the command line, runs it, exits with its code.

mod cli;

use clap::Parser;

fn main() {
    let code = cli::Cli::parse().run();
    std::process::exit(code);
}

/// mimalloc: the build makes and frees millions of small strings on both cores, where it
/// is several percent faster than the system allocator (see docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
