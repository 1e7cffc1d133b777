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

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// mimalloc's C enum of options is not exported to Rust, so the option above is set
    /// by its position: a new mimalloc must be checked against its `mimalloc.h` first.
    #[test]
    fn the_eager_commit_option_is_the_one_of_this_mimalloc_and_is_set() {
        // SAFETY: both read mimalloc's state; neither takes a pointer.
        let (version, value) = unsafe {
            (
                libmimalloc_sys::mi_version(),
                libmimalloc_sys::mi_option_get(super::ARENA_EAGER_COMMIT),
            )
        };
        assert_eq!(
            version,
            30302,
            "mimalloc is not 3.3.2 any more: check that mi_option_arena_eager_commit is still \
             option {} in its mimalloc.h, then update this version",
            super::ARENA_EAGER_COMMIT
        );
        assert_eq!(value, 0, "set before main by commit_on_demand");
    }
}
