//! Python values across the boundary: the type compiled code sees for an argument, arguments
//! laid out in ABI slots (numpy arrays by reference, as descriptors of their own memory), and
//! results back as Python objects (new arrays as numpy arrays owning rhumba's buffer).

use numpy::npyffi::{self, NpyTypes, NPY_TYPES, PY_ARRAY_API};
use numpy::{PyArrayDescrMethods, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyComplexMethods, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use rhumba_compiler::{Layout, Type};
use rhumba_runtime::abi::{self, ArrayDesc, MAX_DIMS};
use rhumba_runtime::array::Buffer;
use rhumba_runtime::DType;

use crate::host::{Frozen, Host};

/// The dtype of a numpy type number, for those compiled code takes.
fn dtype_of(num: i32) -> Option<DType> {
    let t = |n: NPY_TYPES| n as i32;
    Some(match num {
        n if n == t(NPY_TYPES::NPY_BOOL) => DType::Bool,
        n if n == t(NPY_TYPES::NPY_BYTE) => DType::Int8,
        n if n == t(NPY_TYPES::NPY_UBYTE) => DType::UInt8,
        n if n == t(NPY_TYPES::NPY_SHORT) => DType::Int16,
        n if n == t(NPY_TYPES::NPY_USHORT) => DType::UInt16,
        n if n == t(NPY_TYPES::NPY_INT) => DType::Int32,
        n if n == t(NPY_TYPES::NPY_UINT) => DType::UInt32,
        n if n == t(NPY_TYPES::NPY_LONG) || n == t(NPY_TYPES::NPY_LONGLONG) => DType::Int64,
        n if n == t(NPY_TYPES::NPY_ULONG) || n == t(NPY_TYPES::NPY_ULONGLONG) => DType::UInt64,
        n if n == t(NPY_TYPES::NPY_FLOAT) => DType::Float32,
        n if n == t(NPY_TYPES::NPY_DOUBLE) => DType::Float64,
        n if n == t(NPY_TYPES::NPY_CFLOAT) => DType::Complex64,
        n if n == t(NPY_TYPES::NPY_CDOUBLE) => DType::Complex128,
        _ => return None,
    })
}

/// The numpy type number of a dtype.
pub fn type_number(d: DType) -> i32 {
    (match d {
        DType::Bool => NPY_TYPES::NPY_BOOL,
        DType::Int8 => NPY_TYPES::NPY_BYTE,
        DType::UInt8 => NPY_TYPES::NPY_UBYTE,
        DType::Int16 => NPY_TYPES::NPY_SHORT,
        DType::UInt16 => NPY_TYPES::NPY_USHORT,
        DType::Int32 => NPY_TYPES::NPY_INT,
        DType::UInt32 => NPY_TYPES::NPY_UINT,
        DType::Int64 => NPY_TYPES::NPY_LONG,
        DType::UInt64 => NPY_TYPES::NPY_ULONG,
        DType::Float32 => NPY_TYPES::NPY_FLOAT,
        DType::Float64 => NPY_TYPES::NPY_DOUBLE,
        DType::Complex64 => NPY_TYPES::NPY_CFLOAT,
        DType::Complex128 => NPY_TYPES::NPY_CDOUBLE,
    }) as i32
}

/// A numpy array's dtype, when compiled code takes it (native byte order).
fn array_dtype(a: &Bound<'_, PyUntypedArray>) -> Option<DType> {
    let descr = a.dtype();
    if descr.is_native_byteorder() == Some(false) {
        return None;
    }
    dtype_of(descr.num())
}

/// The type compiled code sees for `v`, or `None` for values it does not take yet.
pub fn type_of(v: &Bound<'_, PyAny>) -> Option<Type> {
    if v.is_exact_instance_of::<PyFloat>() {
        return Some(Type::Scalar(DType::Float64));
    }
    if v.is_exact_instance_of::<PyBool>() {
        return Some(Type::Scalar(DType::Bool));
    }
    if v.is_exact_instance_of::<PyComplex>() {
        return Some(Type::Complex(DType::Complex128));
    }
    if v.is_exact_instance_of::<PyString>() {
        return Some(Type::Str);
    }
    if v.is_exact_instance_of::<PyInt>() {
        // Numba types an int that does not fit int64 as uint64.
        return match v.extract::<i64>() {
            Ok(_) => Some(Type::Scalar(DType::Int64)),
            Err(_) => v.extract::<u64>().ok().map(|_| Type::Scalar(DType::UInt64)),
        };
    }
    if let Ok(a) = v.cast::<PyUntypedArray>() {
        let ndim = a.ndim();
        if ndim > MAX_DIMS {
            return None;
        }
        return array_dtype(a).map(|dtype| Type::Array { dtype, ndim, layout: Layout::Any });
    }
    if let Ok(t) = v.cast::<PyTuple>() {
        return t.iter().map(|i| type_of(&i)).collect::<Option<Vec<_>>>().map(Type::Tuple);
    }
    if let Ok(d) = v.cast::<PyDict>() {
        // A typed dict (`rhumba.typed.Dict`; Numba takes no plain dict) of one key type and
        // one value type.
        if v.is_exact_instance_of::<PyDict>() || !v.get_type().name().map(|n| n.to_string() == "Dict").unwrap_or(false) {
            return None;
        }
        let (k0, v0) = d.iter().next()?;
        let (k, val) = (type_of(&k0)?, type_of(&v0)?);
        let ok = rhumba_compiler::types::dict_key_supported(&k) && rhumba_compiler::types::dict_value_supported(&val);
        if !ok || !d.iter().all(|(x, y)| has_type(&x, &k) && has_type(&y, &val)) {
            return None;
        }
        return Some(Type::Dict { key: Some(Box::new(k)), value: Some(Box::new(val)) });
    }
    if let Ok(l) = v.cast::<PyList>() {
        // A list of one item type that compiled lists hold (an empty one has none, as in Numba);
        // `rhumba.typed.List` (a list subclass) is a typed list.
        let first = type_of(&l.get_item(0).ok()?)?;
        if !rhumba_compiler::types::list_item_supported(&first) || !l.iter().all(|i| has_type(&i, &first)) {
            return None;
        }
        return Some(Type::List { item: Some(Box::new(first)), typed: is_typed_list(v) });
    }
    // numpy scalars (`np.float32(1)`, `np.int32(2)`): their own dtype, as Numba types them.
    if let Ok(dtype) = v.getattr(pyo3::intern!(v.py(), "dtype")) {
        if v.getattr(pyo3::intern!(v.py(), "ndim")).and_then(|n| n.extract::<usize>()).ok() == Some(0) && !v.is_instance_of::<PyUntypedArray>() {
            let num = dtype.getattr("num").and_then(|n| n.extract::<i32>()).ok()?;
            return dtype_of(num).map(Type::scalar);
        }
    }
    None
}

/// Whether `v` is a `rhumba.typed.List` (or `numba.typed.List` under the drop-in alias).
fn is_typed_list(v: &Bound<'_, PyAny>) -> bool {
    !v.is_exact_instance_of::<PyList>() && v.get_type().name().map(|n| n.to_string() == "List").unwrap_or(false)
}

/// Whether `v` has type `t` as [`type_of`] would give it, cheaply for the usual cases.
pub fn has_type(v: &Bound<'_, PyAny>, t: &Type) -> bool {
    match t {
        Type::Scalar(DType::Float64) if v.is_exact_instance_of::<PyFloat>() => true,
        Type::Scalar(DType::Int64) if v.is_exact_instance_of::<PyInt>() => v.extract::<i64>().is_ok(),
        Type::Scalar(DType::Bool) if v.is_exact_instance_of::<PyBool>() => true,
        Type::Array { dtype, ndim, layout } => match v.cast::<PyUntypedArray>() {
            // A specialisation for C-contiguous arrays (an eager `[::1]` signature) takes only those.
            Ok(a) => a.ndim() == *ndim && array_dtype(a) == Some(*dtype) && (*layout != Layout::C || a.is_c_contiguous()),
            Err(_) => false,
        },
        Type::Tuple(items) => match v.cast::<PyTuple>() {
            Ok(tuple) => tuple.len() == items.len() && tuple.iter().zip(items).all(|(v, t)| has_type(&v, t)),
            Err(_) => false,
        },
        _ => type_of(v).as_ref() == Some(t),
    }
}

/// Arguments laid out for an entry point.
#[derive(Default)]
pub struct Marshalled {
    pub slots: Vec<u64>,
    /// The arrays' descriptors (not moved once the slots point at them: filled first).
    pub descs: Vec<ArrayDesc>,
    /// (slot, descriptor) pairs: the slot receives the descriptor's address once all are made.
    pub desc_slots: Vec<(usize, usize)>,
    /// An argument array has at least [`LARGE_ARRAY`] elements (the call may be long).
    pub large: bool,
    /// The argument lists as compiled code sees them, with the Python lists their items are
    /// written back into after the call (Numba's reflected lists; typed lists likewise).
    pub lists: Vec<(abi::OwnedList, Py<PyList>, Type)>,
    /// The argument dicts likewise, with their key and value types.
    pub dicts: Vec<(Box<abi::DictObject>, Py<PyDict>, Type, Type)>,
    /// The argument strings as compiled code sees them (immutable: nothing is written back).
    pub strs: Vec<abi::OwnedList>,
    /// The arrays inside argument lists: each one's descriptor (boxed, as a list's slot holds its
    /// address) and the numpy array it describes, which compiled code may hand back.
    pub item_arrays: Vec<(Box<ArrayDesc>, Py<PyAny>)>,
}

/// Elements from which an argument array makes a call release the GIL whatever its history.
pub const LARGE_ARRAY: usize = 1 << 16;

impl Marshalled {
    /// Empties it, keeping the capacity.
    pub fn clear(&mut self) {
        self.large = false;
        self.slots.clear();
        self.descs.clear();
        self.desc_slots.clear();
        self.lists.clear();
        self.dicts.clear();
        self.strs.clear();
        self.item_arrays.clear();
    }
}

/// What turning one call's results back into Python values works from: the arguments as
/// marshalled and as Python objects, and what the call allocated (its arena): the buffers,
/// adopted one by one by Python owners as results reach them, and its lists and dicts.
struct Results<'a, 'py> {
    py: Python<'py>,
    m: &'a Marshalled,
    args: &'a Bound<'py, PyTuple>,
    /// (start, length, buffer) of each buffer the kernel allocated; the buffer is taken out once
    /// a Python owner adopts it.
    taken: Vec<(usize, usize, Option<std::rc::Rc<Buffer>>)>,
    /// (start, owner) of each adopted buffer, so that later views of it share that owner.
    owners: Vec<(usize, Bound<'py, PyAny>)>,
    lists: &'a [abi::OwnedList],
    dicts: &'a [Box<abi::DictObject>],
}

impl<'py> Results<'_, 'py> {
    /// Writes each argument list's items and each dict's entries back into the Python object
    /// it came from (after the call, whether or not it raised). Arrays the kernel made and put
    /// in a list are adopted as a result's are, so that one returned too is the same object.
    fn reflect_containers(&mut self) -> PyResult<()> {
        let (py, m) = (self.py, self.m);
        for (list, host, item) in &m.lists {
            let items = self.list_items(list.as_const_ptr(), item)?;
            host.bind(py).set_slice(0, host.bind(py).len(), &items)?;
        }
        for (dict, host, k, v) in &m.dicts {
            let host = host.bind(py);
            host.clear();
            for (key, value) in dict.entries() {
                host.set_item(self.dict_part(k, key)?, self.dict_value(v, value)?)?;
            }
        }
        Ok(())
    }

    /// A dict's key or value from its slots: a string (found in an argument, the arena or one
    /// of the dicts' own key copies), or numbers.
    fn dict_part(&self, ty: &Type, slots: &[u64]) -> PyResult<Py<PyAny>> {
        if *ty != Type::Str {
            return scalars_to_python(self.py, ty, &mut slots.iter().copied());
        }
        let ptr = slots.first().copied().unwrap_or(0) as *const abi::ListObject;
        self.traced_string(ptr, "stored").map(|s| s.into_any().unbind())
    }

    /// A dict's value from its slots: one holding arrays or lists is converted as a result is
    /// (an argument's array comes back as itself, a new one is adopted).
    fn dict_value(&mut self, ty: &Type, slots: &[u64]) -> PyResult<Py<PyAny>> {
        if rhumba_compiler::types::holds_array_or_list(ty) {
            return self.convert(ty, &mut slots.iter().copied()).map(Bound::unbind);
        }
        self.dict_part(ty, slots)
    }

    /// The Python string for a compiled string's header, which must be an argument's, one in
    /// the arena or a dict's own copy of a key (`what` the code did with it, for the error).
    fn traced_string(&self, ptr: *const abi::ListObject, what: &str) -> PyResult<Bound<'py, PyString>> {
        let in_dict = self.m.dicts.iter().map(|(d, ..)| &**d).chain(self.dicts.iter().map(|d| &**d)).any(|d| d.owns_string(ptr));
        if !in_dict && !self.m.strs.iter().chain(self.lists).any(|l| std::ptr::eq(l.as_const_ptr(), ptr)) {
            return Err(PyRuntimeError::new_err(format!("rhumba: compiled code {what} a string it cannot trace")));
        }
        // SAFETY: the header belongs to a live string: an argument's, one in the arena, or a
        // dict's own copy of a key, all alive until the caller has read the results.
        let codes = unsafe { abi::list_items(ptr) };
        Ok(PyString::new(self.py, &codes.iter().map(|c| char::from_u32(*c as u32).unwrap_or('\u{fffd}')).collect::<String>()))
    }

    /// The items of a compiled list as a new Python list, converted as [`Results::convert`]
    /// converts a result (arrays among them owned as a result's are; lists become new lists).
    fn list_items(&mut self, ptr: *const abi::ListObject, item: &Type) -> PyResult<Bound<'py, PyList>> {
        // SAFETY: callers pass the header of a live list (an argument's, or one in the arena).
        let slots = unsafe { abi::list_items(ptr) };
        let per = rhumba_compiler::types::slot_count(item).max(1);
        let mut out = Vec::with_capacity(slots.len() / per);
        for chunk in slots.chunks_exact(per) {
            out.push(self.convert(item, &mut chunk.iter().copied())?);
        }
        PyList::new(self.py, out)
    }
}

/// Whether a result type holds arrays.
pub fn holds_arrays(t: &Type) -> bool {
    match t {
        // Lists too: they are found by address as arrays are.
        Type::Array { .. } | Type::List { .. } | Type::Dict { .. } | Type::Str => true,
        Type::Tuple(items) => items.iter().any(holds_arrays),
        Type::Optional(inner) => holds_arrays(inner),
        _ => false,
    }
}

/// A result made of scalars (no arrays), as Python values.
pub fn scalars_to_python(py: Python<'_>, ty: &Type, slots: &mut impl Iterator<Item = u64>) -> PyResult<Py<PyAny>> {
    let empty = Marshalled::default();
    let none = PyTuple::empty(py);
    let mut results = Results { py, m: &empty, args: &none, taken: Vec::new(), owners: Vec::new(), lists: &[], dicts: &[] };
    results.convert(ty, slots).map(Bound::unbind)
}

/// Lays out every argument, then points each array's slot at its descriptor (once all are
/// made, so that none moves afterwards). `written[k]`: the code may write through argument `k`.
pub fn marshal_arguments(args: &Bound<'_, PyTuple>, m: &mut Marshalled, written: &[bool]) -> PyResult<()> {
    for (k, a) in args.iter().enumerate() {
        marshal(&a, m, written.get(k).copied().unwrap_or(false), k)?;
    }
    for (slot, desc) in &m.desc_slots {
        m.slots[*slot] = &m.descs[*desc] as *const ArrayDesc as u64;
    }
    Ok(())
}

/// Appends `v`'s slots. `written`: the code may write through this argument, so a read-only
/// array is refused (numpy's own rule), naming the argument (`position`).
fn marshal(v: &Bound<'_, PyAny>, m: &mut Marshalled, written: bool, position: usize) -> PyResult<()> {
    if v.is_exact_instance_of::<PyFloat>() {
        m.slots.push(v.extract::<f64>()?.to_bits());
    } else if v.is_exact_instance_of::<PyBool>() {
        m.slots.push(v.is_truthy()? as u64);
    } else if let Ok(z) = v.cast_exact::<PyComplex>() {
        m.slots.extend([z.real().to_bits(), z.imag().to_bits()]);
    } else if v.is_exact_instance_of::<PyInt>() {
        m.slots.push(match v.extract::<i64>() {
            Ok(i) => i as u64,
            Err(_) => v.extract::<u64>()?,
        });
    } else if let Ok(a) = v.cast::<PyUntypedArray>() {
        let ptr = a.as_array_ptr();
        // SAFETY: `ptr` is the live array object `a` holds; its flags are a plain field.
        let flags = unsafe { (*ptr).flags };
        if written && flags & npyffi::NPY_ARRAY_WRITEABLE == 0 {
            return Err(PyValueError::new_err(format!("argument {} is a read-only array, and the compiled function writes to it", position + 1)));
        }
        let mut desc = ArrayDesc { data: std::ptr::null_mut(), ndim: a.ndim() as i64, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] };
        // SAFETY: as above; `data` is the address of the array's first element.
        desc.data = unsafe { (*ptr).data as *mut u8 };
        let mut count = 1usize;
        for (k, (n, s)) in a.shape().iter().zip(a.strides()).enumerate().take(MAX_DIMS) {
            desc.shape[k] = *n as i64;
            desc.strides[k] = *s as i64;
            count = count.saturating_mul(*n);
        }
        m.large |= count >= LARGE_ARRAY;
        m.desc_slots.push((m.slots.len(), m.descs.len()));
        m.descs.push(desc);
        m.slots.push(0);
    } else if let Ok(t) = v.cast::<PyTuple>() {
        for item in t.iter() {
            marshal(&item, m, written, position)?;
        }
    } else if let Ok(s) = v.cast_exact::<PyString>() {
        let mut list = abi::OwnedList::new(1, s.to_str()?.chars().map(|c| c as u64).collect());
        m.slots.push(list.as_ptr() as u64);
        m.strs.push(list);
    } else if let Ok(d) = v.cast::<PyDict>() {
        let Some(Type::Dict { key: Some(k), value: Some(val) }) = type_of(v) else {
            return Err(PyRuntimeError::new_err("rhumba: an argument changed type during the call"));
        };
        let (ks_n, vs_n) = (rhumba_compiler::types::slot_count(&k), rhumba_compiler::types::slot_count(&val));
        let mut dict = Box::new(if *k == Type::Str { abi::DictObject::with_string_keys(vs_n) } else { abi::DictObject::new(ks_n, vs_n) });
        for (x, y) in d.iter() {
            let (mut ks, mut vs) = (Marshalled::default(), Marshalled::default());
            marshal(&x, &mut ks, false, position)?;
            // Compiled code may write through an array it finds in a dict, as in a list.
            marshal(&y, &mut vs, true, position)?;
            adopt_item_arrays(std::slice::from_ref(&y), &mut vs, m);
            dict.insert(&ks.slots, &vs.slots);
        }
        m.slots.push(&mut *dict as *mut abi::DictObject as u64);
        m.dicts.push((dict, d.clone().unbind(), *k, *val));
    } else if let Ok(l) = v.cast::<PyList>() {
        let Some(Type::List { item: Some(item), .. }) = type_of(v) else {
            return Err(PyRuntimeError::new_err("rhumba: an argument changed type during the call"));
        };
        let mut inner = Marshalled::default();
        for x in l.iter() {
            // Compiled code may write through an array it finds in a list, so a read-only one
            // is refused.
            marshal(&x, &mut inner, true, position)?;
        }
        adopt_item_arrays(&l.iter().collect::<Vec<_>>(), &mut inner, m);
        let mut list = abi::OwnedList::new(rhumba_compiler::types::slot_count(&item).max(1), inner.slots);
        m.slots.push(list.as_ptr() as u64);
        m.lists.push((list, l.clone().unbind(), *item));
    } else {
        // A numpy scalar: its value in its own type's slot layout.
        match type_of(v) {
            Some(Type::Scalar(DType::Float64)) => m.slots.push(v.extract::<f64>()?.to_bits()),
            Some(Type::Scalar(DType::Float32)) => m.slots.push((v.extract::<f64>()? as f32).to_bits() as u64),
            Some(Type::Complex(d)) => {
                // numpy's complex scalars convert to Python's complex, parts and all.
                let z = v.call_method0("__complex__")?;
                let z = z.cast::<PyComplex>()?;
                if d == DType::Complex64 {
                    m.slots.extend([(z.real() as f32).to_bits() as u64, (z.imag() as f32).to_bits() as u64]);
                } else {
                    m.slots.extend([z.real().to_bits(), z.imag().to_bits()]);
                }
            }
            Some(Type::Scalar(DType::Bool)) => m.slots.push(v.is_truthy()? as u64),
            Some(Type::Scalar(DType::UInt64)) => m.slots.push(v.call_method0("__int__")?.extract::<u64>()?),
            Some(Type::Scalar(_)) => m.slots.push(v.call_method0("__int__")?.extract::<i64>()? as u64),
            _ => return Err(PyRuntimeError::new_err("rhumba: an argument changed type during the call")),
        }
    }
    Ok(())
}

/// Gives the arrays among container items' slots (`inner`, marshalled from `items` one after
/// another) descriptors of their own, as a container's slot holds one's address, and moves
/// them, with the strings and the lists inside the items (reflected back too), into `m`, which
/// keeps them alive for the call and for the results and reflection to find.
fn adopt_item_arrays(items: &[Bound<'_, PyAny>], inner: &mut Marshalled, m: &mut Marshalled) {
    let mut arrays = Vec::new();
    for item in items {
        arrays_in_item(item, &mut arrays);
    }
    for ((slot, k), array) in inner.desc_slots.iter().zip(arrays) {
        let desc = Box::new(inner.descs[*k]);
        inner.slots[*slot] = &*desc as *const ArrayDesc as u64;
        m.item_arrays.push((desc, array.unbind()));
    }
    m.large |= inner.large;
    m.strs.append(&mut inner.strs);
    m.lists.append(&mut inner.lists);
    m.item_arrays.append(&mut inner.item_arrays);
}

/// The arrays in a container item, in the order [`marshal`] lays them out (inside tuples; a list
/// item's own arrays are its business).
fn arrays_in_item<'py>(v: &Bound<'py, PyAny>, out: &mut Vec<Bound<'py, PyAny>>) {
    if v.cast::<PyUntypedArray>().is_ok() {
        out.push(v.clone());
    } else if let Ok(t) = v.cast::<PyTuple>() {
        for item in t.iter() {
            arrays_in_item(&item, out);
        }
    }
}

/// Owns a buffer a kernel allocated: the base object of the numpy arrays that view it.
#[pyclass(module = "rhumba._native", name = "Buffer", frozen)]
pub struct OwnedBuffer {
    buffer: Buffer,
}

// SAFETY: a `Buffer` is heap memory freed once, when it is dropped; this object owns it alone
// (taken out of the kernel's arena) and never touches it after construction, so moving it or
// sharing references to it between threads is sound.
unsafe impl Send for OwnedBuffer {}
// SAFETY: see `Send`: no method reads or writes the buffer through a shared reference.
unsafe impl Sync for OwnedBuffer {}

#[pymethods]
impl OwnedBuffer {
    /// The buffer's size in bytes.
    fn __len__(&self) -> usize {
        self.buffer.len_bytes()
    }
}

/// A numpy array viewing memory kept alive by `base`, with rhumba's descriptor's shape and
/// strides.
fn numpy_view<'py>(py: Python<'py>, dtype: DType, desc: &ArrayDesc, base: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let ndim = desc.ndim.clamp(0, MAX_DIMS as i64) as usize;
    let mut dims: Vec<npyffi::npy_intp> = desc.shape[..ndim].iter().map(|d| *d as npyffi::npy_intp).collect();
    let mut strides: Vec<npyffi::npy_intp> = desc.strides[..ndim].iter().map(|s| *s as npyffi::npy_intp).collect();
    // SAFETY: the descriptor's data, shape and strides describe memory owned by `base` (a
    // kernel's buffer, or an argument's array), which the new array keeps alive as its base
    // object; `PyArray_NewFromDescr` steals the reference to `descr`, and
    // `PyArray_SetBaseObject` steals the reference to `base`.
    unsafe {
        let descr = PY_ARRAY_API.PyArray_DescrFromType(py, type_number(dtype));
        let array_type = PY_ARRAY_API.get_type_object(py, NpyTypes::PyArray_Type);
        let raw = PY_ARRAY_API.PyArray_NewFromDescr(
            py,
            array_type,
            descr,
            ndim as i32,
            dims.as_mut_ptr(),
            strides.as_mut_ptr(),
            desc.data as *mut std::ffi::c_void,
            npyffi::NPY_ARRAY_WRITEABLE,
            std::ptr::null_mut(),
        );
        let array = Bound::from_owned_ptr_or_err(py, raw)?;
        if PY_ARRAY_API.PyArray_SetBaseObject(py, raw as *mut npyffi::PyArrayObject, base.into_ptr()) != 0 {
            return Err(PyErr::fetch(py));
        }
        Ok(array)
    }
}

/// Rebuilds Python values from result slots. A returned argument is that same object; a view
/// of an argument is a numpy view whose base is the argument; a new array owns the kernel's
/// buffer (no copy).
pub fn unmarshal(py: Python<'_>, ty: &Type, slots: &mut impl Iterator<Item = u64>, m: &Marshalled, args: &Bound<'_, PyTuple>, arena: abi::Arena) -> PyResult<Py<PyAny>> {
    finish_call(py, Some((ty, slots)), m, args, arena).map(|r| r.unwrap_or_else(|| py.None()))
}

/// After a call: reflects the argument containers back (when there are any) and converts the
/// result (when `result` is given), adopting the arrays the kernel allocated.
pub fn finish_call(py: Python<'_>, result: Option<(&Type, &mut dyn Iterator<Item = u64>)>, m: &Marshalled, args: &Bound<'_, PyTuple>, arena: abi::Arena) -> PyResult<Option<Py<PyAny>>> {
    // The buffers move out of the arena (so that each is owned once, by its Python owner); their
    // descriptors, which the result slots point at, stay alive until the conversion is done.
    let abi::Arena { buffers, views, lists, dicts } = arena;
    let (rcs, descs): (Vec<std::rc::Rc<Buffer>>, Vec<Box<ArrayDesc>>) = buffers.into_iter().unzip();
    let taken = rcs.into_iter().map(|b| (b.as_ptr() as usize, b.len_bytes(), Some(b))).collect();
    let mut results = Results { py, m, args, taken, owners: Vec::new(), lists: &lists, dicts: &dicts };
    let outcome = (|| {
        if !m.lists.is_empty() || !m.dicts.is_empty() {
            results.reflect_containers()?;
        }
        match result {
            Some((ty, slots)) => results.convert(ty, &mut DynSlots(slots)).map(|r| Some(r.unbind())),
            None => Ok(None),
        }
    })();
    drop(results);
    drop((descs, views, lists, dicts));
    outcome
}

/// A borrowed slot iterator as a sized one.
struct DynSlots<'a>(&'a mut dyn Iterator<Item = u64>);

impl Iterator for DynSlots<'_> {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        self.0.next()
    }
}

impl<'py> Results<'_, 'py> {
    /// One result value from its slots (see [`unmarshal`]).
    fn convert(&mut self, ty: &Type, slots: &mut impl Iterator<Item = u64>) -> PyResult<Bound<'py, PyAny>> {
        let (py, m, args) = (self.py, self.m, self.args);
        let mut next = || slots.next().unwrap_or(0);
        Ok(match ty {
            Type::None | Type::Function { .. } => py.None().into_bound(py),
            Type::Scalar(DType::Float64) => PyFloat::new(py, f64::from_bits(next())).into_any(),
            // Numba's dispatcher returns a float32 result as a Python float.
            Type::Scalar(DType::Float32) => PyFloat::new(py, f32::from_bits(next() as u32) as f64).into_any(),
            Type::Scalar(DType::Bool) => PyBool::new(py, next() & 0xff != 0).to_owned().into_any(),
            Type::Scalar(DType::UInt64) => next().into_pyobject(py)?.into_any(),
            // Narrow integers are read at their own width, whatever the slot's upper bits hold.
            Type::Scalar(DType::Int32) => (next() as u32 as i32).into_pyobject(py)?.into_any(),
            Type::Scalar(DType::Int16) => (next() as u16 as i16).into_pyobject(py)?.into_any(),
            Type::Scalar(DType::Int8) => (next() as u8 as i8).into_pyobject(py)?.into_any(),
            Type::Scalar(DType::UInt32) => (next() as u32).into_pyobject(py)?.into_any(),
            Type::Scalar(DType::UInt16) => (next() as u16).into_pyobject(py)?.into_any(),
            Type::Scalar(DType::UInt8) => (next() as u8).into_pyobject(py)?.into_any(),
            Type::Scalar(_) => (next() as i64).into_pyobject(py)?.into_any(),
            // Numba's dispatcher returns complex64 as a Python complex, as it does float32.
            Type::Complex(DType::Complex64) => {
                let re = f32::from_bits(next() as u32) as f64;
                PyComplex::from_doubles(py, re, f32::from_bits(next() as u32) as f64).into_any()
            }
            Type::Complex(_) => {
                let re = f64::from_bits(next());
                PyComplex::from_doubles(py, re, f64::from_bits(next())).into_any()
            }
            Type::Tuple(items) => {
                let mut out = Vec::with_capacity(items.len());
                for t in items {
                    out.push(self.convert(t, slots)?);
                }
                PyTuple::new(py, out)?.into_any()
            }
            Type::Optional(inner) => {
                // `(present, value)`: the value's slots are read either way, to stay in step.
                let present = next() & 0xff != 0;
                let value = self.convert(inner, slots)?;
                if present {
                    value
                } else {
                    py.None().into_bound(py)
                }
            }
            // This host compiles no jitclass (its classes run as Python), so no compiled function
            // it calls has an instance for a result.
            Type::Instance { name, .. } => return Err(PyRuntimeError::new_err(format!("rhumba: compiled code returned a jitclass instance ({name}), which this host cannot box yet"))),
            Type::Str => {
                let ptr = next() as *const abi::ListObject;
                self.traced_string(ptr, "returned")?.into_any()
            }
            Type::Dict { key, value } => {
                let ptr = next() as *const abi::DictObject;
                if let Some((_, host, ..)) = m.dicts.iter().find(|(d, ..)| std::ptr::eq(&**d, ptr)) {
                    return Ok(host.bind(py).clone().into_any());
                }
                let (Some(k), Some(v), Some(d)) = (key, value, self.dicts.iter().find(|d| std::ptr::eq(&***d, ptr))) else {
                    return Err(PyRuntimeError::new_err("rhumba: compiled code returned a dict it cannot trace"));
                };
                let out = py.import("rhumba.typed")?.getattr("Dict")?.call0()?;
                for (ks, vs) in d.entries() {
                    out.set_item(self.dict_part(k, ks)?, self.dict_value(v, vs)?)?;
                }
                out
            }
            Type::List { item, typed } => {
                let ptr = next() as *const abi::ListObject;
                if let Some((_, host, _)) = m.lists.iter().find(|(l, ..)| std::ptr::eq(l.as_const_ptr(), ptr)) {
                    return Ok(host.bind(py).clone().into_any());
                }
                let (Some(item), true) = (item, self.lists.iter().any(|l| std::ptr::eq(l.as_const_ptr(), ptr))) else {
                    return Err(PyRuntimeError::new_err("rhumba: compiled code returned a list it cannot trace"));
                };
                let items = self.list_items(ptr, item)?;
                if *typed {
                    py.import("rhumba.typed")?.getattr("List")?.call1((items,))?
                } else {
                    items.into_any()
                }
            }
            Type::Array { dtype, .. } => {
                let ptr = next() as *const ArrayDesc;
                // SAFETY: compiled code returns the address of a live descriptor: one of the
                // arguments', or one in the arena it allocated during this call.
                let desc = unsafe { &*ptr };
                // An argument returned as it is: its own descriptor (Cranelift's code), or a new one
                // describing it exactly (the optimising tier's) — the same object either way.
                if let Some(k) = m.descs.iter().position(|d| same_array(d, desc)) {
                    let slot = m.desc_slots.iter().find(|(_, d)| *d == k).map(|(s, _)| *s);
                    if let Some(arg) = slot.and_then(|s| argument_at_slot(args, s)) {
                        return Ok(arg);
                    }
                }
                // An array from an argument list, as it is; or a view of one's memory.
                if let Some((_, array)) = m.item_arrays.iter().find(|(d, _)| std::ptr::eq(&**d, ptr) || same_array(d, desc)) {
                    return Ok(array.bind(py).clone());
                }
                let data = desc.data as usize;
                for (_, array) in &m.item_arrays {
                    if let Ok(a) = array.bind(py).cast::<PyUntypedArray>() {
                        if memory_extent(a).is_some_and(|(lo, hi)| (lo..=hi).contains(&data)) {
                            return numpy_view(py, *dtype, desc, array.bind(py).clone());
                        }
                    }
                }
                // A view of an argument's memory: base it on that argument.
                for a in args.iter() {
                    if let Ok(array) = a.cast::<PyUntypedArray>() {
                        if let Some((lo, hi)) = memory_extent(array) {
                            if (lo..=hi).contains(&data) {
                                return numpy_view(py, *dtype, desc, a.clone());
                            }
                        }
                    }
                }
                // Memory the kernel allocated: one owner object per buffer, shared by its views.
                let Some(k) = self.taken.iter().position(|(start, len, _)| (*start..=*start + *len).contains(&data)) else {
                    return Err(PyRuntimeError::new_err("rhumba: compiled code returned an array whose storage cannot be traced"));
                };
                let start = self.taken[k].0;
                if let Some((_, owner)) = self.owners.iter().find(|(s, _)| *s == start) {
                    return numpy_view(py, *dtype, desc, owner.clone());
                }
                let rc = self.taken[k].2.take().ok_or_else(|| PyRuntimeError::new_err("rhumba: a kernel buffer was taken twice"))?;
                let owner: Bound<'py, PyAny> = match std::rc::Rc::try_unwrap(rc) {
                    Ok(buffer) => Bound::new(py, OwnedBuffer { buffer })?.into_any(),
                    // Still shared (it should not be): copy it into a buffer of its own.
                    Err(shared) => {
                        let copy = Buffer::zeroed(shared.len_bytes());
                        // SAFETY: both buffers hold `len_bytes` bytes and do not overlap.
                        unsafe { std::ptr::copy_nonoverlapping(shared.as_ptr(), copy.as_ptr(), shared.len_bytes()) };
                        let moved = Bound::new(py, OwnedBuffer { buffer: copy })?.into_any();
                        let offset = data - start;
                        let mut d = *desc;
                        d.data = moved.cast::<OwnedBuffer>().map(|b| b.get().buffer.as_ptr()).map_err(PyErr::from)?.wrapping_add(offset);
                        return numpy_view(py, *dtype, &d, moved);
                    }
                };
                self.owners.push((start, owner.clone()));
                numpy_view(py, *dtype, desc, owner)?
            }
        })
    }
}

/// Whether two descriptors describe the same elements in the same way.
fn same_array(a: &ArrayDesc, b: &ArrayDesc) -> bool {
    let n = a.ndim.clamp(0, MAX_DIMS as i64) as usize;
    a.data == b.data && a.ndim == b.ndim && a.shape[..n] == b.shape[..n] && a.strides[..n] == b.strides[..n]
}

/// The argument whose (first) slot is `slot`, when it is an array passed directly.
fn argument_at_slot<'py>(args: &Bound<'py, PyTuple>, slot: usize) -> Option<Bound<'py, PyAny>> {
    let mut at = 0;
    for a in args.iter() {
        if at == slot {
            return Some(a);
        }
        at += slot_count(&a);
        if at > slot {
            return None;
        }
    }
    None
}

fn slot_count(v: &Bound<'_, PyAny>) -> usize {
    match v.cast::<PyTuple>() {
        Ok(t) => t.iter().map(|i| slot_count(&i)).sum(),
        Err(_) => 1,
    }
}

/// The byte range an array's elements span.
fn memory_extent(a: &Bound<'_, PyUntypedArray>) -> Option<(usize, usize)> {
    let ptr = a.as_array_ptr();
    // SAFETY: `ptr` is the live array object `a` holds.
    let data = unsafe { (*ptr).data as isize };
    let item = a.dtype().itemsize() as isize;
    let (mut lo, mut hi) = (data, data + item);
    for (n, s) in a.shape().iter().zip(a.strides()) {
        if *n == 0 {
            return None;
        }
        let reach = (*n as isize - 1) * *s;
        if reach < 0 {
            lo += reach;
        } else {
            hi += reach;
        }
    }
    Some((lo as usize, hi as usize))
}

/// Copies a module-level numpy array for compiled code to read (Numba freezes global arrays).
pub fn freeze_array(host: &mut Host, v: &Bound<'_, PyAny>) -> PyResult<Option<Frozen>> {
    let np = v.py().import("numpy")?;
    let contiguous = np.call_method1("ascontiguousarray", (v,))?;
    let Ok(a) = contiguous.cast::<PyUntypedArray>() else { return Ok(None) };
    let Some(dtype) = array_dtype(a) else { return Ok(None) };
    if a.ndim() > MAX_DIMS {
        return Ok(None);
    }
    let shape = a.shape().to_vec();
    let ptr = a.as_array_ptr();
    // SAFETY: a C-contiguous array's data holds exactly the product of its shape elements.
    let source = unsafe { (*ptr).data as *const u8 };
    let desc = host.freeze_array(dtype, &shape, |bytes| {
        // SAFETY: `bytes` is as long as the contiguous array's data, which stays alive (held by
        // `contiguous`) during the copy.
        unsafe { std::ptr::copy_nonoverlapping(source, bytes.as_mut_ptr(), bytes.len()) };
    });
    Ok(Some(Frozen::Array { desc, dtype, ndim: shape.len() }))
}
