//! A compact, indented text form of the AST with spans, for `rhumba inspect --emit ast` and golden tests.

use std::fmt::Write;

use crate::ast::*;

/// Renders a module one node per line, children indented, each node followed by its byte span.
pub fn dump_module(module: &Module) -> String {
    let mut d = Dumper { out: String::new(), depth: 0 };
    for stmt in &module.body {
        d.stmt(stmt);
    }
    d.out
}

struct Dumper {
    out: String,
    depth: usize,
}

impl Dumper {
    fn line(&mut self, text: &str, span: Span) {
        self.indent();
        let _ = writeln!(self.out, "{text} @{span:?}");
    }

    /// Two spaces per level, written out (a format width is limited to 65,535).
    fn indent(&mut self) {
        self.out.extend(std::iter::repeat_n(' ', self.depth * 2));
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }

    fn block(&mut self, label: &str, body: &[Stmt]) {
        self.indent();
        let _ = writeln!(self.out, "{label}:");
        self.nested(|d| body.iter().for_each(|s| d.stmt(s)));
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.line("Expr", s.span);
                self.nested(|d| d.expr(e));
            }
            StmtKind::Assign { targets, value } => {
                self.line("Assign", s.span);
                self.nested(|d| {
                    targets.iter().for_each(|t| d.expr(t));
                    d.expr(value);
                });
            }
            StmtKind::AugAssign { target, op, value } => {
                self.line(&format!("AugAssign {}=", op.symbol()), s.span);
                self.nested(|d| {
                    d.expr(target);
                    d.expr(value);
                });
            }
            StmtKind::AnnAssign { target, annotation, value } => {
                self.line("AnnAssign", s.span);
                self.nested(|d| {
                    d.expr(target);
                    d.expr(annotation);
                    if let Some(v) = value {
                        d.expr(v);
                    }
                });
            }
            StmtKind::If { test, body, orelse } => {
                self.line("If", s.span);
                self.nested(|d| {
                    d.expr(test);
                    d.block("then", body);
                    if !orelse.is_empty() {
                        d.block("else", orelse);
                    }
                });
            }
            StmtKind::While { test, body, orelse } => {
                self.line("While", s.span);
                self.nested(|d| {
                    d.expr(test);
                    d.block("body", body);
                    if !orelse.is_empty() {
                        d.block("else", orelse);
                    }
                });
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.line("For", s.span);
                self.nested(|d| {
                    d.expr(target);
                    d.expr(iter);
                    d.block("body", body);
                    if !orelse.is_empty() {
                        d.block("else", orelse);
                    }
                });
            }
            StmtKind::Break => self.line("Break", s.span),
            StmtKind::Continue => self.line("Continue", s.span),
            StmtKind::Pass => self.line("Pass", s.span),
            StmtKind::Return(v) => {
                self.line("Return", s.span);
                if let Some(v) = v {
                    self.nested(|d| d.expr(v));
                }
            }
            StmtKind::Assert { test, msg } => {
                self.line("Assert", s.span);
                self.nested(|d| {
                    d.expr(test);
                    if let Some(m) = msg {
                        d.expr(m);
                    }
                });
            }
            StmtKind::Raise(v) => {
                self.line("Raise", s.span);
                if let Some(v) = v {
                    self.nested(|d| d.expr(v));
                }
            }
            StmtKind::FunctionDef(f) => self.function("FunctionDef", f),
            StmtKind::ClassDef(c) => {
                self.line(&format!("ClassDef {:?}", c.name.name.as_str()), s.span);
                self.nested(|d| {
                    for e in c.decorators.iter().chain(&c.bases) {
                        d.expr(e);
                    }
                    d.block("body", &c.body);
                });
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.line("Try", s.span);
                self.nested(|d| {
                    d.block("body", body);
                    for h in handlers {
                        let name = h.name.as_ref().map(|n| format!(" as {}", n.name)).unwrap_or_default();
                        d.line(&format!("Except{name}"), h.span);
                        d.nested(|d| {
                            if let Some(k) = &h.kind {
                                d.expr(k);
                            }
                            d.block("body", &h.body);
                        });
                    }
                    if !orelse.is_empty() {
                        d.block("else", orelse);
                    }
                    if !finalbody.is_empty() {
                        d.block("finally", finalbody);
                    }
                });
            }
            StmtKind::Import(names) => {
                let list: Vec<String> = names.iter().map(alias).collect();
                self.line(&format!("Import {}", list.join(", ")), s.span);
            }
            StmtKind::ImportFrom { module, names, star } => {
                let list: Vec<String> = if *star { vec!["*".into()] } else { names.iter().map(alias).collect() };
                self.line(&format!("ImportFrom {} import {}", module.dotted(), list.join(", ")), s.span);
            }
            StmtKind::Delete(targets) => {
                self.line("Delete", s.span);
                self.nested(|d| targets.iter().for_each(|t| d.expr(t)));
            }
            StmtKind::Global(names) => {
                let list: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
                self.line(&format!("Global {}", list.join(", ")), s.span);
            }
        }
    }

    fn function(&mut self, label: &str, f: &FunctionDef) {
        self.line(&format!("{label} {}", f.name.name), f.span);
        self.nested(|d| {
            if !f.decorators.is_empty() {
                d.indent();
                let _ = writeln!(d.out, "decorators:");
                d.nested(|d| f.decorators.iter().for_each(|e| d.expr(e)));
            }
            for p in &f.params {
                d.line(&format!("Param {}", p.name.name), p.name.span);
                d.nested(|d| {
                    if let Some(a) = &p.annotation {
                        d.expr(a);
                    }
                    if let Some(v) = &p.default {
                        d.expr(v);
                    }
                });
            }
            if let Some(v) = &f.vararg {
                d.line(&format!("VarArgs {}", v.name), v.span);
            }
            if let Some(r) = &f.returns {
                d.indent();
                let _ = writeln!(d.out, "returns:");
                d.nested(|d| d.expr(r));
            }
            d.block("body", &f.body);
        });
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.line(&format!("Name {n}"), e.span),
            ExprKind::Int(v) => self.line(&format!("Int {v}"), e.span),
            ExprKind::Float(v) => self.line(&format!("Float {v:?}"), e.span),
            ExprKind::Imaginary(v) => self.line(&format!("Imaginary {v:?}"), e.span),
            ExprKind::Str(s) => self.line(&format!("Str {s:?}"), e.span),
            ExprKind::FString(parts) => {
                self.line("FString", e.span);
                self.nested(|d| {
                    for p in parts {
                        match p {
                            FStringPart::Literal(s) => {
                                d.indent();
                let _ = writeln!(d.out, "Literal {s:?}");
                            }
                            FStringPart::Hole { value, spec } => {
                                d.indent();
                let _ = writeln!(d.out, "Hole spec={spec:?}");
                                d.nested(|d| d.expr(value));
                            }
                        }
                    }
                });
            }
            ExprKind::Bool(b) => self.line(&format!("Bool {}", if *b { "True" } else { "False" }), e.span),
            ExprKind::None => self.line("None", e.span),
            ExprKind::Tuple(items) => self.list("Tuple", items, e.span),
            ExprKind::List(items) => self.list("List", items, e.span),
            ExprKind::Set(items) => self.list("Set", items, e.span),
            ExprKind::Dict { keys, values } => {
                let pairs: Vec<Expr> = keys.iter().zip(values).map(|(k, v)| Expr::new(ExprKind::Tuple(vec![k.clone(), v.clone()]), k.span)).collect();
                self.list("Dict", &pairs, e.span)
            }
            ExprKind::ListComp { elt, generators } => {
                self.line("ListComp", e.span);
                self.nested(|d| {
                    d.expr(elt);
                    for g in generators {
                        d.indent();
                let _ = writeln!(d.out, "for:");
                        d.nested(|d| {
                            d.expr(&g.target);
                            d.expr(&g.iter);
                            g.ifs.iter().for_each(|c| d.expr(c));
                        });
                    }
                });
            }
            ExprKind::BinOp { op, left, right } => {
                self.line(&format!("BinOp {}", op.symbol()), e.span);
                self.nested(|d| {
                    d.expr(left);
                    d.expr(right);
                });
            }
            ExprKind::UnaryOp { op, operand } => {
                self.line(&format!("UnaryOp {op:?}"), e.span);
                self.nested(|d| d.expr(operand));
            }
            ExprKind::BoolOp { op, values } => self.list(&format!("BoolOp {op:?}"), values, e.span),
            ExprKind::Compare { left, ops } => {
                let names: Vec<&str> = ops.iter().map(|(op, _)| op.symbol()).collect();
                self.line(&format!("Compare {}", names.join(" ")), e.span);
                self.nested(|d| {
                    d.expr(left);
                    ops.iter().for_each(|(_, r)| d.expr(r));
                });
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.line("IfExp", e.span);
                self.nested(|d| {
                    d.expr(test);
                    d.expr(body);
                    d.expr(orelse);
                });
            }
            ExprKind::Call { func, args, keywords } => {
                self.line("Call", e.span);
                self.nested(|d| {
                    d.expr(func);
                    args.iter().for_each(|a| d.expr(a));
                    for k in keywords {
                        d.line(&format!("Keyword {}", k.name.name), k.name.span);
                        d.nested(|d| d.expr(&k.value));
                    }
                });
            }
            ExprKind::Attribute { value, attr } => {
                self.line(&format!("Attribute .{}", attr.name), e.span);
                self.nested(|d| d.expr(value));
            }
            ExprKind::Subscript { value, index } => {
                self.line("Subscript", e.span);
                self.nested(|d| {
                    d.expr(value);
                    d.expr(index);
                });
            }
            ExprKind::Slice { lower, upper, step } => {
                self.line("Slice", e.span);
                self.nested(|d| {
                    for (name, part) in [("lower", lower), ("upper", upper), ("step", step)] {
                        if let Some(p) = part {
                            d.indent();
                let _ = writeln!(d.out, "{name}:");
                            d.nested(|d| d.expr(p));
                        }
                    }
                });
            }
            ExprKind::Lambda(f) => self.function("Lambda", f),
            ExprKind::Starred(v) => {
                self.line("Starred", e.span);
                self.nested(|d| d.expr(v));
            }
        }
    }

    fn list(&mut self, label: &str, items: &[Expr], span: Span) {
        self.line(label, span);
        self.nested(|d| items.iter().for_each(|i| d.expr(i)));
    }
}

fn alias(a: &ImportAlias) -> String {
    match &a.asname {
        Some(n) => format!("{} as {}", a.name.dotted(), n.name),
        None => a.name.dotted(),
    }
}
