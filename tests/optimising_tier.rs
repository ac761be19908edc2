//! The optimising tier (LLVM on the host CPU, feature `gpu`) gives the same answers as the
//! Cranelift code it replaces: every program and example runs with `RHUMBA_OPTIMISE=now`, which
//! recompiles each specialisation with LLVM after its first call, and must print what the
//! interpreter prints (the golden `.out`, or a run of the interpreter), within 1e-9 relative.
#![cfg(feature = "llvm")]

mod support;

use std::process::Command;

use support::{compare_outputs, py_files, run_interpreted};

#[test]
fn optimised_programs_match_the_interpreter() {
    support::verify_every_pass();
    let mut programs = py_files("tests/programs");
    programs.extend(py_files("examples"));
    programs.extend(py_files("tests/jit"));
    let mut failures = Vec::new();
    for path in &programs {
        let expected = match std::fs::read_to_string(path.with_extension("out")) {
            Ok(e) => e,
            Err(_) => run_interpreted(path).0,
        };
        let out = Command::new(env!("CARGO_BIN_EXE_rhumba"))
            .args(["run", "--quiet"])
            .arg(path)
            .env("RHUMBA_OPTIMISE", "now")
            .env("RHUMBA_CUDA_SIM", "1")
            .current_dir(path.parent().expect("folder"))
            .output()
            .expect("rhumba runs");
        if !out.status.success() {
            failures.push(format!("{}: failed:\n{}", path.display(), String::from_utf8_lossy(&out.stderr)));
            continue;
        }
        if let Err(why) = compare_outputs(&expected, &String::from_utf8_lossy(&out.stdout)) {
            failures.push(format!("{}: {why}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} programs differ when optimised:\n{}", failures.len(), programs.len(), failures.join("\n"));
}

/// Errors raised in optimised code read as Cranelift's do (kernel, line, message).
#[test]
fn optimised_errors_name_kernel_and_line() {
    let dir = std::env::temp_dir().join(format!("rhumba-tier-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = dir.join("oob.py");
    std::fs::write(&script, "import numpy as np\nfrom numba import njit\n\n@njit\ndef total(a, n):\n    s = 0.0\n    for i in range(n):\n        s += a[i]\n    return s\n\na = np.ones(10)\nprint(total(a, 10))\nprint(total(a, 11))\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_rhumba")).args(["run", "--quiet"]).arg(&script).env("RHUMBA_OPTIMISE", "now").output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "10.0\n");
    assert!(stderr.contains("line 8, in total") && stderr.contains("IndexError: index 10 is out of bounds for axis 0 with size 10"), "{stderr}");
}

/// The run-time error goldens hold for optimised code too: the same message, kernel, line and
/// call trace (`tests/errors`, `tests/jit_errors`), each program run with `RHUMBA_OPTIMISE=now`
/// from its folder so that the traceback names the file as the golden does.
#[test]
fn optimised_error_goldens() {
    let mut failures = Vec::new();
    let mut programs = py_files("tests/errors");
    programs.extend(py_files("tests/jit_errors"));
    for path in &programs {
        let Ok(expected) = std::fs::read_to_string(path.with_extension("err")) else { continue };
        let out = Command::new(env!("CARGO_BIN_EXE_rhumba"))
            .args(["run", "--quiet"])
            .arg(path.file_name().expect("a file"))
            .env("RHUMBA_OPTIMISE", "now")
            .env("RHUMBA_CUDA_SIM", "1")
            .current_dir(path.parent().expect("folder"))
            .output()
            .expect("rhumba runs");
        let got = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        if got.trim_end() != expected.trim_end() {
            failures.push(format!("{}:\n--- expected\n{expected}\n--- got\n{got}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} error programs differ when optimised:\n{}", failures.len(), programs.len(), failures.join("\n"));
}
