//! Complex reductions in `prange` loops (`acc += z` with a complex `acc`): before outlining,
//! such a variable is split into two float variables, its real and imaginary parts, each an
//! ordinary `+`/`-` reduction, and joined again after the loop. The checker builds `acc += z`
//! as `acc = (acc.0 + z.0, acc.1 + z.1)` (inside `let`s that evaluate `z` once); every write of
//! the variable in the loop must have that form, and every read must be of one part, or the
//! variable is left alone (and the race analysis reports it).

use rhumba_grammar::ast::Span;

use crate::tir::{children_mut, nested_blocks_mut, stmt_exprs_mut, BinOp, Expr, ExprKind, Function, Local, LocalId, Stmt, StmtKind};
use crate::types::Type;

/// The complex variables written in `body` that can be split, each with its part type.
fn candidates(f: &Function, body: &[Stmt]) -> Vec<(LocalId, Type)> {
    let mut out: Vec<(LocalId, Type)> = Vec::new();
    crate::tir::for_each_stmt(body, &mut |s| {
        if let StmtKind::Assign { local, .. } = &s.kind {
            if let Type::Complex(d) = f.locals[*local].ty {
                if !out.iter().any(|(l, _)| l == local) {
                    out.push((*local, Type::Scalar(d.part())));
                }
            }
        }
    });
    out
}

/// Whether `e` reads the local `c`.
fn reads(e: &Expr, c: LocalId) -> bool {
    let mut found = false;
    crate::tir::walk_expr(e, &mut |x| found |= matches!(x.kind, ExprKind::Local(l) if l == c));
    found
}

/// Replaces every `c.0`/`c.1` in `e` by the part variables; false if `c` is read whole.
fn replace_parts(e: &mut Expr, c: LocalId, parts: [LocalId; 2]) -> bool {
    if let ExprKind::TupleGet { tuple, index } = &e.kind {
        if matches!(tuple.kind, ExprKind::Local(l) if l == c) && *index < 2 {
            e.kind = ExprKind::Local(parts[*index]);
            return true;
        }
    }
    if matches!(e.kind, ExprKind::Local(l) if l == c) {
        return false;
    }
    children_mut(e).into_iter().all(|x| replace_parts(x, c, parts))
}

/// `c = let ... in (c.0 ± e0, c.1 ± e1)` as statements: the `let`s' assignments, then the two
/// part updates; `None` when the value has another form.
fn split_update(value: Expr, c: LocalId, parts: [LocalId; 2], span: Span) -> Option<Vec<Stmt>> {
    let mut out = Vec::new();
    let mut v = value;
    loop {
        match v.kind {
            ExprKind::Let { local, value, body } if !reads(&value, c) => {
                out.push(Stmt { kind: StmtKind::Assign { local, value: *value }, span });
                v = *body;
            }
            ExprKind::Tuple(items) if items.len() == 2 => {
                for (k, mut item) in items.into_iter().enumerate() {
                    let ExprKind::Binary { op: BinOp::Add | BinOp::Sub, lhs, rhs } = &item.kind else { return None };
                    let own = |x: &Expr| matches!(&x.kind, ExprKind::TupleGet { tuple, index } if *index == k && matches!(tuple.kind, ExprKind::Local(l) if l == c));
                    // `c.k + e`, `c.k - e` or `e + c.k`, with `e` not reading `c`.
                    let fits = (own(lhs) && !reads(rhs, c)) || (own(rhs) && !reads(lhs, c) && matches!(item.kind, ExprKind::Binary { op: BinOp::Add, .. }));
                    if !fits || !replace_parts(&mut item, c, parts) {
                        return None;
                    }
                    out.push(Stmt { kind: StmtKind::Assign { local: parts[k], value: item }, span });
                }
                return Some(out);
            }
            _ => return None,
        }
    }
}

/// Rewrites `body` for the split of `c`; `None` (nothing changed that matters: the caller
/// keeps its copy) when some write or read does not fit.
fn split_block(body: Vec<Stmt>, c: LocalId, parts: [LocalId; 2]) -> Option<Vec<Stmt>> {
    let mut out = Vec::with_capacity(body.len());
    for mut s in body {
        if let StmtKind::Assign { local, .. } = &s.kind {
            if *local == c {
                let StmtKind::Assign { value, .. } = s.kind else { return None };
                out.extend(split_update(value, c, parts, s.span)?);
                continue;
            }
        }
        for e in stmt_exprs_mut(&mut s) {
            if !replace_parts(e, c, parts) {
                return None;
            }
        }
        for block in nested_blocks_mut(&mut s) {
            let taken = std::mem::take(block);
            *block = split_block(taken, c, parts)?;
        }
        out.push(s);
    }
    Some(out)
}

/// Splits the complex reductions of a parallel loop's `body`: the statements to run before the
/// loop (parts read from the variables), the new body, and the statements to run after it
/// (the variables joined again).
pub fn split(f: &mut Function, body: Vec<Stmt>, span: Span) -> (Vec<Stmt>, Vec<Stmt>, Vec<Stmt>) {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    let mut body = body;
    for (c, part) in candidates(f, &body) {
        let name = f.locals[c].name.clone();
        let parts = [f.locals.len(), f.locals.len() + 1];
        f.locals.push(Local { name: format!("{name}.real"), ty: part.clone() });
        f.locals.push(Local { name: format!("{name}.imag"), ty: part.clone() });
        let Some(rewritten) = split_block(body.clone(), c, parts) else {
            // Unused locals are harmless; the race analysis will report `c`.
            continue;
        };
        body = rewritten;
        let whole = Expr::new(ExprKind::Local(c), f.locals[c].ty.clone(), span);
        for (k, p) in parts.iter().enumerate() {
            let value = Expr::new(ExprKind::TupleGet { tuple: Box::new(whole.clone()), index: k }, part.clone(), span);
            before.push(Stmt { kind: StmtKind::Assign { local: *p, value }, span });
        }
        let joined = Expr::new(ExprKind::Tuple(parts.iter().map(|p| Expr::new(ExprKind::Local(*p), part.clone(), span)).collect()), f.locals[c].ty.clone(), span);
        after.push(Stmt { kind: StmtKind::Assign { local: c, value: joined }, span });
    }
    (before, body, after)
}
