//! Code generators, each lowering legalised TIR primitives only: `cranelift` (the quick CPU
//! code of every first call, also the CUDA simulator's) and, with the `llvm` feature, `llvm`
//! (one LLVM IR writer with a host mode — the CPU's optimising tier — and an NVPTX mode for
//! `@cuda.jit` kernels).

pub mod cranelift;
#[cfg(feature = "llvm")]
pub mod llvm;
pub(crate) mod versioning;
