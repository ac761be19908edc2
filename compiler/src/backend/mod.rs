//! Code generators: `cpu` (Cranelift, also the CUDA simulator's) and, with the `gpu` feature,
//! `gpu` (LLVM's NVPTX backend, for `@cuda.jit` kernels).

pub mod cpu;
pub(crate) mod versioning;
#[cfg(feature = "gpu")]
pub mod gpu;
