//! rhumba-runtime: what compiled and interpreted code share at run time. Never depends on the compiler.
//!
//! Today: array storage ([`array`]) and numpy's legacy random stream ([`random`]). The `#[repr(C)]`
//! ABI, the thread pool and the CUDA driver wrapper join here with the JIT.

pub mod array;
pub mod random;

pub use array::{DType, Element, NdArray};
