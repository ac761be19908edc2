//! Strings in compiled code: `Type::Str` is an immutable list of code points, so the list
//! primitives read and build it, and every operation (`+`, indexing, slicing, comparisons,
//! `ord`, `chr`, `str(int)`, f-strings and the methods of [`Checker::str_method`]) is a `_str_*`
//! function of the numpy prelude
//! that makes a new string. Inside the prelude, `s._code(i)` reads a code point and
//! `s._push(c)` appends one to a string that function has just made.

use rhumba_grammar::ast::{self, CmpOp as AstCmpOp, ExprKind as E, FStringPart};
use rhumba_grammar::Span;

use super::{is_int, mistyped, not_compiled, Checker, BOOL, I64, R};
use crate::tir::{CmpOp, Expr, ExprKind, Stmt, UnOp};
use crate::types::Type;

impl Checker<'_> {
    fn refuse_str_in_prange(&self, span: Span) -> R<()> {
        if self.parallel_depth > 0 {
            return Err(not_compiled(span, "strings inside `prange` loops are not compiled yet"));
        }
        Ok(())
    }

    /// A string literal: a new string with its code points.
    pub(super) fn str_literal(&mut self, text: &str, span: Span) -> R<Expr> {
        self.refuse_str_in_prange(span)?;
        let fresh = Expr::new(ExprKind::ListNew, Type::Str, span);
        if text.is_empty() {
            return Ok(fresh);
        }
        let s = self.temp(Type::Str);
        let unit = self.temp(Type::None);
        let whole = Expr::new(ExprKind::Local(s), Type::Str, span);
        let mut body = whole.clone();
        for c in text.chars().rev() {
            let code = Expr::new(ExprKind::Int(c as i64), I64, span);
            let push = Expr::new(ExprKind::ListPush { list: Box::new(whole.clone()), value: Box::new(code) }, Type::None, span);
            body = Expr::new(ExprKind::Let { local: unit, value: Box::new(push), body: Box::new(body) }, Type::Str, span);
        }
        Ok(Expr::new(ExprKind::Let { local: s, value: Box::new(fresh), body: Box::new(body) }, Type::Str, span))
    }

    /// `f"{name}[{n}]="`: the parts, each a string (`str` of an integer), joined.
    pub(super) fn fstring(&mut self, parts: &[FStringPart], span: Span) -> R<Expr> {
        let mut out = self.str_literal("", span)?;
        for p in parts {
            let piece = match p {
                FStringPart::Literal(text) => self.str_literal(text, span)?,
                FStringPart::Hole { value, spec: None } => {
                    let v = self.expr(value)?;
                    self.to_str(v, value.span)?
                }
                FStringPart::Hole { .. } => return Err(not_compiled(span, "format specifications in f-strings are not compiled yet")),
            };
            out = self.prelude_apply("_str_concat", vec![out, piece], span)?;
        }
        Ok(out)
    }

    /// `str(v)`: a string as it is, an integer's decimal digits.
    pub(super) fn to_str(&mut self, v: Expr, span: Span) -> R<Expr> {
        match &v.ty {
            Type::Str => Ok(v),
            t if is_int(t) => self.prelude_apply("_str_from_int", vec![super::cast(v, I64)], span),
            other => Err(not_compiled(span, format!("str() of {other} is not compiled yet"))),
        }
    }

    /// `s[i]` (a one-character string) and `s[a:b:c]`.
    pub(super) fn str_subscript(&mut self, s: Expr, index: &ast::Expr, span: Span) -> R<Expr> {
        self.refuse_str_in_prange(span)?;
        if let E::Slice { lower, upper, step } = &index.kind {
            let [start, stop, step] = self.slice_bounds([lower, upper, step], span)?;
            return self.prelude_apply("_str_slice", vec![s, start, stop, step], span);
        }
        let i = self.expr(index)?;
        if !is_int(&i.ty) && i.ty != BOOL {
            return Err(mistyped(index.span, format!("string indices must be integers, not {}", i.ty)));
        }
        self.prelude_apply("_str_at", vec![s, super::cast(i, I64)], span)
    }

    /// `a + b` of strings.
    pub(super) fn str_binary(&mut self, op: ast::BinOp, l: Expr, r: Expr, span: Span) -> R<Option<Expr>> {
        match (&l.ty, &r.ty, op) {
            (Type::Str, Type::Str, ast::BinOp::Add) => {
                self.refuse_str_in_prange(span)?;
                self.prelude_apply("_str_concat", vec![l, r], span).map(Some)
            }
            (Type::Str, _, _) | (_, Type::Str, _) => Err(not_compiled(span, format!("`{}` on {} and {} is not compiled yet", op.symbol(), l.ty, r.ty))),
            _ => Ok(None),
        }
    }

    /// `a == b`, `a != b` and `sub in s` of strings.
    pub(super) fn str_compare(&mut self, op: AstCmpOp, l: Expr, r: Expr, span: Span) -> R<Expr> {
        let (f, negate) = match op {
            AstCmpOp::Eq => ("_str_eq", false),
            AstCmpOp::NotEq => ("_str_eq", true),
            AstCmpOp::In => ("_str_contains", false),
            AstCmpOp::NotIn => ("_str_contains", true),
            AstCmpOp::Lt | AstCmpOp::LtE | AstCmpOp::Gt | AstCmpOp::GtE => {
                // `a < b` as `_str_compare(a, b) < 0`, and so on.
                let order = self.prelude_apply("_str_compare", vec![l, r], span)?;
                let op = match op {
                    AstCmpOp::Lt => CmpOp::Lt,
                    AstCmpOp::LtE => CmpOp::Le,
                    AstCmpOp::Gt => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                let zero = Expr::new(ExprKind::Int(0), I64, span);
                return Ok(Expr::new(ExprKind::Compare { op, lhs: Box::new(order), rhs: Box::new(zero) }, BOOL, span));
            }
            _ => return Err(not_compiled(span, "this comparison of strings is not compiled yet")),
        };
        let args = if matches!(op, AstCmpOp::In | AstCmpOp::NotIn) { vec![r, l] } else { vec![l, r] };
        let found = self.prelude_apply(f, args, span)?;
        Ok(if negate { Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(found) }, BOOL, span) } else { found })
    }

    /// A method of a string (`s` already checked).
    pub(super) fn str_method(&mut self, s: Expr, name: &str, args: &[ast::Expr], span: Span) -> R<Expr> {
        self.refuse_str_in_prange(span)?;
        let built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
        let apply = |this: &mut Self, f: &str, args: Vec<Expr>| this.prelude_apply(f, args, span);
        match (name, &built[..]) {
            // The prelude's primitives: a code point, and appending one to a new string.
            ("_code", [i]) if is_int(&i.ty) => Ok(Expr::new(ExprKind::ListGet { list: Box::new(s), index: Box::new(super::cast(i.clone(), I64)) }, I64, span)),
            ("_push", [c]) if is_int(&c.ty) => Ok(Expr::new(ExprKind::ListPush { list: Box::new(s), value: Box::new(super::cast(c.clone(), I64)) }, Type::None, span)),
            ("split", [sep]) if sep.ty == Type::Str => apply(self, "_str_split", vec![s, sep.clone()]),
            ("split", []) => apply(self, "_str_split_whitespace", vec![s]),
            ("isdigit", []) => apply(self, "_str_isdigit", vec![s]),
            ("startswith", [p]) if p.ty == Type::Str => apply(self, "_str_startswith", vec![s, p.clone()]),
            ("endswith", [p]) if p.ty == Type::Str => apply(self, "_str_endswith", vec![s, p.clone()]),
            ("find", [p]) if p.ty == Type::Str => apply(self, "_str_find", vec![s, p.clone()]),
            ("rfind", [p]) if p.ty == Type::Str => apply(self, "_str_rfind", vec![s, p.clone()]),
            ("index", [p]) if p.ty == Type::Str => apply(self, "_str_index", vec![s, p.clone()]),
            ("count", [p]) if p.ty == Type::Str => apply(self, "_str_count", vec![s, p.clone()]),
            ("replace", [old, new]) if old.ty == Type::Str && new.ty == Type::Str => apply(self, "_str_replace", vec![s, old.clone(), new.clone()]),
            ("join", [parts]) if matches!(&parts.ty, Type::List { item: Some(item), .. } if **item == Type::Str) => apply(self, "_str_join", vec![s, parts.clone()]),
            ("strip" | "lstrip" | "rstrip", []) | ("strip" | "lstrip" | "rstrip", [_]) => {
                let (default, chars) = match built.first() {
                    Some(c) if c.ty == Type::Str => (false, c.clone()),
                    Some(c) if c.ty == Type::None => (true, self.str_literal("", span)?),
                    Some(c) => return Err(mistyped(span, format!("{name} arg must be None or str, not {}", c.ty))),
                    None => (true, self.str_literal("", span)?),
                };
                let flag = |b: bool| Expr::new(ExprKind::Bool(b), BOOL, span);
                let (left, right) = (name != "rstrip", name != "lstrip");
                apply(self, "_str_strip_span", vec![s, chars, flag(default), flag(left), flag(right)])
            }
            ("upper" | "lower", []) => {
                let upper = Expr::new(ExprKind::Bool(name == "upper"), BOOL, span);
                apply(self, "_str_ascii_case", vec![s, upper])
            }
            ("isalpha" | "isalnum" | "isspace" | "isupper" | "islower", []) => {
                let kind = ["isalpha", "isalnum", "isspace", "isupper", "islower"].iter().position(|k| *k == name).unwrap_or(0);
                apply(self, "_str_all_ascii", vec![s, Expr::new(ExprKind::Int(kind as i64), I64, span)])
            }
            (other, _) => Err(not_compiled(span, format!("the string method `.{other}()` with these arguments is not compiled yet"))),
        }
    }

    /// `for c in s`: each character as a one-character string.
    pub(super) fn str_loop(&mut self, target: &ast::Expr, seq: Expr, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> R<()> {
        self.refuse_str_in_prange(span)?;
        let stop = |s: Expr| Expr::new(ExprKind::ListLen(Box::new(s)), I64, span);
        let at = |this: &mut Self, s: Expr, position: Expr| this.prelude_apply("_str_at", vec![s, position], span);
        self.container_loop(target, seq, body, orelse, span, out, &stop, &at)
    }
}
