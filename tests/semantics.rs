//! The semantic edge-case corpus (`tests/semantics/*.py`): every program runs in every mode —
//! the interpreter (`--no-jit`), the Cranelift tier, the LLVM optimising tier (feature `llvm`),
//! and CUDA programs on the simulator — and must print exactly what CPython + Numba print, signed
//! zeros and the last digit of every float included. Programs end with the error Numba raises,
//! so each also checks one exception.
//!
//! Expected output: `NAME.out` (standard output) and `NAME.err` (the last line of the traceback),
//! written from Numba with `UPDATE_EXPECT=1`. `NAME.nojit.out` / `.nojit.err`, where present,
//! hold what `--no-jit` prints instead, reviewed by hand, where the interpreter keeps a Python
//! answer on purpose (a float32 returned by a decorated function stays a numpy float32, as under
//! `NUMBA_DISABLE_JIT=1`). Decorated functions otherwise follow compiled Numba in the
//! interpreter too (integer `**`, error messages, float -> int conversions). They are never
//! rewritten automatically.
//! When `python3` can import numba, the goldens are also checked against a live run, so that a
//! stale golden cannot hide a divergence.

mod support;

use std::path::Path;
use std::process::Command;

use support::{bless, py_files, python_with_numba};

/// What a run printed: standard output, and the last line of standard error when it failed.
#[derive(Debug, PartialEq)]
struct Outcome {
    stdout: String,
    error: String,
}

fn last_error_line(stderr: &[u8], failed: bool) -> String {
    if !failed {
        return String::new();
    }
    String::from_utf8_lossy(stderr).lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_string()
}

fn rhumba(path: &Path, args: &[&str], env: &[(&str, &str)]) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rhumba"));
    cmd.arg("run").arg("--quiet").args(args).arg(path).env_remove("RHUMBA_OPTIMISE").env_remove("RHUMBA_JAM_ROWS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("rhumba runs");
    Outcome { stdout: String::from_utf8_lossy(&out.stdout).into_owned(), error: last_error_line(&out.stderr, !out.status.success()) }
}

fn numba(python: &str, path: &Path) -> Outcome {
    let out = Command::new(python).arg(path).env("NUMBA_ENABLE_CUDASIM", "1").output().expect("python runs");
    Outcome { stdout: String::from_utf8_lossy(&out.stdout).into_owned(), error: last_error_line(&out.stderr, !out.status.success()) }
}

fn read_expected(path: &Path, suffix: &str) -> Option<Outcome> {
    let stdout = std::fs::read_to_string(path.with_extension(format!("{suffix}out"))).ok()?;
    let error = std::fs::read_to_string(path.with_extension(format!("{suffix}err"))).unwrap_or_default().trim().to_string();
    Some(Outcome { stdout, error })
}

/// The first line where two outputs differ, for a readable failure.
fn describe(mode: &str, expected: &Outcome, got: &Outcome) -> String {
    if expected.stdout != got.stdout {
        let (e, g): (Vec<&str>, Vec<&str>) = (expected.stdout.lines().collect(), got.stdout.lines().collect());
        let n = e.iter().zip(&g).position(|(a, b)| a != b).unwrap_or(e.len().min(g.len()));
        return format!(
            "{mode}: line {}\n    expected {:?}\n    got      {:?}{}",
            n + 1,
            e.get(n).unwrap_or(&"<end>"),
            g.get(n).unwrap_or(&"<end>"),
            if got.error.is_empty() { String::new() } else { format!("\n    and stopped with {:?}", got.error) }
        );
    }
    format!("{mode}: stopped with {:?}, expected {:?}", got.error, expected.error)
}

#[test]
fn every_mode_gives_numbas_answer() {
    support::verify_every_pass();
    let python = python_with_numba();
    let programs = py_files("tests/semantics");
    assert!(!programs.is_empty(), "tests/semantics has no programs");
    let mut failures = Vec::new();
    for path in &programs {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if bless() {
            let python = python.as_ref().expect("blessing tests/semantics needs python3 with numba");
            let got = numba(python, path);
            std::fs::write(path.with_extension("out"), &got.stdout).expect("write .out");
            std::fs::write(path.with_extension("err"), format!("{}\n", got.error)).expect("write .err");
        }
        let Some(expected) = read_expected(path, "") else {
            failures.push(format!("{name}: no .out golden (UPDATE_EXPECT=1 writes it from Numba)"));
            continue;
        };
        match &python {
            Ok(python) => {
                let live = numba(python, path);
                if live != expected {
                    failures.push(format!("{name}: the golden is stale — {}", describe("CPython + Numba", &expected, &live)));
                }
            }
            Err(why) if path == &programs[0] => eprintln!("SKIPPED the live Numba check: {why}"),
            Err(_) => {}
        }
        let interpreted_expected = read_expected(path, "nojit.").unwrap_or_else(|| Outcome { stdout: expected.stdout.clone(), error: expected.error.clone() });
        let mut modes: Vec<(&str, Vec<&str>, Vec<(&str, &str)>, &Outcome)> = vec![
            ("interpreter (--no-jit)", vec!["--no-jit"], vec![("RHUMBA_CUDA_SIM", "1")], &interpreted_expected),
            ("Cranelift tier", vec![], vec![("RHUMBA_OPTIMISE", "0"), ("RHUMBA_CUDA_SIM", "1")], &expected),
        ];
        if cfg!(feature = "llvm") {
            modes.push(("LLVM optimising tier", vec![], vec![("RHUMBA_OPTIMISE", "now"), ("RHUMBA_CUDA_SIM", "1")], &expected));
        }
        for (mode, args, env, want) in modes {
            let got = rhumba(path, &args, &env);
            if &got != want {
                failures.push(format!("{name}: {}", describe(mode, want, &got)));
            }
        }
    }
    assert!(failures.is_empty(), "{} divergences in tests/semantics:\n{}", failures.len(), failures.join("\n"));
}
