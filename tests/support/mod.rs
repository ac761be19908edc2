//! Helpers shared by the integration tests: golden files, running scripts in-process, and
//! comparing program outputs with a float tolerance.
#![allow(dead_code)]

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rhumba::SourceFile;

/// Setting `UPDATE_EXPECT=1` rewrites every golden file with what the code now produces
/// (the same variable expect-test uses for inline snapshots).
pub fn bless() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some()
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.py` files of a repository folder, sorted.
pub fn py_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join(dir))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "py")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Compares `actual` with the golden file at `path` (or writes it when blessing).
pub fn check_golden(path: &Path, actual: &str) -> Result<(), String> {
    if bless() {
        std::fs::write(path, actual).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(path)
        .map_err(|_| format!("{} is missing; run with UPDATE_EXPECT=1 to create it", path.display()))?;
    if expected == actual {
        return Ok(());
    }
    let line = expected.lines().zip(actual.lines()).position(|(e, a)| e != a).unwrap_or(expected.lines().count().min(actual.lines().count()));
    Err(format!(
        "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n(run with UPDATE_EXPECT=1 to accept the new output)",
        path.display(),
        line + 1,
        expected.lines().nth(line).unwrap_or("<end of file>"),
        actual.lines().nth(line).unwrap_or("<end of file>"),
    ))
}

#[derive(Clone, Default)]
struct SharedBuffer(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs a script with the interpreter in this process (CUDA kernels on the simulator): its standard output, and the rendered
/// error if it stopped with one. Runs on a thread with a large stack, as the CLI does.
pub fn run_interpreted(path: &Path) -> (String, Option<String>) {
    run_with(path, rhumba::RunOptions { jit: false, notes: false, cuda_simulator: true })
}

/// Runs a script with `@jit` functions compiled by the CPU JIT.
pub fn run_compiled(path: &Path) -> (String, Option<String>) {
    run_with(path, rhumba::RunOptions { jit: true, notes: false, cuda_simulator: true })
}

/// Turns the TIR verifier on after every pass (`RHUMBA_VERIFY=1`) for the scripts this test
/// process runs, in-process or as child processes: a pass that breaks the IR's invariants then
/// fails the test with an internal compiler error instead of reaching a backend.
pub fn verify_every_pass() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // Set once, before any script runs, and never changed: no thread reads it concurrently
    // with the write.
    ONCE.call_once(|| std::env::set_var("RHUMBA_VERIFY", "1"));
}

fn run_with(path: &Path, options: rhumba::RunOptions) -> (String, Option<String>) {
    verify_every_pass();
    let path = path.to_path_buf();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let text = std::fs::read_to_string(&path).expect("test program is readable");
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let file = SourceFile::new(&name, &text);
            let out = SharedBuffer::default();
            let result = rhumba::run_source(&file, Box::new(out.clone()), options);
            let stdout = String::from_utf8_lossy(&out.0.borrow()).into_owned();
            (stdout, result.err().map(|e| e.render()))
        })
        .expect("spawn test thread")
        .join()
        .expect("the interpreter must not panic")
}

/// Compares two program outputs token by token, as `../shared/conformance/check.sh` does:
/// integers exactly, other numbers within 1e-9 relative or 1e-12 absolute, NaN equal to NaN.
pub fn compare_outputs(expected: &str, actual: &str) -> Result<(), String> {
    let split = |s: &str| -> Vec<(usize, String)> {
        s.lines()
            .enumerate()
            .flat_map(|(n, line)| {
                line.split(|c: char| c.is_whitespace() || ",()[]".contains(c))
                    .filter(|t| !t.is_empty())
                    .map(move |t| (n + 1, t.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let (e, a) = (split(expected), split(actual));
    for (i, ((el, et), (al, at))) in e.iter().zip(&a).enumerate() {
        if !same_token(et, at) {
            return Err(format!("token {} (expected line {el}, actual line {al}): expected {et:?}, got {at:?}", i + 1));
        }
    }
    if e.len() != a.len() {
        return Err(format!("expected {} tokens, got {}", e.len(), a.len()));
    }
    Ok(())
}

fn same_token(e: &str, a: &str) -> bool {
    if e == a {
        return true;
    }
    let is_int = |t: &str| t.trim_start_matches(['+', '-']).chars().all(|c| c.is_ascii_digit()) && !t.is_empty();
    if is_int(e) && is_int(a) {
        return e.parse::<i128>().ok() == a.parse::<i128>().ok();
    }
    match (e.parse::<f64>(), a.parse::<f64>()) {
        (Ok(x), Ok(y)) if x.is_nan() || y.is_nan() => x.is_nan() && y.is_nan(),
        (Ok(x), Ok(y)) if x.is_infinite() || y.is_infinite() => x == y,
        (Ok(x), Ok(y)) => (x - y).abs() <= 1e-12f64.max(1e-9 * x.abs().max(y.abs())),
        _ => false,
    }
}

/// The `python3` (or `RHUMBA_PYTHON`) that can import numba and numpy, the oracle of the
/// differential tests; why not, when it cannot.
pub fn python_with_numba() -> Result<String, String> {
    let python = std::env::var("RHUMBA_PYTHON").unwrap_or_else(|_| "python3".to_string());
    match std::process::Command::new(&python).args(["-c", "import numba, numpy"]).output() {
        Ok(o) if o.status.success() => Ok(python),
        Ok(_) => Err(format!("`{python}` cannot import numba and numpy")),
        Err(e) => Err(format!("`{python}` cannot be run: {e}")),
    }
}
