//! The dispatcher every host shares — the interpreter (`rhumba run`, the REPL) and the embedding
//! API (`Engine`), and the CPython module after them: argument types → specialisation (checked
//! and compiled once, through the compiler's pipeline with the host's options), Cranelift code
//! for the first calls, and the tier policy that hands hot specialisations to the LLVM tier.
//! Error slots are read through the ABI's one table (`abi::describe_error`).
//!
//! What stays with each host: where module-level names come from (its `Environment`), and how
//! its own values become ABI slots and back.

use std::collections::HashMap;
use std::rc::Rc;

use rhumba_compiler::backend::cranelift::CpuBackend;
use rhumba_compiler::check::{self, CheckError, Unit};
use rhumba_compiler::pipeline::Options;
use rhumba_compiler::tir::{self, FuncIndex};
use rhumba_compiler::Type;
use rhumba_runtime::abi;

/// What a host read from its command line or environment: the pipeline's options and the tier
/// policy. Only hosts build it; the compiler and the runtime read no environment.
#[derive(Clone, Debug)]
pub struct HostSettings {
    pub options: Options,
    pub tier: TierPolicy,
}

impl HostSettings {
    /// `rhumba run`'s settings: `RHUMBA_JAM_ROWS`, `RHUMBA_DUMP`, `RHUMBA_VERIFY`,
    /// `RHUMBA_OPTIMISE`, and the CUDA toolkit's `CUDA_HOME` and kin.
    pub fn from_env() -> HostSettings {
        let setting = |name: &str| std::env::var(name).ok();
        let mut options = Options::from_settings(setting("RHUMBA_JAM_ROWS").as_deref(), setting("RHUMBA_DUMP").as_deref(), setting("RHUMBA_VERIFY").as_deref());
        options.cuda_roots = crate::cuda_toolkit_roots();
        HostSettings { options, tier: TierPolicy::from_setting(setting("RHUMBA_OPTIMISE").as_deref()) }
    }
}

/// The specialisations of one host, their code and their tiers.
pub struct Dispatcher {
    pub(crate) backend: CpuBackend,
    pub unit: Unit,
    /// Outcome of compiling each (function, argument types): a unit index, or why not.
    pub(crate) compiled: HashMap<(usize, Vec<Type>), Result<FuncIndex, Rc<CheckError>>>,
    /// Print the TIR of each new specialisation to standard error (`RHUMBA_DUMP=tir`).
    pub(crate) dump_tir: bool,
    /// The CUDA kernels specialised so far (launched, or compiled for `inspect --signature`).
    pub(crate) kernels: Vec<FuncIndex>,
    /// Kernels compiled to PTX, by specialisation.
    #[cfg(feature = "gpu")]
    pub(crate) ptx: HashMap<FuncIndex, Rc<rhumba_compiler::backend::llvm::GpuKernel>>,
    /// The optimising tier: for each specialisation that ran long, its LLVM-compiled entry once
    /// ready (0 while a background thread compiles it, or when it cannot be compiled).
    #[cfg(feature = "llvm")]
    optimised: HashMap<FuncIndex, std::sync::Arc<std::sync::atomic::AtomicUsize>>,
    /// `RHUMBA_OPTIMISE=0`: no optimising tier.
    #[cfg(feature = "llvm")]
    optimise_off: bool,
    /// Time spent in each specialisation so far (until it is optimised).
    #[cfg(feature = "llvm")]
    run_time: HashMap<FuncIndex, std::time::Duration>,
    /// `RHUMBA_OPTIMISE=now`: optimise every specialisation at once, synchronously.
    #[cfg(feature = "llvm")]
    pub(crate) optimise_now: bool,
}

impl Dispatcher {
    /// A dispatcher compiling with the pipeline options and tier policy of `settings`.
    pub fn new(settings: HostSettings) -> Result<Dispatcher, String> {
        let dump_tir = settings.options.dumps("tir");
        Ok(Dispatcher {
            backend: CpuBackend::new()?,
            unit: Unit::with_options(settings.options),
            compiled: HashMap::new(),
            dump_tir,
            kernels: Vec::new(),
            #[cfg(feature = "gpu")]
            ptx: HashMap::new(),
            #[cfg(feature = "llvm")]
            optimised: HashMap::new(),
            #[cfg(feature = "llvm")]
            optimise_off: settings.tier == TierPolicy::Off,
            #[cfg(feature = "llvm")]
            run_time: HashMap::new(),
            #[cfg(feature = "llvm")]
            optimise_now: settings.tier == TierPolicy::Now,
        })
    }

    /// The Cranelift code of specialisation `index` (compiled on first request, with the
    /// specialisations it calls).
    pub fn cranelift_entry(&mut self, index: FuncIndex) -> Result<abi::EntryFn, String> {
        self.backend.compile(&self.unit, index)
    }

    /// The specialisation of the decorated function `key` (definition `def`) for `types`,
    /// checked once and cached with the reason when it cannot be compiled. Prints its TIR under
    /// `RHUMBA_DUMP=tir`; the checker's warnings are left in `unit.warnings` for the host.
    pub fn specialise(&mut self, env: &dyn check::Environment, key: usize, def: &Rc<rhumba_grammar::ast::FunctionDef>, types: &[Type]) -> Result<FuncIndex, Rc<CheckError>> {
        let cache_key = (key, types.to_vec());
        if let Some(c) = self.compiled.get(&cache_key) {
            return c.clone();
        }
        let before = self.unit.functions.len();
        let outcome = check::check_function(&mut self.unit, env, key, def, types).map_err(Rc::new);
        if let (Ok(_), true) = (&outcome, self.dump_tir) {
            for f in self.unit.functions[before..].iter().flatten() {
                eprint!("{}", tir::print_function(f));
            }
        }
        self.compiled.insert(cache_key, outcome.clone());
        outcome
    }

    /// The entry point a host calls for specialisation `index`: Cranelift's code, or the
    /// optimising tier's when it already has it, or at once under [`TierPolicy::Now`].
    pub fn entry(&mut self, index: FuncIndex) -> Result<abi::EntryFn, String> {
        let entry = self.cranelift_entry(index)?;
        #[cfg(feature = "llvm")]
        if self.optimise_now {
            self.note_run_time(index, std::time::Duration::MAX);
        }
        Ok(self.optimised_entry(index).unwrap_or(entry))
    }

    /// Keeps the CLIF and assembly of everything compiled, for `rhumba inspect`.
    pub fn keep_listings(&mut self) {
        self.backend.keep_listings = true;
    }

    /// Every compiled specialisation (of the function named `name`, if given): its signature,
    /// TIR, CLIF and assembly, in the order they were compiled.
    pub fn listings(&self, name: Option<&str>) -> Vec<(String, String, Option<String>, String, String)> {
        self.listings_where(|_, f| name.is_none() || f.name.split('(').next() == name)
    }

    /// As [`Dispatcher::listings`], for the specialisations of one decorated function (its
    /// environment key): after a redefinition, only the new definition's.
    pub fn listings_of(&self, key: usize) -> Vec<(String, String, Option<String>, String, String)> {
        self.listings_where(|i, _| self.unit.key_of(i) == Some(key))
    }

    fn listings_where(&self, keep: impl Fn(FuncIndex, &tir::Function) -> bool) -> Vec<(String, String, Option<String>, String, String)> {
        let mut out = Vec::new();
        for (i, f) in self.unit.functions.iter().enumerate() {
            let Some(f) = f else { continue };
            if keep(i, f) {
                let l = self.backend.listings.get(&i).cloned().unwrap_or_default();
                out.push((f.name.clone(), tir::print_function(f), tir::verify(f).err(), l.clif, l.asm));
            }
        }
        out
    }
}

/// How long a specialisation's calls must have run, together, before it is recompiled by the
/// optimising tier. LLVM takes some 40 ms on a matmul kernel: a function that has already
/// run for 5 ms is worth it, one that runs a few microseconds once is not.
#[cfg(feature = "llvm")]
const OPTIMISE_AFTER: std::time::Duration = std::time::Duration::from_millis(5);


/// When the optimising tier (LLVM at `-O3`) takes a specialisation over from Cranelift.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierPolicy {
    /// Never: Cranelift code only (`RHUMBA_OPTIMISE=0`).
    Off,
    /// Once the specialisation has run 5 ms in all (the command line's default).
    WhenHot,
    /// Before its first call (`RHUMBA_OPTIMISE=now`; the embedding API's default, since a
    /// handle is looked up once and then called many times).
    Now,
}

impl TierPolicy {
    /// `RHUMBA_OPTIMISE`'s value: `0` turns the tier off, `now` optimises at once.
    pub fn from_setting(value: Option<&str>) -> TierPolicy {
        match value.map(str::trim) {
            Some("0") => TierPolicy::Off,
            Some("now") => TierPolicy::Now,
            _ => TierPolicy::WhenHot,
        }
    }
}

impl Dispatcher {
    /// Applies a tier policy to the specialisations compiled from now on.
    pub fn set_tier_policy(&mut self, policy: TierPolicy) {
        #[cfg(feature = "llvm")]
        {
            self.optimise_off = policy == TierPolicy::Off;
            self.optimise_now = policy == TierPolicy::Now;
        }
        let _ = policy;
    }

    /// Whether a specialisation's calls are still timed: until the optimising tier has taken it
    /// (compiled, or found it cannot), or always not when the tier is off.
    pub fn timing_needed(&self, index: FuncIndex) -> bool {
        #[cfg(feature = "llvm")]
        {
            !self.optimise_off && !self.optimised.contains_key(&index)
        }
        #[cfg(not(feature = "llvm"))]
        {
            let _ = index;
            false
        }
    }

    /// The optimising tier's entry for a specialisation, once its background compile is done.
    pub fn optimised_entry(&self, index: FuncIndex) -> Option<abi::EntryFn> {
        #[cfg(feature = "llvm")]
        {
            let address = self.optimised.get(&index)?.load(std::sync::atomic::Ordering::Acquire);
            if address != 0 {
                // SAFETY: the address is `rhumba_entry` of LLVM code compiled from this very
                // specialisation, with the `EntryFn` ABI (see `backend::llvm::compile_host`), and
                // the code is never freed.
                return Some(unsafe { std::mem::transmute::<usize, abi::EntryFn>(address) });
            }
        }
        let _ = index;
        None
    }

    /// After a call: a specialisation that has run long is handed to the optimising tier,
    /// compiled by LLVM, and its later calls run the new code
    /// (`RHUMBA_OPTIMISE=0` turns the tier off; `RHUMBA_OPTIMISE=now` optimises every
    /// specialisation before its first call, synchronously, as the tests do).
    pub fn note_run_time(&mut self, index: FuncIndex, took: std::time::Duration) {
        #[cfg(feature = "llvm")]
        {
            use std::sync::atomic::{AtomicUsize, Ordering};
            if !self.timing_needed(index) {
                return;
            }
            let total = self.run_time.entry(index).or_default();
            *total = total.saturating_add(took);
            if *total < OPTIMISE_AFTER && !self.optimise_now {
                return;
            }
            let slot = std::sync::Arc::new(AtomicUsize::new(0));
            self.optimised.insert(index, slot.clone());
            let unit = self.unit.snapshot();
            // The parallel loops of a function are optimised through their chunk functions
            // (the function itself, which starts them, stays with Cranelift).
            let chunks: Vec<(FuncIndex, std::sync::Arc<AtomicUsize>)> = match self.unit.functions.get(index) {
                Some(Some(f)) => tir::parallel_bodies(f).into_iter().filter_map(|b| self.backend.chunk_slot(b).map(|s| (b, s))).collect(),
                _ => Vec::new(),
            };
            let explain = self.dump_tir;
            let compile = move || {
                for (body, chunk_slot) in chunks {
                    match rhumba_compiler::backend::llvm::compile_host_chunk(&unit, body) {
                        Ok(address) => chunk_slot.store(address, Ordering::Release),
                        Err(e) if explain => eprintln!("rhumba: the optimising tier leaves fn#{body} to Cranelift: {}", e.message),
                        Err(_) => {}
                    }
                }
                match rhumba_compiler::backend::llvm::compile_host(&unit, index) {
                    Ok(address) => slot.store(address, Ordering::Release),
                    // Not an error: the function keeps its Cranelift code. `RHUMBA_DUMP=tir` says why.
                    Err(e) if explain => eprintln!("rhumba: the optimising tier leaves fn#{index} to Cranelift: {}", e.message),
                    Err(_) => {}
                }
            };
            // Synchronous: on a machine with few cores a background compile would slow the
            // very code it is meant to speed up (parallel loops want every core).
            compile();
        }
        let _ = (index, took);
    }
}

