//! `numba.types` and `numba.typed` on the host: `Dict.empty(key_type=..., value_type=...)`,
//! `List()`, `List.empty_list(t)`, and the type names their values report (`Dict`, `List`).
//! Their values are the interpreter's dicts and lists (compiled code does not take containers
//! yet, so functions using them run interpreted).

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use rhumba_compiler::Type;
use rhumba_runtime::DType;

use super::builtins::{Args, Builtin};
use super::value::*;
use super::Interpreter;

thread_local! {
    /// The lists made by `numba.typed.List`: a weak reference keeps the allocation's address
    /// from being reused while it is listed, so identity decides membership.
    static TYPED_LISTS: RefCell<Vec<Weak<RefCell<Vec<Value>>>>> = const { RefCell::new(Vec::new()) };
}

/// Whether a list was made by `numba.typed.List` (its `type(...).__name__` is `List`).
pub fn is_typed_list(list: &Rc<RefCell<Vec<Value>>>) -> bool {
    TYPED_LISTS.with(|t| t.borrow().iter().any(|w| std::ptr::eq(w.as_ptr(), Rc::as_ptr(list))))
}

/// A `numba.typed.List` holding `items` (how a typed list returned by compiled code arrives).
pub fn typed_list(items: Vec<Value>) -> Value {
    let list = Rc::new(RefCell::new(items));
    TYPED_LISTS.with(|t| {
        let mut t = t.borrow_mut();
        t.retain(|w| w.strong_count() > 0);
        t.push(Rc::downgrade(&list));
    });
    Value::List(list)
}

/// `numba.types.name`: scalar types, and the container type constructors as opaque values.
pub fn types_attr(name: &str) -> Option<Value> {
    if let Some(v) = super::numba_api::module_attr(name).filter(|v| matches!(v, Value::NumbaType(_))) {
        return Some(v);
    }
    match name {
        "unicode_type" | "string" => Some(Value::str("unicode_type")),
        "int_" => Some(Value::NumbaType(Type::Scalar(DType::Int64))),
        "float_" | "double" => Some(Value::NumbaType(Type::Scalar(DType::Float64))),
        "UniTuple" => Some(Value::Builtin(Builtin { name: "UniTuple", func: tuple_type })),
        "Tuple" => Some(Value::Builtin(Builtin { name: "Tuple", func: tuple_type })),
        _ => None,
    }
}

/// `types.UniTuple(t, n)` and `types.Tuple((t1, t2, ...))`: tuple types.
fn tuple_type(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    let as_type = |v: &Value| match v {
        Value::NumbaType(t) => Ok(t.clone()),
        other => Err(type_error(format!("{this}() takes types, not {}", other.type_name()))),
    };
    let items = match (this, &args.pos[..]) {
        ("UniTuple", [t, Value::Int(n)]) if *n >= 0 => vec![as_type(t)?; *n as usize],
        ("Tuple", [Value::Tuple(items)]) => items.iter().map(as_type).collect::<PyResult<_>>()?,
        ("Tuple", [Value::List(items)]) => items.borrow().iter().map(as_type).collect::<PyResult<_>>()?,
        _ => return Err(type_error(format!("{this}() got unexpected arguments"))),
    };
    Ok(Value::NumbaType(Type::Tuple(items)))
}

/// `numba.typed.name`.
pub fn typed_attr(name: &str) -> Option<Value> {
    match name {
        "Dict" => Some(Value::Builtin(Builtin { name: "Dict", func: dict_new })),
        "List" => Some(Value::Builtin(Builtin { name: "List", func: list_new })),
        _ => None,
    }
}

/// Attributes of the `Dict` and `List` classes: their constructors of empty containers.
pub fn class_attr(class: &str, attr: &str) -> Option<Value> {
    match (class, attr) {
        ("Dict", "empty") => Some(Value::Builtin(Builtin { name: "Dict.empty", func: dict_new })),
        ("List", "empty_list") => Some(Value::Builtin(Builtin { name: "List.empty_list", func: list_empty })),
        ("deferred_type", "define") => Some(Value::Builtin(Builtin { name: "define", func: define })),
        _ => None,
    }
}

/// `Dict()` and `Dict.empty(key_type=..., value_type=...)`: an empty typed dict (the types are
/// checked to be given as types, not enforced on the values).
fn dict_new(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    if this == "Dict" && !args.pos.is_empty() {
        return Err(not_supported("Dict(...) from another mapping is not supported; use Dict.empty(...) and insert"));
    }
    args.check_keywords(this, &["key_type", "value_type"])?;
    super::dict::new(vec![], true)
}

/// `List()` and `List(iterable)`.
fn list_new(interp: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    args.check_keywords(this, &[])?;
    let items = match args.pos.first() {
        Some(source) => interp.collect(source)?,
        None => vec![],
    };
    Ok(typed_list(items))
}

/// `deferred_type().define(t)`, on a value that is no deferred type (see
/// `classes::SpecType`, whose `define` records `t`).
fn define(_: &mut Interpreter, _: Args, _: &'static str) -> PyResult<Value> {
    Ok(Value::None)
}

/// `List.empty_list(item_type)`.
fn list_empty(_: &mut Interpreter, args: Args, this: &'static str) -> PyResult<Value> {
    args.check_keywords(this, &["item_type", "allocated"])?;
    Ok(typed_list(vec![]))
}
