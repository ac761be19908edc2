//! The host interpreter: runs module-level code and, in `--no-jit` mode, every function, as Numba
//! does with `NUMBA_DISABLE_JIT=1`. It is the reference answer that every backend is compared with.
//!
//! The pipeline is `parse` (grammar crate) then [`Interpreter::run_module`]. Names are resolved per
//! function into slot tables when a `def` runs, so a local variable read is a short scan of
//! interned symbols rather than a hash lookup.

mod builtins;
mod classes;
mod complex;
mod dict;
mod cuda;
mod eval;
mod exceptions;
pub mod format;
mod gufunc;
mod jit;
mod numba_api;
mod numpy;
mod numpy_prelude;
mod ops;
mod typed_containers;
mod value;

use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use rhumba_grammar::ast::Module;
use rhumba_grammar::Symbol;
use rhumba_runtime::random::Mt19937;

pub use jit::TierPolicy;
pub use value::{ErrorKind, Function, PyError, PyResult, Value};

/// Python's default recursion limit; beyond it a `RecursionError` beats a stack overflow.
const MAX_CALL_DEPTH: usize = 1000;

/// The attributes a REPL offers after `name.`: a module's functions and constants, or an
/// array's attributes and methods.
pub fn attribute_names(interp: &Interpreter, name: &str) -> Vec<String> {
    let names: &[&str] = match interp.globals.get(&Symbol::intern(name)) {
        Some(Value::Module(value::ModuleKind::Numpy)) => &[
            "array", "zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like", "arange", "linspace", "eye",
            "sqrt", "exp", "log", "sin", "cos", "tan", "tanh", "abs", "floor", "ceil", "sum", "prod", "max", "min", "mean",
            "std", "var", "argmax", "argmin", "cumsum", "dot", "allclose", "where", "sort", "random", "float64", "float32",
            "int64", "int32", "bool_", "pi", "e", "inf", "nan",
        ],
        Some(Value::Module(value::ModuleKind::Math)) => &[
            "sqrt", "exp", "log", "log10", "log2", "sin", "cos", "tan", "atan2", "tanh", "erf", "floor", "ceil", "fabs",
            "pow", "hypot", "isnan", "isinf", "pi", "e", "inf", "nan",
        ],
        Some(Value::Module(value::ModuleKind::Numba)) => &["njit", "jit", "prange", "vectorize", "guvectorize", "literal_unroll", "float64", "float32", "int64", "int32", "set_num_threads", "get_num_threads"],
        Some(Value::Array(_)) => &[
            "shape", "size", "ndim", "dtype", "T", "sum", "max", "min", "mean", "std", "argmax", "argmin", "copy", "reshape",
            "ravel", "astype", "fill", "tolist",
        ],
        _ => &[],
    };
    names.iter().map(|s| s.to_string()).collect()
}

/// Set by a Ctrl-C handler; interpreted loops check it and raise `KeyboardInterrupt`.
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// One activation of a user function: the values of its local slots.
struct Frame {
    function: Rc<Function>,
    values: Vec<Option<Value>>,
    /// The scalar types the checker gave this function's variables, for an interpreted `@jit`
    /// function under `--no-jit`: stores convert to them, as compiled code does where branches join.
    coerce: Option<Rc<jit::Coercions>>,
    /// Whether the function is one of the numpy prelude's, whose free names are the prelude's.
    in_prelude: bool,
}

/// The host interpreter: module-level state, the call stack, and the compilers it hands decorated functions to.
pub struct Interpreter {
    globals: HashMap<Symbol, Value>,
    builtins: HashMap<Symbol, Value>,
    frames: Vec<Frame>,
    rng: Mt19937,
    out: Box<dyn Write>,
    /// The CPU JIT, when decorated functions are to be compiled.
    /// Boxed: it is taken out and put back around every compiled call, and moving the struct
    /// itself (kilobytes) was half the cost of a call.
    jit: Option<Box<jit::Jit>>,
    /// Whether to say on standard error when a decorated function runs interpreted.
    jit_notes: bool,
    /// The script's name and text, for messages that cite a line.
    source: Option<(Rc<str>, Rc<str>)>,
    /// Synthesized loops of compiled `@vectorize` functions, by (function, operands, parallel).
    vectorize_loops: HashMap<(usize, usize, bool), Rc<Function>>,
    /// Bounds checking for every compiled function, over each decorator's `boundscheck=`; set
    /// by `NUMBA_BOUNDSCHECK` / `RHUMBA_BOUNDSCHECK` or the embedding API, as in Numba.
    bounds_check_override: Option<bool>,
    /// Where CUDA kernels run: the CPU simulator or a GPU.
    cuda_mode: cuda::CudaMode,
    /// Streams handed out so far, to number the next.
    cuda_streams: u64,
    /// The compiled kernels of the CUDA simulator (kept apart from `jit`, which `--no-jit`
    /// leaves off: kernels have no interpreted form).
    cuda_jit: Option<Box<jit::Jit>>,
    /// Synthesized elementwise kernels of CUDA ufuncs, by (function, operands, _).
    cuda_ufunc_kernels: HashMap<(usize, usize, bool), Rc<Function>>,
    /// Whether compiled code keeps its CLIF and assembly (for `inspect` and the REPL).
    keep_listings: bool,
    /// GPU launches whose error records are still to be read.
    #[cfg(feature = "gpu")]
    cuda_pending: Vec<cuda::PendingLaunch>,
    /// For `--no-jit`: each `@jit` function's definition with its SSA names and the types the
    /// checker gave them, by (function, argument types); `None` where the checker gave up.
    typed_variants: HashMap<(usize, Vec<rhumba_compiler::Type>), Option<Rc<jit::TypedVariant>>>,
    /// Whether `out` holds output written since it was last flushed.
    out_pending: bool,
    /// Functions of the compiler's numpy prelude, made into `@jit` functions when first used.
    prelude_functions: HashMap<String, Rc<Function>>,
    /// The exceptions whose `except` handlers are running, innermost last (for a bare `raise`).
    handling: Vec<PyError>,
}

impl Interpreter {
    /// An interpreter whose `print` writes to `out`.
    pub fn new(out: Box<dyn Write>) -> Interpreter {
        Interpreter {
            // A script run as a program is `__main__`, as under `python3 script.py`; the
            // embedding API renames its module (`Engine` loads a script as a library).
            globals: HashMap::from([(Symbol::intern("__name__"), Value::str("__main__"))]),
            builtins: builtins::table(),
            frames: Vec::new(),
            rng: Mt19937::default(),
            out,
            jit: None,
            bounds_check_override: None,
            jit_notes: true,
            source: None,
            vectorize_loops: HashMap::new(),
            cuda_mode: cuda::CudaMode::from_environment(),
            cuda_streams: 0,
            cuda_jit: None,
            cuda_ufunc_kernels: HashMap::new(),
            keep_listings: false,
            #[cfg(feature = "gpu")]
            cuda_pending: Vec::new(),
            typed_variants: HashMap::new(),
            out_pending: false,
            prelude_functions: HashMap::new(),
            handling: Vec::new(),
        }
    }

    /// Writes program output (what `print` writes).
    pub(super) fn write_text(&mut self, text: &str) -> PyResult<()> {
        self.take_compiled_output()?;
        self.out_pending = true;
        self.out.write_all(text.as_bytes()).map_err(|e| PyError::new(ErrorKind::RuntimeError, format!("cannot write output: {e}")))
    }

    /// Writes what compiled `print` calls on this thread printed (kept by the runtime unless
    /// it prints straight to standard output), in order before anything printed after them.
    pub(super) fn take_compiled_output(&mut self) -> PyResult<()> {
        let printed = rhumba_runtime::print::take_printed();
        if printed.is_empty() {
            return Ok(());
        }
        self.out_pending = true;
        self.out.write_all(printed.as_bytes()).map_err(|e| PyError::new(ErrorKind::RuntimeError, format!("cannot write output: {e}")))
    }

    /// Flushes what the program printed before native code runs: should that code die (a
    /// fault no check foresaw), the output so far has reached its destination. Costs nothing
    /// between calls that print nothing.
    fn flush_before_native_code(&mut self) {
        if std::mem::take(&mut self.out_pending) {
            let _ = self.out.flush();
        }
    }

    /// Compiles `@jit` functions with the CPU backend from now on.
    /// Forces bounds checks on (`Some(true)`) or off (`Some(false)`) in every function compiled
    /// from now on, whatever its decorator says; `None` follows the decorators.
    pub fn set_bounds_check_override(&mut self, on: Option<bool>) {
        self.bounds_check_override = on;
    }

    /// Compiles `@jit` functions with the CPU backend from now on (and reads `NUMBA_BOUNDSCHECK`).
    pub fn enable_jit(&mut self) -> Result<(), String> {
        self.jit = Some(Box::new(jit::Jit::new()?));
        // Numba's switch, under its own name or ours (ours wins); other values are ignored.
        for var in ["NUMBA_BOUNDSCHECK", "RHUMBA_BOUNDSCHECK"] {
            match std::env::var(var).as_deref() {
                Ok("0") => self.bounds_check_override = Some(false),
                Ok("1") => self.bounds_check_override = Some(true),
                _ => {}
            }
        }
        Ok(())
    }

    /// Sets when the optimising tier takes compiled functions over (after [`Interpreter::enable_jit`]).
    pub fn set_tier_policy(&mut self, policy: jit::TierPolicy) {
        if let Some(j) = self.jit.as_mut() {
            j.set_tier_policy(policy);
        }
    }

    /// Keeps the TIR, CLIF and assembly of compiled functions for [`Interpreter::listings`].
    pub fn keep_listings(&mut self) {
        self.keep_listings = true;
        if let Some(j) = self.jit.as_mut() {
            j.keep_listings();
        }
        if let Some(j) = self.cuda_jit.as_mut() {
            j.keep_listings();
        }
    }

    /// `(signature, TIR, CLIF, assembly)` of every compiled specialisation (of `name`, if given).
    /// CUDA kernels (compiled for the simulator) are listed after the CPU's functions.
    pub fn listings(&self, name: Option<&str>) -> Vec<(String, String, Option<String>, String, String)> {
        // A name bound to a function lists that definition's code only (not an earlier one's).
        if let Some(Value::Function(f)) = name.and_then(|n| self.globals.get(&Symbol::intern(n))) {
            let key = jit::function_key(f);
            let mut all = self.jit.as_ref().map(|j| j.listings_of(key)).unwrap_or_default();
            all.extend(self.cuda_jit.as_ref().map(|j| j.listings_of(key)).unwrap_or_default());
            return all;
        }
        let mut all = self.jit.as_ref().map(|j| j.listings(name)).unwrap_or_default();
        all.extend(self.cuda_jit.as_ref().map(|j| j.listings(name)).unwrap_or_default());
        all
    }

    /// `(signature, LLVM IR, PTX)` of every CUDA kernel specialised so far (of `name`, if
    /// given), compiled by the GPU backend; an entry is an error message when the kernel cannot
    /// be compiled for the GPU.
    #[cfg(feature = "llvm")]
    pub fn gpu_code(&self, name: Option<&str>) -> Vec<Result<(String, String, String), String>> {
        self.with_kernels(name, |unit, kernels| {
            kernels
                .into_iter()
                .map(|index| {
                    let signature = unit.functions[index].as_ref().map(|f| f.name.clone()).unwrap_or_default();
                    rhumba_compiler::backend::llvm::compile_kernel(unit, index)
                        .map(|k| (signature.clone(), k.llvm_ir, k.ptx))
                        .map_err(|e| format!("{signature}: {}", e.message))
                })
                .collect()
        })
    }

    /// Silences the note printed when a decorated function cannot be compiled.
    pub fn quiet_jit_notes(&mut self) {
        self.jit_notes = false;
    }

    /// Names the script being run, for messages that cite its lines.
    pub fn set_source(&mut self, name: &str, text: &str) {
        self.source = Some((Rc::from(name), Rc::from(text)));
    }

    /// Runs a parsed module's top-level statements. On error the exception carries a traceback
    /// whose outermost frame is `<module>`.
    pub fn run_module(&mut self, module: &Module) -> PyResult<()> {
        let result = self.exec_block(&module.body);
        // A GPU kernel that failed after the last wait still reports its error.
        #[cfg(feature = "gpu")]
        let result = result.and_then(|flow| self.check_pending_launches().map(|_| flow));
        let _ = self.take_compiled_output();
        let _ = self.out.flush();
        match result {
            Ok(_) => Ok(()),
            Err(mut e) => {
                let span = e.span.take().unwrap_or_default();
                e.frames.push(("<module>".to_string(), span));
                Err(e)
            }
        }
    }

    /// Runs statements as Python's interactive mode does: an expression statement's value, when
    /// not `None`, is printed as its repr.
    pub fn run_interactive(&mut self, module: &Module) -> PyResult<()> {
        use rhumba_grammar::ast::StmtKind;
        for stmt in &module.body {
            let result = match &stmt.kind {
                StmtKind::Expr(e) => self.eval(e).map(|v| {
                    if !matches!(v, Value::None) {
                        let text = format!("{}\n", format::repr(&v));
                        let _ = self.write_text(&text);
                    }
                }),
                _ => self.exec_block(std::slice::from_ref(stmt)).map(|_| ()),
            };
            if let Err(mut e) = result.map_err(|e| e.at(stmt.span)) {
                let _ = self.out.flush();
                let span = e.span.take().unwrap_or_default();
                e.frames.push(("<module>".to_string(), span));
                return Err(e);
            }
        }
        let _ = self.out.flush();
        Ok(())
    }

    /// Every name defined at module level or built in, for completion.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.globals.keys().chain(self.builtins.keys()).map(|s| s.as_str().to_string()).filter(|n| !n.starts_with("__")).collect();
        v.sort();
        v.dedup();
        v
    }

    /// A short description of a module-level name: its type, and for a compiled function each
    /// signature compiled so far with the types of its variables.
    pub fn describe(&self, name: &str) -> Option<String> {
        let value = self.globals.get(&Symbol::intern(name))?;
        let mut out = format!("{name}: {}\n", value.type_name());
        for (signature, tir, _, _, _) in self.listings(Some(name)) {
            out.push_str(&format!("  {signature}\n"));
            for line in tir.lines().filter(|l| l.trim_start().starts_with("let %") && !l.contains("%tmp")) {
                out.push_str(&format!("    {}\n", line.trim().trim_start_matches("let ")));
            }
        }
        Some(out)
    }

    /// Calls the module-level function `name` with positional arguments (the embedding API's
    /// dynamic call): compiled if it is a `@jit` function and compiles, interpreted otherwise.
    pub fn call_global(&mut self, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let f = self.global(name).ok_or_else(|| PyError::new(ErrorKind::NameError, format!("name '{name}' is not defined")))?;
        let result = self.call_value(f, builtins::Args::positional(args));
        let _ = self.out.flush();
        result
    }

    /// Whether `name` is a `@jit` function without eager signatures (whose compiled entry a
    /// caller may use directly for any argument types it compiles for).
    pub fn is_plain_jit(&self, name: &str) -> bool {
        matches!(self.globals.get(&Symbol::intern(name)), Some(Value::Function(f)) if matches!(&f.dispatch, value::Dispatch::Jit { signatures, .. } if signatures.is_empty()))
    }

    /// Sets a module-level name (the embedding API keeps its device arrays and streams there).
    pub fn set_global(&mut self, name: &str, value: Value) {
        self.globals.insert(Symbol::intern(name), value);
    }

    /// Removes a module-level name.
    pub fn remove_global(&mut self, name: &str) {
        self.globals.remove(&Symbol::intern(name));
    }

    /// Calls a function of `numba.cuda` (`to_device`, `device_array`, `stream`, ...).
    pub fn cuda_call(&mut self, name: &str, args: Vec<Value>) -> PyResult<Value> {
        let f = cuda::module_attr(name).ok_or_else(|| PyError::new(ErrorKind::AttributeError, format!("module 'numba.cuda' has no attribute '{name}'")))?;
        let result = self.call_value(f, builtins::Args::positional(args));
        let _ = self.out.flush();
        result
    }

    /// Calls a method of a value, as `value.name(*args)`.
    pub fn call_method_of(&mut self, value: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
        self.call_method(value, Symbol::intern(name), builtins::Args::positional(args))
    }

    /// Launches the module-level kernel `name` as `name[blocks, threads(, stream)](*args)`.
    pub fn launch_global(&mut self, name: &str, blocks: Value, threads: Value, stream: Option<Value>, args: Vec<Value>) -> PyResult<()> {
        let kernel = self.global(name).ok_or_else(|| PyError::new(ErrorKind::NameError, format!("name '{name}' is not defined")))?;
        let mut config = vec![blocks, threads];
        config.extend(stream);
        let launch = ops::get_item(&kernel, &Value::tuple(config))?;
        let result = self.call_value(launch, builtins::Args::positional(args)).map(|_| ());
        let _ = self.out.flush();
        result
    }

    /// Looks up a module-level name after a run (for tests and the embedding API).
    pub fn global(&self, name: &str) -> Option<Value> {
        self.globals.get(&Symbol::intern(name)).cloned()
    }

    /// The random generator for `np.random`: numpy's in host code; inside decorated functions
    /// the kernel generator, which is Numba's and shared with compiled code.
    fn with_rng<T>(&mut self, f: impl FnOnce(&mut Mt19937) -> T) -> T {
        if self.in_decorated_function() {
            rhumba_runtime::random::with_kernel_rng(f)
        } else {
            f(&mut self.rng)
        }
    }

    /// Whether the innermost running function carries a Numba decorator: there, semantics
    /// follow compiled Numba code where it differs from CPython.
    fn in_decorated_function(&self) -> bool {
        self.frames.last().is_some_and(|f| !matches!(f.function.dispatch, value::Dispatch::Plain))
    }

    /// Flushes what `print` wrote.
    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }
}
