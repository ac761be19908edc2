//! Criterion micro-benchmarks that catch regressions: compile latency of a matmul kernel, the
//! call overhead of a typed handle, and a 64x64 matmul through the embedding API.
//! Run with `cargo bench -p rhumba-bench`.

use criterion::{criterion_group, criterion_main, Criterion};
use ndarray::{Array2, ArrayView2, ArrayViewMut2};
use rhumba::Engine;
use std::hint::black_box;

/// The suite's kernel file with its driver loop emptied, plus two helpers for these benchmarks.
fn kernels() -> String {
    let suite = include_str!("../kernels/matmul.py").replace("SIZES = (64, 128)\n", "SIZES = ()\n");
    format!(
        "{suite}
@njit
def product(a, b):
    c = np.empty((a.shape[0], b.shape[1]))
    matmul_ijk(a, b, c)
    return c

@njit
def add(x, y):
    return x + y
"
    )
}

type MatmulArgs<'a> = (ArrayView2<'a, f64>, ArrayView2<'a, f64>, ArrayViewMut2<'a, f64>);

fn compile_latency(c: &mut Criterion) {
    let source = kernels();
    let a = Array2::<f64>::ones((4, 4));
    let mut out = Array2::<f64>::zeros((4, 4));
    // A fresh engine each time, so every iteration parses, checks and compiles the kernel.
    c.bench_function("compile and first call of matmul", |bench| {
        bench.iter(|| {
            let engine = Engine::from_source("matmul.py", &source).expect("the kernel parses");
            let f = engine.function::<MatmulArgs, ()>("matmul_ijk").expect("matmul is defined");
            f.call((a.view(), a.view(), out.view_mut())).expect("the call succeeds");
        })
    });
}

fn call_overhead(c: &mut Criterion) {
    let engine = Engine::from_source("add.py", &kernels()).expect("the kernel parses");
    let add = engine.function::<(f64, f64), f64>("add").expect("add is defined");
    c.bench_function("typed handle call of a scalar kernel", |bench| bench.iter(|| add.call((black_box(1.0), black_box(2.0)))));
}

fn matmul_64(c: &mut Criterion) {
    let engine = Engine::from_source("matmul.py", &kernels()).expect("the kernel parses");
    // The kernel returns a new array: the typed handle's argument views then borrow only for
    // the benchmark's whole length, and allocating 32 KiB is noise beside 64^3 multiply-adds.
    let f = engine.function::<(ArrayView2<f64>, ArrayView2<f64>), Array2<f64>>("product").expect("product is defined");
    let a = Array2::from_shape_fn((64, 64), |(i, j)| (i * 64 + j) as f64 / 4096.0);
    let b = Array2::from_elem((64, 64), 0.5);
    let (av, bv) = (a.view(), b.view());
    c.bench_function("matmul 64x64 ijk", |bench| bench.iter(|| f.call((av, bv))));
}

criterion_group!(benches, compile_latency, call_overhead, matmul_64);
criterion_main!(benches);
