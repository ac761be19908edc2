//! `print(...)` in compiled code, as Numba compiles it: every argument is evaluated first, then
//! each is appended to the thread's line in Python's text form by a runtime call (numbers,
//! bools, complex numbers, strings through the prelude's `_print_str`, None), with spaces
//! between them, and the line is written out at its end (`runtime/src/print.rs`).

use rhumba_grammar::Span;
use rhumba_runtime::DType;

use super::{cast, is_int, not_compiled, Checker, BOOL, F64, I64, R};
use crate::tir::{Expr, ExprKind, MathFn};
use crate::types::Type;

/// A call of the runtime's print function `symbol` (type None).
fn runtime(symbol: &'static str, params: &'static [DType], args: Vec<Expr>, span: Span) -> Expr {
    Expr::new(ExprKind::Math { func: MathFn::Runtime(symbol, params, None), args }, Type::None, span)
}

impl Checker<'_> {
    /// `print(args...)` with the arguments already built.
    pub(super) fn print_call(&mut self, built: Vec<Expr>, span: Span) -> R<Expr> {
        // The runtime keeps a printed line per thread for the host to take after the call, so
        // printing is compiled only where the calling thread runs the code.
        if self.parallel_depth > 0 || self.env.cuda(self.key) {
            return Err(not_compiled(span, "print() inside `prange` loops and CUDA kernels is not compiled yet"));
        }
        // Bound to temporaries first: an argument that raises prints nothing.
        let mut bound = Vec::with_capacity(built.len());
        for v in built {
            let local = self.temp(v.ty.clone());
            bound.push((local, v));
        }
        let mut steps = Vec::new();
        for (k, (local, v)) in bound.iter().enumerate() {
            if k > 0 {
                steps.push(runtime("rhumba_print_sep", &[], vec![], span));
            }
            let value = Expr::new(ExprKind::Local(*local), v.ty.clone(), span);
            steps.push(match &v.ty {
                Type::Scalar(DType::Float64 | DType::Float32) => runtime("rhumba_print_float", &[DType::Float64], vec![cast(value, F64)], span),
                Type::Scalar(DType::Bool) => runtime("rhumba_print_bool", &[DType::Bool], vec![value], span),
                Type::Scalar(DType::UInt64) => runtime("rhumba_print_uint", &[DType::UInt64], vec![value], span),
                t if is_int(t) => runtime("rhumba_print_int", &[DType::Int64], vec![cast(value, I64)], span),
                Type::Complex(_) => {
                    let re = self.number_part(value.clone(), false, span);
                    let im = self.number_part(value, true, span);
                    runtime("rhumba_print_complex", &[DType::Float64, DType::Float64], vec![cast(re, F64), cast(im, F64)], span)
                }
                Type::Str => self.prelude_apply("_print_str", vec![value], span)?,
                Type::None => runtime("rhumba_print_none", &[], vec![], span),
                other => return Err(not_compiled(span, format!("print() of {other} is not compiled yet"))),
            });
        }
        steps.push(runtime("rhumba_print_end", &[], vec![], span));
        // `let _ = step1 in let _ = step2 in ... end`, inside the arguments' bindings.
        let unit = self.temp(Type::None);
        let mut body = steps.pop().unwrap_or_else(|| runtime("rhumba_print_end", &[], vec![], span));
        while let Some(step) = steps.pop() {
            body = Expr::new(ExprKind::Let { local: unit, value: Box::new(step), body: Box::new(body) }, Type::None, span);
        }
        for (local, v) in bound.into_iter().rev() {
            body = Expr::new(ExprKind::Let { local, value: Box::new(v), body: Box::new(body) }, Type::None, span);
        }
        Ok(body)
    }

    /// The prelude's `_print_char(code)`: one character of a printed string.
    pub(super) fn print_char(&mut self, built: Vec<Expr>, span: Span) -> R<Expr> {
        match &built[..] {
            [c] if is_int(&c.ty) || c.ty == BOOL => Ok(runtime("rhumba_print_char", &[DType::Int64], vec![cast(c.clone(), I64)], span)),
            _ => Err(not_compiled(span, "_print_char takes one code point")),
        }
    }
}
