//! The embedding API: load a Numba-style script once, then call its compiled kernels from Rust.
//!
//! ```
//! use rhumba::Engine;
//!
//! let engine = Engine::from_source("kernels.py", "
//! from numba import njit
//!
//! @njit
//! def hypot(x, y):
//!     return (x * x + y * y) ** 0.5
//! ").unwrap();
//! let hypot = engine.function::<(f64, f64), f64>("hypot").unwrap();
//! assert_eq!(hypot.call((3.0, 4.0)).unwrap(), 5.0);
//! ```
//!
//! The script's module-level code runs in an interpreter that lives on a thread of the engine
//! (the interpreter is single-threaded by design). Looking a function up compiles it for the
//! handle's argument types; the handle then calls the compiled code directly, from any thread,
//! so [`Engine`] and [`TypedFunction`] are `Send + Sync` and a call costs only the conversion of
//! its arguments and the native call.

use std::marker::PhantomData;
use std::sync::mpsc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ndarray::{ArrayView, ArrayViewMut, Dimension};
use rhumba_compiler::{Layout, Type};
use rhumba_runtime::abi::{self, ArrayDesc, EntryFn, ErrorSlot, MAX_DIMS};
use rhumba_runtime::DType;

use crate::diagnostics::{render_traceback, SourceFile};
use crate::interp::Interpreter;
pub use crate::interp::TierPolicy;

mod cuda;
pub use cuda::{DeviceArray, Dim3, LaunchArg, Stream};

/// What can go wrong when embedding: the script does not load, a function cannot be compiled
/// for the requested types, or a kernel raised an exception. The message is the rendered
/// diagnostic or traceback, as the command line prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedError {
    /// The rendered message: a diagnostic or traceback, as the CLI would print it.
    pub message: String,
}

impl std::fmt::Display for EmbedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EmbedError {}

fn err(message: impl Into<String>) -> EmbedError {
    EmbedError { message: message.into() }
}

type Job = Box<dyn FnOnce(&mut Interpreter) + Send>;

struct Inner {
    jobs: Mutex<mpsc::Sender<Job>>,
    /// The script, to cite lines in kernel errors.
    text: Arc<str>,
    name: Arc<str>,
    /// The engine's `prange` thread count, applied around every call of its kernels.
    threads: Option<usize>,
    /// When the optimising tier takes the engine's kernels over.
    tier: TierPolicy,
    /// Entry points for dynamic calls, by function and argument types; `None` where a call must
    /// go through the interpreter (eager signatures, arrays returned, not compiled).
    dynamic: Mutex<std::collections::HashMap<(String, Vec<Type>), Option<(Entry, Type)>>>,
}

/// How an [`Engine`] compiles and runs its kernels; `Default` follows the script, and optimises
/// every kernel with the LLVM tier when it is looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EngineOptions {
    /// Threads for `prange` loops of this engine's kernels (all cores, or `RHUMBA_NUM_THREADS`,
    /// when `None`). Each engine keeps its own count, whichever thread calls its kernels.
    pub threads: Option<usize>,
    /// `Some(true)` or `Some(false)` forces bounds checks on or off in every kernel, over the
    /// decorators' `boundscheck=`; `None` follows the decorators (checks on by default).
    pub bounds_check: Option<bool>,
    /// Run `@cuda.jit` kernels on the CPU simulator instead of a GPU (as `RHUMBA_CUDA_SIM=1`).
    pub cuda_simulator: bool,
    /// When the optimising tier (LLVM, in builds with the `llvm` feature) takes a kernel over
    /// from Cranelift: by default at lookup ([`TierPolicy::Now`]), so that handles run the
    /// same code as a hot kernel under `rhumba run`.
    pub tier: TierPolicy,
}

impl Default for EngineOptions {
    fn default() -> EngineOptions {
        EngineOptions { threads: None, bounds_check: None, cuda_simulator: false, tier: TierPolicy::Now }
    }
}

/// A loaded script whose `@jit` functions can be compiled and called from Rust.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

impl Engine {
    /// Parses the script and runs its module-level code (definitions, imports, constants).
    pub fn from_source(name: &str, text: &str) -> Result<Engine, EmbedError> {
        Engine::with_threads(name, text, None)
    }

    /// Reads and loads a script file.
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Engine, EmbedError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read {}: {e}", path.display())))?;
        Engine::from_source(&path.display().to_string(), &text)
    }

    /// As [`Engine::from_source`], with the number of threads `prange` loops use.
    pub fn with_threads(name: &str, text: &str, threads: Option<usize>) -> Result<Engine, EmbedError> {
        Engine::with_options(name, text, EngineOptions { threads, ..EngineOptions::default() })
    }

    /// As [`Engine::from_source`], with [`EngineOptions`].
    ///
    /// ```
    /// use rhumba::{Engine, EngineOptions};
    /// let source = "from numba import njit\n\n@njit(boundscheck=False)\ndef at(a, i):\n    return a[i]\n";
    /// // Checks forced on: the decorator's boundscheck=False is overridden, as NUMBA_BOUNDSCHECK=1 does.
    /// let engine = Engine::with_options("at.py", source, EngineOptions { bounds_check: Some(true), ..Default::default() })?;
    /// let at = engine.function::<(ndarray::ArrayView1<f64>, i64), f64>("at")?;
    /// let a = ndarray::arr1(&[1.0, 2.0]);
    /// assert_eq!(at.call((a.view(), 1))?, 2.0);
    /// assert!(at.call((a.view(), 2)).unwrap_err().to_string().contains("IndexError"));
    /// # Ok::<(), rhumba::EmbedError>(())
    /// ```
    pub fn with_options(name: &str, text: &str, options: EngineOptions) -> Result<Engine, EmbedError> {
        let EngineOptions { threads, bounds_check, cuda_simulator, tier } = options;
        crate::apply_thread_setting();
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("rhumba-engine".into())
            .stack_size(256 << 20)
            .spawn(move || {
                if let Some(n) = threads {
                    rhumba_runtime::parallel::set_threads_here(n);
                }
                let mut interp = Interpreter::new(Box::new(std::io::stdout()));
                for job in rx {
                    job(&mut interp);
                }
            })
            .map_err(|e| err(format!("cannot start the engine thread: {e}")))?;
        let engine = Engine { inner: Arc::new(Inner { jobs: Mutex::new(tx), text: Arc::from(text), name: Arc::from(name), threads, tier, dynamic: Mutex::new(Default::default()) }) };
        let (name, text) = (name.to_string(), text.to_string());
        engine.run_on_engine(move |interp| {
            let file = SourceFile::new(&name, &text);
            let module = crate::parse(&file).map_err(|e| err(e.render()))?;
            interp.set_source(&name, &text);
            // Loaded as a library, not run as a program: `if __name__ == "__main__":` is skipped.
            let stem = std::path::Path::new(&name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            interp.set_global("__name__", crate::interp::Value::str(&stem));
            if cuda_simulator {
                interp.use_cuda_simulator();
            }
            interp.enable_jit().map_err(err)?;
            interp.set_tier_policy(tier);
            if bounds_check.is_some() {
                interp.set_bounds_check_override(bounds_check);
            }
            interp.quiet_jit_notes();
            interp.run_module(&module).map_err(|e| err(render_traceback(&file, &e)))
        })?;
        Ok(engine)
    }

    /// Runs `job` on the engine's thread and waits for its result.
    fn run_on_engine<T: Send + 'static>(&self, job: impl FnOnce(&mut Interpreter) -> Result<T, EmbedError> + Send + 'static) -> Result<T, EmbedError> {
        let (tx, rx) = mpsc::channel();
        let boxed: Job = Box::new(move |interp| {
            let _ = tx.send(job(interp));
        });
        self.inner.jobs.lock().map_err(|_| err("the engine thread has stopped"))?.send(boxed).map_err(|_| err("the engine thread has stopped"))?;
        rx.recv().map_err(|_| err("the engine thread stopped during the call"))?
    }

    /// A handle to the `@jit` function `name` compiled for argument types `A` (a tuple of
    /// [`KernelArg`]s) returning `R`. The types are checked here, once; a kernel that writes to
    /// an array must receive it as an [`ArrayViewMut`].
    pub fn function<A: KernelArgs, R: KernelResult>(&self, name: &str) -> Result<TypedFunction<A, R>, EmbedError> {
        let types = A::types();
        let want = R::ty();
        let script = self.inner.clone();
        let fname = name.to_string();
        let (entry, ret, written) = self.run_on_engine(move |interp| {
            interp.compile_entry(&fname, &types).map_err(|e| err(render_traceback(&SourceFile::new(&script.name, &script.text), &e)))
        })?;
        if !R::accepts(&ret) {
            return Err(err(format!("{name}() returns {ret}, which does not convert to {want}")));
        }
        for (k, (w, mutable)) in written.iter().zip(A::mutable()).enumerate() {
            if *w && !mutable {
                return Err(err(format!("{name}() may write to argument {} but it is passed as a read-only view: pass an ArrayViewMut", k + 1)));
            }
        }
        let hot = (self.inner.tier == TierPolicy::WhenHot && cfg!(feature = "llvm")).then(HotCounter::default);
        Ok(TypedFunction { entry: AtomicUsize::new(entry as usize), hot, ret, inner: self.inner.clone(), name: name.to_string(), types: A::types(), _types: PhantomData })
    }

    /// Calls `name` with dynamically typed arguments (compiling it for their types if needed).
    ///
    /// A `@jit` function without eager signatures that returns scalars is called directly from
    /// this thread once compiled for these types; anything else runs on the engine's thread,
    /// through the interpreter (plain functions, eager signatures, arrays returned).
    pub fn call(&self, name: &str, args: Vec<Arg>) -> Result<Arg, EmbedError> {
        if let Some(types) = args.iter().map(Arg::kernel_type).collect::<Option<Vec<_>>>() {
            if let Some((entry, ret)) = self.dynamic_entry(name, types)? {
                return self.call_entry(name, entry, &ret, args);
            }
        }
        let script = self.inner.clone();
        let fname = name.to_string();
        self.run_on_engine(move |interp| {
            let values: Vec<crate::interp::Value> = args.into_iter().map(Arg::into_value).collect();
            interp
                .call_global(&fname, values)
                .map_err(|e| err(render_traceback(&SourceFile::new(&script.name, &script.text), &e)))
                .and_then(Arg::from_value)
        })
    }
}

impl Engine {
    /// The compiled entry of `name` for `types`, when a dynamic call may use it directly.
    fn dynamic_entry(&self, name: &str, types: Vec<Type>) -> Result<Option<(Entry, Type)>, EmbedError> {
        let key = (name.to_string(), types);
        if let Some(found) = self.inner.dynamic.lock().map_err(|_| err("the engine's cache is poisoned"))?.get(&key) {
            return Ok(found.clone());
        }
        let (fname, types) = key.clone();
        let found = self.run_on_engine(move |interp| {
            if !interp.is_plain_jit(&fname) {
                return Ok(None);
            }
            Ok(interp.compile_entry(&fname, &types).ok().map(|(entry, ret, _)| (Entry(entry), ret)))
        })?;
        let found = found.filter(|(_, ret)| scalars_only(ret));
        self.inner.dynamic.lock().map_err(|_| err("the engine's cache is poisoned"))?.insert(key, found.clone());
        Ok(found)
    }

    fn call_entry(&self, name: &str, entry: Entry, ret: &Type, mut args: Vec<Arg>) -> Result<Arg, EmbedError> {
        let mut slots = [0u64; 16];
        let mut descs: Vec<(usize, ArrayDesc)> = Vec::new();
        let mut used = 0;
        for a in args.iter_mut() {
            if !a.marshal(&mut slots, &mut used, &mut descs) {
                return Err(err(format!("{name}(): too many arguments for a direct call")));
            }
        }
        for (slot, desc) in &descs {
            slots[*slot] = desc as *const ArrayDesc as u64;
        }
        let mut results = [0u64; 16];
        let mut error = ErrorSlot::default();
        // SAFETY: `entry` was compiled for exactly these argument types (its cache key), so it
        // reads `used` slots and writes the flattened scalar result; the descriptors point into
        // arrays owned by `args`, alive and unaliased for the whole call; the engine keeps the
        // code alive through `inner`.
        rhumba_runtime::parallel::with_threads(self.inner.threads, || unsafe { (entry.0)(slots.as_ptr(), results.as_mut_ptr(), &mut error) });
        drop(abi::take_arena());
        if error.code != abi::ERR_NONE {
            return Err(kernel_error(&self.inner, name, &error));
        }
        let mut it = results.iter().copied();
        Ok(read_scalars(ret, &mut it))
    }
}

/// Whether a result type is made of scalars only (a direct dynamic call can return it).
fn scalars_only(t: &Type) -> bool {
    match t {
        Type::None | Type::Scalar(_) => true,
        Type::Tuple(items) => items.iter().all(scalars_only),
        _ => false,
    }
}

fn read_scalars(t: &Type, slots: &mut impl Iterator<Item = u64>) -> Arg {
    match t {
        Type::Scalar(DType::Float64) => Arg::Float(f64::from_bits(slots.next().unwrap_or(0))),
        Type::Scalar(DType::Float32) => Arg::Float(f32::from_bits(slots.next().unwrap_or(0) as u32) as f64),
        Type::Scalar(DType::Bool) => Arg::Bool(slots.next().unwrap_or(0) & 0xff != 0),
        Type::Scalar(_) => Arg::Int(slots.next().unwrap_or(0) as i64),
        Type::Tuple(items) => Arg::Tuple(items.iter().map(|i| read_scalars(i, slots)).collect()),
        _ => Arg::None,
    }
}

/// A dynamically typed argument or result of [`Engine::call`].
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Python's `None` (a kernel that returns nothing).
    None,
    /// A `bool`.
    Bool(bool),
    /// An `int` (64-bit, wrapping as in Numba).
    Int(i64),
    /// A `float` (64-bit).
    Float(f64),
    /// An array of `float64`, any number of dimensions (copied in and out).
    Array(ndarray::ArrayD<f64>),
    /// A tuple, such as a kernel returning several values.
    Tuple(Vec<Arg>),
}

impl Arg {
    /// The type compiled code sees for this argument.
    fn kernel_type(&self) -> Option<Type> {
        Some(match self {
            Arg::Bool(_) => Type::Scalar(DType::Bool),
            Arg::Int(_) => Type::Scalar(DType::Int64),
            Arg::Float(_) => Type::Scalar(DType::Float64),
            Arg::Array(a) if a.ndim() <= MAX_DIMS => Type::Array { dtype: DType::Float64, ndim: a.ndim(), layout: Layout::Any },
            Arg::Tuple(items) => Type::Tuple(items.iter().map(Arg::kernel_type).collect::<Option<_>>()?),
            _ => return None,
        })
    }

    /// Appends its slots (an array records its descriptor); false when they do not fit.
    fn marshal(&mut self, slots: &mut [u64; 16], used: &mut usize, descs: &mut Vec<(usize, ArrayDesc)>) -> bool {
        if *used >= slots.len() {
            return false;
        }
        match self {
            Arg::Bool(b) => slots[*used] = *b as u64,
            Arg::Int(i) => slots[*used] = *i as u64,
            Arg::Float(f) => slots[*used] = f.to_bits(),
            Arg::Array(a) => descs.push((*used, view_desc(a.as_mut_ptr(), a.shape(), a.strides()))),
            Arg::Tuple(items) => return items.iter_mut().all(|i| i.marshal(slots, used, descs)),
            Arg::None => return false,
        }
        *used += 1;
        true
    }

    fn into_value(self) -> crate::interp::Value {
        use crate::interp::Value;
        match self {
            Arg::None => Value::None,
            Arg::Bool(b) => Value::Bool(b),
            Arg::Int(i) => Value::Int(i),
            Arg::Float(f) => Value::Float(f),
            Arg::Array(a) => {
                let shape: Vec<usize> = a.shape().to_vec();
                Value::array(rhumba_runtime::NdArray::from_f64(&shape, a.iter().copied()))
            }
            Arg::Tuple(items) => Value::tuple(items.into_iter().map(Arg::into_value).collect()),
        }
    }

    fn from_value(v: crate::interp::Value) -> Result<Arg, EmbedError> {
        use crate::interp::Value;
        Ok(match v {
            Value::None => Arg::None,
            Value::Bool(b) => Arg::Bool(b),
            Value::Int(i) => Arg::Int(i),
            Value::Float(f) => Arg::Float(f),
            Value::F32(f) => Arg::Float(f as f64),
            Value::Tuple(items) => Arg::Tuple(items.iter().cloned().map(Arg::from_value).collect::<Result<_, _>>()?),
            Value::Array(a) => {
                let values: Vec<f64> = a.elements().map(|e| e.as_f64()).collect();
                Arg::Array(ndarray::ArrayD::from_shape_vec(a.shape.clone(), values).map_err(|e| err(e.to_string()))?)
            }
            other => return Err(err(format!("a {} cannot be returned to Rust", other.type_name()))),
        })
    }
}

thread_local! {
    /// Each calling thread's error slot for typed calls.
    static ERROR_SLOT: std::cell::Cell<ErrorSlot> = std::cell::Cell::new(ErrorSlot::default());
}

/// The compiled entry point of a dynamic call; a plain function pointer into code the engine
/// keeps alive.
#[derive(Clone, Copy)]
struct Entry(EntryFn);

/// Run time of a handle's calls under [`TierPolicy::WhenHot`], until the optimising tier takes
/// it over (then `done`).
#[derive(Default)]
struct HotCounter {
    nanos: AtomicU64,
    done: AtomicBool,
}

/// Run time after which a handle's kernel is optimised, as under `rhumba run`.
const OPTIMISE_AFTER_NANOS: u64 = 5_000_000;

/// A compiled function with Rust argument types `A` and result type `R`.
pub struct TypedFunction<A, R> {
    /// The address of the entry point (`EntryFn`): Cranelift's, swapped for the optimising
    /// tier's once the handle's calls have run long enough under `TierPolicy::WhenHot`.
    entry: AtomicUsize,
    hot: Option<HotCounter>,
    types: Vec<Type>,
    ret: Type,
    /// Keeps the engine (and so the compiled code) alive as long as the handle.
    inner: Arc<Inner>,
    name: String,
    _types: PhantomData<fn(A) -> R>,
}

impl<A: KernelArgs, R: KernelResult> TypedFunction<A, R> {
    /// Calls the compiled code. Arrays are passed by reference (no copy); an exception raised by
    /// the kernel comes back as an error naming the kernel and line.
    pub fn call(&self, args: A) -> Result<R, EmbedError> {
        // SAFETY: `entry` only ever holds the address of an `EntryFn` compiled for `A`'s types
        // (Cranelift's from `function`, or the optimising tier's `rhumba_entry` of the same
        // specialisation, stored by `tier_up`); the engine never frees compiled code.
        let entry = unsafe { std::mem::transmute::<usize, EntryFn>(self.entry.load(Ordering::Acquire)) };
        let timing = self.hot.as_ref().filter(|h| !h.done.load(Ordering::Relaxed)).map(|h| (h, std::time::Instant::now()));
        let mut slots = [0u64; 16];
        let mut descs: Vec<(usize, ArrayDesc)> = Vec::new();
        let mut used = 0;
        args.marshal(&mut slots, &mut used, &mut descs);
        // Descriptors were collected first; point their slots at them now that they stop moving.
        for (slot, desc) in &descs {
            slots[*slot] = desc as *const ArrayDesc as u64;
        }
        let mut results = [0u64; 16];
        // The error slot is reused per thread: only its code and trace length need resetting,
        // which is cheaper than building the whole slot (300 bytes) on every call.
        let failed = ERROR_SLOT.with(|cell| {
            let slot = cell.as_ptr();
            // SAFETY: `slot` points to this thread's slot, which nothing else borrows (kernels
            // never call back into the embedding API); the fields written are plain integers.
            unsafe {
                (*slot).code = abi::ERR_NONE;
                (*slot).trace_len = 0;
            }
            // SAFETY: the entry was compiled for exactly `A`'s types (checked in `function`), so
            // it reads `used` slots and writes at most the flattened result; each descriptor
            // describes memory borrowed by `args` for the duration of this call, writable when
            // the kernel may write to it (checked in `function`); the engine keeps the code alive
            // through `inner`; `slot` is a valid, initialised error slot.
            rhumba_runtime::parallel::with_threads(self.inner.threads, || unsafe { entry(slots.as_ptr(), results.as_mut_ptr(), slot) });
            // SAFETY: as above; the slot is copied out only when the kernel failed.
            let code = unsafe { (*slot).code };
            (code != abi::ERR_NONE).then(|| cell.get())
        });
        let arena = abi::take_arena();
        if let Some((hot, start)) = timing {
            let took = start.elapsed().as_nanos() as u64;
            let total = hot.nanos.fetch_add(took, Ordering::Relaxed).saturating_add(took);
            if total >= OPTIMISE_AFTER_NANOS && !hot.done.swap(true, Ordering::AcqRel) {
                self.tier_up();
            }
        }
        if let Some(error) = failed {
            return Err(self.kernel_error(&error));
        }
        R::read(&self.ret, &results, &arena)
    }

    /// Has the optimising tier compile this handle's specialisation (on the engine's thread,
    /// once) and points later calls at its code; without it, calls keep Cranelift's.
    fn tier_up(&self) {
        let (name, types) = (self.name.clone(), self.types.clone());
        let engine = Engine { inner: self.inner.clone() };
        if let Ok(Some(address)) = engine.run_on_engine(move |interp| Ok(interp.optimised_entry_address(&name, &types))) {
            self.entry.store(address, Ordering::Release);
        }
    }

    fn kernel_error(&self, e: &ErrorSlot) -> EmbedError {
        kernel_error(&self.inner, &self.name, e)
    }
}

/// A kernel's exception as an error naming the kernel, the script and the line.
fn kernel_error(inner: &Inner, name: &str, e: &ErrorSlot) -> EmbedError {
    let text = &inner.text;
    let offset = (e.source_offset as usize).min(text.len());
    let line = text[..offset].matches('\n').count() + 1;
    let (exception, message) = abi::describe_error(e.code, e.index, e.axis, e.bound);
    let what = if message.is_empty() { exception.to_string() } else { format!("{exception}: {message}") };
    err(format!("{what} (in {name}(), {} line {line})", inner.name))
}

/// A Rust value that can be passed to a compiled function.
pub trait KernelArg {
    /// The type compiled code sees.
    fn ty() -> Type;
    /// Whether compiled code may write through it.
    fn mutable() -> bool {
        false
    }
    /// Appends its slot; an array also records its descriptor with the slot it goes in.
    fn marshal(&self, slots: &mut [u64; 16], used: &mut usize, descs: &mut Vec<(usize, ArrayDesc)>);
}

macro_rules! scalar_arg {
    ($t:ty, $dtype:expr, $bits:expr) => {
        impl KernelArg for $t {
            fn ty() -> Type {
                Type::Scalar($dtype)
            }
            fn marshal(&self, slots: &mut [u64; 16], used: &mut usize, _: &mut Vec<(usize, ArrayDesc)>) {
                slots[*used] = $bits(*self);
                *used += 1;
            }
        }
    };
}

scalar_arg!(f64, DType::Float64, f64::to_bits);
scalar_arg!(f32, DType::Float32, |x: f32| x.to_bits() as u64);
scalar_arg!(i64, DType::Int64, |x: i64| x as u64);
scalar_arg!(bool, DType::Bool, |x: bool| x as u64);

/// Element types arrays may hold across the embedding boundary.
pub trait KernelElement {
    /// The dtype a kernel sees for this Rust element type.
    const DTYPE: DType;
}

impl KernelElement for f64 {
    const DTYPE: DType = DType::Float64;
}
impl KernelElement for f32 {
    const DTYPE: DType = DType::Float32;
}
impl KernelElement for i64 {
    const DTYPE: DType = DType::Int64;
}
impl KernelElement for i32 {
    const DTYPE: DType = DType::Int32;
}

fn view_desc<T>(ptr: *const T, shape: &[usize], strides: &[isize]) -> ArrayDesc {
    let size = std::mem::size_of::<T>() as i64;
    let mut desc = ArrayDesc { data: ptr as *mut u8, ndim: shape.len() as i64, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] };
    for k in 0..shape.len().min(MAX_DIMS) {
        desc.shape[k] = shape[k] as i64;
        desc.strides[k] = strides[k] as i64 * size;
    }
    desc
}

fn array_type<T: KernelElement, D: Dimension>() -> Type {
    Type::Array { dtype: T::DTYPE, ndim: D::NDIM.unwrap_or(0), layout: Layout::Any }
}

impl<T: KernelElement, D: Dimension> KernelArg for ArrayView<'_, T, D> {
    fn ty() -> Type {
        array_type::<T, D>()
    }
    fn marshal(&self, _: &mut [u64; 16], used: &mut usize, descs: &mut Vec<(usize, ArrayDesc)>) {
        descs.push((*used, view_desc(self.as_ptr(), self.shape(), self.strides())));
        *used += 1;
    }
}

impl<T: KernelElement, D: Dimension> KernelArg for ArrayViewMut<'_, T, D> {
    fn ty() -> Type {
        array_type::<T, D>()
    }
    fn mutable() -> bool {
        true
    }
    fn marshal(&self, _: &mut [u64; 16], used: &mut usize, descs: &mut Vec<(usize, ArrayDesc)>) {
        descs.push((*used, view_desc(self.as_ptr(), self.shape(), self.strides())));
        *used += 1;
    }
}

/// A tuple of [`KernelArg`]s: the arguments of a [`TypedFunction`].
pub trait KernelArgs {
    /// The kernel argument types of this tuple, in order.
    fn types() -> Vec<Type>;
    /// Whether each argument may be written by the kernel (an `ArrayViewMut`).
    fn mutable() -> Vec<bool>;
    /// Writes the arguments into the entry point's slots; array descriptors go to `descs`.
    fn marshal(&self, slots: &mut [u64; 16], used: &mut usize, descs: &mut Vec<(usize, ArrayDesc)>);
}

macro_rules! tuple_args {
    ($($name:ident),*) => {
        impl<$($name: KernelArg),*> KernelArgs for ($($name,)*) {
            fn types() -> Vec<Type> {
                vec![$($name::ty()),*]
            }
            fn mutable() -> Vec<bool> {
                vec![$($name::mutable()),*]
            }
            #[allow(non_snake_case)]
            fn marshal(&self, slots: &mut [u64; 16], used: &mut usize, descs: &mut Vec<(usize, ArrayDesc)>) {
                let ($($name,)*) = self;
                $($name.marshal(slots, used, descs);)*
            }
        }
    };
}

tuple_args!(A);
tuple_args!(A, B);
tuple_args!(A, B, C);
tuple_args!(A, B, C, D);
tuple_args!(A, B, C, D, E);
tuple_args!(A, B, C, D, E, F);

/// A Rust type a compiled function's result converts to.
pub trait KernelResult: Sized {
    /// The type named in error messages.
    fn ty() -> Type;
    /// Whether a compiled result of type `t` converts to this.
    fn accepts(t: &Type) -> bool;
    /// Reads a kernel's result of type `t` out of its result slots and allocations.
    fn read(t: &Type, slots: &[u64; 16], arena: &abi::Arena) -> Result<Self, EmbedError>;
}

impl KernelResult for f64 {
    fn ty() -> Type {
        Type::Scalar(DType::Float64)
    }
    fn accepts(t: &Type) -> bool {
        matches!(t, Type::Scalar(DType::Float64 | DType::Float32 | DType::Int64))
    }
    fn read(t: &Type, slots: &[u64; 16], _: &abi::Arena) -> Result<f64, EmbedError> {
        Ok(match t {
            Type::Scalar(DType::Float32) => f32::from_bits(slots[0] as u32) as f64,
            Type::Scalar(DType::Int64) => slots[0] as i64 as f64,
            _ => f64::from_bits(slots[0]),
        })
    }
}

impl KernelResult for i64 {
    fn ty() -> Type {
        Type::Scalar(DType::Int64)
    }
    fn accepts(t: &Type) -> bool {
        matches!(t, Type::Scalar(DType::Int64))
    }
    fn read(_: &Type, slots: &[u64; 16], _: &abi::Arena) -> Result<i64, EmbedError> {
        Ok(slots[0] as i64)
    }
}

impl KernelResult for bool {
    fn ty() -> Type {
        Type::Scalar(DType::Bool)
    }
    fn accepts(t: &Type) -> bool {
        matches!(t, Type::Scalar(DType::Bool))
    }
    fn read(_: &Type, slots: &[u64; 16], _: &abi::Arena) -> Result<bool, EmbedError> {
        Ok(slots[0] & 0xff != 0)
    }
}

impl KernelResult for () {
    fn ty() -> Type {
        Type::None
    }
    fn accepts(t: &Type) -> bool {
        matches!(t, Type::None)
    }
    fn read(_: &Type, _: &[u64; 16], _: &abi::Arena) -> Result<(), EmbedError> {
        Ok(())
    }
}

impl<T: KernelElement + Copy, D: Dimension> KernelResult for ndarray::Array<T, D> {
    fn ty() -> Type {
        array_type::<T, D>()
    }
    fn accepts(t: &Type) -> bool {
        matches!(t, Type::Array { dtype, ndim, .. } if *dtype == T::DTYPE && D::NDIM.is_none_or(|n| n == *ndim))
    }
    /// A new array made by the kernel, copied into an owned ndarray.
    fn read(_: &Type, slots: &[u64; 16], arena: &abi::Arena) -> Result<Self, EmbedError> {
        let ptr = slots[0] as *const ArrayDesc;
        let desc = arena
            .buffers
            .iter()
            .map(|(_, d)| &**d)
            .chain(arena.views.iter().map(|d| &**d))
            .find(|d| std::ptr::eq(*d, ptr))
            .ok_or_else(|| err("only arrays created by the kernel can be returned to Rust (return a copy of an argument)"))?;
        let ndim = desc.ndim as usize;
        let shape: Vec<usize> = desc.shape[..ndim].iter().map(|d| *d as usize).collect();
        let mut values = Vec::with_capacity(shape.iter().product());
        let mut index = vec![0usize; ndim];
        for _ in 0..shape.iter().product::<usize>() {
            let offset: i64 = (0..ndim).map(|k| index[k] as i64 * desc.strides[k]).sum();
            // SAFETY: the index is within the shape, so the offset addresses an element of the
            // buffer the arena still holds.
            values.push(unsafe { (desc.data.offset(offset as isize) as *const T).read_unaligned() });
            for k in (0..ndim).rev() {
                index[k] += 1;
                if index[k] < shape[k] {
                    break;
                }
                index[k] = 0;
            }
        }
        ndarray::ArrayD::from_shape_vec(shape, values)
            .map_err(|e| err(e.to_string()))?
            .into_dimensionality::<D>()
            .map_err(|e| err(e.to_string()))
    }
}
