//! Loop versioning's analysis, shared by the Cranelift backend and the LLVM writer: which
//! array accesses of a unit-step loop nest one check before the nest can prove in bounds
//! (every index a linear function of the nest's loop variables plus loop-invariant values).
//! A backend then runs a check-free copy of the nest when that precheck passes.
//!
//! Checking a whole nest once, rather than each innermost loop each time it starts, takes the
//! checks out of the middle loops too: for a matmul's `i, k, j` nest the check runs once per
//! call instead of once per `(i, k)`, which is what small matrices pay for.

use std::collections::{HashMap, HashSet};

use rhumba_runtime::DType;

use crate::tir::{BinOp, Expr, ExprKind, Stmt, StmtKind, UnOp, ViewAxis};
use crate::types::Type;

/// One `for ... in range(start, stop)` loop of a nest (step 1). Loop 0 is the nest's outer
/// loop; the bounds of the others are loop-invariant, so they can be evaluated before the nest.
pub(crate) struct NestLoop<'e> {
    pub start: &'e Expr,
    pub stop: &'e Expr,
}

/// An index as `constant + Σ coefficient·(loop variable) + Σ ±(invariant value)`.
#[derive(Clone, Default)]
pub(crate) struct Linear<'e> {
    pub constant: i64,
    /// `(loop, coefficient)`, where `loop` is a position in [`Nest::loops`].
    pub terms: Vec<(usize, i64)>,
    /// `(value, negated)`: loop-invariant integer expressions.
    pub invariants: Vec<(&'e Expr, bool)>,
}

/// An access whose bounds the precheck of its nest covers.
pub(crate) struct Access<'e> {
    /// The address of the `Load` expression or `Store` statement, which names it to the backend.
    pub key: usize,
    pub array: usize,
    pub indices: Vec<Linear<'e>>,
    /// A store (rather than a load).
    #[cfg_attr(not(feature = "llvm"), allow(dead_code))]
    pub writes: bool,
}

impl Access<'_> {
    /// Whether the last index moves with a loop variable: the access then walks its last axis,
    /// and a backend that wants constant strides checks that axis is contiguous.
    #[cfg_attr(not(feature = "llvm"), allow(dead_code))]
    pub fn walks_last_axis(&self) -> bool {
        self.indices.last().is_some_and(|l| !l.terms.is_empty())
    }
}

/// The loops of a nest and the accesses a precheck can cover.
pub(crate) struct Nest<'e> {
    pub loops: Vec<NestLoop<'e>>,
    pub accesses: Vec<Access<'e>>,
}

/// Locals that `body` writes: assignments, loop variables, reduction variables.
fn assigned_locals(body: &[Stmt], out: &mut HashSet<usize>, loop_vars: bool) {
    for s in body {
        match &s.kind {
            StmtKind::Assign { local, .. } => {
                out.insert(*local);
            }
            StmtKind::If { then, otherwise, .. } => {
                assigned_locals(then, out, loop_vars);
                assigned_locals(otherwise, out, loop_vars);
            }
            StmtKind::While { body, orelse, .. } => {
                assigned_locals(body, out, loop_vars);
                assigned_locals(orelse, out, loop_vars);
            }
            StmtKind::ForRange { var, body, orelse, .. } => {
                if loop_vars {
                    out.insert(*var);
                }
                assigned_locals(body, out, loop_vars);
                assigned_locals(orelse, out, loop_vars);
            }
            StmtKind::ParallelFor { reductions, .. } => out.extend(reductions.iter().map(|(l, _)| *l)),
            _ => {}
        }
    }
}

/// An integer expression of constants, array lengths and variables the nest does not assign:
/// the same value everywhere in the nest, and free to evaluate before it.
fn invariant(e: &Expr, assigned: &HashSet<usize>) -> bool {
    match &e.kind {
        ExprKind::Int(_) => true,
        ExprKind::Local(l) => !assigned.contains(l) && matches!(e.ty, Type::Scalar(DType::Int64)),
        ExprKind::Dim { array, .. } => matches!(array.kind, ExprKind::Local(a) if !assigned.contains(&a)),
        ExprKind::Binary { op: BinOp::Add | BinOp::Sub | BinOp::Mul, lhs, rhs } => invariant(lhs, assigned) && invariant(rhs, assigned),
        _ => false,
    }
}

/// Coefficients beyond this are left to the checked code: they are rare in indices, and the
/// bound keeps every product the precheck forms far from overflow.
const MAX_COEFFICIENT: i64 = 1 << 20;

impl<'e> Linear<'e> {
    fn scaled(mut self, by: i64) -> Option<Linear<'e>> {
        self.constant = self.constant.checked_mul(by)?;
        for (_, c) in &mut self.terms {
            *c = c.checked_mul(by).filter(|c| c.abs() <= MAX_COEFFICIENT)?;
        }
        match by {
            1 => {}
            -1 => self.invariants.iter_mut().for_each(|(_, neg)| *neg = !*neg),
            _ if self.invariants.is_empty() => {}
            _ => return None,
        }
        Some(self)
    }

    fn plus(mut self, other: Linear<'e>) -> Option<Linear<'e>> {
        self.constant = self.constant.checked_add(other.constant)?;
        for (l, c) in other.terms {
            match self.terms.iter_mut().find(|(m, _)| *m == l) {
                Some((_, d)) => *d = d.checked_add(c).filter(|d| d.abs() <= MAX_COEFFICIENT)?,
                None => self.terms.push((l, c)),
            }
        }
        self.terms.retain(|(_, c)| *c != 0);
        self.invariants.extend(other.invariants);
        Some(self)
    }
}

struct Walk<'e> {
    /// Everything the nest writes, loop variables included.
    assigned: HashSet<usize>,
    /// What the nest writes other than by looping: a loop variable in here is moved by its body.
    written: HashSet<usize>,
    /// Loop variables in scope: local → position in `loops`.
    scope: HashMap<usize, usize>,
    loops: Vec<NestLoop<'e>>,
    accesses: Vec<Access<'e>>,
    /// Set when a loop rebinds the variable of a loop around it; the analysis then gives up,
    /// because after the inner loop that variable no longer lies in the outer loop's range.
    shadowed: bool,
}

impl<'e> Walk<'e> {
    fn linear(&self, e: &'e Expr) -> Option<Linear<'e>> {
        if !matches!(e.ty, Type::Scalar(DType::Int64)) {
            return None;
        }
        match &e.kind {
            ExprKind::Int(c) => Some(Linear { constant: *c, ..Linear::default() }),
            ExprKind::Local(l) if self.scope.contains_key(l) => Some(Linear { terms: vec![(self.scope[l], 1)], ..Linear::default() }),
            _ if invariant(e, &self.assigned) => Some(Linear { invariants: vec![(e, false)], ..Linear::default() }),
            ExprKind::Binary { op: BinOp::Add, lhs, rhs } => self.linear(lhs)?.plus(self.linear(rhs)?),
            ExprKind::Binary { op: BinOp::Sub, lhs, rhs } => self.linear(lhs)?.plus(self.linear(rhs)?.scaled(-1)?),
            ExprKind::Binary { op: BinOp::Mul, lhs, rhs } => match (&lhs.kind, &rhs.kind) {
                (ExprKind::Int(c), _) => self.linear(rhs)?.scaled(*c),
                (_, ExprKind::Int(c)) => self.linear(lhs)?.scaled(*c),
                _ => None,
            },
            ExprKind::Unary { op: UnOp::Neg, operand } => self.linear(operand)?.scaled(-1),
            _ => None,
        }
    }

    fn access(&mut self, key: usize, array: &'e Expr, indices: &'e [Expr], writes: bool) {
        let ExprKind::Local(a) = array.kind else { return };
        if self.assigned.contains(&a) {
            return;
        }
        let linear: Option<Vec<Linear<'e>>> = indices.iter().map(|i| self.linear(i)).collect();
        if let Some(indices) = linear {
            self.accesses.push(Access { key, array: a, indices, writes });
        }
    }

    fn loads(&mut self, e: &'e Expr) {
        match &e.kind {
            ExprKind::Load { array, indices } => {
                indices.iter().for_each(|i| self.loads(i));
                self.access(e as *const Expr as usize, array, indices, false);
            }
            ExprKind::Binary { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } | ExprKind::Logic { lhs, rhs, .. } => {
                self.loads(lhs);
                self.loads(rhs);
            }
            ExprKind::Unary { operand, .. } | ExprKind::Cast(operand) => self.loads(operand),
            ExprKind::Select { cond, then, otherwise } => {
                self.loads(cond);
                self.loads(then);
                self.loads(otherwise);
            }
            // A local bound by legalisation changes inside the nest: never an invariant.
            ExprKind::Let { local, value, body } => {
                self.loads(value);
                self.assigned.insert(*local);
                self.loads(body);
            }
            ExprKind::Guard { fail, value, .. } => {
                self.loads(fail);
                self.loads(value);
            }
            ExprKind::Math { args, .. } | ExprKind::Call { args, .. } | ExprKind::Tuple(args) => args.iter().for_each(|a| self.loads(a)),
            ExprKind::TupleGet { tuple, .. } => self.loads(tuple),
            ExprKind::View { axes, .. } => {
                for a in axes {
                    match a {
                        ViewAxis::At(i) => self.loads(i),
                        ViewAxis::Slice { start, stop, step } => [start, stop, step].into_iter().flatten().for_each(|b| self.loads(b)),
                    }
                }
            }
            _ => {}
        }
    }

    fn block(&mut self, body: &'e [Stmt]) {
        for s in body {
            match &s.kind {
                StmtKind::Assign { value, .. } | StmtKind::Return(value) | StmtKind::Expr(value) => self.loads(value),
                StmtKind::Assert { cond, details, .. } => std::iter::once(cond).chain(details).for_each(|e| self.loads(e)),
                StmtKind::Store { array, indices, value } => {
                    indices.iter().for_each(|i| self.loads(i));
                    self.loads(value);
                    self.access(s as *const Stmt as usize, array, indices, true);
                }
                StmtKind::If { cond, then, otherwise } => {
                    self.loads(cond);
                    self.block(then);
                    self.block(otherwise);
                }
                StmtKind::While { cond, body, orelse } => {
                    self.loads(cond);
                    self.block(body);
                    self.block(orelse);
                }
                StmtKind::ForRange { var, start, stop, step, body, orelse, .. } => {
                    if self.scope.contains_key(var) {
                        self.shadowed = true;
                        return;
                    }
                    [start, stop, step].into_iter().for_each(|e| self.loads(e));
                    // A loop joins the nest when its bounds are fixed for the whole nest; the
                    // variable of any other loop is just a value the nest assigns.
                    let joins = matches!(step.kind, ExprKind::Int(1)) && !self.written.contains(var) && invariant(start, &self.assigned) && invariant(stop, &self.assigned);
                    if joins {
                        self.scope.insert(*var, self.loops.len());
                        self.loops.push(NestLoop { start, stop });
                    }
                    self.block(body);
                    self.scope.remove(var);
                    self.block(orelse);
                }
                StmtKind::Break | StmtKind::Continue | StmtKind::AssignArray { .. } | StmtKind::ParallelFor { .. } => {}
            }
        }
    }
}

/// The nest rooted at `for var in range(start, stop)` (step 1) and the accesses in it that a
/// precheck can prove in bounds; `None` when there are none.
pub(crate) fn nest<'e>(var: usize, start: &'e Expr, stop: &'e Expr, body: &'e [Stmt]) -> Option<Nest<'e>> {
    let mut written = HashSet::new();
    assigned_locals(body, &mut written, false);
    if written.contains(&var) {
        // The body moves its own loop variable: the variable is not in the loop's range.
        return None;
    }
    let mut assigned = written.clone();
    assigned_locals(body, &mut assigned, true);
    assigned.insert(var);
    let mut walk = Walk { assigned, written, scope: HashMap::from([(var, 0)]), loops: vec![NestLoop { start, stop }], accesses: Vec::new(), shadowed: false };
    walk.block(body);
    if walk.shadowed || walk.accesses.is_empty() {
        return None;
    }
    Some(Nest { loops: walk.loops, accesses: walk.accesses })
}
