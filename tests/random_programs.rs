//! Differential fuzzing of whole programs: a seeded generator writes well-typed Numba programs
//! (integer and float arithmetic with corner values, branches, loops with any steps, `while`
//! loops with `break`/`continue`, array reads and writes through negative indices and views,
//! masks, calls between compiled functions, and `prange` reductions) and every one must print
//! the same in every mode: the interpreter (`--no-jit`), the Cranelift tier on one thread and on
//! several, the optimising tier (`RHUMBA_OPTIMISE=now`), and CPython + Numba when `python3` has
//! numba (floats within 1e-9 relative; Numba at `NUMBA_OPT=0`, see below).
//!
//! The programs never raise (divisors are odd, indices are reduced modulo the length, loops are
//! short), so any difference is a bug. A bounded run is part of the test suite; a long one is
//!
//! ```text
//! RHUMBA_RANDOM_PROGRAMS=20000 RHUMBA_RANDOM_SEED=7 RHUMBA_RANDOM_NUMBA_EVERY=10 \
//!     cargo test --release --test random_programs -- --nocapture
//! ```
//!
//! A failing batch is kept in `target/random-programs/` with each mode's output, to be cut down
//! by hand into a test of its own.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Functions per generated file: one process per mode runs a whole batch (Numba's import and
/// each process start are paid once per batch).
const PER_FILE: usize = 25;

/// A small deterministic generator (PCG-style LCG), so a seed reproduces a program exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Integer literals, corner values first: they exercise wrapping, division and shifts.
const INTS: &[&str] = &["0", "1", "-1", "2", "3", "-7", "10", "255", "4611686018427387904", "-4611686018427387904", "9223372036854775807", "-9223372036854775807", "2147483648", "9007199254740993", "-3"];
const FLOATS: &[&str] = &["0.0", "-0.0", "0.5", "-1.25", "3.0", "1e300", "-1e-300", "2.5", "1e16", "0.1", "-7.75"];

/// What a generated function may read and write.
struct Scope {
    ints: Vec<String>,
    floats: Vec<String>,
    /// Loop variables in scope (ints, read-only).
    loop_vars: Vec<String>,
    /// Views of `a` made in this function (non-empty float arrays).
    views: Vec<String>,
    fresh: usize,
    depth: usize,
    in_loop: bool,
    helpers: Vec<String>,
}

impl Scope {
    fn name(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }
}

fn int_atom(r: &mut Rng, s: &Scope) -> String {
    let mut choices: Vec<String> = s.ints.clone();
    choices.extend(s.loop_vars.iter().cloned());
    choices.push("n".into());
    choices.push("b[(n * 3 + 1) % b.shape[0]]".into());
    choices.push("len(a)".into());
    r.pick(&choices).clone()
}

fn float_atom(r: &mut Rng, s: &Scope) -> String {
    let mut choices: Vec<String> = s.floats.clone();
    choices.push("x".into());
    choices.push("a[(n + 2) % a.shape[0]]".into());
    for v in &s.views {
        choices.push(format!("{v}[0]"));
    }
    r.pick(&choices).clone()
}

/// An index into an array of length `len_expr`: in range, sometimes negative.
fn index(r: &mut Rng, s: &Scope, len_expr: &str, depth: usize) -> String {
    let e = int_expr(r, s, depth);
    if r.chance(30) {
        format!("-1 - (({e}) % {len_expr})")
    } else {
        format!("({e}) % {len_expr}")
    }
}

fn int_expr(r: &mut Rng, s: &Scope, depth: usize) -> String {
    if depth == 0 || r.chance(30) {
        // A literal alone is fine; literal-only arithmetic is avoided below (Numba folds it with
        // Python's unbounded integers).
        return if r.chance(35) { r.pick(INTS).to_string() } else { int_atom(r, s) };
    }
    let d = depth - 1;
    let var = int_atom(r, s);
    match r.below(12) {
        0..=2 => {
            let op = *r.pick(&["+", "-", "*", "&", "|", "^"]);
            format!("({} {op} {})", var, int_expr(r, s, d))
        }
        3 => format!("({} // ({} | 1))", int_expr(r, s, d), var),
        4 => format!("({} % ({} | 1))", var, int_expr(r, s, d)),
        5 => {
            let op = *r.pick(&["<<", ">>"]);
            format!("({var} {op} ({} & 31))", int_expr(r, s, d))
        }
        6 => format!("{}({}, {})", r.pick(&["min", "max"]), var, int_expr(r, s, d)),
        7 => format!("abs({var})"),
        8 => format!("(-{var})"),
        9 => format!("int({})", float_expr(r, s, d)),
        10 => format!("({} if {} else {})", int_expr(r, s, d), cond(r, s, d), var),
        _ => format!("b[{}]", index(r, s, "b.shape[0]", d)),
    }
}

fn float_expr(r: &mut Rng, s: &Scope, depth: usize) -> String {
    if depth == 0 || r.chance(30) {
        return if r.chance(30) { r.pick(FLOATS).to_string() } else { float_atom(r, s) };
    }
    let d = depth - 1;
    let var = float_atom(r, s);
    match r.below(12) {
        0..=2 => {
            let op = *r.pick(&["+", "-", "*"]);
            format!("({var} {op} {})", float_expr(r, s, d))
        }
        3 => {
            let div = float_expr(r, s, d);
            let op = *r.pick(&["/", "//", "%"]);
            format!("({var} {op} ({div} * {div} + 0.5))")
        }
        4 => format!("math.sqrt(abs({}))", float_expr(r, s, d)),
        5 => format!("{}({})", r.pick(&["math.sin", "math.cos", "math.atan", "np.floor", "abs", "math.tanh"]), float_expr(r, s, d)),
        6 => format!("float({})", int_expr(r, s, d)),
        7 => format!("({var} ** {})", r.pick(&["2", "3", "0"])),
        8 => format!("{}({var}, {})", r.pick(&["min", "max"]), float_expr(r, s, d)),
        9 => format!("({} if {} else {var})", float_expr(r, s, d), cond(r, s, d)),
        10 => format!("a[{}]", index(r, s, "a.shape[0]", d)),
        // A count, not a sum: numpy's pairwise sums and Numba's sequential ones round
        // differently, and with 1e16 beside 0.5 the difference is not in the last bit.
        _ => format!("float(len(a[a > {var}]))"),
    }
}

fn cond(r: &mut Rng, s: &Scope, depth: usize) -> String {
    let op = *r.pick(&["<", "<=", ">", ">=", "==", "!="]);
    let d = depth.saturating_sub(1);
    match r.below(4) {
        0 | 1 => format!("{} {op} {}", int_atom(r, s), int_expr(r, s, d)),
        2 => format!("{} {op} {}", float_atom(r, s), float_expr(r, s, d)),
        _ => format!("({} {op} {}) {} ({} {op} {})", int_atom(r, s), int_expr(r, s, d), r.pick(&["and", "or"]), float_atom(r, s), float_expr(r, s, d)),
    }
}

fn block(r: &mut Rng, s: &mut Scope, out: &mut String, indent: usize, count: usize) {
    // A view made inside a nested block may not exist after it: it is forgotten there.
    let views = s.views.len();
    for _ in 0..count {
        statement(r, s, out, indent);
    }
    if indent > 4 {
        s.views.truncate(views);
    }
}

fn statement(r: &mut Rng, s: &mut Scope, out: &mut String, indent: usize) {
    let pad = " ".repeat(indent);
    let deep = s.depth >= 3;
    match r.below(if deep { 7 } else { 12 }) {
        0 | 1 => {
            let v = r.pick(&s.ints).clone();
            let e = int_expr(r, s, 3);
            let _ = writeln!(out, "{pad}{v} {}= {e}", if r.chance(40) { "+" } else { "" });
        }
        2 | 3 => {
            let v = r.pick(&s.floats).clone();
            let e = float_expr(r, s, 3);
            let _ = writeln!(out, "{pad}{v} {}= {e}", if r.chance(40) { "+" } else { "" });
        }
        4 => {
            let i = index(r, s, "a.shape[0]", 2);
            let _ = writeln!(out, "{pad}a[{i}] = {}", float_expr(r, s, 2));
        }
        5 => {
            let i = index(r, s, "b.shape[0]", 2);
            let _ = writeln!(out, "{pad}b[{i}] {}= {}", if r.chance(50) { "+" } else { "" }, int_expr(r, s, 2));
        }
        6 if s.in_loop => {
            let kw = *r.pick(&["break", "continue"]);
            let _ = writeln!(out, "{pad}if {}:\n{pad}    {kw}", cond(r, s, 1));
        }
        6 => {
            let v = r.pick(&s.ints).clone();
            let _ = writeln!(out, "{pad}{v} = {}", int_expr(r, s, 2));
        }
        7 | 8 => {
            let _ = writeln!(out, "{pad}if {}:", cond(r, s, 2));
            s.depth += 1;
            let n = 1 + r.below(3);
            block(r, s, out, indent + 4, n);
            if r.chance(50) {
                let _ = writeln!(out, "{pad}else:");
                let n = 1 + r.below(2);
                block(r, s, out, indent + 4, n);
            }
            s.depth -= 1;
        }
        9 => {
            let var = s.name("k");
            let (start, stop, step) = match r.below(4) {
                0 => ("0".to_string(), format!("({}) % 9", int_expr(r, s, 1)), "1".to_string()),
                1 => (format!("({}) % 7", int_expr(r, s, 1)), "-3".to_string(), r.pick(&["-1", "-2", "-3"]).to_string()),
                2 => ("-4".to_string(), "a.shape[0]".to_string(), r.pick(&["2", "3", "5"]).to_string()),
                _ => ("2".to_string(), "b.shape[0] + 3".to_string(), "1".to_string()),
            };
            let _ = writeln!(out, "{pad}for {var} in range({start}, {stop}, {step}):");
            s.loop_vars.push(var);
            let was = s.in_loop;
            s.in_loop = true;
            s.depth += 1;
            let n = 1 + r.below(3);
            block(r, s, out, indent + 4, n);
            s.depth -= 1;
            s.in_loop = was;
            s.loop_vars.pop();
        }
        10 => {
            let w = s.name("w");
            let _ = writeln!(out, "{pad}{w} = 0\n{pad}while {w} < ({}) % 6:", int_expr(r, s, 1));
            let _ = writeln!(out, "{pad}    {w} += 1");
            // Readable in the body, never assigned there (the loop must end).
            s.loop_vars.push(w.clone());
            let was = s.in_loop;
            s.in_loop = true;
            s.depth += 1;
            let n = 1 + r.below(2);
            block(r, s, out, indent + 4, n);
            s.depth -= 1;
            s.in_loop = was;
            s.loop_vars.retain(|x| *x != w);
        }
        _ => {
            if let Some(h) = s.helpers.last().cloned().filter(|_| r.chance(50)) {
                let v = r.pick(&s.ints).clone();
                let _ = writeln!(out, "{pad}{v} = {h}({}, {})", int_expr(r, s, 2), float_expr(r, s, 2));
            } else {
                let v = s.name("view");
                let (lo, hi) = *r.pick(&[("1", "5"), ("0", "3"), ("2", "8"), ("-4", "-1")]);
                let _ = writeln!(out, "{pad}{v} = a[{lo}:{hi}]\n{pad}{v}[({}) % {v}.shape[0]] = {}", int_expr(r, s, 1), float_expr(r, s, 1));
                s.views.push(v);
            }
        }
    }
}

/// A scalar helper `h(i, f) -> int` that other functions call.
fn helper(r: &mut Rng, name: &str) -> String {
    let mut s = Scope { ints: vec!["i".into(), "q".into()], floats: vec!["f".into()], loop_vars: vec![], views: vec![], fresh: 0, depth: 1, in_loop: false, helpers: vec![] };
    let mut body = String::new();
    let _ = writeln!(body, "    q = {}", r.pick(INTS));
    // Helpers see no arrays: their expressions use only their own variables.
    for _ in 0..2 {
        let e = helper_expr(r, &mut s, 2);
        let _ = writeln!(body, "    q = {e}");
    }
    format!("@njit\ndef {name}(i, f):\n{body}    return q + int(f > 0.0)\n")
}

fn helper_expr(r: &mut Rng, s: &mut Scope, depth: usize) -> String {
    let v = r.pick(&s.ints).clone();
    if depth == 0 {
        return v;
    }
    match r.below(4) {
        0 => format!("({v} * {} + {})", r.pick(INTS), helper_expr(r, s, depth - 1)),
        1 => format!("({v} // ({} | 1))", helper_expr(r, s, depth - 1)),
        2 => format!("({} if f < {} else {v})", helper_expr(r, s, depth - 1), r.pick(FLOATS)),
        _ => format!("({v} ^ ({} >> 3))", helper_expr(r, s, depth - 1)),
    }
}

fn serial_function(r: &mut Rng, name: &str, helpers: &[String]) -> String {
    let mut s = Scope {
        ints: vec!["i1".into(), "i2".into(), "i3".into()],
        floats: vec!["f1".into(), "f2".into()],
        loop_vars: vec![],
        views: vec![],
        fresh: 0,
        depth: 0,
        in_loop: false,
        helpers: helpers.to_vec(),
    };
    let mut body = String::new();
    let _ = writeln!(body, "    i1 = {}\n    i2 = n\n    i3 = {}\n    f1 = x\n    f2 = {}", r.pick(INTS), r.pick(INTS), r.pick(FLOATS));
    let n = 3 + r.below(5);
    block(r, &mut s, &mut body, 4, n);
    // The array's total summed in order: the same rounding in every mode and in Numba.
    format!("@njit\ndef {name}(a, b, n, x):\n{body}    total = 0.0\n    for e in range(a.shape[0]):\n        total += a[e]\n    return i1, i2, i3, f1, f2, total, b.sum()\n")
}

/// A `prange` loop with integer reductions (wrapping sums are exact in any order), a float sum
/// of small integers (exact too), a min/max reduction, and disjoint writes to `out`.
fn parallel_function(r: &mut Rng, name: &str) -> String {
    let mut s = Scope { ints: vec!["n".into()], floats: vec!["x".into()], loop_vars: vec!["i".into()], views: vec![], fresh: 0, depth: 2, in_loop: true, helpers: vec![] };
    let ie = int_expr(r, &s, 2).replace("b[(n * 3 + 1) % b.shape[0]]", "b[i]");
    let fe = float_expr(r, &s, 2);
    // Mixed with `i`: Numba 0.68 fails to lower a min/max reduction of a loop-invariant value.
    let me = format!("({}) ^ i", int_expr(r, &s, 2));
    s.ints.clear();
    let reducer = *r.pick(&["min", "max"]);
    // Not extreme starting values: Numba 0.68 gives -2**63 for `m = min(m, i)` over a prange
    // when `m` starts at -2**63 + 1 (its own bug; rhumba gives -2**63 + 1).
    let start = *r.pick(&["0", "5", "-5", "1000"]);
    format!(
        "@njit(parallel=True)\ndef {name}(a, b, n, x):\n    s = 0\n    t = 0.0\n    m = {start}\n    out = np.zeros(a.shape[0])\n    for i in prange(a.shape[0]):\n        s += {ie}\n        t += float(({ie}) % 1000)\n        m = {reducer}(m, {me})\n        out[i] = {fe}\n    total = 0.0\n    for e in range(out.shape[0]):\n        total += out[e]\n    return s, t, m, total\n"
    )
}

/// One batch: helpers, then `PER_FILE` functions, each called on fresh copies of the arrays.
fn program(seed: u64) -> String {
    let mut r = Rng(seed);
    let mut text = String::from("import math\nimport numpy as np\nfrom numba import njit, prange\n\n");
    let floats: Vec<&str> = (0..12).map(|_| *r.pick(FLOATS)).collect();
    let ints: Vec<&str> = (0..12).map(|_| *r.pick(INTS)).collect();
    let _ = writeln!(text, "A = np.array([{}])\nB = np.array([{}], dtype=np.int64)\n", floats.join(", "), ints.join(", "));
    let helpers = vec!["h0".to_string(), "h1".to_string()];
    for h in &helpers {
        text.push_str(&helper(&mut r, h));
        text.push('\n');
    }
    for k in 0..PER_FILE {
        let name = format!("f{k}");
        let f = if r.chance(20) { parallel_function(&mut r, &name) } else { serial_function(&mut r, &name, &helpers) };
        text.push_str(&f);
        let n = r.pick(INTS);
        let x = r.pick(FLOATS);
        let _ = writeln!(text, "\nprint({name}(A.copy(), B.copy(), {n}, {x}))\n");
    }
    text
}

struct Outcome {
    stdout: String,
    stderr: String,
    ok: bool,
}

fn run(cmd: &mut Command, limit: Duration) -> Outcome {
    use std::io::Read;
    let mut child = match cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) => return Outcome { stdout: String::new(), stderr: format!("cannot start: {e}"), ok: false },
    };
    let started = std::time::Instant::now();
    let mut out_pipe = child.stdout.take().expect("piped stdout");
    let mut err_pipe = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out_pipe.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let stdout = reader.join().unwrap_or_default();
    let mut stderr = err_reader.join().unwrap_or_default();
    if status.is_none() {
        stderr.push_str(&format!("\n(killed after {limit:?}: a hang)"));
    }
    Outcome { ok: status.is_some_and(|s| s.success()), stdout, stderr }
}

fn keep(dir: &Path, seed: u64, source: &str, outputs: &[(String, Outcome)]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(format!("batch_{seed}.py"));
    let _ = std::fs::write(&path, source);
    for (mode, o) in outputs {
        let _ = std::fs::write(dir.join(format!("batch_{seed}.{}.txt", mode.replace([' ', '='], "_"))), format!("{}\n--- stderr ---\n{}", o.stdout, o.stderr));
    }
    path
}

#[test]
fn random_programs_agree_in_every_mode() {
    let count: usize = std::env::var("RHUMBA_RANDOM_PROGRAMS").ok().and_then(|v| v.parse().ok()).unwrap_or(50);
    let seed: u64 = std::env::var("RHUMBA_RANDOM_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    // Numba takes ~20 s per batch (compiling 25 functions); a long run may ask for it on every
    // k-th batch only.
    let numba_every: usize = std::env::var("RHUMBA_RANDOM_NUMBA_EVERY").ok().and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
    let numba = support::python_with_numba();
    if let Err(why) = &numba {
        println!("SKIPPED the comparison with Numba: {why}");
    }
    // A long run may test a copy of the binary, so that rebuilding meanwhile does not disturb it.
    let built = env!("CARGO_BIN_EXE_rhumba").to_string();
    let rhumba = std::env::var("RHUMBA_RANDOM_BIN").unwrap_or(built);
    let work = std::env::temp_dir().join(format!("rhumba-random-{}", std::process::id()));
    let kept = support::repo_root().join("target/random-programs");
    std::fs::create_dir_all(&work).expect("temporary directory");
    let batches = count.div_ceil(PER_FILE);
    let mut failures = Vec::new();
    for b in 0..batches {
        let batch_seed = seed.wrapping_mul(1_000_003).wrapping_add(b as u64);
        let source = program(batch_seed);
        let path = work.join(format!("batch_{batch_seed}.py"));
        std::fs::write(&path, &source).expect("writable");
        let limit = Duration::from_secs(120);
        let mut outputs: Vec<(String, Outcome)> = Vec::new();
        let mode = |args: &[&str], env: &[(&str, &str)]| {
            let mut c = Command::new(&rhumba);
            c.arg("run").args(args).arg(&path).env("RHUMBA_VERIFY", "1");
            for (k, v) in env {
                c.env(k, v);
            }
            c
        };
        outputs.push(("interpreter".into(), run(&mut mode(&["--no-jit"], &[]), limit)));
        outputs.push(("jit 1 thread".into(), run(&mut mode(&[], &[("RHUMBA_NUM_THREADS", "1")]), limit)));
        outputs.push(("jit 3 threads".into(), run(&mut mode(&[], &[("RHUMBA_NUM_THREADS", "3")]), limit)));
        outputs.push(("optimising tier".into(), run(&mut mode(&[], &[("RHUMBA_OPTIMISE", "now")]), limit)));
        if let (Ok(python), true) = (&numba, b % numba_every == 0) {
            // At NUMBA_OPT=0: optimised Numba code exploits signed overflow being undefined
            // (LLVM's `nsw`), so programs whose integers wrap get arbitrary answers from it;
            // unoptimised, it gives the wrapping answers rhumba defines.
            // And with `range` for `prange`: the sequential answer is the reference. (Numba
            // 0.68's parallel reductions give wrong sums for `s += min(b[i], i)` and for
            // `s += -i if n > i else n`; rhumba gives the sequential answer.)
            let serial = work.join(format!("batch_{batch_seed}_numba.py"));
            std::fs::write(&serial, source.replace("prange(", "range(")).expect("writable");
            outputs.push(("numba".into(), run(Command::new(python).arg(&serial).env("NUMBA_OPT", "0"), Duration::from_secs(600))));
        }
        let reference = &outputs[0].1;
        let mut problems = Vec::new();
        for (name, o) in &outputs {
            if !o.ok {
                problems.push(format!("{name} failed: {}", o.stderr.lines().rev().take(3).collect::<Vec<_>>().join(" | ")));
            } else if o.stderr.contains("runs interpreted") {
                problems.push(format!("{name}: a function ran interpreted: {}", o.stderr.lines().find(|l| l.contains("interpreted")).unwrap_or("")));
            } else if let Err(why) = support::compare_outputs(&reference.stdout, &o.stdout) {
                problems.push(format!("{name} differs from the interpreter: {why}"));
            }
        }
        if reference.ok && reference.stdout.lines().count() != PER_FILE {
            problems.push(format!("the interpreter printed {} lines, not {PER_FILE}", reference.stdout.lines().count()));
        }
        if !problems.is_empty() {
            let kept_at = keep(&kept, batch_seed, &source, &outputs);
            failures.push(format!("{}:\n  {}", kept_at.display(), problems.join("\n  ")));
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    println!(
        "{} random programs in {batches} batches (seed {seed}; Numba on {} batches): {} batches with a difference",
        batches * PER_FILE,
        if numba.is_ok() { batches.div_ceil(numba_every) } else { 0 },
        failures.len()
    );
    assert!(failures.is_empty(), "{} of {batches} batches differ:\n{}", failures.len(), failures.join("\n"));
}
