//! Parallel loops give the interpreter's answers whatever the thread count, and each thread
//! count gives the same bits run after run (chunking depends only on the range and the count).

mod support;

use std::process::Command;

use support::{compare_outputs, py_files, repo_root};

fn run(path: &std::path::Path, args: &[&str], threads: Option<usize>, optimise: &str) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rhumba"));
    cmd.arg("run").args(args).arg(path).current_dir(repo_root()).env("RHUMBA_OPTIMISE", optimise);
    if let Some(t) = threads {
        cmd.env("RHUMBA_NUM_THREADS", t.to_string());
    }
    let out = cmd.output().expect("rhumba runs");
    assert!(out.status.success(), "{} failed: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn parallel_programs_match_the_interpreter_with_any_thread_count() {
    let mut programs = py_files("tests/parallel");
    programs.push(repo_root().join("tests/jit/parallel_loops.py"));
    programs.push(repo_root().join("tests/jit/prange_jam.py"));
    programs.push(repo_root().join("examples/matmul.py"));
    // Cranelift's code alone (`0`), then the optimising tier's where the build has it.
    let tiers: &[&str] = if cfg!(feature = "llvm") { &["0", "now"] } else { &["0"] };
    for path in programs {
        let reference = run(&path, &["--no-jit"], None, "0");
        for &tier in tiers {
            for threads in [1, 2, 3] {
                let first = run(&path, &["--quiet"], Some(threads), tier);
                let again = run(&path, &["--quiet"], Some(threads), tier);
                assert_eq!(first, again, "{} is not reproducible with {threads} threads (RHUMBA_OPTIMISE={tier})", path.display());
                if let Err(why) = compare_outputs(&reference, &first) {
                    panic!("{} with {threads} threads (RHUMBA_OPTIMISE={tier}) differs from the interpreter: {why}", path.display());
                }
            }
        }
    }
}
