//! Interrupt polls: compiled CPU code checks, once per iteration of its outermost loops, whether
//! the host was asked to stop (Ctrl-C), and raises `KeyboardInterrupt` if so.
//!
//! A loop polls when it is a `while` loop or contains another loop, and no loop around it polls
//! already: a nest polls once per iteration of its outer loop, and the loops inside it — the
//! ones that matter for speed — are untouched (still vectorisable, bounds checks still hoisted by
//! loop versioning). The poll itself is one byte loaded from the runtime's flag (the backends
//! turn [`POLL`] into that load, not a call). A single flat `for` loop is not interrupted until
//! it ends. CUDA code (the functions with CUDA's error model) gets no poll.

use rhumba_runtime::abi;
use rhumba_runtime::DType;

use crate::tir::{CmpOp, Expr, ExprKind, Function, MathFn, Stmt, StmtKind};
use crate::types::Type;

/// The runtime's poll: nonzero once an interrupt was requested.
pub const POLL: MathFn = MathFn::Runtime("rhumba_interrupted", &[], Some(DType::Int64));

/// Inserts the polls into `f` (idempotent: a loop that starts with a poll gets no second one).
pub fn insert_polls(f: &mut Function) {
    if f.ieee_float_division {
        return;
    }
    block(&mut f.body);
}

/// `if rhumba_interrupted() != 0: raise KeyboardInterrupt`, as a guarded expression statement.
fn poll(span: rhumba_grammar::Span) -> Stmt {
    let i64 = Type::Scalar(DType::Int64);
    let call = Expr::new(ExprKind::Math { func: POLL, args: vec![] }, i64.clone(), span);
    let zero = Expr::new(ExprKind::Int(0), i64.clone(), span);
    let fail = Expr::new(ExprKind::Compare { op: CmpOp::Ne, lhs: Box::new(call), rhs: Box::new(zero.clone()) }, Type::Scalar(DType::Bool), span);
    let guard = Expr::new(ExprKind::Guard { fail: Box::new(fail), code: abi::ERR_INTERRUPTED, value: Box::new(zero) }, i64, span);
    Stmt { kind: StmtKind::Expr(guard), span }
}

fn is_poll(s: &Stmt) -> bool {
    matches!(&s.kind, StmtKind::Expr(Expr { kind: ExprKind::Guard { code: abi::ERR_INTERRUPTED, .. }, .. }))
}

/// Polls the outermost qualifying loops of `body` (its nested loops are left alone once one
/// around them polls).
fn block(body: &mut [Stmt]) {
    for s in body.iter_mut() {
        let span = s.span;
        match &mut s.kind {
            StmtKind::While { body, orelse, .. } => {
                if !body.first().is_some_and(is_poll) {
                    body.insert(0, poll(span));
                }
                block(orelse);
            }
            StmtKind::ForRange { body, orelse, .. } => {
                if contains_loop(body) && !body.first().is_some_and(is_poll) {
                    body.insert(0, poll(span));
                }
                block(orelse);
            }
            StmtKind::If { then, otherwise, .. } => {
                block(then);
                block(otherwise);
            }
            _ => {}
        }
    }
}

fn contains_loop(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::While { .. } | StmtKind::ForRange { .. } | StmtKind::ParallelFor { .. } => true,
        StmtKind::If { then, otherwise, .. } => contains_loop(then) || contains_loop(otherwise),
        _ => false,
    })
}
