//! Operators with Numba's scalar semantics (64-bit wrapping ints, Python's floor division and
//! modulo) and numpy's array semantics (broadcasting, dtype promotion), plus indexing.

use std::rc::Rc;

use rhumba_grammar::ast::{BinOp, CmpOp, UnaryOp};
use rhumba_runtime::array::{broadcast_shapes, AxisIndex};
use rhumba_runtime::{DType, Element, NdArray};

use super::value::*;

/// Whether a division by zero raises (Python and Numba scalars) or yields inf/nan/0 (numpy arrays).
#[derive(Clone, Copy, PartialEq)]
enum ZeroDiv {
    Raise,
    Ieee,
}

fn zero_division(msg: &str) -> PyError {
    PyError::new(ErrorKind::ZeroDivisionError, msg)
}

/// `a op b` in compiled Numba's typing: with an array operand, a scalar counts with its own
/// type (`float32_array * 2.0` is float64), where numpy 2's host rule would keep float32.
pub fn binop_numba(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if matches!(a, Value::Array(_)) || matches!(b, Value::Array(_)) {
        let strong = |v: &Value| match v {
            Value::Float(f) => Value::array(NdArray::from_elements(DType::Float64, &[], [Element::F64(*f)])),
            Value::Int(i) => Value::array(NdArray::from_elements(DType::Int64, &[], [Element::Int(*i)])),
            other => other.clone(),
        };
        return binop(op, &strong(a), &strong(b));
    }
    let ints = matches!((a, b), (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)));
    // Numba's integer `**` stays an integer: a negative exponent gives 1, ±1 or 0.
    if let (BinOp::Pow, true, Value::Int(x), Value::Int(y)) = (op, ints, a, b) {
        if *y < 0 {
            return match x {
                0 => Err(zero_division("0 cannot be raised to a negative power")),
                1 => Ok(Value::Int(1)),
                -1 => Ok(Value::Int(if y & 1 == 0 { 1 } else { -1 })),
                _ => Ok(Value::Int(0)),
            };
        }
    }
    // A float to an integer power by Numba's repeated squaring, as compiled code computes it.
    if let (BinOp::Pow, Value::Float(x), Value::Int(n)) = (op, a, b) {
        let r = rhumba_runtime::abi::rhumba_powi(*x, n.unsigned_abs().min(i64::MAX as u64) as i64);
        return match (*n < 0, r == 0.0) {
            (true, true) => Err(zero_division("division by zero")),
            (true, false) => Ok(Value::Float(1.0 / r)),
            (false, _) => Ok(Value::Float(r)),
        };
    }
    // C's `pow`, as compiled code calls it: `0.0 ** -1.0` is inf and `(-8.0) ** 0.5` nan, where
    // CPython raises or goes complex.
    if let (BinOp::Pow, Value::Float(x), Value::Float(y)) = (op, a, b) {
        return Ok(Value::Float(x.powf(*y)));
    }
    binop(op, a, b).map_err(|mut e| {
        // Compiled code's messages (the ABI's error table), so that a decorated function says
        // the same whether it ran compiled or interpreted.
        if e.kind == ErrorKind::ZeroDivisionError {
            let (exception, message) = rhumba_runtime::abi::describe_error(
                match (op, ints) {
                    (BinOp::FloorDiv, true) => rhumba_runtime::abi::ERR_INT_DIVISION,
                    (BinOp::Mod, true) => rhumba_runtime::abi::ERR_INT_MODULO,
                    (BinOp::Mod, false) => rhumba_runtime::abi::ERR_FLOAT_MODULO,
                    _ => rhumba_runtime::abi::ERR_FLOAT_DIVISION,
                },
                0,
                0,
                0,
            );
            debug_assert_eq!(exception, "ZeroDivisionError");
            e.message = message;
        }
        e
    })
}

thread_local! {
    /// How many interpreted `@jit` functions (Numba's semantics: int64 wraps around) enclose
    /// the code running now; at zero the code is host code, whose Python ints do not wrap.
    static NUMBA_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f` with Numba's integer semantics (an interpreted `@jit` function).
pub fn with_numba_semantics<T>(f: impl FnOnce() -> T) -> T {
    NUMBA_DEPTH.with(|d| d.set(d.get() + 1));
    let out = f();
    NUMBA_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    out
}

/// Whether the code running now is an interpreted `@jit` function (Numba's integer semantics).
pub fn in_numba_semantics() -> bool {
    NUMBA_DEPTH.with(|d| d.get()) > 0
}

/// An int64 result: wrapped inside `@jit` functions (Numba), an OverflowError in host code,
/// where CPython's integers are unbounded and rhumba's host integers have 64 bits.
fn int_result(exact: Option<i64>, wrapped: i64) -> PyResult<Value> {
    match exact {
        Some(v) => Ok(Value::Int(v)),
        None if NUMBA_DEPTH.with(|d| d.get()) > 0 => Ok(Value::Int(wrapped)),
        None => Err(PyError::new(
            ErrorKind::OverflowError,
            "integer result does not fit in 64 bits (rhumba's host integers have 64 bits; CPython's are unbounded)",
        )),
    }
}

pub fn binop(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    // The hot cases of numeric loops, before the general dispatch.
    match (op, a, b) {
        (BinOp::Add, Value::Float(x), Value::Float(y)) => return Ok(Value::Float(x + y)),
        (BinOp::Sub, Value::Float(x), Value::Float(y)) => return Ok(Value::Float(x - y)),
        (BinOp::Mul, Value::Float(x), Value::Float(y)) => return Ok(Value::Float(x * y)),
        (BinOp::Add, Value::Int(x), Value::Int(y)) => return int_result(x.checked_add(*y), x.wrapping_add(*y)),
        (BinOp::Sub, Value::Int(x), Value::Int(y)) => return int_result(x.checked_sub(*y), x.wrapping_sub(*y)),
        (BinOp::Mul, Value::Int(x), Value::Int(y)) => return int_result(x.checked_mul(*y), x.wrapping_mul(*y)),
        _ => {}
    }
    match (a, b) {
        (Value::Complex(..) | Value::C64(..), _) | (_, Value::Complex(..) | Value::C64(..)) if !matches!((a, b), (Value::Array(_), _) | (_, Value::Array(_))) => {
            super::complex::binop(op, a, b, false)
        }
        (Value::Array(_), _) | (_, Value::Array(_)) => {
            if op == BinOp::MatMul {
                return super::numpy::dot(a, b);
            }
            array_binop(op, a, b)
        }
        _ if a.is_number() && b.is_number() => scalar_binop(op, a, b, ZeroDiv::Raise),
        _ => sequence_binop(op, a, b),
    }
}

/// `+` and `*` on strings, lists and tuples; `%` formatting of strings.
fn sequence_binop(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => Ok(Value::str(&format!("{x}{y}"))),
        (BinOp::Add, Value::List(x), Value::List(y)) => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            Ok(Value::list(v))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            let mut v = x.as_ref().clone();
            v.extend(y.iter().cloned());
            Ok(Value::tuple(v))
        }
        (BinOp::Mul, Value::Str(s), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Str(s)) => {
            Ok(Value::str(&s.repeat((*n).max(0) as usize)))
        }
        (BinOp::Mul, Value::List(l), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::List(l)) => {
            let items = l.borrow();
            let mut v = Vec::with_capacity(items.len() * (*n).max(0) as usize);
            for _ in 0..(*n).max(0) {
                v.extend(items.iter().cloned());
            }
            Ok(Value::list(v))
        }
        (BinOp::Mul, Value::Tuple(t), Value::Int(n)) | (BinOp::Mul, Value::Int(n), Value::Tuple(t)) => {
            let mut v = Vec::new();
            for _ in 0..(*n).max(0) {
                v.extend(t.iter().cloned());
            }
            Ok(Value::tuple(v))
        }
        (BinOp::Mod, Value::Str(fmt), args) => percent_format(fmt, args),
        _ => Err(type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        ))),
    }
}

/// The numeric kind two scalars compute in, following Numba's typing rules.
enum Kind {
    Int(i64, i64),
    F32(f32, f32),
    F64(f64, f64),
}

fn kind_of(a: &Value, b: &Value) -> Kind {
    match (a, b) {
        (Value::F32(x), Value::F32(y)) => Kind::F32(*x, *y),
        (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
            Kind::Int(a.as_index().unwrap_or(0), b.as_index().unwrap_or(0))
        }
        _ => Kind::F64(a.as_f64().unwrap_or(f64::NAN), b.as_f64().unwrap_or(f64::NAN)),
    }
}

fn scalar_binop(op: BinOp, a: &Value, b: &Value, zero: ZeroDiv) -> PyResult<Value> {
    if super::complex::is_complex(a) || super::complex::is_complex(b) {
        return super::complex::binop(op, a, b, matches!(zero, ZeroDiv::Ieee));
    }
    // Bitwise operators on two bools stay bools, as in Python.
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            BinOp::BitAnd => return Ok(Value::Bool(x & y)),
            BinOp::BitOr => return Ok(Value::Bool(x | y)),
            BinOp::BitXor => return Ok(Value::Bool(x ^ y)),
            _ => {}
        }
    }
    match kind_of(a, b) {
        Kind::Int(x, y) => int_binop(op, x, y, zero),
        Kind::F32(x, y) => {
            if op == BinOp::FloorDiv || op == BinOp::Mod || op == BinOp::Div || op == BinOp::Pow {
                let r = float_binop(op, x as f64, y as f64, zero)?;
                return Ok(match r {
                    Value::Float(f) => Value::F32(f as f32),
                    other => other,
                });
            }
            Ok(Value::F32(match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                _ => return Err(bad_operands(op, a, b)),
            }))
        }
        Kind::F64(x, y) => {
            if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift) {
                return Err(bad_operands(op, a, b));
            }
            float_binop(op, x, y, zero)
        }
    }
}

fn bad_operands(op: BinOp, a: &Value, b: &Value) -> PyError {
    type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), a.type_name(), b.type_name()))
}

fn int_binop(op: BinOp, x: i64, y: i64, zero: ZeroDiv) -> PyResult<Value> {
    Ok(Value::Int(match op {
        BinOp::Add => return int_result(x.checked_add(y), x.wrapping_add(y)),
        BinOp::Sub => return int_result(x.checked_sub(y), x.wrapping_sub(y)),
        BinOp::Mul => return int_result(x.checked_mul(y), x.wrapping_mul(y)),
        BinOp::Div => {
            if y == 0 {
                return match zero {
                    ZeroDiv::Raise => Err(zero_division("division by zero")),
                    ZeroDiv::Ieee => Ok(Value::Float(x as f64 / 0.0)),
                };
            }
            return Ok(Value::Float(x as f64 / y as f64));
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if y == 0 {
                return match zero {
                    ZeroDiv::Raise => Err(zero_division(if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    })),
                    ZeroDiv::Ieee => Ok(Value::Int(0)),
                };
            }
            // Numba answers INT64_MIN // -1 (whose true value does not fit) with 0, and % with 0.
            if x == i64::MIN && y == -1 {
                return Ok(Value::Int(0));
            }
            let (q, r) = (x.wrapping_div(y), x.wrapping_rem(y));
            // Round toward negative infinity: adjust when the remainder's sign differs from y's.
            let (q, r) = if r != 0 && ((r < 0) != (y < 0)) { (q - 1, r + y) } else { (q, r) };
            if op == BinOp::FloorDiv {
                q
            } else {
                r
            }
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return Err(zero_division("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float((x as f64).powf(y as f64)));
            }
            let exact = u32::try_from(y).ok().and_then(|e| x.checked_pow(e));
            let mut result: i64 = 1;
            let mut base = x;
            let mut e = y as u64;
            while e > 0 {
                if e & 1 == 1 {
                    result = result.wrapping_mul(base);
                }
                base = base.wrapping_mul(base);
                e >>= 1;
            }
            return int_result(exact.or(if matches!(x, 0 | 1) { Some(result) } else { None }), result);
        }
        BinOp::LShift | BinOp::RShift => {
            if y < 0 {
                return Err(value_error("negative shift count"));
            }
            match op {
                BinOp::LShift if x == 0 => 0,
                BinOp::LShift if y >= 64 => return int_result(None, 0),
                BinOp::LShift => {
                    let shifted = x.wrapping_shl(y as u32);
                    return int_result((shifted >> y == x).then_some(shifted), shifted);
                }
                _ if y >= 64 => {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                }
                _ => x >> y,
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMul => return Err(type_error("unsupported operand type(s) for @: 'int' and 'int'")),
    }))
}

fn float_binop(op: BinOp, x: f64, y: f64, zero: ZeroDiv) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 && zero == ZeroDiv::Raise {
                return Err(zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if y == 0.0 {
                if zero == ZeroDiv::Raise {
                    return Err(zero_division(if op == BinOp::Mod { "float modulo" } else { "float floor division by zero" }));
                }
                return Ok(Value::Float(if op == BinOp::Mod { f64::NAN } else { x / y }));
            }
            let (div, m) = py_float_divmod(x, y);
            if op == BinOp::FloorDiv {
                div
            } else {
                m
            }
        }
        // Overflow gives inf rather than OverflowError, as compiled Numba code does.
        BinOp::Pow => x.powf(y),
        _ => return Err(type_error(format!("unsupported operand type(s) for {}: 'float' and 'float'", op.symbol()))),
    }))
}

/// CPython's `float_divmod`: the floor quotient and a remainder with the divisor's sign.
pub fn py_float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

pub fn unary(op: UnaryOp, v: &Value) -> PyResult<Value> {
    if let Value::Array(a) = v {
        let dtype = match op {
            UnaryOp::Not => DType::Bool,
            _ => a.dtype,
        };
        if op == UnaryOp::Not {
            return Err(value_error("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"));
        }
        let out = NdArray::zeros(dtype, &a.shape);
        for (i, e) in a.elements().enumerate() {
            let r = match (op, e) {
                (UnaryOp::Invert, Element::Bool(b)) => Element::Bool(!b),
                (_, e) => unary(op, &Value::from_element(e))?.to_element()?,
            };
            out.write(i, r);
        }
        return Ok(Value::array(out));
    }
    if let (UnaryOp::Neg, Some(z)) = (op, super::complex::negate(v)) {
        return Ok(z);
    }
    Ok(match (op, v) {
        (UnaryOp::Not, v) => Value::Bool(!v.truthy()?),
        (UnaryOp::Pos, Value::Complex(..) | Value::C64(..)) => v.clone(),
        (UnaryOp::Neg, Value::Int(i)) => int_result(i.checked_neg(), i.wrapping_neg())?,
        (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(*b as i64)),
        (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
        (UnaryOp::Neg, Value::F32(f)) => Value::F32(-f),
        (UnaryOp::Pos, Value::Bool(b)) => Value::Int(*b as i64),
        (UnaryOp::Pos, v) if v.is_number() => v.clone(),
        (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
        (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
        (op, v) => {
            let sym = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                UnaryOp::Invert => "~",
                UnaryOp::Not => "not",
            };
            return Err(type_error(format!("bad operand type for unary {sym}: '{}'", v.type_name())));
        }
    })
}

pub fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Tuple(x), Value::Tuple(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| values_equal(p, q)),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow(), y.borrow());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| values_equal(p, q))
        }
        (Value::DType(x) | Value::ScalarType(x), Value::DType(y) | Value::ScalarType(y)) => x == y,
        (Value::DType(d), Value::Str(s)) | (Value::Str(s), Value::DType(d)) => DType::from_name(s) == Some(*d),
        (Value::Function(x), Value::Function(y)) => Rc::ptr_eq(x, y),
        (Value::Complex(..) | Value::C64(..), _) | (_, Value::Complex(..) | Value::C64(..)) => super::complex::equal(a, b).unwrap_or(false),
        _ if a.is_number() && b.is_number() => match kind_of(a, b) {
            Kind::Int(x, y) => x == y,
            Kind::F32(x, y) => x == y,
            Kind::F64(x, y) => x == y,
        },
        _ => false,
    }
}

pub fn compare(op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    if matches!(a, Value::Array(_)) || matches!(b, Value::Array(_)) {
        if let CmpOp::Is | CmpOp::IsNot = op {
            // Identity: the same array object (a view is another object, as in numpy).
            let same = matches!((a, b), (Value::Array(x), Value::Array(y)) if std::rc::Rc::ptr_eq(x, y));
            return Ok(Value::Bool(same == (op == CmpOp::Is)));
        }
        if matches!(op, CmpOp::In | CmpOp::NotIn) {
            return Err(not_supported(format!("`{}` on arrays is not supported", op.symbol())));
        }
        return array_compare(op, a, b);
    }
    Ok(Value::Bool(match op {
        CmpOp::Eq => values_equal(a, b),
        CmpOp::NotEq => !values_equal(a, b),
        CmpOp::Is => match (a, b) {
            (Value::None, Value::None) => true,
            (Value::None, _) | (_, Value::None) => false,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            _ => values_equal(a, b),
        },
        CmpOp::IsNot => !matches!(compare(CmpOp::Is, a, b)?, Value::Bool(true)),
        CmpOp::In | CmpOp::NotIn => {
            let found = contains(b, a)?;
            if op == CmpOp::In {
                found
            } else {
                !found
            }
        }
        _ => {
            let ord = order(a, b).ok_or_else(|| {
                type_error(format!("'{}' not supported between instances of '{}' and '{}'", op.symbol(), a.type_name(), b.type_name()))
            })?;
            match op {
                CmpOp::Lt => ord == Some(std::cmp::Ordering::Less),
                CmpOp::LtE => matches!(ord, Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)),
                CmpOp::Gt => ord == Some(std::cmp::Ordering::Greater),
                _ => matches!(ord, Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)),
            }
        }
    }))
}

/// Ordering of two values; the inner `None` means unordered (a NaN is involved).
pub fn order(a: &Value, b: &Value) -> Option<Option<std::cmp::Ordering>> {
    if a.is_number() && b.is_number() {
        return Some(match kind_of(a, b) {
            Kind::Int(x, y) => Some(x.cmp(&y)),
            Kind::F32(x, y) => x.partial_cmp(&y),
            Kind::F64(x, y) => x.partial_cmp(&y),
        });
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(Some(x.cmp(y))),
        (Value::Tuple(x), Value::Tuple(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                if !values_equal(p, q) {
                    return order(p, q);
                }
            }
            Some(Some(x.len().cmp(&y.len())))
        }
        _ => None,
    }
}

fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    Ok(match container {
        Value::List(l) => l.borrow().iter().any(|v| values_equal(v, item)),
        Value::Dict(d) => super::dict::contains(d, item)?,
        Value::Tuple(t) => t.iter().any(|v| values_equal(v, item)),
        Value::Str(s) => match item {
            Value::Str(sub) => s.contains(&**sub),
            _ => return Err(type_error("'in <string>' requires string as left operand")),
        },
        Value::Range(r) => {
            let (start, stop, step) = (&r.start, &r.stop, &r.step);
            let Ok(i) = item.as_index() else { return Ok(false) };
            let in_bounds = if *step > 0 { i >= *start && i < *stop } else { i <= *start && i > *stop };
            in_bounds && (i - start) % step == 0
        }
        other => return Err(type_error(format!("argument of type '{}' is not iterable", other.type_name()))),
    })
}

// ------------------------------------------------------------------ arrays

/// The dtype an operand contributes: arrays and numpy scalars strongly, Python scalars weakly
/// (NEP 50: `float32_array * 2.0` stays float32, `int_array * 2.0` becomes float64).
fn result_dtype(a: &Value, b: &Value) -> PyResult<DType> {
    let strong = |v: &Value| match v {
        Value::Array(x) => Some(x.dtype),
        Value::F32(_) => Some(DType::Float32),
        Value::Complex(..) => Some(DType::Complex128),
        Value::C64(..) => Some(DType::Complex64),
        _ => None,
    };
    let weak_kind = |v: &Value| match v {
        Value::Bool(_) => Ok(0),
        Value::Int(_) => Ok(1),
        Value::Float(_) => Ok(2),
        other => Err(type_error(format!("unsupported operand type for array arithmetic: '{}'", other.type_name()))),
    };
    Ok(match (strong(a), strong(b)) {
        // Inside an interpreted `@jit` function, Numba's rule (an integer meeting a float or
        // complex operand takes its dtype); in host code, numpy's.
        (Some(x), Some(y)) if in_numba_semantics() => DType::promote_mixed(x, y),
        (Some(x), Some(y)) => DType::promote(x, y),
        (Some(x), None) | (None, Some(x)) => {
            let other = if strong(a).is_some() { b } else { a };
            match weak_kind(other)? {
                2 if !x.is_float() && !x.is_complex() => DType::Float64,
                1 if x == DType::Bool => DType::Int64,
                _ => x,
            }
        }
        (None, None) => DType::Float64,
    })
}

fn broadcast_pair(a: &Value, b: &Value) -> PyResult<(NdArray, NdArray, Vec<usize>)> {
    let as_array = |v: &Value| -> PyResult<NdArray> {
        match v {
            Value::Array(x) => Ok(x.as_ref().clone()),
            scalar => {
                let dtype = scalar.scalar_dtype().ok_or_else(|| type_error(format!("unsupported operand '{}'", scalar.type_name())))?;
                Ok(NdArray::from_elements(dtype, &[], [scalar.to_element()?]))
            }
        }
    };
    let (x, y) = (as_array(a)?, as_array(b)?);
    let shape = broadcast_shapes(&x.shape, &y.shape).ok_or_else(|| {
        value_error(format!("operands could not be broadcast together with shapes {:?} {:?}", x.shape, y.shape))
    })?;
    let bx = x.broadcast_to(&shape).ok_or_else(|| value_error("broadcast failed"))?;
    let by = y.broadcast_to(&shape).ok_or_else(|| value_error("broadcast failed"))?;
    Ok((bx, by, shape))
}

fn array_binop(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let mut dtype = result_dtype(a, b)?;
    if op == BinOp::Div && !dtype.is_float() && !dtype.is_complex() {
        dtype = DType::Float64;
    }
    let (x, y, shape) = broadcast_pair(a, b)?;
    let out = NdArray::zeros(dtype, &shape);
    for (i, (ox, oy)) in x.offsets().zip(y.offsets()).enumerate() {
        let (ex, ey) = (x.read(ox), y.read(oy));
        let r = match (op, ex, ey) {
            // The common float64 case skips the generic value path.
            (BinOp::Add, Element::F64(p), Element::F64(q)) => Element::F64(p + q),
            (BinOp::Sub, Element::F64(p), Element::F64(q)) => Element::F64(p - q),
            (BinOp::Mul, Element::F64(p), Element::F64(q)) => Element::F64(p * q),
            (BinOp::Div, Element::F64(p), Element::F64(q)) => Element::F64(p / q),
            _ => scalar_binop(op, &Value::from_element(ex), &Value::from_element(ey), ZeroDiv::Ieee)?.to_element()?,
        };
        out.write(i, r);
    }
    Ok(Value::array(out))
}

fn array_compare(op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (x, y, shape) = broadcast_pair(a, b)?;
    let out = NdArray::zeros(DType::Bool, &shape);
    for (i, (ox, oy)) in x.offsets().zip(y.offsets()).enumerate() {
        let r = compare(op, &Value::from_element(x.read(ox)), &Value::from_element(y.read(oy)))?;
        out.write(i, Element::Bool(r.truthy()?));
    }
    Ok(Value::array(out))
}

/// Writes `value` (an array or scalar, broadcast) into every element of `target`.
pub fn assign_into(target: &NdArray, value: &Value) -> PyResult<()> {
    match value {
        Value::Array(src) => {
            let b = src.broadcast_to(&target.shape).ok_or_else(|| {
                value_error(format!("could not broadcast input array from shape {:?} into shape {:?}", src.shape, target.shape))
            })?;
            // Read everything first: source and target may overlap (`a[1:] = a[:-1]`).
            let items: Vec<Element> = b.elements().collect();
            for (off, e) in target.offsets().zip(items) {
                target.write(off, e);
            }
        }
        scalar => {
            let e = scalar.to_element()?;
            for off in target.offsets() {
                target.write(off, e);
            }
        }
    }
    Ok(())
}

fn normalize_index(i: i64, len: usize, axis: usize) -> PyResult<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyError::new(
            ErrorKind::IndexError,
            format!("index {i} is out of bounds for axis {axis} with size {len}"),
        ));
    }
    Ok(j as usize)
}

/// Python's `slice.indices(len)`: start, step and the number of selected items.
pub fn slice_indices(lower: Option<i64>, upper: Option<i64>, step: Option<i64>, len: usize) -> PyResult<(isize, isize, usize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let n = len as i64;
    let clamp = |v: i64, lo: i64, hi: i64| if v < 0 { (v + n).max(lo) } else { v.min(hi) };
    let (start, stop) = if step > 0 {
        (lower.map_or(0, |v| clamp(v, 0, n)), upper.map_or(n, |v| clamp(v, 0, n)))
    } else {
        (lower.map_or(n - 1, |v| clamp(v, -1, n - 1)), upper.map_or(-1, |v| clamp(v, -1, n - 1)))
    };
    let count = range_len(start, stop, step).max(0) as usize;
    Ok((start as isize, step as isize, count))
}

/// `a[i, j, ...]` with every index an integer and one per axis: the element itself.
pub fn array_element(a: &NdArray, idx: &[i64]) -> PyResult<Value> {
    let mut off = a.offset as isize;
    for (axis, (&i, (&len, &stride))) in idx.iter().zip(a.shape.iter().zip(&a.strides)).enumerate() {
        off += normalize_index(i, len, axis)? as isize * stride;
    }
    Value::from_element_checked(a.read(off as usize))
}

/// Basic indexing (integers and slices); a view unless every axis is indexed by an integer.
pub fn index_array(a: &Rc<NdArray>, items: &[Value]) -> PyResult<Value> {
    match basic_index(a, items)? {
        Selection::Element(off) => Value::from_element_checked(a.read(off)),
        Selection::View(v) => Ok(Value::array(v)),
    }
}

enum Selection {
    Element(usize),
    View(NdArray),
}

fn basic_index(a: &NdArray, items: &[Value]) -> PyResult<Selection> {
    if items.iter().any(|i| matches!(i, Value::None)) {
        // `np.newaxis` / None: index with the other items, then insert a length-1 axis (stride
        // 0) where each None stood among the result's axes.
        let rest: Vec<Value> = items.iter().filter(|i| !matches!(i, Value::None)).cloned().collect();
        let base = match basic_index(a, &rest)? {
            Selection::Element(offset) => NdArray { dtype: a.dtype, shape: vec![], strides: vec![], offset, buffer: a.buffer.clone() },
            Selection::View(v) => v,
        };
        let (mut shape, mut strides, mut from) = (Vec::new(), Vec::new(), 0);
        for item in items {
            match item {
                Value::None => {
                    shape.push(1);
                    strides.push(0);
                }
                Value::Slice(_) => {
                    shape.push(base.shape[from]);
                    strides.push(base.strides[from]);
                    from += 1;
                }
                _ => {}
            }
        }
        shape.extend_from_slice(&base.shape[from..]);
        strides.extend_from_slice(&base.strides[from..]);
        return Ok(Selection::View(NdArray { shape, strides, ..base }));
    }
    if items.len() > a.ndim() {
        return Err(PyError::new(
            ErrorKind::IndexError,
            format!("too many indices for array: array is {}-dimensional, but {} were indexed", a.ndim(), items.len()),
        ));
    }
    let mut axes = Vec::with_capacity(items.len());
    let mut all_ints = items.len() == a.ndim();
    for (axis, item) in items.iter().enumerate() {
        let len = a.shape[axis];
        match item {
            Value::Slice(s) => {
                all_ints = false;
                let (start, step, count) = slice_indices(s.lower, s.upper, s.step, len)?;
                axes.push(AxisIndex::Range { start, step, len: count });
            }
            Value::Int(_) | Value::Bool(_) => axes.push(AxisIndex::At(normalize_index(item.as_index()?, len, axis)?)),
            other => {
                return Err(PyError::new(
                    ErrorKind::IndexError,
                    format!("only integers, slices (`:`) and integer or boolean arrays are valid indices (got {})", other.type_name()),
                ))
            }
        }
    }
    if all_ints {
        let idx: Vec<usize> = axes.iter().map(|x| if let AxisIndex::At(i) = x { *i } else { 0 }).collect();
        return Ok(Selection::Element(a.offset_of(&idx)));
    }
    Ok(Selection::View(a.view(&axes)))
}

fn index_items(index: &Value) -> Vec<Value> {
    match index {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other.clone()],
    }
}

/// An integer or boolean array used as an index (numpy's advanced indexing along axis 0).
fn advanced_positions(a: &NdArray, index: &Value) -> PyResult<Option<Vec<usize>>> {
    let idx = match index {
        Value::Array(i) => i.clone(),
        Value::List(l) => {
            let items = l.borrow();
            let mut v = Vec::with_capacity(items.len());
            for x in items.iter() {
                v.push(x.as_index()?);
            }
            Rc::new(NdArray::from_elements(DType::Int64, &[v.len()], v.into_iter().map(Element::Int)))
        }
        _ => return Ok(None),
    };
    if idx.dtype == DType::Bool {
        if idx.shape != a.shape {
            return Err(PyError::new(
                ErrorKind::IndexError,
                {
                    // numpy's message (and the compiled code's): the first axis that differs.
                    let axis = (0..a.shape.len().max(idx.shape.len())).find(|&k| a.shape.get(k) != idx.shape.get(k)).unwrap_or(0);
                    format!(
                        "boolean index did not match indexed array along axis {axis}; size of axis is {} but size of corresponding boolean axis is {}",
                        a.shape.get(axis).copied().unwrap_or(0),
                        idx.shape.get(axis).copied().unwrap_or(0)
                    )
                },
            ));
        }
        let flat: Vec<usize> = a.offsets().zip(idx.elements()).filter(|(_, m)| m.is_truthy()).map(|(o, _)| o).collect();
        return Ok(Some(flat));
    }
    if !idx.dtype.is_int() || idx.ndim() != 1 {
        return Err(not_supported("only 1-d integer arrays and boolean masks are supported as array indices"));
    }
    if a.ndim() != 1 {
        return Err(not_supported("integer-array indexing is supported on 1-d arrays only"));
    }
    let mut out = Vec::with_capacity(idx.size());
    for e in idx.elements() {
        let i = normalize_index(e.as_i64(), a.shape[0], 0)?;
        out.push(a.offset_of(&[i]));
    }
    Ok(Some(out))
}

pub fn get_item(container: &Value, index: &Value) -> PyResult<Value> {
    match container {
        Value::Function(f) if matches!(f.dispatch, Dispatch::Cuda { device: false, .. }) => super::cuda::configure(f, index),
        Value::Array(a) => {
            if let Some(offsets) = advanced_positions(a, index)? {
                let out = NdArray::from_elements(a.dtype, &[offsets.len()], offsets.iter().map(|o| a.read(*o)));
                return Ok(Value::array(out));
            }
            index_array(a, &index_items(index))
        }
        Value::Dict(d) => super::dict::get(d, index),
        // Inside `@jit` functions, Numba's messages for a reflected list ("getitem out of
        // range"), and a typed list's slice is a typed list.
        Value::List(l) if in_numba_semantics() => {
            let typed = super::typed_containers::is_typed_list(l);
            let what = if typed { "list" } else { "numba list" };
            sequence_index(&l.borrow(), index, what).map(|r| match r {
                SeqItem::One(v) => v,
                SeqItem::Many(v) if typed => super::typed_containers::typed_list(v),
                SeqItem::Many(v) => Value::list(v),
            })
        }
        Value::List(l) => sequence_index(&l.borrow(), index, "list").map(|r| match r {
            SeqItem::One(v) => v,
            SeqItem::Many(v) => Value::list(v),
        }),
        Value::Tuple(t) => sequence_index(t, index, "tuple").map(|r| match r {
            SeqItem::One(v) => v,
            SeqItem::Many(v) => Value::tuple(v),
        }),
        Value::Str(s) => {
            let chars: Vec<Value> = s.chars().map(|c| Value::str(&c.to_string())).collect();
            sequence_index(&chars, index, "string").map(|r| match r {
                SeqItem::One(v) => v,
                SeqItem::Many(v) => Value::str(&v.iter().map(super::format::str).collect::<String>()),
            })
        }
        Value::Range(r) => {
            let (start, step) = (r.start, r.step);
            let n = range_len(r.start, r.stop, r.step) as usize;
            let i = index.as_index()?;
            let j = if i < 0 { i + n as i64 } else { i };
            if j < 0 || j >= n as i64 {
                return Err(PyError::new(ErrorKind::IndexError, "range object index out of range"));
            }
            Ok(Value::Int(start + j * step))
        }
        Value::NumbaType(rhumba_compiler::Type::Scalar(d)) => super::numba_api::array_type(*d, index),
        other => Err(type_error(format!("'{}' object is not subscriptable", other.type_name()))),
    }
}

enum SeqItem {
    One(Value),
    Many(Vec<Value>),
}

fn sequence_index(items: &[Value], index: &Value, what: &str) -> PyResult<SeqItem> {
    match index {
        Value::Slice(s) => {
            let (start, step, count) = slice_indices(s.lower, s.upper, s.step, items.len())?;
            Ok(SeqItem::Many((0..count).map(|k| items[(start + k as isize * step) as usize].clone()).collect()))
        }
        other => {
            let i = other.as_index().map_err(|_| type_error(format!("{what} indices must be integers or slices, not {}", other.type_name())))?;
            let n = items.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                let message = if what == "numba list" { "getitem out of range".to_string() } else { format!("{what} index out of range") };
                return Err(PyError::new(ErrorKind::IndexError, message));
            }
            Ok(SeqItem::One(items[j as usize].clone()))
        }
    }
}

pub fn set_item(container: &Value, index: &Value, value: Value) -> PyResult<()> {
    match container {
        Value::Array(a) => {
            if let Some(offsets) = advanced_positions(a, index)? {
                match &value {
                    Value::Array(src) => {
                        let items: Vec<Element> = src.elements().collect();
                        if items.len() != offsets.len() && items.len() != 1 {
                            return Err(value_error(format!(
                                "shape mismatch: value array of size {} could not be broadcast to indexing result of size {}",
                                items.len(),
                                offsets.len()
                            )));
                        }
                        for (k, off) in offsets.iter().enumerate() {
                            a.write(*off, items[if items.len() == 1 { 0 } else { k }]);
                        }
                    }
                    scalar => {
                        let e = scalar.to_element()?;
                        offsets.iter().for_each(|off| a.write(*off, e));
                    }
                }
                return Ok(());
            }
            match basic_index(a, &index_items(index))? {
                Selection::Element(off) => {
                    let e = match &value {
                        Value::Array(src) if src.size() == 1 => src.elements().next().unwrap_or(Element::Int(0)),
                        v => v.to_element().map_err(|_| {
                            value_error(format!("setting an array element with a sequence ({})", v.type_name()))
                        })?,
                    };
                    a.write(off, e);
                    Ok(())
                }
                Selection::View(view) => assign_into(&view, &value),
            }
        }
        Value::Dict(d) => super::dict::set(d, index.clone(), value),
        Value::List(l) => {
            let mut items = l.borrow_mut();
            let n = items.len() as i64;
            let i = index.as_index().map_err(|_| not_supported("slice assignment to lists is not supported"))?;
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                // Numba's messages inside `@jit` functions.
                let message = match (in_numba_semantics(), super::typed_containers::is_typed_list(l)) {
                    (true, true) => "list index out of range",
                    (true, false) => "setitem out of range",
                    (false, _) => "list assignment index out of range",
                };
                return Err(PyError::new(ErrorKind::IndexError, message));
            }
            let value = super::builtins::like_items(value, &items);
            items[j as usize] = value;
            Ok(())
        }
        other => Err(type_error(format!("'{}' object does not support item assignment", other.type_name()))),
    }
}

/// `list[a:b:c] = items`: a simple slice (step 1) is replaced by the items whatever their number;
/// an extended one must select as many items as are given.
pub fn set_list_slice(list: &std::cell::RefCell<Vec<Value>>, slice: &SliceValue, items: Vec<Value>) -> PyResult<()> {
    let mut list = list.borrow_mut();
    let items: Vec<Value> = items.into_iter().map(|v| super::builtins::like_items(v, &list)).collect();
    let (start, step, count) = slice_indices(slice.lower, slice.upper, slice.step, list.len())?;
    if step == 1 {
        // `xs[3:1] = ys` inserts at 3: the selected range is empty.
        let start = start.clamp(0, list.len() as isize) as usize;
        list.splice(start..start + count, items);
        return Ok(());
    }
    if items.len() != count {
        let message = if in_numba_semantics() {
            "cannot resize extended list slice with step != 1".to_string()
        } else {
            format!("attempt to assign sequence of size {} to extended slice of size {count}", items.len())
        };
        return Err(value_error(message));
    }
    for (k, item) in items.into_iter().enumerate() {
        list[(start + k as isize * step) as usize] = item;
    }
    Ok(())
}

/// `"%d items, %.3f s" % (n, t)`.
fn percent_format(fmt: &str, args: &Value) -> PyResult<Value> {
    let values: Vec<Value> = match args {
        Value::Tuple(t) => t.as_ref().clone(),
        other => vec![other.clone()],
    };
    let mut out = String::new();
    let mut next = values.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut spec = String::new();
        while let Some(&d) = chars.peek() {
            spec.push(d);
            chars.next();
            if d.is_ascii_alphabetic() {
                break;
            }
        }
        let v = next.next().ok_or_else(|| type_error("not enough arguments for format string"))?;
        let (flags, kind) = spec.split_at(spec.len().saturating_sub(1));
        let py_spec = match kind {
            "d" | "i" | "u" => format!("{flags}d"),
            "s" | "r" => flags.to_string(),
            k => format!("{flags}{k}"),
        };
        let flags_spec = py_spec.replacen('-', "<", 1);
        let v = if matches!(kind, "d" | "i" | "u") { Value::Int(v.as_f64()? as i64) } else { v.clone() };
        out.push_str(&if kind == "r" { super::format::repr(&v) } else { super::format::format_spec(&v, &flags_spec)? });
    }
    Ok(Value::str(&out))
}
