//! rhumba-compiler: from the AST to code. Today it holds the type vocabulary and signature parser
//! shared with the interpreter; type inference, the typed IR and the Cranelift and NVPTX backends
//! are built on it by the JIT issues.

pub mod backend;
pub mod check;
pub mod parallel;
pub mod passes;
pub mod prange_jam;
pub mod tir;
pub mod types;

pub use types::{parse_signature, Layout, Signature, Type};
