//! The `numba` module as the interpreter sees it: decorators, eager signatures, types, `prange`
//! and `@vectorize`, with Numba's argument conversion and return-type truncation.

use std::rc::Rc;

use rhumba_compiler::{parse_signature, Layout, Signature, Type};
use rhumba_runtime::{DType, Element, NdArray};

use super::builtins::{Args, Builtin};
use super::value::*;
use super::Interpreter;

const NUMBA_FUNCS: &[Builtin] = &[
    Builtin { name: "njit", func: decorator_fn },
    Builtin { name: "jit", func: decorator_fn },
    Builtin { name: "vectorize", func: decorator_fn },
    Builtin { name: "guvectorize", func: decorator_fn },
    Builtin { name: "prange", func: prange },
    Builtin { name: "literal_unroll", func: literal_unroll },
    Builtin { name: "set_num_threads", func: threads_fn },
    Builtin { name: "get_num_threads", func: threads_fn },
    Builtin { name: "get_thread_id", func: threads_fn },
    Builtin { name: "deferred_type", func: deferred_type },
    Builtin { name: "optional", func: optional },
];

/// `numba.experimental.name`.
pub fn experimental_attr(name: &str) -> Option<Value> {
    (name == "jitclass").then_some(Value::Builtin(Builtin { name: "jitclass", func: jitclass }))
}

/// `@jitclass(spec)`, `jitclass(cls, spec)` and a bare `@jitclass` (no spec: the class runs as
/// a plain class, its methods interpreted).
fn jitclass(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    match args.pos.as_slice() {
        [class @ Value::Class(c), spec] => {
            super::classes::make_jitclass(c, spec)?;
            Ok(class.clone())
        }
        [class @ Value::Class(_)] => Ok(class.clone()),
        [spec] => Ok(Value::Decorator(Rc::new(Decorator::JitClass { spec: spec.clone() }))),
        _ => Ok(Value::Builtin(Builtin { name: this, func: jitclass })),
    }
}

/// `deferred_type()`: a placeholder for a jitclass's own type in a spec, which `.define(t)`
/// fixes.
fn deferred_type(_: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    Ok(Value::SpecType(Rc::new(super::classes::SpecType::Deferred(Default::default()))))
}

/// `optional(t)`: a type that is `t` or None, in a spec.
fn optional(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    Ok(match args.one(this)? {
        Value::NumbaType(t) => Value::NumbaType(Type::Optional(Box::new(t))),
        other => Value::SpecType(Rc::new(super::classes::SpecType::Optional(other))),
    })
}

/// A value converted to a scalar or complex type as a typed store converts it (Numba's
/// conversion of a jitclass field).
pub(super) fn convert_value(v: &Value, t: &Type) -> PyResult<Value> {
    convert_to(v, t, "a field assignment")
}

pub fn module_attr(name: &str) -> Option<Value> {
    if let Some(b) = NUMBA_FUNCS.iter().find(|b| b.name == name) {
        return Some(Value::Builtin(*b));
    }
    match name {
        "cuda" => return Some(Value::Module(ModuleKind::Cuda)),
        "types" => return Some(Value::Module(ModuleKind::NumbaTypes)),
        "typed" => return Some(Value::Module(ModuleKind::NumbaTyped)),
        "experimental" => return Some(Value::Module(ModuleKind::NumbaExperimental)),
        "void" | "none" => return Some(Value::NumbaType(Type::None)),
        "boolean" | "b1" | "bool_" => return Some(Value::NumbaType(Type::Scalar(DType::Bool))),
        "float_" | "double" | "int_" => {}
        _ => {}
    }
    DType::from_name(name).filter(|_| !matches!(name, "int" | "float" | "bool")).map(|d| Value::NumbaType(Type::Scalar(d)))
}

fn prange(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let range = interp.lookup(rhumba_grammar::Symbol::intern("range"))?;
    interp.call_value(range, args)
}

/// `numba.literal_unroll(t)`: in Python, the tuple itself (compiled loops over it unroll).
fn literal_unroll(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    args.one(this)
}

/// Thread-count controls of the `prange` thread pool (the interpreter itself runs one thread).
fn threads_fn(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    use rhumba_runtime::parallel;
    match this {
        "set_num_threads" => {
            let n = args.one(this)?.as_index()?;
            if n < 1 || n as usize > parallel::MAX_CHUNKS {
                return Err(value_error(format!("The number of threads must be between 1 and {}", parallel::MAX_CHUNKS)));
            }
            parallel::set_num_threads(n as usize);
            Ok(Value::None)
        }
        "get_num_threads" => Ok(Value::Int(parallel::num_threads() as i64)),
        _ => Ok(Value::Int(0)),
    }
}

const JIT_KEYWORDS: &[&str] = &["nopython", "parallel", "fastmath", "boundscheck", "cache", "nogil", "error_model", "inline", "debug", "forceobj", "looplift"];

/// `njit`, `jit` and `vectorize`, used bare (`@njit`) or with arguments (`@njit(parallel=True)`).
fn decorator_fn(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let bare = args.kw.is_empty() && args.pos.len() == 1 && matches!(args.pos[0], Value::Function(_));
    if this == "guvectorize" {
        let mut parallel = false;
        for (k, v) in &args.kw {
            match k.as_str() {
                "target" => match v {
                    Value::Str(t) if matches!(&**t, "cpu" | "parallel") => parallel = &**t == "parallel",
                    other => return Err(not_supported(format!("guvectorize target {} is not supported (cpu and parallel are)", super::format::repr(other)))),
                },
                "nopython" | "fastmath" | "cache" | "writable_args" | "identity" => {}
                other => return Err(type_error(format!("guvectorize() got an unexpected keyword argument '{other}'"))),
            }
        }
        let layout = match args.pos.get(1) {
            Some(Value::Str(text)) => super::gufunc::parse_layout(text).map_err(value_error)?,
            _ => return Err(type_error("guvectorize() takes its signatures and a layout string such as \"(n),()->(n)\"")),
        };
        let signatures = super::gufunc::signatures_of(args.pos.first())?;
        return finish(Decorator::GuVectorize { signatures, layout: Rc::new(layout), parallel }, false, args);
    }
    if this == "vectorize" {
        let mut parallel = false;
        let mut cuda = false;
        for (k, v) in &args.kw {
            match k.as_str() {
                "target" => match v {
                    Value::Str(t) if matches!(&**t, "cpu" | "parallel") => parallel = &**t == "parallel",
                    Value::Str(t) if &**t == "cuda" => cuda = true,
                    other => return Err(value_error(format!("unknown vectorize target {}", super::format::repr(other)))),
                },
                "nopython" | "fastmath" | "cache" | "identity" => {}
                other => return Err(type_error(format!("vectorize() got an unexpected keyword argument '{other}'"))),
            }
        }
        let decorator = Decorator::Vectorize { signatures: if bare { vec![] } else { signatures_of(args.pos.first())? }, parallel, cuda };
        return finish(decorator, bare, args);
    }
    let mut options = JitOptions::default();
    for (k, v) in &args.kw {
        let flag = || v.truthy();
        match k.as_str() {
            "parallel" => options.parallel = flag()?,
            "fastmath" => options.fastmath = flag()?,
            "boundscheck" => options.boundscheck = Some(flag()?),
            "cache" => options.cache = flag()?,
            "nogil" => options.nogil = flag()?,
            "nopython" => {
                if !flag()? {
                    return Err(not_supported("object mode (nopython=False) is not supported: rhumba compiles nopython code only"));
                }
            }
            "forceobj" | "looplift" => return Err(not_supported(format!("`{k}` (object mode) is not supported"))),
            "error_model" | "inline" | "debug" => {}
            other => {
                return Err(type_error(format!(
                    "{this}() got an unexpected keyword argument '{other}' (accepted: {})",
                    JIT_KEYWORDS.join(", ")
                )))
            }
        }
    }
    let signatures = if bare { vec![] } else { signatures_of(args.pos.first())? };
    finish(Decorator::Jit { signatures, options }, bare, args)
}

/// A bare decorator applies at once; one with arguments waits for the function.
fn finish(decorator: Decorator, bare: bool, args: Args) -> PyResult<Value> {
    if bare {
        return apply_decorator(&decorator, args);
    }
    Ok(Value::Decorator(Rc::new(decorator)))
}

/// Signatures given as a typed signature, a string, or a list of either.
pub(super) fn signatures_of(v: Option<&Value>) -> PyResult<Vec<Signature>> {
    let one = |v: &Value| -> PyResult<Signature> {
        match v {
            Value::Signature(s) => Ok(s.as_ref().clone()),
            Value::Str(s) => parse_signature(s).map_err(type_error),
            Value::NumbaType(t) => Ok(Signature { ret: Some(t.clone()), args: vec![] }),
            other => Err(type_error(format!("expected a signature, got {}", other.type_name()))),
        }
    };
    match v {
        None => Ok(vec![]),
        Some(Value::List(l)) => l.borrow().iter().map(one).collect(),
        Some(Value::Tuple(t)) => t.iter().map(one).collect(),
        Some(v) => Ok(vec![one(v)?]),
    }
}

pub fn apply_decorator(decorator: &Decorator, args: Args) -> PyResult<Value> {
    if let Decorator::JitClass { spec } = decorator {
        return match args.pos.as_slice() {
            [class @ Value::Class(c)] => {
                super::classes::make_jitclass(c, spec)?;
                Ok(class.clone())
            }
            _ => Err(type_error("jitclass(spec) must be applied to a class")),
        };
    }
    let func = match args.pos.as_slice() {
        [Value::Function(f)] => f.clone(),
        _ => return Err(type_error("a decorator must be applied to a function")),
    };
    let dispatch = match decorator {
        Decorator::Jit { signatures, options } => Dispatch::Jit { signatures: signatures.clone(), options: options.clone() },
        Decorator::Vectorize { signatures, parallel, cuda } => Dispatch::Vectorize { signatures: signatures.clone(), parallel: *parallel, cuda: *cuda },
        Decorator::Cuda { signatures, device, options } => Dispatch::Cuda { signatures: signatures.clone(), device: *device, options: options.clone() },
        Decorator::JitClass { .. } => return Err(type_error("jitclass(spec) must be applied to a class")),
        Decorator::GuVectorize { signatures, layout, parallel } => {
            let kernel = Rc::new(Kernel(Rc::new(Function {
                def: func.def.clone(),
                locals: func.locals.clone(),
                defaults: func.defaults.clone(),
                captured: func.captured.clone(),
                dispatch: Dispatch::Jit { signatures: vec![], options: JitOptions::default() },
            })));
            Dispatch::GuVectorize { signatures: signatures.clone(), layout: layout.clone(), parallel: *parallel, kernel }
        }
    };
    Ok(Value::Function(Rc::new(Function {
        def: func.def.clone(),
        locals: func.locals.clone(),
        defaults: func.defaults.clone(),
        captured: func.captured.clone(),
        dispatch,
    })))
}

/// Calling a Numba type: `float64(int64, float64[:])` builds a signature, `int32(x)` converts.
pub fn type_call(t: Type, args: Args) -> PyResult<Value> {
    if args.pos.iter().all(|a| matches!(a, Value::NumbaType(_))) && (!args.pos.is_empty() || t == Type::None) {
        let arg_types = args.pos.iter().filter_map(|a| if let Value::NumbaType(t) = a { Some(t.clone()) } else { None }).collect();
        return Ok(Value::Signature(Rc::new(Signature { ret: Some(t), args: arg_types })));
    }
    match (&t, args.pos.as_slice()) {
        (Type::Scalar(_), [v]) => convert_to(v, &t, "conversion"),
        _ => Err(type_error(format!("cannot call the type {t} with these arguments"))),
    }
}

/// `float64[:]`, `int32[:, ::1]`: an array type from a scalar type and slices.
pub fn array_type(dtype: DType, index: &Value) -> PyResult<Value> {
    let items: Vec<Value> = match index {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other.clone()],
    };
    let mut layout = Layout::Any;
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Slice(s) if s.lower.is_none() && s.upper.is_none() => {
                if s.step == Some(1) && i + 1 == items.len() {
                    layout = Layout::C;
                }
            }
            _ => return Err(type_error("array types are written with slices: float64[:], float64[:, ::1]")),
        }
    }
    Ok(Value::NumbaType(Type::Array { dtype, ndim: items.len(), layout }))
}

/// How well a value fits a signature's parameter type: exact, by conversion, or not at all.
fn fit(v: &Value, t: &Type) -> Option<u32> {
    match (t, v) {
        (Type::Scalar(d), Value::Int(_)) if d.is_int() => Some(if *d == DType::Int64 { 0 } else { 1 }),
        (Type::Scalar(d), Value::Bool(_)) if *d == DType::Bool => Some(0),
        (Type::Scalar(d), Value::Bool(_) | Value::Int(_)) if d.is_float() || d.is_int() => Some(2),
        (Type::Scalar(DType::Float64), Value::Float(_)) | (Type::Scalar(DType::Float32), Value::F32(_)) => Some(0),
        (Type::Scalar(d), Value::Float(_) | Value::F32(_)) if d.is_float() => Some(1),
        (Type::Scalar(d), Value::Float(_) | Value::F32(_)) if d.is_int() => Some(4),
        (Type::Complex(DType::Complex128), Value::Complex(..)) | (Type::Complex(DType::Complex64), Value::C64(..)) => Some(0),
        (Type::Complex(_), Value::Complex(..) | Value::C64(..) | Value::Float(_) | Value::F32(_) | Value::Int(_) | Value::Bool(_)) => Some(3),
        (Type::Array { dtype, ndim, layout }, Value::Array(a)) => {
            let layout_ok = *layout == Layout::Any || a.is_c_contiguous();
            (a.dtype == *dtype && a.ndim() == *ndim && layout_ok).then_some(0)
        }
        _ => None,
    }
}

/// Converts a value to a signature type, truncating as compiled code does (`int32` wraps).
fn convert_to(v: &Value, t: &Type, what: &str) -> PyResult<Value> {
    Ok(match t {
        Type::None | Type::Function { .. } => Value::None,
        Type::Scalar(d) => {
            let e = match v {
                Value::Float(f) if d.is_int() => Element::Int(*f as i64),
                Value::F32(f) if d.is_int() => Element::Int(*f as i64),
                other => other.to_element().map_err(|_| type_error(format!("cannot convert {} to {d} in {what}", other.type_name())))?,
            };
            let cell = NdArray::zeros(*d, &[]);
            cell.write(0, e);
            Value::from_element(cell.read(0))
        }
        Type::Optional(_) if matches!(v, Value::None) => Value::None,
        Type::Optional(inner) => convert_to(v, inner, what)?,
        Type::Complex(d) => {
            let (re, im) = super::complex::parts(v).map(|p| (p.re, p.im)).ok_or_else(|| type_error(format!("cannot convert {} to {d} in {what}", v.type_name())))?;
            if *d == DType::Complex64 {
                Value::C64(re as f32, im as f32)
            } else {
                Value::Complex(re, im)
            }
        }
        Type::Array { .. } | Type::Tuple(_) | Type::List { .. } | Type::Dict { .. } | Type::Str | Type::Instance { .. } => v.clone(),
    })
}

/// Picks the best-fitting eager signature for a call and converts the arguments to it.
pub fn match_signature(name: &str, signatures: &[Signature], args: Args) -> PyResult<(Args, Option<Type>)> {
    if !args.kw.is_empty() {
        return Err(type_error(format!("{name}(): keyword arguments are not supported with explicit signatures")));
    }
    let best = signatures
        .iter()
        .filter(|s| s.args.len() == args.pos.len())
        .filter_map(|s| s.args.iter().zip(&args.pos).map(|(t, v)| fit(v, t)).sum::<Option<u32>>().map(|score| (score, s)))
        .min_by_key(|(score, _)| *score);
    let Some((_, sig)) = best else {
        let given: Vec<String> = args.pos.iter().map(|v| v.type_name()).collect();
        let known: Vec<String> = signatures.iter().map(|s| s.to_string()).collect();
        return Err(type_error(format!(
            "No matching definition for argument type(s) {} in {name} (compiled signatures: {})",
            given.join(", "),
            known.join("; ")
        )));
    };
    let pos = sig.args.iter().zip(&args.pos).map(|(t, v)| convert_to(v, t, name)).collect::<PyResult<_>>()?;
    Ok((Args::positional(pos), sig.ret.clone()))
}

pub fn convert_return(v: Value, ret: Option<&Type>) -> PyResult<Value> {
    match ret {
        Some(t @ Type::Scalar(_)) if v.is_number() => convert_to(&v, t, "return value"),
        _ => Ok(v),
    }
}

/// The first signature every operand's dtype converts to safely, as a numpy ufunc picks its
/// loop; `None` for a ufunc without signatures.
pub(super) fn choose_signature<'s>(func: &Function, signatures: &'s [Signature], operands: &[Value], arrays: &[Rc<NdArray>]) -> PyResult<Option<&'s Signature>> {
    if signatures.is_empty() {
        return Ok(None);
    }
    let safe = |from: DType, to: &Type| match to {
        Type::Scalar(t) => from == *t || (DType::promote(from, *t) == *t),
        _ => false,
    };
    // Python scalars are weakly typed (NEP 50): beside an array an int fits any numeric loop and
    // a float any float loop; when every operand is a Python scalar they count as int64/float64.
    let all_python_scalars = operands.iter().all(|v| matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_)));
    let chosen = signatures.iter().find(|s| {
        s.args.len() == arrays.len()
            && arrays.iter().zip(operands).zip(&s.args).all(|((a, v), t)| match v {
                Value::Int(_) if !all_python_scalars => matches!(t, Type::Scalar(d) if d.is_int() || d.is_float()),
                Value::Float(_) if !all_python_scalars => matches!(t, Type::Scalar(d) if d.is_float()),
                _ => safe(a.dtype, t),
            })
    });
    chosen.map(Some).ok_or_else(|| {
        let given: Vec<&str> = arrays.iter().map(|a| a.dtype.name()).collect();
        type_error(format!("ufunc '{}' not supported for the input types ({})", func.name(), given.join(", ")))
    })
}

/// Calls a `@vectorize` function: once for scalars, elementwise with broadcasting for arrays;
/// compiled when the JIT is on and the function compiles, interpreted otherwise.
pub fn call_vectorized(interp: &mut Interpreter, func: &Rc<Function>, signatures: &[Signature], parallel: bool, args: Args) -> PyResult<Value> {
    let out = args.kw("out").cloned();
    if args.kw.iter().any(|(k, _)| k.as_str() != "out") {
        return Err(type_error(format!("{}(): only the `out=` keyword is accepted by a vectorized function", func.name())));
    }
    let operands = args.pos;
    let arrays: Vec<Rc<NdArray>> = operands.iter().map(super::numpy::as_array).collect::<PyResult<_>>()?;
    let mut shape: Vec<usize> = vec![];
    for a in &arrays {
        shape = rhumba_runtime::array::broadcast_shapes(&shape, &a.shape)
            .ok_or_else(|| value_error(format!("operands could not be broadcast together with shapes {shape:?} {:?}", a.shape)))?;
    }
    let sig = choose_signature(func, signatures, &operands, &arrays)?;
    if interp.jit_enabled() {
        let arg_types: Option<Vec<DType>> = match sig {
            Some(s) => s.args.iter().map(|t| if let Type::Scalar(d) = t { Some(*d) } else { None }).collect(),
            None => Some(operands.iter().zip(&arrays).map(|(v, a)| v.scalar_dtype().unwrap_or(a.dtype)).collect()),
        };
        let ret = sig.and_then(|s| match &s.ret {
            Some(Type::Scalar(d)) => Some(*d),
            _ => None,
        });
        if let Some(arg_types) = arg_types {
            if let Some(result) = interp.call_vectorized_compiled(func, &arrays, &arg_types, ret, &shape, parallel)? {
                let all_scalars = operands.iter().all(|v| !matches!(v, Value::Array(_) | Value::List(_) | Value::Tuple(_)));
                return finish_vectorized(result, all_scalars, out);
            }
        }
    }
    let broadcast: Vec<NdArray> = arrays.iter().map(|a| a.broadcast_to(&shape).expect("broadcast checked")).collect();
    let mut columns: Vec<Vec<Element>> = broadcast.iter().map(|b| b.elements().collect()).collect();
    let size: usize = shape.iter().product();
    let mut results = Vec::with_capacity(size);
    for i in 0..size {
        let mut call_args = Vec::with_capacity(columns.len());
        for (k, col) in columns.iter_mut().enumerate() {
            let v = Value::from_element(col[i]);
            call_args.push(match sig {
                Some(s) => convert_to(&v, &s.args[k], func.name())?,
                None => v,
            });
        }
        let r = super::ops::with_numba_semantics(|| interp.call_function(func, Args::positional(call_args)))?;
        results.push(match sig {
            Some(s) => convert_return(r, s.ret.as_ref())?,
            None => r,
        });
    }
    let all_scalars = operands.iter().all(|v| !matches!(v, Value::Array(_) | Value::List(_) | Value::Tuple(_)));
    if all_scalars && out.is_none() {
        return Ok(results.pop().unwrap_or(Value::None));
    }
    let dtype = match sig.and_then(|s| s.ret.clone()) {
        Some(Type::Scalar(d)) => d,
        _ => results.first().and_then(Value::scalar_dtype).unwrap_or(DType::Float64),
    };
    let elements: Vec<Element> = results.iter().map(Value::to_element).collect::<PyResult<_>>()?;
    finish_vectorized(NdArray::from_elements(dtype, &shape, elements), false, out)
}

/// Delivers a vectorized result: into `out=` when given, as a scalar when every operand was one.
fn finish_vectorized(result: NdArray, all_scalars: bool, out: Option<Value>) -> PyResult<Value> {
    match out {
        Some(Value::Array(target)) => {
            super::ops::assign_into(&target, &Value::array(result))?;
            Ok(Value::Array(target))
        }
        Some(other) => Err(type_error(format!("out= must be an array, not {}", other.type_name()))),
        None if all_scalars => Ok(Value::from_element(result.read(result.offset))),
        None => Ok(Value::array(result)),
    }
}
