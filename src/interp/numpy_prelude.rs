//! numpy functions the interpreter takes from the compiler's numpy prelude
//! (`compiler/src/numpy_prelude.py`): host code and `--no-jit` run the very code compiled
//! kernels run, so every mode gives the same answer. Under the JIT a host call compiles the
//! prelude function like any `@jit` function.

use std::rc::Rc;

use rhumba_grammar::Symbol;

use super::builtins::{Args, Builtin};
use super::value::*;
use super::Interpreter;

/// The numpy names the interpreter has no native version of and takes from the prelude.
const ENTRIES: &[&str] = &["argsort", "searchsorted", "histogram", "trace", "diff", "unique", "interp", "vstack", "hstack", "stack"];

/// `np.name` when the prelude provides it.
pub fn module_attr(name: &str) -> Option<Value> {
    match name {
        "ndindex" => return Some(Value::Builtin(Builtin { name: "ndindex", func: ndindex })),
        "ndenumerate" => return Some(Value::Builtin(Builtin { name: "ndenumerate", func: ndenumerate })),
        _ => {}
    }
    ENTRIES.iter().find(|e| **e == name).map(|e| Value::Builtin(Builtin { name: e, func: call }))
}

/// numpy's `LinAlgError` for a singular matrix (the prelude's `_raise_singular()`).
fn raise_singular(_: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    let mut e = PyError::new(ErrorKind::ValueError, "Matrix is singular to machine precision.");
    e.class = "LinAlgError".to_string();
    Err(e)
}

/// The prelude's ZeroDivisionError for a complex division by zero.
fn raise_complex_division(_: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    Err(PyError::new(ErrorKind::ZeroDivisionError, "complex division by zero"))
}

/// `np.linalg.name` (all from the prelude).
pub fn linalg_attr(name: &str) -> Option<Value> {
    const LINALG: &[&str] = &["inv", "det", "norm", "solve", "eigh", "eigvalsh", "lstsq"];
    LINALG.iter().find(|e| **e == name).map(|e| Value::Builtin(Builtin { name: e, func: linalg_call }))
}

fn linalg_call(interp: &mut Interpreter, args: Args, name: &'static str) -> PyResult<Value> {
    let ndim = |v: Option<&Value>| match v {
        Some(Value::Array(a)) => a.ndim(),
        _ => 0,
    };
    let variant = match name {
        "norm" => format!("linalg_norm__{}d", ndim(args.pos.first())),
        "solve" => format!("linalg_solve__{}d", ndim(args.pos.get(1))),
        "lstsq" => format!("linalg_lstsq__{}d", ndim(args.pos.get(1))),
        other => format!("linalg_{other}"),
    };
    let func = interp.prelude_function(&variant).ok_or_else(|| not_supported(format!("np.linalg.{name} is not supported for these arguments")))?;
    interp.call_value(Value::Function(func), args).map_err(|mut e| {
        // Called from host code: numpy's own message (kernels keep Numba's).
        if e.class == "LinAlgError" {
            e.message = "Singular matrix".to_string();
            e.frames.clear();
        }
        e
    })
}

/// Calls the prelude function for `name`: the variant the arguments' types select, with a
/// string keyword (`side="right"`) passed as its flag (`side_right=True`), as the checker does.
fn call(interp: &mut Interpreter, mut args: Args, name: &'static str) -> PyResult<Value> {
    let variant = match name {
        "searchsorted" if matches!(args.pos.get(1), Some(Value::Array(_))) => "searchsorted__array",
        "interp" if matches!(args.pos.first(), Some(Value::Array(_))) => "interp__array",
        "vstack" | "hstack" | "stack" => {
            let first = match args.pos.first() {
                Some(Value::Tuple(items)) => items.first().cloned(),
                Some(Value::List(items)) => items.borrow().first().cloned(),
                _ => None,
            };
            let ndim = match first {
                Some(Value::Array(a)) => a.ndim(),
                _ => 0,
            };
            match (name, ndim) {
                ("vstack" | "stack", 1) if args.pos.len() == 1 && args.kw.is_empty() => "vstack__1d",
                ("vstack", 2) => "concatenate__2d",
                ("hstack", 1) => "concatenate",
                ("hstack", 2) => {
                    args.pos.push(Value::Int(1));
                    let func = interp.prelude_function("concatenate__2d").ok_or_else(|| not_supported("np.hstack is not available"))?;
                    return interp.call_value(Value::Function(func), args);
                }
                _ => return Err(not_supported(format!("np.{name} is supported for sequences of 1-d and 2-d arrays (stack: 1-d, axis 0)"))),
            }
        }
        "diff" => match args.pos.first() {
            Some(Value::Array(a)) if a.ndim() == 1 => "diff",
            Some(Value::Array(a)) if a.ndim() == 2 => "diff__2d",
            _ => return Err(not_supported("np.diff is supported for 1-d and 2-d arrays")),
        },
        other => other,
    };
    let func = interp.prelude_function(variant).ok_or_else(|| not_supported(format!("np.{name} is not available")))?;
    let kw = args
        .kw
        .into_iter()
        .map(|(k, v)| match v {
            Value::Str(s) => (Symbol::intern(&format!("{k}_{s}")), Value::Bool(true)),
            other => (k, other),
        })
        .collect();
    interp.call_value(Value::Function(func), Args { pos: args.pos, kw })
}

/// `np.where(cond)` with one argument, for 1-d and 2-d conditions.
pub fn where_indices(interp: &mut Interpreter, args: Args) -> PyResult<Value> {
    let variant = match args.pos.first() {
        Some(Value::Array(a)) if a.ndim() == 1 => "where__1d",
        Some(Value::Array(a)) if a.ndim() == 2 => "where__2d",
        _ => return Err(not_supported("np.where(cond) is supported for 1-d and 2-d arrays")),
    };
    let func = interp.prelude_function(variant).ok_or_else(|| not_supported("np.where(cond) is not available"))?;
    interp.call_value(Value::Function(func), args)
}

/// `np.ndindex(*shape)`: every index tuple of the shape, in C order (a list the loop walks).
fn ndindex(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let dims: Vec<i64> = match args.pos.as_slice() {
        [Value::Tuple(t)] => t.iter().map(Value::as_index).collect::<PyResult<_>>()?,
        many => many.iter().map(Value::as_index).collect::<PyResult<_>>()?,
    };
    let shape: Vec<usize> = dims.iter().map(|d| usize::try_from(*d).unwrap_or(0)).collect();
    Ok(Value::list(index_tuples(&shape).into_iter().map(|ix| Value::tuple(ix.into_iter().map(|i| Value::Int(i as i64)).collect())).collect()))
}

/// `np.ndenumerate(a)`: `(index, element)` pairs in C order.
fn ndenumerate(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let Value::Array(a) = args.one(this)? else { return Err(type_error("np.ndenumerate() takes an array")) };
    let mut items = Vec::with_capacity(a.size());
    for ix in index_tuples(&a.shape) {
        let e = Value::from_element_checked(a.read(a.offset_of(&ix)))?;
        items.push(Value::tuple(vec![Value::tuple(ix.into_iter().map(|i| Value::Int(i as i64)).collect()), e]));
    }
    Ok(Value::list(items))
}

/// Every index of `shape`, last axis fastest.
fn index_tuples(shape: &[usize]) -> Vec<Vec<usize>> {
    let total: usize = shape.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut ix = vec![0usize; shape.len()];
    for _ in 0..total {
        out.push(ix.clone());
        for axis in (0..ix.len()).rev() {
            ix[axis] += 1;
            if ix[axis] < shape[axis] {
                break;
            }
            ix[axis] = 0;
        }
    }
    out
}

impl Interpreter {
    /// The prelude function `name` as a `@jit` function value, made once.
    pub(super) fn prelude_function(&mut self, name: &str) -> Option<Rc<Function>> {
        if let Some(f) = self.prelude_functions.get(name) {
            return Some(f.clone());
        }
        let (_, def) = rhumba_compiler::prelude::function(name)?;
        let mut f = self.make_function(def).ok()?;
        f.dispatch = Dispatch::Jit { signatures: vec![], options: JitOptions::default() };
        let f = Rc::new(f);
        self.prelude_functions.insert(name.to_string(), f.clone());
        Some(f)
    }

    /// A name read by a prelude function: `np`, `math`, or another prelude function (never the
    /// user's globals, which may use those names for something else).
    pub(super) fn prelude_name(&mut self, sym: Symbol) -> Option<Value> {
        match sym.as_str() {
            "np" | "numpy" => Some(Value::Module(ModuleKind::Numpy)),
            "math" => Some(Value::Module(ModuleKind::Math)),
            "cmath" => Some(Value::Module(ModuleKind::Cmath)),
            "_raise_singular" => Some(Value::Builtin(Builtin { name: "_raise_singular", func: raise_singular })),
            "_raise_complex_division" => Some(Value::Builtin(Builtin { name: "_raise_complex_division", func: raise_complex_division })),
            other => self.prelude_function(other).map(Value::Function),
        }
    }
}
