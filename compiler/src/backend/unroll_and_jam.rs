//! Unroll-and-jam's analysis for the optimising tier: which loops may run several of their
//! iterations side by side inside one pass of the inner loop they contain.
//!
//! The loop it is for is matmul's middle loop:
//!
//! ```python
//! for p in range(k):
//!     aip = a[i, p]
//!     for j in range(m):
//!         c[i, j] += aip * b[p, j]
//! ```
//!
//! Jammed four times, one pass over `j` adds four products into `c[i, j]`, which is loaded and
//! stored once instead of four times. Each element still sees the same operations in the same
//! order (`p`, then `p + 1`, ...), so the results are the same bits as the plain loop's. That
//! holds when the inner loop writes each element of an array on its own `j` only, reads that
//! array nowhere else, and every other array it reads is apart from the written ones, which the
//! writer knows from the check-free copy of a loop nest (accesses proven in bounds and tagged
//! with alias scopes); the caller says which accesses those are.

use std::collections::HashSet;

use crate::tir::{BinOp, Expr, ExprKind, Stmt, StmtKind, UnOp};
use crate::types::Type;

/// A loop that may be unrolled and jammed: `prefix` assignments, then one inner loop.
pub(crate) struct Jam<'e> {
    pub prefix: Vec<&'e Stmt>,
    /// The locals the prefix assigns, each once, in order.
    pub prefix_locals: Vec<usize>,
    pub inner_var: usize,
    pub inner_start: &'e Expr,
    pub inner_stop: &'e Expr,
    pub inner_body: &'e [Stmt],
}

/// One array access of the loop body: its key (the address of the `Load` or `Store`), array
/// and indices.
struct Access<'e> {
    key: usize,
    array: usize,
    indices: &'e [Expr],
    writes: bool,
}

/// Whether `e` is plain arithmetic (no division, calls or errors), collecting the locals it
/// reads and the array loads in it.
fn simple<'e>(e: &'e Expr, reads: &mut Vec<usize>, accesses: &mut Vec<Access<'e>>) -> bool {
    match &e.kind {
        ExprKind::Local(l) => {
            reads.push(*l);
            true
        }
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) => true,
        // An array's length: the body assigns only scalars, so no array changes under it.
        ExprKind::Dim { array, .. } => matches!(array.kind, ExprKind::Local(_)),
        ExprKind::Binary { op: BinOp::Add | BinOp::Sub | BinOp::Mul, lhs, rhs } => simple(lhs, reads, accesses) && simple(rhs, reads, accesses),
        ExprKind::Unary { op: UnOp::Neg, operand } | ExprKind::Cast(operand) => simple(operand, reads, accesses),
        ExprKind::Load { array, indices } => {
            let ExprKind::Local(a) = array.kind else { return false };
            accesses.push(Access { key: e as *const Expr as usize, array: a, indices, writes: false });
            indices.iter().all(|i| simple(i, reads, accesses))
        }
        _ => false,
    }
}

/// The same index expression, spans aside.
fn same(x: &Expr, y: &Expr) -> bool {
    match (&x.kind, &y.kind) {
        (ExprKind::Local(a), ExprKind::Local(b)) => a == b,
        (ExprKind::Int(a), ExprKind::Int(b)) => a == b,
        (ExprKind::Binary { op: o1, lhs: l1, rhs: r1 }, ExprKind::Binary { op: o2, lhs: l2, rhs: r2 }) => o1 == o2 && same(l1, l2) && same(r1, r2),
        (ExprKind::Unary { op: o1, operand: a }, ExprKind::Unary { op: o2, operand: b }) => o1 == o2 && same(a, b),
        (ExprKind::Cast(a), ExprKind::Cast(b)) => x.ty == y.ty && same(a, b),
        _ => false,
    }
}

/// Locals an expression reads.
fn reads_of(e: &Expr) -> Vec<usize> {
    let (mut reads, mut accesses) = (Vec::new(), Vec::new());
    simple(e, &mut reads, &mut accesses);
    reads
}

/// `j`, `j + x` or `x + j` or `j - x` with `x` not reading `j`: distinct `j`, distinct values.
fn moves_with(e: &Expr, j: usize) -> bool {
    let is_j = |x: &Expr| matches!(x.kind, ExprKind::Local(l) if l == j);
    match &e.kind {
        _ if is_j(e) => true,
        ExprKind::Binary { op: BinOp::Add, lhs, rhs } => (is_j(lhs) && !reads_of(rhs).contains(&j)) || (is_j(rhs) && !reads_of(lhs).contains(&j)),
        ExprKind::Binary { op: BinOp::Sub, lhs, rhs } => is_j(lhs) && !reads_of(rhs).contains(&j),
        _ => false,
    }
}

/// The jam plan of `for var in range(...)` with this body, when it is legal. `free(key)` says
/// whether an access is proven in bounds and its array apart from every array the nest writes.
pub(crate) fn jam<'e>(var: usize, body: &'e [Stmt], orelse: &[Stmt], free: &dyn Fn(usize) -> bool) -> Option<Jam<'e>> {
    if !orelse.is_empty() {
        return None;
    }
    let (last, prefix) = body.split_last()?;
    let StmtKind::ForRange { var: jv, start, stop, step, body: inner, orelse: inner_else, .. } = &last.kind else { return None };
    if !matches!(step.kind, ExprKind::Int(1)) || !inner_else.is_empty() || *jv == var {
        return None;
    }
    let mut accesses: Vec<Access<'e>> = Vec::new();
    let mut prefix_locals: Vec<usize> = Vec::new();
    for s in prefix {
        let StmtKind::Assign { local, value } = &s.kind else { return None };
        let mut reads = Vec::new();
        if !matches!(value.ty, Type::Scalar(_)) || !simple(value, &mut reads, &mut accesses) {
            return None;
        }
        // A prefix value may use earlier prefix results, not later ones (those would carry a
        // value over from the previous iteration).
        let later: HashSet<usize> = prefix.iter().filter_map(|t| if let StmtKind::Assign { local, .. } = &t.kind { Some(*local) } else { None }).filter(|l| !prefix_locals.contains(l)).collect();
        if reads.iter().any(|r| later.contains(r)) || *local == var || *local == *jv || prefix_locals.contains(local) {
            return None;
        }
        prefix_locals.push(*local);
    }
    let prefix_accesses = accesses.len();
    // The inner loop's bounds serve every jammed copy: nothing the body assigns may move them.
    let assigned: HashSet<usize> = prefix_locals.iter().copied().chain([var, *jv]).collect();
    for bound in [start, stop] {
        let (mut reads, mut loads) = (Vec::new(), Vec::new());
        if !simple(bound, &mut reads, &mut loads) || !loads.is_empty() || reads.iter().any(|r| assigned.contains(r)) {
            return None;
        }
    }
    for s in inner {
        let StmtKind::Store { array, indices, value } = &s.kind else { return None };
        let ExprKind::Local(w) = array.kind else { return None };
        let mut reads = Vec::new();
        accesses.push(Access { key: s as *const Stmt as usize, array: w, indices, writes: true });
        if !indices.iter().all(|i| simple(i, &mut reads, &mut accesses)) || !simple(value, &mut reads, &mut accesses) {
            return None;
        }
    }
    if !accesses.iter().all(|x| free(x.key)) {
        return None;
    }
    let written: HashSet<usize> = accesses.iter().filter(|x| x.writes).map(|x| x.array).collect();
    if written.is_empty() {
        return None;
    }
    // The prefix of every copy runs before the inner loop of the first: it must not see what
    // the inner loops write.
    if accesses[..prefix_accesses].iter().any(|x| written.contains(&x.array)) {
        return None;
    }
    let unrolled: HashSet<usize> = prefix_locals.iter().copied().chain([var]).collect();
    for w in &written {
        let mut of_w = accesses.iter().filter(|x| x.array == *w);
        let first = of_w.next()?;
        // One element per `j`, the same for every access and every copy.
        if !first.indices.iter().any(|i| moves_with(i, *jv)) {
            return None;
        }
        for x in std::iter::once(first).chain(of_w) {
            if x.indices.len() != first.indices.len() || !x.indices.iter().zip(first.indices).all(|(a, b)| same(a, b)) {
                return None;
            }
            if x.indices.iter().any(|i| reads_of(i).iter().any(|r| unrolled.contains(r))) {
                return None;
            }
        }
    }
    Some(Jam { prefix: prefix.iter().collect(), prefix_locals, inner_var: *jv, inner_start: start, inner_stop: stop, inner_body: inner })
}
