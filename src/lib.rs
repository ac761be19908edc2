//! rhumba: run Numba-style Python kernels without Python.
//!
//! This crate ties the pipeline together for the `rhumba` command and for embedding:
//! [`run_source`] parses a file and runs it with the host interpreter; diagnostics and run-time
//! errors come back as an [`Error`] that renders like the command line's output.

pub mod diagnostics;
pub mod dispatch;
pub mod engine;
pub mod interp;
pub mod repl;

use std::io::Write;

pub use diagnostics::{Error, SourceFile};

/// Applies `RHUMBA_NUM_THREADS` (or Numba's `NUMBA_NUM_THREADS`), when set to a positive
/// count, as the process's `prange` thread count: the hosts (the CLI, `Engine`) call it, so that
/// the runtime itself reads no environment. Once per process, so that a later engine does not
/// undo a count the program set itself.
pub fn apply_thread_setting() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        for name in ["NUMBA_NUM_THREADS", "RHUMBA_NUM_THREADS"] {
            if let Some(n) = std::env::var(name).ok().and_then(|v| v.trim().parse::<usize>().ok()).filter(|n| *n > 0) {
                rhumba_runtime::parallel::set_num_threads(n);
            }
        }
    });
}

/// The CUDA toolkit folders named by `CUDA_HOME`, `CUDA_PATH` and `CUDA_ROOT`, where the compiler
/// looks for libdevice (read here, by the host, not by the compiler).
pub fn cuda_toolkit_roots() -> Vec<std::path::PathBuf> {
    ["CUDA_HOME", "CUDA_PATH", "CUDA_ROOT"].iter().filter_map(|v| std::env::var_os(v)).map(Into::into).collect()
}
pub use engine::{Arg, DeviceArray, Dim3, EmbedError, Engine, EngineOptions, KernelArg, TierPolicy, KernelArgs, KernelElement, KernelResult, LaunchArg, Stream, TypedFunction};

/// Parses `source`; syntax errors come back together, rendered against `file`.
pub fn parse(file: &SourceFile) -> Result<rhumba_grammar::Module, Error> {
    let (module, diagnostics) = rhumba_grammar::parse(&file.text);
    if diagnostics.is_empty() {
        Ok(module)
    } else {
        Err(Error::Syntax { file: file.clone(), diagnostics })
    }
}

/// How a script is run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    /// Compile `@jit` functions with the CPU JIT (otherwise everything is interpreted).
    pub jit: bool,
    /// Say on standard error when a decorated function cannot be compiled and runs interpreted.
    pub notes: bool,
    /// Run `@cuda.jit` kernels on the CPU simulator (as `RHUMBA_CUDA_SIM=1` does).
    pub cuda_simulator: bool,
}

/// One compiled specialisation, as `rhumba inspect` shows it.
#[derive(Clone, Debug)]
pub struct Listing {
    /// The function and its argument types, e.g. `dot(float64[:], float64[:])`.
    pub signature: String,
    /// The typed IR, as `--emit tir` prints it.
    pub tir: String,
    /// What the TIR verifier found wrong, if anything.
    pub verifier: Option<String>,
    /// The Cranelift IR handed to the code generator.
    pub clif: String,
    /// The machine code, disassembled.
    pub asm: String,
}

/// Runs a script with the JIT and returns what it printed and the code of every specialisation
/// compiled along the way (of `function` only, when given), as `rhumba inspect` does. With a
/// `signature` such as `"f8(f8[:], i8)"`, `function` is also compiled for it, called or not.
pub fn compile_listings(file: &SourceFile, function: Option<&str>, signature: Option<&str>) -> Result<(String, Vec<Listing>), Error> {
    let module = parse(file)?;
    let out = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut interpreter = interp::Interpreter::new(Box::new(SharedOutput(out.clone())));
    interpreter.set_source(&file.name, &file.text);
    interpreter.enable_jit().map_err(|message| Error::Setup { message })?;
    interpreter.quiet_jit_notes();
    interpreter.keep_listings();
    interpreter.run_module(&module).map_err(|error| Error::Runtime { file: file.clone(), error })?;
    if let (Some(name), Some(sig)) = (function, signature) {
        let parsed = rhumba_compiler::parse_signature(sig).map_err(|message| Error::Setup { message: format!("bad --signature: {message}") })?;
        interpreter
            .compile_signature(name, &parsed.args)
            .map_err(|error| Error::Runtime { file: file.clone(), error })?;
    }
    let listings = interpreter
        .listings(function)
        .into_iter()
        .map(|(signature, tir, verifier, clif, asm)| Listing { signature, tir, verifier, clif, asm })
        .collect();
    let printed = String::from_utf8_lossy(&out.borrow()).into_owned();
    Ok((printed, listings))
}

/// One CUDA kernel specialisation compiled for the GPU, as `rhumba inspect --emit llvm|ptx`
/// shows it.
#[cfg(feature = "llvm")]
#[derive(Clone, Debug)]
pub struct GpuListing {
    pub signature: String,
    /// The LLVM IR written from the TIR, before optimisation.
    pub llvm_ir: String,
    pub ptx: String,
}

/// Runs a script with its CUDA kernels on the simulator (it needs no GPU) and compiles every
/// kernel specialisation it launched (of `function` only, when given) to LLVM IR and PTX. With
/// a `signature`, `function` is also specialised for it, launched or not.
#[cfg(feature = "llvm")]
pub fn gpu_listings(file: &SourceFile, function: Option<&str>, signature: Option<&str>) -> Result<(String, Vec<GpuListing>), Error> {
    let module = parse(file)?;
    let out = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let mut interpreter = interp::Interpreter::new(Box::new(SharedOutput(out.clone())));
    interpreter.set_source(&file.name, &file.text);
    interpreter.use_cuda_simulator();
    interpreter.enable_jit().map_err(|message| Error::Setup { message })?;
    interpreter.quiet_jit_notes();
    interpreter.run_module(&module).map_err(|error| Error::Runtime { file: file.clone(), error })?;
    if let (Some(name), Some(sig)) = (function, signature) {
        let parsed = rhumba_compiler::parse_signature(sig).map_err(|message| Error::Setup { message: format!("bad --signature: {message}") })?;
        interpreter.specialise_kernel(name, &parsed.args).map_err(|error| Error::Runtime { file: file.clone(), error })?;
    }
    let listings = interpreter.with_kernels(function, |unit, kernels| {
        kernels
            .into_iter()
            .map(|index| {
                let signature = unit.functions[index].as_ref().map(|f| f.name.clone()).unwrap_or_default();
                rhumba_compiler::backend::llvm::compile_kernel(unit, index)
                    .map(|k| GpuListing { signature: signature.clone(), llvm_ir: k.llvm_ir, ptx: k.ptx })
                    .map_err(|e| Error::Setup { message: format!("{signature}: {}", e.message) })
            })
            .collect::<Result<Vec<_>, Error>>()
    })?;
    let printed = String::from_utf8_lossy(&out.borrow()).into_owned();
    Ok((printed, listings))
}

/// An output sink whose bytes the caller keeps.
struct SharedOutput(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for SharedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Parses and runs a whole script, printing to `out`.
pub fn run_source(file: &SourceFile, out: Box<dyn Write>, options: RunOptions) -> Result<(), Error> {
    let module = parse(file)?;
    let mut interpreter = interp::Interpreter::new(out);
    interpreter.set_source(&file.name, &file.text);
    if options.cuda_simulator {
        interpreter.use_cuda_simulator();
    }
    if options.jit {
        interpreter.enable_jit().map_err(|message| Error::Setup { message })?;
        if !options.notes {
            interpreter.quiet_jit_notes();
        }
    }
    interpreter.run_module(&module).map_err(|error| Error::Runtime { file: file.clone(), error })
}
