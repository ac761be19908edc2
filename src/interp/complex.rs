//! Complex numbers in the interpreter: Python's `complex` and numpy's `complex64`/`complex128`
//! scalars, their arithmetic, text form and the `cmath` module.
//!
//! Host code follows CPython (`(1+1j) ** 3` by repeated products); interpreted `@jit` functions
//! follow Numba (every power but a square through `_Py_c_pow`), so that `--no-jit` agrees with
//! compiled code, whose formulas are in the numpy prelude. The `cmath` functions use Numba's
//! algorithms everywhere (numpy's `npy_csqrt` for the square root), which can differ from
//! CPython's in the last bit. A `complex64` value is computed in `float32`: every primitive
//! operation is rounded to `float32`, which is what `float32` arithmetic gives.

use rhumba_grammar::ast::BinOp;


use super::ops::in_numba_semantics;
use super::value::*;

/// A complex value's parts and whether it is a `complex64` (computed in `float32`).
#[derive(Clone, Copy, Debug)]
pub struct Parts {
    pub re: f64,
    pub im: f64,
    pub single: bool,
}

impl Parts {
    fn round(self, x: f64) -> f64 {
        if self.single {
            x as f32 as f64
        } else {
            x
        }
    }

    fn with(self, re: f64, im: f64) -> Parts {
        Parts { re: self.round(re), im: self.round(im), single: self.single }
    }

    pub fn value(self) -> Value {
        if self.single {
            Value::C64(self.re as f32, self.im as f32)
        } else {
            Value::Complex(self.re, self.im)
        }
    }
}

/// The parts of a number as a complex operand (a real number has a zero imaginary part);
/// `None` for anything else.
pub fn parts(v: &Value) -> Option<Parts> {
    Some(match v {
        Value::Complex(re, im) => Parts { re: *re, im: *im, single: false },
        Value::C64(re, im) => Parts { re: *re as f64, im: *im as f64, single: true },
        // A float32 meets a complex64 as complex64 (numpy's promotion); other reals widen.
        Value::F32(f) => Parts { re: *f as f64, im: 0.0, single: true },
        Value::Float(f) => Parts { re: *f, im: 0.0, single: false },
        Value::Int(i) => Parts { re: *i as f64, im: 0.0, single: false },
        Value::Bool(b) => Parts { re: *b as u8 as f64, im: 0.0, single: true },
        _ => return None,
    })
}

pub fn is_complex(v: &Value) -> bool {
    matches!(v, Value::Complex(..) | Value::C64(..))
}

/// `a op b` where one operand is complex. `ieee`: an array operation, where a zero divisor gives
/// NaN parts as numpy's loops do, rather than raising.
pub fn binop(op: BinOp, a: &Value, b: &Value, ieee: bool) -> PyResult<Value> {
    let (Some(x), Some(y)) = (parts(a), parts(b)) else {
        return Err(type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), a.type_name(), b.type_name())));
    };
    // complex64 only when both sides are (float32 and bool count as complex64 here); an int
    // operand widens to complex128, as numpy promotes.
    let single = x.single && y.single && !matches!(a, Value::Int(_)) && !matches!(b, Value::Int(_));
    let x = Parts { single, ..x };
    let y = Parts { single, ..y };
    let r = match op {
        BinOp::Add => x.with(x.re + y.re, x.im + y.im),
        BinOp::Sub => x.with(x.re - y.re, x.im - y.im),
        BinOp::Mul => mul(x, y),
        // numpy's loops give NaN for a zero divisor; Numba's array expressions raise, as its
        // scalar division does.
        BinOp::Div if ieee && !in_numba_semantics() && y.re == 0.0 && y.im == 0.0 => x.with(f64::NAN, f64::NAN),
        BinOp::Div => div(x, y)?,
        BinOp::Pow => pow(x, y)?,
        _ => return Err(type_error(format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), a.type_name(), b.type_name()))),
    };
    Ok(r.value())
}

/// (a + bi)(c + di) = (ac - bd) + (ad + bc)i, each product rounded as the type computes it.
fn mul(x: Parts, y: Parts) -> Parts {
    let (ac, bd, ad, bc) = (x.round(x.re * y.re), x.round(x.im * y.im), x.round(x.re * y.im), x.round(x.im * y.re));
    x.with(ac - bd, ad + bc)
}

/// CPython's `_Py_c_quot` (Numba's complex division is the same algorithm).
fn div(a: Parts, b: Parts) -> PyResult<Parts> {
    let r = |x: f64| a.round(x);
    if b.re == 0.0 && b.im == 0.0 {
        return Err(PyError::new(ErrorKind::ZeroDivisionError, "complex division by zero"));
    }
    Ok(if b.re.abs() >= b.im.abs() {
        let ratio = r(b.im / b.re);
        let denom = r(b.re + r(b.im * ratio));
        a.with(r(a.re + r(a.im * ratio)) / denom, r(a.im - r(a.re * ratio)) / denom)
    } else {
        let ratio = r(b.re / b.im);
        let denom = r(r(b.re * ratio) + b.im);
        a.with(r(r(a.re * ratio) + a.im) / denom, r(r(a.im * ratio) - a.re) / denom)
    })
}

/// CPython's `_Py_c_pow` in double precision (Numba's `numba_cpow`, also for complex64).
fn c_pow(a: Parts, b: Parts) -> Result<(f64, f64), ()> {
    if b.re == 0.0 && b.im == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(());
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

fn pow(a: Parts, b: Parts) -> PyResult<Parts> {
    if in_numba_semantics() {
        // Numba: a square is a product; anything else `numba_cpow`, NaN for 0 ** negative.
        if b.re == 2.0 && b.im == 0.0 {
            return Ok(mul(a, a));
        }
        let wide = |p: Parts| Parts { single: false, ..p };
        let (re, im) = c_pow(wide(a), wide(b)).unwrap_or((f64::NAN, f64::NAN));
        return Ok(a.with(re, im));
    }
    // CPython: an integral exponent up to 100 by repeated products.
    if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        let one = Parts { re: 1.0, im: 0.0, single: a.single };
        let mut r = one;
        let mut p = a;
        let mut k = n.unsigned_abs();
        while k > 0 {
            if k & 1 == 1 {
                r = mul(r, p);
            }
            k >>= 1;
            if k > 0 {
                p = mul(p, p);
            }
        }
        return if n >= 0 { Ok(r) } else { div(one, r).map_err(|_| zero_power()) };
    }
    match c_pow(a, b) {
        Ok((re, im)) => Ok(a.with(re, im)),
        Err(()) => Err(zero_power()),
    }
}

fn zero_power() -> PyError {
    PyError::new(ErrorKind::ZeroDivisionError, "0.0 to a negative or complex power")
}

/// `-z`.
pub fn negate(v: &Value) -> Option<Value> {
    let p = parts(v).filter(|_| is_complex(v))?;
    Some(p.with(-p.re, -p.im).value())
}

/// `abs(z)`.
pub fn abs(v: &Value) -> Option<Value> {
    let p = parts(v).filter(|_| is_complex(v))?;
    let h = p.re.hypot(p.im);
    Some(if p.single { Value::F32(h as f32) } else { Value::Float(h) })
}

/// `a == b` where one side is complex.
pub fn equal(a: &Value, b: &Value) -> Option<bool> {
    let (x, y) = (parts(a)?, parts(b)?);
    Some(x.re == y.re && x.im == y.im)
}

/// `z.real`, `z.imag` of a complex scalar.
pub fn part(v: &Value, imag: bool) -> Option<Value> {
    let p = parts(v).filter(|_| is_complex(v))?;
    let x = if imag { p.im } else { p.re };
    Some(if p.single { Value::F32(x as f32) } else { Value::Float(x) })
}

/// `z.conjugate()`.
pub fn conjugate(v: &Value) -> Option<Value> {
    let p = parts(v).filter(|_| is_complex(v))?;
    Some(p.with(p.re, -p.im).value())
}

/// Python's `repr(complex)`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`; numpy's complex64 prints
/// its parts with float32's shortest digits.
pub fn repr(re: f64, im: f64, single: bool) -> String {
    rhumba_runtime::text::complex_repr(re, im, single)
}

/// `complex(re, im)` and `complex(x)`.
pub fn construct(args: &[Value]) -> PyResult<Value> {
    let number = |v: &Value| parts(v).ok_or_else(|| type_error(format!("complex() argument must be a string or a number, not '{}'", v.type_name())));
    match args {
        [] => Ok(Value::Complex(0.0, 0.0)),
        [x] => {
            let p = number(x)?;
            Ok(Value::Complex(p.re, p.im))
        }
        [x, y] => {
            // complex(a, b) is a + b*1j, as CPython computes it: a complex part's other half
            // is added only when that argument is complex (so `complex(1.0, -0.0)` keeps -0.0).
            let (p, q) = (number(x)?, number(y)?);
            let re = if is_complex(y) { p.re - q.im } else { p.re };
            let im = if is_complex(x) { p.im + q.re } else { q.re };
            Ok(Value::Complex(re, im))
        }
        _ => Err(type_error("complex() takes at most 2 arguments")),
    }
}

/// numpy's elementwise functions on a complex array or scalar (`np.exp`, `np.abs`, `np.conj`,
/// ...): each element through the scalar formulas; complex64 results are rounded to complex64.
pub fn map_unary(x: &Value, name: &str) -> PyResult<Value> {
    let scalar = |v: &Value| -> PyResult<Value> {
        let p = parts(v).ok_or_else(|| type_error(format!("np.{name}() of {}", v.type_name())))?;
        let c = |(re, im): (f64, f64)| p.with(re, im).value();
        let real = |x: f64| if p.single { Value::F32(x as f32) } else { Value::Float(x) };
        Ok(match name {
            "abs" | "absolute" => real(p.re.hypot(p.im)),
            "real" => real(p.re),
            "imag" => real(p.im),
            "conj" | "conjugate" => c((p.re, -p.im)),
            "negative" => c((-p.re, -p.im)),
            "exp" => c(exp(p.re, p.im)),
            "sqrt" => c(sqrt(p.re, p.im)),
            "log" => c((p.re.hypot(p.im).ln(), p.im.atan2(p.re))),
            "square" => mul(p, p).value(),
            "isnan" => Value::Bool(p.re.is_nan() || p.im.is_nan()),
            "isinf" => Value::Bool(p.re.is_infinite() || p.im.is_infinite()),
            "isfinite" => Value::Bool(p.re.is_finite() && p.im.is_finite()),
            other => return Err(not_supported(format!("np.{other} of complex values is not supported"))),
        })
    };
    match x {
        Value::Array(a) => {
            let dtype = match name {
                "abs" | "absolute" | "real" | "imag" => a.dtype.part(),
                "isnan" | "isinf" | "isfinite" => rhumba_runtime::DType::Bool,
                _ => a.dtype,
            };
            let out = rhumba_runtime::NdArray::zeros(dtype, &a.shape);
            for (i, e) in a.elements().enumerate() {
                out.write(i, scalar(&Value::from_element(e))?.to_element()?);
            }
            Ok(Value::array(out))
        }
        v => scalar(v),
    }
}

/// A complex argument of a `cmath` function.
fn argument(args: &[Value], name: &str) -> PyResult<Parts> {
    match args {
        [v] => parts(v).ok_or_else(|| type_error(format!("must be real number, not {}", v.type_name()))),
        _ => Err(type_error(format!("cmath.{name}() takes exactly one argument ({} given)", args.len()))),
    }
}

/// The `cmath` module's functions, with Numba's formulas (see `numpy_prelude.py`).
pub fn cmath_call(name: &str, args: &[Value]) -> PyResult<Value> {
    let complex = |re: f64, im: f64| Value::Complex(re, im);
    Ok(match name {
        "exp" => {
            let z = argument(args, name)?;
            let (re, im) = exp(z.re, z.im);
            complex(re, im)
        }
        "sqrt" => {
            let z = argument(args, name)?;
            let (re, im) = sqrt(z.re, z.im);
            complex(re, im)
        }
        "log" => {
            let z = argument(args, name)?;
            complex(z.re.hypot(z.im).ln(), z.im.atan2(z.re))
        }
        "log10" => {
            let z = argument(args, name)?;
            let (re, im) = (z.re.hypot(z.im).ln(), z.im.atan2(z.re));
            complex(re / std::f64::consts::LN_10, im / std::f64::consts::LN_10)
        }
        "phase" => {
            let z = argument(args, name)?;
            Value::Float(z.im.atan2(z.re))
        }
        "polar" => {
            let z = argument(args, name)?;
            Value::tuple(vec![Value::Float(z.re.hypot(z.im)), Value::Float(z.im.atan2(z.re))])
        }
        "rect" => {
            let [r, phi] = args else {
                return Err(type_error(format!("cmath.rect() takes exactly 2 arguments ({} given)", args.len())));
            };
            let (re, im) = rect(r.as_f64()?, phi.as_f64()?);
            complex(re, im)
        }
        "cosh" | "sinh" | "tanh" => {
            let z = argument(args, name)?;
            let (re, im) = hyperbolic(name, z.re, z.im);
            complex(re, im)
        }
        // cos z = cosh(iz); sin z = -i sinh(iz); tan z = -i tanh(iz), as Numba computes them.
        "cos" | "sin" | "tan" => {
            let z = argument(args, name)?;
            let (re, im) = hyperbolic(&format!("{name}h"), -z.im, z.re);
            if name == "cos" {
                complex(re, im)
            } else {
                complex(im, -re)
            }
        }
        "isnan" => {
            let z = argument(args, name)?;
            Value::Bool(z.re.is_nan() || z.im.is_nan())
        }
        "isinf" => {
            let z = argument(args, name)?;
            Value::Bool(z.re.is_infinite() || z.im.is_infinite())
        }
        "isfinite" => {
            let z = argument(args, name)?;
            Value::Bool(z.re.is_finite() && z.im.is_finite())
        }
        other => return Err(not_supported(format!("cmath.{other} is not supported"))),
    })
}

/// `cmath.cosh`, `sinh`, `tanh` of `x + yj`: Numba's implementations (CPython's `c_tanh`).
fn hyperbolic(name: &str, x: f64, y: f64) -> (f64, f64) {
    match name {
        "cosh" => {
            if x.is_infinite() {
                let (real, mut imag) = if y.is_nan() || y == 0.0 { (x.abs(), y) } else { (x.copysign(y.cos()), x.copysign(y.sin())) };
                if x < 0.0 {
                    imag = -imag;
                }
                return (real, imag);
            }
            (y.cos() * x.cosh(), y.sin() * x.sinh())
        }
        "sinh" => {
            if x.is_infinite() {
                if y.is_nan() {
                    return (x, y);
                }
                let (mut real, mut imag) = (y.cos(), y.sin());
                if real != 0.0 {
                    real *= x;
                }
                if imag != 0.0 {
                    imag *= x.abs();
                }
                return (real, imag);
            }
            (y.cos() * x.sinh(), y.sin() * x.cosh())
        }
        _ => {
            if x.is_infinite() {
                let imag = if y.is_infinite() { 0.0 } else { 0.0f64.copysign((2.0 * y).sin()) };
                return (1.0f64.copysign(x), imag);
            }
            let (tx, ty, cx) = (x.tanh(), y.tan(), 1.0 / x.cosh());
            let txty = tx * ty;
            let denom = 1.0 + txty * txty;
            (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
        }
    }
}

/// `cmath.exp`, Numba's `exp_impl`.
pub fn exp(x: f64, y: f64) -> (f64, f64) {
    if x.is_finite() {
        if y.is_finite() {
            let (c, s, r) = (y.cos(), y.sin(), x.exp());
            return (r * c, r * s);
        }
        return (f64::NAN, f64::NAN);
    }
    if x.is_nan() {
        return if y != 0.0 { (x, x) } else { (x, y) };
    }
    if x > 0.0 {
        if y.is_finite() {
            let (mut re, mut im) = (y.cos(), y.sin());
            if re != 0.0 {
                re *= x;
            }
            if im != 0.0 {
                im *= x;
            }
            return (re, im);
        }
        return (x, f64::NAN);
    }
    if y.is_finite() {
        let (r, c, s) = (x.exp(), y.cos(), y.sin());
        return (r * c, r * s);
    }
    (0.0, 0.0)
}

/// `cmath.sqrt`, numpy's `npy_csqrt` as Numba's `sqrt_impl`.
fn sqrt(mut a: f64, mut b: f64) -> (f64, f64) {
    const THRESHOLD: f64 = 7.446288774449766e307;
    if a == 0.0 && b == 0.0 {
        return (b.abs(), b);
    }
    if b.is_infinite() {
        return (b.abs(), b);
    }
    if a.is_nan() {
        return (a, a);
    }
    if a.is_infinite() {
        return if a < 0.0 { ((b - b).abs(), a.copysign(b)) } else { (a, (b - b).copysign(b)) };
    }
    let scale = a.abs() >= THRESHOLD || b.abs() >= THRESHOLD;
    if scale {
        a *= 0.25;
        b *= 0.25;
    }
    let (real, imag) = if a >= 0.0 {
        let t = ((a + a.hypot(b)) * 0.5).sqrt();
        (t, b / (2.0 * t))
    } else {
        let t = ((-a + a.hypot(b)) * 0.5).sqrt();
        (b.abs() / (2.0 * t), t.copysign(b))
    };
    if scale {
        (real * 2.0, imag)
    } else {
        (real, imag)
    }
}

/// `cmath.rect`, Numba's `rect_impl`.
fn rect(r: f64, phi: f64) -> (f64, f64) {
    if !phi.is_finite() {
        if r == 0.0 {
            return (r, r);
        }
        if r.is_infinite() {
            return (r, phi);
        }
    }
    let (mut real, mut imag) = (phi.cos(), phi.sin());
    real = if real == 0.0 && r.is_infinite() { real / r } else { real * r };
    imag = if imag == 0.0 && r.is_infinite() { imag / r } else { imag * r };
    (real, imag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_python() {
        assert_eq!(repr(0.0, 1.0, false), "1j");
        assert_eq!(repr(1.0, 2.0, false), "(1+2j)");
        assert_eq!(repr(-0.0, -1.0, false), "(-0-1j)");
        assert_eq!(repr(1.5, -0.0, false), "(1.5-0j)");
        assert_eq!(repr(1e20, f64::NAN, false), "(1e+20+nanj)");
        assert_eq!(repr(0.1, 0.2, true), "(0.1+0.2j)");
    }

    #[test]
    fn host_powers_follow_cpython() {
        let z = Value::Complex(1.0, 1.0);
        let Value::Complex(re, im) = binop(BinOp::Pow, &z, &Value::Int(3), false).unwrap() else { panic!("complex") };
        assert_eq!((re, im), (-2.0, 2.0));
    }
}
