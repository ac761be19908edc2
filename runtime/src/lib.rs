//! rhumba-runtime: what compiled and interpreted code share at run time. Never depends on the compiler.
//!
//! The `#[repr(C)]` ABI with compiled code ([`abi`]), array storage ([`array`]) and numpy's legacy
//! random stream ([`random`]). The thread pool and the CUDA driver wrapper join here later.

pub mod abi;
pub mod array;
pub mod random;

pub use array::{DType, Element, NdArray};
