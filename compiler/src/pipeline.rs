//! The compiler's pipeline, top to bottom, for one specialisation:
//!
//! ```text
//! check (inference, TIR) → verify → outline prange (+ jam rows) → legalize (+ interrupt polls) → verify → backend
//! ```
//!
//! `check::check_function` infers the types and builds the TIR, then hands it here; the backend
//! is chosen by the host (Cranelift for every first call, the LLVM writer for the optimising tier
//! and for PTX). Every knob arrives in [`Options`], which the host fills from its command line or
//! environment: nothing below a host reads an environment variable.

use crate::check::{CheckError, Unit};
use crate::tir::{self, Function};

/// The passes after which [`Options::dump`] may ask for the TIR, in the order they run.
pub const PASSES: [&str; 3] = ["check", "outline", "legalize"];

/// How the pipeline runs; the hosts build it (from `RHUMBA_JAM_ROWS`, `RHUMBA_DUMP` and
/// `RHUMBA_VERIFY` for `rhumba run`, see [`Options::from_settings`]), the default is what users get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// How many rows of a `prange` body run through its inner loops at once (unroll-and-jam);
    /// 1 turns jamming off.
    pub jam_rows: i64,
    /// What to print to standard error as it is made (`RHUMBA_DUMP=legalize,llvm`): the TIR
    /// after a pass named in [`PASSES`], `llvm` (the optimised LLVM IR) or `llvm-raw` (as written).
    pub dump: Vec<String>,
    /// Check the TIR's invariants after every pass (`tir::verify`); a violation is reported as
    /// an internal compiler error instead of reaching a backend. The tests turn it on.
    pub verify: bool,
    /// CUDA toolkit folders to look for libdevice in (`CUDA_HOME`, `CUDA_PATH`, `CUDA_ROOT`).
    pub cuda_roots: Vec<std::path::PathBuf>,
}

impl Default for Options {
    fn default() -> Options {
        Options { jam_rows: crate::prange_jam::ROWS, dump: Vec::new(), verify: false, cuda_roots: Vec::new() }
    }
}

impl Options {
    /// Options from the settings a host read (values of `RHUMBA_JAM_ROWS`, `RHUMBA_DUMP`,
    /// `RHUMBA_VERIFY`); absent or malformed settings keep the defaults.
    pub fn from_settings(jam_rows: Option<&str>, dump: Option<&str>, verify: Option<&str>) -> Options {
        Options {
            jam_rows: jam_rows.and_then(|v| v.trim().parse().ok()).unwrap_or(crate::prange_jam::ROWS),
            dump: dump.map(|d| d.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()).unwrap_or_default(),
            verify: verify.is_some_and(|v| v.trim() == "1"),
            cuda_roots: Vec::new(),
        }
    }

    /// Whether `what` is to be dumped.
    pub fn dumps(&self, what: &str) -> bool {
        self.dump.iter().any(|d| d == what)
    }
}

/// Runs the passes after `check` on the specialisation `f`:
/// verification, outlining of `prange` bodies (which pushes them into `unit`), legalisation of the
/// function and of the bodies outlined from it, verification again.
pub fn after_check(unit: &mut Unit, f: Function) -> Result<Function, CheckError> {
    let options = unit.options.clone();
    finish_pass(&options, "check", &f)?;
    let outlined_from = unit.functions.len();
    let mut f = crate::parallel::outline(unit, f)?;
    finish_pass(&options, "outline", &f)?;
    for body in unit.functions[outlined_from..].iter_mut().flatten() {
        crate::passes::legalize::legalize(body);
        crate::passes::interrupt::insert_polls(body);
        finish_pass(&options, "legalize", body)?;
    }
    crate::passes::legalize::legalize(&mut f);
    crate::passes::interrupt::insert_polls(&mut f);
    finish_pass(&options, "legalize", &f)?;
    Ok(f)
}

/// After a pass: the dump it was asked for, and the verifier when it is on.
fn finish_pass(options: &Options, pass: &str, f: &Function) -> Result<(), CheckError> {
    if options.dumps(pass) {
        eprintln!("--- TIR after {pass}\n{}", tir::print_function(f));
    }
    if options.verify {
        let legal = if pass == "legalize" { crate::passes::legalize::check_legal(f) } else { Ok(()) };
        if let Err(why) = tir::verify(f).and(legal) {
            return Err(CheckError {
                is_type_error: true,
                message: format!("internal compiler error: the TIR is invalid after the `{pass}` pass: {why}"),
                span: f.span,
                secondary: None,
            });
        }
    }
    Ok(())
}
