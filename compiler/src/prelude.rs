//! The numpy prelude: numpy functions written in the compiled subset (`numpy_prelude.py`),
//! compiled on demand for the argument types of each call, as Numba implements numpy in Python.
//!
//! The prelude is parsed once per thread, at [`PRELUDE_BASE`] so that its spans never meet a
//! user file's. Each function gets a key of its own (far from the hosts' keys, which are
//! addresses), and is checked in a [`PreludeEnv`]: `np`, `math` and the builtins mean what they
//! mean in any module, and the prelude's own functions call each other by name.

use std::collections::HashMap;
use std::rc::Rc;

use rhumba_grammar::ast::{FunctionDef, StmtKind};
use rhumba_grammar::Symbol;

use crate::check::{Environment, Global};

/// The prelude's source.
pub const SOURCE: &str = include_str!("numpy_prelude.py");

/// Where the prelude's spans start: past any user file rhumba reads.
pub const PRELUDE_BASE: u32 = 1 << 31;

/// Keys of prelude functions are `PRELUDE_KEY + position`: hosts key functions by address,
/// which never comes this close to the top of the address space.
const PRELUDE_KEY: usize = usize::MAX - (1 << 16);

thread_local! {
    static FUNCTIONS: HashMap<String, (usize, Rc<FunctionDef>)> = load();
}

fn load() -> HashMap<String, (usize, Rc<FunctionDef>)> {
    let (module, diagnostics) = rhumba_grammar::parse_at(SOURCE, PRELUDE_BASE as usize);
    debug_assert!(diagnostics.is_empty(), "the numpy prelude parses");
    module
        .body
        .into_iter()
        .filter_map(|s| match s.kind {
            StmtKind::FunctionDef(def) => Some(def),
            _ => None,
        })
        .enumerate()
        .map(|(k, def)| (def.name.name.as_str().to_string(), (PRELUDE_KEY + k, def)))
        .collect()
}

/// The prelude function `name` (with its key), if there is one.
pub fn function(name: &str) -> Option<(usize, Rc<FunctionDef>)> {
    FUNCTIONS.with(|f| f.get(name).cloned())
}

/// The definition of the prelude function with `key`.
fn by_key(key: usize) -> Option<Rc<FunctionDef>> {
    FUNCTIONS.with(|f| f.values().find(|(k, _)| *k == key).map(|(_, d)| d.clone()))
}

/// Whether `key` names a prelude function.
pub fn is_prelude_key(key: usize) -> bool {
    key >= PRELUDE_KEY
}

/// The line of the prelude a span lies on (for messages about its code).
pub fn line_of(offset: u32) -> usize {
    let at = (offset.saturating_sub(PRELUDE_BASE) as usize).min(SOURCE.len());
    SOURCE[..at].matches('\n').count() + 1
}

/// Names as the prelude's functions see them; anything else the user's environment answers.
pub struct PreludeEnv<'a> {
    pub user: &'a dyn Environment,
}

impl Environment for PreludeEnv<'_> {
    fn global(&self, key: usize, name: Symbol) -> Option<Global> {
        if !is_prelude_key(key) {
            return self.user.global(key, name);
        }
        Some(match name.as_str() {
            "np" | "numpy" => Global::Module("numpy"),
            "math" => Global::Module("math"),
            "cmath" => Global::Module("cmath"),
            "complex" => Global::Builtin("complex"),
            "range" => Global::Builtin("range"),
            "len" => Global::Builtin("len"),
            "min" => Global::Builtin("min"),
            "max" => Global::Builtin("max"),
            "abs" => Global::Builtin("abs"),
            "int" => Global::Builtin("int"),
            "float" => Global::Builtin("float"),
            "bool" => Global::Builtin("bool"),
            "_raise_singular" => Global::Builtin("_raise_singular"),
            "_print_char" => Global::Builtin("_print_char"),
            "_raise_complex_division" => Global::Builtin("_raise_complex_division"),
            other => {
                let (key, def) = function(other)?;
                Global::Function { key, def }
            }
        })
    }

    fn bounds_check(&self, key: usize) -> bool {
        // The prelude indexes within bounds by construction; its checks are cheap insurance.
        is_prelude_key(key) || self.user.bounds_check(key)
    }

    fn function(&self, key: usize) -> Option<Rc<FunctionDef>> {
        if is_prelude_key(key) {
            by_key(key)
        } else {
            self.user.function(key)
        }
    }

    fn parallel(&self, key: usize) -> bool {
        !is_prelude_key(key) && self.user.parallel(key)
    }

    fn cuda(&self, key: usize) -> bool {
        !is_prelude_key(key) && self.user.cuda(key)
    }

    fn class(&self, key: usize) -> Option<Rc<crate::check::ClassInfo>> {
        self.user.class(key)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_prelude_parses_into_functions() {
        let (_, diagnostics) = rhumba_grammar::parse(super::SOURCE);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        for name in ["sort", "argsort", "searchsorted", "searchsorted__array", "histogram", "linspace", "concatenate", "where__1d"] {
            assert!(super::function(name).is_some(), "{name} is missing");
        }
    }
}
