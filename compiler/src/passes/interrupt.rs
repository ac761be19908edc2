//! Interrupt polls: compiled CPU code asks the runtime, once per iteration of every `while`
//! loop and of every loop that contains another loop, whether the host was asked to stop
//! (Ctrl-C), and raises `KeyboardInterrupt` if so.
//!
//! Innermost `for` loops get no poll, so the loops that matter for speed are untouched (still
//! vectorisable by the optimising tier, bounds checks still hoisted by loop versioning); a nest
//! polls once per iteration of the loop around its innermost one. A single flat `for` loop is
//! not interrupted until it ends. CUDA code (the functions with CUDA's error model) gets no poll.

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

fn block(body: &mut [Stmt]) {
    for s in body.iter_mut() {
        let span = s.span;
        match &mut s.kind {
            StmtKind::While { body, orelse, .. } => {
                block(body);
                block(orelse);
                if !body.first().is_some_and(is_poll) {
                    body.insert(0, poll(span));
                }
            }
            StmtKind::ForRange { body, orelse, .. } => {
                let outer = contains_loop(body);
                block(body);
                block(orelse);
                if outer && !body.first().is_some_and(is_poll) {
                    body.insert(0, poll(span));
                }
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
