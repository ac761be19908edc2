//! The host side of `numba.cuda` as the interpreter sees it: the `@cuda.jit` decorator, device
//! arrays, launch configurations (`kernel[blocks, threads]`), streams and events.
//!
//! Kernels run on the CPU simulator when `RHUMBA_CUDA_SIM=1` (or `NUMBA_ENABLE_CUDASIM=1`, or
//! `rhumba run --cuda-sim`) is set, and otherwise on the GPU through the driver; without a GPU
//! (or in a build without the `gpu` feature) every CUDA call says so in one line. In the
//! simulator a device array is a host array standing for device memory, and every launch and
//! copy completes before it returns (which is one valid order of a stream's work).

use std::cell::Cell;
use std::rc::Rc;
use std::time::Instant;

use rhumba_compiler::Type;
use rhumba_runtime::cuda::simulator::LaunchShape;
use rhumba_runtime::{DType, NdArray};

use super::builtins::{Args, Builtin};
use super::value::*;
use super::Interpreter;

#[cfg(feature = "gpu")]
mod device;
#[cfg(feature = "gpu")]
pub use device::PendingLaunch;

/// A CUDA host object.
pub enum CudaObject {
    DeviceArray(DeviceArray),
    /// `kernel[blocks, threads, stream, shared_bytes]`, ready to be called.
    Launch(Launch),
    Stream(Stream),
    Event(Event),
}

/// An array in device memory: C-contiguous, of one dtype and shape.
pub struct DeviceArray {
    pub dtype: DType,
    pub shape: Vec<usize>,
    pub storage: DeviceStorage,
}

pub enum DeviceStorage {
    /// The simulator's device memory: a host array.
    Simulated(NdArray),
    /// Memory on the GPU.
    #[cfg(feature = "gpu")]
    Gpu(std::cell::RefCell<rhumba_runtime::cuda::driver::DeviceBuffer>),
}

impl DeviceArray {
    fn simulated(array: NdArray) -> DeviceArray {
        DeviceArray { dtype: array.dtype, shape: array.shape.clone(), storage: DeviceStorage::Simulated(array) }
    }

    /// A device copy of `a`, where this interpreter runs kernels.
    fn from_host(interp: &mut Interpreter, a: &NdArray, stream: Option<&Value>) -> PyResult<DeviceArray> {
        match interp.cuda_mode {
            CudaMode::Simulator => Ok(DeviceArray::simulated(a.copy())),
            CudaMode::Device => interp.device_upload(a, stream),
        }
    }

    /// A new device array (zeroed in the simulator; unspecified contents on a GPU, as Numba's).
    fn new(interp: &mut Interpreter, dtype: DType, shape: &[usize]) -> PyResult<DeviceArray> {
        match interp.cuda_mode {
            CudaMode::Simulator => Ok(DeviceArray::simulated(NdArray::zeros(dtype, shape))),
            CudaMode::Device => interp.device_upload(&NdArray::zeros(dtype, shape), None),
        }
    }

    /// The contents, copied to a new host array.
    pub fn to_host(&self) -> PyResult<NdArray> {
        match &self.storage {
            DeviceStorage::Simulated(a) => Ok(a.copy()),
            #[cfg(feature = "gpu")]
            DeviceStorage::Gpu(b) => device::download(b, self.dtype, &self.shape),
        }
    }

    /// Overwrites the contents from a host array of the same shape.
    fn write(&self, src: &NdArray) -> PyResult<()> {
        match &self.storage {
            DeviceStorage::Simulated(a) => {
                copy_elements(a, src);
                Ok(())
            }
            #[cfg(feature = "gpu")]
            DeviceStorage::Gpu(b) => device::upload_into(b, &src.copy_as(self.dtype)),
        }
    }

    /// Shape, size, ndim and dtype, as an array of that shape reports them.
    fn shape_array(&self) -> Rc<NdArray> {
        Rc::new(NdArray { dtype: self.dtype, shape: self.shape.clone(), strides: rhumba_runtime::array::c_strides(&self.shape), offset: 0, buffer: Rc::new(rhumba_runtime::array::Buffer::zeroed(0)) })
    }
}

pub struct Launch {
    pub kernel: Rc<Function>,
    pub shape: LaunchShape,
    pub stream: Option<Value>,
    pub shared_bytes: i64,
}

pub struct Stream {
    /// Zero for the default stream.
    pub id: u64,
    /// The driver's stream, on a GPU.
    #[cfg(feature = "gpu")]
    pub device: Option<rhumba_runtime::cuda::driver::Stream>,
}

pub struct Event {
    /// When the event was last recorded (the simulator completes work before recording).
    pub recorded: Cell<Option<Instant>>,
    /// The driver's event, on a GPU, once recorded.
    #[cfg(feature = "gpu")]
    pub device: std::cell::RefCell<Option<rhumba_runtime::cuda::driver::Event>>,
}

/// How this interpreter runs CUDA kernels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CudaMode {
    /// On the CPU, with the simulator.
    Simulator,
    /// On a GPU through the driver, when one is found.
    Device,
}

impl CudaMode {
    /// The simulator when `RHUMBA_CUDA_SIM` or Numba's `NUMBA_ENABLE_CUDASIM` is set to 1.
    pub fn from_environment() -> CudaMode {
        let on = |name: &str| std::env::var(name).map(|v| v.trim() == "1").unwrap_or(false);
        if on("RHUMBA_CUDA_SIM") || on("NUMBA_ENABLE_CUDASIM") {
            CudaMode::Simulator
        } else {
            CudaMode::Device
        }
    }
}

fn cuda_value(o: CudaObject) -> Value {
    Value::Cuda(Rc::new(o))
}

/// The one-line error of every CUDA call when there is no GPU to run it on.
pub fn no_device_error() -> PyError {
    let mut e = PyError::new(
        ErrorKind::RuntimeError,
        "no CUDA driver or device was found; set RHUMBA_CUDA_SIM=1 (or run with --cuda-sim) to run CUDA kernels on the CPU simulator",
    );
    e.class = "CudaSupportError".to_string();
    e
}

const CUDA_FUNCS: &[Builtin] = &[
    Builtin { name: "jit", func: jit_decorator },
    Builtin { name: "is_available", func: is_available },
    Builtin { name: "detect", func: detect },
    Builtin { name: "to_device", func: to_device },
    Builtin { name: "device_array", func: device_array },
    Builtin { name: "device_array_like", func: device_array },
    Builtin { name: "pinned_array", func: pinned_array },
    Builtin { name: "mapped_array", func: pinned_array },
    Builtin { name: "synchronize", func: synchronize },
    Builtin { name: "stream", func: stream },
    Builtin { name: "default_stream", func: stream },
    Builtin { name: "event", func: event },
    Builtin { name: "event_elapsed_time", func: event_elapsed_time },
];

/// Names that only mean something inside a kernel; used on the host they are an error.
const KERNEL_ONLY: &[&str] = &["threadIdx", "blockIdx", "blockDim", "gridDim", "grid", "gridsize", "syncthreads", "shared", "local", "atomic"];

pub fn module_attr(name: &str) -> Option<Value> {
    if let Some(b) = CUDA_FUNCS.iter().find(|b| b.name == name) {
        return Some(Value::Builtin(*b));
    }
    if KERNEL_ONLY.contains(&name) {
        return Some(Value::Builtin(Builtin { name: kernel_only_name(name), func: kernel_only }));
    }
    None
}

fn kernel_only_name(name: &str) -> &'static str {
    KERNEL_ONLY.iter().find(|n| **n == name).copied().unwrap_or("cuda")
}

fn kernel_only(_: &mut Interpreter, _: Args, this: &'static str) -> PyResult<Value> {
    Err(type_error(format!("cuda.{this} can only be used inside a @cuda.jit kernel or device function")))
}

const CUDA_JIT_KEYWORDS: &[&str] = &["device", "fastmath", "boundscheck", "debug", "opt", "lineinfo", "cache", "inline", "max_registers", "link"];

/// `@cuda.jit`, `@cuda.jit(device=True)`, `@cuda.jit("void(float32[:])")`.
fn jit_decorator(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let bare = args.kw.is_empty() && args.pos.len() == 1 && matches!(args.pos[0], Value::Function(_));
    let mut device = false;
    let mut options = JitOptions::default();
    for (k, v) in &args.kw {
        match k.as_str() {
            "device" => device = v.truthy()?,
            "fastmath" => options.fastmath = v.truthy()?,
            "boundscheck" => options.boundscheck = Some(v.truthy()?),
            "cache" => options.cache = v.truthy()?,
            "debug" | "opt" | "lineinfo" | "inline" | "max_registers" | "link" => {}
            other => return Err(type_error(format!("jit() got an unexpected keyword argument '{other}' (accepted: {})", CUDA_JIT_KEYWORDS.join(", ")))),
        }
    }
    let signatures = if bare { vec![] } else { super::numba_api::signatures_of(args.pos.first())? };
    let decorator = Decorator::Cuda { signatures, device, options };
    if bare {
        return super::numba_api::apply_decorator(&decorator, args);
    }
    Ok(Value::Decorator(Rc::new(decorator)))
}

fn is_available(interp: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    Ok(Value::Bool(interp.cuda_device_ready()))
}

/// `cuda.detect()`: prints the devices found and returns whether there are any, as Numba does.
fn detect(interp: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    let text = match interp.cuda_device_name() {
        Some(name) => format!("Found 1 CUDA devices\nid 0    {name}\nSummary:\n\t1/1 devices are supported"),
        None => "CUDA driver or device not found: no CUDA devices detected".to_string(),
    };
    interp.write_text(&format!("{text}\n"))?;
    Ok(Value::Bool(interp.cuda_device_ready()))
}

/// Requires a place to run CUDA work: the simulator or a GPU.
fn require_device(interp: &mut Interpreter) -> PyResult<()> {
    if interp.cuda_device_ready() {
        Ok(())
    } else {
        Err(no_device_error())
    }
}

fn host_array(v: &Value, what: &str) -> PyResult<Rc<NdArray>> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::Cuda(o) => match o.as_ref() {
            CudaObject::DeviceArray(d) => Ok(Rc::new(d.to_host()?)),
            _ => Err(type_error(format!("{what} needs an array"))),
        },
        other => super::numpy::as_array(other).map_err(|_| type_error(format!("{what} needs an array, not {}", other.type_name()))),
    }
}

/// `cuda.to_device(array, stream=0)`: a device copy of a host array.
fn to_device(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    require_device(interp)?;
    let Some(a) = args.pos.first() else { return Err(type_error("to_device() needs an array")) };
    let a = host_array(a, "to_device()")?;
    let stream = args.pos.get(1).or_else(|| args.kw("stream")).cloned();
    Ok(cuda_value(CudaObject::DeviceArray(DeviceArray::from_host(interp, &a, stream.as_ref())?)))
}

/// `cuda.device_array(shape, dtype=np.float64)` and `cuda.device_array_like(array)`.
fn device_array(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    require_device(interp)?;
    let (shape, dtype) = shape_and_dtype(&args, this)?;
    Ok(cuda_value(CudaObject::DeviceArray(DeviceArray::new(interp, dtype, &shape)?)))
}

/// `cuda.pinned_array(shape, dtype)`: host memory the GPU can copy from asynchronously; in the
/// simulator (and to the program) an ordinary host array.
fn pinned_array(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    require_device(interp)?;
    let (shape, dtype) = shape_and_dtype(&args, this)?;
    Ok(Value::array(NdArray::zeros(dtype, &shape)))
}

fn shape_and_dtype(args: &Args, this: &str) -> PyResult<(Vec<usize>, DType)> {
    if this == "device_array_like" {
        let Some(a) = args.pos.first() else { return Err(type_error("device_array_like() needs an array")) };
        // A device array's shape is known without copying it back.
        if let Value::Cuda(o) = a {
            if let CudaObject::DeviceArray(d) = o.as_ref() {
                return Ok((d.shape.clone(), d.dtype));
            }
        }
        let a = host_array(a, "device_array_like()")?;
        return Ok((a.shape.clone(), a.dtype));
    }
    let shape_value = args.pos.first().or_else(|| args.kw("shape")).ok_or_else(|| type_error(format!("{this}() needs a shape")))?;
    let shape: Vec<usize> = match shape_value {
        Value::Tuple(t) => t.iter().map(|v| v.as_index()).collect::<PyResult<Vec<i64>>>()?,
        v => vec![v.as_index()?],
    }
    .into_iter()
    .map(|d| usize::try_from(d).map_err(|_| value_error("negative dimensions are not allowed")))
    .collect::<PyResult<_>>()?;
    let dtype = match args.pos.get(1).or_else(|| args.kw("dtype")) {
        None => DType::Float64,
        Some(Value::DType(d) | Value::ScalarType(d)) => *d,
        Some(Value::NumbaType(Type::Scalar(d))) => *d,
        Some(Value::Str(s)) => DType::from_name(s).ok_or_else(|| type_error(format!("data type '{s}' not understood")))?,
        Some(other) => return Err(type_error(format!("{this}(): dtype must be a numpy type, not {}", other.type_name()))),
    };
    Ok((shape, dtype))
}

fn synchronize(interp: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    require_device(interp)?;
    #[cfg(feature = "gpu")]
    if interp.cuda_mode == CudaMode::Device {
        device::synchronize()?;
        interp.check_pending_launches()?;
    }
    Ok(Value::None)
}

fn stream(interp: &mut Interpreter, _: Args, this: &'static str) -> PyResult<Value> {
    require_device(interp)?;
    let id = if this == "default_stream" { 0 } else { interp.next_cuda_stream_id() };
    #[cfg(feature = "gpu")]
    let device = match interp.cuda_mode {
        CudaMode::Device => Some(device::new_stream(id == 0)?),
        CudaMode::Simulator => None,
    };
    Ok(cuda_value(CudaObject::Stream(Stream {
        id,
        #[cfg(feature = "gpu")]
        device,
    })))
}

fn event(interp: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    require_device(interp)?;
    Ok(cuda_value(CudaObject::Event(Event {
        recorded: Cell::new(None),
        #[cfg(feature = "gpu")]
        device: std::cell::RefCell::new(None),
    })))
}

fn event_elapsed_time(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.pos.as_slice() {
        [Value::Cuda(a), Value::Cuda(b)] => elapsed(a, b),
        _ => Err(type_error("event_elapsed_time() takes two events")),
    }
}

fn elapsed(start: &CudaObject, end: &CudaObject) -> PyResult<Value> {
    let (CudaObject::Event(s), CudaObject::Event(e)) = (start, end) else {
        return Err(type_error("elapsed_time() takes events"));
    };
    #[cfg(feature = "gpu")]
    if let (Some(a), Some(b)) = (s.device.borrow().as_ref(), e.device.borrow().as_ref()) {
        return a.elapsed_ms(b).map(|ms| Value::Float(ms as f64)).map_err(device::driver_error);
    }
    match (s.recorded.get(), e.recorded.get()) {
        (Some(a), Some(b)) => Ok(Value::Float(b.saturating_duration_since(a).as_secs_f64() * 1e3)),
        _ => Err(value_error("elapsed_time() of an event that was never recorded")),
    }
}

/// A grid or block size: an int or a tuple of one to three ints.
fn dims(v: &Value, what: &str) -> PyResult<[u32; 3]> {
    let items: Vec<i64> = match v {
        Value::Tuple(t) if (1..=3).contains(&t.len()) => t.iter().map(|x| x.as_index()).collect::<PyResult<_>>()?,
        Value::Int(_) | Value::Bool(_) => vec![v.as_index()?],
        other => return Err(type_error(format!("{what} must be an int or a tuple of up to three ints, not {}", other.type_name()))),
    };
    let mut out = [1u32; 3];
    for (k, d) in items.into_iter().enumerate() {
        out[k] = u32::try_from(d).map_err(|_| value_error(format!("{what} of {d} is not a valid CUDA dimension")))?;
    }
    Ok(out)
}

/// `kernel[blocks, threads]`, `kernel[blocks, threads, stream]`, `kernel[blocks, threads, stream, shared_bytes]`.
pub fn configure(kernel: &Rc<Function>, index: &Value) -> PyResult<Value> {
    let Value::Tuple(items) = index else {
        return Err(value_error("a kernel launch takes [blocks, threads] (and optionally a stream and a shared-memory size)"));
    };
    if !(2..=4).contains(&items.len()) {
        return Err(value_error("a kernel launch takes [blocks, threads] (and optionally a stream and a shared-memory size)"));
    }
    let shape = LaunchShape { grid: dims(&items[0], "the number of blocks")?, block: dims(&items[1], "the number of threads per block")? };
    let stream = match items.get(2) {
        None | Some(Value::Int(0)) | Some(Value::None) => None,
        Some(s @ Value::Cuda(o)) if matches!(o.as_ref(), CudaObject::Stream(_)) => Some(s.clone()),
        Some(other) => return Err(type_error(format!("the third launch parameter must be a stream, not {}", other.type_name()))),
    };
    let shared_bytes = items.get(3).map(|v| v.as_index()).transpose()?.unwrap_or(0);
    Ok(cuda_value(CudaObject::Launch(Launch { kernel: kernel.clone(), shape, stream, shared_bytes })))
}

/// Attributes of CUDA objects: `.shape`, `.size`, `.ndim`, `.dtype` of device arrays; the rest
/// are methods.
pub fn attr(value: &Value, o: &CudaObject, name: &str) -> PyResult<Value> {
    match (o, name) {
        (CudaObject::DeviceArray(d), "shape" | "size" | "ndim" | "dtype") => super::numpy::array_attr(&d.shape_array(), name).unwrap_or(Ok(Value::None)),
        (CudaObject::DeviceArray(_), "copy_to_host" | "copy_to_device" | "is_c_contiguous")
        | (CudaObject::Stream(_), "synchronize")
        | (CudaObject::Event(_), "record" | "synchronize" | "wait" | "query" | "elapsed_time") => Ok(Value::BoundMethod(Rc::new((value.clone(), rhumba_grammar::Symbol::intern(name))))),
        _ => Err(PyError::new(ErrorKind::AttributeError, format!("'{}' object has no attribute '{name}'", type_name(o)))),
    }
}

pub fn type_name(o: &CudaObject) -> &'static str {
    match o {
        CudaObject::DeviceArray(_) => "DeviceNDArray",
        CudaObject::Launch(_) => "_LaunchConfiguration",
        CudaObject::Stream(_) => "Stream",
        CudaObject::Event(_) => "Event",
    }
}

pub fn repr(o: &CudaObject) -> String {
    match o {
        CudaObject::DeviceArray(d) => format!("<DeviceNDArray shape={:?} dtype={}>", d.shape, d.dtype),
        CudaObject::Launch(l) => format!("<launch {}[{:?}, {:?}]>", l.kernel.name(), l.shape.grid, l.shape.block),
        CudaObject::Stream(s) => format!("<CUDA stream {}>", s.id),
        CudaObject::Event(_) => "<CUDA event>".to_string(),
    }
}

/// Methods of CUDA objects.
pub fn method(interp: &mut Interpreter, o: &CudaObject, name: &str, args: Args) -> PyResult<Value> {
    match (o, name) {
        (CudaObject::DeviceArray(d), "copy_to_host") => {
            #[cfg(feature = "gpu")]
            if interp.cuda_mode == CudaMode::Device {
                interp.check_pending_launches()?;
            }
            // `copy_to_host(ary=None, stream=0)`: into `ary` when given, else a new array.
            match args.pos.first().or_else(|| args.kw("ary")) {
                Some(Value::Array(dst)) => {
                    if dst.shape != d.shape || dst.dtype != d.dtype {
                        return Err(value_error(format!("copy_to_host(): the host array has shape {:?} and dtype {}, the device array {:?} and {}", dst.shape, dst.dtype, d.shape, d.dtype)));
                    }
                    copy_elements(dst, &d.to_host()?);
                    Ok(Value::Array(dst.clone()))
                }
                _ => Ok(Value::array(d.to_host()?)),
            }
        }
        (CudaObject::DeviceArray(d), "copy_to_device") => {
            let Some(src) = args.pos.first() else { return Err(type_error("copy_to_device() needs an array")) };
            let src = host_array(src, "copy_to_device()")?;
            if src.shape != d.shape {
                return Err(value_error(format!("copy_to_device(): shapes {:?} and {:?} differ", src.shape, d.shape)));
            }
            d.write(&src)?;
            Ok(Value::None)
        }
        (CudaObject::DeviceArray(_), "is_c_contiguous") => Ok(Value::Bool(true)),
        (CudaObject::Stream(_s), "synchronize") => {
            #[cfg(feature = "gpu")]
            if let Some(d) = &_s.device {
                d.synchronize().map_err(device::driver_error)?;
                interp.check_pending_launches()?;
            }
            Ok(Value::None)
        }
        (CudaObject::Event(e), "record") => {
            #[cfg(feature = "gpu")]
            if interp.cuda_mode == CudaMode::Device {
                let stream = args.pos.first().or_else(|| args.kw("stream")).cloned();
                *e.device.borrow_mut() = Some(device::record(stream.as_ref())?);
            }
            e.recorded.set(Some(Instant::now()));
            Ok(Value::None)
        }
        (CudaObject::Event(_e), "synchronize" | "wait") => {
            #[cfg(feature = "gpu")]
            if let Some(d) = _e.device.borrow().as_ref() {
                d.synchronize().map_err(device::driver_error)?;
            }
            #[cfg(feature = "gpu")]
            if interp.cuda_mode == CudaMode::Device {
                interp.check_pending_launches()?;
            }
            Ok(Value::None)
        }
        (CudaObject::Event(e), "query") => Ok(Value::Bool(e.recorded.get().is_some())),
        (CudaObject::Event(_), "elapsed_time") => match args.pos.first() {
            Some(Value::Cuda(end)) => elapsed(o, end),
            _ => Err(type_error("elapsed_time() takes the end event")),
        },
        (CudaObject::Launch(l), "__call__") => interp.launch_kernel(l, args),
        _ => Err(PyError::new(ErrorKind::AttributeError, format!("'{}' object has no attribute '{name}'", type_name(o)))),
    }
}

impl Interpreter {
    /// Whether CUDA work can run: always in the simulator, else when a GPU was found.
    pub(super) fn cuda_device_ready(&mut self) -> bool {
        match self.cuda_mode {
            CudaMode::Simulator => true,
            #[cfg(feature = "gpu")]
            CudaMode::Device => rhumba_runtime::cuda::driver::open().is_ok(),
            #[cfg(not(feature = "gpu"))]
            CudaMode::Device => false,
        }
    }

    fn cuda_device_name(&mut self) -> Option<String> {
        match self.cuda_mode {
            CudaMode::Simulator => Some("SIMULATOR (rhumba's CPU simulator of CUDA)".to_string()),
            #[cfg(feature = "gpu")]
            CudaMode::Device => rhumba_runtime::cuda::driver::open().ok().map(|g| g.name()),
            #[cfg(not(feature = "gpu"))]
            CudaMode::Device => None,
        }
    }

    #[cfg(not(feature = "gpu"))]
    fn device_upload(&mut self, _: &NdArray, _: Option<&Value>) -> PyResult<DeviceArray> {
        Err(no_device_error())
    }

    fn next_cuda_stream_id(&mut self) -> u64 {
        self.cuda_streams += 1;
        self.cuda_streams
    }

    /// Launches a configured kernel: arguments converted by its eager signatures, device arrays
    /// passed in place, host arrays passed so that the kernel's writes land in them (Numba
    /// copies them to the device and back).
    pub(super) fn launch_kernel(&mut self, launch: &Launch, args: Args) -> PyResult<Value> {
        require_device(self)?;
        launch.shape.validate().map_err(value_error)?;
        let Dispatch::Cuda { signatures, .. } = &launch.kernel.dispatch else {
            return Err(type_error("only @cuda.jit kernels can be launched"));
        };
        if !args.kw.is_empty() {
            return Err(type_error(format!("{}(): kernels take positional arguments only", launch.kernel.name())));
        }
        // Signatures are matched on what the arguments stand for (a device array as an array);
        // device arrays themselves are passed on as they are.
        let stand_ins: Vec<Value> = args.pos.iter().map(typing_stand_in).collect();
        for a in &stand_ins {
            if !matches!(a, Value::Int(_) | Value::Float(_) | Value::F32(_) | Value::Bool(_) | Value::Array(_) | Value::Tuple(_)) {
                return Err(type_error(format!("{}(): a kernel cannot take an argument of type {}", launch.kernel.name(), a.type_name())));
            }
        }
        let converted = if signatures.is_empty() {
            stand_ins
        } else {
            super::numba_api::match_signature(launch.kernel.name(), signatures, Args::positional(stand_ins))?.0.pos
        };
        let args: Vec<Value> = converted.into_iter().zip(&args.pos).map(|(c, original)| if matches!(original, Value::Cuda(_)) { original.clone() } else { c }).collect();
        match self.cuda_mode {
            CudaMode::Simulator => {
                let host: Vec<Value> = args.iter().map(on_host).collect();
                self.launch_simulated(&launch.kernel, &host, launch.shape)?
            }
            #[cfg(feature = "gpu")]
            CudaMode::Device => self.launch_on_device(launch, &args)?,
            #[cfg(not(feature = "gpu"))]
            CudaMode::Device => return Err(no_device_error()),
        }
        Ok(Value::None)
    }

    /// `--cuda-sim`: runs CUDA kernels on the CPU simulator from now on.
    pub fn use_cuda_simulator(&mut self) {
        self.cuda_mode = CudaMode::Simulator;
    }
}

/// A `@vectorize(target='cuda')` function called on arrays or scalars: an elementwise kernel
/// (synthesized once per number of operands, the function itself as a device function) launched
/// over the broadcast operands, converted to the chosen signature's types. Device-array operands
/// give a device-array result, host operands a host array, as in Numba.
pub fn call_ufunc(interp: &mut Interpreter, func: &Rc<Function>, signatures: &[rhumba_compiler::Signature], args: Args) -> PyResult<Value> {
    require_device(interp)?;
    if args.kw.iter().any(|(k, _)| k.as_str() != "out" && k.as_str() != "stream") {
        return Err(type_error(format!("{}(): only the `out=` and `stream=` keywords are accepted by a CUDA ufunc", func.name())));
    }
    let on_device = args.pos.iter().any(is_device_array);
    let operands: Vec<Value> = args.pos.iter().map(operand_on_host).collect::<PyResult<_>>()?;
    let arrays: Vec<Rc<NdArray>> = operands.iter().map(super::numpy::as_array).collect::<PyResult<_>>()?;
    let mut shape: Vec<usize> = vec![];
    for a in &arrays {
        shape = rhumba_runtime::array::broadcast_shapes(&shape, &a.shape)
            .ok_or_else(|| value_error(format!("operands could not be broadcast together with shapes {shape:?} {:?}", a.shape)))?;
    }
    let Some(sig) = super::numba_api::choose_signature(func, signatures, &operands, &arrays)? else {
        return Err(type_error(format!("the CUDA ufunc {}() needs signatures: @vectorize(['float64(float64)'], target='cuda')", func.name())));
    };
    let dtype_of = |t: &Type| match t {
        Type::Scalar(d) => Ok(*d),
        other => Err(type_error(format!("a ufunc signature takes scalars, not {other}"))),
    };
    let arg_dtypes: Vec<DType> = sig.args.iter().map(dtype_of).collect::<PyResult<_>>()?;
    let ret = dtype_of(sig.ret.as_ref().unwrap_or(&Type::Scalar(DType::Float64)))?;
    let n: usize = shape.iter().product();
    let mut launch_args = vec![Value::array(NdArray::zeros(ret, &[n]))];
    for (a, d) in arrays.iter().zip(&arg_dtypes) {
        let b = a.broadcast_to(&shape).unwrap_or_else(|| a.as_ref().clone());
        launch_args.push(Value::array(b.copy_as(*d).reshaped(&[n])));
    }
    if n > 0 {
        let kernel = interp.cuda_ufunc_kernel(func, arrays.len())?;
        let threads = 128u32;
        let blocks = u32::try_from(n.div_ceil(threads as usize)).map_err(|_| value_error("the ufunc's operands are too large for one launch"))?;
        let shape3 = LaunchShape { grid: [blocks, 1, 1], block: [threads, 1, 1] };
        let stream = args.kw("stream").cloned().filter(|s| matches!(s, Value::Cuda(_)));
        let launch = Launch { kernel, shape: shape3, stream, shared_bytes: 0 };
        interp.launch_kernel(&launch, Args::positional(launch_args.clone()))?;
    }
    let Value::Array(result) = &launch_args[0] else { return Err(type_error("internal error: the ufunc result is not an array")) };
    let result = result.reshaped(&shape);
    match args.kw("out") {
        Some(Value::Array(dst)) => {
            copy_elements(dst, &result);
            Ok(Value::Array(dst.clone()))
        }
        Some(dst @ Value::Cuda(o)) => match o.as_ref() {
            CudaObject::DeviceArray(d) => {
                d.write(&result)?;
                Ok(dst.clone())
            }
            _ => Err(type_error("out= must be an array")),
        },
        Some(other) => Err(type_error(format!("out= must be an array, not {}", other.type_name()))),
        None if shape.is_empty() && !on_device => Ok(Value::from_element(result.read(result.offset))),
        None if on_device => Ok(cuda_value(CudaObject::DeviceArray(DeviceArray::from_host(interp, &result, None)?))),
        None => Ok(Value::array(result)),
    }
}

fn is_device_array(v: &Value) -> bool {
    matches!(v, Value::Cuda(o) if matches!(o.as_ref(), CudaObject::DeviceArray(_)))
}

/// What a kernel argument stands for when the kernel is typed and its signature matched: a
/// device array as an array (the simulator's own storage, or an empty stand-in of the GPU
/// array's dtype and shape).
fn typing_stand_in(v: &Value) -> Value {
    match v {
        Value::Cuda(o) => match o.as_ref() {
            CudaObject::DeviceArray(DeviceArray { storage: DeviceStorage::Simulated(a), .. }) => Value::array(a.clone()),
            #[allow(unreachable_patterns)]
            CudaObject::DeviceArray(d) => Value::Array(d.shape_array()),
            _ => v.clone(),
        },
        Value::Tuple(items) => Value::tuple(items.iter().map(typing_stand_in).collect()),
        other => other.clone(),
    }
}

/// A ufunc operand on the host: the simulator's storage as it is, a GPU array copied back.
fn operand_on_host(v: &Value) -> PyResult<Value> {
    match v {
        Value::Cuda(o) => match o.as_ref() {
            CudaObject::DeviceArray(DeviceArray { storage: DeviceStorage::Simulated(a), .. }) => Ok(Value::array(a.clone())),
            #[allow(unreachable_patterns)]
            CudaObject::DeviceArray(d) => Ok(Value::array(d.to_host()?)),
            _ => Ok(v.clone()),
        },
        other => Ok(other.clone()),
    }
}

/// A device array as the simulator passes it to a kernel: its storage, shared, not copied.
fn on_host(v: &Value) -> Value {
    match v {
        Value::Cuda(o) => match o.as_ref() {
            CudaObject::DeviceArray(DeviceArray { storage: DeviceStorage::Simulated(a), .. }) => Value::array(a.clone()),
            _ => v.clone(),
        },
        other => other.clone(),
    }
}

/// Copies `src` into `dst` element by element (same shape; the dtype converts).
fn copy_elements(dst: &NdArray, src: &NdArray) {
    for (d, s) in dst.offsets().zip(src.offsets()) {
        dst.write(d, src.read(s));
    }
}
