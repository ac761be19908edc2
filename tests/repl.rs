//! The REPL through a pipe: statements are read from standard input, values echoed without
//! prompts, state persists, errors are reported and the session goes on.

use std::io::Write;
use std::process::{Command, Stdio};

fn repl(input: &str, args: &[&str]) -> (String, String) {
    repl_in(input, args, &[])
}

fn repl_with_env(input: &str, env: &[(&str, &str)]) -> (String, String) {
    repl_in(input, &[], env)
}

fn repl_in(input: &str, args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhumba"))
        .arg("repl")
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rhumba repl starts");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("input written");
    let out = child.wait_with_output().expect("repl ends");
    assert!(out.status.success(), "repl failed: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn echo_print_through_a_pipe() {
    assert_eq!(repl("print(1+1)\n", &[]).0, "2\n");
}

#[test]
fn state_persists_and_errors_do_not_end_the_session() {
    let input = "import numpy as np\nfrom numba import njit\n\n@njit\ndef total(a):\n    s = 0.0\n    for x in a:\n        s += x\n    return s\n\ntotal(np.arange(10.0))\nmissing + 1\nx = [1, 2]\nx\nif x[0] > 0:\n    print('positive')\nelse:\n    print('negative')\n";
    let (out, err) = repl(input, &[]);
    assert_eq!(out, "45.0\n[1, 2]\npositive\n");
    assert!(err.contains("NameError: name 'missing' is not defined"), "{err}");
    assert!(err.contains("File \"<repl>\", line 12"), "errors cite the session's lines: {err}");
}

#[test]
fn commands_show_types_code_and_timings() {
    let input = "from numba import njit\n@njit\ndef sq(x):\n    return x * x\n\nsq(3)\n:type sq\n:emit tir sq\n%timeit sq(2.0)\n:type nothing\n";
    let (out, err) = repl(input, &[]);
    assert!(out.contains("sq(int64)") && out.contains("%x: int64"), "{out}");
    assert!(out.contains("fn sq(int64)"), "{out}");
    assert!(out.contains("per loop (median of 5 runs"), "{out}");
    assert!(err.contains("no name 'nothing'"), "{err}");
}

#[test]
fn syntax_errors_point_into_the_session() {
    let (out, err) = repl("x = 1\ny = = 2\nprint(x)\n", &["--no-jit"]);
    assert_eq!(out, "1\n");
    assert!(err.contains("<repl>:2:5"), "{err}");
}

/// The interactive REPL in a pseudo-terminal: prompts, a block ended by an empty line, echoed
/// values, Ctrl-C interrupting a loop, and Ctrl-D to leave. (Completion is tested on the helper, in `src/repl.rs`.)
#[test]
fn interactive_session_in_a_terminal() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rhumba"));
    cmd.arg("repl").env("HOME", std::env::temp_dir());
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("the repl starts in a pty");
    p.exp_string(">>> ").expect("first prompt");
    p.send_line("1 + 2").expect("send");
    p.exp_string("3").expect("echoed value");
    p.exp_string(">>> ").expect("prompt again");
    p.send_line("def double(x):").expect("send");
    p.exp_string("... ").expect("continuation prompt");
    p.send_line("    return 2 * x").expect("send");
    p.exp_string("... ").expect("continuation prompt");
    p.send_line("").expect("blank line ends the block");
    p.exp_string(">>> ").expect("prompt after the block");
    p.send_line("double(21)").expect("send");
    p.exp_string("42").expect("result of the completed call");
    p.exp_string(">>> ").expect("prompt");
    // Ctrl-C stops an interpreted loop and the session goes on, its state intact.
    p.send_line("n = 0").expect("send");
    p.exp_string(">>> ").expect("prompt");
    p.send_line("while True:").expect("send");
    p.exp_string("... ").expect("continuation prompt");
    p.send_line("    n += 1").expect("send");
    p.exp_string("... ").expect("continuation prompt");
    p.send_line("").expect("run the endless loop");
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').expect("Ctrl-C");
    p.exp_string("KeyboardInterrupt").expect("the loop is interrupted");
    p.exp_string(">>> ").expect("prompt after the interrupt");
    p.send_line("n > 0").expect("send");
    p.exp_string("True").expect("the loop ran and its state remains");
    p.exp_string(">>> ").expect("prompt");
    p.send_control('d').expect("Ctrl-D");
    p.exp_eof().expect("the repl exits");
}

/// A CUDA kernel written in the session runs on the simulator, and `:emit tir` shows its typed
/// IR (and, in gpu builds, `:emit ptx` its PTX).
#[test]
fn cuda_kernels_in_a_session() {
    let input = "import numpy as np\nfrom numba import cuda\n@cuda.jit\ndef bump(a):\n    i = cuda.grid(1)\n    if i < a.size:\n        a[i] += 1.0\n\na = np.zeros(3)\nbump[1, 4](a)\nprint(a)\n:emit tir bump\n:emit ptx bump\n";
    let (out, err) = repl_with_env(input, &[("RHUMBA_CUDA_SIM", "1")]);
    assert!(out.contains("[1. 1. 1.]"), "{out}\n{err}");
    assert!(out.contains("cuda.blockDim.x"), "{out}");
    if cfg!(feature = "llvm") {
        assert!(out.contains(".entry bump_"), "{out}\n{err}");
    } else {
        assert!(err.contains("without the GPU backend"), "{err}");
    }
}

/// A byte that is not UTF-8 in piped input is reported on its line; the session goes on (it
/// used to end with exit status 2 and lose what followed).
#[test]
fn invalid_utf8_input_does_not_end_the_session() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rhumba"))
        .arg("repl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rhumba repl starts");
    child.stdin.take().expect("stdin").write_all(b"print(1)\nx = 1 \xff 2\nprint(2)\n").expect("input written");
    let out = child.wait_with_output().expect("repl ends");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n2\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid character"), "{}", String::from_utf8_lossy(&out.stderr));
}

/// After a function is redefined, `:emit` and `:type` show the new definition's code only.
#[test]
fn redefinition_replaces_what_emit_shows() {
    let input = "from numba import njit\n@njit\ndef f(x):\n    return x + 1\n\nf(1)\n@njit\ndef f(x):\n    return x * 3\n\nf(1)\n:emit tir f\n";
    let (out, err) = repl(input, &[]);
    assert!(out.contains("Mul(") && !out.contains("Add("), "{out}{err}");
    assert_eq!(out.matches("fn f(int64)").count(), 1, "{out}");
}
