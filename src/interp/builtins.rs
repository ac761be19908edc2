//! Python builtins (`print`, `len`, `range`, `min`, ...), the `math` and `time` modules, imports,
//! and the methods of lists and strings.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rhumba_grammar::Symbol;

use super::format;
use super::ops;
use super::value::*;
use super::Interpreter;

/// A function implemented in Rust.
#[derive(Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    pub func: fn(&mut Interpreter, Args, &'static str) -> PyResult<Value>,
}

/// The arguments of a call: positional values, then keyword values in call order.
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Symbol, Value)>,
}

impl Args {
    pub fn positional(pos: Vec<Value>) -> Args {
        Args { pos, kw: Vec::new() }
    }

    /// The keyword argument `name`, if given.
    pub fn kw(&self, name: &str) -> Option<&Value> {
        self.kw.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
    }

    /// Argument `i`, or keyword `name`, if given.
    pub fn get(&self, i: usize, name: &str) -> Option<&Value> {
        self.pos.get(i).or_else(|| self.kw(name))
    }

    pub fn require(&self, i: usize, name: &str, func: &str) -> PyResult<&Value> {
        self.get(i, name).ok_or_else(|| type_error(format!("{func}() missing required argument '{name}' (pos {})", i + 1)))
    }

    /// Exactly one positional argument.
    pub fn one(&self, func: &str) -> PyResult<Value> {
        if self.pos.len() != 1 {
            return Err(type_error(format!("{func}() takes exactly one argument ({} given)", self.pos.len())));
        }
        Ok(self.pos[0].clone())
    }

    /// Rejects keyword arguments outside `allowed`, naming the first unknown one.
    pub fn check_keywords(&self, func: &str, allowed: &[&str]) -> PyResult<()> {
        for (k, _) in &self.kw {
            if !allowed.contains(&k.as_str()) {
                return Err(type_error(format!("{func}() got an unexpected keyword argument '{k}'")));
            }
        }
        Ok(())
    }
}

macro_rules! builtin_table {
    ($($name:literal => $func:path),* $(,)?) => {
        &[$(Builtin { name: $name, func: $func }),*]
    };
}

const BUILTINS: &[Builtin] = builtin_table! {
    "print" => print,
    "len" => len,
    "range" => range,
    "min" => min,
    "max" => max,
    "abs" => abs,
    "int" => int,
    "float" => float,
    "complex" => complex,
    "bool" => bool_,
    "str" => str_,
    "repr" => repr,
    "round" => round,
    "sum" => sum,
    "enumerate" => enumerate,
    "zip" => zip,
    "list" => list,
    "tuple" => tuple,
    "sorted" => sorted,
    "reversed" => reversed,
    "any" => any,
    "all" => all,
    "divmod" => divmod,
    "pow" => pow,
    "format" => format_,
    "isinstance" => isinstance,
    "type" => type_,
    "ord" => ord,
    "dict" => dict_builtin,
    "chr" => chr,
};

pub fn table() -> HashMap<Symbol, Value> {
    let mut t: HashMap<Symbol, Value> = BUILTINS.iter().map(|b| (Symbol::intern(b.name), Value::Builtin(*b))).collect();
    for name in super::exceptions::builtin_names() {
        if let Some(class) = super::exceptions::builtin_class(name) {
            t.insert(Symbol::intern(name), class);
        }
    }
    t
}

pub fn import_module(name: &str) -> PyResult<Value> {
    Ok(Value::Module(match name {
        "numpy" => ModuleKind::Numpy,
        "numpy.random" => ModuleKind::NumpyRandom,
        "numpy.linalg" => ModuleKind::NumpyLinalg,
        "math" => ModuleKind::Math,
        "cmath" => ModuleKind::Cmath,
        "numba" => ModuleKind::Numba,
        "numba.cuda" => ModuleKind::Cuda,
        "numba.types" => ModuleKind::NumbaTypes,
        "numba.typed" => ModuleKind::NumbaTyped,
        "numba.experimental" => ModuleKind::NumbaExperimental,
        "time" => ModuleKind::Time,
        other => {
            return Err(PyError::new(
                ErrorKind::ImportError,
                format!("No module named '{other}' in rhumba (it provides numpy, math, cmath, numba and time)"),
            ))
        }
    }))
}

pub fn module_attr(module: ModuleKind, name: &str) -> PyResult<Value> {
    let found = match module {
        ModuleKind::Numpy => super::numpy::module_attr(name),
        ModuleKind::NumpyRandom => super::numpy::random_attr(name),
        ModuleKind::NumpyLinalg => super::numpy_prelude::linalg_attr(name),
        ModuleKind::Math => math_attr(name),
        ModuleKind::Cmath => cmath_attr(name),
        ModuleKind::Numba => super::numba_api::module_attr(name),
        ModuleKind::NumbaTypes => super::typed_containers::types_attr(name),
        ModuleKind::NumbaTyped => super::typed_containers::typed_attr(name),
        ModuleKind::NumbaExperimental => super::numba_api::experimental_attr(name),
        ModuleKind::Cuda => super::cuda::module_attr(name),
        ModuleKind::Time => match name {
            "perf_counter" | "time" | "monotonic" => Some(Value::Builtin(Builtin { name: "perf_counter", func: perf_counter })),
            _ => None,
        },
    };
    found.ok_or_else(|| {
        let hint = match module {
            ModuleKind::Cuda => " (rhumba implements numba.cuda's kernel API, device arrays, streams and events; see README)",
            ModuleKind::Numpy | ModuleKind::NumpyRandom | ModuleKind::NumpyLinalg => " (rhumba implements a subset of numpy; see README)",
            _ => "",
        };
        PyError::new(ErrorKind::AttributeError, format!("module '{}' has no attribute '{name}'{hint}", module.name()))
    })
}

fn perf_counter(_: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    Ok(Value::Float(START.get_or_init(Instant::now).elapsed().as_secs_f64() + 1.0))
}

// ------------------------------------------------------------------ builtins

fn print(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    args.check_keywords("print", &["sep", "end", "flush", "file"])?;
    let sep = match args.kw("sep") {
        Some(Value::Str(s)) => s.to_string(),
        _ => " ".to_string(),
    };
    let end = match args.kw("end") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "\n".to_string(),
    };
    // Inside a `@jit` function, Numba prints a float32 as the Python float it boxes it to.
    let numba = super::ops::in_numba_semantics();
    let text: Vec<String> = args
        .pos
        .iter()
        .map(|v| match v {
            Value::F32(x) if numba => format::float_repr(*x as f64),
            other => format::str(other),
        })
        .collect();
    let line = format!("{}{end}", text.join(&sep));
    interp.write_text(&line)?;
    Ok(Value::None)
}

fn len(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let v = args.one("len")?;
    Ok(Value::Int(match &v {
        Value::Str(s) => s.chars().count() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::List(l) => l.borrow().len() as i64,
        Value::Dict(d) => super::dict::len(d) as i64,
        Value::Range(r) => range_len(r.start, r.stop, r.step),
        Value::Array(a) if a.ndim() > 0 => a.shape[0] as i64,
        Value::Array(_) => return Err(type_error("len() of unsized object")),
        other => return Err(type_error(format!("object of type '{}' has no len()", other.type_name()))),
    }))
}

fn range(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let ints: Vec<i64> = args
        .pos
        .iter()
        .map(|v| v.as_index().map_err(|_| type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name()))))
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => return Err(type_error(format!("range expected 1 to 3 arguments, got {}", ints.len()))),
    };
    if step == 0 {
        return Err(value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::range(start, stop, step))
}

fn extreme(interp: &mut Interpreter, args: Args, want_max: bool, name: &str) -> PyResult<Value> {
    let items = if args.pos.len() == 1 { interp.collect(&args.pos[0])? } else { args.pos.clone() };
    let mut iter = items.into_iter();
    let mut best = iter.next().ok_or_else(|| value_error(format!("{name}() arg is an empty sequence")))?;
    let mut any_float = matches!(best, Value::Float(_));
    for v in iter {
        any_float |= matches!(v, Value::Float(_));
        let ord = ops::order(&v, &best)
            .ok_or_else(|| type_error(format!("'<' not supported between '{}' and '{}'", v.type_name(), best.type_name())))?;
        let better = match ord {
            Some(std::cmp::Ordering::Greater) => want_max,
            Some(std::cmp::Ordering::Less) => !want_max,
            _ => false,
        };
        if better {
            best = v;
        }
    }
    // Numba unifies the arguments' types: `min(2, 3.5)` is `2.0`.
    if any_float && args.pos.len() > 1 {
        if let Value::Int(i) = best {
            return Ok(Value::Float(i as f64));
        }
    }
    Ok(best)
}

fn min(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    extreme(interp, args, false, this)
}

fn max(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    extreme(interp, args, true, this)
}

fn abs(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    Ok(match args.one("abs")? {
        Value::Int(i) => Value::Int(i.wrapping_abs()),
        Value::Bool(b) => Value::Int(b as i64),
        Value::Float(f) => Value::Float(f.abs()),
        Value::F32(f) => Value::F32(f.abs()),
        z @ (Value::Complex(..) | Value::C64(..)) => super::complex::abs(&z).unwrap_or(Value::Float(f64::NAN)),
        a @ Value::Array(_) => super::numpy::map_unary(&a, "abs")?,
        other => return Err(type_error(format!("bad operand type for abs(): '{}'", other.type_name()))),
    })
}

pub fn to_int(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(_) | Value::F32(_) => {
            let f = v.as_f64()?;
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(PyError::new(ErrorKind::OverflowError, "cannot convert float infinity to integer"));
            }
            Ok(f.trunc() as i64)
        }
        Value::Str(s) => s.trim().parse().map_err(|_| value_error(format!("invalid literal for int() with base 10: {}", format::repr(v)))),
        Value::Array(a) if a.size() == 1 => to_int(&Value::from_element(a.elements().next().unwrap_or(rhumba_runtime::Element::Int(0)))),
        other => Err(type_error(format!("int() argument must be a string or a real number, not '{}'", other.type_name()))),
    }
}

fn int(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.pos.first() {
        None => Ok(Value::Int(0)),
        // Inside a decorated function, Numba's conversion: INT64_MIN for NaN, infinities and
        // values out of range, where CPython raises or grows a big integer.
        Some(v @ (Value::Float(_) | Value::F32(_))) if interp.in_decorated_function() => Ok(Value::Int(rhumba_runtime::array::float_to_i64(v.as_f64()?))),
        Some(v) => Ok(Value::Int(to_int(v)?)),
    }
}

pub fn to_float(v: &Value) -> PyResult<f64> {
    match v {
        Value::Str(s) => match s.trim() {
            "inf" | "+inf" | "infinity" => Ok(f64::INFINITY),
            "-inf" | "-infinity" => Ok(f64::NEG_INFINITY),
            "nan" => Ok(f64::NAN),
            t => t.parse().map_err(|_| value_error(format!("could not convert string to float: {}", format::repr(v)))),
        },
        Value::Array(a) if a.size() != 1 => Err(type_error("only length-1 arrays can be converted to Python scalars")),
        other => other.as_f64(),
    }
}

fn float(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.pos.first() {
        None => Ok(Value::Float(0.0)),
        Some(v) => Ok(Value::Float(to_float(v)?)),
    }
}

fn bool_(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.pos.first() {
        None => Ok(Value::Bool(false)),
        Some(v) => Ok(Value::Bool(v.truthy()?)),
    }
}

fn str_(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    Ok(Value::str(&args.pos.first().map(format::str).unwrap_or_default()))
}

fn repr(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    Ok(Value::str(&format::repr(&args.one("repr")?)))
}

fn format_(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let v = args.require(0, "value", "format")?;
    let spec = match args.get(1, "format_spec") {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::str(&format::format_spec(v, &spec)?))
}

/// Python's `round`: half to even, an int with one argument. With digits, host code rounds the
/// exact binary value as CPython does (`round(2.675, 2) == 2.67`), while decorated functions
/// scale, round and unscale as compiled Numba code does (`2.68`).
fn round(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let x = args.require(0, "number", "round")?.clone();
    match args.get(1, "ndigits") {
        None | Some(Value::None) => match x {
            Value::Int(i) => Ok(Value::Int(i)),
            v => {
                let f = v.as_f64()?;
                if !f.is_finite() {
                    return Err(value_error("cannot convert float NaN or infinity to integer"));
                }
                Ok(Value::Int(f.round_ties_even() as i64))
            }
        },
        Some(d) => {
            let digits = d.as_index()?;
            match x {
                Value::Int(i) if digits >= 0 => Ok(Value::Int(i)),
                v => {
                    let f = v.as_f64()?;
                    let r = if digits >= 0 && !interp.in_decorated_function() && f.is_finite() {
                        format!("{f:.*}", digits.min(400) as usize).parse().unwrap_or(f)
                    } else {
                        let scale = 10f64.powi(digits.clamp(-308, 308) as i32);
                        (f * scale).round_ties_even() / scale
                    };
                    Ok(if let Value::F32(_) = v { Value::F32(r as f32) } else { Value::Float(if r.is_finite() { r } else { f }) })
                }
            }
        }
    }
}

fn sum(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let items = interp.collect(args.require(0, "iterable", "sum")?)?;
    let mut acc = args.get(1, "start").cloned().unwrap_or(Value::Int(0));
    for v in items {
        acc = ops::binop(rhumba_grammar::ast::BinOp::Add, &acc, &v)?;
    }
    Ok(acc)
}

fn enumerate(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let source = args.require(0, "iterable", "enumerate")?.clone();
    // Not iterated yet (a write to the source during the loop is seen), only checked.
    interp.iterate(&source)?;
    let start = match args.get(1, "start") {
        Some(v) => v.as_index()?,
        None => 0,
    };
    Ok(Value::Lazy(Rc::new(LazyIterable::Enumerate { source, start })))
}

fn zip(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    for v in &args.pos {
        interp.iterate(v)?;
    }
    Ok(Value::Lazy(Rc::new(LazyIterable::Zip(args.pos.clone()))))
}

fn list(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.pos.first() {
        None => Ok(Value::list(vec![])),
        Some(v) => Ok(Value::list(interp.collect(v)?)),
    }
}

fn tuple(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.pos.first() {
        None => Ok(Value::tuple(vec![])),
        Some(v) => Ok(Value::tuple(interp.collect(v)?)),
    }
}

fn sort_values(items: &mut [Value]) -> PyResult<()> {
    let mut error = None;
    items.sort_by(|a, b| match ops::order(a, b) {
        Some(Some(o)) => o,
        Some(None) => std::cmp::Ordering::Equal,
        None => {
            error.get_or_insert_with(|| type_error(format!("'<' not supported between '{}' and '{}'", a.type_name(), b.type_name())));
            std::cmp::Ordering::Equal
        }
    });
    error.map_or(Ok(()), Err)
}

fn sorted(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    args.check_keywords("sorted", &["reverse"])?;
    let mut items = interp.collect(args.require(0, "iterable", "sorted")?)?;
    sort_values(&mut items)?;
    if args.kw("reverse").map(|v| v.truthy()).transpose()?.unwrap_or(false) {
        items.reverse();
    }
    Ok(Value::list(items))
}

fn reversed(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let mut items = interp.collect(&args.one("reversed")?)?;
    items.reverse();
    Ok(Value::list(items))
}

fn any(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    for v in interp.collect(&args.one("any")?)? {
        if v.truthy()? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(interp: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    for v in interp.collect(&args.one("all")?)? {
        if !v.truthy()? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn divmod(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let (a, b) = (args.require(0, "a", "divmod")?, args.require(1, "b", "divmod")?);
    let q = ops::binop(rhumba_grammar::ast::BinOp::FloorDiv, a, b)?;
    let r = ops::binop(rhumba_grammar::ast::BinOp::Mod, a, b)?;
    Ok(Value::tuple(vec![q, r]))
}

/// `type(x)`: an exception's class, or the builtin that names a value's type (`int`, `float`).
fn type_(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let v = args.one("type")?;
    let named = |name: &str| BUILTINS.iter().find(|b| b.name == name).map(|b| Value::Builtin(*b));
    let found = match &v {
        Value::Exception(e) => Some(Value::ExceptionClass(e.class.clone())),
        Value::Instance(i) => Some(Value::Class(i.class.clone())),
        Value::Int(_) => named("int"),
        Value::Float(_) => named("float"),
        Value::Bool(_) => named("bool"),
        Value::Complex(..) => named("complex"),
        Value::Str(_) => named("str"),
        Value::List(l) if super::typed_containers::is_typed_list(l) => super::typed_containers::typed_attr("List"),
        Value::List(_) => named("list"),
        Value::Dict(d) if d.borrow().typed => super::typed_containers::typed_attr("Dict"),
        Value::Dict(_) => Some(Value::Builtin(Builtin { name: "dict", func: dict_builtin })),
        Value::Tuple(_) => named("tuple"),
        _ => None,
    };
    found.ok_or_else(|| not_supported(format!("type() of {} is not supported", v.type_name())))
}

/// `dict()`, `dict(mapping)`.
fn dict_builtin(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.pos.first() {
        None => super::dict::new(vec![], false),
        Some(Value::Dict(d)) => super::dict::new(d.borrow().entries.values().cloned().collect(), false),
        Some(other) => Err(not_supported(format!("dict() from a {} is not supported", other.type_name()))),
    }
}

fn ord(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    match args.one("ord")? {
        Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().map_or(0, |c| c as i64))),
        Value::Str(s) => Err(type_error(format!("ord() expected a character, but string of length {} found", s.chars().count()))),
        other => Err(type_error(format!("ord() expected string of length 1, but {} found", other.type_name()))),
    }
}

fn chr(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let code = args.one("chr")?.as_index()?;
    let c = u32::try_from(code).ok().and_then(char::from_u32).ok_or_else(|| value_error("chr() arg not in range(0x110000)"))?;
    Ok(Value::str(c.encode_utf8(&mut [0u8; 4])))
}

fn complex(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    super::complex::construct(&args.pos)
}

/// `cmath.name`: its constants, and its functions through `complex::cmath_call`.
fn cmath_attr(name: &str) -> Option<Value> {
    const FUNCTIONS: &[&str] = &[
        "exp", "sqrt", "log", "log10", "phase", "polar", "rect", "isnan", "isinf", "isfinite", "cos", "sin", "tan", "cosh", "sinh", "tanh", "asin", "acos", "atan", "asinh",
        "acosh", "atanh",
    ];
    Some(match name {
        "pi" => Value::Float(std::f64::consts::PI),
        "e" => Value::Float(std::f64::consts::E),
        "tau" => Value::Float(std::f64::consts::TAU),
        "inf" => Value::Float(f64::INFINITY),
        "nan" => Value::Float(f64::NAN),
        "infj" => Value::Complex(0.0, f64::INFINITY),
        "nanj" => Value::Complex(0.0, f64::NAN),
        _ => {
            let f = FUNCTIONS.iter().find(|f| **f == name)?;
            Value::Builtin(Builtin { name: f, func: cmath_function })
        }
    })
}

fn cmath_function(interp: &mut Interpreter, args: Args, name: &'static str) -> PyResult<Value> {
    if matches!(name, "asin" | "acos" | "atan" | "asinh" | "acosh" | "atanh") {
        // The numpy prelude's functions, which compiled code runs too.
        let z = match args.pos.as_slice() {
            [z] => super::complex::parts(z).ok_or_else(|| type_error(format!("must be real number, not {}", z.type_name())))?,
            _ => return Err(type_error(format!("cmath.{name}() takes exactly one argument ({} given)", args.pos.len()))),
        };
        let f = interp.prelude_function(&format!("cmath_{name}")).ok_or_else(|| not_supported(format!("cmath.{name} is not available")))?;
        return interp.call_value(Value::Function(f), Args::positional(vec![Value::Complex(z.re, z.im)]));
    }
    super::complex::cmath_call(name, &args.pos)
}

fn pow(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    ops::binop(rhumba_grammar::ast::BinOp::Pow, args.require(0, "base", "pow")?, args.require(1, "exp", "pow")?)
}

fn isinstance(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let (v, t) = (args.require(0, "obj", "isinstance")?, args.require(1, "class", "isinstance")?);
    let matches_one = |t: &Value| match t {
        Value::Builtin(b) => match b.name {
            "int" => matches!(v, Value::Int(_) | Value::Bool(_)),
            "float" => matches!(v, Value::Float(_)),
            "complex" => matches!(v, Value::Complex(..)),
            "bool" => matches!(v, Value::Bool(_)),
            "str" => matches!(v, Value::Str(_)),
            "list" => matches!(v, Value::List(_)),
            "tuple" => matches!(v, Value::Tuple(_)),
            _ => false,
        },
        Value::ExceptionClass(c) => matches!(v, Value::Exception(e) if e.class.lineage.contains(&c.name)),
        Value::Class(c) => matches!(v, Value::Instance(i) if Rc::ptr_eq(&i.class, c)),
        _ => false,
    };
    Ok(Value::Bool(match t {
        Value::Tuple(ts) => ts.iter().any(matches_one),
        t => matches_one(t),
    }))
}

// ------------------------------------------------------------------ math

const MATH_FUNCS: &[Builtin] = builtin_table! {
    "sqrt" => math_unary, "exp" => math_unary, "log" => math_log, "log10" => math_unary, "log2" => math_unary,
    "log1p" => math_unary, "expm1" => math_unary, "sin" => math_unary, "cos" => math_unary, "tan" => math_unary,
    "asin" => math_unary, "acos" => math_unary, "atan" => math_unary, "sinh" => math_unary, "cosh" => math_unary,
    "tanh" => math_unary, "asinh" => math_unary, "acosh" => math_unary, "atanh" => math_unary, "erf" => math_unary,
    "erfc" => math_unary, "gamma" => math_unary, "lgamma" => math_unary, "fabs" => math_unary,
    "degrees" => math_unary, "radians" => math_unary,
    "floor" => math_rounding, "ceil" => math_rounding, "trunc" => math_rounding,
    "atan2" => math_binary, "pow" => math_binary, "hypot" => math_binary, "copysign" => math_binary, "fmod" => math_binary,
    "isnan" => math_predicate, "isinf" => math_predicate, "isfinite" => math_predicate,
    "gcd" => math_gcd, "factorial" => math_factorial,
};

fn math_attr(name: &str) -> Option<Value> {
    let constant = match name {
        "pi" => Some(std::f64::consts::PI),
        "e" => Some(std::f64::consts::E),
        "tau" => Some(std::f64::consts::TAU),
        "inf" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(c) = constant {
        return Some(Value::Float(c));
    }
    MATH_FUNCS.iter().find(|b| b.name == name).map(|b| Value::Builtin(*b))
}

fn math_domain(name: &str) -> PyError {
    value_error(format!("math domain error (in math.{name})"))
}

/// A real function of one float, by name; `None` for names that are not one.
pub fn unary_float_fn(name: &str) -> Option<fn(f64) -> f64> {
    Some(match name {
        "sqrt" => f64::sqrt,
        "exp" => f64::exp,
        "log" => f64::ln,
        "log10" => f64::log10,
        "log2" => f64::log2,
        "log1p" => f64::ln_1p,
        "expm1" => f64::exp_m1,
        "sin" => f64::sin,
        "cos" => f64::cos,
        "tan" => f64::tan,
        "asin" | "arcsin" => f64::asin,
        "acos" | "arccos" => f64::acos,
        "atan" | "arctan" => f64::atan,
        "sinh" => f64::sinh,
        "cosh" => f64::cosh,
        "tanh" => f64::tanh,
        "asinh" | "arcsinh" => f64::asinh,
        "acosh" | "arccosh" => f64::acosh,
        "atanh" | "arctanh" => f64::atanh,
        "fabs" | "abs" | "absolute" => f64::abs,
        "degrees" | "rad2deg" => f64::to_degrees,
        "radians" | "deg2rad" => f64::to_radians,
        "floor" => f64::floor,
        "ceil" => f64::ceil,
        "trunc" => f64::trunc,
        "erf" => libm_erf,
        "erfc" => libm_erfc,
        "gamma" => libm_tgamma,
        "lgamma" => libm_lgamma,
        _ => return None,
    })
}

extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
    fn tgamma(x: f64) -> f64;
    fn lgamma(x: f64) -> f64;
}

// The C library's special functions are the ones compiled Numba code calls, so results agree to
// the last bit. They are pure functions of a double.
fn libm_erf(x: f64) -> f64 {
    // SAFETY: `erf` from the platform C library reads only its argument.
    unsafe { erf(x) }
}

fn libm_erfc(x: f64) -> f64 {
    // SAFETY: as for `erf`.
    unsafe { erfc(x) }
}

fn libm_tgamma(x: f64) -> f64 {
    // SAFETY: as for `erf`.
    unsafe { tgamma(x) }
}

fn libm_lgamma(x: f64) -> f64 {
    // SAFETY: as for `erf`; glibc's `lgamma` writes the sign to the global `signgam`, which
    // nothing in rhumba reads.
    unsafe { lgamma(x) }
}

fn math_unary(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let name = this;
    let x = args.pos.first().ok_or_else(|| type_error(format!("math.{name}() takes exactly one argument")))?;
    if let Value::Array(_) = x {
        return Err(type_error(format!("math.{name}() needs a scalar; use np.{name} for arrays")));
    }
    let v = x.as_f64()?;
    let f = unary_float_fn(name).ok_or_else(|| not_supported(format!("math.{name}")))?;
    let domain_ok = match name {
        "sqrt" => v >= 0.0 || v.is_nan(),
        "log" | "log10" | "log2" => v > 0.0 || v.is_nan(),
        "log1p" => v > -1.0 || v.is_nan(),
        "asin" | "acos" => (-1.0..=1.0).contains(&v) || v.is_nan(),
        "acosh" => v >= 1.0 || v.is_nan(),
        "atanh" => v > -1.0 && v < 1.0 || v.is_nan(),
        _ => true,
    };
    if !domain_ok {
        return Err(math_domain(name));
    }
    // Numba keeps a float32 argument's type (computing in double and rounding, as compiled code
    // does); CPython's math functions return a Python float.
    if let (Value::F32(_), true) = (x, ops::in_numba_semantics()) {
        return Ok(Value::F32(f(v) as f32));
    }
    Ok(Value::Float(f(v)))
}

fn math_log(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    if args.pos.len() == 2 {
        let (x, base) = (args.pos[0].as_f64()?, args.pos[1].as_f64()?);
        if x <= 0.0 || base <= 0.0 {
            return Err(math_domain("log"));
        }
        return Ok(Value::Float(x.ln() / base.ln()));
    }
    math_unary(interp, args, this)
}

fn math_rounding(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let name = this;
    let x = args.pos.first().ok_or_else(|| type_error(format!("math.{name}() takes exactly one argument")))?;
    if let Value::Int(i) = x {
        return Ok(Value::Int(*i));
    }
    let v = x.as_f64()?;
    let r = match name {
        "floor" => v.floor(),
        "ceil" => v.ceil(),
        _ => v.trunc(),
    };
    to_int(&Value::Float(r)).map(Value::Int)
}

fn math_binary(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let name = this;
    if args.pos.len() != 2 {
        return Err(type_error(format!("math.{name}() takes exactly 2 arguments")));
    }
    let single = matches!((&args.pos[0], &args.pos[1]), (Value::F32(_), Value::F32(_))) && ops::in_numba_semantics();
    let (x, y) = (args.pos[0].as_f64()?, args.pos[1].as_f64()?);
    let result = |v: f64| if single { Value::F32(v as f32) } else { Value::Float(v) };
    Ok(result(match name {
        "atan2" => x.atan2(y),
        "pow" => x.powf(y),
        "hypot" => x.hypot(y),
        "copysign" => x.copysign(y),
        _ => {
            if y == 0.0 {
                return Err(math_domain("fmod"));
            }
            x % y
        }
    }))
}

fn math_predicate(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let name = this;
    let v = args.pos.first().ok_or_else(|| type_error(format!("math.{name}() takes exactly one argument")))?.as_f64()?;
    Ok(Value::Bool(match name {
        "isnan" => v.is_nan(),
        "isinf" => v.is_infinite(),
        _ => v.is_finite(),
    }))
}

fn math_gcd(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let mut g: i64 = 0;
    for v in &args.pos {
        let mut a = v.as_index()?.wrapping_abs();
        let mut b = g;
        while b != 0 {
            (a, b) = (b, a % b);
        }
        g = a;
    }
    Ok(Value::Int(g))
}

fn math_factorial(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let n = args.pos.first().ok_or_else(|| type_error("factorial() takes exactly one argument"))?.as_index()?;
    if n < 0 {
        return Err(value_error("factorial() not defined for negative values"));
    }
    Ok(Value::Int((1..=n).fold(1i64, |acc, k| acc.wrapping_mul(k))))
}

// ------------------------------------------------------------------ list and str methods

/// Inside `@jit` functions a list converts what it stores to its item type, as Numba's lists do
/// (`xs.append(3)` on a list of floats stores 3.0); the type is that of its first item.
pub(super) fn like_items(v: Value, items: &[Value]) -> Value {
    match items.first() {
        Some(model) if ops::in_numba_semantics() => super::dict::like(v, model),
        _ => v,
    }
}

pub fn list_method(interp: &mut Interpreter, list: &Rc<RefCell<Vec<Value>>>, name: &str, args: Args) -> PyResult<Value> {
    match name {
        "append" => {
            let v = args.one("append")?;
            let mut l = list.borrow_mut();
            let v = like_items(v, &l);
            l.push(v);
            Ok(Value::None)
        }
        "extend" => {
            let items = interp.collect(&args.one("extend")?)?;
            let mut l = list.borrow_mut();
            let items: Vec<Value> = items.into_iter().map(|v| like_items(v, &l)).collect();
            l.extend(items);
            Ok(Value::None)
        }
        "pop" => {
            let mut l = list.borrow_mut();
            if l.is_empty() {
                return Err(PyError::new(ErrorKind::IndexError, "pop from empty list"));
            }
            let n = l.len() as i64;
            let i = match args.pos.first() {
                Some(v) => v.as_index()?,
                None => n - 1,
            };
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(PyError::new(ErrorKind::IndexError, "pop index out of range"));
            }
            Ok(l.remove(j as usize))
        }
        "insert" => {
            let i = args.require(0, "index", "insert")?.as_index()?;
            let v = args.require(1, "object", "insert")?.clone();
            let mut l = list.borrow_mut();
            let v = like_items(v, &l);
            let n = l.len() as i64;
            let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
            l.insert(j as usize, v);
            Ok(Value::None)
        }
        "sort" => {
            let mut items = list.borrow().clone();
            sort_values(&mut items)?;
            if args.kw("reverse").map(|v| v.truthy()).transpose()?.unwrap_or(false) {
                items.reverse();
            }
            *list.borrow_mut() = items;
            Ok(Value::None)
        }
        "reverse" => {
            list.borrow_mut().reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(list.borrow().clone())),
        "clear" => {
            list.borrow_mut().clear();
            Ok(Value::None)
        }
        "index" => {
            let x = args.one("index")?;
            list.borrow()
                .iter()
                .position(|v| ops::values_equal(v, &x))
                .map(|i| Value::Int(i as i64))
                .ok_or_else(|| if ops::in_numba_semantics() { value_error("value not in list") } else { value_error(format!("{} is not in list", format::repr(&x))) })
        }
        "count" => {
            let x = args.one("count")?;
            Ok(Value::Int(list.borrow().iter().filter(|v| ops::values_equal(v, &x)).count() as i64))
        }
        "remove" => {
            let x = args.one("remove")?;
            let pos = list.borrow().iter().position(|v| ops::values_equal(v, &x));
            match pos {
                Some(i) => {
                    list.borrow_mut().remove(i);
                    Ok(Value::None)
                }
                None => Err(value_error("list.remove(x): x not in list")),
            }
        }
        other => Err(PyError::new(ErrorKind::AttributeError, format!("'list' object has no attribute '{other}'"))),
    }
}

pub fn str_method(interp: &mut Interpreter, s: &Rc<str>, name: &str, args: Args) -> PyResult<Value> {
    match name {
        "format" => {
            // Positional `{}` / `{0}` / `{name}` fields with optional specs.
            let mut out = String::new();
            let mut auto = 0usize;
            let mut rest: &str = s;
            while let Some(open) = rest.find(['{', '}']) {
                out.push_str(&rest[..open]);
                let tail = &rest[open..];
                if tail.starts_with("{{") || tail.starts_with("}}") {
                    out.push_str(&tail[..1]);
                    rest = &tail[2..];
                    continue;
                }
                let close = tail.find('}').ok_or_else(|| value_error("Single '{' encountered in format string"))?;
                let field = &tail[1..close];
                let (key, spec) = field.split_once(':').unwrap_or((field, ""));
                let value = if key.is_empty() {
                    auto += 1;
                    args.pos.get(auto - 1).cloned()
                } else if let Ok(i) = key.parse::<usize>() {
                    args.pos.get(i).cloned()
                } else {
                    args.kw(key).cloned()
                };
                let value = value.ok_or_else(|| PyError::new(ErrorKind::IndexError, format!("Replacement index {key} out of range")))?;
                out.push_str(&format::format_spec(&value, spec)?);
                rest = &tail[close + 1..];
            }
            out.push_str(rest);
            Ok(Value::str(&out))
        }
        "join" => {
            let items = interp.collect(&args.one("join")?)?;
            let parts: PyResult<Vec<String>> = items
                .iter()
                .map(|v| match v {
                    Value::Str(x) => Ok(x.to_string()),
                    other => Err(type_error(format!("sequence item: expected str instance, {} found", other.type_name()))),
                })
                .collect();
            Ok(Value::str(&parts?.join(s)))
        }
        "upper" => Ok(Value::str(&s.to_uppercase())),
        "lower" => Ok(Value::str(&s.to_lowercase())),
        "strip" | "lstrip" | "rstrip" => {
            let trimmed: &str = match args.pos.first() {
                Some(Value::Str(chars)) => {
                    let set = |c: char| chars.contains(c);
                    match name {
                        "strip" => s.trim_matches(set),
                        "lstrip" => s.trim_start_matches(set),
                        _ => s.trim_end_matches(set),
                    }
                }
                _ => match name {
                    "strip" => s.trim(),
                    "lstrip" => s.trim_start(),
                    _ => s.trim_end(),
                },
            };
            Ok(Value::str(trimmed))
        }
        "isdigit" | "isdecimal" | "isnumeric" => Ok(Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))),
        "isalpha" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic))),
        "isalnum" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric))),
        "isspace" => Ok(Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace))),
        "isupper" => Ok(Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))),
        "islower" => Ok(Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))),
        "find" | "index" | "rfind" | "count" => {
            let needle = match args.one(name)? {
                Value::Str(p) => p,
                other => return Err(type_error(format!("must be str, not {}", other.type_name()))),
            };
            // Positions count characters, as Python's do.
            let char_pos = |byte: usize| s[..byte].chars().count() as i64;
            match name {
                "count" => Ok(Value::Int(if needle.is_empty() { s.chars().count() as i64 + 1 } else { s.matches(&*needle).count() as i64 })),
                "rfind" => Ok(Value::Int(s.rfind(&*needle).map_or(-1, char_pos))),
                _ => match s.find(&*needle) {
                    Some(b) => Ok(Value::Int(char_pos(b))),
                    None if name == "find" => Ok(Value::Int(-1)),
                    None => Err(value_error("substring not found")),
                },
            }
        }
        "startswith" | "endswith" => {
            let p = match args.one(name)? {
                Value::Str(p) => p,
                other => return Err(type_error(format!("{name} arg must be str, not {}", other.type_name()))),
            };
            Ok(Value::Bool(if name == "startswith" { s.starts_with(&*p) } else { s.ends_with(&*p) }))
        }
        "split" => {
            let parts: Vec<Value> = match args.pos.first() {
                Some(Value::Str(sep)) => s.split(&**sep).map(Value::str).collect(),
                _ => s.split_whitespace().map(Value::str).collect(),
            };
            Ok(Value::list(parts))
        }
        "replace" => match (args.pos.first(), args.pos.get(1)) {
            (Some(Value::Str(a)), Some(Value::Str(b))) => Ok(Value::str(&s.replace(&**a, b))),
            _ => Err(type_error("replace() takes two string arguments")),
        },
        "ljust" | "rjust" | "center" => {
            let width = args.require(0, "width", name)?.as_index()?.max(0) as usize;
            let spec = format!("{}{width}", match name {
                "ljust" => '<',
                "rjust" => '>',
                _ => '^',
            });
            Ok(Value::str(&format::format_spec(&Value::Str(s.clone()), &spec)?))
        }
        other => Err(PyError::new(ErrorKind::AttributeError, format!("'str' object has no attribute '{other}'"))),
    }
}
