//! Gives each assignment of a variable its own name when its values never meet, so that type
//! inference types them separately, as Numba's SSA form does.
//!
//! Numba types every assignment (SSA version) on its own and unifies versions only where they
//! meet: at a join after a branch, at a loop head, or at a read that more than one of them may
//! reach. rhumba's checker gives a variable one type. This pass bridges the two before
//! checking: a forward reaching-definitions analysis over the structured body finds, for each
//! read, which assignments may reach it; assignments reaching a common read are merged (union-
//! find), and every class beyond the first gets a fresh name (`acc.1`, which no Python name
//! can clash with). A dead `acc = 0.5` before `acc = n + 1` is then typed float64 on its own,
//! and `acc` stays int64, as in Numba.
//!
//! Variables that a nested scope (lambda, comprehension, inner function) mentions, or that are
//! declared `global` or imported, keep one name: their reads cannot be placed.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use rhumba_grammar::ast::{Expr, ExprKind as E, FStringPart, FunctionDef, Span, Stmt, StmtKind as S};
use rhumba_grammar::symbol::Symbol;

/// An assignment site: the span of the name it assigns (parameters: their span too).
type Def = usize;

/// Where a name occurs: its span's start and end.
type Site = (u32, u32);

fn site(span: Span) -> Site {
    (span.start, span.end)
}

/// The function with its independent assignments renamed, or the same function when nothing
/// splits (the common case).
pub fn split(def: &Rc<FunctionDef>) -> Rc<FunctionDef> {
    fn has_try(s: &Stmt) -> bool {
        matches!(s.kind, S::Try { .. }) || nested_stmts(s).into_iter().any(has_try)
    }
    if def.body.iter().any(has_try) {
        return def.clone();
    }
    let mut excluded = HashSet::new();
    for s in &def.body {
        nested_names(s, &mut excluded);
    }
    let mut a = Analysis { excluded, defs: Vec::new(), def_at: HashMap::new(), uses: HashMap::new(), merges: Vec::new(), loops: Vec::new() };
    let mut entry = State::new();
    for p in def.params.iter().map(|p| &p.name).chain(def.vararg.as_ref()) {
        let d = a.new_def(p.name, p.span);
        entry.insert(p.name, BTreeSet::from([d]));
    }
    a.block(&def.body, Some(entry));
    let renames = a.renames();
    if renames.is_empty() {
        return def.clone();
    }
    let mut copy = (**def).clone();
    for s in &mut copy.body {
        rename_stmt(s, &renames);
    }
    Rc::new(copy)
}

/// The display name of a variable a split made (`acc.1` is shown as `acc`).
pub fn display_name(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// Reaching definitions per variable; `None` where control cannot reach.
type State = HashMap<Symbol, BTreeSet<Def>>;

fn join(a: Option<State>, b: Option<State>) -> Option<State> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(mut a), Some(b)) => {
            for (k, v) in b {
                a.entry(k).or_default().extend(v);
            }
            Some(a)
        }
    }
}

struct Loop {
    breaks: Option<State>,
    continues: Option<State>,
}

struct Analysis {
    excluded: HashSet<Symbol>,
    /// Each definition's variable and site.
    defs: Vec<(Symbol, Site)>,
    def_at: HashMap<Site, Def>,
    /// The definitions that may reach each read.
    uses: HashMap<Site, (Symbol, BTreeSet<Def>)>,
    /// Definitions that must share a name (`x += 1` reads and writes one occurrence).
    merges: Vec<(Site, Def)>,
    loops: Vec<Loop>,
}

impl Analysis {
    fn new_def(&mut self, var: Symbol, span: Span) -> Def {
        if let Some(&d) = self.def_at.get(&site(span)) {
            return d;
        }
        let d = self.defs.len();
        self.defs.push((var, site(span)));
        self.def_at.insert(site(span), d);
        d
    }

    fn read(&mut self, var: Symbol, span: Span, state: &State) {
        let reaching = state.get(&var).cloned().unwrap_or_default();
        self.uses.entry(site(span)).or_insert_with(|| (var, BTreeSet::new())).1.extend(reaching);
    }

    fn expr(&mut self, e: &Expr, state: &State) {
        match &e.kind {
            E::Name(sym) => self.read(*sym, e.span, state),
            // Nested scopes: their names were excluded from splitting.
            E::Lambda(_) | E::ListComp { .. } => {}
            _ => children(e).into_iter().for_each(|c| self.expr(c, state)),
        }
    }

    /// An assignment target: names get a new definition, anything else is read.
    fn target(&mut self, t: &Expr, state: &mut State) {
        match &t.kind {
            E::Name(sym) => {
                let d = self.new_def(*sym, t.span);
                state.insert(*sym, BTreeSet::from([d]));
            }
            E::Tuple(items) | E::List(items) => items.iter().for_each(|i| self.target(i, state)),
            E::Starred(inner) => self.target(inner, state),
            _ => self.expr(t, state),
        }
    }

    fn block(&mut self, body: &[Stmt], mut state: Option<State>) -> Option<State> {
        for s in body {
            state = self.stmt(s, state?);
        }
        state
    }

    fn stmt(&mut self, s: &Stmt, mut state: State) -> Option<State> {
        match &s.kind {
            S::Expr(e) => self.expr(e, &state),
            S::Assign { targets, value } => {
                self.expr(value, &state);
                for t in targets {
                    self.target(t, &mut state);
                }
            }
            S::AugAssign { target, value, .. } => {
                self.expr(value, &state);
                self.expr(target, &state);
                if let E::Name(sym) = target.kind {
                    let d = self.new_def(sym, target.span);
                    self.merges.push((site(target.span), d));
                    state.insert(sym, BTreeSet::from([d]));
                }
            }
            S::AnnAssign { target, annotation, value } => {
                self.expr(annotation, &state);
                if let Some(v) = value {
                    self.expr(v, &state);
                    self.target(target, &mut state);
                }
            }
            S::If { test, body, orelse } => {
                self.expr(test, &state);
                let then = self.block(body, Some(state.clone()));
                let otherwise = self.block(orelse, Some(state));
                return join(then, otherwise);
            }
            S::While { test, body, orelse } => return self.loop_to_fixpoint(state, Some(test), None, body, orelse),
            S::For { target, iter, body, orelse } => {
                self.expr(iter, &state);
                return self.loop_to_fixpoint(state, None, Some(target), body, orelse);
            }
            S::Break => {
                if let Some(lp) = self.loops.last_mut() {
                    lp.breaks = join(lp.breaks.take(), Some(state));
                }
                return None;
            }
            S::Continue => {
                if let Some(lp) = self.loops.last_mut() {
                    lp.continues = join(lp.continues.take(), Some(state));
                }
                return None;
            }
            S::Return(v) | S::Raise(v) => {
                if let Some(v) = v {
                    self.expr(v, &state);
                }
                return None;
            }
            S::Assert { test, msg } => {
                self.expr(test, &state);
                if let Some(m) = msg {
                    self.expr(m, &state);
                }
            }
            S::Pass | S::FunctionDef(_) | S::ClassDef(_) | S::Import(_) | S::ImportFrom { .. } | S::Global(_) => {}
            S::Delete(targets) => targets.iter().for_each(|t| self.expr(t, &state)),
            // `split` leaves functions with `try` as they are (an exception may leave the body
            // after any statement); this arm is not reached from it.
            S::Try { .. } => {}
        }
        Some(state)
    }

    /// A `while` (its `test` read at the head) or `for` (its `target` assigned at the head)
    /// loop: the head's reaching definitions grow until the body adds none (they only grow, so
    /// this ends), then `orelse` runs from the head and `break`s join after it.
    fn loop_to_fixpoint(&mut self, mut head: State, test: Option<&Expr>, target: Option<&Expr>, body: &[Stmt], orelse: &[Stmt]) -> Option<State> {
        loop {
            if let Some(test) = test {
                self.expr(test, &head);
            }
            let mut entry = head.clone();
            if let Some(target) = target {
                self.target(target, &mut entry);
            }
            self.loops.push(Loop { breaks: None, continues: None });
            let end = self.block(body, Some(entry));
            let lp = self.loops.pop().unwrap_or(Loop { breaks: None, continues: None });
            let next = join(join(Some(head.clone()), end), lp.continues).unwrap_or_default();
            if next == head {
                let after = self.block(orelse, Some(head));
                return join(after, lp.breaks);
            }
            head = next;
        }
    }

    /// The new name of every occurrence whose variable splits.
    fn renames(&self) -> HashMap<Site, Symbol> {
        let mut parent: Vec<Def> = (0..self.defs.len()).collect();
        fn find(parent: &mut Vec<Def>, d: Def) -> Def {
            let mut root = d;
            while parent[root] != root {
                root = parent[root];
            }
            let mut x = d;
            while parent[x] != root {
                let next = parent[x];
                parent[x] = root;
                x = next;
            }
            root
        }
        let union = |parent: &mut Vec<Def>, a: Def, b: Def| {
            let (ra, rb) = (find(parent, a), find(parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        };
        for (_, reaching) in self.uses.values() {
            let mut it = reaching.iter();
            if let Some(&first) = it.next() {
                for &d in it {
                    union(&mut parent, first, d);
                }
            }
        }
        for (at, d) in &self.merges {
            if let Some((_, reaching)) = self.uses.get(at) {
                for &r in reaching {
                    union(&mut parent, r, *d);
                }
            }
        }
        // Classes per variable, numbered in the order of their first definition; parameters
        // are defined first, so a parameter's class keeps the parameter's name.
        let mut class_name: HashMap<Def, Symbol> = HashMap::new();
        let mut classes_of: HashMap<Symbol, Vec<Def>> = HashMap::new();
        for d in 0..self.defs.len() {
            let root = find(&mut parent, d);
            let var = self.defs[d].0;
            let seen = classes_of.entry(var).or_default();
            if !seen.contains(&root) {
                seen.push(root);
            }
        }
        for (var, roots) in &classes_of {
            if roots.len() < 2 || self.excluded.contains(var) {
                continue;
            }
            for (k, root) in roots.iter().enumerate() {
                let name = if k == 0 { *var } else { Symbol::intern(&format!("{}.{k}", var.as_str())) };
                class_name.insert(*root, name);
            }
        }
        let mut out = HashMap::new();
        for (d, (var, at)) in self.defs.iter().enumerate() {
            if let Some(name) = class_name.get(&find(&mut parent, d)) {
                if name != var {
                    out.insert(*at, *name);
                }
            }
        }
        for (at, (var, reaching)) in &self.uses {
            if let Some(&d) = reaching.iter().next() {
                if let Some(name) = class_name.get(&find(&mut parent, d)) {
                    if name != var {
                        out.insert(*at, *name);
                    }
                }
            }
        }
        out
    }
}

/// The direct sub-expressions of `e` (not descending into nested scopes' bodies).
fn children(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        E::Name(_) | E::Int(_) | E::Float(_) | E::Imaginary(_) | E::Str(_) | E::Bool(_) | E::None | E::Lambda(_) => vec![],
        E::FString(parts) => parts
            .iter()
            .filter_map(|p| match p {
                FStringPart::Hole { value, .. } => Some(value),
                FStringPart::Literal(_) => None,
            })
            .collect(),
        E::Tuple(items) | E::List(items) | E::Set(items) | E::BoolOp { values: items, .. } => items.iter().collect(),
        E::Dict { keys, values } => keys.iter().chain(values).collect(),
        E::ListComp { elt, generators } => {
            let mut v = vec![&**elt];
            for g in generators {
                v.push(&g.target);
                v.push(&g.iter);
                v.extend(g.ifs.iter());
            }
            v
        }
        E::BinOp { left, right, .. } => vec![left, right],
        E::UnaryOp { operand, .. } | E::Starred(operand) | E::Attribute { value: operand, .. } => vec![operand],
        E::Compare { left, ops } => {
            let mut v = vec![&**left];
            v.extend(ops.iter().map(|(_, r)| r));
            v
        }
        E::IfExp { test, body, orelse } => vec![test, body, orelse],
        E::Call { func, args, keywords } => {
            let mut v = vec![&**func];
            v.extend(args.iter());
            v.extend(keywords.iter().map(|k| &k.value));
            v
        }
        E::Subscript { value, index } => vec![value, index],
        E::Slice { lower, upper, step } => [lower, upper, step].into_iter().flatten().map(|b| &**b).collect(),
    }
}

/// A statement's own expressions (its test, targets, values), not those of nested statements.
fn own_exprs(s: &Stmt) -> Vec<&Expr> {
    match &s.kind {
        S::Expr(e) | S::Return(Some(e)) | S::Raise(Some(e)) => vec![e],
        S::Assign { targets, value } => targets.iter().chain([value]).collect(),
        S::AugAssign { target, value, .. } => vec![target, value],
        S::AnnAssign { target, annotation, value } => [target, annotation].into_iter().chain(value.iter()).collect(),
        S::If { test, .. } | S::While { test, .. } => vec![test],
        S::For { target, iter, .. } => vec![target, iter],
        S::Assert { test, msg } => [test].into_iter().chain(msg.iter()).collect(),
        S::Try { handlers, .. } => handlers.iter().filter_map(|h| h.kind.as_ref()).collect(),
        S::Delete(targets) => targets.iter().collect(),
        _ => vec![],
    }
}

/// The statements nested in `s` (a function definition's body included).
fn nested_stmts(s: &Stmt) -> Vec<&Stmt> {
    match &s.kind {
        S::If { body, orelse, .. } | S::While { body, orelse, .. } | S::For { body, orelse, .. } => body.iter().chain(orelse).collect(),
        S::FunctionDef(def) => def.body.iter().collect(),
        S::ClassDef(class) => class.body.iter().collect(),
        S::Try { body, handlers, orelse, finalbody } => body.iter().chain(handlers.iter().flat_map(|h| &h.body)).chain(orelse).chain(finalbody).collect(),
        _ => vec![],
    }
}

/// Names that a nested scope mentions, or that `global` and imports bind: never split.
fn nested_names(s: &Stmt, out: &mut HashSet<Symbol>) {
    // Every name in an expression, nested scopes included.
    fn all_names(e: &Expr, out: &mut HashSet<Symbol>) {
        if let E::Name(sym) = e.kind {
            out.insert(sym);
        }
        if let E::Lambda(def) = &e.kind {
            def.body.iter().for_each(|s| stmt_names(s, out));
        }
        children(e).into_iter().for_each(|c| all_names(c, out));
    }
    fn stmt_names(s: &Stmt, out: &mut HashSet<Symbol>) {
        own_exprs(s).into_iter().for_each(|e| all_names(e, out));
        nested_stmts(s).into_iter().for_each(|n| stmt_names(n, out));
    }
    // Inside this function: only what nested scopes mention.
    fn scan_expr(e: &Expr, out: &mut HashSet<Symbol>) {
        match &e.kind {
            E::Lambda(_) | E::ListComp { .. } => all_names(e, out),
            _ => children(e).into_iter().for_each(|c| scan_expr(c, out)),
        }
    }
    let alias = |a: &rhumba_grammar::ast::ImportAlias| a.asname.map_or(a.name.parts[0].name, |n| n.name);
    match &s.kind {
        S::FunctionDef(_) | S::ClassDef(_) => stmt_names(s, out),
        S::Global(names) => out.extend(names.iter().map(|n| n.name)),
        S::Import(aliases) | S::ImportFrom { names: aliases, .. } => out.extend(aliases.iter().map(alias)),
        _ => {
            own_exprs(s).into_iter().for_each(|e| scan_expr(e, out));
            nested_stmts(s).into_iter().for_each(|n| nested_names(n, out));
        }
    }
}

fn rename_expr(e: &mut Expr, renames: &HashMap<Site, Symbol>) {
    if let E::Name(sym) = &mut e.kind {
        if let Some(new) = renames.get(&site(e.span)) {
            *sym = *new;
        }
        return;
    }
    match &mut e.kind {
        E::Lambda(_) | E::ListComp { .. } | E::Int(_) | E::Float(_) | E::Imaginary(_) | E::Str(_) | E::Bool(_) | E::None | E::Name(_) => {}
        E::FString(parts) => {
            for p in parts {
                if let FStringPart::Hole { value, .. } = p {
                    rename_expr(value, renames);
                }
            }
        }
        E::Tuple(items) | E::List(items) | E::Set(items) | E::BoolOp { values: items, .. } => items.iter_mut().for_each(|i| rename_expr(i, renames)),
        E::Dict { keys, values } => keys.iter_mut().chain(values.iter_mut()).for_each(|i| rename_expr(i, renames)),
        E::BinOp { left, right, .. } => {
            rename_expr(left, renames);
            rename_expr(right, renames);
        }
        E::UnaryOp { operand, .. } | E::Starred(operand) | E::Attribute { value: operand, .. } => rename_expr(operand, renames),
        E::Compare { left, ops } => {
            rename_expr(left, renames);
            ops.iter_mut().for_each(|(_, r)| rename_expr(r, renames));
        }
        E::IfExp { test, body, orelse } => {
            rename_expr(test, renames);
            rename_expr(body, renames);
            rename_expr(orelse, renames);
        }
        E::Call { func, args, keywords } => {
            rename_expr(func, renames);
            args.iter_mut().for_each(|a| rename_expr(a, renames));
            keywords.iter_mut().for_each(|k| rename_expr(&mut k.value, renames));
        }
        E::Subscript { value, index } => {
            rename_expr(value, renames);
            rename_expr(index, renames);
        }
        E::Slice { lower, upper, step } => [lower, upper, step].into_iter().flatten().for_each(|b| rename_expr(b, renames)),
    }
}

fn rename_stmt(s: &mut Stmt, renames: &HashMap<Site, Symbol>) {
    match &mut s.kind {
        S::Expr(e) | S::Return(Some(e)) | S::Raise(Some(e)) => rename_expr(e, renames),
        S::Assign { targets, value } => {
            targets.iter_mut().for_each(|t| rename_expr(t, renames));
            rename_expr(value, renames);
        }
        S::AugAssign { target, value, .. } => {
            rename_expr(target, renames);
            rename_expr(value, renames);
        }
        S::AnnAssign { target, annotation, value } => {
            rename_expr(target, renames);
            rename_expr(annotation, renames);
            if let Some(v) = value {
                rename_expr(v, renames);
            }
        }
        S::If { test, body, orelse } | S::While { test, body, orelse } => {
            rename_expr(test, renames);
            body.iter_mut().chain(orelse.iter_mut()).for_each(|s| rename_stmt(s, renames));
        }
        S::For { target, iter, body, orelse } => {
            rename_expr(target, renames);
            rename_expr(iter, renames);
            body.iter_mut().chain(orelse.iter_mut()).for_each(|s| rename_stmt(s, renames));
        }
        S::Assert { test, msg } => {
            rename_expr(test, renames);
            if let Some(m) = msg {
                rename_expr(m, renames);
            }
        }
        _ => {}
    }
}

/// Every name that `def`'s body mentions (nested scopes included): a closure's candidates for
/// the variables it captures.
pub fn mentioned_names(def: &Rc<FunctionDef>) -> HashSet<Symbol> {
    let mut out = HashSet::new();
    let s = Stmt { kind: S::FunctionDef(def.clone()), span: def.span };
    nested_names(&s, &mut out);
    out
}
