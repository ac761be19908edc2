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
    // The oracle (a CPython process compiling with Numba) takes most of this test's time and uses
    // one core, so the programs are shared among as many workers as there are cores.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(programs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = programs.get(k) else { break };
                if let Some(failure) = check_program(&python, path) {
                    failures.lock().unwrap_or_else(|e| e.into_inner()).push(failure);
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort();
    assert!(failures.is_empty(), "{} of {} programs differ from CPython + numba:\n{}", failures.len(), programs.len(), failures.join("\n"));
}

/// Runs one program under CPython + Numba and under rhumba's interpreter: why they differ, if
/// they do.
fn check_program(python: &str, path: &std::path::Path) -> Option<String> {
    if path.file_name().is_some_and(|n| n == "cuda_vectorize.py") {
        // Numba's simulator cannot build CUDA ufuncs ('FakeOverload' object has no attribute
        // 'signature'); the example checks itself against numpy instead, and runs against
        // numba-cuda on a GPU machine.
        eprintln!("SKIPPED for {}: Numba's CUDA simulator does not support @vectorize(target='cuda')", path.display());
        return None;
    }
    // CUDA examples run on the simulators: Numba's, and rhumba's in `run_interpreted`.
    let reference = Command::new(python).arg(path).env("NUMBA_ENABLE_CUDASIM", "1").current_dir(path.parent().expect("folder")).output().expect("python runs");
    if !reference.status.success() {
        return Some(format!("{}: python3 failed:\n{}", path.display(), String::from_utf8_lossy(&reference.stderr)));
    }
    let (ours, error) = run_interpreted(path);
    if let Some(e) = error {
        return Some(format!("{}: rhumba stopped with an error:\n{e}", path.display()));
    }
    compare_outputs(&String::from_utf8_lossy(&reference.stdout), &ours).err().map(|why| format!("{}: {why}", path.display()))
}
