//! rhumba-runtime: what compiled and interpreted code share at run time. Never depends on the compiler.
//!
//! The `#[repr(C)]` ABI with compiled code ([`abi`]), array storage ([`array`](mod@array)) and numpy's legacy
//! random stream ([`random`]), and the thread pool behind `prange` ([`parallel`]). The CUDA driver
//! wrapper joins here later.

pub mod abi;
pub mod array;
pub mod parallel;
pub mod random;

pub use array::{DType, Element, NdArray};
