//! Giving freed memory back to the system between stages, and freeing what a finished
//! build no longer needs without making it wait.
//!
//! The search stage makes and drops many small strings while the output's records it
//! keeps are scattered between them; the allocator keeps the holes, so the article pages
//! made next grow the heap instead of filling them, and the build's peak memory is the
//! sum of both. Asking the allocator to return the free pages it holds lets the peak be
//! the larger of the two.

/// Returns the free pages the allocators hold to the system: mimalloc's (the `gloss`
/// binary's allocator) and glibc's (`malloc_trim`, where it exists). Asking an allocator
/// that holds nothing costs next to nothing, so this works whichever one a program uses.
pub(crate) fn give_back() {
    // SAFETY: `mi_collect` frees only pages mimalloc holds empty; it takes no pointer.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds free; it takes no
    // pointer and leaves every live allocation where it is.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Drops `value` on a thread of its own: freeing the millions of small strings of a whole
/// archive's content takes a noticeable part of a second that the build need not wait
/// for (a command that exits right after simply leaves the rest to the system).
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    // When no thread can be started, the closure and `value` with it are dropped here.
    let _ = std::thread::Builder::new()
        .name("gloss-free".to_owned())
        .spawn(move || drop(value));
}
