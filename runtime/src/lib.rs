//! rhumba-runtime: what compiled and interpreted code share at run time. Never depends on the compiler.
//!
//! The `#[repr(C)]` ABI with compiled code ([`abi`]), array storage ([`array`](mod@array)) and numpy's legacy
//! random stream ([`random`]), the thread pool behind `prange` ([`parallel`]), and CUDA: the kernel
//! simulator and, with the `gpu` feature, the driver wrapper ([`cuda`]).

pub mod abi;
pub mod array;
pub mod cuda;
pub mod parallel;
pub mod print;
pub mod random;
pub mod symbols;
pub mod text;
pub mod worker_pool;

pub use array::{AllocError, DType, Element, NdArray};
