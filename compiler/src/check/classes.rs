//! `@jitclass` instances in compiled code: `Ramp(n, step)` makes an instance (its fields
//! start as zeros, empty arrays and empty containers, then `__init__` runs on it), `r.field`
//! reads and `r.field = v` writes a field (converted to the spec's type), `r.method(...)` and
//! `r.prop` call the method's or property's specialisation with the instance first, as Numba
//! compiles them. An instance is one slot, the address of its fields' slots (see
//! [`Type::Instance`]); the host describes each class through `Environment::class`.

use std::rc::Rc;

use rhumba_grammar::ast;
use rhumba_grammar::{Span, Symbol};

use super::{coerce, mistyped, not_compiled, unify, zero_of, ClassInfo, Checker, CheckError, Pending, R, BOOL, I64};
use crate::tir::{Expr, ExprKind, Stmt, StmtKind};
use crate::types::{slot_count, Type};

/// The starting value of a field of type `ty` in a new instance: a value every use can read
/// safely before `__init__` assigns it (an absent Optional, an empty array or container).
fn field_start(ty: &Type, span: Span) -> Expr {
    match ty {
        Type::Optional(inner) => {
            let parts = vec![Expr::new(ExprKind::Bool(false), BOOL, span), field_start(inner, span)];
            Expr::new(ExprKind::Tuple(parts), ty.clone(), span)
        }
        Type::Tuple(items) => Expr::new(ExprKind::Tuple(items.iter().map(|t| field_start(t, span)).collect()), ty.clone(), span),
        Type::List { item: Some(_), .. } | Type::Str => Expr::new(ExprKind::ListNew, ty.clone(), span),
        Type::Dict { key: Some(_), value: Some(_) } => Expr::new(ExprKind::DictNew, ty.clone(), span),
        // An instance field that `__init__` has not set yet is the null address, as in Numba
        // (a self-referencing field is declared `optional(...)`, whose start is None).
        Type::Instance { .. } => Expr::new(ExprKind::Int(0), I64, span),
        other => zero_of(other, span),
    }
}

impl Checker<'_> {
    /// The class of an instance type, from the host.
    fn class_of(&self, ty: &Type, span: Span) -> R<Rc<ClassInfo>> {
        let Type::Instance { key, name } = ty else {
            return Err(not_compiled(span, format!("{ty} is not a jitclass instance")));
        };
        self.env.class(*key).ok_or_else(|| not_compiled(span, format!("the jitclass {name} is not known to this host")))
    }

    /// The first slot and the type of the field `name` of `class`.
    fn field(class: &ClassInfo, name: Symbol) -> Option<(usize, Type)> {
        let mut slot = 0;
        for (field, ty) in &class.fields {
            if *field == name {
                return Some((slot, ty.clone()));
            }
            slot += slot_count(ty);
        }
        None
    }

    /// Instances are shared between the threads of a `prange` loop: their fields are not
    /// written there, nor their methods (which may write them) called.
    fn refuse_instances_in_prange(&self, span: Span) -> R<()> {
        if self.parallel_depth > 0 {
            return Err(not_compiled(span, "creating jitclass instances, writing their fields or calling their methods inside `prange` loops is not compiled yet"));
        }
        Ok(())
    }

    /// `Class(args...)`: a new instance, then `__init__(instance, args...)`, evaluated to the
    /// instance.
    pub(super) fn construct(&mut self, key: usize, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        self.refuse_instances_in_prange(span)?;
        let Some(class) = self.env.class(key) else {
            return Err(not_compiled(span, "this jitclass is not known to this host"));
        };
        let ty = Type::Instance { key, name: class.name.clone() };
        let fields = class.fields.iter().map(|(_, t)| field_start(t, span)).collect();
        let object = Expr::new(ExprKind::ObjectNew(fields), ty.clone(), span);
        let Some((init_key, init)) = class.methods.get(&Symbol::intern("__init__")).cloned() else {
            if !args.is_empty() || !keywords.is_empty() {
                return Err(mistyped(span, format!("{}() takes no arguments", class.name)));
            }
            return Ok(object);
        };
        let tmp = self.temp(ty.clone());
        let this = Expr::new(ExprKind::Local(tmp), ty.clone(), span);
        let mut built = vec![this.clone()];
        built.extend(self.bind_call_after(&init, 1, args, keywords, span)?);
        let call = self.call_specialisation(init_key, &init, built, span)?;
        if call.ty != Type::None {
            return Err(mistyped(span, format!("__init__() of {} should return None, not {}", class.name, call.ty)));
        }
        // `let tmp = new in (let _ = __init__(tmp, ...) in tmp)`.
        let done = self.temp(Type::None);
        let after = Expr::new(ExprKind::Let { local: done, value: Box::new(call), body: Box::new(this) }, ty.clone(), span);
        Ok(Expr::new(ExprKind::Let { local: tmp, value: Box::new(object), body: Box::new(after) }, ty, span))
    }

    /// `instance.name`: a field, or a property's getter called with the instance.
    pub(super) fn instance_attribute(&mut self, object: Expr, name: &str, span: Span) -> R<Expr> {
        let class = self.class_of(&object.ty, span)?;
        let sym = Symbol::intern(name);
        if let Some((slot, ty)) = Self::field(&class, sym) {
            return Ok(Expr::new(ExprKind::FieldGet { object: Box::new(object), slot }, ty, span));
        }
        if let Some((key, getter)) = class.properties.get(&sym).cloned() {
            return self.call_specialisation(key, &getter, vec![object], span);
        }
        if class.methods.contains_key(&sym) {
            return Err(not_compiled(span, format!("the method `{name}` of {} as a value is not compiled yet; call it", class.name)));
        }
        Err(mistyped(span, format!("Unknown attribute '{name}' of type {}", object.ty)))
    }

    /// `instance.method(args...)`.
    pub(super) fn method_call(&mut self, object: Expr, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        self.refuse_instances_in_prange(span)?;
        let class = self.class_of(&object.ty, span)?;
        let Some((key, def)) = class.methods.get(&Symbol::intern(name)).cloned() else {
            return Err(mistyped(span, format!("Unknown attribute '{name}' of type {}", object.ty)));
        };
        let mut built = vec![object];
        built.extend(self.bind_call_after(&def, 1, args, keywords, span)?);
        self.call_specialisation(key, &def, built, span)
    }

    /// `object.name = v`: the value converted to the field's type, as Numba converts it.
    pub(super) fn field_store(&mut self, object: &ast::Expr, name: &ast::Ident, v: Expr, span: Span, out: &mut Vec<Stmt>) -> R<()> {
        let object = self.expr(object)?;
        let object = self.unwrap_optional_array(object);
        if !matches!(object.ty, Type::Instance { .. }) {
            return Err(not_compiled(span, format!("assigning to the attribute `.{}` of {} is not compiled yet", name.name, object.ty)));
        }
        self.refuse_instances_in_prange(span)?;
        let class = self.class_of(&object.ty, span)?;
        let Some((slot, ty)) = Self::field(&class, name.name) else {
            if class.properties.contains_key(&name.name) {
                return Err(mistyped(name.span, format!("cannot set the property '{}' of {}: it has no setter", name.name, class.name)));
            }
            return Err(mistyped(name.span, format!("{} has no field '{}' (its spec declares the fields)", class.name, name.name)));
        };
        let fits = match (&v.ty, &ty) {
            (from, to) if from == to => true,
            (Type::Scalar(_), Type::Scalar(_)) | (Type::None, Type::Optional(_)) => true,
            (Type::Array { dtype: a, ndim: m, .. }, Type::Array { dtype: b, ndim: n, .. }) => a == b && m == n,
            (from, Type::Optional(inner)) => unify(from, inner).as_ref() == Some(&**inner) || matches!(from, Type::Optional(x) if x == inner),
            (from, to) => unify(from, to).as_ref() == Some(to),
        };
        if !fits {
            return Err(Pending::Error(CheckError {
                is_type_error: true,
                message: format!("cannot assign {} to the field '{}' of {}, declared {ty}", v.ty, name.name, class.name),
                span,
                secondary: None,
            }));
        }
        let value = coerce(v, &ty);
        let store = Expr::new(ExprKind::FieldSet { object: Box::new(object), slot, value: Box::new(value) }, Type::None, span);
        out.push(Stmt { kind: StmtKind::Expr(store), span });
        Ok(())
    }
}
