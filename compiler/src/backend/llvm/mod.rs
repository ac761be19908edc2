//! The GPU backend: a `@cuda.jit` kernel's TIR becomes LLVM IR ([`emit`]), which LLVM 14
//! parses, verifies, links with libdevice when the kernel calls math functions, optimises and
//! compiles with its NVPTX backend to PTX text for `sm_80` (`+ptx75`); the driver compiles that
//! PTX for the GPU it runs on, newer ones included.

pub mod emit;

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, FileType, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple};
use inkwell::OptimizationLevel;

use crate::check::Unit;
use crate::tir::FuncIndex;

pub use emit::{flatten, GpuError};

/// The PTX target: what every kernel is compiled for.
pub const GPU_ARCH: &str = "sm_80";
pub const PTX_FEATURES: &str = "+ptx75";

/// A kernel compiled for the GPU.
#[derive(Clone, Debug)]
pub struct GpuKernel {
    /// The entry symbol in the PTX.
    pub symbol: String,
    /// The LLVM IR as written from the TIR, before optimisation (`inspect --emit llvm`).
    pub llvm_ir: String,
    /// The optimised LLVM IR the PTX was made from.
    pub optimized_ir: String,
    pub ptx: String,
}

fn fail(message: impl Into<String>) -> GpuError {
    GpuError { message: message.into(), span: rhumba_grammar::Span::default() }
}

/// Where libdevice (the CUDA toolkit's math library as LLVM bitcode) is, if anywhere: under one
/// of the toolkit roots the host was given (`Options::cuda_roots`, from `CUDA_HOME` and its
/// kin), else where toolkits usually live.
pub fn find_libdevice(cuda_roots: &[std::path::PathBuf]) -> Option<std::path::PathBuf> {
    let mut roots: Vec<std::path::PathBuf> = cuda_roots.to_vec();
    roots.push("/usr/local/cuda".into());
    let mut candidates: Vec<std::path::PathBuf> = roots.iter().map(|r| r.join("nvvm/libdevice/libdevice.10.bc")).collect();
    candidates.push("/usr/lib/nvidia-cuda-toolkit/libdevice/libdevice.10.bc".into());
    if let Ok(entries) = std::fs::read_dir("/usr/local") {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with("cuda-") {
                candidates.push(e.path().join("nvvm/libdevice/libdevice.10.bc"));
            }
        }
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// Compiles kernel `index` of `unit` (and the device functions it calls) to PTX.
pub fn compile_kernel(unit: &Unit, index: FuncIndex) -> Result<GpuKernel, GpuError> {
    let ir = emit::kernel_module(unit, index)?;
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(ir.text.as_bytes(), "kernel");
    let module = context.create_module_from_ir(buffer).map_err(|e| fail(format!("internal error: LLVM rejected the generated IR: {}", e.to_string())))?;
    if !ir.libdevice.is_empty() {
        link_libdevice(&context, &module, &ir.libdevice, &unit.options.cuda_roots)?;
    }
    module.verify().map_err(|e| fail(format!("internal error: the generated IR does not verify: {}", e.to_string())))?;
    let machine = target_machine()?;
    module.set_triple(&machine.get_triple());
    module.set_data_layout(&machine.get_target_data().get_data_layout());
    module
        .run_passes("default<O3>", &machine, PassBuilderOptions::create())
        .map_err(|e| fail(format!("internal error: LLVM's optimiser failed: {}", e.to_string())))?;
    let optimized_ir = module.print_to_string().to_string();
    let ptx = machine.write_to_memory_buffer(&module, FileType::Assembly).map_err(|e| fail(format!("LLVM could not compile the kernel to PTX: {}", e.to_string())))?;
    let ptx = String::from_utf8_lossy(ptx.as_slice()).trim_end_matches('\0').to_string();
    Ok(GpuKernel { symbol: ir.kernel_symbol, llvm_ir: ir.text, optimized_ir, ptx })
}

fn target_machine() -> Result<TargetMachine, GpuError> {
    Target::initialize_nvptx(&InitializationConfig::default());
    let triple = TargetTriple::create("nvptx64-nvidia-cuda");
    let target = Target::from_triple(&triple).map_err(|e| fail(format!("LLVM has no NVPTX target: {}", e.to_string())))?;
    target
        .create_target_machine(&triple, GPU_ARCH, PTX_FEATURES, OptimizationLevel::Aggressive, RelocMode::Default, CodeModel::Default)
        .ok_or_else(|| fail("LLVM could not create an NVPTX target machine"))
}

/// Links libdevice for the math functions a kernel calls, or names the first one that cannot be
/// had. libdevice asks `__nvvm_reflect` about flush-to-zero and precision; the answer here is 0
/// (IEEE behaviour, as Numba's default), given by a definition that the optimiser folds away.
fn link_libdevice<'ctx>(context: &'ctx Context, module: &Module<'ctx>, needed: &[&str], cuda_roots: &[std::path::PathBuf]) -> Result<(), GpuError> {
    let Some(path) = find_libdevice(cuda_roots) else {
        let names: Vec<String> = needed.iter().map(|n| n.trim_start_matches("__nv_").to_string()).collect();
        return Err(fail(format!(
            "the math function{} {} in this kernel need{} libdevice (nvvm/libdevice/libdevice.10.bc of the CUDA toolkit), which was not found; set CUDA_HOME to the toolkit",
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            if names.len() == 1 { "s" } else { "" },
        )));
    };
    let libdevice = Module::parse_bitcode_from_path(&path, context).map_err(|e| fail(format!("cannot read {}: {}", path.display(), e.to_string())))?;
    let reflect = "define i32 @__nvvm_reflect(i8*) {\n  ret i32 0\n}\n";
    let buffer = MemoryBuffer::create_from_memory_range_copy(reflect.as_bytes(), "reflect");
    let reflect = context.create_module_from_ir(buffer).map_err(|e| fail(e.to_string()))?;
    libdevice.link_in_module(reflect).map_err(|e| fail(format!("cannot prepare libdevice: {}", e.to_string())))?;
    module.link_in_module(libdevice).map_err(|e| fail(format!("cannot link libdevice: {}", e.to_string())))?;
    // Everything but the kernels is internal, so that unused libdevice functions are dropped.
    let mut f = module.get_first_function();
    while let Some(func) = f {
        if func.get_name().to_string_lossy().starts_with("__nv") && func.count_basic_blocks() > 0 {
            func.set_linkage(inkwell::module::Linkage::Internal);
        }
        f = func.get_next_function();
    }
    Ok(())
}

/// The host CPU's optimising tier: function `index` of `unit` (and its callees) compiled by LLVM
/// at `-O3` for this machine's CPU, vectorised where LLVM can, behind the same entry ABI as the
/// Cranelift code it replaces. Returns the entry's address; the code lives as long as the
/// process (as all JIT code does here). Functions using constructs the writer does not handle
/// (allocation, views, parallel loops) come back as an error and keep their Cranelift code.
pub fn compile_host(unit: &Unit, index: FuncIndex) -> Result<usize, GpuError> {
    compile_host_with(unit, index, false)
}

/// As [`compile_host`] for the outlined body of a `prange` loop: returns the address of its
/// chunk function (`parallel::ChunkFn`), for the runtime to run on the worker pool.
pub fn compile_host_chunk(unit: &Unit, index: FuncIndex) -> Result<usize, GpuError> {
    compile_host_with(unit, index, true)
}

/// How deeply loops may nest in code the optimising tier compiles. LLVM's loop passes take
/// time that grows with the cube of the depth (40 levels: 1.6 s, 97 levels: 28 s), while no
/// numeric kernel needs more than a handful; deeper code keeps its Cranelift compilation.
pub const MAX_OPTIMISED_LOOP_DEPTH: usize = 12;

fn loop_depth(body: &[crate::tir::Stmt]) -> usize {
    use crate::tir::StmtKind;
    body.iter()
        .map(|s| match &s.kind {
            StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => (1 + loop_depth(body)).max(loop_depth(orelse)),
            StmtKind::If { then, otherwise, .. } => loop_depth(then).max(loop_depth(otherwise)),
            StmtKind::ParallelFor { .. } => 1,
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

fn compile_host_with(unit: &Unit, index: FuncIndex, chunk: bool) -> Result<usize, GpuError> {
    let deepest = unit.functions.iter().flatten().map(|f| loop_depth(&f.body)).max().unwrap_or(0);
    if deepest > MAX_OPTIMISED_LOOP_DEPTH {
        return Err(fail(format!("loops nest {deepest} deep (the optimising tier takes up to {MAX_OPTIMISED_LOOP_DEPTH})")));
    }
    Target::initialize_native(&InitializationConfig::default()).map_err(|e| fail(format!("LLVM has no native target: {e}")))?;
    let cpu = TargetMachine::get_host_cpu_name().to_string();
    let features = TargetMachine::get_host_cpu_features().to_string();
    let text = if chunk { emit::host_chunk_module(unit, index, &cpu, &features)? } else { emit::host_module(unit, index, &cpu, &features)? };
    if unit.options.dumps("llvm-raw") {
        eprintln!("{text}");
    }
    // The context, module and engine are leaked on purpose: compiled code is never freed.
    let context: &'static Context = Box::leak(Box::new(Context::create()));
    let buffer = MemoryBuffer::create_from_memory_range_copy(text.as_bytes(), "host");
    let module = context.create_module_from_ir(buffer).map_err(|e| fail(format!("internal error: LLVM rejected the generated IR: {}", e.to_string())))?;
    module.verify().map_err(|e| fail(format!("internal error: the generated IR does not verify: {}", e.to_string())))?;
    let triple = TargetMachine::get_default_triple();
    let target = Target::from_triple(&triple).map_err(|e| fail(e.to_string()))?;
    let machine = target
        .create_target_machine(&triple, &cpu, &features, OptimizationLevel::Aggressive, RelocMode::Default, CodeModel::JITDefault)
        .ok_or_else(|| fail("LLVM could not create a target machine for this CPU"))?;
    module.set_triple(&triple);
    module.set_data_layout(&machine.get_target_data().get_data_layout());
    module.run_passes("default<O3>", &machine, PassBuilderOptions::create()).map_err(|e| fail(format!("LLVM's optimiser failed: {}", e.to_string())))?;
    if unit.options.dumps("llvm") {
        eprintln!("{}", module.print_to_string().to_string());
    }
    let engine = module.create_jit_execution_engine(OptimizationLevel::Aggressive).map_err(|e| fail(format!("LLVM could not start its JIT: {}", e.to_string())))?;
    let name = if chunk { "rhumba_chunk" } else { "rhumba_entry" };
    let address = engine.get_function_address(name).map_err(|e| fail(format!("the entry point is missing: {e:?}")))?;
    std::mem::forget(engine);
    Ok(address)
}
