//! TIR → TIR passes shared by every backend.

pub mod legalize;
