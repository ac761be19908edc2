//! Code generators: `cpu` (Cranelift, also the CUDA simulator's) and, with the `gpu` feature,
//! `gpu` (LLVM's NVPTX backend, for `@cuda.jit` kernels).

pub mod cpu;
#[cfg(feature = "gpu")]
pub mod gpu;
