//! Golden tests: each `.py` beside its expected AST dump, diagnostic, output or traceback.
//! `UPDATE_EXPECT=1 cargo test` re-blesses them all.

mod support;

use std::path::Path;

use rhumba::SourceFile;
use support::{check_golden, py_files, run_interpreted};

fn with_extension(path: &Path, ext: &str) -> std::path::PathBuf {
    path.with_extension(ext)
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
