//! CUDA examples and kernel tests launched on a real GPU, compared with the simulator's output.
//! Without a GPU (or a CUDA driver) each test says why it skipped, in one line; with the `gpu`
//! feature on a GPU machine they run for real. Built only with the `gpu` feature.
#![cfg(feature = "gpu")]

mod support;

use support::{compare_outputs, py_files, repo_root};

fn run(path: &std::path::Path, simulator: bool) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let out = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
            let sink = Sink(out.clone());
            let options = rhumba::RunOptions { jit: true, notes: false, cuda_simulator: simulator };
            let result = rhumba::run_source(&rhumba::SourceFile::new(&name, &text), Box::new(sink), options);
            let printed = String::from_utf8_lossy(&out.borrow()).into_owned();
            result.map(|_| printed).map_err(|e| e.render())
        })
        .map_err(|e| e.to_string())?
        .join()
        .map_err(|_| "the interpreter panicked".to_string())?
}

struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn cuda_programs_on_the_gpu_match_the_simulator() {
    if let Err(why) = rhumba_runtime::cuda::driver::open() {
        eprintln!("SKIPPED cuda_programs_on_the_gpu_match_the_simulator: {why}");
        return;
    }
    let mut programs: Vec<_> = py_files("examples").into_iter().filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("cuda_"))).collect();
    programs.extend(py_files("tests/gpu"));
    programs.push(repo_root().join("tests/programs/cuda_kernels.py"));
    programs.push(repo_root().join("tests/programs/cuda_float_powers.py"));
    let mut failures = Vec::new();
    for path in &programs {
        let simulated = run(path, true);
        let on_gpu = run(path, false);
        match (simulated, on_gpu) {
            (Ok(s), Ok(g)) => {
                if let Err(why) = compare_outputs(&s, &g) {
                    failures.push(format!("{}: the GPU's output differs from the simulator's: {why}", path.display()));
                } else {
                    eprintln!("ran on the GPU: {}", path.display());
                }
            }
            (_, Err(e)) => failures.push(format!("{}: failed on the GPU:\n{e}", path.display())),
            (Err(e), _) => failures.push(format!("{}: failed on the simulator:\n{e}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// An out-of-bounds write in a GPU kernel comes back as the simulator's IndexError.
#[test]
fn kernel_index_error_on_the_gpu() {
    if let Err(why) = rhumba_runtime::cuda::driver::open() {
        eprintln!("SKIPPED kernel_index_error_on_the_gpu: {why}");
        return;
    }
    let path = repo_root().join("tests/errors/cuda_kernel_index_error.py");
    let err = run(&path, false).expect_err("the kernel writes out of bounds");
    assert!(err.contains("IndexError") && err.contains("line 10, in fill"), "{err}");
}
