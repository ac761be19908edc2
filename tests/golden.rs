//! Golden tests: each `.py` beside its expected AST dump, diagnostic, output or traceback.
//! `UPDATE_EXPECT=1 cargo test` re-blesses them all.

mod support;

use std::path::Path;

use rhumba::SourceFile;
use support::{check_golden, compare_outputs, py_files, run_compiled, run_interpreted};

fn with_extension(path: &Path, ext: &str) -> std::path::PathBuf {
    path.with_extension(ext)
}

/// Whether a CLIF word is a hexadecimal constant in the range where Linux puts user-space heap
/// and mmap addresses (from 2^40 up to 2^47), whichever malloc arena it came from.
fn looks_like_address(word: &str) -> bool {
    let Some(hex) = word.strip_prefix("0x") else { return false };
    let digits: String = hex.chars().filter(|c| *c != '_').collect();
    matches!(u64::from_str_radix(&digits, 16), Ok(v) if (1 << 40..1 << 47).contains(&v))
}

/// Replaces 64-bit constants that look like user-space addresses by `<address>`.
fn mask_addresses(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.split(' ')
                .map(|word| match word.strip_suffix(',') {
                    // CLIF comments list constants as `v3 = 0x..., v4 = 1`.
                    Some(stem) if looks_like_address(stem) => "<address>,",
                    _ if looks_like_address(word) => "<address>",
                    _ => word,
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .map(|line| line + "\n")
        .collect()
}

fn report(failures: Vec<String>) {
    assert!(failures.is_empty(), "{} golden file(s) differ:\n\n{}", failures.len(), failures.join("\n\n"));
}

/// `tests/syntax/NAME.py`: a file that parses gets `NAME.ast`; one that does not gets `NAME.err`.
#[test]
fn syntax_goldens() {
    let mut failures = Vec::new();
    for path in py_files("tests/syntax") {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        let file = SourceFile::new(&name, &text);
        let (golden, actual) = match rhumba::parse(&file) {
            Ok(module) => (with_extension(&path, "ast"), rhumba_grammar::dump::dump_module(&module)),
            Err(e) => (with_extension(&path, "err"), e.render()),
        };
        if let Err(msg) = check_golden(&golden, &actual) {
            failures.push(msg);
        }
    }
    report(failures);
}

/// `tests/programs/NAME.py` prints exactly `NAME.out` and ends without an error.
#[test]
fn program_outputs() {
    let mut failures = Vec::new();
    let programs = py_files("tests/programs");
    assert!(programs.len() >= 5, "the test programs are missing");
    for path in programs {
        let (stdout, error) = run_interpreted(&path);
        if let Some(e) = error {
            failures.push(format!("{} stopped with an error:\n{e}", path.display()));
            continue;
        }
        if let Err(msg) = check_golden(&with_extension(&path, "out"), &stdout) {
            failures.push(msg);
        }
    }
    report(failures);
}

/// `tests/errors/NAME.py` stops with the Python-style traceback in `NAME.err`.
#[test]
fn runtime_error_goldens() {
    let mut failures = Vec::new();
    for path in py_files("tests/errors") {
        let (stdout, error) = run_interpreted(&path);
        let Some(rendered) = error else {
            failures.push(format!("{} ran without the error it exists to show", path.display()));
            continue;
        };
        if let Err(msg) = check_golden(&with_extension(&path, "err"), &format!("{stdout}{rendered}")) {
            failures.push(msg);
        }
    }
    report(failures);
}

/// `tests/jit/NAME.py`: the TIR of every specialisation it compiles is `NAME.tir`, and it prints
/// `NAME.out` both compiled and interpreted. A program with a `# golden: clif` line tests code
/// generation: its Cranelift IR is the golden `NAME.clif` too (the others would only churn with
/// every change of the backend).
#[test]
fn tir_goldens() {
    let mut failures = Vec::new();
    let programs = py_files("tests/jit");
    assert!(programs.len() >= 3, "the JIT test programs are missing");
    for path in programs {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        let file = SourceFile::new(&name, &text);
        let (printed, listings) = match rhumba::compile_listings(&file, None, None) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{} failed to run compiled:\n{e}", path.display()));
                continue;
            }
        };
        for l in &listings {
            if let Some(problem) = &l.verifier {
                failures.push(format!("{}: the TIR verifier rejects {problem}", path.display()));
            }
        }
        let tir: String = listings.iter().map(|l| format!("{}\n", l.tir)).collect();
        // Frozen global arrays appear in CLIF as the address of their descriptor, which changes
        // from run to run; the golden shows a placeholder there.
        let clif: String = listings.iter().map(|l| format!("; {}\n{}\n", l.signature, mask_addresses(&l.clif))).collect();
        let mut goldens = vec![(with_extension(&path, "tir"), tir), (with_extension(&path, "out"), printed)];
        if text.lines().any(|l| l.starts_with("# golden: clif")) {
            goldens.push((with_extension(&path, "clif"), clif));
        }
        for (golden, actual) in goldens {
            if let Err(msg) = check_golden(&golden, &actual) {
                failures.push(msg);
            }
        }
        // The interpreter cannot apply Numba's type unification (`1.5 if c else -1` is -1.0
        // compiled), so it is held to the numeric tolerance rather than to the exact text.
        let (interpreted, error) = run_interpreted(&path);
        let expected = std::fs::read_to_string(with_extension(&path, "out")).unwrap_or_default();
        if let Some(e) = error {
            failures.push(format!("{} failed interpreted:\n{e}", path.display()));
        } else if let Err(why) = compare_outputs(&expected, &interpreted) {
            failures.push(format!("{} interpreted: {why}", path.display()));
        }
    }
    report(failures);
}

/// Every program and example gives the interpreter's output when its `@jit` functions are
/// compiled, within 1e-9 relative for floats (the conformance corpus's tolerance).
#[test]
fn compiled_programs_match_interpreter() {
    let mut failures = Vec::new();
    let mut programs = py_files("tests/programs");
    programs.extend(py_files("examples"));
    programs.extend(py_files("tests/gpu"));
    for path in programs {
        let golden = with_extension(&path, "out");
        let expected = match std::fs::read_to_string(&golden) {
            Ok(e) => e,
            Err(_) => run_interpreted(&path).0,
        };
        let (compiled, error) = run_compiled(&path);
        if let Some(e) = error {
            failures.push(format!("{} stopped with an error when compiled:\n{e}", path.display()));
        } else if let Err(why) = compare_outputs(&expected, &compiled) {
            failures.push(format!("{}: compiled output differs from the interpreter's: {why}", path.display()));
        }
    }
    report(failures);
}

/// Run-time errors raised in compiled code read exactly as the interpreter's (`tests/errors`),
/// and compile-time typing errors have their own goldens (`tests/jit_errors`).
#[test]
fn compiled_error_goldens() {
    let mut failures = Vec::new();
    for dir in ["tests/errors", "tests/jit_errors"] {
        for path in py_files(dir) {
            let (stdout, error) = run_compiled(&path);
            let Some(rendered) = error else {
                failures.push(format!("{} ran compiled without the error it exists to show", path.display()));
                continue;
            };
            if let Err(msg) = check_golden(&with_extension(&path, "err"), &format!("{stdout}{rendered}")) {
                failures.push(format!("compiled: {msg}"));
            }
        }
    }
    report(failures);
}

/// A program marked `# compiled: all` runs with no function interpreted: the features it
/// exercises are compiled, not merely correct through the interpreter's fallback.
#[test]
fn programs_marked_compiled_run_nothing_interpreted() {
    let mut failures = Vec::new();
    for path in py_files("tests/programs") {
        let text = std::fs::read_to_string(&path).expect("readable");
        if !text.lines().any(|l| l.trim() == "# compiled: all") {
            continue;
        }
        for tier in ["", "now"] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_rhumba")).arg("run").arg(&path).env("RHUMBA_OPTIMISE", tier).output().expect("rhumba runs");
            let err = String::from_utf8_lossy(&out.stderr);
            if !out.status.success() || err.contains("runs interpreted") {
                failures.push(format!("{} (RHUMBA_OPTIMISE={tier:?}):\n{err}", path.display()));
            }
        }
    }
    report(failures);
}
