//! The interpreter's side of dispatch: a call of a `@jit` function finds its specialisation
//! (through [`crate::dispatch::Dispatcher`], shared with the embedding API), its arguments are
//! marshalled from interpreter values into ABI slots, and an error slot becomes a traceback.
//!
//! A function that uses a construct the compiler does not handle yet runs interpreted instead,
//! with a one-line note on standard error; a genuine typing error is raised as Numba would.

use std::collections::HashSet;
use std::rc::Rc;

use rhumba_compiler::backend::cranelift::flatten;
use rhumba_compiler::check::{self, CheckError, Environment, Global};
use rhumba_compiler::tir::{self, FuncIndex};
use rhumba_compiler::{Layout, Type};
use rhumba_grammar::ast::Span;
use rhumba_grammar::Symbol;

use rhumba_runtime::abi::{self, ArrayDesc, ErrorSlot, MAX_DIMS};
use rhumba_runtime::{DType, NdArray};

use super::value::*;
use super::Interpreter;
use crate::dispatch::Dispatcher;
pub use crate::dispatch::TierPolicy;

/// The compiled-code state of one interpreter: the shared dispatcher (specialisations, code,
/// tiers), and what only this host needs to call compiled code from its own values.
pub struct Jit {
    core: Dispatcher,
    /// The specialisations called lately, ready to call (see [`CallTarget`]).
    calls: Vec<CallTarget>,
    /// Argument buffers, kept between calls so that a call allocates none.
    marshalled: Marshalled,
    /// Functions already reported as running interpreted.
    noted: HashSet<usize>,
    /// Frozen copies of module-level arrays that compiled code reads, with their descriptors.
    frozen: Vec<(NdArray, Box<ArrayDesc>)>,
}

impl Jit {
    pub fn new() -> Result<Jit, String> {
        Ok(Jit { core: Dispatcher::new(crate::dispatch::HostSettings::from_env())?, calls: Vec::new(), marshalled: Marshalled::default(), noted: HashSet::new(), frozen: Vec::new() })
    }
}

impl std::ops::Deref for Jit {
    type Target = Dispatcher;
    fn deref(&self) -> &Dispatcher {
        &self.core
    }
}

impl std::ops::DerefMut for Jit {
    fn deref_mut(&mut self) -> &mut Dispatcher {
        &mut self.core
    }
}

/// A specialisation called lately, with everything a call needs: found by comparing the
/// arguments with `types` (no hashing, no `Vec<Type>` built), as Numba's dispatcher finds its
/// compiled overload by the arguments' type codes. Calling a tiny kernel from a script loop went
/// from 510 ns to about 110.
struct CallTarget {
    function: usize,
    types: Vec<Type>,
    index: FuncIndex,
    entry: abi::EntryFn,
    ret: Type,
    result_slots: usize,
    /// Whether calls are still timed for the optimising tier (until it has taken the function).
    timed: bool,
    /// Calls so far through this target.
    calls: u64,
}

/// The first calls of a specialisation are all timed, so that a long kernel is optimised after
/// its first call or two; later ones only one in `TIME_EVERY`, counted `TIME_EVERY` times, since
/// reading the clock twice costs as much as a small kernel's whole call (50 of 160 ns).
const TIMED_CALLS: u64 = 64;
const TIME_EVERY: u64 = 16;

/// How many specialisations [`Jit::calls`] remembers; older ones are looked up again.
const CALL_TARGETS: usize = 32;

/// Whether `v` has type `t` as [`arg_type`] would give it, without building the type.
fn value_has_type(v: &Value, t: &Type) -> bool {
    match (v, t) {
        (Value::Int(_), Type::Scalar(DType::Int64)) | (Value::Float(_), Type::Scalar(DType::Float64)) => true,
        (Value::F32(_), Type::Scalar(DType::Float32)) | (Value::Bool(_), Type::Scalar(DType::Bool)) => true,
        (Value::Complex(..), Type::Complex(DType::Complex128)) | (Value::C64(..), Type::Complex(DType::Complex64)) => true,
        (Value::Array(a), Type::Array { dtype, ndim, layout: Layout::Any }) => a.dtype == *dtype && a.ndim() == *ndim && *ndim <= MAX_DIMS,
        (Value::Tuple(items), Type::Tuple(types)) => items.len() == types.len() && items.iter().zip(types).all(|(v, t)| value_has_type(v, t)),
        (Value::Function(_), Type::Function { .. }) => arg_type(v).as_ref() == Some(t),
        (Value::None, Type::None) | (Value::Str(_), Type::Str) => true,
        (Value::Instance(i), Type::Instance { key, .. }) => super::classes::class_key(&i.class) == *key,
        (Value::Dict(d), Type::Dict { key: Some(k), value: Some(v) }) => {
            let d = d.borrow();
            d.typed && !d.entries.is_empty() && d.entries.values().all(|(x, y)| value_has_type(x, k) && value_has_type(y, v))
        }
        (Value::List(l), Type::List { item: Some(item), typed }) => {
            let items = l.borrow();
            !items.is_empty() && *typed == super::typed_containers::is_typed_list(l) && items.iter().all(|v| value_has_type(v, item))
        }
        _ => false,
    }
}

/// The compiled type of a list's items: all of one type that compiled lists hold (an empty
/// list has none, as Numba cannot type one either).
fn list_item_type(items: &[Value]) -> Option<Type> {
    let first = arg_type(items.first()?)?;
    (rhumba_compiler::types::list_item_supported(&first) && items.iter().all(|v| value_has_type(v, &first))).then_some(first)
}

pub(super) fn function_key(f: &Function) -> usize {
    Rc::as_ptr(&f.def) as usize
}

/// The compiler's view of the interpreter's module-level names.
struct Globals<'a> {
    interp: &'a Interpreter,
    /// Arrays frozen while checking; they move into the `Jit` afterwards.
    frozen: std::cell::RefCell<Vec<(NdArray, Box<ArrayDesc>)>>,
    /// The host array each entry of `frozen` was copied from (by address).
    frozen_ids: std::cell::RefCell<Vec<usize>>,
}

/// A descriptor for an array's current view of its buffer.
fn descriptor(a: &NdArray) -> Box<ArrayDesc> {
    let item = a.dtype.size() as i64;
    let mut desc = Box::new(ArrayDesc { data: std::ptr::null_mut(), ndim: a.ndim() as i64, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] });
    // Offsets and strides of views are always within their buffer (see `NdArray`).
    desc.data = a.buffer.as_ptr().wrapping_add(a.offset * a.dtype.size());
    for k in 0..a.ndim() {
        desc.shape[k] = a.shape[k] as i64;
        desc.strides[k] = a.strides[k] as i64 * item;
    }
    desc
}

impl Environment for Globals<'_> {
    fn global(&self, _: usize, name: Symbol) -> Option<Global> {
        let value = self.interp.globals.get(&name).or_else(|| self.interp.builtins.get(&name))?;
        Some(match value {
            Value::Int(i) => Global::Int(*i),
            Value::Float(f) => Global::Float(*f),
            Value::Bool(b) => Global::Bool(*b),
            Value::Module(m) => match m {
                ModuleKind::Numpy => Global::Module("numpy"),
                ModuleKind::NumpyRandom => Global::Module("numpy.random"),
                ModuleKind::NumpyLinalg => Global::Module("numpy.linalg"),
                ModuleKind::Math => Global::Module("math"),
                ModuleKind::Cmath => Global::Module("cmath"),
                ModuleKind::Numba => Global::Module("numba"),
                ModuleKind::Cuda => Global::Module("numba.cuda"),
                other => Global::Other(format!("module {}", other.name())),
            },
            Value::Function(f) if matches!(f.dispatch, Dispatch::Jit { .. }) => Global::Function { key: function_key(f), def: f.def.clone() },
            Value::Function(f) if matches!(f.dispatch, Dispatch::Vectorize { .. }) => Global::Vectorized { key: function_key(f), def: f.def.clone() },
            Value::Function(f) if matches!(f.dispatch, Dispatch::Cuda { device: true, .. }) => Global::Function { key: function_key(f), def: f.def.clone() },
            Value::Function(f) if matches!(f.dispatch, Dispatch::Cuda { device: false, .. }) => {
                Global::Other("a CUDA kernel; kernels cannot be called from compiled code, device functions (@cuda.jit(device=True)) can".into())
            }
            Value::Function(_) => Global::Other("a plain Python function; decorate it with @njit to call it from compiled code".into()),
            Value::Builtin(b) => match b.name {
                "range" | "prange" | "literal_unroll" | "len" | "min" | "max" | "abs" | "int" | "float" | "complex" | "bool" | "round" | "enumerate" | "zip" | "sum" | "sorted" | "ord" | "chr" | "str" | "print" => Global::Builtin(b.name),
                // `numba.typed.List`.
                "List" => Global::Builtin("List"),
                "Dict" => Global::Builtin("Dict"),
                other => {
                    // A function imported by name from `math` or `numpy` is that module's function.
                    let from = |module: ModuleKind| match super::builtins::module_attr(module, other) {
                        Ok(Value::Builtin(m)) => std::ptr::fn_addr_eq(m.func, b.func),
                        _ => false,
                    };
                    if from(ModuleKind::Math) {
                        Global::Library { module: "math", name: b.name }
                    } else if from(ModuleKind::Cmath) {
                        Global::Library { module: "cmath", name: b.name }
                    } else if from(ModuleKind::Numpy) {
                        Global::Library { module: "numpy", name: b.name }
                    } else {
                        Global::Other(format!("the builtin {other}()"))
                    }
                }
            },
            Value::ScalarType(d) => Global::ScalarType(*d),
            // Python's own classes are known by name; the program's carry their bases.
            Value::ExceptionClass(c) if super::exceptions::is_builtin(&c.name) => Global::ExceptionClass { name: c.name.clone(), lineage: vec![] },
            Value::ExceptionClass(c) => Global::ExceptionClass { name: c.name.clone(), lineage: c.lineage.clone() },
            Value::Array(a) if a.ndim() <= MAX_DIMS => {
                // Numba freezes a global array into the compiled code; a copy does the same here
                // (one per array per compilation, however many inference passes ask).
                let identity = Rc::as_ptr(a) as usize;
                if let Some((_, desc)) = self.frozen.borrow().iter().zip(self.frozen_ids.borrow().iter()).find(|(_, id)| **id == identity).map(|(f, _)| f) {
                    return Some(Global::Array { desc: &**desc as *const ArrayDesc as usize, dtype: a.dtype, ndim: a.ndim() });
                }
                self.frozen_ids.borrow_mut().push(identity);
                let copy = a.copy();
                let desc = descriptor(&copy);
                let address = &*desc as *const ArrayDesc as usize;
                let (dtype, ndim) = (copy.dtype, copy.ndim());
                self.frozen.borrow_mut().push((copy, desc));
                Global::Array { desc: address, dtype, ndim }
            }
            Value::NumbaType(Type::Scalar(d)) => Global::ScalarType(*d),
            Value::Class(c) if super::classes::class_info(c).is_some() => Global::Class { key: super::classes::class_key(c) },
            Value::Class(c) if c.spec.borrow().is_some() => Global::Other(format!("the jitclass {}, whose spec has a type compiled instances cannot hold yet", c.name)),
            other => Global::Other(other.type_name()),
        })
    }

    fn class(&self, key: usize) -> Option<Rc<rhumba_compiler::check::ClassInfo>> {
        super::classes::class_info(&super::classes::jit_class(key)?)
    }

    fn function(&self, key: usize) -> Option<Rc<rhumba_grammar::ast::FunctionDef>> {
        self.interp.globals.values().find_map(|v| match v {
            Value::Function(f) if function_key(f) == key => Some(f.def.clone()),
            _ => None,
        })
    }

    fn parallel(&self, key: usize) -> bool {
        self.interp.globals.values().any(|v| match v {
            Value::Function(f) if function_key(f) == key => matches!(&f.dispatch, Dispatch::Jit { options, .. } if options.parallel),
            _ => false,
        })
    }

    fn cuda(&self, key: usize) -> bool {
        self.interp.globals.values().any(|v| matches!(v, Value::Function(f) if function_key(f) == key && matches!(f.dispatch, Dispatch::Cuda { .. })))
    }

    fn bounds_check(&self, key: usize) -> bool {
        if let Some(forced) = self.interp.bounds_check_override {
            return forced;
        }
        self.interp
            .globals
            .values()
            .find_map(|v| match v {
                Value::Function(f) if function_key(f) == key => match &f.dispatch {
                    Dispatch::Jit { options, .. } | Dispatch::Cuda { options, .. } => Some(options.boundscheck != Some(false)),
                    _ => None,
                },
                _ => None,
            })
            .unwrap_or(true)
    }
}

/// The compiled type of an argument, or `None` for values compiled code does not take yet.
fn arg_type(v: &Value) -> Option<Type> {
    Some(match v {
        Value::Int(_) => Type::Scalar(DType::Int64),
        Value::Float(_) => Type::Scalar(DType::Float64),
        Value::F32(_) => Type::Scalar(DType::Float32),
        Value::Bool(_) => Type::Scalar(DType::Bool),
        Value::Complex(..) => Type::Complex(DType::Complex128),
        Value::C64(..) => Type::Complex(DType::Complex64),
        Value::Array(a) if a.ndim() <= MAX_DIMS => Type::Array { dtype: a.dtype, ndim: a.ndim(), layout: Layout::Any },
        Value::Tuple(items) => Type::Tuple(items.iter().map(arg_type).collect::<Option<_>>()?),
        Value::None => Type::None,
        Value::Str(_) => Type::Str,
        Value::List(l) => Type::List { item: Some(Box::new(list_item_type(&l.borrow())?)), typed: super::typed_containers::is_typed_list(l) },
        Value::Dict(d) => {
            // A typed dict (Numba takes no other) with entries of one key and one value type.
            let d = d.borrow();
            if !d.typed {
                return None;
            }
            let (k0, v0) = d.entries.values().next()?;
            let (k, v) = (arg_type(k0)?, arg_type(v0)?);
            let ok = rhumba_compiler::types::dict_key_supported(&k) && rhumba_compiler::types::dict_value_supported(&v);
            if !ok || !d.entries.values().all(|(x, y)| value_has_type(x, &k) && value_has_type(y, &v)) {
                return None;
            }
            Type::Dict { key: Some(Box::new(k)), value: Some(Box::new(v)) }
        }
        Value::Function(f) if matches!(f.dispatch, Dispatch::Jit { .. }) => Type::Function { key: function_key(f), name: f.name().to_string() },
        Value::Instance(i) if super::classes::class_info(&i.class).is_some() => super::classes::instance_type(i)?,
        _ => return None,
    })
}

/// A value of type `t` (zeros, empty arrays), for specialising a kernel on types alone.
fn example_value(t: &Type) -> Option<Value> {
    Some(match t {
        Type::Scalar(DType::Float64) => Value::Float(0.0),
        Type::Scalar(DType::Float32) => Value::F32(0.0),
        Type::Scalar(DType::Bool) => Value::Bool(false),
        Type::Scalar(_) => Value::Int(0),
        Type::Complex(DType::Complex64) => Value::C64(0.0, 0.0),
        Type::Complex(_) => Value::Complex(0.0, 0.0),
        Type::Array { dtype, ndim, .. } => Value::array(NdArray::zeros(*dtype, &vec![0; *ndim])),
        Type::Tuple(items) => Value::tuple(items.iter().map(example_value).collect::<Option<_>>()?),
        _ => return None,
    })
}

/// Arguments laid out for an entry point: scalar slots and the descriptors they point to.
#[derive(Default)]
struct Marshalled {
    slots: Vec<u64>,
    descs: Vec<Box<ArrayDesc>>,
    /// The argument arrays, to map a returned descriptor back to the caller's array.
    arrays: Vec<Value>,
    /// The argument lists as compiled code sees them, with the host lists their items are
    /// reflected back into after the call (Numba's reflected lists; typed lists likewise).
    lists: Vec<(abi::OwnedList, Rc<std::cell::RefCell<Vec<Value>>>, Type)>,
    /// The argument dicts likewise, with their key and value types.
    dicts: Vec<(Box<abi::DictObject>, super::dict::Dict, Type, Type)>,
    /// The argument strings as compiled code sees them (immutable: nothing is written back).
    strs: Vec<abi::OwnedList>,
    /// The jitclass instances passed in (directly or through fields), each once, as compiled
    /// code sees them (their fields' slots), with their classes' field types; their fields are
    /// reflected back after the call.
    objects: Vec<(abi::OwnedList, Rc<super::classes::Instance>, Rc<rhumba_compiler::check::ClassInfo>)>,
    /// Instances made by compiled code that the host has built so far (by address), so that
    /// one made once is one host object however often it is reached.
    made: std::cell::RefCell<Vec<(usize, Rc<super::classes::Instance>)>>,
}

impl Marshalled {
    /// Takes over what `inner` (the items of a container) keeps alive, all but its slots.
    fn absorb(&mut self, inner: Marshalled) {
        let Marshalled { slots: _, descs, arrays, lists, dicts, strs, objects, made: _ } = inner;
        self.descs.extend(descs);
        self.arrays.extend(arrays);
        self.lists.extend(lists);
        self.dicts.extend(dicts);
        self.strs.extend(strs);
        self.objects.extend(objects);
    }

    /// Writes each argument list's items and each dict's entries back into the host object
    /// it came from.
    fn reflect_containers(&self, arena: &abi::Arena) -> PyResult<()> {
        for (list, host, item) in &self.lists {
            let ptr = list.as_const_ptr();
            // SAFETY: the header belongs to `list`, alive here; compiled code keeps it valid.
            let slots = unsafe { abi::list_items(ptr) };
            let items = list_values(item, &slots, self, arena)?;
            *host.borrow_mut() = items;
        }
        for (dict, host, k, v) in &self.dicts {
            let entries = dict_entries(dict, k, v, self, arena)?;
            let Value::Dict(fresh) = super::dict::new(entries, true)? else { continue };
            let fresh = std::mem::take(&mut fresh.borrow_mut().entries);
            host.borrow_mut().entries = fresh;
        }
        for (object, host, info) in &self.objects {
            fill_fields(host, info, object.data_ptr(), self, arena)?;
        }
        Ok(())
    }
}

/// Sets the host instance `host`'s fields from the compiled instance at `fields` (an array
/// field compiled code never set, the null address, stays unset).
fn fill_fields(host: &super::classes::Instance, info: &rhumba_compiler::check::ClassInfo, fields: *const u64, m: &Marshalled, arena: &abi::Arena) -> PyResult<()> {
    let total: usize = info.fields.iter().map(|(_, t)| rhumba_compiler::types::slot_count(t)).sum();
    // SAFETY: `fields` is an instance of this class made by `marshal_instance` or by
    // `rhumba_object_new`, whose storage (alive in `m` or in the arena) holds `total` slots.
    let words = unsafe { std::slice::from_raw_parts(fields, total) }.to_vec();
    let mut it = words.iter().copied();
    let mut values = Vec::with_capacity(info.fields.len());
    for (name, ty) in &info.fields {
        let null_array = matches!(ty, Type::Array { .. }) && words.get(values_slot(info, *name)) == Some(&0);
        let v = unmarshal(ty, &mut it, m, arena);
        if !null_array {
            values.push((*name, v?));
        }
    }
    let mut f = host.fields.borrow_mut();
    for (name, v) in values {
        f.insert(name, v);
    }
    Ok(())
}

/// The first slot of the field `name` of a class.
fn values_slot(info: &rhumba_compiler::check::ClassInfo, name: rhumba_grammar::Symbol) -> usize {
    info.fields.iter().take_while(|(f, _)| *f != name).map(|(_, t)| rhumba_compiler::types::slot_count(t)).sum()
}

/// Lays out a host jitclass instance as compiled code sees it (once per call: an instance
/// reached again, through a field or another argument, is the same compiled instance) and
/// answers its address. A field never assigned starts as zero, None or an empty array.
fn marshal_instance(i: &Rc<super::classes::Instance>, out: &mut Marshalled) -> u64 {
    if let Some((object, ..)) = out.objects.iter().find(|(_, host, _)| Rc::ptr_eq(host, i)) {
        return object.data_ptr() as u64;
    }
    let Some(info) = super::classes::class_info(&i.class) else { return 0 };
    let total: usize = info.fields.iter().map(|(_, t)| rhumba_compiler::types::slot_count(t)).sum();
    let object = abi::OwnedList::new(total.max(1), vec![0; total.max(1)]);
    let address = object.data_ptr();
    out.objects.push((object, i.clone(), info.clone()));
    let mark = out.slots.len();
    for (name, ty) in &info.fields {
        let value = i.fields.borrow().get(name).cloned();
        marshal_field(value.as_ref(), ty, out);
    }
    let words = out.slots.split_off(mark);
    // SAFETY: the storage was made above with `total` slots (or one), and nothing else holds
    // it yet; `marshal_field` appended exactly one word per slot of each field.
    unsafe { std::ptr::copy_nonoverlapping(words.as_ptr(), address, words.len().min(total)) };
    address as u64
}

/// Appends the slots of a field of type `ty` holding `v` (absent when never assigned).
fn marshal_field(v: Option<&Value>, ty: &Type, out: &mut Marshalled) {
    match (v, ty) {
        (Some(Value::None) | None, Type::Optional(inner)) => {
            out.slots.push(0);
            marshal_field(None, inner, out);
        }
        (Some(v), Type::Optional(inner)) => {
            out.slots.push(1);
            marshal_field(Some(v), inner, out);
        }
        (Some(Value::Instance(i)), Type::Instance { .. }) => {
            let address = marshal_instance(i, out);
            out.slots.push(address);
        }
        (Some(v), Type::Scalar(d)) => {
            let word = match (v.to_element(), d) {
                (Ok(e), DType::Float64) => e.as_f64().to_bits(),
                (Ok(e), DType::Float32) => (e.as_f64() as f32).to_bits() as u64,
                (Ok(e), DType::Bool) => (e.as_f64() != 0.0) as u64,
                (Ok(e), _) => e.as_i64() as u64,
                (Err(_), _) => 0,
            };
            out.slots.push(word);
        }
        (Some(Value::Tuple(items)), Type::Tuple(types)) if items.len() == types.len() => {
            for (x, t) in items.iter().zip(types) {
                marshal_field(Some(x), t, out);
            }
        }
        (Some(v @ Value::Array(_)), Type::Array { .. }) | (Some(v @ (Value::Complex(..) | Value::C64(..))), Type::Complex(_)) => marshal(std::slice::from_ref(v), out),
        // Never assigned (or, defensively, of another type): the start compiled code gives it.
        (_, Type::Array { dtype, ndim, .. }) => marshal(&[Value::array(NdArray::zeros(*dtype, &vec![0; *ndim]))], out),
        (_, Type::Tuple(types)) => types.iter().for_each(|t| marshal_field(None, t, out)),
        (_, t) => out.slots.extend(std::iter::repeat_n(0, rhumba_compiler::types::slot_count(t))),
    }
}

/// The host keys and values of a compiled dict's entries, in order.
fn dict_entries(d: &abi::DictObject, k: &Type, v: &Type, m: &Marshalled, arena: &abi::Arena) -> PyResult<Vec<(Value, Value)>> {
    d.entries().map(|(ks, vs)| Ok((unmarshal(k, &mut ks.iter().copied(), m, arena)?, unmarshal(v, &mut vs.iter().copied(), m, arena)?))).collect()
}

/// The host values of a list's item slots.
fn list_values(item: &Type, slots: &[u64], m: &Marshalled, arena: &abi::Arena) -> PyResult<Vec<Value>> {
    let per = rhumba_compiler::types::slot_count(item).max(1);
    let mut out = Vec::with_capacity(slots.len() / per);
    for chunk in slots.chunks_exact(per) {
        out.push(unmarshal(item, &mut chunk.iter().copied(), m, arena)?);
    }
    Ok(out)
}

fn marshal(args: &[Value], out: &mut Marshalled) {
    for v in args {
        match v {
            Value::Int(i) => out.slots.push(*i as u64),
            Value::Float(f) => out.slots.push(f.to_bits()),
            Value::F32(f) => out.slots.push(f.to_bits() as u64),
            Value::Bool(b) => out.slots.push(*b as u64),
            Value::Complex(re, im) => out.slots.extend([re.to_bits(), im.to_bits()]),
            Value::C64(re, im) => out.slots.extend([re.to_bits() as u64, im.to_bits() as u64]),
            Value::Array(a) => {
                let desc = descriptor(a);
                out.slots.push(&*desc as *const ArrayDesc as u64);
                out.descs.push(desc);
                out.arrays.push(v.clone());
            }
            Value::Tuple(items) => marshal(items, out),
            Value::Instance(i) => {
                let address = marshal_instance(i, out);
                out.slots.push(address);
            }
            Value::Str(s) => {
                let mut list = abi::OwnedList::new(1, s.chars().map(|c| c as u64).collect());
                out.slots.push(list.as_ptr() as u64);
                out.strs.push(list);
            }
            Value::Dict(d) => {
                let Some(Type::Dict { key: Some(k), value: Some(v) }) = arg_type(v) else { continue };
                let (ks_n, vs_n) = (rhumba_compiler::types::slot_count(&k), rhumba_compiler::types::slot_count(&v));
                let mut dict = Box::new(if *k == Type::Str { abi::DictObject::with_string_keys(vs_n) } else { abi::DictObject::new(ks_n, vs_n) });
                for (key, value) in d.borrow().entries.values() {
                    let (mut ks, mut vs) = (Marshalled::default(), Marshalled::default());
                    marshal(std::slice::from_ref(key), &mut ks);
                    marshal(std::slice::from_ref(value), &mut vs);
                    dict.insert(&ks.slots, &vs.slots);
                    // What a value points at (a string, an array's descriptor, a list) must live
                    // as long as the dict (a key is copied by it).
                    vs.slots.clear();
                    out.absorb(vs);
                }
                out.slots.push(&mut *dict as *mut abi::DictObject as u64);
                out.dicts.push((dict, d.clone(), *k, *v));
            }
            Value::List(l) => {
                let items = l.borrow();
                let Some(item) = list_item_type(&items) else { continue };
                let mut inner = Marshalled::default();
                marshal(&items, &mut inner);
                let slots = std::mem::take(&mut inner.slots);
                // What the items point at (strings, arrays' descriptors, inner lists) must live
                // as long as the list, and inner lists are reflected back too.
                out.absorb(inner);
                let per = rhumba_compiler::types::slot_count(&item).max(1);
                let mut list = abi::OwnedList::new(per, slots);
                out.slots.push(list.as_ptr() as u64);
                out.lists.push((list, l.clone(), item));
            }
            _ => {}
        }
    }
}

/// Rebuilds host values from result slots, adopting arrays created by the kernel.
fn unmarshal(ty: &Type, slots: &mut impl Iterator<Item = u64>, m: &Marshalled, arena: &abi::Arena) -> PyResult<Value> {
    Ok(match ty {
        Type::None | Type::Function { .. } => Value::None,
        Type::Scalar(DType::Float64) => Value::Float(f64::from_bits(slots.next().unwrap_or(0))),
        // Numba's dispatcher returns a float32 result as a Python float.
        Type::Scalar(DType::Float32) => Value::Float(f32::from_bits(slots.next().unwrap_or(0) as u32) as f64),
        Type::Scalar(DType::Bool) => Value::Bool(slots.next().unwrap_or(0) & 0xff != 0),
        Type::Scalar(DType::UInt64) => match slots.next().unwrap_or(0) {
            big if i64::try_from(big).is_err() => return Err(uint64_overflow(big)),
            small => Value::Int(small as i64),
        },
        Type::Scalar(_) => Value::Int(slots.next().unwrap_or(0) as i64),
        Type::Tuple(items) => Value::tuple(items.iter().map(|t| unmarshal(t, slots, m, arena)).collect::<PyResult<_>>()?),
        // Numba's dispatcher returns a complex64 result as a Python complex, as it does float32.
        Type::Complex(DType::Complex64) => {
            let mut part = || f32::from_bits(slots.next().unwrap_or(0) as u32) as f64;
            let re = part();
            Value::Complex(re, part())
        }
        Type::Complex(_) => {
            let mut part = || f64::from_bits(slots.next().unwrap_or(0));
            let re = part();
            Value::Complex(re, part())
        }
        Type::Optional(inner) => {
            // `(present, value)`: the value's slots are read either way, to stay in step.
            let present = slots.next().unwrap_or(0) & 0xff != 0;
            let value = unmarshal(inner, slots, m, arena)?;
            if present {
                value
            } else {
                Value::None
            }
        }
        Type::Str => {
            let ptr = slots.next().unwrap_or(0) as *const abi::ListObject;
            let in_dict = m.dicts.iter().map(|(d, ..)| &**d).chain(arena.dicts.iter().map(|d| &**d)).any(|d| d.owns_string(ptr));
            if !in_dict && !m.strs.iter().chain(&arena.lists).any(|l| std::ptr::eq(l.as_const_ptr(), ptr)) {
                return Err(PyError::new(ErrorKind::RuntimeError, "compiled code returned a string rhumba cannot trace"));
            }
            // SAFETY: the header belongs to an argument's string or to one in the arena, both
            // alive here.
            let codes = unsafe { abi::list_items(ptr) };
            Value::str(&codes.iter().map(|c| char::from_u32(*c as u32).unwrap_or('\u{fffd}')).collect::<String>())
        }
        Type::Instance { key, .. } => {
            let ptr = slots.next().unwrap_or(0) as *const u64;
            if ptr.is_null() {
                return Ok(Value::None);
            }
            if let Some((_, host, _)) = m.objects.iter().find(|(o, ..)| std::ptr::eq(o.data_ptr(), ptr)) {
                return Ok(Value::Instance(host.clone()));
            }
            if let Some((_, host)) = m.made.borrow().iter().find(|(a, _)| *a == ptr as usize) {
                return Ok(Value::Instance(host.clone()));
            }
            let class = super::classes::jit_class(*key);
            let info = class.as_ref().and_then(super::classes::class_info);
            let (Some(class), Some(info), true) = (class, info, arena.lists.iter().any(|l| std::ptr::eq(l.data_ptr(), ptr))) else {
                return Err(PyError::new(ErrorKind::RuntimeError, "compiled code returned a jitclass instance rhumba cannot trace"));
            };
            let host = super::classes::new_instance(&class);
            m.made.borrow_mut().push((ptr as usize, host.clone()));
            fill_fields(&host, &info, ptr, m, arena)?;
            Value::Instance(host)
        }
        Type::Dict { key, value } => {
            let ptr = slots.next().unwrap_or(0) as *const abi::DictObject;
            if let Some((_, host, ..)) = m.dicts.iter().find(|(d, ..)| std::ptr::eq(&**d, ptr)) {
                return Ok(Value::Dict(host.clone()));
            }
            let (Some(k), Some(v), Some(d)) = (key, value, arena.dicts.iter().find(|d| std::ptr::eq(&***d, ptr))) else {
                return Err(PyError::new(ErrorKind::RuntimeError, "compiled code returned a dict rhumba cannot trace"));
            };
            super::dict::new(dict_entries(d, k, v, m, arena)?, true)?
        }
        Type::List { item, typed } => {
            let ptr = slots.next().unwrap_or(0) as *const abi::ListObject;
            if let Some((_, host, _)) = m.lists.iter().find(|(l, ..)| std::ptr::eq(l.as_const_ptr(), ptr)) {
                return Ok(Value::List(host.clone()));
            }
            let (Some(item), Some(_)) = (item, arena.lists.iter().find(|l| std::ptr::eq(l.as_const_ptr(), ptr))) else {
                return Err(PyError::new(ErrorKind::RuntimeError, "compiled code returned a list rhumba cannot trace"));
            };
            // SAFETY: the header belongs to a list in the arena, alive until the arena is dropped.
            let items = list_values(item, &unsafe { abi::list_items(ptr) }, m, arena)?;
            if *typed {
                super::typed_containers::typed_list(items)
            } else {
                Value::list(items)
            }
        }
        Type::Array { dtype, .. } => {
            let ptr = slots.next().unwrap_or(0) as *const ArrayDesc;
            if let Some(k) = m.descs.iter().position(|d| std::ptr::eq(&**d, ptr)) {
                return Ok(m.arrays[k].clone());
            }
            // A new array, or a view of an argument or of a new array: find the descriptor, then
            // the buffer its data lies in.
            let desc: &ArrayDesc = match arena.buffers.iter().map(|(_, d)| d).chain(arena.views.iter()).find(|d| std::ptr::eq(&***d, ptr)) {
                Some(d) => d,
                None => return Err(PyError::new(ErrorKind::RuntimeError, "compiled code returned an array rhumba cannot trace")),
            };
            let holds = |b: &rhumba_runtime::array::Buffer| {
                let start = b.as_ptr() as usize;
                (start..=start + b.len_bytes()).contains(&(desc.data as usize))
            };
            let buffer = arena
                .buffers
                .iter()
                .map(|(b, _)| b.clone())
                .chain(m.arrays.iter().filter_map(|v| if let Value::Array(a) = v { Some(a.buffer.clone()) } else { None }))
                .find(|b| holds(b));
            let Some(buffer) = buffer else {
                return Err(PyError::new(ErrorKind::RuntimeError, "compiled code returned a view rhumba cannot trace to its storage"));
            };
            let item = dtype.size();
            let ndim = desc.ndim as usize;
            let offset = (desc.data as usize - buffer.as_ptr() as usize) / item;
            Value::array(NdArray {
                dtype: *dtype,
                shape: desc.shape[..ndim].iter().map(|d| *d as usize).collect(),
                strides: desc.strides[..ndim].iter().map(|s| (*s / item as i64) as isize).collect(),
                offset,
                buffer: buffer.clone(),
            })
        }
    })
}

impl Interpreter {
    /// Runs a `@jit` function compiled, if it can be; `Ok(None)` means "interpret it instead".
    pub(super) fn call_compiled(&mut self, func: &Rc<Function>, args: &[Value]) -> PyResult<Option<Value>> {
        let Some(mut jit) = self.jit.take() else { return Ok(None) };
        let result = self.call_compiled_with(&mut jit, func, args);
        self.jit = Some(jit);
        result
    }

    /// The specialisation of `func` for `types` in `jit`'s unit, checked once and cached (with
    /// the reason when it cannot be compiled). Prints the TIR under `RHUMBA_DUMP=tir` and the
    /// checker's warnings.
    fn check_cached(&self, jit: &mut Jit, func: &Rc<Function>, types: &[Type]) -> Result<FuncIndex, Rc<CheckError>> {
        let env = Globals { interp: self, frozen: Default::default(), frozen_ids: Default::default() };
        // A numpy prelude function is checked as the checker checks `np.name(...)`: under its
        // own key, with the prelude's names.
        let prelude = (func.def.span.start >= rhumba_compiler::prelude::PRELUDE_BASE).then(|| rhumba_compiler::prelude::function(func.name())).flatten();
        let outcome = match prelude {
            Some((key, def)) => jit.specialise(&rhumba_compiler::prelude::PreludeEnv { user: &env }, key, &def, types),
            None => jit.specialise(&env, function_key(func), &func.def, types),
        };
        jit.frozen.extend(env.frozen.into_inner());
        for (span, message) in std::mem::take(&mut jit.unit.warnings) {
            eprintln!("rhumba: warning: {message}{}", self.place(span));
        }
        outcome
    }

    fn call_compiled_with(&mut self, jit: &mut Jit, func: &Rc<Function>, args: &[Value]) -> PyResult<Option<Value>> {
        let function = function_key(func);
        let found = jit.calls.iter().position(|t| t.function == function && t.types.len() == args.len() && args.iter().zip(&t.types).all(|(v, t)| value_has_type(v, t)));
        let k = match found {
            Some(k) => k,
            None => match self.call_target(jit, func, args)? {
                Some(k) => k,
                None => return Ok(None),
            },
        };
        let (index, entry, result_slots, weight) = {
            let t = &mut jit.calls[k];
            t.calls += 1;
            let weight = match t.calls {
                _ if !t.timed => 0,
                n if n <= TIMED_CALLS => 1,
                n if n % TIME_EVERY == 0 => TIME_EVERY as u32,
                _ => 0,
            };
            (t.index, t.entry, t.result_slots, weight)
        };
        let mut m = std::mem::take(&mut jit.marshalled);
        m.slots.clear();
        marshal(args, &mut m);
        let mut small = [0u64; 4];
        let mut large = Vec::new();
        let results: &mut [u64] = if result_slots <= small.len() {
            &mut small[..]
        } else {
            large.resize(result_slots, 0);
            &mut large[..]
        };
        let mut error = ErrorSlot::default();
        self.flush_before_native_code();
        let started = (weight > 0).then(std::time::Instant::now);
        // SAFETY: `entry` was compiled for exactly these argument types (by Cranelift, or by the
        // optimising tier behind the same ABI), so it reads one slot per flattened argument and
        // writes one per flattened result (`results` has at least that many); every descriptor
        // points into a buffer kept alive by `args` for the whole call, and compiled code checks
        // every index against the shapes in the descriptors (unless checks were turned off by
        // `boundscheck=False` or `NUMBA_BOUNDSCHECK=0`, as in Numba).
        unsafe { entry(m.slots.as_ptr(), results.as_mut_ptr(), &mut error) };
        if let Some(started) = started {
            jit.note_run_time(index, started.elapsed().saturating_mul(weight));
            // The tier compiles synchronously, so once it has taken the function its entry (if
            // it could compile it) is ready now.
            let optimised = jit.optimised_entry(index);
            let timed = jit.timing_needed(index);
            let t = &mut jit.calls[k];
            t.entry = optimised.unwrap_or(t.entry);
            t.timed = timed;
        }
        let arena = abi::take_arena();
        let printed = self.take_compiled_output();
        let reflected = printed.and_then(|()| m.reflect_containers(&arena));
        let outcome = if error.code != abi::ERR_NONE {
            Err(self.kernel_error(jit, &error))
        } else if let Err(e) = reflected {
            Err(e)
        } else {
            let mut it = results.iter().copied();
            unmarshal(&jit.calls[k].ret, &mut it, &m, &arena).map(Some)
        };
        // The buffers keep their capacity but not the arguments: a large array the script has
        // dropped must not stay alive until the next call.
        m.descs.clear();
        m.arrays.clear();
        m.lists.clear();
        m.dicts.clear();
        m.strs.clear();
        m.objects.clear();
        m.made.borrow_mut().clear();
        jit.marshalled = m;
        outcome
    }

    /// Specialises and compiles `func` for the types of `args` (or finds why it runs
    /// interpreted: `None`), and remembers it in `jit.calls`; returns its position there.
    fn call_target(&mut self, jit: &mut Jit, func: &Rc<Function>, args: &[Value]) -> PyResult<Option<usize>> {
        let Some(types) = args.iter().map(arg_type).collect::<Option<Vec<_>>>() else {
            let kinds: Vec<String> = args.iter().map(|a| a.type_name()).collect();
            self.note_interpreted(jit, func, func.def.span, &format!("arguments of type ({}) are not compiled yet", kinds.join(", ")));
            return Ok(None);
        };
        let compiled = self.check_cached(jit, func, &types);
        let index = match compiled {
            Ok(i) => i,
            Err(e) if e.is_type_error => return Err(self.typing_error(func.name(), &e)),
            Err(e) => {
                self.note_interpreted(jit, func, e.span, &e.message);
                return Ok(None);
            }
        };
        let entry = jit.entry(index).map_err(|e| PyError::new(ErrorKind::RuntimeError, format!("code generation failed: {e}")))?;
        let Some(Some(f)) = jit.unit.functions.get(index) else {
            return Err(PyError::new(ErrorKind::RuntimeError, "compiled function vanished"));
        };
        let ret = f.ret.clone();
        let result_slots = flatten(&ret).len().max(1);
        if jit.calls.len() >= CALL_TARGETS {
            jit.calls.remove(0);
        }
        let timed = jit.timing_needed(index);
        jit.calls.push(CallTarget { function: function_key(func), types, index, entry, ret, result_slots, timed, calls: 0 });
        Ok(Some(jit.calls.len() - 1))
    }

    /// Compiles the decorated function `name` for argument types `types` without calling it
    /// (`rhumba inspect --signature`).
    pub fn compile_signature(&mut self, name: &str, types: &[Type]) -> PyResult<()> {
        self.compile_entry(name, types).map(|_| ())
    }

    /// Compiles `name` for `types` and returns its entry point, its result type, and which
    /// parameters it may write through (arrays stored into, directly or through a view).
    pub fn compile_entry(&mut self, name: &str, types: &[Type]) -> PyResult<(abi::EntryFn, Type, Vec<bool>)> {
        let Some(Value::Function(func)) = self.globals.get(&Symbol::intern(name)).cloned() else {
            return Err(PyError::new(ErrorKind::NameError, format!("no function named '{name}' at module level")));
        };
        let Some(mut jit) = self.jit.take() else {
            return Err(PyError::new(ErrorKind::RuntimeError, "the JIT is not enabled"));
        };
        let key = function_key(&func);
        let env = Globals { interp: self, frozen: Default::default(), frozen_ids: Default::default() };
        let outcome = check::check_function(&mut jit.unit, &env, key, &func.def, types);
        jit.frozen.extend(env.frozen.into_inner());
        let result = match outcome {
            // A handle is looked up once and called many times, and its calls are not timed:
            // under `TierPolicy::Now` (the embedding default) the optimising tier takes the
            // specialisation over here.
            Ok(index) => jit
                .entry(index)
                .map_err(|e| PyError::new(ErrorKind::RuntimeError, format!("code generation failed: {e}")))
                .and_then(|entry| {
                    let f = jit.unit.functions[index].as_ref().ok_or_else(|| PyError::new(ErrorKind::RuntimeError, "compiled function vanished"))?;
                    let written = rhumba_compiler::tir::written_parameters(f, &jit.unit.functions);
                    Ok((entry, f.ret.clone(), written))
                }),
            Err(e) if e.is_type_error => Err(self.typing_error(func.name(), &e)),
            Err(e) => Err(not_supported(format!("{}() cannot be compiled for this signature yet: {}", func.name(), e.message))),
        };
        self.jit = Some(jit);
        result
    }

    /// The optimising tier's entry (as an address) for the compiled specialisation of `name`
    /// for `types`, compiling it now if it has not been; `None` when the tier is off, missing
    /// from this build, or leaves the function to Cranelift. The embedding API's handles call
    /// it once they have run long.
    pub fn optimised_entry_address(&mut self, name: &str, types: &[Type]) -> Option<usize> {
        let Some(Value::Function(func)) = self.globals.get(&Symbol::intern(name)).cloned() else { return None };
        let jit = self.jit.as_mut()?;
        let index = jit.unit.lookup(function_key(&func), types)?;
        jit.note_run_time(index, std::time::Duration::MAX);
        jit.optimised_entry(index).map(|e| e as usize)
    }

    fn note_interpreted(&mut self, jit: &mut Jit, func: &Function, span: Span, why: &str) {
        if !jit.noted.insert(function_key(func)) || !self.jit_notes {
            return;
        }
        eprintln!("rhumba: note: {}() runs interpreted: {why}{}", func.name(), self.place(span));
    }

    /// ` (file:line)` for a span of the script, or nothing when the script is unknown.
    fn place(&self, span: Span) -> String {
        self.source
            .as_ref()
            .map(|(name, text)| {
                let line = text[..(span.start as usize).min(text.len())].matches('\n').count() + 1;
                format!(" ({name}:{line})")
            })
            .unwrap_or_default()
    }

    fn typing_error(&self, function: &str, e: &CheckError) -> PyError {
        let mut message = e.message.clone();
        if let (Some((span, label)), Some((_, text))) = (&e.secondary, &self.source) {
            let line = text[..(span.start as usize).min(text.len())].matches('\n').count() + 1;
            message.push_str(&format!(" ({label}, line {line})"));
        }
        let mut err = PyError::new(ErrorKind::TypeError, message);
        err.class = "TypingError".to_string();
        err.frames.push((function.to_string(), e.span));
        err
    }

    /// Turns a filled error slot into the Python exception, located in the kernel that failed.
    fn kernel_error(&self, jit: &Jit, e: &ErrorSlot) -> PyError {
        let (exception, message) = abi::describe_error(e.code, e.index, e.axis, e.bound);
        let kind = match exception {
            "IndexError" => ErrorKind::IndexError,
            "ZeroDivisionError" => ErrorKind::ZeroDivisionError,
            "AssertionError" => ErrorKind::AssertionError,
            "ValueError" => ErrorKind::ValueError,
            "KeyboardInterrupt" => {
                // Reported once: both the interpreter's and the compiled loops' requests end here.
                super::INTERRUPTED.store(false, std::sync::atomic::Ordering::Relaxed);
                rhumba_runtime::abi::clear_interrupt();
                ErrorKind::KeyboardInterrupt
            }
            _ => ErrorKind::RuntimeError,
        };
        let mut err = PyError::new(kind, message);
        if err.kind.name() != exception {
            err.class = exception.to_string();
        }
        if let Some(site) = abi::raise_site(e.code) {
            // A `raise` in the kernel: the class's own lineage and the raised arguments.
            err.kind = ErrorKind::from_class(site.class);
            err.lineage = site.lineage.clone();
            let args = abi::raised_args(&site, e.index, e.bound)
                .into_iter()
                .map(|a| match a {
                    abi::RaisedArg::Str(s) => Value::str(&s),
                    abi::RaisedArg::Int(i) => Value::Int(i),
                    abi::RaisedArg::Float(f) => Value::Float(f),
                    abi::RaisedArg::Bool(b) => Value::Bool(b),
                })
                .collect::<Vec<_>>();
            err.message = super::exceptions::message(&args);
            err.args = Some(args);
        } else if matches!(e.code, abi::ERR_UNPACK_TOO_MANY | abi::ERR_UNPACK_TOO_FEW) {
            // Numba raises these without arguments (`str(e)` is empty); the traceback keeps
            // rhumba's explanation.
            err.args = Some(vec![]);
        }
        let name_of = |index: i64| {
            jit.unit
                .functions
                .get(index as usize)
                .and_then(|f| f.as_ref())
                .map(|f| f.name.split('(').next().unwrap_or("kernel").trim().to_string())
                .unwrap_or_else(|| "kernel".to_string())
        };
        let at = |offset: i64| Span::new(offset as usize, offset as usize);
        err.frames.push((name_of(e.function), at(e.source_offset as i64)));
        for [function, offset] in e.trace.iter().take(e.trace_len.clamp(0, abi::MAX_TRACE as i64) as usize) {
            err.frames.push((name_of(*function), at(*offset)));
        }
        err
    }
}

// ------------------------------------------------------------------ CUDA kernels on the simulator

impl Interpreter {
    /// Compiles a `@cuda.jit` kernel for the CPU (once per argument types) and runs it over the
    /// launch's grid on the simulator. A kernel has no interpreted form: one that does not
    /// compile is an error naming the construct, as in Numba.
    pub(super) fn launch_simulated(&mut self, func: &Rc<Function>, args: &[Value], shape: rhumba_runtime::cuda::simulator::LaunchShape) -> PyResult<()> {
        let mut jit = match self.cuda_jit.take() {
            Some(j) => j,
            None => Box::new(self.new_cuda_jit()?),
        };
        let result = self.launch_simulated_with(&mut jit, func, args, shape);
        self.cuda_jit = Some(jit);
        result
    }

    fn new_cuda_jit(&self) -> PyResult<Jit> {
        let mut jit = Jit::new().map_err(|e| PyError::new(ErrorKind::RuntimeError, format!("cannot start the kernel compiler: {e}")))?;
        if self.keep_listings {
            jit.keep_listings();
        }
        Ok(jit)
    }

    fn launch_simulated_with(&mut self, jit: &mut Jit, func: &Rc<Function>, args: &[Value], shape: rhumba_runtime::cuda::simulator::LaunchShape) -> PyResult<()> {
        let index = self.specialise_kernel_in(jit, func, args)?;
        if shape.blocks() == 0 {
            // `inspect --signature`: specialised, not run.
            return Ok(());
        }
        let entry = jit.cranelift_entry(index).map_err(|e| PyError::new(ErrorKind::RuntimeError, format!("code generation failed: {e}")))?;
        let synchronises = tir::synchronises(&jit.unit.functions, index);
        let mut m = Marshalled::default();
        marshal(args, &mut m);
        let kernel = rhumba_runtime::cuda::simulator::Kernel { entry, slots: &m.slots, synchronises };
        self.flush_before_native_code();
        let outcome = rhumba_runtime::cuda::simulator::launch(&kernel, shape);
        drop(m);
        outcome.map_err(|e| self.kernel_error(jit, &e))
    }

    /// Checks a kernel for the types of `args` (once per tuple of types) and returns its index
    /// in `jit`'s unit. A kernel has no interpreted form: one that does not compile is an error
    /// naming the construct, as in Numba.
    fn specialise_kernel_in(&mut self, jit: &mut Jit, func: &Rc<Function>, args: &[Value]) -> PyResult<FuncIndex> {
        let Some(types) = args.iter().map(arg_type).collect::<Option<Vec<_>>>() else {
            return Err(type_error(format!("{}(): a kernel argument has a type kernels cannot take", func.name())));
        };
        let compiled = self.check_cached(jit, func, &types);
        let index = match compiled {
            Ok(i) => i,
            Err(e) if e.is_type_error => return Err(self.typing_error(func.name(), &e)),
            Err(e) => {
                let mut err = not_supported(format!("the CUDA kernel {}() cannot be compiled: {}", func.name(), e.message));
                err.frames.push((func.name().to_string(), e.span));
                return Err(err);
            }
        };
        let Some(Some(f)) = jit.unit.functions.get(index) else {
            return Err(PyError::new(ErrorKind::RuntimeError, "compiled kernel vanished"));
        };
        if f.ret != Type::None {
            let mut err = type_error(format!("the CUDA kernel {}() returns {}; kernels cannot return a value", func.name(), f.ret));
            err.class = "TypingError".to_string();
            err.frames.push((func.name().to_string(), func.def.span));
            return Err(err);
        }
        if !jit.kernels.contains(&index) {
            jit.kernels.push(index);
        }
        Ok(index)
    }

    /// The PTX of a kernel for the types of `args` (compiled once per specialisation), its
    /// entry symbol, and the kernel's parameter types.
    #[cfg(feature = "gpu")]
    pub(super) fn kernel_ptx(&mut self, func: &Rc<Function>, args: &[Value]) -> PyResult<(Rc<rhumba_compiler::backend::llvm::GpuKernel>, Vec<Type>)> {
        let mut jit = match self.cuda_jit.take() {
            Some(j) => j,
            None => Box::new(self.new_cuda_jit()?),
        };
        let result = self.specialise_kernel_in(&mut jit, func, args).and_then(|index| {
            let params = jit.unit.functions[index].as_ref().map(|f| f.params.iter().map(|p| f.locals[*p].ty.clone()).collect()).unwrap_or_default();
            if let Some(k) = jit.ptx.get(&index) {
                return Ok((k.clone(), params));
            }
            let k = rhumba_compiler::backend::llvm::compile_kernel(&jit.unit, index).map_err(|e| {
                let mut err = not_supported(format!("the CUDA kernel {}() cannot be compiled for the GPU: {}", func.name(), e.message));
                err.frames.push((func.name().to_string(), if e.span == Span::default() { func.def.span } else { e.span }));
                err
            })?;
            let k = Rc::new(k);
            jit.ptx.insert(index, k.clone());
            Ok((k, params))
        });
        self.cuda_jit = Some(jit);
        result
    }

    /// The exception for a GPU kernel's error record (code, function, source offset, index,
    /// axis, bound).
    #[cfg(feature = "gpu")]
    pub(super) fn device_kernel_error(&self, record: &[i64; 8]) -> PyError {
        let slot = ErrorSlot { code: record[0] as i32, function: record[1], source_offset: record[2] as u32, index: record[3], axis: record[4], bound: record[5], ..ErrorSlot::default() };
        match &self.cuda_jit {
            Some(j) => self.kernel_error(j, &slot),
            None => PyError::new(ErrorKind::RuntimeError, "a kernel failed"),
        }
    }

    /// Specialises the CUDA kernel `name` for argument types `types` without running it
    /// (`rhumba inspect --signature`).
    pub fn specialise_kernel(&mut self, name: &str, types: &[Type]) -> PyResult<()> {
        let Some(Value::Function(func)) = self.globals.get(&Symbol::intern(name)).cloned() else {
            return Err(PyError::new(ErrorKind::NameError, format!("no function named '{name}' at module level")));
        };
        let args: Vec<Value> = types.iter().map(example_value).collect::<Option<_>>().ok_or_else(|| type_error("this signature has a type kernels cannot take"))?;
        let nothing = rhumba_runtime::cuda::simulator::LaunchShape { grid: [0, 1, 1], block: [1, 1, 1] };
        self.launch_simulated(&func, &args, nothing)
    }

    /// Every CUDA kernel specialised so far (of `name`, if given), with the compilation unit it
    /// lives in, for the GPU backend.
    pub fn with_kernels<T>(&self, name: Option<&str>, f: impl FnOnce(&check::Unit, Vec<FuncIndex>) -> T) -> T {
        let empty = check::Unit::default();
        match &self.cuda_jit {
            Some(j) => {
                let picked = j.kernels.iter().copied().filter(|i| name.is_none() || j.unit.functions[*i].as_ref().is_some_and(|f| f.name.split('(').next() == name)).collect();
                f(&j.unit, picked)
            }
            None => f(&empty, Vec::new()),
        }
    }
}

// ------------------------------------------------------------------ compiled @vectorize

/// A synthesized elementwise function `def <name>(out, a0, a1, ...)` with the body `body(loads)`
/// makes of the operand loads `"a0[i], a1[i], ..."`, its spans pointing at the user's function
/// `func` so that a traceback cites the user's source. Also returns its definition.
fn synthesized_elementwise(func: &Rc<Function>, arity: usize, body: impl Fn(&str) -> String, dispatch: Dispatch) -> Option<(Rc<Function>, Rc<rhumba_grammar::ast::FunctionDef>)> {
    let params: Vec<String> = (0..arity).map(|k| format!("a{k}")).collect();
    let loads: Vec<String> = params.iter().map(|p| format!("{p}[i]")).collect();
    let source = format!("def {name}(out, {params}):\n{body}", name = func.name(), params = params.join(", "), body = body(&loads.join(", ")));
    let (module, diagnostics) = rhumba_grammar::parse(&source);
    let def = match module.body.into_iter().next() {
        Some(rhumba_grammar::ast::Stmt { kind: rhumba_grammar::ast::StmtKind::FunctionDef(def), .. }) if diagnostics.is_empty() => def,
        _ => return None,
    };
    let mut def = def.as_ref().clone();
    def.span = func.def.span;
    def.body.iter_mut().for_each(|s| respan_stmt(s, func.def.name.span));
    let def = Rc::new(def);
    let locals: Vec<Symbol> = ["out"].iter().map(|s| Symbol::intern(s)).chain(params.iter().map(|p| Symbol::intern(p))).chain([Symbol::intern("i")]).collect();
    let f = Rc::new(Function { def: def.clone(), locals: locals.into(), defaults: vec![None; arity + 1], captured: Rc::new(Vec::new()), dispatch });
    Some((f, def))
}

/// Points every span of a synthesized statement at `span` (the user's function), so that a
/// traceback through generated code cites the user's source.
fn respan_stmt(s: &mut rhumba_grammar::ast::Stmt, span: Span) {
    use rhumba_grammar::ast::StmtKind;
    s.span = span;
    match &mut s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => respan_expr(e, span),
        StmtKind::Assign { targets, value } => {
            targets.iter_mut().for_each(|t| respan_expr(t, span));
            respan_expr(value, span);
        }
        StmtKind::For { target, iter, body, orelse } => {
            respan_expr(target, span);
            respan_expr(iter, span);
            body.iter_mut().chain(orelse.iter_mut()).for_each(|s| respan_stmt(s, span));
        }
        StmtKind::If { test, body, orelse } => {
            respan_expr(test, span);
            body.iter_mut().chain(orelse.iter_mut()).for_each(|s| respan_stmt(s, span));
        }
        _ => {}
    }
}

fn respan_expr(e: &mut rhumba_grammar::ast::Expr, span: Span) {
    use rhumba_grammar::ast::ExprKind;
    e.span = span;
    match &mut e.kind {
        ExprKind::Call { func, args, .. } => {
            respan_expr(func, span);
            args.iter_mut().for_each(|a| respan_expr(a, span));
        }
        ExprKind::Subscript { value, index } => {
            respan_expr(value, span);
            respan_expr(index, span);
        }
        ExprKind::Attribute { value, attr } => {
            respan_expr(value, span);
            attr.span = span;
        }
        ExprKind::BinOp { left, right, .. } => {
            respan_expr(left, span);
            respan_expr(right, span);
        }
        ExprKind::Compare { left, ops } => {
            respan_expr(left, span);
            ops.iter_mut().for_each(|(_, e)| respan_expr(e, span));
        }
        _ => {}
    }
}

impl Interpreter {
    pub(super) fn jit_enabled(&self) -> bool {
        self.jit.is_some()
    }

    /// Runs a `@vectorize` function compiled: the operands are broadcast into contiguous inputs
    /// of the argument dtypes, and a synthesized loop `out[i] = f(a0[i], ...)` (a `prange` for
    /// `target='parallel'`) is compiled like any kernel. `Ok(None)` means "interpret instead".
    pub(super) fn call_vectorized_compiled(
        &mut self,
        func: &Rc<Function>,
        arrays: &[Rc<NdArray>],
        arg_types: &[DType],
        ret: Option<DType>,
        shape: &[usize],
        parallel: bool,
    ) -> PyResult<Option<NdArray>> {
        let n: usize = shape.iter().product();
        let inputs: Vec<Value> = arrays
            .iter()
            .zip(arg_types)
            .map(|(a, d)| {
                // Inputs already contiguous, full-sized and of the right dtype are used in place.
                if a.dtype == *d && a.shape == shape && a.is_c_contiguous() {
                    return Value::array(a.reshaped(&[n]));
                }
                let b = a.broadcast_to(shape).unwrap_or_else(|| a.as_ref().clone());
                Value::array(b.copy_as(*d).reshaped(&[n]))
            })
            .collect();
        let key = function_key(func);
        let scalar_name = format!("__rhumba_vectorized_{key}");
        let scalar = Rc::new(Function {
            def: func.def.clone(),
            locals: func.locals.clone(),
            defaults: func.defaults.clone(),
            captured: func.captured.clone(),
            dispatch: Dispatch::Jit { signatures: vec![], options: JitOptions::default() },
        });
        self.globals.insert(Symbol::intern(&scalar_name), Value::Function(scalar.clone()));
        let out_dtype = match ret {
            Some(d) => d,
            None if n == 0 => DType::Float64,
            None => {
                // Without a signature, the result type is what the compiled function returns.
                let first: Vec<Value> = inputs
                    .iter()
                    .map(|v| match v {
                        Value::Array(a) => Value::from_element(a.read(a.offset)),
                        other => other.clone(),
                    })
                    .collect();
                match self.call_compiled(&scalar, &first)?.and_then(|v| v.scalar_dtype()) {
                    Some(d) => d,
                    None => return Ok(None),
                }
            }
        };
        let Some(looped) = self.vectorize_loop(func, arrays.len(), parallel, &scalar_name)? else { return Ok(None) };
        let out = NdArray::zeros(out_dtype, &[n]);
        let mut args = vec![Value::array(out.clone())];
        args.extend(inputs);
        Ok(self.call_compiled(&looped, &args)?.map(|_| out.reshaped(shape)))
    }

    /// The elementwise CUDA kernel of a `@vectorize(target='cuda')` function with `arity`
    /// operands, made once: `out[i] = f(a0[i], ...)` for `i = cuda.grid(1)` below `out.shape[0]`,
    /// with `f` as a device function. The simulator and the GPU launch it like any kernel.
    pub(super) fn cuda_ufunc_kernel(&mut self, func: &Rc<Function>, arity: usize) -> PyResult<Rc<Function>> {
        let cache_key = (function_key(func), arity, true);
        if let Some(f) = self.cuda_ufunc_kernels.get(&cache_key) {
            return Ok(f.clone());
        }
        let key = function_key(func);
        let scalar_name = format!("__rhumba_cuda_ufunc_{key}");
        let cuda_name = "__rhumba_cuda";
        self.globals.insert(Symbol::intern(cuda_name), Value::Module(ModuleKind::Cuda));
        let scalar = Rc::new(Function {
            def: func.def.clone(),
            locals: func.locals.clone(),
            defaults: func.defaults.clone(),
            captured: func.captured.clone(),
            dispatch: Dispatch::Cuda { signatures: vec![], device: true, options: JitOptions::default() },
        });
        self.globals.insert(Symbol::intern(&scalar_name), Value::Function(scalar));
        let dispatch = Dispatch::Cuda { signatures: vec![], device: false, options: JitOptions::default() };
        let body = |loads: &str| format!("    i = {cuda_name}.grid(1)\n    if i < out.shape[0]:\n        out[i] = {scalar_name}({loads})\n");
        let Some((kernel, def)) = synthesized_elementwise(func, arity, body, dispatch) else {
            return Err(PyError::new(ErrorKind::RuntimeError, "internal error: the CUDA ufunc kernel did not parse"));
        };
        // Registered as a global so that the compiler finds it as a CUDA function.
        self.globals.insert(Symbol::intern(&format!("__rhumba_cuda_ufunc_kernel_{}", Rc::as_ptr(&def) as usize)), Value::Function(kernel.clone()));
        self.cuda_ufunc_kernels.insert(cache_key, kernel.clone());
        Ok(kernel)
    }

    /// The synthesized loop of a vectorized function with `arity` operands, made once.
    fn vectorize_loop(&mut self, func: &Rc<Function>, arity: usize, parallel: bool, scalar_name: &str) -> PyResult<Option<Rc<Function>>> {
        let cache_key = (function_key(func), arity, parallel);
        if let Some(f) = self.vectorize_loops.get(&cache_key) {
            return Ok(Some(f.clone()));
        }
        let range_name = "__rhumba_prange";
        if let Some(prange) = super::numba_api::module_attr("prange") {
            self.globals.insert(Symbol::intern(range_name), prange);
        }
        let options = JitOptions { parallel, ..JitOptions::default() };
        let dispatch = Dispatch::Jit { signatures: vec![], options };
        let body = |loads: &str| format!("    for i in {range_name}(out.shape[0]):\n        out[i] = {scalar_name}({loads})\n");
        let Some((looped, def)) = synthesized_elementwise(func, arity, body, dispatch) else { return Ok(None) };
        // Registered as a global so that the compiler finds its options (`parallel`).
        self.globals.insert(Symbol::intern(&format!("__rhumba_vectorize_loop_{}", Rc::as_ptr(&def) as usize)), Value::Function(looped.clone()));
        self.vectorize_loops.insert(cache_key, looped.clone());
        Ok(Some(looped))
    }
}

/// The scalar types the checker gave an interpreted `@jit` function's variables (by slot) and
/// its result; under `--no-jit` stores and returns convert to them, so an `int` assigned to a
/// variable that is a float on another path becomes a float, as in compiled code and Numba.
pub(super) struct Coercions {
    slots: Vec<Option<DType>>,
    ret: Option<DType>,
}

impl Coercions {
    /// `value` stored into `slot`, converted to the slot's type.
    pub(super) fn store(&self, slot: usize, value: Value) -> Value {
        match self.slots.get(slot) {
            Some(Some(d)) => coerce_scalar(value, *d),
            _ => value,
        }
    }

    /// A returned `value`, converted to the function's result type; a uint64 result past
    /// int64's range (held as its bits) is an `OverflowError`, as when compiled code returns it.
    pub(super) fn result(&self, value: Value) -> PyResult<Value> {
        match (self.ret, value) {
            (Some(DType::UInt64), Value::Int(i)) if i < 0 => Err(uint64_overflow(i as u64)),
            (Some(d), value) => Ok(coerce_scalar(value, d)),
            (None, value) => Ok(value),
        }
    }
}

/// A uint64 result that the host's int64 integers cannot hold (Numba returns a Python int).
pub(super) fn uint64_overflow(value: u64) -> PyError {
    PyError::new(ErrorKind::OverflowError, format!("the uint64 value {value} does not fit the interpreter's int64 integers (unsigned scalars are not supported yet)"))
}

/// A scalar converted to a wider scalar type the way compiled code widens it where two types
/// meet (bool → int → float); other values are left alone.
fn coerce_scalar(value: Value, to: DType) -> Value {
    match (to, value) {
        (DType::Float64, Value::Int(i)) => Value::Float(i as f64),
        (DType::Float64, Value::Bool(b)) => Value::Float(f64::from(u8::from(b))),
        (DType::Float64, Value::F32(f)) => Value::Float(f64::from(f)),
        (DType::Float32, Value::Int(i)) => Value::F32(i as f32),
        (DType::Float32, Value::Bool(b)) => Value::F32(f32::from(u8::from(b))),
        (d, Value::Bool(b)) if d.is_int() => Value::Int(i64::from(b)),
        (_, v) => v,
    }
}

/// An interpreted `@jit` function as the checker sees it: its definition with one name per
/// SSA web (`x.1`) and the types of those names.
pub(super) struct TypedVariant {
    pub(super) function: Rc<Function>,
    pub(super) coercions: Rc<Coercions>,
}

impl Interpreter {
    /// The typed variant of the module-level `@jit` function `func` for `args`, checked once
    /// per argument types in a scratch unit (nothing is compiled); `None` when the checker
    /// cannot type it, and the function is then interpreted as written, as Python would.
    pub(super) fn typed_variant(&mut self, func: &Rc<Function>, args: &[Value]) -> Option<Rc<TypedVariant>> {
        if !func.captured.is_empty() || args.len() != func.def.params.len() + usize::from(func.def.vararg.is_some()) {
            return None;
        }
        let types = args.iter().map(arg_type).collect::<Option<Vec<_>>>()?;
        let key = (function_key(func), types);
        if let Some(v) = self.typed_variants.get(&key) {
            return v.clone();
        }
        let variant = self.check_variant(func, &key.1);
        self.typed_variants.insert(key, variant.clone());
        variant
    }

    fn check_variant(&self, func: &Rc<Function>, types: &[Type]) -> Option<Rc<TypedVariant>> {
        let mut unit = check::Unit::with_options(Default::default());
        let env = Globals { interp: self, frozen: Default::default(), frozen_ids: Default::default() };
        let index = check::check_function(&mut unit, &env, function_key(func), &func.def, types).ok()?;
        let checked = unit.functions.get(index)?.as_ref()?;
        let def = rhumba_compiler::ssa_names::split(&func.def);
        let locals: Rc<[Symbol]> = super::eval::scope::locals_of(&def).into();
        let scalar = |t: &Type| match t {
            Type::Scalar(d) => Some(*d),
            _ => None,
        };
        let slots = locals.iter().map(|s| checked.locals.iter().find(|l| l.name == s.as_str()).and_then(|l| scalar(&l.ty))).collect();
        let coercions = Coercions { slots, ret: scalar(&checked.ret) };
        let function = Function { def, locals, defaults: func.defaults.clone(), captured: func.captured.clone(), dispatch: func.dispatch.clone() };
        Some(Rc::new(TypedVariant { function: Rc::new(function), coercions: Rc::new(coercions) }))
    }
}
