//! Giving freed memory back to the system between stages.
//!
//! The search stage makes and drops many small strings while the output's records it
//! keeps are scattered between them; the allocator keeps the holes, so the article pages
//! made next grow the heap instead of filling them, and the build's peak memory is the
//! sum of both. Asking the allocator to return the free pages it holds lets the peak be
//! the larger of the two.

/// Returns the free pages the allocator holds to the system (glibc's `malloc_trim`); does
/// nothing where that call does not exist.
pub(crate) fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds free; it takes no
    // pointer and leaves every live allocation where it is.
    unsafe {
        libc::malloc_trim(0);
    }
}
