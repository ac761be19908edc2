//! Lists in compiled code: literals, comprehensions, `numba.typed.List`, indexing, `len`,
//! iteration and the list methods. The checker builds only five primitives (`ListNew`,
//! `ListLen`, `ListGet`, `ListSet`, `ListPush`, plus `ListTruncate`); every other method is a
//! function of the numpy prelude written with them (`_list_pop`, `_list_sort`, ...), so that
//! both CPU tiers compile the same code.
//!
//! An empty list's item type is decided by its uses, as Numba does: `out = []` types `out` as a
//! list of unknown items, and `out.append(x)` refines the variable to a list of `x`'s type; the
//! inference passes then retype everything that read it.

use rhumba_grammar::ast::{self, CmpOp as AstCmpOp, ExprKind as E};
use rhumba_grammar::{Span, Symbol};

use super::{is_int, mistyped, not_compiled, unify, Checker, Global, Pending, BOOL, I64, R};
use crate::tir::{Expr, ExprKind, Stmt, StmtKind, UnOp};
use crate::types::{list_item_supported, Type};

/// Marks an absent slice bound for the prelude's `_list_slice` (as `abi::SLICE_NONE` does for
/// arrays).
const SLICE_NONE: i64 = i64::MIN;

impl Checker<'_> {
    fn refuse_in_prange(&self, span: Span) -> R<()> {
        if self.parallel_depth > 0 {
            return Err(not_compiled(span, "lists inside `prange` loops are not compiled yet"));
        }
        Ok(())
    }

    /// The item type of a list operand, which must be known by now.
    fn known_item(&mut self, list: &Expr, span: Span) -> R<Type> {
        match &list.ty {
            Type::List { item: Some(item), .. } => Ok((**item).clone()),
            // An empty list read before any append typed it: a later pass may know more; if
            // none does, this is the error (as Numba cannot type such a list either).
            Type::List { item: None, .. } => {
                self.awaiting_widening.get_or_insert(super::CheckError {
                    is_type_error: true,
                    message: "cannot infer the type of this list's items: it starts empty and nothing appends to it".into(),
                    span,
                    secondary: None,
                });
                Err(Pending::Recursion)
            }
            other => Err(mistyped(span, format!("{other} is not a list"))),
        }
    }

    /// `[a, b, c]`: a new list with the items appended in order (`[]` has no item type yet).
    pub(super) fn list_literal(&mut self, items: &[ast::Expr], span: Span) -> R<Expr> {
        self.refuse_in_prange(span)?;
        let values: Vec<Expr> = items.iter().map(|i| self.expr(i)).collect::<R<_>>()?;
        let mut item: Option<Type> = None;
        for v in &values {
            let merged = match &item {
                None => Some(v.ty.clone()),
                Some(t) => unify(t, &v.ty),
            };
            match merged {
                Some(t) => item = Some(t),
                None => return Err(mistyped(v.span, format!("a list's items must have one type, not {} and {}", item.map_or(String::new(), |t| t.to_string()), v.ty))),
            }
        }
        if let Some(t) = &item {
            if !list_item_supported(t) {
                return Err(not_compiled(span, format!("lists of {t} are not compiled yet")));
            }
        }
        let ty = Type::List { item: item.clone().map(Box::new), typed: false };
        self.new_list_with(ty, values, span)
    }

    /// A new list of type `ty` holding `values` (cast to its item type).
    fn new_list_with(&mut self, ty: Type, values: Vec<Expr>, span: Span) -> R<Expr> {
        let fresh = Expr::new(ExprKind::ListNew, ty.clone(), span);
        if values.is_empty() {
            return Ok(fresh);
        }
        let item = ty.list_item().cloned().unwrap_or(Type::None);
        let list = self.temp(ty.clone());
        let unit = self.temp(Type::None);
        let whole = Expr::new(ExprKind::Local(list), ty.clone(), span);
        let mut body = whole.clone();
        for v in values.into_iter().rev() {
            let push = Expr::new(ExprKind::ListPush { list: Box::new(whole.clone()), value: Box::new(super::coerce(v, &item)) }, Type::None, span);
            body = Expr::new(ExprKind::Let { local: unit, value: Box::new(push), body: Box::new(body) }, ty.clone(), span);
        }
        Ok(Expr::new(ExprKind::Let { local: list, value: Box::new(fresh), body: Box::new(body) }, ty, span))
    }

    /// `[elt for target in iter if cond ...]`: the loop is checked as statements that run
    /// before the statement holding the comprehension (Python evaluates it there too), and the
    /// comprehension is the list they filled.
    pub(super) fn list_comprehension(&mut self, elt: &ast::Expr, generators: &[ast::Comprehension], span: Span) -> R<Expr> {
        self.refuse_in_prange(span)?;
        if self.no_hoist > 0 {
            return Err(not_compiled(span, "a list comprehension in a loop condition or a short-circuit operand is not compiled yet"));
        }
        let name = Symbol::intern(&format!("$list_comprehension_{}", span.start));
        let target = ast::Expr::new(E::Name(name), span);
        let append = ast::Expr::new(
            E::Call {
                func: Box::new(ast::Expr::new(E::Attribute { value: Box::new(target.clone()), attr: ast::Ident { name: Symbol::intern("append"), span } }, span)),
                args: vec![elt.clone()],
                keywords: vec![],
            },
            span,
        );
        let mut body = vec![ast::Stmt { kind: ast::StmtKind::Expr(append), span }];
        for g in generators.iter().rev() {
            for cond in g.ifs.iter().rev() {
                body = vec![ast::Stmt { kind: ast::StmtKind::If { test: cond.clone(), body, orelse: vec![] }, span }];
            }
            body = vec![ast::Stmt { kind: ast::StmtKind::For { target: g.target.clone(), iter: g.iter.clone(), body, orelse: vec![] }, span }];
        }
        let start = ast::Stmt { kind: ast::StmtKind::Assign { targets: vec![target.clone()], value: ast::Expr::new(E::List(vec![]), span) }, span };
        let mut hoisted = std::mem::take(&mut self.hoisted);
        let checked = (|| -> R<()> {
            self.stmt(&start, &mut hoisted)?;
            for s in &body {
                self.stmt(s, &mut hoisted)?;
            }
            Ok(())
        })();
        // Statements the comprehension's own parts hoisted come first.
        let mut inner = std::mem::take(&mut self.hoisted);
        inner.append(&mut hoisted);
        self.hoisted = inner;
        checked?;
        self.name(name, span)
    }

    /// `List()` and `List.empty_list(item_type)` of `numba.typed`.
    pub(super) fn typed_list_new(&mut self, item: Option<Type>, args: &[ast::Expr], span: Span) -> R<Expr> {
        self.refuse_in_prange(span)?;
        if let Some(t) = &item {
            if !list_item_supported(t) {
                return Err(not_compiled(span, format!("typed lists of {t} are not compiled yet")));
            }
        }
        let ty = Type::List { item: item.map(Box::new), typed: true };
        match args {
            [] => Ok(Expr::new(ExprKind::ListNew, ty, span)),
            _ => Err(mistyped(span, "List.empty_list() takes the item type only")),
        }
    }

    /// `List(iterable)` of `numba.typed`: a new typed list holding a list's items, or a 1-d
    /// array's elements (copied in order by the prelude's `_list_extend`).
    pub(super) fn typed_list_from(&mut self, from: Expr, span: Span) -> R<Expr> {
        self.refuse_in_prange(span)?;
        let item = match &from.ty {
            Type::List { item: Some(item), .. } => (**item).clone(),
            Type::Array { dtype, ndim: 1, .. } => Type::scalar(*dtype),
            other => return Err(not_compiled(span, format!("List() of {other} in compiled code is not compiled yet"))),
        };
        if !list_item_supported(&item) {
            return Err(not_compiled(span, format!("typed lists of {item} are not compiled yet")));
        }
        let ty = Type::List { item: Some(Box::new(item)), typed: true };
        let list = self.temp(ty.clone());
        let whole = Expr::new(ExprKind::Local(list), ty.clone(), span);
        let fill = self.prelude_apply("_list_extend", vec![whole.clone(), from], span)?;
        let unit = self.temp(fill.ty.clone());
        let body = Expr::new(ExprKind::Let { local: unit, value: Box::new(fill), body: Box::new(whole) }, ty.clone(), span);
        Ok(Expr::new(ExprKind::Let { local: list, value: Box::new(Expr::new(ExprKind::ListNew, ty.clone(), span)), body: Box::new(body) }, ty, span))
    }

    /// `List.empty_list(types.float64)`: the item type named by the argument.
    pub(super) fn typed_list_empty(&mut self, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        let given = args.first().or_else(|| keywords.iter().find(|k| k.name.name.as_str() == "item_type").map(|k| &k.value));
        let Some(given) = given else { return Err(mistyped(span, "List.empty_list() needs the item type")) };
        let d = match &given.kind {
            E::Attribute { attr, .. } => rhumba_runtime::DType::from_name(attr.name.as_str()),
            _ => None,
        };
        let d = match d {
            Some(d) => d,
            None => self.dtype_of(given)?,
        };
        self.typed_list_new(Some(Type::scalar(d)), &[], span)
    }

    /// `list[index]`: an item, or a slice (a new list).
    pub(super) fn list_subscript(&mut self, list: Expr, index: &ast::Expr, span: Span) -> R<Expr> {
        self.refuse_in_prange(span)?;
        let item = self.known_item(&list, span)?;
        if let E::Slice { lower, upper, step } = &index.kind {
            let [start, stop, step] = self.slice_bounds([lower, upper, step], span)?;
            return self.prelude_apply("_list_slice", vec![list, start, stop, step], span);
        }
        let i = self.expr(index)?;
        if !is_int(&i.ty) && i.ty != BOOL {
            return Err(mistyped(index.span, format!("list indices must be integers or slices, not {}", i.ty)));
        }
        Ok(Expr::new(ExprKind::ListGet { list: Box::new(list), index: Box::new(super::cast(i, I64)) }, item, span))
    }

    /// `list[index] = value`.
    pub(super) fn list_store(&mut self, list: Expr, index: &ast::Expr, value: Expr, span: Span, out: &mut Vec<Stmt>) -> R<()> {
        self.refuse_in_prange(span)?;
        let item = self.known_item(&list, span)?;
        if let E::Slice { lower, upper, step } = &index.kind {
            // From another list whose items convert to this one's, as Numba's reflected lists
            // allow it (a tuple or an array on the right is not compiled).
            match &value.ty {
                Type::List { item: Some(from), .. } if unify(&item, from).is_some() => {}
                Type::List { item: None, .. } => {}
                t => return Err(not_compiled(span, format!("assigning {t} to a slice of a list of {item} is not compiled yet"))),
            }
            let [start, stop, step] = self.slice_bounds([lower, upper, step], span)?;
            let set = self.prelude_apply("_list_set_slice", vec![list, start, stop, step, value], span)?;
            out.push(Stmt { kind: StmtKind::Expr(set), span });
            return Ok(());
        }
        let i = self.expr(index)?;
        if !is_int(&i.ty) && i.ty != BOOL {
            return Err(mistyped(index.span, format!("list indices must be integers, not {}", i.ty)));
        }
        let value = self.item_value(value, &item, span)?;
        let set = Expr::new(ExprKind::ListSet { list: Box::new(list), index: Box::new(super::cast(i, I64)), value: Box::new(value) }, Type::None, span);
        out.push(Stmt { kind: StmtKind::Expr(set), span });
        Ok(())
    }

    /// A value stored into a list of `item`s, converted as Numba converts it.
    fn item_value(&mut self, v: Expr, item: &Type, span: Span) -> R<Expr> {
        if &v.ty == item {
            return Ok(v);
        }
        match unify(item, &v.ty) {
            // An array of a narrower layout (`float64[::1]` into a list of `float64[:]`): the
            // same descriptor, retyped by a cast (a name's reads keep its own type).
            Some(_) if matches!(v.ty, Type::Array { .. }) => Ok(Expr::new(ExprKind::Cast(Box::new(v)), item.clone(), span)),
            Some(_) => Ok(super::coerce(v, item)),
            None => Err(mistyped(span, format!("cannot store {} in a list of {item}", v.ty))),
        }
    }

    /// The list `list`'s method `name` called with `args`, or `None` when `list` is no list.
    pub(super) fn list_method(&mut self, receiver: &ast::Expr, name: &str, args: &[ast::Expr], span: Span) -> R<Option<Expr>> {
        // The receiver is checked again by the caller when it is no list: what it hoisted now
        // (a comprehension inside it) is dropped, so as not to run twice.
        let mark = self.hoisted.len();
        let list = self.expr(receiver)?;
        let Type::List { item, typed } = list.ty.clone() else {
            self.hoisted.truncate(mark);
            return Ok(None);
        };
        self.refuse_in_prange(span)?;
        let built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
        if name == "append" {
            let [value] = &built[..] else { return Err(mistyped(span, "append() takes exactly one argument")) };
            let item = match item {
                Some(item) => *item,
                None => {
                    // `out = []` then `out.append(x)`: the append decides the item type.
                    if !list_item_supported(&value.ty) {
                        return Err(not_compiled(span, format!("lists of {} are not compiled yet", value.ty)));
                    }
                    if let ExprKind::Local(local) = list.kind {
                        self.unify_local(local, &Type::List { item: Some(Box::new(value.ty.clone())), typed }, span)?;
                    }
                    return Err(Pending::Recursion);
                }
            };
            let value = self.item_value(value.clone(), &item, span)?;
            return Ok(Some(Expr::new(ExprKind::ListPush { list: Box::new(list), value: Box::new(value) }, Type::None, span)));
        }
        if name == "extend" {
            // `out = []` then `out.extend(other)`: the other list decides the item type.
            if let (None, [other], ExprKind::Local(local)) = (&item, &built[..], &list.kind) {
                if let Type::List { item: Some(other_item), .. } = &other.ty {
                    self.unify_local(*local, &Type::List { item: Some(other_item.clone()), typed }, span)?;
                    return Err(Pending::Recursion);
                }
            }
        }
        let item = self.known_item(&list, span)?;
        let int_arg = |e: &Expr| -> R<Expr> {
            if !is_int(&e.ty) && e.ty != BOOL {
                return Err(mistyped(e.span, format!("list indices must be integers, not {}", e.ty)));
            }
            Ok(super::cast(e.clone(), I64))
        };
        let apply = |this: &mut Self, f: &str, args: Vec<Expr>| this.prelude_apply(f, args, span).map(Some);
        match (name, &built[..]) {
            ("pop", []) => apply(self, "_list_pop", vec![list, Expr::new(ExprKind::Int(-1), I64, span)]),
            ("pop", [i]) => {
                let i = int_arg(i)?;
                apply(self, "_list_pop", vec![list, i])
            }
            ("insert", [i, v]) => {
                let i = int_arg(i)?;
                let v = self.item_value(v.clone(), &item, span)?;
                apply(self, "_list_insert", vec![list, i, v])
            }
            ("extend", [other]) if matches!(&other.ty, Type::List { item: Some(o), .. } if **o == item) => apply(self, "_list_extend", vec![list, other.clone()]),
            ("extend", [other]) => Err(not_compiled(span, format!("extending {} with {} is not compiled yet", list.ty, other.ty))),
            ("sort", []) => apply(self, "_list_sort", vec![list]),
            ("reverse", []) => apply(self, "_list_reverse", vec![list]),
            ("copy", []) => apply(self, "_list_copy", vec![list]),
            ("clear", []) => {
                let zero = Expr::new(ExprKind::Int(0), I64, span);
                Ok(Some(Expr::new(ExprKind::ListTruncate { list: Box::new(list), len: Box::new(zero) }, Type::None, span)))
            }
            // The prelude's way to make a new empty list of the same type (typed or not).
            ("_new_like", []) => Ok(Some(Expr::new(ExprKind::ListNew, list.ty.clone(), span))),
            // The prelude's primitive for shortening a list.
            ("_truncate", [n]) => {
                let n = int_arg(n)?;
                Ok(Some(Expr::new(ExprKind::ListTruncate { list: Box::new(list), len: Box::new(n) }, Type::None, span)))
            }
            ("index", [v]) => {
                let v = self.item_value(v.clone(), &item, span)?;
                apply(self, "_list_index", vec![list, v])
            }
            ("count", [v]) => {
                let v = self.item_value(v.clone(), &item, span)?;
                apply(self, "_list_count", vec![list, v])
            }
            ("remove", [v]) => {
                let v = self.item_value(v.clone(), &item, span)?;
                apply(self, "_list_remove", vec![list, v])
            }
            (other, _) => Err(not_compiled(span, format!("the list method `.{other}()` with {} argument(s) is not compiled yet", built.len()))),
        }
    }

    /// `list + list` and `list * n` (or `n * list`): new lists.
    pub(super) fn list_binary(&mut self, op: ast::BinOp, l: Expr, r: Expr, span: Span) -> R<Option<Expr>> {
        if !matches!(l.ty, Type::List { .. }) && !matches!(r.ty, Type::List { .. }) {
            return Ok(None);
        }
        self.refuse_in_prange(span)?;
        match (&l.ty, &r.ty, op) {
            (Type::List { .. }, Type::List { .. }, ast::BinOp::Add) if unify(&l.ty, &r.ty).is_some() => {
                // `xs + []`: the empty side takes the other's item type.
                let ty = unify(&l.ty, &r.ty).unwrap_or(Type::None);
                let (l, r) = (super::coerce(l, &ty), super::coerce(r, &ty));
                self.known_item(&l, span)?;
                self.prelude_apply("_list_concat", vec![l, r], span).map(Some)
            }
            (Type::List { .. }, t, ast::BinOp::Mul) if is_int(t) || *t == BOOL => self.prelude_apply("_list_repeat", vec![l, super::cast(r, I64)], span).map(Some),
            (t, Type::List { .. }, ast::BinOp::Mul) if is_int(t) || *t == BOOL => self.prelude_apply("_list_repeat", vec![r, super::cast(l, I64)], span).map(Some),
            (Type::List { .. }, _, _) | (_, Type::List { .. }, _) => Err(mistyped(span, format!("unsupported operand types for {}: {} and {}", op.symbol(), l.ty, r.ty))),
            _ => Ok(None),
        }
    }

    /// `len(list)`.
    pub(super) fn list_len(&mut self, list: Expr, span: Span) -> Expr {
        Expr::new(ExprKind::ListLen(Box::new(list)), I64, span)
    }

    /// `x in list` / `x not in list`.
    pub(super) fn list_contains(&mut self, op: AstCmpOp, x: Expr, list: Expr, span: Span) -> R<Expr> {
        // A placeholder this pass while the list's item type is unknown (see `dict_contains`).
        let item = match self.known_item(&list, span) {
            Err(Pending::Recursion) => return Ok(Expr::new(ExprKind::Bool(false), BOOL, span)),
            other => other?,
        };
        if unify(&item, &x.ty).is_none() {
            // Numba compares by `==`; values of unrelated types are never equal.
            return Ok(Expr::new(ExprKind::Bool(op == AstCmpOp::NotIn), BOOL, span));
        }
        let x = super::coerce(x, &item);
        let found = self.prelude_apply("_list_contains", vec![list, x], span)?;
        Ok(match op {
            AstCmpOp::NotIn => Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(found) }, BOOL, span),
            _ => found,
        })
    }

    /// `sum(list)`, `min(list)`, `max(list)`, `sorted(list)` with one list argument.
    pub(super) fn list_builtin(&mut self, name: &str, list: Expr, span: Span) -> R<Option<Expr>> {
        if !matches!(list.ty, Type::List { .. }) {
            return Ok(None);
        }
        let item = self.known_item(&list, span)?;
        if !matches!(item, Type::Scalar(_)) && name != "sorted" {
            return Err(not_compiled(span, format!("{name}() of a list of {item} is not compiled yet")));
        }
        let largest = |v: bool| Expr::new(ExprKind::Bool(v), BOOL, span);
        match name {
            "sum" => self.prelude_apply("_list_sum", vec![list], span).map(Some),
            "min" => self.prelude_apply("_list_extreme", vec![list, largest(false)], span).map(Some),
            "max" => self.prelude_apply("_list_extreme", vec![list, largest(true)], span).map(Some),
            "sorted" => self.prelude_apply("_list_sorted", vec![list], span).map(Some),
            _ => Ok(None),
        }
    }

    /// `for target in list`: an index loop reading each item. The length is read once, before
    /// the loop; an item removed during the loop raises IndexError rather than ending it.
    pub(super) fn list_loop(&mut self, target: &ast::Expr, seq: Expr, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> R<()> {
        self.refuse_in_prange(span)?;
        let item = self.known_item(&seq, span)?;
        let stop = |list: Expr| Expr::new(ExprKind::ListLen(Box::new(list)), I64, span);
        let get = move |_: &mut Self, list: Expr, position: Expr| Ok(Expr::new(ExprKind::ListGet { list: Box::new(list), index: Box::new(position) }, item.clone(), span));
        self.container_loop(target, seq, body, orelse, span, out, &stop, &get)
    }

    /// A `for` loop over a container (list, string, dict): the container evaluated once into a
    /// temporary, then an index loop over `0..stop(container)` that assigns
    /// `item(container, position)` to the target before the body.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn container_loop(
        &mut self,
        target: &ast::Expr,
        seq: Expr,
        body: &[ast::Stmt],
        orelse: &[ast::Stmt],
        span: Span,
        out: &mut Vec<Stmt>,
        stop: &dyn Fn(Expr) -> Expr,
        item: &dyn Fn(&mut Self, Expr, Expr) -> R<Expr>,
    ) -> R<()> {
        let local = self.temp(seq.ty.clone());
        let whole = Expr::new(ExprKind::Local(local), seq.ty.clone(), seq.span);
        out.push(Stmt { kind: StmtKind::Assign { local, value: seq }, span });
        let idx = self.temp(I64);
        let position = Expr::new(ExprKind::Local(idx), I64, span);
        let value = item(self, whole.clone(), position)?;
        let mut loop_body = Vec::new();
        self.assign_value(target, value, target.span, &mut loop_body)?;
        self.loop_depth += 1;
        let inner = self.block(body);
        self.loop_depth -= 1;
        loop_body.extend(inner?);
        let zero = Expr::new(ExprKind::Int(0), I64, span);
        let one = Expr::new(ExprKind::Int(1), I64, span);
        let orelse = self.block(orelse)?;
        out.push(Stmt { kind: StmtKind::ForRange { var: idx, start: zero, stop: stop(whole), step: one, body: loop_body, orelse, parallel: false }, span });
        Ok(())
    }

    /// The bounds of a slice `a:b:c` of a list or string as int64s, [`SLICE_NONE`] for an
    /// absent one (the prelude's `_slice_span` reads them as Python's `slice.indices`).
    pub(super) fn slice_bounds(&mut self, bounds: [&Option<Box<ast::Expr>>; 3], span: Span) -> R<[Expr; 3]> {
        let mut out = Vec::with_capacity(3);
        for b in bounds {
            out.push(match b.as_deref() {
                None | Some(ast::Expr { kind: E::None, .. }) => Expr::new(ExprKind::Int(SLICE_NONE), I64, span),
                Some(e) => {
                    let v = self.expr(e)?;
                    if !is_int(&v.ty) && v.ty != BOOL {
                        return Err(mistyped(e.span, format!("slice indices must be integers, not {}", v.ty)));
                    }
                    super::cast(v, I64)
                }
            });
        }
        let [a, b, c]: [Expr; 3] = out.try_into().map_err(|_| mistyped(span, "a slice has three bounds"))?;
        Ok([a, b, c])
    }
}

/// Whether `g` names `numba.typed.List`.
pub(super) fn is_typed_list_class(g: &Option<Global>) -> bool {
    matches!(g, Some(Global::Builtin("List")))
}
