//! Real numpy ufuncs for `@vectorize`: each loop is a compiled 1-d kernel
//! `loop(a0, ..., out)` that numpy's inner-loop protocol calls with its strided buffers, so
//! that broadcasting, `out=`, casting, `reduce`/`accumulate` and `__array_ufunc__` dispatch
//! are numpy's own.

use std::ffi::{c_char, c_void, CString};

use numpy::npyffi::{npy_intp, PyUFuncGenericFunction, PY_UFUNC_API};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use rhumba_runtime::abi::{self, ArrayDesc, EntryFn, ErrorSlot, MAX_DIMS};
use rhumba_runtime::DType;

/// What one loop needs: the compiled 1-d kernel and how many operands it takes.
struct LoopData {
    entry: EntryFn,
    operands: usize,
}

/// numpy's inner loop: operand `k` holds `dimensions[0]` elements `steps[k]` bytes apart from
/// `args[k]`; the compiled kernel gets them as 1-d array descriptors.
unsafe extern "C" fn inner_loop(args: *mut *mut c_char, dimensions: *mut npy_intp, steps: *mut npy_intp, data: *mut c_void) {
    // SAFETY: numpy passes back the `LoopData` registered with this loop (leaked, so alive),
    // `operands` buffer pointers and steps, and at least one dimension.
    let (d, n) = unsafe { (&*(data as *const LoopData), *dimensions) };
    if n <= 0 {
        return;
    }
    let mut descs: Vec<ArrayDesc> = Vec::with_capacity(d.operands);
    for k in 0..d.operands {
        let mut desc = ArrayDesc { data: std::ptr::null_mut(), ndim: 1, shape: [0; MAX_DIMS], strides: [0; MAX_DIMS] };
        // SAFETY: `k` is below the operand count numpy was told at creation.
        unsafe {
            desc.data = *args.add(k) as *mut u8;
            desc.strides[0] = *steps.add(k) as i64;
        }
        desc.shape[0] = n as i64;
        descs.push(desc);
    }
    let slots: Vec<u64> = descs.iter().map(|d| d as *const ArrayDesc as u64).collect();
    let mut results = [0u64; 2];
    let mut error = ErrorSlot::default();
    // SAFETY: the kernel was compiled for one 1-d array per operand of exactly these dtypes
    // (numpy picked this loop by them) and returns nothing; the descriptors describe numpy's
    // buffers for this call.
    unsafe { (d.entry)(slots.as_ptr(), results.as_mut_ptr(), &mut error) };
    drop(abi::take_arena());
    if error.code != abi::ERR_NONE {
        let (exception, message) = abi::describe_error(error.code, error.index, error.axis, error.bound);
        Python::attach(|py| {
            let err = match exception {
                "ZeroDivisionError" => pyo3::exceptions::PyZeroDivisionError::new_err(message),
                "IndexError" => pyo3::exceptions::PyIndexError::new_err(message),
                _ => PyValueError::new_err(format!("{exception}: {message}")),
            };
            err.restore(py);
        });
    }
}

/// A numpy ufunc named `name` with `nin` inputs and one output, whose loops are
/// `(dtype names of inputs and output, compiled loop address)`. Its memory lives as long as
/// the process (ufuncs are made once per decorated function and signature).
#[pyfunction]
pub fn make_ufunc(py: Python<'_>, name: &str, doc: &str, nin: usize, loops: Vec<(Vec<String>, usize)>, identity: Option<i32>) -> PyResult<Py<PyAny>> {
    if loops.is_empty() {
        return Err(PyTypeError::new_err("a ufunc needs at least one loop"));
    }
    let operands = nin + 1;
    let mut functions: Vec<PyUFuncGenericFunction> = Vec::new();
    let mut data: Vec<*mut c_void> = Vec::new();
    let mut types: Vec<c_char> = Vec::new();
    for (dtypes, address) in &loops {
        if dtypes.len() != operands {
            return Err(PyTypeError::new_err("a loop's dtypes do not match the ufunc's operands"));
        }
        for t in dtypes {
            let d = DType::from_name(t).ok_or_else(|| PyTypeError::new_err(format!("unknown dtype {t}")))?;
            types.push(crate::values::type_number(d) as c_char);
        }
        // SAFETY: the address is an `EntryFn` the host compiled and never frees.
        let entry = unsafe { std::mem::transmute::<usize, EntryFn>(*address) };
        data.push(Box::into_raw(Box::new(LoopData { entry, operands })) as *mut c_void);
        functions.push(Some(inner_loop));
    }
    let name = CString::new(name).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let doc = CString::new(doc).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let ntypes = loops.len() as i32;
    // numpy keeps these pointers for the ufunc's lifetime: leak them.
    let functions = Box::leak(functions.into_boxed_slice());
    let data = Box::leak(data.into_boxed_slice());
    let types = Box::leak(types.into_boxed_slice());
    let (name, doc) = (name.into_raw(), doc.into_raw());
    // SAFETY: every array has `ntypes` entries (types: `ntypes * operands`), all leaked, so
    // they outlive the ufunc; identity -1 is numpy's `PyUFunc_None`.
    let raw = unsafe {
        PY_UFUNC_API.PyUFunc_FromFuncAndData(py, functions.as_mut_ptr(), data.as_mut_ptr(), types.as_mut_ptr(), ntypes, nin as i32, 1, identity.unwrap_or(-1), name, doc, 0)
    };
    // SAFETY: a new reference, or null with a Python error set.
    unsafe { Bound::from_owned_ptr_or_err(py, raw) }.map(Bound::unbind)
}
