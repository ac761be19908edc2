//! Exception classes and objects of the host interpreter: Python's built-in hierarchy,
//! `class E(Exception)` in the program, `raise E(args)`, and `except E as e` binding an object
//! whose `args`, `str(e)`, `repr(e)` and `type(e).__name__` are Python's.
//!
//! A raised exception travels as a [`PyError`] (class name, message, traceback); its class's
//! lineage (the class and its bases) decides which handlers catch it, and its `args` are kept
//! so that the handler's object is the one that was raised.

use std::rc::Rc;

use super::format;
use super::value::*;

/// An exception class: its name and its bases' names up to `BaseException`, itself first.
#[derive(Debug)]
pub struct ExceptionClass {
    pub name: String,
    pub lineage: Vec<String>,
}

/// An exception object: its class and the arguments it was made with.
#[derive(Clone, Debug)]
pub struct ExceptionValue {
    pub class: Rc<ExceptionClass>,
    pub args: Vec<Value>,
}

/// Python's built-in exception classes (and numpy's and Numba's that rhumba raises), each
/// with its direct base.
const BUILTIN: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("LinAlgError", "ValueError"),
    ("TypeError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("ImportError", "Exception"),
    ("MemoryError", "Exception"),
    ("StopIteration", "Exception"),
    ("NumbaError", "Exception"),
    ("TypingError", "NumbaError"),
    ("UnsupportedError", "NumbaError"),
    ("NotSupportedError", "NumbaError"),
];

/// The lineage of a built-in class name (the name alone for one rhumba does not know).
pub fn builtin_lineage(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let mut current = name;
    while let Some((_, base)) = BUILTIN.iter().find(|(n, _)| *n == current) {
        if base.is_empty() {
            return out;
        }
        out.push(base.to_string());
        current = base;
    }
    // An unknown class (a user class without recorded bases) is still an Exception.
    out.extend(["Exception".to_string(), "BaseException".to_string()]);
    out
}

/// Whether `name` is a built-in exception class.
pub fn is_builtin(name: &str) -> bool {
    BUILTIN.iter().any(|(n, _)| *n == name)
}

/// The class value of a built-in exception name.
pub fn builtin_class(name: &str) -> Option<Value> {
    is_builtin(name).then(|| Value::ExceptionClass(Rc::new(ExceptionClass { name: name.to_string(), lineage: builtin_lineage(name) })))
}

/// The names every module sees: the built-in exception classes.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// `class Name(bases): ...` where every base is an exception class.
pub fn subclass(name: &str, bases: &[Value]) -> PyResult<Value> {
    let mut lineage = vec![name.to_string()];
    for b in bases {
        match b {
            Value::ExceptionClass(c) => {
                for n in &c.lineage {
                    if !lineage.contains(n) {
                        lineage.push(n.clone());
                    }
                }
            }
            other => {
                return Err(not_supported(format!(
                    "class {name}: only exception classes (subclasses of Exception) are supported in host code yet, not a subclass of {}",
                    other.type_name()
                )))
            }
        }
    }
    if bases.is_empty() {
        return Err(not_supported(format!("class {name}: only exception classes (subclasses of Exception) are supported in host code yet")));
    }
    Ok(Value::ExceptionClass(Rc::new(ExceptionClass { name: name.to_string(), lineage })))
}

/// `str(e)`: the only argument's `str`, the empty string, or the arguments' tuple repr.
pub fn message(args: &[Value]) -> String {
    match args {
        [] => String::new(),
        [one] => format::str(one),
        many => format::repr(&Value::tuple(many.to_vec())),
    }
}

/// `repr(e)`: `ValueError('x', 4)`.
pub fn repr(e: &ExceptionValue) -> String {
    let parts: Vec<String> = e.args.iter().map(format::repr).collect();
    format!("{}({})", e.class.name, parts.join(", "))
}

/// The error that `raise value` raises.
pub fn raise(value: Value) -> PyResult<PyError> {
    let e = match value {
        Value::ExceptionClass(class) => ExceptionValue { class, args: vec![] },
        Value::Exception(e) => (*e).clone(),
        other => return Err(type_error(format!("exceptions must derive from BaseException, not {}", other.type_name()))),
    };
    let kind = ErrorKind::from_class(&e.class.name);
    let mut err = PyError::new(kind, message(&e.args));
    err.class = e.class.name.clone();
    err.lineage = e.class.lineage.clone();
    err.args = Some(e.args);
    Ok(err)
}

/// The object a handler binds for an error: the raised object, or one made from the message.
pub fn object_of(err: &PyError) -> Value {
    let lineage = if err.lineage.is_empty() { builtin_lineage(&err.class) } else { err.lineage.clone() };
    let class = Rc::new(ExceptionClass { name: err.class.clone(), lineage });
    let args = match &err.args {
        Some(args) => args.clone(),
        None if err.message.is_empty() => vec![],
        None => vec![Value::str(&err.message)],
    };
    Value::Exception(Rc::new(ExceptionValue { class, args }))
}

/// Whether a handler for the class value `handler` (or a tuple of them) catches `err`.
pub fn catches(handler: &Value, err: &PyError) -> bool {
    match handler {
        Value::Tuple(items) => items.iter().any(|h| catches(h, err)),
        Value::ExceptionClass(c) => {
            if err.lineage.is_empty() {
                let lineage = builtin_lineage(&err.class);
                lineage.iter().any(|n| *n == c.name) && (c.name != "Exception" || !matches!(err.class.as_str(), "KeyboardInterrupt" | "SystemExit"))
            } else {
                err.lineage.iter().any(|n| *n == c.name)
            }
        }
        _ => false,
    }
}

/// `e.args`, `type(e).__name__` and the other attributes of exceptions and their classes.
pub fn attribute(value: &Value, attr: &str) -> Option<Value> {
    match (value, attr) {
        (Value::Exception(e), "args") => Some(Value::tuple(e.args.clone())),
        (Value::Exception(e), "__class__") => Some(Value::ExceptionClass(e.class.clone())),
        (Value::ExceptionClass(c), "__name__" | "__qualname__") => Some(Value::str(&c.name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineage_follows_python() {
        assert_eq!(builtin_lineage("ZeroDivisionError"), ["ZeroDivisionError", "ArithmeticError", "Exception", "BaseException"]);
        assert_eq!(message(&[Value::str("equal values"), Value::Int(4)]), "('equal values', 4)");
        assert_eq!(message(&[]), "");
    }
}
