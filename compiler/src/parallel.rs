//! The parallel-loop pass: each `prange` loop marked parallel is outlined into its own TIR
//! function, run in chunks by the runtime's thread pool.
//!
//! The pass sorts the variables the loop body assigns into three kinds:
//! - **private**: assigned before being read in every iteration (`acc = 0.0` at the top);
//! - **reductions**: only ever updated as `x = x op e` with one operator family (`+`/`-`, `*`,
//!   `min`, `max`, `|`, `&`), also inside `if` branches; each chunk accumulates a partial from the
//!   operator's identity, and the caller combines the partials in chunk order;
//! - anything else is a **race**: every iteration would write a variable the others read, which is
//!   a compile error naming the variable and the line, not a wrong answer.
//! Variables the body only reads are captured by value.

use std::collections::{BTreeSet, HashMap};

use rhumba_grammar::ast::Span;
use rhumba_runtime::DType;

use crate::check::{CheckError, Unit};
use crate::prange_safety::LiveAfter;
use crate::tir::{BinOp, Expr, ExprKind, Function, Local, LocalId, Stmt, StmtKind};
use crate::types::Type;

/// Outlines the parallel loops of `f`, adding their bodies to `unit`.
pub fn outline(unit: &mut Unit, mut f: Function) -> Result<Function, CheckError> {
    let live_after = crate::prange_safety::live_after_parallel_loops(&f.body);
    let mut body = std::mem::take(&mut f.body);
    rewrite_block(unit, &mut f, &mut body, &live_after)?;
    f.body = body;
    Ok(f)
}

fn rewrite_block(unit: &mut Unit, f: &mut Function, body: &mut Vec<Stmt>, live_after: &LiveAfter) -> Result<(), CheckError> {
    // Statements to splice in around an outlined loop (a complex reduction's parts), by index.
    let mut around: Vec<(usize, Vec<Stmt>, Vec<Stmt>)> = Vec::new();
    for (at, s) in body.iter_mut().enumerate() {
        match &mut s.kind {
            StmtKind::ForRange { parallel: true, step, orelse, .. } if matches!(step.kind, ExprKind::Int(1)) && orelse.is_empty() => {
                let StmtKind::ForRange { var, start, stop, body: loop_body, .. } = std::mem::replace(&mut s.kind, StmtKind::Break) else {
                    unreachable!()
                };
                let live = live_after.get(&s.span).cloned().unwrap_or_default();
                let (before, loop_body, after) = crate::prange_complex::split(f, loop_body, s.span);
                s.kind = outline_loop(unit, f, var, start, stop, loop_body, s.span, &live)?;
                if !before.is_empty() {
                    around.push((at, before, after));
                }
            }
            StmtKind::If { then, otherwise, .. } => {
                rewrite_block(unit, f, then, live_after)?;
                rewrite_block(unit, f, otherwise, live_after)?;
            }
            StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => {
                rewrite_block(unit, f, body, live_after)?;
                rewrite_block(unit, f, orelse, live_after)?;
            }
            _ => {}
        }
    }
    for (at, before, after) in around.into_iter().rev() {
        body.splice(at + 1..at + 1, after);
        body.splice(at..at, before);
    }
    Ok(())
}

fn race(f: &Function, local: LocalId, span: Span, why: &str) -> CheckError {
    CheckError {
        is_type_error: true,
        message: format!("variable `{}` {why} in a prange loop: the iterations would race", crate::ssa_names::display_name(&f.locals[local].name)),
        span,
        secondary: None,
    }
}

/// The reduction family of an operator, for checking that one variable uses one family.
fn family(op: BinOp) -> BinOp {
    match op {
        BinOp::Sub => BinOp::Add,
        other => other,
    }
}

#[allow(clippy::too_many_arguments)]
fn outline_loop(unit: &mut Unit, f: &mut Function, var: LocalId, start: Expr, stop: Expr, body: Vec<Stmt>, span: Span, live_after: &BTreeSet<LocalId>) -> Result<StmtKind, CheckError> {
    let mut writes: HashMap<LocalId, Vec<(Span, Option<BinOp>)>> = HashMap::new();
    collect_writes(&body, &mut writes, f)?;
    writes.remove(&var);
    let mut reads: BTreeSet<LocalId> = BTreeSet::new();
    collect_reads(&body, &mut reads);

    let mut reductions: Vec<(LocalId, BinOp)> = Vec::new();
    // Array accumulators (`acc += row`): each chunk adds into a zeroed private array of the
    // same shape, and the caller adds the chunks' arrays into `acc` in chunk order (so a given
    // thread count always gives the same bits), as Numba's array reductions do.
    let array_reductions: Vec<LocalId> = reads.iter().copied().filter(|l| !writes.contains_key(l) && is_array_reduction(&body, *l, f)).collect();
    let mut ordered: Vec<LocalId> = writes.keys().copied().collect();
    ordered.sort_unstable();
    for local in ordered {
        let sites = &writes[&local];
        if private(&body, local) {
            if live_after.contains(&local) {
                return Err(crate::prange_safety::read_after_loop(f, local, sites[0].0));
            }
            continue;
        }
        let ops: Vec<Option<BinOp>> = sites.iter().map(|(_, op)| *op).collect();
        let first = sites[0].0;
        if matches!(f.locals[local].ty, Type::Array { .. }) {
            // Numba combines whole-array accumulators (`acc += row`); rhumba does not yet.
            return Err(CheckError {
                is_type_error: false,
                message: format!("the array `{}` updated in a prange loop (an array reduction) is not compiled yet", crate::ssa_names::display_name(&f.locals[local].name)),
                span: first,
                secondary: None,
            });
        }
        if let Type::Complex(_) = f.locals[local].ty {
            // `+=`/`-=` were split into two float reductions (`prange_complex`); a complex
            // product (which Numba reduces too) is not compiled yet.
            return Err(CheckError {
                is_type_error: false,
                message: format!("the complex `{}` updated in a prange loop other than by `+=`/`-=` is not compiled yet", crate::ssa_names::display_name(&f.locals[local].name)),
                span: first,
                secondary: None,
            });
        }
        let Some(Some(op)) = ops.first().copied() else {
            return Err(race(f, local, first, "is assigned (not as `x += ...` or `x = min(x, ...)`)"));
        };
        if ops.iter().any(|o| o.map(family) != Some(family(op))) {
            let at = sites.iter().find(|(_, o)| o.map(family) != Some(family(op))).map_or(first, |(s, _)| *s);
            return Err(race(f, local, at, "mixes reduction operators (or is also assigned plainly)"));
        }
        if reads_outside_updates(&body, local) {
            return Err(race(f, local, first, "is a reduction but its running value is also read"));
        }
        if !matches!(f.locals[local].ty, Type::Scalar(_)) {
            return Err(race(f, local, first, "is updated (only scalars can be reductions)"));
        }
        reductions.push((local, family(op)));
    }
    crate::prange_safety::check_arrays(unit, f, &body, var, &array_reductions)?;
    reductions.extend(array_reductions.iter().map(|l| (*l, BinOp::Add)));
    if contains_return_or_break(&body) {
        return Err(CheckError {
            is_type_error: true,
            message: "`return` and `break` are not allowed inside a prange loop (its iterations run in any order)".into(),
            span,
            secondary: None,
        });
    }

    let private_or_reduction: BTreeSet<LocalId> = writes.keys().copied().collect();
    // An array accumulator is also captured: its private copy takes the shape of the caller's.
    let captured: Vec<LocalId> = reads.iter().copied().filter(|l| *l != var && !private_or_reduction.contains(l)).collect();

    // The outlined function: the parent's locals plus `lo` and `hi`.
    let mut locals: Vec<Local> = f.locals.clone();
    let i64 = Type::Scalar(DType::Int64);
    let lo = locals.len();
    locals.push(Local { name: "chunk_lo".into(), ty: i64.clone() });
    let hi = locals.len();
    locals.push(Local { name: "chunk_hi".into(), ty: i64.clone() });
    let mut outlined = Vec::new();
    for (local, op) in &reductions {
        let ty = f.locals[*local].ty.clone();
        let value = match ty {
            // `acc = np.zeros(acc.shape)`, reading the captured array before rebinding it.
            Type::Array { dtype, ndim, .. } => {
                let outer = Expr::new(ExprKind::Local(*local), ty.clone(), span);
                let shape = (0..ndim).map(|axis| Expr::new(ExprKind::Dim { array: Box::new(outer.clone()), axis }, Type::Scalar(DType::Int64), span)).collect();
                Expr::new(ExprKind::NewArray { dtype, shape, fill: None }, Type::Array { dtype, ndim, layout: crate::types::Layout::C }, span)
            }
            _ => identity(*op, &ty, span),
        };
        outlined.push(Stmt { kind: StmtKind::Assign { local: *local, value }, span });
    }
    if reductions.is_empty() {
        // Partials would be summed in another order if rows were jammed: only bodies without
        // reductions are.
        outlined.extend(crate::prange_jam::chunk_loop(&mut locals, var, lo, hi, body, span, unit.options.jam_rows));
    } else {
        outlined.push(Stmt {
            kind: StmtKind::ForRange {
                var,
                start: Expr::new(ExprKind::Local(lo), i64.clone(), span),
                stop: Expr::new(ExprKind::Local(hi), i64.clone(), span),
                step: Expr::new(ExprKind::Int(1), i64.clone(), span),
                body,
                orelse: vec![],
                parallel: false,
            },
            span,
        });
    }
    let partial_types: Vec<Type> = reductions.iter().map(|(l, _)| f.locals[*l].ty.clone()).collect();
    let ret = if partial_types.is_empty() { Type::None } else { Type::Tuple(partial_types.clone()) };
    let partials = reductions.iter().map(|(l, _)| Expr::new(ExprKind::Local(*l), f.locals[*l].ty.clone(), span)).collect();
    outlined.push(Stmt { kind: StmtKind::Return(Expr::new(ExprKind::Tuple(partials), ret.clone(), span)), span });
    let mut params = captured.clone();
    params.push(lo);
    params.push(hi);
    let body_fn = Function {
        name: format!("{} (prange body at byte {})", f.name.split('(').next().unwrap_or("kernel"), span.start),
        params,
        locals,
        ret,
        body: outlined,
        span,
        bounds_check: f.bounds_check,
        parallel_body: true,
        ieee_float_division: f.ieee_float_division,
    };
    let index = unit.push(body_fn);
    Ok(StmtKind::ParallelFor { body: index, captured, start, stop, reductions })
}

/// Whether the array `local` is only ever updated in the body as `local += x` / `local -= x`
/// (whole-array, in place, `x` not reading it) and read nowhere else: an array reduction.
fn is_array_reduction(body: &[Stmt], local: LocalId, f: &Function) -> bool {
    use rhumba_runtime::abi::elementwise_ops::{ADD, SUB};
    if !matches!(f.locals[local].ty, Type::Array { .. }) {
        return false;
    }
    let mut updates = 0;
    let mut other_uses = false;
    fn scan(body: &[Stmt], local: LocalId, updates: &mut usize, other: &mut bool) {
        for s in body {
            match &s.kind {
                StmtKind::AssignArray { target: Expr { kind: ExprKind::Local(t), .. }, value: Expr { kind: ExprKind::ArrayBinary { op, lhs, rhs }, .. } }
                    if *t == local && matches!(*op, ADD | SUB) && matches!(lhs.kind, ExprKind::Local(l) if l == local) =>
                {
                    let mut r = BTreeSet::new();
                    collect_expr_reads(rhs, &mut r);
                    if r.contains(&local) {
                        *other = true;
                    }
                    *updates += 1;
                }
                StmtKind::If { cond, then, otherwise } => {
                    let mut r = BTreeSet::new();
                    collect_expr_reads(cond, &mut r);
                    *other |= r.contains(&local);
                    scan(then, local, updates, other);
                    scan(otherwise, local, updates, other);
                }
                StmtKind::While { cond, body, orelse } => {
                    let mut r = BTreeSet::new();
                    collect_expr_reads(cond, &mut r);
                    *other |= r.contains(&local);
                    scan(body, local, updates, other);
                    scan(orelse, local, updates, other);
                }
                StmtKind::ForRange { start, stop, step, body, orelse, .. } => {
                    let mut r = BTreeSet::new();
                    for e in [start, stop, step] {
                        collect_expr_reads(e, &mut r);
                    }
                    *other |= r.contains(&local);
                    scan(body, local, updates, other);
                    scan(orelse, local, updates, other);
                }
                _ => {
                    let mut r = BTreeSet::new();
                    collect_reads(std::slice::from_ref(s), &mut r);
                    *other |= r.contains(&local);
                }
            }
        }
    }
    scan(body, local, &mut updates, &mut other_uses);
    updates > 0 && !other_uses
}

/// The value a chunk's partial starts from.
fn identity(op: BinOp, ty: &Type, span: Span) -> Expr {
    let float = matches!(ty, Type::Scalar(d) if d.is_float());
    let kind = match (op, float, ty) {
        (BinOp::Add, true, _) => ExprKind::Float(0.0),
        (BinOp::Mul, true, _) => ExprKind::Float(1.0),
        (BinOp::Min, true, _) => ExprKind::Float(f64::INFINITY),
        (BinOp::Max, true, _) => ExprKind::Float(f64::NEG_INFINITY),
        (BinOp::BitOr, _, Type::Scalar(DType::Bool)) => ExprKind::Bool(false),
        (BinOp::BitAnd, _, Type::Scalar(DType::Bool)) => ExprKind::Bool(true),
        (BinOp::Mul, false, _) => ExprKind::Int(1),
        (BinOp::Min, false, _) => ExprKind::Int(i64::MAX),
        (BinOp::Max, false, _) => ExprKind::Int(i64::MIN),
        (BinOp::BitAnd, false, _) => ExprKind::Int(-1),
        _ => ExprKind::Int(0),
    };
    Expr::new(kind, ty.clone(), span)
}

/// Strips the conversions the checker wraps around a variable read.
fn peel(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Cast(inner) => peel(inner),
        _ => e,
    }
}

/// `x = x op e` (`x += e`, `x = min(x, e)`, ...) with `e` not reading `x`: the operator.
fn reduction_op(local: LocalId, value: &Expr) -> Option<BinOp> {
    let ExprKind::Binary { op, lhs, rhs } = &peel(value).kind else { return None };
    let reads_local = |e: &Expr| {
        let mut found = BTreeSet::new();
        collect_expr_reads(e, &mut found);
        found.contains(&local)
    };
    let is_local = |e: &Expr| matches!(peel(e).kind, ExprKind::Local(l) if l == local);
    let ok_op = matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Min | BinOp::Max | BinOp::BitOr | BinOp::BitAnd);
    if !ok_op {
        return None;
    }
    if is_local(lhs) && !reads_local(rhs) {
        return Some(*op);
    }
    // `x = e + x` and `x = min(e, x)` are reductions too, but not `x = e - x`.
    if is_local(rhs) && !reads_local(lhs) && *op != BinOp::Sub {
        return Some(*op);
    }
    None
}

fn collect_writes(body: &[Stmt], out: &mut HashMap<LocalId, Vec<(Span, Option<BinOp>)>>, f: &Function) -> Result<(), CheckError> {
    for s in body {
        match &s.kind {
            StmtKind::Assign { local, value } => out.entry(*local).or_default().push((s.span, reduction_op(*local, value))),
            StmtKind::If { then, otherwise, .. } => {
                collect_writes(then, out, f)?;
                collect_writes(otherwise, out, f)?;
            }
            StmtKind::While { body, orelse, .. } => {
                collect_writes(body, out, f)?;
                collect_writes(orelse, out, f)?;
            }
            StmtKind::ForRange { var, body, orelse, .. } => {
                out.entry(*var).or_default().push((s.span, None));
                collect_writes(body, out, f)?;
                collect_writes(orelse, out, f)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether `local` is private to each iteration: no read of it can see a value from an earlier
/// iteration or from before the loop (every read follows a write on every path).
fn private(body: &[Stmt], local: LocalId) -> bool {
    private_scan(body, local, false).is_some()
}

/// Scans statements in order; `None` when `local` may be read before being written, else
/// whether it is certainly written afterwards.
fn private_scan(body: &[Stmt], local: LocalId, mut defined: bool) -> Option<bool> {
    let reads = |e: &Expr| {
        let mut r = BTreeSet::new();
        collect_expr_reads(e, &mut r);
        r.contains(&local)
    };
    for s in body {
        match &s.kind {
            StmtKind::Assign { local: l, value } => {
                if reads(value) && !defined {
                    return None;
                }
                if *l == local {
                    defined = true;
                }
            }
            StmtKind::If { cond, then, otherwise } => {
                if reads(cond) && !defined {
                    return None;
                }
                let a = private_scan(then, local, defined)?;
                let b = private_scan(otherwise, local, defined)?;
                defined = a && b;
            }
            // A loop may run no iteration: what it writes does not count as written after it.
            StmtKind::While { cond, body, orelse } => {
                if reads(cond) && !defined {
                    return None;
                }
                private_scan(body, local, defined)?;
                private_scan(orelse, local, defined)?;
            }
            StmtKind::ForRange { var, start, stop, step, body, orelse, .. } => {
                if [start, stop, step].into_iter().any(reads) && !defined {
                    return None;
                }
                private_scan(body, local, defined || *var == local)?;
                private_scan(orelse, local, defined)?;
            }
            _ => {
                let mut r = BTreeSet::new();
                collect_reads(std::slice::from_ref(s), &mut r);
                if r.contains(&local) && !defined {
                    return None;
                }
            }
        }
    }
    Some(defined)
}

/// Whether `local` is read anywhere except as the left operand of its own updates.
fn reads_outside_updates(body: &[Stmt], local: LocalId) -> bool {
    body.iter().any(|s| {
        let mut reads = BTreeSet::new();
        match &s.kind {
            StmtKind::Assign { local: l, value } if *l == local => {
                // The update itself reads `x` once, as its operand; anything else is a read.
                if let ExprKind::Binary { lhs, rhs, .. } = &peel(value).kind {
                    let (a, b) = (peel(lhs), peel(rhs));
                    let other = if matches!(a.kind, ExprKind::Local(x) if x == local) { b } else { a };
                    collect_expr_reads(other, &mut reads);
                }
                reads.contains(&local)
            }
            StmtKind::If { cond, then, otherwise } => {
                collect_expr_reads(cond, &mut reads);
                reads.contains(&local) || reads_outside_updates(then, local) || reads_outside_updates(otherwise, local)
            }
            StmtKind::While { cond, body, orelse } => {
                collect_expr_reads(cond, &mut reads);
                reads.contains(&local) || reads_outside_updates(body, local) || reads_outside_updates(orelse, local)
            }
            StmtKind::ForRange { start, stop, step, body, orelse, .. } => {
                for e in [start, stop, step] {
                    collect_expr_reads(e, &mut reads);
                }
                reads.contains(&local) || reads_outside_updates(body, local) || reads_outside_updates(orelse, local)
            }
            _ => {
                collect_reads(std::slice::from_ref(s), &mut reads);
                reads.contains(&local)
            }
        }
    })
}

/// A `return` anywhere in the body, or a `break` of the parallel loop itself (a `break` inside
/// an inner loop only leaves that loop).
fn contains_return_or_break(body: &[Stmt]) -> bool {
    fn breaks(body: &[Stmt]) -> bool {
        body.iter().any(|s| match &s.kind {
            StmtKind::Break => true,
            StmtKind::If { then, otherwise, .. } => breaks(then) || breaks(otherwise),
            _ => false,
        })
    }
    contains_return(body) || breaks(body)
}

fn contains_return(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::Return(_) => true,
        StmtKind::If { then, otherwise, .. } => contains_return(then) || contains_return(otherwise),
        StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => contains_return(body) || contains_return(orelse),
        _ => false,
    })
}

/// Every variable the statements read.
pub fn collect_reads(body: &[Stmt], out: &mut BTreeSet<LocalId>) {
    for s in body {
        match &s.kind {
            StmtKind::Assign { value, .. } | StmtKind::Return(value) | StmtKind::Expr(value) => collect_expr_reads(value, out),
            StmtKind::Assert { cond, details, .. } => std::iter::once(cond).chain(details).for_each(|e| collect_expr_reads(e, out)),
            StmtKind::Store { array, indices, value } => {
                collect_expr_reads(array, out);
                indices.iter().for_each(|i| collect_expr_reads(i, out));
                collect_expr_reads(value, out);
            }
            StmtKind::AssignArray { target, value } => {
                collect_expr_reads(target, out);
                collect_expr_reads(value, out);
            }
            StmtKind::If { cond, then, otherwise } => {
                collect_expr_reads(cond, out);
                collect_reads(then, out);
                collect_reads(otherwise, out);
            }
            StmtKind::While { cond, body, orelse } => {
                collect_expr_reads(cond, out);
                collect_reads(body, out);
                collect_reads(orelse, out);
            }
            StmtKind::ForRange { start, stop, step, body, orelse, .. } => {
                for e in [start, stop, step] {
                    collect_expr_reads(e, out);
                }
                collect_reads(body, out);
                collect_reads(orelse, out);
            }
            StmtKind::ParallelFor { captured, start, stop, reductions, .. } => {
                out.extend(captured.iter().copied());
                out.extend(reductions.iter().map(|(l, _)| *l));
                collect_expr_reads(start, out);
                collect_expr_reads(stop, out);
            }
            StmtKind::Break | StmtKind::Continue => {}
        }
    }
}

pub(crate) fn collect_expr_reads(e: &Expr, out: &mut BTreeSet<LocalId>) {
    crate::tir::walk_expr(e, &mut |x| {
        if let ExprKind::Local(l) = x.kind {
            out.insert(l);
        }
    });
}
