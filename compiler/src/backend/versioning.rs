//! Loop versioning's analysis, shared by the Cranelift backend and the LLVM writer: which
//! array accesses of an innermost unit-step loop a single check before the loop can prove in
//! bounds (indices that are loop-invariant, or the loop variable plus an invariant offset).
//! A backend then runs a check-free copy of the loop when the precheck passes.

use std::collections::HashSet;

use rhumba_runtime::DType;

use crate::tir::{BinOp, Expr, ExprKind, Stmt, StmtKind, ViewAxis};
use crate::types::Type;

/// One index of an access that a loop precheck can prove in bounds.
pub(crate) enum IndexShape<'e> {
    /// The same value on every iteration.
    Invariant(&'e Expr),
    /// The loop variable plus a loop-invariant offset (subtracted when `negate`).
    Affine { offset: Option<&'e Expr>, negate: bool },
}

/// An access whose bounds the precheck of its loop covers.
pub(crate) struct Candidate<'e> {
    pub key: usize,
    pub array: usize,
    pub indices: Vec<IndexShape<'e>>,
}

pub(crate) fn assigned_locals(body: &[Stmt], out: &mut HashSet<usize>) {
    for s in body {
        match &s.kind {
            StmtKind::Assign { local, .. } => {
                out.insert(*local);
            }
            StmtKind::If { then, otherwise, .. } => {
                assigned_locals(then, out);
                assigned_locals(otherwise, out);
            }
            StmtKind::While { body, orelse, .. } => {
                assigned_locals(body, out);
                assigned_locals(orelse, out);
            }
            StmtKind::ForRange { var, body, orelse, .. } => {
                out.insert(*var);
                assigned_locals(body, out);
                assigned_locals(orelse, out);
            }
            StmtKind::ParallelFor { reductions, .. } => out.extend(reductions.iter().map(|(l, _)| *l)),
            _ => {}
        }
    }
}

pub(crate) fn contains_loop(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::While { .. } | StmtKind::ForRange { .. } | StmtKind::ParallelFor { .. } => true,
        StmtKind::If { then, otherwise, .. } => contains_loop(then) || contains_loop(otherwise),
        _ => false,
    })
}

/// An integer expression of constants and variables the loop does not assign.
fn invariant(e: &Expr, assigned: &HashSet<usize>) -> bool {
    match &e.kind {
        ExprKind::Int(_) => true,
        ExprKind::Local(l) => !assigned.contains(l) && matches!(e.ty, Type::Scalar(DType::Int64)),
        ExprKind::Binary { op: BinOp::Add | BinOp::Sub | BinOp::Mul, lhs, rhs } => invariant(lhs, assigned) && invariant(rhs, assigned),
        _ => false,
    }
}

fn index_shape<'e>(e: &'e Expr, var: usize, assigned: &HashSet<usize>) -> Option<IndexShape<'e>> {
    if invariant(e, assigned) {
        return Some(IndexShape::Invariant(e));
    }
    let is_var = |x: &Expr| matches!(x.kind, ExprKind::Local(l) if l == var);
    match &e.kind {
        _ if is_var(e) => Some(IndexShape::Affine { offset: None, negate: false }),
        ExprKind::Binary { op: BinOp::Add, lhs, rhs } if is_var(lhs) && invariant(rhs, assigned) => Some(IndexShape::Affine { offset: Some(rhs), negate: false }),
        ExprKind::Binary { op: BinOp::Add, lhs, rhs } if is_var(rhs) && invariant(lhs, assigned) => Some(IndexShape::Affine { offset: Some(lhs), negate: false }),
        ExprKind::Binary { op: BinOp::Sub, lhs, rhs } if is_var(lhs) && invariant(rhs, assigned) => Some(IndexShape::Affine { offset: Some(rhs), negate: true }),
        _ => None,
    }
}

/// The accesses of a loop body that a precheck can cover, found by walking its statements.
pub(crate) fn candidates<'e>(body: &'e [Stmt], var: usize, assigned: &HashSet<usize>, out: &mut Vec<Candidate<'e>>) {
    let access = |key: usize, array: &'e Expr, indices: &'e [Expr], out: &mut Vec<Candidate<'e>>| {
        let ExprKind::Local(a) = array.kind else { return };
        if assigned.contains(&a) {
            return;
        }
        let shapes: Option<Vec<IndexShape<'e>>> = indices.iter().map(|i| index_shape(i, var, assigned)).collect();
        if let Some(indices) = shapes {
            out.push(Candidate { key, array: a, indices });
        }
    };
    fn exprs<'e>(e: &'e Expr, f: &mut dyn FnMut(&'e Expr)) {
        f(e);
        match &e.kind {
            ExprKind::Binary { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } | ExprKind::Logic { lhs, rhs, .. } => {
                exprs(lhs, f);
                exprs(rhs, f);
            }
            ExprKind::Unary { operand, .. } | ExprKind::Cast(operand) => exprs(operand, f),
            ExprKind::Select { cond, then, otherwise } => {
                exprs(cond, f);
                exprs(then, f);
                exprs(otherwise, f);
            }
            ExprKind::Math { args, .. } | ExprKind::Call { args, .. } | ExprKind::Tuple(args) => args.iter().for_each(|a| exprs(a, f)),
            ExprKind::Load { indices, .. } => indices.iter().for_each(|i| exprs(i, f)),
            ExprKind::TupleGet { tuple, .. } => exprs(tuple, f),
            ExprKind::View { axes, .. } => {
                for a in axes {
                    match a {
                        ViewAxis::At(i) => exprs(i, f),
                        ViewAxis::Slice { start, stop, step } => [start, stop, step].into_iter().flatten().for_each(|b| exprs(b, f)),
                    }
                }
            }
            _ => {}
        }
    }
    for s in body {
        let mut loads = |e: &'e Expr| {
            if let ExprKind::Load { array, indices } = &e.kind {
                access(e as *const Expr as usize, array, indices, out);
            }
        };
        match &s.kind {
            StmtKind::Assign { value, .. } | StmtKind::Return(value) | StmtKind::Expr(value) => exprs(value, &mut loads),
            StmtKind::Assert { cond } => exprs(cond, &mut loads),
            StmtKind::Store { array, indices, value } => {
                indices.iter().for_each(|i| exprs(i, &mut loads));
                exprs(value, &mut loads);
                access(s as *const Stmt as usize, array, indices, out);
            }
            StmtKind::If { cond, then, otherwise } => {
                exprs(cond, &mut loads);
                candidates(then, var, assigned, out);
                candidates(otherwise, var, assigned, out);
            }
            _ => {}
        }
    }
}

