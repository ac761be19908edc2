//! A host program whose user supplies a formula at run time: the formula becomes a kernel,
//! compiled once, then evaluated over a grid. Run with
//! `cargo run --release --example embed_callback -- "sin(x) * exp(-x / 4)"`.

use ndarray::Array1;
use rhumba::Engine;

fn main() {
    if let Err(e) = run() {
        eprint!("{e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let formula = std::env::args().nth(1).unwrap_or_else(|| "x * x - 2.0".to_string());
    let source = format!(
        "from math import sin, cos, exp, log, sqrt, tanh, pi\nfrom numba import njit\n\n@njit\ndef f(x):\n    return {formula}\n\n@njit\ndef tabulate(xs, out):\n    for i in range(xs.shape[0]):\n        out[i] = f(xs[i])\n"
    );
    let engine = Engine::from_source("formula.py", &source)?;
    let tabulate = engine.function::<(ndarray::ArrayView1<f64>, ndarray::ArrayViewMut1<f64>), ()>("tabulate")?;
    let xs = Array1::linspace(0.0, 10.0, 11);
    let mut out = Array1::zeros(xs.len());
    tabulate.call((xs.view(), out.view_mut()))?;
    for (x, y) in xs.iter().zip(out.iter()) {
        println!("f({x:4.1}) = {y:.6}");
    }
    Ok(())
}
