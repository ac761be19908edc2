//! `rhumba-bench matmul`: the seed table of naive matmul speeds, every peer timed in one run.
//!
//! Each Python-speaking peer (rhumba JIT, rhumba `--no-jit`, CPython with Numba disabled, Numba)
//! runs the same `kernels/matmul.py`, rewritten only in its `SIZES`, `CASES` and `SAMPLES`
//! lines, one process per size; the peers take turns at each size so that a change in machine
//! load touches all of them alike. The C row calls `c/matmul.c` in this process. Every row's
//! checksum at a size must agree with the others, so a fast wrong answer cannot win.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const USAGE: &str = "usage: rhumba-bench matmul [--sizes 64,128,256,512,1024] [--samples 5] [--interp-limit 256]
                           [--rhumba target/release/rhumba] [--python PYTHON] [--results bench/results] [--setup]";

/// Where `--setup` installs numpy and numba, and where the suite looks for them first.
const VENV: &str = "bench/.venv";

pub struct Options {
    sizes: Vec<usize>,
    samples: usize,
    interp_limit: usize,
    rhumba: PathBuf,
    python: Option<String>,
    results: PathBuf,
    setup: bool,
}

pub fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        sizes: vec![64, 128, 256, 512, 1024],
        samples: 5,
        interp_limit: 256,
        rhumba: PathBuf::from("target/release/rhumba"),
        python: None,
        results: PathBuf::from("bench/results"),
        setup: false,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        let number = |v: String| v.trim().parse::<usize>().map_err(|_| format!("{flag}: `{v}` is not a positive integer"));
        match flag.as_str() {
            "--sizes" => o.sizes = value()?.split(',').map(|s| number(s.to_string())).collect::<Result<_, _>>()?,
            "--samples" => o.samples = number(value()?)?,
            "--interp-limit" => o.interp_limit = number(value()?)?,
            "--rhumba" => o.rhumba = PathBuf::from(value()?),
            "--python" => o.python = Some(value()?),
            "--results" => o.results = PathBuf::from(value()?),
            "--setup" => o.setup = true,
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    if o.samples < 1 || o.sizes.is_empty() || o.sizes.contains(&0) {
        return Err("--samples and every size must be at least 1".into());
    }
    Ok(o)
}

/// One timed row of the table: a peer running one loop order.
#[derive(Clone)]
struct Measurement {
    first_s: f64,
    checksum: f64,
    samples: Vec<f64>,
    /// CPU seconds other processes used while this measurement ran, and its wall seconds.
    others_cpu_s: f64,
    wall_s: f64,
}

impl Measurement {
    fn median(&self) -> f64 {
        let mut v = self.samples.clone();
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    }
}

/// Either the measurement or why the row could not run at this size.
type Cell = Result<Measurement, String>;

/// The rows in table order: (row label, peer, case name in the script).
const ROWS: &[(&str, Peer, &str)] = &[
    ("CPython (NUMBA_DISABLE_JIT=1), ijk", Peer::CPython, "ijk"),
    ("rhumba interpreted (--no-jit), ijk", Peer::Interpreted, "ijk"),
    ("rhumba JIT, ijk", Peer::Jit, "ijk"),
    ("rhumba JIT, ikj", Peer::Jit, "ikj"),
    ("rhumba prange, ijk", Peer::Jit, "prange_ijk"),
    ("rhumba prange, ikj", Peer::Jit, "prange_ikj"),
    ("Numba, ijk", Peer::Numba, "ijk"),
    ("Numba, ikj", Peer::Numba, "ikj"),
    ("Numba prange, ijk", Peer::Numba, "prange_ijk"),
    ("Numba prange, ikj", Peer::Numba, "prange_ikj"),
    ("C gcc -O3 -march=native, ijk", Peer::C, "ijk"),
    ("C gcc -O3 -march=native, ikj", Peer::C, "ikj"),
    ("numpy A @ B (BLAS)", Peer::Numba, "blas"),
];

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Peer {
    CPython,
    Interpreted,
    Jit,
    Numba,
    C,
}

/// CPU time in seconds: the whole machine's busy time, and this process's own plus its reaped
/// children's, both from `/proc` (clock ticks of 1/100 s, the fixed USER_HZ of Linux).
fn cpu_counters() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<f64> = stat.lines().next()?.split_whitespace().skip(1).filter_map(|v| v.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    let busy: f64 = fields.iter().enumerate().filter(|(i, _)| *i != 3 && *i != 4 && *i < 8).map(|(_, v)| v).sum();
    let own = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime, stime, cutime, cstime are 14..=17.
    let after = own.rsplit_once(')')?.1;
    // The first field after it is the state (field 3), so field k sits at position k - 3.
    let f: Vec<&str> = after.split_whitespace().collect();
    let mine: f64 = f.get(11..15)?.iter().map(|v| v.parse::<f64>().ok()).sum::<Option<f64>>()?;
    Some((busy / 100.0, mine / 100.0))
}

/// Runs `work`, returning its result with the CPU seconds other processes used meanwhile.
fn with_load<T>(work: impl FnOnce() -> T) -> (T, f64, f64) {
    let before = cpu_counters();
    let start = Instant::now();
    let out = work();
    let wall = start.elapsed().as_secs_f64();
    let others = match (before, cpu_counters()) {
        (Some((b0, m0)), Some((b1, m1))) => ((b1 - b0) - (m1 - m0)).max(0.0),
        _ => 0.0,
    };
    (out, others, wall)
}

fn script(template: &str, n: usize, cases: &[&str], samples: usize) -> String {
    let quoted: Vec<String> = cases.iter().map(|c| format!("\"{c}\"")).collect();
    template
        .replace("SIZES = (64, 128)\n", &format!("SIZES = ({n},)\n"))
        .replace("CASES = (\"ijk\", \"ikj\", \"prange_ijk\", \"prange_ikj\")\n", &format!("CASES = ({},)\n", quoted.join(", ")))
        .replace("SAMPLES = 5\n", &format!("SAMPLES = {samples}\n"))
}

/// Parses the script's `case NAME N FIRST CHECKSUM SAMPLES...` lines.
fn parse_cases(stdout: &str) -> BTreeMap<String, (f64, f64, Vec<f64>)> {
    let mut out = BTreeMap::new();
    for line in stdout.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() >= 6 && parts[0] == "case" {
            let nums: Vec<f64> = parts[3..].iter().filter_map(|v| v.parse().ok()).collect();
            if nums.len() == parts.len() - 3 {
                out.insert(parts[1].to_string(), (nums[0], nums[1], nums[2..].to_vec()));
            }
        }
    }
    out
}

/// Runs one peer's process for size `n` and fills the cells of its cases.
fn run_peer(cmd: Command, cases: &[&str], n: usize, cells: &mut BTreeMap<(Peer, String, usize), Cell>, peer: Peer) {
    let mut cmd = cmd;
    let (output, others, wall) = with_load(|| cmd.output());
    let fail = |why: String, cells: &mut BTreeMap<(Peer, String, usize), Cell>| {
        for c in cases {
            cells.insert((peer, c.to_string(), n), Err(why.clone()));
        }
    };
    let out = match output {
        Ok(out) => out,
        Err(e) => return fail(format!("cannot start: {e}"), cells),
    };
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return fail(format!("failed: {}", err.lines().last().unwrap_or("no message")), cells);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let parsed = parse_cases(&stdout);
    // The warm-up calls are not part of what the process costs a user who calls each kernel a
    // few times: the script reports how long they took, and that is taken off the wall time.
    let warmup: f64 = stdout.lines().filter_map(|l| l.strip_prefix("warmup ")).filter_map(|l| l.split_whitespace().nth(2)?.parse::<f64>().ok()).sum();
    let wall = (wall - warmup).max(0.0);
    for c in cases {
        let cell = match parsed.get(*c) {
            Some((first, checksum, samples)) => {
                Ok(Measurement { first_s: *first, checksum: *checksum, samples: samples.clone(), others_cpu_s: others, wall_s: wall })
            }
            None => Err("no timing line in its output".into()),
        };
        cells.insert((peer, c.to_string(), n), cell);
    }
}

#[cfg(rhumba_bench_c)]
unsafe extern "C" {
    fn rhumba_bench_matmul_ijk(n: usize, a: *const f64, b: *const f64, c: *mut f64);
    fn rhumba_bench_matmul_ikj(n: usize, a: *const f64, b: *const f64, c: *mut f64);
}

/// The C row, in this process, with the inputs the script builds.
#[cfg(rhumba_bench_c)]
fn run_c(case: &str, n: usize, samples: usize) -> Cell {
    let nn = (n * n) as f64;
    let a: Vec<f64> = (0..n * n).map(|i| i as f64 / nn).collect();
    let b: Vec<f64> = (0..n * n).map(|i| 0.5 + i as f64 / (nn * 7.0)).collect();
    let mut c = vec![0.0; n * n];
    let f = if case == "ijk" { rhumba_bench_matmul_ijk } else { rhumba_bench_matmul_ikj };
    let (m, others, wall) = with_load(|| {
        let call = |c: &mut Vec<f64>| {
            let t = Instant::now();
            // SAFETY: a, b and c each hold n * n elements, as the C loops read and write.
            unsafe { f(n, a.as_ptr(), b.as_ptr(), c.as_mut_ptr()) };
            t.elapsed().as_secs_f64()
        };
        let first = call(&mut c);
        let checksum = c.iter().sum();
        let samples = (0..samples).map(|_| call(&mut c)).collect();
        (first, checksum, samples)
    });
    Ok(Measurement { first_s: m.0, checksum: m.1, samples: m.2, others_cpu_s: others, wall_s: wall })
}

#[cfg(not(rhumba_bench_c))]
fn run_c(_case: &str, _n: usize, _samples: usize) -> Cell {
    Err("no C compiler was found when rhumba-bench was built".into())
}

/// The Python to use and why a Python row cannot run, if it cannot.
fn find_python(o: &Options) -> (String, Option<String>, Option<String>) {
    let python = o.python.clone().unwrap_or_else(|| {
        let venv = Path::new(VENV).join("bin/python");
        if venv.exists() { venv.display().to_string() } else { "python3".into() }
    });
    let probe = |code: &str| Command::new(&python).args(["-c", code]).output().map(|o| o.status.success()).unwrap_or(false);
    if !probe("pass") {
        let why = format!("`{python}` not found");
        return (python, Some(why.clone()), Some(why));
    }
    if !probe("import numpy") {
        let why = format!("numpy is not importable by `{python}` (try --setup)");
        return (python, Some(why.clone()), Some(why));
    }
    let numba = (!probe("import numba")).then(|| format!("numba is not importable by `{python}` (try --setup)"));
    // CPython with NUMBA_DISABLE_JIT=1 still imports numba for the decorators.
    (python, numba.clone(), numba)
}

fn setup() -> Result<(), String> {
    let status = |mut c: Command| c.status().map_err(|e| e.to_string()).and_then(|s| if s.success() { Ok(()) } else { Err(format!("{c:?} failed")) });
    if !Path::new(VENV).join("bin/python").exists() {
        let mut c = Command::new("python3");
        c.args(["-m", "venv", VENV]);
        status(c)?;
    }
    let mut c = Command::new(Path::new(VENV).join("bin/pip"));
    c.args(["install", "--quiet", "numpy", "numba"]);
    status(c)
}

pub fn matmul(o: &Options) -> Result<(), String> {
    if o.setup {
        setup()?;
    }
    if !o.rhumba.exists() {
        return Err(format!("{} not found: build it first with `cargo build --release`", o.rhumba.display()));
    }
    let template = include_str!("../kernels/matmul.py");
    let (python, cpython_missing, numba_missing) = find_python(o);
    let dir = std::env::temp_dir().join(format!("rhumba-bench-matmul-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut cells: BTreeMap<(Peer, String, usize), Cell> = BTreeMap::new();
    let started = Instant::now();
    for &n in &o.sizes {
        eprintln!("rhumba-bench: n = {n} ({:.0} s so far)", started.elapsed().as_secs_f64());
        let write = |name: &str, cases: &[&str]| -> Result<PathBuf, String> {
            let path = dir.join(format!("{name}_{n}.py"));
            std::fs::write(&path, script(template, n, cases, o.samples)).map_err(|e| e.to_string())?;
            Ok(path)
        };
        let interpreted = n <= o.interp_limit;
        let too_big = format!("not run above n = {} (--interp-limit)", o.interp_limit);
        // CPython, without Numba's compiler.
        match (&cpython_missing, interpreted) {
            (Some(why), _) => drop(cells.insert((Peer::CPython, "ijk".into(), n), Err(why.clone()))),
            (None, false) => drop(cells.insert((Peer::CPython, "ijk".into(), n), Err(too_big.clone()))),
            (None, true) => {
                let mut c = Command::new(&python);
                c.arg(write("cpython", &["ijk"])?).env("NUMBA_DISABLE_JIT", "1");
                run_peer(c, &["ijk"], n, &mut cells, Peer::CPython);
            }
        }
        if interpreted {
            let mut c = Command::new(&o.rhumba);
            c.args(["run", "--no-jit"]).arg(write("interpreted", &["ijk"])?);
            run_peer(c, &["ijk"], n, &mut cells, Peer::Interpreted);
        } else {
            cells.insert((Peer::Interpreted, "ijk".into(), n), Err(too_big.clone()));
        }
        let compiled = ["ijk", "ikj", "prange_ijk", "prange_ikj"];
        let mut c = Command::new(&o.rhumba);
        c.args(["run", "--quiet"]).arg(write("jit", &compiled)?);
        run_peer(c, &compiled, n, &mut cells, Peer::Jit);
        let with_blas = ["ijk", "ikj", "prange_ijk", "prange_ikj", "blas"];
        match &numba_missing {
            Some(why) => {
                for case in with_blas {
                    cells.insert((Peer::Numba, case.into(), n), Err(why.clone()));
                }
            }
            None => {
                let mut c = Command::new(&python);
                c.arg(write("numba", &with_blas)?);
                run_peer(c, &with_blas, n, &mut cells, Peer::Numba);
            }
        }
        for case in ["ijk", "ikj"] {
            cells.insert((Peer::C, case.into(), n), run_c(case, n, o.samples));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let mut report = Report { sizes: o.sizes.clone(), cells, samples: o.samples };
    report.check_checksums();
    report.print_table();
    report.print_compile_latency();
    report.warn_if_busy();
    std::fs::create_dir_all(&o.results).map_err(|e| format!("{}: {e}", o.results.display()))?;
    report.write_json(&o.results.join("matmul.json"))?;
    println!("\nsamples: {}", o.results.join("matmul.json").display());
    match register_font() {
        Ok(font) => {
            use plotters::prelude::{BitMapBackend, IntoDrawingArea, SVGBackend};
            let (svg, png) = (o.results.join("matmul.svg"), o.results.join("matmul.png"));
            report.plot(SVGBackend::new(&svg, (1000, 640)).into_drawing_area())?;
            report.plot(BitMapBackend::new(&png, (1000, 640)).into_drawing_area())?;
            println!("plots: {} and {} (labels in {})", svg.display(), png.display(), font.display());
        }
        // The table and the samples are the result; a missing font only costs the pictures.
        Err(why) => println!("plots not drawn: {why}"),
    }
    let wrong = report.cells.values().filter(|c| matches!(c, Err(why) if why.starts_with("wrong answer"))).count();
    if wrong > 0 {
        return Err(format!("{wrong} measurement(s) gave a wrong answer; see the table"));
    }
    Ok(())
}

struct Report {
    sizes: Vec<usize>,
    cells: BTreeMap<(Peer, String, usize), Cell>,
    samples: usize,
}

impl Report {
    fn cell(&self, peer: Peer, case: &str, n: usize) -> Option<&Cell> {
        self.cells.get(&(peer, case.to_string(), n))
    }

    /// Marks a cell wrong when its checksum differs from the first peer's that ran at its size
    /// (CPython's where it ran).
    fn check_checksums(&mut self) {
        for &n in &self.sizes {
            let reference = self
                .cells
                .iter()
                .filter(|((_, _, m), _)| *m == n)
                .find_map(|(_, c)| c.as_ref().ok().map(|m| m.checksum));
            let Some(reference) = reference else { continue };
            for ((_, _, m), cell) in self.cells.iter_mut() {
                if *m != n {
                    continue;
                }
                if let Ok(meas) = cell {
                    if (meas.checksum - reference).abs() > 1e-9 * reference.abs().max(1.0) {
                        *cell = Err(format!("wrong answer: checksum {} where others give {reference}", meas.checksum));
                    }
                }
            }
        }
    }

    fn print_table(&self) {
        let threads = prange_threads();
        println!("## Naive matmul, float64, median of {} samples after a first call ({threads} threads for prange)\n", self.samples);
        print!("| row |");
        for n in &self.sizes {
            print!(" n={n} ms | GFLOP/s | vs CPython |");
        }
        println!();
        print!("|---|");
        for _ in &self.sizes {
            print!("---:|---:|---:|");
        }
        println!();
        let mut notes: Vec<String> = Vec::new();
        for (label, peer, case) in ROWS {
            print!("| {label} |");
            for &n in &self.sizes {
                match self.cell(*peer, case, n) {
                    Some(Ok(m)) => {
                        let t = m.median();
                        let gflops = 2.0 * (n as f64).powi(3) / t / 1e9;
                        let speedup = match self.cell(Peer::CPython, "ijk", n) {
                            Some(Ok(py)) if py.median() / t < 10.0 => format!("{:.2}x", py.median() / t),
                            Some(Ok(py)) => format!("{:.0}x", py.median() / t),
                            _ => "-".into(),
                        };
                        print!(" {:.3} | {gflops:.2} | {speedup} |", t * 1e3);
                    }
                    Some(Err(why)) => {
                        let k = match notes.iter().position(|n| n == why) {
                            Some(k) => k,
                            None => {
                                notes.push(why.clone());
                                notes.len() - 1
                            }
                        };
                        print!(" n/a [{}] | | |", k + 1);
                    }
                    None => print!(" - | | |"),
                }
            }
            println!();
        }
        for (k, why) in notes.iter().enumerate() {
            println!("\n[{}] {why}", k + 1);
        }
    }

    /// First call (compilation included) and the whole process, at the smallest size.
    fn print_compile_latency(&self) {
        let Some(&n) = self.sizes.first() else { return };
        println!("\n## Compile latency at n = {n}: first call (compiles) and the whole benchmark process (warm-up calls excluded)\n");
        println!("| kernel | rhumba first call (ms) | Numba first call (ms) | rhumba process (ms) | Numba process (ms) |");
        println!("|---|---:|---:|---:|---:|");
        for (label, case) in [("serial ijk", "ijk"), ("prange ijk", "prange_ijk")] {
            let show = |c: Option<&Cell>, f: fn(&Measurement) -> f64| match c {
                Some(Ok(m)) => format!("{:.1}", f(m) * 1e3),
                _ => "n/a".into(),
            };
            let (r, nb) = (self.cell(Peer::Jit, case, n), self.cell(Peer::Numba, case, n));
            println!("| {label} | {} | {} | {} | {} |", show(r, |m| m.first_s), show(nb, |m| m.first_s), show(r, |m| m.wall_s), show(nb, |m| m.wall_s));
        }
        println!("\n(a process runs every case of its peer at this size: all four rhumba kernels, or Numba's four and numpy's)");
    }

    fn warn_if_busy(&self) {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64;
        let mut worst: (f64, String) = (0.0, String::new());
        for ((peer, case, n), cell) in &self.cells {
            let Ok(m) = cell else { continue };
            // The counters tick every 10 ms, so short measurements and a couple of ticks of
            // slack are left out rather than reported as load.
            if m.wall_s >= 0.5 {
                let share = (m.others_cpu_s - 0.02).max(0.0) / (m.wall_s * cores);
                if share > worst.0 {
                    worst = (share, format!("{peer:?} {case} at n = {n}"));
                }
            }
        }
        if worst.0 > 0.10 {
            println!("\nwarning: other processes used {:.0}% of the machine's CPU during {}; the figures may be noisy", worst.0 * 100.0, worst.1);
        } else {
            println!("\nother processes used at most {:.0}% of the machine's CPU during any measurement of 0.5 s or more", worst.0 * 100.0);
        }
    }

    fn write_json(&self, path: &Path) -> Result<(), String> {
        let mut rows = Vec::new();
        for (label, peer, case) in ROWS {
            for &n in &self.sizes {
                let entry = match self.cell(*peer, case, n) {
                    Some(Ok(m)) => serde_json::json!({
                        "row": label, "n": n, "first_call_s": m.first_s, "samples_s": m.samples,
                        "median_s": m.median(), "checksum": m.checksum,
                        "other_processes_cpu_s": m.others_cpu_s, "process_wall_s": m.wall_s,
                    }),
                    Some(Err(why)) => serde_json::json!({ "row": label, "n": n, "not_run": why }),
                    None => continue,
                };
                rows.push(entry);
            }
        }
        let doc = serde_json::json!({
            "benchmark": "naive matmul, float64",
            "threads": prange_threads(),
            "rows": rows,
        });
        std::fs::write(path, serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// GFLOP/s against n for every row that ran, log scales, on any plotters backend.
    fn plot<DB: plotters::prelude::DrawingBackend>(&self, root: plotters::prelude::DrawingArea<DB, plotters::coord::Shift>) -> Result<(), String> {
        use plotters::prelude::*;
        let err = |e: &dyn std::fmt::Display| format!("plot: {e}");
        let mut series = Vec::new();
        let mut top: f64 = 0.1;
        for (label, peer, case) in ROWS {
            let points: Vec<(f64, f64)> = self
                .sizes
                .iter()
                .filter_map(|&n| match self.cell(*peer, case, n) {
                    Some(Ok(m)) => Some((n as f64, 2.0 * (n as f64).powi(3) / m.median() / 1e9)),
                    _ => None,
                })
                .collect();
            top = points.iter().map(|p| p.1).fold(top, f64::max);
            if !points.is_empty() {
                series.push((*label, points));
            }
        }
        let lo = *self.sizes.iter().min().unwrap_or(&64) as f64;
        let hi = *self.sizes.iter().max().unwrap_or(&1024) as f64;
        root.fill(&WHITE).map_err(|e| err(&e))?;
        let mut chart = ChartBuilder::on(&root)
            .caption("naive matmul, float64: GFLOP/s against n", ("sans-serif", 22))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d((lo * 0.9..hi * 1.1).log_scale(), (0.001f64..top * 1.5).log_scale())
            .map_err(|e| err(&e))?;
        chart.configure_mesh().x_desc("n").y_desc("GFLOP/s").draw().map_err(|e| err(&e))?;
        for (k, (label, points)) in series.into_iter().enumerate() {
            let color = Palette99::pick(k).to_rgba();
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))
                .map_err(|e| err(&e))?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
            chart.draw_series(points.into_iter().map(|p| Circle::new(p, 3, color.filled()))).map_err(|e| err(&e))?;
        }
        chart.configure_series_labels().position(SeriesLabelPosition::LowerRight).background_style(WHITE.mix(0.8)).border_style(BLACK).draw().map_err(|e| err(&e))?;
        root.present().map_err(|e| err(&e))
    }
}

/// Makes a TrueType font known to plotters as "sans-serif" (its text layout needs one), from
/// `RHUMBA_BENCH_FONT` or the usual Linux locations; returns the file used.
fn register_font() -> Result<PathBuf, String> {
    let mut candidates: Vec<PathBuf> = std::env::var_os("RHUMBA_BENCH_FONT").map(PathBuf::from).into_iter().collect();
    for p in [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ] {
        candidates.push(PathBuf::from(p));
    }
    for path in &candidates {
        if let Ok(bytes) = std::fs::read(path) {
            // plotters keeps registered fonts for the whole process, so the bytes live as long.
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            if plotters::style::register_font("sans-serif", plotters::style::FontStyle::Normal, bytes).is_ok() {
                return Ok(path.clone());
            }
        }
    }
    Err("no TrueType font found (set RHUMBA_BENCH_FONT to a .ttf file)".into())
}

/// The threads prange loops get: `RHUMBA_NUM_THREADS` (passed on to rhumba; set
/// `NUMBA_NUM_THREADS` alike for Numba) or every core.
fn prange_threads() -> usize {
    std::env::var("RHUMBA_NUM_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
}
