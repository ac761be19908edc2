//! Dicts in the interpreter: Python's `dict` and Numba's `numba.typed.Dict` (the same value with
//! a flag for its type name), insertion-ordered, keyed as Python hashes (`1`, `1.0` and `True`
//! are one key; tuples of hashable values are keys; lists and arrays are not).

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use super::format;
use super::value::*;

/// A dict's key as Python compares keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DictKey {
    Int(i64),
    /// A float that is not an integer: its bits (NaN keys compare by identity in Python; here
    /// by bits, which is what a program can observe of them).
    Float(u64),
    Complex(u64, u64),
    Str(Rc<str>),
    Tuple(Vec<DictKey>),
    None,
}

/// A dict: each key with the key value as given and its value.
#[derive(Debug, Default)]
pub struct DictValue {
    pub entries: IndexMap<DictKey, (Value, Value)>,
    /// Made by Numba's API or inside a `@jit` function: `type(d).__name__` is `Dict`.
    pub typed: bool,
}

pub type Dict = Rc<RefCell<DictValue>>;

fn float_key(f: f64) -> DictKey {
    if f.fract() == 0.0 && (-9.2e18..9.2e18).contains(&f) {
        // Also -0.0, which equals 0.
        DictKey::Int(f as i64)
    } else {
        DictKey::Float(f.to_bits())
    }
}

/// The key of a value, or Python's `TypeError` for an unhashable one.
pub fn key_of(v: &Value) -> PyResult<DictKey> {
    Ok(match v {
        Value::Int(i) => DictKey::Int(*i),
        Value::Bool(b) => DictKey::Int(*b as i64),
        Value::Float(f) => float_key(*f),
        Value::F32(f) => float_key(*f as f64),
        Value::Complex(re, im) if *im == 0.0 => float_key(*re),
        Value::Complex(re, im) => DictKey::Complex(re.to_bits(), im.to_bits()),
        Value::C64(re, im) if *im == 0.0 => float_key(*re as f64),
        Value::C64(re, im) => DictKey::Complex((*re as f64).to_bits(), (*im as f64).to_bits()),
        Value::Str(s) => DictKey::Str(s.clone()),
        Value::Tuple(items) => DictKey::Tuple(items.iter().map(key_of).collect::<PyResult<_>>()?),
        Value::None => DictKey::None,
        other => return Err(type_error(format!("unhashable type: '{}'", other.type_name()))),
    })
}

pub fn new(entries: Vec<(Value, Value)>, typed: bool) -> PyResult<Value> {
    let mut map: IndexMap<DictKey, (Value, Value)> = IndexMap::with_capacity(entries.len());
    for (k, v) in entries {
        // A repeated key keeps its first position and takes the last value, as in Python.
        let key = key_of(&k)?;
        match map.get_mut(&key) {
            Some(slot) => slot.1 = v,
            None => {
                map.insert(key, (k, v));
            }
        }
    }
    Ok(Value::Dict(Rc::new(RefCell::new(DictValue { entries: map, typed }))))
}

fn key_error(k: &Value) -> PyError {
    let mut e = PyError::new(ErrorKind::Raised, format::repr(k));
    e.class = "KeyError".to_string();
    e.args = Some(vec![k.clone()]);
    e
}

pub fn get(d: &Dict, k: &Value) -> PyResult<Value> {
    let key = key_of(k)?;
    d.borrow().entries.get(&key).map(|(_, v)| v.clone()).ok_or_else(|| key_error(k))
}

pub fn set(d: &Dict, k: Value, v: Value) -> PyResult<()> {
    let key = key_of(&k)?;
    let mut d = d.borrow_mut();
    // Inside `@jit` functions a typed dict converts what it stores to its types, as Numba's
    // does (`d[4] = 4` in a dict of floats stores 4.0); the types are those of its entries.
    let (k, v) = match d.entries.values().next() {
        Some((k0, v0)) if d.typed && super::ops::in_numba_semantics() => (like(k, k0), like(v, v0)),
        _ => (k, v),
    };
    match d.entries.get_mut(&key) {
        // The first key object stays, as in Python.
        Some(slot) => slot.1 = v,
        None => {
            d.entries.insert(key, (k, v));
        }
    }
    Ok(())
}

/// `v` converted to the numeric kind of `model` (an int stored where floats are).
pub(super) fn like(v: Value, model: &Value) -> Value {
    match (&v, model) {
        (Value::Int(i), Value::Float(_)) => Value::Float(*i as f64),
        (Value::Bool(b), Value::Float(_)) => Value::Float(*b as i64 as f64),
        (Value::Bool(b), Value::Int(_)) => Value::Int(*b as i64),
        (Value::Int(i), Value::Complex(..)) => Value::Complex(*i as f64, 0.0),
        (Value::Float(f), Value::Complex(..)) => Value::Complex(*f, 0.0),
        _ => v,
    }
}

pub fn contains(d: &Dict, k: &Value) -> PyResult<bool> {
    Ok(d.borrow().entries.contains_key(&key_of(k)?))
}

pub fn delete(d: &Dict, k: &Value) -> PyResult<()> {
    let key = key_of(k)?;
    d.borrow_mut().entries.shift_remove(&key).map(|_| ()).ok_or_else(|| {
        if super::ops::in_numba_semantics() {
            // Numba's `del d[k]` raises a KeyError without arguments.
            bare_key_error()
        } else {
            key_error(k)
        }
    })
}

fn bare_key_error() -> PyError {
    let mut e = PyError::new(ErrorKind::Raised, "");
    e.class = "KeyError".to_string();
    e.args = Some(vec![]);
    e
}

pub fn keys(d: &Dict) -> Vec<Value> {
    d.borrow().entries.values().map(|(k, _)| k.clone()).collect()
}

pub fn len(d: &Dict) -> usize {
    d.borrow().entries.len()
}

/// `{1: 2.5, 'a': 3}`.
pub fn repr(d: &Dict) -> String {
    // Numba's typed dict shows its keys and values with `str` (`{a: x y}` for strings).
    let text = if d.borrow().typed { format::str } else { format::repr };
    let parts: Vec<String> = d.borrow().entries.values().map(|(k, v)| format!("{}: {}", text(k), text(v))).collect();
    format!("{{{}}}", parts.join(", "))
}

/// The methods of dicts: `get`, `pop`, `keys`, `values`, `items`, `update`, `setdefault`,
/// `clear`, `copy`, `popitem`.
pub fn method(d: &Dict, name: &str, args: &[Value]) -> PyResult<Value> {
    let arg = |k: usize| args.get(k).cloned();
    Ok(match name {
        "get" => {
            let k = arg(0).ok_or_else(|| type_error("get expected at least 1 argument, got 0"))?;
            let key = key_of(&k)?;
            d.borrow().entries.get(&key).map(|(_, v)| v.clone()).unwrap_or_else(|| arg(1).unwrap_or(Value::None))
        }
        "pop" => {
            let k = arg(0).ok_or_else(|| type_error("pop expected at least 1 argument, got 0"))?;
            let key = key_of(&k)?;
            let removed = d.borrow_mut().entries.shift_remove(&key);
            match (removed, arg(1)) {
                (Some((_, v)), _) => v,
                (None, Some(default)) => default,
                (None, None) => return Err(key_error(&k)),
            }
        }
        "popitem" => match d.borrow_mut().entries.pop() {
            Some((_, (k, v))) => Value::tuple(vec![k, v]),
            // Numba's `popitem()` of an empty dict raises a KeyError without arguments.
            None if super::ops::in_numba_semantics() => return Err(bare_key_error()),
            None => {
                let mut e = PyError::new(ErrorKind::Raised, "popitem(): dictionary is empty");
                e.class = "KeyError".to_string();
                return Err(e);
            }
        },
        "keys" => Value::list(keys(d)),
        "values" => Value::list(d.borrow().entries.values().map(|(_, v)| v.clone()).collect()),
        "items" => Value::list(d.borrow().entries.values().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect()),
        "setdefault" => {
            let k = arg(0).ok_or_else(|| type_error("setdefault expected at least 1 argument, got 0"))?;
            let key = key_of(&k)?;
            let mut inner = d.borrow_mut();
            inner.entries.entry(key).or_insert_with(|| (k, arg(1).unwrap_or(Value::None))).1.clone()
        }
        "update" => {
            match arg(0) {
                Some(Value::Dict(other)) => {
                    let pairs: Vec<(Value, Value)> = other.borrow().entries.values().cloned().collect();
                    for (k, v) in pairs {
                        set(d, k, v)?;
                    }
                }
                Some(other) => return Err(not_supported(format!("dict.update() from a {} is not supported", other.type_name()))),
                None => {}
            }
            Value::None
        }
        "clear" => {
            d.borrow_mut().entries.clear();
            Value::None
        }
        "copy" => {
            let inner = d.borrow();
            Value::Dict(Rc::new(RefCell::new(DictValue { entries: inner.entries.clone(), typed: inner.typed })))
        }
        other => return Err(PyError::new(ErrorKind::AttributeError, format!("'dict' object has no attribute '{other}'"))),
    })
}
