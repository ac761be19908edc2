//! CUDA kernels from Rust: device arrays, streams and launches of a script's `@cuda.jit`
//! kernels, on a GPU or (with [`EngineOptions::cuda_simulator`](super::EngineOptions)) on the CPU
//! simulator.
//!
//! ```
//! use rhumba::{Arg, Engine, EngineOptions, LaunchArg};
//!
//! let source = "
//! from numba import cuda
//!
//! @cuda.jit
//! def scale(x, factor):
//!     i = cuda.grid(1)
//!     if i < x.shape[0]:
//!         x[i] *= factor
//! ";
//! let options = EngineOptions { cuda_simulator: true, ..Default::default() };
//! let engine = Engine::with_options("scale.py", source, options)?;
//! let x = engine.to_device(ndarray::arr1(&[1.0, 2.0, 3.0]).into_dyn().view())?;
//! engine.launch("scale", 1, 32, vec![LaunchArg::Device(x.clone()), LaunchArg::Host(Arg::Float(10.0))])?;
//! assert_eq!(x.to_host()?.as_slice().unwrap(), &[10.0, 20.0, 30.0]);
//! # Ok::<(), rhumba::EmbedError>(())
//! ```

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use ndarray::ArrayViewD;

use super::{err, Arg, EmbedError, Engine};
use crate::diagnostics::{render_traceback, SourceFile};
use crate::interp::Value;

/// A launch dimension: blocks per grid or threads per block, in x, y and z.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dim3(pub u32, pub u32, pub u32);

impl From<u32> for Dim3 {
    fn from(x: u32) -> Dim3 {
        Dim3(x, 1, 1)
    }
}

impl From<(u32, u32)> for Dim3 {
    fn from((x, y): (u32, u32)) -> Dim3 {
        Dim3(x, y, 1)
    }
}

impl From<(u32, u32, u32)> for Dim3 {
    fn from((x, y, z): (u32, u32, u32)) -> Dim3 {
        Dim3(x, y, z)
    }
}

impl Dim3 {
    fn value(self) -> Value {
        Value::tuple(vec![Value::Int(self.0 as i64), Value::Int(self.1 as i64), Value::Int(self.2 as i64)])
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// An object living on the engine's thread (a device array or a stream), named by a hidden
/// module-level variable that is removed when the last handle goes.
struct Held {
    engine: Engine,
    global: String,
}

impl Held {
    fn new(engine: &Engine, kind: &str) -> Held {
        Held { engine: engine.clone(), global: format!("__rhumba_{kind}_{}", NEXT_ID.fetch_add(1, Ordering::Relaxed)) }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let name = self.global.clone();
        let _ = self.engine.run_on_engine(move |interp| {
            interp.remove_global(&name);
            Ok(())
        });
    }
}

/// An array of `float64` in device memory (the simulator's memory with `cuda_simulator`).
#[derive(Clone)]
pub struct DeviceArray {
    held: Arc<Held>,
    shape: Vec<usize>,
}

/// A CUDA stream: launches on one stream run in order.
#[derive(Clone)]
pub struct Stream {
    held: Arc<Held>,
}

/// An argument of [`Engine::launch`]: a host value (arrays are copied to the device and back,
/// as Numba does) or a device array, used in place.
#[derive(Clone)]
pub enum LaunchArg {
    /// A host value; an array is copied to the device and back.
    Host(Arg),
    /// A device array, used in place.
    Device(DeviceArray),
}

impl Engine {
    /// The script's name and text, to render tracebacks on the engine's thread.
    fn script(&self) -> Arc<super::Inner> {
        self.inner.clone()
    }

    /// Copies a host array to the device.
    pub fn to_device(&self, array: ArrayViewD<f64>) -> Result<DeviceArray, EmbedError> {
        let held = Held::new(self, "device_array");
        let (name, shape) = (held.global.clone(), array.shape().to_vec());
        let host = Arg::Array(array.to_owned());
        let file = self.script();
        self.run_on_engine(move |interp| {
            let d = interp.cuda_call("to_device", vec![host.into_value()]).map_err(|e| err(render_traceback(&SourceFile::new(&file.name, &file.text), &e)))?;
            interp.set_global(&name, d);
            Ok(())
        })?;
        Ok(DeviceArray { held: Arc::new(held), shape })
    }

    /// A new device array of `float64` (zeros in the simulator, unspecified on a GPU).
    pub fn device_array(&self, shape: &[usize]) -> Result<DeviceArray, EmbedError> {
        let held = Held::new(self, "device_array");
        let name = held.global.clone();
        let dims: Vec<i64> = shape.iter().map(|d| *d as i64).collect();
        let file = self.script();
        self.run_on_engine(move |interp| {
            let dims = Value::tuple(dims.into_iter().map(Value::Int).collect());
            let d = interp.cuda_call("device_array", vec![dims]).map_err(|e| err(render_traceback(&SourceFile::new(&file.name, &file.text), &e)))?;
            interp.set_global(&name, d);
            Ok(())
        })?;
        Ok(DeviceArray { held: Arc::new(held), shape: shape.to_vec() })
    }

    /// A new stream.
    pub fn stream(&self) -> Result<Stream, EmbedError> {
        let held = Held::new(self, "stream");
        let name = held.global.clone();
        let file = self.script();
        self.run_on_engine(move |interp| {
            let s = interp.cuda_call("stream", vec![]).map_err(|e| err(render_traceback(&SourceFile::new(&file.name, &file.text), &e)))?;
            interp.set_global(&name, s);
            Ok(())
        })?;
        Ok(Stream { held: Arc::new(held) })
    }

    /// Launches the kernel `name` over `blocks` blocks of `threads` threads on the default
    /// stream, and returns the host arguments after the launch (arrays hold what the kernel
    /// wrote). An exception in the kernel comes back as the error, with its traceback.
    pub fn launch(&self, name: &str, blocks: impl Into<Dim3>, threads: impl Into<Dim3>, args: Vec<LaunchArg>) -> Result<Vec<Arg>, EmbedError> {
        self.launch_with(name, blocks.into(), threads.into(), None, args)
    }

    /// As [`Engine::launch`], on `stream`.
    pub fn launch_on(&self, stream: &Stream, name: &str, blocks: impl Into<Dim3>, threads: impl Into<Dim3>, args: Vec<LaunchArg>) -> Result<Vec<Arg>, EmbedError> {
        self.launch_with(name, blocks.into(), threads.into(), Some(stream.held.global.clone()), args)
    }

    fn launch_with(&self, name: &str, blocks: Dim3, threads: Dim3, stream: Option<String>, args: Vec<LaunchArg>) -> Result<Vec<Arg>, EmbedError> {
        enum Slot {
            Host(Arg),
            Device(String),
        }
        // `args` stays alive until the launch is done: dropping a device array's last handle
        // frees it on the engine's thread.
        let slots: Vec<Slot> = args
            .iter()
            .map(|a| match a {
                LaunchArg::Host(h) => Slot::Host(h.clone()),
                LaunchArg::Device(d) => Slot::Device(d.held.global.clone()),
            })
            .collect();
        let (kernel, file) = (name.to_string(), self.script());
        let result = self.run_on_engine(move |interp| {
            let lookup = |interp: &crate::interp::Interpreter, g: &str| interp.global(g).ok_or_else(|| err(format!("the device object {g} is gone")));
            let mut values = Vec::new();
            for s in &slots {
                values.push(match s {
                    Slot::Host(v) => v.clone().into_value(),
                    Slot::Device(g) => lookup(interp, g)?,
                });
            }
            let stream = match &stream {
                Some(g) => Some(lookup(interp, g)?),
                None => None,
            };
            interp.launch_global(&kernel, blocks.value(), threads.value(), stream, values.clone()).map_err(|e| err(render_traceback(&SourceFile::new(&file.name, &file.text), &e)))?;
            values.into_iter().zip(&slots).filter(|(_, s)| matches!(s, Slot::Host(_))).map(|(v, _)| Arg::from_value(v)).collect()
        });
        drop(args);
        result
    }
}

impl DeviceArray {
    /// The array's shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Copies the array back to the host.
    pub fn to_host(&self) -> Result<ndarray::ArrayD<f64>, EmbedError> {
        let name = self.held.global.clone();
        let file = self.held.engine.script();
        self.held.engine.run_on_engine(move |interp| {
            let d = interp.global(&name).ok_or_else(|| err("the device array is gone"))?;
            let host = interp.call_method_of(&d, "copy_to_host", vec![]).map_err(|e| err(render_traceback(&SourceFile::new(&file.name, &file.text), &e)))?;
            match Arg::from_value(host)? {
                Arg::Array(a) => Ok(a),
                _ => Err(err("copy_to_host() did not return an array")),
            }
        })
    }
}

impl Stream {
    /// Waits for the work queued on the stream.
    pub fn synchronize(&self) -> Result<(), EmbedError> {
        let name = self.held.global.clone();
        let file = self.held.engine.script();
        self.held.engine.run_on_engine(move |interp| {
            let s = interp.global(&name).ok_or_else(|| err("the stream is gone"))?;
            interp.call_method_of(&s, "synchronize", vec![]).map(|_| ()).map_err(|e| err(render_traceback(&SourceFile::new(&file.name, &file.text), &e)))
        })
    }
}
