//! A bound on how deeply a parsed module nests, so that every later pass (which recurses once
//! per level) has a known stack budget.
//!
//! CPython has the same kind of limits: 100 levels of indentation (`IndentationError: too many
//! levels of indentation`), 200 nested brackets (`SyntaxError: too many nested parentheses`),
//! both enforced by the lexer, and about 2,000 nested expressions ("maximum recursion depth
//! exceeded during compilation"). Chains such as `1 + 1 + ... + 1` or `- - - x` nest without
//! brackets, so the tree is measured here, by a walk that never goes deeper than the limit.

use crate::ast::*;
use crate::diagnostic::Diagnostic;

/// How deeply expressions and statements may nest in total. Each level costs every recursive
/// pass (interpreter, checker, backends) a stack frame; 1,000 keeps the deepest of them within
/// the 8 MiB stack of a Python thread that compiles a function.
pub const MAX_NESTING: usize = 1000;

/// The first node nested deeper than [`MAX_NESTING`], as a diagnostic; `None` when the module
/// is within the limit.
pub fn check(module: &Module) -> Option<Diagnostic> {
    let mut found = None;
    for s in &module.body {
        stmt(s, 0, &mut found);
        if found.is_some() {
            break;
        }
    }
    found.map(|span| {
        Diagnostic::error(span, format!("expression nested too deeply (more than {MAX_NESTING} levels)"))
            .with_label("nested too deeply here")
            .with_note("CPython stops such code with \"maximum recursion depth exceeded during compilation\"; split the expression with intermediate variables")
    })
}

fn too_deep(depth: usize, span: Span, found: &mut Option<Span>) -> bool {
    if found.is_some() {
        return true;
    }
    if depth > MAX_NESTING {
        *found = Some(span);
        return true;
    }
    false
}

fn block(body: &[Stmt], depth: usize, found: &mut Option<Span>) {
    for s in body {
        stmt(s, depth, found);
    }
}

fn stmt(s: &Stmt, depth: usize, found: &mut Option<Span>) {
    if too_deep(depth, s.span, found) {
        return;
    }
    let d = depth + 1;
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Raise(Some(e)) => expr(e, d, found),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|t| expr(t, d, found));
            expr(value, d, found);
        }
        StmtKind::AugAssign { target, value, .. } => {
            expr(target, d, found);
            expr(value, d, found);
        }
        StmtKind::AnnAssign { target, annotation, value } => {
            expr(target, d, found);
            expr(annotation, d, found);
            value.iter().for_each(|v| expr(v, d, found));
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            expr(test, d, found);
            block(body, d, found);
            block(orelse, d, found);
        }
        StmtKind::For { target, iter, body, orelse } => {
            expr(target, d, found);
            expr(iter, d, found);
            block(body, d, found);
            block(orelse, d, found);
        }
        StmtKind::Assert { test, msg } => {
            expr(test, d, found);
            msg.iter().for_each(|m| expr(m, d, found));
        }
        StmtKind::FunctionDef(def) => function(def, d, found),
        StmtKind::ClassDef(class) => {
            class.decorators.iter().chain(&class.bases).for_each(|e| expr(e, d, found));
            block(&class.body, d, found);
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            block(body, d, found);
            for h in handlers {
                h.kind.iter().for_each(|k| expr(k, d, found));
                block(&h.body, d, found);
            }
            block(orelse, d, found);
            block(finalbody, d, found);
        }
        StmtKind::Return(None) | StmtKind::Raise(None) | StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
        StmtKind::Import(_) | StmtKind::ImportFrom { .. } | StmtKind::Global(_) => {}
        StmtKind::Delete(targets) => targets.iter().for_each(|t| expr(t, d, found)),
    }
}

fn function(def: &FunctionDef, depth: usize, found: &mut Option<Span>) {
    def.decorators.iter().for_each(|e| expr(e, depth, found));
    for p in &def.params {
        p.annotation.iter().chain(&p.default).for_each(|e| expr(e, depth, found));
    }
    def.returns.iter().for_each(|e| expr(e, depth, found));
    block(&def.body, depth, found);
}

fn expr(e: &Expr, depth: usize, found: &mut Option<Span>) {
    if too_deep(depth, e.span, found) {
        return;
    }
    let d = depth + 1;
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Imaginary(_) | ExprKind::Str(_) | ExprKind::Bool(_) | ExprKind::None => {}
        ExprKind::FString(parts) => {
            for part in parts {
                if let FStringPart::Hole { value, .. } = part {
                    expr(value, d, found);
                }
            }
        }
        ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) | ExprKind::BoolOp { values: items, .. } => items.iter().for_each(|i| expr(i, d, found)),
        ExprKind::Dict { keys, values } => keys.iter().chain(values).for_each(|i| expr(i, d, found)),
        ExprKind::ListComp { elt, generators } => {
            expr(elt, d, found);
            for g in generators {
                expr(&g.target, d, found);
                expr(&g.iter, d, found);
                g.ifs.iter().for_each(|i| expr(i, d, found));
            }
        }
        ExprKind::BinOp { left, right, .. } => {
            expr(left, d, found);
            expr(right, d, found);
        }
        ExprKind::UnaryOp { operand, .. } | ExprKind::Starred(operand) => expr(operand, d, found),
        ExprKind::Compare { left, ops } => {
            expr(left, d, found);
            ops.iter().for_each(|(_, r)| expr(r, d, found));
        }
        ExprKind::IfExp { test, body, orelse } => {
            expr(test, d, found);
            expr(body, d, found);
            expr(orelse, d, found);
        }
        ExprKind::Call { func, args, keywords } => {
            expr(func, d, found);
            args.iter().for_each(|a| expr(a, d, found));
            keywords.iter().for_each(|k| expr(&k.value, d, found));
        }
        ExprKind::Attribute { value, .. } => expr(value, d, found),
        ExprKind::Subscript { value, index } => {
            expr(value, d, found);
            expr(index, d, found);
        }
        ExprKind::Slice { lower, upper, step } => [lower, upper, step].into_iter().flatten().for_each(|b| expr(b, d, found)),
        ExprKind::Lambda(def) => function(def, d, found),
    }
}

/// Drops a module without recursion as deep as its tree: a tree past the limit is taken apart
/// level by level (dropping a 100,000-deep chain of boxes recursively would overflow the stack
/// the limit protects).
pub fn dispose(module: Module) {
    let mut pending: Vec<Expr> = Vec::new();
    let mut stmts: Vec<Stmt> = module.body;
    while let Some(s) = stmts.pop() {
        match s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Raise(Some(e)) => pending.push(e),
            StmtKind::Assign { targets, value } => {
                pending.extend(targets);
                pending.push(value);
            }
            StmtKind::AugAssign { target, value, .. } => pending.extend([target, value]),
            StmtKind::AnnAssign { target, annotation, value } => {
                pending.extend([target, annotation]);
                pending.extend(value);
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                pending.push(test);
                stmts.extend(body);
                stmts.extend(orelse);
            }
            StmtKind::For { target, iter, body, orelse } => {
                pending.extend([target, iter]);
                stmts.extend(body);
                stmts.extend(orelse);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                stmts.extend(body);
                for h in handlers {
                    pending.extend(h.kind);
                    stmts.extend(h.body);
                }
                stmts.extend(orelse);
                stmts.extend(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                pending.push(test);
                pending.extend(msg);
            }
            StmtKind::FunctionDef(def) => {
                if let Ok(def) = std::rc::Rc::try_unwrap(def) {
                    stmts.extend(def.body);
                    pending.extend(def.decorators);
                }
            }
            _ => {}
        }
        while let Some(e) = pending.pop() {
            take_apart(e, &mut pending, &mut stmts);
        }
    }
}

fn take_apart(e: Expr, pending: &mut Vec<Expr>, stmts: &mut Vec<Stmt>) {
    match e.kind {
        ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::BoolOp { values: items, .. } => pending.extend(items),
        ExprKind::ListComp { elt, generators } => {
            pending.push(*elt);
            for g in generators {
                pending.extend([g.target, g.iter]);
                pending.extend(g.ifs);
            }
        }
        ExprKind::BinOp { left, right, .. } => pending.extend([*left, *right]),
        ExprKind::UnaryOp { operand, .. } | ExprKind::Starred(operand) | ExprKind::Attribute { value: operand, .. } => pending.push(*operand),
        ExprKind::Compare { left, ops } => {
            pending.push(*left);
            pending.extend(ops.into_iter().map(|(_, r)| r));
        }
        ExprKind::IfExp { test, body, orelse } => pending.extend([*test, *body, *orelse]),
        ExprKind::Call { func, args, keywords } => {
            pending.push(*func);
            pending.extend(args);
            pending.extend(keywords.into_iter().map(|k| k.value));
        }
        ExprKind::Subscript { value, index } => pending.extend([*value, *index]),
        ExprKind::Slice { lower, upper, step } => pending.extend([lower, upper, step].into_iter().flatten().map(|b| *b)),
        ExprKind::Lambda(def) => {
            if let Ok(def) = std::rc::Rc::try_unwrap(def) {
                stmts.extend(def.body);
            }
        }
        ExprKind::FString(parts) => {
            for part in parts {
                if let FStringPart::Hole { value, .. } = part {
                    pending.push(value);
                }
            }
        }
        _ => {}
    }
}
