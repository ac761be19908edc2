//! Statement execution and expression evaluation: a tree walk over the AST with slot-resolved locals.

use std::rc::Rc;

use rhumba_grammar::ast::*;
use rhumba_grammar::Symbol;

use super::builtins::Args;
use super::format;
use super::ops;
use super::value::*;
use super::{Frame, Interpreter, MAX_CALL_DEPTH};

/// Raises `KeyboardInterrupt` once after Ctrl-C (the REPL's handler sets the flag).
fn check_interrupt() -> PyResult<()> {
    if super::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
        super::INTERRUPTED.store(false, std::sync::atomic::Ordering::Relaxed);
        rhumba_runtime::abi::clear_interrupt();
        return Err(PyError::new(ErrorKind::KeyboardInterrupt, ""));
    }
    Ok(())
}

/// What a statement asks its enclosing block to do next.
pub(super) enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// A Python iteration in progress, without materialising ranges.
pub(super) enum Iter {
    Range { next: i64, stop: i64, step: i64 },
    Items { items: Rc<Vec<Value>>, next: usize },
    /// A list, read item by item as the loop goes (it may change meanwhile, as in CPython).
    List { list: Rc<std::cell::RefCell<Vec<Value>>>, next: usize },
    Rows { array: Rc<rhumba_runtime::NdArray>, next: usize },
    Enumerate { inner: Box<Iter>, count: i64 },
    Zip(Vec<Iter>),
}

impl Iter {
    pub(super) fn next(&mut self) -> Option<Value> {
        match self {
            Iter::Range { next, stop, step } => {
                let more = if *step > 0 { *next < *stop } else { *next > *stop };
                if !more {
                    return None;
                }
                let v = *next;
                *next = next.wrapping_add(*step);
                // A step that overflows past the end ends the loop instead of wrapping around.
                if (*step > 0 && *next < v) || (*step < 0 && *next > v) {
                    *stop = *next;
                }
                Some(Value::Int(v))
            }
            Iter::Items { items, next } => {
                let v = items.get(*next).cloned();
                *next += 1;
                v
            }
            Iter::List { list, next } => {
                let v = list.borrow().get(*next).cloned();
                *next += 1;
                v
            }
            Iter::Rows { array, next } => {
                if *next >= array.shape[0] {
                    return None;
                }
                let v = ops::index_array(array, &[Value::Int(*next as i64)]).ok();
                *next += 1;
                v
            }
            Iter::Enumerate { inner, count } => {
                let v = inner.next()?;
                let i = *count;
                *count = count.wrapping_add(1);
                Some(Value::tuple(vec![Value::Int(i), v]))
            }
            Iter::Zip(inners) => {
                let mut items = Vec::with_capacity(inners.len());
                for it in inners.iter_mut() {
                    items.push(it.next()?);
                }
                (!items.is_empty()).then(|| Value::tuple(items))
            }
        }
    }
}

impl Interpreter {
    pub(super) fn exec_block(&mut self, body: &[Stmt]) -> PyResult<Flow> {
        for stmt in body {
            match self.exec(stmt).map_err(|e| e.at(stmt.span))? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn exec(&mut self, stmt: &Stmt) -> PyResult<Flow> {
        match &stmt.kind {
            StmtKind::Expr(e) => {
                self.eval(e)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value)?;
                for t in targets {
                    self.assign(t, v.clone())?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(value) = value {
                    let v = self.eval(value)?;
                    self.assign(target, v)?;
                }
            }
            StmtKind::If { test, body, orelse } => {
                return if self.eval(test)?.truthy().map_err(|e| e.at(test.span))? {
                    self.exec_block(body)
                } else {
                    self.exec_block(orelse)
                };
            }
            StmtKind::While { test, body, orelse } => {
                while self.eval(test)?.truthy().map_err(|e| e.at(test.span))? {
                    check_interrupt()?;
                    match self.exec_block(body)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse);
            }
            StmtKind::For { target, iter, body, orelse } => {
                let iterable = self.eval(iter)?;
                let mut it = self.iterate(&iterable).map_err(|e| e.at(iter.span))?;
                // The common `for i in range(...)` binds a plain name: store it directly.
                let slot = match &target.kind {
                    ExprKind::Name(sym) => Some(*sym),
                    _ => None,
                };
                while let Some(item) = it.next() {
                    check_interrupt()?;
                    match slot {
                        Some(sym) => self.store(sym, item),
                        None => self.assign(target, item).map_err(|e| e.at(target.span))?,
                    }
                    match self.exec_block(body)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
                return self.exec_block(orelse);
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass => {}
            StmtKind::Return(v) => {
                let value = match v {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(value));
            }
            StmtKind::Assert { test, msg } => {
                if !self.eval(test)?.truthy()? {
                    let message = match msg {
                        Some(m) => format::str(&self.eval(m)?),
                        None => String::new(),
                    };
                    return Err(PyError::new(ErrorKind::AssertionError, message));
                }
            }
            StmtKind::Raise(None) if !self.handling.is_empty() => {
                // A bare `raise` in a handler re-raises the exception being handled.
                return Err(self.handling.last().cloned().unwrap_or_else(|| PyError::new(ErrorKind::RuntimeError, "No active exception to reraise")));
            }
            StmtKind::Raise(v) => return Err(self.raise(v.as_ref())?),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t).map_err(|e| e.at(t.span))?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                let outcome = match self.exec_block(body) {
                    Err(e) => match self.matching_handler(handlers, &e)? {
                        Some(h) => {
                            if let Some(name) = &h.name {
                                self.store(name.name, super::exceptions::object_of(&e));
                            }
                            self.handling.push(e);
                            let r = self.exec_block(&h.body);
                            self.handling.pop();
                            r
                        }
                        None => Err(e),
                    },
                    Ok(Flow::Normal) => self.exec_block(orelse),
                    other => other,
                };
                if !finalbody.is_empty() {
                    match self.exec_block(finalbody)? {
                        Flow::Normal => {}
                        // `return`/`break` in `finally` replaces the outcome, as in Python.
                        flow => return Ok(flow),
                    }
                }
                return outcome;
            }
            StmtKind::ClassDef(class) => {
                let value = self.class_statement(class)?;
                self.store(class.name.name, value);
            }
            StmtKind::FunctionDef(def) => {
                let f = self.make_function(def.clone())?;
                let mut value = Value::Function(Rc::new(f));
                for deco in def.decorators.iter().rev() {
                    let d = self.eval(deco)?;
                    value = self.call_value(d, Args::positional(vec![value])).map_err(|e| e.at(deco.span))?;
                }
                self.store(def.name.name, value);
            }
            StmtKind::Import(names) => {
                for alias in names {
                    let module = builtins::import_module(&alias.name.dotted()).map_err(|e| e.at(alias.name.span))?;
                    // `import numpy.random` binds `numpy`, as Python does.
                    let (bound, value) = match &alias.asname {
                        Some(a) => (a.name, module),
                        None => {
                            let top = alias.name.parts[0].name;
                            (top, builtins::import_module(top.as_str())?)
                        }
                    };
                    self.store(bound, value);
                }
            }
            StmtKind::ImportFrom { module, names, star } => {
                let m = builtins::import_module(&module.dotted()).map_err(|e| e.at(module.span))?;
                if *star {
                    return Err(not_supported(format!("`from {} import *` is not supported; import the names you use", module.dotted())));
                }
                for alias in names {
                    let name = alias.name.parts[0];
                    let value = self.get_attr(&m, name.name).map_err(|_| {
                        PyError::new(
                            ErrorKind::ImportError,
                            format!("cannot import name '{}' from '{}' (rhumba does not provide it)", name.name, module.dotted()),
                        )
                        .at(name.span)
                    })?;
                    self.store(alias.asname.map_or(name.name, |a| a.name), value);
                }
            }
            StmtKind::Global(_) => {}
        }
        Ok(Flow::Normal)
    }

    /// `class Name(bases): body`: an exception class (bases that are exception classes, a body of
    /// `pass` or a docstring), or a plain class of methods, properties and class attributes,
    /// then its decorators (`@jitclass(spec)` returns the class).
    fn class_statement(&mut self, class: &rhumba_grammar::ast::ClassDef) -> PyResult<Value> {
        let name = class.name.name.as_str();
        let mut bases = Vec::new();
        for b in &class.bases {
            // `class C(object)`: every class's base.
            if matches!(&b.kind, ExprKind::Name(n) if n.as_str() == "object") {
                continue;
            }
            bases.push(self.eval(b)?);
        }
        let mut value = if !bases.is_empty() && bases.iter().all(|b| matches!(b, Value::ExceptionClass(_))) {
            let only_docs = class.body.iter().all(|s| matches!(&s.kind, StmtKind::Pass) || matches!(&s.kind, StmtKind::Expr(e) if matches!(e.kind, ExprKind::Str(_))));
            if !only_docs {
                return Err(not_supported(format!("class {name}: exception classes with methods or attributes are not supported yet")));
            }
            super::exceptions::subclass(name, &bases)?
        } else {
            if !bases.is_empty() {
                return Err(not_supported(format!("class {name}: inheritance from classes other than exceptions is not supported yet")));
            }
            let c = super::classes::new_class(name);
            for s in &class.body {
                match &s.kind {
                    StmtKind::Pass => {}
                    StmtKind::Expr(e) if matches!(e.kind, ExprKind::Str(_)) => {}
                    StmtKind::FunctionDef(def) => {
                        let f = Value::Function(Rc::new(self.make_function(def.clone())?));
                        let deco = |n: &str| def.decorators.iter().any(|d| matches!(&d.kind, ExprKind::Name(s) if s.as_str() == n));
                        if def.decorators.len() > 1 || (!def.decorators.is_empty() && !deco("property") && !deco("staticmethod")) {
                            return Err(not_supported(format!("class {name}: method decorators other than @property and @staticmethod are not supported yet")).at(s.span));
                        }
                        let table = if deco("property") {
                            &c.properties
                        } else if deco("staticmethod") {
                            &c.statics
                        } else {
                            &c.attrs
                        };
                        table.borrow_mut().insert(def.name.name, f);
                    }
                    StmtKind::Assign { targets, value } if targets.len() == 1 && matches!(targets[0].kind, ExprKind::Name(_)) => {
                        let ExprKind::Name(n) = targets[0].kind else { unreachable!("matched above") };
                        let v = self.eval(value)?;
                        c.attrs.borrow_mut().insert(n, v);
                    }
                    _ => return Err(not_supported(format!("class {name}: only methods, properties and class attributes are supported in a class body")).at(s.span)),
                }
            }
            Value::Class(c)
        };
        for deco in class.decorators.iter().rev() {
            let d = self.eval(deco)?;
            value = self.call_value(d, Args::positional(vec![value])).map_err(|e| e.at(deco.span))?;
        }
        Ok(value)
    }

    /// `del target`: an item of a dict or list.
    fn delete(&mut self, target: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Subscript { value, index } => match self.eval(value)? {
                Value::Dict(d) => {
                    let k = self.eval_index(index)?;
                    super::dict::delete(&d, &k)
                }
                Value::List(l) => {
                    let i = self.eval_index(index)?.as_index()?;
                    let mut items = l.borrow_mut();
                    let n = items.len() as i64;
                    let j = if i < 0 { i + n } else { i };
                    if !(0..n).contains(&j) {
                        return Err(PyError::new(ErrorKind::IndexError, "list assignment index out of range"));
                    }
                    items.remove(j as usize);
                    Ok(())
                }
                other => Err(type_error(format!("'{}' object does not support item deletion", other.type_name()))),
            },
            ExprKind::Tuple(items) => items.iter().try_for_each(|t| self.delete(t)),
            _ => Err(not_supported("`del` of a name or attribute is not supported yet")),
        }
    }

    /// The first handler of a `try` that catches `e` (a bare `except:` catches everything).
    /// A handler's class expression is evaluated when an exception reaches it, as in Python; one
    /// rhumba cannot evaluate (`np.linalg.LinAlgError`) is matched by its name.
    fn matching_handler<'h>(&mut self, handlers: &'h [rhumba_grammar::ast::ExceptHandler], e: &PyError) -> PyResult<Option<&'h rhumba_grammar::ast::ExceptHandler>> {
        for h in handlers {
            let Some(kind) = &h.kind else { return Ok(Some(h)) };
            let caught = match self.eval(kind) {
                Ok(class @ (Value::ExceptionClass(_) | Value::Tuple(_))) => super::exceptions::catches(&class, e) || handler_catches(kind, &e.class),
                _ => handler_catches(kind, &e.class),
            };
            if caught {
                return Ok(Some(h));
            }
        }
        Ok(None)
    }

    fn raise(&mut self, value: Option<&Expr>) -> PyResult<PyError> {
        // (`raise` alone outside a handler.)
        let Some(e) = value else {
            return Ok(PyError::new(ErrorKind::RuntimeError, "No active exception to reraise"));
        };
        let value = self.eval(e)?;
        super::exceptions::raise(value)
    }

    // ------------------------------------------------------------------ names

    fn frame_slot(&self, sym: Symbol) -> Option<usize> {
        self.frames.last().and_then(|f| f.function.locals.iter().position(|s| *s == sym))
    }

    pub(super) fn store(&mut self, sym: Symbol, value: Value) {
        if let Some(slot) = self.frame_slot(sym) {
            if let Some(frame) = self.frames.last_mut() {
                frame.values[slot] = Some(match &frame.coerce {
                    Some(c) => c.store(slot, value),
                    None => value,
                });
                return;
            }
        }
        self.globals.insert(sym, value);
    }

    pub(super) fn lookup(&mut self, sym: Symbol) -> PyResult<Value> {
        // A prelude function's free names are the prelude's own (see `numpy_prelude.rs`).
        if self.frames.last().is_some_and(|f| f.in_prelude && !f.function.locals.contains(&sym)) {
            if let Some(v) = self.prelude_name(sym) {
                return Ok(v);
            }
        }
        if let Some(frame) = self.frames.last() {
            if let Some(slot) = frame.function.locals.iter().position(|s| *s == sym) {
                return frame.values[slot].clone().ok_or_else(|| {
                    PyError::new(
                        ErrorKind::UnboundLocalError,
                        format!("cannot access local variable '{}' where it is not associated with a value", rhumba_compiler::ssa_names::display_name(sym.as_str())),
                    )
                });
            }
            if let Some((_, v)) = frame.function.captured.iter().find(|(s, _)| *s == sym) {
                return Ok(v.clone());
            }
        }
        if let Some(v) = self.globals.get(&sym) {
            return Ok(v.clone());
        }
        if let Some(v) = self.builtins.get(&sym) {
            return Ok(v.clone());
        }
        Err(self.name_error(sym))
    }

    fn name_error(&self, sym: Symbol) -> PyError {
        let name = sym.as_str();
        let mut candidates: Vec<&str> = self.globals.keys().chain(self.builtins.keys()).map(|s| s.as_str()).collect();
        if let Some(frame) = self.frames.last() {
            candidates.extend(frame.function.locals.iter().map(|s| s.as_str()));
        }
        let best = candidates
            .into_iter()
            .filter(|c| *c != name)
            .map(|c| (strsim::damerau_levenshtein(c, name), c))
            .filter(|(d, c)| *d * 3 <= c.len().max(name.len()))
            .min();
        let hint = best.map(|(_, c)| format!(". Did you mean: '{c}'?")).unwrap_or_default();
        PyError::new(ErrorKind::NameError, format!("name '{name}' is not defined{hint}"))
    }

    // ------------------------------------------------------------------ assignment

    pub(super) fn assign(&mut self, target: &Expr, value: Value) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(sym) => {
                self.store(*sym, value);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let values = self.unpack(&value, items.len())?;
                for (t, v) in items.iter().zip(values) {
                    self.assign(t, v)?;
                }
                Ok(())
            }
            ExprKind::Subscript { value: container, index } => {
                let c = self.eval(container)?;
                let idx = self.eval_index(index)?;
                if let (Value::List(list), Value::Slice(slice)) = (&c, &idx) {
                    // `xs[a:b] = iterable`: the items are taken first, so that `xs[1:] = xs`
                    // reads the list as it was.
                    let items = self.collect(&value).map_err(|e| e.at(target.span))?;
                    return ops::set_list_slice(list, slice, items).map_err(|e| e.at(target.span));
                }
                ops::set_item(&c, &idx, value).map_err(|e| e.at(target.span))
            }
            ExprKind::Attribute { value: owner, attr } => {
                let o = self.eval(owner)?;
                super::classes::set_field(&o, attr.name, value).map_err(|e| e.at(target.span))
            }
            _ => Err(PyError::new(ErrorKind::TypeError, "cannot assign to this expression")),
        }
    }

    fn unpack(&mut self, value: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items: Vec<Value> = match value {
            Value::Tuple(t) => t.as_ref().clone(),
            Value::List(l) => l.borrow().clone(),
            other => {
                let mut it = self.iterate(other)?;
                std::iter::from_fn(|| it.next()).collect()
            }
        };
        if items.len() != n {
            let msg = if items.len() > n {
                format!("too many values to unpack (expected {n})")
            } else {
                format!("not enough values to unpack (expected {n}, got {})", items.len())
            };
            let mut err = value_error(msg);
            if ops::in_numba_semantics() && matches!(value, Value::Array(_)) {
                // Numba unpacks an array of the wrong length with a bare ValueError().
                err.args = Some(vec![]);
            }
            return Err(err);
        }
        Ok(items)
    }

    /// The value `x op= rhs` leaves in `x`: numpy arrays and lists (for `+=`) are updated in
    /// place, so every other name for them sees the change; other values are replaced.
    fn updated(&mut self, op: BinOp, current: Value, rhs: &Value) -> PyResult<Value> {
        match &current {
            Value::Array(a) => {
                let r = ops::binop(op, &current, rhs)?;
                ops::assign_into(a, &r)?;
                Ok(current)
            }
            Value::List(l) if op == BinOp::Add => {
                let extra = self.collect(rhs)?;
                l.borrow_mut().extend(extra);
                Ok(current)
            }
            _ => ops::binop(op, &current, rhs),
        }
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(sym) => {
                let current = self.lookup(*sym)?;
                let rhs = self.eval(value)?;
                let result = self.updated(op, current, &rhs)?;
                self.store(*sym, result);
                Ok(())
            }
            ExprKind::Subscript { value: container, index } => {
                let c = self.eval(container)?;
                let idx = self.eval_index(index)?;
                let current = ops::get_item(&c, &idx)?;
                let rhs = self.eval(value)?;
                let result = ops::binop(op, &current, &rhs)?;
                ops::set_item(&c, &idx, result)
            }
            ExprKind::Attribute { value: owner, attr } => {
                let o = self.eval(owner)?;
                let current = self.get_attr(&o, attr.name)?;
                let rhs = self.eval(value)?;
                let result = self.updated(op, current, &rhs)?;
                super::classes::set_field(&o, attr.name, result)
            }
            _ => Err(PyError::new(ErrorKind::TypeError, "illegal expression for augmented assignment")),
        }
    }

    // ------------------------------------------------------------------ expressions

    pub(super) fn eval(&mut self, expr: &Expr) -> PyResult<Value> {
        self.eval_inner(expr).map_err(|e| e.at(expr.span))
    }

    fn eval_inner(&mut self, expr: &Expr) -> PyResult<Value> {
        Ok(match &expr.kind {
            ExprKind::Name(sym) => self.lookup(*sym)?,
            ExprKind::Int(v) => Value::Int(*v as i64),
            ExprKind::Float(v) => Value::Float(*v),
            ExprKind::Imaginary(v) => Value::Complex(0.0, *v),
            ExprKind::Set(_) => return Err(not_supported("set literals are not supported yet")),
            ExprKind::Dict { keys, values } => {
                let mut entries = Vec::with_capacity(keys.len());
                for (k, v) in keys.iter().zip(values) {
                    entries.push((self.eval(k)?, self.eval(v)?));
                }
                // A dict made inside a `@jit` function is Numba's typed Dict.
                super::dict::new(entries, ops::in_numba_semantics())?
            }
            ExprKind::Str(s) => Value::Str(s.clone()),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::None => Value::None,
            ExprKind::FString(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        FStringPart::Literal(s) => out.push_str(s),
                        FStringPart::Hole { value, spec } => {
                            let v = self.eval(value)?;
                            out.push_str(&format::format_spec(&v, spec.as_deref().unwrap_or(""))?);
                        }
                    }
                }
                Value::str(&out)
            }
            ExprKind::Tuple(items) => Value::tuple(self.eval_all(items)?),
            ExprKind::List(items) => Value::list(self.eval_all(items)?),
            ExprKind::ListComp { elt, generators } => {
                let mut out = Vec::new();
                self.comprehension(elt, generators, &mut out)?;
                Value::list(out)
            }
            ExprKind::BinOp { op, left, right } => {
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                if self.in_decorated_function() {
                    ops::binop_numba(*op, &l, &r)?
                } else {
                    ops::binop(*op, &l, &r)?
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand)?;
                ops::unary(*op, &v)?
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, e) in values.iter().enumerate() {
                    last = self.eval(e)?;
                    let t = last.truthy()?;
                    let decided = match op {
                        BoolOp::And => !t,
                        BoolOp::Or => t,
                    };
                    if decided || i + 1 == values.len() {
                        break;
                    }
                }
                last
            }
            ExprKind::Compare { left, ops: comparisons } => {
                let mut l = self.eval(left)?;
                let mut result = Value::Bool(true);
                for (op, right) in comparisons {
                    let r = self.eval(right)?;
                    result = ops::compare(*op, &l, &r)?;
                    // An elementwise array comparison is not chained; a false scalar one stops the chain.
                    if !matches!(result, Value::Array(_)) && !result.truthy()? {
                        return Ok(Value::Bool(false));
                    }
                    l = r;
                }
                result
            }
            ExprKind::IfExp { test, body, orelse } => {
                if self.eval(test)?.truthy()? {
                    self.eval(body)?
                } else {
                    self.eval(orelse)?
                }
            }
            ExprKind::Call { func, args, keywords } => self.eval_call(func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                let v = self.eval(value)?;
                self.get_attr(&v, attr.name)?
            }
            ExprKind::Subscript { value, index } => {
                let c = self.eval(value)?;
                // Fast path for `a[i, j]` on arrays: no tuple is built for the index.
                if let (Value::Array(a), ExprKind::Tuple(items)) = (&c, &index.kind) {
                    if items.len() == a.ndim() && items.len() <= 8 {
                        let mut idx = [0i64; 8];
                        for (k, item) in items.iter().enumerate() {
                            match self.eval(item)? {
                                Value::Int(i) => idx[k] = i,
                                other => {
                                    let mut rest: Vec<Value> = idx[..k].iter().map(|i| Value::Int(*i)).collect();
                                    rest.push(other);
                                    for more in &items[k + 1..] {
                                        rest.push(self.eval(more)?);
                                    }
                                    return ops::index_array(a, &rest);
                                }
                            }
                        }
                        return ops::array_element(a, &idx[..items.len()]);
                    }
                }
                let idx = self.eval_index(index)?;
                ops::get_item(&c, &idx)?
            }
            ExprKind::Slice { .. } => self.eval_index(expr)?,
            ExprKind::Lambda(def) => Value::Function(Rc::new(self.make_function(def.clone())?)),
            ExprKind::Starred(_) => return Err(type_error("`*` unpacking is only allowed in call arguments")),
        })
    }

    fn eval_all(&mut self, items: &[Expr]) -> PyResult<Vec<Value>> {
        items.iter().map(|e| self.eval(e)).collect()
    }

    /// Evaluates a subscript index; slices become `Value::Slice`.
    fn eval_index(&mut self, index: &Expr) -> PyResult<Value> {
        match &index.kind {
            ExprKind::Slice { lower, upper, step } => {
                let mut part = |e: &Option<Box<Expr>>| -> PyResult<Option<i64>> {
                    match e {
                        None => Ok(None),
                        Some(e) => match self.eval(e)? {
                            Value::None => Ok(None),
                            v => v.as_index().map(Some).map_err(|_| {
                                type_error("slice indices must be integers or None").at(e.span)
                            }),
                        },
                    }
                };
                Ok(Value::slice(part(lower)?, part(upper)?, part(step)?))
            }
            ExprKind::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    out.push(self.eval_index(i)?);
                }
                Ok(Value::tuple(out))
            }
            _ => self.eval(index),
        }
    }

    fn comprehension(&mut self, elt: &Expr, generators: &[Comprehension], out: &mut Vec<Value>) -> PyResult<()> {
        let Some((first, rest)) = generators.split_first() else {
            out.push(self.eval(elt)?);
            return Ok(());
        };
        let iterable = self.eval(&first.iter)?;
        let mut it = self.iterate(&iterable)?;
        'items: while let Some(item) = it.next() {
            self.assign(&first.target, item)?;
            for cond in &first.ifs {
                if !self.eval(cond)?.truthy()? {
                    continue 'items;
                }
            }
            self.comprehension(elt, rest, out)?;
        }
        Ok(())
    }

    pub(super) fn iterate(&mut self, value: &Value) -> PyResult<Iter> {
        Ok(match value {
            Value::Range(r) => Iter::Range { next: r.start, stop: r.stop, step: r.step },
            Value::Tuple(items) => Iter::Items { items: items.clone(), next: 0 },
            Value::List(list) => Iter::List { list: list.clone(), next: 0 },
            // Over a snapshot of the keys (Python raises if the dict changes size meanwhile).
            Value::Dict(d) => Iter::Items { items: Rc::new(super::dict::keys(d)), next: 0 },
            Value::Lazy(lazy) => match &**lazy {
                LazyIterable::Enumerate { source, start } => Iter::Enumerate { inner: Box::new(self.iterate(source)?), count: *start },
                LazyIterable::Zip(sources) => Iter::Zip(sources.iter().map(|s| self.iterate(s)).collect::<PyResult<_>>()?),
            },
            Value::Str(s) => Iter::Items { items: Rc::new(s.chars().map(|c| Value::str(&c.to_string())).collect()), next: 0 },
            Value::Array(a) => {
                if a.ndim() == 0 {
                    return Err(type_error("iteration over a 0-d array"));
                }
                Iter::Rows { array: a.clone(), next: 0 }
            }
            other => return Err(type_error(format!("'{}' object is not iterable", other.type_name()))),
        })
    }

    /// All items of an iterable, as a vector.
    pub(super) fn collect(&mut self, value: &Value) -> PyResult<Vec<Value>> {
        let mut it = self.iterate(value)?;
        Ok(std::iter::from_fn(|| it.next()).collect())
    }

    // ------------------------------------------------------------------ calls

    fn eval_call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> PyResult<Value> {
        // `x.method(...)` calls the method directly instead of building a bound method first.
        if let ExprKind::Attribute { value, attr } = &func.kind {
            let receiver = self.eval(value)?;
            if !matches!(receiver, Value::Module(_)) {
                let a = self.eval_args(args, keywords)?;
                return self.call_method(&receiver, attr.name, a);
            }
            let f = self.get_attr(&receiver, attr.name).map_err(|e| e.at(func.span))?;
            let a = self.eval_args(args, keywords)?;
            return self.call_value(f, a);
        }
        let f = self.eval(func)?;
        let a = self.eval_args(args, keywords)?;
        self.call_value(f, a)
    }

    fn eval_args(&mut self, args: &[Expr], keywords: &[Keyword]) -> PyResult<Args> {
        let mut pos = Vec::with_capacity(args.len());
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    let v = self.eval(inner)?;
                    pos.extend(self.collect(&v).map_err(|e| e.at(inner.span))?);
                }
                _ => pos.push(self.eval(a)?),
            }
        }
        let mut kw = Vec::with_capacity(keywords.len());
        for k in keywords {
            kw.push((k.name.name, self.eval(&k.value)?));
        }
        Ok(Args { pos, kw })
    }

    pub(super) fn call_value(&mut self, f: Value, args: Args) -> PyResult<Value> {
        match f {
            Value::Function(func) => self.call_dispatch(&func, args),
            Value::Builtin(b) => (b.func)(self, args, b.name),
            Value::BoundMethod(m) => {
                let (receiver, name) = m.as_ref().clone();
                self.call_method(&receiver, name, args)
            }
            Value::ScalarType(d) => numpy::dtype_call(self, d, args),
            Value::NumbaType(t) => numba_api::type_call(t, args),
            Value::Decorator(d) => numba_api::apply_decorator(&d, args),
            Value::Cuda(o) => super::cuda::method(self, &o, "__call__", args),
            Value::Class(class) => {
                let instance = Value::Instance(super::classes::new_instance(&class));
                if let Some(init) = class.attrs.borrow().get(&Symbol::intern("__init__")).cloned() {
                    let mut pos = Vec::with_capacity(args.pos.len() + 1);
                    pos.push(instance.clone());
                    pos.extend(args.pos);
                    let result = self.call_value(init, Args { pos, kw: args.kw })?;
                    if !matches!(result, Value::None) {
                        return Err(type_error("__init__() should return None"));
                    }
                } else if !args.pos.is_empty() || !args.kw.is_empty() {
                    return Err(type_error(format!("{}() takes no arguments", class.name)));
                }
                Ok(instance)
            }
            Value::ExceptionClass(class) => {
                if !args.kw.is_empty() {
                    return Err(type_error(format!("{}() takes no keyword arguments", class.name)));
                }
                Ok(Value::Exception(Rc::new(super::exceptions::ExceptionValue { class, args: args.pos })))
            }
            other => Err(type_error(format!("'{}' object is not callable", other.type_name()))),
        }
    }

    fn call_dispatch(&mut self, func: &Rc<Function>, args: Args) -> PyResult<Value> {
        match &func.dispatch {
            Dispatch::Plain => self.call_function(func, args),
            Dispatch::Jit { signatures, .. } if signatures.is_empty() => {
                // Keywords, defaults and `*args` are bound here; compiled code takes one value
                // per parameter (and a tuple for `*args`), as Numba's dispatcher passes them.
                let bound = self.bind_arguments(func, args)?;
                if self.jit.is_some() {
                    if let Some(v) = self.call_compiled(func, &bound)? {
                        return Ok(v);
                    }
                }
                // Interpreted with Numba's semantics (int64 wraps around). A result returned to
                // host code becomes Python scalars, as Numba's dispatcher boxes them.
                let from_host = !ops::in_numba_semantics();
                let result = ops::with_numba_semantics(|| self.call_interpreted_jit(func, bound))?;
                Ok(if from_host { python_scalars(result) } else { result })
            }
            Dispatch::Jit { signatures, .. } => {
                let (converted, ret) = numba_api::match_signature(func.name(), signatures, args)?;
                let bound = self.bind_arguments(func, converted)?;
                let compiled = if self.jit.is_some() { self.call_compiled(func, &bound)? } else { None };
                let result = match compiled {
                    Some(v) => v,
                    None => ops::with_numba_semantics(|| self.call_interpreted_jit(func, bound))?,
                };
                numba_api::convert_return(result, ret.as_ref())
            }
            Dispatch::Vectorize { signatures, cuda: true, .. } => super::cuda::call_ufunc(self, func, signatures, args),
            Dispatch::Vectorize { signatures, parallel, .. } => numba_api::call_vectorized(self, func, signatures, *parallel, args),
            Dispatch::GuVectorize { signatures, layout, kernel, .. } => self.call_gufunc(func, &kernel.0, signatures, layout, args),
            Dispatch::Cuda { device: false, .. } => Err(type_error(format!(
                "the CUDA kernel {}() needs a launch configuration: call it as {}[blocks, threads](...)",
                func.name(),
                func.name()
            ))),
            // A device function called from host code runs interpreted, as in Numba's simulator.
            Dispatch::Cuda { device: true, .. } => ops::with_numba_semantics(|| self.call_function(func, args)),
        }
    }

    /// Runs a `@jit` function interpreted. Under `--no-jit` its variables take the types the
    /// checker gives them (an int stored where the variable is a float elsewhere becomes a
    /// float), so that the interpreter gives compiled code's and Numba's answers; a function
    /// the checker cannot type runs as written.
    fn call_interpreted_jit(&mut self, func: &Rc<Function>, bound: Vec<Value>) -> PyResult<Value> {
        let variant = if self.jit.is_none() { self.typed_variant(func, &bound) } else { None };
        match variant {
            Some(v) => {
                let result = self.run_frame(&v.function, bound, Some(v.coercions.clone()))?;
                v.coercions.result(result)
            }
            None => self.run_frame(func, bound, None),
        }
    }

    /// Calls a user function with Python's argument binding; errors gain a traceback frame.
    pub(super) fn call_function(&mut self, func: &Rc<Function>, args: Args) -> PyResult<Value> {
        self.call_function_with(func, args, None)
    }

    /// Binds a call's arguments as Python does: positional, keywords by name, then defaults,
    /// and the extra positional arguments of a `*args` function as a tuple; one value per
    /// parameter (and the tuple last).
    pub(super) fn bind_arguments(&self, func: &Function, args: Args) -> PyResult<Vec<Value>> {
        let params = &func.def.params;
        // The common call, every parameter given by position: nothing to bind (a hot path).
        if args.kw.is_empty() && args.pos.len() == params.len() && func.def.vararg.is_none() {
            return Ok(args.pos);
        }
        let mut args = args;
        let extra = if func.def.vararg.is_some() && args.pos.len() > params.len() { args.pos.split_off(params.len()) } else { Vec::new() };
        if args.pos.len() > params.len() {
            return Err(type_error(format!(
                "{}() takes {} positional argument{} but {} were given",
                func.name(),
                params.len(),
                if params.len() == 1 { "" } else { "s" },
                args.pos.len()
            )));
        }
        let mut values: Vec<Option<Value>> = vec![None; params.len()];
        let n_pos = args.pos.len();
        for (slot, v) in args.pos.into_iter().enumerate() {
            values[slot] = Some(v);
        }
        for (name, v) in args.kw {
            match params.iter().position(|p| p.name.name == name) {
                Some(slot) if slot < n_pos || values[slot].is_some() => {
                    return Err(type_error(format!("{}() got multiple values for argument '{name}'", func.name())))
                }
                Some(slot) => values[slot] = Some(v),
                None => return Err(type_error(format!("{}() got an unexpected keyword argument '{name}'", func.name()))),
            }
        }
        let mut bound = Vec::with_capacity(params.len() + 1);
        for (slot, p) in params.iter().enumerate() {
            match (values[slot].take(), &func.defaults[slot]) {
                (Some(v), _) => bound.push(v),
                (None, Some(d)) => bound.push(d.clone()),
                (None, None) => return Err(type_error(format!("{}() missing required argument: '{}'", func.name(), p.name.name))),
            }
        }
        if func.def.vararg.is_some() {
            bound.push(Value::tuple(extra));
        }
        Ok(bound)
    }

    fn call_function_with(&mut self, func: &Rc<Function>, args: Args, coerce: Option<Rc<super::jit::Coercions>>) -> PyResult<Value> {
        let bound = self.bind_arguments(func, args)?;
        self.run_frame(func, bound, coerce)
    }

    /// Runs `func`'s body on bound arguments (see [`Self::bind_arguments`]).
    pub(super) fn run_frame(&mut self, func: &Rc<Function>, bound: Vec<Value>, coerce: Option<Rc<super::jit::Coercions>>) -> PyResult<Value> {
        if self.frames.len() >= MAX_CALL_DEPTH {
            return Err(PyError::new(ErrorKind::RecursionError, "maximum recursion depth exceeded"));
        }
        let mut values: Vec<Option<Value>> = Vec::with_capacity(func.locals.len());
        values.extend(bound.into_iter().map(Some));
        values.resize(func.locals.len().max(values.len()), None);
        if let Some(c) = &coerce {
            for (slot, v) in values.iter_mut().enumerate() {
                if let Some(value) = v.take() {
                    *v = Some(c.store(slot, value));
                }
            }
        }
        let in_prelude = func.def.span.start >= rhumba_compiler::prelude::PRELUDE_BASE;
        self.frames.push(Frame { function: func.clone(), values, coerce, in_prelude });
        let result = self.exec_block(&func.def.body);
        self.frames.pop();
        match result {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(mut e) => {
                let span = e.span.take().unwrap_or(func.def.span);
                e.frames.push((func.name().to_string(), span));
                Err(e)
            }
        }
    }

    /// Builds a function value from its definition: the slot table, defaults and captures.
    pub(super) fn make_function(&mut self, def: Rc<FunctionDef>) -> PyResult<Function> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(e) => Some(self.eval(e)?),
                None => None,
            });
        }
        let locals = scope::locals_of(&def);
        // Inner functions capture the current values of the enclosing function's variables
        // (Numba's closures do the same: they cannot rebind outer variables).
        let captured = match self.frames.last() {
            Some(frame) => {
                let mut c: Vec<(Symbol, Value)> = frame
                    .function
                    .locals
                    .iter()
                    .zip(&frame.values)
                    .filter_map(|(s, v)| v.clone().map(|v| (*s, v)))
                    .collect();
                c.extend(frame.function.captured.iter().cloned());
                c
            }
            None => Vec::new(),
        };
        Ok(Function { def, locals: locals.into(), defaults, captured: Rc::new(captured), dispatch: Dispatch::Plain })
    }

    // ------------------------------------------------------------------ attributes and methods

    pub(super) fn get_attr(&mut self, value: &Value, attr: Symbol) -> PyResult<Value> {
        match value {
            Value::Module(m) => builtins::module_attr(*m, attr.as_str()),
            Value::Array(a) => numpy::array_attr(a, attr.as_str())
                .unwrap_or_else(|| Ok(Value::BoundMethod(Rc::new((value.clone(), attr))))),
            Value::Complex(..) | Value::C64(..) => match attr.as_str() {
                "real" | "imag" => Ok(super::complex::part(value, attr.as_str() == "imag").unwrap_or(Value::Float(0.0))),
                "dtype" => Ok(Value::DType(value.scalar_dtype().unwrap_or(rhumba_runtime::DType::Complex128))),
                _ => Ok(Value::BoundMethod(Rc::new((value.clone(), attr)))),
            },
            Value::Float(_) | Value::Int(_) | Value::F32(_) | Value::Bool(_) => match attr.as_str() {
                "real" => Ok(value.clone()),
                "imag" => Ok(match value {
                    Value::Float(_) => Value::Float(0.0),
                    Value::F32(_) => Value::F32(0.0),
                    _ => Value::Int(0),
                }),
                "dtype" => Ok(Value::DType(value.scalar_dtype().unwrap_or(rhumba_runtime::DType::Float64))),
                _ => Ok(Value::BoundMethod(Rc::new((value.clone(), attr)))),
            },
            Value::Function(f) => match attr.as_str() {
                "__name__" => Ok(Value::str(f.name())),
                "py_func" => Ok(Value::Function(Rc::new(Function {
                    def: f.def.clone(),
                    locals: f.locals.clone(),
                    defaults: f.defaults.clone(),
                    captured: f.captured.clone(),
                    dispatch: Dispatch::Plain,
                }))),
                other => Err(PyError::new(ErrorKind::AttributeError, format!("function has no attribute '{other}'"))),
            },
            Value::DType(d) | Value::ScalarType(d) => match attr.as_str() {
                "name" => Ok(Value::str(d.name())),
                "itemsize" => Ok(Value::Int(d.size() as i64)),
                other => Err(PyError::new(ErrorKind::AttributeError, format!("dtype has no attribute '{other}'"))),
            },
            Value::List(_) | Value::Str(_) | Value::Tuple(_) => Ok(Value::BoundMethod(Rc::new((value.clone(), attr)))),
            Value::SpecType(_) if attr.as_str() == "define" => Ok(Value::BoundMethod(Rc::new((value.clone(), attr)))),
            Value::Cuda(o) => super::cuda::attr(value, o, attr.as_str()),
            Value::Instance(i) => match super::classes::member(i, attr) {
                Some(super::classes::Member::Value(v)) => Ok(v),
                Some(super::classes::Member::Method(_)) => Ok(Value::BoundMethod(Rc::new((value.clone(), attr)))),
                Some(super::classes::Member::Property(getter)) => self.call_value(getter, Args::positional(vec![value.clone()])),
                None => Err(PyError::new(ErrorKind::AttributeError, format!("'{}' object has no attribute '{attr}'", i.class.name))),
            },
            Value::Class(c) => super::classes::class_attribute(c, attr.as_str())
                .ok_or_else(|| PyError::new(ErrorKind::AttributeError, format!("type object '{}' has no attribute '{attr}'", c.name))),
            Value::Builtin(b) => match attr.as_str() {
                "__name__" => Ok(Value::str(b.name)),
                other => super::typed_containers::class_attr(b.name, other)
                    .ok_or_else(|| PyError::new(ErrorKind::AttributeError, format!("'builtin_function_or_method' object has no attribute '{other}'"))),
            },
            Value::Exception(_) | Value::ExceptionClass(_) => super::exceptions::attribute(value, attr.as_str())
                .ok_or_else(|| PyError::new(ErrorKind::AttributeError, format!("'{}' object has no attribute '{attr}'", value.type_name()))),
            other => Err(PyError::new(
                ErrorKind::AttributeError,
                format!("'{}' object has no attribute '{attr}'", other.type_name()),
            )),
        }
    }

    pub(super) fn call_method(&mut self, receiver: &Value, name: Symbol, args: Args) -> PyResult<Value> {
        match receiver {
            Value::Array(a) => numpy::array_method(self, a, name.as_str(), args),
            Value::List(l) => builtins::list_method(self, l, name.as_str(), args),
            Value::Instance(i) => match super::classes::member(i, name) {
                Some(super::classes::Member::Method(f)) => {
                    let mut pos = Vec::with_capacity(args.pos.len() + 1);
                    pos.push(receiver.clone());
                    pos.extend(args.pos);
                    self.call_value(f, Args { pos, kw: args.kw })
                }
                Some(super::classes::Member::Value(f)) => self.call_value(f, args),
                Some(super::classes::Member::Property(getter)) => {
                    let v = self.call_value(getter, Args::positional(vec![receiver.clone()]))?;
                    self.call_value(v, args)
                }
                None => Err(PyError::new(ErrorKind::AttributeError, format!("'{}' object has no attribute '{name}'", i.class.name))),
            },
            Value::Class(c) => match super::classes::class_attribute(c, name.as_str()) {
                Some(f) => self.call_value(f, args),
                None => Err(PyError::new(ErrorKind::AttributeError, format!("type object '{}' has no attribute '{name}'", c.name))),
            },
            Value::Builtin(b) if super::typed_containers::class_attr(b.name, name.as_str()).is_some() => {
                let f = super::typed_containers::class_attr(b.name, name.as_str()).unwrap_or(Value::None);
                self.call_value(f, args)
            }
            Value::SpecType(s) if name.as_str() == "define" => match (&**s, args.pos.as_slice()) {
                (super::classes::SpecType::Deferred(cell), [t]) => {
                    *cell.borrow_mut() = Some(t.clone());
                    Ok(Value::None)
                }
                _ => Err(type_error("define() takes one type, on a deferred_type()")),
            },
            Value::Dict(d) => {
                if !args.kw.is_empty() {
                    return Err(type_error(format!("dict.{name}() takes no keyword arguments")));
                }
                super::dict::method(d, name.as_str(), &args.pos)
            }
            Value::Cuda(o) => super::cuda::method(self, o, name.as_str(), args),
            Value::Str(s) => builtins::str_method(self, s, name.as_str(), args),
            Value::Module(_) | Value::Function(_) | Value::DType(_) | Value::ScalarType(_) => {
                let f = self.get_attr(receiver, name)?;
                self.call_value(f, args)
            }
            Value::Complex(..) | Value::C64(..) => match name.as_str() {
                "conjugate" | "conj" => Ok(super::complex::conjugate(receiver).unwrap_or_else(|| receiver.clone())),
                "item" => Ok(receiver.clone()),
                other => Err(PyError::new(ErrorKind::AttributeError, format!("'{}' object has no attribute '{other}'", receiver.type_name()))),
            },
            Value::Int(_) | Value::Float(_) | Value::F32(_) | Value::Bool(_) => match name.as_str() {
                "item" => Ok(receiver.clone()),
                "is_integer" => Ok(Value::Bool(receiver.as_f64()?.fract() == 0.0)),
                "conjugate" => Ok(receiver.clone()),
                other => Err(PyError::new(
                    ErrorKind::AttributeError,
                    format!("'{}' object has no attribute '{other}'", receiver.type_name()),
                )),
            },
            Value::Tuple(t) => match name.as_str() {
                "index" => {
                    let x = args.one("index")?;
                    t.iter()
                        .position(|v| ops::values_equal(v, &x))
                        .map(|i| Value::Int(i as i64))
                        .ok_or_else(|| value_error("tuple.index(x): x not in tuple"))
                }
                "count" => {
                    let x = args.one("count")?;
                    Ok(Value::Int(t.iter().filter(|v| ops::values_equal(v, &x)).count() as i64))
                }
                other => Err(PyError::new(ErrorKind::AttributeError, format!("'tuple' object has no attribute '{other}'"))),
            },
            other => Err(PyError::new(
                ErrorKind::AttributeError,
                format!("'{}' object has no attribute '{name}'", other.type_name()),
            )),
        }
    }
}

use super::{builtins, numba_api, numpy};

/// Python's scoping rule: a name assigned anywhere in a function body is local to it.
pub(super) mod scope {
    use super::*;

    pub fn locals_of(def: &FunctionDef) -> Vec<Symbol> {
        let mut names: Vec<Symbol> = def.params.iter().map(|p| p.name.name).collect();
        // The `*args` tuple takes the slot right after the parameters.
        if let Some(v) = def.vararg {
            names.push(v.name);
        }
        let mut globals = Vec::new();
        for s in &def.body {
            stmt(s, &mut names, &mut globals);
        }
        names.retain(|n| !globals.contains(n));
        names
    }

    fn add(names: &mut Vec<Symbol>, sym: Symbol) {
        if !names.contains(&sym) {
            names.push(sym);
        }
    }

    fn target(e: &Expr, names: &mut Vec<Symbol>) {
        match &e.kind {
            ExprKind::Name(s) => add(names, *s),
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target(i, names)),
            _ => {}
        }
    }

    /// Comprehension variables also become locals of the enclosing function.
    fn expr(e: &Expr, names: &mut Vec<Symbol>) {
        match &e.kind {
            ExprKind::ListComp { elt, generators } => {
                for g in generators {
                    target(&g.target, names);
                    expr(&g.iter, names);
                }
                expr(elt, names);
            }
            ExprKind::Call { func, args, .. } => {
                expr(func, names);
                args.iter().for_each(|a| expr(a, names));
            }
            ExprKind::BinOp { left, right, .. } => {
                expr(left, names);
                expr(right, names);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| expr(i, names)),
            _ => {}
        }
    }

    fn stmt(s: &Stmt, names: &mut Vec<Symbol>, globals: &mut Vec<Symbol>) {
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(|t| target(t, names));
                expr(value, names);
            }
            StmtKind::AugAssign { target: t, .. } | StmtKind::AnnAssign { target: t, .. } => target(t, names),
            StmtKind::For { target: t, iter, body, orelse } => {
                target(t, names);
                expr(iter, names);
                body.iter().chain(orelse).for_each(|s| stmt(s, names, globals));
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                body.iter().chain(orelse).for_each(|s| stmt(s, names, globals));
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                for h in handlers {
                    if let Some(n) = &h.name {
                        add(names, n.name);
                    }
                    h.body.iter().for_each(|s| stmt(s, names, globals));
                }
                body.iter().chain(orelse).chain(finalbody).for_each(|s| stmt(s, names, globals));
            }
            StmtKind::FunctionDef(f) => add(names, f.name.name),
            StmtKind::Import(aliases) => {
                for a in aliases {
                    add(names, a.asname.map_or(a.name.parts[0].name, |n| n.name));
                }
            }
            StmtKind::ImportFrom { names: aliases, .. } => {
                for a in aliases {
                    add(names, a.asname.map_or(a.name.parts[0].name, |n| n.name));
                }
            }
            StmtKind::Global(g) => globals.extend(g.iter().map(|i| i.name)),
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => expr(e, names),
            _ => {}
        }
    }
}

/// Whether `except kind:` catches an exception of `class`: the class itself, a tuple holding
/// it, or one of Python's (and numpy's) base classes of it. `Exception` catches all but
/// `KeyboardInterrupt`, which only `BaseException` and a bare `except:` catch.
fn handler_catches(kind: &Expr, class: &str) -> bool {
    let name = match &kind.kind {
        ExprKind::Tuple(items) => return items.iter().any(|k| handler_catches(k, class)),
        ExprKind::Name(n) => n.as_str(),
        ExprKind::Attribute { attr, .. } => attr.name.as_str(),
        _ => return false,
    };
    name == class
        || match name {
            "BaseException" => true,
            "Exception" => !matches!(class, "KeyboardInterrupt" | "SystemExit"),
            "ArithmeticError" => matches!(class, "ZeroDivisionError" | "OverflowError" | "FloatingPointError"),
            "LookupError" => matches!(class, "IndexError" | "KeyError"),
            "ValueError" => matches!(class, "LinAlgError" | "UnicodeError"),
            "RuntimeError" => matches!(class, "RecursionError" | "NotImplementedError"),
            "NumbaError" => matches!(class, "TypingError" | "UnsupportedError" | "NotSupportedError"),
            _ => false,
        }
}

/// A value as Numba's dispatcher returns it to Python: numpy `float32` and `complex64` scalars
/// become Python `float` and `complex` (also inside tuples).
fn python_scalars(v: Value) -> Value {
    match v {
        Value::F32(f) => Value::Float(f as f64),
        Value::C64(re, im) => Value::Complex(re as f64, im as f64),
        Value::Tuple(items) if items.iter().any(|i| matches!(i, Value::F32(_) | Value::C64(..) | Value::Tuple(_))) => {
            Value::tuple(items.iter().cloned().map(python_scalars).collect())
        }
        other => other,
    }
}
