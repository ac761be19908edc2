//! The `rhumba` command as users meet it: exit codes, `--version`, `inspect`, and errors that name
//! the file and line.

use std::process::Command;

fn rhumba(args: &[&str]) -> (i32, String, String) {
    rhumba_with_env(args, &[])
}

/// Runs `rhumba args` from the repository root with extra environment variables.
fn rhumba_with_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rhumba"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the rhumba binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn version_and_help() {
    let (code, out, _) = rhumba(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("rhumba "), "{out}");
    let (code, out, _) = rhumba(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("run") && out.contains("inspect"), "{out}");
}

#[test]
fn run_prints_and_exits_zero() {
    let (code, out, err) = rhumba(&["run", "--no-jit", "examples/matmul.py"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty());
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let (code, out, err) = rhumba(&["run", "tests/syntax/missing_colon.py"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("tests/syntax/missing_colon.py:1:9"), "{err}");
    assert!(err.contains("def f(x)"), "the source line is shown: {err}");
}

#[test]
fn runtime_error_is_a_traceback_with_exit_one() {
    let (code, _, err) = rhumba(&["run", "tests/errors/index_error.py"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("Traceback (most recent call last):"), "{err}");
    assert!(err.contains("line 9, in last_plus_one"), "{err}");
    assert!(err.trim_end().ends_with("IndexError: index 4 is out of bounds for axis 0 with size 4"), "{err}");
}

#[test]
fn inspect_emits_the_ast() {
    let (code, out, err) = rhumba(&["inspect", "--emit", "ast", "tests/syntax/grammar_tour.py"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("FunctionDef f @"), "{out}");
}

#[test]
fn inspect_compiles_a_signature_the_script_never_calls() {
    let (code, out, err) = rhumba(&["inspect", "--emit", "tir", "tests/jit/arrays_and_calls.py", "--function", "square", "--signature", "f4(f4)"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("fn square(float32)"), "{out}");
    assert!(out.contains("fn square(float64)"), "the calls made by the script are listed too: {out}");
}

#[test]
fn missing_file_is_one_line() {
    let (code, _, err) = rhumba(&["run", "no/such/file.py"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn racy_prange_writes_get_a_warning_naming_array_and_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_rhumba"))
        .args(["run", "tests/warnings/prange_histogram.py"])
        .env("RHUMBA_NUM_THREADS", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("rhumba runs");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning: `counts` is written at an index not computed from the prange variable `i` by sums and products"), "{err}");
    assert!(err.contains("prange_histogram.py:12"), "{err}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "[25. 25. 25. 25.]\n");
}

/// Rows computed from the prange variable, and views taken at them, write without a warning;
/// a scatter through an index array and a row shared by floor division get one each.
#[test]
fn derived_prange_rows_are_not_races() {
    let (code, out, err) = rhumba_with_env(&["run", "tests/warnings/prange_derived_rows.py"], &[("RHUMBA_NUM_THREADS", "1")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("[[ 2.  0.  0.  2.]"), "{out}");
    let warned: Vec<&str> = err.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warned.len(), 2, "{err}");
    assert!(warned[0].ends_with("prange_derived_rows.py:16)") && warned[1].ends_with("prange_derived_rows.py:17)"), "{err}");
    assert!(warned.iter().all(|w| w.contains("`out` is written at an index not computed from the prange variable `ii`")), "{err}");
}

#[test]
fn boundscheck_environment_variable_overrides_the_decorator() {
    for var in ["NUMBA_BOUNDSCHECK", "RHUMBA_BOUNDSCHECK"] {
        let (code, out, err) = rhumba_with_env(&["run", "tests/boundscheck/forced_on.py"], &[(var, "1")]);
        assert_eq!(code, 1, "{var}=1: {out}{err}");
        assert_eq!(out, "1.0\n");
        assert!(err.contains("IndexError: index 3 is out of bounds") && err.contains("in at"), "{var}=1: {err}");
    }
    // Forced off, a checked kernel's code loses its checks: the CLIF has no IndexError path.
    let clif = |value: &str| rhumba_with_env(&["inspect", "--emit", "clif", "tests/jit/bounds_versioning.py"], &[("RHUMBA_BOUNDSCHECK", value)]).1;
    let (on, off) = (clif("1"), clif("0"));
    assert!(!on.is_empty() && !off.is_empty());
    assert!(off.len() < on.len(), "RHUMBA_BOUNDSCHECK=0 should remove checks ({} vs {} bytes of CLIF)", off.len(), on.len());
}

/// prange bodies whose writes are proved disjoint (stencil reads, rows through views and through
/// a called function, even/odd halves, private temporaries) compile without any warning.
#[test]
fn proved_disjoint_prange_writes_do_not_warn() {
    let (code, out, err) = rhumba_with_env(&["run", "tests/parallel/disjoint_writes.py"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("[ 0.  4.  8. 12. 16. 20. 24.  0.]"), "{out}");
    assert!(!err.contains("warning"), "{err}");
}

/// Files are read as CPython reads them: a UTF-8 byte-order mark is skipped, `\r\n` and lone
/// `\r` end lines, and a byte that is not UTF-8 is an error naming its line and column.
#[test]
fn source_files_are_read_as_cpython_reads_them() {
    let dir = std::env::temp_dir().join(format!("rhumba-encoding-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let bom = dir.join("bom.py");
    std::fs::write(&bom, b"\xef\xbb\xbfx = 1\ry = 2\r\nprint(x + y)\r").expect("writable");
    let (code, out, err) = rhumba_with_env(&["run", bom.to_str().expect("utf-8 path")], &[]);
    assert_eq!((code, out.as_str()), (0, "3\n"), "{err}");
    let bad = dir.join("bad.py");
    std::fs::write(&bad, b"x = 1\nprint('caf\xe9')\n").expect("writable");
    let (code, _, err) = rhumba_with_env(&["run", bad.to_str().expect("utf-8 path")], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 2, column 11: byte 0xe9 is not valid UTF-8"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_printed_before_a_native_fault_is_kept() {
    let (code, out, err) = rhumba(&["run", "tests/native_fault/wild_read.py"]);
    assert_ne!(code, 0, "the wild read was expected to fault: {out}{err}");
    assert_eq!(out, "before the fault\n", "{err}");
}
