//! TIR → TIR passes shared by every backend.

pub mod interrupt;
pub mod legalize;
