//! NVIDIA's own assembler on the PTX rhumba emits, and libdevice linking for math functions.
//! Neither needs a GPU: `.ci/run` fetches `ptxas` and `libdevice.10.bc` from the
//! `nvidia-cuda-nvcc-cu12` wheel and points `RHUMBA_PTXAS` and `CUDA_HOME` at them. Without
//! them each test says why it skipped. Built only with the `gpu` feature.
#![cfg(feature = "llvm")]

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::{py_files, repo_root};

/// `ptxas` from `RHUMBA_PTXAS`, `$CUDA_HOME/bin`, or the PATH.
fn ptxas() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("RHUMBA_PTXAS") {
        candidates.push(p.into());
    }
    if let Some(home) = std::env::var_os("CUDA_HOME") {
        candidates.push(PathBuf::from(home).join("bin/ptxas"));
    }
    candidates.push("ptxas".into());
    candidates.into_iter().find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
}

fn assemble(ptxas: &PathBuf, ptx: &str, arch: &str) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("rhumba-ptxas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // Tests run in parallel: every assembly gets files of its own.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let input = dir.join(format!("kernel-{n}-{arch}.ptx"));
    std::fs::write(&input, ptx).map_err(|e| e.to_string())?;
    let out = Command::new(ptxas).args([&format!("-arch={arch}"), "-o"]).arg(dir.join(format!("kernel-{n}.cubin"))).arg(&input).output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn gpu_listings(path: &std::path::Path) -> Result<Vec<rhumba::GpuListing>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || rhumba::gpu_listings(&rhumba::SourceFile::new(&name, &text), None, None).map(|(_, l)| l).map_err(|e| e.render()))
        .map_err(|e| e.to_string())?
        .join()
        .map_err(|_| "panicked".to_string())?
}

/// Every golden PTX assembles for the GPU it targets (sm_80) and for an H100 (sm_90).
#[test]
fn golden_ptx_assembles_with_ptxas() {
    let Some(ptxas) = ptxas() else {
        eprintln!("SKIPPED golden_ptx_assembles_with_ptxas: no ptxas (set RHUMBA_PTXAS or CUDA_HOME; .ci/run does)");
        return;
    };
    let mut failures = Vec::new();
    for py in py_files("tests/gpu") {
        let ptx = std::fs::read_to_string(py.with_extension("ptx")).expect("golden PTX exists");
        for arch in ["sm_80", "sm_90"] {
            if let Err(e) = assemble(&ptxas, &ptx, arch) {
                failures.push(format!("{} for {arch}:\n{e}", py.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Kernels calling math functions link libdevice: the PTX calls nothing undefined and
/// assembles. Without libdevice the error names the functions.
#[test]
fn math_kernels_link_libdevice() {
    let path = repo_root().join("tests/programs/cuda_math.py");
    match rhumba_compiler::backend::llvm::find_libdevice(&rhumba::cuda_toolkit_roots()) {
        None => {
            let err = gpu_listings(&path).err().expect("math needs libdevice");
            assert!(err.contains("sin") && err.contains("libdevice"), "{err}");
            eprintln!("SKIPPED linking half of math_kernels_link_libdevice: no libdevice.10.bc (set CUDA_HOME; .ci/run does)");
        }
        Some(_) => {
            let listings = gpu_listings(&path).expect("compiles with libdevice");
            assert_eq!(listings.len(), 2, "two kernels");
            for l in &listings {
                assert!(!l.ptx.contains(".extern .func"), "{}: an unresolved call remains", l.signature);
                if let Some(ptxas) = ptxas() {
                    assemble(&ptxas, &l.ptx, "sm_80").unwrap_or_else(|e| panic!("{}: {e}", l.signature));
                }
            }
        }
    }
}

/// Every kernel of every CUDA example and test program compiles to PTX that ptxas accepts.
#[test]
fn every_cuda_program_assembles() {
    let (Some(ptxas), Some(_)) = (ptxas(), rhumba_compiler::backend::llvm::find_libdevice(&rhumba::cuda_toolkit_roots())) else {
        eprintln!("SKIPPED every_cuda_program_assembles: needs ptxas and libdevice (set CUDA_HOME; .ci/run does)");
        return;
    };
    let mut programs: Vec<PathBuf> = py_files("examples").into_iter().chain(py_files("tests/programs")).filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("cuda_"))).collect();
    programs.push(repo_root().join("bench/kernels/cuda_suite.py"));
    let mut failures = Vec::new();
    let mut kernels = 0;
    for path in &programs {
        // The benchmark suite is run at smoke sizes (the kernels are the same).
        let listings = if path.ends_with("cuda_suite.py") {
            let text = std::fs::read_to_string(path).expect("readable").replace("VECTOR_N = 1 << 24", "VECTOR_N = 1000").replace("MATMUL_SIZES = [1024, 2048, 4096]", "MATMUL_SIZES = [40]");
            let small = std::env::temp_dir().join(format!("rhumba-cuda-suite-{}.py", std::process::id()));
            std::fs::write(&small, text).expect("writable");
            gpu_listings(&small)
        } else {
            gpu_listings(path)
        };
        match listings {
            Ok(l) => {
                for k in l {
                    kernels += 1;
                    if let Err(e) = assemble(&ptxas, &k.ptx, "sm_80") {
                        failures.push(format!("{} {}: {e}", path.display(), k.signature));
                    }
                }
            }
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(kernels >= 15, "only {kernels} kernels were compiled");
}
