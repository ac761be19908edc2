//! Exceptions in compiled code: `raise E(args)` and `assert cond, message` become raise sites
//! registered with the runtime (`abi::register_raise`), so that the host raises the same class
//! with the same arguments as Numba; run-time arguments (at most two numbers) travel in the
//! error slot.

use rhumba_grammar::ast::{self, ExprKind as E};
use rhumba_grammar::Span;
use rhumba_runtime::abi::{self, RaiseArg};
use rhumba_runtime::DType;

use super::{mistyped, not_compiled, Checker, Global, BOOL, I64, R};
use crate::tir::{Expr, ExprKind, Stmt, StmtKind};
use crate::types::Type;

/// Python's built-in exception classes that compiled code may raise by name.
const BUILTIN_EXCEPTIONS: &[&str] = &[
    "BaseException",
    "Exception",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "IndexError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "NameError",
    "NotImplementedError",
    "OverflowError",
    "RuntimeError",
    "StopIteration",
    "TypeError",
    "ValueError",
    "ZeroDivisionError",
];

impl Checker<'_> {
    /// `raise E`, `raise E(args)`: a statement that always raises the registered site.
    pub(super) fn raise_statement(&mut self, value: Option<&ast::Expr>, span: Span) -> R<Stmt> {
        let Some(e) = value else {
            return Err(not_compiled(span, "a bare `raise` (re-raising the exception being handled) is not compiled yet"));
        };
        let (class, args) = match &e.kind {
            E::Call { func, args, keywords } if keywords.is_empty() => (&**func, args.as_slice()),
            E::Call { .. } => return Err(not_compiled(span, "keyword arguments of an exception are not compiled")),
            _ => (e, &[][..]),
        };
        let (name, lineage) = self.exception_class(class)?;
        let (site, details) = self.raise_arguments(args)?;
        let code = abi::register_raise(&name, lineage, site);
        Ok(Stmt { kind: StmtKind::Assert { cond: Expr::new(ExprKind::Bool(false), BOOL, span), code, details }, span })
    }

    /// `assert test, msg`: AssertionError with the message as its argument, as in Python.
    pub(super) fn assert_statement(&mut self, test: &ast::Expr, msg: Option<&ast::Expr>, span: Span) -> R<Stmt> {
        let cond = self.condition(test)?;
        let (code, details) = match msg {
            None => (abi::ERR_ASSERTION, vec![]),
            Some(m) => {
                let (site, details) = self.raise_arguments(std::slice::from_ref(m))?;
                (abi::register_raise("AssertionError", vec![], site), details)
            }
        };
        Ok(Stmt { kind: StmtKind::Assert { cond, code, details }, span })
    }

    /// The class a `raise` names, with its bases for a class of the program's own.
    fn exception_class(&mut self, e: &ast::Expr) -> R<(String, Vec<String>)> {
        let E::Name(sym) = e.kind else {
            return Err(not_compiled(e.span, "raising this expression is not compiled; raise an exception class by name"));
        };
        match self.env.global(self.key, sym) {
            Some(Global::ExceptionClass { name, lineage }) => Ok((name, lineage)),
            Some(Global::Builtin(b)) if BUILTIN_EXCEPTIONS.contains(&b) => Ok((b.to_string(), vec![])),
            None if BUILTIN_EXCEPTIONS.contains(&sym.as_str()) => Ok((sym.as_str().to_string(), vec![])),
            None => Err(super::Pending::Error(super::CheckError { is_type_error: true, message: format!("name '{sym}' is not defined"), span: e.span, secondary: None })),
            Some(_) => Err(mistyped(e.span, format!("exceptions must derive from BaseException (`{sym}` is not an exception class)"))),
        }
    }

    /// The arguments of a raised exception: literals kept as constants, numbers computed at run
    /// time (two at most, as Numba's dynamic exception arguments need the error slot).
    fn raise_arguments(&mut self, args: &[ast::Expr]) -> R<(Vec<RaiseArg>, Vec<Expr>)> {
        let mut site = Vec::new();
        let mut details: Vec<Expr> = Vec::new();
        for a in args {
            let literal = match &a.kind {
                E::Str(s) => Some(RaiseArg::Str(s.to_string())),
                E::Bool(b) => Some(RaiseArg::Bool(*b)),
                E::Float(f) => Some(RaiseArg::Float(*f)),
                E::Int(i) => i64::try_from(*i).ok().map(RaiseArg::Int),
                E::UnaryOp { op: ast::UnaryOp::Neg, operand } => match &operand.kind {
                    E::Float(f) => Some(RaiseArg::Float(-f)),
                    E::Int(i) => i64::try_from(*i).ok().map(|i| RaiseArg::Int(-i)),
                    _ => None,
                },
                _ => None,
            };
            if let Some(c) = literal {
                site.push(c);
                continue;
            }
            let v = self.expr(a)?;
            let k = details.len();
            if k == 2 {
                return Err(not_compiled(a.span, "an exception with more than two run-time arguments is not compiled yet"));
            }
            let (arg, value) = match &v.ty {
                Type::Scalar(DType::Bool) => (RaiseArg::RuntimeBool(k), v),
                Type::Scalar(d) if d.is_float() => (RaiseArg::RuntimeFloat(k), v),
                Type::Scalar(_) => (RaiseArg::RuntimeInt(k), super::cast(v, I64)),
                other => return Err(not_compiled(a.span, format!("an exception argument of type {other} is not compiled yet (numbers and literals are)"))),
            };
            site.push(arg);
            details.push(value);
        }
        Ok((site, details))
    }
}

/// Whether statements contain a `return`, `break`, `continue` or `raise` (at any depth): a
/// `finally` block after them would be skipped, which compiled code does not model yet.
fn leaves_early(body: &[ast::Stmt]) -> bool {
    use ast::StmtKind as S;
    body.iter().any(|s| match &s.kind {
        S::Return(_) | S::Break | S::Continue | S::Raise(_) => true,
        S::If { body, orelse, .. } | S::While { body, orelse, .. } | S::For { body, orelse, .. } => leaves_early(body) || leaves_early(orelse),
        S::Try { body, handlers, orelse, finalbody } => {
            leaves_early(body) || handlers.iter().any(|h| leaves_early(&h.body)) || leaves_early(orelse) || leaves_early(finalbody)
        }
        _ => false,
    })
}

impl Checker<'_> {
    /// `try`/`except`/`else`/`finally` in compiled code, as far as Numba compiles it: one handler
    /// that catches everything (`except Exception:` or a bare `except:`), not binding the
    /// exception. The TIR is an `If` whose condition is [`ExprKind::Catch`]: the body runs, and
    /// an exception raised in it continues in the handler (`otherwise`) with the error cleared.
    /// `else` runs when the body completed (a flag set at its end), `finally` after both.
    pub(super) fn try_statement(
        &mut self,
        body: &[ast::Stmt],
        handlers: &[ast::ExceptHandler],
        orelse: &[ast::Stmt],
        finalbody: &[ast::Stmt],
        span: Span,
        out: &mut Vec<Stmt>,
    ) -> R<()> {
        let Some(handler) = handlers.first() else {
            // `try: ... finally: ...`: nothing is caught.
            if leaves_early(body) {
                return Err(not_compiled(span, "`try`/`finally` around a `return`, `break`, `continue` or `raise` is not compiled yet"));
            }
            out.extend(self.block(body)?);
            out.extend(self.block(finalbody)?);
            return Ok(());
        };
        let catches_all = match &handler.kind {
            None => true,
            Some(k) => matches!(&k.kind, E::Name(n) if matches!(n.as_str(), "Exception" | "BaseException")),
        };
        if !catches_all {
            return Err(not_compiled(handler.span, "only `except Exception:` and a bare `except:` are compiled (as in Numba); other handlers run interpreted"));
        }
        if let Some(name) = &handler.name {
            return Err(not_compiled(name.span, "binding the exception (`except ... as name`) is not compiled (Numba does not support it)"));
        }
        if !finalbody.is_empty() && (leaves_early(body) || leaves_early(&handler.body) || leaves_early(orelse)) {
            return Err(not_compiled(span, "`finally` after a `return`, `break`, `continue` or `raise` is not compiled yet"));
        }
        let mut then = self.block(body)?;
        let otherwise = self.block(&handler.body)?;
        let flag = (!orelse.is_empty()).then(|| {
            let local = self.local_for(rhumba_grammar::Symbol::intern(&format!("try.completed.{}", span.start)));
            let _ = self.unify_local(local, &BOOL, span);
            local
        });
        let boolean = |b: bool| Expr::new(ExprKind::Bool(b), BOOL, span);
        if let Some(local) = flag {
            out.push(Stmt { kind: StmtKind::Assign { local, value: boolean(false) }, span });
            then.push(Stmt { kind: StmtKind::Assign { local, value: boolean(true) }, span });
        }
        let catch = Expr::new(ExprKind::Catch, BOOL, span);
        out.push(Stmt { kind: StmtKind::If { cond: catch, then, otherwise }, span });
        if let Some(local) = flag {
            let cond = Expr::new(ExprKind::Local(local), BOOL, span);
            let orelse = self.block(orelse)?;
            out.push(Stmt { kind: StmtKind::If { cond, then: orelse, otherwise: vec![] }, span });
        }
        out.extend(self.block(finalbody)?);
        Ok(())
    }
}
