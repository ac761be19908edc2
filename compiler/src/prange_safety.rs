//! Proves the iterations of a `prange` loop independent, or says why they are not.
//!
//! [`crate::parallel`] classifies the scalar variables a body assigns (private, reduction or a
//! race). This module does the rest of the work:
//! - **liveness after the loop**: a private variable (assigned in the body, not a reduction) that
//!   is read after the loop would keep whatever value it had before the loop, where Numba's
//!   answer is undefined — a compile error, not a silent wrong answer;
//! - **array accesses**: every write into an array the body does not own (a captured array, a
//!   view of one, or an array written by a compiled function the body calls) is compared with
//!   every other access of that array. Indices are put in affine form `c·i + Σ k·x + k₀` in the
//!   loop variable `i` and loop-invariant variables `x`. Two accesses in the same dimension with
//!   the same nonzero `c` and the same terms touch the same element only in the same iteration
//!   (when their constants are equal) or at a fixed distance (when they differ: a loop-carried
//!   dependence, `a[i + 1] = a[i] + 1.0`); constants that differ in a dimension that does not
//!   move with `i` never meet. A write every iteration makes to the same element while reading
//!   it (`out[0] += v`, directly or inside a called function) loses updates. Those two are
//!   compile errors; a write that cannot be proved disjoint (a scatter through an index array)
//!   is a warning naming the array and the line.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rhumba_grammar::ast::Span;

use crate::check::{CheckError, Unit};
use crate::tir::{BinOp, Expr, ExprKind, FuncIndex, Function, LocalId, Stmt, StmtKind, UnOp, ViewAxis};
use crate::types::Type;

/// The variables live after each parallel loop of a function, keyed by the loop's span.
pub type LiveAfter = HashMap<Span, BTreeSet<LocalId>>;

/// Computes, for every `prange` loop in `body`, which variables may be read after it before
/// being assigned again (a backward liveness analysis over the structured statements).
pub fn live_after_parallel_loops(body: &[Stmt]) -> LiveAfter {
    let mut found = LiveAfter::new();
    let exits = Exits { after_loop: BTreeSet::new(), loop_head: BTreeSet::new() };
    live_block(body, BTreeSet::new(), &exits, &mut found);
    found
}

/// Where `break` and `continue` go: the liveness there.
struct Exits {
    after_loop: BTreeSet<LocalId>,
    loop_head: BTreeSet<LocalId>,
}

fn reads_of(e: &Expr, live: &mut BTreeSet<LocalId>) {
    crate::parallel::collect_expr_reads(e, live);
}

fn live_block(body: &[Stmt], mut live: BTreeSet<LocalId>, exits: &Exits, found: &mut LiveAfter) -> BTreeSet<LocalId> {
    for s in body.iter().rev() {
        live = live_stmt(s, live, exits, found);
    }
    live
}

fn live_stmt(s: &Stmt, mut live: BTreeSet<LocalId>, exits: &Exits, found: &mut LiveAfter) -> BTreeSet<LocalId> {
    match &s.kind {
        StmtKind::Assign { local, value } => {
            live.remove(local);
            reads_of(value, &mut live);
            live
        }
        StmtKind::Return(value) => {
            let mut live = BTreeSet::new();
            reads_of(value, &mut live);
            live
        }
        StmtKind::Break => exits.after_loop.clone(),
        StmtKind::Continue => exits.loop_head.clone(),
        StmtKind::If { cond, then, otherwise } => {
            let mut a = live_block(then, live.clone(), exits, found);
            a.extend(live_block(otherwise, live, exits, found));
            reads_of(cond, &mut a);
            a
        }
        StmtKind::While { cond, body, orelse } => {
            let after_else = live_block(orelse, live.clone(), exits, found);
            let mut head = after_else.clone();
            reads_of(cond, &mut head);
            // Iterate to a fixpoint: the head's liveness feeds the body's `continue` and end.
            loop {
                let inner = Exits { after_loop: live.clone(), loop_head: head.clone() };
                let mut next = live_block(body, head.clone(), &inner, found);
                next.extend(after_else.iter().copied());
                reads_of(cond, &mut next);
                if next == head {
                    break;
                }
                head = next;
            }
            head
        }
        StmtKind::ForRange { var, start, stop, step, body, orelse, parallel } => {
            if *parallel {
                found.insert(s.span, live.clone());
            }
            let after_else = live_block(orelse, live.clone(), exits, found);
            let mut head = after_else.clone();
            loop {
                let inner = Exits { after_loop: live.clone(), loop_head: head.clone() };
                let mut next = live_block(body, head.clone(), &inner, found);
                next.remove(var);
                next.extend(after_else.iter().copied());
                if next == head {
                    break;
                }
                head = next;
            }
            for e in [start, stop, step] {
                reads_of(e, &mut head);
            }
            head
        }
        _ => {
            crate::parallel::collect_reads(std::slice::from_ref(s), &mut live);
            live
        }
    }
}

/// The error for a private variable read after its loop.
pub fn read_after_loop(f: &Function, local: LocalId, span: Span) -> CheckError {
    let name = crate::ssa_names::display_name(&f.locals[local].name);
    CheckError {
        is_type_error: true,
        message: format!(
            "variable `{name}` is assigned in a prange loop and read after it: which iteration's value it would keep is undefined (make it a reduction, such as `{name} |= ...` or `{name} = max({name}, ...)`, or assign it outside the loop)"
        ),
        span,
        secondary: None,
    }
}

// ------------------------------------------------------------------ array accesses

/// One index in affine form: `coeff · i + Σ terms + constant`, where `i` is the prange variable
/// and the terms are loop-invariant variables or inner loop variables whose bounds do not move
/// with `i`; `Unknown` when the index is not of that form.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Index {
    Affine { coeff: i64, terms: BTreeMap<LocalId, i64>, constant: i64 },
    Unknown,
}

impl Index {
    fn constant(k: i64) -> Index {
        Index::Affine { coeff: 0, terms: BTreeMap::new(), constant: k }
    }

    fn add(self, other: Index, sign: i64) -> Index {
        let (Index::Affine { coeff: c1, terms: mut t1, constant: k1 }, Index::Affine { coeff: c2, terms: t2, constant: k2 }) = (self, other) else {
            return Index::Unknown;
        };
        for (l, k) in t2 {
            let Some(scaled) = k.checked_mul(sign) else { return Index::Unknown };
            let entry = t1.entry(l).or_insert(0);
            let Some(sum) = entry.checked_add(scaled) else { return Index::Unknown };
            *entry = sum;
        }
        t1.retain(|_, k| *k != 0);
        match (c2.checked_mul(sign).and_then(|c| c1.checked_add(c)), k2.checked_mul(sign).and_then(|k| k1.checked_add(k))) {
            (Some(coeff), Some(constant)) => Index::Affine { coeff, terms: t1, constant },
            _ => Index::Unknown,
        }
    }

    fn scale(self, by: i64) -> Index {
        let Index::Affine { coeff, terms, constant } = self else { return Index::Unknown };
        let mut scaled = BTreeMap::new();
        for (l, k) in terms {
            let Some(k) = k.checked_mul(by) else { return Index::Unknown };
            if k != 0 {
                scaled.insert(l, k);
            }
        }
        match (coeff.checked_mul(by), constant.checked_mul(by)) {
            (Some(coeff), Some(constant)) => Index::Affine { coeff, terms: scaled, constant },
            _ => Index::Unknown,
        }
    }

    fn as_constant(&self) -> Option<i64> {
        match self {
            Index::Affine { coeff: 0, terms, constant } if terms.is_empty() => Some(*constant),
            _ => None,
        }
    }

    /// Whether the index may take a different value in different iterations.
    fn moves(&self) -> bool {
        !matches!(self, Index::Affine { coeff: 0, .. })
    }
}

/// What the analysis knows about the body's variables.
struct Facts<'a> {
    f: &'a Function,
    var: LocalId,
    /// Variables assigned exactly once in the body, with their value.
    single: HashMap<LocalId, &'a Expr>,
    /// Every variable the body assigns (including loop variables).
    assigned: BTreeSet<LocalId>,
    /// Inner loop variables whose bounds do not move with `var`: the same values in every
    /// iteration, so they are terms like loop-invariant variables.
    inner: BTreeSet<LocalId>,
    /// Inner loop variables, all of them (terms made of them are not injective in `var`).
    all_inner: BTreeSet<LocalId>,
}

fn gather_assignments<'a>(body: &'a [Stmt], counts: &mut HashMap<LocalId, (usize, Option<&'a Expr>)>, loops: &mut Vec<(LocalId, [&'a Expr; 3])>) {
    for s in body {
        match &s.kind {
            StmtKind::Assign { local, value } => {
                let entry = counts.entry(*local).or_insert((0, None));
                entry.0 += 1;
                entry.1 = Some(value);
            }
            StmtKind::If { then, otherwise, .. } => {
                gather_assignments(then, counts, loops);
                gather_assignments(otherwise, counts, loops);
            }
            StmtKind::While { body, orelse, .. } => {
                gather_assignments(body, counts, loops);
                gather_assignments(orelse, counts, loops);
            }
            StmtKind::ForRange { var, start, stop, step, body, orelse, .. } => {
                counts.entry(*var).or_insert((0, None)).0 += 2;
                loops.push((*var, [start, stop, step]));
                gather_assignments(body, counts, loops);
                gather_assignments(orelse, counts, loops);
            }
            _ => {}
        }
    }
}

impl<'a> Facts<'a> {
    fn new(f: &'a Function, var: LocalId, body: &'a [Stmt]) -> Facts<'a> {
        let mut counts = HashMap::new();
        let mut loops = Vec::new();
        gather_assignments(body, &mut counts, &mut loops);
        let single = counts.iter().filter(|(_, (n, _))| *n == 1).filter_map(|(l, (_, v))| v.map(|v| (*l, v))).collect();
        let assigned = counts.keys().copied().collect();
        let mut facts = Facts { f, var, single, assigned, inner: BTreeSet::new(), all_inner: loops.iter().map(|(v, _)| *v).collect() };
        for (inner_var, bounds) in &loops {
            if bounds.iter().all(|b| !facts.index(b).moves() || facts.invariant(b)) {
                facts.inner.insert(*inner_var);
            }
        }
        facts
    }

    /// Whether `e` reads only variables the body does not assign (and no array element).
    fn invariant(&self, e: &Expr) -> bool {
        let mut ok = true;
        crate::tir::walk_expr(e, &mut |x| match &x.kind {
            ExprKind::Local(l) if self.assigned.contains(l) || *l == self.var => ok = false,
            ExprKind::Load { .. } | ExprKind::Call { .. } => ok = false,
            _ => {}
        });
        ok
    }

    fn index(&self, e: &Expr) -> Index {
        self.index_at(e, 0)
    }

    fn index_at(&self, e: &Expr, depth: usize) -> Index {
        if depth > 16 {
            return Index::Unknown;
        }
        let integer = matches!(e.ty, Type::Scalar(d) if d.is_int());
        match &e.kind {
            ExprKind::Int(k) => Index::constant(*k),
            ExprKind::Local(l) if *l == self.var => Index::Affine { coeff: 1, terms: BTreeMap::new(), constant: 0 },
            ExprKind::Local(l) if self.all_inner.contains(l) => {
                if self.inner.contains(l) {
                    Index::Affine { coeff: 0, terms: BTreeMap::from([(*l, 1)]), constant: 0 }
                } else {
                    Index::Unknown
                }
            }
            ExprKind::Local(l) => match self.single.get(l) {
                Some(value) => self.index_at(value, depth + 1),
                None if self.assigned.contains(l) => Index::Unknown,
                None if integer => Index::Affine { coeff: 0, terms: BTreeMap::from([(*l, 1)]), constant: 0 },
                None => Index::Unknown,
            },
            ExprKind::Cast(inner) if integer && matches!(inner.ty, Type::Scalar(d) if d.is_int()) => self.index_at(inner, depth + 1),
            ExprKind::Binary { op: BinOp::Add, lhs, rhs } if integer => self.index_at(lhs, depth + 1).add(self.index_at(rhs, depth + 1), 1),
            ExprKind::Binary { op: BinOp::Sub, lhs, rhs } if integer => self.index_at(lhs, depth + 1).add(self.index_at(rhs, depth + 1), -1),
            ExprKind::Binary { op: BinOp::Mul, lhs, rhs } if integer => {
                let (a, b) = (self.index_at(lhs, depth + 1), self.index_at(rhs, depth + 1));
                match (a.as_constant(), b.as_constant()) {
                    (Some(k), _) => b.scale(k),
                    (_, Some(k)) => a.scale(k),
                    _ => Index::Unknown,
                }
            }
            ExprKind::Unary { op: UnOp::Neg, operand } if integer => self.index_at(operand, depth + 1).scale(-1),
            _ => Index::Unknown,
        }
    }

    /// The array an expression names, as the captured array it is (a view of) and how each of
    /// that array's dimensions is reached; `None` for arrays the body owns or cannot trace.
    fn resolve(&self, e: &Expr, depth: usize) -> Option<Resolved> {
        if depth > 16 {
            return None;
        }
        match &e.kind {
            ExprKind::Local(l) if !self.assigned.contains(l) => {
                let Type::Array { ndim, .. } = self.f.locals[*l].ty else { return None };
                Some(Resolved { base: *l, dims: vec![DimMap::Sliced { offset: Index::constant(0), unit: true }; ndim] })
            }
            ExprKind::Local(l) => self.single.get(l).and_then(|value| self.resolve(value, depth + 1)),
            ExprKind::Cast(inner) => self.resolve(inner, depth + 1),
            ExprKind::View { array, axes } => {
                let mut r = self.resolve(array, depth + 1)?;
                let mut open = r.dims.iter().enumerate().filter(|(_, d)| matches!(d, DimMap::Sliced { .. })).map(|(k, _)| k).collect::<Vec<_>>().into_iter();
                for axis in axes {
                    let Some(k) = open.next() else { break };
                    let DimMap::Sliced { offset, unit } = r.dims[k].clone() else { continue };
                    r.dims[k] = match axis {
                        ViewAxis::At(i) => DimMap::Fixed(if unit { offset.add(self.index(i), 1) } else { Index::Unknown }),
                        ViewAxis::Slice { start, step, .. } => {
                            let start = start.as_ref().map_or(Index::constant(0), |s| self.index(s));
                            let step_one = step.as_ref().is_none_or(|s| self.index(s).as_constant() == Some(1));
                            DimMap::Sliced { offset: if unit { offset.add(start, 1) } else { Index::Unknown }, unit: unit && step_one }
                        }
                    };
                }
                Some(r)
            }
            ExprKind::Transpose(array) => {
                let mut r = self.resolve(array, depth + 1)?;
                for d in &mut r.dims {
                    if let DimMap::Sliced { offset, unit } = d {
                        *offset = Index::Unknown;
                        *unit = false;
                    }
                }
                Some(r)
            }
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
enum DimMap {
    /// A dimension the view fixed at one index.
    Fixed(Index),
    /// A dimension the view keeps, starting at `offset` of the base; `unit` when its step is 1.
    Sliced { offset: Index, unit: bool },
}

/// An array traced to the captured array it views.
#[derive(Clone, Debug)]
struct Resolved {
    base: LocalId,
    dims: Vec<DimMap>,
}

impl Resolved {
    /// The base indices of an access with `indices` into the view (missing ones: every element).
    fn at(&self, indices: &[Index]) -> Vec<Index> {
        let mut given = indices.iter();
        self.dims
            .iter()
            .map(|d| match d {
                DimMap::Fixed(i) => i.clone(),
                DimMap::Sliced { offset, unit } => match given.next() {
                    Some(i) if *unit => offset.clone().add(i.clone(), 1),
                    _ => Index::Unknown,
                },
            })
            .collect()
    }
}

#[derive(Clone, Debug)]
struct Access {
    base: LocalId,
    indices: Vec<Index>,
    write: bool,
    /// A write whose value reads the same element (`a[k] += v`), or a called function's update
    /// of a fixed element of its argument.
    update: bool,
    span: Span,
    /// The called function making this access, for the message.
    via: Option<String>,
}

/// Collects the body's accesses of captured arrays.
fn accesses(unit: &Unit, facts: &Facts, body: &[Stmt], out: &mut Vec<Access>) {
    for s in body {
        match &s.kind {
            StmtKind::Store { array, indices, value } => {
                if let Some(r) = facts.resolve(array, 0) {
                    let idx: Vec<Index> = indices.iter().map(|i| facts.index(i)).collect();
                    let at = r.at(&idx);
                    let mut update = false;
                    crate::tir::walk_expr(value, &mut |x| {
                        if let ExprKind::Load { array: a, indices: i } = &x.kind {
                            if let Some(ra) = facts.resolve(a, 0) {
                                update |= ra.base == r.base && ra.at(&i.iter().map(|i| facts.index(i)).collect::<Vec<_>>()) == at;
                            }
                        }
                    });
                    out.push(Access { base: r.base, indices: at, write: true, update, span: s.span, via: None });
                }
                for i in indices {
                    expr_accesses(unit, facts, i, s.span, out);
                }
                expr_accesses(unit, facts, value, s.span, out);
            }
            StmtKind::AssignArray { target, value } => {
                if let Some(r) = facts.resolve(target, 0) {
                    out.push(Access { base: r.base, indices: r.at(&[]), write: true, update: false, span: s.span, via: None });
                }
                expr_accesses(unit, facts, value, s.span, out);
            }
            StmtKind::If { cond, then, otherwise } => {
                expr_accesses(unit, facts, cond, s.span, out);
                accesses(unit, facts, then, out);
                accesses(unit, facts, otherwise, out);
            }
            StmtKind::While { cond, body, orelse } => {
                expr_accesses(unit, facts, cond, s.span, out);
                accesses(unit, facts, body, out);
                accesses(unit, facts, orelse, out);
            }
            StmtKind::ForRange { start, stop, step, body, orelse, .. } => {
                for e in [start, stop, step] {
                    expr_accesses(unit, facts, e, s.span, out);
                }
                accesses(unit, facts, body, out);
                accesses(unit, facts, orelse, out);
            }
            StmtKind::Assign { value: e, .. } | StmtKind::Return(e) | StmtKind::Expr(e) => expr_accesses(unit, facts, e, s.span, out),
            StmtKind::Assert { cond, details, .. } => std::iter::once(cond).chain(details).for_each(|e| expr_accesses(unit, facts, e, s.span, out)),
            StmtKind::ParallelFor { .. } | StmtKind::Break | StmtKind::Continue => {}
        }
    }
}

/// The accesses an expression makes: element loads, whole-array uses (every element read), and
/// the writes of the compiled functions it calls.
fn expr_accesses(unit: &Unit, facts: &Facts, e: &Expr, span: Span, out: &mut Vec<Access>) {
    match &e.kind {
        ExprKind::Load { array, indices } => {
            if let Some(r) = facts.resolve(array, 0) {
                let idx: Vec<Index> = indices.iter().map(|i| facts.index(i)).collect();
                out.push(Access { base: r.base, indices: r.at(&idx), write: false, update: false, span, via: None });
            } else {
                expr_accesses(unit, facts, array, span, out);
            }
            indices.iter().for_each(|i| expr_accesses(unit, facts, i, span, out));
        }
        // Shapes and views read no element; a view's elements are read where it is used.
        ExprKind::Dim { .. } => {}
        ExprKind::View { array, axes } => {
            if facts.resolve(array, 0).is_none() {
                expr_accesses(unit, facts, array, span, out);
            }
            for axis in axes {
                match axis {
                    ViewAxis::At(i) => expr_accesses(unit, facts, i, span, out),
                    ViewAxis::Slice { start, stop, step } => [start, stop, step].into_iter().flatten().for_each(|b| expr_accesses(unit, facts, b, span, out)),
                }
            }
        }
        ExprKind::Call { func, args } => {
            let effects = call_effects(unit, *func);
            let callee = unit.functions.get(*func).and_then(|f| f.as_ref()).map(|g| g.name.split('(').next().unwrap_or("").to_string());
            for (k, a) in args.iter().enumerate() {
                if let Some(r) = facts.resolve(a, 0) {
                    let effect = effects.get(k).copied().unwrap_or(Effect { written: true, updates_fixed: false });
                    out.push(Access { base: r.base, indices: r.at(&[]), write: false, update: false, span, via: None });
                    if effect.written {
                        let indices = r.at(&[]).into_iter().zip(&r.dims).map(|(i, d)| if effect.updates_fixed && matches!(d, DimMap::Sliced { .. }) { Index::constant(0) } else { i }).collect();
                        out.push(Access { base: r.base, indices, write: true, update: effect.updates_fixed, span, via: callee.clone() });
                    }
                } else {
                    expr_accesses(unit, facts, a, span, out);
                }
            }
        }
        ExprKind::Local(_) => {
            if let Some(r) = facts.resolve(e, 0) {
                out.push(Access { base: r.base, indices: r.at(&[]), write: false, update: false, span, via: None });
            }
        }
        _ => {
            for child in crate::tir::children(e) {
                expr_accesses(unit, facts, child, span, out);
            }
        }
    }
}

/// What a called function does to one array argument.
#[derive(Clone, Copy, Debug)]
struct Effect {
    written: bool,
    /// It updates (reads, then writes) elements at constant indices: the same elements in every
    /// call, so calls from different iterations lose each other's updates.
    updates_fixed: bool,
}

fn call_effects(unit: &Unit, func: FuncIndex) -> Vec<Effect> {
    let Some(Some(g)) = unit.functions.get(func) else { return Vec::new() };
    let written = crate::tir::written_parameters(g, &unit.functions);
    let mut fixed = vec![false; g.params.len()];
    // The parameters, and the locals the checker copies them into (`%out = %out.arg`) when that
    // is their only assignment.
    let mut params: HashMap<LocalId, usize> = g.params.iter().enumerate().map(|(k, p)| (*p, k)).collect();
    let mut assignments: HashMap<LocalId, (usize, Option<LocalId>)> = HashMap::new();
    crate::tir::for_each_stmt(&g.body, &mut |s| {
        if let StmtKind::Assign { local, value } = &s.kind {
            let entry = assignments.entry(*local).or_insert((0, None));
            entry.0 += 1;
            entry.1 = match value.kind {
                ExprKind::Local(from) => Some(from),
                _ => None,
            };
        }
    });
    let mut reassigned = BTreeSet::new();
    for (local, (count, from)) in &assignments {
        match (count, from.and_then(|f| params.get(&f).copied())) {
            (1, Some(k)) if !params.contains_key(local) => {
                params.insert(*local, k);
            }
            _ => {
                reassigned.insert(*local);
            }
        }
    }
    let constant = |e: &Expr| -> Option<i64> {
        match &e.kind {
            ExprKind::Int(k) => Some(*k),
            ExprKind::Cast(inner) => match inner.kind {
                ExprKind::Int(k) => Some(k),
                _ => None,
            },
            _ => None,
        }
    };
    crate::tir::for_each_stmt(&g.body, &mut |s| {
        let StmtKind::Store { array, indices, value } = &s.kind else { return };
        let ExprKind::Local(p) = array.kind else { return };
        let Some(&k) = params.get(&p) else { return };
        let Some(at) = indices.iter().map(constant).collect::<Option<Vec<i64>>>() else { return };
        if reassigned.contains(&p) {
            return;
        }
        crate::tir::walk_expr(value, &mut |x| {
            if let ExprKind::Load { array: a, indices: i } = &x.kind {
                if matches!(a.kind, ExprKind::Local(q) if q == p) && i.iter().map(constant).collect::<Option<Vec<i64>>>().as_ref() == Some(&at) {
                    fixed[k] = true;
                }
            }
        });
    });
    written.into_iter().zip(fixed).map(|(written, updates_fixed)| Effect { written, updates_fixed: written && updates_fixed }).collect()
}

/// How two accesses from different iterations relate in one dimension.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Meet {
    /// Only the same iteration reaches the same element.
    SameIteration,
    /// Never the same element.
    Never,
    /// The same elements in every iteration (indices that do not move with the loop).
    Always,
    /// Iterations `d` apart reach the same element.
    Distance(i64),
    Maybe,
}

fn meet(a: &Index, b: &Index, facts: &Facts) -> Meet {
    let (Index::Affine { coeff: c1, terms: t1, constant: k1 }, Index::Affine { coeff: c2, terms: t2, constant: k2 }) = (a, b) else {
        return Meet::Maybe;
    };
    if t1 != t2 || c1 != c2 {
        return Meet::Maybe;
    }
    let inner_terms = t1.keys().any(|l| facts.all_inner.contains(l));
    if *c1 == 0 {
        return if k1 == k2 {
            Meet::Always
        } else if inner_terms {
            Meet::Maybe
        } else {
            Meet::Never
        };
    }
    if inner_terms {
        return Meet::Maybe;
    }
    // c·i₁ + k₁ = c·i₂ + k₂ exactly when i₂ - i₁ = (k₁ - k₂) / c.
    let delta = k1 - k2;
    if delta == 0 {
        Meet::SameIteration
    } else if delta % c1 != 0 {
        Meet::Never
    } else {
        Meet::Distance(delta / c1)
    }
}

/// Checks the array accesses of one prange body: an error for a certain race, a warning (pushed
/// on `unit`) for a write that cannot be proved disjoint.
/// The first whole-array update (`acc += x`, reading the array it writes) of an array that is
/// not a recognised array reduction, anywhere in `body`.
fn whole_array_update(body: &[Stmt], reductions: &[LocalId]) -> Option<(LocalId, Span)> {
    body.iter().find_map(|s| match &s.kind {
        StmtKind::AssignArray { target: Expr { kind: ExprKind::Local(l), .. }, value } if !reductions.contains(l) => {
            let mut reads = std::collections::BTreeSet::new();
            crate::parallel::collect_expr_reads(value, &mut reads);
            reads.contains(l).then_some((*l, s.span))
        }
        StmtKind::If { then, otherwise, .. } => whole_array_update(then, reductions).or_else(|| whole_array_update(otherwise, reductions)),
        StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => whole_array_update(body, reductions).or_else(|| whole_array_update(orelse, reductions)),
        _ => None,
    })
}

pub fn check_arrays(unit: &mut Unit, f: &Function, body: &[Stmt], var: LocalId, reductions: &[LocalId]) -> Result<(), CheckError> {
    let facts = Facts::new(f, var, body);
    let mut all = Vec::new();
    accesses(unit, &facts, body, &mut all);
    // Array reductions are private to each chunk (combined afterwards): they cannot race.
    all.retain(|a| !reductions.contains(&a.base));
    if let Some((local, span)) = whole_array_update(body, reductions) {
        let name = crate::ssa_names::display_name(&f.locals[local].name);
        let loop_var = crate::ssa_names::display_name(&f.locals[var].name);
        return Err(race_error(
            span,
            format!("`{name}` is updated as a whole (`{name} += ...`) in every iteration of the prange loop over `{loop_var}` and also read there: the iterations race (an array reduction may only update it)"),
        ));
    }
    let loop_var = crate::ssa_names::display_name(&f.locals[var].name);
    let mut warned: std::collections::HashSet<Span> = std::collections::HashSet::new();
    let mut warnings = Vec::new();
    for (n, w) in all.iter().enumerate().filter(|(_, a)| a.write) {
        let name = crate::ssa_names::display_name(&f.locals[w.base].name);
        let how = match &w.via {
            Some(callee) => format!("`{name}` is written by `{callee}`"),
            None => format!("`{name}` is written"),
        };
        // The write against itself in another iteration.
        let dims: Vec<Meet> = w.indices.iter().map(|i| meet(i, i, &facts)).collect();
        if !dims.iter().any(|m| matches!(m, Meet::SameIteration | Meet::Never)) {
            if dims.iter().all(|m| *m == Meet::Always) && w.update {
                return Err(race_error(
                    w.span,
                    format!("{how} at the same element in every iteration of the prange loop over `{loop_var}`, and read there: the iterations race and updates are lost (accumulate into a scalar reduction, or index by `{loop_var}`)"),
                ));
            }
            if warned.insert(w.span) {
                warnings.push((w.span, format!("{how} at an index not computed from the prange variable `{loop_var}` by sums and products: iterations may race on the same element")));
            }
            continue;
        }
        // The write against every other access of the same array.
        for (m, other) in all.iter().enumerate() {
            if m == n || other.base != w.base || other.indices.len() != w.indices.len() {
                continue;
            }
            let dims: Vec<Meet> = w.indices.iter().zip(&other.indices).map(|(a, b)| meet(a, b, &facts)).collect();
            if dims.iter().any(|m| matches!(m, Meet::SameIteration | Meet::Never)) {
                continue;
            }
            let distance = dims.iter().find_map(|m| if let Meet::Distance(d) = m { Some(*d) } else { None });
            if let Some(d) = distance.filter(|_| dims.iter().all(|m| matches!(m, Meet::Always | Meet::Distance(_)))) {
                let mut e = race_error(
                    w.span,
                    format!(
                        "{how} by iteration `{loop_var}` of the prange loop and {} by iteration `{loop_var} {} {}`: a loop-carried dependence, so the result would depend on the order the iterations run in",
                        if other.write { "written" } else { "read" },
                        if d > 0 { '+' } else { '-' },
                        d.abs(),
                    ),
                );
                e.secondary = Some((other.span, format!("`{name}` {} here", if other.write { "written" } else { "read" })));
                return Err(e);
            }
            if warned.insert(w.span) {
                warnings.push((w.span, format!("{how} at an index not computed from the prange variable `{loop_var}` by sums and products: iterations may race on the same element")));
            }
        }
    }
    unit.warnings.extend(warnings);
    Ok(())
}

fn race_error(span: Span, message: String) -> CheckError {
    CheckError { is_type_error: true, message, span, secondary: None }
}
