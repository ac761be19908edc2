//! The worker threads behind `prange`: a pool tuned for short parallel loops.
//!
//! Entering a parallel loop should cost about a microsecond, as in Numba, not the tens of
//! microseconds of waking sleeping threads and sleeping the caller (what a general-purpose pool
//! such as rayon does for a job injected from outside). So the calling thread runs chunk 0
//! itself and waits for the others by spinning; workers spin for a while after a loop before they
//! sleep, so that back-to-back loops find them awake. One loop runs at a time: a caller that finds
//! the pool busy (another host thread's loop) runs its chunks itself, which gives the same result
//! since chunks and their order do not depend on who runs them.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long an idle worker spins before it sleeps.
const SPIN: Duration = Duration::from_micros(200);

/// A chunk runner: `run(k)` runs chunk `k`. Called from several threads at once.
type Job = dyn Fn(usize) + Sync + 'static;

struct Shared {
    /// The current loop: its number (bumped for every loop) in the high bits, its chunk count in
    /// the low byte, read together so that a worker never mixes two loops.
    state: AtomicU64,
    /// The current loop's chunk runner; set before `state` announces the loop.
    job: Mutex<Option<&'static Job>>,
    /// Chunks not yet finished by workers in the current loop.
    pending: AtomicUsize,
    sleeping: Mutex<usize>,
    wake: Condvar,
    busy: AtomicBool,
}

/// The pool: `workers` threads plus the caller.
pub struct WorkerPool {
    shared: Arc<Shared>,
    workers: usize,
}

impl WorkerPool {
    /// The process's pool, grown to at least `threads` threads (caller included).
    pub fn global(threads: usize) -> Option<&'static WorkerPool> {
        static POOLS: OnceLock<Mutex<Vec<&'static WorkerPool>>> = OnceLock::new();
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

    fn start(workers: usize) -> Option<WorkerPool> {
        let shared = Arc::new(Shared {
            state: AtomicU64::new(0),
            job: Mutex::new(None),
            pending: AtomicUsize::new(0),
            sleeping: Mutex::new(0),
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
        // before it returns, and the slot is cleared), so the reference never outlives `run`.
        let job: &'static Job = unsafe { std::mem::transmute::<&'a (dyn Fn(usize) + Sync + 'a), &'static Job>(run) };
        *s.job.lock().unwrap_or_else(|p| p.into_inner()) = Some(job);
        s.pending.store(chunks - 1, Ordering::Release);
        let number = (s.state.load(Ordering::Relaxed) >> 8) + 1;
        s.state.store((number << 8) | chunks as u64, Ordering::Release);
        if *s.sleeping.lock().unwrap_or_else(|p| p.into_inner()) > 0 {
            s.wake.notify_all();
        }
        run(0);
        let started = Instant::now();
        while s.pending.load(Ordering::Acquire) > 0 {
            if started.elapsed() < SPIN {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        *s.job.lock().unwrap_or_else(|p| p.into_inner()) = None;
        s.busy.store(false, Ordering::Release);
    }
}

fn worker(s: Arc<Shared>, index: usize) {
    let mut seen = 0u64;
    loop {
        // Wait for the next loop: spin a while, then sleep until woken.
        let started = Instant::now();
        let state = loop {
            let state = s.state.load(Ordering::Acquire);
            if state >> 8 != seen {
                break state;
            }
            if started.elapsed() < SPIN {
                std::hint::spin_loop();
                continue;
            }
            let mut sleeping = s.sleeping.lock().unwrap_or_else(|p| p.into_inner());
            *sleeping += 1;
            while s.state.load(Ordering::Acquire) >> 8 == seen {
                sleeping = s.wake.wait(sleeping).unwrap_or_else(|p| p.into_inner());
            }
            *sleeping -= 1;
        };
        seen = state >> 8;
        if index >= (state & 0xff) as usize {
            continue;
        }
        // This worker has a chunk of loop `seen`, which cannot end before it is done, so the
        // job slot still holds that loop's runner.
        let job = *s.job.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(job) = job {
            job(index);
        }
        s.pending.fetch_sub(1, Ordering::AcqRel);
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
