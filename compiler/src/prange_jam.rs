//! Unroll-and-jam of an outlined `prange` loop: several rows of the parallel loop run side by side
//! inside one pass of each inner loop, so a value the rows share is loaded once for all of them.
//!
//! The loop it is for is matmul's, parallel over the rows of `c`:
//!
//! ```python
//! for i in prange(n):
//!     for p in range(k):
//!         aip = a[i, p]
//!         for j in range(m):
//!             c[i, j] += aip * b[p, j]
//! ```
//!
//! Jammed by two, each chunk runs rows `t` and `t + 1` together: `aip` and `aip#1` are loaded,
//! then one pass over `j` loads `b[p, j]` once and updates `c[t, j]` and `c[t + 1, j]`. `b`, the
//! large operand, is read from memory half as often. A row left over at the end of a chunk runs
//! the plain body.
//!
//! A `prange` loop promises that its iterations are independent (they run in any order, on
//! different threads), so interleaving the statements of several iterations is allowed by the loop's
//! own meaning. The pass still checks what it can, so that a body with a hidden dependence does
//! not silently change its answer on one thread: every array the body writes is indexed by the
//! loop variable itself in one axis, in every access to it, so different rows touch different
//! elements. Each element then sees the same operations in the same order as in the plain loop,
//! and the results are the same bits. Bodies with reductions, calls, branches, divisions or
//! runtime calls (random numbers draw in order) are left alone, as are bodies without an inner
//! loop that reads something all rows share (jamming those would only unroll them, which the
//! optimiser's vectoriser does better on the plain loop).
//!
//! When several rows of one chunk would raise an error, the jammed loop may report a later row's
//! error first; which iteration of a parallel loop fails first is not defined anyway.

use std::collections::{BTreeSet, HashMap};

use rhumba_grammar::ast::Span;
use rhumba_runtime::DType;

use crate::parallel::collect_expr_reads;
use crate::tir::{BinOp, Expr, ExprKind, Local, LocalId, MathFn, Stmt, StmtKind};
use crate::types::Type;

/// How many rows run side by side (`RHUMBA_JAM_ROWS` overrides it; 1 turns the pass off). Four
/// reads `b` half as often as two, but keeps twice the row addresses live in the middle loop: on
/// the 2-core development machine (prange ikj, 2 threads, median of 5) one row ran 0.40 / 4.90 /
/// 41.5 ms at n = 256 / 512 / 1024, two 0.31 / 3.02 / 22.9, four 0.28 / 2.66 / 24.1. Four wins
/// little where it wins and loses at the largest size, so two it is.
pub const ROWS: i64 = 2;

/// The statements that run `for var in range(lo, hi): body` in an outlined chunk: the body
/// jammed `ROWS` times over the chunk's whole groups of rows, then the plain loop over the rest,
/// or the plain loop alone when jamming is not allowed or would not help. New locals are added
/// to `locals`.
pub fn chunk_loop(locals: &mut Vec<Local>, var: LocalId, lo: LocalId, hi: LocalId, body: Vec<Stmt>, span: Span, rows: i64) -> Vec<Stmt> {
    let index_ty = locals[var].ty.clone();
    let local = |l: LocalId| Expr::new(ExprKind::Local(l), index_ty.clone(), span);
    let int = |v: i64| Expr::new(ExprKind::Int(v), index_ty.clone(), span);
    let binary = |op: BinOp, lhs: Expr, rhs: Expr| Expr::new(ExprKind::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, index_ty.clone(), span);
    let plain = |start: Expr, body: Vec<Stmt>| Stmt {
        kind: StmtKind::ForRange { var, start, stop: local(hi), step: int(1), body, orelse: vec![], parallel: false },
        span,
    };
    let jammable = if rows < 2 { None } else if index_ty == Type::Scalar(DType::Int64) { plan(&body, var) } else { None };
    let Some(privates) = jammable else {
        return vec![plain(local(lo), body)];
    };

    let groups = locals.len();
    locals.push(Local { name: "jam_groups".into(), ty: index_ty.clone() });
    let group = locals.len();
    locals.push(Local { name: "jam_group".into(), ty: index_ty.clone() });
    // Row `r` of group `g` is `lo + g * rows + r`: linear in the group loop's variable, so the
    // backends' nest versioning proves the whole jammed nest in bounds with one check.
    let copies: Vec<Vec<Stmt>> = (0..rows)
        .map(|r| {
            let mut row = binary(BinOp::Add, local(lo), binary(BinOp::Mul, local(group), int(rows)));
            if r > 0 {
                row = binary(BinOp::Add, row, int(r));
            }
            let mut renamed: HashMap<LocalId, LocalId> = HashMap::new();
            if r > 0 {
                for &p in &privates {
                    renamed.insert(p, locals.len());
                    locals.push(Local { name: format!("{}#{r}", locals[p].name), ty: locals[p].ty.clone() });
                }
            }
            body.iter().map(|s| rewrite_stmt(s, var, &row, &renamed)).collect()
        })
        .collect();
    let jammed = jam(copies);
    // Chunks never run backwards (`lo <= hi`), so the floor division is the group count.
    let count = binary(BinOp::FloorDiv, binary(BinOp::Sub, local(hi), local(lo)), int(rows));
    let rest_start = binary(BinOp::Add, local(lo), binary(BinOp::Mul, local(groups), int(rows)));
    vec![
        Stmt { kind: StmtKind::Assign { local: groups, value: count }, span },
        Stmt {
            kind: StmtKind::ForRange { var: group, start: int(0), stop: local(groups), step: int(1), body: jammed, orelse: vec![], parallel: false },
            span,
        },
        plain(rest_start, body),
    ]
}

/// The scalars the body assigns (each row gets its own copy), when the body may be jammed.
fn plan(body: &[Stmt], var: LocalId) -> Option<Vec<LocalId>> {
    let mut walk = Walk::default();
    walk.block(body, 0)?;
    if walk.loop_vars.contains(&var) || walk.privates.contains(&var) || walk.privates.iter().any(|p| walk.loop_vars.contains(p)) {
        return None;
    }
    // Inner loops run once for all rows: their bounds must be the same for every row.
    for bound in &walk.bounds {
        let mut reads = BTreeSet::new();
        collect_expr_reads(bound, &mut reads);
        if reads.iter().any(|l| *l == var || walk.privates.contains(l)) {
            return None;
        }
    }
    // Every access to a written array names the row in the same axis, as the row itself.
    let is_row = |e: &Expr| matches!(e.kind, ExprKind::Local(l) if l == var);
    let written: BTreeSet<LocalId> = walk.accesses.iter().filter(|a| a.writes).map(|a| a.array).collect();
    for w in &written {
        let of_w: Vec<&Access> = walk.accesses.iter().filter(|a| a.array == *w).collect();
        let rank = of_w[0].indices.len();
        let row_axis = (0..rank).find(|&d| of_w.iter().all(|a| a.indices.len() == rank && is_row(&a.indices[d])));
        row_axis?;
    }
    // Something inside an inner loop that every row reads alike: the reason to jam at all.
    let row_dependent = |indices: &[Expr]| {
        let mut reads = BTreeSet::new();
        indices.iter().for_each(|i| collect_expr_reads(i, &mut reads));
        reads.iter().any(|l| *l == var || walk.privates.contains(l))
    };
    let shared = walk.accesses.iter().any(|a| !a.writes && a.depth > 0 && !written.contains(&a.array) && !row_dependent(a.indices));
    shared.then(|| walk.privates.into_iter().collect())
}

struct Access<'b> {
    array: LocalId,
    indices: &'b [Expr],
    writes: bool,
    /// How many inner loops the access is inside.
    depth: usize,
}

#[derive(Default)]
struct Walk<'b> {
    privates: BTreeSet<LocalId>,
    loop_vars: BTreeSet<LocalId>,
    bounds: Vec<&'b Expr>,
    accesses: Vec<Access<'b>>,
}

impl<'b> Walk<'b> {
    fn block(&mut self, body: &'b [Stmt], depth: usize) -> Option<()> {
        for s in body {
            match &s.kind {
                StmtKind::Assign { local, value } => {
                    if !matches!(value.ty, Type::Scalar(_)) {
                        return None;
                    }
                    self.privates.insert(*local);
                    self.expr(value, depth)?;
                }
                StmtKind::Store { array, indices, value } => {
                    let ExprKind::Local(a) = array.kind else { return None };
                    self.accesses.push(Access { array: a, indices, writes: true, depth });
                    indices.iter().try_for_each(|i| self.expr(i, depth))?;
                    self.expr(value, depth)?;
                }
                StmtKind::ForRange { var, start, stop, step, body, orelse, parallel: false } if orelse.is_empty() && matches!(step.kind, ExprKind::Int(1)) => {
                    self.loop_vars.insert(*var);
                    for bound in [start, stop] {
                        // A bound may read lengths, not elements (the body may write them).
                        let before = self.accesses.len();
                        self.expr(bound, depth)?;
                        if self.accesses.len() != before {
                            return None;
                        }
                        self.bounds.push(bound);
                    }
                    self.block(body, depth + 1)?;
                }
                _ => return None,
            }
        }
        Some(())
    }

    /// Whether the expression only computes (no call, division, error other than an index
    /// error, or runtime state), recording its array reads.
    fn expr(&mut self, e: &'b Expr, depth: usize) -> Option<()> {
        match &e.kind {
            ExprKind::Local(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) => Some(()),
            ExprKind::Binary { op, lhs, rhs } => {
                let pure = matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Min | BinOp::Max | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor);
                pure.then_some(())?;
                self.expr(lhs, depth)?;
                self.expr(rhs, depth)
            }
            ExprKind::Compare { lhs, rhs, .. } | ExprKind::Logic { lhs, rhs, .. } => {
                self.expr(lhs, depth)?;
                self.expr(rhs, depth)
            }
            ExprKind::Unary { operand, .. } | ExprKind::Cast(operand) => self.expr(operand, depth),
            ExprKind::Select { cond, then, otherwise } => {
                self.expr(cond, depth)?;
                self.expr(then, depth)?;
                self.expr(otherwise, depth)
            }
            ExprKind::Math { func, args } => {
                matches!(func, MathFn::Sqrt | MathFn::Floor | MathFn::Ceil | MathFn::Trunc | MathFn::Fabs | MathFn::Round | MathFn::Extern(..)).then_some(())?;
                args.iter().try_for_each(|a| self.expr(a, depth))
            }
            ExprKind::Load { array, indices } => {
                let ExprKind::Local(a) = array.kind else { return None };
                self.accesses.push(Access { array: a, indices, writes: false, depth });
                indices.iter().try_for_each(|i| self.expr(i, depth))
            }
            ExprKind::Dim { array, .. } => matches!(array.kind, ExprKind::Local(_)).then_some(()),
            _ => None,
        }
    }
}

/// One row's copy of a statement: the loop variable replaced by `row`, private scalars renamed.
fn rewrite_stmt(s: &Stmt, var: LocalId, row: &Expr, renamed: &HashMap<LocalId, LocalId>) -> Stmt {
    let e = |x: &Expr| rewrite_expr(x, var, row, renamed);
    let kind = match &s.kind {
        StmtKind::Assign { local, value } => StmtKind::Assign { local: *renamed.get(local).unwrap_or(local), value: e(value) },
        StmtKind::Store { array, indices, value } => StmtKind::Store { array: e(array), indices: indices.iter().map(e).collect(), value: e(value) },
        StmtKind::ForRange { var: v, start, stop, step, body, orelse, parallel } => StmtKind::ForRange {
            var: *v,
            start: e(start),
            stop: e(stop),
            step: e(step),
            body: body.iter().map(|s| rewrite_stmt(s, var, row, renamed)).collect(),
            orelse: orelse.clone(),
            parallel: *parallel,
        },
        // `plan` admits nothing else.
        other => other.clone(),
    };
    Stmt { kind, span: s.span }
}

fn rewrite_expr(x: &Expr, var: LocalId, row: &Expr, renamed: &HashMap<LocalId, LocalId>) -> Expr {
    let e = |y: &Expr| Box::new(rewrite_expr(y, var, row, renamed));
    let kind = match &x.kind {
        ExprKind::Local(l) if *l == var => return Expr { span: x.span, ..row.clone() },
        ExprKind::Local(l) => ExprKind::Local(*renamed.get(l).unwrap_or(l)),
        ExprKind::Binary { op, lhs, rhs } => ExprKind::Binary { op: *op, lhs: e(lhs), rhs: e(rhs) },
        ExprKind::Compare { op, lhs, rhs } => ExprKind::Compare { op: *op, lhs: e(lhs), rhs: e(rhs) },
        ExprKind::Logic { and, lhs, rhs } => ExprKind::Logic { and: *and, lhs: e(lhs), rhs: e(rhs) },
        ExprKind::Unary { op, operand } => ExprKind::Unary { op: *op, operand: e(operand) },
        ExprKind::Cast(operand) => ExprKind::Cast(e(operand)),
        ExprKind::Select { cond, then, otherwise } => ExprKind::Select { cond: e(cond), then: e(then), otherwise: e(otherwise) },
        ExprKind::Math { func, args } => ExprKind::Math { func: *func, args: args.iter().map(|a| rewrite_expr(a, var, row, renamed)).collect() },
        ExprKind::Load { array, indices } => ExprKind::Load { array: e(array), indices: indices.iter().map(|i| rewrite_expr(i, var, row, renamed)).collect() },
        ExprKind::Dim { array, axis } => ExprKind::Dim { array: e(array), axis: *axis },
        other => other.clone(),
    };
    Expr { kind, ty: x.ty.clone(), span: x.span }
}

/// The rows' copies interleaved: one loop for each inner loop of the body, with the rows'
/// copies of its body jammed inside, and each other statement once per row, in row order.
fn jam(copies: Vec<Vec<Stmt>>) -> Vec<Stmt> {
    let mut rows: Vec<std::vec::IntoIter<Stmt>> = copies.into_iter().map(Vec::into_iter).collect();
    let mut out = Vec::new();
    while let Some(first) = rows[0].next() {
        let rest: Vec<Stmt> = rows[1..].iter_mut().filter_map(Iterator::next).collect();
        match first.kind {
            StmtKind::ForRange { var, start, stop, step, body, orelse, parallel } => {
                let mut bodies = vec![body];
                for s in rest {
                    if let StmtKind::ForRange { body, .. } = s.kind {
                        bodies.push(body);
                    }
                }
                out.push(Stmt { kind: StmtKind::ForRange { var, start, stop, step, body: jam(bodies), orelse, parallel }, span: first.span });
            }
            kind => {
                out.push(Stmt { kind, span: first.span });
                out.extend(rest);
            }
        }
    }
    out
}
