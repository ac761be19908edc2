//! Parallel loops: compiled code hands a `prange` loop's range and an outlined chunk function
//! to [`rhumba_parallel_for`], which runs one contiguous chunk per thread on the
//! [`worker_pool`](crate::worker_pool).
//!
//! Chunk boundaries depend only on the range and the thread count, and each chunk writes its
//! reduction partials to its own row, which the compiled caller combines in chunk order: with a
//! fixed thread count, results are the same run to run.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::abi::{ErrorSlot, ERR_NONE};

/// The most chunks one parallel loop is split into (the caller's partials buffer has this many rows).
pub const MAX_CHUNKS: usize = 64;

/// `extern "C" fn(env, lo, hi, partials_row, error)`: runs iterations `lo..hi` of an outlined
/// loop body, reading captured variables from `env` and writing its reduction partials.
pub type ChunkFn = unsafe extern "C" fn(env: *const u64, lo: i64, hi: i64, partials: *mut u64, error: *mut ErrorSlot);

static THREADS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// A thread count that holds on this thread only (an embedding engine's), over the
    /// process-wide one; zero for none.
    static THREADS_HERE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f` with parallel loops started on this thread using `threads` threads (when given),
/// whatever the process-wide count is: how each embedding engine keeps its own thread count.
pub fn with_threads<T>(threads: Option<usize>, f: impl FnOnce() -> T) -> T {
    let Some(n) = threads else { return f() };
    let before = THREADS_HERE.with(|t| t.replace(n.clamp(1, MAX_CHUNKS)));
    // Restored even if `f` unwinds, so a panic cannot leave the override behind.
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREADS_HERE.with(|t| t.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// Sets the thread count of parallel loops started on this thread from now on (an embedding
/// engine's own thread).
pub fn set_threads_here(threads: usize) {
    THREADS_HERE.with(|t| t.set(threads.clamp(1, MAX_CHUNKS)));
}

/// The number of threads `prange` uses: this thread's count when one is set (see
/// [`with_threads`]), else the count given to [`set_num_threads`] (the hosts pass
/// `RHUMBA_NUM_THREADS` there), else all cores.
pub fn num_threads() -> usize {
    let here = THREADS_HERE.with(|t| t.get());
    if here > 0 {
        return here;
    }
    match THREADS.load(Ordering::Relaxed) {
        0 => {
            let n = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_CHUNKS);
            THREADS.store(n, Ordering::Relaxed);
            n
        }
        n => n,
    }
}

/// Sets the thread count for later parallel loops (`numba.set_num_threads`), at most [`MAX_CHUNKS`].
pub fn set_num_threads(n: usize) {
    THREADS.store(n.clamp(1, MAX_CHUNKS), Ordering::Relaxed);
}

/// Raw pointers handed to the worker threads.
#[derive(Clone, Copy)]
struct Shared {
    env: *const u64,
    partials: *mut u64,
}

// SAFETY: `env` is only read, and each chunk writes only its own row of `partials`; both live on
// the calling thread's stack until every chunk has finished (the call blocks until then).
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

/// Runs `chunk` over `start..stop` split into contiguous chunks, one per thread. Chunk `k`
/// writes `slots` partials at `partials + k * slots`. Returns the number of chunks run, or -1
/// when a chunk failed, with the error of the first failing chunk (in range order) in `error`.
/// Bit `j` of `array_slots` marks partial `j` as an array (an array reduction's accumulator,
/// allocated by the chunk): it outlives the chunk, adopted by the calling thread's arena so that
/// the caller can combine it.
///
/// # Safety
/// `chunk` must be a chunk function compiled for an environment laid out as `env` is, and
/// `partials` must have room for `MAX_CHUNKS * slots` values.
#[no_mangle]
pub unsafe extern "C" fn rhumba_parallel_for(chunk: ChunkFn, env: *const u64, start: i64, stop: i64, partials: *mut u64, slots: i64, array_slots: i64, error: *mut ErrorSlot) -> i64 {
    if stop <= start {
        return 0;
    }
    let total = (stop as i128 - start as i128) as u128;
    let chunks = (num_threads() as u128).min(total).max(1) as usize;
    let bounds = move |k: usize| {
        let lo = start as i128 + (total * k as u128 / chunks as u128) as i128;
        let hi = start as i128 + (total * (k as u128 + 1) / chunks as u128) as i128;
        (lo as i64, hi as i64)
    };
    let shared = Shared { env, partials };
    // The first failing chunk in range order, with its error. Chunks that succeed never touch
    // it, so a loop without errors moves no cache line between threads beyond the pool's own.
    let first_failure: Mutex<Option<(usize, ErrorSlot)>> = Mutex::new(None);
    let kept: Mutex<Vec<crate::abi::DetachedArray>> = Mutex::new(Vec::new());
    let run = |k: usize| {
        let mut slot = ErrorSlot::default();
        let s = shared;
        let (lo, hi) = bounds(k);
        // Arrays a chunk allocates cannot outlive it (they could only escape through a racing
        // write, which the compiler rejects): free them with the chunk, and nothing else of this
        // thread's arena, which may belong to the caller or to an enclosing chunk.
        let mark = crate::abi::arena_mark();
        // SAFETY: the caller guarantees the chunk function matches `env`, and row `k` of
        // `partials` is within the `MAX_CHUNKS * slots` buffer and written by this chunk only.
        unsafe { chunk(s.env, lo, hi, s.partials.add(k * slots.max(0) as usize), &mut slot) };
        if array_slots != 0 && slot.code == ERR_NONE {
            let mut detached = Vec::new();
            for j in (0..slots.clamp(0, 63) as usize).filter(|j| array_slots >> j & 1 == 1) {
                // SAFETY: as above; the chunk wrote its partials in row `k` before returning.
                let desc = unsafe { *s.partials.add(k * slots as usize + j) } as *const crate::abi::ArrayDesc;
                match crate::abi::arena_detach(mark, desc) {
                    Some(a) => detached.push(a),
                    None => {
                        slot.code = crate::abi::ERR_ALLOCATION;
                        break;
                    }
                }
            }
            kept.lock().unwrap_or_else(|p| p.into_inner()).extend(detached);
        }
        crate::abi::arena_release(mark);
        if slot.code != ERR_NONE {
            let mut first = first_failure.lock().unwrap_or_else(|p| p.into_inner());
            if first.as_ref().is_none_or(|(j, _)| k < *j) {
                *first = Some((k, slot));
            }
        }
    };
    match crate::worker_pool::WorkerPool::global(chunks) {
        Some(p) => p.run(chunks, &run),
        None => (0..chunks).for_each(run),
    }
    for a in kept.into_inner().unwrap_or_else(|p| p.into_inner()) {
        crate::abi::arena_adopt(a);
    }
    if let Some((_, e)) = first_failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        // SAFETY: the caller passes a writable error slot.
        unsafe { *error = e };
        return -1;
    }
    chunks as i64
}
