//! `rhumba-bench`: timings of rhumba beside its peers, measured in one run.
//!
//! `matmul` is the seed table: naive matmul under every peer, one run, markdown + JSON + plot
//! (see `matmul.rs`).
//!
//! `call-overhead` measures the embedding API's per-call cost next to a plain Rust call.
//!
//! `embed-matmul` times the same serial matmul kernel through `Engine` handles under each tier
//! policy; `rhumba run bench/kernels/embed_matmul.py` prints the script's figure to set beside it.

mod matmul;

use std::time::Instant;

const USAGE: &str = "usage: rhumba-bench matmul [--help]\n       rhumba-bench call-overhead\n       rhumba-bench embed-matmul";

/// Milliseconds per call of `bench/kernels/embed_matmul.py`'s kernel (n = 512) through a typed
/// `Engine` handle, for each tier policy: median of 5 after 3 warm-up calls.
fn embed_matmul() -> Result<(), String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/kernels/embed_matmul.py");
    let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let n = 512;
    let a = ndarray::Array2::from_shape_fn((n, n), |(i, j)| (i * n + j) as f64 / 1000.0);
    let b = ndarray::Array2::<f64>::ones((n, n));
    println!("| Engine tier policy | ms per call (n = {n}) |\n|---|---|");
    // Storage aligned to a 64-byte cache line, as rhumba's own arrays are (ndarray's `Vec` gives
    // 16 bytes): the row `c[i, :]` then never splits a vector store across two lines.
    let aligned = |values: &[f64]| -> (Vec<f64>, usize) {
        let mut buf = vec![0.0f64; values.len() + 8];
        let skip = buf.as_ptr().align_offset(64);
        buf[skip..skip + values.len()].copy_from_slice(values);
        (buf, skip)
    };
    let (a64, a_at) = aligned(a.as_slice().unwrap_or(&[]));
    let (b64, b_at) = aligned(b.as_slice().unwrap_or(&[]));
    let rows = [("Now (default)", rhumba::TierPolicy::Now, false), ("Now, 64-byte-aligned arrays", rhumba::TierPolicy::Now, true), ("WhenHot", rhumba::TierPolicy::WhenHot, false), ("Off (Cranelift)", rhumba::TierPolicy::Off, false)];
    for (label, tier, align) in rows {
        let options = rhumba::EngineOptions { tier, ..Default::default() };
        let engine = rhumba::Engine::with_options("embed_matmul.py", &source, options).map_err(|e| e.message)?;
        let (mut c64, c_at) = aligned(&vec![0.0; n * n]);
        let av = if align { ndarray::ArrayView2::from_shape((n, n), &a64[a_at..a_at + n * n]).map_err(|e| e.to_string())? } else { a.view() };
        let bv = if align { ndarray::ArrayView2::from_shape((n, n), &b64[b_at..b_at + n * n]).map_err(|e| e.to_string())? } else { b.view() };
        let mut plain_c = ndarray::Array2::<f64>::zeros((n, n));
        // The handle borrows the views' lifetime, so each call looks it up (cached) and only
        // the call itself is timed.
        let mut timed_call = || -> Result<f64, String> {
            let c = if align { ndarray::ArrayViewMut2::from_shape((n, n), &mut c64[c_at..c_at + n * n]).map_err(|e| e.to_string())? } else { plain_c.view_mut() };
            let matmul = engine.function::<(ndarray::ArrayView2<f64>, ndarray::ArrayView2<f64>, ndarray::ArrayViewMut2<f64>), ()>("matmul").map_err(|e| e.message)?;
            let start = Instant::now();
            matmul.call((av.view(), bv.view(), c)).map_err(|e| e.message)?;
            Ok(start.elapsed().as_secs_f64() * 1e3)
        };
        for _ in 0..3 {
            timed_call()?;
        }
        let mut runs = (0..5).map(|_| timed_call()).collect::<Result<Vec<f64>, String>>()?;
        runs.sort_by(|x, y| x.total_cmp(y));
        let checksum: f64 = if align { c64[c_at..c_at + n * n].iter().sum() } else { plain_c.sum() };
        println!("| {label} | {:.2} (checksum {checksum:.6e}) |", runs[2]);
    }
    Ok(())
}

/// Nanoseconds per call of a scalar kernel through a typed handle and through the dynamic call,
/// next to a plain Rust function call; median of 5 runs.
fn call_overhead() -> Result<(), String> {
    let engine = rhumba::Engine::from_source("add.py", "from numba import njit\n\n@njit\ndef add(x, y):\n    return x + y\n\ndef add_plain(x, y):\n    return x + y\n").map_err(|e| e.message)?;
    let typed = engine.function::<(f64, f64), f64>("add").map_err(|e| e.message)?;
    #[inline(never)]
    fn native(x: f64, y: f64) -> f64 {
        x + y
    }
    let time = |calls: usize, f: &mut dyn FnMut(usize)| -> f64 {
        let mut runs: Vec<f64> = (0..5)
            .map(|_| {
                let start = Instant::now();
                for i in 0..calls {
                    f(i);
                }
                start.elapsed().as_secs_f64() * 1e9 / calls as f64
            })
            .collect();
        runs.sort_by(|a, b| a.total_cmp(b));
        runs[2]
    };
    let mut sink = 0.0;
    let n_native = time(10_000_000, &mut |i| sink += std::hint::black_box(native)(i as f64, 1.0));
    let n_typed = time(1_000_000, &mut |i| sink += typed.call((i as f64, 1.0)).unwrap_or(0.0));
    let n_dynamic = time(20_000, &mut |i| {
        if let Ok(rhumba::Arg::Float(v)) = engine.call("add", vec![rhumba::Arg::Float(i as f64), rhumba::Arg::Float(1.0)]) {
            sink += v;
        }
    });
    let n_interpreted = time(20_000, &mut |i| {
        if let Ok(rhumba::Arg::Float(v)) = engine.call("add_plain", vec![rhumba::Arg::Float(i as f64), rhumba::Arg::Float(1.0)]) {
            sink += v;
        }
    });
    println!("| call | ns per call |\n|---|---|");
    println!("| native Rust fn (not inlined) | {n_native:.1} |");
    println!("| rhumba typed handle | {n_typed:.1} |");
    println!("| rhumba dynamic call of a @jit function (direct) | {n_dynamic:.0} |");
    println!("| rhumba dynamic call of a plain function (engine thread, interpreted) | {n_interpreted:.0} |");
    println!("\nmedian of 5 runs; checksum {sink}");
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("call-overhead") => call_overhead(),
        Some("embed-matmul") => embed_matmul(),
        Some("matmul") if args.iter().any(|a| a == "--help" || a == "-h") => {
            println!("{}", matmul::USAGE);
            Ok(())
        }
        Some("matmul") => matmul::parse_options(&args[1..]).and_then(|o| matmul::matmul(&o)),
        _ => Err(USAGE.to_string()),
    };
    if let Err(e) = result {
        eprintln!("rhumba-bench: {e}");
        std::process::exit(2);
    }
}
