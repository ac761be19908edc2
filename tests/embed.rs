//! The embedding API: typed handles over compiled kernels, zero-copy array views, errors as
//! values, use from several threads, and the dynamic call.

use ndarray::{Array1, Array2};
use rhumba::{Arg, Engine};

const SCRIPT: &str = "
import numpy as np
from numba import njit

@njit
def hypot(x, y):
    return (x * x + y * y) ** 0.5

@njit
def scale(a, factor):
    for i in range(a.shape[0]):
        a[i] *= factor

@njit
def total(a):
    s = 0.0
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            s += a[i, j]
    return s

@njit
def matmul(a, b):
    n, k = a.shape
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in range(n):
        for p in range(k):
            for j in range(m):
                c[i, j] += a[i, p] * b[p, j]
    return c

@njit
def pick(a, i):
    return a[i]
";

fn engine() -> Engine {
    Engine::from_source("kernels.py", SCRIPT).expect("the script loads")
}

#[test]
fn engine_and_handles_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Engine>();
    check::<rhumba::TypedFunction<(f64, f64), f64>>();
}

#[test]
fn scalar_and_array_calls() {
    let e = engine();
    let hypot = e.function::<(f64, f64), f64>("hypot").unwrap();
    assert_eq!(hypot.call((3.0, 4.0)).unwrap(), 5.0);
    let total = e.function::<(ndarray::ArrayView2<f64>,), f64>("total").unwrap();
    let m = Array2::from_shape_fn((3, 4), |(i, j)| (i * 4 + j) as f64);
    assert_eq!(total.call((m.view(),)).unwrap(), 66.0);
    // A transposed (strided) view is passed without a copy.
    assert_eq!(total.call((m.t(),)).unwrap(), 66.0);
    let scale = e.function::<(ndarray::ArrayViewMut1<f64>, f64), ()>("scale").unwrap();
    let mut v = Array1::from(vec![1.0, 2.0, 3.0]);
    scale.call((v.view_mut(), 2.0)).unwrap();
    assert_eq!(v.to_vec(), vec![2.0, 4.0, 6.0]);
}

#[test]
fn owned_arrays_come_back_from_kernels() {
    let e = engine();
    let matmul = e.function::<(ndarray::ArrayView2<f64>, ndarray::ArrayView2<f64>), Array2<f64>>("matmul").unwrap();
    let a = Array2::from_shape_fn((2, 3), |(i, j)| (i + j) as f64);
    let b = Array2::from_shape_fn((3, 2), |(i, j)| (i * j) as f64);
    assert_eq!(matmul.call((a.view(), b.view())).unwrap(), a.dot(&b));
}

#[test]
fn type_mistakes_are_errors_at_lookup() {
    let e = engine();
    let scale = e.function::<(ndarray::ArrayView1<f64>, f64), ()>("scale");
    assert!(scale.err().unwrap().message.contains("read-only view"));
    let wrong = e.function::<(f64, f64), i64>("hypot");
    assert!(wrong.err().unwrap().message.contains("returns float64"));
    assert!(e.function::<(f64,), f64>("no_such_function").is_err());
}

#[test]
fn kernel_errors_are_values_naming_kernel_and_line() {
    let e = engine();
    let pick = e.function::<(ndarray::ArrayView1<f64>, i64), f64>("pick").unwrap();
    let a = Array1::from(vec![1.0, 2.0]);
    assert_eq!(pick.call((a.view(), -1)).unwrap(), 2.0);
    let message = pick.call((a.view(), 5)).unwrap_err().message;
    assert!(message.contains("IndexError: index 5 is out of bounds for axis 0 with size 2"), "{message}");
    assert!(message.contains("pick()") && message.contains("kernels.py line 35"), "{message}");
}

#[test]
fn one_handle_from_many_threads() {
    let e = engine();
    let hypot = e.function::<(f64, f64), f64>("hypot").unwrap();
    std::thread::scope(|s| {
        for t in 0..4 {
            let h = &hypot;
            s.spawn(move || {
                for i in 0..1000 {
                    let x = (t * 1000 + i) as f64;
                    assert_eq!(h.call((x, 0.0)).unwrap(), x);
                }
            });
        }
    });
}

#[test]
fn dynamic_calls() {
    let e = engine();
    assert_eq!(e.call("hypot", vec![Arg::Float(6.0), Arg::Float(8.0)]).unwrap(), Arg::Float(10.0));
    let m = ndarray::ArrayD::from_shape_vec(vec![2, 2], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
    assert_eq!(e.call("total", vec![Arg::Array(m)]).unwrap(), Arg::Float(10.0));
    let failed = e.call("pick", vec![Arg::Array(ndarray::ArrayD::zeros(vec![2])), Arg::Int(9)]).unwrap_err();
    assert!(failed.message.contains("IndexError") && failed.message.contains("pick()"), "{}", failed.message);
    // Called again with the same types, the compiled entry is reused (and still right).
    assert_eq!(e.call("hypot", vec![Arg::Float(5.0), Arg::Float(12.0)]).unwrap(), Arg::Float(13.0));
    // Integer arguments make another specialisation.
    assert_eq!(e.call("hypot", vec![Arg::Int(3), Arg::Int(4)]).unwrap(), Arg::Float(5.0));
}

#[test]
fn scripts_that_do_not_load_say_why() {
    let e = Engine::from_source("broken.py", "def f(x)\n    return x\n").err().unwrap();
    assert!(e.message.contains("broken.py:1:9"), "{}", e.message);
}

/// `examples/embed_matmul.rs` and `examples/embed_callback.rs` run and succeed (cargo builds
/// examples next to the test binaries, in `target/<profile>/examples`).
#[test]
fn embedding_examples_run() {
    let exe = std::env::current_exe().expect("test binary path");
    let examples = exe.parent().and_then(|deps| deps.parent()).expect("target/<profile>").join("examples");
    for (name, args) in [("embed_matmul", vec![]), ("embed_callback", vec!["sin(x) * exp(-x / 4)"])] {
        let out = std::process::Command::new(examples.join(name)).args(&args).output().unwrap_or_else(|e| panic!("{name} runs: {e}"));
        assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty());
    }
}

/// CUDA kernels from Rust on the simulator: device arrays, host arrays written back, streams,
/// and a kernel's IndexError as the error.
#[test]
fn cuda_kernels_launch_from_rust_on_the_simulator() {
    let source = "
from numba import cuda

@cuda.jit
def saxpy(a, x, y, out):
    i = cuda.grid(1)
    if i < out.shape[0]:
        out[i] = a * x[i] + y[i]

@cuda.jit
def fill(out):
    i = cuda.grid(1)
    out[i] = 1.0
";
    let options = rhumba::EngineOptions { cuda_simulator: true, ..Default::default() };
    let engine = rhumba::Engine::with_options("saxpy.py", source, options).expect("loads");
    let x = engine.to_device(ndarray::Array1::from_vec((0..100).map(|i| i as f64).collect()).into_dyn().view()).expect("to_device");
    let y = engine.to_device(ndarray::Array1::from_elem(100, 1.0).into_dyn().view()).expect("to_device");
    let out = engine.device_array(&[100]).expect("device_array");
    let stream = engine.stream().expect("stream");
    engine
        .launch_on(&stream, "saxpy", 4, 32, vec![rhumba::LaunchArg::Host(rhumba::Arg::Float(2.0)), rhumba::LaunchArg::Device(x.clone()), rhumba::LaunchArg::Device(y), rhumba::LaunchArg::Device(out.clone())])
        .expect("launch");
    stream.synchronize().expect("synchronize");
    let host = out.to_host().expect("to_host");
    assert_eq!(out.shape(), &[100]);
    assert_eq!(host[[0]], 1.0);
    assert_eq!(host[[99]], 199.0);
    // A host array argument comes back with what the kernel wrote.
    let back = engine.launch("saxpy", 4, 32, vec![rhumba::LaunchArg::Host(rhumba::Arg::Float(1.0)), rhumba::LaunchArg::Device(x.clone()), rhumba::LaunchArg::Device(x), rhumba::LaunchArg::Host(rhumba::Arg::Array(ndarray::ArrayD::zeros(vec![100])))]).expect("launch");
    match &back[..] {
        [_, rhumba::Arg::Array(a)] => assert_eq!(a[[10]], 20.0),
        other => panic!("unexpected {other:?}"),
    }
    let e = engine.launch("fill", 2, 64, vec![rhumba::LaunchArg::Host(rhumba::Arg::Array(ndarray::ArrayD::zeros(vec![100])))]).unwrap_err();
    assert!(e.to_string().contains("IndexError") && e.to_string().contains("in fill"), "{e}");
}

/// Each engine keeps its own `prange` thread count: two engines side by side see theirs.
#[test]
fn thread_counts_are_per_engine() {
    let source = "import numba\n\ndef threads():\n    return numba.get_num_threads()\n";
    let one = rhumba::Engine::with_options("one.py", source, rhumba::EngineOptions { threads: Some(1), ..Default::default() }).expect("loads");
    let three = rhumba::Engine::with_options("three.py", source, rhumba::EngineOptions { threads: Some(3), ..Default::default() }).expect("loads");
    assert_eq!(one.call("threads", vec![]).expect("call"), rhumba::Arg::Int(1));
    assert_eq!(three.call("threads", vec![]).expect("call"), rhumba::Arg::Int(3));
    assert_eq!(one.call("threads", vec![]).expect("call"), rhumba::Arg::Int(1));
    // Typed calls apply the engine's count on the calling thread, and only during the call.
    let outside = rhumba_runtime::parallel::num_threads();
    let inside = rhumba_runtime::parallel::with_threads(Some(3), rhumba_runtime::parallel::num_threads);
    assert_eq!(inside, 3);
    assert_eq!(rhumba_runtime::parallel::num_threads(), outside);
}
