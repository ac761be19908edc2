//! CUDA at run time: the CPU simulator of kernels ([`simulator`]) and, with the `gpu` feature,
//! the driver wrapper over cudarc ([`driver`]) that owns device memory, streams, events and
//! loaded modules.

pub mod simulator;

#[cfg(feature = "gpu")]
pub mod driver;
