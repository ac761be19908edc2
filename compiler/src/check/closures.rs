//! Inner functions and lambdas of a compiled function (`def weight(v): ...` in its body,
//! `sq = lambda t: t * t`), called from it as Numba calls them: each is compiled as a function
//! of its own whose extra trailing parameters are the enclosing variables it reads, passed by
//! value at each call (a closure that is only called, never returned or stored, sees the same
//! values). Its globals are the enclosing function's, through [`InnerEnv`].

use std::rc::Rc;

use rhumba_grammar::ast::{self, FunctionDef};
use rhumba_grammar::{Span, Symbol};

use super::{check_nested, mistyped, not_compiled, CheckError, Checker, Environment, Global, Pending, R};
use crate::tir::{Expr, ExprKind};

/// Keys of inner functions lie past the hosts' and the prelude's: the enclosing key's bits,
/// then the definition's offset in the file.
const INNER_KEY_BASE: usize = 1 << 62;

/// The key of the inner function defined at `span` inside the function `outer`.
fn inner_key(outer: usize, span: Span) -> usize {
    INNER_KEY_BASE | ((outer & 0xffff_ffff) << 24 ^ span.start as usize) & (INNER_KEY_BASE - 1)
}

/// The environment an inner function is checked in: its globals and options are those of the
/// function it is defined in.
pub(super) struct InnerEnv<'a> {
    pub outer: &'a dyn Environment,
    pub outer_key: usize,
    pub inner_key: usize,
}

impl InnerEnv<'_> {
    fn key(&self, key: usize) -> usize {
        if key == self.inner_key {
            self.outer_key
        } else {
            key
        }
    }
}

impl Environment for InnerEnv<'_> {
    fn global(&self, key: usize, name: Symbol) -> Option<Global> {
        self.outer.global(self.key(key), name)
    }

    fn bounds_check(&self, key: usize) -> bool {
        self.outer.bounds_check(self.key(key))
    }

    fn function(&self, key: usize) -> Option<Rc<FunctionDef>> {
        self.outer.function(key)
    }

    fn parallel(&self, key: usize) -> bool {
        // A `prange` inside an inner function is a plain range, as in a nested loop.
        key != self.inner_key && self.outer.parallel(key)
    }

    fn cuda(&self, key: usize) -> bool {
        self.outer.cuda(self.key(key))
    }

    fn class(&self, key: usize) -> Option<Rc<super::ClassInfo>> {
        self.outer.class(key)
    }
}

impl Checker<'_> {
    /// `def name(...)` inside the function: remembered, compiled at its calls.
    pub(super) fn inner_definition(&mut self, def: &Rc<FunctionDef>, span: Span) -> R<()> {
        if !def.decorators.is_empty() || def.vararg.is_some() {
            return Err(not_compiled(span, "decorated inner functions and inner functions with *args are not compiled yet"));
        }
        self.inner.insert(def.name.name, def.clone());
        Ok(())
    }

    /// A call of an inner function or lambda `def` with `args`: a call of its specialisation
    /// for the arguments' types and the captured variables' current types.
    pub(super) fn inner_call(&mut self, def: &Rc<FunctionDef>, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        if !keywords.is_empty() {
            return Err(not_compiled(span, "keyword arguments to inner functions are not compiled yet"));
        }
        if args.len() != def.params.len() {
            return Err(mistyped(span, format!("{}() takes {} arguments but {} were given", def.name.name, def.params.len(), args.len())));
        }
        // The enclosing variables it reads: names it mentions that are variables here and
        // not its own parameters, in a fixed order.
        let own: Vec<Symbol> = def.params.iter().map(|p| p.name.name).collect();
        let mut captured: Vec<Symbol> = crate::ssa_names::mentioned_names(def).into_iter().filter(|n| !own.contains(n) && self.names.contains_key(n)).collect();
        captured.sort_by_key(|s| s.as_str().to_string());
        let mut built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
        for name in &captured {
            built.push(self.name(*name, span)?);
        }
        let mut params = def.params.clone();
        params.extend(captured.iter().map(|n| ast::Param { name: ast::Ident { name: *n, span: def.span }, annotation: None, default: None }));
        let closure = Rc::new(FunctionDef { params, ..(**def).clone() });
        let key = inner_key(self.key, def.span);
        let env = InnerEnv { outer: self.env, outer_key: self.key, inner_key: key };
        let types: Vec<crate::types::Type> = built.iter().map(|a| a.ty.clone()).collect();
        let index = match self.unit.lookup(key, &types) {
            Some(i) => i,
            None => match check_nested(self.unit, &env, key, &closure, &types) {
                Ok(i) => i,
                Err(Pending::Error(mut e)) => {
                    if e.secondary.is_none() {
                        e.secondary = Some((span, format!("called from {}() here", self.def.name.name)));
                    }
                    return Err(Pending::Error(e));
                }
                Err(other) => return Err(other),
            },
        };
        let ret = match &self.unit.functions[index] {
            Some(f) => f.ret.clone(),
            None => return Err(Pending::Error(CheckError { is_type_error: true, message: format!("cannot infer the return type of the recursive inner function {}()", def.name.name), span, secondary: None })),
        };
        Ok(Expr::new(ExprKind::Call { func: index, args: built }, ret, span))
    }
}
