//! The CPython host's compiler state: the functions the `rhumba` package registered (their
//! source, the globals frozen at their first compile, their options), the dispatcher every host
//! shares, and the checker's view of each function's module-level names.
//!
//! One `Host` serves the whole process, behind a mutex that is only taken with the GIL held:
//! compiling is serial, as in Numba, while compiled code runs without either.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};

use rhumba::dispatch::{Dispatcher, HostSettings};
use rhumba_compiler::check::{CheckError, Environment, Global};
use rhumba_compiler::tir::FuncIndex;
use rhumba_compiler::Type;
use rhumba_grammar::ast::FunctionDef;
use rhumba_grammar::Symbol;
use rhumba_runtime::abi::{ArrayDesc, EntryFn};
use rhumba_runtime::array::Buffer;
use rhumba_runtime::DType;

/// What a module-level name read by a registered function meant when it was frozen.
#[derive(Clone, Debug)]
pub enum Frozen {
    Int(i64),
    Float(f64),
    Bool(bool),
    /// `numpy`, `numpy.random`, `math`, `numba`, `numba.cuda`.
    Module(&'static str),
    /// Another registered function, by key.
    Function(usize),
    /// `prange` and the Python builtins compiled code knows.
    Builtin(&'static str),
    /// A function imported by name from `math` or `numpy`.
    Library { module: &'static str, name: &'static str },
    /// `np.float32` and friends, usable as conversions.
    ScalarType(DType),
    /// A copy of a module-level array (Numba freezes global arrays into the code).
    Array { desc: usize, dtype: DType, ndim: usize },
    /// An exception class of the program's own: its name and its bases' names.
    ExceptionClass { name: String, lineage: Vec<String> },
    /// Anything else, described for the message that sends the function back to Python.
    Other(String),
}

/// How a registered function is compiled.
#[derive(Clone, Copy, Debug, Default)]
pub struct FunctionOptions {
    pub parallel: bool,
    pub boundscheck: Option<bool>,
    /// A `@vectorize` scalar kernel: compiled code calls it elementwise.
    pub vectorized: bool,
    /// A `@cuda.jit` kernel or device function.
    pub cuda: bool,
    /// `nogil=True`: every call releases the GIL (otherwise only calls that may be long).
    pub nogil: bool,
}

/// A function the package registered: its definition and where its source came from.
pub struct Registered {
    pub name: String,
    pub def: Rc<FunctionDef>,
    /// The source text the definition's spans index (the function alone, dedented).
    pub text: Arc<str>,
    pub file: String,
    /// The line of `file` where `text` starts.
    pub first_line: usize,
    pub globals: HashMap<Symbol, Frozen>,
    pub options: FunctionOptions,
}

impl Registered {
    /// The line of the user's file a span offset falls on.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.first_line + self.text[..offset].matches('\n').count()
    }
}

/// The process's compiler: the shared dispatcher and every registered function.
pub struct Host {
    pub dispatcher: Dispatcher,
    pub functions: HashMap<usize, Registered>,
    /// Copies of frozen global arrays, with their descriptors (alive as long as the code).
    frozen_arrays: Vec<(Buffer, Box<ArrayDesc>)>,
    /// `NUMBA_BOUNDSCHECK`: forces bounds checks on or off in every function.
    pub bounds_override: Option<bool>,
}

/// The host behind its mutex.
pub struct HostCell(pub Host);

// SAFETY: the host holds `Rc`s (definitions, cached check errors) and the JIT's code memory.
// It is only ever reached through `HOST`'s mutex, and no `Rc` it holds is handed out of a lock
// guard's scope (callers copy out entry points, types and strings), so no two threads ever
// touch the same reference count at once.
unsafe impl Send for HostCell {}

static HOST: Mutex<Option<HostCell>> = Mutex::new(None);

/// The process's host, started on first use.
pub fn host() -> Result<HostGuard, String> {
    let mut guard = HOST.lock().unwrap_or_else(|p| p.into_inner());
    if guard.is_none() {
        rhumba::apply_thread_setting();
        let settings = HostSettings::from_env();
        let bounds_override = match std::env::var("NUMBA_BOUNDSCHECK").ok().as_deref().map(str::trim) {
            Some("1") => Some(true),
            Some("0") => Some(false),
            _ => None,
        };
        let dispatcher = Dispatcher::new(settings)?;
        *guard = Some(HostCell(Host { dispatcher, functions: HashMap::new(), frozen_arrays: Vec::new(), bounds_override }));
    }
    Ok(HostGuard(guard))
}

/// A locked host.
pub struct HostGuard(MutexGuard<'static, Option<HostCell>>);

impl std::ops::Deref for HostGuard {
    type Target = Host;
    fn deref(&self) -> &Host {
        // `host()` fills the option before it hands out a guard.
        &self.0.as_ref().expect("host is started").0
    }
}

impl std::ops::DerefMut for HostGuard {
    fn deref_mut(&mut self) -> &mut Host {
        &mut self.0.as_mut().expect("host is started").0
    }
}

/// Why a specialisation could not be made.
pub enum SpecialiseError {
    /// A typing error Numba would raise too, with the file and line it points at.
    Typing { message: String, file: String, line: usize, function: String },
    /// A construct rhumba does not compile yet: the function runs as Python.
    NotCompiled { message: String, file: String, line: usize },
    /// The host itself failed (code generation).
    Internal(String),
}

/// One compiled specialisation, as the caller needs it.
pub struct Compiled {
    pub index: FuncIndex,
    pub entry: EntryFn,
    pub ret: Type,
    /// Which parameters compiled code may write through.
    pub written: Vec<bool>,
}

impl Host {
    /// Registers (or replaces) function `key`.
    pub fn register(&mut self, key: usize, function: Registered) {
        self.functions.insert(key, function);
    }

    /// Copies a global array into memory the compiled code may keep reading, and returns its
    /// descriptor's address.
    pub fn freeze_array(&mut self, dtype: DType, shape: &[usize], read: impl Fn(&mut [u8])) -> usize {
        let count: usize = shape.iter().product();
        let item = dtype.size();
        let buffer = Buffer::zeroed(count * item);
        // SAFETY: the buffer was just allocated with `count * item` bytes and nothing else
        // refers to it yet.
        let bytes = unsafe { std::slice::from_raw_parts_mut(buffer.as_ptr(), count * item) };
        read(bytes);
        let mut desc = Box::new(ArrayDesc { data: buffer.as_ptr(), ndim: shape.len() as i64, shape: [0; rhumba_runtime::abi::MAX_DIMS], strides: [0; rhumba_runtime::abi::MAX_DIMS] });
        let mut stride = item as i64;
        for k in (0..shape.len()).rev() {
            desc.shape[k] = shape[k] as i64;
            desc.strides[k] = stride;
            stride *= shape[k] as i64;
        }
        let address = &*desc as *const ArrayDesc as usize;
        self.frozen_arrays.push((buffer, desc));
        address
    }

    /// Checks and compiles function `key` for `types` (once; later calls find the cache).
    pub fn specialise(&mut self, key: usize, types: &[Type]) -> Result<Compiled, SpecialiseError> {
        let index = self.check(key, types)?;
        let entry = self.dispatcher.entry(index).map_err(|e| SpecialiseError::Internal(format!("code generation failed: {e}")))?;
        let Some(Some(func)) = self.dispatcher.unit.functions.get(index) else {
            return Err(SpecialiseError::Internal("the compiled function vanished".into()));
        };
        let written = rhumba_compiler::tir::written_parameters(func, &self.dispatcher.unit.functions);
        Ok(Compiled { index, entry, ret: func.ret.clone(), written })
    }

    /// A `@cuda.jit` kernel for `types`, compiled for the CPU simulator (Cranelift, never the
    /// host's optimising tier): its entry, whether it synchronises its blocks' threads, and which
    /// parameters it writes.
    pub fn kernel(&mut self, key: usize, types: &[Type]) -> Result<(EntryFn, bool, Vec<bool>), SpecialiseError> {
        let index = self.check(key, types)?;
        let entry = self.dispatcher.cranelift_entry(index).map_err(|e| SpecialiseError::Internal(format!("code generation failed: {e}")))?;
        let functions = &self.dispatcher.unit.functions;
        let Some(Some(func)) = functions.get(index) else {
            return Err(SpecialiseError::Internal("the compiled kernel vanished".into()));
        };
        if func.ret != Type::None {
            let f = &self.functions[&key];
            return Err(SpecialiseError::Typing {
                message: format!("the CUDA kernel {}() returns {}; kernels cannot return a value", f.name, func.ret),
                file: f.file.clone(),
                line: f.first_line,
                function: f.name.clone(),
            });
        }
        let synchronises = rhumba_compiler::tir::synchronises(functions, index);
        Ok((entry, synchronises, rhumba_compiler::tir::written_parameters(func, functions)))
    }

    /// The specialisation's index, checked once (warnings printed at the user's line).
    fn check(&mut self, key: usize, types: &[Type]) -> Result<FuncIndex, SpecialiseError> {
        let Some(f) = self.functions.get(&key) else {
            return Err(SpecialiseError::Internal(format!("function #{key} is not registered")));
        };
        let def = f.def.clone();
        let env = Names { functions: &self.functions, bounds_override: self.bounds_override };
        let outcome = self.dispatcher.specialise(&env, key, &def, types);
        let warnings = std::mem::take(&mut self.dispatcher.unit.warnings);
        let f = &self.functions[&key];
        for (span, message) in warnings {
            eprintln!("rhumba: warning: {message} ({}:{})", f.file, f.line_of(span.start as usize));
        }
        outcome.map_err(|e| self.describe(key, &e))
    }

    fn describe(&self, key: usize, e: &Rc<CheckError>) -> SpecialiseError {
        let f = &self.functions[&key];
        let line = f.line_of(e.span.start as usize);
        let mut message = e.message.clone();
        if let Some((span, label)) = &e.secondary {
            message.push_str(&format!(" ({label}, line {})", f.line_of(span.start as usize)));
        }
        if e.is_type_error {
            SpecialiseError::Typing { message, file: f.file.clone(), line, function: f.name.clone() }
        } else {
            SpecialiseError::NotCompiled { message, file: f.file.clone(), line }
        }
    }

    /// The registered function a specialisation index was made from, for tracebacks; outlined
    /// loop bodies answer with the function whose source they came from (`fallback`).
    pub fn function_of(&self, index: i64, fallback: usize) -> (&Registered, String) {
        let unit = &self.dispatcher.unit;
        let key = usize::try_from(index).ok().and_then(|i| unit.key_of(i)).unwrap_or(fallback);
        let registered = self.functions.get(&key).or_else(|| self.functions.get(&fallback)).expect("the called function is registered");
        let name = usize::try_from(index)
            .ok()
            .and_then(|i| unit.functions.get(i))
            .and_then(|f| f.as_ref())
            .map(|f| f.name.split('(').next().unwrap_or("kernel").trim().to_string())
            .unwrap_or_else(|| registered.name.clone());
        (registered, name)
    }
}

/// The checker's view of the registered functions' frozen globals.
struct Names<'h> {
    functions: &'h HashMap<usize, Registered>,
    bounds_override: Option<bool>,
}

/// The builtins compiled code understands; any other builtin is described as such.
const BUILTINS: [&str; 18] = ["range", "prange", "len", "min", "max", "abs", "int", "float", "complex", "bool", "round", "enumerate", "zip", "sum", "sorted", "ord", "chr", "str"];

impl Environment for Names<'_> {
    fn global(&self, key: usize, name: Symbol) -> Option<Global> {
        let f = self.functions.get(&key)?;
        let Some(frozen) = f.globals.get(&name) else {
            return BUILTINS.iter().find(|b| **b == name.as_str()).map(|b| Global::Builtin(b));
        };
        Some(match frozen {
            Frozen::Int(v) => Global::Int(*v),
            Frozen::Float(v) => Global::Float(*v),
            Frozen::Bool(v) => Global::Bool(*v),
            Frozen::Module(m) => Global::Module(m),
            Frozen::Function(k) => match self.functions.get(k) {
                Some(g) if g.options.vectorized => Global::Vectorized { key: *k, def: g.def.clone() },
                Some(g) => Global::Function { key: *k, def: g.def.clone() },
                None => Global::Other("a rhumba function that is not registered".into()),
            },
            Frozen::Builtin(b) => Global::Builtin(b),
            Frozen::Library { module, name } => Global::Library { module, name },
            Frozen::ScalarType(d) => Global::ScalarType(*d),
            Frozen::Array { desc, dtype, ndim } => Global::Array { desc: *desc, dtype: *dtype, ndim: *ndim },
            Frozen::ExceptionClass { name, lineage } => Global::ExceptionClass { name: name.clone(), lineage: lineage.clone() },
            Frozen::Other(what) => Global::Other(what.clone()),
        })
    }

    fn bounds_check(&self, key: usize) -> bool {
        if let Some(forced) = self.bounds_override {
            return forced;
        }
        self.functions.get(&key).is_none_or(|f| f.options.boundscheck != Some(false))
    }

    fn function(&self, key: usize) -> Option<Rc<FunctionDef>> {
        self.functions.get(&key).map(|f| f.def.clone())
    }

    fn parallel(&self, key: usize) -> bool {
        self.functions.get(&key).is_some_and(|f| f.options.parallel)
    }

    fn cuda(&self, key: usize) -> bool {
        self.functions.get(&key).is_some_and(|f| f.options.cuda)
    }
}
