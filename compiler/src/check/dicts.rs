//! Dicts in compiled code (Numba's typed `Dict`): `{}` literals, `Dict.empty`, lookup, store,
//! `in`, `del`, `len`, iteration over keys, values and items, and the methods `get`, `pop`,
//! `setdefault`, `update`, `popitem`, `clear`, `copy` (numpy prelude functions written with the
//! primitives). The runtime's
//! `DictObject` keeps Python's insertion order.
//!
//! As for lists, an empty dict's key and value types come from its uses: `d = {}` then
//! `d[k] = v` refines the variable to a dict of `k`'s and `v`'s types.

use rhumba_grammar::ast::{self, CmpOp as AstCmpOp, ExprKind as E};
use rhumba_grammar::Span;
use rhumba_runtime::abi::{self, RaiseArg};
use rhumba_runtime::DType;

use super::{mistyped, not_compiled, unify, Checker, Global, Pending, BOOL, I64, R};
use crate::tir::{Expr, ExprKind, Stmt, StmtKind, UnOp};
use crate::types::{dict_key_supported, dict_value_supported, Type};

impl Checker<'_> {
    fn refuse_dict_in_prange(&self, span: Span) -> R<()> {
        if self.parallel_depth > 0 {
            return Err(not_compiled(span, "dicts inside `prange` loops are not compiled yet"));
        }
        Ok(())
    }

    /// The key and value types of a dict operand, which must be known by now.
    fn known_parts(&mut self, dict: &Expr, span: Span) -> R<(Type, Type)> {
        match &dict.ty {
            Type::Dict { key: Some(k), value: Some(v) } => Ok(((**k).clone(), (**v).clone())),
            Type::Dict { .. } => {
                self.awaiting_widening.get_or_insert(super::CheckError {
                    is_type_error: true,
                    message: "cannot infer the key and value types of this dict: it starts empty and nothing is stored in it".into(),
                    span,
                    secondary: None,
                });
                Err(Pending::Recursion)
            }
            other => Err(mistyped(span, format!("{other} is not a dict"))),
        }
    }

    fn check_parts(&self, key: &Type, value: &Type, span: Span) -> R<()> {
        if !dict_key_supported(key) {
            return Err(not_compiled(span, format!("dicts with {key} keys are not compiled yet")));
        }
        if !dict_value_supported(value) {
            return Err(not_compiled(span, format!("dicts with {value} values are not compiled yet")));
        }
        Ok(())
    }

    /// A value stored into a dict of `vt` values, converted as Numba converts it.
    fn stored_value(v: Expr, vt: &Type, span: Span) -> R<Expr> {
        match unify(vt, &v.ty) {
            _ if &v.ty == vt => Ok(v),
            // An array of a narrower layout: the same descriptor, retyped by a cast.
            Some(_) if matches!(v.ty, Type::Array { .. }) => Ok(Expr::new(ExprKind::Cast(Box::new(v)), vt.clone(), span)),
            Some(_) => Ok(super::coerce(v, vt)),
            None => Err(mistyped(span, format!("cannot store {} in a dict of {vt} values", v.ty))),
        }
    }

    /// `{k: v, ...}`: a new dict with the entries stored in order (`{}` has no types yet).
    pub(super) fn dict_literal(&mut self, keys: &[ast::Expr], values: &[ast::Expr], span: Span) -> R<Expr> {
        self.refuse_dict_in_prange(span)?;
        let ks: Vec<Expr> = keys.iter().map(|k| self.expr(k)).collect::<R<_>>()?;
        let vs: Vec<Expr> = values.iter().map(|v| self.expr(v)).collect::<R<_>>()?;
        let join = |items: &[Expr]| -> R<Option<Type>> {
            let mut t: Option<Type> = None;
            for e in items {
                t = Some(match &t {
                    None => e.ty.clone(),
                    Some(prev) => unify(prev, &e.ty).ok_or_else(|| mistyped(e.span, format!("a dict's keys and values must each have one type, not {prev} and {}", e.ty)))?,
                });
            }
            Ok(t)
        };
        let (kt, vt) = (join(&ks)?, join(&vs)?);
        if let (Some(k), Some(v)) = (&kt, &vt) {
            self.check_parts(k, v, span)?;
        }
        let ty = Type::Dict { key: kt.clone().map(Box::new), value: vt.clone().map(Box::new) };
        let fresh = Expr::new(ExprKind::DictNew, ty.clone(), span);
        let (Some(kt), Some(vt)) = (kt, vt) else { return Ok(fresh) };
        let dict = self.temp(ty.clone());
        let unit = self.temp(Type::None);
        let whole = Expr::new(ExprKind::Local(dict), ty.clone(), span);
        let mut body = whole.clone();
        for (k, v) in ks.into_iter().zip(vs).rev() {
            let v = Self::stored_value(v, &vt, span)?;
            let set = Expr::new(ExprKind::DictSet { dict: Box::new(whole.clone()), key: Box::new(super::coerce(k, &kt)), value: Box::new(v) }, Type::None, span);
            body = Expr::new(ExprKind::Let { local: unit, value: Box::new(set), body: Box::new(body) }, ty.clone(), span);
        }
        Ok(Expr::new(ExprKind::Let { local: dict, value: Box::new(fresh), body: Box::new(body) }, ty, span))
    }

    /// `Dict.empty(key_type=..., value_type=...)` (positional too) and `Dict()`.
    pub(super) fn typed_dict_empty(&mut self, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        self.refuse_dict_in_prange(span)?;
        let named = |name: &str| keywords.iter().find(|k| k.name.name.as_str() == name).map(|k| &k.value);
        let (Some(k), Some(v)) = (args.first().or_else(|| named("key_type")), args.get(1).or_else(|| named("value_type"))) else {
            return Err(mistyped(span, "Dict.empty() needs key_type and value_type"));
        };
        let (k, v) = (self.named_type(k)?, self.named_type(v)?);
        self.check_parts(&k, &v, span)?;
        Ok(Expr::new(ExprKind::DictNew, Type::Dict { key: Some(Box::new(k)), value: Some(Box::new(v)) }, span))
    }

    /// A type named in a call such as `Dict.empty(types.int64, ...)`: a scalar type, or a
    /// `types.UniTuple(t, n)` / `types.Tuple(...)` of them.
    pub(super) fn named_type(&mut self, e: &ast::Expr) -> R<Type> {
        if let E::Call { func, args, .. } = &e.kind {
            if let E::Attribute { attr, .. } = &func.kind {
                match (attr.name.as_str(), &args[..]) {
                    ("UniTuple", [t, ast::Expr { kind: E::Int(n), .. }]) => return Ok(Type::Tuple(vec![self.named_type(t)?; *n as usize])),
                    ("Tuple", items) => {
                        let items: Vec<&ast::Expr> = match items {
                            [ast::Expr { kind: E::Tuple(inner) | E::List(inner), .. }] => inner.iter().collect(),
                            other => other.iter().collect(),
                        };
                        return Ok(Type::Tuple(items.into_iter().map(|t| self.named_type(t)).collect::<R<_>>()?));
                    }
                    _ => {}
                }
            }
        }
        let d = match &e.kind {
            E::Attribute { attr, .. } => DType::from_name(attr.name.as_str()),
            _ => None,
        };
        let d = match d {
            Some(d) => d,
            None => self.dtype_of(e)?,
        };
        Ok(Type::scalar(d))
    }

    /// The exception a missing key raises: Numba's `KeyError(key)`. The key travels in the
    /// error slot (its first two words: a number, or a pair of numbers, which prints as the
    /// tuple does); a larger key raises a KeyError that does not show it.
    fn key_error_code(key: &Type) -> i32 {
        let arg = |t: &Type, k: usize| match t {
            Type::Scalar(DType::Float64) => Some(RaiseArg::RuntimeFloat(k)),
            Type::Scalar(DType::Bool) => Some(RaiseArg::RuntimeBool(k)),
            Type::Scalar(d) if d.is_int() => Some(RaiseArg::RuntimeInt(k)),
            _ => None,
        };
        let args = match key {
            Type::Str => Some(vec![RaiseArg::MissingStringKey]),
            Type::Tuple(items) if items.len() == 2 => items.iter().enumerate().map(|(k, t)| arg(t, k)).collect::<Option<Vec<_>>>(),
            other => arg(other, 0).map(|a| vec![a]),
        };
        match args {
            Some(args) => abi::register_raise("KeyError", vec![], args),
            None => abi::ERR_KEY,
        }
    }

    /// A key converted to the dict's key type (an `int` where float keys are stored, as Numba
    /// casts).
    fn key_value(&mut self, k: Expr, key: &Type, span: Span) -> R<Expr> {
        if &k.ty == key {
            return Ok(k);
        }
        match unify(key, &k.ty) {
            Some(_) => Ok(super::coerce(k, key)),
            None => Err(mistyped(span, format!("a dict with {key} keys cannot take a {} key", k.ty))),
        }
    }

    /// `dict[key]`.
    pub(super) fn dict_subscript(&mut self, dict: Expr, index: &ast::Expr, span: Span) -> R<Expr> {
        self.refuse_dict_in_prange(span)?;
        let (kt, vt) = self.known_parts(&dict, span)?;
        let k = self.expr(index)?;
        let k = self.key_value(k, &kt, index.span)?;
        let code = Self::key_error_code(&kt);
        Ok(Expr::new(ExprKind::DictGet { dict: Box::new(dict), key: Box::new(k), code }, vt, span))
    }

    /// `dict[key] = value`; the first store into `{}` decides its types.
    pub(super) fn dict_store(&mut self, dict: Expr, index: &ast::Expr, value: Expr, span: Span, out: &mut Vec<Stmt>) -> R<()> {
        self.refuse_dict_in_prange(span)?;
        let k = self.expr(index)?;
        if let (Type::Dict { key: None, .. } | Type::Dict { value: None, .. }, ExprKind::Local(local)) = (&dict.ty, &dict.kind) {
            self.check_parts(&k.ty, &value.ty, span)?;
            self.unify_local(*local, &Type::Dict { key: Some(Box::new(k.ty.clone())), value: Some(Box::new(value.ty.clone())) }, span)?;
            return Err(Pending::Recursion);
        }
        let (kt, vt) = self.known_parts(&dict, span)?;
        let k = self.key_value(k, &kt, index.span)?;
        let value = Self::stored_value(value, &vt, span)?;
        let set = Expr::new(ExprKind::DictSet { dict: Box::new(dict), key: Box::new(k), value: Box::new(value) }, Type::None, span);
        out.push(Stmt { kind: StmtKind::Expr(set), span });
        Ok(())
    }

    /// `del target, ...`: dict entries (other targets are not compiled).
    pub(super) fn delete_statement(&mut self, targets: &[ast::Expr], span: Span, out: &mut Vec<Stmt>) -> R<()> {
        for t in targets {
            let E::Subscript { value, index } = &t.kind else {
                return Err(not_compiled(t.span, "`del` of a variable is not compiled yet"));
            };
            let dict = self.expr(value)?;
            if !matches!(dict.ty, Type::Dict { .. }) {
                return Err(not_compiled(t.span, format!("`del` on {} is not compiled yet", dict.ty)));
            }
            self.refuse_dict_in_prange(span)?;
            let (kt, _) = self.known_parts(&dict, span)?;
            let k = self.expr(index)?;
            let k = self.key_value(k, &kt, index.span)?;
            // Numba's `del d[k]` raises a KeyError without arguments.
            let code = abi::register_raise("KeyError", vec![], vec![]);
            let del = Expr::new(ExprKind::DictDelete { dict: Box::new(dict), key: Box::new(k), code }, Type::None, t.span);
            out.push(Stmt { kind: StmtKind::Expr(del), span });
        }
        Ok(())
    }

    /// `key in dict` / `key not in dict`.
    pub(super) fn dict_contains(&mut self, op: AstCmpOp, k: Expr, dict: Expr, span: Span) -> R<Expr> {
        // `if k in counts: ... else: counts[k] = 1` on an empty `{}`: a placeholder this pass,
        // so that the store in the other branch can give the dict its types.
        let (kt, _) = match self.known_parts(&dict, span) {
            Err(Pending::Recursion) => return Ok(Expr::new(ExprKind::Bool(false), BOOL, span)),
            other => other?,
        };
        if unify(&kt, &k.ty).is_none() {
            return Ok(Expr::new(ExprKind::Bool(op == AstCmpOp::NotIn), BOOL, span));
        }
        let k = super::coerce(k, &kt);
        let found = Expr::new(ExprKind::DictContains { dict: Box::new(dict), key: Box::new(k) }, BOOL, span);
        Ok(match op {
            AstCmpOp::NotIn => Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(found) }, BOOL, span),
            _ => found,
        })
    }

    /// The dict method `name` called on `dict` (already checked) with `args`.
    pub(super) fn dict_method(&mut self, dict: Expr, name: &str, args: &[ast::Expr], span: Span) -> R<Expr> {
        self.refuse_dict_in_prange(span)?;
        let (kt, vt) = self.known_parts(&dict, span)?;
        let built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
        let key = |this: &mut Self, e: &Expr| this.key_value(e.clone(), &kt, span);
        match (name, &built[..]) {
            ("get", [k]) => {
                let k = key(self, k)?;
                self.prelude_apply("_dict_get_or_none", vec![dict, k], span)
            }
            ("get", [k, default]) => {
                let k = key(self, k)?;
                self.prelude_apply("_dict_get", vec![dict, k, default.clone()], span)
            }
            ("pop", [k]) => {
                let k = key(self, k)?;
                self.prelude_apply("_dict_pop", vec![dict, k], span)
            }
            ("pop", [k, default]) => {
                let k = key(self, k)?;
                self.prelude_apply("_dict_pop_default", vec![dict, k, default.clone()], span)
            }
            ("setdefault", [k, v]) => {
                let k = key(self, k)?;
                let v = Self::stored_value(v.clone(), &vt, span)?;
                self.prelude_apply("_dict_setdefault", vec![dict, k, v], span)
            }
            ("copy", []) => self.prelude_apply("_dict_copy", vec![dict], span),
            ("update", [other]) => match &other.ty {
                Type::Dict { key: Some(ok), value: Some(ov) } if unify(&kt, ok).is_some() && unify(&vt, ov).is_some() => {
                    self.prelude_apply("_dict_update", vec![dict, other.clone()], span)
                }
                // `d.update({})`: nothing to store, whatever the types.
                Type::Dict { key: None, .. } => Ok(Expr::new(ExprKind::Tuple(vec![]), Type::None, span)),
                t => Err(mistyped(span, format!("cannot update a dict of {kt} keys and {vt} values from {t}"))),
            },
            ("clear", []) => self.prelude_apply("_dict_clear", vec![dict], span),
            ("popitem", []) => self.prelude_apply("_dict_popitem", vec![dict], span),
            // The entry at a position in insertion order, for the prelude's `popitem` and
            // `clear` (which call them only with positions below `len(d)`).
            ("_key_at" | "_value_at", [i]) if super::is_int(&i.ty) => {
                let value = name == "_value_at";
                let index = super::cast(i.clone(), I64);
                Ok(Expr::new(ExprKind::DictEntry { dict: Box::new(dict), index: Box::new(index), value }, if value { vt } else { kt }, span))
            }
            ("keys" | "values" | "items", []) => Err(not_compiled(span, format!("`.{name}()` outside a `for` loop is not compiled yet"))),
            (other, _) => Err(not_compiled(span, format!("the dict method `.{other}()` with {} argument(s) is not compiled yet", built.len()))),
        }
    }

    /// `for k in d`, `for k in d.keys()`, `for v in d.values()`, `for k, v in d.items()`: an
    /// index loop over the entries in order (`None` when `iter` is no dict iteration).
    pub(super) fn dict_loop(&mut self, target: &ast::Expr, iter: &ast::Expr, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> Option<R<()>> {
        let (receiver, what) = match &iter.kind {
            E::Call { func, args, keywords } if args.is_empty() && keywords.is_empty() => match &func.kind {
                E::Attribute { value, attr } if matches!(attr.name.as_str(), "keys" | "values" | "items") => (&**value, attr.name.as_str()),
                _ => (iter, "keys"),
            },
            _ => (iter, "keys"),
        };
        // Only an expression that is a dict: probing a name or attribute has no effects.
        if !matches!(receiver.kind, E::Name(_) | E::Attribute { .. } | E::Subscript { .. }) {
            return None;
        }
        let mark = self.hoisted.len();
        // Anything else (an error included) is left to the other kinds of loop, which check
        // the expression again.
        let dict = match self.expr(receiver) {
            Ok(d) if matches!(d.ty, Type::Dict { .. }) => d,
            _ => {
                self.hoisted.truncate(mark);
                return None;
            }
        };
        Some(self.dict_loop_over(target, dict, what, body, orelse, span, out))
    }

    #[allow(clippy::too_many_arguments)]
    fn dict_loop_over(&mut self, target: &ast::Expr, dict: Expr, what: &str, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> R<()> {
        self.refuse_dict_in_prange(span)?;
        let (kt, vt) = self.known_parts(&dict, span)?;
        let stop = |d: Expr| Expr::new(ExprKind::DictLen(Box::new(d)), I64, span);
        let what = what.to_string();
        let item = move |_: &mut Self, d: Expr, position: Expr| {
            let entry = |value: bool, ty: Type| Expr::new(ExprKind::DictEntry { dict: Box::new(d.clone()), index: Box::new(position.clone()), value }, ty, span);
            Ok(match what.as_str() {
                "values" => entry(true, vt.clone()),
                "items" => Expr::new(ExprKind::Tuple(vec![entry(false, kt.clone()), entry(true, vt.clone())]), Type::Tuple(vec![kt.clone(), vt.clone()]), span),
                _ => entry(false, kt.clone()),
            })
        };
        self.container_loop(target, dict, body, orelse, span, out, &stop, &item)
    }
}

/// Whether `g` names `numba.typed.Dict`.
pub(super) fn is_typed_dict_class(g: &Option<Global>) -> bool {
    matches!(g, Some(Global::Builtin("Dict")))
}
