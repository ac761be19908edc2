//! Plain Python classes in host code, and `numba.experimental.jitclass` classes (which the
//! interpreter runs as plain classes: their methods run interpreted, and `@njit` functions that
//! take an instance run interpreted too, with a note, until jitclasses compile).
//!
//! A class holds its methods, properties and class attributes; an instance holds its fields.
//! Attribute lookup is Python's for these: the instance's fields, then the class (a method is
//! bound to the instance, a property's getter is called).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

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
    Rc::new(ClassValue { name: name.to_string(), attrs: RefCell::default(), properties: RefCell::default(), statics: RefCell::default() })
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
