//! `rhumba-bench`: timings of rhumba beside its peers, measured in one run.
//!
//! `matmul` is the seed table: naive matmul under every peer, one run, markdown + JSON + plot
//! (see `matmul.rs`).
//!
//! `call-overhead` measures the embedding API's per-call cost next to a plain Rust call.
//!
//! `interp` times the naive matmul of DESIGN.md section 1 under rhumba's interpreter
//! (`rhumba run --no-jit`) and under CPython with Numba disabled (`NUMBA_DISABLE_JIT=1`), runs
//! interleaved, and prints the median of several runs for each, as a markdown table.

mod matmul;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

const USAGE: &str = "usage: rhumba-bench matmul [--help]\n       rhumba-bench interp [--sizes 64,128] [--runs 5] [--rhumba target/release/rhumba] [--python python3]\n       rhumba-bench call-overhead";

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    rhumba: PathBuf,
    python: String,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options { sizes: vec![64, 128], runs: 5, rhumba: PathBuf::from("target/release/rhumba"), python: "python3".into() };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--sizes" => {
                o.sizes = value()?.split(',').map(|s| s.trim().parse().map_err(|_| format!("bad size `{s}`"))).collect::<Result<_, _>>()?
            }
            "--runs" => o.runs = value()?.parse().map_err(|_| "bad --runs".to_string())?,
            "--rhumba" => o.rhumba = PathBuf::from(value()?),
            "--python" => o.python = value()?,
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    if o.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    Ok(o)
}

/// The benchmark script with its size substituted; it prints the kernel's own time.
fn script_for(n: usize) -> String {
    let template = include_str!("../kernels/matmul_prange.py");
    let sized = template.replace("n = 128\n", &format!("n = {n}\n"));
    let timed = sized.replace(
        "matmul(a, b, c)\n",
        "t0 = time.perf_counter()\nmatmul(a, b, c)\nprint('kernel_seconds', time.perf_counter() - t0)\n",
    );
    format!("import time\n{timed}")
}

struct Sample {
    wall: f64,
    kernel: f64,
}

fn run_once(mut cmd: Command) -> Result<Sample, String> {
    let start = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot start: {e}"))?;
    let wall = start.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("failed").to_string());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let kernel = stdout
        .lines()
        .find_map(|l| l.strip_prefix("kernel_seconds "))
        .and_then(|v| v.trim().parse().ok())
        .ok_or("no kernel_seconds line in the output")?;
    Ok(Sample { wall, kernel })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn interp(o: &Options) -> Result<(), String> {
    if !o.rhumba.exists() {
        return Err(format!("{} not found: build it first with `cargo build --release`", o.rhumba.display()));
    }
    let dir = std::env::temp_dir().join(format!("rhumba-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    println!("| n | rhumba --no-jit kernel (ms) | CPython, NUMBA_DISABLE_JIT=1 kernel (ms) | speed-up | rhumba process (ms) | CPython process (ms) |");
    println!("|---|---|---|---|---|---|");
    for &n in &o.sizes {
        let script = dir.join(format!("matmul_{n}.py"));
        std::fs::write(&script, script_for(n)).map_err(|e| e.to_string())?;
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let mut python_error = None;
        // Interleave the two so that a change in machine load affects both alike.
        for _ in 0..o.runs {
            let mut r = Command::new(&o.rhumba);
            r.args(["run", "--no-jit"]).arg(&script);
            ours.push(run_once(r).map_err(|e| format!("rhumba failed at n={n}: {e}"))?);
            let mut p = Command::new(&o.python);
            p.arg(&script).env("NUMBA_DISABLE_JIT", "1");
            match run_once(p) {
                Ok(s) => theirs.push(s),
                Err(e) => python_error = Some(e),
            }
        }
        let ms = |v: &[Sample], f: fn(&Sample) -> f64| median(v.iter().map(f).collect()) * 1e3;
        let (rk, rw) = (ms(&ours, |s| s.kernel), ms(&ours, |s| s.wall));
        match python_error {
            None => {
                let (pk, pw) = (ms(&theirs, |s| s.kernel), ms(&theirs, |s| s.wall));
                println!("| {n} | {rk:.1} | {pk:.1} | {:.2}x | {rw:.1} | {pw:.1} |", pk / rk);
            }
            Some(e) => println!("| {n} | {rk:.1} | not run: {e} | - | {rw:.1} | - |"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("\nmedian of {} runs each, interleaved; kernel = the matmul call timed with time.perf_counter()", o.runs);
    Ok(())
}

/// Nanoseconds per call of a scalar kernel through a typed handle and through the dynamic call,
/// next to a plain Rust function call; median of 5 runs.
fn call_overhead() -> Result<(), String> {
    let engine = rhumba::Engine::from_source("add.py", "from numba import njit\n\n@njit\ndef add(x, y):\n    return x + y\n").map_err(|e| e.message)?;
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
    println!("| call | ns per call |\n|---|---|");
    println!("| native Rust fn (not inlined) | {n_native:.1} |");
    println!("| rhumba typed handle | {n_typed:.1} |");
    println!("| rhumba dynamic call (engine thread) | {n_dynamic:.0} |");
    println!("\nmedian of 5 runs; checksum {sink}");
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("call-overhead") => call_overhead(),
        Some("matmul") if args.iter().any(|a| a == "--help" || a == "-h") => {
            println!("{}", matmul::USAGE);
            Ok(())
        }
        Some("matmul") => matmul::parse_options(&args[1..]).and_then(|o| matmul::matmul(&o)),
        Some("interp") => parse_options(&args[1..]).and_then(|o| interp(&o)),
        _ => Err(USAGE.to_string()),
    };
    if let Err(e) = result {
        eprintln!("rhumba-bench: {e}");
        std::process::exit(2);
    }
}
