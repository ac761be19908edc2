//! The worker threads behind `prange`: a pool tuned for short parallel loops.
//!
//! Entering a parallel loop should cost about a microsecond, as in Numba, not the tens of
//! microseconds of waking sleeping threads and sleeping the caller (what a general-purpose pool
//! such as rayon does for a job injected from outside). So the calling thread runs chunk 0
//! itself and waits for the others by spinning; workers spin for a while after a loop before they
//! sleep, so that back-to-back loops find them awake. One loop runs at a time: a caller that finds
//! the pool busy (another host thread's loop) runs its chunks itself, which gives the same result
//! since chunks and their order do not depend on who runs them.

use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long an idle worker spins before it sleeps.
const SPIN: Duration = Duration::from_micros(200);

/// Spins before the clock is first read: a short wait (the usual one, a few hundred
/// nanoseconds) never reads it.
const SPINS_BEFORE_CLOCK: u32 = 256;

/// How long a waiting thread has spun. Reading the clock right after a shared cache line has
/// moved costs some 200 ns on the development machine (the timestamp read waits for earlier
/// loads), five times a whole round trip between two cores, so it is only read once the wait is
/// already long.
#[derive(Default)]
struct Spin {
    spins: u32,
    since: Option<Instant>,
}

impl Spin {
    /// Whether to go on spinning (else sleep or yield): until [`SPIN`] has passed.
    fn keep_spinning(&mut self) -> bool {
        if self.spins < SPINS_BEFORE_CLOCK {
            self.spins += 1;
            return true;
        }
        self.since.get_or_insert_with(Instant::now).elapsed() < SPIN
    }
}

/// A chunk runner: `run(k)` runs chunk `k`. Called from several threads at once.
type Job = dyn Fn(usize) + Sync + 'static;

/// What the caller writes to start a loop, on one cache line of its own: a worker that sees the
/// new `state` finds `job` in the same line, so starting a loop moves one line to each worker.
#[repr(align(64))]
struct Announcement {
    /// The current loop: its number (bumped for every loop) in the high bits, its chunk count in
    /// the low byte, read together so that a worker never mixes two loops.
    state: AtomicU64,
    /// The current loop's chunk runner (a pointer to the caller's `&Job`, which lives on the
    /// caller's stack until the loop is over); set before `state` announces the loop.
    job: AtomicPtr<&'static Job>,
}

/// What workers write, apart from what they read (no false sharing with [`Announcement`]).
#[repr(align(64))]
struct Completion {
    /// Chunks not yet finished by workers in the current loop.
    pending: AtomicUsize,
}

struct Shared {
    announce: Announcement,
    done: Completion,
    /// Workers asleep or about to sleep; the caller takes the lock and wakes them only if
    /// there are any (see `run` for why no wake-up is lost).
    sleeping: AtomicUsize,
    sleep_lock: Mutex<()>,
    wake: Condvar,
    busy: AtomicBool,
}

/// Set in a forked child whose pools' lock was held at the fork: no pool is used any more.
static FORKED_WHILE_LOCKED: AtomicBool = AtomicBool::new(false);

/// The process's pools, by size (see [`WorkerPool::global`]).
static POOLS: OnceLock<Mutex<Vec<&'static WorkerPool>>> = OnceLock::new();

/// The pool: `workers` threads plus the caller.
pub struct WorkerPool {
    shared: Arc<Shared>,
    workers: usize,
}

impl WorkerPool {
    /// The process's pool, grown to at least `threads` threads (caller included).
    pub fn global(threads: usize) -> Option<&'static WorkerPool> {
        if FORKED_WHILE_LOCKED.load(Ordering::Relaxed) {
            return None;
        }
        let mut pools = POOLS.get_or_init(|| Mutex::new(Vec::new())).lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = pools.iter().find(|p| p.workers + 1 >= threads) {
            return Some(p);
        }
        // Pools live as long as the process (idle threads sleep); a larger thread count than
        // any so far makes one larger pool, once.
        let pool: &'static WorkerPool = Box::leak(Box::new(WorkerPool::start(threads.saturating_sub(1))?));
        pools.push(pool);
        Some(pool)
    }

    /// In a child process after `fork`: the parent's workers were not copied, so the pools
    /// are forgotten (leaked) and the next parallel loop starts a new one. A pool that was in
    /// the middle of a loop in another thread of the parent would otherwise wait forever.
    pub fn forget_after_fork() {
        if let Some(pools) = POOLS.get() {
            // A lock held by a parent thread that did not survive the fork is never released:
            // then the child runs its loops serially rather than wait.
            match pools.try_lock() {
                Ok(mut p) => p.clear(),
                Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().clear(),
                Err(std::sync::TryLockError::WouldBlock) => FORKED_WHILE_LOCKED.store(true, Ordering::Relaxed),
            }
        }
    }

    fn start(workers: usize) -> Option<WorkerPool> {
        let shared = Arc::new(Shared {
            announce: Announcement { state: AtomicU64::new(0), job: AtomicPtr::new(std::ptr::null_mut()) },
            done: Completion { pending: AtomicUsize::new(0) },
            sleeping: AtomicUsize::new(0),
            sleep_lock: Mutex::new(()),
            wake: Condvar::new(),
            busy: AtomicBool::new(false),
        });
        for index in 0..workers {
            let s = shared.clone();
            std::thread::Builder::new().name(format!("rhumba-{}", index + 1)).spawn(move || worker(s, index + 1)).ok()?;
        }
        Some(WorkerPool { shared, workers })
    }

    /// Runs `run(0..chunks)`, chunk 0 on this thread and the others on workers, and returns when
    /// all are done. Runs every chunk here when the pool is busy or too small.
    pub fn run<'a>(&self, chunks: usize, run: &'a (dyn Fn(usize) + Sync + 'a)) {
        let s = &self.shared;
        if chunks <= 1 || chunks > self.workers + 1 || chunks > 255 || s.busy.swap(true, Ordering::Acquire) {
            (0..chunks).for_each(run);
            return;
        }
        // SAFETY: workers use `run` only while this call waits for them (`pending` reaches zero
        // before it returns), so neither the reference nor `job` (which points at it, on this
        // stack frame) is used after this call.
        let mut job: &'static Job = unsafe { std::mem::transmute::<&'a (dyn Fn(usize) + Sync + 'a), &'static Job>(run) };
        s.announce.job.store(&mut job, Ordering::Relaxed);
        s.done.pending.store(chunks - 1, Ordering::Relaxed);
        let number = (s.announce.state.load(Ordering::Relaxed) >> 8) + 1;
        // A worker that sees this state sees `job` and `pending` as written above (SeqCst
        // includes Release). SeqCst also orders it with the worker's SeqCst increment of
        // `sleeping` and load of `state`, so no wake-up is lost: either the load below sees the
        // increment (and the lock waits until that worker is waiting, or has not yet checked
        // `state` and will see this store through the lock), or the increment comes later in
        // the single order of SeqCst operations, and so does the worker's check of `state`.
        s.announce.state.store((number << 8) | chunks as u64, Ordering::SeqCst);
        if s.sleeping.load(Ordering::SeqCst) > 0 {
            let _lock = s.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
            s.wake.notify_all();
        }
        run(0);
        let mut spin = Spin::default();
        while s.done.pending.load(Ordering::Acquire) > 0 {
            if spin.keep_spinning() {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        s.busy.store(false, Ordering::Release);
    }
}

fn worker(s: Arc<Shared>, index: usize) {
    let mut seen = 0u64;
    loop {
        // Wait for the next loop: spin a while, then sleep until woken.
        let mut spin = Spin::default();
        let state = loop {
            let state = s.announce.state.load(Ordering::Acquire);
            if state >> 8 != seen {
                break state;
            }
            if spin.keep_spinning() {
                std::hint::spin_loop();
                continue;
            }
            s.sleeping.fetch_add(1, Ordering::SeqCst);
            let mut lock = s.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
            while s.announce.state.load(Ordering::SeqCst) >> 8 == seen {
                lock = s.wake.wait(lock).unwrap_or_else(|p| p.into_inner());
            }
            drop(lock);
            s.sleeping.fetch_sub(1, Ordering::SeqCst);
        };
        seen = state >> 8;
        if index >= (state & 0xff) as usize {
            continue;
        }
        // This worker has a chunk of loop `seen`, which cannot end before it is done, so the
        // job slot still holds that loop's runner (stored before the state this worker read).
        let job = s.announce.job.load(Ordering::Relaxed);
        if !job.is_null() {
            // SAFETY: `job` points at the caller's `&Job` for loop `seen`, which stays on the
            // caller's stack until `pending` reaches zero, and this worker's chunk is counted there.
            unsafe { (*job)(index) };
        }
        s.done.pending.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every chunk of every loop runs exactly once, with chunk counts changing between loops.
    #[test]
    fn each_chunk_runs_once() {
        let pool = WorkerPool::global(4).expect("a pool");
        for round in 0..2000usize {
            let chunks = 1 + round % 4;
            let counts: Vec<AtomicUsize> = (0..chunks).map(|_| AtomicUsize::new(0)).collect();
            pool.run(chunks, &|k| {
                counts[k].fetch_add(1, Ordering::Relaxed);
            });
            assert!(counts.iter().all(|c| c.load(Ordering::Relaxed) == 1), "round {round}");
        }
    }

    /// Loops far enough apart that the workers fall asleep between them (longer than `SPIN`)
    /// still run every chunk: the sleeping workers are woken.
    #[test]
    fn sleeping_workers_wake() {
        let pool = WorkerPool::global(3).expect("a pool");
        for _ in 0..10 {
            std::thread::sleep(SPIN * 3);
            let counts: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
            pool.run(3, &|k| {
                counts[k].fetch_add(1, Ordering::Relaxed);
            });
            assert!(counts.iter().all(|c| c.load(Ordering::Relaxed) == 1));
        }
    }

    /// Loops started from several host threads at once all complete, correctly (a caller that
    /// finds the pool busy runs its chunks itself).
    #[test]
    fn concurrent_callers() {
        let pool = WorkerPool::global(3).expect("a pool");
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..500 {
                        let sum = AtomicUsize::new(0);
                        pool.run(3, &|k| {
                            sum.fetch_add(k + 1, Ordering::Relaxed);
                        });
                        assert_eq!(sum.load(Ordering::Relaxed), 6);
                    }
                });
            }
        });
    }
}
