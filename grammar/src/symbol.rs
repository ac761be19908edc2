//! Interned identifiers: a `Symbol` is a `u32` that compares in one instruction and prints as its name.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// An interned name. Two symbols are equal exactly when their names are.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(u32);

struct Interner {
    ids: HashMap<&'static str, u32>,
    names: Vec<&'static str>,
}

fn interner() -> &'static Mutex<Interner> {
    static INTERNER: OnceLock<Mutex<Interner>> = OnceLock::new();
    INTERNER.get_or_init(|| Mutex::new(Interner { ids: HashMap::new(), names: Vec::new() }))
}

impl Symbol {
    /// Returns the symbol for `name`, creating it on first use.
    ///
    /// Names are leaked into `'static` storage: a program has a bounded set of identifiers,
    /// and leaking lets `as_str` hand out a plain `&'static str` without holding the lock.
    pub fn intern(name: &str) -> Symbol {
        let mut table = interner().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&id) = table.ids.get(name) {
            return Symbol(id);
        }
        let id = table.names.len() as u32;
        let stored: &'static str = Box::leak(name.to_owned().into_boxed_str());
        table.names.push(stored);
        table.ids.insert(stored, id);
        Symbol(id)
    }

    pub fn as_str(self) -> &'static str {
        let table = interner().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        table.names[self.0 as usize]
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
