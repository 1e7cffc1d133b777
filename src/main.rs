//! The `gloss` binary: parses the command line, runs it, exits with its code.

mod cli;

use clap::Parser;

fn main() {
    let code = cli::Cli::parse().run();
    std::process::exit(code);
}
