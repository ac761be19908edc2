//! rhumba: run Numba-style Python kernels without Python.
//!
//! This crate ties the pipeline together for the `rhumba` command and for embedding:
//! [`run_source`] parses a file and runs it with the host interpreter; diagnostics and run-time
//! errors come back as an [`Error`] that renders like the command line's output.

pub mod diagnostics;
pub mod interp;

use std::io::Write;

pub use diagnostics::{Error, SourceFile};

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
}

/// Parses and runs a whole script, printing to `out`.
pub fn run_source(file: &SourceFile, out: Box<dyn Write>, options: RunOptions) -> Result<(), Error> {
    let module = parse(file)?;
    let mut interpreter = interp::Interpreter::new(out);
    interpreter.set_source(&file.name, &file.text);
    if options.jit {
        interpreter.enable_jit().map_err(|message| Error::Setup { message })?;
        if !options.notes {
            interpreter.quiet_jit_notes();
        }
    }
    interpreter.run_module(&module).map_err(|error| Error::Runtime { file: file.clone(), error })
}
