//! Code generators: `cpu` (Cranelift) today; `gpu` (LLVM NVPTX) later.

pub mod cpu;
