//! Calls a Numba-style matmul kernel from Rust with ndarray views, and checks it against
//! ndarray's own product. Run with `cargo run --release --example embed_matmul`.

use ndarray::Array2;
use rhumba::Engine;

const KERNEL: &str = "
import numpy as np
from numba import njit, prange

@njit(parallel=True)
def matmul(a, b):
    n, k = a.shape
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in prange(n):
        for p in range(k):
            aip = a[i, p]
            for j in range(m):
                c[i, j] += aip * b[p, j]
    return c
";

fn main() {
    if let Err(e) = run() {
        eprint!("{e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::from_source("matmul.py", KERNEL)?;
    let matmul = engine.function::<(ndarray::ArrayView2<f64>, ndarray::ArrayView2<f64>), Array2<f64>>("matmul")?;
    let a = Array2::from_shape_fn((200, 300), |(i, j)| ((i * 7 + j * 3) % 11) as f64 / 10.0);
    let b = Array2::from_shape_fn((300, 100), |(i, j)| ((i + 2 * j) % 5) as f64 - 2.0);
    let start = std::time::Instant::now();
    let c = matmul.call((a.view(), b.view()))?;
    println!("matmul 200x300 @ 300x100 in {:.3} ms", start.elapsed().as_secs_f64() * 1e3);
    let expected = a.dot(&b);
    let worst = (&c - &expected).iter().fold(0.0f64, |m, x| m.max(x.abs()));
    println!("max |rhumba - ndarray| = {worst:e}");
    assert!(worst < 1e-9);
    Ok(())
}
