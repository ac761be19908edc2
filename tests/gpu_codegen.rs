//! Golden LLVM IR and PTX for the CUDA kernels of `tests/gpu`: each program runs on the
//! simulator (no GPU needed), and every kernel it launched is compiled by the GPU backend.
//! The IR is the text written from the TIR (`.ll`), the PTX what LLVM 14 makes of it (`.ptx`).
//! Re-bless with `UPDATE_EXPECT=1`. Built only with the `gpu` feature, which CI turns on.
#![cfg(feature = "llvm")]

mod support;

use support::{check_golden, py_files};

fn report(failures: Vec<String>) {
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn kernel_llvm_ir_and_ptx_goldens() {
    let mut failures = Vec::new();
    let programs = py_files("tests/gpu");
    assert!(programs.len() >= 5, "tests/gpu should hold the golden kernels");
    for path in programs {
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let path2 = path.clone();
        // The interpreter needs a deep stack, as in the CLI.
        let result = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || rhumba::gpu_listings(&rhumba::SourceFile::new(&name, &text), None, None).map_err(|e| e.render()))
            .expect("spawn")
            .join()
            .expect("no panic");
        let listings = match result {
            Ok((_, l)) if !l.is_empty() => l,
            Ok(_) => {
                failures.push(format!("{}: no kernel was launched", path2.display()));
                continue;
            }
            Err(e) => {
                failures.push(format!("{}: {e}", path2.display()));
                continue;
            }
        };
        let ll: String = listings.iter().map(|l| format!("; {}\n{}\n", l.signature, l.llvm_ir)).collect();
        let ptx: String = listings.iter().map(|l| format!("// {}\n{}\n", l.signature, l.ptx)).collect();
        for (ext, body) in [("ll", ll), ("ptx", ptx)] {
            if let Err(e) = check_golden(&path2.with_extension(ext), &body) {
                failures.push(e);
            }
        }
        // The PTX must be what the driver loads: the target, one entry per kernel, and no call
        // left to a function that is not defined (libdevice is linked, not referenced).
        let ptx_text: String = listings.iter().map(|l| l.ptx.clone()).collect();
        if !ptx_text.contains(".target sm_80") || !ptx_text.contains(".version 7.5") {
            failures.push(format!("{}: PTX is not for sm_80 / PTX 7.5", path2.display()));
        }
        if ptx_text.contains(".extern .func") {
            failures.push(format!("{}: PTX calls an undefined function", path2.display()));
        }
    }
    report(failures);
}

/// A kernel that cannot run on a GPU is refused with a message naming the construct; views
/// (slices, rows) compile, as address arithmetic.
#[test]
fn unsupported_kernel_constructs_are_named() {
    let listing = |name: &'static str, text: &'static str| {
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || rhumba::gpu_listings(&rhumba::SourceFile::new(name, text), None, None).map_err(|e| e.render()).map(|_| ()))
            .expect("spawn")
            .join()
            .expect("no panic")
    };
    let reshape = "import numpy as np\nfrom numba import cuda\n\n@cuda.jit\ndef k(a):\n    b = a.reshape((2, 2))\n    b[0, 0] = 1.0\n\nk[1, 1](np.zeros(4))\n";
    let err = listing("reshape.py", reshape).expect_err("the GPU backend refuses reshape");
    assert!(err.contains("reshape"), "{err}");
    let views = "import numpy as np\nfrom numba import cuda\n\n@cuda.jit\ndef k(a):\n    b = a[1:]\n    b[0] = 1.0\n    c = a[::-2]\n    c[1] = 2.0\n\nk[1, 1](np.zeros(4))\n";
    listing("views.py", views).expect("views compile for the GPU");
}
