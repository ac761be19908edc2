//! Differential test: every example and test program prints the same under rhumba's interpreter
//! as under CPython with numpy and numba, within the conformance corpus's float tolerance.
//! Skips, saying why, when `python3` cannot import numba (`.ci/run` installs it).

mod support;

use std::process::Command;

use support::{compare_outputs, py_files, python_with_numba, repo_root, run_interpreted};

#[test]
fn interpreter_matches_cpython_and_numba() {
    let python = match python_with_numba() {
        Ok(p) => p,
        Err(why) => {
            eprintln!("SKIPPED interpreter_matches_cpython_and_numba: {why}");
            return;
        }
    };
    let mut programs = py_files("tests/programs");
    programs.extend(py_files("examples"));
    programs.extend(py_files("tests/jit"));
    programs.extend(py_files("tests/gpu"));
    // (`tests/parallel/bit_reductions.py` mixes `+=` and `-=` on one reduction, which rhumba
    // combines as one sum and Numba refuses.)
    programs.push(repo_root().join("tests/parallel/disjoint_writes.py"));
    programs.push(repo_root().join("tests/parallel/array_reductions.py"));
    let mut failures = Vec::new();
    for path in &programs {
        if path.file_name().is_some_and(|n| n == "cuda_vectorize.py") {
            // Numba's simulator cannot build CUDA ufuncs ('FakeOverload' object has no attribute
            // 'signature'); the example checks itself against numpy instead, and runs against
            // numba-cuda on a GPU machine.
            eprintln!("SKIPPED for {}: Numba's CUDA simulator does not support @vectorize(target='cuda')", path.display());
            continue;
        }
        // CUDA examples run on the simulators: Numba's, and rhumba's in `run_interpreted`.
        let reference = Command::new(&python).arg(path).env("NUMBA_ENABLE_CUDASIM", "1").current_dir(path.parent().expect("folder")).output().expect("python runs");
        if !reference.status.success() {
            failures.push(format!("{}: python3 failed:\n{}", path.display(), String::from_utf8_lossy(&reference.stderr)));
            continue;
        }
        let (ours, error) = run_interpreted(path);
        if let Some(e) = error {
            failures.push(format!("{}: rhumba stopped with an error:\n{e}", path.display()));
            continue;
        }
        if let Err(why) = compare_outputs(&String::from_utf8_lossy(&reference.stdout), &ours) {
            failures.push(format!("{}: {why}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} programs differ from CPython + numba:\n{}", failures.len(), programs.len(), failures.join("\n"));
}
