//! The CUDA simulator: runs a `@cuda.jit` kernel, compiled for the CPU, over a grid of blocks.
//!
//! Numba's `NUMBA_ENABLE_CUDASIM` is the model. Threads of a block that synchronise
//! (`cuda.syncthreads`) run as one OS thread each, meeting at a barrier; a kernel without a
//! barrier runs each block's threads one after another, blocks spread over the cores. Shared
//! arrays live per block; atomics are real atomics ([`crate::abi::rhumba_atomic_int`]).
//! Compiled code reaches its coordinates, barrier and shared arrays through the
//! `rhumba_sim_*` entry points, which read the calling OS thread's context.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Barrier, Condvar, Mutex};

use crate::abi::{self, ArrayDesc, EntryFn, ErrorSlot, MAX_DIMS};
use crate::DType;

/// The most threads a block may have, as on every CUDA GPU.
pub const MAX_THREADS_PER_BLOCK: u64 = 1024;
/// CUDA's limit on blocks along a grid's x axis (2^31 - 1).
pub const MAX_GRID_X: u32 = i32::MAX as u32;

/// A launch's shape: blocks per grid and threads per block, per axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LaunchShape {
    pub grid: [u32; 3],
    pub block: [u32; 3],
}

impl LaunchShape {
    pub fn blocks(&self) -> u64 {
        self.grid.iter().map(|d| *d as u64).product()
    }

    pub fn threads_per_block(&self) -> u64 {
        self.block.iter().map(|d| *d as u64).product()
    }

    /// Refuses shapes a GPU would refuse, with CUDA's own limits.
    pub fn validate(&self) -> Result<(), String> {
        if self.grid.contains(&0) || self.block.contains(&0) {
            return Err(format!("launch with a zero dimension: {} blocks of {} threads", fmt3(self.grid), fmt3(self.block)));
        }
        if self.threads_per_block() > MAX_THREADS_PER_BLOCK {
            return Err(format!("{} threads per block is more than the maximum of {MAX_THREADS_PER_BLOCK}", self.threads_per_block()));
        }
        if self.block[2] > 64 {
            return Err(format!("blockDim.z of {} is more than the maximum of 64", self.block[2]));
        }
        if self.block[0] > 1024 || self.block[1] > 1024 {
            return Err(format!("blockDim of {} is more than the maximum of 1024 in x and y", fmt3(self.block)));
        }
        if self.grid[0] > MAX_GRID_X {
            return Err(format!("gridDim.x of {} is more than the maximum of {MAX_GRID_X}", self.grid[0]));
        }
        if self.grid[1] > 65535 || self.grid[2] > 65535 {
            return Err(format!("gridDim of {} is more than the maximum of 65535 in y and z", fmt3(self.grid)));
        }
        Ok(())
    }
}

fn fmt3(d: [u32; 3]) -> String {
    format!("({}, {}, {})", d[0], d[1], d[2])
}

/// A barrier whose party shrinks as threads finish the kernel, so that threads that returned
/// early do not leave the others waiting at `syncthreads` forever (on a GPU that would be
/// undefined behaviour; here it is forgiven).
struct BlockBarrier {
    /// (threads still running the kernel, threads waiting now, generation).
    state: Mutex<(usize, usize, u64)>,
    released: Condvar,
}

impl BlockBarrier {
    fn new(n: usize) -> BlockBarrier {
        BlockBarrier { state: Mutex::new((n, 0, 0)), released: Condvar::new() }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (usize, usize, u64)> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wait(&self) {
        let mut s = self.lock();
        s.1 += 1;
        if s.1 >= s.0 {
            s.1 = 0;
            s.2 += 1;
            self.released.notify_all();
            return;
        }
        let generation = s.2;
        while s.2 == generation {
            s = self.released.wait(s).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// A thread has finished the kernel for this block.
    fn leave(&self) {
        let mut s = self.lock();
        s.0 = s.0.saturating_sub(1);
        if s.1 > 0 && s.1 >= s.0 {
            s.1 = 0;
            s.2 += 1;
            self.released.notify_all();
        }
    }

    fn reset(&self, n: usize) {
        let mut s = self.lock();
        *s = (n, 0, s.2 + 1);
    }
}

/// One shared array of a block: zeroed storage and its descriptor, at stable addresses.
struct SharedArray {
    _words: Vec<u64>,
    desc: Box<ArrayDesc>,
}

// SAFETY: the descriptor points into `_words`, owned alongside it; the storage is reached by
// compiled code from the block's threads, as shared memory is on a GPU.
unsafe impl Send for SharedArray {}

/// What the threads of one block share.
struct Block {
    barrier: BlockBarrier,
    shared: Mutex<HashMap<usize, SharedArray>>,
}

/// The calling OS thread's place in the launch, read by the `rhumba_sim_*` entry points.
#[derive(Clone, Copy)]
struct ThreadContext {
    /// threadIdx, blockIdx, blockDim, gridDim, three axes each.
    index: [i64; 12],
    block: *const Block,
}

thread_local! {
    static CONTEXT: Cell<Option<ThreadContext>> = const { Cell::new(None) };
}

/// `cuda.threadIdx.x` and kin; `code` is [`abi::sim_index_code`]. Zero outside a launch.
pub extern "C" fn rhumba_sim_index(code: i64) -> i64 {
    CONTEXT.with(|c| c.get().and_then(|ctx| ctx.index.get(code as usize).copied()).unwrap_or(0))
}

/// `cuda.syncthreads()`: waits for the block's other running threads.
pub extern "C" fn rhumba_sim_syncthreads() {
    if let Some(ctx) = CONTEXT.with(|c| c.get()) {
        // SAFETY: the block outlives every thread running it (see `run_block_threads`).
        unsafe { (*ctx.block).barrier.wait() };
    }
}

/// `cuda.shared.array(shape, dtype)` at allocation site `id`: the block's array, created zeroed
/// by the first thread that reaches the site.
///
/// # Safety
/// `shape` must point to `ndim` readable `i64`s.
pub unsafe extern "C" fn rhumba_sim_shared(id: i64, dtype: i64, ndim: i64, shape: *const i64) -> *mut ArrayDesc {
    let Some(ctx) = CONTEXT.with(|c| c.get()) else { return std::ptr::null_mut() };
    let ndim = ndim.clamp(0, MAX_DIMS as i64) as usize;
    // SAFETY: the caller passes `ndim` dimensions.
    let dims: Vec<i64> = (0..ndim).map(|k| unsafe { *shape.add(k) }).collect();
    let dtype = DType::ALL.get(dtype as usize).copied().unwrap_or(DType::Float64);
    // SAFETY: as in `rhumba_sim_syncthreads`.
    let block = unsafe { &*ctx.block };
    let mut shared = block.shared.lock().unwrap_or_else(|p| p.into_inner());
    let entry = shared.entry(id as usize).or_insert_with(|| {
        let count: i64 = dims.iter().product::<i64>().max(0);
        let bytes = count as usize * dtype.size();
        let mut words = vec![0u64; bytes.div_ceil(8).max(1)];
        let mut desc = Box::new(ArrayDesc { data: words.as_mut_ptr() as *mut u8, ndim: ndim as i64, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] });
        let mut stride = dtype.size() as i64;
        for k in (0..ndim).rev() {
            desc.shape[k] = dims[k];
            desc.strides[k] = stride;
            stride *= dims[k].max(1);
        }
        SharedArray { _words: words, desc }
    });
    &mut *entry.desc as *mut ArrayDesc
}

/// A kernel compiled for the CPU and the argument slots of one launch.
pub struct Kernel<'a> {
    pub entry: EntryFn,
    pub slots: &'a [u64],
    /// Whether the kernel (or a device function it calls) calls `cuda.syncthreads()`.
    pub synchronises: bool,
}

/// The first error a thread raised, and whether the launch should stop.
struct Failure {
    first: Mutex<Option<ErrorSlot>>,
    stop: AtomicBool,
}

impl Failure {
    fn record(&self, e: &ErrorSlot) {
        let mut first = self.first.lock().unwrap_or_else(|p| p.into_inner());
        if first.is_none() {
            *first = Some(*e);
        }
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Runs `kernel` over `shape`; the first error any thread raised comes back (the launch stops
/// at the end of the block where it happened, as nothing after it is meaningful).
pub fn launch(kernel: &Kernel, shape: LaunchShape) -> Result<(), ErrorSlot> {
    let failure = Failure { first: Mutex::new(None), stop: AtomicBool::new(false) };
    if kernel.synchronises {
        run_block_threads(kernel, shape, &failure);
    } else {
        run_blocks_serially(kernel, shape, &failure);
    }
    match failure.first.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The (x, y, z) of linear position `k` in a box of shape `dims`, x fastest as in CUDA.
fn unravel(k: u64, dims: [u32; 3]) -> [i64; 3] {
    let (x, y) = (dims[0] as u64, dims[1] as u64);
    [(k % x) as i64, ((k / x) % y) as i64, (k / (x * y)) as i64]
}

fn context(shape: LaunchShape, block_idx: [i64; 3], thread_idx: [i64; 3], block: &Block) -> ThreadContext {
    let mut index = [0i64; 12];
    index[0..3].copy_from_slice(&thread_idx);
    index[3..6].copy_from_slice(&block_idx);
    for k in 0..3 {
        index[6 + k] = shape.block[k] as i64;
        index[9 + k] = shape.grid[k] as i64;
    }
    ThreadContext { index, block }
}

/// Calls the kernel as one CUDA thread, releasing whatever it allocated.
fn run_thread(kernel: &Kernel, ctx: ThreadContext, failure: &Failure) {
    CONTEXT.with(|c| c.set(Some(ctx)));
    let mark = abi::arena_mark();
    let mut error = ErrorSlot::default();
    let mut result = [0u64; 1];
    // SAFETY: the caller compiled `entry` for exactly these argument slots; kernels return
    // nothing, so one result slot is plenty; the descriptors the slots point to outlive the
    // launch, and compiled code checks its indices unless told not to.
    unsafe { (kernel.entry)(kernel.slots.as_ptr(), result.as_mut_ptr(), &mut error) };
    abi::arena_release(mark);
    CONTEXT.with(|c| c.set(None));
    if error.code != abi::ERR_NONE {
        failure.record(&error);
    }
}

/// A kernel without barriers: each block's threads in turn on one OS thread, blocks shared out
/// among the cores.
fn run_blocks_serially(kernel: &Kernel, shape: LaunchShape, failure: &Failure) {
    let blocks = shape.blocks();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(blocks as usize).max(1);
    let work = || loop {
        let b = next.fetch_add(1, Ordering::Relaxed) as u64;
        if b >= blocks || failure.stop.load(Ordering::Relaxed) {
            break;
        }
        let block = Block { barrier: BlockBarrier::new(1), shared: Mutex::new(HashMap::new()) };
        let block_idx = unravel(b, shape.grid);
        for t in 0..shape.threads_per_block() {
            run_thread(kernel, context(shape, block_idx, unravel(t, shape.block), &block), failure);
        }
    };
    if workers == 1 {
        work();
        return;
    }
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(work);
        }
    });
}

/// A kernel with barriers: one OS thread per CUDA thread of a block, going through the blocks
/// in order; all of them meet between blocks, when the shared arrays are cleared.
fn run_block_threads(kernel: &Kernel, shape: LaunchShape, failure: &Failure) {
    let n = shape.threads_per_block() as usize;
    let block = Block { barrier: BlockBarrier::new(n), shared: Mutex::new(HashMap::new()) };
    let between_blocks = Barrier::new(n);
    // No thread starts before all exist: if one cannot be created, none runs (a missing thread
    // would leave the others at a barrier for ever).
    let go: (Mutex<Option<bool>>, Condvar) = (Mutex::new(None), Condvar::new());
    let wait_for_go = || {
        let mut g = go.0.lock().unwrap_or_else(|p| p.into_inner());
        while g.is_none() {
            g = go.1.wait(g).unwrap_or_else(|p| p.into_inner());
        }
        g.unwrap_or(false)
    };
    let set_go = |v: bool| {
        *go.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(v);
        go.1.notify_all();
    };
    std::thread::scope(|s| {
        for t in 0..n as u64 {
            let (block, between_blocks, wait_for_go) = (&block, &between_blocks, &wait_for_go);
            let spawned = std::thread::Builder::new().stack_size(1 << 20).spawn_scoped(s, move || {
                if !wait_for_go() {
                    return;
                }
                for b in 0..shape.blocks() {
                    run_thread(kernel, context(shape, unravel(b, shape.grid), unravel(t, shape.block), block), failure);
                    block.barrier.leave();
                    if between_blocks.wait().is_leader() {
                        block.barrier.reset(n);
                        block.shared.lock().unwrap_or_else(|p| p.into_inner()).clear();
                    }
                    between_blocks.wait();
                    if failure.stop.load(Ordering::SeqCst) {
                        break;
                    }
                }
            });
            if spawned.is_err() {
                failure.record(&ErrorSlot { code: abi::ERR_ALLOCATION, ..ErrorSlot::default() });
                set_go(false);
                return;
            }
        }
        set_go(true);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn launch_shapes_follow_cuda_limits() {
        assert!(LaunchShape { grid: [4, 1, 1], block: [1024, 1, 1] }.validate().is_ok());
        assert!(LaunchShape { grid: [4, 1, 1], block: [1025, 1, 1] }.validate().is_err());
        assert!(LaunchShape { grid: [0, 1, 1], block: [32, 1, 1] }.validate().is_err());
        assert!(LaunchShape { grid: [MAX_GRID_X, 1, 1], block: [1, 1, 1] }.validate().is_ok());
        assert!(LaunchShape { grid: [MAX_GRID_X + 1, 1, 1], block: [1, 1, 1] }.validate().is_err());
        assert_eq!(unravel(7, [2, 3, 2]), [1, 0, 1]);
    }

    #[test]
    fn a_barrier_releases_when_the_rest_have_left() {
        let b = BlockBarrier::new(3);
        std::thread::scope(|s| {
            s.spawn(|| b.wait());
            s.spawn(|| b.leave());
            s.spawn(|| b.leave());
        });
    }
}
