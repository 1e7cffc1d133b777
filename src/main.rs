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

/// mimalloc's `mi_option_arena_eager_commit` (its `mimalloc.h`, version 3).
#[cfg(target_os = "linux")]
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Asks mimalloc to commit its arenas' memory as it is used instead of whole: by default
/// it commits eagerly on systems that overcommit (Linux), and a 10k build then peaks
/// about 40 MB higher for the same time. Its first arena is mapped at the program's first
/// allocation, before `main`, so the option is set from `.preinit_array`, which runs
/// before any constructor.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".preinit_array"]
static COMMIT_ON_DEMAND: extern "C" fn() = commit_on_demand;

#[cfg(target_os = "linux")]
extern "C" fn commit_on_demand() {
    // SAFETY: sets one of mimalloc's options; takes no pointer and allocates nothing.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}
