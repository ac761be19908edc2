//! Complex numbers in the checker: every complex operation is built from operations on the two
//! float parts, so that the rest of the pipeline sees a `Type::Complex` value as a pair of floats.
//!
//! The formulas are Numba's (its `numbers.py` and `cmathimpl.py`): a real operand is first made
//! complex with a zero imaginary part and then takes the full complex operation, which decides the
//! sign of zero parts the way Numba does; `/` and `**` are CPython's algorithms (`_Py_c_quot`,
//! `_Py_c_pow`), written in the numpy prelude, as are the `cmath` functions.

use rhumba_grammar::ast::{BinOp as AstBinOp, CmpOp as AstCmpOp};
use rhumba_grammar::Span;
use rhumba_runtime::DType;

use super::{cast, mistyped, not_compiled, Checker, LocalBinding, BOOL, R};
use crate::tir::{BinOp, CmpOp, Expr, ExprKind, UnOp};
use crate::types::Type;

/// The dtype of a number's value as a complex operand: complex types are themselves, reals are
/// the dtype that numpy's promotion sees.
fn operand_dtype(t: &Type) -> Option<DType> {
    match t {
        Type::Complex(d) => Some(*d),
        Type::Scalar(d) => Some(*d),
        _ => None,
    }
}

/// The complex type that `a op b` computes in when one of them is complex (numpy's promotion:
/// `complex64` with `float32` stays `complex64`, with `int64` or `float64` it is `complex128`).
pub(super) fn complex_result(a: &Type, b: &Type) -> Option<Type> {
    let (x, y) = (operand_dtype(a)?, operand_dtype(b)?);
    if !x.is_complex() && !y.is_complex() {
        return None;
    }
    Some(Type::Complex(DType::promote(x, y).to_complex()))
}

fn part_type(ty: &Type) -> Type {
    match ty {
        Type::Complex(d) => Type::Scalar(d.part()),
        other => other.clone(),
    }
}

fn float(v: f64, ty: &Type, span: Span) -> Expr {
    Expr::new(ExprKind::Float(v), ty.clone(), span)
}

fn arith(op: BinOp, l: Expr, r: Expr) -> Expr {
    let (ty, span) = (l.ty.clone(), l.span);
    Expr::new(ExprKind::Binary { op, lhs: Box::new(l), rhs: Box::new(r) }, ty, span)
}

/// The complex number with these parts (of the part type of `ty`).
pub(super) fn make_complex(re: Expr, im: Expr, ty: &Type, span: Span) -> Expr {
    Expr::new(ExprKind::Tuple(vec![re, im]), ty.clone(), span)
}

impl Checker<'_> {
    /// The parts `(real, imag)` of a number converted to the complex type `ty`, with the number
    /// bound once so that each part may be read several times.
    pub(super) fn complex_parts(&mut self, v: Expr, ty: &Type) -> (LocalBinding, Expr, Expr) {
        let part = part_type(ty);
        let span = v.span;
        if matches!(v.ty, Type::Complex(_)) {
            let v = cast(v, ty.clone());
            let (binding, whole) = self.bound_scalar(v);
            let get = |index| Expr::new(ExprKind::TupleGet { tuple: Box::new(whole.clone()), index }, part.clone(), span);
            return (binding, get(0), get(1));
        }
        let (binding, re) = self.bound_scalar(cast(v, part.clone()));
        (binding, re, float(0.0, &part, span))
    }

    /// `l op r` where one operand is complex.
    pub(super) fn complex_binary(&mut self, op: AstBinOp, l: Expr, r: Expr, span: Span) -> R<Expr> {
        let Some(ty) = complex_result(&l.ty, &r.ty) else {
            return Err(not_compiled(span, format!("`{}` on {} and {} is not compiled yet", op.symbol(), l.ty, r.ty)));
        };
        match op {
            AstBinOp::Add | AstBinOp::Sub | AstBinOp::Mul => {
                let (lb, a, b) = self.complex_parts(l, &ty);
                let (rb, c, d) = self.complex_parts(r, &ty);
                let (re, im) = match op {
                    AstBinOp::Add => (arith(BinOp::Add, a, c), arith(BinOp::Add, b, d)),
                    AstBinOp::Sub => (arith(BinOp::Sub, a, c), arith(BinOp::Sub, b, d)),
                    // (a + bi)(c + di) = (ac - bd) + (ad + bc)i, as Numba's complex_mul_impl.
                    _ => (
                        arith(BinOp::Sub, arith(BinOp::Mul, a.clone(), c.clone()), arith(BinOp::Mul, b.clone(), d.clone())),
                        arith(BinOp::Add, arith(BinOp::Mul, a, d), arith(BinOp::Mul, b, c)),
                    ),
                };
                Ok(lb.wrap(rb.wrap(make_complex(re, im, &ty, span))))
            }
            AstBinOp::Div => self.complex_helper("_complex_div", vec![cast(l, ty.clone()), cast(r, ty.clone())], &ty, span),
            AstBinOp::Pow => {
                // Numba raises complex64 to a power in double precision (numba_cpowf).
                let wide = Type::Complex(DType::Complex128);
                let result = self.complex_helper("_complex_pow", vec![cast(l, wide.clone()), cast(r, wide.clone())], &wide, span)?;
                Ok(cast(result, ty))
            }
            _ => Err(mistyped(span, format!("unsupported operand type(s) for {}: '{}' and '{}'", op.symbol(), l.ty, r.ty))),
        }
    }

    /// A call of the numpy prelude's helper `name` on arguments already converted, whose
    /// result has type `ty`.
    fn complex_helper(&mut self, name: &str, args: Vec<Expr>, ty: &Type, span: Span) -> R<Expr> {
        let call = self.prelude_apply(name, args, span)?;
        Ok(cast(call, ty.clone()))
    }

    /// The prelude's elementwise `complex_{base}` for a complex array (`__c64` variants give
    /// `float32` results for `complex64` arrays, as numpy does).
    pub(super) fn complex_array_helper(&mut self, base: &str, a: Expr, span: Span) -> R<Expr> {
        let narrow = format!("complex_{base}__c64");
        let name = match a.ty {
            Type::Array { dtype: DType::Complex64, .. } if crate::prelude::function(&narrow).is_some() => narrow,
            _ => format!("complex_{base}"),
        };
        self.prelude_apply(&name, vec![a], span)
    }

    /// `-z`.
    pub(super) fn complex_negate(&mut self, v: Expr, span: Span) -> Expr {
        let ty = v.ty.clone();
        let (binding, a, b) = self.complex_parts(v, &ty);
        let neg = |x: Expr| {
            let t = x.ty.clone();
            Expr::new(ExprKind::Unary { op: UnOp::Neg, operand: Box::new(x) }, t, span)
        };
        binding.wrap(make_complex(neg(a), neg(b), &ty, span))
    }

    /// `l == r`, `l != r` where one operand is complex (complex numbers have no order).
    pub(super) fn complex_compare(&mut self, op: AstCmpOp, l: Expr, r: Expr, span: Span) -> R<Expr> {
        let Some(ty) = complex_result(&l.ty, &r.ty) else {
            return Err(not_compiled(span, format!("comparing {} and {} is not compiled yet", l.ty, r.ty)));
        };
        let (cmp, join) = match op {
            AstCmpOp::Eq => (CmpOp::Eq, true),
            AstCmpOp::NotEq => (CmpOp::Ne, false),
            _ => return Err(mistyped(span, format!("'{}' not supported between instances of '{}' and '{}'", op.symbol(), l.ty, r.ty))),
        };
        let (lb, a, b) = self.complex_parts(l, &ty);
        let (rb, c, d) = self.complex_parts(r, &ty);
        let test = |x: Expr, y: Expr| Expr::new(ExprKind::Compare { op: cmp, lhs: Box::new(x), rhs: Box::new(y) }, BOOL, span);
        let both = Expr::new(ExprKind::Logic { and: join, lhs: Box::new(test(a, c)), rhs: Box::new(test(b, d)) }, BOOL, span);
        Ok(lb.wrap(rb.wrap(both)))
    }

    /// The truth value of a complex number: either part nonzero.
    pub(super) fn complex_truth(&mut self, v: Expr) -> Expr {
        let (ty, span) = (v.ty.clone(), v.span);
        let (binding, a, b) = self.complex_parts(v, &ty);
        let part = a.ty.clone();
        let nonzero = |x: Expr| Expr::new(ExprKind::Compare { op: CmpOp::Ne, lhs: Box::new(x), rhs: Box::new(float(0.0, &part, span)) }, BOOL, span);
        binding.wrap(Expr::new(ExprKind::Logic { and: false, lhs: Box::new(nonzero(a)), rhs: Box::new(nonzero(b)) }, BOOL, span))
    }

    /// `z.real`, `z.imag` of a number (a real number is its own real part, with imaginary 0).
    pub(super) fn number_part(&mut self, v: Expr, imag: bool, span: Span) -> Expr {
        match v.ty.clone() {
            Type::Complex(d) => Expr::new(ExprKind::TupleGet { tuple: Box::new(v), index: imag as usize }, Type::Scalar(d.part()), span),
            ty if imag => {
                let zero = if matches!(ty, Type::Scalar(d) if d.is_float()) { float(0.0, &ty, span) } else { Expr::new(ExprKind::Int(0), ty.clone(), span) };
                cast(zero, ty)
            }
            _ => v,
        }
    }

    /// `z.conjugate()`.
    pub(super) fn complex_conjugate(&mut self, v: Expr, span: Span) -> Expr {
        if !matches!(v.ty, Type::Complex(_)) {
            return v;
        }
        let ty = v.ty.clone();
        let (binding, a, b) = self.complex_parts(v, &ty);
        let t = b.ty.clone();
        let neg = Expr::new(ExprKind::Unary { op: UnOp::Neg, operand: Box::new(b) }, t, span);
        binding.wrap(make_complex(a, neg, &ty, span))
    }

    /// `abs(z)`: the hypotenuse of the parts, as Numba's complex_abs.
    pub(super) fn complex_abs(&mut self, v: Expr, span: Span) -> Expr {
        let ty = v.ty.clone();
        let part = part_type(&ty);
        let (binding, a, b) = self.complex_parts(v, &ty);
        let wide = Type::Scalar(DType::Float64);
        let h = Expr::new(ExprKind::Math { func: crate::tir::MathFn::Extern("rhumba_hypot", 2), args: vec![cast(a, wide.clone()), cast(b, wide.clone())] }, wide, span);
        binding.wrap(cast(h, part))
    }

    /// `complex(re, im)`, `complex(x)`, `np.complex128(x)`: a complex number of type `ty`.
    pub(super) fn complex_from(&mut self, re: Expr, im: Option<Expr>, ty: &Type, span: Span) -> R<Expr> {
        let part = part_type(ty);
        for x in std::iter::once(&re).chain(im.as_ref()) {
            if !matches!(x.ty, Type::Scalar(_) | Type::Complex(_)) {
                return Err(mistyped(x.span, format!("complex() argument must be a number, not {}", x.ty)));
            }
        }
        match im {
            None => Ok(cast(re, ty.clone())),
            Some(im) if !matches!(re.ty, Type::Complex(_)) && !matches!(im.ty, Type::Complex(_)) => Ok(make_complex(cast(re, part.clone()), cast(im, part), ty, span)),
            Some(_) => Err(not_compiled(span, "complex() of complex parts is not compiled yet")),
        }
    }
}

/// numpy functions that handle complex arguments by moving bytes, without arithmetic.
const BYTEWISE_NUMPY: &[&str] = &["empty", "zeros", "ones", "full", "empty_like", "zeros_like", "ones_like", "full_like", "copy", "ascontiguousarray", "shape", "size", "ndim"];

impl Checker<'_> {
    /// `cmath.name(...)`, and `math`/`numpy` functions given a complex argument: `Some` call,
    /// an error, or `None` when no argument is complex (the caller goes on as for reals).
    pub(super) fn complex_library_call(&mut self, module: &str, name: &str, args: &[rhumba_grammar::ast::Expr], keywords: bool, span: Span) -> R<Option<Expr>> {
        if module != "cmath" && (BYTEWISE_NUMPY.contains(&name) || DType::from_name(name).is_some()) {
            return Ok(None);
        }
        // An argument that is not a value (a dtype such as `np.float64`) is for the caller.
        let built: Vec<Expr> = match args.iter().map(|a| self.expr(a)).collect::<R<_>>() {
            Ok(built) => built,
            Err(e) if module == "cmath" => return Err(e),
            Err(_) => return Ok(None),
        };
        let complex_scalar = |e: &Expr| matches!(e.ty, Type::Complex(_));
        let complex_array = |e: &Expr| matches!(e.ty, Type::Array { dtype, .. } if dtype.is_complex());
        if module != "cmath" && !built.iter().any(|e| complex_scalar(e) || complex_array(e)) {
            return Ok(None);
        }
        if keywords {
            return Err(not_compiled(span, format!("{module}.{name}() with keyword arguments on complex values is not compiled yet")));
        }
        let one = |built: &[Expr]| -> R<Expr> {
            match built {
                [x] => Ok(x.clone()),
                _ => Err(mistyped(span, format!("{module}.{name}() takes one argument"))),
            }
        };
        // A real argument of a cmath function is made complex first, as Numba's signatures do.
        let as_complex = |e: Expr| -> R<Expr> {
            match e.ty {
                Type::Complex(_) => Ok(e),
                Type::Scalar(d) => {
                    let ty = Type::Complex(d.to_complex());
                    Ok(cast(e, ty))
                }
                ref other => Err(mistyped(e.span, format!("{module}.{name}() takes a number, not {other}"))),
            }
        };
        match (module, name) {
            ("cmath", "rect") => {
                let [r, phi] = built.as_slice() else {
                    return Err(mistyped(span, "cmath.rect() takes two arguments"));
                };
                let f64_ = Type::Scalar(DType::Float64);
                self.prelude_apply("cmath_rect", vec![cast(r.clone(), f64_.clone()), cast(phi.clone(), f64_)], span).map(Some)
            }
            ("cmath", "exp" | "sqrt" | "log" | "log10" | "phase" | "polar" | "isnan" | "isinf" | "isfinite" | "cos" | "sin" | "tan" | "cosh" | "sinh" | "tanh" | "asin" | "acos" | "atan" | "asinh" | "acosh" | "atanh") => {
                let z = as_complex(one(&built)?)?;
                self.prelude_apply(&format!("cmath_{name}"), vec![z], span).map(Some)
            }
            ("cmath", _) => Err(not_compiled(span, format!("cmath.{name} is not compiled yet"))),
            ("numpy", "exp" | "sqrt" | "log") if complex_scalar(&built[0]) => {
                let z = one(&built)?;
                self.prelude_apply(&format!("cmath_{name}"), vec![z], span).map(Some)
            }
            ("numpy", "abs" | "absolute") if complex_scalar(&built[0]) => {
                let z = one(&built)?;
                Ok(Some(self.complex_abs(z, span)))
            }
            ("numpy", "real" | "imag") if complex_scalar(&built[0]) => {
                let z = one(&built)?;
                Ok(Some(self.number_part(z, name == "imag", span)))
            }
            ("numpy", "conj" | "conjugate") if complex_scalar(&built[0]) => {
                let z = one(&built)?;
                Ok(Some(self.complex_conjugate(z, span)))
            }
            ("numpy", "exp" | "abs" | "absolute" | "real" | "imag" | "conj" | "conjugate" | "sum" | "prod" | "mean") if complex_array(&built[0]) => {
                let a = one(&built)?;
                let helper = match name {
                    "absolute" => "abs",
                    "conjugate" => "conj",
                    other => other,
                };
                self.complex_array_helper(helper, a, span).map(Some)
            }
            ("math", _) => Err(mistyped(span, format!("math.{name}() does not take a complex number; use cmath.{name}()"))),
            _ => Err(not_compiled(span, format!("{module}.{name}() on complex values is not compiled yet"))),
        }
    }
}
