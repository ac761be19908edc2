//! rhumba-compiler: from the AST to machine code or PTX, read as its pipeline (`pipeline.rs`):
//! type inference (`check`) builds the typed IR (`tir`), shared passes (`parallel`,
//! `prange_safety`, `prange_jam`, `passes::legalize`) rewrite it, and a backend (`backend::cranelift`,
//! `backend::llvm`) lowers its primitives.

pub mod backend;
pub mod check;
pub mod parallel;
pub mod passes;
pub mod pipeline;
pub mod prelude;
pub mod prange_complex;
pub mod prange_jam;
pub mod prange_safety;
pub mod ssa_names;
pub mod tir;
pub mod types;

pub use types::{parse_signature, Layout, Signature, Type};
