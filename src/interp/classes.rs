//! Plain Python classes in host code, and `numba.experimental.jitclass` classes: a jitclass
//! keeps its spec (field names and types), its methods and property getters are `@jit`
//! functions (compiled with the instance as first argument, as Numba compiles them), and a
//! field assigned from host code is converted to its declared type, as Numba's boxed
//! instances convert it. Compiled code sees an instance as its fields' slots (`jit.rs` copies
//! them in and reflects them back around each call).
//!
//! A class holds its methods, properties and class attributes; an instance holds its fields.
//! Attribute lookup is Python's for these: the instance's fields, then the class (a method is
//! bound to the instance, a property's getter is called).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rhumba_compiler::check::ClassInfo;
use rhumba_compiler::Type;
use rhumba_grammar::Symbol;

use super::value::*;

/// A class made by a `class` statement.
#[derive(Debug)]
pub struct ClassValue {
    pub name: String,
    /// Methods (plain functions, called with the instance first), class attributes.
    pub attrs: RefCell<HashMap<Symbol, Value>>,
    /// `@property` getters.
    pub properties: RefCell<HashMap<Symbol, Value>>,
    /// `@staticmethod` functions (called without the instance).
    pub statics: RefCell<HashMap<Symbol, Value>>,
    /// A jitclass's spec: its fields' names and types, as the program gave them (types may be
    /// `deferred_type()`s defined later, so they are resolved when compiled code needs them).
    pub spec: RefCell<Option<Vec<(Symbol, Value)>>>,
    /// The compiler's description of a jitclass, once every type of its spec is known.
    pub info: RefCell<Option<Rc<ClassInfo>>>,
}

/// A type in a jitclass spec that is not a Numba type value.
#[derive(Debug)]
pub enum SpecType {
    /// `deferred_type()`: the type given later to `.define(t)`.
    Deferred(RefCell<Option<Value>>),
    /// `optional(t)` of a class or a deferred type: `t` or None.
    Optional(Value),
}

thread_local! {
    /// Every jitclass of the program, found by key (`class_key`) when compiled code returns an
    /// instance the host has not seen.
    static JIT_CLASSES: RefCell<Vec<Rc<ClassValue>>> = const { RefCell::new(Vec::new()) };
}

/// The key compiled code knows a class by (`Type::Instance::key`, `Global::Class`).
pub fn class_key(class: &Rc<ClassValue>) -> usize {
    Rc::as_ptr(class) as usize
}

/// The jitclass whose key is `key`.
pub fn jit_class(key: usize) -> Option<Rc<ClassValue>> {
    JIT_CLASSES.with(|c| c.borrow().iter().find(|c| class_key(c) == key).cloned())
}

/// Makes `class` a jitclass with `spec` (a list of `(name, type)` pairs or a dict): its methods
/// and property getters become `@jit` functions.
pub fn make_jitclass(class: &Rc<ClassValue>, spec: &Value) -> PyResult<()> {
    let pairs: Vec<Value> = match spec {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        Value::Dict(d) => d.borrow().entries.values().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
        other => return Err(type_error(format!("a jitclass spec is a list of (name, type) pairs, not {}", other.type_name()))),
    };
    let mut fields = Vec::with_capacity(pairs.len());
    for pair in pairs {
        match &pair {
            Value::Tuple(t) if t.len() == 2 => match &t[0] {
                Value::Str(name) => fields.push((Symbol::intern(name), t[1].clone())),
                other => return Err(type_error(format!("a jitclass field name must be a string, not {}", other.type_name()))),
            },
            other => return Err(type_error(format!("a jitclass spec entry must be a (name, type) pair, not {}", other.type_name()))),
        }
    }
    let jitted = |table: &RefCell<HashMap<Symbol, Value>>| {
        for v in table.borrow_mut().values_mut() {
            if let Value::Function(f) = v {
                if matches!(f.dispatch, Dispatch::Plain) {
                    *v = Value::Function(Rc::new(Function {
                        def: f.def.clone(),
                        locals: f.locals.clone(),
                        defaults: f.defaults.clone(),
                        captured: f.captured.clone(),
                        dispatch: Dispatch::Jit { signatures: vec![], options: JitOptions::default() },
                    }));
                }
            }
        }
    };
    jitted(&class.attrs);
    jitted(&class.properties);
    *class.spec.borrow_mut() = Some(fields);
    JIT_CLASSES.with(|c| c.borrow_mut().push(class.clone()));
    Ok(())
}

/// The compiled type a spec entry names, once known (`None` for a deferred type not defined
/// yet, or a type compiled jitclass fields cannot hold yet).
fn spec_type(v: &Value) -> Option<Type> {
    // Numba's `complex128` names a scalar type the compiler calls `Type::Complex`.
    fn normalised(t: &Type) -> Type {
        match t {
            Type::Scalar(d) => Type::scalar(*d),
            Type::Tuple(items) => Type::Tuple(items.iter().map(normalised).collect()),
            Type::Optional(inner) => Type::Optional(Box::new(normalised(inner))),
            other => other.clone(),
        }
    }
    let t = match v {
        Value::NumbaType(t) => normalised(t),
        Value::ScalarType(d) => Type::scalar(*d),
        Value::Class(c) if c.spec.borrow().is_some() => Type::Instance { key: class_key(c), name: c.name.clone() },
        Value::SpecType(s) => match &**s {
            SpecType::Deferred(cell) => return spec_type(cell.borrow().as_ref()?),
            SpecType::Optional(inner) => Type::Optional(Box::new(spec_type(inner)?)),
        },
        _ => return None,
    };
    field_type_supported(&t).then_some(t)
}

/// Whether compiled instances hold fields of type `t`: numbers, arrays, instances, and
/// optionals and tuples of those.
fn field_type_supported(t: &Type) -> bool {
    match t {
        Type::Scalar(_) | Type::Complex(_) | Type::Array { .. } | Type::Instance { .. } => true,
        Type::Optional(inner) => field_type_supported(inner),
        Type::Tuple(items) => items.iter().all(field_type_supported),
        _ => false,
    }
}

/// The compiler's description of a jitclass (`None` for a plain class, or while a type of its
/// spec is unknown).
pub fn class_info(class: &Rc<ClassValue>) -> Option<Rc<ClassInfo>> {
    if let Some(info) = class.info.borrow().as_ref() {
        return Some(info.clone());
    }
    let fields = class.spec.borrow().as_ref()?.iter().map(|(name, v)| Some((*name, spec_type(v)?))).collect::<Option<Vec<_>>>()?;
    let functions = |table: &RefCell<HashMap<Symbol, Value>>| {
        table
            .borrow()
            .iter()
            .filter_map(|(name, v)| match v {
                Value::Function(f) => Some((*name, (super::jit::function_key(f), f.def.clone()))),
                _ => None,
            })
            .collect()
    };
    let info = Rc::new(ClassInfo { name: class.name.clone(), fields, methods: functions(&class.attrs), properties: functions(&class.properties) });
    *class.info.borrow_mut() = Some(info.clone());
    Some(info)
}

/// The compiled type of a jitclass instance (`None` for a plain class's).
pub fn instance_type(instance: &Instance) -> Option<Type> {
    let class = &instance.class;
    class.spec.borrow().as_ref()?;
    Some(Type::Instance { key: class_key(class), name: class.name.clone() })
}

/// A value assigned to the field of type `ty` of a jitclass instance, converted to that type as
/// Numba converts it (an int stored in a float64 field becomes a float), or a TypeError.
fn field_value(class: &str, name: Symbol, ty: &Type, v: Value) -> PyResult<Value> {
    let mismatch = |v: &Value| type_error(format!("cannot assign {} to the field '{name}' of {class}, declared {ty}", v.type_name()));
    match ty {
        Type::Scalar(_) | Type::Complex(_) => super::numba_api::convert_value(&v, ty).map_err(|_| mismatch(&v)),
        Type::Optional(_) if matches!(v, Value::None) => Ok(v),
        Type::Optional(inner) => field_value(class, name, inner, v),
        Type::Array { dtype, ndim, .. } => match &v {
            Value::Array(a) if a.dtype == *dtype && a.ndim() == *ndim => Ok(v),
            _ => Err(mismatch(&v)),
        },
        Type::Instance { key, .. } => match &v {
            Value::Instance(i) if class_key(&i.class) == *key => Ok(v),
            _ => Err(mismatch(&v)),
        },
        Type::Tuple(types) => match &v {
            Value::Tuple(items) if items.len() == types.len() => {
                Ok(Value::tuple(items.iter().zip(types).map(|(x, t)| field_value(class, name, t, x.clone())).collect::<PyResult<_>>()?))
            }
            _ => Err(mismatch(&v)),
        },
        _ => Ok(v),
    }
}

/// An instance: its class and its fields.
#[derive(Debug)]
pub struct Instance {
    pub class: Rc<ClassValue>,
    pub fields: RefCell<HashMap<Symbol, Value>>,
}

/// What an attribute of an instance is.
pub enum Member {
    Value(Value),
    /// A method: call it with the instance first.
    Method(Value),
    /// A property: call its getter with the instance.
    Property(Value),
}

/// `instance.name`, as Python finds it.
pub fn member(instance: &Rc<Instance>, name: Symbol) -> Option<Member> {
    if let Some(v) = instance.fields.borrow().get(&name) {
        return Some(Member::Value(v.clone()));
    }
    let class = &instance.class;
    if let Some(getter) = class.properties.borrow().get(&name) {
        return Some(Member::Property(getter.clone()));
    }
    if let Some(f) = class.statics.borrow().get(&name) {
        return Some(Member::Value(f.clone()));
    }
    match class.attrs.borrow().get(&name) {
        Some(f @ Value::Function(_)) => Some(Member::Method(f.clone())),
        Some(other) => Some(Member::Value(other.clone())),
        None => None,
    }
}

/// `Class.name`: class attributes, methods as plain functions, and Numba's
/// `Class.class_type.instance_type` (the class itself stands for its types).
pub fn class_attribute(class: &Rc<ClassValue>, name: &str) -> Option<Value> {
    match name {
        "__name__" | "__qualname__" => return Some(Value::str(&class.name)),
        "class_type" | "instance_type" => return Some(Value::Class(class.clone())),
        _ => {}
    }
    let sym = Symbol::intern(name);
    class.attrs.borrow().get(&sym).or(class.statics.borrow().get(&sym)).cloned()
}

/// `<Ramp object>`.
pub fn repr(instance: &Instance) -> String {
    format!("<{} object>", instance.class.name)
}

pub fn new_class(name: &str) -> Rc<ClassValue> {
    Rc::new(ClassValue { name: name.to_string(), attrs: RefCell::default(), properties: RefCell::default(), statics: RefCell::default(), spec: RefCell::default(), info: RefCell::default() })
}

pub fn new_instance(class: &Rc<ClassValue>) -> Rc<Instance> {
    Rc::new(Instance { class: class.clone(), fields: RefCell::default() })
}

/// `instance.name = value`.
pub fn set_field(target: &Value, name: Symbol, value: Value) -> PyResult<()> {
    match target {
        Value::Instance(i) => {
            if i.class.properties.borrow().contains_key(&name) {
                return Err(PyError::new(ErrorKind::AttributeError, format!("property '{name}' of '{}' object has no setter", i.class.name)));
            }
            let value = match class_info(&i.class).and_then(|info| info.fields.iter().find(|(f, _)| *f == name).map(|(_, t)| t.clone())) {
                Some(ty) => field_value(&i.class.name, name, &ty, value)?,
                None => value,
            };
            i.fields.borrow_mut().insert(name, value);
            Ok(())
        }
        Value::Class(c) => {
            c.attrs.borrow_mut().insert(name, value);
            Ok(())
        }
        other => Err(not_supported(format!("assigning to the attribute `.{name}` of a {} is not supported", other.type_name()))),
    }
}
