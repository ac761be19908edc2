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

/// Parses and runs a whole script with the interpreter, printing to `out`.
pub fn run_source(file: &SourceFile, out: Box<dyn Write>) -> Result<(), Error> {
    let module = parse(file)?;
    let mut interpreter = interp::Interpreter::new(out);
    interpreter.run_module(&module).map_err(|error| Error::Runtime { file: file.clone(), error })
}
