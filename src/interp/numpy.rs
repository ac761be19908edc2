//! The host numpy subset: array creation, ufuncs, reductions, array attributes and methods, and
//! `np.random` with numpy's legacy stream.

use std::rc::Rc;

use rhumba_grammar::ast::BinOp;
use rhumba_runtime::{DType, Element, NdArray};

use super::builtins::{to_float, to_int, unary_float_fn, Args, Builtin};
use super::ops;
use super::value::*;
use super::Interpreter;

macro_rules! funcs {
    ($($name:literal => $func:path),* $(,)?) => {
        &[$(Builtin { name: $name, func: $func }),*]
    };
}

const NUMPY_FUNCS: &[Builtin] = funcs! {
    "zeros" => filled, "ones" => filled, "empty" => filled, "full" => filled,
    "zeros_like" => filled_like, "ones_like" => filled_like, "empty_like" => filled_like, "full_like" => filled_like,
    "arange" => arange, "linspace" => linspace, "array" => array, "asarray" => array, "eye" => eye, "identity" => eye,
    "copy" => copy,
    "sqrt" => ufunc1, "exp" => ufunc1, "log" => ufunc1, "log10" => ufunc1, "log2" => ufunc1, "log1p" => ufunc1,
    "expm1" => ufunc1, "sin" => ufunc1, "cos" => ufunc1, "tan" => ufunc1, "arcsin" => ufunc1, "arccos" => ufunc1,
    "arctan" => ufunc1, "sinh" => ufunc1, "cosh" => ufunc1, "tanh" => ufunc1, "arcsinh" => ufunc1,
    "arccosh" => ufunc1, "arctanh" => ufunc1, "floor" => ufunc1, "ceil" => ufunc1, "trunc" => ufunc1,
    "abs" => ufunc1, "absolute" => ufunc1, "fabs" => ufunc1, "degrees" => ufunc1, "radians" => ufunc1,
    "rad2deg" => ufunc1, "deg2rad" => ufunc1, "sign" => ufunc1, "isnan" => ufunc1, "isinf" => ufunc1,
    "isfinite" => ufunc1, "square" => ufunc1, "negative" => ufunc1, "rint" => ufunc1,
    "conj" => ufunc1, "conjugate" => ufunc1, "real" => ufunc1, "imag" => ufunc1,
    "arctan2" => ufunc2, "hypot" => ufunc2, "power" => ufunc2, "fmod" => ufunc2, "maximum" => ufunc2,
    "minimum" => ufunc2, "copysign" => ufunc2, "add" => ufunc2, "subtract" => ufunc2, "multiply" => ufunc2,
    "divide" => ufunc2, "true_divide" => ufunc2, "floor_divide" => ufunc2, "mod" => ufunc2, "remainder" => ufunc2,
    "sum" => reduction, "prod" => reduction, "max" => reduction, "amax" => reduction, "min" => reduction,
    "amin" => reduction, "mean" => reduction, "std" => reduction, "var" => reduction, "argmax" => reduction,
    "argmin" => reduction, "cumsum" => reduction, "cumprod" => reduction, "all" => reduction, "any" => reduction,
    "count_nonzero" => reduction,
    "dot" => dot_fn, "matmul" => dot_fn, "allclose" => allclose, "isclose" => allclose, "array_equal" => array_equal,
    "reshape" => free_method, "transpose" => free_method, "ravel" => free_method, "sort" => sort,
    "where" => where_, "clip" => free_method, "concatenate" => concatenate, "outer" => outer, "shape" => free_method,
    "size" => free_method, "ndim" => free_method, "round" => free_method, "around" => free_method,
};

pub fn module_attr(name: &str) -> Option<Value> {
    if let Some(v) = super::numpy_prelude::module_attr(name) {
        return Some(v);
    }
    match name {
        "pi" => return Some(Value::Float(std::f64::consts::PI)),
        "e" => return Some(Value::Float(std::f64::consts::E)),
        "inf" | "Inf" => return Some(Value::Float(f64::INFINITY)),
        "nan" | "NaN" => return Some(Value::Float(f64::NAN)),
        "newaxis" => return Some(Value::None),
        "random" => return Some(Value::Module(ModuleKind::NumpyRandom)),
        "linalg" => return Some(Value::Module(ModuleKind::NumpyLinalg)),
        "ndarray" => return Some(Value::str("ndarray")),
        _ => {}
    }
    if let Some(d) = DType::from_name(name).filter(|_| !matches!(name, "int" | "float" | "bool" | "double" | "single")) {
        return Some(Value::ScalarType(d));
    }
    NUMPY_FUNCS.iter().find(|b| b.name == name).map(|b| Value::Builtin(*b))
}

/// The dtype named by a `dtype=` argument: a numpy dtype, a Python type or a string.
fn parse_dtype(v: &Value) -> PyResult<DType> {
    match v {
        Value::DType(d) | Value::ScalarType(d) => Ok(*d),
        Value::NumbaType(rhumba_compiler::Type::Scalar(d)) => Ok(*d),
        Value::Builtin(b) if b.name == "float" => Ok(DType::Float64),
        Value::Builtin(b) if b.name == "int" => Ok(DType::Int64),
        Value::Builtin(b) if b.name == "bool" => Ok(DType::Bool),
        Value::Str(s) => DType::from_name(s).ok_or_else(|| type_error(format!("data type '{s}' not understood"))),
        other => Err(type_error(format!("data type {} not understood", super::format::repr(other)))),
    }
}

fn dtype_arg(args: &Args, i: usize, default: DType) -> PyResult<DType> {
    match args.get(i, "dtype") {
        Some(Value::None) | None => Ok(default),
        Some(v) => parse_dtype(v),
    }
}

/// A new zero-filled array of a size the program chose: numpy's `ValueError` when its size in
/// bytes overflows, its `MemoryError` when memory runs out (never an abort).
pub fn allocate(dtype: DType, shape: &[usize]) -> PyResult<NdArray> {
    NdArray::try_zeros(dtype, shape).map_err(|e| match e {
        rhumba_runtime::AllocError::TooBig => value_error(rhumba_runtime::abi::ARRAY_TOO_BIG),
        rhumba_runtime::AllocError::OutOfMemory => {
            let bytes = shape.iter().product::<usize>() as u128 * dtype.size() as u128;
            let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            let tuple = if dims.len() == 1 { format!("({},)", dims[0]) } else { format!("({})", dims.join(", ")) };
            let mut err = PyError::new(ErrorKind::RuntimeError, format!("Unable to allocate {} for an array with shape {tuple} and data type {}", size_to_string(bytes), dtype.name()));
            err.class = "MemoryError".to_string();
            err
        }
    })
}

/// numpy's rendering of a byte count (`_size_to_string`): three significant digits of the
/// largest binary unit.
fn size_to_string(bytes: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bits = 128 - bytes.leading_zeros() as usize;
    let mut unit = (bits.saturating_sub(1).max(1) / 10).min(UNITS.len() - 1);
    let mut value = bytes as f64 / (1u128 << (10 * unit)) as f64;
    if value.round() == 1024.0 && unit + 1 < UNITS.len() {
        unit += 1;
        value /= 1024.0;
    }
    if unit == 0 {
        return format!("{bytes} bytes");
    }
    let decimals = if value >= 100.0 { 0 } else if value >= 10.0 { 1 } else { 2 };
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text };
    format!("{text} {}", UNITS[unit])
}

fn shape_arg(v: &Value) -> PyResult<Vec<usize>> {
    let dims: Vec<i64> = match v {
        Value::Tuple(t) => t.iter().map(Value::as_index).collect::<PyResult<_>>()?,
        Value::List(l) => l.borrow().iter().map(Value::as_index).collect::<PyResult<_>>()?,
        other => vec![other.as_index()?],
    };
    dims.into_iter()
        .map(|d| usize::try_from(d).map_err(|_| value_error("negative dimensions are not allowed")))
        .collect()
}

fn scalar_of(e: Element) -> Value {
    Value::from_element(e)
}

fn filled(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    args.check_keywords(this, &["shape", "dtype", "fill_value", "order"])?;
    let shape = shape_arg(args.require(0, "shape", this)?)?;
    let (fill, dtype) = if this == "full" {
        let fill = args.require(1, "fill_value", this)?.clone();
        let default = fill.scalar_dtype().unwrap_or(DType::Float64);
        (Some(fill), dtype_arg(&args, 2, default)?)
    } else {
        (None, dtype_arg(&args, 1, DType::Float64)?)
    };
    let a = allocate(dtype, &shape)?;
    match (this, fill) {
        ("ones", _) => ops::assign_into(&a, &Value::Int(1))?,
        (_, Some(f)) => ops::assign_into(&a, &f)?,
        _ => {}
    }
    Ok(Value::array(a))
}

fn filled_like(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let proto = as_array(args.require(0, "a", this)?)?;
    let dtype_pos = if this == "full_like" { 2 } else { 1 };
    let dtype = dtype_arg(&args, dtype_pos, proto.dtype)?;
    let a = NdArray::zeros(dtype, &proto.shape);
    match this {
        "ones_like" => ops::assign_into(&a, &Value::Int(1))?,
        "full_like" => ops::assign_into(&a, args.require(1, "fill_value", this)?)?,
        _ => {}
    }
    Ok(Value::array(a))
}

fn arange(_: &mut Interpreter, args: Args, _: &'static str) -> PyResult<Value> {
    let nums: Vec<&Value> = args.pos.iter().collect();
    let (start, stop, step) = match nums.as_slice() {
        [stop] => (Value::Int(0), (*stop).clone(), Value::Int(1)),
        [start, stop] => ((*start).clone(), (*stop).clone(), Value::Int(1)),
        [start, stop, step] => ((*start).clone(), (*stop).clone(), (*step).clone()),
        _ => return Err(type_error("arange() requires 1 to 3 positional arguments")),
    };
    let all_int = [&start, &stop, &step].iter().all(|v| matches!(v, Value::Int(_) | Value::Bool(_)));
    let default = if all_int { DType::Int64 } else { DType::Float64 };
    let dtype = dtype_arg(&args, 99, default)?;
    if all_int {
        let (s, e, st) = (start.as_index()?, stop.as_index()?, step.as_index()?);
        if st == 0 {
            return Err(PyError::new(ErrorKind::ZeroDivisionError, "arange: step cannot be zero"));
        }
        let n = range_len(s, e, st) as usize;
        let a = allocate(dtype, &[n])?;
        for i in 0..n {
            a.write(i, Element::Int(s.wrapping_add((i as i64).wrapping_mul(st))));
        }
        return Ok(Value::array(a));
    }
    let (s, e, st) = (start.as_f64()?, stop.as_f64()?, step.as_f64()?);
    if st == 0.0 {
        return Err(PyError::new(ErrorKind::ZeroDivisionError, "arange: step cannot be zero"));
    }
    let n = ((e - s) / st).ceil().max(0.0) as usize;
    // numpy fills from the first two values: x[i] = start + i * ((start + step) - start).
    let delta = (s + st) - s;
    let a = allocate(dtype, &[n])?;
    for i in 0..n {
        a.write(i, Element::F64(s + i as f64 * delta));
    }
    Ok(Value::array(a))
}

fn linspace(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    args.check_keywords(this, &["start", "stop", "num", "endpoint", "dtype"])?;
    let start = args.require(0, "start", this)?.as_f64()?;
    let stop = args.require(1, "stop", this)?.as_f64()?;
    let num = match args.get(2, "num") {
        Some(v) => usize::try_from(v.as_index()?).map_err(|_| value_error("Number of samples must be non-negative."))?,
        None => 50,
    };
    let endpoint = args.get(3, "endpoint").map(|v| v.truthy()).transpose()?.unwrap_or(true);
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = if div > 0 { delta / div as f64 } else { f64::NAN };
    let mut values: Vec<f64> = (0..num)
        // numpy: with no divisions (`num=1`) the samples are `i * delta + start`.
        .map(|i| if div == 0 { i as f64 * delta + start } else if step == 0.0 { i as f64 / div as f64 * delta + start } else { i as f64 * step + start })
        .collect();
    if endpoint && num > 1 {
        values[num - 1] = stop;
    }
    let dtype = dtype_arg(&args, 4, DType::Float64)?;
    Ok(Value::array(NdArray::from_elements(dtype, &[num], values.into_iter().map(Element::F64))))
}

/// `np.array(obj)`: nested lists, tuples and ranges of numbers become an n-d array.
fn array(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let obj = args.require(0, "object", this)?;
    let dtype = args.get(1, "dtype").filter(|v| !matches!(v, Value::None)).map(parse_dtype).transpose()?;
    let a = as_array(obj)?;
    Ok(Value::array(a.copy_as(dtype.unwrap_or(a.dtype))))
}

fn eye(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let n = args.require(0, "N", this)?.as_index()?.max(0) as usize;
    let dtype = dtype_arg(&args, 99, DType::Float64)?;
    let a = allocate(dtype, &[n, n])?;
    for i in 0..n {
        a.write(i * n + i, Element::Int(1));
    }
    Ok(Value::array(a))
}

fn copy(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    Ok(Value::array(as_array(args.require(0, "a", this)?)?.copy()))
}

/// An operand as an array: arrays as they are, nested sequences and scalars converted
/// (numpy's `asarray`), with the dtype numpy infers (`int64`, `float64`, `bool`).
pub fn as_array(v: &Value) -> PyResult<Rc<NdArray>> {
    if let Value::Array(a) = v {
        return Ok(a.clone());
    }
    let mut shape = Vec::new();
    let mut flat = Vec::new();
    flatten_nested(v, 0, &mut shape, &mut flat)?;
    let dtype = flat.iter().map(|x| x.scalar_dtype().unwrap_or(DType::Float64)).reduce(DType::promote).unwrap_or(DType::Float64);
    let elements: Vec<Element> = flat.iter().map(Value::to_element).collect::<PyResult<_>>()?;
    Ok(Rc::new(NdArray::from_elements(dtype, &shape, elements)))
}

fn flatten_nested(v: &Value, depth: usize, shape: &mut Vec<usize>, out: &mut Vec<Value>) -> PyResult<()> {
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        Value::Range(r) => (0..range_len(r.start, r.stop, r.step)).map(|k| Value::Int(r.start + k * r.step)).collect(),
        Value::Array(a) if a.ndim() > 0 => (0..a.shape[0]).map(|i| ops::index_array(a, &[Value::Int(i as i64)])).collect::<PyResult<_>>()?,
        Value::Array(a) => return flatten_nested(&Value::from_element(a.read(a.offset)), depth, shape, out),
        scalar if scalar.scalar_dtype().is_some() => {
            if depth != shape.len() {
                return Err(value_error("setting an array element with a sequence: the nested sequences have an inhomogeneous shape"));
            }
            out.push(scalar.clone());
            return Ok(());
        }
        other => return Err(type_error(format!("cannot make an array from a {}", other.type_name()))),
    };
    if depth == shape.len() {
        shape.push(items.len());
    } else if shape[depth] != items.len() {
        return Err(value_error("setting an array element with a sequence: the nested sequences have an inhomogeneous shape"));
    }
    items.iter().try_for_each(|i| flatten_nested(i, depth + 1, shape, out))
}

// ------------------------------------------------------------------ ufuncs

fn ufunc1(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let x = args.require(0, "x", this)?;
    map_unary(x, this)
}

/// Applies a one-argument ufunc to a scalar or elementwise to an array.
pub fn map_unary(x: &Value, name: &str) -> PyResult<Value> {
    let complex_array = matches!(x, Value::Array(a) if a.dtype.is_complex());
    if complex_array || super::complex::is_complex(x) {
        return super::complex::map_unary(x, name);
    }
    if matches!(name, "conj" | "conjugate" | "real") {
        return Ok(x.clone());
    }
    if name == "imag" {
        return map_unary(x, "square").and_then(|v| super::ops::binop(BinOp::Mul, &v, &Value::Int(0)));
    }
    let predicate = matches!(name, "isnan" | "isinf" | "isfinite");
    let keeps_int = matches!(name, "abs" | "absolute" | "sign" | "square" | "negative");
    let scalar = |v: &Value| -> PyResult<Value> {
        if predicate {
            let f = v.as_f64()?;
            return Ok(Value::Bool(match name {
                "isnan" => f.is_nan(),
                "isinf" => f.is_infinite(),
                _ => f.is_finite(),
            }));
        }
        if let (true, Value::Int(i)) = (keeps_int, v) {
            return Ok(Value::Int(match name {
                "sign" => i.signum(),
                "square" => i.wrapping_mul(*i),
                "negative" => i.wrapping_neg(),
                _ => i.wrapping_abs(),
            }));
        }
        let f = v.as_f64()?;
        let r = match name {
            "sign" => {
                if f.is_nan() {
                    f64::NAN
                } else if f > 0.0 {
                    1.0
                } else if f < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            "square" => f * f,
            "negative" => -f,
            "rint" => f.round_ties_even(),
            _ => unary_float_fn(name).ok_or_else(|| not_supported(format!("np.{name} is not supported")))?(f),
        };
        Ok(if let Value::F32(_) = v { Value::F32(r as f32) } else { Value::Float(r) })
    };
    match x {
        Value::Array(a) => {
            let dtype = if predicate {
                DType::Bool
            } else if a.dtype.is_float() || (keeps_int && a.dtype != DType::Bool) {
                a.dtype
            } else {
                DType::Float64
            };
            let out = NdArray::zeros(dtype, &a.shape);
            for (i, e) in a.elements().enumerate() {
                out.write(i, scalar(&scalar_of(e))?.to_element()?);
            }
            Ok(Value::array(out))
        }
        Value::List(_) | Value::Tuple(_) => map_unary(&Value::Array(as_array(x)?), name),
        v => scalar(v),
    }
}

fn ufunc2(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let a = args.require(0, "x1", this)?.clone();
    let b = args.require(1, "x2", this)?.clone();
    let (a, b) = (promote_sequence(a)?, promote_sequence(b)?);
    let op = match this {
        "add" => Some(BinOp::Add),
        "subtract" => Some(BinOp::Sub),
        "multiply" => Some(BinOp::Mul),
        "divide" | "true_divide" => Some(BinOp::Div),
        "floor_divide" => Some(BinOp::FloorDiv),
        "mod" | "remainder" => Some(BinOp::Mod),
        "power" => Some(BinOp::Pow),
        _ => None,
    };
    if let Some(op) = op {
        return match (&a, &b) {
            (Value::Array(_), _) | (_, Value::Array(_)) => ops::binop(op, &a, &b),
            // numpy scalars do not raise on division by zero.
            _ => ops::binop(op, &Value::array(NdArray::from_elements(a.scalar_dtype().unwrap_or(DType::Float64), &[], [a.to_element()?])), &b)
                .map(|r| match r {
                    Value::Array(x) => scalar_of(x.read(x.offset)),
                    other => other,
                }),
        };
    }
    let f = |x: Value, y: Value| -> PyResult<Value> {
        if let ("maximum" | "minimum", Value::Int(p), Value::Int(q)) = (this, &x, &y) {
            return Ok(Value::Int(if this == "maximum" { *p.max(q) } else { *p.min(q) }));
        }
        let (p, q) = (x.as_f64()?, y.as_f64()?);
        let r = match this {
            "arctan2" => p.atan2(q),
            "hypot" => p.hypot(q),
            "fmod" => p % q,
            "copysign" => p.copysign(q),
            "maximum" => {
                if p.is_nan() || q.is_nan() {
                    f64::NAN
                } else {
                    p.max(q)
                }
            }
            _ => {
                if p.is_nan() || q.is_nan() {
                    f64::NAN
                } else {
                    p.min(q)
                }
            }
        };
        Ok(match (&x, &y) {
            (Value::F32(_), Value::F32(_)) => Value::F32(r as f32),
            _ => Value::Float(r),
        })
    };
    elementwise2(&a, &b, f)
}

fn promote_sequence(v: Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(_) | Value::Tuple(_) => Value::Array(as_array(&v)?),
        other => other,
    })
}

/// Broadcasts two operands and applies `f` to each pair of elements.
fn elementwise2(a: &Value, b: &Value, f: impl Fn(Value, Value) -> PyResult<Value>) -> PyResult<Value> {
    if !matches!(a, Value::Array(_)) && !matches!(b, Value::Array(_)) {
        return f(a.clone(), b.clone());
    }
    let (x, y) = (as_array(a)?, as_array(b)?);
    let shape = rhumba_runtime::array::broadcast_shapes(&x.shape, &y.shape)
        .ok_or_else(|| value_error(format!("operands could not be broadcast together with shapes {:?} {:?}", x.shape, y.shape)))?;
    let (bx, by) = (x.broadcast_to(&shape).expect("broadcast checked"), y.broadcast_to(&shape).expect("broadcast checked"));
    let results: Vec<Value> = bx.elements().zip(by.elements()).map(|(p, q)| f(scalar_of(p), scalar_of(q))).collect::<PyResult<_>>()?;
    let dtype = results.iter().filter_map(Value::scalar_dtype).reduce(DType::promote).unwrap_or(DType::Float64);
    let elements: Vec<Element> = results.iter().map(Value::to_element).collect::<PyResult<_>>()?;
    Ok(Value::array(NdArray::from_elements(dtype, &shape, elements)))
}

// ------------------------------------------------------------------ reductions

fn reduction(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let a = as_array(args.require(0, "a", this)?)?;
    let rest = Args { pos: args.pos[1..].to_vec(), kw: args.kw };
    reduce(&a, this, &rest)
}

fn empty_reduction(name: &str) -> PyError {
    let op = match name {
        "max" | "amax" => "maximum",
        "min" | "amin" => "minimum",
        other => other,
    };
    value_error(format!("zero-size array to reduction operation {op} which has no identity"))
}

/// Reduces a 1-D run of elements to one value.
fn reduce_lane(lane: &[Element], dtype: DType, name: &str, ddof: f64) -> PyResult<Value> {
    if dtype.is_complex() {
        // Sums and products in order, as compiled code computes them (numpy's pairwise blocks
        // give the same sum below eight elements); the mean divides as Python's complex does.
        let zero = if dtype == DType::Complex64 { Value::C64(0.0, 0.0) } else { Value::Complex(0.0, 0.0) };
        let one = if dtype == DType::Complex64 { Value::C64(1.0, 0.0) } else { Value::Complex(1.0, 0.0) };
        let fold = |start: Value, op: BinOp| lane.iter().try_fold(start, |acc, e| ops::binop(op, &acc, &scalar_of(*e)));
        return match name {
            "sum" => fold(zero, BinOp::Add),
            "prod" => fold(one, BinOp::Mul),
            "mean" => ops::binop(BinOp::Div, &fold(zero, BinOp::Add)?, &Value::Int(lane.len() as i64)),
            other => Err(not_supported(format!("{other}() of a complex array is not supported yet"))),
        };
    }
    let float_out = |x: f64| if dtype == DType::Float32 { Value::F32(x as f32) } else { Value::Float(x) };
    Ok(match name {
        "sum" | "prod" => {
            let is_sum = name == "sum";
            if dtype.is_float() && is_sum {
                let values: Vec<f64> = lane.iter().map(|e| e.as_f64()).collect();
                float_out(if dtype == DType::Float32 { pairwise_sum_f32(&values) as f64 } else { pairwise_sum(&values) })
            } else if dtype.is_float() {
                float_out(lane.iter().fold(1.0, |acc, e| acc * e.as_f64()))
            } else {
                let mut acc: i64 = if is_sum { 0 } else { 1 };
                for e in lane {
                    acc = if is_sum { acc.wrapping_add(e.as_i64()) } else { acc.wrapping_mul(e.as_i64()) };
                }
                Value::Int(acc)
            }
        }
        "max" | "amax" | "min" | "amin" => {
            let want_max = name.ends_with("max");
            let mut best = *lane.first().ok_or_else(|| empty_reduction(name))?;
            for e in &lane[1..] {
                if best.as_f64().is_nan() {
                    break;
                }
                let take = match (e, &best) {
                    (Element::Int(x), Element::Int(y)) => if want_max { x > y } else { x < y },
                    _ => {
                        let (x, y) = (e.as_f64(), best.as_f64());
                        x.is_nan() || if want_max { x > y } else { x < y }
                    }
                };
                if take {
                    best = *e;
                }
            }
            scalar_of(best)
        }
        "argmax" | "argmin" => {
            let want_max = name == "argmax";
            if lane.is_empty() {
                return Err(value_error(format!("attempt to get {name} of an empty sequence")));
            }
            let mut best = 0;
            for (i, e) in lane.iter().enumerate().skip(1) {
                let (x, y) = (e.as_f64(), lane[best].as_f64());
                if y.is_nan() {
                    break;
                }
                let better = match (e, &lane[best]) {
                    (Element::Int(p), Element::Int(q)) => if want_max { p > q } else { p < q },
                    _ => x.is_nan() || if want_max { x > y } else { x < y },
                };
                if better {
                    best = i;
                }
            }
            Value::Int(best as i64)
        }
        "mean" => {
            let values: Vec<f64> = lane.iter().map(|e| e.as_f64()).collect();
            float_out(pairwise_sum(&values) / lane.len() as f64)
        }
        "std" | "var" => {
            let n = lane.len() as f64;
            let values: Vec<f64> = lane.iter().map(|e| e.as_f64()).collect();
            let mean = pairwise_sum(&values) / n;
            let squares: Vec<f64> = values.iter().map(|x| (x - mean) * (x - mean)).collect();
            let ss = pairwise_sum(&squares);
            let var = ss / (n - ddof);
            float_out(if name == "std" { var.sqrt() } else { var })
        }
        "all" => Value::Bool(lane.iter().all(|e| e.is_truthy())),
        "any" => Value::Bool(lane.iter().any(|e| e.is_truthy())),
        "count_nonzero" => Value::Int(lane.iter().filter(|e| e.is_truthy()).count() as i64),
        other => return Err(not_supported(format!("reduction {other}"))),
    })
}

fn reduce(a: &NdArray, name: &str, args: &Args) -> PyResult<Value> {
    args.check_keywords(name, &["axis", "ddof", "dtype", "out", "keepdims"])?;
    let ddof = args.kw("ddof").map(|v| v.as_f64()).transpose()?.unwrap_or(0.0);
    let axis = match args.get(0, "axis") {
        None | Some(Value::None) => None,
        Some(v) => {
            let ax = v.as_index()?;
            let nd = a.ndim() as i64;
            if ax < -nd || ax >= nd {
                return Err(value_error(format!("axis {ax} is out of bounds for array of dimension {nd}")));
            }
            Some(if ax < 0 { ax + nd } else { ax } as usize)
        }
    };
    if name == "cumsum" || name == "cumprod" {
        let is_sum = name == "cumsum";
        if let Some(axis) = axis.filter(|_| a.ndim() > 1) {
            // Running along one axis of a C-ordered copy: each element combines with the one a
            // step back along the axis, visited in increasing order.
            let dtype = if a.dtype.is_float() { a.dtype } else { DType::Int64 };
            let step: usize = a.shape[axis + 1..].iter().product();
            let mut values: Vec<Value> = a.elements().map(scalar_of).collect();
            let op = if is_sum { BinOp::Add } else { BinOp::Mul };
            for i in 0..values.len() {
                if step > 0 && (i / step) % a.shape[axis] != 0 {
                    values[i] = ops::binop(op, &values[i - step], &values[i])?;
                }
            }
            let out = NdArray::zeros(dtype, &a.shape);
            for (i, v) in values.iter().enumerate() {
                out.write(i, v.to_element()?);
            }
            return Ok(Value::array(out));
        }
        let dtype = if a.dtype.is_float() { a.dtype } else { DType::Int64 };
        let out = NdArray::zeros(dtype, &[a.size()]);
        let mut acc = if is_sum { Value::Int(0) } else { Value::Int(1) };
        for (i, e) in a.elements().enumerate() {
            let op = if is_sum { BinOp::Add } else { BinOp::Mul };
            acc = ops::binop(op, &acc, &scalar_of(e))?;
            out.write(i, acc.to_element()?);
        }
        return Ok(Value::array(out));
    }
    let Some(axis) = axis.filter(|_| a.ndim() > 1) else {
        let lane: Vec<Element> = a.elements().collect();
        if lane.is_empty() && matches!(name, "mean" | "std" | "var") {
            return Ok(Value::Float(f64::NAN));
        }
        return reduce_lane(&lane, a.dtype, name, ddof);
    };
    // Reduce along one axis: move it last, then reduce each lane.
    let mut outer_shape = a.shape.clone();
    let mut outer_strides = a.strides.clone();
    let len = outer_shape.remove(axis);
    let stride = outer_strides.remove(axis);
    let outer = NdArray { shape: outer_shape.clone(), strides: outer_strides, ..a.clone() };
    let mut results = Vec::with_capacity(outer.size());
    for base in outer.offsets() {
        let lane: Vec<Element> = (0..len).map(|k| a.read((base as isize + k as isize * stride) as usize)).collect();
        results.push(reduce_lane(&lane, a.dtype, name, ddof)?);
    }
    let dtype = results.iter().filter_map(Value::scalar_dtype).next().unwrap_or(DType::Float64);
    let elements: Vec<Element> = results.iter().map(Value::to_element).collect::<PyResult<_>>()?;
    Ok(Value::array(NdArray::from_elements(dtype, &outer_shape, elements)))
}

/// numpy's pairwise summation (`pairwise_sum` in its loops): blocks of up to 128 summed with
/// eight accumulators, larger runs split in halves. Host sums therefore round exactly as numpy's.
pub fn pairwise_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        let mut res = 0.0;
        for x in a {
            res += x;
        }
        res
    } else if n <= 128 {
        let mut r = [0.0; 8];
        r.copy_from_slice(&a[..8]);
        let mut i = 8;
        while i < n - n % 8 {
            for j in 0..8 {
                r[j] += a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for x in &a[i..] {
            res += x;
        }
        res
    } else {
        let mut half = n / 2;
        half -= half % 8;
        pairwise_sum(&a[..half]) + pairwise_sum(&a[half..])
    }
}

/// The same in single precision, as numpy sums `float32` arrays.
fn pairwise_sum_f32(a: &[f64]) -> f32 {
    let n = a.len();
    if n < 8 {
        let mut res = 0.0f32;
        for x in a {
            res += *x as f32;
        }
        res
    } else if n <= 128 {
        let mut r = [0.0f32; 8];
        for j in 0..8 {
            r[j] = a[j] as f32;
        }
        let mut i = 8;
        while i < n - n % 8 {
            for j in 0..8 {
                r[j] += a[i + j] as f32;
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for x in &a[i..] {
            res += *x as f32;
        }
        res
    } else {
        let mut half = n / 2;
        half -= half % 8;
        pairwise_sum_f32(&a[..half]) + pairwise_sum_f32(&a[half..])
    }
}

// ------------------------------------------------------------------ linear algebra and comparisons

fn dot_fn(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    dot(args.require(0, "a", this)?, args.require(1, "b", this)?)
}

/// `np.dot` / `@` for 1-D and 2-D operands.
pub fn dot(a: &Value, b: &Value) -> PyResult<Value> {
    if !matches!(a, Value::Array(_) | Value::List(_)) || !matches!(b, Value::Array(_) | Value::List(_)) {
        return ops::binop(BinOp::Mul, a, b);
    }
    let (x, y) = (as_array(a)?, as_array(b)?);
    let dtype = DType::promote(x.dtype, y.dtype);
    let get = |m: &NdArray, i: usize, j: usize| m.read(m.offset_of(&[i, j])).as_f64();
    let mismatch = || value_error(format!("shapes {:?} and {:?} not aligned", x.shape, y.shape));
    let (shape, values): (Vec<usize>, Vec<f64>) = match (x.ndim(), y.ndim()) {
        (1, 1) => {
            if x.shape[0] != y.shape[0] {
                return Err(mismatch());
            }
            let s: f64 = x.elements().zip(y.elements()).map(|(p, q)| p.as_f64() * q.as_f64()).sum();
            return Ok(if dtype.is_float() { Value::Float(s) } else { Value::Int(s as i64) });
        }
        (2, 2) => {
            let (n, k, m) = (x.shape[0], x.shape[1], y.shape[1]);
            if y.shape[0] != k {
                return Err(mismatch());
            }
            let mut out = vec![0.0; n * m];
            for i in 0..n {
                for p in 0..k {
                    let xip = get(&x, i, p);
                    for j in 0..m {
                        out[i * m + j] += xip * get(&y, p, j);
                    }
                }
            }
            (vec![n, m], out)
        }
        (2, 1) => {
            let (n, k) = (x.shape[0], x.shape[1]);
            if y.shape[0] != k {
                return Err(mismatch());
            }
            let yv: Vec<f64> = y.elements().map(|e| e.as_f64()).collect();
            (vec![n], (0..n).map(|i| (0..k).map(|p| get(&x, i, p) * yv[p]).sum()).collect())
        }
        (1, 2) => {
            let (k, m) = (y.shape[0], y.shape[1]);
            if x.shape[0] != k {
                return Err(mismatch());
            }
            let xv: Vec<f64> = x.elements().map(|e| e.as_f64()).collect();
            (vec![m], (0..m).map(|j| (0..k).map(|p| xv[p] * get(&y, p, j)).sum()).collect())
        }
        _ => return Err(not_supported("np.dot on arrays of more than 2 dimensions")),
    };
    Ok(Value::array(NdArray::from_elements(dtype, &shape, values.into_iter().map(Element::F64))))
}

fn allclose(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let rtol = args.get(2, "rtol").map(|v| v.as_f64()).transpose()?.unwrap_or(1e-5);
    let atol = args.get(3, "atol").map(|v| v.as_f64()).transpose()?.unwrap_or(1e-8);
    let equal_nan = args.get(4, "equal_nan").map(|v| v.truthy()).transpose()?.unwrap_or(false);
    let a = args.require(0, "a", this)?.clone();
    let b = args.require(1, "b", this)?.clone();
    let close = elementwise2(&promote_sequence(a)?, &promote_sequence(b)?, |x, y| {
        let (p, q) = (x.as_f64()?, y.as_f64()?);
        Ok(Value::Bool(if p.is_nan() || q.is_nan() {
            equal_nan && p.is_nan() && q.is_nan()
        } else if p.is_infinite() || q.is_infinite() {
            p == q
        } else {
            (p - q).abs() <= atol + rtol * q.abs()
        }))
    })?;
    if this == "isclose" {
        return Ok(close);
    }
    Ok(Value::Bool(match close {
        Value::Array(c) => c.elements().all(|e| e.is_truthy()),
        v => v.truthy()?,
    }))
}

fn array_equal(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let a = as_array(args.require(0, "a1", this)?)?;
    let b = as_array(args.require(1, "a2", this)?)?;
    if a.shape != b.shape {
        return Ok(Value::Bool(false));
    }
    let equal = a.elements().zip(b.elements()).all(|(x, y)| ops::values_equal(&scalar_of(x), &scalar_of(y)));
    Ok(Value::Bool(equal))
}

fn where_(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    if args.pos.len() == 1 && args.kw.is_empty() {
        // `np.where(cond)`: the indices of true elements, per axis (the numpy prelude's).
        return super::numpy_prelude::where_indices(interp, args);
    }
    let (xa, ya) = (as_array(args.require(1, "x", this)?)?, as_array(args.require(2, "y", this)?)?);
    let c = as_array(args.require(0, "condition", this)?)?;
    let shape = rhumba_runtime::array::broadcast_shapes(&c.shape, &xa.shape)
        .and_then(|s| rhumba_runtime::array::broadcast_shapes(&s, &ya.shape))
        .ok_or_else(|| value_error("operands could not be broadcast together"))?;
    let (bc, bx, by) = (
        c.broadcast_to(&shape).expect("checked"),
        xa.broadcast_to(&shape).expect("checked"),
        ya.broadcast_to(&shape).expect("checked"),
    );
    let dtype = DType::promote(xa.dtype, ya.dtype);
    let items = bc.elements().zip(bx.elements().zip(by.elements())).map(|(k, (p, q))| if k.is_truthy() { p } else { q });
    Ok(Value::array(NdArray::from_elements(dtype, &shape, items.collect::<Vec<_>>())))
}

fn concatenate(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let parts = interp.collect(args.require(0, "arrays", this)?)?;
    let arrays: Vec<Rc<NdArray>> = parts.iter().map(as_array).collect::<PyResult<_>>()?;
    if arrays.first().is_some_and(|a| a.ndim() == 2) {
        // The numpy prelude's, which compiled code runs too.
        let f = interp.prelude_function("concatenate__2d").ok_or_else(|| not_supported("np.concatenate is not available"))?;
        return interp.call_value(Value::Function(f), Args { pos: vec![Value::tuple(parts), args.get(1, "axis").cloned().unwrap_or(Value::Int(0))], kw: vec![] });
    }
    if arrays.iter().any(|a| a.ndim() != 1) {
        return Err(not_supported("np.concatenate of arrays with more than two dimensions"));
    }
    let dtype = arrays.iter().map(|a| a.dtype).reduce(DType::promote).unwrap_or(DType::Float64);
    let items: Vec<Element> = arrays.iter().flat_map(|a| a.elements().collect::<Vec<_>>()).collect();
    Ok(Value::array(NdArray::from_elements(dtype, &[items.len()], items)))
}

fn outer(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let a = as_array(args.require(0, "a", this)?)?;
    let b = as_array(args.require(1, "b", this)?)?;
    let (x, y) = (a.reshaped(&[a.size(), 1]), b.reshaped(&[1, b.size()]));
    ops::binop(BinOp::Mul, &Value::array(x), &Value::array(y))
}

fn sort(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let a = as_array(args.require(0, "a", this)?)?.copy();
    sort_in_place(&a)?;
    Ok(Value::array(a))
}

/// Sorts along the last axis, NaNs last, as numpy does.
fn sort_in_place(a: &NdArray) -> PyResult<()> {
    if a.ndim() == 0 {
        return Err(value_error("Cannot sort a 0-d array"));
    }
    let last = a.ndim() - 1;
    let mut outer_shape = a.shape.clone();
    let mut outer_strides = a.strides.clone();
    let len = outer_shape.remove(last);
    let stride = outer_strides.remove(last);
    let outer = NdArray { shape: outer_shape, strides: outer_strides, ..a.clone() };
    for base in outer.offsets() {
        let offs: Vec<usize> = (0..len).map(|k| (base as isize + k as isize * stride) as usize).collect();
        let mut lane: Vec<Element> = offs.iter().map(|o| a.read(*o)).collect();
        lane.sort_by(|x, y| match (x, y) {
            (Element::Int(p), Element::Int(q)) => p.cmp(q),
            _ => {
                let (p, q) = (x.as_f64(), y.as_f64());
                p.partial_cmp(&q).unwrap_or_else(|| p.is_nan().cmp(&q.is_nan()))
            }
        });
        for (o, e) in offs.iter().zip(lane) {
            a.write(*o, e);
        }
    }
    Ok(())
}

/// `np.reshape(a, shape)` and friends: the same as the array method.
fn free_method(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let a = as_array(args.require(0, "a", this)?)?;
    let rest = Args { pos: args.pos[1..].to_vec(), kw: args.kw };
    if let Some(attr) = array_attr(&a, this) {
        return attr;
    }
    array_method(interp, &a, this, rest)
}

// ------------------------------------------------------------------ array attributes and methods

/// Data attributes of an array; `None` for names that are methods.
pub fn array_attr(a: &Rc<NdArray>, name: &str) -> Option<PyResult<Value>> {
    Some(Ok(match name {
        "shape" => Value::tuple(a.shape.iter().map(|d| Value::Int(*d as i64)).collect()),
        "size" => Value::Int(a.size() as i64),
        "ndim" => Value::Int(a.ndim() as i64),
        "dtype" => Value::DType(a.dtype),
        "T" => Value::array(a.transposed()),
        "itemsize" => Value::Int(a.dtype.size() as i64),
        "nbytes" => Value::Int((a.size() * a.dtype.size()) as i64),
        "strides" => Value::tuple(a.strides.iter().map(|s| Value::Int(*s as i64 * a.dtype.size() as i64)).collect()),
        "real" | "imag" if a.dtype.is_complex() => Value::array(complex_part_view(a, name == "imag")),
        "real" => Value::Array(a.clone()),
        "flat" => Value::array(a.reshaped(&[a.size()])),
        _ => return None,
    }))
}

/// `a.real` / `a.imag` of a complex array: a view of one part, sharing the data (numpy's), so a
/// write through it changes the complex array.
fn complex_part_view(a: &NdArray, imag: bool) -> NdArray {
    NdArray {
        dtype: a.dtype.part(),
        shape: a.shape.clone(),
        strides: a.strides.iter().map(|s| s * 2).collect(),
        offset: a.offset * 2 + imag as usize,
        buffer: a.buffer.clone(),
    }
}

pub fn array_method(interp: &mut Interpreter, a: &Rc<NdArray>, name: &str, args: Args) -> PyResult<Value> {
    match name {
        "sum" | "prod" | "max" | "min" | "mean" | "std" | "var" | "argmax" | "argmin" | "cumsum" | "cumprod" | "all"
        | "any" => reduce(a, name, &args),
        "copy" => Ok(Value::array(a.copy())),
        "conj" | "conjugate" => map_unary(&Value::Array(a.clone()), name),
        "reshape" => {
            let dims: Vec<Value> = if args.pos.len() == 1 {
                match &args.pos[0] {
                    Value::Tuple(t) => t.as_ref().clone(),
                    Value::List(l) => l.borrow().clone(),
                    v => vec![v.clone()],
                }
            } else {
                args.pos.clone()
            };
            let mut shape: Vec<i64> = dims.iter().map(Value::as_index).collect::<PyResult<_>>()?;
            let known: i64 = shape.iter().filter(|d| **d >= 0).product();
            if let Some(pos) = shape.iter().position(|d| *d == -1) {
                if known == 0 || a.size() as i64 % known != 0 {
                    return Err(value_error(format!("cannot reshape array of size {} into shape {:?}", a.size(), shape)));
                }
                shape[pos] = a.size() as i64 / known;
            }
            let shape: Vec<usize> = shape.iter().map(|d| (*d).max(0) as usize).collect();
            if shape.iter().product::<usize>() != a.size() {
                return Err(value_error(format!(
                    "cannot reshape array of size {} into shape ({})",
                    a.size(),
                    shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")
                )));
            }
            Ok(Value::array(a.reshaped(&shape)))
        }
        "ravel" | "flatten" => {
            let flat = if name == "flatten" { a.copy() } else { a.as_ref().clone() };
            Ok(Value::array(flat.reshaped(&[a.size()])))
        }
        "transpose" => Ok(Value::array(a.transposed())),
        "astype" => {
            let dtype = parse_dtype(args.require(0, "dtype", "astype")?)?;
            Ok(Value::array(a.copy_as(dtype)))
        }
        "fill" => {
            ops::assign_into(a, &args.one("fill")?)?;
            Ok(Value::None)
        }
        "item" => {
            if a.size() != 1 {
                return Err(value_error("can only convert an array of size 1 to a Python scalar"));
            }
            Ok(scalar_of(a.read(a.offsets().next().unwrap_or(a.offset))))
        }
        "tolist" => Ok(to_list(a)),
        "sort" => {
            sort_in_place(a)?;
            Ok(Value::None)
        }
        "dot" => dot(&Value::Array(a.clone()), &args.one("dot")?),
        "clip" => {
            let lo = args.get(0, "a_min").cloned().unwrap_or(Value::None);
            let hi = args.get(1, "a_max").cloned().unwrap_or(Value::None);
            let out = NdArray::zeros(a.dtype, &a.shape);
            for (i, e) in a.elements().enumerate() {
                let mut v = scalar_of(e);
                if !matches!(lo, Value::None) && ops::order(&v, &lo) == Some(Some(std::cmp::Ordering::Less)) {
                    v = lo.clone();
                }
                if !matches!(hi, Value::None) && ops::order(&v, &hi) == Some(Some(std::cmp::Ordering::Greater)) {
                    v = hi.clone();
                }
                out.write(i, v.to_element()?);
            }
            Ok(Value::array(out))
        }
        "shape" | "size" | "ndim" => array_attr(a, name).unwrap_or_else(|| Ok(Value::None)),
        "round" | "around" => {
            // numpy's algorithm: scale, round half to even, unscale.
            let decimals = args.get(0, "decimals").map(Value::as_index).transpose()?.unwrap_or(0);
            if !a.dtype.is_float() && decimals >= 0 {
                return Ok(Value::array(a.copy()));
            }
            let scale = 10f64.powi(decimals.clamp(-308, 308) as i32);
            let out = NdArray::zeros(if a.dtype.is_float() { a.dtype } else { DType::Float64 }, &a.shape);
            for (i, e) in a.elements().enumerate() {
                let x = e.as_f64();
                let r = if decimals >= 0 { (x * scale).round_ties_even() / scale } else { (x / (1.0 / scale)).round_ties_even() * (1.0 / scale) };
                out.write(i, Element::F64(r));
            }
            Ok(Value::array(out))
        }
        _ => {
            let _ = interp;
            Err(PyError::new(
                ErrorKind::AttributeError,
                format!("'numpy.ndarray' object has no attribute '{name}' (not in rhumba's numpy subset)"),
            ))
        }
    }
}

fn to_list(a: &NdArray) -> Value {
    if a.ndim() == 0 {
        return scalar_of(a.read(a.offset));
    }
    let rows = (0..a.shape[0])
        .map(|i| {
            let sub = a.view(&[rhumba_runtime::array::AxisIndex::At(i)]);
            if sub.ndim() == 0 {
                scalar_of(sub.read(sub.offset))
            } else {
                to_list(&sub)
            }
        })
        .collect();
    Value::list(rows)
}

/// `np.float32(x)`, `np.int32(x)`, `np.float64(array)`: numpy scalar and array conversions.
pub fn dtype_call(_: &mut Interpreter, d: DType, args: Args) -> PyResult<Value> {
    let v = args.pos.first().cloned().unwrap_or(Value::Int(0));
    if let Value::Array(a) = &v {
        return Ok(Value::array(a.copy_as(d)));
    }
    if matches!(v, Value::List(_) | Value::Tuple(_)) {
        return Ok(Value::array(as_array(&v)?.copy_as(d)));
    }
    Ok(match d {
        DType::Complex64 | DType::Complex128 => {
            let p = super::complex::parts(&v).ok_or_else(|| type_error(format!("cannot convert {} to {d}", v.type_name())))?;
            if d == DType::Complex64 {
                Value::C64(p.re as f32, p.im as f32)
            } else {
                Value::Complex(p.re, p.im)
            }
        }
        DType::Float32 => Value::F32(to_float(&v)? as f32),
        DType::Float64 => Value::Float(to_float(&v)?),
        DType::Bool => Value::Bool(v.truthy()?),
        int_type => {
            let i = if let Value::Float(_) | Value::F32(_) = v { v.as_f64()? as i64 } else { to_int(&v)? };
            let probe = NdArray::zeros(int_type, &[]);
            probe.write(0, Element::Int(i));
            scalar_of(probe.read(0))
        }
    })
}

// ------------------------------------------------------------------ np.random

const RANDOM_FUNCS: &[Builtin] = funcs! {
    "seed" => random_fn, "random" => random_fn, "random_sample" => random_fn, "rand" => random_fn,
    "randn" => random_fn, "randint" => random_fn, "normal" => random_fn, "uniform" => random_fn,
    "standard_normal" => random_fn,
};

pub fn random_attr(name: &str) -> Option<Value> {
    RANDOM_FUNCS.iter().find(|b| b.name == name).map(|b| Value::Builtin(*b))
}

fn random_fn(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let size_of = |v: Option<&Value>| -> PyResult<Option<Vec<usize>>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => shape_arg(v).map(Some),
        }
    };
    let fill = |interp: &mut Interpreter, shape: Option<Vec<usize>>, dtype: DType, mut f: Box<dyn FnMut(&mut Interpreter) -> Element>| -> PyResult<Value> {
        Ok(match shape {
            None => scalar_of(f(interp)),
            Some(shape) => {
                let a = allocate(dtype, &shape)?;
                for i in 0..a.size() {
                    a.write(i, f(interp));
                }
                Value::array(a)
            }
        })
    };
    match this {
        "seed" => {
            let seed = args.require(0, "seed", this)?.as_index()?;
            let seed = u32::try_from(seed).map_err(|_| value_error("Seed must be between 0 and 2**32 - 1"))?;
            interp.with_rng(|r| *r = rhumba_runtime::random::Mt19937::new(seed));
            Ok(Value::None)
        }
        "random" | "random_sample" => {
            let shape = size_of(args.get(0, "size"))?;
            fill(interp, shape, DType::Float64, Box::new(|i| Element::F64(i.with_rng(|r| r.next_f64()))))
        }
        "rand" | "randn" | "standard_normal" => {
            let shape = if this == "standard_normal" {
                size_of(args.get(0, "size"))?
            } else if args.pos.is_empty() {
                None
            } else {
                Some(args.pos.iter().map(|v| v.as_index().map(|d| d.max(0) as usize)).collect::<PyResult<_>>()?)
            };
            let normal = this != "rand";
            fill(interp, shape, DType::Float64, Box::new(move |i| Element::F64(if normal { i.with_rng(|r| r.next_gauss()) } else { i.with_rng(|r| r.next_f64()) })))
        }
        "randint" => {
            let a = args.require(0, "low", this)?.as_index()?;
            let (low, high) = match args.get(1, "high") {
                Some(Value::None) | None => (0, a),
                Some(h) => (a, h.as_index()?),
            };
            if low >= high {
                return Err(value_error("low >= high"));
            }
            let shape = size_of(args.get(2, "size"))?;
            fill(interp, shape, DType::Int64, Box::new(move |i| Element::Int(i.with_rng(|r| r.next_int(low, high)))))
        }
        "normal" | "uniform" => {
            let (d0, d1) = if this == "normal" { (0.0, 1.0) } else { (0.0, 1.0) };
            let names = if this == "normal" { ("loc", "scale") } else { ("low", "high") };
            let p = args.get(0, names.0).map(|v| v.as_f64()).transpose()?.unwrap_or(d0);
            let q = args.get(1, names.1).map(|v| v.as_f64()).transpose()?.unwrap_or(d1);
            let shape = size_of(args.get(2, "size"))?;
            let normal = this == "normal";
            fill(
                interp,
                shape,
                DType::Float64,
                Box::new(move |i| Element::F64(if normal { p + q * i.with_rng(|r| r.next_gauss()) } else { p + (q - p) * i.with_rng(|r| r.next_f64()) })),
            )
        }
        other => Err(not_supported(format!("np.random.{other}"))),
    }
}
