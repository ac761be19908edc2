//! `rhumba._native`: the compiled half of the `rhumba` Python package. CPython runs the host
//! code; this module compiles the decorated functions from their source (through the dispatcher
//! every rhumba host shares) and calls the compiled code with numpy arrays passed by reference,
//! without the GIL.
//!
//! The Python half (`python/rhumba/`) freezes a function's globals and registers it here on its
//! first call; a `Dispatcher` then finds the specialisation for its arguments' types and calls
//! it. What this module cannot compile it hands back to Python, which runs the original function.

mod host;
mod ufunc;
mod values;

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use rhumba_compiler::Type;
use rhumba_grammar::Symbol;
use rhumba_runtime::abi::{self, EntryFn, ErrorSlot};
use rhumba_runtime::DType;

use host::{FunctionOptions, Frozen, Registered, SpecialiseError};

/// Keys of registered functions, unique in the process.
static NEXT_KEY: AtomicUsize = AtomicUsize::new(1);

/// How a specialisation runs.
enum Target {
    /// Compiled code.
    Compiled(CompiledTarget),
    /// The original Python function (the compiler cannot take it yet).
    Python,
}

struct CompiledTarget {
    index: usize,
    /// The entry point's address: Cranelift's, then the optimising tier's once it has run long.
    entry: AtomicUsize,
    ret: Type,
    written: Vec<bool>,
    result_slots: usize,
    /// Whether the result holds arrays (else the arena is left for the next call that needs it).
    returns_arrays: bool,
    /// Run time so far while the calls are timed for the optimising tier.
    nanos: AtomicU64,
    calls: AtomicU64,
    timed: AtomicBool,
    /// Whether calls release the GIL: always for `nogil=True` and `prange` functions; for the
    /// others, during their first calls and again for good once a sampled call ran long (see
    /// [`GIL_AFTER_NANOS`]).
    release_gil: AtomicBool,
    /// `nogil=True` or a `prange` function: the GIL is always released.
    always_release: bool,
    /// Whether any sampled call ran at least [`GIL_AFTER_NANOS`].
    long_seen: AtomicBool,
}

impl CompiledTarget {
    fn any_long(&self) -> bool {
        self.long_seen.load(Ordering::Relaxed)
    }
}

/// A call this long (or one with a large array) is worth releasing the GIL for: releasing and
/// taking it back costs some 60 ns, which is most of a short call's cost. CPython itself lets a
/// thread keep the GIL for 5 ms between switches.
const GIL_AFTER_NANOS: u64 = 10_000;

/// One specialisation: the argument types it was made for and how it runs.
struct Spec {
    types: Vec<Type>,
    target: Target,
}

/// The first calls of a specialisation are all timed; later ones one in `TIME_EVERY`, weighted
/// (reading the clock costs as much as a small kernel's call), as in `rhumba run`.
const TIMED_CALLS: u64 = 64;
const TIME_EVERY: u64 = 16;
/// Run time after which a specialisation is handed to the optimising tier.
const OPTIMISE_AFTER_NANOS: u64 = 5_000_000;

/// A decorated function: the Python package subclasses it (`rhumba.dispatcher.Dispatcher`),
/// adding pickling, the fallback to Python and the signature bookkeeping.
#[pyclass(subclass, frozen, module = "rhumba._native", name = "Dispatcher")]
struct Dispatcher {
    key: usize,
    specs: RwLock<Vec<Arc<Spec>>>,
    /// A CUDA kernel's specialisations for the simulator: types, entry, whether it
    /// synchronises, which parameters it writes.
    kernels: RwLock<Vec<(Vec<Type>, usize, bool, Vec<bool>)>>,
}

#[pymethods]
impl Dispatcher {
    #[new]
    #[pyo3(signature = (*_args, **_kwargs))]
    fn new(_args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> Dispatcher {
        Dispatcher { key: NEXT_KEY.fetch_add(1, Ordering::Relaxed), specs: RwLock::new(Vec::new()), kernels: RwLock::new(Vec::new()) }
    }

    /// The key this function is registered under.
    #[getter]
    fn _key(&self) -> usize {
        self.key
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn __call__(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if kwargs.is_some_and(|k| !k.is_empty()) {
            return Ok(slf.call_method1("_call_with_keywords", (args, kwargs))?.unbind());
        }
        let this = slf.get();
        let found = {
            let specs = this.specs.read().map_err(|_| PyRuntimeError::new_err("rhumba: a dispatcher's cache is poisoned"))?;
            specs.iter().find(|s| s.types.len() == args.len() && args.iter().zip(&s.types).all(|(a, t)| values::has_type(&a, t))).cloned()
        };
        let Some(spec) = found else {
            return Ok(slf.call_method1("_miss", (args,))?.unbind());
        };
        match &spec.target {
            Target::Python => Ok(slf.call_method1("_call_python", (args,))?.unbind()),
            Target::Compiled(c) => call_compiled(py, this.key, c, args),
        }
    }

    /// Registers the function's source and frozen globals (the Python half calls it once,
    /// before the first compile). `globals` holds `(kind, name, payload)` triples.
    #[pyo3(signature = (name, text, file, first_line, globals, parallel=false, boundscheck=None, vectorized=false, cuda=false, nogil=false))]
    #[allow(clippy::too_many_arguments)]
    fn _register(
        &self,
        name: String,
        text: String,
        file: String,
        first_line: usize,
        globals: &Bound<'_, PyList>,
        parallel: bool,
        boundscheck: Option<bool>,
        vectorized: bool,
        cuda: bool,
        nogil: bool,
    ) -> PyResult<Option<(String, usize)>> {
        let (module, diagnostics) = rhumba_grammar::parse(&text);
        if let Some(d) = diagnostics.first() {
            let line = first_line + text[..(d.span.start as usize).min(text.len())].matches('\n').count();
            return Ok(Some((format!("rhumba cannot parse this function yet: {}", d.message), line)));
        }
        let def = module.body.into_iter().find_map(|s| match s.kind {
            rhumba_grammar::ast::StmtKind::FunctionDef(def) => Some(def),
            _ => None,
        });
        let Some(def) = def else {
            return Ok(Some(("no function definition found in its source".into(), first_line)));
        };
        let mut host = host::host().map_err(PyRuntimeError::new_err)?;
        let mut frozen = std::collections::HashMap::new();
        for item in globals.iter() {
            let (kind, gname, payload): (String, String, Bound<'_, PyAny>) = item.extract()?;
            let value = match kind.as_str() {
                "int" => Frozen::Int(payload.extract()?),
                "float" => Frozen::Float(payload.extract()?),
                "bool" => Frozen::Bool(payload.extract()?),
                "module" => match payload.extract::<String>()?.as_str() {
                    "numpy" => Frozen::Module("numpy"),
                    "numpy.random" => Frozen::Module("numpy.random"),
                    "math" => Frozen::Module("math"),
                    "cmath" => Frozen::Module("cmath"),
                    "numba" => Frozen::Module("numba"),
                    "numba.cuda" => Frozen::Module("numba.cuda"),
                    other => Frozen::Other(format!("module {other}")),
                },
                "function" => Frozen::Function(payload.extract()?),
                "exception" => {
                    let (name, lineage): (String, Vec<String>) = payload.extract()?;
                    Frozen::ExceptionClass { name, lineage }
                }
                "builtin" => Frozen::Builtin(Symbol::intern(&payload.extract::<String>()?).as_str()),
                "library" => {
                    let (m, n): (String, String) = payload.extract()?;
                    Frozen::Library { module: Symbol::intern(&m).as_str(), name: Symbol::intern(&n).as_str() }
                }
                "dtype" => match DType::from_name(&payload.extract::<String>()?) {
                    Some(d) => Frozen::ScalarType(d),
                    None => Frozen::Other("a dtype compiled code does not know".into()),
                },
                "array" => match values::freeze_array(&mut host, &payload)? {
                    Some(f) => f,
                    None => Frozen::Other("an array of a dtype compiled code does not take".into()),
                },
                _ => Frozen::Other(payload.extract::<String>().unwrap_or_else(|_| kind.clone())),
            };
            frozen.insert(Symbol::intern(&gname), value);
        }
        let options = FunctionOptions { parallel, boundscheck, vectorized, cuda, nogil };
        host.register(self.key, Registered { name, def, text: text.into(), file, first_line, globals: frozen, options });
        Ok(None)
    }

    /// Compiles for the types of `args` and caches the outcome. Returns `None` when compiled,
    /// or `(reason, file, line)` when the function must run as Python for these types; raises
    /// `TypingError` for a genuine typing error.
    fn _specialise(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>) -> PyResult<Option<(String, String, usize)>> {
        let types: Option<Vec<Type>> = args.iter().map(|a| values::type_of(&a)).collect();
        let Some(types) = types else {
            let kinds: Vec<String> = args.iter().map(|a| a.get_type().name().map(|n| n.to_string()).unwrap_or_default()).collect();
            let reason = format!("arguments of type ({}) are not compiled yet", kinds.join(", "));
            return Ok(Some((reason, String::new(), 0)));
        };
        Self::specialise_types(slf, types)
    }

    /// Compiles an eager signature such as `"f8(f8[:], i8)"`; returns its argument types and
    /// result type as rhumba writes them, or raises as `_specialise` does.
    fn _compile_signature(slf: &Bound<'_, Self>, signature: &str) -> PyResult<(Vec<String>, Option<String>, Option<(String, String, usize)>)> {
        let parsed = rhumba_compiler::parse_signature(signature).map_err(|m| PyTypeError::new_err(format!("bad signature {signature:?}: {m}")))?;
        let args: Vec<String> = parsed.args.iter().map(|t| t.to_string()).collect();
        let ret = parsed.ret.as_ref().map(|t| t.to_string());
        let fallback = Self::specialise_types(slf, parsed.args)?;
        Ok((args, ret, fallback))
    }

    /// The entry point's address of the specialisation for `signature` (compiled now if need
    /// be, and optimised at once where the optimising tier is built in: ufunc loops are called
    /// through it directly, for as long as the process lives), with its result type.
    fn _entry_address(slf: &Bound<'_, Self>, signature: &str) -> PyResult<(usize, String)> {
        let parsed = rhumba_compiler::parse_signature(signature).map_err(|m| PyTypeError::new_err(format!("bad signature {signature:?}: {m}")))?;
        if let Some((reason, file, line)) = Self::specialise_types(slf, parsed.args.clone())? {
            return Err(PyTypeError::new_err(format!("rhumba cannot compile this for {signature}: {reason} ({file}:{line})")));
        }
        let specs = slf.get().specs.read().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?;
        let Some(Target::Compiled(c)) = specs.iter().find(|s| s.types == parsed.args).map(|s| &s.target) else {
            return Err(PyRuntimeError::new_err("rhumba: the specialisation vanished"));
        };
        if c.timed.swap(false, Ordering::AcqRel) {
            tier_up(c);
        }
        Ok((c.entry.load(Ordering::Acquire), c.ret.to_string()))
    }

    /// Runs this `@cuda.jit` kernel over a grid on the CPU simulator (compiled once per argument
    /// types), without the GIL. Arrays are the caller's numpy arrays, written in place.
    fn _launch_simulated(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, grid: (u32, u32, u32), block: (u32, u32, u32)) -> PyResult<()> {
        let py = slf.py();
        let this = slf.get();
        let types: Vec<Type> = args
            .iter()
            .enumerate()
            .map(|(k, a)| values::type_of(&a).ok_or_else(|| PyTypeError::new_err(format!("kernel argument {} has a type kernels cannot take ({})", k + 1, a.get_type().name().map(|n| n.to_string()).unwrap_or_default()))))
            .collect::<PyResult<_>>()?;
        let found = this.kernels.read().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?.iter().find(|k| k.0 == types).map(|k| (k.1, k.2, k.3.clone()));
        let (entry, synchronises, written) = match found {
            Some(k) => k,
            None => {
                let outcome = host::host().map_err(PyRuntimeError::new_err)?.kernel(this.key, &types);
                let (entry, synchronises, written) = match outcome {
                    Ok(k) => k,
                    Err(SpecialiseError::Typing { message, file, line, function }) => return Err(typing_error(py, message, file, line, function)),
                    Err(SpecialiseError::NotCompiled { message, file, line }) => {
                        return Err(typing_error(py, format!("the CUDA kernel cannot be compiled: {message}"), file, line, String::new()))
                    }
                    Err(SpecialiseError::Internal(m)) => return Err(PyRuntimeError::new_err(format!("rhumba: {m}"))),
                };
                this.kernels.write().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?.push((types, entry as usize, synchronises, written.clone()));
                (entry as usize, synchronises, written)
            }
        };
        let mut m = values::Marshalled::default();
        values::marshal_arguments(args, &mut m, &written)?;
        // SAFETY: the address is the Cranelift entry of this kernel's specialisation for these
        // argument types; compiled code is never freed.
        let entry = unsafe { std::mem::transmute::<usize, EntryFn>(entry) };
        let shape = rhumba_runtime::cuda::simulator::LaunchShape { grid: [grid.0, grid.1, grid.2], block: [block.0, block.1, block.2] };
        let slots = SlotsForLaunch(m.slots.as_ptr(), m.slots.len());
        let outcome = py.detach(move || {
            let s = slots;
            // SAFETY: the slots (and the descriptors they point at) live in `m`, which outlives
            // this closure; the arrays are held by `args` for the whole launch.
            let slots = unsafe { std::slice::from_raw_parts(s.0, s.1) };
            rhumba_runtime::cuda::simulator::launch(&rhumba_runtime::cuda::simulator::Kernel { entry, slots, synchronises }, shape)
        });
        drop(abi::take_arena());
        match outcome {
            Ok(()) => Ok(()),
            Err(e) if e.code == abi::ERR_INTERRUPTED => Err(interrupted(py)),
            Err(e) => Err(kernel_error(py, this.key, &e)),
        }
    }

    /// For each compiled specialisation: (calls so far, whether calls release the GIL now,
    /// whether a sampled call ran long) — what the GIL heuristic decided, for tests.
    fn _gil_state(&self) -> PyResult<Vec<(u64, bool, bool)>> {
        let specs = self.specs.read().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?;
        Ok(specs
            .iter()
            .filter_map(|s| match &s.target {
                Target::Compiled(c) => Some((c.calls.load(Ordering::Relaxed), c.always_release || c.release_gil.load(Ordering::Relaxed), c.any_long())),
                Target::Python => None,
            })
            .collect())
    }

    /// The argument types of every specialisation so far, as rhumba writes them.
    fn _signatures(&self) -> PyResult<Vec<Vec<String>>> {
        let specs = self.specs.read().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?;
        Ok(specs.iter().filter(|s| matches!(s.target, Target::Compiled(_))).map(|s| s.types.iter().map(|t| t.to_string()).collect()).collect())
    }

    /// The typed IR of every compiled specialisation, as `rhumba inspect --emit tir` prints it.
    fn _tir(&self) -> PyResult<String> {
        let host = host::host().map_err(PyRuntimeError::new_err)?;
        let specs = self.specs.read().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?;
        let mut out = String::new();
        for s in specs.iter() {
            if let Target::Compiled(c) = &s.target {
                if let Some(Some(f)) = host.dispatcher.unit.functions.get(c.index) {
                    out.push_str(&rhumba_compiler::tir::print_function(f));
                }
            }
        }
        Ok(out)
    }
}

impl Dispatcher {
    fn specialise_types(slf: &Bound<'_, Self>, types: Vec<Type>) -> PyResult<Option<(String, String, usize)>> {
        let py = slf.py();
        let this = slf.get();
        let outcome = host::host().map_err(PyRuntimeError::new_err)?.specialise(this.key, &types);
        let target = match outcome {
            Ok(c) => {
                let result_slots = rhumba_compiler::backend::cranelift::flatten(&c.ret).len().max(1);
                let (timed, always_release) = {
                    let host = host::host().map_err(PyRuntimeError::new_err)?;
                    let parallel = host.functions.get(&this.key).is_some_and(|f| f.options.parallel);
                    (cfg!(feature = "llvm") && host.dispatcher.timing_needed(c.index), parallel || host.functions.get(&this.key).is_some_and(|f| f.options.nogil))
                };
                Target::Compiled(CompiledTarget {
                    index: c.index,
                    entry: AtomicUsize::new(c.entry as usize),
                    returns_arrays: values::holds_arrays(&c.ret),
                    ret: c.ret,
                    written: c.written,
                    result_slots,
                    nanos: AtomicU64::new(0),
                    calls: AtomicU64::new(0),
                    timed: AtomicBool::new(timed),
                    release_gil: AtomicBool::new(true),
                    always_release,
                    long_seen: AtomicBool::new(false),
                })
            }
            Err(SpecialiseError::Typing { message, file, line, function }) => return Err(typing_error(py, message, file, line, function)),
            Err(SpecialiseError::NotCompiled { message, file, line }) => {
                this.specs.write().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?.push(Arc::new(Spec { types, target: Target::Python }));
                return Ok(Some((message, file, line)));
            }
            Err(SpecialiseError::Internal(message)) => return Err(PyRuntimeError::new_err(format!("rhumba: {message}"))),
        };
        this.specs.write().map_err(|_| PyRuntimeError::new_err("poisoned cache"))?.push(Arc::new(Spec { types, target }));
        Ok(None)
    }
}

/// A launch's argument slots, handed to the simulator without the GIL.
struct SlotsForLaunch(*const u64, usize);

// SAFETY: the slots live in the launching call's frame, which waits for the launch to finish.
unsafe impl Send for SlotsForLaunch {}


/// What a call needs besides its arguments, kept per thread between calls so that a call
/// allocates nothing once warm (a 300-byte error slot and three vectors).
struct Scratch {
    marshalled: values::Marshalled,
    results: Vec<u64>,
    error: ErrorSlot,
}

thread_local! {
    /// This thread's scratch, taken for the length of a call (a nested call makes its own).
    static SCRATCH: std::cell::Cell<Option<Box<Scratch>>> = const { std::cell::Cell::new(None) };
}

fn call_compiled(py: Python<'_>, key: usize, c: &CompiledTarget, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
    // A Ctrl-C pressed while no compiled code ran was handled by Python already. (With several
    // threads in compiled code at once, this may withdraw another call's request; that call's
    // KeyboardInterrupt then comes from Python's handler when it returns.)
    if abi::interrupt_pending() {
        abi::clear_interrupt();
    }
    let mut scratch = SCRATCH.with(|s| s.take()).unwrap_or_else(|| Box::new(Scratch { marshalled: Default::default(), results: Vec::new(), error: ErrorSlot::default() }));
    let outcome = call_with(py, key, c, args, &mut scratch);
    // The scratch keeps its capacity, not the call's arrays (a large array the caller has
    // dropped must not stay alive until the next call).
    scratch.marshalled.clear();
    SCRATCH.with(|s| s.set(Some(scratch)));
    outcome
}

fn call_with(py: Python<'_>, key: usize, c: &CompiledTarget, args: &Bound<'_, PyTuple>, scratch: &mut Scratch) -> PyResult<Py<PyAny>> {
    let m = &mut scratch.marshalled;
    values::marshal_arguments(args, m, &c.written)?;
    scratch.results.clear();
    scratch.results.resize(c.result_slots, 0);
    // Only the code and the trace length need resetting for a fresh slot.
    scratch.error.code = abi::ERR_NONE;
    scratch.error.trace_len = 0;
    // The first calls are all timed, later ones one in TIME_EVERY: for the optimising tier (while
    // it has not taken the function) and for the GIL decision (always).
    let n = c.calls.fetch_add(1, Ordering::Relaxed) + 1;
    let weight = match n {
        n if n <= TIMED_CALLS => 1,
        n if n % TIME_EVERY == 0 => TIME_EVERY,
        _ => 0,
    };
    let release = c.always_release || m.large || c.release_gil.load(Ordering::Relaxed);
    // SAFETY: the address is an `EntryFn` compiled for these argument types (Cranelift's, or
    // the optimising tier's entry of the same specialisation); compiled code is never freed.
    let entry = unsafe { std::mem::transmute::<usize, EntryFn>(c.entry.load(Ordering::Acquire)) };
    let (slots, results, error) = (m.slots.as_ptr(), scratch.results.as_mut_ptr(), &mut scratch.error as *mut ErrorSlot);
    let started = (weight > 0).then(std::time::Instant::now);
    // The GIL is released around the call with the C API directly (PyO3's `detach` also
    // saves and restores its own per-thread state, which costs as much again): nothing between
    // the two calls touches Python.
    // SAFETY: this thread holds the GIL (we are in a Python call); it gets it back before any
    // Python object is used again. `entry` reads one slot per flattened argument (marshalled
    // above for exactly the types it was compiled for) and writes at most `result_slots`
    // results; every descriptor addresses a numpy array held by `args` for the whole call,
    // writable where the code may write (checked in `marshal`); compiled code checks indices
    // against the descriptors' shapes unless `boundscheck=False` said not to, as in Numba.
    unsafe {
        if release {
            let saved = pyo3::ffi::PyEval_SaveThread();
            entry(slots, results, error);
            pyo3::ffi::PyEval_RestoreThread(saved);
        } else {
            entry(slots, results, error);
        }
    }
    if let Some(started) = started {
        let elapsed = started.elapsed().as_nanos() as u64;
        // The first call of new code is slow for reasons of its own (cold caches, page
        // faults): it does not count as long.
        if elapsed >= GIL_AFTER_NANOS && n > 1 {
            c.long_seen.store(true, Ordering::Relaxed);
            c.release_gil.store(true, Ordering::Relaxed);
        } else if n == TIMED_CALLS && !c.any_long() {
            // Every first call was short: later calls keep the GIL (until a sampled one is long).
            c.release_gil.store(false, Ordering::Relaxed);
        }
        if c.timed.load(Ordering::Relaxed) {
            let took = elapsed * weight;
            let total = c.nanos.fetch_add(took, Ordering::Relaxed).saturating_add(took);
            if total >= OPTIMISE_AFTER_NANOS && c.timed.swap(false, Ordering::AcqRel) {
                tier_up(c);
            }
        }
    }
    // What the kernel allocated, on this thread's arena (`detach` ran it on this thread): taken
    // after every call, so that temporaries are freed now.
    let arena = abi::take_arena();
    let reflect = !m.lists.is_empty() || !m.dicts.is_empty();
    if scratch.error.code != abi::ERR_NONE {
        // Argument lists and dicts get the kernel's changes back whether or not it raised.
        if reflect {
            values::finish_call(py, None, m, args, arena)?;
        }
        if scratch.error.code == abi::ERR_INTERRUPTED {
            abi::clear_interrupt();
            return Err(interrupted(py));
        }
        return Err(kernel_error(py, key, &scratch.error));
    }
    let mut it = scratch.results.iter().copied();
    if !c.returns_arrays && !reflect {
        return values::scalars_to_python(py, &c.ret, &mut it);
    }
    values::unmarshal(py, &c.ret, &mut it, m, args, arena)
}

/// A `TypingError` pointing at the user's file and line (made by `rhumba._errors`, which adds
/// the source line and a traceback entry there).
fn typing_error(py: Python<'_>, message: String, file: String, line: usize, function: String) -> PyErr {
    match py.import("rhumba._errors").and_then(|m| m.call_method1("typing_error", (message, file, line, function))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// Hands a specialisation that has run long to the optimising tier (synchronously, as under
/// `rhumba run`) and points its later calls at the new code.
pub(crate) fn tier_up(c: &CompiledTarget) {
    if let Ok(mut host) = host::host() {
        host.dispatcher.note_run_time(c.index, std::time::Duration::MAX);
        if let Some(entry) = host.dispatcher.optimised_entry(c.index) {
            c.entry.store(entry as usize, Ordering::Release);
        }
    }
}

/// The Python exception for a kernel's error slot, with a traceback entry at each compiled
/// function's file and line (outermost first).
fn kernel_error(py: Python<'_>, key: usize, e: &ErrorSlot) -> PyErr {
    let (exception, message) = abi::describe_error(e.code, e.index, e.axis, e.bound);
    let frames: Vec<(String, usize, String)> = match host::host() {
        Ok(host) => {
            let mut inner_first = vec![(e.function, e.source_offset as i64)];
            inner_first.extend(e.trace.iter().take(e.trace_len.clamp(0, abi::MAX_TRACE as i64) as usize).map(|[f, o]| (*f, *o)));
            inner_first
                .into_iter()
                .rev()
                .map(|(function, offset)| {
                    let (registered, name) = host.function_of(function, key);
                    (registered.file.clone(), registered.line_of(offset.max(0) as usize), name)
                })
                .collect()
        }
        Err(_) => Vec::new(),
    };
    // A `raise` in the kernel: its arguments and its class's lineage (None: rhumba's own check).
    let (args, lineage): (Option<Vec<Py<PyAny>>>, Vec<String>) = match abi::raise_site(e.code) {
        Some(site) => {
            let args = abi::raised_args(&site, e.index, e.bound)
                .into_iter()
                .map(|a| -> PyResult<Py<PyAny>> {
                    Ok(match a {
                        abi::RaisedArg::Str(s) => s.into_pyobject(py)?.into_any().unbind(),
                        abi::RaisedArg::Int(i) => i.into_pyobject(py)?.into_any().unbind(),
                        abi::RaisedArg::Float(f) => f.into_pyobject(py)?.into_any().unbind(),
                        abi::RaisedArg::Bool(b) => pyo3::types::PyBool::new(py, b).to_owned().into_any().unbind(),
                    })
                })
                .collect::<PyResult<Vec<_>>>();
            match args {
                Ok(args) => (Some(args), site.lineage.clone()),
                Err(err) => return err,
            }
        }
        // Numba raises these without arguments.
        None if matches!(e.code, abi::ERR_UNPACK_TOO_MANY | abi::ERR_UNPACK_TOO_FEW) => (Some(vec![]), vec![]),
        None => (None, vec![]),
    };
    match py.import("rhumba._errors").and_then(|m| m.call_method1("kernel_error", (exception, message, frames, args, lineage))) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// The exception for a Ctrl-C that stopped compiled code: Python's own SIGINT handler runs now
/// (it raises KeyboardInterrupt, or whatever the program installed), else KeyboardInterrupt.
fn interrupted(py: Python<'_>) -> PyErr {
    // SAFETY: called with the GIL held; `PyErr_CheckSignals` runs pending Python signal handlers
    // (on the main thread) and reports their exception.
    if unsafe { pyo3::ffi::PyErr_CheckSignals() } != 0 {
        if let Some(e) = PyErr::take(py) {
            return e;
        }
    }
    pyo3::exceptions::PyKeyboardInterrupt::new_err(())
}

/// The SIGINT action that was in place before ours (Python's), called after ours.
static mut PREVIOUS_SIGINT: std::mem::MaybeUninit<libc::sigaction> = std::mem::MaybeUninit::uninit();

/// Ahead of Python's SIGINT handler: asks running compiled code to stop (it polls in loops),
/// then hands the signal to Python's handler, which records it for the interpreter.
extern "C" fn on_sigint(signal: libc::c_int, info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    abi::request_interrupt();
    // SAFETY: `PREVIOUS_SIGINT` was written before this handler was installed and is never
    // written again; the previous handler is called as the kind it was installed as.
    unsafe {
        let previous = &*std::ptr::addr_of!(PREVIOUS_SIGINT).cast::<libc::sigaction>();
        let action = previous.sa_sigaction;
        if action == libc::SIG_DFL {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::raise(libc::SIGINT);
        } else if action == libc::SIG_IGN {
        } else if previous.sa_flags & libc::SA_SIGINFO != 0 {
            let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) = std::mem::transmute(action);
            f(signal, info, context);
        } else {
            let f: extern "C" fn(libc::c_int) = std::mem::transmute(action);
            f(signal);
        }
    }
}

/// Puts [`on_sigint`] in front of the current SIGINT handler (once per process). A program that
/// later installs its own handler with `signal.signal` replaces it: Ctrl-C then waits for the
/// compiled call to return.
fn install_sigint_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: plain sigaction calls with zero-initialised, then filled, C structs; the
        // previous action is saved before the new one is installed, so the handler never reads
        // it uninitialised.
        unsafe {
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGINT, std::ptr::null(), &mut previous) != 0 {
                return;
            }
            std::ptr::addr_of_mut!(PREVIOUS_SIGINT).write(std::mem::MaybeUninit::new(previous));
            let mut ours: libc::sigaction = std::mem::zeroed();
            ours.sa_sigaction = on_sigint as *const () as usize;
            ours.sa_flags = libc::SA_SIGINFO | (previous.sa_flags & libc::SA_RESTART);
            libc::sigemptyset(&mut ours.sa_mask);
            libc::sigaction(libc::SIGINT, &ours, std::ptr::null_mut());
        }
    });
}

/// `numba.set_num_threads`: the thread count of later `prange` loops.
#[pyfunction]
fn set_num_threads(n: usize) -> PyResult<()> {
    if n == 0 {
        return Err(PyValueError::new_err("The number of threads must be between 1 and the number of cores"));
    }
    rhumba::apply_thread_setting();
    rhumba_runtime::parallel::set_num_threads(n);
    Ok(())
}

/// `numba.get_num_threads`.
#[pyfunction]
fn get_num_threads() -> usize {
    rhumba::apply_thread_setting();
    rhumba_runtime::parallel::num_threads()
}

/// Called in a child process after `fork`: the parent's worker threads do not exist here, so
/// the next parallel loop starts a new pool.
#[pyfunction]
fn _after_fork_in_child() {
    rhumba_runtime::worker_pool::WorkerPool::forget_after_fork();
}

/// The type rhumba gives a value, as it writes types (`float64`, `float64[:, :]`), or `None`
/// for values compiled code does not take.
#[pyfunction]
#[pyo3(name = "typeof")]
fn type_name_of(value: &Bound<'_, PyAny>) -> Option<String> {
    values::type_of(value).map(|t| t.to_string())
}

/// Installs the SIGINT handler that stops compiled loops (the package calls it at import, after
/// Python has installed its own).
#[pyfunction]
fn _install_interrupt_handler() {
    install_sigint_handler();
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_install_interrupt_handler, m)?)?;
    m.add_class::<Dispatcher>()?;
    m.add_class::<values::OwnedBuffer>()?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(_after_fork_in_child, m)?)?;
    m.add_function(wrap_pyfunction!(type_name_of, m)?)?;
    m.add_function(wrap_pyfunction!(ufunc::make_ufunc, m)?)?;
    m.add("OPTIMISING_TIER", cfg!(feature = "llvm"))?;
    Ok(())
}
