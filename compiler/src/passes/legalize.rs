//! Legalisation: Python's and Numba's scalar semantics rewritten, once, into TIR primitives and
//! explicit raises, so that every backend lowers the same primitives and no two tiers disagree.
//!
//! After this pass no `FloorDiv` or `Mod` remains; float `/` carries its zero check as a
//! [`ExprKind::Guard`]; integer `**` only meets exponents it can square its way through, and a
//! float to an integer power is Numba's squaring ([`POWI`]), `x ** 0.5` a square root as LLVM makes
//! Numba's; shift amounts are masked to 0..63 as
//! Numba's x86 code does; float -> int64 conversions give INT64_MIN out of range; a `range` whose
//! step is only known at run time checks it for zero. What stays in the backends, because loop versioning must see it
//! whole: negative-index wrapping and bounds checks of array accesses, and the overflow-safe
//! stepping of `range` loops.

use rhumba_runtime::abi;
use rhumba_runtime::DType;

use crate::tir::{self, BinOp, CmpOp, Expr, ExprKind, Function, Local, LocalId, MathFn, Stmt, StmtKind};
use crate::types::Type;

const I64: Type = Type::Scalar(DType::Int64);
const F64: Type = Type::Scalar(DType::Float64);
const BOOL: Type = Type::Scalar(DType::Bool);

/// Rewrites `f` in place; idempotent (a legalised function has nothing left to rewrite).
pub fn legalize(f: &mut Function) {
    let mut cx = Legalizer { locals: &mut f.locals, ieee: f.ieee_float_division };
    cx.block(&mut f.body);
}

struct Legalizer<'a> {
    locals: &'a mut Vec<Local>,
    /// Float division and modulo by zero give inf/nan (CUDA's `error_model='numpy'`).
    ieee: bool,
}

fn take(e: &mut Expr) -> Expr {
    std::mem::replace(e, Expr::new(ExprKind::Int(0), Type::None, e.span))
}

impl Legalizer<'_> {
    fn block(&mut self, body: &mut Vec<Stmt>) {
        let mut out = Vec::with_capacity(body.len());
        for mut s in body.drain(..) {
            for e in tir::stmt_exprs_mut(&mut s) {
                self.expr(e);
            }
            for b in tir::nested_blocks_mut(&mut s) {
                self.block(b);
            }
            if let StmtKind::ForRange { step, .. } = &mut s.kind {
                if !matches!(step.kind, ExprKind::Int(c) if c != 0) {
                    self.check_range_step(step, s.span, &mut out);
                }
            }
            out.push(s);
        }
        *body = out;
    }

    /// `range(a, b, step)` with a step known only at run time raises ValueError when it is zero.
    /// The step is evaluated once, before the loop (into a local unless it already is one).
    fn check_range_step(&mut self, step: &mut Expr, span: rhumba_grammar::Span, out: &mut Vec<Stmt>) {
        let read = if let ExprKind::Local(_) = step.kind {
            step.clone()
        } else {
            let l = self.fresh(I64);
            let value = take(step);
            out.push(Stmt { kind: StmtKind::Assign { local: l, value }, span });
            *step = Expr::new(ExprKind::Local(l), I64, span);
            step.clone()
        };
        let zero = cmp(CmpOp::Eq, read, int(0, span));
        out.push(Stmt { kind: StmtKind::Expr(guard(zero, abi::ERR_RANGE_STEP, int(0, span))), span });
    }

    fn fresh(&mut self, ty: Type) -> LocalId {
        self.locals.push(Local { name: format!("legal{}", self.locals.len()), ty });
        self.locals.len() - 1
    }

    /// Evaluates `value` once and hands `body` an expression that reads it: the value itself
    /// when it is a constant or a local, else a fresh local bound by a `Let`.
    fn bind(&mut self, value: Expr, body: impl FnOnce(&mut Self, Expr) -> Expr) -> Expr {
        if matches!(value.kind, ExprKind::Local(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_)) {
            return body(self, value);
        }
        let (ty, span) = (value.ty.clone(), value.span);
        let l = self.fresh(ty.clone());
        let inner = body(self, Expr::new(ExprKind::Local(l), ty, span));
        let result_ty = inner.ty.clone();
        Expr::new(ExprKind::Let { local: l, value: Box::new(value), body: Box::new(inner) }, result_ty, span)
    }

    fn expr(&mut self, e: &mut Expr) {
        // An integer literal raised to stays an integer exponent (Numba squares for `x ** 3` but
        // calls pow for `x ** 3.0`), so that `Cast` is not folded into a float literal.
        let literal_exponent = matches!(&e.kind, ExprKind::Binary { op: BinOp::Pow, rhs, .. } if matches!(&rhs.kind, ExprKind::Cast(inner) if matches!(inner.kind, ExprKind::Int(_))));
        for (k, c) in tir::children_mut(e).into_iter().enumerate() {
            if !(literal_exponent && k == 1) {
                self.expr(c);
            }
        }
        if let ExprKind::Cast(inner) = &mut e.kind {
            let (span, ty) = (e.span, e.ty.clone());
            match (&inner.kind, &inner.ty, &ty) {
                // A literal converted to a float is a float literal (the same rounding), so that
                // the checks below see a constant divisor or exponent.
                (ExprKind::Int(v), _, Type::Scalar(d)) if d.is_float() => *e = Expr::new(ExprKind::Float(*v as f64), ty, span),
                // float -> int64 as Numba's code does it (x86's conversion): NaN, infinities and
                // values out of range give INT64_MIN; the primitive cast then only sees values
                // it converts exactly.
                (_, Type::Scalar(from), &I64) if from.is_float() => {
                    let value = take(inner);
                    *e = self.bind(value, |_, x| {
                        let limit = float_const(9223372036854775808.0, &x.ty, span);
                        let low = cmp(CmpOp::Ge, x.clone(), float_const(-9223372036854775808.0, &x.ty, span));
                        let in_range = binary(BinOp::BitAnd, low, cmp(CmpOp::Lt, x.clone(), limit));
                        select(in_range, cast(x, I64), int(i64::MIN, span))
                    });
                }
                _ => {}
            }
            return;
        }
        let ExprKind::Binary { op, lhs, rhs } = &mut e.kind else { return };
        let (op, span, ty) = (*op, e.span, e.ty.clone());
        let float = matches!(ty, Type::Scalar(d) if d.is_float());
        let replacement = match op {
            BinOp::FloorDiv | BinOp::Mod if float => self.float_divmod(op, take(lhs), take(rhs), &ty),
            BinOp::FloorDiv | BinOp::Mod => self.int_divmod(op, take(lhs), take(rhs)),
            BinOp::Div if float && !self.ieee && !matches!(rhs.kind, ExprKind::Float(c) if c != 0.0) => {
                let (a, b) = (take(lhs), take(rhs));
                self.bind(b, |_, b| {
                    let zero = cmp(CmpOp::Eq, b.clone(), float_const(0.0, &b.ty, span));
                    guard(zero, abi::ERR_FLOAT_DIVISION, binary(BinOp::Div, a, b))
                })
            }
            BinOp::Pow if float => self.float_pow(take(lhs), take(rhs)),
            BinOp::Pow if ty == I64 => self.int_pow(take(lhs), take(rhs)),
            BinOp::Shl | BinOp::Shr if !matches!(rhs.kind, ExprKind::Int(0..=63)) => {
                let amount = binary(BinOp::BitAnd, take(rhs), int(63, span));
                binary(op, take(lhs), amount)
            }
            _ => return,
        };
        *e = replacement;
    }

    /// Python's `//` and `%` on `int64`: rounding toward negative infinity, ZeroDivisionError
    /// for a zero divisor, and Numba's `INT64_MIN // -1 == 0` (its own choice: CPython's answer
    /// does not fit). Truncating division never sees 0 or -1 as its divisor.
    fn int_divmod(&mut self, op: BinOp, a: Expr, b: Expr) -> Expr {
        let span = b.span;
        let floor = op == BinOp::FloorDiv;
        match b.kind {
            ExprKind::Int(c) if c > 0 && c.count_ones() == 1 => {
                // A power of two: an arithmetic shift and a mask already round toward -inf.
                return if floor { binary(BinOp::Shr, a, int(c.trailing_zeros() as i64, span)) } else { binary(BinOp::BitAnd, a, int(c - 1, span)) };
            }
            ExprKind::Int(c) if c > 0 || c < -1 => {
                return self.bind(a, |cx, a| {
                    cx.bind(binary(BinOp::DivTrunc, a.clone(), int(c, span)), |cx, q| {
                        let r = binary(BinOp::Sub, a.clone(), binary(BinOp::Mul, q.clone(), int(c, span)));
                        cx.bind(r, |_, r| {
                            // With a constant divisor the sign test needs r alone.
                            let adjust = if c > 0 { cmp(CmpOp::Lt, r.clone(), int(0, span)) } else { cmp(CmpOp::Gt, r.clone(), int(0, span)) };
                            if floor {
                                select(adjust, binary(BinOp::Sub, q.clone(), int(1, span)), q)
                            } else {
                                select(adjust, binary(BinOp::Add, r.clone(), int(c, span)), r)
                            }
                        })
                    })
                });
            }
            ExprKind::Int(-1) => {
                return self.bind(a, |_, a| {
                    if floor {
                        let min = cmp(CmpOp::Eq, a.clone(), int(i64::MIN, span));
                        select(min, int(0, span), binary(BinOp::Sub, int(0, span), a))
                    } else {
                        // `a` is still evaluated (by the binding), for its effects; x % -1 is 0.
                        int(0, span)
                    }
                });
            }
            _ => {}
        }
        let code = if floor { abi::ERR_INT_DIVISION } else { abi::ERR_INT_MODULO };
        self.bind(a, |cx, a| {
            cx.bind(b, |cx, b| {
                let minus_one = cmp(CmpOp::Eq, b.clone(), int(-1, span));
                let safe = select(minus_one.clone(), int(1, span), b.clone());
                let body = cx.bind(safe, |cx, d| {
                    cx.bind(binary(BinOp::DivTrunc, a.clone(), d.clone()), |cx, q| {
                        let r = binary(BinOp::Sub, a.clone(), binary(BinOp::Mul, q.clone(), d.clone()));
                        cx.bind(r, |cx, r| {
                            let nonzero = cmp(CmpOp::Ne, r.clone(), int(0, span));
                            let opposite = cmp(CmpOp::Lt, binary(BinOp::BitXor, r.clone(), d.clone()), int(0, span));
                            cx.bind(binary(BinOp::BitAnd, nonzero, opposite), |_, adjust| {
                                if floor {
                                    let rounded = select(adjust, binary(BinOp::Sub, q.clone(), int(1, span)), q.clone());
                                    let is_min = cmp(CmpOp::Eq, a.clone(), int(i64::MIN, span));
                                    let negated = select(is_min, int(0, span), binary(BinOp::Sub, int(0, span), a.clone()));
                                    select(minus_one, negated, rounded)
                                } else {
                                    select(adjust, binary(BinOp::Add, r.clone(), d.clone()), r.clone())
                                }
                            })
                        })
                    })
                });
                guard(cmp(CmpOp::Eq, b, int(0, span)), code, body)
            })
        })
    }

    /// Python's float `//` and `%` (CPython's `float_divmod`, which Numba copies): the remainder
    /// takes the divisor's sign, a zero remainder is a zero of the divisor's sign, and the
    /// quotient is rounded to the nearest integer of `(x - mod) / y`. float32 computes in float64
    /// and rounds once at the end.
    fn float_divmod(&mut self, op: BinOp, x: Expr, y: Expr, ty: &Type) -> Expr {
        let span = y.span;
        let (x, y) = if *ty == F64 { (x, y) } else { (cast(x, F64), cast(y, F64)) };
        let floor = op == BinOp::FloorDiv;
        let ieee = self.ieee;
        let result = self.bind(x, |cx, x| {
            cx.bind(y, |cx, y| {
                let fmod = Expr::new(ExprKind::Math { func: MathFn::Extern("rhumba_fmod", 2), args: vec![x.clone(), y.clone()] }, F64, span);
                let body = cx.bind(fmod, |cx, m| {
                    let m_nonzero = cmp(CmpOp::Ne, m.clone(), fconst(0.0, span));
                    let signs_differ = binary(BinOp::BitXor, cmp(CmpOp::Lt, y.clone(), fconst(0.0, span)), cmp(CmpOp::Lt, m.clone(), fconst(0.0, span)));
                    cx.bind(binary(BinOp::BitAnd, m_nonzero.clone(), signs_differ), |cx, adjust| {
                        if !floor {
                            let zero_like_y = select(cmp(CmpOp::Lt, y.clone(), fconst(0.0, span)), fconst(-0.0, span), fconst(0.0, span));
                            return select(m_nonzero, select(adjust, binary(BinOp::Add, m.clone(), y.clone()), m.clone()), zero_like_y);
                        }
                        let div = binary(BinOp::Div, binary(BinOp::Sub, x.clone(), m.clone()), y.clone());
                        cx.bind(div, |cx, div| {
                            let div = select(adjust, binary(BinOp::Sub, div.clone(), fconst(1.0, span)), div);
                            cx.bind(div, |cx, div| {
                                let floored = Expr::new(ExprKind::Math { func: MathFn::Floor, args: vec![div.clone()] }, F64, span);
                                cx.bind(floored, |_, fl| {
                                    let up = cmp(CmpOp::Gt, binary(BinOp::Sub, div.clone(), fl.clone()), fconst(0.5, span));
                                    let rounded = select(up, binary(BinOp::Add, fl.clone(), fconst(1.0, span)), fl);
                                    // A zero quotient keeps the sign of x / y (finite here: |x| < |y|).
                                    let signed_zero = binary(BinOp::Mul, binary(BinOp::Div, x.clone(), y.clone()), fconst(0.0, span));
                                    select(cmp(CmpOp::Ne, div, fconst(0.0, span)), rounded, signed_zero)
                                })
                            })
                        })
                    })
                });
                let zero = cmp(CmpOp::Eq, y.clone(), fconst(0.0, span));
                if ieee {
                    // numpy's answers: x // 0 is x / 0 (an infinity or nan), x % 0 is nan.
                    let by_zero = if floor { binary(BinOp::Div, x.clone(), y.clone()) } else { fconst(f64::NAN, span) };
                    select(zero, by_zero, body)
                } else {
                    guard(zero, if floor { abi::ERR_FLOAT_DIVISION } else { abi::ERR_FLOAT_MODULO }, body)
                }
            })
        });
        if *ty == F64 {
            result
        } else {
            cast(result, ty.clone())
        }
    }

    /// Integer `**` as Numba computes it: repeated squaring that wraps; a negative exponent gives
    /// 1 for a base of 1, ±1 for -1, 0 otherwise, and ZeroDivisionError for a base of 0. Small
    /// constant exponents become multiplications.
    fn int_pow(&mut self, a: Expr, b: Expr) -> Expr {
        let span = b.span;
        match b.kind {
            ExprKind::Int(0) => return self.bind(a, |_, _| int(1, span)),
            ExprKind::Int(1) => return a,
            ExprKind::Int(2) => return self.bind(a, |_, a| binary(BinOp::Mul, a.clone(), a)),
            ExprKind::Int(3) => return self.bind(a, |_, a| binary(BinOp::Mul, binary(BinOp::Mul, a.clone(), a.clone()), a)),
            ExprKind::Int(c) if c > 0 => return binary(BinOp::Pow, a, b),
            _ => {}
        }
        self.bind(a, |cx, a| {
            cx.bind(b, |_, b| {
                let negative = cmp(CmpOp::Lt, b.clone(), int(0, span));
                let odd = cmp(CmpOp::Ne, binary(BinOp::BitAnd, b.clone(), int(1, span)), int(0, span));
                let minus_one = select(odd, int(-1, span), int(1, span));
                let reciprocal = select(
                    cmp(CmpOp::Eq, a.clone(), int(1, span)),
                    int(1, span),
                    select(cmp(CmpOp::Eq, a.clone(), int(-1, span)), minus_one, int(0, span)),
                );
                let value = select(negative.clone(), reciprocal, binary(BinOp::Pow, a.clone(), b.clone()));
                let zero_base = binary(BinOp::BitAnd, negative, cmp(CmpOp::Eq, a, int(0, span)));
                guard(zero_base, abi::ERR_ZERO_NEGATIVE_POWER, value)
            })
        })
    }

    /// Float `**`. With a float exponent, the C library's `pow` (`x ** 2.0` is `x * x`, the same
    /// bits). With an integer exponent, Numba's algorithm, whose last bits differ from `pow`'s:
    /// repeated squaring of a float64 base (`POWI`, up to an exponent of 65536), and for a negative
    /// exponent `1.0 / x ** -n`, which raises ZeroDivisionError when that power is zero.
    fn float_pow(&mut self, x: Expr, y: Expr) -> Expr {
        let span = y.span;
        let exponent = match &y.kind {
            ExprKind::Cast(inner) if matches!(inner.ty, Type::Scalar(d) if d.is_int()) => Some((**inner).clone()),
            _ => None,
        };
        match (&y.kind, &exponent) {
            (ExprKind::Float(v), _) if *v == 2.0 => return self.bind(x, |_, x| binary(BinOp::Mul, x.clone(), x)),
            (_, Some(Expr { kind: ExprKind::Int(2), .. })) => return self.bind(x, |_, x| binary(BinOp::Mul, x.clone(), x)),
            // `x ** 0.5` as Numba computes it (LLVM rewrites its `pow(x, 0.5)` so): the square root,
            // with pow's answers where they differ, +0.0 for -0.0 and inf for -inf; a square root
            // instead of a `pow` call is some 10 times faster in a loop.
            (ExprKind::Float(v), _) if *v == 0.5 && x.ty == F64 => {
                return self.bind(x, |_, x| {
                    let root = Expr::new(ExprKind::Math { func: MathFn::Sqrt, args: vec![x.clone()] }, F64, span);
                    let magnitude = Expr::new(ExprKind::Math { func: MathFn::Fabs, args: vec![root] }, F64, span);
                    select(cmp(CmpOp::Eq, x, fconst(f64::NEG_INFINITY, span)), fconst(f64::INFINITY, span), magnitude)
                })
            }
            _ => {}
        }
        let Some(n) = exponent.filter(|_| x.ty == F64) else {
            // float32 keeps `pow` in float64, rounded once (Numba squares in float32).
            return binary(BinOp::Pow, x, y);
        };
        let n = if n.ty == I64 { n } else { cast(n, I64) };
        let ieee = self.ieee;
        self.bind(x, |cx, x| {
            cx.bind(n, |cx, n| {
                let negative = cmp(CmpOp::Lt, n.clone(), int(0, span));
                let magnitude = select(negative.clone(), binary(BinOp::Sub, int(0, span), n.clone()), n.clone());
                let power = Expr::new(ExprKind::Math { func: POWI, args: vec![x, magnitude] }, F64, span);
                cx.bind(power, |_, r| {
                    let inverse = binary(BinOp::Div, fconst(1.0, span), r.clone());
                    let value = select(negative.clone(), inverse, r.clone());
                    if ieee {
                        value
                    } else {
                        let fail = binary(BinOp::BitAnd, negative, cmp(CmpOp::Eq, r, fconst(0.0, span)));
                        guard(fail, abi::ERR_FLOAT_NEGATIVE_POWER, value)
                    }
                })
            })
        })
    }
}

/// `float64 ** int64` for a non-negative exponent by Numba's repeated squaring: a runtime call on
/// the CPU (`rhumba_powi`), an inline loop in the LLVM writer's GPU mode.
pub const POWI: MathFn = MathFn::Runtime("rhumba_powi", &[DType::Float64, DType::Int64], Some(DType::Float64));

fn int(v: i64, span: rhumba_grammar::Span) -> Expr {
    Expr::new(ExprKind::Int(v), I64, span)
}

fn fconst(v: f64, span: rhumba_grammar::Span) -> Expr {
    Expr::new(ExprKind::Float(v), F64, span)
}

fn float_const(v: f64, ty: &Type, span: rhumba_grammar::Span) -> Expr {
    Expr::new(ExprKind::Float(v), ty.clone(), span)
}

fn cast(e: Expr, ty: Type) -> Expr {
    let span = e.span;
    Expr::new(ExprKind::Cast(Box::new(e)), ty, span)
}

/// `lhs op rhs`, typed as its operands (bool for logic on bools).
fn binary(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    let (ty, span) = (lhs.ty.clone(), lhs.span);
    Expr::new(ExprKind::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, ty, span)
}

fn cmp(op: CmpOp, lhs: Expr, rhs: Expr) -> Expr {
    let span = lhs.span;
    Expr::new(ExprKind::Compare { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, BOOL, span)
}

fn select(cond: Expr, then: Expr, otherwise: Expr) -> Expr {
    let (ty, span) = (then.ty.clone(), cond.span);
    Expr::new(ExprKind::Select { cond: Box::new(cond), then: Box::new(then), otherwise: Box::new(otherwise) }, ty, span)
}

fn guard(fail: Expr, code: i32, value: Expr) -> Expr {
    let (ty, span) = (value.ty.clone(), fail.span);
    Expr::new(ExprKind::Guard { fail: Box::new(fail), code, value: Box::new(value) }, ty, span)
}

/// The invariant this pass establishes, for the verifier: no Python operator is left for a
/// backend to implement.
pub fn check_legal(f: &Function) -> Result<(), String> {
    let mut found = None;
    tir::for_each_expr(&f.body, &mut |e| {
        if let ExprKind::Binary { op: op @ (BinOp::FloorDiv | BinOp::Mod), .. } = &e.kind {
            found.get_or_insert(format!("{}: Python's {op:?} left after legalisation", f.name));
        }
    });
    found.map_or(Ok(()), Err)
}
